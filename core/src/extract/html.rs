//! HTML → plain text: drop scripts, styles and page chrome, turn block tags into line breaks,
//! decode entities. A single forward pass, so time is linear in the input.

/// Elements whose whole content is page chrome or code, never article text.
const DROP: [&str; 13] = [
    "script", "style", "head", "nav", "header", "footer", "aside", "noscript", "svg", "form", "iframe", "template",
    "select",
];

/// Elements that end a line of text.
const BLOCK: [&str; 26] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "hr",
    "time",
    "title",
    "dd",
    "dt",
    "pre",
];

/// True when `text` looks like an HTML document or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(8192)];
    let tags: [&[u8]; 6] = [b"<html", b"<body", b"</p>", b"</div>", b"<br", b"<!doctype"];
    head.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .any(|(i, _)| tags.iter().any(|t| head.get(i..i + t.len()).is_some_and(|w| w.eq_ignore_ascii_case(t))))
}

/// Strip tags and decode entities; block elements become newlines.
///
/// ```
/// let t = caselink::extract::html::to_text("<p>A&amp;B</p><script>x()</script><p>O&#8217;Brien&nbsp;Jr.</p>");
/// let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
/// assert_eq!(lines, ["A&B", "O’Brien Jr."]);
/// ```
pub fn to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        out.push_str(&decode_entities(&html[text_start..i]));
        if lower[i..].starts_with("<!--") {
            i = lower[i + 4..].find("-->").map_or(bytes.len(), |p| i + 4 + p + 3);
            text_start = i;
            continue;
        }
        let name_start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
        let mut name_end = name_start;
        while name_end < bytes.len() && bytes[name_end].is_ascii_alphanumeric() {
            name_end += 1;
        }
        if name_end == name_start && !lower[i + 1..].starts_with('!') {
            // A bare '<' in text, not a tag.
            out.push('<');
            i += 1;
            text_start = i;
            continue;
        }
        let name = &lower[name_start..name_end];
        let tag_end = lower[i..].find('>').map_or(bytes.len(), |p| i + p + 1);
        let closing = name_start == i + 2;
        if !closing && DROP.contains(&name) && !lower[i..tag_end].ends_with("/>") {
            let close = format!("</{name}");
            i = match lower[tag_end..].find(&close) {
                Some(p) => lower[tag_end + p..].find('>').map_or(bytes.len(), |q| tag_end + p + q + 1),
                None => bytes.len(),
            };
        } else {
            if BLOCK.contains(&name) {
                out.push('\n');
            }
            i = tag_end;
        }
        text_start = i;
    }
    if text_start < html.len() {
        out.push_str(&decode_entities(&html[text_start..]));
    }
    tidy(&out)
}

/// Collapse runs of spaces inside lines and blank-line runs, trim each line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            if blank == 1 && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        blank = 0;
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Decode named and numeric character references; unknown ones are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|q| q + 1);
        match end {
            Some(e) if e <= 12 && rest[e..].starts_with(';') => {
                if let Some(c) = entity(&rest[1..e]) {
                    out.push(c);
                    rest = &rest[e + 1..];
                    continue;
                }
                out.push('&');
                rest = &rest[1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).map(|c| if c == '\u{a0}' { ' ' } else { c });
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "sect" => '§',
        "middot" => '·',
        "raquo" => '»',
        "laquo" => '«',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "bull" => '•',
        "eacute" => 'é',
        "Eacute" => 'É',
        "aacute" => 'á',
        "Aacute" => 'Á',
        "iacute" => 'í',
        "Iacute" => 'Í',
        "oacute" => 'ó',
        "Oacute" => 'Ó',
        "uacute" => 'ú',
        "Uacute" => 'Ú',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "agrave" => 'à',
        _ => return None,
    })
}
