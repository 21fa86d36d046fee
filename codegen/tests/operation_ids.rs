//! Operation ids across docs updates: where two operations derive one id,
//! the one that had it in the crate's `names.lock` keeps it, and the
//! newcomer is numbered, whichever sorts first. Cut-down pages of the
//! workbook's `range` (worksheet-range.md and range-get.md both derive
//! `v1_get_workbook_worksheets_by_id_range`), and the 2019 tree's lock
//! read by the 2020 tree.

mod common;

use codegen::diagnostics::Code;
use codegen::ir::kept_names::KeptNames;
use codegen::ir::Ir;

fn get_page(title: &str, path: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nGets a range.\n\n\
         ## Permissions\n\n\
         | Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n\
         | Delegated (work or school account) | Files.ReadWrite |\n\
         | Delegated (personal Microsoft account) | Not supported. |\n\
         | Application | Not supported. |\n\n\
         ## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [workbookRange](../resources/range.md) object in the response body.\n"
    )
}

/// The older page: the range at an address.
fn at_address() -> (String, String) {
    (
        "api-reference/v1.0/api/range-get.md".into(),
        get_page(
            "Get Range",
            "/workbook/worksheets/{id|name}/range(address='A1:B2')",
        ),
    )
}

/// The newcomer: the worksheet's used range. Its path sorts before the
/// older page's, and derives the same id (a function's arguments are not
/// part of an id).
fn whole_sheet() -> (String, String) {
    (
        "api-reference/v1.0/api/worksheet-range.md".into(),
        get_page("worksheet: range", "/workbook/worksheets/{id|name}/range"),
    )
}

const DERIVED: &str = "v1_get_workbook_worksheets_by_id_range";

fn id_of<'i>(ir: &'i Ir, page: &str) -> &'i str {
    &ir.operations
        .iter()
        .find(|op| op.sources.iter().any(|s| s.file.ends_with(page)))
        .unwrap_or_else(|| panic!("no operation from {page}"))
        .id
}

#[test]
fn an_operation_keeps_its_id_when_a_newcomer_derives_the_same() {
    let old = common::ir_of(&[at_address()]);
    assert_eq!(id_of(&old, "range-get.md"), DERIVED);
    let lock = KeptNames::render(&old, "@generated");
    assert!(
        lock.contains(&format!("v1.0 {DERIVED} range-get.md\n")),
        "{lock}"
    );

    // Without the lock, the newcomer sorts first and takes the id: the
    // older operation (and its options marker type) is renamed.
    let both = [at_address(), whole_sheet()];
    let fresh = common::ir_of(&both);
    assert_eq!(id_of(&fresh, "worksheet-range.md"), DERIVED);
    assert_eq!(id_of(&fresh, "range-get.md"), format!("{DERIVED}_2"));

    // With it, the older operation keeps the id and the newcomer is
    // numbered, with the diagnostic on the newcomer.
    let kept = KeptNames::read(&lock, "generated/names.lock");
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    let ir = common::ir_keeping(&both, &kept);
    assert_eq!(id_of(&ir, "range-get.md"), DERIVED);
    assert_eq!(id_of(&ir, "worksheet-range.md"), format!("{DERIVED}_2"));
    let said = common::said(&ir, Code::DuplicateOperationId);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].file.ends_with("worksheet-range.md"), "{said:?}");

    // The next lock records both, and reading it again changes nothing,
    // the warning included: a numbered id the lock keeps is said as one
    // numbered afresh is.
    let next = KeptNames::render(&ir, "@generated");
    let again = common::ir_keeping(&both, &KeptNames::read(&next, "names.lock"));
    assert_eq!(again.operations, ir.operations);
    assert_eq!(again.diagnostics, ir.diagnostics);
}

#[test]
fn a_numbered_id_is_kept_while_the_bare_one_is_free() {
    // Both pages, the older one numbered; then the page that held the bare
    // id goes: the numbered one keeps its number rather than change again.
    let both = common::ir_of(&[at_address(), whole_sheet()]);
    let kept = KeptNames::read(&KeptNames::render(&both, "@generated"), "names.lock");
    let ir = common::ir_keeping(&[at_address()], &kept);
    assert_eq!(id_of(&ir, "range-get.md"), format!("{DERIVED}_2"));
    assert!(common::said(&ir, Code::DuplicateOperationId).is_empty());
    // A lock line of another page, or of an id this operation does not
    // derive, is not its own: named afresh.
    let elsewhere = KeptNames::read(
        &format!("v1.0 {DERIVED}_2 other-page.md\nv1.0 v1_get_something_else_2 range-get.md\n"),
        "names.lock",
    );
    let ir = common::ir_keeping(&[at_address()], &elsewhere);
    assert_eq!(id_of(&ir, "range-get.md"), DERIVED);
}

#[test]
fn the_real_trees_read_with_a_lock_keep_every_id() {
    let (Some(old), Some(new)) = (
        common::corpus("graph-docs-2019"),
        common::corpus("graph-docs-2020"),
    ) else {
        return;
    };
    let ids = |ir: &Ir| -> Vec<String> { ir.operations.iter().map(|op| op.id.clone()).collect() };
    let lock_of = |ir: &Ir| KeptNames::read(&KeptNames::render(ir, "@generated"), "names.lock");
    let old = codegen::load_ir(&old, "docs");
    let fresh = codegen::load_ir(&new, "docs");
    // From 2019 to 2020 no id was taken by a newcomer: with the 2019
    // crate's lock, the 2020 tree's ids are its fresh ones (a lock read
    // too loosely, a page's id given to another operation, breaks this).
    let kept = lock_of(&old);
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    assert_eq!(
        ids(&codegen::load_ir_keeping(&new, "docs", &kept)),
        ids(&fresh)
    );
    // And a tree read with its own lock is read as it was, its warnings
    // (range-get.md's numbered id) included.
    let own = codegen::load_ir_keeping(&new, "docs", &lock_of(&fresh));
    assert_eq!(ids(&own), ids(&fresh));
    assert_eq!(own.diagnostics, fresh.diagnostics);
}
