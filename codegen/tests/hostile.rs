//! A hostile docs tree (`tests/fixtures/hostile`, plus pages made here: a
//! 10 MB page, 1,000-deep JSON, invalid UTF-8, an include loop, includes
//! that fan out to 2^30 reads, a request line of 5,000 segments, includes
//! and symlinks that leave the root). Result: diagnostics, no panic, nothing
//! written while an error stands, and once the escaping pages are gone a
//! generated crate that compiles and holds no code the docs smuggled in.

use codegen::diagnostics::{Code, Severity};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

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

/// The tree, in a temporary folder that also holds whatever the test puts
/// beside it (`root.with_extension(..)`: the crate, the lock file regen
/// keeps beside that, the folder outside the root): all of it goes with
/// the folder, even when the test fails.
fn hostile_tree(name: &str) -> (tempfile::TempDir, PathBuf) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
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
    // Thirty includes that each include the next one twice: 2^30 reads
    // if nothing stops them.
    let includes = root.join("api-reference/v1.0/includes");
    std::fs::write(
        api.join("fanout.md"),
        "# Fan out\n\n## Permissions\n\n[!INCLUDE [p](../includes/fan-0.md)]\n\n## HTTP request\n\n```http\nGET /fanout\n```\n",
    )
    .unwrap();
    for i in 0..30 {
        let next = format!("[!INCLUDE [p](fan-{}.md)]\n\n", i + 1);
        std::fs::write(includes.join(format!("fan-{i}.md")), next.repeat(2)).unwrap();
    }
    std::fs::write(
        includes.join("fan-30.md"),
        "|Permission type|Permissions|\n|:---|:---|\n|Application|Fan.Read|\n",
    )
    .unwrap();
    // A request line of 5,000 segments: each is a builder below the last,
    // and the emitter's recursion overflowed its stack.
    let deep: String = (0..5000).map(|i| format!("/s{i}")).collect();
    std::fs::write(
        api.join("deep-path.md"),
        format!("# Deep path\n\n## HTTP request\n\n```http\nGET {deep}\n```\n"),
    )
    .unwrap();
    // Invalid UTF-8.
    std::fs::write(
        api.join("latin1.md"),
        b"# Caf\xe9\n\n## HTTP request\n\n```http\nGET /caf\xe9\n```\n",
    )
    .unwrap();
    (dir, root)
}

#[test]
fn hostile_docs_give_diagnostics_and_change_nothing() {
    let (_dir, root) = hostile_tree("diagnostics");
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
        .any(|d| d.code == Code::PathNoise && d.message.contains("more than 64 segments")));
    assert_eq!(
        codes.iter().filter(|c| **c == Code::IncludeLimit).count(),
        1,
        "{codes:?}"
    );
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
}

/// The values of the raw string literals of a token stream, recursively.
fn raw_strings(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Literal(l) if l.to_string().starts_with("r#") => {
                let lit: syn::LitStr = syn::parse_str(&l.to_string()).expect("a string literal");
                out.push(lit.value());
            }
            proc_macro2::TokenTree::Group(g) => raw_strings(g.stream(), out),
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
    let (_dir, root) = hostile_tree("crate");
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
        common::idents(tokens, &mut names);
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

    // A model is `Model` over its properties struct, named after every
    // type: `evilThingProperties` keeps its name, and the properties of
    // `evilThing` take the next free one. A property named like the
    // model's unknown properties is renamed; one named like its private
    // field reads through as it is.
    let models: String = common::joined(&files, "src/v1/models");
    for decl in [
        "pub type EvilThing = crate::support::Model<EvilThingProperties2>;",
        "pub struct EvilThingProperties2 {",
        "pub type EvilThingProperties = crate::support::Model<EvilThingPropertiesProperties>;",
        "pub struct EvilThingPropertiesProperties {",
        "pub additional_data_2: ::std::option::Option<::std::string::String>,",
        "pub properties: ::std::option::Option<::std::string::String>,",
        "pub struct EmptyThingProperties {}",
    ] {
        assert!(models.contains(decl), "no `{decl}` in\n{models}");
    }

    // The permission tables are JSON in raw string literals, ASCII only:
    // each one reads back holding the docs' text as it was (the path of the
    // Latin-1 page, with its replacement character).
    let mut tables = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("src/permissions/"))
    {
        assert!(f.contents.is_ascii(), "{} is not ASCII", f.path);
        let tokens: proc_macro2::TokenStream = f.contents.parse().expect("generated Rust lexes");
        raw_strings(tokens, &mut tables);
    }
    let tables: Vec<serde_json::Value> = tables
        .iter()
        .map(|t| serde_json::from_str(t).expect("a table is JSON"))
        .collect();
    let routes: Vec<&str> = tables
        .iter()
        .flat_map(|t| t["operations"].as_array().into_iter().flatten())
        .flat_map(|op| op["routes"].as_array().into_iter().flatten())
        .filter_map(|r| r[1].as_str())
        .collect();
    assert!(routes.contains(&"/caf\u{fffd}"), "{routes:?}");
    assert!(
        routes.contains(&"/type/{type}/ref/{ref}/self/{self}/{0abc}"),
        "{routes:?}"
    );

    // And it compiles, permission tables included.
    let out = root.with_extension("crate");
    codegen::write::write(&out, &files).unwrap();
    let output = common::cargo_strict(
        &out,
        &[
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            "v1,full",
        ],
    );
    assert!(
        output.status.success(),
        "the generated crate does not compile without warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Its docs build without a rustdoc warning: the docs' prose is
    // Markdown for learn.microsoft.com, with brackets, tags and bare URLs
    // that rustdoc would read as its own (`evil.md`'s `address`).
    let output = Command::new(env!("CARGO"))
        .current_dir(&out)
        .env("RUSTDOCFLAGS", "-D warnings")
        .args([
            "doc",
            "--quiet",
            "--no-deps",
            "--no-default-features",
            "--features",
            "v1,full",
            "--target-dir",
        ])
        .arg(common::target_dir())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated crate's docs warn:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // And its permission tables read at run time: a program that depends
    // on the crate lists every operation the tables hold.
    let program = root.with_extension("reader");
    std::fs::create_dir_all(program.join("src")).unwrap();
    std::fs::write(
        program.join("Cargo.toml"),
        format!(
            "[package]\nname = \"reader\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\ngraph-generated = {{ path = {:?}, default-features = false, features = [\"v1\", \"full\"] }}\n\n[workspace]\n",
            out.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        program.join("src/main.rs"),
        concat!(
            "fn main() {\n",
            "    for op in graph_generated::permissions::operations() {\n",
            "        println!(\"{}\", op.id);\n",
            "    }\n",
            "    let mut thing = graph_generated::v1::models::EvilThing::default();\n",
            "    thing.properties = Some(\"p\".into());\n",
            "    thing.additional_data_2 = Some(\"a\".into());\n",
            "    eprintln!(\"{thing:?}\");\n",
            "}\n",
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO"))
        .current_dir(&program)
        .args(["run", "--quiet", "--target-dir"])
        .arg(common::target_dir())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "reading the permission tables failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let documented: Vec<String> = ir.operations.iter().map(|o| o.id.clone()).collect();
    assert_eq!(read, documented);
    // The properties named like the model's own fields are set through it.
    let printed = String::from_utf8_lossy(&output.stderr);
    for set in [
        "properties: Some(\"p\")",
        "additional_data_2: Some(\"a\")",
        "additional_data: {}",
    ] {
        assert!(printed.contains(set), "no `{set}` in {printed}");
    }
}
