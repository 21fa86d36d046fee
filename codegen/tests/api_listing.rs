//! `api.txt`, the listing of the generated crate's public Rust items
//! (`codegen/src/surface/`), on real crates: it holds every public item
//! the crate's files declare, and the enums a docs update grows are
//! `#[non_exhaustive]`, so that the change log may call a new member
//! additive.

use std::collections::BTreeSet;
use std::path::Path;

mod common;

fn crate_of(docs: &Path) -> Vec<codegen::write::GeneratedFile> {
    let (_, files) = codegen::generate(docs, "docs").expect("the crate is generated");
    files
}

fn listing(files: &[codegen::write::GeneratedFile]) -> &str {
    &files
        .iter()
        .find(|f| f.path == codegen::surface::FILE)
        .expect("the crate has api.txt")
        .contents
}

/// `(kind, name)` of every item a file declares at its top level with
/// `pub`, read from the printed text: prettyplease writes top-level items
/// unindented.
fn declared(files: &[codegen::write::GeneratedFile]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for f in files.iter().filter(|f| f.path.starts_with("src/")) {
        for line in f.contents.lines() {
            let Some(rest) = line.strip_prefix("pub ") else {
                continue;
            };
            let Some((kind, rest)) = rest.split_once(' ') else {
                continue;
            };
            if !["struct", "enum", "type", "trait", "const", "fn", "static"].contains(&kind) {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert((kind.to_string(), name));
        }
    }
    out
}

fn listed(listing: &str) -> BTreeSet<(String, String)> {
    listing
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (kind, rest) = l.split_once(' ')?;
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let name = path.trim_end_matches(':').rsplit("::").next()?.to_string();
            Some((kind.to_string(), name))
        })
        .collect()
}

fn check(files: &[codegen::write::GeneratedFile]) {
    let listing = listing(files);
    // One line per item: the comparison pairs lines by what they are
    // about, and two about one would pass for one.
    let read = codegen::surface::Listing::read(listing).expect("the listing reads");
    let item_lines = listing.lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(read.len(), item_lines, "two lines are about one item");
    let missing: Vec<_> = declared(files)
        .difference(&listed(listing))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "declared but not listed: {missing:?}");

    // Evolvable enums (they have `Other`) and field selectors are
    // non-exhaustive.
    let lines: Vec<&str> = listing.lines().collect();
    let mut open = 0;
    for line in &lines {
        let Some(path) = line
            .strip_prefix("variant ")
            .and_then(|l| l.split("(..)").next())
            .and_then(|p| p.strip_suffix("::Other"))
        else {
            continue;
        };
        let head = format!("enum {path}");
        let enum_line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{head} ")) || **l == head)
            .unwrap_or_else(|| panic!("no line for {head}"));
        assert!(
            enum_line
                .split("  if ")
                .next()
                .unwrap()
                .ends_with(" non_exhaustive"),
            "{enum_line}"
        );
        open += 1;
    }
    assert!(open > 0, "no evolvable enum in the listing");
    for line in lines.iter().filter(|l| l.starts_with("enum ")) {
        let name = line.split("  if ").next().unwrap();
        if name.contains("models::") && name.split_whitespace().nth(1).unwrap().ends_with("Field") {
            assert!(name.ends_with(" non_exhaustive"), "{line}");
        }
    }
}

#[test]
fn the_listing_of_the_spec_crate_holds_every_public_item() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    check(&crate_of(&spec));
}

#[test]
fn the_listing_of_the_2020_crate_holds_every_public_item() {
    let Some(docs) = common::corpus("graph-docs-2020") else {
        return;
    };
    check(&crate_of(&docs));
}
