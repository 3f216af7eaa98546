"""The kinds of document the linter knows by their tên loại, and what each one holds.

One row a kind: adding a kind (a tờ trình, a biên bản, a công điện…) is adding a row. The
abbreviations are Phụ lục III of NĐ 30 (§2.9 of the reference, CONFIRMED (primary)); the
Party's own list (QĐ 399, SECONDARY ONLY) differs only for quy định, written "QĐ", which is
accepted beside "QyĐ" rather than judged. The layout facts come from the decree's templates
(Mẫu 1.1–1.10): a nghị quyết and a quyết định carry a thẩm quyền line, căn cứ lines and an
enacting line ("QUYẾT NGHỊ:", "QUYẾT ĐỊNH:"); a biên bản has no date in its header and its
Nơi nhận under the signatures; a giấy giới thiệu or nghỉ phép has no trích yếu.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lint.text import canon


@dataclass(frozen=True, slots=True)
class DocType:
    name: str  # the tên loại as printed, IN HOA
    abbr: str | None  # its abbreviation in the ký hiệu; None: none to check
    enacting: str | None = None  # the line that closes the preamble ("QUYẾT ĐỊNH:")
    subject: bool = True  # a trích yếu under the tên loại
    dated: bool = True  # the place and date line in the header
    recipients_beside: bool = True  # Nơi nhận level with the quyền hạn line (Mẫu 1.1–1.8)
    party_abbr: tuple[str, ...] = ()  # further abbreviations the Party's list gives

    @property
    def authority(self) -> bool:
        """A thẩm quyền line and căn cứ lines open the text (Mẫu 1.1–1.3)."""
        return self.enacting is not None


TYPES: tuple[DocType, ...] = (
    DocType("NGHỊ QUYẾT", "NQ", enacting="QUYẾT NGHỊ:"),
    DocType("QUYẾT ĐỊNH", "QĐ", enacting="QUYẾT ĐỊNH:"),
    DocType("CHỈ THỊ", "CT"),
    DocType("QUY CHẾ", "QC"),
    DocType("QUY ĐỊNH", "QyĐ", party_abbr=("QĐ",)),
    DocType("THÔNG CÁO", "TC"),
    DocType("THÔNG BÁO", "TB"),
    DocType("HƯỚNG DẪN", "HD"),
    DocType("CHƯƠNG TRÌNH", "CTr"),
    DocType("KẾ HOẠCH", "KH"),
    DocType("PHƯƠNG ÁN", "PA"),
    DocType("ĐỀ ÁN", "ĐA"),
    DocType("DỰ ÁN", "DA"),
    DocType("BÁO CÁO", "BC"),
    DocType("BIÊN BẢN", "BB", dated=False, recipients_beside=False),
    DocType("TỜ TRÌNH", "TTr"),
    DocType("HỢP ĐỒNG", "HĐ"),
    DocType("CÔNG ĐIỆN", "CĐ"),
    DocType("BẢN GHI NHỚ", "BGN"),
    DocType("BẢN THỎA THUẬN", "BTT"),
    DocType("GIẤY ỦY QUYỀN", "GUQ"),
    DocType("GIẤY MỜI", "GM"),
    DocType("GIẤY GIỚI THIỆU", "GGT", subject=False),
    DocType("GIẤY NGHỈ PHÉP", "GNP", subject=False),
    DocType("PHIẾU GỬI", "PG"),
    DocType("PHIẾU CHUYỂN", "PC"),
    DocType("PHIẾU BÁO", "PB"),
    # Party kinds (QĐ 399, SECONDARY ONLY): checked like the others, abbreviations not judged.
    DocType("THÔNG TRI", None),
    DocType("KẾT LUẬN", None),
    DocType("ĐIỀU LỆ", None),
    # The decree's templates write the kind as a blank to fill.
    DocType("TÊN LOẠI VĂN BẢN", None),
)
BY_KEY: dict[str, DocType] = {canon(t.name): t for t in TYPES}
ENACTING: frozenset[str] = frozenset(canon(t.enacting.rstrip(":")) for t in TYPES if t.enacting)


def doc_type(key: str) -> DocType | None:
    """The kind whose tên loại is the line with matching key ``key`` (see text.canon)."""
    return BY_KEY.get(key)
