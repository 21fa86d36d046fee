//! One spelling per function argument and version. The docs write one
//! argument of one function three ways: `range(address='{address}')`, an
//! OData string as every example sends it; `range(address={address})`
//! (workbookrange-visibleview.md); and `range(<address>)`
//! (formatprotection-get.md). Read as written, those were three builder
//! methods (`range_with_address`, `_2`, `_3`) and three operations for
//! one path. Where a version's pages quote an argument of a function, its
//! unquoted and its unnamed spellings are read as quoted, with `D0404`.

use super::merge::{dedup_endpoints, Draft};
use super::ApiVersion;
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::http::{closing_paren, split_arguments};
use std::collections::BTreeSet;

/// (version, function, argument), lowercased: an argument some page
/// writes as a quoted placeholder, `name='{name}'`.
type Quoted = BTreeSet<(ApiVersion, String, String)>;

/// Respells the drafts' endpoints and their keys.
pub fn unify(drafts: &mut [Draft], diags: &mut Vec<Diagnostic>) {
    let mut quoted = Quoted::new();
    for d in drafts.iter() {
        for e in d.endpoints.iter().filter(|e| e.path.contains('(')) {
            rewrite_calls(&e.path, |function, arguments| {
                for argument in arguments {
                    let Some((name, value)) = argument.split_once('=') else {
                        continue;
                    };
                    let value = value.trim();
                    let inner = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\''));
                    if inner.and_then(placeholder).is_some() {
                        quoted.insert((d.version, lower(function), lower(name.trim())));
                    }
                }
                None
            });
        }
    }
    if quoted.is_empty() {
        return;
    }
    for d in drafts.iter_mut() {
        let mut changed = false;
        for e in d.endpoints.iter_mut() {
            if !e.path.contains('(') {
                continue;
            }
            let version = d.version;
            let mut calls = Vec::new();
            let Some(path) = rewrite_calls(&e.path, |function, arguments| {
                let new = respell(&quoted, version, function, arguments)?;
                calls.push(format!(
                    "`{function}({})` as `{function}({})`",
                    arguments.join(","),
                    new.join(",")
                ));
                Some(new)
            }) else {
                continue;
            };
            diags.push(Diagnostic::new(
                Code::ArgumentSpelling,
                &*e.source.file,
                e.source.line,
                format!(
                    "read {}, as other pages of {} quote the argument",
                    calls.join(" and "),
                    version.as_str()
                ),
            ));
            e.path = path;
            changed = true;
        }
        if changed {
            // New keys; two spellings on one page are now one endpoint.
            (d.endpoints, d.keys) = dedup_endpoints(std::mem::take(&mut d.endpoints));
        }
    }
}

/// The arguments of one call as the version quotes them, if any changed.
fn respell(
    quoted: &Quoted,
    version: ApiVersion,
    function: &str,
    arguments: &[&str],
) -> Option<Vec<String>> {
    let is_quoted = |name: &str| quoted.contains(&(version, lower(function), lower(name.trim())));
    let mut changed = false;
    let respelled = arguments
        .iter()
        .map(|argument| {
            let new = match argument.split_once('=') {
                // `address={address}`
                Some((name, value)) if placeholder(value).is_some() && is_quoted(name) => {
                    Some(format!("{}='{}'", name.trim(), value.trim()))
                }
                // `{address}`, the only argument.
                None if arguments.len() == 1 => placeholder(argument)
                    .filter(|name| is_quoted(name))
                    .map(|name| format!("{name}='{}'", argument.trim())),
                _ => None,
            };
            changed |= new.is_some();
            new.unwrap_or_else(|| argument.to_string())
        })
        .collect();
    changed.then_some(respelled)
}

/// The name of a lone `{name}` placeholder (not `{a | b}`).
fn placeholder(value: &str) -> Option<&str> {
    let inner = value.trim().strip_prefix('{')?.strip_suffix('}')?.trim();
    let plain = !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then_some(inner)
}

fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// `path` with the argument lists of its calls (`name(...)`) replaced
/// where `respell(name, arguments)` gives new ones; `None` if none did.
fn rewrite_calls(
    path: &str,
    mut respell: impl FnMut(&str, &[&str]) -> Option<Vec<String>>,
) -> Option<String> {
    let mut out = String::with_capacity(path.len() + 8);
    let mut changed = false;
    let mut rest = path;
    while let Some(open) = rest.find('(') {
        let before = &rest[..open];
        let name_start = before
            .char_indices()
            .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let inside = &rest[open + 1..];
        let Some(close) = closing_paren(inside) else {
            break;
        };
        out.push_str(&rest[..=open]);
        match respell(&before[name_start..], &split_arguments(&inside[..close])) {
            Some(arguments) => {
                out.push_str(&arguments.join(","));
                changed = true;
            }
            None => out.push_str(&inside[..close]),
        }
        out.push(')');
        rest = &inside[close + 1..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(pairs: &[(&str, &str)]) -> Quoted {
        pairs
            .iter()
            .map(|(f, a)| (ApiVersion::V1, lower(f), lower(a)))
            .collect()
    }

    fn respelled(quoted: &Quoted, path: &str) -> Option<String> {
        rewrite_calls(path, |f, args| respell(quoted, ApiVersion::V1, f, args))
    }

    #[test]
    fn unquoted_and_unnamed_arguments_are_quoted_as_elsewhere() {
        let q = quoted(&[("range", "address")]);
        assert_eq!(
            respelled(&q, "/w/{id}/range(address={address})/visibleView").as_deref(),
            Some("/w/{id}/range(address='{address}')/visibleView")
        );
        assert_eq!(
            respelled(&q, "/w/{id | name}/Range({address})/format").as_deref(),
            Some("/w/{id | name}/Range(address='{address}')/format")
        );
        // Already quoted, another function, a literal value, a number.
        assert_eq!(respelled(&q, "/w/range(address='{address}')"), None);
        assert_eq!(respelled(&q, "/w/cell(row={row},column={column})"), None);
        assert_eq!(respelled(&q, "/w/range(address=A1)"), None);
        assert_eq!(respelled(&q, "/users('{id}')"), None);
        // A numeric argument no page quotes stays bare.
        let q = quoted(&[("range", "address")]);
        assert_eq!(respelled(&q, "/w/itemAt(index={n})"), None);
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        let q = quoted(&[("f", "a"), ("é", "a")]);
        for path in [
            "/é(a={a})",
            "/xé(a={a})",
            "(",
            ")(",
            "/f(",
            "/f('{a}",
            "/ü/f({a})",
            "/f(a={a}",
            "/(a={a})",
        ] {
            let _ = respelled(&q, path);
        }
        assert_eq!(respelled(&q, "/ü/f({a})").as_deref(), Some("/ü/f(a='{a}')"));
    }

    #[test]
    fn only_the_named_argument_of_a_call_with_several_changes() {
        let q = quoted(&[("f", "a")]);
        assert_eq!(
            respelled(&q, "/x/f(a={a},b={b})/y(a={a})").as_deref(),
            Some("/x/f(a='{a}',b={b})/y(a={a})")
        );
        // A positional argument among several is not named.
        assert_eq!(respelled(&q, "/x/f({a},{b})"), None);
    }
}
