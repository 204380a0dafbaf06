//! Naive, textbook twins of the fast metrics in `caselink::metrics`: full dynamic-programming
//! matrices and plain loops over `Vec<char>`, written for obviousness rather than speed.

#![allow(dead_code)]
// Index loops mirror the textbook recurrences.
#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// `1 - d / max_len`, and 1.0 for two empty strings.
pub fn normalize(d: usize, max_len: usize) -> f64 {
    if max_len == 0 { 1.0 } else { 1.0 - d as f64 / max_len as f64 }
}

/// Levenshtein distance by the full Wagner–Fischer matrix.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b) = (chars(a), chars(b));
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
        }
    }
    d[a.len()][b.len()]
}

pub fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    normalize(levenshtein(a, b), a.chars().count().max(b.chars().count()))
}

/// Optimal string alignment distance by the full matrix with the transposition case.
pub fn osa(a: &str, b: &str) -> usize {
    let (a, b) = (chars(a), chars(b));
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

pub fn normalized_osa(a: &str, b: &str) -> f64 {
    normalize(osa(a, b), a.chars().count().max(b.chars().count()))
}

/// Textbook Jaro: window `max/2 - 1`, greedy first free match scanning `b` for each char of `a`.
pub fn jaro(a: &str, b: &str) -> f64 {
    let (a, b) = (chars(a), chars(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_match = vec![false; a.len()];
    let mut b_match = vec![false; b.len()];
    let mut m = 0usize;
    for i in 0..a.len() {
        for j in 0..b.len() {
            if i.abs_diff(j) <= window && !b_match[j] && a[i] == b[j] {
                a_match[i] = true;
                b_match[j] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let ma: Vec<char> = (0..a.len()).filter(|&i| a_match[i]).map(|i| a[i]).collect();
    let mb: Vec<char> = (0..b.len()).filter(|&j| b_match[j]).map(|j| b[j]).collect();
    let half_t = ma.iter().zip(&mb).filter(|(x, y)| x != y).count() / 2;
    let mf = m as f64;
    ((mf / a.len() as f64) + (mf / b.len() as f64) + ((m - half_t) as f64 / mf)) / 3.0
}

/// Jaro–Winkler: prefix weight 0.1, prefix capped at 4, boost only when Jaro > 0.7.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let j = jaro(a, b);
    if j <= 0.7 {
        return j;
    }
    let l = a.chars().zip(b.chars()).take(4).take_while(|(x, y)| x == y).count();
    j + 0.1 * l as f64 * (1.0 - j)
}

fn bigram_counts(s: &str) -> HashMap<(char, char), usize> {
    let c = chars(s);
    let mut m = HashMap::new();
    for w in c.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// (multiset intersection, bigrams of a, bigrams of b).
fn bigram_overlap(a: &str, b: &str) -> (usize, usize, usize) {
    let (ca, cb) = (bigram_counts(a), bigram_counts(b));
    let inter = ca.iter().map(|(k, &n)| n.min(*cb.get(k).unwrap_or(&0))).sum();
    (inter, ca.values().sum(), cb.values().sum())
}

/// Dice over character bigram multisets; equal strings 1.0, no bigrams at all 0.0.
pub fn dice(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (i, na, nb) = bigram_overlap(a, b);
    if na + nb == 0 { 0.0 } else { (2 * i) as f64 / (na + nb) as f64 }
}

/// Jaccard over character bigram multisets; equal strings 1.0, no bigrams at all 0.0.
pub fn jaccard(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (i, na, nb) = bigram_overlap(a, b);
    if na + nb == 0 { 0.0 } else { i as f64 / (na + nb - i) as f64 }
}

/// Sorted whitespace tokens joined with single spaces.
pub fn sort_tokens(s: &str) -> String {
    let mut t: Vec<&str> = s.split_whitespace().collect();
    t.sort();
    t.join(" ")
}

pub fn token_sort(a: &str, b: &str) -> f64 {
    normalized_levenshtein(&sort_tokens(a), &sort_tokens(b))
}

/// RapidFuzz's token_set_ratio construction, built literally, scored with normalized Levenshtein.
pub fn token_set(a: &str, b: &str) -> f64 {
    let mut ta: Vec<&str> = a.split_whitespace().collect();
    let mut tb: Vec<&str> = b.split_whitespace().collect();
    ta.sort();
    ta.dedup();
    tb.sort();
    tb.dedup();
    if ta.is_empty() || tb.is_empty() {
        return if ta.is_empty() && tb.is_empty() { 1.0 } else { 0.0 };
    }
    let sect: Vec<&str> = ta.iter().filter(|t| tb.contains(t)).copied().collect();
    let ab: Vec<&str> = ta.iter().filter(|t| !tb.contains(t)).copied().collect();
    let ba: Vec<&str> = tb.iter().filter(|t| !ta.contains(t)).copied().collect();
    let t0 = sect.join(" ");
    let t1 = format!("{} {}", t0, ab.join(" ")).trim().to_string();
    let t2 = format!("{} {}", t0, ba.join(" ")).trim().to_string();
    normalized_levenshtein(&t0, &t1).max(normalized_levenshtein(&t0, &t2)).max(normalized_levenshtein(&t1, &t2))
}
