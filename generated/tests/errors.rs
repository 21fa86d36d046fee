//! Hand-written tests (no generated header, so regen keeps this file) of
//! what a Graph error answer reads as: status, error and `Retry-After`,
//! whatever the server put in that header.

use graph_generated::request::{parse_response, retry_after, Error};
use std::time::Duration;

fn headers(value: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::RETRY_AFTER, value.parse().unwrap());
    headers
}

#[test]
fn retry_after_reads_seconds() {
    assert_eq!(retry_after(&headers("3")), Some(Duration::from_secs(3)));
    assert_eq!(retry_after(&headers(" 2.5 ")), Some(Duration::from_millis(2500)));
    assert_eq!(retry_after(&http::HeaderMap::new()), None);
}

#[test]
fn a_retry_after_no_duration_holds_is_none_and_never_a_panic() {
    // `Duration::from_secs_f64` panics on the first three.
    for value in ["1e300", "-1", "NaN", "inf", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"] {
        assert_eq!(retry_after(&headers(value)), None, "{value}");
    }
    let response = http::Response::builder()
        .status(429)
        .header("Retry-After", "1e300")
        .body(br#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#.to_vec())
        .unwrap();
    match parse_response::<serde_json::Value, _>(&response) {
        Err(Error::Graph { status, error, retry_after }) => {
            assert_eq!(status, 429);
            assert_eq!(error.code, "TooManyRequests");
            assert_eq!(retry_after, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn throttled_and_retryable_answers_are_told_apart() {
    let error_of = |status: u16| {
        let response = http::Response::builder().status(status).body(Vec::new()).unwrap();
        parse_response::<serde_json::Value, _>(&response).expect_err("an error status")
    };
    for (status, throttled, retryable) in [
        (429, true, true),
        (503, true, true),
        (504, false, true),
        (500, false, false),
        (404, false, false),
    ] {
        let e = error_of(status);
        assert_eq!((e.is_throttled(), e.is_retryable()), (throttled, retryable), "{status}");
    }
}
