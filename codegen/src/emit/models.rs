//! Models and enums. A model is `support::Model` over a struct of its
//! documented properties (`pub type User = Model<UserProperties>`), which
//! lists them twice, in `support::ModelFields::visit` and `build`; serde,
//! `Debug`, `Clone`, `PartialEq` and `Default` are implemented once, for
//! every model, over those two, rather than per model (derives, or even
//! one-line impls per model, made most of a large crate's compile time;
//! see `codegen/templates/support.rs`). Enums are evolvable: an unknown
//! wire value deserialises into `Other(String)` and serialises back
//! unchanged.

use super::doc_lines;
use super::doc_text::rustdoc_safe;
use crate::ir::{ApiVersion, EnumType, Ir, Model, Property};
use crate::names::{Case, RustName, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Model,
    Enum,
    /// A flags enum: properties of it are `Flags<T>`.
    FlagsEnum,
}

/// Rust names of every model and enum, per version, decided once.
pub struct TypeIndex {
    names: BTreeMap<(ApiVersion, String), (RustName, TypeKind)>,
    /// The struct of each model's documented properties (`UserProperties`
    /// of `User`) and its `$select` enum (`UserField`), named after every
    /// type so that a type keeps its name.
    properties: BTreeMap<(ApiVersion, String), (RustName, RustName)>,
    enums: BTreeMap<(ApiVersion, String), EnumType>,
    /// Models that hold themselves by value, directly or through others:
    /// each with the number of its cycle (see [`cycles`]).
    cycles: BTreeMap<(ApiVersion, String), usize>,
    /// Entity types (a key, or a base type with one: `user` through
    /// `directoryObject` and `entity`), as opposed to complex types.
    entities: BTreeSet<(ApiVersion, String)>,
}

impl TypeIndex {
    pub fn new(ir: &Ir) -> Self {
        let mut names = BTreeMap::new();
        let mut scopes: BTreeMap<ApiVersion, Scope> = BTreeMap::new();
        let all = ir
            .models
            .iter()
            .map(|m| (m.version, &m.name, TypeKind::Model))
            .chain(ir.enums.iter().map(|e| {
                let kind = if e.flags {
                    TypeKind::FlagsEnum
                } else {
                    TypeKind::Enum
                };
                (e.version, &e.name, kind)
            }));
        for (version, name, kind) in all {
            if names.contains_key(&(version, name.clone())) {
                // An enum documented under a model's name: the model wins.
                continue;
            }
            let scope = scopes.entry(version).or_default();
            let rust = scope.name(&type_base_name(name), Case::UpperCamel);
            names.insert((version, name.clone()), (rust, kind));
        }
        let properties = names
            .iter()
            .filter(|(_, (_, kind))| *kind == TypeKind::Model)
            .map(|((version, name), (rust, _))| {
                let scope = scopes.entry(*version).or_default();
                let properties =
                    scope.name(&format!("{}Properties", rust.as_str()), Case::UpperCamel);
                let field = scope.name(&format!("{}Field", rust.as_str()), Case::UpperCamel);
                ((*version, name.clone()), (properties, field))
            })
            .collect();
        let enums = ir
            .enums
            .iter()
            .map(|e| ((e.version, e.name.clone()), e.clone()))
            .collect();
        let cycles = cycles(ir, &names);
        let entities = entities(ir);
        TypeIndex {
            names,
            properties,
            enums,
            cycles,
            entities,
        }
    }

    /// The names of a model's properties struct and its `$select` enum.
    pub fn properties_of(&self, version: ApiVersion, name: &str) -> Option<&(RustName, RustName)> {
        self.properties.get(&(version, name.to_string()))
    }

    /// The IR enum behind a type name, when it is one.
    pub fn enum_of(&self, version: ApiVersion, name: &str) -> Option<&EnumType> {
        self.enums.get(&(version, name.to_string()))
    }

    pub fn get(&self, version: ApiVersion, name: &str) -> Option<&(RustName, TypeKind)> {
        self.names.get(&(version, name.to_string()))
    }

    /// The Rust type of a property of `owner`, as tokens, relative to the
    /// models module.
    pub fn property_type(&self, version: ApiVersion, owner: &str, p: &Property) -> TokenStream {
        let inner: TokenStream = match crate::types::rust_primitive(&p.type_name) {
            Some(prim) => syn::parse_str(prim).unwrap_or_else(|_| quote!(::serde_json::Value)),
            None => match self.get(version, &p.type_name) {
                Some((name, TypeKind::Enum)) => name.ident().into_token_stream(),
                Some((name, TypeKind::FlagsEnum)) => {
                    let ident = name.ident();
                    quote!(crate::support::Flags<#ident>)
                }
                // An entity's entity is boxed (a drive's `root`, a site's
                // `drive`: entities are large, and hold one another), and
                // so is a model on a cycle of models it holds by value,
                // which would otherwise hold itself. A complex type is set
                // as it is (`message.body = Some(body)`), and so is the
                // entity a request body sends (`sendMail`'s `message`).
                Some((name, TypeKind::Model))
                    if !p.collection
                        && (self.is_entity(version, owner)
                            && self.is_entity(version, &p.type_name)
                            || self.same_cycle(version, owner, &p.type_name)) =>
                {
                    let ident = name.ident();
                    quote!(::std::boxed::Box<#ident>)
                }
                Some((name, TypeKind::Model)) => name.ident().into_token_stream(),
                None => quote!(::serde_json::Value),
            },
        };
        if p.collection {
            quote!(::std::vec::Vec<#inner>)
        } else {
            inner
        }
    }
}

use quote::ToTokens;

impl TypeIndex {
    fn is_entity(&self, version: ApiVersion, name: &str) -> bool {
        self.entities.contains(&(version, name.to_string()))
    }

    /// Whether two models are on one cycle of properties held by value.
    fn same_cycle(&self, version: ApiVersion, a: &str, b: &str) -> bool {
        let cycle = |name: &str| self.cycles.get(&(version, name.to_string()));
        cycle(a).is_some_and(|c| cycle(b) == Some(c))
    }
}

/// The entity types: models with a key, or whose base types reach one,
/// or `entity` itself (documented or not).
fn entities(ir: &Ir) -> BTreeSet<(ApiVersion, String)> {
    let by_name: BTreeMap<(ApiVersion, &str), &crate::ir::Model> = ir
        .models
        .iter()
        .map(|m| ((m.version, m.name.as_str()), m))
        .collect();
    const ENTITY: &str = "microsoft.graph.entity";
    let is_entity = |m: &crate::ir::Model| {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut current = Some(m);
        while let Some(model) = current.filter(|m| seen.insert(m.name.as_str())) {
            if model.key_property.is_some() || model.name == ENTITY {
                return true;
            }
            match model.base_type.as_deref() {
                Some(ENTITY) => return true,
                Some(base) => current = by_name.get(&(model.version, base)).copied(),
                None => return false,
            }
        }
        false
    };
    ir.models
        .iter()
        .filter(|m| is_entity(m))
        .map(|m| (m.version, m.name.clone()))
        .collect()
}

/// The cycles of models that hold one another by value (a property of one
/// model, not a collection: `Vec` needs no box): the strongly connected
/// components of that graph with more than one model, or one model that
/// holds itself, each numbered. Only properties between two models of one
/// cycle need a `Box`; without it the struct would hold itself.
/// (Kosaraju's, without recursion, so that no docs tree can exhaust the
/// stack.)
fn cycles(
    ir: &Ir,
    names: &BTreeMap<(ApiVersion, String), (RustName, TypeKind)>,
) -> BTreeMap<(ApiVersion, String), usize> {
    type Node = (ApiVersion, String);
    let is_model = |k: &Node| {
        names
            .get(k)
            .is_some_and(|(_, kind)| *kind == TypeKind::Model)
    };
    let mut edges: BTreeMap<Node, BTreeSet<Node>> = BTreeMap::new();
    let mut reverse: BTreeMap<Node, BTreeSet<Node>> = BTreeMap::new();
    for m in &ir.models {
        let from = (m.version, m.name.clone());
        let held: BTreeSet<Node> = m
            .properties
            .iter()
            .filter(|p| !p.collection)
            .map(|p| (m.version, p.type_name.clone()))
            .filter(is_model)
            .collect();
        for to in &held {
            reverse.entry(to.clone()).or_default().insert(from.clone());
        }
        edges.entry(from).or_default().extend(held);
    }
    // Finishing order, by an explicit stack.
    let mut seen: BTreeSet<&Node> = BTreeSet::new();
    let mut order: Vec<&Node> = Vec::new();
    for start in edges.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut stack: Vec<(&Node, std::collections::btree_set::Iter<'_, Node>)> =
            vec![(start, edges[start].iter())];
        while let Some((node, next)) = stack.last_mut() {
            match next.find(|n| !seen.contains(n)) {
                Some(child) => {
                    seen.insert(child);
                    let children = edges.get(child).map(|c| c.iter()).unwrap_or_default();
                    stack.push((child, children));
                }
                None => {
                    order.push(node);
                    stack.pop();
                }
            }
        }
    }
    // Components on the reversed graph, in reverse finishing order.
    let mut component: BTreeMap<&Node, usize> = BTreeMap::new();
    let mut count = 0;
    for &start in order.iter().rev() {
        if component.contains_key(start) {
            continue;
        }
        let mut stack = vec![start];
        component.insert(start, count);
        while let Some(node) = stack.pop() {
            for from in reverse.get(node).into_iter().flatten() {
                if !component.contains_key(from) {
                    component.insert(from, count);
                    stack.push(from);
                }
            }
        }
        count += 1;
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for c in component.values() {
        *sizes.entry(*c).or_default() += 1;
    }
    component
        .iter()
        .filter(|(node, c)| sizes[*c] > 1 || edges[**node].contains(**node))
        .map(|(node, c)| ((*node).clone(), *c))
        .collect()
}

/// `microsoft.graph.operation` -> `operation`; other namespaces keep their
/// distinguishing part: `microsoft.graph.security.incident` -> `securityIncident`.
fn type_base_name(qualified: &str) -> String {
    let rest = qualified
        .strip_prefix("microsoft.graph.")
        .unwrap_or(qualified);
    rest.replace('.', " ")
}

/// The Rust names of a model's properties, in their order: snake case,
/// told apart where two meet, never `additional_data` (the model's own
/// field).
pub fn property_fields(model: &Model) -> Vec<RustName> {
    let mut fields = Scope::default();
    fields.reserve("additional_data");
    model
        .properties
        .iter()
        .map(|p| fields.name(&p.name, Case::Snake))
        .collect()
}

/// The variants of a model's `Field` enum (`$select`, `$expand`), one per
/// property, in their order.
pub fn field_variants(model: &Model) -> Vec<RustName> {
    let mut variants = Scope::default();
    model
        .properties
        .iter()
        .map(|p| variants.name(&p.name, Case::UpperCamel))
        .collect()
}

/// The models module of `version`: a parent file, and a file per set of
/// features under `dir` (see [`super::split`]).
pub fn emit(
    ir: &Ir,
    version: ApiVersion,
    index: &TypeIndex,
    features: &super::features::TypeFeatures,
    dir: &str,
) -> (TokenStream, Vec<(String, TokenStream)>) {
    let selected = super::requests::selected_types(ir, version);
    let derived = derived_types(ir, version);
    let mut by_features: BTreeMap<BTreeSet<String>, Vec<TokenStream>> = BTreeMap::new();
    for model in ir.models.iter().filter(|m| m.version == version) {
        let selectable = selected.contains(model.name.as_str());
        by_features
            .entry(features.of(version, &model.name))
            .or_default()
            .push(model_tokens(model, index, features, selectable, &derived));
    }
    for e in ir.enums.iter().filter(|e| e.version == version) {
        if let Some((name, TypeKind::Enum | TypeKind::FlagsEnum)) = index.get(version, &e.name) {
            by_features
                .entry(features.of(version, &e.name))
                .or_default()
                .push(enum_tokens(e, name));
        }
    }
    let (always, declarations, files) = super::split::by_features(by_features, dir);
    let parent = quote! {
        //! Models and enums of this API version, in one file per set of
        //! features that switches them on.
        #declarations
        #(#always)*
    };
    (parent, files)
}

/// Each Graph model's derived types at any depth, by its lowercased name:
/// what `support::cast` accepts as the model. A cycle of base types (a
/// hostile page can write one) ends where it comes round.
fn derived_types(ir: &Ir, version: ApiVersion) -> BTreeMap<String, Vec<&str>> {
    let graph_models = || {
        ir.models
            .iter()
            .filter(move |m| m.version == version && !m.origin.is_request_only())
    };
    let mut children: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for m in graph_models() {
        if let Some(base) = &m.base_type {
            children
                .entry(base.to_ascii_lowercase())
                .or_default()
                .push(&m.name);
        }
    }
    graph_models()
        .map(|m| {
            let name = m.name.to_ascii_lowercase();
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut stack = vec![name.clone()];
            while let Some(ty) = stack.pop() {
                for &child in children.get(&ty).into_iter().flatten() {
                    if seen.insert(child) {
                        stack.push(child.to_ascii_lowercase());
                    }
                }
            }
            seen.remove(m.name.as_str());
            (name, seen.into_iter().collect())
        })
        .collect()
}

fn model_tokens(
    model: &Model,
    index: &TypeIndex,
    features: &super::features::TypeFeatures,
    selectable: bool,
    derived: &BTreeMap<String, Vec<&str>>,
) -> TokenStream {
    let owner = features.of(model.version, &model.name);
    let (Some((name, _)), Some((properties, field_enum))) = (
        index.get(model.version, &model.name),
        index.properties_of(model.version, &model.name),
    ) else {
        return TokenStream::new();
    };
    let ident = name.ident();
    let (properties, field_enum) = (properties.ident(), field_enum.ident());
    let name_text = ident.to_string();
    let mut doc = String::new();
    if let Some(d) = &model.description {
        doc.push_str(&rustdoc_safe(d));
        doc.push_str("\n\n");
    }
    let sources = model
        .sources
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if model.origin == crate::ir::ModelOrigin::RequestBody {
        // Not a type of the Graph schema: no `microsoft.graph` name to give.
        doc.push_str(&format!("From the parameter table at {sources}."));
    } else if model.origin == crate::ir::ModelOrigin::Reference {
        doc.push_str(&format!(
            "OData's entity reference, not a docs type: set `odata_id` to the full URL of the entity. Sent by the requests at {sources}."
        ));
    } else {
        doc.push_str(&format!("`{}`, documented at {sources}.", model.name));
    }
    doc.push_str(&format!(
        "\n\nIts documented properties are the fields of [`{properties}`], read and \
         written through it; the ones this crate does not know are in `additional_data`."
    ));
    if let Some(entry) = &model.entry_type {
        let rust = match crate::types::rust_primitive(entry) {
            Some(prim) => prim.rsplit("::").next().unwrap_or(prim).to_string(),
            None => index
                .get(model.version, entry)
                .map_or("serde_json::Value".to_string(), |(n, _)| {
                    n.as_str().to_string()
                }),
        };
        doc.push_str(&format!(
            "\n\nIts entries are keyed by data (the docs show sample keys, such as ids), \
             each a `{}`: read one with `entry::<{rust}>(key)` and write one with \
             `set_entry` (see [`Model::entry`](crate::support::Model::entry)).",
            rustdoc_safe(entry)
        ));
    }
    let docs = doc_lines(&doc);
    let field_names = property_fields(model);
    let mut field_idents: Vec<(proc_macro2::Ident, &Property)> = Vec::new();
    let mut visits: Vec<TokenStream> = Vec::new();
    let mut builds: Vec<TokenStream> = Vec::new();
    // Whether some property is there in every build of the model.
    let mut unconditional = false;
    let props: Vec<TokenStream> = model
        .properties
        .iter()
        .zip(field_names)
        .map(|(p, field_name)| {
            let field = field_name.ident();
            field_idents.push((field.clone(), p));
            let wire = &p.name;
            let ty = index.property_type(model.version, &model.name, p);
            // A field of a type that may be off when this model is on goes
            // with its type; its value then stays in `additional_data`.
            let field_cfg = match index.get(model.version, &p.type_name) {
                Some(_) => {
                    let of_type = features.of(model.version, &p.type_name);
                    if owner.is_subset(&of_type) {
                        quote!()
                    } else {
                        super::features::cfg(&of_type)
                    }
                }
                None => quote!(),
            };
            unconditional |= field_cfg.is_empty();
            let docs = doc_lines(&rustdoc_safe(p.description.as_deref().unwrap_or("")));
            let rust = field_name.as_str();
            visits.push(quote!(#field_cfg v.field(#wire, #rust, &self.#field);));
            builds.push(quote!(#field_cfg #field: s.field(#wire),));
            quote! {
                #docs
                #field_cfg
                pub #field: ::std::option::Option<#ty>,
            }
        })
        .collect();
    // `$select`/`$expand` names: one variant per property.
    let variant_list: Vec<(RustName, &str)> = field_variants(model)
        .into_iter()
        .zip(model.properties.iter().map(|p| p.name.as_str()))
        .collect();
    let variant_decls = variant_list.iter().map(|(v, wire)| {
        let v = v.ident();
        let doc = format!(" `{wire}`");
        quote!(#[doc = #doc] #v,)
    });
    // Looked up by discriminant (the variants are fieldless and in order)
    // rather than matched: a match arm per variant in `wire_name` and in a
    // derived `Debug` cost compile time for nothing.
    let wire_names = variant_list.iter().map(|(_, wire)| wire);
    let rust_names = variant_list.iter().map(|(v, _)| v.as_str());
    // Only the models an operation with `$select` or `$expand` returns
    // need a `Field` enum; for the others (most complex types) it would be
    // dead code that costs compile time.
    let field_items = if !selectable {
        quote!()
    } else if variant_list.is_empty() {
        quote! {
            impl crate::request::Selectable for #ident {
                type Field = crate::request::NoField;
            }
        }
    } else {
        let doc = format!(" The properties of [`{ident}`], for `$select` and `$expand`.");
        quote! {
            #[doc = #doc]
            ///
            /// A selector, not a value: it is `Copy` and prints as its
            /// variant, but does not compare (a derived `PartialEq` per
            /// model was compile time for nothing `select` needs).
            /// Non-exhaustive, as the model gains properties.
            #[derive(Clone, Copy)]
            #[non_exhaustive]
            pub enum #field_enum {
                #(#variant_decls)*
            }

            impl #field_enum {
                const WIRE_NAMES: &'static [&'static str] = &[#(#wire_names),*];
                const VARIANT_NAMES: &'static [&'static str] = &[#(#rust_names),*];
            }

            impl crate::request::FieldName for #field_enum {
                #[inline]
                fn wire_name(&self) -> &'static str {
                    Self::WIRE_NAMES[*self as usize]
                }
            }

            impl ::std::fmt::Debug for #field_enum {
                #[inline]
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(Self::VARIANT_NAMES[*self as usize])
                }
            }

            impl crate::request::Selectable for #ident {
                type Field = #field_enum;
            }
        }
    };
    // A model with a `status` of an enum with terminal states is a
    // long-running operation that can be polled.
    let status = field_idents.iter().find(|(_, p)| {
        p.name == "status"
            && !p.collection
            && index
                .enum_of(model.version, &p.type_name)
                .is_some_and(|e| !e.terminal.is_empty())
    });
    let long_running = match status {
        Some((status_field, _)) => {
            let location = match field_idents.iter().find(|(_, p)| {
                p.name == "resourceLocation" && p.type_name == "Edm.String" && !p.collection
            }) {
                Some((f, _)) => quote!(self.#f.as_deref()),
                None => quote!(None),
            };
            quote! {
                impl crate::request::LongRunning for #ident {
                    fn is_terminal(&self) -> bool {
                        self.#status_field.as_ref().is_some_and(|s| s.is_terminal())
                    }
                    fn resource_location(&self) -> Option<&str> {
                        #location
                    }
                }
            }
        }
        None => quote!(),
    };
    let request_only = model.origin.is_request_only();
    let (odata_type, derived): (&str, &[&str]) = if request_only {
        ("", &[])
    } else {
        let of_model = derived.get(&model.name.to_ascii_lowercase());
        (&model.name, of_model.map_or(&[], Vec::as_slice))
    };
    // The trait's default (none) for the models nothing derives from.
    let derived = if derived.is_empty() {
        quote!()
    } else {
        quote!(const DERIVED: &'static [&'static str] = &[#(#derived),*];)
    };
    let properties_doc = format!(" The documented properties of [`{ident}`].");
    // A model without documented properties (an empty resource table), or
    // whose properties are all of types that may be off, may neither visit
    // nor ask for any.
    let unused = if unconditional {
        quote!()
    } else {
        quote!(#[allow(unused_variables)])
    };
    quote! {
        #field_items
        #long_running

        #docs
        pub type #ident = crate::support::Model<#properties>;

        #[doc = #properties_doc]
        pub struct #properties {
            #(#props)*
        }

        impl crate::support::ModelFields for #properties {
            const NAME: &'static str = #name_text;
            const ODATA_TYPE: &'static str = #odata_type;
            #derived
            #unused
            fn visit<'a, V: crate::support::Visitor<'a>>(&'a self, v: &mut V) {
                #(#visits)*
            }
            #unused
            fn build<S: crate::support::Source>(s: &mut S) -> Self {
                Self {
                    #(#builds)*
                }
            }
        }

        // For `UserProperties { .., ..Default::default() }`. `#[inline]`
        // like the derive it replaces: compiled in the crates that use it.
        impl ::std::default::Default for #properties {
            #[inline]
            fn default() -> Self {
                crate::support::empty_properties()
            }
        }
    }
}

fn enum_tokens(e: &EnumType, name: &RustName) -> TokenStream {
    let ident = name.ident();
    let mut scope = Scope::default();
    scope.reserve("Other");
    let variants: Vec<(proc_macro2::Ident, &String)> = e
        .members
        .iter()
        .map(|m| (scope.name(m, Case::UpperCamel).ident(), m))
        .collect();
    let decl = variants.iter().map(|(v, wire)| {
        let doc = format!(" `{wire}`");
        quote!(#[doc = #doc] #v,)
    });
    let to_str = variants.iter().map(|(v, wire)| quote!(Self::#v => #wire,));
    let from_str = variants.iter().map(|(v, wire)| quote!(#wire => Self::#v,));
    // Terminal states compare in any case. The docs spell some members
    // otherwise than their own examples send them (2020: 19 example values,
    // `"Running"` for a documented `running` among them), and such a value
    // reads as `Other`: a poll that waited for the documented spelling of
    // `succeeded` would never end. (Reading it as the member would change
    // its spelling on the way back.)
    let terminal = &e.terminal;
    let terminal_fn = if terminal.is_empty() {
        quote!()
    } else {
        let doc = format!(
            " Whether this is a terminal state: {}, in any case.",
            terminal
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote! {
            #[doc = #doc]
            pub fn is_terminal(&self) -> bool {
                let wire = self.as_str();
                [#(#terminal),*].iter().any(|t| t.eq_ignore_ascii_case(wire))
            }
        }
    };
    let mut text = format!(
        "`{}`, documented at {}.\n\nEvolvable: a value this crate does not know deserialises into `Other` and serialises back unchanged.",
        e.name,
        e.sources.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
    );
    if e.flags {
        text.push_str("\n\nA flags enum: properties of this type are `Flags<Self>`, a comma-separated list of members on the wire.");
    }
    let doc = doc_lines(&text);
    quote! {
        #doc
        ///
        /// Two values are equal when their wire values are: `Other` holding
        /// a known member's wire value equals that member.
        ///
        /// Non-exhaustive: the docs add members, and a `match` with a `_`
        /// arm keeps compiling when the next version knows them.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #ident {
            #(#decl)*
            /// A value this version of the crate does not know.
            Other(::std::string::String),
        }

        // Through the wire value: one call instead of a derived arm per
        // member. (`Other` spelling a member clones into that member, which
        // it equals.)
        impl ::std::clone::Clone for #ident {
            #[inline]
            fn clone(&self) -> Self {
                Self::from(self.as_str())
            }
        }

        // By wire value: one comparison instead of the derives' code per
        // member, and `Other("x")` stays equal to the member it spells.
        impl ::std::cmp::PartialEq for #ident {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for #ident {}

        impl ::std::hash::Hash for #ident {
            #[inline]
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl #ident {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Other(value) => value,
                }
            }
            #terminal_fn
        }

        impl crate::support::FieldValue for #ident {}

        impl crate::support::WireValue for #ident {
            fn as_wire(&self) -> &str {
                self.as_str()
            }
        }

        impl From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Other(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{derived_types, TypeIndex};
    use crate::ir::{ApiVersion, Ir, Model, ModelOrigin};

    #[test]
    fn types_keep_their_names_and_a_model_s_own_items_take_the_next_free_ones() {
        let v1 = ApiVersion::V1;
        let page = ModelOrigin::ResourcePage;
        let ir = Ir {
            models: vec![
                model(v1, "microsoft.graph.thing", None, page),
                model(v1, "microsoft.graph.thingProperties", None, page),
                model(v1, "microsoft.graph.thingField", None, page),
            ],
            ..Ir::default()
        };
        let index = TypeIndex::new(&ir);
        let name = |ty: &str| index.get(v1, ty).map(|(n, _)| n.as_str().to_string());
        let own = |ty: &str| {
            index
                .properties_of(v1, ty)
                .map(|(p, f)| (p.as_str().to_string(), f.as_str().to_string()))
        };
        assert_eq!(name("microsoft.graph.thing").as_deref(), Some("Thing"));
        assert_eq!(
            name("microsoft.graph.thingProperties").as_deref(),
            Some("ThingProperties")
        );
        assert_eq!(
            name("microsoft.graph.thingField").as_deref(),
            Some("ThingField")
        );
        assert_eq!(
            own("microsoft.graph.thing"),
            Some(("ThingProperties2".into(), "ThingField2".into()))
        );
        assert_eq!(
            own("microsoft.graph.thingField"),
            Some(("ThingFieldProperties".into(), "ThingFieldField".into()))
        );
    }

    fn model(version: ApiVersion, name: &str, base: Option<&str>, origin: ModelOrigin) -> Model {
        Model {
            name: name.to_string(),
            version,
            origin,
            description: None,
            base_type: base.map(str::to_string),
            key_property: None,
            open_type: false,
            entry_type: None,
            properties: Vec::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn derived_types_reach_every_depth_in_one_version_and_end_at_a_cycle() {
        use ApiVersion::{Beta, V1};
        use ModelOrigin::{RequestBody, ResourcePage};
        let ir = Ir {
            models: vec![
                model(V1, "g.entity", None, ResourcePage),
                model(V1, "g.directoryObject", Some("g.entity"), ResourcePage),
                // Resolved in another case than the base's own name.
                model(V1, "g.user", Some("g.DirectoryObject"), ResourcePage),
                model(V1, "g.group", Some("g.directoryObject"), ResourcePage),
                model(Beta, "g.device", Some("g.directoryObject"), ResourcePage),
                // Not a Graph type: never a cast's answer.
                model(V1, "sendPostRequestBody", Some("g.entity"), RequestBody),
                // evil.md (the hostile fixture): its own base, and a pair.
                model(V1, "g.evil", Some("g.evil"), ResourcePage),
                model(V1, "g.a", Some("g.b"), ResourcePage),
                model(V1, "g.b", Some("g.a"), ResourcePage),
            ],
            ..Ir::default()
        };
        let derived = derived_types(&ir, V1);
        let of = |name: &str| derived[name].clone();
        assert_eq!(of("g.entity"), ["g.directoryObject", "g.group", "g.user"]);
        assert_eq!(of("g.directoryobject"), ["g.group", "g.user"]);
        assert!(of("g.user").is_empty());
        assert!(of("g.evil").is_empty());
        assert_eq!(of("g.a"), ["g.b"]);
        assert_eq!(of("g.b"), ["g.a"]);
        assert!(!derived.contains_key("sendpostrequestbody"));
        assert_eq!(derived_types(&ir, Beta)["g.device"], Vec::<&str>::new());
    }
}
