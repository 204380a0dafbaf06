//! From clusters to the research answer: one outcome row per case, the per-agency and
//! per-district table, and the summary.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::data::Dataset;
use crate::normalize::date::{DateOptions, iso, parse_date};
use crate::normalize::{district, reference, text};

/// The columns of `outcomes.csv`, in order: the one list the CSV writer, the Python frames and
/// the Spark schema all read.
///
/// ```
/// use caselink::trace::OUTCOME_COLUMNS;
/// assert_eq!(OUTCOME_COLUMNS[0], "case_id");
/// assert_eq!(OUTCOME_COLUMNS.len(), 15);
/// assert!(OUTCOME_COLUMNS.contains(&"days_report_to_charge"));
/// ```
pub const OUTCOME_COLUMNS: [&str; 15] = [
    "case_id",
    "status",
    "report_ids",
    "first_report_date",
    "recipient_agency",
    "court_id",
    "case_number",
    "defendant_name",
    "charged_date",
    "plea_date",
    "sentenced_date",
    "sentence_months",
    "release_ids",
    "days_report_to_charge",
    "confidence",
];

/// The furthest public outcome of a case, mirroring the feedback categories NCMEC asks agencies for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No docket or press release was linked.
    NoPublicRecord,
    /// A docket or a charging/indictment/arrest release.
    Charged,
    /// A guilty plea or a verdict.
    Convicted,
    /// A sentencing release.
    Sentenced,
}

impl Status {
    /// The name written in `outcomes.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Status::NoPublicRecord => "no_public_record",
            Status::Charged => "charged",
            Status::Convicted => "convicted",
            Status::Sentenced => "sentenced",
        }
    }
}

/// What a press release's `event` says, folded to the outcome it shows.
///
/// ```
/// use caselink::trace::{event_status, Status};
/// assert_eq!(event_status("Pleaded Guilty"), Some(Status::Convicted));
/// assert_eq!(event_status("sentenced"), Some(Status::Sentenced));
/// assert_eq!(event_status("indicted"), Some(Status::Charged));
/// assert_eq!(event_status("press conference"), None);
/// ```
pub fn event_status(event: &str) -> Option<Status> {
    let e = text::fold(event);
    if e.contains("sentenc") {
        Some(Status::Sentenced)
    } else if e.contains("guilty") || e.contains("plea") || e.contains("pled") || e.contains("convict") {
        Some(Status::Convicted)
    } else if e.contains("charg") || e.contains("indict") || e.contains("arrest") || e.contains("complaint") {
        Some(Status::Charged)
    } else {
        None
    }
}

/// One row of `outcomes.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Case id (also in `clusters.csv`).
    pub case_id: String,
    /// Furthest public outcome.
    pub status: Status,
    /// Linked referral ids.
    pub report_ids: Vec<String>,
    /// Earliest referral date (ISO).
    pub first_report_date: Option<String>,
    /// Agency that received the earliest referral.
    pub recipient_agency: Option<String>,
    /// Court id of the docket (or of a release's district).
    pub court_id: Option<String>,
    /// Docket number, canonical when it parses.
    pub case_number: Option<String>,
    /// Defendant as named on the docket (or in a release).
    pub defendant_name: Option<String>,
    /// Filing date or the earliest charging release (ISO).
    pub charged_date: Option<String>,
    /// Earliest plea or verdict release (ISO).
    pub plea_date: Option<String>,
    /// Sentencing release date (ISO).
    pub sentenced_date: Option<String>,
    /// Prison term announced at sentencing.
    pub sentence_months: Option<u32>,
    /// Linked press release ids.
    pub release_ids: Vec<String>,
    /// Days from the earliest referral to the charge.
    pub days_report_to_charge: Option<i32>,
    /// How sure the weakest link of the case is (empty for a lone record).
    pub confidence: Option<f64>,
    #[serde(skip)]
    pub(crate) charged_days: Option<i32>,
    #[serde(skip)]
    pub(crate) sentenced_days: Option<i32>,
}

pub(crate) struct Inputs<'a> {
    referrals: Option<&'a Dataset>,
    dockets: Option<&'a Dataset>,
    press: Option<&'a Dataset>,
    /// Read once for the outcomes and the agency table.
    facts: RowFacts,
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(
        referrals: Option<&'a Dataset>,
        dockets: Option<&'a Dataset>,
        press: Option<&'a Dataset>,
    ) -> Inputs<'a> {
        let facts = RowFacts::new(referrals, dockets, press);
        Inputs { referrals, dockets, press, facts }
    }
}

fn days(v: Option<&str>) -> Option<i32> {
    v.and_then(|s| parse_date(s, &DateOptions::default())).map(|p| p.days)
}

fn get<'a>(d: &'a Dataset, col: &str, row: u32) -> Option<&'a str> {
    d.column(col).ok().and_then(|c| c.get(row as usize))
}

fn min_opt(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The dates and events the outcomes and the agency table read, per row, read once per source in
/// row order: a case's records lie scattered over the tables, and reading their columns case by
/// case cost three cache misses per value.
struct RowFacts {
    received: Vec<Option<i32>>,
    filed: Vec<Option<i32>>,
    released: Vec<Option<i32>>,
    event: Vec<Option<Status>>,
}

impl RowFacts {
    fn new(referrals: Option<&Dataset>, dockets: Option<&Dataset>, press: Option<&Dataset>) -> RowFacts {
        fn per_row<T: Send>(d: Option<&Dataset>, col: &str, f: impl Fn(&str) -> Option<T> + Sync) -> Vec<Option<T>> {
            let Some(c) = d.and_then(|d| d.column(col).ok()) else { return Vec::new() };
            (0..c.len()).into_par_iter().with_min_len(4096).map(|row| c.get(row).and_then(&f)).collect()
        }
        let day = |s: &str| days(Some(s));
        RowFacts {
            received: per_row(referrals, "received_date", day),
            filed: per_row(dockets, "filed_date", day),
            released: per_row(press, "date", day),
            event: per_row(press, "event", event_status),
        }
    }
}

/// The value of `row` in a [`RowFacts`] column (`None` when the source has no such column).
fn at<T: Copy>(v: &[Option<T>], row: u32) -> Option<T> {
    v.get(row as usize).copied().flatten()
}

/// Build one outcome per case. `members` lists each case's records (source index, row), with
/// cases in id order; `confidence` is the weakest link per case.
pub(crate) fn build(inputs: &Inputs<'_>, members: &[Vec<(usize, u32)>], confidence: &[Option<f64>]) -> Vec<Outcome> {
    let facts = &inputs.facts;
    // Cases are independent: built in parallel, collected in order.
    members
        .par_iter()
        .enumerate()
        .map(|(case, recs)| {
            let mut o = Outcome {
                case_id: case_id(case),
                status: Status::NoPublicRecord,
                report_ids: Vec::new(),
                first_report_date: None,
                recipient_agency: None,
                court_id: None,
                case_number: None,
                defendant_name: None,
                charged_date: None,
                plea_date: None,
                sentenced_date: None,
                sentence_months: None,
                release_ids: Vec::new(),
                days_report_to_charge: None,
                confidence: confidence[case],
                charged_days: None,
                sentenced_days: None,
            };
            let mut first_report: Option<(i32, u32)> = None;
            let (mut plea, mut charged) = (None, None);
            for &(src, row) in recs {
                match src {
                    0 => {
                        let d = inputs.referrals.expect("referral rows come from referrals");
                        o.report_ids.push(d.id(row as usize).into_owned());
                        if let Some(day) = at(&facts.received, row)
                            && first_report.is_none_or(|(f, _)| day < f)
                        {
                            first_report = Some((day, row));
                        }
                    }
                    1 => {
                        let d = inputs.dockets.expect("docket rows come from dockets");
                        o.status = o.status.max(Status::Charged);
                        charged = min_opt(charged, at(&facts.filed, row));
                        if o.court_id.is_none() {
                            o.court_id = get(d, "court_id", row)
                                .map(|c| district::lookup(c).map_or_else(|| c.to_owned(), |x| x.court_id.clone()));
                            o.case_number = get(d, "case_number", row).map(canonical_docket);
                            o.defendant_name = get(d, "defendant_name", row).map(str::to_owned);
                        }
                    }
                    _ => {
                        let d = inputs.press.expect("release rows come from press releases");
                        o.release_ids.push(d.id(row as usize).into_owned());
                        let day = at(&facts.released, row);
                        let status = at(&facts.event, row).unwrap_or(Status::Charged);
                        o.status = o.status.max(status);
                        match status {
                            Status::Sentenced => {
                                if o.sentenced_days.is_none() || day < o.sentenced_days {
                                    o.sentenced_days = day.or(o.sentenced_days);
                                }
                                o.sentence_months = o
                                    .sentence_months
                                    .or_else(|| get(d, "sentence_months", row).and_then(|s| s.trim().parse().ok()));
                            }
                            Status::Convicted => plea = min_opt(plea, day),
                            _ => charged = min_opt(charged, day),
                        }
                        if o.defendant_name.is_none() {
                            o.defendant_name = get(d, "defendant_name", row).map(str::to_owned);
                        }
                        if o.court_id.is_none() {
                            o.court_id = get(d, "district", row).and_then(district::lookup).map(|x| x.court_id.clone());
                        }
                        if o.case_number.is_none() {
                            o.case_number = get(d, "case_number", row).map(canonical_docket);
                        }
                    }
                }
            }
            if let Some((day, row)) = first_report {
                o.first_report_date = Some(iso(day));
                o.recipient_agency = inputs.referrals.and_then(|d| get(d, "recipient_agency", row)).map(str::to_owned);
                o.days_report_to_charge = charged.map(|c| c - day);
            }
            o.charged_days = charged;
            o.charged_date = charged.map(iso);
            o.plea_date = plea.map(iso);
            o.sentenced_date = o.sentenced_days.map(iso);
            o
        })
        .collect()
}

fn canonical_docket(s: &str) -> String {
    reference::parse_docket(s).map_or_else(|| s.to_owned(), |d| d.canonical())
}

/// The id of case number `i` (0-based): `case-000001`.
pub fn case_id(i: usize) -> String {
    format!("case-{:06}", i + 1)
}

/// One row of `agencies.csv`: how one agency's, district's or state's referrals visibly ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyRow {
    /// `agency`, `district` or `state`.
    pub group: &'static str,
    /// The agency, court id or state.
    pub name: String,
    /// Referrals received.
    pub referrals: u64,
    /// Of those, linked to a docket.
    pub linked_to_docket: u64,
    /// Of those, linked to any press release.
    pub with_press_release: u64,
    /// Of those, linked to a sentencing.
    pub with_sentencing: u64,
    /// Median days from the referral to the charge, over referrals that were charged.
    pub median_days_report_to_charge: Option<f64>,
}

/// The median of `v` (sorted in place); `None` when empty.
pub(crate) fn median(v: &mut [i32]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 { f64::from(v[n / 2]) } else { (f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0 })
}

#[derive(Default)]
struct Tally {
    referrals: u64,
    docket: u64,
    release: u64,
    sentenced: u64,
    days: Vec<i32>,
}

/// Referral outcomes grouped by recipient agency, by the case's district, and by the referral's state.
pub(crate) fn agencies(
    inputs: &Inputs<'_>,
    case_of_referral: &[u32],
    outcomes: &[Outcome],
    has_docket: &[bool],
) -> Vec<AgencyRow> {
    let Some(refs) = inputs.referrals else { return Vec::new() };
    let mut groups: BTreeMap<(&'static str, String), Tally> = BTreeMap::new();
    for (row, &case) in case_of_referral.iter().enumerate() {
        let o = &outcomes[case as usize];
        let received = at(&inputs.facts.received, row as u32);
        let mut keys: Vec<(&'static str, String)> = Vec::new();
        if let Some(a) = get(refs, "recipient_agency", row as u32) {
            keys.push(("agency", a.to_owned()));
        }
        if let Some(c) = &o.court_id
            && has_docket[case as usize]
        {
            keys.push(("district", c.clone()));
        }
        if let Some(s) = get(refs, "state", row as u32) {
            keys.push(("state", district::state_code(s).map_or_else(|| s.to_owned(), str::to_owned)));
        }
        for k in keys {
            let t = groups.entry(k).or_default();
            t.referrals += 1;
            t.docket += u64::from(has_docket[case as usize]);
            t.release += u64::from(!o.release_ids.is_empty());
            t.sentenced += u64::from(o.status == Status::Sentenced);
            if let (Some(c), Some(r)) = (o.charged_days, received) {
                t.days.push(c - r);
            }
        }
    }
    groups
        .into_iter()
        .map(|((group, name), mut t)| AgencyRow {
            group,
            name,
            referrals: t.referrals,
            linked_to_docket: t.docket,
            with_press_release: t.release,
            with_sentencing: t.sentenced,
            median_days_report_to_charge: median(&mut t.days),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&mut [3, 1, 2]), Some(2.0));
        assert_eq!(median(&mut [4, 1, 2, 3]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn status_order_is_the_funnel() {
        assert!(Status::NoPublicRecord < Status::Charged);
        assert!(Status::Charged < Status::Convicted);
        assert!(Status::Convicted < Status::Sentenced);
    }
}
