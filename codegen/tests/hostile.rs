//! A hostile docs tree (`tests/fixtures/hostile`, plus pages made here: a
//! 10 MB page, 1,000-deep JSON, invalid UTF-8, an include loop, includes and
//! symlinks that leave the root). Result: diagnostics, no panic, nothing
//! written while an error stands, and once the escaping pages are gone a
//! generated crate that compiles and holds no code the docs smuggled in.

use codegen::diagnostics::{Code, Severity};
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fn hostile_tree(name: &str) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let root = std::env::temp_dir().join(format!("graph-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_tree(&fixture, &root);
    let api = root.join("api-reference/v1.0/api");
    // A 10 MB page.
    let mut huge = String::from("# Huge\n\n## HTTP request\n\n```http\nGET /huge\n```\n\n");
    while huge.len() < 10 * 1024 * 1024 {
        huge.push_str("| a | b | c |\n|---|---|---|\n| x | y | z |\n\nSome text with `code` and [a link](x.md).\n\n");
    }
    std::fs::write(api.join("huge.md"), huge).unwrap();
    // 1,000-deep JSON in an example body.
    let deep = format!(
        "# Deep\n\n## HTTP request\n\n```http\nGET /deep\n```\n\n## Examples\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{}{}\n```\n",
        "[".repeat(1000),
        "]".repeat(1000)
    );
    std::fs::write(api.join("deep.md"), deep).unwrap();
    // Invalid UTF-8.
    std::fs::write(
        api.join("latin1.md"),
        b"# Caf\xe9\n\n## HTTP request\n\n```http\nGET /caf\xe9\n```\n",
    )
    .unwrap();
    root
}

#[test]
fn hostile_docs_give_diagnostics_and_change_nothing() {
    let root = hostile_tree("diagnostics");
    #[cfg(unix)]
    {
        let outside = root.with_extension("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.md"), "|Application|Secret.Read|\n").unwrap();
        std::os::unix::fs::symlink(
            outside.join("secret.md"),
            root.join("api-reference/v1.0/includes/link.md"),
        )
        .unwrap();
        std::fs::write(
            root.join("api-reference/v1.0/api/link.md"),
            "# Link\n\n## Permissions\n\n[!INCLUDE [p](../includes/link.md)]\n\n## HTTP request\n\n```http\nGET /link\n```\n",
        )
        .unwrap();
    }
    let docs = root.join("api-reference/v1.0");
    let out = root.with_extension("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "hand-written").unwrap();

    let ir = codegen::load_ir(&docs, "hostile");
    let codes: Vec<Code> = ir.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::IncludeEscapesRoot), "{codes:?}");
    assert!(codes.contains(&Code::IncludeCycle), "{codes:?}");
    assert!(codes.contains(&Code::InvalidUtf8), "{codes:?}");
    assert!(ir
        .diagnostics
        .iter()
        .all(|d| d.line >= 1 && !d.file.is_empty()));
    assert!(!format!("{:?}", ir.operations).contains("Secret.Read"));

    // An error stands: regen writes nothing.
    match codegen::generate(&docs, "hostile") {
        Err(codegen::RegenError::Diagnostics(errors)) => {
            assert!(errors.iter().all(|d| d.severity == Severity::Error))
        }
        other => panic!(
            "expected the errors to stop the regen, got {:?}",
            other.map(|_| ())
        ),
    }
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["keep.txt"]);
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(root.with_extension("outside"));
    let _ = std::fs::remove_dir_all(&out);
}

/// Every identifier of a token stream, recursively; literals (strings,
/// doc comments) are not identifiers.
fn idents(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

/// Whether `any()` with nothing inside appears as code.
fn empty_any(tokens: proc_macro2::TokenStream) -> bool {
    let list: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
    list.iter().enumerate().any(|(i, t)| match t {
        proc_macro2::TokenTree::Ident(id) if id == "any" => matches!(
            list.get(i + 1),
            Some(proc_macro2::TokenTree::Group(g)) if g.stream().is_empty()
        ),
        proc_macro2::TokenTree::Group(g) => empty_any(g.stream()),
        _ => false,
    })
}

#[test]
fn the_crate_of_a_hostile_tree_compiles_and_holds_only_what_the_docs_define() {
    let root = hostile_tree("crate");
    std::fs::remove_file(root.join("api-reference/v1.0/api/loop.md")).unwrap();
    let docs = root.join("api-reference/v1.0");
    let (ir, files) =
        codegen::generate(&docs, "hostile").expect("no errors once the escaping include is gone");
    // A path with quotes in it is noise, not a path; keyword parameters are fine.
    assert!(!ir
        .operations
        .iter()
        .any(|o| o.endpoints.iter().any(|e| e.path.contains('"'))));
    assert!(ir.diagnostics.iter().any(|d| d.code == Code::PathNoise));
    assert!(ir.operations.iter().any(|o| o
        .endpoints
        .iter()
        .any(|e| e.path == "/type/{type}/ref/{ref}/self/{self}/{0abc}")));

    // No smuggled code: `process`, `exit`, `panic` and `evil` appear only in
    // string literals and doc comments.
    for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let tokens: proc_macro2::TokenStream = f.contents.parse().expect("generated Rust lexes");
        let mut names = Vec::new();
        idents(tokens, &mut names);
        for bad in ["process", "exit", "evil"] {
            assert!(
                !names.iter().any(|n| n == bad),
                "`{bad}` is code in {}",
                f.path
            );
        }
        // No attribute of the docs' choosing: the only `cfg`s are feature
        // gates, never the docs' `#[cfg(any())]`.
        let tokens: proc_macro2::TokenStream = f.contents.parse().expect("generated Rust lexes");
        assert!(!empty_any(tokens), "`cfg(any())` in {}", f.path);
        assert!(
            !f.contents.contains('\u{202e}'),
            "a bidi control character in {}",
            f.path
        );
    }

    // And it compiles.
    let out = root.with_extension("crate");
    codegen::write::write(&out, &files).unwrap();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/hostile-check");
    let status = Command::new(env!("CARGO"))
        .current_dir(&out)
        .env("RUSTFLAGS", "-D warnings")
        .args(["check", "--quiet", "--no-default-features", "--target-dir"])
        .arg(&target)
        .status()
        .expect("cargo runs");
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        status.success(),
        "the generated crate does not compile without warnings"
    );
}
