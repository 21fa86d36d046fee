//! Request bodies the docs give as a parameter table rather than a type:
//! an action's parameters (`POST /me/sendMail`: `message`,
//! `saveToSentItems`). Each becomes a model of its own, named as the Graph
//! SDKs name it (`sendMailPostRequestBody`), so that the builder takes a
//! typed body instead of a JSON value.
//!
//! An update (`PATCH /users/{id}`) whose page lists the properties it
//! takes gets the model of what it updates instead ([`type_updates`]).
//!
//! Operations with the same action name and the same parameters share one
//! model. When actions of one name take different parameters (`copy` of a
//! drive item and of a notebook), each is named after more of its path:
//! the segment above the action (`itemsCopyPostRequestBody`), then the
//! whole operation id. A name never takes a documented model's or enum's
//! name, in any case.

use super::merge::ProseStates;
use super::{ApiVersion, BodyKind, Model, ModelOrigin, Operation, Property};
use std::collections::{BTreeMap, BTreeSet};

type Key = (ApiVersion, String);

/// The operations (indices) that share one parameter list.
type Sharing<'p> = (&'p [Property], Vec<usize>);

/// Lowercased names a body model must not take: the documented ones that
/// could clash with one, by version.
pub type Taken = BTreeSet<(ApiVersion, String)>;

/// The documented model and enum names (qualified) a body model could
/// take. Every name made here ends in `RequestBody`, so only those that do
/// too are kept (a set of all names was most of the cost of this pass).
pub fn documented_names<'m>(names: impl IntoIterator<Item = &'m Key>) -> Taken {
    names
        .into_iter()
        .map(|(v, name)| (*v, super::simple_name(name)))
        .filter(|(_, short)| ends_with_ignore_case(short, SUFFIX))
        .map(|(v, short)| (v, short.to_ascii_lowercase()))
        .collect()
}

/// Moves the parameter tables of `ops` into models (added to `models`) and
/// names them as the operations' body types. Parameter tables of bodies
/// that already name a type, or that take no JSON, are dropped.
pub fn synthesise(
    ops: &mut [(Operation, Vec<ProseStates>)],
    models: &mut BTreeMap<Key, Model>,
    mut taken: Taken,
) {
    let mut pending: Vec<usize> = Vec::new();
    for (i, (op, _)) in ops.iter_mut().enumerate() {
        let body = &mut op.request_body;
        if body.parameters.is_empty() {
            continue;
        }
        // "Provide a JSON object with the following parameters" names no
        // model: the prose reader takes "object" for an untyped value.
        let names_no_model = body.type_name.as_deref().is_none_or(|t| t == "Edm.Untyped");
        let takes_table = body.kind == BodyKind::Json
            && names_no_model
            && op.endpoints.first().is_some_and(|e| e.method == "POST");
        let is_update = op
            .endpoints
            .first()
            .is_some_and(|e| matches!(e.method.as_str(), "PATCH" | "PUT"));
        if takes_table {
            pending.push(i);
        } else if !(is_update && body.kind == BodyKind::Json && names_no_model) {
            // Updates are typed by [`type_updates`], once models inherit.
            body.parameters.clear();
        }
    }
    for level in 0..3 {
        // Name -> the distinct parameter lists that want it, with their ops.
        let mut wanted: BTreeMap<Key, Vec<Sharing>> = BTreeMap::new();
        for &i in &pending {
            let op = &ops[i].0;
            let name = name_at(op, level);
            let lists = wanted.entry((op.version, name)).or_default();
            let params = op.request_body.parameters.as_slice();
            match lists.iter_mut().find(|(p, _)| same_parameters(p, params)) {
                Some((_, members)) => members.push(i),
                None => lists.push((params, vec![i])),
            }
        }
        let mut named: Vec<(Key, Vec<usize>)> = Vec::new();
        for ((version, name), lists) in wanted {
            let last_level = level == 2;
            let free = !taken.contains(&(version, name.to_ascii_lowercase()));
            if lists.len() == 1 && (free || last_level) {
                let (_, members) = lists.into_iter().next().unwrap_or_default();
                taken.insert((version, name.to_ascii_lowercase()));
                named.push(((version, name), members));
            }
        }
        for ((version, name), members) in named {
            let qualified = format!("microsoft.graph.{name}");
            let description = ops[members[0]]
                .0
                .endpoints
                .first()
                .map(|e| format!("The request body of `{} {}`.", e.method, e.path));
            let mut sources = Vec::new();
            let mut properties = Vec::new();
            for &i in &members {
                let op = &mut ops[i].0;
                let params = std::mem::take(&mut op.request_body.parameters);
                if let Some(p) = params.first() {
                    if !sources.contains(&p.source) {
                        sources.push(p.source.clone());
                    }
                }
                if properties.is_empty() {
                    properties = params;
                }
                op.request_body.type_name = Some(qualified.clone());
            }
            pending.retain(|i| !members.contains(i));
            models.insert(
                (version, qualified.clone()),
                Model {
                    name: qualified,
                    version,
                    origin: ModelOrigin::RequestBody,
                    description,
                    base_type: None,
                    key_property: None,
                    open_type: false,
                    properties,
                    sources,
                },
            );
        }
    }
}

/// An update (`PATCH`, `PUT`) whose page names no body type takes the
/// model of what it updates, when that model has every property the
/// page's table lists: the model the operation returns, or else the one a
/// `GET` of the same path returns. Its table is dropped either way: an
/// update that fits no model keeps a JSON body.
pub fn type_updates(ops: &mut [(Operation, Vec<ProseStates>)], models: &BTreeMap<Key, Model>) {
    // (version, path key) -> what a GET there returns.
    let mut gets: BTreeMap<(ApiVersion, String), String> = BTreeMap::new();
    for (op, _) in ops.iter() {
        let Some(ty) = op
            .response
            .type_name
            .as_ref()
            .filter(|_| !op.response.collection)
        else {
            continue;
        };
        for e in op.endpoints.iter().filter(|e| e.method == "GET") {
            gets.entry((op.version, crate::parse::http::path_key(&e.path)))
                .or_insert_with(|| ty.clone());
        }
    }
    for (op, _) in ops.iter_mut() {
        let parameters = std::mem::take(&mut op.request_body.parameters);
        if parameters.is_empty() {
            continue;
        }
        let returned = op
            .response
            .type_name
            .as_ref()
            .filter(|_| !op.response.collection);
        let got = || {
            op.endpoints
                .iter()
                .find_map(|e| gets.get(&(op.version, crate::parse::http::path_key(&e.path))))
        };
        let fits = |ty: &&String| {
            models.get(&(op.version, (*ty).clone())).is_some_and(|m| {
                parameters.iter().all(|p| {
                    m.properties
                        .iter()
                        .any(|q| q.name.eq_ignore_ascii_case(&p.name))
                })
            })
        };
        let updated = returned
            .filter(fits)
            .or_else(|| got().filter(fits))
            .cloned();
        if let Some(ty) = updated {
            op.request_body.type_name = Some(ty);
        }
    }
}

/// Two tables give the same body: the same names, types and shapes, in
/// the same order.
fn same_parameters(a: &[Property], b: &[Property]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.name == y.name && x.type_name == y.type_name && x.collection == y.collection
        })
}

/// The model name of an operation's body at a naming level: 0 the action
/// (`sendMailPostRequestBody`), 1 the segment above it too
/// (`itemsCopyPostRequestBody`), 2 the operation id.
fn name_at(op: &Operation, level: u8) -> String {
    let method = op.endpoints.first().map_or("POST", |e| e.method.as_str());
    let method = format!(
        "{}{}",
        &method[..1.min(method.len())],
        method.get(1..).unwrap_or("").to_ascii_lowercase()
    );
    let path = op.endpoints.first().map_or("", |e| e.path.as_str());
    let words: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(|s| {
            let s = s.split('(').next().unwrap_or(s);
            s.rsplit('.').next().unwrap_or(s)
        })
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    let stem = match (level, words.as_slice()) {
        (0, [.., last]) => lower_first(last),
        (1, [.., above, last]) => format!("{}{}", lower_first(above), upper_first(last)),
        _ => heck::ToLowerCamelCase::to_lower_camel_case(op.id.as_str()),
    };
    format!("{stem}{method}{SUFFIX}")
}

/// The end of every body model's name.
const SUFFIX: &str = "RequestBody";

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}
