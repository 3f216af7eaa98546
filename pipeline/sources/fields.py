"""What a clerk may write in each kind of source file, declared once.

Two kinds of file live under ``data/``: the organisation registry
(``to-chuc.yaml``: bodies and competition blocs) and campaigns
(``chien-dich/*.yaml``). Keys are the clerks' own words without diacritics
(trich_yeu, noi_nhan, nguoi_ky, can_cu…); each description says in Vietnamese
what to write. ``vanban schema`` prints these declarations as JSON Schema.
"""

from __future__ import annotations

from pipeline.i18n import N_
from pipeline.sources import kind_fields
from pipeline.sources.schema import (
    ID_PATTERN,
    Boolean,
    Cell,
    Choice,
    Date,
    Field,
    Id,
    Integer,
    Lazy,
    ListOf,
    ListOr,
    MapOf,
    Mapping,
    Text,
    TextOr,
    TextOrNumber,
)
from pipeline.vietnamese.format import SCHEME_KINDS

SYSTEMS = {
    "nha_nuoc": "cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)",
    "cong_doan": "tổ chức công đoàn (thể thức như nhà nước, theo QĐ 933/QĐ-TLĐ)",
    "dang": "cơ quan, tổ chức đảng (Hướng dẫn 36-HD/VPTW; từ 27/5/2026 Hướng dẫn 05-HD/VPTW)",
    "mat_tran": "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội (Nghị định 30, HD 91/HD-MTTW-BTT)",
}
TYPES = kind_fields.type_choices()
URGENCY = {"KHẨN": "khẩn", "THƯỢNG KHẨN": "thượng khẩn", "HỎA TỐC": "hỏa tốc"}
SECRECY = {"MẬT": "mật", "TỐI MẬT": "tối mật", "TUYỆT MẬT": "tuyệt mật"}
# The roles a body plays at its level, named in text as {{ noi_vu }} and in assignments as
# 'vai_tro: noi_vu': each document prints its own level's body for the role (issue: a commune
# plan must not say "Sở Nội vụ"). The registry says who plays which role, by level
# ('vai_tro' at the top of to-chuc.yaml) or for one body ('vai_tro' of that body).
ROLES = {
    "noi_vu": "cơ quan nội vụ (Sở Nội vụ; Phòng Nội vụ cấp huyện; Văn phòng HĐND và UBND xã)",
    "thi_dua": "cơ quan thường trực Hội đồng Thi đua - Khen thưởng",
    "hoi_dong_thi_dua": "Hội đồng Thi đua - Khen thưởng",
    "van_phong": "văn phòng của cơ quan (Văn phòng UBND, Văn phòng Sở, Văn phòng Đảng ủy…)",
    "tai_chinh": "tài chính, bố trí kinh phí",
    "van_hoa": "văn hóa, thông tin, tuyên truyền",
    "xay_dung": "xây dựng, hạ tầng, công trình",
    "giao_duc": "giáo dục và đào tạo",
    "y_te": "y tế",
    "cong_an": "công an",
    "quan_su": "quân sự",
    "truyen_thong": "trung tâm truyền thông, đài phát thanh, trang thông tin điện tử",
    "cap_uy": "cấp ủy đảng cùng cấp (Tỉnh ủy, Huyện ủy, Đảng ủy xã)",
    "tuyen_giao": "ban tuyên giáo (và dân vận) của cấp ủy cùng cấp",
    "hdnd": "Thường trực Hội đồng nhân dân cùng cấp",
    "mttq": "Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp",
    "doan_the": "Ủy ban MTTQ và các tổ chức chính trị - xã hội cùng cấp",
    "chuyen_doi_so": "khoa học, công nghệ và chuyển đổi số (Sở Khoa học và Công nghệ; ở xã: phòng được giao)",
    "cong_doan": "tổ chức công đoàn cùng cấp (Liên đoàn Lao động)",
    "doan_thanh_nien": "Đoàn Thanh niên Cộng sản Hồ Chí Minh cùng cấp",
    "phu_nu": "Hội Liên hiệp Phụ nữ cùng cấp",
    "nong_dan": "Hội Nông dân cùng cấp",
    "cuu_chien_binh": "Hội Cựu chiến binh cùng cấp",
}
ROLE_VALUE = N_("tên cơ quan giữ vai trò ở cấp đó như in trong văn bản (ví dụ Phòng Nội vụ), hoặc mã của một "
                "cơ quan trong danh mục")
AUTHORITY_PATTERN = r"(TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T/L) \S.*"
CODE_PATTERN = r"[^\s/,;]{1,30}"
CODE_HINT = N_("chữ viết tắt không có dấu cách, '/' hay ',' (ví dụ PNV, VP)")

# --- registry -------------------------------------------------------------------

PATH_HINT = "đường dẫn tương đối thì tính từ thư mục của tệp danh mục này"
KEY = Mapping("khoa", [
    Field("tep_p12", Text("Tệp khóa PKCS#12 (.p12, .pfx) để ký; phải để NGOÀI thư mục data/ (" + PATH_HINT + ").",
                          "/etc/vanban/khoa/nguoi-ky.p12", max_length=500)),
    Field("thu_vien_pkcs11", Text("Thiết bị ký (token USB): đường dẫn thư viện PKCS#11 của nhà cung cấp "
                                  "(ví dụ /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so).", max_length=500)),
    Field("khe", Integer("Thiết bị ký: số thứ tự của khe (slot) chứa token trong danh sách khe của thư viện, "
                         "0 là khe đầu tiên.", minimum=0, example=0)),
    Field("nhan", Text("Thiết bị ký: nhãn (label) của khóa và chứng thư trên token.", "nguoi-ky", max_length=120)),
    Field("bien_mat_khau", Text("Tên biến môi trường chứa mật khẩu tệp khóa hoặc mã PIN (mặc định VANBAN_MAT_KHAU); "
                                "không bao giờ ghi mật khẩu vào tệp nguồn. Không đặt biến thì lệnh ký hỏi mật khẩu.",
                                "VANBAN_MAT_KHAU", max_length=64, pattern=r"[A-Z_][A-Z0-9_]*",
                                pattern_hint=N_("tên biến môi trường viết HOA, ví dụ VANBAN_MAT_KHAU"))),
], "Khóa ký số: hoặc tệp PKCS#12 (tep_p12), hoặc thiết bị ký PKCS#11 (thu_vien_pkcs11, khe, nhan).")

PERSONAL_SIGNATURE = Mapping("ky_so_nguoi_ky", [
    Field("anh_chu_ky", Text("Ảnh chữ ký tay của người ký: PNG nền trong suốt, màu xanh (" + PATH_HINT + ").",
                             "ky-so/chu-ky-chu-tich.png", max_length=500), required=True),
    Field("khoa", KEY, required=True),
], "Chữ ký số của người ký (NĐ 30, Phụ lục I): ảnh chữ ký đặt giữa chức vụ và họ tên.")

ORGANISATION_SIGNATURE = Mapping("ky_so_co_quan", [
    Field("anh_dau", Text("Ảnh con dấu của cơ quan: PNG nền trong suốt, màu đỏ, kích thước thật (" + PATH_HINT + ").",
                          "ky-so/dau.png", max_length=500), required=True),
    Field("co_dau", Integer("Đường kính con dấu, mm (để in đúng kích thước thật); bỏ trống thì tính từ độ phân giải "
                            "(DPI) ghi trong ảnh.", minimum=10, maximum=80, example=36)),
    Field("khoa", KEY, required=True),
], "Chữ ký số của cơ quan (NĐ 30, Phụ lục I): ảnh dấu trùm 1/3 ảnh chữ ký bên trái; phụ lục tách tệp "
   "ký ở góc trên bên phải trang đầu.")

SIGNING_POLICY = Mapping("ky_so", [
    Field("goc_tin_cay", ListOf(Text(max_length=500), "Các chứng thư gốc (PEM hoặc DER) mà cơ quan tin cậy; "
                                "chữ ký phải chuỗi về một trong các chứng thư này (" + PATH_HINT + ").",
                                min_items=1, single_ok=True), required=True),
    Field("tem_thoi_gian", Text("Địa chỉ máy chủ cấp dấu thời gian (TSA, RFC 3161), bắt buộc cho PAdES B-T.",
                                "http://tsa.example.vn/tsa", max_length=500, pattern=r"https?://\S+",
                                pattern_hint=N_("địa chỉ bắt đầu bằng http:// hoặc https://"))),
    Field("danh_sach_thu_hoi", ListOf(Text(max_length=500), "Các danh sách chứng thư bị thu hồi (CRL) đã tải về; "
                                      "có thì chữ ký kèm thông tin thu hồi (PAdES B-LT).", single_ok=True)),
    Field("lay_thu_hoi_qua_mang", Boolean("true: lấy CRL/OCSP qua mạng khi ký (PAdES B-LT) nếu máy có mạng.")),
], "Thiết lập ký số chung của cơ quan: chứng thư gốc tin cậy, máy chủ dấu thời gian, danh sách thu hồi.")

SIGNER = Mapping("nguoi_ky", [
    Field("ma", Id("Mã người ký, để văn bản chỉ đến (ví dụ chu-tich).", "chu-tich"), required=True),
    Field("ho_ten", Text("Họ và tên người ký, không kèm học hàm, học vị. Chưa rõ thì ghi Nguyễn Văn A.",
                         "Nguyễn Văn A", max_length=80), required=True),
    Field("chuc_vu", Text("Chức vụ in dưới quyền hạn, viết thường (ví dụ Chủ tịch, Phó Chủ tịch).",
                          "Phó Chủ tịch", max_length=120), required=True),
    Field("quyen_han", ListOf(Text(max_length=160, pattern=AUTHORITY_PATTERN,
                                   pattern_hint=N_("quyền hạn bắt đầu bằng TM., KT., Q., TL., TUQ. (đảng: T/M, K/T, T/L)")),
                              "Dòng quyền hạn ký trên chức vụ, ví dụ 'TM. Ủy ban nhân dân' hoặc 'KT. Chủ tịch'; "
                              "nhiều dòng thì viết danh sách. Bỏ trống nếu người đứng đầu ký trực tiếp.",
                              max_items=3, single_ok=True)),
    Field("ky_so", PERSONAL_SIGNATURE),
], "Một người có thẩm quyền ký văn bản của cơ quan.")

DRAFTING_UNIT = Mapping("don_vi_soan_thao", [
    Field("ma", Text("Chữ viết tắt của đơn vị soạn thảo, in ở dòng 'Lưu: VT, …' (ví dụ PNV).", "PNV",
                     pattern=CODE_PATTERN, pattern_hint=CODE_HINT), required=True),
    Field("ten", Text("Tên đơn vị soạn thảo.", "Phòng Nội vụ", max_length=200), required=True),
], "Một đơn vị (phòng, ban) soạn thảo văn bản của cơ quan.")

def _role_fields() -> list[Field]:
    return [Field(role, Text(f"Vai trò {role}: {meaning}. Ghi {ROLE_VALUE}; {{{{ cap }}}} là tên cấp của cơ quan "
                             "(huyện, xã…).", max_length=200, placeholders=True)) for role, meaning in ROLES.items()]


BODY_ROLES = Mapping("vai_tro_co_quan", _role_fields(),
                     "Các vai trò do cơ quan này tự quy định, thay cho bảng vai trò theo cấp (ví dụ xã giao "
                     "thường trực thi đua cho Phòng Văn hóa - Xã hội): vai trò: tên cơ quan.")

LIST_ENDS = {";": "dấu chấm phẩy (Nghị định 30; mặc định)",
             ",": "dấu phẩy, như văn bản của cơ quan đảng vẫn viết (chỉ cơ quan đảng)"}

NAME_LINES = ListOf(Text(max_length=120), "Tên cơ quan in ở tiêu đề, IN HOA, đúng như con dấu; "
                    "nhiều dòng thì viết danh sách, mỗi dòng một mục.", min_items=1, max_items=4, single_ok=True)

BODY = Mapping("co_quan", [
    Field("ma", Id("Mã cơ quan, dùng để các văn bản và cơ quan khác chỉ đến.", "ubnd-huyen-tram-tau"), required=True),
    Field("he_thong", Choice(SYSTEMS, "Hệ thống của cơ quan, quyết định thể thức văn bản."), required=True),
    Field("ten", NAME_LINES, required=True),
    Field("ten_day_du", Text("Tên đầy đủ, viết thường, dùng khi trích dẫn (ví dụ Ủy ban nhân dân huyện Trạm Tấu).",
                             "Ủy ban nhân dân huyện Trạm Tấu", max_length=200), required=True),
    Field("ten_ngan", Text("Tên ngắn dùng trong 'Nơi nhận' (ví dụ UBND huyện Trạm Tấu).", "UBND huyện Trạm Tấu",
                           max_length=120), required=True),
    Field("ten_chu_quan", Text("Tên in ở dòng đầu tiêu đề khi cơ quan này là cơ quan chủ quản của cơ quan khác, "
                               "IN HOA, được viết tắt (ví dụ UBND TỈNH YÊN BÁI).", "UBND TỈNH YÊN BÁI", max_length=120)),
    Field("cap_tren", Id("Mã cơ quan cấp trên trực tiếp: nhận văn bản 'để b/c' và là gốc của cây tổ chức.")),
    Field("chu_quan", Id("Mã cơ quan chủ quản in ở dòng đầu tiêu đề (bỏ trống nếu không in, như UBND huyện).")),
    Field("cap", Text("Cấp của cơ quan, để chọn khi triển khai hàng loạt (ví dụ tinh, huyen, xa, so).", "huyen",
                      max_length=40, pattern=r"[a-z0-9_-]+", pattern_hint=N_("chữ thường không dấu"))),
    Field("nhom_nhan", Text("Tên chung khi liệt kê cùng các cơ quan ngang cấp ở 'Nơi nhận' "
                            "(ví dụ UBND các huyện, thị xã, thành phố).", "UBND các huyện, thị xã, thành phố",
                            max_length=200)),
    Field("dia_ban", Text("Địa bàn của cơ quan, thay vào chỗ {{ dia_ban }} trong nội dung (ví dụ huyện Trạm Tấu).",
                          "huyện Trạm Tấu", max_length=120), required=True),
    Field("dia_danh", Text("Địa danh ở dòng ngày tháng (ví dụ Trạm Tấu).", "Trạm Tấu", max_length=80), required=True),
    Field("ky_hieu", Text("Chữ viết tắt tên cơ quan trong ký hiệu văn bản (ví dụ UBND trong KH-UBND).", "UBND",
                          pattern=CODE_PATTERN, pattern_hint=CODE_HINT), required=True),
    Field("don_vi_soan_thao", ListOf(DRAFTING_UNIT, "Các đơn vị soạn thảo của cơ quan.")),
    Field("nguoi_ky", ListOf(SIGNER, "Những người ký văn bản của cơ quan; người đầu tiên ký khi văn bản không chỉ định.",
                             min_items=1), required=True),
    Field("cap_duoi_chung", ListOf(Text(max_length=200), "Tên chung của các đơn vị cấp dưới không có trong danh mục, "
                                   "dùng ở 'Kính gửi' và 'Nơi nhận' (ví dụ Công đoàn cơ sở trực thuộc).")),
    Field("nhiem_ky_tu", Date("Cơ quan đảng: ngày bắt đầu nhiệm kỳ cấp ủy, để đánh số văn bản theo nhiệm kỳ.")),
    Field("vai_tro", BODY_ROLES),
    Field("ky_so", ORGANISATION_SIGNATURE),
    kind_fields.ORGANISATION,
    # How this body writes its numbers and lines (issue 13): agencies differ, the register does not.
    Field("so_chu_so", Integer("Số chữ số tối thiểu khi in số văn bản của cơ quan, ví dụ 4: 'Số: 0124/KH-UBND' "
                               "(sổ đăng ký vẫn cấp số 124, in Sổ đăng ký cũng như vậy). Mặc định 2: số dưới 10 "
                               "thêm số 0 (Nghị định 30).", minimum=2, maximum=6, example=4)),
    Field("noi_nhan_cap_tren", Text("Dòng 'Nơi nhận' gửi cấp trên để báo cáo, như cơ quan vẫn viết (ví dụ "
                                    "Thường trực LĐLĐ tỉnh (B.c)); mặc định '<tên ngắn của cấp trên> (để b/c)'.",
                                    "Thường trực LĐLĐ tỉnh (B.c)", max_length=200)),
    Field("dau_noi_nhan", Choice(LIST_ENDS, "Dấu cuối mỗi dòng 'Nơi nhận' và 'Kính gửi' (trừ dòng cuối).")),
], "Một cơ quan, tổ chức trong danh mục.")

BLOC = Mapping("khoi_thi_dua", [
    Field("ma", Id("Mã khối thi đua.", "khoi-kinh-te-ky-thuat"), required=True),
    Field("ten", NAME_LINES, required=True),
    Field("ten_day_du", Text("Tên đầy đủ của khối, viết thường.", max_length=200), required=True),
    Field("ten_ngan", Text("Tên ngắn dùng trong 'Nơi nhận'.", max_length=120), required=True),
    Field("chu_quan", Id("Mã cơ quan chủ quản in ở dòng đầu tiêu đề (thường là UBND tỉnh).")),
    Field("cap_tren", Id("Mã cơ quan mà khối báo cáo lên (nhận văn bản 'để b/c').")),
    Field("dia_ban", Text("Địa bàn, thay vào {{ dia_ban }}.", max_length=120), required=True),
    Field("dia_danh", Text("Địa danh ở dòng ngày tháng.", max_length=80), required=True),
    Field("ky_hieu", Text("Chữ viết tắt của khối trong ký hiệu văn bản.", pattern=CODE_PATTERN, pattern_hint=CODE_HINT),
          required=True),
    Field("thanh_vien", ListOf(Id("Mã cơ quan thành viên."), "Các cơ quan thành viên của khối.", min_items=1),
          required=True),
    Field("truong_khoi", MapOf(r"[0-9]{4}", "năm, ví dụ 2024", Id("Mã cơ quan làm Trưởng khối năm đó."),
                               "Cơ quan Trưởng khối theo từng năm: năm: mã cơ quan."), required=True),
    Field("pho_truong_khoi", MapOf(r"[0-9]{4}", "năm, ví dụ 2024",
                                   ListOf(Id("Mã cơ quan."), single_ok=True),
                                   "Các cơ quan Phó trưởng khối theo từng năm.")),
], "Một khối thi đua: các cơ quan thành viên và Trưởng khối luân phiên theo năm. "
   "Văn bản của khối do Trưởng khối năm đó ký.")

ROLE_TABLE = Mapping("vai_tro", [
    Field("cap", Text("Cấp mà bảng này áp dụng: giá trị 'cap' của các cơ quan (ví dụ tinh, huyen, xa).", "huyen",
                      max_length=40, pattern=r"[a-z0-9_-]+", pattern_hint=N_("chữ thường không dấu")), required=True),
    Field("he_thong", Choice(SYSTEMS, "Chỉ áp dụng cho cơ quan thuộc hệ thống này; bỏ trống: mọi hệ thống.")),
    Field("thuoc", ListOf(Id("Mã cơ quan."), "Chỉ áp dụng cho các cơ quan này và các cơ quan bên dưới chúng (ví dụ "
                          "bảng của một tỉnh: ubnd-tinh-lao-cai); bảng gần nhất được dùng, thay cho bảng chung.",
                          single_ok=True)),
    *_role_fields(),
], "Ai giữ vai trò nào ở một cấp: văn bản của cơ quan cấp đó in tên này khi nội dung gọi vai trò "
   "(ví dụ {{ noi_vu }}, 'vai_tro: noi_vu').")

REGISTRY = Mapping("danh_muc", [
    Field("co_quan", ListOf(BODY, "Các cơ quan, tổ chức.", min_items=1, partial=True), required=True),
    Field("khoi_thi_dua", ListOf(BLOC, "Các khối thi đua.", partial=True)),
    Field("vai_tro", ListOf(ROLE_TABLE, "Bảng vai trò theo cấp: mỗi cấp (và hệ thống) một mục.", partial=True)),
    Field("ky_so", SIGNING_POLICY),
], "Danh mục tổ chức: cơ quan nhà nước, công đoàn, đảng và khối thi đua.")

# --- campaigns --------------------------------------------------------------------

LEVEL_CODE = Text(max_length=40, pattern=r"[a-z0-9_-]+", pattern_hint=N_("chữ thường không dấu"))

# Text for some levels or systems only: a province-only paragraph, a Party-only task.
FILTERS = [
    Field("chi_cap", ListOf(LEVEL_CODE, "Chỉ in ở văn bản của cơ quan các cấp này (giá trị 'cap' trong danh mục, "
                            "ví dụ tinh, huyen, xa).", single_ok=True)),
    Field("tru_cap", ListOf(LEVEL_CODE, "Không in ở văn bản của cơ quan các cấp này.", single_ok=True)),
    Field("chi_he_thong", ListOf(Choice(SYSTEMS), "Chỉ in ở văn bản của cơ quan các hệ thống này.", single_ok=True)),
    Field("tru_he_thong", ListOf(Choice(SYSTEMS), "Không in ở văn bản của cơ quan các hệ thống này.",
                                 single_ok=True)),
]
USE = Field("dung", Id("Dùng khối văn bản chung có mã này (khai báo ở 'khoi_chung' của chiến dịch hoặc trong "
                       "data/khoi-chung/); không viết cùng nội dung khác.", "muc-dich-yeu-cau"))
PARAGRAPH_TEXT = Text(max_length=10000, placeholders=True)
PARAGRAPH = TextOr(PARAGRAPH_TEXT, Mapping("doan_van", [
    Field("noi_dung", Text("Đoạn văn; *chữ nghiêng*, **chữ đậm**.", max_length=10000, placeholders=True)),
    USE,
    *FILTERS,
], "Một đoạn văn chỉ in ở một số cấp (chi_cap, tru_cap…), hoặc lấy từ khối văn bản chung (dung)."),
    "Một đoạn văn: chữ, hoặc nhóm khóa {noi_dung: …, chi_cap: […]} hay {dung: <mã khối>}.")


def paragraphs(description: str) -> ListOf:
    return ListOf(PARAGRAPH, description)


# --- numbering and tables ------------------------------------------------------------------

SCHEME_HINT = "; ".join(f"{label} ({meaning})" for label, meaning in SCHEME_KINDS.items())


def numbering(description: str) -> ListOf:
    return ListOf(Text(max_length=120), description + " Nhãn dùng được: " + SCHEME_HINT + ".", single_ok=True,
                  max_items=8)


SECTION_NUMBER = Field("so_thu_tu", TextOrNumber(
    "Số thứ tự của mục, giữ đúng như người soạn ghi (ví dụ 7, IV, e); các mục sau đếm tiếp từ số này.",
    "7", max_length=12))

TABLE_CELL = Mapping("o_bang", [
    Field("noi_dung", TextOrNumber("Chữ trong ô; xuống dòng trong ô thì viết nhiều dòng (dấu '|').",
                                   max_length=2000, placeholders=True), required=True),
    Field("gop_cot", Integer("Ô này chiếm mấy cột (gộp ô theo chiều ngang); mặc định 1.", minimum=1, maximum=20)),
    Field("gop_dong", Integer("Ô này chiếm mấy dòng (gộp ô theo chiều dọc); các dòng dưới bỏ ô ở cột này.",
                              minimum=1, maximum=500)),
], "Một ô gộp: {noi_dung: …, gop_cot: 2} (hai cột) hoặc {noi_dung: …, gop_dong: 3} (ba dòng).")
CELL = Cell(TextOrNumber(max_length=2000, placeholders=True), TABLE_CELL,
            "Một ô: chữ, số, hoặc {noi_dung: …, gop_cot: …, gop_dong: …} cho ô gộp.")
CELLS = ListOf(CELL, "Các ô của một dòng, theo thứ tự các cột.", min_items=1, max_items=20)
GROUP_ROW = Mapping("dong_nhom", [
    Field("nhom", Text("Tên nhóm, in đậm trên cả dòng (ví dụ I. CÁC XÃ, THỊ TRẤN).", max_length=300,
                       placeholders=True), required=True),
], "Một dòng nhóm: một ô chữ đậm trải hết các cột.")
ROW = ListOr(CELLS, GROUP_ROW, "Một dòng của bảng: danh sách các ô [STT, nội dung, …], hoặc {nhom: …}.")
COLUMN = TextOr(Text(max_length=200), Mapping("cot_bang", [
    Field("ten", Text("Tên cột, in ở dòng tiêu đề của bảng.", "Nội dung", max_length=200), required=True),
    Field("rong", Integer("Độ rộng cột, mm; cột không ghi chia nhau phần còn lại (vùng trình bày rộng 165 mm).",
                          minimum=5, maximum=400, example=15)),
    Field("can", Choice({"trai": "căn trái", "giua": "căn giữa", "phai": "căn phải"},
                        "Căn chữ trong cột; mặc định căn giữa khi mọi ô đều ngắn (STT, số), còn lại căn trái.")),
], "Một cột: tên, độ rộng, cách căn chữ."), "Một cột: tên cột, hoặc {ten: …, rong: …, can: …}.")

TABLE = Mapping("bang", [
    Field("tieu_de", Text("Tên bảng, in đậm, căn giữa phía trên bảng.", max_length=300, placeholders=True)),
    Field("cot", ListOf(COLUMN, "Các cột, từ trái sang phải: tên cột (và độ rộng, mm).", min_items=1,
                        max_items=20), required=True),
    Field("dau_bang", ListOf(CELLS, "Các dòng tiêu đề khi cần gộp ô (ví dụ 'Cơ quan thực hiện' trên hai cột "
                             "'Chủ trì', 'Phối hợp'); mặc định một dòng gồm tên các cột. Lặp lại ở đầu mỗi trang.",
                             min_items=1, max_items=4)),
    Field("dong", ListOf(ROW, "Các dòng của bảng, mỗi dòng một danh sách ô theo thứ tự các cột.", min_items=1,
                         max_items=2000), required=True),
], "Một bảng: dòng tiêu đề lặp lại ở đầu mỗi trang, chữ cỡ 13 (nội dung văn bản: 13–14, Nghị định 30).")

SECTION = Mapping("muc", [
    Field("tieu_de", Text("Tên mục; số thứ tự (I., 1., a)…) được thêm tự động.", "Mục đích", max_length=400,
                          placeholders=True)),
    Field("cung_dong", Text("Nội dung viết tiếp sau tên mục trên cùng dòng, sau dấu ':'.", max_length=5000,
                            placeholders=True)),
    Field("doan", paragraphs("Các đoạn văn của mục; *chữ nghiêng*, **chữ đậm**.")),
    Field("bang", TABLE),
    Field("muc", ListOf(Lazy(lambda: SECTION), "Các mục con.")),
    SECTION_NUMBER,
    Field("danh_so", numbering("Cách đánh số các mục con của mục này, từ cấp ngay dưới trở xuống, nếu khác cả văn "
                               "bản: nhãn của mục đầu mỗi cấp, ví dụ '1.1. / a) / -' (văn bản mẫu 003: 7.1. dưới 7.).")),
    USE,
    *FILTERS,
], "Một mục của nội dung văn bản. Mục không có tên thì số thứ tự đứng đầu đoạn văn đầu tiên.")

REPORT = Mapping("bao_cao", [
    Field("viec", Text("Việc gửi về, viết hoa chữ đầu (mặc định 'Báo cáo kết quả thực hiện').",
                       "Gửi đăng ký công trình, phần việc", max_length=300, placeholders=True)),
    Field("qua", Choice(ROLES, "Gửi qua cơ quan giữ vai trò này ở cấp của văn bản (ví dụ noi_vu).")),
    Field("han", Date("Hạn gửi; mặc định hạn (han) của văn bản. Có thể tính từ ngày khác, ví dụ "
                      "'5 ngày làm việc trước han_cha'.", relative=True)),
], "Dòng báo cáo về cơ quan ban hành văn bản, do chương trình viết: '<việc> về <cơ quan ban hành> "
   "(qua <cơ quan>) trước ngày <hạn>.'")

ASSIGNMENT = Mapping("giao_viec", [
    Field("vai_tro", Choice(ROLES, "Giao cho cơ quan giữ vai trò này ở cấp của văn bản; văn bản cấp dưới tự "
                                   "đổi sang cơ quan của cấp mình.")),
    Field("co_quan", Id("Giao cho đúng cơ quan này trong danh mục (chỉ đúng ở một cấp).")),
    Field("cap_duoi", Boolean("true: giao cho các cơ quan cấp dưới của cơ quan ban hành (tên lấy từ danh mục).")),
    Field("dong_tu", Text("Từ mở đầu thay cho từ tự chọn ('Giao' cho đơn vị thuộc cơ quan ban hành, 'Đề nghị' "
                          "cho cơ quan khác); để trống thì không có từ mở đầu.", "Giao", max_length=40)),
    Field("tieu_de", Text("Tên mục thay cho tên tự tạo ('<Giao|Đề nghị> <cơ quan>'); dùng được chỗ điền, "
                          "ví dụ 'Giao {{ van_hoa }} chủ trì'.", max_length=400, placeholders=True)),
    Field("ghi_chu", Text("Ghi chú trong ngoặc sau tên cơ quan, ví dụ 'cơ quan Thường trực Hội đồng Thi đua - "
                          "Khen thưởng {{ cap }}'.", max_length=300, placeholders=True)),
    Field("cung_dong", Text("Nhiệm vụ viết tiếp sau tên mục trên cùng dòng, sau dấu ':'.", max_length=5000,
                            placeholders=True)),
    Field("doan", paragraphs("Các đoạn nhiệm vụ.")),
    Field("muc", ListOf(SECTION, "Các nhiệm vụ con (a), b)…).")),
    Field("bao_cao", REPORT),
    USE,
    *FILTERS,
], "Một việc giao trong phần Tổ chức thực hiện: cho ai (vai_tro, co_quan hoặc cap_duoi), việc gì, "
   "báo cáo về đâu, trước ngày nào.")

CITATION = Mapping("trich_dan", [
    Field("cach", Choice({"rieng": "một đoạn riêng 'Thực hiện …' (mặc định)",
                          "gop": "ghép vào đầu đoạn mở đầu thứ nhất: 'Thực hiện …, <đoạn mở đầu>'"},
                         "Cách trích dẫn văn bản cấp trên.")),
    Field("ve", Boolean("false: không thêm 'về' trước trích yếu của văn bản được trích dẫn.")),
    Field("ngay", Choice({"ngan": "30/8/2024 (mặc định)", "dai": "ngày 30 tháng 8 năm 2024"},
                         "Cách viết ngày của văn bản được trích dẫn.")),
], "Cách trích dẫn văn bản cấp trên và các căn cứ.")

APPENDIX = Mapping("phu_luc", [
    Field("tieu_de", Text("Tên phụ lục, in HOA ở đầu phụ lục.", "Danh sách công trình đăng ký", max_length=300,
                          placeholders=True), required=True),
    Field("bang", TABLE),
    Field("noi_dung", ListOf(SECTION, "Nội dung phụ lục (sau bảng, nếu có), chia mục như nội dung văn bản.",
                             min_items=1)),
], "Một phụ lục kèm theo văn bản: trang riêng, đánh số trang riêng; một bảng (bang), các mục (noi_dung), "
   "hoặc cả hai.")

PERIOD = Mapping("thoi_gian", [
    Field("tu", Date("Ngày bắt đầu: dd/mm/yyyy, hoặc tính từ ngày khác (ví dụ '3 ngày làm việc sau ngay').",
                     relative=True), required=True),
    Field("den", Date("Ngày kết thúc: dd/mm/yyyy, hoặc tính từ ngày khác (ví dụ '30 ngày sau ngay').",
                      relative=True), required=True),
], "Thời gian thực hiện.")

SELECTOR = Mapping("trien_khai", [
    Field("cap", Text("Chỉ chọn các cơ quan cấp dưới có 'cap' này (ví dụ huyen).", max_length=40)),
    Field("khoi", Id("Chọn các thành viên của khối thi đua này.")),
    Field("danh_sach", ListOf(Id("Mã cơ quan."), "Chọn đúng các cơ quan này.", min_items=1)),
], "Ban hành hàng loạt: mỗi cơ quan được chọn ban hành một văn bản. Mặc định chọn các cơ quan cấp dưới "
   "của cơ quan ban hành văn bản cha.")

# Fields a child inherits from its parent when it does not set them.
CONTENT_FIELDS = [
    Field("loai", Choice(TYPES, "Tên loại văn bản.")),
    Field("ngay", Date("Ngày ban hành (dd/mm/yyyy). Văn bản chưa ban hành: ngày dự kiến; có thể tính từ ngày của "
                       "văn bản cha, ví dụ '3 ngày làm việc sau ngay_cha' (ngày làm việc: không tính thứ Bảy, "
                       "Chủ nhật, ngày lễ, Tết, ngày nghỉ bù).", relative=True)),
    Field("trich_yeu", Text("Trích yếu nội dung (mọi loại trừ giấy giới thiệu); công văn tự thêm 'V/v'.", max_length=500,
                            placeholders=True)),
    Field("thoi_gian", PERIOD),
    Field("han", Date("Hạn cấp dưới phải gửi đăng ký, báo cáo; phải trước hạn của văn bản cha. Ghi dd/mm/yyyy "
                      "hoặc '<số> ngày [làm việc] trước|sau <mốc>', mốc là ngay, han, ngay_cha, han_cha "
                      "(ví dụ '5 ngày làm việc trước han_cha', '10 ngày sau ngay').", relative=True)),
    Field("can_cu", ListOf(Text(max_length=1000, placeholders=True),
                           "Các căn cứ khác, trích dẫn sau văn bản cha (ví dụ Kế hoạch số 277-KH/ĐUK ngày …).")),
    Field("mo_dau", paragraphs("Các đoạn mở đầu, sau phần căn cứ.")),
    Field("noi_dung", ListOf(SECTION, "Nội dung văn bản, chia thành các mục lồng nhau.")),
    Field("to_chuc_thuc_hien", ListOf(ASSIGNMENT, "Phần Tổ chức thực hiện, in là mục cuối của nội dung: các việc "
                                      "giao. Văn bản cấp dưới cùng hệ thống kế thừa và tự giao lại cho cơ quan của "
                                      "cấp mình; cơ quan hệ thống khác (công đoàn, đảng) hay khối thi đua tự viết.")),
    Field("ket_thuc", paragraphs("Các đoạn kết; đoạn cuối tự thêm './.'.")),
    Field("phu_luc", ListOf(APPENDIX, "Các phụ lục kèm theo; nhiều phụ lục được đánh số I, II, …")),
    Field("tham_quyen_ban_hanh", Text("Quyết định, nghị quyết: thẩm quyền ban hành (ví dụ Chủ tịch Ủy ban nhân dân "
                                      "huyện); đảng: tập thể quyết định (ví dụ Ban Thường vụ); công điện: người, cơ "
                                      "quan điện (ví dụ Chủ tịch Ủy ban nhân dân tỉnh).",
                                      max_length=200, placeholders=True)),
    Field("theo_de_nghi", Text("Quyết định: 'Theo đề nghị của …'.", max_length=300, placeholders=True)),
    Field("do_khan", Choice(URGENCY, "Mức độ khẩn.")),
    Field("do_mat", Choice(SECRECY, "Mức độ mật.")),
    Field("trich_dan", CITATION),
    *kind_fields.CONTENT_FIELDS,
    Field("danh_so", numbering("Cách đánh số các mục của nội dung: nhãn của mục đầu mỗi cấp, từ trên xuống, ví dụ "
                               "'I. / 1. / a) / -' (mặc định của kế hoạch, báo cáo…) hoặc '1. / 1.1. / a) / -' "
                               "(mặc định của công văn, giấy mời).")),
]

OWN_FIELDS = [
    Field("nguoi_ky", Id("Mã người ký trong danh mục của cơ quan ban hành; mặc định người đầu tiên.")),
    Field("so", Integer("Số của văn bản đã ban hành trước khi dùng vanban (ví dụ 188); được ghi vào sổ. "
                        "Văn bản mới thì bỏ trống: số do lệnh vanban issue cấp.", example=188)),
    Field("ky_hieu", Text("Ký hiệu in sau số nếu khác ký hiệu tự tính (ví dụ CĐVC của '38/CĐVC').", max_length=40,
                          pattern=r"[^\s/]+(/[^\s/]+)?", pattern_hint=N_("ký hiệu không có dấu cách"))),
    Field("don_vi_soan_thao", Text("Mã đơn vị soạn thảo (in ở 'Lưu: VT, …').", pattern=CODE_PATTERN,
                                   pattern_hint=CODE_HINT)),
    Field("kinh_gui", ListOf(Text(max_length=300), "Nơi gửi in ở 'Kính gửi:' (công văn, báo cáo, tờ trình; công "
                             "điện: nơi nhận điện); "
                             "mặc định: các đơn vị cấp dưới.")),
    Field("noi_nhan", ListOf(Text(max_length=300), "Các nơi nhận thêm, in ở 'Nơi nhận:' trước dòng 'Lưu'.")),
    Field("bo_noi_nhan_mac_dinh", Boolean("true: chỉ in các nơi nhận viết ở 'noi_nhan' (và 'Lưu').")),
    *kind_fields.OWN_FIELDS,
    Field("nguoi_soan", Text("Ký hiệu người soạn thảo, chữ in hoa, in ở dòng Lưu: '- Lưu: VT, NV (V-10b).'.", "V",
                             max_length=12, pattern=r"[A-ZĐ][A-ZĐ.]{0,11}",
                             pattern_hint=N_("chữ in hoa viết tắt tên người soạn thảo, ví dụ V hoặc NVA"))),
    Field("so_ban", Integer("Số lượng bản phát hành, in ở dòng Lưu sau ký hiệu người soạn thảo: '(V-10b)'.",
                            maximum=9999, example=10)),
    Field("dinh_kem", ListOf(Text(max_length=300), "Tài liệu gửi kèm ở tệp riêng, không in trong văn bản (ví dụ "
                             "'Danh sách khen thưởng, tệp danh-sach-khen-thuong.pdf'): văn bản viết 'danh sách kèm "
                             "theo' mà không có phụ lục thì ghi tài liệu đó ở đây.", single_ok=True)),
]

OVERRIDE = Mapping("rieng", CONTENT_FIELDS + OWN_FIELDS,
                   "Nội dung riêng của một cơ quan trong lần ban hành hàng loạt; ghi đè nội dung chung.")

DOCUMENT = Mapping("van_ban", [
    Field("ma", Id("Mã văn bản, duy nhất trong chiến dịch; dùng làm tên tệp.", "kh-ubnd-tinh"), required=True),
    Field("van_ban_cha", Id("Mã văn bản cấp trên mà văn bản này triển khai; văn bản gốc có thể chỉ một văn bản "
                            "ngoài (van_ban_ngoai) hoặc bỏ trống.")),
    Field("co_quan", Id("Mã cơ quan ban hành (không dùng cùng 'trien_khai').")),
    Field("trien_khai", SELECTOR),
    Field("rieng", MapOf(ID_PATTERN, "mã cơ quan", OVERRIDE, "Nội dung riêng theo từng cơ quan: mã cơ quan: {…}.")),
    *OWN_FIELDS,
    *CONTENT_FIELDS,
], "Một văn bản của chiến dịch. Văn bản con không ghi trường nào thì kế thừa từ văn bản cha, "
   "với các chỗ {{ dia_ban }}… được điền theo cơ quan ban hành.")

BLOCK = Mapping("khoi_chung", [
    Field("ma", Id("Mã khối văn bản chung, để các văn bản 'dung' nó.", "muc-dich-yeu-cau"), required=True),
    Field("muc", ListOf(SECTION, "Khối là các mục (dùng trong noi_dung hoặc muc).")),
    Field("doan", paragraphs("Khối là các đoạn văn (dùng trong doan, mo_dau, ket_thuc).")),
    Field("giao", ListOf(ASSIGNMENT, "Khối là các việc giao (dùng trong to_chuc_thuc_hien).")),
], "Một khối văn bản viết một lần, dùng ở nhiều văn bản; chỗ điền được điền theo từng văn bản. "
   "Có đúng một trong: muc, doan, giao.")

OUTSIDE = Mapping("van_ban_ngoai", [
    Field("ma", Id("Mã để trích dẫn văn bản này (ở can_cu hoặc van_ban_cha).", "qd-2437-ttg"), required=True),
    Field("co_quan", Text("Cơ quan ban hành, như viết khi trích dẫn (ví dụ Thủ tướng Chính phủ).",
                          "Thủ tướng Chính phủ", max_length=200), required=True),
    Field("loai", Text("Tên loại, viết hoa chữ đầu (ví dụ Quyết định, Chỉ thị, Kế hoạch).", "Quyết định",
                       max_length=60), required=True),
    Field("so_ky_hieu", Text("Số và ký hiệu đúng như trên văn bản (ví dụ 2437/QĐ-TTg, 05-CT/TU).", "2437/QĐ-TTg",
                             max_length=60, pattern=r"\S+", pattern_hint=N_("số và ký hiệu không có dấu cách")),
          required=True),
    Field("ngay", Date("Ngày ban hành (dd/mm/yyyy)."), required=True),
    Field("trich_yeu", Text("Trích yếu như trên văn bản.", max_length=500), required=True),
], "Một văn bản ban hành ở nơi khác (không do chiến dịch tạo), để trích dẫn.")

CAMPAIGN = Mapping("chien_dich", [
    Field("ma", Id("Mã chiến dịch: tên thư mục kết quả output/<ma>/.", "thi-dua-dac-biet-2024"), required=True),
    Field("ten", Text("Tên chiến dịch.", max_length=300), required=True),
    Field("van_ban_ngoai", ListOf(OUTSIDE, "Các văn bản ban hành ở nơi khác mà văn bản của chiến dịch trích dẫn.")),
    Field("khoi_chung", ListOf(BLOCK, "Các khối văn bản chung của chiến dịch.")),
    Field("van_ban", ListOf(DOCUMENT, "Các văn bản: một văn bản gốc và các văn bản triển khai.", min_items=1, partial=True),
          required=True),
], "Một chiến dịch (phong trào thi đua): văn bản gốc và các văn bản triển khai xuống các cấp.")

LIBRARY = Mapping("thu_vien", [
    Field("khoi_chung", ListOf(BLOCK, "Các khối văn bản chung, dùng được ở mọi chiến dịch.", min_items=1),
          required=True),
], "Thư viện khối văn bản chung (data/khoi-chung/*.yaml).")

SCHEMAS = {
    "to-chuc": (REGISTRY, "Danh mục tổ chức (vanban)"),
    "chien-dich": (CAMPAIGN, "Chiến dịch văn bản (vanban)"),
    "khoi-chung": (LIBRARY, "Khối văn bản chung (vanban)"),
}
