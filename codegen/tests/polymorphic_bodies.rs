//! A create of a polymorphic collection takes the collection's type, and
//! Graph wants one of its derived kinds, named by `@odata.type`
//! (intune-deviceconfig-ioscompliancepolicy-create.md, 2020: `POST
//! /deviceManagement/deviceCompliancePolicies` with an
//! `iosCompliancePolicy`). `support::upcast` makes the derived value the
//! body the builder takes. Checked in a crate generated from cut-down
//! pages, by a test of its own.

mod common;

fn resource(name: &str, base: Option<&str>, rows: &str) -> (String, String) {
    let base = base.map_or(String::new(), |b| {
        format!(", \"baseType\": \"microsoft.graph.{b}\"")
    });
    (
        format!("v1.0/resources/{}.md", name.to_ascii_lowercase()),
        format!(
            "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}"
        ),
    )
}

const TEST: &str = r##"
use graph_generated::support::upcast;
use graph_generated::v1::models::*;

#[test]
fn a_derived_value_is_the_body_of_a_create_of_its_base() {
    let mut properties = IosCompliancePolicyProperties::default();
    properties.display_name = Some("iOS".into());
    properties.passcode_required = Some(true);
    let policy = IosCompliancePolicy::new(properties);
    let body: DeviceCompliancePolicy = upcast(&policy).unwrap().expect("derived");
    let request = graph_generated::v1::requests::root()
        .device_management()
        .device_compliance_policies()
        .post(&body)
        .build()
        .unwrap();
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({
            "@odata.type": "#microsoft.graph.iosCompliancePolicy",
            "displayName": "iOS",
            "passcodeRequired": true
        })
    );
    // What Graph answers reads back as the derived kind.
    let back: Option<IosCompliancePolicy> = graph_generated::support::cast(&body).unwrap();
    assert_eq!(back.and_then(|p| p.passcode_required), Some(true));
}

#[test]
fn a_type_of_another_family_is_no_body() {
    let other = Widget::new(WidgetProperties::default());
    assert!(upcast::<DeviceCompliancePolicy, _>(&other).unwrap().is_none());
    // The base itself goes as it is, with no tag added.
    let base = DeviceCompliancePolicy::new(DeviceCompliancePolicyProperties::default());
    let same: DeviceCompliancePolicy = upcast(&base).unwrap().expect("itself");
    assert!(same.additional_data.is_empty());
}
"##;

#[test]
fn a_derived_value_is_sent_as_its_base() {
    let pages = vec![
        resource(
            "deviceCompliancePolicy",
            None,
            "| id | String | The id. |\n| displayName | String | The name. |\n",
        ),
        resource(
            "iosCompliancePolicy",
            Some("deviceCompliancePolicy"),
            "| id | String | The id. |\n| displayName | String | The name. |\n| passcodeRequired | Boolean | Whether a passcode is needed. |\n",
        ),
        resource("widget", None, "| id | String | The id. |\n"),
        (
            "v1.0/api/intune-deviceconfig-devicecompliancepolicy-create.md".into(),
            "---\ntitle: \"Create deviceCompliancePolicy\"\n---\n# Create deviceCompliancePolicy\n\nCreates one.\n\n\
             ## HTTP request\n\n```http\nPOST /deviceManagement/deviceCompliancePolicies\n```\n\n\
             ## Request body\n\nIn the request body, supply a JSON representation for the deviceCompliancePolicy object.\n\n\
             ## Response\n\nIf successful, this method returns a `201 Created` response code and a \
             [deviceCompliancePolicy](../resources/devicecompliancepolicy.md) object in the response body.\n"
                .into(),
        ),
        (
            "v1.0/api/widget-get.md".into(),
            "---\ntitle: \"Get widget\"\n---\n# Get widget\n\nGets one.\n\n\
             ## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
             [widget](../resources/widget.md) object in the response body.\n"
                .into(),
        ),
    ];
    let ir = common::ir_of(&pages);
    let mut files = codegen::emit::generate(&ir).unwrap();
    files.push(codegen::write::GeneratedFile {
        path: "tests/upcast.rs".into(),
        contents: TEST.into(),
    });
    let stdout = common::cargo_on(
        "upcast",
        &files,
        &[
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            "v1,full",
            "--test",
            "upcast",
        ],
    );
    assert!(stdout.contains("test result: ok. 2 passed"), "{stdout}");
}
