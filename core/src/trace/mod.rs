//! The CyberTipline outcome trace: which referrals led to a federal case, and how each case ended.
//!
//! Five pairwise linkages — referral↔docket, docket↔press release, referral↔press release,
//! docket↔docket (a defendant charged in two courts) and press release↔press release (releases
//! of one case) — each with its own comparisons and blocking (see `specs/*.json`, readable with
//! [`spec_for`]; [`spec_for_tables`] gives the spec run on tables of given sizes) and each trained
//! by EM on the data given. Dockets anchor cases: two dockets of
//! different courts, filed within the docket↔docket filing-gap window, join when each is the
//! other's best candidate; each press release joins at
//! most one case (one no docket case took may follow a sibling release that one did), two
//! one-docket cases in different courts join when their releases' city, age and middle name add
//! enough to the docket↔docket evidence, and each referral joins at most one case,
//! after its candidates compete (two namesakes with equally good evidence share the belief, so
//! neither is linked). Every input
//! record ends up in exactly one case (a lone referral is a case with status
//! `no_public_record`), or in `rejected` with its file, line and reason.
//!
//! ```
//! use caselink::{synth, trace};
//! let world = synth::cases(200, 7);
//! let input = trace::TraceInput::new(Some(world.referrals), Some(world.dockets), Some(world.press_releases), &[]).unwrap();
//! let result = trace::trace(&input, &trace::TraceOptions::default()).unwrap();
//! let s = &result.summary;
//! assert_eq!(s.records_read, s.records_in_cases + s.rejected);
//! assert!(s.referrals_linked_to_docket > 0);
//! ```

mod link;
mod outcomes;
mod sources;

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::data::{Dataset, Rejected};
use crate::error::{Error, Result};

pub use link::{LARGE_TABLE_ROWS, LARGE_TABLE_TRAINING_SAMPLE, Linkage, NAMELESS_FLOOR, spec_for, spec_for_tables};
// The distributed trace (crate::distributed) builds outcomes case by case with the same code.
pub use outcomes::{AgencyRow, OUTCOME_COLUMNS, Outcome, Status, case_id, event_status};
pub(crate) use outcomes::{Inputs as OutcomeInputs, build as build_outcomes};
pub use sources::{ColumnMap, DOCKET_COLUMNS, REFERRAL_COLUMNS, RELEASE_COLUMNS, Source, conform, read};

/// The three inputs, each optional, conformed to the standard columns.
#[derive(Debug, Clone, Default)]
pub struct TraceInput {
    /// Referrals (`report_id`, `received_date`, `suspect_name`, `state`, …).
    pub referrals: Option<Dataset>,
    /// Dockets (`docket_id`, `case_number`, `court_id`, `defendant_name`, `filed_date`, …).
    pub dockets: Option<Dataset>,
    /// Press releases (`release_id`, `date`, `district`, `defendant_name`, …).
    pub press_releases: Option<Dataset>,
}

impl TraceInput {
    /// Conform datasets already in memory (see [`conform`]).
    pub fn new(
        referrals: Option<Dataset>,
        dockets: Option<Dataset>,
        press_releases: Option<Dataset>,
        maps: &[ColumnMap],
    ) -> Result<Self> {
        Ok(TraceInput {
            referrals: referrals.map(|d| conform(d, Source::Referral, maps)).transpose()?,
            dockets: dockets.map(|d| conform(d, Source::Docket, maps)).transpose()?,
            press_releases: press_releases.map(|d| conform(d, Source::PressRelease, maps)).transpose()?,
        })
    }

    /// Read the CSV files given (any may be `None`).
    pub fn read(
        referrals: Option<&Path>,
        dockets: Option<&Path>,
        press_releases: Option<&Path>,
        maps: &[ColumnMap],
    ) -> Result<Self> {
        // Reading a CSV runs on one core: the files are read side by side.
        let one = |path: Option<&Path>, source| path.map(|p| read(p, source, maps)).transpose();
        let (referrals, (dockets, press_releases)) = rayon::join(
            || one(referrals, Source::Referral),
            || rayon::join(|| one(dockets, Source::Docket), || one(press_releases, Source::PressRelease)),
        );
        Ok(TraceInput { referrals: referrals?, dockets: dockets?, press_releases: press_releases? })
    }

    /// The dataset of `source`, if given.
    pub fn get(&self, source: Source) -> Option<&Dataset> {
        match source {
            Source::Referral => self.referrals.as_ref(),
            Source::Docket => self.dockets.as_ref(),
            Source::PressRelease => self.press_releases.as_ref(),
        }
    }
}

/// Options of a trace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraceOptions {
    /// Links at or above this match probability are kept and clustered.
    pub threshold: f64,
}

impl Default for TraceOptions {
    fn default() -> Self {
        TraceOptions { threshold: 0.5 }
    }
}

/// The headline numbers of a trace, and the record accounting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Rows read from all inputs, including rejected ones.
    pub records_read: u64,
    /// Records placed in a case (every accepted record).
    pub records_in_cases: u64,
    /// Rows rejected, with reasons in `rejected.csv`.
    pub rejected: u64,
    /// Referrals accepted.
    pub referrals_in: u64,
    /// Referrals whose case has a docket.
    pub referrals_linked_to_docket: u64,
    /// Referrals whose case has any press release.
    pub referrals_with_press_release: u64,
    /// Referrals whose case reached a sentencing.
    pub referrals_with_sentencing: u64,
    /// Cases (clusters), lone records included.
    pub cases: u64,
    /// Cases with a docket or a release.
    pub cases_with_public_record: u64,
    /// Cases whose furthest outcome is a sentencing.
    pub cases_with_sentencing: u64,
    /// Median days from the first referral to the charge, over charged cases with referrals.
    pub median_days_report_to_charge: Option<f64>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |a: u64, b: u64| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        writeln!(f, "referrals in:                   {}", self.referrals_in)?;
        writeln!(
            f,
            "referrals linked to a docket:   {} ({:.1}%)",
            self.referrals_linked_to_docket,
            pct(self.referrals_linked_to_docket, self.referrals_in)
        )?;
        writeln!(
            f,
            "referrals with a press release: {} ({:.1}%)",
            self.referrals_with_press_release,
            pct(self.referrals_with_press_release, self.referrals_in)
        )?;
        writeln!(f, "cases with a sentencing:        {}", self.cases_with_sentencing)?;
        match self.median_days_report_to_charge {
            Some(m) => writeln!(f, "median days report → charge:    {m:.0}")?,
            None => writeln!(f, "median days report → charge:    n/a")?,
        }
        write!(
            f,
            "records: {} read = {} in cases + {} rejected",
            self.records_read, self.records_in_cases, self.rejected
        )
    }
}

/// A link the trace accepted: after the record's candidates competed, this one won with
/// `match_probability` at or above the threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Source of the left record (in spec order: referral, docket, press release).
    pub left: Source,
    /// Row of the left record.
    pub left_row: u32,
    /// Source of the right record.
    pub right: Source,
    /// Row of the right record.
    pub right_row: u32,
    /// log2 odds of `match_probability`.
    pub match_weight: f64,
    /// Probability that the child record's partner is this one, among all its candidates.
    pub match_probability: f64,
}

/// Everything a trace produces.
#[derive(Debug, Clone)]
pub struct TraceResult {
    /// The linkages that ran (only between sources that were given), with every candidate
    /// pair above a small floor as the model scored it.
    pub linkages: Vec<Linkage>,
    /// The links accepted into cases (what `pairs.csv` holds).
    pub links: Vec<Link>,
    /// Case label of every record, per source (index = row).
    pub case_of: [Vec<u32>; 3],
    /// One outcome per case, in case order.
    pub outcomes: Vec<Outcome>,
    /// Per agency, district and state.
    pub agencies: Vec<AgencyRow>,
    /// Rows that could not be read.
    pub rejected: Vec<Rejected>,
    /// Headline numbers.
    pub summary: Summary,
}

/// Run the trace.
pub fn trace(input: &TraceInput, options: &TraceOptions) -> Result<TraceResult> {
    if !(0.0..=1.0).contains(&options.threshold) {
        return Err(Error::invalid_spec("threshold", format!("{} is not a probability in [0, 1]", options.threshold)));
    }
    let lens = Source::ALL.map(|s| input.get(s).map_or(0, Dataset::len));
    let nodes = link::Nodes::new(lens);
    let mut linkages = Vec::new();
    let has_dockets = input.get(Source::Docket).is_some_and(|d| !d.is_empty());
    let runs = |l: Source, r: Source| {
        // Sibling releases only lead a release to a docket case: without dockets there is none.
        let needed = (l, r) != (Source::PressRelease, Source::PressRelease) || has_dockets;
        let given = |s: Source| input.get(s).is_some_and(|d| !d.is_empty());
        needed && given(l) && given(r)
    };
    let deduplicated: Vec<Source> =
        link::SPECS.iter().filter(|(l, r, _)| l == r && runs(*l, *r)).map(|s| s.0).collect();
    let mut names = link::NameStore::new(&deduplicated);
    for (l, r, _) in link::SPECS {
        if let (Some(ld), Some(rd)) = (input.get(l), input.get(r))
            && runs(l, r)
        {
            linkages.push(link::run_linkage(l, r, ld, rd, link::CANDIDATE_FLOOR, &mut names)?);
        }
    }
    let accepted = link::assign(&nodes, &linkages, options.threshold);
    let (labels, own) = link::cluster(&nodes, &accepted);
    // Members of each case, in case order (labels are dense, in order of first node).
    let n_cases = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n_cases];
    let mut confidence: Vec<Option<f64>> = vec![None; n_cases];
    for (node, &case) in labels.iter().enumerate() {
        let (s, row) = nodes.source_row(node as u32);
        members[case as usize].push((s as usize, row));
    }
    for (case, recs) in members.iter().enumerate() {
        confidence[case] =
            recs.iter().filter_map(|&(s, row)| own[nodes.node(Source::ALL[s], row) as usize]).reduce(f64::min);
    }
    let inputs = outcomes::Inputs::new(input.referrals.as_ref(), input.dockets.as_ref(), input.press_releases.as_ref());
    let outcomes = outcomes::build(&inputs, &members, &confidence);
    let has_docket: Vec<bool> = members.iter().map(|m| m.iter().any(|&(s, _)| s == 1)).collect();
    let case_of: [Vec<u32>; 3] = Source::ALL.map(|s| {
        let start = nodes.offset[s as usize] as usize;
        labels[start..start + lens[s as usize]].to_vec()
    });
    let agencies = outcomes::agencies(&inputs, &case_of[0], &outcomes, &has_docket);
    let rejected: Vec<Rejected> =
        Source::ALL.iter().filter_map(|&s| input.get(s)).flat_map(|d| d.rejected.iter().cloned()).collect();
    let summary = summarize(&case_of, &outcomes, &has_docket, rejected.len() as u64);
    let links = accepted
        .iter()
        .map(|a| {
            let (cs, cr) = nodes.source_row(a.child);
            let (ps, pr) = nodes.source_row(a.parent);
            // Written in the direction of the linkage specs: referral, docket, press release.
            let ((ls, lr), (rs, rr)) = if cs < ps { ((cs, cr), (ps, pr)) } else { ((ps, pr), (cs, cr)) };
            Link {
                left: ls,
                left_row: lr,
                right: rs,
                right_row: rr,
                match_weight: a.weight,
                match_probability: a.probability,
            }
        })
        .collect();
    Ok(TraceResult { linkages, links, case_of, outcomes, agencies, rejected, summary })
}

fn summarize(case_of: &[Vec<u32>; 3], outcomes: &[Outcome], has_docket: &[bool], rejected: u64) -> Summary {
    let in_cases: u64 = case_of.iter().map(|v| v.len() as u64).sum();
    let refs = &case_of[0];
    let count = |f: &dyn Fn(&Outcome, bool) -> bool| {
        refs.iter().filter(|&&c| f(&outcomes[c as usize], has_docket[c as usize])).count() as u64
    };
    let mut days: Vec<i32> = outcomes.iter().filter_map(|o| o.days_report_to_charge).collect();
    Summary {
        records_read: in_cases + rejected,
        records_in_cases: in_cases,
        rejected,
        referrals_in: refs.len() as u64,
        referrals_linked_to_docket: count(&|_, d| d),
        referrals_with_press_release: count(&|o, _| !o.release_ids.is_empty()),
        referrals_with_sentencing: count(&|o, _| o.status == Status::Sentenced),
        cases: outcomes.len() as u64,
        cases_with_public_record: outcomes.iter().filter(|o| o.status != Status::NoPublicRecord).count() as u64,
        cases_with_sentencing: outcomes.iter().filter(|o| o.status == Status::Sentenced).count() as u64,
        median_days_report_to_charge: outcomes::median(&mut days),
    }
}

fn csv_writer(dir: &Path, name: &str) -> Result<(csv::Writer<std::io::BufWriter<std::fs::File>>, std::path::PathBuf)> {
    let path = dir.join(name);
    let f = std::fs::File::create(&path).map_err(|e| Error::io("create", &path, e))?;
    Ok((csv::Writer::from_writer(std::io::BufWriter::new(f)), path))
}

/// A CSV write error as an I/O error on `path`.
fn write_error(path: &Path) -> impl Fn(csv::Error) -> Error + use<> {
    let path = path.to_owned();
    move |e: csv::Error| Error::io("write", path.clone(), std::io::Error::other(e))
}

/// `args` written into `buf` (cleared first): the numbers of a row reuse one buffer each
/// instead of a new string per value.
fn fmt_into<'b>(buf: &'b mut String, args: std::fmt::Arguments<'_>) -> &'b str {
    use std::fmt::Write as _;
    buf.clear();
    buf.write_fmt(args).expect("writing to a String cannot fail");
    buf
}

/// `parts` joined by `;` into `buf` (cleared first).
fn join_into<'b>(buf: &'b mut String, parts: &[String]) -> &'b str {
    buf.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            buf.push(';');
        }
        buf.push_str(p);
    }
    buf
}

impl TraceResult {
    /// Write `pairs.csv`, `clusters.csv`, `outcomes.csv`, `agencies.csv`, `rejected.csv` and one
    /// `model_<left>_<right>.json` per linkage (its spec and trained m/u) into `dir`.
    pub fn write(&self, input: &TraceInput, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))?;
        // Each file is formatted on one core: they are written side by side. The first error in
        // the order above is the one reported.
        let files: [&(dyn Fn() -> Result<()> + Sync); 6] = [
            &|| self.write_pairs(input, dir),
            &|| self.write_clusters(input, dir),
            &|| self.write_outcomes(dir),
            &|| self.write_agencies(dir),
            &|| self.write_models(dir),
            &|| self.write_rejected(dir),
        ];
        use rayon::prelude::*;
        files.par_iter().map(|f| f()).collect::<Vec<_>>().into_iter().collect()
    }

    fn write_pairs(&self, input: &TraceInput, dir: &Path) -> Result<()> {
        let (mut w, p) = csv_writer(dir, "pairs.csv")?;
        let e = write_error(&p);
        w.write_record(["left_source", "left_id", "right_source", "right_id", "match_weight", "match_probability"])
            .map_err(&e)?;
        let (mut weight, mut probability) = (String::new(), String::new());
        for lk in &self.links {
            let (ld, rd) = (input.get(lk.left).expect("linked"), input.get(lk.right).expect("linked"));
            w.write_record([
                lk.left.name(),
                &ld.id(lk.left_row as usize),
                lk.right.name(),
                &rd.id(lk.right_row as usize),
                fmt_into(&mut weight, format_args!("{:.6}", lk.match_weight)),
                fmt_into(&mut probability, format_args!("{:.6}", lk.match_probability)),
            ])
            .map_err(&e)?;
        }
        w.flush().map_err(|x| Error::io("write", &p, x))
    }

    fn write_clusters(&self, input: &TraceInput, dir: &Path) -> Result<()> {
        let (mut w, p) = csv_writer(dir, "clusters.csv")?;
        let e = write_error(&p);
        w.write_record(["record_type", "record_id", "case_id"]).map_err(&e)?;
        for s in Source::ALL {
            if let Some(d) = input.get(s) {
                for (row, &case) in self.case_of[s as usize].iter().enumerate() {
                    w.write_record([s.name(), &d.id(row), &case_id(case as usize)]).map_err(&e)?;
                }
            }
        }
        w.flush().map_err(|x| Error::io("write", &p, x))
    }

    fn write_outcomes(&self, dir: &Path) -> Result<()> {
        fn s(v: &Option<String>) -> &str {
            v.as_deref().unwrap_or("")
        }
        let (mut w, p) = csv_writer(dir, "outcomes.csv")?;
        let e = write_error(&p);
        w.write_record(OUTCOME_COLUMNS).map_err(&e)?;
        let mut bufs: [String; 5] = Default::default();
        for o in &self.outcomes {
            let [reports, months, releases, days, confidence] = &mut bufs;
            w.write_record([
                &*o.case_id,
                o.status.name(),
                join_into(reports, &o.report_ids),
                s(&o.first_report_date),
                s(&o.recipient_agency),
                s(&o.court_id),
                s(&o.case_number),
                s(&o.defendant_name),
                s(&o.charged_date),
                s(&o.plea_date),
                s(&o.sentenced_date),
                match o.sentence_months {
                    Some(m) => fmt_into(months, format_args!("{m}")),
                    None => "",
                },
                join_into(releases, &o.release_ids),
                match o.days_report_to_charge {
                    Some(d) => fmt_into(days, format_args!("{d}")),
                    None => "",
                },
                match o.confidence {
                    Some(c) => fmt_into(confidence, format_args!("{c:.4}")),
                    None => "",
                },
            ])
            .map_err(&e)?;
        }
        w.flush().map_err(|x| Error::io("write", &p, x))
    }

    fn write_agencies(&self, dir: &Path) -> Result<()> {
        let (mut w, p) = csv_writer(dir, "agencies.csv")?;
        let e = write_error(&p);
        w.write_record([
            "group",
            "name",
            "referrals",
            "linked_to_docket",
            "with_press_release",
            "with_sentencing",
            "median_days_report_to_charge",
        ])
        .map_err(&e)?;
        for a in &self.agencies {
            w.write_record([
                a.group.to_owned(),
                a.name.clone(),
                a.referrals.to_string(),
                a.linked_to_docket.to_string(),
                a.with_press_release.to_string(),
                a.with_sentencing.to_string(),
                a.median_days_report_to_charge.map(|m| format!("{m:.1}")).unwrap_or_default(),
            ])
            .map_err(&e)?;
        }
        w.flush().map_err(|x| Error::io("write", &p, x))
    }

    fn write_models(&self, dir: &Path) -> Result<()> {
        for lk in &self.linkages {
            let path = dir.join(format!("model_{}_{}.json", lk.left.name(), lk.right.name()));
            let json = serde_json::json!({
                "spec": serde_json::from_str::<serde_json::Value>(&lk.linker.spec().to_json()).unwrap_or_default(),
                "parameters": lk.linker.parameters_json(),
                "candidate_pairs": lk.predictions.pairs_compared,
            });
            std::fs::write(&path, serde_json::to_string_pretty(&json).expect("JSON values serialize"))
                .map_err(|e| Error::io("write", &path, e))?;
        }
        Ok(())
    }

    fn write_rejected(&self, dir: &Path) -> Result<()> {
        let (mut w, p) = csv_writer(dir, "rejected.csv")?;
        let e = write_error(&p);
        w.write_record(["file", "line", "reason"]).map_err(&e)?;
        for r in &self.rejected {
            w.write_record([r.file.clone(), r.line.to_string(), r.reason.clone()]).map_err(&e)?;
        }
        w.flush().map_err(|x| Error::io("write", &p, x))
    }

    /// Print the first `n` outcome rows with a public record, as a small text table.
    pub fn print_outcomes(&self, n: usize, mut out: impl Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{:<12} {:<10} {:<6} {:<15} {:<28} {:>6} {:>5}",
            "case", "status", "court", "case_number", "defendant", "months", "conf"
        )?;
        for o in self.outcomes.iter().filter(|o| o.status != Status::NoPublicRecord).take(n) {
            let name: String = o.defendant_name.clone().unwrap_or_default().chars().take(28).collect();
            writeln!(
                out,
                "{:<12} {:<10} {:<6} {:<15} {:<28} {:>6} {:>5}",
                o.case_id,
                o.status.name(),
                o.court_id.clone().unwrap_or_default(),
                o.case_number.clone().unwrap_or_default(),
                name,
                o.sentence_months.map(|m| m.to_string()).unwrap_or_default(),
                o.confidence.map(|c| format!("{c:.2}")).unwrap_or_default()
            )?;
        }
        Ok(())
    }
}
