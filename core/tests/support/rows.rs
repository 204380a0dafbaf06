//! Building test datasets row by row.

#![allow(dead_code)]

/// Push one row given by (column, value) onto `d`; other columns stay empty. Returns its row.
pub fn push(d: &mut caselink::Dataset, values: &[(&str, &str)]) -> u32 {
    let names: Vec<String> = d.column_names().iter().map(|s| s.to_string()).collect();
    let row: Vec<Option<&str>> = names.iter().map(|n| values.iter().find(|(c, _)| c == n).map(|(_, v)| *v)).collect();
    d.push_row(&row).unwrap();
    (d.len() - 1) as u32
}
