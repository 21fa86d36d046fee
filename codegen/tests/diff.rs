//! `cargo xtask diff` on two tiny docs trees that differ in every way the
//! change log reports.

use codegen::diff::{diff, impact, render, Change, ChangeKind, Impact};
use codegen::ir::Ir;

fn tree(pages: &[(&str, String)]) -> Ir {
    let files = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.clone()))
        .collect();
    let loader = codegen::parse::Loader::memory(files);
    let names: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
    codegen::build_ir(codegen::parse_pages(&loader, &names))
}

fn api(title: &str, requests: &[&str], work: &str, application: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
         ## Permissions\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
         |Delegated (work or school account)|{work}|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n\
         |Application|{application}|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n",
        requests.join("\n")
    )
}

fn resource(props: &[&str], status_values: &str) -> String {
    let mut rows = String::new();
    for p in props {
        rows.push_str(&format!("|{p}|String|The {p}.|\n"));
    }
    format!(
        "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n{rows}|status|thingStatus|The status. Possible values are: {status_values}.|\n"
    )
}

fn changes() -> Vec<Change> {
    let old = tree(&[
        (
            "v1.0/api/thing-list.md",
            api(
                "List things",
                &["GET /users/{id}/things"],
                "Thing.Read|Thing.ReadWrite, Thing.Legacy",
                "Not supported.|Not supported.",
            ),
        ),
        (
            "v1.0/api/gone-delete.md",
            api(
                "Delete gone",
                &["DELETE /gone/{id}"],
                "Gone.ReadWrite|",
                "Gone.ReadWrite.All|",
            ),
        ),
        (
            "v1.0/resources/thing.md",
            resource(&["id", "name"], "`active`, `inactive`"),
        ),
    ]);
    let new = tree(&[
        (
            "v1.0/api/thing-list.md",
            api(
                "List things",
                &["GET /users/{id}/things", "GET /me/things"],
                "Thing.Read.All|Thing.ReadWrite, Thing.Manage",
                "Thing.Read.All|Not supported.",
            ),
        ),
        (
            "v1.0/api/new-create.md",
            api(
                "Create new",
                &["POST /new"],
                "New.ReadWrite|",
                "Not supported.|Not supported.",
            ),
        ),
        (
            "v1.0/resources/thing.md",
            resource(&["id", "color"], "`active`, `archived`"),
        ),
    ]);
    diff(&old, &new)
}

fn has(changes: &[Change], kind: ChangeKind, detail: &str) -> bool {
    changes
        .iter()
        .any(|c| c.kind == kind && c.detail.contains(detail))
}

#[test]
fn every_kind_of_change_is_reported() {
    let c = changes();
    let text = render(&c);
    assert!(
        has(&c, ChangeKind::EndpointAdded, "GET /me/things"),
        "{text}"
    );
    assert!(
        c.iter()
            .any(|x| x.kind == ChangeKind::OperationAdded && x.detail.contains("POST /new")),
        "{text}"
    );
    assert!(
        c.iter()
            .any(|x| x.kind == ChangeKind::OperationRemoved
                && x.detail.contains("DELETE /gone/{id}")),
        "{text}"
    );
    assert!(
        has(
            &c,
            ChangeKind::LeastPrivilegedChanged,
            "Thing.Read -> Thing.Read.All"
        ),
        "{text}"
    );
    assert!(
        has(&c, ChangeKind::PermissionAdded, "Thing.Manage"),
        "{text}"
    );
    assert!(
        has(&c, ChangeKind::PermissionRemoved, "Thing.Legacy"),
        "{text}"
    );
    assert!(
        has(
            &c,
            ChangeKind::SchemeBecameSupported,
            "Application: now Thing.Read.All"
        ),
        "{text}"
    );
    assert!(has(&c, ChangeKind::PropertyAdded, "color"), "{text}");
    assert!(has(&c, ChangeKind::PropertyRemoved, "name"), "{text}");
    assert!(has(&c, ChangeKind::EnumMemberAdded, "archived"), "{text}");
    assert!(has(&c, ChangeKind::EnumMemberRemoved, "inactive"), "{text}");
}

#[test]
fn changes_that_widen_access_come_first() {
    let c = changes();
    let first_narrow = c
        .iter()
        .position(|x| !x.widens_access)
        .expect("some changes do not widen");
    assert!(first_narrow > 0, "{}", render(&c));
    assert!(
        c[first_narrow..].iter().all(|x| !x.widens_access),
        "{}",
        render(&c)
    );
}

#[test]
fn a_tree_against_itself_has_no_changes() {
    let old = tree(&[(
        "v1.0/api/thing-list.md",
        api(
            "List things",
            &["GET /things"],
            "Thing.Read|",
            "Not supported.|Not supported.",
        ),
    )]);
    assert!(diff(&old, &old).is_empty());
}

fn get_thing(response: &str) -> String {
    format!(
        "---\ntitle: \"Get thing\"\n---\n# Get thing\n\nReads.\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and {response} in the response body.\n"
    )
}

#[test]
fn retyped_properties_and_responses_are_breaking_and_additions_are_not() {
    let thing = |kind: &str| {
        format!(
            "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
             |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n|size|{kind}|The size.|\n"
        )
    };
    let old = tree(&[
        ("v1.0/resources/thing.md", thing("Int32")),
        (
            "v1.0/api/thing-get.md",
            get_thing("a [thing](../resources/thing.md) object"),
        ),
    ]);
    let retyped = tree(&[
        ("v1.0/resources/thing.md", thing("Int64 collection")),
        (
            "v1.0/api/thing-get.md",
            get_thing("a collection of [thing](../resources/thing.md) objects"),
        ),
    ]);
    let c = diff(&old, &retyped);
    let text = render(&c);
    assert!(
        has(
            &c,
            ChangeKind::PropertyTypeChanged,
            "size: Edm.Int32 -> Edm.Int64 collection"
        ),
        "{text}"
    );
    assert!(
        has(
            &c,
            ChangeKind::ResponseChanged,
            "microsoft.graph.thing -> microsoft.graph.thing collection"
        ),
        "{text}"
    );
    assert_eq!(impact(&c), Impact::Breaking);
    assert!(text.contains("generated crate: breaking"), "{text}");

    // Another operation and nothing else: additive.
    let mut pages = vec![
        ("v1.0/resources/thing.md", thing("Int32")),
        (
            "v1.0/api/thing-get.md",
            get_thing("a [thing](../resources/thing.md) object"),
        ),
    ];
    pages.push((
        "v1.0/api/thing-delete.md",
        api(
            "Delete thing",
            &["DELETE /things/{id}"],
            "Thing.ReadWrite|",
            "Not supported.|Not supported.",
        ),
    ));
    let added = diff(&old, &tree(&pages));
    assert_eq!(impact(&added), Impact::Additive, "{}", render(&added));

    // A body that becomes an array of what it was is retyped.
    let update = |body: &str| {
        api(
            "Update thing",
            &["PATCH /things/{id}"],
            "Thing.ReadWrite|",
            "Not supported.|Not supported.",
        ) + &format!("\n## Request body\n\nIn the request body, supply {body}.\n")
    };
    let one = tree(&[
        ("v1.0/resources/thing.md", thing("Int32")),
        (
            "v1.0/api/thing-update.md",
            update("a JSON representation of a [thing](../resources/thing.md) object"),
        ),
    ]);
    let many = tree(&[
        ("v1.0/resources/thing.md", thing("Int32")),
        (
            "v1.0/api/thing-update.md",
            update("an array of [thing](../resources/thing.md) objects"),
        ),
    ]);
    let c = diff(&one, &many);
    assert!(
        has(
            &c,
            ChangeKind::RequestBodyChanged,
            "microsoft.graph.thing -> microsoft.graph.thing collection"
        ),
        "{}",
        render(&c)
    );
    assert_eq!(impact(&diff(&old, &old)), Impact::None);
    // The full log of two trees that differ in every way breaks the API.
    assert_eq!(impact(&changes()), Impact::Breaking);
}

#[test]
fn a_model_under_another_name_is_renamed_not_removed_and_added() {
    // user-settings.md of 2019 documents `settings`; 2020's
    // usersettings.md the same properties as `userSettings`. A model of
    // another shape beside it is still removed and added.
    let page = |name: &str, props: &[&str]| {
        let rows: String = props
            .iter()
            .map(|p| format!("|{p}|Boolean|The {p}.|\n"))
            .collect();
        format!(
            "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n\n\
             ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}"
        )
    };
    let old = tree(&[
        (
            "v1.0/resources/user-settings.md",
            page("settings", &["contributionToContentDiscoveryDisabled"]),
        ),
        ("v1.0/resources/old.md", page("old", &["a"])),
    ]);
    let new = tree(&[
        (
            "v1.0/resources/usersettings.md",
            page("userSettings", &["contributionToContentDiscoveryDisabled"]),
        ),
        ("v1.0/resources/new.md", page("new", &["a", "b"])),
    ]);
    let c = diff(&old, &new);
    let kinds: Vec<(ChangeKind, &str, &str)> = c
        .iter()
        .map(|c| (c.kind, c.subject.as_str(), c.detail.as_str()))
        .collect();
    assert!(
        kinds.contains(&(
            ChangeKind::ModelRenamed,
            "microsoft.graph.userSettings (v1.0)",
            "was microsoft.graph.settings"
        )),
        "{kinds:?}"
    );
    assert!(
        !kinds
            .iter()
            .any(|(_, s, _)| s.contains("microsoft.graph.settings ")),
        "{kinds:?}"
    );
    assert!(kinds.contains(&(ChangeKind::ModelAdded, "microsoft.graph.new (v1.0)", "")));
    assert!(kinds.contains(&(ChangeKind::ModelRemoved, "microsoft.graph.old (v1.0)", "")));
    assert_eq!(impact(&c), Impact::Breaking);
}

#[test]
fn query_options_a_builder_loses_break_the_api_and_new_ones_add_to_it() {
    let list = |options: &str| {
        format!(
            "---\ntitle: \"List things\"\n---\n# List things\n\nLists.\n\n## HTTP request\n\n```http\nGET /things\n```\n\n\
             ## Optional query parameters\n\n{options}\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [thing](../resources/thing.md) objects in the response body.\n"
        )
    };
    let tree_with = |options: &str| {
        tree(&[
            ("v1.0/resources/thing.md", resource(&["id"], "`active`")),
            ("v1.0/api/thing-list.md", list(options)),
        ])
    };
    let all = tree_with(
        "This method supports the OData query parameters to help customize the response.",
    );
    let some = tree_with(
        "This method supports the `$filter` and `$top` OData query parameters.\n\n\
         | Parameter | Type | Description |\n|:--|:--|:--|\n| since | String | Things changed since then. |",
    );
    let narrowed = diff(&all, &some);
    let text = render(&narrowed);
    for gone in [
        "$select", "$expand", "$orderby", "$skip", "$count", "$search",
    ] {
        assert!(
            has(&narrowed, ChangeKind::QueryOptionRemoved, gone),
            "{text}"
        );
    }
    assert!(
        has(&narrowed, ChangeKind::QueryOptionAdded, "since"),
        "{text}"
    );
    assert!(
        !has(&narrowed, ChangeKind::QueryOptionRemoved, "$filter"),
        "{text}"
    );
    assert_eq!(impact(&narrowed), Impact::Breaking);
    assert_eq!(impact(&diff(&some, &all)), Impact::Breaking); // `since()` is gone
    let widened = diff(
        &tree_with("This method supports the `$filter` OData query parameter."),
        &some,
    );
    assert!(
        has(&widened, ChangeKind::QueryOptionAdded, "$top"),
        "{}",
        render(&widened)
    );
    assert_eq!(impact(&widened), Impact::Additive, "{}", render(&widened));
}

#[test]
fn a_scope_renamed_by_the_order_of_its_pages_lines_is_no_change() {
    // group-delete-event.md (2020): its permissions are a scope of the
    // operation it shares with event-delete.md, named after its first
    // line. Listed the other way round, the same scope had another name,
    // and the change log said one was removed and one added (widening).
    let group_lines = [
        "DELETE /groups/{id}/events/{id}",
        "DELETE /groups/{id}/calendar/events/{id}",
    ];
    let docs = |group: &[&str]| {
        tree(&[
            (
                "v1.0/api/event-delete.md",
                api(
                    "Delete event",
                    &[
                        "DELETE /me/events/{id}",
                        "DELETE /users/{id}/events/{id}",
                        "DELETE /groups/{id}/events/{id}",
                        "DELETE /groups/{id}/calendar/events/{id}",
                    ],
                    "Calendars.ReadWrite|",
                    "Calendars.ReadWrite|",
                ),
            ),
            (
                "v1.0/api/group-delete-event.md",
                api(
                    "Delete group event",
                    group,
                    "Group.ReadWrite.All|",
                    "Not supported.|Not supported.",
                ),
            ),
        ])
    };
    let reversed: Vec<&str> = group_lines.iter().rev().copied().collect();
    let (old, new) = (docs(&group_lines), docs(&reversed));
    let scopes = |ir: &Ir| -> Vec<Option<String>> {
        ir.operations
            .iter()
            .flat_map(|o| o.permissions.iter().map(|p| p.scope.clone()))
            .collect()
    };
    // The scope's name did change: the comparison is what must not.
    assert_ne!(scopes(&old), scopes(&new));
    assert!(
        scopes(&old).iter().filter(|s| s.is_some()).count() >= 2,
        "{:?}",
        scopes(&old)
    );
    let found = diff(&old, &new);
    assert!(found.is_empty(), "{found:#?}");
    // Endpoints that carry a scope within it (a task label of the page,
    // eventmessage-get.md: `GET /me/messages/{id} and 3 more: To get the
    // specified message`) say the same.
    let label = |mut ir: Ir| {
        for op in &mut ir.operations {
            for e in &mut op.endpoints {
                e.scope = e.scope.take().map(|s| format!("{s}: To delete the event"));
            }
        }
        ir
    };
    let found = diff(&label(old.clone()), &label(new.clone()));
    assert!(found.is_empty(), "{found:#?}");
    // A permission that does change in that scope is still reported, under
    // its new name.
    let changed = docs(&reversed);
    let mut widened = changed.clone();
    for op in &mut widened.operations {
        for set in &mut op.permissions {
            if set
                .scope
                .as_deref()
                .is_some_and(|s| s.starts_with("DELETE /groups/{id}/calendar"))
            {
                set.application = codegen::ir::SchemePermissions::Listed {
                    least: vec!["Group.ReadWrite.All".into()],
                    higher: Vec::new(),
                };
            }
        }
    }
    let found = diff(&old, &widened);
    assert!(
        has(&found, ChangeKind::SchemeBecameSupported, "DELETE /groups/{id}/calendar/events/{id} and 1 more, Application: now Group.ReadWrite.All"),
        "{found:#?}"
    );
}
