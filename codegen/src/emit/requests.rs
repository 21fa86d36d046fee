//! Fluent request builders, one chain per documented path: collection
//! segments are methods (`users()`), key segments take their value
//! (`by_id("alice@contoso.com")`), functions take their arguments, and a
//! drive item's `root:/path:` takes the path. Every value is
//! percent-encoded, so it can never change the path or add a query. At the
//! end of a chain, one method per documented HTTP method (`get()`,
//! `post(&body)`, ...) gives a typed [`Request`] whose query options are
//! the ones the operation's page says it supports.

use super::doc_lines;
use super::models::{TypeIndex, TypeKind};
use crate::ir::{
    ApiVersion, BodyKind, CallName, Ir, Operation, PermissionSet, SchemePermissions, SchemeStatus,
};
use crate::names::{Case, RustName, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// One segment of a documented path, as a builder step.
#[derive(Clone, Debug)]
pub(super) enum Step {
    /// `users`, `$value`, `microsoft.graph.group`.
    Literal(String),
    /// `{id | userPrincipalName}`: a key.
    Key {
        name: String,
        alternatives: Vec<String>,
    },
    /// Text with parameters inside: `range(address='{address}')`.
    Mixed(Vec<Piece>),
    /// `root:/{item-path}:`: a drive item by path.
    ItemPath { prefix: String, param: String },
    /// A last `{param}` after a segment that ends with `:`
    /// (`root:/{item-path}`, `/sites/{hostname}:/{server-relative-path}`):
    /// a path of several segments, whose slashes stay slashes.
    PathTail(String),
}

/// A path split into literal text and parameters.
#[derive(Clone, Debug)]
pub(super) enum Piece {
    Literal(String),
    Param(String),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars();
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

/// Whether segment `i` of a path's segments is a [`Step::PathTail`]'s
/// place: the last, after one that ends with `:`. (The caller checks that
/// it is a parameter.)
pub(super) fn is_path_tail(segments: &[&str], i: usize) -> bool {
    i + 1 == segments.len() && i > 0 && segments[i - 1].ends_with(':')
}

/// The steps of a normalised path.
pub(super) fn steps(path: &str) -> Vec<Step> {
    let raw: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let seg = raw[i];
        // `root:` then `{item-path}:`
        if let (Some(prefix), Some(next)) = (seg.strip_suffix(':'), raw.get(i + 1)) {
            if next.starts_with('{') && next.ends_with("}:") {
                let inner = &next[1..next.len() - 2];
                out.push(Step::ItemPath {
                    prefix: prefix.to_string(),
                    param: inner.split('|').next().unwrap_or("path").trim().to_string(),
                });
                i += 2;
                continue;
            }
        }
        let is_param = seg.starts_with('{') && seg.ends_with('}') && seg.matches('{').count() == 1;
        if is_param && is_path_tail(&raw, i) {
            let name = seg[1..seg.len() - 1]
                .split('|')
                .next()
                .unwrap_or("path")
                .trim();
            out.push(Step::PathTail(name.to_string()));
        } else if is_param {
            let names: Vec<String> = seg[1..seg.len() - 1]
                .split('|')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            out.push(Step::Key {
                name: names.first().cloned().unwrap_or_else(|| "id".into()),
                alternatives: names.iter().skip(1).cloned().collect(),
            });
        } else if seg.contains('{') {
            out.push(Step::Mixed(pieces(seg)));
        } else {
            out.push(Step::Literal(seg.to_string()));
        }
        i += 1;
    }
    out
}

/// The path with every parameter replaced by `value()` in order, as the
/// builder chain writes it.
pub fn steps_text_with(path: &str, value: &mut dyn FnMut() -> String) -> String {
    let mut out = String::new();
    for step in steps(path) {
        out.push('/');
        match step {
            Step::Literal(t) => out.push_str(&t),
            Step::Key { .. } | Step::PathTail(_) => out.push_str(&value()),
            Step::Mixed(pieces) => {
                for p in pieces {
                    match p {
                        Piece::Literal(t) => out.push_str(&t),
                        Piece::Param(_) => out.push_str(&value()),
                    }
                }
            }
            Step::ItemPath { prefix, .. } => {
                out.push_str(&prefix);
                out.push_str(":/");
                out.push_str(&value());
                out.push(':');
            }
        }
    }
    out
}

/// A builder node: the path so far, its children and the operations there.
#[derive(Default)]
struct Node<'a> {
    /// The step that leads here from the parent.
    step: Option<Step>,
    /// The documented path of this node (for docs).
    path: String,
    /// The path as the tree keys it (parameters as `{}`, lowercase).
    key: String,
    /// A drive item, which steps into the workbook tree (see [`super::workbook`]).
    mount: bool,
    children: BTreeMap<String, Node<'a>>,
    /// (operation, method, documented path, endpoint scope)
    operations: Vec<(&'a Operation, &'a str, &'a str, Option<&'a str>)>,
    /// The area features of every operation at or below this node.
    areas: std::collections::BTreeSet<String>,
    /// Each spelling of the step that leads here (by its text), with how
    /// many endpoints were documented with it (see [`settle_spellings`]).
    spellings: BTreeMap<String, (usize, Step)>,
}

/// Fills in every node's areas from the operations below it; a drive item
/// also takes the areas of the workbook tree it leads to (`mounted`).
fn collect_areas(node: &mut Node<'_>, mounted: &BTreeSet<String>) {
    let mut areas: BTreeSet<String> = node
        .operations
        .iter()
        .flat_map(|(o, ..)| super::features::op_areas(o))
        .collect();
    if node.mount {
        areas.extend(mounted.iter().cloned());
    }
    for child in node.children.values_mut() {
        collect_areas(child, mounted);
        areas.extend(child.areas.iter().cloned());
    }
    node.areas = areas;
}

fn step_key(step: &Step) -> String {
    match step {
        Step::Literal(t) => t.to_ascii_lowercase(),
        Step::Key { .. } => "{}".into(),
        Step::PathTail(_) => "{path}".into(),
        Step::Mixed(p) => p
            .iter()
            .map(|p| match p {
                Piece::Literal(t) => t.to_ascii_lowercase(),
                Piece::Param(_) => "{}".into(),
            })
            .collect(),
        Step::ItemPath { prefix, .. } => format!("{}:{{}}:", prefix.to_ascii_lowercase()),
    }
}

fn step_text(step: &Step) -> String {
    match step {
        Step::Literal(t) => t.clone(),
        Step::Key { name, alternatives } => {
            let mut all = vec![name.clone()];
            all.extend(alternatives.iter().cloned());
            format!("{{{}}}", all.join(" | "))
        }
        Step::Mixed(p) => p
            .iter()
            .map(|p| match p {
                Piece::Literal(t) => t.clone(),
                Piece::Param(n) => format!("{{{n}}}"),
            })
            .collect(),
        Step::ItemPath { prefix, param } => format!("{prefix}:/{{{param}}}:"),
        Step::PathTail(name) => format!("{{{name}}}"),
    }
}

/// The builder tree of one version: the paths from the service root, and
/// the workbook tree (`/workbook` and below) when the docs have one.
struct Tree<'a> {
    root: Node<'a>,
    workbook: Option<Node<'a>>,
    /// `/me` paths were folded into `/users/{id}` (see [`super::me`]).
    me: bool,
}

fn build_tree<'a>(ir: &'a Ir, version: ApiVersion) -> Tree<'a> {
    let mut root = Node::default();
    let mut workbook: Option<Node<'a>> = None;
    let ops: Vec<&Operation> = ir
        .operations
        .iter()
        .filter(|o| o.version == version)
        .collect();
    let me = can_fold_me(&ops);
    for op in ops {
        for e in &op.endpoints {
            let mut all = steps(&e.path);
            if me {
                all = super::me::fold(all);
            }
            let node = match super::workbook::split(&all) {
                Some(at) => {
                    if at > 0 {
                        insert(&mut root, &all[..at]);
                    }
                    let tree = workbook.get_or_insert_with(|| Node {
                        step: Some(Step::Literal("workbook".into())),
                        path: "/workbook".into(),
                        key: "/workbook".into(),
                        ..Node::default()
                    });
                    insert(tree, &all[at + 1..])
                }
                None => insert(&mut root, &all),
            };
            if !node
                .operations
                .iter()
                .any(|(o, m, p, _)| std::ptr::eq(*o, op) && *m == e.method && *p == e.path)
            {
                node.operations
                    .push((op, &e.method, &e.path, e.scope.as_deref()));
            }
        }
    }
    settle_spellings(&mut root);
    if let Some(tree) = workbook.as_mut() {
        settle_spellings(tree);
    }
    if let Some(tree) = workbook.take() {
        if mark_mounts(&mut root, &mut Vec::new()) == 0 {
            // No drive item is documented to reach it from: the paths stay
            // as the docs write them, below the root.
            root.children.insert("workbook".into(), tree);
        } else {
            workbook = Some(tree);
        }
    }
    Tree { root, workbook, me }
}

/// Whether `/me` paths can join the `/users/{id}` tree: some are documented,
/// and no place would then hold two operations of one HTTP method (the
/// docs' `/me/x` and `/users/{id}/x` on different pages that disagree).
fn can_fold_me(ops: &[&Operation]) -> bool {
    let mut any = false;
    let mut at: BTreeMap<(String, &str), *const Operation> = BTreeMap::new();
    for op in ops {
        for e in &op.endpoints {
            let all = steps(&e.path);
            any |= super::me::starts_at_me(&all);
            let key: String = super::me::fold(all)
                .iter()
                .map(|s| format!("/{}", step_key(s)))
                .collect();
            let op: *const Operation = *op;
            if *at.entry((key, e.method.as_str())).or_insert(op) != op {
                return false;
            }
        }
    }
    any
}

/// The node at `steps` below `node`, made as needed.
fn insert<'n, 'a>(node: &'n mut Node<'a>, steps: &[Step]) -> &'n mut Node<'a> {
    let mut node = node;
    for step in steps {
        let key = step_key(step);
        let parent_key = &node.key;
        let key_path = format!("{parent_key}/{key}");
        node = node.children.entry(key).or_insert_with(|| Node {
            key: key_path,
            ..Node::default()
        });
        node.spellings
            .entry(step_text(step))
            .or_insert_with(|| (0, step.clone()))
            .0 += 1;
    }
    node
}

/// Gives each node below `node` its step and documented path: of the
/// spellings the docs use for the step, a key with the most alternative
/// names (`{id | userPrincipalName}` over `{id}`), then camelCase (a
/// lowercase start, then the most capitals: `calendarGroups` over the
/// `calendargroups` a typo lowercased), then the one most endpoints use,
/// then the first in byte order. The first spelling met used to win, so
/// the order of the operations decided: a page that listed its two paths
/// the other way round (group-delete-event.md, 2020) made `calendargroups`
/// the first met, and 64 builders of the 2020 crate were renamed.
fn settle_spellings(node: &mut Node<'_>) {
    type Spelling<'t> = (&'t String, &'t (usize, Step));
    type Rank<'t> = (usize, bool, usize, usize, std::cmp::Reverse<&'t str>);
    fn rank<'t>((text, (count, step)): &Spelling<'t>) -> Rank<'t> {
        let names = match step {
            Step::Key { alternatives, .. } => alternatives.len(),
            _ => 0,
        };
        let camel = !text.starts_with(|c: char| c.is_ascii_uppercase());
        let humps = text.bytes().filter(u8::is_ascii_uppercase).count();
        (
            names,
            camel,
            humps,
            *count,
            std::cmp::Reverse(text.as_str()),
        )
    }
    for child in node.children.values_mut() {
        if let Some((text, (_, step))) = child.spellings.iter().max_by_key(rank) {
            child.path = format!("{}/{text}", node.path);
            child.step = Some(step.clone());
        }
        settle_spellings(child);
    }
}

/// Marks every drive item below `node` as a mount; returns how many.
fn mark_mounts(node: &mut Node<'_>, above: &mut Vec<Step>) -> usize {
    let mut count = 0;
    if let Some(step) = &node.step {
        above.push(step.clone());
    }
    if !above.is_empty() && super::workbook::is_drive_item(above) {
        node.mount = true;
        count += 1;
    }
    for child in node.children.values_mut() {
        count += mark_mounts(child, above);
    }
    if node.step.is_some() {
        above.pop();
    }
    count
}

/// The builder of a child path with this URL (see `request.rs` for why
/// a struct literal).
fn builder(url: TokenStream) -> TokenStream {
    quote!(crate::request::Builder { url: #url, path: ::std::marker::PhantomData })
}

/// The body of a navigation method that builds its URL step by step.
fn built(pushes: TokenStream) -> TokenStream {
    quote! {
        let mut url = self.url.clone();
        #pushes
        crate::request::Builder { url, path: ::std::marker::PhantomData }
    }
}

/// `Builder`'s own methods, and the operations'.
const BUILDER_METHODS: [&str; 8] = [
    "get", "post", "patch", "put", "delete", "url", "new", "clone",
];

/// The method that steps into a child.
fn step_method_name(step: &Step, before: &str) -> String {
    match step {
        // `root:` before a path (`root:/{item-path}`): `root_path()`, not
        // the `root_2()` a clash with `root` would give.
        Step::Literal(t) if t.len() > 1 && t.ends_with(':') => {
            format!("{} path", t.trim_end_matches(':'))
        }
        Step::Literal(t) => t.trim_start_matches('$').to_string(),
        Step::Key { name, .. } => format!("by {}", param_name(name, before)),
        Step::PathTail(name) => format!("by {name}"),
        Step::Mixed(p) => function_name(p).unwrap_or_else(|| format!("by {}", param_names(p))),
        Step::ItemPath { prefix, .. } => format!("{prefix} by path"),
    }
}

/// The name a segment with parameters inside gives before its first `(`
/// (`range` of `range(address='{address}')`); `None` when it has no word
/// there (`{hostname}:`, a site by its host name).
fn function_name(pieces: &[Piece]) -> Option<String> {
    pieces.iter().find_map(|p| match p {
        Piece::Literal(t) => {
            let name = t.split('(').next().unwrap_or(t);
            name.chars()
                .any(|c| c.is_alphanumeric())
                .then(|| name.to_string())
        }
        Piece::Param(_) => None,
    })
}

/// The names of a segment's parameters, spaced.
fn param_names(pieces: &[Piece]) -> String {
    let names: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Param(n) => Some(n.as_str()),
            Piece::Literal(_) => None,
        })
        .collect();
    names.join(" ")
}

/// How a function call is named (see [`overloads`]).
#[derive(Clone, Debug)]
struct Overload {
    /// `Some("with date value")` for a call named by its parameters,
    /// `None` for one that keeps the function's bare name.
    word: Option<String>,
    /// Whether its function has other calls (or its name another segment).
    overloaded: bool,
    /// Whether the call may keep the bare name: no segment of another kind
    /// (`range` beside `range(address=...)`) has it.
    keepable: bool,
}

/// How each function call below `node` is named, by the child's tree key.
/// The calls of functions without overloads that have the function's bare
/// name are not listed.
///
/// Overloaded functions (`getEmailActivityUserDetail(period=...)` and
/// `(date=...)`) are told apart by their parameter names, the builder
/// type too: `...DetailWithDateValueCall`, not `...DetailCall2`, which a
/// new overload that sorts first would take from it. A name the crate
/// regen replaces had (`kept`, from `names.lock`) is kept, so that a docs
/// update renames nothing: a call that had the bare name keeps it when its
/// function gains an overload (the first such call of each function, in
/// tree order, unless a segment of another kind has the name: it keeps it,
/// and the call would otherwise be `..._2`), and one named by its
/// parameters keeps them when its function loses its overloads.
fn overloads(node: &Node<'_>, kept: &BTreeMap<String, CallName>) -> BTreeMap<String, Overload> {
    let mut base_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut other_kinds: BTreeSet<String> = BTreeSet::new();
    for child in node.children.values() {
        if let Some(step) = &child.step {
            let base = step_method_name(step, &node.path);
            if !matches!(step, Step::Mixed(_)) {
                other_kinds.insert(base.clone());
            }
            *base_names.entry(base).or_default() += 1;
        }
    }
    let mut bare: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for child in node.children.values() {
        let Some(step @ Step::Mixed(pieces)) = &child.step else {
            continue;
        };
        let base = step_method_name(step, &node.path);
        let with = || Some(format!("with {}", param_names(pieces)));
        let kept = kept.get(&child.key);
        if base_names.get(&base).is_none_or(|n| *n < 2) {
            if kept == Some(&CallName::WithParameters) {
                out.insert(
                    child.key.clone(),
                    Overload {
                        word: with(),
                        overloaded: false,
                        keepable: false,
                    },
                );
            }
            continue;
        }
        let keepable = !other_kinds.contains(&base);
        let word = if keepable && kept == Some(&CallName::Bare) && bare.insert(base) {
            None
        } else {
            with()
        };
        out.insert(
            child.key.clone(),
            Overload {
                word,
                overloaded: true,
                keepable,
            },
        );
    }
    out
}

/// The function calls of `ir`'s builder trees, by version and tree key:
/// those that share their function with another call and may keep a bare
/// name they had (`may_keep_bare`), those whose function has no other
/// call and may keep a name with parameters they had
/// (`may_keep_parameters`), and how each is named once `ir`'s kept calls
/// are kept (`names`, which `names.lock` records).
pub struct FunctionCalls {
    pub may_keep_bare: BTreeSet<(ApiVersion, String)>,
    pub may_keep_parameters: BTreeSet<(ApiVersion, String)>,
    pub names: BTreeMap<(ApiVersion, String), CallName>,
}

/// The function calls of both versions' trees, built as the emitter
/// builds them (about 5 ms for the 2020 tree: only a regen whose lock
/// lists calls builds them before the IR is done).
pub fn function_calls(ir: &Ir) -> FunctionCalls {
    fn walk(
        node: &Node<'_>,
        version: ApiVersion,
        kept: &BTreeMap<String, CallName>,
        calls: &mut FunctionCalls,
    ) {
        let overloads = overloads(node, kept);
        for child in node.children.values() {
            walk(child, version, kept, calls);
            let Some(Step::Mixed(pieces)) = &child.step else {
                continue;
            };
            if function_name(pieces).is_none() {
                continue;
            }
            let key = (version, child.key.clone());
            let overload = overloads.get(&child.key);
            match overload {
                Some(o) if o.overloaded => {
                    if o.keepable {
                        calls.may_keep_bare.insert(key.clone());
                    }
                }
                _ => {
                    calls.may_keep_parameters.insert(key.clone());
                }
            }
            let name = match overload.and_then(|o| o.word.as_ref()) {
                Some(_) => CallName::WithParameters,
                None => CallName::Bare,
            };
            calls.names.insert(key, name);
        }
    }
    let mut calls = FunctionCalls {
        may_keep_bare: BTreeSet::new(),
        may_keep_parameters: BTreeSet::new(),
        names: BTreeMap::new(),
    };
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        let tree = build_tree(ir, version);
        let kept = kept_calls_of(ir, version);
        walk(&tree.root, version, &kept, &mut calls);
        if let Some(workbook) = &tree.workbook {
            walk(workbook, version, &kept, &mut calls);
        }
    }
    calls
}

/// `version`'s kept calls: the name of each, by tree key.
fn kept_calls_of(ir: &Ir, version: ApiVersion) -> BTreeMap<String, CallName> {
    ir.kept_calls
        .iter()
        .filter(|c| c.version == version)
        .map(|c| (c.key.clone(), c.name))
        .collect()
}

/// A word for a node's struct name; `overload` tells a function's call
/// apart from its overloads (`with date value`).
fn step_type_word(step: &Step, overload: Option<&str>) -> String {
    match step {
        Step::Literal(t) if t.len() > 1 && t.ends_with(':') => {
            format!("{} colon", t.trim_end_matches(':'))
        }
        Step::Literal(t) => t
            .trim_start_matches('$')
            .rsplit('.')
            .next()
            .unwrap_or(t)
            .to_string(),
        Step::Key { .. } => "Item".into(),
        Step::PathTail(_) => "Path".into(),
        Step::Mixed(p) => match (function_name(p), overload) {
            (Some(name), Some(with)) => format!("{name} {with} Call"),
            (Some(name), None) => format!("{name}Call"),
            (None, _) => format!("by {}", param_names(p)),
        },
        Step::ItemPath { prefix, .. } => format!("{prefix}Path"),
    }
}

/// One call of a builder chain: the method and how many text arguments it takes.
#[derive(Clone, Debug)]
pub struct ChainCall {
    /// The method name (a sanitised identifier).
    pub method: String,
    pub arguments: usize,
}

/// The builder chains of one version.
#[derive(Clone, Debug, Default)]
pub struct Chains {
    /// The chain from `root()` to each endpoint, by (operation id, HTTP
    /// method, documented path).
    pub endpoints: BTreeMap<(String, String, String), Chain>,
    /// The drive items that step into the workbook tree, the preferred
    /// one (`/me/drive/items/{id}` when documented) first.
    pub mounts: Vec<Mount>,
    /// The root's `me()`, when `/me` paths joined the `/users/{id}` tree:
    /// a chain through `users().by_x(id)` may start with it instead.
    pub me: Option<String>,
    /// The `count()` method at the end of a listing `GET`'s chain, keyed
    /// as `endpoints` (`GET .../$count`).
    pub counts: BTreeMap<(String, String, String), String>,
}

/// The calls that reach one endpoint.
#[derive(Clone, Debug)]
pub struct Chain {
    pub calls: Vec<ChainCall>,
    /// For a workbook path the docs give relative to a drive item: the
    /// mount (index in [`Chains::mounts`]) whose calls start `calls`. Any
    /// other mount's calls may replace them.
    pub mount: Option<usize>,
}

/// A drive item builder and the calls that reach it, `workbook()` last.
#[derive(Clone, Debug)]
pub struct Mount {
    /// The documented path of the drive item.
    pub path: String,
    pub calls: Vec<ChainCall>,
}

struct Emitter<'i> {
    version: ApiVersion,
    /// Chains from the root, or from `Workbook` while the workbook tree is
    /// emitted (`in_workbook`).
    chains: BTreeMap<(String, String, String), Vec<ChainCall>>,
    workbook_chains: BTreeMap<(String, String, String), Vec<ChainCall>>,
    /// The `count()` method of the builder a listing `GET` is on, keyed
    /// as the chains are.
    counts: BTreeMap<(String, String, String), String>,
    in_workbook: bool,
    /// The workbook tree's builder type and areas, when it hangs below
    /// drive items.
    workbook: Option<(proc_macro2::Ident, BTreeSet<String>)>,
    /// Drive item builders, by tree key: (documented path, calls).
    mounts: BTreeMap<String, (String, Vec<ChainCall>)>,
    /// The builder of `/users/{id}` and its areas, once named.
    users_item: Option<(proc_macro2::Ident, BTreeSet<String>)>,
    /// `/me` paths are in the `/users/{id}` tree, and the root's method
    /// that returns its builder at `/me`.
    fold_me: bool,
    me_method: Option<String>,
    index: &'i TypeIndex,
    /// The calls that keep the method names they had, by tree key
    /// (`Ir::kept_calls`).
    kept_calls: BTreeMap<String, CallName>,
    types: Scope,
    markers: Scope,
    /// Marker of each operation already emitted, by operation id.
    marker_of: BTreeMap<String, proc_macro2::Ident>,
    /// Builders, by the features that switch them on (none: the root).
    items: BTreeMap<BTreeSet<String>, Vec<TokenStream>>,
    /// `paths::X`: one type per builder.
    path_items: Vec<TokenStream>,
    /// Operation markers, by the features that switch them on.
    marker_items: BTreeMap<BTreeSet<String>, Vec<TokenStream>>,
}

/// The builders of one API version, and the chain that reaches each endpoint.
/// The builders of `version`: the parent file, the files of its parts
/// under `dir` (see [`super::split`]), and the chain of calls to each
/// operation.
pub fn emit(
    ir: &Ir,
    version: ApiVersion,
    index: &TypeIndex,
    dir: &str,
) -> (TokenStream, Vec<(String, TokenStream)>, Chains) {
    let Tree {
        root: mut tree,
        workbook: mut workbook_tree,
        me: fold_me,
    } = build_tree(ir, version);
    let mut mounted = BTreeSet::new();
    if let Some(w) = &mut workbook_tree {
        collect_areas(w, &BTreeSet::new());
        mounted = w.areas.clone();
    }
    collect_areas(&mut tree, &mounted);
    let mut e = Emitter {
        version,
        chains: BTreeMap::new(),
        workbook_chains: BTreeMap::new(),
        counts: BTreeMap::new(),
        in_workbook: false,
        workbook: None,
        mounts: BTreeMap::new(),
        users_item: None,
        fold_me,
        me_method: None,
        index,
        kept_calls: kept_calls_of(ir, version),
        types: Scope::default(),
        markers: Scope::default(),
        marker_of: BTreeMap::new(),
        items: BTreeMap::new(),
        path_items: Vec::new(),
        marker_items: BTreeMap::new(),
    };
    e.types.reserve("Root");
    if let Some(w) = &workbook_tree {
        let ident = e.types.name("workbook", Case::UpperCamel).ident();
        e.workbook = Some((ident, w.areas.clone()));
    }
    e.node(&tree, format_ident!("Root"), &[]);
    if let (Some(w), Some((ident, _))) = (&workbook_tree, e.workbook.clone()) {
        e.in_workbook = true;
        e.node(w, ident, &[]);
        e.in_workbook = false;
    }
    let chains = e.chains();
    let (always, builder_decls, mut files) = super::split::by_features(e.items, dir);
    let (always_markers, marker_decls, marker_files) =
        super::split::by_features(e.marker_items, &format!("{dir}/options"));
    files.extend(marker_files);
    let paths = e.path_items;
    let tokens = quote! {
        //! Request builders of this API version. Start at [`root`]; each
        //! method follows one segment of a documented path. The builders of
        //! each set of features are in a file of their own.
        #![allow(clippy::needless_lifetimes)]
        #[allow(unused_imports)] // every operation may be switched off by features
        use crate::request::Request;

        /// The service root: `https://graph.microsoft.com/<version>`.
        pub fn root() -> Root {
            crate::request::Builder::new(::std::string::String::from(super::BASE_URL))
        }

        /// The service root at another address (a national cloud, a test server).
        pub fn root_at(base_url: &str) -> Root {
            crate::request::Builder::new(base_url.trim_end_matches('/').to_string())
        }

        #builder_decls
        #(#always)*

        /// One type per documented path, naming it in [`crate::request::Builder`].
        pub mod paths {
            #(#paths)*
        }

        /// Per-operation markers: which query options each operation supports.
        pub mod options {
            #marker_decls
            #(#always_markers)*
        }
    };
    (tokens, files, chains)
}

impl Emitter<'_> {
    /// Every endpoint's chain from the root. A workbook path continues the
    /// chain of the drive item it is documented under, or, when the docs
    /// give it relative to one, of the preferred drive item.
    fn chains(&self) -> Chains {
        let via_me = |calls: &[ChainCall]| super::me::via_me(self.me_method.as_deref()?, calls);
        // Drive items, each below a user also at `/me`.
        let mut all_mounts: BTreeMap<String, (String, Vec<ChainCall>)> = self.mounts.clone();
        for (key, (path, calls)) in &self.mounts {
            let (Some(rest), Some(path), Some(calls)) = (
                key.strip_prefix("/users/{}"),
                super::me::alias(path),
                via_me(calls),
            ) else {
                continue;
            };
            all_mounts.insert(format!("/me{rest}"), (path, calls));
        }
        let mut order: Vec<(&String, &(String, Vec<ChainCall>))> = all_mounts.iter().collect();
        // The signed-in user's drive item first; the rest in tree order.
        order.sort_by_key(|(key, _)| key.as_str() != "/me/drive/items/{}");
        let index: BTreeMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, (key, _))| (key.as_str(), i))
            .collect();
        let mounts: Vec<Mount> = order
            .iter()
            .map(|(_, (path, calls))| Mount {
                path: path.clone(),
                calls: calls.clone(),
            })
            .collect();
        let mut endpoints: BTreeMap<_, _> = BTreeMap::new();
        for (k, calls) in &self.chains {
            let calls = if self.fold_me && super::me::is_me_path(&k.2) {
                match via_me(calls) {
                    Some(calls) => calls,
                    None => continue,
                }
            } else {
                calls.clone()
            };
            endpoints.insert(k.clone(), Chain { calls, mount: None });
        }
        for (k, relative) in &self.workbook_chains {
            let all = steps(&k.2);
            let Some(at) = super::workbook::split(&all) else {
                continue;
            };
            let mount = if at == 0 {
                Some(0)
            } else {
                let key: String = all[..at]
                    .iter()
                    .map(|s| format!("/{}", step_key(s)))
                    .collect();
                index.get(key.as_str()).copied()
            };
            let Some(m) = mount.and_then(|i| mounts.get(i)) else {
                continue;
            };
            let mut calls = m.calls.clone();
            calls.extend(relative.iter().cloned());
            // Only a path the docs give relative needs its mount named.
            let mount = (at == 0).then_some(0);
            endpoints.insert(k.clone(), Chain { calls, mount });
        }
        Chains {
            endpoints,
            mounts,
            me: self.me_method.clone(),
            counts: self.counts.clone(),
        }
    }

    fn node(&mut self, node: &Node<'_>, ident: proc_macro2::Ident, chain: &[ChainCall]) {
        let mut methods = Scope::default();
        for reserved in BUILDER_METHODS {
            methods.reserve(reserved);
        }
        let mut fns = Vec::new();
        let mut emitted: Vec<(*const Operation, &str)> = Vec::new();
        for (method, path, op, scope) in node.operations.iter().map(|(o, m, p, s)| (*m, *p, *o, *s))
        {
            // One method per HTTP method; each documented path of its
            // operation (`/me/x` and `/users/{id}/x`) gets a chain. A second
            // operation with the same method here (two pages that document
            // one workbook path relative and absolute, as two operations)
            // has no builder method: two `get()`s would not compile.
            let op_ptr: *const Operation = op;
            match emitted.iter().find(|(_, m)| *m == method) {
                Some((first, _)) if *first != op_ptr => continue,
                Some(_) => {}
                None => {
                    emitted.push((op_ptr, method));
                    fns.push(self.operation_method(op, method, path, scope));
                }
            }
            let chains = if self.in_workbook {
                &mut self.workbook_chains
            } else {
                &mut self.chains
            };
            chains.insert(
                (op.id.clone(), method.to_string(), path.to_string()),
                chain.to_vec(),
            );
        }
        let overloads = overloads(node, &self.kept_calls);
        for child in node.children.values() {
            let Some(step) = &child.step else { continue };
            let mut method_name = step_method_name(step, &node.path);
            let overload = overloads.get(&child.key).and_then(|o| o.word.clone());
            if let Some(with) = &overload {
                method_name = format!("{method_name} {with}");
            }
            let word = step_type_word(step, overload.as_deref());
            let parent = if node.path.is_empty() {
                String::new()
            } else {
                ident.to_string()
            };
            let type_name = self
                .types
                .name(&format!("{parent} {word}"), Case::UpperCamel)
                .ident();
            // A segment named like a builder method is an action
            // (`.../rows/{index}/delete`, `/teams/{id}/clone`): `delete_action()`,
            // not `delete_2()`.
            if BUILDER_METHODS
                .contains(&crate::names::rust_name(&method_name, Case::Snake).as_str())
            {
                method_name.push_str(" action");
            }
            let method = methods.name(&method_name, Case::Snake).ident();
            let doc = format!(" `{}`", child.path);
            let mut args = Scope::default();
            let (params, push): (Vec<TokenStream>, TokenStream) = match step {
                Step::Literal(t) => {
                    let text = format!("/{t}");
                    (
                        vec![],
                        builder(quote!(crate::request::child_url(&self.url, #text))),
                    )
                }
                Step::Key { name, .. } => {
                    let arg = args
                        .name(&param_name(name, &node.path), Case::Snake)
                        .ident();
                    (
                        vec![quote!(#arg: &str)],
                        builder(quote!(crate::request::item_url(&self.url, #arg))),
                    )
                }
                Step::Mixed(pieces) => {
                    let mut params = Vec::new();
                    let mut pushes = vec![quote!(url.push('/');)];
                    let mut quoted = false;
                    for p in pieces {
                        match p {
                            Piece::Literal(t) => {
                                quoted = t.ends_with('\'');
                                let mut chars = t.chars();
                                match (chars.next(), chars.next()) {
                                    (Some(c), None) => pushes.push(quote!(url.push(#c);)),
                                    _ => pushes.push(quote!(url.push_str(#t);)),
                                }
                            }
                            Piece::Param(n) => {
                                let arg = args.name(n, Case::Snake).ident();
                                params.push(quote!(#arg: &str));
                                // Inside quotes a value is an OData string; without
                                // them the caller writes the literal (`0`, `'A1'`).
                                if quoted {
                                    pushes.push(
                                        quote!(crate::support::push_argument(&mut url, #arg);),
                                    );
                                } else {
                                    pushes.push(
                                        quote!(crate::support::push_literal(&mut url, #arg);),
                                    );
                                }
                            }
                        }
                    }
                    (params, built(quote!(#(#pushes)*)))
                }
                Step::PathTail(name) => {
                    let arg = args.name(name, Case::Snake).ident();
                    (
                        vec![quote!(#arg: &str)],
                        built(
                            quote! { url.push('/'); crate::support::push_item_path(&mut url, #arg); },
                        ),
                    )
                }
                Step::ItemPath { prefix, param } => {
                    let arg = args.name(param, Case::Snake).ident();
                    let text = format!("/{prefix}:/");
                    (
                        vec![quote!(#arg: &str)],
                        built(
                            quote! { url.push_str(#text); crate::support::push_item_path(&mut url, #arg); url.push(':'); },
                        ),
                    )
                }
            };
            let alternatives_doc = match step {
                Step::Key { alternatives, .. } if !alternatives.is_empty() => {
                    let t = format!(
                        " The key may also be: {}.",
                        super::doc_text::rustdoc_safe(&alternatives.join(", "))
                    );
                    quote!(#[doc = ""] #[doc = #t])
                }
                _ => quote!(),
            };
            let child_cfg = super::features::cfg(&child.areas);
            fns.push(quote! {
                #[doc = #doc]
                #alternatives_doc
                #child_cfg
                pub fn #method(&self #(, #params)*) -> #type_name {
                    #push
                }
            });
            let mut next = chain.to_vec();
            next.push(ChainCall {
                method: method.to_string(),
                arguments: params.len(),
            });
            if child.key == "/users/{}" {
                self.users_item = Some((type_name.clone(), child.areas.clone()));
            }
            self.node(child, type_name, &next);
        }
        // A collection that can be listed can be counted: `GET .../$count`
        // (Graph's advanced queries; a segment the docs name `count` keeps
        // the plain name). Not what a function returns (`delta`, `f(x)`).
        let collection_segment = matches!(&node.step,
            Some(Step::Literal(t)) if !t.eq_ignore_ascii_case("delta") && !t.contains('('));
        let listed = node.operations.iter().find(|(op, method, path, _)| {
            collection_segment
                && *method == "GET"
                && op.response.collection
                && response_kind(op, method, path) == ResponseKind::Json
        });
        if let Some((op, ..)) = listed {
            let method = methods.name("count", Case::Snake).ident();
            for (listing, m, path, _) in &node.operations {
                if std::ptr::eq(*listing, *op) && *m == "GET" {
                    let key = (op.id.clone(), m.to_string(), path.to_string());
                    self.counts.insert(key, method.to_string());
                }
            }
            let cfg = super::features::cfg(&super::features::op_areas(op));
            let doc = format!(
                " `GET {}/$count`: how many items the collection holds; with \
                 `filter` or `search`, how many match. Sets `ConsistencyLevel: \
                 eventual`, which Graph wants when it counts directory objects.",
                node.path
            );
            fns.push(quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> Request<crate::request::Count, crate::request::CountOptions> {
                    Request::new(http::Method::GET, crate::request::child_url(&self.url, "/$count"))
                        .header("ConsistencyLevel", "eventual")
                }
            });
        }
        if node.path.is_empty() && self.fold_me {
            if let Some((user, areas)) = self.users_item.clone() {
                let method = methods.name("me", Case::Snake).ident();
                let cfg = super::features::cfg(&areas);
                let body = builder(quote!(crate::request::child_url(&self.url, "/me")));
                fns.push(quote! {
                    /// `/me`: the signed-in user, with every path the docs give
                    /// for `/me` or for `/users/{id}`.
                    #cfg
                    pub fn #method(&self) -> #user {
                        #body
                    }
                });
                self.me_method = Some(method.to_string());
            }
        }
        if let (true, Some((workbook, areas))) = (node.mount, &self.workbook) {
            let method = methods.name("workbook", Case::Snake).ident();
            let doc = format!(
                " `{}/workbook`: the Excel workbook of this drive item.",
                node.path
            );
            let cfg = super::features::cfg(areas);
            let body = builder(quote!(crate::request::child_url(&self.url, "/workbook")));
            fns.push(quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> #workbook {
                    #body
                }
            });
            let mut calls = chain.to_vec();
            calls.push(ChainCall {
                method: method.to_string(),
                arguments: 0,
            });
            self.mounts
                .insert(node.key.clone(), (node.path.clone(), calls));
        }
        let doc = if node.path.is_empty() {
            " The service root.".to_string()
        } else if self.in_workbook && chain.is_empty() {
            " `/workbook` below a drive item: its Excel workbook. Reached with \
             `workbook()` on any drive item builder."
                .to_string()
        } else {
            format!(" `{}`", node.path)
        };
        // The root always exists; other builders as far as an operation
        // below them is switched on.
        let cfg = if node.path.is_empty() {
            quote!()
        } else {
            super::features::cfg(&node.areas)
        };
        self.path_items.push(quote! {
            #[doc = #doc]
            #cfg
            pub enum #ident {}
        });
        let areas = if node.path.is_empty() {
            BTreeSet::new()
        } else {
            node.areas.clone()
        };
        self.items.entry(areas).or_default().push(quote! {
            #[doc = #doc]
            pub type #ident = crate::request::Builder<paths::#ident>;

            impl #ident {
                #(#fns)*
            }
        });
    }

    /// `crate::v1::models`: absolute, as builders live in files of their own.
    fn models_path(&self) -> TokenStream {
        let version = format_ident!("{}", super::module_name(self.version));
        quote!(crate::#version::models)
    }

    /// `get()`, `post(&body)`, ...: the typed request of one operation.
    fn operation_method(
        &mut self,
        op: &Operation,
        method: &str,
        path: &str,
        scope: Option<&str>,
    ) -> TokenStream {
        let marker = self.marker(op);
        let response = self.response_type(op, method, path);
        let name = format_ident!("{}", method.to_ascii_lowercase());
        let method_ident = format_ident!("{}", method.to_ascii_uppercase());
        let docs = doc_lines(&operation_doc(op, method, path, scope));
        let (param, body) = self.body(op, method);
        let consistency = op.request_headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("ConsistencyLevel")
                && h.description.to_ascii_lowercase().contains("required")
        });
        let consistency = if consistency {
            quote!(.header("ConsistencyLevel", "eventual"))
        } else {
            quote!()
        };
        let cfg = super::features::cfg(&super::features::op_areas(op));
        quote! {
            #docs
            #cfg
            pub fn #name(&self #param) -> Request<#response, options::#marker> {
                Request::new(http::Method::#method_ident, self.url.clone()) #body #consistency
            }
        }
    }

    /// The body parameter of POST, PATCH and PUT.
    fn body(&self, op: &Operation, method: &str) -> (TokenStream, TokenStream) {
        match body_type(op, method, self.index) {
            None => (quote!(), quote!()),
            Some(BodyType::Model(ident)) => (
                {
                    let models = self.models_path();
                    quote!(, body: &#models::#ident)
                },
                quote!(.json_body(body)),
            ),
            Some(BodyType::Models(ident)) => (
                {
                    let models = self.models_path();
                    quote!(, body: &[#models::#ident])
                },
                quote!(.json_body(body)),
            ),
            Some(BodyType::Json) => (
                quote!(, body: &::serde_json::Value),
                quote!(.json_body(body)),
            ),
            Some(BodyType::Bytes) => (
                quote!(, content_type: &str, bytes: ::std::vec::Vec<u8>),
                quote!(.bytes_body(content_type, bytes)),
            ),
        }
    }

    /// What the response holds.
    fn response_type(&self, op: &Operation, method: &str, path: &str) -> TokenStream {
        match response_kind(op, method, path) {
            ResponseKind::Bytes => quote!(crate::request::Bytes),
            ResponseKind::NoContent => quote!(crate::request::NoContent),
            ResponseKind::Accepted => quote!(crate::request::Accepted),
            ResponseKind::Json => {
                let inner = json_type(op, self.version, self.index, self.models_path());
                // A primitive or an enum member comes as `{"value": ...}`
                // (`GET /me/mailboxSettings/timeZone`).
                let primitive = op.response.type_name.as_deref().is_some_and(|t| {
                    (t.starts_with("Edm.") && t != "Edm.Untyped")
                        || matches!(
                            self.index.get(self.version, t),
                            Some((_, TypeKind::Enum | TypeKind::FlagsEnum))
                        )
                });
                if op.response.collection {
                    quote!(crate::request::Page<#inner>)
                } else if primitive {
                    quote!(crate::request::Primitive<#inner>)
                } else {
                    inner
                }
            }
        }
    }

    /// The marker type of an operation, with its query options and header setters.
    fn marker(&mut self, op: &Operation) -> proc_macro2::Ident {
        if let Some(existing) = self.marker_of.get(&op.id) {
            return existing.clone();
        }
        let base = op
            .id
            .split_once('_')
            .map(|x| x.1)
            .unwrap_or(&op.id)
            .to_string();
        let ident = self.markers.name(&base, Case::UpperCamel).ident();
        self.marker_of.insert(op.id.clone(), ident.clone());
        let supported = supported_options(op);
        let impls = supported.iter().map(|o| {
            let t = format_ident!("{}", o);
            quote!(impl crate::request::query::#t for #ident {})
        });
        let (header_setters, parameter_setters) = setters(op);
        let mut headers: Vec<TokenStream> = header_setters
            .into_iter()
            .map(|(name, h, setter)| {
                let setter = setter.ident();
                let doc = format!(
                    " Sets the `{name}` header. {}",
                    h.description.lines().next().unwrap_or("")
                );
                quote! {
                    #[doc = #doc]
                    pub fn #setter(self, value: &str) -> Self {
                        self.header(#name, value)
                    }
                }
            })
            .collect();
        // The operation's own query parameters (a calendar view's
        // `startDateTime`): a setter each, its type and whether the docs
        // require it in its docs.
        for (q, setter) in parameter_setters {
            let setter = setter.ident();
            let name = &q.name;
            let required = if q.required { " Required." } else { "" };
            let doc = format!(
                " Sets the `{name}` query parameter ({}).{required} {}",
                q.type_name,
                q.description.lines().next().unwrap_or("")
            );
            headers.push(quote! {
                #[doc = #doc]
                pub fn #setter(self, value: &str) -> Self {
                    self.query_param(#name, value)
                }
            });
        }
        let header_impl = if headers.is_empty() {
            quote!()
        } else {
            quote! {
                impl<T> crate::request::Request<T, #ident> {
                    #(#headers)*
                }
            }
        };
        let doc = format!(" Options of `{}`.", op.id);
        self.marker_items
            .entry(super::features::op_areas(op))
            .or_default()
            .push(quote! {
                #[doc = #doc]
                pub enum #ident {}
                #(#impls)*
                #header_impl
            });
        ident
    }
}

/// Header and query parameter setters, each with its method name.
pub type Setters<'o> = (
    Vec<(&'o str, &'o crate::ir::RequestHeader, RustName)>,
    Vec<(&'o crate::ir::QueryParameter, RustName)>,
);

/// The setters of an operation's request: its documented headers and its
/// own query parameters, each with its method name. Names are unique and
/// never one of `Request`'s own methods. Headers the client sets (the
/// token, the body's type and length, itself) or that the docs list as
/// boilerplate on hundreds of pages (`Accept: application/json`, which is
/// what Graph sends anyway) get no setter; `header()` still sets them.
pub fn setters(op: &Operation) -> Setters<'_> {
    let mut names = Scope::default();
    for own in [
        "header",
        "query_param",
        "build",
        "url",
        "method",
        "json_body",
        "bytes_body",
        "select",
        "expand",
        "filter",
        "order_by",
        "top",
        "skip",
        "count",
        "search",
        "parse",
        "send",
        "send_with_retry",
        "pages",
        "send_all",
        "poll_until_done",
        "into_page_request",
        "new",
    ] {
        names.reserve(own);
    }
    const NO_SETTER: [&str; 5] = [
        "Authorization",
        "Content-Type",
        "Content-Length",
        "User-Agent",
        "Accept",
    ];
    let mut seen: Vec<&str> = Vec::new();
    let mut headers = Vec::new();
    for h in &op.request_headers {
        // "Prefer: outlook.timezone" (user-list-calendarview.md, 2020)
        // documents a preference of the `Prefer` header.
        let name = h.name.split(':').next().unwrap_or("").trim();
        if name.is_empty()
            || NO_SETTER.iter().any(|n| name.eq_ignore_ascii_case(n))
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            || seen.iter().any(|s| s.eq_ignore_ascii_case(name))
        {
            continue;
        }
        seen.push(name);
        headers.push((name, h, names.name(name, Case::Snake)));
    }
    let parameters = op
        .query_options
        .parameters
        .iter()
        .map(|q| (q, names.name(&q.name, Case::Snake)))
        .collect();
    (headers, parameters)
}

/// What a request body is.
pub enum BodyType {
    Model(proc_macro2::Ident),
    /// A JSON array of the model (page-update.md's commands).
    Models(proc_macro2::Ident),
    Json,
    /// Raw bytes with their content type: an upload.
    Bytes,
}

/// The body an operation's method takes, if any.
pub fn body_type(op: &Operation, method: &str, index: &TypeIndex) -> Option<BodyType> {
    if !matches!(method, "POST" | "PATCH" | "PUT") || op.request_body.kind == BodyKind::None {
        return None;
    }
    if op.request_body.kind == BodyKind::Bytes {
        return Some(BodyType::Bytes);
    }
    // Uploads: PUT or PATCH to a stream (`/content`, `/$value`: a profile
    // photo takes either) sends the bytes.
    let stream = |p: &str| {
        let p = p.to_ascii_lowercase();
        p.ends_with("/content") || p.ends_with("/$value")
    };
    // A stream the page says takes typed JSON is no upload: `PATCH
    // /me/onenote/pages/{id}/content` takes an array of commands.
    let typed_json = op.request_body.kind == BodyKind::Json && op.request_body.type_name.is_some();
    if matches!(method, "PUT" | "PATCH")
        && !typed_json
        && !op.endpoints.is_empty()
        && op.endpoints.iter().all(|e| stream(&e.path))
    {
        return Some(BodyType::Bytes);
    }
    match &op.request_body.type_name {
        Some(t) => match index.get(op.version, t) {
            Some((name, TypeKind::Model)) if op.request_body.collection => {
                Some(BodyType::Models(name.ident()))
            }
            Some((name, TypeKind::Model)) => Some(BodyType::Model(name.ident())),
            _ => Some(BodyType::Json),
        },
        None if op.request_body.kind == BodyKind::Unstated && method == "POST" => None,
        None => Some(BodyType::Json),
    }
}

/// The body type as the generated crate's tests name it, if the method takes one.
pub fn takes_body(op: &Operation, method: &str, index: &TypeIndex) -> Option<TokenStream> {
    let module = format_ident!("{}", super::module_name(op.version));
    body_type(op, method, index).and_then(|b| match b {
        BodyType::Model(ident) => Some(quote!(graph_generated::#module::models::#ident)),
        BodyType::Models(ident) => {
            Some(quote!(::std::vec::Vec<graph_generated::#module::models::#ident>))
        }
        BodyType::Json => Some(quote!(serde_json::Value)),
        BodyType::Bytes => None,
    })
}

/// How a response is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// `204 No Content`, or an answer with nothing documented to read.
    NoContent,
    /// `202 Accepted` with nothing documented to read: its `Location`.
    Accepted,
    /// A binary stream: `$value`, `/content`.
    Bytes,
    /// A JSON body.
    Json,
}

pub fn response_kind(op: &Operation, method: &str, path: &str) -> ResponseKind {
    let lower = path.to_ascii_lowercase();
    if method == "GET" && (lower.ends_with("/$value") || lower.ends_with("/content")) {
        return ResponseKind::Bytes;
    }
    if op.response.status == Some(204) || (method == "DELETE" && op.response.type_name.is_none()) {
        return ResponseKind::NoContent;
    }
    if op.response.type_name.is_none() && method != "GET" {
        if op.response.status == Some(202) {
            return ResponseKind::Accepted;
        }
        return ResponseKind::NoContent;
    }
    ResponseKind::Json
}

/// The Rust type of a JSON response's items, relative to `models`.
fn json_type(
    op: &Operation,
    version: ApiVersion,
    index: &TypeIndex,
    models: TokenStream,
) -> TokenStream {
    let Some(t) = &op.response.type_name else {
        return quote!(::serde_json::Value);
    };
    match crate::types::rust_primitive(t) {
        Some(prim) => syn::parse_str::<syn::Type>(prim)
            .map(|t| quote!(#t))
            .unwrap_or_else(|_| quote!(::serde_json::Value)),
        None => match index.get(version, t) {
            Some((name, TypeKind::Model)) => {
                let ident = name.ident();
                quote!(#models::#ident)
            }
            Some((_, TypeKind::Enum | TypeKind::FlagsEnum)) => quote!(::std::string::String),
            None => quote!(::serde_json::Value),
        },
    }
}

/// The types that operations of `version` supporting `$select` or `$expand`
/// return: the models that need a `Field` enum.
pub fn selected_types(ir: &Ir, version: ApiVersion) -> BTreeSet<&str> {
    ir.operations
        .iter()
        .filter(|op| op.version == version)
        .filter(|op| {
            supported_options(op)
                .iter()
                .any(|o| matches!(*o, "Select" | "Expand"))
        })
        .filter_map(|op| op.response.type_name.as_deref())
        .collect()
}

/// The query options an operation supports, as `crate::request::query` traits.
fn supported_options(op: &Operation) -> Vec<&'static str> {
    op.supported_query_options()
        .into_iter()
        .filter_map(|o| match o {
            "$select" => Some("Select"),
            "$expand" => Some("Expand"),
            "$filter" => Some("Filter"),
            "$orderby" => Some("OrderBy"),
            "$top" => Some("Top"),
            "$skip" => Some("Skip"),
            "$count" => Some("Count"),
            "$search" => Some("Search"),
            _ => None,
        })
        .collect()
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

/// The rustdoc of a request: method and path, title, permissions table, sources.
pub fn operation_doc(op: &Operation, method: &str, path: &str, scope: Option<&str>) -> String {
    // The docs' prose is escaped for rustdoc (see `doc_text`); what this
    // function writes around it is rustdoc Markdown on purpose.
    let safe = super::doc_text::rustdoc_safe;
    let mut doc = format!("`{method} {path}`\n\n{}\n", safe(&op.title));
    if let Some(s) = scope {
        doc.push_str(&format!("\n{}.\n", safe(s)));
    }
    if let Some(d) = &op.description {
        doc.push_str(&format!("\n{}\n", safe(d)));
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
                    table_cell(set.scope.as_deref().unwrap_or("all")),
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
                    .map(|s| format!(" ({})", safe(s)))
                    .unwrap_or_default(),
                safe(&set.admin_roles.join(", "))
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

/// Docs text in a cell of a rustdoc table: safe for rustdoc, and a `|`
/// cannot start another cell.
fn table_cell(text: &str) -> String {
    super::doc_text::rustdoc_safe(text).replace('|', "\\|")
}

fn grant_cells(grant: &SchemePermissions) -> String {
    match grant {
        SchemePermissions::Listed { least, higher } => {
            let h = if higher.is_empty() {
                "none".to_string()
            } else {
                table_cell(&higher.join(", "))
            };
            format!("{} | {}", table_cell(&least.join(", ")), h)
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
    fn docs_text_in_a_table_cell_stays_in_its_cell() {
        assert_eq!(
            table_cell("For [a] user | or <group>"),
            r"For \[a\] user \| or \<group>"
        );
        assert_eq!(table_cell("User.Read.All"), "User.Read.All");
    }

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
