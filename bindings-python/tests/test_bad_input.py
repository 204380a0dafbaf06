"""The bad-input corpus (testdata/bad/cases.toml) through the Python surface: reading each file
gives the manifest's outcome, and the trace accounts for every row (read = in cases + rejected)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: the same parser as the `tomli` package
    import tomli as tomllib

import caselink
from caselink import _caselink
from caselink._caselink import Dataset

BAD = Path(__file__).resolve().parents[2] / "testdata" / "bad"
CASES: list[dict[str, Any]] = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))["case"]

ERRORS: dict[str, type[Exception]] = {
    "bad_data": caselink.DataError,
    "column_not_found": caselink.ColumnNotFoundError,
    "io": caselink.CaselinkIOError,
}
HEADER = "report_id,received_date,suspect_name,state"


def generated(case: dict[str, Any]) -> bytes:
    """The same bytes core/tests/bad_input.rs generates for cases too big to commit."""
    if case["generate"] == "big_field":
        head = f"{HEADER}\n1001,2019-03-04,John Smith,VA\n1002,2019-05-06,".encode()
        return head + b"x" * case["bytes"] + b",TX\n1003,2019-07-08,Ann Lee,CA\n"
    if case["generate"] == "wide":
        n = case["columns"]
        extra = "".join(f",x{i}" for i in range(n))
        rows = "".join(f"{r}{',' * n}\n" for r in ("1001,2019-03-04,John Smith,VA", "1002,2019-05-06,Mary Jones,TX"))
        return f"{HEADER}{extra}\n{rows}".encode()
    raise AssertionError(f"unknown generator {case['generate']}")


def path_of(case: dict[str, Any], tmp_path: Path) -> Path:
    if "file" in case:
        return BAD / case["file"]
    p = tmp_path / f"{case['name']}.csv"
    p.write_bytes(generated(case))
    return p


def test_the_manifest_is_complete() -> None:
    assert len(CASES) >= 24
    names = [c["name"] for c in CASES]
    assert len(set(names)) == len(names)
    for c in CASES:
        assert c["outcome"] in ("ok", "error"), c["name"]
        assert ("file" in c) != ("generate" in c), c["name"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_reading_gives_the_manifest_outcome(case: dict[str, Any], tmp_path: Path) -> None:
    path = path_of(case, tmp_path)
    if case["outcome"] == "error":
        with pytest.raises(ERRORS[case["code"]]) as info:
            Dataset.read_csv(path)
        assert case["message"] in str(info.value)
        return
    d = Dataset.read_csv(path)
    assert len(d) == case["rows"], d.rejected
    assert len(d.rejected) == case["rejected"] == len(case["reasons"])
    for line, fragment in zip(d.rejected, case["reasons"]):
        # "file:line: reason"
        assert fragment in line, line
        assert line.startswith(str(path) + ":"), line


@pytest.mark.parametrize("case", [c for c in CASES if c["outcome"] == "ok"], ids=lambda c: c["name"])
def test_trace_accounts_for_every_row(case: dict[str, Any], tmp_path: Path) -> None:
    d = Dataset.read_csv(path_of(case, tmp_path))
    slot = {"referrals": "referrals", "dockets": "dockets"}[case["source"]]
    out = _caselink.trace(**{slot: d})
    s = out.summary()
    rows = case.get("trace_rows", case["rows"])
    reasons = case.get("trace_reasons", case["reasons"])
    assert s["records_read"] == s["records_in_cases"] + s["rejected"]
    assert s["records_in_cases"] == rows
    assert s["rejected"] == len(reasons) == case.get("trace_rejected", case["rejected"])
    rejected = out.rejected()
    reason_column = rejected["reason"]
    got = reason_column.to_list() if hasattr(reason_column, "to_list") else list(reason_column)
    for reason, fragment in zip(got, reasons):
        assert fragment in str(reason)
