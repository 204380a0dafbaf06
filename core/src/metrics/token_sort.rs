//! STUB: placeholder until the real kernel lands (issue 3).

/// Similarity in [0, 1].
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    let mut x: Vec<&str> = a.split_whitespace().collect();
    let mut y: Vec<&str> = b.split_whitespace().collect();
    x.sort_unstable();
    y.sort_unstable();
    strsim::normalized_levenshtein(&x.join(" "), &y.join(" "))
}
