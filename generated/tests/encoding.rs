//! Hand-written property tests of path encoding (no generated header, so
//! regen keeps this file): whatever a value holds, it stays one segment (or
//! one function argument, or one drive path) and can never change the path
//! or add a query.
#![cfg(all(feature = "v1", feature = "beta", feature = "full"))]

use graph_generated::{beta, v1};
use proptest::prelude::*;

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z/?#%. ]{0,12}",
        Just("..".to_string()),
        Just(".".to_string()),
        Just("alice_contoso.com#EXT#@fabrikam.onmicrosoft.com".to_string()),
        Just("../../me?$select=id#x".to_string()),
        Just("ü ñ 中文 %2F".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_key_is_always_one_segment(value in hostile()) {
        prop_assume!(!value.is_empty());
        let url = beta::requests::root().users().by_user_id(&value).authentication().url().to_string();
        let prefix = format!("{}/users/", beta::BASE_URL);
        prop_assert!(url.starts_with(&prefix));
        let rest = &url[prefix.len()..];
        let segment = rest.strip_suffix("/authentication").expect("the path goes on after the key");
        prop_assert!(!segment.contains('/') && !segment.contains('?') && !segment.contains('#'));
        prop_assert!(segment != "." && segment != "..");
        prop_assert_eq!(decode(segment), value);
        prop_assert!(url.parse::<http::Uri>().is_ok(), "a valid URI: {}", url);
    }

    #[test]
    fn a_function_argument_cannot_close_the_call(value in hostile()) {
        let url = v1::requests::root().reports().get_email_activity_user_detail_with_period_value(&value).url().to_string();
        let prefix = format!("{}/reports/getEmailActivityUserDetail(period='", v1::BASE_URL);
        prop_assert!(url.starts_with(&prefix));
        let inner = url[prefix.len()..].strip_suffix("')").expect("the call is closed");
        prop_assert!(!inner.contains('/') && !inner.contains('?') && !inner.contains('#'));
        // OData doubles single quotes inside a string literal.
        prop_assert_eq!(decode(inner).replace("''", "'"), value);
    }

    #[test]
    fn a_drive_path_stays_inside_the_drive(value in hostile()) {
        let url = beta::requests::root().me().drive().root_by_path(&value).content().url().to_string();
        let prefix = format!("{}/me/drive/root:/", beta::BASE_URL);
        prop_assert!(url.starts_with(&prefix));
        let inner = url[prefix.len()..].strip_suffix(":/content").expect("the item path is closed");
        prop_assert!(!inner.contains('?') && !inner.contains('#') && !inner.contains(':'));
        for part in inner.split('/') {
            prop_assert!(part != "." && part != "..");
        }
    }
}

#[test]
fn a_guest_upn_as_graph_expects_it() {
    let url = beta::requests::root()
        .users()
        .by_user_id("alice_contoso.com#EXT#@fabrikam.onmicrosoft.com")
        .authentication()
        .operations()
        .by_operation_id("../x?y=1")
        .url()
        .to_string();
    assert_eq!(
        url,
        "https://graph.microsoft.com/beta/users/alice_contoso.com%23EXT%23@fabrikam.onmicrosoft.com/authentication/operations/..%2Fx%3Fy%3D1"
    );
}

#[test]
fn builders_make_http_requests_without_a_client() {
    let request = beta::requests::root().users().by_user_id("..").authentication().operations().by_operation_id(".").get();
    let built = request.build().expect("an http::Request");
    assert_eq!(built.method(), http::Method::GET);
    assert_eq!(built.uri().path(), "/beta/users/%2E%2E/authentication/operations/%2E");
    let response = http::Response::builder()
        .status(404)
        .body(br#"{"error": {"code": "NotFound", "message": "No such operation"}}"#.to_vec())
        .unwrap();
    match request.parse(&response) {
        Err(graph_generated::request::Error::Graph { status, error, .. }) => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "NotFound");
        }
        other => panic!("{other:?}"),
    }
}
