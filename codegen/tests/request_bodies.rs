//! Request bodies given as parameter tables become models of their own:
//! the real pages of `spec/` and the 2020 tree, and cut-down pages for the
//! naming rules (shared, conflicting and clashing names).

mod common;

use codegen::ir::example_check;
use codegen::ir::{BodyKind, Ir, Model, ModelOrigin};
use std::path::Path;

fn action_page(title: &str, method: &str, path: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n# {title}\n\nDoes something.\n\n\
         ## HTTP request\n\n```http\n{method} {path}\n```\n\n\
         ## Request body\n\n{body}\n\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
    )
}

const TABLE_A: &str = "In the request body, provide a JSON object with the following parameters.\n\n\
    | Parameter | Type | Description |\n|:--|:--|:--|\n\
    | addLicenses | [assignedLicense](../resources/assignedlicense.md) collection | Licenses to add. |\n\
    | removeLicenses | Guid collection | Licenses to remove. |\n";

const TABLE_B: &str =
    "In the request body, provide a JSON object with the following parameters.\n\n\
    | Parameter | Type | Description |\n|:--|:--|:--|\n\
    | parentReference | ItemReference | Where the copy goes. |\n\
    | name | String | The new name. Optional. |\n";

const TABLE_C: &str =
    "In the request body, provide a JSON object with the following parameters.\n\n\
    | Parameter | Type | Description |\n|:--|:--|:--|\n\
    | renameAs | String | The new name. |\n";

fn ir(pages: &[(&str, String)]) -> Ir {
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.clone()))
        .collect();
    common::ir_of(&pages)
}

fn body_type<'i>(ir: &'i Ir, path: &str) -> Option<&'i str> {
    ir.operations
        .iter()
        .find(|o| o.endpoints.iter().any(|e| e.path == path))
        .unwrap_or_else(|| panic!("no operation for {path}"))
        .request_body
        .type_name
        .as_deref()
}

fn model<'i>(ir: &'i Ir, name: &str) -> &'i Model {
    ir.models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model {name}"))
}

#[test]
fn an_action_table_becomes_a_model_that_actions_of_one_name_share() {
    let ir = ir(&[
        (
            "v1.0/api/user-assignthing.md",
            action_page(
                "user: assignThing",
                "POST",
                "/users/{id}/assignThing",
                TABLE_A,
            ),
        ),
        (
            "v1.0/api/group-assignthing.md",
            action_page(
                "group: assignThing",
                "POST",
                "/groups/{id}/assignThing",
                TABLE_A,
            ),
        ),
    ]);
    let name = "microsoft.graph.assignThingPostRequestBody";
    assert_eq!(body_type(&ir, "/users/{id}/assignThing"), Some(name));
    assert_eq!(body_type(&ir, "/groups/{id}/assignThing"), Some(name));
    let m = model(&ir, name);
    assert_eq!(m.origin, ModelOrigin::RequestBody);
    let props: Vec<(&str, &str, bool)> = m
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str(), p.collection))
        .collect();
    assert_eq!(
        props,
        [
            ("addLicenses", "microsoft.graph.assignedLicense", true),
            ("removeLicenses", "Edm.Guid", true)
        ]
    );
    assert_eq!(m.sources.len(), 2, "both tables are its sources");
    // The table moved into the model.
    assert!(ir
        .operations
        .iter()
        .all(|o| o.request_body.parameters.is_empty()));
}

#[test]
fn actions_of_one_name_with_different_tables_are_named_by_more_of_their_path() {
    let ir = ir(&[
        (
            "v1.0/api/driveitem-copy.md",
            action_page(
                "driveItem: copy",
                "POST",
                "/drives/{id}/items/{id}/copy",
                TABLE_B,
            ),
        ),
        (
            "v1.0/api/notebook-copy.md",
            action_page(
                "notebook: copy",
                "POST",
                "/me/onenote/notebooks/{id}/copy",
                TABLE_C,
            ),
        ),
    ]);
    assert_eq!(
        body_type(&ir, "/drives/{id}/items/{id}/copy"),
        Some("microsoft.graph.itemsCopyPostRequestBody")
    );
    assert_eq!(
        body_type(&ir, "/me/onenote/notebooks/{id}/copy"),
        Some("microsoft.graph.notebooksCopyPostRequestBody")
    );
    assert!(!ir
        .models
        .iter()
        .any(|m| m.name.ends_with(".copyPostRequestBody")));
}

#[test]
fn a_body_keeps_the_name_the_crate_gave_it_when_a_newcomer_wants_it() {
    use codegen::ir::kept_names::KeptNames;
    let keeping = |pages: &[(&str, String)], kept: &KeptNames| {
        let pages: Vec<(String, String)> = pages
            .iter()
            .map(|(p, t)| (p.to_string(), t.clone()))
            .collect();
        common::ir_keeping(&pages, kept)
    };
    let drive_copy = || {
        (
            "v1.0/api/driveitem-copy.md",
            action_page(
                "driveItem: copy",
                "POST",
                "/drives/{id}/items/{id}/copy",
                TABLE_B,
            ),
        )
    };
    // The crate as it was: one `copy`, whose body is `copyPostRequestBody`.
    let first = keeping(&[drive_copy()], &KeptNames::default());
    let lock = KeptNames::render(&first, "@generated");
    assert!(
        lock.contains("\nv1.0 v1_post_drives_by_id_items_by_id_copy copyPostRequestBody\n"),
        "{lock}"
    );
    // The docs then add a notebook's `copy` with another table, and a
    // site's with the same one.
    let pages = [
        drive_copy(),
        (
            "v1.0/api/notebook-copy.md",
            action_page(
                "notebook: copy",
                "POST",
                "/me/onenote/notebooks/{id}/copy",
                TABLE_C,
            ),
        ),
        (
            "v1.0/api/site-copy.md",
            action_page("site: copy", "POST", "/sites/{id}/copy", TABLE_B),
        ),
    ];
    let kept = KeptNames::read(&lock, "generated/names.lock");
    assert!(kept.diagnostics.is_empty());
    let ir = keeping(&pages, &kept);
    assert_eq!(
        body_type(&ir, "/drives/{id}/items/{id}/copy"),
        Some("microsoft.graph.copyPostRequestBody")
    );
    assert_eq!(
        body_type(&ir, "/sites/{id}/copy"),
        Some("microsoft.graph.copyPostRequestBody"),
        "the same table shares the kept name"
    );
    assert_eq!(
        body_type(&ir, "/me/onenote/notebooks/{id}/copy"),
        Some("microsoft.graph.notebooksCopyPostRequestBody")
    );
    // Without the names kept, the first `copy` is renamed.
    let afresh = keeping(&pages, &KeptNames::default());
    assert_eq!(
        body_type(&afresh, "/drives/{id}/items/{id}/copy"),
        Some("microsoft.graph.itemsCopyPostRequestBody")
    );
    // A name made further along the path is kept too, once the page that
    // made it necessary is gone: no rename back.
    let lock = KeptNames::render(&afresh, "@generated");
    let ir = keeping(
        &[drive_copy()],
        &KeptNames::read(&lock, "generated/names.lock"),
    );
    assert_eq!(
        body_type(&ir, "/drives/{id}/items/{id}/copy"),
        Some("microsoft.graph.itemsCopyPostRequestBody")
    );
    // A kept name a documented model now has is given up.
    let mut documented = pages.to_vec();
    documented.push((
        "v1.0/resources/copypostrequestbody.md",
        "# CopyPostRequestBody resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n".to_string(),
    ));
    let ir = keeping(&documented, &kept);
    assert!(ir
        .models
        .iter()
        .any(|m| m.name == "microsoft.graph.CopyPostRequestBody"));
    assert_eq!(
        body_type(&ir, "/drives/{id}/items/{id}/copy"),
        Some("microsoft.graph.itemsCopyPostRequestBody")
    );
}

#[test]
fn actions_alike_in_their_last_two_segments_are_named_by_their_whole_path() {
    // workbook pages: `.../tables/{id}/sort/apply` and
    // `.../names/{name}/range/sort/apply` take different fields.
    let ir = ir(&[
        (
            "v1.0/api/tablesort-apply.md",
            action_page(
                "tableSort: apply",
                "POST",
                "/workbook/tables/{id}/sort/apply",
                TABLE_B,
            ),
        ),
        (
            "v1.0/api/rangesort-apply.md",
            action_page(
                "rangeSort: apply",
                "POST",
                "/workbook/names/{name}/range/sort/apply",
                TABLE_C,
            ),
        ),
    ]);
    assert_eq!(
        body_type(&ir, "/workbook/tables/{id}/sort/apply"),
        Some("microsoft.graph.workbookTablesByIdSortApplyPostRequestBody")
    );
    assert_eq!(
        body_type(&ir, "/workbook/names/{name}/range/sort/apply"),
        Some("microsoft.graph.workbookNamesByNameRangeSortApplyPostRequestBody")
    );
}

#[test]
fn a_body_model_never_takes_a_documented_name() {
    let resource = "---\ntitle: \"renamePostRequestBody resource type\"\n---\n\
        # renamePostRequestBody resource type\n\nA documented type.\n\n## Properties\n\n\
        | Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
    let ir = ir(&[
        (
            "v1.0/resources/renamepostrequestbody.md",
            resource.to_string(),
        ),
        (
            "v1.0/api/item-rename.md",
            action_page("item: rename", "POST", "/items/{id}/rename", TABLE_C),
        ),
    ]);
    assert_eq!(
        body_type(&ir, "/items/{id}/rename"),
        Some("microsoft.graph.itemsRenamePostRequestBody")
    );
    let documented = model(&ir, "microsoft.graph.renamePostRequestBody");
    assert_eq!(documented.origin, ModelOrigin::ResourcePage);
}

#[test]
fn a_table_beside_a_named_type_makes_no_model() {
    let named = "In the request body, supply a JSON representation of a [user](../resources/user.md) object.\n\n\
        | Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | The name. |\n";
    let ir = ir(&[(
        "v1.0/api/user-post-users.md",
        action_page("Create user", "POST", "/users", named),
    )]);
    assert_eq!(body_type(&ir, "/users"), Some("microsoft.graph.user"));
    assert!(!ir
        .models
        .iter()
        .any(|m| m.origin == ModelOrigin::RequestBody));
    assert!(ir.operations[0].request_body.parameters.is_empty());
}

/// A resource page for `user` (with a base type) and a page that gets one.
fn user_pages() -> Vec<(&'static str, String)> {
    let user = "---\ntitle: \"user resource type\"\n---\n# user resource type\n\nA user.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.user\", \"baseType\": \"microsoft.graph.directoryObject\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        | displayName | String | The name. |\n| city | String | The city. |\n";
    let object = "---\ntitle: \"directoryObject resource type\"\n---\n# directoryObject resource type\n\nAn object.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
    let get = "---\ntitle: \"Get user\"\n---\n# Get user\n\nReads a user.\n\n\
        ## HTTP request\n\n```http\nGET /users/{id | userPrincipalName}\n```\n\n\
        ## Response\n\nIf successful, this method returns a `200 OK` response code and a [user](../resources/user.md) object in the response body.\n";
    vec![
        ("v1.0/resources/user.md", user.to_string()),
        ("v1.0/resources/directoryobject.md", object.to_string()),
        ("v1.0/api/user-get.md", get.to_string()),
    ]
}

/// A page that lists users: what a create at `/users` makes.
const USER_LIST: &str = "---\ntitle: \"List users\"\n---\n# List users\n\nLists users.\n\n\
    ## HTTP request\n\n```http\nGET /users\n```\n\n\
    ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [user](../resources/user.md) objects in the response body.\n";

const UPDATE_TABLE: &str =
    "In the request body, supply the values for relevant fields that should be updated.\n\n\
    | Property | Type | Description |\n|:--|:--|:--|\n\
    | displayName | String | The name. |\n| ID | String | Inherited, in another case. |\n";

#[test]
fn an_update_takes_the_model_a_get_of_its_path_returns() {
    let mut pages = user_pages();
    pages.push((
        "v1.0/api/user-update.md",
        action_page("Update user", "PATCH", "/users/{id}", UPDATE_TABLE),
    ));
    let ir = ir(&pages);
    assert_eq!(body_type(&ir, "/users/{id}"), Some("microsoft.graph.user"));
    assert!(ir
        .operations
        .iter()
        .all(|o| o.request_body.parameters.is_empty()));
}

#[test]
fn a_create_takes_the_model_its_collection_lists() {
    let mut pages = user_pages();
    pages.push(("v1.0/api/user-list.md", USER_LIST.to_string()));
    let create = UPDATE_TABLE.replace(
        "supply the values for relevant fields that should be updated",
        "provide a JSON object with the following parameters",
    );
    pages.push((
        "v1.0/api/user-post-users.md",
        action_page("Create user", "POST", "/users", &create),
    ));
    // An action below an entity is no create: it keeps a model of its own.
    pages.push((
        "v1.0/api/user-rename.md",
        action_page("user: rename", "POST", "/users/{id}/rename", TABLE_C),
    ));
    let ir = ir(&pages);
    let create = ir
        .operations
        .iter()
        .find(|o| {
            o.endpoints
                .iter()
                .any(|e| e.method == "POST" && e.path == "/users")
        })
        .expect("the create");
    assert_eq!(
        create.request_body.type_name.as_deref(),
        Some("microsoft.graph.user")
    );
    assert_eq!(
        body_type(&ir, "/users/{id}/rename"),
        Some("microsoft.graph.renamePostRequestBody")
    );
}

#[test]
fn a_create_that_answers_201_and_names_no_type_returns_its_body_s_entity() {
    // teamstab-add.md (2020): "A [teamsTab](...)" in, only `201 Created`
    // out; the new tab comes back. An action's table model is no entity.
    let created = |title: &str, path: &str, body: &str| {
        format!(
            "---\ntitle: \"{title}\"\n---\n# {title}\n\nCreates.\n\n## HTTP request\n\n```http\nPOST {path}\n```\n\n\
             ## Request body\n\n{body}\n\n## Response\n\nIf successful, this method returns a `201 Created` response code.\n"
        )
    };
    let mut pages = user_pages();
    pages.push((
        "v1.0/api/user-create.md",
        created("Add user", "/users", "In the request body, supply a JSON representation of a [user](../resources/user.md) object."),
    ));
    pages.push((
        "v1.0/api/user-rename.md",
        created("user: rename", "/users/{id}/rename", TABLE_C),
    ));
    let ir = ir(&pages);
    let response = |path: &str| {
        ir.operations
            .iter()
            .find(|o| {
                o.endpoints
                    .iter()
                    .any(|e| e.method == "POST" && e.path == path)
            })
            .map(|o| (o.response.status, o.response.type_name.as_deref()))
    };
    assert_eq!(
        response("/users"),
        Some((Some(201), Some("microsoft.graph.user")))
    );
    assert_eq!(response("/users/{id}/rename"), Some((Some(201), None)));
}

#[test]
fn an_update_whose_example_answers_an_object_returns_its_body_s_entity() {
    // usersettings-update.md (2020): "returns a `200 OK` response code",
    // and the example answers with the updated settings. An update whose
    // example answers nothing, or `204`, returns nothing.
    let update = |path: &str, status: &str, answer: &str| {
        format!(
            "---\ntitle: \"Update user\"\n---\n# Update user\n\nUpdates.\n\n## HTTP request\n\n```http\nPATCH {path}\n```\n\n\
             ## Request body\n\nIn the request body, supply a JSON representation of a [user](../resources/user.md) object.\n\n\
             ## Response\n\nIf successful, this method returns a `{status}` response code.\n\n\
             ## Example\n\n```http\nPATCH https://graph.microsoft.com/v1.0{path}\nContent-type: application/json\n\n{{\"city\": \"Oslo\"}}\n```\n\n\
             ```http\nHTTP/1.1 {status}\nContent-type: application/json\n\n{answer}\n```\n"
        )
    };
    let mut pages = user_pages();
    pages.push((
        "v1.0/api/user-update.md",
        update("/users/{id}", "200 OK", "{\"city\": \"Oslo\"}"),
    ));
    pages.push((
        "v1.0/api/user-update-quietly.md",
        update("/users/{id}/quiet", "204 No Content", ""),
    ));
    let ir = ir(&pages);
    let response = |path: &str| {
        common::operation(&ir, "PATCH", path).and_then(|o| o.response.type_name.as_deref())
    };
    assert_eq!(response("/users/{id}"), Some("microsoft.graph.user"));
    assert_eq!(response("/users/{id}/quiet"), None);
}

#[test]
fn a_body_type_named_in_another_case_is_the_model() {
    // contactfolder-post-contacts.md (2020): "a JSON representation of
    // [Contact](../resources/contact.md) object".
    let mut pages = user_pages();
    let body =
        "In the request body, supply a JSON representation of [User](../resources/user.md) object.";
    pages.push((
        "v1.0/api/user-post-users.md",
        action_page("Create user", "POST", "/users", body),
    ));
    let ir = ir(&pages);
    assert_eq!(body_type(&ir, "/users"), Some("microsoft.graph.user"));
}

#[test]
fn an_update_whose_table_the_model_lacks_takes_a_model_of_its_table() {
    // securescorecontrolprofile-update.md (2020) lists `assignedTo`,
    // `comment` and `state`, which its resource page does not document:
    // the update takes what the table says, typed, as an action does.
    let mut pages = user_pages();
    let table = format!("{UPDATE_TABLE}| mood | String | Not a user property. |\n");
    pages.push((
        "v1.0/api/user-update.md",
        action_page("Update user", "PATCH", "/users/{id}", &table),
    ));
    let ir = ir(&pages);
    assert_eq!(
        body_type(&ir, "/users/{id}"),
        Some("microsoft.graph.usersPatchRequestBody")
    );
    let body = model(&ir, "microsoft.graph.usersPatchRequestBody");
    assert_eq!(body.origin, ModelOrigin::RequestBody);
    let names: Vec<&str> = body.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["displayName", "ID", "mood"]);
    assert!(ir
        .operations
        .iter()
        .all(|o| o.request_body.parameters.is_empty()));
}

#[test]
fn a_table_states_a_json_body_the_prose_does_not() {
    // Some action pages give the table with no sentence before it.
    let ir = ir(&[(
        "v1.0/api/item-rename.md",
        action_page(
            "item: rename",
            "POST",
            "/items/{id}/rename",
            "| Parameter | Type | Description |\n|:--|:--|:--|\n| renameAs | String | The new name. |\n",
        ),
    )]);
    assert_eq!(
        body_type(&ir, "/items/{id}/rename"),
        Some("microsoft.graph.renamePostRequestBody")
    );
}

/// The IR of `spec/`, as `regen` builds it.
fn spec_ir() -> Ir {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    codegen::load_ir(&spec, "spec")
}

#[test]
fn send_mail_takes_its_parameters_and_its_bad_example_is_reported() {
    let ir = spec_ir();
    let name = "microsoft.graph.sendMailPostRequestBody";
    assert_eq!(body_type(&ir, "/me/sendMail"), Some(name));
    let m = model(&ir, name);
    let props: Vec<(&str, &str)> = m
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str()))
        .collect();
    assert_eq!(
        props,
        [
            ("message", "microsoft.graph.message"),
            ("saveToSentItems", "Edm.Boolean")
        ]
    );
    // user-sendmail.md's example sends `"saveToSentItems": "false"`.
    let checks = example_check::check(&ir);
    let unfit: Vec<(&str, &str)> = checks
        .unfit_requests
        .iter()
        .map(|u| (u.operation.id.as_str(), u.reasons[0].as_str()))
        .collect();
    assert_eq!(
        unfit,
        [(
            "v1_post_me_send_mail",
            "`saveToSentItems`: expected a boolean (`Edm.Boolean`), found a string"
        )]
    );
}

#[test]
fn the_2020_tree_types_its_action_bodies() {
    let Some(docs) = common::corpus("graph-docs-2020") else {
        return;
    };
    let ir = codegen::load_ir(&docs, "2020");
    let bodies: Vec<&Model> = ir
        .models
        .iter()
        .filter(|m| m.origin == ModelOrigin::RequestBody)
        .collect();
    // 101 in the May 2020 tree; a floor, not the exact count.
    assert!(bodies.len() >= 100, "{} body models", bodies.len());
    // Each names an operation that takes it, and no two differ only in case.
    let mut lower: Vec<String> = bodies.iter().map(|m| m.name.to_ascii_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), bodies.len());
    for m in &bodies {
        assert!(
            ir.operations
                .iter()
                .any(|o| o.request_body.type_name.as_deref() == Some(m.name.as_str())),
            "{} is no operation's body",
            m.name
        );
    }
    assert_eq!(
        body_type(&ir, "/users/{id | userPrincipalName}/sendMail"),
        Some("microsoft.graph.sendMailPostRequestBody")
    );
    // user-update.md lists 30-odd properties of `user`, some inherited.
    let update = ir
        .operations
        .iter()
        .find(|o| {
            o.endpoints
                .iter()
                .any(|e| e.method == "PATCH" && e.path == "/users/{id | userPrincipalName}")
        })
        .expect("the user update");
    assert_eq!(
        update.request_body.type_name.as_deref(),
        Some("microsoft.graph.user")
    );
    // group-post-groups.md lists the properties a new group takes.
    let create = ir
        .operations
        .iter()
        .find(|o| o.id == "v1_post_groups")
        .expect("the group create");
    assert_eq!(
        create.request_body.type_name.as_deref(),
        Some("microsoft.graph.group")
    );
    // Every request that adds or sets a reference sends one, whatever
    // entity its prose names (group-post-members.md: a contact, among
    // others; application-post-owners.md: "the directory object").
    let refs: Vec<(&str, &str, Option<&str>)> = ir
        .operations
        .iter()
        .filter(|o| o.endpoints[0].path.ends_with("/$ref") && o.endpoints[0].method != "DELETE")
        .map(|o| {
            (
                o.endpoints[0].method.as_str(),
                o.endpoints[0].path.as_str(),
                o.request_body.type_name.as_deref(),
            )
        })
        .collect();
    // 15 in the May 2020 tree; a floor, not the exact count.
    assert!(refs.len() >= 15, "{refs:?}");
    for (method, path, ty) in &refs {
        let expected = if *method == "PUT" {
            "microsoft.graph.referenceUpdate"
        } else {
            "microsoft.graph.referenceCreate"
        };
        assert_eq!(*ty, Some(expected), "{method} {path}");
    }
    let reference = model(&ir, "microsoft.graph.referenceCreate");
    assert_eq!(reference.origin, ModelOrigin::Reference);
    // 14 pages (application-delete-owners.md, which wrote its DELETE as a
    // POST, no longer counts: D0403); a floor, not the exact count.
    assert!(reference.sources.len() >= 14, "{:?}", reference.sources);
}

/// group-post-members.md and user-post-manager.md, cut down: the prose
/// names the entity referred to, and one page even gives a table.
fn reference_pages() -> Vec<(&'static str, String)> {
    vec![
        (
            "v1.0/api/group-post-members.md",
            action_page(
                "Add member",
                "POST",
                "/groups/{id}/members/$ref",
                "In the request body, supply a JSON representation of a [directoryObject](../resources/directoryobject.md), [user](../resources/user.md), [group](../resources/group.md), or [organizational contact](../resources/orgcontact.md) object to be added.",
            ),
        ),
        (
            "v1.0/api/group-post-owners.md",
            action_page(
                "Add owner",
                "POST",
                "/groups/{id}/owners/$ref",
                "In the request body, provide a JSON object with the following parameters.\n\n\
                 | Parameter | Type | Description |\n|:--|:--|:--|\n\
                 | @odata.id | String | The owner to add. |\n",
            ),
        ),
        (
            "v1.0/api/user-post-manager.md",
            action_page(
                "Assign manager",
                "PUT",
                "/users/{id}/manager/$ref",
                "In the request body, supply a JSON representation of a [directoryObject](../resources/directoryobject.md) or [user](../resources/user.md) object to be added.",
            ),
        ),
        (
            "v1.0/api/group-delete-members.md",
            action_page(
                "Remove member",
                "DELETE",
                "/groups/{id}/members/{id}/$ref",
                "Do not supply a request body for this method.",
            ),
        ),
    ]
}

#[test]
fn a_ref_request_sends_a_reference_not_the_entity_its_prose_names() {
    let ir = ir(&reference_pages());
    assert_eq!(
        body_type(&ir, "/groups/{id}/members/$ref"),
        Some("microsoft.graph.referenceCreate")
    );
    assert_eq!(
        body_type(&ir, "/groups/{id}/owners/$ref"),
        Some("microsoft.graph.referenceCreate")
    );
    assert_eq!(
        body_type(&ir, "/users/{id}/manager/$ref"),
        Some("microsoft.graph.referenceUpdate")
    );
    assert_eq!(body_type(&ir, "/groups/{id}/members/{id}/$ref"), None);
    let create = model(&ir, "microsoft.graph.referenceCreate");
    assert_eq!(create.origin, ModelOrigin::Reference);
    let props: Vec<(&str, &str)> = create
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str()))
        .collect();
    assert_eq!(props, [("@odata.id", "Edm.String")]);
    // Both POST pages, in page order.
    let files: Vec<&str> = create.sources.iter().map(|s| &*s.file).collect();
    assert_eq!(
        files,
        [
            "v1.0/api/group-post-members.md",
            "v1.0/api/group-post-owners.md"
        ]
    );
    let update = model(&ir, "microsoft.graph.referenceUpdate");
    let props: Vec<&str> = update.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(props, ["@odata.id", "@odata.type"]);
    // No body model is made from the owners page's table.
    assert!(
        !ir.models
            .iter()
            .any(|m| m.origin == ModelOrigin::RequestBody),
        "{:?}",
        ir.models.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
}

#[test]
fn a_reference_body_is_sent_as_its_odata_id() {
    let ir = ir(&reference_pages());
    let files = codegen::emit::generate(&ir).expect("emits");
    let builders = common::builders(&files, "v1");
    let members =
        common::impl_block(&builders, "GroupsItemMembersRef").expect("the members $ref builder");
    assert!(
        members.contains("body: &crate::v1::models::ReferenceCreate"),
        "{members}"
    );
    let manager =
        common::impl_block(&builders, "UsersItemManagerRef").expect("the manager $ref builder");
    assert!(
        manager.contains("body: &crate::v1::models::ReferenceUpdate"),
        "{manager}"
    );
    // What the model sends: the URL under `@odata.id`, and nothing for
    // `@odata.type` when it is not set.
    let models: String = common::joined(&files, "src/v1/models");
    assert!(
        models.contains(
            "pub type ReferenceCreate = crate::support::Model<ReferenceCreateProperties>;"
        ) && models.contains("pub struct ReferenceCreateProperties {"),
        "no ReferenceCreate"
    );
    assert!(models.contains("pub odata_id: ::std::option::Option<::std::string::String>"));
    assert!(models.contains(r#"v.field("@odata.id", "odata_id", &self.odata_id);"#));
}

#[test]
fn a_patch_to_a_stream_uploads_bytes() {
    // profilephoto-update.md: `PATCH /me/photo/$value` with the image.
    let page = action_page(
        "Update profilePhoto",
        "PATCH",
        "/me/photo/$value",
        "In the request body, include the binary data of the photo.",
    );
    let ir = ir(&[("v1.0/api/profilephoto-update.md", page)]);
    let files = codegen::emit::generate(&ir).expect("the crate generates");
    let builders = common::builders(&files, "v1");
    let photo = common::impl_block(&builders, "UsersItemPhotoValue")
        .or_else(|| common::impl_block(&builders, "MePhotoValue"))
        .expect("the photo value builder");
    let patch = &photo[photo.find("pub fn patch(").expect("a patch method")..];
    let signature = &patch[..patch.find('{').expect("a body")];
    assert!(
        signature.contains("content_type: &str") && signature.contains("bytes:"),
        "{signature}"
    );
}

#[test]
fn an_array_of_commands_to_a_stream_is_a_typed_json_array() {
    // page-update.md (2019, 2020): `PATCH /me/onenote/pages/{id}/content`
    // takes "an array of [patchContentCommand] objects", whose page
    // documents `onenotePatchContentCommand`. Before, the path's
    // `/content` made it an upload of bytes.
    let commands = "---\ntitle: \"patchContentCommand resource type\"\n---\n# patchContentCommand resource type\n\nA change.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.onenotePatchContentCommand\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| target | String | Where. |\n| action | String | What. |\n";
    let body = "In the request body, supply an array of [patchContentCommand](../resources/patchcontentcommand.md) objects that represent the changes to the page.";
    let mut page = action_page(
        "Update page",
        "PATCH",
        "/me/onenote/pages/{id}/content",
        body,
    );
    page.push_str(
        "\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"update_page\" } -->\n\
         ```http\nPATCH https://graph.microsoft.com/v1.0/me/onenote/pages/1/content\nContent-type: application/json\n\n\
         [{\"target\": \"#list\", \"action\": \"append\"}, {\"target\": 7}]\n```\n",
    );
    let ir = ir(&[
        (
            "v1.0/resources/patchcontentcommand.md",
            commands.to_string(),
        ),
        ("v1.0/api/page-update.md", page),
    ]);
    let op = &ir.operations[0];
    assert_eq!(
        (
            op.request_body.type_name.as_deref(),
            op.request_body.collection
        ),
        (Some("microsoft.graph.onenotePatchContentCommand"), true)
    );
    // Each item is checked against the model: the second's target is no
    // string.
    let checks = example_check::check(&ir);
    let reasons: Vec<&String> = checks
        .unfit_requests
        .iter()
        .flat_map(|u| &u.reasons)
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].contains("[1].target"), "{reasons:?}");

    let files = codegen::emit::generate(&ir).expect("the crate generates");
    let builders = common::builders(&files, "v1");
    let patch = &builders[builders.find("pub fn patch(").expect("a patch method")..];
    let signature: String = patch[..patch.find('{').expect("a body")]
        .split_whitespace()
        .collect();
    assert!(
        signature.contains("body:&[crate::v1::models::OnenotePatchContentCommand]"),
        "{signature}"
    );
}

#[test]
fn a_create_documented_per_derived_type_takes_their_base() {
    // intune-apps-androidlobapp-create.md and intune-apps-ioslobapp-create.md
    // (2020) both document `POST /deviceAppManagement/mobileApps`.
    let resource = |name: &str, base: Option<&str>| {
        let annotation = match base {
            Some(b) => format!(
                "<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{b}\"}} -->\n\n"
            ),
            None => String::new(),
        };
        format!(
            "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nAn app.\n\n{annotation}\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | The name. |\n"
        )
    };
    let create = |ty: &str| {
        action_page(
            &format!("Create {ty}"),
            "POST",
            "/deviceAppManagement/mobileApps",
            &format!("In the request body, supply a JSON representation for the [{ty}](../resources/{ty}.md) object."),
        )
    };
    let ir = ir(&[
        ("v1.0/resources/mobileapp.md", resource("mobileApp", None)),
        (
            "v1.0/resources/androidlobapp.md",
            resource("androidLobApp", Some("mobileApp")),
        ),
        (
            "v1.0/resources/ioslobapp.md",
            resource("iosLobApp", Some("mobileApp")),
        ),
        ("v1.0/api/androidlobapp-create.md", create("androidLobApp")),
        ("v1.0/api/ioslobapp-create.md", create("iosLobApp")),
    ]);
    assert_eq!(
        body_type(&ir, "/deviceAppManagement/mobileApps"),
        Some("microsoft.graph.mobileApp")
    );
}

#[test]
fn an_update_or_create_without_a_table_takes_its_entity() {
    // group-update-event.md and onenote-post-notebooks.md (2020) give no
    // table: "supply the values for relevant fields that should be
    // updated", "supply a name for the notebook". Their bodies were JSON
    // values.
    let mut pages = user_pages();
    pages.push(("v1.0/api/user-list.md", USER_LIST.to_string()));
    pages.push((
        "v1.0/api/user-update.md",
        action_page(
            "Update user",
            "PATCH",
            "/users/{id}",
            "In the request body, supply the values for relevant fields that should be updated.",
        ),
    ));
    pages.push((
        "v1.0/api/user-post-users.md",
        action_page(
            "Create user",
            "POST",
            "/users",
            "In the request body, supply a name for the user.",
        ),
    ));
    // An action with no table stays a JSON value; a body of HTML
    // (onenote-post-pages.md) is bytes with their content type.
    pages.push((
        "v1.0/api/user-wipe.md",
        action_page(
            "user: wipe",
            "POST",
            "/users/{id}/wipe",
            "In the request body, supply the options.",
        ),
    ));
    pages.push((
        "v1.0/api/user-post-page.md",
        action_page(
            "Create page",
            "POST",
            "/users/{id}/pages",
            "In the request body, supply the HTML content for the page.",
        ),
    ));
    let ir = ir(&pages);
    let body = |method: &str, path: &str| {
        let op = ir
            .operations
            .iter()
            .find(|o| {
                o.endpoints
                    .iter()
                    .any(|e| e.method == method && e.path == path)
            })
            .unwrap_or_else(|| panic!("no {method} {path}"));
        (op.request_body.kind, op.request_body.type_name.as_deref())
    };
    assert_eq!(
        body("PATCH", "/users/{id}"),
        (BodyKind::Json, Some("microsoft.graph.user"))
    );
    assert_eq!(
        body("POST", "/users"),
        (BodyKind::Json, Some("microsoft.graph.user"))
    );
    assert_eq!(body("POST", "/users/{id}/wipe"), (BodyKind::Json, None));
    assert_eq!(body("POST", "/users/{id}/pages"), (BodyKind::Bytes, None));
}

/// The kind and type of the body of the operation at `path`.
fn body_of<'i>(ir: &'i Ir, method: &str, path: &str) -> (BodyKind, Option<&'i str>) {
    let op = ir
        .operations
        .iter()
        .find(|o| {
            o.endpoints
                .iter()
                .any(|e| e.method == method && e.path == path)
        })
        .unwrap_or_else(|| panic!("no operation {method} {path}"));
    (op.request_body.kind, op.request_body.type_name.as_deref())
}

#[test]
fn request_body_prose_the_docs_write() {
    // Each sentence from the real page named beside it (2019 and 2020).
    let cases: [(&str, BodyKind, Option<&str>); 9] = [
        // user-revokesigninsessions.md
        ("This operation has no request content.", BodyKind::None, None),
        // workbook-closesession.md
        ("This API does not require any request body.", BodyKind::None, None),
        // driveitem-put-content.md
        (
            "The contents of the request body should be the binary stream of the file to be uploaded.",
            BodyKind::Bytes,
            None,
        ),
        // teamsapp-publish.md
        (
            "Teams Zip Manifest Payload.\nFor Teams application zip file [see Create an app package](/microsoftteams/platform/concepts/apps/apps-package).",
            BodyKind::Bytes,
            None,
        ),
        // openshift-post.md
        (
            "Provide the new [openShift](../resources/openshift.md) object in the request body for this method.",
            BodyKind::Json,
            Some("microsoft.graph.openShift"),
        ),
        // opentypeextension-update.md
        (
            "Provide a JSON body of an [openTypeExtension](../resources/opentypeextension.md) object, with the  following required name-value pairs, and any custom data to change.",
            BodyKind::Json,
            Some("microsoft.graph.openTypeExtension"),
        ),
        // listitem-create.md
        (
            "In the request body, supply a JSON representation of the [listItem][] resource to create.\n\n[listItem]: ../resources/listitem.md",
            BodyKind::Json,
            Some("microsoft.graph.listItem"),
        ),
        // teamstab-add.md
        (
            "A [teamsTab](../resources/teamstab.md).",
            BodyKind::Json,
            Some("microsoft.graph.teamsTab"),
        ),
        // A sentence of an article and a word that is no type name.
        ("A file.", BodyKind::Unstated, None),
    ];
    let pages: Vec<(String, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, (prose, _, _))| {
            (
                format!("v1.0/api/case-{i}.md"),
                action_page("Case", "POST", &format!("/cases/{i}/run"), prose),
            )
        })
        .collect();
    let ir = common::ir_of(&pages);
    for (i, (prose, kind, ty)) in cases.iter().enumerate() {
        assert_eq!(
            body_of(&ir, "POST", &format!("/cases/{i}/run")),
            (*kind, *ty),
            "{prose}"
        );
    }
}

#[test]
fn notes_below_a_parameter_table_do_not_change_the_body_kind() {
    // user-translateexchangeids.md (2020): below its table, "URL-safe
    // base64 encoded ... the binary data": still a JSON body, with a model.
    let body = format!(
        "{TABLE_C}\nThe binary formats are URL-safe base64 encoded: the binary data of the identifier is encoded in the following way.\n"
    );
    let ir = ir(&[(
        "v1.0/api/user-renamething.md",
        action_page(
            "user: renameThing",
            "POST",
            "/users/{id}/renameThing",
            &body,
        ),
    )]);
    assert_eq!(
        body_of(&ir, "POST", "/users/{id}/renameThing"),
        (
            BodyKind::Json,
            Some("microsoft.graph.renameThingPostRequestBody")
        )
    );
}

/// A page with no Request body section whose example sends `body` under
/// `content_type`.
fn silent_page(title: &str, method: &str, path: &str, content_type: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n# {title}\n\nDoes something.\n\n\
         ## HTTP request\n\n```http\n{method} {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n\
         ## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"{title}\"}} -->\n\n\
         ```http\n{method} https://graph.microsoft.com/v1.0{path}\nContent-type: {content_type}\n\n{body}\n```\n"
    )
}

#[test]
fn a_page_silent_on_its_body_takes_what_its_examples_send() {
    // subscription-post-subscriptions.md and schedule-post-shifts.md (2020)
    // have no Request body section; their examples post the entity. Their
    // builders took no body at all. teamsapp-publish.md sends a zip file.
    let mut pages = user_pages();
    pages.push(("v1.0/api/user-list.md", USER_LIST.to_string()));
    pages.push((
        "v1.0/api/user-post-users.md",
        silent_page(
            "Create user",
            "POST",
            "/users",
            "application/json",
            "{\n  \"displayName\": \"Adele\"\n}",
        ),
    ));
    pages.push((
        "v1.0/api/user-update.md",
        silent_page(
            "Update user",
            "PATCH",
            "/users/{id}",
            "application/json",
            "{\n  \"city\": \"Oslo\"\n}",
        ),
    ));
    pages.push((
        "v1.0/api/user-upload.md",
        silent_page(
            "Upload package",
            "POST",
            "/users/{id}/packages",
            "application/zip",
            "[Zip file containing a package]",
        ),
    ));
    // An example that sends nothing says nothing: a POST without a body.
    pages.push((
        "v1.0/api/user-archive.md",
        silent_page(
            "Archive user",
            "POST",
            "/users/{id}/archive",
            "application/json",
            "",
        ),
    ));
    let ir = ir(&pages);
    assert_eq!(
        body_of(&ir, "POST", "/users"),
        (BodyKind::Json, Some("microsoft.graph.user"))
    );
    assert_eq!(
        body_of(&ir, "PATCH", "/users/{id}"),
        (BodyKind::Json, Some("microsoft.graph.user"))
    );
    assert_eq!(
        body_of(&ir, "POST", "/users/{id}/packages"),
        (BodyKind::Bytes, None)
    );
    assert_eq!(
        body_of(&ir, "POST", "/users/{id}/archive"),
        (BodyKind::Unstated, None)
    );
}

#[test]
fn an_update_that_returns_nothing_takes_the_model_its_title_names() {
    // unifiedroledefinition-update.md of the modern pages: `PATCH
    // /roleManagement/directory/roleDefinitions/{id}` answers 204, and the
    // tree documents no `GET` of the path, so only the title, "Update
    // unifiedRoleDefinition", says what the table's properties belong to.
    let resource = "---\ntitle: \"unifiedRoleDefinition resource type\"\n---\n\
        # unifiedRoleDefinition resource type\n\nA role definition.\n\n## Properties\n\n\
        | Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\
        | displayName | String | The name. |\n| isEnabled | Boolean | Whether it is on. |\n";
    let table =
        "In the request body, supply the values for relevant fields that should be updated.\n\n\
        | Property | Type | Description |\n|:--|:--|:--|\n\
        | displayName | String | The name. |\n| isEnabled | Boolean | Whether it is on. |\n";
    let unrelated = "In the request body, supply the values for relevant fields that should be updated.\n\n\
        | Property | Type | Description |\n|:--|:--|:--|\n| colour | String | Not a property of it. |\n";
    let ir = ir(&[
        (
            "beta/resources/unifiedroledefinition.md",
            resource.to_string(),
        ),
        (
            "beta/api/unifiedroledefinition-update.md",
            action_page(
                "Update unifiedRoleDefinition",
                "PATCH",
                "/roleManagement/directory/roleDefinitions/{id}",
                table,
            ),
        ),
        (
            "beta/api/unifiedroledefinition-paint.md",
            action_page(
                "Update unifiedRoleDefinition colour",
                "PATCH",
                "/roleManagement/directory/roleDefinitions/{id}/paint",
                unrelated,
            ),
        ),
    ]);
    assert_eq!(
        body_type(&ir, "/roleManagement/directory/roleDefinitions/{id}"),
        Some("microsoft.graph.unifiedRoleDefinition")
    );
    // The model the title names must have every property of the table;
    // one it lacks makes the table a model of its own.
    assert_eq!(
        body_type(&ir, "/roleManagement/directory/roleDefinitions/{id}/paint"),
        Some("microsoft.graph.paintPatchRequestBody")
    );
}

#[test]
fn a_type_named_after_its_page_s_last_word_is_that_page_s_model() {
    // projectrome-put-activity.md (2020) names its body an "activity",
    // linked to projectrome-activity.md, the page of `userActivity`.
    let activity = "---\ntitle: \"activity resource type\"\n---\n# userActivity resource type\n\nAn activity.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.userActivity\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| appActivityId | String | The id. |\n";
    let put = "---\ntitle: \"Create or replace an activity\"\n---\n# Create or replace an activity\n\nUpserts.\n\n\
        ## HTTP request\n\n```http\nPUT /me/activities/{appActivityId}\n```\n\n\
        ## Request body\n\nIn the request body, supply a JSON representation of an [activity](../resources/projectrome-activity.md) object.\n\n\
        ## Response\n\nIf successful, this method returns the `201 Created` response code if the activity was created.\n";
    // Another `...Activity`: the name's last word alone is no answer.
    let sign_in = activity
        .replace(
            "microsoft.graph.userActivity",
            "microsoft.graph.signInActivity",
        )
        .replace("# userActivity", "# signInActivity");
    let ir = ir(&[
        (
            "v1.0/resources/projectrome-activity.md",
            activity.to_string(),
        ),
        ("v1.0/resources/signinactivity.md", sign_in),
        ("v1.0/api/projectrome-put-activity.md", put.to_string()),
    ]);
    assert_eq!(
        body_type(&ir, "/me/activities/{appActivityId}"),
        Some("microsoft.graph.userActivity")
    );
}

#[test]
fn a_plural_named_after_its_page_is_that_page_s_model() {
    // chartseries-post-points.md (2020): "[ChartPoints](../resources/chartpoint.md)",
    // the page of `workbookChartPoint`.
    let point = "---\ntitle: \"ChartPoint resource type\"\n---\n# ChartPoint resource type\n\nA point.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookChartPoint\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| value | String | The value. |\n";
    let post = "---\ntitle: \"Create ChartPoints\"\n---\n# Create ChartPoints\n\nCreates.\n\n\
        ## HTTP request\n\n```http\nPOST /workbook/worksheets/{id|name}/charts/{name}/series/{id}/points\n```\n\n\
        ## Request body\n\nIn the request body, supply a JSON representation of [ChartPoints](../resources/chartpoint.md) object.\n";
    let ir = ir(&[
        ("v1.0/resources/chartpoint.md", point.to_string()),
        ("v1.0/api/chartseries-post-points.md", post.to_string()),
    ]);
    assert_eq!(
        body_type(
            &ir,
            "/workbook/worksheets/{id | name}/charts/{name}/series/{id}/points"
        ),
        Some("microsoft.graph.workbookChartPoint")
    );
}

#[test]
fn a_json_object_in_the_request_body_section_lists_its_parameters_until_a_table_does() {
    // team-archive.md (2019, 2020): the section shows the optional body
    // and has no table.
    let shown = "In the request, you may _optionally_ include the `shouldSetSpoSiteReadOnlyForMembers` parameter in a JSON body, as follows.\n\
        ```JSON\n{\n    \"shouldSetSpoSiteReadOnlyForMembers\": true,\n    \"@odata.type\": \"#x\"\n}\n```\n";
    // directory-deleteditems-user-owned.md (2020): the object first, then
    // the table that types it.
    let then_table =
        "```json\n{\n  \"userId\":\"{id}\",\n  \"type\":\"Group\",\n  \"extra\": 1\n}\n```\n\n\
        The request body requires the following parameters:\n\n\
        | Parameter | Type | Description |\n|:--|:--|:--|\n\
        | userId | String | ID of the owner. |\n| type | String | Type of owned objects. |\n";
    let ir = ir(&[
        (
            "v1.0/api/team-archive.md",
            action_page("Archive team", "POST", "/teams/{id}/archive", shown),
        ),
        (
            "v1.0/api/directory-deleteditems-user-owned.md",
            action_page(
                "List deleted items owned by a user",
                "POST",
                "/directory/deletedItems/getUserOwnedObjects",
                then_table,
            ),
        ),
    ]);
    let properties = |path: &str| -> Vec<(String, String)> {
        let ty = body_type(&ir, path).unwrap_or_else(|| panic!("no body type at {path}"));
        model(&ir, ty)
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.type_name.clone()))
            .collect()
    };
    let pair = |n: &str, t: &str| (n.to_string(), t.to_string());
    assert_eq!(
        properties("/teams/{id}/archive"),
        [pair("shouldSetSpoSiteReadOnlyForMembers", "Edm.Boolean")]
    );
    assert_eq!(
        properties("/directory/deletedItems/getUserOwnedObjects"),
        [pair("userId", "Edm.String"), pair("type", "Edm.String")]
    );
}

#[test]
fn a_value_column_of_types_types_the_parameters_and_an_items_table_does_not() {
    // driveitem-checkin.md (2020): `Name | Value | Description`, the
    // Value column holding types. site-follow.md: the same header over
    // the items of "an array of JSON objects with the id parameter",
    // which the body (`{"value": [...]}`) is not. A Value column of
    // sample values types nothing.
    let checkin = "In the request body, provide a JSON object with the following parameters.\n\n\
        | Name | Value | Description |\n|:--|:--|:--|\n\
        | checkInAs | string | Optional. The status. |\n| comment | string | A comment. |\n";
    let follow = "In the request body, supply an array of JSON objects with the id parameter mentioned in the table below.\n\n\
        | Name | Value | Description |\n|:--|:--|:--|\n| id | string | The site. |\n";
    let samples = "In the request body, provide a JSON object with the following parameters.\n\n\
        | Name | Value | Description |\n|:--|:--|:--|\n| mode | `fast` | How. |\n";
    // driveitem-copy.md: a linked type in the Value column.
    let copy = "In the request body, provide a JSON object with the following parameters.\n\n\
        | Name | Value | Description |\n|:--|:--|:--|\n\
        | parentReference | [ItemReference](../resources/itemreference.md) | Where. |\n| name | string | The name. |\n";
    let ir = ir(&[
        (
            "v1.0/api/driveitem-checkin.md",
            action_page(
                "driveItem: checkin",
                "POST",
                "/drives/{id}/items/{id}/checkin",
                checkin,
            ),
        ),
        (
            "v1.0/api/site-follow.md",
            action_page(
                "Follow site",
                "POST",
                "/users/{id}/followedSites/add",
                follow,
            ),
        ),
        (
            "v1.0/api/thing-run.md",
            action_page("thing: run", "POST", "/things/{id}/run", samples),
        ),
        (
            "v1.0/api/driveitem-copy.md",
            action_page(
                "Copy a DriveItem",
                "POST",
                "/drives/{id}/items/{id}/copy",
                copy,
            ),
        ),
    ]);
    let properties = |path: &str| -> Option<Vec<(String, String)>> {
        let ty = body_type(&ir, path)?;
        let model = ir.models.iter().find(|m| m.name == ty)?;
        Some(
            model
                .properties
                .iter()
                .map(|p| (p.name.clone(), p.type_name.clone()))
                .collect(),
        )
    };
    let string = |n: &str| (n.to_string(), "Edm.String".to_string());
    assert_eq!(
        properties("/drives/{id}/items/{id}/checkin"),
        Some(vec![string("checkInAs"), string("comment")])
    );
    assert_eq!(properties("/users/{id}/followedSites/add"), None);
    assert_eq!(properties("/things/{id}/run"), None);
    assert_eq!(
        properties("/drives/{id}/items/{id}/copy"),
        Some(vec![
            (
                "parentReference".to_string(),
                "microsoft.graph.ItemReference".to_string()
            ),
            string("name")
        ])
    );
}

/// site-follow.md (2020): "supply an array of JSON objects with the id
/// parameter", a table of `id`, and an example that sends
/// `{"value": [{"id": ..}]}`. The items are the sites the operation
/// returns; the body holds them under `value`. Before, the body was an
/// untyped JSON value.
#[test]
fn an_array_of_items_the_table_describes_holds_the_returned_entities() {
    let site = "---\ntitle: \"site resource type\"\n---\n# site resource type\n\nA site.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| name | String | The name. |\n";
    let follow = |sent: &str| {
        format!(
            "---\ntitle: \"Follow site\"\n---\n# Follow site\n\nFollows sites.\n\n\
             ## HTTP request\n\n```http\nPOST /users/{{user-id}}/followedSites/add\n```\n\n\
             ## Request body\n\nIn the request body, supply an array of JSON objects with the id parameter mentioned in the table below.\n\n\
             | Name | Value | Description |\n|:--|:--|:--|\n| id | string | The unique identifier of the item. |\n\n\
             ## Response\n\nIf successful, this method returns an array of [site](../resources/site.md) objects.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"follow\" }} -->\n```http\n\
             POST https://graph.microsoft.com/v1.0/users/u1/followedSites/add\nContent-Type: application/json\n\n{sent}\n```\n"
        )
    };
    let wrapped = ir(&[
        ("v1.0/resources/site.md", site.to_string()),
        (
            "v1.0/api/site-follow.md",
            follow("{\"value\": [{\"id\": \"s1\"}, {\"id\": \"s2\"}]}"),
        ),
    ]);
    let body = body_type(&wrapped, "/users/{user-id}/followedSites/add").expect("a typed body");
    let value = &model(&wrapped, body).properties;
    assert_eq!(value.len(), 1);
    assert_eq!(
        (
            value[0].name.as_str(),
            value[0].type_name.as_str(),
            value[0].collection
        ),
        ("value", "microsoft.graph.site", true)
    );
    // The example fits its body.
    let checks = example_check::check(&wrapped);
    assert!(checks.unfit_requests.is_empty());

    // Sent bare, the body is the array itself.
    let bare = ir(&[
        ("v1.0/resources/site.md", site.to_string()),
        ("v1.0/api/site-follow.md", follow("[{\"id\": \"s1\"}]")),
    ]);
    let op = common::operation(&bare, "POST", "/users/{user-id}/followedSites/add").unwrap();
    assert_eq!(
        (
            op.request_body.type_name.as_deref(),
            op.request_body.collection
        ),
        (Some("microsoft.graph.site"), true)
    );
}
