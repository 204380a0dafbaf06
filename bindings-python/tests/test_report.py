"""The HTML report from Python: TraceResult.report, _repr_html_ and Linker.report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import caselink


def test_trace_report_and_notebook_view(tmp_path: Path) -> None:
    world = caselink.synth.cases(150, seed=4)
    result = caselink.trace(world["referrals"], world["dockets"], world["press_releases"])
    out = tmp_path / "report.html"
    result.report(out)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for section in ("headline", "funnel", "cases", "linkage-referral-docket", "quality"):
        assert f'<section id="{section}"' in html
    referrals_in = result.summary["referrals_in"]
    assert f'id="stat-referrals-in" data-value="{referrals_in}"' in html
    frame = result._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in frame


def test_linker_report_escapes_values(tmp_path: Path) -> None:
    people = pd.DataFrame(
        {
            "id": ["1", "2", "3", "4", "5", "6"],
            "name": ["Ann Lee", "Anne Lee", "<script>x()</script> Roy", "Bob Roy", "Cy Dee", "Cy Dee"],
            "dob": ["1990-01-02", "1990-01-02", "1970-05-06", "1970-05-06", "1980-01-01", "<img src=x onerror=y()>"],
        }
    )
    comparisons = [{"type": "name", "column": "name"}, {"type": "date", "column": "dob"}]
    linker = caselink.Linker(comparisons, unique_id="id")
    linker.train(people)
    pairs = linker.dedupe(people, threshold=0.5)
    out = tmp_path / "link.html"
    linker.report(pairs, out, people)
    html = out.read_text(encoding="utf-8")
    assert '<section id="linkage-left-left"' in html
    assert '<section id="funnel"' not in html
    assert "<script>x()" not in html and "<img" not in html
    # The unreadable date is listed under data quality, escaped.
    assert "&lt;img src=x onerror=y()&gt;" in html
    assert f'id="stat-links" data-value="{len(pairs)}"' in html
