//! Excel pages document their paths relative to a drive item
//! (`/workbook/worksheets`, as in v1.0/api/worksheet-list.md of 2020), or
//! under one (`/me/drive/root/workbook/...`). The generated crate reaches
//! them with `workbook()` on every drive item builder, never from the
//! service root, and its builder and end-to-end tests go through a drive
//! item. The crate is compiled and those tests are run.

use codegen::ir::Ir;

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
    // One workbook path documented twice, relative and absolute, as two
    // operations: they meet at one builder, which may have one `get()`.
    let tables = |path: &str| {
        format!(
            "---\ntitle: \"List tables\"\nms.prod: \"excel\"\n---\n# List tables\n\n{PERMISSIONS}\
             ## HTTP request\n\n```http\nGET {path}\n```\n"
        )
    };
    vec![
        (
            "v1.0/api/workbook-list-tables.md".into(),
            tables("/workbook/tables"),
        ),
        (
            "v1.0/api/table-list.md".into(),
            tables("/me/drive/root/workbook/tables"),
        ),
        ("v1.0/api/driveitem-get.md".into(), drive_item),
        ("v1.0/api/worksheet-list.md".into(), worksheets),
        ("v1.0/api/range-rowsabove.md".into(), rows_above),
    ]
}

fn ir() -> Ir {
    common::ir_of(&pages())
}

#[test]
fn workbook_builders_hang_below_drive_items() {
    let ir = ir();
    assert_eq!(ir.operations.len(), 5, "{:#?}", ir.diagnostics);
    let files = codegen::emit::generate(&ir).unwrap();
    let builders = common::builders(&files, "v1");
    let root = common::impl_block(&builders, "Root").expect("a Root impl");
    assert!(!root.contains("fn workbook"), "{root}");
    for item in [
        "UsersItemDriveItemsItem",
        "UsersItemDriveRoot",
        "DrivesItemRootPath",
    ] {
        let block =
            common::impl_block(&builders, item).unwrap_or_else(|| panic!("no {item}:\n{builders}"));
        assert!(
            block.contains("pub fn workbook(&self) -> Workbook"),
            "{item}: {block}"
        );
    }
    // The path documented under `/me/drive/root` joins the same tree.
    let workbook = common::impl_block(&builders, "Workbook").expect("a Workbook impl");
    assert!(workbook.contains("pub fn worksheets(&self)"), "{workbook}");
    assert!(builders.contains("pub fn rows_above("), "{builders}");
    let tables = common::impl_block(&builders, "WorkbookTables").expect("a WorkbookTables impl");
    assert_eq!(tables.matches("pub fn get(").count(), 1, "{tables}");
    assert!(
        !builders.contains("pub type MeDriveRootWorkbook"),
        "{builders}"
    );

    // Builder tests: the relative path below the preferred drive item, the
    // absolute one below its own.
    let tests = common::file(&files, "tests/builders.rs");
    assert!(
        tests.contains("\"/me/drive/items/v1/workbook/worksheets\""),
        "{tests}"
    );
    assert!(
        tests.contains("\"/me/drive/root/workbook/worksheets/v1/range/rowsAbove(count=v2)\""),
        "{tests}"
    );
    // The example addresses its file by path on another drive.
    let e2e = common::file(&files, "tests/e2e.rs");
    assert!(e2e.contains(".root_by_path(\"reports/q3.xlsx\")"), "{e2e}");
    assert!(
        e2e.contains("\"/v1.0/drives/b!x/root:/reports/q3.xlsx:/workbook/worksheets\""),
        "{e2e}"
    );
}

#[test]
fn the_workbook_crate_compiles_and_its_builder_and_example_tests_pass() {
    let files = codegen::emit::generate(&ir()).unwrap();
    // One builder test per documented path with a builder method (the
    // second `tables` operation has none), and the example.
    assert_eq!(
        common::run_builder_and_e2e_tests("workbook", &files),
        (5, 1)
    );
}

#[test]
fn one_function_argument_spelled_three_ways_is_one_builder_method() {
    // rangeformat-get.md quotes the address as OData does;
    // formatprotection-get.md leaves out its name and
    // workbookrange-visibleview.md its quotes (2020). They were three
    // methods: `range_with_address`, `_2` and `_3`.
    let page = |title: &str, path: &str| {
        format!(
            "---\ntitle: \"{title}\"\nms.prod: \"excel\"\n---\n# {title}\n\n{PERMISSIONS}\
             ## HTTP request\n\n```http\nGET {path}\n```\n"
        )
    };
    let pages = vec![
        (
            "v1.0/api/rangeformat-get.md".to_string(),
            page(
                "Get RangeFormat",
                "/workbook/worksheets/{id|name}/range(address='<address>')/format",
            ),
        ),
        (
            "v1.0/api/formatprotection-get.md".to_string(),
            page(
                "Get FormatProtection",
                "/workbook/worksheets/{id|name}/range(<address>)/format/protection",
            ),
        ),
        (
            "v1.0/api/workbookrange-visibleview.md".to_string(),
            page(
                "Get visibleView",
                "/me/drive/root/workbook/worksheets/{id}/range(address={address})/visibleView",
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let paths: Vec<&str> = ir
        .operations
        .iter()
        .map(|o| o.endpoints[0].path.as_str())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| p.contains("range(address='{address}')")),
        "{paths:?}"
    );
    let respelled: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == codegen::diagnostics::Code::ArgumentSpelling)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        respelled,
        [
            "v1.0/api/formatprotection-get.md",
            "v1.0/api/workbookrange-visibleview.md"
        ]
    );
    let files = codegen::emit::generate(&ir).unwrap();
    let builders = common::builders(&files, "v1");
    // One method writes the call, quoted.
    assert_eq!(
        builders.matches("url.push_str(\"range(").count(),
        1,
        "{builders}"
    );
    assert!(
        builders.contains("url.push_str(\"range(address='\");"),
        "{builders}"
    );
}
