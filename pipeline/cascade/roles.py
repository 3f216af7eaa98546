"""Who plays which role at a document's level: the name a derived document prints for a role.

Text names a role, not a body: "Giao {{ noi_vu }} …" reads "Giao Sở Nội vụ" in the
province's plan, "Giao Phòng Nội vụ" in a district's and "Giao Văn phòng HĐND và UBND" in
a commune's. The registry says who plays each role: tables by level (``vai_tro``: a level,
optionally a system, optionally the subtrees it serves, and role → name) and a body's own
``vai_tro``, which wins. Of the tables that apply to a body, the one serving its nearest
ancestor replaces the less specific ones (a province keeps its own table; the 2024 and
the 2025 maps live side by side). A value that is a body's id prints that body's short
name; "{{ cap }}" in a value is the body's unit word, so one table serves "Ủy ban MTTQ Việt
Nam huyện" and "… thị xã".
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping

from pipeline.model import Body, Registry, RoleTable
from pipeline.vietnamese.format import unit_word

_UNIT = re.compile(r"\{\{\s*cap\s*\}\}")

# Roles played by the issuer's own units ("Giao …"); the others are bodies it does not
# command: the Party committee, the Front and mass organisations, the council, the
# police and the army, which it asks ("Đề nghị …").
UNIT_ROLES = frozenset({"noi_vu", "thi_dua", "van_phong", "tai_chinh", "van_hoa", "xay_dung", "giao_duc", "y_te",
                        "truyen_thong", "chuyen_doi_so"})


class Roles:
    """The role tables of one registry, indexed once: ``of(body)`` gives role → printed name."""

    def __init__(self, registry: Registry):
        self.registry = registry
        # (level, system) → {scope body id or None: table}
        self._tables: dict[tuple[str, str | None], dict[str | None, RoleTable]] = {}
        for table in registry.role_tables:
            for scope in table.scope or (None,):
                self._tables.setdefault((table.level, table.system), {})[scope] = table
        self._cache: dict[tuple, Mapping[str, str]] = {}

    def _table(self, body: Body, system: str | None) -> tuple[str | None, Mapping[str, str]]:
        """Return (scope, roles) of the most specific table of ``body``'s level for ``system``."""
        tables = self._tables.get((body.level, system))
        if not tables:
            return None, {}
        bodies = self.registry.bodies
        current: str | None = body.id
        seen = set()
        while current is not None and current not in seen:
            if current in tables:
                return current, tables[current].roles
            seen.add(current)
            current = bodies[current].parent if current in bodies else None
        return (None, tables[None].roles) if None in tables else (None, {})

    def _merged(self, body: Body) -> tuple[tuple, dict[str, str]]:
        any_scope, any_roles = self._table(body, None)
        own_scope, own_roles = self._table(body, body.system)
        return (any_scope, own_scope), {**any_roles, **own_roles, **body.roles}

    def of(self, body: Body) -> Mapping[str, str]:
        """Return every role known at ``body``'s level, as the name its documents print."""
        word = unit_word(body.locality)
        scopes, merged = self._merged(body)
        key = (body.level, body.system, word, scopes)
        if not body.roles and key in self._cache:  # most bodies share their level's roles
            return self._cache[key]
        known = MappingProxyType({role: self.printed(value, word) for role, value in merged.items()})
        if not body.roles:
            self._cache[key] = known
        return known

    def body_of(self, body: Body, role: str) -> Body | None:
        """Return the registry body that plays ``role`` for ``body``, when the registry names one by id."""
        value = self._merged(body)[1].get(role)
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
