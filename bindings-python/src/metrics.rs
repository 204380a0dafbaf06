//! `caselink.metrics`: scalar string metrics and the batch `cpdist` / `cdist` over them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use caselink::metrics::{self as m, Metric};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::texts::{self, Utf8};

/// A scorer by its Python name: a normalized similarity of the core, or an edit distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scorer {
    /// A similarity in [0, 1].
    Similarity(Metric),
    /// Levenshtein edit distance (characters).
    Levenshtein,
    /// Optimal string alignment distance (characters).
    Osa,
}

/// Every scorer name, in the order shown in error messages.
pub(crate) const SCORERS: [&str; 9] = [
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "normalized_levenshtein",
    "osa",
    "normalized_osa",
    "qgram",
    "token_sort",
    "token_set",
];

impl Scorer {
    /// Parse a scorer name (the name of the scalar function in `caselink.metrics`).
    pub(crate) fn parse(name: &str) -> PyResult<Scorer> {
        Ok(match name {
            "jaro" => Scorer::Similarity(Metric::Jaro),
            "jaro_winkler" => Scorer::Similarity(Metric::JaroWinkler),
            "levenshtein" => Scorer::Levenshtein,
            "normalized_levenshtein" => Scorer::Similarity(Metric::Levenshtein),
            "osa" => Scorer::Osa,
            "normalized_osa" => Scorer::Similarity(Metric::Osa),
            "qgram" => Scorer::Similarity(Metric::Qgram),
            "token_sort" => Scorer::Similarity(Metric::TokenSort),
            "token_set" => Scorer::Similarity(Metric::TokenSet),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown scorer '{name}'; expected one of {}",
                    SCORERS.join(", ")
                )));
            }
        })
    }

    /// True for distances (smaller is closer), false for similarities.
    fn is_distance(self) -> bool {
        !matches!(self, Scorer::Similarity(_))
    }

    #[inline]
    fn score(self, a: &str, b: &str) -> f64 {
        match self {
            Scorer::Similarity(metric) => metric.normalized_similarity(a, b),
            Scorer::Levenshtein => levenshtein_distance(a, b) as f64,
            Scorer::Osa => osa_distance(a, b) as f64,
        }
    }

    /// Score an optional pair: a missing side gives NaN.
    #[inline]
    fn score_opt(self, a: Option<&str>, b: Option<&str>, cutoff: Option<f64>) -> f64 {
        let (Some(a), Some(b)) = (a, b) else { return f64::NAN };
        let s = self.score(a, b);
        match cutoff {
            // RapidFuzz's convention: similarities below the cutoff become 0, distances above it
            // become cutoff + 1.
            Some(c) if self.is_distance() && s > c => c.floor() + 1.0,
            Some(c) if !self.is_distance() && s < c => 0.0,
            _ => s,
        }
    }
}

fn levenshtein_distance(a: &str, b: &str) -> usize {
    caselink::metrics::levenshtein::distance(a, b)
}

fn osa_distance(a: &str, b: &str) -> usize {
    caselink::metrics::osa::distance(a, b)
}

/// Rows per parallel task: big enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 2048;

/// How many threads `workers` asks for: -1 = every core, n ≥ 1 = n.
fn resolve_workers(workers: i64) -> PyResult<usize> {
    match workers {
        -1 => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        n if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX).min(1024)),
        n => Err(PyValueError::new_err(format!("workers must be -1 (all cores) or >= 1, got {n}"))),
    }
}

/// A rayon pool per thread count, built once and reused across calls.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(p) = pools.get(&threads) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("caselink-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {threads} worker threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, Arc::clone(&p));
    Ok(p)
}

/// Fill `out` in chunks of rows, sequentially or on a pool; every cell depends only on its own
/// inputs, so the result is identical for any thread count.
fn fill(out: &mut [f64], row_len: usize, threads: usize, f: impl Fn(usize, &mut [f64]) + Sync) -> PyResult<()> {
    let rows_per_chunk = CHUNK.div_ceil(row_len.max(1)).max(1);
    let chunk = rows_per_chunk * row_len.max(1);
    if threads <= 1 || out.len() <= chunk {
        out.chunks_mut(chunk).enumerate().for_each(|(i, c)| f(i * rows_per_chunk, c));
    } else {
        pool(threads)?.install(|| out.par_chunks_mut(chunk).enumerate().for_each(|(i, c)| f(i * rows_per_chunk, c)));
    }
    Ok(())
}

/// Jaro similarity in [0, 1].
///
/// >>> from caselink.metrics import jaro
/// >>> round(jaro("martha", "marhta"), 4)
/// 0.9444
#[pyfunction]
pub(crate) fn jaro(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::jaro::normalized_similarity(&a, &b)
}

/// Jaro–Winkler similarity in [0, 1] (prefix weight 0.1, max prefix 4, boost threshold 0.7).
///
/// >>> from caselink.metrics import jaro_winkler
/// >>> round(jaro_winkler("martha", "marhta"), 4)
/// 0.9611
#[pyfunction]
pub(crate) fn jaro_winkler(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::jaro_winkler::normalized_similarity(&a, &b)
}

/// Levenshtein edit distance in characters (insertions, deletions, substitutions).
///
/// >>> from caselink.metrics import levenshtein
/// >>> levenshtein("kitten", "sitting")
/// 3
#[pyfunction]
pub(crate) fn levenshtein(a: Utf8<'_>, b: Utf8<'_>) -> usize {
    levenshtein_distance(&a, &b)
}

/// Levenshtein similarity in [0, 1]: 1 - distance / longer length (1.0 for two empty strings).
///
/// >>> from caselink.metrics import normalized_levenshtein
/// >>> normalized_levenshtein("kitten", "sitten")
/// 0.8333333333333334
#[pyfunction]
pub(crate) fn normalized_levenshtein(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::levenshtein::normalized_similarity(&a, &b)
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions, each substring
/// edited once).
///
/// >>> from caselink.metrics import osa
/// >>> osa("jonh", "john")
/// 1
#[pyfunction]
pub(crate) fn osa(a: Utf8<'_>, b: Utf8<'_>) -> usize {
    osa_distance(&a, &b)
}

/// Optimal string alignment similarity in [0, 1]: 1 - distance / longer length.
///
/// >>> from caselink.metrics import normalized_osa
/// >>> normalized_osa("jonh", "john")
/// 0.75
#[pyfunction]
pub(crate) fn normalized_osa(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::osa::normalized_similarity(&a, &b)
}

/// Dice coefficient over character bigrams, in [0, 1].
///
/// >>> from caselink.metrics import qgram
/// >>> qgram("night", "night")
/// 1.0
#[pyfunction]
pub(crate) fn qgram(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::qgram::normalized_similarity(&a, &b)
}

/// Normalized Levenshtein similarity after sorting the whitespace-separated tokens of each side.
///
/// >>> from caselink.metrics import token_sort
/// >>> token_sort("smith john", "john smith")
/// 1.0
#[pyfunction]
pub(crate) fn token_sort(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::token_sort::normalized_similarity(&a, &b)
}

/// Token-set similarity: the best normalized Levenshtein among intersection/difference strings.
///
/// >>> from caselink.metrics import token_set
/// >>> token_set("john smith", "smith john")
/// 1.0
#[pyfunction]
pub(crate) fn token_set(a: Utf8<'_>, b: Utf8<'_>) -> f64 {
    m::token_set::normalized_similarity(&a, &b)
}

/// Element-wise scores of two equal-length sequences of `str | None` (None → NaN).
#[pyfunction]
#[pyo3(signature = (a, b, scorer = "jaro_winkler", workers = 1))]
pub(crate) fn cpdist<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    scorer: &str,
    workers: i64,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let scorer = Scorer::parse(scorer)?;
    let threads = resolve_workers(workers)?;
    if let (Some(sa), Some(sb)) = (texts::Seq::of(a, "a"), texts::Seq::of(b, "b")) {
        return cpdist_chunked(py, &sa, &sb, scorer, threads);
    }
    let ta = texts::extract(a, "a")?;
    let tb = texts::extract(b, "b")?;
    let (va, vb) = (ta.views()?, tb.views()?);
    if va.len() != vb.len() {
        return Err(PyValueError::new_err(format!(
            "cpdist needs sequences of equal length, got {} and {}",
            va.len(),
            vb.len()
        )));
    }
    let out = py.detach(|| -> PyResult<Vec<f64>> {
        let mut out = vec![0.0; va.len()];
        fill(&mut out, 1, threads, |start, chunk| {
            for (k, o) in chunk.iter_mut().enumerate() {
                *o = scorer.score_opt(va[start + k], vb[start + k], None);
            }
        })?;
        Ok(out)
    })?;
    Ok(out.into_pyarray(py))
}

/// Pairs per thread in one chunk of [`cpdist_chunked`]: the two sides' str objects (≈ 70 bytes
/// each for a short name) stay within a core's L2 cache between reading them and scoring them.
const PAIRS_PER_CHUNK: usize = 4096;

/// Re-acquiring the GIL after a chunk took longer than this: another thread is running Python
/// code and hands the GIL back only every `sys.getswitchinterval()`, so do the rest in one go.
const CONTENDED: Duration = Duration::from_millis(1);

/// [`cpdist`] over two lists/tuples of str: a chunk of pairs at a time, the strings borrowed in
/// place (a reference to each str held for the chunk) and scored with the GIL released, straight
/// into the output array. Reading the str objects (≈ 140 MB for a million pairs) twice from
/// memory, once to borrow and once to score, was the largest cost at the boundary.
fn cpdist_chunked<'py>(
    py: Python<'py>,
    a: &texts::Seq<'py>,
    b: &texts::Seq<'py>,
    scorer: Scorer,
    threads: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let n = a.len();
    if n != b.len() {
        return Err(PyValueError::new_err(format!("cpdist needs sequences of equal length, got {n} and {}", b.len())));
    }
    let mut out = vec![0.0; n];
    let mut step = PAIRS_PER_CHUNK.saturating_mul(threads);
    let mut lo = 0;
    while lo < n {
        let hi = lo.saturating_add(step).min(n);
        let (ca, cb) = (a.chunk(lo, hi)?, b.chunk(lo, hi)?);
        let (va, vb) = (ca.views()?, cb.views()?);
        let dst = &mut out[lo..hi];
        let finished = py.detach(|| -> PyResult<Instant> {
            fill(dst, 1, threads, |start, chunk| {
                for ((o, x), y) in chunk.iter_mut().zip(&va[start..]).zip(&vb[start..]) {
                    *o = scorer.score_opt(*x, *y, None);
                }
            })?;
            Ok(Instant::now())
        })?;
        if finished.elapsed() > CONTENDED {
            step = usize::MAX;
        }
        lo = hi;
    }
    Ok(out.into_pyarray(py))
}

/// All-against-all scores: a `len(queries) × len(choices)` matrix.
#[pyfunction]
#[pyo3(signature = (queries, choices, scorer = "jaro_winkler", workers = 1, score_cutoff = None))]
pub(crate) fn cdist<'py>(
    py: Python<'py>,
    queries: &Bound<'py, PyAny>,
    choices: &Bound<'py, PyAny>,
    scorer: &str,
    workers: i64,
    score_cutoff: Option<f64>,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let scorer = Scorer::parse(scorer)?;
    let threads = resolve_workers(workers)?;
    if score_cutoff.is_some_and(f64::is_nan) {
        return Err(PyValueError::new_err("score_cutoff must be a number, not NaN"));
    }
    let tq = texts::extract(queries, "queries")?;
    let tc = texts::extract(choices, "choices")?;
    let (vq, vc) = (tq.views()?, tc.views()?);
    let (n, cols) = (vq.len(), vc.len());
    let cells =
        n.checked_mul(cols).ok_or_else(|| PyValueError::new_err(format!("a {n} × {cols} matrix is too large")))?;
    let out = py.detach(|| -> PyResult<Vec<f64>> {
        let mut out = vec![0.0; cells];
        fill(&mut out, cols, threads, |first_row, chunk| {
            for (r, row) in chunk.chunks_mut(cols.max(1)).enumerate() {
                let q = vq[first_row + r];
                for (o, c) in row.iter_mut().zip(&vc) {
                    *o = scorer.score_opt(q, *c, score_cutoff);
                }
            }
        })?;
        Ok(out)
    })?;
    out.into_pyarray(py).reshape([n, cols])
}

/// Register the metric functions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(pyo3::wrap_pyfunction!(jaro, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(jaro_winkler, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(levenshtein, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(normalized_levenshtein, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(osa, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(normalized_osa, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(qgram, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(token_sort, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(token_set, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(cpdist, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(cdist, m)?)?;
    m.add("SCORERS", SCORERS.to_vec())?;
    Ok(())
}
