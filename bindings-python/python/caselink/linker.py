"""The :class:`Linker`: a linkage spec compiled by the engine, trained by EM, then used to link
two tables or deduplicate one.

Tables come in as pandas, polars, pyarrow or a dict of lists, and results go back in the same
flavour. The long calls (``train``, ``link``, ``dedupe``) release the GIL, and one ``Linker``
can be used from several threads at once.

>>> import caselink
>>> from caselink import Linker, block, compare
>>> people = caselink.synth.persons(60, seed=1, flavour="dict")["persons"]
>>> lk = Linker(
...     comparisons=[compare.name(given="first_name", surname="surname"), compare.exact("dob")],
...     blocking=[block.key("dob"), block.key(block.surname_soundex("surname"))],
...     unique_id="unique_id",
... )
>>> report = lk.train(people)
>>> pairs = lk.dedupe(people, threshold=0.9)
>>> sorted(pairs)[:4]
['left_id', 'level_dob', 'level_surname', 'match_probability']
>>> all(p >= 0.9 for p in pairs["match_probability"])
True
>>> Linker.from_bytes(lk.to_bytes()) == lk
True
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from caselink import _caselink, _frames

__all__ = ["Linker"]

_NOT_TRAINED = "the linker is not trained: call train (or train_from_labels) or load a trained model"


class Linker:
    """A record-linkage model: comparisons, blocking rules, the id column, options and (once
    trained) the Fellegi-Sunter parameters.

    ``options`` are the engine's model options (``prior``, ``em_max_iterations``,
    ``em_tolerance``, ``u_sample_pairs``, ``seed``, ``max_pairs``, ``max_block_size``,
    ``lambda_by_rule``, ``training_block_sample``); they may also be given as ``model={...}``.
    An invalid spec raises :class:`caselink.SpecError` naming the path inside the spec.
    """

    def __init__(
        self,
        comparisons: Sequence[dict[str, Any]],
        blocking: Sequence[dict[str, Any]] = (),
        unique_id: str = "id",
        **options: Any,
    ) -> None:
        if not isinstance(unique_id, str) or not unique_id:
            raise ValueError(f"unique_id must be a non-empty column name, got {unique_id!r}")
        for what, items in (("comparisons", comparisons), ("blocking", blocking)):
            if isinstance(items, dict) or not all(isinstance(c, dict) and "type" in c for c in items):
                raise TypeError(f"{what} must be a list of dicts with a 'type' (use caselink.compare / caselink.block)")
        model = dict(options.pop("model", None) or {})
        model.update(options)
        spec = {"unique_id": unique_id, "comparisons": list(comparisons), "blocking": list(blocking), "model": model}
        self._core = _caselink.Linker(json.dumps(spec))

    @classmethod
    def _wrap(cls, core: _caselink.Linker) -> Linker:
        obj = cls.__new__(cls)
        obj._core = core
        return obj

    # ---- the spec and the model -------------------------------------------------------------

    @property
    def spec(self) -> dict[str, Any]:
        """The spec as plain data, every default filled in (a copy)."""
        spec: dict[str, Any] = json.loads(self._core.spec_json())
        return spec

    @property
    def unique_id(self) -> str:
        """The record id column."""
        return str(self.spec["unique_id"])

    @property
    def comparison_names(self) -> list[str]:
        """The comparison names, in spec order (the ``level_<name>`` columns of the pairs)."""
        return self._core.comparison_names

    @property
    def is_trained(self) -> bool:
        """True once trained (or loaded from a trained model)."""
        return self._core.is_trained

    def to_json(self) -> str:
        """The spec as JSON text (stable key order). It does not hold the trained parameters:
        use :meth:`to_bytes` or :meth:`save` for those."""
        return json.dumps(self.spec, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Linker:
        """A new, untrained :class:`Linker` from a JSON spec (e.g. :meth:`to_json` output)."""
        return cls._wrap(_caselink.Linker(text))

    @classmethod
    def from_toml(cls, text: str) -> Linker:
        """A new, untrained :class:`Linker` from a TOML spec."""
        return cls._wrap(_caselink.Linker.from_toml(text))

    def to_bytes(self) -> bytes:
        """The model (spec, parameters, term frequencies) as bytes; :meth:`from_bytes` reads them."""
        return self._core.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Linker:
        """A :class:`Linker` from :meth:`to_bytes` output (:class:`caselink.ModelError` if corrupt)."""
        return cls._wrap(_caselink.Linker.from_bytes(bytes(data)))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to a file (the same format as ``caselink link --model-out``)."""
        self._core.save(os.fspath(path))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Linker:
        """Read a model file written by :meth:`save` or ``caselink link --model-out``."""
        return cls._wrap(_caselink.Linker.load(os.fspath(path)))

    def parameters(self, flavour: _frames.Flavour | None = None) -> Any:
        """m, u and the weight log2(m/u) of every non-null level, one row per (comparison, level),
        plus the prior ``lambda`` on every row; a frame of ``flavour`` (default: pandas if
        importable, else a dict of lists).
        """
        p = self._core.parameters()
        if not p.get("trained"):
            raise _caselink.ModelError(_NOT_TRAINED)
        cols: dict[str, list[Any]] = {k: [] for k in ("comparison", "level", "label", "m", "u", "weight", "lambda")}
        for c in p["comparisons"]:
            for lv in c["levels"]:
                for k, v in (("comparison", c["name"]), ("lambda", p["lambda"])):
                    cols[k].append(v)
                for k in ("level", "label", "m", "u", "weight"):
                    cols[k].append(lv[k])
        return _frames.from_arrays(cols, flavour or _frames.default_flavour())

    # ---- training and linking ---------------------------------------------------------------

    def _dataset(self, frame: Any, name: str) -> _caselink.Dataset:
        ds = _frames.to_dataset(_frames.to_columns(frame), name=name, id_column=self.unique_id)
        if ds.rejected:
            warnings.warn(
                f"{len(ds.rejected)} row(s) of {name} left out (missing or repeated id): {ds.rejected[0]}",
                stacklevel=3,
            )
        return ds

    def train(self, left: Any, right: Any = None) -> dict[str, Any]:
        """Estimate the parameters without labels (u from random pairs, m and λ by EM).

        ``right=None`` trains for deduplicating ``left``. Returns the training report (EM passes,
        iterations, λ, candidate pairs). Training again starts from the current m.
        """
        lds = self._dataset(left, "left")
        rds = None if right is None else self._dataset(right, "right")
        report: dict[str, Any] = self._core.train(lds, rds)
        return report

    def train_from_labels(self, left: Any, right: Any, pairs: Sequence[tuple[Any, Any]]) -> dict[str, Any]:
        """Set m from known matching pairs ``[(left_id, right_id), ...]`` (``right=None`` for a
        dedupe); u and λ are estimated as in :meth:`train`."""
        lds = self._dataset(left, "left")
        rds = lds if right is None else self._dataset(right, "right")
        rows = []
        for a, b in pairs:
            ra, rb = lds.find_row(str(a)), rds.find_row(str(b))
            if ra is None or rb is None:
                raise KeyError(f"pair ({a!r}, {b!r}): id not found")
            rows.append((ra, rb))
        report: dict[str, Any] = self._core.train_from_labels(lds, None if right is None else rds, rows)
        return report

    def _pairs(
        self, left: Any, right: Any, threshold: float, sources: tuple[str, str] | None
    ) -> tuple[Any, _frames.Flavour]:
        kind = _frames.flavour(left)
        lds = self._dataset(left, "left")
        rds = None if right is None else self._dataset(right, "right")
        p = self._core.predict(lds, rds, threshold)
        lrows = lds.rows()[p["left"]]
        rrows = (lds if rds is None else rds).rows()[p["right"]]
        uid = self.unique_id
        cols: dict[str, Any] = {}
        if sources is not None:
            n = len(lrows)
            cols["left_source"] = np.full(n, sources[0], dtype=object)
        cols["left_id"] = _frames.take(left, uid, lrows, kind)
        if sources is not None:
            cols["right_source"] = np.full(len(lrows), sources[1], dtype=object)
        cols["right_id"] = _frames.take(
            left if right is None else right, uid, rrows, _frames.flavour(left if right is None else right)
        )
        cols["match_weight"] = p["match_weight"]
        cols["match_probability"] = p["match_probability"]
        for j, name in enumerate(p["comparison_names"]):
            cols[f"level_{name}"] = np.ascontiguousarray(p["levels"][:, j])
        return _frames.from_arrays(cols, kind), kind

    def link(self, left: Any, right: Any, threshold: float = 0.5, sources: tuple[str, str] | None = None) -> Any:
        """Score the candidate pairs between ``left`` and ``right`` and keep those with
        ``match_probability >= threshold``.

        Returns a frame (the flavour of ``left``) with ``left_id``, ``right_id``,
        ``match_weight``, ``match_probability`` and one ``level_<comparison>`` column per
        comparison; ids keep the type of the input's id column. With ``sources=("a", "b")``,
        ``left_source`` / ``right_source`` columns name the tables (for :meth:`cluster` and
        :func:`caselink.evaluate` when the two tables' ids overlap).
        """
        if right is None:
            raise TypeError("link() needs two tables; use dedupe() for one")
        return self._pairs(left, right, threshold, sources)[0]

    def dedupe(self, frame: Any, threshold: float = 0.5) -> Any:
        """Score the candidate pairs within one table (each unordered pair once); the columns
        are those of :meth:`link`."""
        return self._pairs(frame, None, threshold, None)[0]

    def cluster(self, pairs: Any, threshold: float = 0.5, records: Any = None) -> Any:
        """Group records into entities: connected components of the pairs with
        ``match_probability >= threshold``.

        ``pairs`` is the output of :meth:`dedupe` or :meth:`link`. Pass the table(s) as
        ``records`` (one frame, or ``{source: frame}`` when the pairs have source columns) so
        that records without any link get a cluster of their own. Returns a frame (the flavour
        of ``pairs``) with the id column (named as the spec's ``unique_id``; ids as text),
        ``cluster_id`` (int) and, when the pairs have ``left_source``, ``source``.
        """
        kind = _frames.flavour(pairs)
        cols = _frames.to_columns(pairs)
        for c in ("left_id", "right_id", "match_probability"):
            if c not in cols:
                raise _caselink.ColumnNotFoundError(f"column '{c}' not found in pairs")
        prob = np.asarray([float(v) if v is not None else np.nan for v in _list(cols["match_probability"])])
        uid = self.unique_id
        sourced = "left_source" in cols and "right_source" in cols
        extra: list[str | None] | None = None
        if sourced:
            sep = "\x1f"
            left = [f"{s}{sep}{i}" for s, i in zip(_list(cols["left_source"]), _list(cols["left_id"]))]
            right = [f"{s}{sep}{i}" for s, i in zip(_list(cols["right_source"]), _list(cols["right_id"]))]
            if records is not None:
                if not isinstance(records, Mapping):
                    raise TypeError("with source columns, records must be {source: frame}")
                extra = []
                for src, frame in records.items():
                    ids = _list(_frames.to_columns(frame)[uid])
                    extra.extend(f"{src}{sep}{i}" for i in ids)
            keys, labels = _caselink.cluster_pairs(left, right, prob.tolist(), threshold, extra)
            split = [k.split(sep, 1) for k in keys.to_list() if k is not None]
            out: dict[str, Any] = {
                "source": [s for s, _ in split],
                uid: [i for _, i in split],
                "cluster_id": labels.astype(np.int64),
            }
            return _frames.from_arrays(out, kind)
        if records is not None:
            extra = _list(_frames.to_columns(records)[uid])
        keys, labels = _caselink.cluster_pairs(cols["left_id"], cols["right_id"], prob.tolist(), threshold, extra)
        return _frames.from_arrays({uid: keys, "cluster_id": labels.astype(np.int64)}, kind)

    def explain(self, pair: Any, left: Any, right: Any = None) -> dict[str, Any]:
        """Why a pair scored as it did: the prior weight, one term per comparison (comparison,
        left_value, right_value, level, level_label, weight) and the totals; the prior plus the
        terms' weights is the match weight.

        ``pair`` is ``(left_id, right_id)`` or a row of the pairs (a mapping or pandas Series
        with ``left_id`` and ``right_id``); ``left`` / ``right`` are the tables the ids come from
        (``right=None`` for a dedupe).
        """
        if isinstance(pair, Mapping) or hasattr(pair, "keys"):
            lid, rid = pair["left_id"], pair["right_id"]
        else:
            lid, rid = pair
        lds = self._dataset(left, "left")
        rds = lds if right is None else self._dataset(right, "right")
        lrow, rrow = lds.find_row(str(lid)), rds.find_row(str(rid))
        if lrow is None or rrow is None:
            raise KeyError(f"id {lid if lrow is None else rid!r} not found")
        out: dict[str, Any] = self._core.explain(lds, lrow, rds, rrow)
        return out

    def report(
        self,
        pairs: Any,
        path: str | os.PathLike[str],
        left: Any,
        right: Any = None,
        threshold: float | None = None,
    ) -> None:
        """Write the self-contained HTML report of this linkage to ``path``: m and u per level,
        blocking statistics, the match-weight histogram and a review queue of the pairs nearest
        the threshold, each with its waterfall, and data quality.

        ``pairs`` is the output of :meth:`link` or :meth:`dedupe`; ``left`` / ``right`` are the
        tables it came from (``right=None`` for a dedupe), which the report needs to score the
        pairs below the threshold and to explain pairs. ``threshold`` defaults to the lowest
        ``match_probability`` in ``pairs`` (0.5 when it is empty).
        """
        if threshold is None:
            prob = [float(v) for v in _list(_frames.to_columns(pairs)["match_probability"]) if v is not None]
            threshold = min(prob) if prob else 0.5
        lds = self._dataset(left, "left")
        rds = None if right is None else self._dataset(right, "right")
        html = _caselink.link_report_html(self._core, lds, rds, threshold)
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(html)

    # ---- Python protocol --------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Linker)
            and self.spec == other.spec
            and self._core.parameters() == other._core.parameters()
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        spec = self.spec
        c, b = len(spec["comparisons"]), len(spec["blocking"])
        state = "trained" if self.is_trained else "untrained"
        return f"Linker(unique_id={spec['unique_id']!r}, {c} comparisons, {b} blocking rules, {state})"

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (Linker.from_bytes, (self.to_bytes(),))


def _list(values: Any) -> list[Any]:
    if isinstance(values, _caselink.StringColumn):
        return values.to_list()
    return list(values)
