//! Hand-written property tests of how models read JSON (no generated
//! header, so regen keeps this file): whatever object Graph sends, a model
//! reads it, every value it does not read as its documented type is kept,
//! and written back the model is the object it was read from.
#![cfg(all(feature = "v1", feature = "full"))]

use graph_generated::request::Page;
use graph_generated::v1::models::{LongRunningOperation, Message, SendMailPostRequestBody};
use common::normal;
use proptest::prelude::*;
use serde_json::{Map, Value};

mod common;

/// Keys the models document (some of them nested: `message` holds a
/// `Message`), and others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "createdDateTime",
            "lastActionDateTime",
            "resourceLocation",
            "status",
            "statusDetail",
            "message",
            "saveToSentItems",
            "subject",
            "hasAttachments",
            "body",
            "@odata.type",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z@.]{1,8}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        prop::sample::select(vec![
            "running",
            "succeeded",
            "2024-05-01T10:00:00Z",
            "2020-03-19T12-01-03.45Z",
            "",
        ])
        .prop_map(Value::from),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(key(), json(), 0..8).prop_map(|m| m.into_iter().collect())
}

/// Reads `object` as `T`, writes it back, and checks that nothing was lost
/// and that reading again gives the same model.
fn reads_back<T>(object: &Map<String, Value>) -> Result<T, TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let original = Value::Object(object.clone());
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|e| TestCaseError::fail(format!("an object did not read: {e}")))?;
    let back = serde_json::to_value(&typed).expect("a model writes");
    // `null` is absent (a model leaves `None` out); numbers as floats.
    prop_assert_eq!(normal(back.clone()), normal(original));
    let again: T = serde_json::from_value(back).expect("what a model wrote reads");
    prop_assert_eq!(&again, &typed);
    Ok(typed)
}

/// The value at a path of `mistyped_paths()`: `message.hasAttachments`,
/// `value[1].subject`.
fn at_path<'v>(value: &'v Value, path: &str) -> &'v Value {
    let mut at = value;
    for part in path.split('.') {
        let (name, indices) = part.split_once('[').unwrap_or((part, ""));
        at = at.get(name).expect("a mistyped path is in the object");
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            let i: usize = index.trim_end_matches(']').parse().expect("an index");
            at = at.get(i).expect("a mistyped item is in the list");
        }
    }
    at
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_object_reads_and_writes_back_what_it_read(object in object()) {
        let op: LongRunningOperation = reads_back(&object)?;
        // A documented property is either read or kept as mistyped.
        for name in op.mistyped() {
            prop_assert!(object.get(name).is_some_and(|v| !v.is_null()));
            prop_assert!(op.additional_data.contains_key(name));
        }
        let body: SendMailPostRequestBody = reads_back(&object)?;
        for path in body.mistyped_paths() {
            // Each path names a value that is in the object, not null.
            let whole = Value::Object(object.clone());
            prop_assert!(!at_path(&whole, &path).is_null());
        }
    }

    #[test]
    fn any_page_of_objects_reads(items in prop::collection::vec(object(), 0..4)) {
        let page = serde_json::json!({ "value": items });
        let read: Page<Message> = serde_json::from_value(page).expect("a page of objects reads");
        prop_assert_eq!(read.value.len(), items.len());
        let whole = serde_json::json!({ "value": items });
        for path in read.mistyped_paths() {
            prop_assert!(path.starts_with("value["));
            prop_assert!(!at_path(&whole, &path).is_null());
        }
    }
}
