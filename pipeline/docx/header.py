"""The names in the header's left column, set in lines where a clerk would break them.

NĐ 30 PL I ô 2 puts the chủ quản's name and the issuing body's name, IN HOA and centred,
in the left column of the header; a name "may wrap onto several lines". Left to the word
processor, a long name wraps at the last space that fits ("SỞ TÀI NGUYÊN VÀ MÔI /
TRƯỜNG"); here each line the clerk wrote (``ten`` is a list of lines, or one text) that is
wider than the column is broken at phrase boundaries (``vietnamese.linebreak.name_lines``),
at the largest allowed size that lets it fit. A name that fits at no allowed size is kept as
the clerk wrote it and reported by ``header_problems``, naming the body.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import Problem
from pipeline.i18n import _
from pipeline.model import PARTY, DocumentTree, Registry
from pipeline.vietnamese.format import upper_vi
from pipeline.vietnamese.linebreak import FIT_MARGIN, name_lines
from pipeline.vietnamese.textwidth import text_width

HEADER_LEFT_CELL = 4111 - 56  # the template's left column less its cell margins (28 twips a side)
# Allowed sizes, largest first: NĐ 30 ô 2 gives 12–13 pt for both names (13 as Mẫu 1.4);
# HD 36 Phụ lục 3 gives the Party 14 pt and no range.
NAME_SIZES = {"state": (13, 12), "party": (14,)}
MAX_NAME_LINES = 3  # Mẫu 1.1–1.5 show one or two; a fourth would push the title down the page


@dataclass(frozen=True)
class SetName:
    """A name as printed: its lines, its size in points, and whether it fits its column."""

    lines: tuple[str, ...]
    size: float
    fits: bool


@functools.lru_cache(maxsize=16384)
def set_name(lines: tuple[str, ...], system: str, bold: bool) -> SetName:
    """Return the lines of one header name at the largest allowed size its phrases fit.

    Remembered: every document of a body prints the same name.
    """
    sizes = NAME_SIZES["party" if system == PARTY else "state"]
    wanted = tuple(upper_vi(line) for line in lines)
    for size in sizes:
        out: list[str] = []
        for line in wanted:
            if text_width(line, size, bold) <= HEADER_LEFT_CELL - FIT_MARGIN:
                out.append(line)
                continue
            broken = name_lines(line, HEADER_LEFT_CELL, size, bold)
            if broken is None:
                break
            out.extend(broken)
        else:
            if len(out) <= MAX_NAME_LINES:
                return SetName(tuple(out), size, True)
    return SetName(wanted, sizes[0], False)


def issuing_name(lines: Sequence[str], system: str) -> SetName:
    """The issuing body's name: bold (NĐ 30 ô 2; HD 36)."""
    return set_name(tuple(lines), system, bold=True)


def parent_name(name: str, system: str) -> SetName:
    """The chủ quản's name (Party: cấp trên): upright, not bold, one text the clerk wrote."""
    return set_name((name,), system, bold=False)


def header_problems(registry: Registry, body_ids: Sequence[str] | None = None) -> list[Problem]:
    """Warn about each header name that fits its column at no allowed size, naming the body.

    ``body_ids``: the bodies that issue documents (default every body). A chủ quản's printed
    name is judged with the body whose header carries it.
    """
    problems: list[Problem] = []
    judged: set[tuple[str, str]] = set()
    ids = registry.bodies if body_ids is None else dict.fromkeys(body_ids)
    for body_id in ids:
        body = registry.bodies.get(body_id)
        if body is None or body.is_bloc:
            continue
        width_mm = round(HEADER_LEFT_CELL / 56.7)
        sizes = "–".join(str(s) for s in sorted(NAME_SIZES["party" if body.system == PARTY else "state"]))
        name = issuing_name(body.name_lines, body.system)
        if not name.fits:
            problems.append(Problem(body.location, f"{body.id}: ten", _(
                "tên cơ quan \"{name}\" không đặt vừa cột tiêu đề ({width} mm) ở cỡ chữ {sizes} pt, "
                "kể cả khi xuống dòng ở ranh giới cụm từ (tối đa {lines} dòng)").format(
                    name=" / ".join(body.name_lines), width=width_mm, sizes=sizes, lines=MAX_NAME_LINES),
                _("viết tên thành các dòng ngắn hơn (ten: [DÒNG 1, DÒNG 2]) hoặc viết tắt cụm từ thông dụng "
                  "(NĐ 30, Phụ lục I, ô 2)"), warning=True))
        parent = registry.bodies.get(body.header_parent) if body.header_parent else None
        if parent is not None and (parent.id, body.system) not in judged:
            judged.add((parent.id, body.system))
            text = parent.header_parent_name or " ".join(parent.name_lines)
            if not parent_name(text, body.system).fits:
                problems.append(Problem(parent.location, f"{parent.id}: ten_chu_quan", _(
                    "tên \"{name}\", in làm tên cơ quan chủ quản trên tiêu đề của {body}, không đặt vừa cột "
                    "tiêu đề ({width} mm) ở cỡ chữ {sizes} pt, kể cả khi xuống dòng ở ranh giới cụm từ "
                    "(tối đa {lines} dòng)").format(
                        name=text, body=body.id, width=width_mm, sizes=sizes, lines=MAX_NAME_LINES),
                    _("đặt ten_chu_quan ngắn hơn (viết tắt cụm từ thông dụng, như \"UBND TỈNH …\")"), warning=True))
    return problems


def issuers(trees: Sequence[DocumentTree]) -> list[str]:
    """The ids of the bodies whose headers the documents of ``trees`` print, in order."""
    return list(dict.fromkeys(doc.issuer.id for tree in trees for doc in tree.documents))
