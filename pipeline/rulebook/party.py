"""The Party's rules in force on a document's date: QĐ 66 / HD 36, then QĐ 399 / HD 05.

QĐ 399-QĐ/TW (09/01/2026, in force from signing) replaced QĐ 66-QĐ/TW; HD 05-HD/VPTW
(27/5/2026) replaced HD 36-HD/VPTW (the-thuc-van-ban.md §11.1). A Party document is laid out
and linted by the rules in force on its own date: the guideline's rows switch on 27/5/2026,
the regulation's (which types exist, who may issue them) on 09/01/2026.

``PARTY_RULES`` is the one table of what is known to differ, each value with the status the
reference gives it. Where a value is UNCONFIRMED, the state (NĐ 30) value is used and the row
says so. Everything else HD 05 is reported to say equals HD 36 (§11.1 "Sizes, margins, Nơi
nhận, Lưu", §4.8): sizes, margins, "Số 277-KH/ĐUK", T/M, the "*" and "-----", and the Nơi
nhận, whose Party form (14 pt underlined, "- Lưu Văn phòng") is SECONDARY ONLY under both and
where vanban keeps NĐ 30's (README "The format, element by element").
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from types import MappingProxyType

CONFIRMED_PRIMARY = "CONFIRMED (primary)"
CONFIRMED_SECONDARY = "CONFIRMED (secondary)"
SECONDARY_ONLY = "SECONDARY ONLY"
UNCONFIRMED = "UNCONFIRMED"


@dataclass(frozen=True)
class Ruled:
    """A value, the status of the source that gives it, and where the reference says so."""

    value: object
    status: str
    source: str


@dataclass(frozen=True)
class Instrument:
    short: str  # "HD 36"
    name: str  # "HD 36-HD/VPTW"
    signed: _dt.date
    in_force: _dt.date


HD_36 = Instrument("HD 36", "HD 36-HD/VPTW", _dt.date(2018, 4, 3), _dt.date(2018, 4, 3))
HD_05 = Instrument("HD 05", "HD 05-HD/VPTW", _dt.date(2026, 5, 27), _dt.date(2026, 5, 27))
QD_66 = Instrument("QĐ 66", "QĐ 66-QĐ/TW", _dt.date(2017, 2, 6), _dt.date(2017, 2, 6))
QD_399 = Instrument("QĐ 399", "QĐ 399-QĐ/TW", _dt.date(2026, 1, 9), _dt.date(2026, 1, 9))
GUIDELINES = (HD_36, HD_05)  # the layout
REGULATIONS = (QD_66, QD_399)  # the types and who issues them

# The Party's types under QĐ 399 that vanban writes (§11.1, CONFIRMED (secondary)); see kinds.py.
QD_399_TYPES = frozenset((
    "nghi_quyet", "quyet_dinh", "chi_thi", "ket_luan", "quy_che", "quy_dinh", "thong_tri", "huong_dan",
    "thong_bao", "thong_cao", "bao_cao", "ke_hoach", "chuong_trinh", "de_an", "phuong_an", "to_trinh",
    "cong_van", "bien_ban", "giay_gioi_thieu", "giay_moi",
))

# Who may issue what at the grassroots under QĐ 399 (§11.1, SECONDARY ONLY). The Ban Chấp hành
# of a đảng bộ cơ sở: NQ, QĐ, KL, QC, quy định, TB, BC, KH, (quy hoạch), CTr, ĐA, PA, (DA), TTr,
# CV, BB; its Ban Thường vụ: the same plus hướng dẫn, minus quy chế; a chi bộ: no quy định, no
# hướng dẫn (read against the Ban Chấp hành's list, which already has no hướng dẫn). Giấy
# giới thiệu and giấy mời are administrative papers, not in these lists: every level issues them.
_PAPERS = frozenset(("giay_gioi_thieu", "giay_moi"))
_BCH_CO_SO = frozenset(("nghi_quyet", "quyet_dinh", "ket_luan", "quy_che", "quy_dinh", "thong_bao", "bao_cao",
                        "ke_hoach", "chuong_trinh", "de_an", "phuong_an", "to_trinh", "cong_van", "bien_ban")) | _PAPERS
GRASSROOTS = MappingProxyType({
    "bch_co_so": _BCH_CO_SO,
    "btv_co_so": (_BCH_CO_SO | {"huong_dan"}) - {"quy_che"},
    "chi_bo": _BCH_CO_SO - {"quy_dinh"},
})


@dataclass(frozen=True)
class PartyRule:
    """One row of the table: what changed, under which instrument, before and after."""

    name: str
    governed_by: str  # "guideline" (switches on HD 05's date) or "regulation" (QĐ 399's)
    before: Ruled
    after: Ruled


# The differences known today, HD 36 / QĐ 66 (before) against HD 05 / QĐ 399 (after).
PARTY_RULES: tuple[PartyRule, ...] = (
    PartyRule("guideline", "guideline",
              Ruled(HD_36, CONFIRMED_SECONDARY, "§1, §4.1 (P4–P10)"),
              Ruled(HD_05, CONFIRMED_SECONDARY, "§11.1 (a verification log quoting the 36-page PDF)")),
    PartyRule("regulation", "regulation",
              Ruled(QD_66, CONFIRMED_SECONDARY, "§1"),
              Ruled(QD_399, CONFIRMED_SECONDARY, "§11.1 (legal-database copy of its opening)")),
    # Days below 10 and months below 3 with a zero: the same value, better sourced after.
    PartyRule("date_zero_padding", "guideline",
              Ruled(True, CONFIRMED_SECONDARY, "§4.3 example 'ngày 20 tháng 02 năm 2018' (days: §4.5 repos)"),
              Ruled(True, CONFIRMED_SECONDARY, "§11.1 HD 05 mục 4.2.2")),
    # A công văn's trích yếu: HD 36's example has no "về" ("Chế độ hội nghị và công tác phí");
    # HD 05 is reported to start it "về …" (no "V/v"). Both 12 pt italic.
    PartyRule("cong_van_subject_ve", "guideline",
              Ruled(False, CONFIRMED_SECONDARY, "§4.3 (P4), trích yếu of a công văn"),
              Ruled(True, SECONDARY_ONLY, "§11.1, §4.8 'công văn trích yếu 12 italic \"về …\"'")),
    # The chức vụ line under "T/M …": HD 36's Phụ lục 3 page is cut off before it (§4.3), so
    # NĐ 30's bold (ô 7b) is used (UNCONFIRMED); HD 05 is reported to set it upright, not bold.
    PartyRule("signer_title_bold", "guideline",
              Ruled(True, UNCONFIRMED, "§4.3 cut off; NĐ 30 PL I II.7.đ (bold) used"),
              Ruled(False, SECONDARY_ONLY, "§4.8 'chức vụ 14 IN HOA upright', §4.6")),
    # The types a Party body issues: QĐ 66's list was not read (UNCONFIRMED), QĐ 399's is used.
    PartyRule("types", "regulation",
              Ruled(QD_399_TYPES, UNCONFIRMED, "QĐ 66's list not in the reference; QĐ 399's used"),
              Ruled(QD_399_TYPES, CONFIRMED_SECONDARY, "§11.1 Types (QĐ 399)")),
    # Who issues what at the grassroots: unknown before QĐ 399, so nothing is refused then.
    PartyRule("grassroots", "regulation",
              Ruled(None, UNCONFIRMED, "QĐ 66 not in the reference: nothing refused"),
              Ruled(GRASSROOTS, SECONDARY_ONLY, "§11.1 'Who may issue what at the grassroots'")),
)

# The căn cứ of a Party quyết định or quy định: "- Căn cứ …;", the last ending "," and followed
# by "<body> quyết định:" (CONFIRMED (secondary): QĐ 399's own text, §11.1). QĐ 399 was laid out
# under HD 36 (its date is before HD 05's), so this holds under both; the line's size and weight
# are not given (UNCONFIRMED): those of NĐ 30's "QUYẾT ĐỊNH:" (14 bold, centred, IN HOA).
PARTY_BASES = Ruled(("- ", ";", ","), CONFIRMED_SECONDARY, "§11.1 'Căn cứ lines in a Party quyết định/quy định'")


@dataclass(frozen=True)
class PartyRules:
    """The values of ``PARTY_RULES`` in force on one date."""

    guideline: Instrument
    regulation: Instrument
    date_zero_padding: bool
    cong_van_subject_ve: bool
    signer_title_bold: bool
    types: frozenset
    grassroots: object  # GRASSROOTS, or None where no rule is known

    @property
    def name(self) -> str:
        """"HD 05-HD/VPTW (QĐ 399-QĐ/TW)": what a message cites."""
        return f"{self.guideline.name} ({self.regulation.name})"


def in_force(instruments: tuple[Instrument, ...], date: _dt.date) -> Instrument:
    """The last of ``instruments`` in force on ``date`` (the first before any)."""
    found = instruments[0]
    for instrument in instruments:
        if date >= instrument.in_force:
            found = instrument
    return found


def rules_on(date: _dt.date) -> PartyRules:
    """The Party's rules in force on ``date``."""
    return _rules(in_force(GUIDELINES, date) is HD_05, in_force(REGULATIONS, date) is QD_399)


@functools.lru_cache(maxsize=4)
def _rules(new_guideline: bool, new_regulation: bool) -> PartyRules:
    values = {}
    for row in PARTY_RULES:
        new = new_guideline if row.governed_by == "guideline" else new_regulation
        values[row.name] = (row.after if new else row.before).value
    return PartyRules(**values)


def status_of(name: str, date: _dt.date) -> Ruled:
    """The value of one row on ``date``, with its status and source (for messages and the README)."""
    row = next(r for r in PARTY_RULES if r.name == name)
    new = in_force(GUIDELINES if row.governed_by == "guideline" else REGULATIONS, date) in (HD_05, QD_399)
    return row.after if new else row.before
