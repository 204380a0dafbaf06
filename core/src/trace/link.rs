//! The three pairwise linkages and the one clustering over all records.

use crate::cluster::best_link;
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

/// Cluster every record into cases: strongest links first, at most one docket per court per case.
/// Returns the case label of every node and, per node, the probability of its best link that
/// stayed inside its case (0 for singletons).
pub(crate) fn cluster(nodes: &Nodes, linkages: &[Linkage], dockets: Option<&Dataset>) -> (Vec<u32>, Vec<f64>) {
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    let mut probs: Vec<f64> = Vec::new();
    for lk in linkages {
        let p = &lk.predictions;
        for i in 0..p.len() {
            edges.push((nodes.node(lk.left, p.left[i]), nodes.node(lk.right, p.right[i]), p.match_weight[i]));
            probs.push(p.match_probability[i]);
        }
    }
    let mut class: Vec<Option<u32>> = vec![None; nodes.total];
    if let Some(d) = dockets {
        let mut courts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let col = d.column("court_id").expect("conformed dockets have court_id");
        for row in 0..d.len() {
            let court = col.get(row).map(|c| match crate::normalize::district::lookup(c) {
                Some(dist) => dist.court_id.clone(),
                None => crate::normalize::text::fold(c),
            });
            if let Some(c) = court {
                let next = courts.len() as u32;
                class[nodes.node(Source::Docket, row as u32) as usize] = Some(*courts.entry(c).or_insert(next));
            }
        }
    }
    let labels = best_link(nodes.total, &edges, &class);
    let mut best = vec![0.0f64; nodes.total];
    for (e, p) in edges.iter().zip(&probs) {
        if labels[e.0 as usize] == labels[e.1 as usize] {
            best[e.0 as usize] = best[e.0 as usize].max(*p);
            best[e.1 as usize] = best[e.1 as usize].max(*p);
        }
    }
    (labels, best)
}
