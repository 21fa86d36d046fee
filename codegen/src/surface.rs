//! The public Rust API of the generated crate, one item a line, written
//! beside it as `api.txt`. The change log of `ir.yaml` says what changed in
//! the docs; it cannot see a change the emitter makes of them: a method
//! renamed because its function gained an overload, an enum renamed
//! because its values now match a documented one, a model that leaves an
//! area's feature because the area's operations stopped using it, or any
//! change of the generator itself. Every one of those breaks code that
//! uses the crate, and the change log called such a regen additive. Here
//! the crate's items are listed as the compiler sees them, from the syntax
//! trees the emitter prints, so that regen can compare the listing with
//! the one of the crate it replaces, and reviewers see API changes in the
//! diff of one file.
//!
//! A line is `<kind> <path><signature>`, and `  if <cfg>` when features
//! switch the item on: `field v1::models::User::display_name:
//! Option<String>  if feature = "v1"`. Paths are the ones users write
//! (items of a private module that its parent re-exports with `pub use
//! m::*` are listed at the parent's path); private items, `#[doc(hidden)]`
//! ones and the methods of trait impls (the trait says them) are left out.

use crate::diff::{Change, ChangeKind};
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};

/// The listing's name, in the crate's folder.
pub const FILE: &str = "api.txt";

/// What one file of the crate declares, relative to its own module.
#[derive(Clone, Debug, Default)]
pub struct FileApi {
    items: Vec<Item>,
    modules: Vec<ModuleDecl>,
    /// `pub use m::*` of a child module `m`, with its `cfg`s.
    globs: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Default)]
struct Item {
    kind: &'static str,
    /// Relative to the module: `User`, `User::display_name`.
    path: String,
    /// What follows the path: `: Option<String>`, `(&self) -> Users`.
    signature: String,
    cfgs: Vec<String>,
    /// The type of the impl block the item is of, as written (`Box<T>`):
    /// when the module does not declare it, a trait impl is listed by it
    /// (`impl FieldValue for Box<T>` is no `support::Box`), and a method
    /// as of `<Request<T, GetMe>>` (one generic type has methods for each
    /// of its arguments, which one name would run together).
    written: Option<String>,
    /// The impl is for the type with other arguments than its own
    /// parameters (`impl Request<Count, CountOptions>`): listed as written
    /// even when the module declares the type.
    specialised: bool,
}

#[derive(Clone, Debug)]
struct ModuleDecl {
    name: String,
    public: bool,
    cfgs: Vec<String>,
    /// The items of an inline module (`pub mod names { ... }`); a module
    /// in a file of its own is found by its path.
    inline: Option<Box<FileApi>>,
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
fn signature(sig: &syn::Signature) -> String {
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
    // The qualifiers go before the kind: `const fn`, kept in the signature
    // so that a change of them shows.
    if prefix.is_empty() {
        out
    } else {
        format!("{out} [{}]", prefix.trim_end())
    }
}

fn fields(
    kind: &'static str,
    owner: &str,
    fields: &syn::Fields,
    cfg: &[String],
    out: &mut FileApi,
) {
    match fields {
        syn::Fields::Named(named) => {
            for f in named
                .named
                .iter()
                .filter(|f| kind == "variant field" || is_public(&f.vis))
            {
                if is_hidden(&f.attrs) {
                    continue;
                }
                let name = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
                out.items.push(Item {
                    kind: "field",
                    path: format!("{owner}::{name}"),
                    signature: format!(": {}", text(f.ty.to_token_stream())),
                    cfgs: [cfg, &cfgs(&f.attrs)].concat(),
                    ..Default::default()
                });
            }
        }
        syn::Fields::Unnamed(unnamed) => {
            for (i, f) in unnamed.unnamed.iter().enumerate() {
                if kind != "variant field" && !is_public(&f.vis) {
                    continue;
                }
                out.items.push(Item {
                    kind: "field",
                    path: format!("{owner}::{i}"),
                    signature: format!(": {}", text(f.ty.to_token_stream())),
                    cfgs: [cfg, &cfgs(&f.attrs)].concat(),
                    ..Default::default()
                });
            }
        }
        syn::Fields::Unit => {}
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
            fields("field", &name, &s.fields, &cfg, api);
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
                fields("variant field", &path, &v.fields, &vcfg, api);
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
                api.items.push(Item {
                    kind: "use",
                    path: "*".into(),
                    signature: format!(" = {prefix}::*"),
                    cfgs: cfg.to_vec(),
                    ..Default::default()
                });
            }
        }
        syn::UseTree::Name(n) => api.items.push(Item {
            kind: "use",
            path: n.ident.to_string(),
            signature: format!(" = {}", join(&n.ident.to_string())),
            cfgs: cfg.to_vec(),
            ..Default::default()
        }),
        syn::UseTree::Rename(r) => api.items.push(Item {
            kind: "use",
            path: r.rename.to_string(),
            signature: format!(" = {}", join(&r.ident.to_string())),
            cfgs: cfg.to_vec(),
            ..Default::default()
        }),
    }
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

/// The lines of the listing of a crate's files: `(path in the crate,
/// what the file declares)`, in any order.
pub fn render(header: &str, files: Vec<(String, FileApi)>) -> String {
    let by_module: BTreeMap<Vec<String>, FileApi> = files
        .into_iter()
        .filter_map(|(path, api)| Some((module_of(&path)?, api)))
        .collect();
    let mut placed = Vec::new();
    if let Some(root) = by_module.get(&Vec::new()) {
        place(
            root,
            &[],
            String::new(),
            Vec::new(),
            &by_module,
            &mut placed,
        );
    }
    // The lines of each module on every core (the 2020 crate has 28,000).
    let mut lines: Vec<Line> =
        crate::on_all_cores(placed, |(api, public, gate)| lines_of(api, &public, &gate))
            .into_iter()
            .flatten()
            .collect();
    // By path, so that a type's impls, fields and methods follow it.
    lines.sort_unstable_by(|a, b| a.order().cmp(&b.order()));
    lines.dedup_by(|a, b| a.text == b.text);
    let mut out = format!(
        "# {header}\n# The public API of this crate, one item a line: see codegen/src/surface.rs.\n# `<kind> <path><signature>`, and `  if <cfg>` when features switch it on.\n"
    );
    out.reserve(lines.iter().map(|l| l.text.len() + 1).sum());
    for line in lines {
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

/// A line of the listing, and where its path and signature end in it.
struct Line {
    text: String,
    kind: &'static str,
    path_end: usize,
    signature_end: usize,
}

impl Line {
    fn order(&self) -> (&str, bool, &str, &str) {
        let path = &self.text[self.kind.len() + 1..self.path_end];
        let signature = &self.text[self.path_end..self.signature_end];
        (path, self.kind == "impl", self.kind, signature)
    }
}

/// `src/lib.rs` is the crate's root module, `src/a.rs` and `src/a/mod.rs`
/// are `a`, `src/a/b.rs` is `a::b`; files outside `src/` are no module.
fn module_of(path: &str) -> Option<Vec<String>> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    Some(parts)
}

/// Where each module's items are listed: its public path and the `cfg`s
/// on the way to it. A private module that its parent re-exports with a
/// glob lists at the parent's path; one that nothing re-exports, nowhere.
fn place<'a>(
    api: &'a FileApi,
    module: &[String],
    public: String,
    gate: Vec<String>,
    files: &'a BTreeMap<Vec<String>, FileApi>,
    placed: &mut Vec<(&'a FileApi, String, Vec<String>)>,
) {
    for decl in &api.modules {
        let child_module: Vec<String> = module.iter().cloned().chain([decl.name.clone()]).collect();
        let child = match &decl.inline {
            Some(inline) => Some(&**inline),
            None => files.get(&child_module),
        };
        let Some(child) = child else { continue };
        let child_gate = [gate.as_slice(), decl.cfgs.as_slice()].concat();
        if decl.public {
            let path = if public.is_empty() {
                decl.name.clone()
            } else {
                format!("{public}::{}", decl.name)
            };
            place(
                child,
                &child_module,
                path,
                child_gate.clone(),
                files,
                placed,
            );
        }
        for (_, cfgs) in api.globs.iter().filter(|(name, _)| *name == decl.name) {
            let gate = [child_gate.as_slice(), cfgs].concat();
            place(child, &child_module, public.clone(), gate, files, placed);
        }
    }
    placed.push((api, public, gate));
}

/// The lines of one module's items, listed at `public` behind `gate`.
fn lines_of(api: &FileApi, public: &str, gate: &[String]) -> Vec<Line> {
    let module_gate = condition(gate);
    // The types this module declares: a trait impl for any other is
    // listed by the type as written.
    let declared: BTreeSet<&str> = api
        .items
        .iter()
        .filter(|i| {
            matches!(i.kind, "struct" | "enum" | "type" | "trait") && !i.path.contains("::")
        })
        .map(|i| i.path.as_str())
        .collect();
    let mut lines = Vec::with_capacity(api.items.len());
    for item in &api.items {
        let item_gate;
        let cfg = if item.cfgs.is_empty() {
            module_gate.as_deref()
        } else {
            item_gate = condition(&[gate, item.cfgs.as_slice()].concat());
            item_gate.as_deref()
        };
        let mut text = String::with_capacity(
            item.kind.len()
                + public.len()
                + item.path.len()
                + item.signature.len()
                + cfg.map_or(0, |c| c.len() + 4)
                + 3,
        );
        text.push_str(item.kind);
        text.push(' ');
        let owner = item.path.split("::").next().unwrap_or_default();
        match &item.written {
            Some(written) if item.specialised || !declared.contains(owner) => {
                if item.kind == "impl" {
                    text.push_str(written);
                } else {
                    text.push('<');
                    text.push_str(written);
                    text.push('>');
                    text.push_str(&item.path[owner.len()..]);
                }
            }
            _ => {
                if !public.is_empty() {
                    text.push_str(public);
                    text.push_str("::");
                }
                text.push_str(&item.path);
            }
        }
        let path_end = text.len();
        text.push_str(&item.signature);
        let signature_end = text.len();
        if let Some(cfg) = cfg {
            text.push_str("  if ");
            text.push_str(cfg);
        }
        lines.push(Line {
            text,
            kind: item.kind,
            path_end,
            signature_end,
        });
    }
    lines
}

/// One `cfg` predicate for all of `cfgs`; none when there are none.
fn condition(cfgs: &[String]) -> Option<String> {
    let mut unique: Vec<&str> = Vec::new();
    for c in cfgs {
        // `all(a, b)` inside `all(...)` is its parts.
        let parts: Vec<&str> = match c.strip_prefix("all(").and_then(|r| r.strip_suffix(')')) {
            Some(inner) if split_top(inner).len() > 1 => split_top(inner),
            _ => vec![c.as_str()],
        };
        for p in parts {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
    }
    match unique.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        many => Some(format!("all({})", many.join(", "))),
    }
}

/// The comma-separated parts of `text` at the top level of its brackets.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut quoted) = (0usize, 0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' | '<' if !quoted => depth += 1,
            ')' | ']' | '>' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        parts.push(last);
    }
    parts
}

/// What a line is about: `<kind> <path>`, and for a trait impl the trait
/// too (a type has many). Two listings are compared item by item by it.
fn key(line: &str) -> &str {
    let body = line.split("  if ").next().unwrap_or(line);
    // A type has many trait impls, a macro many invocations.
    if body.starts_with("impl ") || body.starts_with("expands ") {
        return body;
    }
    let Some((kind, rest)) = body.split_once(' ') else {
        return body;
    };
    // The path: names joined by `::`; a lone `:` starts a type. A
    // qualified type first (`<Request<T, GetMe>>::select`) is part of it.
    let bytes = rest.as_bytes();
    let mut end = 0;
    if rest.starts_with('<') {
        let mut depth = 0usize;
        for (i, c) in rest.char_indices() {
            match c {
                '<' => depth += 1,
                '>' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 {
                end = i + 1;
                break;
            }
        }
    }
    while end < bytes.len() {
        let c = bytes[end];
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'#' || c == b'*' || c >= 0x80 {
            end += 1;
        } else if rest[end..].starts_with("::") {
            end += 2;
        } else {
            break;
        }
    }
    &body[..kind.len() + 1 + end]
}

/// A listing read back: its lines by what they are about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    lines: BTreeMap<String, String>,
}

impl Listing {
    /// Reads a listing (`api.txt`). A line that is not one (a merge left
    /// conflict markers) makes it unreadable rather than half read: a
    /// comparison with half a listing would report removals that are not.
    pub fn read(text: &str) -> Result<Listing, String> {
        let mut lines = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let readable = line
                .split_once(' ')
                .is_some_and(|(kind, rest)| KINDS.contains(&kind) && !rest.is_empty());
            if !readable {
                return Err(format!(
                    "line {} is not an item of the listing: `{}`",
                    number + 1,
                    line.chars().take(60).collect::<String>()
                ));
            }
            lines.insert(key(line).to_string(), line.to_string());
        }
        Ok(Listing { lines })
    }

    /// How many items: fewer than the lines when two are about one item,
    /// which the comparison would take for one.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

const KINDS: [&str; 13] = [
    "struct", "enum", "variant", "field", "type", "const", "static", "fn", "trait", "impl", "use",
    "macro", "expands",
];

/// The changes from `old` to `new`. An item added or removed with its
/// parent (a field with its struct) is the parent's change alone. The
/// subject of an addition or removal is its whole line; of a change, what
/// the line is about.
pub fn changes(old: &Listing, new: &Listing) -> Vec<Change> {
    let mut out = Vec::new();
    let mut change = |kind: ChangeKind, key: &str, detail: String| {
        out.push(Change {
            widens_access: false,
            kind,
            subject: key.to_string(),
            detail,
            source: FILE.to_string(),
        })
    };
    let path_of = |key: &str| {
        key.split_once(' ')
            .map(|(_, p)| p.to_string())
            .unwrap_or_default()
    };
    let paths = |listing: &Listing| -> BTreeSet<String> {
        listing
            .lines
            .keys()
            .filter(|k| !k.starts_with("impl ") && !k.starts_with("expands "))
            .map(|k| path_of(k))
            .collect()
    };
    let (old_paths, new_paths) = (paths(old), paths(new));
    // Whether an ancestor of `path` is listed on one side and not the other.
    let with_parent = |path: &str, on: &BTreeSet<String>, off: &BTreeSet<String>| {
        let mut at = path;
        while let Some((parent, _)) = at.rsplit_once("::") {
            if on.contains(parent) && !off.contains(parent) {
                return true;
            }
            at = parent;
        }
        false
    };
    // The path whose ancestors say whether a line goes with its parent: a
    // trait impl goes with its type.
    let below = |key: &str| match key.strip_prefix("impl ") {
        Some(rest) => format!("{}::_", rest.split(": ").next().unwrap_or(rest)),
        None => path_of(key),
    };
    // The gate of each item by its path, on each side.
    let gates = |listing: &Listing| -> BTreeMap<String, Option<String>> {
        listing
            .lines
            .iter()
            .filter(|(k, _)| !k.starts_with("impl ") && !k.starts_with("expands "))
            .map(|(k, line)| (path_of(k), split_gate(line).1.map(str::to_string)))
            .collect()
    };
    let (old_gates, new_gates) = (gates(old), gates(new));
    // Whether the nearest item above `path` on both sides had its gate
    // changed just so: a model's fields go with the model.
    let same_as_parent = |path: &str, (was, now): (Option<&str>, Option<&str>)| {
        let mut at = path;
        while let Some((parent, _)) = at.rsplit_once("::") {
            if let (Some(p_was), Some(p_now)) = (old_gates.get(parent), new_gates.get(parent)) {
                return p_was.as_deref() == was && p_now.as_deref() == now;
            }
            at = parent;
        }
        false
    };
    // What a line says beyond its key: `: Option<String>  if ...`.
    let rest = |key: &str, line: &str| line[key.len().min(line.len())..].trim().to_string();
    for (key, line) in &old.lines {
        match new.lines.get(key) {
            None => {
                if !with_parent(&below(key), &old_paths, &new_paths) {
                    change(ChangeKind::ApiItemRemoved, line, String::new());
                }
            }
            Some(now) if now == line => {}
            Some(now) => {
                let (was_body, was_gate) = split_gate(line);
                let (now_body, now_gate) = split_gate(now);
                if was_body != now_body {
                    change(
                        ChangeKind::ApiItemChanged,
                        key,
                        format!(
                            "was `{}`, now `{}`",
                            rest(key, was_body),
                            rest(key, now_body)
                        ),
                    );
                } else if !same_as_parent(&below(key), (was_gate, now_gate)) {
                    let narrowed = !implies(was_gate, now_gate);
                    change(
                        if narrowed {
                            ChangeKind::FeatureGateNarrowed
                        } else {
                            ChangeKind::FeatureGateWidened
                        },
                        key,
                        format!(
                            "was on {}, now on {}",
                            was_gate.unwrap_or("always"),
                            now_gate.unwrap_or("always")
                        ),
                    );
                }
            }
        }
    }
    for (key, line) in &new.lines {
        if old.lines.contains_key(key) {
            continue;
        }
        if with_parent(&below(key), &new_paths, &old_paths) {
            continue;
        }
        // A variant of an enum that a `match` must cover whole breaks the
        // matches written against the old one.
        let exhaustive = key
            .strip_prefix("variant ")
            .and_then(|path| path.rsplit_once("::"))
            .and_then(|(owner, _)| old.lines.get(&format!("enum {owner}")))
            .is_some_and(|enum_line| !split_gate(enum_line).0.ends_with(" non_exhaustive"));
        if exhaustive {
            change(
                ChangeKind::VariantOfExhaustiveEnumAdded,
                line,
                String::new(),
            );
        } else {
            change(ChangeKind::ApiItemAdded, line, String::new());
        }
    }
    out.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    out
}

fn split_gate(line: &str) -> (&str, Option<&str>) {
    match line.split_once("  if ") {
        Some((body, gate)) => (body, Some(gate)),
        None => (line, None),
    }
}

/// A `cfg` predicate, read for [`implies`].
#[derive(Clone, Debug, PartialEq)]
enum Predicate {
    /// `feature = "v1"`, or any other atom, by its text.
    Atom(String),
    All(Vec<Predicate>),
    Any(Vec<Predicate>),
    Not(Box<Predicate>),
}

impl Predicate {
    fn read(text: &str) -> Predicate {
        let text = text.trim();
        for (word, make) in [
            ("all(", Predicate::All as fn(Vec<Predicate>) -> Predicate),
            ("any(", Predicate::Any),
        ] {
            if let Some(inner) = text.strip_prefix(word).and_then(|r| r.strip_suffix(')')) {
                return make(split_top(inner).into_iter().map(Predicate::read).collect());
            }
        }
        if let Some(inner) = text.strip_prefix("not(").and_then(|r| r.strip_suffix(')')) {
            return Predicate::Not(Box::new(Predicate::read(inner)));
        }
        Predicate::Atom(text.to_string())
    }

    fn atoms<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        match self {
            Predicate::Atom(a) => {
                out.insert(a);
            }
            Predicate::All(ps) | Predicate::Any(ps) => ps.iter().for_each(|p| p.atoms(out)),
            Predicate::Not(p) => p.atoms(out),
        }
    }

    fn holds(&self, on: &BTreeSet<&str>) -> bool {
        match self {
            Predicate::Atom(a) => on.contains(a.as_str()),
            Predicate::All(ps) => ps.iter().all(|p| p.holds(on)),
            Predicate::Any(ps) => ps.iter().any(|p| p.holds(on)),
            Predicate::Not(p) => !p.holds(on),
        }
    }
}

/// Whether every build that has an item gated by `was` still has it when
/// `now` gates it (`None`: always there). Features are taken as
/// independent of each other, which may call a change narrowing that the
/// crate's `[features]` table makes harmless, never the other way round.
/// With more than sixteen features in play, only the same predicate is.
fn implies(was: Option<&str>, now: Option<&str>) -> bool {
    let Some(now) = now else { return true };
    let Some(was) = was else { return false };
    let (was, now) = (Predicate::read(was), Predicate::read(now));
    let mut atoms = BTreeSet::new();
    was.atoms(&mut atoms);
    now.atoms(&mut atoms);
    let atoms: Vec<&str> = atoms.into_iter().collect();
    if atoms.len() > 16 {
        return was == now;
    }
    (0u32..1 << atoms.len()).all(|set| {
        let on: BTreeSet<&str> = atoms
            .iter()
            .enumerate()
            .filter(|(i, _)| set & (1 << i) != 0)
            .map(|(_, a)| *a)
            .collect();
        !was.holds(&on) || now.holds(&on)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(files: &[(&str, &str)]) -> String {
        render(
            "@generated",
            files
                .iter()
                .map(|(path, source)| (path.to_string(), of_file(&syn::parse_str(source).unwrap())))
                .collect(),
        )
    }

    #[test]
    fn items_are_listed_at_the_paths_users_write_with_their_features() {
        let text = listing(&[
            ("src/lib.rs", "#[cfg(feature = \"v1\")] pub mod v1; mod private;"),
            (
                "src/v1/mod.rs",
                "pub mod models; pub const BASE_URL: &str = \"x\";",
            ),
            (
                "src/v1/models.rs",
                "#[cfg(feature = \"area-a\")] mod area_a; #[cfg(feature = \"area-a\")] pub use area_a::*;",
            ),
            (
                "src/v1/models/area_a.rs",
                r#"
                #[derive(Clone, Debug, Default)]
                pub struct User { pub display_name: Option<String>, secret: u8 }
                impl User { pub fn new(id: &str) -> Self { todo!() } fn hidden(&self) {} }
                impl std::fmt::Display for User { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { todo!() } }
                impl<T: Named> Named for Box<T> {}
                make_type!(#[doc = "A thing."] Thing);
                impl<T> crate::request::Request<T, GetA> { pub fn top(self) -> Self { self } }
                impl<T> crate::request::Request<T, GetB> { pub fn top(self) -> Self { self } }
                pub enum Color { Red, Other(String) }
                #[doc(hidden)] pub struct Internal;
                "#,
            ),
            ("src/private.rs", "pub struct NotReachable;"),
        ]);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        let both = "  if all(feature = \"v1\", feature = \"area-a\")";
        assert_eq!(
            lines,
            [
                // Not `v1::models::Box`: the module declares no `Box`.
                format!("fn <crate::request::Request<T, GetA>>::top(self) -> Self{both}"),
                format!("fn <crate::request::Request<T, GetB>>::top(self) -> Self{both}"),
                format!("impl Box<T>: Named{both}"),
                "const v1::BASE_URL: &str  if feature = \"v1\"".to_string(),
                format!("enum v1::models::Color{both}"),
                format!("variant v1::models::Color::Other(..){both}"),
                format!("field v1::models::Color::Other::0: String{both}"),
                format!("variant v1::models::Color::Red{both}"),
                format!("struct v1::models::User derives(Clone, Debug, Default){both}"),
                format!("impl v1::models::User: std::fmt::Display{both}"),
                format!("field v1::models::User::display_name: Option<String>{both}"),
                format!("fn v1::models::User::new(id: &str) -> Self{both}"),
                // What a macro makes is listed as its invocation.
                format!("expands v1::models::make_type!(#[doc = \"A thing.\"] Thing){both}"),
            ]
        );
    }

    #[test]
    fn tokens_read_as_written() {
        let ty: syn::Type = syn::parse_str("Option<&'static [u8]>").unwrap();
        assert_eq!(text(ty.to_token_stream()), "Option<&'static [u8]>");
        let f: syn::ItemFn =
            syn::parse_str("pub fn send<C: Client + Send>(self, c: &mut C) -> Result<Vec<u8>, E> where C: 'static {}")
                .unwrap();
        assert_eq!(
            signature(&f.sig),
            "<C: Client + Send>(self, c: &mut C) -> Result<Vec<u8>, E> where C: 'static"
        );
    }

    fn diff_of(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(ChangeKind, String)> {
        let old = Listing::read(&listing(old)).unwrap();
        let new = Listing::read(&listing(new)).unwrap();
        changes(&old, &new)
            .into_iter()
            .map(|c| (c.kind, key(&c.subject).to_string()))
            .collect()
    }

    #[test]
    fn renamed_retyped_and_regated_items_are_told_apart() {
        let lib = ("src/lib.rs", "pub mod m;");
        let old = [
            lib,
            (
                "src/m.rs",
                "#[cfg(feature = \"a\")] pub struct Gone { pub x: u8 }
                 #[cfg(any(feature = \"a\", feature = \"b\"))] pub struct Narrow { pub n: u8 }
                 #[cfg(feature = \"a\")] pub struct Wide;
                 pub struct Kept { pub x: u8 }
                 pub struct R; impl R { pub fn get_report(&self) {} }
                 pub enum Open { A } #[non_exhaustive] pub enum Closed { A }",
            ),
        ];
        let new = [
            lib,
            (
                "src/m.rs",
                "#[cfg(feature = \"b\")] pub struct Narrow { pub n: u8 }
                 #[cfg(any(feature = \"a\", feature = \"c\"))] pub struct Wide;
                 pub struct Kept { pub x: u16, pub y: u8 }
                 pub struct R; impl R { pub fn get_report_with_period(&self, period: &str) {} }
                 pub struct Added { pub z: u8 }
                 pub enum Open { A, B } #[non_exhaustive] pub enum Closed { A, B }",
            ),
        ];
        let got = diff_of(&old, &new);
        assert_eq!(
            got,
            [
                // Removed, or switched on by other features: the struct
                // alone, not its field too.
                (
                    ChangeKind::ApiItemRemoved,
                    "fn m::R::get_report".to_string()
                ),
                (ChangeKind::ApiItemRemoved, "struct m::Gone".to_string()),
                (ChangeKind::ApiItemChanged, "field m::Kept::x".to_string()),
                // A match over `Open` must now cover `B`; over `Closed`,
                // it has a `_` arm.
                (
                    ChangeKind::VariantOfExhaustiveEnumAdded,
                    "variant m::Open::B".to_string()
                ),
                (
                    ChangeKind::FeatureGateNarrowed,
                    "struct m::Narrow".to_string()
                ),
                (ChangeKind::ApiItemAdded, "field m::Kept::y".to_string()),
                (
                    ChangeKind::ApiItemAdded,
                    "fn m::R::get_report_with_period".to_string()
                ),
                (ChangeKind::ApiItemAdded, "struct m::Added".to_string()),
                (ChangeKind::ApiItemAdded, "variant m::Closed::B".to_string()),
                (ChangeKind::FeatureGateWidened, "struct m::Wide".to_string()),
            ]
        );
    }

    #[test]
    fn gates_imply_as_boolean_predicates() {
        let (a, b) = ("feature = \"a\"", "feature = \"b\"");
        let any_ab = format!("any({a}, {b})");
        let all_ab = format!("all({a}, {b})");
        assert!(implies(Some(a), Some(&any_ab)));
        assert!(!implies(Some(&any_ab), Some(a)));
        assert!(implies(Some(&all_ab), Some(b)));
        assert!(implies(Some(a), None));
        assert!(!implies(None, Some(a)));
        assert!(implies(
            Some(&format!("not({a})")),
            Some(&format!("not(all({a}, {b}))"))
        ));
    }

    #[test]
    fn a_listing_with_conflict_markers_is_not_read() {
        let text = "# head\nstruct m::A\n<<<<<<< HEAD\nstruct m::B\n";
        let err = Listing::read(text).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }
}
