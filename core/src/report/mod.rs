//! One self-contained HTML report of a trace or a linkage: the answer and the model behind it.
//!
//! The page makes no network request: CSS and a small script (table search and sort) are
//! inline, and every chart is an SVG drawn here. Record values are untrusted and are
//! HTML-escaped wherever they appear. Sections carry stable ids (`headline`, `funnel`,
//! `timing`, `sentences`, `cases`, `linkage-LEFT-RIGHT`, `quality`) so tests and links can
//! find them.
//!
//! ```
//! use caselink::{report, synth, trace};
//! let world = synth::cases(60, 3);
//! let input = trace::TraceInput::new(Some(world.referrals), Some(world.dockets), Some(world.press_releases), &[]).unwrap();
//! let result = trace::trace(&input, &trace::TraceOptions::default()).unwrap();
//! let html = report::trace_html(&result, &input);
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("id=\"funnel\""));
//! assert!(!html.contains("http://") || !html.contains("src=\"http"));
//! ```

mod html;
mod quality;
mod svg;

use std::fmt::Write;

pub use html::escape;
pub use quality::{ColumnKind, ColumnQuality, column_quality};

use crate::data::{Dataset, Rejected};
use crate::linker::{Linker, Predictions};
use crate::normalize::date::{DateOptions, parse_date};
use crate::spec::ComparisonSpec;
use crate::trace::{Source, Status, TraceInput, TraceResult, event_status};
use html::{pct, table, thousands, truncate};
use quality::quantile;

/// How a report is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The match-probability threshold to mark on the weight histograms and to centre the
    /// review queue on.
    pub threshold: f64,
    /// Rows of the case table embedded at most (the file stays small; the CSVs hold all).
    pub max_rows: usize,
    /// Candidates in each review queue.
    pub review: usize,
    /// Page title.
    pub title: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { threshold: 0.5, max_rows: 5000, review: 20, title: "caselink report".into() }
    }
}

/// The report of a trace (see the module docs), with default options.
pub fn trace_html(result: &TraceResult, input: &TraceInput) -> String {
    trace_html_with(result, input, &ReportOptions::default())
}

/// The report of a linkage: its model, blocking, weights and review queue (no outcome parts),
/// with default options. `right` is `left` again for a deduplication.
///
/// ```
/// use caselink::{Dataset, linker::Linker, report};
/// let csv = "id,name,dob\n1,Ann Lee,1990-01-02\n2,Anne Lee,1990-01-02\n3,Bob Roy,1970-05-06\n4,Bob Ray,1970-05-06\n5,Cy Dee,1980-01-01\n";
/// let d = Dataset::from_csv_reader(csv.as_bytes(), "p.csv", &Default::default()).unwrap();
/// let mut l = Linker::from_json(r#"{"unique_id":"id","comparisons":[{"type":"name","column":"name"},{"type":"date","column":"dob"}]}"#).unwrap();
/// l.train(&d, None).unwrap();
/// let p = l.predict(&d, None, 0.0).unwrap();
/// let html = report::link_html(&l, &p, &d, &d);
/// assert!(html.contains("id=\"linkage-p-csv-p-csv\"") && !html.contains("id=\"funnel\""));
/// ```
pub fn link_html(linker: &Linker, predictions: &Predictions, left: &Dataset, right: &Dataset) -> String {
    link_html_with(linker, predictions, left, right, &ReportOptions::default())
}

/// Write `html` to `path`.
pub fn write(path: &std::path::Path, html: &str) -> crate::Result<()> {
    std::fs::write(path, html).map_err(|e| crate::Error::io("write", path, e))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

fn stat(id: &str, label: &str, value: &str, data_value: &str, sub: &str) -> String {
    format!(
        "<div class=\"stat\" id=\"stat-{}\" data-value=\"{}\"><div class=\"v\">{}</div><div class=\"l\">{}</div><div class=\"s\">{}</div></div>",
        escape(id),
        escape(data_value),
        escape(value),
        escape(label),
        escape(sub)
    )
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |x| format!("{x:.0}"))
}

fn fmt_opt_data(v: Option<f64>) -> String {
    v.map_or_else(String::new, |x| format!("{x}"))
}

/// Median and quartiles of `v` (sorted here).
fn quartiles(mut v: Vec<f64>) -> [Option<f64>; 3] {
    v.sort_by(f64::total_cmp);
    [quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75)]
}

fn days_of(iso: &Option<String>) -> Option<i32> {
    iso.as_deref().and_then(|s| parse_date(s, &DateOptions::default())).map(|p| p.days)
}

/// The report of a trace with `options`.
pub fn trace_html_with(result: &TraceResult, input: &TraceInput, options: &ReportOptions) -> String {
    let mut body = String::new();
    let mut nav = vec![("headline", "Headline"), ("funnel", "Outcome funnel"), ("timing", "Timing")];
    nav.extend([("sentences", "Sentences"), ("cases", "Cases")]);
    let linkage_ids: Vec<(String, String)> = result
        .linkages
        .iter()
        .map(|lk| {
            (format!("linkage-{}-{}", slug(lk.left.name()), slug(lk.right.name())), linkage_title(lk.left, lk.right))
        })
        .collect();
    let _ = write!(
        body,
        "<h1>{}</h1><p class=\"muted\">CyberTipline outcome trace · caselink {} · threshold {}</p>",
        escape(&options.title),
        crate::VERSION,
        options.threshold
    );
    body.push_str("<nav>");
    for (id, t) in &nav {
        let _ = write!(body, "<a href=\"#{id}\">{t}</a>");
    }
    for (id, t) in &linkage_ids {
        let _ = write!(body, "<a href=\"#{id}\">{}</a>", escape(t));
    }
    body.push_str("<a href=\"#quality\">Data quality</a></nav>");

    let s = &result.summary;
    let refs = &result.case_of[0];
    // What each case's releases announce: charge, plea, sentencing.
    let mut release_kinds = vec![[false; 3]; result.outcomes.len()];
    if let Some(press) = &input.press_releases {
        let events = press.column("event").ok();
        for (row, &case) in result.case_of[2].iter().enumerate() {
            let st = events.and_then(|c| c.get(row)).and_then(event_status).unwrap_or(Status::Charged);
            let k = match st {
                Status::Sentenced => 2,
                Status::Convicted => 1,
                _ => 0,
            };
            if let Some(f) = release_kinds.get_mut(case as usize) {
                f[k] = true;
            }
        }
    }
    let count_refs = |f: &dyn Fn(usize) -> bool| refs.iter().filter(|&&c| f(c as usize)).count() as u64;
    let with_release = [0, 1, 2].map(|k| count_refs(&|c| release_kinds.get(c).is_some_and(|f| f[k])));
    let at_least = |st: Status| count_refs(&|c| result.outcomes.get(c).is_some_and(|o| o.status >= st));
    let to_charge: Vec<f64> = result.outcomes.iter().filter_map(|o| o.days_report_to_charge).map(f64::from).collect();
    let to_sentence: Vec<f64> = result
        .outcomes
        .iter()
        .filter_map(|o| Some(f64::from(o.sentenced_days? - days_of(&o.first_report_date)?)))
        .collect();
    let qc = quartiles(to_charge.clone());
    let qs = quartiles(to_sentence.clone());

    body.push_str("<section id=\"headline\"><h2>Headline</h2><div class=\"stats\">");
    body.push_str(&stat(
        "referrals-in",
        "referrals in",
        &thousands(s.referrals_in),
        &s.referrals_in.to_string(),
        &format!("{} records read, {} rejected", thousands(s.records_read), thousands(s.rejected)),
    ));
    let share = |n: u64| format!("{} of referrals", pct(n, s.referrals_in));
    body.push_str(&stat(
        "linked-to-docket",
        "linked to a federal docket",
        &thousands(s.referrals_linked_to_docket),
        &s.referrals_linked_to_docket.to_string(),
        &share(s.referrals_linked_to_docket),
    ));
    body.push_str(&stat(
        "with-press-release",
        "with any press release",
        &thousands(s.referrals_with_press_release),
        &s.referrals_with_press_release.to_string(),
        &share(s.referrals_with_press_release),
    ));
    for (k, (id, label)) in [
        ("charge-release", "with a charging release"),
        ("plea-release", "with a plea release"),
        ("sentencing-release", "with a sentencing release"),
    ]
    .iter()
    .enumerate()
    {
        body.push_str(&stat(
            id,
            label,
            &thousands(with_release[k]),
            &with_release[k].to_string(),
            &share(with_release[k]),
        ));
    }
    body.push_str(&stat(
        "cases-with-public-record",
        "cases with a public record",
        &thousands(s.cases_with_public_record),
        &s.cases_with_public_record.to_string(),
        &format!("of {} cases", thousands(s.cases)),
    ));
    body.push_str(&stat(
        "median-days-to-charge",
        "median days report → charge",
        &fmt_opt(qc[1]),
        &fmt_opt_data(qc[1]),
        &format!("quartiles {} – {} · n = {}", fmt_opt(qc[0]), fmt_opt(qc[2]), to_charge.len()),
    ));
    body.push_str(&stat(
        "median-days-to-sentence",
        "median days report → sentence",
        &fmt_opt(qs[1]),
        &fmt_opt_data(qs[1]),
        &format!("quartiles {} – {} · n = {}", fmt_opt(qs[0]), fmt_opt(qs[2]), to_sentence.len()),
    ));
    body.push_str("</div></section>");

    // The funnel counts referrals, so each bar is a share of the first.
    let funnel = [
        ("referrals", s.referrals_in),
        ("linked to a docket", s.referrals_linked_to_docket),
        ("charged (docket or release)", at_least(Status::Charged)),
        ("pleaded guilty / convicted", at_least(Status::Convicted)),
        ("sentenced", at_least(Status::Sentenced)),
    ];
    let items: Vec<(String, f64, String)> = funnel
        .iter()
        .map(|(l, n)| ((*l).to_owned(), *n as f64, format!("{} ({})", thousands(*n), pct(*n, s.referrals_in))))
        .collect();
    let _ = write!(
        body,
        "<section id=\"funnel\"><h2>Outcome funnel</h2><p class=\"note\">Referrals by the furthest public outcome their case reached.</p><figure>{}</figure></section>",
        svg::hbars("chart-funnel", "outcome funnel", &items, "#2f6db5", 820.0, 200.0)
    );

    let _ = write!(
        body,
        "<section id=\"timing\"><h2>Timing</h2><div class=\"grid2\"><figure><figcaption>Days from first report to charge (n = {})</figcaption>{}</figure><figure><figcaption>Days from first report to sentence (n = {})</figcaption>{}</figure></div></section>",
        to_charge.len(),
        svg::histogram("chart-days-to-charge", "days report to charge", &svg::bins(&to_charge, 24, 1.0), "days", None),
        to_sentence.len(),
        svg::histogram(
            "chart-days-to-sentence",
            "days report to sentence",
            &svg::bins(&to_sentence, 24, 1.0),
            "days",
            None
        )
    );
    let months: Vec<f64> = result.outcomes.iter().filter_map(|o| o.sentence_months).map(f64::from).collect();
    let qm = quartiles(months.clone());
    let _ = write!(
        body,
        "<section id=\"sentences\"><h2>Sentences</h2><p class=\"note\">Prison terms announced in sentencing releases: n = {}, median {} months (quartiles {} – {}).</p><figure>{}</figure></section>",
        months.len(),
        fmt_opt(qm[1]),
        fmt_opt(qm[0]),
        fmt_opt(qm[2]),
        svg::histogram("chart-sentence-months", "sentence length", &svg::bins(&months, 24, 1.0), "months", None)
    );

    body.push_str(&case_table(result, options.max_rows));

    for (lk, (id, title)) in result.linkages.iter().zip(&linkage_ids) {
        if let (Some(l), Some(r)) = (input.get(lk.left), input.get(lk.right)) {
            body.push_str(&linkage_section(id, title, &lk.linker, &lk.predictions, l, r, options));
        }
    }

    let mut checks = Vec::new();
    let cols: [(Source, &[(&str, ColumnKind)]); 3] = [
        (
            Source::Referral,
            &[("received_date", ColumnKind::Date), ("suspect_name", ColumnKind::Name), ("state", ColumnKind::State)],
        ),
        (
            Source::Docket,
            &[
                ("filed_date", ColumnKind::Date),
                ("defendant_name", ColumnKind::Name),
                ("court_id", ColumnKind::District),
            ],
        ),
        (
            Source::PressRelease,
            &[
                ("date", ColumnKind::Date),
                ("defendant_name", ColumnKind::Name),
                ("district", ColumnKind::District),
                ("state", ColumnKind::State),
            ],
        ),
    ];
    for (src, list) in cols {
        if let Some(d) = input.get(src) {
            checks.extend(list.iter().filter_map(|(c, k)| column_quality(d, c, *k)));
        }
    }
    body.push_str(&quality_section(&result.rejected, &checks));
    html::page(&options.title, &body)
}

fn linkage_title(l: Source, r: Source) -> String {
    let name = |s: Source| match s {
        Source::Referral => "referrals",
        Source::Docket => "dockets",
        Source::PressRelease => "press releases",
    };
    format!("Linkage: {} ↔ {}", name(l), name(r))
}

fn case_table(result: &TraceResult, max_rows: usize) -> String {
    // Cases with a public record first: they are the answer; lone referrals fill the rest.
    let mut order: Vec<&crate::trace::Outcome> =
        result.outcomes.iter().filter(|o| o.status != Status::NoPublicRecord).collect();
    order.extend(result.outcomes.iter().filter(|o| o.status == Status::NoPublicRecord));
    let shown = order.len().min(max_rows);
    let opt = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let rows: Vec<Vec<String>> = order[..shown]
        .iter()
        .map(|o| {
            vec![
                escape(&o.case_id),
                format!("<span class=\"badge status-{0}\">{0}</span>", o.status.name()),
                escape(&truncate(&o.report_ids.join("; "), 60)),
                opt(&o.court_id),
                opt(&o.case_number),
                opt(&o.defendant_name),
                opt(&o.first_report_date),
                opt(&o.charged_date),
                opt(&o.plea_date),
                opt(&o.sentenced_date),
                o.sentence_months.map(|m| m.to_string()).unwrap_or_default(),
                o.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "case",
        "status",
        "report ids",
        "court",
        "case number",
        "defendant",
        "first report",
        "charged",
        "plea",
        "sentenced",
        "months",
        "confidence",
    ];
    let note = if shown < order.len() {
        format!(
            "Showing the first {} of {} cases (cases with a public record first); outcomes.csv holds all of them.",
            thousands(shown as u64),
            thousands(order.len() as u64)
        )
    } else {
        format!("All {} cases. Click a column to sort; type to filter.", thousands(order.len() as u64))
    };
    let t = table("sortable", &header, &rows).replacen(
        "<table class=\"sortable\">",
        "<table class=\"sortable\" id=\"case-table\">",
        1,
    );
    format!(
        "<section id=\"cases\"><h2>Cases</h2><p class=\"note\" id=\"cases-note\" data-shown=\"{shown}\" data-total=\"{}\">{}</p>\
<input class=\"search\" type=\"search\" placeholder=\"Filter cases…\" data-table=\"case-table\"><div class=\"tablewrap\">{t}</div></section>",
        order.len(),
        escape(&note)
    )
}

fn weight_of(p: f64) -> f64 {
    if p <= 0.0 {
        f64::NEG_INFINITY
    } else if p >= 1.0 {
        f64::INFINITY
    } else {
        (p / (1.0 - p)).log2()
    }
}

/// The model sections of one linkage: weights, m and u, blocking, review queue.
fn linkage_section(
    id: &str,
    title: &str,
    linker: &Linker,
    p: &Predictions,
    left: &Dataset,
    right: &Dataset,
    options: &ReportOptions,
) -> String {
    let mut s = format!("<section id=\"{}\" class=\"linkage\"><h2>{}</h2>", escape(id), escape(title));
    let thr_w = weight_of(options.threshold);
    let above = p.match_probability.iter().filter(|&&x| x >= options.threshold).count() as u64;
    let lambda = linker.parameters().map(|x| x.lambda);
    let floor_note = match p.match_probability.iter().copied().reduce(f64::min) {
        Some(m) => format!("lowest p kept: {m:.2e}"),
        None => "none kept".into(),
    };
    s.push_str("<div class=\"stats\">");
    s.push_str(&stat(
        &format!("{id}-candidates"),
        "candidate pairs compared",
        &thousands(p.pairs_compared),
        &p.pairs_compared.to_string(),
        &format!("{} × {} records", thousands(left.len() as u64), thousands(right.len() as u64)),
    ));
    s.push_str(&stat(
        &format!("{id}-scored"),
        "pairs scored and kept",
        &thousands(p.len() as u64),
        &p.len().to_string(),
        &floor_note,
    ));
    s.push_str(&stat(
        &format!("{id}-above"),
        "pairs at or above the threshold",
        &thousands(above),
        &above.to_string(),
        &format!("p ≥ {} (weight ≥ {:.2})", options.threshold, thr_w),
    ));
    s.push_str(&stat(
        &format!("{id}-lambda"),
        "λ (prior match probability)",
        &lambda.map_or_else(|| "untrained".into(), |l| format!("{l:.3e}")),
        &lambda.map(|l| l.to_string()).unwrap_or_default(),
        "among all pairs",
    ));
    s.push_str("</div>");

    let weights: Vec<f64> = p.match_weight.iter().map(|w| w.clamp(-60.0, 60.0)).collect();
    let _ = write!(
        s,
        "<h3 id=\"{id}-weights\">Match weights</h3><p class=\"note\">Every scored candidate pair; the dashed line is the threshold.</p><figure>{}</figure>",
        svg::histogram(
            &format!("chart-{id}-weights"),
            "match weight histogram",
            &svg::bins(&weights, 30, 0.5),
            "match weight (log2 odds)",
            Some((thr_w, &format!("threshold p = {}", options.threshold)))
        )
    );

    let _ = write!(s, "<h3 id=\"{id}-mu\">m and u per comparison level</h3>");
    match linker.parameters() {
        Some(params) => {
            let labels = linker.level_labels();
            let comps: Vec<svg::MuLevels> = linker
                .comparison_names()
                .into_iter()
                .enumerate()
                .map(|(k, name)| {
                    let c = &params.comparisons[k];
                    let lv = (1..labels[k].len().min(c.m.len()).min(c.u.len()))
                        .map(|l| (labels[k][l].clone(), c.m[l], c.u[l], params.weight(k, l as u8)))
                        .collect();
                    (name, lv)
                })
                .collect();
            let _ =
                write!(s, "<figure>{}</figure>", svg::mu_chart(&format!("chart-{id}-mu"), "m and u per level", &comps));
        }
        None => s.push_str("<p class=\"note\">The model is not trained.</p>"),
    }

    let _ = write!(s, "<h3 id=\"{id}-blocking\">Blocking</h3>");
    let items: Vec<(String, f64, String)> = p
        .blocking
        .rules
        .iter()
        .map(|r| {
            (
                r.rule.clone(),
                r.pairs as f64,
                format!("{} pair{}", thousands(r.pairs), if r.pairs == 1 { "" } else { "s" }),
            )
        })
        .collect();
    let rows: Vec<Vec<String>> = p
        .blocking
        .rules
        .iter()
        .map(|r| {
            vec![
                escape(&r.rule),
                format!("{}", thousands(r.pairs)),
                r.capped_keys.len().to_string(),
                escape(
                    &r.capped_keys
                        .iter()
                        .take(5)
                        .map(|k| format!("{} ({}×{})", k.0, k.1, k.2))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    let _ = write!(
        s,
        "<p class=\"note\">Pairs each rule added (not produced by an earlier rule); {} distinct candidate pairs in all.</p><figure>{}</figure>{}",
        thousands(p.blocking.candidate_pairs),
        svg::hbars(&format!("chart-{id}-blocking"), "pairs per blocking rule", &items, "#6a8fc7", 1100.0, 560.0),
        table(
            &format!("blocking\" id=\"{id}-blocking-table"),
            &["rule", "pairs added", "keys over the block cap", "largest capped keys"],
            &rows
        )
    );

    let _ = write!(s, "<h3 id=\"{id}-review\">Review queue</h3>");
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| p.match_weight[i].is_finite()).collect();
    idx.sort_by(|&a, &b| {
        (p.match_weight[a] - thr_w).abs().total_cmp(&(p.match_weight[b] - thr_w).abs()).then(a.cmp(&b))
    });
    idx.truncate(options.review);
    idx.sort_by(|&a, &b| p.match_weight[b].total_cmp(&p.match_weight[a]).then(a.cmp(&b)));
    let _ = write!(
        s,
        "<p class=\"note\">The {} scored pairs nearest the threshold, most likely first: each bar is one comparison's contribution to the match weight.</p>",
        idx.len()
    );
    for (n, &i) in idx.iter().enumerate() {
        let (lr, rr) = (p.left[i] as usize, p.right[i] as usize);
        let _ = write!(
            s,
            "<div class=\"review\"><h4>{} ↔ {} · weight {:+.2} · p = {:.3}</h4>",
            escape(&left.id(lr)),
            escape(&right.id(rr)),
            p.match_weight[i],
            p.match_probability[i]
        );
        match linker.explain(left, lr, right, rr) {
            Ok(e) => {
                let terms: Vec<(String, f64)> =
                    e.terms.iter().map(|t| (format!("{}: {}", t.comparison, t.level_label), t.weight)).collect();
                s.push_str(&svg::waterfall(
                    &format!("chart-{id}-waterfall-{n}"),
                    "waterfall",
                    e.prior_weight,
                    &terms,
                    e.match_weight,
                ));
                let rows: Vec<Vec<String>> = e
                    .terms
                    .iter()
                    .map(|t| {
                        vec![
                            escape(&t.comparison),
                            escape(&truncate(&t.left_value, 80)),
                            escape(&truncate(&t.right_value, 80)),
                            escape(&t.level_label),
                            format!("{:+.2}", t.weight),
                        ]
                    })
                    .collect();
                s.push_str(&table("terms", &["comparison", "left", "right", "level", "weight"], &rows));
            }
            Err(err) => {
                let _ = write!(s, "<p class=\"note\">could not explain this pair: {}</p>", escape(&err.to_string()));
            }
        }
        s.push_str("</div>");
    }
    s.push_str("</section>");
    s
}

fn quality_section(rejected: &[Rejected], checks: &[ColumnQuality]) -> String {
    let mut s = String::from("<section id=\"quality\"><h2>Data quality</h2>");
    let rows: Vec<Vec<String>> = checks
        .iter()
        .map(|q| {
            vec![
                escape(&q.dataset),
                escape(&q.column),
                q.kind.name().to_owned(),
                thousands(q.non_empty),
                thousands(q.unparsed),
                pct(q.unparsed, q.non_empty),
                escape(&q.examples.iter().map(|e| truncate(e, 40)).collect::<Vec<_>>().join(" · ")),
            ]
        })
        .collect();
    let _ = write!(
        s,
        "<h3>Values the normalizers could not read</h3><p class=\"note\">Non-empty values per column that the date, name, district or state parser rejected; such values compare as missing.</p>{}",
        table(
            "quality\" id=\"quality-table",
            &["dataset", "column", "check", "non-empty", "unparsed", "share", "examples"],
            &rows
        )
    );
    const MAX_REJECTED: usize = 200;
    let _ = write!(
        s,
        "<h3>Rejected rows</h3><p class=\"note\" id=\"rejected-note\" data-count=\"{}\">{} rows could not be read{}.</p>",
        rejected.len(),
        thousands(rejected.len() as u64),
        if rejected.len() > MAX_REJECTED {
            format!("; the first {MAX_REJECTED} are listed, rejected.csv holds all")
        } else {
            String::new()
        }
    );
    if !rejected.is_empty() {
        let rows: Vec<Vec<String>> = rejected
            .iter()
            .take(MAX_REJECTED)
            .map(|r| vec![escape(&r.file), r.line.to_string(), escape(&truncate(&r.reason, 160))])
            .collect();
        s.push_str(&table("rejected", &["file", "line", "reason"], &rows));
    }
    s.push_str("</section>");
    s
}

/// The report of a linkage with `options`.
pub fn link_html_with(
    linker: &Linker,
    predictions: &Predictions,
    left: &Dataset,
    right: &Dataset,
    options: &ReportOptions,
) -> String {
    let same = std::ptr::eq(left, right);
    let id = format!("linkage-{}-{}", slug(left.name()), slug(right.name()));
    let title = if same {
        format!("Deduplication of {}", left.name())
    } else {
        format!("Linkage: {} ↔ {}", left.name(), right.name())
    };
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">caselink {} · threshold {}</p><nav><a href=\"#headline\">Headline</a><a href=\"#{}\">Model</a><a href=\"#quality\">Data quality</a></nav>",
        escape(&options.title),
        crate::VERSION,
        options.threshold,
        escape(&id)
    );
    let rejected: Vec<Rejected> =
        left.rejected.iter().chain(if same { [].iter() } else { right.rejected.iter() }).cloned().collect();
    let above = predictions.match_probability.iter().filter(|&&x| x >= options.threshold).count() as u64;
    body.push_str("<section id=\"headline\"><h2>Headline</h2><div class=\"stats\">");
    body.push_str(&stat(
        "left-records",
        &format!("records in {}", left.name()),
        &thousands(left.len() as u64),
        &left.len().to_string(),
        "",
    ));
    if !same {
        body.push_str(&stat(
            "right-records",
            &format!("records in {}", right.name()),
            &thousands(right.len() as u64),
            &right.len().to_string(),
            "",
        ));
    }
    body.push_str(&stat(
        "rejected",
        "rows rejected",
        &thousands(rejected.len() as u64),
        &rejected.len().to_string(),
        "",
    ));
    body.push_str(&stat(
        "links",
        "pairs at or above the threshold",
        &thousands(above),
        &above.to_string(),
        &format!("p ≥ {}", options.threshold),
    ));
    body.push_str("</div></section>");
    body.push_str(&linkage_section(&id, &title, linker, predictions, left, right, options));

    let mut checks = Vec::new();
    for c in &linker.spec().comparisons {
        let kind = match c {
            ComparisonSpec::Date { .. } => ColumnKind::Date,
            ComparisonSpec::Name { .. } => ColumnKind::Name,
            ComparisonSpec::District { .. } => ColumnKind::District,
            _ => continue,
        };
        for (lc, rc) in c.column_pairs() {
            checks.extend(column_quality(left, &lc, kind));
            if !same {
                checks.extend(column_quality(right, &rc, kind));
            }
        }
    }
    checks.dedup_by(|a, b| a.dataset == b.dataset && a.column == b.column);
    body.push_str(&quality_section(&rejected, &checks));
    html::page(&options.title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("press_release"), "press-release");
        assert_eq!(slug("My File.csv"), "my-file-csv");
    }

    #[test]
    fn weights_of_probabilities() {
        assert_eq!(weight_of(0.5), 0.0);
        assert_eq!(weight_of(1.0), f64::INFINITY);
        assert!((weight_of(0.8) - 2.0).abs() < 1e-12);
    }
}
