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

import pandas as pd
import splink.comparison_library as cl
from spark_common import session
from splink import Linker, SettingsCreator, block_on
from splink.backends.spark import SparkAPI, similarity_jar_location
from splink_dockets_press import prepare


def main() -> None:
    data_dir, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    spark = session("splink-dockets-press", jars=similarity_jar_location())
    spark.sparkContext.setCheckpointDir(os.path.join(os.path.dirname(os.path.abspath(out)), "splink_ckpt"))
    d = pd.read_csv(f"{data_dir}/dockets.csv", dtype=str, keep_default_na=False).replace("", None)
    p = pd.read_csv(f"{data_dir}/press_releases.csv", dtype=str, keep_default_na=False).replace("", None)
    left = prepare(d, "docket_id", "defendant_name", "filed_date", d["court_id"].str[:2].str.upper())
    right = prepare(p, "release_id", "defendant_name", "date", p["state"].str.upper())
    db_api = SparkAPI(spark_session=spark)
    rules = [
        block_on("surname", "state"),
        block_on("case_ref"),
        block_on("surname_sdx", "given_initial", "state"),
        block_on("surname", "given_initial"),
    ]
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.NameComparison("given"),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.ExactMatch("state"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date", input_is_string=False, metrics=["day", "day", "day"], thresholds=[30, 365, 1800]
            ),
            cl.ExactMatch("case_ref"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    tables = [db_api.register(spark.createDataFrame(left)), db_api.register(spark.createDataFrame(right))]
    linker = Linker(tables, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match([block_on("surname", "given", "state")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "state"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("case_ref"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pred = pred.rename(columns={"unique_id_l": "left_id", "unique_id_r": "right_id"})
    pred[["left_id", "right_id", "match_weight", "match_probability"]].to_csv(out, index=False)
    print(f"splink (spark): {len(pred)} pairs at p>=0.5 in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
