"""Shared fixtures: realistic noisy person names, seeded."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

FIRST = [
    "john",
    "mary",
    "william",
    "elizabeth",
    "jose",
    "maria",
    "wei",
    "fatima",
    "zoë",
    "andré",
    "o'neil",
    "ann",
]
LAST = [
    "smith",
    "garcia-lopez",
    "nguyen",
    "de la cruz",
    "johnson",
    "müller",
    "o'brien",
    "kowalski",
    "lee",
    "brown",
]


def noisy(name: str, rng: random.Random) -> str:
    """A typo, a dropped letter, a swap of adjacent letters, or the name unchanged."""
    if len(name) < 3:
        return name
    i = rng.randrange(len(name) - 1)
    op = rng.randrange(4)
    if op == 0:
        return name[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + name[i + 1 :]
    if op == 1:
        return name[:i] + name[i + 1 :]
    if op == 2:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def name_pairs(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """``n`` pairs of full names, the second a noisy version of the first (sometimes reordered)."""
    rng = random.Random(seed)
    a, b = [], []
    for _ in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        middle = rng.choice(["", "", f" {rng.choice(FIRST)[0]}."])
        full = f"{first}{middle} {last}"
        a.append(full)
        other = f"{last}, {first}" if rng.random() < 0.1 else f"{noisy(first, rng)} {noisy(last, rng)}"
        b.append(other if rng.random() < 0.95 else "")
    return a, b


@pytest.fixture(scope="session")
def pairs() -> tuple[list[str], list[str]]:
    return name_pairs(3000, seed=7)


def _repo() -> Path:
    return Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli() -> str:
    """The `caselink` command built from this tree (debug build; cargo makes it if needed)."""
    env = os.environ.get("CASELINK_BIN")
    if env:
        return env
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "caselink", "--bin", "caselink"], cwd=_repo(), check=True, timeout=600
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", _repo() / "target"))
    return str(target / "debug" / "caselink")
