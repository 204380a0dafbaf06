"""Blocking-rule builders: each returns the plain ``dict`` a linkage spec holds for one rule.

>>> from caselink import block
>>> block.key("surname", "state")
{'type': 'key', 'columns': ['surname', 'state']}
>>> block.sorted_neighbourhood("surname", window=5)["window"]
5
"""

from __future__ import annotations

from typing import Any

__all__ = ["fuzzy", "key", "sorted_neighbourhood"]

Spec = dict[str, Any]


def _names(columns: tuple[str, ...]) -> list[str]:
    if not columns or not all(isinstance(c, str) and c for c in columns):
        raise ValueError(f"give one or more non-empty column names, got {columns!r}")
    return list(columns)


def key(*columns: str, **options: Any) -> Spec:
    """Pairs that agree exactly on the derived key of every listed column."""
    return {"type": "key", "columns": _names(columns), **options}


def sorted_neighbourhood(column: str, window: int = 5, **options: Any) -> Spec:
    """Pairs within ``window`` positions of each other after sorting on ``column``."""
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise ValueError(f"window must be an int >= 2, got {window!r}")
    return {"type": "sorted_neighbourhood", "columns": _names((column,)), "window": window, **options}


def fuzzy(column: str, max_distance: int = 1, **options: Any) -> Spec:
    """Pairs whose ``column`` values are within ``max_distance`` edits (fuzzy index)."""
    if isinstance(max_distance, bool) or not isinstance(max_distance, int) or not 0 <= max_distance <= 2:
        raise ValueError(f"max_distance must be 0, 1 or 2, got {max_distance!r}")
    return {"type": "fuzzy", "columns": _names((column,)), "max_distance": max_distance, **options}
