"""Frames in, frames out: detect the flavour of a table and move it across the Rust boundary.

Four flavours are understood: a pandas ``DataFrame``, a polars ``DataFrame``, a ``pyarrow.Table``
and a plain ``dict`` of column name -> sequence. Results go back in the flavour that came in.
pandas, polars and pyarrow are imported only when an object of theirs is passed in (or asked
for), never at ``import caselink``.

The engine reads every value as text, like a CSV file: non-string cells are converted with
``str`` (Arrow casts for Arrow-backed data) and missing cells (``None``, ``NaN``, ``pd.NA``, nulls)
become ``None``. String columns held in Arrow memory (pyarrow, polars, pandas' ``string[pyarrow]``)
cross the boundary as whole buffers, without one Python object per cell.

>>> from caselink import _frames
>>> cols = _frames.to_columns({"id": [1, 2], "name": ["Ann", None]})
>>> _frames.dataset_to_frame(_frames.to_dataset(cols), "dict")
{'id': ['1', '2'], 'name': ['Ann', None]}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, Optional, Union

import numpy as np

from caselink._caselink import Dataset, StringColumn

# Spelled as a union of single literals: stubtest reads a multi-value Literal alias as a union
# and then fails to match it against the runtime object.
# (typing.Union rather than `|`: these aliases are evaluated at run time, and Python 3.9 has no `|` on types.)
Flavour = Union[Literal["pandas"], Literal["polars"], Literal["arrow"], Literal["dict"]]
ColumnData = Union[list[Optional[str]], StringColumn]

__all__ = [
    "Flavour",
    "as_strings",
    "dataset_to_frame",
    "default_flavour",
    "flavour",
    "from_arrays",
    "from_columns",
    "take",
    "to_columns",
    "to_dataset",
]


def _top_module(obj: object) -> str:
    return type(obj).__module__.partition(".")[0]


def flavour(frame: object) -> Flavour:
    """The flavour of a table, without importing any frame library.

    >>> flavour({"a": ["x"]})
    'dict'
    """
    mod = _top_module(frame)
    name = type(frame).__name__
    if mod == "pandas" and name == "DataFrame":
        return "pandas"
    if mod == "polars" and name == "DataFrame":
        return "polars"
    if mod == "pyarrow" and name == "Table":
        return "arrow"
    if isinstance(frame, Mapping):
        return "dict"
    raise TypeError(
        f"expected a pandas DataFrame, polars DataFrame, pyarrow.Table or dict of columns, got {type(frame).__name__}"
    )


def _is_missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NAType", "NaTType")


def _arrow_column(arr: Any, arg: str, stringify: bool) -> StringColumn:
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
    t = arr.type
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        stringish = pa.types.is_string_view(t) or pa.types.is_null(t)
        if pa.types.is_dictionary(t):
            stringish = pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)
        if not (stringish or stringify):
            raise TypeError(f"'{arg}' holds Arrow type {t}, expected strings")
        arr = arr.cast(pa.large_string())
    validity, offsets, data = arr.buffers()[:3]
    return StringColumn.from_arrow(
        data.to_pybytes() if data is not None else b"",
        offsets.to_pybytes(),
        validity.to_pybytes() if validity is not None and arr.null_count else None,
        arr.offset,
        len(arr),
        pa.types.is_large_string(arr.type),
    )


def as_strings(values: Any, arg: str = "values", stringify: bool = False) -> list[Any] | tuple[Any, ...] | StringColumn:
    """Turn a sequence of strings into something the Rust side reads directly.

    Lists and tuples pass through (Rust checks each element); Arrow-backed data becomes a
    :class:`StringColumn` read from its buffers; numpy arrays and pandas object Series become
    lists with missing values as ``None``. With ``stringify``, non-string values are converted
    with ``str`` instead of being rejected.
    """
    if isinstance(values, (list, tuple, StringColumn)) and not stringify:
        return values
    if isinstance(values, str):
        raise TypeError(f"'{arg}' must be a sequence of str, not a single str")
    mod = _top_module(values)
    if mod == "pyarrow":
        return _arrow_column(values, arg, stringify)
    if mod == "polars":
        return _arrow_column(values.to_arrow(), arg, stringify)
    if mod == "pandas":
        dtype = values.dtype
        if getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype":
            import pyarrow as pa

            return _arrow_column(pa.array(values), arg, stringify)
        values = values.tolist()
    elif mod == "numpy":
        values = values.tolist()
    elif not isinstance(values, (list, tuple)):
        try:
            values = list(values)
        except TypeError:
            raise TypeError(f"'{arg}' must be a sequence of str, not {type(values).__name__}") from None
    if stringify:
        return [None if _is_missing(v) else v if isinstance(v, str) else str(v) for v in values]
    if mod == "pandas":
        return [None if _is_missing(v) else v for v in values]
    return list(values) if not isinstance(values, (list, tuple)) else values


def to_columns(frame: Any) -> dict[str, ColumnData]:
    """A table of any flavour as ``{column: list[str | None] | StringColumn}`` in column order."""
    kind = flavour(frame)
    if kind == "dict":
        return {_column_name(k): as_strings(v, str(k), stringify=True) for k, v in frame.items()}  # type: ignore[misc]
    if kind == "arrow":
        return {name: _arrow_column(frame.column(name), name, True) for name in frame.column_names}
    if kind == "polars":
        return {name: _arrow_column(frame.get_column(name).to_arrow(), name, True) for name in frame.columns}
    return {_column_name(name): _pandas_column(frame[name], str(name)) for name in frame.columns}  # type: ignore[misc]


def _pandas_column(series: Any, arg: str) -> list[Any] | tuple[Any, ...] | StringColumn:
    """A pandas column, through Arrow when it holds strings (one C++ pass, no Python loop)."""
    if series.dtype == object:
        try:
            import pyarrow as pa

            arr = pa.array(series, from_pandas=True)
        except ImportError:
            pass
        except (TypeError, ValueError, ArithmeticError):
            pass  # mixed objects: pyarrow refuses them; fall back to str() per value below
        else:
            if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) or pa.types.is_null(arr.type):
                return _arrow_column(arr, arg, True)
    return as_strings(series, arg, stringify=True)


def _column_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"column names must be str, got {name!r}")
    return name


def to_dataset(columns: Mapping[str, ColumnData], name: str = "data", id_column: str | None = None) -> Dataset:
    """Build the engine's :class:`Dataset` from :func:`to_columns` output."""
    return Dataset(dict(columns), name=name, id_column=id_column)


def from_columns(columns: Mapping[str, list[str | None]], kind: Flavour) -> Any:
    """Build a table of flavour ``kind`` from ``{column: list[str | None]}``."""
    if kind == "dict":
        return dict(columns)
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})
    if kind == "polars":
        import polars as pl

        return pl.DataFrame({k: pl.Series(k, v, dtype=pl.String) for k, v in columns.items()})
    if kind == "arrow":
        import pyarrow as pa

        return pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    raise ValueError(f"unknown frame flavour {kind!r}")


def dataset_to_frame(dataset: Dataset, kind: Flavour) -> Any:
    """A :class:`Dataset` back as a table of flavour ``kind``."""
    if kind == "dict":
        return dataset.to_dict()
    return from_arrays(dataset.string_columns(), kind)


def default_flavour() -> Flavour:
    """The flavour of tables made from nothing (synthetic data, parameters): pandas when it can
    be imported, else a dict of lists."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return "dict"
    return "pandas"


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _arrow_strings(col: StringColumn) -> Any:
    import pyarrow as pa

    data, offsets, validity, n = col.arrow_buffers()
    buffers = [None if validity is None else pa.py_buffer(validity), pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(pa.large_string(), n, buffers)


def from_arrays(columns: Mapping[str, Any], kind: Flavour) -> Any:
    """Build a table of flavour ``kind`` from ``{column: StringColumn | numpy array | native}``.

    String columns cross as Arrow buffers (no Python object per value for pyarrow and polars);
    numpy arrays are used as they are. A "native" column (e.g. ids taken from the caller's own
    frame with :func:`take`) is already in the flavour's own column type.
    """
    if kind == "dict":
        return {
            k: v.to_list() if isinstance(v, StringColumn) else v.tolist() if isinstance(v, np.ndarray) else list(v)
            for k, v in columns.items()
        }
    arrow = _has_pyarrow()
    if kind == "arrow" or (kind == "polars" and arrow):
        import pyarrow as pa

        names = list(columns)
        arrays = [_arrow_strings(v) if isinstance(v, StringColumn) else v for v in columns.values()]
        if kind == "arrow":
            arrays = [pa.array(a) if isinstance(a, np.ndarray) else a for a in arrays]
            return pa.table(dict(zip(names, arrays)))
        import polars as pl

        return pl.DataFrame(
            [
                pl.from_arrow(a).alias(n)  # type: ignore[union-attr]
                if isinstance(a, (pa.Array, pa.ChunkedArray))
                else a.alias(n)
                if isinstance(a, pl.Series)
                else pl.Series(n, a)
                for n, a in zip(names, arrays)
            ]
        )
    if kind == "polars":
        import polars as pl

        return pl.DataFrame(
            [pl.Series(k, v.to_list() if isinstance(v, StringColumn) else v) for k, v in columns.items()]
        )
    if kind == "pandas":
        import pandas as pd

        def conv(v: Any) -> Any:
            if isinstance(v, StringColumn):
                if arrow:
                    return _arrow_strings(v).to_numpy(zero_copy_only=False)
                return pd.Series(v.to_list(), dtype=object)
            return v

        return pd.DataFrame({k: conv(v) for k, v in columns.items()})
    raise ValueError(f"unknown frame flavour {kind!r}")


def take(frame: Any, column: str, rows: Any, kind: Flavour) -> Any:
    """Values of ``frame[column]`` at positions ``rows`` (a numpy integer array), keeping the
    frame's own column type (int ids stay ints)."""
    if kind == "dict":
        values = frame[column]
        return [values[i] for i in rows.tolist()]
    if kind == "pandas":
        return frame[column].to_numpy()[rows]
    if kind == "polars":
        return frame.get_column(column).gather(rows)
    return frame.column(column).take(rows)
