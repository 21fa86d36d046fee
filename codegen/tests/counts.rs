//! `count()`: every collection the docs list can be counted with
//! `GET .../$count`; what a function returns (`delta`) cannot.

mod common;

fn list_page(title: &str, path: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n# {title}\n\nLists.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [user](../resources/user.md) objects in the response body.\n"
    )
}

#[test]
fn listed_collections_count_and_functions_do_not() {
    let user = "---\ntitle: \"user resource type\"\n---\n# user resource type\n\nA user.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
    let pages = vec![
        ("v1.0/resources/user.md".to_string(), user.to_string()),
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
