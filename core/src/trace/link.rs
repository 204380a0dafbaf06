//! The three pairwise linkages and the one clustering over all records.

use crate::data::Dataset;
use crate::error::Result;
use crate::linker::{Linker, Predictions, TrainReport};
use crate::spec::LinkageSpec;

use super::Source;

/// The spec of each linkage, embedded so users can read and copy them.
pub(crate) const SPECS: [(Source, Source, &str); 3] = [
    (Source::Referral, Source::Docket, include_str!("specs/referral_docket.json")),
    (Source::Docket, Source::PressRelease, include_str!("specs/docket_press_release.json")),
    (Source::Referral, Source::PressRelease, include_str!("specs/referral_press_release.json")),
];

/// The default spec for linking `left` to `right` records.
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

pub(crate) fn run_linkage(left: Source, right: Source, l: &Dataset, r: &Dataset, threshold: f64) -> Result<Linkage> {
    let spec = spec_for(left, right).expect("only the three trace pairs are linked");
    let mut linker = Linker::new(spec)?;
    let training = linker.train(l, Some(r))?;
    let predictions = linker.predict(l, Some(r), threshold)?;
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

/// Assign records to cases. Dockets anchor cases. Each press release joins at most one docket
/// (its candidates compete); each referral joins at most one case, reached through a docket or
/// through a press release (candidates grouped by the case they lead to, then compete). A
/// record whose best candidate stays below `threshold` after competition stays on its own.
/// Returns the accepted links; their endpoints' components are the cases.
pub(crate) fn assign(nodes: &Nodes, linkages: &[Linkage], threshold: f64) -> Vec<Accepted> {
    let find = |l: Source, r: Source| linkages.iter().find(|lk| lk.left == l && lk.right == r);
    let mut accepted = Vec::new();
    // 1. Press release → docket.
    let mut release_docket: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    if let Some(lk) = find(Source::Docket, Source::PressRelease) {
        let p = &lk.predictions;
        let mut by_release: std::collections::BTreeMap<u32, Vec<usize>> = std::collections::BTreeMap::new();
        for i in 0..p.len() {
            by_release.entry(p.right[i]).or_default().push(i);
        }
        for (release, cands) in by_release {
            let w: Vec<f64> = cands.iter().map(|&i| p.match_weight[i]).collect();
            if let Some((best, prob)) = best_of(&competing(&w)) {
                if prob >= threshold {
                    let docket = nodes.node(Source::Docket, p.left[cands[best]]);
                    let child = nodes.node(Source::PressRelease, release);
                    release_docket.insert(child, docket);
                    accepted.push(Accepted { child, parent: docket, probability: prob, weight: weight_of(prob) });
                }
            }
        }
    }
    // 2. Referral → case, through a docket or a release (a release stands for its docket's case).
    let mut by_referral: std::collections::BTreeMap<u32, Vec<(u32, u32, f64)>> = std::collections::BTreeMap::new();
    if let Some(lk) = find(Source::Referral, Source::Docket) {
        let p = &lk.predictions;
        for i in 0..p.len() {
            let d = nodes.node(Source::Docket, p.right[i]);
            by_referral.entry(p.left[i]).or_default().push((d, d, p.match_weight[i]));
        }
    }
    if let Some(lk) = find(Source::Referral, Source::PressRelease) {
        let p = &lk.predictions;
        for i in 0..p.len() {
            let rel = nodes.node(Source::PressRelease, p.right[i]);
            let unit = release_docket.get(&rel).copied().unwrap_or(rel);
            by_referral.entry(p.left[i]).or_default().push((unit, rel, p.match_weight[i]));
        }
    }
    for (referral, cands) in by_referral {
        // Strongest evidence per case; the record it came through is where the link attaches.
        let mut units: std::collections::BTreeMap<u32, (f64, u32)> = std::collections::BTreeMap::new();
        for (unit, via, w) in cands {
            let e = units.entry(unit).or_insert((f64::NEG_INFINITY, via));
            if w > e.0 {
                *e = (w, via);
            }
        }
        let list: Vec<(u32, (f64, u32))> = units.into_iter().collect();
        let w: Vec<f64> = list.iter().map(|(_, (w, _))| *w).collect();
        if let Some((best, prob)) = best_of(&competing(&w)) {
            if prob >= threshold {
                let child = nodes.node(Source::Referral, referral);
                accepted.push(Accepted { child, parent: list[best].1.1, probability: prob, weight: weight_of(prob) });
            }
        }
    }
    accepted
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

    #[test]
    fn every_embedded_spec_is_valid() {
        for (l, r, _) in SPECS {
            let spec = spec_for(l, r).expect("listed");
            crate::linker::Linker::new(spec).expect("compiles");
        }
    }

    #[test]
    fn best_of_picks_first_maximum() {
        assert_eq!(best_of(&[0.2, 0.7, 0.7]), Some((1, 0.7)));
        assert_eq!(best_of(&[]), None);
    }
}
