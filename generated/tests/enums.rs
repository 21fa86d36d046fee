//! Hand-written tests of the generated crate (no generated header, so regen
//! keeps this file): evolvable enums and terminal states.
#![cfg(all(feature = "v1", feature = "beta", feature = "full"))]

use graph_generated::beta::models::{LongRunningOperation, LongRunningOperationStatus};

#[test]
fn unknown_enum_values_round_trip_unchanged() {
    let status: LongRunningOperationStatus =
        serde_json::from_str("\"pausedForMaintenance\"").unwrap();
    assert_eq!(
        status,
        LongRunningOperationStatus::Other("pausedForMaintenance".into())
    );
    assert_eq!(
        serde_json::to_string(&status).unwrap(),
        "\"pausedForMaintenance\""
    );
    assert!(!status.is_terminal());
}

#[test]
fn terminal_states_come_from_the_docs() {
    assert!(LongRunningOperationStatus::Succeeded.is_terminal());
    assert!(LongRunningOperationStatus::Failed.is_terminal());
    assert!(!LongRunningOperationStatus::Running.is_terminal());
    let op: LongRunningOperation =
        serde_json::from_str(r#"{"status": "succeeded", "resourceLocation": "https://x"}"#)
            .unwrap();
    assert_eq!(op.status, Some(LongRunningOperationStatus::Succeeded));
}

#[test]
fn v1_states_from_the_prose_of_the_page_that_returns_them() {
    // v1.0 longrunningoperation-get.md names the terminal states, although
    // the merge keeps authenticationoperation-get.md's response type.
    use graph_generated::v1::models::LongRunningOperationStatus;
    assert!(LongRunningOperationStatus::Succeeded.is_terminal());
    assert!(!LongRunningOperationStatus::NotStarted.is_terminal());
}

#[test]
fn terminal_states_are_known_in_any_case() {
    // A spelling the docs do not give reads as `Other`, and round-trips
    // unchanged; it is still the terminal state it names, or a poll would
    // wait for the documented spelling forever.
    let status: LongRunningOperationStatus = serde_json::from_str("\"Succeeded\"").unwrap();
    assert_eq!(
        status,
        LongRunningOperationStatus::Other("Succeeded".into())
    );
    assert_eq!(serde_json::to_string(&status).unwrap(), "\"Succeeded\"");
    assert!(status.is_terminal());
    assert!(LongRunningOperationStatus::Other("FAILED".into()).is_terminal());
    assert!(!LongRunningOperationStatus::Other("Running".into()).is_terminal());
}
