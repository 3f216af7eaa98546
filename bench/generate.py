"""Generate a synthetic national campaign on the map since 1 July 2025, from a seed.

34 provinces and their communes (3,321 in all, as after the 2025 reorganisation), each
province with its People's Committee, its Party committee (and one per commune), its
labour federation with union branches, and two competition blocs of communes. Names are
invented ("tỉnh Số 7", "xã Số 17") and every signer is "Nguyễn Văn A".

Three campaign files, one per system, written as a clerk would: a root document and
fan-outs (``trien_khai``) that inherit the parent's content and re-word it through the
placeholders; a few ``rieng`` overrides; the blocs' notices one by one. Every document type
appears. Sentences come from ``bench/prose.py``.

``size="100k"`` is the same country a whole drive deep (about 100,000 documents): every
commune also has its Mặt trận committee and its grassroots union, a fourth campaign runs
through the Mặt trận, and each commune issues the whole set of a campaign — plan, letters,
notices, decisions, invitations, reports — in each system. The Mặt trận's bodies are written
``he_thong: mat_tran`` (its own system since issue 13: NĐ 30's form, its own number and
signature, §11.2).

Run ``python -m bench.generate DIR [--size 100k]`` to write a data set into DIR (``DIR/data``).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench import prose

PROVINCES = 34
COMMUNES = 3321
SIGNER = "Nguyễn Văn A"
BRANCHES = ("Giáo dục", "Y tế", "Công Thương", "Viên chức", "Nông nghiệp và Môi trường")
REGISTRY_SCHEMA = "# yaml-language-server: $schema=../../schemas/to-chuc.schema.json\n"
CAMPAIGN_SCHEMA = "# yaml-language-server: $schema=../../schemas/chien-dich.schema.json\n"

STATE_CAMPAIGN = "thi-dua-2025-chinh-quyen"
PARTY_CAMPAIGN = "thi-dua-2025-dang"
UNION_CAMPAIGN = "thi-dua-2025-cong-doan"
FRONT_CAMPAIGN = "thi-dua-2025-mat-tran"  # size 100k only
SIZES = ("10k", "100k")
# The leaf the benchmark edits ("one document's text"): the first bloc's notice.
EDIT_FILE = f"chien-dich/{STATE_CAMPAIGN}.yaml"
EDIT_MARK = "Khối thi đua số 1 tỉnh Số 1 đề nghị các thành viên tiếp tục thực hiện tốt giao ước thi đua"


@dataclass
class Province:
    number: int
    communes: list[tuple[str, str]] = field(default_factory=list)  # (id, name such as "xã Số 17")

    @property
    def code(self) -> str:
        return f"t{self.number:02d}"

    @property
    def name(self) -> str:
        return f"tỉnh Số {self.number}"


@dataclass(frozen=True)
class Generated:
    data_dir: Path
    bodies: int
    communes: int
    documents: int  # expected number of built documents
    edit_file: Path
    edit_mark: str


def commune_counts(rng: random.Random, provinces: int = PROVINCES, total: int = COMMUNES) -> list[int]:
    """Split ``total`` communes over the provinces, 40 to 160 each, summing exactly."""
    weights = [rng.uniform(0.5, 1.8) for _ in range(provinces)]
    counts = [max(40, min(160, round(total * w / sum(weights)))) for w in weights]
    i = 0
    while sum(counts) != total:  # nudge to the exact total, one commune at a time
        step = 1 if sum(counts) < total else -1
        if 40 <= counts[i % provinces] + step <= 160:
            counts[i % provinces] += step
        i += 1
    return counts


def build_map(rng: random.Random, provinces_count: int = PROVINCES, communes: int = COMMUNES) -> list[Province]:
    provinces = []
    for p, count in enumerate(commune_counts(rng, provinces_count, communes), start=1):
        province = Province(p)
        wards = rng.randint(3, max(4, count // 6))
        special = 1 if p % 9 == 0 else 0  # a few đặc khu (island special zones)
        for c in range(1, count + 1):
            if c <= wards:
                kind, slug = "phường", "phuong"
            elif c > count - special:
                kind, slug = "đặc khu", "dac-khu"
            else:
                kind, slug = "xã", "xa"
            province.communes.append((f"{province.code}-{slug}-{c}", f"{kind} Số {c}"))
        provinces.append(province)
    return provinces


def _upper(text: str) -> str:
    return text.upper()


def _signers(title: str, authority: list[str], deputy: str | None = None, deputy_authority=None) -> list[dict]:
    out = [{"ma": "chu-tri", "ho_ten": SIGNER, "chuc_vu": title}]
    if authority:
        out[0]["quyen_han"] = authority
    if deputy:
        out.append({"ma": "cap-pho", "ho_ten": SIGNER, "chuc_vu": deputy, "quyen_han": deputy_authority})
    return out


def central_registry() -> dict:
    return {"co_quan": [
        {"ma": "hdtdkt-tw", "he_thong": "nha_nuoc",
         "ten": ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TRUNG ƯƠNG"],
         "ten_day_du": "Hội đồng Thi đua - Khen thưởng Trung ương", "ten_ngan": "Hội đồng TĐKT Trung ương",
         "cap": "tw", "dia_ban": "cả nước", "dia_danh": "Hà Nội", "ky_hieu": "HĐTĐKT",
         "don_vi_soan_thao": [{"ma": "BTĐKT", "ten": "Ban Thi đua - Khen thưởng Trung ương"}],
         "nguoi_ky": _signers("Chủ tịch", ["TM. Hội đồng"], "Phó Chủ tịch", ["KT. Chủ tịch"])},
        {"ma": "ban-tc-tw", "he_thong": "dang",
         "ten": ["BAN TỔ CHỨC TRUNG ƯƠNG"], "ten_chu_quan": "BAN CHẤP HÀNH TRUNG ƯƠNG",
         "ten_day_du": "Ban Tổ chức Trung ương", "ten_ngan": "Ban Tổ chức Trung ương",
         "cap": "tw", "dia_ban": "toàn Đảng", "dia_danh": "Hà Nội", "ky_hieu": "BTCTW", "nhiem_ky_tu": "01/02/2021",
         "nguoi_ky": _signers("Phó Trưởng ban", ["K/T Trưởng ban"])},
        {"ma": "tong-ldld", "he_thong": "cong_doan",
         "ten": ["TỔNG LIÊN ĐOÀN LAO ĐỘNG", "VIỆT NAM"],
         "ten_day_du": "Tổng Liên đoàn Lao động Việt Nam", "ten_ngan": "Tổng LĐLĐ Việt Nam",
         "cap": "tw", "dia_ban": "cả nước", "dia_danh": "Hà Nội", "ky_hieu": "TLĐ",
         "don_vi_soan_thao": [{"ma": "TĐKT", "ten": "Ban Thi đua - Khen thưởng"}],
         "nguoi_ky": _signers("Phó Chủ tịch", ["TM. Đoàn Chủ tịch"])},
    ]}


def front_registry() -> dict:
    """The Mặt trận's central committee (size 100k), in its own system ``mat_tran``."""
    return {"ma": "mttq-tw", "he_thong": "mat_tran",
            "ten": ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM"],
            "ten_day_du": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "ten_ngan": "Ủy ban Trung ương MTTQ Việt Nam",
            "cap": "tw", "dia_ban": "cả nước", "dia_danh": "Hà Nội", "ky_hieu": "MTTW",
            "don_vi_soan_thao": [{"ma": "BPT", "ten": "Ban Phong trào"}],
            "nguoi_ky": _signers("Phó Chủ tịch", ["TM. Ban Thường trực"])}


def deep_bodies(province: Province) -> list[dict]:
    """The bodies a whole-drive data set (size 100k) adds to a province: the Mặt trận's committees of
    the province and of each commune, and each commune's grassroots union."""
    t, name = province.code, province.name
    bodies = [{
        "ma": f"{t}-mttq", "he_thong": "mat_tran", "ten": ["ỦY BAN MẶT TRẬN TỔ QUỐC", f"VIỆT NAM {_upper(name)}"],
        "ten_day_du": f"Ủy ban Mặt trận Tổ quốc Việt Nam {name}", "ten_ngan": f"Ủy ban MTTQ Việt Nam {name}",
        "ten_chu_quan": f"ỦY BAN MTTQ VIỆT NAM {_upper(name)}",
        "cap_tren": "mttq-tw", "cap": "tinh", "nhom_nhan": "Ủy ban MTTQ Việt Nam các tỉnh, thành phố",
        "dia_ban": name, "dia_danh": f"Số {province.number}", "ky_hieu": "MTTQ",
        "don_vi_soan_thao": [{"ma": "BPT", "ten": "Ban Phong trào"}],
        "nguoi_ky": _signers("Chủ tịch", ["TM. Ban Thường trực"])}]
    for commune_id, commune in province.communes:
        label = commune[0].upper() + commune[1:]
        bodies.append({
            "ma": f"{commune_id}-mttq", "he_thong": "mat_tran", "ten": ["ỦY BAN MẶT TRẬN TỔ QUỐC", _upper(commune)],
            "ten_day_du": f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune}", "ten_ngan": f"Ủy ban MTTQ {commune}",
            "cap_tren": f"{t}-mttq", "chu_quan": f"{t}-mttq", "cap": "xa",
            "nhom_nhan": "Ủy ban MTTQ các xã, phường, đặc khu", "dia_ban": f"{commune}, {name}", "dia_danh": label,
            "ky_hieu": "MTTQ", "nguoi_ky": _signers("Chủ tịch", ["TM. Ban Thường trực"])})
        bodies.append({
            "ma": f"{commune_id}-cdcs", "he_thong": "cong_doan", "ten": ["CÔNG ĐOÀN CƠ SỞ", _upper(commune)],
            "ten_day_du": f"Công đoàn cơ sở {commune}", "ten_ngan": f"Công đoàn cơ sở {commune}",
            "cap_tren": f"{t}-ldld", "chu_quan": f"{t}-ldld", "cap": "co_so",
            "nhom_nhan": "Các công đoàn cơ sở xã, phường, đặc khu", "dia_ban": f"{commune}, {name}",
            "dia_danh": label, "ky_hieu": "CĐCS", "nguoi_ky": _signers("Chủ tịch", ["TM. Ban Chấp hành"])})
    return bodies


def province_registry(province: Province, rng: random.Random) -> dict:
    """Return the registry file of one province: its bodies in three systems and its blocs."""
    t, name = province.code, province.name
    bodies = [
        {"ma": f"{t}-ubnd", "he_thong": "nha_nuoc", "ten": ["ỦY BAN NHÂN DÂN", _upper(name)],
         "ten_day_du": f"Ủy ban nhân dân {name}", "ten_ngan": f"UBND {name}", "ten_chu_quan": f"UBND {_upper(name)}",
         "cap_tren": "hdtdkt-tw", "cap": "tinh", "nhom_nhan": "UBND các tỉnh, thành phố",
         "dia_ban": name, "dia_danh": f"Số {province.number}", "ky_hieu": "UBND",
         "don_vi_soan_thao": [{"ma": "SNV", "ten": "Sở Nội vụ"}, {"ma": "VP", "ten": "Văn phòng"}],
         "nguoi_ky": _signers("Chủ tịch", ["TM. Ủy ban nhân dân"], "Phó Chủ tịch", ["TM. Ủy ban nhân dân", "KT. Chủ tịch"])},
        {"ma": f"{t}-tinh-uy", "he_thong": "dang", "ten": [f"TỈNH ỦY SỐ {province.number}"],
         "ten_day_du": f"Tỉnh ủy Số {province.number}", "ten_ngan": f"Tỉnh ủy Số {province.number}",
         "ten_chu_quan": f"ĐẢNG BỘ {_upper(name)}", "cap_tren": "ban-tc-tw", "cap": "tinh",
         "nhom_nhan": "Các tỉnh ủy, thành ủy", "dia_ban": name, "dia_danh": f"Số {province.number}", "ky_hieu": "TU",
         "nhiem_ky_tu": "15/10/2020", "nguoi_ky": _signers("Phó Bí thư", ["T/M Ban Thường vụ"])},
        {"ma": f"{t}-ldld", "he_thong": "cong_doan", "ten": ["LIÊN ĐOÀN LAO ĐỘNG", _upper(name)],
         "ten_day_du": f"Liên đoàn Lao động {name}", "ten_ngan": f"LĐLĐ {name}",
         "ten_chu_quan": f"LĐLĐ {_upper(name)}", "cap_tren": "tong-ldld", "cap": "tinh",
         "nhom_nhan": "LĐLĐ các tỉnh, thành phố", "dia_ban": name, "dia_danh": f"Số {province.number}",
         "ky_hieu": "LĐLĐ", "don_vi_soan_thao": [{"ma": "TC", "ten": "Ban Tổ chức"}],
         "nguoi_ky": _signers("Phó Chủ tịch", ["TM. Ban Thường vụ"])},
    ]
    for i, branch in enumerate(BRANCHES, start=1):
        bodies.append({
            "ma": f"{t}-cd-{i}", "he_thong": "cong_doan", "ten": [f"CÔNG ĐOÀN {_upper(branch)} TỈNH"],
            "ten_day_du": f"Công đoàn {branch} {name}", "ten_ngan": f"Công đoàn {branch} tỉnh",
            "cap_tren": f"{t}-ldld", "chu_quan": f"{t}-ldld", "cap": "nganh",
            "nhom_nhan": "Các công đoàn ngành và tương đương", "dia_ban": f"ngành {branch.lower()} {name}",
            "dia_danh": f"Số {province.number}", "ky_hieu": f"CĐ{i}",
            "cap_duoi_chung": ["Công đoàn cơ sở trực thuộc"],
            "nguoi_ky": _signers("Chủ tịch", ["TM. Ban Thường vụ"])})
    for commune_id, commune in province.communes:
        label = commune[0].upper() + commune[1:]
        bodies.append({
            "ma": f"{commune_id}-ubnd", "he_thong": "nha_nuoc", "ten": ["ỦY BAN NHÂN DÂN", _upper(commune)],
            "ten_day_du": f"Ủy ban nhân dân {commune}", "ten_ngan": f"UBND {commune}",
            "cap_tren": f"{t}-ubnd", "cap": "xa", "nhom_nhan": "UBND các xã, phường, đặc khu",
            "dia_ban": f"{commune}, {name}", "dia_danh": label, "ky_hieu": "UBND",
            "don_vi_soan_thao": [{"ma": "VP", "ten": "Văn phòng HĐND và UBND"}],
            "nguoi_ky": _signers("Chủ tịch", ["TM. Ủy ban nhân dân"])})
        bodies.append({
            "ma": f"{commune_id}-dang-uy", "he_thong": "dang", "ten": [f"ĐẢNG ỦY {_upper(commune)}"],
            "ten_day_du": f"Đảng ủy {commune}", "ten_ngan": f"Đảng ủy {commune}",
            "cap_tren": f"{t}-tinh-uy", "chu_quan": f"{t}-tinh-uy", "cap": "xa",
            "nhom_nhan": "Các đảng ủy xã, phường, đặc khu", "dia_ban": f"{commune}, {name}", "dia_danh": label,
            "ky_hieu": "ĐU", "nhiem_ky_tu": "20/07/2025",
            "nguoi_ky": _signers("Bí thư", ["T/M Đảng ủy"])})
    blocs = []
    members = [f"{c}-ubnd" for c, _n in province.communes]
    half = len(members) // 2
    for k, group in enumerate((members[:half], members[half:]), start=1):
        heads = rng.sample(group, 2)
        blocs.append({
            "ma": f"{t}-khoi-{k}", "ten": [f"KHỐI THI ĐUA SỐ {k}", f"CÁC XÃ, PHƯỜNG {_upper(name)}"],
            "ten_day_du": f"Khối thi đua số {k} các xã, phường {name}", "ten_ngan": f"Khối thi đua số {k}",
            "chu_quan": f"{t}-ubnd", "cap_tren": f"{t}-ubnd", "dia_ban": f"các xã, phường Khối số {k}",
            "dia_danh": f"Số {province.number}", "ky_hieu": f"KTĐ{k}", "thanh_vien": group,
            "truong_khoi": {"2025": heads[0], "2026": heads[1]}, "pho_truong_khoi": {"2025": [heads[1]]}})
    return {"co_quan": bodies, "khoi_thi_dua": blocs}


# --- content ------------------------------------------------------------------------


class Writer:
    """Paragraphs of two or three sentences drawn, without repeats in a row, from the prose lists."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def paragraph(self, pool: list[str], sentences: int | None = None, dash: bool = False) -> str:
        n = sentences or self.rng.randint(1, 2)
        text = " ".join(self.rng.sample(pool, min(n, len(pool))))
        return f"- {text}" if dash else text

    def paragraphs(self, pool: list[str], count: int, dash: bool = False) -> list[str]:
        return [self.paragraph(pool, dash=dash) for _ in range(count)]


def plan_content(w: Writer) -> list[dict]:
    """A kế hoạch: I. purpose, II. content, III. rewards, IV. organisation (about 2–3 pages)."""
    return [
        {"tieu_de": "Mục đích, yêu cầu", "muc": [
            {"tieu_de": "Mục đích", "doan": w.paragraphs(prose.PURPOSE, 2, dash=True)},
            {"tieu_de": "Yêu cầu", "doan": w.paragraphs(prose.REQUIREMENTS, 2, dash=True)}]},
        {"tieu_de": "Nội dung thi đua", "muc": [
            {"tieu_de": "Chủ đề thi đua", "cung_dong": w.rng.choice(prose.THEME)},
            {"tieu_de": "Nội dung", "muc": [{"doan": [w.paragraph(prose.CONTENT)]} for _ in range(5)]},
            {"tieu_de": "Thời gian", "cung_dong": "Từ ngày {{ tu_ngay }} đến ngày {{ den_ngay }}."}]},
        {"tieu_de": "Khen thưởng", "doan": [w.paragraph(prose.REWARD[:-1], 1), prose.REWARD[-1]]},
        {"tieu_de": "Tổ chức thực hiện", "muc": [
            {"tieu_de": "Các cơ quan, đơn vị", "doan": w.paragraphs(prose.ORGANISATION, 2, dash=True)},
            {"tieu_de": "Cơ quan thường trực", "doan": [w.paragraph(prose.ORGANISATION, 1)]}]},
    ]


def report_content(w: Writer) -> list[dict]:
    return [
        {"tieu_de": "Kết quả triển khai", "muc": [
            {"tieu_de": "Công tác lãnh đạo, chỉ đạo", "doan": w.paragraphs(prose.RESULTS, 2)},
            {"tieu_de": "Kết quả cụ thể", "doan": w.paragraphs(prose.RESULTS + prose.CONTENT, 4, dash=True)}]},
        {"tieu_de": "Tồn tại, hạn chế", "doan": w.paragraphs(prose.SHORTCOMINGS, 2)},
        {"tieu_de": "Phương hướng, nhiệm vụ thời gian tới", "doan": w.paragraphs(prose.DIRECTIONS, 3, dash=True)},
    ]


def letter_content(w: Writer, pool: list[str]) -> list[dict]:
    return [
        {"tieu_de": "Chủ đề thi đua", "doan": [w.rng.choice(prose.THEME)]},
        {"tieu_de": "Nội dung thi đua", "muc": [{"doan": [w.paragraph(pool, 2)]} for _ in range(4)]},
        {"tieu_de": "Tổ chức thực hiện", "doan": w.paragraphs(prose.ORGANISATION, 2)},
    ]


def decision_content(w: Writer) -> list[dict]:
    return [
        {"doan": ["Thành lập Ban Chỉ đạo phong trào thi đua của {{ dia_ban }} gồm đại diện lãnh đạo các sở, ban, "
                  "ngành và Ủy ban nhân dân các xã, phường, đặc khu."],
         "muc": [{"tieu_de": "Trưởng ban: Chủ tịch Ủy ban nhân dân {{ dia_ban }}."},
                 {"tieu_de": "Phó Trưởng ban: Giám đốc Sở Nội vụ."},
                 {"tieu_de": "Các thành viên: lãnh đạo các sở, ban, ngành có liên quan."}]},
        {"doan": ["Ban Chỉ đạo có nhiệm vụ giúp Ủy ban nhân dân {{ dia_ban }} lãnh đạo, chỉ đạo, kiểm tra, đôn đốc "
                  "việc tổ chức thực hiện phong trào thi đua; " + w.paragraph(prose.ORGANISATION, 1)]},
        {"doan": ["Quyết định này có hiệu lực kể từ ngày ký."]},
        {"doan": ["Chánh Văn phòng Ủy ban nhân dân, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan "
                  "và các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]},
    ]


def notice_content(w: Writer, pool: list[str]) -> list[dict]:
    return [{"doan": w.paragraphs(pool, 3)},
            {"tieu_de": "Nhiệm vụ trọng tâm", "muc": [{"doan": [w.paragraph(prose.DIRECTIONS, 2)]} for _ in range(3)]}]


def invitation_content(w: Writer) -> list[dict]:
    return [
        {"tieu_de": "Nội dung", "doan": ["Sơ kết phong trào thi đua; trao đổi kinh nghiệm, cách làm hay trong tổ chức "
                                          "thực hiện; triển khai nhiệm vụ thời gian tới."]},
        {"tieu_de": "Thành phần", "doan": ["Đại diện lãnh đạo các cơ quan, đơn vị trực thuộc; cán bộ làm công tác "
                                           "thi đua, khen thưởng."]},
        {"tieu_de": "Thời gian, địa điểm", "doan": prose.MEETING[:2]},
        {"doan": [prose.MEETING[2]]},
    ]


def guide_content(w: Writer) -> list[dict]:
    return [
        {"tieu_de": "Mục đích, yêu cầu", "doan": w.paragraphs(prose.PURPOSE + prose.PARTY, 3, dash=True)},
        {"tieu_de": "Nội dung", "muc": [{"doan": [w.paragraph(prose.PARTY + prose.CONTENT, 2)]} for _ in range(5)]},
        {"tieu_de": "Tổ chức thực hiện", "doan": w.paragraphs(prose.ORGANISATION, 3, dash=True)},
    ]


def state_campaign(provinces: list[Province], w: Writer) -> dict:
    docs = [
        {"ma": "kh-tw", "loai": "ke_hoach", "co_quan": "hdtdkt-tw", "so": 45, "ngay": "15/07/2025",
         "trich_yeu": "Phát động phong trào thi đua lập thành tích chào mừng Đại hội Đảng bộ các cấp "
                      "và Đại hội Thi đua yêu nước toàn quốc lần thứ XI",
         "thoi_gian": {"tu": "15/07/2025", "den": "30/06/2026"}, "han": "31/10/2025",
         "mo_dau": [w.paragraph(prose.PURPOSE, 2)],
         "noi_dung": plan_content(w)},
        {"ma": "kh-tinh", "van_ban_cha": "kh-tw", "trien_khai": {"cap": "tinh"}, "ngay": "01/08/2025",
         "trich_yeu": "Triển khai phong trào thi đua lập thành tích chào mừng Đại hội Đảng bộ các cấp trên địa bàn "
                      "{{ dia_ban }}",
         "thoi_gian": {"tu": "01/08/2025", "den": "30/06/2026"}, "han": "15/10/2025",
         "mo_dau": ["Để động viên cán bộ, công chức, viên chức, người lao động và Nhân dân {{ dia_ban }} tiếp tục "
                    "phát huy truyền thống thi đua yêu nước, {{ co_quan }} ban hành Kế hoạch triển khai như sau:"],
         "noi_dung": plan_content(w),
         "rieng": {f"{p.code}-ubnd": {"so": 100 + p.number, "nguoi_ky": "cap-pho"} for p in provinces[:3]}},
        {"ma": "cv-tinh", "van_ban_cha": "kh-tw", "trien_khai": {"cap": "tinh"}, "loai": "cong_van",
         "ngay": "05/08/2025", "don_vi_soan_thao": "VP",
         "trich_yeu": "đăng ký thi đua và công trình, phần việc chào mừng Đại hội",
         "noi_dung": letter_content(w, prose.CONTENT), "ket_thuc": ["Đề nghị các cơ quan, đơn vị quan tâm thực hiện."]},
        {"ma": "tb-tinh", "van_ban_cha": "kh-tw", "trien_khai": {"cap": "tinh"}, "loai": "thong_bao",
         "ngay": "25/08/2025", "trich_yeu": "Kết luận của Chủ tịch Ủy ban nhân dân {{ dia_ban }} tại hội nghị "
                                            "triển khai phong trào thi đua",
         "noi_dung": notice_content(w, prose.RESULTS)},
        {"ma": "qd-tinh", "van_ban_cha": "kh-tw", "trien_khai": {"cap": "tinh"}, "loai": "quyet_dinh",
         "ngay": "20/08/2025", "trich_yeu": "Về việc thành lập Ban Chỉ đạo phong trào thi đua",
         "tham_quyen_ban_hanh": "Chủ tịch Ủy ban nhân dân {{ dia_ban }}",
         "can_cu": ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                    "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
         "theo_de_nghi": "Giám đốc Sở Nội vụ", "noi_dung": decision_content(w)},
        {"ma": "gm-tinh", "van_ban_cha": "kh-tw", "trien_khai": {"cap": "tinh"}, "loai": "giay_moi",
         "ngay": "10/09/2025", "trich_yeu": "Mời dự Hội nghị sơ kết phong trào thi đua",
         "mo_dau": ["{{ co_quan }} trân trọng kính mời đại diện lãnh đạo các cơ quan, đơn vị dự Hội nghị sơ kết "
                    "phong trào thi đua, cụ thể như sau:"],
         "noi_dung": invitation_content(w)},
        {"ma": "kh-xa", "van_ban_cha": "kh-tinh", "trien_khai": {"cap": "xa"}, "ngay": "20/08/2025",
         "han": "30/09/2025",
         "trich_yeu": "Triển khai phong trào thi đua lập thành tích chào mừng Đại hội Đảng bộ {{ dia_ban }}"},
        {"ma": "bc-xa", "van_ban_cha": "kh-tinh", "trien_khai": {"cap": "xa"}, "loai": "bao_cao",
         "ngay": "05/10/2025", "trich_yeu": "Kết quả triển khai phong trào thi đua trên địa bàn {{ dia_ban }}",
         "mo_dau": ["Thực hiện chỉ đạo của cấp trên, {{ co_quan }} báo cáo kết quả triển khai phong trào thi đua "
                    "như sau:"],
         "noi_dung": report_content(w),
         "rieng": {provinces[p].communes[c][0] + "-ubnd": {"mo_dau": [w.paragraph(prose.RESULTS, 2)]}
                   for p in range(0, len(provinces), 3) for c in (1, 5)}},
    ]
    for p in provinces:
        for k in (1, 2):
            docs.append({
                "ma": f"tb-{p.code}-khoi-{k}", "van_ban_cha": "kh-tinh", "co_quan": f"{p.code}-khoi-{k}",
                "loai": "thong_bao", "ngay": "15/09/2025",
                "trich_yeu": f"Kết quả ký kết giao ước thi đua của Khối số {k}, {p.name}",
                "mo_dau": ["{{ co_quan }} thông báo kết quả ký kết giao ước thi đua năm {{ nam }} như sau:"],
                "noi_dung": notice_content(w, prose.BLOC),
                "ket_thuc": [f"Khối thi đua số {k} {p.name} đề nghị các thành viên tiếp tục thực hiện tốt giao ước "
                             "thi đua"]})
    return {"ma": STATE_CAMPAIGN, "ten": "Phong trào thi đua chào mừng Đại hội Đảng bộ các cấp (chính quyền)",
            "van_ban": docs}


def party_campaign(w: Writer) -> dict:
    return {"ma": PARTY_CAMPAIGN, "ten": "Phong trào thi đua chào mừng Đại hội Đảng bộ các cấp (Đảng)", "van_ban": [
        {"ma": "hd-tw", "loai": "huong_dan", "co_quan": "ban-tc-tw", "so": 12, "ngay": "10/07/2025",
         "trich_yeu": "Hướng dẫn tổ chức phong trào thi đua trong các tổ chức cơ sở đảng",
         "thoi_gian": {"tu": "10/07/2025", "den": "30/06/2026"}, "han": "31/10/2025",
         "noi_dung": guide_content(w)},
        {"ma": "ctr-tinh", "van_ban_cha": "hd-tw", "trien_khai": {"cap": "tinh"}, "loai": "chuong_trinh",
         "ngay": "28/07/2025", "han": "15/10/2025",
         "trich_yeu": "Chương trình hành động thực hiện phong trào thi đua trong Đảng bộ {{ dia_ban }}",
         "noi_dung": guide_content(w)},
        {"ma": "cv-tinh-uy", "van_ban_cha": "hd-tw", "trien_khai": {"cap": "tinh"}, "loai": "cong_van",
         "ngay": "01/08/2025", "trich_yeu": "về việc đăng ký công trình chào mừng đại hội đảng bộ các cấp",
         "noi_dung": letter_content(w, prose.PARTY)},
        {"ma": "kh-dang-uy-xa", "van_ban_cha": "ctr-tinh", "trien_khai": {"cap": "xa"}, "loai": "ke_hoach",
         "ngay": "12/08/2025", "han": "30/09/2025",
         "trich_yeu": "Thực hiện phong trào thi đua trong Đảng bộ {{ dia_ban }}",
         "noi_dung": plan_content(w)},
    ]}


def union_campaign(w: Writer) -> dict:
    return {"ma": UNION_CAMPAIGN, "ten": "Phong trào thi đua chào mừng Đại hội Đảng bộ các cấp (công đoàn)", "van_ban": [
        {"ma": "cv-tld", "loai": "cong_van", "co_quan": "tong-ldld", "so": 120, "ngay": "18/07/2025",
         "trich_yeu": "Phát động phong trào thi đua trong công nhân, viên chức, lao động",
         "thoi_gian": {"tu": "18/07/2025", "den": "30/06/2026"}, "han": "31/10/2025",
         "noi_dung": letter_content(w, prose.UNION + prose.CONTENT)},
        {"ma": "kh-ldld", "van_ban_cha": "cv-tld", "trien_khai": {"cap": "tinh"}, "loai": "ke_hoach",
         "ngay": "04/08/2025", "han": "15/10/2025",
         "trich_yeu": "Triển khai phong trào thi đua trong công nhân, viên chức, lao động {{ dia_ban }}",
         "noi_dung": plan_content(w)},
        {"ma": "gm-ldld", "van_ban_cha": "cv-tld", "trien_khai": {"cap": "tinh"}, "loai": "giay_moi",
         "ngay": "20/08/2025", "trich_yeu": "Mời dự Hội nghị triển khai phong trào thi đua",
         "noi_dung": invitation_content(w)},
        {"ma": "kh-cd", "van_ban_cha": "kh-ldld", "trien_khai": {"cap": "nganh"}, "loai": "ke_hoach",
         "ngay": "15/08/2025", "han": "30/09/2025",
         "trich_yeu": "Tổ chức phong trào thi đua trong {{ dia_ban }}", "noi_dung": plan_content(w)},
        {"ma": "bc-cd", "van_ban_cha": "kh-ldld", "trien_khai": {"cap": "nganh"}, "loai": "bao_cao",
         "ngay": "08/10/2025", "trich_yeu": "Kết quả thực hiện phong trào thi đua trong {{ dia_ban }}",
         "noi_dung": report_content(w)},
    ]}


def commune_set(w: Writer, system: str, parent: str, level: str, prefix: str) -> list[dict]:
    """The documents each commune issues in one system when a drive goes all the way down (size 100k).

    Fan-outs (``trien_khai``) under the province's document ``parent``: a letter, notices, an
    invitation, reports and, for the state and the Mặt trận, a decision; dated inside the
    parent's period and before its deadline, worded from the same sentences as the rest.
    """
    def fan(ma, loai, ngay, trich_yeu, **more):
        return {"ma": f"{prefix}-{ma}", "van_ban_cha": parent, "trien_khai": {"cap": level}, "loai": loai,
                "ngay": ngay, "trich_yeu": trich_yeu, **more}

    pool = {"state": prose.CONTENT, "party": prose.PARTY + prose.CONTENT, "front": prose.ORGANISATION + prose.CONTENT,
            "union": prose.UNION + prose.CONTENT}[system]
    docs = [
        fan("cv", "cong_van", "22/08/2025", "đăng ký công trình, phần việc chào mừng Đại hội",
            noi_dung=letter_content(w, pool), ket_thuc=["Đề nghị các cơ quan, đơn vị quan tâm thực hiện."]),
        fan("tb", "thong_bao", "26/08/2025", "Kết luận hội nghị triển khai phong trào thi đua trên địa bàn {{ dia_ban }}",
            noi_dung=notice_content(w, prose.RESULTS)),
        fan("gm", "giay_moi", "02/09/2025", "Mời dự Hội nghị sơ kết phong trào thi đua",
            mo_dau=["{{ co_quan }} trân trọng kính mời đại diện lãnh đạo các cơ quan, đơn vị dự Hội nghị sơ kết "
                    "phong trào thi đua, cụ thể như sau:"], noi_dung=invitation_content(w)),
        fan("bc-sk", "bao_cao", "15/09/2025", "Sơ kết phong trào thi đua trên địa bàn {{ dia_ban }}",
            mo_dau=["{{ co_quan }} báo cáo sơ kết phong trào thi đua như sau:"], noi_dung=report_content(w)),
        fan("tb-kq", "thong_bao", "25/09/2025", "Kết quả đăng ký công trình, phần việc chào mừng Đại hội",
            noi_dung=notice_content(w, prose.BLOC)),
    ]
    if system == "party":
        docs.append(fan("bc", "bao_cao", "05/10/2025", "Kết quả thực hiện phong trào thi đua trong Đảng bộ {{ dia_ban }}",
                        noi_dung=report_content(w)))
    else:
        docs.append(fan("kh", "ke_hoach", "20/08/2025", "Triển khai phong trào thi đua trên địa bàn {{ dia_ban }}",
                        han="30/09/2025", noi_dung=plan_content(w)))
    if system in ("state", "front"):
        docs.append(fan("qd", "quyet_dinh", "21/08/2025", "Về việc thành lập Ban Chỉ đạo phong trào thi đua",
                        tham_quyen_ban_hanh=("Chủ tịch Ủy ban nhân dân {{ dia_ban }}" if system == "state"
                                             else "Ban Thường trực Ủy ban MTTQ Việt Nam {{ dia_ban }}"),
                        can_cu=["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
                        noi_dung=decision_content(w)))
    if system == "union":
        docs.append(fan("bc", "bao_cao", "05/10/2025", "Kết quả thực hiện phong trào thi đua trong {{ dia_ban }}",
                        noi_dung=report_content(w)))
    return docs


def front_campaign(w: Writer) -> dict:
    """The Mặt trận's drive (size 100k): the central plan, each province's, and each commune's set."""
    return {"ma": FRONT_CAMPAIGN, "ten": "Phong trào thi đua chào mừng Đại hội Đảng bộ các cấp (Mặt trận)", "van_ban": [
        {"ma": "kh-mttw", "loai": "ke_hoach", "co_quan": "mttq-tw", "so": 30, "ngay": "16/07/2025",
         "trich_yeu": "Vận động các tầng lớp Nhân dân thi đua lập thành tích chào mừng Đại hội Đảng bộ các cấp",
         "thoi_gian": {"tu": "16/07/2025", "den": "30/06/2026"}, "han": "31/10/2025",
         "mo_dau": [w.paragraph(prose.PURPOSE, 2)], "noi_dung": plan_content(w)},
        {"ma": "kh-mttq-tinh", "van_ban_cha": "kh-mttw", "trien_khai": {"cap": "tinh"}, "ngay": "02/08/2025",
         "trich_yeu": "Vận động Nhân dân {{ dia_ban }} thi đua lập thành tích chào mừng Đại hội Đảng bộ các cấp",
         "thoi_gian": {"tu": "02/08/2025", "den": "30/06/2026"}, "han": "15/10/2025", "noi_dung": plan_content(w)},
        *commune_set(w, "front", "kh-mttq-tinh", "xa", "mttq-xa"),
    ]}


def expected_documents(provinces: list[Province], size: str = "10k") -> int:
    communes = sum(len(p.communes) for p in provinces)
    state = 1 + 5 * len(provinces) + 2 * communes + 2 * len(provinces)
    party = 1 + 2 * len(provinces) + communes
    union = 1 + 2 * len(provinces) + 2 * len(provinces) * len(BRANCHES)
    if size == "100k":  # each commune's set in each system, and the Mặt trận's drive
        state += 7 * communes
        party += 6 * communes
        union += 7 * communes
        front = 1 + len(provinces) + 7 * communes
        return state + party + union + front
    return state + party + union


def _dump(path: Path, header: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100000)
    path.write_text(header + text, encoding="utf-8")


def generate(target: Path, seed: int = 2025, provinces: int = PROVINCES, communes: int = COMMUNES,
             size: str = "10k") -> Generated:
    """Write the synthetic data set into ``target/data``; return what was written.

    ``provinces`` and ``communes`` make a smaller country for tests (40 to 160 communes each);
    ``size="100k"`` takes the drive down to every commune in four systems (see the module's note).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, not {size!r}")
    deep = size == "100k"
    rng = random.Random(seed)
    provinces = build_map(rng, provinces, communes)
    data = target / "data"
    central = central_registry()
    if deep:
        central["co_quan"].append(front_registry())
    _dump(data / "to-chuc" / "00-trung-uong.yaml", REGISTRY_SCHEMA, central)
    bodies = len(central["co_quan"])
    for province in provinces:
        registry = province_registry(province, rng)
        if deep:
            registry["co_quan"] += deep_bodies(province)
        bodies += len(registry["co_quan"]) + len(registry["khoi_thi_dua"])
        _dump(data / "to-chuc" / f"{province.code}.yaml", REGISTRY_SCHEMA, registry)
    w = Writer(rng)
    campaigns = [state_campaign(provinces, w), party_campaign(w), union_campaign(w)]
    if deep:  # appended after the 10k set's own, which stays as it is
        campaigns[0]["van_ban"] += commune_set(w, "state", "kh-tinh", "xa", "xa")
        campaigns[1]["van_ban"] += commune_set(w, "party", "ctr-tinh", "xa", "dang-uy-xa")
        campaigns[2]["van_ban"] += commune_set(w, "union", "kh-ldld", "co_so", "cdcs")
        campaigns.append(front_campaign(w))
    for campaign in campaigns:
        _dump(data / "chien-dich" / f"{campaign['ma']}.yaml", CAMPAIGN_SCHEMA, campaign)
    return Generated(data, bodies, sum(len(p.communes) for p in provinces), expected_documents(provinces, size),
                     data / EDIT_FILE, EDIT_MARK)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--size", choices=SIZES, default="10k")
    args = parser.parse_args()
    g = generate(args.target, args.seed, size=args.size)
    print(f"{g.data_dir}: {g.bodies} bodies, {g.communes} communes, {g.documents} documents")


if __name__ == "__main__":
    main()
