"""The kinds of document the linter knows by their tên loại, and what each one holds.

The kinds are vanban's own (``pipeline.rulebook.kinds``, one table for the documents vanban
writes and those it judges): a clerk's quy chế typed in Word is judged by the row vanban
writes its quy chế from. The abbreviations are Phụ lục III of NĐ 30 (§2.9 of the reference,
CONFIRMED (primary)); the Party's own (QĐ 399, SECONDARY ONLY) are accepted beside them rather
than judged: quy định "QĐ"; a kind NĐ 30 does not abbreviate (kết luận, thông tri, giao ước)
has its abbreviation left unjudged. The layout facts come from the decree's templates (Mẫu
1.1–1.10): a nghị quyết and a quyết định carry a thẩm quyền line, căn cứ lines and an enacting
line ("QUYẾT NGHỊ:", "QUYẾT ĐỊNH:"); a biên bản has no date in its header and its Nơi nhận
under the signatures; a giấy giới thiệu or nghỉ phép has no trích yếu; a công điện opens with
"<NGƯỜI, CƠ QUAN> điện:" over its recipients.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lint.text import canon
from pipeline.rulebook.kinds import KINDS, PARTY


@dataclass(frozen=True, slots=True)
class DocType:
    name: str  # the tên loại as printed, IN HOA
    abbr: str | None  # its abbreviation in the ký hiệu; None: none to check
    enacting: str | None = None  # the line that closes the preamble ("QUYẾT ĐỊNH:")
    subject: bool = True  # a trích yếu under the tên loại
    dated: bool = True  # the place and date line in the header
    recipients_beside: bool = True  # Nơi nhận level with the quyền hạn line (Mẫu 1.1–1.8)
    party_abbr: tuple[str, ...] = ()  # further abbreviations the Party's list gives
    dispatch: bool = False  # a công điện: "<NGƯỜI, CƠ QUAN> điện:" and its recipients (Mẫu 1.6)

    @property
    def authority(self) -> bool:
        """A thẩm quyền line and căn cứ lines open the text (Mẫu 1.1–1.3)."""
        return self.enacting is not None


def _from_kind(kind) -> DocType:
    party = kind.abbreviation(PARTY)
    return DocType(kind.title, kind.abbr or None, enacting=kind.enacting, subject=kind.subject, dated=kind.dated,
                   recipients_beside=kind.recipients_beside,
                   party_abbr=(party,) if kind.abbr and party and party != kind.abbr else (),
                   dispatch=kind.key == "cong_dien")


TYPES: tuple[DocType, ...] = (
    *(_from_kind(k) for k in KINDS if not k.is_letter),
    # The decree's templates write the kind as a blank to fill.
    DocType("TÊN LOẠI VĂN BẢN", None),
)
BY_KEY: dict[str, DocType] = {canon(t.name): t for t in TYPES}
ENACTING: frozenset[str] = frozenset(canon(t.enacting.rstrip(":")) for t in TYPES if t.enacting)


def doc_type(key: str) -> DocType | None:
    """The kind whose tên loại is the line with matching key ``key`` (see text.canon)."""
    return BY_KEY.get(key)
