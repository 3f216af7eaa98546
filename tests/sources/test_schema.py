"""The JSON Schemas editors use agree with the loader, and every data file satisfies them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.sources.fields import SCHEMAS
from pipeline.sources.load import parse_text
from pipeline.sources.schema import Context, json_schema_document

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def schema_for(kind: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def kind_of(path: Path) -> str:
    return {"chien-dich": "chien-dich", "khoi-chung": "khoi-chung"}.get(path.parent.name, "to-chuc")


def source_files() -> list[Path]:
    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "data").rglob("*.yaml"))
    return [p for p in files if "cases" not in p.parts]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_what_vanban_schema_writes(kind):
    root, title = SCHEMAS[kind]
    expected = json_schema_document(root, title, f"{kind}.schema.json")
    assert schema_for(kind) == expected, "run `make schema` and commit schemas/"
    jsonschema.Draft7Validator.check_schema(expected)


def test_every_field_has_a_vietnamese_description():
    missing = []
    for kind in SCHEMAS:
        for name, definition in schema_for(kind)["definitions"].items():
            assert definition.get("description"), name
            for key, prop in definition["properties"].items():
                if not prop.get("description"):
                    missing.append(f"{kind}:{name}.{key}")
    assert missing == []


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_source_file_names_its_schema_and_satisfies_it(path):
    text = path.read_text(encoding="utf-8")
    kind = kind_of(path)
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schemas/{kind}.schema.json")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == (ROOT / "schemas" / f"{kind}.schema.json").resolve()
    source, problems = parse_text(text, str(path))
    assert problems == []
    errors = [e.message for e in jsonschema.Draft7Validator(schema_for(kind)).iter_errors(source.data)]
    assert errors == []


REGISTRY_TEXT = (MINI / "to-chuc.yaml").read_text(encoding="utf-8")
CAMPAIGN_TEXT = (MINI / "chien-dich" / "mau.yaml").read_text(encoding="utf-8")

# (name, kind, original text fragment, replacement). Each mutation is judged by both the JSON
# Schema and the loader's type checks; they must agree, whichever way.
MUTATIONS = [
    ("unchanged", "to-chuc", "", ""),
    ("misspelt key", "chien-dich", "trich_yeu: Phát", "trich_yue: Phát"),
    ("missing required key", "to-chuc", "    dia_danh: Trạm Tấu\n", ""),
    ("date with dashes", "chien-dich", "ngay: 30/08/2024", "ngay: 2024-08-30"),
    ("impossible 30/02", "chien-dich", "ngay: 30/08/2024", "ngay: 30/02/2024"),
    ("impossible 31/04", "chien-dich", "ngay: 10/10/2024", "ngay: 31/04/2024"),
    ("number as text", "chien-dich", "so: 188", "so: một trăm"),
    ("number zero", "chien-dich", "so: 188", "so: 0"),
    ("boolean type", "chien-dich", "loai: cong_van", "loai: true"),
    ("unknown type", "chien-dich", "loai: cong_van", "loai: cong_vam"),
    ("text given a number", "chien-dich", "trich_yeu: Phát", "trich_yeu: 2024\n    x_: Phát"),
    ("empty optional key", "to-chuc", "    cap: huyen\n    nhom_nhan", "    cap:\n    nhom_nhan"),
    ("no in a text stays text", "to-chuc", "ky_hieu: CĐVC", "ky_hieu: no"),
    ("id with a slash", "chien-dich", "ma: kh-duk", "ma: ../kh-duk"),
    ("id with capitals", "chien-dich", "ma: kh-duk", "ma: KH-DUK"),
    ("zero-width space", "chien-dich", "ten: Chiến dịch", "ten: Chiến\u200b dịch"),
    ("placeholder where none is allowed", "to-chuc", "dia_danh: Văn Yên", "dia_danh: '{{ dia_ban }}'"),
    ("blank text", "to-chuc", "dia_danh: Văn Yên", "dia_danh: '   '"),
    ("single authority line", "to-chuc", "quyen_han: TM. Ủy ban nhân dân}", "quyen_han: [TM. Ủy ban nhân dân]}"),
    ("authority without prefix", "to-chuc", "quyen_han: TM. Ban Thường vụ}", "quyen_han: Ban Thường vụ}"),
    ("year key of a bloc map", "to-chuc", "", ""),
    ("list where a mapping is", "chien-dich", "thoi_gian: {tu: 10/10/2024, den: 31/12/2025}", "thoi_gian: [10/10/2024]"),
    ("section with unknown key", "chien-dich", "cung_dong: Từ", "cung_dongg: Từ"),
    ("relative deadline", "chien-dich", "han: 25/10/2024", "han: 5 ngày làm việc trước han_cha"),
    ("relative calendar days", "chien-dich", "ngay: 24/10/2024", "ngay: 10 ngày sau ngay_cha"),
    ("relative period start", "chien-dich", "thoi_gian: {tu: 10/10/2024", "thoi_gian: {tu: 3 ngày làm việc sau ngay"),
    ("relative with a misspelt anchor", "chien-dich", "han: 25/10/2024", "han: 5 ngày làm việc trước hạn cha"),
    ("relative with zero days", "chien-dich", "han: 25/10/2024", "han: 0 ngày trước han_cha"),
    ("relative without a direction", "chien-dich", "han: 25/10/2024", "han: 5 ngày làm việc han_cha"),
    ("relative in a date that is not", "to-chuc", "nhiem_ky_tu: 15/10/2020", "nhiem_ky_tu: 3 ngày sau ngay"),
]

# Mutations the loader and the schema both accept.
VALID = {"unchanged", "empty optional key", "no in a text stays text", "single authority line",
         "year key of a bloc map", "relative deadline", "relative calendar days", "relative period start"}


@pytest.mark.parametrize("name,kind,old,new", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_schema_and_loader_agree(name, kind, old, new):
    text = REGISTRY_TEXT if kind == "to-chuc" else CAMPAIGN_TEXT
    if old:
        assert old in text, f"fixture changed: {old!r}"
        text = text.replace(old, new, 1)
    source, problems = parse_text(text, "x.yaml")
    assert problems == [] and source is not None
    ctx = Context(source)
    SCHEMAS[kind][0].check(source.data, (), ctx)
    loader_ok = ctx.problems == []
    schema_ok = jsonschema.Draft7Validator(schema_for(kind)).is_valid(source.data)
    assert loader_ok == schema_ok, (name, [p.format() for p in ctx.problems])
    assert loader_ok == (name in VALID)
