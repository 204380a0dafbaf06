"""caselink.spark throughput on local[2]: dockets <-> press releases of `--cases` synthetic cases.

Trains on the driver (Linker.train), then times `caselink.spark.link(...).count()` and reports
candidate pairs scored per second per core (the figure SPARK.md's cluster estimate starts from).
Usage: python benches/compare/spark_throughput.py --cases 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

import caselink
from caselink import spark as cspark
from caselink._caselink import Dataset, trace_spec


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--cores", type=int, default=2)
    args = ap.parse_args()
    import pandas as pd
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(2 * args.cores))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    world = caselink.synth.cases(args.cases, seed=3, flavour="dict")
    spec = trace_spec("docket", "press_release")
    assert spec is not None
    lk = caselink.Linker.from_json(spec)
    lds = Dataset(world["dockets"], name="dockets", id_column="docket_id")
    rds = Dataset(world["press_releases"], name="press_releases", id_column="release_id")
    lk._core.train(lds, rds)
    t0 = time.perf_counter()
    p = lk._core.predict(lds, rds, 0.5)
    single = time.perf_counter() - t0
    left = spark.createDataFrame(pd.DataFrame(world["dockets"])).cache()
    right = spark.createDataFrame(pd.DataFrame(world["press_releases"])).cache()
    left.count(), right.count()
    t0 = time.perf_counter()
    n = cspark.link(lk, left, right, 0.5, right_id="release_id").count()
    wall = time.perf_counter() - t0
    pairs = p["pairs_compared"]
    print(f"cases={args.cases} dockets={len(lds)} releases={len(rds)} candidate_pairs={pairs} kept={n}")
    print(f"single-machine predict: {single:.2f}s; spark link on local[{args.cores}]: {wall:.2f}s")
    print(f"spark end-to-end: {pairs / wall / args.cores:,.0f} candidate pairs/s per core")
    spark.stop()


if __name__ == "__main__":
    main()
