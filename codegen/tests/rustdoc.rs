//! The question "which permission does this call need?" is answered where
//! developers look: the rendered rustdoc of a request function shows its
//! method and path, its permission table and a link to its source page.
//! This builds the docs of the committed crate and reads the HTML.

use std::path::Path;
use std::process::Command;

#[test]
fn rendered_docs_of_a_request_show_its_permissions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // A target folder of its own: the outer `cargo test` holds the main one.
    let target = root.join("target/rustdoc-check");
    // Warnings are errors: the docs' prose must not read as rustdoc's own
    // links, tags or bare URLs (see `emit/doc_text.rs`).
    let status = Command::new(env!("CARGO"))
        .current_dir(&root)
        .env("RUSTDOCFLAGS", "-D warnings")
        .args([
            "doc",
            "--quiet",
            "--no-deps",
            "-p",
            "graph-generated",
            "--target-dir",
        ])
        .arg(&target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo doc failed or warned");
    let page = target
        .join("doc/graph_generated/beta/requests/type.UsersItemAuthenticationOperationsItem.html");
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    for expected in [
        "GET /users/{id | userPrincipalName}/authentication/operations/{id}",
        "Least privileged",
        "Higher privileged",
        "UserAuthenticationMethod.Read.All",
        "Delegated (personal Microsoft account)",
        "not supported",
        "003_a927c5b067b277cb.txt",
    ] {
        assert!(
            html.contains(expected),
            "`{expected}` is not in {}",
            page.display()
        );
    }
    // Markdown source pages link to their published page.
    let v1 = target
        .join("doc/graph_generated/v1/requests/type.UsersItemAuthenticationOperationsItem.html");
    let html = std::fs::read_to_string(&v1).unwrap_or_else(|e| panic!("{}: {e}", v1.display()));
    assert!(html.contains(
        "href=\"https://learn.microsoft.com/graph/api/authenticationoperation-get?view=graph-rest-1.0\""
    ));
}
