//! Hand-written tests of the request builders and the reqwest client (no
//! generated header, so regen keeps this file): the seed operation over a
//! real connection, paging, polling a long-running operation, throttling
//! and Graph's error body.
#![cfg(all(feature = "reqwest", feature = "v1", feature = "beta", feature = "full"))]

mod common;

use common::{serve, Expect, Reply};
use graph_generated::request::{Error, LongRunning, Page, PollOptions};
use graph_generated::{beta, v1};
use std::time::{Duration, Instant};

fn expect(path: &'static str) -> Expect {
    Expect { method: "GET", path, query: &[], headers: &[], body_keys: None, body: None, bytes: None }
}

fn json(status: u16, body: &'static [u8]) -> Reply {
    Reply { status, headers: &[("Content-Type", "application/json")], body }
}

#[tokio::test]
async fn the_seed_operation_over_a_real_connection() {
    let (base, server) = serve(vec![(
        expect("/beta/users/alice_contoso.com#EXT#@fabrikam.onmicrosoft.com/authentication/operations/42"),
        json(200, br#"{"id": "42", "status": "running", "createdDateTime": "2020-03-19T12:01:03.45Z"}"#),
    )]);
    let op = beta::requests::root_at(&format!("{base}/beta"))
        .users()
        .by_user_id("alice_contoso.com#EXT#@fabrikam.onmicrosoft.com")
        .authentication()
        .operations()
        .by_operation_id("42")
        .get()
        .send(&reqwest::Client::new())
        .await
        .expect("the operation");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
    assert_eq!(op.status, Some(beta::models::OperationStatus::Running));
    assert!(!op.is_terminal());
    // A property moves out of the properties, not out of the model.
    let created = op.into_properties().created_date_time.expect("a timestamp");
    assert_eq!(created.as_str(), "2020-03-19T12:01:03.45Z");
    assert_eq!(created.components().0, 2020);
}

#[tokio::test]
async fn paging_follows_next_links_and_select_is_typed() {
    // The next link points back at the same server; its port is known only
    // once it runs, so the first page names a path the client resolves.
    let (base, server) = serve(vec![
        (
            Expect {
                query: &[("$select", "id,deletedDateTime"), ("$top", "2")],
                ..expect("/v1.0/groups/g1/members")
            },
            json(200, br#"{"value": [{"id": "a"}, {"id": "b"}], "@odata.nextLink": "NEXT"}"#),
        ),
        (expect("/v1.0/groups/g1/members/page2"), json(200, br#"{"value": [{"id": "c"}]}"#)),
    ]);
    let request = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .select([
            v1::models::DirectoryObjectField::Id,
            v1::models::DirectoryObjectField::DeletedDateTime,
        ])
        .top(2);
    assert!(request.url().ends_with("/groups/g1/members?$select=id,deletedDateTime&$top=2"));
    let client = reqwest::Client::new();
    let first = request.send(&client).await.expect("page 1");
    assert_eq!(first.value.len(), 2);
    // Follow the link the way `pages()` does, with the link made absolute.
    let mut page = first;
    page.next_link = Some(format!("{base}/v1.0/groups/g1/members/page2"));
    let second = page.next_request().expect("a next page").send(&client).await.expect("page 2");
    assert_eq!(second.value[0].id.as_deref(), Some("c"));
    assert!(second.next_request().is_none());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn every_page_is_asked_for_with_the_first_request_s_headers() {
    // Graph wants the token on every page, and `ConsistencyLevel` on every
    // page of an advanced query (`$count`, `$search`).
    const HEADERS: &[(&str, &str)] = &[("Authorization", "Bearer t0ken"), ("ConsistencyLevel", "eventual")];
    let (base, server) = serve(vec![
        (
            Expect { query: &[("$count", "true")], headers: HEADERS, ..expect("/v1.0/groups/g1/members") },
            json(
                200,
                br#"{"value": [{"id": "a"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members?$count=true&$skiptoken=x"}"#,
            ),
        ),
        (
            Expect {
                query: &[("$count", "true"), ("$skiptoken", "x")],
                headers: HEADERS,
                ..expect("/v1.0/groups/g1/members")
            },
            json(200, br#"{"value": [{"id": "b"}]}"#),
        ),
    ]);
    let items = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .count(true)
        .header("Authorization", "Bearer t0ken")
        .send_all(&reqwest::Client::new())
        .await
        .expect("both pages");
    let ids: Vec<_> = items.iter().map(|m| m.id.as_deref()).collect();
    assert_eq!(ids, [Some("a"), Some("b")]);
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed_with_the_token() {
    // The first request's headers hold the token; a next link elsewhere
    // (another port is another origin) would take it there.
    const HEADERS: &[(&str, &str)] = &[("Authorization", "Bearer t0ken")];
    let (base, server) = serve(vec![(
        Expect { headers: HEADERS, ..expect("/v1.0/groups/g1/members") },
        json(200, br#"{"value": [{"id": "a"}], "@odata.nextLink": "http://127.0.0.1:1/v1.0/groups/g1/members?$skiptoken=1"}"#),
    )]);
    let request = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .header("Authorization", "Bearer t0ken");
    let client = reqwest::Client::new();
    let mut pages = request.pages(&client);
    let first = pages.next().await.expect("a first page").expect("page 1");
    assert_eq!(first.value.len(), 1);
    match pages.next().await {
        Some(Err(Error::Link(why))) => assert!(why.contains("127.0.0.1:1"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(pages.next().await.is_none());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_page_that_links_to_itself_ends_the_walk() {
    // Followed, it would be asked for again and again, each time adding
    // its items to `send_all`'s.
    let (base, server) = serve(vec![(
        expect("/v1.0/groups/g1/members"),
        json(200, br#"{"value": [{"id": "a"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members"}"#),
    )]);
    let result = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .send_all(&reqwest::Client::new())
        .await;
    assert!(matches!(&result, Err(Error::Link(why)) if why.contains("links to itself")), "{result:?}");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn send_all_walks_every_page() {
    let (base, server) = serve(vec![
        (expect("/v1.0/groups/g1/members"), json(200, br#"{"value": [{"id": "a"}]}"#)),
    ]);
    let items = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .send_all(&reqwest::Client::new())
        .await
        .expect("all items");
    assert_eq!(items.len(), 1);
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_delta_round_keeps_the_delta_link_and_asks_for_the_next_round_alike() {
    // The last page of a delta query holds `@odata.deltaLink` instead of a
    // next link; the next round asks it with the first request's headers.
    const HEADERS: &[(&str, &str)] = &[("Authorization", "Bearer t0ken"), ("Prefer", "return=minimal")];
    let (base, server) = serve(vec![
        (
            Expect { headers: HEADERS, ..expect("/v1.0/groups/g1/members") },
            json(200, br#"{"value": [{"id": "a"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members?$skiptoken=1"}"#),
        ),
        (
            Expect { query: &[("$skiptoken", "1")], headers: HEADERS, ..expect("/v1.0/groups/g1/members") },
            json(200, br#"{"value": [{"id": "b"}], "@odata.deltaLink": "{{server}}/v1.0/groups/g1/members?$deltatoken=2"}"#),
        ),
        (
            Expect { query: &[("$deltatoken", "2")], headers: HEADERS, ..expect("/v1.0/groups/g1/members") },
            json(200, br#"{"value": [{"id": "c"}], "@odata.deltaLink": "{{server}}/v1.0/groups/g1/members?$deltatoken=3"}"#),
        ),
    ]);
    let client = reqwest::Client::new();
    let round = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .header("Authorization", "Bearer t0ken")
        .header("Prefer", "return=minimal")
        .send_delta(&client)
        .await
        .expect("the first round");
    let ids: Vec<_> = round.items.iter().map(|m| m.id.as_deref()).collect();
    assert_eq!(ids, [Some("a"), Some("b")]);
    assert_eq!(round.delta_link, Some(format!("{base}/v1.0/groups/g1/members?$deltatoken=2")));
    let next = round.next_round.expect("a next round").send_delta(&client).await.expect("the second round");
    assert_eq!(next.items.iter().map(|m| m.id.as_deref()).collect::<Vec<_>>(), [Some("c")]);
    assert_eq!(next.delta_link, Some(format!("{base}/v1.0/groups/g1/members?$deltatoken=3")));
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_collection_without_a_delta_link_has_no_next_round() {
    let (base, server) = serve(vec![(expect("/v1.0/groups/g1/members"), json(200, br#"{"value": [{"id": "a"}]}"#))]);
    let round = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .send_delta(&reqwest::Client::new())
        .await
        .expect("one page");
    assert_eq!(round.items.len(), 1);
    assert_eq!(round.delta_link, None);
    assert!(round.next_round.is_none());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_batch_is_sent_like_any_request() {
    let (base, server) = serve(vec![(
        Expect { method: "POST", body_keys: Some(&["requests"]), ..expect("/v1.0/$batch") },
        json(200, br#"{"responses": [{"id": "1", "status": 200, "body": {"value": [{"id": "a"}]}}]}"#),
    )]);
    let root = format!("{base}/v1.0");
    let mut batch = graph_generated::batch::Batch::new(&root);
    let members = batch.add(&v1::requests::root_at(&root).groups().by_group_id("g1").members().get()).expect("room");
    let answers = batch.request().send(&reqwest::Client::new()).await.expect("the batch");
    assert_eq!(answers.get(&members).expect("members").value[0].id.as_deref(), Some("a"));
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn many_requests_are_sent_as_batches_one_after_another_and_answered_as_one() {
    // Twenty-one requests: two batches, the second of one request.
    let answer = |from: usize, to: usize| -> &'static [u8] {
        let responses: Vec<String> = (from..=to)
            .map(|n| format!(r#"{{"id": "{n}", "status": 200, "body": {{"value": [{{"id": "m{n}"}}]}}}}"#))
            .collect();
        Box::leak(format!(r#"{{"responses": [{}]}}"#, responses.join(",")).into_bytes().into_boxed_slice())
    };
    let batch = || Expect { method: "POST", body_keys: Some(&["requests"]), ..expect("/v1.0/$batch") };
    let (base, server) = serve(vec![(batch(), json(200, answer(1, 20))), (batch(), json(200, answer(21, 21)))]);
    let root = format!("{base}/v1.0");
    let mut batches = graph_generated::batch::Batches::new(&root);
    let handles: Vec<_> = (0..21)
        .map(|n| batches.add(&v1::requests::root_at(&root).groups().by_group_id(&format!("g{n}")).members().get()).expect("room"))
        .collect();
    let answers = batches.send(&reqwest::Client::new()).await.expect("the batches");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
    for (n, handle) in handles.iter().enumerate() {
        let page = answers.get(handle).expect("an answer");
        assert_eq!(page.value[0].id, Some(format!("m{}", n + 1)));
    }
}

#[tokio::test]
async fn requests_throttled_inside_a_batch_go_again_with_those_that_depend_on_them() {
    // 1 succeeds; 2 is throttled on its own; 3 depends on 2 and fails with
    // it; 4 is throttled for longer than is waited out. 2 and 3 go again,
    // 3 now depending on 2 alone.
    let batch = |body: &'static str| Expect { method: "POST", body: Some(body), ..expect("/v1.0/$batch") };
    let (base, server) = serve(vec![
        (
            batch(
                r#"{"requests": [
                    {"id": "1", "method": "GET", "url": "/groups/g1/members"},
                    {"id": "2", "method": "GET", "url": "/groups/g2/members"},
                    {"id": "3", "method": "GET", "url": "/groups/g3/members", "dependsOn": ["1", "2"]},
                    {"id": "4", "method": "GET", "url": "/groups/g4/members"}]}"#,
            ),
            json(
                200,
                br#"{"responses": [
                    {"id": "1", "status": 200, "body": {"value": [{"id": "m1"}]}},
                    {"id": "2", "status": 429, "headers": {"Retry-After": "0"}, "body": {"error": {"code": "TooManyRequests", "message": "Slow down."}}},
                    {"id": "3", "status": 424, "body": {"error": {"code": "FailedDependency", "message": "2 failed."}}},
                    {"id": "4", "status": 429, "headers": {"Retry-After": "3600"}, "body": {"error": {"code": "TooManyRequests", "message": "Much later."}}}]}"#,
            ),
        ),
        (
            batch(
                r#"{"requests": [
                    {"id": "2", "method": "GET", "url": "/groups/g2/members"},
                    {"id": "3", "method": "GET", "url": "/groups/g3/members", "dependsOn": ["2"]}]}"#,
            ),
            json(
                200,
                br#"{"responses": [
                    {"id": "3", "status": 200, "body": {"value": [{"id": "m3"}]}},
                    {"id": "2", "status": 200, "body": {"value": [{"id": "m2"}]}}]}"#,
            ),
        ),
    ]);
    let root = format!("{base}/v1.0");
    let groups = v1::requests::root_at(&root);
    let mut batches = graph_generated::batch::Batches::new(&root);
    let one = batches.add(&groups.groups().by_group_id("g1").members().get()).unwrap();
    let two = batches.add(&groups.groups().by_group_id("g2").members().get()).unwrap();
    let three = batches.add_after(&groups.groups().by_group_id("g3").members().get(), [one.id(), two.id()]).unwrap();
    let four = batches.add(&groups.groups().by_group_id("g4").members().get()).unwrap();
    // An hour's `Retry-After` is not waited out: were it, the test fails
    // here rather than hangs.
    let client = reqwest::Client::new();
    let sent = batches.send_with_retry(&client, 3, Duration::ZERO);
    let answers = tokio::time::timeout(Duration::from_secs(30), sent)
        .await
        .expect("no wait of an hour")
        .expect("the batches");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
    for (handle, id) in [(&one, "m1"), (&two, "m2"), (&three, "m3")] {
        assert_eq!(answers.get(handle).expect("an answer").value[0].id.as_deref(), Some(id));
    }
    match answers.get(&four) {
        Err(Error::Graph { status, retry_after, .. }) => {
            assert_eq!(status, 429);
            assert_eq!(retry_after, Some(Duration::from_secs(3600)));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_large_file_goes_up_in_pieces_from_where_graph_expects_them() {
    const RANGES: [&[(&str, &str)]; 3] = [
        &[("Content-Range", "bytes 0-327679/716800")],
        &[("Content-Range", "bytes 327680-655359/716800")],
        &[("Content-Range", "bytes 655360-716799/716800")],
    ];
    let put = |headers| Expect { method: "PUT", headers, ..expect("/upload/s1") };
    let (base, server) = serve(vec![
        (put(RANGES[0]), json(202, br#"{"nextExpectedRanges": ["327680-"]}"#)),
        // The second piece is lost on the way: Graph asks for it again.
        (put(RANGES[1]), json(202, br#"{"nextExpectedRanges": ["327680-716799"]}"#)),
        (put(RANGES[1]), json(202, br#"{"nextExpectedRanges": ["655360-"]}"#)),
        (put(RANGES[2]), json(201, br#"{"id": "item1", "name": "big.bin"}"#)),
    ]);
    let file = vec![7u8; 716_800];
    let upload = graph_generated::upload::ChunkedUpload::new(&format!("{base}/upload/s1"), file.len() as u64, 320 * 1024);
    let item: serde_json::Value = upload.send(&reqwest::Client::new(), &file).await.expect("the item");
    assert_eq!(item["id"], "item1");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_collection_counts_its_items_with_filter_and_consistency_level() {
    let (base, server) = serve(vec![(
        Expect {
            query: &[("$filter", "startswith(displayName,'a')")],
            headers: &[("ConsistencyLevel", "eventual")],
            ..expect("/v1.0/groups/g1/members/$count")
        },
        // Graph answers with text, sometimes after a byte-order mark.
        Reply { status: 200, headers: &[("Content-Type", "text/plain")], body: "\u{feff}3".as_bytes() },
    )]);
    let count = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .count()
        .filter("startswith(displayName,'a')")
        .send(&reqwest::Client::new())
        .await
        .expect("the count");
    assert_eq!(count, graph_generated::request::Count(3));
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_lost_piece_resumes_where_graph_says() {
    const RANGES: [&[(&str, &str)]; 2] =
        [&[("Content-Range", "bytes 0-327679/655360")], &[("Content-Range", "bytes 327680-655359/655360")]];
    let put = |headers| Expect { method: "PUT", headers, ..expect("/upload/s2") };
    let busy = Reply {
        status: 503,
        headers: &[("Content-Type", "application/json"), ("Retry-After", "0.1")],
        body: br#"{"error": {"code": "serviceNotAvailable", "message": "Try again."}}"#,
    };
    let (base, server) = serve(vec![
        (put(RANGES[0]), json(202, br#"{"nextExpectedRanges": ["327680-"]}"#)),
        (put(RANGES[1]), busy),
        // Where to resume: a GET of the upload URL.
        (expect("/upload/s2"), json(200, br#"{"nextExpectedRanges": ["327680-655359"]}"#)),
        (put(RANGES[1]), json(201, br#"{"id": "item2"}"#)),
    ]);
    let file = vec![1u8; 655_360];
    let upload = graph_generated::upload::ChunkedUpload::new(&format!("{base}/upload/s2"), file.len() as u64, 320 * 1024);
    let item: serde_json::Value = upload.send(&reqwest::Client::new(), &file).await.expect("the item");
    assert_eq!(item["id"], "item2");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_stopped_upload_resumes_from_what_graph_still_expects() {
    let put = Expect { method: "PUT", headers: &[("Content-Range", "bytes 327680-655359/655360")], ..expect("/upload/s3") };
    let (base, server) = serve(vec![
        (expect("/upload/s3"), json(200, br#"{"nextExpectedRanges": ["327680-"]}"#)),
        (put, json(201, br#"{"id": "item3"}"#)),
    ]);
    let file = vec![1u8; 655_360];
    let upload = graph_generated::upload::ChunkedUpload::new(&format!("{base}/upload/s3"), file.len() as u64, 320 * 1024);
    let item: serde_json::Value = upload.resume(&reqwest::Client::new(), &file).await.expect("the item");
    assert_eq!(item["id"], "item3");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn asking_where_to_resume_waits_while_graph_is_busy() {
    let put = |range| Expect { method: "PUT", headers: range, ..expect("/upload/s4") };
    const FIRST: &[(&str, &str)] = &[("Content-Range", "bytes 0-327679/655360")];
    const SECOND: &[(&str, &str)] = &[("Content-Range", "bytes 327680-655359/655360")];
    let busy = Reply { status: 503, headers: &[("Retry-After", "0.1")], body: b"" };
    let throttled = Reply { status: 429, headers: &[("Retry-After", "0.1")], body: b"" };
    let (base, server) = serve(vec![
        (put(FIRST), json(202, br#"{"nextExpectedRanges": ["327680-"]}"#)),
        (put(SECOND), busy),
        // The status request is throttled, then answered.
        (expect("/upload/s4"), throttled),
        (expect("/upload/s4"), json(200, br#"{"nextExpectedRanges": ["327680-655359"]}"#)),
        (put(SECOND), json(201, br#"{"id": "item4"}"#)),
    ]);
    let file = vec![1u8; 655_360];
    let upload = graph_generated::upload::ChunkedUpload::new(&format!("{base}/upload/s4"), file.len() as u64, 320 * 1024);
    let started = Instant::now();
    let item: serde_json::Value = upload.send(&reqwest::Client::new(), &file).await.expect("the item");
    assert_eq!(item["id"], "item4");
    assert!(started.elapsed() >= Duration::from_millis(200), "both Retry-After delays were honoured");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_session_that_stays_busy_without_retry_after_is_asked_less_and_less_often() {
    let put = || Expect { method: "PUT", headers: &[("Content-Range", "bytes 0-327679/327680")], ..expect("/upload/s5") };
    let busy = || Reply { status: 503, headers: &[], body: b"" };
    let (base, server) = serve(vec![
        // At once after the piece fails; 0.5 s and 1 s after the busy answers.
        (put(), busy()),
        (expect("/upload/s5"), busy()),
        (expect("/upload/s5"), busy()),
        (expect("/upload/s5"), json(200, br#"{"nextExpectedRanges": ["0-"]}"#)),
        (put(), json(201, br#"{"id": "item5"}"#)),
    ]);
    let file = vec![1u8; 327_680];
    let upload = graph_generated::upload::ChunkedUpload::new(&format!("{base}/upload/s5"), file.len() as u64, 320 * 1024);
    let started = Instant::now();
    let item: serde_json::Value = upload.send(&reqwest::Client::new(), &file).await.expect("the item");
    assert_eq!(item["id"], "item5");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(1500), "waited 0.5 s, then 1 s: {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

const RUNNING: &[u8] = br#"{"id": "op1", "status": "running"}"#;
const SUCCEEDED: &[u8] = br#"{"id": "op1", "status": "succeeded", "resourceLocation": "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/alerts/a1"}"#;
const OPERATION: &str = "/beta/identityGovernance/roleManagementAlerts/operations/op1";

/// `GET` of the long-running operation `op1` on the test server at `base`.
fn operation_op1(base: &str) -> graph_generated::request::Request<beta::models::LongRunningOperation, impl Sized> {
    beta::requests::root_at(&format!("{base}/beta"))
        .identity_governance()
        .role_management_alerts()
        .operations()
        .by_long_running_operation_id("op1")
        .get()
}

fn running_with_retry_after() -> Reply {
    Reply { status: 200, headers: &[("Content-Type", "application/json"), ("Retry-After", "0.2")], body: RUNNING }
}

/// Polls `op1` through a running state, `second`, then success: each
/// wait is the 0.2 s `Retry-After`, not the 5 s interval.
async fn poll_through(second: Reply) -> beta::models::LongRunningOperation {
    let (base, server) = serve(vec![
        (expect(OPERATION), running_with_retry_after()),
        (expect(OPERATION), second),
        (expect(OPERATION), json(200, SUCCEEDED)),
    ]);
    let started = Instant::now();
    let done = operation_op1(&base)
        .poll_until_done(
            &reqwest::Client::new(),
            PollOptions { timeout: Duration::from_secs(10), interval: Duration::from_secs(5) },
        )
        .await
        .expect("the operation finishes");
    assert!(started.elapsed() >= Duration::from_millis(400), "both Retry-After delays were honoured");
    assert!(started.elapsed() < Duration::from_secs(5), "Retry-After, not the 5 s interval, set the pace");
    assert!(done.is_terminal());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
    done
}

#[tokio::test]
async fn polling_honours_retry_after_until_a_terminal_state() {
    let done = poll_through(running_with_retry_after()).await;
    assert_eq!(
        done.resource_location(),
        Some("https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/alerts/a1")
    );
}

#[tokio::test]
async fn a_throttled_poll_is_waited_out_within_the_timeout() {
    let throttled = Reply {
        status: 429,
        headers: &[("Content-Type", "application/json"), ("Retry-After", "0.2")],
        body: br#"{"error": {"code": "TooManyRequests", "message": "Slow down"}}"#,
    };
    poll_through(throttled).await;
}

#[tokio::test]
async fn polling_times_out_cleanly() {
    let (base, server) = serve(vec![
        (expect(OPERATION), running_with_retry_after()),
        (expect(OPERATION), running_with_retry_after()),
    ]);
    let result = operation_op1(&base)
        .poll_until_done(
            &reqwest::Client::new(),
            PollOptions { timeout: Duration::from_millis(300), interval: Duration::from_millis(100) },
        )
        .await;
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    let failures = server.join().unwrap();
    assert!(failures.len() <= 1, "{failures:?}");
}

#[tokio::test]
async fn throttling_is_exposed_and_retried_on_request() {
    let throttled = Reply {
        status: 429,
        headers: &[("Retry-After", "0.1"), ("Content-Type", "application/json")],
        body: br#"{"error": {"code": "TooManyRequests", "message": "Slow down", "innerError": {"date": "2026-11-22"}}}"#,
    };
    let (base, server) = serve(vec![
        (expect("/v1.0/groups/g1/members"), throttled),
        (expect("/v1.0/groups/g1/members"), Reply { status: 429, headers: &[("Retry-After", "0.1")], body: b"" }),
        // A gateway timeout is retried too, after the fallback.
        (expect("/v1.0/groups/g1/members"), Reply { status: 504, headers: &[], body: b"" }),
        (expect("/v1.0/groups/g1/members"), json(200, br#"{"value": []}"#)),
    ]);
    let request = v1::requests::root_at(&format!("{base}/v1.0")).groups().by_group_id("g1").members().get();
    let client = reqwest::Client::new();
    match request.send(&client).await {
        Err(e @ Error::Graph { .. }) => {
            assert!(e.is_throttled());
            assert_eq!(e.retry_after(), Some(Duration::from_millis(100)));
            let Error::Graph { error, .. } = e else { unreachable!() };
            assert_eq!(error.code, "TooManyRequests");
            assert!(error.inner_error.is_some());
        }
        other => panic!("{other:?}"),
    }
    let page = request.send_with_retry(&client, 3, Duration::from_millis(50)).await.expect("retried");
    assert!(page.value.is_empty());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_retry_after_of_more_than_three_minutes_is_the_answer_not_a_wait() {
    let (base, server) = serve(vec![(
        expect("/v1.0/groups/g1/members"),
        Reply { status: 429, headers: &[("Retry-After", "100000")], body: b"" },
    )]);
    let result = v1::requests::root_at(&format!("{base}/v1.0"))
        .groups()
        .by_group_id("g1")
        .members()
        .get()
        .send_with_retry(&reqwest::Client::new(), 3, Duration::from_millis(1))
        .await;
    match result {
        Err(e) => assert_eq!(e.retry_after(), Some(Duration::from_secs(100_000))),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[test]
fn an_accepted_answer_keeps_where_to_follow_the_work() {
    use graph_generated::request::{parse_response, Accepted};
    let response = http::Response::builder()
        .status(202)
        .header("Location", "/teams('t1')/operations('op1')")
        .body(Vec::new())
        .unwrap();
    let accepted: Accepted = parse_response(&response).expect("202 parses");
    assert_eq!(accepted.location.as_deref(), Some("/teams('t1')/operations('op1')"));
    let bare = http::Response::builder().status(202).body(Vec::new()).unwrap();
    assert_eq!(parse_response::<Accepted, _>(&bare).unwrap(), Accepted::default());
}

/// `GET /groups/g1/members` on the test server at `base`.
fn members_of_g1(base: &str) -> graph_generated::request::Request<Page<v1::models::DirectoryObject>, impl Sized> {
    v1::requests::root_at(&format!("{base}/v1.0")).groups().by_group_id("g1").members().get()
}

#[tokio::test]
async fn a_walk_takes_a_fresh_token_for_the_pages_still_to_come() {
    let (base, server) = serve(vec![
        (
            Expect { headers: &[("Authorization", "Bearer first")], ..expect("/v1.0/groups/g1/members") },
            json(200, br#"{"value": [{"id": "a"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members?$skiptoken=x"}"#),
        ),
        (
            Expect {
                query: &[("$skiptoken", "x")],
                headers: &[("Authorization", "Bearer second")],
                ..expect("/v1.0/groups/g1/members")
            },
            json(200, br#"{"value": [{"id": "b"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members?$skiptoken=y"}"#),
        ),
        (
            Expect {
                query: &[("$skiptoken", "y")],
                headers: &[("Authorization", "Bearer second")],
                ..expect("/v1.0/groups/g1/members")
            },
            json(200, br#"{"value": [{"id": "c"}]}"#),
        ),
    ]);
    let mut pages = members_of_g1(&base).header("Authorization", "Bearer first").pages(&reqwest::Client::new());
    assert_eq!(pages.next().await.unwrap().expect("page 1").value.len(), 1);
    pages.set_header("Authorization", "Bearer second");
    // The rest of the walk keeps the new token.
    let rest = pages.all().await.expect("pages 2 and 3");
    let ids: Vec<_> = rest.iter().map(|m| m.id.as_deref()).collect();
    assert_eq!(ids, [Some("b"), Some("c")]);
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

/// A walk of two pages whose second is throttled once.
fn throttled_second_page() -> Vec<(Expect, Reply)> {
    vec![
        (
            expect("/v1.0/groups/g1/members"),
            json(200, br#"{"value": [{"id": "a"}], "@odata.nextLink": "{{server}}/v1.0/groups/g1/members?$skiptoken=x"}"#),
        ),
        (
            Expect { query: &[("$skiptoken", "x")], ..expect("/v1.0/groups/g1/members") },
            Reply { status: 429, headers: &[("Retry-After", "0.2")], body: b"" },
        ),
        (
            Expect { query: &[("$skiptoken", "x")], ..expect("/v1.0/groups/g1/members") },
            json(200, br#"{"value": [{"id": "b"}]}"#),
        ),
    ]
}

#[tokio::test]
async fn a_walk_waits_out_a_throttled_page_when_asked_to() {
    let (base, server) = serve(throttled_second_page());
    let started = Instant::now();
    let items = members_of_g1(&base)
        .pages(&reqwest::Client::new())
        .with_retry(3, Duration::from_secs(5))
        .all()
        .await
        .expect("both pages");
    let ids: Vec<_> = items.iter().map(|m| m.id.as_deref()).collect();
    assert_eq!(ids, [Some("a"), Some("b")]);
    assert!(started.elapsed() >= Duration::from_millis(200), "Retry-After was honoured");
    assert!(started.elapsed() < Duration::from_secs(5), "Retry-After, not the fallback, set the wait");
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn without_retry_a_throttled_page_ends_the_walk_with_its_error() {
    let mut exchanges = throttled_second_page();
    exchanges.pop();
    let (base, server) = serve(exchanges);
    let mut pages = members_of_g1(&base).pages(&reqwest::Client::new());
    assert_eq!(pages.next().await.unwrap().expect("page 1").value.len(), 1);
    match pages.next().await {
        Some(Err(e)) => assert_eq!(e.retry_after(), Some(Duration::from_millis(200))),
        other => panic!("{other:?}"),
    }
    assert!(pages.next().await.is_none());
    assert_eq!(server.join().unwrap(), Vec::<String>::new());
}
