"""What the template context and the template make of a document's marks and its end (pipeline/docx/render.py)."""

from __future__ import annotations

import zipfile

import pytest
from conftest import MINI
from lxml import etree

from pipeline.docx.render import mark_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 56.7  # twips


@pytest.mark.parametrize("mark, millimetres", [
    # NĐ 30 PL I ô 10b: the urgency stamps
    ("KHẨN", 20), ("THƯỢNG KHẨN", 40), ("HỎA TỐC", 30),
    # secrecy marks, not sized by NĐ 30 (UNCONFIRMED): the text and 2 mm a side, whole centimetres
    ("MẬT", 20), ("TỐI MẬT", 30), ("TUYỆT MẬT", 40),
])
def test_mark_frames(mark, millimetres):
    assert round(mark_width(mark, 13) / MM) == millimetres


def body(path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_an_urgency_mark_is_a_framed_cell_of_its_stamp_size(built):
    root = body(built(MINI) / "mau" / "tb-huyen-van-yen.docx")  # do_khan: KHẨN
    (frame,) = [t for t in root.iter(f"{W}tbl") if "KHẨN" in "".join(t.itertext())
                and t.find(f".//{W}tbl") is None]
    assert frame.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == "1134"  # 20 mm
    height = frame.find(f"{W}tr/{W}trPr/{W}trHeight")
    assert (height.get(f"{W}val"), height.get(f"{W}hRule")) == ("454", "exact")  # 8 mm
    borders = frame.find(f"{W}tblPr/{W}tblBorders")
    assert [b.get(f"{W}val") for b in borders] == ["single"] * 4


def test_the_end_is_kept_with_the_signature_block_which_never_splits(built):
    root = body(built(MINI) / "mau" / "kh-tinh.docx")
    top = list(root.find(f"{W}body"))
    signature = next(i for i, el in enumerate(top) if el.tag == f"{W}tbl" and "Nơi nhận" in "".join(el.itertext()))
    assert top[signature].find(f"{W}tr/{W}trPr/{W}cantSplit") is not None
    # the spacer before the table and the closing paragraph are kept with what follows them
    before = [el for el in top[:signature] if el.tag == f"{W}p"][-2:]
    assert "".join(before[0].itertext()).endswith("./.")
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in before)
