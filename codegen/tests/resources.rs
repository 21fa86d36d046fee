//! Snapshot tests of real resource pages (copied from the 2020 v1.0 tree
//! into `tests/fixtures/resources`): a base type and derived types (one by
//! annotation, one by "Inherits from"), navigation properties with a docs
//! slip in the relationships table, a flags enum page, and a page whose
//! annotation misspells its type's name and names a base its prose refines
//! (orgcontact.md).

use std::path::Path;

mod common;

/// The response type of the operation that has an endpoint at `path`.
fn returns(ir: &codegen::ir::Ir, path: &str) -> Option<String> {
    ir.operations
        .iter()
        .find(|o| o.endpoints.iter().any(|e| e.path == path))
        .and_then(|o| o.response.type_name.clone())
}

/// The model `microsoft.graph.{name}` of the IR.
fn graph_model<'i>(ir: &'i codegen::ir::Ir, name: &str) -> &'i codegen::ir::Model {
    ir.models
        .iter()
        .find(|m| m.name == format!("microsoft.graph.{name}"))
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn real_resource_pages() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resources/api-reference/v1.0");
    let ir = codegen::load_ir(&dir, "fixtures/api-reference/v1.0");
    insta::assert_yaml_snapshot!("resource_models", (&ir.models, &ir.enums, &ir.diagnostics));

    // An empty properties table (intune-mam-mobileappidentifier.md) and a
    // JSON representation of `{}` (mediaconfig.md, an abstract base) say
    // there are none: the empty model is all they hold, and no D0602.
    for name in ["mobileAppIdentifier", "mediaConfig"] {
        let model = graph_model(&ir, name);
        assert!(model.properties.is_empty(), "{:?}", model.properties);
    }
    let empty = common::said(&ir, codegen::diagnostics::Code::ResourceEmpty);
    assert!(empty.is_empty(), "{empty:?}");

    // Open types keyed by data (plannerassignments.md: user ids;
    // plannerchecklistitems.md: `"String-value"`): no properties named
    // after sample keys; the values' type is the entry type, from the
    // sample's `@odata.type`, or from the one type that has the sample's
    // fields (all but one: the sample misspells `lastModifiedDateTime`).
    for (name, entry) in [
        ("plannerAssignments", "plannerAssignment"),
        ("plannerChecklistItems", "plannerChecklistItem"),
    ] {
        let model = graph_model(&ir, name);
        assert!(model.properties.is_empty(), "{:?}", model.properties);
        assert!(model.open_type);
        assert_eq!(
            model.entry_type.as_deref(),
            Some(format!("microsoft.graph.{entry}").as_str())
        );
    }
    let keyed = common::said(&ir, codegen::diagnostics::Code::SampleKeys);
    assert_eq!(keyed.len(), 2, "{keyed:?}");

    let device = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.device")
        .expect("device");
    assert_eq!(
        device.base_type.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    // The docs restate `id` on every page of the chain; the derived page wins.
    let id = device
        .properties
        .iter()
        .find(|p| p.name == "id")
        .expect("id");
    assert_eq!(
        id.inherited_from, None,
        "a derived page that restates a property wins"
    );
    let member_of = device
        .properties
        .iter()
        .find(|p| p.name == "memberOf")
        .expect("navigation property");
    assert!(member_of.collection);
    assert_eq!(member_of.type_name, "microsoft.graph.directoryObject");
    assert!(
        !device.properties.iter().any(|p| p.name.contains(' ')),
        "a method row in the relationships table is not a property"
    );

    let android = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.androidMobileAppIdentifier")
        .expect("android identifier");
    assert_eq!(
        android.base_type.as_deref(),
        Some("microsoft.graph.mobileAppIdentifier")
    );

    // orgcontact.md: annotated `microsoft.graph.orgcontact` with base
    // `entity`, titled "orgContact resource type", "Inherits from
    // [directoryObject](directoryobject.md)". Graph sends
    // `#microsoft.graph.orgContact`, and an organizational contact is a
    // directory object (a group's members list them).
    let contact = ir
        .models
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("microsoft.graph.orgContact"))
        .expect("orgContact");
    assert_eq!(contact.name, "microsoft.graph.orgContact");
    assert_eq!(
        contact.base_type.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    let codes: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("orgcontact.md"))
        .map(|d| d.code.as_str())
        .collect();
    assert!(
        codes.contains(&"D0603") && codes.contains(&"D0604"),
        "{codes:?}"
    );

    let arch = ir
        .enums
        .iter()
        .find(|e| e.name == "microsoft.graph.windowsArchitecture")
        .expect("enum");
    assert!(arch.flags);
    assert_eq!(arch.members, ["none", "x86", "x64", "arm", "neutral"]);
}

#[test]
fn a_property_every_example_sends_as_a_list_is_a_collection() {
    // application.md (2020) types `addIns` as one `addIn`; its examples
    // send lists, and Graph answers `"addIns": []`. `owner` is sent once as
    // an object: the page's word stands.
    let application = "---\ntitle: \"application resource type\"\n---\n# application resource type\n\nAn app.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.application\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        | id | String | The id. |\n| addIns | [addIn](addin.md) | Custom behaviour. |\n| owner | [addIn](addin.md) | One. |\n";
    let add_in = "---\ntitle: \"addIn resource type\"\n---\n# addIn resource type\n\nAn add-in.\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| type | String | The kind. |\n";
    let get = |title: &str, path: &str, body: &str| {
        format!(
            "---\ntitle: \"{title}\"\n---\n# {title}\n\nReads.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and an [application](../resources/application.md) object in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let pages: Vec<(String, String)> = vec![
        ("v1.0/resources/application.md".into(), application.into()),
        ("v1.0/resources/addin.md".into(), add_in.into()),
        (
            "v1.0/api/application-get.md".into(),
            get(
                "Get application",
                "/applications/{id}",
                r#"{"id": "1", "addIns": [], "owner": {"type": "a"}}"#,
            ),
        ),
        (
            "v1.0/api/application-list.md".into(),
            get(
                "Get my application",
                "/me/application",
                r#"{"id": "2", "addIns": [{"type": "FileHandler"}], "owner": []}"#,
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let application = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.application")
        .expect("application");
    let collection = |name: &str| {
        application
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.collection)
    };
    assert_eq!(collection("addIns"), Some(true));
    assert_eq!(collection("owner"), Some(false));
    let said = common::said(&ir, codegen::diagnostics::Code::ExampleCollection);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].message.contains("`application.addIns`"), "{said:?}");
}

#[test]
fn a_base_type_the_prose_names_outranks_the_derived_type_an_example_shows() {
    // event-list-attachments.md (2020): "a collection of [Attachment]
    // objects", with an example annotated `microsoft.graph.fileAttachment`.
    // The list holds every kind of attachment.
    let resource = |name: &str, base: &str| {
        format!(
            "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
        )
    };
    let list = |title: &str, path: &str, named: &str| {
        format!(
            "---\ntitle: \"{title}\"\n---\n# {title}\n\nLists.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and collection of [{named}](../resources/{named}.md) objects in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.fileAttachment\", \"isCollection\": true }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": [{{\"id\": \"1\"}}]}}\n```\n"
        )
    };
    let pages: Vec<(String, String)> = vec![
        (
            "v1.0/resources/attachment.md".into(),
            resource("attachment", ""),
        ),
        (
            "v1.0/resources/fileattachment.md".into(),
            resource(
                "fileAttachment",
                ", \"baseType\": \"microsoft.graph.attachment\"",
            ),
        ),
        ("v1.0/resources/message.md".into(), resource("message", "")),
        (
            "v1.0/api/event-list-attachments.md".into(),
            list(
                "List attachments",
                "/me/events/{id}/attachments",
                "Attachment",
            ),
        ),
        // Prose that names no base of the example's type leaves it.
        (
            "v1.0/api/message-list-attachments.md".into(),
            list(
                "List attachments",
                "/me/messages/{id}/attachments",
                "message",
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    assert_eq!(
        returns(&ir, "/me/events/{id}/attachments").as_deref(),
        Some("microsoft.graph.attachment")
    );
    assert_eq!(
        returns(&ir, "/me/messages/{id}/attachments").as_deref(),
        Some("microsoft.graph.fileAttachment")
    );
}

#[test]
fn an_ignored_example_s_context_types_an_operation_nothing_else_types() {
    // projectrome-get-activities.md (2020): the prose names no type, and
    // the only example response is `ignored`, annotated with a type that
    // is no model; its body's context says `Collection(userActivity)`, and
    // it has a trailing comma.
    let activity = "---\ntitle: \"userActivity resource type\"\n---\n# userActivity resource type\n\nAn activity.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.userActivity\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";
    let list = "---\ntitle: \"Get user activities\"\n---\n# Get user activities\n\nLists.\n\n\
        ## HTTP request\n\n```http\nGET /me/activities\n```\n\n\
        ## Response\n\nIf successful, this method returns the `200 OK` response code with the user's activities for your application.\n\n\
        ## Example\n\n<!-- { \"blockType\": \"ignored\", \"@odata.type\": \"Collection(microsoft.graph.activity)\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n\
        {\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Collection(userActivity)\", \"value\": [{\"id\": \"1\",}]}\n```\n";
    let ir = common::ir_of(&[
        (
            "v1.0/resources/useractivity.md".to_string(),
            activity.to_string(),
        ),
        (
            "v1.0/api/projectrome-get-activities.md".to_string(),
            list.to_string(),
        ),
    ]);
    let response = &ir
        .operations
        .iter()
        .find(|o| o.endpoints.iter().any(|e| e.path == "/me/activities"))
        .expect("the list")
        .response;
    assert_eq!(
        (response.type_name.as_deref(), response.collection),
        (Some("microsoft.graph.userActivity"), true)
    );
    // The ignored body is not checked: no diagnostic about its JSON.
    assert!(
        !ir.diagnostics
            .iter()
            .any(|d| d.code == codegen::diagnostics::Code::JsonRecovered),
        "{:?}",
        ir.diagnostics
    );
}

#[test]
fn annotations_keep_their_word_where_the_title_and_prose_do_not_refine_it() {
    // "Drive resource type" capitalises a heading; it does not respell
    // `microsoft.graph.drive`. A prose base that does not derive from the
    // annotation's (`place` beside `item`) leaves the annotation's base.
    let resource = |file_title: &str, odata: &str, base: &str, prose: &str| {
        format!(
            "---\ntitle: \"{file_title} resource type\"\n---\n# {file_title} resource type\n\n{prose}\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"{odata}\", \"baseType\": \"{base}\"}} -->\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
        )
    };
    let pages: Vec<(String, String)> = vec![
        (
            "v1.0/resources/drive.md".into(),
            resource(
                "Drive",
                "microsoft.graph.drive",
                "microsoft.graph.item",
                "A drive. Inherits from [place](place.md).",
            ),
        ),
        (
            "v1.0/resources/item.md".into(),
            resource("item", "microsoft.graph.item", "", "An item."),
        ),
        (
            "v1.0/resources/place.md".into(),
            resource("place", "microsoft.graph.place", "", "A place."),
        ),
    ];
    let ir = common::ir_of(&pages);
    let drive = ir
        .models
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("microsoft.graph.drive"))
        .expect("drive");
    assert_eq!(drive.name, "microsoft.graph.drive");
    assert_eq!(drive.base_type.as_deref(), Some("microsoft.graph.item"));
    let codes: Vec<&str> = ir.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        !codes.contains(&"D0603") && !codes.contains(&"D0604"),
        "{codes:?}"
    );
}

#[test]
fn an_example_s_fields_settle_a_prose_type_against_an_unrelated_annotation() {
    // educationclass-get-group.md (2019, 2020): annotated `user`, "returns
    // ... a [group](../resources/group.md) object", and the example sends a
    // group's fields. A page whose example sends a field only the
    // annotation's type has keeps the annotation's word.
    let resource = |name: &str, props: &[&str]| {
        let rows: String = props
            .iter()
            .map(|p| format!("| {p} | String | The {p}. |\n"))
            .collect();
        format!(
            "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}"
        )
    };
    let get = |path: &str, body: &str| {
        format!(
            "---\ntitle: \"Get group\"\n---\n# Get group\n\nReads.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a [group](../resources/group.md) object in the response body.\n\n\
             ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
             <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.user\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let pages: Vec<(String, String)> = vec![
        (
            "v1.0/resources/user.md".into(),
            resource("user", &["id", "displayName", "jobTitle"]),
        ),
        (
            "v1.0/resources/group.md".into(),
            resource("group", &["id", "displayName", "groupTypes"]),
        ),
        (
            "v1.0/api/educationclass-get-group.md".into(),
            get(
                "/education/classes/{id}/group",
                r#"{"id": "1", "displayName": "Math", "groupTypes": ["Unified"]}"#,
            ),
        ),
        (
            "v1.0/api/educationschool-get-user.md".into(),
            get(
                "/education/schools/{id}/user",
                r#"{"id": "1", "groupTypes": [], "jobTitle": "Teacher"}"#,
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    assert_eq!(
        returns(&ir, "/education/classes/{id}/group").as_deref(),
        Some("microsoft.graph.group")
    );
    assert_eq!(
        returns(&ir, "/education/schools/{id}/user").as_deref(),
        Some("microsoft.graph.user"),
        "`jobTitle` is a user's alone"
    );
    let said: Vec<&str> = ir
        .diagnostics
        .iter()
        .filter(|d| d.code == codegen::diagnostics::Code::ConflictingFacts)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("`groupTypes`"), "{said:?}");
}

#[test]
fn a_type_cell_of_alternatives_is_the_type_each_is_a_kind_of() {
    // call.md (2020): `mediaConfig` is "[appHostedMediaConfig](...) or
    // [serviceHostedMediaConfig](...)", both based on `mediaConfig`;
    // `meetingInfo` is "organizerMeetingInfo or tokenMeetingInfo", which
    // the pages give no base, beside a documented `meetingInfo`.
    let resource = |name: &str, base: Option<&str>, rows: &str| {
        let base = base.map_or(String::new(), |b| {
            format!(", \"baseType\": \"microsoft.graph.{b}\"")
        });
        format!(
            "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
             <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n{rows}"
        )
    };
    let call_rows = "| mediaConfig | [appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](servicehostedmediaconfig.md) | Media. |\n\
        | meetingInfo | [organizerMeetingInfo](organizermeetinginfo.md) or [tokenMeetingInfo](tokenmeetinginfo.md) | Meeting. |\n\
        | source | appSource or userSource | Neither is documented. |\n";
    let pages: Vec<(String, String)> = [
        ("call", None, call_rows),
        ("mediaConfig", None, ""),
        ("appHostedMediaConfig", Some("mediaConfig"), ""),
        ("serviceHostedMediaConfig", Some("mediaConfig"), ""),
        ("meetingInfo", None, ""),
        ("organizerMeetingInfo", None, ""),
        ("tokenMeetingInfo", None, ""),
    ]
    .iter()
    .map(|(name, base, rows)| {
        (
            format!("v1.0/resources/{}.md", name.to_ascii_lowercase()),
            resource(name, *base, rows),
        )
    })
    .collect();
    let ir = common::ir_of(&pages);
    let call = ir
        .models
        .iter()
        .find(|m| m.name == "microsoft.graph.call")
        .expect("call");
    let type_of = |name: &str| property_type(call, name);
    assert_eq!(type_of("mediaConfig"), Some("microsoft.graph.mediaConfig"));
    assert_eq!(type_of("meetingInfo"), Some("microsoft.graph.meetingInfo"));
    // The cell says each is a kind of `meetingInfo`; they had no base.
    let base_of = |name: &str| {
        ir.models
            .iter()
            .find(|m| m.name == name)
            .and_then(|m| m.base_type.as_deref())
    };
    assert_eq!(
        base_of("microsoft.graph.tokenMeetingInfo"),
        Some("microsoft.graph.meetingInfo")
    );
    assert_eq!(
        base_of("microsoft.graph.appHostedMediaConfig"),
        Some("microsoft.graph.mediaConfig")
    );
    let said = |code: codegen::diagnostics::Code| {
        ir.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(said(codegen::diagnostics::Code::TypeAlternatives).len(), 2);
    let unknown = said(codegen::diagnostics::Code::UnknownType);
    assert!(
        unknown.iter().any(|m| m.contains("`call.source`")),
        "{unknown:?}"
    );
}

/// The type of `model`'s property `name`.
fn property_type<'m>(model: &'m codegen::ir::Model, name: &str) -> Option<&'m str> {
    model
        .properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.type_name.as_str())
}

/// A resource page of `name` with an `id` and the property `rows`.
fn resource_page(name: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\n---\n# {name} resource type\n\nA {name}.\n\n\
         <!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n{rows}"
    )
}

#[test]
fn values_listed_for_a_documented_model_make_no_enum() {
    // signin.md (2020): `status` is a `signInStatus`, "Possible values
    // include `Success` and `Failure`", and signinstatus.md documents a
    // complex type. An enum page under a model's name is the same clash.
    let pages = vec![
        (
            "v1.0/resources/signin.md".to_string(),
            resource_page(
                "signIn",
                "|status|[signInStatus](signinstatus.md)|Sign-in status. Possible values include `Success` and `Failure`.|\n\
                 |kind|[signInKind](signinkind.md)|The kind.|\n",
            ),
        ),
        (
            "v1.0/resources/signinstatus.md".to_string(),
            resource_page("signInStatus", "| errorCode | Int32 | The error code. |\n"),
        ),
        (
            "v1.0/resources/signinkind.md".to_string(),
            resource_page("signInKind", "| name | String | The name. |\n"),
        ),
        (
            "v1.0/resources/signinkind-enum.md".to_string(),
            "---\ndoc_type: enumPageType\n---\n# signInKind enum type\n\nNamespace: microsoft.graph\n\n\
             ## Members\n\n|Member|Value|Description|\n|:---|:---|:---|\n|one|0|One.|\n"
                .to_string(),
        ),
    ];
    let ir = common::ir_of(&pages);
    let model = graph_model(&ir, "signInStatus");
    assert_eq!(model.properties.len(), 2, "{:?}", model.properties);
    let signin = graph_model(&ir, "signIn");
    let status = signin
        .properties
        .iter()
        .find(|p| p.name == "status")
        .expect("status");
    assert_eq!(status.type_name, "microsoft.graph.signInStatus");
    graph_model(&ir, "signInKind");
    let enums: Vec<&str> = ir.enums.iter().map(|e| e.name.as_str()).collect();
    assert!(enums.is_empty(), "{enums:?}");
    let said = common::said(&ir, codegen::diagnostics::Code::EnumNamedLikeModel);
    let at: Vec<String> = said
        .iter()
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect();
    assert_eq!(
        at,
        [
            "v1.0/resources/signin.md:15",
            "v1.0/resources/signinkind-enum.md:4"
        ],
        "{said:?}"
    );
    assert!(said[0].message.contains("(Success, Failure)"), "{said:?}");
    assert!(said[0].message.contains("signinstatus.md:"), "{said:?}");
}

#[test]
fn values_listed_for_a_number_or_json_make_no_enum() {
    // range.md (2020): `valueTypes` is `Json` (a grid of cell types), and
    // its description lists `Unknown`, `Empty`, `String` ...: that made an
    // enum named `Edm.Untyped`, public in the crate and used by nothing. A
    // status that is a number keeps its type when an API page lists the
    // states of what it returns.
    let range = "---\ntitle: \"range resource type\"\n---\n# range resource type\n\nA range.\n\n\
        <!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookRange\"} -->\n\n\
        ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        |valueTypes|Json|Represents the type of data of each cell. The possible values are: `Unknown`, `Empty`, `String`. Read-only.|\n\
        |level|Int32|The level. The possible values are: `1`, `2`.|\n\
        |status|Int32|The state.|\n\
        |kind|String|The kind. The possible values are: `a`, `b`.|\n";
    let get = "---\ntitle: \"Get range\"\ndoc_type: apiPageType\n---\n# Get range\n\n\
        Gets a range. The possible values are: `notStarted`, `running`, `succeeded`, `failed`.\n\n\
        ## HTTP request\n\n```http\nGET /workbook/range\n```\n\n\
        ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
        [workbookRange](../resources/range.md) object in the response body.\n";
    let ir = common::ir_of(&[
        ("v1.0/resources/range.md".to_string(), range.to_string()),
        ("v1.0/api/range-get.md".to_string(), get.to_string()),
    ]);
    let model = graph_model(&ir, "workbookRange");
    let type_of = |name: &str| property_type(model, name);
    assert_eq!(type_of("valueTypes"), Some("Edm.Untyped"));
    assert_eq!(type_of("level"), Some("Edm.Int32"));
    assert_eq!(type_of("status"), Some("Edm.Int32"));
    assert_eq!(
        type_of("kind"),
        Some("microsoft.graph.workbookRangeKind"),
        "a string's values still make its enum"
    );
    let enums: Vec<&str> = ir.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(enums, ["microsoft.graph.workbookRangeKind"]);
}

#[test]
fn a_string_listing_a_documented_enum_s_members_is_of_that_enum() {
    // plannertask.md (2020): `previewType` is a String whose values are
    // exactly plannerPreviewType's (enums.md), its type in Graph's
    // metadata. Values spelled otherwise, or shared by two documented
    // enums, keep an enum of their own.
    let enums = "---\ntitle: \"Enum values\"\ndoc_type: enumPageType\n---\n\nNamespace: microsoft.graph\n\n\
        ### plannerPreviewType values\n\n| Member\n|:---\n| automatic\n| noPreview\n| checklist\n\n\
        ### operationStatus values\n\n| Member\n|:---\n| NotStarted\n| Running\n\n\
        ### colorA values\n\n| Member\n|:---\n| red\n| blue\n\n\
        ### colorB values\n\n| Member\n|:---\n| red\n| blue\n";
    let pages = vec![
        ("v1.0/resources/enums.md".to_string(), enums.to_string()),
        (
            "v1.0/resources/plannertask.md".to_string(),
            resource_page(
                "plannerTask",
                "|previewType|String|The preview. Possible values are: `automatic`, `noPreview`, `checklist`.|\n\
                 |status|String|The state. Possible values are: `notStarted`, `running`.|\n\
                 |color|String|The color. Possible values are: `red`, `blue`.|\n",
            ),
        ),
    ];
    let ir = common::ir_of(&pages);
    let task = graph_model(&ir, "plannerTask");
    let type_of = |name: &str| property_type(task, name);
    assert_eq!(
        type_of("previewType"),
        Some("microsoft.graph.plannerPreviewType")
    );
    assert_eq!(type_of("status"), Some("microsoft.graph.plannerTaskStatus"));
    assert_eq!(type_of("color"), Some("microsoft.graph.plannerTaskColor"));
    let names: Vec<&str> = ir.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.colorA",
            "microsoft.graph.colorB",
            "microsoft.graph.operationStatus",
            "microsoft.graph.plannerPreviewType",
            "microsoft.graph.plannerTaskColor",
            "microsoft.graph.plannerTaskStatus",
        ]
    );
}

#[test]
fn a_table_under_the_properties_of_something_else_is_not_the_type_s() {
    // tokenlifetimepolicy.md (2020): "### Properties of a token lifetime
    // policy definition" lists the keys of the JSON its `definition`
    // strings hold. They were fields of the model Graph never sends.
    let policy = resource_page(
        "tokenLifetimePolicy",
        "| definition | String collection | A JSON string. |\n\n\
         ### Properties of a token lifetime policy definition\n\n\
         | Property | Type | Description |\n|:--|:--|:--|\n\
         | AccessTokenLifetime | String | How long tokens are valid. |\n| Version | Integer | Set value of 1. |\n\n\
         ## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n\
         | appliesTo | [directoryObject](directoryobject.md) collection | Where it applies. |\n",
    );
    // A heading that names the page's own type keeps its table.
    let user = resource_page(
        "user",
        "\n### Properties of the user resource\n\n\
         | Property | Type | Description |\n|:--|:--|:--|\n| displayName | String | The name. |\n",
    );
    let pages = vec![
        ("v1.0/resources/tokenlifetimepolicy.md".to_string(), policy),
        ("v1.0/resources/user.md".to_string(), user),
    ];
    let ir = common::ir_of(&pages);
    let names = |model: &str| -> Vec<String> {
        graph_model(&ir, model)
            .properties
            .iter()
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(
        names("tokenLifetimePolicy"),
        ["id", "definition", "appliesTo"]
    );
    assert_eq!(names("user"), ["id", "displayName"]);
}
