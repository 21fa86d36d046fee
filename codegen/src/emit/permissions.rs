//! The permission table of every operation as `'static` data, the typed
//! permission names, and `for_request`, which finds the operations a
//! concrete request URL is (with the matcher shared from
//! `codegen/templates/route.rs`).

use crate::ir::{ApiVersion, Ir, PermissionSet, SchemePermissions, SchemeStatus};
use crate::names::{Case, RustName, Scope};
use proc_macro2::TokenStream;
use quote::quote;
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

    /// `Requirement(&[names::A, names::B])` for an entry `A and B`.
    fn requirement(&self, entry: &str) -> TokenStream {
        let parts = requirement_names(entry).map(|n| self.constant(n));
        quote!(Requirement(&[#(#parts),*]))
    }

    fn constant(&self, name: &str) -> TokenStream {
        match self.by_key.get(&name.to_ascii_lowercase()) {
            Some((_, _, rust)) => {
                let ident = rust.ident();
                quote!(names::#ident)
            }
            None => quote!(compile_error!("permission missing from the names table")),
        }
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

fn grant(p: &SchemePermissions, names: &PermissionNames) -> TokenStream {
    match p {
        SchemePermissions::Listed { least, higher } => {
            let least = least.iter().map(|n| names.requirement(n));
            let higher = higher.iter().map(|n| names.requirement(n));
            quote!(Grant::Listed { least: &[#(#least),*], higher: &[#(#higher),*] })
        }
        SchemePermissions::Status(SchemeStatus::NotSupported) => quote!(Grant::NotSupported),
        SchemePermissions::Status(SchemeStatus::Unknown) => quote!(Grant::Unknown),
    }
}

fn set(s: &PermissionSet, names: &PermissionNames) -> TokenStream {
    let scope = match &s.scope {
        Some(x) => quote!(Some(#x)),
        None => quote!(None),
    };
    let (w, p, a) = (
        grant(&s.delegated_work, names),
        grant(&s.delegated_personal, names),
        grant(&s.application, names),
    );
    let roles = &s.admin_roles;
    quote!(PermissionSet { scope: #scope, delegated_work: #w, delegated_personal: #p, application: #a, admin_roles: &[#(#roles),*] })
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
    let mut groups: std::collections::BTreeMap<(ApiVersion, String), Vec<&crate::ir::Operation>> =
        std::collections::BTreeMap::new();
    for op in &ir.operations {
        groups
            .entry((op.version, super::features::op_area(op)))
            .or_default()
            .push(op);
    }
    let mut parts = super::split::Parts::default();
    let mut pushes = Vec::new();
    let mut finds = Vec::new();
    for ((version, area), ops) in &groups {
        let base = format!("{} {}", super::features::version_feature(*version), area);
        let table = crate::names::rust_name(&base, crate::names::Case::ScreamingSnake).ident();
        let routes_ident = quote::format_ident!("{}_ROUTES", table);
        let v = super::features::version_feature(*version);
        let cfg = quote!(#[cfg(all(feature = #v, feature = #area))]);
        // Operations of an area mostly share their permission sets (1,193
        // operations of the 2020 tree have 218 distinct ones): each
        // distinct list is one constant, so it is type-checked once.
        let mut distinct_sets: Vec<TokenStream> = Vec::new();
        let mut set_index: BTreeMap<String, usize> = BTreeMap::new();
        let set_names: Vec<proc_macro2::Ident> = ops
            .iter()
            .map(|op| {
                let sets = op.permissions.iter().map(|s| set(s, &names));
                let sets = quote!(&[#(#sets),*]);
                let n = *set_index.entry(sets.to_string()).or_insert_with(|| {
                    distinct_sets.push(sets);
                    distinct_sets.len() - 1
                });
                quote::format_ident!("SETS_{}", n)
            })
            .collect();
        let set_constants = distinct_sets.iter().enumerate().map(|(n, sets)| {
            let ident = quote::format_ident!("SETS_{}", n);
            quote!(const #ident: &[PermissionSet] = #sets;)
        });
        let rows = ops.iter().zip(&set_names).map(|(op, sets)| {
            let id = &op.id;
            let version = match op.version {
                ApiVersion::V1 => quote!(Version::V1),
                ApiVersion::Beta => quote!(Version::Beta),
            };
            let method = &op.endpoints[0].method;
            let paths: Vec<&String> = op.endpoints.iter().map(|e| &e.path).collect();
            let sources: Vec<String> = op.sources.iter().map(|s| s.to_string()).collect();
            quote! {
                OperationPermissions { id: #id, version: #version, method: #method, paths: &[#(#paths),*], sources: &[#(#sources),*], sets: #sets }
            }
        });
        let routes = ops.iter().enumerate().flat_map(|(i, op)| {
            let version = op.version.as_str();
            op.endpoints.iter().map(move |e| {
                let (method, template) = (&e.method, &e.path);
                quote!(crate::route::Route { version: #version, method: #method, template: #template, item: #i })
            })
        });
        let module = parts.push(
            &base,
            cfg.clone(),
            format!("The permission tables of the `{v}` operations of `{area}`."),
            vec![quote! {
                #(#set_constants)*
                pub(super) static #table: &[OperationPermissions] = &[#(#rows),*];
                pub(super) static #routes_ident: &[crate::route::Route<'static, usize>] = &[#(#routes),*];
            }],
        );
        pushes.push(quote!(#cfg tables.push(#module::#table);));
        finds.push(quote! {
            #cfg
            found.extend(crate::route::find(#module::#routes_ident, method, url).into_iter().map(|f| RequestMatch {
                operation: &#module::#table[f.item],
                path: f.template,
                specificity: f.specificity,
                via_me_alias: f.via_me_alias,
            }));
        });
    }
    let (table_modules, files) = parts.finish("src/permissions", false);
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
            use super::{Permission, Scheme};
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
