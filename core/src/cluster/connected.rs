use super::dense_labels;
use super::union_find::UnionFind;

/// Entity id per record: connected components of the graph whose edges are `edges`.
///
/// `n` is the number of records; edges name record indices below `n` (others are ignored).
///
/// ```
/// use caselink::cluster::connected_components;
/// let ids = connected_components(5, &[(0, 2), (2, 4)]);
/// assert_eq!(ids, vec![0, 1, 0, 2, 0]);
/// ```
pub fn connected_components(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    let mut uf = UnionFind::new(n);
    for &(a, b) in edges {
        if (a as usize) < n && (b as usize) < n {
            uf.union(a, b);
        }
    }
    dense_labels(|i| uf.find(i), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singletons_get_their_own_ids() {
        assert_eq!(connected_components(3, &[]), vec![0, 1, 2]);
        assert!(connected_components(0, &[]).is_empty());
    }

    #[test]
    fn ids_do_not_depend_on_edge_order() {
        let edges = [(5u32, 1u32), (1, 3), (0, 4), (6, 6)];
        let mut rev = edges;
        rev.reverse();
        let a = connected_components(7, &edges);
        assert_eq!(a, connected_components(7, &rev));
        assert_eq!(a, vec![0, 1, 2, 1, 0, 1, 3]);
    }

    #[test]
    fn out_of_range_edges_are_ignored() {
        assert_eq!(connected_components(2, &[(0, 9)]), vec![0, 1]);
    }
}
