"""Splink 5 on Spark (SparkAPI, local[2]) linking dockets.csv to press_releases.csv: the same
preprocessing, model, training and threshold as splink_dockets_press.py (DuckDB), imported from
it; only the backend differs. The preprocessing runs in pandas on the driver (counted in the wall
time), the prepared tables go to Spark, and Splink's similarity UDF jar is on the session.

Usage: python splink_spark_dockets_press.py DATA_DIR OUT_PAIRS_CSV
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from spark_common import session
from splink import Linker
from splink.backends.spark import SparkAPI, similarity_jar_location
from splink_dockets_press import load, settings, train_and_predict


def main() -> None:
    data_dir, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    spark = session("splink-dockets-press", jars=similarity_jar_location())
    spark.sparkContext.setCheckpointDir(os.path.join(os.path.dirname(os.path.abspath(out)), "splink_ckpt"))
    left, right = load(data_dir)
    db_api = SparkAPI(spark_session=spark)
    tables = [db_api.register(spark.createDataFrame(left)), db_api.register(spark.createDataFrame(right))]
    n = train_and_predict(Linker(tables, settings(), log_level=None), out)
    print(f"splink (spark): {n} pairs at p>=0.5 in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
