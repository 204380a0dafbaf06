//! The fast metrics against their naive reference twins (`support::reference`) and `strsim`,
//! plus the properties every metric must have: symmetry, range, identity and cutoff semantics.

mod support;

use caselink::metrics::{BatchComparator, Metric, jaro, jaro_winkler, levenshtein, osa, qgram, token_set, token_sort};
use proptest::prelude::*;
use support::reference as r;

/// Strings of every shape the kernels special-case: tiny alphabets (many matches and
/// transpositions), name-like ASCII, accents/CJK/emoji, and lengths around and beyond 64 and 128.
fn any_str() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ab ]{0,12}",
        3 => "[A-Za-z .'-]{0,30}",
        2 => "[aeéèüñ中文😀 ]{0,20}",
        1 => "[abc]{55,75}",
        1 => "[ab]{120,200}",
        1 => "[aé中b]{60,140}",
        1 => "\\PC{0,24}",
    ]
}

/// Pairs that are often similar: `b` is `a` with a few random edits, or an unrelated string.
fn pair() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        (any_str(), any_str()),
        (any_str(), proptest::collection::vec((0usize..4, any::<prop::sample::Index>(), "[abé ]"), 0..4)).prop_map(
            |(a, edits)| {
                let mut c: Vec<char> = a.chars().collect();
                for (kind, at, s) in edits {
                    let s = s.chars().next().unwrap_or('a');
                    let i = if c.is_empty() { 0 } else { at.index(c.len()) };
                    match kind {
                        0 if !c.is_empty() => c[i] = s,
                        1 if !c.is_empty() => {
                            c.remove(i);
                        }
                        2 if i + 1 < c.len() => c.swap(i, i + 1),
                        _ => c.insert(i, s),
                    }
                }
                (a, c.into_iter().collect())
            }
        ),
    ]
}

/// ASCII strings for token sort's fast path: every ASCII whitespace byte, runs of separators,
/// leading and trailing whitespace, repeated and already-sorted tokens, and lengths on both
/// sides of its 64-byte limit.
fn token_str() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ab \t\n\x0B\x0C\r]{0,16}",
        // Short tokens (often sorted, often equal) joined by one separator each, mostly a space.
        4 => (
            proptest::collection::vec(("[a-c]{1,3}", "( |\t|\n|\x0B|\x0C|\r|  | \t){1}"), 0..5),
            "( |\t)?",
            "( |\r)?",
        )
            .prop_map(|(parts, lead, trail)| {
                let mut s = lead;
                for (k, (tok, sep)) in parts.iter().enumerate() {
                    if k > 0 {
                        s.push_str(if k % 2 == 0 { " " } else { sep });
                    }
                    s.push_str(tok);
                }
                s + &trail
            }),
        3 => "(Al|Bo|al|Ann|Ann-|J\\.|Jr\\.|Z) ?(Al|Bo|al|Ann|Ann-|J\\.|Jr\\.|Z)?( (Al|Bo|al|Ann|Ann-|J\\.|Jr\\.|Z))?",
        2 => "[A-Za-z.'-]{1,8}( [A-Za-z.'-]{1,8}){0,3}",
        2 => "[ab ]{60,68}",
        1 => "[a-c \t]{0,70}",
        1 => "[a\u{85}\u{a0} é]{0,10}",
    ]
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-12
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn edit_distances_match_reference_and_strsim((a, b) in pair()) {
        let d = levenshtein::distance(&a, &b);
        prop_assert_eq!(d, r::levenshtein(&a, &b));
        prop_assert_eq!(d, strsim::levenshtein(&a, &b));
        prop_assert_eq!(levenshtein::normalized_similarity(&a, &b), strsim::normalized_levenshtein(&a, &b));
        prop_assert!(close(levenshtein::normalized_similarity(&a, &b), r::normalized_levenshtein(&a, &b)));
        let max_len = a.chars().count().max(b.chars().count());
        prop_assert_eq!(levenshtein::similarity(&a, &b), max_len - d);

        let o = osa::distance(&a, &b);
        prop_assert_eq!(o, r::osa(&a, &b));
        prop_assert_eq!(o, strsim::osa_distance(&a, &b));
        prop_assert!(close(osa::normalized_similarity(&a, &b), r::normalized_osa(&a, &b)));
        prop_assert_eq!(osa::similarity(&a, &b), max_len - o);
    }

    #[test]
    fn jaro_family_matches_reference_and_strsim((a, b) in pair()) {
        let j = jaro::normalized_similarity(&a, &b);
        prop_assert_eq!(j, strsim::jaro(&a, &b));
        prop_assert!(close(j, r::jaro(&a, &b)));
        let jw = jaro_winkler::normalized_similarity(&a, &b);
        prop_assert_eq!(jw, strsim::jaro_winkler(&a, &b));
        prop_assert!(close(jw, r::jaro_winkler(&a, &b)));
    }

    #[test]
    fn qgram_and_token_metrics_match_reference((a, b) in pair()) {
        prop_assert!(close(qgram::dice(&a, &b), r::dice(&a, &b)));
        prop_assert!(close(qgram::jaccard(&a, &b), r::jaccard(&a, &b)));
        prop_assert!(close(token_sort::normalized_similarity(&a, &b), r::token_sort(&a, &b)));
        prop_assert_eq!(token_sort::distance(&a, &b), r::levenshtein(&r::sort_tokens(&a), &r::sort_tokens(&b)));
        prop_assert!(close(token_set::normalized_similarity(&a, &b), r::token_set(&a, &b)));
    }

    #[test]
    fn token_sort_is_levenshtein_on_sorted_tokens_bit_for_bit(a in token_str(), b in token_str(), cutoff in 0.0f64..1.0) {
        let (sa, sb) = (r::sort_tokens(&a), r::sort_tokens(&b));
        let s = token_sort::normalized_similarity(&a, &b);
        prop_assert_eq!(s.to_bits(), levenshtein::normalized_similarity(&sa, &sb).to_bits());
        prop_assert_eq!(s.to_bits(), r::token_sort(&a, &b).to_bits());
        prop_assert_eq!(token_sort::distance(&a, &b), r::levenshtein(&sa, &sb));
        prop_assert_eq!(token_sort::similarity(&a, &b), levenshtein::similarity(&sa, &sb));
        let cut = token_sort::normalized_similarity_with_cutoff(&a, &b, cutoff);
        prop_assert_eq!(cut.to_bits(), levenshtein::normalized_similarity_with_cutoff(&sa, &sb, cutoff).to_bits());
        prop_assert_eq!(BatchComparator::new(Metric::TokenSort, &a).normalized_similarity(&b).to_bits(), s.to_bits());
    }

    #[test]
    fn dice_matches_strsim_without_whitespace(a in "[a-e]{0,20}", b in "[a-e]{0,20}") {
        // strsim deletes whitespace and counts bytes, so it only defines the same metric here.
        prop_assert_eq!(qgram::dice(&a, &b), strsim::sorensen_dice(&a, &b));
    }

    #[test]
    fn every_metric_is_symmetric_bounded_and_reflexive((a, b) in pair()) {
        for m in Metric::ALL {
            let s = m.normalized_similarity(&a, &b);
            prop_assert!((0.0..=1.0).contains(&s), "{} out of range: {}", m.name(), s);
            prop_assert_eq!(s, m.normalized_similarity(&b, &a), "{} not symmetric", m.name());
            prop_assert_eq!(m.normalized_similarity(&a, &a), 1.0, "{} identity", m.name());
        }
    }

    #[test]
    fn cutoff_forms_cut_exactly((a, b) in pair(), cutoff in 0.0f64..1.0) {
        let cases: [(f64, f64); 7] = [
            (levenshtein::normalized_similarity(&a, &b), levenshtein::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (osa::normalized_similarity(&a, &b), osa::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (jaro::normalized_similarity(&a, &b), jaro::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (jaro_winkler::normalized_similarity(&a, &b), jaro_winkler::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (qgram::normalized_similarity(&a, &b), qgram::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (token_sort::normalized_similarity(&a, &b), token_sort::normalized_similarity_with_cutoff(&a, &b, cutoff)),
            (token_set::normalized_similarity(&a, &b), token_set::normalized_similarity_with_cutoff(&a, &b, cutoff)),
        ];
        for (k, (full, cut)) in cases.into_iter().enumerate() {
            let want = if full >= cutoff { full } else { 0.0 };
            prop_assert_eq!(cut, want, "metric #{}", k);
        }
    }

    #[test]
    fn batch_comparator_equals_plain_function(q in any_str(), choices in proptest::collection::vec(any_str(), 1..6)) {
        for m in Metric::ALL {
            let batch = BatchComparator::new(m, &q);
            for c in &choices {
                prop_assert_eq!(batch.normalized_similarity(c), m.normalized_similarity(&q, c), "{}", m.name());
            }
        }
    }
}

#[test]
fn empty_strings() {
    for m in Metric::ALL {
        assert_eq!(m.normalized_similarity("", ""), 1.0, "{}", m.name());
        assert_eq!(m.normalized_similarity("", "abc"), 0.0, "{}", m.name());
        assert_eq!(m.normalized_similarity("abc", ""), 0.0, "{}", m.name());
    }
    assert_eq!(levenshtein::distance("", "héllo"), 5);
    assert_eq!(osa::distance("héllo", ""), 5);
}

#[test]
fn cpdist_fills_pairwise_scores() {
    let a = ["MARTHA", "DWAYNE", "Jon Smith"];
    let b = ["MARHTA", "DUANE", "Smith Jon"];
    let mut out = [0.0; 3];
    caselink::metrics::cpdist(Metric::JaroWinkler, &a, &b, &mut out).unwrap();
    for i in 0..3 {
        assert_eq!(out[i], strsim::jaro_winkler(a[i], b[i]));
    }
    assert!(caselink::metrics::cpdist(Metric::Jaro, &a, &b[..2], &mut out).is_err());
}
