//! Sorted neighbourhood: sort every record (both sides) by a key text and pair records fewer
//! than `window` positions apart. Records without a key take no part.

use crate::data::Column;
use crate::spec::KeySpec;

use super::key::key_texts;

/// Positions of each row in the merged sort order (`u32::MAX` = no key).
#[derive(Debug, Clone)]
pub struct SortedIndex {
    /// (side: 0 = left, 1 = right, row) in sort order.
    pub order: Vec<(u8, u32)>,
    /// Position of each left row.
    pub left_pos: Vec<u32>,
    /// Position of each right row (empty when deduplicating).
    pub right_pos: Vec<u32>,
}

/// No position: the row has no key.
pub const NONE: u32 = u32::MAX;

impl SortedIndex {
    /// Sort the rows of `left` (and `right`) by the first key text of `key`.
    pub fn new(key: &KeySpec, left: &Column, right: Option<&Column>) -> SortedIndex {
        let mut items: Vec<(String, u8, u32)> = Vec::new();
        let mut push = |c: &Column, side: u8| {
            for (row, v) in c.iter().enumerate() {
                if let Some(t) = v.and_then(|v| key_texts(key, v).into_iter().next()) {
                    items.push((t, side, row as u32));
                }
            }
        };
        push(left, 0);
        if let Some(r) = right {
            push(r, 1);
        }
        items.sort_unstable();
        let mut left_pos = vec![NONE; left.len()];
        let mut right_pos = vec![NONE; right.map_or(0, Column::len)];
        let order: Vec<(u8, u32)> = items.into_iter().map(|(_, s, r)| (s, r)).collect();
        for (p, (s, r)) in order.iter().enumerate() {
            if *s == 0 {
                left_pos[*r as usize] = p as u32;
            } else {
                right_pos[*r as usize] = p as u32;
            }
        }
        SortedIndex { order, left_pos, right_pos }
    }

    /// True when (left row `l`, right row `r`) are within the window.
    #[inline]
    pub fn covers(&self, l: usize, r: usize, window: usize, dedupe: bool) -> bool {
        let pl = self.left_pos[l];
        let pr = if dedupe { self.left_pos[r] } else { self.right_pos[r] };
        pl != NONE && pr != NONE && (pl.abs_diff(pr) as usize) < window
    }

    /// Visit every pair in window order as (left row, right row); in dedupe mode `l < r`.
    pub fn for_each_pair(&self, window: usize, dedupe: bool, mut f: impl FnMut(u32, u32)) {
        for i in 0..self.order.len() {
            for j in i + 1..(i + window).min(self.order.len()) {
                let (a, b) = (self.order[i], self.order[j]);
                if dedupe {
                    f(a.1.min(b.1), a.1.max(b.1));
                } else if a.0 != b.0 {
                    let (l, r) = if a.0 == 0 { (a.1, b.1) } else { (b.1, a.1) };
                    f(l, r);
                }
            }
        }
    }
}
