"""caselink.trace from pandas / polars frames against the `caselink trace` CLI, same data.

    python benches/compare/python_vs_cli.py [--cases 100000] [--seed 3] [--runs 3] [--cli target/release/caselink]

Generates the data with `caselink synth`, then times, per run:
- CLI: `caselink trace --referrals ... --out DIR` (reads the CSVs, traces, writes the five CSVs);
- Python: `caselink.trace(...)` from frames already in memory (pd.read_csv(dtype=str) /
  pl.read_csv(infer_schema=False)), i.e. the boundary (frames -> Rust) + the engine, and
  `result.write(DIR)` to match the CLI's output work.
CSV parsing is excluded on the Python side only (it is a few percent of the CLI's time); the
ratio therefore slightly flatters Python. Medians of `--runs` runs are printed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import caselink

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "caselink"))
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="caselink-bench-"))
    data = tmp / "data"
    subprocess.run(
        [args.cli, "synth", "--cases", str(args.cases), "--seed", str(args.seed), "--out", str(data)], check=True
    )
    files = {k: data / f"{k}.csv" for k in ("referrals", "dockets", "press_releases")}

    import pandas as pd
    import polars as pl

    frames = {
        "pandas": {k: pd.read_csv(p, dtype=str) for k, p in files.items()},
        "polars": {k: pl.read_csv(p, infer_schema=False) for k, p in files.items()},
    }
    times: dict[str, list[float]] = {"cli": [], "pandas": [], "polars": []}
    summaries = {}
    for run in range(args.runs):
        t = time.perf_counter()
        cmd = [args.cli, "trace", "--referrals", str(files["referrals"]), "--dockets", str(files["dockets"])]
        cmd += ["--press", str(files["press_releases"]), "--out", str(tmp / f"cli{run}")]
        subprocess.run(cmd, check=True, capture_output=True)
        times["cli"].append(time.perf_counter() - t)
        for flavour, f in frames.items():
            t = time.perf_counter()
            result = caselink.trace(f["referrals"], f["dockets"], f["press_releases"])
            result.write(tmp / f"{flavour}{run}")
            times[flavour].append(time.perf_counter() - t)
            summaries[flavour] = result.summary
    cli_med = statistics.median(times["cli"])
    print(f"{args.cases} cases (seed {args.seed}), median of {args.runs} runs")
    print(f"{'side':<8} {'median s':>9} {'ratio vs CLI':>13}   runs")
    for side, ts in times.items():
        med = statistics.median(ts)
        print(f"{side:<8} {med:>9.2f} {med / cli_med:>12.2f}x   {', '.join(f'{x:.2f}' for x in ts)}")
    cli_clusters = (tmp / "cli0" / "clusters.csv").read_bytes()
    same = all((tmp / f"{f}0" / "clusters.csv").read_bytes() == cli_clusters for f in frames)
    print(f"clusters.csv identical to the CLI's: {same}; summary {summaries['pandas']}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
