"""The registry as the build keeps it between builds: read back exactly as validated, or not at all."""

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from types import MappingProxyType

import pytest

from pipeline.build.cache import REGISTRY_CACHE
from pipeline.build.keys import _CACHED_FACTS, RegistryCacheError, every_body, read_registry_cache, registry_cache_bytes
from pipeline.cascade.audit import NAMES, name_index
from pipeline.cascade.resolve import SUBORDINATES, subordinate_ids
from pipeline.cascade.roles import Roles
from pipeline.model import (
    KeySource,
    OrganisationSignature,
    PersonalSignature,
    Registry,
    RoleTable,
    Signer,
    Signing,
    SigningPolicy,
    derived,
)
from pipeline.sources.content import LEVELS_AND_SYSTEMS, levels_and_systems
from pipeline.sources.validate import validate_sources

ROOT = Path(__file__).resolve().parents[2]
FILES = {"to-chuc/a.yaml": "sha"}


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The repository's own registry, and one body of it made a bloc with every field away from its default."""
    sources, problems = validate_sources(ROOT / "data")
    assert not problems
    real = sources.registry
    first, second, *rest = real.bodies.values()
    bloc = dataclasses.replace(first, members=(second.id,), heads=MappingProxyType({"2025": second.id}),
                               is_bloc=True, term_start=dt.date(2025, 1, 1),
                               roles=MappingProxyType({"noi-vu": "Phòng Nội vụ"}), number_width=4,
                               signers=(Signer("a", "Nguyễn Văn A", "Trưởng khối", ("TM. Khối",)),))
    key = KeySource(pkcs12="khoa.p12", password_variable="MAT_KHAU")
    signing = Signing(SigningPolicy(("goc.pem",), "http://tsa", ("ds.crl",), True),
                      MappingProxyType({first.id: OrganisationSignature("dau.png", key, 40)}),
                      MappingProxyType({f"{first.id}/a": PersonalSignature("chu-ky.png", key)}))
    tables = (*real.role_tables, RoleTable("xa", "state", MappingProxyType({"noi-vu": "Văn phòng"}),
                                           first.location, (second.id,)))
    bodies = MappingProxyType({bloc.id: bloc, second.id: second, **{b.id: b for b in rest}})
    return Registry(bodies, tables, signing)


def _written(folder: Path, registry: Registry) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / REGISTRY_CACHE).write_bytes(registry_cache_bytes(registry, "p", FILES, "/cwd"))
    return folder / REGISTRY_CACHE


def test_the_registry_reads_back_equal_record_for_record(tmp_path, registry):
    _written(tmp_path, registry)
    back = read_registry_cache(tmp_path, "p", FILES, "/cwd")
    assert back == registry
    bloc = next(iter(back.bodies.values()))
    assert (bloc.members, bloc.is_bloc, bloc.term_start, bloc.number_width) == \
        ((list(registry.bodies)[1],), True, dt.date(2025, 1, 1), 4)
    assert type(bloc.signers) is tuple and type(bloc.signers[0].authority) is tuple
    assert type(bloc.heads) is MappingProxyType and type(back.bodies) is MappingProxyType
    assert back.signing.policy.trust_roots == ("goc.pem",) and back.role_tables[-1].scope == (bloc.members[0],)
    # A document's key pickles the bodies it is made from: their fields in the same order, from the cache or not.
    assert all(list(vars(b)) == list(vars(registry.bodies[b.id])) for b in back.bodies.values())


def _lines(path: Path) -> tuple[dict, list[dict]]:
    """Return the cache's first line and the lines below it (the facts, then each body), parsed."""
    head, *below = path.read_bytes().decode("utf-8").splitlines()
    return json.loads(head), [json.loads(line) for line in below]


def _rewritten(path: Path, head: dict, lines: list[dict], digest: bool = True) -> None:
    """Write the cache again as someone who knows its format could (with the digest of the new lines)."""
    lines = "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in lines).encode("utf-8")
    if digest:
        head["sha256"] = hashlib.sha256(lines).hexdigest()
    path.write_bytes(json.dumps(head).encode() + b"\n" + lines)


def test_fields_at_their_default_are_not_written(tmp_path, registry):
    head, (_facts, *bodies) = _lines(_written(tmp_path, registry))
    plain = bodies[1]  # a body that is no bloc
    assert "members" not in plain and "is_bloc" not in plain and "heads" not in plain
    assert plain["name_lines"] == list(registry.bodies[plain["id"]].name_lines)
    assert head["bodies"] == list(registry.bodies) and head["registry"]["bodies"] == {"$m": []}


def test_read_lazily_a_body_is_decoded_when_asked_for_and_the_registry_is_the_same(tmp_path, registry):
    _written(tmp_path, registry)
    lazy = read_registry_cache(tmp_path, "p", FILES, "/cwd", lazy=True)
    assert type(lazy.bodies) is not MappingProxyType and lazy.bodies._bodies == {}
    last = list(registry.bodies)[-1]
    assert last in lazy.bodies and "khong-co" not in lazy.bodies and lazy.bodies.get("khong-co") is None
    assert lazy.bodies[last] == registry.bodies[last] and list(lazy.bodies._bodies) == [last]
    assert lazy == registry and list(lazy.bodies) == list(registry.bodies)
    eager = every_body(lazy)
    assert type(eager.bodies) is MappingProxyType and eager == registry


def test_the_facts_the_stages_derive_from_every_body_come_with_it_as_they_would_be_computed(tmp_path, registry):
    _written(tmp_path, registry)
    for lazy in (True, False):
        back = read_registry_cache(tmp_path, "p", FILES, "/cwd", lazy=lazy)
        given = {name: derived(back, name, lambda r: pytest.fail("computed, not given")) for name in _CACHED_FACTS}
        assert given[SUBORDINATES] == subordinate_ids(registry) and given[SUBORDINATES]
        assert given[LEVELS_AND_SYSTEMS] == levels_and_systems(registry)
        assert given[NAMES] == name_index(registry, Roles(registry)) and given[NAMES]
        if lazy:  # none of them decoded a body
            assert back.bodies._bodies == {}


@pytest.mark.parametrize("tamper", [
    lambda b: b.update(unknown="x"),  # a field no Body has
    lambda b: b.pop("full_name"),  # a field every Body needs
    lambda b: b.update({"$": "Document"}),  # a record the cache never holds
    lambda b: b.update(id="khac"),  # another body than its id says
    lambda b: b.clear(),  # no record
])
def test_a_cache_with_a_record_out_of_shape_is_not_used(tmp_path, registry, tamper):
    path = _written(tmp_path, registry)
    head, lines = _lines(path)
    tamper(lines[2])  # the second body's
    _rewritten(path, head, lines)
    assert read_registry_cache(tmp_path, "p", FILES, "/cwd") is None
    # Read lazily, the body is found out when asked for, and said; the others read as they were.
    lazy = read_registry_cache(tmp_path, "p", FILES, "/cwd", lazy=True)
    first, second = list(registry.bodies)[:2]
    assert lazy.bodies[first] == registry.bodies[first]
    with pytest.raises(RegistryCacheError, match=f"không đọc lại được \\('{second}'\\)"):
        lazy.bodies[second]
    assert every_body(lazy) is None


@pytest.mark.parametrize("damage", ["a line changed", "a fact changed", "a line less", "an id twice",
                                    "a fact naming no body", "the old format"])
def test_a_cache_whose_lines_are_not_those_written_is_not_used(tmp_path, registry, damage):
    path = _written(tmp_path, registry)
    head, lines = _lines(path)
    facts = lines[0]
    if damage == "a line changed":  # the digest not renewed
        lines[2]["full_name"] = "Cơ quan khác"
        _rewritten(path, head, lines, digest=False)
    elif damage == "a fact changed":  # found by review: the facts were not under the digest
        facts[SUBORDINATES][0][1].pop()
        _rewritten(path, head, lines, digest=False)
    elif damage == "a line less":
        _rewritten(path, head, lines[:-1])
    elif damage == "an id twice":
        head["bodies"][1] = head["bodies"][0]
        _rewritten(path, head, lines)
    elif damage == "a fact naming no body":  # found by review: a lookup of it raised KeyError in the resolve
        facts[SUBORDINATES][0][1].append("khong-co")
        _rewritten(path, head, lines)
    else:  # one JSON document, as builds before this one wrote it
        head["format"] = 1
        _rewritten(path, head, lines)
    for lazy in (True, False):
        assert read_registry_cache(tmp_path, "p", FILES, "/cwd", lazy=lazy) is None


def test_a_cache_of_other_files_or_a_planted_link_or_fifo_is_not_used(tmp_path, registry):
    path = _written(tmp_path, registry)
    assert read_registry_cache(tmp_path, "p", {"to-chuc/a.yaml": "other"}, "/cwd") is None
    assert read_registry_cache(tmp_path, "other program", FILES, "/cwd") is None
    elsewhere = _written(tmp_path / "elsewhere", registry)
    path.unlink()
    path.symlink_to(elsewhere)
    assert read_registry_cache(tmp_path, "p", FILES, "/cwd") is None
    path.unlink()
    os.mkfifo(path)  # would hang a plain read
    assert read_registry_cache(tmp_path, "p", FILES, "/cwd") is None


@pytest.mark.parametrize("name", [REGISTRY_CACHE, ".vanban-stamp.json"])
def test_a_cache_nested_deeper_than_the_parser_goes_is_no_cache(tmp_path, name):
    # Found by review: json.loads raised RecursionError, which no reader caught: the build ended with status 2.
    from pipeline.build.cache import read_stamp

    (tmp_path / name).write_text("[" * 100_000 + "]" * 100_000)
    assert read_registry_cache(tmp_path, "p", FILES, "/cwd") is None
    assert read_stamp(tmp_path) is None
