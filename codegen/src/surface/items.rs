//! Reading a printed file's syntax tree: its public items, relative to
//! its module, with their signatures and `cfg`s; and tokens as text.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;

/// What one file of the crate declares, relative to its own module.
#[derive(Clone, Debug, Default)]
pub struct FileApi {
    pub(super) items: Vec<Item>,
    pub(super) modules: Vec<ModuleDecl>,
    /// `pub use m::*` of a child module `m`, with its `cfg`s.
    pub(super) globs: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Item {
    pub(super) kind: &'static str,
    /// Relative to the module: `User`, `User::display_name`.
    pub(super) path: String,
    /// What follows the path: `: Option<String>`, `(&self) -> Users`.
    pub(super) signature: String,
    pub(super) cfgs: Vec<String>,
    /// The type of the impl block the item is of, as written (`Box<T>`):
    /// when the module does not declare it, a trait impl is listed by it
    /// (`impl FieldValue for Box<T>` is no `support::Box`), and a method
    /// as of `<Request<T, GetMe>>` (one generic type has methods for each
    /// of its arguments, which one name would run together).
    pub(super) written: Option<String>,
    /// The impl is for the type with other arguments than its own
    /// parameters (`impl Request<Count, CountOptions>`): listed as written
    /// even when the module declares the type.
    pub(super) specialised: bool,
}

#[derive(Clone, Debug)]
pub(super) struct ModuleDecl {
    pub(super) name: String,
    pub(super) public: bool,
    pub(super) cfgs: Vec<String>,
    /// The items of an inline module (`pub mod names { ... }`); a module
    /// in a file of its own is found by its path.
    pub(super) inline: Option<Box<FileApi>>,
}

/// The API of one parsed file.
pub fn of_file(file: &syn::File) -> FileApi {
    let mut api = FileApi::default();
    read_items(&file.items, &mut api);
    api
}

fn read_items(items: &[syn::Item], api: &mut FileApi) {
    for item in items {
        read_item(item, api);
    }
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The predicates of an item's `#[cfg(...)]` attributes.
fn cfgs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .filter_map(|a| a.meta.require_list().ok())
        .map(|l| text(l.tokens.clone()))
        .collect()
}

/// `#[doc(hidden)]`; the `#[doc = "..."]` of every documented item is
/// passed over without building an error for it.
fn is_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        matches!(&a.meta, syn::Meta::List(l)
            if l.path.is_ident("doc") && text(l.tokens.clone()) == "hidden")
    })
}

/// ` derives(Clone, Debug)`: what `#[derive]` gives the type, sorted.
fn derives(attrs: &[syn::Attribute]) -> String {
    let mut names = BTreeSet::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = a.parse_nested_meta(|meta| {
            names.insert(text(meta.path.to_token_stream()));
            Ok(())
        });
    }
    if names.is_empty() {
        String::new()
    } else {
        format!(
            " derives({})",
            names.into_iter().collect::<Vec<_>>().join(", ")
        )
    }
}

fn generics(g: &syn::Generics) -> String {
    let mut out = if g.params.is_empty() {
        String::new()
    } else {
        format!("<{}>", text(g.params.to_token_stream()))
    };
    if let Some(w) = &g.where_clause {
        out.push(' ');
        out.push_str(&text(w.to_token_stream()));
    }
    out
}

/// A function's signature after its name: `<T>(&self, id: &str) -> T`.
pub(super) fn signature(sig: &syn::Signature) -> String {
    let mut prefix = String::new();
    for (present, word) in [
        (sig.constness.is_some(), "const "),
        (sig.asyncness.is_some(), "async "),
        (sig.unsafety.is_some(), "unsafe "),
    ] {
        if present {
            prefix.push_str(word);
        }
    }
    let params = if sig.generics.params.is_empty() {
        String::new()
    } else {
        format!("<{}>", text(sig.generics.params.to_token_stream()))
    };
    let mut out = format!("{params}({})", text(sig.inputs.to_token_stream()));
    if let syn::ReturnType::Type(_, ty) = &sig.output {
        out.push_str(" -> ");
        out.push_str(&text(ty.to_token_stream()));
    }
    if let Some(w) = &sig.generics.where_clause {
        out.push(' ');
        out.push_str(&text(w.to_token_stream()));
    }
    // The qualifiers after it, `-> T [async]`: the line starts with its
    // kind, and a change of them shows in the signature.
    if prefix.is_empty() {
        out
    } else {
        format!("{out} [{}]", prefix.trim_end())
    }
}

/// The fields of a struct (`variant: false`) or of an enum's variant.
fn fields(variant: bool, owner: &str, fields: &syn::Fields, cfg: &[String], out: &mut FileApi) {
    // A variant's fields are as public as the enum; a struct's, each as
    // it says. Tuple fields are named by position.
    for (i, f) in fields.iter().enumerate() {
        if (!variant && !is_public(&f.vis)) || is_hidden(&f.attrs) {
            continue;
        }
        let name = f
            .ident
            .as_ref()
            .map_or_else(|| i.to_string(), |n| n.to_string());
        out.items.push(Item {
            kind: "field",
            path: format!("{owner}::{name}"),
            signature: format!(": {}", text(f.ty.to_token_stream())),
            cfgs: [cfg, &cfgs(&f.attrs)].concat(),
            ..Default::default()
        });
    }
}

fn read_item(item: &syn::Item, api: &mut FileApi) {
    use syn::Item as I;
    let attrs: &[syn::Attribute] = match item {
        I::Struct(i) => &i.attrs,
        I::Enum(i) => &i.attrs,
        I::Type(i) => &i.attrs,
        I::Const(i) => &i.attrs,
        I::Static(i) => &i.attrs,
        I::Fn(i) => &i.attrs,
        I::Trait(i) => &i.attrs,
        I::Impl(i) => &i.attrs,
        I::Mod(i) => &i.attrs,
        I::Use(i) => &i.attrs,
        I::Macro(i) => &i.attrs,
        _ => return,
    };
    if is_hidden(attrs) {
        return;
    }
    let cfg = cfgs(attrs);
    let mut push = |kind: &'static str, path: String, signature: String| {
        api.items.push(Item {
            kind,
            path,
            signature,
            cfgs: cfg.clone(),
            ..Default::default()
        })
    };
    match item {
        I::Struct(s) if is_public(&s.vis) => {
            let name = s.ident.to_string();
            push(
                "struct",
                name.clone(),
                format!("{}{}", generics(&s.generics), derives(&s.attrs)),
            );
            fields(false, &name, &s.fields, &cfg, api);
        }
        I::Enum(e) if is_public(&e.vis) => {
            let name = e.ident.to_string();
            let exhaustive = if e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
                " non_exhaustive"
            } else {
                ""
            };
            push(
                "enum",
                name.clone(),
                format!("{}{}{exhaustive}", generics(&e.generics), derives(&e.attrs)),
            );
            for v in &e.variants {
                if is_hidden(&v.attrs) {
                    continue;
                }
                let path = format!("{name}::{}", v.ident);
                let shape = match &v.fields {
                    syn::Fields::Unit => "",
                    syn::Fields::Unnamed(_) => "(..)",
                    syn::Fields::Named(_) => " {..}",
                };
                let vcfg = [cfg.as_slice(), &cfgs(&v.attrs)].concat();
                api.items.push(Item {
                    kind: "variant",
                    path: path.clone(),
                    signature: shape.to_string(),
                    cfgs: vcfg.clone(),
                    ..Default::default()
                });
                fields(true, &path, &v.fields, &vcfg, api);
            }
        }
        I::Type(t) if is_public(&t.vis) => push(
            "type",
            t.ident.to_string(),
            format!(
                "{} = {}",
                generics(&t.generics),
                text(t.ty.to_token_stream())
            ),
        ),
        I::Const(c) if is_public(&c.vis) => push(
            "const",
            c.ident.to_string(),
            format!(": {}", text(c.ty.to_token_stream())),
        ),
        I::Static(s) if is_public(&s.vis) => push(
            "static",
            s.ident.to_string(),
            format!(": {}", text(s.ty.to_token_stream())),
        ),
        I::Fn(f) if is_public(&f.vis) => push("fn", f.sig.ident.to_string(), signature(&f.sig)),
        I::Trait(t) if is_public(&t.vis) => {
            let name = t.ident.to_string();
            push("trait", name.clone(), generics(&t.generics));
            for inner in &t.items {
                if let syn::TraitItem::Fn(f) = inner {
                    push("fn", format!("{name}::{}", f.sig.ident), signature(&f.sig));
                }
            }
        }
        I::Impl(i) => {
            let Some(owner) = self_type_name(&i.self_ty) else {
                return;
            };
            let specialised = is_specialised(i);
            match &i.trait_ {
                // A trait impl: that it is there, not its methods.
                Some((negative, path, _)) => api.items.push(Item {
                    kind: "impl",
                    path: owner,
                    signature: format!(
                        ": {}{}",
                        if negative.is_some() { "!" } else { "" },
                        text(path.to_token_stream())
                    ),
                    cfgs: cfg,
                    written: Some(text(i.self_ty.to_token_stream())),
                    specialised,
                }),
                None => {
                    let written = text(i.self_ty.to_token_stream());
                    for inner in &i.items {
                        match inner {
                            syn::ImplItem::Fn(f) if is_public(&f.vis) && !is_hidden(&f.attrs) => {
                                api.items.push(Item {
                                    kind: "fn",
                                    path: format!("{owner}::{}", f.sig.ident),
                                    signature: signature(&f.sig),
                                    cfgs: [cfg.as_slice(), &cfgs(&f.attrs)].concat(),
                                    written: Some(written.clone()),
                                    specialised,
                                })
                            }
                            syn::ImplItem::Const(c)
                                if is_public(&c.vis) && !is_hidden(&c.attrs) =>
                            {
                                api.items.push(Item {
                                    kind: "const",
                                    path: format!("{owner}::{}", c.ident),
                                    signature: format!(": {}", text(c.ty.to_token_stream())),
                                    cfgs: [cfg.as_slice(), &cfgs(&c.attrs)].concat(),
                                    written: Some(written.clone()),
                                    specialised,
                                })
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        I::Mod(m) => {
            let inline = m.content.as_ref().map(|(_, items)| {
                let mut inner = FileApi::default();
                read_items(items, &mut inner);
                Box::new(inner)
            });
            api.modules.push(ModuleDecl {
                name: m.ident.to_string(),
                public: is_public(&m.vis),
                cfgs: cfg,
                inline,
            });
        }
        I::Use(u) if is_public(&u.vis) => read_use(&u.tree, "", &cfg, api),
        I::Macro(m) => match &m.ident {
            Some(name) if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
                push("macro", name.to_string(), "!".into())
            }
            Some(_) => {}
            // An invocation at item level: what it expands to is public
            // API this listing cannot see (`text_value!(Date, ...)` makes
            // `values::Date`), so the invocation itself is listed.
            None => push(
                "expands",
                format!("{}!", text(m.mac.path.to_token_stream())),
                format!("({})", text(m.mac.tokens.clone())),
            ),
        },
        _ => {}
    }
}

/// `pub use` items: a glob of a child module (`pub use m::*`) makes its
/// items the parent's; any other name is listed as what it re-exports.
fn read_use(tree: &syn::UseTree, prefix: &str, cfg: &[String], api: &mut FileApi) {
    let join = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}::{name}")
        }
    };
    match tree {
        syn::UseTree::Path(p) => read_use(&p.tree, &join(&p.ident.to_string()), cfg, api),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                read_use(t, prefix, cfg, api);
            }
        }
        syn::UseTree::Glob(_) => {
            let child = prefix.strip_prefix("self::").unwrap_or(prefix);
            if !child.is_empty() && !child.contains("::") && child != "crate" && child != "super" {
                api.globs.push((child.to_string(), cfg.to_vec()));
            } else {
                reexport(api, "*".into(), format!("{prefix}::*"), cfg);
            }
        }
        syn::UseTree::Name(n) => {
            reexport(api, n.ident.to_string(), join(&n.ident.to_string()), cfg)
        }
        syn::UseTree::Rename(r) => {
            reexport(api, r.rename.to_string(), join(&r.ident.to_string()), cfg)
        }
    }
}

/// `use <name> = <target>`: a name the module re-exports.
fn reexport(api: &mut FileApi, name: String, target: String, cfg: &[String]) {
    api.items.push(Item {
        kind: "use",
        path: name,
        signature: format!(" = {target}"),
        cfgs: cfg.to_vec(),
        ..Default::default()
    });
}

/// Whether an impl block is for its type with other arguments than the
/// impl's own parameters, in order: `impl Request<Count, CountOptions>`
/// and `impl<T, O> Request<Page<T>, O>` are, `impl<T, O> Request<T, O>`
/// is not.
fn is_specialised(i: &syn::ItemImpl) -> bool {
    let syn::Type::Path(p) = &*i.self_ty else {
        return true;
    };
    let Some(last) = p.path.segments.last() else {
        return true;
    };
    let args = match &last.arguments {
        syn::PathArguments::None => return false,
        syn::PathArguments::AngleBracketed(a) => text(a.args.to_token_stream()),
        syn::PathArguments::Parenthesized(_) => return true,
    };
    let params: Vec<String> = i
        .generics
        .params
        .iter()
        .map(|p| match p {
            syn::GenericParam::Type(t) => t.ident.to_string(),
            syn::GenericParam::Lifetime(l) => text(l.lifetime.to_token_stream()),
            syn::GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect();
    args != params.join(", ")
}

/// The name an impl block's type goes by: the last segment of its path.
fn self_type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// Tokens as text, spaced as people write Rust: `Option<&'static str>`,
/// `fn(&self, id: &str) -> Self`. Only for reading: the listing is compared
/// line by line, and two renderings of the same tokens are the same text.
pub fn text(tokens: TokenStream) -> String {
    let mut out = String::new();
    let mut joint = false;
    write_tokens(tokens, &mut out, &mut joint);
    trim_list_end(&mut out);
    out
}

/// `a, b, ` and `a, b,` end as `a, b`.
fn trim_list_end(out: &mut String) {
    while out.ends_with(' ') && !out.ends_with("{ ") {
        out.pop();
    }
    if out.ends_with(',') {
        out.pop();
    }
}

fn write_tokens(tokens: TokenStream, out: &mut String, joint: &mut bool) {
    let word_end = |out: &str| {
        out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"' || c == '\'')
            && !out.ends_with('\'')
    };
    let mut lifetime = false;
    for token in tokens {
        match token {
            TokenTree::Ident(i) => {
                // `#[doc = ".."] Date`, as written.
                if (word_end(out) || out.ends_with(']')) && !lifetime {
                    out.push(' ');
                }
                lifetime = false;
                out.push_str(&i.to_string());
                *joint = false;
            }
            TokenTree::Literal(l) => {
                if word_end(out) {
                    out.push(' ');
                }
                out.push_str(&l.to_string());
                *joint = false;
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => (" { ", " }"),
                    Delimiter::None => ("", ""),
                };
                // `&'static [u8]`, `mut [T]`; but `Fn(u8)`, `<[u8; 4]>`.
                if g.delimiter() == Delimiter::Bracket && word_end(out) {
                    out.push(' ');
                }
                out.push_str(open);
                write_tokens(g.stream(), out, joint);
                trim_list_end(out);
                out.push_str(close);
                *joint = false;
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                let was_joint = *joint;
                *joint = p.spacing() == Spacing::Joint;
                match c {
                    '\'' => {
                        if word_end(out) {
                            out.push(' ');
                        }
                        out.push('\'');
                        lifetime = true;
                    }
                    ',' | ';' => out.push_str(&format!("{c} ")),
                    ':' if *joint || was_joint => out.push(':'),
                    ':' => out.push_str(": "),
                    '=' | '+' if !was_joint && !*joint => out.push_str(&format!(" {c} ")),
                    '-' if *joint => out.push_str(" -"),
                    '>' if was_joint && out.ends_with(" -") => out.push_str("> "),
                    _ => out.push(c),
                }
            }
        }
    }
}
