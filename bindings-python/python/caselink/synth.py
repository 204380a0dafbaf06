"""Seeded synthetic data with ground truth, the same as ``caselink synth``.

Each function returns a ``dict`` of tables in the ``flavour`` asked for: ``"pandas"``,
``"polars"``, ``"arrow"`` (pyarrow.Table) or ``"dict"`` (a dict of lists). The default is
pandas when it can be imported, else a dict of lists. Every value is text, as in the CSV files.

>>> from caselink import synth
>>> world = synth.cases(50, seed=1, flavour="dict")
>>> sorted(world)
['dockets', 'press_releases', 'referrals', 'truth']
>>> n = len(world["referrals"]["report_id"]) + len(world["dockets"]["docket_id"])
>>> len(world["truth"]["record_id"]) == n + len(world["press_releases"]["release_id"])
True
>>> sorted(synth.persons(10, flavour="dict")["truth"])
['person_id', 'unique_id']
"""

from __future__ import annotations

from typing import Any

from caselink import _caselink, _frames

__all__ = ["cases", "persons"]


def _check(n: int, seed: int) -> None:
    for what, v in (("n", n), ("seed", seed)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"{what} must be a non-negative int, got {v!r}")


def cases(n: int, seed: int = 0, flavour: _frames.Flavour | None = None) -> dict[str, Any]:
    """``n`` CyberTipline cases: ``referrals``, ``dockets``, ``press_releases`` and ``truth``
    (record_type, record_id, case_id). The same ``n`` and ``seed`` give the same data as
    ``caselink synth --cases n --seed seed``."""
    _check(n, seed)
    kind = flavour or _frames.default_flavour()
    return {k: _frames.dataset_to_frame(d, kind) for k, d in _caselink.synth_cases(n, seed).items()}


def persons(n: int, seed: int = 0, flavour: _frames.Flavour | None = None) -> dict[str, Any]:
    """``n`` distinct people with 1-5 noisy records each: ``persons`` and ``truth``
    (unique_id, person_id); the data of ``caselink synth --persons n --seed seed``."""
    _check(n, seed)
    kind = flavour or _frames.default_flavour()
    return {k: _frames.dataset_to_frame(d, kind) for k, d in _caselink.synth_persons(n, seed).items()}
