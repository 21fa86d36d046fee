//! The quick start on the crate's front page (`src/lib.rs`), written from
//! one documented example, so that it names an operation, a model and
//! permissions this crate has, and runs as a doc test with the features
//! that switch them on (`ignore`d without them).
//!
//! The example is one the end-to-end tests send too: a `GET` with no
//! query answered with one object that fits its model, whose URL the
//! builders write as it is (its keys need no percent-encoding), on an
//! operation whose docs list permissions. Of those, one of the stable API
//! (`v1.0`), then one with a key in its path, then the shortest answer,
//! then the operation id: the same choice on every run. A tree with no
//! such example gets no quick start.

use super::crate_files::base_url;
use super::e2e::{example_calls, key, split_url, unfit_examples};
use super::models::{property_fields, TypeIndex, TypeKind};
use super::requests::{response_kind, Chains, ResponseKind};
use crate::ir::example_check::ExampleChecks;
use crate::ir::{ApiVersion, Body, Ir, Operation, Scheme, SchemePermissions};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

/// Longest answer a quick start shows: a page of docs, not a file.
const MAX_ANSWER_LINES: usize = 40;

/// The inner doc attributes of `src/lib.rs` that hold the quick start, or
/// nothing.
pub fn docs(
    ir: &Ir,
    checks: &ExampleChecks<'_>,
    index: &TypeIndex,
    all: &[(ApiVersion, Chains)],
) -> TokenStream {
    let Some(choice) = choose(checks, index, all) else {
        return quote!();
    };
    let Some(code) = code(ir, index, &choice) else {
        return quote!();
    };
    let version = super::features::version_feature(choice.version);
    let area = super::features::op_area(choice.op);
    let cfg = quote!(all(feature = #version, feature = #area));
    let fence = "```";
    let ignored = "```ignore";
    let intro = format!(
        "A request starts at a version's `requests::root()` and follows the \
         documented path, one method per segment. It builds an \
         `http::Request` for any HTTP client (with the `reqwest` feature, \
         `send` sends it and parses the answer), `parse` reads the answer \
         into the documented type, and [`permissions`] says what a token \
         needs to send it. Here, `GET {}` ({}), with the answer its page \
         documents ({}):",
        choice.path,
        choice.version.as_str(),
        choice.source
    );
    let intro = wrap(&intro, 76);
    let lines = code.lines().map(|l| format!(" {l}"));
    quote! {
        #![doc = ""]
        #![doc = " # Quick start"]
        #![doc = ""]
        #(#![doc = #intro])*
        #![doc = ""]
        #![cfg_attr(#cfg, doc = #fence)]
        #![cfg_attr(not(#cfg), doc = #ignored)]
        #(#![doc = #lines])*
        #![doc = " ```"]
    }
}

/// The example the quick start is written from.
struct Choice<'a> {
    version: ApiVersion,
    op: &'a Operation,
    /// The documented path of the endpoint it goes to.
    path: &'a str,
    /// Where the example is documented, `file:line`.
    source: String,
    calls: Vec<TokenStream>,
    /// The URL the builders write.
    url: String,
    answer: &'a serde_json::Map<String, Value>,
    scheme: Scheme,
    /// The names of one least privileged requirement (`A and B`).
    permissions: Vec<String>,
}

/// How an example ranks, least first: the stable API (`v1.0`) before
/// beta, a key in its path, the lines of its answer, its operation id and
/// name.
type Rank<'a> = (bool, bool, usize, &'a str, &'a str);

fn choose<'a>(
    checks: &ExampleChecks<'a>,
    index: &TypeIndex,
    all: &[(ApiVersion, Chains)],
) -> Option<Choice<'a>> {
    let unfit = unfit_examples(checks);
    let mut best: Option<(Rank<'a>, Choice<'a>)> = None;
    for case in checks.cases.iter().filter(|c| c.verdict.is_ok()) {
        let (op, example) = (case.operation, case.example);
        if unfit.contains(&key(op, example)) || op.response.collection {
            continue;
        }
        let Some(request) = &example.request else {
            continue;
        };
        let Some(Body::Json(Value::Object(answer))) = &case.response.body else {
            continue;
        };
        if request.method != "GET"
            || request.body.is_some()
            || !matches!(case.response.status, None | Some(200))
        {
            continue;
        }
        let Some((_, chains)) = all.iter().find(|(v, _)| *v == op.version) else {
            continue;
        };
        let Some(super::e2e::ExampleCalls {
            endpoint,
            calls,
            query,
            ..
        }) = example_calls(op, request, chains)
        else {
            continue;
        };
        let is_model = op
            .response
            .type_name
            .as_ref()
            .and_then(|t| index.get(op.version, t))
            .is_some_and(|(_, kind)| *kind == TypeKind::Model);
        if !query.is_empty()
            || !is_model
            || response_kind(op, &endpoint.method, &endpoint.path) != ResponseKind::Json
        {
            continue;
        }
        let Some(path) = plain_path(&request.url) else {
            continue;
        };
        if endpoint.path.contains('`') {
            continue; // it is shown in a code span
        }
        let Some((scheme, permissions)) = listed_permission(op) else {
            continue;
        };
        let lines = serde_json::to_string_pretty(answer).map_or(usize::MAX, |t| t.lines().count());
        if lines > MAX_ANSWER_LINES {
            continue;
        }
        let keyed = endpoint.path.contains('{');
        let beta = op.version != ApiVersion::V1;
        let rank = (beta, !keyed, lines, op.id.as_str(), example.name.as_str());
        if best.as_ref().is_some_and(|(r, _)| *r <= rank) {
            continue;
        }
        let base = base_url(op.version);
        let choice = Choice {
            version: op.version,
            op,
            path: &endpoint.path,
            source: example
                .request
                .as_ref()
                .map_or_else(String::new, |r| r.source.to_string()),
            calls,
            url: format!("{base}{path}"),
            answer,
            scheme,
            permissions,
        };
        best = Some((rank, choice));
    }
    best.map(|(_, c)| c)
}

/// The path of an example URL when the builders write it unchanged: every
/// character one that needs no percent-encoding in a path (so the quick
/// start can assert the URL it builds).
fn plain_path(url: &str) -> Option<String> {
    let (path, _) = split_url(url);
    let plain = path.starts_with('/')
        && path.len() > 1
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~'));
    plain.then_some(path)
}

/// The first least privileged requirement the docs list, delegated (work
/// or school) first, as its permission names.
fn listed_permission(op: &Operation) -> Option<(Scheme, Vec<String>)> {
    [
        Scheme::DelegatedWork,
        Scheme::Application,
        Scheme::DelegatedPersonal,
    ]
    .into_iter()
    .find_map(|scheme| {
        op.permissions.iter().find_map(|set| {
            let grant = set.schemes().into_iter().find(|(s, _)| *s == scheme)?.1;
            let SchemePermissions::Listed { least, .. } = grant else {
                return None;
            };
            let names: Vec<String> = least
                .first()?
                .split(" and ")
                .map(|n| n.trim().to_string())
                .collect();
            let valid = names.iter().all(|n| {
                !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
            });
            valid.then_some((scheme, names))
        })
    })
}

/// A string property of the answer to read back: `displayName` or `id`
/// when the answer has one, else the first documented one it has.
struct StringField {
    rust: proc_macro2::Ident,
    wire: String,
    value: String,
}

fn string_field(ir: &Ir, choice: &Choice<'_>) -> Option<StringField> {
    let ty = choice.op.response.type_name.as_ref()?;
    let model = ir
        .models
        .iter()
        .find(|m| m.version == choice.version && &m.name == ty)?;
    let fields: Vec<_> = model
        .properties
        .iter()
        .zip(property_fields(model))
        .filter(|(p, _)| p.type_name == "Edm.String" && !p.collection)
        .filter_map(|(p, f)| {
            let value = choice.answer.get(&p.name)?.as_str()?;
            let short =
                value.len() <= 60 && value.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
            short.then_some((p.name.as_str(), f, value))
        })
        .collect();
    let (wire, field, value) = ["displayName", "id"]
        .iter()
        .find_map(|want| fields.iter().find(|(name, _, _)| name == want))
        .or_else(|| fields.first())?;
    Some(StringField {
        rust: field.ident(),
        wire: wire.to_string(),
        value: value.to_string(),
    })
}

/// The doc test's code: build the request, check its URL, parse the
/// documented answer, check a token's permissions.
fn code(ir: &Ir, index: &TypeIndex, choice: &Choice<'_>) -> Option<String> {
    let module = format_ident!("{}", super::module_name(choice.version));
    let ty = choice.op.response.type_name.as_ref()?;
    let (model, _) = index.get(choice.version, ty)?;
    let model = model.ident();
    let calls = &choice.calls;
    let url = &choice.url;
    let id = &choice.op.id;
    let scheme = format_ident!(
        "{}",
        match choice.scheme {
            Scheme::DelegatedWork => "DelegatedWork",
            Scheme::DelegatedPersonal => "DelegatedPersonal",
            Scheme::Application => "Application",
        }
    );
    let permissions = &choice.permissions;
    // The answer as the docs show it, indented one level more than the
    // statement that holds it, which the lines lose below.
    let pretty = serde_json::to_string_pretty(choice.answer).ok()?;
    if !pretty.is_ascii() {
        return None;
    }
    let indented = pretty.replace('\n', "\n    ");
    let answer: TokenStream = raw_string(&indented).parse().ok()?;
    let field = string_field(ir, choice);
    let read_back = field.as_ref().map(|f| {
        let (rust, value) = (&f.rust, &f.value);
        quote! { assert_eq!(answer.#rust.as_deref(), Some(#value)); }
    });
    let base = format!("{}/$batch", base_url(choice.version));
    // Graph's answer to the batch: the request's own answer, by its id.
    let batch_answer: TokenStream =
        raw_string("{{\"responses\": [{{\"id\": \"{id}\", \"status\": 200, \"body\": {body}}}]}}")
            .parse()
            .ok()?;
    // Sections of statements, each under a comment of ours.
    let sections = [
        (
            "The request: each method one segment of the documented path.",
            quote! {
                use graph_generated::permissions::{self, Access, Scheme};
                use graph_generated::#module;
                let request = #module::requests::root() #(#calls)* .get();
                let http_request = request.build()?;
                assert_eq!(http_request.uri(), #url);
            },
        ),
        (
            "The answer its page documents, read into its model.",
            quote! {
                let body = #answer;
                let response = http::Response::builder()
                    .status(200)
                    .header("Content-Type", "application/json")
                    .body(body)?;
                let answer: #module::models::#model = request.parse(&response)?;
                #read_back
            },
        ),
        (
            "Each value was of its documented type; one that is not is kept, and named here.",
            quote! {
                assert!(answer.mistyped_paths().is_empty());
            },
        ),
        (
            "What a token needs to send it: the docs' permissions.",
            quote! {
                let needed = permissions::for_request("GET", &http_request.uri().to_string())
                    .into_iter()
                    .find(|m| m.operation.id == #id)
                    .expect("the docs list this request's permissions");
                let access = needed.operation.check(Scheme::#scheme, [#(#permissions),*]);
                assert!(matches!(access, Access::Allowed { .. }));
            },
        ),
        (
            "The same request in a JSON batch, and its answer there.",
            quote! {
                let mut batch = graph_generated::batch::Batch::new(#module::BASE_URL);
                let handle = batch.add(&request)?;
                let batch_request = batch.request();
                let batch_http = batch_request.build()?;
                assert_eq!(batch_http.uri(), #base);
                let id = handle.id();
                let answers = format!(#batch_answer);
                let response = http::Response::builder().status(200).body(answers)?;
                let answers = batch_request.parse(&response)?;
                let again = answers.get(&handle)?;
                assert_eq!(again, answer);
            },
        ),
    ];
    // A model to send, made from its properties: only those set are
    // written (what a `PATCH` sends).
    let made = match field {
        Some(f) => {
            let (rust, value) = (&f.rust, &f.value);
            let sent = serde_json::json!({ f.wire.as_str(): value }).to_string();
            let sent: TokenStream = raw_string(&sent).parse().ok()?;
            Some((
                "A model to send: only the properties set are written.",
                quote! {
                    let mut made = #module::models::#model::default();
                    made.#rust = Some(#value.into());
                    let json = serde_json::to_string(&made)?;
                    assert_eq!(json, #sent);
                },
            ))
        }
        None => None,
    };
    let mut out: Vec<String> = Vec::new();
    for (comment, tokens) in sections.into_iter().chain(made) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!("// {comment}"));
        out.extend(statements(tokens)?);
    }
    // `?` needs the result type, which rustdoc reads from the last line.
    out.push("# Ok::<(), Box<dyn std::error::Error>>(())".into());
    Some(out.join("\n"))
}

/// Statements as prettyplease prints them in a function, one level less
/// indented (a multi-line literal among them is indented one level more
/// than its statement, as it is written here).
fn statements(tokens: TokenStream) -> Option<Vec<String>> {
    let file = syn::parse2::<syn::File>(quote!(fn main() { #tokens })).ok()?;
    let printed = prettyplease::unparse(&file);
    let lines: Vec<&str> = printed.lines().collect();
    let inner = lines.get(1..lines.len().checked_sub(1)?)?;
    Some(
        inner
            .iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
            .collect(),
    )
}

/// Prose as doc lines of at most `width` characters where its words
/// allow, each with the space a doc comment starts with.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        line.push(' ');
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` as a raw string literal: `r#"..."#` with enough `#`s that the
/// text cannot close it.
fn raw_string(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{text}\"{h}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_cannot_be_closed_by_their_text() {
        assert_eq!(raw_string("{}"), "r#\"{}\"#");
        assert_eq!(raw_string("a\"#b"), "r##\"a\"#b\"##");
        let text = "\"## \"# \"###";
        let lit: proc_macro2::Literal = raw_string(text).parse().expect("a literal");
        let parsed: syn::LitStr = syn::parse2(quote!(#lit)).expect("a string literal");
        assert_eq!(parsed.value(), text);
    }

    #[test]
    fn only_paths_the_builders_write_unchanged_are_plain() {
        assert_eq!(
            plain_path("https://graph.microsoft.com/v1.0/users/42/manager").as_deref(),
            Some("/users/42/manager")
        );
        assert_eq!(
            plain_path("https://graph.microsoft.com/beta/me").as_deref(),
            Some("/me")
        );
        for url in [
            "https://graph.microsoft.com/v1.0/groups/{id}/members",
            "https://graph.microsoft.com/v1.0/users/alice@contoso.com",
            "https://graph.microsoft.com/v1.0/me/drive/root:/a.txt:",
            "https://graph.microsoft.com/v1.0/",
        ] {
            assert_eq!(plain_path(url), None, "{url}");
        }
    }
}
