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

/// Why text is not a request path, for the diagnostic that skips it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAPath {
    /// Nothing after the host, version or `~`.
    NoPath,
    /// A control character, `<`, `>` or `"` (an angle placeholder that is
    /// not a plain name: `/users/<a b>`).
    Unprintable,
    /// A `(` that never closes, or a `)` that opens nothing.
    Parentheses,
    /// A `}` that opens nothing, a `{` left open, or one inside another.
    Braces,
    /// A segment of dots only (`...` for any depth, `..`).
    Dots,
    /// Two slashes in a row.
    EmptySegment,
    /// More than `MAX_SEGMENTS` segments.
    TooDeep,
    /// A second method word before the path (`GET GET /users`): read as
    /// text, it became a first segment (`/GET/users`).
    MethodTwice,
}

/// The most segments a request path may have. The docs' deepest have 11
/// (`/workbook/worksheets/{id}/charts/{name}/axes/seriesAxis/majorgridlines/format/line/clear`);
/// every segment is a builder one level below the last, and a path of
/// thousands overflowed the emitter's stack.
pub const MAX_SEGMENTS: usize = 64;

impl std::fmt::Display for NotAPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAPath::NoPath => "there is no path after the host",
            NotAPath::Unprintable => "it holds a control character, `<`, `>` or `\"`",
            NotAPath::Parentheses => "a parenthesis is not closed or opens nothing",
            NotAPath::Braces => "a brace lost its partner (or sits inside another)",
            NotAPath::Dots => "a segment is only dots",
            NotAPath::EmptySegment => "it has an empty segment (`//`)",
            NotAPath::TooDeep => return write!(f, "it has more than {MAX_SEGMENTS} segments"),
            NotAPath::MethodTwice => "it starts with a second HTTP method",
        })
    }
}

/// A request path with one brace or parenthesis lost, put back where the
/// segment ends: `/groups/{group-id/drive/items/{item-id}/follow`
/// (driveitem-follow.md) is `/groups/{group-id}/drive/...`,
/// `.../workforceIntegrations/workforceIntegrationId}`
/// (workforceintegration-get.md) `.../{workforceIntegrationId}`, and
/// `range(address='<address>'/entireRow` (range-entirerow.md)
/// `range(address='<address>')/entireRow`. Only a segment's own pair is
/// put back (never inside quotes), and only when the result normalises.
pub fn repair_pairs(target: &str) -> Option<(String, NormalPath)> {
    let mut out = String::with_capacity(target.len() + 2);
    let (mut brace, mut paren, mut quoted) = (false, false, false);
    let mut segment_start = 0;
    let mut repaired = false;
    for c in target.trim().chars() {
        match c {
            '\'' => quoted = !quoted,
            '/' | '?' if !quoted => {
                if brace {
                    out.push('}');
                    repaired = true;
                }
                if paren {
                    out.push(')');
                    repaired = true;
                }
                brace = false;
                paren = false;
                out.push(c);
                segment_start = out.len();
                continue;
            }
            '{' if !quoted => brace = true,
            '}' if !quoted && !brace => {
                out.insert(segment_start, '{');
                repaired = true;
            }
            '}' if !quoted => brace = false,
            '(' if !quoted => paren = true,
            ')' if !quoted => paren = false,
            _ => {}
        }
        out.push(c);
    }
    if !repaired {
        return None;
    }
    let p = normalise(&out)?;
    Some((out, p))
}

/// Normalises a path or URL from the docs. Returns `None` for text that is
/// not a request path.
pub fn normalise(target: &str) -> Option<NormalPath> {
    normalise_or_why(target).ok()
}

/// [`normalise`], saying why when the text is not a request path.
pub fn normalise_or_why(target: &str) -> Result<NormalPath, NotAPath> {
    let mut t = target.trim().trim_matches('`').trim();
    if request_line(t).is_some() {
        return Err(NotAPath::MethodTwice);
    }
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
    // Excel pages write a placeholder in angle brackets:
    // `range(address='<address>')` is `range(address='{address}')`.
    let braced;
    if t.contains('<') {
        braced = angle_placeholders_braced(t);
        t = &braced;
    }
    // The query string, outside of braces and quotes.
    let (path_part, query) = split_query(t);
    let mut path = String::with_capacity(path_part.len() + 1);
    let mut parameters = Vec::new();
    let mut rest = path_part;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            // A placeholder, up to its closing brace or the end.
            let (inner, next) = after.split_once('}').unwrap_or((after, ""));
            rest = next;
            match placeholder(inner) {
                Some(parameter) => {
                    path.push('{');
                    path.push_str(&parameter.name);
                    for alternative in &parameter.alternatives {
                        path.push_str(" | ");
                        path.push_str(alternative);
                    }
                    path.push('}');
                    parameters.push(parameter);
                }
                None => path.push_str("{}"),
            }
        } else {
            // Literal text up to the next placeholder, whitespace dropped.
            let end = rest.find('{').unwrap_or(rest.len());
            let run = &rest[..end];
            if run.bytes().any(|b| b.is_ascii_whitespace()) || !run.is_ascii() {
                path.extend(run.chars().filter(|c| !c.is_whitespace()));
            } else {
                path.push_str(run);
            }
            rest = &rest[end..];
        }
    }
    if !path.starts_with('/') {
        if path.is_empty() || path.starts_with('{') && version.is_none() && !path.contains('/') {
            return Err(NotAPath::NoPath);
        }
        path.insert(0, '/');
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    if path.len() <= 1 {
        return Err(NotAPath::NoPath);
    }
    if path
        .chars()
        .any(|c| c.is_control() || c == '<' || c == '>' || c == '"')
    {
        return Err(NotAPath::Unprintable);
    }
    if !parentheses_balance(&path) {
        return Err(NotAPath::Parentheses);
    }
    if path.contains("({") || path.contains("('{") {
        path = keys_as_segments(&path);
    }
    if !braces_balance(&path) {
        return Err(NotAPath::Braces);
    }
    // `.../messages/{id}` (message-list-attachments.md) stands for any
    // depth of child folders: no path Graph serves (it became a builder
    // step that sent `/...`); `..` climbs out.
    if path
        .split('/')
        .any(|s| !s.is_empty() && s.bytes().all(|b| b == b'.'))
    {
        return Err(NotAPath::Dots);
    }
    if !path
        .split('/')
        .skip(1)
        .all(|s| !s.is_empty() || path.contains(":/"))
    {
        return Err(NotAPath::EmptySegment);
    }
    if path.matches('/').count() > MAX_SEGMENTS {
        return Err(NotAPath::TooDeep);
    }
    Ok(NormalPath {
        path,
        parameters,
        query: query.map(str::to_string),
        version,
    })
}

/// OData's key in parentheses as the segment the other pages write:
/// `/workbook/worksheets({id | name})/names` (worksheet-list-names.md,
/// 2019) is `/workbook/worksheets/{id | name}/names`, as 2020 writes it.
/// Only a lone placeholder, quoted or not, after a plural name (a
/// collection: Graph names its entity sets and collection properties so):
/// a function's arguments are named (`range(address='{address}')`), and
/// one the docs write positionally (`range({address})`,
/// rangeformatprotection pages) is still a function call.
fn keys_as_segments(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let key = segment
                .strip_suffix(')')
                .and_then(|s| s.split_once('('))
                .filter(|(name, _)| {
                    name.ends_with('s') && name.chars().all(|c| c.is_ascii_alphanumeric())
                })
                .and_then(|(name, inside)| {
                    let inside = inside
                        .strip_prefix('\'')
                        .and_then(|k| k.strip_suffix('\''))
                        .unwrap_or(inside);
                    let lone = inside.len() > 2
                        && inside.starts_with('{')
                        && inside.ends_with('}')
                        && !inside[1..inside.len() - 1].contains(['{', '}', '=', ',']);
                    lone.then(|| format!("{name}/{inside}"))
                });
            key.unwrap_or_else(|| segment.to_string())
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether every `(` closes, in order, outside quoted text:
/// `range(address='{address}'/entireRow` (range-entirerow.md) does not.
fn parentheses_balance(path: &str) -> bool {
    let mut depth = 0usize;
    let mut quoted = false;
    for b in path.bytes() {
        match b {
            b'\'' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// Whether every `}` closes a `{`, with none nested or left open:
/// `/teamwork/workforceIntegrations/workforceIntegrationId}`
/// (workforceintegration-get.md, 2020) lost its opening brace, and its
/// last segment would be sent as written.
fn braces_balance(path: &str) -> bool {
    let mut open = false;
    for b in path.bytes() {
        match b {
            b'{' if open => return false,
            b'{' => open = true,
            b'}' if !open => return false,
            b'}' => open = false,
            _ => {}
        }
    }
    !open
}

/// `<name>` as `{name}`, for names of letters, digits, `-` and `_`; other
/// angle brackets stay (and make the path invalid).
fn angle_placeholders_braced(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('>') {
            out.push('{');
            out.push_str(&after[..name_len]);
            out.push('}');
            rest = &after[name_len + 1..];
        } else {
            out.push('<');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The parameter a `{...}` placeholder names (`id | userPrincipalName`:
/// `id`, with one alternative), or `None` when it names none.
fn placeholder(inner: &str) -> Option<PathParameter> {
    let mut names = inner.split('|').map(str::trim).filter(|s| !s.is_empty());
    Some(PathParameter {
        name: names.next()?.to_string(),
        alternatives: names.map(str::to_string).collect(),
    })
}

/// A documented path whose function arguments the docs wrote as sample
/// values (`getActivitiesByInterval(startDateTime='2017-01-01')`,
/// `rowsAbove(count=n)`, `image(width=640)`) gets a parameter named after
/// each such argument (`startDateTime='{startDateTime}'`, `count={count}`),
/// so that callers pass their own value rather than the sample. Arguments
/// written as placeholders stay as they are, and so do positional ones
/// (keys such as `('id')`). Only for paths the docs document: an example's
/// URL keeps its values.
pub fn parameterise_arguments(p: NormalPath) -> NormalPath {
    if !p.path.contains('(') {
        return p;
    }
    let mut path = String::with_capacity(p.path.len() + 16);
    let mut rest = p.path.as_str();
    while let Some(open) = rest.find('(') {
        path.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let Some(close) = closing_paren(inside) else {
            rest = inside;
            break;
        };
        for (i, argument) in split_arguments(&inside[..close]).into_iter().enumerate() {
            if i > 0 {
                path.push(',');
            }
            match sample_argument(argument) {
                Some((name, quoted)) if quoted => {
                    path.push_str(&format!("{name}='{{{name}}}'"));
                }
                Some((name, _)) => path.push_str(&format!("{name}={{{name}}}")),
                None => path.push_str(argument),
            }
        }
        path.push(')');
        rest = &inside[close + 1..];
    }
    path.push_str(rest);
    let parameters = path
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').and_then(|(inner, _)| placeholder(inner)))
        .collect();
    NormalPath {
        path,
        parameters,
        ..p
    }
}

/// Where the `)` that closes an argument list starts, outside quotes.
pub(crate) fn closing_paren(inside: &str) -> Option<usize> {
    let mut quote = false;
    inside.char_indices().find_map(|(i, c)| match c {
        '\'' => {
            quote = !quote;
            None
        }
        ')' if !quote => Some(i),
        _ => None,
    })
}

/// `a='x,y',b={b}` to `a='x,y'` and `b={b}`: commas outside quotes and
/// braces.
pub(crate) fn split_arguments(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quote, mut depth, mut start) = (false, 0u32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '\'' => quote = !quote,
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if !quote && depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}

/// A named argument whose value is a sample, not a placeholder: its name,
/// and whether the value is quoted (an OData string).
fn sample_argument(argument: &str) -> Option<(&str, bool)> {
    let (name, value) = argument.split_once('=')?;
    let name_ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !name_ok || value.is_empty() || value.contains(['{', '}']) {
        return None;
    }
    let quoted = value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'');
    Some((name, quoted))
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
    // Text outside braces is copied a run at a time.
    let mut rest = path;
    while let Some(i) = rest.bytes().position(|b| b == b'{' || b == b'}') {
        if depth <= 0 {
            push_lowercase(&mut out, &rest[..i]);
        }
        if rest.as_bytes()[i] == b'{' {
            depth += 1;
            if depth == 1 {
                out.push_str("{}");
            }
        } else {
            depth -= 1;
        }
        rest = &rest[i + 1..];
    }
    if depth <= 0 {
        push_lowercase(&mut out, rest);
    }
    out
}

fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// Whether a concrete path (from an example URL, parsed once and tried on
/// many templates) fits a documented path template, by the same rules as
/// `permissions::for_request` in the generated crate (see [`crate::route`]).
pub fn fits(template: &str, target: &crate::route::Target) -> bool {
    crate::route::specificity(template, target).is_some()
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
    fn a_key_in_parentheses_is_a_segment() {
        // worksheet-list-names.md (2019); 2020 writes the segment.
        let p = normalise("/workbook/worksheets({id|name})/names").unwrap();
        assert_eq!(p.path, "/workbook/worksheets/{id | name}/names");
        assert_eq!(p.parameters.len(), 1);
        assert_eq!(
            normalise("/me/events('{id}')/attachments").unwrap().path,
            "/me/events/{id}/attachments"
        );
        // Functions keep their parentheses: named, several, or none.
        for kept in [
            "/workbook/worksheets/{id}/range(address='{address}')",
            "/workbook/worksheets/{id}/range({address})/format/protection",
            "/reports/getEmailActivityCounts(period='{period_value}')",
            "/me/drive/search(q='{search-text}')",
            "/groups/delta()",
            "/workbook/functions/f({a},{b})",
        ] {
            assert_eq!(normalise(kept).unwrap().path, kept, "{kept}");
        }
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
    fn sample_function_arguments_become_parameters() {
        let template = |t: &str| parameterise_arguments(normalise(t).unwrap());
        let p = template("/drives/{drive-id}/items/{item-id}/getActivitiesByInterval(startDateTime='2017-01-01',endDateTime='2017-01-10',interval='day')");
        assert_eq!(
            p.path,
            "/drives/{drive-id}/items/{item-id}/getActivitiesByInterval(startDateTime='{startDateTime}',endDateTime='{endDateTime}',interval='{interval}')"
        );
        let names: Vec<&str> = p.parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "drive-id",
                "item-id",
                "startDateTime",
                "endDateTime",
                "interval"
            ]
        );
        // Unquoted samples and placeholders that are not braced.
        assert_eq!(
            template("/workbook/worksheets/{id | name}/charts/{name}/image(width=640,height=480,fittingMode='fit')").path,
            "/workbook/worksheets/{id | name}/charts/{name}/image(width={width},height={height},fittingMode='{fittingMode}')"
        );
        assert_eq!(
            template("/me/drive/root/workbook/worksheets/{id}/range/rowsAbove(count=n)").path,
            "/me/drive/root/workbook/worksheets/{id}/range/rowsAbove(count={count})"
        );
        // Placeholders, quoted commas and parentheses, and paths without
        // arguments stay as they are (a key in parentheses becomes a
        // segment: `a_key_in_parentheses_is_a_segment`).
        for kept in [
            "/reports/getEmailActivityCounts(period='{period_value}')",
            "/me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{timezone_format}')",
            "/me/drive/root/workbook/worksheets/{id}/range(address={address})/visibleView",
            "/me/messages",
        ] {
            let p = template(kept);
            assert_eq!(p.path, kept);
            assert_eq!(p, normalise(kept).unwrap());
        }
        assert_eq!(
            template("/sites/root/f(a='x,(y)',b=2)/children").path,
            "/sites/root/f(a='{a}',b={b})/children"
        );
        // Unbalanced text is no path; given one anyway, the parameterising
        // leaves it alone, without panicking.
        for unbalanced in ["/a/f(x=1", "/a/f(x='1)"] {
            assert!(normalise(unbalanced).is_none());
            let p = NormalPath {
                path: unbalanced.to_string(),
                parameters: Vec::new(),
                query: None,
                version: None,
            };
            assert_eq!(parameterise_arguments(p).path, unbalanced);
        }
    }

    #[test]
    fn noise_is_rejected_with_its_reason() {
        // Each from a real page of 2020, or the shape of one.
        for (text, why) in [
            ("https://graph.microsoft.com", NotAPath::NoPath),
            ("", NotAPath::NoPath),
            ("https://graph.microsoft.com/v1.0/", NotAPath::NoPath),
            ("/users/<a b>", NotAPath::Unprintable),
            // range-entirerow.md
            (
                "/workbook/worksheets/{id}/range(address='{address}'/entireRow",
                NotAPath::Parentheses,
            ),
            // workforceintegration-get.md
            (
                "/teamwork/workforceIntegrations/workforceIntegrationId}",
                NotAPath::Braces,
            ),
            // driveitem-follow.md
            (
                "/groups/{group-id/drive/items/{item-id}/follow",
                NotAPath::Braces,
            ),
            // message-list-attachments.md
            (
                "/me/mailFolders/{id}/childFolders/.../messages/{id}",
                NotAPath::Dots,
            ),
            ("/me//messages", NotAPath::EmptySegment),
            // `GET GET /users`: no `/GET/users`.
            ("GET /users", NotAPath::MethodTwice),
            (
                "patch https://graph.microsoft.com/v1.0/me",
                NotAPath::MethodTwice,
            ),
        ] {
            assert_eq!(normalise_or_why(text), Err(why), "{text:?}");
            assert_eq!(normalise(text), None);
        }
        // `root:/` addressing may leave a segment empty.
        assert!(normalise_or_why("/me/drive/root:/folder//file.txt:/content").is_ok());
        // As deep as a path may be, and one segment deeper.
        let deep = |n: usize| (0..n).map(|i| format!("/s{i}")).collect::<String>();
        assert!(normalise_or_why(&deep(MAX_SEGMENTS)).is_ok());
        assert_eq!(
            normalise_or_why(&deep(MAX_SEGMENTS + 1)),
            Err(NotAPath::TooDeep)
        );
    }

    #[test]
    fn angle_bracket_placeholders_are_placeholders() {
        // range-get.md and 35 more Excel pages of 2020.
        let p = normalise("/workbook/worksheets/{id|name}/range(address='<address>')/format")
            .map(|p| (p.path, p.parameters.len()));
        assert_eq!(
            p,
            Some((
                "/workbook/worksheets/{id | name}/range(address='{address}')/format".into(),
                2
            ))
        );
        let p = normalise("/workbook/worksheets/{id}/range(address='<address>')").unwrap();
        assert_eq!(
            p.path,
            "/workbook/worksheets/{id}/range(address='{address}')"
        );
        assert_eq!(p.parameters[1].name, "address");
        // Anything else in angle brackets is no path, and neither is one
        // whose parenthesis never closes (range-entirerow.md).
        assert!(normalise("/users/<a b>").is_none());
        assert!(normalise("/users/<>").is_none());
        assert!(normalise("/a<b").is_none());
        assert!(
            normalise("/workbook/worksheets/{id}/range(address='<address>'/entireRow").is_none()
        );
        assert!(normalise("/workbook/worksheets/{id}/range)(").is_none());
        // A quoted parenthesis does not count.
        assert!(normalise("/drive/root/search(q='(draft')").is_some());
        // An ellipsis or `..` is no segment.
        assert!(normalise("/me/mailFolders/{id}/childFolders/{id}/.../messages/{id}").is_none());
        assert!(normalise("/me/drive/../items").is_none());
        assert!(normalise("/me/drive/root:/a.txt:").is_some());
        // A brace that lost its partner: the segment would be sent as
        // written (workforceintegration-get.md), or a parameter named
        // `group-id/drive/items/{item-id` made (driveitem-follow.md).
        assert!(normalise("/teamwork/workforceIntegrations/workforceIntegrationId}").is_none());
        assert!(normalise("/groups/{group-id/drive/items/{item-id}/follow").is_none());
        assert!(normalise("/users/{id}/events/{event-id}").is_some());
        // Put back where the segment ends, they are paths (page.rs says so
        // with D0405).
        let repaired = |t: &str| repair_pairs(t).map(|(text, p)| (text, p.path));
        assert_eq!(
            repaired("/teamwork/workforceIntegrations/workforceIntegrationId}"),
            Some((
                "/teamwork/workforceIntegrations/{workforceIntegrationId}".into(),
                "/teamwork/workforceIntegrations/{workforceIntegrationId}".into()
            ))
        );
        assert_eq!(
            repaired("/groups/{group-id/drive/items/{item-id}/follow").map(|r| r.1),
            Some("/groups/{group-id}/drive/items/{item-id}/follow".into())
        );
        assert_eq!(
            repaired("/workbook/worksheets/{id|name}/range(address='<address>'/entireRow")
                .map(|r| r.0),
            Some("/workbook/worksheets/{id|name}/range(address='<address>')/entireRow".into())
        );
        // Nothing lost, or a slash inside quotes: nothing put back.
        assert_eq!(repaired("/users/{id}/events"), None);
        assert_eq!(repaired("/drive/root:/a/b:/content"), None);
        assert_eq!(repaired("/x/range(address='a/b'"), None);
        // A placeholder that runs to the end of the line is closed there.
        assert_eq!(
            normalise("/users/{id").map(|p| p.path).as_deref(),
            Some("/users/{id}")
        );
    }

    #[test]
    fn path_keys_match_a_char_by_char_reading() {
        // The reading path_key replaced: one char at a time.
        fn by_char(path: &str) -> String {
            let mut out = String::new();
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
                    _ => out.extend(c.to_lowercase()),
                }
            }
            out
        }
        let alphabet = ['{', '}', 'A', 'b', '/', 'É', 'ß'];
        for case in crate::testing::every_string(&alphabet, 6) {
            assert_eq!(path_key(&case), by_char(&case), "{case:?}");
        }
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
        let template_matches =
            |template: &str, concrete: &str| fits(template, &crate::route::Target::parse(concrete));
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
