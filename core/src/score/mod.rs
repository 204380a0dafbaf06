//! The score stage: Fellegi–Sunter match weights from m and u probabilities per comparison
//! level, with u from random pairs, m and the prior λ by expectation–maximisation over the
//! counts of distinct comparison patterns ([`em`]), and term-frequency adjustment of exact
//! levels ([`tf`]).

pub mod em;
pub mod fellegi_sunter;
pub mod tf;

pub use fellegi_sunter::{ComparisonParams, Parameters, probability};

/// A small seeded generator (SplitMix64): the same stream on every platform, no dependency.
///
/// ```
/// use caselink::score::SplitMix64;
/// let mut a = SplitMix64::new(7);
/// let mut b = SplitMix64::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::block::key::mix(self.0)
    }

    /// A uniform integer in `0..n` (`n > 0`; 0 when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
