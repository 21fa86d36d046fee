//! Hand-written tests of JSON batching (no generated header, so regen
//! keeps this file): what a batch sends, and how its answers come back
//! typed, each with its own status, out of order.
#![cfg(all(feature = "v1", feature = "full"))]

use graph_generated::batch::{Batch, BatchResponse, Batches, MAX_REQUESTS};
use graph_generated::request::{Accepted, Bytes, Count, Error, Page, Request};
use graph_generated::v1;
use graph_generated::v1::models::{DirectoryObject, SendMailPostRequestBody, SendMailPostRequestBodyProperties};
use serde_json::{json, Value};
use std::collections::BTreeMap;

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

/// The ids each batch of `batches` sends, batch by batch, and what request
/// `id` depends on, as sent.
fn sent_ids(batches: &Batches) -> (Vec<Vec<String>>, BTreeMap<String, Value>) {
    let mut ids = Vec::new();
    let mut depends = BTreeMap::new();
    for request in batches.requests() {
        let built = request.build().expect("a batch request");
        assert_eq!(built.uri().to_string(), format!("{ROOT}/$batch"));
        let body: Value = serde_json::from_slice(built.body()).expect("a JSON body");
        let mut these = Vec::new();
        for entry in body["requests"].as_array().expect("requests") {
            let id = entry["id"].as_str().expect("an id").to_string();
            if let Some(after) = entry.get("dependsOn") {
                depends.insert(id.clone(), after.clone());
            }
            these.push(id);
        }
        ids.push(these);
    }
    (ids, depends)
}

fn numbers(from: usize, to: usize) -> Vec<String> {
    (from..=to).map(|n| n.to_string()).collect()
}

#[test]
fn many_requests_go_in_batches_of_twenty_with_ids_across_them() {
    let root = v1::requests::root_at(ROOT);
    let mut batches = Batches::new(ROOT);
    assert!(batches.is_empty() && batches.requests().is_empty());
    let handles: Vec<_> = (0..45)
        .map(|n| batches.add(&root.groups().by_group_id(&format!("g{n}")).members().get()).expect("room"))
        .collect();
    assert_eq!(batches.len(), 45);
    let (ids, depends) = sent_ids(&batches);
    assert_eq!(ids, [numbers(1, 20), numbers(21, 40), numbers(41, 45)]);
    assert!(depends.is_empty());
    assert_eq!(handles[44].id(), "45");
    // A request from another root is refused, as by one batch.
    let beta = graph_generated::beta::requests::root_at("https://graph.microsoft.com/beta");
    let elsewhere = beta.users().by_user_id("u").authentication().operations().by_operation_id("1").get();
    assert!(matches!(batches.add(&elsewhere), Err(Error::Batch(_))));
    assert_eq!(batches.len(), 45);
}

#[test]
fn a_chain_goes_whole_into_one_batch_and_a_chain_too_long_for_one_is_refused() {
    let root = v1::requests::root_at(ROOT);
    let get = root.groups().by_group_id("g").members().get();
    let mut batches = Batches::new(ROOT);
    for _ in 0..18 {
        batches.add(&get).unwrap();
    }
    // 19, 20 and 21 are a chain; 21 would be the first of a second batch,
    // so the chain starts it.
    let first = batches.add(&get).unwrap();
    let second = batches.add_after(&get, [first.id()]).unwrap();
    let third = batches.add_after(&get, [second.id()]).unwrap();
    // 22 and 23 depend on nothing, and fill the batches in order.
    batches.add(&get).unwrap();
    batches.add(&get).unwrap();
    let (ids, depends) = sent_ids(&batches);
    assert_eq!(ids, [numbers(1, 18), ["19", "20", "21", "22", "23"].map(String::from).to_vec()]);
    assert_eq!(depends.get(third.id()), Some(&json!(["20"])));
    assert_eq!(depends.get(second.id()), Some(&json!(["19"])));

    // Two chains joined by one request are one chain.
    let other = batches.add(&get).unwrap();
    let joined = batches.add_after(&get, [third.id(), other.id()]).unwrap();
    assert_eq!(depends.len(), 2);
    let (ids, depends) = sent_ids(&batches);
    assert_eq!(ids[1], numbers(19, 25));
    assert_eq!(depends.get(joined.id()), Some(&json!(["21", "24"])));

    // A chain of twenty fits; a twenty-first link does not, and is not added.
    let mut chain = batches.add(&get).unwrap();
    for _ in 1..MAX_REQUESTS {
        chain = batches.add_after(&get, [chain.id()]).unwrap();
    }
    let before = batches.len();
    assert!(matches!(batches.add_after(&get, [chain.id()]), Err(Error::Batch(_))));
    assert_eq!(batches.len(), before);
    let (ids, _) = sent_ids(&batches);
    assert_eq!(ids.iter().map(Vec::len).collect::<Vec<_>>(), [18, 7, 20]);
    // An id none of the requests has.
    for unknown in ["0", "999", "x"] {
        assert!(matches!(batches.add_after(&get, [unknown]), Err(Error::Batch(_))), "{unknown}");
    }
    assert_eq!(batches.len(), before);
}

#[test]
fn the_answers_of_all_the_batches_read_as_one() {
    let root = v1::requests::root_at(ROOT);
    let mut batches = Batches::new(ROOT);
    let handles: Vec<_> = (0..MAX_REQUESTS + 1)
        .map(|n| batches.add(&root.groups().by_group_id(&format!("g{n}")).members().get()).unwrap())
        .collect();
    let requests = batches.requests();
    assert_eq!(requests.len(), 2);
    let answer = |from: usize, to: usize| {
        let responses: Vec<Value> = (from..=to)
            .map(|n| json!({"id": n.to_string(), "status": 200, "body": {"value": [{"id": format!("m{n}")}]}}))
            .collect();
        http::Response::new(serde_json::to_vec(&json!({ "responses": responses })).unwrap())
    };
    let answers: BatchResponse = [(0, answer(1, 20)), (1, answer(21, 21))]
        .into_iter()
        .map(|(i, response)| requests[i].parse(&response).expect("a batch's answer"))
        .collect();
    for (n, handle) in handles.iter().enumerate() {
        let page: Page<DirectoryObject> = answers.get(handle).expect("an answer");
        assert_eq!(page.value[0].id, Some(format!("m{}", n + 1)));
    }
}
