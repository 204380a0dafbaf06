//! Entry points for running the engine inside a distributed dataflow engine (Apache Spark through
//! `caselink.spark`): the work splits into per-batch steps that executors run on slices of the
//! data, and small driver-side steps that combine what the executors counted.
//!
//! * [`block_keys`]: the blocking keys of a batch of records, per key rule, so that the engine
//!   outside can join the two sides on `(rule, key)`. A pair is a candidate when it shares an
//!   uncapped key under any rule — the same set [`crate::block::Blocker`] streams.
//! * [`score_aligned`] / [`score_pairs`]: match weights of given pairs, with the same weights as
//!   [`Linker::predict`].
//! * [`pattern_counts`], [`tf_counts`] and [`train_from_counts`]: training from counted
//!   comparison patterns (EM needs only the counts of each distinct pattern), reproducing
//!   [`Linker::train`] step by step.
//! * [`outcomes`]: the trace's outcome rows, built case by case.
//!
//! Only key blocking rules distribute this way (sorted-neighbourhood and fuzzy rules need a global
//! order or index); the functions refuse the others with [`Error::InvalidSpec`].

use std::collections::HashMap;

use crate::block::{BlockSample, key};
use crate::data::{Column, Dataset};
use crate::error::{Error, Result};
use crate::linker::{Linker, PatternSource, Patterns, Predictions, Scorer, TrainReport};
use crate::prepare::Prepared;
use crate::score::fellegi_sunter::smooth;
use crate::score::tf::TfTable;
use crate::spec::BlockingRule;
use crate::trace::{Outcome, Source};

/// Which side of a linkage a batch of records comes from (a dedupe reads everything as `Left`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The left table (the only table of a dedupe).
    Left,
    /// The right table.
    Right,
}

/// Blocking keys of a batch: one entry per (rule, row, key), rows in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockKeys {
    /// Index of the rule in the spec's `blocking` (or `training_blocking`).
    pub rule: Vec<u32>,
    /// Row in the batch.
    pub row: Vec<u32>,
    /// The 64-bit key (the same hash the single-machine blocker joins on).
    pub key: Vec<u64>,
}

/// The rules a distributed run blocks with: the spec's `blocking`, or with `training` its
/// `training_blocking` when given (as [`Linker::train`] does).
pub fn rules(linker: &Linker, training: bool) -> &[BlockingRule] {
    if training { linker.training_rules() } else { &linker.spec.blocking }
}

/// The columns a distributed run reads on `side`: the id, every comparison's and every blocking
/// (and training blocking) rule's, each once, in spec order.
pub fn columns(linker: &Linker, side: Side) -> Vec<String> {
    let spec = &linker.spec;
    let mut out = vec![spec.unique_id.clone()];
    let mut add = |c: String| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    for c in &spec.comparisons {
        for (l, r) in c.column_pairs() {
            add(if side == Side::Left { l } else { r });
        }
    }
    for rule in spec.blocking.iter().chain(&spec.training_blocking) {
        if let BlockingRule::Key { keys } = rule {
            for k in keys {
                add(if side == Side::Left { k.column() } else { k.right_column() }.to_owned());
            }
        }
    }
    out
}

/// Every blocking key of every row of `data`, for each key rule of the spec (see [`rules`]).
/// Non-key rules, and a spec without rules, are refused: they have no keys to join on.
///
/// ```
/// use caselink::{Dataset, distributed::{block_keys, Side}, linker::Linker};
/// let l = Linker::from_json(r#"{"unique_id": "id", "comparisons": [{"type": "exact", "column": "s"}],
///     "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "s"}]}]}"#).unwrap();
/// let mut d = Dataset::new("d", &["id", "s"]).unwrap();
/// for (i, s) in [Some("smith"), None, Some("Smith")].iter().enumerate() {
///     d.push_row(&[Some(&i.to_string()), *s]).unwrap();
/// }
/// let k = block_keys(&l, &d, Side::Left, false).unwrap();
/// assert_eq!(k.row, vec![0, 2]);
/// assert_eq!(k.key[0], k.key[1], "values fold to one key");
/// ```
pub fn block_keys(linker: &Linker, data: &Dataset, side: Side, training: bool) -> Result<BlockKeys> {
    let rules = rules(linker, training);
    if rules.is_empty() {
        return Err(Error::invalid_spec("blocking", "a distributed run needs at least one key blocking rule"));
    }
    let mut out = BlockKeys::default();
    let sample = if training { BlockSample::for_training(&linker.spec.model) } else { None };
    for (i, rule) in rules.iter().enumerate() {
        let BlockingRule::Key { keys } = rule else {
            return Err(Error::invalid_spec(
                format!("blocking[{i}]"),
                format!("only key rules run distributed, not '{}'", rule.describe()),
            ));
        };
        let cols: Vec<&Column> = keys
            .iter()
            .map(|k| data.column(if side == Side::Left { k.column() } else { k.right_column() }))
            .collect::<Result<_>>()?;
        let rk = key::derive(keys, &cols, data.len());
        for row in 0..data.len() {
            // Training keys outside `model.training_block_sample` are dropped here, so that the
            // join finds the blocks the local training passes read.
            for &k in rk.of(row).iter().filter(|k| sample.is_none_or(|s| s.keeps(**k))) {
                out.rule.push(i as u32);
                out.row.push(row as u32);
                out.key.push(k);
            }
        }
    }
    Ok(out)
}

/// One dataset holding `left`'s rows then `right`'s rows, under the left column names, so that a
/// dedupe's pairs can be prepared exactly as [`Linker::predict`] prepares them.
fn stack(left: &Dataset, right: &Dataset) -> Result<Dataset> {
    let names = left.column_names();
    let mut d = Dataset::new("pairs", &names)?;
    let lcols: Vec<&Column> = names.iter().map(|n| left.column(n)).collect::<Result<_>>()?;
    let rcols: Vec<&Column> = names.iter().map(|n| right.column(n)).collect::<Result<_>>()?;
    let mut row: Vec<Option<&str>> = Vec::with_capacity(names.len());
    for (cols, n) in [(&lcols, left.len()), (&rcols, right.len())] {
        for r in 0..n {
            row.clear();
            row.extend(cols.iter().map(|c| c.get(r)));
            d.push_row(&row)?;
        }
    }
    Ok(d)
}

/// Prepared columns and the pairs (left row, right row) that align `left[i]` with `right[i]`.
fn aligned(linker: &Linker, left: &Dataset, right: &Dataset, dedupe: bool) -> Result<(Prepared, Vec<(u32, u32)>)> {
    if left.len() != right.len() {
        return Err(Error::invalid_spec(
            "pairs",
            format!("aligned batches differ in length: {} left rows, {} right rows", left.len(), right.len()),
        ));
    }
    let n = left.len() as u32;
    if dedupe {
        let both = stack(left, right)?;
        Ok((Prepared::new(&linker.spec.comparisons, &both, None)?, (0..n).map(|i| (i, n + i)).collect()))
    } else {
        Ok((Prepared::new(&linker.spec.comparisons, left, Some(right))?, (0..n).map(|i| (i, i)).collect()))
    }
}

fn score_prepared(linker: &Linker, prepared: &Prepared, pairs: &[(u32, u32)], threshold: f64) -> Result<Predictions> {
    let params = linker.trained()?;
    let scorer = Scorer::new(params, &linker.tf, &linker.comparators, prepared, &linker.spec.comparisons);
    let k = linker.comparators.len();
    let mut out = Predictions { comparison_names: linker.comparison_names(), ..Default::default() };
    let mut buf = vec![0u8; k];
    for &(l, r) in pairs {
        if l as usize >= prepared.n_left || r as usize >= prepared.n_right {
            return Err(Error::invalid_spec(
                "pairs",
                format!("pair ({l}, {r}) is out of range ({} × {} rows)", prepared.n_left, prepared.n_right),
            ));
        }
        linker.score_into(prepared, &scorer, (l, r), threshold, &mut buf, &mut out);
    }
    out.pairs_compared = pairs.len() as u64;
    Ok(out)
}

/// Score given pairs (left row, right row) of `left` and `right` (`None` = dedupe) and keep
/// those with probability ≥ `threshold`: the weights [`Linker::predict`] gives the same pairs.
pub fn score_pairs(
    linker: &Linker,
    left: &Dataset,
    right: Option<&Dataset>,
    pairs: &[(u32, u32)],
    threshold: f64,
) -> Result<Predictions> {
    let prepared = Prepared::new(&linker.spec.comparisons, left, right)?;
    score_prepared(linker, &prepared, pairs, threshold)
}

/// Score `left[i]` against `right[i]` for every row `i` of two equally long batches (in a
/// dedupe both batches hold the one table's columns) and keep pairs with probability ≥
/// `threshold`. `left` and `right` of the result are both the batch row.
///
/// ```
/// use caselink::{Dataset, distributed::score_aligned, linker::Linker};
/// let mut l = Linker::from_json(r#"{"unique_id": "id", "comparisons": [{"type": "exact", "column": "s"}],
///     "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "s"}]}]}"#).unwrap();
/// let mut d = Dataset::new("d", &["id", "s"]).unwrap();
/// for (i, s) in ["a", "a", "b", "c", "c", "d"].iter().enumerate() {
///     d.push_row(&[Some(&i.to_string()), Some(s)]).unwrap();
/// }
/// l.train(&d, None).unwrap();
/// let whole = l.predict(&d, None, 0.0).unwrap();
/// let (mut a, mut b) = (Dataset::new("a", &["id", "s"]).unwrap(), Dataset::new("b", &["id", "s"]).unwrap());
/// a.push_row(&[Some("0"), Some("a")]).unwrap();
/// b.push_row(&[Some("1"), Some("a")]).unwrap();
/// let p = score_aligned(&l, &a, &b, true, 0.0).unwrap();
/// assert_eq!(p.match_weight[0], whole.match_weight[0]);
/// ```
pub fn score_aligned(
    linker: &Linker,
    left: &Dataset,
    right: &Dataset,
    dedupe: bool,
    threshold: f64,
) -> Result<Predictions> {
    let (prepared, pairs) = aligned(linker, left, right, dedupe)?;
    let mut p = score_prepared(linker, &prepared, &pairs, threshold)?;
    if dedupe {
        let n = left.len() as u32;
        for r in &mut p.right {
            *r -= n;
        }
    }
    Ok(p)
}

/// The distinct comparison patterns of the aligned pairs `left[i]`–`right[i]`, with counts,
/// sorted (what EM reads). Works on an untrained linker.
pub fn pattern_counts(linker: &Linker, left: &Dataset, right: &Dataset, dedupe: bool) -> Result<Patterns> {
    let (prepared, pairs) = aligned(linker, left, right, dedupe)?;
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut buf = vec![0u8; linker.comparators.len()];
    for (l, r) in pairs {
        linker.levels_into(&prepared, l as usize, r as usize, &mut buf);
        *counts.entry(buf.clone()).or_default() += 1;
    }
    let mut v: Patterns = counts.into_iter().collect();
    v.sort_unstable();
    Ok(v)
}

/// An empty table with the columns the comparisons read on `side` (stands in for the other side).
fn empty_side(linker: &Linker, side: Side) -> Result<Dataset> {
    let mut names: Vec<String> = Vec::new();
    for c in &linker.spec.comparisons {
        for (l, r) in c.column_pairs() {
            let n = if side == Side::Left { l } else { r };
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Dataset::new("empty", &names.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Term-frequency counts of a batch: for each comparison with `tf` on, each value's count among
/// the batch's rows (the keys [`Linker::train`] counts); `None` for the other comparisons.
/// Summed over all batches of both sides they give the trained model's tables.
pub fn tf_counts(
    linker: &Linker,
    data: &Dataset,
    side: Side,
    dedupe: bool,
) -> Result<Vec<Option<HashMap<String, u32>>>> {
    let prepared = match (side, dedupe) {
        (_, true) => Prepared::new(&linker.spec.comparisons, data, None)?,
        (Side::Left, false) => Prepared::new(&linker.spec.comparisons, data, Some(&empty_side(linker, Side::Right)?))?,
        (Side::Right, false) => Prepared::new(&linker.spec.comparisons, &empty_side(linker, Side::Left)?, Some(data))?,
    };
    Ok(linker
        .spec
        .comparisons
        .iter()
        .zip(&prepared.columns)
        .map(|(spec, col)| {
            if !Linker::tf_enabled(spec) {
                return None;
            }
            let by_id = col.tf_id_counts(&[side == Side::Right && !dedupe])?;
            let mut counts: HashMap<String, u32> = HashMap::new();
            // Several ids may share one value.
            for (id, &c) in by_id.iter().enumerate().skip(1).filter(|e| *e.1 > 0) {
                if let Some(v) = col.tf_key(id as u32) {
                    let e = counts.entry(v.to_owned()).or_default();
                    *e = e.saturating_add(c);
                }
            }
            Some(counts)
        })
        .collect())
}

/// Everything [`train_from_counts`] needs, counted over the whole data by the executors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainCounts {
    /// Patterns of the random pairs u is estimated from.
    pub random: Patterns,
    /// Term-frequency counts per comparison over both tables (`None` where `tf` is off or no
    /// value was seen).
    pub tf: Vec<Option<HashMap<String, u32>>>,
    /// Patterns of each training rule's own candidate pairs, in rule order (see [`rules`]).
    pub rule_patterns: Vec<Patterns>,
    /// Patterns of each blocking rule's share of the distinct candidate pairs, in rule order:
    /// the pairs whose first generating rule (through a key not capped) is that rule. Together
    /// they are the whole blocking's candidates; `model.lambda_by_rule` reads them one by one.
    pub candidate_shares: Vec<Patterns>,
    /// Rows of the left table.
    pub n_left: usize,
    /// Rows of the right table (= `n_left` in a dedupe).
    pub n_right: usize,
    /// True when deduplicating one table.
    pub dedupe: bool,
}

fn total(p: &Patterns) -> u64 {
    p.iter().map(|(_, c)| c).sum()
}

/// Counts already made, as [`Linker::fit`] reads them.
struct Counted<'a> {
    counts: &'a TrainCounts,
    rules: &'a [BlockingRule],
}

impl PatternSource for Counted<'_> {
    fn training_passes(&self) -> usize {
        self.counts.rule_patterns.len()
    }

    fn rule(&mut self, rule: usize) -> Result<(Patterns, u64, String)> {
        let p = self.counts.rule_patterns.get(rule).cloned().unwrap_or_default();
        let n = total(&p);
        Ok((p, n, self.rules.get(rule).map(BlockingRule::describe).unwrap_or_default()))
    }

    fn candidates(&mut self) -> Result<(Patterns, u64)> {
        // The shares partition the candidates: their sum is the union's patterns.
        let mut all: HashMap<&[u8], u64> = HashMap::new();
        for (p, c) in self.counts.candidate_shares.iter().flatten() {
            *all.entry(p.as_slice()).or_default() += c;
        }
        let mut v: Patterns = all.into_iter().map(|(p, c)| (p.to_vec(), c)).collect();
        v.sort_unstable();
        let n = total(&v);
        Ok((v, n))
    }

    fn shares(&mut self) -> Result<Vec<(Patterns, u64)>> {
        Ok(self.counts.candidate_shares.iter().map(|p| (p.clone(), total(p))).collect())
    }

    fn candidate_count(&mut self) -> Result<u64> {
        Ok(self.counts.candidate_shares.iter().map(total).sum())
    }
}

/// Train `linker` from counted patterns with the very steps of [`Linker::train`] (both run
/// `Linker::fit`): u from the random pairs' level frequencies, m by one EM pass per training
/// rule (leaving out comparisons whose agreement the rule fixes), m of comparisons no pass could estimate
/// by EM over all candidates, then λ by EM over the candidates with m fixed (or per rule share
/// with `model.lambda_by_rule`), spread over all pairs.
pub fn train_from_counts(linker: &mut Linker, counts: &TrainCounts) -> Result<TrainReport> {
    let k = linker.comparators.len();
    let training_rules = rules(linker, true).to_vec();
    if counts.rule_patterns.len() != training_rules.len() {
        return Err(Error::invalid_spec(
            "training_blocking",
            format!("{} rules but patterns for {}", training_rules.len(), counts.rule_patterns.len()),
        ));
    }
    if counts.candidate_shares.len() != linker.spec.blocking.len() {
        return Err(Error::invalid_spec(
            "blocking",
            format!("{} rules but candidate shares for {}", linker.spec.blocking.len(), counts.candidate_shares.len()),
        ));
    }
    let all = counts
        .random
        .iter()
        .chain(counts.rule_patterns.iter().flatten())
        .chain(counts.candidate_shares.iter().flatten());
    if counts.tf.len() != k || all.clone().any(|(p, _)| p.len() != k) {
        return Err(Error::invalid_spec("comparisons", format!("counts do not have {k} comparisons")));
    }
    let mut level_counts: Vec<Vec<f64>> = linker.comparators.iter().map(|c| vec![0.0; c.num_levels()]).collect();
    for (pat, c) in &counts.random {
        for (j, lev) in pat.iter().enumerate() {
            if let Some(slot) = level_counts[j].get_mut(*lev as usize) {
                *slot += *c as f64;
            }
        }
    }
    // A level past a comparison's last would index out of its m and u in EM.
    if all.clone().any(|(p, _)| p.iter().zip(&level_counts).any(|(lev, lc)| *lev as usize >= lc.len())) {
        return Err(Error::invalid_spec("comparisons", "counts hold a level the comparison does not have"));
    }
    let u: Vec<Vec<f64>> = level_counts.iter().map(|c| smooth(c)).collect();
    let mut src = Counted { counts, rules: &training_rules };
    let sizes = (counts.n_left, counts.n_right, counts.dedupe);
    let (params, report) = linker.fit(u, total(&counts.random), sizes, &mut src)?;
    let tf: Vec<Option<TfTable>> = linker
        .spec
        .comparisons
        .iter()
        .zip(&counts.tf)
        .map(|(s, c)| Linker::tf_enabled(s).then(|| TfTable::from_counts(c.clone().unwrap_or_default())))
        .collect();
    linker.params = Some(params);
    linker.tf = tf;
    Ok(report)
}

/// Outcome rows of whole cases. `members[c]` lists case `c`'s records as (source, row) into the
/// three batches (rows of a source in the order given); `confidence[c]` is the weakest accepted
/// link of the case. The case ids of the result are the batch's (`case-000001`, …): callers
/// replace them with their own.
pub fn outcomes(
    referrals: &Dataset,
    dockets: &Dataset,
    press_releases: &Dataset,
    members: &[Vec<(Source, u32)>],
    confidence: &[Option<f64>],
) -> Result<Vec<Outcome>> {
    let lens = [referrals.len(), dockets.len(), press_releases.len()];
    let mut m: Vec<Vec<(usize, u32)>> = Vec::with_capacity(members.len());
    for recs in members {
        let mut v = Vec::with_capacity(recs.len());
        for &(s, row) in recs {
            if row as usize >= lens[s as usize] {
                return Err(Error::invalid_spec("members", format!("{} row {row} is out of range", s.name())));
            }
            v.push((s as usize, row));
        }
        m.push(v);
    }
    if confidence.len() != members.len() {
        return Err(Error::invalid_spec("confidence", "one confidence per case is needed"));
    }
    let inputs = crate::trace::OutcomeInputs::new(Some(referrals), Some(dockets), Some(press_releases));
    Ok(crate::trace::build_outcomes(&inputs, &m, confidence))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::synth;
    use crate::trace::spec_for;

    fn persons_linker() -> (Linker, Dataset) {
        let world = synth::persons(150, 3);
        let l = Linker::from_json(
            r#"{"unique_id": "unique_id",
                "comparisons": [{"type": "name", "given": "first_name", "surname": "surname", "tf": true},
                                {"type": "exact", "column": "dob"}],
                "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "dob"}]},
                             {"type": "key", "keys": [{"fn": "surname_soundex", "column": "surname"}]}]}"#,
        )
        .unwrap();
        (l, world.persons)
    }

    /// Candidate pairs the way the Spark path finds them: join on (rule, key), drop capped keys,
    /// deduplicate; with `only_rule`, that rule's pairs alone. Each pair comes with the first
    /// rule that generates it (its share, as `groupBy(pair).min(rule)` gives it).
    fn joined_pairs_by_rule(
        linker: &Linker,
        left: &Dataset,
        right: Option<&Dataset>,
        training: bool,
        only_rule: Option<usize>,
    ) -> BTreeMap<(u32, u32), u32> {
        let lk = block_keys(linker, left, Side::Left, training).unwrap();
        let rk = match right {
            Some(r) => block_keys(linker, r, Side::Right, training).unwrap(),
            None => lk.clone(),
        };
        let group = |k: &BlockKeys| {
            let mut g: BTreeMap<(u32, u64), Vec<u32>> = BTreeMap::new();
            for i in 0..k.rule.len() {
                if only_rule.is_none_or(|t| t as u32 == k.rule[i]) {
                    g.entry((k.rule[i], k.key[i])).or_default().push(k.row[i]);
                }
            }
            g
        };
        let (gl, gr) = (group(&lk), group(&rk));
        let cap = linker.spec.model.max_block_size as usize;
        let mut out: BTreeMap<(u32, u32), u32> = BTreeMap::new();
        for (&(rule, key), ls) in &gl {
            let Some(rs) = gr.get(&(rule, key)) else { continue };
            if ls.len() > cap || rs.len() > cap {
                continue;
            }
            for &l in ls {
                for &r in rs {
                    if right.is_some() || l < r {
                        let first = out.entry((l, r)).or_insert(rule);
                        *first = (*first).min(rule);
                    }
                }
            }
        }
        out
    }

    fn joined_pairs(
        linker: &Linker,
        left: &Dataset,
        right: Option<&Dataset>,
        training_rule: Option<usize>,
    ) -> Vec<(u32, u32)> {
        joined_pairs_by_rule(linker, left, right, training_rule.is_some(), training_rule).into_keys().collect()
    }

    #[test]
    fn key_join_gives_the_blockers_pairs_and_weights() {
        let (mut l, d) = persons_linker();
        l.train(&d, None).unwrap();
        let whole = l.predict(&d, None, 0.0).unwrap();
        let pairs = joined_pairs(&l, &d, None, None);
        let mut want: Vec<(u32, u32)> = whole.left.iter().copied().zip(whole.right.iter().copied()).collect();
        want.sort_unstable();
        assert_eq!(pairs, want);
        let got = score_pairs(&l, &d, None, &pairs, 0.0).unwrap();
        let by_pair: HashMap<(u32, u32), f64> =
            (0..whole.len()).map(|i| ((whole.left[i], whole.right[i]), whole.match_weight[i])).collect();
        for i in 0..got.len() {
            assert_eq!(got.match_weight[i], by_pair[&(got.left[i], got.right[i])]);
        }
    }

    fn rows(d: &Dataset, rows: &[u32]) -> Dataset {
        let names = d.column_names();
        let mut out = Dataset::new("batch", &names).unwrap();
        for &r in rows {
            let v: Vec<Option<&str>> = names.iter().map(|n| d.column(n).unwrap().get(r as usize)).collect();
            out.push_row(&v).unwrap();
        }
        out
    }

    #[test]
    fn aligned_batches_score_like_predict_in_a_link() {
        let world = synth::cases(120, 4);
        let mut l = Linker::new(spec_for(Source::Docket, Source::PressRelease).unwrap()).unwrap();
        let (a, b) = (&world.dockets, &world.press_releases);
        l.train(a, Some(b)).unwrap();
        let whole = l.predict(a, Some(b), 0.0).unwrap();
        assert!(whole.len() > 20, "{}", whole.len());
        let p = score_aligned(&l, &rows(a, &whole.left), &rows(b, &whole.right), false, 0.0).unwrap();
        assert_eq!(p.match_weight, whole.match_weight);
        assert_eq!(p.levels, whole.levels);
        assert_eq!(p.left, (0..whole.len() as u32).collect::<Vec<_>>());
        assert_eq!(joined_pairs(&l, a, Some(b), None).len(), whole.len());
    }

    /// Train on the data and from counts made the distributed way; the two must agree bit for bit.
    fn train_both_ways(spec: crate::spec::LinkageSpec, a: &Dataset, b: &Dataset) -> (Linker, Linker, bool) {
        let mut want = Linker::new(spec.clone()).unwrap();
        let report = want.train(a, Some(b)).unwrap();
        // Few enough pairs that u is estimated from all of them, as the distributed path can.
        assert!((a.len() * b.len()) as u64 <= spec.model.u_sample_pairs);
        let mut got = Linker::new(spec).unwrap();
        let all: Vec<(u32, u32)> = (0..a.len() as u32).flat_map(|l| (0..b.len() as u32).map(move |r| (l, r))).collect();
        let patterns = |pairs: &[(u32, u32)]| {
            let (ls, rs): (Vec<u32>, Vec<u32>) = pairs.iter().copied().unzip();
            pattern_counts(&got, &rows(a, &ls), &rows(b, &rs), false).unwrap()
        };
        let mut tf = tf_counts(&got, a, Side::Left, false).unwrap();
        for (t, r) in tf.iter_mut().zip(tf_counts(&got, b, Side::Right, false).unwrap()) {
            if let (Some(t), Some(r)) = (t.as_mut(), r) {
                for (v, c) in r {
                    *t.entry(v).or_default() += c;
                }
            }
        }
        let n_rules = rules(&got, true).len();
        let by_rule = joined_pairs_by_rule(&got, a, Some(b), false, None);
        let share = |i: usize| -> Vec<(u32, u32)> {
            by_rule.iter().filter(|(_, r)| **r as usize == i).map(|(p, _)| *p).collect()
        };
        let counts = TrainCounts {
            random: patterns(&all),
            tf,
            rule_patterns: (0..n_rules).map(|i| patterns(&joined_pairs(&got, a, Some(b), Some(i)))).collect(),
            candidate_shares: (0..got.spec.blocking.len()).map(|i| patterns(&share(i))).collect(),
            n_left: a.len(),
            n_right: b.len(),
            dedupe: false,
        };
        let got_report = train_from_counts(&mut got, &counts).unwrap();
        let same_report = got_report == report;
        (want, got, same_report)
    }

    #[test]
    fn training_from_counts_equals_training_on_the_data() {
        let world = synth::cases(80, 9);
        let (a, b) = (&world.referrals, &world.dockets);
        let spec = spec_for(Source::Referral, Source::Docket).unwrap();
        assert!(!spec.training_blocking.is_empty(), "the test covers separate training rules");
        let (want, got, same_report) = train_both_ways(spec, a, b);
        assert!(same_report);
        assert_eq!(got.parameters(), want.parameters());
        assert_eq!(got.to_bytes(), want.to_bytes());
    }

    #[test]
    fn sampled_training_from_counts_equals_training_on_the_data() {
        let world = synth::cases(150, 9);
        let (a, b) = (&world.referrals, &world.dockets);
        let mut spec = spec_for(Source::Referral, Source::Docket).unwrap();
        let full = Linker::new(spec.clone()).unwrap().train(a, Some(b)).unwrap();
        spec.model.training_block_sample = 0.5;
        let n_train = spec.training_blocking.len();
        let (mut want, got, same_report) = train_both_ways(spec, a, b);
        assert!(same_report);
        assert_eq!(got.to_bytes(), want.to_bytes());
        let sampled = want.train(a, Some(b)).unwrap();
        for (f, s) in full.passes.iter().zip(&sampled.passes).take(n_train) {
            assert!(s.pairs < f.pairs && s.pairs > 0, "{}: {} of {} pairs", f.rule, s.pairs, f.pairs);
        }
    }

    #[test]
    fn lambda_by_rule_from_counts_equals_training_on_the_data() {
        let world = synth::cases(80, 5);
        let pick = |s: Source| match s {
            Source::Referral => &world.referrals,
            Source::Docket => &world.dockets,
            Source::PressRelease => &world.press_releases,
        };
        for (l, r) in [(Source::Docket, Source::PressRelease), (Source::Referral, Source::Docket)] {
            let (a, b) = (pick(l), pick(r));
            let mut spec = spec_for(l, r).unwrap();
            spec.model.lambda_by_rule = false;
            let plain = Linker::new(spec.clone()).unwrap().train(a, Some(b)).unwrap().lambda;
            spec.model.lambda_by_rule = true;
            let (want, got, same_report) = train_both_ways(spec, a, b);
            assert!(same_report, "{l:?}-{r:?}");
            assert_eq!(got.to_bytes(), want.to_bytes(), "{l:?}-{r:?}");
            let lambda = got.parameters().unwrap().lambda;
            assert!(lambda > 0.0 && lambda != plain, "λ by rule {lambda} vs {plain}: the option must take effect");
        }
    }

    #[test]
    fn counts_that_do_not_fit_the_spec_are_refused() {
        let spec = spec_for(Source::Docket, Source::PressRelease).unwrap();
        let (k, n_rules) = (spec.comparisons.len(), spec.blocking.len());
        let mut l = Linker::new(spec).unwrap();
        let good = TrainCounts {
            random: vec![(vec![1; k], 10)],
            tf: vec![None; k],
            rule_patterns: vec![vec![(vec![1; k], 3)]; n_rules],
            candidate_shares: vec![vec![(vec![1; k], 2)]; n_rules],
            n_left: 5,
            n_right: 5,
            dedupe: false,
        };
        assert!(train_from_counts(&mut l.clone(), &good).is_ok());
        let mut short = good.clone();
        short.candidate_shares.pop();
        assert!(train_from_counts(&mut l, &short).is_err(), "a share missing");
        let mut level = good.clone();
        level.rule_patterns[0][0].0[0] = 200;
        assert!(train_from_counts(&mut l, &level).is_err(), "a level the comparison lacks");
        let mut width = good;
        width.candidate_shares[1][0].0.push(1);
        assert!(train_from_counts(&mut l, &width).is_err(), "a pattern too long");
    }

    #[test]
    fn refusals_are_errors_not_panics() {
        let (l, d) = persons_linker();
        assert!(score_aligned(&l, &d, &rows(&d, &[0]), false, 0.5).is_err(), "lengths differ");
        assert!(score_pairs(&l, &d, None, &[(0, 1)], 0.5).is_err(), "not trained");
        let sn = Linker::from_json(
            r#"{"unique_id": "unique_id", "comparisons": [{"type": "exact", "column": "dob"}],
                "blocking": [{"type": "sorted_neighbourhood", "key": {"fn": "value", "column": "dob"}, "window": 3}]}"#,
        )
        .unwrap();
        assert!(block_keys(&sn, &d, Side::Left, false).is_err());
        let none =
            Linker::from_json(r#"{"unique_id": "unique_id", "comparisons": [{"type": "exact", "column": "dob"}]}"#)
                .unwrap();
        assert!(block_keys(&none, &d, Side::Left, false).is_err());
    }
}
