//! The listing: each module's items placed at the path users write,
//! behind the features on the way there, one line each; and read back,
//! line by what it is about.

use super::items::FileApi;
use std::collections::{BTreeMap, BTreeSet};

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
        "# {header}\n# The public API of this crate, one item a line: see codegen/src/surface/.\n# `<kind> <path><signature>`, and `  if <cfg>` when features switch it on.\n"
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
        let parts = match c.strip_prefix("all(").and_then(|r| r.strip_suffix(')')) {
            Some(inner) => split_top(inner),
            None => vec![c.as_str()],
        };
        for p in parts {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
    }
    // `any(a, b, c)` beside `c` says nothing more: a method of one area in
    // the impl of a builder of several is on with that area.
    fn alternatives(part: &str) -> Option<Vec<&str>> {
        part.strip_prefix("any(")
            .and_then(|r| r.strip_suffix(')'))
            .map(split_top)
    }
    let implied: Vec<bool> = unique
        .iter()
        .map(|part| {
            alternatives(part).is_some_and(|any| {
                unique
                    .iter()
                    .any(|other| other != part && any.contains(other))
            })
        })
        .collect();
    let mut implied = implied.into_iter();
    unique.retain(|_| !implied.next().unwrap_or(false));
    match unique.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        many => Some(format!("all({})", many.join(", "))),
    }
}

/// The comma-separated parts of `text` at the top level of its brackets.
pub(super) fn split_top(text: &str) -> Vec<&str> {
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
pub(super) fn key(line: &str) -> &str {
    let body = split_gate(line).0;
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

/// A line as what it says of the item and the `cfg` that switches it on.
pub(super) fn split_gate(line: &str) -> (&str, Option<&str>) {
    match line.split_once("  if ") {
        Some((body, gate)) => (body, Some(gate)),
        None => (line, None),
    }
}

/// A listing read back: its lines by what they are about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub(super) lines: BTreeMap<String, String>,
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
