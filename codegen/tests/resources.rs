//! Snapshot tests of real resource pages (copied from the 2020 v1.0 tree
//! into `tests/fixtures/resources`): a base type and derived types (one by
//! annotation, one by "Inherits from"), navigation properties with a docs
//! slip in the relationships table, and a flags enum page.

use std::path::Path;

#[test]
fn real_resource_pages() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resources/api-reference/v1.0");
    let ir = codegen::load_ir(&dir, "fixtures/api-reference/v1.0");
    insta::assert_yaml_snapshot!("resource_models", (&ir.models, &ir.enums, &ir.diagnostics));

    let device = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.device")
        .expect("device");
    assert_eq!(
        device.base_type.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    // The docs restate `id` on every page of the chain; the derived page wins.
    let id = device
        .properties
        .iter()
        .find(|p| p.name == "id")
        .expect("id");
    assert_eq!(
        id.inherited_from, None,
        "a derived page that restates a property wins"
    );
    let member_of = device
        .properties
        .iter()
        .find(|p| p.name == "memberOf")
        .expect("navigation property");
    assert!(member_of.collection);
    assert_eq!(member_of.type_name, "microsoft.graph.directoryObject");
    assert!(
        !device.properties.iter().any(|p| p.name.contains(' ')),
        "a method row in the relationships table is not a property"
    );

    let android = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.androidMobileAppIdentifier")
        .expect("android identifier");
    assert_eq!(
        android.base_type.as_deref(),
        Some("microsoft.graph.mobileAppIdentifier")
    );

    let arch = ir
        .enums
        .iter()
        .find(|e| e.name == "microsoft.graph.windowsArchitecture")
        .expect("enum");
    assert!(arch.flags);
    assert_eq!(arch.members, ["none", "x86", "x64", "arm", "neutral"]);
}
