"""Splink 5 on DuckDB, unsupervised dedupe of `caselink synth --persons` output (the peer side of
persons.sh).

Usage: python splink_persons.py PERSONS_CSV OUT_PAIRS_CSV [--count-pairs]

A model comparable to examples/persons/spec.json:
- preprocessing (pandas, counted in the wall time): names and city lower-cased with accents and
  punctuation removed (caselink folds text the same way internally); a soundex column for first
  name and surname (jellyfish), since DuckDB has no soundex and caselink blocks on it;
- comparisons: ForenameSurnameComparison (exact / swapped / JW both ≥ 0.92 / ≥ 0.88 / surname
  only / forename only, TF on the full name), NameComparison on the middle name,
  DateOfBirthComparison (exact / 1 character / within 1 month, 1 year, 10 years),
  ExactMatch on city with TF, LevenshteinAtThresholds(zip, 1), EmailComparison; state is left
  out on both sides (it is implied by zip and city);
- the same prediction blocking rules as caselink's spec, the same two EM training rules
  (dob; first name + surname), u from 1e6 random pairs (caselink's default), λ from a
  deterministic rule with recall 0.7;
- writes every pair with match_probability ≥ 0.5 as left_id,right_id,match_weight,match_probability.
--count-pairs prints the number of blocked pairs instead (run separately, not timed).
"""

import re
import sys
import time
import unicodedata

import jellyfish
import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI
from splink.blocking_analysis import count_comparisons_from_blocking_rules


def fold(s):
    if not isinstance(s, str):
        return None
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    s = " ".join(s.split())
    return s or None


def soundex(s):
    return jellyfish.soundex(s) if s else None


RULES = [
    block_on("surname", "substr(dob, 1, 4)"),
    block_on("dob", "substr(first_name, 1, 1)"),
    block_on("dob", "substr(surname, 1, 1)"),
    block_on("dob", "zip"),
    block_on("dob", "city"),
    block_on("first_name_sdx", "surname_sdx"),
    block_on("zip", "substr(first_name, 1, 1)"),
    block_on("email"),
]


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    df = df.replace("", None)
    for c in ("first_name", "middle_name", "surname", "city"):
        df[c] = df[c].map(fold)
    df["email"] = df["email"].str.lower()
    df["first_name_sdx"] = df["first_name"].map(soundex)
    df["surname_sdx"] = df["surname"].map(soundex)
    df["first_name_surname"] = (df["first_name"].fillna("") + " " + df["surname"].fillna("")).str.strip()
    df.loc[df["first_name"].isna() | df["surname"].isna(), "first_name_surname"] = None
    db_api = DuckDBAPI()
    if out == "--count-pairs":
        recs = count_comparisons_from_blocking_rules(
            db_api.register(df), blocking_rules=RULES, link_type="dedupe_only", record_sample_proportion=1.0
        )
        print(recs[-1]["cumulative_comparison_count"])
        return
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=RULES,
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname"
            ),
            cl.NameComparison("middle_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("zip", 1),
            cl.EmailComparison("email"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register(df), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pred = pred.rename(columns={"unique_id_l": "left_id", "unique_id_r": "right_id"})
    pred[["left_id", "right_id", "match_weight", "match_probability"]].to_csv(out, index=False)
    print(f"splink: {len(pred)} pairs at p>=0.5 in {time.perf_counter() - t0:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
