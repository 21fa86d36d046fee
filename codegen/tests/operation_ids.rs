//! Operation ids across docs updates: where two operations derive one id,
//! the one that had it in the crate's `names.lock` keeps it, and the
//! newcomer is numbered, whichever sorts first. Cut-down pages of the
//! workbook's `range` (worksheet-range.md and range-get.md both derive
//! `v1_get_workbook_worksheets_by_id_range`), and the 2019 tree's lock
//! read by the 2020 tree. An operation whose derived id changes (a
//! placeholder renamed) keeps the id of the operation that served its
//! endpoint.

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
        lock.contains(&format!("v1.0 {DERIVED} range-get.md area-other\n")),
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
fn an_operation_keeps_its_id_when_the_docs_rename_its_placeholder() {
    // `{id|name}` becomes `{worksheet-id}`: the derived id changes, the
    // endpoint does not.
    let renamed = (
        at_address().0,
        get_page(
            "Get Range",
            "/workbook/worksheets/{worksheet-id}/range(address='A1:B2')",
        ),
    );
    let fresh = common::ir_of(std::slice::from_ref(&renamed));
    let renamed_id = "v1_get_workbook_worksheets_by_worksheet_id_range";
    assert_eq!(id_of(&fresh, "range-get.md"), renamed_id);

    let lock = KeptNames::render(&common::ir_of(&[at_address()]), "@generated");
    assert!(
        lock.contains(&format!(
            "v1.0 {DERIVED} GET /workbook/worksheets/{{}}/range(address='{{}}')\n"
        )),
        "{lock}"
    );
    let kept = KeptNames::read(&lock, "names.lock");
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    let ir = common::ir_keeping(std::slice::from_ref(&renamed), &kept);
    assert_eq!(id_of(&ir, "range-get.md"), DERIVED);
    assert!(common::said(&ir, Code::DuplicateOperationId).is_empty());
    // And the next regen, with the lock this one writes, keeps it again.
    let next = KeptNames::read(&KeptNames::render(&ir, "@generated"), "names.lock");
    let again = common::ir_keeping(std::slice::from_ref(&renamed), &next);
    assert_eq!(again.operations, ir.operations);

    // An id some operation of the tree derives is that one's: the renamed
    // page does not take it by its endpoint (here the used range derives
    // it, as a newcomer).
    let ir = common::ir_keeping(&[renamed.clone(), whole_sheet()], &kept);
    assert_eq!(id_of(&ir, "worksheet-range.md"), DERIVED);
    assert_eq!(id_of(&ir, "range-get.md"), renamed_id);

    // Nor does an operation whose derived id the lock knows: it is kept
    // (or numbered) by its page, as before.
    let known = KeptNames::read(
        &format!("{lock}v1.0 {renamed_id} somewhere-else.md\n"),
        "names.lock",
    );
    let ir = common::ir_keeping(std::slice::from_ref(&renamed), &known);
    assert_eq!(id_of(&ir, "range-get.md"), renamed_id);
}

#[test]
fn the_real_trees_read_with_a_lock_keep_every_id_they_can() {
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
    let kept = lock_of(&old);
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    let ir = codegen::load_ir_keeping(&new, "docs", &kept);
    let keys = |op: &codegen::ir::Operation| -> Vec<(String, String)> {
        op.endpoints
            .iter()
            .map(|e| (e.method.clone(), codegen::parse::http::path_key(&e.path)))
            .collect()
    };
    let old_ids: std::collections::BTreeSet<&str> =
        old.operations.iter().map(|op| op.id.as_str()).collect();
    let mut by_endpoint = Vec::new();
    for (op, fresh_op) in ir.operations.iter().zip(&fresh.operations) {
        assert_eq!(keys(op), keys(fresh_op), "{}", op.id);
        if op.id == fresh_op.id {
            continue;
        }
        // No id was taken by a newcomer from 2019 to 2020: an id that is
        // not the fresh one is the 2019 id of an operation that served
        // one of its endpoints, kept across a placeholder's rename or
        // another endpoint listed first (a lock read too loosely, a page's
        // id given to another operation, breaks this).
        assert!(!old_ids.contains(fresh_op.id.as_str()), "{}", fresh_op.id);
        let was = old
            .operations
            .iter()
            .find(|o| o.id == op.id)
            .unwrap_or_else(|| panic!("{} is no 2019 id", op.id));
        assert!(
            keys(was).iter().any(|k| keys(op).contains(k)),
            "{} shares no endpoint with {}",
            op.id,
            fresh_op.id
        );
        by_endpoint.push((fresh_op.id.as_str(), op.id.as_str()));
    }
    assert!(
        by_endpoint.contains(&(
            "v1_get_planner_plans_by_plan_id",
            "v1_get_planner_plans_by_id"
        )),
        "{by_endpoint:?}"
    );
    assert!(
        by_endpoint.contains(&("v1_get_me_manager", "v1_get_users_by_id_manager")),
        "{by_endpoint:?}"
    );
    // The 2019 ids the 2020 crate no longer has are of operations it no
    // longer documents: none of their endpoints is served.
    let new_ids: std::collections::BTreeSet<&str> =
        ir.operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(new_ids.len(), ir.operations.len());
    let served: std::collections::BTreeSet<(String, String)> =
        ir.operations.iter().flat_map(keys).collect();
    let gone: Vec<&codegen::ir::Operation> = old
        .operations
        .iter()
        .filter(|op| !new_ids.contains(op.id.as_str()))
        .collect();
    for op in &gone {
        assert!(
            keys(op).iter().all(|k| !served.contains(k)),
            "{} went though its endpoint is served",
            op.id
        );
    }
    assert!(gone.len() < 4, "{} ids went", gone.len());
    // A regen after it keeps every id again.
    let next = codegen::load_ir_keeping(&new, "docs", &lock_of(&ir));
    assert_eq!(ids(&next), ids(&ir));
    // And a tree read with its own lock is read as it was, its warnings
    // (range-get.md's numbered id) included: the whole IR, so that no line
    // the lock writes (ids, bodies, areas, types, calls) moves anything.
    let own = codegen::load_ir_keeping(&new, "docs", &lock_of(&fresh));
    assert_eq!(ids(&own), ids(&fresh));
    assert_eq!(own.diagnostics, fresh.diagnostics);
    assert!(own.kept_calls.is_empty() && own.former_type_areas.is_empty());
    assert!(
        own == fresh,
        "the 2020 tree read with its own lock differs from the tree read afresh"
    );
}

#[test]
fn any_lock_gives_unique_ids_and_areas_regen_writes() {
    // A lock edited by hand, merged or written for another tree: whatever
    // its lines say, each operation ends with one id of its own, ids stay
    // unique, and an operation's former areas are areas, never its own.
    use proptest::prelude::*;
    let pages = [at_address(), whole_sheet()];
    let names: Vec<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    let loader = codegen::parse::Loader::memory(pages.iter().cloned().collect());
    let facts = codegen::parse_pages(&loader, &names);
    // Lines shaped as regen writes them, with words from anywhere.
    let version = prop::sample::select(vec!["v1.0", "beta", "v2"]);
    let id = prop::sample::select(vec![
        DERIVED,
        "v1_get_workbook_worksheets_by_id_range_2",
        "v1_get_workbook_worksheets_by_worksheet_id_range",
        "v1_get_other",
        "v1_delete_x",
        "beta_get_x",
    ]);
    let third = prop::sample::select(vec![
        "range-get.md",
        "worksheet-range.md",
        "GET",
        "DELETE",
        "xPostRequestBody",
    ]);
    let rest = prop::collection::vec(
        prop::sample::select(vec![
            "/workbook/worksheets/{}/range",
            "/workbook/worksheets/{}/range(address='{}')",
            "area-other",
            "area-excel",
            "area-x-1",
            "area-",
        ]),
        0..3,
    );
    let line =
        (version, id, third, rest).prop_map(|(v, i, t, r)| format!("{v} {i} {t} {}", r.join(" ")));
    let locks = prop::collection::vec(line, 0..12).prop_map(|l| l.join("\n"));
    proptest!(ProptestConfig::with_cases(500), |(lock in locks)| {
        let kept = KeptNames::read(&lock, "names.lock");
        let ir = codegen::build_ir_keeping(facts.clone(), &kept);
        let ids: std::collections::BTreeSet<&str> =
            ir.operations.iter().map(|op| op.id.as_str()).collect();
        prop_assert_eq!(ids.len(), ir.operations.len(), "{:?}", lock);
        for op in &ir.operations {
            prop_assert!(op.id.starts_with("v1_get_"), "{:?} gave {}", lock, op.id);
            for area in &op.former_areas {
                prop_assert!(area.starts_with("area-") && area != "area-other", "{:?} gave {:?}", lock, op.former_areas);
            }
        }
    });
}
