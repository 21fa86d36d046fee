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
use super::{ApiVersion, Model, Operation, Response, Source, TypeAt};
use crate::parse::http::fits;
use crate::parse::http::path_key;
use crate::route::Target;
use std::collections::{BTreeMap, HashMap, HashSet};

type Key = (ApiVersion, String);

/// Splits the property endpoints off every operation, and keeps the
/// operations in the merge's order.
pub fn split(ops: &mut Vec<(Operation, Vec<ProseStates>)>, models: &BTreeMap<Key, Model>) {
    let mut split_off: Vec<(Operation, Vec<ProseStates>)> = Vec::new();
    for i in 0..ops.len() {
        let op = &ops[i].0;
        if op.endpoints.len() < 2 || !one_method(op) {
            continue;
        }
        // A read only: what an update of a property takes and returns the
        // page does not say apart from the whole.
        let property_paths = if op.endpoints[0].method == "GET" {
            property_endpoints(op, models)
        } else {
            Vec::new()
        };
        for (property, endpoints) in property_paths {
            let (op, _) = &mut ops[i];
            split_off.push((
                move_endpoints(
                    op,
                    endpoints,
                    (&property.type_name, property.collection),
                    &property.source,
                ),
                Vec::new(),
            ));
        }
        let op = &ops[i].0;
        if pairs(op).next().is_none() {
            continue;
        }
        // What the parents read, by the operations that read them; asked
        // only when an operation lists a path and one of its properties.
        let parents: Vec<&str> = pairs(op).map(|(_, parent, _)| parent).collect();
        let read_at = types_read(ops, op.version, &parents);
        if let Some((owner, source, endpoints)) = whole_endpoints(&ops[i].0, models, &read_at) {
            let (op, _) = &mut ops[i];
            let documented = op.response.type_name.clone();
            let mut whole = move_endpoints(op, endpoints, (&owner, false), &source);
            if whole.request_body.type_name.is_some() && whole.request_body.type_name == documented
            {
                whole.request_body.type_name = Some(owner);
            }
            split_off.push((whole, Vec::new()));
        }
    }
    if split_off.is_empty() {
        return;
    }
    ops.extend(split_off);
    super::merge::sort(ops);
}

/// Whether every endpoint of `op` has one method.
fn one_method(op: &Operation) -> bool {
    op.endpoints
        .iter()
        .all(|e| e.method == op.endpoints[0].method)
}

/// The endpoints of `op` one segment below another of them, each with
/// that parent and the segment.
fn pairs(op: &Operation) -> impl Iterator<Item = (&super::Endpoint, &str, &str)> {
    // Each endpoint's parent is looked up among all of them: in a set when
    // they are many, as a page of thousands of request lines took a minute
    // comparing each with all. Only looked up, never iterated.
    let listed: Option<HashSet<(&str, &str)>> =
        (op.endpoints.len() > crate::unique::SCANNED).then(|| {
            op.endpoints
                .iter()
                .map(|o| (o.method.as_str(), o.path.as_str()))
                .collect()
        });
    op.endpoints.iter().filter_map(move |e| {
        let (parent, segment) = e.path.rsplit_once('/')?;
        let is_name = segment
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && segment.chars().all(|c| c.is_ascii_alphanumeric());
        let parent_listed = match &listed {
            Some(set) => set.contains(&(e.method.as_str(), parent)),
            None => op
                .endpoints
                .iter()
                .any(|o| o.method == e.method && o.path == parent),
        };
        (is_name && parent_listed).then_some((e, parent, segment))
    })
}

/// Moves `endpoints` of `op`, with the examples that request them, to an
/// operation of their own that returns `type_name` (a collection or not,
/// as a page says at `source`).
fn move_endpoints(
    op: &mut Operation,
    endpoints: Vec<super::Endpoint>,
    (type_name, collection): (&str, bool),
    source: &Source,
) -> Operation {
    {
        // Each of the operation's endpoints is looked for among those that
        // move: by method and path first, as there may be thousands of
        // each. Only looked up, never iterated.
        let mut moving: HashMap<(&str, &str), Vec<&super::Endpoint>> = HashMap::new();
        for e in &endpoints {
            moving
                .entry((e.method.as_str(), e.path.as_str()))
                .or_default()
                .push(e);
        }
        op.endpoints.retain(|e| {
            !moving
                .get(&(e.method.as_str(), e.path.as_str()))
                .is_some_and(|same| same.contains(&e))
        });
    }
    let (examples, kept) = std::mem::take(&mut op.examples).into_iter().partition(|e| {
        e.request.as_ref().is_some_and(|r| {
            let target = Target::parse(&r.url);
            endpoints.iter().any(|ep| fits(&ep.path, &target))
        })
    });
    op.examples = kept;
    // A type a moved example gave is this operation's word, not the
    // page's: `automaticRepliesSetting` no longer conflicts with
    // `mailboxSettings`.
    let (moved, stay): (Vec<TypeAt>, Vec<TypeAt>) = std::mem::take(&mut op.response.other_types)
        .into_iter()
        .partition(|t| {
            examples
                .iter()
                .any(|e: &super::Example| e.source == t.source)
        });
    op.response.other_types = stay;
    let other_types = moved
        .into_iter()
        .filter(|t| !t.type_name.eq_ignore_ascii_case(type_name))
        .collect();
    let first = &endpoints[0];
    let id = super::operation_ids::operation_id(op.version, &first.method, &first.path);
    // The id came from a moved endpoint: the rest take theirs from what
    // they keep.
    if op.id == id {
        if let Some(kept) = op.endpoints.first() {
            op.id = super::operation_ids::operation_id(op.version, &kept.method, &kept.path);
        }
    }
    Operation {
        id,
        endpoints,
        examples,
        response: Response {
            type_name: Some(type_name.to_string()),
            collection,
            type_source: Some(source.clone()),
            other_types,
            named_in_prose: None,
            ..op.response.clone()
        },
        ..op.clone()
    }
}

/// A path's first segment: what skips most endpoints without a key.
fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// The single type each of `paths` (of `version`) reads, by the `GET`
/// operations that list it (paths compared as the merge compares them);
/// `None` where two operations disagree.
fn types_read(
    ops: &[(Operation, Vec<ProseStates>)],
    version: ApiVersion,
    paths: &[&str],
) -> BTreeMap<Key, Option<(String, Source)>> {
    let keys: Vec<String> = paths.iter().map(|p| path_key(p)).collect();
    let firsts: Vec<&str> = paths.iter().map(|p| first_segment(p)).collect();
    let mut read: BTreeMap<Key, Option<(String, Source)>> = BTreeMap::new();
    for (op, _) in ops.iter().filter(|(op, _)| op.version == version) {
        let Some(ty) = op
            .response
            .type_name
            .as_ref()
            .filter(|_| !op.response.collection)
        else {
            continue;
        };
        for e in op.endpoints.iter().filter(|e| e.method == "GET") {
            let segment = first_segment(&e.path);
            if !firsts.iter().any(|f| f.eq_ignore_ascii_case(segment)) {
                continue;
            }
            let key = path_key(&e.path);
            if !keys.contains(&key) {
                continue;
            }
            read.entry((op.version, key))
                .and_modify(|known| {
                    if known.as_ref().is_some_and(|(t, _)| t != ty) {
                        *known = None;
                    }
                })
                .or_insert_with(|| Some((ty.clone(), e.source.clone())));
        }
    }
    read
}

/// The endpoints of `op` whose path is the whole of which the type `op`
/// documents is one property: listitem-update.md lists `PATCH
/// .../items/{item-id}` and `PATCH .../items/{item-id}/fields`, and
/// documents a `fieldValueSet`, what a listItem's `fields` holds. The
/// parent path reads a listItem (listitem-get.md): it takes and returns
/// one. With the owner type and where a page says the path reads it.
fn whole_endpoints(
    op: &Operation,
    models: &BTreeMap<Key, Model>,
    read_at: &BTreeMap<Key, Option<(String, Source)>>,
) -> Option<(String, Source, Vec<super::Endpoint>)> {
    let documented = op.response.type_name.as_ref()?;
    let mut found: Option<(String, Source, Vec<super::Endpoint>)> = None;
    for (_, parent, segment) in pairs(op) {
        let Some(Some((owner, source))) = read_at.get(&(op.version, path_key(parent))) else {
            continue;
        };
        let holds_documented = base_chain(models, op.version, owner).iter().any(|t| {
            models.get(&(op.version, t.clone())).is_some_and(|m| {
                m.properties.iter().any(|p| {
                    p.name.eq_ignore_ascii_case(segment)
                        && !p.collection
                        && p.type_name.eq_ignore_ascii_case(documented)
                })
            })
        });
        if !holds_documented || owner.eq_ignore_ascii_case(documented) {
            continue;
        }
        let parents = op.endpoints.iter().filter(|e| e.path == parent).cloned();
        match &mut found {
            None => found = Some((owner.clone(), source.clone(), parents.collect())),
            Some((o, _, endpoints)) if o == owner => {
                for p in parents {
                    if !endpoints.contains(&p) {
                        endpoints.push(p);
                    }
                }
            }
            // Parents of two types: no reading of this page.
            Some(_) => return None,
        }
    }
    // The documented type keeps at least one endpoint.
    found.filter(|(_, _, endpoints)| endpoints.len() < op.endpoints.len())
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
    for (e, _, segment) in pairs(op) {
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
