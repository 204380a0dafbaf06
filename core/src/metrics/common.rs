//! Building blocks shared by the kernels: the symbol abstraction (ASCII bytes or Unicode scalar
//! values), pattern-match bit masks and allocation-free character buffers.

use std::cell::RefCell;
use std::collections::HashMap;

/// Whether this CPU has BMI1 and POPCNT, which shorten the bit-parallel loops (`andn`, `blsi`,
/// `blsr`, `popcnt` are single instructions there, bit-twiddling sequences on baseline x86-64).
/// The answer is cached by the standard library, so asking costs one load.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn has_bmi() -> bool {
    std::is_x86_feature_detected!("bmi1") && std::is_x86_feature_detected!("popcnt")
}

/// Defines `$name(a, b)` that runs `$body` compiled for BMI1 + POPCNT when the CPU has them and
/// for the baseline otherwise; both copies are the same source, so results are identical.
macro_rules! multiversion {
    ($(#[$m:meta])* $vis:vis fn $name:ident($a:ident: &str, $b:ident: &str) -> $ret:ty $body:block) => {
        $(#[$m])*
        $vis fn $name($a: &str, $b: &str) -> $ret {
            #[inline(always)]
            fn body($a: &str, $b: &str) -> $ret $body

            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "bmi1,popcnt")]
            fn with_bmi($a: &str, $b: &str) -> $ret {
                body($a, $b)
            }

            #[cfg(target_arch = "x86_64")]
            if $crate::metrics::common::has_bmi() {
                // SAFETY: `with_bmi` is compiled for BMI1 and POPCNT only, and `has_bmi` has just
                // confirmed at run time that this CPU supports both.
                return unsafe { with_bmi($a, $b) };
            }
            body($a, $b)
        }
    };
}
pub(crate) use multiversion;

/// `x`, hidden from the optimiser: a value it cannot see through, so it cannot reassociate an
/// expression across it. The bit-parallel kernels use it to keep a loop-carried dependency chain
/// in the short order the source gives it (LLVM's reassociation does not weigh latency).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn opaque(mut x: u64) -> u64 {
    // SAFETY: the assembly is an empty comment: it reads and writes nothing but the register
    // holding `x`, which it leaves unchanged.
    unsafe {
        std::arch::asm!("/* {0} */", inout(reg) x, options(pure, nomem, nostack, preserves_flags));
    }
    x
}

/// `x` (elsewhere than on x86-64 the reassociation is left to the compiler).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub(crate) fn opaque(x: u64) -> u64 {
    x
}

/// Strings up to this many chars are decoded into a stack buffer; longer ones go to the heap.
pub(crate) const STACK_CHARS: usize = 64;

/// One unit of comparison: an ASCII byte or a Unicode scalar value.
pub(crate) trait Sym: Copy + Eq + Ord + std::hash::Hash {
    /// The symbol's code point.
    fn code(self) -> u32;
}

impl Sym for u8 {
    #[inline(always)]
    fn code(self) -> u32 {
        u32::from(self)
    }
}

impl Sym for u32 {
    #[inline(always)]
    fn code(self) -> u32 {
        self
    }
}

/// Runs `f` on the symbols of `a` and `b`: bytes when both are ASCII, chars otherwise.
///
/// Both closures receive the same symbol type so the kernels compare like with like. Strings up
/// to [`STACK_CHARS`] chars are decoded on the stack.
#[inline(always)]
pub(crate) fn dispatch<R>(
    a: &str,
    b: &str,
    bytes: impl FnOnce(&[u8], &[u8]) -> R,
    chars: impl FnOnce(&[u32], &[u32]) -> R,
) -> R {
    if a.is_ascii() && b.is_ascii() {
        bytes(a.as_bytes(), b.as_bytes())
    } else {
        with_chars(a, |x| with_chars(b, |y| chars(x, y)))
    }
}

/// Runs `f` on the chars of `s` as `u32` code points, without touching the heap for short strings.
#[inline]
pub(crate) fn with_chars<R>(s: &str, f: impl FnOnce(&[u32]) -> R) -> R {
    // A string of more than 4 * STACK_CHARS bytes certainly has more than STACK_CHARS chars.
    if s.len() <= 4 * STACK_CHARS {
        let mut buf = [0u32; STACK_CHARS];
        let mut n = 0;
        let mut fits = true;
        for c in s.chars() {
            if n == STACK_CHARS {
                fits = false;
                break;
            }
            buf[n] = c as u32;
            n += 1;
        }
        if fits {
            return f(&buf[..n]);
        }
    }
    let v: Vec<u32> = s.chars().map(|c| c as u32).collect();
    f(&v)
}

/// Length of the common prefix of two symbol slices.
#[inline(always)]
pub(crate) fn common_prefix<T: Sym>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Length of the common suffix of two symbol slices.
#[inline(always)]
pub(crate) fn common_suffix<T: Sym>(a: &[T], b: &[T]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// Removes the common prefix and suffix (sound for Levenshtein and OSA distances).
#[inline(always)]
pub(crate) fn strip_affix<'a, 'b, T: Sym>(a: &'a [T], b: &'b [T]) -> (&'a [T], &'b [T]) {
    let p = common_prefix(a, b);
    let (a, b) = (&a[p..], &b[p..]);
    let s = common_suffix(a, b);
    (&a[..a.len() - s], &b[..b.len() - s])
}

/// Masks with the lowest `n` bits set (`n` ≤ 64).
#[inline(always)]
pub(crate) fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// Pattern-match masks of a pattern of at most 64 symbols: bit `i` of `get(c)` is set when the
/// pattern's `i`-th symbol is `c`.
///
/// Code points below 256 index a flat table; the others live in a small open-addressing table
/// (at most 64 keys in 128 slots, so probing always finds an empty slot).
#[derive(Clone)]
pub(crate) struct CharMasks {
    low: [u64; 256],
    keys: [u32; 128],
    vals: [u64; 128],
}

impl std::fmt::Debug for CharMasks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CharMasks").finish_non_exhaustive()
    }
}

impl CharMasks {
    /// An empty table.
    pub(crate) const fn new() -> Self {
        CharMasks { low: [0; 256], keys: [0; 128], vals: [0; 128] }
    }

    /// A table holding the masks of `pattern` (≤ 64 symbols).
    pub(crate) fn build<T: Sym>(pattern: &[T]) -> Self {
        let mut m = CharMasks::new();
        m.insert(pattern);
        m
    }

    #[inline(always)]
    fn slot(c: u32) -> usize {
        (c.wrapping_mul(0x9E37_79B1) >> 25) as usize
    }

    /// Sets the bits of `pattern` (≤ 64 symbols) in an empty table.
    #[inline(always)]
    pub(crate) fn insert<T: Sym>(&mut self, pattern: &[T]) {
        debug_assert!(pattern.len() <= 64);
        let mut bit = 1u64;
        for &s in pattern {
            let c = s.code();
            if c < 256 {
                self.low[c as usize] |= bit;
            } else {
                let mut i = Self::slot(c);
                while self.keys[i] != 0 && self.keys[i] != c {
                    i = (i + 1) & 127;
                }
                self.keys[i] = c;
                self.vals[i] |= bit;
            }
            bit <<= 1;
        }
    }

    /// Clears every entry `insert(pattern)` set, leaving an empty table.
    #[inline(always)]
    pub(crate) fn remove<T: Sym>(&mut self, pattern: &[T]) {
        for &s in pattern {
            let c = s.code();
            if c < 256 {
                self.low[c as usize] = 0;
            } else {
                let mut i = Self::slot(c);
                // All keys of the pattern are still present until the loop ends, so the probe
                // sequence of `c` is intact up to its own slot (or an already-cleared duplicate).
                while self.keys[i] != 0 && self.keys[i] != c {
                    i = (i + 1) & 127;
                }
                self.vals[i] = 0;
            }
        }
        if pattern.iter().any(|s| s.code() >= 256) {
            self.keys = [0; 128];
        }
    }

    /// The mask of symbol `s`.
    #[inline(always)]
    pub(crate) fn get<T: Sym>(&self, s: T) -> u64 {
        let c = s.code();
        if c < 256 {
            return self.low[c as usize];
        }
        let mut i = Self::slot(c);
        loop {
            let k = self.keys[i];
            if k == c {
                return self.vals[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & 127;
        }
    }
}

thread_local! {
    static MASKS: RefCell<CharMasks> = const { RefCell::new(CharMasks::new()) };
}

/// Runs `f` with the masks of `pattern` (≤ 64 symbols) in a reusable thread-local table, which
/// is cleared again afterwards: no allocation and no 2 KiB memset per call.
///
/// The kernel runs outside `LocalKey::with`: run inside its closure, whether it was inlined into
/// the caller (and so compiled with the caller's BMI target features) was up to LLVM's inlining
/// budget, and changes elsewhere in the crate flipped it (Jaro–Winkler 33 M ↔ 27 M pairs/s with
/// the kernel source unchanged).
#[inline(always)]
pub(crate) fn with_masks<T: Sym, R>(pattern: &[T], f: impl FnOnce(&CharMasks) -> R) -> R {
    let cell: *const RefCell<CharMasks> = MASKS.with(|cell| cell as *const _);
    // SAFETY: `cell` points to this thread's `MASKS` slot. `CharMasks` has no destructor, so the
    // slot is never torn down while the thread runs, and this call uses it only on this thread,
    // before returning; the `RefCell` still guards against a re-entrant borrow.
    let cell = unsafe { &*cell };
    match cell.try_borrow_mut() {
        Ok(mut m) => {
            m.insert(pattern);
            let r = f(&m);
            m.remove(pattern);
            r
        }
        // Only reachable if a kernel re-entered itself; stay correct at the price of a memset.
        Err(_) => f(&CharMasks::build(pattern)),
    }
}

/// Pattern-match masks of a pattern of any length, one 64-bit word per 64 pattern symbols.
#[derive(Debug, Clone)]
pub(crate) struct BlockMasks {
    words: usize,
    low: Vec<u64>,
    high: HashMap<u32, Box<[u64]>>,
    zero: Box<[u64]>,
}

impl BlockMasks {
    /// The masks of `pattern`.
    pub(crate) fn build<T: Sym>(pattern: &[T]) -> Self {
        let words = pattern.len().div_ceil(64).max(1);
        let mut low = vec![0u64; 256 * words];
        let mut high: HashMap<u32, Box<[u64]>> = HashMap::new();
        for (i, &s) in pattern.iter().enumerate() {
            let c = s.code();
            let bit = 1u64 << (i % 64);
            if c < 256 {
                low[c as usize * words + i / 64] |= bit;
            } else {
                high.entry(c).or_insert_with(|| vec![0u64; words].into_boxed_slice())[i / 64] |= bit;
            }
        }
        BlockMasks { words, low, high, zero: vec![0u64; words].into_boxed_slice() }
    }

    /// Number of 64-bit words per mask.
    #[inline(always)]
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// The mask words of symbol `s`.
    #[inline(always)]
    pub(crate) fn row<T: Sym>(&self, s: T) -> &[u64] {
        let c = s.code();
        if c < 256 {
            let start = c as usize * self.words;
            &self.low[start..start + self.words]
        } else {
            self.high.get(&c).map_or(&self.zero, |r| r)
        }
    }
}
