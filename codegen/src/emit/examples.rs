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
        let Ok(expected) = &case.verdict else {
            continue;
        };
        let Some((rust, TypeKind::Model)) = index.get(case.model.version, &case.model.name) else {
            continue;
        };
        let module = format_ident!("{}", super::module_name(case.operation.version));
        let model = rust.ident();
        let json = serde_json::to_string_pretty(expected).unwrap_or_default();
        let name = names
            .name(
                &format!("{}_{}", case.operation.id, case.example.name),
                Case::Snake,
            )
            .ident();
        let doc = format!(
            " Example `{}` at {}.",
            case.example.name, case.response.source
        );
        let cfg = super::features::test_cfg(
            case.model.version,
            &features.of(case.model.version, &case.model.name),
        );
        tests.push(quote! {
            #[doc = #doc]
            #cfg
            #[test]
            fn #name() {
                check::<graph_generated::#module::models::#model>(#json);
            }
        });
    }
    quote! {
        //! Every documented example response that fits its model, deserialised
        //! into it. Examples that do not fit are listed in `examples-report.md`.

        /// Deserialises `json`, checks that no field was dropped or changed,
        /// and round-trips the value through serde.
        #[allow(dead_code)] // every test may be switched off by features
        fn check<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(json: &str) {
            let original: serde_json::Value = serde_json::from_str(json).expect("example is JSON");
            let typed: T = serde_json::from_value(original.clone()).expect("example deserialises into its model");
            let back = serde_json::to_value(&typed).expect("model serialises");
            assert_eq!(back, original, "fields were dropped or changed");
            let again: T = serde_json::from_value(back).expect("round trip");
            assert_eq!(again, typed);
        }

        #(#tests)*
    }
}

/// The examples report: counts, then every example that is not a test.
pub fn report(checks: &ExampleChecks<'_>) -> String {
    let failed: Vec<_> = checks
        .cases
        .iter()
        .filter_map(|c| c.verdict.as_ref().err().map(|r| (c, r)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Docs examples\n");
    let _ = writeln!(
        out,
        "{} of {} example response bodies deserialise into their model and round-trip \
         (tests/examples.rs). {} fail, {} could not be checked.\n",
        checks.passed(),
        checks.cases.len(),
        failed.len(),
        checks.skipped.len()
    );
    if !failed.is_empty() {
        let _ = writeln!(out, "## Examples that do not fit their model\n");
        let _ = writeln!(out, "| Example | Operation | Model | Reason |");
        let _ = writeln!(out, "|---|---|---|---|");
        for (case, reasons) in failed {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} |",
                places(case.response),
                case.operation.id,
                case.model.name,
                cell(&reasons.join("; "))
            );
        }
        out.push('\n');
    }
    if !checks.unfit_requests.is_empty() {
        let _ = writeln!(
            out,
            "## Example requests whose body does not fit its type\n"
        );
        let _ = writeln!(out, "Their end-to-end tests (tests/e2e.rs) are left out.\n");
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
