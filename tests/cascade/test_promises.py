"""What a document promises, it contains (issue 13, point 8; pipeline/cascade/promises.py).

First what counts as a promise in a clerk's sentence (a table), then what ``vanban check``
says of a document that does not keep one, or that carries a phụ lục its text never names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cascade.promises import Promise, promises
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.sources.validate import validate_sources

CAMPAIGN = "chien-dich/mau.yaml"
TB_PARAGRAPH = "          - Ủy ban nhân dân {{ dia_ban }} thông báo kết quả đăng ký công trình như Phụ lục kèm theo.\n"
TB_APPENDIX = ("    phu_luc:\n      - tieu_de: Danh sách công trình đăng ký\n        noi_dung:\n"
               "          - tieu_de: Công trình cấp huyện\n")


@pytest.mark.parametrize("text, found", [
    # the sample data's own sentences
    ("Danh mục công trình do các cơ quan đăng ký có tại Phụ lục kèm theo Thông báo này.",
     [Promise("Phụ lục kèm theo", None)]),
    ("… để gắn biển chào mừng Đại hội (có danh mục kèm theo).", [Promise("danh mục kèm theo", None)]),
    ("Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo, đã có thành tích …",
     [Promise("danh sách kèm theo", None)]),
    ("Biểu mẫu kèm theo Hướng dẫn này.", [Promise("Biểu mẫu kèm theo", None)]),
    ("Số liệu tổng hợp tại bảng tổng hợp kèm theo.", [Promise("bảng tổng hợp kèm theo", None)]),
    # a numbered phụ lục, with or without "kèm theo"
    ("Chi tiết tại Phụ lục II của Kế hoạch này.", [Promise("Phụ lục II", 2)]),
    ("theo Phụ lục số 2 kèm theo", [Promise("Phụ lục số 2 kèm theo", 2)]),
    ("tại Phụ lục I và Phụ lục II kèm theo", [Promise("Phụ lục I", 1), Promise("Phụ lục II kèm theo", 2)]),
    # not promises: "kèm theo" that attaches nothing, another document's attachments, a word of the text
    ("Tiền thưởng kèm theo Giấy khen thực hiện theo quy định.", []),
    ("theo mẫu tại Phụ lục II Nghị định số 30/2020/NĐ-CP", []),
    ("theo danh mục ban hành kèm theo Quyết định số 1086/QĐ-TTg ngày 18/9/2023", []),
    ("Phụ lục I của Nghị định 30/2020/NĐ-CP quy định thể thức", []),
    ("Các xã lập danh sách đăng ký gửi về huyện.", []),
    ("Phụ lục", []),  # the word alone promises nothing in particular
])
def test_promises(text, found):
    assert list(promises(text)) == found


def problems_of(data: Path) -> list[str]:
    sources, problems = validate_sources(data)
    assert [p.format() for p in problems] == []
    _trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    return [p.format().split("/data/", 1)[-1] for p in problems]


def test_the_sample_data_keeps_its_promises():
    root = Path(__file__).resolve().parents[2]
    assert [p for p in problems_of(root / "data") if "phụ lục" in p] == []


def test_a_numbered_phu_luc_must_be_there(mini_copy):
    mini_copy.edit(CAMPAIGN, TB_PARAGRAPH, TB_PARAGRAPH.replace("như Phụ lục kèm theo", "tại Phụ lục II"))
    assert problems_of(mini_copy.root) == [
        "chien-dich/mau.yaml:85:13: tb-huyen-van-yen: noi_dung: cảnh báo: văn bản nhắc đến “Phụ lục II” nhưng "
        "chỉ có 1 phụ lục\n    Gợi ý: thêm phụ lục ở 'phu_luc', hoặc sửa số phụ lục trong câu"]


def test_a_list_sent_in_a_separate_file_keeps_the_promise(mini_copy):
    mini_copy.edit(CAMPAIGN, TB_APPENDIX + "            doan:\n              - \"- Đường giao thông nông thôn thôn Khe Cọ.\"\n"
                   "          - tieu_de: Công trình cấp xã\n            doan:\n"
                   "              - \"- Nhà văn hóa thôn Đồng Bằng.\"\n",
                   "    dinh_kem: Danh sách công trình đăng ký, tệp danh-sach-cong-trinh.pdf\n")
    assert problems_of(mini_copy.root) == []


def test_a_phu_luc_the_text_never_names_is_said(mini_copy):
    # NĐ 30 PL I III.1.a: a document with a phụ lục points to it in its text
    mini_copy.edit(CAMPAIGN, TB_PARAGRAPH, TB_PARAGRAPH.replace(" như Phụ lục kèm theo", ""))
    assert problems_of(mini_copy.root) == [
        "chien-dich/mau.yaml:87:7: tb-huyen-van-yen: phu_luc: cảnh báo: văn bản có 1 phụ lục nhưng nội dung không "
        "chỉ dẫn đến phụ lục nào (Nghị định 30, Phụ lục I, III.1.a)\n"
        "    Gợi ý: thêm vào nội dung một câu chỉ dẫn, ví dụ “… tại Phụ lục kèm theo”"]


def test_a_child_writing_its_own_text_does_not_inherit_its_parents_phu_luc(mini_copy):
    # a công văn under the thông báo writes its own content: the thông báo's phụ lục stays the thông báo's
    path = mini_copy.root / CAMPAIGN
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - ma: cv-van-yen\n    van_ban_cha: tb-huyen-van-yen\n    co_quan: ubnd-huyen-van-yen\n"
        "    loai: cong_van\n    ngay: 22/10/2024\n    trich_yeu: Đôn đốc thực hiện các công trình\n"
        "    noi_dung:\n      - doan: [Đề nghị các xã khẩn trương thực hiện các công trình đã đăng ký.]\n"),
        encoding="utf-8")
    sources, _problems = validate_sources(mini_copy.root)
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    docs = {d.id: d for t in trees for d in t.documents}
    assert docs["cv-van-yen"].appendices == () and len(docs["tb-huyen-van-yen"].appendices) == 1
    assert [p.format() for p in problems if "phụ lục" in p.message] == []


PLAIN_PARAGRAPH = TB_PARAGRAPH.replace("{{ dia_ban }}", "huyện Văn Yên")


def test_a_section_without_placeholders_promises_as_one_with_them(mini_copy):
    # such a section is built once and shared by every document that prints it (cascade/fill.py):
    # what it promises is still said of each, at the sentence the clerk wrote
    mini_copy.edit(CAMPAIGN, TB_PARAGRAPH, PLAIN_PARAGRAPH.replace("như Phụ lục kèm theo", "tại Phụ lục II"))
    assert problems_of(mini_copy.root) == [
        "chien-dich/mau.yaml:85:13: tb-huyen-van-yen: noi_dung: cảnh báo: văn bản nhắc đến “Phụ lục II” nhưng "
        "chỉ có 1 phụ lục\n    Gợi ý: thêm phụ lục ở 'phu_luc', hoặc sửa số phụ lục trong câu"]


@pytest.mark.parametrize("sentence", ["như Phụ lục kèm theo", "như PHỤ LỤC kèm theo", "theo phụ lục"])
def test_a_section_without_placeholders_names_its_phu_luc(mini_copy, sentence):
    mini_copy.edit(CAMPAIGN, TB_PARAGRAPH, PLAIN_PARAGRAPH.replace("như Phụ lục kèm theo", sentence))
    assert problems_of(mini_copy.root) == []
