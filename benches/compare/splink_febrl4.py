"""Splink 5 on DuckDB, unsupervised, on FEBRL4 (the peer side of febrl4.sh).

Usage: python splink_febrl4.py DATA_DIR OUT_PAIRS_CSV
       python splink_febrl4.py DATA_DIR --count-pairs   (print the blocked pair count and exit;
       run separately so that the count does not add to the timed run)
DATA_DIR holds a.csv and b.csv written by febrl_data.py. Trains u by random sampling and m by EM
(two passes, blocked on given name and on surname), as in Splink's own FEBRL4 example, then writes
every pair with match_probability >= 0.5 as left_id,right_id,match_weight,match_probability.
"""

import sys
import time

import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI
from splink.blocking_analysis import count_comparisons_from_blocking_rules


def main() -> None:
    data_dir, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    a = pd.read_csv(f"{data_dir}/a.csv", dtype=str).fillna("")
    b = pd.read_csv(f"{data_dir}/b.csv", dtype=str).fillna("")
    for df in (a, b):
        df.replace("", None, inplace=True)
    db_api = DuckDBAPI()
    rules = [
        block_on("given_name"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    if out == "--count-pairs":
        recs = count_comparisons_from_blocking_rules(
            [db_api.register(a), db_api.register(b)],
            blocking_rules=rules,
            link_type="link_only",
            unique_id_column_name="rec_id",
            record_sample_proportion=1.0,
        )
        print(recs[-1]["cumulative_comparison_count"])
        return
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.PostcodeComparison("postcode"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.ExactMatch("suburb").configure(term_frequency_adjustments=True),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([db_api.register(a), db_api.register(b)], settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match([block_on("date_of_birth", "soc_sec_id")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pred = pred.rename(columns={"rec_id_l": "left_id", "rec_id_r": "right_id"})
    pred[["left_id", "right_id", "match_weight", "match_probability"]].to_csv(out, index=False)
    print(f"splink: {len(pred)} pairs at p>=0.5 in {time.perf_counter() - t0:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
