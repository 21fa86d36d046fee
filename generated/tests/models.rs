//! Hand-written tests of the generated crate (no generated header, so regen
//! keeps this file): how a model reads and writes JSON, and how it
//! prints, clones and compares, through `support::Model` and
//! `support::ModelFields` instead of the derives, and how one is made.
#![cfg(all(feature = "v1", feature = "full"))]

use graph_generated::v1::models::{
    LongRunningOperation, LongRunningOperationProperties, LongRunningOperationStatus,
};
use serde_json::json;

#[test]
fn documented_properties_then_unknown_ones_in_order() {
    let op: LongRunningOperation = serde_json::from_str(
        r#"{"zeta": 1, "status": "running", "id": "op-1", "alpha": {"deep": [true]}}"#,
    )
    .unwrap();
    assert_eq!(op.id.as_deref(), Some("op-1"));
    assert_eq!(op.status, Some(LongRunningOperationStatus::Running));
    assert_eq!(op.additional_data.len(), 2);
    assert_eq!(op.additional_data["alpha"], json!({"deep": [true]}));
    // Documented properties in their documented order, then the unknown ones.
    assert_eq!(
        serde_json::to_string(&op).unwrap(),
        r#"{"id":"op-1","status":"running","alpha":{"deep":[true]},"zeta":1}"#
    );
}

#[test]
fn missing_and_null_are_none_and_none_is_left_out() {
    let op: LongRunningOperation =
        serde_json::from_str(r#"{"id": null, "statusDetail": "half way"}"#).unwrap();
    assert_eq!(op.id, None);
    assert_eq!(op.created_date_time, None);
    assert!(op.additional_data.is_empty());
    assert_eq!(
        serde_json::to_value(&op).unwrap(),
        json!({"statusDetail": "half way"})
    );
    let empty: LongRunningOperation = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, LongRunningOperation::default());
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    let op: LongRunningOperation =
        serde_json::from_str(r#"{"id": "first", "id": "second"}"#).unwrap();
    assert_eq!(op.id.as_deref(), Some("second"));
}

#[test]
fn errors_name_what_was_expected() {
    let not_an_object = serde_json::from_str::<LongRunningOperation>("[1, 2]").unwrap_err();
    assert!(
        not_an_object
            .to_string()
            .contains("a JSON object of LongRunningOperation"),
        "{not_an_object}"
    );
}

#[test]
fn a_value_of_another_type_than_documented_stays_in_additional_data() {
    // What the docs' own examples do (operation.md: a timestamp with
    // dashes for colons), and a number for a timestamp.
    let text = r#"{"id": "op-3", "createdDateTime": "2020-03-19T12-01-03.45Z", "lastActionDateTime": 5, "status": "running"}"#;
    let op: LongRunningOperation = serde_json::from_str(text).unwrap();
    assert_eq!(op.id.as_deref(), Some("op-3"));
    assert_eq!(op.status, Some(LongRunningOperationStatus::Running));
    assert_eq!(op.created_date_time, None);
    assert_eq!(op.last_action_date_time, None);
    assert_eq!(op.mistyped(), ["createdDateTime", "lastActionDateTime"]);
    assert_eq!(
        op.additional_data["createdDateTime"],
        json!("2020-03-19T12-01-03.45Z")
    );
    // Nothing lost: written back, it is what was read.
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_value(&op).unwrap(), original);
    // A value that reads is not mistyped; `null` is absent, not mistyped.
    let fine: LongRunningOperation =
        serde_json::from_str(r#"{"createdDateTime": "2020-03-19T12:01:03.45Z", "id": null}"#)
            .unwrap();
    assert!(fine.mistyped().is_empty());
    assert!(fine.additional_data.is_empty());
}

#[test]
fn mistyped_paths_reach_into_the_models_a_model_holds() {
    use graph_generated::request::Page;
    use graph_generated::v1::models::{Message, SendMailPostRequestBody};
    let body: SendMailPostRequestBody = serde_json::from_value(json!({
        "message": {"subject": "Hi", "hasAttachments": "yes"},
        "saveToSentItems": "false"
    }))
    .unwrap();
    // The model's own, and the message's below it.
    assert_eq!(body.mistyped(), ["saveToSentItems"]);
    assert_eq!(
        body.mistyped_paths(),
        ["message.hasAttachments", "saveToSentItems"]
    );
    assert_eq!(body.message.as_ref().unwrap().mistyped(), ["hasAttachments"]);
    // A page's items, by index.
    let page: Page<Message> = serde_json::from_value(json!({
        "value": [{"hasAttachments": true}, {"hasAttachments": 1, "subject": 2}]
    }))
    .unwrap();
    assert_eq!(
        page.mistyped_paths(),
        ["value[1].hasAttachments", "value[1].subject"]
    );
    // In a list of values, the items that do not read; a list that is no
    // list, as a whole.
    use graph_generated::v1::models::UploadSession;
    let session: UploadSession =
        serde_json::from_value(json!({"nextExpectedRanges": ["0-", 5, "10-", null]})).unwrap();
    assert_eq!(session.next_expected_ranges, None);
    assert_eq!(
        session.mistyped_paths(),
        ["nextExpectedRanges[1]", "nextExpectedRanges[3]"]
    );
    let session: UploadSession =
        serde_json::from_value(json!({"nextExpectedRanges": "0-"})).unwrap();
    assert_eq!(session.mistyped_paths(), ["nextExpectedRanges"]);
    // Nothing when everything read.
    let fine: Page<Message> =
        serde_json::from_value(json!({"value": [{"subject": "ok"}]})).unwrap();
    assert!(fine.mistyped_paths().is_empty());
}

#[test]
fn a_property_set_after_a_mistyped_read_is_written_once() {
    let mut op: LongRunningOperation =
        serde_json::from_str(r#"{"createdDateTime": "yesterday"}"#).unwrap();
    op.created_date_time = Some("2024-05-01T10:00:00Z".parse().unwrap());
    // The field is set now, so it is not mistyped any more, and it is
    // written in place of the value `additional_data` still holds.
    assert!(op.mistyped().is_empty());
    assert_eq!(
        serde_json::to_string(&op).unwrap(),
        r#"{"createdDateTime":"2024-05-01T10:00:00Z"}"#
    );
}

#[test]
fn reads_from_a_value_and_round_trips() {
    let original = json!({
        "id": "op-2",
        "createdDateTime": "2024-05-01T10:00:00Z",
        "status": "pausedForMaintenance",
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#operations/$entity"
    });
    let op: LongRunningOperation = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(
        op.status,
        Some(LongRunningOperationStatus::Other("pausedForMaintenance".into()))
    );
    assert!(op.additional_data.contains_key("@odata.context"));
    assert_eq!(serde_json::to_value(&op).unwrap(), original);
}

fn sample() -> LongRunningOperation {
    serde_json::from_value(json!({
        "id": "op-3",
        "status": "succeeded",
        "resourceLocation": "https://graph.microsoft.com/v1.0/x",
        "extra": [1, 2]
    }))
    .unwrap()
}

#[test]
fn debug_prints_like_the_derive() {
    let op = LongRunningOperation::new(LongRunningOperationProperties {
        id: Some("op-1".into()),
        status: Some(LongRunningOperationStatus::Running),
        ..Default::default()
    });
    assert_eq!(
        format!("{op:?}"),
        "LongRunningOperation { id: Some(\"op-1\"), created_date_time: None, \
         last_action_date_time: None, resource_location: None, status: Some(Running), \
         status_detail: None, additional_data: {} }"
    );
    // `{:#?}` goes through the same `DebugStruct`.
    assert!(format!("{op:#?}").starts_with("LongRunningOperation {\n    id: Some(\n        \"op-1\",\n"));
}

#[test]
fn clone_copies_every_property_and_the_unknown_ones() {
    let op = sample();
    let copy = op.clone();
    assert_eq!(copy.id.as_deref(), Some("op-3"));
    assert_eq!(copy.status, Some(LongRunningOperationStatus::Succeeded));
    assert_eq!(copy.additional_data["extra"], json!([1, 2]));
    assert_eq!(
        serde_json::to_value(&copy).unwrap(),
        serde_json::to_value(&op).unwrap()
    );
    assert_eq!(copy, op);
    assert_eq!(LongRunningOperation::default().clone(), LongRunningOperation::default());
}

#[test]
fn eq_compares_every_property_and_the_unknown_ones() {
    let op = sample();
    assert_eq!(op, sample());
    let mut other = sample();
    other.status_detail = Some("more".into());
    assert_ne!(op, other);
    let mut other = sample();
    other.id = None;
    assert_ne!(op, other);
    let mut other = sample();
    other.additional_data.insert("extra".into(), json!([1]));
    assert_ne!(op, other);
    let mut other = sample();
    other.additional_data.clear();
    assert_ne!(op, other);
    assert_ne!(op, LongRunningOperation::default());
}

#[test]
fn field_enums_debug_as_their_variant_and_select_by_their_wire_name() {
    use graph_generated::request::FieldName;
    use graph_generated::v1::models::DirectoryObjectField;
    let all = [DirectoryObjectField::Id, DirectoryObjectField::DeletedDateTime];
    let debug: Vec<String> = all.iter().map(|f| format!("{f:?}")).collect();
    assert_eq!(debug, ["Id", "DeletedDateTime"]);
    let wire: Vec<&str> = all.iter().map(|f| f.wire_name()).collect();
    assert_eq!(wire, ["id", "deletedDateTime"]);
}

#[test]
fn enums_compare_and_hash_by_wire_value() {
    use std::collections::HashSet;
    use LongRunningOperationStatus as Status;
    assert_eq!(Status::Running, Status::Running);
    assert_ne!(Status::Running, Status::Failed);
    assert_ne!(Status::Running, Status::Other("paused".into()));
    assert_eq!(Status::Other("paused".into()), Status::from("paused"));
    // `Other` spelling a known member is that member.
    assert_eq!(Status::Other("running".into()), Status::Running);
    let set: HashSet<Status> = [
        Status::Running,
        Status::Other("running".into()),
        Status::Other("paused".into()),
    ]
    .into_iter()
    .collect();
    assert_eq!(set.len(), 2);
    assert!(set.contains(&Status::from("paused")));
    // Debug and Clone are the derives.
    assert_eq!(format!("{:?}", Status::Running), "Running");
    assert_eq!(format!("{:?}", Status::from("paused")), "Other(\"paused\")");
}

#[test]
fn enums_clone_through_their_wire_value() {
    use LongRunningOperationStatus as Status;
    let known = Status::Running.clone();
    assert!(matches!(known, Status::Running));
    let unknown = Status::Other("paused".into()).clone();
    assert!(matches!(&unknown, Status::Other(v) if v == "paused"));
    // `Other` spelling a member clones into the member it equals.
    assert!(matches!(Status::Other("failed".into()).clone(), Status::Failed));
}

#[test]
fn a_request_body_from_a_parameter_table_is_sent_and_read_back() {
    use graph_generated::v1::models::ResetPasswordPostRequestBody;
    let mut body = ResetPasswordPostRequestBody::default();
    body.new_password = Some("Cuyo5459".into());
    let sent = serde_json::to_value(&body).unwrap();
    assert_eq!(sent, json!({"newPassword": "Cuyo5459"}));
    // A model like any other: it keeps unknown keys.
    let read: ResetPasswordPostRequestBody =
        serde_json::from_str(r#"{"newPassword": "x", "extra": 1}"#).unwrap();
    assert_eq!(read.new_password.as_deref(), Some("x"));
    assert_eq!(read.additional_data["extra"], json!(1));
    let copy = read.clone();
    assert_eq!(format!("{copy:?}"), format!("{read:?}"));
    let mistyped =
        serde_json::from_str::<ResetPasswordPostRequestBody>(r#"{"newPassword": 5}"#).unwrap();
    assert_eq!(mistyped.mistyped(), ["newPassword"]);
}

#[test]
fn a_base_model_casts_to_the_derived_type_its_value_names() {
    use graph_generated::support::{cast, odata_type};
    use graph_generated::v1::models::{DirectoryObject, Entity};
    // What a polymorphic endpoint returns: the common base type, with the
    // derived type's properties kept in `additional_data`.
    let entity: Entity = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.longRunningOperation",
        "id": "op-1",
        "status": "succeeded",
        "resourceLocation": "https://graph.microsoft.com/v1.0/x"
    }))
    .unwrap();
    assert_eq!(
        odata_type(&entity).as_deref(),
        Some("microsoft.graph.longRunningOperation")
    );
    let op = cast::<LongRunningOperation>(&entity).unwrap().expect("a long-running operation");
    assert_eq!(op.id.as_deref(), Some("op-1"));
    assert_eq!(op.status, Some(LongRunningOperationStatus::Succeeded));
    assert_eq!(
        op.resource_location.as_deref(),
        Some("https://graph.microsoft.com/v1.0/x")
    );
    // The type tag stays, so the value round-trips as it came.
    assert_eq!(
        op.additional_data["@odata.type"],
        "#microsoft.graph.longRunningOperation"
    );
    // Another derived type, and a type this crate does not know: no.
    assert!(cast::<DirectoryObject>(&entity).unwrap().is_none());
    let unknown: Entity =
        serde_json::from_value(json!({"@odata.type": "#microsoft.graph.user", "id": "u"})).unwrap();
    assert!(cast::<DirectoryObject>(&unknown).unwrap().is_none());
    // A value that does not say what it is: no.
    let untagged: Entity = serde_json::from_value(json!({"id": "e"})).unwrap();
    assert_eq!(odata_type(&untagged), None);
    assert!(cast::<LongRunningOperation>(&untagged).unwrap().is_none());
    // Up the hierarchy, and to a base at any depth, in any case.
    let back = cast::<Entity>(&op).unwrap().expect("an entity");
    assert_eq!(back, entity);
    let shouting: Entity = serde_json::from_value(
        json!({"@odata.type": "#Microsoft.Graph.DirectoryObject", "id": "d"}),
    )
    .unwrap();
    assert!(cast::<DirectoryObject>(&shouting).unwrap().is_some());
}

#[test]
fn a_cast_keeps_what_does_not_read_as_the_derived_type() {
    use graph_generated::support::cast;
    use graph_generated::v1::models::Entity;
    let entity: Entity = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.longRunningOperation",
        "createdDateTime": "not a date"
    }))
    .unwrap();
    let op = cast::<LongRunningOperation>(&entity).unwrap().unwrap();
    assert_eq!(op.created_date_time, None);
    assert_eq!(op.mistyped(), ["createdDateTime"]);
    assert_eq!(op.additional_data["createdDateTime"], json!("not a date"));
}

#[test]
fn a_model_is_made_from_its_properties_or_from_the_default() {
    let properties = LongRunningOperationProperties {
        id: Some("op-4".into()),
        ..Default::default()
    };
    let from_new = LongRunningOperation::new(properties);
    let mut from_default = LongRunningOperation::default();
    from_default.id = Some("op-4".into());
    assert_eq!(from_new, from_default);
    let from_into: LongRunningOperation = LongRunningOperationProperties {
        id: Some("op-4".into()),
        ..Default::default()
    }
    .into();
    assert_eq!(from_into, from_new);
    assert_eq!(serde_json::to_value(&from_new).unwrap(), json!({"id": "op-4"}));
    // The documented properties come back out without the unknown ones.
    let mut read: LongRunningOperation =
        serde_json::from_str(r#"{"id": "op-5", "extra": 1}"#).unwrap();
    read.status = Some(LongRunningOperationStatus::Failed);
    let properties = read.into_properties();
    assert_eq!(properties.id.as_deref(), Some("op-5"));
    assert_eq!(properties.status, Some(LongRunningOperationStatus::Failed));
    // `Default` of the properties is every property `None`.
    let empty = LongRunningOperationProperties::default();
    assert!(empty.id.is_none() && empty.status.is_none() && empty.resource_location.is_none());
}

#[test]
fn a_patch_sends_what_is_set_and_null_through_additional_data() {
    let mut update = LongRunningOperation::default();
    update.status = Some(LongRunningOperationStatus::Failed);
    update
        .additional_data
        .insert("statusDetail".into(), serde_json::Value::Null);
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"status": "failed", "statusDetail": null})
    );
}
