//! `/me` is the signed-in user's `/users/{id}`. The docs give most user
//! paths both ways on one page (v1.0/api/user-list-messages.md of 2020:
//! `GET /me/messages` and `GET /users/{id | userPrincipalName}/messages`),
//! some only one way (user-reminderview.md: `/users/{id}` only, with a
//! `/me` example). The builders fold them: `root().me()` returns the
//! `/users/{id}` builder at `/me`, so both reach every path, and examples
//! written with `/me` run through `me()`. The crate is compiled and its
//! builder and end-to-end tests are run.

mod common;

fn pages() -> Vec<(String, String)> {
    vec![
        (
            "v1.0/api/user-list-messages.md".into(),
            common::api_page(
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
            common::api_page(
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
            common::api_page("user: sendMail", &["POST /me/sendMail"], None),
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
fn the_me_crates_compile_and_their_builder_and_example_tests_pass() {
    // One after the other: the crates share a package name and a target
    // folder, and cargo runs in parallel would overwrite each other's tests.
    let files = codegen::emit::generate(&common::ir_of(&pages())).unwrap();
    // Four documented paths; two examples.
    assert_eq!(common::run_builder_and_e2e_tests("me", &files), (4, 2));
    // With the photo's two paths, each reached as documented.
    let files = codegen::emit::generate(&common::ir_of(&pages_apart())).unwrap();
    assert_eq!(
        common::run_builder_and_e2e_tests("me-apart", &files),
        (6, 2)
    );
}

/// `GET /me/photo` and `GET /users/{id}/photo` on two pages of their own.
fn pages_apart() -> Vec<(String, String)> {
    let mut pages = pages();
    pages.push((
        "v1.0/api/me-photo.md".into(),
        common::api_page("Get my photo", &["GET /me/photo"], None),
    ));
    pages.push((
        "v1.0/api/user-photo.md".into(),
        common::api_page("Get a user's photo", &["GET /users/{id}/photo"], None)
            .replace("|Application|Mail.Read|", "|Application|User.Read.All|"),
    ));
    pages
}

#[test]
fn pages_that_document_me_and_users_apart_document_one_operation() {
    // Two operations would put two `get()`s on one builder: they stopped
    // the fold for the whole version, and one such page added to the docs
    // gave `me()` a tree of its own, renaming every builder below it.
    let ir = common::ir_of(&pages_apart());
    assert_eq!(ir.operations.len(), 4, "{:#?}", ir.diagnostics);
    let photo = ir
        .operations
        .iter()
        .find(|o| o.endpoints.iter().any(|e| e.path == "/me/photo"))
        .expect("the photo operation");
    let paths: Vec<&str> = photo.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/me/photo", "/users/{id}/photo"]);
    // Each page's permissions stay, as a scope of its endpoints.
    let application = |scope: &str| -> Vec<String> {
        photo
            .permissions
            .iter()
            .filter(|set| set.scope.as_deref() == Some(scope))
            .flat_map(|set| match &set.application {
                codegen::ir::SchemePermissions::Listed { least, .. } => least.clone(),
                codegen::ir::SchemePermissions::Status(_) => Vec::new(),
            })
            .collect()
    };
    assert_eq!(application("GET /me/photo"), ["Mail.Read"], "{photo:#?}");
    assert_eq!(application("GET /users/{id}/photo"), ["User.Read.All"]);

    let files = codegen::emit::generate(&ir).unwrap();
    let builders = common::builders(&files, "v1");
    let root = common::impl_block(&builders, "Root").expect("a Root impl");
    assert!(root.contains("pub fn me(&self) -> UsersItem"), "{root}");
    assert!(!builders.contains("pub type Me"), "{builders}");
    let photo = common::impl_block(&builders, "UsersItemPhoto").expect("a photo builder");
    assert_eq!(photo.matches("pub fn get(").count(), 1, "{photo}");
}

#[test]
fn a_me_endpoint_left_to_the_users_page_goes_with_it() {
    // directoryobject-getmembergroups.md (2019, 2020) lists the call on
    // four kinds of object; user-getmembergroups.md and
    // group-getmembergroups.md each document one, and own it. The
    // directory page leaves those endpoints to them, `/me` with the users
    // one, where it was dropped: the user page lists only `/users/{id}`.
    let pages = vec![
        (
            "v1.0/api/directoryobject-getmembergroups.md".into(),
            common::api_page(
                "directoryObject: getMemberGroups",
                &[
                    "POST /me/getMemberGroups",
                    "POST /users/{id | userPrincipalName}/getMemberGroups",
                    "POST /groups/{id}/getMemberGroups",
                    "POST /directoryObjects/{id}/getMemberGroups",
                ],
                None,
            ),
        ),
        (
            "v1.0/api/user-getmembergroups.md".into(),
            common::api_page(
                "user: getMemberGroups",
                &["POST /users/{id | userPrincipalName}/getMemberGroups"],
                None,
            ),
        ),
        (
            "v1.0/api/group-getmembergroups.md".into(),
            common::api_page(
                "group: getMemberGroups",
                &["POST /groups/{id}/getMemberGroups"],
                None,
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let mut endpoints: Vec<Vec<&str>> = ir
        .operations
        .iter()
        .map(|o| o.endpoints.iter().map(|e| e.path.as_str()).collect())
        .collect();
    endpoints.sort();
    assert_eq!(
        endpoints,
        [
            vec!["/directoryObjects/{id}/getMemberGroups"],
            vec!["/groups/{id}/getMemberGroups"],
            vec![
                "/users/{id | userPrincipalName}/getMemberGroups",
                "/me/getMemberGroups"
            ],
        ],
        "{:#?}",
        ir.diagnostics
    );
}
