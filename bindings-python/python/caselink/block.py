"""Blocking-rule builders: each returns the plain ``dict`` a linkage spec holds for one rule.

A rule's candidate pairs agree on derived keys. :func:`key` takes column names (the folded
value is the key) or key functions (:func:`prefix`, :func:`surname`, :func:`district`, ...);
all must agree. The linker's candidate pairs are the union over its rules.

>>> from caselink import block
>>> block.key("state")
{'type': 'key', 'keys': [{'fn': 'value', 'column': 'state'}]}
>>> block.key(block.surname("name"), block.district(("state", "court_id")))["keys"][1]
{'fn': 'district', 'column': 'state', 'right_column': 'court_id'}
>>> block.sorted_neighbourhood("surname", window=5)["window"]
5
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

__all__ = [
    "district",
    "fuzzy",
    "given_initial",
    "handle",
    "key",
    "metaphone",
    "prefix",
    "reference",
    "sorted_neighbourhood",
    "soundex",
    "surname",
    "surname_soundex",
    "value",
    "year",
]

Spec = dict[str, Any]
Columns = Union[str, tuple[str, str], Sequence[str]]


def _key(fn: str, columns: Columns, **extra: Any) -> Spec:
    cols = [columns] if isinstance(columns, str) else list(columns)
    if not 1 <= len(cols) <= 2 or not all(isinstance(c, str) and c for c in cols):
        raise ValueError(f"give a column name or a (left, right) pair of column names, got {columns!r}")
    out: Spec = {"fn": fn, "column": cols[0]}
    if len(cols) == 2 and cols[1] != cols[0]:
        out["right_column"] = cols[1]
    return {**out, **extra}


def _as_key(k: str | tuple[str, str] | Spec) -> Spec:
    if isinstance(k, dict):
        if "fn" not in k:
            raise ValueError(f"a key must come from a caselink.block key function, got {k!r}")
        return dict(k)
    return value(k)


def value(columns: Columns) -> Spec:
    """Key: the folded value."""
    return _key("value", columns)


def prefix(columns: Columns, n: int) -> Spec:
    """Key: the first ``n`` characters of the folded value."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an int >= 1, got {n!r}")
    return _key("prefix", columns, n=n)


def soundex(columns: Columns) -> Spec:
    """Key: Soundex of the value."""
    return _key("soundex", columns)


def metaphone(columns: Columns) -> Spec:
    """Key: Double Metaphone (primary) of the value."""
    return _key("metaphone", columns)


def surname(columns: Columns) -> Spec:
    """Key: the parsed surname of a full-name column."""
    return _key("surname", columns)


def surname_soundex(columns: Columns) -> Spec:
    """Key: Soundex of the parsed surname."""
    return _key("surname_soundex", columns)


def given_initial(columns: Columns) -> Spec:
    """Key: the first letter of the parsed given name."""
    return _key("given_initial", columns)


def year(columns: Columns) -> Spec:
    """Key: the year of a date."""
    return _key("year", columns)


def district(columns: Columns) -> Spec:
    """Key: the court id of a district in any spelling (a state gives all its districts)."""
    return _key("district", columns)


def reference(columns: Columns) -> Spec:
    """Key: the canonical reference (report or docket) number."""
    return _key("reference", columns)


def handle(columns: Columns) -> Spec:
    """Key: a handle's letters (screen name, email, one-word name) or a person name's forms
    (given name + surname and initial + surname, both orders), so ``jsmith84`` meets
    ``SMITH, JOHN``; pairs it with :func:`caselink.compare.handle`."""
    return _key("handle", columns)


def key(*keys: str | tuple[str, str] | Spec) -> Spec:
    """Pairs that agree on every key: column names (their folded value) or key functions."""
    if not keys:
        raise ValueError("give one or more column names or keys")
    return {"type": "key", "keys": [_as_key(k) for k in keys]}


def sorted_neighbourhood(column: str | tuple[str, str] | Spec, window: int = 5) -> Spec:
    """Pairs within ``window`` positions of each other after sorting on a key."""
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise ValueError(f"window must be an int >= 2, got {window!r}")
    return {"type": "sorted_neighbourhood", "key": _as_key(column), "window": window}


def fuzzy(column: Columns, max_edits: int = 1) -> Spec:
    """Pairs whose folded values are within ``max_edits`` (1 or 2) Levenshtein edits."""
    if isinstance(max_edits, bool) or not isinstance(max_edits, int) or not 1 <= max_edits <= 2:
        raise ValueError(f"max_edits must be 1 or 2, got {max_edits!r}")
    k = _key("value", column)
    del k["fn"]
    return {"type": "fuzzy", **k, "max_edits": max_edits}
