"""caselink on Apache Spark: the same Rust engine, run inside the executors.

Spark moves the data; the engine does the per-record work. The trained model travels to the
executors as bytes (``Linker.to_bytes()``, broadcast once); each step that needs the engine runs
in ``mapInArrow`` on Arrow batches, and everything global (joins on blocking keys, deduplication,
counting, connected components, "competing candidates") is a Spark operation.

* :func:`link` — blocking keys per batch in the executors, joined on ``(rule, key)`` in Spark,
  candidate pairs deduplicated, then scored in the executors: the same pairs and weights as
  :meth:`caselink.Linker.link` / :meth:`~caselink.Linker.dedupe`.
* :func:`train` — EM needs only the counts of each comparison pattern: patterns are counted in
  Spark and EM runs on the driver over the counts (u from random pairs, as in ``Linker.train``).
* :func:`cluster` — connected components by alternating large-star / small-star rounds.
* :func:`trace` — the CyberTipline trace: pairs, clusters and outcomes as Spark DataFrames.

Only key blocking rules distribute (sorted-neighbourhood and fuzzy rules need a global order or
index); :func:`link` refuses the others with :class:`caselink.SpecError`. Ids are compared as
text. See ``SPARK.md`` for running on a cluster.

pyspark is imported only by the functions here, never at ``import caselink``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from caselink import _caselink, _frames
from caselink.linker import Linker

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["cluster", "link", "trace", "train"]

#: The trace's linkages, in the engine's order (a source linked with itself is deduplicated).
_LINKAGES = (
    ("referral", "docket"),
    ("docket", "press_release"),
    ("referral", "press_release"),
    ("docket", "docket"),
    ("press_release", "press_release"),
)

#: The release↔release comparisons that add to docket↔docket evidence (what dockets do not record).
_SIBLING_EVIDENCE = ("city", "age", "middle")
#: The docket↔docket levels that bar a join (see `_joinable_dockets`).
_DOCKET_BARS = ("district", "filing_gap")

#: Links the trace's models score below this probability are dropped before candidates compete
#: (the engine's ``CANDIDATE_FLOOR``).
CANDIDATE_FLOOR = 1e-4

#: The probability a referral that writes no name needs to join a case (the engine's
#: ``trace::NAMELESS_FLOOR``).
NAMELESS_FLOOR: float = _caselink.TRACE_NAMELESS_FLOOR

_SOURCES = ("referral", "docket", "press_release")
_ID = {"referral": "report_id", "docket": "docket_id", "press_release": "release_id"}
_TABLE = {"referral": "referrals", "docket": "dockets", "press_release": "press_releases"}
# The columns each source must have, and those added empty when absent (the engine's `conform`).
_REQUIRED = {
    "referral": ("report_id", "received_date", "suspect_name", "state"),
    "docket": ("docket_id", "case_number", "court_id", "defendant_name", "filed_date"),
    "press_release": ("release_id", "date", "district", "defendant_name"),
}
_OPTIONAL = {
    "referral": ("esp", "city", "recipient_agency", "suspect_email", "suspect_screen_name"),
    "docket": ("statute",),
    "press_release": ("age", "city", "state", "event", "sentence_months", "tip_ref", "case_number", "text"),
}
# What the outcome builder reads from each source.
_OUTCOME_COLUMNS = {
    "referral": ("report_id", "received_date", "recipient_agency"),
    "docket": ("docket_id", "filed_date", "court_id", "case_number", "defendant_name"),
    "press_release": (
        "release_id",
        "date",
        "event",
        "sentence_months",
        "defendant_name",
        "district",
        "case_number",
    ),
}
# outcomes.csv's columns after the case id, from the engine's one list.
_OUTCOME_FIELDS = tuple(_caselink.OUTCOME_COLUMNS[1:])

# Executors keep one compiled linker per model (a task deserialises it once, not per batch).
_LINKERS: dict[bytes, Linker] = {}


def _linker(model: bytes) -> Linker:
    key = hashlib.sha256(model).digest()
    lk = _LINKERS.get(key)
    if lk is None:
        if len(_LINKERS) > 16:
            _LINKERS.clear()
        lk = _LINKERS[key] = Linker.from_bytes(model)
    return lk


def _F() -> Any:
    from pyspark.sql import functions

    return functions


def _dataset(table: Any, names: list[str], prefix: str = "") -> _caselink.Dataset:
    import pyarrow as pa

    cols = {n: table.column(prefix + n) for n in names}
    return _frames.to_dataset(_frames.to_columns(pa.table(cols)), name="batch")


def _strings(df: DataFrame, columns: list[str], what: str) -> DataFrame:
    """``df`` reduced to ``columns``, every value as text, rows without an id dropped."""
    F = _F()
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise _caselink.ColumnNotFoundError(f"column '{missing[0]}' not found in {what}")
    return df.select([F.col(c).cast("string").alias(c) for c in columns]).where(F.col(columns[0]).isNotNull())


def _model(df: DataFrame, linker: Linker) -> Any:
    return df.sparkSession.sparkContext.broadcast(linker.to_bytes())


def _keys(data: DataFrame, model: Any, names: list[str], right: bool, training: bool) -> DataFrame:
    """``(rule, key, id)`` for every blocking key of every row, computed by the engine."""
    import pyarrow as pa

    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        lk = _linker(model.value)
        for b in batches:
            t = pa.Table.from_batches([b])
            rule, row, key = _caselink.spark_block_keys(lk._core, _dataset(t, names), right, training)
            ids = t.column(names[0]).combine_chunks().take(pa.array(row))
            yield pa.RecordBatch.from_arrays(
                [pa.array(rule.astype("int32")), pa.array(key), ids], names=["rule", "key", "id"]
            )

    return data.mapInArrow(fn, "rule int, key long, id string")


def _candidates(keys_l: DataFrame, keys_r: DataFrame | None, linker: Linker, per_rule: bool) -> DataFrame:
    """Distinct candidate pairs ``(left_id, right_id)`` (with ``rule`` when ``per_rule``): pairs
    sharing a key under a rule, keys whose block is larger than ``max_block_size`` on either side
    left out, as the single-machine blocker does. Refuses (LimitError) when the blocks hold more
    than ``max_pairs`` pairs (the one action here: a sum over the blocks)."""
    F = _F()
    model = linker.spec["model"]
    cap, max_pairs = int(model["max_block_size"]), int(model["max_pairs"])
    sizes_l = keys_l.groupBy("rule", "key").agg(F.count("*").alias("nl"))
    if keys_r is None:
        blocks = sizes_l.where((F.col("nl") > 1) & (F.col("nl") <= cap)).withColumn(
            "pairs", F.col("nl") * (F.col("nl") - 1) / 2
        )
    else:
        sizes_r = keys_r.groupBy("rule", "key").agg(F.count("*").alias("nr"))
        blocks = (
            sizes_l.join(sizes_r, ["rule", "key"])
            .where((F.col("nl") <= cap) & (F.col("nr") <= cap))
            .withColumn("pairs", F.col("nl") * F.col("nr"))
        )
    row = blocks.agg(F.sum("pairs")).first()
    total = (row[0] if row is not None else 0) or 0
    if total > max_pairs:
        raise _caselink.LimitError(
            f"candidate pairs would be {int(total)}, over the limit of {max_pairs}: make a rule stricter "
            "(add a key), lower model.max_block_size, or raise model.max_pairs"
        )
    ok = blocks.select("rule", "key")
    left = keys_l.join(ok, ["rule", "key"], "left_semi").select("rule", "key", F.col("id").alias("left_id"))
    other = keys_l if keys_r is None else keys_r
    right = other.join(ok, ["rule", "key"], "left_semi").select("rule", "key", F.col("id").alias("right_id"))
    pairs = left.join(right, ["rule", "key"])
    if keys_r is None:
        pairs = pairs.where(F.col("left_id") < F.col("right_id"))
    cols = ["rule", "left_id", "right_id"] if per_rule else ["left_id", "right_id"]
    return pairs.select(*cols).distinct()


def _with_rows(pairs: DataFrame, left: DataFrame, right: DataFrame, lnames: list[str], rnames: list[str]) -> DataFrame:
    """Each pair with the left record's columns (``l__*``) and the right record's (``r__*``)."""
    F = _F()
    lp = left.select([F.col(c).alias(f"l__{c}") for c in lnames])
    rp = right.select([F.col(c).alias(f"r__{c}") for c in rnames])
    return pairs.join(lp, pairs["left_id"] == lp[f"l__{lnames[0]}"]).join(
        rp, pairs["right_id"] == rp[f"r__{rnames[0]}"]
    )


class _Job:
    """What one linkage run needs: the linker, both sides as text, the broadcast model."""

    def __init__(self, linker: Linker, left: DataFrame, right: DataFrame | None, right_id: str | None) -> None:
        self.linker = linker
        self.dedupe = right is None
        spec = linker.spec
        for what in ("blocking", "training_blocking"):
            for i, rule in enumerate(spec.get(what) or []):
                if rule.get("type") != "key":
                    raise _caselink.SpecError(
                        f"invalid spec at {what}[{i}]: only key rules run distributed, not a {rule.get('type')} rule"
                    )
        if not spec["blocking"]:
            raise _caselink.SpecError("invalid spec at blocking: a distributed run needs at least one key rule")
        self.lnames = list(_caselink.spark_columns(linker._core, False))
        rid = right_id or self.lnames[0]
        rcols = list(_caselink.spark_columns(linker._core, True))[1:]
        self.rnames = self.lnames if self.dedupe else [rid, *(c for c in rcols if c != rid)]
        self.left = _strings(left, self.lnames, "left")
        self.right = self.left if right is None else _strings(right, self.rnames, "right")
        self.model = _model(left, linker)
        # In a dedupe both sides hold the one table's columns, under its (left) names.
        self.right_names = self.lnames if self.dedupe else self.rnames

    def keys(self, training: bool) -> tuple[DataFrame, DataFrame | None]:
        kl = _keys(self.left, self.model, self.lnames, False, training)
        kr = None if self.dedupe else _keys(self.right, self.model, self.rnames, True, training)
        return kl, kr

    def aligned(self, pairs: DataFrame) -> DataFrame:
        return _with_rows(pairs, self.left, self.right, self.lnames, self.right_names)


def _pair_datasets(t: Any, lnames: list[str], rnames: list[str]) -> tuple[_caselink.Dataset, _caselink.Dataset]:
    """The left and right records of a batch of aligned pairs (executor side: plain values only,
    so that the closure does not capture a DataFrame)."""
    return _dataset(t, lnames, "l__"), _dataset(t, rnames, "r__")


def link(
    linker: Linker,
    left: DataFrame,
    right: DataFrame | None = None,
    threshold: float = 0.5,
    right_id: str | None = None,
) -> DataFrame:
    """Score the candidate pairs of ``left`` and ``right`` (``right=None`` deduplicates
    ``left``) in Spark and keep those with ``match_probability >= threshold``.

    Returns a DataFrame with ``left_id``, ``right_id`` (the id column's type), ``match_weight``,
    ``match_probability`` and one ``level_<comparison>`` column per comparison: the pairs and
    weights of :meth:`caselink.Linker.link` (each unordered pair once in a dedupe, oriented so
    that ``left_id < right_id`` as text). ``linker`` must be trained (:func:`train` or
    ``Linker.train`` on a sample). ``right_id`` names the right table's id column when it is
    not the spec's ``unique_id``.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")
    if not linker.is_trained:
        raise _caselink.ModelError(
            "the linker is not trained: call train (or train_from_labels) or load a trained model"
        )
    import pyarrow as pa

    F = _F()
    job = _Job(linker, left, right, right_id)
    kl, kr = job.keys(training=False)
    pairs = _candidates(kl, kr, linker, per_rule=False)
    names = linker.comparison_names
    model, dedupe, lnames, rnames = job.model, job.dedupe, job.lnames, job.right_names

    def score(batches: Iterator[Any]) -> Iterator[Any]:
        lk = _linker(model.value)
        for b in batches:
            t = pa.Table.from_batches([b])
            lds, rds = _pair_datasets(t, lnames, rnames)
            out = _caselink.spark_score_aligned(lk._core, lds, rds, dedupe, threshold)
            rows = pa.array(out["row"])
            arrays = [
                t.column("left_id").combine_chunks().take(rows),
                t.column("right_id").combine_chunks().take(rows),
                pa.array(out["match_weight"]),
                pa.array(out["match_probability"]),
            ]
            arrays += [pa.array(out["levels"][:, j].astype("int32")) for j in range(len(names))]
            yield pa.RecordBatch.from_arrays(
                arrays,
                names=["left_id", "right_id", "match_weight", "match_probability"] + [f"level_{n}" for n in names],
            )

    schema = "left_id string, right_id string, match_weight double, match_probability double"
    schema += "".join(f", `level_{n}` int" for n in names)
    scored = job.aligned(pairs).mapInArrow(score, schema)
    lt = left.schema[job.lnames[0]].dataType
    rt = (left if right is None else right).schema[job.rnames[0]].dataType
    return scored.withColumn("left_id", F.col("left_id").cast(lt)).withColumn("right_id", F.col("right_id").cast(rt))


def _pattern_counts(job: _Job, pairs: DataFrame) -> dict[int, tuple[list[bytes], list[int]]]:
    """Comparison-pattern counts of ``pairs`` (``rule, left_id, right_id``), per rule."""
    import pyarrow as pa
    import pyarrow.compute as pc

    model, dedupe, lnames, rnames = job.model, job.dedupe, job.lnames, job.right_names

    def count(batches: Iterator[Any]) -> Iterator[Any]:
        lk = _linker(model.value)
        for b in batches:
            t = pa.Table.from_batches([b])
            rules = t.column("rule")
            for r in pc.unique(rules).to_pylist():
                part = t.filter(pc.equal(rules, r))
                lds, rds = _pair_datasets(part, lnames, rnames)
                pats, counts = _caselink.spark_pattern_counts(lk._core, lds, rds, dedupe)
                yield pa.RecordBatch.from_arrays(
                    [pa.array([r] * len(pats), pa.int32()), pa.array(pats, pa.binary()), pa.array(counts, pa.int64())],
                    names=["rule", "pattern", "n"],
                )

    F = _F()
    rows = (
        job.aligned(pairs)
        .mapInArrow(count, "rule int, pattern binary, n long")
        .groupBy("rule", "pattern")
        .agg(F.sum("n").alias("n"))
        .collect()
    )
    out: dict[int, tuple[list[bytes], list[int]]] = {}
    for row in rows:
        pats, counts = out.setdefault(int(row["rule"]), ([], []))
        pats.append(bytes(row["pattern"]))
        counts.append(int(row["n"]))
    return out


def _tf_counts(job: _Job) -> dict[int, dict[str, int]]:
    import pyarrow as pa

    model, dedupe = job.model, job.dedupe

    def counter(names: list[str], right: bool) -> Any:
        def fn(batches: Iterator[Any]) -> Iterator[Any]:
            lk = _linker(model.value)
            for b in batches:
                t = pa.Table.from_batches([b])
                comp, values, counts = _caselink.spark_tf_counts(lk._core, _dataset(t, names), right, dedupe)
                yield pa.RecordBatch.from_arrays(
                    [pa.array(comp, pa.int32()), pa.array(values.to_list(), pa.string()), pa.array(counts, pa.int64())],
                    names=["comparison", "value", "n"],
                )

        return fn

    F = _F()
    schema = "comparison int, value string, n long"
    parts = job.left.mapInArrow(counter(job.lnames, False), schema)
    if not dedupe:
        parts = parts.unionByName(job.right.mapInArrow(counter(job.rnames, True), schema))
    out: dict[int, dict[str, int]] = {}
    for row in parts.groupBy("comparison", "value").agg(F.sum("n").alias("n")).collect():
        out.setdefault(int(row["comparison"]), {})[row["value"]] = min(int(row["n"]), 2**32 - 1)
    return out


def _random_pairs(job: _Job, n_left: int, n_right: int) -> DataFrame:
    """Pairs for u: every pair when there are at most ``u_sample_pairs`` (as the engine does),
    else the cross product of two random samples of about √u_sample_pairs records each."""
    F = _F()
    model = job.linker.spec["model"]
    limit, seed = int(model["u_sample_pairs"]), int(model["seed"])
    uid_l, uid_r = job.lnames[0], job.right_names[0]
    every = n_left * (n_left - 1) // 2 if job.dedupe else n_left * n_right
    left, right = job.left.select(uid_l), job.right.select(uid_r)
    if every > limit:
        side = math.isqrt(limit) + 1
        left = left.sample(fraction=min(1.0, side / max(n_left, 1)), seed=seed)
        right = right.sample(fraction=min(1.0, side / max(n_right, 1)), seed=seed + 1)
    pairs = left.withColumnRenamed(uid_l, "left_id").crossJoin(right.withColumnRenamed(uid_r, "right_id"))
    if job.dedupe:
        # Every unordered pair once, or random ordered pairs of distinct records (as the engine).
        lo, hi = F.col("left_id"), F.col("right_id")
        pairs = pairs.where(lo < hi if every <= limit else lo != hi)
    return pairs.select(F.lit(-1).alias("rule"), "left_id", "right_id")


def train(
    linker: Linker, left: DataFrame, right: DataFrame | None = None, right_id: str | None = None
) -> dict[str, Any]:
    """Train ``linker`` (in place) on Spark DataFrames, as :meth:`caselink.Linker.train` does:
    u from random pairs, m by one EM pass per training rule, λ by EM over the candidates (or,
    with ``model.lambda_by_rule``, over each rule's share of them) — EM on the driver over
    comparison-pattern counts computed in Spark. Term-frequency tables are
    counted in Spark and collected (one entry per distinct value). With at most
    ``u_sample_pairs`` pairs in all, u comes from every pair and the model equals
    ``Linker.train``'s on the same data; above that, from a random sample. Returns the report.
    ``right_id`` as in :func:`link`.
    """
    job = _Job(linker, left, right, right_id)
    n_left = job.left.count()
    n_right = n_left if job.dedupe else job.right.count()
    tf = _tf_counts(job)
    random = _pattern_counts(job, _random_pairs(job, n_left, n_right)).get(-1, ([], []))
    tkl, tkr = job.keys(training=True)
    rule_pairs = _candidates(tkl, tkr, linker, per_rule=True)
    n_rules = len(linker.spec.get("training_blocking") or linker.spec["blocking"])
    n_shares = len(linker.spec["blocking"])
    kl, kr = job.keys(training=False)
    F = _F()
    # Each candidate counted once, in the share of the first rule that generates it (the pairs a
    # rule adds to the earlier ones): the shares sum to the candidates, and
    # model.lambda_by_rule estimates λ share by share. Shares are tagged -2, -3, … so that one
    # pattern count serves the training rules (0, 1, …) and the shares.
    shares = (
        _candidates(kl, kr, linker, per_rule=True)
        .groupBy("left_id", "right_id")
        .agg(F.min("rule").alias("first"))
        .select((-2 - F.col("first")).alias("rule"), "left_id", "right_id")
    )
    counts = _pattern_counts(job, rule_pairs.unionByName(shares))
    report: dict[str, Any] = _caselink.spark_train_from_counts(
        linker._core,
        random,
        tf,
        [counts.get(i, ([], [])) for i in range(n_rules)],
        [counts.get(-2 - i, ([], [])) for i in range(n_shares)],
        n_left,
        n_right,
        job.dedupe,
    )
    return report


def _checkpoint(df: DataFrame) -> DataFrame:
    """Cut the lineage of an iteration (reliably when the context has a checkpoint directory)."""
    sc = df.sparkSession.sparkContext
    if sc.getCheckpointDir():
        return df.checkpoint(eager=True)
    return df.localCheckpoint(eager=True)


def _components(edges: DataFrame, nodes: DataFrame | None = None, max_rounds: int = 100) -> DataFrame:
    """``(node, component)`` for every node of ``edges`` (``a``, ``b``: strings) and of
    ``nodes`` (``node``): the component is its smallest node. Alternating large-star and
    small-star rounds (Kiveris et al., "Connected components in MapReduce and beyond", 2014)
    converge in O(log² n) rounds; nothing is collected to the driver."""
    F = _F()
    e = (
        edges.where(F.col("a") != F.col("b"))
        .select(F.least("a", "b").alias("lo"), F.greatest("a", "b").alias("hi"))
        .distinct()
    )
    e = _checkpoint(e)
    for _ in range(max_rounds):
        # Large star: every neighbour above a node hangs on the node's neighbourhood minimum.
        both = e.select(F.col("lo").alias("u"), F.col("hi").alias("v")).unionByName(
            e.select(F.col("hi").alias("u"), F.col("lo").alias("v"))
        )
        m = both.groupBy("u").agg(F.min("v").alias("m")).withColumn("m", F.least("m", "u"))
        large = (
            both.join(m, "u")
            .where(F.col("v") > F.col("u"))
            .select(F.col("m").alias("lo"), F.col("v").alias("hi"))
            .where(F.col("lo") != F.col("hi"))
            .distinct()
        )
        # Small star: a node and its lower neighbours hang on the smallest of them.
        ms = large.groupBy("hi").agg(F.min("lo").alias("m"))
        small = (
            large.join(ms, "hi")
            .select(F.col("lo").alias("x"), "m")
            .unionByName(ms.select(F.col("hi").alias("x"), "m"))
            .where(F.col("x") != F.col("m"))
            .select(F.col("m").alias("lo"), F.col("x").alias("hi"))
            .distinct()
        )
        small = _checkpoint(small)
        changed = small.exceptAll(e).limit(1).count() > 0 or e.exceptAll(small).limit(1).count() > 0
        e = small
        if not changed:
            break
    else:
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
    labels = e.groupBy("hi").agg(F.min("lo").alias("component")).select(F.col("hi").alias("node"), "component")
    roots = e.select(F.col("lo").alias("node")).distinct().withColumn("component", F.col("node"))
    out = labels.unionByName(roots).groupBy("node").agg(F.min("component").alias("component"))
    if nodes is not None:
        lone = nodes.select("node").distinct().join(out, "node", "left_anti").withColumn("component", F.col("node"))
        out = out.unionByName(lone)
    return out


def cluster(pairs: DataFrame, threshold: float = 0.5, records: Any = None, unique_id: str = "unique_id") -> DataFrame:
    """Connected components of the pairs with ``match_probability >= threshold``, computed in
    Spark (no pair is collected to the driver).

    ``pairs`` has ``left_id``, ``right_id`` and ``match_probability`` (the output of
    :func:`link`). ``records`` (a DataFrame, or ``{source: DataFrame}`` when the pairs have
    ``left_source`` / ``right_source``) adds the records without a link, each its own cluster.
    Returns ``unique_id`` (text), ``cluster_id`` (the cluster's smallest id, text) and, with
    sources, ``source``.
    """
    F = _F()
    sourced = "left_source" in pairs.columns and "right_source" in pairs.columns
    sep = "\x1f"

    def key(src: str | None, idc: str) -> Any:
        if src is None:
            return F.col(idc).cast("string")
        return F.concat_ws(sep, F.col(src).cast("string"), F.col(idc).cast("string"))

    kept = pairs.where(F.col("match_probability") >= threshold)
    edges = kept.select(
        key("left_source" if sourced else None, "left_id").alias("a"),
        key("right_source" if sourced else None, "right_id").alias("b"),
    )
    nodes = None
    if records is not None:
        if sourced:
            if not isinstance(records, Mapping):
                raise TypeError("with source columns, records must be {source: DataFrame}")
            parts = [
                df.select(F.concat_ws(sep, F.lit(src), F.col(unique_id).cast("string")).alias("node"))
                for src, df in records.items()
            ]
            nodes = parts[0]
            for p in parts[1:]:
                nodes = nodes.unionByName(p)
        else:
            nodes = records.select(F.col(unique_id).cast("string").alias("node"))
    comp = _components(edges, nodes)
    if not sourced:
        return comp.select(F.col("node").alias(unique_id), F.col("component").alias("cluster_id"))
    return comp.select(
        F.split(F.col("node"), sep, 2).getItem(0).alias("source"),
        F.split(F.col("node"), sep, 2).getItem(1).alias(unique_id),
        F.col("component").alias("cluster_id"),
    )


def _conform(df: DataFrame, source: str) -> DataFrame:
    F = _F()
    for c in _REQUIRED[source]:
        if c not in df.columns:
            raise _caselink.ColumnNotFoundError(f"column '{c}' not found in {_TABLE[source]}")
    for c in _OPTIONAL[source]:
        if c not in df.columns:
            df = df.withColumn(c, F.lit(None).cast("string"))
    return df.where(F.col(_ID[source]).isNotNull())


def _competing(cands: DataFrame, child: str, weight: str, order: list[Any]) -> DataFrame:
    """The best candidate of each ``child`` after its candidates compete (the engine's
    ``competing``): ``2^w_i / (1 + Σ_j 2^w_j)``, computed stably with 2^-max scaling."""
    from pyspark.sql import Window

    F = _F()
    w = Window.partitionBy(child)
    scored = (
        cands.withColumn("_max", F.greatest(F.max(weight).over(w), F.lit(0.0)))
        .withColumn("_e", F.pow(F.lit(2.0), F.col(weight) - F.col("_max")))
        .withColumn("_denom", F.pow(F.lit(2.0), -F.col("_max")) + F.sum("_e").over(w))
        .withColumn("probability", F.col("_e") / F.col("_denom"))
    )
    best = Window.partitionBy(child).orderBy(F.col("probability").desc(), *order)
    return (
        scored.withColumn("_rank", F.row_number().over(best))
        .where(F.col("_rank") == 1)
        .drop("_max", "_e", "_denom", "_rank")
    )


def _joinable_dockets() -> Any:
    """Docket↔docket pairs that may join one case (as `barred` in the engine's trace): not both
    in one court (district level 3), and not filed further apart than the filing-gap window
    (level 1, else)."""
    F = _F()
    district = F.coalesce(F.col("level_district"), F.lit(0))
    gap = F.coalesce(F.col("level_filing_gap"), F.lit(0))
    return (district != 3) & (gap != 1)


def _mutual_best(both: DataFrame, threshold: float, carry: tuple[str, ...] = ()) -> DataFrame:
    """Pairs (``me`` < ``other``) that are each other's best candidate after competing (``both``:
    every edge in both directions, with ``match_weight``), both probabilities at least
    ``threshold``; ``probability`` is the smaller (the engine's ``mutual_best``). ``carry``
    columns of the chosen edge are kept."""
    F = _F()
    best = _competing(both, "me", "match_weight", [F.col("other")]).select("me", "other", "probability", *carry)
    back = best.select(F.col("me").alias("other"), F.col("other").alias("me"), F.col("probability").alias("_back"))
    return (
        best.join(back, ["me", "other"])
        .where(F.col("me") < F.col("other"))
        .withColumn("probability", F.least("probability", "_back"))
        .where(F.col("probability") >= threshold)
        .drop("_back")
    )


def _weight(p: Any) -> Any:
    F = _F()
    return F.when(p >= 1.0, F.lit(float("inf"))).otherwise(F.log2(p / (1.0 - p)))


class SparkTrace:
    """What :func:`trace` returns: Spark DataFrames of the accepted links (``pairs``), every
    record's case (``clusters``) and one outcome per case (``outcomes``), plus the trained
    linker of each linkage that ran (``linkers``, keyed by ``(left source, right source)``)."""

    def __init__(
        self, pairs: DataFrame, clusters: DataFrame, outcomes: DataFrame, linkers: dict[tuple[str, str], Linker]
    ) -> None:
        self.pairs = pairs
        self.clusters = clusters
        self.outcomes = outcomes
        self.linkers = linkers

    def __repr__(self) -> str:
        return f"SparkTrace(linkages={sorted(self.linkers)})"


def trace(
    referrals: DataFrame | None = None,
    dockets: DataFrame | None = None,
    press_releases: DataFrame | None = None,
    threshold: float = 0.5,
    linkers: Mapping[tuple[str, str], Linker] | None = None,
) -> SparkTrace:
    """The CyberTipline trace on Spark DataFrames, as :func:`caselink.trace` does it: each of
    the five linkages trained (:func:`train`, or taken trained from ``linkers``, keyed by
    ``("referral", "docket")``, ``("docket", "press_release")``, ``("referral",
    "press_release")``, ``("docket", "docket")``, ``("press_release", "press_release")``) and
    scored (:func:`link`); two dockets of different courts merged when each is the other's best
    candidate; each press release assigned to its best docket case (or, when none took it, to
    the case of its best sibling release) and each referral to its best case after its candidates
    compete (window functions over each record's candidates); cases are the connected
    components; outcomes are built per case by the engine in the executors.

    Returns a :class:`SparkTrace`: ``pairs`` (left_source, left_id, right_source, right_id,
    match_weight, match_probability), ``clusters`` (record_type, record_id, case_id) and
    ``outcomes`` (case_id and the columns of ``outcomes.csv``). A case id is the case's
    smallest record as ``<source index>:<id>`` (not the single-machine ``case-000001``
    numbering); id lists inside an outcome are sorted.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")
    given = {s: _conform(df, s) for s, df in zip(_SOURCES, (referrals, dockets, press_releases)) if df is not None}
    if not given:
        raise ValueError("give at least one of referrals, dockets, press_releases")
    F = _F()
    spark = next(iter(given.values())).sparkSession
    trained: dict[tuple[str, str], Linker] = {}
    links: dict[tuple[str, str], DataFrame] = {}
    rows: dict[str, int] = {}
    for ls, rs in _LINKAGES:
        if ls not in given or rs not in given or given[ls].isEmpty() or given[rs].isEmpty():
            continue
        # Sibling releases only lead a release to a docket case: without dockets there is none.
        if (ls, rs) == ("press_release", "press_release") and ("docket" not in given or given["docket"].isEmpty()):
            continue
        # A source linked with itself is deduplicated (dockets: one defendant, two courts).
        other = given[rs] if ls != rs else None
        lk = (linkers or {}).get((ls, rs))
        if lk is None:
            # The engine's spec for tables of these sizes (large referral linkages train on a
            # share of their blocks).
            for s in (ls, rs):
                rows.setdefault(s, given[s].count())
            spec = _caselink.trace_spec(ls, rs, rows[ls], rows[rs])
            assert spec is not None
            lk = Linker.from_json(spec)
            train(lk, given[ls], other, right_id=_ID[rs] if other is not None else None)
        trained[(ls, rs)] = lk
        scored = link(lk, given[ls], other, threshold=CANDIDATE_FLOOR, right_id=_ID[rs] if other is not None else None)
        extra = []
        if (ls, rs) == ("docket", "docket"):
            extra = [F.col(f"level_{c}").alias(f"level_{c}") for c in _DOCKET_BARS]
        if (ls, rs) == ("referral", "docket"):
            extra = [F.col(f"level_{c}").alias(f"level_{c}") for c in ("report_to_filing", "name")]
        if (ls, rs) == ("referral", "press_release"):
            extra = [F.col("level_name").alias("level_name")]
        if (ls, rs) == ("docket", "press_release"):
            extra = [F.col("level_filing_to_release").alias("level_filing_to_release")]
        if (ls, rs) == ("press_release", "press_release"):
            extra = [F.col(f"level_{c}").alias(f"level_{c}") for c in _SIBLING_EVIDENCE]
        # Materialised rather than cached: every later step reads these, and a cached frame keeps
        # its whole scoring plan, which Spark prints into the driver's heap at each checkpoint.
        links[(ls, rs)] = _checkpoint(
            scored.select(
                F.col("left_id").cast("string").alias("left_id"),
                F.col("right_id").cast("string").alias("right_id"),
                "match_weight",
                *extra,
            )
        )

    def node(src: str, col: str) -> Any:
        return F.concat(F.lit(f"{_SOURCES.index(src)}:"), F.col(col))

    accepted_parts: list[DataFrame] = []
    release_docket = None
    date_closed = None
    # 0. Docket ↔ docket: two dockets in different courts join when each is the other's best
    # candidate after competition and both probabilities pass the threshold.
    docket_unit = None
    if ("docket", "docket") in links:
        dd = links[("docket", "docket")].where(_joinable_dockets())
        both = dd.select(F.col("left_id").alias("me"), F.col("right_id").alias("other"), "match_weight").unionByName(
            dd.select(F.col("right_id").alias("me"), F.col("left_id").alias("other"), "match_weight")
        )
        mutual = _mutual_best(both, threshold)
        merged = _checkpoint(
            mutual.select(node("docket", "other").alias("child"), node("docket", "me").alias("parent"), "probability")
        )
        accepted_parts.append(merged)
        # Both dockets of a merged pair stand for one case, named by the parent.
        docket_unit = merged.select(F.col("parent").alias("docket"), F.col("parent").alias("dunit")).unionByName(
            merged.select(F.col("child").alias("docket"), F.col("parent").alias("dunit"))
        )

    def with_unit(df: DataFrame, docket_col: str) -> DataFrame:
        """Add ``unit``: the case a docket stands for (itself unless merged with another)."""
        if docket_unit is None:
            return df.withColumn("unit", F.col(docket_col))
        j = df.join(docket_unit.withColumnRenamed("docket", docket_col), docket_col, "left")
        return j.withColumn("unit", F.coalesce("dunit", docket_col)).drop("dunit")

    # 1. Press release → docket case (its strongest docket in the case stands for it).
    if ("docket", "press_release") in links:
        from pyspark.sql import Window

        dp = with_unit(links[("docket", "press_release")].withColumn("_docket", node("docket", "left_id")), "_docket")
        per_unit = Window.partitionBy("right_id", "unit").orderBy(F.col("match_weight").desc(), "_docket")
        strongest = dp.withColumn("_r", F.row_number().over(per_unit)).where(F.col("_r") == 1).drop("_r")
        best = _competing(strongest, "right_id", "match_weight", [F.col("unit")])
        rel = best.where(F.col("probability") >= threshold).select(
            node("press_release", "right_id").alias("child"),
            F.col("_docket").alias("parent"),
            "probability",
            "unit",
        )
        # (release, case) pairs whose strongest docket has the release's date outside the filing
        # window: closed to the release's siblings in step 1b.
        date_closed = strongest.where(F.col("level_filing_to_release") == 1).select(
            node("press_release", "right_id").alias("me"), "unit"
        )
        rel = _checkpoint(rel)
        release_docket = rel.select(F.col("child").alias("via"), "unit")
        accepted_parts.append(rel.drop("unit"))
    # 1b. A release no docket case took joins the case of a sibling release that one did (the
    # strongest sibling per case stands for it; ties go to the smallest id); one round only; not
    # a case whose docket has the release's own date outside the filing window.
    if ("press_release", "press_release") in links and release_docket is not None and date_closed is not None:
        from pyspark.sql import Window

        pp = links[("press_release", "press_release")]
        both = pp.select(
            node("press_release", "left_id").alias("me"),
            node("press_release", "right_id").alias("other"),
            "match_weight",
        ).unionByName(
            pp.select(
                node("press_release", "right_id").alias("me"),
                node("press_release", "left_id").alias("other"),
                "match_weight",
            )
        )
        sib = (
            both.join(release_docket.withColumnRenamed("via", "other"), "other")
            .join(release_docket.select(F.col("via").alias("me")), "me", "left_anti")
            .join(date_closed, ["me", "unit"], "left_anti")
        )
        per_unit = Window.partitionBy("me", "unit").orderBy(F.col("match_weight").desc(), "other")
        strongest = sib.withColumn("_r", F.row_number().over(per_unit)).where(F.col("_r") == 1).drop("_r")
        best = _competing(strongest, "me", "match_weight", [F.col("unit")])
        # Materialised: the plans of the later steps would otherwise carry every linkage's plan
        # (enough to exhaust the driver's heap when Spark prints them at a checkpoint).
        rescued = _checkpoint(
            best.where(F.col("probability") >= threshold).select(
                F.col("me").alias("child"), F.col("other").alias("parent"), "probability", "unit"
            )
        )
        accepted_parts.append(rescued.drop("unit"))
        release_docket = release_docket.unionByName(rescued.select(F.col("child").alias("via"), "unit"))
    # 1c. Two cases of one docket each, in different courts, join when their releases speak for
    # one defendant: the docket↔docket weight plus the release↔release weights of the releases'
    # city, age and middle name, from their most alike pair; all cross-court candidates compete as in step 0,
    # but only pairs with such releases join.
    if ("docket", "docket") in links and ("press_release", "press_release") in links and release_docket is not None:
        params = trained[("press_release", "press_release")]._core.parameters()
        bonus_w = F.lit(0.0)
        for c in params["comparisons"]:
            if c["name"] in _SIBLING_EVIDENCE:
                lvl, term = F.col(f"level_{c['name']}"), F.lit(0.0)
                for lv in c["levels"]:
                    term = F.when(lvl == lv["level"], F.lit(lv["weight"])).otherwise(term)
                bonus_w = bonus_w + term
        merged_dockets = (
            docket_unit.select(F.col("docket").alias("unit"))
            if docket_unit is not None
            else spark.createDataFrame([], "unit string")
        )
        lone = release_docket.join(merged_dockets, "unit", "left_anti")
        pp = links[("press_release", "press_release")].select(
            node("press_release", "left_id").alias("ra"),
            node("press_release", "right_id").alias("rb"),
            bonus_w.alias("_bonus"),
        )
        bonus = (
            pp.join(lone.select(F.col("via").alias("ra"), F.col("unit").alias("ua")), "ra")
            .join(lone.select(F.col("via").alias("rb"), F.col("unit").alias("ub")), "rb")
            .where(F.col("ua") != F.col("ub"))
            .groupBy(F.least("ua", "ub").alias("lo"), F.greatest("ua", "ub").alias("hi"))
            .agg(F.max("_bonus").alias("_bonus"))
        )
        dd = (
            links[("docket", "docket")]
            .where(_joinable_dockets())
            .select(node("docket", "left_id").alias("a"), node("docket", "right_id").alias("b"), "match_weight")
            .join(merged_dockets.withColumnRenamed("unit", "a"), "a", "left_anti")
            .join(merged_dockets.withColumnRenamed("unit", "b"), "b", "left_anti")
            .withColumn("lo", F.least("a", "b"))
            .withColumn("hi", F.greatest("a", "b"))
            .join(bonus, ["lo", "hi"], "left")
            .withColumn("match_weight", F.col("match_weight") + F.coalesce(F.col("_bonus"), F.lit(0.0)))
        )
        both = dd.select(F.col("a").alias("me"), F.col("b").alias("other"), "match_weight", "_bonus").unionByName(
            dd.select(F.col("b").alias("me"), F.col("a").alias("other"), "match_weight", "_bonus")
        )
        joined = _checkpoint(
            _mutual_best(both, threshold, carry=("_bonus",))
            .where(F.col("_bonus").isNotNull())
            .select(F.col("other").alias("child"), F.col("me").alias("parent"), "probability")
        )
        accepted_parts.append(joined)
        added = joined.select(F.col("parent").alias("docket"), F.col("parent").alias("dunit")).unionByName(
            joined.select(F.col("child").alias("docket"), F.col("parent").alias("dunit"))
        )
        docket_unit = added if docket_unit is None else docket_unit.unionByName(added)
        # The joined case is named by its smaller docket.
        renamed = joined.select(F.col("child").alias("unit"), F.col("parent").alias("_to"))
        release_docket = release_docket.join(renamed, "unit", "left").select(
            "via", F.coalesce("_to", "unit").alias("unit")
        )
    # 2. Referral → case, through a docket or a release (standing for its docket's case).
    cands = []
    # (referral, name level) of every candidate pair: a referral none of whose pairs compares a
    # name (it writes none) joins a case only at NAMELESS_FLOOR or above.
    named: list[DataFrame] = []
    discount = None
    if ("referral", "docket") in links:
        from pyspark.sql import Window

        rd = with_unit(links[("referral", "docket")].withColumn("via", node("docket", "right_id")), "via")
        cands.append(rd.select("left_id", "unit", "via", "match_weight", F.lit(0).alias("_kind")))
        named.append(rd.select("left_id", "level_name"))
        # As in the engine: a release speaks for a case with a docket only as far as the
        # referral's strongest docket candidate there has its filing date in the window (closed
        # at `else`, discounted by the weight its date level lacks against the best level).
        params = trained[("referral", "docket")]._core.parameters()
        weights = next(
            {lv["level"]: lv["weight"] for lv in c["levels"]}
            for c in params["comparisons"]
            if c["name"] == "report_to_filing"
        )
        best_date = max(weights.values())
        per_unit = Window.partitionBy("left_id", "unit").orderBy(F.col("match_weight").desc(), "via")
        lvl = F.col("level_report_to_filing")
        loss = F.lit(0.0)
        for level, w in weights.items():
            loss = F.when(lvl == level, F.lit(w - best_date)).otherwise(loss)
        discount = (
            rd.withColumn("_r", F.row_number().over(per_unit))
            .where(F.col("_r") == 1)
            .select("left_id", "unit", F.when(lvl == 1, F.lit(None)).otherwise(loss).alias("_loss"), lvl.alias("_lvl"))
        )
    if ("referral", "press_release") in links:
        named.append(links[("referral", "press_release")].select("left_id", "level_name"))
        rp = links[("referral", "press_release")].select(
            "left_id", node("press_release", "right_id").alias("via"), "match_weight"
        )
        if release_docket is not None:
            rp = rp.join(release_docket, "via", "left").withColumn("unit", F.coalesce("unit", "via"))
        else:
            rp = rp.withColumn("unit", F.col("via"))
        if discount is not None:
            rp = (
                rp.join(discount, ["left_id", "unit"], "left")
                .where(F.coalesce(F.col("_lvl"), F.lit(0)) != 1)
                .withColumn("match_weight", F.col("match_weight") + F.coalesce(F.col("_loss"), F.lit(0.0)))
            )
        cands.append(rp.select("left_id", "unit", "via", "match_weight", F.lit(1).alias("_kind")))
    if cands:
        from pyspark.sql import Window

        allc = cands[0] if len(cands) == 1 else cands[0].unionByName(cands[1])
        # Strongest evidence per (referral, case); ties go to the docket, as the engine reads
        # referral↔docket links first.
        per_unit = Window.partitionBy("left_id", "unit").orderBy(F.col("match_weight").desc(), "_kind", "via")
        strongest = allc.withColumn("_r", F.row_number().over(per_unit)).where(F.col("_r") == 1).drop("_r")
        best = _competing(strongest, "left_id", "match_weight", [F.col("unit")])
        by_name = named[0] if len(named) == 1 else named[0].unionByName(named[1])
        writes = by_name.groupBy("left_id").agg(F.max((F.col("level_name") != 0).cast("int")).alias("_named"))
        floor = max(threshold, NAMELESS_FLOOR)
        best = best.join(writes, "left_id", "left")
        accepted_parts.append(
            best.where(
                F.col("probability") >= F.when(F.col("_named") == 1, F.lit(threshold)).otherwise(F.lit(floor))
            ).select(node("referral", "left_id").alias("child"), F.col("via").alias("parent"), "probability")
        )
    accepted = None
    for p in accepted_parts:
        accepted = p if accepted is None else accepted.unionByName(p)
    if accepted is None:
        accepted = spark.createDataFrame([], "child string, parent string, probability double")
    accepted = accepted.cache()

    # Cases: connected components over accepted links and every record.
    nodes = None
    for s, df in given.items():
        part = df.select(node(s, _ID[s]).alias("node"))
        nodes = part if nodes is None else nodes.unionByName(part)
    assert nodes is not None
    comp = _components(accepted.select(F.col("child").alias("a"), F.col("parent").alias("b")), nodes).cache()
    split = F.split(F.col("node"), ":", 2)
    src_name = F.element_at(F.array(*[F.lit(s) for s in _SOURCES]), split.getItem(0).cast("int") + 1)
    clusters = comp.select(
        src_name.alias("record_type"), split.getItem(1).alias("record_id"), F.col("component").alias("case_id")
    )

    def side_of(child: str, parent: str) -> DataFrame:
        a, b = F.split(F.col(child), ":", 2), F.split(F.col(parent), ":", 2)
        lower = a.getItem(0) < b.getItem(0)
        return accepted.select(
            F.element_at(
                F.array(*[F.lit(s) for s in _SOURCES]),
                F.when(lower, a.getItem(0)).otherwise(b.getItem(0)).cast("int") + 1,
            ).alias("left_source"),
            F.when(lower, a.getItem(1)).otherwise(b.getItem(1)).alias("left_id"),
            F.element_at(
                F.array(*[F.lit(s) for s in _SOURCES]),
                F.when(lower, b.getItem(0)).otherwise(a.getItem(0)).cast("int") + 1,
            ).alias("right_source"),
            F.when(lower, b.getItem(1)).otherwise(a.getItem(1)).alias("right_id"),
            _weight(F.col("probability")).alias("match_weight"),
            F.col("probability").alias("match_probability"),
        )

    pairs = side_of("child", "parent")
    outcomes = _outcomes(given, comp, accepted)
    return SparkTrace(pairs, clusters, outcomes, trained)


def _outcomes(given: dict[str, DataFrame], comp: DataFrame, accepted: DataFrame) -> DataFrame:
    """One outcome per case, built by the engine from each case's records. Records travel as one
    packed row each (source index, id and the columns the outcome reads); partitions are sorted by
    case so that a batch boundary never splits a case the engine sees (the tail carries over)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    F = _F()
    width = max(len(v) for v in _OUTCOME_COLUMNS.values())
    parts = []
    for s, df in given.items():
        cols = _OUTCOME_COLUMNS[s]
        packed = df.select(
            F.concat(F.lit(f"{_SOURCES.index(s)}:"), F.col(_ID[s]).cast("string")).alias("node"),
            F.lit(_SOURCES.index(s)).alias("src"),
            *[F.col(c).cast("string").alias(f"c{i}") for i, c in enumerate(cols)],
            *[F.lit(None).cast("string").alias(f"c{i}") for i in range(len(cols), width)],
        )
        parts.append(packed)
    records = parts[0]
    for p in parts[1:]:
        records = records.unionByName(p)
    own = accepted.select(F.col("child").alias("node"), F.col("probability").alias("own"))
    members = (
        records.join(comp, "node")
        .join(own, "node", "left")
        .withColumnRenamed("component", "case_id")
        .repartition("case_id")
        .sortWithinPartitions("case_id", "src", "c0")
    )

    def build(batches: Iterator[Any]) -> Iterator[Any]:
        pending: pa.Table | None = None
        for b in batches:
            t = pa.Table.from_batches([b])
            if pending is not None:
                t = pa.concat_tables([pending, t])
            last = t.column("case_id")[t.num_rows - 1].as_py() if t.num_rows else None
            done = t.filter(pc.not_equal(t.column("case_id"), last)) if last is not None else t
            pending = t.filter(pc.equal(t.column("case_id"), last)) if last is not None else None
            if done.num_rows:
                yield _build_outcomes(done)
        if pending is not None and pending.num_rows:
            yield _build_outcomes(pending)

    schema = "case_id string, status string, report_ids string, first_report_date string, recipient_agency string, "
    schema += "court_id string, case_number string, defendant_name string, charged_date string, plea_date string, "
    schema += "sentenced_date string, sentence_months double, release_ids string, days_report_to_charge double, "
    schema += "confidence double"
    return members.mapInArrow(build, schema)


def _build_outcomes(t: Any) -> Any:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    cases = t.column("case_id").combine_chunks()
    enc = pc.dictionary_encode(cases)
    case_index = enc.indices.to_numpy(zero_copy_only=False).astype(np.uint32)
    n_cases = len(enc.dictionary)
    own = t.column("own").to_numpy(zero_copy_only=False).astype(float)
    conf = np.full(n_cases, np.nan)
    for i, p in zip(case_index, own):
        if not math.isnan(p) and (math.isnan(conf[i]) or p < conf[i]):
            conf[i] = p
    src = t.column("src").to_numpy(zero_copy_only=False).astype(np.uint8)
    rows = np.zeros(len(src), dtype=np.uint32)
    tables = []
    for s, name in enumerate(_SOURCES):
        idx = np.flatnonzero(src == s)
        rows[idx] = np.arange(len(idx), dtype=np.uint32)
        cols = _OUTCOME_COLUMNS[name]
        sub = t.take(pa.array(idx))
        tables.append(
            _frames.to_dataset(
                _frames.to_columns(pa.table({c: sub.column(f"c{i}") for i, c in enumerate(cols)})),
                name=_TABLE[name],
                id_column=_ID[name],
            )
        )
    o = _caselink.spark_outcomes(
        tables[0], tables[1], tables[2], case_index.tolist(), src.tolist(), rows.tolist(), conf.tolist()
    )
    arrays: list[Any] = [enc.dictionary.take(pa.array(o["case"]))]
    for f in _OUTCOME_FIELDS:
        v = o[f]
        if isinstance(v, _caselink.StringColumn):
            arrays.append(pa.array(v.to_list(), pa.string()))
        else:
            arrays.append(pa.array(v, pa.float64(), from_pandas=True))
    return pa.RecordBatch.from_arrays(arrays, names=["case_id", *_OUTCOME_FIELDS])
