//! Docs examples become tests of the generated crate. Every example that
//! [`crate::ir::example_check`] accepts becomes a test that deserialises the
//! body into its model and round-trips it unchanged. The others are listed
//! in `examples-report.md` with `file:line` and the reason, with the counts.

use super::models::{TypeIndex, TypeKind};
use crate::ir::example_check::ExampleChecks;
use crate::names::{Case, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::fmt::Write;

pub fn emit(
    checks: &ExampleChecks<'_>,
    index: &TypeIndex,
    features: &super::features::TypeFeatures,
) -> TokenStream {
    let mut names = Scope::default();
    let mut tests = Vec::new();
    for case in &checks.cases {
        let Some((rust, TypeKind::Model)) = index.get(case.model.version, &case.model.name) else {
            continue;
        };
        let module = format_ident!("{}", super::module_name(case.operation.version));
        let model = rust.ident();
        let cfg = super::features::test_cfg(
            case.model.version,
            &features.of(case.model.version, &case.model.name),
        );
        let ty = quote!(graph_generated::#module::models::#model);
        let (doc, check, json) = match &case.verdict {
            Ok(expected) => (
                format!(
                    " Example `{}` at {}.",
                    case.example.name, case.response.source
                ),
                quote!(check_model),
                expected,
            ),
            // Every object reads, whatever its values: a value of another
            // type than documented stays in `additional_data`
            // (`Model::mistyped`), so nothing is lost.
            Err(reasons) if reads_despite_the_docs(case) => (
                format!(
                    " Example `{}` at {}, which does not fit its documented types: {}.",
                    case.example.name,
                    case.response.source,
                    reasons.join("; ")
                ),
                quote!(check_despite_the_docs),
                case.entity,
            ),
            Err(_) => continue,
        };
        tests.push(round_trip_test(
            &mut names,
            case.operation,
            case.example,
            &doc,
            cfg,
            quote!(#check::<#ty>),
            json,
        ));
    }
    for case in &checks.primitives {
        let Ok(expected) = &case.verdict else {
            continue;
        };
        let Some(inner) = crate::types::rust_primitive(case.type_name)
            .map(|t| t.replacen("crate::", "graph_generated::", 1))
            .and_then(|t| syn::parse_str::<syn::Type>(&t).ok())
        else {
            continue;
        };
        let wrapper = if case.collection {
            quote!(graph_generated::request::Page<#inner>)
        } else {
            quote!(graph_generated::request::Primitive<#inner>)
        };
        let doc = format!(
            " Example `{}` at {}: a `{}`{}.",
            case.example.name,
            case.response.source,
            case.type_name,
            if case.collection { " collection" } else { "" }
        );
        let v = super::features::version_feature(case.operation.version);
        let cfg = quote!(#[cfg(feature = #v)]);
        tests.push(round_trip_test(
            &mut names,
            case.operation,
            case.example,
            &doc,
            cfg,
            quote!(check::<#wrapper>),
            expected,
        ));
    }
    quote! {
        //! Every documented example response, deserialised into its model.
        //! Those that fit it round-trip exactly; those whose values break
        //! their documented types (listed in `examples-report.md`) still
        //! read, and write back what they read.

        mod common;

        /// Deserialises `json`, checks that writing it back gives `json`
        /// again, as `compared` sees both, and that reading that gives the
        /// same value.
        #[allow(dead_code)] // every test may be switched off by features
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(json: &str, compared: fn(serde_json::Value) -> serde_json::Value) -> T {
            let original: serde_json::Value = serde_json::from_str(json).expect("example is JSON");
            let typed: T = serde_json::from_value(original.clone()).expect("example deserialises into its model");
            let back = serde_json::to_value(&typed).expect("model serialises");
            assert_eq!(compared(back.clone()), compared(original), "fields were dropped or changed");
            let again: T = serde_json::from_value(back).expect("round trip");
            assert_eq!(again, typed);
            typed
        }

        /// An example that fits its type: it round-trips exactly.
        #[allow(dead_code)] // every test may be switched off by features
        fn check<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(json: &str) {
            round_trip::<T>(json, |v| v);
        }

        /// `check` for a model, which must also read every value as its
        /// documented type: a model keeps a value it cannot read, so a
        /// round trip alone would not notice a property the generator
        /// typed wrongly.
        #[allow(dead_code)] // every test may be switched off by features
        fn check_model<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug + graph_generated::support::FieldValue>(json: &str) {
            let typed = round_trip::<T>(json, |v| v);
            let mut mistyped = Vec::new();
            typed.mistyped_below("", &mut mistyped);
            assert!(mistyped.is_empty(), "values not read as their documented type: {mistyped:?}");
        }

        /// An object whose values break their documented types: it reads
        /// all the same, its mistyped values kept as they are, and writes
        /// back what it read. As in the examples that fit, `null` is absent
        /// (the model leaves `None` out) and numbers are compared as floats
        /// (a whole number read as a `Double` is written `5.0`).
        #[allow(dead_code)] // every test may be switched off by features
        fn check_despite_the_docs<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(json: &str) {
            round_trip::<T>(json, common::normal);
        }

        #(#tests)*
    }
}

/// Whether an example that does not fit its model becomes a test that it
/// reads all the same: every object does (see `Model::mistyped` in the
/// generated crate).
fn reads_despite_the_docs(case: &crate::ir::example_check::ExampleCase<'_>) -> bool {
    case.verdict.is_err() && case.entity.is_object()
}

/// One test: `json` given to `check` (a checking function and its type),
/// named after the operation and the example.
fn round_trip_test(
    names: &mut Scope,
    operation: &crate::ir::Operation,
    example: &crate::ir::Example,
    doc: &str,
    cfg: TokenStream,
    check: TokenStream,
    json: &serde_json::Value,
) -> TokenStream {
    let json = serde_json::to_string_pretty(json).unwrap_or_default();
    let name = names
        .name(&format!("{}_{}", operation.id, example.name), Case::Snake)
        .ident();
    quote! {
        #[doc = #doc]
        #cfg
        #[test]
        fn #name() {
            #check(#json);
        }
    }
}

/// The examples report: counts, then every example that is not a test.
pub fn report(checks: &ExampleChecks<'_>) -> String {
    // (where, operation, type, reasons), models then primitives.
    let failed: Vec<(String, &str, &str, &Vec<String>)> = checks
        .cases
        .iter()
        .filter_map(|c| {
            let reasons = c.verdict.as_ref().err()?;
            Some((
                places(c.response),
                c.operation.id.as_str(),
                c.model.name.as_str(),
                reasons,
            ))
        })
        .chain(checks.primitives.iter().filter_map(|c| {
            let reasons = c.verdict.as_ref().err()?;
            Some((
                places(c.response),
                c.operation.id.as_str(),
                c.type_name,
                reasons,
            ))
        }))
        .collect();
    let failed_counts: Vec<(String, &str, &String)> = checks
        .counts
        .iter()
        .filter_map(|c| {
            let reason = c.verdict.as_ref().err()?;
            Some((places(c.response), c.operation.id.as_str(), reason))
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Docs examples\n");
    let _ = writeln!(
        out,
        "{} of {} example response bodies fit their type (a model, or a primitive's \
         `Primitive` or `Page` wrapper) and round-trip exactly (tests/examples.rs). {} do \
         not fit, {} could not be checked.\n",
        checks.passed(),
        checks.checked(),
        failed.len(),
        checks.skipped.len()
    );
    let despite = checks
        .cases
        .iter()
        .filter(|c| reads_despite_the_docs(c))
        .count();
    if despite > 0 {
        let _ = writeln!(
            out,
            "{despite} of those that do not fit are objects of a model, and still deserialise \
             into it and write back what they read (tests/examples.rs): a value of another \
             type than documented stays in `additional_data`, and `Model::mistyped()` names \
             it.\n"
        );
    }
    if !checks.counts.is_empty() {
        let _ = writeln!(
            out,
            "{} of {} answers to `GET .../$count` are a count, which `count()` reads as \
             `Count` (tests/e2e.rs sends each one that a builder chain writes).\n",
            checks.counts.len() - failed_counts.len(),
            checks.counts.len()
        );
    }
    if !failed.is_empty() || !failed_counts.is_empty() {
        let _ = writeln!(out, "## Examples that do not fit their type\n");
        let _ = writeln!(out, "| Example | Operation | Type | Reason |");
        let _ = writeln!(out, "|---|---|---|---|");
        for (places, operation, type_name, reasons) in failed {
            let _ = writeln!(
                out,
                "| {places} | `{operation}` | `{type_name}` | {} |",
                cell(&reasons.join("; "))
            );
        }
        for (places, operation, reason) in failed_counts {
            let _ = writeln!(
                out,
                "| {places} | `{operation}` | `Count` | {} |",
                cell(reason)
            );
        }
        out.push('\n');
    }
    if !checks.unfit_requests.is_empty() {
        let _ = writeln!(
            out,
            "## Example requests whose body does not fit its type\n"
        );
        let reads = checks.unfit_requests.iter().filter(|u| u.reads).count();
        let total = checks.unfit_requests.len();
        let _ = writeln!(
            out,
            "{reads} of these {total} bodies are of their model's shape (an object, or an array \
             of objects for a collection): the model reads them all the same, keeping a value \
             of another type than documented in `additional_data`, and tests/e2e.rs sends them \
             like any other example.{}\n",
            if reads < total {
                " The end-to-end tests of the others are left out."
            } else {
                ""
            }
        );
        let _ = writeln!(out, "| Example request | Operation | Body type | Reason |");
        let _ = writeln!(out, "|---|---|---|---|");
        for u in &checks.unfit_requests {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} |",
                u.request.source,
                u.operation.id,
                u.model.name,
                cell(&u.reasons.join("; "))
            );
        }
        out.push('\n');
    }
    if !checks.skipped.is_empty() {
        let _ = writeln!(out, "## Examples that could not be checked\n");
        let _ = writeln!(out, "| Example | Operation | Reason |");
        let _ = writeln!(out, "|---|---|---|");
        for s in &checks.skipped {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                places(s.response),
                s.operation.id,
                cell(&s.reason)
            );
        }
    }
    out
}

/// Where an example is written, all copies.
fn places(r: &crate::ir::ExampleResponse) -> String {
    r.sources()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Docs text inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
