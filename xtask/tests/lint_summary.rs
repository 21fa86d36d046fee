//! `cargo xtask lint` ends with its diagnostics counted by code, each with
//! what the code means: a tree gives hundreds, and the counts say where to
//! start. They agree with the diagnostics themselves (`--format json`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

#[test]
fn lint_counts_its_diagnostics_by_code() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let lint = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["lint", "--format", format, "--docs"])
            .arg(&spec)
            .output()
            .expect("xtask runs")
    };
    let json = lint("json");
    let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for d in &diagnostics {
        *expected
            .entry(d["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert!(
        expected.len() > 1,
        "spec/ gives several codes: {expected:?}"
    );

    let human = lint("human");
    let said = String::from_utf8_lossy(&human.stderr).into_owned();
    let mut counted: BTreeMap<String, usize> = BTreeMap::new();
    for line in said.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [n, code, meaning @ ..] = words.as_slice() {
            if code.len() == 5 && code.starts_with(['C', 'D']) && !meaning.is_empty() {
                counted.insert(code.to_string(), n.parse().expect("a count"));
            }
        }
    }
    assert_eq!(counted, expected, "{said}");
    assert!(
        said.contains("  D0"),
        "each line names its code and what it means: {said}"
    );
    assert!(
        said.trim_end()
            .ends_with(&format!("0 errors, {} warnings", diagnostics.len())),
        "{said}"
    );
}
