"""caselink.metrics.cpdist vs rapidfuzz.process.cpdist (workers=1) on the same realistic name pairs.

Generates N seeded pairs of person names (first / optional middle initial / last, ~17 characters,
with typos, dropped letters, adjacent swaps, initials and swapped order), times each library on
the same lists of ``str`` (median of several runs, the two libraries' runs interleaved), checks the
scores agree, and prints a table.

    python benches/compare/metrics_vs_rapidfuzz.py            # 1,000,000 pairs, 5 runs
    python benches/compare/metrics_vs_rapidfuzz.py --pairs 100000 --runs 3

token_sort: caselink's ``token_sort`` is normalized *Levenshtein* on the sorted tokens, while
RapidFuzz's ``fuzz.token_sort_ratio`` is normalized *Indel* (no substitutions) on the sorted
tokens, scaled to 100. Speed is compared against ``fuzz.token_sort_ratio`` (what RapidFuzz users
call); agreement is checked against RapidFuzz Levenshtein on the token-sorted strings, which is
the same definition.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from rapidfuzz import distance, fuzz, process

from caselink import metrics
from caselink._caselink import StringColumn

FIRST = """james mary robert patricia john jennifer michael linda david elizabeth william barbara richard
susan joseph jessica thomas sarah christopher karen charles lisa daniel nancy matthew betty anthony
sandra mark margaret donald ashley steven kimberly andrew emily paul donna joshua michelle kenneth
carol kevin amanda brian melissa george deborah timothy stephanie ronald rebecca jason sharon edward
laura jeffrey cynthia ryan dorothy jacob amy gary kathleen nicholas angela eric shirley jonathan emma
jose maria luis carmen juan ana carlos rosa wei li fatima mohammed andre zoe renee""".split()  # noqa: SIM905
LAST = """smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez
clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green
adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz
parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan
cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood
james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster""".split()  # noqa: SIM905
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + rng.choice(LETTERS) + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1 :]
    if op == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(LETTERS) + word[i:]


def name_pairs(n: int, seed: int = 42) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    a: list[str] = []
    b: list[str] = []
    for _ in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        r = rng.random()
        middle = rng.choice(FIRST)[0] + "." if r < 0.4 else rng.choice(FIRST) if r < 0.8 else ""
        suffix = rng.choice(["Jr.", "Sr.", "III"]) if rng.random() < 0.08 else ""
        left = " ".join(p.title() for p in (first, middle, last, suffix) if p)
        r = rng.random()
        if r < 0.15:  # unrelated person
            f2, l2 = rng.choice(FIRST), rng.choice(LAST)
        elif r < 0.55:  # typo in one part
            f2, l2 = (typo(first, rng), last) if rng.random() < 0.5 else (first, typo(last, rng))
        elif r < 0.65:  # initial for the first name
            f2, l2 = first[0], last
        elif r < 0.75:  # typos in both
            f2, l2 = typo(first, rng), typo(last, rng)
        else:
            f2, l2 = first, last
        m2 = middle if rng.random() < 0.75 else ""
        parts = [l2, f2, m2] if rng.random() < 0.1 else [f2, m2, l2]
        right = " ".join(p.title() for p in (*parts, suffix) if p)
        a.append(left)
        b.append(right)
    return a, b


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def median_times(fns: list[Callable[[], object]], runs: int) -> list[tuple[float, object]]:
    """Median time of each function, the runs interleaved (a, b, a, b, ...) so that a change in
    the load of a shared machine hits every function alike."""
    times: list[list[float]] = [[] for _ in fns]
    outs: list[object] = [None] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            outs[i] = fn()
            times[i].append(time.perf_counter() - start)
    return [(statistics.median(t), o) for t, o in zip(times, outs)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    a, b = name_pairs(args.pairs)
    mean_len = sum(map(len, a + b)) / (2 * len(a))
    print(f"{len(a):,} name pairs, mean length {mean_len:.1f} chars, median of {args.runs} runs, workers=1")

    sorted_a = [" ".join(sorted(s.split())) for s in a]
    sorted_b = [" ".join(sorted(s.split())) for s in b]
    cases = [
        ("jaro_winkler", distance.JaroWinkler.normalized_similarity, 1.0, None),
        ("normalized_levenshtein", distance.Levenshtein.normalized_similarity, 1.0, None),
        ("token_sort", fuzz.token_sort_ratio, 100.0, distance.Levenshtein.normalized_similarity),
    ]
    rows = []
    failed = False
    for name, rf_scorer, scale, same_definition in cases:
        (t_cl, ours), (t_rf, theirs) = median_times(
            [
                lambda name=name: metrics.cpdist(a, b, scorer=name, workers=1),
                lambda s=rf_scorer: process.cpdist(a, b, scorer=s, workers=1, dtype=np.float64),
            ],
            args.runs,
        )
        if same_definition is None:
            diff = float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs) / scale)))
        else:
            ref = process.cpdist(sorted_a, sorted_b, scorer=same_definition, workers=1, dtype=np.float64)
            diff = float(np.max(np.abs(np.asarray(ours) - ref)))
        ok = diff <= 1e-9
        failed |= not ok
        rows.append((name, len(a) / t_cl, len(a) / t_rf, t_rf / t_cl, diff, ok))

    # The same call with both sides already in Rust buffers: the gap to the list figure is what
    # reading a million str objects per side costs at the boundary.
    sa, sb = StringColumn(a), StringColumn(b)
    t_k, _ = median_time(lambda: metrics.cpdist(sa, sb, scorer="jaro_winkler", workers=1), args.runs)
    print(f"{'metric':24} {'caselink pairs/s':>17} {'rapidfuzz pairs/s':>18} {'ratio':>7} {'max |diff|':>11}")
    for name, cl, rf, ratio, diff, ok in rows:
        print(f"{name:24} {cl:17,.0f} {rf:18,.0f} {ratio:6.2f}x {diff:11.1e}{'' if ok else '  MISMATCH'}")
    print(f"boundary: jaro_winkler on StringColumns (no str objects read) runs at {len(a) / t_k:,.0f} pairs/s")
    print("token_sort: RapidFuzz speed is fuzz.token_sort_ratio (Indel); agreement is checked against")
    print("RapidFuzz Levenshtein on token-sorted strings (caselink's definition).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
