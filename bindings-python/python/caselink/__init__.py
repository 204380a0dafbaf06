"""caselink: an embeddable record-linkage engine.

Fuzzy names, directional dates, federal districts and reference numbers, linked fast by a Rust
engine. pandas, polars and pyarrow are optional: frames of each flavour go in and come back out in
the same flavour, and none of them is imported until you pass one in.

>>> import caselink
>>> round(caselink.metrics.jaro_winkler("Jon Smith", "John Smith"), 3)
0.973
"""

from caselink import block, compare, metrics, normalize, synth
from caselink._caselink import (
    CaselinkError,
    CaselinkIOError,
    ColumnNotFoundError,
    DataError,
    LimitError,
    ModelError,
    SpecError,
    __version__,
)
from caselink._engine import TraceResult, evaluate, extract, trace
from caselink.linker import Linker

__all__ = [
    "CaselinkError",
    "CaselinkIOError",
    "ColumnNotFoundError",
    "DataError",
    "LimitError",
    "Linker",
    "ModelError",
    "SpecError",
    "TraceResult",
    "__version__",
    "block",
    "compare",
    "evaluate",
    "extract",
    "metrics",
    "normalize",
    "synth",
    "trace",
]
