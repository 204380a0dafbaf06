//! The pairwise linkages (referral↔docket, docket↔press release, referral↔press release,
//! docket↔docket for a defendant charged in two courts, and press release↔press release for the
//! releases of one case) and the one clustering over all records.

use crate::compare::{self, Level};
use crate::data::Dataset;
use crate::error::Result;
use crate::linker::{Linker, Predictions, TrainReport};
use crate::prepare::NameSide;
use crate::spec::LinkageSpec;

use super::Source;

/// The spec of each linkage, embedded so users can read and copy them.
pub(crate) const SPECS: [(Source, Source, &str); 5] = [
    (Source::Referral, Source::Docket, include_str!("specs/referral_docket.json")),
    (Source::Docket, Source::PressRelease, include_str!("specs/docket_press_release.json")),
    (Source::Referral, Source::PressRelease, include_str!("specs/referral_press_release.json")),
    (Source::Docket, Source::Docket, include_str!("specs/docket_docket.json")),
    (Source::PressRelease, Source::PressRelease, include_str!("specs/press_release_press_release.json")),
];

/// The default spec for linking `left` to `right` records (`left == right`: deduplicating one
/// source: dockets, since one defendant may be charged in two courts, and press releases, whose
/// siblings of one case lead a release its own docket evidence left alone to its case).
///
/// ```
/// use caselink::trace::{spec_for, Source};
/// let s = spec_for(Source::Docket, Source::PressRelease).unwrap();
/// assert!(s.comparisons.iter().any(|c| c.name() == "case_number"));
/// assert!(spec_for(Source::PressRelease, Source::Docket).is_none());
/// ```
pub fn spec_for(left: Source, right: Source) -> Option<LinkageSpec> {
    SPECS
        .iter()
        .find(|(l, r, _)| *l == left && *r == right)
        .map(|(_, _, json)| LinkageSpec::from_json(json).expect("embedded trace specs are valid (tested)"))
}

/// Linking referrals to a table (or from one) of at least this many rows, the trace's EM passes
/// read [`LARGE_TABLE_TRAINING_SAMPLE`] of their training blocks (see [`spec_for_tables`]).
pub const LARGE_TABLE_ROWS: usize = 20_000;

/// The share of the training blocks ([`crate::spec::ModelOptions::training_block_sample`]) the
/// referral linkages' EM passes read on large tables, as docket↔release and release↔release
/// always do.
pub const LARGE_TABLE_TRAINING_SAMPLE: f64 = 0.1;

/// The spec the trace runs to link `left` (`n_left` rows) to `right` (`n_right` rows): the
/// embedded [`spec_for`], except that the two referral linkages train on
/// [`LARGE_TABLE_TRAINING_SAMPLE`] of their training blocks when either table has at least
/// [`LARGE_TABLE_ROWS`] rows.
///
/// Their EM passes read every pair sharing a surname and a state: at 1M cases that took 7 s of
/// the trace's 28 s, and a tenth of the blocks gave referral precision and recall within 0.002 of
/// every block's (at 20k, 50k, 100k and 1M cases). At 2k and 5k cases a tenth left so few blocks
/// that referral recall moved by one to two points, mostly down, so small tables keep every block.
///
/// ```
/// use caselink::trace::{spec_for, spec_for_tables, Source, LARGE_TABLE_ROWS};
/// let (r, d) = (Source::Referral, Source::Docket);
/// let big = spec_for_tables(r, d, LARGE_TABLE_ROWS, 10).unwrap();
/// assert_eq!(big.model.training_block_sample, 0.1);
/// assert_eq!(spec_for_tables(r, d, LARGE_TABLE_ROWS - 1, 10).unwrap(), spec_for(r, d).unwrap());
/// let dd = spec_for_tables(d, d, 1_000_000, 1_000_000).unwrap();
/// assert_eq!(dd, spec_for(d, d).unwrap(), "other linkages are as embedded");
/// ```
pub fn spec_for_tables(left: Source, right: Source, n_left: usize, n_right: usize) -> Option<LinkageSpec> {
    let mut spec = spec_for(left, right)?;
    if left == Source::Referral && right != Source::Referral && n_left.max(n_right) >= LARGE_TABLE_ROWS {
        spec.model.training_block_sample = LARGE_TABLE_TRAINING_SAMPLE;
    }
    Some(spec)
}

/// One trained linkage between two sources and what it found.
#[derive(Debug, Clone)]
pub struct Linkage {
    /// Left source.
    pub left: Source,
    /// Right source.
    pub right: Source,
    /// The trained linker (its parameters, spec and blocking).
    pub linker: Linker,
    /// How training went.
    pub training: TrainReport,
    /// Pairs at or above the threshold.
    pub predictions: Predictions,
}

/// Names prepared by the linkages run so far, by source, for the deduplications after them.
#[derive(Debug)]
pub(crate) struct NameStore {
    /// Sources a deduplication will run for (only their names are kept).
    wanted: [bool; 3],
    sides: Vec<(Source, NameSide)>,
}

impl NameStore {
    /// A store keeping the names of the `wanted` sources.
    pub(crate) fn new(wanted: &[Source]) -> NameStore {
        NameStore { wanted: Source::ALL.map(|s| wanted.contains(&s)), sides: Vec::new() }
    }

    /// Take out the names kept for `source`: its one deduplication reads them, nothing after it.
    fn take(&mut self, source: Source) -> Vec<NameSide> {
        let (taken, kept): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.sides).into_iter().partition(|(s, _)| *s == source);
        self.sides = kept;
        taken.into_iter().map(|(_, n)| n).collect()
    }

    /// Keep `side` of `source` unless a side of the same column with fewer prepared names
    /// (another source's names ride along) is kept already. A side holding more than three
    /// times as many names as the source has rows is not kept: its memory would be held until
    /// the deduplication for little saved work.
    fn add(&mut self, source: Source, side: NameSide) {
        if !self.wanted[source as usize] || side.values.len() > 3 * side.ids.len() {
            return;
        }
        match self.sides.iter_mut().find(|(s, n)| *s == source && n.column == side.column) {
            Some((_, kept)) if kept.values.len() <= side.values.len() => {}
            Some((_, kept)) => *kept = side,
            None => self.sides.push((source, side)),
        }
    }
}

pub(crate) fn run_linkage(
    left: Source,
    right: Source,
    l: &Dataset,
    r: &Dataset,
    threshold: f64,
    names: &mut NameStore,
) -> Result<Linkage> {
    let spec = spec_for_tables(left, right, l.len(), r.len()).expect("only the listed trace pairs are linked");
    let mut linker = Linker::new(spec)?;
    let other = (left != right).then_some(r);
    // Only deduplications reuse names, and each source's comes after its linkages with the others.
    let reuse = if left == right { names.take(left) } else { Vec::new() };
    let (training, predictions, sides) = linker.train_predict_reusing(l, other, threshold, &reuse, left != right)?;
    for (is_right, side) in sides {
        names.add(if is_right { right } else { left }, side);
    }
    Ok(Linkage { left, right, linker, training, predictions })
}

/// Node numbering across the three sources: referrals first, then dockets, then releases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nodes {
    pub(crate) offset: [u32; 3],
    pub(crate) total: usize,
}

impl Nodes {
    pub(crate) fn new(lens: [usize; 3]) -> Nodes {
        Nodes { offset: [0, lens[0] as u32, (lens[0] + lens[1]) as u32], total: lens.iter().sum() }
    }

    pub(crate) fn len(&self, s: Source) -> usize {
        let end = Source::ALL.get(s as usize + 1).map_or(self.total as u32, |&n| self.offset[n as usize]);
        (end - self.offset[s as usize]) as usize
    }

    pub(crate) fn node(&self, s: Source, row: u32) -> u32 {
        self.offset[s as usize] + row
    }

    pub(crate) fn source_row(&self, node: u32) -> (Source, u32) {
        let s = if node >= self.offset[2] {
            Source::PressRelease
        } else if node >= self.offset[1] {
            Source::Docket
        } else {
            Source::Referral
        };
        (s, node - self.offset[s as usize])
    }
}

/// Links the model scores below this probability are dropped before candidates compete; they
/// would add almost nothing to a record's competing mass.
pub(crate) const CANDIDATE_FLOOR: f64 = 1e-4;

/// `2^w_i / (1 + Σ_j 2^w_j)` for every i: the probability that a record's true partner is
/// candidate i, when it has at most one partner among `weights` (or none, the "1"). Two
/// namesakes with the same strong evidence share the belief, so neither passes 0.5.
pub(crate) fn competing(weights: &[f64]) -> Vec<f64> {
    let max = weights.iter().copied().fold(0.0f64, f64::max);
    // Scale by 2^-max so nothing overflows; the "no partner" term becomes 2^-max.
    let denom: f64 = (-max).exp2() + weights.iter().map(|w| (w - max).exp2()).sum::<f64>();
    weights.iter().map(|w| (w - max).exp2() / denom).collect()
}

/// An accepted link: child node → parent node, with the probability after competition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Accepted {
    pub(crate) child: u32,
    pub(crate) parent: u32,
    pub(crate) probability: f64,
    pub(crate) weight: f64,
}

fn weight_of(p: f64) -> f64 {
    if p >= 1.0 { f64::INFINITY } else { (p / (1.0 - p)).log2() }
}

/// The probability a referral that writes no person name needs to join a case (at least the
/// trace's threshold). Its links rest on a handle spelling a defendant's name (or on a quoted tip
/// number): at 1M cases the links a handle brought at 0.5 were right 88% of the time against 97%
/// for named referrals, and 96% at this floor.
pub const NAMELESS_FLOOR: f64 = 0.9;

/// Assign records to cases. Dockets anchor cases; two dockets in different courts join one
/// case when each is the other's best candidate after competition (so a case has at most two
/// dockets, never two of one court). Each press release joins at most one case
/// (its candidate dockets, grouped by case, compete); each referral joins at most one case,
/// reached through a docket or through a press release (candidates grouped by the case they
/// lead to, then compete; a release speaks for a case with a docket only as far as the docket's
/// filing date fits the referral); a release no docket case took may join the case of a
/// sibling release that one did, and two one-docket cases in different courts join when their
/// releases add enough to the docket↔docket evidence. A record whose best candidate stays below
/// `threshold` after competition stays on its own. Returns the accepted links; their endpoints'
/// components are the cases.
pub(crate) fn assign(nodes: &Nodes, linkages: &[Linkage], threshold: f64) -> Vec<Accepted> {
    // Candidates are grouped by sorting (stably, so each group keeps the linkage's pair order)
    // rather than in ordered maps: the same groups in the same order, several times faster on a
    // million pairs.
    use rayon::prelude::*;
    use rustc_hash::{FxHashMap, FxHashSet};
    let find = |l: Source, r: Source| linkages.iter().find(|lk| lk.left == l && lk.right == r);
    let mut accepted = Vec::new();
    let docket = |row: u32| nodes.node(Source::Docket, row);
    // 0. Docket ↔ docket: one defendant charged in two courts. Two dockets join when each is
    // the other's best candidate after competition and both sides' probabilities pass the
    // threshold; so a docket joins at most one other, never one in its own court and never one
    // filed outside the filing-gap window (`barred`).
    let mut partner: Vec<Option<u32>> = vec![None; nodes.len(Source::Docket)];
    if let Some(lk) = find(Source::Docket, Source::Docket) {
        let p = &lk.predictions;
        let barred = barred(p);
        let edges = (0..p.len()).filter(|&i| !barred(i)).map(|i| (p.left[i], p.right[i], p.match_weight[i]));
        for (d, other, prob) in mutual_best(edges, threshold) {
            join_dockets(&mut partner, &mut accepted, nodes, (d, other, prob));
        }
    }
    let case_node = |row: u32| docket(partner.get(row as usize).copied().flatten().map_or(row, |o| o.min(row)));
    // 1. Press release → docket case (its strongest docket in each case stands for the case).
    let mut release_case = ReleaseCases::new(nodes);
    // (release left alone, case) pairs whose strongest docket has the release's date outside
    // the filing window: no sibling may bring the release into such a case (step 1b).
    let mut date_closed: FxHashSet<(u32, u32)> = FxHashSet::default();
    if let Some(lk) = find(Source::Docket, Source::PressRelease) {
        let p = &lk.predictions;
        let k = p.comparison_names.len();
        let date = p.comparison_names.iter().position(|n| n == "filing_to_release");
        // Stable, so each release's candidates keep their order.
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.par_sort_by_key(|&i| p.right[i]);
        // Each release decides on its own candidates (in parallel); the decisions are applied in
        // release order.
        let decided: Vec<(u32, ReleaseDecision)> = order
            .par_chunk_by(|&a, &b| p.right[a] == p.right[b])
            .map(|cands| {
                let release = p.right[cands[0]];
                // Per case, its first strongest docket: (case, weight, pair).
                let list =
                    strongest_per_key(cands.iter().map(|&i| (case_node(p.left[i]), p.match_weight[i], i)).collect());
                let w: Vec<f64> = list.iter().map(|&(_, w, _)| w).collect();
                let child = nodes.node(Source::PressRelease, release);
                match best_of(&competing(&w)) {
                    Some((best, prob)) if prob >= threshold => {
                        let (unit, _, i) = list[best];
                        let parent = docket(p.left[i]);
                        (
                            child,
                            ReleaseDecision::Joins(
                                unit,
                                Accepted { child, parent, probability: prob, weight: weight_of(prob) },
                            ),
                        )
                    }
                    _ => {
                        let closed = date.map_or_else(Vec::new, |j| {
                            list.iter()
                                .filter(|&&(_, _, i)| p.levels[i * k + j] == compare::ELSE)
                                .map(|&(unit, _, _)| unit)
                                .collect()
                        });
                        (child, ReleaseDecision::Alone(closed))
                    }
                }
            })
            .collect();
        for (child, d) in decided {
            match d {
                ReleaseDecision::Joins(unit, link) => {
                    release_case.insert(child, unit);
                    accepted.push(link);
                }
                ReleaseDecision::Alone(closed) => date_closed.extend(closed.into_iter().map(|unit| (child, unit))),
            }
        }
    }
    // 1b. A release that no docket case took joins the case of a sibling: another release of
    // the same defendant (name, middle name, age, city, dates, quoted numbers) that did join one.
    // Its siblings are grouped by case, the strongest per case standing for it, and compete; the
    // link attaches to that sibling. One round: a rescued release rescues no other. A case whose
    // docket has the release's own date outside the filing window is closed to it (at 1M cases
    // half of such rescues were wrong, mostly a repeat defendant's other case).
    if let Some(lk) = find(Source::PressRelease, Source::PressRelease) {
        let p = &lk.predictions;
        let release = |row: u32| nodes.node(Source::PressRelease, row);
        // (release left alone, a sibling's case, weight, sibling).
        let mut cands: Vec<(u32, u32, f64, u32)> = Vec::new();
        for i in 0..p.len() {
            for (me, other) in [(release(p.left[i]), release(p.right[i])), (release(p.right[i]), release(p.left[i]))] {
                if release_case.get(me).is_some() {
                    continue;
                }
                if let Some(unit) = release_case.get(other)
                    && !date_closed.contains(&(me, unit))
                {
                    cands.push((me, unit, p.match_weight[i], other));
                }
            }
        }
        // Siblings in ascending order, so that a tie in weight goes to the smallest, as on Spark.
        cands.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.3.cmp(&b.3)));
        let mut rescued = Vec::new();
        for per_release in cands.chunk_by(|a, b| a.0 == b.0) {
            let child = per_release[0].0;
            // Per case, its strongest sibling: (case, weight, sibling).
            let list = strongest_per_key(per_release.iter().map(|&(_, unit, w, other)| (unit, w, other)).collect());
            let w: Vec<f64> = list.iter().map(|&(_, w, _)| w).collect();
            if let Some((best, prob)) = best_of(&competing(&w))
                && prob >= threshold
            {
                let (unit, _, sibling) = list[best];
                rescued.push((child, unit));
                accepted.push(Accepted { child, parent: sibling, probability: prob, weight: weight_of(prob) });
            }
        }
        release_case.extend(rescued);
    }
    // 1c. Two cases of one docket each, in different courts, join when their releases speak for
    // one defendant: the docket↔docket weight plus what the release↔release model weighs in the
    // releases' city, age and middle name (what the docket↔docket model does not compare), from
    // their most alike pair of releases.
    // All cross-court candidates compete, as in step 0, but only pairs with such releases join.
    if let (Some(dd), Some(pp)) =
        (find(Source::Docket, Source::Docket), find(Source::PressRelease, Source::PressRelease))
        && let Some(params) = pp.linker.parameters()
    {
        let q = &pp.predictions;
        let kq = q.comparison_names.len();
        let table = params.weight_table();
        let cols: Vec<usize> =
            ["city", "age", "middle"].iter().filter_map(|n| q.comparison_names.iter().position(|c| c == n)).collect();
        let release = |row: u32| nodes.node(Source::PressRelease, row);
        // The docket row of a case that holds one docket.
        let lone = |unit: u32| {
            let row = unit - nodes.offset[Source::Docket as usize];
            partner[row as usize].is_none().then_some(row)
        };
        let mut bonus: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for i in 0..q.len() {
            let (Some(ua), Some(ub)) = (release_case.get(release(q.left[i])), release_case.get(release(q.right[i])))
            else {
                continue;
            };
            let (Some(da), Some(db)) = (lone(ua), lone(ub)) else { continue };
            if da != db {
                let w: f64 = cols.iter().map(|&j| table[j][q.levels[i * kq + j] as usize]).sum();
                let e = bonus.entry((da.min(db), da.max(db))).or_insert(f64::NEG_INFINITY);
                *e = e.max(w);
            }
        }
        let p = &dd.predictions;
        let barred = barred(p);
        let edges = (0..p.len())
            .filter(|&i| !barred(i) && partner[p.left[i] as usize].is_none() && partner[p.right[i] as usize].is_none())
            .map(|i| {
                let key = (p.left[i].min(p.right[i]), p.left[i].max(p.right[i]));
                (p.left[i], p.right[i], p.match_weight[i] + bonus.get(&key).copied().unwrap_or(0.0))
            });
        let merged: Vec<(u32, u32, f64)> =
            mutual_best(edges, threshold).into_iter().filter(|(d, o, _)| bonus.contains_key(&(*d, *o))).collect();
        for &joined in &merged {
            join_dockets(&mut partner, &mut accepted, nodes, joined);
        }
        // The joined case is named by its smaller docket, as `case_node` names it.
        let renamed: FxHashMap<u32, u32> = merged.iter().map(|&(d, other, _)| (docket(other), docket(d))).collect();
        release_case.rename(&renamed);
    }
    let case_node = |row: u32| docket(partner.get(row as usize).copied().flatten().map_or(row, |o| o.min(row)));
    // 2. Referral → case, through a docket or a release (a release stands for its docket's case).
    // (referral, case, record the link would attach to, weight, the referral writes a name), in
    // linkage order.
    let mut by_referral: Vec<(u32, u32, u32, f64, bool)> = Vec::new();
    fn named(p: &Predictions) -> impl Fn(usize) -> bool + '_ {
        let k = p.comparison_names.len();
        let j = p.comparison_names.iter().position(|n| n == "name");
        move |i: usize| j.is_none_or(|j| p.levels[i * k + j] != compare::NULL)
    }
    // When the case has a docket, the referral's timing against the docket's filing date is
    // sharper evidence than against a release's date, so a release speaks for the case only as far
    // as the docket's date agrees: not at all when the docket was filed outside the referral's
    // window (at 1M cases such links were 99% wrong, mostly a repeat offender's earlier case), and
    // discounted by how far the date level falls short of the best one otherwise (the difference
    // of the two levels' weights in the referral↔docket model; the date itself is not added
    // again, as the release's own date already counted). Judged on the referral's strongest
    // docket candidate in the case.
    let mut docket_date: FxHashMap<(u32, u32), (f64, Level)> = FxHashMap::default();
    let mut date_weights: Vec<f64> = Vec::new();
    if let Some(lk) = find(Source::Referral, Source::Docket) {
        let p = &lk.predictions;
        let k = p.comparison_names.len();
        let date = p.comparison_names.iter().position(|n| n == "report_to_filing");
        if let (Some(j), Some(params)) = (date, lk.linker.parameters()) {
            date_weights = params.weight_table()[j].clone();
        }
        let named = named(p);
        for i in 0..p.len() {
            if let Some(j) = date {
                let e = docket_date.entry((p.left[i], case_node(p.right[i]))).or_insert((f64::NEG_INFINITY, 0));
                if p.match_weight[i] > e.0 {
                    *e = (p.match_weight[i], p.levels[i * k + j]);
                }
            }
            by_referral.push((p.left[i], case_node(p.right[i]), docket(p.right[i]), p.match_weight[i], named(i)));
        }
    }
    let best_date = date_weights.iter().skip(1).copied().fold(f64::NEG_INFINITY, f64::max);
    // (referral, case) → the weight a release route loses, or `None` when it is closed.
    let release_discount = |key: (u32, u32)| -> Option<f64> {
        match docket_date.get(&key) {
            None | Some((_, 0)) => Some(0.0),
            Some((_, compare::ELSE)) => None,
            Some(&(_, level)) => Some(date_weights.get(level as usize).map_or(0.0, |w| w - best_date)),
        }
    };
    if let Some(lk) = find(Source::Referral, Source::PressRelease) {
        let p = &lk.predictions;
        let named = named(p);
        for i in 0..p.len() {
            let rel = nodes.node(Source::PressRelease, p.right[i]);
            let unit = release_case.get(rel).unwrap_or(rel);
            by_referral.push((p.left[i], unit, rel, p.match_weight[i], named(i)));
        }
    }
    by_referral.sort_by_key(|c| c.0);
    for cands in by_referral.chunk_by(|a, b| a.0 == b.0) {
        let referral = cands[0].0;
        // Strongest evidence per case (the first, in linkage order): (case, weight, the record it
        // came through, where the link attaches).
        let routes = cands.iter().filter_map(|&(_, unit, via, w, _)| {
            if via >= nodes.offset[Source::PressRelease as usize] {
                release_discount((referral, unit)).map(|d| (unit, w + d, via))
            } else {
                Some((unit, w, via))
            }
        });
        let list = strongest_per_key(routes.collect());
        let w: Vec<f64> = list.iter().map(|&(_, w, _)| w).collect();
        // A referral that writes no name is linked by a handle (or a quoted tip number), weaker
        // evidence than a name: it joins a case only at `NAMELESS_FLOOR` or above.
        let floor = if cands.iter().any(|c| c.4) { threshold } else { threshold.max(NAMELESS_FLOOR) };
        if let Some((best, prob)) = best_of(&competing(&w)) {
            if prob >= floor {
                let child = nodes.node(Source::Referral, referral);
                accepted.push(Accepted { child, parent: list[best].2, probability: prob, weight: weight_of(prob) });
            }
        }
    }
    accepted
}

/// What step 1 of [`assign`] decided for one press release.
enum ReleaseDecision {
    /// It joins the case (named by its docket node) through the link.
    Joins(u32, Accepted),
    /// It stays alone; these cases' strongest dockets have its date outside the filing window.
    Alone(Vec<u32>),
}

/// The case each press release joined (by release node), in a table indexed by release row:
/// the steps after the first look a release up once or twice per release↔release pair.
struct ReleaseCases {
    offset: u32,
    case: Vec<u32>,
}

impl ReleaseCases {
    const NONE: u32 = u32::MAX;

    fn new(nodes: &Nodes) -> ReleaseCases {
        ReleaseCases {
            offset: nodes.offset[Source::PressRelease as usize],
            case: vec![Self::NONE; nodes.len(Source::PressRelease)],
        }
    }

    fn get(&self, release: u32) -> Option<u32> {
        let c = self.case[(release - self.offset) as usize];
        (c != Self::NONE).then_some(c)
    }

    fn insert(&mut self, release: u32, case: u32) {
        self.case[(release - self.offset) as usize] = case;
    }

    fn extend(&mut self, joined: impl IntoIterator<Item = (u32, u32)>) {
        for (release, case) in joined {
            self.insert(release, case);
        }
    }

    /// Cases named in `renamed` take their new name.
    fn rename(&mut self, renamed: &rustc_hash::FxHashMap<u32, u32>) {
        for c in self.case.iter_mut().filter(|c| **c != Self::NONE) {
            if let Some(&to) = renamed.get(c) {
                *c = to;
            }
        }
    }
}

/// Dockets `d` and `other` (`d < other`, rows) become one case: each is the other's partner, and
/// the accepted link runs from `other` to `d` with probability `prob`.
fn join_dockets(
    partner: &mut [Option<u32>],
    accepted: &mut Vec<Accepted>,
    nodes: &Nodes,
    (d, other, prob): (u32, u32, f64),
) {
    partner[d as usize] = Some(other);
    partner[other as usize] = Some(d);
    accepted.push(Accepted {
        child: nodes.node(Source::Docket, other),
        parent: nodes.node(Source::Docket, d),
        probability: prob,
        weight: weight_of(prob),
    });
}

/// Whether docket↔docket pair `i` may not join one case: both courts known and the same (the
/// district comparison's top level; one case has one docket per court), or the filing dates
/// known and further apart than the `filing_gap` comparison's widest window (its `else` level).
/// At 1M cases every one of the 153 merges across such a gap was wrong: one person's two cases.
fn barred(p: &Predictions) -> impl Fn(usize) -> bool + '_ {
    let k = p.comparison_names.len();
    let district = p.comparison_names.iter().position(|n| n == "district");
    let gap = p.comparison_names.iter().position(|n| n == "filing_gap");
    move |i| {
        district.is_some_and(|j| p.levels[i * k + j] == 3) || gap.is_some_and(|j| p.levels[i * k + j] == compare::ELSE)
    }
}

/// Pairs `(a, b, probability)`, `a < b`, whose ends are each other's best candidate after every
/// node's candidates compete (`edges`: undirected, weighted), both ends' probabilities at least
/// `threshold`; the probability is the smaller of the two. Ties go to the smaller candidate.
fn mutual_best(edges: impl Iterator<Item = (u32, u32, f64)>, threshold: f64) -> Vec<(u32, u32, f64)> {
    // Each edge from both ends, candidates of a node in (candidate, weight) order.
    let mut half: Vec<(u32, u32, f64)> = edges.flat_map(|(a, b, w)| [(a, b, w), (b, a, w)]).collect();
    half.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.total_cmp(&y.2)));
    // (node, its best candidate, probability), by node.
    let mut best: Vec<(u32, u32, f64)> = Vec::new();
    for cands in half.chunk_by(|x, y| x.0 == y.0) {
        let w: Vec<f64> = cands.iter().map(|c| c.2).collect();
        if let Some((k, prob)) = best_of(&competing(&w)) {
            best.push((cands[0].0, cands[k].1, prob));
        }
    }
    let best_of_node = |n: u32| best.binary_search_by_key(&n, |b| b.0).ok().map(|k| (best[k].1, best[k].2));
    let mut out = Vec::new();
    for &(d, other, prob) in &best {
        if let Some((back, prob_back)) = best_of_node(other)
            && back == d
            && d < other
            && prob.min(prob_back) >= threshold
        {
            out.push((d, other, prob.min(prob_back)));
        }
    }
    out
}

/// Per key, ascending, the first item of greatest weight in `items`' order: what stands for a
/// case among a record's candidates that lead to it. Items are `(key, weight, payload)`.
fn strongest_per_key<T: Copy>(mut items: Vec<(u32, f64, T)>) -> Vec<(u32, f64, T)> {
    // Stable, so each key's items keep their order and the first maximum wins.
    items.sort_by_key(|x| x.0);
    items
        .chunk_by(|a, b| a.0 == b.0)
        .map(|g| g.iter().copied().fold(g[0], |best, x| if x.1 > best.1 { x } else { best }))
        .collect()
}

fn best_of(p: &[f64]) -> Option<(usize, f64)> {
    p.iter().copied().enumerate().fold(None, |acc, (i, x)| match acc {
        Some((_, b)) if b >= x => acc,
        _ => Some((i, x)),
    })
}

/// Cases from accepted links: the case label of every node and, per node, the probability of
/// its own accepted link (dockets and lone records: `None`).
pub(crate) fn cluster(nodes: &Nodes, accepted: &[Accepted]) -> (Vec<u32>, Vec<Option<f64>>) {
    let edges: Vec<(u32, u32)> = accepted.iter().map(|a| (a.child, a.parent)).collect();
    let labels = crate::cluster::connected_components(nodes.total, &edges);
    let mut own = vec![None; nodes.total];
    for a in accepted {
        own[a.child as usize] = Some(a.probability);
    }
    (labels, own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competing_candidates_share_belief() {
        let one = competing(&[10.0]);
        assert!(one[0] > 0.999);
        let two = competing(&[10.0, 10.0]);
        assert!((two[0] - two[1]).abs() < 1e-12);
        assert!(two[0] < 0.5, "two equal namesakes: neither passes 0.5");
        let weak = competing(&[-3.0]);
        assert!((weak[0] - 1.0 / 9.0).abs() < 1e-12, "2^-3 / (1 + 2^-3)");
        let big = competing(&[2000.0, 1990.0]);
        assert!(big.iter().all(|p| p.is_finite()) && big[0] > 0.99);
    }

    /// A deduplication reusing the names an earlier linkage prepared finds what preparing them
    /// again finds, weight for weight.
    #[test]
    fn reused_names_link_as_fresh_ones() {
        let world = crate::synth::cases(1500, 5);
        let input = super::super::TraceInput::new(None, Some(world.dockets), Some(world.press_releases), &[]).unwrap();
        let (d, p) = (input.dockets.as_ref().unwrap(), input.press_releases.as_ref().unwrap());
        let mut store = NameStore::new(&Source::ALL);
        run_linkage(Source::Docket, Source::PressRelease, d, p, CANDIDATE_FLOOR, &mut store).unwrap();
        let kept: Vec<Source> = store.sides.iter().map(|(s, _)| *s).collect();
        assert_eq!(kept, [Source::Docket, Source::PressRelease]);
        for (s, data) in [(Source::Docket, d), (Source::PressRelease, p)] {
            let reused = run_linkage(s, s, data, data, CANDIDATE_FLOOR, &mut store).unwrap().predictions;
            let fresh = run_linkage(s, s, data, data, CANDIDATE_FLOOR, &mut NameStore::new(&[])).unwrap().predictions;
            assert!(fresh.len() > 10, "{s:?}: {} pairs", fresh.len());
            assert_eq!((&reused.left, &reused.right, &reused.levels), (&fresh.left, &fresh.right, &fresh.levels));
            assert_eq!(reused.match_weight, fresh.match_weight, "{s:?}");
        }
        assert!(store.sides.is_empty(), "each deduplication took its source's names");
    }

    #[test]
    fn every_embedded_spec_is_valid() {
        for (l, r, _) in SPECS {
            let spec = spec_for(l, r).expect("listed");
            crate::linker::Linker::new(spec).expect("compiles");
        }
    }

    #[test]
    fn mutual_best_joins_only_pairs_that_choose_each_other() {
        // 1–2 choose each other; 3's best is 2, but 2 prefers 1; 4–5 tie with 6 for 4 (each 0.5
        // or less after competing, below the threshold).
        let edges = [(1, 2, 10.0), (2, 3, 8.0), (4, 5, 6.0), (4, 6, 6.0)];
        let got = mutual_best(edges.into_iter(), 0.5);
        assert_eq!(got.len(), 1);
        let (a, b, p) = got[0];
        assert_eq!((a, b), (1, 2));
        // Node 2's belief in 1 is shared with 3: the smaller of the two sides' probabilities.
        assert!((p - competing(&[10.0, 8.0])[0]).abs() < 1e-12);
        assert!(mutual_best([(1, 2, 10.0)].into_iter(), 1.0).is_empty(), "below the threshold");
    }

    #[test]
    fn strongest_per_key_keeps_the_first_maximum_of_each_key() {
        let got = strongest_per_key(vec![(7, 1.0, 'a'), (3, 2.0, 'b'), (7, 4.0, 'c'), (3, 2.0, 'd'), (7, 4.0, 'e')]);
        assert_eq!(got, vec![(3, 2.0, 'b'), (7, 4.0, 'c')]);
    }

    #[test]
    fn best_of_picks_first_maximum() {
        assert_eq!(best_of(&[0.2, 0.7, 0.7]), Some((1, 0.7)));
        assert_eq!(best_of(&[]), None);
    }
}
