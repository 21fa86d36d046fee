//! Endpoints that read one property of what their page returns
//! (user-get-mailboxsettings.md: `GET /me/mailboxSettings/timeZone` beside
//! `GET /me/mailboxSettings`) are operations of their own, returning the
//! property's type.

use codegen::diagnostics::Code;
use codegen::ir::kept_names::KeptNames;

mod common;

fn pages() -> Vec<(String, String)> {
    let settings = "---\ntitle: \"mailboxSettings resource type\"\n---\n# mailboxSettings resource type\n\nSettings.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.mailboxSettings\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        | automaticRepliesSetting | [automaticRepliesSetting](automaticrepliessetting.md) | Replies. |\n\
        | delegateMeetingMessageDeliveryOptions | delegateMeetingMessageDeliveryOptions | Who gets meeting messages. The possible values are: `sendToDelegateAndInformationToPrincipal`, `sendToDelegateOnly`. |\n\
        | timeZone | String | The time zone. |\n";
    let replies = "---\ntitle: \"automaticRepliesSetting resource type\"\n---\n# automaticRepliesSetting resource type\n\nReplies.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.automaticRepliesSetting\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| status | String | Off or on. |\n";
    let get = "---\ntitle: \"Get user mailbox settings\"\n---\n# Get user mailbox settings\n\nGets them.\n\n\
        ## HTTP request\n\nTo get all the mailbox settings for a user:\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
        ```http\nGET /me/mailboxSettings\nGET /users/{id|userPrincipalName}/mailboxSettings\n```\n\n\
        To get specific settings:\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
        ```http\nGET /me/mailboxSettings/automaticRepliesSetting\nGET /users/{id|userPrincipalName}/mailboxSettings/automaticRepliesSetting\n\n\
        GET /me/mailboxSettings/delegateMeetingMessageDeliveryOptions\n\nGET /me/mailboxSettings/timeZone\nGET /users/{id|userPrincipalName}/mailboxSettings/timeZone\n```\n\n\
        ## Response\n\nIf successful, this method returns a `200 OK` response code and a [mailboxSettings](../resources/mailboxsettings.md) object in the response body.\n\n\
        ## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_all\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me/mailboxSettings\n```\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.mailboxSettings\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"timeZone\": \"UTC\"}\n```\n\n\
        <!-- { \"blockType\": \"request\", \"name\": \"get_replies\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me/mailboxSettings/automaticRepliesSetting\n```\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.automaticRepliesSetting\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"status\": \"alwaysEnabled\"}\n```\n";
    vec![
        ("v1.0/resources/mailboxsettings.md".into(), settings.into()),
        (
            "v1.0/resources/automaticrepliessetting.md".into(),
            replies.into(),
        ),
        ("v1.0/api/user-get-mailboxsettings.md".into(), get.into()),
    ]
}

#[test]
fn each_property_path_returns_the_property() {
    let ir = common::ir_of(&pages());
    let op = |path: &str| {
        ir.operations
            .iter()
            .find(|o| o.endpoints.iter().any(|e| e.path == path))
            .unwrap_or_else(|| panic!("no operation at {path}"))
    };
    let whole = op("/me/mailboxSettings");
    assert_eq!(
        whole.response.type_name.as_deref(),
        Some("microsoft.graph.mailboxSettings")
    );
    assert_eq!(whole.endpoints.len(), 2, "{:?}", whole.endpoints);
    let names: Vec<&str> = whole.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["get_all"]);

    let replies = op("/users/{id | userPrincipalName}/mailboxSettings/automaticRepliesSetting");
    assert_eq!(
        replies.response.type_name.as_deref(),
        Some("microsoft.graph.automaticRepliesSetting")
    );
    assert_eq!(replies.endpoints.len(), 2);
    let names: Vec<&str> = replies.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["get_replies"], "the example goes with its path");
    assert_eq!(replies.permissions, whole.permissions);

    assert_eq!(
        op("/me/mailboxSettings/timeZone")
            .response
            .type_name
            .as_deref(),
        Some("Edm.String")
    );
    let delivery = op("/me/mailboxSettings/delegateMeetingMessageDeliveryOptions");
    assert_eq!(
        delivery.response.type_name.as_deref(),
        Some("microsoft.graph.delegateMeetingMessageDeliveryOptions")
    );
    assert!(
        !ir.models
            .iter()
            .any(|m| m.name == "microsoft.graph.delegateMeetingMessageDeliveryOptions"),
        "an enum returned is no model"
    );
    assert!(
        !ir.diagnostics
            .iter()
            .any(|d| d.code == Code::ConflictingFacts),
        "the replies example no longer conflicts with the page's type: {:?}",
        ir.diagnostics
    );
}

#[test]
fn a_property_path_builder_returns_the_property_as_graph_sends_it() {
    let files = codegen::emit::generate(&common::ir_of(&pages())).unwrap();
    let builders = common::builders(&files, "v1");
    let returns = |ty: &str| {
        let block = common::impl_block(&builders, ty).unwrap_or_else(|| panic!("no {ty}"));
        let at = block.find("-> Request<").expect("a get");
        block[at..].split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(
        returns("UsersItemMailboxSettingsTimeZone")
            .starts_with("-> Request< crate::request::Primitive<::std::string::String>,"),
        "{}",
        returns("UsersItemMailboxSettingsTimeZone")
    );
    // An enum member comes as `{"value": "sendToDelegateOnly"}` too.
    assert!(
        returns("UsersItemMailboxSettingsDelegateMeetingMessageDeliveryOptions")
            .starts_with("-> Request< crate::request::Primitive<"),
        "{}",
        returns("UsersItemMailboxSettingsDelegateMeetingMessageDeliveryOptions")
    );
    assert!(
        returns("UsersItemMailboxSettingsAutomaticRepliesSetting")
            .starts_with("-> Request< crate::v1::models::AutomaticRepliesSetting,"),
        "{}",
        returns("UsersItemMailboxSettingsAutomaticRepliesSetting")
    );
}

#[test]
fn an_update_of_a_property_path_stays_with_its_page() {
    // What `PATCH .../mailboxSettings/timeZone` would take and return the
    // page does not say apart from the whole: it is left as documented.
    let mut pages = pages();
    pages.retain(|(p, _)| p.contains("/resources/"));
    pages.push((
        "v1.0/api/user-update-mailboxsettings.md".into(),
        "---\ntitle: \"Update user mailbox settings\"\n---\n# Update user mailbox settings\n\nUpdates.\n\n\
         ## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
         ```http\nPATCH /me/mailboxSettings\nPATCH /me/mailboxSettings/timeZone\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a [mailboxSettings](../resources/mailboxsettings.md) object in the response body.\n"
            .into(),
    ));
    let ir = common::ir_of(&pages);
    assert_eq!(ir.operations.len(), 1, "{:?}", ir.operations);
    assert_eq!(ir.operations[0].endpoints.len(), 2);
}

#[test]
fn the_whole_beside_a_property_path_takes_and_returns_its_own_type() {
    // listitem-update.md (2020): `PATCH .../items/{item-id}` and `PATCH
    // .../items/{item-id}/fields` on one page that documents a
    // fieldValueSet, what a listItem's `fields` holds. The item path is a
    // listItem's (listitem-get.md), and takes and returns one.
    let resource = |name: &str, rows: &str| {
        (
            format!("v1.0/resources/{}.md", name.to_ascii_lowercase()),
            format!(
                "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
                 <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n\n\
                 ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}"
            ),
        )
    };
    let get = "---\ntitle: \"Get listItem\"\n---\n# Get listItem\n\nGets one.\n\n\
        ## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
        ```http\nGET /sites/{site-id}/lists/{list-id}/items/{item-id}\n```\n\n\
        ## Response\n\nIf successful, this method returns a `200 OK` response code and a [listItem](../resources/listitem.md) object in the response body.\n";
    let update = "---\ntitle: \"Update listItem\"\n---\n# Update listItem\n\nUpdates one.\n\n\
        ## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\n\
        Update the properties on a listItem.\n```http\nPATCH https://graph.microsoft.com/v1.0/sites/{site-id}/lists/{list-id}/items/{item-id}\n```\n\n\
        Update column values on a listItem.\n```http\nPATCH https://graph.microsoft.com/v1.0/sites/{site-id}/lists/{list-id}/items/{item-id}/fields\n```\n\n\
        ## Request body\n\nIn the request body, supply a JSON representation of a [fieldValueSet](../resources/fieldvalueset.md) specifying the fields to update.\n\n\
        ## Response\n\nIf successful, this method returns a `201 Created` response code and a [fieldValueSet](../resources/fieldvalueset.md) in the response body.\n\n\
        ## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"update-listitem\" } -->\n\
        ```http\nPATCH https://graph.microsoft.com/v1.0/sites/{site-id}/lists/{list-id}/items/{item-id}/fields\nContent-Type: application/json\n\n{\"Color\": \"Fuchsia\"}\n```\n";
    let pages = vec![
        resource(
            "listItem",
            "| id | String | The id. |\n| fields | [fieldValueSet](fieldvalueset.md) | The values of the columns. |\n",
        ),
        resource("fieldValueSet", "| id | String | The id. |\n"),
        ("v1.0/api/listitem-get.md".into(), get.into()),
        ("v1.0/api/listitem-update.md".into(), update.into()),
    ];
    let ir = common::ir_of(&pages);
    let patch = |path: &str| {
        common::operation(&ir, "PATCH", path)
            .unwrap_or_else(|| panic!("no PATCH of {path}: {:?}", ir.operations))
    };
    let item = patch("/sites/{site-id}/lists/{list-id}/items/{item-id}");
    let fields = patch("/sites/{site-id}/lists/{list-id}/items/{item-id}/fields");
    assert_ne!(item.id, fields.id);
    assert_eq!(item.endpoints.len(), 1);
    assert_eq!(fields.endpoints.len(), 1);
    let types = |o: &codegen::ir::Operation| {
        (
            o.request_body.type_name.clone(),
            o.response.type_name.clone(),
        )
    };
    let of = |t: &str| Some(format!("microsoft.graph.{t}"));
    assert_eq!(types(item), (of("listItem"), of("listItem")));
    assert_eq!(types(fields), (of("fieldValueSet"), of("fieldValueSet")));
    assert!(item.examples.is_empty());
    assert_eq!(fields.examples.len(), 1, "the example goes with its path");
    assert_eq!(item.permissions, fields.permissions);
}

#[test]
fn a_split_off_operation_takes_a_free_id() {
    // `GET /me/mailbox_settings/time_zone` (a page of its own) derives the
    // id of the timeZone path split off user-get-mailboxsettings.md. The
    // split comes after the merge; the ids must still be one each, with
    // `D0502` on the one numbered: two operations of one id share one
    // options marker type and one entry of the permissions metadata.
    let before = common::ir_of(&pages());
    let mut pages = pages();
    pages.push((
        "v1.0/api/user-get-timezone.md".into(),
        "---\ntitle: \"Get the time zone\"\n---\n# Get the time zone\n\nGets it.\n\n\
         ## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
         ```http\nGET /me/mailbox_settings/time_zone\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a string in the response body.\n"
            .into(),
    ));
    let ir = common::ir_of(&pages);
    let split = common::operation(&ir, "GET", "/me/mailboxSettings/timeZone").expect("split off");
    let other = common::operation(&ir, "GET", "/me/mailbox_settings/time_zone").expect("its page");
    assert_ne!(split.id, other.id);
    let mut ids: Vec<&str> = ir.operations.iter().map(|o| o.id.as_str()).collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "an id twice: {ids:?}");
    let said = common::said(&ir, Code::DuplicateOperationId);
    assert_eq!(said.len(), 1, "{said:?}");
    // The newcomer sorts first, so it took the bare id. With the lock of
    // the crate from before it, the split-off operation keeps its id.
    let derived = "v1_get_me_mailbox_settings_time_zone";
    assert_eq!(other.id, derived);
    let lock = KeptNames::render(&before, "@generated");
    let kept = common::ir_keeping(&pages, &KeptNames::read(&lock, "names.lock"));
    let id = |path: &str| &common::operation(&kept, "GET", path).expect("there").id;
    assert_eq!(id("/me/mailboxSettings/timeZone"), derived);
    assert_eq!(
        id("/me/mailbox_settings/time_zone"),
        &format!("{derived}_2")
    );
}
