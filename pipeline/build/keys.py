"""What the build remembers of the model: the registry as validated, and the keys of documents.

Both are described in ``pipeline.build.cache`` (the records the build keeps); they are apart
from it because they need the model, and a build with nothing changed needs neither.
"""

from __future__ import annotations

import copyreg
import datetime as _dt
import functools
import hashlib
import io
import json
import pickle
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.build.cache import MAX_INPUT_BYTES, REGISTRY_CACHE, json_bytes
from pipeline.cascade.audit import NAMES, name_index
from pipeline.cascade.resolve import SUBORDINATES, subordinate_ids
from pipeline.cascade.roles import Roles
from pipeline.errors import PipelineError, SourceLocation
from pipeline.files import parse_json, read_regular
from pipeline.i18n import _
from pipeline.model import (
    Body,
    Document,
    KeySource,
    OrganisationSignature,
    PersonalSignature,
    Registry,
    RoleTable,
    Signer,
    Signing,
    SigningPolicy,
    derived,
    give_derived,
)
from pipeline.sources.content import LEVELS_AND_SYSTEMS, levels_and_systems
from pipeline.sources.load import SourceFile

# --- the registry ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Shape:
    """What the cache needs to know of a record type to write it and read it back."""

    cls: type
    order: tuple[str, ...]  # the fields in their order: a record's __dict__ in it pickles as __init__'s (keys)
    names: frozenset[str]
    required: frozenset[str]  # the fields without a default
    tuples: frozenset[str]  # the fields holding a tuple: written as plain arrays
    defaults: dict[str, Any]  # factories called once: what they make is immutable (a tuple, a MappingProxyType)

    @classmethod
    def of(cls, record_type: type) -> "_Shape":
        defaults = {f.name: f.default if f.default is not MISSING else f.default_factory()
                    for f in fields(record_type) if f.default is not MISSING or f.default_factory is not MISSING}
        order = tuple(f.name for f in fields(record_type))
        names = frozenset(order)
        return cls(record_type, order, names, names - defaults.keys(),
                   frozenset(f.name for f in fields(record_type) if str(f.type).startswith("tuple[")), defaults)


# Speed: a body is decoded ~4 times faster than by its __init__ with every field written out: a
# field at its default is left out (most bodies have no members, heads, roles or term), a tuple
# field is a plain array (every body has name lines and signers, every signer an authority: no
# marker to decode), and a record is made by filling its fields, as a frozen dataclass's __init__
# does (none here has a __post_init__). 100k's registry: 12.7 MB and 0.27 s; 9.3 MB and 0.18 s.
_SHAPES = {cls.__name__: _Shape.of(cls) for cls in (Registry, Body, Signer, SourceLocation, RoleTable, Signing,
                                                   SigningPolicy, OrganisationSignature, PersonalSignature, KeySource)}
_NO_DEFAULT = object()


_BY_TYPE = {shape.cls: shape for shape in _SHAPES.values()}
_ATOMS = frozenset((str, int, float, bool, type(None)))  # exactly these types: kept as they are


def _encode(value: Any) -> Any:
    """Return ``value`` as JSON, each record, tuple, mapping and date marked so it reads back as it was."""
    # Speed: the common cases by exact type first (a registry of 100,000 bodies is millions of values).
    kind = type(value)
    if kind in _ATOMS:
        return value
    shape = _BY_TYPE.get(kind)
    if shape is None and is_dataclass(value):
        shape = _SHAPES[kind.__name__]  # only the record types above
    if shape is not None:
        out = {"$": shape.cls.__name__}
        defaults, tuples = shape.defaults, shape.tuples
        for name in shape.order:
            v = getattr(value, name)
            default = defaults.get(name, _NO_DEFAULT)
            if type(v) is type(default) and v == default:
                continue
            out[name] = [_encode(x) for x in v] if name in tuples and type(v) is tuple else _encode(v)
        return out
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    # Mappings as lists of pairs: a clerk's key ("$t" is a valid unit code) never meets the markers.
    if isinstance(value, MappingProxyType):
        return {"$m": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"$d": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, frozenset):  # Registry.left_out (empty in a registry that is kept)
        return {"$f": sorted(_encode(v) for v in value)}
    if type(value) is _dt.date:
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in the registry cache")


def _decode(obj: dict) -> Any:
    if "$" in obj:
        shape = _SHAPES[obj.pop("$")]  # only the record types above: else a KeyError, the cache unread
        if not obj.keys() <= shape.names or not shape.required <= obj.keys():
            raise TypeError(f"{shape.cls.__name__}: fields {sorted(obj)}")
        for name in shape.tuples:
            if type(obj.get(name)) is list:
                obj[name] = tuple(obj[name])
        record = object.__new__(shape.cls)
        defaults = shape.defaults
        record.__dict__.update({name: obj[name] if name in obj else defaults[name] for name in shape.order})
        return record
    if "$t" in obj:
        return tuple(obj["$t"])
    if "$m" in obj:
        return MappingProxyType(dict(obj["$m"]))
    if "$d" in obj:
        return dict(obj["$d"])
    if "$f" in obj:
        return frozenset(obj["$f"])
    if "$date" in obj:
        return _dt.date.fromisoformat(obj["$date"])
    return obj


# The registry's cache: a first line of JSON (the format, what the registry was made from, the
# registry without its bodies, their ids, and the digest of the lines below), a line of the
# registry's derived facts, then one line of JSON per body, in the registry's order. Speed: a
# one-leaf edit needs a hundred of the 13,662 bodies of the 100k bench, and decoding them all
# cost 0.2 s of its second; a body is decoded when first asked for (``_LazyBodies``), and what
# the stages would otherwise find by going through every body comes with it (``_CACHED_FACTS``).
REGISTRY_FORMAT = 2  # 1: one JSON document, every body decoded on reading


class RegistryCacheError(PipelineError):
    """A body of the registry's cache that does not read back (a cache written by someone else)."""


def _pairs(value: list) -> frozenset:
    return frozenset((level, system) for level, system in value)


def _names(value: list) -> dict:
    return {tuple(words): (name, tuple(bodies), frozenset(levels)) for name, words, bodies, levels in value}


# name → (compute, to JSON, from JSON): exactly what ``model.derived`` is given by the stage that needs it.
_CACHED_FACTS = {
    SUBORDINATES: (subordinate_ids, lambda index: [[k, list(v)] for k, v in index.items()],
                   lambda value: {parent: tuple(ids) for parent, ids in value}),
    LEVELS_AND_SYSTEMS: (levels_and_systems, lambda pairs: sorted([list(p) for p in pairs], key=str), _pairs),
    NAMES: (lambda registry: name_index(registry, Roles(registry)),
            lambda names: [[n, list(words), list(bodies), sorted(levels)] for words, (n, bodies, levels) in names.items()],
            _names),
}


def registry_cache_bytes(registry: Registry, program: str, files: dict[str, str], cwd: str) -> bytes:
    facts = {name: to_json(derived(registry, name, compute)) for name, (compute, to_json, _) in _CACHED_FACTS.items()}
    # No newline inside a line: JSON escapes it.
    lines = json_bytes(facts) + b"".join(json_bytes(_encode(body)) for body in registry.bodies.values())
    head = {"format": REGISTRY_FORMAT, "program": program, "files": files, "cwd": cwd,
            "registry": _encode(replace(registry, bodies=MappingProxyType({}))), "bodies": list(registry.bodies),
            "sha256": hashlib.sha256(lines).hexdigest()}
    return json_bytes(head) + lines


def read_registry_cache(output_dir: Path, program: str, files: dict[str, str], cwd: str,
                        lazy: bool = False) -> Registry | None:
    """Return the registry validated from exactly these files by this program, or None.

    ``lazy``: its bodies decoded as they are asked for; one that does not read back then raises
    RegistryCacheError (only a cache whose lines someone else wrote to match its digest). Else
    every body is decoded now, and any that does not read back makes it no cache.
    """
    try:  # output/ may hold anything: a link, a FIFO, a huge file there is no cache (files.read_regular)
        raw = read_regular(output_dir / REGISTRY_CACHE, MAX_INPUT_BYTES, follow=False)
        head, _newline, lines = raw.partition(b"\n")
        data = parse_json(head, object_hook=_decode)
        if not isinstance(data, dict) or data.get("format") != REGISTRY_FORMAT or \
                (data.get("program"), data.get("files"), data.get("cwd")) != (program, files, cwd):
            return None
        skeleton, ids = data.get("registry"), data.get("bodies")
        if not isinstance(skeleton, Registry) or not isinstance(ids, list) or \
                hashlib.sha256(lines).hexdigest() != data.get("sha256"):
            return None
        facts, *texts = lines.split(b"\n")  # each body's decoded when it is asked for
        if texts.pop() != b"" or len(texts) != len(ids) or not all(type(i) is str for i in ids):
            return None
        facts = parse_json(facts)
        given = {name: from_json(facts[name]) for name, (_, _, from_json) in _CACHED_FACTS.items()}
        bodies = _LazyBodies(dict(zip(ids, texts)))
        if len(bodies) != len(ids) or not _names_known(given, bodies):  # an id twice, or one not there
            return None
        registry = replace(skeleton, bodies=bodies if lazy else MappingProxyType(bodies.every()))
    except (OSError, ValueError, TypeError, KeyError, PipelineError):
        return None
    give_derived(registry, given)
    return registry


def _names_known(facts: dict, bodies: Mapping) -> bool:
    """Tell whether every body the facts name is one of ``bodies`` (else a lookup of it would fail)."""
    return all(body_id in bodies for ids in facts[SUBORDINATES].values() for body_id in ids) and \
        all(body_id in bodies for _name, ids, _levels in facts[NAMES].values() for body_id in ids)


def every_body(registry: Registry) -> Registry | None:
    """Return ``registry`` with every body decoded (its facts kept), or None when one does not read back."""
    if not isinstance(registry.bodies, _LazyBodies):
        return registry
    try:
        decoded = replace(registry, bodies=MappingProxyType(registry.bodies.every()))
    except RegistryCacheError:
        return None
    give_derived(decoded, {name: derived(registry, name, compute) for name, (compute, _, _) in _CACHED_FACTS.items()})
    return decoded


_BODY = json.JSONDecoder(object_hook=_decode)


class _LazyBodies(Mapping):
    """The registry's bodies by id, each decoded from its line of the cache when first asked for."""

    def __init__(self, lines: dict[str, bytes]):
        self._lines = lines
        self._bodies: dict[str, Body] = {}

    def __getitem__(self, body_id: str) -> Body:
        body = self._bodies.get(body_id)
        if body is None:
            body = self._bodies[body_id] = self._decoded(body_id, self._lines[body_id])
        return body

    def __contains__(self, body_id: object) -> bool:
        return body_id in self._lines

    def __iter__(self):
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def every(self) -> dict[str, Body]:
        return {body_id: self[body_id] for body_id in self._lines}

    @staticmethod
    def _decoded(body_id: str, line: bytes) -> Body:
        try:
            body = _BODY.decode(line.decode("utf-8"))
        except (ValueError, TypeError, KeyError, RecursionError):  # UnicodeDecodeError is a ValueError
            body = None
        if type(body) is not Body or body.id != body_id:
            raise RegistryCacheError(_("{path}: danh mục cơ quan trong bộ nhớ đệm không đọc lại được ('{id}')")
                                     .format(path=REGISTRY_CACHE, id=body_id))
        return body


# --- document keys -------------------------------------------------------------------------------------------


class _KeyPickler(pickle.Pickler):
    """Pickle what a template context is made from, leaving out where things were written.

    A document or a body met inside stands as its digest, computed once per object and
    build (a parent is met by each of its children); a SourceLocation (or a whole
    SourceFile) as nothing; a read-only mapping as its dict. Memoisation is off
    (``fast``), so equal values give equal bytes whether or not they happen to be
    shared objects.

    Speed: these are found by the pickler's own table of types (``Keyer.table``), not by a
    ``reducer_override``, which Python called for each of the ~50 objects of a document
    (a third of a key's time).
    """

    def __init__(self, buffer, keyer: "Keyer"):
        super().__init__(buffer, protocol=5)
        self.fast = True
        self.dispatch_table = keyer.table


def _nothing(_obj) -> tuple:
    return tuple, ()


@functools.lru_cache(maxsize=None)
def _named_fields(kind: type) -> tuple[str, ...]:
    """The fields of a document or a body that its digest reads: all but where it was written."""
    return tuple(f.name for f in fields(kind) if f.name != "location")


# What a document's DOCX prints of another document (its parent, the bases it cites): the citation
# (docx.layout.citation).
CITED_FIELDS = ("id", "type", "number", "notation", "system", "date", "issued_date", "subject", "issuer")


class Keyer:
    """Compute document keys: ``key(args)`` for the arguments of ``template_context``."""

    def __init__(self, template_sha: str, program: str):
        self.salt = f"{program}\n{template_sha}\n".encode()
        self._digests: dict[int, tuple[Any, str]] = {}
        self._cited: dict[int, tuple[Any, str]] = {}
        self.table = {**copyreg.dispatch_table,
                      Document: lambda doc: (str, (self.digest(doc, cited=True),)),
                      Body: lambda body: (str, (self.digest(body),)),
                      SourceLocation: _nothing, SourceFile: _nothing,
                      MappingProxyType: lambda mapping: (dict, (dict(mapping),))}

    def digest(self, obj: Document | Body, cited: bool = False) -> str:
        """Return the digest of a document's or a body's fields but its location, once per object.

        ``cited``: of a document only what a citation of it reads (another document's DOCX prints
        nothing else of it), so an edit to a parent's body re-renders the parent, not its children.
        """
        cache = self._cited if cited else self._digests
        known = cache.get(id(obj))
        if known is None or known[0] is not obj:
            names = CITED_FIELDS if cited else _named_fields(type(obj))
            values = tuple(getattr(obj, name) for name in names)
            known = (obj, hashlib.sha256(self._dumps((type(obj).__name__, values))).hexdigest())
            cache[id(obj)] = known
        return known[1]

    def forget(self) -> None:
        """Drop the digests computed so far, and the objects they keep alive (a worker's, after each chunk)."""
        self._digests.clear()
        self._cited.clear()

    def _dumps(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        _KeyPickler(buffer, self).dump(value)
        return buffer.getvalue()

    def key(self, args: tuple) -> str:
        """Return the key of a document from the arguments its template context is built from.

        ``args`` is (document, parent, chu_quan, cited): the document counts whole, the others
        as what its DOCX prints of them.
        """
        doc, *rest = args
        return hashlib.sha256(self.salt + self.digest(doc).encode() + self._dumps(tuple(rest))).hexdigest()
