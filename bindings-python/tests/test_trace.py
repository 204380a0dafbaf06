"""caselink.trace over synthetic cases: accounting, one case per record, flavours, remapping."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import caselink

FLAVOURS = ["dict", "pandas", "polars", "arrow"]


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    return caselink.synth.cases(300, seed=5, flavour="dict")


@pytest.fixture(scope="module")
def result(world: dict[str, Any]) -> caselink.TraceResult:
    return caselink.trace(world["referrals"], world["dockets"], world["press_releases"])


def n_rows(frame: Any) -> int:
    return len(frame) if not isinstance(frame, dict) else len(next(iter(frame.values()), []))


def column(frame: Any, name: str) -> list[Any]:
    if isinstance(frame, pl.DataFrame):
        return frame.get_column(name).to_list()
    if isinstance(frame, pa.Table):
        return frame.column(name).to_pylist()
    return list(frame[name])


def test_summary_accounts_for_every_record(world: dict[str, Any], result: caselink.TraceResult) -> None:
    s = result.summary
    read = sum(n_rows(world[k]) for k in ("referrals", "dockets", "press_releases"))
    assert s["records_read"] == read == s["records_in_cases"] + s["rejected"]
    assert s["referrals_in"] == n_rows(world["referrals"])
    assert 0 < s["referrals_linked_to_docket"] <= s["referrals_in"]
    assert s["cases"] == n_rows(result.outcomes)


def test_every_record_in_exactly_one_case(world: dict[str, Any], result: caselink.TraceResult) -> None:
    clusters = result.clusters
    keys = Counter(zip(clusters["record_type"], clusters["record_id"]))
    assert all(c == 1 for c in keys.values())
    assert len(keys) == result.summary["records_in_cases"]
    assert {k for k, _ in keys} == {"referral", "docket", "press_release"}
    assert set(clusters["case_id"]) == set(result.outcomes["case_id"])


def test_accuracy_against_the_truth(world: dict[str, Any], result: caselink.TraceResult) -> None:
    report = caselink.evaluate(result, world["truth"])
    assert report["precision"] > 0.9, report
    docket_press = report["by_source"]["docket-press_release"]
    assert docket_press["precision"] > 0.95 and docket_press["recall"] > 0.8, report
    assert caselink.evaluate(result.pairs, world["truth"])["precision"] > 0.9


def test_tables_have_the_cli_columns(result: caselink.TraceResult, tmp_path: Path) -> None:
    assert list(result.pairs) == [
        "left_source",
        "left_id",
        "right_source",
        "right_id",
        "match_weight",
        "match_probability",
    ]
    assert list(result.outcomes) == caselink._caselink.OUTCOME_COLUMNS
    result.write(tmp_path)
    for name in ("pairs", "clusters", "outcomes", "agencies", "rejected"):
        written = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(written.columns) == list(getattr(result, name)), name
        assert len(written) == n_rows(getattr(result, name)), name
    assert "TraceResult(" in repr(result)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_flavour_in_is_flavour_out(world: dict[str, Any], result: caselink.TraceResult, flavour: str) -> None:
    frames = {
        k: caselink.synth.cases(300, seed=5, flavour=flavour)[k] for k in ("referrals", "dockets", "press_releases")
    }  # type: ignore[arg-type]
    r = caselink.trace(frames["referrals"], frames["dockets"], frames["press_releases"])
    assert r.summary == result.summary
    for table in (r.clusters, r.outcomes, r.pairs):
        assert caselink._frames.flavour(table) == flavour
    assert column(r.clusters, "case_id") == list(result.clusters["case_id"])
    assert column(r.pairs, "match_weight") == list(result.pairs["match_weight"])


def test_column_remapping_and_rejected_rows(world: dict[str, Any], result: caselink.TraceResult) -> None:
    dockets = dict(world["dockets"])
    dockets["NAME"] = dockets.pop("defendant_name")
    referrals = {k: [*v, v[0]] for k, v in world["referrals"].items()}  # one repeated report_id
    r = caselink.trace(referrals, dockets, world["press_releases"], columns={"dockets": {"defendant_name": "NAME"}})
    assert r.summary["rejected"] == 1
    assert r.summary["records_read"] == result.summary["records_read"] + 1
    assert "duplicate id" in r.rejected["reason"][0]
    assert r.summary["referrals_linked_to_docket"] == result.summary["referrals_linked_to_docket"]
    with pytest.raises(caselink.ColumnNotFoundError, match="defendant_name"):
        caselink.trace(world["referrals"], dockets)
    with pytest.raises(ValueError, match="unknown source"):
        caselink.trace(world["referrals"], columns={"courts": {"a": "b"}})
    with pytest.raises(ValueError, match="at least one"):
        caselink.trace()


def test_one_source_alone(world: dict[str, Any]) -> None:
    r = caselink.trace(referrals=world["referrals"])
    assert r.summary["cases"] == n_rows(world["referrals"])
    assert n_rows(r.pairs) == 0
