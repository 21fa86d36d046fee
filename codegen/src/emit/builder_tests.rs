//! `tests/builders.rs` of the generated crate: for every documented
//! endpoint, the builder chain gives the documented path with the values
//! put in their places (compared case-insensitively, as Graph does); a
//! workbook path documented relative to a drive item, below that item.

use super::requests::steps_text_with;
use crate::ir::ApiVersion;
use crate::names::{Case, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::requests::Chains;

pub fn emit(ir: &crate::ir::Ir, all: &[(ApiVersion, Chains)]) -> TokenStream {
    // On with any area the operation is on with: its own, and those an
    // earlier crate had it in.
    let areas: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> = ir
        .operations
        .iter()
        .map(|o| (o.id.as_str(), super::features::op_areas(o)))
        .collect();
    let mut names = Scope::default();
    let mut tests = Vec::new();
    for (version, chains) in all {
        let module = format_ident!("{}", super::module_name(*version));
        let mut seen_paths = std::collections::BTreeSet::new();
        for ((op, _method, path), chain) in &chains.endpoints {
            if !seen_paths.insert(path.clone()) {
                continue; // one test per path
            }
            let mut n = 0;
            let calls = chain.calls.iter().map(|c| {
                let args: Vec<String> = (0..c.arguments)
                    .map(|_| {
                        n += 1;
                        format!("v{n}")
                    })
                    .collect();
                let m = format_ident!("{}", c.method);
                quote!(.#m(#(#args),*))
            });
            let calls: Vec<TokenStream> = calls.collect();
            let mut k = 0;
            let mut value = || {
                k += 1;
                format!("v{k}")
            };
            // A workbook path the docs give relative to a drive item
            // follows the drive item its chain goes through.
            let mount = chain.mount.and_then(|m| chains.mounts.get(m));
            let mut expected = mount
                .map(|m| steps_text_with(&m.path, &mut value))
                .unwrap_or_default();
            expected.push_str(&steps_text_with(path, &mut value));
            let name = names.name(&format!("{op} {path}"), Case::Snake).ident();
            let doc = format!(" `{path}`");
            let areas = areas
                .get(op.as_str())
                .cloned()
                .unwrap_or_else(|| ["area-other".to_string()].into());
            let cfg = super::features::test_cfg(*version, &areas);
            tests.push(quote! {
                #[doc = #doc]
                #cfg
                #[test]
                fn #name() {
                    let b = graph_generated::#module::requests::root() #(#calls)*;
                    // Graph compares paths case-insensitively; the builder writes the
                    // camelCase spelling the docs give.
                    let want = format!("{}{}", graph_generated::#module::BASE_URL, #expected);
                    assert!(b.url().eq_ignore_ascii_case(&want), "{} is not {}", b.url(), want);
                }
            });
        }
    }
    quote! {
        //! Every documented endpoint: its builder chain gives its path.
        #(#tests)*
    }
}
