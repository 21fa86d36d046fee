//! Docs examples become tests of the generated crate: every example
//! response with a JSON body and a known model deserialises into it,
//! keeps every documented field, and round-trips through serde.

use super::models::{TypeIndex, TypeKind};
use crate::ir::{Body, Ir};
use crate::names::{Case, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(ir: &Ir, index: &TypeIndex) -> TokenStream {
    let mut names = Scope::default();
    let mut tests = Vec::new();
    for op in &ir.operations {
        let Some(ty) = &op.response.type_name else {
            continue;
        };
        let Some((rust, TypeKind::Model)) = index.get(op.version, ty) else {
            continue;
        };
        let module = format_ident!("{}", super::module_name(op.version));
        let model = rust.ident();
        for example in &op.examples {
            let Some(response) = &example.response else {
                continue;
            };
            let Some(Body::Json(body)) = &response.body else {
                continue;
            };
            for entity in crate::ir::models::entities(body) {
                let mut entity = entity.clone();
                if let Some(obj) = entity.as_object_mut() {
                    obj.retain(|k, _| {
                        !matches!(
                            k.as_str(),
                            "@odata.context"
                                | "@odata.nextLink"
                                | "@odata.count"
                                | "@odata.deltaLink"
                        )
                    });
                }
                let json = serde_json::to_string_pretty(&entity).unwrap_or_default();
                let name = names
                    .name(&format!("{}_{}", op.id, example.name), Case::Snake)
                    .ident();
                let doc = format!(" Example `{}` at {}.", example.name, response.source);
                tests.push(quote! {
                    #[doc = #doc]
                    #[test]
                    fn #name() {
                        check::<graph_generated::#module::models::#model>(#json);
                    }
                });
            }
        }
    }
    quote! {
        //! Every documented example response, deserialised into its model.

        /// Deserialises `json`, checks that no field was dropped, and
        /// round-trips the value through serde.
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
