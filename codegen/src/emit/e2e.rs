//! `tests/e2e.rs` of the generated crate (with the `reqwest` feature): for
//! every documented example request, a real HTTP server on 127.0.0.1 serves
//! the documented response; the generated builder chain sends the request
//! over a real connection. The server checks method, path, query, headers
//! and body keys; the client checks the typed result.
//!
//! A workbook example runs below the drive item its URL addresses, a
//! `/me/...` example of a `/users/{id}/...` path through `me()`, and a
//! `GET .../$count` example through the listing's `count()`, the client
//! reading the text it is answered with as a `Count`. An
//! example is left out when no builder chain can write its URL (a drive
//! item no page documents), when
//! its response is an error or does not fit its model, when its JSON
//! request body does not fit the body's model (both in the examples
//! report), or when its request body is not JSON.

use super::features::TypeFeatures;
use super::models::{TypeIndex, TypeKind};
use super::requests::{response_kind, takes_body, ResponseKind};
use crate::ir::{
    ApiVersion, Body, Endpoint, Example, ExampleRequest, Ir, Model, Operation, QueryParameter,
};
use crate::names::{Case, RustName, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

use super::requests::{Chain, ChainCall, Chains};

/// The test server, `tests/common/mod.rs`, shared with hand-written tests.
pub const SERVER: &str = include_str!("../../templates/test_server.rs");

/// The path of an example URL without host, version and query, and its
/// decoded query pairs.
pub(super) fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let mut rest = url.trim();
    if let Some(i) = rest.find("://") {
        let after = &rest[i + 3..];
        rest = after.find('/').map_or("", |j| &after[j..]);
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    let path = ["/v1.0", "/beta"]
        .iter()
        .find_map(|p| {
            path.strip_prefix(p)
                .filter(|r| r.is_empty() || r.starts_with('/'))
        })
        .unwrap_or(path);
    let decode = |t: &str| {
        percent_encoding::percent_decode_str(t)
            .decode_utf8_lossy()
            .into_owned()
    };
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (path.to_string(), pairs)
}

/// The argument values a concrete path gives for a documented path, in
/// the order the builder chain takes them. `None` when it does not fit.
fn arguments(template: &str, concrete: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    let t: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let c: Vec<&str> = concrete.split('/').filter(|s| !s.is_empty()).collect();
    let (mut i, mut j) = (0, 0);
    while i < t.len() {
        let seg = t[i];
        let here = *c.get(j)?;
        // `root:` `{item-path}:` against `root:` `a` `b.txt:`
        if let (Some(_), Some(next)) = (seg.strip_suffix(':'), t.get(i + 1)) {
            if next.starts_with('{') && next.ends_with("}:") {
                if !here.eq_ignore_ascii_case(seg) {
                    return None;
                }
                let mut parts = Vec::new();
                j += 1;
                loop {
                    let part = *c.get(j)?;
                    j += 1;
                    if let Some(last) = part.strip_suffix(':') {
                        parts.push(last);
                        break;
                    }
                    parts.push(part);
                }
                values.push(parts.join("/"));
                i += 2;
                continue;
            }
        }
        if !seg.contains('{') {
            if !seg.eq_ignore_ascii_case(here) {
                return None;
            }
        } else if seg.starts_with('{') && seg.ends_with('}') && seg.matches('{').count() == 1 {
            // A last parameter after `root:` or `{hostname}:` is a path:
            // it takes the rest (see `requests::Step::PathTail`).
            if super::requests::is_path_tail(&t, i) {
                values.push(c[j..].join("/"));
                return Some(values);
            }
            values.push(here.to_string());
        } else {
            values.extend(capture(seg, here)?);
        }
        i += 1;
        j += 1;
    }
    (j == c.len()).then_some(values)
}

/// The texts a segment with parameters inside captures: `range(address='{a}')`
/// against `range(address='A1:B2')` gives `A1:B2`.
fn capture(template: &str, concrete: &str) -> Option<Vec<String>> {
    let mut literals = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        literals.push(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        rest = &rest[close + 1..];
    }
    literals.push(rest);
    let mut out = Vec::new();
    let mut at = concrete.strip_prefix(literals[0])?;
    for (k, lit) in literals.iter().enumerate().skip(1) {
        let end = if k == literals.len() - 1 {
            at.strip_suffix(lit).map(str::len)?
        } else if lit.is_empty() {
            at.len()
        } else {
            at.find(lit)?
        };
        out.push(at[..end].to_string());
        at = &at[end + lit.len()..];
    }
    Some(out)
}

/// The argument values and the builder chain that write `path` for the
/// documented `template`, whose chain is `chain`: below whichever drive item
/// the URL addresses for a workbook path documented relative to one, and
/// through `me()` for `/me/x` of a path documented as `/users/{id}/x`.
/// `None` when the path does not fit; no chain when it fits but no builder
/// reaches it.
fn fit(
    chains: &Chains,
    chain: Option<&Chain>,
    template: &str,
    path: &str,
) -> Option<(Vec<String>, Option<Vec<ChainCall>>)> {
    let Some(chain) = chain else {
        return arguments(template, path).map(|args| (args, None));
    };
    if let Some(m) = chain.mount {
        let relative = chain.calls.get(chains.mounts.get(m)?.calls.len()..)?;
        return chains.mounts.iter().find_map(|mount| {
            let args = arguments(&format!("{}{}", mount.path, template), path)?;
            let mut calls = mount.calls.clone();
            calls.extend(relative.iter().cloned());
            Some((args, Some(calls)))
        });
    }
    if let Some(args) = arguments(template, path) {
        return Some((args, Some(chain.calls.clone())));
    }
    let args = arguments(&super::me::alias(template)?, path)?;
    let calls = super::me::via_me(chains.me.as_deref()?, &chain.calls)?;
    Some((args, Some(calls)))
}

fn skip_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "authorization" | "content-type" | "content-length" | "host" | "accept"
    )
}

/// An example by its operation's id and its name.
pub(super) type ExampleKey<'c> = (&'c str, &'c str);

pub(super) fn key<'c>(operation: &'c Operation, example: &'c Example) -> ExampleKey<'c> {
    (operation.id.as_str(), example.name.as_str())
}

/// The examples that no end-to-end test sends: those whose response or
/// JSON request body is not even of the shape its model reads (an object,
/// or an array of objects for a collection), answers of a primitive that
/// do not fit it, and answers to a count that are not a count. An example
/// whose values break their documented types is sent: the models read it
/// all the same (`Model::mistyped`), as they must read what Graph sends.
fn unreadable_examples<'c>(
    checks: &'c crate::ir::example_check::ExampleChecks<'_>,
) -> BTreeSet<ExampleKey<'c>> {
    let responses = checks
        .cases
        .iter()
        .filter(|c| c.verdict.is_err() && !c.entity.is_object());
    // A primitive's wrapper (`Primitive<bool>`) has nowhere to keep a value
    // of another type.
    let primitives = checks.primitives.iter().filter(|c| c.verdict.is_err());
    let requests = checks.unfit_requests.iter().filter(|r| !r.reads);
    let counts = checks.counts.iter().filter(|c| c.verdict.is_err());
    responses
        .map(|c| key(c.operation, c.example))
        .chain(primitives.map(|c| key(c.operation, c.example)))
        .chain(requests.map(|r| key(r.operation, r.example)))
        .chain(counts.map(|c| key(c.operation, c.example)))
        .collect()
}

/// The examples whose response or JSON request body the docs got wrong:
/// they are in the examples report, and the quick start does not show
/// them.
pub(super) fn unfit_examples<'c>(
    checks: &'c crate::ir::example_check::ExampleChecks<'_>,
) -> BTreeSet<ExampleKey<'c>> {
    let responses = checks.cases.iter().filter(|c| c.verdict.is_err());
    let counts = checks.counts.iter().filter(|c| c.verdict.is_err());
    responses
        .map(|c| key(c.operation, c.example))
        .chain(
            checks
                .unfit_requests
                .iter()
                .map(|r| key(r.operation, r.example)),
        )
        .chain(counts.map(|c| key(c.operation, c.example)))
        .collect()
}

/// How the generated crate writes an example request's URL: the endpoint
/// it goes to, the builder calls from `root()` (`.users()`,
/// `.by_user_id("42")`) and the query pairs. `None` when no endpoint of
/// the operation fits the URL or no builder chain reaches it.
pub(super) fn example_calls<'o>(
    op: &'o Operation,
    request: &ExampleRequest,
    chains: &Chains,
) -> Option<ExampleCalls<'o>> {
    let (path, query) = split_url(&request.url);
    let (endpoint, calls) = calls_to(op, &request.method, &path, chains, |_| true)?;
    Some(ExampleCalls {
        endpoint,
        calls,
        path,
        query,
    })
}

/// How the generated crate writes a `GET .../$count` example: the chain
/// of the listing it counts, its `count()`, and `of_type::<T>()` when
/// the URL casts before `/$count` (`/memberOf/microsoft.graph.group/$count`);
/// with the cast's model, whose features the test needs too.
fn count_calls<'o>(
    op: &'o Operation,
    request: &ExampleRequest,
    chains: &Chains,
    index: &TypeIndex,
) -> Option<(ExampleCalls<'o>, Option<String>)> {
    let (path, query) = split_url(&request.url);
    let listing = path.strip_suffix("/$count")?;
    let (listing, cast) = match listing.rsplit_once('/') {
        Some((head, last)) if last.starts_with("microsoft.graph.") => (head, Some(last)),
        _ => (listing, None),
    };
    let counted = |key: &(String, String, String)| chains.counts.contains_key(key);
    let (endpoint, mut calls) = calls_to(op, "GET", listing, chains, counted)?;
    let key = (
        op.id.clone(),
        endpoint.method.clone(),
        endpoint.path.clone(),
    );
    let count = format_ident!("{}", chains.counts.get(&key)?);
    calls.push(quote!(.#count()));
    if let Some(cast) = cast {
        let (name, TypeKind::Model) = index.get(op.version, cast)? else {
            return None;
        };
        let module = format_ident!("{}", super::module_name(op.version));
        let ident = name.ident();
        calls.push(quote!(.of_type::<graph_generated::#module::models::#ident>()));
    }
    let cast = cast.map(str::to_string);
    let calls = ExampleCalls {
        endpoint,
        calls,
        path,
        query,
    };
    Some((calls, cast))
}

/// The endpoint of `op` with `method` whose documented path fits `path`
/// (and that `accept` takes), and the builder calls that reach it.
fn calls_to<'o>(
    op: &'o Operation,
    method: &str,
    path: &str,
    chains: &Chains,
    accept: impl Fn(&(String, String, String)) -> bool,
) -> Option<(&'o Endpoint, Vec<TokenStream>)> {
    let (endpoint, args, chain) = op
        .endpoints
        .iter()
        .filter(|e| e.method == method)
        .find_map(|e| {
            let key = (op.id.clone(), e.method.clone(), e.path.clone());
            if !accept(&key) {
                return None;
            }
            fit(chains, chains.endpoints.get(&key), &e.path, path).map(|(a, c)| (e, a, c))
        })?;
    let chain = chain?;
    if chain.iter().map(|c| c.arguments).sum::<usize>() != args.len() {
        return None;
    }
    // A builder takes a key as it is and encodes it; the URL has it
    // encoded (projectrome-put-activity.md: `/me/activities/%2Farticle%3F12345`
    // is the key `/article?12345`).
    let mut values = args.iter().map(|v| {
        percent_encoding::percent_decode_str(v)
            .decode_utf8_lossy()
            .into_owned()
    });
    let calls = chain
        .iter()
        .map(|c| {
            let m = format_ident!("{}", c.method);
            let a: Vec<String> = values.by_ref().take(c.arguments).collect();
            quote!(.#m(#(#a),*))
        })
        .collect();
    Some((endpoint, calls))
}

/// What [`example_calls`] finds.
pub(super) struct ExampleCalls<'o> {
    pub endpoint: &'o Endpoint,
    /// `.users()`, `.by_user_id("42")`, ...
    pub calls: Vec<TokenStream>,
    /// The URL's path, without host and version.
    pub path: String,
    /// The URL's query, decoded.
    pub query: Vec<(String, String)>,
}

pub fn emit(
    ir: &Ir,
    checks: &crate::ir::example_check::ExampleChecks<'_>,
    index: &TypeIndex,
    type_features: &TypeFeatures,
    all: &[(ApiVersion, Chains)],
) -> TokenStream {
    let unreadable = unreadable_examples(checks);
    let unfit_bodies: BTreeSet<ExampleKey> = checks
        .unfit_requests
        .iter()
        .map(|r| key(r.operation, r.example))
        .collect();
    let mut names = Scope::default();
    let mut tests = Vec::new();
    let models: BTreeMap<(ApiVersion, &str), &Model> = ir
        .models
        .iter()
        .map(|m| ((m.version, m.name.as_str()), m))
        .collect();
    for (version, chains) in all {
        for op in ir.operations.iter().filter(|o| o.version == *version) {
            for example in &op.examples {
                if unreadable.contains(&key(op, example)) {
                    continue;
                }
                let context = Context {
                    chains,
                    index,
                    type_features,
                    models: &models,
                    unfit_bodies: &unfit_bodies,
                };
                let test = example_test(op, example, *version, &context, &mut names);
                if let Some(t) = test {
                    tests.push(t);
                }
            }
        }
    }
    // A tree whose examples all fail their checks has no test to import for.
    let imports = if tests.is_empty() {
        quote!()
    } else {
        quote!(
            use common::{serve, Expect, Reply};
        )
    };
    quote! {
        //! Every documented example request, sent over a real connection to a
        //! server on 127.0.0.1 that answers with the documented response.
        #![cfg(feature = "reqwest")]

        mod common;
        #imports

        #(#tests)*
    }
}

/// What an example's test is written from, besides the example.
struct Context<'a> {
    chains: &'a Chains,
    index: &'a TypeIndex,
    type_features: &'a TypeFeatures,
    models: &'a BTreeMap<(ApiVersion, &'a str), &'a Model>,
    /// The examples (operation id, example name) whose JSON request body
    /// does not fit its model: sent all the same, without the check that
    /// every value read as its documented type.
    unfit_bodies: &'a BTreeSet<ExampleKey<'a>>,
}

/// The typed call that sets one query pair of an example, when the
/// operation's builder has it and the value reads as its argument:
/// `.select([UserField::DisplayName])` for `$select=displayName`,
/// `.top(5)`, `.filter("...")`, `.start_date_time("...")`. `None` leaves
/// it to `query_param`.
fn typed_query_call(
    op: &Operation,
    (name, value): (&str, &str),
    own: &[(&QueryParameter, RustName)],
    module: &proc_macro2::Ident,
    context: &Context<'_>,
) -> Option<TokenStream> {
    // The operation's own (`start_date_time()`).
    if let Some((_, setter)) = own.iter().find(|(q, _)| q.name == name) {
        let setter = setter.ident();
        return Some(quote!(.#setter(#value)));
    }
    let option = op
        .supported_query_options()
        .into_iter()
        .find(|o| *o == name)?;
    Some(match option {
        "$filter" => quote!(.filter(#value)),
        "$orderby" => quote!(.order_by(#value)),
        "$search" => quote!(.search(#value)),
        "$top" | "$skip" => {
            let n: u32 = value.parse().ok()?;
            let method = format_ident!("{}", &option[1..]);
            quote!(.#method(#n))
        }
        "$count" => {
            let yes: bool = value.parse().ok()?;
            quote!(.count(#yes))
        }
        "$select" | "$expand" => {
            // Each a property of the model the operation returns, named as
            // the model names it.
            let ty = op.response.type_name.as_deref()?;
            let model = context.models.get(&(op.version, ty))?;
            let (_, field_enum) = context.index.properties_of(op.version, ty)?;
            let field_enum = field_enum.ident();
            let variants = super::models::field_variants(model);
            let fields = value
                .split(',')
                .map(|wire| {
                    let at = model.properties.iter().position(|p| p.name == wire)?;
                    let variant = variants.get(at)?.ident();
                    Some(quote!(graph_generated::#module::models::#field_enum::#variant))
                })
                .collect::<Option<Vec<_>>>()?;
            let method = format_ident!("{}", &option[1..]);
            quote!(.#method([#(#fields),*]))
        }
        _ => return None,
    })
}

fn example_test(
    op: &Operation,
    example: &Example,
    version: ApiVersion,
    context: &Context<'_>,
    names: &mut Scope,
) -> Option<TokenStream> {
    let Context {
        chains,
        index,
        type_features,
        ..
    } = *context;
    let request = example.request.as_ref()?;
    let response = example.response.as_ref()?;
    let status = response.status.unwrap_or(200);
    if !(200..300).contains(&status) {
        return None;
    }
    let asks_count = crate::ir::example_check::asks_count(&request.url);
    let (
        ExampleCalls {
            endpoint,
            calls,
            path,
            query,
        },
        cast,
    ) = if asks_count {
        count_calls(op, request, chains, index)?
    } else {
        (example_calls(op, request, chains)?, None)
    };
    let module = format_ident!("{}", super::module_name(version));
    let version_prefix = version.as_str();

    // The request: method, body, headers, query.
    let method = format_ident!("{}", endpoint.method.to_ascii_lowercase());
    let upload = matches!(
        super::requests::body_type(op, &endpoint.method, index),
        Some(super::requests::BodyType::Bytes)
    );
    let mut body_setup = quote!();
    let (body_arg, body, bytes) = match (takes_body(op, &endpoint.method, index), &request.body) {
        // An upload: the example's bytes with its content type.
        (None, Some(Body::Text(text))) if upload => {
            let content_type =
                crate::ir::content_type(&request.headers).unwrap_or("application/octet-stream");
            let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
            (
                quote!(#content_type, #bytes.to_vec()),
                quote!(None),
                quote!(Some(#bytes)),
            )
        }
        (None, Some(Body::Json(v))) if upload => {
            let json = serde_json::to_string(v).ok()?;
            let bytes = proc_macro2::Literal::byte_string(json.as_bytes());
            (
                quote!("application/json", #bytes.to_vec()),
                quote!(None),
                quote!(Some(#bytes)),
            )
        }
        (None, None) if upload => (
            quote!("application/octet-stream", ::std::vec::Vec::new()),
            quote!(None),
            quote!(Some(b"")),
        ),
        (Some(ty), Some(Body::Json(v))) => {
            let json = serde_json::to_string(v).ok()?;
            // The server expects the documented body itself: the typed
            // body sends what it read, values of another type included.
            // A body that fits its model must read every value as typed.
            let fits = !context.unfit_bodies.contains(&key(op, example));
            let check = fits.then(|| {
                quote! {
                    let mut mistyped = Vec::new();
                    graph_generated::support::FieldValue::mistyped_below(&body, "", &mut mistyped);
                    assert!(mistyped.is_empty(), "values not read as their documented type: {mistyped:?}");
                }
            });
            body_setup = quote! {
                let body: #ty = serde_json::from_str(#json).expect("the example body reads as its type");
                #check
            };
            (quote!(&body), quote!(Some(#json)), quote!(None))
        }
        (Some(_), _) => return None,
        (None, Some(Body::Json(_)) | Some(Body::Text(_))) => return None,
        (None, None) => (quote!(), quote!(None), quote!(None)),
    };
    let header_pairs: Vec<(&String, &String)> = request
        .headers
        .iter()
        .filter(|h| !skip_header(&h.name))
        .map(|h| (&h.name, &h.value))
        .collect();
    // Documented headers and query pairs through the request's typed
    // setters (`.prefer(..)`, `.top(5)`), except on a count, whose request
    // has only `count()`'s options.
    let (header_setters, parameter_setters) = super::requests::setters(op);
    let header_calls = header_pairs.iter().map(|(n, v)| {
        let setter = header_setters
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(n))
            .filter(|_| !asks_count);
        match setter {
            Some((_, _, setter)) => {
                let setter = setter.ident();
                quote!(.#setter(#v))
            }
            None => quote!(.header(#n, #v)),
        }
    });
    let header_expect = header_pairs.iter().map(|(n, v)| quote!((#n, #v)));
    // Each query pair set once: a repeated name goes as it is.
    let repeated = |k: &String| query.iter().filter(|(n, _)| n == k).count() > 1;
    let query_calls = query.iter().map(|(k, v)| {
        let typed = if asks_count || repeated(k) {
            None
        } else {
            typed_query_call(op, (k, v), &parameter_setters, &module, context)
        };
        typed.unwrap_or_else(|| quote!(.query_param(#k, #v)))
    });
    let query_expect = query.iter().map(|(k, v)| quote!((#k, #v)));
    let expected_path = format!("/{version_prefix}{path}");
    let expected_path = percent_encoding::percent_decode_str(&expected_path)
        .decode_utf8_lossy()
        .into_owned();
    let http_method = endpoint.method.to_ascii_uppercase();

    // The response.
    let reply_headers: Vec<(&String, &String)> = response
        .headers
        .iter()
        .filter(|h| !h.name.eq_ignore_ascii_case("content-length"))
        .map(|h| (&h.name, &h.value))
        .collect();
    let reply_header_pairs = reply_headers.iter().map(|(n, v)| quote!((#n, #v)));
    let body_text = match &response.body {
        Some(Body::Json(v)) => serde_json::to_string(v).ok()?,
        Some(Body::Text(t)) => t.clone(),
        None => String::new(),
    };
    let body_bytes = proc_macro2::Literal::byte_string(body_text.as_bytes());
    // A count's chain ends in `count()`; the others call their method.
    let terminal = if asks_count {
        quote!()
    } else {
        quote!(.#method(#body_arg))
    };
    let check = match response_kind(op, &endpoint.method, &endpoint.path) {
        _ if asks_count => {
            let n = crate::ir::example_check::count_of(response.body.as_ref()).ok()?;
            quote! { assert_eq!(result.expect("the example response parses").0, #n); }
        }
        ResponseKind::NoContent => quote! { result.expect("the example response parses"); },
        ResponseKind::Accepted => {
            let location = response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("location"))
                .map(|h| h.value.as_str());
            match location {
                Some(l) => quote! {
                    let accepted = result.expect("the example response parses");
                    assert_eq!(accepted.location.as_deref(), Some(#l));
                },
                None => quote! { result.expect("the example response parses"); },
            }
        }
        ResponseKind::Bytes => quote! {
            assert_eq!(result.expect("the example response parses").0, #body_bytes.to_vec());
        },
        ResponseKind::Json => {
            if matches!(response.body, Some(Body::Json(_))) {
                quote! {
                    let typed = result.expect("the example response parses into its type");
                    let _ = serde_json::to_value(&typed).expect("the typed result serialises");
                }
            } else {
                return None;
            }
        }
    };
    let name = names
        .name(&format!("{} {}", op.id, example.name), Case::Snake)
        .ident();
    let doc = format!(
        " `{} {}` from {}",
        request.method, request.url, request.source
    );
    // On with any area the operation is on with (its own, and those an
    // earlier crate had it in).
    let areas = super::features::op_areas(op);
    let cfg = match &cast {
        // The cast's model may come with other features than the operation.
        Some(cast) => {
            let v = super::features::version_feature(version);
            let of_cast = type_features.of(version, cast);
            let of_cast = of_cast.iter();
            let areas = super::features::any_feature(&areas);
            quote!(#[cfg(all(feature = #v, #areas, any(#(feature = #of_cast),*)))])
        }
        None => super::features::test_cfg(version, &areas),
    };
    Some(quote! {
        #[doc = #doc]
        #cfg
        #[tokio::test]
        async fn #name() {
            #body_setup
            let (base, server) = serve(vec![(
                Expect {
                    method: #http_method,
                    path: #expected_path,
                    query: &[#(#query_expect),*],
                    headers: &[#(#header_expect),*],
                    body_keys: None,
                    body: #body,
                    bytes: #bytes,
                },
                Reply { status: #status, headers: &[#(#reply_header_pairs),*], body: #body_bytes },
            )]);
            let root = graph_generated::#module::requests::root_at(&format!("{base}/{}", #version_prefix));
            let request = root #(#calls)* #terminal #(#header_calls)* #(#query_calls)*;
            let client = reqwest::Client::new();
            let result = request.send(&client).await;
            let failures = server.join().expect("the server thread ends");
            assert!(failures.is_empty(), "{failures:?}");
            #check
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_follow_the_documented_path() {
        assert_eq!(
            arguments(
                "/users/{id | userPrincipalName}/authentication/operations/{id}",
                "/users/alice@contoso.com/authentication/operations/42"
            ),
            Some(vec!["alice@contoso.com".to_string(), "42".to_string()])
        );
        assert_eq!(
            arguments(
                "/reports/getEmailActivityUserDetail(period='{period_value}')",
                "/reports/getEmailActivityUserDetail(period='D7')"
            ),
            Some(vec!["D7".to_string()])
        );
        assert_eq!(
            arguments(
                "/me/drive/root:/{item-path}:/content",
                "/me/drive/root:/docs/a.txt:/content"
            ),
            Some(vec!["docs/a.txt".to_string()])
        );
        assert_eq!(arguments("/users/{id}/messages", "/me/messages"), None);
        assert_eq!(
            arguments(
                "/sites/{hostname}:/{server-relative-path}",
                "/sites/contoso.sharepoint.com:/sites/marketing"
            ),
            Some(vec![
                "contoso.sharepoint.com".into(),
                "sites/marketing".into()
            ])
        );
        assert_eq!(
            arguments("/workbook/tables", "/me/drive/items/1/workbook/tables"),
            None
        );
    }

    #[test]
    fn urls_lose_host_version_and_query() {
        let (path, query) = split_url(
            "https://graph.microsoft.com/beta/applications?$select=appId,displayName&$top=1",
        );
        assert_eq!(path, "/applications");
        assert_eq!(
            query,
            [
                ("$select".to_string(), "appId,displayName".to_string()),
                ("$top".to_string(), "1".to_string())
            ]
        );
    }
}
