"""Number the resolved documents from the register; a document not issued stays a draft.

Numbers are never invented here: a document carries a number only if the
register holds one for it (issued with ``vanban issue``, or recorded because
the sources say it was issued before the project, ``so: 188``). An issued
document whose content has changed since is refused: its number belongs to
the text that was signed.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.errors import Problem
from pipeline.i18n import _
from pipeline.model import Document, DocumentTree
from pipeline.model import PARTY
from pipeline.register.store import Register, content_digest, entries_for_campaign, refuse_damaged, series_of
from pipeline.register.void import voided_number
from pipeline.vietnamese.format import code_number, format_date_input


def assign_numbers(trees: list[DocumentTree], register: Register | None,
                   record: bool = True) -> tuple[list[DocumentTree], list[Problem]]:
    """Return the trees with numbers and issue dates from the register, or the problems.

    With ``record`` False (``vanban check``) nothing is written: documents issued
    before the project are numbered from their sources without being recorded.
    """
    problems: list[Problem] = []
    out = []
    for tree in trees:
        numbered: dict[str, Document] = {}
        docs = []
        # Speed: the campaign's register entries in one query, not one per document. A
        # document's own entry is the only one it reads, and only issue() below adds it.
        entries = entries_for_campaign(register, tree.campaign.id) if register is not None else {}
        refuse_damaged(register.path if register else None, entries.values())
        for doc in tree.documents:
            parent = numbered.get(doc.parent) if doc.parent else None
            entry = entries.get(doc.id)
            voided = None
            if entry is None and doc.preissued_number is not None and register is not None:
                voided = voided_number(register, series_of(replace(doc, issued_date=doc.date)), doc.preissued_number)
            if voided is not None:
                problems.append(Problem(doc.location, f"{doc.id}: so", _(
                    "số {code} đã bị hủy ngày {date} ({reason}); số đã hủy không bao giờ được dùng lại").format(
                    code=code_number(doc.preissued_number, doc.notation, doc.system == PARTY),
                    date=format_date_input(voided.voided_on), reason=voided.reason),
                    _("bỏ 'so' (văn bản trở lại dự thảo, rồi cấp số mới bằng vanban issue) hoặc sửa cho đúng số đã cấp")))
            elif entry is None and doc.preissued_number is not None:
                if parent is not None and parent.is_draft:
                    problems.append(Problem(doc.location, f"{doc.id}: so",
                                            _("văn bản đã ban hành nhưng văn bản cha '{parent}' chưa có số").format(parent=parent.id)))
                elif record and register is not None:
                    entry, _new = register.issue(doc, doc.date, number=doc.preissued_number)
                else:
                    doc = replace(doc, number=doc.preissued_number, issued_date=doc.date)
            if entry is not None:
                if entry.content_sha256 != content_digest(doc):
                    problems.append(changed_after_issue(doc, entry.number, entry.notation))
                doc = replace(doc, number=entry.number, issued_date=entry.date)
            numbered[doc.id] = doc
            docs.append(doc)
        out.append(replace(tree, documents=tuple(docs)))
    return out, problems


def changed_after_issue(doc: Document, number: int, notation: str) -> Problem:
    return Problem(
        doc.location, doc.id,
        _("văn bản đã ban hành số {number}/{notation} nhưng nội dung nguồn đã thay đổi; "
          "không thể in lại nội dung mới dưới số cũ").format(number=f"{number:02d}", notation=notation),
        _("giữ nguyên nguồn như khi ký; muốn sửa thì ban hành văn bản đính chính hoặc văn bản thay thế "
          "với mã mới (vanban new), rồi cấp số cho văn bản đó"),
    )
