//! Request functions: one per endpoint, returning an `http::Request` with
//! the right method and URL. Path values are percent-encoded as one segment.

use super::doc_lines;
use crate::ir::{ApiVersion, Ir, Operation, PermissionSet, SchemePermissions, SchemeStatus};
use crate::names::{Case, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(ir: &Ir, version: ApiVersion) -> TokenStream {
    let mut fns = Scope::default();
    let mut items = Vec::new();
    for op in ir.operations.iter().filter(|o| o.version == version) {
        for endpoint in &op.endpoints {
            let id = crate::ir::merge::operation_id(version, &endpoint.method, &endpoint.path);
            let id = id.split_once('_').map(|x| x.1).unwrap_or(&id);
            let name = fns.name(id, Case::Snake).ident();
            items.push(endpoint_fn(
                op,
                &name,
                &endpoint.method,
                &endpoint.path,
                endpoint.scope.as_deref(),
            ));
        }
    }
    quote! {
        //! Request functions of this API version, one per documented endpoint.
        #(#items)*
    }
}

/// A path split into literal text and parameters.
enum Piece {
    Literal(String),
    Param(String),
}

fn pieces(path: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        if c == '{' {
            if !lit.is_empty() {
                out.push(Piece::Literal(std::mem::take(&mut lit)));
            }
            let inner: String = chars.by_ref().take_while(|&c| c != '}').collect();
            out.push(Piece::Param(
                inner.split('|').next().unwrap_or("").trim().to_string(),
            ));
        } else {
            lit.push(c);
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Literal(lit));
    }
    out
}

/// `users/{id}` names its parameter `user_id`.
fn param_name(name: &str, before: &str) -> String {
    if !name.eq_ignore_ascii_case("id") {
        return name.to_string();
    }
    let segment = before
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let word: String = segment
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let singular = word
        .strip_suffix("ies")
        .map(|w| format!("{w}y"))
        .or_else(|| word.strip_suffix('s').map(str::to_string))
        .unwrap_or(word);
    if singular.is_empty() {
        "id".into()
    } else {
        format!("{singular}_id")
    }
}

fn endpoint_fn(
    op: &Operation,
    name: &proc_macro2::Ident,
    method: &str,
    path: &str,
    scope: Option<&str>,
) -> TokenStream {
    let mut args = Scope::default();
    let mut params = Vec::new();
    let mut pushes = Vec::new();
    let mut before = String::new();
    for piece in pieces(path) {
        match piece {
            Piece::Literal(text) => {
                pushes.push(quote!(url.push_str(#text);));
                before.push_str(&text);
            }
            Piece::Param(p) => {
                let arg = args.name(&param_name(&p, &before), Case::Snake).ident();
                pushes.push(quote!(crate::support::push_segment(&mut url, #arg);));
                params.push(quote!(#arg: &str));
            }
        }
    }
    let method_ident = format_ident!("{}", method.to_ascii_uppercase());
    let docs = doc_lines(&operation_doc(op, method, path, scope));
    quote! {
        #docs
        pub fn #name(#(#params),*) -> Result<http::Request<Vec<u8>>, http::Error> {
            let mut url = String::from(super::BASE_URL);
            #(#pushes)*
            http::Request::builder().method(http::Method::#method_ident).uri(url).body(Vec::new())
        }
    }
}

/// The rustdoc of a request: method and path, title, permissions table, sources.
pub fn operation_doc(op: &Operation, method: &str, path: &str, scope: Option<&str>) -> String {
    let mut doc = format!("`{method} {path}`\n\n{}\n", op.title);
    if let Some(s) = scope {
        doc.push_str(&format!("\n{s}.\n"));
    }
    if let Some(d) = &op.description {
        doc.push_str(&format!("\n{d}\n"));
    }
    doc.push_str("\n# Permissions\n\n");
    if op.permissions.is_empty() {
        doc.push_str("The docs state no permissions for this operation.\n");
    } else {
        doc.push_str(
            "| Scope | Scheme | Least privileged | Higher privileged |\n|---|---|---|---|\n",
        );
        for set in &op.permissions {
            for (scheme, grant) in set.schemes() {
                doc.push_str(&format!(
                    "| {} | {} | {} |\n",
                    set.scope.as_deref().unwrap_or("all"),
                    scheme.label(),
                    grant_cells(grant)
                ));
            }
        }
        let roles: Vec<&PermissionSet> = op
            .permissions
            .iter()
            .filter(|s| !s.admin_roles.is_empty())
            .collect();
        for set in roles {
            doc.push_str(&format!(
                "\nAdmin roles{}: {}.\n",
                set.scope
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                set.admin_roles.join(", ")
            ));
        }
    }
    doc.push_str("\n# Source\n\n");
    for s in &op.sources {
        match published_page(&s.file, op.version) {
            Some(url) => doc.push_str(&format!("- [`{s}`]({url})\n")),
            None => doc.push_str(&format!("- `{s}`\n")),
        }
    }
    doc
}

/// The published page of a docs source file: `.../api/authenticationoperation-get.md`
/// is <https://learn.microsoft.com/graph/api/authenticationoperation-get?view=graph-rest-beta>.
/// Only Markdown API pages with a docs-style name (lowercase letters,
/// digits, dashes) have one.
fn published_page(file: &str, version: crate::ir::ApiVersion) -> Option<String> {
    let stem = file.strip_suffix(".md")?;
    let (dir, name) = stem.rsplit_once('/')?;
    let ok = dir.ends_with("/api")
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let view = match version {
        crate::ir::ApiVersion::V1 => "graph-rest-1.0",
        crate::ir::ApiVersion::Beta => "graph-rest-beta",
    };
    ok.then(|| format!("https://learn.microsoft.com/graph/api/{name}?view={view}"))
}

fn grant_cells(grant: &SchemePermissions) -> String {
    match grant {
        SchemePermissions::Listed { least, higher } => {
            let h = if higher.is_empty() {
                "none".to_string()
            } else {
                higher.join(", ")
            };
            format!("{} | {}", least.join(", "), h)
        }
        SchemePermissions::Status(SchemeStatus::NotSupported) => {
            "not supported | not supported".into()
        }
        SchemePermissions::Status(SchemeStatus::Unknown) => "unknown | unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_parameters_are_named_by_their_collection() {
        assert_eq!(param_name("id", "/users/"), "user_id");
        assert_eq!(
            param_name("id", "/users/x/authentication/operations/"),
            "operation_id"
        );
        assert_eq!(param_name("id", "/policies/"), "policy_id");
        assert_eq!(
            param_name("longRunningOperationId", "/operations/"),
            "longRunningOperationId"
        );
    }
}
