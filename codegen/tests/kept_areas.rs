//! Area features kept across docs updates (`names.lock`): a model that no
//! operation of an area needs any more stays on with that area, so that
//! code naming it under that feature still builds; the lock the regen
//! writes keeps it so, and says nothing where the operations already give
//! the area.

mod common;

use codegen::ir::kept_names::KeptNames;

fn pages() -> Vec<(String, String)> {
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\
        # widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        |id|String|The id.|\n|size|Int32|The size.|\n";
    let get = "---\ntitle: \"Get widget\"\nms.prod: \"outlook\"\ndoc_type: apiPageType\n---\n# Get widget\n\n\
        Gets a widget.\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Response\n\n\
        If successful, this method returns a `200 OK` response code and a \
        [widget](../resources/widget.md) object in the response body.\n";
    vec![
        ("v1.0/resources/widget.md".into(), widget.into()),
        ("v1.0/api/widget-get.md".into(), get.into()),
    ]
}

/// The `api.txt` line of the model type `Widget`.
fn widget_gate(ir: &codegen::ir::Ir) -> String {
    let files = codegen::emit::generate(ir).unwrap();
    let listing = common::file(&files, "api.txt");
    listing
        .lines()
        .find(|l| l.starts_with("type v1::models::Widget "))
        .unwrap_or_else(|| panic!("{listing}"))
        .split_once("  if ")
        .map(|x| x.1.to_string())
        .unwrap()
}

#[test]
fn a_model_no_operation_of_an_area_needs_stays_on_with_it() {
    let fresh = common::ir_of(&pages());
    assert!(fresh.former_type_areas.is_empty());
    assert_eq!(
        widget_gate(&fresh),
        r#"all(feature = "v1", any(feature = "all-models", feature = "area-outlook"))"#
    );
    let lock = KeptNames::render(&fresh, "@generated");
    assert!(
        lock.contains("\nv1.0 type microsoft.graph.widget area-outlook\n"),
        "{lock}"
    );

    // An earlier crate had it on with area-education too (an operation of
    // that area the docs no longer document returned it).
    let kept = KeptNames::read(
        &format!("{lock}v1.0 type microsoft.graph.widget area-education area-outlook\n"),
        "names.lock",
    );
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    let ir = common::ir_keeping(&pages(), &kept);
    let former: Vec<(&str, &[String])> = ir
        .former_type_areas
        .iter()
        .map(|t| (t.name.as_str(), t.areas.as_slice()))
        .collect();
    // Only what the operations do not give already.
    assert_eq!(
        former,
        [(
            "microsoft.graph.widget",
            &["area-education".to_string()][..]
        )]
    );
    assert_eq!(
        widget_gate(&ir),
        r#"all(feature = "v1", any(feature = "all-models", feature = "area-education", feature = "area-outlook"))"#
    );
    let files = codegen::emit::generate(&ir).unwrap();
    let cargo = common::file(&files, "Cargo.toml");
    assert!(cargo.contains("\narea-education = []\n"), "{cargo}");

    // The lock this regen writes keeps it, and reads back to the same IR.
    let next = KeptNames::read(&KeptNames::render(&ir, "@generated"), "names.lock");
    assert_eq!(common::ir_keeping(&pages(), &next), ir);
}

#[test]
fn type_lines_regen_does_not_write_are_dropped() {
    let kept = KeptNames::read(
        "v1.0 type microsoft.graph.widget\n\
         v1.0 type microsoft.graph.widget Outlook\n\
         v1.0 type micro$oft area-outlook\n\
         v1.0 type microsoft.graph.widget area-outlook\n",
        "names.lock",
    );
    let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, [1, 2, 3]);
}

/// An operation kept on with an area it had before is tested with it too:
/// a build of the tests with that area alone checks its builder chain.
#[test]
fn an_operation_kept_in_a_former_area_is_tested_with_it() {
    let fresh = common::ir_of(&pages());
    let id = fresh.operations[0].id.clone();
    let builders_test_gate = |ir: &codegen::ir::Ir| -> String {
        let files = codegen::emit::generate(ir).unwrap();
        let tests = common::file(&files, "tests/builders.rs");
        let at = tests
            .find(&format!("fn {id}_"))
            .unwrap_or_else(|| panic!("{tests}"));
        let cfg = tests[..at].rfind("#[cfg(").unwrap();
        tests[cfg..at]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        builders_test_gate(&fresh),
        r#"#[cfg(all(feature = "v1", feature = "area-outlook"))] #[test]"#
    );
    let kept = KeptNames::read(
        &format!("v1.0 {id} widget-get.md area-education area-outlook\n"),
        "names.lock",
    );
    let ir = common::ir_keeping(&pages(), &kept);
    assert_eq!(ir.operations[0].former_areas, ["area-education"]);
    assert_eq!(
        builders_test_gate(&ir),
        r#"#[cfg(all(feature = "v1", any(feature = "area-education", feature = "area-outlook")))] #[test]"#
    );
}
