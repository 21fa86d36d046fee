//! `/me` is the signed-in user's `/users/{id}`. The docs give most user
//! paths both ways on one page (v1.0/api/user-list-messages.md of 2020:
//! `GET /me/messages` and `GET /users/{id | userPrincipalName}/messages`),
//! some only one way (user-reminderview.md: `/users/{id}` only, with a
//! `/me` example). The builders fold them: `root().me()` returns the
//! `/users/{id}` builder at `/me`, so both reach every path, and examples
//! written with `/me` run through `me()`. The crate is compiled and its
//! builder and end-to-end tests are run.

mod common;

const PERMISSIONS: &str = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
    |Delegated (work or school account)|Mail.Read|\n|Delegated (personal Microsoft account)|Mail.Read|\n|Application|Mail.Read|\n\n";

/// An API page: title, HTTP request lines, and an example (request line,
/// response body) when given.
fn page(title: &str, requests: &[&str], example: Option<(&str, &str)>) -> String {
    let mut text = format!(
        "---\ntitle: \"{title}\"\nms.prod: \"outlook\"\n---\n# {title}\n\n{PERMISSIONS}## HTTP request\n\n```http\n{}\n```\n",
        requests.join("\n")
    );
    if let Some((request, body)) = example {
        text.push_str(&format!(
            "\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n```http\n{request}\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        ));
    }
    text
}

fn pages() -> Vec<(String, String)> {
    vec![
        (
            "v1.0/api/user-list-messages.md".into(),
            page(
                "List messages",
                &[
                    "GET /me/messages",
                    "GET /users/{id | userPrincipalName}/messages",
                ],
                Some((
                    "GET https://graph.microsoft.com/v1.0/users/alice@contoso.com/messages",
                    "{\"value\": []}",
                )),
            ),
        ),
        (
            "v1.0/api/user-reminderview.md".into(),
            page(
                "user: reminderView",
                &["GET /users/{id | userPrincipalName}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)"],
                Some((
                    "GET https://graph.microsoft.com/v1.0/me/reminderView(startDateTime='2017-06-05T10:00:00',endDateTime='2017-06-11T11:00:00')",
                    "{\"value\": []}",
                )),
            ),
        ),
        (
            "v1.0/api/user-sendmail.md".into(),
            page("user: sendMail", &["POST /me/sendMail"], None),
        ),
    ]
}

#[test]
fn me_returns_the_user_builder_and_reaches_every_user_path() {
    let ir = common::ir_of(&pages());
    assert_eq!(ir.operations.len(), 3, "{:#?}", ir.diagnostics);
    let files = codegen::emit::generate(&ir).unwrap();
    let builders = common::builders(&files, "v1");
    let root = common::impl_block(&builders, "Root").expect("a Root impl");
    assert!(root.contains("pub fn me(&self) -> UsersItem"), "{root}");
    assert!(!builders.contains("pub type Me"), "{builders}");
    let user = common::impl_block(&builders, "UsersItem").expect("a UsersItem impl");
    for method in ["fn messages(", "fn reminder_view(", "fn send_mail("] {
        assert!(user.contains(method), "{method}: {user}");
    }

    // Each documented form has its builder test; `/me` ones go through `me()`.
    let tests = common::file(&files, "tests/builders.rs");
    assert!(tests.contains("\"/me/messages\""), "{tests}");
    assert!(tests.contains("\"/users/v1/messages\""), "{tests}");
    assert!(tests.contains("\"/me/sendMail\""), "{tests}");
    // The `/me` example of a path documented only for `/users/{id}`.
    let e2e: String = common::file(&files, "tests/e2e.rs")
        .split_whitespace()
        .collect();
    assert!(e2e.contains(".me().reminder_view("), "{e2e}");
    assert!(
        e2e.contains(".users().by_user_id(\"alice@contoso.com\").messages()"),
        "{e2e}"
    );
}

#[test]
fn the_me_crate_compiles_and_its_builder_and_example_tests_pass() {
    let files = codegen::emit::generate(&common::ir_of(&pages())).unwrap();
    // Four documented paths; two examples.
    assert_eq!(common::run_builder_and_e2e_tests("me", &files), (4, 2));
}

#[test]
fn pages_that_disagree_keep_their_own_me_tree() {
    // `GET /me/photo` and `GET /users/{id}/photo` as two operations (two
    // pages, two responses): folding would give one builder two `get()`s.
    let mut pages = pages();
    pages.push((
        "v1.0/api/me-photo.md".into(),
        page("Get my photo", &["GET /me/photo"], None),
    ));
    pages.push((
        "v1.0/api/user-photo.md".into(),
        page("Get a user's photo", &["GET /users/{id}/photo"], None),
    ));
    let files = codegen::emit::generate(&common::ir_of(&pages)).unwrap();
    let builders = common::builders(&files, "v1");
    let root = common::impl_block(&builders, "Root").expect("a Root impl");
    assert!(root.contains("pub fn me(&self) -> Me"), "{root}");
    assert!(
        common::impl_block(&builders, "MePhoto").is_some(),
        "{builders}"
    );
    assert!(
        common::impl_block(&builders, "UsersItemPhoto").is_some(),
        "{builders}"
    );
}
