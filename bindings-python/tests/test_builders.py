"""caselink.compare / caselink.block builders and the Linker spec object."""

from __future__ import annotations

import json
import pickle

import pytest

from caselink import Linker, block, compare


def test_compare_builders_return_plain_dicts() -> None:
    for fn in (
        compare.exact,
        compare.name,
        compare.date,
        compare.district,
        compare.reference,
        compare.numeric,
    ):
        spec = fn("col")
        assert spec["type"] == fn.__name__
        assert spec["columns"] == ["col"]
        json.dumps(spec)
    assert compare.string(["given", "surname"], metric="levenshtein", thresholds=[0.9, 0.7]) == {
        "type": "string",
        "columns": ["given", "surname"],
        "metric": "levenshtein",
        "thresholds": [0.9, 0.7],
    }
    assert compare.date("dob", window_days=[0, 1095])["window_days"] == [0, 1095]


def test_builder_argument_errors() -> None:
    with pytest.raises(ValueError, match="metric"):
        compare.string("a", metric="soundex")
    with pytest.raises(ValueError, match="decreasing"):
        compare.string("a", thresholds=[0.5, 0.9])
    with pytest.raises(ValueError, match="column"):
        compare.exact([])
    with pytest.raises(ValueError, match="window"):
        block.sorted_neighbourhood("a", window=1)
    with pytest.raises(ValueError, match="max_distance"):
        block.fuzzy("a", max_distance=3)
    with pytest.raises(ValueError, match="column"):
        block.key()


def test_block_builders() -> None:
    assert block.key("surname", "state", transform="first3") == {
        "type": "key",
        "columns": ["surname", "state"],
        "transform": "first3",
    }
    assert block.fuzzy("surname")["max_distance"] == 1


def test_linker_json_and_pickle_round_trip() -> None:
    lk = Linker(
        comparisons=[compare.name("name"), compare.date("dob")],
        blocking=[block.key("state")],
        unique_id="rid",
        prior=0.01,
    )
    again = Linker.from_json(lk.to_json())
    assert again == lk
    assert again.spec["prior"] == 0.01
    assert pickle.loads(pickle.dumps(lk)) == lk
    assert lk != Linker(comparisons=[compare.name("name")], unique_id="rid")
    spec = lk.spec
    spec["comparisons"].clear()
    assert len(lk.spec["comparisons"]) == 2, "spec is a copy"
    assert "2 comparisons" in repr(lk)


def test_linker_argument_errors() -> None:
    with pytest.raises(TypeError, match="comparisons"):
        Linker(comparisons=["name"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="unique_id"):
        Linker(comparisons=[], unique_id="")
    with pytest.raises(ValueError, match="JSON object"):
        Linker.from_json("[1]")
