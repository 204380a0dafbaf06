"""caselink.Linker: train, link, dedupe, cluster, explain, model bytes, threads, CLI parity."""

from __future__ import annotations

import csv
import pickle
import subprocess
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import caselink
from caselink import Linker, block, compare

N_PEOPLE = 300


def make_linker() -> Linker:
    return Linker(
        comparisons=[
            compare.name(given="first_name", surname="surname"),
            compare.exact("dob"),
            compare.string("city", thresholds=[0.9]),
            compare.exact("zip"),
        ],
        blocking=[block.key("dob"), block.key(block.surname_soundex("surname"), "state")],
        unique_id="unique_id",
    )


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    return caselink.synth.persons(N_PEOPLE, seed=0, flavour="dict")


@pytest.fixture(scope="module")
def trained(world: dict[str, Any]) -> Linker:
    lk = make_linker()
    report = lk.train(world["persons"])
    assert report["candidate_pairs"] > 0 and len(report["passes"]) == 2
    return lk


def to_flavour(cols: dict[str, list[Any]], flavour: str) -> Any:
    if flavour == "pandas":
        return pd.DataFrame(cols)
    if flavour == "polars":
        return pl.DataFrame(cols)
    if flavour == "arrow":
        return pa.table(cols)
    return cols


def as_dict(frame: Any) -> dict[str, list[Any]]:
    if isinstance(frame, pd.DataFrame):
        return {k: frame[k].tolist() for k in frame.columns}
    if isinstance(frame, pl.DataFrame):
        return frame.to_dict(as_series=False)  # type: ignore[no-any-return]
    if isinstance(frame, pa.Table):
        return frame.to_pydict()  # type: ignore[no-any-return]
    return {k: list(v) for k, v in frame.items()}


def test_dedupe_finds_the_true_pairs(world: dict[str, Any], trained: Linker) -> None:
    pairs = trained.dedupe(world["persons"], threshold=0.5)
    assert list(pairs)[:4] == ["left_id", "right_id", "match_weight", "match_probability"]
    assert [c for c in pairs if c.startswith("level_")] == [f"level_{n}" for n in trained.comparison_names]
    assert min(pairs["match_probability"]) >= 0.5
    report = caselink.evaluate(pairs, world["truth"])
    assert report["f1"] > 0.85, report
    strict = caselink.evaluate(trained.dedupe(world["persons"], threshold=0.99), world["truth"])
    assert strict["precision"] >= report["precision"]


@pytest.mark.parametrize("flavour", ["dict", "pandas", "polars", "arrow"])
def test_every_flavour_gives_the_same_pairs(world: dict[str, Any], trained: Linker, flavour: str) -> None:
    want = as_dict(trained.dedupe(world["persons"]))
    got = trained.dedupe(to_flavour(world["persons"], flavour))
    assert caselink._frames.flavour(got) == flavour
    got_d = as_dict(got)
    assert got_d["left_id"] == want["left_id"] and got_d["right_id"] == want["right_id"]
    np.testing.assert_array_equal(got_d["match_weight"], want["match_weight"])


def test_link_two_tables_and_cluster(world: dict[str, Any], trained: Linker) -> None:
    persons = pd.DataFrame(world["persons"])
    left, right = persons.iloc[::2].reset_index(drop=True), persons.iloc[1::2].reset_index(drop=True)
    pairs = trained.link(left, right, threshold=0.5, sources=("a", "b"))
    assert set(pairs["left_id"]) <= set(left["unique_id"]) and set(pairs["right_id"]) <= set(right["unique_id"])
    assert set(pairs["left_source"]) == {"a"}
    clusters = trained.cluster(pairs, records={"a": left, "b": right})
    assert list(clusters.columns) == ["source", "unique_id", "cluster_id"]
    assert len(clusters) == len(persons)
    # Records of one cluster are linked through pairs at or above the threshold.
    by_key = {(s, i): c for s, i, c in zip(clusters["source"], clusters["unique_id"], clusters["cluster_id"])}
    for a, b in zip(pairs["left_id"], pairs["right_id"]):
        assert by_key[("a", a)] == by_key[("b", b)]


def test_dedupe_cluster_covers_every_record(world: dict[str, Any], trained: Linker) -> None:
    pairs = trained.dedupe(world["persons"])
    clusters = trained.cluster(pairs, threshold=0.5, records=world["persons"])
    assert sorted(clusters["unique_id"]) == sorted(world["persons"]["unique_id"])
    report = caselink.evaluate(clusters, world["truth"])
    assert report["bcubed"]["f1"] > 0.85
    only_linked = trained.cluster(pairs)
    assert len(only_linked["unique_id"]) < len(clusters["unique_id"])


def test_ids_keep_their_type() -> None:
    frame = pd.DataFrame({"id": [10, 11, 12, 13], "name": ["Ann Lee", "Ann Lee", "Bob Ray", "Cy Po"]})
    lk = Linker(comparisons=[compare.exact("name")], unique_id="id", prior=0.1)
    lk.train(frame)
    pairs = lk.dedupe(frame, threshold=0.0)
    assert pairs["left_id"].dtype == np.int64
    assert (10, 11) in set(zip(pairs["left_id"], pairs["right_id"]))


def test_explain_sums_to_the_match_weight(world: dict[str, Any], trained: Linker) -> None:
    pairs = trained.dedupe(world["persons"])
    row = {k: v[3] for k, v in pairs.items()}
    e = trained.explain(row, world["persons"])
    assert [t["comparison"] for t in e["terms"]] == trained.comparison_names
    assert e["prior_weight"] + sum(t["weight"] for t in e["terms"]) == pytest.approx(e["match_weight"])
    assert e["match_weight"] == pytest.approx(row["match_weight"])
    assert [t["level"] for t in e["terms"]] == [row[f"level_{n}"] for n in trained.comparison_names]
    assert trained.explain((row["left_id"], row["right_id"]), world["persons"]) == e
    with pytest.raises(KeyError, match="nobody"):
        trained.explain(("nobody", row["right_id"]), world["persons"])


def test_parameters_frame(trained: Linker) -> None:
    params = trained.parameters(flavour="pandas")
    assert set(params["comparison"]) == set(trained.comparison_names)
    assert ((params["m"] > 0) & (params["m"] <= 1) & (params["u"] > 0)).all()
    np.testing.assert_allclose(params["weight"], np.log2(params["m"] / params["u"]))


def test_model_round_trips(tmp_path: Path, world: dict[str, Any], trained: Linker) -> None:
    want = trained.dedupe(world["persons"])
    for again in (
        Linker.from_bytes(trained.to_bytes()),
        pickle.loads(pickle.dumps(trained)),
    ):
        assert again == trained and again.is_trained
        assert again.dedupe(world["persons"]) == want
    path = tmp_path / "model.bin"
    trained.save(path)
    assert Linker.load(path).dedupe(world["persons"]) == want
    spec_only = Linker.from_json(trained.to_json())
    assert spec_only.spec == trained.spec and not spec_only.is_trained and spec_only != trained


def test_errors(tmp_path: Path, world: dict[str, Any]) -> None:
    with pytest.raises(caselink.ModelError, match="not trained"):
        make_linker().dedupe(world["persons"])
    with pytest.raises(caselink.ModelError, match="not trained"):
        make_linker().parameters()
    with pytest.raises(caselink.SpecError, match="comparisons"):
        Linker(comparisons=[{"type": "fuzzy", "column": "x"}])
    with pytest.raises(caselink.ColumnNotFoundError, match="not found in left"):
        make_linker().train({"unique_id": ["1", "2"], "first_name": ["a", "b"]})
    with pytest.raises(caselink.ModelError):
        Linker.from_bytes(b"not a model")
    with pytest.raises(caselink.CaselinkIOError):
        Linker.load(tmp_path / "missing.bin")
    with pytest.raises(ValueError, match="threshold"):
        make_linker().dedupe(world["persons"], threshold=1.5)
    with pytest.raises(TypeError, match="dedupe"):
        make_linker().link(world["persons"], None)


def test_rejected_ids_warn(trained: Linker, world: dict[str, Any]) -> None:
    persons = {k: [*v, v[0]] for k, v in world["persons"].items()}
    with pytest.warns(UserWarning, match="repeated id|duplicate id"):
        trained.dedupe(persons)


def test_two_threads_share_one_linker(world: dict[str, Any], trained: Linker) -> None:
    want = trained.dedupe(world["persons"])
    results: list[Any] = [None] * 4

    def work(i: int) -> None:
        results[i] = trained.dedupe(world["persons"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results)


def test_same_pairs_and_weights_as_the_cli(tmp_path: Path, cli: str, world: dict[str, Any], trained: Linker) -> None:
    subprocess.run([cli, "synth", "--persons", str(N_PEOPLE), "--seed", "0", "--out", str(tmp_path)], check=True)
    from_csv = caselink._caselink.Dataset.read_csv(tmp_path / "persons.csv").to_dict()
    assert from_csv == world["persons"], "caselink.synth.persons is the CLI's data"
    spec = tmp_path / "spec.json"
    spec.write_text(make_linker().to_json())
    out = tmp_path / "pairs.csv"
    subprocess.run(
        [cli, "link", "--spec", str(spec), str(tmp_path / "persons.csv"), "--out", str(out), "--threshold", "0.5"],
        check=True,
        capture_output=True,
    )
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    fresh = make_linker()
    fresh.train(world["persons"])
    got = fresh.dedupe(world["persons"], threshold=0.5)
    assert [(r["left_id"], r["right_id"]) for r in rows] == list(zip(got["left_id"], got["right_id"]))
    assert [r["match_weight"] for r in rows] == [f"{w:.6f}" for w in got["match_weight"]]
    assert [r["level_dob"] for r in rows] == [str(v) for v in got["level_dob"]]
