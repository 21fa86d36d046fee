//! Operation ids: `v1_get_users_by_id`, derived from the version, method
//! and path, then made unique across the tree, with the ids a crate's
//! `names.lock` keeps taken first (see `kept_names`).

use super::merge::ProseStates;
use super::{ApiVersion, Operation};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::http::path_key;

/// Makes the operations' ids (each its `operation_id`, derived by the
/// merge or by the split of property paths) unique, in operation order:
/// the second `x` becomes `x_2`, with a diagnostic. An operation whose
/// page had an id for it in the crate's `names.lock` (`x` or `x_2`) keeps
/// that one first, so that a newcomer is numbered instead of it (see
/// `kept_names`); a kept `x_2` is said like any other while another
/// operation has `x`. An operation with an id the lock does not know keeps
/// the id of the operation that served one of its endpoints, if that one
/// is free.
pub fn assign_ids(
    ops: &mut [(Operation, Vec<ProseStates>)],
    kept: &super::kept_names::KeptNames,
    diags: &mut Vec<Diagnostic>,
) {
    let mut taken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut kept_ids: Vec<Option<String>> = vec![None; ops.len()];
    if kept.keeps_ids() {
        for ((op, _), slot) in ops.iter().zip(&mut kept_ids) {
            let pages = op
                .sources
                .iter()
                .filter_map(|s| super::kept_names::page_name(&s.file));
            let wanted = pages
                .flat_map(|page| kept.ids_for(op.version, page, &op.id))
                .find(|id| !taken.contains(*id));
            if let Some(id) = wanted {
                taken.insert(id.to_string());
                *slot = Some(id.to_string());
            }
        }
        // An operation whose derived id the lock does not know, as after a
        // placeholder's rename, keeps the id of the operation that served
        // one of its endpoints: one no operation derives now (that one
        // would be its own), nor another keeps.
        let derived: std::collections::BTreeSet<(ApiVersion, &str)> = ops
            .iter()
            .map(|(op, _)| (op.version, op.id.as_str()))
            .collect();
        for ((op, _), slot) in ops.iter().zip(&mut kept_ids) {
            if slot.is_some() || kept.knows_id(op.version, &op.id) {
                continue;
            }
            let wanted = op
                .endpoints
                .iter()
                .flat_map(|e| {
                    kept.ids_by_endpoint(op.version, &e.method, &path_key(&e.path))
                        .collect::<Vec<_>>()
                })
                .find(|id| !taken.contains(*id) && !derived.contains(&(op.version, *id)));
            if let Some(id) = wanted {
                taken.insert(id.to_string());
                *slot = Some(id.to_string());
            }
        }
    }
    let mut numbered_by_lock: Vec<(usize, String)> = Vec::new();
    for (i, ((op, _), kept_id)) in ops.iter_mut().zip(kept_ids).enumerate() {
        if let Some(id) = kept_id {
            if id != op.id {
                numbered_by_lock.push((i, std::mem::take(&mut op.id)));
            }
            op.id = id;
            continue;
        }
        let derived = std::mem::take(&mut op.id);
        let id = if taken.contains(&derived) {
            let id = (2..)
                .map(|n| format!("{derived}_{n}"))
                .find(|id| !taken.contains(id))
                .unwrap_or_default();
            diags.push(Diagnostic::at(
                Code::DuplicateOperationId,
                &op.sources[0],
                format!("operation id `{derived}` is taken; this one is `{id}`"),
            ));
            id
        } else {
            derived
        };
        taken.insert(id.clone());
        op.id = id;
    }
    for (i, derived) in numbered_by_lock {
        let op = &ops[i].0;
        if taken.contains(&derived) {
            diags.push(Diagnostic::at(
                Code::DuplicateOperationId,
                &op.sources[0],
                format!("operation id `{derived}` is taken; this one is `{}`", op.id),
            ));
        }
    }
}

/// `beta_get_users_by_id_authentication_operations_by_id`: stable, from the
/// version, method and path.
pub fn operation_id(version: ApiVersion, method: &str, path: &str) -> String {
    // Parts are written straight into the id, each after a `_`; a part that
    // comes out empty (or a bare `by_`) is taken back.
    let mut id = String::with_capacity(path.len() + 16);
    id.push_str(version.id_prefix());
    fn part(id: &mut String, write: impl FnOnce(&mut String)) {
        let mark = id.len();
        id.push('_');
        write(id);
        if id.len() == mark + 1 || &id[mark..] == "_by_" {
            id.truncate(mark);
        }
    }
    part(&mut id, |id| {
        id.extend(method.chars().map(|c| c.to_ascii_lowercase()))
    });
    let mut depth = 0;
    let mut word = String::new();
    let flush = |word: &mut String, id: &mut String| {
        if !word.is_empty() {
            part(id, |id| crate::names::push_snake_case(id, word));
            word.clear();
        }
    };
    let mut param = String::new();
    let mut parens = 0;
    for c in path.chars() {
        if parens > 0 {
            // Function arguments are not part of the id.
            match c {
                '(' => parens += 1,
                ')' => parens -= 1,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                flush(&mut word, &mut id);
                depth += 1;
                param.clear();
            }
            '}' => {
                depth -= 1;
                let name = param.split('|').next().unwrap_or("").trim();
                part(&mut id, |id| {
                    id.push_str("by_");
                    crate::names::push_snake_case(id, name);
                });
            }
            _ if depth > 0 => param.push(c),
            '(' => {
                flush(&mut word, &mut id);
                parens = 1;
            }
            c if c.is_ascii_alphanumeric() => word.push(c),
            _ => flush(&mut word, &mut id),
        }
    }
    flush(&mut word, &mut id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id as it was first written (a vector of parts, joined), to check
    /// the one-buffer version against.
    fn operation_id_by_parts(version: ApiVersion, method: &str, path: &str) -> String {
        let mut parts = vec![
            if version == ApiVersion::Beta {
                "beta".to_string()
            } else {
                "v1".to_string()
            },
            method.to_ascii_lowercase(),
        ];
        let mut depth = 0;
        let mut word = String::new();
        let flush = |word: &mut String, parts: &mut Vec<String>| {
            if !word.is_empty() {
                parts.push(crate::names::snake_case(word));
                word.clear();
            }
        };
        let mut param = String::new();
        let mut parens = 0;
        for c in path.chars() {
            if parens > 0 {
                // Function arguments are not part of the id.
                match c {
                    '(' => parens += 1,
                    ')' => parens -= 1,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => {
                    flush(&mut word, &mut parts);
                    depth += 1;
                    param.clear();
                }
                '}' => {
                    depth -= 1;
                    let name = param.split('|').next().unwrap_or("").trim();
                    parts.push(format!("by_{}", crate::names::snake_case(name)));
                }
                _ if depth > 0 => param.push(c),
                '(' => {
                    flush(&mut word, &mut parts);
                    parens = 1;
                }
                c if c.is_ascii_alphanumeric() => word.push(c),
                _ => flush(&mut word, &mut parts),
            }
        }
        flush(&mut word, &mut parts);
        parts.retain(|p| !p.is_empty() && p != "by_");
        parts.join("_")
    }

    #[test]
    fn operation_ids_are_as_built_from_parts() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            'a', 'B', 'c', 'D', '1', '{', '}', '(', ')', '|', '/', ' ', '_', '-', '.', '$', 'é',
            'Σ',
        ]);
        let texts = prop::collection::vec(alphabet, 0..14)
            .prop_map(|cs| cs.into_iter().collect::<String>());
        let methods = prop::sample::select(vec!["GET", "post", "", "PaTcH", "É"]);
        proptest!(ProptestConfig::with_cases(20_000), |(path in texts, method in methods, beta in any::<bool>())| {
            let version = if beta { ApiVersion::Beta } else { ApiVersion::V1 };
            prop_assert_eq!(
                operation_id(version, method, &path),
                operation_id_by_parts(version, method, &path)
            );
        });
        for path in [
            "/users/{id}/messages",
            "/me/drive/items/{item-id}/workbook/functions/abs",
            "/reports/getEmailActivityCounts(period='{period_value}')",
            "/a}b{c}{}d",
            "/{x|y}/ü",
        ] {
            assert_eq!(
                operation_id(ApiVersion::V1, "GET", path),
                operation_id_by_parts(ApiVersion::V1, "GET", path)
            );
        }
    }

    #[test]
    fn ids_follow_version_method_and_path() {
        assert_eq!(
            operation_id(
                ApiVersion::Beta,
                "GET",
                "/users/{id | userPrincipalName}/authentication/operations/{id}"
            ),
            "beta_get_users_by_id_authentication_operations_by_id"
        );
        assert_eq!(
            operation_id(
                ApiVersion::V1,
                "GET",
                "/me/drive/items/{item-id}/workbook/range(address='{address}')"
            ),
            "v1_get_me_drive_items_by_item_id_workbook_range"
        );
    }
}
