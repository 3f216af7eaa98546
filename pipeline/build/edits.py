"""Rebuild after an edit: read only the pieces of a campaign file that changed and those they need.

A build that finds a campaign file changed used to read, check and resolve the whole
campaign, and key every one of its documents, to redo the one a clerk edited: seconds for
a national campaign, growing with it. The build now keys what it reads of a campaign file by
piece (``sources.pieces``: one piece per item of ``van_ban``) and keeps, in the campaign's
cache, what each piece was (its digest, its document's id, parent and the documents it
cites, the documents it became). After an edit that leaves the frame (id, name, shared
blocks, outside documents) and every document's id, parent and citations as they were:

- the pieces **redone** are those that changed, the documents below them (they inherit), and
  those that cite one of them (they print its number, date and subject);
- the pieces **read** are those, and what they need to be resolved: the documents above them
  and those they cite, and theirs;
- the text read is the file with every other piece blanked line for line, so every location
  (an error's line and column) is the file's own; it is checked, resolved and numbered as
  the whole file is, by the same functions;
- the documents of the pieces redone are keyed, rendered, written and linted in this
  process as any build does them; their entries are replaced in the manifest's text, their
  lines in the cache's (``cache.CacheText``: neither is decoded, encoded or read again whole,
  and the stamp's summary of the output is one digest of the cache's listing); the other
  documents are neither read nor touched.

Anything else takes the full build, which is always right: a file that cannot be cut plainly,
a changed frame, a piece added, removed or moved, a changed id, parent or citation, a fan-out
that now reaches other bodies, a campaign with warnings (how often a warning repeats is
counted over the whole campaign), any problem found in what was read (the full build says
it, with every other problem of the file), a changed registry, shared block, template,
program or register row, output not as the last build left it, or more documents to redo
than this process renders faster than the workers (``MAX_REDONE``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.build import cache
from pipeline.build.work import DocumentMaker, template_args
from pipeline.build.write import MANIFEST, ManifestText, WrittenDocument, commit_campaign, document_path, \
    manifest_entry
from pipeline.cascade.resolve import spec_of
from pipeline.errors import PipelineError
from pipeline.files import atomic_write, own_folder, read_regular
from pipeline.model import DocumentSpec, DocumentTree
from pipeline.sources import pieces as cutter
from pipeline.sources.load import read_text

MAX_REDONE = 500  # documents redone in this process (4–5 ms each); beyond, the full build with its workers is faster
PIECES = "pieces"  # the key of the campaign cache that holds the file's pieces


# --- what the cache keeps of a campaign file ----------------------------------------------------------------


def piece_records(cut: cutter.Cut, specs: tuple[DocumentSpec, ...], documents, kept: list[int]) -> list[list] | None:
    """Return, for each piece in ``kept`` (in order), [digest, id, parent id, ids it cites, its documents' ids].

    ``specs`` are what the parser read from those pieces, in order; None when they do not
    match the cut (a piece that is not exactly one document item starting on its first line).
    """
    if len(specs) != len(kept):
        return None
    records, where = [], {}
    for n, (spec, i) in enumerate(zip(specs, kept)):
        # The n-th item read (the others are blank lines): its list index in problems' field names, which
        # then differ from the whole file's; a build that finds a problem reads the whole file (build._edited).
        if spec.location.line != cut.pieces[i][0] + 1 or spec.path != ("van_ban", n):
            return None
        where[spec.id] = len(records)
        records.append([cut.digest(i), spec.id, spec_of(spec.parent), set(), []])
    for doc in documents:
        record = records[where[spec_of(doc.id)]]
        record[4].append(doc.id)
        record[3].update(spec_of(base) for base in doc.bases if spec_of(base) in where)
    for record in records:
        record[3] = sorted(record[3])
    return records


def campaign_pieces(tree: DocumentTree, raw: bytes, text: str) -> dict | None:
    """Return what the campaign cache keeps of the pieces of the file ``tree`` was read from (its bytes and text)."""
    cut = cutter.cut(text)
    if cut is None:
        return None
    records = piece_records(cut, tree.campaign.specs, tree.documents, list(range(len(cut.pieces))))
    if records is None:
        return None
    return {"sha256": hashlib.sha256(raw).hexdigest(), "frame": cut.frame, "pieces": records}


# --- planning ---------------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What to read and redo of one edited campaign file."""

    path: Path  # the campaign file
    shown: str  # relative to the data folder, as the stamp names it
    campaign: str  # its id
    sha256: str  # of the file's bytes, as the stamp has it
    cut: cutter.Cut
    cache: cache.CacheText  # the campaign cache as the last build left it
    head: dict  # its first line: format, program, template, pieces
    redone: set[int] = field(default_factory=set)  # pieces whose documents are redone
    read: set[int] = field(default_factory=set)  # pieces read: those, and what they need
    records: list[list] = field(default_factory=list)  # the pieces as the last build recorded them

    @property
    def text(self) -> str:
        return self.cut.blanked(self.read)


def plan_edit(path: Path, shown: str, previous: cache.Stamp, now: cache.Stamp, output_dir: Path) -> Plan | None:
    """Return what to read and redo of the edited campaign file ``path``, or None when the full build must read it.

    The cache is used only if the bytes read are those the stamp recorded; the caller still checks
    the campaign's DOCX files (``Survey.intact``) before anything is written.
    """
    before = previous.campaigns.get(shown)
    campaign = before and before.get("campaign")
    if not campaign or before.get("warnings") or previous.register.get(campaign) != now.register.get(campaign):
        return None
    recorded = previous.outputs.get(campaign)
    try:  # not through a link (follow=False)
        raw = read_regular(output_dir / campaign / cache.CAMPAIGN_CACHE, cache.MAX_INPUT_BYTES, follow=False)
    except (OSError, ValueError, PipelineError):
        return None
    if not isinstance(recorded, dict) or hashlib.sha256(raw).hexdigest() != recorded.get("cache"):
        return None
    text = cache.CacheText(raw)
    head = text.head()  # not the documents: the pieces redone say which of them are read (``pending``)
    if not cache.made_by(head, now.program, now.template):
        return None
    known = head.get(PIECES)
    if not isinstance(known, dict) or known.get("sha256") != before["sha256"]:
        return None
    read = read_text(path)
    if read is None or hashlib.sha256(read[0]).hexdigest() != now.campaigns[shown]["sha256"]:
        return None
    cut = cutter.cut(read[1])
    records = known.get("pieces")
    if cut is None or cut.frame != known.get("frame") or not isinstance(records, list) \
            or len(records) != len(cut.pieces):
        return None
    changed = {i for i, digest in enumerate(cut.digests()) if digest != records[i][0]}
    plan = Plan(path, shown, campaign, now.campaigns[shown]["sha256"], cut, text, head)
    if not _close(plan, records, changed):
        return None
    return plan


def _close(plan: Plan, records: list[list], changed: set[int]) -> bool:
    """Fill in the pieces redone and read; False when there are too many documents to redo here."""
    try:
        index = {record[1]: i for i, record in enumerate(records)}
        parent = [index.get(record[2]) for record in records]
        cites = [[index[c] for c in record[3]] for record in records]
        below: dict[int, list[int]] = {}
        for i, p in enumerate(parent):
            if p is not None:
                below.setdefault(p, []).append(i)
        cited_by: dict[int, list[int]] = {}
        for i, targets in enumerate(cites):
            for t in targets:
                cited_by.setdefault(t, []).append(i)
        redone = _reach(changed, lambda i: below.get(i, []) + cited_by.get(i, []))
        if sum(len(records[i][4]) for i in redone) > MAX_REDONE:
            return False
        plan.redone = redone
        plan.read = _reach(redone, lambda i: ([parent[i]] if parent[i] is not None else []) + cites[i])
        plan.records = records
    except (KeyError, TypeError, IndexError):  # a cache made otherwise
        return False
    return True


def _reach(start: set[int], step) -> set[int]:
    seen = set(start)
    todo = list(start)
    while todo:
        for j in step(todo.pop()):
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return seen


# --- redoing ----------------------------------------------------------------------------------------------------


def matches(plan: Plan, tree: DocumentTree) -> bool:
    """Tell whether what was read of the pieces is what the last build recorded of them: the same documents,
    ids, parents and citations (only then are the documents not read the same as they were)."""
    kept = sorted(plan.read)
    records = piece_records(plan.cut, tree.campaign.specs, tree.documents, kept)
    if records is None:
        return False
    return all(new[1:] == plan.records[i][1:] for new, i in zip(records, kept))


@dataclass
class Redone:
    """What redoing an edited campaign did."""

    written: list[WrittenDocument] = field(default_factory=list)
    kept: int = 0  # documents left as they were
    findings: list[list[str]] = field(default_factory=list)
    summary: dict = field(default_factory=dict)  # cache.outputs_summary of the campaign
    manifest_sha: str = ""  # of the manifest written
    issued: list[tuple[str, str, str, str]] = field(default_factory=list)  # register rows of issued files redone


@dataclass
class Pending:
    """An edited campaign's manifest, where its documents redone are in it, and its cache's outputs."""

    plan: Plan
    ids: set[str]  # the documents redone
    manifest: ManifestText
    spans: dict[str, tuple[int, int]]
    entries: dict[str, tuple]  # each document redone as ``CacheText.entry`` found it: where, what, its listing line


def pending(plan: Plan, output_dir: Path, recorded_sha: str | None) -> Pending | None:
    """Return what redoing needs of the campaign's manifest and cache; None when they do not hold every
    document redone as expected, or the manifest read is not the one whose digest the stamp recorded
    (then the full build reads the campaign: nothing is written before)."""
    ids = {doc_id for i in plan.redone for doc_id in plan.records[i][4]}
    try:
        manifest = ManifestText(read_regular(output_dir / plan.campaign / MANIFEST, cache.MAX_INPUT_BYTES,
                                             follow=False))
    except (OSError, ValueError, PipelineError):
        return None
    if hashlib.sha256(manifest.data).hexdigest() != recorded_sha:
        return None
    spans = {doc_id: manifest.span(doc_id) for doc_id in ids}
    entries = {doc_id: plan.cache.entry(doc_id) for doc_id in ids}
    if None in spans.values() or None in entries.values():
        return None
    return Pending(plan, ids, manifest, spans, entries)


def arguments(todo: Pending, tree: DocumentTree, registry) -> dict[str, tuple]:
    """Return the arguments of ``template_context`` of each document redone, by its id.

    Made before anything is written: every registry body they print is decoded then, so that a
    line of the registry's cache that does not read back (``keys.RegistryCacheError``) sends the
    build the long way with the output as it was.
    """
    by_id = tree.by_id()
    return {doc.id: template_args(doc, by_id, registry) for doc in tree.documents if doc.id in todo.ids}


def redo(todo: Pending, arguments: dict[str, tuple], maker: DocumentMaker, output_dir: Path, program: str,
         template_sha: str) -> Redone:
    """Key, render, write and lint the documents of the pieces redone (``arguments``: theirs, in the campaign's
    order); replace their entries in the manifest and the cache."""
    plan, ids, manifest, spans = todo.plan, todo.ids, todo.manifest, todo.spans
    outputs = {doc_id: output for doc_id, (_span, output, _listed) in todo.entries.items()}
    campaign_dir = own_folder(output_dir / plan.campaign, output_dir)
    done = Redone(kept=sum(len(record[4]) for record in plan.records) - len(ids))
    entries = []
    for args in arguments.values():
        doc = args[0]
        key = maker.keyer.key(args)
        path = document_path(output_dir, doc)
        before = outputs.get(doc.id)
        if before.key == key and before.intact(path):
            sha = before.sha256
            done.kept += 1
        else:
            _ci, _di, output, found = maker.make((0, 0, args, key, before, path))
            sha = output.sha256
            if found:  # not recorded: the next build checks it again
                done.findings.append(found)
                outputs.pop(doc.id)
            else:
                outputs[doc.id] = output
            done.written.append(WrittenDocument(doc, path, sha))
        entries.append((spans[doc.id], manifest_entry(doc, path, sha, campaign_dir)))
        if doc.number is not None:
            done.issued.append((plan.campaign, doc.id, "docx", sha))
    written = manifest.replaced(entries)
    commit_campaign(campaign_dir, written, output_dir, manifest.data)
    done.manifest_sha = hashlib.sha256(written).hexdigest()
    records = [list(record) for record in plan.records]
    for i in plan.read:
        records[i][0] = plan.cut.digest(i)
    pieces = {"sha256": plan.sha256, "frame": plan.head[PIECES]["frame"], "pieces": records}
    data, done.summary = _cache_after(plan, todo, outputs, pieces, program, template_sha)
    if data != plan.cache.data:
        atomic_write(campaign_dir / cache.CAMPAIGN_CACHE, data)
    return done


def _cache_after(plan: Plan, todo: Pending, outputs: dict[str, cache.Output], pieces: dict, program: str,
                 template_sha: str) -> tuple[bytes, dict]:
    """Return the campaign cache with the outputs of the documents redone (those with findings left out), and the
    stamp's summary of it: their entries replaced in its bytes; the whole cache encoded again when one is left
    out, which changes the lines' count (a document with findings: rare, the program's own fault)."""
    head = dict(plan.head, format=cache.CAMPAIGN_FORMAT, program=program, template=template_sha, pieces=pieces)
    if set(outputs) == todo.ids:
        made = plan.cache.replaced(head, {doc_id: (todo.entries[doc_id], outputs[doc_id]) for doc_id in todo.ids})
        if made is not None:  # it is: pending found every entry
            return made
    everything = plan.cache.outputs() or {}  # it is not {}: pending found entries in it
    for doc_id in todo.ids:
        everything.pop(doc_id, None)
    everything.update(outputs)
    data = cache.campaign_cache_bytes(program, template_sha, everything, pieces)
    return data, cache.outputs_summary(data, everything)
