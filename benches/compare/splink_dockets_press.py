"""Splink 5 on DuckDB linking dockets.csv to press_releases.csv from `caselink synth --cases N`
(the peer side of dockets_press.sh).

Usage: python splink_dockets_press.py DATA_DIR OUT_PAIRS_CSV
       python splink_dockets_press.py --score PAIRS_CSV TRUTH_CSV   (P/R/F1 over docket-release pairs)
       SPLINK_MODEL=lite python splink_dockets_press.py …              (the session-2 model, below)

Splink has no name parser, district normaliser or docket-number parser, so this script gives it
a fair, simple preprocessing in pandas (counted in its wall time):
- names: docket style "SURNAME, GIVEN MIDDLE" is split at the comma; prose style "Given M. Surname
  Jr." takes the first token as given name and the last non-suffix token as surname; both folded
  (lower case, accents and punctuation removed); soundex of the surname (jellyfish);
- middle name: the first token between given name and surname (docket: after the given name),
  and its initial;
- place: the release's district, in any of its listed spellings, is looked up in the districts
  table caselink embeds (`core/data/districts.csv`) and becomes a court id, as is the docket's
  `court_id` (upper case, USAO abbreviation or full name); the state is the court id's first two
  letters, else the release's `state` column;
- case number: the year and sequence number are pulled out of both spellings
  (`3:12-cr-00036-AMD`, `3:CR-12-36`, en dashes) into `12-36`;
- dates: the docket's filing date and the release date go into one `date` column.
Model (the default, `SPLINK_MODEL=comparable`: the comparisons of caselink's docket↔release
spec): NameComparison on given name and on surname (TF on surname); middle name exact / initial /
else; district same court / same state / else; AbsoluteDateDifferenceAtThresholds on the date
(30, 400, 900, 1800 days); ExactMatch case number. Blocking as caselink's spec: name pair +
court, given + surname initial + court, surname + court, surname soundex + given initial +
court, case number + court, name pair. u from 1e6 random pairs, EM blocked on surname + court and
on case number, λ from a deterministic rule (surname + given name + court) at recall 0.7.
`SPLINK_MODEL=lite` is the lighter model measured in sessions 2 to 5: no middle name, states in
place of districts, dates at 30/365/1800 days, blocking surname + state, case number, surname
soundex + given initial + state, surname + given initial.
"""

import csv
import os
import re
import sys
import time
import unicodedata

import jellyfish
import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI

SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}


def fold(s):
    if not isinstance(s, str):
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9, ]+", " ", s).split())


def split_name(raw):
    s = fold(raw)
    if "," in s:
        last, _, rest = s.partition(",")
        toks = [t for t in rest.replace(",", " ").split() if t not in SUFFIXES]
        return (toks[0] if toks else None), (last.strip() or None)
    toks = [t for t in s.replace(",", " ").split() if t not in SUFFIXES]
    if not toks:
        return None, None
    if len(toks) == 1:
        return None, toks[0]
    return toks[0], toks[-1]


# Hyphen, en dash or em dash (written as escapes so the source stays ASCII).
DASH = "-\u2013\u2014\\s"
CASE = re.compile(rf"(?:(\d{{2}})[{DASH}]*cr[{DASH}]*(\d+))|(?:cr[{DASH}]*(\d{{2}})[{DASH}]*(\d+))", re.I)


def case_ref(raw):
    if not isinstance(raw, str):
        return None
    m = CASE.search(raw)
    if not m:
        return None
    yy, num = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return f"{yy}-{int(num)}"


def middle_of(raw):
    """The first middle token: after the given name (docket style) or between given name and
    surname (prose style)."""
    s = fold(raw)
    if "," in s:
        toks = [t for t in s.partition(",")[2].replace(",", " ").split() if t not in SUFFIXES]
        return toks[1] if len(toks) > 1 else None
    toks = [t for t in s.replace(",", " ").split() if t not in SUFFIXES]
    return toks[1] if len(toks) > 2 else None


LITE = os.environ.get("SPLINK_MODEL", "comparable") == "lite"
DISTRICTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "data", "districts.csv")


def district_table():
    """Every listed spelling of a district (folded) -> its court id."""
    out = {}
    with open(DISTRICTS, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            court = row["pacer_court_id"]
            names = [court, row["district_name"], row["short_citation"], row["usao_abbrev"], row["courtlistener_name"]]
            for n in names + row["variants"].split("|"):
                out[fold(n)] = court
    return out


def prepare(df, id_col, name_col, date_col, state, court=None):
    out = pd.DataFrame({"unique_id": df[id_col].astype(str)})
    names = df[name_col].map(split_name)
    out["given"] = [g for g, _ in names]
    out["surname"] = [s for _, s in names]
    out["middle"] = df[name_col].map(middle_of)
    out["middle_initial"] = out["middle"].str[:1]
    if court is not None:
        out["court"] = court
        state = court.str[:2].str.upper().where(court.notna(), state)
    out["surname_sdx"] = out["surname"].map(lambda s: jellyfish.soundex(s) if s else None)
    out["given_initial"] = out["given"].str[:1]
    out["surname_initial"] = out["surname"].str[:1]
    out["state"] = state
    out["date"] = pd.to_datetime(df[date_col], errors="coerce")
    out["case_ref"] = df["case_number"].map(case_ref)
    return out


def score(pairs_csv, truth_csv):
    truth = pd.read_csv(truth_csv, dtype=str)
    case = dict(zip(truth.record_type + ":" + truth.record_id, truth.case_id, strict=True))
    dockets = truth[truth.record_type == "docket"]
    releases = truth[truth.record_type == "press_release"]
    true_pairs = set(
        dockets.merge(releases, on="case_id")[["record_id_x", "record_id_y"]].itertuples(index=False, name=None)
    )
    p = pd.read_csv(pairs_csv, dtype={"left_id": str, "right_id": str})
    p = p[p.match_probability >= 0.5]
    found = set(zip(p.left_id, p.right_id, strict=True))
    tp = len(found & true_pairs)
    prec = tp / len(found) if found else 0.0
    rec = tp / len(true_pairs)
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    _ = case
    print(f"{prec:.4f} {rec:.4f} {f1:.4f}")


def load(data_dir: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dockets and press releases of DATA_DIR, prepared for Splink (left, right)."""
    d = pd.read_csv(f"{data_dir}/dockets.csv", dtype=str, keep_default_na=False).replace("", None)
    p = pd.read_csv(f"{data_dir}/press_releases.csv", dtype=str, keep_default_na=False).replace("", None)
    if LITE:
        left = prepare(d, "docket_id", "defendant_name", "filed_date", d["court_id"].str[:2].str.upper())
        right = prepare(p, "release_id", "defendant_name", "date", p["state"].str.upper())
        return left, right
    table = district_table()
    court = lambda col: col.map(lambda v: table.get(fold(v)) if isinstance(v, str) else None)  # noqa: E731
    left = prepare(d, "docket_id", "defendant_name", "filed_date", None, court(d["court_id"]))
    right = prepare(p, "release_id", "defendant_name", "date", p["state"].str.upper(), court(p["district"]))
    return left, right


def settings() -> SettingsCreator:
    """The model: comparisons and prediction blocking (the same on every backend); the
    session-2 model with `SPLINK_MODEL=lite`."""
    if LITE:
        rules = [
            block_on("surname", "state"),
            block_on("case_ref"),
            block_on("surname_sdx", "given_initial", "state"),
            block_on("surname", "given_initial"),
        ]
        between_names_and_case = [
            cl.ExactMatch("state"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date", input_is_string=False, metrics=["day"] * 3, thresholds=[30, 365, 1800]
            ),
        ]
    else:
        rules = [
            block_on("given", "surname", "court"),
            block_on("given", "surname_initial", "court"),
            block_on("surname", "court"),
            block_on("surname_sdx", "given_initial", "court"),
            block_on("case_ref", "court"),
            block_on("given", "surname"),
        ]
        between_names_and_case = [
            cl.CustomComparison(
                output_column_name="middle",
                comparison_levels=[
                    cll.NullLevel("middle"),
                    cll.ExactMatchLevel("middle"),
                    cll.ExactMatchLevel("middle_initial"),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="court",
                comparison_levels=[
                    cll.Or(cll.NullLevel("court"), cll.NullLevel("state")),
                    cll.ExactMatchLevel("court"),
                    cll.ExactMatchLevel("state"),
                    cll.ElseLevel(),
                ],
            ),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date", input_is_string=False, metrics=["day"] * 4, thresholds=[30, 400, 900, 1800]
            ),
        ]
    return SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.NameComparison("given"),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            *between_names_and_case,
            cl.ExactMatch("case_ref"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def train_and_predict(linker: Linker, out: str) -> int:
    """λ from a deterministic rule, u from random pairs, two EM passes; writes the pairs at
    p >= 0.5 to OUT and returns how many."""
    place = "state" if LITE else "court"
    linker.training.estimate_probability_two_random_records_match([block_on("surname", "given", place)], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", place))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("case_ref"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    pred = pred.rename(columns={"unique_id_l": "left_id", "unique_id_r": "right_id"})
    pred[["left_id", "right_id", "match_weight", "match_probability"]].to_csv(out, index=False)
    return len(pred)


def main() -> None:
    if sys.argv[1] == "--score":
        score(sys.argv[2], sys.argv[3])
        return
    data_dir, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    left, right = load(data_dir)
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(left), db_api.register(right)], settings(), log_level=None)
    n = train_and_predict(linker, out)
    print(f"splink: {n} pairs at p>=0.5 in {time.perf_counter() - t0:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
