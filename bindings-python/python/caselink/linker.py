"""The :class:`Linker`: a linkage spec (comparisons, blocking, options) as one object.

This round holds the spec as data -- build it, compare it, pickle it, round-trip it through
JSON. Training, linking, deduplication, clustering and explanation are bound to the Rust engine
as it lands (issue 4) and will be methods of this class.

>>> from caselink import Linker, block, compare
>>> lk = Linker(comparisons=[compare.name("name")], blocking=[block.key("state")], unique_id="id")
>>> Linker.from_json(lk.to_json()) == lk
True
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

__all__ = ["Linker"]


class Linker:
    """A record-linkage configuration: comparisons, blocking rules, the id column and options."""

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
        self._spec: dict[str, Any] = {
            "unique_id": unique_id,
            "comparisons": copy.deepcopy(list(comparisons)),
            "blocking": copy.deepcopy(list(blocking)),
            **copy.deepcopy(options),
        }

    @property
    def spec(self) -> dict[str, Any]:
        """A copy of the spec as plain data."""
        return copy.deepcopy(self._spec)

    def to_json(self) -> str:
        """The spec as JSON text (stable key order)."""
        return json.dumps(self._spec, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Linker:
        """Rebuild a :class:`Linker` from :meth:`to_json` output."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a linker spec must be a JSON object")
        data = dict(data)
        return cls(
            comparisons=data.pop("comparisons", []),
            blocking=data.pop("blocking", []),
            unique_id=data.pop("unique_id", "id"),
            **data,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Linker) and self._spec == other._spec

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        c, b = len(self._spec["comparisons"]), len(self._spec["blocking"])
        return f"Linker(unique_id={self._spec['unique_id']!r}, {c} comparisons, {b} blocking rules)"

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (Linker.from_json, (self.to_json(),))
