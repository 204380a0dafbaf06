//! The HTML report: every section present, headline numbers equal to the trace's own figures
//! and CSV outputs, record values escaped, the case table capped.

use caselink::report::{self, ReportOptions};
use caselink::trace::{self, Status, TraceInput, TraceOptions, TraceResult};
use caselink::{Dataset, synth};

const EVIL: &str = "<script>alert(1)</script> Smith";

/// A synthetic world whose first docket's defendant is named with markup.
fn world() -> (TraceInput, TraceResult) {
    let w = synth::cases(300, 11);
    let mut buf = Vec::new();
    w.dockets.write_csv(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let name = w.dockets.value(0, "defendant_name").unwrap().unwrap().to_owned();
    let (head, rest) = text.split_once('\n').unwrap();
    let text = format!("{head}\n{}", rest.replacen(&name, EVIL, 1));
    let dockets = Dataset::from_csv_reader(text.as_bytes(), "dockets.csv", &Default::default()).unwrap();
    let input = TraceInput::new(Some(w.referrals), Some(dockets), Some(w.press_releases), &[]).unwrap();
    let result = trace::trace(&input, &TraceOptions::default()).unwrap();
    (input, result)
}

/// The `data-value` of the headline stat `id`.
fn stat(html: &str, id: &str) -> String {
    let key = format!("id=\"stat-{id}\" data-value=\"");
    let start = html.find(&key).unwrap_or_else(|| panic!("stat {id} missing")) + key.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

fn attr(html: &str, element_id: &str, name: &str) -> String {
    let at = html.find(&format!("id=\"{element_id}\"")).unwrap_or_else(|| panic!("{element_id} missing"));
    let key = format!("{name}=\"");
    let start = at + html[at..].find(&key).unwrap() + key.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

#[test]
fn trace_report_has_every_section_and_chart() {
    let (input, result) = world();
    assert_eq!(result.linkages.len(), 5);
    let html = report::trace_html(&result, &input);
    for id in ["headline", "funnel", "timing", "sentences", "cases", "quality"] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "section {id}");
    }
    let linkages = [
        "referral-docket",
        "docket-press-release",
        "referral-press-release",
        "docket-docket",
        "press-release-press-release",
    ];
    for lk in linkages {
        let id = format!("linkage-{lk}");
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
        for part in ["weights", "mu", "blocking", "review"] {
            assert!(html.contains(&format!("id=\"{id}-{part}\"")), "{id}-{part}");
        }
        for chart in ["weights", "mu", "blocking", "waterfall-0"] {
            assert!(html.contains(&format!("<svg class=\"chart\" id=\"chart-{id}-{chart}\"")), "{id} chart {chart}");
        }
    }
    for chart in ["funnel", "days-to-charge", "days-to-sentence", "sentence-months"] {
        assert!(html.contains(&format!("id=\"chart-{chart}\"")), "chart {chart}");
    }
    // Offline: nothing is fetched.
    for bad in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn headline_numbers_equal_the_summary_and_the_csv_outputs() {
    let (input, result) = world();
    let html = report::trace_html(&result, &input);
    let s = &result.summary;
    assert_eq!(stat(&html, "referrals-in"), s.referrals_in.to_string());
    assert_eq!(stat(&html, "linked-to-docket"), s.referrals_linked_to_docket.to_string());
    assert_eq!(stat(&html, "with-press-release"), s.referrals_with_press_release.to_string());
    // A case is sentenced exactly when a sentencing release joined it.
    assert_eq!(stat(&html, "sentencing-release"), s.referrals_with_sentencing.to_string());
    assert_eq!(stat(&html, "cases-with-public-record"), s.cases_with_public_record.to_string());
    let median: f64 = stat(&html, "median-days-to-charge").parse().unwrap();
    assert_eq!(Some(median), s.median_days_report_to_charge);
    assert!(s.referrals_linked_to_docket > 0 && s.referrals_with_sentencing > 0);

    let dir = std::env::temp_dir().join(format!("caselink-report-test-{}", std::process::id()));
    result.write(&input, &dir).unwrap();
    let outcomes = Dataset::from_csv_path(dir.join("outcomes.csv"), &Default::default()).unwrap();
    assert_eq!(attr(&html, "cases-note", "data-total"), outcomes.len().to_string());
    let sentenced = (0..outcomes.len())
        .filter(|&r| outcomes.value(r, "status").unwrap() == Some(Status::Sentenced.name()))
        .count() as u64;
    assert_eq!(sentenced, s.cases_with_sentencing);
    let rejected = Dataset::from_csv_path(dir.join("rejected.csv"), &Default::default()).unwrap();
    assert_eq!(attr(&html, "rejected-note", "data-count"), rejected.len().to_string());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn record_values_are_escaped() {
    let (input, result) = world();
    assert!(result.outcomes.iter().any(|o| o.defendant_name.as_deref() == Some(EVIL)));
    let html = report::trace_html(&result, &input);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Smith"));
    assert!(!html.contains("<script>alert"));
    assert_eq!(html.matches("<script").count(), 1, "only the report's own script");
}

#[test]
fn case_table_is_capped_and_review_queues_are_bounded() {
    let (input, result) = world();
    let opts = ReportOptions { max_rows: 10, review: 5, ..ReportOptions::default() };
    let html = report::trace_html_with(&result, &input, &opts);
    assert_eq!(attr(&html, "cases-note", "data-shown"), "10");
    let table = &html[html.find("id=\"case-table\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), 11, "header + 10 rows");
    assert!(html.contains("Showing the first 10 of"));
    for lk in &result.linkages {
        let id = format!("linkage-{}-{}", lk.left.name(), lk.right.name()).replace('_', "-");
        let start = html.find(&format!("<section id=\"{id}\"")).unwrap();
        let sec = &html[start..start + html[start..].find("</section>").unwrap()];
        assert_eq!(sec.matches("class=\"review\"").count(), lk.predictions.len().min(5), "{id}");
    }
}

#[test]
fn link_report_has_model_sections_only_and_escapes() {
    let csv = "id,name,dob\n1,Ann Lee,1990-01-02\n2,Anne Lee,1990-01-02\n3,<b onmouseover=x>Bob Roy,1970-05-06\n\
               4,Bob Roy,1970-05-06\n5,Cy Dee,1980-01-01\n6,Cy Dee,not a date\n7,--,1980-01-01\n";
    let d = Dataset::from_csv_reader(csv.as_bytes(), "people.csv", &Default::default()).unwrap();
    let spec = r#"{"unique_id":"id","comparisons":[{"type":"name","column":"name"},{"type":"date","column":"dob"}]}"#;
    let mut l = caselink::linker::Linker::from_json(spec).unwrap();
    l.train(&d, None).unwrap();
    let p = l.predict(&d, None, 0.0).unwrap();
    let html = report::link_html(&l, &p, &d, &d);
    for id in ["headline", "linkage-people-csv-people-csv", "quality"] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    for id in ["funnel", "timing", "sentences", "cases"] {
        assert!(!html.contains(&format!("<section id=\"{id}\"")), "{id} is a trace section");
    }
    assert!(!html.contains("<b onmouseover"));
    assert!(html.contains("&lt;b onmouseover=x&gt;Bob Roy"));
    assert_eq!(stat(&html, "left-records"), "7");
    let above = p.match_probability.iter().filter(|&&x| x >= 0.5).count();
    assert_eq!(stat(&html, "links"), above.to_string());
    // The date column has one unreadable value, the name column one empty name.
    let q = &html[html.find("id=\"quality-table\"").unwrap()..];
    assert!(q.contains("<td>people.csv</td><td>dob</td><td>date</td><td>7</td><td>1</td>"), "{q}");
    assert!(q.contains("<td>people.csv</td><td>name</td><td>name</td><td>7</td><td>1</td>"));
}

#[test]
fn cli_writes_reports_for_demo_and_link() {
    let dir = std::env::temp_dir().join(format!("caselink-report-cli-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let exe = env!("CARGO_BIN_EXE_caselink");
    let out = std::process::Command::new(exe)
        .args(["--quiet", "demo", "--cases", "120", "--seed", "3", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "--quiet: {}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<section id=\"funnel\"") && html.contains("<section id=\"linkage-referral-docket\""));

    let spec = dir.join("spec.json");
    std::fs::write(&spec, r#"{"unique_id":"report_id","comparisons":[{"type":"name","column":"suspect_name"},{"type":"exact","column":"state"}]}"#).unwrap();
    let report = dir.join("link.html");
    let out = std::process::Command::new(exe)
        .arg("link")
        .arg("--spec")
        .arg(&spec)
        .arg(dir.join("input/referrals.csv"))
        .arg("--out")
        .arg(dir.join("pairs.csv"))
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    let pairs = Dataset::from_csv_path(dir.join("pairs.csv"), &Default::default()).unwrap();
    // The report scores pairs below the threshold too, but counts the written ones as links.
    assert_eq!(stat(&html, "links"), pairs.len().to_string());
    assert!(html.contains("-review\">Review queue</h3>"));
    assert!(html.contains("class=\"review\""), "review queue has pairs");
    std::fs::remove_dir_all(&dir).ok();
}
