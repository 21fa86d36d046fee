//! Matching a concrete request URL against documented path templates, as
//! Graph routes it: segments compare case-insensitively, `{id}`-style
//! parameters (`{id | userPrincipalName}` too) match one segment, a
//! parameter inside a segment (`range(address='{address}')`) matches any
//! text there, and `root:/path/to/file:` addressing is one unit.
//!
//! This file is shared: the generator compiles it (for `cargo xtask perms`
//! and the corpus report) and copies it into every generated crate (for
//! `permissions::for_request`), so both answer the same way. It uses only
//! `std` and `percent_encoding`.

/// A request target split into its API version (when the URL names one)
/// and its path segments, percent-decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `"v1.0"` or `"beta"` when the URL starts with one.
    pub version: Option<&'static str>,
    /// Decoded path segments, without the version and the query string.
    pub segments: Vec<String>,
    /// The host, when a full URL was given.
    pub host: Option<String>,
}

impl Target {
    /// Parses a full URL (`https://graph.microsoft.com/beta/me?$select=id`),
    /// a path with or without a version prefix, or a `~/`-relative path.
    pub fn parse(url: &str) -> Target {
        let mut rest = url.trim();
        let mut host = None;
        if let Some(i) = rest.find("://").filter(|&i| !rest[..i].contains('/')) {
            let after = &rest[i + 3..];
            let end = after.find('/').unwrap_or(after.len());
            host = Some(after[..end].to_ascii_lowercase());
            rest = &after[end..];
        }
        rest = rest.strip_prefix('~').unwrap_or(rest);
        let end = rest.find(['?', '#']).unwrap_or(rest.len());
        let path = collapse_item_path(&rest[..end]);
        let mut segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .flat_map(key_in_parentheses)
            .collect();
        let mut version = None;
        if let Some(first) = segments.first() {
            version = match first.to_ascii_lowercase().as_str() {
                // `v1` is a common slip in the docs' own examples.
                "v1.0" | "v1" => Some("v1.0"),
                "beta" => Some("beta"),
                _ => None,
            };
        }
        if version.is_some() {
            segments.remove(0);
        }
        Target {
            version,
            segments,
            host,
        }
    }

    /// Whether the URL is a Microsoft Graph request: a path, or a URL on a
    /// Graph host of any cloud. A bot's callback or a download URL is not.
    pub fn is_graph(&self) -> bool {
        self.host.as_deref().is_none_or(|h| {
            h.starts_with("graph.microsoft.")
                || h.ends_with("graph.microsoft.us")
                || h == "microsoftgraph.chinacloudapi.cn"
        })
    }

    /// The same target with a leading `me` segment read as `users/{id}`:
    /// `/me` is Graph's alias for the signed-in user.
    pub fn me_as_user(&self) -> Option<Target> {
        let first = self.segments.first()?;
        if !first.eq_ignore_ascii_case("me") {
            return None;
        }
        let mut segments = vec!["users".to_string(), "me".to_string()];
        segments.extend(self.segments[1..].iter().cloned());
        Some(Target {
            segments,
            ..self.clone()
        })
    }

    /// The collection itself for `/$count` on a collection, for a cast to
    /// a derived type (`/members/microsoft.graph.user`), or both
    /// (`/members/microsoft.graph.user/$count`): Graph counts and casts any
    /// collection the docs list.
    pub fn as_collection(&self) -> Option<Target> {
        let mut end = self.segments.len();
        if self.segments.last()?.eq_ignore_ascii_case("$count") {
            end -= 1;
        }
        if end > 0 && is_cast(&self.segments[end - 1]) {
            end -= 1;
        }
        if end == self.segments.len() || end == 0 {
            return None;
        }
        Some(Target {
            segments: self.segments[..end].to_vec(),
            ..self.clone()
        })
    }

    /// The other forms Graph routes the target as: `/me` as
    /// `/users/{id}`, a drive's `root` as an item, both, and a collection's
    /// `/$count` or cast as the collection. The first and third read `/me`.
    pub fn aliases(&self) -> [Option<Target>; 4] {
        let me = self.me_as_user();
        [
            me.clone(),
            self.root_as_item(),
            me.and_then(|t| t.root_as_item()),
            self.as_collection(),
        ]
    }

    /// The same target with a drive's `root` (or `root:/path:`) read as
    /// `items/{id}`: Graph addresses the root folder, and items by path,
    /// both ways.
    pub fn root_as_item(&self) -> Option<Target> {
        let i = self.segments.iter().position(|s| {
            let lower = s.to_ascii_lowercase();
            lower == "root" || (lower.starts_with("root:") && lower.ends_with(':'))
        })?;
        let after_drive = i > 0
            && (self.segments[i - 1].eq_ignore_ascii_case("drive")
                || (i > 1 && self.segments[i - 2].eq_ignore_ascii_case("drives")));
        if !after_drive {
            return None;
        }
        let mut segments = self.segments[..i].to_vec();
        segments.push("items".into());
        segments.push("root".into());
        segments.extend(self.segments[i + 1..].iter().cloned());
        Some(Target {
            segments,
            ..self.clone()
        })
    }
}

/// An OData cast segment: a type of Graph's namespace,
/// `microsoft.graph.user`.
fn is_cast(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower.starts_with("microsoft.graph.")
        && lower.len() > "microsoft.graph.".len()
        && lower
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
}

/// One documented endpoint: its version (`"v1.0"` or `"beta"`), method and
/// path template, with whatever the caller wants back (`item`).
#[derive(Clone, Copy, Debug)]
pub struct Route<'a, T> {
    pub version: &'a str,
    pub method: &'a str,
    pub template: &'a str,
    pub item: T,
}

/// A route that fits a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a, T> {
    pub item: T,
    pub version: &'a str,
    pub template: &'a str,
    /// Higher is more specific: literal segments beat parameters.
    pub specificity: u32,
    /// Matched only after reading `/me` as `/users/{id}`.
    pub via_me_alias: bool,
}

/// The routes that fit `method` and `url`, most specific first; one entry
/// per item (its best template). A URL that names a version only matches
/// routes of that version. `/me/...` falls back to `/users/{id}/...` when
/// no route documents the `/me` form itself.
pub fn find<'a, T: Copy + PartialEq>(
    routes: &[Route<'a, T>],
    method: &str,
    url: &str,
) -> Vec<Found<'a, T>> {
    let target = Target::parse(url);
    let mut found = matching(routes, method, &target, false);
    // Aliases, tried only when the documented form does not match.
    for (i, alias) in target.aliases().into_iter().enumerate() {
        if !found.is_empty() {
            break;
        }
        if let Some(alias) = alias {
            found = matching(routes, method, &alias, i == 0 || i == 2);
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.specificity));
    let mut out: Vec<Found<'a, T>> = Vec::new();
    for f in found {
        if !out.iter().any(|o| o.item == f.item) {
            out.push(f);
        }
    }
    out
}

fn matching<'a, T: Copy>(
    routes: &[Route<'a, T>],
    method: &str,
    target: &Target,
    via_me_alias: bool,
) -> Vec<Found<'a, T>> {
    routes
        .iter()
        .filter(|r| r.method.eq_ignore_ascii_case(method))
        .filter(|r| target.version.is_none_or(|v| v == r.version))
        .filter_map(|r| {
            Some(Found {
                item: r.item,
                version: r.version,
                template: r.template,
                specificity: specificity(r.template, target)?,
                via_me_alias,
            })
        })
        .collect()
}

/// OData's other way to address an item: `events('AAMkAGE=')` is
/// `events/AAMkAGE=` (multivaluelegacyextendedproperty-get.md). A function
/// call is not one: its arguments are named (`range(address='A1')`), or
/// none (`delta()`), and a cast or function name has dots.
fn key_in_parentheses(segment: String) -> Vec<String> {
    let split = segment.strip_suffix(')').and_then(|s| s.split_once('('));
    let Some((name, inside)) = split else {
        return vec![segment];
    };
    // A quoted key may hold anything (ids end in `=`); a bare one is a
    // number or a word, never `name=value`.
    let quoted = inside.strip_prefix('\'').and_then(|k| k.strip_suffix('\''));
    let key = match quoted {
        Some(key) => key,
        None if !inside.contains(['=', '(', ')', ',', '\'']) => inside,
        None => return vec![segment],
    };
    if name.is_empty() || key.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return vec![segment];
    }
    vec![name.to_string(), key.to_string()]
}

/// How well a template fits: literal segments count most, partial ones
/// (a parameter inside a segment) less, whole-segment parameters least.
pub fn specificity(template: &str, target: &Target) -> Option<u32> {
    let template = collapse_item_path(template);
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let parts = match parts.first() {
        Some(v) if v.eq_ignore_ascii_case("v1.0") || v.eq_ignore_ascii_case("beta") => &parts[1..],
        _ => &parts[..],
    };
    // Workbook (Excel) pages document paths relative to a drive item:
    // `/workbook/worksheets/{id}` follows `/me/drive/items/{id}`,
    // `/drive/root:/book.xlsx:` and every other way to address the file.
    let segments: &[String] = match parts.first() {
        Some(first) if first.eq_ignore_ascii_case("workbook") => {
            let skip = target.segments.len().checked_sub(parts.len())?;
            if skip == 0 {
                return None;
            }
            &target.segments[skip..]
        }
        _ => &target.segments,
    };
    if parts.len() != segments.len() {
        return None;
    }
    let mut score = 0;
    for (t, c) in parts.iter().zip(segments) {
        score += segment_score(t, c)?;
    }
    Some(score)
}

fn segment_score(template: &str, concrete: &str) -> Option<u32> {
    // A function call: the docs write its arguments as placeholders, as
    // sample values, or not at all; the name decides.
    if template.contains('(') || concrete.contains('(') {
        if let (Some(t), Some(c)) = (function_name(template), function_name(concrete)) {
            if !t.contains('{') {
                return t.eq_ignore_ascii_case(c).then_some(2);
            }
        }
    }
    if !template.contains('{') {
        return template.eq_ignore_ascii_case(concrete).then_some(3);
    }
    if template.starts_with('{') && template.ends_with('}') && template.matches('{').count() == 1 {
        return (!concrete.is_empty()).then_some(1);
    }
    glob(template, concrete).then_some(2)
}

/// `getActivitiesByInterval(startDateTime='2017-01-01')` and
/// `getEffectivePermissions` both name a function; a plain segment is a
/// function name only when the other side has arguments, so this returns the
/// part before `(`, or the whole segment.
fn function_name(segment: &str) -> Option<&str> {
    match segment.find('(') {
        Some(i) if segment.ends_with(')') => Some(&segment[..i]),
        Some(_) => None,
        None => Some(segment),
    }
}

/// Literal pieces in order, case-insensitively; each `{...}` matches any text.
fn glob(template: &str, concrete: &str) -> bool {
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    pieces.push(rest);
    let lower = concrete.to_ascii_lowercase();
    let mut at = 0;
    let last = pieces.len() - 1;
    for (i, piece) in pieces.iter().enumerate() {
        let piece = piece.to_ascii_lowercase();
        if i == 0 {
            if !lower.starts_with(&piece) {
                return false;
            }
            at = piece.len();
        } else if i == last {
            return lower.len() >= at + piece.len() && lower.ends_with(&piece);
        } else {
            match lower[at..].find(&piece) {
                Some(found) => at += found + piece.len(),
                None => return false,
            }
        }
    }
    // One piece only: no parameter at all, handled by the caller.
    at == lower.len()
}

/// `root:/folder/file.txt:/content` and `root:/{item-path}:/content` both
/// become `root:{}:/content`, so a drive item path of any depth is one unit.
fn collapse_item_path(path: &str) -> String {
    let Some(start) = path.find(":/") else {
        return path.to_string();
    };
    match path[start + 1..].find(':') {
        Some(end) => format!("{}:{{}}:{}", &path[..start], &path[start + 1 + end + 1..]),
        None => format!("{}:{{}}", &path[..start]),
    }
}
