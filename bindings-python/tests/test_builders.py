"""caselink.compare / caselink.block builders and the Linker spec object."""

from __future__ import annotations

import json
import pickle

import pytest

import caselink
from caselink import Linker, block, compare


def test_compare_builders_return_plain_dicts() -> None:
    builders = (compare.exact, compare.name, compare.middle_name, compare.date, compare.district)
    for fn in (*builders, compare.reference, compare.numeric, compare.statute):
        spec = fn("col")
        assert spec["type"] == fn.__name__
        assert spec["column"] == "col"
        json.dumps(spec)
    assert compare.string(("given", "first"), metric="levenshtein", thresholds=[0.9, 0.7]) == {
        "type": "string",
        "column": "given",
        "right_column": "first",
        "metric": "levenshtein",
        "thresholds": [0.9, 0.7],
    }
    assert compare.date("dob", window=(0, 1095))["window"] == [0, 1095]
    assert compare.reference("case_number", court="court_id")["court_column"] == "court_id"
    assert compare.exact("a", name="same_a")["name"] == "same_a"


def test_every_builder_compiles_in_the_engine() -> None:
    comparisons = [
        compare.exact("state", tf=True),
        compare.string("city", metric="token_sort"),
        compare.name("full_name", tf=True),
        compare.name(given="first", surname="last", name="person"),
        compare.middle_name("full_name", name="middle"),
        compare.date("dob", within_days=[1, 10], within_months=[6], day_first=True),
        compare.date(("received", "filed"), window=(0, 1100), name="delay"),
        compare.district("district"),
        compare.reference("case_number", court="court_id"),
        compare.numeric("age", tolerances=[1, 3]),
        compare.statute("statute"),
        compare.handle(["email", "screen_name"], "full_name", tf=True),
    ]
    blocking = [
        block.key("state"),
        block.key(block.prefix("last", 3), block.year("dob")),
        block.key(block.soundex("last"), block.metaphone("first"), block.given_initial("full_name")),
        block.key(block.surname("full_name"), block.surname_soundex("full_name")),
        block.key(block.district("district"), block.reference("case_number"), block.value("city")),
        block.sorted_neighbourhood(block.surname("full_name"), window=4),
        block.fuzzy("last", max_edits=2),
        block.key(block.handle(("email", "full_name")), block.district("district")),
    ]
    lk = Linker(comparisons=comparisons, blocking=blocking, unique_id="rid")
    assert len(lk.comparison_names) == len(comparisons)
    assert len(lk.spec["blocking"]) == len(blocking)


def test_builder_argument_errors() -> None:
    with pytest.raises(ValueError, match="metric"):
        compare.string("a", metric="soundex")
    with pytest.raises(ValueError, match="decreasing"):
        compare.string("a", thresholds=[0.5, 0.9])
    with pytest.raises(ValueError, match="column"):
        compare.exact([])
    with pytest.raises(ValueError, match="given"):
        compare.name()
    with pytest.raises(ValueError, match="window"):
        compare.date("d", window=(5, 1))
    with pytest.raises(ValueError, match="increasing"):
        compare.numeric("age", tolerances=[3, 1])
    with pytest.raises(ValueError, match="window"):
        block.sorted_neighbourhood("a", window=1)
    with pytest.raises(ValueError, match="max_edits"):
        block.fuzzy("a", max_edits=3)
    with pytest.raises(ValueError, match="column"):
        block.key()
    with pytest.raises(ValueError, match="n must be"):
        block.prefix("a", 0)
    with pytest.raises(ValueError, match="key function"):
        block.key({"column": "a"})


def test_block_builders() -> None:
    assert block.key("surname", ("state", "st")) == {
        "type": "key",
        "keys": [{"fn": "value", "column": "surname"}, {"fn": "value", "column": "state", "right_column": "st"}],
    }
    assert block.fuzzy("surname") == {"type": "fuzzy", "column": "surname", "max_edits": 1}


def test_linker_json_and_pickle_round_trip() -> None:
    lk = Linker(
        comparisons=[compare.name("name"), compare.date("dob")],
        blocking=[block.key("state")],
        unique_id="rid",
        prior=0.01,
    )
    again = Linker.from_json(lk.to_json())
    assert again == lk
    assert again.spec["model"]["prior"] == 0.01
    assert Linker(comparisons=[compare.name("name")], unique_id="rid", model={"seed": 7}).spec["model"]["seed"] == 7
    assert pickle.loads(pickle.dumps(lk)) == lk
    assert lk != Linker(comparisons=[compare.name("name")], unique_id="rid")
    spec = lk.spec
    spec["comparisons"].clear()
    assert len(lk.spec["comparisons"]) == 2, "spec is a copy"
    assert "2 comparisons" in repr(lk) and "untrained" in repr(lk)
    toml = 'unique_id = "rid"\n[[comparisons]]\ntype = "exact"\ncolumn = "name"\n'
    assert Linker.from_toml(toml).comparison_names == ["name"]


def test_linker_argument_errors() -> None:
    with pytest.raises(TypeError, match="comparisons"):
        Linker(comparisons=["name"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="unique_id"):
        Linker(comparisons=[], unique_id="")
    with pytest.raises(caselink.SpecError, match="JSON"):
        Linker.from_json("{not json")
    with pytest.raises(caselink.SpecError, match=r"prior|unknown"):
        Linker(comparisons=[compare.exact("a")], priors=0.1)


def test_middle_name_separates_namesakes() -> None:
    # Dockets with the same given name and surname: a disagreeing middle name must weigh
    # against the pair, an agreeing one for it.
    world = caselink.synth.cases(3000, seed=5, flavour="dict")
    lk = Linker(
        comparisons=[
            compare.name("defendant_name"),
            compare.middle_name("defendant_name", name="middle"),
            compare.district("court_id"),
        ],
        blocking=[block.key(block.surname("defendant_name"))],
        unique_id="docket_id",
    )
    lk.train(world["dockets"])
    params = lk.parameters(flavour="dict")
    assert [lb for c, lb in zip(params["comparison"], params["label"]) if c == "middle"] == ["else", "initial", "exact"]
    pairs = lk.dedupe(world["dockets"], threshold=0.0)
    weights: dict[int, list[float]] = {}
    for name_level, middle, w in zip(pairs["level_defendant_name"], pairs["level_middle"], pairs["match_weight"]):
        if name_level == 7:
            weights.setdefault(middle, []).append(w)
    assert set(weights) == {0, 1, 2, 3}
    mean = {k: sum(v) / len(v) for k, v in weights.items()}
    assert mean[1] < mean[0] < mean[3]
