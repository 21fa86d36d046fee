//! Endpoints that read one property of what their operation returns.
//! user-get-mailboxsettings.md lists `GET /me/mailboxSettings` and, in
//! the same section, `GET /me/mailboxSettings/timeZone`,
//! `.../automaticRepliesSetting` and five more: one page, one operation,
//! and every one of those paths returned `MailboxSettings`, where Graph
//! answers with the property alone (`{"value": "Pacific Standard Time"}`,
//! an `automaticRepliesSetting`). Each property's endpoints become an
//! operation of their own that returns the property's type, with the
//! examples that request them; the rest of the page's facts (permissions,
//! query options, headers) hold for them too.

use super::merge::ProseStates;
use super::models::base_chain;
use super::{ApiVersion, Model, Operation, Response, TypeAt};
use crate::parse::http::fits;
use crate::route::Target;
use std::collections::BTreeMap;

type Key = (ApiVersion, String);

/// Splits the property endpoints off every operation, and keeps the
/// operations in the merge's order.
pub fn split(ops: &mut Vec<(Operation, Vec<ProseStates>)>, models: &BTreeMap<Key, Model>) {
    let mut split_off: Vec<(Operation, Vec<ProseStates>)> = Vec::new();
    for (op, _) in ops.iter_mut() {
        // A read only: what an update of a property takes and returns the
        // page does not say apart from the whole.
        if op.endpoints.len() < 2 || op.endpoints.iter().any(|e| e.method != "GET") {
            continue;
        }
        for (property, endpoints) in property_endpoints(op, models) {
            op.endpoints.retain(|e| !endpoints.contains(e));
            let (examples, kept) = std::mem::take(&mut op.examples).into_iter().partition(|e| {
                e.request.as_ref().is_some_and(|r| {
                    let target = Target::parse(&r.url);
                    endpoints.iter().any(|ep| fits(&ep.path, &target))
                })
            });
            op.examples = kept;
            // A type a moved example gave is this operation's word, not
            // the page's: `automaticRepliesSetting` no longer conflicts
            // with `mailboxSettings`.
            let (moved, stay): (Vec<TypeAt>, Vec<TypeAt>) =
                std::mem::take(&mut op.response.other_types)
                    .into_iter()
                    .partition(|t| {
                        examples
                            .iter()
                            .any(|e: &super::Example| e.source == t.source)
                    });
            op.response.other_types = stay;
            let other_types = moved
                .into_iter()
                .filter(|t| !t.type_name.eq_ignore_ascii_case(&property.type_name))
                .collect();
            let first = &endpoints[0];
            split_off.push((
                Operation {
                    id: super::merge::operation_id(op.version, &first.method, &first.path),
                    endpoints,
                    examples,
                    response: Response {
                        type_name: Some(property.type_name.clone()),
                        collection: property.collection,
                        type_source: Some(property.source.clone()),
                        other_types,
                        named_in_prose: None,
                        ..op.response.clone()
                    },
                    ..op.clone()
                },
                Vec::new(),
            ));
        }
    }
    if split_off.is_empty() {
        return;
    }
    ops.extend(split_off);
    super::merge::sort(ops);
}

/// The endpoints of `op` that are another of its endpoints plus one
/// segment naming a property of the type `op` returns (or of its bases),
/// grouped by that property.
fn property_endpoints(
    op: &Operation,
    models: &BTreeMap<Key, Model>,
) -> Vec<(super::Property, Vec<super::Endpoint>)> {
    let Some(ty) = &op.response.type_name else {
        return Vec::new();
    };
    // Only endpoints one segment below another are asked about; most
    // operations have none, and need no base chain.
    let mut chain: Option<Vec<String>> = None;
    let mut property_named = |segment: &str| {
        let chain = chain.get_or_insert_with(|| base_chain(models, op.version, ty));
        chain.iter().find_map(|t| {
            models
                .get(&(op.version, t.clone()))?
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(segment))
                .cloned()
        })
    };
    let mut groups: Vec<(super::Property, Vec<super::Endpoint>)> = Vec::new();
    for e in &op.endpoints {
        let Some((parent, segment)) = e.path.rsplit_once('/') else {
            continue;
        };
        let is_name = segment
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && segment.chars().all(|c| c.is_ascii_alphanumeric());
        let parent_listed = op
            .endpoints
            .iter()
            .any(|o| o.method == e.method && o.path == parent);
        if !is_name || !parent_listed {
            continue;
        }
        let Some(property) = property_named(segment) else {
            continue;
        };
        match groups.iter_mut().find(|(p, _)| p.name == property.name) {
            Some((_, endpoints)) => endpoints.push(e.clone()),
            None => groups.push((property, vec![e.clone()])),
        }
    }
    groups
}
