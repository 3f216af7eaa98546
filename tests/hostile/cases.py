"""A corpus of broken and hostile sources: each case is a small edit of a copy of tests/data/mini.

A case that must be refused has its exact ``vanban check`` stderr in
``tests/hostile/expected/<name>.txt`` (rewritten by ``pytest --update-golden``,
then reviewed). A case that must build safely says what its documents must
read instead (``shows``). ``bug`` names a known defect of code outside this
corpus: the case is expected to fail until it is fixed (strict xfail).

Edits are kept as data so that a case reads as what a clerk (or an attacker)
would type. ``old`` must occur exactly once in the file; ``None`` replaces the
whole file and ``APPEND`` adds ``new`` at its end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

C = "chien-dich/mau.yaml"
R = "to-chuc.yaml"
APPEND = "<append>"

# Fragments of the mini data set that the edits aim at (each occurs once in its file).
KH_SUBJECT = "    trich_yeu: Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp\n"
TB_SUBJECT = "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n"
TB_TEXT = "Kết quả đăng ký công trình chào mừng Đại hội"
PLACEHOLDER = 'Nhân dân {{ dia_ban }}."'  # kh-tinh, noi_dung[0].muc[0].doan[0]: inherited by the district plans
TB_PARAGRAPH = "          - Ủy ban nhân dân {{ dia_ban }} thông báo kết quả đăng ký công trình như Phụ lục kèm theo.\n"
KH_HUYEN_SELECTOR = "    trien_khai: {cap: huyen}\n"
KH_PERIOD = "thoi_gian: {tu: 30/08/2024, den: 31/12/2025}"
KH_HUYEN_PERIOD = "thoi_gian: {tu: 10/10/2024, den: 31/12/2025}"
CV_RECIPIENTS = '    kinh_gui: [Công đoàn Viên chức tỉnh, "Các LĐLĐ huyện, thị xã, thành phố"]\n'
TRAM_TAU_SIGNER = "{ma: chu-tich, ho_ten: Vũ Lê Chung Anh, chuc_vu: Chủ tịch}"


@dataclass(frozen=True)
class Edit:
    file: str
    old: str | None
    new: str | bytes


@dataclass(frozen=True)
class Special:
    """A file that is not a plain YAML file, made where a source is looked for (``data/<path>``)."""

    kind: str  # "fifo", "link" (to ``target``) or "folder"
    path: str
    target: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    why: str  # what the clerk (or the attacker) did
    edits: tuple[Edit, ...]
    shows: dict = field(default_factory=dict)  # document id → texts its DOCX must show (the case must build)
    checks_only: bool = False  # must pass `vanban check` (too big to build in a test)
    fast: float | None = None  # seconds `vanban check` must answer within
    bug: str = ""  # a known defect elsewhere: the case is a strict xfail until it is fixed
    special: tuple[Special, ...] = ()  # FIFOs, links and folders made after the edits

    @property
    def builds(self) -> bool:
        return bool(self.shows) or self.checks_only


def edit(file: str, old: str | None, new: str | bytes) -> tuple[Edit, ...]:
    return (Edit(file, old, new),)


def placeholder(expression: str) -> tuple[Edit, ...]:
    """Put ``expression`` where kh-tinh says {{ dia_ban }} in its first paragraph."""
    return edit(C, PLACEHOLDER, f'Nhân dân {expression}."')


def subject(value: str) -> tuple[Edit, ...]:
    """Give tb-huyen-van-yen (a leaf: nobody inherits it) the trích yếu ``value``, written as is."""
    return edit(C, TB_SUBJECT, f"    trich_yeu: {value}\n")


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: a base letter (ê, ơ…) then the tone mark as a combining character."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", parts[:-1]).encode("cp1258") + parts[-1].encode("cp1258")
    return out


def deep_sections(levels: int) -> str:
    """tb-huyen-van-yen's noi_dung as ``levels`` sections, each inside the one before (2 spaces a level)."""
    out, indent = "    noi_dung:\n", "      "
    for level in range(1, levels + 1):
        out += f"{indent}- tieu_de: Mục cấp {level}\n{indent}  muc:\n"
        indent += "  "
    return out + f"{indent}- doan: [Đoạn ở cấp sâu nhất.]\n"


TB_BODY = "    noi_dung:\n      - doan:\n" + TB_PARAGRAPH


def chain_of_letters(n: int) -> str:
    """``n`` công văn of the province, each implementing the one before, from kh-tinh down."""
    out = []
    for i in range(1, n + 1):
        parent = "kh-tinh" if i == 1 else f"cv-{i - 1:03d}"
        out.append(f"  - ma: cv-{i:03d}\n    van_ban_cha: {parent}\n    co_quan: ubnd-tinh\n    loai: cong_van\n"
                   f"    ngay: 15/12/2025\n    trich_yeu: Về việc thứ {i}\n    kinh_gui: [Sở Nội vụ]\n"
                   f"    noi_dung:\n      - doan: [Nội dung thứ {i}.]\n")
    return "".join(out)


SECOND_CAMPAIGN = "chien-dich/khac.yaml"


def opening_paragraphs(total_bytes: int) -> str:
    """A mo_dau for kh-duk of about ``total_bytes`` UTF-8 bytes, in paragraphs of ~200 characters."""
    paragraph = ("Các cấp ủy, tổ chức đảng tiếp tục quán triệt, triển khai thực hiện nghiêm túc, hiệu quả "
                 "các nghị quyết, chỉ thị của Đảng; phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên")
    line = f"      - {paragraph} (đoạn {{n}}).\n"
    size = len(line.encode("utf-8"))
    count = total_bytes // size
    return "    mo_dau:\n" + "".join(line.format(n=n) for n in range(1, count + 1))


def bloc(years: list[str]) -> str:
    """A competition bloc of the two districts whose Trưởng khối is set for each of ``years``."""
    heads = "".join(f'      "{y}": ubnd-huyen-{"tram-tau" if i % 2 else "van-yen"}\n' for i, y in enumerate(years))
    return ("khoi_thi_dua:\n  - ma: khoi-cac-huyen\n    ten: KHỐI THI ĐUA CÁC HUYỆN\n"
            "    ten_day_du: Khối thi đua các huyện\n    ten_ngan: Khối các huyện\n    cap_tren: ubnd-tinh\n"
            "    dia_ban: các huyện\n    dia_danh: Yên Bái\n    ky_hieu: KTĐ\n"
            "    thanh_vien: [ubnd-huyen-tram-tau, ubnd-huyen-van-yen]\n    truong_khoi:\n" + heads)


NFD_SUBJECT = unicodedata.normalize("NFD", TB_TEXT + " tỉnh Yên Bái, huyện Trạm Tấu")
TB_APPENDIX = "      - tieu_de: Danh sách công trình đăng ký\n"  # tb-huyen-van-yen's phụ lục
SPECIAL_CELL = 'Đường & cống <thôn Khe Cọ> "mới" </w:t><w:t>'
NFD_CELL = unicodedata.normalize("NFD", "Nhà văn hóa thôn Đồng Bằng, xã Đồng Khê")
SPECIAL_SUBJECT = "A & B < C > D \"E\" 'F' ]]> &amp; &#x41; <w:t>x</w:t> <!-- y --> <![CDATA[z]]>"

CASES: list[Case] = [
    # --- YAML syntax ------------------------------------------------------------------------------------------
    Case("syntax-unclosed-quote", "a closing quote forgotten inside a list of recipients",
         edit(C, CV_RECIPIENTS, '    kinh_gui: [Công đoàn Viên chức tỉnh, "Các LĐLĐ huyện, thị xã, thành phố]\n')),
    Case("syntax-colon-in-plain-value", "a ':' inside a value that is not quoted",
         edit(C, "ten: Chiến dịch mẫu cho kiểm thử\n", "ten: Chiến dịch: mẫu cho kiểm thử\n")),
    Case("syntax-unclosed-flow-list", "a list written [...] without its ']'",
         edit(C, CV_RECIPIENTS, '    kinh_gui: [Công đoàn Viên chức tỉnh, "Các LĐLĐ huyện, thị xã, thành phố"\n')),
    Case("syntax-unclosed-flow-mapping", "a {...} group without its '}' in the registry",
         edit(R, "      - {ma: VX, ten: Phòng Văn hóa - Xã hội}\n", "      - {ma: VX, ten: Phòng Văn hóa - Xã hội\n")),
    Case("syntax-value-starts-with-at", "a value starting with '@', reserved by YAML",
         edit(C, "    trich_yeu: về việc phát động", "    trich_yeu: @về việc phát động")),
    Case("syntax-value-starts-with-backtick", "a value in `backticks` copied from a chat message",
         edit(R, "    ten_ngan: UBND tỉnh\n", "    ten_ngan: `UBND tỉnh`\n")),
    Case("syntax-two-documents", "a second YAML document after '---' in the same file",
         edit(C, "ten: Chiến dịch mẫu cho kiểm thử\n", "ten: Chiến dịch mẫu cho kiểm thử\n---\nma: mau-2\n")),
    Case("syntax-list-item-misaligned", "one body of the registry indented one space too far",
         edit(R, "  - ma: ubnd-huyen-van-yen\n", "   - ma: ubnd-huyen-van-yen\n")),
    Case("syntax-key-dedented", "a key indented one space less than its neighbours",
         edit(C, "    han: 25/10/2024\n", "   han: 25/10/2024\n")),
    Case("syntax-tab-in-registry", "a Tab before a key of the registry",
         edit(R, "    nhiem_ky_tu: 15/10/2020\n", "\tnhiem_ky_tu: 15/10/2020\n")),
    Case("syntax-nel-line-break", "a raw NEL (U+0085), which YAML reads as a line break, inside a value",
         subject("Kết quả đăng ký\x85công trình")),
    Case("syntax-invalid-escape", "a lone surrogate \\uD800 escaped in a quoted value",
         subject('"Kết quả \\uD800 đăng ký"')),
    Case("encoding-windows-1258", "the campaign saved in the old Vietnamese Windows code page",
         edit(C, None, windows_1258("ma: mau\nten: Chiến dịch mẫu cho kiểm thử\nvan_ban: []\n"))),

    Case("five-mistakes-in-two-files", "two mistakes in the registry and three in the campaign: all told at once",
         (Edit(R, "    ten_ngan: UBND tỉnh\n", '    ten_ngan: ""\n'),
          Edit(R, "    dia_danh: Trạm Tấu\n", "    dia_danh: [Trạm Tấu]\n"),
          Edit(C, "    so: 277\n", "    so: hai trăm\n"),
          Edit(C, "    ngay: 20/10/2024\n", "    ngay: 31/09/2024\n"),
          Edit(C, "    do_khan: KHẨN\n", "    do_khan: GẤP\n"))),

    # --- the shape of a file --------------------------------------------------------------------------------
    Case("empty-campaign-file", "a campaign file left empty", edit(C, None, "")),
    Case("campaign-is-a-list", "a campaign written as a list", edit(C, None, "- ma: mau\n- ten: Chiến dịch\n")),
    Case("registry-is-text", "a registry holding one line of text", edit(R, None, "Danh mục tổ chức tỉnh Yên Bái\n")),
    Case("complex-key", "a list used as a key", edit(C, "ten: Chiến dịch mẫu cho kiểm thử\n",
                                                     "ten: Chiến dịch mẫu cho kiểm thử\n? [a, b]\n: c\n")),

    # --- duplicate keys ----------------------------------------------------------------------------------------
    Case("duplicate-key-in-registry", "ky_hieu written twice for the Party committee",
         edit(R, "    ky_hieu: ĐUK\n", "    ky_hieu: ĐUK\n    ky_hieu: DUK\n")),
    Case("duplicate-key-top-level", "the campaign id written twice",
         edit(C, "ma: mau\n", "ma: mau\nma: mau-2024\n")),
    Case("duplicate-key-in-flow-mapping", "'tu' twice inside {...}",
         edit(C, KH_PERIOD, "thoi_gian: {tu: 30/08/2024, tu: 01/09/2024, den: 31/12/2025}")),

    # --- wrong types ----------------------------------------------------------------------------------------------
    Case("number-with-decimals", "a document number with a decimal part", edit(C, "    so: 277\n", "    so: 277.5\n")),
    Case("number-as-boolean", "true where the number goes", edit(C, "    so: 188\n", "    so: true\n")),
    Case("number-huge", "a number of 4,000 digits", edit(C, "    so: 277\n", "    so: " + "9" * 4000 + "\n")),
    Case("number-too-many-digits", "a number of 5,000 digits (past Python's int/str limit)",
         edit(C, "    so: 277\n", "    so: " + "9" * 5000 + "\n")),
    Case("number-infinite", "1e999 where the number goes", edit(C, "    so: 188\n", "    so: 1e999\n")),
    Case("date-as-number", "a date typed without slashes", edit(C, "    ngay: 18/09/2024\n", "    ngay: 20240918\n")),
    Case("list-where-text", "a trích yếu written as a list", subject("[Kết quả, đăng ký]")),
    Case("mapping-where-list", "recipients written as a group of keys",
         edit(C, CV_RECIPIENTS, "    kinh_gui: {cong_doan: Công đoàn Viên chức tỉnh}\n")),
    Case("text-where-mapping", "a period written as one line of text",
         edit(C, KH_HUYEN_PERIOD, "thoi_gian: 10/10/2024 - 31/12/2025")),
    Case("text-where-boolean", "'có' (yes) where true/false goes",
         edit(C, "    loai: cong_van\n", "    loai: cong_van\n    bo_noi_nhan_mac_dinh: có\n")),
    Case("name-lines-nested", "a list inside the list of name lines",
         edit(R, "ten: [ỦY BAN NHÂN DÂN, HUYỆN VĂN YÊN]", "ten: [[ỦY BAN NHÂN DÂN], HUYỆN VĂN YÊN]")),
    Case("choice-with-diacritics", "the urgency written in lower case",
         edit(C, "    do_khan: KHẨN\n", "    do_khan: khẩn\n")),
    Case("system-with-diacritics", "he_thong written 'đảng' instead of 'dang'",
         edit(R, "    he_thong: dang\n    ten: [ĐẢNG ỦY KHỐI", "    he_thong: đảng\n    ten: [ĐẢNG ỦY KHỐI")),

    # --- unknown and misspelt keys ----------------------------------------------------------------------------
    Case("misspelt-registry-key", "ten_day_du misspelt: unknown key and missing key at once",
         edit(R, "    ten_day_du: Ủy ban nhân dân tỉnh Yên Bái\n", "    ten_daydu: Ủy ban nhân dân tỉnh Yên Bái\n")),
    Case("unknown-top-level-key", "a key the campaign does not have",
         edit(C, "ten: Chiến dịch mẫu cho kiểm thử\n", "ten: Chiến dịch mẫu cho kiểm thử\ntac_gia: Văn thư\n")),
    Case("key-with-diacritics", "a section title key typed with đ",
         edit(C, "          - tieu_de: Mục đích\n", "          - tieu_đe: Mục đích\n")),
    Case("misspelt-key-in-override", "a misspelt key inside 'rieng'",
         edit(C, KH_HUYEN_SELECTOR, KH_HUYEN_SELECTOR + "    rieng:\n      ubnd-huyen-van-yen: {trich_yue: Riêng}\n")),
    Case("misspelt-key-in-selector", "cap misspelt in trien_khai",
         edit(C, KH_HUYEN_SELECTOR, "    trien_khai: {cap_bac: huyen}\n")),

    # --- missing required fields -------------------------------------------------------------------------------
    Case("missing-notation-in-registry", "a body without ky_hieu", edit(R, "    ky_hieu: CĐVC\n", "")),
    Case("missing-signer-name", "a signer without ho_ten",
         edit(R, "{ma: bi-thu, ho_ten: Nguyễn Văn A, chuc_vu: Bí thư,", "{ma: bi-thu, chuc_vu: Bí thư,")),
    Case("empty-required-value", "the campaign name left empty", edit(C, "ten: Chiến dịch mẫu cho kiểm thử\n", "ten:\n")),
    Case("appendix-without-content", "a second appendix with a title only",
         edit(C, "      - tieu_de: Danh sách công trình đăng ký\n",
              "      - tieu_de: Phụ lục chưa viết\n      - tieu_de: Danh sách công trình đăng ký\n")),
    Case("root-without-subject", "the root plan without trích yếu (every child inherits the gap)",
         edit(C, KH_SUBJECT, "")),
    Case("period-without-end", "a period with its start only",
         edit(C, KH_PERIOD, "thoi_gian: {tu: 30/08/2024}")),

    # --- impossible dates ---------------------------------------------------------------------------------------
    Case("date-30-february", "30/02", edit(C, "    ngay: 15/12/2025\n", "    ngay: 30/02/2025\n")),
    Case("date-29-february-common-year", "29/02 of 2025", edit(C, "    han: 31/10/2024\n", "    han: 29/02/2025\n")),
    Case("date-31-april", "31/04 at the end of a period",
         edit(C, KH_HUYEN_PERIOD, "thoi_gian: {tu: 10/10/2024, den: 31/04/2025}")),
    Case("date-month-13", "month 13", edit(C, "    ngay: 20/10/2024\n", "    ngay: 20/13/2024\n")),
    Case("date-day-zero", "day 00", edit(C, "    ngay: 24/10/2024\n", "    ngay: 00/10/2024\n")),
    Case("date-year-zero", "year 0000 in the registry", edit(R, "nhiem_ky_tu: 15/10/2020", "nhiem_ky_tu: 15/10/0000")),
    Case("relative-dates-in-a-circle", "ngay after han and han before ngay",
         edit(C, "    ngay: 10/10/2024\n    thoi_gian: {tu: 10/10/2024, den: 31/12/2025}\n    han: 25/10/2024\n",
              "    ngay: 1 ngày sau han\n    thoi_gian: {tu: 10/10/2024, den: 31/12/2025}\n    han: 1 ngày trước ngay\n")),
    Case("relative-date-to-nothing", "the root plan dated from its parent's deadline: it has no parent",
         edit(C, "    ngay: 30/08/2024\n", "    ngay: 2 ngày trước han_cha\n")),

    # --- dates outside the parent's ----------------------------------------------------------------------------------
    Case("override-period-outside-parent", "one district's own period starts before the province's",
         edit(C, KH_HUYEN_SELECTOR, KH_HUYEN_SELECTOR +
              "    rieng:\n      ubnd-huyen-tram-tau: {thoi_gian: {tu: 01/08/2024, den: 31/12/2025}}\n")),
    Case("grandchild-deadline-after-parent", "a notice's deadline after its district plan's",
         edit(C, "    do_khan: KHẨN\n", "    do_khan: KHẨN\n    han: 30/10/2024\n")),
    Case("child-period-ends-after-parent", "a letter's period running past the plan's",
         edit(C, "    ngay: 24/10/2024\n", "    ngay: 24/10/2024\n    thoi_gian: {tu: 24/10/2024, den: 01/01/2026}\n")),
    Case("grandchild-dated-before-parent", "a notice dated before its district plan",
         edit(C, "    ngay: 20/10/2024\n", "    ngay: 09/10/2024\n")),

    # --- references to nothing -----------------------------------------------------------------------------------------
    Case("parent-unknown", "van_ban_cha misspelt",
         edit(C, "    van_ban_cha: kh-tinh\n    co_quan: dang-uy-khoi\n",
              "    van_ban_cha: kh-tinhh\n    co_quan: dang-uy-khoi\n")),
    Case("fan-out-instance-unknown", "the parent named as a fan-out instance that does not exist",
         edit(C, "van_ban_cha: kh-huyen--ubnd-huyen-tram-tau", "van_ban_cha: kh-huyen--ubnd-huyen-tram-tao")),
    Case("selector-names-unknown-body", "a fan-out list naming a district not in the registry",
         edit(C, KH_HUYEN_SELECTOR, "    trien_khai: {danh_sach: [ubnd-huyen-tram-tau, ubnd-huyen-mu-cang-chai]}\n")),
    Case("registry-parent-unknown", "cap_tren naming a body that does not exist",
         edit(R, "    cap_tren: ldld-tinh\n    chu_quan: ldld-tinh\n",
              "    cap_tren: ldld-tinh-yb\n    chu_quan: ldld-tinh\n")),
    Case("signer-unknown", "nguoi_ky naming a signer the issuer does not have",
         edit(C, "    loai: cong_van\n", "    loai: cong_van\n    nguoi_ky: chu-tich\n")),
    Case("base-cites-nothing", "a căn cứ written as the id of no document",
         edit(C, "      - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n",
              "      - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n      - kh-huyen-tram-tau\n")),
    Case("override-for-unknown-body", "rieng for a body not in the registry",
         edit(C, KH_HUYEN_SELECTOR, KH_HUYEN_SELECTOR + "    rieng:\n      ubnd-huyen-mu-cang-chai: {han: 20/10/2024}\n")),
    Case("override-for-body-not-chosen", "rieng for a body the fan-out does not choose",
         edit(C, KH_HUYEN_SELECTOR, KH_HUYEN_SELECTOR + "    rieng:\n      ldld-tinh: {han: 20/10/2024}\n")),
    Case("drafting-unit-unknown", "a drafting unit the issuer does not have",
         edit(C, "    so: 188\n", "    so: 188\n    don_vi_soan_thao: TCKH\n")),

    # --- cycles -----------------------------------------------------------------------------------------------------------
    Case("registry-cycle", "the province placed under the union of civil servants, which is under it",
         edit(R, "    cap: tinh\n", "    cap: tinh\n    cap_tren: cdvc-tinh\n")),
    Case("document-is-its-own-parent", "a document that implements itself",
         edit(C, "    van_ban_cha: kh-tinh\n    co_quan: dang-uy-khoi\n",
              "    van_ban_cha: kh-duk\n    co_quan: dang-uy-khoi\n")),
    Case("two-roots", "a letter whose van_ban_cha was deleted",
         edit(C, "    van_ban_cha: kh-tinh\n    co_quan: ldld-tinh\n    loai: cong_van\n",
              "    co_quan: ldld-tinh\n    loai: cong_van\n")),

    # --- fan-outs that select nothing or too much -------------------------------------------------------------------------
    Case("fan-out-to-a-body-not-a-bloc", "trien_khai.khoi naming a body, not a bloc",
         edit(C, KH_HUYEN_SELECTOR, "    trien_khai: {khoi: ubnd-tinh}\n")),
    Case("fan-out-list-empty", "danh_sach: [] chooses nobody",
         edit(C, KH_HUYEN_SELECTOR, "    trien_khai: {danh_sach: []}\n")),
    Case("fan-out-and-issuer", "a fan-out that also names one issuer",
         edit(C, KH_HUYEN_SELECTOR, KH_HUYEN_SELECTOR + "    co_quan: ubnd-tinh\n")),
    Case("fan-out-chooses-a-body-twice", "the same district twice in danh_sach",
         edit(C, KH_HUYEN_SELECTOR, "    trien_khai: {danh_sach: [ubnd-huyen-tram-tau, ubnd-huyen-tram-tau]}\n")),

    # --- placeholders -------------------------------------------------------------------------------------------------------
    Case("placeholder-empty", "{{ }}", placeholder("{{ }}")),
    Case("placeholder-where-none-allowed", "a placeholder in a body's short name",
         edit(R, "    ten_ngan: UBND tỉnh\n", '    ten_ngan: "UBND {{ dia_ban }}"\n')),
    Case("placeholder-without-value", "{{ han_cha }} in the root plan, which has no parent",
         placeholder("{{ han_cha }}")),
    Case("placeholder-if-unclosed", "{% if %} never closed", placeholder("{% if dia_ban %}{{ dia_ban }}")),

    # --- placeholders that try to reach Python, run code or never end ----------------------------------------------------
    Case("jinja-mro-subclasses", "walk from a string to every class of the interpreter",
         placeholder("{{ ''.__class__.__mro__[1].__subclasses__() }}")),
    Case("jinja-cycler-globals", "reach a module's globals through a Jinja helper",
         subject("'{{ cycler.__init__.__globals__.os.popen(\"touch pwned\").read() }}'")),
    Case("jinja-attr-filter", "reach __class__ through the attr filter", placeholder("{{ dia_ban|attr('__class__') }}")),
    Case("jinja-self-context", "reach the template's context through self",
         placeholder("{{ self._TemplateReference__context }}")),
    Case("jinja-str-format", "reach attributes through str.format", placeholder("{{ '{0.__class__}'.format(dia_ban) }}")),
    Case("jinja-include-file", "include a file of the server", placeholder("{% include '/etc/passwd' %}")),
    Case("jinja-for-loop", "a loop", placeholder("{% for i in range(3) %}{{ dia_ban }}{% endfor %}")),
    Case("jinja-nested-loops-over-text", "six loops over a name: 30^6 turns",
         placeholder("{% for a in co_quan %}" * 6 + "x" + "{% endfor %}" * 6)),
    Case("jinja-set-and-macro", "define a macro", placeholder("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}")),
    Case("jinja-huge-range", "range(10**9)|list", placeholder("{{ range(10**9)|list }}")),
    Case("jinja-huge-string", "a string multiplied a billion times", placeholder("{{ 'x' * 10**9 }}")),
    Case("jinja-huge-power", "10 to the power of 10**10", placeholder("{{ 10**(10**10) }}")),
    Case("jinja-lipsum", "a hundred thousand paragraphs of lorem ipsum", placeholder("{{ lipsum(100000) }}")),
    Case("jinja-format-width", "a printf width of a billion", placeholder("{{ '%999999999d' % 1 }}")),
    Case("jinja-center-filter", "a filter that pads to a billion characters", placeholder("{{ dia_ban|center(10**9) }}")),
    Case("jinja-zfill-method", "a str method that pads to a billion characters", placeholder("{{ dia_ban.zfill(10**9) }}")),
    Case("jinja-divide-by-zero", "1/0", placeholder("{{ 1 / 0 }}")),
    Case("jinja-deep-parentheses", "3,000 nested parentheses", placeholder("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}")),
    Case("jinja-print-a-function", "print a helper function (its address)", placeholder("{{ lipsum }}")),

    # --- language-specific YAML tags: never constructed, never run ------------------------------------------------------
    Case("tag-python-apply-in-registry", "os.system through !!python/object/apply in the registry",
         edit(R, "    ten_ngan: UBND tỉnh\n", '    ten_ngan: !!python/object/apply:os.system ["touch pwned"]\n')),
    Case("tag-python-name", "!!python/name:os.system", subject("!!python/name:os.system ''")),
    Case("tag-python-new-popen", "subprocess.Popen through !!python/object/new",
         subject('!!python/object/new:subprocess.Popen [["touch", "pwned"]]')),
    Case("tag-directive-shorthand", "a %TAG directive hiding the python tag behind !p!",
         edit(C, "ma: mau\n", "%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nma: !p!os.system [\"touch pwned\"]\n")),
    Case("tag-ruby-object", "a Ruby object tag", subject("!ruby/object:Gem::Installer {i: x}")),
    Case("tag-local-include", "a local !include tag", subject("!include /etc/passwd")),
    Case("tag-binary", "!!binary", subject("!!binary S+G6v3QgcXXhuqM=")),

    # --- aliases -------------------------------------------------------------------------------------------------------------
    Case("alias-billion-laughs", "nine levels of nine aliases (a billion 'lol's)", edit(C, None, billion_laughs()),
         fast=2.0),
    Case("alias-in-registry", "an anchor and an alias between two signers",
         edit(R, "      - {ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch, quyen_han: TM. Ủy ban nhân dân}\n  - ma: ubnd-huyen-tram-tau",
              "      - &ky {ma: chu-tich, ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch, quyen_han: TM. Ủy ban nhân dân}\n"
              "      - *ky\n  - ma: ubnd-huyen-tram-tau")),
    Case("merge-key", "a YAML merge key '<<'",
         edit(C, "    do_khan: KHẨN\n", "    do_khan: KHẨN\n    <<: {han: 30/10/2024}\n")),

    # --- control, invisible and bidirectional characters --------------------------------------------------------------
    Case("escape-character-in-registry", "an ESC (U+001B) written as \\x1b",
         edit(R, "    ten_ngan: UBND tỉnh\n", '    ten_ngan: "UBND\\x1b tỉnh"\n')),
    Case("raw-nul-in-registry", "a raw NUL byte in the registry",
         edit(R, "    ten_ngan: UBND tỉnh\n", "    ten_ngan: UBND\x00 tỉnh\n")),
    Case("raw-c1-control", "a raw U+0080", subject("Kết quả \x80 đăng ký")),
    Case("noncharacter-fffe", "U+FFFE written as \\uFFFE", subject('"Kết quả \\uFFFE đăng ký"')),
    Case("zero-width-space-in-id", "a zero-width space inside a document id",
         edit(C, "  - ma: kh-duk\n", "  - ma: kh\u200b-duk\n")),
    Case("zero-width-joiner-in-name", "a zero-width joiner in a signer's name",
         edit(R, TRAM_TAU_SIGNER, "{ma: chu-tich, ho_ten: Vũ Lê Chung\u200d Anh, chuc_vu: Chủ tịch}")),
    Case("byte-order-mark-inside", "a BOM (U+FEFF) pasted in the middle of a paragraph",
         edit(C, TB_PARAGRAPH, TB_PARAGRAPH.replace("kết quả", "kết\ufeff quả"))),
    Case("bidi-isolate-in-registry", "a right-to-left isolate (U+2067) in a place name",
         edit(R, "    dia_danh: Trạm Tấu\n", "    dia_danh: Trạm\u2067 Tấu\n")),

    # --- enormous values ---------------------------------------------------------------------------------------------------------
    Case("subject-too-long", "a trích yếu of 501 characters", subject("Kết quả " + "x" * 493)),
    Case("value-over-loader-limit", "one value of 20,001 characters", subject("x" * 20_001)),
    Case("list-over-limit", "10,001 paragraphs", edit(C, TB_BODY, "    noi_dung:\n      - doan:\n" + "          - a\n" * 10_001)),
    Case("file-over-limit", "a campaign file of 2.1 MB", edit(C, "    ngay: 18/09/2024\n",
                                                              "    ngay: 18/09/2024\n" + opening_paragraphs(2_100_000))),
    Case("file-of-1-9-megabytes", "a campaign file of 1.9 MB: 7,000 opening paragraphs",
         edit(C, "    ngay: 18/09/2024\n", "    ngay: 18/09/2024\n" + opening_paragraphs(1_880_000)),
         checks_only=True, fast=15.0),
    Case("ten-thousand-keys", "a bloc whose Trưởng khối is set for every year 0000–9999",
         edit(R, APPEND, bloc([f"{y:04d}" for y in range(10_000)])), checks_only=True, fast=15.0),
    Case("ten-thousand-keys-one-wrong", "the same with one year typed 20x4",
         edit(R, APPEND, bloc([f"{y:04d}" for y in range(9_999)] + ["20x4"])), fast=15.0),
    Case("sections-120-deep", "120 sections, each inside the one before",
         edit(C, TB_BODY, deep_sections(120)), shows={"tb-huyen-van-yen": ["Đoạn ở cấp sâu nhất."]}),
    Case("sections-300-deep", "300 sections, each inside the one before",
         edit(C, TB_BODY, deep_sections(300))),
    Case("flow-lists-600-deep", "600 nested [ ] in one value",
         subject("[" * 600 + "]" * 600)),
    Case("flow-lists-2000-deep", "2,000 nested [ ] in one value (libyaml's own limit)",
         subject("[" * 2000 + "]" * 2000)),

    # --- ids and names that would escape output/ ---------------------------------------------------------------------------
    Case("campaign-id-climbs-out", "a campaign id ../../tmp/mau", edit(C, "ma: mau\n", "ma: ../../tmp/mau\n")),
    Case("campaign-id-absolute", "a campaign id /etc", edit(C, "ma: mau\n", "ma: /etc\n")),
    Case("document-id-backslash", "a document id ..\\kh-duk", edit(C, "  - ma: kh-duk\n", "  - ma: ..\\kh-duk\n")),
    Case("document-id-with-extension", "a document id ending .docx", edit(C, "  - ma: kh-duk\n", "  - ma: kh-duk.docx\n")),
    Case("document-id-too-long", "a document id of 65 characters",
         edit(C, "  - ma: kh-duk\n", "  - ma: kh-" + "d" * 62 + "\n")),
    Case("document-id-con", "CON: Windows' console, as a document id", edit(C, "  - ma: kh-duk\n", "  - ma: con\n")),
    Case("document-id-lpt9", "LPT9 as a document id", edit(C, "  - ma: qd-khen-thuong\n", "  - ma: lpt9\n")),
    Case("campaign-id-nul", "NUL as a campaign id (its output folder)", edit(C, "ma: mau\n", "ma: nul\n")),
    Case("body-id-com1", "COM1 as a body id",
         edit(R, "  - ma: ldld-tinh\n", "  - ma: com1\n")),
    Case("document-id-upper-case-aux", "AUX in capitals", edit(C, "  - ma: kh-duk\n", "  - ma: AUX\n")),
    Case("document-id-equals-a-fan-out-instance", "a document named like one of the fan-out's documents",
         edit(C, "  - ma: tb-huyen-van-yen\n",
              "  - ma: kh-huyen--ubnd-huyen-van-yen\n    van_ban_cha: kh-tinh\n    co_quan: ubnd-huyen-van-yen\n"
              "  - ma: tb-huyen-van-yen\n")),

    # --- files that are not plain files: refused before a byte is read (issue 15) ----------------------------------------
    Case("file-fifo-campaign", "a FIFO named like a campaign: reading it would wait for ever",
         (), special=(Special("fifo", SECOND_CAMPAIGN),), fast=10.0),
    Case("file-link-to-dev-zero", "a campaign that is a link to /dev/zero: read whole, it never ends",
         (), special=(Special("link", SECOND_CAMPAIGN, "/dev/zero"),), fast=10.0),
    Case("file-folder-named-yaml", "a folder named like a campaign file",
         (), special=(Special("folder", SECOND_CAMPAIGN),)),
    Case("file-links-in-a-loop", "two campaign files that are links to each other",
         (), special=(Special("link", "chien-dich/a.yaml", "b.yaml"), Special("link", "chien-dich/b.yaml", "a.yaml"))),
    Case("file-link-to-nothing", "a campaign file that is a link to a file since deleted",
         (), special=(Special("link", SECOND_CAMPAIGN, "da-xoa.yaml"),)),
    Case("file-registry-is-a-fifo", "the registry replaced by a FIFO",
         (), special=(Special("fifo", "to-chuc/them.yaml"),), fast=10.0),

    # --- the registry's header chain and the years: refused, not ignored (issue 15) -------------------------------------
    Case("registry-chu-quan-cycle", "two bodies each the other's chu_quan: each prints the other above its name",
         edit(R, "    ten_chu_quan: LĐLĐ TỈNH YÊN BÁI\n", "    ten_chu_quan: LĐLĐ TỈNH YÊN BÁI\n    chu_quan: cdvc-tinh\n")),
    Case("registry-chu-quan-itself", "a body its own chu_quan",
         edit(R, "    ten_chu_quan: UBND TỈNH YÊN BÁI\n", "    ten_chu_quan: UBND TỈNH YÊN BÁI\n    chu_quan: ubnd-tinh\n")),
    Case("registry-chu-quan-below", "the province's chu_quan set to one of its districts",
         edit(R, "    ten_chu_quan: UBND TỈNH YÊN BÁI\n",
              "    ten_chu_quan: UBND TỈNH YÊN BÁI\n    chu_quan: ubnd-huyen-tram-tau\n")),
    Case("year-key-full-width-digits", "a Trưởng khối year typed in full-width digits (２０２４)",
         edit(R, APPEND, bloc(["2023", "２０２４"]))),
    Case("date-full-width-digits", "a date typed in full-width digits", edit(C, "    ngay: 18/09/2024\n",
                                                                          "    ngay: １８/０９/２０２４\n")),
    Case("date-after-2107", "a date a DOCX cannot carry (ZIP dates end in 2107)",
         edit(C, "    ngay: 18/09/2024\n", "    ngay: 18/09/2205\n")),
    Case("cascade-101-deep", "101 letters each implementing the one before",
         edit(C, APPEND, chain_of_letters(101)), fast=15.0),

    # --- must build: text is text -----------------------------------------------------------------------------------------------
    Case("xml-special-characters", "& < > \" ' and markup look-alikes in a trích yếu",
         subject("'" + SPECIAL_SUBJECT.replace("'", "''") + "'"), shows={"tb-huyen-van-yen": [SPECIAL_SUBJECT]}),
    Case("xml-special-characters-in-registry", "& < > \" in a signer's name and a body's place name",
         edit(R, TRAM_TAU_SIGNER, "{ma: chu-tich, ho_ten: 'Vũ \"Lê\" & <Chung> Anh', chuc_vu: Chủ tịch}"),
         shows={"qd-khen-thuong": ['Vũ "Lê" & <Chung> Anh']}),
    Case("table-cells-special-and-nfd", "a table's cells holding & < > \" and combining marks (NFD)",
         edit(C, TB_APPENDIX, TB_APPENDIX + "        bang:\n          cot: [STT, Nội dung]\n          dong:\n"
              f"            - [1, '{SPECIAL_CELL}']\n            - [2, '{NFD_CELL}']\n"),
         shows={"tb-huyen-van-yen": [SPECIAL_CELL, unicodedata.normalize("NFC", NFD_CELL)]}),
    Case("nfd-vietnamese", "a trích yếu typed with combining marks (NFD)", subject(NFD_SUBJECT),
         shows={"tb-huyen-van-yen": [unicodedata.normalize("NFC", NFD_SUBJECT)]}),
    Case("nfd-vietnamese-escaped", "combining marks written as YAML escapes (\\u0302\\u0301)",
         subject('"' + NFD_SUBJECT.encode("ascii", "backslashreplace").decode("ascii") + '"'),
         shows={"tb-huyen-van-yen": [unicodedata.normalize("NFC", NFD_SUBJECT)]}),
    Case("nfd-vietnamese-in-registry", "a body's full name in NFD",
         edit(R, "    ten_day_du: Ủy ban nhân dân huyện Văn Yên\n",
              "    ten_day_du: " + unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Văn Yên") + "\n"),
         shows={"tb-huyen-van-yen": ["ỦY BAN NHÂN DÂN"]}),
    Case("astral-characters", "emoji and mathematical letters outside the BMP",
         subject('"Kết quả 🎉 đăng ký 𝕏 công trình"'), shows={"tb-huyen-van-yen": ["Kết quả 🎉 đăng ký 𝕏 công trình"]}),
    Case("line-separator", "a U+2028 line separator inside a quoted value",
         subject('"Kết quả\u2028đăng ký"'), shows={"tb-huyen-van-yen": ["Kết quả"]}),
    Case("unbalanced-emphasis", "stars that open emphasis and never close it",
         edit(C, TB_PARAGRAPH, "          - '*Ủy ban nhân dân **{{ dia_ban }} thông báo * kết quả ***'\n"),
         shows={"tb-huyen-van-yen": ["Ủy ban nhân dân"]}),
    Case("jinja-lookalike-literal", "braces that are not a placeholder: { dia_ban }, {x} and {#",
         edit(C, TB_PARAGRAPH, "          - 'Ký hiệu { dia_ban }, {x} và {# giữ nguyên.'\n"),
         shows={"tb-huyen-van-yen": ["Ký hiệu { dia_ban }, {x} và {# giữ nguyên."]}),
]
