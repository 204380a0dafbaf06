//! The compiled linker: a validated spec plus, once trained, the Fellegi–Sunter parameters and
//! term-frequency tables. Train (u from random pairs, m and λ by EM), predict (stream blocked
//! pairs through compare + score in parallel, deterministic for any thread count), explain a
//! pair, save and load.
//!
//! Training runs one EM pass per blocking rule over that rule's own pairs. A comparison whose
//! agreement the pass's rule fixes (it blocks on the comparison's column, see
//! [`crate::spec::BlockingRule::fixes`]) is left out of that pass (its agreement there is
//! forced by the blocking, so it says nothing about m); each comparison's m is the average over
//! the passes where it was free. A comparison that every rule blocks on is estimated instead by
//! one EM pass over the union of candidate pairs (reported in [`TrainReport::untrained`]). λ is
//! then estimated by EM over the
//! union of candidate pairs with m and u fixed, unless `model.prior` is given.
//! [`Linker::train_predict`] scores the candidates during that λ pass (keeping the pairs that
//! could reach the threshold under any λ the pass can produce) instead of comparing them all a
//! second time, with the same result as [`Linker::train`] then [`Linker::predict`].

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::block::{BlockSample, Blocker, BlockingReport, PreparedNames};
use crate::compare::{self, Comparator, Level};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::prepare::{NameSide, Prepared};
use crate::score::em::{EmOptions, em};
use crate::score::fellegi_sunter::{default_m, smooth};
use crate::score::tf::TfTable;
use crate::score::{ComparisonParams, Parameters, SplitMix64, probability};
use crate::spec::{BlockingRule, ComparisonSpec, LinkageSpec};

/// Distinct comparison patterns with their counts, sorted.
pub(crate) type Patterns = Vec<(Vec<u8>, u64)>;

/// Pattern counts being gathered.
// Patterns are short byte strings counted once per pair: FxHash, not SipHash (no untrusted keys).
type Counts = rustc_hash::FxHashMap<Vec<u8>, u64>;
/// Pairs the λ pass kept for prediction, in blocking order, with the blocking report.
type Kept = (KeptPairs, BlockingReport);

/// Pairs with their comparison levels (`levels` holds one pattern per pair, back to back), so
/// that rescoring them once λ is known compares nothing again.
#[derive(Debug, Default)]
struct KeptPairs {
    pairs: Vec<(u32, u32)>,
    levels: Vec<u8>,
}

/// Pairs handed from blocking to compare + score at a time.
const CHUNK: usize = 1 << 16;
/// Pairs per rayon task inside a chunk.
const TASK: usize = 2048;

/// A compiled spec, trained or not.
///
/// ```
/// use caselink::linker::Linker;
/// let l = Linker::from_json(r#"{"unique_id": "id", "comparisons": [{"type": "exact", "column": "name"}]}"#).unwrap();
/// assert!(!l.is_trained());
/// assert_eq!(l.comparison_names(), vec!["name"]);
/// ```
#[derive(Debug, Clone)]
pub struct Linker {
    pub(crate) spec: LinkageSpec,
    pub(crate) comparators: Vec<Comparator>,
    pub(crate) params: Option<Parameters>,
    pub(crate) tf: Vec<Option<TfTable>>,
}

/// One EM training pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassReport {
    /// The blocking rule whose pairs were used.
    pub rule: String,
    /// Pairs in the pass.
    pub pairs: u64,
    /// Distinct comparison patterns.
    pub patterns: usize,
    /// EM iterations.
    pub iterations: u32,
    /// True when EM converged.
    pub converged: bool,
    /// Comparisons whose m this pass estimated.
    pub estimated: Vec<String>,
}

/// What training did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainReport {
    /// Random pairs used for u.
    pub u_pairs: u64,
    /// One entry per EM pass.
    pub passes: Vec<PassReport>,
    /// Comparisons no single-rule pass could estimate; their m comes from one EM pass over all
    /// candidate pairs.
    pub untrained: Vec<String>,
    /// The final λ: the probability that two random records match (the matches EM found among
    /// the candidate pairs, spread over all pairs), consistent with u from random pairs.
    pub lambda: f64,
    /// Candidate pairs of the whole blocking.
    pub candidate_pairs: u64,
}

/// Free `value` on the rayon pool: the prepared columns and blocks of a million records are
/// millions of small allocations, which take a noticeable fraction of a second to free one by one
/// while the caller could already be writing its output.
fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Convert λ among candidate pairs into λ among all pairs.
///
/// u comes from random pairs, so the prior must too: blocking already selects pairs that agree
/// on a key, and scoring them with the candidate-pair λ would count that agreement twice and
/// make every namesake look like a match.
fn random_pair_lambda(among_candidates: f64, candidates: u64, prepared: &Prepared, dedupe: bool) -> f64 {
    random_pair_lambda_n(among_candidates, candidates, prepared.n_left, prepared.n_right, dedupe)
}

/// [`random_pair_lambda`] from table sizes (the distributed path has no [`Prepared`] of everything).
pub(crate) fn random_pair_lambda_n(among_candidates: f64, candidates: u64, nl: usize, nr: usize, dedupe: bool) -> f64 {
    let (l, r) = (nl as f64, nr as f64);
    let total = if dedupe { l * (l - 1.0) / 2.0 } else { l * r };
    if total <= 0.0 || candidates == 0 {
        return among_candidates;
    }
    let matches = among_candidates * candidates as f64;
    (matches / total).clamp(1e-15, 1.0 - 1e-9).min(among_candidates)
}

/// Scored candidate pairs at or above a probability threshold, in deterministic order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predictions {
    /// Left row of each pair.
    pub left: Vec<u32>,
    /// Right row of each pair.
    pub right: Vec<u32>,
    /// Match weight (log2 Bayes factor including the prior).
    pub match_weight: Vec<f64>,
    /// Match probability.
    pub match_probability: Vec<f64>,
    /// Levels, row-major: `comparison_names.len()` per pair.
    pub levels: Vec<u8>,
    /// Comparison names.
    pub comparison_names: Vec<String>,
    /// The blocking report.
    pub blocking: BlockingReport,
    /// Pairs compared (= candidate pairs).
    pub pairs_compared: u64,
}

impl Predictions {
    /// Number of retained pairs.
    pub fn len(&self) -> usize {
        self.left.len()
    }

    /// True when no pair was retained.
    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// Levels of pair `i`.
    pub fn levels_of(&self, i: usize) -> &[u8] {
        let k = self.comparison_names.len();
        &self.levels[i * k..(i + 1) * k]
    }

    /// Append the pair (weight `w`, `levels`) when its probability reaches `threshold`.
    #[inline]
    fn push_if(&mut self, l: u32, r: u32, w: f64, threshold: f64, levels: &[u8]) {
        let prob = probability(w);
        if prob >= threshold {
            self.left.push(l);
            self.right.push(r);
            self.match_weight.push(w);
            self.match_probability.push(prob);
            self.levels.extend_from_slice(levels);
        }
    }

    /// Append the pairs of `parts`, in order.
    fn append_all(&mut self, parts: Vec<Predictions>) {
        for p in parts {
            self.left.extend(p.left);
            self.right.extend(p.right);
            self.match_weight.extend(p.match_weight);
            self.match_probability.extend(p.match_probability);
            self.levels.extend(p.levels);
        }
    }

    /// Write `left_id,right_id,match_weight,match_probability,level_<comparison>…` CSV.
    pub fn write_csv(&self, left: &Dataset, right: &Dataset, mut w: impl Write) -> Result<()> {
        let wrap = |e: csv::Error| Error::io("write", "pairs", std::io::Error::other(e));
        let io = |e: std::io::Error| Error::io("write", "pairs", e);
        let mut header =
            vec!["left_id".to_owned(), "right_id".into(), "match_weight".into(), "match_probability".into()];
        header.extend(self.comparison_names.iter().map(|n| format!("level_{n}")));
        let mut head = csv::Writer::from_writer(Vec::new());
        head.write_record(&header).map_err(wrap)?;
        w.write_all(&head.into_inner().map_err(|e| io(e.into_error()))?).map_err(io)?;
        // Rows are formatted in parallel, a wave of chunks at a time, and written in order.
        const ROWS: usize = 1 << 13;
        const WAVE: usize = 32;
        let starts: Vec<usize> = (0..self.len()).step_by(ROWS).collect();
        for wave in starts.chunks(WAVE) {
            let parts: Vec<Result<Vec<u8>>> = wave
                .par_iter()
                .map(|&start| {
                    let mut out = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
                    let mut rec: Vec<String> = Vec::with_capacity(header.len());
                    for i in start..(start + ROWS).min(self.len()) {
                        rec.clear();
                        rec.push(left.id(self.left[i] as usize).into_owned());
                        rec.push(right.id(self.right[i] as usize).into_owned());
                        rec.push(format!("{:.6}", self.match_weight[i]));
                        rec.push(format!("{:.6}", self.match_probability[i]));
                        rec.extend(self.levels_of(i).iter().map(u8::to_string));
                        out.write_record(&rec).map_err(wrap)?;
                    }
                    out.into_inner().map_err(|e| io(e.into_error()))
                })
                .collect();
            for part in parts {
                w.write_all(&part?).map_err(io)?;
            }
        }
        w.flush().map_err(io)?;
        Ok(())
    }
}

/// Where training reads its comparison-pattern counts from: the blocker over data in memory
/// ([`Linker::train`]) or counts a distributed engine made
/// ([`crate::distributed::train_from_counts`]). [`Linker::fit`] asks only for what the spec needs,
/// so a lazy source counts nothing more.
pub(crate) trait PatternSource {
    /// Number of training passes (one per training rule).
    fn training_passes(&self) -> usize;
    /// Patterns of training rule `rule`'s own pairs (regardless of the other rules), their number,
    /// and the rule's description.
    fn rule(&mut self, rule: usize) -> Result<(Patterns, u64, String)>;
    /// Patterns of the distinct candidate pairs of the whole blocking, and their number.
    fn candidates(&mut self) -> Result<(Patterns, u64)>;
    /// Patterns of each blocking rule's share of the candidates (the pairs rule `i` adds to rules
    /// `0..i`; the shares partition the candidates), with the share's size.
    fn shares(&mut self) -> Result<Vec<(Patterns, u64)>>;
    /// The candidate pair count to report when `model.prior` fixes λ (nothing is counted then).
    fn candidate_count(&mut self) -> Result<u64>;
    /// Called once m and u are final, just before the λ pass: a source that will also predict
    /// may score the pairs it counts with them and keep those that could pass the threshold.
    fn final_m_u(&mut self, _m: &[Vec<f64>], _u: &[Vec<f64>]) {}
}

/// [`PatternSource`] over prepared data and its blockers.
struct LocalPatterns<'a> {
    linker: &'a Linker,
    prepared: &'a Prepared,
    blocker: &'a Blocker,
    train_blocker: &'a Blocker,
    /// Counted once even when both the joint m pass and λ read them.
    candidates: Option<(Patterns, u64)>,
    /// Set by [`Linker::train_predict`]: the λ pass also picks out the pairs prediction keeps.
    fuse: Option<Fuse<'a>>,
}

/// Prediction riding on the λ pass (which streams every candidate pair anyway), so
/// [`Linker::train_predict`] compares the candidates once after the m passes instead of twice.
/// λ is not known while the pass runs, so a pair is kept when it would reach the threshold under
/// the largest λ the pass could produce; the few kept pairs are rescored once λ is known.
struct Fuse<'a> {
    tf: &'a [Option<TfTable>],
    threshold: f64,
    /// Scores with the final m and u and a prior weight of 0 (set by `final_m_u`).
    scorer: Option<Scorer>,
    /// Pairs kept by the λ pass, in blocking order, with its blocking report; `None` until a pass
    /// over all candidates ran with the scorer set.
    kept: Option<Kept>,
}

impl Fuse<'_> {
    /// Weight without prior a pair needs to be kept: the threshold's weight less the largest
    /// prior weight (λ among all pairs is at most every candidate pair matching), with a margin
    /// for the different order of the floating-point sums.
    fn floor(&self, prepared: &Prepared, blocker: &Blocker) -> f64 {
        if self.threshold <= 0.0 {
            return f64::NEG_INFINITY;
        }
        let lambda_max =
            random_pair_lambda_n(1.0, blocker.upper_bound().max(1), prepared.n_left, prepared.n_right, prepared.dedupe);
        let prior_max = (lambda_max / (1.0 - lambda_max)).log2();
        let threshold_weight =
            if self.threshold >= 1.0 { f64::INFINITY } else { (self.threshold / (1.0 - self.threshold)).log2() };
        threshold_weight - prior_max - 1e-6
    }
}

impl PatternSource for LocalPatterns<'_> {
    fn training_passes(&self) -> usize {
        self.train_blocker.num_rules()
    }

    fn rule(&mut self, rule: usize) -> Result<(Patterns, u64, String)> {
        let (patterns, pairs, report) = self.linker.patterns(self.prepared, self.train_blocker, Some(rule))?;
        let description = report.rules.get(rule).map(|r| r.rule.clone()).unwrap_or_default();
        Ok((patterns, pairs, description))
    }

    fn candidates(&mut self) -> Result<(Patterns, u64)> {
        if self.candidates.is_none() {
            let mut shares = self.all_shares()?;
            let mut patterns: Counts = Counts::default();
            let mut pairs = 0;
            for (p, n) in shares.drain(..) {
                pairs += n;
                for (pat, c) in p {
                    *patterns.entry(pat).or_default() += c;
                }
            }
            let mut v: Patterns = patterns.into_iter().collect();
            v.sort_unstable();
            self.candidates = Some((v, pairs));
        }
        Ok(self.candidates.clone().unwrap_or_default())
    }

    fn shares(&mut self) -> Result<Vec<(Patterns, u64)>> {
        self.all_shares()
    }

    fn candidate_count(&mut self) -> Result<u64> {
        Ok(self.blocker.upper_bound())
    }

    fn final_m_u(&mut self, m: &[Vec<f64>], u: &[Vec<f64>]) {
        if let Some(fuse) = self.fuse.as_mut() {
            let params = Parameters {
                lambda: 0.5,
                comparisons: m.iter().zip(u).map(|(m, u)| ComparisonParams { m: m.clone(), u: u.clone() }).collect(),
            };
            fuse.scorer = Some(Scorer::new(
                &params,
                fuse.tf,
                &self.linker.comparators,
                self.prepared,
                &self.linker.spec.comparisons,
            ));
        }
    }
}

impl LocalPatterns<'_> {
    /// Patterns of each rule's share of the candidates; with a scorer set, also the pairs
    /// prediction may keep.
    fn all_shares(&mut self) -> Result<Vec<(Patterns, u64)>> {
        let keep = match &self.fuse {
            Some(f @ Fuse { scorer: Some(scorer), .. }) => Some((scorer, f.floor(self.prepared, self.blocker))),
            _ => None,
        };
        let (shares, kept, report) = self.linker.patterns_by_rule(self.prepared, self.blocker, keep)?;
        if let (Some(fuse), Some(kept)) = (self.fuse.as_mut(), kept) {
            fuse.kept = Some((kept, report));
        }
        Ok(shares)
    }
}

/// Per-pair scoring tables built once per predict call.
pub(crate) struct Scorer {
    weights: Vec<Vec<f64>>,
    pub(crate) prior: f64,
    /// For TF comparisons: the exact level and the weight for each interned value id.
    tf: Vec<Option<(Level, Vec<f64>)>>,
    /// For TF comparisons with `tf_fuzzy`: log2(u_exact / frequency) per value id; a level
    /// between `else` and exact adds the smaller of the two values' (the more common value's).
    fuzzy: Vec<Option<Vec<f64>>>,
    /// For `handle` comparisons with `tf`: log2(u_full / frequency) per handle id, added to
    /// either match level for the handle that matched.
    handle_tf: Vec<Option<Vec<f64>>>,
}

impl Scorer {
    pub(crate) fn new(
        params: &Parameters,
        tf: &[Option<TfTable>],
        comparators: &[Comparator],
        prepared: &Prepared,
        specs: &[ComparisonSpec],
    ) -> Scorer {
        let weights = params.weight_table();
        let mut fuzzy = vec![None; comparators.len()];
        let handle_tf = comparators
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let table = tf[k].as_ref().filter(|_| *c == Comparator::Handle)?;
                let col = &prepared.columns[k];
                let p = &params.comparisons[k];
                let u_full = *p.u.last()?;
                let index = table.index();
                Some(
                    (0..col.distinct() as u32)
                        .into_par_iter()
                        .map(|id| col.tf_key(id).map_or(0.0, |v| (u_full / index.frequency(v)).log2()))
                        .map(|g| if g.is_finite() { g } else { 0.0 })
                        .collect(),
                )
            })
            .collect();
        let tf = comparators
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let table = tf[k].as_ref()?;
                let exact = c.exact_level()?;
                let col = &prepared.columns[k];
                let p = &params.comparisons[k];
                let (m_exact, u_exact) = (p.m[exact as usize], p.u[exact as usize]);
                let index = table.index();
                let freq: Vec<f64> = (0..col.distinct() as u32)
                    .into_par_iter()
                    .map(|id| col.tf_key(id).map_or(f64::NAN, |v| index.frequency(v)))
                    .collect();
                if matches!(specs.get(k), Some(ComparisonSpec::Name { tf_fuzzy: true, .. })) {
                    fuzzy[k] = Some(freq.iter().map(|f| if f.is_nan() { 0.0 } else { (u_exact / f).log2() }).collect());
                }
                let by_id = freq.iter().map(|f| if f.is_nan() { 0.0 } else { (m_exact / f).log2() }).collect();
                Some((exact, by_id))
            })
            .collect();
        Scorer { weights, prior: params.prior_weight(), tf, fuzzy, handle_tf }
    }

    /// Sum of the comparison weights of `levels` for the pair (left row `l`, right row `r`), the
    /// prior added on top, in the order [`Linker::score_into`] adds them.
    #[inline]
    pub(crate) fn weight(&self, prepared: &Prepared, levels: &[u8], l: usize, r: usize) -> f64 {
        let mut w = self.prior;
        for (j, lev) in levels.iter().enumerate() {
            if *lev != 0 {
                w += self.term(prepared, j, *lev, l, r);
            }
        }
        w
    }

    /// The weight of comparison `k` at `level` for the pair (left row `l`, right row `r`).
    #[inline]
    pub(crate) fn term(&self, prepared: &Prepared, k: usize, level: Level, l: usize, r: usize) -> f64 {
        if let Some(g) = &self.handle_tf[k]
            && level > compare::ELSE
            && let Some(id) = prepared.columns[k].matched_handle_id(l, r)
        {
            return self.weights[k][level as usize] + g[id as usize];
        }
        if let Some((exact, by_id)) = &self.tf[k] {
            if level == *exact {
                if let Some(id) = prepared.columns[k].id(false, l) {
                    return by_id[id as usize];
                }
            } else if level > compare::ELSE
                && let Some(g) = &self.fuzzy[k]
                && let (Some(a), Some(b)) = (prepared.columns[k].id(false, l), prepared.columns[k].id(true, r))
            {
                return self.weights[k][level as usize] + g[a as usize].min(g[b as usize]);
            }
        }
        self.weights[k][level as usize]
    }
}

impl Linker {
    /// Validate and compile a spec.
    pub fn new(spec: LinkageSpec) -> Result<Linker> {
        spec.validate()?;
        let comparators = spec.comparisons.iter().map(Comparator::from_spec).collect();
        let tf = vec![None; spec.comparisons.len()];
        Ok(Linker { spec, comparators, params: None, tf })
    }

    /// Read, validate and compile a JSON spec.
    pub fn from_json(spec_json: &str) -> Result<Linker> {
        Linker::new(LinkageSpec::from_json(spec_json)?)
    }

    /// The spec.
    pub fn spec(&self) -> &LinkageSpec {
        &self.spec
    }

    /// True once trained (or loaded from a trained model).
    pub fn is_trained(&self) -> bool {
        self.params.is_some()
    }

    /// The trained parameters, if any.
    pub fn parameters(&self) -> Option<&Parameters> {
        self.params.as_ref()
    }

    /// The comparison names, in spec order.
    pub fn comparison_names(&self) -> Vec<String> {
        self.spec.comparison_names()
    }

    /// The level labels of each comparison.
    pub fn level_labels(&self) -> Vec<Vec<String>> {
        self.comparators.iter().map(Comparator::labels).collect()
    }

    pub(crate) fn tf_enabled(spec: &ComparisonSpec) -> bool {
        matches!(
            spec,
            ComparisonSpec::Exact { tf: true, .. }
                | ComparisonSpec::String { tf: true, .. }
                | ComparisonSpec::Name { tf: true, .. }
                | ComparisonSpec::Handle { tf: true, .. }
        )
    }

    /// Compare and score the pair (left row, right row), appending it to `out` when its
    /// probability reaches `threshold`; `buf` (one byte per comparison) receives its levels.
    pub(crate) fn score_into(
        &self,
        prepared: &Prepared,
        scorer: &Scorer,
        (l, r): (u32, u32),
        threshold: f64,
        buf: &mut [u8],
        out: &mut Predictions,
    ) {
        self.levels_into(prepared, l as usize, r as usize, buf);
        let w = scorer.weight(prepared, buf, l as usize, r as usize);
        out.push_if(l, r, w, threshold, buf);
    }

    /// The levels of every pair of `pairs`, pair after pair (`out` grows to `pairs.len() × k`),
    /// computed one comparison at a time ([`crate::prepare::levels_of_pairs`]).
    pub(crate) fn levels_of_pairs(&self, prepared: &Prepared, pairs: &[(u32, u32)], out: &mut Vec<u8>) {
        let k = self.comparators.len();
        out.clear();
        out.resize(pairs.len() * k, 0);
        for (j, c) in self.comparators.iter().enumerate() {
            crate::prepare::levels_of_pairs(&prepared.columns[j], c, pairs, &mut out[j..], k);
        }
    }

    pub(crate) fn levels_into(&self, prepared: &Prepared, l: usize, r: usize, out: &mut [u8]) {
        for (k, c) in self.comparators.iter().enumerate() {
            out[k] = prepared.level(k, c, l, r);
        }
    }

    /// Add the comparison patterns of `chunk`'s pairs to `counts` (in parallel; a pattern already
    /// seen costs no allocation).
    fn count_patterns(&self, prepared: &Prepared, chunk: &[(u32, u32)], counts: &mut Counts) {
        self.count_and_keep(prepared, chunk, counts, None, &mut KeptPairs::default());
    }

    /// [`Linker::count_patterns`], also appending to `kept` (in order) the pairs whose weight
    /// under `keep`'s scorer reaches its floor.
    fn count_and_keep(
        &self,
        prepared: &Prepared,
        chunk: &[(u32, u32)],
        counts: &mut Counts,
        keep: Option<(&Scorer, f64)>,
        kept: &mut KeptPairs,
    ) {
        let k = self.comparators.len();
        let parts: Vec<(Counts, KeptPairs)> = chunk
            .par_chunks(TASK)
            .map(|task| {
                let mut local: Counts = Counts::default();
                let mut local_kept = KeptPairs::default();
                let mut levels = Vec::new();
                self.levels_of_pairs(prepared, task, &mut levels);
                for (&(l, r), buf) in task.iter().zip(levels.chunks_exact(k.max(1))) {
                    if let Some((scorer, floor)) = keep
                        && scorer.weight(prepared, buf, l as usize, r as usize) >= floor
                    {
                        local_kept.pairs.push((l, r));
                        local_kept.levels.extend_from_slice(buf);
                    }
                    match local.get_mut(buf) {
                        Some(c) => *c += 1,
                        None => {
                            local.insert(buf.to_vec(), 1);
                        }
                    }
                }
                (local, local_kept)
            })
            .collect();
        for (p, kp) in parts {
            for (pat, c) in p {
                *counts.entry(pat).or_default() += c;
            }
            kept.pairs.extend(kp.pairs);
            kept.levels.extend(kp.levels);
        }
    }

    /// Count distinct comparison patterns over pairs streamed by `blocker`: all candidates, or
    /// training rule `training_rule`'s own pairs in the blocks `model.training_block_sample` keeps.
    fn patterns(
        &self,
        prepared: &Prepared,
        blocker: &Blocker,
        training_rule: Option<usize>,
    ) -> Result<(Patterns, u64, BlockingReport)> {
        let mut counts: Counts = Counts::default();
        let mut pairs = 0u64;
        let sample = training_rule.and(BlockSample::for_training(&self.spec.model));
        let report = blocker.for_each_sampled_chunk(training_rule, sample, CHUNK, |_, chunk| {
            pairs += chunk.len() as u64;
            self.count_patterns(prepared, chunk, &mut counts);
            Ok(())
        })?;
        let mut v: Vec<(Vec<u8>, u64)> = counts.into_iter().collect();
        v.sort_unstable();
        Ok((v, pairs, report))
    }

    /// Distinct comparison patterns of each rule's disjoint share of the candidate pairs (the
    /// pairs rule `i` adds to rules `0..i`), with that share's size.
    /// With `keep` (a scorer and a weight floor), also returns the pairs reaching the floor.
    #[allow(clippy::type_complexity)] // (shares, kept pairs, report): used once
    fn patterns_by_rule(
        &self,
        prepared: &Prepared,
        blocker: &Blocker,
        keep: Option<(&Scorer, f64)>,
    ) -> Result<(Vec<(Patterns, u64)>, Option<KeptPairs>, BlockingReport)> {
        let mut counts: Vec<Counts> = vec![Counts::default(); blocker.num_rules()];
        let mut pairs = vec![0u64; blocker.num_rules()];
        let mut kept = KeptPairs::default();
        let report = blocker.for_each_rule_chunk(None, CHUNK, |rule, chunk| {
            pairs[rule] += chunk.len() as u64;
            self.count_and_keep(prepared, chunk, &mut counts[rule], keep, &mut kept);
            Ok(())
        })?;
        let shares = counts
            .into_iter()
            .zip(pairs)
            .map(|(c, n)| {
                let mut v: Vec<(Vec<u8>, u64)> = c.into_iter().collect();
                v.sort_unstable();
                (v, n)
            })
            .collect();
        Ok((shares, keep.map(|_| kept), report))
    }

    /// λ among all pairs, with m and u fixed: the expected matches among the candidate pairs,
    /// spread over all pairs. Returns (λ, candidate pairs).
    ///
    /// u comes from random pairs, but a candidate pair is not random: it shares a blocking key,
    /// so its non-matches agree on the key's columns far more often than u says, and an EM over
    /// every comparison mistakes that agreement for matches (at 100k persons it put nearly all
    /// the candidates of most rules among the matches; the truth was 29% overall). So each
    /// rule's disjoint share of the pairs (the pairs it adds to the earlier rules) gets its own
    /// EM on λ alone, scored only by the comparisons none of the rules up to it block on: their
    /// non-matches look like random pairs (u holds) and, since the share also excludes the
    /// earlier rules' pairs, its matches were not selected by agreement on those comparisons
    /// either (m holds). A share with no such comparison falls back to those its own rule does
    /// not use, then to all comparisons.
    ///
    /// "Block on" is stricter here than for the m passes ([`crate::spec::BlockingRule::fixes`]):
    /// any rule reading a comparison's column excludes it, even a `name_pair` key beside a
    /// `middle_name` comparison. The key does not force the middle names to agree, but the
    /// non-matches it selects (namesakes, one person's other cases) share middle names far more
    /// often than random pairs, so u does not hold for them (at 1M cases, scoring those shares
    /// with the middle names lowered referral↔release recall from 0.465 to 0.442).
    ///
    /// `shares` are the patterns of each blocking rule's share, with its size (see
    /// [`PatternSource::shares`]); `sizes` the table sizes (left rows, right rows, dedupe).
    fn lambda_from_shares(
        &self,
        shares: Vec<(Patterns, u64)>,
        m: &[Vec<f64>],
        u: &[Vec<f64>],
        opts: &EmOptions,
        sizes: (usize, usize, bool),
    ) -> (f64, u64) {
        let comparison_columns: Vec<Vec<String>> = self
            .spec
            .comparisons
            .iter()
            .map(|c| c.column_pairs().into_iter().flat_map(|(l, r)| [l, r]).collect())
            .collect();
        let untouched = |rules: &[crate::spec::BlockingRule]| -> Vec<bool> {
            let cols: Vec<String> = rules.iter().flat_map(|r| r.columns()).collect();
            comparison_columns.iter().map(|cc| !cc.iter().any(|c| cols.contains(c))).collect()
        };
        let lopts = EmOptions { estimate_m: false, estimate_lambda: true, ..*opts };
        let rules = &self.spec.blocking;
        let mut matches = 0.0;
        let mut candidates = 0u64;
        for (i, (patterns, n)) in shares.into_iter().enumerate() {
            if n == 0 {
                continue;
            }
            candidates += n;
            let mut active = untouched(rules.get(..=i).unwrap_or(rules));
            if !active.contains(&true) {
                active = untouched(rules.get(i..=i).unwrap_or_default());
            }
            if !active.contains(&true) {
                active = vec![true; m.len()];
            }
            matches += em(&patterns, m, u, 0.05, &active, &lopts).lambda * n as f64;
        }
        if candidates == 0 {
            return (self.spec.model.prior.unwrap_or(0.05), 0);
        }
        let among_candidates = (matches / candidates as f64).clamp(1e-15, 1.0);
        let (nl, nr, dedupe) = sizes;
        (random_pair_lambda_n(among_candidates, candidates, nl, nr, dedupe), candidates)
    }

    /// u from random pairs: level frequencies among (almost all non-matching) random pairs.
    fn estimate_u(&self, prepared: &Prepared) -> (Vec<Vec<f64>>, u64) {
        let k = self.comparators.len();
        let (nl, nr) = (prepared.n_left as u64, prepared.n_right as u64);
        let all = if prepared.dedupe { nl * nl.saturating_sub(1) / 2 } else { nl * nr };
        // A table of one record (deduplicated) or an empty side has no pair to sample: u stays at
        // its smoothed prior rather than sampling a row that does not exist.
        let n = self.spec.model.u_sample_pairs.min(all);
        let enumerate = all <= self.spec.model.u_sample_pairs;
        let seed = self.spec.model.seed;
        let tasks: Vec<u64> = (0..n.div_ceil(TASK as u64)).collect();
        let zero: Vec<Vec<f64>> = self.comparators.iter().map(|c| vec![0.0; c.num_levels()]).collect();
        let counts = tasks
            .par_iter()
            .map(|&t| {
                let mut counts = zero.clone();
                let mut rng = SplitMix64::new(seed ^ crate::block::key::mix(t + 1));
                let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(TASK);
                let (start, end) = (t * TASK as u64, ((t + 1) * TASK as u64).min(n));
                let mut next = pair_at(start, nl, nr, prepared.dedupe);
                for _ in start..end {
                    let (l, r) = if enumerate {
                        let cur = next;
                        next = (cur.0, cur.1 + 1);
                        if next.1 >= nr {
                            next = (cur.0 + 1, if prepared.dedupe { cur.0 + 2 } else { 0 });
                        }
                        cur
                    } else {
                        loop {
                            let (l, r) = (rng.below(nl), rng.below(nr));
                            if !(prepared.dedupe && l == r) {
                                break (l, r);
                            }
                            if nl < 2 {
                                break (0, 0);
                            }
                        }
                    };
                    if prepared.dedupe && l == r {
                        continue;
                    }
                    pairs.push((l as u32, r as u32));
                }
                let mut levels = Vec::new();
                self.levels_of_pairs(prepared, &pairs, &mut levels);
                for buf in levels.chunks_exact(k.max(1)) {
                    for (j, lev) in buf.iter().enumerate() {
                        counts[j][*lev as usize] += 1.0;
                    }
                }
                counts
            })
            .reduce(
                || zero.clone(),
                |mut a, b| {
                    for (x, y) in a.iter_mut().zip(b) {
                        for (p, q) in x.iter_mut().zip(y) {
                            *p += q;
                        }
                    }
                    a
                },
            );
        (counts.iter().map(|c| smooth(c)).collect(), n)
    }

    fn build_tf(&self, prepared: &Prepared) -> Vec<Option<TfTable>> {
        self.spec
            .comparisons
            .iter()
            .zip(&prepared.columns)
            .map(|(spec, col)| {
                if !Self::tf_enabled(spec) {
                    return None;
                }
                let by_id = col.tf_id_counts(&[false, true])?;
                // Ids no row uses (prepared names shared with another linkage) count nothing;
                // several ids may share one value.
                Some(TfTable::from_value_counts(
                    by_id.iter().enumerate().skip(1).filter_map(|(id, c)| col.tf_key(id as u32).map(|v| (v, *c))),
                ))
            })
            .collect()
    }

    /// The blocker of `rules`, with the name keys read from the names `prepared` already parsed.
    fn blocker(
        &self,
        rules: &[BlockingRule],
        left: &Dataset,
        right: Option<&Dataset>,
        prepared: &Prepared,
    ) -> Result<Blocker> {
        Blocker::with_names(rules, left, right, &self.spec.model, &PreparedNames::of(prepared, &self.spec.comparisons))
    }

    /// Train unsupervised: u from random pairs, m and λ by EM (see the module docs).
    /// `right = None` deduplicates `left`.
    pub fn train(&mut self, left: &Dataset, right: Option<&Dataset>) -> Result<TrainReport> {
        let prepared = Prepared::new(&self.spec.comparisons, left, right)?;
        let blocker = self.blocker(&self.spec.blocking, left, right, &prepared)?;
        Ok(self.train_with(left, right, &prepared, &blocker, None)?.0)
    }

    /// Train and then score the candidate pairs of the same data, preparing the values and
    /// building the blocking once for both ([`Linker::train`] then [`Linker::predict`] give the
    /// same result, at the cost of doing that work twice).
    ///
    /// ```
    /// use caselink::{linker::Linker, synth};
    /// let world = synth::persons(300, 1);
    /// let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/persons/spec.json")).unwrap();
    /// let mut a = Linker::from_json(&spec).unwrap();
    /// let (_, fused) = a.train_predict(&world.persons, None, 0.5).unwrap();
    /// let mut b = Linker::from_json(&spec).unwrap();
    /// b.train(&world.persons, None).unwrap();
    /// let apart = b.predict(&world.persons, None, 0.5).unwrap();
    /// assert_eq!(fused.match_weight, apart.match_weight);
    /// assert!(fused.len() > 0);
    /// ```
    pub fn train_predict(
        &mut self,
        left: &Dataset,
        right: Option<&Dataset>,
        threshold: f64,
    ) -> Result<(TrainReport, Predictions)> {
        let (report, predictions, _) = self.train_predict_reusing(left, right, threshold, &[], false)?;
        Ok((report, predictions))
    }

    /// [`Linker::train_predict`], reusing the prepared `names` of earlier linkages of the same
    /// datasets (see [`Prepared::new_reusing`]); with `share_names`, also returns this linkage's
    /// prepared names (left side `false`, right side `true`) for later ones.
    #[allow(clippy::type_complexity)] // (report, predictions, prepared names): one caller
    pub(crate) fn train_predict_reusing(
        &mut self,
        left: &Dataset,
        right: Option<&Dataset>,
        threshold: f64,
        names: &[NameSide],
        share_names: bool,
    ) -> Result<(TrainReport, Predictions, Vec<(bool, NameSide)>)> {
        let prepared = Prepared::new_reusing(&self.spec.comparisons, left, right, names)?;
        let blocker = self.blocker(&self.spec.blocking, left, right, &prepared)?;
        let (report, kept) = self.train_with(left, right, &prepared, &blocker, Some(threshold))?;
        let predictions = match kept {
            Some(((kept, blocking), scorer)) => self.rescore(&prepared, &kept, blocking, threshold, scorer)?,
            None => self.predict_with(&prepared, &blocker, threshold)?,
        };
        let sides = if share_names { prepared.name_sides(&self.spec.comparisons) } else { Vec::new() };
        drop_in_background((prepared, blocker));
        Ok((report, predictions, sides))
    }

    /// Train; with `fuse_threshold`, also keep the pairs the λ pass finds could reach it.
    fn train_with(
        &mut self,
        left: &Dataset,
        right: Option<&Dataset>,
        prepared: &Prepared,
        blocker: &Blocker,
        fuse_threshold: Option<f64>,
    ) -> Result<(TrainReport, Option<(Kept, Scorer)>)> {
        // Training passes block with the prediction rules unless the spec gives its own.
        let own_train_blocker = if self.spec.training_blocking.is_empty() {
            None
        } else {
            Some(self.blocker(&self.spec.training_blocking, left, right, prepared)?)
        };
        let train_blocker = own_train_blocker.as_ref().unwrap_or(blocker);
        let (u, u_pairs) = self.estimate_u(prepared);
        let tf = self.build_tf(prepared);
        let fuse = fuse_threshold.map(|threshold| Fuse { tf: &tf, threshold, scorer: None, kept: None });
        let mut src = LocalPatterns { linker: self, prepared, blocker, train_blocker, candidates: None, fuse };
        let sizes = (prepared.n_left, prepared.n_right, prepared.dedupe);
        let (params, report) = self.fit(u, u_pairs, sizes, &mut src)?;
        let kept = src.fuse.and_then(|f| Some((f.kept?, f.scorer?)));
        self.params = Some(params);
        self.tf = tf;
        if let Some(b) = own_train_blocker {
            drop_in_background(b);
        }
        Ok((report, kept))
    }

    /// The rules training passes block with: `training_blocking` when given, else `blocking`.
    pub(crate) fn training_rules(&self) -> &[crate::spec::BlockingRule] {
        if self.spec.training_blocking.is_empty() { &self.spec.blocking } else { &self.spec.training_blocking }
    }

    /// Everything [`Linker::train`] does after u: m by one EM pass per training rule, m of the
    /// comparisons no pass could estimate by EM over all candidates, then λ — from pattern counts
    /// alone, wherever they were counted (`src`: the blocker here, executors in
    /// [`crate::distributed::train_from_counts`]), so that both paths train the same model.
    /// `sizes` = (left rows, right rows, dedupe). Returns the parameters and the report; the
    /// caller installs them with its term-frequency tables.
    pub(crate) fn fit(
        &self,
        u: Vec<Vec<f64>>,
        u_pairs: u64,
        sizes: (usize, usize, bool),
        src: &mut dyn PatternSource,
    ) -> Result<(Parameters, TrainReport)> {
        let k = self.comparators.len();
        let m_init: Vec<Vec<f64>> = self
            .params
            .as_ref()
            .map(|p| p.comparisons.iter().map(|c| c.m.clone()).collect())
            .unwrap_or_else(|| self.comparators.iter().map(|c| default_m(c.num_levels())).collect());
        let lambda0 = self.spec.model.prior.unwrap_or(0.05);
        let opts = EmOptions {
            max_iterations: self.spec.model.em_max_iterations,
            tolerance: self.spec.model.em_tolerance,
            estimate_m: true,
            estimate_lambda: true,
        };
        let training_rules = self.training_rules();
        let names = self.comparison_names();
        let mut sums: Vec<Vec<f64>> = m_init.iter().map(|m| vec![0.0; m.len()]).collect();
        let mut n_estimates = vec![0u32; k];
        let mut passes = Vec::new();
        for rule in 0..src.training_passes() {
            let active: Vec<bool> =
                self.spec.comparisons.iter().map(|c| training_rules.get(rule).is_none_or(|r| !r.fixes(c))).collect();
            let (patterns, pairs, description) = src.rule(rule)?;
            let out = em(&patterns, &m_init, &u, lambda0, &active, &opts);
            for j in 0..k {
                if active[j] && pairs > 0 {
                    n_estimates[j] += 1;
                    for (s, v) in sums[j].iter_mut().zip(&out.m[j]) {
                        *s += v;
                    }
                }
            }
            passes.push(PassReport {
                rule: description,
                pairs,
                patterns: patterns.len(),
                iterations: out.iterations,
                converged: out.converged,
                estimated: (0..k).filter(|j| active[*j] && pairs > 0).map(|j| names[j].clone()).collect(),
            });
        }
        let mut m: Vec<Vec<f64>> = (0..k)
            .map(|j| {
                if n_estimates[j] == 0 {
                    m_init[j].clone()
                } else {
                    let mut v: Vec<f64> = sums[j].iter().map(|s| s / f64::from(n_estimates[j])).collect();
                    v[0] = 1.0;
                    v
                }
            })
            .collect();
        let untrained: Vec<String> = (0..k).filter(|j| n_estimates[*j] == 0).map(|j| names[j].clone()).collect();
        if !untrained.is_empty() {
            // Every rule blocks on these comparisons' columns, so no pass could estimate them.
            // Their defaults are far too confident, so estimate them over all candidate pairs
            // instead: biased towards agreement (every pair shares a blocking key), but learned.
            let (patterns, pairs) = src.candidates()?;
            if pairs > 0 {
                let joint = em(&patterns, &m, &u, lambda0, &vec![true; k], &opts);
                for j in (0..k).filter(|j| n_estimates[*j] == 0) {
                    m[j] = joint.m[j].clone();
                    m[j][0] = 1.0;
                }
            }
        }
        src.final_m_u(&m, &u);
        let (lambda, candidate_pairs) = match self.spec.model.prior {
            Some(p) => (p, src.candidate_count()?),
            None if self.spec.model.lambda_by_rule => {
                let lopts = EmOptions { max_iterations: opts.max_iterations.max(50), ..opts };
                self.lambda_from_shares(src.shares()?, &m, &u, &lopts, sizes)
            }
            None => {
                let (patterns, pairs) = src.candidates()?;
                let lopts = EmOptions { estimate_m: false, max_iterations: opts.max_iterations.max(50), ..opts };
                let among_candidates = em(&patterns, &m, &u, lambda0, &vec![true; k], &lopts).lambda;
                let (nl, nr, dedupe) = sizes;
                (random_pair_lambda_n(among_candidates, pairs, nl, nr, dedupe), pairs)
            }
        };
        let params =
            Parameters { lambda, comparisons: m.into_iter().zip(u).map(|(m, u)| ComparisonParams { m, u }).collect() };
        Ok((params, TrainReport { u_pairs, passes, untrained, lambda, candidate_pairs }))
    }

    /// Set m from labelled matching pairs (left row, right row); u and λ are estimated as in
    /// [`Linker::train`] (u from random pairs; λ by EM with m fixed unless the spec gives a prior).
    pub fn train_from_labels(
        &mut self,
        left: &Dataset,
        right: Option<&Dataset>,
        pairs: &[(usize, usize)],
    ) -> Result<TrainReport> {
        let prepared = Prepared::new(&self.spec.comparisons, left, right)?;
        let blocker = self.blocker(&self.spec.blocking, left, right, &prepared)?;
        let (u, u_pairs) = self.estimate_u(&prepared);
        let k = self.comparators.len();
        let mut counts: Vec<Vec<f64>> = self.comparators.iter().map(|c| vec![0.0; c.num_levels()]).collect();
        let mut buf = vec![0u8; k];
        for &(l, r) in pairs {
            if l >= prepared.n_left || r >= prepared.n_right {
                return Err(Error::invalid_spec(
                    "labels",
                    format!("pair ({l}, {r}) is out of range ({} × {} rows)", prepared.n_left, prepared.n_right),
                ));
            }
            self.levels_into(&prepared, l, r, &mut buf);
            for (j, lev) in buf.iter().enumerate() {
                counts[j][*lev as usize] += 1.0;
            }
        }
        let m: Vec<Vec<f64>> = counts.iter().map(|c| smooth(c)).collect();
        let (lambda, candidate_pairs) = match self.spec.model.prior {
            Some(p) => (p, blocker.upper_bound()),
            None => {
                let o = EmOptions {
                    max_iterations: 100,
                    tolerance: self.spec.model.em_tolerance,
                    estimate_m: false,
                    estimate_lambda: true,
                };
                if self.spec.model.lambda_by_rule {
                    let sizes = (prepared.n_left, prepared.n_right, prepared.dedupe);
                    self.lambda_from_shares(self.patterns_by_rule(&prepared, &blocker, None)?.0, &m, &u, &o, sizes)
                } else {
                    let (patterns, n, _) = self.patterns(&prepared, &blocker, None)?;
                    let among_candidates = em(&patterns, &m, &u, 0.05, &vec![true; k], &o).lambda;
                    (random_pair_lambda(among_candidates, n, &prepared, right.is_none()), n)
                }
            }
        };
        self.tf = self.build_tf(&prepared);
        self.params = Some(Parameters {
            lambda,
            comparisons: m.into_iter().zip(u).map(|(m, u)| ComparisonParams { m, u }).collect(),
        });
        Ok(TrainReport { u_pairs, passes: vec![], untrained: vec![], lambda, candidate_pairs })
    }

    pub(crate) fn trained(&self) -> Result<&Parameters> {
        self.params.as_ref().ok_or_else(|| {
            Error::bad_model(
                None,
                "the linker is not trained: call train (or train_from_labels) or load a trained model",
            )
        })
    }

    /// Score every candidate pair and keep those with probability ≥ `threshold`.
    /// `right = None` deduplicates `left` (each unordered pair once, left row < right row).
    pub fn predict(&self, left: &Dataset, right: Option<&Dataset>, threshold: f64) -> Result<Predictions> {
        self.trained()?;
        let prepared = Prepared::new(&self.spec.comparisons, left, right)?;
        let blocker = self.blocker(&self.spec.blocking, left, right, &prepared)?;
        self.predict_with(&prepared, &blocker, threshold)
    }

    fn predict_with(&self, prepared: &Prepared, blocker: &Blocker, threshold: f64) -> Result<Predictions> {
        let params = self.trained()?;
        let scorer = Scorer::new(params, &self.tf, &self.comparators, prepared, &self.spec.comparisons);
        let mut out = Predictions { comparison_names: self.comparison_names(), ..Default::default() };
        let mut compared = 0u64;
        let report = blocker.for_each_chunk(None, CHUNK, |chunk| {
            compared += chunk.len() as u64;
            self.score_pairs_into(prepared, &scorer, chunk, threshold, &mut out);
            Ok(())
        })?;
        out.blocking = report;
        out.pairs_compared = compared;
        Ok(out)
    }

    /// Score `pairs` in parallel and append those reaching `threshold` to `out`, in order.
    fn score_pairs_into(
        &self,
        prepared: &Prepared,
        scorer: &Scorer,
        pairs: &[(u32, u32)],
        threshold: f64,
        out: &mut Predictions,
    ) {
        let parts: Vec<Predictions> = pairs
            .par_chunks(TASK)
            .map(|task| {
                let mut levels = Vec::new();
                self.levels_of_pairs(prepared, task, &mut levels);
                self.scored(prepared, scorer, task, &levels, threshold)
            })
            .collect();
        out.append_all(parts);
    }

    /// The pairs of `pairs` (with their `levels`, one pattern per pair back to back) whose
    /// probability under `scorer` reaches `threshold`, in order.
    fn scored(
        &self,
        prepared: &Prepared,
        scorer: &Scorer,
        pairs: &[(u32, u32)],
        levels: &[u8],
        threshold: f64,
    ) -> Predictions {
        let mut p = Predictions::default();
        for (&(l, r), buf) in pairs.iter().zip(levels.chunks_exact(self.comparators.len().max(1))) {
            let w = scorer.weight(prepared, buf, l as usize, r as usize);
            p.push_if(l, r, w, threshold, buf);
        }
        p
    }

    /// Score the `kept` pairs (a superset of the candidates reaching `threshold`, in blocking
    /// order, with their levels) with the trained model, as [`Linker::predict_with`] would have
    /// scored them.
    fn rescore(
        &self,
        prepared: &Prepared,
        kept: &KeptPairs,
        blocking: BlockingReport,
        threshold: f64,
        mut scorer: Scorer,
    ) -> Result<Predictions> {
        // The λ pass's scorer already holds the final m, u and term frequencies (its tables per
        // value id cost as much to build as the rescoring itself): only the prior is new.
        scorer.prior = self.trained()?.prior_weight();
        let mut out = Predictions { comparison_names: self.comparison_names(), ..Default::default() };
        let k = self.comparators.len();
        let parts: Vec<Predictions> = kept
            .pairs
            .par_chunks(TASK)
            .zip(kept.levels.par_chunks(TASK * k))
            .map(|(pairs, levels)| self.scored(prepared, &scorer, pairs, levels, threshold))
            .collect();
        out.append_all(parts);
        out.pairs_compared = blocking.candidate_pairs;
        out.blocking = blocking;
        Ok(out)
    }

    /// Explain one pair: each comparison's values, level and weight, summing with the prior to
    /// the match weight.
    pub fn explain(
        &self,
        left: &Dataset,
        left_row: usize,
        right: &Dataset,
        right_row: usize,
    ) -> Result<crate::explain::Explanation> {
        crate::explain::explain(self, left, left_row, right, right_row)
    }

    pub(crate) fn score_prepared_pair(&self, prepared: &Prepared) -> Result<(Vec<u8>, Vec<f64>, f64)> {
        let params = self.trained()?;
        let scorer = Scorer::new(params, &self.tf, &self.comparators, prepared, &self.spec.comparisons);
        let mut levels = vec![0u8; self.comparators.len()];
        self.levels_into(prepared, 0, 0, &mut levels);
        let terms: Vec<f64> = levels
            .iter()
            .enumerate()
            .map(|(j, lev)| if *lev == 0 { 0.0 } else { scorer.term(prepared, j, *lev, 0, 0) })
            .collect();
        Ok((levels, terms, scorer.prior))
    }

    /// m, u and weight per level per comparison, and λ, as JSON for humans.
    pub fn parameters_json(&self) -> serde_json::Value {
        let Some(p) = &self.params else {
            return serde_json::json!({"trained": false, "comparisons": self.comparison_names()});
        };
        let labels = self.level_labels();
        let comparisons: Vec<serde_json::Value> = self
            .comparison_names()
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let levels: Vec<serde_json::Value> = (1..labels[k].len())
                    .map(|l| {
                        serde_json::json!({"level": l, "label": labels[k][l], "m": p.comparisons[k].m[l],
                            "u": p.comparisons[k].u[l], "weight": p.weight(k, l as u8)})
                    })
                    .collect();
                serde_json::json!({"name": name, "type": self.spec.comparisons[k].kind(),
                    "tf": self.tf[k].as_ref().map(|t| t.values.len()), "levels": levels})
            })
            .collect();
        serde_json::json!({"trained": true, "lambda": p.lambda, "prior_weight": p.prior_weight(), "comparisons": comparisons})
    }

    /// The model as bytes (see [`crate::model`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::model::to_bytes(self)
    }

    /// A linker from model bytes; corrupt or incompatible bytes give [`Error::BadModel`].
    pub fn from_bytes(b: &[u8]) -> Result<Linker> {
        crate::model::from_bytes(b, None)
    }

    /// Save the model to a file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io("write", path, e))
    }

    /// Load a model file.
    pub fn load(path: impl AsRef<Path>) -> Result<Linker> {
        crate::model::load(path.as_ref())
    }
}

/// The `i`-th pair in enumeration order (row-major; upper triangle when deduplicating).
fn pair_at(i: u64, nl: u64, nr: u64, dedupe: bool) -> (u64, u64) {
    if !dedupe {
        return (i / nr.max(1), i % nr.max(1));
    }
    // Row l holds pairs (l, l+1..n): find l by walking (only used for small tables).
    let mut l = 0;
    let mut rem = i;
    while l + 1 < nl && rem >= nl - l - 1 {
        rem -= nl - l - 1;
        l += 1;
    }
    (l, l + 1 + rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_enumeration_covers_the_triangle() {
        let n = 5;
        let pairs: Vec<_> = (0..10).map(|i| pair_at(i, n, n, true)).collect();
        let mut want = Vec::new();
        for l in 0..n {
            for r in l + 1..n {
                want.push((l, r));
            }
        }
        assert_eq!(pairs, want);
        assert_eq!(pair_at(7, 3, 4, false), (1, 3));
    }

    /// Name keys read from the prepared names block exactly as parsing every name again does.
    #[test]
    fn blocking_from_prepared_names_gives_the_same_pairs() {
        use crate::trace::{Source, spec_for};
        let world = crate::synth::cases(1500, 3);
        let input = crate::trace::TraceInput::new(None, Some(world.dockets), Some(world.press_releases), &[]).unwrap();
        let (dockets, releases) = (input.dockets.as_ref().unwrap(), input.press_releases.as_ref().unwrap());
        for (l, r) in [(Source::Docket, Source::PressRelease), (Source::Docket, Source::Docket)] {
            let linker = Linker::new(spec_for(l, r).unwrap()).unwrap();
            let right = (l != r).then_some(releases);
            let prepared = Prepared::new(&linker.spec.comparisons, dockets, right).unwrap();
            assert!(!PreparedNames::of(&prepared, &linker.spec.comparisons).is_empty());
            let pairs = |b: Blocker| {
                let mut all = Vec::new();
                b.for_each_chunk(None, CHUNK, |chunk| {
                    all.extend_from_slice(chunk);
                    Ok(())
                })
                .unwrap();
                all
            };
            let parsed = pairs(Blocker::new(&linker.spec.blocking, dockets, right, &linker.spec.model).unwrap());
            let shared = pairs(linker.blocker(&linker.spec.blocking, dockets, right, &prepared).unwrap());
            assert!(parsed.len() > 20, "{l:?}-{r:?}: only {} pairs", parsed.len());
            assert_eq!(parsed, shared, "{l:?}-{r:?}");
        }
    }
}
