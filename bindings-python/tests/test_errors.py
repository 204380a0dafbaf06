"""The error table of DESIGN §6: one exception class per core error family, Rust messages kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import caselink
from caselink import _caselink
from caselink._caselink import Dataset

# (core error code, exception class, the message Rust's Display gives for the sample error)
TABLE = [
    ("invalid_spec", caselink.SpecError, "invalid spec at comparisons[0].type: unknown type 'fuzzy'"),
    (
        "column_not_found",
        caselink.ColumnNotFoundError,
        "column 'dob' not found in left.csv (available: id, name); "
        "rename the column or remap it (e.g. --map dob=OTHER)",
    ),
    ("bad_data", caselink.DataError, "dockets.csv:7: column 'filed_date': not a date (value: \"x\")"),
    ("io", caselink.CaselinkIOError, "cannot read /nope.csv: entity not found"),
    ("bad_model", caselink.ModelError, "bad model file model.bin: truncated"),
    (
        "limit_exceeded",
        caselink.LimitError,
        "limit exceeded: block rule 0 (2000000 > limit 1000000); add a stricter key",
    ),
]


@pytest.mark.parametrize(("code", "cls", "message"), TABLE, ids=[t[0] for t in TABLE])
def test_each_family_maps_to_its_class(code: str, cls: type[Exception], message: str) -> None:
    with pytest.raises(cls) as info:
        _caselink._raise_sample_error(code)
    assert type(info.value) is cls
    assert isinstance(info.value, caselink.CaselinkError)
    assert str(info.value) == message


def test_class_hierarchy() -> None:
    for _, cls, _ in TABLE:
        assert issubclass(cls, caselink.CaselinkError)
        assert cls.__module__ == "caselink._caselink"
    assert issubclass(caselink.CaselinkIOError, OSError)
    assert not issubclass(caselink.DataError, OSError)
    assert issubclass(caselink.CaselinkError, Exception)


def test_unknown_sample_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown error code"):
        _caselink._raise_sample_error("nope")


def test_real_io_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(OSError, match=r"missing\.csv") as info:
        Dataset.read_csv(missing)
    assert isinstance(info.value, caselink.CaselinkIOError)
    assert str(info.value).startswith(f"cannot read {missing}")


def test_real_column_and_data_errors() -> None:
    d = Dataset({"id": ["1"], "name": ["Ann"]}, name="people")
    with pytest.raises(caselink.ColumnNotFoundError, match=r"column 'dob' not found in people \(available: id, name\)"):
        d.column("dob")
    with pytest.raises(caselink.DataError, match="empty name"):
        Dataset({"": ["x"]})
    with pytest.raises(caselink.DataError, match="column has 1 rows, dataset has 2"):
        Dataset({"a": ["x", "y"], "b": ["z"]})


def test_csv_rows_that_cannot_be_read_are_rejected_not_dropped(tmp_path: Path) -> None:
    p = tmp_path / "people.csv"
    p.write_text("id,name\n1,Ann\n2,Bob,extra\n3,Cy\n", encoding="utf-8")
    d = Dataset.read_csv(p)
    assert d.column("id") == ["1", "3"]
    assert len(d.rejected) == 1
    assert ":3:" in d.rejected[0]
