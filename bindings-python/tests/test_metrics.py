"""caselink.metrics: scalar functions, cpdist/cdist, input kinds, errors, agreement with RapidFuzz."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from rapidfuzz import distance as rfd
from rapidfuzz import process

from caselink import metrics
from caselink._caselink import StringColumn

SCALAR = {name: getattr(metrics, name) for name in metrics.SCORERS}


def test_scorer_names_are_the_scalar_functions() -> None:
    assert set(metrics.SCORERS) >= {
        "jaro",
        "jaro_winkler",
        "levenshtein",
        "normalized_levenshtein",
        "osa",
        "token_sort",
    }
    for name in metrics.SCORERS:
        assert callable(getattr(metrics, name))


@pytest.mark.parametrize("scorer", metrics.SCORERS)
def test_cpdist_and_cdist_equal_scalar(scorer: str, pairs: tuple[list[str], list[str]]) -> None:
    a, b = pairs[0][:400], pairs[1][:400]
    f = SCALAR[scorer]
    expected = np.array([f(x, y) for x, y in zip(a, b)], dtype=np.float64)
    got = metrics.cpdist(a, b, scorer=scorer)
    assert got.dtype == np.float64
    assert got.shape == (400,)
    assert np.array_equal(got, expected)  # bit-identical, not approximately equal
    m = metrics.cdist(a[:30], b[:40], scorer=scorer)
    assert m.shape == (30, 40)
    assert np.array_equal(m, np.array([[f(x, y) for y in b[:40]] for x in a[:30]]))


def test_scalar_values() -> None:
    assert metrics.levenshtein("kitten", "sitting") == 3
    assert isinstance(metrics.levenshtein("a", "b"), int)
    assert metrics.osa("jonh", "john") == 1
    assert metrics.levenshtein("jonh", "john") == 2
    assert metrics.normalized_levenshtein("", "") == 1.0
    assert metrics.jaro_winkler("same", "same") == 1.0
    assert metrics.jaro("abc", "xyz") == 0.0
    assert metrics.token_sort("smith john", "john smith") == 1.0
    assert metrics.token_sort("smith john", "john smyth") < 1.0
    assert metrics.levenshtein("zoë", "zoe") == 1  # characters, not bytes


@pytest.mark.parametrize(
    ("scorer", "reference"),
    [
        ("jaro_winkler", rfd.JaroWinkler.normalized_similarity),
        ("jaro", rfd.Jaro.normalized_similarity),
        ("normalized_levenshtein", rfd.Levenshtein.normalized_similarity),
        ("levenshtein", rfd.Levenshtein.distance),
        ("osa", rfd.OSA.distance),
    ],
)
def test_agrees_with_rapidfuzz(scorer: str, reference: object, pairs: tuple[list[str], list[str]]) -> None:
    a, b = pairs
    ours = metrics.cpdist(a, b, scorer=scorer)
    theirs = process.cpdist(a, b, scorer=reference, workers=1, dtype=np.float64)
    assert np.max(np.abs(ours - theirs)) <= 1e-9


def test_token_sort_is_levenshtein_on_sorted_tokens(pairs: tuple[list[str], list[str]]) -> None:
    # caselink's token_sort uses Levenshtein; RapidFuzz's token_sort_ratio uses Indel, so the
    # reference here is RapidFuzz Levenshtein on the token-sorted strings.
    a, b = pairs
    srt = [" ".join(sorted(s.split())) for s in a], [" ".join(sorted(s.split())) for s in b]
    ours = metrics.cpdist(a, b, scorer="token_sort")
    theirs = process.cpdist(*srt, scorer=rfd.Levenshtein.normalized_similarity, workers=1, dtype=np.float64)
    assert np.max(np.abs(ours - theirs)) <= 1e-9


def test_cutoff_matches_rapidfuzz_convention(pairs: tuple[list[str], list[str]]) -> None:
    q, c = pairs[0][:50], pairs[1][:60]
    ours = metrics.cdist(q, c, scorer="jaro_winkler", score_cutoff=0.8)
    theirs = process.cdist(q, c, scorer=rfd.JaroWinkler.normalized_similarity, score_cutoff=0.8, dtype=np.float64)
    assert np.max(np.abs(ours - theirs)) <= 1e-9
    assert (ours == 0).any() and (ours >= 0.8).any()
    dist = metrics.cdist(q, c, scorer="levenshtein", score_cutoff=3)
    rf = process.cdist(q, c, scorer=rfd.Levenshtein.distance, score_cutoff=3, dtype=np.int64)
    assert np.array_equal(dist, rf.astype(np.float64))


def test_workers_do_not_change_results(pairs: tuple[list[str], list[str]]) -> None:
    a, b = pairs[0] * 4, pairs[1] * 4
    one = metrics.cpdist(a, b, workers=1)
    assert np.array_equal(one, metrics.cpdist(a, b, workers=-1))
    assert np.array_equal(one, metrics.cpdist(a, b, workers=3))
    m1 = metrics.cdist(a[:300], b[:200], scorer="levenshtein", workers=1)
    assert np.array_equal(m1, metrics.cdist(a[:300], b[:200], scorer="levenshtein", workers=-1))


def test_missing_values_give_nan() -> None:
    got = metrics.cpdist(["ann", None, "bob"], ["ann", "x", None])
    assert got[0] == 1.0
    assert np.isnan(got[1]) and np.isnan(got[2])
    m = metrics.cdist([None, "a"], ["a"], scorer="levenshtein")
    assert np.isnan(m[0, 0]) and m[1, 0] == 0.0


def _as_arrow_sliced(values: list[str | None]) -> pa.Array:
    arr = pa.array(["pad", *values, "pad"], type=pa.string())
    return arr.slice(1, len(values))


INPUTS = {
    "list": lambda v: list(v),
    "tuple": lambda v: tuple(v),
    "numpy_object": lambda v: np.array(v, dtype=object),
    "pandas_object": lambda v: pd.Series(v, dtype=object),
    "pandas_arrow_string": lambda v: pd.Series(v, dtype="string[pyarrow]"),
    "polars": lambda v: pl.Series(v, dtype=pl.String),
    "arrow_string": lambda v: pa.array(v, type=pa.string()),
    "arrow_large_string": lambda v: pa.array(v, type=pa.large_string()),
    "arrow_string_view": lambda v: pa.array(v, type=pa.string_view()),
    "arrow_sliced": _as_arrow_sliced,
    "arrow_chunked": lambda v: pa.chunked_array([v[:2], v[2:]], type=pa.string()),
    "arrow_dictionary": lambda v: pa.array(v, type=pa.string()).dictionary_encode(),
    "string_column": lambda v: StringColumn(v),
}


@pytest.mark.parametrize("kind", sorted(INPUTS))
def test_input_kinds(kind: str) -> None:
    a = ["Ann Lee", None, "José Ñúñez", "", "bob"]
    b = ["Anne Lee", "x", "Jose Nunez", "", None]
    expected = metrics.cpdist(a, b)
    got = metrics.cpdist(INPUTS[kind](a), INPUTS[kind](b))
    assert np.array_equal(got, expected, equal_nan=True)
    assert np.array_equal(metrics.cdist(INPUTS[kind](a), b), metrics.cdist(a, b), equal_nan=True)


def test_numpy_unicode_array() -> None:
    a = np.array(["ann", "bob"])
    assert metrics.cpdist(a, a).tolist() == [1.0, 1.0]


def test_scorer_may_be_the_function() -> None:
    assert metrics.cpdist(["ab"], ["ac"], scorer=metrics.levenshtein).tolist() == [1.0]
    with pytest.raises(TypeError, match="scorer"):
        metrics.cpdist(["ab"], ["ac"], scorer=len)  # type: ignore[arg-type]


def test_errors() -> None:
    with pytest.raises(ValueError, match="equal length, got 2 and 1"):
        metrics.cpdist(["a", "b"], ["a"])
    with pytest.raises(TypeError, match="element 1 of 'b' is int"):
        metrics.cpdist(["a", "b"], ["a", 3])
    with pytest.raises(TypeError, match="element 0 of 'queries' is bytes"):
        metrics.cdist([b"a"], ["a"])
    with pytest.raises(ValueError, match="unknown scorer 'fuzzy'"):
        metrics.cpdist(["a"], ["a"], scorer="fuzzy")
    with pytest.raises(ValueError, match="workers"):
        metrics.cpdist(["a"], ["a"], workers=0)
    with pytest.raises(TypeError, match="single str"):
        metrics.cpdist("abc", "abd")
    with pytest.raises(TypeError, match="expected strings"):
        metrics.cpdist(pa.array([1, 2]), pa.array([1, 2]))
    with pytest.raises(TypeError):
        metrics.jaro("a", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="NaN"):
        metrics.cdist(["a"], ["a"], score_cutoff=float("nan"))


class _Name(str):
    """A str subclass: read like any str."""


def _mixed(pairs: tuple[list[str], list[str]], n: int) -> tuple[list[str | None], list[str | None]]:
    """n pairs spanning several of cpdist's chunks (4096 pairs each): missing values, empty and
    non-ASCII strings and str subclasses scattered through them."""
    a: list[str | None] = [pairs[0][i % len(pairs[0])] for i in range(n)]
    b: list[str | None] = [pairs[1][i % len(pairs[1])] for i in range(n)]
    for i in range(0, n, 997):
        a[i] = None
    for i in range(5, n, 1301):
        b[i] = None
    for i in range(7, n, 499):
        a[i] = "José Ñúñez-Øster 李"
    for i in range(11, n, 773):
        b[i] = ""
    for i in range(13, n, 611):
        a[i] = _Name(str(a[i]))
    return a, b


@pytest.mark.parametrize("scorer", metrics.SCORERS)
def test_cpdist_lists_across_chunks_equal_scalar(scorer: str, pairs: tuple[list[str], list[str]]) -> None:
    a, b = _mixed(pairs, 3 * 4096 + 17)
    f = SCALAR[scorer]
    expected = np.array([np.nan if x is None or y is None else f(x, y) for x, y in zip(a, b)])
    for got in (
        metrics.cpdist(a, b, scorer=scorer),
        metrics.cpdist(tuple(a), tuple(b), scorer=scorer),
        metrics.cpdist(a, tuple(b), scorer=scorer),
        metrics.cpdist(a, StringColumn(b), scorer=scorer),
        metrics.cpdist(a, b, scorer=scorer, workers=2),
    ):
        assert got.dtype == np.float64 and got.shape == (len(a),)
        assert np.array_equal(got, expected, equal_nan=True)


def test_cpdist_edge_inputs() -> None:
    for empty in ([], ()):
        got = metrics.cpdist(empty, empty)
        assert got.dtype == np.float64 and got.shape == (0,)
    assert metrics.cdist([], ["a"]).shape == (0, 1)
    assert metrics.cdist(["a"], []).shape == (1, 0)
    assert np.isnan(metrics.cpdist([None], [None])).all()
    assert metrics.cpdist(["zoë"], ["zoe"], scorer="levenshtein").tolist() == [1.0]  # characters, not bytes
    assert metrics.cpdist(["李小龍"], ["李小龙"], scorer="normalized_levenshtein")[0] == pytest.approx(2 / 3)
    assert metrics.cpdist([_Name("ann")], ["ann"]).tolist() == [1.0]


def test_cpdist_errors_name_the_index_past_the_first_chunk(pairs: tuple[list[str], list[str]]) -> None:
    a, b = _mixed(pairs, 9000)
    bad: list[Any] = list(b)
    bad[8500] = 3.5
    with pytest.raises(TypeError, match="element 8500 of 'b' is float, expected str or None"):
        metrics.cpdist(a, bad)
    with pytest.raises(TypeError, match="element 8500 of 'b' is float"):
        metrics.cpdist(tuple(a), tuple(bad))
    with pytest.raises(TypeError, match="element 0 of 'a' is bytes"):
        metrics.cpdist([b"x"], ["x"])
    with pytest.raises(ValueError, match="equal length, got 9000 and 8999"):
        metrics.cpdist(a, b[:-1])
    with pytest.raises(ValueError, match="equal length, got 0 and 1"):
        metrics.cpdist([], ["a"])


def test_lone_surrogates_raise_unicode_errors() -> None:
    # A str holding a lone surrogate has no UTF-8 form; every entry point says so.
    s = "bad \udc80"
    with pytest.raises(UnicodeEncodeError):
        metrics.cpdist(["ok", s], ["ok", "ok"])
    with pytest.raises(UnicodeEncodeError):
        metrics.cdist([s], ["ok"])
    with pytest.raises(UnicodeEncodeError):
        metrics.jaro_winkler(s, "ok")
    with pytest.raises(UnicodeEncodeError):
        StringColumn([s])


def test_string_column_from_arrow_validates_buffers() -> None:
    offsets = np.array([0, 5], dtype=np.int32).tobytes()
    with pytest.raises(ValueError, match="outside the data buffer"):
        StringColumn.from_arrow(b"abc", offsets, None, 0, 1, False)
    with pytest.raises(ValueError, match="not UTF-8"):
        StringColumn.from_arrow(b"\xff", np.array([0, 1], dtype=np.int32).tobytes(), None, 0, 1, False)
    with pytest.raises(ValueError, match="offsets buffer"):
        StringColumn.from_arrow(b"a", np.array([0], dtype=np.int32).tobytes(), None, 0, 1, False)
    with pytest.raises(ValueError, match="validity bitmap"):
        StringColumn.from_arrow(b"a", np.array([0, 1], dtype=np.int32).tobytes(), b"", 0, 1, False)
    ok = StringColumn.from_arrow(b"annbob", np.array([0, 3, 6], dtype=np.int64).tobytes(), b"\x01", 0, 2, True)
    assert ok.to_list() == ["ann", None]


def _another_thread_ran_during(call: Callable[[], object]) -> bool:
    """Whether a second Python thread executed bytecode while `call()` ran in this thread.

    The second thread is parked on `gate` (blocking on a lock releases the GIL); we open the gate
    and then, without releasing the GIL ourselves, call. Before the call the counter is 0, since
    the other thread needs the GIL to run its increment. Python only takes the GIL from a
    running thread when a waiter has asked for it for a whole switch interval; with the interval
    set far beyond the call's length nothing forces it, so the counter can change only if `call`
    itself lets go of the GIL. If `call` held the GIL throughout, the counter is still 0 after it,
    on any machine and at any load. Whether a released GIL is picked up before the call ends is up
    to the OS scheduler, so the caller may try more than once; no number of tries can make a held
    GIL pass.
    """
    gate = threading.Lock()
    gate.acquire()
    counter = [0]

    def other() -> None:
        with gate:
            counter[0] += 1

    interval = sys.getswitchinterval()
    worker = threading.Thread(target=other)
    worker.start()
    sys.setswitchinterval(1000.0)
    try:
        gate.release()
        before = counter[0]
        call()
        after = counter[0]
    finally:
        sys.setswitchinterval(interval)
        worker.join()
    assert before == 0
    return after > before


@pytest.mark.parametrize("kind", ["cdist", "cpdist"])
def test_other_threads_run_during_batch_work(pairs: tuple[list[str], list[str]], kind: str) -> None:
    # cdist scores one block with the GIL released; cpdist releases it chunk by chunk.
    a, b = pairs

    def work() -> object:
        if kind == "cdist":
            return metrics.cdist(a[:300], b, scorer="token_sort")
        return metrics.cpdist(a * 64, b * 64, scorer="token_set")

    # A few tries: a released GIL is normally taken on the first; a held one never is (see above).
    assert any(_another_thread_ran_during(work) for _ in range(10)), f"{kind} held the GIL throughout"
