"""String similarities and distances, one pair at a time or in batches.

Scalar functions take two ``str``; the batch functions :func:`cpdist` (element-wise) and
:func:`cdist` (all against all) take any sequence of strings -- a list or tuple, a numpy array, a
pandas or polars Series, or a pyarrow (chunked) array -- and return a ``numpy.ndarray`` of
``float64``. A missing value (``None``, or a null in a Series/array) gives ``NaN`` in the result.
Batch calls release the GIL, and ``workers=-1`` uses every core; the result is the same for any
number of workers.

>>> from caselink import metrics
>>> metrics.levenshtein("kitten", "sitting")
3
>>> metrics.cpdist(["Jon", "Ann", None], ["John", "Anne", "Bo"], scorer="jaro_winkler").round(3).tolist()
[0.933, 0.942, nan]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

import numpy as np
import numpy.typing as npt

from caselink import _caselink
from caselink._caselink import (
    jaro,
    jaro_winkler,
    levenshtein,
    normalized_levenshtein,
    normalized_osa,
    osa,
    qgram,
    token_set,
    token_sort,
)
from caselink._frames import as_strings

__all__ = [
    "SCORERS",
    "cdist",
    "cpdist",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "normalized_levenshtein",
    "normalized_osa",
    "osa",
    "qgram",
    "token_set",
    "token_sort",
]

SCORERS: tuple[str, ...] = tuple(_caselink.SCORERS)
"""Names accepted as ``scorer=`` (each is also a function of this module)."""

Scorer = Union[str, Callable[[str, str], Union[float, int]]]


def _scorer_name(scorer: Scorer) -> str:
    if isinstance(scorer, str):
        return scorer
    name = getattr(scorer, "__name__", None)
    if callable(scorer) and name in SCORERS and getattr(scorer, "__module__", "").startswith("caselink"):
        return str(name)
    raise TypeError(
        f"scorer must be one of {', '.join(SCORERS)} (a name or the caselink.metrics function), got {scorer!r}"
    )


def cpdist(a: Any, b: Any, scorer: Scorer = "jaro_winkler", workers: int = 1) -> npt.NDArray[np.float64]:
    """Score ``a[i]`` against ``b[i]`` for every ``i``.

    ``a`` and ``b`` must have the same length (else ``ValueError``); elements must be ``str`` or
    missing (else ``TypeError`` naming the index). Distances (``levenshtein``, ``osa``) come back as
    whole numbers in a float array so that missing values can be ``NaN``.

    >>> cpdist(["martha", "dwayne"], ["marhta", "duane"], scorer="jaro").round(4).tolist()
    [0.9444, 0.8222]
    >>> cpdist(("abc",), ("abd",), scorer=levenshtein).tolist()
    [1.0]
    """
    return _caselink.cpdist(as_strings(a, "a"), as_strings(b, "b"), scorer=_scorer_name(scorer), workers=workers)


def cdist(
    queries: Any,
    choices: Any,
    scorer: Scorer = "jaro_winkler",
    workers: int = 1,
    score_cutoff: float | None = None,
) -> npt.NDArray[np.float64]:
    """Score every query against every choice: a ``len(queries) x len(choices)`` matrix.

    With ``score_cutoff``, similarities below it become ``0.0`` and distances above it become
    ``score_cutoff + 1`` (the RapidFuzz convention).

    >>> cdist(["ann", "bob"], ["ann", "anne", "rob"], scorer="levenshtein").tolist()
    [[0.0, 1.0, 3.0], [3.0, 4.0, 1.0]]
    >>> cdist(["ann"], ["ann", "bob"], score_cutoff=0.5).tolist()
    [[1.0, 0.0]]
    """
    return _caselink.cdist(
        as_strings(queries, "queries"),
        as_strings(choices, "choices"),
        scorer=_scorer_name(scorer),
        workers=workers,
        score_cutoff=score_cutoff,
    )
