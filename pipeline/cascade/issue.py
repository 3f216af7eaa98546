"""Issue a signed document (take the next number of its series from the register), or void a number."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from pipeline.cascade.check import check_sources
from pipeline.cascade.number import assign_numbers
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.clock import today
from pipeline.errors import RegisterError, SourceErrors
from pipeline.i18n import _
from pipeline.model import Document
from pipeline.register.store import Entry, Register, is_party_series
from pipeline.register.void import void_number
from pipeline.sources.validate import validate_sources
from pipeline.vietnamese.format import code_number, format_date_input

FIRST_YEAR, LAST_YEAR = 1980, 2107  # what a ZIP entry's date (every part of a DOCX) can carry


def find_document(trees, reference: str) -> Document:
    """Return the document named ``id`` or ``campaign/id``; refuse an ambiguous or unknown name."""
    campaign, _sep, doc_id = reference.rpartition("/")
    found = [d for t in trees for d in t.documents if d.id == doc_id and (not campaign or d.campaign == campaign)]
    if not found:
        raise RegisterError(_("không có văn bản nào mã '{id}'").format(id=reference))
    if len(found) > 1:
        names = ", ".join(f"{d.campaign}/{d.id}" for d in found)
        raise RegisterError(_("mã '{id}' có ở nhiều chiến dịch: {names}; hãy ghi chiến-dịch/mã").format(id=reference, names=names))
    return found[0]


def check_issue_date(when: _dt.date, today: _dt.date, days_ahead: int = 0) -> None:
    """Refuse an issue date a DOCX cannot carry, or later than today by more than the clerk allows."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise RegisterError(_("ngày ban hành {date} nằm ngoài khoảng 01/01/{first}–31/12/{last} mà tệp DOCX (ZIP) ghi "
                              "được; hãy kiểm tra lại --date").format(date=format_date_input(when), first=FIRST_YEAR,
                                                                     last=LAST_YEAR))
    if when > today + _dt.timedelta(days=days_ahead):
        raise RegisterError(_("ngày ban hành {date} sau hôm nay ({today}); số được cấp sau khi văn bản đã ký "
                              "(Nghị định 30, Điều 15). Nếu đúng là ngày sau, hãy thêm --days-ahead N (số ngày được "
                              "phép sau hôm nay)").format(date=format_date_input(when), today=format_date_input(today)))


def issue_document(data_dir: Path, register_path: Path, reference: str, date: _dt.date | None,
                   days_ahead: int = 0) -> None:
    """Issue one document and print its number; issuing it again prints the same number."""
    now = today()  # read once: the date checks and the register get the same day
    when = date or now
    check_issue_date(when, now, days_ahead)
    _sources, trees = check_sources(data_dir, register_path)
    doc = find_document(trees, reference)
    with Register(register_path) as register:
        trees, _problems = assign_numbers(trees, register, record=True)  # record numbers given before the register
        doc = find_document(trees, reference)
        if doc.parent:
            parent = register.get(doc.campaign, doc.parent)
            if parent is None:
                raise RegisterError(_("chưa thể cấp số cho '{id}': văn bản cha '{parent}' chưa được cấp số").format(
                    id=doc.id, parent=doc.parent))
            if when < parent.date:
                raise RegisterError(_("ngày ban hành {date} trước ngày của văn bản cha ({parent})").format(
                    date=format_date_input(when), parent=format_date_input(parent.date)))
        entry, new = register.issue(doc, when)
        earlier = _dated_after(register, entry) if new else None
    party = doc.system == "party"
    number = code_number(entry.number, entry.notation, party, doc.issuer.number_width)
    if new:
        click.echo(_("Đã cấp số {number} ngày {date} cho {id}.").format(
            number=number, date=format_date_input(entry.date), id=doc.id))
    else:
        click.echo(_("{id} đã có số {number} ngày {date}; không thay đổi.").format(
            number=number, date=format_date_input(entry.date), id=doc.id))
    passed = _passed_deadline(doc, entry.date) if new else None
    if passed:
        click.echo(passed, err=True)
    if not new and date is not None and date != entry.date:
        click.echo(_("Cảnh báo: ngày {given} không được dùng: {id} đã có số {number} ngày {date}. Muốn đổi ngày "
                     "ban hành, hãy hủy số (vanban void {id} --ly-do \"…\") rồi cấp số mới.").format(
            given=format_date_input(date), id=doc.id, number=number, date=format_date_input(entry.date)), err=True)
    if earlier is not None:
        click.echo(_("Cảnh báo: số {number} ngày {date} có ngày trước số {other} ngày {other_date} cấp trước nó "
                     "trong cùng sổ; kiểm tra lại ngày ban hành. Nếu cấp nhầm, hãy hủy số: vanban void {id} "
                     "--ly-do \"…\", rồi cấp lại.").format(
            number=number, date=format_date_input(entry.date), id=doc.id,
            other=code_number(earlier.number, earlier.notation, party), other_date=format_date_input(earlier.date)),
            err=True)


def _passed_deadline(doc: Document, when: _dt.date) -> str | None:
    """Say so when a document prints a deadline already passed on the day it is numbered.

    ``vanban check`` compares the deadline with the date written in the sources; the number is
    given later, on the day of signing, and that day is the document's date from then on. A
    signed document is registered as it was signed, so this is a warning, not a refusal.
    """
    if doc.deadline_printed and doc.deadline is not None and doc.deadline < when:
        return _("Cảnh báo: {id} in hạn {han}, trước ngày ban hành {date}: hạn đã qua khi văn bản được cấp số. "
                 "Nếu văn bản chưa ký, hãy hủy số (vanban void {id} --ly-do \"…\"), sửa 'han' (và các mốc thời gian "
                 "trong nội dung) ở {where}, rồi cấp số lại.").format(
            id=doc.id, han=format_date_input(doc.deadline), date=format_date_input(when), where=doc.location)
    return None


def _dated_after(register: Register, entry: Entry) -> Entry | None:
    """Return the entry of a lower number of the same series dated after ``entry`` (the latest such), or None."""
    before = [e for e in register.entries() if e.series == entry.series and e.number < entry.number
              and e.date > entry.date and not e.preissued]
    return max(before, key=lambda e: (e.date, e.number), default=None)


def void_document(data_dir: Path, register_path: Path, reference: str, reason: str) -> None:
    """Void the number of one document (hủy số) and print what was voided; its issued children first."""
    sources, problems = validate_sources(data_dir)
    if problems:
        raise SourceErrors(problems)
    # Not numbered: a document changed after it was issued (the usual reason to void) still resolves.
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    if problems:
        raise SourceErrors(problems)
    doc = find_document(trees, reference)
    with Register(register_path, create=False, write=True) as register:
        children = [d for t in trees for d in t.documents
                    if d.campaign == doc.campaign and d.parent == doc.id and register.get(d.campaign, d.id)]
        if children:
            names = ", ".join(d.id for d in children)
            raise RegisterError(_("không thể hủy số của '{id}': văn bản con {names} đã được cấp số và trích dẫn số "
                                  "này; hãy hủy số các văn bản con trước").format(id=doc.id, names=names))
        voided = void_number(register, doc.campaign, doc.id, reason, today())
    e = voided.entry
    click.echo(_("Đã hủy số {number} ngày {date} của {id} (lý do: {reason}). Số này không bao giờ được cấp lại; "
                 "lần build sau in văn bản thành dự thảo, hoặc cấp số mới bằng vanban issue {id}.").format(
        number=code_number(e.number, e.notation, is_party_series(e.series)), date=format_date_input(e.date),
        id=doc.id, reason=voided.reason))
