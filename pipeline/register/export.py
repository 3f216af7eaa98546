"""Export the register as the Sổ đăng ký văn bản đi of NĐ 30, Phụ lục IV.

An electronic register must be printable with all its fields and bound
(NĐ 30, Điều 16 k2.b), so the xlsx is set up for paper: A4 landscape, the
header repeated on every page, wrapped text. The csv is for exchange (UTF-8
with a BOM, which spreadsheet programs need to read Vietnamese).

Names are sorted as a Vietnamese reader expects (a ă â b c d đ e ê …), which
neither Python's code-point order nor the plain Unicode collation (DUCET,
where ă, đ are a, d with an accent) gives: see ``vietnamese_key``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import re
import unicodedata
from pathlib import Path

from pipeline.errors import RegisterError
from pipeline.files import atomic_write, check_target, register_files
from pipeline.i18n import _
from pipeline.model import DOCUMENT_TYPES
from pipeline.register.store import Entry, is_party_series, open_existing
from pipeline.register.void import Voided, voided_entries
from pipeline.vietnamese.format import code_number, format_date_input

# NĐ 30 Phụ lục IV, I.2: the ten columns, in this order and wording.
COLUMNS = (
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
    "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
)
WIDTHS = (16, 12, 48, 18, 34, 14, 8, 11, 11, 16)  # characters; about 270 mm, an A4 landscape line


def register_rows(entries: list[Entry | Voided], widths: dict[str, int] | None = None) -> list[tuple]:
    """Return one row of the ten columns per entry; the date stays a date (each format prints it).

    A voided number keeps its line, its "Ghi chú" saying when and why it was voided. ``widths``:
    issuer id → the number of digits it prints its numbers with ("0124"), so the register shows a
    number as the document does.
    """
    rows = []
    widths = widths or {}
    for item in entries:
        e = item.entry if isinstance(item, Voided) else item
        type_name = DOCUMENT_TYPES.get(e.type, (e.type, ""))[0]
        note = _("Số cấp trước khi lập sổ") if e.preissued else ""
        if isinstance(item, Voided):
            note = _("Đã hủy số ngày {date}: {reason}").format(date=format_date_input(item.voided_on),
                                                              reason=item.reason)
        rows.append((
            code_number(e.number, e.notation, is_party_series(e.series), widths.get(e.issuer, 2)), e.date,
            f"{type_name} {e.subject}",
            e.signer, "; ".join(e.recipients), f"VT, {e.keep}",
            "", "", "", note,  # the three before it are filled in by hand by the văn thư
        ))
    return rows


# A cell starting with one of these is read as a formula by spreadsheet programs (CSV
# injection): "=HYPERLINK(…)" in a signer's name would become a link, "=1+2" a sum.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """Return a CSV cell that no spreadsheet reads as a formula: a leading quote, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def select_entries(register_path: Path, issuer: str | None, year: int | None, sort: str,
                   names: dict[str, str]) -> list[Entry | Voided]:
    """Return the entries (voided numbers too) to export in register order (series, number), or sorted by signer."""
    with open_existing(register_path) as register:
        every = register.entries()
        voided = voided_entries(register)
    if issuer is not None and issuer not in {e.issuer for e in every}:
        known = sorted({e.issuer for e in every}, key=lambda i: vietnamese_key(names.get(i, i)))
        listed = "; ".join(f"{i} ({names[i]})" if i in names else i for i in known) or _("(sổ trống)")
        raise RegisterError(_("sổ đăng ký không có văn bản nào của '{id}'; các cơ quan có trong sổ: {known}").format(
            id=issuer, known=listed))
    def entry(item):
        return item.entry if isinstance(item, Voided) else item

    chosen = [item for item in [*every, *voided] if (issuer is None or entry(item).issuer == issuer)
              and (year is None or entry(item).date.year == year)]
    # One book per issuer and year (NĐ 30, Điều 15: numbers run per issuer from 01/01), each in number
    # order, voided numbers in their place; the issuers in Vietnamese alphabetical order.
    chosen.sort(key=lambda item: (vietnamese_key(names.get(entry(item).issuer, entry(item).issuer)),
                                  entry(item).issuer, entry(item).date.year, entry(item).series, entry(item).number))
    if sort == "nguoi-ky":
        chosen.sort(key=lambda item: vietnamese_key(entry(item).signer))  # stable: register order among one signer's
    return chosen


def csv_bytes(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([format_date_input(v) if isinstance(v, _dt.date) else as_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(books: list[tuple[str, str, list[tuple]]]) -> bytes:
    """Return the register as a workbook laid out to be printed and bound: one sheet per book.

    ``books``: (sheet name, printed title, rows) — a văn thư keeps one sổ per issuer and year.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, title, rows in books:
        _sheet(book.create_sheet(name), rows, title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, rows: list[tuple], title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl takes any text starting with "=" for a formula: keep it text
                cell.data_type = "s"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    for r, cells in enumerate(sheet.iter_rows(), start=1):
        for cell in cells:
            cell.font = Font(name="Times New Roman", size=12 if r > 1 else 11, bold=r == 1)
            cell.alignment = Alignment(wrap_text=True, vertical="center" if r == 1 else "top",
                                       horizontal="center" if r == 1 else None)
            cell.border = box
            if isinstance(cell.value, _dt.date):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "Trang &P / &N"


_SHEET_NAME_OUT = re.compile(r"[\\/?*\[\]:']")  # what a sheet's name may not hold (Excel)


def books_of(entries: list[Entry | Voided], bodies: dict) -> list[tuple[str, str, list[Entry | Voided]]]:
    """Cut entries into books, one per issuer and year: (sheet name, printed title, entries).

    Each book keeps the entries' order; the books go in the Vietnamese order of their issuers'
    names, then by year. A sheet is named by the issuer's short name and the year ("UBND tỉnh
    Yên Bái 2024"), at most 31 characters and unique, as a spreadsheet requires.
    """
    grouped: dict[tuple[str, int], list] = {}
    for item in entries:
        e = item.entry if isinstance(item, Voided) else item
        grouped.setdefault((e.issuer, e.date.year), []).append(item)

    def full(issuer: str) -> str:
        return bodies[issuer].full_name if issuer in bodies else issuer

    books: list[tuple[str, str, list]] = []
    used: set[str] = set()
    for (issuer, year), items in sorted(grouped.items(), key=lambda kv: (vietnamese_key(full(kv[0][0])), kv[0])):
        short = _SHEET_NAME_OUT.sub(" ", bodies[issuer].short_name if issuer in bodies else issuer)
        name = f"{short} {year}"
        if len(name) > 31:
            cut = short[:27]
            name = (cut.rsplit(" ", 1)[0] if " " in cut else cut[:26]) + f" {year}"  # cut at a word
        base, n = name, 2
        while name.lower() in used:
            name, n = f"{base[:28]} {n}", n + 1
        used.add(name.lower())
        books.append((name, f"SỔ ĐĂNG KÝ VĂN BẢN ĐI - {full(issuer)} - NĂM {year}", items))
    return books


def export_register(register_path: Path, data_dir: Path, issuer: str | None, year: int | None, fmt: str,
                    out: Path, sort: str = "so", output_dir: Path = Path("output"), overwrite: bool = False) -> int:
    """Write the register (or its part for one issuer or year) to ``out``; return the number of rows.

    Never over the register or into the sources; over a file outside ``output_dir`` only with ``overwrite``.
    """
    check_target(out, output_dir, [*register_files(register_path),
                                   (data_dir, _("thư mục nguồn"))], overwrite)
    bodies = issuer_bodies(data_dir)
    names = {i: b.full_name for i, b in bodies.items()}
    widths = {i: b.number_width for i, b in bodies.items()}
    chosen = select_entries(register_path, issuer, year, sort, names)
    if fmt == "csv":
        data = csv_bytes(register_rows(chosen, widths))
    else:
        books = books_of(chosen, bodies) or [("Sổ đăng ký văn bản đi", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", [])]
        data = xlsx_bytes([(name, title, register_rows(items, widths)) for name, title, items in books])
    atomic_write(out, data)
    return len(chosen)


def issuer_names(data_dir: Path) -> dict[str, str]:
    """Return issuer id → full name from the sources; the register still exports when they are broken."""
    return {i: b.full_name for i, b in issuer_bodies(data_dir).items()}


def issuer_bodies(data_dir: Path) -> dict:
    """Return issuer id → Body from the sources ({} when they are broken: the register still exports)."""
    from pipeline.sources.validate import validate_sources

    try:
        sources, problems = validate_sources(data_dir)
    except OSError:
        return {}
    if sources is None or problems:
        return {}
    return dict(sources.registry.bodies)


# --- Vietnamese collation ---------------------------------------------------------

# CLDR's Vietnamese tailoring of the Unicode collation: ă â đ ê ô ơ ư are letters of
# their own, each right after its base letter, and the tones (secondary differences)
# go huyền, hỏi, ngã, sắc, nặng.
_LETTERS = {"a": ("\u0306", "\u0302"), "e": ("\u0302",), "o": ("\u0302", "\u031b"), "u": ("\u031b",)}
_STROKE = {"d": "đ", "D": "Đ"}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_AFTER_EVERY_LETTER = 0xFFF0  # an extra primary weight above every letter's


@functools.lru_cache(maxsize=1)
def _collator():
    import pyuca

    collator = pyuca.Collator()
    table = collator.table

    def elements(text: str) -> list:
        return [list(ce) for ce in table.find_prefix([ord(c) for c in text])[1]]

    for base, marks in _LETTERS.items():
        for letter in (base, base.upper()):
            for rank, mark in enumerate(marks, start=1):
                table.add([ord(letter), ord(mark)], elements(letter) + [[_AFTER_EVERY_LETTER + rank, 0x20, 0x2]])
    for base, stroke in _STROKE.items():
        table.add([ord(stroke)], elements(base) + [[_AFTER_EVERY_LETTER + 1, 0x20, 0x2]])
    seconds = sorted(elements(t)[0][1] for t in _TONES)
    for tone, secondary in zip(_TONES, seconds):
        table.add([ord(tone)], [[0, secondary, 0x2]])
    return collator


def vietnamese_key(text: str) -> tuple:
    """Return the sort key of ``text`` in Vietnamese alphabetical order ("Ánh" < "Bình" < "Dương" < "Đặng")."""
    return _collator().sort_key(unicodedata.normalize("NFC", text))
