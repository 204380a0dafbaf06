"""Comparison builders: each returns the plain ``dict`` a linkage spec holds for one comparison.

The spec is data (DESIGN §5): these helpers only save typing and catch argument mistakes early;
the engine validates the whole spec when a :class:`caselink.Linker` is compiled. The ``"type"``
of each dict is the builder's name.

>>> from caselink import compare
>>> compare.exact("state")
{'type': 'exact', 'columns': ['state']}
>>> compare.string("surname", metric="jaro_winkler", thresholds=[0.95, 0.88])["thresholds"]
[0.95, 0.88]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from caselink.metrics import SCORERS

__all__ = ["date", "district", "exact", "name", "numeric", "reference", "string"]

Spec = dict[str, Any]


def _columns(columns: str | Sequence[str]) -> list[str]:
    cols = [columns] if isinstance(columns, str) else list(columns)
    if not cols or not all(isinstance(c, str) and c for c in cols):
        raise ValueError(f"columns must be one or more non-empty column names, got {columns!r}")
    return cols


def _thresholds(values: Sequence[float]) -> list[float]:
    out = [float(v) for v in values]
    if any(not 0.0 <= v <= 1.0 for v in out) or out != sorted(out, reverse=True):
        raise ValueError(f"thresholds must be in [0, 1] and decreasing, got {list(values)!r}")
    return out


def exact(columns: str | Sequence[str], **options: Any) -> Spec:
    """Exact equality of the (prepared) values."""
    return {"type": "exact", "columns": _columns(columns), **options}


def string(
    columns: str | Sequence[str],
    metric: str = "jaro_winkler",
    thresholds: Sequence[float] = (0.92, 0.8),
    **options: Any,
) -> Spec:
    """A string metric with similarity thresholds, one level per threshold (highest first).

    >>> string("city", thresholds=[0.9])["metric"]
    'jaro_winkler'
    """
    if metric not in SCORERS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(SCORERS)}")
    return {
        "type": "string",
        "columns": _columns(columns),
        "metric": metric,
        "thresholds": _thresholds(thresholds),
        **options,
    }


def name(columns: str | Sequence[str], **options: Any) -> Spec:
    """Person names: exact / nickname / initial / Jaro-Winkler levels / swapped order."""
    return {"type": "name", "columns": _columns(columns), **options}


def date(columns: str | Sequence[str], **options: Any) -> Spec:
    """Dates: exact / day-month swap / within N days / within M months, or a directional window."""
    return {"type": "date", "columns": _columns(columns), **options}


def district(columns: str | Sequence[str], **options: Any) -> Spec:
    """Federal districts in any spelling: same district / same state / else."""
    return {"type": "district", "columns": _columns(columns), **options}


def reference(columns: str | Sequence[str], **options: Any) -> Spec:
    """Report or docket numbers: exact / one transposition or substitution / else."""
    return {"type": "reference", "columns": _columns(columns), **options}


def numeric(columns: str | Sequence[str], **options: Any) -> Spec:
    """Numbers with absolute or relative tolerance levels (e.g. age within 1 or 3)."""
    return {"type": "numeric", "columns": _columns(columns), **options}
