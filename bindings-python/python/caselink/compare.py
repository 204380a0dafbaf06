"""Comparison builders: each returns the plain ``dict`` a linkage spec holds for one comparison.

The spec is data (DESIGN §5): these helpers only save typing and catch argument mistakes early;
the engine validates the whole spec when a :class:`caselink.Linker` is compiled. The ``"type"``
of each dict is the builder's name, and the keys are those of the engine's JSON spec.

The first argument names the column. Pass ``(left, right)`` when the two tables call it
differently; ``name=`` sets the comparison's output name (default: the left column).

>>> from caselink import compare
>>> compare.exact("state")
{'type': 'exact', 'column': 'state'}
>>> compare.string(("surname", "last_name"), metric="jaro_winkler", thresholds=[0.95, 0.88])["right_column"]
'last_name'
>>> compare.name("defendant_name", tf=True)
{'type': 'name', 'column': 'defendant_name', 'tf': True}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

__all__ = [
    "METRICS",
    "date",
    "district",
    "exact",
    "handle",
    "middle_name",
    "name",
    "numeric",
    "reference",
    "statute",
    "string",
]

Spec = dict[str, Any]
Columns = Union[str, tuple[str, str], Sequence[str]]

#: The string metrics a ``string`` comparison can use.
METRICS = ("jaro_winkler", "jaro", "levenshtein", "osa", "qgram", "token_sort", "token_set")


def _column(columns: Columns, key: str = "column") -> Spec:
    cols = [columns] if isinstance(columns, str) else list(columns)
    if not 1 <= len(cols) <= 2 or not all(isinstance(c, str) and c for c in cols):
        raise ValueError(f"give a column name or a (left, right) pair of column names, got {columns!r}")
    out: Spec = {key: cols[0]}
    if len(cols) == 2 and cols[1] != cols[0]:
        out[f"right_{key}"] = cols[1]
    return out


def _descending(values: Sequence[float], what: str) -> list[float]:
    out = [float(v) for v in values]
    if not out or any(not 0.0 < v < 1.0 for v in out) or any(a <= b for a, b in zip(out, out[1:])):
        raise ValueError(f"{what} must be in (0, 1) and strictly decreasing, got {list(values)!r}")
    return out


def _ascending(values: Sequence[float], what: str) -> list[float]:
    out = [float(v) for v in values]
    if any(v <= 0 for v in out) or any(a >= b for a, b in zip(out, out[1:])):
        raise ValueError(f"{what} must be positive and strictly increasing, got {list(values)!r}")
    return out


def exact(columns: Columns, *, tf: bool = False, **options: Any) -> Spec:
    """Exact equality of the folded values; ``tf=True`` weights rare values more."""
    return {"type": "exact", **_column(columns), **({"tf": True} if tf else {}), **options}


def string(
    columns: Columns,
    metric: str = "jaro_winkler",
    thresholds: Sequence[float] = (0.92, 0.8),
    **options: Any,
) -> Spec:
    """A string metric with similarity thresholds, one level per threshold (highest first).

    >>> string("city", thresholds=[0.9])["metric"]
    'jaro_winkler'
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")
    return {
        "type": "string",
        **_column(columns),
        "metric": metric,
        "thresholds": _descending(thresholds, "thresholds"),
        **options,
    }


def name(columns: Columns | None = None, *, tf: bool = False, **options: Any) -> Spec:
    """Person names: exact / nickname / initial / Jaro-Winkler levels / swapped order.

    Give a full-name column, or ``given=`` and ``surname=`` columns (and optionally ``aliases=``).

    >>> name(given="first", surname="last")
    {'type': 'name', 'given': 'first', 'surname': 'last'}
    """
    out: Spec = {"type": "name"}
    if columns is not None:
        out.update(_column(columns))
    elif not any(k in options for k in ("given", "surname")):
        raise ValueError("name() needs a full-name column or given=/surname= columns")
    if tf:
        out["tf"] = True
    return {**out, **options}


def middle_name(columns: Columns, **options: Any) -> Spec:
    """Middle names read from a full-name column: exact / initial (one side writes only the
    initial, or one typo apart) / else; null when either side writes none. Add it beside
    :func:`name` on the same column: namesakes rarely share a middle name.

    >>> middle_name(("suspect_name", "defendant_name"))
    {'type': 'middle_name', 'column': 'suspect_name', 'right_column': 'defendant_name'}
    """
    return {"type": "middle_name", **_column(columns), **options}


def handle(
    columns: str | Sequence[str], right: str | Sequence[str] | None = None, *, tf: bool = False, **options: Any
) -> Spec:
    """Online handles (screen names, emails, one-word aliases) against person names: the handle's
    letters spell given name + surname / initial + surname / else; null unless one side has a
    handle and the other a name (a record that writes a name is compared by its name only).
    Each side pools its columns (``right``: the right table's, default the same); ``tf=True``
    weighs a common handle such as ``jsmith`` less than a rare one.

    >>> spec = handle(["suspect_email", "suspect_screen_name"], "defendant_name", tf=True)
    >>> spec["columns"], spec["right_columns"], spec["tf"]
    (['suspect_email', 'suspect_screen_name'], ['defendant_name'], True)
    """

    def cols(c: str | Sequence[str], what: str) -> list[str]:
        out = [c] if isinstance(c, str) else list(c)
        if not out or not all(isinstance(x, str) and x for x in out):
            raise ValueError(f"{what} must be a column name or a list of column names, got {c!r}")
        return out

    spec: Spec = {"type": "handle", "columns": cols(columns, "columns")}
    if right is not None:
        spec["right_columns"] = cols(right, "right")
    return {**spec, **({"tf": True} if tf else {}), **options}


def date(
    columns: Columns,
    *,
    within_days: Sequence[int] | None = None,
    within_months: Sequence[int] | None = None,
    window: tuple[int, int] | None = None,
    day_first: bool = False,
    **options: Any,
) -> Spec:
    """Dates: exact / day-month swap / within N days / within M months, or a directional
    ``window=(a, b)``: the right date minus the left, in days, must lie in ``[a, b]``.

    >>> date(("received_date", "filed_date"), window=(0, 1100))["window"]
    [0, 1100]
    """
    out: Spec = {"type": "date", **_column(columns)}
    if within_days is not None:
        out["within_days"] = [int(v) for v in _ascending(within_days, "within_days")]
    if within_months is not None:
        out["within_months"] = [int(v) for v in _ascending(within_months, "within_months")]
    if window is not None:
        a, b = window
        if a > b:
            raise ValueError(f"window must be (low, high) with low <= high, got {window!r}")
        out["window"] = [int(a), int(b)]
    if day_first:
        out["day_first"] = True
    return {**out, **options}


def district(columns: Columns, **options: Any) -> Spec:
    """Federal districts in any spelling (or a state): same district / same state / else."""
    return {"type": "district", **_column(columns), **options}


def reference(columns: Columns, *, court: Columns | None = None, **options: Any) -> Spec:
    """Report or docket numbers: exact / one transposition or substitution / else. With
    ``court=``, docket numbers only agree when their courts do."""
    out: Spec = {"type": "reference", **_column(columns)}
    if court is not None:
        out.update(_column(court, "court_column"))
    return {**out, **options}


def statute(columns: Columns, **options: Any) -> Spec:
    """US Code citations in any spelling (``18:2252A(a)(2)``, ``18 U.S.C. § 2252A(a)(2)``): a
    citation in common / a section in common / else; null when either side cites nothing. Two
    dockets of one defendant usually carry the same charge; namesakes' charges differ.

    >>> statute("statute")
    {'type': 'statute', 'column': 'statute'}
    """
    return {"type": "statute", **_column(columns), **options}


def numeric(columns: Columns, tolerances: Sequence[float] = (1.0,), *, relative: bool = False, **options: Any) -> Spec:
    """Numbers: exact / within each tolerance (ascending) / else; ``relative`` divides by the larger.

    >>> numeric("age", tolerances=[1, 3])["tolerances"]
    [1.0, 3.0]
    """
    out: Spec = {"type": "numeric", **_column(columns), "tolerances": _ascending(tolerances, "tolerances")}
    if relative:
        out["relative"] = True
    return {**out, **options}
