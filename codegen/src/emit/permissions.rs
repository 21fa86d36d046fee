//! The permission table of every operation, the typed permission names,
//! and `for_request`, which finds the operations a concrete request URL is
//! (with the matcher shared from `codegen/templates/route.rs`).
//!
//! The tables are JSON string literals that the generated crate reads once,
//! on first use, into the same `'static` types. A string costs the compiler
//! next to nothing; the same tables written as Rust statics (nested struct
//! and slice literals) were about 7% of checking the crate of a whole docs
//! tree.

use crate::ir::{ApiVersion, Ir, PermissionSet, SchemePermissions, SchemeStatus};
use crate::names::{Case, RustName, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Every permission name of the IR, with the schemes it is listed under,
/// and its constant's name. Names that differ only in case are one
/// permission (Graph compares them case-insensitively); the first spelling
/// in sorted order is kept.
struct PermissionNames {
    by_key: BTreeMap<String, (String, BTreeSet<u8>, RustName)>,
}

impl PermissionNames {
    fn new(ir: &Ir) -> Self {
        let mut found: BTreeMap<String, (String, BTreeSet<u8>)> = BTreeMap::new();
        for set in ir.operations.iter().flat_map(|o| &o.permissions) {
            for (i, (_, grant)) in set.schemes().iter().enumerate() {
                if let SchemePermissions::Listed { least, higher } = grant {
                    for name in least
                        .iter()
                        .chain(higher)
                        .flat_map(|e| requirement_names(e))
                    {
                        let name = &name.to_string();
                        let entry = found
                            .entry(name.to_ascii_lowercase())
                            .or_insert_with(|| (name.clone(), BTreeSet::new()));
                        if name < &entry.0 {
                            entry.0 = name.clone();
                        }
                        entry.1.insert(i as u8);
                    }
                }
            }
        }
        let mut scope = Scope::default();
        let by_key = found
            .into_iter()
            .map(|(key, (name, schemes))| {
                let rust = scope.name(&name, Case::ScreamingSnake);
                (key, (name, schemes, rust))
            })
            .collect();
        PermissionNames { by_key }
    }

    /// `["A", "B"]` for an entry `A and B`: each name as the names table
    /// spells it, so that the crate finds it there.
    fn requirement(&self, entry: &str) -> Value {
        requirement_names(entry)
            .map(|n| match self.by_key.get(&n.to_ascii_lowercase()) {
                Some((name, _, _)) => Value::from(name.as_str()),
                None => Value::from(n),
            })
            .collect()
    }
}

/// The permission names of an IR entry: `A and B` needs both.
pub fn requirement_names(entry: &str) -> impl Iterator<Item = &str> {
    entry
        .split(" and ")
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

const SCHEMES: [&str; 3] = ["DelegatedWork", "DelegatedPersonal", "Application"];

/// A grant as the crate's `Table` reads it: `"not_supported"`,
/// `"unknown"`, or the least and higher privileged requirements.
fn grant(p: &SchemePermissions, names: &PermissionNames) -> Value {
    match p {
        SchemePermissions::Listed { least, higher } => json!({
            "least": least.iter().map(|n| names.requirement(n)).collect::<Vec<_>>(),
            "higher": higher.iter().map(|n| names.requirement(n)).collect::<Vec<_>>(),
        }),
        SchemePermissions::Status(SchemeStatus::NotSupported) => json!("not_supported"),
        SchemePermissions::Status(SchemeStatus::Unknown) => json!("unknown"),
    }
}

fn set(s: &PermissionSet, names: &PermissionNames) -> Value {
    json!({
        "scope": s.scope,
        "delegated_work": grant(&s.delegated_work, names),
        "delegated_personal": grant(&s.delegated_personal, names),
        "application": grant(&s.application, names),
        "admin_roles": s.admin_roles,
    })
}

/// The JSON of one table, one line per set list and per operation so that
/// a change of the docs reads as a change of lines, as a raw string
/// literal. Every character outside ASCII is escaped (`\uXXXX`), so no
/// bidi control or other invisible character reaches the source.
fn table_text(sets: &[Value], operations: &[Value]) -> proc_macro2::Literal {
    let lines = |items: &[Value]| {
        items
            .iter()
            .map(|v| format!("  {v}"))
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let json = format!(
        "{{\"sets\": [\n{}\n],\n\"operations\": [\n{}\n]}}",
        lines(sets),
        lines(operations)
    );
    let mut ascii = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                ascii.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    // Enough `#`s that no `"` in the text closes the literal.
    let mut hashes = 1;
    while ascii.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{ascii}\"{fence}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(&ascii))
}

/// `src/permissions.rs`, and a file under `src/permissions/` per version
/// and area for its tables (see [`super::split`]).
pub fn emit(ir: &Ir) -> (TokenStream, Vec<(String, TokenStream)>) {
    let names = PermissionNames::new(ir);
    let constants = names.by_key.values().map(|(name, schemes, rust)| {
        let ident = rust.ident();
        let schemes = schemes.iter().map(|&i| {
            let s = quote::format_ident!("{}", SCHEMES[i as usize]);
            quote!(Scheme::#s)
        });
        let doc = format!(" `{name}`");
        quote! {
            #[doc = #doc]
            pub const #ident: Permission = Permission { name: #name, schemes: &[#(#schemes),*] };
        }
    });
    let all = names.by_key.values().map(|(_, _, rust)| {
        let ident = rust.ident();
        quote!(names::#ident)
    });
    // One table of operations (and one of their routes) per version and
    // area, each behind its features, so a crate built for one area does
    // not type-check the permission data of all the others.
    // An operation an earlier crate had in other areas too is in a table
    // of its own areas (see `features::op_areas`).
    let mut groups: std::collections::BTreeMap<
        (ApiVersion, std::collections::BTreeSet<String>),
        Vec<&crate::ir::Operation>,
    > = std::collections::BTreeMap::new();
    for op in &ir.operations {
        groups
            .entry((op.version, super::features::op_areas(op)))
            .or_default()
            .push(op);
    }
    let mut parts = super::split::Parts::default();
    let mut pushes = Vec::new();
    let mut finds = Vec::new();
    for ((version, areas), ops) in &groups {
        let area = areas.iter().cloned().collect::<Vec<_>>().join(" ");
        let base = format!("{} {}", super::features::version_feature(*version), area);
        let v = super::features::version_feature(*version);
        let cfg = super::features::test_cfg(*version, areas);
        // Operations of an area mostly share their permission sets (1,193
        // operations of the 2020 tree have 218 distinct ones): each
        // distinct list is written once.
        let mut distinct_sets: Vec<Value> = Vec::new();
        let mut set_index: BTreeMap<String, usize> = BTreeMap::new();
        let operations: Vec<Value> = ops
            .iter()
            .map(|op| {
                let sets = Value::Array(op.permissions.iter().map(|s| set(s, &names)).collect());
                let n = *set_index.entry(sets.to_string()).or_insert_with(|| {
                    distinct_sets.push(sets);
                    distinct_sets.len() - 1
                });
                json!({
                    "id": op.id,
                    "routes": op.endpoints.iter().map(|e| [&e.method, &e.path]).collect::<Vec<_>>(),
                    "sources": op.sources.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    "sets": n,
                })
            })
            .collect();
        let table_json = table_text(&distinct_sets, &operations);
        let version_variant = match version {
            ApiVersion::V1 => quote!(Version::V1),
            ApiVersion::Beta => quote!(Version::Beta),
        };
        let route_version = version.as_str();
        let module = parts.push(
            &base,
            cfg.clone(),
            format!("The permission tables of the `{v}` operations of `{area}`, as JSON read on first use."),
            vec![quote! {
                pub(super) static TABLE: crate::support::permission_table::Table =
                    crate::support::permission_table::Table::new(#version_variant, #route_version, #table_json);
            }],
        );
        pushes.push(quote!(#cfg tables.push(#module::TABLE.decoded().operations.as_slice());));
        finds.push(quote! {
            #cfg
            {
                let table = #module::TABLE.decoded();
                found.extend(crate::route::find(&table.routes, method, url).into_iter().map(|f| RequestMatch {
                    operation: &table.operations[f.item],
                    path: f.template,
                    specificity: f.specificity,
                    via_me_alias: f.via_me_alias,
                }));
            }
        });
    }
    let (table_modules, files) = parts.finish("src/permissions", false);
    // A tree whose pages name no permission has no constants to write.
    let names_use = if names.by_key.is_empty() {
        quote!()
    } else {
        quote!(
            use super::{Permission, Scheme};
        )
    };
    let parent = quote! {
        //! Which permissions each documented operation needs, per scope and
        //! scheme, and which operation a request URL is.
        //!
        //! ```
        //! use graph_generated::permissions::{for_request, Scheme};
        //! for m in for_request("GET", "https://graph.microsoft.com/beta/me/authentication/operations/42") {
        //!     for least in m.operation.least_privileged(Scheme::DelegatedWork) {
        //!         for requirement in least.permissions {
        //!             println!("{}: {requirement}", least.scope.unwrap_or("all"));
        //!         }
        //!     }
        //! }
        //! ```
        pub use crate::support::{Access, Grant, OperationPermissions, Permission, PermissionSet, Requirement, Scheme, ScopedPermissions, Version};

        /// Every permission the docs name, as a constant that knows the
        /// schemes it is listed under.
        pub mod names {
            #names_use
            #(#constants)*
        }

        /// Every permission the docs name, sorted by name.
        pub static ALL_PERMISSIONS: &[Permission] = &[#(#all),*];

        /// The permission with this name, compared case-insensitively.
        pub fn permission(name: &str) -> Option<Permission> {
            ALL_PERMISSIONS.iter().copied().find(|p| p.is(name))
        }

        #table_modules

        /// Every documented operation of the areas this build enables,
        /// by version and area.
        #[allow(clippy::vec_init_then_push)] // each push is behind its own features
        pub fn operations() -> impl Iterator<Item = &'static OperationPermissions> {
            #[allow(unused_mut)]
            let mut tables: Vec<&'static [OperationPermissions]> = Vec::new();
            #(#pushes)*
            tables.into_iter().flatten()
        }

        /// The operation with this id.
        pub fn operation(id: &str) -> Option<&'static OperationPermissions> {
            operations().find(|op| op.id == id)
        }

        /// An operation that fits a request.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct RequestMatch {
            pub operation: &'static OperationPermissions,
            /// The documented path the request fits.
            pub path: &'static str,
            /// Higher is more specific.
            pub specificity: u32,
            /// Matched by reading `/me` as `/users/{id}`.
            pub via_me_alias: bool,
        }

        impl RequestMatch {
            /// The least privileged permissions for `scheme`, per scope.
            pub fn least_privileged(&self, scheme: Scheme) -> Vec<ScopedPermissions> {
                self.operation.least_privileged(scheme)
            }
        }

        /// The operations a request may be, most specific first. `url` is a
        /// full URL or a path, with or without the version prefix or a query
        /// string. Segments compare case-insensitively; key segments match
        /// `{id}`-style parameters (a UPN fits `{id | userPrincipalName}`);
        /// `/me/...` falls back to the `/users/{id}/...` operations. An
        /// ambiguous URL gives every candidate; an unknown one, none.
        pub fn for_request(method: &str, url: &str) -> Vec<RequestMatch> {
            let _ = (method, url); // every area may be switched off
            #[allow(unused_mut)]
            let mut found: Vec<RequestMatch> = Vec::new();
            #(#finds)*
            found.sort_by_key(|m| ::std::cmp::Reverse(m.specificity));
            found
        }
    };
    (parent, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_literal_holds_any_text_and_reads_back_as_the_same_json() {
        let hostile = "scope \"# ) \"## \u{202e}bidi\u{2066} é 🦀 \\ \r\n \u{0} r#\"";
        let sets = vec![json!([{ "scope": hostile, "admin_roles": [hostile] }])];
        let operations = vec![json!({ "id": "x", "routes": [["GET", hostile]], "sets": 0 })];
        let literal = table_text(&sets, &operations);
        let text = literal.to_string();
        assert!(text.starts_with("r###\""), "{text}");
        assert!(text.is_ascii(), "{text}");
        let parsed: syn::LitStr = syn::parse_str(&text).expect("a string literal");
        let read: Value = serde_json::from_str(&parsed.value()).expect("JSON");
        assert_eq!(read, json!({ "sets": sets, "operations": operations }));
        // One line per set list and per operation.
        assert_eq!(parsed.value().lines().count(), 6);
    }
}
