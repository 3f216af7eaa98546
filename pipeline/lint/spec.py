"""Formatting shared by the elements' checks: what each element's runs must be, and the check.

``SPECS`` gives, for each element and system, its sizes, bold, italic, case and alignment
(NĐ 30 Mục V table; HD 36 Phụ lục 3 for the Party, falling back to the state value where the
Party's is not given); ``check_runs`` compares runs with one spec and words the findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.i18n import _
from pipeline.lint.read import Line
from pipeline.lint.rules import PARTY, STATE, Finding
from pipeline.lint.text import UPPER_WORD, num, shorten


@dataclass(frozen=True, slots=True)
class Spec:
    sizes: tuple[float, float] | None = None
    bold: bool | None = None
    italic: bool | None = None
    upper: bool = False
    center: bool = False


# (system, element) → (rule id prefix, Spec). PARTY falls back to STATE when absent.
SPECS: dict[tuple[str, str], tuple[str, Spec]] = {
    (STATE, "QUOCHIEU"): ("ND30-QUOCHIEU", Spec((12, 13), bold=True, upper=True)),
    (STATE, "TIEUNGU"): ("ND30-TIEUNGU", Spec((13, 14), bold=True)),
    (PARTY, "TIEUDE"): ("HD36-TIEUDE", Spec((15, 15), bold=True, upper=True)),
    (STATE, "COQUAN"): ("ND30-COQUAN", Spec((12, 13), bold=True, upper=True)),
    (PARTY, "COQUAN"): ("HD36-COQUAN", Spec((14, 14), bold=True, upper=True)),
    (STATE, "CHUQUAN"): ("ND30-COQUAN", Spec((12, 13), upper=True)),  # superior body
    (PARTY, "CHUQUAN"): ("HD36-COQUAN", Spec((14, 14), upper=True)),
    (STATE, "SO"): ("ND30-SO", Spec((13, 13))),
    (PARTY, "SO"): ("HD36-SO", Spec((14, 14))),
    (STATE, "DATE"): ("ND30-DATE", Spec((13, 14), italic=True)),
    (PARTY, "DATE"): ("HD36-DATE", Spec((14, 14), italic=True)),
    (STATE, "TENLOAI"): ("ND30-TENLOAI", Spec((13, 14), bold=True, upper=True, center=True)),
    (PARTY, "TENLOAI"): ("HD36-TENLOAI", Spec((15, 16), bold=True, upper=True, center=True)),
    (STATE, "TRICHYEU"): ("ND30-TRICHYEU", Spec((13, 14), bold=True, center=True)),
    (PARTY, "TRICHYEU"): ("HD36-TRICHYEU", Spec((14, 15), bold=True, center=True)),
    (STATE, "VV"): ("ND30-VV", Spec((12, 13), bold=False)),
    (PARTY, "VV"): ("HD36-VV", Spec((12, 12), italic=True)),
    (STATE, "KINHGUI"): ("ND30-KINHGUI", Spec((13, 14))),
    (STATE, "THAMQUYEN"): ("ND30-THAMQUYEN", Spec((13, 14), bold=True, upper=True, center=True)),
    (STATE, "QUYETDINH"): ("ND30-QUYETDINH", Spec((13, 14), bold=True, upper=True, center=True)),
    (STATE, "CANCU"): ("ND30-CANCU", Spec(italic=True)),
    (STATE, "NOINHAN"): ("ND30-NOINHAN", Spec((12, 12), bold=True, italic=True)),
    (STATE, "NOINHAN-LIST"): ("ND30-NOINHAN-LIST", Spec((11, 11))),
    (STATE, "KY"): ("ND30-KY", Spec((13, 14), bold=True, upper=True)),
    (PARTY, "KY-PLAIN"): ("ND30-KY", Spec((13, 14), upper=True)),
    (STATE, "KYTEN"): ("ND30-KYTEN", Spec((13, 14), bold=True)),
    (STATE, "PAGENUM"): ("ND30-PAGENUM", Spec((13, 14), center=True)),
    (STATE, "BODY"): ("ND30-BODY", Spec((13, 14))),
    (PARTY, "BODY"): ("HD36-BODY", Spec((14, 15))),
    (STATE, "BANG"): ("ND30-BANG", Spec((13, 14))),  # table text is nội dung: NĐ 30 gives it no size of its own
    (PARTY, "BANG"): ("HD36-BANG", Spec((14, 15))),
}

def align_name(align: str) -> str:
    names = {"left": _("căn trái"), "center": _("căn giữa"), "right": _("căn phải"),
             "both": _("căn đều hai bên"), "distribute": _("căn đều hai bên")}
    return names.get(align, align)


def size_range(lo: float, hi: float) -> str:
    return num(lo) if lo == hi else f"{num(lo)}–{num(hi)}"


def check_runs(prefix: str, spec: Spec, where: str, runs, align: str | None,
               text: str, pos: int) -> Iterator[Finding]:
    """Check size, bold, italic, case and alignment of some runs against ``spec``."""
    runs = [r for r in runs if r.text.strip()]
    if not runs:
        return
    if spec.upper and UPPER_WORD.search(text) and text != text.upper() and not all(
            r.fmt.caps for r in runs):
        yield Finding(f"{prefix}-CASE", where, _("IN HOA"), _("có chữ thường"), pos)
    if spec.bold is True and not all(r.fmt.bold for r in runs):
        yield Finding(f"{prefix}-BOLD", where, _("chữ đậm"), _("chữ không đậm"), pos)
    if spec.bold is False and any(r.fmt.bold for r in runs):
        yield Finding(f"{prefix}-BOLD", where, _("chữ không đậm"), _("chữ đậm"), pos)
    if spec.italic is True and not all(r.fmt.italic for r in runs):
        yield Finding(f"{prefix}-ITALIC", where, _("chữ nghiêng"), _("chữ đứng"), pos)
    if spec.sizes:
        lo, hi = spec.sizes
        bad = sorted({r.fmt.size for r in runs if not lo <= r.fmt.size <= hi})
        if bad:
            yield Finding(f"{prefix}-SIZE", where,
                          _("cỡ chữ {size}").format(size=size_range(lo, hi)),
                          _("cỡ chữ {size}").format(size=", ".join(num(s) for s in bad)), pos)
    if spec.center and align is not None and align != "center":
        yield Finding(f"{prefix}-ALIGN", where, _("căn giữa"), align_name(align), pos)


def spec_for(system: str, element: str) -> tuple[str, Spec]:
    return SPECS.get((system, element)) or SPECS[(STATE, element)]


def check_line(system: str, element: str, line: Line) -> Iterator[Finding]:
    prefix, spec = spec_for(system, element)
    yield from check_runs(prefix, spec, shorten(line.text), line.runs, line.para.fmt.align,
                          line.text, line.index)
