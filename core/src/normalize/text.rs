//! Text folding shared by every normalizer: one canonical form for comparison.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Fold `s` for comparison: NFKD, drop combining marks, lower-case, map typographic quotes and
/// dashes to ASCII, collapse runs of whitespace to one space and trim.
///
/// ```
/// use caselink::normalize::text::fold;
/// assert_eq!(fold("  García–LÓPEZ  "), "garcia-lopez");
/// assert_eq!(fold("O\u{2019}Neil\tJr."), "o'neil jr.");
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    fold_unicode(s)
}

/// [`fold`] of ASCII text (most values), which NFKD leaves as it is and which has no combining
/// marks: it skips the decomposition.
fn fold_ascii(s: &str) -> String {
    fold_chars(s.chars(), s.len())
}

/// [`fold`] of any text (the reference for [`fold_ascii`]).
fn fold_unicode(s: &str) -> String {
    fold_chars(s.nfkd().filter(|&c| !is_combining_mark(c)), s.len())
}

/// The steps of [`fold`] after NFKD: typographic quotes and dashes to ASCII, lower case,
/// whitespace runs to one space, trimmed.
fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Fold and keep only letters, digits and single spaces (punctuation becomes a space, except
/// apostrophes, which vanish so `O'Neil` → `oneil`).
///
/// ```
/// use caselink::normalize::text::fold_alnum;
/// assert_eq!(fold_alnum("O'Neil, Thomas J."), "oneil thomas j");
/// assert_eq!(fold_alnum("García-López"), "garcia lopez");
/// ```
pub fn fold_alnum(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending_space = false;
    for c in folded.chars() {
        if c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII fast path folds as the general path does.
        #[test]
        fn ascii_fold_matches_the_general_path(s in "[\\x00-\\x7f]{0,40}") {
            proptest::prop_assert_eq!(fold_ascii(&s), fold_unicode(&s));
        }
    }

    #[test]
    fn ascii_fold_matches_the_general_path_on_every_character() {
        let all: String = (0u8..128).map(char::from).collect();
        for c in all.chars() {
            let s = format!(" A{c}b  {c}");
            assert_eq!(fold_ascii(&s), fold_unicode(&s), "{:?}", c);
        }
    }

    #[test]
    fn fold_is_idempotent_on_examples() {
        for s in ["Ñúñez", "  a  b ", "ＡＢＣ", "Ǆ", "ß", "İstanbul"] {
            let f = fold(s);
            assert_eq!(fold(&f), f, "{s}");
        }
    }

    #[test]
    fn fullwidth_and_ligatures_fold() {
        assert_eq!(fold("ＳＭＩＴＨ"), "smith");
        assert_eq!(fold("ﬁnn"), "finn");
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \t\n"), "");
        assert_eq!(fold_alnum("--..''"), "");
    }
}
