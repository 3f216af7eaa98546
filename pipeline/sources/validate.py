"""Validate the sources and turn them into the frozen model; raw dicts stop here.

Every file and every field is checked and all problems are returned together,
so a clerk fixes everything in one pass. A document or body whose own entry is broken
(the schema's ``ListOf(partial=True)``) is left out, and with it what depends on it, without
a second message; the rest is still checked, and with ``partial`` handed to resolving
(``pipeline.cascade.check.every_problem``). Numbering and writing run only on clean input.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Collection, Mapping

from pipeline.errors import PipelineError, Problem, SourceLocation, relative
from pipeline.i18n import _
from pipeline.processes import start_worker
from pipeline.model import (
    PARTY,
    SYSTEM_OF_SOURCE,
    Block,
    Body,
    Campaign,
    DocumentSpec,
    Registry,
    RoleTable,
    Selector,
    Signer,
)
from pipeline.sources.content import ContentChecker, build_blocks, build_outside, frozen
from pipeline.rulebook.systems import DEFAULT_ORGANISATION
from pipeline.sources.fields import (
    CAMPAIGN,
    CONTENT_FIELDS,
    LIBRARY,
    OWN_FIELDS,
    REGISTRY,
)
from pipeline.sources.kinds_check import co_issuer_problems, organisation_problems
from pipeline.sources.find import find_library_files, find_source_files
from pipeline.sources.load import SourceFile, dotted, load_file, parse_text
from pipeline.sources.schema import ID_PATTERN, Context, suggest
from pipeline.sources.signing import build_signing

INHERITED_KEYS = tuple(f.key for f in CONTENT_FIELDS)
OWN_KEYS = tuple(f.key for f in OWN_FIELDS)
PARTY_AUTHORITIES = ("T/M", "K/T", "T/L")
PARALLEL_FILES = 8  # from this many source files on, they are read by one process per core
MAX_CASCADE_DEPTH = 100  # documents each implementing the one before; a real cascade has fewer than ten


@dataclass(frozen=True)
class Sources:
    registry: Registry
    campaigns: tuple[Campaign, ...]
    files: tuple[str, ...]


def validate_sources(data_dir: Path, skip_campaigns: Collection[Path] = (),
                     registry: Registry | None = None,
                     texts: Mapping[Path, str] | None = None,
                     partial: bool = False) -> tuple[Sources | None, list[Problem]]:
    """Load and check every source under ``data_dir``; return the model or the problems.

    ``partial``: with problems, return beside them what is sound to resolve, so that its problems are
    found in the same run (pipeline.cascade.check.every_problem): the campaigns whose mistakes are each
    one document's own (those documents left out, with the documents below them: ``Campaign.left_out``),
    when the registry and the shared blocks have none; None when nothing is.

    ``skip_campaigns``: campaign files not to read. The build leaves out those whose
    file, registry and register are as at its last (valid) build: nothing new can be found
    in them, and reading a large campaign costs more than rebuilding the document edited.
    ``registry``: the registry as validated from the same files by an earlier build
    (pipeline.build.cache); its files are then not read again.
    ``texts``: campaign file → the text to read for it instead of the file (the build's, after
    an edit: the file with the pieces it need not read blanked line for line, ``sources.pieces``).
    What a file was read with other than as written (text pasted from Word: SourceFile.warnings)
    rides on the campaigns (``Campaign.warnings``, the registry's and shared blocks' on the first),
    so that resolving gives them to the campaign's tree with its own warnings.
    """
    if not data_dir.is_dir():
        return None, [Problem(SourceLocation(relative(data_dir)), "",
                              _("không có thư mục nguồn '{path}'").format(path=relative(data_dir)),
                              _("chạy lệnh trong thư mục dự án, hoặc chỉ đúng thư mục bằng --data"))]
    registry_paths, campaign_paths = find_source_files(data_dir)
    problems: list[Problem] = []
    if not registry_paths:
        problems.append(Problem(SourceLocation(relative(data_dir)), "",
                                _("không tìm thấy danh mục tổ chức (to-chuc.yaml)")))
    if not campaign_paths:
        problems.append(Problem(SourceLocation(relative(data_dir)), "",
                                _("không tìm thấy chiến dịch nào (chien-dich/*.yaml)")))

    library_paths = find_library_files(data_dir)
    to_read = [(path, "registry") for path in (registry_paths if registry is None else ())]
    to_read += [(path, "library") for path in library_paths]
    to_read += [(path, "campaign", (texts or {}).get(path)) for path in campaign_paths if path not in skip_campaigns]
    loaded = dict(zip((item[0] for item in to_read), _load_and_check_all(to_read)))

    registry_parts = []
    for path in registry_paths if registry is None else ():
        source, found, checked = loaded[path]
        problems += found
        if checked is not None and (_anonymous(source.data, checked, "co_quan")
                                    or _anonymous(source.data, checked, "khoi_thi_dua")):
            checked = None  # a broken body without an id: any reference could be to it, none is checked
        if checked is not None:
            registry_parts.append((source, checked))
    if registry is None and registry_parts and len(registry_parts) == len(registry_paths):
        registry, found = build_registry(registry_parts, data_dir)
        problems += found

    library: dict[str, Block] = {}
    for path in library_paths:
        source, found, checked = loaded[path]
        problems += found
        if checked is not None:
            library = build_blocks(source, checked["khoi_chung"], ("khoi_chung",), problems, library)
    shared_sound = not problems  # the registry and shared blocks: all a campaign is resolved with

    campaigns = []
    sound: set[str] = set()  # paths of the campaigns whose mistakes are each one document's own
    for path in campaign_paths:
        if path in skip_campaigns:
            continue
        source, found, checked = loaded[path]
        problems += found
        if checked is not None and registry is not None:
            campaign, found, resolvable = build_campaign(source, checked, registry, library)
            problems += found
            if resolvable:
                sound.add(campaign.path)
            warnings = tuple(_named_by_document(list(source.warnings), {source.path: source}))
            campaigns.append(replace(campaign, warnings=warnings + campaign.warnings) if warnings else campaign)

    shown = {source.path: source for path in campaign_paths if path in loaded
             for source in (loaded[path][0],) if source is not None}
    problems = _named_by_document(problems, shown)
    ids = {}
    for campaign in campaigns:
        if campaign.id in ids:
            problems.append(Problem(SourceLocation(campaign.path, 1, 1), "ma",
                                    _("mã chiến dịch '{id}' trùng với tệp {other}").format(id=campaign.id, other=ids[campaign.id])))
        ids[campaign.id] = campaign.path
    if problems or registry is None:
        if partial and registry is not None and shared_sound:
            counts = Counter(c.id for c in campaigns)
            resolvable = tuple(c for c in campaigns if c.path in sound and counts[c.id] == 1)
            files = tuple(relative(p) for p in registry_paths + library_paths + campaign_paths)
            return (Sources(registry, resolvable, files) if resolvable else None), problems
        return None, problems
    shared = tuple(w for path, (source, _f, _c) in loaded.items() if path not in campaign_paths and source is not None
                   for w in source.warnings)
    if shared and campaigns:  # the registry's and shared blocks': said once, with the first campaign read
        campaigns[0] = replace(campaigns[0], warnings=shared + campaigns[0].warnings)
    files = tuple(relative(p) for p in registry_paths + library_paths + campaign_paths)
    return Sources(registry, tuple(campaigns), files), []


_ITEM_FIELD = re.compile(r"van_ban\[(\d+)\](.*)", re.S)


def _named_by_document(problems: list[Problem], sources: dict[str, SourceFile]) -> list[Problem]:
    """Name a campaign's document by its id, not its place in the list: "van_ban[5].co_quan" reads
    "cv-ldld-tinh: co_quan", as the later stages name it (its line and column stay the same)."""
    out = []
    for p in problems:
        source = sources.get(p.location.path)
        found = _ITEM_FIELD.fullmatch(p.field) if source is not None else None
        doc_id = _item_id(source.data, int(found.group(1))) if found else None
        if doc_id:
            rest = found.group(2).lstrip(".")
            p = replace(p, field=f"{doc_id}: {rest}" if rest else doc_id)
        out.append(p)
    return out


def _item_id(data: object, index: int, key: str = "van_ban") -> str | None:
    """The id (ma) the clerk gave the ``index``-th item of ``key`` (a campaign's document) in ``data``, if it is one."""
    items = data.get(key) if isinstance(data, dict) else None
    item = items[index] if isinstance(items, list) and index < len(items) else None
    doc_id = item.get("ma") if isinstance(item, dict) else None
    return doc_id if isinstance(doc_id, str) and re.fullmatch(ID_PATTERN, doc_id) else None


def _load_and_check(item: tuple) -> tuple[SourceFile | None, list[Problem], dict | None]:
    """Load one file and check it against its root declaration: (source, problems, checked data)."""
    path, kind, *text = item
    source, found = load_file(path) if not text or text[0] is None else parse_text(text[0], relative(path))
    if source is None or found:
        return source, found, None
    ctx = Context(source)
    checked = {"registry": REGISTRY, "library": LIBRARY, "campaign": CAMPAIGN}[kind].check(source.data, (), ctx)
    return source, found + ctx.problems, checked


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load_and_check_all(items: list[tuple]) -> list[tuple]:
    """Return ``_load_and_check`` of every item, in order.

    Speed: a national registry is dozens of files (one per province) and reading them was
    most of a build's time before its workers start; from PARALLEL_FILES files on, one
    process per core reads them (forked, so they need nothing sent but the paths), with
    the same results in the same order.
    """
    cores = os.cpu_count() or 1
    if len(items) >= PARALLEL_FILES and cores > 1:
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this system
            context = None
        if context is not None:
            # Largest first, so that no core is left with a big file at the end.
            order = sorted(range(len(items)), key=lambda i: -_size(items[i][0]))
            # An executor, not a Pool: a reader that dies (out of memory) breaks it, instead of a wait for ever.
            try:
                with ProcessPoolExecutor(min(cores, len(items)), mp_context=context, initializer=start_worker,
                                         initargs=(os.getpid(), False)) as pool:
                    results = list(pool.map(_load_and_check, [items[i] for i in order]))
            except BrokenProcessPool:
                raise PipelineError(_("một tiến trình đọc tệp nguồn đã dừng đột ngột (hết bộ nhớ, hoặc bị dừng từ "
                                      "bên ngoài); không có gì được ghi. Hãy chạy lại.")) from None
            out: list = [None] * len(items)
            for i, result in zip(order, results):
                out[i] = result
            return out
    return [_load_and_check(item) for item in items]


# --- registry --------------------------------------------------------------------


def build_registry(parts: list[tuple[SourceFile, dict]],
                   data_dir: Path | None = None) -> tuple[Registry, list[Problem]]:
    problems: list[Problem] = []
    bodies: dict[str, Body] = {}
    raw_refs = []  # (source, path, field, target id) to check once every body is known
    role_refs = []  # (source, path, value): a role value that looks like an id must name a body
    tables: list[RoleTable] = []

    def add(body: Body, source: SourceFile, path: tuple) -> None:
        if body.id in bodies:
            problems.append(Problem(source.where(path + ("ma",)), "ma",
                                    _("mã '{id}' trùng với cơ quan ở {where}").format(id=body.id, where=bodies[body.id].location)))
        else:
            bodies[body.id] = body

    left_out: set[str] = set()  # bodies whose own entry is broken (the schema said so): known, not built

    for source, data in parts:
        left_out.update(_broken_ids(source.data, data, "co_quan") + _broken_ids(source.data, data, "khoi_thi_dua"))
        for i, item in enumerate(data.get("co_quan", ())):
            if item is None:
                continue
            path = ("co_quan", i)
            system = SYSTEM_OF_SOURCE[item["he_thong"]]
            signers = tuple(Signer(s["ma"], s["ho_ten"], s["chuc_vu"], s.get("quyen_han") or ()) for s in item["nguoi_ky"])
            for j, signer in enumerate(signers):
                for k, line in enumerate(signer.authority):
                    party_form = line.startswith(PARTY_AUTHORITIES)
                    if party_form != (system == PARTY):
                        if system == PARTY:
                            message = _("cơ quan đảng ghi quyền hạn bằng T/M, K/T, T/L (HD 36), nhận được '{found}'")
                        else:
                            message = _("cơ quan nhà nước, công đoàn và mặt trận ghi quyền hạn bằng TM., KT., Q., TL., "
                                        "TUQ. (Nghị định 30), nhận được '{found}'")
                        problems.append(Problem(source.where(path + ("nguoi_ky", j, "quyen_han")),
                                                f"co_quan[{i}].nguoi_ky[{j}].quyen_han", message.format(found=line)))
            units = {u["ma"]: u["ten"] for u in item.get("don_vi_soan_thao", ())}
            body = Body(
                id=item["ma"], system=system, name_lines=item["ten"], full_name=item["ten_day_du"],
                short_name=item["ten_ngan"], notation=item["ky_hieu"], place=item["dia_danh"],
                locality=item["dia_ban"], location=source.where(path), parent=item.get("cap_tren"),
                header_parent=item.get("chu_quan"), header_parent_name=item.get("ten_chu_quan"),
                level=item.get("cap", ""), recipient_group=item.get("nhom_nhan"),
                drafting_units=MappingProxyType(units), signers=signers,
                subordinates_text=item.get("cap_duoi_chung", ()), term_start=item.get("nhiem_ky_tu"),
                roles=MappingProxyType(dict(item.get("vai_tro", {}))),
                organisation=item.get("loai_to_chuc") or DEFAULT_ORGANISATION.get(system),
                number_width=item.get("so_chu_so", 2), report_line=item.get("noi_nhan_cap_tren"),
                list_end=item.get("dau_noi_nhan", ";"),
            )
            problems += organisation_problems(source, path, item)
            if body.list_end != ";" and system != PARTY:
                # NĐ 30 PL I II.9: each line of "Nơi nhận" ends with ";" (the linter holds state, union and
                # Front documents to it); the Party's guidance does not say, and Party documents often use ",".
                problems.append(Problem(source.where(path + ("dau_noi_nhan",)), f"co_quan[{i}].dau_noi_nhan",
                                        _("Nghị định 30 quy định mỗi dòng 'Nơi nhận' kết thúc bằng dấu ';'; "
                                          "dấu ',' chỉ dùng cho cơ quan đảng"),
                                        _("bỏ 'dau_noi_nhan' của cơ quan này")))
            for role, value in item.get("vai_tro", {}).items():
                role_refs.append((source, path + ("vai_tro", role), value))
            add(body, source, path)
            for key in ("cap_tren", "chu_quan"):
                if item.get(key):
                    raw_refs.append((source, path + (key,), item[key]))
        for i, item in enumerate(data.get("khoi_thi_dua", ())):
            if item is None:
                continue
            path = ("khoi_thi_dua", i)
            body = Body(
                id=item["ma"], system=SYSTEM_OF_SOURCE["nha_nuoc"], name_lines=item["ten"],
                full_name=item["ten_day_du"], short_name=item["ten_ngan"], notation=item["ky_hieu"],
                place=item["dia_danh"], locality=item["dia_ban"], location=source.where(path),
                parent=item.get("cap_tren"), header_parent=item.get("chu_quan"), is_bloc=True,
                members=item["thanh_vien"], heads=MappingProxyType(dict(item["truong_khoi"])),
            )
            add(body, source, path)
            for key in ("cap_tren", "chu_quan"):
                if item.get(key):
                    raw_refs.append((source, path + (key,), item[key]))
            for j, member in enumerate(item["thanh_vien"]):
                raw_refs.append((source, path + ("thanh_vien", j), member))
            for year, head in item["truong_khoi"].items():
                raw_refs.append((source, path + ("truong_khoi", year), head))
                if head not in item["thanh_vien"]:
                    problems.append(Problem(source.where(path + ("truong_khoi", year)), f"khoi_thi_dua[{i}].truong_khoi.{year}",
                                            _("Trưởng khối '{id}' không phải thành viên của khối").format(id=head)))

        for i, item in enumerate(data.get("vai_tro", ())):
            if item is None:
                continue
            path = ("vai_tro", i)
            roles = {k: v for k, v in item.items() if k not in ("cap", "he_thong", "thuoc")}
            system = SYSTEM_OF_SOURCE[item["he_thong"]] if item.get("he_thong") else None
            tables.append(RoleTable(item["cap"], system, MappingProxyType(roles), source.where(path),
                                    tuple(item.get("thuoc", ()))))
            for j, scope in enumerate(item.get("thuoc", ())):
                raw_refs.append((source, path + ("thuoc", j), scope))
            for role, value in roles.items():
                role_refs.append((source, path + (role,), value))

    for source, path, target in raw_refs:
        if target not in bodies and target not in left_out:
            problems.append(_unknown(source, path, target, bodies, _("cơ quan")))
    for source, path, value in role_refs:
        if re.fullmatch(ID_PATTERN, value) and "-" in value and value not in bodies and value not in left_out:
            problems.append(_unknown(source, path, value, bodies, _("cơ quan")))
        for name in re.findall(r"\{\{\s*(.*?)\s*\}\}", value):
            if name != "cap":
                problems.append(Problem(source.where(path), dotted(path),
                                        _("tên vai trò chỉ dùng được chỗ điền {{{{ cap }}}} (tên cấp), nhận được "
                                          "'{{{{ {name} }}}}'").format(name=name)))
    problems += _role_table_problems(tables, bodies, bool(left_out))
    if not problems:
        problems += _registry_cycles(bodies)
    signing, found = build_signing(parts, data_dir)
    return Registry(MappingProxyType(bodies), tuple(tables), signing, frozenset(left_out)), problems + found


def _anonymous(raw: object, checked: dict, key: str) -> bool:
    """Tell whether an item of ``key`` is broken and has no id to know it by (what is below it is unknown)."""
    return any(item is None and not _item_id(raw, i, key) for i, item in enumerate(checked.get(key, ())))


def _broken_ids(raw: object, checked: dict, key: str) -> list[str]:
    """The ids the clerk gave the items of ``key`` that the schema found broken (None in ``checked``)."""
    return [doc_id for i, item in enumerate(checked.get(key, ())) if item is None
            for doc_id in (_item_id(raw, i, key),) if doc_id]


def _role_table_problems(tables: list[RoleTable], bodies: dict[str, Body], bodies_left_out: bool = False
                         ) -> list[Problem]:
    """A role table for a level no body has, or the same level and system twice, is a mistake.

    With bodies left out (broken), a level is not said to be missing: the body left out may have it."""
    problems = []
    levels = {b.level for b in bodies.values() if b.level}
    seen: dict[tuple, RoleTable] = {}
    for table in tables:
        if table.level not in levels and not bodies_left_out:
            problems.append(Problem(table.location, "vai_tro.cap",
                                    _("không có cơ quan nào cấp '{level}' trong danh mục").format(level=table.level),
                                    suggest(table.level, levels)))
        key = (table.level, table.system, table.scope)
        if key in seen:
            problems.append(Problem(table.location, "vai_tro",
                                    _("bảng vai trò cấp '{level}' đã có ở dòng {line}").format(
                                        level=table.level, line=seen[key].location.line)))
        seen[key] = table
    return problems


def load_registry(data_dir: Path) -> tuple[Registry | None, list[Problem]]:
    """Check the registry files alone (commands that need no campaign, such as verify)."""
    registry_paths, _campaigns = find_source_files(data_dir)
    if not registry_paths:
        return None, [Problem(SourceLocation(relative(data_dir)), "", _("không tìm thấy danh mục tổ chức (to-chuc.yaml)"))]
    problems, parts = [], []
    for source, found, checked in _load_and_check_all([(path, "registry") for path in registry_paths]):
        problems += found
        if checked is not None:
            parts.append((source, checked))
    if problems:
        return None, problems
    registry, problems = build_registry(parts, data_dir)
    return (None if problems else registry), problems


def _registry_cycles(bodies: dict[str, Body]) -> list[Problem]:
    """Refuse a loop of ``cap_tren`` (the tree) or of ``chu_quan`` (whose name heads a header),
    and a ``chu_quan`` that sits below the body it heads (it would print its own subordinate above its name)."""
    problems = [_cycle_problem(bodies[chain[0]], "cap_tren", _("vòng lặp cấp trên: {chain}"), chain)
                for chain in _cycles(bodies, lambda b: b.parent)]
    problems += [_cycle_problem(bodies[chain[0]], "chu_quan", _("vòng lặp cơ quan chủ quản: {chain}"), chain)
                 for chain in _cycles(bodies, lambda b: b.header_parent)]
    if problems:
        return problems
    below = _Descendants(bodies)
    for body in bodies.values():
        if body.header_parent in bodies and body.header_parent != body.id and below.is_under(body.header_parent, body.id):
            problems.append(Problem(body.location, "chu_quan",
                                    _("cơ quan chủ quản '{head}' là cấp dưới của '{id}'; cơ quan chủ quản phải là "
                                      "một cơ quan cấp trên").format(head=body.header_parent, id=body.id)))
    return problems


def _cycle_problem(body: Body, key: str, message: str, chain: list[str]) -> Problem:
    return Problem(body.location, key, message.format(chain=" → ".join(chain + [chain[0]])))


def _cycles(bodies: dict[str, Body], link) -> list[list[str]]:
    """Return each loop of ``link`` (body → id of another body, or None) once, from its first body in registry order.

    Linear: each body is walked once (a chain 100,000 bodies deep costs 100,000 steps, not their square).
    """
    state: dict[str, int] = {}  # 1: on the walk in progress, 2: done
    members: dict[str, int] = {}  # body → the loop it belongs to
    loops = 0
    for start in bodies:
        walk = []
        current = start
        while current is not None and current in bodies and current not in state:
            state[current] = 1
            walk.append(current)
            current = link(bodies[current])
        if current is not None and state.get(current) == 1:  # came back onto this walk: a loop
            for member in walk[walk.index(current):]:
                members[member] = loops
            loops += 1
        for body_id in walk:
            state[body_id] = 2
    out, reported = [], set()
    for body_id in bodies:  # registry order: each loop is told from its first body
        loop = members.get(body_id)
        if loop is None or loop in reported:
            continue
        reported.add(loop)
        chain = [body_id]
        current = link(bodies[body_id])
        while current != body_id:
            chain.append(current)
            current = link(bodies[current])
        out.append(chain)
    return out


class _Descendants:
    """Answer "is body a below body b?" in constant time, from one walk of the tree (``cap_tren``)."""

    def __init__(self, bodies: dict[str, Body]):
        children: dict[str | None, list[str]] = {}
        for body in bodies.values():
            children.setdefault(body.parent if body.parent in bodies else None, []).append(body.id)
        self.enter: dict[str, int] = {}
        self.leave: dict[str, int] = {}
        clock = 0
        stack = [(body_id, False) for body_id in reversed(children.get(None, []))]
        while stack:  # no recursion: a chain of 100,000 bodies is as deep as it is long
            body_id, done = stack.pop()
            if done:
                self.leave[body_id] = clock
                continue
            self.enter[body_id] = clock
            clock += 1
            stack.append((body_id, True))
            stack.extend((child, False) for child in reversed(children.get(body_id, [])))

    def is_under(self, body: str, ancestor: str) -> bool:
        return self.enter[ancestor] < self.enter[body] and self.leave[body] <= self.leave[ancestor]


def _unknown(source: SourceFile, path: tuple, target: str, known, what: str) -> Problem:
    return Problem(source.where(path), dotted(path),
                   _("không có {what} nào mã '{id}'").format(what=what, id=target), suggest(target, known))


# --- campaigns --------------------------------------------------------------------


def build_campaign(source: SourceFile, data: dict, registry: Registry,
                   library: dict[str, Block] | None = None) -> tuple[Campaign, list[Problem], bool]:
    """Check a campaign's references and return it, its problems, and whether it is sound to resolve.

    With problems, the campaign holds only the documents with none, nor any above them (the others are
    ``left_out``), and is sound to resolve when every problem is one document's own: resolving it then
    finds the other documents' problems too (``validate_sources(partial=True)``).
    """
    problems: list[Problem] = []
    specs: list[DocumentSpec] = []
    seen: dict[str, SourceLocation] = {}
    bodies = registry.bodies
    # A body left out (its entry broken) is no unknown reference.
    known_bodies = bodies.keys() | registry.left_out if registry.left_out else bodies
    broken = set(_broken_ids(source.data, data, "van_ban"))  # said by the schema; left out, with what is below them
    # A broken document with no id may be any document's parent: then no parent is said to be unknown.
    anonymous = _anonymous(source.data, data, "van_ban")
    outside = build_outside(source, data.get("van_ban_ngoai", ()), problems)
    blocks = build_blocks(source, data.get("khoi_chung", ()), ("khoi_chung",), problems, library or {})
    content = ContentChecker(blocks, registry, problems)
    for block in blocks.values():
        if block.source is source:  # a library block is checked once per campaign using the library, here too
            content.block(block)
    content.acyclic()
    whole = _errors(problems)  # a mistake of the whole campaign (a shared block): nothing of it is resolved
    faulty: set[str] = set()  # documents with a mistake of their own: left out, with those below them
    for i, item in enumerate(data["van_ban"]):
        if item is None:
            continue
        start = len(problems)
        path = ("van_ban", i)
        doc_id = item["ma"]
        if "--" in doc_id:
            # "<mã>--<cơ quan>" names the documents of a fan-out; a clerk's id of that shape could
            # land on the same file as one of them.
            problems.append(Problem(source.where(path + ("ma",)), f"van_ban[{i}].ma",
                                    _("mã văn bản không được chứa '--' (dành cho văn bản triển khai hàng loạt), "
                                      "nhận được '{id}'").format(id=doc_id),
                                    _("dùng một dấu '-'")))
            whole = True  # no document to leave out: another may name it
            continue
        if doc_id in seen:
            problems.append(Problem(source.where(path + ("ma",)), f"van_ban[{i}].ma",
                                    _("mã văn bản '{id}' trùng với văn bản ở dòng {line}").format(id=doc_id, line=seen[doc_id].line)))
            whole = True
            continue
        seen[doc_id] = source.where(path)
        issuer = item.get("co_quan")
        selector = None
        if "trien_khai" in item:  # a fan-out only when the clerk asks for one, never by omission
            raw = item.get("trien_khai") or {}
            selector = Selector(level=raw.get("cap"), bloc=raw.get("khoi"), ids=raw.get("danh_sach", ()))
        if issuer and "trien_khai" in item:
            problems.append(Problem(source.where(path + ("trien_khai",)), f"van_ban[{i}].trien_khai",
                                    _("một văn bản chỉ có 'co_quan' hoặc 'trien_khai', không có cả hai")))
        if not item.get("van_ban_cha") and not issuer or item.get("van_ban_cha") in outside and not issuer:
            problems.append(Problem(source.where(path), f"van_ban[{i}]",
                                    _("văn bản gốc phải có 'co_quan' (cơ quan ban hành)")))
        elif not issuer and "trien_khai" not in item:
            # Without this, a deleted 'co_quan:' silently became one document per body below the parent's issuer.
            problems.append(Problem(source.where(path), f"van_ban[{i}]",
                                    _("văn bản '{id}' không có 'co_quan' (cơ quan ban hành) cũng không có 'trien_khai' "
                                      "(ban hành hàng loạt)").format(id=doc_id),
                                    _("ghi 'co_quan: <mã cơ quan>' cho một văn bản của một cơ quan, hoặc "
                                      "'trien_khai: {cap: …}' để mỗi cơ quan cấp dưới ban hành một văn bản")))
        for key, target in (("co_quan", issuer), ("trien_khai.khoi", selector and selector.bloc)):
            if target and target not in known_bodies:
                problems.append(_unknown(source, path + tuple(key.split(".")), target, bodies, _("cơ quan")))
        if selector and selector.bloc and selector.bloc in bodies and not bodies[selector.bloc].is_bloc:
            problems.append(Problem(source.where(path + ("trien_khai", "khoi")), f"van_ban[{i}].trien_khai.khoi",
                                    _("'{id}' không phải một khối thi đua").format(id=selector.bloc)))
        listed: set[str] = set()  # a set, not the list so far: a list of 100,000 bodies stays linear
        for j, target in enumerate(selector.ids if selector else ()):
            if target in listed:
                problems.append(Problem(source.where(path + ("trien_khai", "danh_sach", j)),
                                        f"van_ban[{i}].trien_khai.danh_sach[{j}]",
                                        _("cơ quan '{id}' có hai lần trong danh sách").format(id=target)))
            listed.add(target)
            if target not in known_bodies:
                problems.append(_unknown(source, path + ("trien_khai", "danh_sach", j), target, bodies, _("cơ quan")))
        for body_id in item.get("rieng", {}):
            if body_id not in known_bodies:
                problems.append(_unknown(source, path + ("rieng", body_id), body_id, bodies, _("cơ quan")))
        if issuer in bodies and item.get("nguoi_ky") and bodies[issuer].signer(item["nguoi_ky"]) is None:
            problems.append(_unknown(source, path + ("nguoi_ky",), item["nguoi_ky"],
                                     [s.id for s in bodies[issuer].signers], _("người ký")))
        problems += co_issuer_problems(source, path, item, bodies, registry.left_out)
        content.document(source, path, item)
        for body_id, override in item.get("rieng", {}).items():
            content.document(source, path + ("rieng", body_id), override)
        implements = item["van_ban_cha"] if item.get("van_ban_cha") in outside else None
        for j, base in enumerate(item.get("can_cu", ())):
            if base in outside and base == implements:
                problems.append(Problem(source.where(path + ("can_cu", j)), f"van_ban[{i}].can_cu[{j}]",
                                        _("'{id}' đã là văn bản cha; không ghi lại ở căn cứ").format(id=base)))
        values = {k: item[k] for k in INHERITED_KEYS + OWN_KEYS if k in item}
        locations = {k: source.where(path + (k,)) for k in item}
        overrides = {}
        for body_id, override in item.get("rieng", {}).items():
            overrides[body_id] = MappingProxyType(dict(override))
            for k in override:
                locations[f"rieng.{body_id}.{k}"] = source.where(path + ("rieng", body_id, k))
        specs.append(DocumentSpec(
            id=doc_id, campaign=data["ma"], location=source.where(path),
            parent=None if implements else item.get("van_ban_cha"),
            issuer=issuer, fan_out=selector, values=MappingProxyType(values),
            locations=MappingProxyType(locations), overrides=MappingProxyType(overrides),
            source=source, path=path, implements=implements,
        ))
        if _errors(problems[start:]):
            faulty.add(doc_id)

    ids = {s.id for s in specs}
    known_ids = ids | broken
    for i, spec in enumerate(specs):
        if spec.parent and spec.parent.split("--", 1)[0] not in known_ids and not anonymous:
            faulty.add(spec.id)
            problems.append(_unknown(source, ("van_ban", _index(data, spec.id), "van_ban_cha"), spec.parent,
                                     ids | set(outside), _("văn bản")))
    start = len(problems)
    # One plan at the top; or, when the top is a document issued elsewhere (a national plan),
    # every body that implements it directly is a root of its own.
    roots = [s for s in specs if s.parent is None]
    if len(roots) > 1 and not all(s.implements for s in roots):
        for spec in [s for s in roots if not s.implements] if any(s.implements for s in roots) else roots[1:]:
            problems.append(Problem(spec.location, "van_ban_cha",
                                    _("chiến dịch chỉ có một văn bản gốc ('{root}'); văn bản này cần 'van_ban_cha'").format(root=roots[0].id)))
    # Warnings (a recipient cut at a comma) do not stop the checks that need a whole campaign.
    if not _errors(problems):
        problems += _campaign_cycles(specs)
    if not _errors(problems):
        problems += _too_deep(specs)
    whole = whole or anonymous or _errors(problems[start:])
    warnings = tuple(p for p in problems if p.warning)  # said, not stopping (ContentChecker.recipients)
    cut = broken | faulty
    left_out = _below(specs, cut) | cut if cut else set()
    return Campaign(data["ma"], data["ten"], source.path, tuple(s for s in specs if s.id not in left_out),
                    frozen(blocks), MappingProxyType(outside), warnings=warnings,
                    left_out=frozenset(left_out)), [p for p in problems if not p.warning], not whole


def _errors(problems: list[Problem]) -> bool:
    return any(not p.warning for p in problems)


def _index(data: dict, doc_id: str) -> int:
    return next(i for i, item in enumerate(data["van_ban"]) if item is not None and item["ma"] == doc_id)


def _below(specs: list[DocumentSpec], cut: set[str]) -> set[str]:
    """The ids of the documents under one of ``cut`` (``van_ban_cha``, at any depth): they inherit from it,
    so they cannot be resolved without it. Linear: each document is walked once; a loop ends the walk."""
    parent = {s.id: s.parent.split("--", 1)[0] if s.parent else None for s in specs}
    under: dict[str, bool] = {}
    for spec in specs:
        chain, on_chain, current = [], set(), spec.id
        while current in parent and current not in under and current not in on_chain and current not in cut:
            chain.append(current)
            on_chain.add(current)
            current = parent[current]
        found = current in cut or under.get(current, False)
        for doc_id in chain:
            under[doc_id] = found
    return {doc_id for doc_id, found in under.items() if found}


def _campaign_cycles(specs: list[DocumentSpec]) -> list[Problem]:
    """Report each loop of ``van_ban_cha`` once, as the first document (in file order) that leads into it sees it.

    Linear: a document whose chain was walked already is not walked again.
    """
    parent = {s.id: s.parent.split("--", 1)[0] if s.parent else None for s in specs}
    done: set[str] = set()  # walked: leads to the root, or into a loop already reported
    problems = []
    for spec in specs:
        chain: list[str] = []
        position: dict[str, int] = {}
        current: str | None = spec.id
        while current is not None and current not in done:
            if current in position:
                problems.append(Problem(spec.locations.get("van_ban_cha", spec.location), f"{spec.id}: van_ban_cha",
                                        _("vòng lặp văn bản cha: {chain}").format(chain=" → ".join(chain + [current]))))
                break
            position[current] = len(chain)
            chain.append(current)
            current = parent.get(current)  # None past a document left out (broken)
        done.update(chain)
    return problems


def _too_deep(specs: list[DocumentSpec]) -> list[Problem]:
    """Refuse a chain of ``van_ban_cha`` deeper than MAX_CASCADE_DEPTH (no loops are left here); linear."""
    parent = {s.id: s.parent.split("--", 1)[0] if s.parent else None for s in specs}
    depth: dict[str, int] = {}
    for spec in specs:
        chain = []
        current = spec.id
        while current is not None and current not in depth:
            chain.append(current)
            current = parent.get(current)  # None past a document left out (broken)
        below = depth[current] if current is not None else 0
        for doc_id in reversed(chain):
            below += 1
            depth[doc_id] = below
    deepest = max(specs, key=lambda s: depth[s.id], default=None)
    if deepest is None or depth[deepest.id] <= MAX_CASCADE_DEPTH:
        return []
    return [Problem(deepest.locations.get("van_ban_cha", deepest.location), f"{deepest.id}: van_ban_cha",
                    _("chuỗi văn bản cha sâu {n} cấp, tối đa {limit} cấp").format(n=depth[deepest.id],
                                                                               limit=MAX_CASCADE_DEPTH),
                    _("một văn bản triển khai văn bản cha của nó; hiếm khi cần quá mười cấp"))]
