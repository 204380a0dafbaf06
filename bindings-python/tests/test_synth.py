"""caselink.synth: seeded, the CLI's data, every flavour."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import caselink
from caselink._caselink import Dataset


def test_cases_are_seeded_and_consistent() -> None:
    a = caselink.synth.cases(80, seed=3, flavour="dict")
    assert a == caselink.synth.cases(80, seed=3, flavour="dict")
    assert a != caselink.synth.cases(80, seed=4, flavour="dict")
    truth = a["truth"]
    assert len(truth["record_id"]) == sum(
        len(a[k][next(iter(a[k]))]) for k in ("referrals", "dockets", "press_releases")
    )
    assert set(truth["record_id"]) >= set(a["referrals"]["report_id"])
    assert len(set(truth["case_id"])) == 80


def test_same_data_as_the_cli(tmp_path: Path, cli: str) -> None:
    import subprocess

    subprocess.run([cli, "synth", "--cases", "40", "--seed", "9", "--out", str(tmp_path)], check=True)
    world = caselink.synth.cases(40, seed=9, flavour="dict")
    for name in ("referrals", "dockets", "press_releases", "truth"):
        assert Dataset.read_csv(tmp_path / f"{name}.csv").to_dict() == world[name], name


@pytest.mark.parametrize(("flavour", "kind"), [("pandas", pd.DataFrame), ("polars", pl.DataFrame), ("arrow", pa.Table)])
def test_flavours(flavour: str, kind: type) -> None:
    world = caselink.synth.persons(30, seed=1, flavour=flavour)  # type: ignore[arg-type]
    want = caselink.synth.persons(30, seed=1, flavour="dict")
    assert isinstance(world["persons"], kind)
    got = world["persons"]
    as_dict = (
        {k: [None if v is None or v != v else v for v in got[k]] for k in got.columns}
        if flavour == "pandas"
        else got.to_dict(as_series=False)
        if flavour == "polars"
        else got.to_pydict()
    )
    assert as_dict == want["persons"]


def test_default_flavour_is_pandas_and_arguments_are_checked() -> None:
    assert isinstance(caselink.synth.persons(5)["persons"], pd.DataFrame)
    with pytest.raises(ValueError, match="non-negative"):
        caselink.synth.cases(-1)
