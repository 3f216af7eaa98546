"""Every kind of document (tên loại): its abbreviation, its layout, what it holds, who may issue it.

One row a kind, read by every stage: the sources (the choices of 'loai'), the cascade (the
ký hiệu, who is addressed), the renderer (the layout) and the linter (what a document of
that kind must hold). Adding a kind is adding a row.

Abbreviations: NĐ 30 Phụ lục III (§2.9, CONFIRMED (primary)) for state, union and Front
documents. The Party's (QĐ 399, §11.1, SECONDARY ONLY; the same as HD 36's in §4.5) differ
for quy định, written "QĐ" like quyết định ("Quy định số 66-QĐ/TW"), for thông tri ("TT")
and kết luận ("KL"), which the state does not issue, and for công văn ("CV", the state has
none). A Party kind the reference does not abbreviate (thông cáo, giấy mời, giấy giới thiệu)
keeps the NĐ 30 abbreviation (UNCONFIRMED).

Layouts, after the decree's templates (Phụ lục III, §2.9):
  "muc"      Mẫu 1.4: tên loại and trích yếu, the body in parts I. / 1. / a) (kế hoạch, báo cáo…);
  "so"       the body in numbered points 1. / 1.1. / a) with no part headings (công văn, Mẫu 1.5;
             a chỉ thị, whose body is its points, Mẫu 1.4 and the Mục V example "CHỈ THỊ / Về công
             tác phòng, chống lụt bão"; the Party's kết luận and thông tri);
  "dieu"     articles: "Điều 1." bold, khoản 1., điểm a) (quyết định, nghị quyết Mẫu 1.1–1.3; quy chế,
             quy định, which are written in articles);
  "bien_ban" Mẫu 1.9: no date in the header; time, place, participants, chủ trì and thư ký, the
             record, the closing time; thư ký and chủ trì sign side by side, Nơi nhận under them;
  "gioi_thieu" Mẫu 1.8: no trích yếu; whom the issuer introduces, to whom, about what, until when.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from pipeline.rulebook.systems import FRONT, PARTY, STATE, UNION
from pipeline.vietnamese.format import upper_vi

__all__ = ["FRONT", "PARTY", "STATE", "UNION", "Kind", "KINDS", "BY_KEY", "WRITTEN", "kind", "abbreviation"]

NON_PARTY = frozenset((STATE, UNION, FRONT))
ALL_SYSTEMS = NON_PARTY | {PARTY}


@dataclass(frozen=True)
class Kind:
    key: str  # the clerk's word in YAML ('loai')
    name: str  # the tên loại in running text ("Kế hoạch"); IN HOA in the title
    abbr: str  # NĐ 30 Phụ lục III; "" for công văn and for a kind it does not list
    template: str  # the decree's Mẫu it follows ("1.4")
    layout: str = "muc"  # see the module docstring
    party_abbr: str | None = None  # the Party's abbreviation when it differs (QĐ 399, SECONDARY ONLY)
    enacting: str | None = None  # the line closing a state preamble: "QUYẾT ĐỊNH:" (Mẫu 1.2), "QUYẾT NGHỊ:" (1.1)
    subject: bool = True  # a trích yếu (Mẫu 1.8, 1.10 have none)
    dated: bool = True  # a place and date line in the header (Mẫu 1.9 has none)
    addressed: str | None = None  # default "Kính gửi": "cap_tren" (tờ trình, báo cáo sent up), "cap_duoi"
    systems: frozenset = NON_PARTY  # the systems that issue it (see ISSUED_BY below)
    written: bool = True  # vanban writes it; False: known to the linter only

    @property
    def title(self) -> str:
        """The tên loại as printed over the trích yếu, IN HOA."""
        return upper_vi(self.name)

    @property
    def is_letter(self) -> bool:
        """A công văn: no tên loại printed, its trích yếu "V/v …" under the number (Mẫu 1.5)."""
        return self.key == "cong_van"

    @property
    def recipients_beside(self) -> bool:
        """Nơi nhận level with the quyền hạn line (Mẫu 1.1–1.8); a biên bản's stands under the signatures."""
        return self.layout != "bien_ban"

    def layout_for(self, system: str) -> str:
        """The layout of this kind in ``system``.

        A Party nghị quyết is not the state's Mẫu 1.1 (a thẩm quyền line, căn cứ, articles): a
        conference's resolution opens with what the committee met about, then "QUYẾT NGHỊ:" and
        its points 1., 2. (the Party's form is not in the reference: as Party resolutions print).
        """
        if system == PARTY and self.key == "nghi_quyet":
            return "so"
        return self.layout

    def abbreviation(self, system: str) -> str:
        """The abbreviation that opens the ký hiệu ("" for a state công văn)."""
        if system == PARTY and self.party_abbr is not None:
            return self.party_abbr
        return self.abbr


# The Party's types under QĐ 399-QĐ/TW (§11.1, CONFIRMED (secondary), lsvn.vn summary): of those
# vanban writes, every one below marked PARTY. Administrative papers (giấy giới thiệu, giấy mời)
# are in its list too. QĐ 66's own list was not read (UNCONFIRMED): the same list is used for
# Party documents of any date (see party.REGULATION_TYPES).
_P = ALL_SYSTEMS
_ONLY_PARTY = frozenset((PARTY,))

KINDS: tuple[Kind, ...] = (
    Kind("nghi_quyet", "Nghị quyết", "NQ", "1.1", "dieu", enacting="QUYẾT NGHỊ:", systems=_P),
    Kind("quyet_dinh", "Quyết định", "QĐ", "1.2", "dieu", enacting="QUYẾT ĐỊNH:", systems=_P),
    Kind("chi_thi", "Chỉ thị", "CT", "1.4", "so", systems=_P),
    Kind("quy_che", "Quy chế", "QC", "1.4", "dieu", systems=_P),
    Kind("quy_dinh", "Quy định", "QyĐ", "1.4", "dieu", party_abbr="QĐ", systems=_P),
    Kind("thong_cao", "Thông cáo", "TC", "1.4", systems=_P),
    Kind("thong_bao", "Thông báo", "TB", "1.4", systems=_P),
    Kind("huong_dan", "Hướng dẫn", "HD", "1.4", systems=_P),
    Kind("chuong_trinh", "Chương trình", "CTr", "1.4", systems=_P),
    Kind("ke_hoach", "Kế hoạch", "KH", "1.4", systems=_P),
    Kind("phuong_an", "Phương án", "PA", "1.4", systems=_P),
    Kind("de_an", "Đề án", "ĐA", "1.4", systems=_P),
    Kind("bao_cao", "Báo cáo", "BC", "1.4", addressed="cap_tren", systems=_P),
    Kind("bien_ban", "Biên bản", "BB", "1.9", "bien_ban", dated=False, systems=_P),
    Kind("to_trinh", "Tờ trình", "TTr", "1.4", addressed="cap_tren", systems=_P),
    Kind("cong_van", "Công văn", "", "1.5", "so", party_abbr="CV", addressed="cap_duoi", systems=_P),
    # Công điện (Mẫu 1.6): not among the Party's types.
    Kind("cong_dien", "Công điện", "CĐ", "1.6", "so", addressed="cap_duoi"),
    Kind("giay_moi", "Giấy mời", "GM", "1.7", "so", systems=_P),
    Kind("giay_gioi_thieu", "Giấy giới thiệu", "GGT", "1.8", "gioi_thieu", subject=False, systems=_P),
    # The Party's own kinds (QĐ 399): not in NĐ 30 Điều 7, so no state body issues them.
    Kind("ket_luan", "Kết luận", "", "1.4", "so", party_abbr="KL", systems=_ONLY_PARTY),
    Kind("thong_tri", "Thông tri", "", "1.4", "so", party_abbr="TT", systems=_ONLY_PARTY),
    # A competition bloc's covenant, signed by the head of every member (seed 002). Not a tên loại
    # of Phụ lục III, so it has no abbreviation (UNCONFIRMED: the ký hiệu is the bloc's alone, as a
    # công văn's without a unit, "Số: 01/KTĐKTKT"; a clerk may write 'ky_hieu'). Not a Party type.
    Kind("giao_uoc", "Giao ước thi đua", "", "1.4", "so"),
    # Known to the linter only (Phụ lục III, §2.9): vanban does not write them.
    Kind("du_an", "Dự án", "DA", "1.4", written=False, systems=_P),
    Kind("hop_dong", "Hợp đồng", "HĐ", "", written=False),
    Kind("ban_ghi_nho", "Bản ghi nhớ", "BGN", "", written=False),
    Kind("ban_thoa_thuan", "Bản thỏa thuận", "BTT", "", written=False),
    Kind("giay_uy_quyen", "Giấy ủy quyền", "GUQ", "1.4", written=False),
    Kind("giay_nghi_phep", "Giấy nghỉ phép", "GNP", "1.10", subject=False, written=False, systems=_P),
    Kind("phieu_gui", "Phiếu gửi", "PG", "1.4", written=False, systems=_P),
    Kind("phieu_chuyen", "Phiếu chuyển", "PC", "1.4", written=False, systems=_P),
    Kind("phieu_bao", "Phiếu báo", "PB", "1.4", written=False),
    Kind("dieu_le", "Điều lệ", "", "", written=False, systems=_ONLY_PARTY),
)
BY_KEY = MappingProxyType({k.key: k for k in KINDS})
# The kinds a clerk may choose for 'loai', in the table's order.
WRITTEN = MappingProxyType({k.key: k for k in KINDS if k.written})


def kind(key: str) -> Kind:
    return BY_KEY[key]


def abbreviation(key: str, system: str) -> str:
    """The abbreviation of kind ``key`` in the ký hiệu of a document of ``system``."""
    return BY_KEY[key].abbreviation(system)
