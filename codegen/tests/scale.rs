//! Pages far larger than any of the docs' own: two hundred thousand rows of
//! properties (on two pages of one resource), of request body parameters,
//! of enum members, and as many request lines and examples.
//! Each took minutes or hours before: every row was compared with every
//! row before it. Now each row costs the same, and a page gives at most
//! 1,000 request lines and 1,000 examples (`D0006`), as every example is
//! matched against every endpoint. A watchdog fails the test if the tree
//! keeps the pipeline busy for over three minutes (in a debug build it
//! takes seconds); this guards against a hang, it is not a speed goal.

use codegen::diagnostics::Code;
use codegen::parse::Loader;
use std::collections::BTreeMap;
use std::fmt::Write;

const ROWS: usize = 200_000;

fn table(header: &str, row: impl Fn(usize) -> String) -> String {
    let columns = header.matches('|').count() - 1;
    let mut out = format!("{header}\n|{}\n", ":---|".repeat(columns));
    for i in 0..ROWS {
        out.push_str(&row(i));
    }
    out
}

fn resource(name: &str, properties: &str) -> String {
    format!(
        "# {name} resource type\n\n## Properties\n\n{properties}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{\"p0\": \"String\"}}\n```\n"
    )
}

fn tree() -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let properties = table("|Property|Type|Description|", |i| {
        format!("|p{i}|String|d|\n")
    });
    pages.insert(
        "v1.0/resources/wide.md".into(),
        resource("wide", &properties),
    );
    pages.insert(
        "v1.0/resources/wide-again.md".into(),
        resource("wide", &properties),
    );
    pages.insert(
        "v1.0/resources/widekind.md".into(),
        format!(
            "# wideKind enum type\n\n## Members\n\n{}",
            table("|Member|Value|Description|", |i| format!("|m{i}|{i}|d|\n"))
        ),
    );
    pages.insert(
        "v1.0/api/wide-act.md".into(),
        format!(
            "# Act\n\n## HTTP request\n\n```http\nPOST /wide/act\n```\n\n## Request body\n\n{}",
            table("|Parameter|Type|Description|", |i| format!(
                "|a{i}|String|d|\n"
            ))
        ),
    );
    let mut lines = String::new();
    let mut examples = String::new();
    for i in 0..ROWS {
        writeln!(lines, "GET /x{i}\nGET /x{i}/p").unwrap();
    }
    for i in 0..ROWS / 10 {
        write!(
            examples,
            "<!-- {{ \"blockType\": \"request\", \"name\": \"e{i}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/x{i}\n```\n\n"
        )
        .unwrap();
    }
    pages.insert(
        "v1.0/api/many.md".into(),
        format!("# Get x\n\n## HTTP request\n\n```http\n{lines}```\n\n## Examples\n\n{examples}"),
    );
    pages
}

#[test]
fn pages_of_two_hundred_thousand_rows_cost_each_row_the_same() {
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watched = done.clone();
    std::thread::spawn(move || {
        for _ in 0..180 {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if watched.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
        }
        // Past the test harness's capture of `eprintln!`, which would keep
        // the reason from the log of a run that aborts.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"scale: the tree kept the pipeline busy for over three minutes\n",
        );
        std::process::abort();
    });

    let files = tree();
    let pages: Vec<String> = files.keys().cloned().collect();
    let loader = Loader::memory(files);
    let ir = codegen::build_ir(codegen::parse_pages(&loader, &pages));
    done.store(true, std::sync::atomic::Ordering::SeqCst);

    let wide = ir.models.iter().find(|m| m.name == "microsoft.graph.wide");
    assert_eq!(wide.map(|m| m.properties.len()), Some(ROWS));
    let kind = ir
        .enums
        .iter()
        .find(|e| e.name == "microsoft.graph.wideKind");
    assert_eq!(kind.map(|e| e.members.len()), Some(ROWS));
    let body = ir
        .operations
        .iter()
        .find(|o| o.endpoints[0].path == "/wide/act")
        .and_then(|o| o.request_body.type_name.clone())
        .and_then(|t| ir.models.iter().find(|m| m.name == t));
    assert_eq!(body.map(|m| m.properties.len()), Some(ROWS));

    let endpoints: usize = ir
        .operations
        .iter()
        .filter(|o| o.sources[0].file.ends_with("many.md"))
        .map(|o| o.endpoints.len())
        .sum();
    assert_eq!(endpoints, codegen::parse::page::MAX_PER_PAGE);
    let full: Vec<_> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PageTooLarge)
        .collect();
    assert_eq!(full.len(), 2, "request lines and examples: {full:?}");
}

/// A chain of bases two thousand deep: each model gathers its bases'
/// properties, so the last would hold two thousand and the tree two
/// million. Bases are gathered 32 deep at most, and the cut is said.
#[test]
fn a_chain_of_thousands_of_bases_is_cut() {
    let mut files = BTreeMap::new();
    for i in 0..2000 {
        let base = if i > 0 {
            format!("\"baseType\": \"microsoft.graph.t{}\", ", i - 1)
        } else {
            String::new()
        };
        files.insert(
            format!("v1.0/resources/t{i}.md"),
            format!(
                "# t{i} resource type\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|q{i}|String|d|\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", {base}\"@odata.type\": \"microsoft.graph.t{i}\" }} -->\n```json\n{{\"q{i}\": \"String\"}}\n```\n"
            ),
        );
    }
    let pages: Vec<String> = files.keys().cloned().collect();
    let ir = codegen::build_ir(codegen::parse_pages(&Loader::memory(files), &pages));
    let widest = ir.models.iter().map(|m| m.properties.len()).max();
    assert_eq!(widest, Some(33), "its own, and 32 levels of bases");
    let t10 = ir.models.iter().find(|m| m.name == "microsoft.graph.t10");
    assert_eq!(
        t10.map(|m| m.properties.len()),
        Some(11),
        "a chain under the cut is whole"
    );
    assert!(ir
        .diagnostics
        .iter()
        .any(|d| d.message.contains("go more than 32 deep")));
}
