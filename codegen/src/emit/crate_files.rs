//! The crate scaffolding: `Cargo.toml`, `src/lib.rs`, the version modules
//! and the hand-written modules copied from `codegen/templates/`.

use super::{rust_file, template, HEADER};
use crate::ir::ApiVersion;
use crate::write::GeneratedFile;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

const SUPPORT: &str = include_str!("../../templates/support.rs");
const ROUTE: &str = include_str!("../../templates/route.rs");
const VALUES: &str = include_str!("../../templates/values.rs");
const REQUEST: &str = include_str!("../../templates/request.rs");
const BATCH: &str = include_str!("../../templates/batch.rs");
const UPLOAD: &str = include_str!("../../templates/upload.rs");

pub fn files(ir: &crate::ir::Ir, versions: &[ApiVersion]) -> Result<Vec<GeneratedFile>, String> {
    let features = super::features::table(ir, versions);
    let cargo = format!(
        "# {HEADER}\n[package]\nname = \"graph-generated\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\npublish = false\ndescription = \"Typed Microsoft Graph models, requests and permissions, generated from the docs.\"\n\n{features}\n[dependencies]\nhttp = \"1\"\npercent-encoding = \"2\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n# TLS is the application's choice: enable reqwest's `rustls-tls` or\n# `native-tls` feature in your own Cargo.toml.\nreqwest = {{ version = \"0.12\", default-features = false, optional = true }}\ntokio = {{ version = \"1\", features = [\"time\"], optional = true }}\n\n[dev-dependencies]\nproptest = \"1\"\ntiny_http = \"0.12\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }}\n"
    );
    Ok(vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: cargo,
        },
        template("src/support.rs", SUPPORT)?,
        template("src/route.rs", ROUTE)?,
        template("src/values.rs", VALUES)?,
        template("src/request.rs", REQUEST)?,
        template("src/batch.rs", BATCH)?,
        template("src/upload.rs", UPLOAD)?,
    ])
}

/// `src/lib.rs`: the crate's front page (its `quick_start`, see
/// `quick_start.rs`) and its modules.
pub fn lib_rs(versions: &[ApiVersion], quick_start: TokenStream) -> Result<GeneratedFile, String> {
    let mods: Vec<TokenStream> = versions
        .iter()
        .map(|v| {
            let m = format_ident!("{}", super::module_name(*v));
            let doc = format!(
                " Operations and models of the Microsoft Graph `{}` API.",
                v.as_str()
            );
            let feature = super::features::version_feature(*v);
            quote!(#[doc = #doc] #[cfg(feature = #feature)] pub mod #m;)
        })
        .collect();
    let lib = quote! {
        //! Typed Microsoft Graph models, request builders and permission
        //! metadata, generated from the Graph API reference pages.
        #quick_start
        #![forbid(unsafe_code)]
        pub mod batch;
        pub mod permissions;
        pub mod request;
        pub mod route;
        pub mod support;
        pub mod upload;
        pub mod values;
        #(#mods)*
    };
    rust_file("src/lib.rs", lib)
}

/// The service root of an API version.
pub fn base_url(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V1 => "https://graph.microsoft.com/v1.0",
        ApiVersion::Beta => "https://graph.microsoft.com/beta",
    }
}

pub fn version_module(version: ApiVersion) -> TokenStream {
    let base = base_url(version);
    quote! {
        pub mod models;
        pub mod requests;
        /// The service root of this API version.
        pub const BASE_URL: &str = #base;
    }
}
