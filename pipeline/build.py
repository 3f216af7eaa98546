"""Run the stages in order: load → validate → resolve → number → render → write.

Each stage is a function of its own module; this one only calls them in
order and stops before anything is written when a stage reports problems.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import SourceErrors
from pipeline.model import DocumentTree, Registry
from pipeline.number import assign_numbers
from pipeline.register import Register
from pipeline.render import Renderer, template_context
from pipeline.resolve import resolve_campaigns
from pipeline.validate import Sources, validate_sources
from pipeline.write import WrittenDocument, document_path, write_document, write_manifest


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    output_dir: Path
    register_path: Path
    template: Path | None = None


@dataclass
class BuildReport:
    trees: list[DocumentTree] = field(default_factory=list)
    written: list[WrittenDocument] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.written)


def check_sources(data_dir: Path, register_path: Path | None = None) -> tuple[Sources, list[DocumentTree]]:
    """Validate, resolve and number without writing anything; raise SourceErrors on problems."""
    sources, problems = validate_sources(data_dir)
    if problems:
        raise SourceErrors(problems)
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    if problems:
        raise SourceErrors(problems)
    register = Register(register_path) if register_path and register_path.exists() else None
    try:
        trees, problems = assign_numbers(trees, register, record=False)
    finally:
        if register:
            register.close()
    if problems:
        raise SourceErrors(problems)
    return sources, trees


def run_build(options: BuildOptions, progress=None) -> BuildReport:
    """Build every document of every campaign into ``options.output_dir``."""
    sources, _trees = check_sources(options.data_dir, options.register_path)
    trees, _ = resolve_campaigns(sources.campaigns, sources.registry)
    with Register(options.register_path) as register:
        trees, problems = assign_numbers(trees, register, record=True)
    if problems:
        raise SourceErrors(problems)
    renderer = Renderer(options.template) if options.template else Renderer()
    report = BuildReport(trees=trees)
    for tree in trees:
        written = render_and_write(tree, sources.registry, renderer, options.output_dir, progress)
        report.written += written
        report.manifests.append(write_manifest(tree, written, options.output_dir))
    return report


def render_and_write(tree: DocumentTree, registry: Registry, renderer: Renderer, output_dir: Path,
                     progress=None) -> list[WrittenDocument]:
    documents = tree.by_id()
    written = []
    for doc in tree.documents:
        parent = documents.get(doc.parent) if doc.parent else None
        chu_quan = registry.bodies.get(doc.issuer.header_parent) if doc.issuer.header_parent else None
        context = template_context(doc, parent, chu_quan, documents)
        day = doc.issued_date or doc.date
        data = renderer.render(context, (max(day.year, 1980), day.month, day.day, 0, 0, 0))
        path = document_path(output_dir, doc)
        written.append(WrittenDocument(doc, path, write_document(path, data)))
        if progress:
            progress(doc)
    return written


def today() -> _dt.date:
    """The one place that reads the clock: the CLI's default issue date."""
    return _dt.date.today()
