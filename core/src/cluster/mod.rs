//! Turn scored pairs into entities.
//!
//! [`connected_components`] links everything reachable above the threshold;
//! [`best_link`] adds constraints (records of one exclusivity class — e.g. one source, or one
//! court's dockets — never share an entity) and takes the strongest links first. Every record gets
//! exactly one entity id, singletons included, and the ids are deterministic: an entity's id is
//! the smallest record index in it, renumbered densely in order of first appearance.

mod best_link;
mod connected;
mod union_find;

pub use best_link::best_link;
pub use connected::connected_components;

/// Renumber root labels densely in order of first appearance, so ids do not depend on merge order.
fn dense_labels(mut find: impl FnMut(u32) -> u32, n: usize) -> Vec<u32> {
    let mut id_of_root = vec![u32::MAX; n];
    let mut next = 0u32;
    (0..n as u32)
        .map(|i| {
            let r = find(i) as usize;
            if id_of_root[r] == u32::MAX {
                id_of_root[r] = next;
                next += 1;
            }
            id_of_root[r]
        })
        .collect()
}
