"""The linter's rule table: each rule's id, the element it is about, the systems it applies to.

Rule ids name their source: ND30-… for Nghị định 30/2020/NĐ-CP, HD36-… for the Party's
HD 36-HD/VPTW, HD05-… for HD 05-HD/VPTW, which replaced it on 27/5/2026 (a Party document is
judged by the guideline of its own date: lint.regime, pipeline.rulebook.party). Where the Party or union value is UNCONFIRMED or SECONDARY ONLY, the NĐ 30
value is applied and the rule keeps its ND30 id (the comment in RULES says so).

A rule ending in -MISSING is a check that could not find its element: it says so rather
than pass in silence. A new kind of document is a row of ``doctypes.TYPES``, not a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.i18n import _, current_language

STATE, PARTY = "nd30", "hd36"
ALL = (STATE, PARTY)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    element: str  # key of element_names(): the Vietnamese rule name shown to clerks
    systems: tuple[str, ...]
    aggregate: bool = False  # the same finding in many paragraphs is reported once, counted


def _r(id_: str, element: str, systems=ALL, aggregate=False) -> Rule:
    return Rule(id_, element, systems, aggregate)


# The rule table. "all" rules use the NĐ 30 value for Party documents too; the comment says
# whether that is because HD 36 agrees or because its value is not confirmed.
RULES: tuple[Rule, ...] = (
    _r("DOCX-OPEN", "DOCX"),  # the file is not a readable .docx
    _r("DOCX-MULTI", "DOCX"),  # several documents (a compilation of templates) in one file
    # Page setup, NĐ 30 PL I Mục I. Party margins 20/20/30/15 are SECONDARY ONLY → NĐ 30 ranges.
    _r("ND30-PAGE-A4", "PAGE"), _r("ND30-PAGE-ORIENT", "PAGE"), _r("ND30-PAGE-MARGIN", "PAGE"),
    _r("ND30-FONT", "FONT", aggregate=True),  # HD 36 also names Times New Roman (secondary)
    # Quốc hiệu & tiêu ngữ (state/union; checked wherever they appear).
    _r("ND30-QUOCHIEU-CASE", "QUOCHIEU"), _r("ND30-QUOCHIEU-BOLD", "QUOCHIEU"),
    _r("ND30-QUOCHIEU-SIZE", "QUOCHIEU"),
    _r("ND30-TIEUNGU-BOLD", "TIEUNGU"), _r("ND30-TIEUNGU-SIZE", "TIEUNGU"),
    _r("ND30-TIEUNGU-DASH", "TIEUNGU"),
    # Both single-spaced; the rule under the tiêu ngữ as long as it (NĐ 30 Mục V, row 1).
    _r("ND30-QUOCHIEU-LINE", "QUOCHIEU"), _r("ND30-TIEUNGU-LINE", "TIEUNGU"),
    _r("ND30-TIEUNGU-RULE", "TIEUNGU"),
    _r("ND30-QUOCHIEU-MISSING", "QUOCHIEU", (STATE,)),
    _r("ND30-TIEUNGU-MISSING", "TIEUNGU", (STATE,)),
    # Party tiêu đề, HD 36 PL 3: IN HOA 15 bold (confirmed secondary).
    _r("HD36-TIEUDE-CASE", "TIEUDE", (PARTY,)), _r("HD36-TIEUDE-BOLD", "TIEUDE", (PARTY,)),
    _r("HD36-TIEUDE-SIZE", "TIEUDE", (PARTY,)),
    # Issuing body: state 12–13 bold; Party 14 bold (confirmed secondary).
    _r("ND30-COQUAN-CASE", "COQUAN", (STATE,)), _r("ND30-COQUAN-BOLD", "COQUAN", (STATE,)),
    _r("ND30-COQUAN-SIZE", "COQUAN", (STATE,)),
    _r("HD36-COQUAN-CASE", "COQUAN", (PARTY,)), _r("HD36-COQUAN-BOLD", "COQUAN", (PARTY,)),
    _r("HD36-COQUAN-SIZE", "COQUAN", (PARTY,)),
    # The rule under it, 1/3–1/2 of the name (NĐ 30 row 2); the Party puts "*" there instead.
    _r("ND30-COQUAN-RULE", "COQUAN", (STATE,)), _r("ND30-COQUAN-MISSING", "COQUAN"),
    # Số, ký hiệu: state "Số: 05/KH-UBND" 13; Party "Số 277-KH/ĐUK" 14 (confirmed secondary).
    # Zero padding below 10: NĐ 30 II.3.c; for the Party it is SECONDARY ONLY → NĐ 30 rule.
    _r("ND30-SO-SIZE", "SO", (STATE,)), _r("ND30-SO-FORM", "SO", (STATE,)),
    _r("HD36-SO-SIZE", "SO", (PARTY,)), _r("HD36-SO-FORM", "SO", (PARTY,)),
    _r("ND30-SO-PAD", "SO"),
    # The tên loại's abbreviation opens the ký hiệu, spelt as Phụ lục III spells it ("TTr").
    _r("ND30-SO-KYHIEU", "SO"), _r("ND30-SO-MISSING", "SO"),
    # Date line: state 13–14 italic; Party 14 italic; padding shown by the HD 36 example too.
    _r("ND30-DATE-ITALIC", "DATE", (STATE,)), _r("ND30-DATE-SIZE", "DATE", (STATE,)),
    _r("HD36-DATE-ITALIC", "DATE", (PARTY,)), _r("HD36-DATE-SIZE", "DATE", (PARTY,)),
    _r("ND30-DATE-PAD", "DATE"), _r("ND30-DATE-FORM", "DATE"), _r("ND30-DATE-MISSING", "DATE"),
    # Tên loại: state 13–14, Party 15–16; IN HOA bold centred.
    *(_r(f"ND30-TENLOAI-{a}", "TENLOAI", (STATE,)) for a in ("CASE", "BOLD", "SIZE", "ALIGN")),
    *(_r(f"HD36-TENLOAI-{a}", "TENLOAI", (PARTY,)) for a in ("CASE", "BOLD", "SIZE", "ALIGN")),
    _r("ND30-TENLOAI-MISSING", "TENLOAI"),  # neither a tên loại nor a công văn's trích yếu
    # Trích yếu under the tên loại: state 13–14, Party 14–15; bold centred.
    *(_r(f"ND30-TRICHYEU-{a}", "TRICHYEU", (STATE,)) for a in ("BOLD", "SIZE", "ALIGN")),
    *(_r(f"HD36-TRICHYEU-{a}", "TRICHYEU", (PARTY,)) for a in ("BOLD", "SIZE", "ALIGN")),
    # State: "in thường" as a sentence (capital first letter, the Mục V example "Về công tác
    # …"), the rule under it 1/3–1/2 of the line. Party: "về …" and "-----" (HD 36).
    _r("ND30-TRICHYEU-CASE", "TRICHYEU", (STATE,)), _r("ND30-TRICHYEU-RULE", "TRICHYEU", (STATE,)),
    _r("ND30-TRICHYEU-MISSING", "TRICHYEU"),
    # Công văn trích yếu: state "V/v …" 12–13 upright not bold; Party 12 italic (secondary).
    _r("ND30-VV-SIZE", "VV", (STATE,)), _r("ND30-VV-BOLD", "VV", (STATE,)),
    _r("HD36-VV-SIZE", "VV", (PARTY,)), _r("HD36-VV-ITALIC", "VV", (PARTY,)),
    # From 27/5/2026 (HD 05, SECONDARY ONLY; rulebook.party): it starts "về …".
    _r("HD05-VV-FORM", "VV", (PARTY,)),
    # Under the Số in the left column (ô 5b); "V/v" then the subject, no colon (Mẫu 1.5).
    _r("ND30-VV-PLACE", "VV"), _r("ND30-VV-FORM", "VV", (STATE,)),
    # Kính gửi list "- …;" … "- … ." (NĐ 30 table, row 9a).
    _r("ND30-KINHGUI-PUNCT", "KINHGUI", (STATE,)),
    _r("ND30-KINHGUI-SIZE", "KINHGUI"),  # 13–14 (row 9a); Party 14 is SECONDARY ONLY
    # Quyết định, nghị quyết (Mẫu 1.1–1.3): the thẩm quyền line, IN HOA bold centred, and
    # "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" bold centred (14 in the S4 docx; 13–14 as the tên loại).
    *(_r(f"ND30-THAMQUYEN-{a}", "THAMQUYEN", (STATE,))
      for a in ("CASE", "BOLD", "SIZE", "ALIGN", "MISSING")),
    *(_r(f"ND30-QUYETDINH-{a}", "QUYETDINH", (STATE,))
      for a in ("CASE", "BOLD", "SIZE", "ALIGN", "FORM", "MISSING")),
    # Căn cứ lines (NĐ 30 row 6): italic, ";" then "." on the last. Party: not specified.
    _r("ND30-CANCU-ITALIC", "CANCU", (STATE,)), _r("ND30-CANCU-PUNCT", "CANCU", (STATE,)),
    # "Điều 1." in bold (NĐ 30 II.6.đ); Party: not specified → NĐ 30.
    _r("ND30-DIEU-BOLD", "DIEU"),
    # Body: size state 13–14, Party 14–15 (confirmed secondary). Indent, spacing, line
    # spacing for the Party are SECONDARY ONLY → NĐ 30 values. "./." : state/union only
    # (whether Party documents end with "./." is UNCONFIRMED).
    _r("ND30-BODY-SIZE", "BODY", (STATE,), True), _r("HD36-BODY-SIZE", "BODY", (PARTY,), True),
    _r("ND30-BODY-ALIGN", "BODY", aggregate=True), _r("ND30-BODY-INDENT", "BODY", aggregate=True),
    _r("ND30-BODY-SPACING", "BODY", aggregate=True), _r("ND30-BODY-LINE", "BODY", aggregate=True),
    _r("ND30-BODY-END", "BODY", (STATE,)),
    # Nơi nhận: 12 bold italic, items 11. Party "14 underlined / 12" is SECONDARY ONLY → NĐ 30.
    _r("ND30-NOINHAN-FORM", "NOINHAN"), _r("ND30-NOINHAN-SIZE", "NOINHAN"),
    _r("ND30-NOINHAN-BOLD", "NOINHAN"), _r("ND30-NOINHAN-ITALIC", "NOINHAN"),
    _r("ND30-NOINHAN-LIST-SIZE", "NOINHAN"), _r("ND30-NOINHAN-PUNCT", "NOINHAN"),
    _r("ND30-NOINHAN-LUU", "NOINHAN", (STATE,)),  # "- Lưu: VT, XX."
    _r("HD36-NOINHAN-LUU", "NOINHAN", (PARTY,)),  # "- Lưu …." (no colon/VT in practice)
    # Flush left, level with the quyền hạn line (ô 9b beside ô 7a); biên bản excepted (Mẫu 1.9).
    _r("ND30-NOINHAN-PLACE", "NOINHAN"), _r("ND30-NOINHAN-MISSING", "NOINHAN"),
    # Signature: TM./KT./Q./TL./TUQ. (NĐ 30 II.7.b) vs T/M, K/T, T/L (HD 36 1.7.1). Sizes and
    # bold: Party values (14) are SECONDARY ONLY → NĐ 30 13–14. Party chức vụ lines under a
    # T/M line are not bold in practice (secondary), so only prefixed lines must be bold there.
    _r("ND30-KY-PREFIX", "KY", (STATE,)), _r("HD36-KY-PREFIX", "KY", (PARTY,)),
    _r("ND30-KY-CASE", "KY"), _r("ND30-KY-BOLD", "KY"), _r("ND30-KY-SIZE", "KY"),
    _r("ND30-KYTEN-BOLD", "KYTEN"), _r("ND30-KYTEN-SIZE", "KYTEN"),
    _r("ND30-KYTEN-HONORIFIC", "KYTEN"),
    _r("ND30-KY-MISSING", "KY"), _r("ND30-KYTEN-MISSING", "KYTEN"),
    # Page numbers (NĐ 30 PL I Mục I): header, centred, 13–14, hidden on page 1. Party:
    # SECONDARY ONLY (and identical) → NĐ 30.
    _r("ND30-PAGENUM-HEADER", "PAGENUM"), _r("ND30-PAGENUM-FIRST", "PAGENUM"),
    _r("ND30-PAGENUM-ALIGN", "PAGENUM"), _r("ND30-PAGENUM-SIZE", "PAGENUM"),
    # Tables of data (lint/tables.py): their text is nội dung (NĐ 30 13–14; Party 14–15, HD 36);
    # no wider than the text area (NĐ 30 PL I, I.3 margins); the header row repeated on each page
    # of a long table (practice, not NĐ 30: hence no ND30 in its id).
    _r("ND30-BANG-SIZE", "BANG", (STATE,), True), _r("HD36-BANG-SIZE", "BANG", (PARTY,), True),
    _r("ND30-BANG-WIDTH", "BANG"), _r("BANG-HEADER", "BANG"),
    # On the printed page (lint/printed.py, with LibreOffice): the signature block whole, with
    # Nơi nhận and the last lines of the text on its page; names broken at phrases (NĐ 30 ô 2
    # "may wrap onto several lines"); no title line of one word.
    _r("PRINT-RENDER", "DOCX"),
    _r("PRINT-SIGN-PAGE", "KY"), _r("PRINT-SIGN-ALONE", "BODY"), _r("PRINT-NOINHAN-PAGE", "NOINHAN"),
    _r("PRINT-COQUAN-BREAK", "COQUAN"), _r("PRINT-TRICHYEU-WORD", "TRICHYEU"), _r("PRINT-VV-WORD", "VV"),
    _r("PRINT-NOINHAN-BREAK", "NOINHAN"),  # an item wrapped inside a word ("Khen / thưởng")
)
RULE_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
# A Party document dated from 27/5/2026 is judged by HD 05-HD/VPTW, which keeps HD 36's values
# wherever the table of rulebook.party does not say otherwise: its findings of those rules are
# named after the guideline in force, "HD05-SO-FORM" for "HD36-SO-FORM" (linter.run_checks).
GUIDELINE_PREFIX = {"HD 36": "HD36-", "HD 05": "HD05-"}
RULE_BY_ID.update({"HD05-" + r.id[5:]: Rule("HD05-" + r.id[5:], r.element, r.systems, r.aggregate)
                   for r in RULES if r.id.startswith("HD36-")})


def named_for(rule_id: str, guideline: str) -> str:
    """The id of a Party rule as the guideline in force names it ("HD 05": HD36-SO-FORM → HD05-SO-FORM)."""
    prefix = GUIDELINE_PREFIX.get(guideline, "HD36-")
    return prefix + rule_id[5:] if rule_id.startswith("HD36-") else rule_id


@lru_cache(maxsize=4)
def _element_names(lang: str) -> dict[str, str]:
    return {
        "DOCX": _("Tệp văn bản"),
        "PAGE": _("Định dạng trang"),
        "FONT": _("Phông chữ"),
        "QUOCHIEU": _("Quốc hiệu"),
        "TIEUNGU": _("Tiêu ngữ"),
        "TIEUDE": _("Tiêu đề Đảng Cộng sản Việt Nam"),
        "COQUAN": _("Tên cơ quan, tổ chức ban hành"),
        "SO": _("Số, ký hiệu văn bản"),
        "DATE": _("Ngày tháng ban hành"),
        "TENLOAI": _("Tên loại văn bản"),
        "TRICHYEU": _("Trích yếu nội dung"),
        "VV": _("Trích yếu công văn"),
        "KINHGUI": _("Kính gửi"),
        "THAMQUYEN": _("Thẩm quyền ban hành"),
        "CANCU": _("Căn cứ ban hành"),
        "QUYETDINH": _("Dòng QUYẾT ĐỊNH:, QUYẾT NGHỊ:"),
        "DIEU": _("Điều"),
        "BODY": _("Nội dung văn bản"),
        "NOINHAN": _("Nơi nhận"),
        "KY": _("Quyền hạn, chức vụ người ký"),
        "KYTEN": _("Họ tên người ký"),
        "PAGENUM": _("Số trang"),
        "BANG": _("Bảng"),
    }


def rule_name(rule_id: str) -> str:
    """Return the Vietnamese (or translated) name of a rule."""
    return _element_names(current_language())[RULE_BY_ID[rule_id].element]


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    where: str
    expected: str
    found: str
    pos: int = -1  # line index, for document-order sorting (-1: page-level)
