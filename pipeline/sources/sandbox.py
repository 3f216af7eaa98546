"""The sandbox that fills clerks' placeholders: names and a few filters, nothing that runs or grows.

A placeholder is ``{{ dia_ban }}``. Jinja's immutable sandbox already refuses
``__class__`` and friends, but it still runs loops, builds ``range(100000)``,
multiplies strings and raises numbers to any power: text in a YAML file could
hang a build or take all memory. This environment refuses, when the text is
parsed (``vanban check``), every statement (``{% for %}``, ``{% set %}``…),
any filter outside a short list and absurdly deep expressions; and, when it is
filled, every call but ``range`` of a few items and harmless str methods, any
``*``/``**`` whose result would be huge, ``%`` on text and division by zero.
Each refusal is a Jinja error worded for a clerk, never a hang or a traceback.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Undefined, nodes
from jinja2.exceptions import TemplateRuntimeError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline.i18n import _

MAX_RANGE = 1000  # items a range() may have
MAX_LENGTH = 100_000  # characters (or items) a '*' may make
MAX_BITS = 4096  # size of an integer a '*' or '**' may make (~1,200 digits)
MAX_DEPTH = 40  # nesting of an expression

# Filters that never make more than they are given.
SAFE_FILTERS = frozenset({
    "abs", "capitalize", "count", "d", "default", "e", "escape", "first", "float", "int", "last", "length",
    "list", "lower", "reverse", "round", "sort", "string", "striptags", "title", "trim", "truncate", "unique",
    "upper", "wordcount",
})
# Methods of a text that may be called: {{ dia_ban.upper() }}.
SAFE_STR_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "isalpha", "isdigit", "islower", "isupper",
    "lower", "lstrip", "rstrip", "startswith", "strip", "swapcase", "title", "upper",
})
# The keyword of each statement, to name it in the message.
_STATEMENTS = {
    "For": "for", "If": "if", "Assign": "set", "AssignBlock": "set", "Macro": "macro", "CallBlock": "call",
    "FilterBlock": "filter", "With": "with", "Block": "block", "Extends": "extends", "Include": "include",
    "Import": "import", "FromImport": "from", "ExprStmt": "do", "Continue": "continue", "Break": "break",
    "Scope": "scope", "OverlayScope": "scope", "ScopedEvalContextModifier": "autoescape",
    "EvalContextModifier": "autoescape",
}


class PlaceholderError(TemplateRuntimeError):
    """A placeholder asked for something the sandbox refuses while filling it."""


class PlaceholderEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, limited to what a placeholder needs (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "/", "//", "%"})

    def __init__(self, **options: Any):
        options.setdefault("finalize", _printable)
        super().__init__(**options)

    def _parse(self, source, name, filename):  # noqa: D401 - Jinja hook used by parse() and from_string()
        try:
            tree = super()._parse(source, name, filename)
        except RecursionError:
            raise TemplateSyntaxError(_("chỗ điền lồng quá sâu"), 1, name, filename) from None
        _refuse_unsafe_nodes(tree, name, filename)
        return tree

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if __obj is __self.globals.get("range"):
            if len(range(*args)) > MAX_RANGE:
                raise PlaceholderError(_("range() quá dài: {n} phần tử, tối đa {limit}").format(
                    n=len(range(*args)), limit=MAX_RANGE))
        elif not (isinstance(getattr(__obj, "__self__", None), str) and __obj.__name__ in SAFE_STR_METHODS):
            raise PlaceholderError(_("không gọi được hàm '{name}' trong chỗ điền").format(
                name=getattr(__obj, "__name__", type(__obj).__name__)))
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        if operator == "%" and isinstance(left, str):
            raise PlaceholderError(_("không dùng phép % với chữ trong chỗ điền"))
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and _is_int(times) and len(seq) * times > MAX_LENGTH:
                    raise PlaceholderError(_("kết quả quá dài: hơn {limit} ký tự").format(limit=MAX_LENGTH))
            if _is_int(left) and _is_int(right) and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS:
                raise PlaceholderError(_("số quá lớn trong chỗ điền"))
        if operator == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1 \
                and abs(left).bit_length() * right > MAX_BITS:
            raise PlaceholderError(_("số quá lớn trong chỗ điền"))
        try:
            return super().call_binop(context, operator, left, right)
        except ZeroDivisionError:
            raise PlaceholderError(_("chia cho 0 trong chỗ điền")) from None
        except OverflowError:
            raise PlaceholderError(_("số quá lớn trong chỗ điền")) from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _printable(value: Any) -> Any:
    """Let values be printed, never a function or a class (their text shows a memory address)."""
    # An undefined name is callable too (jinja2.Undefined has __call__): let it print, so
    # StrictUndefined raises the error that names it.
    if callable(value) and not isinstance(value, Undefined):
        raise PlaceholderError(_("chỗ điền không in được một hàm"))
    return value


def _refuse_unsafe_nodes(tree: nodes.Template, name, filename) -> None:
    """Raise TemplateSyntaxError at the first statement, unlisted filter or too deep expression."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        line = getattr(node, "lineno", 1) or 1
        if depth > MAX_DEPTH:
            raise TemplateSyntaxError(_("chỗ điền lồng quá sâu"), line, name, filename)
        if isinstance(node, nodes.Stmt) and not isinstance(node, nodes.Output):
            keyword = _STATEMENTS.get(type(node).__name__, type(node).__name__.lower())
            raise TemplateSyntaxError(_("không dùng lệnh {{% {keyword} %}} trong chỗ điền").format(keyword=keyword),
                                      line, name, filename)
        if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
            raise TemplateSyntaxError(_("không dùng bộ lọc '{name}' trong chỗ điền").format(name=node.name),
                                      line, name, filename)
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
