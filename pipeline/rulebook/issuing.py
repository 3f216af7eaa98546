"""Who may issue which kind of document: what the sources say, as far as they say it.

Two rules are known (the-thuc-van-ban.md §11.1, §2.9):
- a system issues only the kinds its instruments list: NĐ 30 Điều 7 and Phụ lục III for state,
  union and Front bodies (the union's QĐ 933 and the Front's HD 91 were not read: UNCONFIRMED,
  NĐ 30's list), QĐ 399 for the Party (no công điện; kết luận and thông tri are the Party's own);
- at the grassroots, QĐ 399 lists what a đảng bộ cơ sở's Ban Chấp hành, its Ban Thường vụ and a
  chi bộ issue (SECONDARY ONLY; see party.GRASSROOTS), from 09/01/2026 on.
Nothing else is refused: where the sources are silent, a clerk's choice stands.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from pipeline.rulebook.kinds import BY_KEY, WRITTEN
from pipeline.rulebook.party import QD_399, rules_on
from pipeline.rulebook.systems import PARTY
from pipeline.vietnamese.format import upper_vi


@dataclass(frozen=True)
class Permission:
    """The kinds an issuer may issue, and the rule that says so (for the refusal's wording)."""

    kinds: tuple[str, ...]  # in the order of kinds.KINDS
    rule: str  # "NĐ 30/2020/NĐ-CP, Phụ lục III", "QĐ 399-QĐ/TW (chi bộ)"…
    level: str | None = None  # "chi_bo", "bch_co_so", "btv_co_so" when the grassroots rule applies


def grassroots_level(organisation: str | None, authority: tuple[str, ...]) -> str | None:
    """"bch_co_so", "btv_co_so" or "chi_bo" for a grassroots Party body (its Ban Thường vụ signs "T/M Ban Thường vụ")."""
    if organisation == "chi_bo":
        return "chi_bo"
    if organisation == "dang_bo_co_so":
        standing = any("BAN THƯỜNG VỤ" in upper_vi(line) for line in authority)
        return "btv_co_so" if standing else "bch_co_so"
    return None


def permission(system: str, organisation: str | None, authority: tuple[str, ...], date: _dt.date) -> Permission:
    """What a body of ``system`` (and ``organisation``), signing with ``authority``, may issue on ``date``."""
    if system != PARTY:
        kinds = tuple(k for k, kind in WRITTEN.items() if system in kind.systems)
        return Permission(kinds, "NĐ 30/2020/NĐ-CP, Điều 7, Phụ lục III")
    rules = rules_on(date)
    allowed = set(rules.types)
    level = grassroots_level(organisation, authority)
    # QĐ 399's lists, also before it (QĐ 66's was not read: party.PARTY_RULES "types").
    rule = QD_399.name
    if level is not None and rules.grassroots is not None:
        allowed &= rules.grassroots[level]
    else:
        level = None
    return Permission(tuple(k for k in WRITTEN if k in allowed), rule, level)


def may_issue(kind_key: str, permission_: Permission) -> bool:
    return kind_key in permission_.kinds and kind_key in BY_KEY
