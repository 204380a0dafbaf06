use super::dense_labels;
use super::union_find::UnionFind;

/// Entity id per record, merging the strongest links first and refusing any merge that would put
/// two records of the same exclusivity class into one entity.
///
/// `class[i]` is record i's class (`None` = unconstrained). With one class per source this is
/// best-link clustering (at most one record per source per entity); with a class per court's
/// dockets it gives "at most one docket per court per case". Ties in weight are broken by record
/// indices, so the result is deterministic.
///
/// ```
/// use caselink::cluster::best_link;
/// // Records 0 and 1 come from source A, 2 from source B. Both A records match 2; the stronger wins.
/// let ids = best_link(3, &[(0, 2, 3.0), (1, 2, 9.0)], &[Some(0), Some(0), Some(1)]);
/// assert_eq!(ids[1], ids[2]);
/// assert_ne!(ids[0], ids[2]);
/// ```
pub fn best_link(n: usize, edges: &[(u32, u32, f64)], class: &[Option<u32>]) -> Vec<u32> {
    let mut order: Vec<usize> =
        (0..edges.len()).filter(|&i| (edges[i].0 as usize) < n && (edges[i].1 as usize) < n).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&edges[i], &edges[j]);
        b.2.total_cmp(&a.2).then((a.0.min(a.1), a.0.max(a.1)).cmp(&(b.0.min(b.1), b.0.max(b.1))))
    });
    let mut uf = UnionFind::new(n);
    // Classes present in each root's entity; small vectors, as entities are small.
    let mut classes: Vec<Vec<u32>> = (0..n).map(|i| class.get(i).copied().flatten().into_iter().collect()).collect();
    for i in order {
        let (a, b, _) = edges[i];
        let (ra, rb) = uf.roots(a, b);
        if ra == rb {
            continue;
        }
        let clash = classes[ra as usize].iter().any(|c| classes[rb as usize].contains(c));
        if clash {
            continue;
        }
        if let Some((root, gone)) = uf.union(ra, rb) {
            let moved = std::mem::take(&mut classes[gone as usize]);
            classes[root as usize].extend(moved);
        }
    }
    dense_labels(|i| uf.find(i), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_per_class_per_entity() {
        // A chain a0-b0-a1: without constraints all three join; with classes a1 is kept apart.
        let edges = [(0, 1, 5.0), (1, 2, 4.0)];
        let ids = best_link(3, &edges, &[Some(0), Some(1), Some(0)]);
        assert_eq!(ids, vec![0, 0, 1]);
        let free = best_link(3, &edges, &[None, None, None]);
        assert_eq!(free, vec![0, 0, 0]);
    }

    #[test]
    fn ties_are_deterministic() {
        let e1 = [(0, 2, 1.0), (1, 2, 1.0)];
        let e2 = [(1, 2, 1.0), (0, 2, 1.0)];
        let class = [Some(0), Some(0), Some(1)];
        assert_eq!(best_link(3, &e1, &class), best_link(3, &e2, &class));
        assert_eq!(best_link(3, &e1, &class), vec![0, 1, 0]);
    }

    #[test]
    fn every_record_gets_an_id() {
        let ids = best_link(4, &[], &[]);
        assert_eq!(ids, vec![0, 1, 2, 3]);
    }
}
