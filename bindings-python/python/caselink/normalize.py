"""What the engine makes of a raw value: the same fields as ``caselink normalize KIND VALUE``.

Each function returns a plain ``dict`` (the JSON object the CLI prints), with ``"input"`` echoing
the value. A value that cannot be parsed is not an error: its fields are ``None``.

>>> from caselink import normalize
>>> d = normalize.name("SMITH, JOHN M. JR.")
>>> d["input"]
'SMITH, JOHN M. JR.'
>>> sorted(normalize.date("2020-10-05"))
['ambiguous', 'date', 'days', 'input', 'precision']
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from caselink import _caselink

__all__ = ["date", "district", "name", "phonetic", "reference", "statute"]

_EPOCH = _dt.date(1970, 1, 1)


def _check(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value


def name(s: str) -> dict[str, Any]:
    """Parse a person name (docket or prose style; aliases; screen names and emails).

    >>> sorted(name("John Smith"))[:4]
    ['aliases', 'given', 'handle', 'input']
    """
    return _caselink.normalize_describe("name", _check(s, "s"))


def date(s: str, day_first: bool = False, reference: _dt.date | str | None = None) -> dict[str, Any]:
    """Parse a date; ``day_first`` reads ``05/10/2020`` as 5 October; ``reference`` (a
    ``datetime.date`` or ISO ``YYYY-MM-DD`` string) anchors relative words like ``yesterday``.

    >>> date("2020-10-05", reference="2021-01-01")["input"]
    '2020-10-05'
    """
    ref: int | None = None
    if reference is not None:
        if isinstance(reference, str):
            try:
                reference = _dt.date.fromisoformat(reference)
            except ValueError:
                raise ValueError(f"reference must be an ISO date (YYYY-MM-DD), got {reference!r}") from None
        if isinstance(reference, _dt.datetime):
            reference = reference.date()
        if not isinstance(reference, _dt.date):
            raise TypeError(f"reference must be a datetime.date or ISO str, not {type(reference).__name__}")
        ref = (reference - _EPOCH).days
    if not isinstance(day_first, bool):
        raise TypeError(f"day_first must be bool, not {type(day_first).__name__}")
    return _caselink.normalize_date(_check(s, "s"), day_first=day_first, reference=ref)


def district(s: str) -> dict[str, Any]:
    """Resolve a federal district in any spelling (``E.D. Va.``, ``EDVA``, ``vaed``) to its court id.

    >>> district("E.D. Va.")["input"]
    'E.D. Va.'
    """
    return _caselink.normalize_describe("district", _check(s, "s"))


def reference(s: str) -> dict[str, Any]:
    """Parse a CyberTipline report number or a federal docket number into its parts.

    >>> reference("3:18-cr-00178")["input"]
    '3:18-cr-00178'
    """
    return _caselink.normalize_describe("reference", _check(s, "s"))


def statute(s: str) -> dict[str, Any]:
    """Parse US Code citations (``18:2252A(a)(2) and 2253``, ``18 U.S.C. § 2251(a)``) into title,
    section and subsections, with the canonical form the ``statute`` comparison compares.

    >>> statute("18 U.S.C. § 2252A(a)(5)(B)")["canonical"]
    '18:2252a(a)(5)(b)'
    """
    return _caselink.normalize_describe("statute", _check(s, "s"))


def phonetic(s: str) -> dict[str, Any]:
    """Soundex and Double Metaphone keys of a name.

    >>> sorted(phonetic("Robert"))
    ['input', 'metaphone', 'metaphone_alt', 'soundex']
    """
    return _caselink.normalize_describe("phonetic", _check(s, "s"))
