//! Field-level accuracy of `extract` over the fixtures in `testdata/extract/`, plus robustness
//! on empty, binary, garbage and huge input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use caselink::extract::people::key;
use caselink::extract::{ExtractedRecord, extract};
use caselink::normalize::date::iso;

const FIELDS: [&str; 16] = [
    "doc_type",
    "doc_date",
    "district",
    "defendant_name",
    "age",
    "city",
    "state",
    "event",
    "event_date",
    "sentence_months",
    "life_sentence",
    "statutes",
    "case_numbers",
    "tip_numbers",
    "esp",
    "mentions_cybertip",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/extract")
}

/// The value of a field of an extracted record, in the fixture's TOML vocabulary ("" = none).
fn got(r: &ExtractedRecord, field: &str) -> String {
    let opt = |v: Option<String>| v.unwrap_or_default();
    match field {
        "doc_type" => r.doc_type.as_str().to_string(),
        "doc_date" => opt(r.doc_date.map(iso)),
        "district" => opt(r.district.clone()),
        "defendant_name" => opt(r.defendant_name.clone()),
        "age" => opt(r.age.map(|a| a.to_string())),
        "city" => opt(r.city.clone()),
        "state" => opt(r.state.clone()),
        "event" => opt(r.event.map(|e| e.as_str().to_string())),
        "event_date" => opt(r.event_date.map(iso)),
        "sentence_months" => opt(r.sentence_months.map(|m| m.to_string())),
        "life_sentence" => r.life_sentence.to_string(),
        "statutes" => r.statutes.join(";"),
        "case_numbers" => r.case_numbers.join(";"),
        "tip_numbers" => r.tip_numbers.iter().map(u64::to_string).collect::<Vec<_>>().join(";"),
        "esp" => r.esp.join(";"),
        "mentions_cybertip" => r.mentions_cybertip.to_string(),
        _ => panic!("unknown field {field}"),
    }
}

/// The expected value of a field from a fixture `[[record]]` table.
fn want(t: &toml::Table, field: &str) -> String {
    match t.get(field) {
        None if field == "life_sentence" || field == "mentions_cybertip" => "false".into(),
        None => String::new(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Integer(i)) => i.to_string(),
        Some(toml::Value::Boolean(b)) => b.to_string(),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

/// Per-field tallies over a set of fixtures.
#[derive(Default)]
struct Tally {
    docs: usize,
    total: usize,
    right: BTreeMap<&'static str, usize>,
    misses: Vec<String>,
    wrongly_named: Vec<String>,
}

impl Tally {
    fn accuracy(&self, f: &str) -> f64 {
        self.right.get(f).copied().unwrap_or(0) as f64 / self.total.max(1) as f64
    }

    fn table(&self, title: &str) -> String {
        let mut t = format!("{title}: {} documents, {} records\n", self.docs, self.total);
        for f in FIELDS {
            let r = self.right.get(f).copied().unwrap_or(0);
            t.push_str(&format!("{f:<18} {r:>4}/{:<4} {:>6.1}%\n", self.total, self.accuracy(f) * 100.0));
        }
        t.push_str("misses:\n");
        for m in &self.misses {
            t.push_str(&format!("  {m}\n"));
        }
        t
    }

    fn add(&mut self, other: &Tally) {
        self.docs += other.docs;
        self.total += other.total;
        for (f, n) in &other.right {
            *self.right.entry(f).or_default() += n;
        }
        self.misses.extend(other.misses.iter().cloned());
        self.wrongly_named.extend(other.wrongly_named.iter().cloned());
    }
}

/// Score one fixture document into `t`.
fn score(doc: &Path, t: &mut Tally) {
    let text = String::from_utf8_lossy(&std::fs::read(doc).expect("read fixture")).into_owned();
    let expect: toml::Table = std::fs::read_to_string(doc.with_extension("toml"))
        .expect("fixture has a .toml")
        .parse()
        .expect("fixture toml parses");
    let recs = extract(&text, None);
    let id = doc.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
    t.docs += 1;

    // A non-defendant is "extracted" when a record carries their name (same first and last name).
    let not_defendants: Vec<String> = expect
        .get("not_defendants")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    for r in &recs {
        let name = r.defendant_name.clone().unwrap_or_default();
        if not_defendants.iter().any(|n| n == &name || key(n) == key(&name)) {
            t.wrongly_named.push(format!("{id}: {name}"));
        }
    }

    let expected: Vec<toml::Table> = expect
        .get("record")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_table().cloned()).collect())
        .unwrap_or_default();
    let mut used = vec![false; recs.len()];
    for e in &expected {
        t.total += 1;
        let wname = want(e, "defendant_name");
        let found = recs
            .iter()
            .enumerate()
            .find(|(i, r)| !used[*i] && r.defendant_name.as_deref() == Some(wname.as_str()))
            .or_else(|| recs.iter().enumerate().find(|(i, _)| !used[*i]));
        match found {
            Some((i, r)) => {
                used[i] = true;
                for f in FIELDS {
                    let (g, w) = (got(r, f), want(e, f));
                    if g == w {
                        *t.right.entry(f).or_default() += 1;
                    } else {
                        t.misses.push(format!("{id} {f}: got {g:?}, want {w:?}"));
                    }
                }
            }
            None => t.misses.push(format!("{id}: missing record {wname}")),
        }
    }
    // Extra records are wrong on every field.
    for (i, r) in recs.iter().enumerate() {
        if !used[i] {
            t.total += 1;
            t.misses.push(format!("{id}: extra record {:?}", r.defendant_name));
        }
    }
}

/// Fixtures 001–060 were written together with the extractor; 061 on were written afterwards,
/// before the extractor first saw them (held out). Both sets are reported; the thresholds apply
/// to all of them.
#[test]
fn fixture_field_accuracy() {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("testdata/extract exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 80, "need at least 80 fixtures, found {}", docs.len());

    let number = |p: &Path| -> u32 {
        p.file_name().and_then(|n| n.to_str()).and_then(|n| n.get(..3)).and_then(|n| n.parse().ok()).unwrap_or(0)
    };
    let (mut first, mut held_out) = (Tally::default(), Tally::default());
    for doc in &docs {
        score(doc, if number(doc) <= 60 { &mut first } else { &mut held_out });
    }
    let mut all = Tally::default();
    all.add(&first);
    all.add(&held_out);

    let table = format!(
        "{}\n{}\n{}",
        first.table("development fixtures 001-060"),
        held_out.table("held-out fixtures 061-"),
        all.table("all fixtures")
    );
    println!("{table}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("extract-accuracy.txt"), &table);

    assert!(all.wrongly_named.is_empty(), "non-defendants extracted: {:?}", all.wrongly_named);
    for f in FIELDS {
        let floor = if matches!(f, "defendant_name" | "district" | "event" | "event_date") { 0.95 } else { 0.90 };
        let acc = all.accuracy(f);
        assert!(acc >= floor, "{f}: {:.1}% < {:.0}%\n{table}", acc * 100.0, floor * 100.0);
    }
}

#[test]
fn empty_garbage_and_binary_input_give_nothing() {
    assert!(extract("", None).is_empty());
    assert!(extract("   \n\n  ", None).is_empty());
    assert!(extract("asdf qwer zxcv 1234 !!!! ????", None).is_empty());
    let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert!(extract(&String::from_utf8_lossy(&binary), None).is_empty());
    let scripted = "<html><body><script>var a = 'John Smith, 41, of Knoxville, was sentenced';</script></body></html>";
    assert!(extract(scripted, None).is_empty());
}

#[test]
fn huge_input_is_bounded() {
    let para = "A Knoxville man was sentenced today. Darren Lee Whitfield, 41, of Knoxville, was sentenced to 180 months \
                by the U.S. Attorney's Office for the Eastern District of Tennessee. ";
    let huge: String = para.repeat(10 * 1024 * 1024 / para.len() + 1);
    assert!(huge.len() >= 10 * 1024 * 1024);
    let t = Instant::now();
    let recs = extract(&huge, None);
    // A generous bound for a debug build on a shared machine; the point is "not quadratic".
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
    assert_eq!(recs.len(), 1);
    let weird = "(".repeat(3 * 1024 * 1024) + &"a ".repeat(1024 * 1024);
    assert!(extract(&weird, None).is_empty());
}

#[test]
fn html_is_stripped_and_decoded() {
    let html = "<html><head><title>x</title><style>p{}</style></head><body><nav>Home | U.S. District Judge Nav Person</nav>\
        <p>ST. LOUIS &ndash; Nathaniel O&#8217;Brien, 39, of Festus, Missouri, was sentenced&nbsp;today to 20 years in prison \
        for 18 U.S.C. &sect; 2251(a), the U.S. Attorney&#8217;s Office for the Eastern District of Missouri said.</p>\
        <script>var n = 'Jane Other, 40, of Nowhere, was sentenced';</script></body></html>";
    let text = caselink::extract::html::to_text(html);
    assert!(
        !text.contains('<')
            && !text.contains("&#8217;")
            && !text.contains("Nav Person")
            && !text.contains("Jane Other")
    );
    let recs = extract(html, None);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].defendant_name.as_deref(), Some("Nathaniel O’Brien"));
    assert_eq!(recs[0].statutes, ["18 U.S.C. § 2251"]);
    assert_eq!(recs[0].district.as_deref(), Some("moed"));
    assert_eq!(recs[0].sentence_months, Some(240));
}

/// A fresh scratch directory under the target dir (no temp-file crate needed).
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create scratch dir");
    d
}

#[test]
fn press_releases_table_from_extracted_records() {
    let two = std::fs::read_to_string(dir().join("073_alnd_two_defendants_unrelated.txt")).expect("fixture");
    let recs = extract(&two, None);
    let ids = vec!["two.txt"; recs.len()];
    let d = caselink::extract::to_press_releases(&recs, &ids).expect("dataset");
    assert_eq!(d.column_names(), caselink::extract::PRESS_COLUMNS);
    let col = |row: usize, c: &str| d.value(row, c).expect("column").map(str::to_string);
    assert_eq!(col(0, "release_id").as_deref(), Some("two.txt#1"));
    assert_eq!(col(1, "release_id").as_deref(), Some("two.txt#2"));
    assert_eq!(col(0, "date").as_deref(), Some("2024-04-15"));
    assert_eq!(col(1, "defendant_name").as_deref(), Some("Demarcus Lee Tolliver"));
    assert_eq!(col(1, "case_number").as_deref(), Some("2:23-cr-00077"));
    assert_eq!(col(1, "sentence_months").as_deref(), Some("97"));
    assert_eq!(col(1, "event").as_deref(), Some("sentenced"));
    assert_eq!(col(0, "text"), None);
    assert!(caselink::extract::to_press_releases(&recs, &["only-one"]).is_err());
}

/// `caselink trace --press-text DIR` (alone and together with --press) on a tiny set, through the
/// built binary.
#[test]
fn trace_press_text_end_to_end() {
    let root = scratch("press-text");
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).expect("docs dir");
    // A non-matching document and docket too: EM needs some non-matches to learn from.
    for f in ["001_tned_sentenced_today.txt", "073_alnd_two_defendants_unrelated.txt", "014_moed_html_sentenced.html"] {
        std::fs::copy(dir().join(f), docs.join(f)).expect("copy fixture");
    }
    std::fs::write(docs.join(".hidden"), "ignored").expect("hidden file");
    let dockets = root.join("dockets.csv");
    std::fs::write(
        &dockets,
        "docket_id,case_number,court_id,defendant_name,filed_date\n\
         d1,3:19-cr-00112,tned,Darren Lee Whitfield,2019-06-01\n\
         d2,2:23-cr-00140,alnd,Caleb Ross Huntley,2023-05-02\n\
         d3,2:23-cr-00077,alnd,Demarcus Lee Tolliver,2023-03-09\n\
         d4,4:19-cr-00001,moed,Someone Else Entirely,2019-01-01\n",
    )
    .expect("dockets");
    let press = root.join("press.csv");
    std::fs::write(
        &press,
        "release_id,date,district,defendant_name\n001_tned_sentenced_today.txt,2021-03-04,tned,Darren Whitfield\n",
    )
    .expect("press");

    let run = |out: &Path, with_press: bool| -> String {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_caselink"));
        cmd.arg("trace").arg("--dockets").arg(&dockets).arg("--press-text").arg(&docs).arg("--out").arg(out);
        if with_press {
            cmd.arg("--press").arg(&press);
        }
        let o = cmd.output().expect("run caselink");
        assert!(o.status.success(), "caselink trace failed: {}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(out.join("pairs.csv")).expect("pairs.csv")
    };
    let pairs = run(&root.join("out-text"), false);
    let linked = |pairs: &str, docket: &str, release: &str| {
        pairs.lines().any(|l| l.starts_with(&format!("docket,{docket},press_release,{release},")))
    };
    assert!(linked(&pairs, "d1", "001_tned_sentenced_today.txt"), "{pairs}");
    assert!(linked(&pairs, "d2", "073_alnd_two_defendants_unrelated.txt#1"), "{pairs}");
    assert!(linked(&pairs, "d3", "073_alnd_two_defendants_unrelated.txt#2"), "{pairs}");

    // With a press CSV too: the extracted rows are prefixed, so the same file name cannot clash.
    let pairs = run(&root.join("out-both"), true);
    assert!(linked(&pairs, "d3", "text:073_alnd_two_defendants_unrelated.txt#2"), "{pairs}");
    let clusters = std::fs::read_to_string(root.join("out-both/clusters.csv")).expect("clusters.csv");
    assert!(clusters.contains(",001_tned_sentenced_today.txt"), "{clusters}");
    assert!(clusters.contains("text:001_tned_sentenced_today.txt"), "{clusters}");
}
