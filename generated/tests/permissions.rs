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
            let found = for_request(op.method, &url);
            assert!(
                found.iter().any(|m| m.operation.id == op.id),
                "{} {url} finds {:?}",
                op.method,
                found.iter().map(|m| m.operation.id).collect::<Vec<_>>()
            );
        }
    }
}
