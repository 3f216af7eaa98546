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

Rendering, writing and linting are ``work``'s, spread by ``workers`` over one process
per core; a campaign is committed (``write.write_manifest``) as soon as its last
document is back.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pipeline.build import cache
from pipeline.build.survey import Survey
from pipeline.build.write import MANIFEST, WrittenDocument
from pipeline.errors import PipelineError, Problem, SourceErrors, relative
from pipeline.i18n import _
from pipeline.model import DocumentTree, Registry
from pipeline.sources.find import find_library_files, find_source_files

# Speed: a build with nothing changed stops after hashing its inputs (``_outputs_as_stamped``),
# so what only the other builds need (validating, resolving, rendering and their libraries:
# a third of a second) is imported where it is used.
if TYPE_CHECKING:
    from pipeline.build.resolving import Spare
    from pipeline.sources.validate import Sources

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "van-ban.docx"  # = render.TEMPLATE


@dataclass(frozen=True)
class BuildOptions:
    data_dir: Path
    output_dir: Path
    register_path: Path
    template: Path | None = None
    jobs: int | None = None  # worker processes for render/write/lint; None: one per core, 1: none
    lint: bool = True  # check the format of every document written (pipeline.lint.linter)
    strict: bool = False  # warnings stop the build, as errors do (``make`` builds so)


@dataclass
class BuildReport:
    trees: list[DocumentTree] = field(default_factory=list)  # the campaigns resolved by this build
    written: list[WrittenDocument] = field(default_factory=list)  # documents rendered by this build
    manifests: list[Path] = field(default_factory=list)  # every campaign's, changed or not
    unchanged: int = 0  # documents whose file the last build made from the same inputs, kept as it is
    sources_unchanged: bool = False  # nothing changed at all: no source was even read
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall-clock seconds spent in it
    warnings: list[Problem] = field(default_factory=list)  # of every campaign, this build's or the last one's
    foreign: list[str] = field(default_factory=list)  # files in output/ that are not the build's, left alone

    @property
    def count(self) -> int:
        return len(self.written)

    @property
    def documents(self) -> int:
        return len(self.written) + self.unchanged


def run_build(options: BuildOptions, progress=None) -> BuildReport:
    """Build every document of every campaign into ``options.output_dir``, redoing only what changed."""
    collecting = gc.isenabled()
    forked = _Workers(options.jobs)
    try:
        with contextlib.ExitStack() as cleanup:
            return _build(options, progress, forked, cleanup)
    finally:
        forked.stop()
        if collecting:
            # What the build made, all young to the collector (it was off), goes to the oldest generation
            # first (freeze, then unfreeze: two list splices), so that the collector turned back on does
            # not start by going through all of it: 0.2 s after a 10k build, before the command ended.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _build(options: BuildOptions, progress, forked: "_Workers", cleanup: contextlib.ExitStack) -> BuildReport:
    clock = _Clock()
    output_dir = options.output_dir
    template = options.template or DEFAULT_TEMPLATE
    program = cache.program_fingerprint("" if options.lint else "no-lint")
    registry_paths, campaign_paths = find_source_files(options.data_dir)
    # Shared blocks count as the registry does: every campaign may use them.
    shared_paths = registry_paths + find_library_files(options.data_dir)
    previous = cache.read_stamp(output_dir)
    stamp = cache.current_stamp(shared_paths, campaign_paths, options.data_dir, template,
                                options.register_path, program, previous)
    survey = cleanup.enter_context(Survey(output_dir, *_survey_plan(previous, stamp)))
    if previous is not None and _outputs_as_stamped(previous, stamp, survey):
        report = _unchanged_report(previous, output_dir)
        report.warnings = list(dict.fromkeys(w for entry in previous.campaigns.values()
                                             for w in cache.read_warnings(entry)))
        _stop_if_strict(options, report.warnings)
        clock.done("inputs")
        report.seconds = clock.seconds
        return report
    from pipeline.build import keys
    from pipeline.build.claims import check_register_knows_output
    from pipeline.build.work import DocumentMaker, Work
    from pipeline.docx.header import header_problems, issuers

    # Speed: loading, validating and resolving make hundreds of thousands of objects and no
    # garbage cycles; the collector scanning them again and again cost a third of that time.
    # So this process does without it until run_build returns. (The workers, forked before the
    # documents are resolved, never see what the stages made: pipeline.build.workers.)
    gc.disable()
    cwd = str(Path.cwd())  # the registry keeps its source locations relative to it
    # While the survey looks. An edit decodes only the bodies it needs (keys.read_registry_cache).
    registry = keys.read_registry_cache(output_dir, program, stamp.registry, cwd, lazy=previous is not None)
    clock.done("inputs")
    maker = DocumentMaker(template, stamp.template, program, options.lint)
    if registry is not None and previous is not None:
        try:
            report = _edited(options, previous, stamp, campaign_paths, registry, maker, clock, survey)
        except keys.RegistryCacheError:  # a body of a cache someone else wrote: the registry is read from its files
            report, registry = None, None
        if report is not None:
            return report
    registry = registry and keys.every_body(registry)  # the workers are forked from here: nothing left to decode
    skipped = _skippable_campaigns(previous, stamp, survey)
    survey.close()  # all it was asked is answered: its child has no more to do
    # Before anything is written: issued documents in output/ that the register does not know
    # (no register, an old copy, a new empty one) stop the build; a register is made only here.
    check_register_knows_output(options.register_path, output_dir)
    # The registry's cache (for the next build) is made by the resolution's child once it has no
    # campaign left, unless it was read from that cache (build.resolving).
    from pipeline.build.resolving import Spare

    spare = Spare(lambda found: keys.registry_cache_bytes(found, program, stamp.registry, cwd)) \
        if registry is None else None
    sources, trees = _numbered_trees(options, set(skipped), registry, clock, lambda valid: forked.start(maker, valid),
                                     spare, cleanup)
    for path in skipped:  # a changed file may now use the id of one left unread
        if skipped[path] in {t.campaign.id for t in trees}:
            forked.stop()  # not forked from while they wait (validation forks readers of its own)
            sources, trees = _numbered_trees(options, set(), registry, clock, lambda valid: forked.start(maker, valid),
                                             spare, cleanup)
            skipped = {}
            break
    shown = {relative(p): p.relative_to(options.data_dir).as_posix() for p in campaign_paths}
    # A header name that fits its column at no allowed size (docx/header.py) is a warning of the
    # campaigns that print it, kept with theirs in the stamp.
    layout = {tree.campaign.id: header_problems(sources.registry, issuers([tree])) for tree in trees}
    warnings = [w for tree in trees for w in (*tree.warnings, *layout[tree.campaign.id])]
    warnings += [w for path in skipped for w in cache.read_warnings(previous.campaigns.get(path, {}))]
    warnings = list(dict.fromkeys(warnings))  # a body in two campaigns is reported once
    _stop_if_strict(options, warnings)
    cache.remove(output_dir / cache.STAMP)  # from here on the outputs may differ from what it says

    def save_registry() -> None:  # done while the workers render
        if spare is not None:
            cache.write_atomic(output_dir / cache.REGISTRY_CACHE, spare.result())

    report = BuildReport(trees=trees, seconds=clock.seconds, warnings=warnings)
    work = Work(sources.registry, trees, output_dir, template, stamp.template, program, options.lint, maker)
    work.pieces = _pieces(trees, campaign_paths, shown, stamp)
    report.foreign = work.warnings
    report.written, report.unchanged, findings = work.run(forked.pool, progress, clock, meanwhile=save_registry)
    forked.stop()  # their memory given back before the register records the files
    manifests = dict(work.manifests)
    for path, campaign in skipped.items():
        manifests[campaign] = output_dir / campaign / MANIFEST
        report.unchanged += previous.outputs[campaign]["documents"]
    report.manifests = [manifests[c] for c in sorted(manifests)]
    if findings:  # files and manifests stay (they are complete), the stamp does not: the next build checks again
        raise _findings_error(findings)

    record_issued_files(options.register_path, report.manifests)
    for tree in trees:
        entry = stamp.campaigns[shown[tree.campaign.path]]
        entry["campaign"] = tree.campaign.id
        entry["warnings"] = cache.warnings_json([*tree.warnings, *layout[tree.campaign.id]])
    _keep_skipped(stamp, previous, skipped)
    stamp.outputs.update(work.summaries)
    stamp.register = cache.register_digests(options.register_path)  # numbers recorded by this build included
    stamp.manifests.update({c: cache.file_digest(p) for c, p in work.manifests.items()})
    cache.write_atomic(output_dir / cache.STAMP, cache.json_bytes(stamp.to_json()))
    clock.done("manifests")
    return report


def _findings_error(findings: list[list[str]]) -> PipelineError:
    lines = [line for found in findings for line in found]
    return PipelineError("\n".join(lines + [_("{n} lỗi thể thức trong {m} tệp.").format(n=len(lines), m=len(findings))]))


def _pieces(trees: list[DocumentTree], campaign_paths: list[Path], shown: dict[str, str],
            stamp: cache.Stamp) -> dict[str, dict]:
    """Return campaign → the pieces of the file it was read from (``edits.campaign_pieces``), for its cache.

    Read again, and kept only when its bytes are those the stamp hashed before the build read them.
    """
    from pipeline.build import edits
    from pipeline.sources.load import read_text

    by_shown = {relative(p): p for p in campaign_paths}
    out = {}
    for tree in trees:
        path = by_shown.get(tree.campaign.path)
        read = read_text(path) if path is not None else None
        if read is None or hashlib.sha256(read[0]).hexdigest() != stamp.campaigns[shown[tree.campaign.path]]["sha256"]:
            continue
        pieces = edits.campaign_pieces(tree, *read)
        if pieces is not None:
            out[tree.campaign.id] = pieces
    return out


def _edited(options: BuildOptions, previous: cache.Stamp, stamp: cache.Stamp, campaign_paths: list[Path],
            registry: Registry, maker, clock: "_Clock", survey: Survey) -> BuildReport | None:
    """Rebuild after an edit of a few documents, reading only the pieces of their files they need
    (``pipeline.build.edits``); None when this build must read whole every campaign file that changed."""
    from pipeline.build import edits
    from pipeline.build.claims import check_register_knows_output
    from pipeline.docx.header import header_problems, issuers

    if options.strict and any(entry.get("warnings") for entry in previous.campaigns.values()):
        return None  # the full build stops on them
    if (previous.program, previous.template, previous.registry) != (stamp.program, stamp.template, stamp.registry):
        return None
    output_dir = options.output_dir
    shown = {p: p.relative_to(options.data_dir).as_posix() for p in campaign_paths}
    skipped = _unchanged_campaigns(previous, stamp)  # once the survey finds their output intact, below
    changed = [p for p in campaign_paths if shown[p] not in skipped]
    plans = [edits.plan_edit(p, shown[p], previous, stamp, output_dir) for p in changed]
    if not plans or None in plans or set(previous.manifests) != {p.campaign for p in plans} | set(skipped.values()):
        return None
    try:  # reads and writes nothing of output/: done while the survey still looks at the edited campaigns
        _sources, trees, problems = _resolved_trees(options, set(campaign_paths) - set(changed), registry, clock,
                                                    texts={plan.path: plan.text for plan in plans})
    except SourceErrors:
        return None  # the full build reads the whole files and says every problem in them
    by_campaign = {tree.campaign.id: tree for tree in trees}
    if problems or set(by_campaign) != {plan.campaign for plan in plans}:
        return None
    if not all(edits.matches(plan, by_campaign[plan.campaign]) for plan in plans):
        return None
    if header_problems(registry, issuers(trees)):
        return None
    # The edited campaigns' cache and manifest, as read, are the stamp's (plan_edit and pending hold them to it).
    todo = [edits.pending(plan, output_dir, previous.manifests.get(plan.campaign)) for plan in plans]
    if None in todo:
        return None  # nothing written: the full build reads them
    maker.ready()  # the renderer and linter made while the survey still looks (at 100k: 0.1 s of 0.5)
    # Asked only now, the survey has had the time to look at most campaigns (at 100k it takes as long as the
    # reading); of the edited campaigns, only their DOCX files: their cache and manifest were checked as read.
    # Asked from the last: what the child has not reached, this process looks at itself (two cores).
    edited = {plan.campaign for plan in plans}
    if not all(survey.intact(c, previous, contents_checked=c in edited) for c in reversed(survey.order)):
        return None
    survey.close()  # nothing more to ask it, before anything is written
    # Issued documents in output/ the register does not know stop the build before anything is written
    # (build.claims). Speed: every manifest is as the last build left it (checked above), so when the
    # register's rows are too, what that build found holds, and the manifests need not be read.
    if stamp.register != previous.register or not options.register_path.exists():
        check_register_knows_output(options.register_path, output_dir)
    try:
        trees = _number(options, trees, clock)
    except SourceErrors:
        return None
    by_campaign = {tree.campaign.id: tree for tree in trees}
    arguments = [edits.arguments(pending, by_campaign[plan.campaign], registry) for plan, pending in zip(plans, todo)]
    cache.remove(output_dir / cache.STAMP)  # from here on the outputs may differ from what it says
    report = BuildReport(trees=trees, seconds=clock.seconds)
    findings, issued = [], []
    for plan, pending, args in zip(plans, todo, arguments):
        done = edits.redo(pending, args, maker, output_dir, stamp.program, stamp.template)
        report.written += done.written
        report.unchanged += done.kept
        findings += done.findings
        issued += done.issued
        stamp.campaigns[plan.shown].update(campaign=plan.campaign, warnings=[])
        stamp.outputs[plan.campaign] = done.summary
        stamp.manifests[plan.campaign] = done.manifest_sha
    clock.done("render+write+lint")
    _keep_skipped(stamp, previous, skipped)
    for campaign in skipped.values():
        report.unchanged += previous.outputs[campaign]["documents"]
    report.manifests = [output_dir / c / MANIFEST for c in sorted(stamp.manifests)]
    report.warnings = list(dict.fromkeys(w for entry in previous.campaigns.values() for w in cache.read_warnings(entry)))
    if findings:
        raise _findings_error(findings)
    _record_files(options.register_path, issued)
    stamp.register = cache.register_digests(options.register_path)
    cache.write_atomic(output_dir / cache.STAMP, cache.json_bytes(stamp.to_json()))
    clock.done("manifests")
    return report


def record_issued_files(register_path: Path, manifests: list[Path]) -> None:
    """Have the register record the DOCX of every issued document as this build left it.

    The register's own record, not the manifest beside the files, is what ``vanban verify``
    holds a file to: a DOCX changed and its manifest rewritten to match is still found.
    """
    rows = []
    for path in manifests:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        rows += [(manifest["campaign"], d["id"], "docx", d["sha256"]) for d in manifest["documents"]
                 if d["number"] is not None]
    _record_files(register_path, rows)


def _record_files(register_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """Record (campaign, document, kind, sha256) rows in the register, when there are some and it exists."""
    from pipeline.register.store import Register, record_files

    if rows and register_path.exists():
        with Register(register_path, create=False, write=True) as register:
            record_files(register, rows)


def _keep_skipped(stamp: cache.Stamp, previous: cache.Stamp, skipped: dict[str, str]) -> None:
    """Carry into the stamp what the last build said of the campaign files this build did not read."""
    for path, campaign in skipped.items():
        stamp.campaigns[path].update(campaign=campaign, warnings=previous.campaigns[path].get("warnings", []))
        stamp.outputs[campaign] = previous.outputs[campaign]  # as checked by the survey (Survey.intact)
        stamp.manifests[campaign] = previous.manifests[campaign]


class _Workers:
    """The build's worker processes (``workers.start``): forked when the sources are valid, before they are resolved."""

    def __init__(self, jobs: int | None):
        self.jobs = jobs
        self.pool = None
        self._started = False

    def start(self, maker, registry: Registry) -> None:
        from pipeline.build import workers

        if not self._started:
            self._started = True
            self.pool = workers.start(self.jobs, maker, registry.bodies)

    def stop(self) -> None:
        if self.pool is not None:
            from pipeline.build import workers

            workers.stop(self.pool)
        self.pool = None
        self._started = False


class _Clock:
    """Wall-clock seconds per stage, for ``vanban build`` reports and the benchmark."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def _stop_if_strict(options: BuildOptions, warnings: list[Problem]) -> None:
    """Under ``--strict`` a warning stops the build before anything is written, as an error does."""
    if options.strict and warnings:
        raise SourceErrors(warnings)


def _numbered_trees(options: BuildOptions, skip: set[str], registry: Registry | None,
                    clock: _Clock, validated: Callable[[Registry], None], spare: "Spare | None" = None,
                    keep: contextlib.ExitStack | None = None) -> tuple[Sources, list[DocumentTree]]:
    """Validate (all but the campaign files in ``skip``), resolve and number; record numbers issued before.

    ``registry``: the registry validated from the same files by an earlier build, or None.
    ``validated``: called with the registry once the sources are valid, before they are resolved.
    ``spare``, ``keep``: as for ``_resolved_trees``.
    """
    skip_paths = {options.data_dir / p for p in skip}
    sources, trees, problems = _resolved_trees(options, skip_paths, registry, clock, validated, spare=spare,
                                               keep=keep)
    _stop_if_strict(options, problems)  # before the register is opened (and made): nothing is written
    return sources, _number(options, trees, clock)


def _resolved_trees(options: BuildOptions, skip: set[Path], registry: Registry | None, clock: _Clock,
                    validated: Callable[[Registry], None] = lambda _registry: None,
                    texts: dict[Path, str] | None = None,
                    spare: "Spare | None" = None, keep: contextlib.ExitStack | None = None
                    ) -> tuple[Sources, list[DocumentTree], list[Problem]]:
    """Validate (all but the campaign files in ``skip``; ``texts`` read for the files they name) and resolve;
    return the sources, the trees and their warnings, or raise SourceErrors.

    ``spare``: a ``resolving.Spare`` for the resolution's child; it is ended with ``keep`` (until then
    it may still work on it), or here when there is no ``keep``.
    """
    from pipeline.build.resolving import Resolution
    from pipeline.cascade.check import every_problem
    from pipeline.sources.validate import validate_sources

    sources, problems = validate_sources(options.data_dir, skip_campaigns=skip, registry=registry, texts=texts,
                                         partial=True)
    if problems:
        raise SourceErrors(every_problem(sources, problems))
    with contextlib.ExitStack() as own:
        resolution = (keep or own).enter_context(  # forks before the workers
            Resolution(sources.campaigns, sources.registry, options.jobs, spare))
        validated(sources.registry)
        clock.done("load+validate")
        trees, problems = resolution.run()
    if any(not p.warning for p in problems):
        raise SourceErrors(problems)
    clock.done("resolve")
    return sources, trees, problems


def _number(options: BuildOptions, trees: list[DocumentTree], clock: _Clock) -> list[DocumentTree]:
    """Number the trees from the register, recording the numbers the sources say were issued before it."""
    from pipeline.cascade.number import assign_numbers
    from pipeline.register.store import Register, open_existing

    # Every problem first, with nothing recorded (and no register made); then record the
    # numbers given before the register.
    existing = open_existing(options.register_path) if options.register_path.exists() else None
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
    return trees


# --- what the last build left -----------------------------------------------------------------------------


def _survey_plan(previous: cache.Stamp | None, now: cache.Stamp) -> tuple[list[str], set[str]]:
    """Return the campaigns whose output the survey looks at, and those of them it only lists.

    Those of unchanged files come first (the build asks of them first, to skip them). Those of
    changed files come last, listed only: an edit reads their cache and manifest and checks them itself.
    """
    if previous is None:
        return [], set()
    changed = {entry.get("campaign") for path, entry in previous.campaigns.items()
               if now.campaigns.get(path, {}).get("sha256") != entry.get("sha256")}
    return sorted(previous.manifests, key=lambda c: (c in changed, c)), changed & set(previous.manifests)


def _outputs_as_stamped(previous: cache.Stamp, now: cache.Stamp, survey: Survey) -> bool:
    """Tell whether no input changed and every output file is as the last build left it."""
    if (previous.program, previous.template, previous.registry, previous.register) != \
            (now.program, now.template, now.registry, now.register):
        return False
    if {p: c["sha256"] for p, c in previous.campaigns.items()} != {p: c["sha256"] for p, c in now.campaigns.items()}:
        return False
    campaigns = [c["campaign"] for c in previous.campaigns.values()]
    if None in campaigns or set(campaigns) != set(previous.manifests):
        return False
    # The survey's child looks from the first campaign, this process from the last: two cores.
    return all(survey.intact(c, previous) for c in reversed(survey.order))


def _skippable_campaigns(previous: cache.Stamp | None, now: cache.Stamp, survey: Survey) -> dict[str, str]:
    """Return campaign file → campaign id for the campaigns this build need not even read.

    A campaign is skipped when the program, template and registry are as at the last
    build, and so are its file, its register rows and every file of its output.
    """
    return {path: campaign for path, campaign in _unchanged_campaigns(previous, now).items()
            if survey.intact(campaign, previous)}


def _unchanged_campaigns(previous: cache.Stamp | None, now: cache.Stamp) -> dict[str, str]:
    """Return campaign file → campaign id for the campaigns whose inputs (not outputs) are as at the last build."""
    if previous is None or (previous.program, previous.template, previous.registry) != \
            (now.program, now.template, now.registry):
        return {}
    out = {}
    for path, entry in now.campaigns.items():
        before = previous.campaigns.get(path)
        campaign = before and before["campaign"]
        if not campaign or before["sha256"] != entry["sha256"]:
            continue
        if previous.register.get(campaign) == now.register.get(campaign):
            out[path] = campaign
    return out


def _unchanged_report(stamp: cache.Stamp, output_dir: Path) -> BuildReport:
    report = BuildReport(sources_unchanged=True)
    for campaign in sorted(stamp.manifests):
        report.manifests.append(output_dir / campaign / MANIFEST)
        report.unchanged += stamp.outputs[campaign]["documents"]
    return report
