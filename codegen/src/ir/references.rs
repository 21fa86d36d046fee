//! Requests to a `$ref` path add or set a reference to an entity, not the
//! entity itself: OData says what they send, `{"@odata.id": "<url>"}`, the
//! same for every such path. The docs' prose names the entity referred to
//! instead ("supply a JSON representation of a [directoryObject], [user],
//! [group], or [organizational contact] object", group-post-members.md),
//! which as a body type would ask a user to build a contact to add a group
//! member. So a `POST` to a `$ref` path sends a `referenceCreate` and a
//! `PUT` (a single-valued reference, such as a user's manager) a
//! `referenceUpdate`, as the Graph SDKs name them. A `DELETE` of one sends
//! nothing, whatever its page's prose or example says
//! (application-delete-owners.md copies the page that adds an owner, body
//! and all).

use super::merge::ProseStates;
use super::{ApiVersion, BodyKind, Model, ModelOrigin, Operation, Property, Source};
use std::collections::BTreeMap;

type Key = (ApiVersion, String);

/// What a `$ref` request sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reference {
    /// `POST .../$ref`: adds the entity to a collection.
    Create,
    /// `PUT .../$ref`: sets a single-valued reference.
    Update,
}

impl Reference {
    /// The reference an operation's request sends, when its path is a
    /// `$ref` path and its method sends one.
    fn of(op: &Operation) -> Option<Reference> {
        let endpoint = op.endpoints.first().filter(|_| to_a_reference(op))?;
        match endpoint.method.as_str() {
            "POST" => Some(Reference::Create),
            "PUT" => Some(Reference::Update),
            _ => None,
        }
    }

    fn model_name(self) -> &'static str {
        match self {
            Reference::Create => "microsoft.graph.referenceCreate",
            Reference::Update => "microsoft.graph.referenceUpdate",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Reference::Create => {
                "A reference to an entity, by its URL: what a `POST` to a `$ref` path sends to add the entity to a collection."
            }
            Reference::Update => {
                "A reference to an entity, by its URL: what a `PUT` to a `$ref` path sends to set a single-valued reference."
            }
        }
    }

    /// The wire names of the model's properties (all strings), with what
    /// they hold.
    fn properties(self) -> &'static [(&'static str, &'static str)] {
        const ID: (&str, &str) = (
            "@odata.id",
            "The full URL of the entity referred to, such as `https://graph.microsoft.com/v1.0/users/{id}`.",
        );
        const TYPE: (&str, &str) = (
            "@odata.type",
            "The type of the entity referred to, such as `#microsoft.graph.user`. Optional.",
        );
        match self {
            Reference::Create => &[ID],
            Reference::Update => &[ID, TYPE],
        }
    }
}

/// Whether an operation's path is a `$ref` path.
fn to_a_reference(op: &Operation) -> bool {
    op.endpoints
        .first()
        .and_then(|e| e.path.rsplit('/').next())
        .is_some_and(|last| last.eq_ignore_ascii_case("$ref"))
}

/// Gives every `$ref` request its reference body and adds the reference
/// models those requests use, by version, to `models`. Their parameter
/// tables and the types the prose names are dropped. A model a docs tree
/// documents under the same name is kept as documented.
pub fn settle(ops: &mut [(Operation, Vec<ProseStates>)], models: &mut BTreeMap<Key, Model>) {
    // The requests of each reference model, by version: where they are
    // documented.
    let mut used: BTreeMap<(ApiVersion, Reference), Vec<Source>> = BTreeMap::new();
    for (op, _) in ops.iter_mut() {
        if to_a_reference(op) && op.endpoints[0].method == "DELETE" {
            let body = &mut op.request_body;
            body.kind = BodyKind::None;
            body.type_name = None;
            body.parameters.clear();
            body.other_types.clear();
            continue;
        }
        let Some(reference) = Reference::of(op) else {
            continue;
        };
        let body = &mut op.request_body;
        body.kind = BodyKind::Json;
        body.type_name = Some(reference.model_name().to_string());
        body.parameters.clear();
        body.other_types.clear();
        if let Some(endpoint) = op.endpoints.first() {
            used.entry((op.version, reference))
                .or_default()
                .push(endpoint.source.clone());
        }
    }
    for ((version, reference), mut sources) in used {
        sources.sort();
        sources.dedup();
        let name = reference.model_name().to_string();
        let at = sources[0].clone();
        models
            .entry((version, name.clone()))
            .or_insert_with(|| Model {
                name,
                version,
                origin: ModelOrigin::Reference,
                description: Some(reference.description().to_string()),
                base_type: None,
                key_property: None,
                open_type: false,
                entry_type: None,
                properties: reference
                    .properties()
                    .iter()
                    .map(|(wire, description)| Property {
                        description: Some(description.to_string()),
                        ..Property::new(wire, ("Edm.String".to_string(), false), at.clone())
                    })
                    .collect(),
                sources,
            });
    }
}
