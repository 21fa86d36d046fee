//! Helpers of the integration tests that generate a crate: building the IR
//! of pages held in memory, looking into the printed files, and cargo on a
//! generated crate in a target folder of its own (the workspace's is
//! locked while the tests run), warnings as errors.
// Each test binary uses some of these.
#![allow(dead_code)]

pub mod render;

use codegen::ir::Ir;
use codegen::parse::Loader;
use codegen::write::GeneratedFile;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A tree of `../shared/corpus`, or `None` (said on stderr) when the
/// corpus is absent: a clone outside the workplace checks nothing with it.
pub fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "corpus folder {} is absent; this test checks nothing",
            dir.display()
        );
        None
    }
}

const PERMISSIONS: &str = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
    |Delegated (work or school account)|Mail.Read|\n|Delegated (personal Microsoft account)|Mail.Read|\n|Application|Mail.Read|\n\n";

/// An API page of the `outlook` area: title, HTTP request lines, and an
/// example (request line, response body) when given.
pub fn api_page(title: &str, requests: &[&str], example: Option<(&str, &str)>) -> String {
    let mut text = format!(
        "---\ntitle: \"{title}\"\nms.prod: \"outlook\"\n---\n# {title}\n\n{PERMISSIONS}## HTTP request\n\n```http\n{}\n```\n",
        requests.join("\n")
    );
    if let Some((request, body)) = example {
        text.push_str(&format!(
            "\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n```http\n{request}\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        ));
    }
    text
}

/// The IR of pages given as (root-relative path, text).
pub fn ir_of(pages: &[(String, String)]) -> Ir {
    ir_keeping(pages, &codegen::ir::kept_names::KeptNames::default())
}

/// [`ir_of`], with the request-body names of a crate kept.
pub fn ir_keeping(pages: &[(String, String)], kept: &codegen::ir::kept_names::KeptNames) -> Ir {
    let names: Vec<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    let loader = Loader::memory(pages.iter().cloned().collect());
    codegen::build_ir_keeping(codegen::parse_pages(&loader, &names), kept)
}

/// The operation with an endpoint of `method` at `path`.
pub fn operation<'i>(ir: &'i Ir, method: &str, path: &str) -> Option<&'i codegen::ir::Operation> {
    ir.operations.iter().find(|o| {
        o.endpoints
            .iter()
            .any(|e| e.method == method && e.path == path)
    })
}

/// The diagnostics of the IR with one code, in the IR's order.
pub fn said(ir: &Ir, code: codegen::diagnostics::Code) -> Vec<&codegen::diagnostics::Diagnostic> {
    ir.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The text of one generated file.
pub fn file<'f>(files: &'f [GeneratedFile], path: &str) -> &'f str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

/// The generated files whose path starts with `prefix`, as one text.
pub fn joined(files: &[GeneratedFile], prefix: &str) -> String {
    files
        .iter()
        .filter(|f| f.path.starts_with(prefix))
        .map(|f| f.contents.as_str())
        .collect()
}

/// The builder files of `module` (`v1`, `beta`), as one text.
pub fn builders(files: &[GeneratedFile], module: &str) -> String {
    joined(files, &format!("src/{module}/requests"))
}

/// The body of `impl <ty> { ... }` in printed builder files.
pub fn impl_block<'t>(text: &'t str, ty: &str) -> Option<&'t str> {
    let start = text.find(&format!("impl {ty} {{"))?;
    let end = text[start..].find("\n}\n")?;
    Some(&text[start..start + end])
}

/// The target folder of cargo runs started by tests.
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/hostile-check")
}

/// `cargo <args> --target-dir` [`target_dir`] in `dir`, warnings as errors.
pub fn cargo_strict(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("RUSTFLAGS", "-D warnings")
        .args(args)
        .arg("--target-dir")
        .arg(target_dir())
        .output()
        .expect("cargo runs")
}

/// Writes the crate to a temporary folder, runs `cargo <args>` on it
/// (see [`cargo_strict`]) and gives back its standard output. Fails the
/// test with cargo's output when the command fails.
pub fn cargo_on(name: &str, files: &[GeneratedFile], args: &[&str]) -> String {
    // The crate and the lock file regen keeps beside it both go with the
    // folder, even when the test fails.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    codegen::write::write(&out, files).unwrap();
    let output = cargo_strict(&out, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Every identifier of a token stream, recursively; literals (strings,
/// doc comments) are not identifiers.
pub fn idents(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

/// Writes the crate to a temporary folder and runs its `builders` and
/// `e2e` tests (v1, every area, reqwest); how many passed in each. Fails
/// the test with cargo's output when they do not compile or pass.
pub fn run_builder_and_e2e_tests(name: &str, files: &[GeneratedFile]) -> (usize, usize) {
    let stdout = cargo_on(
        name,
        files,
        &[
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            "v1,full,reqwest",
            "--test",
            "builders",
            "--test",
            "e2e",
        ],
    );
    // One result line per test binary, in name order: builders, e2e.
    let passed: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split_once(" passed")?.0.parse().ok())
        .collect();
    match passed[..] {
        [builders, e2e] => (builders, e2e),
        _ => panic!("expected two test binaries:\n{stdout}"),
    }
}
