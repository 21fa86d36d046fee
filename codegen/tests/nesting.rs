//! How a model holds another: a complex type as it is, an entity in a
//! `Box`, and models on a cycle of properties held by value in a `Box`
//! (without it the struct would hold itself and the crate would not
//! compile).

mod common;

/// A resource page: `name` with `(property, type)` rows, derived from
/// `base` when given.
fn resource(name: &str, base: Option<&str>, properties: &[(&str, &str)]) -> (String, String) {
    let annotation = base.map_or(String::new(), |b| {
        format!(
            "<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{b}\"}} -->\n"
        )
    });
    let rows: String = properties
        .iter()
        .map(|(p, t)| format!("|{p}|{t}|The {p}.|\n"))
        .collect();
    let text = format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n\
         ## JSON representation\n\n{annotation}```json\n{{}}\n```\n"
    );
    (format!("v1.0/resources/{}.md", name.to_lowercase()), text)
}

#[test]
fn complex_types_are_held_as_they_are_and_entities_and_cycles_boxed() {
    let pages = vec![
        resource("entity", None, &[("id", "String")]),
        resource("itemBody", None, &[("content", "String")]),
        resource(
            "message",
            Some("entity"),
            &[
                ("body", "[itemBody](itembody.md)"),
                ("replyTo", "[message](message.md)"),
                ("parts", "[itemBody](itembody.md) collection"),
            ],
        ),
        resource(
            "mailbox",
            Some("entity"),
            &[
                ("latest", "[message](message.md)"),
                ("rule", "[rule](rule.md)"),
            ],
        ),
        // A complex type that holds an entity holds it as it is.
        resource("delivery", None, &[("sent", "[message](message.md)")]),
        // Complex types that hold one another: a cycle of two, and one
        // that holds itself.
        resource("rule", None, &[("condition", "[condition](condition.md)")]),
        resource(
            "condition",
            None,
            &[
                ("rule", "[rule](rule.md)"),
                ("body", "[itemBody](itembody.md)"),
            ],
        ),
        resource("node", None, &[("next", "[node](node.md)")]),
    ];
    let ir = common::ir_of(&pages);
    let files = codegen::emit::generate(&ir).unwrap();
    let models: String = common::joined(&files, "src/v1/models");
    for field in [
        // A complex type, as it is; a collection needs no box.
        "pub body: ::std::option::Option<ItemBody>,",
        "pub parts: ::std::option::Option<::std::vec::Vec<ItemBody>>,",
        "pub sent: ::std::option::Option<Message>,",
        // An entity's entities, boxed.
        "pub reply_to: ::std::option::Option<::std::boxed::Box<Message>>,",
        "pub latest: ::std::option::Option<::std::boxed::Box<Message>>,",
        // The cycle of complex types.
        "pub rule: ::std::option::Option<::std::boxed::Box<Rule>>,",
        "pub condition: ::std::option::Option<::std::boxed::Box<Condition>>,",
        "pub next: ::std::option::Option<::std::boxed::Box<Node>>,",
    ] {
        assert!(models.contains(field), "no `{field}` in\n{models}");
    }
    // The mailbox holds its rule as it is: only the cycle's own
    // properties are boxed.
    let start = models
        .find("pub struct MailboxProperties {")
        .expect("MailboxProperties");
    let mailbox = &models[start..start + models[start..].find("\n}\n").unwrap()];
    assert!(
        mailbox.contains("pub rule: ::std::option::Option<Rule>,"),
        "{mailbox}"
    );

    // Every struct has a size: the crate compiles.
    common::cargo_on(
        "nesting",
        &files,
        &[
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            "v1,full",
        ],
    );
}
