"""The cascade (pipeline/cascade/resolve.py): one test per rule, on copies of the mini data set."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import resolved_documents

from pipeline.cascade.resolve import notation_for, resolve_campaigns
from pipeline.docx.layout import plain
from pipeline.docx.render import recipient_lines, template_context
from pipeline.model import Document
from pipeline.sources.validate import validate_sources
from pipeline.vietnamese.format import number_line

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
CAMPAIGN = "chien-dich/mau.yaml"
REGISTRY = "to-chuc.yaml"

# A commune under Trạm Tấu, for rules that need a third level.
COMMUNE = """\
  - ma: ubnd-xa-ta-xi-lang
    he_thong: nha_nuoc
    ten: [ỦY BAN NHÂN DÂN, XÃ TÀ XI LÁNG]
    ten_day_du: Ủy ban nhân dân xã Tà Xi Láng
    ten_ngan: UBND xã Tà Xi Láng
    cap_tren: ubnd-huyen-tram-tau
    cap: xa
    dia_ban: xã Tà Xi Láng
    dia_danh: Tà Xi Láng
    ky_hieu: UBND
    nguoi_ky:
      - {ma: chu-tich, ho_ten: Giàng A Dê, chuc_vu: Chủ tịch, quyen_han: TM. Ủy ban nhân dân}
"""


def resolved(data_dir: Path) -> dict[str, Document]:
    return resolved_documents(data_dir)


def problems_of(data_dir: Path) -> list[str]:
    sources, problems = validate_sources(data_dir)
    assert [p.format() for p in problems] == []
    _trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    return [p.format() for p in problems]


def all_text(doc: Document) -> list[str]:
    out: list[str] = []

    def walk(sections):
        for s in sections:
            out.extend(x for x in (s.title, s.inline) if x)
            out.extend(s.paragraphs)
            walk(s.children)

    walk(doc.sections)
    return out


@pytest.fixture(scope="module")
def mini() -> dict[str, Document]:
    return resolved(MINI)


@pytest.fixture(scope="module")
def registry():
    sources, _problems = validate_sources(MINI)
    return sources.registry


def add_document(copy, text: str) -> None:
    path = copy.root / CAMPAIGN
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def add_commune(copy) -> None:
    copy.edit(REGISTRY, "  - ma: ubnd-huyen-van-yen\n", COMMUNE + "  - ma: ubnd-huyen-van-yen\n")


# --- inheritance ---------------------------------------------------------------------------------------


def test_child_without_content_gets_the_parents_sections_reworded(mini):
    province, district = mini["kh-tinh"], mini["kh-huyen--ubnd-huyen-tram-tau"]
    assert [s.title for s in district.sections] == [s.title for s in province.sections]
    assert district.type == province.type == "ke_hoach"
    assert district.subject == province.subject
    assert province.sections[0].children[0].paragraphs == (
        "- Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân tỉnh Yên Bái.",)
    assert district.sections[0].children[0].paragraphs == (
        "- Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân huyện Trạm Tấu.",)
    assert district.sections[1].children[0].inline == (
        "“Đảng bộ, chính quyền và Nhân dân các dân tộc huyện Trạm Tấu ra sức thi đua”.")
    assert not any("tỉnh Yên Bái" in t for t in all_text(district))


def test_inherited_placeholders_take_the_childs_own_values(mini):
    district = mini["kh-huyen--ubnd-huyen-tram-tau"]
    # {{ co_quan }}, {{ han }}, {{ tu_ngay }}, {{ den_ngay }}: the district's body, deadline and period
    assert district.sections[2].paragraphs[0].startswith(
        "Các cơ quan, đơn vị gửi đăng ký về Ủy ban nhân dân huyện Trạm Tấu trước ngày 25/10/2024;")
    assert district.sections[1].children[1].inline == "Từ 10/10/2024 đến 31/12/2025."
    assert mini["kh-tinh"].sections[1].children[1].inline == "Từ 30/8/2024 đến 31/12/2025."


def test_child_that_writes_content_keeps_its_own(mini):
    letter = mini["cv-ldld"]
    assert [s.title for s in letter.sections] == ["Chủ đề thi đua", "Nội dung thi đua"]
    assert letter.subject == mini["kh-tinh"].subject  # trích yếu not written: inherited
    assert letter.date.isoformat() == "2024-10-24"


# --- fan-out -----------------------------------------------------------------------------------------------


def test_fan_out_makes_one_document_per_selected_body(mini):
    fanned = sorted(d for d in mini if d.startswith("kh-huyen"))
    assert fanned == ["kh-huyen--ubnd-huyen-tram-tau", "kh-huyen--ubnd-huyen-van-yen"]
    assert [mini[d].issuer.id for d in fanned] == ["ubnd-huyen-tram-tau", "ubnd-huyen-van-yen"]
    assert {mini[d].parent for d in fanned} == {"kh-tinh"}
    assert "kh-huyen" not in mini  # the spec itself is not a document


def test_fan_out_without_level_selects_every_body_below(mini_copy):
    mini_copy.edit(CAMPAIGN, "    trien_khai: {cap: huyen}\n", "    trien_khai: {}\n")
    mini_copy.edit(CAMPAIGN, "    van_ban_cha: kh-huyen--ubnd-huyen-van-yen\n", "    van_ban_cha: kh-huyen\n")
    docs = resolved(mini_copy.root)
    # LĐLĐ tỉnh reports to UBND tỉnh in the mini registry, so it is selected too
    assert sorted(d for d in docs if d.startswith("kh-huyen--")) == [
        "kh-huyen--ldld-tinh", "kh-huyen--ubnd-huyen-tram-tau", "kh-huyen--ubnd-huyen-van-yen"]


def test_fan_out_by_list_selects_exactly_those_bodies(mini_copy):
    mini_copy.edit(CAMPAIGN, "trien_khai: {cap: huyen}", "trien_khai: {danh_sach: [ubnd-huyen-van-yen]}")
    mini_copy.edit(CAMPAIGN, "    van_ban_cha: kh-huyen--ubnd-huyen-tram-tau\n",
                   "    van_ban_cha: kh-huyen--ubnd-huyen-van-yen\n")
    mini_copy.edit(CAMPAIGN, "    co_quan: ubnd-huyen-tram-tau\n", "    co_quan: ubnd-huyen-van-yen\n")
    docs = resolved(mini_copy.root)
    assert sorted(d for d in docs if d.startswith("kh-huyen--")) == ["kh-huyen--ubnd-huyen-van-yen"]


def test_rieng_overrides_only_that_body(mini_copy):
    mini_copy.edit(CAMPAIGN, "    han: 25/10/2024\n",
                   "    han: 25/10/2024\n"
                   "    rieng:\n"
                   "      ubnd-huyen-van-yen:\n"
                   "        trich_yeu: Thi đua chào mừng Đại hội Đảng bộ huyện Văn Yên\n"
                   "        han: 20/10/2024\n")
    docs = resolved(mini_copy.root)
    van_yen, tram_tau = docs["kh-huyen--ubnd-huyen-van-yen"], docs["kh-huyen--ubnd-huyen-tram-tau"]
    assert van_yen.subject == "Thi đua chào mừng Đại hội Đảng bộ huyện Văn Yên"
    assert van_yen.deadline.isoformat() == "2024-10-20"
    assert tram_tau.subject == docs["kh-tinh"].subject
    assert tram_tau.deadline.isoformat() == "2024-10-25"
    # everything not overridden is still shared
    assert [s.title for s in van_yen.sections] == [s.title for s in tram_tau.sections]


# --- a single issuer under a fan-out parent ----------------------------------------------------------------


def test_single_issuer_child_answers_its_own_instance_of_a_fan_out(mini_copy):
    mini_copy.edit(CAMPAIGN, "    van_ban_cha: kh-huyen--ubnd-huyen-tram-tau\n", "    van_ban_cha: kh-huyen\n")
    docs = resolved(mini_copy.root)
    assert docs["qd-khen-thuong"].parent == "kh-huyen--ubnd-huyen-tram-tau"
    assert list(docs).count("qd-khen-thuong") == 1


def test_single_issuer_child_answers_the_instance_of_its_superior(mini_copy):
    add_commune(mini_copy)
    add_document(mini_copy, (
        "  - ma: kh-xa\n"
        "    van_ban_cha: kh-huyen\n"
        "    co_quan: ubnd-xa-ta-xi-lang\n"
        "    ngay: 15/10/2024\n"
        "    thoi_gian: {tu: 15/10/2024, den: 31/12/2025}\n"
        "    han: 20/10/2024\n"))
    docs = resolved(mini_copy.root)
    commune = docs["kh-xa"]
    assert commune.parent == "kh-huyen--ubnd-huyen-tram-tau"  # not Văn Yên's instance
    assert commune.issuer.id == "ubnd-xa-ta-xi-lang"
    assert "- Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân xã Tà Xi Láng." in all_text(commune)
    assert commune.recipients[0] == "UBND huyện Trạm Tấu (để b/c)"


def test_single_issuer_outside_every_instance_is_reported(mini_copy, monkeypatch):
    monkeypatch.chdir(mini_copy.root.parent)  # messages name files relative to the working folder
    mini_copy.edit(CAMPAIGN, "    van_ban_cha: kh-huyen--ubnd-huyen-tram-tau\n    co_quan: ubnd-huyen-tram-tau\n",
                   "    van_ban_cha: kh-huyen\n    co_quan: ldld-tinh\n")
    assert problems_of(mini_copy.root) == [
        "data/chien-dich/mau.yaml:59:18: van_ban_cha: 'ldld-tinh' không thuộc cơ quan nào ban hành 'kh-huyen'\n"
        "    Gợi ý: ghi rõ văn bản cha dạng 'kh-huyen--<mã cơ quan>'"
    ]


# --- recipients ------------------------------------------------------------------------------------------------


# A công văn of the province under its plan, as a clerk adds one.
CV_TINH = ("  - ma: cv-tinh\n"
           "    van_ban_cha: kh-tinh\n"
           "    co_quan: ubnd-tinh\n"
           "    loai: cong_van\n"
           "    ngay: 05/09/2024\n"
           "    trich_yeu: đôn đốc đăng ký thi đua\n")


def test_cong_van_is_addressed_to_the_subordinates_by_default(mini_copy):
    add_document(mini_copy, CV_TINH)
    letter = resolved(mini_copy.root)["cv-tinh"]
    assert letter.addressees == ("UBND các huyện, thị xã, thành phố", "LĐLĐ tỉnh")  # one line per group
    assert letter.recipients == ("Như trên",)  # no body above the province
    assert [plain(r).replace("\u00a0", " ") for r in recipient_lines(letter)] == ["- Như trên;", "- Lưu: VT, VX."]


def test_named_addressees_then_nhu_tren_and_the_level_above(mini):
    letter = mini["cv-ldld"]
    assert letter.addressees == ("Công đoàn Viên chức tỉnh", "Các LĐLĐ huyện, thị xã, thành phố")
    assert letter.recipients == ("Như trên", "UBND tỉnh (để b/c)")
    assert [plain(r).replace("\u00a0", " ") for r in recipient_lines(letter)] == [
        "- Như trên;", "- UBND tỉnh (để b/c);", "- Lưu: VT, LĐLĐ."]


def test_plan_goes_to_subordinates_and_reports_up(mini):
    assert mini["kh-tinh"].addressees == ()
    assert mini["kh-tinh"].recipients == ("UBND các huyện, thị xã, thành phố", "LĐLĐ tỉnh")
    assert mini["kh-huyen--ubnd-huyen-tram-tau"].recipients == ("UBND tỉnh (để b/c)",)
    assert mini["kh-duk"].recipients == ("Tỉnh ủy (để b/c)",)  # Party: the Tỉnh ủy above


# --- signature and notation by system ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id, lines", [
    ("kh-tinh", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]),  # state, collective body
    ("kh-huyen--ubnd-huyen-tram-tau", ["CHỦ TỊCH", "Vũ Lê Chung Anh"]),  # the head signs directly
    ("cv-ldld", ["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]),  # union
    ("kh-duk", ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn A"]),  # Party: T/M with a slash
])
def test_signature_lines_by_system(mini, doc_id, lines):
    doc = mini[doc_id]
    parent = mini.get(doc.parent) if doc.parent else None
    signature = template_context(doc, parent, None)["signature"]
    shown = [plain(r) for r in signature["authority"]] + [plain(signature["title_runs"]), plain(signature["name_runs"])]
    assert shown == lines


@pytest.mark.parametrize("doc_id, notation, number", [
    ("kh-tinh", "KH-UBND", "Số: 188/KH-UBND"),
    ("qd-khen-thuong", "QĐ-UBND", "Số:       /QĐ-UBND"),  # a draft: blank number
    ("cv-ldld", "LĐLĐ", "Số:       /LĐLĐ"),  # công văn, issuer without drafting units
    ("kh-duk", "KH/ĐUK", "Số 277-KH/ĐUK"),  # Party
])
def test_notation_per_system(mini, doc_id, notation, number):
    doc = mini[doc_id]
    assert doc.notation == notation
    assert number_line(doc.number, doc.notation, doc.system == "party") == number


@pytest.mark.parametrize("doc_type, issuer, unit, expected", [
    ("ke_hoach", "ubnd-tinh", "VX", "KH-UBND"),
    ("cong_van", "ubnd-tinh", "VX", "UBND-VX"),  # công văn: body, then drafting unit
    ("cong_van", "ubnd-tinh", None, "UBND"),
    ("quyet_dinh", "ubnd-huyen-tram-tau", "PNV", "QĐ-UBND"),
    ("ke_hoach", "dang-uy-khoi", None, "KH/ĐUK"),
    ("cong_van", "dang-uy-khoi", None, "CV/ĐUK"),  # Party công văn: CV
    ("thong_bao", "cdvc-tinh", None, "TB-CĐVC"),  # union: as the state
])
def test_notation_for(registry, doc_type, issuer, unit, expected):
    assert notation_for(doc_type, registry.bodies[issuer], unit) == expected


def test_state_cong_van_takes_the_drafting_unit(mini_copy):
    add_document(mini_copy, CV_TINH)
    letter = resolved(mini_copy.root)["cv-tinh"]
    assert letter.notation == "UBND-VX"
    assert number_line(letter.number, letter.notation, False) == "Số:       /UBND-VX"


def test_written_ky_hieu_wins(mini_copy):
    mini_copy.edit(CAMPAIGN, "    loai: cong_van\n", "    loai: cong_van\n    ky_hieu: CSPL\n")
    assert resolved(mini_copy.root)["cv-ldld"].notation == "CSPL"


def test_grouping_100000_subordinates_is_linear():
    """The "Kính gửi" of a body with 100,000 subordinates: the step that made `vanban check` take 822 s."""
    import time
    from types import MappingProxyType

    from pipeline.cascade.resolve import subordinate_groups
    from pipeline.errors import SourceLocation
    from pipeline.model import Body, Registry

    def body(i, parent):
        return Body(id=f"b{i}", system="state", name_lines=("X",), full_name=f"Cơ quan {i}", short_name=f"Cơ quan {i}",
                    notation="UBND", place="X", locality="x", location=SourceLocation("r", i, 1), parent=parent,
                    recipient_group="Các xã" if i % 2 else None)

    registry = Registry(MappingProxyType({"b0": body(0, None), **{f"b{i}": body(i, "b0") for i in range(1, 100_001)}}))
    start = time.perf_counter()
    groups = subordinate_groups(registry.bodies["b0"], registry)
    assert time.perf_counter() - start < 5  # quadratic: 2.5·10⁹ comparisons of names
    assert len(groups) == 50_001 and groups[:3] == ("Các xã", "Cơ quan 2", "Cơ quan 4")
