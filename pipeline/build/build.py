"""Run the stages in order: load → validate → resolve → number → render → write → lint.

Each stage is a function of its own module; this one calls them in order, stops
before anything is written when a stage reports problems, and does only the work
the last build did not already do (``pipeline.build.cache`` says how it knows):

- nothing changed (sources, template, register, program, output files): stop after
  hashing the inputs, without parsing a source;
- a campaign whose file, register rows and output are as the last build left them
  is not even loaded;
- in the others, a document is rendered, written and linted again only when what
  its template context is made from changed.

Rendering, writing and linting are spread over worker processes (one per core).
They are forked once the trees are resolved and numbered, so each inherits them and
is sent only (campaign, document) indexes; each returns the sha256, size, time and
lint findings of the files it wrote, never their bytes. A campaign is committed
(write.write_manifest) as soon as its last document is back.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.build import cache
from pipeline.build.write import (
    MANIFEST,
    WrittenDocument,
    current_path,
    document_path,
    write_document,
    write_if_changed,
    write_manifest,
)
from pipeline.errors import PipelineError, SourceErrors, relative
from pipeline.i18n import _
from pipeline.model import Document, DocumentTree, Registry
from pipeline.sources.validate import Sources, find_source_files, validate_sources

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "van-ban.docx"  # = render.TEMPLATE
CHUNK = 16  # documents per task sent to a worker: few enough messages, a short tail


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    output_dir: Path
    register_path: Path
    template: Path | None = None
    jobs: int | None = None  # worker processes for render/write/lint; None: one per core, 1: none
    lint: bool = True  # check the format of every document written (pipeline.lint.linter)


@dataclass
class BuildReport:
    trees: list[DocumentTree] = field(default_factory=list)  # the campaigns resolved by this build
    written: list[WrittenDocument] = field(default_factory=list)  # documents rendered by this build
    manifests: list[Path] = field(default_factory=list)  # every campaign's, changed or not
    unchanged: int = 0  # documents whose file the last build made from the same inputs, kept as it is
    sources_unchanged: bool = False  # nothing changed at all: no source was even read
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall-clock seconds spent in it

    @property
    def count(self) -> int:
        return len(self.written)

    @property
    def documents(self) -> int:
        return len(self.written) + self.unchanged


def run_build(options: BuildOptions, progress=None) -> BuildReport:
    """Build every document of every campaign into ``options.output_dir``, redoing only what changed."""
    collecting = gc.isenabled()
    try:
        return _build(options, progress)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()


def _build(options: BuildOptions, progress) -> BuildReport:
    clock = _Clock()
    output_dir = options.output_dir
    template = options.template or DEFAULT_TEMPLATE
    program = cache.program_fingerprint("" if options.lint else "no-lint")
    registry_paths, campaign_paths = find_source_files(options.data_dir)
    previous = cache.read_stamp(output_dir)
    stamp = cache.current_stamp(registry_paths, campaign_paths, options.data_dir, template,
                                options.register_path, program, previous)
    if previous is not None and _outputs_as_stamped(previous, stamp, output_dir):
        report = _unchanged_report(previous, output_dir)
        clock.done("inputs")
        report.seconds = clock.seconds
        return report
    cache.remove(output_dir / cache.STAMP)  # from here on the outputs may differ from what it says

    skipped = _skippable_campaigns(previous, stamp, options.data_dir, output_dir)
    # Speed: loading, validating and resolving make hundreds of thousands of objects and no
    # garbage cycles; the collector scanning them again and again cost a third of that time.
    # So this process does without it until run_build returns, and what the stages made (it
    # lives to the end of the build) is frozen out of the sight of the workers' collectors,
    # which would otherwise touch, and so copy, its pages.
    gc.disable()
    cwd = str(Path.cwd())  # the registry keeps its source locations relative to it
    registry = cache.read_registry_cache(output_dir, program, stamp.registry, cwd)
    clock.done("inputs")
    sources, trees = _numbered_trees(options, set(skipped), registry, clock)
    for path in skipped:  # a changed file may now use the id of one left unread
        if skipped[path] in {t.campaign.id for t in trees}:
            sources, trees = _numbered_trees(options, set(), registry, clock)
            skipped = {}
            break
    gc.freeze()

    def save_registry() -> None:  # done while the workers render
        if registry is None:
            data = cache.registry_cache_bytes(sources.registry, program, stamp.registry, cwd)
            cache.write_atomic(output_dir / cache.REGISTRY_CACHE, data)

    report = BuildReport(trees=trees, seconds=clock.seconds)
    work = _Work(sources.registry, trees, output_dir, template, stamp.template, program, options.lint)
    report.written, report.unchanged, findings = work.run(options.jobs, progress, clock, meanwhile=save_registry)
    manifests = dict(work.manifests)
    for path, campaign in skipped.items():
        manifests[campaign] = output_dir / campaign / MANIFEST
        report.unchanged += len(cache.read_campaign_cache(output_dir / campaign, stamp.program, stamp.template))
    report.manifests = [manifests[c] for c in sorted(manifests)]
    if findings:  # files and manifests stay (they are complete), the stamp does not: the next build checks again
        lines = [line for found in findings for line in found]
        raise PipelineError("\n".join(lines + [_("{n} lỗi thể thức trong {m} tệp.").format(
            n=len(lines), m=len(findings))]))

    shown = {relative(p): p.relative_to(options.data_dir).as_posix() for p in campaign_paths}
    for tree in trees:
        stamp.campaigns[shown[tree.campaign.path]]["campaign"] = tree.campaign.id
    for path, campaign in skipped.items():
        stamp.campaigns[path]["campaign"] = campaign
    stamp.register = cache.register_digests(options.register_path)  # numbers recorded by this build included
    stamp.manifests = {c: cache.file_digest(p) for c, p in manifests.items()}
    cache.write_atomic(output_dir / cache.STAMP, cache.json_bytes(stamp.to_json()))
    clock.done("manifests")
    return report


class _Clock:
    """Wall-clock seconds per stage, for ``vanban build`` reports and the benchmark."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def _numbered_trees(options: BuildOptions, skip: set[str], registry: Registry | None,
                    clock: _Clock) -> tuple[Sources, list[DocumentTree]]:
    """Validate (all but the campaign files in ``skip``), resolve and number; record numbers issued before.

    ``registry``: the registry validated from the same files by an earlier build, or None.
    """
    from pipeline.cascade.number import assign_numbers
    from pipeline.cascade.resolve import resolve_campaigns
    from pipeline.register.store import Register

    skip_paths = {options.data_dir / p for p in skip}
    sources, problems = validate_sources(options.data_dir, skip_campaigns=skip_paths, registry=registry)
    if problems:
        raise SourceErrors(problems)
    clock.done("load+validate")
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    if problems:
        raise SourceErrors(problems)
    clock.done("resolve")
    # Every problem first, with nothing recorded (and no register made); then record the
    # numbers given before the register.
    existing = Register(options.register_path) if options.register_path.exists() else None
    try:
        _trees, problems = assign_numbers(trees, existing, record=False)
    finally:
        if existing is not None:
            existing.close()
    if problems:
        raise SourceErrors(problems)
    with Register(options.register_path) as register:
        trees, problems = assign_numbers(trees, register, record=True)
    if problems:
        raise SourceErrors(problems)
    clock.done("number")
    return sources, trees


# --- what the last build left -----------------------------------------------------------------------------


def _outputs_as_stamped(previous: cache.Stamp, now: cache.Stamp, output_dir: Path) -> bool:
    """Tell whether no input changed and every output file is as the last build left it."""
    if (previous.program, previous.template, previous.registry, previous.register) != \
            (now.program, now.template, now.registry, now.register):
        return False
    if {p: c["sha256"] for p, c in previous.campaigns.items()} != {p: c["sha256"] for p, c in now.campaigns.items()}:
        return False
    campaigns = [c["campaign"] for c in previous.campaigns.values()]
    if None in campaigns or set(campaigns) != set(previous.manifests):
        return False
    return all(_campaign_intact(output_dir / c, previous, previous.manifests[c]) for c in campaigns)


def _campaign_intact(campaign_dir: Path, stamp: cache.Stamp, manifest_sha: str | None) -> bool:
    """Tell whether a campaign's manifest and every DOCX are as its cache records them, with no other DOCX."""
    manifest = campaign_dir / MANIFEST
    if manifest_sha is None or not manifest.exists() or cache.file_digest(manifest) != manifest_sha:
        return False
    outputs = cache.read_campaign_cache(campaign_dir, stamp.program, stamp.template)
    if not outputs:
        return False
    try:
        present = {e.name for e in os.scandir(campaign_dir) if e.name.endswith(".docx")}
    except OSError:
        return False
    if present != {f"{doc_id}.docx" for doc_id in outputs}:
        return False
    return all(output.intact(campaign_dir / f"{doc_id}.docx") for doc_id, output in outputs.items())


def _skippable_campaigns(previous: cache.Stamp | None, now: cache.Stamp, data_dir: Path,
                         output_dir: Path) -> dict[str, str]:
    """Return campaign file → campaign id for the campaigns this build need not even read.

    A campaign is skipped when the program, template and registry are as at the last
    build, and so are its file, its register rows and every file of its output.
    """
    if previous is None or (previous.program, previous.template, previous.registry) != \
            (now.program, now.template, now.registry):
        return {}
    out = {}
    for path, entry in now.campaigns.items():
        before = previous.campaigns.get(path)
        campaign = before and before["campaign"]
        if not campaign or before["sha256"] != entry["sha256"]:
            continue
        if previous.register.get(campaign) != now.register.get(campaign):
            continue
        if _campaign_intact(output_dir / campaign, previous, previous.manifests.get(campaign)):
            out[path] = campaign
    return out


def _unchanged_report(stamp: cache.Stamp, output_dir: Path) -> BuildReport:
    report = BuildReport(sources_unchanged=True)
    for campaign in sorted(stamp.manifests):
        report.manifests.append(output_dir / campaign / MANIFEST)
        report.unchanged += len(cache.read_campaign_cache(output_dir / campaign, stamp.program, stamp.template))
    return report


# --- rendering, writing and linting ---------------------------------------------------------------------------


def template_args(doc: Document, documents: dict[str, Document], registry: Registry) -> tuple:
    """Return the arguments of ``template_context`` for ``doc``: everything its DOCX is made from.

    ``cited`` holds only the documents its bases name: that is all ``template_context``
    reads from it, and it keeps the document's key (pipeline.build.cache) to what it prints.
    """
    parent = documents.get(doc.parent) if doc.parent else None
    chu_quan = registry.bodies.get(doc.issuer.header_parent) if doc.issuer.header_parent else None
    cited = {base: documents[base] for base in doc.bases if base in documents}
    return doc, parent, chu_quan, cited


# The work of one build, set as a module global before the workers are forked, so that
# each inherits it (trees hold read-only mappings, which do not pickle) and is sent indexes.
_WORK: "_Work | None" = None


class _Work:
    """Render, write and lint the documents whose inputs changed; keep the others' files."""

    def __init__(self, registry: Registry, trees: list[DocumentTree], output_dir: Path, template: Path,
                 template_sha: str, program: str, lint: bool):
        self.registry, self.trees, self.output_dir, self.template, self.lint = registry, trees, output_dir, template, lint
        self.program = program
        self.template_sha = template_sha
        self.keyer = cache.Keyer(template_sha, self.program)
        self.by_id = [tree.by_id() for tree in trees]
        self.previous = [cache.read_campaign_cache(output_dir / t.campaign.id, self.program, template_sha)
                         for t in trees]
        self.keys: list[list[str] | None] = []  # None: computed by whoever renders the document
        self.outputs: list[dict[str, cache.Output]] = [{} for _ in trees]
        self.rendered: list[dict[str, str]] = [{} for _ in trees]  # sha256 of everything rendered, findings or not
        self.manifests: dict[str, Path] = {}  # campaign → its manifest, once committed
        self._renderer = None

    def run(self, jobs: int | None, progress, clock: _Clock,
            meanwhile: Callable[[], None] = lambda: None) -> tuple[list[WrittenDocument], int, list[list[str]]]:
        """Return (documents rendered, documents kept, the lint findings of each document that has some)."""
        todo: list[tuple[int, int]] = []
        unchanged = 0
        for ci, tree in enumerate(self.trees):
            if not self.previous[ci]:  # nothing to compare with: every document is rendered, keys and all
                self.keys.append(None)
                todo += [(ci, di) for di in range(len(tree.documents))]
                continue
            keys = [self.keyer.key(template_args(doc, self.by_id[ci], self.registry)) for doc in tree.documents]
            self.keys.append(keys)
            for di, doc in enumerate(tree.documents):
                before = self.previous[ci].get(doc.id)
                if before is not None and before.key == keys[di] and before.intact(self.path(ci, di)):
                    self.outputs[ci][doc.id] = before
                    unchanged += 1
                else:
                    todo.append((ci, di))
        clock.done("keys")
        if progress is not None and hasattr(progress, "start"):
            progress.start(len(todo))
        # Speed: each campaign is committed (manifest, cache) as soon as its last document is
        # back, while the workers go on with the others; the largest go first, so that what is
        # left to commit once the workers are done is the smallest campaign.
        remaining = [0] * len(self.trees)
        for ci, _di in todo:
            remaining[ci] += 1
        todo.sort(key=lambda item: -remaining[item[0]])  # stable: documents keep their order
        for ci, count in enumerate(remaining):
            if count == 0:
                self.commit(ci)
        written: list[WrittenDocument] = []
        findings: list[list[str]] = []
        for ci, di, output, found in self._results(todo, jobs, meanwhile):
            doc = self.trees[ci].documents[di]
            if found:
                findings.append(found)
            else:  # a document with findings is not recorded: the next build checks it again
                self.outputs[ci][doc.id] = output
            self.rendered[ci][doc.id] = output.sha256
            written.append(WrittenDocument(doc, self.path(ci, di), output.sha256))
            if progress:
                progress(doc)
            remaining[ci] -= 1
            if remaining[ci] == 0:
                self.commit(ci)
        clock.done("render+write+lint")
        return written, unchanged, findings

    def commit(self, ci: int) -> None:
        """Write a campaign's manifest (moving its new files into place) and its cache."""
        tree = self.trees[ci]
        self.manifests[tree.campaign.id] = write_manifest(tree, self.documents_of(tree), self.output_dir)
        self.save_cache(tree)

    def _results(self, todo: list[tuple[int, int]], jobs: int | None, meanwhile: Callable[[], None]):
        jobs = jobs or os.cpu_count() or 1
        chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
        if jobs <= 1 or len(chunks) <= 1:
            meanwhile()
            for chunk in chunks:
                yield from self.render_chunk(chunk)
            return
        global _WORK
        _WORK = self
        self.renderer  # noqa: B018 - compiled once here, inherited by every worker
        if self.lint:
            import pipeline.lint.linter  # noqa: F401 - imported once here, inherited by every worker
        try:
            try:
                context = multiprocessing.get_context("fork")
            except ValueError:  # no fork on this system: one process does it all
                context = None
            if context is None:
                meanwhile()
                for chunk in chunks:
                    yield from self.render_chunk(chunk)
                return
            with context.Pool(min(jobs, len(chunks)), initializer=gc.enable) as pool:
                results = pool.imap_unordered(_render_chunk_in_worker, chunks)
                meanwhile()
                for chunk_results in results:
                    yield from chunk_results
        finally:
            _WORK = None

    def path(self, ci: int, di: int) -> Path:
        return document_path(self.output_dir, self.trees[ci].documents[di])

    @property
    def renderer(self):
        if self._renderer is None:
            from pipeline.docx.render import Renderer

            self._renderer = Renderer(self.template)
        return self._renderer

    def render_chunk(self, chunk: list[tuple[int, int]]) -> list[tuple[int, int, cache.Output, list[str]]]:
        from pipeline.docx.render import template_context

        out = []
        for ci, di in chunk:
            doc = self.trees[ci].documents[di]
            args = template_args(doc, self.by_id[ci], self.registry)
            key = self.keys[ci][di] if self.keys[ci] is not None else self.keyer.key(args)
            context = template_context(*args)
            day = doc.issued_date or doc.date
            data = self.renderer.render(context, (max(day.year, 1980), day.month, day.day, 0, 0, 0))
            path = self.path(ci, di)
            sha = write_document(path, data, durable=False)
            before = self.previous[ci].get(doc.id)
            kept_clean = before is not None and before.sha256 == sha and before.intact(path)
            newest = current_path(path)  # staged until the campaign is committed; a rename keeps size and time
            found = [] if kept_clean or not self.lint else _lint(newest, path)
            st = newest.stat()
            out.append((ci, di, cache.Output(key, sha, st.st_size, st.st_mtime_ns), found))
        return out

    def documents_of(self, tree: DocumentTree) -> list[WrittenDocument]:
        """Return every document of a campaign with its file, for the manifest."""
        ci = self.trees.index(tree)
        outputs = self.outputs[ci]
        out = []
        for di, doc in enumerate(tree.documents):
            path = self.path(ci, di)
            if doc.id in outputs:
                sha = outputs[doc.id].sha256
            else:
                sha = self.rendered[ci].get(doc.id) or _sha256(current_path(path))
            out.append(WrittenDocument(doc, path, sha))
        return out

    def save_cache(self, tree: DocumentTree) -> None:
        ci = self.trees.index(tree)
        data = cache.campaign_cache_bytes(self.program, self.template_sha, self.outputs[ci])
        write_if_changed(self.output_dir / tree.campaign.id / cache.CAMPAIGN_CACHE, data)


def _render_chunk_in_worker(chunk):
    return _WORK.render_chunk(chunk)


def _lint(path: Path, shown: Path) -> list[str]:
    """Return the format findings of one written document, one line each (``vanban lint``'s form).

    ``path`` is where the file is now (staged until its campaign is committed); the lines
    name ``shown``, where the clerk will find it.
    """
    from dataclasses import replace

    from pipeline.lint.linter import format_violation, lint_docx

    return [format_violation(replace(v, path=str(shown))) for v in lint_docx(path)]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
