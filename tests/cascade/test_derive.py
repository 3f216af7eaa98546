"""A cascade that derives: each level's document is its own, not a copy of the one above.

On both maps of data/ (Yên Bái 2024: province → districts → communes; Lào Cai and Tuyên
Quang since 1/7/2025: province → communes), a derived document tasks its own level's bodies
and its own subordinates, reports back to its own issuer before its own deadline, and the
check that catches a copy finds nothing. Then each mechanism alone, on copies of the data.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, copy_data, docx_lines, vanban_in

from pipeline.build.build import BuildOptions, run_build
from pipeline.cascade.audit import Audit
from pipeline.cascade.check import check_sources
from pipeline.cascade.roles import Roles
from pipeline.errors import SourceErrors, SourceLocation
from pipeline.model import Body, Registry, RoleTable

DATA = ROOT / "data"
OLD, NEW = "thi-dua-dac-biet-2024", "binh-dan-hoc-vu-so-2025"


@pytest.fixture(scope="module")
def texts(built) -> dict[str, str]:
    """Every document of data/ as its printed text, by id."""
    out = built(DATA)
    return {p.stem: "\n".join(docx_lines(p)) for p in sorted(out.glob("*/*.docx"))}


def body(text: str) -> str:
    """The text between the title block and Nơi nhận: what the document says, not whom it is sent to."""
    return text.split("[1.1] Nơi nhận:")[0]


# --- what each level prints --------------------------------------------------------------------------------


@pytest.mark.parametrize("doc, present, absent", [
    # 2024, province: its departments and the districts below it.
    ("kh-ubnd-tinh",
     ["1. UBND các huyện, thị xã, thành phố; các sở, ban, ngành tỉnh",
      "Gửi đăng ký công trình, phần việc về Ủy ban nhân dân tỉnh Yên Bái (qua Sở Nội vụ) trước ngày 15/12/2024.",
      "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh:",
      "3. Đề nghị Ban Tuyên giáo Tỉnh ủy:", "4. Giao Sở Văn hóa, Thể thao và Du lịch:",
      "5. Giao Sở Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh):", "6. Giao Sở Tài chính:"],
     ["Phòng Nội vụ", "Huyện ủy"]),
    # 2024, a district inheriting the province's plan: the same tasks, given to its own units.
    ("kh-huyen--ubnd-huyen-luc-yen",
     ["1. UBND các xã, thị trấn",
      "Gửi đăng ký công trình, phần việc về Ủy ban nhân dân huyện Lục Yên (qua Phòng Nội vụ) trước ngày 25/10/2024.",
      "2. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện:",
      "3. Đề nghị Ban Tuyên giáo Huyện ủy:", "4. Giao Phòng Văn hóa và Thông tin:",
      "5. Giao Phòng Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng huyện):",
      "6. Giao Phòng Tài chính - Kế hoạch:"],
     ["Sở Nội vụ", "Sở Tài chính", "Tỉnh ủy:", "Ủy ban nhân dân tỉnh Yên Bái (qua"]),
    # A thị xã: its own Party committee's name, its own level word.
    ("kh-huyen--ubnd-tx-nghia-lo",
     ["3. Đề nghị Ban Tuyên giáo Thị ủy:", "(cơ quan Thường trực Hội đồng Thi đua - Khen thưởng thị xã)",
      "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thị xã"],
     ["Huyện ủy", "Sở Nội vụ"]),
    # 2024, a commune under Trạm Tấu: the district's plan (seed 003) in the commune's words.
    ("kh-xa--ubnd-xa-ban-cong",
     ["trên địa bàn xã, phát huy sức mạnh", "Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2020 - 2025",
      "Chủ tịch Ủy ban nhân dân xã sẽ lựa chọn", "đề nghị Chủ tịch Ủy ban nhân dân huyện Trạm Tấu khen thưởng",
      "1. Các thôn", "Gửi đăng ký công trình, phần việc về Ủy ban nhân dân xã Bản Công (qua công chức Văn hóa - "
      "Xã hội) trước ngày 20/10/2024.", "Giao công chức Tài chính - Kế toán"],
     ["Phòng Nội vụ", "Huyện ủy", "Phòng Văn hóa và Thông tin", "Sở Nội vụ", "báo cáo Ủy ban nhân dân tỉnh",
      "Ủy ban nhân dân huyện sẽ", "đoàn thể huyện", "lần thứ XVI,"]),
    # 2025, a phường of Lào Cai: its own offices (Nghị định 150/2025), its own tổ dân phố.
    ("kh-xa-lao-cai--ubnd-phuong-yen-bai",
     ["1. Các tổ dân phố", "Báo cáo kết quả thực hiện 6 tháng về Ủy ban nhân dân phường Yên Bái (qua Phòng Văn "
      "hóa - Xã hội) trước ngày 23/9/2025.", "3. Giao Phòng Văn hóa - Xã hội (cơ quan thường trực Phong trào):",
      "4. Giao Văn phòng HĐND và UBND:", "5. Giao Phòng Kinh tế, Hạ tầng và Đô thị:"],
     ["Sở ", "Tỉnh ủy", "Huyện", "huyện", "Ủy ban nhân dân tỉnh Lào Cai (qua"]),
    # 2025, a xã: Phòng Kinh tế (a phường has Kinh tế, Hạ tầng và Đô thị).
    ("kh-xa-lao-cai--ubnd-xa-coc-san", ["1. Các thôn", "5. Giao Phòng Kinh tế:"], ["Sở ", "Hạ tầng và Đô thị"]),
    # A province-only task stays with the province.
    ("kh-lao-cai", ["6. Giao Sở Giáo dục và Đào tạo:", "Huy động học sinh, đoàn viên thanh niên tham gia"], []),
    ("kh-xa-tuyen-quang--ubnd-xa-son-duong", [], ["Giáo dục và Đào tạo", "Huy động học sinh, đoàn viên"]),
    # The union and the Party branch of Lào Cai, each in its own voice and system.
    ("cv-ldld-lao-cai",
     ["3.1. Công đoàn các xã, phường; Công đoàn ngành, công đoàn cơ sở trực thuộc:",
      "Báo cáo kết quả về Liên đoàn Lao động tỉnh Lào Cai (qua Văn phòng Liên đoàn Lao động tỉnh) trước ngày "
      "16/9/2025.", "3.2. Giao Ban Tuyên giáo:", "Ban Thường vụ Liên đoàn Lao động tỉnh Lào Cai đề nghị"],
     ["Sở Nội vụ", "Ủy ban nhân dân tỉnh Lào Cai (qua", "Văn phòng HĐND"]),
    ("kh-dang-uy-ubnd-lao-cai",
     ["Báo cáo kết quả thực hiện về Đảng ủy Ủy ban nhân dân tỉnh Lào Cai (qua Văn phòng Đảng ủy)",
      "Đề nghị Ban Xây dựng Đảng:"],
     ["Sở Nội vụ", "Phòng Văn hóa"]),
])
def test_each_level_prints_its_own_bodies(texts, doc, present, absent):
    printed = body(texts[doc])
    for line in present:
        assert line in printed, f"{doc}: missing {line!r}"
    for word in absent:
        assert word not in printed, f"{doc}: still says {word!r}"


def test_seed_003_regenerates_with_its_text_written_by_role(texts):
    # Trạm Tấu's plan (seed 003) is now written with roles and {{ cap }}, and still reads as the seed.
    tram_tau = texts["kh-huyen--ubnd-huyen-tram-tau"]
    for line in ["2. Đề nghị Ban Tuyên giáo Huyện ủy: phối hợp và định hướng công tác tuyên truyền về Phong trào thi "
                 "đua cho Phòng Văn hóa và Thông tin, Trung tâm Truyền thông và Văn hóa.",
                 "5. Giao Phòng Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng huyện):",
                 "7. Phòng Tài chính - Kế hoạch: có trách nhiệm bố trí kinh phí"]:
        assert line in tram_tau


def test_sample_data_has_no_copy_warning():
    warnings: list = []
    _sources, trees = check_sources(DATA, warnings=warnings)
    assert {t.campaign.id for t in trees} == {OLD, NEW}
    assert [w.format() for w in warnings] == []


def test_derived_documents_share_only_what_they_should_with_their_parent(texts, built):
    # Beyond the citation, no derived document is its parent's text, and no commune plan keeps a
    # task of its district's or province's.
    import json

    for campaign in (OLD, NEW):
        manifest = json.loads((built(DATA) / campaign / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["documents"]:
            if entry["parent"]:
                mine = body(texts[entry["id"]]).splitlines()[9:]
                theirs = body(texts[entry["parent"]]).splitlines()[9:]
                assert mine != theirs, entry["id"]


# --- outside documents ----------------------------------------------------------------------------------


def test_an_outside_document_is_cited_exactly_as_written(texts):
    lao_cai = texts["kh-lao-cai"].splitlines()
    # merged into the opening sentence (trich_dan: {cach: gop}), short dates
    opening = next(line for line in lao_cai if line.startswith("Thực hiện "))
    assert opening == (
        "Thực hiện Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học, công "
        "nghệ, đổi mới sáng tạo và chuyển đổi số về triển khai phong trào “Bình dân học vụ số”; Nghị quyết số "
        "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
        "chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch triển khai phong trào “Bình dân học "
        "vụ số” trên địa bàn tỉnh Lào Cai năm 2025, cụ thể như sau:")
    tuyen_quang = texts["kh-tuyen-quang"].splitlines()
    # a paragraph of its own (the default), long dates (trich_dan: {ngay: dai})
    assert ("Thực hiện Kế hoạch số 01-KH/BCĐTW ngày 21 tháng 3 năm 2025 của Ban Chỉ đạo Trung ương về phát triển "
            "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số về triển khai phong trào “Bình dân học vụ số”; "
            "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công "
            "nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.") in tuyen_quang
    # a union letter cites it among its bases, after its parent
    assert "Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025 của Ban Chỉ đạo Trung ương" in texts["cv-ldld-lao-cai"]


def test_citation_without_ve(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    data.edit(f"chien-dich/{NEW}.yaml", "    trich_dan:\n      ngay: dai\n", "    trich_dan:\n      ve: false\n")
    _sources, trees = check_sources(data.root)
    tuyen_quang = next(d for t in trees for d in t.documents if d.id == "kh-tuyen-quang")
    from pipeline.docx.layout import cited_bases

    assert cited_bases(tuyen_quang, None)[0] == (
        "Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi "
        "mới sáng tạo và chuyển đổi số triển khai phong trào “Bình dân học vụ số”")


# --- shared blocks ------------------------------------------------------------------------------------


def test_an_edit_to_a_shared_block_reaches_every_document_that_uses_it_and_no_other(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    options = BuildOptions(data.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1)
    first = run_build(options)
    sentence = "nâng cao nhận thức và hành động của cấp ủy, chính quyền, đoàn thể các cấp"

    users = {w.document.id for w in first.written if any(sentence in p for p in _paragraphs(w.document))}
    assert users == {"kh-lao-cai", "kh-tuyen-quang", *(f"kh-xa-lao-cai--{b}" for b in (
        "ubnd-phuong-yen-bai", "ubnd-phuong-cam-duong", "ubnd-xa-coc-san", "ubnd-xa-dong-cuong")),
        *(f"kh-xa-tuyen-quang--{b}" for b in ("ubnd-phuong-minh-xuan", "ubnd-xa-son-duong", "ubnd-xa-meo-vac"))}
    data.edit("khoi-chung/binh-dan-hoc-vu-so.yaml", sentence, "nâng cao nhận thức và hành động của mọi cấp ủy")
    second = run_build(options)
    assert {w.document.id for w in second.written} == users
    assert all(any("của mọi cấp ủy" in p for p in _paragraphs(w.document)) for w in second.written)


def _paragraphs(doc) -> list[str]:
    out = list(doc.opening) + list(doc.closing)

    def walk(sections):
        for s in sections:
            out.extend(p for p in (s.title, s.inline, *s.paragraphs) if p)
            walk(s.children)
    walk(doc.sections)
    return out


# --- the check that catches a copy ----------------------------------------------------------------------


def test_a_commune_that_copies_its_district_is_warned_where_the_text_was_written(tmp_path):
    # The commune plans given the district's tasks word for word, as the sample data had them.
    data = copy_data(DATA, tmp_path / "data")
    copied = ("      - tieu_de: Giao Phòng Văn hóa và Thông tin chủ trì\n"
              "        cung_dong: 'tuyên truyền; tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh.'\n")
    data.edit(f"chien-dich/{OLD}.yaml", "      - vai_tro: van_hoa\n        cung_dong: 'tuyên truyền về phong trào thi "
              "đua trên {{ truyen_thong | lower }} và tại các thôn, tổ dân phố.'\n", copied)
    text = (data.root / f"chien-dich/{OLD}.yaml").read_text(encoding="utf-8")
    line = text[:text.index(copied)].count("\n") + 1
    result = vanban_in(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    warnings = [w for w in result.stderr.splitlines() if "cảnh báo:" in w]
    assert warnings == [
        f"data/chien-dich/{OLD}.yaml:{line + 1}:20: kh-xa--ubnd-tt-tram-tau: to_chuc_thuc_hien (và 2 văn bản khác): "
        "cảnh báo: nhắc 'Ủy ban nhân dân tỉnh': không phải cơ quan ban hành, cơ quan cùng cấp hay cấp dưới của nó "
        "(chép từ văn bản cấp khác?)",
        f"data/chien-dich/{OLD}.yaml:{line}:18: kh-xa--ubnd-tt-tram-tau: to_chuc_thuc_hien (và 2 văn bản khác): "
        "cảnh báo: giao việc cho 'Phòng Văn hóa và Thông tin', không thuộc cơ quan ban hành",
    ][::-1]
    assert result.stderr.splitlines()[-1] == "2 cảnh báo; chạy với --strict để coi là lỗi."
    strict = vanban_in(tmp_path, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "2 cảnh báo (--strict) trong 1 tệp; không có tệp nào được ghi."
    build = vanban_in(tmp_path, "build", "--strict")
    assert build.returncode == 1 and not (tmp_path / "out").exists()


def test_a_derived_document_identical_to_its_parent_is_warned(tmp_path):
    # A thông báo under Trạm Tấu's plan that writes nothing of its own says what its parent says.
    data = copy_data(DATA, tmp_path / "data")
    data.edit(f"chien-dich/{OLD}.yaml", "  # Thông báo của huyện Trạm Tấu sau hạn đăng ký.\n",
              "  - ma: kh-ban-sao\n    van_ban_cha: kh-huyen--ubnd-huyen-tram-tau\n    co_quan: ubnd-huyen-tram-tau\n"
              "    ngay: 12/10/2024\n\n  # Thông báo của huyện Trạm Tấu sau hạn đăng ký.\n")
    warnings: list = []
    check_sources(data.root, warnings=warnings)
    assert [(w.field, w.message) for w in warnings] == [(
        "kh-ban-sao", "nội dung giống hệt văn bản cha 'kh-huyen--ubnd-huyen-tram-tau' (ngoài dòng trích dẫn): "
        "văn bản triển khai phải là văn bản của cấp mình")]
    with pytest.raises(SourceErrors):
        check_sources(data.root, strict=True)


# --- the pieces ---------------------------------------------------------------------------------------


def _body(id_: str, level: str, parent: str | None = None, locality: str = "", system: str = "state",
          roles=None) -> Body:
    from types import MappingProxyType

    return Body(id=id_, system=system, name_lines=(id_,), full_name=f"Ủy ban nhân dân {locality}",
                short_name=f"UBND {locality}", notation="UBND", place=locality, locality=locality,
                location=SourceLocation("x"), parent=parent, level=level,
                roles=MappingProxyType(roles or {}))


def _registry(*bodies: Body, tables=()) -> Registry:
    from types import MappingProxyType

    return Registry(MappingProxyType({b.id: b for b in bodies}), tuple(tables))


def _table(level, roles, scope=(), system="state") -> RoleTable:
    from types import MappingProxyType

    return RoleTable(level, system, MappingProxyType(roles), SourceLocation("x"), tuple(scope))


def test_the_nearest_table_serves_a_body_and_its_own_roles_win():
    a, b = _body("tinh-a", "tinh", locality="tỉnh A"), _body("tinh-b", "tinh", locality="tỉnh B")
    xa_a = _body("xa-a", "xa", "tinh-a", "xã Một")
    phuong_b = _body("phuong-b", "xa", "tinh-b", "phường Hai", roles={"tai_chinh": "Phòng Kinh tế, Hạ tầng và Đô thị"})
    roles = Roles(_registry(a, b, xa_a, phuong_b, tables=[
        _table("xa", {"noi_vu": "công chức Văn phòng - Thống kê", "mttq": "Ủy ban MTTQ Việt Nam {{ cap }}"}),
        _table("xa", {"noi_vu": "Văn phòng HĐND và UBND", "tai_chinh": "Phòng Kinh tế"}, scope=["tinh-b"]),
    ]))
    assert dict(roles.of(xa_a)) == {"noi_vu": "công chức Văn phòng - Thống kê", "mttq": "Ủy ban MTTQ Việt Nam xã"}
    # the scoped table replaces the general one (its "mttq" does not leak in), the body's own role wins
    assert dict(roles.of(phuong_b)) == {"noi_vu": "Văn phòng HĐND và UBND",
                                        "tai_chinh": "Phòng Kinh tế, Hạ tầng và Đô thị"}


@pytest.mark.parametrize("text, allowed", [
    ("Giao Phòng Nội vụ theo dõi.", False),  # a district's unit, in a commune's plan
    ("Gửi về công chức Văn phòng - Thống kê.", True),  # the commune's own
    ("theo Chỉ thị của Ủy ban nhân dân tỉnh A.", True),  # the author of what is cited
    ("báo cáo Ủy ban nhân dân tỉnh A.", False),  # the province is not the commune's superior
    ("báo cáo Ủy ban nhân dân huyện Một (qua Phòng Nội vụ).", True),  # up to the superior, through its office
    ("Ủy ban nhân dân huyện sẽ lựa chọn.", False),  # speaks for another body
    ("Ủy ban nhân dân xã Hai sẽ lựa chọn.", True),  # itself
    ("trên cơ sở xây dựng kế hoạch", True),  # "cơ sở xây dựng" is not "Sở Xây dựng"
    ("Đề nghị {{ cap_uy }} chỉ đạo.", True),  # a placeholder prints the right body by construction
])
def test_the_audit_judges_names_against_the_issuer(text, allowed):
    tinh = _body("tinh-a", "tinh", locality="tỉnh A")
    huyen = _body("huyen-mot", "huyen", "tinh-a", "huyện Một")
    xa = _body("xa-hai", "xa", "huyen-mot", "xã Hai")
    so_xd = Body(id="so-xd", system="state", name_lines=("SỞ XÂY DỰNG",), full_name="Sở Xây dựng tỉnh A",
                 short_name="Sở Xây dựng", notation="SXD", place="A", locality="tỉnh A", location=SourceLocation("x"),
                 parent="tinh-a", level="so")
    registry = _registry(tinh, huyen, xa, so_xd, tables=[
        _table("huyen", {"noi_vu": "Phòng Nội vụ"}), _table("xa", {"noi_vu": "công chức Văn phòng - Thống kê"})])
    audit = Audit(registry, Roles(registry))
    found = audit.judge(text, xa, huyen, SourceLocation("f.yaml", 3, 5), "doc: noi_dung")
    assert (found == []) is allowed, [p.format() for p in found]
    assert all(p.warning and str(p.location) == "f.yaml:3:5" for p in found)


def test_a_level_filter_keeps_text_to_its_levels():
    from pipeline.sources.content import selects

    item = {"chi_cap": ("tinh", "huyen"), "tru_he_thong": ("dang",)}
    assert selects(item, "huyen", "state") and selects(item, "tinh", "union")
    assert not selects(item, "xa", "state") and not selects(item, "tinh", "party")
    assert selects({}, "xa", "party")

