//! `/me` is Graph's name for `/users/{id}` of the signed-in user, and the
//! docs document most user paths both ways, some only one way. The
//! builders fold the two: `/me/...` paths join the `/users/{id}` tree, and
//! `root().me()` returns that tree's builder at `/me`. So `me()` and
//! `users().by_user_id(id)` reach every path documented for either, with
//! one builder type per path instead of two.

use super::requests::{ChainCall, Step};

/// Whether a path starts at `/me`.
pub(super) fn starts_at_me(steps: &[Step]) -> bool {
    matches!(steps.first(), Some(Step::Literal(t)) if t.eq_ignore_ascii_case("me"))
}

/// `/me/...` as `/users/{id}/...`; other paths as they are.
pub(super) fn fold(mut steps: Vec<Step>) -> Vec<Step> {
    if starts_at_me(&steps) {
        steps.splice(
            0..1,
            [
                Step::Literal("users".into()),
                Step::Key {
                    name: "id".into(),
                    alternatives: Vec::new(),
                },
            ],
        );
    }
    steps
}

/// A chain through `users().by_x(id)` as one through `me()` (the root's
/// method named `me`); `None` for a chain that does not start so.
pub(super) fn via_me(me: &str, calls: &[ChainCall]) -> Option<Vec<ChainCall>> {
    let [users, by_key, rest @ ..] = calls else {
        return None;
    };
    if users.arguments != 0 || by_key.arguments != 1 {
        return None;
    }
    let mut out = vec![ChainCall {
        method: me.to_string(),
        arguments: 0,
    }];
    out.extend(rest.iter().cloned());
    Some(out)
}

/// `/users/{id}/rest` as `/me/rest` (documented path text); `None` for a
/// path that does not start at a user.
pub fn alias(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/users/")?;
    let (key, rest) = rest.split_once('/').unwrap_or((rest, ""));
    if !(key.starts_with('{') && key.ends_with('}')) {
        return None;
    }
    Some(if rest.is_empty() {
        "/me".to_string()
    } else {
        format!("/me/{rest}")
    })
}

/// Whether a documented path (text) starts at `/me`.
pub fn is_me_path(path: &str) -> bool {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    first.eq_ignore_ascii_case("me")
}

#[cfg(test)]
mod tests {
    use super::super::requests::steps;
    use super::*;

    #[test]
    fn me_paths_fold_into_the_users_tree() {
        let folded = fold(steps("/me/messages/{id}"));
        let again = steps("/users/{id}/messages/{id}");
        assert_eq!(format!("{folded:?}"), format!("{again:?}"));
        // Other paths, and `me` further along, stay.
        assert_eq!(
            format!("{:?}", fold(steps("/groups/{id}/me"))),
            format!("{:?}", steps("/groups/{id}/me"))
        );
        assert!(starts_at_me(&steps("/ME/drive")));
        assert!(!starts_at_me(&steps("/messages")));
    }

    #[test]
    fn user_paths_have_a_me_alias() {
        assert_eq!(
            alias("/users/{id | userPrincipalName}/drive/root:/{item-path}:").as_deref(),
            Some("/me/drive/root:/{item-path}:")
        );
        assert_eq!(alias("/users/{id}").as_deref(), Some("/me"));
        assert_eq!(alias("/users/delta"), None);
        assert_eq!(alias("/users"), None);
        assert_eq!(alias("/groups/{id}/members"), None);
        assert!(is_me_path("/me/drive") && is_me_path("/Me") && !is_me_path("/messages"));
    }
}
