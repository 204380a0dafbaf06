//! Escaping and the page skeleton: inline CSS, the small inline script, nothing fetched.

use std::fmt::Write;

/// HTML-escape `s` for text and double-quoted attribute values.
///
/// ```
/// use caselink::report::escape;
/// assert_eq!(escape("<script>\"a\" & 'b'</script>"), "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than whitespace are not valid HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to at most `n` characters, with an ellipsis when cut.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A number with thousands separators (`12,345`).
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a` as a percentage of `b`, one decimal.
pub(crate) fn pct(a: u64, b: u64) -> String {
    if b == 0 { "–".into() } else { format!("{:.1}%", 100.0 * a as f64 / b as f64) }
}

/// A table: header cells and rows of already-escaped cell HTML.
pub(crate) fn table(class: &str, header: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = format!("<table class=\"{class}\"><thead><tr>");
    for h in header {
        let _ = write!(s, "<th>{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            let _ = write!(s, "<td>{c}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

const CSS: &str = r#"
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--accent:#2f6db5;--pos:#2e8b57;--neg:#c0392b;--m:#2f6db5;--u:#e0913a}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1180px;padding:24px 28px 60px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:22px 0 8px}p.note,.muted{color:var(--muted)}p.note{font-size:13px;margin:4px 0 10px}
nav{font-size:13px;margin:8px 0 18px}nav a{margin-right:14px;color:var(--accent);text-decoration:none}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}
.stat{border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.stat .v{font-size:22px;font-weight:600}.stat .l{font-size:12px;color:var(--muted)}.stat .s{font-size:12px;color:var(--muted)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media (max-width:900px){.grid2{grid-template-columns:1fr}}
figure{margin:0}figcaption{font-size:13px;font-weight:600;margin-bottom:4px}
svg.chart{display:block;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:var(--fg)}svg .axis{stroke:#888;stroke-width:1}svg .grid{stroke:#eee}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f9;position:sticky;top:0;white-space:nowrap}#case-table td{white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none}table.sortable th:after{content:" ↕";color:#aab}
.tablewrap{max-height:560px;overflow:auto;border:1px solid var(--line);border-radius:6px}
input.search{width:320px;max-width:100%;padding:6px 8px;margin:4px 0 8px;border:1px solid var(--line);border-radius:4px}
.review{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:10px 0;break-inside:avoid}
.review h4{margin:0 0 4px;font-size:13px}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px;background:#eef1f6}
.status-sentenced{background:#dff1e5}.status-convicted{background:#e6eefb}.status-charged{background:#fdf1dc}
@media print{body{max-width:none;padding:0}nav,input.search{display:none}.tablewrap{max-height:none;overflow:visible;border:0}
h2{break-after:avoid}figure,.stat{break-inside:avoid}th{position:static}}
"#;

/// Sorting and filtering of `table.sortable`, and the render check a browser test reads:
/// script errors go to `body[data-errors]`, the size of every chart to `body[data-charts]`.
const SCRIPT: &str = r#"
(function(){
var errs=[];
window.onerror=function(m){errs.push(String(m));document.body.setAttribute('data-errors',JSON.stringify(errs));};
function cell(tr,i){var c=tr.children[i];return c?(c.getAttribute('data-sort')||c.textContent):'';}
function sortBy(table,i){
  var tb=table.tBodies[0];var rows=Array.prototype.slice.call(tb.rows);
  var dir=table.getAttribute('data-dir')==='asc'&&table.getAttribute('data-col')==String(i)?'desc':'asc';
  table.setAttribute('data-dir',dir);table.setAttribute('data-col',String(i));
  rows.sort(function(a,b){var x=cell(a,i),y=cell(b,i);var nx=parseFloat(x),ny=parseFloat(y);
    var r=(!isNaN(nx)&&!isNaN(ny)&&/^-?[0-9.]/.test(x)&&/^-?[0-9.]/.test(y))?nx-ny:x.localeCompare(y);return dir==='asc'?r:-r;});
  rows.forEach(function(r){tb.appendChild(r);});
}
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){sortBy(t,i);});});
});
document.querySelectorAll('input.search').forEach(function(inp){
  var t=document.getElementById(inp.getAttribute('data-table'));
  inp.addEventListener('input',function(){var q=inp.value.toLowerCase();
    Array.prototype.forEach.call(t.tBodies[0].rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});
});
var boxes=[];document.querySelectorAll('svg.chart').forEach(function(s){var b=s.getBoundingClientRect();
  boxes.push({id:s.id||'',w:Math.round(b.width),h:Math.round(b.height)});});
document.body.setAttribute('data-charts',JSON.stringify(boxes));
document.body.setAttribute('data-errors',JSON.stringify(errs));
document.body.setAttribute('data-ok','1');
})();
"#;

/// The whole document around `body` (already-escaped HTML).
pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
<title>{}</title><style>{CSS}</style></head>\n<body>\n{body}\n<script>{SCRIPT}</script>\n</body></html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(pct(1, 4), "25.0%");
        assert_eq!(pct(1, 0), "–");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }
}
