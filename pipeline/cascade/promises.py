"""What a document promises, it contains: "Phụ lục kèm theo", "danh sách kèm theo"…

A clerk writes "… có tại Phụ lục kèm theo Thông báo này" or "… có tên trong danh sách kèm
theo"; the document must then carry that phụ lục (``phu_luc``, a table or sections), or
name the separate file it is sent with (``dinh_kem``). The other way round, NĐ 30 PL I
III.1.a: "Trường hợp văn bản có Phụ lục kèm theo thì trong văn bản phải có chỉ dẫn về Phụ
lục đó" — a document with a phụ lục says so in its text. Both are warnings of ``vanban
check`` (errors with ``--strict``, as ``make`` runs it), at the file, line and column where
the clerk wrote the text.

What counts as a promise: an attachment's noun ("phụ lục", "danh sách", "danh mục", "biểu
mẫu", "biểu", "bảng tổng hợp") followed by "kèm theo", or a numbered "Phụ lục II"; not when
what follows names another document ("Phụ lục I Nghị định số 30/2020/NĐ-CP", "danh mục
ban hành kèm theo Quyết định số 1086/QĐ-TTg"): that cites someone else's attachment.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.errors import Problem, SourceLocation
from pipeline.i18n import _
from pipeline.model import Document
from pipeline.vietnamese.format import parse_ordinal

_NOUN = r"phụ lục|danh sách|danh mục|biểu mẫu|biểu|bảng tổng hợp"
_PROMISE = re.compile(
    rf"\b(?P<noun>{_NOUN})(?:\s+(?P<numeral>[IVX]+|số\s+\d+))?\b(?P<attached>(?:\s+(?:được|đã))?"
    r"(?:\s+ban hành)?\s+kèm theo)?", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:)\n]")
_NUMBERED = re.compile(r"\bsố\s*\d")
_OF_ANOTHER = re.compile(r"\s*(?:của|tại)\s")
QUICK = ("kèm theo", "hụ lục", "HỤ LỤC")  # a text holding none of these promises nothing: skip it fast
PROMISING_FIELDS = ("mo_dau", "noi_dung", "to_chuc_thuc_hien", "ket_thuc")


@dataclass(frozen=True)
class Promise:
    phrase: str  # as written: "Phụ lục kèm theo", "danh sách kèm theo", "Phụ lục II"
    number: int | None  # the phụ lục's number when the text names one ("Phụ lục II" → 2)


@functools.lru_cache(maxsize=4096)
def promises(text: str) -> tuple[Promise, ...]:
    """Return what ``text`` promises is attached, in order."""
    if not any(q in text for q in QUICK):
        return ()
    out = []
    for match in _PROMISE.finditer(text):
        noun, numeral, attached = match.group("noun"), match.group("numeral"), match.group("attached")
        appendix = noun.lower() == "phụ lục"
        if not attached and not (appendix and numeral):
            continue  # "danh sách" alone is a word of the text, not an attachment
        rest = text[match.end():]
        clause = rest[:m.start()] if (m := _CLAUSE_END.search(rest)) else rest
        if _NUMBERED.search(clause) or _OF_ANOTHER.match(clause) and "này" not in clause:
            continue  # the attachment of another document, cited
        number = None
        if appendix and numeral:
            try:
                number = parse_ordinal(numeral.split()[-1])
            except ValueError:
                number = None
        out.append(Promise(" ".join(match.group(0).split()), number))
    return tuple(out)


def mentions_appendix(text: str) -> bool:
    """Whether ``text`` points to a phụ lục at all ("chi tiết tại Phụ lục", "như Phụ lục kèm theo")."""
    # Speed: a text without "ụ" (composed, as every text read is) cannot hold the words in any case.
    return ("ụ" in text or "Ụ" in text) and "phụ lục" in text.lower()


@dataclass(frozen=True)
class Promised:
    """A promise found in a document's text, and where the clerk wrote that text."""

    promise: Promise
    where: SourceLocation
    field: str


def promise_problems(doc: Document, promised: list[Promised], mentioned: bool,
                     appendix_at: SourceLocation | None) -> list[Problem]:
    """Return a warning for each promise ``doc`` does not keep, and for a phụ lục its text never names."""
    out = []
    count, separate = len(doc.appendices), bool(doc.attachments)
    for item in promised:
        promise = item.promise
        if promise.number is not None and promise.number > count:
            out.append(Problem(item.where, item.field,
                               _("văn bản nhắc đến “{phrase}” nhưng chỉ có {n} phụ lục").format(
                                   phrase=promise.phrase, n=count),
                               _("thêm phụ lục ở 'phu_luc', hoặc sửa số phụ lục trong câu"), warning=True))
        elif promise.number is None and not count and not separate:
            out.append(Problem(item.where, item.field,
                               _("văn bản hứa “{phrase}” nhưng không có phụ lục nào ('phu_luc') và không ghi tài "
                                 "liệu gửi kèm ở tệp riêng ('dinh_kem')").format(phrase=promise.phrase),
                               _("thêm 'phu_luc' (có thể là một bảng: 'bang'), ghi tên tệp gửi kèm ở 'dinh_kem', "
                                 "hoặc sửa câu nếu không gửi kèm gì"), warning=True))
    if count and not mentioned:
        out.append(Problem(appendix_at or doc.location, f"{doc.id}: phu_luc",
                           _("văn bản có {n} phụ lục nhưng nội dung không chỉ dẫn đến phụ lục nào (Nghị định 30, "
                             "Phụ lục I, III.1.a)").format(n=count),
                           _("thêm vào nội dung một câu chỉ dẫn, ví dụ “… tại Phụ lục kèm theo”"), warning=True))
    return out
