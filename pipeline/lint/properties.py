"""WordprocessingML as the linter reads it: names, safe parsing, and what one w:rPr or w:pPr sets.

These are the leaves of the style hierarchy that ``styles`` folds together: each function
returns only the properties written on one element, as a dict, without inheritance.
"""

from __future__ import annotations

import functools

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.lru_cache(maxsize=None)  # a few dozen names, asked for hundreds of times a document
def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, SDT, SDT_CONTENT = w("pPr"), w("rPr"), w("sdt"), w("sdtContent")
SECT_PR, VAL = w("sectPr"), w("val")
INSTR_TEXT, FLD_SIMPLE = w("instrText"), w("fldSimple")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
MC_ALTERNATE, MC_CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"
DRAWING, PICT = w("drawing"), w("pict")

# Elements inside a paragraph whose runs are part of its visible text. Deleted text
# (w:del, w:moveFrom) and text boxes (inside w:drawing/w:pict) are deliberately absent.
RUN_CONTAINERS = frozenset(
    w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                   "dir", "bdo", "sdt", "sdtContent")
)
BLOCK_CONTAINERS = frozenset((SDT, SDT_CONTENT, w("customXml")))
TOGGLES = {w("b"): "b", w("i"): "i", w("caps"): "caps", w("vanish"): "vanish"}
FALSE = frozenset(("0", "false", "off", "none"))
JC = {"start": "left", "end": "right", "justify": "both"}
PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)

def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part (external entities are never resolved)."""
    return etree.fromstring(data, PARSER)


def is_on(el: etree._Element) -> bool:
    return el.get(VAL, "1").lower() not in FALSE


def int_attr(el: etree._Element, attr: str) -> int | None:
    value = el.get(w(attr))
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def theme_fonts(theme_xml: bytes | None) -> dict[str, str]:
    """Map theme font slots (minorHAnsi, majorAscii…) to the theme's Latin typefaces."""
    if not theme_xml:
        return {}
    root = parse_xml(theme_xml)
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            for slot in ("Ascii", "HAnsi"):
                fonts[kind + slot] = latin.get("typeface")
    return fonts


_RFONTS, _SZ, _U, _VERT_ALIGN = w("rFonts"), w("sz"), w("u"), w("vertAlign")
_FONT_ATTRS = tuple((key, w(key), w(key + "Theme")) for key in ("ascii", "hAnsi"))


def run_properties(rpr: etree._Element, theme_typefaces: dict[str, str]) -> dict:
    """Return the properties set by one w:rPr (theme fonts already resolved)."""
    d: dict = {}
    for child in rpr:
        tag = child.tag
        if tag == _RFONTS:
            for key, plain, themed in _FONT_ATTRS:
                theme = child.get(themed)
                if theme:  # the theme attribute wins over the plain one on the same element
                    d[key] = theme_typefaces.get(theme, "+" + theme)
                elif child.get(plain):
                    d[key] = child.get(plain)
        elif tag == _SZ:
            v = int_attr(child, "val")
            if v:
                d["sz"] = v / 2
        elif tag in TOGGLES:
            d[TOGGLES[tag]] = is_on(child)
        elif tag == _U:
            d["u"] = child.get(VAL, "single") != "none"
        elif tag == _VERT_ALIGN:
            d["sup"] = child.get(VAL) == "superscript"
    return d


_JC, _IND, _PBDR, _FRAME, _TABS, _SPACING = (w(t) for t in ("jc", "ind", "pBdr", "framePr", "tabs",
                                                          "spacing"))
_CONTEXTUAL, _PAGE_BREAK_BEFORE, _PSTYLE, _NUMPR = (
    w(t) for t in ("contextualSpacing", "pageBreakBefore", "pStyle", "numPr"))


def paragraph_properties(ppr: etree._Element) -> dict:
    """Return the properties set by one w:pPr."""
    d: dict = {}
    for child in ppr:
        tag = child.tag
        if tag == _JC:
            v = child.get(VAL, "left")
            d["jc"] = JC.get(v, v)
        elif tag == _IND:
            hanging, first = int_attr(child, "hanging"), int_attr(child, "firstLine")
            if hanging is not None:  # 17.3.1.12: hanging wins over firstLine
                d["first"] = -hanging
            elif first is not None:
                d["first"] = first
            for side, alias in (("left", "start"), ("right", "end")):
                value = int_attr(child, side)
                value = value if value is not None else int_attr(child, alias)
                if value is not None:
                    d[side] = value
        elif tag == _PBDR:  # a border drawn above or below: how Word users draw rules
            for side in ("top", "bottom"):
                edge = child.find(w(side))
                if edge is not None:
                    d["bdr_" + side] = edge.get(VAL, "none") not in ("none", "nil")
        elif tag == _FRAME:  # a text frame: placed on the page, not in the flow
            d["frame"] = True
        elif tag == _TABS:  # where text after a tab starts: columns lined up without a table
            d["tabs"] = tuple(sorted(int_attr(t, "pos") or 0 for t in child.iterfind(w("tab"))
                                     if t.get(VAL) not in ("clear", "bar")))
        elif tag == _SPACING:
            for attr, key in (("before", "before"), ("after", "after"), ("line", "line")):
                v = int_attr(child, attr)
                if v is not None:
                    d[key] = v
            if child.get(w("lineRule")):
                d["lineRule"] = child.get(w("lineRule"))
            for attr in ("beforeAutospacing", "afterAutospacing"):
                if child.get(w(attr)) is not None:
                    d[attr] = child.get(w(attr)).lower() not in FALSE
        elif tag == _CONTEXTUAL:
            d["contextual"] = is_on(child)
        elif tag == _PAGE_BREAK_BEFORE:
            d["pageBreakBefore"] = is_on(child)
        elif tag == _PSTYLE:
            d["pStyle"] = child.get(VAL)
        elif tag == _NUMPR:
            num, lvl = child.find(w("numId")), child.find(w("ilvl"))
            if num is not None:
                d["numId"] = num.get(VAL)
                d["ilvl"] = lvl.get(VAL, "0") if lvl is not None else "0"
    return d
