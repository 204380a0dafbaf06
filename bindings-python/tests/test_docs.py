"""Every docstring example and every ```python block of README.md runs and says what it shows."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
MODULES = [
    "caselink",
    "caselink.metrics",
    "caselink.normalize",
    "caselink.compare",
    "caselink.block",
    "caselink.linker",
    "caselink._frames",
    "caselink.synth",
    "caselink._engine",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"


def test_extension_docstring_examples() -> None:
    from caselink import _caselink

    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner()
    attempted = 0
    for name in [
        "jaro",
        "jaro_winkler",
        "levenshtein",
        "normalized_levenshtein",
        "osa",
        "normalized_osa",
        "qgram",
        "token_sort",
        "token_set",
    ]:
        for test in finder.find(getattr(_caselink, name), name, globs={}):
            result = runner.run(test)
            assert result.failed == 0, name
            attempted += result.attempted
    assert attempted >= 9


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_python_blocks_run() -> None:
    blocks = _blocks()
    assert len(blocks) >= 3
    namespace: dict[str, object] = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"README.md block {i}", "exec"), namespace)


def test_project_readme_python_blocks_run() -> None:
    # The project's front page shows the Python API too; it must not rot.
    readme = Path(__file__).resolve().parents[2] / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the project README shows a Python example"
    for i, code in enumerate(blocks):
        exec(compile(code, f"project README.md block {i}", "exec"), {})
