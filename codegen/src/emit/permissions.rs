//! The permission table of every operation as `'static` data.

use crate::ir::{ApiVersion, Ir, PermissionSet, SchemePermissions, SchemeStatus};
use proc_macro2::TokenStream;
use quote::quote;

fn grant(p: &SchemePermissions) -> TokenStream {
    match p {
        SchemePermissions::Listed { least, higher } => {
            quote!(Grant::Listed { least: &[#(#least),*], higher: &[#(#higher),*] })
        }
        SchemePermissions::Status(SchemeStatus::NotSupported) => quote!(Grant::NotSupported),
        SchemePermissions::Status(SchemeStatus::Unknown) => quote!(Grant::Unknown),
    }
}

fn set(s: &PermissionSet) -> TokenStream {
    let scope = match &s.scope {
        Some(x) => quote!(Some(#x)),
        None => quote!(None),
    };
    let (w, p, a) = (
        grant(&s.delegated_work),
        grant(&s.delegated_personal),
        grant(&s.application),
    );
    let roles = &s.admin_roles;
    quote!(PermissionSet { scope: #scope, delegated_work: #w, delegated_personal: #p, application: #a, admin_roles: &[#(#roles),*] })
}

pub fn emit(ir: &Ir) -> TokenStream {
    let ops = ir.operations.iter().map(|op| {
        let id = &op.id;
        let version = match op.version {
            ApiVersion::V1 => quote!(Version::V1),
            ApiVersion::Beta => quote!(Version::Beta),
        };
        let method = &op.endpoints[0].method;
        let paths: Vec<&String> = op.endpoints.iter().map(|e| &e.path).collect();
        let sources: Vec<String> = op.sources.iter().map(|s| s.to_string()).collect();
        let sets = op.permissions.iter().map(set);
        quote! {
            OperationPermissions { id: #id, version: #version, method: #method, paths: &[#(#paths),*], sources: &[#(#sources),*], sets: &[#(#sets),*] }
        }
    });
    quote! {
        //! Which permissions each documented operation needs, per scope and scheme.
        pub use crate::support::{Grant, OperationPermissions, PermissionSet, Scheme, Version};

        /// Every documented operation, sorted by version, path and method.
        pub static OPERATIONS: &[OperationPermissions] = &[#(#ops),*];

        /// The operation with this id.
        pub fn operation(id: &str) -> Option<&'static OperationPermissions> {
            OPERATIONS.iter().find(|op| op.id == id)
        }
    }
}
