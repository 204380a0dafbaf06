//! Accuracy against ground truth: pairwise precision/recall/F1 (from scored pairs or from
//! clusters), the precision–recall curve, B-cubed, and a breakdown per pair of sources.
//!
//! Records are named by a [`RecordKey`]: a source (`""` when there is only one kind of record)
//! and an id. A true pair is two records that share an entity in the truth; a predicted pair is
//! a scored pair at or above the threshold, or two records that share a predicted cluster.
//! Counting never enumerates all pairs of a large entity: it works from per-cell counts.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{Error, Result};

const SOURCE_COLUMNS: [&str; 2] = ["record_type", "source"];
const ID_COLUMNS: [&str; 4] = ["record_id", "unique_id", "id", "rec_id"];
const ENTITY_COLUMNS: [&str; 5] = ["case_id", "person_id", "entity_id", "cluster_id", "cluster"];

fn find_column<'a>(d: &Dataset, candidates: &[&'a str], what: &str) -> Result<Option<&'a str>> {
    let found = candidates.iter().find(|c| d.has_column(c)).copied();
    if found.is_none() && what != "source" {
        return Err(Error::ColumnNotFound {
            column: format!("{what} (one of {})", candidates.join(", ")),
            source_name: d.name().to_owned(),
            available: d.column_names().into_iter().map(str::to_owned).collect(),
        });
    }
    Ok(found)
}

/// Read (source, id, label) rows from a truth or clusters table: columns `record_type`/`source`
/// (optional), `record_id`/`unique_id`/`id`/`rec_id`, and `case_id`/`person_id`/`entity_id`/`cluster_id`.
pub fn labelled_rows(d: &Dataset) -> Result<Vec<(RecordKey, String)>> {
    let src = find_column(d, &SOURCE_COLUMNS, "source")?.map(|c| d.column(c)).transpose()?;
    let id = d.column(find_column(d, &ID_COLUMNS, "record id")?.expect("required"))?;
    let ent = d.column(find_column(d, &ENTITY_COLUMNS, "entity id")?.expect("required"))?;
    let mut out = Vec::with_capacity(d.len());
    for row in 0..d.len() {
        let (Some(i), Some(e)) = (id.get(row), ent.get(row)) else {
            return Err(Error::BadData {
                file: d.name().to_owned(),
                line: d.line(row),
                column: Some(if id.get(row).is_none() { id.name() } else { ent.name() }.to_owned()),
                value: None,
                reason: "missing value; every row needs a record id and an entity id".into(),
            });
        };
        let s = src.and_then(|c| c.get(row)).unwrap_or("");
        out.push(((s.to_owned(), i.to_owned()), e.to_owned()));
    }
    Ok(out)
}

/// Read scored pairs: `left_id,right_id,match_probability` plus optional `left_source,right_source`.
pub fn scored_pairs(d: &Dataset) -> Result<Vec<(RecordKey, RecordKey, f64)>> {
    let (l, r, p) = (d.column("left_id")?, d.column("right_id")?, d.column("match_probability")?);
    let (ls, rs) = (d.column("left_source").ok(), d.column("right_source").ok());
    let mut out = Vec::with_capacity(d.len());
    for row in 0..d.len() {
        let prob = p.get(row).and_then(|v| v.parse::<f64>().ok()).filter(|v| v.is_finite());
        let (Some(a), Some(b), Some(prob)) = (l.get(row), r.get(row), prob) else {
            return Err(Error::BadData {
                file: d.name().to_owned(),
                line: d.line(row),
                column: Some("left_id/right_id/match_probability".into()),
                value: p.get(row).map(str::to_owned),
                reason: "each pair needs two ids and a numeric match_probability".into(),
            });
        };
        let key = |c: Option<&crate::data::Column>, v: &str| {
            (c.and_then(|c| c.get(row)).unwrap_or("").to_owned(), v.to_owned())
        };
        out.push((key(ls, a), key(rs, b), prob));
    }
    Ok(out)
}

/// A record's identity: (source, id). The source is `""` when the data has one kind of record.
pub type RecordKey = (String, String);

/// True positives, false positives and false negatives, with the derived rates.
///
/// ```
/// use caselink::eval::Confusion;
/// let c = Confusion { tp: 8, fp: 2, fn_: 8 };
/// assert_eq!(c.precision(), 0.8);
/// assert_eq!(c.recall(), 0.5);
/// assert!((c.f1() - 0.6153846).abs() < 1e-6);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Predicted pairs that are true.
    pub tp: u64,
    /// Predicted pairs that are not true.
    pub fp: u64,
    /// True pairs not predicted.
    pub fn_: u64,
}

impl Confusion {
    /// tp / (tp + fp); 1 when nothing was predicted (no false claim was made).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// As JSON: precision, recall, f1, tp, fp, fn.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
            "tp": self.tp, "fp": self.fp, "fn": self.fn_,
        })
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn pairs_of(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// The truth: which entity each record belongs to.
///
/// ```
/// use caselink::eval::Truth;
/// let t = Truth::from_rows([("", "a", "1"), ("", "b", "1"), ("", "c", "2")]).unwrap();
/// assert_eq!(t.len(), 3);
/// assert_eq!(t.true_pairs_total(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Truth {
    entity: HashMap<RecordKey, u32>,
    /// Ids (without source) that occur once, for matching pairs that carry no source.
    by_id: HashMap<String, Option<RecordKey>>,
}

impl Truth {
    /// Build from a truth table (see [`labelled_rows`] for the columns).
    pub fn from_dataset(d: &Dataset) -> Result<Self> {
        let rows = labelled_rows(d)?;
        Self::from_rows(rows.iter().map(|((s, i), e)| (s.as_str(), i.as_str(), e.as_str())))
            .map_err(|reason| Error::BadData { file: d.name().to_owned(), line: 0, column: None, value: None, reason })
    }

    /// Build from (source, id, entity) rows. A record listed twice with different entities is an error.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Result<Self, String> {
        let mut names: HashMap<String, u32> = HashMap::new();
        let mut t = Truth::default();
        for (source, id, entity) in rows {
            let next = names.len() as u32;
            let e = *names.entry(entity.to_owned()).or_insert(next);
            let key = (source.to_owned(), id.to_owned());
            if let Some(old) = t.entity.insert(key.clone(), e)
                && old != e
            {
                return Err(format!("record {source}:{id} is listed in two entities"));
            }
            t.by_id
                .entry(id.to_owned())
                .and_modify(|k| {
                    if k.as_ref() != Some(&key) {
                        *k = None;
                    }
                })
                .or_insert(Some(key));
        }
        Ok(t)
    }

    /// Number of records in the truth.
    pub fn len(&self) -> usize {
        self.entity.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entity.is_empty()
    }

    /// Resolve a key; a key with an empty source matches by id alone when that id is unique.
    pub fn resolve(&self, key: &RecordKey) -> Option<(&RecordKey, u32)> {
        if let Some((k, e)) = self.entity.get_key_value(key) {
            return Some((k, *e));
        }
        if key.0.is_empty() {
            let k = self.by_id.get(&key.1)?.as_ref()?;
            return Some((k, self.entity[k]));
        }
        None
    }

    /// Number of true pairs among all records.
    pub fn true_pairs_total(&self) -> u64 {
        self.true_pairs_by_source().values().sum()
    }

    /// Number of true pairs per (source, source) pair, sources in sorted order.
    pub fn true_pairs_by_source(&self) -> BTreeMap<(String, String), u64> {
        let mut per_entity: HashMap<u32, BTreeMap<&str, u64>> = HashMap::new();
        for ((s, _), e) in &self.entity {
            *per_entity.entry(*e).or_default().entry(s.as_str()).or_default() += 1;
        }
        let mut out = BTreeMap::new();
        for counts in per_entity.values() {
            add_cross_pairs(&mut out, counts);
        }
        out
    }
}

fn add_cross_pairs(out: &mut BTreeMap<(String, String), u64>, counts: &BTreeMap<&str, u64>) {
    let v: Vec<(&str, u64)> = counts.iter().map(|(s, n)| (*s, *n)).collect();
    for (i, &(s, n)) in v.iter().enumerate() {
        let within = pairs_of(n);
        if within > 0 {
            *out.entry((s.to_owned(), s.to_owned())).or_default() += within;
        }
        for &(t, m) in &v[i + 1..] {
            *out.entry((s.to_owned(), t.to_owned())).or_default() += n * m;
        }
    }
}

fn source_pair(a: &str, b: &str) -> (String, String) {
    if a <= b { (a.to_owned(), b.to_owned()) } else { (b.to_owned(), a.to_owned()) }
}

/// Pairwise accuracy of scored pairs, overall and per source pair.
#[derive(Debug, Clone, Default)]
pub struct PairwiseReport {
    /// All pairs.
    pub overall: Confusion,
    /// Per (source, source), sources in sorted order.
    pub by_source: BTreeMap<(String, String), Confusion>,
    /// Predicted pairs naming a record the truth does not know (counted as false positives).
    pub unknown_records: u64,
}

impl PairwiseReport {
    /// As JSON: the overall figures at the top level plus `by_source` keyed `a-b`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = self.overall.to_json();
        let by: serde_json::Map<String, serde_json::Value> =
            self.by_source.iter().map(|((a, b), c)| (format!("{a}-{b}"), c.to_json())).collect();
        v["by_source"] = serde_json::Value::Object(by);
        v["unknown_records"] = self.unknown_records.into();
        v
    }
}

/// Pairwise accuracy of scored pairs `(left, right, probability)` at `threshold`.
///
/// Only source pairs that occur among the predictions or are named in `scope` count their false
/// negatives, so a two-file link is not blamed for the within-file pairs it never looked at.
/// Pass `scope = None` to count every true pair.
///
/// ```
/// use caselink::eval::{pairwise, Truth};
/// let t = Truth::from_rows([("", "a", "1"), ("", "b", "1"), ("", "c", "2"), ("", "d", "2")]).unwrap();
/// let k = |s: &str| (String::new(), s.to_owned());
/// let pairs = vec![(k("a"), k("b"), 0.9), (k("a"), k("c"), 0.8), (k("c"), k("d"), 0.2)];
/// let r = pairwise(&pairs, &t, 0.5, None);
/// assert_eq!((r.overall.tp, r.overall.fp, r.overall.fn_), (1, 1, 1));
/// ```
pub fn pairwise(
    pairs: &[(RecordKey, RecordKey, f64)],
    truth: &Truth,
    threshold: f64,
    scope: Option<&[(String, String)]>,
) -> PairwiseReport {
    let mut seen: HashSet<(&RecordKey, &RecordKey)> = HashSet::new();
    let mut report = PairwiseReport::default();
    let mut tp: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut fp: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut sources_seen: HashSet<(String, String)> = HashSet::new();
    for (a, b, p) in pairs {
        if *p < threshold {
            continue;
        }
        let (ra, rb) = (truth.resolve(a), truth.resolve(b));
        let sp = source_pair(ra.map_or(a.0.as_str(), |r| r.0.0.as_str()), rb.map_or(b.0.as_str(), |r| r.0.0.as_str()));
        sources_seen.insert(sp.clone());
        match (ra, rb) {
            (Some((ka, ea)), Some((kb, eb))) => {
                let key = if ka <= kb { (ka, kb) } else { (kb, ka) };
                if ka == kb || !seen.insert(key) {
                    continue;
                }
                if ea == eb {
                    *tp.entry(sp).or_default() += 1;
                } else {
                    *fp.entry(sp).or_default() += 1;
                }
            }
            _ => {
                report.unknown_records += 1;
                *fp.entry(sp).or_default() += 1;
            }
        }
    }
    let in_scope: HashSet<(String, String)> = match scope {
        Some(s) => s.iter().map(|(a, b)| source_pair(a, b)).collect(),
        None => truth.true_pairs_by_source().into_keys().chain(sources_seen.iter().cloned()).collect(),
    };
    let true_by = truth.true_pairs_by_source();
    let mut keys: Vec<(String, String)> =
        in_scope.iter().cloned().chain(tp.keys().cloned()).chain(fp.keys().cloned()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let t = tp.get(&k).copied().unwrap_or(0);
        let c = Confusion {
            tp: t,
            fp: fp.get(&k).copied().unwrap_or(0),
            fn_: if in_scope.contains(&k) { true_by.get(&k).copied().unwrap_or(0).saturating_sub(t) } else { 0 },
        };
        report.overall.tp += c.tp;
        report.overall.fp += c.fp;
        report.overall.fn_ += c.fn_;
        report.by_source.insert(k, c);
    }
    report
}

/// Precision, recall and F1 at each of `thresholds` (the PR curve).
///
/// ```
/// use caselink::eval::{pr_curve, Truth};
/// let t = Truth::from_rows([("", "a", "1"), ("", "b", "1")]).unwrap();
/// let k = |s: &str| (String::new(), s.to_owned());
/// let curve = pr_curve(&[(k("a"), k("b"), 0.7)], &t, &[0.5, 0.9]);
/// assert_eq!(curve[0].1.recall(), 1.0);
/// assert_eq!(curve[1].1.recall(), 0.0);
/// ```
pub fn pr_curve(pairs: &[(RecordKey, RecordKey, f64)], truth: &Truth, thresholds: &[f64]) -> Vec<(f64, Confusion)> {
    thresholds.iter().map(|&t| (t, pairwise(pairs, truth, t, None).overall)).collect()
}

/// Accuracy of a clustering: pairwise over clusters (overall and per source pair) and B-cubed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClusterReport {
    /// Pairwise counts over all pairs of records sharing a cluster.
    #[serde(skip)]
    pub pairwise: PairwiseReport,
    /// B-cubed precision.
    pub bcubed_precision: f64,
    /// B-cubed recall.
    pub bcubed_recall: f64,
    /// Records in the truth missing from the clustering (scored as singletons).
    pub missing_records: u64,
}

impl ClusterReport {
    /// B-cubed F1.
    pub fn bcubed_f1(&self) -> f64 {
        let (p, r) = (self.bcubed_precision, self.bcubed_recall);
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// As JSON: pairwise figures (with `by_source`) plus B-cubed.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = self.pairwise.to_json();
        v["bcubed"] = serde_json::json!({
            "precision": self.bcubed_precision, "recall": self.bcubed_recall, "f1": self.bcubed_f1(),
        });
        v["missing_records"] = self.missing_records.into();
        v
    }
}

/// Evaluate predicted clusters `(record, cluster label)` against the truth.
///
/// Records absent from the prediction count as singletons; predicted records unknown to the
/// truth are reported in `unknown_records` and otherwise ignored.
///
/// ```
/// use caselink::eval::{clusters, Truth};
/// let t = Truth::from_rows([("a", "1", "x"), ("b", "2", "x"), ("b", "3", "y")]).unwrap();
/// let k = |s: &str, i: &str| (s.to_owned(), i.to_owned());
/// let r = clusters(&[(k("a", "1"), "c1".into()), (k("b", "2"), "c1".into()), (k("b", "3"), "c1".into())], &t);
/// assert_eq!((r.pairwise.overall.tp, r.pairwise.overall.fp, r.pairwise.overall.fn_), (1, 2, 0));
/// ```
pub fn clusters(predicted: &[(RecordKey, String)], truth: &Truth) -> ClusterReport {
    // Cells: (predicted cluster, true entity) → per-source counts.
    let mut label_ids: HashMap<&str, u32> = HashMap::new();
    let mut assigned: HashMap<&RecordKey, u32> = HashMap::new();
    let mut unknown = 0u64;
    for (key, label) in predicted {
        let next = label_ids.len() as u32;
        let id = *label_ids.entry(label.as_str()).or_insert(next);
        match truth.resolve(key) {
            Some((k, _)) => {
                assigned.insert(k, id);
            }
            None => unknown += 1,
        }
    }
    let mut next_singleton = label_ids.len() as u32;
    let mut missing = 0u64;
    let mut cell: HashMap<(u32, u32), BTreeMap<&str, u64>> = HashMap::new();
    let mut pred_tot: HashMap<u32, BTreeMap<&str, u64>> = HashMap::new();
    let mut true_size: HashMap<u32, u64> = HashMap::new();
    let mut pred_size: HashMap<u32, u64> = HashMap::new();
    let mut cell_size: HashMap<(u32, u32), u64> = HashMap::new();
    let mut members: Vec<(u32, u32)> = Vec::with_capacity(truth.entity.len());
    for (key, &e) in &truth.entity {
        let p = match assigned.get(key) {
            Some(&p) => p,
            None => {
                missing += 1;
                next_singleton += 1;
                next_singleton - 1
            }
        };
        *cell.entry((p, e)).or_default().entry(key.0.as_str()).or_default() += 1;
        *pred_tot.entry(p).or_default().entry(key.0.as_str()).or_default() += 1;
        *true_size.entry(e).or_default() += 1;
        *pred_size.entry(p).or_default() += 1;
        *cell_size.entry((p, e)).or_default() += 1;
        members.push((p, e));
    }
    let mut tp_by = BTreeMap::new();
    for counts in cell.values() {
        add_cross_pairs(&mut tp_by, counts);
    }
    let mut pred_by = BTreeMap::new();
    for counts in pred_tot.values() {
        add_cross_pairs(&mut pred_by, counts);
    }
    let true_by = truth.true_pairs_by_source();
    let mut report = ClusterReport { missing_records: missing, ..Default::default() };
    report.pairwise.unknown_records = unknown;
    let keys: std::collections::BTreeSet<(String, String)> = true_by.keys().chain(pred_by.keys()).cloned().collect();
    for k in keys {
        let tp = tp_by.get(&k).copied().unwrap_or(0);
        let c = Confusion {
            tp,
            fp: pred_by.get(&k).copied().unwrap_or(0) - tp,
            fn_: true_by.get(&k).copied().unwrap_or(0) - tp,
        };
        report.pairwise.overall.tp += c.tp;
        report.pairwise.overall.fp += c.fp;
        report.pairwise.overall.fn_ += c.fn_;
        report.pairwise.by_source.insert(k, c);
    }
    let n = members.len().max(1) as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for (p, e) in &members {
        let c = cell_size[&(*p, *e)] as f64;
        bp += c / pred_size[p] as f64;
        br += c / true_size[e] as f64;
    }
    report.bcubed_precision = if members.is_empty() { 1.0 } else { bp / n };
    report.bcubed_recall = if members.is_empty() { 1.0 } else { br / n };
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str, id: &str) -> RecordKey {
        (s.to_owned(), id.to_owned())
    }

    /// Naive twin: enumerate all pairs.
    fn naive_cluster_pairs(pred: &[(RecordKey, String)], truth: &[(RecordKey, String)]) -> (u64, u64, u64) {
        let pm: HashMap<&RecordKey, &String> = pred.iter().map(|(a, b)| (a, b)).collect();
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for i in 0..truth.len() {
            for j in i + 1..truth.len() {
                let same_true = truth[i].1 == truth[j].1;
                let same_pred = match (pm.get(&truth[i].0), pm.get(&truth[j].0)) {
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                };
                match (same_pred, same_true) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fn_ += 1,
                    _ => {}
                }
            }
        }
        (tp, fp, fn_)
    }

    #[test]
    fn cluster_counts_match_naive_enumeration() {
        let mut state = 7u64;
        let mut rnd = |m: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for _ in 0..50 {
            let n = 1 + rnd(30) as usize;
            let truth: Vec<(RecordKey, String)> =
                (0..n).map(|i| (k(["a", "b"][rnd(2) as usize], &i.to_string()), rnd(6).to_string())).collect();
            let mut pred: Vec<(RecordKey, String)> = Vec::new();
            for (key, _) in &truth {
                if rnd(10) > 0 {
                    pred.push((key.clone(), rnd(5).to_string()));
                }
            }
            let t = Truth::from_rows(truth.iter().map(|((s, i), e)| (s.as_str(), i.as_str(), e.as_str()))).unwrap();
            let r = clusters(&pred, &t);
            let o = r.pairwise.overall;
            assert_eq!((o.tp, o.fp, o.fn_), naive_cluster_pairs(&pred, &truth));
            let sum: u64 = r.pairwise.by_source.values().map(|c| c.tp + c.fp + c.fn_).sum();
            assert_eq!(sum, o.tp + o.fp + o.fn_);
            assert!((0.0..=1.0).contains(&r.bcubed_precision) && (0.0..=1.0).contains(&r.bcubed_recall));
        }
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let t = Truth::from_rows([("a", "1", "x"), ("b", "1", "x"), ("a", "2", "y")]).unwrap();
        let pred = vec![(k("a", "1"), "p".into()), (k("b", "1"), "p".into()), (k("a", "2"), "q".into())];
        let r = clusters(&pred, &t);
        assert_eq!(r.pairwise.overall.f1(), 1.0);
        assert_eq!(r.bcubed_f1(), 1.0);
        assert_eq!(r.pairwise.by_source[&("a".to_owned(), "b".to_owned())].tp, 1);
    }

    #[test]
    fn pairwise_dedups_and_splits_by_source() {
        let t = Truth::from_rows([("r", "1", "x"), ("d", "1", "x"), ("p", "1", "x"), ("p", "2", "y")]).unwrap();
        let pairs = vec![
            (k("r", "1"), k("d", "1"), 0.9),
            (k("d", "1"), k("r", "1"), 0.9),
            (k("d", "1"), k("p", "2"), 0.6),
            (k("d", "1"), k("zz", "9"), 0.99),
        ];
        let r = pairwise(&pairs, &t, 0.5, None);
        let rd = r.by_source[&("d".to_owned(), "r".to_owned())];
        assert_eq!((rd.tp, rd.fp, rd.fn_), (1, 0, 0));
        let dp = r.by_source[&("d".to_owned(), "p".to_owned())];
        assert_eq!((dp.tp, dp.fp, dp.fn_), (0, 1, 1));
        assert_eq!(r.unknown_records, 1);
        assert_eq!(r.overall.tp, 1);
        assert_eq!(r.overall.fn_, 2, "d-p and p-r true pairs were missed");
    }

    #[test]
    fn scope_limits_false_negatives() {
        let t = Truth::from_rows([("l", "1", "x"), ("l", "2", "x"), ("r", "1", "x")]).unwrap();
        let pairs = vec![(k("l", "1"), k("r", "1"), 0.9)];
        let scoped = pairwise(&pairs, &t, 0.5, Some(&[("l".into(), "r".into())]));
        assert_eq!(scoped.overall.fn_, 1, "l2-r1 is a missed cross pair; l1-l2 is out of scope");
        let all = pairwise(&pairs, &t, 0.5, None);
        assert_eq!(all.overall.fn_, 2);
    }

    #[test]
    fn empty_source_keys_resolve_by_unique_id() {
        let t = Truth::from_rows([("a", "1", "x"), ("b", "2", "x"), ("a", "3", "y"), ("b", "3", "y")]).unwrap();
        assert!(t.resolve(&k("", "1")).is_some());
        assert!(t.resolve(&k("", "3")).is_none(), "id 3 is ambiguous without a source");
    }

    #[test]
    fn conflicting_truth_is_an_error() {
        assert!(Truth::from_rows([("", "1", "x"), ("", "1", "y")]).is_err());
    }
}
