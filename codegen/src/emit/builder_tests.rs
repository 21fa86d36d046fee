//! `tests/builders.rs` of the generated crate: for every documented
//! endpoint, the builder chain gives the documented path with the values
//! put in their places.

use super::requests::{steps_text_with, ChainCall};
use crate::ir::ApiVersion;
use crate::names::{Case, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

type Chains = BTreeMap<(String, String, String), Vec<ChainCall>>;

pub fn emit(all: &[(ApiVersion, Chains)]) -> TokenStream {
    let mut names = Scope::default();
    let mut tests = Vec::new();
    for (version, chains) in all {
        let module = format_ident!("{}", super::module_name(*version));
        let mut seen_paths = std::collections::BTreeSet::new();
        for ((op, _method, path), chain) in chains {
            if !seen_paths.insert(path.clone()) {
                continue; // one test per path
            }
            let mut n = 0;
            let calls = chain.iter().map(|c| {
                let args: Vec<String> = (0..c.arguments)
                    .map(|_| {
                        n += 1;
                        format!("v{n}")
                    })
                    .collect();
                let m = &c.method;
                quote!(.#m(#(#args),*))
            });
            let calls: Vec<TokenStream> = calls.collect();
            let mut k = 0;
            let expected = steps_text_with(path, &mut || {
                k += 1;
                format!("v{k}")
            });
            let name = names.name(&format!("{op} {path}"), Case::Snake).ident();
            let doc = format!(" `{path}`");
            tests.push(quote! {
                #[doc = #doc]
                #[test]
                fn #name() {
                    let b = graph_generated::#module::requests::root() #(#calls)*;
                    assert_eq!(b.url(), format!("{}{}", graph_generated::#module::BASE_URL, #expected));
                }
            });
        }
    }
    quote! {
        //! Every documented endpoint: its builder chain gives its path.
        #(#tests)*
    }
}
