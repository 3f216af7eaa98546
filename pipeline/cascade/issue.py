"""Issue a signed document: take the next number of its series from the register."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from pipeline.cascade.check import check_sources
from pipeline.cascade.number import assign_numbers
from pipeline.clock import today
from pipeline.errors import RegisterError
from pipeline.i18n import _
from pipeline.model import Document
from pipeline.register.store import Register
from pipeline.vietnamese.format import code_number, format_date_input


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


def issue_document(data_dir: Path, register_path: Path, reference: str, date: _dt.date | None) -> None:
    """Issue one document and print its number; issuing it again prints the same number."""
    _sources, trees = check_sources(data_dir, register_path)
    doc = find_document(trees, reference)
    with Register(register_path) as register:
        trees, _problems = assign_numbers(trees, register, record=True)  # record numbers given before the register
        doc = find_document(trees, reference)
        when = date or today()  # read once: the parent check and the register get the same day
        if doc.parent:
            parent = register.get(doc.campaign, doc.parent)
            if parent is None:
                raise RegisterError(_("chưa thể cấp số cho '{id}': văn bản cha '{parent}' chưa được cấp số").format(
                    id=doc.id, parent=doc.parent))
            if when < parent.date:
                raise RegisterError(_("ngày ban hành {date} trước ngày của văn bản cha ({parent})").format(
                    date=format_date_input(when), parent=format_date_input(parent.date)))
        entry, new = register.issue(doc, when)
    number = code_number(entry.number, entry.notation, doc.system == "party")
    if new:
        click.echo(_("Đã cấp số {number} ngày {date} cho {id}.").format(
            number=number, date=format_date_input(entry.date), id=doc.id))
    else:
        click.echo(_("{id} đã có số {number} ngày {date}; không thay đổi.").format(
            number=number, date=format_date_input(entry.date), id=doc.id))
