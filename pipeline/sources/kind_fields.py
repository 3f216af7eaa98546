"""The keys a clerk writes for the kinds that hold more than sections, for joint documents and the Front.

Declared here and spliced into ``fields`` (one line each there): a tờ trình's proposal
(``de_xuat``), a biên bản's meeting (``cuoc_hop``, NĐ 30 Mẫu 1.9), a giấy giới thiệu's person
(``gioi_thieu``, Mẫu 1.8), the other issuers of a joint document (``lien_tich``), and the kind
of organisation whose forms differ within its system (``loai_to_chuc``).
"""

from __future__ import annotations

from pipeline.i18n import N_
from pipeline.rulebook.kinds import WRITTEN
from pipeline.rulebook.systems import PARTY
from pipeline.sources.schema import Choice, Date, Field, Id, ListOf, Mapping, Text


def type_choices() -> dict[str, str]:
    """'loai': each kind with its abbreviation(s) and the systems that issue it (rulebook.kinds)."""
    out = {}
    for key, kind in WRITTEN.items():
        abbr = kind.abbr or "không có chữ viết tắt"
        party = kind.abbreviation(PARTY)
        if PARTY not in kind.systems:
            note = f"{abbr}; đảng không ban hành"
        elif len(kind.systems) == 1:
            note = f"chỉ đảng ban hành, {party}"
        else:
            note = abbr if party == kind.abbr else f"{abbr}; đảng: {party}"
        out[key] = f"{kind.name} ({note})"
    return out

ORGANISATION_KINDS = {
    "dang_bo_co_so": "đảng bộ cơ sở (đảng ủy cơ sở): ban hành theo danh mục của QĐ 399-QĐ/TW cho cấp cơ sở",
    "chi_bo": "chi bộ (cơ sở hoặc trực thuộc): không ban hành quy định, hướng dẫn (QĐ 399-QĐ/TW)",
    "mttq": "Ủy ban Mặt trận Tổ quốc Việt Nam (mặc định của hệ thống mat_tran)",
    "doan_thanh_nien": "Đoàn TNCS Hồ Chí Minh: tiêu đề 'ĐOÀN TNCS HỒ CHÍ MINH', dấu *** dưới tên (HD 29-HD/TWĐTN-VP)",
    "hoi_phu_nu": "Hội Liên hiệp Phụ nữ Việt Nam",
    "hoi_nong_dan": "Hội Nông dân Việt Nam",
    "hoi_cuu_chien_binh": "Hội Cựu chiến binh Việt Nam",
}
ORGANISATION = Field("loai_to_chuc", Choice(ORGANISATION_KINDS, "Loại tổ chức, khi thể thức hoặc thẩm quyền ban hành "
                                                                "khác trong cùng hệ thống."))

PERSON = Mapping("nguoi", [
    Field("ho_ten", Text("Họ và tên, không kèm học hàm, học vị. Chưa rõ thì ghi Nguyễn Văn A.", "Nguyễn Văn A",
                         max_length=80), required=True),
    Field("chuc_vu", Text("Chức vụ (ví dụ Chánh Văn phòng).", "Chánh Văn phòng", max_length=160)),
], "Một người được nêu tên trong văn bản.")

MEETING = Mapping("cuoc_hop", [
    Field("bat_dau", Text("Thời gian bắt đầu, như in (ví dụ 08 giờ 00, ngày 20/9/2024).", "08 giờ 00, ngày 20/9/2024",
                          max_length=120, placeholders=True), required=True),
    Field("dia_diem", Text("Địa điểm cuộc họp.", "Hội trường Sở Tài nguyên và Môi trường", max_length=300,
                           placeholders=True), required=True),
    Field("thanh_phan", ListOf(Text(max_length=300, placeholders=True), "Thành phần tham dự, mỗi mục một dòng.",
                               min_items=1), required=True),
    Field("chu_tri", PERSON, required=True),
    Field("thu_ky", PERSON, required=True),
    Field("ket_thuc", Text("Thời gian kết thúc, như in (ví dụ 11 giờ 00 cùng ngày).", "11 giờ 00 cùng ngày",
                           max_length=120, placeholders=True), required=True),
], "Biên bản (NĐ 30, Mẫu 1.9): thời gian, địa điểm, thành phần, chủ trì và thư ký (hai người ký biên bản).")

INTRODUCTION = Mapping("gioi_thieu", [
    Field("nguoi", PERSON, required=True),
    Field("den", Text("Được cử đến (cơ quan, tổ chức nhận giấy).", "Sở Nội vụ tỉnh Yên Bái", max_length=300,
                      placeholders=True), required=True),
    Field("ve_viec", Text("Về việc.", "Liên hệ công tác thi đua, khen thưởng", max_length=500, placeholders=True),
          required=True),
    Field("co_gia_tri_den", Date("Giấy có giá trị đến hết ngày (dd/mm/yyyy).")),
], "Giấy giới thiệu (NĐ 30, Mẫu 1.8): người được giới thiệu, được cử đến đâu, về việc gì, đến ngày nào.")

CO_ISSUER = Mapping("lien_tich", [
    Field("co_quan", Id("Mã cơ quan cùng ban hành.", "ldld-tinh"), required=True),
    Field("nguoi_ky", Id("Mã người ký của cơ quan đó; mặc định người đầu tiên.")),
], "Một cơ quan cùng ban hành văn bản liên tịch.")

OWN_FIELDS = [
    Field("lien_tich", ListOf(CO_ISSUER, "Văn bản liên tịch: các cơ quan cùng ban hành với 'co_quan' (cơ quan chủ trì, "
                                         "giữ số), theo thứ tự in ở tiêu đề và ký.", min_items=1, max_items=7)),
]

CONTENT_FIELDS = [
    Field("de_xuat", ListOf(Text(max_length=5000, placeholders=True),
                            "Tờ trình: các đề xuất, kiến nghị; in thành mục cuối, sau đó là câu kính trình.")),
    Field("cuoc_hop", MEETING),
    Field("gioi_thieu", INTRODUCTION),
]

# For messages: the keys a kind needs, and the kinds that use a key.
NEEDED = {"bien_ban": "cuoc_hop", "giay_gioi_thieu": "gioi_thieu"}
ONLY_FOR = {"cuoc_hop": ("bien_ban",), "gioi_thieu": ("giay_gioi_thieu",), "de_xuat": ("to_trinh",)}
NEEDED_HINT = N_("viết '{key}:' cho {kind}")
NEEDED_KEYS = {"cuoc_hop": "bat_dau, dia_diem, thanh_phan, chu_tri, thu_ky, ket_thuc",
               "gioi_thieu": "nguoi, den, ve_viec"}
