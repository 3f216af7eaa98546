"""Load YAML sources as clerks' editors read them, with every value located.

The editor a clerk uses (VS Code's YAML support) reads YAML 1.2 core: a date
written 2024-11-07 is a string, ``no`` is a string, ``true`` is a boolean. We
compose PyYAML's node tree ourselves and resolve plain scalars by the 1.2 core
rules, so the pipeline and the editor never disagree about a value. Nothing is
constructed from tags: a ``!!python/…`` tag is an error, never code. Aliases
are refused before they are expanded, so an alias bomb costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from pipeline.errors import Problem, SourceLocation, relative
from pipeline.i18n import _
from pipeline.vnformat import clean_text

MAX_FILE_BYTES = 2_000_000  # a campaign of a whole province is ~200 kB
MAX_SCALAR_CHARS = 20_000  # a paragraph longer than ~5 pages is a mistake
IMPLICIT = "?"  # tag we give implicit scalars, so explicit tags stay visible

Path_ = tuple  # a key path such as ("van_ban", 2, "ngay")

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


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


@dataclass(frozen=True)
class SourceFile:
    """One YAML file: its data as plain values and where each value stands."""

    path: str
    data: Any
    locations: dict = field(default_factory=dict, compare=False)
    key_locations: dict = field(default_factory=dict, compare=False)

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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(SourceLocation(shown), "", _("không đọc được tệp ({reason})").format(reason=exc.strerror))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(here, "", _("tệp quá lớn: {size} byte, tối đa {limit} byte").format(size=len(raw), limit=MAX_FILE_BYTES))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(SourceLocation(shown, line, 1), "", _("tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8"))]
    return parse_text(clean_text(text), shown)


def parse_text(text: str, shown: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse YAML text named ``shown``; see load_file."""
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except _AliasRefused as exc:
        return None, [Problem(_mark(shown, exc.mark), "", _("không dùng bí danh YAML (*tên); hãy viết đầy đủ giá trị"))]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(shown, exc)]
    except yaml.YAMLError as exc:  # reader errors: non-printable characters
        mark = getattr(exc, "position", None)
        return None, [Problem(SourceLocation(shown, 1, 1), "", _("lỗi cú pháp YAML: {detail}").format(detail=exc))]
    finally:
        loader.dispose()
    builder = _Builder(shown)
    data = builder.value(node, ()) if node is not None else None
    return SourceFile(shown, data, builder.locations, builder.key_locations), builder.problems


def _mark(shown: str, mark) -> SourceLocation:
    return SourceLocation(shown, mark.line + 1, mark.column + 1) if mark else SourceLocation(shown)


def _syntax_problem(shown: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    hint = ""
    if "'\\t'" in problem or "\\t" in problem:
        message = _("lỗi cú pháp YAML: có ký tự Tab ở đầu dòng")
        hint = _("YAML chỉ thụt lề bằng dấu cách; thay mỗi Tab bằng 2 dấu cách")
    elif "mapping values are not allowed" in problem:
        message = _("lỗi cú pháp YAML: dấu ':' không đúng chỗ")
        hint = _("nếu giá trị có dấu ':' hãy đặt cả giá trị trong dấu ngoặc kép \"…\"")
    elif "could not find expected ':'" in problem:
        message = _("lỗi cú pháp YAML: thiếu dấu ':' sau tên khóa")
    elif "expected <block end>" in problem or "expected <block" in problem:
        message = _("lỗi cú pháp YAML: thụt lề không khớp với các dòng trên")
        hint = _("các khóa cùng cấp phải thẳng cột với nhau")
    elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
        message = _("lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng")
    else:
        message = _("lỗi cú pháp YAML: {detail}").format(detail=problem or exc.context or "")
    return Problem(_mark(shown, mark), "", message, hint)


class _Builder:
    """Turn composed nodes into plain values, recording where each one stands."""

    def __init__(self, shown: str):
        self.shown = shown
        self.locations: dict = {}
        self.key_locations: dict = {}
        self.problems: list[Problem] = []

    def _problem(self, node: Node, path: Path_, message: str, hint: str = "") -> None:
        self.problems.append(Problem(_mark(self.shown, node.start_mark), _dotted(path), message, hint))

    def value(self, node: Node, path: Path_) -> Any:
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in (IMPLICIT, "!") and node.tag not in _STANDARD_TAGS:
            self._problem(node, path, _("không chấp nhận thẻ YAML '{tag}'").format(tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
                          _("xóa thẻ bắt đầu bằng '!' trước giá trị"))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

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
        if node.tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
            return text
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            return int(text)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text) or _SPECIAL_FLOAT.match(text):
            return float(text.replace("Inf", "inf").replace("INF", "inf").replace("NaN", "nan").replace("NAN", "nan"))
        return text


def _dotted(path: Path_) -> str:
    """Return ("van_ban", 2, "ngay") as "van_ban[2].ngay"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
