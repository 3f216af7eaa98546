"""Body layout (pipeline/docx/layout.py): numbering, citations, the closing "./.", emphasis and escaping."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from pipeline.cascade.number import assign_numbers
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.docx.layout import body_blocks, citation, plain, runs
from pipeline.model import Document, Section
from pipeline.sources.validate import validate_sources

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# Four levels, the second with two unnamed points, to see every label.
NESTED = (
    Section(title="Mục đích, yêu cầu", children=(
        Section(title="Mục đích", children=(
            Section(title="Điểm một", children=(Section(paragraphs=("gạch đầu dòng",)),)),
            Section(paragraphs=("điểm hai",)),
        )),
        Section(title="Yêu cầu", inline="thiết thực, hiệu quả"),
    )),
    Section(title="Nội dung", children=(Section(paragraphs=("đoạn đầu", "đoạn tiếp theo")),)),
)


@pytest.fixture(scope="module")
def mini() -> dict[str, Document]:
    sources, problems = validate_sources(MINI)
    assert problems == []
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    assert problems == []
    trees, problems = assign_numbers(trees, None, record=False)
    assert problems == []
    return {d.id: d for t in trees for d in t.documents}


def texts(doc: Document, parent: Document | None = None) -> list[str]:
    return [b.text for b in body_blocks(doc, parent)]


def run_elements(markup) -> list:
    """Parse runs into lxml elements (the markup must be well-formed WordprocessingML)."""
    paragraph = etree.fromstring(f'<w:p xmlns:w="{W_NS}">{markup}</w:p>'.encode("utf-8"))
    return paragraph.findall(f"{W}r")


# --- numbering -----------------------------------------------------------------------------------------------


def test_ke_hoach_numbers_i_1_a_dash(mini):
    plan = replace(mini["kh-tinh"], sections=NESTED, closing=())
    assert texts(plan) == [
        "I. MỤC ĐÍCH, YÊU CẦU",  # a mục's name in capitals
        "1. Mục đích",
        "a) Điểm một",
        "- gạch đầu dòng",
        "b) điểm hai",  # an unnamed point: the label starts its first paragraph
        "2. Yêu cầu: thiết thực, hiệu quả",  # cung_dong follows the name after ":"
        "II. NỘI DUNG",
        "1. đoạn đầu",
        "đoạn tiếp theo./.",  # later paragraphs carry no label
    ]


def test_cong_van_numbers_1_2_1(mini):
    letter = replace(mini["cv-ldld"], sections=NESTED, closing=(), bases=())
    assert texts(letter) == [
        "1. Mục đích, yêu cầu",  # not in capitals in a công văn
        "1.1. Mục đích",
        "a) Điểm một",
        "- gạch đầu dòng",
        "b) điểm hai",
        "1.2. Yêu cầu: thiết thực, hiệu quả",
        "2. Nội dung",
        "2.1. đoạn đầu",
        "đoạn tiếp theo./.",
    ]


def test_fifth_point_is_d_with_stroke(mini):
    points = tuple(Section(paragraphs=(f"điểm {n}",)) for n in range(1, 8))
    plan = replace(mini["kh-tinh"], sections=(Section(title="Mục", children=(Section(title="Khoản", children=points),)),),
                   closing=())
    assert [t.split(" ")[0] for t in texts(plan)[2:]] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]


@pytest.mark.parametrize("scheme, labels", [
    (("1.", "1.1.", "1.1.1.", "-"), ["1.", "1.1.", "1.1.1.", "-", "1.1.2.", "1.2.", "2.", "2.1.", "đoạn"]),
    (("I.", "1.", "(1)", "+"), ["I.", "1.", "(1)", "+", "(2)", "2.", "II.", "1.", "đoạn"]),
    (("1)", "a.", "+"), ["1)", "a.", "+", "+", "+", "b.", "2)", "a.", "đoạn"]),
])
def test_a_document_chooses_its_numbering(mini, scheme, labels):
    plan = replace(mini["kh-tinh"], sections=NESTED, closing=(), numbering=scheme)
    assert [t.split(" ")[0] for t in texts(plan)] == labels


def test_seed_003_numbers_7_1_under_7_and_keeps_its_letters(mini):
    # Seed 003: "7. Tiêu chí …" numbers its own parts "7.1.", "7.2.", then a), b); its points run
    # a) b) c) d) e) g) — the clerk's "e" after "d", no "đ" — and go on from there.
    criteria = Section(title="Tiêu chí", numbering=("1.1.", "a)", "-"), children=(
        Section(title="Đối với tập thể", children=(Section(title="Các cơ quan", paragraphs=("- tiêu chí",)),
                                                   Section(title="Các doanh nghiệp"))),
        Section(title="Đối với cá nhân"),
    ))
    points = tuple(Section(paragraphs=(f"điểm {n}",), number=6 if n == 5 else None) for n in range(1, 8))
    khoan = tuple(Section(title=f"Khoản {n}") for n in range(1, 6)) + (
        Section(title="Nội dung thi đua", children=points), criteria)
    plan = replace(mini["kh-tinh"], sections=(Section(title="Nội dung", children=khoan),), closing=())
    assert texts(plan)[6:] == [
        "6. Nội dung thi đua", "a) điểm 1", "b) điểm 2", "c) điểm 3", "d) điểm 4", "e) điểm 5", "g) điểm 6",
        "h) điểm 7", "7. Tiêu chí", "7.1. Đối với tập thể", "a) Các cơ quan", "- tiêu chí", "b) Các doanh nghiệp",
        "7.2. Đối với cá nhân./."]


def test_a_section_keeps_the_number_its_clerk_gave(mini):
    sections = (Section(title="Một"), Section(title="Bốn", number=4), Section(title="Năm"))
    plan = replace(mini["kh-tinh"], sections=sections, closing=())
    assert texts(plan) == ["I. MỘT", "IV. BỐN", "V. NĂM./."]


def test_section_titles_are_bold_down_to_khoan(mini):
    plan = replace(mini["kh-tinh"], sections=NESTED, closing=())
    blocks = body_blocks(plan, None)
    bold = ["<w:b/>" in str(b.runs) for b in blocks]
    assert bold[:3] == [True, True, False]  # mục and khoản bold, điểm not


def test_quyet_dinh_numbers_articles(mini):
    decision = mini["qd-khen-thuong"]
    assert texts(decision, mini["kh-huyen--ubnd-huyen-tram-tau"]) == [
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 05 tập thể có thành tích xuất sắc.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ và các tập thể có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này./.",
    ]


# --- the closing "./." --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("last, shown", [
    ("Tổ chức thực hiện nghiêm túc", "Tổ chức thực hiện nghiêm túc./."),
    ("Tổ chức thực hiện nghiêm túc.", "Tổ chức thực hiện nghiêm túc./."),  # not "…túc.../."
    ("Tổ chức thực hiện nghiêm túc./.", "Tổ chức thực hiện nghiêm túc./."),  # already closed: once
    ("Tổ chức thực hiện nghiêm túc;", "Tổ chức thực hiện nghiêm túc./."),
    ("Tổ chức thực hiện nghiêm túc...", "Tổ chức thực hiện nghiêm túc./."),
    ("Tổ chức thực hiện nghiêm túc.  ", "Tổ chức thực hiện nghiêm túc./."),
    ("Thực hiện *nghiêm túc*.", "Thực hiện nghiêm túc./."),  # after an italic run
])
def test_last_paragraph_closes_with_dot_slash_dot_once(mini, last, shown):
    plan = replace(mini["kh-tinh"], sections=(), closing=("Đoạn kết thứ nhất.", last))
    blocks = body_blocks(plan, None)
    assert [b.text for b in blocks] == ["Đoạn kết thứ nhất.", shown]
    assert plain(blocks[-1].runs) == shown  # what Word shows, not only the block's text
    assert "".join(b.text for b in blocks).count("./.") == 1


def test_closing_goes_on_the_last_section_when_there_is_no_closing_text(mini):
    blocks = texts(mini["kh-tinh"])
    assert blocks[-1].endswith("phong cách Hồ Chí Minh./.")
    assert sum(t.count("./.") for t in blocks) == 1


# --- citations -----------------------------------------------------------------------------------------------------


def test_child_cites_its_parent_in_full(mini):
    district = mini["kh-huyen--ubnd-huyen-tram-tau"]
    assert texts(district, mini["kh-tinh"])[0] == (
        "Thực hiện Kế hoạch số 188/KH-UBND ngày 30/8/2024 của Ủy ban nhân dân tỉnh Yên Bái về phát động "
        "phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp.")


def test_cong_van_cites_with_can_cu(mini):
    assert texts(mini["cv-ldld"], mini["kh-tinh"])[0].startswith(
        "Căn cứ Kế hoạch số 188/KH-UBND ngày 30/8/2024 của Ủy ban nhân dân tỉnh Yên Bái về phát động ")


@pytest.mark.parametrize("doc_id, expected", [
    ("kh-tinh", "Kế hoạch số 188/KH-UBND ngày 30/8/2024 của Ủy ban nhân dân tỉnh Yên Bái về phát động phong trào "
                "thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp"),
    # Party number; a trích yếu that already starts with "về" is not given a second one
    ("kh-duk", "Kế hoạch số 277-KH/ĐUK ngày 18/9/2024 của Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh về việc phát "
               "động đợt thi đua đặc biệt lập thành tích chào mừng đại hội Đảng bộ các cấp nhiệm kỳ 2025 - 2030"),
    # a draft has no number yet; a công văn is cited with "V/v"
    ("cv-ldld", "Công văn số …/LĐLĐ ngày 24/10/2024 của Liên đoàn Lao động tỉnh Yên Bái V/v Phát động phong trào "
                "thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ các cấp"),
])
def test_citation(mini, doc_id, expected):
    assert citation(mini[doc_id]) == expected


# --- runs: emphasis and escaping -------------------------------------------------------------------------------------


def test_asterisks_become_an_italic_run():
    elements = run_elements(runs("thực hiện *Học tập và làm theo* Bác"))
    assert ["".join(r.itertext()) for r in elements] == ["thực hiện ", "Học tập và làm theo", " Bác"]
    assert [r.find(f"{W}rPr/{W}i") is not None for r in elements] == [False, True, False]


def test_double_asterisks_become_a_bold_run():
    elements = run_elements(runs("**Lưu ý:** gửi trước hạn"))
    assert ["".join(r.itertext()) for r in elements] == ["Lưu ý:", " gửi trước hạn"]
    assert [r.find(f"{W}rPr/{W}b") is not None for r in elements] == [True, False]


def test_italic_inside_italic_text_turns_upright():
    elements = run_elements(runs("Căn cứ *Luật Thi đua*", italic=True))
    assert [r.find(f"{W}rPr/{W}i") is not None for r in elements] == [True, False]


def test_a_lone_asterisk_stays_text():
    assert plain(runs("5 * 3 = 15")) == "5 * 3 = 15"


@pytest.mark.parametrize("text", [
    "A & B",
    "<w:t>chèn</w:t>",
    "]]> \"nháy\" 'đơn'",
    "&amp; đã mã hóa",
])
def test_xml_special_characters_are_escaped(text):
    markup = str(runs(text))
    assert "<w:t>chèn" not in markup
    elements = run_elements(markup)  # parses: nothing broke the XML
    assert "".join("".join(r.itertext()) for r in elements) == text


def test_ampersand_and_angle_brackets_are_entities():
    assert '<w:t xml:space="preserve">A &amp; B &lt;c&gt;</w:t>' in str(runs("A & B <c>"))


def test_sizes_and_underline():
    element = run_elements(runs("Nơi nhận:", size=24, underline=True))[0]
    assert element.find(f"{W}rPr/{W}sz").get(f"{W}val") == "24"
    assert element.find(f"{W}rPr/{W}u").get(f"{W}val") == "single"
