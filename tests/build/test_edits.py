"""Edits keyed by piece (pipeline.build.edits): a build after an edit reads only the pieces of the
campaign file it needs, and leaves exactly what a build from nothing of the same sources leaves.

Each test builds a copy of tests/data/mini, edits it, builds again, says whether the build took
the short way (reading pieces) or read every file whole, and compares every manifest and DOCX
with those of a build of the same sources into an empty folder with an empty register.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.build import build, cache, edits
from pipeline.build.build import BuildOptions, run_build
from pipeline.errors import SourceErrors
from pipeline.sources import pieces

CAMPAIGN = "mau"
FILE = "chien-dich/mau.yaml"


@pytest.fixture
def site(mini_copy, tmp_path):
    options = BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1)
    run_build(options)
    return mini_copy, options


@pytest.fixture
def way(monkeypatch):
    """Return a list that each build appends "pieces" or "whole" to: how it read the edited campaign."""
    taken: list[str] = []
    numbered, edited = build._numbered_trees, build._edited

    def whole(options, *args, **kwargs):
        if options.output_dir.name != "clean-out":  # not assert_as_built_from_nothing's
            taken.append("whole")
        return numbered(options, *args, **kwargs)

    def short(*args, **kwargs):
        report = edited(*args, **kwargs)
        if report is not None:
            taken.append("pieces")
        return report

    monkeypatch.setattr(build, "_numbered_trees", whole)
    monkeypatch.setattr(build, "_edited", short)
    return taken


def outputs(output_dir: Path) -> dict[str, bytes]:
    """Return every manifest and DOCX below ``output_dir`` by its path there."""
    return {p.relative_to(output_dir).as_posix(): p.read_bytes() for p in sorted(output_dir.glob("*/*"))
            if p.suffix in (".docx", ".json") and not p.name.startswith(".")}


def assert_as_built_from_nothing(options: BuildOptions, tmp_path: Path) -> None:
    clean = BuildOptions(options.data_dir, tmp_path / "clean-out", tmp_path / "clean.sqlite3", jobs=1)
    run_build(clean)
    got, expected = outputs(options.output_dir), outputs(clean.output_dir)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    # The cache's record of each document and of the file's pieces is the one a build from nothing writes.
    ours = json.loads((options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE).read_bytes())
    theirs = json.loads((clean.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE).read_bytes())
    assert ours["pieces"] == theirs["pieces"]
    assert {k: v[:2] for k, v in ours["documents"].items()} == {k: v[:2] for k, v in theirs["documents"].items()}
    # Laid out as a full build writes it (an edit replaces lines in it), and summed up in the stamp as one does.
    raw = (options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE).read_bytes()
    assert raw == cache.campaign_cache_bytes(ours["program"], ours["template"], cache.outputs_of(ours), ours["pieces"])
    stamp = json.loads((options.output_dir / cache.STAMP).read_bytes())
    assert stamp["outputs"][CAMPAIGN] == cache.outputs_summary(raw, cache.outputs_of(ours))


def written(report) -> set[str]:
    return {w.document.id for w in report.written}


# --- the cut -----------------------------------------------------------------------------------------------------


CAMPAIGN_TEXT = """\
# a comment
ma: c
ten: Chiến dịch
van_ban:
  - ma: a
    noi_dung:
      - doan:
          - |
            - một dòng bắt đầu bằng gạch
# a comment at the margin, inside the list
  - ma: b
    van_ban_cha: a

khoi_chung:
  - ma: k
"""


def test_a_campaign_file_is_cut_into_its_frame_and_one_piece_per_document():
    cut = pieces.cut(CAMPAIGN_TEXT)
    lines = CAMPAIGN_TEXT.split("\n")
    assert [lines[start] for start, _end in cut.pieces] == ["  - ma: a", "  - ma: b"]
    assert cut.pieces == ((4, 10), (10, 12))  # a's comment is a's; the empty line before khoi_chung the frame's
    blanked = cut.blanked({1})
    assert blanked.split("\n")[4:10] == [""] * 6 and blanked.count("\n") == CAMPAIGN_TEXT.count("\n")
    assert pieces.cut(CAMPAIGN_TEXT.replace("ma: b", "ma: bb")).frame == cut.frame
    assert pieces.cut(CAMPAIGN_TEXT.replace("ten: Chiến dịch", "ten: Khác")).frame != cut.frame


@pytest.mark.parametrize("text", [
    "ma: c\nvan_ban: [{ma: a}]\n",  # flow style
    "---\nma: c\nvan_ban:\n- ma: a\n",  # a document marker
    "ma: c\nvan_ban:\n- ma: a\nvan_ban:\n- ma: b\n",  # the key twice: the parser says so
    "ma: c\n",
])
def test_a_text_that_cannot_be_cut_plainly_is_read_whole(text):
    assert pieces.cut(text) is None


# --- the short way, and the same output -----------------------------------------------------------------------


def test_editing_a_leaf_reads_its_pieces_only_and_leaves_what_a_build_from_nothing_leaves(site, way, tmp_path):
    data, options = site
    data.edit(FILE, "thông báo kết quả đăng ký công trình như Phụ lục kèm theo.",
              "thông báo kết quả đăng ký công trình, phần việc như\n            Phụ lục kèm theo.")  # one line more
    report = run_build(options)
    assert way == ["pieces"]
    assert written(report) == {"tb-huyen-van-yen"}
    assert report.unchanged == report.documents - 1
    assert_as_built_from_nothing(options, tmp_path)
    # The next edit, below the moved lines, is keyed against what this build recorded.
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    assert written(run_build(options)) == {"hd-ldld"}
    assert way == ["pieces", "pieces"]
    assert run_build(options).sources_unchanged


def test_a_list_written_at_the_margin_is_cut_alike(mini_copy, tmp_path, way):
    path = mini_copy.root / FILE
    head, items = path.read_text(encoding="utf-8").split("van_ban:\n", 1)
    path.write_text(head + "van_ban:\n" + "\n".join(line[2:] for line in items.split("\n")), encoding="utf-8")
    assert "\n- ma: kh-tinh\n" in path.read_text(encoding="utf-8")
    options = BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1)
    run_build(options)
    mini_copy.edit(FILE, "triển khai phong trào trong {{ dia_ban }}.", "triển khai phong trào ở {{ dia_ban }}.")
    assert written(run_build(options)) == {"ctr-duk"}
    assert way == ["whole", "pieces"]
    assert_as_built_from_nothing(options, tmp_path)


def test_editing_a_parent_derives_its_children_again(site, way, tmp_path):
    data, options = site
    data.edit(FILE, "    van_ban_cha: kh-tinh\n    trien_khai: {cap: huyen}\n",
              "    van_ban_cha: kh-tinh\n    trien_khai: {cap: huyen}\n    do_khan: KHẨN\n")
    report = run_build(options)
    assert way == ["pieces"]
    # qd-khen-thuong inherits it; tb-huyen-van-yen sets its own, and is the same as it was
    assert {d.split("--")[0] for d in written(report)} == {"kh-huyen", "qd-khen-thuong"}
    assert_as_built_from_nothing(options, tmp_path)


def test_a_new_subject_redoes_the_documents_that_cite_it(site, way, tmp_path):
    data, options = site
    data.edit(FILE, '    loai: "giay_moi"\n', '    loai: "giay_moi"\n    can_cu:\n      - hd-ldld\n')
    assert written(run_build(options)) == {"gm-hoi-nghi"}
    assert way == ["whole"]  # a citation added: the pieces' links changed
    data.edit(FILE, '"Hướng dẫn đăng ký công trình, phần việc chào mừng Đại hội"',
              '"Hướng dẫn đăng ký công trình chào mừng Đại hội"')
    report = run_build(options)
    assert way == ["whole", "pieces"]
    assert written(report) == {"hd-ldld", "gm-hoi-nghi"}
    assert_as_built_from_nothing(options, tmp_path)


def test_editing_the_root_reads_whole_for_every_document_is_below_it(site, way, tmp_path, monkeypatch):
    data, options = site
    monkeypatch.setattr(edits, "MAX_REDONE", 5)
    data.edit(FILE, "    han: 31/10/2024\n", "    han: 31/10/2024\n    do_mat: Mật\n")
    with pytest.raises(SourceErrors):  # issued (so: 188): its content may not change; said by the whole read
        run_build(options)
    assert way == ["whole"]


def test_two_leaves_edited_at_once(site, way, tmp_path):
    data, options = site
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    data.edit(FILE, "triển khai phong trào trong {{ dia_ban }}.", "triển khai phong trào ở {{ dia_ban }}.")
    report = run_build(options)
    assert way == ["pieces"]
    assert written(report) == {"hd-ldld", "ctr-duk"}
    assert_as_built_from_nothing(options, tmp_path)


# --- what makes the build read whole -------------------------------------------------------------------------


def test_an_error_in_the_edited_piece_is_reported_at_its_line_by_the_whole_read(site, way):
    data, options = site
    text = (data.root / FILE).read_text(encoding="utf-8")
    data.edit(FILE, '    ngay: "05/09/2024"', '    ngay: "31/02/2024"')
    line = text.split("\n").index('    ngay: "05/09/2024"') + 1
    with pytest.raises(SourceErrors) as caught:
        run_build(options)
    assert way == ["whole"]
    shown = [p.format() for p in caught.value.problems]
    assert len(shown) == 1 and f"mau.yaml:{line}:" in shown[0], shown


@pytest.mark.parametrize("change", ["id", "parent", "added", "frame"])
def test_a_change_of_structure_or_frame_is_read_whole(site, way, tmp_path, change):
    data, options = site
    if change == "id":
        data.edit(FILE, '  - ma: "ctr-duk"', '  - ma: "ctr-duk-2"')
    elif change == "parent":
        data.edit(FILE, '    van_ban_cha: "kh-duk"', '    van_ban_cha: "kh-tinh"')
    elif change == "added":
        text = (data.root / FILE).read_text(encoding="utf-8")
        start = text.index('  - ma: "ctr-duk"')
        end = text.index('  - ma: "gm-hoi-nghi"')
        data.write(FILE, text[:end] + text[start:end].replace('"ctr-duk"', '"ctr-duk-b"') + text[end:])
    else:
        data.edit(FILE, "ten: Chiến dịch mẫu cho kiểm thử", "ten: Chiến dịch mẫu để kiểm thử")
    run_build(options)
    assert way == ["whole"]
    assert_as_built_from_nothing(options, tmp_path)


def test_a_changed_registry_or_shared_block_is_read_whole(site, way, tmp_path):
    data, options = site
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    data.write("khoi-chung/chung.yaml", "khoi_chung:\n  - ma: loi-chao\n    doan:\n      - Trân trọng.\n")
    run_build(options)
    assert way == ["whole"]
    assert_as_built_from_nothing(options, tmp_path)


def test_a_campaign_with_warnings_is_read_whole(site, way, tmp_path, monkeypatch):
    data, options = site
    stamp = json.loads((options.output_dir / cache.STAMP).read_bytes())
    entry = stamp["campaigns"][FILE]
    entry["warnings"] = [{"path": FILE, "line": 1, "column": 1, "field": "x", "message": "m", "hint": ""}]
    (options.output_dir / cache.STAMP).write_bytes(cache.json_bytes(stamp))
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    run_build(options)
    assert way == ["whole"]


def test_more_documents_to_redo_than_this_process_renders_faster_is_read_whole(site, way, monkeypatch):
    data, options = site
    monkeypatch.setattr(edits, "MAX_REDONE", 0)
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    assert written(run_build(options)) == {"hd-ldld"}
    assert way == ["whole"]


# --- the cache is not trusted blindly ---------------------------------------------------------------------------


def _rewrite_cache(options: BuildOptions, change) -> None:
    """Change the campaign cache, and the stamp's digest of it, as someone who knows the format could."""
    path = options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE
    data = json.loads(path.read_bytes())
    change(data)
    new = cache.campaign_cache_bytes(data["program"], data["template"], cache.outputs_of(data), data["pieces"])
    path.write_bytes(new)
    stamp = json.loads((options.output_dir / cache.STAMP).read_bytes())
    stamp["outputs"][CAMPAIGN]["cache"] = cache.hashlib.sha256(new).hexdigest()
    (options.output_dir / cache.STAMP).write_bytes(cache.json_bytes(stamp))


@pytest.mark.parametrize("damage", ["garbage", "every piece said changed", "changed by hand", "link"])
def test_a_damaged_or_lying_cache_falls_back_to_the_whole_read_never_to_wrong_output(site, way, tmp_path, damage):
    data, options = site
    path = options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE
    if damage == "garbage":  # of the right digest: read, and not trusted
        _rewrite_cache(options, lambda d: d.__setitem__("pieces", {"sha256": 5, "pieces": "x"}))
    elif damage == "every piece said changed":  # every piece read again: the same output
        _rewrite_cache(options, lambda d: [p.__setitem__(0, "0" * 64) for p in d["pieces"]["pieces"]])
    elif damage == "changed by hand":  # a piece said to be another document; the stamp's digest of it not renewed
        data_ = json.loads(path.read_bytes())
        data_["pieces"]["pieces"][-1][1] = "khac"
        path.write_bytes(cache.json_bytes(data_))
    else:
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_bytes(path.read_bytes())
        path.unlink()
        os.symlink(elsewhere, path)
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    run_build(options)
    assert way == (["pieces"] if damage == "every piece said changed" else ["whole"])
    assert_as_built_from_nothing(options, tmp_path)


def test_a_registry_cache_whose_bodies_do_not_read_back_is_read_from_its_files(site, way, tmp_path):
    # Lines someone rewrote with a digest to match: found when the edit asks for a body, and the build
    # reads the registry from its files, the whole campaign with it.
    data, options = site
    path = options.output_dir / cache.REGISTRY_CACHE
    head, facts, *lines = path.read_bytes().split(b"\n")
    lines = [facts] + [line.replace(b'"$":"Body"', b'"$":"Body","la":1') for line in lines]
    assert lines[-1] == b"" and all(b'"la":1' in line for line in lines[1:-1])
    new = b"\n".join(lines)
    head = json.loads(head)
    head["sha256"] = cache.hashlib.sha256(new).hexdigest()
    path.write_bytes(cache.json_bytes(head) + new)
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    run_build(options)
    assert way == ["whole"]
    assert_as_built_from_nothing(options, tmp_path)
    assert b'"la":1' not in path.read_bytes()  # written again from the registry as validated


def _rewrite_cache_bytes(options: BuildOptions, change) -> None:
    """Change the campaign cache's bytes, and the stamp's digest of them, as someone who knows the layout could."""
    path = options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE
    new = change(path.read_bytes())
    path.write_bytes(new)
    stamp = json.loads((options.output_dir / cache.STAMP).read_bytes())
    stamp["outputs"][CAMPAIGN]["cache"] = cache.hashlib.sha256(new).hexdigest()
    (options.output_dir / cache.STAMP).write_bytes(cache.json_bytes(stamp))


def _line_of(raw: bytes, doc_id: str) -> bytes:
    start = raw.index(b'\n"' + doc_id.encode() + b'":[') + 1
    return raw[start:raw.index(b"\n", start)]


REDONE = "hd-ldld"  # the one document the edit below redoes


@pytest.mark.parametrize("damage", ["entry missing", "entry twice", "entry garbled", "entry of another layout",
                                    "listing line missing", "listing line twice", "the format before"])
def test_a_cache_whose_entry_for_a_document_redone_is_not_there_once_is_read_whole(site, way, tmp_path, damage):
    data, options = site
    line = lambda raw: _line_of(raw, REDONE)
    listed = lambda raw: raw[raw.index(f"{REDONE}.docx".encode()):].split(b"\\n", 1)[0] + b"\\n"
    change = {
        "entry missing": lambda raw: raw.replace(line(raw) + b"\n", b"").replace(line(raw) + b",\n", b""),
        "entry twice": lambda raw: raw.replace(line(raw).rstrip(b","), line(raw).rstrip(b",") + b",\n"
                                               + line(raw).rstrip(b",")),
        "entry garbled": lambda raw: raw.replace(line(raw), line(raw).replace(b'",', b'" ,', 1)),
        "entry of another layout": lambda raw: raw.replace(line(raw), line(raw).replace(b":[", b": [", 1)),
        "listing line missing": lambda raw: raw.replace(listed(raw), b""),
        "listing line twice": lambda raw: raw.replace(listed(raw), listed(raw) * 2),
        "the format before": lambda raw: cache.json_bytes(dict(json.loads(raw), format=1)),
    }[damage]
    _rewrite_cache_bytes(options, change)
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    assert written(run_build(options)) >= {REDONE}
    assert way == ["whole"]
    assert_as_built_from_nothing(options, tmp_path)


def test_an_edit_replaces_the_lines_of_the_documents_redone_and_leaves_every_other_byte(site, way):
    data, options = site
    path = options.output_dir / CAMPAIGN / cache.CAMPAIGN_CACHE
    before = path.read_bytes()
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    assert written(run_build(options)) == {REDONE}
    assert way == ["pieces"]
    after = path.read_bytes()
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    # The first line (its pieces' digests), the document's entry, and the listing's line: nothing else.
    assert changed == [0, old.index(_line_of(before, REDONE)), len(old) - 2]
    assert new[changed[1]].startswith(f'"{REDONE}":['.encode())
    entry = json.loads(after)["documents"][REDONE]
    assert f"{REDONE}.docx\0{entry[2]}\0{entry[3]}\n" in json.loads(after)["files"]


def test_the_cache_text_replaces_entries_as_the_whole_cache_is_written():
    outputs = {f"d{i}": cache.Output("k" * 64, "s" * 64, 100 + i, 1_000 + i) for i in range(12)}
    outputs["d-"] = cache.Output("a" * 64, "b" * 64, 7, 8)  # "d-.docx" sorts before "d.docx" and "d0.docx"
    pieces = {"sha256": "x", "frame": "f", "pieces": [["p", "d1", None, [], ["d1"]]]}
    text = cache.CacheText(cache.campaign_cache_bytes("prog", "tpl", outputs, pieces))
    assert text.head() == {"format": cache.CAMPAIGN_FORMAT, "program": "prog", "template": "tpl", "pieces": pieces}
    assert text.outputs() == outputs
    new = {"d3": cache.Output("n" * 64, "m" * 64, 9_999_999, 42), "d-": cache.Output("c" * 64, "d" * 64, 1, 2)}
    spans = {doc_id: text.entry(doc_id) for doc_id in new}
    assert {doc_id: found[1] for doc_id, found in spans.items()} == {doc_id: outputs[doc_id] for doc_id in new}
    head = {"format": cache.CAMPAIGN_FORMAT, "program": "prog", "template": "tpl", "pieces": dict(pieces, sha256="y")}
    data, summary = text.replaced(head, {doc_id: (spans[doc_id], o) for doc_id, o in new.items()})
    whole = {**outputs, **new}
    assert data == cache.campaign_cache_bytes("prog", "tpl", whole, head["pieces"])
    assert summary == cache.outputs_summary(data, whole)
    assert cache.CacheText(cache.campaign_cache_bytes("prog", "tpl", {}, None)).head()["pieces"] is None


@pytest.mark.parametrize("planted", [b"", b"{}\n", b"\n\n", b'{"format":2,"documents":{\n}}\n', b"\xff\n\xff\n",
                                     b'{"a":[[[[' * 100_000 + b',"documents":{\n},"files":""}\n',
                                     b'{"documents":{},"documents":{\n"x":[1,2,3,4]\n},"files":"x"}\n'])
def test_a_planted_cache_text_is_no_cache_and_no_traceback(planted):
    text = cache.CacheText(planted)
    assert text.head() is None or "documents" not in text.head()
    assert text.entry("x") is None
    assert text.span("x") is None or text.output("x", text.span("x")) is None


def test_a_body_first_decoded_for_the_documents_redone_ends_the_edit_before_anything_is_written(site,
                                                                                               tmp_path, monkeypatch):
    # Found by review: a body first asked for while a redone document was being made (its header's
    # superior, say) would have raised after the stamp was removed and the first files written.
    from pipeline.build.keys import RegistryCacheError

    data, options = site
    stamped = []

    def unreadable(*args):
        stamped.append((options.output_dir / cache.STAMP).exists())
        raise RegistryCacheError("a line that does not read back")

    monkeypatch.setattr(edits, "template_args", unreadable)
    before = outputs(options.output_dir)
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    with monkeypatch.context() as patched:
        patched.setattr(build, "_numbered_trees", lambda *a, **k: pytest.fail("only the edit is looked at here"))
        with pytest.raises(pytest.fail.Exception):
            run_build(options)
    assert stamped == [True] and outputs(options.output_dir) == before  # nothing written, the stamp in place
    monkeypatch.undo()
    run_build(options)  # the long way, as the build takes it after such an edit
    assert_as_built_from_nothing(options, tmp_path)


def test_a_manifest_entry_is_replaced_in_its_text_exactly_as_the_whole_manifest_is_written():
    from pipeline.build.write import ManifestText

    entries = [{"id": "a", "recipients": [], "subject": "x\n    }"}, {"id": "b", "recipients": ["Như trên"], "n": None}]
    whole = lambda docs: (json.dumps({"campaign": "c", "documents": docs}, ensure_ascii=False, indent=2) + "\n").encode()
    text = ManifestText(whole(entries))
    new = {"id": "b", "recipients": ["Như trên", "Lưu: VT"], "n": 3}
    assert text.replaced([(text.span("b"), new)]) == whole([entries[0], new])
    assert text.span("c") is None
    # The same "id" deeper in another entry is not its head; two heads are none.
    nested = ManifestText(whole([{"id": "a", "cites": [{"id": "b", "n": 1}]}, entries[1]]))
    assert nested.data[slice(*nested.span("b"))].decode() == whole([entries[1]]).decode().split("[\n", 1)[1][:-7]
    assert ManifestText(whole([entries[1], entries[1]])).span("b") is None


def test_after_an_edit_a_register_moved_away_still_stops_the_build_before_anything_is_written(site, way):
    from pipeline.errors import RegisterError

    data, options = site
    options.register_path.rename(options.register_path.with_suffix(".moved"))
    data.edit(FILE, "Các công đoàn trực thuộc {{ co_quan }}.", "Mọi công đoàn trực thuộc {{ co_quan }}.")
    before = outputs(options.output_dir)
    with pytest.raises(RegisterError, match="không thấy sổ đăng ký"):
        run_build(options)
    assert outputs(options.output_dir) == before and not options.register_path.exists()


def test_a_build_with_nothing_edited_counts_no_working_day_and_imports_no_calendar(mini_copy, tmp_path):
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from pipeline.build.build import BuildOptions, run_build; "
            f"run_build(BuildOptions(Path({str(mini_copy.root)!r}), Path({str(tmp_path / 'o')!r}), "
            f"Path({str(tmp_path / 'r.sqlite3')!r}), jobs=1)); print('holidays' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"  # the mini data counts no working days: the calendar is not loaded
