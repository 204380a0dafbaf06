"""caselink.evaluate: pairs or clusters against a truth table, as `caselink eval` does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import caselink

TRUTH = {"unique_id": ["a", "b", "c", "d"], "person_id": ["1", "1", "2", "2"]}


def test_pairs() -> None:
    pairs = {"left_id": ["a", "a", "c"], "right_id": ["b", "c", "d"], "match_probability": [0.9, 0.8, 0.2]}
    r = caselink.evaluate(pairs, TRUTH)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 1)
    assert r["precision"] == 0.5 and r["recall"] == 0.5
    low = caselink.evaluate(pairs, TRUTH, threshold=0.1)
    assert (low["tp"], low["fp"], low["fn"]) == (2, 1, 0)


def test_clusters_and_flavours() -> None:
    clusters = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], "cluster_id": [0, 0, 0, 1]})
    r = caselink.evaluate(clusters, pd.DataFrame(TRUTH))
    assert (r["tp"], r["fp"], r["fn"]) == (1, 2, 1)
    assert 0 < r["bcubed"]["f1"] < 1


def test_same_report_as_the_cli(tmp_path: Path, cli: str) -> None:
    pairs = {"left_id": ["a", "a", "c"], "right_id": ["b", "c", "d"], "match_probability": ["0.9", "0.8", "0.7"]}
    for name, cols in (("pairs", pairs), ("truth", TRUTH)):
        pd.DataFrame(cols).to_csv(tmp_path / f"{name}.csv", index=False)
    out = subprocess.run(
        [cli, "eval", "--pairs", str(tmp_path / "pairs.csv"), "--truth", str(tmp_path / "truth.csv")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert caselink.evaluate(pairs, TRUTH) == json.loads(out)


def test_errors() -> None:
    with pytest.raises(caselink.ColumnNotFoundError, match="entity id"):
        caselink.evaluate({"unique_id": ["a"], "x": ["1"]}, {"unique_id": ["a"]})
    with pytest.raises(caselink.DataError, match="match_probability"):
        caselink.evaluate({"left_id": ["a"], "right_id": ["b"], "match_probability": ["high"]}, TRUTH)
