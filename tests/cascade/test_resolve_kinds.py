"""Kinds and issuers when resolving: the ký hiệu of every system, joint documents' signers, what a kind needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cascade.kinds import notation
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.errors import SourceLocation
from pipeline.model import Body, Signer
from pipeline.sources.validate import validate_sources

ROOT = Path(__file__).resolve().parents[2]
HERE = SourceLocation("to-chuc.yaml")


def body(system: str, notation_: str, **kw) -> Body:
    return Body(id=notation_.lower(), system=system, name_lines=("X",), full_name="X", short_name="X",
                notation=notation_, place="Lào Cai", locality="tỉnh Lào Cai", location=HERE, **kw)


FRONT_BOARD = Signer("chu-tich", "Nguyễn Văn A", "Chủ tịch", ("TM. Ban Thường trực",))
FRONT_COMMITTEE = Signer("chu-tich", "Nguyễn Văn A", "Chủ tịch", ("TM. Ủy ban",))


@pytest.mark.parametrize("kind, issuer, unit, signer, co, expected", [
    ("ke_hoach", body("state", "UBND"), None, None, (), "KH-UBND"),  # NĐ 30 PL I II.3.b
    ("cong_van", body("state", "UBND"), "VX", None, (), "UBND-VX"),
    ("quy_dinh", body("state", "SNV"), None, None, (), "QyĐ-SNV"),
    ("cong_dien", body("state", "UBND"), None, None, (), "CĐ-UBND"),
    ("ke_hoach", body("party", "ĐUK"), None, None, (), "KH/ĐUK"),  # HD 36 1.3.1
    ("quy_dinh", body("party", "TU"), None, None, (), "QĐ/TU"),  # the Party's "QĐ" for quy định
    ("cong_van", body("party", "TU"), None, None, (), "CV/TU"),
    ("ket_luan", body("party", "TU"), None, None, (), "KL/TU"),
    ("thong_tri", body("party", "TU"), None, None, (), "TT/TU"),
    ("ke_hoach", body("front", "MTTQ"), None, FRONT_BOARD, (), "KH-MTTQ-BTT"),  # §11.2
    ("quyet_dinh", body("front", "MTTQ"), None, FRONT_BOARD, (), "QĐ-MTTQ-BTT"),
    ("cong_van", body("front", "MTTQ"), "VP", FRONT_BOARD, (), "MTTQ-BTT"),
    ("ke_hoach", body("front", "MTTQ"), None, FRONT_COMMITTEE, (), "KH-MTTQ"),
    ("ke_hoach", body("front", "TĐTN", organisation="doan_thanh_nien"), None, None, (), "KH-TĐTN"),
    ("ke_hoach", body("state", "UBND"), None, None, (body("front", "MTTQ"),), "KH-UBND-MTTQ"),  # joint
    ("giao_uoc", body("state", "KTĐKTKT", is_bloc=True), None, None, (), "KTĐKTKT"),
])
def test_notation(kind, issuer, unit, signer, co, expected):
    assert notation(kind, issuer, unit, signer, co) == expected


def _resolved(data: Path):
    sources, problems = validate_sources(data)
    assert problems == []
    trees, problems = resolve_campaigns(sources.campaigns, sources.registry)
    assert [p for p in problems if not p.warning] == []
    return {d.id: d for tree in trees for d in tree.documents}


@pytest.fixture(scope="module")
def loai():
    return _resolved(ROOT / "tests" / "data" / "loai")


def test_a_joint_document_holds_every_issuer_and_signature_in_order(loai):
    doc = loai["khlt-ubnd-mttq"]
    assert doc.issuer.id == "ubnd-tinh" and [b.id for b in doc.co_issuers] == ["mttq-tinh"]
    assert [(s.body.id, s.signer.authority) for s in doc.signatures] == [
        ("ubnd-tinh", ("TM. Ủy ban nhân dân",)), ("mttq-tinh", ("TM. Ban Thường trực",))]
    assert doc.notation == "KH-UBND-MTTQ" and doc.preissued_number == 21  # one number, the lead's series
    assert doc.recipients[:2] == ("Ủy ban Trung ương MTTQ Việt Nam (để b/c)", "Các sở, ban, ngành tỉnh")


def test_the_blocs_covenant_is_signed_by_its_members():
    doc = _resolved(ROOT / "data")["gu-khoi"]
    assert [s.body.id for s in doc.signatures] == list(doc.issuer.members)
    assert doc.signer.title == "Trưởng khối"  # the register's signer: the bloc's head of the year


def test_parts_of_kinds(loai):
    minutes = loai["bb-ubnd-tinh"]
    assert minutes.meeting.chair.name == "Nguyễn Văn A" and minutes.meeting.secretary.title == "Chuyên viên"
    assert minutes.meeting.place == "Hội trường Ủy ban nhân dân tỉnh Lào Cai"  # placeholders filled
    letter = loai["ggt-so-noi-vu"]
    assert letter.subject.startswith("Giới thiệu Nguyễn Văn B đến Ủy ban nhân dân các xã, phường")  # for the register
    assert letter.recipients == ("Ủy ban nhân dân các xã, phường",)
    assert loai["ttr-so-noi-vu"].addressees == ("Ủy ban nhân dân tỉnh Lào Cai",)  # a tờ trình goes up
    assert loai["ttr-so-noi-vu"].proposal == ("Xem xét, tặng Bằng khen cho 05 tập thể có thành tích xuất sắc.",)
