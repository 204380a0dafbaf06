"""caselink.normalize: plumbing (keys and types) and the shared golden cases in testdata/normalize."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: the same parser as the `tomli` package
    import tomli as tomllib

from caselink import _caselink, normalize

TESTDATA = Path(__file__).resolve().parents[2] / "testdata" / "normalize"

KEYS = {
    "name": {"input", "kind", "given", "middle", "surname", "suffix", "aliases", "order_ambiguous", "handle"},
    "date": {"input", "date", "days", "precision", "ambiguous"},
    "district": {"input", "court_id", "state", "name"},
    "reference": {"input", "kind", "canonical"},
    "phonetic": {"input", "soundex", "metaphone", "metaphone_alt"},
    "statute": {"input", "canonical", "citations"},
}
FUNCS = {k: getattr(normalize, k) for k in KEYS}


@pytest.mark.parametrize("kind", sorted(KEYS))
@pytest.mark.parametrize("value", ["SMITH, JOHN M. JR.", "", "2020-10-05", "E.D. Va.", "3:18-cr-00178", "Zoë"])
def test_fields_present(kind: str, value: str) -> None:
    got = FUNCS[kind](value)
    assert isinstance(got, dict)
    assert KEYS[kind] <= set(got), f"missing {KEYS[kind] - set(got)}"
    assert got["input"] == value
    # Same JSON as the generic entry point the CLI uses.
    assert got == _caselink.normalize_describe(kind, value)


def test_value_types() -> None:
    n = normalize.name("John Smith")
    assert isinstance(n["middle"], list) and isinstance(n["aliases"], list)
    assert isinstance(n["kind"], str)
    assert n["given"] is None or isinstance(n["given"], str)
    d = normalize.date("05/10/2020", day_first=True, reference=dt.date(2021, 1, 1))
    assert d["days"] is None or isinstance(d["days"], int)
    p = normalize.phonetic("Robert")
    assert isinstance(p["soundex"], str)


def test_date_reference_forms_agree() -> None:
    for value in ["yesterday", "2020-10-05", "05/10/2020"]:
        by_date = normalize.date(value, reference=dt.date(2021, 3, 4))
        assert by_date == normalize.date(value, reference="2021-03-04")
        assert by_date == normalize.date(value, reference=dt.datetime(2021, 3, 4, 12, 0))
        days = (dt.date(2021, 3, 4) - dt.date(1970, 1, 1)).days
        assert by_date == _caselink.normalize_date(value, reference=days)


def test_argument_errors() -> None:
    with pytest.raises(TypeError, match="s must be str"):
        normalize.name(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ISO date"):
        normalize.date("2020-01-01", reference="01/02/2020")
    with pytest.raises(TypeError, match="reference"):
        normalize.date("2020-01-01", reference=20200101)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="day_first"):
        normalize.date("2020-01-01", day_first="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown normalizer 'colour'"):
        _caselink.normalize_describe("colour", "x")


def _golden(kind: str) -> list[dict[str, Any]]:
    path = TESTDATA / f"{kind}.toml"
    if not path.exists():
        pytest.skip(f"golden file {path} not in this tree yet")
    cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
    assert cases, f"{path} has no [[case]] tables"
    return cases  # type: ignore[no-any-return]


OPTION_KEYS = {"input", "day_first", "reference", "note", "comment"}


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_golden_cases(kind: str) -> None:
    for case in _golden(kind):
        kwargs = {k: case[k] for k in ("day_first", "reference") if k in case and kind == "date"}
        got = FUNCS[kind](case["input"], **kwargs)
        for key, expected in case.items():
            if key in OPTION_KEYS:
                continue
            assert key in got, f"{kind} {case['input']!r}: no field {key!r}"
            # The golden files are read by Rust too: "" stands for none (TOML has no null), and
            # multi-word parts are arrays where `describe` joins them with spaces.
            if expected == "" and got[key] is None:
                expected = None
            elif isinstance(expected, list) and isinstance(got[key], str):
                expected = " ".join(expected)
            assert got[key] == expected, f"{kind} {case['input']!r}: {key} = {got[key]!r}, expected {expected!r}"
