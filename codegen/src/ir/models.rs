//! Models and enums: from resource pages first; for response types no
//! resource page documents, from the example bodies. Prose enums (the
//! states of an operation) type the `status` property of the response
//! model. Example values are checked against documented types.

use super::*;
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::resource::json_type;
use crate::parse::{PageFacts, PageKind};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

type Key = (ApiVersion, String);

/// What a resource or enum page gives the models, taken out of its facts
/// so that the models can start from it while the operations merge.
pub struct ResourcePage {
    is_enum_page: bool,
    version: ApiVersion,
    description: Option<String>,
    resource: crate::parse::resource::ResourceFacts,
}

/// The resource and enum pages' facts, moved out of `pages`.
pub fn take_resource_pages(pages: &mut [PageFacts]) -> Vec<ResourcePage> {
    pages
        .iter_mut()
        .filter(|p| matches!(p.kind, PageKind::Resource | PageKind::Enum))
        .filter_map(|page| {
            Some(ResourcePage {
                is_enum_page: page.kind == PageKind::Enum,
                version: page.version.unwrap_or(ApiVersion::V1),
                description: page.description.take(),
                resource: page.resource.take()?,
            })
        })
        .collect()
}

/// The models and enums of the resource pages alone, with what is left to
/// settle once the operations are known. Needs no operation: `build_ir`
/// runs it beside the merge.
pub struct FromResourcePages {
    models: BTreeMap<Key, Model>,
    enums: BTreeMap<Key, EnumType>,
    /// Pages that only point to another resource: (their name, the one
    /// they point to, their description, where).
    pointers: Vec<(Key, String, Option<String>, Source)>,
    /// Enums named after a string property (see
    /// [`documented_enums_of_strings`]) and no page's type.
    string_enums: BTreeSet<Key>,
    diags: Vec<Diagnostic>,
}

pub fn from_resource_pages(pages: Vec<ResourcePage>) -> FromResourcePages {
    let mut diags = Vec::new();
    let mut models: BTreeMap<Key, Model> = BTreeMap::new();
    let mut enums: BTreeMap<Key, EnumType> = BTreeMap::new();
    let mut pointers: Vec<(Key, String, Option<String>, Source)> = Vec::new();
    let (mut string_enums, mut named_enums) = (BTreeSet::new(), BTreeSet::new());
    // Models whose prose names another base than their annotation: (the
    // model, the prose's base, where).
    let mut prose_bases: Vec<(Key, String, Source)> = Vec::new();
    // Open types keyed by data whose sample value names no type: (the
    // model, the sample value's fields).
    let mut untyped_entries: Vec<(Key, Vec<String>)> = Vec::new();

    // The pages' properties and descriptions move into the models: this is
    // their last use.
    for mut page in pages {
        let res = &mut page.resource;
        let version = page.version;
        for (name, members, at) in &res.enums {
            add_enum(&mut enums, version, name, members, &[], at);
            let key = (version, name.clone());
            if res.string_enums.contains(name) {
                string_enums.insert(key);
            } else {
                named_enums.insert(key);
            }
        }
        for name in &res.flags_enums {
            if let Some(e) = enums.get_mut(&(version, name.clone())) {
                e.flags = true;
            }
        }
        if page.is_enum_page {
            continue;
        }
        let key = (version, res.name.clone());
        if let Some(target) = res.alias_of.take() {
            pointers.push((key, target, page.description.take(), res.at.clone()));
            continue;
        }
        if !res.entry_fields.is_empty() {
            untyped_entries.push((key.clone(), std::mem::take(&mut res.entry_fields)));
        }
        if let (Some(prose), Some(annotated)) = (&res.base_in_prose, &res.base_type) {
            if !prose.eq_ignore_ascii_case(annotated) {
                prose_bases.push((key.clone(), prose.clone(), res.at.clone()));
            }
        }
        match models.get_mut(&key) {
            Some(existing) => {
                diags.push(Diagnostic::at(
                    Code::DuplicateModel,
                    &res.at,
                    format!(
                        "`{}` is also documented at {}; properties merged",
                        res.name, existing.sources[0]
                    ),
                ));
                crate::unique::extend(
                    &mut existing.properties,
                    std::mem::take(&mut res.properties),
                    |p| p.name.clone(),
                );
                existing.sources.push(res.at.clone());
            }
            None => {
                models.insert(
                    key,
                    Model {
                        name: res.name.clone(),
                        version,
                        origin: ModelOrigin::ResourcePage,
                        description: page.description.take(),
                        base_type: res.base_type.clone(),
                        key_property: res.key_property.clone(),
                        open_type: res.open_type,
                        entry_type: res.entry_type.take(),
                        properties: std::mem::take(&mut res.properties),
                        sources: vec![res.at.clone()],
                    },
                );
            }
        }
    }

    prefer_derived_bases(prose_bases, &mut models, &mut diags);
    type_entries(untyped_entries, &mut models);
    FromResourcePages {
        models,
        enums,
        pointers,
        string_enums: string_enums.difference(&named_enums).cloned().collect(),
        diags,
    }
}

/// The models and enums: those of the resource pages, then what the
/// operations' pages and examples add.
pub fn build(
    from_pages: FromResourcePages,
    ops: &mut Vec<(Operation, Vec<super::merge::ProseStates>)>,
    diags: &mut Vec<Diagnostic>,
    kept: &super::kept_names::KeptNames,
) -> (Vec<Model>, Vec<EnumType>) {
    let FromResourcePages {
        mut models,
        mut enums,
        pointers,
        string_enums,
        diags: found,
    } = from_pages;
    diags.extend(found);
    follow_pointers(pointers, ops, &mut models);
    match_loose_type_names(ops, &models);
    super::property_paths::split(ops, &models);
    // Ids are settled once every operation is there: one split off a page
    // may derive the id of another page's (`/me/mailboxSettings/timeZone`
    // and `/me/mailbox_settings/time_zone`).
    super::operation_ids::assign_ids(ops, kept, diags);
    settle_response_types(ops, &models, diags);

    // Response types without a resource page: infer from example bodies.
    for (op, _) in ops.iter() {
        let Some(ty) = &op.response.type_name else {
            continue;
        };
        if ty.starts_with("Edm.") {
            continue; // a primitive, not a model
        }
        let key = (op.version, ty.clone());
        if enums.contains_key(&key) {
            continue; // `GET /me/mailboxSettings/delegateMeetingMessageDeliveryOptions`
        }
        if models
            .get(&key)
            .is_some_and(|m| m.origin == ModelOrigin::ResourcePage)
        {
            continue;
        }
        let bodies: Vec<(&Value, &Source)> = op
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .filter_map(|r| match &r.body {
                Some(Body::Json(v)) => Some((v, &r.source)),
                _ => None,
            })
            .flat_map(|(v, s)| entities(v).into_iter().map(move |e| (e, s)))
            .collect();
        let model = models.entry(key).or_insert_with(|| Model {
            name: ty.clone(),
            version: op.version,
            origin: ModelOrigin::Examples,
            description: None,
            base_type: None,
            key_property: None,
            open_type: false,
            entry_type: None,
            properties: Vec::new(),
            sources: Vec::new(),
        });
        for (body, at) in bodies {
            if !model.sources.contains(at) {
                model.sources.push(at.clone());
            }
            let Some(obj) = body.as_object() else {
                continue;
            };
            for (name, value) in obj {
                if name.contains('@') {
                    continue; // annotations are not properties
                }
                let (type_name, collection) = json_type(value, namespace_of(&model.name));
                match model.properties.iter_mut().find(|p| &p.name == name) {
                    Some(p) if p.type_name == "Edm.Untyped" && type_name != "Edm.Untyped" => {
                        p.type_name = type_name;
                        p.collection = collection;
                    }
                    Some(_) => {}
                    None => model.properties.push(Property::new(
                        name,
                        (type_name, collection),
                        at.clone(),
                    )),
                }
            }
        }
        model.properties.sort_by(|a, b| a.name.cmp(&b.name));
    }

    // Prose enums type the `status` property of the model the page returns.
    for (op, states) in ops.iter() {
        for (page_type, prose, at) in states {
            let Some(ty) = page_type.as_ref().or(op.response.type_name.as_ref()) else {
                continue;
            };
            let Some(model) = models.get_mut(&(op.version, ty.clone())) else {
                continue;
            };
            let Some(status) = model.properties.iter_mut().find(|p| p.name == "status") else {
                continue;
            };
            // A string becomes an enum of its own; a number or a `Json`
            // keeps its type (its values are no enum of strings).
            if status.type_name == "Edm.String" {
                status.type_name = format!("{}Status", model.name);
            } else if status.type_name.starts_with("Edm.") {
                continue;
            }
            add_enum(
                &mut enums,
                op.version,
                &status.type_name,
                &prose.members,
                &prose.terminal,
                at,
            );
        }
    }

    super::references::settle(ops, &mut models);
    let documented = super::request_bodies::documented_names(models.keys().chain(enums.keys()));
    super::request_bodies::settle(ops, &mut models, documented, kept);
    created_entities(ops, &models);

    documented_enums_of_strings(&mut enums, &mut models, ops, &string_enums);
    drop_enums_named_like_models(&mut enums, &models, diags);
    resolve_types(&mut models, &enums, diags);
    inherit(&mut models, diags);
    collections_from_examples(ops, &mut models, diags);

    // Example values against the documented (and inherited) property types,
    // operation by operation on every core.
    let checked: Vec<(&Operation, &Model)> = ops
        .iter()
        .filter_map(|(op, _)| {
            let ty = op.response.type_name.as_ref()?;
            let model = models.get(&(op.version, ty.clone()))?;
            (model.origin == ModelOrigin::ResourcePage).then_some((op, model))
        })
        .collect();
    for found in crate::on_all_cores(checked, |(op, model)| {
        let mut found = Vec::new();
        for r in op.examples.iter().filter_map(|e| e.response.as_ref()) {
            let Some(Body::Json(v)) = &r.body else {
                continue;
            };
            for entity in entities(v) {
                for at in r.sources() {
                    check_example(model, entity, at, &mut found);
                }
            }
        }
        found
    }) {
        diags.extend(found);
    }

    (
        models.into_values().collect(),
        enums.into_values().collect(),
    )
}

/// A string property whose description lists exactly the members of an
/// enum the docs document under a name of its own is of that enum:
/// plannertask.md (2020) types `previewType` a String with "Possible
/// values are: automatic, noPreview, checklist, description, reference",
/// the members of `plannerPreviewType` (enums.md), which is its type in
/// Graph's metadata. It was an enum of its own, `plannerTaskPreviewType`,
/// beside an identical one for plannerTaskDetails. The spellings must be
/// the same (enums.md's `operationStatus` has `NotStarted`; the comms
/// operations list `notStarted`, and their examples send it), and only one
/// documented enum may have them. An enum with terminal states or flags
/// keeps its own.
fn documented_enums_of_strings(
    enums: &mut BTreeMap<Key, EnumType>,
    models: &mut BTreeMap<Key, Model>,
    ops: &mut [(Operation, Vec<super::merge::ProseStates>)],
    string_enums: &BTreeSet<Key>,
) {
    fn member_set(e: &EnumType) -> (ApiVersion, BTreeSet<&str>) {
        (e.version, e.members.iter().map(String::as_str).collect())
    }
    let mut documented: BTreeMap<(ApiVersion, BTreeSet<&str>), Vec<&String>> = BTreeMap::new();
    for (key, e) in enums.iter() {
        if !string_enums.contains(key) && !e.flags {
            documented.entry(member_set(e)).or_default().push(&e.name);
        }
    }
    let mut renamed: BTreeMap<Key, String> = BTreeMap::new();
    for key in string_enums {
        let Some(e) = enums.get(key) else { continue };
        if !e.terminal.is_empty() || e.flags {
            continue;
        }
        if let Some([name]) = documented.get(&member_set(e)).map(Vec::as_slice) {
            renamed.insert(key.clone(), (*name).clone());
        }
    }
    if renamed.is_empty() {
        return;
    }
    for key in renamed.keys() {
        enums.remove(key);
    }
    // A few names, looked for among every property: no key built per look.
    let rename = |version: ApiVersion, ty: &mut String| {
        if let Some((_, documented)) = renamed.iter().find(|((v, n), _)| *v == version && n == ty) {
            *ty = documented.clone();
        }
    };
    for model in models.values_mut() {
        for p in &mut model.properties {
            rename(model.version, &mut p.type_name);
        }
    }
    // A property path split off its operation returns the property's type.
    for (op, _) in ops.iter_mut() {
        for ty in [&mut op.response.type_name, &mut op.request_body.type_name]
            .into_iter()
            .flatten()
        {
            rename(op.version, ty);
        }
    }
}

/// One name is one type. signin.md (2020) says of `status`, typed
/// `signInStatus`, "Possible values include Success and Failure", where
/// signinstatus.md documents a complex type (an error code, a failure
/// reason): Graph sends an object. An enum made from such values (or an
/// enum page under a model's name) is left out with `D0607`, and the model
/// kept. The emitter kept the model too, but the IR held both, and the
/// change log listed the enum's members as added to the crate. No pass
/// after this one makes enums.
fn drop_enums_named_like_models(
    enums: &mut BTreeMap<Key, EnumType>,
    models: &BTreeMap<Key, Model>,
    diags: &mut Vec<Diagnostic>,
) {
    enums.retain(|key, e| {
        let Some(model) = models.get(key) else {
            return true;
        };
        let (Some(at), Some(documented)) = (e.sources.first(), model.sources.first()) else {
            return true;
        };
        let mut values = e.members.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
        if e.members.len() > 4 {
            values.push_str(", ...");
        }
        diags.push(Diagnostic::at(
            Code::EnumNamedLikeModel,
            at,
            format!(
                "`{}` is given values here ({values}) but is the model documented at {documented}; the model is kept, and no enum made",
                e.name
            ),
        ));
        false
    });
}

/// A create that answers `201 Created` and names no type returns what it
/// created: the entity its body is (teamstab-add.md, 2020: "A teamsTab" in,
/// only "`201 Created`" out, where the example shows the new tab). A `PUT`
/// that creates (`/me/activities/{id}`) is the same. So does an update
/// whose page names no type but whose example answers with an object
/// (usersettings-update.md, teamstab-update.md, 2020: "returns a `200 OK`
/// response code", and the updated entity below it): the builder read
/// nothing of it. Bodies made from parameter tables are not entities.
fn created_entities(
    ops: &mut [(Operation, Vec<super::merge::ProseStates>)],
    models: &BTreeMap<Key, Model>,
) {
    for (op, _) in ops.iter_mut() {
        let method = op.endpoints.first().map_or("", |e| e.method.as_str());
        let response = &op.response;
        if response.type_name.is_some() {
            continue;
        }
        let creates = matches!(method, "POST" | "PUT") && response.status == Some(201);
        let answers_an_object = || {
            op.examples.iter().any(|e| {
                matches!(
                    e.response.as_ref().and_then(|r| r.body.as_ref()),
                    Some(Body::Json(Value::Object(fields))) if !fields.is_empty()
                )
            })
        };
        let updates = matches!(method, "PATCH" | "PUT")
            && !matches!(response.status, Some(201 | 204))
            && answers_an_object();
        if !creates && !updates {
            continue;
        }
        let Some(body) = op.request_body.type_name.as_ref() else {
            continue;
        };
        let entity = models
            .get(&(op.version, body.clone()))
            .is_some_and(|m| m.origin == ModelOrigin::ResourcePage);
        if op.request_body.kind == BodyKind::Json && entity {
            op.response.type_name = Some(body.clone());
            op.response.collection = false;
        }
    }
}

/// A property the resource page gives one value of, whose every example
/// sends an array, is a collection: application.md (2020) types `addIns`
/// as one `addIn`, both of its examples send a list, and Graph answers
/// `"addIns": []` for every application, which the model could not read.
/// Evidence comes from the example bodies of operations that return or
/// take the model; one example that sends a single value keeps the page's
/// word. With `D0306`, at the first example.
fn collections_from_examples(
    ops: &[(Operation, Vec<super::merge::ProseStates>)],
    models: &mut BTreeMap<Key, Model>,
    diags: &mut Vec<Diagnostic>,
) {
    // Every entity an example sends or answers, with its documented model,
    // gathered once for both looks below (each model looked up by
    // borrowed name: a key cloned per example was most of the gathering).
    let documented: HashMap<(ApiVersion, &str), &Model> = models
        .iter()
        .filter(|(_, m)| m.origin == ModelOrigin::ResourcePage)
        .map(|((version, name), model)| ((*version, name.as_str()), model))
        .collect();
    let mut entities_seen: Vec<(&Model, &serde_json::Map<String, Value>, &Source)> = Vec::new();
    for (op, _) in ops {
        for e in &op.examples {
            let response = e
                .response
                .as_ref()
                .and_then(|r| Some((op.response.type_name.as_ref()?, r.body.as_ref()?, &r.source)));
            let request = e.request.as_ref().and_then(|r| {
                Some((
                    op.request_body.type_name.as_ref()?,
                    r.body.as_ref()?,
                    &r.source,
                ))
            });
            for (ty, body, at) in response.into_iter().chain(request) {
                let Body::Json(body) = body else {
                    continue;
                };
                let Some(model) = documented.get(&(op.version, ty.as_str())) else {
                    continue;
                };
                for entity in entities(body).into_iter().filter_map(Value::as_object) {
                    entities_seen.push((model, entity, at));
                }
            }
        }
    }
    let single_valued = |model: &Model, name: &str| {
        model
            .properties
            .iter()
            .find(|p| p.name == name && !p.collection && p.type_name != "Edm.Untyped")
            .map(|p| {
                let declared = p.inherited_from.as_ref().unwrap_or(&model.name);
                (model.version, declared.clone(), p.name.clone())
            })
    };
    // (version, declaring model, property) -> the first array's example.
    // Lists are looked at first: they are few, and most are documented
    // collections; only their names are then looked for as single values.
    let mut arrays: BTreeMap<(ApiVersion, String, String), Source> = BTreeMap::new();
    for (model, entity, at) in &entities_seen {
        for (name, _) in entity.iter().filter(|(_, v)| v.is_array()) {
            if let Some(key) = single_valued(model, name) {
                arrays.entry(key).or_insert_with(|| (*at).clone());
            }
        }
    }
    if arrays.is_empty() {
        return;
    }
    let names: BTreeSet<&str> = arrays.keys().map(|(_, _, name)| name.as_str()).collect();
    let mut singles: BTreeSet<(ApiVersion, String, String)> = BTreeSet::new();
    for (model, entity, _) in &entities_seen {
        for name in &names {
            let single = entity
                .get(*name)
                .is_some_and(|v| !v.is_array() && !v.is_null());
            if let Some(key) = single.then(|| single_valued(model, name)).flatten() {
                singles.insert(key);
            }
        }
    }
    arrays.retain(|key, _| !singles.contains(key));
    if arrays.is_empty() {
        return;
    }
    // Every property of every model is asked about, by its name alone
    // first: the lists are a handful, and two strings cloned for each
    // property cost more than the rest of the pass.
    let names: Vec<&str> = arrays.keys().map(|(_, _, name)| name.as_str()).collect();
    for model in models.values_mut() {
        for p in &mut model.properties {
            if !names.contains(&p.name.as_str()) {
                continue;
            }
            let declared = p.inherited_from.as_ref().unwrap_or(&model.name);
            if arrays.contains_key(&(model.version, declared.clone(), p.name.clone())) {
                p.collection = true;
            }
        }
    }
    for ((_, declared, name), at) in arrays {
        diags.push(Diagnostic::at(
            Code::ExampleCollection,
            &at,
            format!(
                "`{}.{name}` is documented as one value, and every example sends a list; read as a collection",
                super::simple_name(&declared)
            ),
        ));
    }
}

/// A name whose page only points to another resource ("see teamsApp.")
/// stands for that model wherever the docs use it: responses, bodies,
/// properties and base types. A pointer to a model this version does not
/// document (or to another pointer) leaves the empty model the page gave
/// before, and the page's `D0602` says so.
fn follow_pointers(
    pointers: Vec<(Key, String, Option<String>, Source)>,
    ops: &mut [(Operation, Vec<super::merge::ProseStates>)],
    models: &mut BTreeMap<Key, Model>,
) {
    let mut to: BTreeMap<Key, String> = BTreeMap::new();
    for ((version, name), target, description, at) in pointers {
        if models.contains_key(&(version, target.clone()))
            && !models.contains_key(&(version, name.clone()))
        {
            to.insert((version, name), target);
        } else {
            models
                .entry((version, name.clone()))
                .or_insert_with(|| Model {
                    name,
                    version,
                    origin: ModelOrigin::ResourcePage,
                    description,
                    base_type: None,
                    key_property: None,
                    open_type: false,
                    entry_type: None,
                    properties: Vec::new(),
                    sources: vec![at],
                });
        }
    }
    if to.is_empty() {
        return;
    }
    let follow = |version: ApiVersion, name: &mut String| {
        let key = (version, name.clone());
        if let Some(target) = to.get(&key) {
            *name = target.clone();
        }
    };
    for (op, states) in ops.iter_mut() {
        let version = op.version;
        let response = &mut op.response;
        let body = &mut op.request_body;
        for name in response
            .type_name
            .iter_mut()
            .chain(body.type_name.iter_mut())
            .chain(response.other_types.iter_mut().map(|t| &mut t.type_name))
            .chain(body.other_types.iter_mut().map(|t| &mut t.type_name))
            .chain(states.iter_mut().filter_map(|(t, _, _)| t.as_mut()))
        {
            follow(version, name);
        }
    }
    for model in models.values_mut() {
        let version = model.version;
        for name in model
            .base_type
            .iter_mut()
            .chain(model.properties.iter_mut().map(|p| &mut p.type_name))
        {
            follow(version, name);
        }
    }
}

/// A response or request body type the docs name loosely is the model they mean, when
/// exactly one model of the version fits, tried in this order:
/// - the name in another case (`directoryaudit` for `directoryAudit`);
/// - the name of the resource page that documents a model (`page`, whose
///   page `resources/page.md` documents `onenotePage`);
/// - a plural (`secureScoreControlProfiles` for `secureScoreControlProfile`);
/// - the last word of a model's camel-case name, in its namespace, also
///   plural (`page` for `onenotePage`, `tab` and `tabs` for `teamsTab`).
///
/// Otherwise a model would be inferred from the examples under the loose
/// name, beside the documented one.
fn match_loose_type_names(
    ops: &mut [(Operation, Vec<super::merge::ProseStates>)],
    models: &BTreeMap<Key, Model>,
) {
    // Most names are exact; the index is built for the first that is not.
    let index: std::cell::OnceCell<LooseNames> = std::cell::OnceCell::new();
    let fix = |version: ApiVersion, name: &mut String| {
        if models.contains_key(&(version, name.clone())) {
            return;
        }
        let index = index.get_or_init(|| LooseNames::of(models));
        if let Some(found) = index.model_for(version, name) {
            *name = found;
        }
    };
    for (op, _) in ops.iter_mut() {
        let version = op.version;
        if let Some(t) = op.response.type_name.as_mut() {
            fix(version, t);
        }
        // A body the prose names as `[ContactFolder](...)`.
        if let Some(t) = op.request_body.type_name.as_mut() {
            if !t.starts_with("Edm.") {
                fix(version, t);
            }
        }
        for other in &mut op.request_body.other_types {
            fix(version, &mut other.type_name);
        }
        for other in &mut op.response.other_types {
            fix(version, &mut other.type_name);
        }
    }
}

/// The models by the loose names the docs use for them (see
/// [`match_loose_type_names`]). Only looked up, never iterated.
struct LooseNames<'m> {
    /// (version, the name lowercased) to models.
    by_lower: HashMap<(ApiVersion, String), Vec<&'m str>>,
    /// (version, namespace, last word of the name, lowercased) to models.
    by_last_word: HashMap<(ApiVersion, &'m str, String), Vec<&'m str>>,
    /// (version, the resource page's file name, lowercased) to the models
    /// documented there: the prose links its type to that page
    /// (`[page](../resources/page.md)` documents `onenotePage`).
    by_page: HashMap<(ApiVersion, String), Vec<&'m str>>,
    /// The same by the file name's last dash-separated word: the prose
    /// links `[activity](../resources/projectrome-activity.md)`, the page
    /// of `userActivity`.
    by_page_suffix: HashMap<(ApiVersion, String), Vec<&'m str>>,
}

impl<'m> LooseNames<'m> {
    fn of(models: &'m BTreeMap<Key, Model>) -> Self {
        let mut index = LooseNames {
            by_lower: HashMap::with_capacity(models.len()),
            by_last_word: HashMap::with_capacity(models.len()),
            by_page: HashMap::with_capacity(models.len()),
            by_page_suffix: HashMap::with_capacity(models.len()),
        };
        for ((version, name), model) in models {
            if model.origin == ModelOrigin::ResourcePage {
                if let Some(at) = model.sources.first() {
                    let stem = super::merge::file_stem(&at.file);
                    if let Some((_, last)) = stem.rsplit_once('-') {
                        index
                            .by_page_suffix
                            .entry((*version, last.to_string()))
                            .or_default()
                            .push(name);
                    }
                    index
                        .by_page
                        .entry((*version, stem))
                        .or_default()
                        .push(name);
                }
            }
            index
                .by_lower
                .entry((*version, name.to_ascii_lowercase()))
                .or_default()
                .push(name);
            let Some((namespace, short)) = name.rsplit_once('.') else {
                continue;
            };
            if let Some(i) = short
                .rfind(|c: char| c.is_ascii_uppercase())
                .filter(|&i| i > 0)
            {
                index
                    .by_last_word
                    .entry((*version, namespace, short[i..].to_ascii_lowercase()))
                    .or_default()
                    .push(name);
            }
        }
        index
    }

    /// The one model `name` loosely names, in the order of
    /// [`match_loose_type_names`].
    fn model_for(&self, version: ApiVersion, name: &str) -> Option<String> {
        let only = |found: Option<&Vec<&str>>| match found.map(Vec::as_slice) {
            Some([only]) => Some(only.to_string()),
            _ => None,
        };
        let in_case = |n: &str| only(self.by_lower.get(&(version, n.to_ascii_lowercase())));
        let last_word = |n: &str| {
            let (namespace, short) = n.rsplit_once('.')?;
            only(
                self.by_last_word
                    .get(&(version, namespace, short.to_ascii_lowercase())),
            )
        };
        let short = |n: &str| {
            n.rsplit_once('.')
                .map_or(n, |(_, short)| short)
                .to_ascii_lowercase()
        };
        let page = |n: &str| only(self.by_page.get(&(version, short(n))));
        let page_suffix = |n: &str| only(self.by_page_suffix.get(&(version, short(n))));
        let singular = name.strip_suffix('s');
        in_case(name)
            .or_else(|| page(name))
            .or_else(|| singular.and_then(in_case))
            .or_else(|| singular.and_then(page))
            .or_else(|| last_word(name))
            .or_else(|| singular.and_then(last_word))
            .or_else(|| page_suffix(name))
    }
}

/// Pages that disagree on an operation's response (or request body) type: a polymorphic
/// endpoint documented once per derived type (`deviceConfigurations/{id}`
/// has a page for each kind of configuration) settles on the nearest base
/// type all of them share. Types that share no base but the root `entity`
/// are a real conflict: the first page's type is kept, with `D0501`.
fn settle_response_types(
    ops: &mut [(Operation, Vec<super::merge::ProseStates>)],
    models: &BTreeMap<Key, Model>,
    diags: &mut Vec<Diagnostic>,
) {
    for (op, _) in ops.iter_mut() {
        let version = op.version;
        let response = &mut op.response;
        if let (Some(first), false) = (&response.type_name, response.other_types.is_empty()) {
            match common_base(models, version, first, type_names(&response.other_types)) {
                Some(base) => response.type_name = Some(base),
                None => {
                    let at = response.type_source.clone().unwrap_or_default();
                    no_common_base(diags, "response type", &at, first, &response.other_types);
                }
            }
        }
        // The prose names a base of the annotation's type: the operation
        // returns that base (a list of attachments, whatever the example
        // shows), and `cast` reads the derived one.
        if let (Some(shown), Some(named)) = (&response.type_name, &response.named_in_prose) {
            // The prose may name it in another case (`[Attachment](...)`).
            let base = base_chain(models, version, shown)
                .into_iter()
                .skip(1)
                .find(|b| b.eq_ignore_ascii_case(named) && b != "microsoft.graph.entity");
            if let Some(base) = base {
                response.type_name = Some(base);
            } else if let Some((fitter, only)) =
                fits_better(models, version, &op.examples, named, shown)
            {
                diags.push(Diagnostic::at(
                    Code::ConflictingFacts,
                    &response.type_source.clone().unwrap_or_default(),
                    format!(
                        "response type: the example's annotation says `{shown}`, the prose `{named}`; the example sends {}, which `{fitter}` documents and `{shown}` does not; kept `{fitter}`",
                        only.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                ));
                response.type_name = Some(fitter);
            }
        }
        let body = &mut op.request_body;
        if let (Some(first), false) = (&body.type_name, body.other_types.is_empty()) {
            match common_base(models, version, first, type_names(&body.other_types)) {
                Some(base) => body.type_name = Some(base),
                None => {
                    let at = op.sources.first().cloned().unwrap_or_default();
                    no_common_base(diags, "request body type", &at, first, &body.other_types);
                }
            }
        }
    }
}

/// The type the prose names, when it is no relative of the one the
/// example's annotation shows and the example's fields speak for it: some
/// are documented for it (or its bases) and not for the annotation's type,
/// and none the other way round. educationclass-get-group.md is annotated
/// `user` and says "a [group](...) object"; its example sends `groupTypes`,
/// `mailEnabled` and `securityEnabled`, which no user has. Gives the
/// model's name and those fields.
fn fits_better(
    models: &BTreeMap<Key, Model>,
    version: ApiVersion,
    examples: &[super::Example],
    named: &str,
    shown: &str,
) -> Option<(String, Vec<String>)> {
    let model_named = |ty: &str| {
        models
            .get(&(version, ty.to_string()))
            .or_else(|| {
                models
                    .iter()
                    .find(|(k, _)| k.0 == version && k.1.eq_ignore_ascii_case(ty))
                    .map(|(_, m)| m)
            })
            .map(|m| m.name.clone())
    };
    if named.eq_ignore_ascii_case(shown) {
        return None; // one type, in two cases (`[Contract](...)`)
    }
    let (named, shown) = (model_named(named)?, model_named(shown)?);
    let (named_chain, shown_chain) = (
        base_chain(models, version, &named),
        base_chain(models, version, &shown),
    );
    if named_chain.contains(&shown) || shown_chain.contains(&named) {
        return None;
    }
    let documented = |chain: &[String], key: &str| {
        chain.iter().any(|ty| {
            models
                .get(&(version, ty.clone()))
                .is_some_and(|m| m.properties.iter().any(|p| p.name == key))
        })
    };
    let mut only_named: Vec<String> = Vec::new();
    for e in examples {
        let Some(Body::Json(body)) = e.response.as_ref().and_then(|r| r.body.as_ref()) else {
            continue;
        };
        for entity in entities(body) {
            for key in entity.as_object().into_iter().flat_map(|o| o.keys()) {
                let (in_named, in_shown) =
                    (documented(&named_chain, key), documented(&shown_chain, key));
                if in_shown && !in_named {
                    return None;
                }
                if in_named && !in_shown && !only_named.contains(key) {
                    only_named.push(key.clone());
                }
            }
        }
    }
    (!only_named.is_empty()).then_some((named, only_named))
}

/// The documented type of which every alternative a type cell names is a
/// kind: "[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)"
/// (call.md) is a `mediaConfig`, their base; "organizerMeetingInfo or
/// tokenMeetingInfo" a `meetingInfo`, the documented type whose name ends
/// both. The 2020 pages give those two no base type: the cell says they
/// are kinds of `meetingInfo`, and they are given it as their base (the
/// second part of the answer), so that a call's `meetingInfo` reads as
/// either. `None` unless every alternative is documented, and, for a
/// type found by name, has no other base.
fn one_of_alternatives(
    models: &BTreeMap<Key, Model>,
    by_lower: &BTreeMap<(ApiVersion, String), String>,
    version: ApiVersion,
    type_name: &str,
) -> Option<(String, Vec<String>)> {
    let (namespace, names) = type_name
        .rsplit_once('.')
        .filter(|(_, n)| n.contains(" or "))?;
    let alternatives: Vec<String> = names
        .split(" or ")
        .map(|n| {
            let n = n.trim().trim_start_matches('[').trim_end_matches(']');
            by_lower
                .get(&(version, format!("{namespace}.{n}").to_ascii_lowercase()))
                .filter(|found| models.contains_key(&(version, found.to_string())))
                .cloned()
        })
        .collect::<Option<_>>()?;
    let (first, others) = alternatives.split_first()?;
    if let Some(common) = common_base(models, version, first, others.iter().map(String::as_str)) {
        return Some((common, Vec::new()));
    }
    // The longest documented camel-case tail of every alternative.
    let simple = super::simple_name(first);
    let base = simple
        .char_indices()
        .filter(|(i, c)| *i > 0 && c.is_ascii_uppercase())
        .map(|(i, _)| &simple[i..])
        .find_map(|tail| {
            let base = format!("{}{}", tail[..1].to_ascii_lowercase(), &tail[1..]);
            let found =
                by_lower.get(&(version, format!("{namespace}.{base}").to_ascii_lowercase()))?;
            let tail = tail.to_ascii_lowercase();
            let ends_all = alternatives
                .iter()
                .all(|a| a.to_ascii_lowercase().ends_with(&tail));
            (ends_all && models.contains_key(&(version, found.clone()))).then(|| found.clone())
        })?;
    let mut adopt = Vec::new();
    for a in &alternatives {
        match models
            .get(&(version, a.clone()))
            .and_then(|m| m.base_type.as_ref())
        {
            None => adopt.push(a.clone()),
            Some(_) if base_chain(models, version, a).contains(&base) => {}
            Some(_) => return None,
        }
    }
    Some((base, adopt))
}

/// The nearest base type (short of `entity`) that `first` and every one of
/// `others` derive from, or are.
fn common_base<'o>(
    models: &BTreeMap<Key, Model>,
    version: ApiVersion,
    first: &str,
    others: impl IntoIterator<Item = &'o str>,
) -> Option<String> {
    let others: Vec<Vec<String>> = others
        .into_iter()
        .map(|t| base_chain(models, version, t))
        .collect();
    base_chain(models, version, first)
        .into_iter()
        .find(|c| c != "microsoft.graph.entity" && others.iter().all(|o| o.contains(c)))
}

/// The names of types given with their sources.
fn type_names(types: &[super::TypeAt]) -> impl Iterator<Item = &str> {
    types.iter().map(|t| t.type_name.as_str())
}

/// `name` and the names of its base types, nearest first, as far as the
/// models of `version` document them (a cycle ends the chain).
/// The entry type of each open type keyed by data whose sample value
/// names no type: the documented type of the version that has the most
/// fields of the sample, itself or through its bases, and every one of
/// them or all but one of four or more (plannerchecklistitems.md's sample
/// misspells `lastModifiedDateTime`). plannerChecklistItems' sample
/// `{"isChecked": true, "title": "String-value", ...}` is a
/// plannerChecklistItem. When two types fit as well, the entries stay
/// untyped.
fn type_entries(untyped: Vec<(Key, Vec<String>)>, models: &mut BTreeMap<Key, Model>) {
    if untyped.is_empty() {
        return;
    }
    // Every model is weighed against each sample: looked up by borrowed
    // name, walking its bases in place (a chain of owned names and a key
    // cloned per lookup made this a millisecond for two samples).
    let named: HashMap<(ApiVersion, &str), &Model> = models
        .iter()
        .map(|((version, name), model)| ((*version, name.as_str()), model))
        .collect();
    // Whether `field` is a property of `name` or of a model it derives
    // from: the same models as `base_chain`'s, which stops at 32 names or
    // when one comes back (a walk past that only meets them again).
    let has_field = |version: ApiVersion, name: &str, field: &str| {
        let mut at = Some(name);
        for _ in 0..32 {
            let Some(model) = at.and_then(|n| named.get(&(version, n))) else {
                return false;
            };
            if model.properties.iter().any(|p| p.name == field) {
                return true;
            }
            at = model.base_type.as_deref();
        }
        false
    };
    let mut chosen = Vec::new();
    for ((version, name), fields) in untyped {
        let needed = if fields.len() >= 4 {
            fields.len() - 1
        } else {
            fields.len()
        };
        let mut best: Vec<(usize, &String)> = models
            .iter()
            .filter(|((v, n), m)| {
                *v == version && *n != name && m.origin == ModelOrigin::ResourcePage
            })
            .map(|((_, n), _)| {
                let fit = fields.iter().filter(|f| has_field(version, n, f)).count();
                (fit, n)
            })
            .filter(|(fit, _)| *fit >= needed.max(1))
            .collect();
        best.sort_by_key(|b| std::cmp::Reverse(b.0));
        let entry = match best[..] {
            [(_, one)] => one.clone(),
            [(a, one), (b, _), ..] if a > b => one.clone(),
            _ => continue,
        };
        chosen.push(((version, name), entry));
    }
    drop(named);
    for (key, entry) in chosen {
        if let Some(model) = models.get_mut(&key) {
            model.entry_type = Some(entry);
        }
    }
}

pub(super) fn base_chain(
    models: &BTreeMap<Key, Model>,
    version: ApiVersion,
    name: &str,
) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut at = name.to_string();
    while out.len() < 32 {
        let base = models
            .get(&(version, at.clone()))
            .and_then(|m| m.base_type.clone());
        match base {
            Some(b) if !out.contains(&b) => {
                out.push(b.clone());
                at = b;
            }
            _ => break,
        }
    }
    out
}

fn no_common_base(
    diags: &mut Vec<Diagnostic>,
    what: &str,
    at: &Source,
    first: &str,
    others: &[super::TypeAt],
) {
    for other in others {
        diags.push(Diagnostic::at(
            Code::ConflictingFacts,
            &other.source,
            format!(
                "{what}: {at} says `{first}`, {} says `{}`; kept `{first}` (source Markdown over rendered text, then the more specific page; the types share no base type)",
                other.source, other.type_name
            ),
        ));
    }
}

/// Property types by their documented name. Docs link text is often
/// capitalised (`[Identity](identity.md)` for `microsoft.graph.identity`),
/// so a name that matches a model or enum of the same version only when
/// case is ignored is that type. A type found nowhere stays as written, is
/// emitted as `serde_json::Value`, and is a `D0601` diagnostic.
fn resolve_types(
    models: &mut BTreeMap<Key, Model>,
    enums: &BTreeMap<Key, EnumType>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_lower: BTreeMap<(ApiVersion, String), String> = BTreeMap::new();
    for (version, name) in models.keys().chain(enums.keys()) {
        by_lower
            .entry((*version, name.to_ascii_lowercase()))
            .or_insert_with(|| name.clone());
    }
    // Looked up for every property, never iterated: a hash set of
    // borrowed names, so that a lookup copies nothing.
    let exact: HashSet<(ApiVersion, &str)> = models
        .keys()
        .chain(enums.keys())
        .map(|(version, name)| (*version, name.as_str()))
        .collect();
    enum Resolved {
        /// The documented name, in its case.
        Named(String),
        /// The type of which the alternatives it names are kinds, and the
        /// alternatives that take it as their base.
        Base(String, Vec<String>),
    }
    let mut fixes: Vec<(Key, usize, Option<Resolved>)> = Vec::new();
    for (key, model) in models.iter() {
        for (i, p) in model.properties.iter().enumerate() {
            if p.type_name.starts_with("Edm.") || exact.contains(&(key.0, p.type_name.as_str())) {
                continue;
            }
            let found = by_lower
                .get(&(key.0, p.type_name.to_ascii_lowercase()))
                .cloned()
                .map(Resolved::Named)
                .or_else(|| {
                    one_of_alternatives(models, &by_lower, key.0, &p.type_name)
                        .map(|(base, adopt)| Resolved::Base(base, adopt))
                });
            fixes.push((key.clone(), i, found));
        }
    }
    // Alternatives that take the type found for them as their base.
    let mut adoptions: Vec<(Key, String)> = Vec::new();
    for (key, i, found) in fixes {
        let Some(model) = models.get_mut(&key) else {
            continue;
        };
        let p = &mut model.properties[i];
        match found {
            Some(Resolved::Named(name)) => p.type_name = name,
            Some(Resolved::Base(base, adopt)) => {
                let based = if adopt.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (and the base of {}, which had none)",
                        adopt
                            .iter()
                            .map(|a| format!("`{}`", super::simple_name(a)))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    )
                };
                diags.push(Diagnostic::at(
                    Code::TypeAlternatives,
                    &p.source,
                    format!(
                        "type `{}` of `{}.{}` names alternatives; took `{base}`, of which each is a kind{based}",
                        p.type_name,
                        super::simple_name(&model.name),
                        p.name
                    ),
                ));
                p.type_name = base.clone();
                adoptions.extend(adopt.into_iter().map(|a| ((key.0, a), base.clone())));
            }
            None => diags.push(Diagnostic::at(
                Code::UnknownType,
                &p.source,
                format!(
                    "type `{}` of `{}.{}` is not documented in this tree; it becomes `serde_json::Value`",
                    p.type_name,
                    super::simple_name(&model.name),
                    p.name
                ),
            )),
        }
    }
    for (key, base) in adoptions {
        if let Some(m) = models.get_mut(&key) {
            m.base_type.get_or_insert(base);
        }
    }
}

/// A resource page whose prose names a base type derived from the one its
/// annotation names (orgcontact.md and subscribedsku.md, 2020: "Inherits
/// from directoryObject", annotated `entity`) says both: the model derives
/// from the prose's, which inherits the annotation's in turn. Bases that do
/// not derive from one another keep the annotation's word.
fn prefer_derived_bases(
    prose_bases: Vec<(Key, String, Source)>,
    models: &mut BTreeMap<Key, Model>,
    diags: &mut Vec<Diagnostic>,
) {
    for ((version, name), prose, at) in prose_bases {
        let Some(annotated) = models
            .get(&(version, name.clone()))
            .and_then(|m| m.base_type.clone())
        else {
            continue;
        };
        // The prose's base and its bases in turn; one that comes back to
        // the model would make a cycle of it.
        let chain = base_chain(models, version, &prose);
        let has = |ty: &str| chain.iter().any(|c| c.eq_ignore_ascii_case(ty));
        if has(&name) || !has(&annotated) {
            continue;
        }
        diags.push(Diagnostic::at(
            Code::BaseTypeFromProse,
            &at,
            format!(
                "the annotation gives `{name}` the base type `{annotated}`, the prose `{prose}`, which derives from it; took `{prose}`"
            ),
        ));
        if let Some(model) = models.get_mut(&(version, name)) {
            model.base_type = Some(prose);
        }
    }
}

/// How many bases deep a model's properties are gathered. Graph's deepest
/// chains are a handful; a tree of thousands of pages that each derive
/// from the one before would otherwise give the last of them every
/// property of all.
const MAX_BASE_DEPTH: usize = 32;

/// Flattens base types: a derived model carries every property of its
/// base-type chain, base first, marked `inherited_from`. A base type missing
/// from this version is looked up in the other one (the root `entity` is
/// often documented once); a base type found nowhere is a diagnostic, and
/// so is a chain deeper than `MAX_BASE_DEPTH`.
fn inherit(models: &mut BTreeMap<Key, Model>, diags: &mut Vec<Diagnostic>) {
    // A base named in another version: the first model of that name, by
    // key order. Built for the first such base (there are few). Only
    // looked up, never iterated.
    let any_version: std::cell::OnceCell<HashMap<String, Key>> = std::cell::OnceCell::new();
    let keys: Vec<Key> = models.keys().cloned().collect();
    for key in keys {
        let mut levels: Vec<Vec<Property>> = Vec::new();
        let mut seen = vec![key.1.clone()];
        let mut base = models[&key].base_type.clone();
        while let Some(name) = base.take() {
            if seen.contains(&name) || seen.len() > MAX_BASE_DEPTH {
                let m = &models[&key];
                let why = if seen.contains(&name) {
                    format!("base types of `{}` form a cycle at `{name}`", m.name)
                } else {
                    format!(
                        "base types of `{}` go more than {MAX_BASE_DEPTH} deep at `{name}`; the bases above are left out",
                        m.name
                    )
                };
                diags.push(Diagnostic::at(Code::UnknownType, &m.sources[0], why));
                break;
            }
            seen.push(name.clone());
            let found = models.get(&(key.0, name.clone())).or_else(|| {
                let any_version = any_version.get_or_init(|| {
                    let mut first = HashMap::new();
                    for key in models.keys() {
                        first.entry(key.1.clone()).or_insert_with(|| key.clone());
                    }
                    first
                });
                any_version.get(&name).and_then(|other| models.get(other))
            });
            let Some(parent) = found else {
                let m = &models[&key];
                diags.push(Diagnostic::at(
                    Code::UnknownType,
                    &m.sources[0],
                    format!(
                        "base type `{name}` of `{}` is not documented here; its properties are missing",
                        m.name
                    ),
                ));
                break;
            };
            levels.push(
                parent
                    .properties
                    .iter()
                    .filter(|p| p.inherited_from.is_none())
                    .map(|p| Property {
                        inherited_from: Some(name.clone()),
                        ..p.clone()
                    })
                    .collect(),
            );
            base = parent.base_type.clone();
        }
        // The walk meets the nearest base first; the root's properties lead.
        let inherited = levels.into_iter().rev().flatten();
        let model = models.get_mut(&key).expect("key from the map");
        let own = std::mem::take(&mut model.properties);
        let mut all: Vec<Property> = Vec::new();
        // Where each name is in `all`: scanned while `all` is short, then a
        // map (a page of thousands of properties took a minute comparing
        // each with all). Only looked up.
        let mut at: Option<HashMap<String, usize>> = None;
        for p in inherited.chain(own) {
            if at.is_none() && all.len() >= crate::unique::SCANNED {
                let map = all.iter().enumerate().map(|(i, q)| (q.name.clone(), i));
                at = Some(map.collect());
            }
            let found = match &at {
                Some(map) => map.get(&p.name).copied(),
                None => all.iter().position(|q| q.name == p.name),
            };
            if let Some(i) = found {
                // A derived page that restates a base property wins.
                all[i] = p;
            } else {
                if let Some(map) = &mut at {
                    map.insert(p.name.clone(), all.len());
                }
                all.push(p);
            }
        }
        model.properties = all;
    }
}

fn add_enum(
    enums: &mut BTreeMap<Key, EnumType>,
    version: ApiVersion,
    name: &str,
    members: &[String],
    terminal: &[String],
    at: &Source,
) {
    let e = enums
        .entry((version, name.to_string()))
        .or_insert_with(|| EnumType {
            name: name.to_string(),
            version,
            members: Vec::new(),
            terminal: Vec::new(),
            flags: false,
            sources: Vec::new(),
        });
    crate::unique::extend(&mut e.members, members.iter().cloned(), |m| {
        m.to_ascii_lowercase()
    });
    crate::unique::extend(&mut e.terminal, terminal.iter().cloned(), String::clone);
    if !e.sources.contains(at) {
        e.sources.push(at.clone());
    }
}

/// The entity objects in a response body: the body itself, the elements of
/// a `value` array, or a lone object under `value`.
pub fn entities(body: &Value) -> Vec<&Value> {
    match body.get("value") {
        Some(Value::Array(items)) => items.iter().filter(|v| v.is_object()).collect(),
        Some(v @ Value::Object(_))
            if body
                .as_object()
                .is_some_and(|o| o.keys().all(|k| k == "value" || k.starts_with('@'))) =>
        {
            vec![v]
        }
        _ => vec![body],
    }
}

/// `microsoft.graph.operation` -> `microsoft.graph`.
fn namespace_of(qualified: &str) -> &str {
    qualified
        .rsplit_once('.')
        .map_or("microsoft.graph", |(ns, _)| ns)
}

/// Warns about example values that break their documented type.
fn check_example(model: &Model, body: &Value, at: &Source, diags: &mut Vec<Diagnostic>) {
    let Some(obj) = body.as_object() else {
        return;
    };
    for p in &model.properties {
        if let Some(why) = obj
            .get(&p.name)
            .and_then(|v| crate::types::check_value(&p.type_name, v))
        {
            diags.push(Diagnostic::at(
                Code::InvalidExampleValue,
                at,
                format!(
                    "example value of `{}.{}`: {why}",
                    super::simple_name(&model.name),
                    p.name
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(name: &str, base: Option<&str>, props: &[&str]) -> Model {
        Model {
            name: name.into(),
            version: ApiVersion::V1,
            origin: ModelOrigin::ResourcePage,
            description: None,
            base_type: base.map(str::to_string),
            key_property: None,
            open_type: false,
            entry_type: None,
            properties: props
                .iter()
                .map(|p| {
                    Property::new(
                        p,
                        ("Edm.String".into(), false),
                        Source::new(format!("{name}.md"), 1),
                    )
                })
                .collect(),
            sources: vec![Source::new(format!("{name}.md"), 1)],
        }
    }

    #[test]
    fn derived_models_carry_their_base_chain_root_first() {
        let mut models: BTreeMap<Key, Model> = [
            model("g.entity", None, &["id"]),
            model(
                "g.outlookItem",
                Some("g.entity"),
                &["changeKey", "categories"],
            ),
            model("g.post", Some("g.outlookItem"), &["body", "changeKey"]),
            model("g.loop", Some("g.loop"), &["x"]),
            model("g.orphan", Some("g.missing"), &["y"]),
        ]
        .into_iter()
        .map(|m| ((m.version, m.name.clone()), m))
        .collect();
        let mut diags = Vec::new();
        inherit(&mut models, &mut diags);
        let post = &models[&(ApiVersion::V1, "g.post".to_string())];
        let names: Vec<(&str, Option<&str>)> = post
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.inherited_from.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("id", Some("g.entity")),
                ("changeKey", None),
                ("categories", Some("g.outlookItem")),
                ("body", None),
            ]
        );
        let codes: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert!(
            codes.iter().any(|m| m.contains("form a cycle")),
            "{codes:?}"
        );
        assert!(codes.iter().any(|m| m.contains("`g.missing`")), "{codes:?}");
    }
}
