//! Inline SVG charts, drawn in Rust: bars, histograms, m/u per level, waterfalls. Every label
//! is escaped; every chart has a fixed viewBox so it scales with the page and prints.

use std::fmt::Write;

use super::html::{escape, truncate};

fn open(id: &str, w: f64, h: f64, title: &str) -> String {
    format!(
        "<svg class=\"chart\" id=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape(id),
        escape(title)
    )
}

/// A round step near `span / target` (1, 2 or 5 times a power of ten).
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    if span.is_nan() || span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / target.max(1) as f64;
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * p
}

/// One histogram bin: `[lo, hi)` and its count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bin {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) count: u64,
}

/// About `target` bins of a round width over the finite `values` (none when there are none).
pub(crate) fn bins(values: &[f64], target: usize, min_width: f64) -> Vec<Bin> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (Some(lo), Some(hi)) = (finite.iter().copied().reduce(f64::min), finite.iter().copied().reduce(f64::max))
    else {
        return Vec::new();
    };
    let width = nice_step(hi - lo, target).max(min_width);
    let start = (lo / width).floor() * width;
    let n = (((hi - start) / width).floor() as usize + 1).min(1000);
    let mut out: Vec<Bin> =
        (0..n).map(|i| Bin { lo: start + i as f64 * width, hi: start + (i + 1) as f64 * width, count: 0 }).collect();
    for v in finite {
        let i = (((v - start) / width).floor() as usize).min(n - 1);
        out[i].count += 1;
    }
    out
}

fn fmt_num(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e9 { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// A vertical-bar histogram with an optional marker line at `marker.0` labelled `marker.1`.
pub(crate) fn histogram(id: &str, title: &str, data: &[Bin], x_label: &str, marker: Option<(f64, &str)>) -> String {
    let (w, h) = (540.0, 250.0);
    let (l, r, t, b) = (46.0, 14.0, 16.0, 44.0);
    let mut s = open(id, w, h, title);
    let pw = w - l - r;
    let ph = h - t - b;
    if data.is_empty() {
        let _ = write!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">no values</text></svg>", w / 2.0, h / 2.0);
        return s;
    }
    let (x0, x1) = (data[0].lo, data[data.len() - 1].hi);
    let (x0, x1) = match marker {
        Some((m, _)) if m.is_finite() => (x0.min(m), x1.max(m)),
        _ => (x0, x1),
    };
    let span = (x1 - x0).max(1e-9);
    let xs = |v: f64| l + (v - x0) / span * pw;
    let ymax = data.iter().map(|d| d.count).max().unwrap_or(1).max(1) as f64;
    let ystep = nice_step(ymax, 4).max(1.0);
    let ytop = (ymax / ystep).ceil() * ystep;
    let ys = |c: f64| t + ph - c / ytop * ph;
    let mut y = 0.0;
    while y <= ytop + 1e-9 {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{l}\" x2=\"{}\" y1=\"{py:.1}\" y2=\"{py:.1}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            w - r,
            l - 4.0,
            ys(y) + 4.0,
            fmt_num(y),
            py = ys(y)
        );
        y += ystep;
    }
    for d in data {
        let (bx, bw) = (xs(d.lo), (xs(d.hi) - xs(d.lo) - 1.0).max(0.5));
        let by = ys(d.count as f64);
        let _ = write!(
            s,
            "<rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"#2f6db5\"><title>{}–{}: {}</title></rect>",
            (t + ph - by).max(0.0),
            fmt_num(d.lo),
            fmt_num(d.hi),
            d.count
        );
    }
    let _ = write!(s, "<line class=\"axis\" x1=\"{l}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>", w - r, t + ph, t + ph);
    let xstep = nice_step(span, 6);
    let mut xv = (x0 / xstep).ceil() * xstep;
    while xv <= x1 + 1e-9 {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            xs(xv),
            t + ph + 14.0,
            fmt_num(xv)
        );
        xv += xstep;
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"muted\">{}</text>",
        l + pw / 2.0,
        h - 6.0,
        escape(x_label)
    );
    if let Some((m, label)) = marker.filter(|m| m.0.is_finite()) {
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{t}\" y2=\"{:.1}\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c0392b\" style=\"fill:#c0392b\">{}</text>",
            t + ph,
            xs(m) + 4.0,
            t + 10.0,
            escape(label),
            x = xs(m)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars: (label, value, note shown after the bar).
/// `w` is the chart width and `l` the width of the label column.
pub(crate) fn hbars(id: &str, title: &str, items: &[(String, f64, String)], color: &str, w: f64, l: f64) -> String {
    let row = 26.0;
    let r = 130.0;
    let h = 10.0 + row * items.len().max(1) as f64;
    let mut s = open(id, w, h, title);
    let vmax = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-12);
    for (k, (label, v, note)) in items.iter().enumerate() {
        let y = 5.0 + row * k as f64;
        let bw = ((v / vmax) * (w - l - r)).max(if *v > 0.0 { 1.0 } else { 0.0 });
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{l}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{color}\" rx=\"2\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            l - 6.0,
            y + row / 2.0 + 3.0,
            escape(&truncate(label, (l / 6.2) as usize)),
            y + 3.0,
            row - 8.0,
            l + bw + 5.0,
            y + row / 2.0 + 3.0,
            escape(note)
        );
    }
    s.push_str("</svg>");
    s
}

/// One comparison's levels for the m/u chart: (label, m, u, weight).
pub(crate) type MuLevels = (String, Vec<(String, f64, f64, f64)>);

/// m (blue) and u (orange) per level of each comparison, on a 0–1 scale, with log2(m/u).
pub(crate) fn mu_chart(id: &str, title: &str, comps: &[MuLevels]) -> String {
    let lvl_h = 22.0;
    let head = 20.0;
    let (w, l, r) = (1100.0, 300.0, 250.0);
    let levels: usize = comps.iter().map(|c| c.1.len()).sum();
    let h = 30.0 + head * comps.len() as f64 + lvl_h * levels as f64;
    let mut s = open(id, w, h, title);
    let pw = w - l - r;
    let _ = write!(
        s,
        "<rect x=\"{l}\" y=\"6\" width=\"10\" height=\"8\" fill=\"#2f6db5\"/><text x=\"{}\" y=\"14\">m: P(level | match)</text>\
<rect x=\"{}\" y=\"6\" width=\"10\" height=\"8\" fill=\"#e0913a\"/><text x=\"{}\" y=\"14\">u: P(level | non-match)</text>\
<text x=\"{}\" y=\"14\" text-anchor=\"end\">log2(m/u)</text>",
        l + 14.0,
        l + 170.0,
        l + 184.0,
        w - 4.0
    );
    let mut y = 24.0;
    for (name, lv) in comps {
        let _ = write!(s, "<text x=\"4\" y=\"{:.1}\" style=\"font-weight:600\">{}</text>", y + 14.0, escape(name));
        let _ =
            write!(s, "<line class=\"grid\" x1=\"4\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>", w - 4.0, y + 2.0, y + 2.0);
        y += head;
        for (label, m, u, wt) in lv {
            let mw = (m.clamp(0.0, 1.0) * pw).max(if *m > 0.0 { 1.0 } else { 0.0 });
            let uw = (u.clamp(0.0, 1.0) * pw).max(if *u > 0.0 { 1.0 } else { 0.0 });
            let col = if *wt >= 0.0 { "#2e8b57" } else { "#c0392b" };
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
<rect x=\"{l}\" y=\"{:.1}\" width=\"{mw:.1}\" height=\"8\" fill=\"#2f6db5\"><title>m = {m:.4}</title></rect>\
<rect x=\"{l}\" y=\"{:.1}\" width=\"{uw:.1}\" height=\"8\" fill=\"#e0913a\"><title>u = {u:.6}</title></rect>\
<text x=\"{:.1}\" y=\"{:.1}\" style=\"fill:#555\">m {m:.3} · u {u:.4}</text>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" style=\"fill:{col}\">{}</text>",
                l - 6.0,
                y + 12.0,
                escape(&truncate(label, 44)),
                y + 2.0,
                y + 11.0,
                w - r + 10.0,
                y + 13.0,
                w - 4.0,
                y + 13.0,
                if wt.is_finite() { format!("{wt:+.2}") } else { format!("{wt}") }
            );
            y += lvl_h;
        }
    }
    s.push_str("</svg>");
    s
}

/// A waterfall: the prior, then each comparison's weight, stacking to the match weight.
pub(crate) fn waterfall(id: &str, title: &str, prior: f64, terms: &[(String, f64)], total: f64) -> String {
    let row = 20.0;
    let (w, l, r) = (1100.0, 330.0, 70.0);
    let n = terms.len() + 2;
    let h = 26.0 + row * n as f64;
    let mut s = open(id, w, h, title);
    let mut cum = vec![0.0, prior];
    for (_, t) in terms {
        cum.push(cum[cum.len() - 1] + t);
    }
    cum.push(total);
    let lo = cum.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::min).floor();
    let hi = cum.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max).ceil();
    let span = (hi - lo).max(1.0);
    let pw = w - l - r;
    let xs = |v: f64| l + (v.clamp(lo, hi) - lo) / span * pw;
    let step = nice_step(span, 8);
    let mut v = (lo / step).ceil() * step;
    while v <= hi + 1e-9 {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"4\" y2=\"{:.1}\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            h - 18.0,
            h - 6.0,
            fmt_num(v),
            x = xs(v)
        );
        v += step;
    }
    let _ =
        write!(s, "<line class=\"axis\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"4\" y2=\"{:.1}\"/>", h - 18.0, x = xs(0.0));
    let mut rows: Vec<(String, f64, f64, bool)> = vec![("prior (λ)".into(), 0.0, prior, false)];
    let mut acc = prior;
    for (label, t) in terms {
        rows.push((label.clone(), acc, acc + t, false));
        acc += t;
    }
    rows.push(("match weight".into(), 0.0, total, true));
    for (k, (label, a, b, final_row)) in rows.iter().enumerate() {
        let y = 6.0 + row * k as f64;
        let (x1, x2) = (xs(a.min(*b)), xs(a.max(*b)));
        let col = if *final_row {
            "#1d2330"
        } else if b >= a {
            "#2e8b57"
        } else {
            "#c0392b"
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{}>{}</text><rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{col}\"/><text x=\"{:.1}\" y=\"{:.1}\">{:+.2}</text>",
            l - 6.0,
            y + 13.0,
            if *final_row { " style=\"font-weight:600\"" } else { "" },
            escape(&truncate(label, 52)),
            y + 3.0,
            (x2 - x1).max(1.0),
            row - 6.0,
            x2 + 4.0,
            y + 13.0,
            b - a
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 10), 10.0);
        assert_eq!(nice_step(37.0, 10), 5.0);
        assert_eq!(nice_step(0.0, 10), 1.0);
        assert_eq!(nice_step(f64::NAN, 10), 1.0);
    }

    #[test]
    fn bins_count_every_finite_value() {
        let v = [0.0, 1.0, 2.5, 9.9, 10.0, f64::NAN, f64::INFINITY];
        let b = bins(&v, 5, 1.0);
        assert_eq!(b.iter().map(|x| x.count).sum::<u64>(), 5);
        assert!(b.windows(2).all(|w| (w[0].hi - w[1].lo).abs() < 1e-9));
        assert!(bins(&[], 5, 1.0).is_empty());
        assert_eq!(bins(&[3.0, 3.0], 5, 1.0).len(), 1);
    }

    #[test]
    fn charts_escape_labels() {
        let items = vec![("<b>".to_owned(), 2.0, "n<1".to_owned())];
        let s = hbars("x", "t", &items, "#000", 540.0, 190.0);
        assert!(s.contains("&lt;b&gt;") && s.contains("n&lt;1") && !s.contains("<b>"));
        let w = waterfall("w", "t", -3.0, &[("<i>".into(), 5.0)], 2.0);
        assert!(w.contains("&lt;i&gt;") && !w.contains("<i>"));
    }
}
