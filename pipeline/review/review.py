"""Review copies for the people who approve: every document as text, what changed, one page.

For each campaign built into output/<campaign>/ (its manifest.json), ``vanban review``
writes output/<campaign>/review/:

- ``<id>.md``: the text of the DOCX actually built, converted by pandoc, so a
  reviewer reads what will be printed, not the YAML it came from;
- ``changes.md``: a unified diff of every document whose text changed since
  the previous review (its texts kept in ``review/.truoc/``), or since a git
  revision (``--since REV``: the sources at REV are built by this same code in
  a temporary folder), and the documents added and removed;
- ``index.html`` and ``thumbs/<id>.png``: the page (see ``page.py``).

The previous texts are replaced last, in one step, once everything else is
written: a review stopped half-way leaves the next one comparing with the same
baseline.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable

import click
from babel.numbers import format_decimal

from pipeline.build.write import MANIFEST
from pipeline.errors import PipelineError, SourceErrors
from pipeline.files import atomic_write, claimed_folders, is_own_file, own_folder, read_json_file, write_if_changed
from pipeline.i18n import _, current_language
from pipeline.register.store import register_failure
from pipeline.review.campaign import (
    CHANGES,
    PREVIOUS,
    REVIEW_DIR,
    THUMB_STAMP,
    THUMBS,
    Baseline,
    CampaignReview,
    describe_entry,
    fresh_pdf,
)
from pipeline.review.page import text_page, write_page

LO_PROFILES = "libreoffice-review"  # <private folder>/libreoffice-review/<n>: the user's own profiles
CONTEXT_LINES = 2  # lines of context around a change: a paragraph is one line, a blank line between two

HEADING_PREVIOUS = "Thay đổi so với lần xem trước"
HEADING_REVISION = "Thay đổi so với {rev}"
HEADING_ADDED = "Văn bản mới"
HEADING_REMOVED = "Văn bản bị bỏ"
HEADING_CHANGED = "Văn bản có nội dung thay đổi"


# --- what a review finds ---------------------------------------------------------------------------


@dataclass
class ReviewReport:
    campaigns: list[CampaignReview]
    seconds: float
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        docs = sum(len(c.documents) for c in self.campaigns)
        changed = sum(len(c.diffs) for c in self.campaigns)
        added = sum(len(c.added) for c in self.campaigns)
        removed = sum(len(c.removed) for c in self.campaigns)
        pages = ", ".join(str(c.index) for c in self.campaigns)
        head = _("Đã xem lại {n} văn bản trong {s} giây").format(n=docs, s=_seconds(self.seconds))
        baselines = [c.baseline for c in self.campaigns if c.baseline.kind != "first"]
        if baselines:
            head += _("; so với {baseline}: {changed} thay đổi, {added} mới, {removed} bị bỏ").format(
                baseline=baselines[0].label, changed=changed, added=added, removed=removed)
        else:
            head += _("; lần xem đầu tiên, chưa có gì để so sánh")
        return head + ". " + _("Trang xem: {pages}").format(pages=pages)


# --- progress ------------------------------------------------------------------------------------------


class StageProgress:
    """One line per stage on a terminal, redrawn as it goes; nothing at all elsewhere."""

    def __init__(self, stream: IO[str] | None = None, tty: bool | None = None):
        self.stream = stream if stream is not None else click.get_text_stream("stdout")
        if tty is None:
            try:
                tty = self.stream.isatty()
            except (AttributeError, ValueError):
                tty = False
        self.tty = tty
        self._open = False  # a stage line drawn and not ended yet

    def __enter__(self) -> "StageProgress":
        return self

    def __exit__(self, *exc_info) -> None:
        if self._open:  # stopped half-way: end the line so an error starts on its own
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def start(self, label: str) -> None:
        if self.tty:
            self._draw(f"{label}…")

    def update(self, label: str, done: int, total: int) -> None:
        if self.tty:
            self._draw(f"{label}: {done}/{total}")

    def finish(self, label: str, detail: str) -> None:
        if self.tty:
            self._draw(f"{label}: {detail}")
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def _draw(self, text: str) -> None:
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        text = text if len(text) <= width else text[: width - 1] + "…"
        self.stream.write("\r" + text.ljust(width))
        self.stream.flush()
        self._open = True


def _seconds(seconds: float) -> str:
    return format_decimal(round(seconds, 2), format="#,##0.00", locale=current_language())


# --- the command -------------------------------------------------------------------------------------------


def review_output(output_dir: Path, data_dir: Path, register_path: Path, since: str | None = None) -> ReviewReport:
    """``vanban review``: review every campaign under ``output_dir``, then print one summary line."""
    with StageProgress() as progress:
        report = run_review(output_dir, data_dir, register_path, since, progress)
    for warning in report.warnings:
        click.echo(warning, err=True)
    click.echo(report.summary())
    return report


def run_review(output_dir: Path, data_dir: Path, register_path: Path, since: str | None = None,
               progress: StageProgress | None = None) -> ReviewReport:
    """Write output/<campaign>/review/ for every campaign; return what was found."""

    started = time.perf_counter()
    progress = progress or StageProgress(tty=False)
    campaign_dirs = _campaign_dirs(output_dir)
    for d in campaign_dirs:  # written into and cleaned: never through a symbolic link (checked before any work)
        own_folder(d / REVIEW_DIR / THUMBS, d.parent)
    manifests = {d: _read_json(d / MANIFEST) for d in campaign_dirs}
    warnings = _stale_sources(data_dir, campaign_dirs)

    label = _("Chuyển văn bản sang Markdown")
    jobs = [(d, doc["id"], d / doc["file"]) for d in campaign_dirs for doc in manifests[d]["documents"]]
    for _d, _id, docx in jobs:
        if not docx.exists():
            raise PipelineError(_("thiếu tệp {path} mà manifest ghi; hãy chạy vanban build").format(path=docx))
    texts = convert_all([docx for _d, _id, docx in jobs], lambda n: progress.update(label, n, len(jobs)))
    progress.finish(label, _("{n} văn bản").format(n=len(jobs)))

    names = [m["campaign"] for m in manifests.values()]
    previous = {d: read_previous(d / REVIEW_DIR) for d in campaign_dirs}
    baselines: dict = {}
    # The first review compares with git: the last commit when the sources were edited since, else the one before.
    automatic = None if since or all(b.kind != "first" for b in previous.values()) else automatic_revision(data_dir)
    if since or automatic:
        rev, what = (since, None) if since else automatic
        label = _("Dựng văn bản ở phiên bản {rev}").format(rev=rev)
        progress.start(label)
        try:
            baselines = baselines_at_revision(rev, data_dir, register_path, names, what)
        except PipelineError as exc:
            if since:
                raise
            warnings.append(_("Cảnh báo: không so sánh được với {what}: {reason}").format(what=rev, reason=exc))
        progress.finish(label, baselines.pop(None).label if baselines else "—")

    reviews = []
    for d in campaign_dirs:
        manifest = manifests[d]
        own = {doc_id: texts[docx] for cd, doc_id, docx in jobs if cd == d}
        baseline = baselines.get(manifest["campaign"]) if since else previous[d]
        if baseline.kind == "first" and manifest["campaign"] in baselines:
            baseline = baselines[manifest["campaign"]]
        review = compare(d, manifest, own, baseline)
        write_texts(review, warnings)
        write_changes(review)
        reviews.append(review)

    label = _("Ảnh trang đầu")
    progress.start(label)
    made = make_thumbnails(reviews, lambda n, total: progress.update(label, n, total), warnings)
    progress.finish(label, _("{n} ảnh mới").format(n=made))

    label = _("Trang xem")
    body_names = _body_names(data_dir)
    for review in reviews:
        write_page(review, body_names)
    for review in reviews:  # last: a review stopped before here is compared with the same baseline again
        replace_previous(review)
    progress.finish(label, ", ".join(str(r.index) for r in reviews))
    return ReviewReport(reviews, time.perf_counter() - started, list(dict.fromkeys(warnings)))


def _campaign_dirs(output_dir: Path) -> list[Path]:
    dirs = sorted(p.parent for p in output_dir.glob(f"*/{MANIFEST}"))
    if not dirs:
        raise PipelineError(_("không có manifest nào trong {path}; hãy chạy vanban build trước").format(path=output_dir))
    return dirs


def _read_json(path: Path) -> dict:
    try:
        return read_json_file(path)
    except (OSError, ValueError) as exc:  # a FIFO, a device, a file too large: read_regular's own PipelineError
        raise PipelineError(_("không đọc được {path}: {reason}").format(path=path, reason=exc)) from None


def _stale_sources(data_dir: Path, campaign_dirs: list[Path]) -> list[str]:
    """Warn when a source differs from what the last build read: the review shows the DOCX as built.

    The build's stamp holds the digest of every source it read; a source is stale when its bytes
    differ (a build with nothing to redo leaves the manifests' times as they were, so times say
    nothing). Without a stamp (the last build stopped on a finding), a source newer than every
    manifest is.
    """
    if not data_dir.is_dir():
        return []
    from pipeline.build import cache

    stamp = cache.read_stamp(campaign_dirs[0].parent)
    sources = sorted(data_dir.rglob("*.yaml"))
    if stamp is not None:
        read = dict(stamp.registry) | {path: entry.get("sha256") for path, entry in stamp.campaigns.items()}
        newer = [p for p in sources if read.get(p.relative_to(data_dir).as_posix()) != cache.file_digest(p)]
    else:
        built = max((d / MANIFEST).stat().st_mtime for d in campaign_dirs)
        newer = [p for p in sources if _mtime(p) > built]
    if not newer:
        return []
    return [_("Cảnh báo: {path} đã sửa sau lần build cuối; bản xem lại là các văn bản đã build. "
              "Hãy chạy vanban build rồi xem lại.").format(path=newer[0])]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # a broken link, a loop of links: the build says what is wrong with it
        return 0.0


def _body_names(data_dir: Path) -> dict[str, str]:
    """Full names of the issuing bodies from the sources; ids stand in when they cannot be read."""
    from pipeline.sources.validate import validate_sources

    try:
        sources, _problems = validate_sources(data_dir)
    except Exception:  # noqa: BLE001 - a name is a nicety; the page shows the id instead
        return {}
    return {b.id: b.full_name for b in sources.registry.bodies.values()} if sources else {}


# --- DOCX → Markdown ------------------------------------------------------------------------------------


def docx_to_markdown(path: Path) -> str:
    """Return the text of a DOCX as GitHub Markdown, one paragraph per line (diffs stay per paragraph)."""
    import pypandoc

    try:
        text = pypandoc.convert_file(str(path), "gfm", format="docx", extra_args=["--wrap=none"])
    except OSError:
        raise PipelineError(_("không tìm thấy pandoc; hãy chạy scripts/install-system-deps.sh")) from None
    except RuntimeError as exc:
        raise PipelineError(_("pandoc không đọc được {path}: {reason}").format(path=path, reason=exc)) from None
    return normalise(text)


def normalise(text: str) -> str:
    """Pandoc's text without what is layout, not words (column widths); one newline at the end.

    Applied to the previous review's texts too, so a change of these rules shows no change of text.
    """
    text = _COLGROUP.sub("", text.replace("\r\n", "\n"))
    return text.rstrip("\n") + "\n"


# Column widths of the header and signature tables: layout, not text; they would only add noise to the diffs.
_COLGROUP = re.compile(r"^<colgroup>\n(?:<col [^\n]*\n)*</colgroup>\n", re.MULTILINE)


def convert_all(paths: list[Path], done: Callable[[int], None] | None = None) -> dict[Path, str]:
    """Convert DOCX files to Markdown, one pandoc process per core at a time."""
    out: dict[Path, str] = {}
    if not paths:
        return out
    with ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        futures = {pool.submit(docx_to_markdown, p): p for p in paths}
        for future in as_completed(futures):
            out[futures[future]] = future.result()
            if done:
                done(len(out))
    return out


# --- comparing ----------------------------------------------------------------------------------------------


def compare(campaign_dir: Path, manifest: dict, texts: dict[str, str], baseline: Baseline) -> CampaignReview:
    review = CampaignReview(campaign_dir, manifest, texts, baseline)
    ids = [doc["id"] for doc in manifest["documents"]]
    if baseline.kind == "first":
        return review
    for doc_id in ids:
        old = baseline.texts.get(doc_id)
        if old is None:
            review.added.append(doc_id)
        elif old != texts[doc_id]:
            review.diffs[doc_id] = text_diff(doc_id, old, texts[doc_id])
    gone = [doc_id for doc_id in baseline.texts if doc_id not in texts]
    review.removed = [baseline.entries.get(doc_id, {"id": doc_id}) for doc_id in sorted(gone)]
    return review


def text_diff(doc_id: str, old: str, new: str) -> list[str]:
    """Unified diff of two texts, paragraph by paragraph, without line ends."""
    return list(difflib.unified_diff(old.splitlines(), new.splitlines(), f"trước/{doc_id}.md", f"nay/{doc_id}.md",
                                     n=CONTEXT_LINES, lineterm=""))


# --- review/<id>.md and changes.md ----------------------------------------------------------------------


def write_texts(review: CampaignReview, warnings: list[str] | None = None) -> None:
    """Write review/<id>.md and its rendered review/<id>.html for every document; drop those of documents gone.

    Only the texts the last review wrote (its record, review/.truoc/manifest.json) are
    removed; any other .md or .html file is reported and left alone.
    """
    folder = review.review_dir
    by_id = {doc["id"]: doc for doc in review.documents}
    for doc_id, text in review.texts.items():
        _write_if_changed(folder / f"{doc_id}.md", text)
        _write_if_changed(folder / f"{doc_id}.html", text_page(review, by_id[doc_id], text))
    written_before = _previous_ids(folder)
    for stale in sorted([*folder.glob("*.md"), *folder.glob("*.html")]):
        if stale.name in (CHANGES, "index.html") or stale.stem in review.texts:
            continue
        if stale.stem in written_before and is_own_file(stale):
            stale.unlink()
        elif warnings is not None:
            warnings.append(_("Cảnh báo: {path} không do vanban review tạo; vanban để nguyên tệp này.").format(
                path=stale))


def _previous_ids(review_dir: Path) -> set[str]:
    """The documents whose texts the last review wrote (its own record of them)."""
    try:
        meta = read_json_file(review_dir / PREVIOUS / MANIFEST, follow=False)
        return {doc["id"] for doc in meta.get("documents", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, PipelineError):
        return set()


def _write_if_changed(path: Path, text: str) -> None:
    write_if_changed(path, text.encode("utf-8"))


def changes_heading(baseline: Baseline) -> str:
    if baseline.kind == "revision":
        return HEADING_REVISION.format(rev=baseline.label)
    return HEADING_PREVIOUS


def changes_markdown(review: CampaignReview) -> str:
    """The text of changes.md."""
    manifest, baseline = review.manifest, review.baseline
    by_id = {doc["id"]: doc for doc in review.documents}
    out = [f"# {changes_heading(baseline)}", "", f"**{markdown_text(manifest.get('name') or manifest['campaign'])}**", ""]
    if baseline.kind == "first":
        out += ["Đây là lần xem đầu tiên: chưa có bản nào để so sánh. "
                "Lần xem sau sẽ ghi ở đây mọi chỗ đã sửa.", ""]
        return "\n".join(out)
    out += [f"So với {baseline.label}: {len(review.diffs)} văn bản có nội dung thay đổi, "
            f"{len(review.added)} văn bản mới, {len(review.removed)} văn bản bị bỏ.", ""]
    if not (review.diffs or review.added or review.removed):
        out += ["Không có thay đổi nào.", ""]
    out += [f"## {HEADING_ADDED}", ""]
    out += [f"- `{doc_id}` — {markdown_text(describe_entry(by_id[doc_id]))}" for doc_id in review.added] or ["Không có."]
    out += ["", f"## {HEADING_REMOVED}", ""]
    out += [f"- `{markdown_text(entry['id'])}` — {markdown_text(describe_entry(entry))}"
            for entry in review.removed] or ["Không có."]
    out += ["", f"## {HEADING_CHANGED}", ""]
    if not review.diffs:
        out += ["Không có.", ""]
    for doc_id, lines in review.diffs.items():
        fence = _fence(lines)
        out += [f'<a id="{doc_id}"></a>', "", f"### `{doc_id}` — {markdown_text(describe_entry(by_id[doc_id]))}", "",
                f"{fence}diff", *lines, fence, ""]
    return "\n".join(out)


# Text from the sources (a trích yếu, a campaign's name) is text, never Markdown or HTML: a
# "<script>" in a subject must not reach a page that renders changes.md. Each character that
# Markdown (or the HTML it allows) would read is escaped with a backslash, as CommonMark allows
# for any ASCII punctuation; the text reads the same.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|#!])")


def markdown_text(text: str) -> str:
    """Return ``text`` escaped so that Markdown shows it as it is."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _fence(lines: list[str]) -> str:
    """A code fence longer than any run of backticks in the diff."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def write_changes(review: CampaignReview) -> None:
    _write_if_changed(review.review_dir / CHANGES, changes_markdown(review))


# --- the previous review: review/.truoc ---------------------------------------------------------------


def read_previous(review_dir: Path) -> Baseline:
    folder = review_dir / PREVIOUS
    if not folder.is_dir():
        return Baseline("first", _("lần xem đầu tiên"))
    try:
        meta = read_json_file(folder / MANIFEST, follow=False)
    except (OSError, ValueError, PipelineError):
        meta = {}
    texts = {p.stem: normalise(p.read_text(encoding="utf-8")) for p in folder.glob("*.md")}
    entries = {doc["id"]: doc for doc in meta.get("documents", [])}
    when = meta.get("reviewed_at")
    label = _("lần xem trước lúc {when}").format(when=when) if when else _("lần xem trước")
    return Baseline("previous", label, texts, entries)


def replace_previous(review: CampaignReview) -> None:
    """Keep this review's texts as the next one's baseline, swapped in with one rename.

    The texts go into a new folder review/.truoc-XXXX; review/.truoc is a symbolic
    link renamed over the old one, so a reader sees the old set or the new, never a mix.
    """
    folder = review.review_dir
    new = Path(tempfile.mkdtemp(prefix=f"{PREVIOUS}-", dir=folder))
    for doc_id, text in review.texts.items():
        (new / f"{doc_id}.md").write_text(text, encoding="utf-8")
    meta = {"campaign": review.manifest["campaign"], "reviewed_at": time.strftime("%H:%M ngày %d/%m/%Y"),
            "documents": review.documents}
    (new / MANIFEST).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    new.chmod(0o755)
    link = folder / PREVIOUS
    if link.exists() and not link.is_symlink():  # a plain folder left by hand: no atomic swap possible once
        shutil.rmtree(link)
    temp_link = folder / f"{PREVIOUS}.{os.getpid()}.link"
    temp_link.unlink(missing_ok=True)
    os.symlink(new.name, temp_link)
    os.replace(temp_link, link)
    for old in folder.glob(f"{PREVIOUS}-*"):  # folders made by earlier reviews (mkdtemp): real folders, never links
        if old.name != new.name and stat.S_ISDIR(os.lstat(old).st_mode):
            shutil.rmtree(old, ignore_errors=True)


# --- --since REV: the same code on the sources of another revision ---------------------------------


def _git(args: list[str], cwd: Path, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary, timeout=120)
    except FileNotFoundError:
        raise PipelineError(_("không tìm thấy git; --since cần git")) from None


def automatic_revision(data_dir: Path) -> tuple[str, str] | None:
    """What a first review compares with: (revision, how to call it), or None outside git.

    HEAD ("the last commit") when the sources differ from it, so the page shows what was edited
    since; HEAD~1 ("the commit before") when they are as committed, so it shows the last commit.
    """
    try:
        if _git(["rev-parse", "--show-toplevel"], data_dir).returncode != 0:
            return None
        edited = _git(["status", "--porcelain", "--", "."], data_dir).stdout.strip()
        rev, what = ("HEAD", _("lần commit cuối")) if edited else ("HEAD~1", _("commit trước"))
        if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], data_dir).returncode != 0:
            return None
    except (PipelineError, OSError):
        return None
    return rev, what


def baselines_at_revision(rev: str, data_dir: Path, register_path: Path,
                          campaigns: list[str], what: str | None = None) -> dict[str | None, Baseline]:
    """Build the sources of git revision ``rev`` into a temporary folder; return each campaign's texts.

    The key None holds a Baseline whose label names the revision, for messages; ``what`` names it
    in words ("commit trước") instead of by ``rev``.
    """
    if not data_dir.is_dir():
        raise PipelineError(_("không có thư mục nguồn {path}").format(path=data_dir))
    top = _git(["rev-parse", "--show-toplevel"], data_dir)
    if top.returncode != 0:
        raise PipelineError(_("--since cần thư mục nguồn {path} nằm trong một kho git").format(path=data_dir))
    root = Path(top.stdout.strip()).resolve()
    found = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if found.returncode != 0:
        raise PipelineError(_("không có phiên bản git '{rev}'").format(rev=rev))
    sha = found.stdout.strip()
    label = _("phiên bản {rev}").format(rev=f"{rev} ({sha[:10]})" if not sha.startswith(rev) else sha[:10])
    if what:
        label = f"{what} ({sha[:10]})"
    rel = data_dir.resolve().relative_to(root).as_posix()
    wanted = [p for p in (rel, "templates") if _git(["cat-file", "-e", f"{sha}:{'' if p == '.' else p}"], root).returncode == 0]
    baselines: dict[str | None, Baseline] = {None: Baseline("revision", label)}
    if rel not in wanted:  # no sources at that revision: every document is new
        baselines.update({c: Baseline("revision", label) for c in campaigns})
        return baselines
    with tempfile.TemporaryDirectory(prefix="vanban-review-since-") as work:
        work_dir = Path(work)
        archive = _git(["archive", "--format=tar", sha, "--", *wanted], root, binary=True)
        if archive.returncode != 0:
            raise PipelineError(_("git archive {rev} thất bại: {reason}").format(
                rev=rev, reason=archive.stderr.decode("utf-8", "replace").strip()))
        source = work_dir / "src"
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(source, filter="data")
        template = source / "templates" / "van-ban.docx"
        out = work_dir / "out"
        _build_revision(source / rel, out, register_path, work_dir, template if template.exists() else None, rev)
        for campaign in campaigns:
            campaign_dir = out / campaign
            if not (campaign_dir / MANIFEST).exists():
                baselines[campaign] = Baseline("revision", label)
                continue
            manifest = _read_json(campaign_dir / MANIFEST)
            texts = convert_all([campaign_dir / doc["file"] for doc in manifest["documents"]])
            baselines[campaign] = Baseline(
                "revision", label, {doc["id"]: texts[campaign_dir / doc["file"]] for doc in manifest["documents"]},
                {doc["id"]: doc for doc in manifest["documents"]})
    return baselines


def _build_revision(data_dir: Path, output_dir: Path, register_path: Path, work: Path,
                    template: Path | None, rev: str) -> None:
    """Build with a copy of the register (numbers as issued); with an empty one if the copy refuses.

    A copy refuses when the text at ``rev`` differs from the text issued later:
    that revision came before the signature, so it had no number yet.
    """
    from pipeline.build.build import BuildOptions, run_build

    copy = work / "so-dang-ky.sqlite3"
    attempts = []
    if register_path and register_path.exists():
        try:
            with contextlib.closing(sqlite3.connect(str(register_path))) as src, \
                    contextlib.closing(sqlite3.connect(str(copy))) as dst:
                src.backup(dst)
        except sqlite3.Error as exc:
            raise register_failure(register_path, exc) from None
        attempts.append(copy)
    attempts.append(work / "so-dang-ky-trong.sqlite3")
    for n, register in enumerate(attempts):
        if output_dir.exists():
            shutil.rmtree(output_dir)
        try:
            run_build(BuildOptions(data_dir, output_dir, register, template=template))
            return
        except SourceErrors as exc:
            if n == len(attempts) - 1:
                raise PipelineError(_("không build được nguồn ở phiên bản {rev}:\n{reason}").format(
                    rev=rev, reason=exc.format_message())) from None


# --- thumbnails ---------------------------------------------------------------------------------------------


def make_thumbnails(reviews: list[CampaignReview], done: Callable[[int, int], None],
                    warnings: list[str]) -> int:
    """Make review/thumbs/<id>.png (first page, 40 dpi) where missing or older than its DOCX.

    The first page comes from the document's PDF when ``vanban pdf`` made a fresh one;
    the others are converted here, all in one LibreOffice call. Returns how many were made.
    """
    jobs = []  # (review, doc, pdf or None)
    for review in reviews:
        folder = review.review_dir / THUMBS
        stamp_path = folder / THUMB_STAMP
        try:
            stamp = read_json_file(stamp_path, follow=False)
        except (OSError, ValueError, PipelineError):
            stamp = {}
        ids = {doc["id"] for doc in review.documents}
        for doc in review.documents:
            png = folder / f"{doc['id']}.png"
            if png.exists() and stamp.get(doc["id"]) == doc["sha256"]:
                review.thumbs[doc["id"]] = png
            else:
                jobs.append((review, doc, fresh_pdf(review.campaign_dir, doc)))
        for stale in sorted(folder.glob("*.png")):
            if stale.stem in ids:
                continue
            if stale.stem in stamp and is_own_file(stale):  # made here: its stamp records it
                stale.unlink()
            else:
                warnings.append(_("Cảnh báo: {path} không do vanban review tạo; vanban để nguyên tệp này.").format(
                    path=stale))
    made = 0
    if jobs:
        with tempfile.TemporaryDirectory(prefix="vanban-review-") as work:
            pdfs = _convert_to_pdf([(i, r.campaign_dir / d["file"]) for i, (r, d, pdf) in enumerate(jobs) if pdf is None],
                                   Path(work), warnings)
            for i, (review, doc, pdf) in enumerate(jobs):
                pdf = pdf or pdfs.get(i)
                png = review.review_dir / THUMBS / f"{doc['id']}.png"
                if pdf is not None and _first_page_png(pdf, png, Path(work) / f"{i:05d}", warnings):
                    review.thumbs[doc["id"]] = png
                    made += 1
                done(i + 1, len(jobs))
    for review in reviews:
        folder = review.review_dir / THUMBS
        stamp = {doc["id"]: doc["sha256"] for doc in review.documents if doc["id"] in review.thumbs}
        if stamp or folder.exists():
            _write_if_changed(folder / THUMB_STAMP, json.dumps(stamp, indent=2, sort_keys=True) + "\n")
    return made


def _convert_to_pdf(sources: list[tuple[int, Path]], work: Path, warnings: list[str]) -> dict[int, Path]:
    """Convert DOCX files to PDF with one soffice call; numbered copies, since two campaigns may share an id."""
    if not sources:
        return {}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        warnings.append(_("Cảnh báo: không tìm thấy LibreOffice (soffice); trang xem không có ảnh trang đầu."))
        return {}
    inputs, outdir = work / "docx", work / "pdf"
    inputs.mkdir()
    outdir.mkdir()
    for i, path in sources:
        shutil.copyfile(path, inputs / f"{i:05d}.docx")
    with claimed_folders(LO_PROFILES, 1) as profiles:
        if not profiles:
            warnings.append(_("Cảnh báo: mọi hồ sơ LibreOffice của vanban đang được dùng; trang xem không có ảnh "
                              "trang đầu."))
            return {}
        command = [soffice, f"-env:UserInstallation={profiles[0].as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir),
                   *(str(inputs / f"{i:05d}.docx") for i, _p in sources)]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                           timeout=120 + 20 * len(sources))
        except subprocess.TimeoutExpired:
            pass
    made = {i: outdir / f"{i:05d}.pdf" for i, _p in sources}
    made = {i: p for i, p in made.items() if p.exists() and p.stat().st_size > 0}
    if len(made) < len(sources):
        missing = ", ".join(str(p) for i, p in sources if i not in made)
        warnings.append(_("Cảnh báo: LibreOffice không chuyển được sang PDF: {names}").format(names=missing))
    return made


def _first_page_png(pdf: Path, png: Path, prefix: Path, warnings: list[str]) -> bool:
    try:
        result = subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                 str(prefix)], capture_output=True, timeout=60)
    except FileNotFoundError:
        warnings.append(_("Cảnh báo: không tìm thấy pdftoppm (poppler-utils); trang xem không có ảnh trang đầu."))
        return False
    made = prefix.with_name(prefix.name + ".png")
    if result.returncode != 0 or not made.exists():
        warnings.append(_("Cảnh báo: pdftoppm không đọc được {path}").format(path=pdf))
        return False
    atomic_write(png, made.read_bytes())
    return True
