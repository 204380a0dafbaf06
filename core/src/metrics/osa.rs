//! STUB: placeholder delegating to strsim until the fast kernel lands (issue 3).

/// Similarity in [0, 1].
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}
