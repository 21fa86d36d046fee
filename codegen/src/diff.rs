//! The API change log between two docs trees, as `cargo xtask diff` prints
//! it: endpoints and operations added or removed, permission changes per
//! operation, scope and scheme, and models, properties and enum members
//! added or removed. Changes that widen access come first: they are the
//! ones a security review reads.
//!
//! Operations are paired across the trees by their endpoints (version,
//! method and path, parameters compared by position), so a page that was
//! renamed or split still pairs up.
//!
//! `cargo xtask regen` also says what changed since the crate it replaces
//! ([`since_crate`]): the old side is the IR that crate was made from, its
//! `ir.yaml`.

use crate::ir::{
    ApiVersion, Endpoint, Ir, Operation, PermissionSet, Scheme, SchemePermissions, SchemeStatus,
};
use crate::parse::http::path_key;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    SchemeBecameSupported,
    PermissionAdded,
    LeastPrivilegedChanged,
    ScopeAdded,
    EndpointAdded,
    OperationAdded,
    SchemeNoLongerSupported,
    PermissionRemoved,
    ScopeRemoved,
    EndpointRemoved,
    OperationRemoved,
    ModelAdded,
    ModelRemoved,
    ModelRenamed,
    PropertyAdded,
    PropertyRemoved,
    PropertyTypeChanged,
    ResponseChanged,
    RequestBodyChanged,
    QueryOptionAdded,
    QueryOptionRemoved,
    EnumMemberAdded,
    EnumMemberRemoved,
    /// The Rust items of the generated crate (`surface`, its `api.txt`),
    /// beside what the docs say: the emitter may rename, move or retype
    /// an item while the docs stay the same.
    ApiItemRemoved,
    ApiItemChanged,
    /// A `match` over the enum must cover it (the enum is not
    /// `#[non_exhaustive]`).
    VariantOfExhaustiveEnumAdded,
    /// Fewer feature sets switch the item on.
    FeatureGateNarrowed,
    ApiItemAdded,
    FeatureGateWidened,
}

impl ChangeKind {
    /// Whether the change lets more callers, or more permissions, through.
    pub fn widens_access(self) -> bool {
        matches!(
            self,
            ChangeKind::SchemeBecameSupported
                | ChangeKind::PermissionAdded
                | ChangeKind::ScopeAdded
        )
    }

    /// Whether code written against the crate generated from the old tree
    /// may stop compiling, or read differently, against the new one: what
    /// it calls or reads is gone or has another type. Added enum members
    /// are not: enums are evolvable (`#[non_exhaustive]`, so every `match`
    /// has a `_` arm), and unknown values already arrive as `Other`.
    pub fn breaks_api(self) -> bool {
        matches!(
            self,
            ChangeKind::EndpointRemoved
                | ChangeKind::OperationRemoved
                | ChangeKind::ModelRemoved
                | ChangeKind::ModelRenamed
                | ChangeKind::PropertyRemoved
                | ChangeKind::PropertyTypeChanged
                | ChangeKind::ResponseChanged
                | ChangeKind::RequestBodyChanged
                | ChangeKind::QueryOptionRemoved
                | ChangeKind::EnumMemberRemoved
                | ChangeKind::ApiItemRemoved
                | ChangeKind::ApiItemChanged
                | ChangeKind::VariantOfExhaustiveEnumAdded
                | ChangeKind::FeatureGateNarrowed
        )
    }

    /// Whether the change adds to the generated API.
    fn adds_api(self) -> bool {
        matches!(
            self,
            ChangeKind::EndpointAdded
                | ChangeKind::OperationAdded
                | ChangeKind::ModelAdded
                | ChangeKind::PropertyAdded
                | ChangeKind::QueryOptionAdded
                | ChangeKind::EnumMemberAdded
                | ChangeKind::ApiItemAdded
                | ChangeKind::FeatureGateWidened
        )
    }

    fn label(self) -> &'static str {
        match self {
            ChangeKind::SchemeBecameSupported => "scheme became supported",
            ChangeKind::PermissionAdded => "permission added",
            ChangeKind::LeastPrivilegedChanged => "least privileged changed",
            ChangeKind::ScopeAdded => "permission scope added",
            ChangeKind::EndpointAdded => "endpoint added",
            ChangeKind::OperationAdded => "operation added",
            ChangeKind::SchemeNoLongerSupported => "scheme no longer supported",
            ChangeKind::PermissionRemoved => "permission removed",
            ChangeKind::ScopeRemoved => "permission scope removed",
            ChangeKind::EndpointRemoved => "endpoint removed",
            ChangeKind::OperationRemoved => "operation removed",
            ChangeKind::ModelAdded => "model added",
            ChangeKind::ModelRemoved => "model removed",
            ChangeKind::ModelRenamed => "model renamed",
            ChangeKind::PropertyAdded => "property added",
            ChangeKind::PropertyRemoved => "property removed",
            ChangeKind::PropertyTypeChanged => "property type changed",
            ChangeKind::ResponseChanged => "response type changed",
            ChangeKind::RequestBodyChanged => "request body type changed",
            ChangeKind::QueryOptionAdded => "query option added",
            ChangeKind::QueryOptionRemoved => "query option removed",
            ChangeKind::EnumMemberAdded => "enum member added",
            ChangeKind::EnumMemberRemoved => "enum member removed",
            ChangeKind::ApiItemRemoved => "Rust item removed",
            ChangeKind::ApiItemChanged => "Rust item changed",
            ChangeKind::VariantOfExhaustiveEnumAdded => "variant added to an exhaustive Rust enum",
            ChangeKind::FeatureGateNarrowed => "Rust item needs other features",
            ChangeKind::ApiItemAdded => "Rust item added",
            ChangeKind::FeatureGateWidened => "Rust item on with more features",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub widens_access: bool,
    pub kind: ChangeKind,
    /// The operation, endpoint, model or enum the change is about.
    pub subject: String,
    pub detail: String,
    /// Where the new tree says it (or the old one, for removals).
    pub source: String,
}

type EndpointKey = (ApiVersion, String, String);

fn endpoint_keys(op: &Operation) -> Vec<(EndpointKey, &Endpoint)> {
    op.endpoints
        .iter()
        .map(|e| ((op.version, e.method.clone(), path_key(&e.path)), e))
        .collect()
}

/// Every change from `old` to `new`, widening access first.
pub fn diff(old: &Ir, new: &Ir) -> Vec<Change> {
    let mut out = Vec::new();
    let index = |ir: &Ir| -> BTreeMap<EndpointKey, usize> {
        let mut m = BTreeMap::new();
        for (i, op) in ir.operations.iter().enumerate() {
            for (k, _) in endpoint_keys(op) {
                m.entry(k).or_insert(i);
            }
        }
        m
    };
    let (old_index, new_index) = (index(old), index(new));
    let mut change = |kind: ChangeKind, subject: String, detail: String, source: String| {
        out.push(Change {
            widens_access: kind.widens_access(),
            kind,
            subject,
            detail,
            source,
        })
    };

    // Endpoints and operations.
    let mut paired: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (side, ir, other) in [(0, new, &old_index), (1, old, &new_index)] {
        for op in &ir.operations {
            let keys = endpoint_keys(op);
            let partners: BTreeSet<usize> = keys
                .iter()
                .filter_map(|(k, _)| other.get(k).copied())
                .collect();
            let source = op
                .sources
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            if partners.is_empty() {
                let kind = if side == 0 {
                    ChangeKind::OperationAdded
                } else {
                    ChangeKind::OperationRemoved
                };
                change(kind, op.id.clone(), describe_endpoints(op), source);
                continue;
            }
            let this = ir
                .operations
                .iter()
                .position(|o| std::ptr::eq(o, op))
                .unwrap_or(0);
            for &p in &partners {
                paired.insert(if side == 0 { (p, this) } else { (this, p) });
            }
            for (k, endpoint) in &keys {
                if !other.contains_key(k) {
                    let kind = if side == 0 {
                        ChangeKind::EndpointAdded
                    } else {
                        ChangeKind::EndpointRemoved
                    };
                    // Where the endpoint is documented: with pages merged,
                    // not always the operation's first page.
                    change(
                        kind,
                        op.id.clone(),
                        format!("{} {}", k.1, endpoint.path),
                        endpoint.source.to_string(),
                    );
                }
            }
        }
    }

    // Permissions and types of paired operations.
    for (o, n) in paired {
        let (old_op, new_op) = (&old.operations[o], &new.operations[n]);
        permission_changes(old_op, new_op, &mut change);
        let source = new_op
            .sources
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let response = |op: &Operation| {
            describe_type(op.response.type_name.as_deref(), op.response.collection)
        };
        if response(old_op) != response(new_op) {
            change(
                ChangeKind::ResponseChanged,
                new_op.id.clone(),
                format!("{} -> {}", response(old_op), response(new_op)),
                source.clone(),
            );
        }
        let body = |op: &Operation| {
            describe_type(
                op.request_body.type_name.as_deref(),
                op.request_body.collection,
            )
        };
        if body(old_op) != body(new_op) {
            change(
                ChangeKind::RequestBodyChanged,
                new_op.id.clone(),
                format!("{} -> {}", body(old_op), body(new_op)),
                source.clone(),
            );
        }
        // What the request builder can set: OData's options (`filter()`)
        // and the operation's own (`start_date_time()`).
        let options = |op: &Operation| -> BTreeSet<String> {
            op.supported_query_options()
                .into_iter()
                .map(str::to_string)
                .chain(op.query_options.parameters.iter().map(|p| p.name.clone()))
                .collect()
        };
        let (before, after) = (options(old_op), options(new_op));
        for (kind, gone_or_new) in [
            (ChangeKind::QueryOptionRemoved, before.difference(&after)),
            (ChangeKind::QueryOptionAdded, after.difference(&before)),
        ] {
            for option in gone_or_new {
                change(kind, new_op.id.clone(), option.clone(), source.clone());
            }
        }
    }

    model_changes(old, new, &mut change);
    sort(&mut out);
    out
}

/// Changes that widen access first, then by kind and subject; no change
/// twice.
fn sort(changes: &mut Vec<Change>) {
    changes.sort_by(|a, b| {
        (!a.widens_access, a.kind, &a.subject, &a.detail, &a.source).cmp(&(
            !b.widens_access,
            b.kind,
            &b.subject,
            &b.detail,
            &b.source,
        ))
    });
    changes.dedup();
}

/// `microsoft.graph.user`, `microsoft.graph.user collection`, or `none`.
fn describe_type(type_name: Option<&str>, collection: bool) -> String {
    match (type_name, collection) {
        (Some(t), true) => format!("{t} collection"),
        (Some(t), false) => t.to_string(),
        (None, _) => "none".to_string(),
    }
}

fn describe_endpoints(op: &Operation) -> String {
    op.endpoints
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .collect::<Vec<_>>()
        .join(", ")
}

fn scope_name(s: &PermissionSet) -> String {
    s.scope
        .clone()
        .unwrap_or_else(|| "(whole operation)".into())
}

/// What a permission set is compared by: the method and path key of each
/// endpoint that carries its scope (or a scope within it, or the one it
/// is within: `GET /me/messages/{id} and 3 more: To get the specified
/// message`), and its label within the page's scope; or, when no endpoint
/// does (a whole operation, Intune's scopes), its name.
fn scope_identity(op: &Operation, set: &PermissionSet) -> String {
    let Some(name) = &set.scope else {
        return scope_name(set);
    };
    let within = |outer: &str, inner: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(": "))
    };
    let mut endpoints: Vec<String> = op
        .endpoints
        .iter()
        .filter(|e| {
            e.scope
                .as_deref()
                .is_some_and(|s| within(name, s) || within(s, name))
        })
        .map(|e| format!("{} {}", e.method, path_key(&e.path)))
        .collect();
    if endpoints.is_empty() {
        return scope_name(set);
    }
    endpoints.sort();
    let label = name.split_once(": ").map_or("", |(_, label)| label);
    format!("{}: {label}", endpoints.join(", "))
}

fn permission_changes(
    old: &Operation,
    new: &Operation,
    change: &mut impl FnMut(ChangeKind, String, String, String),
) {
    // A scope is the endpoints that carry it, where any do: its name is
    // its page's first endpoint, and a page that lists its paths in
    // another order renames it (group-delete-event.md, 2020), which is no
    // scope removed and another added, widening access.
    let by_scope = |op: &Operation| -> BTreeMap<String, PermissionSet> {
        op.permissions
            .iter()
            .map(|s| (scope_identity(op, s), s.clone()))
            .collect()
    };
    let (old_sets, new_sets) = (by_scope(old), by_scope(new));
    let subject = new.id.clone();
    // A page that had one unscoped table and now has labelled ones (or the
    // other way) is compared set against set when each side has one.
    let pairs: Vec<(String, Option<&PermissionSet>, Option<&PermissionSet>)> =
        if let ([a], [b]) = (&old.permissions[..], &new.permissions[..]) {
            vec![(scope_name(b), Some(a), Some(b))]
        } else {
            let scopes: BTreeSet<&String> = old_sets.keys().chain(new_sets.keys()).collect();
            scopes
                .into_iter()
                .map(|s| {
                    let (a, b) = (old_sets.get(s), new_sets.get(s));
                    let name = b.or(a).map(scope_name).unwrap_or_default();
                    (name, a, b)
                })
                .collect()
        };
    for (scope, a, b) in pairs {
        match (a, b) {
            (None, Some(b)) => change(
                ChangeKind::ScopeAdded,
                subject.clone(),
                format!("scope `{scope}`"),
                b.source.to_string(),
            ),
            (Some(a), None) => change(
                ChangeKind::ScopeRemoved,
                subject.clone(),
                format!("scope `{scope}`"),
                a.source.to_string(),
            ),
            (Some(a), Some(b)) => {
                for ((scheme, pa), (_, pb)) in a.schemes().into_iter().zip(b.schemes()) {
                    scheme_changes(
                        &subject,
                        &scope,
                        scheme,
                        pa,
                        pb,
                        &b.source.to_string(),
                        change,
                    );
                }
            }
            (None, None) => {}
        }
    }
}

fn scheme_changes(
    subject: &str,
    scope: &str,
    scheme: Scheme,
    old: &SchemePermissions,
    new: &SchemePermissions,
    source: &str,
    change: &mut impl FnMut(ChangeKind, String, String, String),
) {
    let at = |what: String| format!("{scope}, {}: {what}", scheme.label());
    let mut emit =
        |kind, what: String| change(kind, subject.to_string(), at(what), source.to_string());
    match (old, new) {
        (
            SchemePermissions::Status(SchemeStatus::NotSupported),
            SchemePermissions::Listed { least, .. },
        ) => emit(
            ChangeKind::SchemeBecameSupported,
            format!("now {}", least.join(", ")),
        ),
        (
            SchemePermissions::Listed { least, .. },
            SchemePermissions::Status(SchemeStatus::NotSupported),
        ) => emit(
            ChangeKind::SchemeNoLongerSupported,
            format!("was {}", least.join(", ")),
        ),
        (
            SchemePermissions::Listed {
                least: la,
                higher: ha,
            },
            SchemePermissions::Listed {
                least: lb,
                higher: hb,
            },
        ) => {
            let lower = |v: &Vec<String>| -> BTreeSet<String> {
                v.iter().map(|s| s.to_ascii_lowercase()).collect()
            };
            if lower(la) != lower(lb) {
                emit(
                    ChangeKind::LeastPrivilegedChanged,
                    format!("{} -> {}", la.join(", "), lb.join(", ")),
                );
            }
            let all_a: BTreeMap<String, &String> = la
                .iter()
                .chain(ha)
                .map(|s| (s.to_ascii_lowercase(), s))
                .collect();
            let all_b: BTreeMap<String, &String> = lb
                .iter()
                .chain(hb)
                .map(|s| (s.to_ascii_lowercase(), s))
                .collect();
            for (k, name) in &all_b {
                if !all_a.contains_key(k) {
                    emit(ChangeKind::PermissionAdded, name.to_string());
                }
            }
            for (k, name) in &all_a {
                if !all_b.contains_key(k) {
                    emit(ChangeKind::PermissionRemoved, name.to_string());
                }
            }
        }
        // Unknown on either side says nothing about access.
        _ => {}
    }
}

fn model_changes(old: &Ir, new: &Ir, change: &mut impl FnMut(ChangeKind, String, String, String)) {
    let (om, nm) = (models_of(old), models_of(new));
    let renamed = renamed_models(&om, &nm);
    for (key, m) in &nm {
        let subject = format!("{} ({})", key.1, key.0.as_str());
        let source = m
            .sources
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        match om.get(key) {
            None => match renamed.iter().find(|(_, to)| to == key) {
                Some((from, _)) => change(
                    ChangeKind::ModelRenamed,
                    subject,
                    format!("was {}", from.1),
                    source,
                ),
                None => change(ChangeKind::ModelAdded, subject, String::new(), source),
            },
            Some(o) => {
                for p in m
                    .properties
                    .iter()
                    .filter(|p| !o.properties.iter().any(|q| q.name == p.name))
                {
                    change(
                        ChangeKind::PropertyAdded,
                        subject.clone(),
                        p.name.clone(),
                        p.source.to_string(),
                    );
                }
                for p in &m.properties {
                    let Some(q) = o.properties.iter().find(|q| q.name == p.name) else {
                        continue;
                    };
                    let (was, is) = (
                        describe_type(Some(&q.type_name), q.collection),
                        describe_type(Some(&p.type_name), p.collection),
                    );
                    if was != is {
                        change(
                            ChangeKind::PropertyTypeChanged,
                            subject.clone(),
                            format!("{}: {was} -> {is}", p.name),
                            p.source.to_string(),
                        );
                    }
                }
                for p in o
                    .properties
                    .iter()
                    .filter(|p| !m.properties.iter().any(|q| q.name == p.name))
                {
                    change(
                        ChangeKind::PropertyRemoved,
                        subject.clone(),
                        p.name.clone(),
                        p.source.to_string(),
                    );
                }
            }
        }
    }
    for (key, m) in &om {
        if !nm.contains_key(key) && !renamed.iter().any(|(from, _)| from == key) {
            let source = m
                .sources
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            change(
                ChangeKind::ModelRemoved,
                format!("{} ({})", key.1, key.0.as_str()),
                String::new(),
                source,
            );
        }
    }
    let (oe, ne) = (enums_of(old), enums_of(new));
    for (key, e) in &ne {
        let subject = format!("{} ({})", key.1, key.0.as_str());
        let source = e
            .sources
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let before: &[String] = oe.get(key).map_or(&[], |o| &o.members);
        for m in e.members.iter().filter(|m| !before.contains(m)) {
            change(
                ChangeKind::EnumMemberAdded,
                subject.clone(),
                m.clone(),
                source.clone(),
            );
        }
        for m in before.iter().filter(|m| !e.members.contains(m)) {
            change(
                ChangeKind::EnumMemberRemoved,
                subject.clone(),
                m.clone(),
                source.clone(),
            );
        }
    }
}

type ModelKey = (ApiVersion, String);

/// Models of one tree that the other has under another name: the same
/// origin and the same properties (names, types, collections), and no
/// other candidate on either side. Request bodies made from parameter
/// tables are renamed when a same-named action appears
/// (`invitePostRequestBody` became `itemsInvitePostRequestBody` from 2019
/// to 2020); listed as removed and added, they read as two changes where
/// there is one.
fn renamed_models(
    om: &BTreeMap<ModelKey, &crate::ir::Model>,
    nm: &BTreeMap<ModelKey, &crate::ir::Model>,
) -> Vec<(ModelKey, ModelKey)> {
    type Shape<'m> = (crate::ir::ModelOrigin, Vec<(&'m str, &'m str, bool)>);
    fn shape(m: &crate::ir::Model) -> Shape<'_> {
        let mut props: Vec<(&str, &str, bool)> = m
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.type_name.as_str(), p.collection))
            .collect();
        props.sort_unstable();
        (m.origin, props)
    }
    let gone: Vec<(&ModelKey, Shape)> = om
        .iter()
        .filter(|(k, _)| !nm.contains_key(*k))
        .map(|(k, m)| (k, shape(m)))
        .collect();
    let added: Vec<(&ModelKey, Shape)> = nm
        .iter()
        .filter(|(k, _)| !om.contains_key(*k))
        .map(|(k, m)| (k, shape(m)))
        .collect();
    let mut out = Vec::new();
    for (from, was) in &gone {
        let like = |k: &ModelKey, s: &Shape| k.0 == from.0 && s == was;
        let to: Vec<&&ModelKey> = added
            .iter()
            .filter(|(k, s)| like(k, s))
            .map(|(k, _)| k)
            .collect();
        let twins = gone.iter().filter(|(k, s)| like(k, s)).count();
        if let ([to], 1) = (&to[..], twins) {
            if !was.1.is_empty() {
                out.push(((*from).clone(), (**to).clone()));
            }
        }
    }
    out
}

fn models_of(ir: &Ir) -> BTreeMap<(ApiVersion, String), &crate::ir::Model> {
    ir.models
        .iter()
        .map(|m| ((m.version, m.name.clone()), m))
        .collect()
}

fn enums_of(ir: &Ir) -> BTreeMap<(ApiVersion, String), &crate::ir::EnumType> {
    ir.enums
        .iter()
        .map(|e| ((e.version, e.name.clone()), e))
        .collect()
}

/// What changed since the crate a regen replaces.
#[derive(Clone, Debug, Default)]
pub struct SinceCrate {
    /// In the docs (from `ir.yaml`) and in the Rust items (from `api.txt`,
    /// see `surface`), sorted as [`diff`] sorts.
    pub changes: Vec<Change>,
    /// Why the Rust items were not compared, when they were not (the crate
    /// is from before `api.txt`, or its copy does not read).
    pub api_not_compared: Option<String>,
}

/// The changes from the crate in `out` to the one of `files`, made from
/// `new`: from the IR that crate was generated from (its `ir.yaml`), none
/// when the two `ir.yaml`s are the same text; and from its Rust items (its
/// `api.txt`), which a new generator can change while the docs stay the
/// same. `Ok(None)` when `out` has no `ir.yaml` (a first regen, or a crate
/// from before the file); an error, saying why, when it has one that does
/// not read as an IR (a merge left conflict markers in it, or it was
/// edited), so that the change log is not silently missing.
pub fn since_crate(
    out: &std::path::Path,
    files: &[crate::write::GeneratedFile],
    new: &Ir,
) -> Result<Option<SinceCrate>, String> {
    let read = |name: &str| -> Result<Option<String>, String> {
        let path = out.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    };
    let new_file = |name: &str| files.iter().find(|f| f.path == name).map(|f| &f.contents);
    let Some(old_text) = read(crate::emit::IR_FILE)? else {
        return Ok(None);
    };
    let mut since = SinceCrate::default();
    if new_file(crate::emit::IR_FILE) != Some(&old_text) {
        let old: Ir = serde_yaml::from_str(&old_text).map_err(|e| {
            format!(
                "{} does not read as an IR: {e}",
                out.join(crate::emit::IR_FILE).display()
            )
        })?;
        since.changes = diff(&old, new);
    }
    let api = crate::surface::FILE;
    match (read(api)?, new_file(api)) {
        (Some(old), Some(now)) => match listing_changes(&old, now) {
            Ok(changes) => {
                since.changes.extend(changes);
                sort(&mut since.changes);
            }
            Err(why) => {
                since.api_not_compared = Some(format!("{}: {why}", out.join(api).display()))
            }
        },
        (None, _) => {
            since.api_not_compared = Some(format!(
                "the crate has no {api} (it is from before the file)"
            ))
        }
        (Some(_), None) => {}
    }
    Ok(Some(since))
}

/// The changes between two listings of Rust items (`api.txt`): none
/// when they are the same text.
fn listing_changes(old: &str, new: &str) -> Result<Vec<Change>, String> {
    if old == new {
        return Ok(Vec::new());
    }
    let old = crate::surface::Listing::read(old)?;
    let new = crate::surface::Listing::read(new)
        .map_err(|e| format!("the new listing does not read: {e}"))?;
    Ok(crate::surface::changes(&old, &new))
}

/// [`diff`], and the changes of the Rust items of the crates the two IRs
/// make (their `api.txt`, see `surface`): what the emitter makes of the
/// docs' changes (a method renamed by a new overload, a model that leaves
/// an area's feature). The two crates are emitted side by side.
pub fn diff_with_crates(old: &Ir, new: &Ir) -> Result<Vec<Change>, String> {
    let listing = |ir: &Ir| -> Result<String, String> {
        crate::emit::generate(ir)?
            .into_iter()
            .find(|f| f.path == crate::surface::FILE)
            .map(|f| f.contents)
            .ok_or_else(|| format!("the crate has no {}", crate::surface::FILE))
    };
    let (old_listing, new_listing, mut changes) = std::thread::scope(|s| {
        let old_listing = s.spawn(|| listing(old));
        let new_listing = listing(new);
        let changes = diff(old, new);
        let old_listing = old_listing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old_listing, new_listing, changes)
    });
    changes.extend(listing_changes(&old_listing?, &new_listing?)?);
    sort(&mut changes);
    Ok(changes)
}

/// The head of the change log: how many changes, what they mean for the
/// crate's version, and a count per kind.
pub fn render_summary(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
    for c in changes {
        *counts.entry(c.kind).or_default() += 1;
    }
    let _ = writeln!(out, "{} changes", changes.len());
    let _ = writeln!(out, "generated crate: {}", impact(changes).describe());
    for (kind, n) in &counts {
        let _ = writeln!(
            out,
            "  {n:>5}  {}{}",
            kind.label(),
            if kind.widens_access() {
                " (widens access)"
            } else {
                ""
            }
        );
    }
    out
}

/// The change log as text: a count per kind, then every change.
pub fn render(changes: &[Change]) -> String {
    let mut out = render_summary(changes);
    let mut last = None;
    for c in changes {
        if last != Some(c.kind) {
            let _ = writeln!(out, "\n{}:", kind_heading(c.kind));
            last = Some(c.kind);
        }
        if c.detail.is_empty() {
            let _ = writeln!(out, "  {}  [{}]", c.subject, c.source);
        } else {
            let _ = writeln!(out, "  {}: {}  [{}]", c.subject, c.detail, c.source);
        }
    }
    out
}

/// What the changes mean for the version of the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing its API offers changed (permissions metadata may have).
    None,
    /// Only additions: a minor version.
    Additive,
    /// Something code may use is gone or retyped: a major version.
    Breaking,
}

impl Impact {
    /// `none`, `additive` or `breaking`, as JSON spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Impact::None => "no API change (a patch release, if any)",
            Impact::Additive => "additive (a minor release)",
            Impact::Breaking => {
                "breaking (a major release): something code may use is gone or has another type"
            }
        }
    }
}

/// The strongest impact among `changes`.
pub fn impact(changes: &[Change]) -> Impact {
    changes
        .iter()
        .map(|c| {
            if c.kind.breaks_api() {
                Impact::Breaking
            } else if c.kind.adds_api() {
                Impact::Additive
            } else {
                Impact::None
            }
        })
        .max()
        .unwrap_or(Impact::None)
}

fn kind_heading(kind: ChangeKind) -> String {
    let label = kind.label();
    let mut chars = label.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or(' ');
    format!("{first}{}", chars.as_str())
}
