"""Write rendered documents and the manifest into output/, never half a file or half a build.

Every file is written to a temporary name in the same folder and renamed into
place, so a file is either as it was or fully new. A build's new files are
first staged in ``<campaign>/.vanban-moi/`` with the new manifest; writing the
mark ``XONG`` there is the commit point, after which they are moved into place,
the manifest last. ``recover`` finishes a committed stage and drops one that
was not, so a build killed at any moment leaves a campaign's folder as it was
or as the new build made it, never some files of each.

A build writes its DOCX files without forcing each to disk (one fsync per file
cost more than rendering it) and calls ``sync_to_disk`` once per campaign, before
its commit mark: after a power cut a manifest still names only files that reached the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.files import FILE_MODE, MAX_JSON_BYTES, atomic_write, holds, is_own_file, named, own_folder, \
    read_json_file, read_regular
from pipeline.i18n import _
from pipeline.model import Document, DocumentTree

MANIFEST = "manifest.json"
STAGE = ".vanban-moi"  # a build's new files, moved into place only once all are written
COMMIT_MARK = "XONG"  # written last into the stage: from then on the stage is the campaign's new state


@dataclass(frozen=True)
class WrittenDocument:
    document: Document
    path: Path
    sha256: str


def document_path(output_dir: Path, doc: Document) -> Path:
    """Return the stable path of a document's DOCX: output/<campaign>/<id>.docx."""
    return output_dir / doc.campaign / f"{doc.id}.docx"


def staged_path(path: Path) -> Path:
    """Return where a build stages the new version of ``path``."""
    return path.parent / STAGE / path.name


def current_path(path: Path) -> Path:
    """Return the newest version of a document during a build: staged if there is one."""
    staged = staged_path(path)
    return staged if staged.exists() else path


def write_documents(files: list[tuple[Path, bytes]]) -> list[tuple[str, os.stat_result]]:
    """Stage each (path, DOCX bytes) unless the same bytes are already in place; return each one's
    sha256 and the stat of the file the build keeps (staged, or the one in place).

    What is in place is read only if it is a regular file itself: a link planted at a
    document's name (to /dev/zero, to a file elsewhere) is never followed, only replaced.
    No temporary name and rename in the stage: nobody reads it, and it is moved into place
    only after its commit mark, written once every file in it is complete (a build killed
    before that leaves a stage that ``recover`` drops). Not forced to disk one by one:
    ``sync_to_disk`` does it once before the commit mark.

    Speed: each campaign's stage is checked (no link at any level) and opened once for all
    the files of the call, and each file is made in the open folder, which no link swapped
    in later can redirect; its size and time come from the open file (1,000 documents:
    ~10 system calls each before, 5 now).
    """
    out = []
    folders: dict[Path, int] = {}
    try:
        for path, data in files:
            digest = hashlib.sha256(data).hexdigest()
            if holds(path, data):
                out.append((digest, current_path(path).stat()))
                continue
            stage = path.parent / STAGE
            folder = folders.get(stage)
            if folder is None:
                own_folder(stage, path.parent.parent)  # output/<campaign>/.vanban-moi, no link at any level
                folder = folders[stage] = os.open(stage, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            out.append((digest, _write_staged(folder, path.name, data, stage)))
    finally:
        for folder in folders.values():
            os.close(folder)
    return out


def _write_staged(folder: int, name: str, data: bytes, stage: Path) -> os.stat_result:
    """Write one file into the open stage ``folder`` under ``name``; return its stat."""
    try:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE, dir_fd=folder)
    except OSError as exc:  # named by the whole path, not the name in the folder
        raise type(exc)(exc.errno, exc.strerror, str(stage / name)) from None
    try:
        os.fchmod(fd, FILE_MODE)  # whatever the umask, as atomic_write
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return os.fstat(fd)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=folder)
        raise named(exc, stage / name) from None
    finally:
        os.close(fd)


def sync_to_disk() -> None:
    """Force every file written so far to disk: one call for a whole build instead of one per file."""
    if hasattr(os, "sync"):  # POSIX; elsewhere the files are left to the system
        os.sync()


def manifest_entry(doc: Document, path: Path, sha256: str, campaign_dir: Path) -> dict:
    return {
        "id": doc.id,
        "parent": doc.parent,
        "issuer": doc.issuer.id,
        "system": doc.system,
        "type": doc.type,
        "number": doc.number,
        "notation": doc.notation,
        "date": (doc.issued_date or doc.date).isoformat(),
        "subject": doc.subject,
        "signer": doc.signer.name,
        "recipients": list(doc.addressees) + [r for r in doc.recipients if r not in doc.addressees],
        "file": path.name if path.parent == campaign_dir else path.relative_to(campaign_dir).as_posix(),
        "sha256": sha256,
    }


def write_manifest(tree: DocumentTree, written: list[WrittenDocument], output_dir: Path,
                   warnings: list[str] | None = None) -> Path:
    """Commit a campaign: its staged files and manifest move into place.

    A DOCX the previous manifest named (this tool wrote it) and no document owns now is
    removed; any other DOCX in the folder is not this tool's: it is reported in
    ``warnings`` and left alone.
    """
    campaign_dir = output_dir / tree.campaign.id
    own_folder(campaign_dir, output_dir)
    manifest = {
        "campaign": tree.campaign.id,
        "name": tree.campaign.name,
        "generator": f"vanban {__version__}",
        "documents": [manifest_entry(w.document, w.path, w.sha256, campaign_dir) for w in written],
    }
    path = campaign_dir / MANIFEST
    data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    written_before = manifest_files(path)
    commit_campaign(campaign_dir, data, output_dir)
    owned = {w.path.name for w in written}
    for stale in sorted(campaign_dir.glob("*.docx")):
        if stale.name in owned:
            continue
        if stale.name in written_before and is_own_file(stale):
            stale.unlink()
        elif warnings is not None:
            warnings.append(_("Cảnh báo: {path} không do vanban tạo (không có trong manifest); vanban để nguyên "
                              "tệp này.").format(path=stale))
    return path


def commit_campaign(campaign_dir: Path, manifest: bytes, output_dir: Path, before: bytes | None = None) -> None:
    """Stage the manifest ``manifest`` (unless it is the one in place), then move every staged file into place.

    ``before``: the bytes of the manifest in place, when the caller read them (and held them to the stamp's
    digest) under the build's lock: not read again (18 MB at 100k).
    """
    path = campaign_dir / MANIFEST
    stage = campaign_dir / STAGE
    if before is not None:
        unchanged = before == manifest
    else:
        try:
            unchanged = read_regular(path, MAX_JSON_BYTES, follow=False) == manifest
        except (OSError, PipelineError):
            unchanged = False
    if not unchanged:
        own_folder(stage, output_dir)
        atomic_write(stage / MANIFEST, manifest)
    if os.path.lexists(stage):
        own_folder(stage, output_dir, create=False)  # a link planted here is refused, never rolled forward
        sync_to_disk()  # every staged file on disk before the commit mark says they are the new state
        atomic_write(stage / COMMIT_MARK, b"")
        roll_forward(campaign_dir)


class ManifestText:
    """A manifest as ``write_manifest`` wrote it, whose documents' entries can be replaced in its text.

    Speed: after an edit the build replaces the entries of the few documents it redid
    (``pipeline.build.edits``) instead of writing every entry again (Python's JSON writer
    with indentation costs a tenth of a millisecond an entry). The text is the one
    ``write_manifest`` would write: ``json.dumps(…, indent=2)`` puts each entry of the
    document list at four spaces, its keys at six, and no newline inside a string.
    """

    def __init__(self, data: bytes):
        # Bytes, never decoded: at 100k a manifest is 18 MB, and decoding it and encoding it
        # again cost 0.06 s of a one-leaf edit. UTF-8 finds a head only where it starts a character.
        self.data = data

    def span(self, doc_id: str) -> tuple[int, int] | None:
        """Return where the entry of ``doc_id`` starts and ends in the text, or None if it has none there."""
        # Looked for from its "id" on (three times faster than from the newline before it: one byte in fifty is
        # a newline), then held to the margin before it: the entry's head must be there once.
        margin, key = b"\n    {\n      ", ('"id": ' + json.dumps(doc_id, ensure_ascii=False) + ",\n").encode("utf-8")
        found = []
        at = self.data.find(key)
        while at >= 0 and len(found) < 2:
            if self.data[at - len(margin):at] == margin:
                found.append(at - len(margin))
            at = self.data.find(key, at + 1)
        if len(found) != 1:
            return None
        start = found[0]
        end = self.data.find(b"\n    }", start + len(margin) + len(key))
        return None if end < 0 else (start + 1, end + len(b"\n    }"))

    def replaced(self, entries: list[tuple[tuple[int, int], dict]]) -> bytes:
        """Return the text with the entry at each span replaced by the given manifest entry."""
        out, last = [], 0
        for (start, end), entry in sorted(entries, key=lambda item: item[0]):
            out += [self.data[last:start],
                    _indented(json.dumps(entry, ensure_ascii=False, indent=2), "    ").encode("utf-8")]
            last = end
        out.append(self.data[last:])
        return b"".join(out)


def _indented(text: str, margin: str) -> str:
    return margin + text.replace("\n", "\n" + margin)


def manifest_files(path: Path) -> set[str]:
    """Return the file names a manifest lists (what an earlier build wrote); none if it cannot be read."""
    try:
        return {doc["file"] for doc in read_json_file(path, follow=False)["documents"]}
    except (OSError, ValueError, KeyError, TypeError, PipelineError):
        return set()


def campaign_folders(output_dir: Path) -> list[Path]:
    """Return the campaigns' folders in ``output_dir``: real folders only, never a link to one elsewhere."""
    try:
        with os.scandir(output_dir) as entries:
            return sorted(Path(e.path) for e in entries if e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def roll_forward(campaign_dir: Path) -> None:
    """Move a committed stage into place, the manifest last; safe to run again after a kill.

    Only files this build wrote move: regular files, never a link put in a file's place.
    Speed: the two folders are opened once and each file moved by name between them
    (30 CPU-µs a file by path, 20 so).
    """
    stage = campaign_dir / STAGE
    with os.scandir(stage) as found:
        names = sorted(e.name for e in found if e.name not in (COMMIT_MARK, MANIFEST) and not e.name.endswith(".tmp")
                       and e.is_file(follow_symlinks=False))
    source = os.open(stage, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        target = os.open(campaign_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            for name in names + [MANIFEST]:
                with contextlib.suppress(FileNotFoundError):  # moved already by the run that was killed
                    os.replace(name, name, src_dir_fd=source, dst_dir_fd=target)
        finally:
            os.close(target)
    finally:
        os.close(source)
    with contextlib.suppress(FileNotFoundError):
        (stage / COMMIT_MARK).unlink()
    shutil.rmtree(stage, ignore_errors=True)


def recover(output_dir: Path) -> list[Path]:
    """Finish what a killed build committed and drop what it did not; return the campaigns touched.

    Call it holding the output folder's exclusive lock (the build does, and so does verify).
    """
    touched = []
    for campaign_dir in campaign_folders(output_dir):
        stage = campaign_dir / STAGE
        try:
            if not stat.S_ISDIR(os.lstat(stage).st_mode):  # not ours (a link, a file): the build refuses it later
                continue
        except FileNotFoundError:
            continue
        if (stage / COMMIT_MARK).exists():
            roll_forward(stage.parent)
        else:
            shutil.rmtree(stage, ignore_errors=True)
        touched.append(stage.parent)
    return touched
