"""``vanban build`` ends without tearing the interpreter down; ``main()`` called in a process of its own returns."""

import contextlib
import io
import json
import subprocess
import os
import sys

from conftest import vanban_in

from pipeline import cli


def test_the_command_says_everything_and_leaves_its_work_whole(mini_copy, tmp_path):
    done = vanban_in(tmp_path, "build")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    manifests = sorted((tmp_path / "out").glob("*/manifest.json"))
    assert manifests and lines[:len(manifests)] == [f"Đã ghi {p.relative_to(tmp_path)}" for p in manifests]
    assert lines[-1].startswith("Đã tạo ") and "văn bản" in lines[-1]
    assert json.loads(manifests[0].read_text(encoding="utf-8"))["documents"]
    again = vanban_in(tmp_path, "build")  # the stamp was written before the end: nothing to redo
    assert again.returncode == 0 and again.stdout.splitlines()[-1].endswith("văn bản không đổi từ lần tạo trước.")
    assert vanban_in(tmp_path, "verify").returncode == 0


def test_main_in_this_process_returns_after_a_build(mini_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["vanban", "--data", "data", "--output", "out", "--register", "so.sqlite3",
                                      "build", "-j", "1"])
    for name in [k for k in os.environ if k.startswith("VANBAN_")]:
        monkeypatch.delenv(name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = cli.main()
    # what `run` ends the process on, holding the report until then; this process is still here
    assert isinstance(result, cli.LeaveAtOnce) and result.kept.trees
    assert out.getvalue().splitlines()[-1].startswith("Đã tạo ")


def test_a_build_with_its_output_closed_ends_cleanly(mini_copy, tmp_path):
    # Found by review: with stdout closed (cron, a daemon), sys.stdout is None; the end at once flushed it anyway.
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    done = subprocess.run([sys.executable, "-m", "pipeline", "--data", "data", "--output", "out", "--register",
                           "so.sqlite3", "build", "-j", "1"], cwd=tmp_path, env=env, preexec_fn=lambda: os.close(1),
                          stderr=subprocess.PIPE, text=True, timeout=300)
    assert (done.returncode, done.stderr) == (0, "")
    assert sorted((tmp_path / "out").glob("*/manifest.json"))


def test_a_build_leaves_the_collector_on_with_nothing_young_to_go_through(mini_copy, tmp_path):
    # The build runs with the collector off; turned back on with all the build made as its young
    # generation, its first collection went through all of it (0.2 s after a 10k build, before the
    # command could end). What the build made is in the oldest generation instead.
    import gc

    from pipeline.build.build import BuildOptions, run_build

    assert gc.isenabled()
    report = run_build(BuildOptions(mini_copy.root, tmp_path / "out", tmp_path / "so.sqlite3", jobs=1))
    assert report.written and gc.isenabled()
    assert gc.get_count()[0] < 1_000
