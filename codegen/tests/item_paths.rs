//! A drive item or a site addressed by path: `root:/{item-path}` and
//! `/sites/{hostname}:/{server-relative-path}` end in a path of several
//! segments, whose slashes must stay slashes (driveitem-get.md,
//! site-getbypath.md). The crate is compiled and its builder and
//! end-to-end tests are run.

mod common;

const PERMISSIONS: &str = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
    |Delegated (work or school account)|Files.Read|\n|Delegated (personal Microsoft account)|Files.Read|\n|Application|Files.Read.All|\n\n";

fn page(title: &str, request: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"sharepoint\"\n---\n# {title}\n\n{PERMISSIONS}## HTTP request\n\n```http\n{request}\n```\n\
         \n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n```http\n{example}\n```\n\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"1\"}}\n```\n"
    )
}

fn pages() -> Vec<(String, String)> {
    vec![
        (
            "v1.0/api/driveitem-get.md".into(),
            page(
                "Get a DriveItem resource",
                "GET /drives/{drive-id}/root:/{item-path}",
                "GET https://graph.microsoft.com/v1.0/drives/d1/root:/Documents/Reports/q1.xlsx",
            ),
        ),
        (
            // An action named like a builder method: `clone_action()`.
            "v1.0/api/team-clone.md".into(),
            format!(
                "---\ntitle: \"Clone a team\"\nms.prod: \"sharepoint\"\n---\n# Clone a team\n\n{PERMISSIONS}## HTTP request\n\n```http\nPOST /teams/{{id}}/clone\n```\n"
            ),
        ),
        (
            "v1.0/api/site-getbypath.md".into(),
            page(
                "Get a site by path",
                "GET /sites/{hostname}:/{server-relative-path}",
                "GET https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/marketing",
            ),
        ),
    ]
}

#[test]
fn a_path_after_a_colon_keeps_its_slashes() {
    let files = codegen::emit::generate(&common::ir_of(&pages())).unwrap();
    let builders = common::builders(&files, "v1");
    for method in ["fn by_item_path(", "fn by_server_relative_path("] {
        let at = builders
            .find(method)
            .unwrap_or_else(|| panic!("no {method} in {builders}"));
        let body = &builders[at..at + 300];
        assert!(body.contains("push_item_path"), "{body}");
    }
    // The steps are named after what they are: `root:` is `root_path()`
    // (not `root_2()` beside `root`), `{hostname}:` is `by_hostname(..)`
    // (not `unnamed(..)`), an action named like a builder method is
    // `clone_action()` (not `clone_2()`).
    for named in ["fn root_path(", "fn by_hostname(", "fn clone_action("] {
        assert!(builders.contains(named), "no {named} in {builders}");
    }
    // Both examples run, their paths of several segments included.
    assert_eq!(
        common::run_builder_and_e2e_tests("item-paths", &files),
        (3, 2)
    );

    // Without an example request the end-to-end file has no test, and
    // imports none (it warned, and `-D warnings` failed). In this test,
    // not one of its own: two crates built at once in one target folder
    // would overwrite each other's test binaries.
    let pages: Vec<(String, String)> = vec![(
        "v1.0/api/driveitem-get.md".into(),
        format!(
            "---\ntitle: \"Get a DriveItem resource\"\nms.prod: \"sharepoint\"\n---\n# Get a DriveItem resource\n\n{PERMISSIONS}## HTTP request\n\n```http\nGET /drives/{{drive-id}}/root:/{{item-path}}\n```\n"
        ),
    )];
    let files = codegen::emit::generate(&common::ir_of(&pages)).unwrap();
    assert_eq!(
        common::run_builder_and_e2e_tests("no-examples", &files),
        (1, 0)
    );
}
