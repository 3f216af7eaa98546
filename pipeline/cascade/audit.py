"""Catch a copy: a derived document that names bodies of another level, or says what its parent says.

A commune plan that still says "Giao Phòng Nội vụ", "Đề nghị Ban Tuyên giáo Huyện ủy" or
"báo cáo UBND tỉnh" was copied from the district's, not written for the commune. Names are
found in the text AS THE CLERK WROTE IT, placeholders left out: what a placeholder prints
(a role, the issuer, its superior) is right by construction, and the same written text is
shared by every document of a fan-out, so each text is scanned once.

A name is a registry body's full or short name, its generic form without the place
("Ủy ban nhân dân huyện" for "Ủy ban nhân dân huyện Trạm Tấu"), or a name a role table
prints at some level ("Phòng Nội vụ" at huyen). A derived document may name:

- its issuer and the bodies below it; bodies of its own locality (the Party committee,
  the Front beside a People's Committee); its direct superior and its parent's issuer;
- a role name printed at its own level, or at its superior's after "qua" (a report's channel);
- any body as the author of what it cites ("Chỉ thị số 05-CT/TU của Tỉnh ủy Yên Bái",
  "theo hướng dẫn của Ủy ban nhân dân tỉnh", "phong trào do … Ủy ban nhân dân tỉnh phát động").

And it may give a task ("Giao X") or speak in the future for ("X sẽ …") only itself and
the bodies below it. Everything else is a warning at the text's own file:line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.cascade.roles import Roles
from pipeline.errors import Problem, SourceLocation
from pipeline.i18n import _
from pipeline.model import Body, Registry, derived
from pipeline.vietnamese.format import unit_word

_WORD = re.compile(r"\w+", re.UNICODE)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
MIN_WORDS = 2  # a one-word name ("Sở", "Văn phòng") says nothing of a level
_AUTHORED = {("phát", "động"), ("ban", "hành")}  # "… Ủy ban nhân dân tỉnh phát động": the author, not an addressee


@dataclass(frozen=True)
class Mention:
    """A name found in a text: the bodies and role levels it may stand for, and what surrounds it."""

    name: str
    bodies: tuple[str, ...]  # registry ids
    levels: frozenset[str]  # levels whose role tables print this name
    tasked: bool  # "Giao <name>"
    speaks: bool  # "<name> sẽ …"
    author: bool  # "của <name>", "do <name>", "<name> phát động": the author of what is cited, not an addressee
    via: bool  # "(qua <name>)": the channel of a report


NAMES = "names the audit looks for"  # a fact of the registry (model.derived)


def name_index(registry: Registry, roles: Roles) -> dict[tuple[str, ...], tuple[str, tuple[str, ...], frozenset[str]]]:
    """Return the words of every name the audit looks for → (the name, the bodies it names, the levels that print it)."""
    names: dict[tuple[str, ...], tuple[str, set[str], set[str]]] = {}
    # Speed: the three bodies of a commune share its locality, and thousands of bodies the
    # generic name of their kind ("Ủy ban nhân dân xã"): each is split into words once
    # (13,662 bodies: 97 ms → 59).
    split: dict[str, tuple[str, ...]] = {}
    proper_names: dict[str, str] = {}

    def add(name: str, body: str | None = None, level: str | None = None) -> None:
        words = split.get(name)
        if words is None:
            words = split[name] = tuple(_WORD.findall(name))  # as written: "cơ sở xây dựng" is not "Sở Xây dựng"
        if len(words) < MIN_WORDS:
            return
        entry = names.setdefault(words, (name, set(), set()))
        if body:
            entry[1].add(body)
        if level:
            entry[2].add(level)

    for body in registry.bodies.values():
        proper = proper_names.get(body.locality)
        if proper is None:
            proper = proper_names[body.locality] = _proper_name(body.locality)
        for name in dict.fromkeys((body.full_name, body.short_name)):
            add(name, body=body.id)
            if proper and name.endswith(" " + proper):
                add(name[: -len(proper) - 1], body=body.id)
    for name, levels in roles.level_names().items():
        for level in levels:
            add(name, level=level)
    return {k: (n, tuple(sorted(b)), frozenset(levels)) for k, (n, b, levels) in names.items()}


class Audit:
    """Name index of one registry; ``judge`` tells what a derived document may not say."""

    def __init__(self, registry: Registry, roles: Roles):
        self.registry = registry
        self._names = derived(registry, NAMES, lambda r: name_index(r, roles))
        self._first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(self._names, key=len, reverse=True):  # longest first: "Ban Tuyên giáo Huyện ủy"
            self._first.setdefault(words[0], []).append(words)
        self.mentions = functools.lru_cache(maxsize=65536)(self._mentions)

    def _mentions(self, raw: str) -> tuple[Mention, ...]:
        """Return the names in ``raw`` (its placeholders left out), longest match first."""
        words = _WORD.findall(_PLACEHOLDER.sub(" \0 ", raw))
        out = []
        i = 0
        while i < len(words):
            match = None
            for candidate in self._first.get(words[i], ()):
                if tuple(words[i:i + len(candidate)]) == candidate:
                    match = candidate
                    break
            if match is None:
                i += 1
                continue
            name, bodies, levels = self._names[match]
            end = i + len(match)
            before = words[i - 1].casefold() if i > 0 else ""
            out.append(Mention(name, bodies, levels, tasked=before == "giao",
                               speaks=end < len(words) and words[end] == "sẽ",
                               author=before in ("của", "do") or tuple(words[end:end + 2]) in _AUTHORED,
                               via=before == "qua"))
            i = end
        return tuple(out)

    def judge(self, raw: str, issuer: Body, parent_issuer: Body | None, where: SourceLocation,
              field: str) -> list[Problem]:
        """Return a warning for each name in ``raw`` that a document of ``issuer`` may not print."""
        problems = []
        for mention in self.mentions(raw):
            if mention.tasked or mention.speaks:
                if not any(self._below_or_self(b, issuer) for b in mention.bodies) and \
                        issuer.level not in mention.levels:
                    message = _("giao việc cho '{name}', không thuộc cơ quan ban hành") if mention.tasked else \
                        _("'{name} sẽ …': văn bản nói thay cơ quan khác")
                    problems.append(self._warning(where, field, message.format(name=mention.name)))
                    continue
            if not mention.author and not self._may_name(mention, issuer, parent_issuer):
                problems.append(self._warning(where, field, _(
                    "nhắc '{name}': không phải cơ quan ban hành, cơ quan cùng cấp hay cấp dưới của nó (chép từ "
                    "văn bản cấp khác?)").format(name=mention.name)))
        return problems

    @staticmethod
    def _warning(where: SourceLocation, field: str, message: str) -> Problem:
        return Problem(where, field, message,
                       _("viết vai trò ({{ noi_vu }}, {{ cap_uy }}…) hoặc {{ co_quan }}, {{ cap }} thay cho tên "
                         "cơ quan, hoặc giới hạn đoạn này bằng chi_cap"), warning=True)

    def _may_name(self, mention: Mention, issuer: Body, parent_issuer: Body | None) -> bool:
        if issuer.level in mention.levels:
            return True
        bodies = self.registry.bodies
        if mention.via and issuer.parent in bodies and bodies[issuer.parent].level in mention.levels:
            return True  # "báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ)": up to the superior, through its office
        for body_id in mention.bodies:
            body = bodies[body_id]
            if self._below_or_self(body_id, issuer) or body.locality == issuer.locality:
                return True
            if body_id == issuer.parent or (parent_issuer is not None and body_id == parent_issuer.id):
                return True
        return False

    def _below_or_self(self, body_id: str, issuer: Body) -> bool:
        bodies = self.registry.bodies
        seen = set()
        current: str | None = body_id
        while current is not None and current not in seen:
            if current == issuer.id:
                return True
            seen.add(current)
            current = bodies[current].parent if current in bodies else None
        return issuer.is_bloc and body_id in issuer.members


def _proper_name(locality: str) -> str:
    """Return the place of a locality without its generic word: "Trạm Tấu" for "huyện Trạm Tấu"."""
    word = unit_word(locality)
    return locality[len(word):].strip() if word else ""
