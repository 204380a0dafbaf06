"""caselink._frames: every flavour in, the same flavour out, through the Rust Dataset."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from caselink import _frames

ROWS = {
    "id": ["1", "2", "3", "4"],
    "name": ["Ann Lee", None, "José Ñúñez", ""],
    "district": ["E.D. Va.", "EDVA", None, "vaed"],
}


def make(flavour: str, cols: dict[str, list[Any]]) -> Any:
    if flavour == "dict":
        return {k: list(v) for k, v in cols.items()}
    if flavour == "pandas":
        return pd.DataFrame(cols)
    if flavour == "polars":
        return pl.DataFrame(cols)
    return pa.table(cols)


def as_dict(frame: Any, flavour: str) -> dict[str, list[Any]]:
    if flavour == "dict":
        return {k: list(v) for k, v in frame.items()}
    if flavour == "pandas":
        return {
            k: [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in frame[k]]
            for k in frame.columns
        }
    if flavour == "polars":
        return frame.to_dict(as_series=False)  # type: ignore[no-any-return]
    return frame.to_pydict()  # type: ignore[no-any-return]


FLAVOURS = ["dict", "pandas", "polars", "arrow"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_round_trip_keeps_flavour_and_values(flavour: str) -> None:
    frame = make(flavour, ROWS)
    assert _frames.flavour(frame) == flavour
    ds = _frames.to_dataset(_frames.to_columns(frame), name="people")
    assert len(ds) == 4
    assert ds.columns == ["id", "name", "district"]
    assert ds.column("name") == ROWS["name"]
    back = _frames.dataset_to_frame(ds, flavour)
    assert _frames.flavour(back) == flavour
    assert type(back) is type(frame)
    assert as_dict(back, flavour) == ROWS


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_non_string_columns_are_read_as_text(flavour: str) -> None:
    frame = make(flavour, {"id": [1, 2, 3], "age": [31.5, None, 40.0]})
    ds = _frames.to_dataset(_frames.to_columns(frame))
    assert ds.column("id") == ["1", "2", "3"]
    age = ds.column("age")
    assert age[1] is None
    assert age[0] is not None and float(age[0]) == 31.5


def test_arrow_chunked_and_sliced_columns() -> None:
    t = pa.Table.from_batches(
        [pa.record_batch({"n": pa.array(["a", None])}), pa.record_batch({"n": pa.array(["b", "c"])})]
    ).slice(1, 2)
    cols = _frames.to_columns(t)
    assert _frames.to_dataset(cols).column("n") == [None, "b"]


def test_pandas_arrow_strings_and_missing_markers() -> None:
    df = pd.DataFrame({"a": pd.Series(["x", None, "z"], dtype="string[pyarrow]"), "b": ["p", np.nan, pd.NA]})
    ds = _frames.to_dataset(_frames.to_columns(df))
    assert ds.column("a") == ["x", None, "z"]
    assert ds.column("b") == ["p", None, None]


def test_flavour_errors() -> None:
    with pytest.raises(TypeError, match="pandas DataFrame"):
        _frames.flavour([1, 2])
    with pytest.raises(TypeError, match="column names must be str"):
        _frames.to_columns({1: ["a"]})
    with pytest.raises(ValueError, match="unknown frame flavour"):
        _frames.from_columns({}, "excel")  # type: ignore[arg-type]


def test_import_does_not_load_frame_libraries() -> None:
    code = (
        "import sys; import caselink, caselink._frames, caselink.metrics;"
        "caselink.metrics.cpdist(['a'], ['a']);"
        "loaded = [m for m in ('pandas', 'polars', 'pyarrow') if m in sys.modules];"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
