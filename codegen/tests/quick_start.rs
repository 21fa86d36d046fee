//! The quick start on the generated crate's front page is written from a
//! documented example: it names the builders, the model and the
//! permissions of that tree, holds the docs' text only in string literals,
//! and runs as a doc test.

mod common;

const WIDGET: &str =
    "---\ntitle: \"widget resource type\"\n---\n# widget resource type\n\nA widget.\n\n\
    ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
    | id | String | The id. |\n| displayName | String | The name. |\n| size | Int32 | How big. |\n";

/// An API page: `GET {path}` with a permissions table, and one example
/// that sends `url` and is answered with `answer`.
fn get_page(title: &str, path: &str, url: &str, answer: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nms.prod: \"widgets\"\n---\n# {title}\n\nGets.\n\n\
         ## Permissions\n\n| Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n\
         | Delegated (work or school account) | Widget.Read, Widget.ReadWrite |\n\
         | Delegated (personal Microsoft account) | Not supported. |\n\
         | Application | Widget.Read.All |\n\n\
         ## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n\
         ## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n```http\nGET {url}\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{answer}\n```\n"
    )
}

/// The lines of the quick start's code block, hidden lines without their
/// `# `.
fn quick_start_code(lib: &str) -> String {
    let start = lib.find("doc = \"```\")]").expect("a quick start");
    let rest = &lib[start..];
    let rest = &rest[rest.find('\n').unwrap() + 1..];
    let rest = &rest[rest.find('\n').unwrap() + 1..];
    let end = rest.find("//! ```").expect("the code block ends");
    rest[..end]
        .lines()
        .map(|l| l.strip_prefix("//!").unwrap_or(l))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_quick_start_is_a_keyed_get_of_the_tree_with_the_docs_text_in_literals() {
    let hostile = "\\\"); std::process::exit(1); // \\\"# r#\\\"";
    let pages = vec![
        ("v1.0/resources/widget.md".to_string(), WIDGET.to_string()),
        (
            "v1.0/api/widget-list.md".to_string(),
            get_page(
                "Get the default widget",
                "/widgets/default",
                "https://graph.microsoft.com/v1.0/widgets/default",
                "{ \"id\": \"d\", \"displayName\": \"Default\" }",
            ),
        ),
        (
            "v1.0/api/widget-get.md".to_string(),
            get_page(
                "Get widget",
                "/widgets/{id}",
                "https://graph.microsoft.com/v1.0/widgets/w-1",
                &format!("{{ \"id\": \"w-1\", \"displayName\": \"{hostile}\", \"size\": 3 }}"),
            ),
        ),
    ];
    // A keyed beta page with a shorter answer: the stable API comes first.
    let pages = [
        pages,
        vec![
            ("beta/resources/widget.md".to_string(), WIDGET.to_string()),
            (
                "beta/api/widget-get.md".to_string(),
                get_page(
                    "Get widget",
                    "/widgets/{id}",
                    "https://graph.microsoft.com/beta/widgets/b",
                    "{ \"id\": \"b\" }",
                ),
            ),
        ],
    ]
    .concat();
    let ir = common::ir_of(&pages);
    let files = codegen::emit::generate(&ir).unwrap();
    let lib = common::file(&files, "src/lib.rs");
    assert!(lib.contains("//! # Quick start"), "{lib}");
    // Run with the features that switch the operation on; read otherwise.
    assert!(lib.contains(
        "#![cfg_attr(all(feature = \"v1\", feature = \"area-widgets\"), doc = \"```\")]"
    ));
    assert!(lib.contains(
        "#![cfg_attr(not(all(feature = \"v1\", feature = \"area-widgets\")), doc = \"```ignore\")]"
    ));

    let code = quick_start_code(lib);
    // The keyed path wins over the shorter answer of an unkeyed one.
    for expected in [
        ".widgets()",
        ".by_widget_id(\"w-1\")",
        "\"https://graph.microsoft.com/v1.0/widgets/w-1\"",
        "v1::models::Widget = request.parse(&response)?;",
        "answer.display_name.as_deref()",
        "\"v1_get_widgets_by_id\"",
        "Scheme::DelegatedWork, [\"Widget.Read\"]",
        "\"size\": 3",
        "Batch::new(v1::BASE_URL)",
        "\"https://graph.microsoft.com/v1.0/$batch\"",
        "answers.get(&handle)?",
        "let mut made = v1::models::Widget::default();",
        "made.display_name = Some(",
        "r##\"{\"displayName\":",
    ] {
        assert!(code.contains(expected), "no `{expected}` in\n{code}");
    }
    assert!(!code.contains("by_widget_id(\"default\")"), "{code}");

    // The docs' text is in string literals only: the code lexes, and the
    // words of the hostile value are no identifiers of it.
    let tokens: proc_macro2::TokenStream = format!("fn main() {{\n{code}\n}}")
        .parse()
        .expect("the quick start lexes");
    syn::parse2::<syn::File>(tokens.clone()).expect("the quick start parses");
    let mut names = Vec::new();
    common::idents(tokens, &mut names);
    for bad in ["process", "exit"] {
        assert!(!names.iter().any(|n| n == bad), "`{bad}` is code:\n{code}");
    }

    // And it runs: the URL it builds, the answer it reads back and the
    // permission it checks are what the crate does.
    let stdout = common::cargo_on(
        "quick",
        &files,
        &[
            "test",
            "--doc",
            "--no-default-features",
            "--features",
            "v1,full",
        ],
    );
    assert!(stdout.contains("src/lib.rs - (line"), "{stdout}");
}

#[test]
fn a_tree_with_no_example_to_show_has_no_quick_start() {
    // The only example sends a query, so its URL is not the builders' alone.
    let pages = vec![
        ("v1.0/resources/widget.md".to_string(), WIDGET.to_string()),
        (
            "v1.0/api/widget-get.md".to_string(),
            get_page(
                "Get widget",
                "/widgets/{id}",
                "https://graph.microsoft.com/v1.0/widgets/w-1?$select=id",
                "{ \"id\": \"w-1\" }",
            ),
        ),
    ];
    let files = codegen::emit::generate(&common::ir_of(&pages)).unwrap();
    let lib = common::file(&files, "src/lib.rs");
    assert!(!lib.contains("Quick start"), "{lib}");
    assert!(lib.contains("pub mod v1;"), "{lib}");
}
