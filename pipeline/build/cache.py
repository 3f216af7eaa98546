"""Remember what the last build made from what, so the next one redoes only what changed.

Three records, all JSON written atomically next to the output:

- ``output/.vanban-stamp.json``, the **stamp**: a digest of every input (each source
  file, the template, the register rows, the program itself). When none changed and
  every output file is still as it was left, the build stops there, before parsing a
  single source.
- ``output/<campaign>/.vanban-cache.json``, one per campaign: for each document, the
  key of what its DOCX was made from and the file it left (sha256, size, mtime).
  A document is rendered again only when its key changed or its file was touched.
  One document a line (``CacheText``), so that an edit replaces the lines of the few
  documents it redoes instead of decoding and encoding them all.
- ``output/.vanban-cache.json``: the registry as validated, with the digests of the
  files it came from. A large registry (every commune of the country) costs more to
  read and check than one edited document to rebuild; while its files stay the same
  the build takes it from here (``keys``, with the document keys: a build with nothing
  changed needs neither, nor the model they are made of). One body a line, each decoded
  when an edit first asks for it.

A document's key is a digest of exactly what ``template_context`` receives for it (the
document, its parent, the body named at the head of its header, the documents its
bases cite), plus the template's bytes and the program's fingerprint. Source locations
are left out: an edit that moves a document down the YAML file does not change what
is printed. The program's fingerprint is ``pipeline.__version__`` and the bytes of
every module of the package, so an edited module is a new program even when nobody
bumped the version.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pipeline
from pipeline.errors import PipelineError, Problem, SourceLocation
from pipeline.files import atomic_write, parse_json, read_json_file, read_regular
from pipeline.installed import installed_versions

STAMP = ".vanban-stamp.json"
CAMPAIGN_CACHE = ".vanban-cache.json"  # in output/<campaign>/: its documents
REGISTRY_CACHE = ".vanban-cache.json"  # in output/: the registry
FORMAT = 1  # of the stamp; another number is read as "no record" (the caches have their own)
CAMPAIGN_FORMAT = 2  # of a campaign's cache (one document a line: ``CacheText``); 1 held them on one line


LIBRARIES = ("docxtpl", "python-docx", "jinja2", "markupsafe")  # those that shape a DOCX, beside this package


@lru_cache(maxsize=2)
def program_fingerprint(variant: str = "") -> str:
    """Return a digest of the program: its version, the bytes of every module of the package,
    the versions of the libraries that shape a DOCX (zlib's deflate included), and ``variant``
    (the build's options that change what it checks, such as linting)."""
    root = Path(pipeline.__file__).resolve().parent
    digest = hashlib.sha256(f"vanban {pipeline.__version__}\n{variant}\nzlib {zlib.ZLIB_RUNTIME_VERSION}\n".encode())
    versions = installed_versions(LIBRARIES)
    for library in LIBRARIES:
        if library in versions:  # one not installed is left out, as importlib.metadata's PackageNotFoundError was
            digest.update(f"{library} {versions[library]}\n".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


MAX_INPUT_BYTES = 256 * 1024 * 1024  # a source, the template, a manifest: far below this


def file_digest(path: Path) -> str:
    """Return the sha256 of a regular file; what cannot be read as one gets a digest no file has.

    Sources are hashed before they are checked: a FIFO or a link to /dev/zero must not hang
    or fill the memory here (``files.read_regular``); validation then says what is wrong.
    """
    try:
        return hashlib.sha256(read_regular(path, MAX_INPUT_BYTES)).hexdigest()
    except (OSError, PipelineError):
        return f"unreadable {os.getpid()} {time.monotonic_ns()}"


def register_digests(register_path: Path) -> dict[str, str]:
    """Return campaign → digest of its register rows (numbers, dates, content hashes); {} with no register."""
    if not register_path.exists():
        return {}
    # A register that cannot be read now matches no earlier digest: the build then does
    # everything again (and its Register reports what is wrong), never trusts old output.
    unreadable = {"": f"unreadable {os.getpid()} {os.times().elapsed}"}
    try:
        # Not mode=ro: a read-only connection that closes last leaves the -wal and -shm files behind.
        db = sqlite3.connect(str(register_path))
    except sqlite3.Error:
        return unreadable
    try:
        db.execute("PRAGMA query_only = ON")
        rows = db.execute("SELECT campaign, document, series, number, notation, date, content_sha256 "
                          "FROM issued ORDER BY campaign, document").fetchall()
    except sqlite3.Error:
        return unreadable
    finally:
        db.close()
    by_campaign: dict[str, Any] = {}
    for row in rows:
        by_campaign.setdefault(row[0], hashlib.sha256()).update(json.dumps(row[1:], ensure_ascii=False).encode())
    return {campaign: h.hexdigest() for campaign, h in by_campaign.items()}


# --- the stamp ----------------------------------------------------------------------------------------------


@dataclass
class Stamp:
    """Digests of every input of a build, and what it left in the output folder."""

    program: str
    template: str
    registry: dict[str, str]  # registry file (relative to the data folder) → sha256
    campaigns: dict[str, dict]  # campaign file → {"sha256", "campaign" (its id)}
    register: dict[str, str]  # campaign id → digest of its register rows
    manifests: dict[str, str] = field(default_factory=dict)  # campaign id → sha256 of its manifest.json
    # campaign id → {"cache": sha256 of its cache file, "files": listing_digest of its DOCX as the cache records
    # them, "documents": how many}: a build with nothing changed checks its output against these, unparsed
    outputs: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"format": FORMAT, "program": self.program, "template": self.template, "registry": self.registry,
                "campaigns": self.campaigns, "register": self.register, "manifests": self.manifests,
                "outputs": self.outputs}

    @classmethod
    def from_json(cls, data: dict) -> "Stamp | None":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        try:
            return cls(data["program"], data["template"], dict(data["registry"]), dict(data["campaigns"]),
                       dict(data["register"]), dict(data.get("manifests", {})), dict(data.get("outputs", {})))
        except (KeyError, TypeError, ValueError):
            return None


def warnings_json(warnings) -> list[dict]:
    """Return a campaign's warnings as the stamp keeps them, so a build that does not resolve it shows them again."""
    return [{"path": w.location.path, "line": w.location.line, "column": w.location.column, "field": w.field,
             "message": w.message, "hint": w.hint} for w in warnings]


def read_warnings(entry: dict) -> list[Problem]:
    out = []
    for w in entry.get("warnings", ()) if isinstance(entry, dict) else ():
        try:
            out.append(Problem(SourceLocation(w["path"], w["line"], w["column"]), w["field"], w["message"], w["hint"],
                               warning=True))
        except (KeyError, TypeError):
            continue
    return out


def current_stamp(registry_paths: list[Path], campaign_paths: list[Path], data_dir: Path, template: Path,
                  register_path: Path, program: str, previous: "Stamp | None" = None) -> Stamp:
    """Return the digests of the inputs as they are now (campaign ids taken from ``previous`` when unchanged)."""
    def rel(path: Path) -> str:
        return path.relative_to(data_dir).as_posix()

    campaigns = {}
    for path in campaign_paths:
        sha = file_digest(path)
        known = previous.campaigns.get(rel(path)) if previous else None
        campaigns[rel(path)] = {"sha256": sha, "campaign": known["campaign"] if known and known["sha256"] == sha else None}
    return Stamp(program, file_digest(template), {rel(p): file_digest(p) for p in registry_paths},
                 campaigns, register_digests(register_path))


def read_json(path: Path) -> Any:
    """Return a file this program wrote into output/, parsed; None when it is not (a link, a FIFO, too big, not JSON)."""
    try:
        return read_json_file(path, MAX_INPUT_BYTES, follow=False)
    except (OSError, ValueError, PipelineError):
        return None


def read_stamp(output_dir: Path) -> Stamp | None:
    return Stamp.from_json(read_json(output_dir / STAMP))


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- one campaign's cache ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What a document's build left: the key it was made from and its file."""

    key: str
    sha256: str
    size: int
    mtime_ns: int

    def intact(self, path: Path) -> bool:
        """Tell whether the file is still the one this build left (same size and modification time)."""
        try:
            st = path.stat()
        except OSError:
            return False
        return st.st_size == self.size and st.st_mtime_ns == self.mtime_ns


def read_campaign_cache(campaign_dir: Path, program: str, template: str) -> dict[str, Output]:
    """Return document id → Output from the campaign's cache; {} when it is missing or was made otherwise."""
    data = read_json(campaign_dir / CAMPAIGN_CACHE)
    return (outputs_of(data) or {}) if made_by(data, program, template) else {}


def made_by(data: Any, program: str, template: str) -> bool:
    """Tell whether parsed cache data is a campaign cache of this format, program and template."""
    return isinstance(data, dict) and (data.get("format"), data.get("program"), data.get("template")) == \
        (CAMPAIGN_FORMAT, program, template)


def outputs_of(data: dict) -> dict[str, Output] | None:
    """Document id → Output of a campaign cache's data; None when it holds them otherwise."""
    try:
        return {doc_id: Output(*entry) for doc_id, entry in data["documents"].items()}
    except (KeyError, TypeError, AttributeError):
        return None


def listing_digest(files) -> str:
    """Return a digest of (file name, size, modification time in ns) triples, whatever their order."""
    return hashlib.sha256("".join(sorted(f"{name}\0{size}\0{mtime}\n" for name, size, mtime in files))
                          .encode()).hexdigest()


def outputs_summary(cache_bytes: bytes, outputs: dict[str, Output]) -> dict:
    """Return what the stamp keeps of a campaign's output: its cache file's digest and its DOCX as recorded."""
    return {"cache": hashlib.sha256(cache_bytes).hexdigest(), "documents": len(outputs),
            "files": listing_digest((f"{doc_id}.docx", o.size, o.mtime_ns) for doc_id, o in outputs.items())}


def folder_listing(campaign_dir: Path, hidden: Callable[[int, list[str]], object] | None = None) -> str | None:
    """Return the listing_digest of the DOCX in a campaign folder as they are now (links as links); None if unreadable.

    One directory read and one lstat per file: as strict as checking each file against the
    campaign's cache (a file added, removed, replaced, written or touched changes it), without
    parsing the cache. ``hidden``: given the folder's descriptor and the ``.*.tmp`` names met on
    the way (a killed build's temporaries: ``lock.remove_stale_in``), so that no second read of
    the folder looks for them.
    """
    try:
        # Read through the folder's own descriptor (never a link to a folder elsewhere): each lstat
        # then looks up one name, not the whole path again (100k files: 0.43 → 0.39 s).
        fd = os.open(campaign_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            with os.scandir(fd) as entries:
                files, temporaries = [], []
                for entry in entries:
                    if entry.name.endswith(".docx"):
                        st = entry.stat(follow_symlinks=False)
                        files.append((entry.name, st.st_size, st.st_mtime_ns))
                    elif entry.name[:1] == "." and entry.name.endswith(".tmp"):
                        temporaries.append(entry.name)
        except OSError:
            return None
        if hidden is not None and temporaries:
            hidden(fd, temporaries)  # what it cannot remove is said as the lock's own sweep says it
    finally:
        os.close(fd)
    return listing_digest(files)


def campaign_cache_bytes(program: str, template: str, outputs: dict[str, Output], pieces: dict | None = None) -> bytes:
    """Return a campaign's cache: its documents' outputs, the pieces of its file (``pipeline.build.edits``), and
    its DOCX listing as the stamp digests it; laid out as ``CacheText`` reads it."""
    head = {"format": CAMPAIGN_FORMAT, "program": program, "template": template, "pieces": pieces}
    names = sorted(outputs, key=lambda doc_id: f"{doc_id}.docx")  # the listing's order (see CacheText)
    lines = [_entry_line(doc_id, outputs[doc_id]) for doc_id in names]
    listing = "".join(_listing_line(doc_id, outputs[doc_id]) for doc_id in names)
    return b"".join([json_bytes(head)[:-2], b',"documents":{\n', b",\n".join(lines),
                     b"\n" if lines else b"", _tail(listing)])


def _entry_line(doc_id: str, o: Output) -> bytes:
    return (json.dumps(doc_id, ensure_ascii=False) + f':["{o.key}","{o.sha256}",{o.size},{o.mtime_ns}]').encode()


def _listing_line(doc_id: str, o: Output) -> str:
    return f"{doc_id}.docx\0{o.size}\0{o.mtime_ns}\n"  # as listing_digest joins a file's line


def _tail(listing: str) -> bytes:
    return b'},"files":' + json.dumps(listing, ensure_ascii=False).encode() + b"}\n"


class CacheText:
    """A campaign's cache as ``campaign_cache_bytes`` wrote it, whose documents' entries can be replaced in its bytes.

    Speed: at 100k a campaign's cache is 7 MB, 30,000 documents; decoding it to redo the
    few documents an edit touches, encoding it again and listing its files for the stamp
    cost 0.15 s of a one-leaf edit. Its layout lets an edit read and replace only what it
    redoes: the first line holds everything but the documents (format, program, template,
    the pieces), then one line a document (``"id":[key,sha256,size,mtime_ns]``, sorted by
    file name), then a last line with the DOCX listing exactly as ``listing_digest`` hashes it
    (a JSON string: one ``name\\0size\\0mtime`` line a document, in the same order), so the
    stamp's summary of the output is one digest of it. It is still one JSON object.

    Every method answers None on anything else (a cache of another layout, planted or cut):
    the caller then takes the full build, never a misreading.
    """

    DOCUMENTS = b',"documents":{'
    FILES = b'},"files":"'

    def __init__(self, data: bytes):
        self.data = data
        first = data.find(b"\n")
        last = data.rfind(b"\n", 0, len(data) - 1) + 1
        ok = 0 <= first < last and data.endswith(b'"}\n') and data.startswith(self.FILES, last)
        self._body = (first, last) if ok and data[:first].endswith(self.DOCUMENTS) else None

    def head(self) -> dict | None:
        """Return the first line's members (format, program, template, pieces), or None."""
        if self._body is None:
            return None
        try:
            head = parse_json(self.data[:self._body[0] - len(self.DOCUMENTS)] + b"}")
        except (ValueError, UnicodeDecodeError):
            return None
        return head if isinstance(head, dict) and "documents" not in head and "files" not in head else None

    def span(self, doc_id: str) -> tuple[int, int] | None:
        """Return where the entry of ``doc_id`` starts and ends (its line, without comma), or None if it has not one."""
        if self._body is None:
            return None
        first, last = self._body
        head = b"\n" + json.dumps(doc_id, ensure_ascii=False).encode() + b":["
        start = self.data.find(head, first, last)
        if start < 0 or self.data.find(head, start + 1, last) >= 0:
            return None
        end = self.data.find(b"\n", start + 1, last)
        if end < 0:
            return None
        return start + 1, end - 1 if self.data[end - 1:end] == b"," else end

    def entry(self, doc_id: str) -> tuple[tuple[int, int], Output, tuple[int, int]] | None:
        """Return where the entry of ``doc_id`` is, the Output it holds, and where its line of the listing is; or
        None when it has not one such entry, or its line of the listing is not there once."""
        span = self.span(doc_id)
        output = None if span is None else self.output(doc_id, span)
        listed = None if output is None else self._listing_span(_escaped(_listing_line(doc_id, output)))
        return None if listed is None else (span, output, listed)

    def output(self, doc_id: str, span: tuple[int, int]) -> Output | None:
        """Return the Output the entry at ``span`` holds for ``doc_id``, or None when it is not one."""
        try:
            entry = parse_json(b"{" + self.data[span[0]:span[1]] + b"}")
            (found, value), = entry.items()
            key, sha, size, mtime = value
        except (ValueError, UnicodeDecodeError, TypeError, AttributeError):
            return None
        if found != doc_id or not (isinstance(key, str) and isinstance(sha, str) and _count(size) and _count(mtime)):
            return None
        output = Output(key, sha, size, mtime)
        return output if _entry_line(doc_id, output) == self.data[span[0]:span[1]] else None

    def outputs(self) -> dict[str, Output] | None:
        """Return every document's Output (the whole cache decoded), or None."""
        if self._body is None:
            return None
        try:
            return outputs_of(parse_json(self.data))
        except (ValueError, UnicodeDecodeError):
            return None

    def replaced(self, head: dict, entries: dict[str, tuple[tuple, Output]]) -> tuple[bytes, dict] | None:
        """Return the cache with its first line made of ``head`` and, for each document id, its entry and its line
        of the listing (where ``entry`` found them, given with the new Output) holding its new Output; and the
        stamp's summary of it (as ``outputs_summary`` makes it). None when this is not a cache ``entry`` reads."""
        if self._body is None:
            return None
        first, last = self._body
        was = memoryview(self.data)  # slices of it are not copies: the bytes are copied once, by the join
        out, cut, lines = [json_bytes(head)[:-2] + self.DOCUMENTS + b"\n"], first + 1, []
        for doc_id, ((span, _old, listed), new) in sorted(entries.items(), key=lambda item: item[1][0][0]):
            if span[0] < cut:  # the same entry twice
                return None
            out += [was[cut:span[0]], _entry_line(doc_id, new)]
            cut = span[1]
            lines.append((listed, _escaped(_listing_line(doc_id, new))))
        out.append(was[cut:last])
        cut = last
        for (start, end), line in sorted(lines):
            out += [was[cut:start], line]
            cut = end
        out.append(was[cut:])
        data = b"".join(out)
        tail = data.rfind(b"\n", 0, len(data) - 1) + 1
        try:
            files = parse_json(memoryview(data)[tail + len(self.FILES) - 1:-2].tobytes())
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(files, str):
            return None
        # A line of the listing a document (the lines of its entries, replaced one for one, are as many)
        return data, {"cache": hashlib.sha256(data).hexdigest(), "documents": files.count("\n"),
                      "files": hashlib.sha256(files.encode()).hexdigest()}

    def _listing_span(self, line: bytes) -> tuple[int, int] | None:
        """Return where the (JSON-escaped) listing line ``line`` is in the last line, starting a line of it, once."""
        start = self._body[1] + len(self.FILES)
        hits = [start] if self.data.startswith(line, start) else []
        needle = b"\\n" + line
        at = self.data.find(needle, start)
        while at >= 0 and len(hits) < 2:
            hits.append(at + 2)
            at = self.data.find(needle, at + 1)
        return (hits[0], hits[0] + len(line)) if len(hits) == 1 else None


def _escaped(text: str) -> bytes:
    """Return ``text`` as it is inside a JSON string that ``json_bytes`` wrote."""
    return json.dumps(text, ensure_ascii=False).encode()[1:-1]


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache file atomically, without forcing it to disk: a lost cache only costs a rebuild."""
    atomic_write(path, data, durable=False)  # an exclusive temporary name no one can plant a link at


def remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
