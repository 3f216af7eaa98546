"""``vanban`` exactly as a clerk runs it, writing the build's stage timings where the benchmark asks.

``python -m bench.cli ARGS`` is ``vanban ARGS``; when ``$VANBAN_BENCH_TIMINGS`` names a file,
the seconds of each stage of the build (``BuildReport.seconds``) are written there as JSON.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline import cli
from pipeline.build import build


def main() -> None:
    run_build = build.run_build

    def timed(options, progress=None):
        report = run_build(options, progress)
        if os.environ.get("VANBAN_BENCH_TIMINGS"):
            Path(os.environ["VANBAN_BENCH_TIMINGS"]).write_text(json.dumps(report.seconds), encoding="utf-8")
        return report

    build.run_build = timed  # cli.build imports it when it runs
    cli.run()  # as the vanban command ends


if __name__ == "__main__":
    main()
