"""Declare each source field once: its check, its Vietnamese description, its JSON Schema.

A checker turns one YAML value into a Python value, or records a Problem and
returns None. The same declarations print the JSON Schema (draft-07) that
editors use to underline mistakes while the clerk types, so the schema and
the loader cannot disagree (tests check it both ways).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

import jinja2

from pipeline.errors import Problem, expected_found
from pipeline.i18n import N_, _
from pipeline.sources.load import SourceFile, dotted
from pipeline.sources.sandbox import PlaceholderEnvironment
from pipeline.vietnamese.format import (
    DateFormatError,
    forbidden_character,
    format_date_input,
    parse_date,
)
from pipeline.vietnamese.workdays import (
    ANCHORS,
    RELATIVE_EXAMPLE,
    RELATIVE_PATTERN,
    looks_relative,
    parse_relative,
)

# The characters vnformat.forbidden_character refuses, as a JSON Schema (ECMA) class.
FORBIDDEN_CLASS = (
    "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e"
    "\\u2060-\\u2064\\u2066-\\u2069\\ufeff\\ufffe\\uffff]"
)

# Placeholders in clerks' text are parsed by this sandboxed environment only (no loops, no huge values).
PLACEHOLDER_ENV = PlaceholderEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


class Context:
    """Where checkers record problems: the file being checked and the list so far."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, path: tuple, message: str, hint: str = "", key: bool = False) -> None:
        where = self.source.where_key(path) if key else self.source.where(path)
        self.problems.append(Problem(where, dotted(path), message, hint))


class Checker:
    description = ""

    def check(self, value: Any, path: tuple, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


@dataclass
class Text(Checker):
    """A line or paragraph of Vietnamese text; may hold {{ placeholders }}."""

    description: str = ""
    example: str | None = None
    max_length: int = 5000
    placeholders: bool = False
    pattern: str | None = None
    pattern_hint: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            ctx.problem(path, expected_found(_("một đoạn chữ"), value), _read_as_structure(value))
            return None
        text = value.strip()
        if not text:
            ctx.problem(path, expected_found(_("một đoạn chữ"), None))
            return None
        bad = forbidden_character(text)
        if bad is not None:
            ctx.problem(path, _("có ký tự ẩn hoặc ký tự điều khiển U+{code:04X}").format(code=ord(bad)),
                        _("xóa ký tự đó (thường do sao chép từ trang web hoặc tệp PDF)"))
            return None
        if len(text) > self.max_length:
            ctx.problem(path, _("quá dài: {n} ký tự, tối đa {limit}").format(n=len(text), limit=self.max_length))
            return None
        if self.pattern and not re.fullmatch(self.pattern, text):
            ctx.problem(path, expected_found(_(self.pattern_hint) if self.pattern_hint else self.pattern, text))
            return None
        if self.placeholders and ("{{" in text or "{%" in text):
            try:
                PLACEHOLDER_ENV.parse(text)
            except jinja2.TemplateSyntaxError as exc:
                # "{{…}}" is passed in: written in the message itself, format() would print "{…}".
                ctx.problem(path, _("chỗ điền {placeholder} viết sai: {detail}").format(
                                placeholder="{{…}}", detail=_jinja_detail(exc.message or "")),
                            _("mỗi chỗ điền có dạng {{ dia_ban }}"))
                return None
        elif "{%" in text or "{{" in text:
            ctx.problem(path, _("trường này không nhận chỗ điền {{…}}"))
            return None
        return text

    def json_schema(self):
        out: dict = {"type": "string", "maxLength": self.max_length,
                     "pattern": f"^\\s*(?:{self.pattern})\\s*$" if self.pattern else r"\S"}
        refused = [FORBIDDEN_CLASS] + ([] if self.placeholders else [r"\{\{|\{%"])
        out["not"] = {"pattern": "|".join(refused)}
        return _describe(out, self.description, self.example)


# Names Windows keeps for devices: "con.docx" or a folder "nul" cannot be made there, whatever follows.
RESERVED_NAMES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
ID_PATTERN = rf"(?!{RESERVED_NAMES}(?![a-z0-9-]))[a-z0-9](?:[a-z0-9-]{{0,62}}[a-z0-9])?"
ID_HINT = N_("mã gồm chữ thường không dấu, số và dấu '-' (ví dụ ubnd-huyen-tram-tau)")


def _read_as_structure(value: Any) -> str:
    """Why a line of text came out as a group of keys ("Căn cứ: Luật …"), and how to keep it as text."""
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return _("dòng có dấu ': ' nên YAML đọc '{key}:' thành một khóa; đặt cả dòng trong dấu ngoặc kép: "
                 "\"{key}: …\"").format(key=key)
    return ""


@dataclass
class IdText(Text):
    """An identifier; names a reserved Windows device name as such rather than as a malformed id."""

    def check(self, value, path, ctx):
        if isinstance(value, str) and re.fullmatch(RESERVED_NAMES, value.strip()):
            ctx.problem(path, _("mã '{id}' trùng tên thiết bị của Windows (con, prn, aux, nul, com0–com9, lpt0–lpt9); "
                                "tệp hay thư mục mang tên này không tạo được trên Windows").format(id=value.strip()),
                        _("thêm chữ vào mã, ví dụ '{id}-1'").format(id=value.strip()))
            return None
        return super().check(value, path, ctx)


def Id(description: str, example: str | None = None) -> Text:
    """An identifier: used in file names, so it is kept to a-z, 0-9 and '-', and is no Windows device name."""
    return IdText(description, example, max_length=64, pattern=ID_PATTERN, pattern_hint=ID_HINT)


# dd/mm/yyyy with no 30/02, 31/02, 31/04, 31/06, 31/09 or 31/11, so that editors
# underline those too; only 29/02 of a common year is left for the loader to refuse.
DATE_PATTERN = (
    r"^\s*(?:(?:0?[1-9]|1\d|2[0-9])/(?:0?[1-9]|1[0-2])"
    r"|30/(?:0?[13-9]|1[0-2])"
    r"|31/(?:0?[13578]|1[02]))/\d{4}\s*$"
)


LAST_YEAR = 2107  # a ZIP entry (a DOCX part) carries its date in 7 bits of years from 1980


@dataclass
class Date(Checker):
    """A date dd/mm/yyyy; with ``relative``, also "5 ngày làm việc trước han_cha" (workdays.RelativeDate)."""

    description: str = ""
    example: str | None = "30/08/2024"
    relative: bool = False

    def check(self, value, path, ctx):
        expected = _("ngày dạng dd/mm/yyyy hoặc '{example}'").format(example=RELATIVE_EXAMPLE) \
            if self.relative else _("ngày dạng dd/mm/yyyy")
        if not isinstance(value, str):
            ctx.problem(path, expected_found(expected, value))
            return None
        if self.relative:
            written = parse_relative(value)
            if written is not None:
                return written
        try:
            day = parse_date(value)
            if day.year > LAST_YEAR:
                ctx.problem(path, _("năm {year} quá xa: tệp DOCX (ZIP) chỉ ghi được ngày đến hết năm {last}").format(
                    year=day.year, last=LAST_YEAR), _("kiểm tra lại năm"))
                return None
            return day
        except DateFormatError as exc:
            if str(exc) == "day":
                ctx.problem(path, _("ngày không có thật: '{value}'").format(value=value.strip()),
                            _("kiểm tra lại ngày và tháng"))
            else:
                hint = ""
                if self.relative and looks_relative(value):
                    hint = _("viết '<số> ngày [làm việc] trước|sau <mốc>', mốc là {anchors}").format(
                        anchors=", ".join(ANCHORS))
                ctx.problem(path, expected_found(expected, value), hint)
            return None

    def json_schema(self):
        schema = {"type": "string", "pattern": DATE_PATTERN}
        if self.relative:
            schema = {"anyOf": [schema, {"type": "string", "pattern": RELATIVE_PATTERN}]}
        return _describe(schema, self.description, self.example)


@dataclass
class Integer(Checker):
    description: str = ""
    minimum: int = 1
    maximum: int = 999_999
    example: int | None = None

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.problem(path, expected_found(_("một số nguyên"), value))
            return None
        if not self.minimum <= value <= self.maximum:
            ctx.problem(path, expected_found(_("số từ {a} đến {b}").format(a=self.minimum, b=self.maximum), value))
            return None
        return value

    def json_schema(self):
        return _describe({"type": "integer", "minimum": self.minimum, "maximum": self.maximum},
                         self.description, self.example)


@dataclass
class Boolean(Checker):
    description: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            ctx.problem(path, expected_found("true/false", value))
            return None
        return value

    def json_schema(self):
        return _describe({"type": "boolean"}, self.description)


@dataclass
class Choice(Checker):
    """One of a fixed list of values, each with its meaning."""

    choices: dict[str, str]
    description: str = ""

    def check(self, value, path, ctx):
        if value in self.choices:
            return value
        hint = suggest(str(value), self.choices)
        ctx.problem(path, expected_found(_("một trong: {values}").format(values=", ".join(self.choices)), value), hint)
        return None

    def json_schema(self):
        text = self.description + " " + "; ".join(f"{k}: {v}" for k, v in self.choices.items())
        return _describe({"enum": list(self.choices)}, text.strip())


@dataclass
class ListOf(Checker):
    item: Checker
    description: str = ""
    min_items: int = 0
    max_items: int = 10_000
    single_ok: bool = False  # a single value stands for a list of one
    # Keep the good items, a broken one as None in its place (so the others keep their index and
    # line): one broken document or body must not hide the mistakes of the others (validate leaves
    # the None out, and what depends on it). Only the top lists of a source file are partial.
    partial: bool = False

    def check(self, value, path, ctx):
        if self.single_ok and not isinstance(value, list) and value is not None:
            value = [value]
        if not isinstance(value, list):
            ctx.problem(path, expected_found(_("một danh sách (mỗi mục một dòng bắt đầu bằng '- ')"), value))
            return None
        if len(value) < self.min_items:
            ctx.problem(path, _("cần ít nhất {n} mục").format(n=self.min_items))
            return None
        if len(value) > self.max_items:
            ctx.problem(path, _("quá nhiều mục: {n}, tối đa {limit}").format(n=len(value), limit=self.max_items))
            return None
        out = [self.item.check(v, path + (i,), ctx) for i, v in enumerate(value)]
        return tuple(out) if self.partial or not any(v is None for v in out) else None

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items,
                  "maxItems": self.max_items}
        if self.single_ok:
            schema = {"anyOf": [self.item.json_schema(), schema]}
        return _describe(schema, self.description)


@dataclass
class MapOf(Checker):
    """A mapping whose keys are free (years, ids) and values all of one kind."""

    key_pattern: str
    key_hint: str
    item: Checker
    description: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.problem(path, expected_found(_("một nhóm khóa"), value))
            return None
        out = {}
        ok = True
        for key, item in value.items():
            if not re.fullmatch(self.key_pattern, str(key)):
                ctx.problem(path + (key,), expected_found(self.key_hint, key), key=True)
                ok = False
                continue
            out[str(key)] = self.item.check(item, path + (key,), ctx)
            ok = ok and out[str(key)] is not None
        return out if ok else None  # like Mapping and ListOf: no half-checked value goes further

    def json_schema(self):
        return _describe({"type": "object", "patternProperties": {f"^(?:{self.key_pattern})$": self.item.json_schema()},
                          "additionalProperties": False}, self.description)


@dataclass
class TextOr(Checker):
    """A line of text, or a group of keys that says more about it (``{noi_dung: …, chi_cap: [huyen]}``)."""

    text: Text
    group: "Mapping"
    description: str = ""

    def check(self, value, path, ctx):
        if isinstance(value, dict):
            return self.group.check(value, path, ctx)
        if not isinstance(value, str):
            ctx.problem(path, expected_found(_("một đoạn chữ hoặc một nhóm khóa"), value))
            return None
        return self.text.check(value, path, ctx)

    def json_schema(self):
        return _describe({"anyOf": [self.text.json_schema(), self.group.json_schema()]}, self.description)


@dataclass
class TextOrNumber(Text):
    """Text, or a whole number written bare (a table's "1", a section's number "7"), kept as text."""

    def check(self, value, path, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif isinstance(value, float):
            ctx.problem(path, expected_found(_("một đoạn chữ hoặc một số nguyên"), value),
                        _("số thập phân viết bằng dấu phẩy và đặt trong dấu ngoặc kép, ví dụ \"12,5\""))
            return None
        return super().check(value, path, ctx)

    def json_schema(self):
        return _describe({"anyOf": [super().json_schema(), {"type": "integer"}]}, self.description, self.example)


@dataclass
class Cell(TextOr):
    """A table cell: text, a whole number, or a group of keys (a merged cell)."""

    def check(self, value, path, ctx):
        if isinstance(value, dict):
            return self.group.check(value, path, ctx)
        if value is None or isinstance(value, str) and not value.strip():
            return ""  # an empty cell: written "" or left blank
        if isinstance(value, (list, bool)):
            ctx.problem(path, expected_found(_("một ô: chữ, số, hoặc nhóm khóa {noi_dung: …, gop_cot: 2}"), value))
            return None
        return self.text.check(value, path, ctx)


@dataclass
class ListOr(Checker):
    """A list of items, or a group of keys instead (a table row: its cells, or {nhom: …})."""

    items: "ListOf"
    group: "Mapping"
    description: str = ""

    def check(self, value, path, ctx):
        if isinstance(value, dict):
            return self.group.check(value, path, ctx)
        return self.items.check(value, path, ctx)

    def json_schema(self):
        return _describe({"anyOf": [self.items.json_schema(), self.group.json_schema()]}, self.description)


@dataclass
class Field:
    key: str
    checker: Checker
    required: bool = False


@dataclass
class Mapping(Checker):
    """A group of named keys; unknown keys are errors with a "did you mean" hint."""

    name: str
    fields: list[Field]
    description: str = ""
    example: dict | None = None

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.problem(path, expected_found(_("một nhóm khóa"), value))
            return None
        known = {f.key: f for f in self.fields}
        out: dict[str, Any] = {}
        ok = True
        for key in value:
            if key not in known:
                ctx.problem(path + (key,), _("khóa không hợp lệ '{key}'").format(key=key),
                            suggest(str(key), known) or _("các khóa hợp lệ: {keys}").format(keys=", ".join(known)),
                            key=True)
                ok = False
        for f in self.fields:
            if f.key not in value or value[f.key] is None:
                if f.required:
                    ctx.problem(path, _("thiếu khóa bắt buộc '{key}'").format(key=f.key),
                                f.checker.description and _("{key}: {what}").format(key=f.key, what=f.checker.description))
                    ok = False
                continue
            checked = f.checker.check(value[f.key], path + (f.key,), ctx)
            ok = ok and checked is not None
            out[f.key] = checked
        return out if ok else None

    def json_schema(self):
        return {"$ref": f"#/definitions/{self.name}"}

    def definition(self) -> dict:
        schema = {
            "type": "object",
            "properties": {f.key: _nullable(f) for f in self.fields},
            "required": [f.key for f in self.fields if f.required],
            "additionalProperties": False,
        }
        return _describe(schema, self.description, self.example)


@dataclass
class Lazy(Checker):
    """A reference to a Mapping declared later (recursive sections)."""

    target: Callable[[], Mapping]

    def check(self, value, path, ctx):
        return self.target().check(value, path, ctx)

    def json_schema(self):
        return {"$ref": f"#/definitions/{self.target().name}"}


def collect_definitions(root: Mapping) -> dict:
    """Return every Mapping reachable from ``root`` as JSON Schema definitions."""
    found: dict[str, Mapping] = {}

    def walk(checker: Checker):
        if isinstance(checker, Lazy):
            checker = checker.target()
        if isinstance(checker, Mapping):
            if checker.name in found:
                return
            found[checker.name] = checker
            for f in checker.fields:
                walk(f.checker)
        elif isinstance(checker, (ListOf, MapOf)):
            walk(checker.item)
        elif isinstance(checker, TextOr):
            walk(checker.group)
        elif isinstance(checker, ListOr):
            walk(checker.items)
            walk(checker.group)

    walk(root)
    return {name: m.definition() for name, m in sorted(found.items())}


def json_schema_document(root: Mapping, title: str, schema_id: str) -> dict:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": schema_id,
        "title": title,
        "$ref": f"#/definitions/{root.name}",
        "definitions": collect_definitions(root),
    }


def _nullable(f: Field) -> dict:
    """An optional key may be left empty (``cap_tren:``); the loader reads that as absent."""
    schema = f.checker.json_schema()
    if f.required:
        if "$ref" in schema and getattr(f.checker, "description", ""):  # a $ref's siblings are ignored: wrap it
            return _describe({"allOf": [schema]}, f.checker.description)
        return schema
    return _describe({"anyOf": [schema, {"type": "null"}]}, getattr(f.checker, "description", ""))


def _describe(schema: dict, description: str, example: Any = None) -> dict:
    if description:
        schema["description"] = description
    if example is not None:
        schema["examples"] = [example]
    return schema


# Jinja's parser speaks English; a clerk is told what to look for instead.
_JINJA_MESSAGES = [
    ("looking for the following tags", N_("chỉ được viết tên, không dùng lệnh như if hay for")),
    ("end of template", N_("thiếu dấu đóng của chỗ điền")),
    ("expected name or number", N_("sau dấu '.' cần một tên")),
    ("Expected an expression", N_("chỗ điền trống, thiếu tên")),
    ("expected token", N_("có ký tự thừa hoặc thiếu trong chỗ điền")),
    ("unexpected char", N_("có ký tự không được dùng trong chỗ điền")),
    ("unexpected '}'", N_("thừa dấu '}'")),
]


def _jinja_detail(message: str) -> str:
    if not message.isascii():
        return message  # our own sandbox's words, already Vietnamese
    for needle, text in _JINJA_MESSAGES:
        if needle.lower() in message.lower():
            return _(text)
    return _("cú pháp không đúng")


def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return _("có phải ý bạn là '{word}'?").format(word=close[0]) if close else ""


def date_text(date: _dt.date) -> str:
    return format_date_input(date)
