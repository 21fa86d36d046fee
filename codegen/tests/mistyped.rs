//! Example answers whose values break their documented types: a model reads
//! them all the same (its mistyped values kept), so their end-to-end tests
//! are sent and their example tests check that they read; a primitive's
//! wrapper does not, so its end-to-end test is left out.

mod common;

const USER: &str = "---\ntitle: \"user resource type\"\n---\n# user resource type\n\nA user.\n\n\
    ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\
    | accountEnabled | Boolean | Whether it can sign in. |\n";

/// A page of one `GET` whose example is answered with `answer`, of the
/// documented type `odata_type`.
fn get_page(title: &str, path: &str, url: &str, odata_type: &str, answer: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n# {title}\n\nGets.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n```http\nGET {url}\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"{odata_type}\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{answer}\n```\n"
    )
}

#[test]
fn mistyped_model_answers_are_tested_and_mistyped_primitives_left_out() {
    let pages = vec![
        ("v1.0/resources/user.md".to_string(), USER.to_string()),
        (
            "v1.0/api/user-get.md".to_string(),
            get_page(
                "Get user",
                "/users/{id}",
                "https://graph.microsoft.com/v1.0/users/u1",
                "microsoft.graph.user",
                "{\"id\": \"u1\", \"accountEnabled\": \"yes\"}",
            ),
        ),
        (
            "v1.0/api/user-ismember.md".to_string(),
            get_page(
                "user: isMember",
                "/users/{id}/isMember",
                "https://graph.microsoft.com/v1.0/users/u1/isMember",
                "Edm.Boolean",
                "{\"value\": \"yes\"}",
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let files = codegen::emit::generate(&ir).unwrap();
    let examples = common::file(&files, "tests/examples.rs");
    let e2e = common::file(&files, "tests/e2e.rs");
    let report = common::file(&files, "examples-report.md");
    // The user's answer does not fit (`accountEnabled` is a string) ...
    assert!(
        report.contains("1 of those that do not fit are objects of a model"),
        "{report}"
    );
    // ... and is tested all the same: it reads, and writes back what it read.
    let despite = examples
        .split("fn v1_get_users_by_id_get_user()")
        .nth(1)
        .expect("the user's example test");
    assert!(
        despite.contains("check_despite_the_docs") && despite.contains("models::User"),
        "{examples}"
    );
    assert!(e2e.contains("fn v1_get_users_by_id_get_user"), "{e2e}");
    // The primitive's wrapper is strict: no end-to-end test that would fail
    // on the docs' mistake.
    assert!(report.contains("`Edm.Boolean`"), "{report}");
    assert!(!e2e.contains("is_member"), "{e2e}");
}
