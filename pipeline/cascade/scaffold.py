"""``vanban new``: add a ready-to-fill skeleton to a source file, as text.

A clerk's YAML carries comments, blank lines and a layout of its own; a YAML
dumper would lose all of them. So a skeleton is *text*: it is inserted at the
end of the file's list (``van_ban`` of a campaign, ``co_quan`` of the registry)
with the indentation that list already uses, every key followed by a comment
in Vietnamese (the descriptions of pipeline/sources.py), optional keys written
as comments to uncomment. The file keeps its modeline, comments and layout.

Afterwards every source is validated and the campaigns resolved, exactly as
``vanban check`` does; if the result is refused, the file is put back as it
was (or removed, when it was new) and the problems are reported.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import difflib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipeline.cascade.check import check_sources
from pipeline.cascade.resolve import FAN_OUT_SEPARATOR, resolve_campaigns
from pipeline.errors import (
    PipelineError,
    Problem,
    SourceErrors,
    SourceLocation,
    relative,
)
from pipeline.files import atomic_write
from pipeline.i18n import _
from pipeline.model import (
    DOCUMENT_TYPES,
    SYSTEM_OF_SOURCE,
    Body,
    Document,
    DocumentTree,
    Registry,
)
from pipeline.sources.fields import (
    BODY,
    CAMPAIGN,
    CONTENT_FIELDS,
    DOCUMENT,
    OWN_FIELDS,
    REGISTRY,
    SYSTEMS,
)
from pipeline.sources.load import parse_text
from pipeline.sources.schema import ID_PATTERN, Choice, Field
from pipeline.sources.find import CAMPAIGN_GLOB
from pipeline.sources.validate import Sources, validate_sources
from pipeline.vietnamese.format import clean_text, format_date_input
from pipeline.vietnamese.workdays import add_working_days

MODELINE = "# yaml-language-server: $schema={path}"
PLACEHOLDER = "…"  # what the clerk replaces; easy to search for
PLACEHOLDER_SIGNER = "Nguyễn Văn A"  # the registry's convention for a signer not yet known
COMMENT_COLUMN = 36  # trailing comments line up here when the key and value are shorter
# Keys of DOCUMENT the skeleton leaves out: a skeleton is one document of one body.
FAN_OUT_KEYS = ("trien_khai", "rieng")
LEVEL_WORDS = {"tinh": "tỉnh", "thanh-pho": "thành phố", "huyen": "huyện", "thi-xa": "thị xã",
               "xa": "xã", "phuong": "phường", "thi-tran": "thị trấn"}
SYSTEM_DEFAULTS = {  # header name, ky_hieu, signer when no sibling body shows the custom
    "nha_nuoc": ("ỦY BAN NHÂN DÂN", "UBND", ("chu-tich", "Chủ tịch", "TM. Ủy ban nhân dân")),
    "cong_doan": ("CÔNG ĐOÀN", PLACEHOLDER, ("chu-tich", "Chủ tịch", "TM. Ban Chấp hành")),
    "dang": ("ĐẢNG ỦY", PLACEHOLDER, ("bi-thu", "Bí thư", "T/M Ban Thường vụ")),
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
INHERITED_KEYS = tuple(f.key for f in CONTENT_FIELDS)


class ScaffoldError(PipelineError):
    """The skeleton was not added; the message says why and nothing was changed."""


@dataclass(frozen=True)
class Added:
    """What ``vanban new`` added: the id, the file and the line of the new entry."""

    id: str
    path: Path
    line: int
    created: bool = False
    previous: bytes | None = None  # the file's bytes before, to put back if the check fails
    note: str = ""  # how the date was chosen, when it was not given
    written_anew: str = ""  # what the skeleton writes of its own where it could not inherit, and why


# --- documents -------------------------------------------------------------------


def add_document(data_dir: Path, campaign: str | Path, issuer: str, parent: str | None = None,
                 doc_type: str | None = None, doc_id: str | None = None,
                 today: _dt.date | None = None, date: str | None = None) -> Added:
    """Append a document skeleton issued by ``issuer`` to a campaign file.

    ``parent`` is the document this one implements (a spec id such as
    ``kh-huyen`` or one issued copy such as ``kh-huyen--ubnd-huyen-tram-tau``);
    without it the document is the root of a new campaign file. Every field the
    document does not set is inherited from the parent, so the skeleton sets only
    its id, parent, issuer, date (and type, when given); the rest is there as
    comments, with the inherited values, ready to uncomment. ``date`` is written
    as given (dd/mm/yyyy, or counted from another date); by default it is today,
    or the parent's date when that is later.
    """
    today = today or _dt.date.today()
    sources, trees = _current(data_dir)
    registry = sources.registry
    path = _campaign_path(data_dir, campaign, sources)
    created = not path.exists()
    if issuer not in registry.bodies:
        raise _unknown(_("không có cơ quan nào mã '{id}' trong danh mục").format(id=issuer), issuer, registry.bodies)
    if doc_type is not None and doc_type not in DOCUMENT_TYPES:
        raise _unknown(_("không có loại văn bản '{id}'").format(id=doc_type), doc_type, DOCUMENT_TYPES)
    body = registry.bodies[issuer]

    tree = next((t for t in trees if _same_file(t.campaign.path, path)), None)
    spec_ids = {s.id for s in tree.campaign.specs} if tree else set()
    doc_ids = {d.id for d in tree.documents} if tree else set()
    parent_doc = None
    if parent is None and tree is not None:
        raise ScaffoldError(_("chiến dịch {path} đã có văn bản gốc '{root}'; hãy cho biết văn bản cha bằng --cha").format(
            path=relative(path), root=next(s.id for s in tree.campaign.specs if s.parent is None)))
    if parent is not None:
        if tree is None:
            raise ScaffoldError(_("tệp {path} chưa có; văn bản đầu tiên của một chiến dịch là văn bản gốc, "
                                  "không có --cha").format(path=relative(path)))
        if parent not in spec_ids | doc_ids:
            raise _unknown(_("chiến dịch {path} không có văn bản nào mã '{id}'").format(path=relative(path), id=parent),
                           parent, sorted(spec_ids | doc_ids))
        parent_doc = _parent_document(tree, parent, body, registry)
        if parent_doc.issuer.id == issuer:  # under its own copy of a fan-out: cite that copy
            parent = parent_doc.id

    doc_id = doc_id or _free_id(f"{_type_prefix(doc_type or parent_doc.type)}-{issuer}", spec_ids | doc_ids)
    _check_id(doc_id)
    if doc_id in spec_ids | doc_ids:
        raise ScaffoldError(_("chiến dịch {path} đã có văn bản mã '{id}'; hãy chọn mã khác bằng --ma").format(
            path=relative(path), id=doc_id))
    note = ""
    if date is None:
        proposed, note = proposed_date(today, parent_doc)
        date = format_date_input(proposed)
    inherited = _inherited_values(tree, parent) if tree and parent else {}
    if created:
        _check_id(path.stem, what=_("tên tệp chiến dịch"))

    def write(item: list[str], anew: str = "") -> Added:
        if created:
            campaign_fields = {f.key: f for f in CAMPAIGN.fields}
            head = [MODELINE.format(path=_schema_path(data_dir, path, "chien-dich")),
                    _commented("ma:", path.stem, _description(campaign_fields["ma"])),
                    _commented("ten:", PLACEHOLDER, _description(campaign_fields["ten"])),
                    _commented("van_ban:", None, _description(campaign_fields["van_ban"]))]
            return Added(doc_id, path, _write_new(path, head, item), created=True, note=note, written_anew=anew)
        line, previous = _insert(path, "van_ban", item)
        return Added(doc_id, path, line, previous=previous, note=note, written_anew=anew)

    def made_document(trees: list[DocumentTree]) -> list[Problem]:
        for t in trees:
            if _same_file(t.campaign.path, path):
                if any(d.id == doc_id or d.id.startswith(doc_id + FAN_OUT_SEPARATOR) for d in t.documents):
                    return []
        return [Problem(_location(added), "van_ban_cha",
                        _("văn bản '{id}' không được tạo: cơ quan '{body}' không trực thuộc cơ quan nào ban hành "
                          "'{parent}'").format(id=doc_id, body=issuer, parent=parent))]

    added = write(document_skeleton(doc_id, body, parent, doc_type, _scalar(date), parent_doc, inherited, today))
    problems = _problems(data_dir, made_document)
    reasons = _assignments_not_for_this_level(problems, doc_id)
    if reasons:
        # The parent's "Tổ chức thực hiện" gives work to roles this level does not have (a district's
        # Ban Tuyên giáo under a commune): the new document writes its own, to be filled in.
        _restore(added)
        added = write(document_skeleton(doc_id, body, parent, doc_type, _scalar(date), parent_doc, inherited,
                                        today, own_assignments=reasons),
                      _("phần Tổ chức thực hiện của văn bản cha giao việc cho vai trò mà cấp này không có, nên "
                        "khung có phần to_chuc_thuc_hien riêng để điền."))
        problems = _problems(data_dir, made_document)
    if problems:
        _fail(added, problems)
    return added


def _assignments_not_for_this_level(problems: list[Problem], doc_id: str) -> list[str]:
    """The messages of ``problems`` when each is one of the new document's inherited assignments; else none."""
    ours = [p for p in problems if p.field.split(":")[0].split(FAN_OUT_SEPARATOR)[0] == doc_id
            and "to_chuc_thuc_hien" in p.field]
    return list(dict.fromkeys(p.message for p in ours)) if ours and len(ours) == len(problems) else []


def proposed_date(today: _dt.date, parent: Document | None) -> tuple[_dt.date, str]:
    """The date a new document gets when none is given, and a note saying why when it is not today.

    Today, unless the parent makes today wrong: before the parent's date, the parent's date; after the
    parent's deadline (or the end of its period), the next working day after the parent's date (or that
    date itself when the deadline comes sooner), so the deadlines it inherits have not passed.
    """
    if parent is None:
        return today, ""
    if today < parent.date:
        return parent.date, ""
    last = parent.deadline or (parent.period.end if parent.period else None)
    if last is None or today <= last:
        return today, ""
    proposed = add_working_days(parent.date, 1)
    if proposed > last:
        proposed = parent.date
    return proposed, _("hôm nay ({today}) đã qua hạn {last} của văn bản cha, nên ngày đề xuất lấy theo "
                       "văn bản cha: {date}; sửa 'ngay' nếu cần.").format(
        today=format_date_input(today), last=format_date_input(last), date=format_date_input(proposed))


def document_skeleton(doc_id: str, body: Body, parent: str | None, doc_type: str | None, date: str,
                      parent_doc: Document | None, inherited: dict, today: _dt.date,
                      own_assignments: list[str] = ()) -> list[str]:
    """Return the lines of one ``van_ban`` item (indentation 0, the caller indents it).

    ``own_assignments``: why the parent's "Tổ chức thực hiện" cannot be inherited (the level lacks
    a role it names); the item then writes its own, to be filled in.
    """
    fields = {f.key: f for f in DOCUMENT.fields}
    root = parent is None
    inherit = "" if root else " " + _("Bỏ trống thì kế thừa từ văn bản cha.")
    what = DOCUMENT_TYPES[doc_type or (parent_doc.type if parent_doc else "ke_hoach")][0]
    if root:
        title = _("{type} gốc của {body}").format(type=what, body=body.short_name)
    else:
        title = _("{type} của {body}, triển khai '{parent}'").format(type=what, body=body.short_name, parent=parent)
    lines = ["# " + _("{title} — khung do 'vanban new' thêm ngày {date}. Điền các dòng cần viết riêng: "
                      "bỏ '# ' ở đầu dòng rồi sửa giá trị.").format(title=title, date=format_date_input(today))]
    body_lines: list[str] = []

    def add(key: str, value: str | None, active: bool, note: str = "", example: list[str] | None = None) -> None:
        text = _description(fields[key]) + note
        if active:
            body_lines.append(_commented(f"{key}:", value, text))
        else:
            body_lines.append("# " + _commented(f"{key}:", value, text, COMMENT_COLUMN - 2))
            body_lines.extend("#   " + line for line in example or ())

    add("ma", doc_id, True)
    if not root:
        add("van_ban_cha", parent, True)
    add("co_quan", body.id, True)
    order = [f.key for f in CONTENT_FIELDS] + [f.key for f in OWN_FIELDS]
    order += [k for k in fields if k not in order and k not in ("ma", "van_ban_cha", "co_quan") + FAN_OUT_KEYS]
    for key in order:
        value = inherited.get(key)
        if key == "loai":
            add(key, doc_type or value or "ke_hoach", root or doc_type is not None, "" if doc_type else inherit)
        elif key == "ngay":
            add(key, date, True,
                "" if root else " " + _("Không được trước ngày của văn bản cha ({date}).").format(
                    date=format_date_input(parent_doc.date)))
        elif key == "trich_yeu":
            add(key, _scalar(value) if value else PLACEHOLDER, root, inherit)
        elif key == "thoi_gian":
            period = value or {}
            shown = ("{tu: %s, den: %s}" % (_date_value(period["tu"]), _date_value(period["den"]))
                     if period else "{tu: %s, den: %s}" % (PLACEHOLDER, PLACEHOLDER))
            add(key, shown, False, inherit + (" " + _("Phải nằm trong thời gian của văn bản cha.") if not root else ""))
        elif key == "han":
            add(key, _date_value(value) if value else "dd/mm/yyyy", False, inherit)
        elif key == "noi_dung":
            add(key, None, False, inherit, ["- tieu_de: " + PLACEHOLDER, "  doan:", "    - " + PLACEHOLDER])
        elif key == "to_chuc_thuc_hien" and own_assignments:
            body_lines.append("# " + _("Viết riêng cho cấp này: văn bản cha giao việc mà cấp này không nhận được:"))
            body_lines.extend("#   - " + reason for reason in own_assignments)
            add(key, None, True)
            body_lines.extend(["  - tieu_de: " + PLACEHOLDER, "    doan:", "      - " + PLACEHOLDER])
        elif key == "phu_luc":
            add(key, None, False, inherit, ["- tieu_de: " + PLACEHOLDER, "  noi_dung:",
                                           "    - doan: [" + PLACEHOLDER + "]"])
        elif key in ("can_cu", "mo_dau", "ket_thuc", "kinh_gui", "noi_nhan"):
            add(key, None, False, inherit if key in INHERITED_KEYS else "", ["- " + PLACEHOLDER])
        elif key == "nguoi_ky":
            signers = "; ".join(f"{s.id} ({s.name}, {s.title})" for s in body.signers)
            add(key, body.signers[0].id if body.signers else PLACEHOLDER, False,
                " " + _("Có: {signers}.").format(signers=signers) if signers else "")
        elif key == "don_vi_soan_thao":
            units = "; ".join(f"{code} ({name})" for code, name in body.drafting_units.items())
            add(key, next(iter(body.drafting_units), PLACEHOLDER), False,
                " " + _("Có: {units}.").format(units=units) if units else "")
        elif key == "so":
            add(key, "188", False)
        elif key == "bo_noi_nhan_mac_dinh":
            add(key, "true", False)
        elif isinstance(fields[key].checker, Choice):
            add(key, next(iter(fields[key].checker.choices)), False, inherit if key in INHERITED_KEYS else "")
        else:
            example = getattr(fields[key].checker, "example", None)
            add(key, _scalar(value) if isinstance(value, str) else (example or PLACEHOLDER), False,
                inherit if key in INHERITED_KEYS else "")
    return lines + _item(body_lines)


def _parent_document(tree: DocumentTree, parent: str, body: Body, registry: Registry) -> Document:
    """The document the new one cites: ``parent`` itself, or the issued copy above ``body``."""
    by_id = tree.by_id()
    if parent in by_id:
        return by_id[parent]
    copies = [d for d in tree.documents if d.id.startswith(parent + FAN_OUT_SEPARATOR)]
    for doc in copies:
        if doc.issuer.id == body.id or _is_under(body, doc.issuer.id, registry):
            return doc
    example = copies[0].id if copies else parent
    raise ScaffoldError(
        _("cơ quan '{body}' không trực thuộc cơ quan nào ban hành '{parent}'").format(body=body.id, parent=parent)
        + "\n    " + _("Gợi ý: {hint}").format(
            hint=_("chọn một văn bản cha cụ thể, ví dụ --cha {example}").format(example=example)))


def _is_under(body: Body, ancestor: str, registry: Registry) -> bool:
    current, seen = body.parent, set()
    while current and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = registry.bodies[current].parent if current in registry.bodies else None
    above = registry.bodies.get(ancestor)
    return bool(above and above.is_bloc and body.id in above.members)


def _inherited_values(tree: DocumentTree, parent: str) -> dict:
    """The raw values (placeholders unfilled) the new document inherits: nearest ancestor spec first."""
    specs = {s.id: s for s in tree.campaign.specs}
    values: dict = {}
    current = parent.split(FAN_OUT_SEPARATOR, 1)[0]
    while current in specs:
        spec = specs[current]
        for key, value in spec.values.items():
            values.setdefault(key, value)
        current = spec.parent.split(FAN_OUT_SEPARATOR, 1)[0] if spec.parent else None
    return values


def _type_prefix(doc_type: str) -> str:
    """ke_hoach → kh, cong_van → cv, quyet_dinh → qd: the prefix of a made-up document id."""
    return "".join(part[0] for part in doc_type.split("_"))


def _free_id(base: str, taken: set[str]) -> str:
    base = base[:60].rstrip("-")
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _campaign_path(data_dir: Path, campaign: str | Path, sources: Sources) -> Path:
    """Accept a file (data/chien-dich/x.yaml), a file name, or a campaign's ``ma``."""
    text = str(campaign)
    for c in sources.campaigns:
        if c.id == text:
            return Path(c.path)
    path = Path(text)
    if path.suffix not in (".yaml", ".yml") and len(path.parts) == 1:
        path = data_dir / "chien-dich" / f"{text}.yaml"
    elif len(path.parts) == 1:
        path = data_dir / "chien-dich" / path.name
    if path.resolve().parent != (data_dir / Path(CAMPAIGN_GLOB).parent).resolve() or path.suffix != ".yaml":
        raise ScaffoldError(_("tệp chiến dịch phải là {folder}/<tên>.yaml, nhận được {path}").format(
            folder=relative(data_dir / "chien-dich"), path=text))
    return path


# --- bodies ----------------------------------------------------------------------


def add_body(data_dir: Path, body_id: str, above: str, system: str, file: Path | None = None,
             level: str | None = None) -> Added:
    """Append a body skeleton to the registry (``data/to-chuc.yaml`` unless ``file``).

    Keys the bodies already under ``above`` (of the same system) share — first
    header line, ky_hieu, cap, nhom_nhan, chu_quan, the first signer's title —
    are copied; names are "…" to fill and the signer is "Nguyễn Văn A".
    """
    sources, _trees = _current(data_dir)
    registry = sources.registry
    path = file or data_dir / "to-chuc.yaml"
    _check_id(body_id)
    if system not in SYSTEMS:
        raise _unknown(_("không có hệ thống '{id}'").format(id=system), system, SYSTEMS)
    if body_id in registry.bodies:
        raise ScaffoldError(_("danh mục đã có cơ quan mã '{id}' ({where})").format(
            id=body_id, where=registry.bodies[body_id].location))
    if above not in registry.bodies:
        raise _unknown(_("không có cơ quan nào mã '{id}' trong danh mục").format(id=above), above, registry.bodies)
    registry_files = {p.resolve() for pattern in ("to-chuc.yaml", "to-chuc/*.yaml") for p in data_dir.glob(pattern)}
    allowed = path.resolve() in registry_files or (
        path.suffix == ".yaml" and path.resolve().parent == (data_dir / "to-chuc").resolve())
    if not allowed:
        raise ScaffoldError(_("danh mục phải là {a} hoặc {b}/<tên>.yaml, nhận được {path}").format(
            a=relative(data_dir / "to-chuc.yaml"), b=relative(data_dir / "to-chuc"), path=path))
    item = body_skeleton(body_id, above, system, registry, level)
    created = not path.exists()
    if created:
        registry_fields = {f.key: f for f in REGISTRY.fields}
        head = [MODELINE.format(path=_schema_path(data_dir, path, "to-chuc")),
                _commented("co_quan:", None, _description(registry_fields["co_quan"]))]
        added = Added(body_id, path, _write_new(path, head, item), created=True)
    else:
        line, previous = _insert(path, "co_quan", item)
        added = Added(body_id, path, line, previous=previous)
    _validate_or_restore(data_dir, added, lambda trees: [])
    return added


def body_skeleton(body_id: str, above: str, system: str, registry: Registry, level: str | None = None) -> list[str]:
    """Return the lines of one ``co_quan`` item (indentation 0)."""
    fields = {f.key: f for f in BODY.fields}
    siblings = [b for b in registry.bodies.values()
                if b.parent == above and b.system == SYSTEM_OF_SOURCE[system] and not b.is_bloc]

    def shared(get: Callable[[Body], object]):
        values = {get(b) for b in siblings}
        return values.pop() if len(values) == 1 else None

    first_line, notation, (signer_id, signer_title, authority) = SYSTEM_DEFAULTS[system]
    first_line = shared(lambda b: b.name_lines[0] if len(b.name_lines) > 1 else None) or first_line
    notation = shared(lambda b: b.notation) or notation
    level = level or shared(lambda b: b.level or None) or _guess_level(body_id)
    group = shared(lambda b: b.recipient_group)
    header_parent = shared(lambda b: b.header_parent)
    signer_id = shared(lambda b: b.signers[0].id) or signer_id
    signer_title = shared(lambda b: b.signers[0].title) or signer_title
    authorities = shared(lambda b: b.signers[0].authority)
    word = LEVEL_WORDS.get(level or "", "")
    where = f"{word} {PLACEHOLDER}" if word else PLACEHOLDER
    full = f"{first_line.capitalize()} {where}"
    short = f"{notation} {where}" if notation != PLACEHOLDER else PLACEHOLDER

    lines = ["# " + _("Cơ quan mới, khung do 'vanban new' thêm: thay mọi '{mark}' và '{name}' bằng tên thật; "
                      "bỏ '# ' ở đầu dòng để dùng một khóa.").format(mark=PLACEHOLDER, name=PLACEHOLDER_SIGNER)]
    out: list[str] = []

    def add(key: str, value: str | None, active: bool = True, note: str = "", example: list[str] | None = None):
        text = _description(fields[key]) + note
        if active:
            out.append(_commented(f"{key}:", value, text))
            out.extend("  " + line for line in example or ())
        else:
            out.append("# " + _commented(f"{key}:", value, text, COMMENT_COLUMN - 2))
            out.extend("#   " + line for line in example or ())

    add("ma", body_id)
    add("he_thong", system, note=" " + _("Có: {choices}.").format(choices=", ".join(SYSTEMS)))
    add("ten", f"[{first_line}, {where.upper()}]")
    add("ten_day_du", full)
    add("ten_ngan", short)
    add("ten_chu_quan", short.upper() if notation != PLACEHOLDER else PLACEHOLDER, active=False)
    add("cap_tren", above)
    add("chu_quan", header_parent or above, active=bool(header_parent))
    add("cap", level or PLACEHOLDER, active=bool(level))
    add("nhom_nhan", _scalar(group) if group else PLACEHOLDER, active=bool(group))
    add("dia_ban", where)
    add("dia_danh", PLACEHOLDER)
    add("ky_hieu", notation)
    add("don_vi_soan_thao", None, active=False, example=["- {ma: VP, ten: Văn phòng}"])
    signer = f"- {{ma: {signer_id}, ho_ten: {PLACEHOLDER_SIGNER}, chuc_vu: {signer_title}"
    signer += f", quyen_han: {_scalar(authorities[0])}}}" if authorities and len(authorities) == 1 else "}"
    add("nguoi_ky", None, example=[signer], note=" " + _("Quyền hạn thường dùng: {example}.").format(
        example=authority) if not authorities else "")
    add("cap_duoi_chung", None, active=False, example=["- " + PLACEHOLDER])
    add("nhiem_ky_tu", "dd/mm/yyyy", active=False)
    known = {"ma", "he_thong", "ten", "ten_day_du", "ten_ngan", "ten_chu_quan", "cap_tren", "chu_quan", "cap",
             "nhom_nhan", "dia_ban", "dia_danh", "ky_hieu", "don_vi_soan_thao", "nguoi_ky", "cap_duoi_chung",
             "nhiem_ky_tu"}
    for key in fields:
        if key not in known:  # a key declared after this was written: still offered, commented
            add(key, PLACEHOLDER, active=False)
    return lines + _item(out)


def _guess_level(body_id: str) -> str | None:
    """ubnd-huyen-tram-tau → huyen; ubnd-xa-ban-cong → xa: the level word written in the id, if any."""
    for word in sorted(LEVEL_WORDS, key=len, reverse=True):
        if re.search(rf"(^|-){re.escape(word)}(-|$)", body_id):
            return word
    return None


# --- text: insert without touching what is there ------------------------------------


def _commented(key: str, value: str | None, comment: str, column: int = COMMENT_COLUMN) -> str:
    """``key: value`` followed by ``# comment``, the comments lined up at ``column``."""
    text = key if value is None else f"{key} {value}"
    pad = max(column - len(text), 2)
    return f"{text}{' ' * pad}# {comment}" if comment else text


def _item(lines: list[str]) -> list[str]:
    """Turn key lines into one list item: '- ' before the first key, '  ' before the others."""
    out = []
    for i, line in enumerate(lines):
        if line.startswith("#"):
            out.append("  " + line if i else "- " + line)
        else:
            out.append(("- " if i == 0 else "  ") + line)
    return out


def _insert(path: Path, key: str, item: list[str]) -> tuple[int, bytes]:
    """Insert ``item`` (comment lines, then the item) at the end of the top-level list ``key``.

    Returns the 1-based line of the new item's first key and the file's bytes
    before. The list's own indentation and line ends are used; every other
    line of the file stays as it was.
    """
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    source, problems = parse_text(clean_text(text), relative(path))
    if source is None or problems:
        raise SourceErrors(problems)
    if not isinstance(source.data, dict) or not isinstance(source.data.get(key), list) or not source.data[key]:
        raise ScaffoldError(_("{path}: không tìm thấy danh sách '{key}:' để thêm vào").format(path=relative(path), key=key))
    lines = _LINE_BREAK.split(text)
    first_line, first_column = source.locations[(key, 0)]
    before = lines[first_line - 1][: first_column - 1]
    dash = before.rstrip().rfind("-")
    if dash < 0 or before[:dash].strip() or before.rstrip()[dash:] != "-":
        raise ScaffoldError(_("{path}: danh sách '{key}' phải viết mỗi mục một dòng bắt đầu bằng '- '").format(
            path=relative(path), key=key))
    gap = first_column - 1 - dash  # from the dash to the key: usually 2
    indent = " " * dash
    block = []
    for line in item:
        if line.startswith("- "):
            block.append(indent + "-" + " " * (gap - 1) + line[2:])
        else:
            block.append(indent + " " * gap + line[2:] if line.startswith("  ") else indent + line)

    key_line = source.key_locations[(key,)][0]
    later = sorted(line for (k,), (line, _c) in ((p, m) for p, m in source.key_locations.items() if len(p) == 1)
                   if line > key_line)
    if later:
        at = later[0] - 1  # 0-based index of the next top-level key's line
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
            at -= 1  # its own comments and the blank lines above them stay with it
        head, tail = lines[:at], lines[at:]
        while head and not head[-1].strip():
            tail.insert(0, head.pop())
        new_lines = head + [""] + block + ([""] if tail and tail[0].strip() else []) + tail
    else:
        head = lines[:]
        while head and not head[-1].strip():
            head.pop()
        new_lines = head + [""] + block + [""]
    line_no = len(head) + 2 + next(i for i, line in enumerate(block) if line.lstrip().startswith("-"))
    atomic_write(path, (codecs.BOM_UTF8 if bom else b"") + newline.join(new_lines).encode("utf-8"))
    return line_no, raw


def _write_new(path: Path, head: list[str], item: list[str]) -> int:
    block = ["  " + line if not line.startswith("- ") else "  " + line for line in item]
    text = "\n".join(head + block) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return len(head) + 1 + next(i for i, line in enumerate(block) if line.lstrip().startswith("-"))


def _schema_path(data_dir: Path, path: Path, name: str) -> str:
    """The modeline's path from ``path`` to schemas/<name>.schema.json next to the data folder."""
    schema = data_dir.resolve().parent / "schemas" / f"{name}.schema.json"
    return Path(os.path.relpath(schema, path.resolve().parent)).as_posix()


def _date_value(value: object) -> str:
    """A date as the clerk writes it: 30/08/2024, or the relative form as written ("5 ngày … han_cha")."""
    return format_date_input(value) if isinstance(value, _dt.date) else _scalar(str(value))


def _scalar(value: object) -> str:
    """A value as YAML text: plain when it reads back the same, double-quoted otherwise."""
    text = str(value)
    plain = (text and text == text.strip() and "\n" not in text and ": " not in text and " #" not in text
             and not text.endswith(":") and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
             and not re.fullmatch(r"(~|null|true|false|[-+]?[0-9][0-9._]*|\.inf|\.nan)", text, re.I))
    return text if plain else json.dumps(text, ensure_ascii=False)


# --- checks -------------------------------------------------------------------------


def _current(data_dir: Path) -> tuple[Sources, list[DocumentTree]]:
    """The sources as they are now: a skeleton is only added to sources that pass the check."""
    return check_sources(data_dir)


def _validate_or_restore(data_dir: Path, added: Added, more: Callable[[list[DocumentTree]], list[Problem]]) -> None:
    """Check the sources with the new entry; on any error put the file back and report."""
    problems = _problems(data_dir, more)
    if problems:
        _fail(added, problems)


def _problems(data_dir: Path, more: Callable[[list[DocumentTree]], list[Problem]]) -> list[Problem]:
    """The errors of the sources with the new entry in them.

    Warnings are not errors here: a new skeleton inherits its parent's text, which is what the
    clerk then rewrites for the level (``vanban check`` says where).
    """
    sources, problems = validate_sources(data_dir)
    if not problems:
        trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
        problems = [p for p in problems if not p.warning] or more(trees)
    return problems


def _restore(added: Added) -> None:
    """Put the file back as it was before ``added``."""
    if added.created:
        added.path.unlink(missing_ok=True)
    elif added.previous is not None:
        atomic_write(added.path, added.previous)


def _fail(added: Added, problems: list[Problem]) -> None:
    _restore(added)
    lines = [p.format() for p in sorted(problems, key=lambda p: (p.location.path, p.location.line, p.field))]
    lines.append(_("Khung mới không qua được kiểm tra; đã trả {path} về như cũ.").format(path=relative(added.path)))
    raise ScaffoldError("\n".join(lines))


def _check_id(value: str, what: str | None = None) -> None:
    if not re.fullmatch(ID_PATTERN, value):
        raise ScaffoldError(_("{what} '{id}' không hợp lệ: cần chữ thường không dấu, số và dấu '-' "
                              "(ví dụ ubnd-huyen-tram-tau)").format(what=what or _("mã"), id=value))


def _unknown(message: str, word: str, known) -> ScaffoldError:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if close:
        message += "\n    " + _("Gợi ý: {hint}").format(hint=_("có phải ý bạn là '{word}'?").format(word=close[0]))
    return ScaffoldError(message)


def _same_file(shown: str, path: Path) -> bool:
    return Path(shown).resolve() == path.resolve()


def _location(added: Added) -> SourceLocation:
    return SourceLocation(relative(added.path), added.line, 3)


def _description(field: Field) -> str:
    text = field.checker.description
    if isinstance(field.checker, Choice) and field.key == "loai":
        text = text.rstrip(".") + ": " + ", ".join(field.checker.choices) + "."
    return text

