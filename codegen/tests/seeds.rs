//! The seed pages, as IR: snapshots, plus the facts the issues state.

use codegen::ir::{ApiVersion, Ir, SchemePermissions};
use std::path::{Path, PathBuf};

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("spec")
}

/// The IR of one page of `spec/`, named as `regen` names it.
fn page_ir(rel: &str) -> Ir {
    let (loader, _) = codegen::loader_for(&spec(), "spec");
    codegen::build_ir(vec![loader.parse_page(rel)])
}

const SEEDS: &[(&str, &str)] = &[
    (
        "seed_000",
        "api-reference/v1.0/api/000_3e27d4bfb6c33434.txt",
    ),
    (
        "seed_001",
        "api-reference/beta/api/001_a28651d876debae6.txt",
    ),
    (
        "seed_002",
        "api-reference/beta/api/002_043aa74a19e213af.txt",
    ),
    (
        "seed_003",
        "api-reference/beta/api/003_a927c5b067b277cb.txt",
    ),
    (
        "seed_004",
        "api-reference/beta/api/004_cc190e1abbbd2867.txt",
    ),
];

#[test]
fn seed_ir_snapshots() {
    for (name, rel) in SEEDS {
        insta::assert_yaml_snapshot!(*name, page_ir(rel));
    }
}

#[test]
fn seeds_are_byte_for_byte_copies() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!("../shared/seeds is absent; skipping the byte-for-byte comparison");
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let (_, rel) = SEEDS
            .iter()
            .find(|(_, rel)| rel.ends_with(&name))
            .expect("every seed is in spec/");
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(spec().join(rel)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn rendered_and_markdown_twins_agree() {
    // Seeds 002 (rendered) and 003 (Markdown) are one page in two forms.
    let a = page_ir(SEEDS[2].1);
    let b = page_ir(SEEDS[3].1);
    let (x, y) = (&a.operations[0], &b.operations[0]);
    assert_eq!(x.version, y.version);
    assert_eq!(x.endpoints.len(), y.endpoints.len());
    assert_eq!(
        (&x.endpoints[0].method, &x.endpoints[0].path),
        (&y.endpoints[0].method, &y.endpoints[0].path)
    );
    assert_eq!(x.query_options, y.query_options);
    assert_eq!(
        x.request_headers
            .iter()
            .map(|h| &h.name)
            .collect::<Vec<_>>(),
        y.request_headers
            .iter()
            .map(|h| &h.name)
            .collect::<Vec<_>>()
    );
    assert_eq!(x.request_body, y.request_body);
    assert_eq!(x.response.status, y.response.status);
    let req = |ir: &Ir| {
        ir.operations[0].examples[0]
            .request
            .as_ref()
            .map(|r| (r.method.clone(), r.url.clone()))
    };
    assert_eq!(req(&a), req(&b));
    assert_eq!(
        a.enums[0].members, b.enums[0].members,
        "capitalised prose maps to the same wire values"
    );
    assert_eq!(a.enums[0].terminal, vec!["succeeded", "failed"]);
    // The same permissions apart from what the newer table changed: 002
    // splits self/others, 003's include has one table; the names per
    // scheme are the same, and what is not supported stays so.
    let names = |op: &codegen::ir::Operation, scheme: usize| {
        let mut all: Vec<String> = op
            .permissions
            .iter()
            .flat_map(|set| match set.schemes()[scheme].1 {
                SchemePermissions::Listed { least, higher } => {
                    least.iter().chain(higher).cloned().collect::<Vec<_>>()
                }
                _ => Vec::new(),
            })
            .collect();
        all.sort();
        all.dedup();
        all
    };
    for scheme in 0..3 {
        assert_eq!(names(x, scheme), names(y, scheme), "scheme {scheme}");
    }
    assert_eq!(
        y.permissions[0].application,
        SchemePermissions::not_supported()
    );
    assert!(x
        .permissions
        .iter()
        .all(|s| s.application == SchemePermissions::not_supported()));
    // Where they differ, the newer include table of 003 changed the lists.
    assert!(
        matches!(&y.permissions[0].delegated_work, SchemePermissions::Listed { least, .. } if least == &["UserAuthenticationMethod.Read.All"])
    );
}

#[test]
fn whole_spec_has_one_operation_per_endpoint_and_names_the_conflict() {
    let ir = codegen::load_ir(&spec(), "spec");
    let mut keys: Vec<(ApiVersion, String, String)> = ir
        .operations
        .iter()
        .flat_map(|o| {
            o.endpoints.iter().map(move |e| {
                (
                    o.version,
                    e.method.clone(),
                    codegen::parse::http::path_key(&e.path),
                )
            })
        })
        .collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total, "an endpoint belongs to two operations");
    assert!(ir
        .diagnostics
        .iter()
        .any(|d| d.code == codegen::diagnostics::Code::ConflictingFacts
            && d.message.contains("microsoft.graph.operation")
            && d.message.contains("microsoft.graph.longRunningOperation")));
}

#[test]
fn output_does_not_depend_on_page_order() {
    let (loader, _) = codegen::loader_for(&spec(), "spec");
    let mut pages: Vec<String> = codegen::parse::list_pages(&spec());
    let forward =
        codegen::emit::generate(&codegen::build_ir(codegen::parse_pages(&loader, &pages))).unwrap();
    pages.reverse();
    let half = pages.len() / 2;
    pages.rotate_left(half);
    let shuffled =
        codegen::emit::generate(&codegen::build_ir(codegen::parse_pages(&loader, &pages))).unwrap();
    assert_eq!(forward, shuffled);
    // One page at a time on one thread gives the same bytes as all cores.
    let sequential: Vec<_> = pages.iter().map(|p| loader.parse_page(p)).collect();
    let one_core = codegen::emit::generate(&codegen::build_ir(sequential)).unwrap();
    assert_eq!(forward, one_core);
}

#[test]
fn field_enums_only_for_models_that_select_operations_return() {
    let (loader, _) = codegen::loader_for(&spec(), "spec");
    let pages: Vec<String> = codegen::parse::list_pages(&spec());
    let files =
        codegen::emit::generate(&codegen::build_ir(codegen::parse_pages(&loader, &pages))).unwrap();
    let models: String = files
        .iter()
        .filter(|f| f.path.starts_with("src/v1/models"))
        .map(|f| f.contents.as_str())
        .collect();
    // `GET /groups/{id}/members` supports every query option and returns
    // directory objects: their properties can be selected.
    assert!(models.contains("pub enum DirectoryObjectField {"));
    assert!(models.contains("type Field = DirectoryObjectField;"));
    // `POST .../resetPassword` takes no query options: its response is a
    // model without a `Field` enum.
    assert!(models.contains("pub type PasswordResetResponse = crate::support::Model<"));
    assert!(!models.contains("PasswordResetResponseField"));
}
