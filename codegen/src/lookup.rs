//! Which documented operation a concrete request is, over the IR: the same
//! matching ([`crate::route`]) that the generated crate's
//! `permissions::for_request` uses. `cargo xtask perms` and the corpus
//! report are built on it.

use crate::ir::{ApiVersion, Ir, Operation};
use crate::route::{self, Found, Route};

/// An operation that fits a request, with how it fit.
pub struct RequestMatch<'a> {
    pub operation: &'a Operation,
    pub template: &'a str,
    pub specificity: u32,
    pub via_me_alias: bool,
}

/// Every endpoint of the IR as a route; `item` is the operation's index.
pub fn routes(ir: &Ir) -> Vec<Route<'_, usize>> {
    ir.operations
        .iter()
        .enumerate()
        .flat_map(|(i, op)| {
            op.endpoints.iter().map(move |e| Route {
                version: op.version.as_str(),
                method: e.method.as_str(),
                template: e.path.as_str(),
                item: i,
            })
        })
        .collect()
}

/// The operations `method url` may be, most specific first.
pub fn for_request<'a>(
    ir: &'a Ir,
    routes: &[Route<'a, usize>],
    method: &str,
    url: &str,
) -> Vec<RequestMatch<'a>> {
    route::find(routes, method, url)
        .into_iter()
        .map(|f: Found<'a, usize>| RequestMatch {
            operation: &ir.operations[f.item],
            template: f.template,
            specificity: f.specificity,
            via_me_alias: f.via_me_alias,
        })
        .collect()
}

/// The answer of `cargo xtask perms` for one match, as JSON.
#[derive(serde::Serialize)]
pub struct MatchReport<'a> {
    pub operation: &'a str,
    pub version: ApiVersion,
    pub method: &'a str,
    pub path: &'a str,
    pub via_me_alias: bool,
    pub sources: Vec<String>,
    pub permissions: &'a [crate::ir::PermissionSet],
}

impl<'a> RequestMatch<'a> {
    pub fn report(&self, method: &'a str) -> MatchReport<'a> {
        MatchReport {
            operation: &self.operation.id,
            version: self.operation.version,
            method,
            path: self.template,
            via_me_alias: self.via_me_alias,
            sources: self
                .operation
                .sources
                .iter()
                .map(|s| s.to_string())
                .collect(),
            permissions: &self.operation.permissions,
        }
    }
}

/// The matches as text: the operation, its source pages, and each scope's
/// least and higher privileged permissions per scheme.
pub fn describe(matches: &[RequestMatch<'_>]) -> String {
    use crate::ir::{SchemePermissions, SchemeStatus};
    use std::fmt::Write;
    let mut out = String::new();
    if matches.is_empty() {
        out.push_str("no documented operation fits this request\n");
    }
    if matches.len() > 1 {
        let _ = writeln!(out, "{} candidates, most specific first\n", matches.len());
    }
    for m in matches {
        let op = m.operation;
        let _ = writeln!(out, "{} ({})", op.id, op.version.as_str());
        let _ = writeln!(
            out,
            "  path:    {} {}{}",
            op.endpoints[0].method,
            m.template,
            if m.via_me_alias {
                "  (/me read as /users/{id})"
            } else {
                ""
            }
        );
        for (i, s) in op.sources.iter().enumerate() {
            let _ = writeln!(out, "  {}  {s}", if i == 0 { "source:" } else { "       " });
        }
        if op.permissions.is_empty() {
            let _ = writeln!(out, "  permissions: not documented");
        }
        for set in &op.permissions {
            let _ = writeln!(
                out,
                "  scope: {}",
                set.scope.as_deref().unwrap_or("(the whole operation)")
            );
            for (scheme, grant) in set.schemes() {
                let text = match grant {
                    SchemePermissions::Listed { least, higher } => {
                        let mut t = format!("least: {}", least.join(", "));
                        if !higher.is_empty() {
                            t.push_str(&format!("; higher: {}", higher.join(", ")));
                        }
                        t
                    }
                    SchemePermissions::Status(SchemeStatus::NotSupported) => "not supported".into(),
                    SchemePermissions::Status(SchemeStatus::Unknown) => "unknown".into(),
                };
                let _ = writeln!(out, "    {:<40} {text}", scheme.label());
            }
            if !set.admin_roles.is_empty() {
                let _ = writeln!(out, "    admin roles: {}", set.admin_roles.join(", "));
            }
        }
        out.push('\n');
    }
    out
}

/// An example request URL that does not resolve to its own operation.
pub struct Unresolved<'a> {
    pub operation: &'a Operation,
    pub method: &'a str,
    pub url: &'a str,
    pub source: &'a crate::ir::Source,
    /// What it resolved to instead, best first.
    pub instead: Vec<&'a str>,
}

/// Example request URLs of operations with permissions: how many resolve
/// back to their own operation (first, or tied for first), and the others.
pub fn examples_resolving(ir: &Ir) -> (usize, Vec<Unresolved<'_>>) {
    let routes = routes(ir);
    let mut hits = 0;
    let mut misses = Vec::new();
    for op in ir.operations.iter().filter(|o| !o.permissions.is_empty()) {
        for req in op.examples.iter().filter_map(|e| e.request.as_ref()) {
            if !route::Target::parse(&req.url).is_graph() {
                continue; // a callback to a bot, a download URL
            }
            let found = for_request(ir, &routes, &req.method, &req.url);
            let best = found.first().map(|m| m.specificity);
            if found
                .iter()
                .any(|m| Some(m.specificity) == best && std::ptr::eq(m.operation, op))
            {
                hits += 1;
            } else {
                misses.push(Unresolved {
                    operation: op,
                    method: &req.method,
                    url: &req.url,
                    source: &req.source,
                    instead: found.iter().map(|m| m.operation.id.as_str()).collect(),
                });
            }
        }
    }
    (hits, misses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Target;

    fn ir_of(pages: &[(&str, &str)]) -> Ir {
        let files = pages
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let loader = crate::parse::Loader::memory(files);
        let names: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
        crate::build_ir(crate::parse_pages(&loader, &names))
    }

    fn api_page(title: &str, method: &str, paths: &[&str]) -> String {
        format!(
            "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
             ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|User.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n\
             ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n",
            paths
                .iter()
                .map(|p| format!("{method} {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }

    fn ids(ir: &Ir, method: &str, url: &str) -> Vec<String> {
        let routes = routes(ir);
        for_request(ir, &routes, method, url)
            .iter()
            .map(|m| m.operation.id.clone())
            .collect()
    }

    fn sample() -> Ir {
        ir_of(&[
            (
                "beta/api/authenticationoperation-get.md",
                &api_page(
                    "Get operation",
                    "GET",
                    &["/users/{id | userPrincipalName}/authentication/operations/{id}"],
                ),
            ),
            (
                "beta/api/user-get.md",
                &api_page("Get user", "GET", &["/users/{id | userPrincipalName}"]),
            ),
            (
                "beta/api/user-list-messages.md",
                &api_page(
                    "List messages",
                    "GET",
                    &["/me/messages", "/users/{id}/messages"],
                ),
            ),
            (
                "beta/api/message-get.md",
                &api_page("Get message", "GET", &["/users/{id}/messages/{id}"]),
            ),
            (
                "beta/api/message-delta.md",
                &api_page("Message delta", "GET", &["/users/{id}/messages/delta"]),
            ),
            (
                "beta/api/range.md",
                &api_page(
                    "Get range",
                    "GET",
                    &["/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')"],
                ),
            ),
            (
                "beta/api/driveitem-get-content.md",
                &api_page("Get content", "GET", &["/me/drive/root:/{item-path}:/content"]),
            ),
        ])
    }

    #[test]
    fn a_upn_key_case_and_trailing_slash() {
        let ir = sample();
        let want = ["beta_get_users_by_id_authentication_operations_by_id"];
        assert_eq!(
            ids(
                &ir,
                "GET",
                "https://graph.microsoft.com/beta/users/alice@contoso.com/authentication/operations/42"
            ),
            want
        );
        assert_eq!(
            ids(&ir, "get", "/BETA/Users/x/AUTHENTICATION/operations/42/"),
            want
        );
        assert_eq!(
            ids(
                &ir,
                "GET",
                "/users/x/authentication/operations/42?$select=status"
            ),
            want
        );
        // A guest UPN, percent-encoded as one segment.
        assert_eq!(
            ids(&ir, "GET", "/users/alice_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com/authentication/operations/1"),
            want
        );
    }

    #[test]
    fn a_key_in_parentheses_is_a_segment_and_a_function_call_is_not() {
        // multivaluelegacyextendedproperty-get.md (2020) writes
        // `/me/events('AAMk...')`: OData's key syntax.
        let ir = sample();
        assert_eq!(
            ids(
                &ir,
                "GET",
                "/users('alice@contoso.com')/messages('AAMkAGE=')?$select=subject"
            ),
            ["beta_get_users_by_id_messages_by_id"]
        );
        assert_eq!(
            ids(&ir, "GET", "/users(42)/messages"),
            ["beta_get_me_messages"]
        );
        // Named arguments stay one segment: the range, not `range/...`.
        assert_eq!(
            ids(
                &ir,
                "GET",
                "/me/drive/items/1/workbook/worksheets('Sheet1')/range(address='A1:B2')"
            ),
            ["beta_get_me_drive_items_by_id_workbook_worksheets_by_id_range"]
        );
        // No arguments: still the function (first, before a message
        // whose id would be `delta()`), not `delta/`.
        assert_eq!(
            ids(&ir, "GET", "/users/x/messages/delta()")
                .first()
                .map(String::as_str),
            Some("beta_get_users_by_id_messages_delta")
        );
    }

    #[test]
    fn me_falls_back_to_users_when_only_users_is_documented() {
        let ir = sample();
        assert_eq!(
            ids(&ir, "GET", "/me/authentication/operations/7"),
            ["beta_get_users_by_id_authentication_operations_by_id"]
        );
        // `/me/messages` is documented itself.
        assert_eq!(ids(&ir, "GET", "/me/messages"), ["beta_get_me_messages"]);
    }

    #[test]
    fn several_candidates_most_specific_first() {
        let ir = sample();
        let got = ids(&ir, "GET", "/users/x/messages/delta");
        assert_eq!(
            got,
            [
                "beta_get_users_by_id_messages_delta",
                "beta_get_users_by_id_messages_by_id"
            ]
        );
    }

    #[test]
    fn functions_with_arguments_and_item_paths() {
        let ir = sample();
        assert_eq!(
            ids(
                &ir,
                "GET",
                "/me/drive/items/1/workbook/worksheets/Sheet1/range(address='A1:B2')"
            )
            .len(),
            1
        );
        assert_eq!(
            ids(&ir, "GET", "/me/drive/root:/docs/2020/report.docx:/content").len(),
            1
        );
    }

    #[test]
    fn no_match_and_wrong_method() {
        let ir = sample();
        assert!(ids(&ir, "GET", "/groups/1").is_empty());
        assert!(ids(&ir, "DELETE", "/users/1").is_empty());
        assert!(
            ids(&ir, "GET", "/v1.0/users/1").is_empty(),
            "the IR has beta only"
        );
    }

    #[test]
    fn targets_parse_versions_and_decode_segments() {
        let t = Target::parse("https://graph.microsoft.com/v1.0/users/a%2Fb?$top=1#x");
        assert_eq!(t.version, Some("v1.0"));
        assert_eq!(t.segments, ["users", "a/b"]);
        assert_eq!(Target::parse("~/me").segments, ["me"]);
    }
}
