"""Resolve campaigns into the tree of documents: who issues what, citing whom.

A spec becomes one document (``co_quan``) or one per selected body (a
fan-out). A child takes every content field it does not set from its parent
*before* placeholders are filled, so "{{ dia_ban }}" in the provincial plan
reads "huyện Trạm Tấu" in the Trạm Tấu plan. Then the cascade rules are
checked: dates, periods and deadlines nest inside the parent's.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from pipeline.cascade import kinds
from pipeline.cascade.audit import Audit
from pipeline.cascade.fill import FillContext, Filler
from pipeline.cascade.promises import promise_problems
from pipeline.cascade.roles import Roles
from pipeline.errors import Problem, SourceLocation
from pipeline.i18n import _
from pipeline.model import (
    DOCUMENT_TYPES,
    Appendix,
    Body,
    Campaign,
    CitationStyle,
    ComputedDate,
    CoSigner,
    Document,
    DocumentSpec,
    DocumentTree,
    Period,
    Registry,
    Signer,
    derived,
)
from pipeline.rulebook.kinds import WRITTEN
from pipeline.sources.schema import suggest
from pipeline.vietnamese.format import format_date_short, parse_scheme
from pipeline.vietnamese.workdays import RelativeDate

FAN_OUT_SEPARATOR = "--"
DOCUMENT_TYPES_SUBJECT = {key: WRITTEN[key].subject for key in DOCUMENT_TYPES}
# Content a child inherits from its parent when it does not set it.
INHERITED = ("loai", "ngay", "trich_yeu", "thoi_gian", "han", "mo_dau", "noi_dung", "to_chuc_thuc_hien", "ket_thuc",
             "phu_luc", "tham_quyen_ban_hanh", "theo_de_nghi", "do_khan", "do_mat", "trich_dan",
             "de_xuat", "cuoc_hop", "gioi_thieu", "danh_so")


@dataclass(frozen=True)
class _Instance:
    """A spec bound to one issuer, with the raw (unfilled) values it ends up with."""

    id: str
    spec: DocumentSpec
    issuer: Body
    parent: "_Instance | None"
    values: MappingProxyType
    origin: MappingProxyType  # field → where the value was written
    origin_paths: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # field → (file, key path)
    computed: tuple[ComputedDate, ...] = ()  # relative dates, once _resolve_dates has computed them


def resolve_campaigns(campaigns: tuple[Campaign, ...], registry: Registry) -> tuple[list[DocumentTree], list[Problem]]:
    """Resolve every campaign; return the trees and the problems found in any.

    A campaign with an error has no tree; warnings (``Problem.warning``) leave it whole.
    """
    trees, problems = [], []
    for campaign in campaigns:
        tree, found = resolve_campaign(campaign, registry)
        problems += found
        if tree is not None:
            trees.append(tree)
    return trees, problems


def resolve_campaign(campaign: Campaign, registry: Registry) -> tuple[DocumentTree | None, list[Problem]]:
    problems: list[Problem] = list(campaign.warnings)  # met reading its file; the tree keeps them with its own
    instances = _expand(campaign, registry, problems)
    documents = []
    resolved: dict[str, Document] = {}
    for inst in instances:
        doc = _resolve_instance(inst, registry, campaign, resolved, problems)
        if doc is not None:
            resolved[doc.id] = doc
            documents.append(doc)
    # A document left out (broken: validate said so) is no unknown base either.
    _check_cited(documents, {i.id for i in instances} | set(campaign.outside) | campaign.left_out, problems)
    problems += _copies(documents)
    problems = merge_repeats(problems)
    if any(not p.warning for p in problems):
        return None, problems
    return DocumentTree(campaign, tuple(documents), tuple(problems)), problems  # warnings only


def merge_repeats(problems: list[Problem]) -> list[Problem]:
    """Report a mistake once, not once per body of a fan-out that inherits it."""
    first: dict[tuple, tuple[Problem, int]] = {}
    for p in problems:
        key = (p.location, p.message, p.hint)
        kept, count = first.get(key, (p, 0))
        first[key] = (kept, count + 1)
    out = []
    for kept, count in first.values():
        if count > 1:
            kept = replace(kept, field=kept.field + " " + _("(và {n} văn bản khác)").format(n=count - 1))
        out.append(kept)
    return out


# --- expansion: specs → instances --------------------------------------------------


def _expand(campaign: Campaign, registry: Registry, problems: list[Problem]) -> list[_Instance]:
    by_spec: dict[str, list[_Instance]] = {}
    out: list[_Instance] = []
    children: dict[str | None, list[DocumentSpec]] = {}
    for spec in campaign.specs:
        children.setdefault(spec_of(spec.parent), []).append(spec)

    def visit(spec: DocumentSpec) -> None:
        parent_instances = by_spec.get(spec_of(spec.parent), [None]) if spec.parent else [None]
        if spec.parent and FAN_OUT_SEPARATOR in spec.parent:
            parent_instances = [i for i in parent_instances if i and i.id == spec.parent]
            known = [i.id for i in by_spec.get(spec_of(spec.parent), []) if i]
            if not parent_instances and known:  # an empty fan-out has already said so
                problems.append(Problem(spec.locations.get("van_ban_cha", spec.location), f"{spec.id}: van_ban_cha",
                                        _("không có văn bản nào mã '{id}'").format(id=spec.parent),
                                        suggest(spec.parent, known) or _("có: {ids}").format(ids=", ".join(known[:6]))))
        made = []
        for parent in parent_instances:
            for issuer in _issuers(spec, parent, registry, problems):
                inst_id = spec.id if spec.fan_out is None else f"{spec.id}{FAN_OUT_SEPARATOR}{issuer.id}"
                made.append(_bind(spec, inst_id, issuer, parent))
        if spec.fan_out is not None and not made and parent_instances and parent_instances[0] is not None:
            problems.append(Problem(spec.locations.get("trien_khai", spec.location), "trien_khai",
                                    _("triển khai không chọn được cơ quan nào"),
                                    _("kiểm tra 'cap', 'khoi' hoặc 'danh_sach' và cơ quan cấp dưới trong danh mục")))
        if spec.fan_out is None and not made and parent_instances and parent_instances[0] is not None:
            # The parent is a fan-out and no instance of it was issued by this body or a body above it.
            problems.append(Problem(spec.locations.get("van_ban_cha", spec.location), "van_ban_cha",
                                    _("'{body}' không thuộc cơ quan nào ban hành '{parent}'").format(
                                        body=spec.issuer, parent=spec.parent),
                                    _("ghi rõ văn bản cha dạng '{parent}--<mã cơ quan>'").format(parent=spec.parent)))
        chosen = {inst.issuer.id for inst in made}
        for body_id in spec.overrides:
            if body_id not in chosen:
                problems.append(Problem(spec.locations.get(f"rieng.{body_id}.{next(iter(spec.overrides[body_id]), '')}",
                                                           spec.location), f"rieng.{body_id}",
                                        _("cơ quan '{body}' không được chọn trong văn bản này nên nội dung riêng "
                                          "không được dùng").format(body=body_id)))
        seen = set()
        for inst in made:
            if inst.id in seen:
                problems.append(Problem(spec.location, "trien_khai",
                                        _("cơ quan '{id}' được chọn hai lần").format(id=inst.issuer.id)))
            seen.add(inst.id)
        by_spec.setdefault(spec.id, []).extend(made)
        out.extend(made)
        for child in children.get(spec.id, []):
            visit(child)

    for root in children.get(None, []):
        visit(root)
    return _cascade_order(out)


def spec_of(ref: str | None) -> str | None:
    """The spec id of a document id ("kh-huyen" of "kh-huyen--ubnd-huyen-tram-tau")."""
    return ref.split(FAN_OUT_SEPARATOR, 1)[0] if ref else None


def _cascade_order(instances: list[_Instance]) -> list[_Instance]:
    """Return instances depth-first: each parent followed by its own subtree."""
    kids: dict[str | None, list[_Instance]] = {}
    for inst in instances:
        kids.setdefault(inst.parent.id if inst.parent else None, []).append(inst)
    ordered: list[_Instance] = []

    def walk(parent_id):
        for inst in kids.get(parent_id, []):
            ordered.append(inst)
            walk(inst.id)

    walk(None)
    return ordered


def _issuers(spec: DocumentSpec, parent: _Instance | None, registry: Registry, problems) -> list[Body]:
    bodies = registry.bodies
    if spec.fan_out is None:
        issuer = bodies[spec.issuer]
        if parent is not None and parent.spec.fan_out is not None and FAN_OUT_SEPARATOR not in (spec.parent or ""):
            # A single issuer under a fan-out answers the instance of its own superior.
            if not _is_under(issuer, parent.issuer, registry):
                return []
        return [issuer]
    selector = spec.fan_out
    if selector.ids:
        chosen = [bodies[i] for i in selector.ids]
    elif selector.bloc:
        chosen = list(_subordinates(registry, selector.bloc))
    else:
        chosen = list(_subordinates(registry, parent.issuer.id)) if parent else []
    if selector.level:
        chosen = [b for b in chosen if b.level == selector.level]
    return chosen


# Speed: Registry.subordinates scans every body. With 7,000 bodies and a call per document
# (fan-outs, "Kính gửi", "Nơi nhận") that was 10 s of a 10,000-document build; this index of
# the registry in use (one of its derived facts, ``model.derived``) gives the same bodies in the
# same (registry) order.
SUBORDINATES = "subordinates"


def subordinate_ids(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Return body id → the ids of the bodies directly under it (blocs left out), in registry order."""
    index: dict[str, list[str]] = {}
    for body in registry.bodies.values():
        if body.parent is not None and not body.is_bloc:
            index.setdefault(body.parent, []).append(body.id)
    return {parent: tuple(ids) for parent, ids in index.items()}


def _subordinates(registry: Registry, body_id: str) -> tuple[Body, ...]:
    """Return ``registry.subordinates(body_id)``, from an index built once per registry."""
    if registry.bodies[body_id].is_bloc:
        return registry.subordinates(body_id)
    bodies = derived(registry, "subordinate bodies", lambda _registry: {})  # filled as asked
    found = bodies.get(body_id)
    if found is None:
        ids = derived(registry, SUBORDINATES, subordinate_ids).get(body_id, ())
        found = bodies[body_id] = tuple(registry.bodies[i] for i in ids)
    return found


def _is_under(body: Body, ancestor: Body, registry: Registry) -> bool:
    """Return True when ``body`` is ``ancestor`` or sits below it (or is a member of its bloc)."""
    if body.id == ancestor.id:
        return True
    current = body.parent
    seen = set()
    while current and current not in seen:
        if current == ancestor.id:
            return True
        seen.add(current)
        current = registry.bodies[current].parent
    return ancestor.is_bloc and body.id in ancestor.members


def _bind(spec: DocumentSpec, inst_id: str, issuer: Body, parent: _Instance | None) -> _Instance:
    values: dict[str, Any] = {}
    origin: dict[str, SourceLocation] = {}
    paths: dict[str, tuple] = {}
    if parent is not None:
        # Assignments go to the roles of the child's own system: a union or Party body answering a
        # state plan, or a bloc, writes its own "Tổ chức thực hiện" rather than re-address a
        # People's Committee's departments.
        same_system = issuer.system == parent.issuer.system and not issuer.is_bloc and not parent.issuer.is_bloc
        for key in INHERITED:
            if key == "to_chuc_thuc_hien" and not same_system:
                continue
            if key in parent.values:
                values[key] = parent.values[key]
                origin[key] = parent.origin[key]
                if key in parent.origin_paths:
                    paths[key] = parent.origin_paths[key]
    for key, value in spec.values.items():
        values[key] = value
        origin[key] = spec.locations.get(key, spec.location)
        paths[key] = (spec.source, spec.path + (key,))
    for key, value in spec.overrides.get(issuer.id, {}).items():
        values[key] = value
        origin[key] = spec.locations.get(f"rieng.{issuer.id}.{key}", spec.location)
        paths[key] = (spec.source, spec.path + ("rieng", issuer.id, key))
    written = set(spec.values) | set(spec.overrides.get(issuer.id, {}))
    if "noi_dung" in written:
        # A document that writes its own content (a thông báo, a quyết định under a plan) writes its
        # own organisation too: the plan's assignments are not its to give again; nor are the plan's
        # numbering and phụ lục, which go with the plan's own text.
        for key in ("to_chuc_thuc_hien", "danh_so", "phu_luc"):
            if key not in written:
                for table in (values, origin, paths):
                    table.pop(key, None)
    return _Instance(inst_id, spec, issuer, parent, MappingProxyType(values), MappingProxyType(origin),
                     MappingProxyType(paths))


# --- one instance → one document -------------------------------------------------------


def _resolve_instance(inst: _Instance, registry: Registry, campaign: Campaign, resolved: dict[str, Document],
                      problems: list[Problem]) -> Document | None:
    v, where = inst.values, inst.origin
    start = len(problems)
    needs_subject = v.get("loai") not in DOCUMENT_TYPES or DOCUMENT_TYPES_SUBJECT[v["loai"]]
    for key in ("loai", "ngay", "trich_yeu") if needs_subject else ("loai", "ngay"):
        if key not in v:
            problems.append(Problem(inst.spec.location, inst.id,
                                    _("thiếu '{key}' (văn bản gốc phải có; văn bản con kế thừa từ văn bản cha)").format(key=key)))
    if len(problems) > start:
        return None
    issuer = inst.issuer
    parent = resolved.get(inst.parent.id) if inst.parent else None
    if inst.parent and parent is None:
        return None  # the parent already failed and said why
    inst = _resolve_dates(inst, parent, problems)
    if inst is None:
        return None
    v, where = inst.values, inst.origin
    signer = _signer(inst, registry, problems)
    doc_type = v["loai"]
    date: _dt.date = v["ngay"]
    problems += kinds.permission_problems(inst, doc_type, issuer, signer, date)
    problems += kinds.part_problems(inst, doc_type, issuer)
    co_issuers, signatures = kinds.co_issuers_of(inst, registry)
    period = Period(v["thoi_gian"]["tu"], v["thoi_gian"]["den"]) if "thoi_gian" in v else None
    deadline = v.get("han")

    if period and period.end < period.start:
        problems.append(Problem(where["thoi_gian"], f"{inst.id}: thoi_gian",
                                _("ngày kết thúc {end} trước ngày bắt đầu {start}").format(
                                    end=format_date_short(period.end), start=format_date_short(period.start))))
    if parent is not None:
        _check_nested(inst, date, period, deadline, parent, problems)

    fill = Filler(inst, parent, date, period, deadline, _context(registry, campaign), problems)
    fill.set_above(registry.bodies[issuer.parent].full_name if issuer.parent else "")
    unit = v.get("don_vi_soan_thao")
    if unit and issuer.drafting_units and unit not in issuer.drafting_units:
        problems.append(Problem(where["don_vi_soan_thao"], f"{inst.id}: don_vi_soan_thao",
                                _("cơ quan '{body}' không có đơn vị soạn thảo '{unit}'; có: {units}").format(
                                    body=issuer.id, unit=unit, units=", ".join(issuer.drafting_units))))
    if unit is None:
        unit = next(iter(issuer.drafting_units), None)

    sections = fill.sections(v.get("noi_dung", ()), "noi_dung", fill.at("noi_dung"))
    assignments = fill.assignments(v.get("to_chuc_thuc_hien", ()), "to_chuc_thuc_hien", fill.at("to_chuc_thuc_hien"))
    if assignments is not None:
        sections += (assignments,)
    appendices = []
    for j, a in enumerate(v.get("phu_luc", ())):
        source, path = fill.at("phu_luc")
        appendices.append(Appendix(fill.text(a["tieu_de"], "phu_luc", (source, path + (j, "tieu_de"))),
                                   fill.sections(a.get("noi_dung", ()), "phu_luc", (source, path + (j, "noi_dung"))),
                                   fill.table(a["bang"], "phu_luc", (source, path + (j, "bang")))
                                   if "bang" in a else None))
    bases_at = fill.at("can_cu")
    introduction = kinds.introduction(fill, v.get("gioi_thieu"))
    if signatures:
        signatures = (CoSigner(issuer, signer),) + signatures if signer else ()
    elif issuer.is_bloc and doc_type == "giao_uoc":
        signatures = kinds.member_signatures(issuer, registry)
    doc = Document(
        id=inst.id, campaign=inst.spec.campaign, parent=inst.parent.id if inst.parent else None,
        issuer=issuer, signer=signer, system=issuer.system, type=doc_type, date=date,
        subject=fill.text(v["trich_yeu"], "trich_yeu", fill.at("trich_yeu")) if needs_subject or "trich_yeu" in v
        else kinds.introduction_subject(introduction) if introduction else "", location=inst.spec.location,
        notation=v.get("ky_hieu") or kinds.notation(doc_type, issuer, unit, signer, co_issuers), drafting_unit=unit,
        period=period, deadline=deadline,
        bases=tuple(fill.text(t, "can_cu", (bases_at[0], bases_at[1] + (i,)), audit=False)
                    for i, t in enumerate(v.get("can_cu", ()))),
        addressees=_addressees(inst, doc_type, registry, co_issuers),
        recipients=((introduction.to,) + tuple(v.get("noi_nhan", ())) if introduction  # Mẫu 1.8: where it is sent
                    else _recipients(inst, doc_type, registry, co_issuers)),
        opening=fill.paragraphs(v.get("mo_dau", ()), "mo_dau", fill.at("mo_dau")),
        sections=sections,
        closing=fill.paragraphs(v.get("ket_thuc", ()), "ket_thuc", fill.at("ket_thuc")),
        appendices=tuple(appendices),
        authority_line=fill.optional("tham_quyen_ban_hanh"), proposer=fill.optional("theo_de_nghi"),
        urgency=v.get("do_khan"), secrecy=v.get("do_mat"), preissued_number=v.get("so"),
        depth=(parent.depth + 1) if parent else 0, computed_dates=inst.computed,
        implements=campaign.outside.get(inst.spec.implements) if inst.spec.implements else None,
        outside=MappingProxyType({b: campaign.outside[b] for b in v.get("can_cu", ()) if b in campaign.outside}),
        citation_style=_citation_style(v.get("trich_dan")),
        co_issuers=co_issuers, signatures=signatures, meeting=kinds.meeting(fill, v.get("cuoc_hop")),
        introduction=introduction, proposal=kinds.proposal(fill, v.get("de_xuat")),
        numbering=parse_scheme(v["danh_so"]) if "danh_so" in v else None,
        drafter=v.get("nguoi_soan"), copies=v.get("so_ban"), attachments=tuple(v.get("dinh_kem", ())),
        deadline_printed=deadline is not None and (_writes_deadline(inst) or fill.uses_deadline),
    )
    _check_deadline(inst, date, deadline, fill.uses_deadline, problems)
    problems += promise_problems(doc, fill.promised, fill.mentions_appendix, where.get("phu_luc"))
    if signer is None or any(not p.warning for p in problems[start:]):  # warnings leave the document whole
        return None
    return doc


def _writes_deadline(inst: _Instance) -> bool:
    """True when the document writes its own deadline ('han' in its entry or its 'rieng' part)."""
    return "han" in inst.spec.values or "han" in inst.spec.overrides.get(inst.issuer.id, {})


def _check_deadline(inst: _Instance, date: _dt.date, deadline: _dt.date | None, used: bool, problems) -> None:
    """A deadline before the document's own date is a mistake where it counts: written by the document
    itself, or inherited and printed ({{ han }}). A report or decision that inherits a deadline passed
    long before, and never prints it, is left alone."""
    if deadline is None or deadline >= date:
        return
    spec = inst.spec
    if _writes_deadline(inst):
        problems.append(Problem(inst.origin["han"], f"{inst.id}: han",
                                _("hạn {han} trước ngày ban hành {ngay} của chính văn bản này").format(
                                    han=_as_written(inst, "han", deadline), ngay=_as_written(inst, "ngay", date)),
                                _("hạn phải từ ngày ban hành trở đi; sửa 'han' hoặc 'ngay'")))
    elif used:
        problems.append(Problem(inst.origin.get("ngay", spec.location), f"{inst.id}: ngay",
                                _("văn bản ngày {ngay} in hạn {han} ({{{{ han }}}}) kế thừa từ văn bản cha, "
                                  "đã qua trước ngày ban hành").format(
                                    ngay=_as_written(inst, "ngay", date), han=_as_written(inst, "han", deadline)),
                                _("ghi 'han' riêng cho văn bản này (ví dụ han: \"10 ngày làm việc sau ngay\"), "
                                  "hoặc sửa 'ngay'")))


def _resolve_dates(inst: _Instance, parent: Document | None, problems) -> _Instance | None:
    """Return ``inst`` with each relative date ("5 ngày làm việc trước han_cha") computed.

    A relative value inherited from the parent is computed here, for this document:
    against its own date and deadline and its own (already resolved) parent's.
    """
    v = inst.values
    written = {"ngay": v.get("ngay"), "han": v.get("han")}
    if "thoi_gian" in v:
        written["thoi_gian.tu"], written["thoi_gian.den"] = v["thoi_gian"]["tu"], v["thoi_gian"]["den"]
    if not any(isinstance(w, RelativeDate) for w in written.values()):
        return inst
    parent_dates = {"ngay_cha": parent.date if parent else None, "han_cha": parent.deadline if parent else None}
    dates: dict[str, _dt.date | None] = {}
    computed: list[ComputedDate] = []
    start = len(problems)

    def date_of(key: str, chain: tuple[str, ...]) -> _dt.date | None:
        if key not in dates:
            dates[key] = compute(key, chain) if isinstance(written.get(key), RelativeDate) else written.get(key)
        return dates[key]

    def compute(key: str, chain: tuple[str, ...]) -> _dt.date | None:
        rel: RelativeDate = written[key]
        field = f"{inst.id}: {key}"
        where = inst.origin[key.split(".")[0]]
        if rel.anchor in chain + (key,):
            problems.append(Problem(where, field, _("ngày tính vòng quanh: {chain}").format(
                chain=" → ".join(chain + (key, rel.anchor))), _("ghi một trong các ngày đó dạng dd/mm/yyyy")))
            return None
        if rel.on_parent:
            base = parent_dates[rel.anchor]
            if base is None:
                reason = (_("văn bản gốc không có văn bản cha") if parent is None else
                          _("văn bản cha '{parent}' không có hạn (han)").format(parent=parent.id))
                problems.append(Problem(where, field, _("'{value}': không có {anchor}, vì {reason}").format(
                    value=rel, anchor=rel.anchor, reason=reason), _("ghi ngày dạng dd/mm/yyyy")))
                return None
        else:
            if written.get(rel.anchor) is None:
                problems.append(Problem(where, field, _("'{value}': văn bản này không có '{anchor}'").format(
                    value=rel, anchor=rel.anchor), _("ghi ngày dạng dd/mm/yyyy")))
                return None
            base = date_of(rel.anchor, chain + (key,))
            if base is None:
                return None  # that date already failed and said why
        try:
            result = rel.apply(base)
        except OverflowError:
            problems.append(Problem(where, field, _("'{value}' ra ngoài lịch").format(value=rel)))
            return None
        computed.append(ComputedDate(key, str(rel), result))
        return result

    for key in written:
        date_of(key, ())
    if len(problems) > start:
        return None
    values = dict(v, ngay=dates["ngay"])
    if dates["han"] is not None:
        values["han"] = dates["han"]
    if "thoi_gian" in v:
        values["thoi_gian"] = {"tu": dates["thoi_gian.tu"], "den": dates["thoi_gian.den"]}
    order = list(written)
    computed.sort(key=lambda c: order.index(c.field))
    return replace(inst, values=MappingProxyType(values), computed=tuple(computed))


def _check_nested(inst, date, period, deadline, parent: Document, problems) -> None:
    where = inst.origin
    if date < parent.date:
        problems.append(Problem(where["ngay"], f"{inst.id}: ngay",
                                _("văn bản con ngày {child} trước văn bản cha '{parent}' ngày {pdate}").format(
                                    child=_as_written(inst, "ngay", date), parent=parent.id, pdate=format_date_short(parent.date))))
    if period and parent.period and (period.start < parent.period.start or period.end > parent.period.end):
        problems.append(Problem(where["thoi_gian"], f"{inst.id}: thoi_gian",
                                _("thời gian {a}–{b} nằm ngoài thời gian của văn bản cha ({c}–{d})").format(
                                    a=format_date_short(period.start), b=format_date_short(period.end),
                                    c=format_date_short(parent.period.start), d=format_date_short(parent.period.end))))
    if deadline and parent.deadline and deadline > parent.deadline:
        problems.append(Problem(where["han"], f"{inst.id}: han",
                                _("hạn {child} sau hạn của văn bản cha ({parent})").format(
                                    child=_as_written(inst, "han", deadline), parent=format_date_short(parent.deadline)),
                                _("cấp dưới phải gửi trước để cấp này kịp tổng hợp, báo cáo lên")))


def _as_written(inst: _Instance, key: str, date: _dt.date) -> str:
    """Return "17/10/2024", or "17/10/2024 (= 5 ngày làm việc trước han_cha)" for a computed date."""
    written = next((c.written for c in inst.computed if c.field == key), None)
    return f"{format_date_short(date)} (= {written})" if written else format_date_short(date)


def _check_cited(documents: list[Document], ids: set[str], problems: list[Problem]) -> None:
    """A base written as an id ("kh-duk") must name a document of the campaign or from outside; text is left as text."""
    for doc in documents:
        for base in doc.bases:
            if re.fullmatch(r"[a-z0-9-]+", base) and base not in ids and base not in doc.outside:
                problems.append(Problem(doc.location, f"{doc.id}: can_cu",
                                        _("không có văn bản nào mã '{id}' để trích dẫn").format(id=base),
                                        suggest(base, ids)))


def notation_for(doc_type: str, issuer: Body, unit: str | None) -> str:
    """Return the ký hiệu: "KH-UBND", "UBND-VX" (công văn), Party "KH/ĐUK" (see cascade.kinds.notation)."""
    return kinds.notation(doc_type, issuer, unit, None)


def _signer(inst: _Instance, registry: Registry, problems) -> Signer | None:
    issuer = inst.issuer
    signer_id = inst.values.get("nguoi_ky")
    if issuer.is_bloc:
        year = str(inst.values["ngay"].year)
        head_id = issuer.heads.get(year)
        if head_id is None:
            problems.append(Problem(inst.spec.location, f"{inst.id}: co_quan",
                                    _("khối '{bloc}' chưa có Trưởng khối năm {year}").format(bloc=issuer.id, year=year),
                                    _("thêm năm {year} vào 'truong_khoi' trong danh mục").format(year=year)))
            return None
        head = registry.bodies[head_id]
        return Signer("truong-khoi", head.signers[0].name, "Trưởng khối", ("TM. Khối thi đua",))
    signer = issuer.signer(signer_id)
    if signer is None:
        problems.append(Problem(inst.origin.get("nguoi_ky", inst.spec.location), f"{inst.id}: nguoi_ky",
                                _("cơ quan '{body}' không có người ký '{id}'").format(body=issuer.id, id=signer_id)))
    return signer


def subordinate_groups(body: Body, registry: Registry) -> tuple[str, ...]:
    """Return the names under which a body's subordinates are addressed, once each."""
    if body.subordinates_text:
        return body.subordinates_text
    # A dict keeps the first of each name in order; a list searched for each name was
    # quadratic: 100,000 bodies under one took minutes.
    names = dict.fromkeys(sub.recipient_group or sub.short_name for sub in _subordinates(registry, body.id))
    return tuple(names)


def _addressees(inst: _Instance, doc_type: str, registry: Registry,
                co_issuers: tuple[Body, ...] = ()) -> tuple[str, ...]:
    """"Kính gửi": as written, else by the kind (NĐ 30 PL I, II.9.b): a tờ trình or báo cáo goes up to
    the body above, a công văn (or công điện) to the bodies below; a joint document's, every issuer's."""
    if "kinh_gui" in inst.values:
        return tuple(inst.values["kinh_gui"])
    addressed = kinds.addressed_to(doc_type)
    issuers = (inst.issuer, *co_issuers)
    if addressed == "cap_tren":
        return tuple(dict.fromkeys(registry.bodies[b.parent].full_name for b in issuers if b.parent))
    if addressed == "cap_duoi":
        return tuple(dict.fromkeys(name for b in issuers for name in subordinate_groups(b, registry)))
    return ()


def _recipients(inst: _Instance, doc_type: str, registry: Registry,
                co_issuers: tuple[Body, ...] = ()) -> tuple[str, ...]:
    """Return the "Nơi nhận" lines without the final "Lưu" line (NĐ 30 PL I, II.9); a joint document's merged."""
    v = inst.values
    addressees = _addressees(inst, doc_type, registry, co_issuers)
    written = list(v.get("noi_nhan", ()))
    # The first line of a document sent to named addressees is "Như trên" (NĐ 30 PL I II.9.b), or the
    # clerk's own wording of it ("Như kính gửi", seed 000), which then takes its place.
    as_above = next((line for line in written if line.startswith("Như ")), None) if addressees else None
    lines: list[str] = [as_above or "Như trên"] if addressees else []
    if not v.get("bo_noi_nhan_mac_dinh"):
        for issuer in (inst.issuer, *co_issuers):
            above = issuer.parent
            if above and kinds.addressed_to(doc_type) != "cap_tren":
                # The superior "for report", as the issuer names it ("Thường trực LĐLĐ tỉnh (B.c)").
                lines.append(issuer.report_line or f"{registry.bodies[above].short_name} (để b/c)")
        if not addressees:
            for issuer in (inst.issuer, *co_issuers):
                lines.extend(subordinate_groups(issuer, registry))
    lines.extend(line for line in written if line != as_above)
    return tuple(dict.fromkeys(lines))


def _citation_style(raw: dict | None) -> CitationStyle:
    if not raw:
        return CitationStyle()
    return CitationStyle(merged=raw.get("cach") == "gop", about=raw.get("ve", True), long_date=raw.get("ngay") == "dai")


# The fill context of the registry in use: its roles and name index are built once per build.
_CONTEXTS: dict[int, tuple[Registry, Roles, Audit]] = {}


def _context(registry: Registry, campaign: Campaign) -> FillContext:
    entry = _CONTEXTS.get(id(registry))
    if entry is None or entry[0] is not registry:
        roles = Roles(registry)
        entry = (registry, roles, Audit(registry, roles))
        _CONTEXTS.clear()
        _CONTEXTS[id(registry)] = entry
    return FillContext(registry, entry[1], entry[2], campaign.blocks,
                       functools.partial(_groups_of, registry))


def _groups_of(registry: Registry, body: Body) -> tuple[str, ...]:
    return subordinate_groups(body, registry)


def _copies(documents: list[Document]) -> list[Problem]:
    """Warn of a derived document whose body is its parent's, word for word, beyond the citation."""
    by_id = {d.id: d for d in documents}
    problems = []
    for doc in documents:
        parent = by_id.get(doc.parent) if doc.parent else None
        if parent is not None and _body(doc) == _body(parent) and _body(doc) != ((), (), (), ()):
            problems.append(Problem(doc.location, f"{doc.id}",
                                    _("nội dung giống hệt văn bản cha '{parent}' (ngoài dòng trích dẫn): văn bản "
                                      "triển khai phải là văn bản của cấp mình").format(parent=parent.id),
                                    _("viết lại phần Tổ chức thực hiện cho cấp này (to_chuc_thuc_hien), hoặc dùng "
                                      "vai trò và chỗ điền để nội dung theo cấp"), warning=True))
    return problems


def _body(doc: Document) -> tuple:
    return doc.opening, doc.sections, doc.closing, doc.appendices
