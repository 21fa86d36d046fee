//! Hand-written tests of chunked uploads to an upload session (no
//! generated header, so regen keeps this file): the pieces' requests and
//! Graph's answers, without a client.

use graph_generated::request::{Accepted, Error};
use graph_generated::upload::{ChunkedUpload, UploadProgress, CHUNK_MULTIPLE};

const URL: &str = "https://contoso-my.sharepoint.com/upload/session?guid=1&tempauth=x";

#[test]
fn pieces_are_multiples_of_320_kib_with_their_content_range() {
    let file: Vec<u8> = (0..700 * 1024).map(|i| (i % 251) as u8).collect();
    let upload = ChunkedUpload::new(URL, file.len() as u64, 500 * 1024);
    assert_eq!(upload.chunk_size(), CHUNK_MULTIPLE);
    let ranges: Vec<_> = [0, 327_680, 655_360].iter().map(|&s| upload.piece(s)).collect();
    assert_eq!(ranges, [0..327_680, 327_680..655_360, 655_360..716_800]);
    let last = upload.request::<serde_json::Value>(&file, 655_360).expect("the last piece").build().expect("built");
    assert_eq!(last.method(), http::Method::PUT);
    assert_eq!(last.uri().to_string(), URL);
    assert_eq!(last.headers()["content-range"], "bytes 655360-716799/716800");
    assert_eq!(last.headers()["content-type"], "application/octet-stream");
    assert!(last.headers().get("authorization").is_none());
    assert_eq!(last.body(), &file[655_360..]);
    // Less than one multiple asked for: one multiple.
    assert_eq!(ChunkedUpload::new(URL, 10, 1).chunk_size(), CHUNK_MULTIPLE);
}

#[test]
fn a_piece_outside_the_file_or_a_file_of_another_size_is_refused() {
    let upload = ChunkedUpload::new(URL, 4, CHUNK_MULTIPLE);
    assert!(matches!(upload.request::<Accepted>(b"abcd", 4), Err(Error::Body(_))));
    assert!(matches!(upload.request::<Accepted>(b"abc", 0), Err(Error::Body(_))));
}

fn answer<T: graph_generated::request::FromResponse>(status: u16, body: &str) -> Result<UploadProgress<T>, Error> {
    let upload = ChunkedUpload::new(URL, 4, CHUNK_MULTIPLE);
    let response = http::Response::builder().status(status).header("Location", "/me/messages/m1").body(body.as_bytes().to_vec()).unwrap();
    upload.request::<T>(b"abcd", 0).unwrap().parse(&response)
}

#[test]
fn answers_say_what_graph_expects_next_or_give_the_item() {
    let expecting = answer::<serde_json::Value>(202, r#"{"expirationDateTime": "2026-11-24T00:00:00Z", "nextExpectedRanges": ["12345-", "20000-20100"]}"#).unwrap();
    assert_eq!(expecting.next_start(), Some(12345));
    let done = answer::<serde_json::Value>(201, r#"{"id": "item1"}"#).unwrap();
    assert_eq!(done, UploadProgress::Done(serde_json::json!({"id": "item1"})));
    assert_eq!(done.next_start(), None);
    // An Outlook attachment's last piece: `201` and a Location, no body.
    let attached = answer::<Accepted>(201, "").unwrap();
    assert_eq!(attached, UploadProgress::Done(Accepted { location: Some("/me/messages/m1".into()) }));
    assert!(matches!(answer::<Accepted>(404, r#"{"error": {"code": "itemNotFound"}}"#), Err(Error::Graph { .. })));
}

#[test]
fn the_upload_url_says_where_to_resume() {
    use graph_generated::upload::UploadStatus;
    let upload = ChunkedUpload::new(URL, 4, CHUNK_MULTIPLE);
    let status = upload.status_request();
    assert_eq!(status.method(), http::Method::GET);
    assert_eq!(status.url(), URL);
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"expirationDateTime": "2026-11-24T00:00:00Z", "nextExpectedRanges": ["2-3"]}"#.to_vec())
        .unwrap();
    let read: UploadStatus = status.parse(&response).expect("the status");
    assert_eq!(read.next_start(), Some(2));
}
