"""What a clerk may write in each kind of source file, declared once.

Two kinds of file live under ``data/``: the organisation registry
(``to-chuc.yaml``: bodies and competition blocs) and campaigns
(``chien-dich/*.yaml``). Keys are the clerks' own words without diacritics
(trich_yeu, noi_nhan, nguoi_ky, can_cu…); each description says in Vietnamese
what to write. ``vanban schema`` prints these declarations as JSON Schema.
"""

from __future__ import annotations

from pipeline.i18n import N_
from pipeline.model import DOCUMENT_TYPES
from pipeline.sources.schema import (
    ID_PATTERN,
    Boolean,
    Choice,
    Date,
    Field,
    Id,
    Integer,
    Lazy,
    ListOf,
    MapOf,
    Mapping,
    Text,
)

SYSTEMS = {
    "nha_nuoc": "cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)",
    "cong_doan": "tổ chức công đoàn (thể thức như nhà nước, theo QĐ 933/QĐ-TLĐ)",
    "dang": "cơ quan, tổ chức đảng (Hướng dẫn 36-HD/VPTW)",
}
TYPES = {key: f"{name} ({abbr or 'không có chữ viết tắt'})" for key, (name, abbr) in DOCUMENT_TYPES.items()}
URGENCY = {"KHẨN": "khẩn", "THƯỢNG KHẨN": "thượng khẩn", "HỎA TỐC": "hỏa tốc"}
SECRECY = {"MẬT": "mật", "TỐI MẬT": "tối mật", "TUYỆT MẬT": "tuyệt mật"}
AUTHORITY_PATTERN = r"(TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T/L) \S.*"
CODE_PATTERN = r"[^\s/,;]{1,30}"
CODE_HINT = N_("chữ viết tắt không có dấu cách, '/' hay ',' (ví dụ PNV, VP)")

# --- registry -------------------------------------------------------------------

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
], "Một người có thẩm quyền ký văn bản của cơ quan.")

DRAFTING_UNIT = Mapping("don_vi_soan_thao", [
    Field("ma", Text("Chữ viết tắt của đơn vị soạn thảo, in ở dòng 'Lưu: VT, …' (ví dụ PNV).", "PNV",
                     pattern=CODE_PATTERN, pattern_hint=CODE_HINT), required=True),
    Field("ten", Text("Tên đơn vị soạn thảo.", "Phòng Nội vụ", max_length=200), required=True),
], "Một đơn vị (phòng, ban) soạn thảo văn bản của cơ quan.")

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
    Field("truong_khoi", MapOf(r"\d{4}", "năm, ví dụ 2024", Id("Mã cơ quan làm Trưởng khối năm đó."),
                               "Cơ quan Trưởng khối theo từng năm: năm: mã cơ quan."), required=True),
    Field("pho_truong_khoi", MapOf(r"\d{4}", "năm, ví dụ 2024",
                                   ListOf(Id("Mã cơ quan."), single_ok=True),
                                   "Các cơ quan Phó trưởng khối theo từng năm.")),
], "Một khối thi đua: các cơ quan thành viên và Trưởng khối luân phiên theo năm. "
   "Văn bản của khối do Trưởng khối năm đó ký.")

REGISTRY = Mapping("danh_muc", [
    Field("co_quan", ListOf(BODY, "Các cơ quan, tổ chức.", min_items=1), required=True),
    Field("khoi_thi_dua", ListOf(BLOC, "Các khối thi đua.")),
], "Danh mục tổ chức: cơ quan nhà nước, công đoàn, đảng và khối thi đua.")

# --- campaigns --------------------------------------------------------------------

SECTION = Mapping("muc", [
    Field("tieu_de", Text("Tên mục; số thứ tự (I., 1., a)…) được thêm tự động.", "Mục đích", max_length=400,
                          placeholders=True)),
    Field("cung_dong", Text("Nội dung viết tiếp sau tên mục trên cùng dòng, sau dấu ':'.", max_length=5000,
                            placeholders=True)),
    Field("doan", ListOf(Text(max_length=10000, placeholders=True),
                         "Các đoạn văn của mục; *chữ nghiêng*, **chữ đậm**.")),
    Field("muc", ListOf(Lazy(lambda: SECTION), "Các mục con.")),
], "Một mục của nội dung văn bản. Mục không có tên thì số thứ tự đứng đầu đoạn văn đầu tiên.")

APPENDIX = Mapping("phu_luc", [
    Field("tieu_de", Text("Tên phụ lục, in HOA ở đầu phụ lục.", "Danh sách công trình đăng ký", max_length=300,
                          placeholders=True), required=True),
    Field("noi_dung", ListOf(SECTION, "Nội dung phụ lục, chia mục như nội dung văn bản.", min_items=1),
          required=True),
], "Một phụ lục kèm theo văn bản: trang riêng, đánh số trang riêng.")

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
    Field("trich_yeu", Text("Trích yếu nội dung; công văn tự thêm 'V/v'.", max_length=500, placeholders=True)),
    Field("thoi_gian", PERIOD),
    Field("han", Date("Hạn cấp dưới phải gửi đăng ký, báo cáo; phải trước hạn của văn bản cha. Ghi dd/mm/yyyy "
                      "hoặc '<số> ngày [làm việc] trước|sau <mốc>', mốc là ngay, han, ngay_cha, han_cha "
                      "(ví dụ '5 ngày làm việc trước han_cha', '10 ngày sau ngay').", relative=True)),
    Field("can_cu", ListOf(Text(max_length=1000, placeholders=True),
                           "Các căn cứ khác, trích dẫn sau văn bản cha (ví dụ Kế hoạch số 277-KH/ĐUK ngày …).")),
    Field("mo_dau", ListOf(Text(max_length=10000, placeholders=True), "Các đoạn mở đầu, sau phần căn cứ.")),
    Field("noi_dung", ListOf(SECTION, "Nội dung văn bản, chia thành các mục lồng nhau.")),
    Field("ket_thuc", ListOf(Text(max_length=10000, placeholders=True), "Các đoạn kết; đoạn cuối tự thêm './.'.")),
    Field("phu_luc", ListOf(APPENDIX, "Các phụ lục kèm theo; nhiều phụ lục được đánh số I, II, …")),
    Field("tham_quyen_ban_hanh", Text("Quyết định: thẩm quyền ban hành (ví dụ Chủ tịch Ủy ban nhân dân huyện).",
                                      max_length=200, placeholders=True)),
    Field("theo_de_nghi", Text("Quyết định: 'Theo đề nghị của …'.", max_length=300, placeholders=True)),
    Field("do_khan", Choice(URGENCY, "Mức độ khẩn.")),
    Field("do_mat", Choice(SECRECY, "Mức độ mật.")),
]

OWN_FIELDS = [
    Field("nguoi_ky", Id("Mã người ký trong danh mục của cơ quan ban hành; mặc định người đầu tiên.")),
    Field("so", Integer("Số của văn bản đã ban hành trước khi dùng vanban (ví dụ 188); được ghi vào sổ. "
                        "Văn bản mới thì bỏ trống: số do lệnh vanban issue cấp.", example=188)),
    Field("ky_hieu", Text("Ký hiệu in sau số nếu khác ký hiệu tự tính (ví dụ CĐVC của '38/CĐVC').", max_length=40,
                          pattern=r"[^\s/]+(/[^\s/]+)?", pattern_hint=N_("ký hiệu không có dấu cách"))),
    Field("don_vi_soan_thao", Text("Mã đơn vị soạn thảo (in ở 'Lưu: VT, …').", pattern=CODE_PATTERN,
                                   pattern_hint=CODE_HINT)),
    Field("kinh_gui", ListOf(Text(max_length=300), "Nơi gửi in ở 'Kính gửi:' (công văn, báo cáo); "
                             "mặc định: các đơn vị cấp dưới.")),
    Field("noi_nhan", ListOf(Text(max_length=300), "Các nơi nhận thêm, in ở 'Nơi nhận:' trước dòng 'Lưu'.")),
    Field("bo_noi_nhan_mac_dinh", Boolean("true: chỉ in các nơi nhận viết ở 'noi_nhan' (và 'Lưu').")),
]

OVERRIDE = Mapping("rieng", CONTENT_FIELDS + OWN_FIELDS,
                   "Nội dung riêng của một cơ quan trong lần ban hành hàng loạt; ghi đè nội dung chung.")

DOCUMENT = Mapping("van_ban", [
    Field("ma", Id("Mã văn bản, duy nhất trong chiến dịch; dùng làm tên tệp.", "kh-ubnd-tinh"), required=True),
    Field("van_ban_cha", Id("Mã văn bản cấp trên mà văn bản này triển khai; bỏ trống với văn bản gốc.")),
    Field("co_quan", Id("Mã cơ quan ban hành (không dùng cùng 'trien_khai').")),
    Field("trien_khai", SELECTOR),
    Field("rieng", MapOf(ID_PATTERN, "mã cơ quan", OVERRIDE, "Nội dung riêng theo từng cơ quan: mã cơ quan: {…}.")),
    *OWN_FIELDS,
    *CONTENT_FIELDS,
], "Một văn bản của chiến dịch. Văn bản con không ghi trường nào thì kế thừa từ văn bản cha, "
   "với các chỗ {{ dia_ban }}… được điền theo cơ quan ban hành.")

CAMPAIGN = Mapping("chien_dich", [
    Field("ma", Id("Mã chiến dịch: tên thư mục kết quả output/<ma>/.", "thi-dua-dac-biet-2024"), required=True),
    Field("ten", Text("Tên chiến dịch.", max_length=300), required=True),
    Field("van_ban", ListOf(DOCUMENT, "Các văn bản: một văn bản gốc và các văn bản triển khai.", min_items=1),
          required=True),
], "Một chiến dịch (phong trào thi đua): văn bản gốc và các văn bản triển khai xuống các cấp.")

SCHEMAS = {
    "to-chuc": (REGISTRY, "Danh mục tổ chức (vanban)"),
    "chien-dich": (CAMPAIGN, "Chiến dịch văn bản (vanban)"),
}
