"""Load YAML sources as clerks' editors read them, with every value located.

The editor a clerk uses (VS Code's YAML support) reads YAML 1.2 core: a date
written 2024-11-07 is a string, ``no`` is a string, ``true`` is a boolean. We
compose PyYAML's node tree ourselves and resolve plain scalars by the 1.2 core
rules, so the pipeline and the editor never disagree about a value. Nothing is
constructed from tags: a ``!!python/…`` tag is an error, never code. Aliases
are refused before they are expanded, so an alias bomb costs nothing.
"""

from __future__ import annotations

import errno
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from pipeline.errors import Problem, SourceLocation, relative
from pipeline.files import FileTooLarge, NotRegularFile, read_regular
from pipeline.i18n import N_, _
from pipeline.vietnamese.format import clean_text

MAX_FILE_BYTES = 2_000_000  # a campaign of a whole province is ~200 kB
MAX_SCALAR_CHARS = 20_000  # a paragraph longer than ~5 pages is a mistake
MAX_DEPTH = 256  # levels of nesting: ~120 sections inside each other; Python's stack ends near 300
IMPLICIT = "?"  # tag we give implicit scalars, so explicit tags stay visible

Path_ = tuple  # a key path such as ("van_ban", 2, "ngay")

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")
_TYPED_FIRST = frozenset("~nNtTfF+-.0123456789")  # how each of the above starts (null also as "")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


try:  # libyaml composes five times faster; its nodes are the same
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark):
        self.mark = mark


class _NodeLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's front half only: text → events → nodes, no construction."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)

    def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
        return IMPLICIT

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


if _CParser is not None:

    class _FastNodeLoader(_CParser, BaseResolver):
        """libyaml's parser and composer; aliases come back as shared nodes, refused later."""

        def __init__(self, stream):
            _CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
            return IMPLICIT


def _compose(text: str):
    loader = _FastNodeLoader(text) if _CParser is not None else _NodeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@dataclass(frozen=True)
class SourceFile:
    """One YAML file: its data as plain values and where each value stands."""

    path: str
    data: Any
    locations: dict = field(default_factory=dict, compare=False)
    key_locations: dict = field(default_factory=dict, compare=False)
    warnings: tuple = field(default=(), compare=False)  # Problems with warning=True: read, but said

    def where(self, path: Path_) -> SourceLocation:
        """Return the location of the value at ``path`` (or of its nearest parent)."""
        for end in range(len(path), -1, -1):
            mark = self.locations.get(tuple(path[:end]))
            if mark:
                return SourceLocation(self.path, *mark)
        return SourceLocation(self.path, 1, 1)

    def where_key(self, path: Path_) -> SourceLocation:
        """Return the location of the key that ends ``path``."""
        mark = self.key_locations.get(tuple(path))
        return SourceLocation(self.path, *mark) if mark else self.where(path)


def load_file(path: Path) -> tuple[SourceFile | None, list[Problem]]:
    """Read one YAML file; return it, or None and the problems that stop it."""
    shown = relative(path)
    here = SourceLocation(shown, 1, 1)
    try:  # a regular file, at most the limit: never a FIFO (it would hang) or /dev/zero (read whole)
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        return None, [Problem(here, "", _("tệp này không phải tệp thường mà là {kind}; vanban chỉ đọc tệp YAML thường").format(
            kind=exc.kind))]
    except FileTooLarge as exc:
        return None, [Problem(here, "", _("tệp quá lớn: {size} byte, tối đa {limit} byte").format(size=exc.size, limit=MAX_FILE_BYTES))]
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.ENOENT and path.is_symlink()):
            return None, [Problem(here, "", broken_link(exc))]
        return None, [Problem(SourceLocation(shown), "", _("không đọc được tệp ({reason})").format(reason=exc.strerror))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(SourceLocation(shown, line, 1), "", _("tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8"))]
    return parse_text(clean_text(text), shown)


def broken_link(exc: OSError) -> str:
    """Say what is wrong with a source file that is a symbolic link leading nowhere."""
    if exc.errno == errno.ELOOP:
        return _("tệp này là một vòng liên kết tượng trưng (liên kết trỏ về chính nó); hãy xóa liên kết")
    return _("tệp này là một liên kết tượng trưng trỏ tới chỗ không có tệp; hãy xóa hoặc sửa liên kết")


def parse_text(text: str, shown: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse YAML text named ``shown``; see load_file."""
    spaces = _non_breaking_spaces(text, shown)
    if spaces:
        return None, spaces
    try:
        node = _compose(text)
    except _AliasRefused as exc:
        return None, [Problem(_mark(shown, exc.mark), "", _("không dùng neo và bí danh YAML (&tên, *tên): giá trị này được dùng lại ở chỗ khác; hãy viết đầy đủ giá trị ở từng chỗ"))]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(shown, exc, text)]
    except yaml.YAMLError as exc:  # reader errors: non-printable characters
        return None, [_character_problem(shown, text, exc)]
    builder = _Builder(shown, text)
    try:
        data = builder.value(node, ()) if node is not None else None
    except _AliasRefused as exc:
        return None, [Problem(_mark(shown, exc.mark), "", _("không dùng neo và bí danh YAML (&tên, *tên): giá trị này được dùng lại ở chỗ khác; hãy viết đầy đủ giá trị ở từng chỗ"))]
    return (SourceFile(shown, data, builder.locations, builder.key_locations, tuple(builder.warnings)),
            builder.problems)


# --- text pasted from Word ------------------------------------------------------------------------
# Word and web pages bring characters YAML reads differently from what the clerk sees. Each gets a
# message naming the real cause, not the parser's guess ("thụt lề không khớp").

NBSP = "\u00a0"
_NBSP_INDENT = re.compile(r"^[ \u00a0]*\u00a0[ \u00a0]*(?=\S)", re.MULTILINE)
_NBSP_AFTER = re.compile(r"^[ ]*(?:-[ ]+)*(?:[A-Za-z_][A-Za-z0-9_]*:|-)\u00a0", re.MULTILINE)


def _non_breaking_spaces(text: str, shown: str) -> list[Problem]:
    """Non-breaking spaces (U+00A0) where YAML needs a plain space: indentation, after ':' or '- '."""
    if NBSP not in text:
        return []
    found = {}
    for match in _NBSP_INDENT.finditer(text):
        at = match.start() + match.group(0).index(NBSP)
        found[at] = (_("có dấu cách không ngắt (U+00A0, thường do dán từ Word) trong phần thụt lề; "
                       "YAML không coi đó là dấu cách"),
                     _("xóa phần thụt lề của dòng này rồi gõ lại bằng phím cách"))
    for match in _NBSP_AFTER.finditer(text):
        at = match.end() - 1
        sign = "':'" if text[at - 1] == ":" else "'-'"
        found[at] = (_("có dấu cách không ngắt (U+00A0, thường do dán từ Word) ngay sau dấu {sign}; "
                       "YAML không coi đó là dấu cách").format(sign=sign),
                     _("xóa ký tự đó rồi gõ một dấu cách thường"))
    return [Problem(_at(shown, text, at), "", _("lỗi cú pháp YAML: {detail}").format(detail=message), hint)
            for at, (message, hint) in sorted(found.items())]


def _at(shown: str, text: str, index: int) -> SourceLocation:
    return SourceLocation(shown, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))


# A line whose value starts with a quote: "  trich_yeu: '…", "  - \"…", "    - tieu_de: \"…".
_QUOTED_VALUE = re.compile(r"""^([ ]*(?:-[ ]+)*(?:[A-Za-z_][A-Za-z0-9_]*:[ ]+|-[ ]+))(["'])""")
_LONE_NAME = re.compile(r"[*&][A-Za-z0-9_-]+[ ]*(#.*)?")
_VALUE_START = re.compile(r"^([ ]*(?:-[ ]+)*[A-Za-z_][A-Za-z0-9_]*:[ ]+)([-*&])")


def _closing_quote(line: str, start: int, quote: str) -> int:
    """Index of the quote closing the one at ``start``, or -1 (doubled '' and \\" do not close)."""
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _quote_problem(shown: str, text: str, last_line: int) -> Problem | None:
    """The first quoted value, up to the line of a syntax error, whose quotes do not pair up."""
    lines = text.split("\n")
    n = 0
    while n <= min(last_line, len(lines) - 1):
        line = lines[n]
        match = _QUOTED_VALUE.match(line)
        if not match:
            n += 1
            continue
        start, quote = match.end() - 1, match.group(2)
        end = _closing_quote(line, start, quote)
        if end < 0:
            # a value may go on over lines: it is fine when a later line closes it and ends there
            closed = next((k for k in range(n + 1, min(last_line, len(lines) - 1) + 1)
                           if re.search(rf"(?<!\\){quote}[ ]*(#.*)?$", lines[k])), None)
            if closed is not None and _closing_quote(" " + lines[closed], 0, quote) in (-1, len(lines[closed])):
                n = closed + 1
                continue
            mark = "\"" if quote == '"' else "'"
            return Problem(SourceLocation(shown, n + 1, start + 1), "",
                           _("lỗi cú pháp YAML: dấu {mark} mở giá trị ở đây nhưng không có dấu đóng trên dòng này").format(mark=mark),
                           _("thêm dấu {mark} ở cuối giá trị, hoặc bỏ dấu {mark} ở đầu").format(mark=mark))
        rest = line[end + 1:].strip()
        if rest and not rest.startswith("#"):
            if quote == "'":
                return Problem(SourceLocation(shown, n + 1, end + 1), "",
                               _("lỗi cú pháp YAML: dấu nháy ' trong chữ kết thúc giá trị đặt giữa hai dấu nháy đơn '…'"),
                               _("viết hai dấu nháy '' cho mỗi dấu nháy trong chữ, hoặc đặt cả giá trị trong dấu ngoặc kép \"…\""))
            return Problem(SourceLocation(shown, n + 1, end + 1), "",
                           _("lỗi cú pháp YAML: dấu \" trong chữ kết thúc giá trị đặt giữa hai dấu ngoặc kép \"…\""),
                           _("trong chữ dùng ngoặc kép cong “…”, hoặc đặt cả giá trị trong dấu nháy đơn '…'"))
        n += 1
    return None


def _value_start_problem(shown: str, text: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A value starting with '- ', '*' or '&' (a bullet or italics pasted in): YAML reads a list, an alias, an anchor."""
    for n in {m.line for m in (exc.problem_mark, exc.context_mark) if m is not None}:
        match = _VALUE_START.match(_line(text, n))
        if not match:
            continue
        where = SourceLocation(shown, n + 1, match.end())
        sign = match.group(2)
        if sign == "-" and "block sequence entries" in (exc.problem or ""):
            message = _("lỗi cú pháp YAML: giá trị bắt đầu bằng '- ' nên YAML đọc thành một danh sách")
        elif sign in "*&" and not _LONE_NAME.fullmatch(_line(text, n)[match.end() - 1:]):  # not a real *alias
            message = _("lỗi cú pháp YAML: giá trị bắt đầu bằng '{sign}', dấu YAML dành cho neo và bí danh").format(sign=sign)
        else:
            continue
        return Problem(where, "", message, _("đặt cả giá trị trong dấu ngoặc kép: \"{start}…\"").format(start="- " if sign == "-" else sign))
    return None


def _character_problem(shown: str, text: str, exc: yaml.YAMLError) -> Problem:
    """Locate a character YAML refuses outright (NUL, BEL…) and name it like Text does.

    libyaml reports a byte offset and PyYAML a character index, so the character is
    searched for instead: the reader stops at its first occurrence.
    """
    code = getattr(exc, "character", None)
    index = text.find(chr(code)) if isinstance(code, int) else -1
    if index < 0:
        return Problem(SourceLocation(shown, 1, 1), "", _("lỗi cú pháp YAML: {detail}").format(detail=exc))
    where = SourceLocation(shown, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))
    return Problem(where, "", _("có ký tự ẩn hoặc ký tự điều khiển U+{code:04X}").format(code=code),
                   _("xóa ký tự đó (thường do sao chép từ trang web hoặc tệp PDF)"))


def _mark(shown: str, mark) -> SourceLocation:
    return SourceLocation(shown, mark.line + 1, mark.column + 1) if mark else SourceLocation(shown)


# libyaml's and PyYAML's wording → what a clerk is told, and how to fix it.
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed", N_("lỗi cú pháp YAML: dấu ':' không đúng chỗ"),
     N_("nếu giá trị có dấu ':' hãy đặt cả giá trị trong dấu ngoặc kép \"…\"")),
    ("could not find expected ':'", N_("lỗi cú pháp YAML: thiếu dấu ':' sau tên khóa"), ""),
    ("expected ',' or ']'", N_("lỗi cú pháp YAML: danh sách […] thiếu dấu ',' hoặc ']'"),
     N_("nếu một mục có dấu phẩy hãy đặt mục đó trong dấu ngoặc kép")),
    ("expected ',' or '}'", N_("lỗi cú pháp YAML: nhóm {…} thiếu dấu ',' hoặc '}'"), ""),
    ("unexpected end of stream", N_("lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng"), ""),
    ("found undefined alias", N_("không dùng neo và bí danh YAML (&tên, *tên): giá trị này được dùng lại ở chỗ khác; hãy viết đầy đủ giá trị ở từng chỗ"), ""),
    ("expected <block end>", N_("lỗi cú pháp YAML: thụt lề không khớp với các dòng trên"),
     N_("các khóa cùng cấp phải thẳng cột với nhau")),
    ("did not find expected key", N_("lỗi cú pháp YAML: thụt lề không khớp với các dòng trên"),
     N_("các khóa cùng cấp phải thẳng cột với nhau")),
    ("did not find expected '-' indicator", N_("lỗi cú pháp YAML: thụt lề không khớp với các dòng trên"),
     N_("các mục '- ' của một danh sách phải thẳng cột với nhau")),
    ("exceeded maximum nesting depth", N_("lỗi cú pháp YAML: lồng nhau quá sâu"),
     N_("chia nội dung thành ít cấp mục hơn")),
    ("expected a single document", N_("lỗi cú pháp YAML: tệp chỉ được có một tài liệu; bỏ dòng '---' hoặc '...' ở giữa tệp"), ""),
    ("expected hexdecimal number", N_("lỗi cú pháp YAML: mã thoát \\u… trong dấu ngoặc kép không hợp lệ"),
     N_("viết thẳng chữ tiếng Việt thay cho mã \\u…")),
    ("invalid Unicode character escape", N_("lỗi cú pháp YAML: mã thoát \\u… trong dấu ngoặc kép không hợp lệ"),
     N_("viết thẳng chữ tiếng Việt thay cho mã \\u…")),
    ("found unknown escape character", N_("lỗi cú pháp YAML: ký tự sau dấu '\\' trong dấu ngoặc kép không hợp lệ"),
     N_("viết '\\\\' cho một dấu '\\', hoặc dùng dấu ngoặc đơn '…'")),
    ("cannot start any token", N_("lỗi cú pháp YAML: giá trị bắt đầu bằng ký tự không được phép"),
     N_("đặt cả giá trị trong dấu ngoặc kép \"…\"")),
]


def _syntax_problem(shown: str, exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = f"{exc.problem or ''} {exc.context or ''}"
    if mark is not None and "\t" in _line(text, mark.line)[: mark.column + 1]:
        return Problem(_mark(shown, mark), "", _("lỗi cú pháp YAML: có ký tự Tab ở đầu dòng"),
                       _("YAML chỉ thụt lề bằng dấu cách; thay mỗi Tab bằng 2 dấu cách"))
    if text:
        found = _value_start_problem(shown, text, exc) or _quote_problem(shown, text, mark.line if mark else 0)
        if found is not None:
            return found
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in problem:
            return Problem(_mark(shown, mark), "", _(message), _(hint) if hint else "")
    return Problem(_mark(shown, mark), "", _("lỗi cú pháp YAML: {detail}").format(detail=problem.strip()))


def _line(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""


class _Builder:
    """Turn composed nodes into plain values, recording where each one stands."""

    def __init__(self, shown: str, text: str = ""):
        self.shown = shown
        self.lines = text.split("\n")
        self.locations: dict = {}
        self.key_locations: dict = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._seen: set[int] = set()
        self._depth = 0

    def _problem(self, node: Node, path: Path_, message: str, hint: str = "") -> None:
        self.problems.append(Problem(_mark(self.shown, node.start_mark), _dotted(path), message, hint))

    def _comment_after(self, node: ScalarNode, path: Path_) -> None:
        """Warn when ' #2' cut a text value short: YAML took the rest of the line for a comment.

        Only a '#' written straight against what follows ("#2", "#hashtag"): a clerk's own comment
        is written '# …', as every comment of the sample files and of ``vanban new`` is.
        """
        end = node.end_mark
        if not (" " in node.value or node.value.isalpha()) or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column:]
        match = _COMMENT_AFTER.match(rest)
        if match:
            cut = rest[match.end() - 1:].strip()
            self.warnings.append(Problem(
                SourceLocation(self.shown, end.line + 1, end.column + match.end()), _dotted(path),
                _("chữ sau ' #' bị bỏ vì YAML coi ' #' là bắt đầu chú thích: giá trị chỉ còn '{kept}', mất '{cut}'").format(
                    kept=node.value[-40:], cut=cut[:40]),
                _("nếu '#' là một phần của chữ, đặt cả giá trị trong dấu ngoặc kép \"…\""), warning=True))

    def _tabs(self, node: ScalarNode, path: Path_, text: str) -> str:
        """A tab inside a text (pasted from Word) prints as a wide gap: one space instead, and a warning."""
        self._warn(node, path, _("có {n} ký tự tab trong chữ (thường do dán từ Word): đã thay mỗi chỗ bằng một dấu "
                                 "cách").format(n=text.count("\t")),
                   _("xóa ký tự tab; văn bản hành chính không căn chữ bằng tab (dùng mục, đoạn hay bảng)"))
        return re.sub(r"[ ]*\t[ \t]*", " ", text)

    def _warn(self, node: Node, path: Path_, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(_mark(self.shown, node.start_mark), _dotted(path), message, hint, warning=True))

    def value(self, node: Node, path: Path_) -> Any:
        # A node met twice is an alias (*name): refuse it before expanding anything.
        if id(node) in self._seen:
            key = self.key_locations.get(path)
            raise _AliasRefused(type("Mark", (), {"line": key[0] - 1, "column": key[1] - 1})() if key else node.start_mark)
        self._seen.add(id(node))
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in (IMPLICIT, "!") and node.tag not in _STANDARD_TAGS:
            self._problem(node, path, _("không chấp nhận thẻ YAML '{tag}'").format(tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
                          _("xóa thẻ bắt đầu bằng '!' trước giá trị"))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if self._depth >= MAX_DEPTH:
            self._problem(node, path, _("lồng nhau quá sâu: hơn {n} cấp").format(n=MAX_DEPTH),
                          _("chia nội dung thành ít cấp mục hơn"))
            return None
        self._depth += 1
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self._depth -= 1

    def _mapping(self, node: MappingNode, path: Path_) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, path, _("tên khóa phải là một chữ"))
                continue
            key = key_node.value
            if key == "<<":
                self._problem(key_node, path, _("không dùng khóa gộp '<<' của YAML"))
                continue
            if key in out:
                first = self.key_locations[path + (key,)]
                self._problem(key_node, path + (key,),
                              _("khóa '{key}' bị lặp (đã có ở dòng {line})").format(key=key, line=first[0]),
                              _("xóa một trong hai dòng"))
                continue
            self.key_locations[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.value(value_node, path + (key,))
        return out

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        text = node.value
        if len(text) > MAX_SCALAR_CHARS:
            self._problem(node, path, _("giá trị quá dài: {n} ký tự, tối đa {limit}").format(n=len(text), limit=MAX_SCALAR_CHARS))
            return ""
        if "\t" in text:
            text = self._tabs(node, path, text)
        if node.tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
            # NFC again after YAML decoded its escapes: "\u0302\u0301" must not stay decomposed.
            return unicodedata.normalize("NFC", text)
        self._comment_after(node, path)
        if _WRAPPED.match(text):
            self._warn(node, path, _("đã bỏ cặp ngoặc {open}…{close} bao quanh cả giá trị (thường do dán từ Word)").format(
                open=text[0], close=text[-1]),
                _("xóa hai dấu đó; nếu văn bản cần in cả ngoặc, đặt giá trị trong dấu nháy đơn: '{open}…{close}'").format(
                open=text[0], close=text[-1]))
            return text[1:-1].strip()
        if text and text[0] not in _TYPED_FIRST:  # speed: words, most of a file, are no null, bool or number
            return text
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            try:
                return int(text)
            except ValueError:  # past Python's 4,300-digit limit
                self._problem(node, path, _("số quá lớn: {n} chữ số").format(n=len(text)))
                return None
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _SPECIAL_FLOAT.match(text):  # ".inf", "-.Inf", ".NaN": Python spells them "inf", "-inf", "nan"
            return float(text.lower().replace(".", "", 1))
        if _FLOAT.match(text):
            return float(text)
        return text


_WRAPPED = re.compile(r"^(“[^“”]*”|‘[^‘’]*’)$")
_COMMENT_AFTER = re.compile(r"^[ \t]+#(?=\S)")




def _dotted(path: Path_) -> str:
    """Return ("van_ban", 2, "ngay") as "van_ban[2].ngay"; a very deep path keeps its ends."""
    if len(path) > 12:
        return _dotted(path[:6]) + f"…({len(path) - 9})…" + _dotted(path[-3:]).lstrip(".")
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def read_text(path: Path) -> tuple[bytes, str] | None:
    """Return a source file's bytes and its text as ``load_file`` parses it; None when it cannot be read as one.

    For the build, which hashes the bytes and cuts the text (``sources.pieces``); ``load_file``
    says what is wrong with a file this cannot read.
    """
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
        return raw, clean_text(raw.decode("utf-8-sig"))
    except (OSError, FileTooLarge, NotRegularFile, UnicodeDecodeError):
        return None
