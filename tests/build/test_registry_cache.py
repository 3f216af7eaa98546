"""The registry as the build keeps it between builds: read back exactly as validated, or not at all."""

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from types import MappingProxyType

import pytest

from pipeline.build.cache import REGISTRY_CACHE
from pipeline.build.keys import read_registry_cache, registry_cache_bytes
from pipeline.model import (
    KeySource,
    OrganisationSignature,
    PersonalSignature,
    Registry,
    RoleTable,
    Signer,
    Signing,
    SigningPolicy,
)
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


def test_fields_at_their_default_are_not_written(tmp_path, registry):
    data = json.loads(_written(tmp_path, registry).read_bytes())
    plain = data["registry"]["bodies"]["$m"][1][1]  # a body that is no bloc
    assert "members" not in plain and "is_bloc" not in plain and "heads" not in plain
    assert plain["name_lines"] == list(registry.bodies[plain["id"]].name_lines)


@pytest.mark.parametrize("tamper", [
    lambda b: b.update(unknown="x"),  # a field no Body has
    lambda b: b.pop("full_name"),  # a field every Body needs
    lambda b: b.update({"$": "Document"}),  # a record the cache never holds
])
def test_a_cache_with_a_record_out_of_shape_is_not_used(tmp_path, registry, tamper):
    path = _written(tmp_path, registry)
    data = json.loads(path.read_bytes())
    tamper(data["registry"]["bodies"]["$m"][1][1])
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_registry_cache(tmp_path, "p", FILES, "/cwd") is None


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
