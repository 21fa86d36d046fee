//! Hand-written tests of the generated permission metadata (no generated
//! header, so regen keeps this file). The tables of both versions and
//! every area are needed.
#![cfg(all(feature = "v1", feature = "beta", feature = "full"))]

use graph_generated::permissions::{self, for_request, names, Access, Scheme};

const OPERATION: &str = "beta_get_users_by_id_authentication_operations_by_id";

#[test]
fn a_upn_url_resolves_to_the_authentication_operations_endpoint() {
    let found = for_request(
        "GET",
        "https://graph.microsoft.com/beta/users/alice@contoso.com/authentication/operations/42",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].operation.id, OPERATION);
    assert_eq!(
        found[0].path,
        "/users/{id | userPrincipalName}/authentication/operations/{id}"
    );
    let least = found[0].least_privileged(Scheme::DelegatedWork);
    assert!(!least.is_empty());
    assert!(least
        .iter()
        .flat_map(|s| s.permissions)
        .flat_map(|r| r.permissions())
        .all(|p| p.name.starts_with("UserAuthenticationMethod.")));
}

#[test]
fn me_and_case_and_query_resolve_too() {
    for url in [
        "/beta/me/authentication/operations/42",
        "/BETA/USERS/42/Authentication/Operations/7/",
        "beta/users/42/authentication/operations/7?$select=status",
    ] {
        let found = for_request("get", url);
        assert_eq!(found.first().map(|m| m.operation.id), Some(OPERATION), "{url}");
    }
    assert!(for_request("GET", "/beta/me/authentication/operations/42")[0].via_me_alias);
    // Without a version both versions' operations are candidates.
    let both: Vec<_> = for_request("GET", "/me/authentication/operations/42")
        .iter()
        .map(|m| m.operation.version)
        .collect();
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(for_request("GET", "/groups/1/authentication/operations/42").is_empty());
    assert!(for_request("DELETE", "/beta/users/1/authentication/operations/42").is_empty());
}

#[test]
fn a_token_is_checked_before_sending() {
    let op = permissions::operation(OPERATION).expect("documented");
    match op.check(Scheme::DelegatedWork, ["openid", "userauthenticationmethod.read.all"]) {
        Access::Allowed { requirement, .. } => {
            assert_eq!(requirement.permissions(), [names::USER_AUTHENTICATION_METHOD_READ_ALL])
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        op.check(Scheme::DelegatedWork, ["User.Read"]),
        Access::Missing { .. }
    ));
    assert_eq!(op.check(Scheme::Application, ["User.Read.All"]), Access::NotSupported);
}

#[test]
fn permission_names_know_their_schemes() {
    let p = permissions::permission("RoleManagementAlert.Read.Directory").expect("named in spec/");
    assert!(p.covers(Scheme::Application));
    assert!(!p.covers(Scheme::DelegatedPersonal));
    assert_eq!(p, names::ROLE_MANAGEMENT_ALERT_READ_DIRECTORY);
    assert!(permissions::permission("No.Such.Permission").is_none());
}

#[test]
fn every_table_reads_and_every_documented_path_finds_its_operation() {
    use graph_generated::permissions::operations;
    let ops: Vec<_> = operations().collect();
    assert!(ops.len() >= 20, "only {} operations read", ops.len());
    let ids: std::collections::BTreeSet<&str> = ops.iter().map(|op| op.id).collect();
    assert_eq!(ids.len(), ops.len(), "operation ids repeat");
    for op in &ops {
        assert!(!op.paths.is_empty() && !op.sources.is_empty(), "{}", op.id);
        for path in op.paths {
            let url = path.replace("{id | userPrincipalName}", "someone@contoso.com");
            if let Err(e) = finds_its_operation(op, &url) {
                panic!("{e}");
            }
        }
    }
}

/// Whether `url` finds `op` among the operations it could be.
fn finds_its_operation(op: &permissions::OperationPermissions, url: &str) -> Result<(), String> {
    let found = for_request(op.method, url);
    if found.iter().any(|m| m.operation.id == op.id) {
        return Ok(());
    }
    let ids: Vec<_> = found.iter().map(|m| m.operation.id).collect();
    Err(format!("{} {url} finds {ids:?}", op.method))
}

mod properties {
    use graph_generated::permissions::{for_request, operations};
    use graph_generated::support::Version;
    use proptest::prelude::*;

    /// Each `{...}` parameter of a documented path filled with `key`.
    fn fill(template: &str, key: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            match rest[open..].find('}') {
                Some(close) => {
                    out.push_str(key);
                    rest = &rest[open + close + 1..];
                }
                None => {
                    rest = &rest[open..];
                    break;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Text a caller might pass as a URL: anything, and near misses of
    /// real ones (escapes, parentheses, quotes, colons, doubled slashes).
    fn url_like() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-zA-Z0-9/:?#%()'=.,$@{}| -]{0,60}",
            "(https://graph.microsoft.com)?/(v1.0|beta|BETA)?(/[a-zA-Z%()':.]{0,12}){0,8}/?(\\?[$a-z=&%]{0,20})?",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_method_and_url_is_answered_without_a_panic(method in "[A-Za-z]{0,8}", url in url_like()) {
            for found in for_request(&method, &url) {
                prop_assert!(found.operation.method.eq_ignore_ascii_case(&method));
            }
        }

        /// Every documented path, its parameters filled with any key, in
        /// any case, under its version and with a query string, finds its
        /// own operation among the candidates.
        #[test]
        fn a_filled_documented_path_finds_its_operation(
            pick in any::<prop::sample::Index>(),
            key in "[A-Za-z0-9._~@-]{1,16}",
            upper in any::<bool>(),
            query in "(\\?\\$select=[a-z]{1,8})?",
        ) {
            let ops: Vec<_> = operations().collect();
            let op = pick.get(&ops);
            let version = match op.version {
                Version::V1 => "v1.0",
                Version::Beta => "beta",
            };
            for path in op.paths {
                // Workbook pages document paths below the drive item that
                // holds the workbook, which a request names first.
                let item = if path.to_ascii_lowercase().starts_with("/workbook") { "/me/drive/items/{id}" } else { "" };
                let path = format!("{item}{path}");
                let path = if upper { path.to_uppercase() } else { path };
                let url = format!("https://graph.microsoft.com/{version}{}{query}", fill(&path, &key));
                if let Err(e) = super::finds_its_operation(op, &url) {
                    return Err(TestCaseError::fail(e));
                }
            }
        }
    }
}
