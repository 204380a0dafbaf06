"""``caselink.trace``, ``caselink.evaluate`` and ``caselink.extract``.

>>> import caselink
>>> world = caselink.synth.cases(150, seed=2, flavour="dict")
>>> result = caselink.trace(world["referrals"], world["dockets"], world["press_releases"])
>>> s = result.summary
>>> s["records_read"] == s["records_in_cases"] + s["rejected"]
True
>>> report = caselink.evaluate(result.clusters, world["truth"])
>>> report["f1"] > 0.5
True
>>> recs = caselink.extract("Darren Lee Whitfield, 41, of Knoxville, was sentenced today to 180 months "
...                         "in federal prison, announced the U.S. Attorney for the Eastern District of Tennessee.")
>>> recs[0]["defendant_name"], recs[0]["sentence_months"]
('Darren Lee Whitfield', 180)
"""

from __future__ import annotations

import datetime
import html as _html
import os
from collections.abc import Mapping, Sequence
from typing import Any, Union, overload

from caselink import _caselink, _frames

__all__ = ["TraceResult", "evaluate", "extract", "trace"]

# Source names accepted in ``columns=``; the engine knows the first two spellings of each.
_SOURCES = {
    "referrals": "referrals",
    "referral": "referrals",
    "dockets": "dockets",
    "docket": "dockets",
    "press_releases": "press",
    "press_release": "press",
    "press": "press",
}


class TraceResult:
    """What :func:`trace` produced; each table is built on first access, in the input flavour.

    - ``pairs``: left_source, left_id, right_source, right_id, match_weight, match_probability
    - ``clusters``: record_type, record_id, case_id -- every accepted record exactly once
    - ``outcomes``: one row per case (status, report_ids, court_id, case_number, dates,
      sentence_months, release_ids, days_report_to_charge, confidence); numbers are floats with
      NaN for none
    - ``agencies``: per agency, district and state, how many referrals reached each stage
    - ``rejected``: file, line (1-based row), reason -- rows left out (missing or repeated id)
    - ``summary``: the headline numbers and the record accounting, a dict
    """

    def __init__(self, output: _caselink.TraceOutput, flavour: _frames.Flavour) -> None:
        self._out = output
        self._flavour = flavour
        self._cache: dict[str, Any] = {}

    def _table(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = _frames.from_arrays(getattr(self._out, name)(), self._flavour)
        return self._cache[name]

    @property
    def pairs(self) -> Any:
        """The links the trace accepted (from all five linkages)."""
        return self._table("pairs")

    @property
    def clusters(self) -> Any:
        """The case of every record."""
        return self._table("clusters")

    @property
    def outcomes(self) -> Any:
        """One row per case."""
        return self._table("outcomes")

    @property
    def agencies(self) -> Any:
        """Per agency, district and state."""
        return self._table("agencies")

    @property
    def rejected(self) -> Any:
        """Rows that could not be used, with the reason."""
        return self._table("rejected")

    @property
    def summary(self) -> dict[str, Any]:
        """records_read, records_in_cases, rejected, referrals_in, referrals_linked_to_docket, ..."""
        s: dict[str, Any] = self._out.summary()
        return s

    def write(self, directory: str | os.PathLike[str]) -> None:
        """Write pairs.csv, clusters.csv, outcomes.csv, agencies.csv and rejected.csv (the files
        of ``caselink trace``) into ``directory``, creating it if needed."""
        self._out.write(os.fspath(directory))

    def report(self, path: str | os.PathLike[str], threshold: float = 0.5) -> None:
        """Write the self-contained HTML report (headline numbers, outcome funnel, timing and
        sentence charts, the case table, each linkage's model and review queue, data quality) to
        ``path``; it opens offline in any browser. ``threshold`` is marked on the weight charts."""
        html = _caselink.trace_report_html(self._out, threshold)
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(html)

    def _repr_html_(self) -> str:
        # An iframe keeps the report's styles and script away from the notebook's own.
        page = _caselink.trace_report_html(self._out, 0.5, 1000)
        return (
            f'<iframe srcdoc="{_html.escape(page, quote=True)}" '
            'style="width:100%;height:720px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
        )

    def __repr__(self) -> str:
        s = self.summary
        return f"TraceResult({s['cases']} cases from {s['records_read']} records, {s['rejected']} rejected)"


def trace(
    referrals: Any = None,
    dockets: Any = None,
    press_releases: Any = None,
    threshold: float = 0.5,
    columns: Mapping[str, Mapping[str, str]] | None = None,
) -> TraceResult:
    """Trace CyberTipline referrals to federal dockets and US Attorney press releases.

    Any of the three tables may be None. ``columns`` renames your columns to the standard ones,
    per source: ``{"dockets": {"defendant_name": "NAME"}}`` means the dockets' ``NAME`` column is
    the defendant name (sources: ``referrals``, ``dockets``, ``press_releases``). Tables come
    back in the flavour of the first table given. The GIL is released while the engine runs.
    """
    given = [t for t in (referrals, dockets, press_releases) if t is not None]
    if not given:
        raise ValueError("give at least one of referrals, dockets, press_releases")
    kind = _frames.flavour(given[0])
    maps: list[tuple[str, str, str]] = []
    for src, mapping in (columns or {}).items():
        if src not in _SOURCES:
            raise ValueError(f"unknown source {src!r} in columns; expected referrals, dockets or press_releases")
        if not isinstance(mapping, Mapping):
            raise TypeError(f"columns[{src!r}] must be a dict of standard column -> your column")
        maps.extend((_SOURCES[src], str(to), str(frm)) for to, frm in mapping.items())
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")

    def ds(frame: Any, name: str) -> _caselink.Dataset | None:
        return None if frame is None else _frames.to_dataset(_frames.to_columns(frame), name=name)

    out = _caselink.trace(
        ds(referrals, "referrals"), ds(dockets, "dockets"), ds(press_releases, "press_releases"), threshold, maps
    )
    return TraceResult(out, kind)


def evaluate(predicted: Any, truth: Any, threshold: float = 0.5) -> dict[str, Any]:
    """Precision, recall and F1 of predicted pairs or clusters against the truth, like
    ``caselink eval``.

    ``predicted`` is a pairs table (``left_id``, ``right_id``, ``match_probability``, optional
    ``left_source`` / ``right_source``; pairs below ``threshold`` are ignored), a clusters table
    (record id and cluster columns, e.g. ``TraceResult.clusters`` or :meth:`Linker.cluster`
    output), or a :class:`TraceResult` (its clusters). ``truth`` has ``record_type`` (optional),
    a record id column (``record_id`` / ``unique_id`` / ``id``) and an entity column
    (``case_id`` / ``person_id`` / ``cluster_id``). Returns the report as a dict with
    ``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``fn``, ``by_source`` and, for clusters,
    ``bcubed``.
    """
    if isinstance(predicted, TraceResult):
        predicted = predicted.clusters
    pred = _frames.to_dataset(_frames.to_columns(predicted), name="predicted")
    tru = _frames.to_dataset(_frames.to_columns(truth), name="truth")
    report: dict[str, Any] = _caselink.evaluate(pred, tru, threshold)
    return report


def _day_number(reference_date: datetime.date | str | int | None) -> int | None:
    if reference_date is None or (isinstance(reference_date, int) and not isinstance(reference_date, bool)):
        return reference_date
    if isinstance(reference_date, str):
        reference_date = datetime.date.fromisoformat(reference_date)
    if isinstance(reference_date, datetime.datetime):
        reference_date = reference_date.date()
    if isinstance(reference_date, datetime.date):
        return (reference_date - datetime.date(1970, 1, 1)).days
    raise TypeError(
        f"reference_date must be a datetime.date, an ISO date string or a day number, not {reference_date!r}"
    )


_Date = Union[datetime.date, str, int, None]


@overload
def extract(text: str, reference_date: _Date = None) -> list[dict[str, Any]]: ...  # type: ignore[overload-overlap]
@overload
def extract(text: Sequence[str], reference_date: _Date = None) -> list[list[dict[str, Any]]]: ...
def extract(
    text: str | Sequence[str], reference_date: _Date = None
) -> list[dict[str, Any]] | list[list[dict[str, Any]]]:
    """One record per defendant found in a press release or court document (text or HTML).

    Each record is a dict: doc_type, doc_date, district, district_confidence, defendant_name,
    age, city, state, event, event_date, event_date_precision, sentence_months, life_sentence,
    statutes, case_numbers, tip_numbers, esp, mentions_cybertip, name_confidence (dates ISO).
    ``reference_date`` resolves "today" in undated documents. Given a list of texts, returns one
    list of records per text, extracted in parallel with the GIL released.
    """
    ref = _day_number(reference_date)
    if isinstance(text, str):
        return _caselink.extract_many([text], ref)[0]
    texts = list(text)
    if not all(isinstance(t, str) for t in texts):
        raise TypeError("extract() takes a str or a sequence of str")
    return _caselink.extract_many(texts, ref)
