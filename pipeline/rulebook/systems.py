"""The four systems a body belongs to, and the organisations of the Mặt trận whose forms differ.

State bodies follow NĐ 30/2020/NĐ-CP; unions keep the state header and numbering (QĐ
933/QĐ-TLĐ, reference §3); the Party follows HD 36-HD/VPTW, then HD 05-HD/VPTW (§4, §11.1);
the Mặt trận Tổ quốc and the organisations under it follow NĐ 30 (Điều 2 k2) with the
Front's own number and signature (HD 91/HD-MTTW-BTT, §11.2).
"""

from __future__ import annotations

from types import MappingProxyType

from pipeline.vietnamese.format import upper_vi

# The values are the manifest's words (output/<campaign>/manifest.json "system").
STATE, UNION, PARTY, FRONT = "state", "union", "party", "front"
SYSTEM_OF_SOURCE = MappingProxyType({"nha_nuoc": STATE, "cong_doan": UNION, "dang": PARTY, "mat_tran": FRONT})

# The kinds of organisation whose rules differ within a system (registry key 'loai_to_chuc').
# Party: the grassroots committees, whose types QĐ 399 lists (§11.1, SECONDARY ONLY).
# Front: the Ủy ban MTTQ and the socio-political organisations under it since 2025 (§11.2).
ORGANISATIONS = MappingProxyType({
    "dang_bo_co_so": PARTY,  # đảng bộ cơ sở: its Ban Chấp hành, or Ban Thường vụ (T/M Ban Thường vụ)
    "chi_bo": PARTY,  # chi bộ (cơ sở or trực thuộc)
    "mttq": FRONT,  # Ủy ban Mặt trận Tổ quốc Việt Nam at any level
    "doan_thanh_nien": FRONT,  # Đoàn TNCS Hồ Chí Minh
    "hoi_phu_nu": FRONT,  # Hội Liên hiệp Phụ nữ Việt Nam
    "hoi_nong_dan": FRONT,  # Hội Nông dân Việt Nam
    "hoi_cuu_chien_binh": FRONT,  # Hội Cựu chiến binh Việt Nam
})
DEFAULT_ORGANISATION = MappingProxyType({FRONT: "mttq"})

# How the header's right column reads and what stands under the issuing body's name.
#   state: Quốc hiệu and tiêu ngữ; a rule under the name (NĐ 30 ô 1, ô 2).
#   party: "ĐẢNG CỘNG SẢN VIỆT NAM"; "*" under the name (HD 36 Phụ lục 3, P5; QĐ 399's header).
#   youth: "ĐOÀN TNCS HỒ CHÍ MINH"; "***" under the name (HD 29-HD/TWĐTN-VP, §11.2, CONFIRMED
#          (secondary)). No Quốc hiệu. Its size is not given (UNCONFIRMED): the Quốc hiệu's, 13 bold.
# Hội LHPN, Hội Nông dân and Hội CCB: whether their headers differ was not found (UNCONFIRMED):
# the state header, as the Ủy ban MTTQ's (§11.2 example "ỦY BAN MTTQ VIỆT NAM / TỈNH ĐẮK LẮK").
YOUTH_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def header_style(system: str, organisation: str | None) -> str:
    """Return "state", "party" or "youth": which header a body's documents print."""
    if system == PARTY:
        return "party"
    if organisation == "doan_thanh_nien":
        return "youth"
    return "state"


def uses_party_forms(system: str) -> bool:
    """Party forms: "Số 277-KH/ĐUK", T/M K/T T/L, numbering per term and type (HD 36 1.3.1, 1.7.1)."""
    return system == PARTY


# The Front's standing board signs most of its documents ("TM. BAN THƯỜNG TRỰC", §11.2,
# SECONDARY ONLY) and its abbreviation closes the ký hiệu: "Số: 291/QĐ-MTTQ-BTT" (CONFIRMED
# (secondary), examples 2013, 2025, 2026). Keyed by the collective after "TM.", in capitals.
FRONT_ORGANS = MappingProxyType({"BAN THƯỜNG TRỰC": "BTT"})


def front_organ(authority: tuple[str, ...]) -> str | None:
    """Return "BTT" when a Front document is signed for its standing board, else None."""
    for line in authority:
        head, _sep, collective = line.partition(" ")
        if head.rstrip(".").upper() == "TM":
            found = FRONT_ORGANS.get(upper_vi(collective.strip()))
            if found:
                return found
    return None

