//! The block stage: which pairs are worth comparing.
//!
//! Each rule yields candidate pairs: exact-key rules by hash join on derived keys
//! ([`key`]), sorted neighbourhood ([`sorted_neighbourhood`]) and a fuzzy fst index
//! ([`fuzzy`]). The candidate set is the union of the rules, deduplicated without a global set
//! ([`union`]): pairs stream out in chunks in a deterministic order (rule by rule, key by key,
//! left row then right row), so memory stays proportional to the records. A key whose block is
//! larger than `max_block_size` on either side is skipped and reported; a blocking whose pair
//! count would exceed `max_pairs` is refused with [`Error::LimitExceeded`].

pub mod fuzzy;
pub mod key;
pub mod sorted_neighbourhood;
pub mod union;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::compare::name::PreparedName;
use crate::data::{Column, Dataset};
use crate::error::{Error, Result};
use crate::prepare::{Prepared, PreparedColumn, Sides};
use crate::spec::{BlockingRule, ComparisonSpec, KeySpec, ModelOptions};
use key::RowKeys;
use sorted_neighbourhood::SortedIndex;
use union::Covers;

/// A key skipped for exceeding `max_block_size`: (key, records on the left, on the right).
pub type CappedKey = (String, u64, u64);

/// What one rule produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleReport {
    /// The rule, as text.
    pub rule: String,
    /// Pairs this rule added (not produced by an earlier rule).
    pub pairs: u64,
    /// Keys skipped for exceeding `max_block_size`: (key, records on the left, on the right).
    pub capped_keys: Vec<CappedKey>,
}

/// What the blocking produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BlockingReport {
    /// One entry per rule (one entry "all pairs" when there are no rules).
    pub rules: Vec<RuleReport>,
    /// Distinct candidate pairs.
    pub candidate_pairs: u64,
}

/// Candidate pairs (before filtering) one parallel task enumerates at most, unless one left
/// row alone has more.
const SPAN_PAIRS: usize = 1 << 14;
/// Candidate pairs (before filtering) enumerated in parallel before they are emitted.
const WAVE_PAIRS: usize = 1 << 18;

/// A deterministic share of a rule's key blocks, for training passes
/// (`model.training_block_sample`): a block is kept when a hash of its key and the seed falls
/// below the share, so the same blocks are kept for any thread count, and on Spark, where
/// [`crate::distributed::block_keys`] drops the keys of the other blocks.
///
/// ```
/// use caselink::block::BlockSample;
/// let s = BlockSample::new(0.25, 42);
/// let kept = (0..10_000u64).filter(|k| s.keeps(*k)).count();
/// assert!((2_300..2_700).contains(&kept), "{kept}");
/// assert!((0..100u64).all(|k| BlockSample::new(1.0, 42).keeps(k)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockSample {
    /// Keys whose hash is below this are kept (`u64::MAX` keeps all).
    below: u64,
    salt: u64,
}

impl BlockSample {
    /// Keep about `share` (in (0, 1]) of the blocks, chosen by `seed`.
    pub fn new(share: f64, seed: u64) -> BlockSample {
        let below = if share >= 1.0 { u64::MAX } else { (share.max(0.0) * 2f64.powi(64)) as u64 };
        BlockSample { below, salt: key::mix(seed ^ 0x5eed_b10c_5a3e_1e00) }
    }

    /// True when the block of `key` is in the sample.
    #[inline]
    pub fn keeps(&self, key: u64) -> bool {
        self.below == u64::MAX || key::mix(key ^ self.salt) < self.below
    }

    /// The sample `options` asks training passes to use, if any.
    pub fn for_training(options: &ModelOptions) -> Option<BlockSample> {
        (options.training_block_sample < 1.0).then(|| BlockSample::new(options.training_block_sample, options.seed))
    }
}

/// Rows `from..to` of a block's left side, with their pairs: the unit of parallel enumeration.
struct Span {
    block: u32,
    from: u32,
    to: u32,
}

/// Capped keys listed per rule at most (the count in the message is still exact).
const MAX_REPORTED_CAPS: usize = 100;

#[derive(Debug)]
struct KeyBlock {
    key: u64,
    left: Vec<u32>,
    right: Vec<u32>,
}

#[derive(Debug)]
enum RuleIndex {
    /// Every pair (no rules).
    All,
    Key {
        left: RowKeys,
        right: Option<RowKeys>,
        blocks: Vec<KeyBlock>,
        capped: Vec<u64>,
    },
    Sorted {
        index: SortedIndex,
        window: usize,
    },
    Fuzzy {
        left_keys: Vec<Option<u32>>,
        right_keys: Option<Vec<Option<u32>>>,
        /// Distinct keys: left key strings then matches.
        texts: Vec<String>,
        /// Right key ids matched by each left key id.
        matches: Vec<(u32, Vec<u32>)>,
        rows_by_key: Vec<Vec<u32>>,
        right_rows_by_key: Option<Vec<Vec<u32>>>,
        capped: Vec<u32>,
        max_edits: u32,
    },
}

/// In [`SingleKeys`]: the row has no key under the rule.
const NO_KEY: u64 = 0;
/// In [`SingleKeys`]: the row has several keys (or its one key is a sentinel); read the lists.
const MANY_KEYS: u64 = 1;

/// Each row's key under every rule side by side (row-major), when it has exactly one: checking
/// whether earlier rules produce a pair then reads one cache line per row instead of a key list
/// per rule, which dominated enumeration on a million rows.
#[derive(Debug, Default)]
struct SingleKeys {
    rules: usize,
    left: Vec<u64>,
    right: Option<Vec<u64>>,
}

impl SingleKeys {
    fn side(rules: &[RuleIndex], right: bool, n_rows: usize) -> Vec<u64> {
        let n = rules.len();
        let keys: Vec<(usize, &RowKeys)> = rules
            .iter()
            .enumerate()
            .filter_map(|(j, rule)| match rule {
                RuleIndex::Key { left, right: rk, .. } => {
                    Some((j, if right { rk.as_ref().unwrap_or(left) } else { left }))
                }
                _ => None,
            })
            .collect();
        let mut out = vec![NO_KEY; n_rows * n];
        for (row, slots) in out.chunks_exact_mut(n.max(1)).enumerate() {
            for &(j, k) in &keys {
                slots[j] = match k.of(row) {
                    [] => NO_KEY,
                    [k] if *k > MANY_KEYS => *k,
                    _ => MANY_KEYS,
                };
            }
        }
        out
    }

    fn new(rules: &[RuleIndex], dedupe: bool, n_left: usize, n_right: usize) -> SingleKeys {
        SingleKeys {
            rules: rules.len(),
            left: Self::side(rules, false, n_left),
            right: (!dedupe).then(|| Self::side(rules, true, n_right)),
        }
    }

    /// The keys of left row `l` and right row `r` under rule `j` (or a sentinel).
    #[inline]
    fn pair(&self, j: usize, l: usize, r: usize) -> (u64, u64) {
        let right = self.right.as_deref().unwrap_or(&self.left);
        (self.left[l * self.rules + j], right[r * self.rules + j])
    }
}

struct RuleRef<'a> {
    index: &'a RuleIndex,
    dedupe: bool,
    /// This rule's position and the blocker's single keys.
    single: (usize, &'a SingleKeys),
}

impl Covers for RuleRef<'_> {
    fn covers(&self, l: usize, r: usize) -> bool {
        match self.index {
            RuleIndex::All => true,
            RuleIndex::Key { left, right, capped, .. } => {
                let uncapped = |k: u64| capped.binary_search(&k).is_err();
                let (j, single) = self.single;
                match single.pair(j, l, r) {
                    (NO_KEY, _) | (_, NO_KEY) => false,
                    (a, b) if a != MANY_KEYS && b != MANY_KEYS => a == b && uncapped(a),
                    _ => {
                        let rk = right.as_ref().unwrap_or(left);
                        key::smallest_common(left.of(l), rk.of(r), uncapped).is_some()
                    }
                }
            }
            RuleIndex::Sorted { index, window } => index.covers(l, r, *window, self.dedupe),
            RuleIndex::Fuzzy { left_keys, right_keys, texts, capped, max_edits, .. } => {
                let rk = right_keys.as_ref().unwrap_or(left_keys);
                match (left_keys[l], rk[r]) {
                    (Some(a), Some(b)) => {
                        capped.binary_search(&a).is_err()
                            && fuzzy::within(&texts[a as usize], &texts[b as usize], *max_edits)
                    }
                    _ => false,
                }
            }
        }
    }
}

/// A name column already prepared for a `name` comparison: the blocker reads its name keys
/// from it (see [`Blocker::with_names`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PreparedNames<'a> {
    /// Left column.
    pub(crate) column: &'a str,
    /// Right column (the left one when deduplicating).
    pub(crate) right_column: &'a str,
    /// Each row's name id per side.
    pub(crate) ids: &'a Sides<u32>,
    /// Prepared names by id (`None` at id 0).
    pub(crate) names: &'a [Option<PreparedName>],
}

impl<'a> PreparedNames<'a> {
    /// The name columns of `prepared` (prepared for `specs`) that read a full-name column.
    pub(crate) fn of(prepared: &'a Prepared, specs: &'a [ComparisonSpec]) -> Vec<PreparedNames<'a>> {
        specs
            .iter()
            .zip(&prepared.columns)
            .filter_map(|(spec, col)| match (spec, col) {
                (ComparisonSpec::Name { column: Some(c), right_column, .. }, PreparedColumn::Name { ids, values }) => {
                    Some(PreparedNames {
                        column: c,
                        right_column: right_column.as_deref().unwrap_or(c),
                        ids,
                        names: values,
                    })
                }
                _ => None,
            })
            .collect()
    }
}

/// One side of [`PreparedNames`].
struct SideNames<'a> {
    column: &'a str,
    ids: &'a [u32],
    names: &'a [Option<PreparedName>],
}

/// Compiled blocking rules over one (left, right) pair of datasets.
#[derive(Debug)]
pub struct Blocker {
    rules: Vec<RuleIndex>,
    single: SingleKeys,
    reports: Vec<RuleReport>,
    /// Upper bound of each rule's pairs (before removing pairs of earlier rules).
    raw_counts: Vec<u64>,
    dedupe: bool,
    n_left: usize,
    n_right: usize,
}

impl Blocker {
    /// Index `left` (and `right`; `None` = dedupe) for `rules`. Refuses with
    /// [`Error::LimitExceeded`] when the pairs would exceed `options.max_pairs`.
    pub fn new(
        rules: &[BlockingRule],
        left: &Dataset,
        right: Option<&Dataset>,
        options: &ModelOptions,
    ) -> Result<Blocker> {
        Blocker::with_names(rules, left, right, options, &[])
    }

    /// [`Blocker::new`], deriving the name keys of the columns in `names` from their prepared
    /// names instead of parsing every name again (the same keys, so the same blocks).
    pub(crate) fn with_names(
        rules: &[BlockingRule],
        left: &Dataset,
        right: Option<&Dataset>,
        options: &ModelOptions,
        names: &[PreparedNames<'_>],
    ) -> Result<Blocker> {
        let dedupe = right.is_none();
        let n_left = left.len();
        let n_right = right.map_or(n_left, Dataset::len);
        let max_block = options.max_block_size as usize;
        let mut b = Blocker {
            rules: Vec::new(),
            single: SingleKeys::default(),
            reports: Vec::new(),
            raw_counts: Vec::new(),
            dedupe,
            n_left,
            n_right,
        };
        if rules.is_empty() {
            let n = if dedupe {
                (n_left as u64) * (n_left as u64).saturating_sub(1) / 2
            } else {
                (n_left * n_right) as u64
            };
            b.rules.push(RuleIndex::All);
            b.reports.push(RuleReport { rule: "all pairs".into(), pairs: 0, capped_keys: vec![] });
            b.raw_counts.push(n);
        }
        // Every key of every rule, derived once per side, reading each column once.
        let all_keys: Vec<&KeySpec> = rules
            .iter()
            .filter_map(|r| match r {
                BlockingRule::Key { keys } => Some(keys.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        let left_names: Vec<SideNames<'_>> =
            names.iter().map(|n| SideNames { column: n.column, ids: &n.ids.left, names: n.names }).collect();
        let right_names: Vec<SideNames<'_>> = names
            .iter()
            .map(|n| SideNames { column: n.right_column, ids: n.ids.right_values(), names: n.names })
            .collect();
        let left_lists = KeyTable::new(&all_keys, left, KeySpec::column, &left_names)?;
        let right_lists =
            right.map(|r| KeyTable::new(&all_keys, r, KeySpec::right_column, &right_names)).transpose()?;
        // Rules are indexed independently, in parallel.
        let built = rules
            .par_iter()
            .map(|rule| -> Result<(RuleIndex, u64, Vec<CappedKey>)> {
                Ok(match rule {
                    BlockingRule::Key { keys } => {
                        let lcols: Vec<&Column> =
                            keys.iter().map(|k| left.column(k.column())).collect::<Result<_>>()?;
                        let lk = left_lists.combined(keys, n_left);
                        let rk = right_lists.as_ref().map(|t| t.combined(keys, n_right));
                        let mut blocks = key_blocks(&lk, rk.as_ref(), n_left, n_right);
                        let mut capped = Vec::new();
                        let mut caps = Vec::new();
                        let mut count = 0u64;
                        blocks.retain(|blk| {
                            let (nl, nr) = (blk.left.len(), if dedupe { blk.left.len() } else { blk.right.len() });
                            if nl > max_block || nr > max_block {
                                capped.push(blk.key);
                                if caps.len() < MAX_REPORTED_CAPS {
                                    let text = key::key_text(keys, &lcols, blk.left[0] as usize, blk.key);
                                    caps.push((text, nl as u64, nr as u64));
                                }
                                false
                            } else {
                                count += if dedupe { (nl * (nl - 1) / 2) as u64 } else { (nl * nr) as u64 };
                                true
                            }
                        });
                        (RuleIndex::Key { left: lk, right: rk, blocks, capped }, count, caps)
                    }
                    BlockingRule::SortedNeighbourhood { key, window } => {
                        let lc = left.column(key.column())?;
                        let rc = right.map(|r| r.column(key.right_column())).transpose()?;
                        let index = SortedIndex::new(key, lc, rc);
                        let mut count = 0u64;
                        index.for_each_pair(*window, dedupe, |_, _| count += 1);
                        (RuleIndex::Sorted { index, window: *window }, count, vec![])
                    }
                    BlockingRule::Fuzzy { column, right_column, max_edits } => {
                        let lc = left.column(column)?;
                        let rc = right.map(|r| r.column(right_column.as_deref().unwrap_or(column))).transpose()?;
                        let mut texts: Vec<String> = Vec::new();
                        let mut ids: HashMap<String, u32> = HashMap::new();
                        let mut keys_of = |c: &Column| -> Vec<Option<u32>> {
                            c.iter()
                                .map(|v| {
                                    let k = fuzzy::fuzzy_key(v?);
                                    if k.is_empty() {
                                        return None;
                                    }
                                    Some(*ids.entry(k.clone()).or_insert_with(|| {
                                        texts.push(k);
                                        (texts.len() - 1) as u32
                                    }))
                                })
                                .collect()
                        };
                        let left_keys = keys_of(lc);
                        let right_keys = rc.map(&mut keys_of);
                        let n_keys = texts.len();
                        let group = |keys: &[Option<u32>]| {
                            let mut g: Vec<Vec<u32>> = vec![Vec::new(); n_keys];
                            for (row, k) in keys.iter().enumerate() {
                                if let Some(k) = k {
                                    g[*k as usize].push(row as u32);
                                }
                            }
                            g
                        };
                        let rows_by_key = group(&left_keys);
                        let right_rows_by_key = right_keys.as_deref().map(group);
                        let rrows = right_rows_by_key.as_ref().unwrap_or(&rows_by_key);
                        // The index holds the right side's distinct keys, sorted by bytes.
                        let mut sorted: Vec<u32> =
                            (0..n_keys as u32).filter(|k| !rrows[*k as usize].is_empty()).collect();
                        sorted.sort_unstable_by(|a, b| texts[*a as usize].cmp(&texts[*b as usize]));
                        let sorted_texts: Vec<String> = sorted.iter().map(|k| texts[*k as usize].clone()).collect();
                        let idx = fuzzy::FuzzyIndex::new(&sorted_texts)?;
                        let mut lkeys: Vec<u32> =
                            (0..n_keys as u32).filter(|k| !rows_by_key[*k as usize].is_empty()).collect();
                        lkeys.sort_unstable_by(|a, b| texts[*a as usize].cmp(&texts[*b as usize]));
                        let mut matches = Vec::new();
                        let mut capped = Vec::new();
                        let mut caps = Vec::new();
                        let mut count = 0u64;
                        for lk in lkeys {
                            let mut hits: Vec<u32> = idx
                                .search(&texts[lk as usize], u32::from(*max_edits))
                                .into_iter()
                                .map(|i| sorted[i])
                                .collect();
                            hits.sort_unstable();
                            let nl = rows_by_key[lk as usize].len();
                            let nr: usize = hits.iter().map(|h| rrows[*h as usize].len()).sum();
                            if nl > max_block || nr > max_block {
                                capped.push(lk);
                                if caps.len() < MAX_REPORTED_CAPS {
                                    caps.push((texts[lk as usize].clone(), nl as u64, nr as u64));
                                }
                                continue;
                            }
                            count += (nl * nr) as u64;
                            matches.push((lk, hits));
                        }
                        if dedupe {
                            // Each unordered pair is visited from both keys; only one visit emits it.
                            count /= 2;
                        }
                        capped.sort_unstable();
                        let index = RuleIndex::Fuzzy {
                            left_keys,
                            right_keys,
                            texts,
                            matches,
                            rows_by_key,
                            right_rows_by_key,
                            capped,
                            max_edits: u32::from(*max_edits),
                        };
                        (index, count, caps)
                    }
                })
            })
            .collect::<Vec<_>>()
            // The first error in rule order, whichever thread met it first.
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        for (rule, (index, count, caps)) in rules.iter().zip(built) {
            b.rules.push(index);
            b.reports.push(RuleReport { rule: rule.describe(), pairs: 0, capped_keys: caps });
            b.raw_counts.push(count);
        }
        for r in &mut b.rules {
            if let RuleIndex::Key { capped, .. } = r {
                capped.sort_unstable();
            }
        }
        b.single = SingleKeys::new(&b.rules, dedupe, n_left, n_right);
        let mut total = 0u64;
        for (i, c) in b.raw_counts.iter().enumerate() {
            total = total.saturating_add(*c);
            if total > options.max_pairs {
                let biggest = b.biggest_block(i);
                return Err(Error::LimitExceeded {
                    what: format!("candidate pairs up to blocking rule {i} ({}){biggest}", b.reports[i].rule),
                    actual: total,
                    limit: options.max_pairs,
                    hint: "make the rule stricter (add a key), lower model.max_block_size, or raise model.max_pairs"
                        .into(),
                });
            }
        }
        Ok(b)
    }

    fn biggest_block(&self, i: usize) -> String {
        match &self.rules[i] {
            RuleIndex::Key { blocks, .. } => blocks
                .iter()
                .max_by_key(|b| b.left.len() * if self.dedupe { b.left.len() } else { b.right.len() })
                .map(|b| {
                    format!(
                        "; largest key has {} × {} records",
                        b.left.len(),
                        if self.dedupe { b.left.len() } else { b.right.len() }
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// True when deduplicating one table.
    pub fn is_dedupe(&self) -> bool {
        self.dedupe
    }

    /// Number of rules (1 for "all pairs" when the spec has none).
    pub fn num_rules(&self) -> usize {
        self.rules.len()
    }

    /// An upper bound of the distinct candidate pairs.
    pub fn upper_bound(&self) -> u64 {
        self.raw_counts.iter().sum()
    }

    /// Stream the candidate pairs in chunks of at most `chunk` pairs, in deterministic order.
    /// With `only_rule = Some(i)`, stream rule `i`'s own pairs (ignoring the other rules), as
    /// used by training passes. Returns the report (pairs per rule, capped keys).
    pub fn for_each_chunk(
        &self,
        only_rule: Option<usize>,
        chunk: usize,
        mut f: impl FnMut(&[(u32, u32)]) -> Result<()>,
    ) -> Result<BlockingReport> {
        self.for_each_rule_chunk(only_rule, chunk, |_, c| f(c))
    }

    /// [`Blocker::for_each_chunk`] with the rule that emitted each chunk: chunks never straddle
    /// two rules, so over the union (`only_rule = None`) the chunks of rule `i` are exactly the
    /// pairs rule `i` adds to the earlier rules (disjoint pair sets).
    pub fn for_each_rule_chunk(
        &self,
        only_rule: Option<usize>,
        chunk: usize,
        f: impl FnMut(usize, &[(u32, u32)]) -> Result<()>,
    ) -> Result<BlockingReport> {
        self.for_each_sampled_chunk(only_rule, None, chunk, f)
    }

    /// [`Blocker::for_each_rule_chunk`] over the key blocks `sample` keeps (all blocks of non-key
    /// rules); a training pass streams its rule's pairs this way.
    pub fn for_each_sampled_chunk(
        &self,
        only_rule: Option<usize>,
        sample: Option<BlockSample>,
        chunk: usize,
        mut f: impl FnMut(usize, &[(u32, u32)]) -> Result<()>,
    ) -> Result<BlockingReport> {
        let chunk = chunk.max(1);
        let mut report = BlockingReport { rules: self.reports.clone(), candidate_pairs: 0 };
        let mut buf: Vec<(u32, u32)> = Vec::with_capacity(chunk.min(1 << 20));
        let refs: Vec<RuleRef<'_>> = self
            .rules
            .iter()
            .enumerate()
            .map(|(j, index)| RuleRef { index, dedupe: self.dedupe, single: (j, &self.single) })
            .collect();
        let mut err: Option<Error> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if only_rule.is_some_and(|o| o != i) {
                continue;
            }
            let earlier: Vec<&(dyn Covers + Sync)> = if only_rule.is_some() {
                Vec::new()
            } else {
                refs[..i].iter().map(|r| r as &(dyn Covers + Sync)).collect()
            };
            let mut added = 0u64;
            let covered = |l: u32, r: u32| union::covered_by_any(&earlier, l as usize, r as usize);
            // Key rules check `covered` themselves, in parallel.
            let check = !matches!(rule, RuleIndex::Key { .. });
            let mut emit = |l: u32, r: u32, buf: &mut Vec<(u32, u32)>| {
                if err.is_some() || (check && covered(l, r)) {
                    return;
                }
                buf.push((l, r));
                added += 1;
                if buf.len() >= chunk {
                    if let Err(e) = f(i, buf) {
                        err = Some(e);
                    }
                    buf.clear();
                }
            };
            match rule {
                RuleIndex::All => {
                    for l in 0..self.n_left as u32 {
                        let start = if self.dedupe { l + 1 } else { 0 };
                        for r in start..self.n_right as u32 {
                            emit(l, r, &mut buf);
                        }
                    }
                }
                RuleIndex::Key { left, right, blocks, capped } => {
                    let rk = right.as_ref().unwrap_or(left);
                    // A block left out of the sample counts as capped, so that a pair sharing
                    // several keys comes from its smallest kept key, as a join on the kept keys
                    // (the Spark path) finds it.
                    let uncapped = |k: u64| capped.binary_search(&k).is_err() && sample.is_none_or(|s| s.keeps(k));
                    // Pairs of one span, in order: within a rule, a pair sharing several keys
                    // is emitted under the smallest; a pair an earlier rule produces is not.
                    let span_pairs = |sp: &Span| {
                        let blk = &blocks[sp.block as usize];
                        let mut out = Vec::new();
                        for a in sp.from as usize..sp.to as usize {
                            let l = blk.left[a];
                            let rights = if self.dedupe { &blk.left[a + 1..] } else { &blk.right[..] };
                            for &r in rights {
                                // A row with one key under this rule has only this block's.
                                let (a, b) = self.single.pair(i, l as usize, r as usize);
                                let first = (a != MANY_KEYS || b != MANY_KEYS)
                                    || key::smallest_common(left.of(l as usize), rk.of(r as usize), uncapped)
                                        == Some(blk.key);
                                if first && !union::covered_by_any(&earlier, l as usize, r as usize) {
                                    out.push((l, r));
                                }
                            }
                        }
                        out
                    };
                    // Spans are enumerated in parallel a wave at a time and emitted in order,
                    // so the stream is the same for any number of threads.
                    let mut wave: Vec<Span> = Vec::new();
                    let mut wave_pairs = 0usize;
                    let mut flush = |wave: &mut Vec<Span>, buf: &mut Vec<(u32, u32)>| {
                        let parts: Vec<Vec<(u32, u32)>> = wave.par_iter().map(span_pairs).collect();
                        wave.clear();
                        for (l, r) in parts.into_iter().flatten() {
                            emit(l, r, buf);
                        }
                    };
                    for (b, blk) in blocks.iter().enumerate() {
                        if sample.is_some_and(|s| !s.keeps(blk.key)) {
                            continue;
                        }
                        let n = blk.left.len();
                        let mut from = 0;
                        let mut span_cost = 0;
                        for a in 0..n {
                            span_cost += if self.dedupe { n - a - 1 } else { blk.right.len() };
                            if span_cost >= SPAN_PAIRS || a + 1 == n {
                                wave.push(Span { block: b as u32, from: from as u32, to: (a + 1) as u32 });
                                wave_pairs += span_cost;
                                from = a + 1;
                                span_cost = 0;
                                // Checked per span, so a block of max_block_size² pairs is not
                                // held in memory at once.
                                if wave_pairs >= chunk.max(WAVE_PAIRS) {
                                    flush(&mut wave, &mut buf);
                                    wave_pairs = 0;
                                }
                            }
                        }
                    }
                    flush(&mut wave, &mut buf);
                }
                RuleIndex::Sorted { index, window } => {
                    index.for_each_pair(*window, self.dedupe, |l, r| emit(l, r, &mut buf));
                }
                RuleIndex::Fuzzy { matches, rows_by_key, right_rows_by_key, .. } => {
                    let rrows = right_rows_by_key.as_ref().unwrap_or(rows_by_key);
                    for (lk, hits) in matches {
                        for &l in &rows_by_key[*lk as usize] {
                            for h in hits {
                                for &r in &rrows[*h as usize] {
                                    if !self.dedupe || l < r {
                                        emit(l, r, &mut buf);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let Some(e) = err.take() {
                return Err(e);
            }
            if !buf.is_empty() {
                f(i, &buf)?;
                buf.clear();
            }
            report.rules[i].pairs = added;
            report.candidate_pairs += added;
        }
        Ok(report)
    }

    /// All candidate pairs at once (convenient for small data and tests).
    ///
    /// ```
    /// use caselink::{Dataset, block::Blocker, spec::{BlockingRule, KeySpec, ModelOptions}};
    /// let mut d = Dataset::new("d", &["id", "s"]).unwrap();
    /// for (i, s) in ["smith", "smith", "jones", "smith"].iter().enumerate() {
    ///     d.push_row(&[Some(&i.to_string()), Some(s)]).unwrap();
    /// }
    /// let rule = BlockingRule::Key { keys: vec![KeySpec::Value { column: "s".into(), right_column: None }] };
    /// let b = Blocker::new(&[rule], &d, None, &ModelOptions::default()).unwrap();
    /// let (pairs, report) = b.pairs().unwrap();
    /// assert_eq!(pairs, vec![(0, 1), (0, 3), (1, 3)]);
    /// assert_eq!(report.candidate_pairs, 3);
    /// ```
    pub fn pairs(&self) -> Result<(Vec<(u32, u32)>, BlockingReport)> {
        let mut out = Vec::new();
        let report = self.for_each_chunk(None, 1 << 16, |c| {
            out.extend_from_slice(c);
            Ok(())
        })?;
        Ok((out, report))
    }

    /// Rows on the left and on the right.
    pub fn sizes(&self) -> (usize, usize) {
        (self.n_left, self.n_right)
    }
}

/// (key, row) of every key of every row, sorted: rows sharing a key become one run.
fn sorted_key_rows(keys: &RowKeys, n_rows: usize) -> Vec<(u64, u32)> {
    let mut v: Vec<(u64, u32)> = Vec::with_capacity(n_rows);
    for row in 0..n_rows {
        v.extend(keys.of(row).iter().map(|&k| (k, row as u32)));
    }
    v.par_sort_unstable();
    v
}

/// Runs of equal keys in a sorted (key, row) list.
fn key_runs(v: &[(u64, u32)]) -> impl Iterator<Item = &[(u64, u32)]> {
    v.chunk_by(|a, b| a.0 == b.0)
}

/// The blocks of one key rule, sorted by key, rows ascending: keys of two or more left rows
/// (dedupe), or of rows on both sides (link). Grouping by sorting leaves most keys (shared by
/// no other row) without an allocation of their own.
fn key_blocks(lk: &RowKeys, rk: Option<&RowKeys>, n_left: usize, n_right: usize) -> Vec<KeyBlock> {
    let rows = |run: &[(u64, u32)]| run.iter().map(|&(_, r)| r).collect::<Vec<u32>>();
    let left = sorted_key_rows(lk, n_left);
    let Some(rk) = rk else {
        return key_runs(&left)
            .filter(|run| run.len() > 1)
            .map(|run| KeyBlock { key: run[0].0, left: rows(run), right: Vec::new() })
            .collect();
    };
    let right = sorted_key_rows(rk, n_right);
    let mut blocks = Vec::new();
    let mut rruns = key_runs(&right).peekable();
    for lrun in key_runs(&left) {
        let key = lrun[0].0;
        while rruns.peek().is_some_and(|r| r[0].0 < key) {
            rruns.next();
        }
        if let Some(rrun) = rruns.peek().filter(|r| r[0].0 == key) {
            blocks.push(KeyBlock { key, left: rows(lrun), right: rows(rrun) });
        }
    }
    blocks
}

/// The per-key hash lists of one side, each distinct key derived once.
struct KeyTable {
    /// Each distinct key as this side reads it ([`KeySpec::on_column`]).
    keys: Vec<KeySpec>,
    lists: Vec<key::KeyLists>,
    column_of: fn(&KeySpec) -> &str,
}

impl KeyTable {
    /// Derive every distinct key in `keys` over `data`, grouping keys by the column they read
    /// (`column_of` picks the left or right column name). Keys that differ only in the other
    /// side's column are derived once (`handle(suspect_email → defendant_name)` and
    /// `handle(suspect_screen_name → defendant_name)` read the same defendant names).
    /// Name-part keys on a column listed in `names` are derived from its prepared names.
    fn new(
        keys: &[&KeySpec],
        data: &Dataset,
        column_of: fn(&KeySpec) -> &str,
        names: &[SideNames<'_>],
    ) -> Result<KeyTable> {
        let mut distinct: Vec<KeySpec> = Vec::new();
        for k in keys {
            let k = k.on_column(column_of(k));
            if !distinct.contains(&k) {
                distinct.push(k);
            }
        }
        let mut lists: Vec<Option<key::KeyLists>> = vec![None; distinct.len()];
        let mut columns: Vec<&str> = distinct.iter().map(column_of).collect();
        columns.sort_unstable();
        columns.dedup();
        for name in columns {
            let col = data.column(name)?;
            let mut idx: Vec<usize> = (0..distinct.len()).filter(|&i| column_of(&distinct[i]) == name).collect();
            if let Some(n) = names.iter().find(|n| n.column == name && n.ids.len() == col.len()) {
                let (by_name, rest): (Vec<usize>, Vec<usize>) =
                    idx.into_iter().partition(|&i| distinct[i].is_name_part());
                let group: Vec<&KeySpec> = by_name.iter().map(|&i| &distinct[i]).collect();
                for (i, l) in by_name.into_iter().zip(key::prepared_name_key_lists(&group, n.ids, n.names)) {
                    lists[i] = Some(l);
                }
                idx = rest;
            }
            let group: Vec<&KeySpec> = idx.iter().map(|&i| &distinct[i]).collect();
            for (i, l) in idx.into_iter().zip(key::column_key_lists(&group, col)) {
                lists[i] = Some(l);
            }
        }
        let lists = lists.into_iter().map(Option::unwrap_or_default).collect();
        Ok(KeyTable { keys: distinct, lists, column_of })
    }

    /// The AND-combined keys of `rule_keys` (all present in the table) for each row.
    fn combined(&self, rule_keys: &[KeySpec], n_rows: usize) -> RowKeys {
        let lists: Vec<&key::KeyLists> = rule_keys
            .iter()
            .filter_map(|k| {
                let k = k.on_column((self.column_of)(k));
                self.keys.iter().position(|d| *d == k).map(|i| &self.lists[i])
            })
            .collect();
        key::combine_lists(&lists, n_rows)
    }
}
