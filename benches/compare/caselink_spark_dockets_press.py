"""caselink.spark linking dockets.csv to press_releases.csv on local[2] (the caselink side of
spark_dockets_press.sh): `caselink.spark.trace` with dockets and releases only, which trains the
docket ↔ release model in Spark (EM on the driver over pattern counts), scores the candidates in
the executors and lets each release's candidate dockets compete — the Spark twin of
`caselink trace --dockets --press` in dockets_press.sh. Writes the accepted docket-release links.

Usage: python caselink_spark_dockets_press.py DATA_DIR OUT_PAIRS_CSV
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from spark_common import session

from caselink import spark as cspark


def main() -> None:
    data_dir, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    spark = session("caselink-dockets-press")
    spark.sparkContext.setCheckpointDir(os.path.join(os.path.dirname(os.path.abspath(out)), "caselink_ckpt"))
    read = lambda name: spark.read.csv(f"{data_dir}/{name}.csv", header=True)  # noqa: E731
    t = cspark.trace(None, read("dockets"), read("press_releases"))
    p = t.pairs.where("left_source = 'docket' and right_source = 'press_release'").toPandas()
    p[["left_id", "right_id", "match_weight", "match_probability"]].to_csv(out, index=False)
    print(f"caselink.spark: {len(p)} links in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
