//! `caselink link` accounts for every row it reads: linked + unlinked + rejected = read.

use std::process::Command;

#[test]
fn link_summary_accounts_for_every_row() {
    let dir = std::env::temp_dir().join(format!("caselink-cli-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let spec = dir.join("spec.json");
    std::fs::write(
        &spec,
        r#"{"unique_id": "id",
            "comparisons": [{"type": "string", "column": "name", "metric": "jaro_winkler", "thresholds": [0.9]},
                            {"type": "exact", "column": "dob"}],
            "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "dob"}]}],
            "model": {"prior": 0.01}}"#,
    )
    .expect("spec");
    let people = dir.join("people.csv");
    // Rows 1 and 2 are one person; row 3 stands alone; the ragged row is rejected.
    std::fs::write(
        &people,
        "id,name,dob\n1,john smith,1980-01-02\n2,jon smith,1980-01-02\n3,mary jones,1975-05-06\n4,too,many,fields\n",
    )
    .expect("csv");
    let out = dir.join("pairs.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_caselink"))
        .args(["link", "--spec"])
        .arg(&spec)
        .arg(&people)
        .arg("--out")
        .arg(&out)
        .args(["--model-out"])
        .arg(dir.join("m.bin"))
        .output()
        .expect("run caselink");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("people.csv:5: expected 3 fields, found 4"), "{stderr}");
    // "4 records read = L linked + U unlinked + 1 rejected"
    let line = stderr.lines().find(|l| l.contains("records read =")).expect("summary line");
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .take(4)
        .map(|t| t.parse().expect("number"))
        .collect();
    let (read, linked, unlinked, rejected) = (nums[0], nums[1], nums[2], nums[3]);
    assert_eq!((read, rejected), (4, 1), "{line}");
    assert_eq!(read, linked + unlinked + rejected, "{line}");
    let pairs = std::fs::read_to_string(&out).expect("pairs");
    let ids: std::collections::HashSet<&str> = pairs.lines().skip(1).flat_map(|l| l.split(',').take(2)).collect();
    assert_eq!(ids.len(), linked, "linked = distinct ids in the pairs file: {pairs}");
    std::fs::remove_dir_all(&dir).ok();
}
