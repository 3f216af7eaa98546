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
