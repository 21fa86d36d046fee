//! Page-level patterns seen in the real docs trees, each from a real page
//! (named in the test), cut down to what the pattern needs.

use codegen::diagnostics::Code;
use codegen::ir::{Body, Ir, SchemePermissions};
use codegen::parse::{Loader, PageFacts};

mod common;

fn page(path: &str, text: &str) -> PageFacts {
    let files = [(path.to_string(), text.to_string())].into_iter().collect();
    Loader::memory(files).parse_page(path)
}

fn tree(pages: &[(&str, &str)]) -> Ir {
    let files = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let loader = Loader::memory(files);
    let names: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
    codegen::build_ir(codegen::parse_pages(&loader, &names))
}

const PERMISSIONS: &str = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
    |Delegated (work or school account)|Files.Read|\n|Delegated (personal Microsoft account)|Files.Read|\n|Application|Files.Read.All|\n\n";

fn codes(p: &PageFacts) -> Vec<Code> {
    p.diagnostics.iter().map(|d| d.code).collect()
}

/// Each operation's title, response type and endpoint count, sorted.
fn operations(ir: &Ir) -> Vec<(&str, Option<&str>, usize)> {
    let mut ops: Vec<(&str, Option<&str>, usize)> = ir
        .operations
        .iter()
        .map(|o| {
            (
                o.title.as_str(),
                o.response.type_name.as_deref(),
                o.endpoints.len(),
            )
        })
        .collect();
    ops.sort();
    ops
}

#[test]
fn a_task_page_gives_an_endpoint_per_task_heading() {
    // v1.0/api/drive-list.md (2020): `## List a group's drives` and
    // `## List a site's drives`, request blocks with no HTTP request heading.
    let text = format!(
        "---\ntitle: \"List drives\"\n---\n# List available drives\n\n{PERMISSIONS}\
         ## List a group's drives\n\n### HTTP request\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"group-list-drives\"}} -->\n\n```msgraph-interactive\nGET /groups/{{groupId}}/drives\n```\n\n\
         ## List a site's drives\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"site-list-drives\"}} -->\n\n```msgraph-interactive\nGET /sites/{{siteId}}/drives\n```\n\n\
         ## List the current user's drives\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"enum-drives\"}} -->\n\n```msgraph-interactive\nGET /me/drives\n```\n\n\
         ## Download from elsewhere\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"download\"}} -->\n\n```http\nGET https://b0mpua-by3301.files.1drv.com/y23vmag\n```\n\n\
         ## A named site\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"named\"}} -->\n\n```http\nGET /sites/contoso.sharepoint.com/drives\n```\n"
    );
    let p = page("v1.0/api/drive-list.md", &text);
    let paths: Vec<&str> = p.endpoints.iter().map(|e| e.path.as_str()).collect();
    // A path without parameters is an endpoint too (GET /me/drives was
    // only an example); a URL on another host, or a sample site, is not.
    assert_eq!(
        paths,
        [
            "/groups/{groupId}/drives",
            "/sites/{siteId}/drives",
            "/me/drives"
        ]
    );
}

#[test]
fn a_rendered_page_s_second_http_request_section_is_a_task_of_its_own() {
    // v1.0/api/drive-get-specialfolder.md (2020), rendered: the source's
    // `## Get children of a special folder` over `### HTTP request` is a
    // line of text, then a paragraph, then "HTTP request" again.
    let text = "Get a special folder by name\n\nNamespace: microsoft.graph\n\n\
        Use the special collection to access a special folder by name.\n\n\
        Permissions\n\nPermission type Permissions (from least to most privileged)\n\
        Delegated (work or school account) Files.Read\n\
        Delegated (personal Microsoft account) Files.Read\nApplication Files.Read.All\n\n\
        HTTP request\n\nGET /me/drive/special/{name}\n\n\
        Response\n\nThis method returns a 200 OK response code and a driveItem object in the response body.\n\n\
        Get children of a special folder\n\n\
        To request the children of a special folder, you can request the children collection.\n\n\
        HTTP request\n\nGET /me/drive/special/{special-folder-name}/children\n\n\
        Response\n\nThis method returns a 200 OK response code and a collection of driveItem objects in the response body.\n";
    let ir = tree(&[("v1.0/api/drive-get-specialfolder.txt", text)]);
    let mut operations: Vec<Vec<&str>> = ir
        .operations
        .iter()
        .map(|o| o.endpoints.iter().map(|e| e.path.as_str()).collect())
        .collect();
    operations.sort();
    assert_eq!(
        operations,
        [
            vec!["/me/drive/special/{name}"],
            vec!["/me/drive/special/{special-folder-name}/children"],
        ]
    );
    // The page's facts: the second request line is under its first task.
    let p = page("v1.0/api/drive-get-specialfolder.txt", text);
    assert_eq!(p.endpoints.len(), 2);
    assert_eq!(p.endpoint_tasks, [0, 1]);
}

#[test]
fn a_response_section_that_says_what_it_returns_without_if_successful_is_read() {
    // drive-recent.md (2020): no "If successful" and no "response code";
    // its rendered form has no annotation to name the type.
    let recent = "Get recent files\n\nNamespace: microsoft.graph\n\n\
        HTTP request\n\nGET /me/drive/recent\n\n\
        Response\n\nThis method returns a collection of DriveItem resources for items which the owner of the drive has recently accessed.\n";
    let p = page("v1.0/api/drive-recent.txt", recent);
    assert_eq!(
        (p.response.type_name.as_deref(), p.response.collection),
        (Some("microsoft.graph.DriveItem"), true)
    );
    // drive-get.md: "Each of these methods returns a Drive resource".
    let drive = recent
        .replace("GET /me/drive/recent", "GET /me/drive")
        .replace(
            "This method returns a collection of DriveItem resources for items which the owner of the drive has recently accessed.",
            "Each of these methods returns a Drive resource for the matching drive in the response body.",
        );
    let p = page("v1.0/api/drive-get.txt", &drive);
    assert_eq!(
        (p.response.type_name.as_deref(), p.response.collection),
        (Some("microsoft.graph.Drive"), false)
    );
    // driveitem-get-content-format.md, in Markdown: "Returns a `302 Found`
    // response redirecting to ..." gives the status.
    let content = "---\ntitle: Convert to other formats\n---\n# Convert to other formats\n\n\
        ## HTTP request\n\n```http\nGET /drive/items/{item-id}/content?format={format}\n```\n\n\
        ## Response\n\nReturns a `302 Found` response redirecting to a pre-authenticated download URL for the converted file.\n";
    let p = page("v1.0/api/driveitem-get-content-format.md", content);
    assert_eq!(p.response.status, Some(302));
    // Rendered, its "Response" follows "Example", as an example's
    // response heading would.
    let rendered = "Download a file in another format\n\nNamespace: microsoft.graph\n\n\
        HTTP request\n\nGET /drive/items/{item-id}/content?format={format}\n\n\
        Example\n\nGET /me/drive/items/{item-id}/content?format={format}\n\n\
        Response\n\nReturns a 302 Found response redirecting to a pre-authenticated download URL for the converted file.\n";
    let p = page("v1.0/api/driveitem-get-content-format.txt", rendered);
    assert_eq!(p.response.status, Some(302));
    // A heading of its own inside the Response section
    // (multivaluelegacyextendedproperty-post-multivalueextendedproperties.md).
    let code = content.replace(
        "## Response\n\nReturns a `302 Found` response redirecting to a pre-authenticated download URL for the converted file.",
        "## Response\n\n#### Response code\nAn operation successful in creating an extended property in a new resource instance returns `201 Created`.",
    );
    let p = page("v1.0/api/driveitem-get-content-format.md", &code);
    assert_eq!(p.response.status, Some(201));
    // Outside the Response section, "returns" says nothing of the answer.
    let intro = recent.replace(
        "Namespace: microsoft.graph\n\n",
        "Namespace: microsoft.graph\n\nThe recent view returns a user resource of some sort.\n\n",
    );
    let p = page("v1.0/api/drive-recent.txt", &intro);
    assert_eq!(
        p.response.type_name.as_deref(),
        Some("microsoft.graph.DriveItem")
    );
}

#[test]
fn a_response_s_body_in_an_example_block_of_its_own_is_its_body() {
    // call-mute.md (2020): the status line and headers, then the JSON
    // under `"blockType": "example"`. A notification under a heading of its
    // own after a bodiless response (call-answer.md) is no body of it.
    let response = "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.muteParticipantOperation\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n```\n\n";
    let body = "<!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.muteParticipantOperation\" } -->\n\
        ```json\n{\n  \"id\": \"17e3b46c\",\n  \"status\": \"completed\"\n}\n```\n";
    let page_with = |between: &str| {
        format!(
            "---\ntitle: participant: mute\n---\n# participant: mute\n\n## HTTP request\n\n\
             ```http\nPOST /communications/calls/{{id}}/participants/{{id}}/mute\n```\n\n\
             ## Example\n\n##### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"mute\" }} -->\n\
             ```http\nPOST https://graph.microsoft.com/v1.0/communications/calls/57dab8b1/participants/0d7bfd8f/mute\n```\n\n\
             ##### Response\n\n{response}{between}{body}"
        )
    };
    let bodies = |text: &str| -> Vec<Option<serde_json::Value>> {
        page("v1.0/api/call-mute.md", text)
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .map(|r| match &r.body {
                Some(Body::Json(v)) => Some(v.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        bodies(&page_with("")),
        [Some(
            serde_json::json!({"id": "17e3b46c", "status": "completed"})
        )]
    );
    assert_eq!(bodies(&page_with("##### Notification - muted\n\n")), [None]);
    // signin-list.md: the JSON follows with no annotation.
    let unannotated = page_with("").replace(
        "<!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.muteParticipantOperation\" } -->\n",
        "",
    );
    assert_eq!(
        bodies(&unannotated),
        [Some(
            serde_json::json!({"id": "17e3b46c", "status": "completed"})
        )]
    );
}

#[test]
fn eighty_path_variants_on_one_page() {
    // driveitem-get.md and its kin list a path per container and address.
    let containers = [
        "/me/drive",
        "/drives/{drive-id}",
        "/groups/{group-id}/drive",
        "/sites/{site-id}/drive",
        "/users/{user-id}/drive",
    ];
    let mut lines = Vec::new();
    for c in containers {
        for i in 0..16 {
            lines.push(format!("GET {c}/items/{{item-id}}/children{i}"));
        }
    }
    let text = format!(
        "# Get items\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n",
        lines.join("\n")
    );
    let p = page("v1.0/api/driveitem-get.md", &text);
    assert_eq!(p.endpoints.len(), 80);
    let ir = tree(&[("v1.0/api/driveitem-get.md", &text)]);
    let endpoints: usize = ir.operations.iter().map(|o| o.endpoints.len()).sum();
    assert_eq!(endpoints, 80, "one operation per page, every variant kept");
}

#[test]
fn function_arguments_written_as_samples_become_parameters() {
    // v1.0/api/range-rowsabove.md and itemactivitystat-getactivitybyinterval.md
    // (2020) write `rowsAbove(count=n)` and
    // `getActivitiesByInterval(startDateTime='2017-01-01',...)` in the HTTP
    // request section; their examples pass other values.
    let text = format!(
        "# rowsAbove\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n\
         GET /me/drive/root/workbook/worksheets/{{id}}/range/rowsAbove(count=n)\n\
         GET /sites/{{site-id}}/getActivitiesByInterval(startDateTime='2016',interval='month')\n```\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"rows_above\" }} -->\n```http\n\
         GET https://graph.microsoft.com/v1.0/me/drive/root/workbook/worksheets/Sheet1/range/rowsAbove(count=2)\n```\n"
    );
    let ir = tree(&[("v1.0/api/range-rowsabove.md", &text)]);
    assert_eq!(ir.operations.len(), 1, "{:#?}", ir.operations);
    let op = &ir.operations[0];
    let paths: Vec<&str> = op.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/me/drive/root/workbook/worksheets/{id}/range/rowsAbove(count={count})",
            "/sites/{site-id}/getActivitiesByInterval(startDateTime='{startDateTime}',interval='{interval}')",
        ]
    );
    let names: Vec<Vec<&str>> = op
        .endpoints
        .iter()
        .map(|e| e.parameters.iter().map(|p| p.name.as_str()).collect())
        .collect();
    assert_eq!(
        names,
        [
            vec!["id", "count"],
            vec!["site-id", "startDateTime", "interval"]
        ]
    );
    // The example keeps its own values and still finds its operation.
    assert_eq!(op.examples.len(), 1);
    assert!(op.examples[0]
        .request
        .as_ref()
        .is_some_and(|r| r.url.ends_with("rowsAbove(count=2)")));
}

#[test]
fn a_page_that_lists_other_pages_endpoints_does_not_glue_them_together() {
    // singlevaluelegacyextendedproperty-get.md (2020) lists the GET of a
    // message, an event and more, each with `?$expand=`; before, it merged
    // "Get message" and "Get event" (and, through its kin, "Get user" and
    // "Get device") into one operation with one response type.
    let get = |title: &str, ty: &str, paths: &[&str]| {
        let lines: Vec<String> = paths.iter().map(|p| format!("GET {p}")).collect();
        format!(
            "# {title}\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a [{ty}](../resources/{ty}.md) object in the response body.\n",
            lines.join("\n")
        )
    };
    let message = get(
        "Get message",
        "message",
        &["/me/messages/{id}", "/users/{id}/messages/{id}"],
    );
    let event = get(
        "Get event",
        "event",
        &["/me/events/{id}", "/users/{id}/events/{id}"],
    );
    let extended = get(
        "Get singleValueLegacyExtendedProperty",
        "message",
        &[
            "/me/messages/{id}?$expand=singleValueExtendedProperties($filter=id eq '{id_value}')",
            "/me/events/{id}?$expand=singleValueExtendedProperties($filter=id eq '{id_value}')",
        ],
    );
    // A page that repeats one other page's endpoint still merges with it;
    // the Intune copy ranks after the page it copies.
    let user = get("Get user", "user", &["/users/{id}", "/me"]);
    let intune_user = get("Get user (Intune)", "user", &["/users/{id}"]);
    let ir = tree(&[
        ("v1.0/api/message-get.md", &message),
        ("v1.0/api/event-get.md", &event),
        (
            "v1.0/api/singlevaluelegacyextendedproperty-get.md",
            &extended,
        ),
        ("v1.0/api/user-get.md", &user),
        ("v1.0/api/intune-shared-user-get.md", &intune_user),
    ]);
    let ops = operations(&ir);
    assert_eq!(
        ops,
        [
            ("Get event", Some("microsoft.graph.event"), 2),
            ("Get message", Some("microsoft.graph.message"), 2),
            // The variant page (its name ends with the other's) ranks
            // after the page it varies, though it lists fewer endpoints.
            ("Get user", Some("microsoft.graph.user"), 2),
        ],
        "{:#?}",
        ir.diagnostics
    );
    let left: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BorrowedEndpoints)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(left, ["v1.0/api/singlevaluelegacyextendedproperty-get.md"]);
}

#[test]
fn a_losing_page_keeps_its_permissions_for_the_endpoints_only_it_documents() {
    // event-get.md (2020) documents the user and the group variants with
    // Calendars.Read; group-get-event.md, the more specific page, only the
    // group ones with Group.Read.All. Before, `GET /me/events/{id}` got
    // Group.Read.All and "not supported" for applications.
    let page = |title: &str, permission: &str, paths: &[&str]| {
        let lines: Vec<String> = paths.iter().map(|p| format!("GET {p}")).collect();
        format!(
            "# {title}\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|{permission}|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n\
             ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n",
            lines.join("\n")
        )
    };
    let event = page(
        "Get event",
        "Calendars.Read",
        &["/me/events/{id}", "/groups/{id}/events/{id}"],
    );
    let group_event = page("Get event", "Group.Read.All", &["/groups/{id}/events/{id}"]);
    // A third page with other permissions for the same group endpoint only:
    // a conflict, reported, and the winner's permissions stand.
    let other = page(
        "Get event",
        "Group.ReadWrite.All",
        &["/groups/{id}/events/{id}"],
    );
    let ir = tree(&[
        ("v1.0/api/event-get.md", &event),
        ("v1.0/api/group-get-event.md", &group_event),
        ("v1.0/api/zz-group-get-event.md", &other),
    ]);
    assert_eq!(ir.operations.len(), 1);
    let op = &ir.operations[0];
    let sets: Vec<(Option<&str>, &SchemePermissions)> = op
        .permissions
        .iter()
        .map(|s| (s.scope.as_deref(), &s.delegated_work))
        .collect();
    let least = |name: &str| SchemePermissions::Listed {
        least: vec![name.to_string()],
        higher: vec![],
    };
    assert_eq!(
        sets,
        [
            (
                Some("GET /groups/{id}/events/{id}"),
                &least("Group.Read.All")
            ),
            (Some("GET /me/events/{id}"), &least("Calendars.Read")),
        ]
    );
    let scopes: Vec<(&str, Option<&str>)> = op
        .endpoints
        .iter()
        .map(|e| (e.path.as_str(), e.scope.as_deref()))
        .collect();
    assert!(scopes.contains(&("/me/events/{id}", Some("GET /me/events/{id}"))));
    assert!(scopes.contains(&(
        "/groups/{id}/events/{id}",
        Some("GET /groups/{id}/events/{id}")
    )));
    let conflicts: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ConflictingFacts)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(conflicts, ["v1.0/api/zz-group-get-event.md"]);
}

#[test]
fn a_response_type_in_another_case_is_the_documented_model() {
    // directoryaudit-get.md (2020) returns "a directoryaudit object"; the
    // resource page documents `directoryAudit`.
    let resource = "# directoryAudit resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
        | id | String | The id. |\n| activityDisplayName | String | The activity. |\n\n## JSON representation\n\n\
        <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.directoryAudit\" } -->\n\
        ```json\n{ \"id\": \"String\", \"activityDisplayName\": \"String\" }\n```\n";
    let get = format!(
        "# Get directoryAudit\n\n{PERMISSIONS}## HTTP request\n\n```http\nGET /auditLogs/directoryAudits/{{id}}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a [directoryaudit](../resources/directoryaudit.md) object in the response body.\n"
    );
    let ir = tree(&[
        ("v1.0/resources/directoryaudit.md", resource),
        ("v1.0/api/directoryaudit-get.md", &get),
    ]);
    let types: Vec<Option<&str>> = ir
        .operations
        .iter()
        .map(|o| o.response.type_name.as_deref())
        .collect();
    assert_eq!(types, [Some("microsoft.graph.directoryAudit")]);
    let models: Vec<&str> = ir.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(models, ["microsoft.graph.directoryAudit"]);
}

#[test]
fn a_plural_page_named_or_last_word_response_type_is_the_documented_model() {
    // teamstab-list.md (2020) returns "a collection of tabs" and
    // teamstab-get.md "a tab object"; the resource page documents
    // `teamsTab`. securescorecontrolprofile-update.md returns "the updated
    // secureScoreControlProfiles object". page-get.md returns "the
    // [page](../resources/page.md) object", and page.md documents
    // `onenotePage` (`sitePage` also ends with `Page`).
    let resource = |name: &str| {
        format!(
            "# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
             | id | String | The id. |\n\n## JSON representation\n\n\
             <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
             ```json\n{{ \"id\": \"String\" }}\n```\n"
        )
    };
    let page = |path: &str, returns: &str| {
        format!(
            "# Page\n\n{PERMISSIONS}## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and {returns} in the response body.\n"
        )
    };
    let (tab, profile, chart) = (
        resource("teamsTab"),
        resource("secureScoreControlProfile"),
        resource("workbookChart"),
    );
    let (list, get, update, ambiguous) = (
        page("/teams/{id}/channels/{id}/tabs", "a collection of [tabs](../resources/teamstab.md)"),
        page("/teams/{id}/channels/{id}/tabs/{id}", "a [tab](../resources/teamstab.md) object"),
        page(
            "/security/secureScoreControlProfiles/{id}",
            "the updated [secureScoreControlProfiles](../resources/securescorecontrolprofile.md) object",
        ),
        // Two models end with `Chart`: no guess.
        page("/things/{id}", "a [chart](../resources/chart.md) object"),
    );
    let device_chart = resource("deviceChart");
    let (onenote_page, site_page) = (resource("onenotePage"), resource("sitePage"));
    let page_get = page(
        "/me/onenote/pages/{id}",
        "the [page](../resources/page.md) object",
    );
    let ir = tree(&[
        ("v1.0/resources/page.md", &onenote_page),
        ("v1.0/resources/sitepage.md", &site_page),
        ("v1.0/api/page-get.md", &page_get),
        ("v1.0/resources/teamstab.md", &tab),
        ("v1.0/resources/securescorecontrolprofile.md", &profile),
        ("v1.0/resources/workbookchart.md", &chart),
        ("v1.0/resources/devicechart.md", &device_chart),
        ("v1.0/api/teamstab-list.md", &list),
        ("v1.0/api/teamstab-get.md", &get),
        ("v1.0/api/securescorecontrolprofile-update.md", &update),
        ("v1.0/api/thing-get.md", &ambiguous),
    ]);
    let mut types: Vec<(&str, Option<&str>)> = ir
        .operations
        .iter()
        .map(|o| {
            (
                o.endpoints[0].path.as_str(),
                o.response.type_name.as_deref(),
            )
        })
        .collect();
    types.sort();
    assert_eq!(
        types,
        [
            (
                "/me/onenote/pages/{id}",
                Some("microsoft.graph.onenotePage")
            ),
            (
                "/security/secureScoreControlProfiles/{id}",
                Some("microsoft.graph.secureScoreControlProfile")
            ),
            (
                "/teams/{id}/channels/{id}/tabs",
                Some("microsoft.graph.teamsTab")
            ),
            (
                "/teams/{id}/channels/{id}/tabs/{id}",
                Some("microsoft.graph.teamsTab")
            ),
            ("/things/{id}", Some("microsoft.graph.chart")),
        ]
    );
}

#[test]
fn several_methods_on_one_page_are_several_operations() {
    // v1.0/api/user-update.md style pages that document GET and PATCH of
    // one path give one operation per method.
    let text = format!(
        "# Photo\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /me/photo/$value\nPUT /me/photo/$value\n```\n"
    );
    let ir = tree(&[("v1.0/api/profilephoto-get.md", &text)]);
    let methods: Vec<&str> = ir
        .operations
        .iter()
        .map(|o| o.endpoints[0].method.as_str())
        .collect();
    assert_eq!(methods.len(), 2, "{methods:?}");
    assert!(methods.contains(&"GET") && methods.contains(&"PUT"));
}

#[test]
fn annotations_far_from_their_block_and_with_lenient_json() {
    // Annotations with trailing commas, unquoted keys, a string `"true"`,
    // and blank lines before the block: group-list.md and kin.
    let text = format!(
        "# Get thing\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /things/{{id}}\n```\n\n\
         ## Examples\n\n### Request\n\n<!-- {{\n  blockType: \"request\",\n  \"name\": \"get_thing\",\n}} -->\n\n\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n\
         ### Response\n\n<!-- {{\n  \"blockType\": \"response\",\n  \"truncated\": \"true\",\n  \"@odata.type\": \"microsoft.graph.thing\"\n}} -->\n\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\n  \"id\": \"1\",\n}}\n```\n"
    );
    let p = page("v1.0/api/thing-get.md", &text);
    assert_eq!(p.examples.len(), 1);
    assert_eq!(p.examples[0].name, "get_thing");
    let response = p.examples[0].response.as_ref().expect("a response");
    assert!(response.truncated, "the string \"true\" counts");
    assert_eq!(
        response.odata_type.as_deref(),
        Some("microsoft.graph.thing")
    );
    assert!(matches!(&response.body, Some(Body::Json(v)) if v["id"] == "1"));
    assert!(codes(&p).contains(&Code::JsonRecovered));
}

#[test]
fn an_unclosed_comment_and_an_unclosed_fence_do_not_swallow_the_page_silently() {
    let text = format!(
        "# Get thing\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /things/{{id}}\n```\n\n\
         ## Examples\n\n<!-- {{ \"blockType\": \"request\"\n\n```http\nGET /things/1\n"
    );
    let p = page("v1.0/api/thing-get.md", &text);
    assert_eq!(p.endpoints.len(), 1, "what came before is kept");
}

#[test]
fn bodies_that_are_not_json_are_kept_as_text() {
    // report pages return CSV; $value pages return bytes.
    let text = format!(
        "# Get report\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /reports/getEmailActivityUserDetail(period='{{period_value}}')\n```\n\n\
         ## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"r\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/reports/getEmailActivityUserDetail(period='D7')\n```\n\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nReport Refresh Date,User Principal Name\n2017-09-01,a@contoso.com\n```\n"
    );
    let p = page("v1.0/api/reportroot-getemailactivityuserdetail.md", &text);
    let body = p.examples[0].response.as_ref().and_then(|r| r.body.clone());
    assert!(matches!(body, Some(Body::Text(t)) if t.starts_with("Report Refresh Date")));
}

#[test]
fn reused_operation_names_stay_unique_with_a_diagnostic() {
    // Two pages whose paths sanitise to the same id.
    let a = format!("# A\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /a-b\n```\n");
    let b = format!("# B\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /a_b\n```\n");
    let ir = tree(&[("v1.0/api/a.md", &a), ("v1.0/api/b.md", &b)]);
    let ids: Vec<&str> = ir.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert!(ir
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DuplicateOperationId));
}

#[test]
fn markdown_traps() {
    // SDK tab headings, repeated section names at another level, ragged
    // tables and tabs inside tables (2020 pages have all of them).
    let text = "# Get thing\n\n## Permissions\n\n|Permission type\t|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)\t|Thing.Read\t|\n|Delegated (personal Microsoft account)|Not supported.|extra|\n|Application\n\n\
         ## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /things/{id}\n```\n\n\
         ## Examples\n\n# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\", \"name\": \"get_thing\" } -->\n```http\nGET /things/1\n```\n\n\
         ### Permissions\n\nNot a second permissions section.\n";
    let p = page("v1.0/api/thing-get.md", text);
    assert_eq!(
        p.title.as_deref(),
        Some("Get thing"),
        "a tab heading is not a title"
    );
    assert_eq!(p.endpoints.len(), 1);
    assert_eq!(p.examples.len(), 1);
    assert_eq!(p.permissions.len(), 1);
    assert_eq!(
        p.permissions[0].delegated_work,
        SchemePermissions::Listed {
            least: vec!["Thing.Read".into()],
            higher: vec![]
        }
    );
    assert_eq!(
        p.permissions[0].delegated_personal,
        SchemePermissions::not_supported()
    );
}

#[test]
fn the_generated_family_lists_most_privileged_first() {
    // v1.0/api/intune-devices-manageddevice-get.md (2020): `## Prerequisites`.
    let text = "# Get managedDevice\n\n## Prerequisites\nOne of the following permissions is required to call this API.\n\n\
         |Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)|DeviceManagementManagedDevices.ReadWrite.All, DeviceManagementManagedDevices.Read.All|\n\
         |Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n\
         ## HTTP Request\n<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n``` http\nGET /deviceManagement/managedDevices/{managedDeviceId}\n```\n";
    let p = page("v1.0/api/intune-devices-manageddevice-get.md", text);
    assert!(p.generated_family);
    assert!(p.has_permissions_section);
    assert_eq!(
        p.permissions[0].delegated_work,
        SchemePermissions::Listed {
            least: vec!["DeviceManagementManagedDevices.Read.All".into()],
            higher: vec!["DeviceManagementManagedDevices.ReadWrite.All".into()]
        }
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_docs_root_is_an_error_and_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let docs = root.join("docs/api-reference/v1.0/api");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(root.join("outside")).unwrap();
    std::fs::write(
        root.join("outside/secret.md"),
        "|Application|Secret.Read|\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        root.join("outside/secret.md"),
        docs.join("../includes-link.md"),
    )
    .unwrap();
    std::fs::write(
        docs.join("a.md"),
        "# A\n\n## Permissions\n\n[!INCLUDE [p](../includes-link.md)]\n\n## HTTP request\n\n```http\nGET /a\n```\n",
    )
    .unwrap();
    let ir = codegen::load_ir(&root.join("docs/api-reference/v1.0"), "docs");
    assert!(
        ir.diagnostics
            .iter()
            .any(|d| d.code == Code::IncludeEscapesRoot),
        "{:?}",
        ir.diagnostics
    );
    let text = format!("{:?}", ir.operations);
    assert!(!text.contains("Secret.Read"), "the target was read");
}

#[test]
fn the_docs_tree_decides_the_version_over_what_a_page_says() {
    use codegen::ir::ApiVersion;
    // v1.0/resources/openshift.md (2020) kept its beta disclaimer after the
    // resource reached v1.0; v1.0/api/list-get.md wrote its request line
    // with `/beta`; v1.0/api/organization-list.md (2019) had a beta example
    // URL. Each is published in the v1.0 docs, so each is v1.0, and says
    // why it is worth a look.
    let disclaimer = "---\ntitle: \"openShift resource type\"\ndoc_type: resourcePageType\n---\n\
        # openShift resource type\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|id|String|The id.|\n";
    let request_line = format!(
        "---\ntitle: \"Get list\"\n---\n# Get list\n\n{PERMISSIONS}## HTTP request\n\n\
         ```http\nGET /beta/sites/{{site-id}}/lists/{{list-id}}\n```\n"
    );
    let example = format!(
        "---\ntitle: \"List organization\"\n---\n# List organization\n\n{PERMISSIONS}## HTTP request\n\n\
         ```http\nGET /organization\n```\n\n## Example\n\n\
         <!-- {{\"blockType\": \"request\", \"name\": \"get_organization\"}} -->\n\
         ```http\nGET https://graph.microsoft.com/beta/organization\n```\n"
    );
    for (path, text, what) in [
        ("v1.0/resources/openshift.md", disclaimer, "beta disclaimer"),
        ("v1.0/api/list-get.md", &request_line, "request line"),
        ("v1.0/api/organization-list.md", &example, "example URL"),
    ] {
        let p = page(path, text);
        assert_eq!(p.version, Some(ApiVersion::V1), "{path}");
        let conflicts: Vec<&str> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::VersionConflict)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(conflicts.len(), 1, "{path}: {:?}", p.diagnostics);
        assert!(
            conflicts[0].contains(what) && conflicts[0].contains("kept v1.0"),
            "{path}: {conflicts:?}"
        );
    }
    // Outside a versioned tree (a rendered page saved on its own), what the
    // page says still decides, and says nothing of a conflict.
    let loose = page("pages/list-get.md", &request_line);
    assert_eq!(loose.version, Some(ApiVersion::Beta));
    assert!(!codes(&loose).contains(&Code::VersionConflict));
    // A beta page with a beta example agrees with its tree.
    let beta = page("beta/api/organization-list.md", &example);
    assert_eq!(beta.version, Some(ApiVersion::Beta));
    assert!(!codes(&beta).contains(&Code::VersionConflict));
}

#[test]
fn an_enum_page_whose_heading_lost_its_space_is_still_that_enum() {
    // v1.0/resources/teamvisibilitytype.md (2020): the front matter's title
    // is "Members" (as is teamsappinstalledstate.md's), and the heading is
    // `#teamVisibilityType enum type`, a paragraph to Markdown. Both pages
    // used to become one empty model `Members`.
    let text = "---\ntitle: \"Members\"\ndoc_type: enumPageType\n---\n\n#teamVisibilityType enum type\n\n\
        Describes the visibility of a team.\n\n## Members\n\n| Member | Value| Description |\n|:--|:--|:--|\n\
        |private|0|Only the owner can add a user.|\n|public|1|Anyone can join.|\n";
    let ir = tree(&[("v1.0/resources/teamvisibilitytype.md", text)]);
    assert!(ir.models.is_empty(), "{:?}", ir.models);
    let names: Vec<(&str, Vec<&str>)> = ir
        .enums
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.members.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [(
            "microsoft.graph.teamVisibilityType",
            vec!["private", "public"]
        )]
    );
    // A paragraph that only starts with `#` is no title.
    let p = page(
        "v1.0/resources/x.md",
        "---\ntitle: \"x resource type\"\n---\n#hashtag in prose\n",
    );
    assert_eq!(p.title.as_deref(), Some("x resource type"));
}

/// An API page with `paths` under `## HTTP request`, the response type
/// `ty` in prose, and an example response per `@odata.type` of `shown`.
fn api_page(title: &str, ty: &str, paths: &[&str], shown: &[&str]) -> String {
    let lines: Vec<String> = paths.iter().map(|p| format!("GET {p}")).collect();
    let examples: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "### Example {i}\n\n<!-- {{\"blockType\": \"request\", \"name\": \"get_{i}\"}} -->\n```http\nGET https://graph.microsoft.com/v1.0{}\n```\n\n\
                 <!-- {{\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{t}\"}} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"{i}\"}}\n```\n\n",
                paths[0].replace("{id}", "1")
            )
        })
        .collect();
    format!(
        "# {title}\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a [{ty}](../resources/{ty}.md) object in the response body.\n\n\
         ## Examples\n\n{}",
        lines.join("\n"),
        examples.concat()
    )
}

#[test]
fn pages_that_share_a_stray_endpoint_stay_two_operations() {
    // driveitem-list-thumbnails.md (2020) documents, as one task among
    // others, `GET /me/drive/items/{item-id}/children?$expand=thumbnails`:
    // 1 of its endpoints, and 1 of those of driveitem-list-children.md. The
    // two pages were one operation, listing children and thumbnails alike.
    let children = api_page(
        "List children",
        "driveItem",
        &[
            "/drives/{id}/items/{id}/children",
            "/me/drive/items/{id}/children",
            "/sites/{id}/drive/items/{id}/children",
        ],
        &[],
    );
    let thumbnails = api_page(
        "List thumbnails",
        "thumbnailSet",
        &[
            "/drives/{id}/items/{id}/thumbnails",
            "/me/drive/items/{id}/thumbnails",
            "/me/drive/items/{id}/children?$expand=thumbnails",
        ],
        &[],
    );
    // driveitem-move.md and driveitem-update.md share most endpoints: one
    // operation (a move is an update of the parent reference).
    let update = api_page(
        "Update item",
        "driveItem",
        &[
            "/drives/{id}/items/{id}",
            "/me/drive/items/{id}",
            "/sites/{id}/drive/items/{id}",
        ],
        &[],
    );
    let mv = api_page(
        "Move item",
        "driveItem",
        &[
            "/drives/{id}/items/{id}",
            "/me/drive/items/{id}",
            "/users/{id}/drive/items/{id}",
        ],
        &[],
    );
    let ir = tree(&[
        ("v1.0/api/driveitem-list-children.md", &children),
        ("v1.0/api/driveitem-list-thumbnails.md", &thumbnails),
        ("v1.0/api/driveitem-update.md", &update),
        ("v1.0/api/driveitem-move.md", &mv),
    ]);
    let ops = operations(&ir);
    assert_eq!(
        ops,
        [
            ("List children", Some("microsoft.graph.driveItem"), 3),
            ("List thumbnails", Some("microsoft.graph.thumbnailSet"), 2),
            ("Move item", Some("microsoft.graph.driveItem"), 4),
        ],
        "{:#?}",
        ir.diagnostics
    );
    let left: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BorrowedEndpoints)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        left,
        ["1 of its 3 `GET` endpoints belong to the operations of 1 other page (v1.0/api/driveitem-list-children.md); left to them, with their examples"]
    );
}

#[test]
fn examples_of_several_derived_types_return_their_base() {
    // attachment-get.md (2020) annotates one example as a fileAttachment, the
    // next as an itemAttachment and a referenceAttachment: the operation
    // returns an attachment.
    let resource = |name: &str, base: Option<&str>| {
        let annotation = base.map_or(String::new(), |b| {
            format!("<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{b}\"}} -->\n")
        });
        format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|name|String|A name.|\n\n\
             ## JSON representation\n\n{annotation}```json\n{{\"name\": \"x\"}}\n```\n"
        )
    };
    let get = api_page(
        "Get attachment",
        "attachment",
        &["/me/messages/{id}/attachments/{id}"],
        &["fileAttachment", "itemAttachment", "referenceAttachment"],
    );
    let pages = [
        (
            "v1.0/resources/attachment.md".to_string(),
            resource("attachment", None),
        ),
        (
            "v1.0/resources/fileattachment.md".to_string(),
            resource("fileAttachment", Some("attachment")),
        ),
        (
            "v1.0/resources/itemattachment.md".to_string(),
            resource("itemAttachment", Some("attachment")),
        ),
        (
            "v1.0/resources/referenceattachment.md".to_string(),
            resource("referenceAttachment", Some("attachment")),
        ),
        ("v1.0/api/attachment-get.md".to_string(), get),
    ];
    let named: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let ir = tree(&named);
    let op = ir
        .operations
        .iter()
        .find(|o| o.title == "Get attachment")
        .expect("the operation");
    assert_eq!(
        op.response.type_name.as_deref(),
        Some("microsoft.graph.attachment")
    );
    // Types that share no base keep the first, and say so.
    let odd = api_page("Get thing", "user", &["/things/{id}"], &["user", "group"]);
    let ir = tree(&[("v1.0/api/thing-get.md", &odd)]);
    assert_eq!(
        ir.operations[0].response.type_name.as_deref(),
        Some("microsoft.graph.user")
    );
    assert!(
        ir.diagnostics.iter().any(
            |d| d.code == Code::ConflictingFacts && d.message.contains("microsoft.graph.group")
        ),
        "{:#?}",
        ir.diagnostics
    );
}

#[test]
fn a_note_included_in_the_permissions_section_is_no_permissions_table() {
    // device-list-memberof.md (2020) has its table and then
    // `[!INCLUDE [limited-info](../../includes/limited-info.md)]`, a note
    // that the tree does not hold; directory-deleteditems-list.md has the
    // note first. Each used to add a set of unknown permissions (D0203).
    for (note_first, path) in [
        (false, "v1.0/api/device-list-memberof.md"),
        (true, "v1.0/api/directory-deleteditems-list.md"),
    ] {
        let note = "[!INCLUDE [limited-info](../../includes/limited-info.md)]\n\n";
        let table = PERMISSIONS.trim_start_matches("## Permissions\n\n");
        let section = if note_first {
            format!("## Permissions\n\n{note}{table}")
        } else {
            format!("## Permissions\n\n{table}{note}")
        };
        let text = format!("# List things\n\n{section}## HTTP request\n\n```http\nGET /devices/{{id}}/memberOf\n```\n");
        let p = page(path, &text);
        assert_eq!(p.permissions.len(), 1, "{path}: {:?}", p.permissions);
        assert!(
            !codes(&p).contains(&Code::PermissionsIncludeMissing),
            "{path}"
        );
    }
    // A permissions table that is missing is still unknown permissions.
    let text = "# Get thing\n\n## Permissions\n\n[!INCLUDE [permissions-table](../includes/permissions/thing-get-permissions.md)]\n\n\
        ## HTTP request\n\n```http\nGET /things/{id}\n```\n";
    let p = page("v1.0/api/thing-get.md", text);
    assert_eq!(p.permissions.len(), 1);
    assert!(codes(&p).contains(&Code::PermissionsIncludeMissing));
}

#[test]
fn the_same_permissions_under_a_scope_name_are_no_conflict() {
    // multivaluelegacyextendedproperty-get.md (2020) has a table by
    // resource ("contact": Contacts.Read) and gets a contact with
    // `?$expand=`; contact-get.md gives Contacts.Read too, unscoped. They
    // agree, and said D0501 all the same.
    let table = |rows: &str| {
        format!(
            "## Permissions\n\n| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n\
             |:--|:--|:--|:--|\n{rows}\n"
        )
    };
    let extended = format!(
        "# Get multiValueLegacyExtendedProperty\n\n{}\
         ## HTTP request\n\nGet a **contact** instance:\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n\
         GET /me/contacts/{{id}}?$expand=multiValueExtendedProperties($filter=id eq '{{id_value}}')\n```\n\
         Get a **message** instance:\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n\
         GET /me/messages/{{id}}?$expand=multiValueExtendedProperties($filter=id eq '{{id_value}}')\n```\n",
        table(
            "| [contact](../resources/contact.md) | Contacts.Read | Contacts.Read | Contacts.Read |\n\
             | [message](../resources/message.md) | Mail.Read | Mail.Read | Mail.Read |"
        )
    );
    let contact = |least: &str| {
        format!(
            "# Get contact\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|{least}|\n|Delegated (personal Microsoft account)|{least}|\n|Application|{least}|\n\n\
             ## HTTP request\n\n```http\nGET /me/contacts/{{id}}\n```\n"
        )
    };
    let conflicts = |contact: &str| {
        tree(&[
            ("v1.0/api/contact-get.md", contact),
            (
                "v1.0/api/multivaluelegacyextendedproperty-get.md",
                &extended,
            ),
        ])
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::ConflictingFacts)
        .count()
    };
    assert_eq!(conflicts(&contact("Contacts.Read")), 0);
    // Different permissions still conflict.
    assert_eq!(conflicts(&contact("Contacts.ReadWrite")), 1);
}

#[test]
fn request_lines_outside_an_http_request_section() {
    // site-get.md (2020) has no HTTP request section: task headings with
    // blocks of request lines (one a sample host), and the example asks for
    // `/sites/{site-id}`. The page gave no operation, and Graph's "Get site"
    // was missing from the crate.
    let site_get = "---\ntitle: \"Get a site resource\"\ndoc_type: apiPageType\n---\n# Get a site resource\n\n\
        ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
        |Delegated (work or school account)|Sites.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Sites.Read.All|\n\n\
        ## Get the tenant's root site\n\n<!-- { \"blockType\": \"ignored\" } -->\n\n```http\nGET /sites/root\nGET /sites/contoso.sharepoint.com\n```\n\n\
        ## Access a group team site\n\n```http\nGET /groups/{group-id}/sites/root\n```\n\n\
        ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get-site\" } -->\n```http\nGET /sites/{site-id}\n```\n";
    let p = page("v1.0/api/site-get.md", site_get);
    let endpoints: Vec<(&str, u32)> = p
        .endpoints
        .iter()
        .map(|e| (e.path.as_str(), e.source.line))
        .collect();
    assert_eq!(
        endpoints,
        [
            ("/sites/root", 20),
            ("/groups/{group-id}/sites/root", 27),
            ("/sites/{site-id}", 36)
        ],
        "{:?}",
        p.diagnostics
    );
    assert!(!codes(&p).contains(&Code::NoHttpRequest));
    // On an overview page, such blocks are calls shown in passing.
    let overview = site_get.replace("apiPageType", "conceptualPageType");
    assert!(page("v1.0/resources/sharepoint.md", &overview)
        .endpoints
        .is_empty());
    // The 2019 pages have no doc_type: the api folder says it.
    let untyped = site_get.replace("doc_type: apiPageType\n", "");
    assert_eq!(page("v1.0/api/site-get.md", &untyped).endpoints.len(), 3);
    assert!(page("v1.0/resources/sharepoint.md", &untyped)
        .endpoints
        .is_empty());
    // "## HTTP request (to replace an existing item)" is an HTTP request
    // section (driveitem-put-content.md), and a request line may stand in
    // the fence's info string (educationroot-list-schools.md).
    let put = format!(
        "# Upload content\n\n{PERMISSIONS}## HTTP request (to replace an existing item)\n\n\
         ```http\nPUT /me/drive/items/{{item-id}}/content\n```\n\n## HTTP request (to upload a new file)\n\n\
         ```http\nPUT /me/drive/items/{{parent-id}}:/{{filename}}:/content\n```\n"
    );
    let paths: Vec<String> = page("v1.0/api/driveitem-put-content.md", &put)
        .endpoints
        .into_iter()
        .map(|e| e.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/me/drive/items/{item-id}/content",
            "/me/drive/items/{parent-id}:/{filename}:/content"
        ]
    );
    let schools = format!(
        "# List schools\n\n{PERMISSIONS}## HTTP request\n\n```http GET /education/schools\n```\n"
    );
    let p = page("v1.0/api/educationroot-list-schools.md", &schools);
    assert_eq!(p.endpoints.len(), 1);
    assert_eq!(p.endpoints[0].path, "/education/schools");
}

#[test]
fn the_2019_enums_page_without_a_doc_type_is_read() {
    // v1.0/resources/enums.md (2019): no doc_type and no heading but the
    // enums' own; its title alone says what it is. It gave nothing, and
    // calendarColor, categoryColor and a dozen more were unknown types.
    let text = "---\ntitle: \"Enum values\"\ndescription: \"Microsoft Graph enumeration values.\"\n---\n\n\
        ### calendarColor values\n\n| Member     | Value\n|:-----------|:----------\n| auto       | -1\n| lightBlue  | 0\n\n\
        ### categoryColor values\n\n|Member|Value|\n|:---|:---|\n|none|-1|\n|preset0|0|\n";
    let ir = tree(&[("v1.0/resources/enums.md", text)]);
    let enums: Vec<(&str, usize)> = ir
        .enums
        .iter()
        .map(|e| (e.name.as_str(), e.members.len()))
        .collect();
    assert_eq!(
        enums,
        [
            ("microsoft.graph.calendarColor", 2),
            ("microsoft.graph.categoryColor", 2)
        ],
        "{:#?}",
        ir.diagnostics
    );
    assert!(!ir
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PageGaveNothing));
}

#[test]
fn a_rendered_resource_page_gives_its_json_representation() {
    // identityprovider.md (2020), rendered: no properties table, only the
    // JSON representation, which a rendered page writes without a fence
    // or the annotation that says where it is.
    let provider = "identityProvider resource type\n\nNamespace: microsoft.graph\n\n\
        Represents an identity provider.\n\nJSON representation\n\n\
        Here is a JSON representation of the resource.\n\n{\n  \"clientId\": \"String\",\n  \"name\": \"String\",\n  \"type\": \"String\"\n}\n";
    let p = page("v1.0/resources/identityprovider.txt", provider);
    let properties: Vec<(&str, &str)> = p
        .resource
        .iter()
        .flat_map(|r| &r.properties)
        .map(|p| (p.name.as_str(), p.type_name.as_str()))
        .collect();
    assert_eq!(
        properties,
        [
            ("clientId", "Edm.String"),
            ("name", "Edm.String"),
            ("type", "Edm.String")
        ]
    );
    // plannerappliedcategories.md: "is an open type", keyed by sample
    // data; its keys are no properties.
    let open = "plannerAppliedCategories resource type\n\nNamespace: microsoft.graph\n\n\
        The plannerAppliedCategories resource type is an open type.\n\nJSON representation\n\n\
        {\n  \"String-value\": true\n}\n\nExample:\n\n{\n  \"category1\": true\n}\n";
    let p = page("v1.0/resources/plannerappliedcategories.txt", open);
    let resource = p.resource.as_ref().expect("a resource page");
    assert!(resource.properties.is_empty(), "{:?}", resource.properties);
    assert!(resource.open_type);
    assert_eq!(resource.entry_type.as_deref(), Some("Edm.Boolean"));
}

#[test]
fn an_overview_that_says_resource_page_is_no_model() {
    // threatassessment-api-overview.md (2020): `doc_type: resourcePageType`
    // over "Use the Microsoft Graph threat assessment API", a table of use
    // cases and links. It made an empty model named `Use`.
    let overview = "---\ntitle: \"Use the Microsoft Graph threat assessment API\"\ndoc_type: resourcePageType\n---\n\n\
        # Use the Microsoft Graph threat assessment API\n\nThe API helps organizations to assess threats.\n\n\
        ## Common use cases\n\n| Use cases | REST resources |\n|:--|:--|\n\
        | List requests | [threatAssessmentRequest](../resources/threatassessmentrequest.md) |\n";
    // A resource page that says no more than its title and doc type is one
    // still (ipRange: an abstract base with no properties).
    let base = "---\ntitle: \"ipRange resource type\"\ndoc_type: resourcePageType\n---\n\n\
        # ipRange resource type\n\nRepresents a range of IP addresses.\n";
    let ir = tree(&[
        ("v1.0/resources/threatassessment-api-overview.md", overview),
        ("v1.0/resources/iprange.md", base),
    ]);
    let models: Vec<&str> = ir.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(models, ["microsoft.graph.ipRange"]);
    let said: Vec<(Code, &str)> = ir
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.as_str()))
        .collect();
    assert!(
        said.contains(&(
            Code::PageGaveNothing,
            "v1.0/resources/threatassessment-api-overview.md"
        )),
        "{said:?}"
    );
}

#[test]
fn a_task_below_the_pages_resource_is_an_operation_of_its_own() {
    // driveitem-list-thumbnails.md (2020) lists thumbnails, then documents
    // "## Get a single thumbnail" below them, with its response under "###
    // Path parameters". It was one operation that returned a thumbnailSet
    // collection for every path, and the response was read as a request
    // line (D0401).
    let text = format!(
        "# List thumbnails\n\n{PERMISSIONS}## HTTP request\n\n```http\nGET /me/drive/items/{{item-id}}/thumbnails\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of thumbnailSet objects in the response body.\n\n\
         ## Get a single thumbnail\n\n### HTTP request\n\n```http\nGET /me/drive/items/{{item-id}}/thumbnails/{{thumb-id}}/{{size}}\n```\n\n\
         ### Path parameters\n\n| Name | Type | Description |\n|:--|:--|:--|\n| size | string | The size. |\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thumbnail\" }} -->\n\n\
         ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\"width\": 100}}\n```\n"
    );
    // drive-get.md's "## Get a drive by ID" addresses the page's resource
    // another way: the same operation.
    let drive = format!(
        "# Get Drive\n\n{PERMISSIONS}## Get current user's OneDrive\n\n```http\nGET /me/drive\n```\n\n\
         ## Get a drive by ID\n\n```http\nGET /drives/{{drive-id}}\n```\n\n## HTTP request\n\nNone.\n"
    );
    let ir = tree(&[
        ("v1.0/api/driveitem-list-thumbnails.md", &text),
        ("v1.0/api/drive-get.md", &drive),
    ]);
    let found: Vec<(&str, Option<&str>, bool, usize)> = ir
        .operations
        .iter()
        .map(|o| {
            (
                o.endpoints[0].path.as_str(),
                o.response.type_name.as_deref(),
                o.response.collection,
                o.examples.len(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/me/drive", None, false, 2),
            (
                "/me/drive/items/{item-id}/thumbnails",
                Some("microsoft.graph.thumbnailSet"),
                true,
                0
            ),
            (
                "/me/drive/items/{item-id}/thumbnails/{thumb-id}/{size}",
                Some("microsoft.graph.thumbnail"),
                false,
                1
            ),
        ],
        "{:#?}",
        ir.diagnostics
    );
    assert_eq!(ir.operations[0].endpoints.len(), 2);
    assert!(
        !ir.diagnostics.iter().any(|d| d.code == Code::PathNoise),
        "{:#?}",
        ir.diagnostics
    );
}

#[test]
fn a_properties_table_with_tabs_in_its_delimiter_row_is_read() {
    // insights-trending.md (2020): the table's rows are padded with tabs,
    // the delimiter row too. It was read as a paragraph, and `trending`
    // kept only its navigation property.
    let ir = tree(&[(
        "v1.0/resources/insights-trending.md",
        "---\ntitle: \"trending resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # trending resource type\n\nNamespace: microsoft.graph\n\n\
         Rich relationship connecting a user to documents that are trending around the user.\n\n\
         ## Properties\n\n\
         | Property      | Type          \t \t\t\t\t| Description  |\n\
         | ------------- |---------------\t \t\t\t\t| -------------|\n\
         | id      \t\t\t\t| String\t \t\t\t\t| Unique identifier of the relationship. Read only. \t   |\n\
         | weight     \t\t\t| Double     \t\t\t\t| Value indicating how much the document is currently trending. |\n\
         | lastModifiedDateTime  | DateTimeOffset            | |\n\
         ## Relationships\n\n\
         | Property      | Type          | Description  |\n\
         | ------------- |---------------| -------------|\n\
         | resource    \t| entity\t\t| Used for navigating to the trending document. |\n",
    )]);
    let trending = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.trending")
        .expect("the trending model");
    let properties: Vec<(&str, &str, u32)> = trending
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str(), p.source.line))
        .collect();
    assert_eq!(
        properties,
        [
            ("id", "Edm.String", 16),
            ("weight", "Edm.Double", 17),
            ("lastModifiedDateTime", "Edm.DateTimeOffset", 18),
            ("resource", "microsoft.graph.entity", 23),
        ]
    );
}

#[test]
fn a_table_whose_delimiter_row_has_a_cell_too_many_is_read_and_reported() {
    // authentication-list-methods.md (modern, and in spec/): the second
    // table's header has two cells and its delimiter row three. GitHub's
    // rules make it a paragraph; the docs site shows a table. The
    // "acting on other users" set was lost without a word.
    let text = "# List methods\n\n## Permissions\n\n### Permissions acting on self\n\n\
        |Permission type      | Permissions (from least to most privileged)              |\n\
        |:---------------------------------------|:-------------------------|\n\
        | Delegated (work or school account)     | UserAuthenticationMethod.Read, UserAuthenticationMethod.ReadWrite |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | Not supported. |\n\n\
        ### Permissions acting on other users\n\n\
        |Permission type      | Permissions (from least to most privileged)              |\n\
        |:---------------------------------------|:-------------------------|:-----------------|\n\
        | Delegated (work or school account)     | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All |\n\n\
        ## HTTP request\n\n```http\nGET /me/authentication/methods\nGET /users/{id | userPrincipalName}/authentication/methods\n```\n";
    let p = page("v1.0/api/authentication-list-methods.md", text);
    let scopes: Vec<Option<&str>> = p.permissions.iter().map(|s| s.scope.as_deref()).collect();
    assert_eq!(
        scopes,
        [
            Some("Permissions acting on self"),
            Some("Permissions acting on other users")
        ]
    );
    assert_eq!(
        p.permissions[1].application,
        SchemePermissions::Listed {
            least: vec!["UserAuthenticationMethod.Read.All".into()],
            higher: vec!["UserAuthenticationMethod.ReadWrite.All".into()]
        }
    );
    let mismatch: Vec<(u32, &str)> = p
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TableCellsMismatch)
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(mismatch.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(mismatch[0].0, 15, "the header line of the second table");
    assert!(
        mismatch[0].1.contains("2 cells and its delimiter row 3"),
        "{}",
        mismatch[0].1
    );
}

#[test]
fn a_response_of_204_has_no_type_unless_an_example_shows_a_body() {
    // application-post-owners.md (2020): "returns a `204 No Content`
    // response code", under a response annotation that names
    // `directoryObject`. alert-update.md answers 204 too, and 200 with the
    // alert when asked (`Prefer: return=representation`).
    let annotated_204 = |title: &str, method: &str, path: &str, ty: &str, second: &str| {
        format!(
            "# {title}\n\n## HTTP request\n\n```http\n{method} {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n\
             ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n\
             ```http\n{method} https://graph.microsoft.com/v1.0{path}\n```\n\n### Response\n\n\
             <!-- {{ \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"{ty}\" }} -->\n\
             ```http\nHTTP/1.1 204 No Content\n```\n{second}"
        )
    };
    let representation = "\n### Response with the representation\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.alert\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}\n```\n";
    let owners = annotated_204(
        "Add owner",
        "POST",
        "/applications/{id}/owners/$ref",
        "microsoft.graph.directoryObject",
        "",
    );
    let alert = annotated_204(
        "Update alert",
        "PATCH",
        "/security/alerts/{id}",
        "microsoft.graph.alert",
        representation,
    );
    let ir = tree(&[
        ("v1.0/api/application-post-owners.md", owners.as_str()),
        ("v1.0/api/alert-update.md", alert.as_str()),
    ]);
    let response = |title: &str| {
        let op = ir
            .operations
            .iter()
            .find(|o| o.title == title)
            .unwrap_or_else(|| panic!("no {title}"));
        (op.response.status, op.response.type_name.as_deref())
    };
    assert_eq!(response("Add owner"), (Some(204), None));
    assert_eq!(
        response("Update alert"),
        (Some(204), Some("microsoft.graph.alert"))
    );
}

#[test]
fn a_status_the_prose_does_not_state_is_the_one_every_example_answers() {
    // driveitem-copy.md (2020): "Returns details about how to monitor the
    // progress of the copy", over a `202 Accepted` with a `Location`. Its
    // builder answered "no content" and lost the monitor's address.
    // drive-get.md: "Each of these methods returns a Drive resource", and
    // `200 OK` below it. createuploadsession shows a `409` beside its
    // `200`; driveitem-get-content.md a `302` redirect and a `206` range.
    let page = |title: &str, method: &str, path: &str, shown: &[&str]| {
        let examples: Vec<String> = shown
            .iter()
            .enumerate()
            .map(|(i, status)| {
                format!(
                    "### Request {i}\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}_{i}\" }} -->\n\
                     ```http\n{method} https://graph.microsoft.com/v1.0{path}\n```\n\n### Response {i}\n\n\
                     <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 {status}\n```\n\n"
                )
            })
            .collect();
        format!(
            "# {title}\n\n## HTTP request\n\n```http\n{method} {path}\n```\n\n\
             ## Response\n\nReturns details about the {title}.\n\n## Example\n\n{}",
            examples.concat()
        )
    };
    let copy = page(
        "copy",
        "POST",
        "/me/drive/items/{id}/copy",
        &["202 Accepted"],
    );
    let upload = page(
        "upload",
        "POST",
        "/me/drive/items/{id}/createUploadSession",
        &["200 OK", "409 Conflict"],
    );
    let content = page(
        "content",
        "GET",
        "/me/drive/items/{id}/content",
        &["302 Found", "206 Partial Content"],
    );
    let moved = page(
        "moved",
        "GET",
        "/me/drive/items/{id}/thumbnails",
        &["302 Found"],
    );
    let follow = page(
        "follow",
        "POST",
        "/users/{id}/followedSites/add",
        &["200 OK", "207 Multi-Status"],
    );
    let ir = tree(&[
        ("v1.0/api/driveitem-copy.md", copy.as_str()),
        ("v1.0/api/driveitem-createuploadsession.md", upload.as_str()),
        ("v1.0/api/driveitem-get-content.md", content.as_str()),
        ("v1.0/api/driveitem-list-thumbnails.md", moved.as_str()),
        ("v1.0/api/site-follow.md", follow.as_str()),
    ]);
    let status = |title: &str| {
        ir.operations
            .iter()
            .find(|o| o.title == title)
            .unwrap_or_else(|| panic!("no {title}"))
            .response
            .status
    };
    assert_eq!(status("copy"), Some(202));
    assert_eq!(
        status("upload"),
        Some(200),
        "an error example is not the answer"
    );
    assert_eq!(status("content"), None, "a redirect and a range disagree");
    assert_eq!(status("moved"), None, "a redirect is no status of its own");
    assert_eq!(status("follow"), None, "two successes disagree");
    let copy = ir.operations.iter().find(|o| o.title == "copy").unwrap();
    let endpoint = &copy.endpoints[0];
    assert_eq!(
        codegen::emit::requests::response_kind(copy, &endpoint.method, &endpoint.path),
        codegen::emit::requests::ResponseKind::Accepted
    );
}

#[test]
fn a_request_line_whose_brace_lost_its_partner_gets_it_back() {
    // workforceintegration-get.md (2020): the only request line lost its
    // `{`. Sent as written, it asked for `/workforceIntegrationId}`; skipped,
    // the example's templated URL gave the endpoint, with its parameter in
    // lower case. The brace is put back, with D0405.
    let text = format!(
        "# Get workforceIntegration\n\n{PERMISSIONS}## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n\n```http\nGET /teamwork/workforceIntegrations/workforceIntegrationId}}\n```\n\n\
         ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_workforceintegration\" }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/teamwork/workforceIntegrations/{{workforceintegrationid}}\n```\n"
    );
    let ir = tree(&[("v1.0/api/workforceintegration-get.md", text.as_str())]);
    let paths: Vec<&str> = ir
        .operations
        .iter()
        .flat_map(|o| o.endpoints.iter().map(|e| e.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        ["/teamwork/workforceIntegrations/{workforceIntegrationId}"]
    );
    let said: Vec<(Code, u32)> = ir
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::PathNoise | Code::PathRepaired))
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(said, [(Code::PathRepaired, 16)], "the request line");
}

#[test]
fn an_example_of_another_request_says_nothing_of_the_response_type() {
    // rangeformat-update.md (2020): `PATCH .../range/format` answers a
    // workbookRangeFormat; its examples also patch `.../format/font` and
    // `.../format/fill`, which other pages document. Here the font comes
    // first, as a page could write it. driveitem-get-content.md: the only
    // typed response answers a request to the download host, not to Graph,
    // and still speaks.
    let example = |url: &str, ty: &str| {
        format!(
            "<!-- {{ \"blockType\": \"request\", \"name\": \"{ty}\" }} -->\n\
             ```http\nPATCH https://graph.microsoft.com/v1.0{url}\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{ty}\" }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\n  \"bold\": true\n}}\n```\n\n"
        )
    };
    let range = "/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$A$1')/format";
    let format_page = format!(
        "# Update rangeformat\n\n{PERMISSIONS}## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n\
         PATCH /workbook/names/{{name}}/range/format\n\
         PATCH /workbook/worksheets/{{id|name}}/range(address='<address>')/format\n```\n\n\
         ## Example\n\n{}{}",
        example(&format!("{range}/font"), "workbookRangeFont"),
        example(range, "workbookRangeFormat"),
    );
    let content_page = format!(
        "# Download a file\n\n{PERMISSIONS}## HTTP request\n\n```http\nGET /drives/{{drive-id}}/items/{{item-id}}/content\n```\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"download\" }} -->\n\
         ```http\nGET /drives/{{drive-id}}/items/{{item-id}}/content\n```\n\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 302 Found\nLocation: https://b0mpua-by3301.files.1drv.com/y23vmag\n```\n\n\
         ## Partial range downloads\n\n<!-- {{ \"blockType\": \"request\", \"opaqueUrl\": true, \"name\": \"partial\" }} -->\n\
         ```http\nGET https://b0mpua-by3301.files.1drv.com/y23vmag\nRange: bytes=0-1023\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"name\": \"partial\", \"@odata.type\": \"stream\" }} -->\n\
         ```http\nHTTP/1.1 206 Partial Content\nContent-Range: bytes 0-1023/2048\n\n<first 1024 bytes of file>\n```\n"
    );
    let ir = tree(&[
        ("v1.0/api/rangeformat-update.md", format_page.as_str()),
        ("v1.0/api/driveitem-get-content.md", content_page.as_str()),
    ]);
    assert_eq!(
        operations(&ir),
        [
            ("Download a file", Some("Edm.Stream"), 1),
            (
                "Update rangeformat",
                Some("microsoft.graph.workbookRangeFormat"),
                2
            ),
        ]
    );
    let conflicts: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ConflictingFacts)
        .map(|d| d.message.as_str())
        .collect();
    assert!(conflicts.is_empty(), "{conflicts:#?}");
}

#[test]
fn a_sample_value_in_a_request_path_takes_its_examples_parameter() {
    // domain-list-serviceconfigurationrecords.md (2019, 2020): the HTTP
    // request section writes `contoso.com`; its example writes
    // `{domain-name}`. A type cast with dots stays: the example has a
    // literal there too.
    let text = format!(
        "# List serviceConfigurationRecords\n\n{PERMISSIONS}## HTTP request\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n\
         GET /domains/contoso.com/serviceConfigurationRecords\n\
         GET /groups/{{id}}/members/microsoft.graph.user\n```\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_records\" }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/domains/{{domain-name}}/serviceConfigurationRecords\n```\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"get_users\" }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/groups/{{id}}/members/microsoft.graph.user\n```\n"
    );
    let p = page("v1.0/api/domain-list-serviceconfigurationrecords.md", &text);
    let endpoints: Vec<(&str, Vec<&str>)> = p
        .endpoints
        .iter()
        .map(|e| {
            (
                e.path.as_str(),
                e.parameters.iter().map(|p| p.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        endpoints,
        [
            (
                "/domains/{domain-name}/serviceConfigurationRecords",
                vec!["domain-name"]
            ),
            ("/groups/{id}/members/microsoft.graph.user", vec!["id"]),
        ]
    );
    let warned: Vec<(Code, u32)> = p
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line))
        .filter(|(c, _)| *c == Code::SampleInPath)
        .collect();
    assert_eq!(warned, [(Code::SampleInPath, 14)], "the request line");
}

#[test]
fn a_resource_page_that_only_points_elsewhere_names_that_model() {
    // teamscatalogapp.md (2019, 2020) reads, after its title, only "see
    // [teamsApp](teamsapp.md)."; teamsapp-list.md and teamsapp-publish.md
    // still return "[teamsCatalogApp](../resources/teamsapp.md) objects".
    // Their responses were an empty model, and both examples failed it.
    let team_app = "---\ntitle: \"teamsApp resource type\"\n---\n# teamsApp resource type\n\nNamespace: microsoft.graph\n\nAn app.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | string | The id. |\n| displayName | string | The name. |\n";
    let catalog_app = "---\ntitle: \"teamsCatalogApp resource type\"\n---\n# teamsCatalogApp resource type\n\nNamespace: microsoft.graph\n\nsee [teamsApp](teamsapp.md).\n";
    let catalog = "---\ntitle: \"appCatalogs resource type\"\n---\n# appCatalogs resource type\n\nNamespace: microsoft.graph\n\nThe catalogs.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| teamsApps | [teamsCatalogApp](teamsapp.md) collection | The apps. |\n";
    let list = format!(
        "---\ntitle: \"List apps\"\n---\n# List apps\n\nLists apps.\n\n{PERMISSIONS}\
         ## HTTP request\n\n```http\nGET /appCatalogs/teamsApps\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a list of [teamsCatalogApp](../resources/teamsapp.md) objects in the response body.\n"
    );
    // A pointer to a resource this tree does not document keeps the
    // empty model, as before.
    let lost = "---\ntitle: \"oldThing resource type\"\n---\n# oldThing resource type\n\nNamespace: microsoft.graph\n\nSee newThing.\n";
    let ir = tree(&[
        ("v1.0/resources/teamsapp.md", team_app),
        ("v1.0/resources/teamscatalogapp.md", catalog_app),
        ("v1.0/resources/appcatalogs.md", catalog),
        ("v1.0/resources/oldthing.md", lost),
        ("v1.0/api/teamsapp-list.md", &list),
    ]);
    assert_eq!(
        operations(&ir),
        [("List apps", Some("microsoft.graph.teamsApp"), 1)]
    );
    let names: Vec<&str> = ir.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.appCatalogs",
            "microsoft.graph.oldThing",
            "microsoft.graph.teamsApp"
        ]
    );
    let apps = &ir.models[0].properties[0];
    assert_eq!(
        (apps.type_name.as_str(), apps.collection),
        ("microsoft.graph.teamsApp", true)
    );
    let said: Vec<(&str, &str)> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ResourceEmpty)
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "v1.0/resources/oldthing.md",
                "resource page gives no properties, only a pointer to `microsoft.graph.newThing`; where this version documents that, the name stands for it"
            ),
            (
                "v1.0/resources/teamscatalogapp.md",
                "resource page gives no properties, only a pointer to `microsoft.graph.teamsApp`; where this version documents that, the name stands for it"
            ),
        ]
    );
}

#[test]
fn a_task_request_under_its_http_request_heading_is_its_response_example_request() {
    // driveitem-list-thumbnails.md (2020): "## Getting thumbnails while
    // listing DriveItems", then "### HTTP request" with a block annotated
    // `request` (`GET .../children?$expand=thumbnails`), then "###
    // Response". The response had no request, so it stayed with the
    // thumbnails when the page left the children endpoint to
    // driveitem-list-children.md, and reported a conflict of thumbnailSet
    // and driveItem there.
    let thumbnails = format!(
        "# List thumbnails for a DriveItem\n\n{PERMISSIONS}## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /drives/{{drive-id}}/items/{{item-id}}/thumbnails\nGET /me/drive/items/{{item-id}}/thumbnails\nGET /users/{{user-id}}/drive/items/{{item-id}}/thumbnails\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [thumbnailSet](../resources/thumbnailset.md) objects in the response body.\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"enum-item-thumbnails\" }} -->\n```http\nGET /me/drive/items/{{item-id}}/thumbnails\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.thumbnailSet)\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": [{{\"id\": \"0\"}}]}}\n```\n\n\
         ## Getting thumbnails while listing DriveItems\n\n### HTTP request\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"get-thumbnail-while-listing\" }} -->\n```http\nGET /me/drive/items/{{item-id}}/children?$expand=thumbnails\n```\n\n\
         ### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.driveItem)\", \"truncated\": true }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": [{{\"id\": \"1\"}}]}}\n```\n"
    );
    let children = format!(
        "# List children of a driveItem\n\n{PERMISSIONS}## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /drives/{{drive-id}}/items/{{item-id}}/children\nGET /me/drive/items/{{item-id}}/children\nGET /users/{{user-id}}/drive/items/{{item-id}}/children\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [driveItem](../resources/driveitem.md) objects in the response body.\n"
    );
    let p = page("v1.0/api/driveitem-list-thumbnails.md", &thumbnails);
    let urls: Vec<Option<&str>> = p
        .examples
        .iter()
        .map(|e| e.request.as_ref().map(|r| r.url.as_str()))
        .collect();
    assert_eq!(
        urls,
        [
            Some("/me/drive/items/{item-id}/thumbnails"),
            Some("/me/drive/items/{item-id}/children?$expand=thumbnails"),
        ]
    );
    let ir = tree(&[
        ("v1.0/api/driveitem-list-thumbnails.md", &thumbnails),
        ("v1.0/api/driveitem-list-children.md", &children),
    ]);
    let op = |title: &str| {
        ir.operations
            .iter()
            .find(|o| o.title == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    let listing = op("List children of a driveItem");
    let requested = |o: &codegen::ir::Operation| -> Vec<String> {
        o.examples
            .iter()
            .filter_map(|e| Some(e.request.as_ref()?.url.clone()))
            .collect()
    };
    assert_eq!(
        requested(listing),
        ["/me/drive/items/{item-id}/children?$expand=thumbnails"],
        "the listing's example moved with its endpoint"
    );
    let thumbnail_sets = op("List thumbnails for a DriveItem");
    assert_eq!(
        requested(thumbnail_sets),
        ["/me/drive/items/{item-id}/thumbnails"]
    );
    assert_eq!(
        thumbnail_sets.response.type_name.as_deref(),
        Some("microsoft.graph.thumbnailSet")
    );
    assert!(thumbnail_sets.response.other_types.is_empty());
    assert!(
        !ir.diagnostics
            .iter()
            .any(|d| d.code == Code::ConflictingFacts),
        "{:#?}",
        ir.diagnostics
    );
}

#[test]
fn an_example_request_to_another_host_says_so() {
    // driveitem-createuploadsession.md (2020) creates the session, then
    // PUTs the bytes to the upload URL it gave: no Graph endpoint, and the
    // warning says why rather than "matches no endpoint".
    let text = format!(
        "# Create upload session\n\n{PERMISSIONS}## HTTP request\n\n```http\nPOST /me/drive/items/{{itemId}}/createUploadSession\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and an [uploadSession](../resources/uploadsession.md) object in the response body.\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"upload-fragment\" }} -->\n```http\nPUT https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337\nContent-Length: 26\n\n<bytes 0-25 of the file>\n```\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"wrong-method\" }} -->\n```http\nPATCH https://graph.microsoft.com/v1.0/me/drive/items/{{itemId}}/createUploadSession\n```\n"
    );
    let ir = tree(&[("v1.0/api/driveitem-createuploadsession.md", &text)]);
    let said: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleUnmatched)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        said,
        [
            "example request `PUT https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337` goes to another host than Graph (an upload or callback URL); it is no operation's example",
            "example request `PATCH https://graph.microsoft.com/v1.0/me/drive/items/{itemId}/createUploadSession` matches no endpoint on this page",
        ]
    );
}

#[test]
fn an_ignored_example_request_still_says_what_its_example_asks() {
    // opentypeextension-post-opentypeextension.md (2020) marks every
    // example request `ignored`. Its first example creates a message with
    // an extension (POST /me/messages, another page's endpoint); the
    // second adds one to an existing message. With no requests kept, the
    // message answering the first decided the type of
    // `POST .../extensions`. An ignored response stays out (team-clone.md
    // annotates a bodiless `202` as a `team`).
    let text = format!(
        "# Create open extension\n\n{PERMISSIONS}## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPOST /me/messages/{{id}}/extensions\nPOST /groups/{{id}}/extensions\n```\n\n\
         ## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n\
         ## Example\n\n### Request 1\n\n<!-- {{ \"blockType\": \"ignored\", \"name\": \"post_opentypeextension_1\" }} -->\n\
         ```http\nPOST https://graph.microsoft.com/v1.0/me/messages\nContent-Type: application/json\n\n{{\"subject\": \"Annual review\"}}\n```\n\n\
         ### Response 1\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.message\" }} -->\n\
         ```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{{\"subject\": \"Annual review\"}}\n```\n\n\
         ### Request 2\n\n<!-- {{ \"blockType\": \"ignored\", \"name\": \"post_opentypeextension_2\" }} -->\n\
         ```http\nPOST https://graph.microsoft.com/v1.0/me/messages/AAMkAGE1M2IyNGNm===/extensions\nContent-Type: application/json\n\n{{\"extensionName\": \"Com.Contoso.Referral\"}}\n```\n\n\
         ### Response 2\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.openTypeExtension\" }} -->\n\
         ```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{{\"extensionName\": \"Com.Contoso.Referral\"}}\n```\n\n\
         ### Request 3\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/groups/37df2ff0/extensions\n```\n\n\
         ### Response 3\n\n<!-- {{ \"blockType\": \"ignored\", \"@odata.type\": \"microsoft.graph.team\" }} -->\n\
         ```http\nHTTP/1.1 202 Accepted\nLocation: /teams(x)/operations(y)\n```\n"
    );
    let p = page(
        "v1.0/api/opentypeextension-post-opentypeextension.md",
        &text,
    );
    let kept: Vec<(Option<&str>, Option<u16>)> = p
        .examples
        .iter()
        .map(|e| {
            (
                e.request.as_ref().map(|r| r.method.as_str()),
                e.response.as_ref().and_then(|r| r.status),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            (Some("POST"), Some(201)),
            (Some("POST"), Some(201)),
            (Some("POST"), None),
        ]
    );
    let ir = tree(&[(
        "v1.0/api/opentypeextension-post-opentypeextension.md",
        &text,
    )]);
    assert_eq!(
        operations(&ir),
        [(
            "Create open extension",
            Some("microsoft.graph.openTypeExtension"),
            2
        )]
    );
}

#[test]
fn primitive_responses_are_checked_against_their_wrapper() {
    // group-getmembergroups.md (2020) answers a String collection; the
    // Intune autodiscovery check a Boolean. Their examples were "could not
    // be checked" (no model); the builders return `Page<String>` and
    // `Primitive<bool>`, which the examples now round-trip through.
    let page = |title: &str, method: &str, path: &str, returns: &str, body: &str| {
        format!(
            "# {title}\n\n{PERMISSIONS}## HTTP request\n\n```http\n{method} {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and {returns} in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n```http\n{method} https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let groups = page(
        "getMemberGroups",
        "POST",
        "/groups/{id}/getMemberGroups",
        "a String collection",
        r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)", "value": ["fee2c45b", "4fe90ae7"]}"#,
    );
    let verify = page(
        "verifyWindowsEnrollmentAutoDiscovery",
        "GET",
        "/deviceManagement/verifyWindowsEnrollmentAutoDiscovery(domainName='{domainName}')",
        "a Boolean",
        r#"{"value": "yes"}"#,
    );
    let ir = tree(&[
        ("v1.0/api/group-getmembergroups.md", &groups),
        ("v1.0/api/verifywindowsenrollmentautodiscovery.md", &verify),
    ]);
    let checks = codegen::ir::example_check::check(&ir);
    type Verdict = Result<serde_json::Value, Vec<String>>;
    let verdicts: Vec<(&str, bool, Verdict)> = checks
        .primitives
        .iter()
        .map(|c| (c.type_name, c.collection, c.verdict.clone()))
        .collect();
    assert_eq!(
        verdicts,
        [
            (
                "Edm.Boolean",
                false,
                Err(vec![
                    "`value`: expected a boolean (`Edm.Boolean`), found a string".to_string()
                ])
            ),
            (
                "Edm.String",
                true,
                Ok(serde_json::json!({"value": ["fee2c45b", "4fe90ae7"]}))
            ),
        ]
    );
    assert!(checks.skipped.is_empty());
    let files = codegen::emit::generate(&ir).expect("the crate generates");
    let tests = &files
        .iter()
        .find(|f| f.path == "tests/examples.rs")
        .expect("the examples' tests")
        .contents;
    assert!(
        tests.contains("graph_generated::request::Page<::std::string::String>"),
        "{tests}"
    );
    assert!(
        !tests.contains("Primitive<bool>"),
        "a failing example is no test"
    );
}

#[test]
fn a_body_under_another_content_type_is_text_not_broken_json() {
    // teamsapp-publish.md (2020) posts "[Zip file containing a Teams app
    // package]" as application/zip; it was reported as JSON that failed
    // to parse (D0303). A JSON body that fails still is.
    let text = format!(
        "# Publish teamsapp\n\n{PERMISSIONS}## HTTP request\n\n```http\nPOST /appCatalogs/teamsApps\n```\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"zip\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/appCatalogs/teamsApps\nContent-type: application/zip\n\n[Zip file containing a Teams app package]\n```\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"json\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/appCatalogs/teamsApps\nContent-type: application/json\n\n[Zip file containing a Teams app package]\n```\n"
    );
    let p = page("v1.0/api/teamsapp-publish.md", &text);
    let bodies: Vec<bool> = p
        .examples
        .iter()
        .map(|e| {
            matches!(
                e.request.as_ref().and_then(|r| r.body.as_ref()),
                Some(Body::Text(_))
            )
        })
        .collect();
    assert_eq!(bodies, [true, true]);
    let invalid: Vec<u32> = p
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::JsonInvalid)
        .map(|d| d.line)
        .collect();
    assert_eq!(invalid.len(), 1, "{:#?}", p.diagnostics);
    assert!(invalid[0] > 20, "the JSON one, not the zip: {invalid:?}");
}

/// An API page with one request line and one example request.
fn action_page(title: &str, request_line: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n{PERMISSIONS}\
         ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{request_line}\n```\n\n## Example\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"an_example\" }} -->\n```http\n{example}\n```\n"
    )
}

#[test]
fn a_request_line_with_the_wrong_method_takes_its_examples_when_the_title_agrees() {
    // application-delete-owners.md: "Remove owner", written as a POST; its
    // example sends DELETE.
    let owners = action_page(
        "Remove owner",
        "POST /applications/{id}/owners/{id}/$ref",
        "DELETE https://graph.microsoft.com/v1.0/applications/a1/owners/o1/$ref",
    );
    // projectrome-delete-historyitem.md: "Delete a historyItem", written as
    // a DELETE; its example sends PUT. The title backs the request line.
    let history = action_page(
        "Delete a historyItem",
        "DELETE /me/activities/{id}/historyItems/{id}",
        "PUT https://graph.microsoft.com/v1.0/me/activities/a1/historyItems/h1",
    );
    // No verb in the title: nothing to decide by.
    let neither = action_page(
        "Sharing links",
        "POST /shares/{id}/permission/grant",
        "GET https://graph.microsoft.com/v1.0/shares/s1/permission/grant",
    );
    let ir = tree(&[
        ("v1.0/api/application-delete-owners.md", &owners),
        ("v1.0/api/projectrome-delete-historyitem.md", &history),
        ("v1.0/api/permission-grant.md", &neither),
    ]);
    let method_of = |path: &str| {
        ir.operations
            .iter()
            .find(|o| o.endpoints.iter().any(|e| e.path == path))
            .map(|o| o.endpoints[0].method.as_str())
    };
    assert_eq!(
        method_of("/applications/{id}/owners/{id}/$ref"),
        Some("DELETE")
    );
    assert_eq!(
        method_of("/me/activities/{id}/historyItems/{id}"),
        Some("DELETE")
    );
    assert_eq!(method_of("/shares/{id}/permission/grant"), Some("POST"));
    let taken: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MethodFromExamples)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(taken, ["v1.0/api/application-delete-owners.md"]);
    // The remove takes no body, as a DELETE does not.
    let remove = ir
        .operations
        .iter()
        .find(|o| {
            o.endpoints[0].method == "DELETE" && o.endpoints[0].path.starts_with("/applications")
        })
        .expect("the remove");
    assert!(
        remove.request_body.type_name.is_none(),
        "{:?}",
        remove.request_body
    );
    assert_eq!(remove.request_body.kind, codegen::ir::BodyKind::None);
}

#[test]
fn request_lines_that_stop_at_the_collection_take_the_key_their_examples_add() {
    // swapshiftschangerequest-get.md (2020): "Get swapShiftsChangeRequest"
    // writes the list page's path; its example gets one item. Taken as
    // written, it merged into the list's operation.
    let get = action_page(
        "Get swapShiftsChangeRequest",
        "GET /teams/{teamId}/schedule/swapShiftsChangeRequests",
        "GET https://graph.microsoft.com/v1.0/teams/{teamId}/schedule/swapShiftsChangeRequests/{swapShiftsChangeRequestId}",
    );
    let list = action_page(
        "List swapShiftsChangeRequest",
        "GET /teams/{teamId}/schedule/swapShiftsChangeRequests",
        "GET https://graph.microsoft.com/v1.0/teams/{teamId}/schedule/swapShiftsChangeRequests",
    );
    // educationschool-get.md: three list paths and an example by key. Every
    // line takes the key: one left as written tied the page to a list.
    let school = action_page(
        "Get educationSchool",
        "GET /education/schools\nGET /education/me/schools\nGET /education/users/{id}/schools/{schoolId}",
        "GET https://graph.microsoft.com/v1.0/education/schools/10001",
    );
    // A list whose example gets one item, and a get whose example's extra
    // segment is a word: the lines stand.
    let listed = action_page(
        "List contracts",
        "GET /contracts",
        "GET https://graph.microsoft.com/v1.0/contracts/{contract-id}",
    );
    let worded = action_page(
        "Get delta of groups",
        "GET /groups",
        "GET https://graph.microsoft.com/v1.0/groups/delta",
    );
    // workforceintegration-update.md (2020): one example patches the
    // collection as the line does, the other one item. Graph never patches
    // a collection; a get may list, so a get's line stands.
    let two_examples = |title: &str, method: &str, path: &str| {
        let example = |n: u32, url: &str| {
            format!(
                "<!-- {{ \"blockType\": \"request\", \"name\": \"e{n}\" }} -->\n```http\n{method} https://graph.microsoft.com/v1.0{url}\n```\n\n"
            )
        };
        format!(
            "# {title}\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{method} {path}\n```\n\n## Example\n\n{}{}",
            example(1, path),
            example(2, &format!("{path}/{{itemId}}"))
        )
    };
    let update = two_examples(
        "Update workforceIntegration",
        "PATCH",
        "/teamwork/workforceIntegrations",
    );
    let mixed_get = two_examples("Get channels", "GET", "/teams/{id}/channels");
    let ir = tree(&[
        ("v1.0/api/swapshiftschangerequest-get.md", &get),
        ("v1.0/api/swapshiftschangerequest-list.md", &list),
        ("v1.0/api/educationschool-get.md", &school),
        ("v1.0/api/contract-list.md", &listed),
        ("v1.0/api/group-delta.md", &worded),
        ("v1.0/api/workforceintegration-update.md", &update),
        ("v1.0/api/channel-get.md", &mixed_get),
    ]);
    let paths_of = |title: &str| -> Vec<&str> {
        let op = ir
            .operations
            .iter()
            .find(|o| o.title == title)
            .unwrap_or_else(|| panic!("an operation titled {title}"));
        op.endpoints.iter().map(|e| e.path.as_str()).collect()
    };
    assert_eq!(
        paths_of("Get swapShiftsChangeRequest"),
        ["/teams/{teamId}/schedule/swapShiftsChangeRequests/{swapShiftsChangeRequestId}"]
    );
    assert_eq!(
        paths_of("List swapShiftsChangeRequest"),
        ["/teams/{teamId}/schedule/swapShiftsChangeRequests"]
    );
    // A sample key is named `id`; a line already at a key stays.
    assert_eq!(
        paths_of("Get educationSchool"),
        [
            "/education/schools/{id}",
            "/education/me/schools/{id}",
            "/education/users/{id}/schools/{schoolId}"
        ]
    );
    assert_eq!(paths_of("List contracts"), ["/contracts"]);
    assert_eq!(paths_of("Get delta of groups"), ["/groups"]);
    assert_eq!(
        paths_of("Update workforceIntegration"),
        ["/teamwork/workforceIntegrations/{itemId}"]
    );
    assert_eq!(paths_of("Get channels"), ["/teams/{id}/channels"]);
    let parameters: Vec<&str> = ir
        .operations
        .iter()
        .find(|o| o.title == "Get swapShiftsChangeRequest")
        .map(|o| {
            o.endpoints[0]
                .parameters
                .iter()
                .map(|p| p.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(parameters, ["teamId", "swapShiftsChangeRequestId"]);
    let said: Vec<(&str, u32)> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::KeyFromExamples)
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        said.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        [
            "v1.0/api/educationschool-get.md",
            "v1.0/api/swapshiftschangerequest-get.md",
            "v1.0/api/workforceintegration-update.md"
        ]
    );
    assert!(said.iter().all(|(_, line)| *line > 1), "{said:?}");
}

#[test]
fn a_list_whose_every_example_answers_with_the_collection_envelope_answers_a_collection() {
    // swapshiftschangerequest-list.md (2020): "returns ... the requested
    // swapShiftsChangeRequest object", an annotation without
    // `isCollection`, and `{"value": [...]}` in its example.
    let page = |title: &str, path: &str, annotation: &str, body: &str| {
        format!(
            "# {title}\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and the requested [swapShiftsChangeRequest](../resources/swapshiftschangerequest.md) object in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.swapShiftsChangeRequest\"{annotation} }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let envelope = r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#;
    let list = page(
        "List swapShiftsChangeRequest",
        "/teams/t1/requests",
        "",
        envelope,
    );
    // The same answer on a page that gets one item (signin-get.md shows a
    // list under "Get signIn"), on a list whose annotation says it is one
    // item, and a list whose answer has more than the envelope.
    let get = page("Get signIn", "/auditLogs/signIns", "", envelope);
    let one = page(
        "List schedule",
        "/teams/t1/schedule",
        ", \"isCollection\": false",
        envelope,
    );
    let more = page(
        "List usage",
        "/reports/usage",
        "",
        r#"{"value": [{"id": "1"}], "total": 1}"#,
    );
    let ir = tree(&[
        ("v1.0/api/swapshiftschangerequest-list.md", &list),
        ("v1.0/api/signin-get.md", &get),
        ("v1.0/api/schedule-list.md", &one),
        ("v1.0/api/usage-list.md", &more),
    ]);
    let collection = |title: &str| {
        ir.operations
            .iter()
            .find(|o| o.title == title)
            .map(|o| o.response.collection)
    };
    assert_eq!(collection("List swapShiftsChangeRequest"), Some(true));
    assert_eq!(collection("Get signIn"), Some(false));
    assert_eq!(collection("List schedule"), Some(false));
    assert_eq!(collection("List usage"), Some(false));
}

#[test]
fn a_query_parameter_table_counts_on_a_page_that_says_nothing_of_odata() {
    // driveitem-get-content-format.md (2020): "## Query parameters" lists
    // `format` and says nothing of OData's options; the parameter was lost
    // with them.
    let text = format!(
        "# Download a file in another format\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /drive/items/{{item-id}}/content?format={{format}}\n```\n\n\
         ## Query parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| _format_ | string | Specify the format the item's content should be downloaded as. |\n"
    );
    let ir = tree(&[("v1.0/api/driveitem-get-content-format.md", &text)]);
    let options = &ir.operations[0].query_options;
    assert_eq!(options.support, codegen::ir::QuerySupport::Unstated);
    let names: Vec<(&str, &str)> = options
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str()))
        .collect();
    assert_eq!(names, [("format", "string")]);
}

#[test]
fn a_get_whose_every_example_answers_one_object_answers_one_whatever_its_prose_says() {
    // itemanalytics-get.md (2020): "a collection of [itemAnalytics]
    // object" over one itemAnalytics.
    let page = |title: &str, path: &str, example: &str| {
        format!(
            "# {title}\n\n{PERMISSIONS}## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [itemAnalytics](../resources/itemanalytics.md) object in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"@type\": \"microsoft.graph.itemAnalytics\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n{example}\n```\n"
        )
    };
    let one = page(
        "Get itemAnalytics",
        "/drives/d1/items/i1/analytics",
        "\n{\"allTime\": {\"access\": {\"actionCount\": 1}}}",
    );
    // A get without a body to show, and a list that shows one object:
    // the prose stands.
    let bodiless = page("Get analytics of a site", "/sites/s1/analytics", "");
    let listed = page(
        "List offerShiftRequest",
        "/teams/t1/schedule/offerShiftRequests",
        "\n{\"id\": \"1\"}",
    );
    let ir = tree(&[
        ("v1.0/api/itemanalytics-get.md", &one),
        ("v1.0/api/site-analytics.md", &bodiless),
        ("v1.0/api/offershiftrequest-list.md", &listed),
    ]);
    let collection = |title: &str| {
        ir.operations
            .iter()
            .find(|o| o.title == title)
            .map(|o| o.response.collection)
    };
    assert_eq!(collection("Get itemAnalytics"), Some(false));
    assert_eq!(collection("Get analytics of a site"), Some(true));
    assert_eq!(collection("List offerShiftRequest"), Some(true));
}

#[test]
fn a_front_matter_description_cut_from_the_intro_s_tail_gives_way_to_the_intro() {
    let page = |description: &str, intro: &str| {
        format!(
            "---\ntitle: \"T\"\ndescription: \"{description}\"\ndoc_type: apiPageType\n---\n# T\n\nNamespace: microsoft.graph\n\n{intro}\n\n\
             {PERMISSIONS}## HTTP request\n\n```http\nPOST /workbook/worksheets/add\n```\n"
        )
    };
    let described = |description: &str, intro: &str| {
        let p = codegen::parse::Loader::memory(
            [("v1.0/api/x.md".to_string(), page(description, intro))].into(),
        )
        .parse_page("v1.0/api/x.md");
        p.description.unwrap_or_default()
    };
    // worksheetcollection-add.md (2020): the tail after a `.`.
    let intro = "Adds a new worksheet to the workbook. If you wish to activate the newly added worksheet, call .activate() on it.";
    assert_eq!(described(".activate() on it.", intro), intro);
    // eventmessage-get.md: the tail after a `$`, with emphasis the
    // paragraph's text no longer has.
    let intro = "Get the eventMessage object. Apply the $expand parameter on the **event** navigation property.";
    assert_eq!(
        described("expand parameter on the **event** navigation property.", intro),
        "Get the eventMessage object. Apply the $expand parameter on the event navigation property."
    );
    // A description of its own stays, even one the intro repeats, or one
    // that starts with a type's name.
    assert_eq!(
        described("Adds a worksheet.", "Adds a new worksheet to the workbook."),
        "Adds a worksheet."
    );
    assert_eq!(
        described("intuneBrand contains data.", "intuneBrand contains data."),
        "intuneBrand contains data."
    );
    assert_eq!(
        described("worksheet tools.", "Tools. Adds a new worksheet."),
        "worksheet tools."
    );
}

#[test]
fn a_permission_name_a_space_split_is_joined_as_other_pages_write_it() {
    // directory-deleteditems-get.md (2019, 2020): `Directory
    // AccessAsUser.All`, a dot lost; intune-shared-devicecategory-create.md:
    // `DeviceManagementManaged Devices.ReadWrite.All`, a space inside the
    // name. Other pages of the version write both names whole. `Contoso
    // Widget.Read` has no such page: the first word is skipped text.
    let page = |title: &str, cell: &str, path: &str| {
        format!(
            "# {title}\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|{cell}|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n\
             ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET {path}\n```\n"
        )
    };
    let whole = page(
        "List things",
        "Directory.AccessAsUser.All, DeviceManagementManagedDevices.ReadWrite.All",
        "/things",
    );
    let split = page(
        "Get deleted item",
        "User.Read.All, Directory AccessAsUser.All, DeviceManagementManaged Devices.ReadWrite.All, Contoso Widget.Read",
        "/directory/deletedItems/{id}",
    );
    let ir = tree(&[
        ("v1.0/api/thing-list.md", &whole),
        ("v1.0/api/directory-deleteditems-get.md", &split),
    ]);
    let op = ir
        .operations
        .iter()
        .find(|o| o.endpoints[0].path == "/directory/deletedItems/{id}")
        .expect("the operation");
    let SchemePermissions::Listed { least, higher } = &op.permissions[0].delegated_work else {
        panic!("listed permissions: {:?}", op.permissions);
    };
    assert_eq!(least, &["User.Read.All"]);
    assert_eq!(
        higher,
        &[
            "Directory.AccessAsUser.All",
            "DeviceManagementManagedDevices.ReadWrite.All",
            "Widget.Read"
        ]
    );
    let said: Vec<(Code, &str)> = ir
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("directory-deleteditems-get.md"))
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(
        said.iter()
            .filter(|(c, _)| *c == Code::PermissionNameSplit)
            .count(),
        2,
        "{said:?}"
    );
    assert!(
        said.contains(&(
            Code::PermissionNameOdd,
            "skipped `Contoso` in the Delegated (work or school account) permission cell"
        )),
        "{said:?}"
    );
}

#[test]
fn bulleted_permissions_with_no_scheme_take_the_schemes_other_pages_list_them_under() {
    // attachment-get.md (2019, 2020) and profilephoto-update.md: bulleted
    // cases, no table, no scheme. Another page lists `Mail.Read` under
    // delegated work and application, `User.ReadWrite` under both
    // delegated schemes; nothing lists `Widget.Read`.
    let table = "# List messages\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
        |Delegated (work or school account)|Mail.Read, User.ReadWrite|\n|Delegated (personal Microsoft account)|User.ReadWrite|\n|Application|Mail.Read|\n\n\
        ## HTTP request\n\n```http\nGET /me/messages\n```\n";
    let bullets = "# Get attachment\n\n## Permissions\n\nOne of the following permissions is required to call this API.\n\n\
        * If accessing attachments in messages: Mail.Read.\n\
        * Profile photo of the signed-in **user** - User.ReadWrite, Mail.Read\n\
        * If accessing widgets: Widget.Read\n\
        * Any other reader needs an admin to consent.\n\n\
        ## HTTP request\n\n```http\nGET /me/messages/{id}/attachments/{id}\n```\n";
    let ir = tree(&[
        ("v1.0/api/user-list-messages.md", table),
        ("v1.0/api/attachment-get.md", bullets),
    ]);
    let op = ir
        .operations
        .iter()
        .find(|o| o.endpoints[0].path == "/me/messages/{id}/attachments/{id}")
        .expect("the operation");
    let listed = |names: &[&str]| SchemePermissions::Listed {
        least: names[..1].iter().map(|s| s.to_string()).collect(),
        higher: names[1..].iter().map(|s| s.to_string()).collect(),
    };
    let unknown = SchemePermissions::unknown();
    let sets: Vec<(Option<&str>, [&SchemePermissions; 3])> = op
        .permissions
        .iter()
        .map(|s| {
            (
                s.scope.as_deref(),
                [&s.delegated_work, &s.delegated_personal, &s.application],
            )
        })
        .collect();
    assert_eq!(
        sets,
        [
            (
                Some("If accessing attachments in messages"),
                [&listed(&["Mail.Read"]), &unknown, &listed(&["Mail.Read"])]
            ),
            (
                Some("Profile photo of the signed-in user"),
                [
                    &listed(&["User.ReadWrite", "Mail.Read"]),
                    &listed(&["User.ReadWrite"]),
                    &listed(&["Mail.Read"])
                ]
            ),
            (Some("If accessing widgets"), [&unknown, &unknown, &unknown]),
        ]
    );
    let said: Vec<(Code, u32)> = ir
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("attachment-get.md"))
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        said,
        [
            (Code::PermissionSchemeInferred, 7),
            (Code::PermissionSchemeInferred, 8),
            (Code::PermissionSchemeInferred, 9)
        ],
        "one note per case, and no D0205: {:?}",
        ir.diagnostics
    );
}

#[test]
fn a_request_line_that_lost_a_brace_is_read_with_it_put_back() {
    // driveitem-follow.md (2020): the group line lost a `}`.
    let text = "# Follow drive item\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
                ```http\nPOST /drives/{drive-id}/items/{item-id}/follow\nPOST /groups/{group-id/drive/items/{item-id}/follow\n```\n";
    let p = page("v1.0/api/driveitem-follow.md", text);
    let paths: Vec<&str> = p.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/drives/{drive-id}/items/{item-id}/follow",
            "/groups/{group-id}/drive/items/{item-id}/follow"
        ]
    );
    let codes: Vec<Code> = p
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| matches!(c, Code::PathNoise | Code::PathRepaired))
        .collect();
    assert_eq!(codes, [Code::PathRepaired]);
}

#[test]
fn the_body_of_a_whole_message_under_an_http_request_heading_is_no_request_line() {
    // driveitem-invite.md (2020): the example's "### HTTP request" holds
    // the whole request; its body's `],` was warned of as a request line.
    let text = "# Send a sharing invitation\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
                ```http\nPOST /drives/{drive-id}/items/{item-id}/invite\n```\n\n## Example\n\n### HTTP request\n\n\
                ```json\nPOST /me/drive/items/{item-id}/invite\nContent-type: application/json\n\n\
                {\n  \"recipients\": [\n    {\"email\": \"ryan@contoso.com\"}\n  ],\n  \"roles\": [ \"write\" ]\n}\n```\n";
    let p = page("v1.0/api/driveitem-invite.md", text);
    let paths: Vec<&str> = p.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/drives/{drive-id}/items/{item-id}/invite",
            "/me/drive/items/{item-id}/invite"
        ]
    );
    let noise: Vec<&str> = p
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PathNoise)
        .map(|d| d.message.as_str())
        .collect();
    assert!(noise.is_empty(), "{noise:?}");
}

#[test]
fn a_conjunction_between_request_lines_is_no_noise() {
    // user-list-memberof.md (2020) writes "or" between its two paths.
    let text = "# List memberOf\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
                ```http\nGET /me/memberOf\nor\nGET /users/{id | userPrincipalName}/memberOf\n```\n";
    let p = page("v1.0/api/user-list-memberof.md", text);
    assert_eq!(p.endpoints.len(), 2);
    assert!(
        !p.diagnostics.iter().any(|d| d.code == Code::PathNoise),
        "{:?}",
        p.diagnostics
    );
}

#[test]
fn code_in_a_programming_language_holds_no_request_lines() {
    // shares-get.md (2020): "As an example, to encode a URL in C#:",
    // inside the HTTP request section.
    let text = "# Access shared items\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
                ```http\nGET /shares/{shareIdOrEncodedSharingUrl}\n```\n\n### Encoding sharing URLs\n\n\
                ```csharp\nstring base64Value = System.Convert.ToBase64String(bytes);\nGET /not/a/request\n```\n";
    let p = page("v1.0/api/shares-get.md", text);
    let paths: Vec<&str> = p.endpoints.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/shares/{shareIdOrEncodedSharingUrl}"]);
    assert!(
        !p.diagnostics.iter().any(|d| d.code == Code::PathNoise),
        "{:?}",
        p.diagnostics
    );
}

#[test]
fn a_json_body_under_a_stream_is_no_example_of_it() {
    // driveitem-get-content.md (beta, modern pages): the download returns
    // a stream; a later section shows `GET /drive/items/{item-ID}?select=`
    // and its JSON, which answers a read of the item, not the download.
    let text = "# Download driveItem content\n\n## HTTP request\n\n```http\nGET /drive/items/{item-id}/content\n```\n\n\
        ## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"partial\" } -->\n```http\nGET /drive/items/1/content\n```\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"stream\" } -->\n```http\nHTTP/1.1 206 Partial Content\n\n<bytes>\n```\n\n\
        ### Select the URL\n\n```http\nGET /drive/items/{item-ID}?select=id,@microsoft.graph.downloadUrl\n```\n\n\
        ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"12319191!11919\"}\n```\n";
    let ir = tree(&[("beta/api/driveitem-get-content.md", text)]);
    assert_eq!(
        ir.operations[0].response.type_name.as_deref(),
        Some("Edm.Stream"),
        "{:?}",
        ir.operations[0].response
    );
    let checks = codegen::ir::example_check::check(&ir);
    assert_eq!(
        checks.checked(),
        0,
        "no JSON body is checked against a stream"
    );
    let reasons: Vec<&str> = checks.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        reasons.contains(&"a JSON body, where the operation returns a stream"),
        "{reasons:?}"
    );
}

#[test]
fn a_collection_annotation_types_a_collection() {
    // drive-recent.md (2020): no "If successful" sentence; the response's
    // annotation says `Collection(microsoft.graph.driveItem)` and the body
    // is `{"value": [...]}`. Before, the operation returned one driveItem.
    let text = "# List recent files\n\nLists them.\n\n## HTTP request\n\n```http\nGET /me/drive/recent\n```\n\n\
        ## Response\n\nThis method returns a collection of [DriveItem](../resources/driveitem.md) resources.\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.driveItem)\", \"truncated\": true} -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1312abc!1231\"}]}\n```\n";
    let ir = tree(&[("v1.0/api/drive-recent.md", text)]);
    let response = &ir.operations[0].response;
    assert_eq!(
        (response.type_name.as_deref(), response.collection),
        (Some("microsoft.graph.driveItem"), true)
    );
}

#[test]
fn an_annotation_that_says_one_outranks_prose_that_says_a_collection() {
    // orgcontact-get-manager.md (2020): "a collection of [directoryObject]
    // objects", an annotation with `"isCollection": false` and one manager
    // in the example. Without the annotation, the example's one object
    // still outranks the prose on a "Get" page (see
    // `a_get_whose_every_example_answers_one_object_answers_one_whatever_its_prose_says`,
    // where a get without a body to show keeps its prose).
    let page = |flag: &str| {
        format!(
            "# Get manager\n\n## HTTP request\n\n```http\nGET /contacts/{{id}}/manager\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [directoryObject](../resources/directoryobject.md) objects in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\"{flag} }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"1\"}}\n```\n"
        )
    };
    let collection = |flag: &str| {
        let text = page(flag);
        tree(&[("v1.0/api/orgcontact-get-manager.md", text.as_str())]).operations[0]
            .response
            .collection
    };
    assert!(!collection(", \"isCollection\": false"));
    assert!(!collection(""));
}

/// security-list-securescores.md and signin-list.md (2020): "supports the
/// following OData query parameters", then a list or a table of them. The
/// list's or table's options are the ones supported.
#[test]
fn query_options_listed_or_tabled_after_the_following() {
    let listed = page(
        "v1.0/api/securescores-list.md",
        "# List secureScores\n\n## HTTP request\n\n```http\nGET /security/secureScores\n```\n\n\
         ## Optional query parameters\n\nThis method supports the following [OData query parameters](/graph/query-parameters) to help customize the response:\n\n\
         - `$count`\n- `$filter`\n- `$top` will return the aggregated top results from each security API provider.\n",
    );
    assert_eq!(
        listed.query_options.support,
        codegen::ir::QuerySupport::Named
    );
    assert_eq!(listed.query_options.named, ["$count", "$filter", "$top"]);
    let tabled = page(
        "v1.0/api/signin-list.md",
        "# List signIns\n\n## HTTP request\n\n```http\nGET /auditLogs/signIns\n```\n\n\
         ## Optional query parameters\n\nThis method supports the following OData query parameters to help customize the response.\n\n\
         |Name|Description|\n|:--|:--|\n|[$filter](/graph/query_parameters#filter-parameter)|Filters results (rows).|\n|[$top](/graph/query_parameters#top-parameter)|Sets the page size.|\n",
    );
    assert_eq!(tabled.query_options.named, ["$filter", "$top"]);
}

/// calendar-list-calendarview.md (2020): "provide the following required
/// query parameters", a table of them with their types. Each is a setter
/// of the request; a filter table (signin-list.md's attributes, named by
/// paths) and OData's own options are not.
#[test]
fn an_operations_own_query_parameters_become_setters() {
    let text = "# List calendarView\n\n## HTTP request\n\n```http\nGET /me/calendar/calendarView\n```\n\n\
        ## Query parameters\n\nIn the request URL, provide the following required query parameters with values.\n\n\
        | Parameter | Type | Description |\n|:--|:--|:--|\n\
        | startDateTime | String | The start date and time of the time range. |\n\
        | endDateTime | String | The end date and time of the time range. |\n\
        | $deltatoken | string | OData's, not a parameter of its own. |\n\
        | initiatedBy/user/id | String | A filter attribute. |\n\n\
        This method also supports some of the OData Query Parameters to help customize the response.\n";
    let facts = page("v1.0/api/calendar-list-calendarview.md", text);
    let params: Vec<(&str, &str, bool)> = facts
        .query_options
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str(), p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("startDateTime", "String", true),
            ("endDateTime", "String", true)
        ]
    );
    assert_eq!(facts.query_options.named, ["$deltatoken"]);

    let ir = tree(&[("v1.0/api/calendar-list-calendarview.md", text)]);
    let files = codegen::emit::generate(&ir).unwrap();
    let options: String = common::joined(&files, "src/v1/requests/options");
    assert!(
        options.contains("pub fn start_date_time(self, value: &str) -> Self {"),
        "{options}"
    );
    assert!(options.contains("self.query_param(\"endDateTime\", value)"));
    assert!(options.contains("Sets the `startDateTime` query parameter (String). Required."));
}

/// An example's query and headers go through the builder's typed methods
/// where the builder has them: `$select` as the model's `Field` variants,
/// `$top` as a number, the operation's own parameters and its documented
/// headers by their setters; the rest (an option the page does not
/// support, `$expand` of a path) as it is.
#[test]
fn example_queries_are_sent_through_typed_methods() {
    let event = "---\ntitle: \"event resource type\"\n---\n# event resource type\n\nAn event.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| subject | String | The subject. |\n";
    let view = "---\ntitle: \"List calendarView\"\nms.prod: \"outlook\"\n---\n# List calendarView\n\nLists.\n\n\
        ## HTTP request\n\n```http\nGET /me/calendar/calendarView\n```\n\n\
        ## Query parameters\n\nProvide the following required query parameters.\n\n\
        | Parameter | Type | Description |\n|:--|:--|:--|\n| startDateTime | String | The start. |\n| endDateTime | String | The end. |\n\n\
        This method supports the `$select` and `$top` OData query parameters.\n\n\
        ## Request headers\n\n| Name | Description |\n|:--|:--|\n| Prefer: outlook.timezone | The time zone of the answer. |\n\n\
        ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [event](../resources/event.md) objects in the response body.\n\n\
        ## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"view\" } -->\n```http\n\
        GET https://graph.microsoft.com/v1.0/me/calendar/calendarView?startDateTime=2020-01-01T00:00:00Z&endDateTime=2020-01-02T00:00:00Z&$select=subject,id&$top=5&$orderby=start\nPrefer: outlook.timezone=UTC\n```\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.event\", \"isCollection\": true } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
        {\"value\": [{\"id\": \"1\", \"subject\": \"Standup\"}]}\n```\n";
    // projectrome-put-activity.md (2020): the example's key is percent-
    // encoded in its URL; the builder takes it decoded and encodes it.
    let put = "---\ntitle: \"Create activity\"\nms.prod: \"outlook\"\n---\n# Create activity\n\nCreates.\n\n\
        ## HTTP request\n\n```http\nPUT /me/activities/{appActivityId}\n```\n\n\
        ## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"put\" } -->\n```http\n\
        PUT https://graph.microsoft.com/v1.0/me/activities/%2Farticle%3F12345\nContent-type: application/json\n\n{\"subject\": \"x\"}\n```\n\n\
        <!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    let ir = tree(&[
        ("v1.0/resources/event.md", event),
        ("v1.0/api/calendar-list-calendarview.md", view),
        ("v1.0/api/projectrome-put-activity.md", put),
    ]);
    let files = codegen::emit::generate(&ir).unwrap();
    let e2e = common::file(&files, "tests/e2e.rs");
    for call in [
        ".by_app_activity_id(\"/article?12345\")",
        ".start_date_time(\"2020-01-01T00:00:00Z\")",
        ".end_date_time(\"2020-01-02T00:00:00Z\")",
        "graph_generated::v1::models::EventField::Subject,",
        "graph_generated::v1::models::EventField::Id,",
        ".top(5u32)",
        // A documented header through its setter.
        // ("Prefer: outlook.timezone" in the docs' table).
        ".prefer(\"outlook.timezone=UTC\")",
        // Not an option the page says it supports.
        ".query_param(\"$orderby\", \"start\")",
    ] {
        assert!(e2e.contains(call), "no `{call}` in\n{e2e}");
    }
    // The server sees the query and the path the examples send.
    let (_, e2e_passed) = common::run_builder_and_e2e_tests("typed-query", &files);
    assert_eq!(e2e_passed, 2);
}

#[test]
fn a_conceptual_page_that_gives_nothing_is_a_note_and_any_other_a_warning() {
    // activity-feed-api-overview.md (2020) says it is conceptual: nothing
    // taken from it is what it holds. A page that does not say so and
    // gives nothing may be a page the parser failed on.
    let overview =
        "---\ntitle: \"Activity feed API overview\"\ndoc_type: conceptualPageType\n---\n\
        # Activity feed API overview\n\nThe activity feed API lets Teams apps notify users.\n";
    let unknown = "---\ntitle: \"Something\"\n---\n# Something\n\nProse only.\n";
    let ir = tree(&[
        ("api-reference/v1.0/resources/overview.md", overview),
        ("api-reference/v1.0/resources/something.md", unknown),
    ]);
    let said: Vec<(&str, Code, codegen::diagnostics::Severity)> = ir
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.code, d.severity))
        .collect();
    assert_eq!(
        said,
        [
            (
                "api-reference/v1.0/resources/overview.md",
                Code::ConceptualPage,
                codegen::diagnostics::Severity::Info
            ),
            (
                "api-reference/v1.0/resources/something.md",
                Code::PageGaveNothing,
                codegen::diagnostics::Severity::Warning
            ),
        ]
    );
    assert!(!codegen::diagnostics::has_errors(&ir.diagnostics));

    // In the 2020 tree, every page that gives nothing says it is
    // conceptual, but one overview that says `resourcePageType` (see
    // `an_overview_that_says_resource_page_is_no_model`): its warning is
    // the docs' mislabel.
    let Some(docs) = common::corpus("graph-docs-2020") else {
        return;
    };
    let ir = codegen::load_ir(&docs, "docs");
    let of = |code| -> Vec<&str> {
        let found = ir.diagnostics.iter().filter(|d| d.code == code);
        found.map(|d| d.file.as_str()).collect()
    };
    assert_eq!(
        of(Code::PageGaveNothing),
        ["docs/api-reference/v1.0/resources/threatassessment-api-overview.md"]
    );
    assert_eq!(of(Code::ConceptualPage).len(), 58);
}
