"""Where the visible signatures go on a page, and what they show (NĐ 30 Phụ lục I; the-thuc-van-ban.md §11.4).

- The signer's signature (ô 7c/7d): the signature image, blue, transparent, centred between
  the title line and the name line of the signature block.
- The organisation's signature (ô 8/8a): the seal image, red, transparent, at the seal's
  real size, covering about the left third of the signer's image; under it, the
  organisation's name and the signing time (ISO 8601, +07:00).
- An attachment in a separate file (and an electronic copy, ô 14): the organisation signs
  at the top right of page 1, no image, "số và ký hiệu; thời gian ký" in Times New Roman
  10 pt, black, upright.

The block is found in the rendered PDF itself (poppler's ``pdftotext -bbox-layout``), never
guessed from the template: the name line is the signer's name, the title line the last line
above it in the same column. Coordinates here are PDF points, origin at the page's bottom left.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.i18n import _

POINTS_PER_MM = 72 / 25.4
CAPTION_SIZE = 6  # pt: the seal's caption, small enough to sit under a 3–4 cm seal
CAPTION_LINES = 2
ATTACHMENT_SIZE = 10  # pt (§11.4)
RIGHT_MARGIN_MM = 15  # NĐ 30 §2.1: the right margin, 15–20 mm; the attachment's stamp ends there
TOP_OFFSET_MM = 6  # the attachment stamp's top, inside the 20 mm top margin
IMAGE_MARGIN = 3  # pt kept clear above and below the signer's image
MAX_SIGNATURE_WIDTH_MM = 60
# Times New Roman where it is installed, else its metric-compatible substitute (the one the PDF uses).
SERIF_FONTS = (
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
BBOX_NS = {"x": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points: x0, y0 bottom left, x1, y1 top right."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


@dataclass(frozen=True)
class Line:
    page: int  # 0-based
    text: str
    box: Box  # in PDF points


@dataclass(frozen=True)
class SignatureBlock:
    page: int
    title: Line
    name: Line


def text_lines(pdf: Path) -> list[Line]:
    """Return every text line of ``pdf`` with its box, in reading order, from poppler."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise PipelineError(_("không tìm thấy pdftotext (poppler-utils); hãy chạy scripts/install-system-deps.sh"))
    result = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120)
    if result.returncode != 0:
        raise PipelineError(_("{path}: pdftotext không đọc được tệp PDF").format(path=pdf))
    root = etree.fromstring(result.stdout, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    lines = []
    for number, page in enumerate(root.iterfind(".//x:page", BBOX_NS)):
        height = float(page.get("height"))
        for line in page.iterfind(".//x:line", BBOX_NS):
            words = [w.text or "" for w in line.iterfind("x:word", BBOX_NS)]
            box = Box(float(line.get("xMin")), height - float(line.get("yMax")),
                      float(line.get("xMax")), height - float(line.get("yMin")))
            lines.append(Line(number, _normal(" ".join(words)), box))
    return lines


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def find_signature_block(lines: list[Line], signer_name: str) -> SignatureBlock | None:
    """Return the first signature block of the signer: the main text's, before any phụ lục."""
    name = _normal(signer_name)
    for i, line in enumerate(lines):
        if line.text != name:
            continue
        above = [other for other in lines[:i] if other.page == line.page and other.box.y0 > line.box.y1
                 and other.box.x0 < line.box.x1 and other.box.x1 > line.box.x0]
        if above:
            title = min(above, key=lambda other: other.box.y0 - line.box.y1)
            return SignatureBlock(line.page, title, line)
    return None


def signature_box(block: SignatureBlock, image_size: tuple[int, int]) -> Box:
    """Return where the signer's image goes: centred between title and name, as large as the gap allows."""
    top, bottom = block.title.box.y0 - IMAGE_MARGIN, block.name.box.y1 + IMAGE_MARGIN
    centre_x = (block.name.box.x0 + block.name.box.x1) / 2
    width_px, height_px = image_size
    height = max(top - bottom, 12.0)
    width = height * width_px / height_px
    if width > MAX_SIGNATURE_WIDTH_MM * POINTS_PER_MM:
        width = MAX_SIGNATURE_WIDTH_MM * POINTS_PER_MM
        height = width * height_px / width_px
    centre_y = (top + bottom) / 2
    return Box(centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2)


def seal_box(signature: Box, diameter_mm: float) -> Box:
    """Return the seal's field: the seal covering the left third of the signature, the caption under it."""
    size = diameter_mm * POINTS_PER_MM
    right = signature.x0 + signature.width / 3
    centre_y = (signature.y0 + signature.y1) / 2
    caption = CAPTION_SIZE * 1.25 * CAPTION_LINES
    return Box(right - size, centre_y - size / 2 - caption, right, centre_y + size / 2)


def attachment_box(page_size: tuple[float, float], lines: int = 2) -> Box:
    """Return the top-right box of a separate-file attachment's first page."""
    width, height = page_size
    right = width - RIGHT_MARGIN_MM * POINTS_PER_MM
    top = height - TOP_OFFSET_MM * POINTS_PER_MM
    box_height = ATTACHMENT_SIZE * 1.2 * lines + 2
    return Box(right - 250, top - box_height, right, top)


def seal_diameter_mm(image_path: Path, declared_mm: float | None) -> float:
    """Return the seal's real diameter: as declared in the registry, else from the PNG's resolution."""
    if declared_mm:
        return float(declared_mm)
    from PIL import Image

    with Image.open(image_path) as image:
        dpi = image.info.get("dpi")
        width = image.size[0]
    if not dpi or not dpi[0] or dpi[0] < 20:
        raise PipelineError(_("{path}: ảnh dấu không ghi độ phân giải (DPI) nên không biết kích thước thật; "
                              "hãy ghi 'co_dau' (đường kính, mm) trong danh mục").format(path=image_path))
    return width / float(dpi[0]) * 25.4


def serif_font() -> str:
    for path in SERIF_FONTS:
        if Path(path).exists():
            return path
    raise PipelineError(_("không tìm thấy phông Times New Roman hoặc Liberation Serif; "
                          "hãy chạy scripts/install-system-deps.sh"))


# --- appearances (pyHanko stamp styles) --------------------------------------------------------------------------


def picture_style(image_path: Path):
    """The signer's appearance: the image alone, filling its field, no border, no text."""
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(background=_image(image_path), border_width=0, background_opacity=1.0,
                            background_layout=_fit(layout.AxisAlignment.ALIGN_MID))


def seal_style(image_path: Path):
    """The organisation's appearance: the seal at the top of its field, the caption under it."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    caption = TextBoxStyle(font=_serif_factory(CAPTION_SIZE),
                           font_size=CAPTION_SIZE, leading=round(CAPTION_SIZE * 1.25), border_width=0,
                           text_color=(0, 0, 0), box_layout_rule=_tight())
    return TextStampStyle(
        background=_image(image_path), background_opacity=1.0, border_width=0,
        background_layout=_fit(layout.AxisAlignment.ALIGN_MAX),
        text_box_style=caption, stamp_text="%(organisation)s\n%(time)s",
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(0, 0, 0, 0), inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT))


def attachment_style():
    """An attachment's appearance: two lines of text, Times New Roman 10 pt, black, right-aligned."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    text = TextBoxStyle(font=_serif_factory(ATTACHMENT_SIZE),
                        font_size=ATTACHMENT_SIZE, leading=round(ATTACHMENT_SIZE * 1.2), border_width=0,
                        text_color=(0, 0, 0), box_layout_rule=_tight())
    return TextStampStyle(
        border_width=0, text_box_style=text, stamp_text="%(code)s\n%(time)s",
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, 0), inner_content_scaling=layout.InnerScaling.NO_SCALING))


def image_size(image_path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(image_path) as image:
        return image.size


def _image(image_path: Path):
    from PIL import Image
    from pyhanko.pdf_utils.images import PdfImage

    with Image.open(image_path) as opened:
        image = opened.convert("RGBA")  # the transparency becomes the PDF image's soft mask
    return PdfImage(image, writer=None)


def _tight():
    """Text boxes without pyHanko's default 10 pt margin: the text is placed by the stamp's own rule."""
    from pyhanko.pdf_utils import layout

    return layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MAX,
                                      margins=layout.Margins(0, 0, 0, 0))


def _fit(y_align):
    from pyhanko.pdf_utils import layout

    return layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID, y_align=y_align,
                                      margins=layout.Margins(0, 0, 0, 0),
                                      inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT)


def _serif_factory(size: float):
    """Return a pyHanko font factory embedding the serif font, scaled to 1000 units per em.

    pyHanko 0.38 writes a TrueType font's widths (/W) in the font's own units while PDF
    reads them as thousandths of an em: with Liberation Serif's 2048 units the letters
    are drawn twice as far apart. The same font scaled to 1000 units is drawn right.
    """
    import io

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class Factory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(_font_1000(self.font_file)),
                                    font_size=self.font_size, obj_stream=obj_stream)

    return Factory(serif_font(), font_size=size)


@functools.lru_cache(maxsize=4)
def _font_1000(path: str) -> bytes:
    import io
    import logging

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset": a table PDF does not need
    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
