//! Request lines, paths and HTTP messages as the docs write them.

use crate::ir::PathParameter;

pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A path in its normalised form: leading `/`, no host or version prefix,
/// no query string, parameters written `{a | b}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalPath {
    pub path: String,
    pub parameters: Vec<PathParameter>,
    pub query: Option<String>,
    pub version: Option<crate::ir::ApiVersion>,
}

/// Splits `GET /me/messages HTTP/1.1` into method and target.
pub fn request_line(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim();
    let (method, rest) = line.split_once(char::is_whitespace)?;
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(method))?;
    let target = rest.trim();
    let target = target.strip_suffix("HTTP/1.1").unwrap_or(target).trim();
    (!target.is_empty()).then_some((*method, target))
}

/// Normalises a path or URL from the docs. Returns `None` for text that is
/// not a request path.
pub fn normalise(target: &str) -> Option<NormalPath> {
    let mut t = target.trim().trim_matches('`').trim();
    let mut version = None;
    for host in [
        "https://graph.microsoft.com",
        "http://graph.microsoft.com",
        "https://graph.microsoft.us",
        "https://microsoftgraph.chinacloudapi.cn",
        "https://dod-graph.microsoft.us",
    ] {
        if let Some(rest) = t.strip_prefix(host) {
            t = rest;
        }
    }
    if t.starts_with("http") {
        // Some other host: keep only its path.
        let after_scheme = t.split_once("://").map(|x| x.1).unwrap_or(t);
        t = after_scheme
            .find('/')
            .map(|i| &after_scheme[i..])
            .unwrap_or("");
    }
    t = t.strip_prefix('~').unwrap_or(t);
    for (prefix, v) in [
        ("/v1.0", crate::ir::ApiVersion::V1),
        ("/beta", crate::ir::ApiVersion::Beta),
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                t = rest;
                version = Some(v);
            }
        }
    }
    // The query string, outside of braces and quotes.
    let (path_part, query) = split_query(t);
    let mut path = String::new();
    let mut parameters = Vec::new();
    let mut chars = path_part.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            let mut inner = String::new();
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
                inner.push(c);
            }
            let names: Vec<String> = inner
                .split('|')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if names.is_empty() {
                path.push_str("{}");
                continue;
            }
            path.push('{');
            path.push_str(&names.join(" | "));
            path.push('}');
            parameters.push(PathParameter {
                name: names[0].clone(),
                alternatives: names[1..].to_vec(),
            });
        } else if c.is_whitespace() {
            continue;
        } else {
            path.push(c);
        }
    }
    if !path.starts_with('/') {
        if path.is_empty() || path.starts_with('{') && version.is_none() && !path.contains('/') {
            return None;
        }
        path.insert(0, '/');
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    let ok = path.len() > 1
        && path
            .chars()
            .all(|c| !c.is_control() && c != '<' && c != '>' && c != '"')
        && path
            .split('/')
            .skip(1)
            .all(|s| !s.is_empty() || path.contains(":/"));
    ok.then(|| NormalPath {
        path,
        parameters,
        query: query.map(str::to_string),
        version,
    })
}

fn split_query(t: &str) -> (&str, Option<&str>) {
    let mut depth = 0;
    let mut quote = false;
    for (i, c) in t.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '\'' => quote = !quote,
            '?' if depth <= 0 && !quote => return (&t[..i], Some(&t[i + 1..])),
            _ => {}
        }
    }
    (t, None)
}

/// The merge key of a path: segments compared case-insensitively and
/// parameters by position, so `{id}` and `{id | userPrincipalName}` match.
pub fn path_key(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether a concrete path (from an example URL) fits a documented path
/// template, by the same rules as `permissions::for_request` in the
/// generated crate (see [`crate::route`]).
pub fn template_matches(template: &str, concrete: &str) -> bool {
    crate::route::specificity(template, &crate::route::Target::parse(concrete)).is_some()
}

/// An HTTP message from an example block: first line, headers, body text.
#[derive(Debug, PartialEq)]
pub struct Message<'a> {
    pub first: &'a str,
    pub first_line: usize,
    pub headers: Vec<crate::ir::Header>,
    pub body: Option<(&'a str, usize)>,
}

/// Splits a code block into first line, headers and body (with the 0-based
/// line of the body within the block).
pub fn message(text: &str) -> Option<Message<'_>> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate().peekable();
    // Skip leading blank lines.
    let (first_idx, first) = loop {
        let (i, line) = lines.next()?;
        offset += line.len();
        if !line.trim().is_empty() {
            break (i, line.trim());
        }
    };
    let mut headers = Vec::new();
    let mut body_line = first_idx + 1;
    while let Some((i, line)) = lines.peek().copied() {
        let t = line.trim();
        if t.is_empty() {
            lines.next();
            offset += line.len();
            body_line = i + 1;
            break;
        }
        match t.split_once(':') {
            Some((name, value))
                if !t.starts_with('{')
                    && !t.starts_with('"')
                    && !name.contains(' ')
                    && !name.is_empty() =>
            {
                headers.push(crate::ir::Header {
                    name: name.trim().to_string(),
                    value: value.trim().to_string(),
                });
                lines.next();
                offset += line.len();
                body_line = i + 1;
            }
            _ => break,
        }
    }
    let body = text[offset.min(text.len())..].trim_end();
    let body = (!body.trim().is_empty()).then_some((body, body_line));
    Some(Message {
        first,
        first_line: first_idx,
        headers,
        body,
    })
}

/// The status code of `HTTP/1.1 200 OK`.
pub fn status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    parts.next().filter(|p| p.starts_with("HTTP"))?;
    parts.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ApiVersion;

    #[test]
    fn parameters_with_alternatives_and_spacing() {
        let p =
            normalise("/users/{id|userPrincipalName}/authentication/operations/{ id }").unwrap();
        assert_eq!(
            p.path,
            "/users/{id | userPrincipalName}/authentication/operations/{id}"
        );
        assert_eq!(p.parameters[0].alternatives, vec!["userPrincipalName"]);
    }

    #[test]
    fn full_urls_versions_and_queries_are_normalised() {
        let p = normalise("https://graph.microsoft.com/beta/me/messages?$select=subject").unwrap();
        assert_eq!(p.path, "/me/messages");
        assert_eq!(p.version, Some(ApiVersion::Beta));
        assert_eq!(p.query.as_deref(), Some("$select=subject"));
        assert_eq!(
            normalise("~/me/drive/root/").unwrap().path,
            "/me/drive/root"
        );
    }

    #[test]
    fn function_arguments_and_root_addressing_survive() {
        let p = normalise(
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')",
        )
        .unwrap();
        assert_eq!(p.parameters.len(), 3);
        assert!(p.path.ends_with("range(address='{address}')"));
        assert_eq!(
            normalise("/me/drive/root:/{item-path}:/content")
                .unwrap()
                .path,
            "/me/drive/root:/{item-path}:/content"
        );
    }

    #[test]
    fn noise_is_rejected() {
        assert!(normalise("https://graph.microsoft.com").is_none());
        assert!(normalise("").is_none());
    }

    #[test]
    fn keys_compare_parameters_by_position() {
        assert_eq!(
            path_key("/users/{id | userPrincipalName}/x/{id}"),
            path_key("/Users/{userId}/X/{longRunningOperationId}")
        );
    }

    #[test]
    fn templates_match_concrete_paths() {
        assert!(template_matches(
            "/identityGovernance/roleManagementAlerts/operations/{id}",
            "/identityGovernance/roleManagementAlerts/operations/refresh:DirectoryRole_1"
        ));
        assert!(template_matches(
            "/users/{id | userPrincipalName}/authentication/operations/{id}",
            "/users/{id | userPrincipalName}/authentication/operations/{id}"
        ));
        assert!(!template_matches("/users/{id}", "/users/a/b"));
        assert!(template_matches(
            "/items/{id}/range(address='{address}')",
            "/items/1/range(address='A1:B2')"
        ));
    }

    #[test]
    fn messages_split_into_parts() {
        let m = message("HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n")
            .unwrap();
        assert_eq!(status_line(m.first), Some(200));
        assert_eq!(
            m.headers,
            vec![crate::ir::Header {
                name: "Content-type".into(),
                value: "application/json".into()
            }]
        );
        assert_eq!(m.body, Some(("{\n  \"a\": 1\n}", 3)));
    }
}
