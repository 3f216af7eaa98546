"""Incremental builds: only what changed is rendered again, and the result is the same as a full build.

Each test builds a copy of tests/data/mini, changes one thing, builds again and checks which
files were rewritten (by their modification times) and what the build reports.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.build import build, work, workers
from pipeline.build.build import BuildOptions, run_build
from pipeline.cascade.check import check_sources
from pipeline.cascade.resolve import resolve_campaigns
from pipeline.cascade.issue import issue_document
from pipeline.docx.render import (
    BODY_PART,
    CORE_PART,
    TEMPLATE,
    Renderer,
    _strip_body_ns,
    _zip,
    template_context,
)
from pipeline.errors import PipelineError
from pipeline.sources.validate import validate_sources

CAMPAIGN = "mau"


@pytest.fixture
def site(mini_copy, tmp_path):
    """A copy of the mini data with an output folder and a register, built once."""
    options = BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1)
    first = run_build(options)
    assert first.count == len(every_document(options)) > 5
    return mini_copy, options


def every_document(options: BuildOptions) -> set[str]:
    return {p.stem for p in (options.output_dir / CAMPAIGN).glob("*.docx")}


def times(options: BuildOptions) -> dict[str, int]:
    """Return file name → modification time (ns) of everything in the campaign's output folder."""
    return {p.name: p.stat().st_mtime_ns for p in (options.output_dir / CAMPAIGN).iterdir() if p.is_file()}


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name.removesuffix(".docx") for name, t in after.items() if name.endswith(".docx") and before.get(name) != t}


def test_second_build_rewrites_nothing_and_renders_nothing(site):
    _data, options = site
    before = times(options)
    report = run_build(options)
    assert report.count == 0
    assert report.unchanged == len(every_document(options))
    assert report.sources_unchanged
    assert times(options) == before  # manifest and cache included


def test_editing_one_leafs_text_renders_exactly_that_document(site):
    data, options = site
    before = times(options)
    data.edit("chien-dich/mau.yaml", "thông báo kết quả đăng ký công trình như Phụ lục kèm theo.",
              "thông báo kết quả đăng ký công trình, phần việc như Phụ lục kèm theo.")
    report = run_build(options)
    assert {w.document.id for w in report.written} == {"tb-huyen-van-yen"}
    assert report.unchanged == len(every_document(options)) - 1
    assert rewritten(before, times(options)) == {"tb-huyen-van-yen"}


def test_an_edit_that_moves_other_documents_down_the_file_renders_only_the_edited_one(site):
    data, options = site
    before = times(options)
    # One more paragraph in a leaf: every document written below it now stands on other lines.
    data.edit("chien-dich/mau.yaml", "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n",
              "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n"
              "    mo_dau:\n      - Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh.\n")
    report = run_build(options)
    assert {w.document.id for w in report.written} == {"tb-huyen-van-yen"}
    assert rewritten(before, times(options)) == {"tb-huyen-van-yen"}


def test_a_parents_new_recipients_render_the_parent_only(site):
    # A child's DOCX prints of its parent only the citation (keys.CITED_FIELDS): the parents'
    # own Nơi nhận (not inherited) renders the parents again, not the documents under them.
    data, options = site
    before = times(options)
    data.edit("chien-dich/mau.yaml", "    trien_khai: {cap: huyen}\n",
              "    trien_khai: {cap: huyen}\n    noi_nhan: [Phòng Nội vụ]\n")  # not inherited
    report = run_build(options)
    plans = {"kh-huyen--ubnd-huyen-tram-tau", "kh-huyen--ubnd-huyen-van-yen"}
    assert {w.document.id for w in report.written} == plans
    assert rewritten(before, times(options)) == plans


def test_a_new_subject_renders_the_document_and_the_children_that_cite_it(site):
    data, options = site
    before = times(options)
    data.edit("chien-dich/mau.yaml", "    trien_khai: {cap: huyen}\n",
              "    trien_khai: {cap: huyen}\n    trich_yeu: Triển khai phong trào thi đua đặc biệt trên địa bàn huyện\n")
    report = run_build(options)
    expected = {"kh-huyen--ubnd-huyen-tram-tau", "kh-huyen--ubnd-huyen-van-yen", "qd-khen-thuong", "tb-huyen-van-yen"}
    assert {w.document.id for w in report.written} == expected
    assert rewritten(before, times(options)) == expected


def test_removing_a_document_drops_its_file_and_manifest_entry(site):
    data, options = site
    text = (data.root / "chien-dich/mau.yaml").read_text(encoding="utf-8")
    start = text.index("  - ma: tb-huyen-van-yen")
    data.write("chien-dich/mau.yaml", text[:start])
    before = times(options)
    report = run_build(options)
    assert report.count == 0
    folder = options.output_dir / CAMPAIGN
    assert not (folder / "tb-huyen-van-yen.docx").exists()
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    assert '"tb-huyen-van-yen"' not in manifest
    assert rewritten(before, times(options)) == set()
    assert run_build(options).sources_unchanged


def test_a_changed_template_renders_every_document(site, tmp_path):
    _data, options = site
    template = tmp_path / "mau-khac.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(template, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():  # the same parts stored, not deflated: other bytes, same content
            dst.writestr(info.filename, src.read(info.filename))
    report = run_build(BuildOptions(options.data_dir, options.output_dir, options.register_path, template, jobs=1))
    assert {w.document.id for w in report.written} == every_document(options)


def test_an_output_file_changed_by_hand_is_written_again(site):
    _data, options = site
    path = options.output_dir / CAMPAIGN / "cv-ldld.docx"
    good = path.read_bytes()
    path.write_bytes(b"not a docx")
    report = run_build(options)
    assert {w.document.id for w in report.written} == {"cv-ldld"}
    assert path.read_bytes() == good


def test_an_output_file_removed_or_touched_by_hand_is_written_again(site):
    _data, options = site
    folder = options.output_dir / CAMPAIGN
    good = (folder / "cv-ldld.docx").read_bytes()
    (folder / "cv-ldld.docx").unlink()
    touched = folder / "tb-huyen-van-yen.docx"
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # same bytes, another time
    report = run_build(options)
    assert {w.document.id for w in report.written} == {"cv-ldld", "tb-huyen-van-yen"}
    assert (folder / "cv-ldld.docx").read_bytes() == good
    assert run_build(options).sources_unchanged


def test_a_docx_added_by_hand_is_seen_and_left_alone(site):
    _data, options = site
    folder = options.output_dir / CAMPAIGN
    shutil.copy(folder / "cv-ldld.docx", folder / "ban-sao.docx")
    for _ in range(2):  # said on every build, never taken for one of the build's
        report = run_build(options)
        assert not report.sources_unchanged and report.count == 0
        assert [f for f in report.foreign if "ban-sao.docx" in f]
    assert (folder / "ban-sao.docx").read_bytes() == (folder / "cv-ldld.docx").read_bytes()


def test_a_build_with_nothing_changed_parses_no_campaign_cache(site, monkeypatch):
    _data, options = site

    def parsed(*args):
        raise AssertionError("a campaign's cache was parsed")

    monkeypatch.setattr(build.cache, "read_campaign_cache", parsed)
    report = run_build(options)
    assert report.sources_unchanged and report.unchanged == len(every_document(options))


def test_a_campaign_cache_changed_by_hand_is_not_trusted(site):
    _data, options = site
    cache_file = options.output_dir / CAMPAIGN / ".vanban-cache.json"
    cache_file.write_text("{}", encoding="utf-8")  # no record of any document: each is made again
    report = run_build(options)
    assert {w.document.id for w in report.written} == every_document(options)


def test_a_stamp_of_an_older_build_without_output_summaries_is_read(site):
    _data, options = site
    stamp = options.output_dir / ".vanban-stamp.json"
    data = json.loads(stamp.read_text(encoding="utf-8"))
    del data["outputs"]
    stamp.write_text(json.dumps(data), encoding="utf-8")
    before = times(options)
    report = run_build(options)
    assert not report.sources_unchanged and report.count == 0
    assert rewritten(before, times(options)) == set()
    assert run_build(options).sources_unchanged


def test_a_build_with_nothing_changed_imports_nothing_that_reads_sources(site):
    _data, options = site
    script = ("import sys\n"
              "from pathlib import Path\n"
              "from pipeline.build.build import BuildOptions, run_build\n"
              f"report = run_build(BuildOptions(Path({str(options.data_dir)!r}), Path({str(options.output_dir)!r}), "
              f"Path({str(options.register_path)!r}), jobs=1))\n"
              "assert report.sources_unchanged, report\n"
              "print(sorted(m for m in sys.modules if m.startswith(('pipeline.sources.validate', 'pipeline.cascade', "
              "'pipeline.docx', 'pipeline.lint', 'holidays', 'jinja2', 'yaml'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path.cwd())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_issuing_a_number_renders_the_document_and_its_children(site):
    data, options = site
    before = times(options)
    import datetime as dt

    issue_document(data.root, options.register_path, "kh-huyen--ubnd-huyen-tram-tau", dt.date(2024, 10, 12))
    report = run_build(options)
    assert {w.document.id for w in report.written} == {"kh-huyen--ubnd-huyen-tram-tau", "qd-khen-thuong"}
    assert rewritten(before, times(options)) == {"kh-huyen--ubnd-huyen-tram-tau", "qd-khen-thuong"}


def test_lint_findings_fail_the_build_and_are_checked_again_next_time(site, monkeypatch):
    data, options = site
    data.edit("chien-dich/mau.yaml", "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n",
              "    trich_yeu: Kết quả đăng ký các công trình chào mừng Đại hội\n")
    real = work.DocumentMaker.lint_parts
    monkeypatch.setattr(work.DocumentMaker, "lint_parts",
                        lambda self, parts, shown: [f"{shown}: ND30-TEST: thử: tại \"x\": cần \"a\", thấy \"b\""])
    with pytest.raises(PipelineError, match="1 lỗi thể thức trong 1 tệp"):
        run_build(options)
    monkeypatch.setattr(work.DocumentMaker, "lint_parts", real)
    report = run_build(options)  # the document with findings was not recorded as done
    assert {w.document.id for w in report.written} == {"tb-huyen-van-yen"}


def test_parallel_and_serial_builds_give_the_same_bytes(mini_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "CHUNK", 1)  # seven documents, seven tasks: the workers do run
    serial = run_build(BuildOptions(mini_copy.root, tmp_path / "serial", tmp_path / "a.sqlite3", jobs=1))
    parallel = run_build(BuildOptions(mini_copy.root, tmp_path / "parallel", tmp_path / "b.sqlite3", jobs=2))
    one, two = tmp_path / "serial" / CAMPAIGN, tmp_path / "parallel" / CAMPAIGN
    names = sorted(p.name for p in one.iterdir() if p.suffix == ".docx" or p.name == "manifest.json")
    assert serial.count == parallel.count == len(names) - 1
    assert names == sorted(p.name for p in two.iterdir() if p.suffix == ".docx" or p.name == "manifest.json")
    for name in names:  # (the build's own cache records file times, which differ)
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_keys_made_by_the_workers_are_the_build_processes(mini_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "CHUNK", 1)
    options = BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=2)
    assert run_build(options).count > 5  # every key computed by a worker, from what it was sent
    mini_copy.edit("chien-dich/mau.yaml", "    trich_yeu: Kết quả đăng ký công trình chào mừng Đại hội\n",
                   "    trich_yeu: Kết quả đăng ký các công trình chào mừng Đại hội\n")
    report = run_build(BuildOptions(options.data_dir, options.output_dir, options.register_path, jobs=1))
    assert {w.document.id for w in report.written} == {"tb-huyen-van-yen"}


def test_the_workers_are_forked_before_the_documents_are_resolved_and_end_with_their_work(mini_copy, tmp_path, monkeypatch):
    import multiprocessing

    from pipeline.build import resolving as resolve

    seen = []
    real = resolve.resolve_campaign

    def resolving(*args):
        seen.append(len(multiprocessing.active_children()))
        return real(*args)

    def recording(*args):
        seen.append(len(multiprocessing.active_children()))
        return real_record(*args)

    real_record = build.record_issued_files
    monkeypatch.setattr(resolve, "resolve_campaign", resolving)
    monkeypatch.setattr(build, "record_issued_files", recording)
    monkeypatch.setattr(workers, "CHUNK", 1)
    run_build(BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=2))
    # forked before resolving (each campaign resolved here; the helper's own are not seen), ended
    # before the register records the files
    assert seen[-1] == 0 and seen[:-1] and set(seen[:-1]) == {2}
    assert multiprocessing.active_children() == []  # and gone with the build


def _prepared(site) -> tuple:
    """The sources of ``site``, and what a worker is sent for each document of its first campaign."""
    _data, options = site
    sources, _problems = validate_sources(options.data_dir)
    trees, _problems = resolve_campaigns(sources.campaigns, sources.registry)
    job = work.Work(sources.registry, trees, options.output_dir, TEMPLATE, "t", "p", lint=True)
    job.plan()
    return sources, [job.prepare(0, di) for di in range(len(trees[0].documents))]


def test_a_worker_is_sent_each_document_as_it_is(site):
    import pickle

    from pipeline.build.keys import Keyer

    _sources, items = _prepared(site)
    sent = pickle.loads(workers.dumps(items))
    assert [item[2] for item in sent] == [item[2] for item in items]  # read-only mappings included
    assert [Keyer("t", "p").key(item[2]) for item in sent] == [Keyer("t", "p").key(item[2]) for item in items]
    assert [item[5] for item in sent] == [item[5] for item in items]


def test_the_registrys_bodies_are_sent_by_id_to_a_process_that_holds_them(site):
    from dataclasses import replace

    from pipeline.model import Body

    sources, items = _prepared(site)
    bodies = sources.registry.bodies
    by_id = workers.dumps(items, bodies)
    assert len(by_id) < len(workers.dumps(items))
    sent = workers.loads(by_id, bodies)
    assert [item[2] for item in sent] == [item[2] for item in items]
    assert all(item[2][0].issuer is bodies[item[2][0].issuer.id] for item in sent)  # the very objects
    # A body that is not the registry's own (a copy) goes whole, and comes back equal, not the registry's.
    stranger = replace(items[0][2][0].issuer)
    back = workers.loads(workers.dumps([stranger], bodies), bodies)[0]
    assert type(back) is Body and back == stranger and back is not bodies[stranger.id]
    # Read where the registry is not held, a body sent by id is an error, never another body.
    with pytest.raises(KeyError):
        workers.loads(by_id, {})


def test_making_documents_leaves_nothing_for_the_garbage_collector(tmp_path):
    # The build's workers run without the collector (pipeline.build.workers): what making, writing and
    # linting a document drops must go by reference counting alone, or a worker would hold it to the end.
    import collections
    import gc

    from conftest import ROOT

    sources, _problems = validate_sources(ROOT / "data")
    trees, _problems = resolve_campaigns(sources.campaigns, sources.registry)
    job = work.Work(sources.registry, trees, tmp_path / "out", TEMPLATE, "t", "p", lint=True)
    job.plan()
    for tree in trees:
        (tmp_path / "out" / tree.campaign.id).mkdir(parents=True, exist_ok=True)
    items = [job.prepare(ci, di) for ci, tree in enumerate(trees) for di in range(len(tree.documents))]
    maker = work.DocumentMaker(TEMPLATE, "t", "p", lint=True)
    maker.make_all(items[:1])  # the template compiled, the lint session made
    collecting = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        made = maker.make_all(items)
        maker.keyer.forget()
        found = gc.collect()
        garbage = collections.Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if collecting:
            gc.enable()
    assert len(made) == len(items) > 20
    assert found == 0, garbage


def test_render_zips_exactly_as_zipfile_does(mini_copy, tmp_path):
    # render.Renderer deflates the template's fixed parts once and lays the archive out itself.
    sources, trees = check_sources(mini_copy.root, tmp_path / "none.sqlite3")
    renderer = Renderer()
    for tree in trees:
        documents = tree.by_id()
        for i, doc in enumerate(tree.documents):
            context = template_context(*work.template_args(doc, documents, sources.registry))
            date_time = (2024, 11, 7 + i % 2, 0, 0, 0)  # the fixed parts' entries are kept per day
            body = _strip_body_ns(renderer._body.render(context))
            parts = {**renderer._parts, BODY_PART: (renderer._head + body + renderer._tail).encode("utf-8"),
                     CORE_PART: renderer._core.render(context).encode("utf-8")}
            made = renderer.render(context, date_time)
            assert made == _zip(parts, date_time), doc.id
            assert zipfile.ZipFile(io.BytesIO(made)).testzip() is None


def test_the_build_leaves_its_records_out_of_sight(site):
    _data, options = site
    assert (options.output_dir / ".vanban-stamp.json").exists()
    assert (options.output_dir / CAMPAIGN / ".vanban-cache.json").exists()
    shutil.rmtree(options.output_dir)  # no record, no output: everything is made again
    assert run_build(options).count > 5


def test_the_build_knows_the_default_template_without_importing_the_renderer():
    assert build.DEFAULT_TEMPLATE == TEMPLATE


def test_the_benchmark_country_is_valid_and_read_alike_by_one_or_several_processes(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))  # bench/ is not installed
    from bench.generate import generate
    from pipeline.cascade.resolve import resolve_campaigns
    from pipeline.sources import validate

    generated = generate(tmp_path, provinces=9, communes=400)  # 9 + 1 registry files, 3 campaigns
    parallel, problems = validate.validate_sources(generated.data_dir)
    assert problems == []
    monkeypatch.setattr(validate, "PARALLEL_FILES", 10**6)
    serial, _ = validate.validate_sources(generated.data_dir)
    assert (parallel.registry, parallel.campaigns, parallel.files) == (serial.registry, serial.campaigns, serial.files)
    trees, problems = resolve_campaigns(parallel.campaigns, parallel.registry)
    assert problems == []
    assert sum(len(t.documents) for t in trees) == generated.documents
    assert {d.type for t in trees for d in t.documents} == {
        "ke_hoach", "cong_van", "quyet_dinh", "thong_bao", "bao_cao", "huong_dan", "chuong_trinh", "giay_moi"}
    assert {d.system for t in trees for d in t.documents} == {"state", "party", "union"}
    assert generated.edit_file.read_text(encoding="utf-8").count(generated.edit_mark) == 1


def test_lint_findings_name_the_file_where_the_clerk_finds_it(mini_copy, tmp_path, monkeypatch):
    # The linter reads each new document before its file is moved into place; its findings name
    # where the file will be.
    import pipeline.lint.session
    from pipeline.lint.linter import Violation

    def one_finding(_session, shown, _read):
        if Path(shown).name != "tb-huyen-van-yen.docx":
            return []
        return [Violation(shown, "ND30-TEST", "thử", "x", "a", "b")]

    monkeypatch.setattr(pipeline.lint.session.Session, "lint", one_finding)
    options = BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1)
    with pytest.raises(PipelineError) as refused:
        run_build(options)
    message = refused.value.format_message()
    assert message.startswith(f"{tmp_path / 'out' / CAMPAIGN / 'tb-huyen-van-yen.docx'}: ND30-TEST: thử:")
    assert ".vanban-moi" not in message
