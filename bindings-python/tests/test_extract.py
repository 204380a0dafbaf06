"""caselink.extract against the shared golden files in testdata/extract/."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: the same parser as the `tomli` package
    import tomli as tomllib

import caselink

FIXTURES = Path(__file__).resolve().parents[2] / "testdata" / "extract"
CASES = ["001_tned_sentenced_today", "003_vaed_indictment", "005_flmd_life"]


@pytest.mark.parametrize("name", CASES)
def test_golden_records(name: str) -> None:
    want = tomllib.loads((FIXTURES / f"{name}.toml").read_text(encoding="utf-8"))
    got = caselink.extract((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert len(got) == len(want["record"])
    for g, w in zip(got, want["record"]):
        for key, value in w.items():
            if key in g:
                assert g[key] == value, (name, key)
    names = {g["defendant_name"] for g in got}
    assert not names & set(want.get("not_defendants", []))


def test_many_texts_and_reference_date() -> None:
    texts = [(FIXTURES / f"{n}.txt").read_text(encoding="utf-8") for n in CASES]
    many = caselink.extract(texts)
    assert many == [caselink.extract(t) for t in texts]
    undated = "Darren Lee Whitfield, 41, of Knoxville, was sentenced today to 180 months in federal prison."
    rec = caselink.extract(undated, reference_date=datetime.date(2021, 3, 4))[0]
    assert rec["event_date"] == "2021-03-04"
    assert caselink.extract(undated, reference_date="2021-03-04") == caselink.extract(
        undated, reference_date=(datetime.date(2021, 3, 4) - datetime.date(1970, 1, 1)).days
    )
    assert caselink.extract("\x00\x01") == []
    with pytest.raises(TypeError):
        caselink.extract([1, 2])  # type: ignore[list-item]
