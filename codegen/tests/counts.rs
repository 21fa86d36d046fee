//! `count()`: every collection the docs list can be counted with
//! `GET .../$count`; what a function returns (`delta`) cannot.

mod common;

const USER: &str = "---\ntitle: \"user resource type\"\n---\n# user resource type\n\nA user.\n\n\
    ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";

fn list_page(title: &str, path: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n# {title}\n\nLists.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [user](../resources/user.md) objects in the response body.\n"
    )
}

#[test]
fn listed_collections_count_and_functions_do_not() {
    let pages = vec![
        ("v1.0/resources/user.md".to_string(), USER.to_string()),
        (
            "v1.0/api/user-list.md".to_string(),
            list_page("List users", "/users"),
        ),
        (
            "v1.0/api/user-delta.md".to_string(),
            list_page("user: delta", "/users/delta"),
        ),
    ];
    let files = codegen::emit::generate(&common::ir_of(&pages)).unwrap();
    let builders = common::builders(&files, "v1");
    let users = common::impl_block(&builders, "Users").expect("Users");
    assert!(
        users.contains(
            "pub fn count(&self) -> Request<crate::request::Count, crate::request::CountOptions>"
        ),
        "{users}"
    );
    assert!(users.contains("\"/$count\""), "{users}");
    let delta = common::impl_block(&builders, "UsersDelta").expect("UsersDelta");
    assert!(!delta.contains("fn count"), "{delta}");
}

/// A listing page whose example counts: `GET {url}` answered with `answer`
/// as text, the way Graph answers `$count`.
fn counting_page(title: &str, path: &str, url: &str, answer: &str) -> String {
    format!(
        "{}\n## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n```http\nGET {url}\nConsistencyLevel: eventual\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"String\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n{answer}\n```\n",
        list_page(title, path)
    )
}

#[test]
fn count_examples_are_sent_through_count_and_read_as_counts() {
    let pages = vec![
        ("v1.0/resources/user.md".to_string(), USER.to_string()),
        (
            "v1.0/api/user-list.md".to_string(),
            counting_page(
                "List users",
                "/users",
                "https://graph.microsoft.com/v1.0/users/$count",
                "\u{feff}42",
            ),
        ),
        (
            "v1.0/api/group-list-members.md".to_string(),
            counting_page(
                "List members",
                "/groups/{id}/members",
                "https://graph.microsoft.com/v1.0/groups/g1/members/microsoft.graph.user/$count",
                "7",
            ),
        ),
        (
            "v1.0/api/user-list-people.md".to_string(),
            counting_page(
                "List people",
                "/users/{id}/people",
                "https://graph.microsoft.com/v1.0/users/u1/people/$count",
                "many",
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let files = codegen::emit::generate(&ir).unwrap();
    let e2e = common::file(&files, "tests/e2e.rs");
    for expected in [
        ".users().count().header(\"ConsistencyLevel\", \"eventual\")",
        ".of_type::<graph_generated::v1::models::User>()",
        "assert_eq!(result.expect(\"the example response parses\").0, 42u64);",
        "assert_eq!(result.expect(\"the example response parses\").0, 7u64);",
    ] {
        assert!(e2e.contains(expected), "no `{expected}` in\n{e2e}");
    }
    // An answer that is no count is reported, and not sent.
    assert!(!e2e.contains("people"), "{e2e}");
    let report = common::file(&files, "examples-report.md");
    assert!(
        report.contains("2 of 3 answers to `GET .../$count` are a count"),
        "{report}"
    );
    assert!(
        report.contains("| `Count` | `many` is not a count |"),
        "{report}"
    );

    // The requests go out as the examples send them, and the counts read.
    let (_, e2e_passed) = common::run_builder_and_e2e_tests("counts", &files);
    assert_eq!(e2e_passed, 2);
}
