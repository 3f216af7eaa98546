"""Render, write and lint the documents whose inputs changed; keep the others' files; commit each campaign.

A document is redone only when its key (a digest of what its template context is made
from, ``keys.Keyer``) changed or its file was touched. A campaign is committed
(``write.write_manifest``) as soon as its last document is back from the workers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from pipeline.build import cache, keys, workers
from pipeline.build.write import (
    WrittenDocument,
    current_path,
    document_path,
    write_documents,
    write_manifest,
)
from pipeline.files import own_folder, write_if_changed
from pipeline.model import Document, DocumentTree, Registry


def template_args(doc: Document, documents: dict[str, Document], registry: Registry) -> tuple:
    """Return the arguments of ``template_context`` for ``doc``: everything its DOCX is made from.

    ``cited`` holds only the documents its bases name: that is all ``template_context``
    reads from it, and it keeps the document's key (pipeline.build.cache) to what it prints.
    """
    parent = documents.get(doc.parent) if doc.parent else None
    chu_quan = registry.bodies.get(doc.issuer.header_parent) if doc.issuer.header_parent else None
    cited = {base: documents[base] for base in doc.bases if base in documents}
    return doc, parent, chu_quan, cited


class Work:
    """Render, write and lint the documents whose inputs changed; keep the others' files."""

    def __init__(self, registry: Registry, trees: list[DocumentTree], output_dir: Path, template: Path,
                 template_sha: str, program: str, lint: bool, maker: "DocumentMaker | None" = None):
        self.registry, self.trees, self.output_dir, self.template, self.lint = registry, trees, output_dir, template, lint
        self.program = program
        self.template_sha = template_sha
        self.keyer = keys.Keyer(template_sha, self.program)
        # This process's (the workers were given it when forked, and each made its own renderer from it).
        self.maker = maker or DocumentMaker(template, template_sha, program, lint)
        self.by_id = [tree.by_id() for tree in trees]
        self.previous = [cache.read_campaign_cache(output_dir / t.campaign.id, self.program, template_sha)
                         for t in trees]
        self.keys: list[list[str] | None] = []  # None: computed by whoever renders the document
        self.outputs: list[dict[str, cache.Output]] = [{} for _ in trees]
        self.rendered: list[dict[str, str]] = [{} for _ in trees]  # sha256 of everything rendered, findings or not
        self._paths: list[list[Path] | None] = [None] * len(trees)  # each document's path, made once (path)
        self.manifests: dict[str, Path] = {}  # campaign → its manifest, once committed
        self.summaries: dict[str, dict] = {}  # campaign → cache.outputs_summary of what it committed
        self.warnings: list[str] = []  # files in output/ that are not this tool's, left alone
        self.pieces: dict[str, dict] = {}  # campaign → the pieces of its file, kept in its cache (build.edits)

    def run(self, pool, progress, clock,
            meanwhile: Callable[[], None] = lambda: None) -> tuple[list[WrittenDocument], int, list[list[str]]]:
        """Return (documents rendered, documents kept, the lint findings of each document that has some)."""
        for tree in self.trees:  # made (or checked) here, once: no campaign folder is a link to elsewhere
            own_folder(self.output_dir / tree.campaign.id, self.output_dir)
        todo, unchanged = self.plan()
        clock.done("keys")
        if progress is not None and hasattr(progress, "start"):
            progress.start(len(todo))
        written, findings = self.collect(todo, pool, progress, meanwhile)
        clock.done("render+write+lint")
        return written, unchanged, findings

    def plan(self) -> tuple[list[tuple[int, int]], int]:
        """Return the (campaign, document) indexes to redo, and how many documents are kept as they are."""
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
        return todo, unchanged

    def collect(self, todo: list[tuple[int, int]], pool, progress,
                meanwhile: Callable[[], None]) -> tuple[list[WrittenDocument], list[list[str]]]:
        """Redo ``todo`` and record each result; commit each campaign once its last document is back."""
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
        for ci, di, output, found in workers.results(self, todo, pool, meanwhile):
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
        return written, findings

    def commit(self, ci: int) -> None:
        """Write a campaign's manifest (moving its new files into place) and its cache."""
        tree = self.trees[ci]
        self.manifests[tree.campaign.id] = write_manifest(tree, self.documents_of(tree), self.output_dir, self.warnings)
        self.save_cache(tree)

    def path(self, ci: int, di: int) -> Path:
        # Asked three times a document (sent, written, committed); a Path costs more to make than to keep.
        paths = self._paths[ci]
        if paths is None:
            paths = self._paths[ci] = [document_path(self.output_dir, doc) for doc in self.trees[ci].documents]
        return paths[di]

    def prepare(self, ci: int, di: int) -> tuple:
        """Return all that making one document needs (``DocumentMaker.make``): what its DOCX is made from,
        its key when known, its previous output and its path; made here, so that a worker reads
        nothing of the build's trees (each object it read, it would copy: pipeline.build.workers)."""
        doc = self.trees[ci].documents[di]
        args = template_args(doc, self.by_id[ci], self.registry)
        key = self.keys[ci][di] if self.keys[ci] is not None else None
        return ci, di, args, key, self.previous[ci].get(doc.id), self.path(ci, di)

    def render_chunk(self, chunk: list[tuple[int, int]]) -> list[tuple[int, int, cache.Output, list[str]]]:
        """Make the documents of ``chunk`` in this process."""
        return self.maker.make_all([self.prepare(ci, di) for ci, di in chunk])

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
        data = cache.campaign_cache_bytes(self.program, self.template_sha, self.outputs[ci],
                                          self.pieces.get(tree.campaign.id))
        write_if_changed(self.output_dir / tree.campaign.id / cache.CAMPAIGN_CACHE, data)
        self.summaries[tree.campaign.id] = cache.outputs_summary(data, self.outputs[ci])

def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class DocumentMaker:
    """Render, write and lint one document from what ``Work.prepare`` gave; one per process.

    The renderer and the lint session are made on first use: a worker makes its own.
    """

    def __init__(self, template: Path, template_sha: str, program: str, lint: bool):
        self.template, self.lint = template, lint
        self.keyer = keys.Keyer(template_sha, program)
        self._renderer = None
        self._linter = None

    @property
    def renderer(self):
        if self._renderer is None:
            from pipeline.docx.render import Renderer

            self._renderer = Renderer(self.template)
        return self._renderer

    @property
    def linter(self):
        """One lint session per process: the parts the documents share are read once (pipeline.lint.session)."""
        if self._linter is None:
            from pipeline.lint.session import Session

            self._linter = Session()
        return self._linter

    def ready(self) -> None:
        """Make the renderer and the lint session now (imports, the template compiled), not at the first document."""
        from pipeline.docx.render import template_context  # noqa: F401  (imported by make)
        from pipeline.lint.linter import format_violation  # noqa: F401  (imported by lint_parts)

        self.renderer
        if self.lint:
            self.linter

    def make(self, item: tuple) -> tuple[int, int, cache.Output, list[str]]:
        """Return (campaign index, document index, its Output, its lint findings) for one ``Work.prepare`` item."""
        return self.make_all([item])[0]

    def make_all(self, items: list[tuple]) -> list[tuple[int, int, cache.Output, list[str]]]:
        """``make`` for each item, stage by stage: every key, context, render, archive, write, then every lint.

        Speed: one stage after another over a chunk keeps each stage's code and data in the
        processor's caches. A document taken through all of them, then the next, ran 20 %
        slower (1.67 against 1.30 ms a document, bench documents in chunks of 16); the 10k
        build's CPU went 25.5 -> 21.6 s, and 20.5 s once context and render, archive and
        write were split too.
        """
        from pipeline.docx.render import template_context

        renderer = self.renderer
        keyed = [key if key is not None else self.keyer.key(args) for _ci, _di, args, key, _before, _path in items]
        contexts = [template_context(*item[2]) for item in items]
        rendered = [renderer.render_parts(context) for context in contexts]
        packed = []
        for (_ci, _di, args, _key, _before, _path), parts in zip(items, rendered):
            day = args[0].issued_date or args[0].date
            zip_day = (min(max(day.year, 1980), 2107), day.month, day.day, 0, 0, 0)  # the years a ZIP can hold
            packed.append(renderer.package(parts, zip_day))
        written = []
        # staged until the campaign is committed; a rename keeps size and time
        for (_ci, _di, _args, _key, before, path), (sha, st) in zip(items, write_documents(
                [(item[5], data) for item, data in zip(items, packed)])):
            kept_clean = before is not None and before.sha256 == sha and before.intact(path)
            written.append((sha, st, kept_clean))
        out = []
        for (ci, di, _args, _key, _before, path), key, parts, (sha, st, kept_clean) in zip(items, keyed, rendered,
                                                                                           written):
            found = [] if kept_clean or not self.lint else self.lint_parts(parts, path)
            out.append((ci, di, cache.Output(key, sha, st.st_size, st.st_mtime_ns), found))
        return out

    def lint_parts(self, parts: dict[str, bytes], shown: Path) -> list[str]:
        """Return the format findings of one document, one line each (``vanban lint``'s form), naming ``shown``.

        The linter reads the parts the file was just zipped from (its own, and the template's),
        through the session that reads shared parts and repeated pieces once: the findings
        ``vanban lint`` gives for the file (tests/lint/test_session.py), without unzipping it.
        """
        from pipeline.lint.linter import format_violation

        renderer = self.renderer
        return [format_violation(v) for v in self.linter.lint(str(shown), lambda name: renderer.part(parts, name))]
