//! Large generated modules, split into one file per set of features: rustc
//! never reads the file of a module whose `cfg` is off, so a build for one
//! area does not even parse the models, builders and permission tables of
//! the others (parsing them was about a quarter of an area build).

use crate::names::{Case, Scope};
use crate::write::GeneratedFile;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// Items that share one `cfg`, bound for one file.
struct Part {
    /// The module name (a snake-case identifier, unique in its parent).
    name: proc_macro2::Ident,
    /// The `#[cfg(...)]` of the whole module; empty for none.
    cfg: TokenStream,
    /// What the part holds, for its `//!` line.
    doc: String,
    items: Vec<TokenStream>,
}

/// The parts of one module.
#[derive(Default)]
pub struct Parts {
    parts: Vec<Part>,
    names: Scope,
}

impl Parts {
    /// A part for items switched on by any of `features`: named after them
    /// (`area_outlook`; `all-models` counts only when it is alone).
    pub fn push_for_features(&mut self, features: &BTreeSet<String>, items: Vec<TokenStream>) {
        let named: Vec<&str> = match features
            .iter()
            .filter(|f| *f != "all-models")
            .collect::<Vec<_>>()
        {
            areas if areas.is_empty() => features.iter().map(String::as_str).collect(),
            areas => areas.into_iter().map(String::as_str).collect(),
        };
        let base = if named.len() > 3 {
            format!("{} {} and {} more", named[0], named[1], named.len() - 2)
        } else {
            named.join(" ")
        };
        let doc = features
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        self.push(
            &base,
            super::features::cfg(features),
            format!("Switched on by {doc}."),
            items,
        );
    }

    /// A part under `cfg`, named after `base`; returns the module's name.
    pub fn push(
        &mut self,
        base: &str,
        cfg: TokenStream,
        doc: String,
        items: Vec<TokenStream>,
    ) -> proc_macro2::Ident {
        let name = self.names.name(base, Case::Snake).ident();
        self.parts.push(Part {
            name: name.clone(),
            cfg,
            doc,
            items,
        });
        name
    }

    /// The declarations for the parent module (`mod x;`, and `pub use x::*;`
    /// when `reexport`), and the files of the parts under `dir`.
    pub fn finish(self, dir: &str, reexport: bool) -> (TokenStream, Vec<(String, TokenStream)>) {
        let mut declarations = TokenStream::new();
        let mut files = Vec::new();
        for Part {
            name,
            cfg,
            doc,
            items,
        } in self.parts
        {
            declarations.extend(quote!(#cfg mod #name;));
            if reexport {
                declarations.extend(quote!(#cfg pub use #name::*;));
            }
            let doc = format!(" {doc}");
            files.push((
                format!("{dir}/{name}.rs"),
                quote! {
                    #![doc = #doc]
                    #[allow(unused_imports)]
                    use super::*;
                    #(#items)*
                },
            ));
        }
        (declarations, files)
    }
}

/// Items switched on by no feature stay in the parent (the first list);
/// the others go to one file per set of features, declared by the tokens.
pub fn by_features(
    items: std::collections::BTreeMap<BTreeSet<String>, Vec<TokenStream>>,
    dir: &str,
) -> (Vec<TokenStream>, TokenStream, Vec<(String, TokenStream)>) {
    let mut always = Vec::new();
    let mut parts = Parts::default();
    for (set, group) in items {
        if set.is_empty() {
            always.extend(group);
        } else {
            parts.push_for_features(&set, group);
        }
    }
    let (declarations, files) = parts.finish(dir, true);
    (always, declarations, files)
}

/// Prints the parts' files.
pub fn print(files: Vec<(String, TokenStream)>) -> Result<Vec<GeneratedFile>, String> {
    files
        .into_iter()
        .map(|(path, tokens)| super::rust_file(&path, tokens))
        .collect()
}
