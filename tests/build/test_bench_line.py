"""The bench's last line: the keys earlier runs printed, then the ones issue 17 added, in order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # bench/ is not installed
from bench.run import summary_line  # noqa: E402

ISSUE_17_LINE = ("bench: docs=10680 build_s=25.01 docs_per_s=427 naive_ratio=26.4 peak_rss_mb=604 noop_s=0.35 "
                 "edit_s=1.42 pdf_docs_per_s=44.8 docs100k=99818 docs100k_per_s=400 peak_mb_100k=1400 "
                 "edit100k_s=0.90 cpu_s=300.0 load=0.12")


def test_the_bench_line_has_every_key_in_order():
    values = dict(pair.split("=") for pair in ISSUE_17_LINE.removeprefix("bench: ").split())
    assert summary_line(values) == ISSUE_17_LINE


def test_a_bench_line_without_a_key_is_refused():
    values = dict(pair.split("=") for pair in ISSUE_17_LINE.removeprefix("bench: ").split())
    del values["load"]
    with pytest.raises(ValueError, match="load"):
        summary_line(values)


def test_each_full_build_starts_from_nothing_in_a_folder_kept_from_an_earlier_bench(tmp_path, monkeypatch):
    # ``--keep`` given again: last time's outputs and registers are there. A build into them would
    # be a no-op, not a build from nothing, and the bench would print its speed as the build's.
    import json

    import bench.run as bench_run

    for i in (1, 2, 3):
        (tmp_path / f"out-{i}" / "chien-dich").mkdir(parents=True)
        (tmp_path / f"out-{i}" / "chien-dich" / "manifest.json").write_text("{}")
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"so-dang-ky-{i}.sqlite3{suffix}").write_bytes(b"old")
    seen = []

    def build(args, cwd, env=None, sample_memory=False):
        output, register = Path(args[args.index("--output") + 1]), Path(args[args.index("--register") + 1])
        seen.append((output.name, output.exists(), sorted(p.name for p in tmp_path.glob(register.name + "*"))))
        output.mkdir(exist_ok=True)  # the build's own output stays until the bench ends
        register.write_bytes(b"new")
        Path(env[bench_run.TIMINGS_ENV]).write_text(json.dumps({"render": 1.0}))
        return bench_run.Run(3.0 - len(seen), 10.0 * sample_memory, 20.0 * sample_memory, 0, 0, "")

    monkeypatch.setattr(bench_run, "run_command", build)
    monkeypatch.setattr(bench_run, "processor_ms", lambda: 28.0)
    best, runs, output, register = bench_run.full_build(tmp_path, tmp_path / "data", 2)
    assert seen == [("out-1", False, []), ("out-2", False, []), ("out-3", False, [])]
    assert (output, register) == (tmp_path / "out-2", tmp_path / "so-dang-ky-2.sqlite3") and best is runs[1]
    assert (tmp_path / "out-1").is_dir()  # nothing deleted between runs


def test_the_timed_builds_run_without_the_memory_probe_and_one_more_build_gives_the_memory(tmp_path, monkeypatch):
    # reading a process's memory ten times a second walks its page tables on the same cores
    import json

    import bench.run as bench_run

    sampled, order = [], []

    def build(args, cwd, env=None, sample_memory=False):
        sampled.append(sample_memory)
        order.append("build")
        Path(env[bench_run.TIMINGS_ENV]).write_text(json.dumps({"render": 1.0}))
        return bench_run.Run(5.0 + 2 * sample_memory - len(sampled) / 10, 600.0 * sample_memory,
                             400.0 * sample_memory, 0, 0, "")

    speeds = iter([28.0, 31.0, 57.0, 29.0])  # the host's speed, taken before each build

    def probe():
        order.append("probe")
        return next(speeds)

    monkeypatch.setattr(bench_run, "run_command", build)
    monkeypatch.setattr(bench_run, "processor_ms", probe)
    best, runs, _output, _register = bench_run.full_build(tmp_path, tmp_path / "data", 3)
    assert sampled == [False, False, False, True]
    assert order == ["probe", "build"] * 4  # each build right after its probe, outside its time
    assert [r.seconds for r in runs] == [4.9, 4.8, 4.7] and best is runs[2]
    assert (best.peak_rss_mb, best.peak_pss_mb, best.memory_run_s) == (600.0, 400.0, 6.6)
    assert [r.processor_ms for r in runs] == [28.0, 31.0, 57.0]  # printed beside each build


def test_the_processor_probe_keeps_the_median_round(monkeypatch):
    # A round is ~28 ms when the host gives its full speed and ~50 when it shares it: the median says
    # which the host mostly was (the best round would hide a host shared two rounds in three).
    import bench.run as bench_run

    clock = iter([0, 28, 100, 150, 200, 250])  # rounds of 28, 50 and 50 ms by this clock
    monkeypatch.setattr(bench_run.time, "process_time", lambda: next(clock) / 1000)
    assert bench_run.processor_ms(rounds=3) == pytest.approx(50.0)
