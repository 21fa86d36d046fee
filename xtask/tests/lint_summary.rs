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

#[test]
fn notes_are_counted_apart_from_warnings() {
    // A conceptual page that gives nothing is a note (`D0009`), listed
    // like the API page's warning and counted apart.
    let docs = tempfile::tempdir().unwrap();
    let api = docs.path().join("api-reference/v1.0/api");
    let resources = docs.path().join("api-reference/v1.0/resources");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::create_dir_all(&resources).unwrap();
    std::fs::write(
        resources.join("overview.md"),
        "---\ntitle: \"Overview\"\ndoc_type: conceptualPageType\n---\n# Overview\n\nAbout the area.\n",
    )
    .unwrap();
    std::fs::write(
        api.join("user-get.md"),
        "---\ntitle: \"Get user\"\ndoc_type: apiPageType\n---\n# Get user\n\nGets a user.\n\n\
         ## HTTP request\n\n```http\nGET /users/{id}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [user](../resources/user.md) object in the response body.\n",
    )
    .unwrap();
    let lint = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("lint")
            .args(extra)
            .arg("--docs")
            .arg(docs.path())
            .output()
            .expect("xtask runs")
    };
    let human = lint(&[]);
    let listed = String::from_utf8_lossy(&human.stdout).into_owned();
    let said = String::from_utf8_lossy(&human.stderr).into_owned();
    assert!(listed.contains("overview.md:5:1: info[D0009]"), "{listed}");
    assert!(
        said.trim_end().ends_with("0 errors, 1 warning, 1 note"),
        "{said}"
    );
    assert!(human.status.success(), "{said}");
}
