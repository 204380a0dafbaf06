//! A small, fast, seedable PRNG (xoshiro256** seeded through splitmix64), so the generator needs
//! no external crate and its output is stable across platforms and crate upgrades.

/// One step of splitmix64: used to expand a seed and to hash small keys.
///
/// ```
/// use caselink::synth::rng::splitmix64;
/// let mut s = 0u64;
/// let a = splitmix64(&mut s);
/// let b = splitmix64(&mut s);
/// assert_ne!(a, b);
/// ```
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stateless 64-bit mix of `x` (a hash for deterministic per-key choices).
pub fn mix(x: u64) -> u64 {
    let mut s = x;
    splitmix64(&mut s)
}

/// xoshiro256**: 256 bits of state, passes BigCrush, a few ns per draw.
///
/// ```
/// use caselink::synth::rng::Rng;
/// let mut a = Rng::new(7);
/// let mut b = Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator seeded from `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        let mut sm = seed;
        Rng { s: [splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm)] }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), by Lemire's multiply-shift (bias < 2^-32 for our n).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A uniform index in `0..n`.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A uniform integer in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A uniform float in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A uniformly chosen element (`None` for an empty slice).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.index(items.len())) }
    }

    /// Shuffle in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Weighted sampling by binary search over cumulative weights.
///
/// ```
/// use caselink::synth::rng::{Rng, Weighted};
/// let w = Weighted::new(&[0, 5, 0]);
/// let mut r = Rng::new(1);
/// assert_eq!(w.sample(&mut r), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Weighted {
    cumulative: Vec<u64>,
}

impl Weighted {
    /// A table over `weights` (index `i` drawn with probability `weights[i] / sum`).
    pub fn new(weights: &[u64]) -> Self {
        let mut acc = 0u64;
        let cumulative = weights
            .iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.cumulative.len()
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.cumulative.is_empty()
    }

    /// Sum of all weights.
    pub fn total(&self) -> u64 {
        self.cumulative.last().copied().unwrap_or(0)
    }

    /// Draw an index (0 for an empty or all-zero table).
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.total();
        if total == 0 {
            return 0;
        }
        let x = rng.below(total);
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// A bijection on `0..modulus`, used to turn sequential indexes into opaque ids that cannot
/// collide: a keyed invertible mix on the smallest power-of-two domain that holds the modulus
/// (odd multiplications, xor-shifts and additions modulo 2^k), cycle-walked back into range.
///
/// ```
/// use caselink::synth::rng::{Permutation, Rng};
/// let p = Permutation::new(1000, &mut Rng::new(3));
/// let mut seen: Vec<u64> = (0..1000).map(|i| p.apply(i)).collect();
/// seen.sort();
/// seen.dedup();
/// assert_eq!(seen.len(), 1000);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Permutation {
    modulus: u64,
    bits: u32,
    keys: [u64; 4],
}

impl Permutation {
    /// A random bijection on `0..modulus` (`modulus` ≥ 1).
    pub fn new(modulus: u64, rng: &mut Rng) -> Self {
        let modulus = modulus.max(1);
        let bits = (64 - (modulus - 1).leading_zeros()).max(2);
        let keys = [rng.next_u64() | 1, rng.next_u64(), rng.next_u64() | 1, rng.next_u64()];
        Permutation { modulus, bits, keys }
    }

    fn round(&self, mut x: u64) -> u64 {
        let mask = if self.bits >= 64 { u64::MAX } else { (1u64 << self.bits) - 1 };
        let half = self.bits.div_ceil(2);
        for k in [0, 2] {
            x = x.wrapping_mul(self.keys[k]) & mask;
            x ^= x >> half;
            x = x.wrapping_add(self.keys[k + 1]) & mask;
        }
        x
    }

    /// The image of `i` (taken modulo the modulus).
    pub fn apply(&self, i: u64) -> u64 {
        let mut x = self.round(i % self.modulus);
        while x >= self.modulus {
            x = self.round(x);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_is_in_range_and_covers() {
        let mut r = Rng::new(42);
        let mut hits = [0u32; 7];
        for _ in 0..7000 {
            hits[r.index(7)] += 1;
        }
        assert!(hits.iter().all(|&h| h > 800 && h < 1200), "{hits:?}");
    }

    #[test]
    fn weighted_follows_weights() {
        let w = Weighted::new(&[1, 3]);
        let mut r = Rng::new(5);
        let ones = (0..4000).filter(|_| w.sample(&mut r) == 1).count();
        assert!((2800..3200).contains(&ones), "{ones}");
    }

    #[test]
    fn permutation_is_bijective_on_awkward_moduli() {
        for m in [1u64, 2, 3, 990, 1024, 1025, 10_000] {
            let p = Permutation::new(m, &mut Rng::new(m));
            let mut v: Vec<u64> = (0..m).map(|i| p.apply(i)).collect();
            v.sort_unstable();
            assert_eq!(v, (0..m).collect::<Vec<_>>(), "modulus {m}");
        }
    }

    #[test]
    fn permutation_does_not_look_sequential() {
        let p = Permutation::new(100_000, &mut Rng::new(1));
        let steps: std::collections::HashSet<u64> =
            (0..100).map(|i| p.apply(i + 1).wrapping_sub(p.apply(i)) % 100_000).collect();
        assert!(steps.len() > 90, "{}", steps.len());
    }
}
