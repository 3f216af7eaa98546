"""Who plays which role at a document's level: the name a derived document prints for a role.

Text names a role, not a body: "Giao {{ noi_vu }} …" reads "Giao Sở Nội vụ" in the
province's plan, "Giao Phòng Nội vụ" in a district's and "Giao Văn phòng HĐND và UBND" in
a commune's. The registry says who plays each role, by level (``vai_tro`` tables: a
level, optionally a system, and role → name) and for one body (its own ``vai_tro``,
which wins). A value that is a body's id prints that body's short name.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping

from pipeline.model import Body, Registry
from pipeline.vietnamese.format import unit_word

_UNIT = re.compile(r"\{\{\s*cap\s*\}\}")

# Roles played by the issuer's own units ("Giao …"); the others are bodies it does not
# command: the Party committee, the Front and mass organisations, the council, the
# police and the army, which it asks ("Đề nghị …").
UNIT_ROLES = frozenset({"noi_vu", "thi_dua", "van_phong", "tai_chinh", "van_hoa", "xay_dung", "giao_duc", "y_te",
                        "truyen_thong"})


class Roles:
    """The role tables of one registry, indexed once: ``of(body)`` gives role → printed name."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self._tables: dict[tuple[str, str | None], Mapping[str, str]] = {}
        for table in registry.role_tables:
            self._tables[(table.level, table.system)] = table.roles
        self._cache: dict[tuple, Mapping[str, str]] = {}

    def of(self, body: Body) -> Mapping[str, str]:
        """Return every role known at ``body``'s level, as the name its documents print."""
        word = unit_word(body.locality)
        key = (body.level, body.system, word)
        if not body.roles and key in self._cache:  # most bodies share their level's roles
            return self._cache[key]
        merged: dict[str, str] = {}
        merged.update(self._tables.get((body.level, None), {}))
        merged.update(self._tables.get((body.level, body.system), {}))
        merged.update(body.roles)
        known = MappingProxyType({role: self.printed(value, word) for role, value in merged.items()})
        if not body.roles:
            self._cache[key] = known
        return known

    def body_of(self, body: Body, role: str) -> Body | None:
        """Return the registry body that plays ``role`` for ``body``, when the registry names one by id."""
        value = body.roles.get(role) or self._tables.get((body.level, body.system), {}).get(role) or \
            self._tables.get((body.level, None), {}).get(role)
        return self.registry.bodies.get(value) if value else None

    def printed(self, value: str, word: str = "") -> str:
        """Return a role value as printed: a body id becomes that body's short name, {{ cap }} the unit word."""
        body = self.registry.bodies.get(value)
        if body is not None:
            return body.short_name
        return _UNIT.sub(word, value).strip() if "{{" in value else value

    def level_names(self) -> dict[str, set[str]]:
        """Return every name a role table prints, with the levels it is printed at."""
        words: dict[str, set[str]] = {}
        for body in self.registry.bodies.values():
            words.setdefault(body.level, set()).add(unit_word(body.locality))
        out: dict[str, set[str]] = {}
        for table in self.registry.role_tables:
            for value in table.roles.values():
                for word in words.get(table.level, {""}):
                    out.setdefault(self.printed(value, word), set()).add(table.level)
        for body in self.registry.bodies.values():
            for value in body.roles.values():
                out.setdefault(self.printed(value, unit_word(body.locality)), set()).add(body.level)
        return out


def verb_for(role: str, issuer: Body, target: Body | None) -> str:
    """Return how a document addresses a task to a role: "Giao" its own units, "Đề nghị" the others."""
    if target is not None:
        return "Giao" if target.parent == issuer.id else "Đề nghị"
    return "Giao" if role in UNIT_ROLES else "Đề nghị"
