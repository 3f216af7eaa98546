"""Straight lines drawn as shapes (Insert ▸ Shapes ▸ Line): their length, in twips.

Clerks draw the rules under the tiêu ngữ, the organisation name and the trích yếu in several
ways; ``read`` keeps the ones drawn as shapes here (DrawingML from Word 2010 on, VML from
older Word), the others are paragraph borders, underlined text and lines of "_" or "-".
A shape counts as a line when its geometry says so, or when it is at least twenty times
wider than high (a flat rectangle prints as a rule too).
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.lint.properties import A_NS, V_NS, WP_NS, WPS_NS

EMU_PER_TWIP = 635  # 914400 EMU an inch, 1440 twips an inch
_LINE_GEOMETRY = frozenset(("line", "straightConnector1"))
_EXTENT = f"{{{WP_NS}}}extent"
_GEOMETRY = f"{{{A_NS}}}prstGeom"
_CONNECTOR = f"{{{WPS_NS}}}cNvCnPr"
_VML_LINE = f"{{{V_NS}}}line"
_VML_SHAPES = tuple(f"{{{V_NS}}}{name}" for name in ("shape", "rect"))
# VML lengths: a number and a unit; Word writes pt, some tools in, cm, mm or px.
_TWIPS_PER = {"pt": 20, "in": 1440, "cm": 1440 / 2.54, "mm": 144 / 2.54, "px": 15, "": 15}
_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|)\s*$")


def drawing_line(drawing: etree._Element) -> int | None:
    """Length of a w:drawing that is a straight line, else None."""
    extent = next(drawing.iter(_EXTENT), None)
    if extent is None:
        return None
    try:
        cx, cy = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
    except ValueError:
        return None
    geometry = next(drawing.iter(_GEOMETRY), None)
    is_line = (geometry is not None and geometry.get("prst") in _LINE_GEOMETRY
               or next(drawing.iter(_CONNECTOR), None) is not None or cx > 20 * max(cy, 1))
    return round(cx / EMU_PER_TWIP) if is_line and cx > 0 else None


def vml_line(pict: etree._Element) -> int | None:
    """Length of a w:pict holding a VML line (or a flat rectangle), else None."""
    line = next(pict.iter(_VML_LINE), None)
    if line is not None:
        start, end = _point(line.get("from", "0,0")), _point(line.get("to", "0,0"))
        if start is None or end is None:
            return None
        return round(abs(end[0] - start[0])) or None
    shape = next(pict.iter(*_VML_SHAPES), None)
    if shape is None:
        return None
    style = dict(part.split(":", 1) for part in shape.get("style", "").split(";") if ":" in part)
    width, height = _length(style.get("width", "")), _length(style.get("height", "0"))
    if width and height is not None and width > 20 * max(height, 1):
        return round(width)
    return None


def _length(text: str) -> float | None:
    m = _LENGTH.match(text)
    return float(m.group(1)) * _TWIPS_PER[m.group(2)] if m else None


def _point(text: str) -> tuple[float, float] | None:
    parts = text.split(",")
    if len(parts) != 2:
        return None
    x, y = _length(parts[0]), _length(parts[1])
    return (x, y) if x is not None and y is not None else None
