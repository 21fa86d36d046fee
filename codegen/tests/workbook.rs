//! Excel pages document their paths relative to a drive item
//! (`/workbook/worksheets`, as in v1.0/api/worksheet-list.md of 2020), or
//! under one (`/me/drive/root/workbook/...`). The generated crate reaches
//! them with `workbook()` on every drive item builder, never from the
//! service root, and its builder and end-to-end tests go through a drive
//! item. The crate is compiled and those tests are run.

use codegen::ir::Ir;
use codegen::parse::Loader;

mod common;

const PERMISSIONS: &str = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
    |Delegated (work or school account)|Files.ReadWrite|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n";

fn pages() -> Vec<(String, String)> {
    let drive_item = format!(
        "---\ntitle: \"Get driveItem\"\nms.prod: \"sharepoint\"\n---\n# Get a DriveItem resource\n\n{PERMISSIONS}\
         ## HTTP request\n\n```http\nGET /me/drive/items/{{item-id}}\nGET /drives/{{drive-id}}/root:/{{item-path}}:\n```\n"
    );
    let worksheets = format!(
        "---\ntitle: \"List worksheets\"\nms.prod: \"excel\"\n---\n# List WorksheetCollection\n\n{PERMISSIONS}\
         ## HTTP request\n\n```http\nGET /workbook/worksheets\n```\n\n## Example\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"get_worksheets\" }} -->\n```http\n\
         GET https://graph.microsoft.com/v1.0/drives/b!x/root:/reports/q3.xlsx:/workbook/worksheets\n```\n\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
         {{\"value\": [{{\"id\": \"1\", \"name\": \"Sheet1\"}}]}}\n```\n"
    );
    let rows_above = format!(
        "---\ntitle: \"rowsAbove\"\nms.prod: \"excel\"\n---\n# Range: rowsAbove\n\n{PERMISSIONS}\
         ## HTTP request\n\n```http\nGET /me/drive/root/workbook/worksheets/{{id|name}}/range/rowsAbove(count=n)\n```\n"
    );
    vec![
        ("v1.0/api/driveitem-get.md".into(), drive_item),
        ("v1.0/api/worksheet-list.md".into(), worksheets),
        ("v1.0/api/range-rowsabove.md".into(), rows_above),
    ]
}

fn ir() -> Ir {
    let pages = pages();
    let names: Vec<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    let loader = Loader::memory(pages.into_iter().collect());
    codegen::build_ir(codegen::parse_pages(&loader, &names))
}

fn file<'f>(files: &'f [codegen::write::GeneratedFile], path: &str) -> &'f str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

/// The body of `impl <ty> { ... }` in a printed builder file.
fn impl_block<'t>(text: &'t str, ty: &str) -> Option<&'t str> {
    let start = text.find(&format!("impl {ty} {{"))?;
    let end = text[start..].find("\n}\n")?;
    Some(&text[start..start + end])
}

#[test]
fn workbook_builders_hang_below_drive_items() {
    let ir = ir();
    assert_eq!(ir.operations.len(), 3, "{:#?}", ir.diagnostics);
    let files = codegen::emit::generate(&ir).unwrap();
    let builders: String = files
        .iter()
        .filter(|f| f.path.starts_with("src/v1/requests"))
        .map(|f| f.contents.as_str())
        .collect();
    let root = impl_block(&builders, "Root").expect("a Root impl");
    assert!(!root.contains("fn workbook"), "{root}");
    for item in ["MeDriveItemsItem", "MeDriveRoot", "DrivesItemRootPath"] {
        let block = impl_block(&builders, item).unwrap_or_else(|| panic!("no {item}:\n{builders}"));
        assert!(
            block.contains("pub fn workbook(&self) -> Workbook"),
            "{item}: {block}"
        );
    }
    // The path documented under `/me/drive/root` joins the same tree.
    let workbook = impl_block(&builders, "Workbook").expect("a Workbook impl");
    assert!(workbook.contains("pub fn worksheets(&self)"), "{workbook}");
    assert!(builders.contains("pub fn rows_above("), "{builders}");
    assert!(
        !builders.contains("pub type MeDriveRootWorkbook"),
        "{builders}"
    );

    // Builder tests: the relative path below the preferred drive item, the
    // absolute one below its own.
    let tests = file(&files, "tests/builders.rs");
    assert!(
        tests.contains("\"/me/drive/items/v1/workbook/worksheets\""),
        "{tests}"
    );
    assert!(
        tests.contains("\"/me/drive/root/workbook/worksheets/v1/range/rowsAbove(count=v2)\""),
        "{tests}"
    );
    // The example addresses its file by path on another drive.
    let e2e = file(&files, "tests/e2e.rs");
    assert!(e2e.contains(".root_by_path(\"reports/q3.xlsx\")"), "{e2e}");
    assert!(
        e2e.contains("\"/v1.0/drives/b!x/root:/reports/q3.xlsx:/workbook/worksheets\""),
        "{e2e}"
    );
}

#[test]
fn the_workbook_crate_compiles_and_its_builder_and_example_tests_pass() {
    let files = codegen::emit::generate(&ir()).unwrap();
    let out = std::env::temp_dir().join(format!("graph-codegen-workbook-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    codegen::write::write(&out, &files).unwrap();
    let output = common::cargo_strict(
        &out,
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
    let _ = std::fs::remove_dir_all(&out);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Four builder tests (one per documented path) and the example.
    let passed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("test result: ok"))
        .collect();
    assert_eq!(passed.len(), 2, "{stdout}");
    assert!(
        passed[0].contains("4 passed") || passed[1].contains("4 passed"),
        "{stdout}"
    );
    assert!(passed.iter().any(|l| l.contains(" 1 passed")), "{stdout}");
}
