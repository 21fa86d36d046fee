//! Request bodies the docs give as a parameter table rather than a type:
//! an action's parameters (`POST /me/sendMail`: `message`,
//! `saveToSentItems`). Each becomes a model of its own, named as the Graph
//! SDKs name it (`sendMailPostRequestBody`), so that the builder takes a
//! typed body instead of a JSON value.
//!
//! A create or update whose page lists the properties it takes
//! (`POST /groups`, `PATCH /users/{id}`) gets the model of the entity
//! instead, when that model has them all.
//!
//! Operations with the same action name and the same parameters share one
//! model. When actions of one name take different parameters (`copy` of a
//! drive item and of a notebook), each is named after more of its path:
//! the segment above the action (`itemsCopyPostRequestBody`), then the
//! whole operation id. A name never takes a documented model's or enum's
//! name, in any case.

use super::kept_names::KeptNames;
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
        .filter(|(_, short)| crate::parse::resource::strip_suffix_ci(short, SUFFIX).is_some())
        .map(|(v, short)| (v, short.to_ascii_lowercase()))
        .collect()
}

/// Settles every operation whose page gives its body as a table: the
/// model of the entity it creates or updates, when that model has every
/// listed property; else a model made from the table (added to `models`),
/// for an action and for an update whose table lists properties its
/// entity's page does not (securescorecontrolprofile-update.md, 2020:
/// `assignedTo`, `comment`, `state`). Tables of bodies that name their
/// type, or take no JSON, are dropped: the IR keeps no table.
pub fn settle(
    ops: &mut [(Operation, Vec<ProseStates>)],
    models: &mut BTreeMap<Key, Model>,
    taken: Taken,
    kept: &KeptNames,
) {
    let entities = Entities::of(ops);
    // Models by their lowercased simple name, built when a title is asked.
    let mut by_name: Option<BTreeMap<(ApiVersion, String), String>> = None;
    let mut pending: Vec<usize> = Vec::new();
    for (i, (op, _)) in ops.iter_mut().enumerate() {
        if op.request_body.kind == BodyKind::Unstated {
            op.request_body.kind = sent_by_examples(op);
        }
        array_of_items(op, models);
        if op.request_body.parameters.is_empty() {
            tableless(op, &entities, models);
            continue;
        }
        // "Provide a JSON object with the following parameters" names no
        // model: the prose reader takes "object" for an untyped value.
        let body = &op.request_body;
        let names_no_model = body.type_name.as_deref().is_none_or(|t| t == "Edm.Untyped");
        let takes_table = body.kind == BodyKind::Json && names_no_model;
        let method = op.endpoints.first().map_or("", |e| e.method.as_str());
        let entity = takes_table
            .then(|| entities.of_operation(op, method))
            .flatten()
            .filter(|ty| has_every(models, op.version, ty, &body.parameters))
            .or_else(|| {
                let update = takes_table && matches!(method, "PATCH" | "PUT");
                update
                    .then(|| {
                        let by_name = by_name.get_or_insert_with(|| simple_names(models));
                        named_in_title(&op.title, op.version, by_name)
                    })
                    .flatten()
                    .filter(|ty| has_every(models, op.version, ty, &body.parameters))
            });
        let body = &mut op.request_body;
        if let Some(ty) = entity {
            body.type_name = Some(ty);
            body.parameters.clear();
        } else if takes_table && matches!(method, "POST" | "PATCH" | "PUT") {
            pending.push(i);
        } else {
            body.parameters.clear();
        }
    }
    add_body_models(ops, models, taken, pending, kept);
}

/// A body that is an array of items the section's table describes
/// ("supply an array of JSON objects with the id parameter", site-follow.md,
/// 2020) holds the entities the operation returns, when they have every
/// field of the table: the sites to follow, each with its `id`. The
/// example says how the array is sent: under one name (`{"value": [...]}`,
/// a body of that one parameter) or bare.
fn array_of_items(op: &mut Operation, models: &BTreeMap<Key, Model>) {
    let body = &op.request_body;
    if body.items.is_empty() || !body.parameters.is_empty() || body.type_name.is_some() {
        return;
    }
    let Some(ty) = op.response.type_name.clone() else {
        return;
    };
    if !has_every(models, op.version, &ty, &body.items) {
        return;
    }
    let sent = op
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .find_map(|r| match &r.body {
            Some(super::Body::Json(v)) => Some((v, r.source.clone())),
            _ => None,
        });
    let Some((sent, at)) = sent else {
        return;
    };
    let body = &mut op.request_body;
    match sent {
        serde_json::Value::Array(_) => {
            body.type_name = Some(ty);
            body.collection = true;
        }
        serde_json::Value::Object(fields) => {
            let mut arrays = fields.iter().filter(|(_, v)| v.is_array());
            if let (Some((name, _)), None, 1) = (arrays.next(), arrays.next(), fields.len()) {
                body.parameters = vec![Property::new(name, (ty, true), at)];
            }
        }
        _ => {}
    }
}

/// The body a `POST`, `PATCH` or `PUT` takes when no page says (most have
/// no Request body section, or an empty one): what its examples send.
/// JSON objects make a JSON body (subscription-post-subscriptions.md posts
/// a subscription), which [`tableless`] may then type; a body under
/// another content type makes bytes (teamsapp-publish.md sends
/// `application/zip`). Without an example body it stays unstated: the
/// builder of a `POST` then takes no body (workbook actions such as
/// table-delete.md leave the section empty).
fn sent_by_examples(op: &Operation) -> BodyKind {
    let method = op.endpoints.first().map_or("", |e| e.method.as_str());
    if !matches!(method, "POST" | "PATCH" | "PUT") {
        return BodyKind::Unstated;
    }
    // Each example body, with whether its headers leave it to be JSON.
    let sent: Vec<(&super::Body, bool)> = op
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .filter_map(|r| Some((r.body.as_ref()?, super::says_json(&r.headers))))
        .collect();
    if sent.is_empty() {
        BodyKind::Unstated
    } else if sent
        .iter()
        .all(|(body, json)| *json && matches!(body, super::Body::Json(v) if v.is_object()))
    {
        BodyKind::Json
    } else if sent.iter().all(|(_, json)| !json) {
        BodyKind::Bytes
    } else {
        BodyKind::Unstated
    }
}

/// A JSON body the page names no type and lists no properties for: an
/// update ("supply the values for relevant fields that should be
/// updated", group-update-event.md) takes the entity it updates, and a
/// `POST` to a collection ("supply a name for the notebook",
/// onenote-post-notebooks.md) the entity it creates. Anything else stays
/// a JSON value.
fn tableless(op: &mut Operation, entities: &Entities, models: &BTreeMap<Key, Model>) {
    let body = &op.request_body;
    if body.kind != BodyKind::Json
        || body
            .type_name
            .as_deref()
            .is_some_and(|t| t != "Edm.Untyped")
    {
        return;
    }
    let method = op.endpoints.first().map_or("", |e| e.method.as_str());
    if !matches!(method, "PATCH" | "POST") {
        return;
    }
    // The examples must send objects: page-update.md patches a OneNote
    // page with an array of commands, onenote-post-pages.md posts HTML,
    // photo-update.md an image.
    let sends_objects =
        op.examples
            .iter()
            .all(|e| match e.request.as_ref().and_then(|r| r.body.as_ref()) {
                None => true,
                Some(super::Body::Json(v)) => v.is_object(),
                Some(_) => false,
            });
    if !sends_objects {
        return;
    }
    let entity = entities
        .of_operation(op, method)
        .filter(|ty| models.contains_key(&(op.version, ty.clone())));
    if let Some(ty) = entity {
        op.request_body.type_name = Some(ty);
    }
}

/// Names the actions' tables (`pending`, indices into `ops`) level by
/// level (see [`name_at`]) and adds them to `models` as their bodies. At
/// the first level an operation wants the name its body had in the crate
/// (`kept`), and keeps it against newcomers that want it too.
fn add_body_models(
    ops: &mut [(Operation, Vec<ProseStates>)],
    models: &mut BTreeMap<Key, Model>,
    mut taken: Taken,
    mut pending: Vec<usize>,
    kept: &KeptNames,
) {
    for level in 0..3 {
        // Name -> the distinct parameter lists that want it, with their ops.
        let mut wanted: BTreeMap<Key, Vec<Sharing>> = BTreeMap::new();
        for &i in &pending {
            let op = &ops[i].0;
            let name = match kept.get(op.version, &op.id) {
                Some(name) if level == 0 => name.to_string(),
                _ => name_at(op, level),
            };
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
            // The one list whose operations had this name in the crate.
            let keeps = |(_, members): &Sharing| {
                members
                    .iter()
                    .any(|&i| kept.get(version, &ops[i].0.id) == Some(name.as_str()))
            };
            let chosen = if lists.len() == 1 && (free || last_level) {
                lists.into_iter().next()
            } else if free && lists.iter().filter(|list| keeps(list)).count() == 1 {
                lists.into_iter().find(|list| keeps(list))
            } else {
                None
            };
            if let Some((_, members)) = chosen {
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
                    entry_type: None,
                    properties,
                    sources,
                },
            );
        }
    }
    // Operation ids are unique, so the last level names every table; were
    // one left, its operation would keep a JSON body and the IR no table.
    for i in pending {
        ops[i].0.request_body.parameters.clear();
    }
}

/// Every model's qualified name by its version and lowercased simple name.
fn simple_names(models: &BTreeMap<Key, Model>) -> BTreeMap<(ApiVersion, String), String> {
    models
        .keys()
        .map(|(v, name)| {
            (
                (*v, super::simple_name(name).to_ascii_lowercase()),
                name.clone(),
            )
        })
        .collect()
}

/// The model an update's title names ("Update unifiedRoleDefinition"),
/// for an update that returns nothing and whose path no `GET` in the tree
/// documents (a tree of a few pages, such as `modern`): the first word of
/// the title that is a model's name.
fn named_in_title(
    title: &str,
    version: ApiVersion,
    by_name: &BTreeMap<(ApiVersion, String), String>,
) -> Option<String> {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .find_map(|w| by_name.get(&(version, w.to_ascii_lowercase())).cloned())
}

/// What a `GET` of each path returns, by (version, path key): one entity,
/// or a collection of them.
struct Entities {
    single: BTreeMap<(ApiVersion, String), String>,
    items: BTreeMap<(ApiVersion, String), String>,
}

impl Entities {
    fn of(ops: &[(Operation, Vec<ProseStates>)]) -> Self {
        let mut found = Entities {
            single: BTreeMap::new(),
            items: BTreeMap::new(),
        };
        for (op, _) in ops {
            let Some(ty) = &op.response.type_name else {
                continue;
            };
            let map = if op.response.collection {
                &mut found.items
            } else {
                &mut found.single
            };
            for e in op.endpoints.iter().filter(|e| e.method == "GET") {
                map.entry((op.version, crate::parse::http::path_key(&e.path)))
                    .or_insert_with(|| ty.clone());
            }
        }
        found
    }

    /// The entity an operation creates or updates: for an update, the
    /// one it returns or a `GET` of its path returns; for a `POST` to a
    /// collection, what the collection holds.
    fn of_operation(&self, op: &Operation, method: &str) -> Option<String> {
        let at = |map: &BTreeMap<(ApiVersion, String), String>| {
            op.endpoints.iter().find_map(|e| {
                map.get(&(op.version, crate::parse::http::path_key(&e.path)))
                    .cloned()
            })
        };
        match method {
            "PATCH" | "PUT" => op
                .response
                .type_name
                .clone()
                .filter(|_| !op.response.collection)
                .or_else(|| at(&self.single)),
            "POST" => at(&self.items),
            _ => None,
        }
    }
}

/// Whether the model `ty` (with its base types) has a property of each
/// parameter's name, in any case.
fn has_every(
    models: &BTreeMap<Key, Model>,
    version: ApiVersion,
    ty: &str,
    params: &[Property],
) -> bool {
    if !models.contains_key(&(version, ty.to_string())) {
        return false;
    }
    let names: Vec<&str> = super::models::base_chain(models, version, ty)
        .iter()
        .filter_map(|m| models.get(&(version, m.clone())))
        .flat_map(|m| m.properties.iter().map(|p| p.name.as_str()))
        .collect();
    params
        .iter()
        .all(|p| names.iter().any(|n| n.eq_ignore_ascii_case(&p.name)))
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
/// (`itemsCopyPostRequestBody`), 2 the operation id
/// (`workbookTablesByIdSortApplyPostRequestBody`).
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
        // The id less its version and method (`v1_post_`), which the name
        // gives otherwise.
        _ => {
            let path_part = op.id.splitn(3, '_').nth(2).unwrap_or(&op.id);
            heck::ToLowerCamelCase::to_lower_camel_case(path_part)
        }
    };
    format!("{stem}{method}{SUFFIX}")
}

/// The end of every body model's name.
const SUFFIX: &str = "RequestBody";

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
