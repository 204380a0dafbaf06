//! Numeric comparison: exact, then within each tolerance (tightest first), then else.

use super::{ELSE, Level, NULL};

/// Parse a number the way a prepared column holds it: NaN when missing or unreadable.
///
/// ```
/// use caselink::compare::numeric::prepare;
/// assert_eq!(prepare(Some(" 1,234.5 ")), 1234.5);
/// assert!(prepare(Some("n/a")).is_nan());
/// assert!(prepare(None).is_nan());
/// ```
pub fn prepare(raw: Option<&str>) -> f64 {
    let Some(raw) = raw else { return f64::NAN };
    let cleaned: String = raw.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => f64::NAN,
    }
}

/// Level of two numbers (NaN = missing) for ascending `tolerances`.
///
/// ```
/// use caselink::compare::numeric::compare;
/// assert_eq!(compare(30.0, 30.0, &[1.0, 3.0], false), 4);
/// assert_eq!(compare(30.0, 31.0, &[1.0, 3.0], false), 3);
/// assert_eq!(compare(30.0, 33.0, &[1.0, 3.0], false), 2);
/// assert_eq!(compare(30.0, 40.0, &[1.0, 3.0], false), 1);
/// assert_eq!(compare(f64::NAN, 40.0, &[1.0, 3.0], false), 0);
/// ```
#[inline]
pub fn compare(a: f64, b: f64, tolerances: &[f64], relative: bool) -> Level {
    if a.is_nan() || b.is_nan() {
        return NULL;
    }
    if a == b {
        return (2 + tolerances.len()) as Level;
    }
    let mut d = (a - b).abs();
    if relative {
        d /= a.abs().max(b.abs());
    }
    // A tiny slack so that 30 vs 31 is "within 1" despite binary floating point.
    let eps = 1e-9;
    for (i, t) in tolerances.iter().enumerate() {
        if d <= *t + eps {
            return (1 + tolerances.len() - i) as Level;
        }
    }
    ELSE
}
