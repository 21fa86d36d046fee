//! Hand-written tests of the generated crate (no generated header, so regen
//! keeps this file): evolvable enums and terminal states.

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
fn path_values_stay_one_segment() {
    let req = graph_generated::beta::requests::get_users_by_id_authentication_operations_by_id(
        "alice_contoso.com#EXT#@fabrikam.onmicrosoft.com",
        "../x?y=1",
    )
    .unwrap();
    assert_eq!(
        req.uri().to_string(),
        "https://graph.microsoft.com/beta/users/alice_contoso.com%23EXT%23@fabrikam.onmicrosoft.com/authentication/operations/..%2Fx%3Fy%3D1"
    );
    assert_eq!(req.method(), http::Method::GET);
}

#[test]
fn dot_segments_are_encoded() {
    let req =
        graph_generated::beta::requests::get_users_by_id_authentication_operations_by_id("..", ".")
            .unwrap();
    assert_eq!(
        req.uri().path(),
        "/beta/users/%2E%2E/authentication/operations/%2E"
    );
}

#[test]
fn v1_states_from_the_prose_of_the_page_that_returns_them() {
    // v1.0 longrunningoperation-get.md names the terminal states, although
    // the merge keeps authenticationoperation-get.md's response type.
    use graph_generated::v1::models::LongRunningOperationStatus;
    assert!(LongRunningOperationStatus::Succeeded.is_terminal());
    assert!(!LongRunningOperationStatus::NotStarted.is_terminal());
}
