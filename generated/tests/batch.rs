//! Hand-written tests of JSON batching (no generated header, so regen
//! keeps this file): what a batch sends, and how its answers come back
//! typed, each with its own status, out of order.
#![cfg(all(feature = "v1", feature = "full"))]

use graph_generated::batch::{Batch, BatchResponse, MAX_REQUESTS};
use graph_generated::request::{Accepted, Bytes, Count, Error, Page, Request};
use graph_generated::v1;
use graph_generated::v1::models::{DirectoryObject, SendMailPostRequestBody, SendMailPostRequestBodyProperties};
use serde_json::{json, Value};

const ROOT: &str = "https://graph.microsoft.com/v1.0";

fn sent(batch: &Batch) -> Value {
    let built = batch.request().build().expect("the batch request");
    assert_eq!(built.method(), http::Method::POST);
    assert_eq!(built.uri().to_string(), format!("{ROOT}/$batch"));
    assert_eq!(built.headers()["content-type"], "application/json");
    serde_json::from_slice(built.body()).expect("a JSON body")
}

#[test]
fn a_batch_names_each_request_below_its_root_with_headers_body_and_dependencies() {
    let root = v1::requests::root_at(ROOT);
    let mut batch = Batch::new(ROOT);
    let members = batch
        .add(&root.groups().by_group_id("g 1").members().get().top(2).header("Authorization", "Bearer t"))
        .expect("a GET");
    let body = SendMailPostRequestBody::new(SendMailPostRequestBodyProperties {
        save_to_sent_items: Some(false),
        ..Default::default()
    });
    let mail = batch.add_after(&root.me().send_mail().post(&body), [members.id()]).expect("a POST");
    assert_eq!((members.id(), mail.id(), batch.len()), ("1", "2", 2));
    assert_eq!(
        sent(&batch),
        json!({"requests": [
            {"id": "1", "method": "GET", "url": "/groups/g%201/members?$top=2",
             "headers": {"authorization": "Bearer t"}},
            {"id": "2", "method": "POST", "url": "/me/sendMail",
             "headers": {"content-type": "application/json"},
             "body": {"saveToSentItems": false},
             "dependsOn": ["1"]}
        ]})
    );
}

#[test]
fn a_batch_refuses_what_it_cannot_carry() {
    let mut batch = Batch::new(ROOT);
    // Another root: the batch could not name it.
    let beta = graph_generated::beta::requests::root_at("https://graph.microsoft.com/beta");
    let elsewhere = beta.users().by_user_id("u").authentication().operations().by_operation_id("1").get();
    assert!(matches!(batch.add(&elsewhere), Err(Error::Batch(_))));
    assert!(batch.is_empty());
    // Twenty at most.
    let get = v1::requests::root_at(ROOT).groups().by_group_id("g").members().get();
    for _ in 0..MAX_REQUESTS {
        batch.add(&get).expect("room");
    }
    assert!(matches!(batch.add(&get), Err(Error::Batch(_))));
}

#[test]
fn answers_come_back_typed_each_with_its_own_status() {
    let root = v1::requests::root_at(ROOT);
    let mut batch = Batch::new(ROOT);
    let members = batch.add(&root.groups().by_group_id("g1").members().get()).unwrap();
    let missing = batch.add(&root.groups().by_group_id("nope").members().get()).unwrap();
    let body = SendMailPostRequestBody::default();
    let mail = batch.add(&root.me().send_mail().post(&body)).unwrap();
    let unanswered = batch.add(&root.groups().by_group_id("g2").members().get()).unwrap();
    // Graph answers in any order.
    let answer = json!({"responses": [
        {"id": "3", "status": 202, "headers": {"Location": "/me/messages/m1"}},
        {"id": "2", "status": 404, "headers": {"Retry-After": "3"},
         "body": {"error": {"code": "Request_ResourceNotFound", "message": "No group nope."}}},
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"},
         "body": {"value": [{"id": "a"}, {"id": "b"}], "@odata.nextLink": "https://graph.microsoft.com/v1.0/next"}}
    ]});
    let response = http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(&answer).unwrap())
        .unwrap();
    let answers: BatchResponse = batch.request().parse(&response).expect("the batch's answer");

    let page: Page<DirectoryObject> = answers.get(&members).expect("members");
    let ids: Vec<_> = page.value.iter().map(|m| m.id.as_deref()).collect();
    assert_eq!(ids, [Some("a"), Some("b")]);
    assert!(page.next_request().is_some());

    match answers.get(&missing) {
        Err(Error::Graph { status, error, retry_after }) => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(retry_after, Some(std::time::Duration::from_secs(3)));
        }
        other => panic!("{other:?}"),
    }
    let accepted: Accepted = answers.get(&mail).expect("accepted");
    assert_eq!(accepted.location.as_deref(), Some("/me/messages/m1"));
    assert_eq!(answers.status(&mail), Some(http::StatusCode::ACCEPTED));

    assert!(matches!(answers.get(&unanswered), Err(Error::Batch(_))));
    assert_eq!(answers.status(&unanswered), None);
}

#[test]
fn a_body_that_is_not_json_goes_as_base64_beside_its_content_type() {
    // RFC 4648's test vectors, each the body of one request.
    let vectors = [
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    let mut batch = Batch::new(ROOT);
    for (bytes, _) in vectors {
        let put = Request::<Bytes>::new(http::Method::PUT, format!("{ROOT}/me/photo/$value"))
            .bytes_body("image/png", bytes.as_bytes().to_vec());
        batch.add(&put).expect("a binary body");
    }
    let requests = sent(&batch)["requests"].as_array().cloned().unwrap();
    assert_eq!(requests.len(), vectors.len());
    for ((_, base64), request) in vectors.iter().zip(&requests) {
        assert_eq!(request["body"], *base64);
        assert_eq!(request["headers"]["content-type"], "image/png");
    }
}

#[test]
fn a_binary_answer_reads_as_the_bytes_its_base64_text_encodes() {
    let every_byte: Vec<u8> = (0..=255).collect();
    let mut batch = Batch::new(ROOT);
    let get = |path: &str| Request::<Bytes>::new(http::Method::GET, format!("{ROOT}{path}"));
    // What the batch sends, Graph sends back: every byte, through the
    // encoding the request uses.
    let upload = get("/me/drive/items/1/content").bytes_body("application/octet-stream", every_byte.clone());
    let uploaded = batch.add(&upload).unwrap();
    let photo = batch.add(&get("/me/photo/$value")).unwrap();
    let url_safe = batch.add(&get("/me/photos/1/$value")).unwrap();
    let not_base64 = batch.add(&get("/me/photos/2/$value")).unwrap();
    let text = batch.add(&get("/me/notes.txt")).unwrap();
    let count = batch.add(&Request::<Count>::new(http::Method::GET, format!("{ROOT}/users/$count"))).unwrap();
    let sent_bytes = sent(&batch)["requests"][0]["body"].clone();
    let answer = json!({"responses": [
        {"id": uploaded.id(), "status": 200, "headers": {"Content-Type": "application/octet-stream"}, "body": sent_bytes},
        {"id": photo.id(), "status": 200, "headers": {"content-type": "image/jpeg"}, "body": "/9j/4AA"},
        {"id": url_safe.id(), "status": 200, "headers": {"Content-Type": "image/png"}, "body": "-_8"},
        {"id": not_base64.id(), "status": 200, "headers": {"Content-Type": "image/png"}, "body": "not base64!"},
        {"id": text.id(), "status": 200, "headers": {"Content-Type": "text/plain; charset=utf-8"}, "body": "Zm9v"},
        {"id": count.id(), "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "42"},
    ]});
    let response = http::Response::new(serde_json::to_vec(&answer).unwrap());
    let answers: BatchResponse = batch.request().parse(&response).unwrap();
    assert_eq!(answers.get(&uploaded).unwrap(), Bytes(every_byte));
    // Unpadded, and in the URL-safe alphabet.
    assert_eq!(answers.get(&photo).unwrap(), Bytes(vec![0xff, 0xd8, 0xff, 0xe0, 0]));
    assert_eq!(answers.get(&url_safe).unwrap(), Bytes(vec![0xfb, 0xff]));
    // Text that is not base64 stays as it came, and so does a text answer.
    assert_eq!(answers.get(&not_base64).unwrap(), Bytes(b"not base64!".to_vec()));
    assert_eq!(answers.get(&text).unwrap(), Bytes(b"Zm9v".to_vec()));
    assert_eq!(answers.get(&count).unwrap(), Count(42));
}
