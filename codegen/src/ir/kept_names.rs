//! The request-body names (and operation ids, areas and function calls'
//! method names) a generated crate already has, kept from one
//! regeneration to the next. A body model's name depends on the rest of
//! the tree: `invitePostRequestBody` while one `invite` action takes a
//! table, `itemsInvitePostRequestBody` once another `invite` takes a
//! different one (see `request_bodies`). From the 2019 tree to the 2020
//! one, three bodies were renamed so, each a breaking change for the
//! applications that named them. `names.lock`, written beside the crate,
//! records the name each operation's body got; the next regen gives it
//! that name again while the name is free and the operations that keep
//! it share one parameter list, and names the newcomers further along
//! their paths instead.
//!
//! Operation ids are kept the same way. An id comes from the method and
//! path (`v1_get_workbook_worksheets_by_id_range`); where two operations
//! derive one id, the later in path order is `..._2`, and so are the
//! names made from it (its options marker type, its entry in the
//! permissions table). A newcomer that sorts first would take the bare id
//! from the operation that had it, and that one would become `..._2`.
//! The file records each operation's id beside the page it comes from;
//! the next regen gives the operation of that page that derives that id
//! (bare or numbered) the same one again, and numbers the newcomers.
//!
//! An id also changes when the docs rename a placeholder
//! (`/planner/plans/{id}` became `/planner/plans/{plan-id}` from 2019 to
//! 2020: `v1_get_planner_plans_by_plan_id`) or list another endpoint of
//! the operation first (`/me/manager` before `/users/{id}/manager`). So
//! the file also records each endpoint of each operation, by method and
//! path key (placeholders as `{}`); an operation whose derived id the file
//! does not know, and that serves an endpoint an operation of the file
//! served, keeps that operation's id while no operation derives it. From
//! 2019 to 2020, eight of the ten ids that went are kept so; the two left
//! are of operations the 2020 tree no longer documents.
//!
//! A function that gains an overload names each of its calls by their
//! parameters (`get_email_activity_user_detail_with_period_value` beside
//! `..._with_date_value`), which would rename the method the crate had
//! (`get_email_activity_user_detail`); one that loses its overloads would
//! name its last call by the function alone. The file lists how each
//! function call's builder method is named (`v1.0 call
//! /reports/getemailactivityuserdetail(period='{}')` for the bare name,
//! `... with` for one with parameters); the next regen keeps that name,
//! and names only the newcomers afresh (`Ir::kept_calls`).
//!
//! The page line also holds the area features the operation is on with.
//! When the docs move it to another area (`ms.prod`), it keeps the old
//! ones beside the new (`Operation::former_areas`), so that a build that
//! asked for the old area still has it.

use super::{simple_name, ApiVersion, Ir, ModelOrigin};
use crate::diagnostics::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The file's name, in the crate's folder.
pub const FILE: &str = "names.lock";

/// The most areas a line gives one operation: one for each area the docs
/// ever moved it to is far fewer; a file edited to give thousands would
/// declare a feature for each.
const MAX_AREAS: usize = 16;

/// The kept names, by the version and id of the operation whose body has
/// it, with what reading them found.
#[derive(Clone, Debug, Default)]
pub struct KeptNames {
    by_operation: BTreeMap<(ApiVersion, String), String>,
    /// The operation ids each page's operations had, by version and the
    /// page's file name (`range-get.md`).
    ids_by_page: BTreeMap<(ApiVersion, String), BTreeSet<String>>,
    /// The operation ids each endpoint belonged to, by version, method and
    /// path key (`/planner/plans/{}`).
    ids_by_endpoint: BTreeMap<(ApiVersion, String, String), BTreeSet<String>>,
    /// Every operation id the file gives, by version.
    known_ids: BTreeSet<(ApiVersion, String)>,
    /// The area features each operation was on with, by version and id.
    areas: BTreeMap<(ApiVersion, String), BTreeSet<String>>,
    /// The area features each model and enum was on with, by version and
    /// qualified name.
    type_areas: BTreeMap<(ApiVersion, String), BTreeSet<String>>,
    /// How each function call's builder method was named, by version and
    /// tree key.
    calls: BTreeMap<(ApiVersion, String), super::CallName>,
    pub diagnostics: Vec<Diagnostic>,
}

impl KeptNames {
    /// The names kept in the crate folder `out`: none when it has no
    /// `names.lock` (a first regen, or a crate made elsewhere).
    pub fn in_crate(out: &Path, display: &str) -> KeptNames {
        let file = format!("{}/{FILE}", display.trim_end_matches('/'));
        match std::fs::read(out.join(FILE)) {
            Ok(bytes) => KeptNames::read(&String::from_utf8_lossy(&bytes), &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => KeptNames::default(),
            Err(e) => KeptNames {
                diagnostics: vec![Diagnostic::new(
                    Code::UnreadableKeptName,
                    &*file,
                    1,
                    format!(
                        "cannot read the kept names ({e}); every operation id and body is named afresh"
                    ),
                )],
                ..KeptNames::default()
            },
        }
    }

    /// Reads `<version> <operation id> <page> <areas>` (the areas may be
    /// left out, as files from before them do), `<version> <operation id>
    /// <name>`, `<version> <operation id> <method> <path key>`, `<version>
    /// type <model or enum> <areas>` and `<version> call <function call>
    /// [with]` lines;
    /// `#` starts a comment. A line that is not one (the
    /// file is written by regen, but it may be edited or merged by hand) is
    /// dropped with a warning, and that id or body is named afresh (a
    /// second name for one operation, as a merge of two branches leaves,
    /// is dropped, and the first kept).
    pub fn read(text: &str, file: &str) -> KeptNames {
        let mut kept = KeptNames::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let version = words.first().and_then(|v| version_of(v));
            const AFRESH: &str = "that id or body is named afresh";
            let why = match (version, words.as_slice()) {
                (None, _) => Some(format!(
                    "its version is neither `v1.0` nor `beta`; {AFRESH}"
                )),
                (Some(version), [_, id, page, areas @ ..])
                    if is_id(id)
                        && is_page(page)
                        && areas.len() <= MAX_AREAS
                        && areas.iter().all(|a| is_area_feature(a)) =>
                {
                    kept.ids_by_page
                        .entry((version, page.to_string()))
                        .or_default()
                        .insert(id.to_string());
                    kept.known_ids.insert((version, id.to_string()));
                    if !areas.is_empty() {
                        kept.areas
                            .entry((version, id.to_string()))
                            .or_default()
                            .extend(areas.iter().map(|a| a.to_string()));
                    }
                    None
                }
                (Some(version), [_, "type", name, areas @ ..])
                    if is_type_name(name)
                        && !areas.is_empty()
                        && areas.len() <= MAX_AREAS
                        && areas.iter().all(|a| is_area_feature(a)) =>
                {
                    kept.type_areas
                        .entry((version, name.to_string()))
                        .or_default()
                        .extend(areas.iter().map(|a| a.to_string()));
                    None
                }
                (Some(version), [_, "call", key, name @ ..])
                    if is_call_key(key) && matches!(name, [] | ["with"]) =>
                {
                    let name = if name.is_empty() {
                        super::CallName::Bare
                    } else {
                        super::CallName::WithParameters
                    };
                    match kept.calls.get(&(version, key.to_string())) {
                        // Two sides of a merge: the first name stays.
                        Some(other) if *other != name => Some(
                            "its call is named otherwise on an earlier line, which it keeps"
                                .to_string(),
                        ),
                        _ => {
                            kept.calls.insert((version, key.to_string()), name);
                            None
                        }
                    }
                }
                (_, [_, "call", ..]) => Some(
                    "it is not `<version> call <function call>` or `<version> call <function call> with` (a tree key from `/`, with `(` and placeholders as `{}`); that call is named afresh"
                        .to_string(),
                ),
                (_, [_, "type", ..]) => Some(format!(
                    "it is not `<version> type <model or enum> <areas>` (a qualified name, `microsoft.graph.user`, and {MAX_AREAS} areas at most, `area-outlook`); that type is gated afresh"
                )),
                (Some(version), [_, id, method, key])
                    if is_id(id)
                        && is_method(method)
                        && is_path_key(key)
                        && names_its_endpoint(version, id, method) =>
                {
                    kept.ids_by_endpoint
                        .entry((version, method.to_string(), key.to_string()))
                        .or_default()
                        .insert(id.to_string());
                    kept.known_ids.insert((version, id.to_string()));
                    None
                }
                (_, [_, _, page, _, ..]) if is_page(page) => Some(format!(
                    "its operation id or areas are not ones regen writes (areas as features, `area-outlook`, {MAX_AREAS} at most); {AFRESH}"
                )),
                (_, [_, _, _, _]) => Some(format!(
                    "its operation id, method or path is not one regen writes (a method in capitals, a path from `/` with placeholders as `{{}}`, an id that starts with the version and the method, `v1_get_`); {AFRESH}"
                )),
                (_, [_, id, name]) if !is_id(id) || !is_body_name(name) => Some(format!(
                    "its operation id, page or name is not one regen writes (a page ends in `.md` or `.txt`, a name in `RequestBody`); {AFRESH}"
                )),
                (Some(version), [_, id, name]) => {
                    let key = (version, id.to_string());
                    match kept.by_operation.get(&key) {
                        // Two sides of a merge: the first name stays.
                        Some(other) if other != name => Some(format!(
                            "its operation is given another name on an earlier line (`{other}`), which it keeps"
                        )),
                        _ => {
                            kept.by_operation.insert(key, name.to_string());
                            None
                        }
                    }
                }
                _ => Some(format!(
                    "it is none of `<version> <operation id> <page> <areas>`, `<version> <operation id> <name>`, `<version> <operation id> <method> <path key>`, `<version> type <model or enum> <areas>` and `<version> call <function call> [with]`; {AFRESH}"
                )),
            };
            if let Some(why) = why {
                kept.diagnostics.push(Diagnostic::new(
                    Code::UnreadableKeptName,
                    file,
                    u32::try_from(number + 1).unwrap_or(u32::MAX),
                    format!("line dropped: {why}"),
                ));
            }
        }
        kept
    }

    /// The name the body of operation `id` of `version` had, unqualified.
    pub fn get(&self, version: ApiVersion, id: &str) -> Option<&str> {
        self.by_operation
            .get(&(version, id.to_string()))
            .map(String::as_str)
    }

    /// The ids the operations of page `page` (a file name) of `version`
    /// had that an operation deriving `derived` may keep: `derived` itself
    /// or `derived` numbered (`derived_2`), in the file's order.
    pub fn ids_for<'k>(
        &'k self,
        version: ApiVersion,
        page: &str,
        derived: &'k str,
    ) -> impl Iterator<Item = &'k str> + 'k {
        self.ids_by_page
            .get(&(version, page.to_string()))
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(move |id| {
                id.strip_prefix(derived).is_some_and(|rest| {
                    rest.is_empty()
                        || rest
                            .strip_prefix('_')
                            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                })
            })
    }

    /// The ids of the operations that served endpoint `method key` (a
    /// path key, `/planner/plans/{}`) of `version`, sorted (a file
    /// regen writes has one; a merge of two may give more).
    pub fn ids_by_endpoint<'k>(
        &'k self,
        version: ApiVersion,
        method: &str,
        key: &str,
    ) -> impl Iterator<Item = &'k str> + 'k {
        self.ids_by_endpoint
            .get(&(version, method.to_string(), key.to_string()))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether the file gives some operation of `version` the id `id`.
    pub fn knows_id(&self, version: ApiVersion, id: &str) -> bool {
        self.known_ids.contains(&(version, id.to_string()))
    }

    /// Whether any operation id is kept.
    pub fn keeps_ids(&self) -> bool {
        !self.known_ids.is_empty()
    }

    /// The area features the file had each model and enum of `ir` on
    /// with: each stays on with them when no operation of the area needs
    /// it any more (a response type changed, an operation went), so that
    /// code naming it still builds.
    /// Only the areas the operations of `ir` do not switch the type on
    /// with already are given.
    pub fn former_type_areas(&self, ir: &Ir) -> Vec<super::TypeAreas> {
        if self.type_areas.is_empty() {
            return Vec::new();
        }
        let index = crate::emit::models::TypeIndex::new(ir);
        let now = crate::emit::features::TypeFeatures::new(ir, &index);
        ir.models
            .iter()
            .map(|m| (m.version, &m.name))
            .chain(ir.enums.iter().map(|e| (e.version, &e.name)))
            .filter_map(|(version, name)| {
                let had = self.type_areas.get(&(version, name.clone()))?;
                let on = now.of(version, name);
                let areas: Vec<String> = had.iter().filter(|a| !on.contains(*a)).cloned().collect();
                (!areas.is_empty()).then(|| super::TypeAreas {
                    version,
                    name: name.clone(),
                    areas,
                })
            })
            .collect()
    }

    /// The calls of `ir`'s functions whose kept method name is not the one
    /// they would have afresh: one that had the bare name and now shares
    /// its function with another call keeps it (unless a segment of
    /// another kind has it), and the other calls are named by their
    /// parameters; one that was named by its parameters and is now its
    /// function's only call keeps them (see `emit::requests::overloads`).
    pub fn kept_calls(&self, ir: &Ir) -> Vec<super::KeptCall> {
        if self.calls.is_empty() {
            return Vec::new();
        }
        let calls = crate::emit::requests::function_calls(ir);
        self.calls
            .iter()
            .filter(|(call, name)| match name {
                super::CallName::Bare => calls.may_keep_bare.contains(*call),
                super::CallName::WithParameters => calls.may_keep_parameters.contains(*call),
            })
            .map(|((version, key), name)| super::KeptCall {
                version: *version,
                key: key.clone(),
                name: *name,
            })
            .collect()
    }

    /// Forgets the areas the file gives operations and types, so that each
    /// is on with the areas the docs give it now (`regen --reset-areas`):
    /// kept areas only grow, and a major release may start them afresh.
    pub fn forget_areas(&mut self) {
        self.areas.clear();
        self.type_areas.clear();
    }

    /// Gives each operation the area features the file had it on with
    /// beside its own area's: a docs update that moves an operation to
    /// another area (2019 to 2020: `/me/mailboxSettings` from
    /// microsoft-identity-platform to outlook) leaves it on for the builds
    /// that asked for the old one.
    pub fn former_areas(&self, ops: &mut [super::Operation]) {
        for op in ops {
            let Some(areas) = self.areas.get(&(op.version, op.id.clone())) else {
                continue;
            };
            let own = crate::emit::features::area_feature(op.area.as_deref());
            op.former_areas = areas.iter().filter(|a| **a != own).cloned().collect();
        }
    }

    /// The file for the crate of `ir`: a line for each operation (its id
    /// and the page it comes from), one for each of its endpoints (its id,
    /// method and path key), and one for each operation whose body is a
    /// model made from its table, sorted.
    pub fn render(ir: &Ir, header: &str) -> String {
        let index = crate::emit::models::TypeIndex::new(ir);
        let types = crate::emit::features::TypeFeatures::new(ir, &index);
        KeptNames::render_with_types(ir, &types, header)
    }

    /// [`KeptNames::render`], with the types' features the emitter has
    /// worked out already.
    pub fn render_with_types(
        ir: &Ir,
        types: &crate::emit::features::TypeFeatures,
        header: &str,
    ) -> String {
        let bodies: BTreeSet<(ApiVersion, &str)> = ir
            .models
            .iter()
            .filter(|m| m.origin == ModelOrigin::RequestBody)
            .map(|m| (m.version, m.name.as_str()))
            .collect();
        let mut lines: Vec<String> = ir
            .operations
            .iter()
            .filter_map(|op| {
                let ty = op.request_body.type_name.as_deref()?;
                bodies
                    .contains(&(op.version, ty))
                    .then(|| format!("{} {} {}", op.version.as_str(), op.id, simple_name(ty)))
            })
            .collect();
        lines.extend(ir.operations.iter().filter_map(|op| {
            let page = page_name(&op.sources.first()?.file)?;
            let areas: Vec<String> = crate::emit::features::op_areas(op).into_iter().collect();
            Some(format!(
                "{} {} {page} {}",
                op.version.as_str(),
                op.id,
                areas.join(" ")
            ))
        }));
        lines.extend(ir.operations.iter().flat_map(|op| {
            op.endpoints.iter().filter_map(|e| {
                let key = crate::parse::http::path_key(&e.path);
                (is_method(&e.method) && is_path_key(&key))
                    .then(|| format!("{} {} {} {key}", op.version.as_str(), op.id, e.method))
            })
        }));
        // The types' areas, as the emitter gates them.
        lines.extend(types.areas().map(|(version, name, areas)| {
            format!("{} type {name} {}", version.as_str(), areas.join(" "))
        }));
        // How each function call is named.
        lines.extend(
            crate::emit::requests::function_calls(ir)
                .names
                .into_iter()
                .filter(|((_, key), _)| is_call_key(key))
                .map(|((version, key), name)| match name {
                    super::CallName::Bare => format!("{} call {key}", version.as_str()),
                    super::CallName::WithParameters => {
                        format!("{} call {key} with", version.as_str())
                    }
                }),
        );
        lines.sort();
        lines.dedup();
        let mut out = format!(
            "# {header}\n# What the next regen keeps of this crate: operation ids, request-body names, the\n# areas operations and types are on with, and the bare names of function calls\n# (see codegen/src/ir/kept_names.rs). `<version> <operation id> <page> <areas>`,\n# `<version> <operation id> <name>`, `<version> <operation id> <method> <path key>`,\n# `<version> type <model or enum> <areas>`, `<version> call <function call> [with]`.\n"
        );
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// The file name of a page (`range-get.md`), as a line of the file holds
/// it: the last part of its path, when that is one regen writes.
pub fn page_name(file: &str) -> Option<&str> {
    let name = file.rsplit(['/', '\\']).next()?;
    is_page(name).then_some(name)
}

/// A page's file name as regen writes them: ASCII letters, digits, `-`,
/// `_` and `.`, ending in `.md` or `.txt`.
fn is_page(name: &str) -> bool {
    (name.ends_with(".md") || name.ends_with(".txt"))
        && name.len() > ".md".len()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn version_of(text: &str) -> Option<ApiVersion> {
    [ApiVersion::V1, ApiVersion::Beta]
        .into_iter()
        .find(|v| v.as_str() == text)
}

/// An operation id as regen makes them: lowercase ASCII words and digits
/// joined by `_`.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A model's or enum's name as the docs write them: ASCII letters, digits,
/// `.` and `_` (`microsoft.graph.user`, `invitePostRequestBody`).
fn is_type_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
}

/// An area feature as regen names them (`area-outlook`): `area-` and
/// lowercase ASCII words joined by `-`.
fn is_area_feature(name: &str) -> bool {
    name.strip_prefix("area-").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('-')
            && !rest.ends_with('-')
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// An HTTP method as the IR writes them: capital ASCII letters.
fn is_method(method: &str) -> bool {
    !method.is_empty() && method.len() <= 16 && method.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `id` starts as regen starts the ids of `method` endpoints of
/// `version`: `v1_get_...` for a `GET` of v1.0. An endpoint line keeps any
/// id it gives, not only one the operation derives, so an id of another
/// method or version is not taken from it.
fn names_its_endpoint(version: ApiVersion, id: &str, method: &str) -> bool {
    id.strip_prefix(version.id_prefix())
        .and_then(|rest| rest.strip_prefix('_'))
        .and_then(|rest| {
            rest.get(..method.len())
                .filter(|m| m.eq_ignore_ascii_case(method))
                .map(|_| &rest[method.len()..])
        })
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
}

/// A function call's tree key as regen writes them
/// (`/reports/getemailactivityuserdetail(period='{}')`): a path key with a
/// call in its last segment.
fn is_call_key(key: &str) -> bool {
    is_path_key(key)
        && key
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('('))
}

/// A path key as regen writes them (`/planner/plans/{}`): from `/`, one
/// word with no control character. It is only looked up, never emitted.
fn is_path_key(key: &str) -> bool {
    key.starts_with('/') && !key.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A body model's name as regen makes them: ASCII letters and digits,
/// starting with a letter, ending in `RequestBody`.
fn is_body_name(name: &str) -> bool {
    name.len() > "RequestBody".len()
        && name.ends_with("RequestBody")
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IR of API pages of area `area`, each a name and the `GET`s its
    /// HTTP request section lists.
    fn ir_of_pages(area: &str, pages: &[(&str, &[&str])]) -> Ir {
        let files: Vec<(String, String)> = pages
            .iter()
            .map(|(name, paths)| {
                let requests: String = paths.iter().map(|p| format!("GET {p}\n")).collect();
                (
                    format!("api-reference/v1.0/api/{name}.md"),
                    format!(
                        "---\ntitle: \"{name}\"\nms.prod: \"{area}\"\ndoc_type: apiPageType\n---\n# {name}\n\n\
                         ## HTTP request\n\n```http\n{requests}```\n"
                    ),
                )
            })
            .collect();
        let names: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
        let loader = crate::parse::Loader::memory(files.into_iter().collect());
        crate::build_ir(crate::parse_pages(&loader, &names))
    }

    /// The `api.txt` of the crate of `ir`.
    fn api_of(ir: &Ir) -> String {
        let files = crate::emit::generate(ir).unwrap();
        files
            .into_iter()
            .find(|f| f.path == "api.txt")
            .map(|f| f.contents)
            .unwrap_or_default()
    }

    #[test]
    fn lines_regen_does_not_write_are_dropped_with_their_line() {
        let text = "# comment\n\n\
            v1.0 v1_post_me_events_by_id_decline declinePostRequestBody\n\
            beta beta_post_x xPostRequestBody\n\
            v2 v2_post_x xPostRequestBody\n\
            v1.0 v1_post_y\n\
            v1.0 v1_post_z zPostRequestBody(); std::process::exit(1)\n\
            v1.0 V1_POST_Z zPostRequestBody\n\
            v1.0 v1_post_w notABody\n\
            v1.0 v1_post_me_events_by_id_decline otherPostRequestBody\n\
            v1.0 v1_post_me_events_by_id_decline declinePostRequestBody\n";
        let kept = KeptNames::read(text, "generated/names.lock");
        assert_eq!(
            kept.get(ApiVersion::V1, "v1_post_me_events_by_id_decline"),
            Some("declinePostRequestBody")
        );
        assert_eq!(
            kept.get(ApiVersion::Beta, "beta_post_x"),
            Some("xPostRequestBody")
        );
        assert_eq!(kept.by_operation.len(), 2);
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [5, 6, 7, 8, 9, 10]);
        assert!(kept
            .diagnostics
            .iter()
            .all(|d| d.code == Code::UnreadableKeptName && d.file == "generated/names.lock"));
    }

    #[test]
    fn operation_ids_are_kept_by_page_for_the_ids_an_operation_derives() {
        let text = "v1.0 v1_get_range range-get.md\n\
            v1.0 v1_get_range_2 range-get.md\n\
            v1.0 v1_get_range_two range-get.md\n\
            v1.0 v1_get_ranges range-get.md\n\
            beta beta_get_range range-get.md\n\
            v1.0 v1_get_x ../../etc/passwd.md\n\
            v1.0 v1_get_x page.yaml\n\
            v1.0 v1_get_x .md\n";
        let kept = KeptNames::read(text, "names.lock");
        let ids = |version, page, derived| -> Vec<&str> {
            kept.ids_for(version, page, derived).collect()
        };
        // Bare or numbered; not another id that starts the same.
        assert_eq!(
            ids(ApiVersion::V1, "range-get.md", "v1_get_range"),
            ["v1_get_range", "v1_get_range_2"]
        );
        assert_eq!(
            ids(ApiVersion::Beta, "range-get.md", "beta_get_range"),
            ["beta_get_range"]
        );
        assert!(ids(ApiVersion::V1, "other.md", "v1_get_range").is_empty());
        assert!(kept.keeps_ids());
        // A page is a file name: a path, or another kind of file, is no page.
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [6, 7, 8]);
        assert_eq!(
            page_name("spec/api-reference/v1.0/api/range-get.md"),
            Some("range-get.md")
        );
        assert_eq!(page_name("docs\\api\\user-get.txt"), Some("user-get.txt"));
        assert_eq!(page_name("api/range get.md"), None);
    }

    #[test]
    fn areas_are_kept_beside_the_page() {
        let text = "v1.0 v1_get_me_mailbox_settings user-get-mailboxsettings.md area-microsoft-identity-platform\n\
            v1.0 v1_get_x x.md area-outlook area-users\n\
            v1.0 v1_get_y y.md Outlook\n\
            v1.0 v1_get_z z.md area-\n";
        let kept = KeptNames::read(text, "names.lock");
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4]);
        let mut ops = ir_of_pages(
            "outlook",
            &[
                ("a", &["/me/mailboxSettings"]),
                ("b", &["/x"]),
                ("c", &["/new"]),
            ],
        )
        .operations;
        let ids: Vec<&str> = ops.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            ["v1_get_me_mailbox_settings", "v1_get_new", "v1_get_x"]
        );
        kept.former_areas(&mut ops);
        // The areas it had beside its own; none for a newcomer.
        assert_eq!(ops[0].former_areas, ["area-microsoft-identity-platform"]);
        assert!(ops[1].former_areas.is_empty());
        assert_eq!(ops[2].former_areas, ["area-users"]);
    }

    #[test]
    fn endpoints_are_kept_by_method_and_path_key() {
        let text = "v1.0 v1_get_planner_plans_by_id GET /planner/plans/{}\n\
            v1.0 v1_patch_planner_plans_by_id PATCH /planner/plans/{}\n\
            beta beta_get_planner_plans_by_id GET /planner/plans/{}\n\
            v1.0 v1_get_x get /x\n\
            v1.0 v1_get_x GET x/{}\n\
            v1.0 v1_get_x GET /x\u{7}\n\
            v1.0 v1_get_x GET /x {}\n\
            v1.0 beta_get_x GET /x\n\
            v1.0 v1_post_x GET /x\n\
            v1.0 v1_getx GET /x\n\
            v1.0 v1_get GET /\n";
        let kept = KeptNames::read(text, "names.lock");
        let ids = |version, method, key| -> Vec<&str> {
            kept.ids_by_endpoint(version, method, key).collect()
        };
        assert_eq!(
            ids(ApiVersion::V1, "GET", "/planner/plans/{}"),
            ["v1_get_planner_plans_by_id"]
        );
        assert_eq!(
            ids(ApiVersion::V1, "PATCH", "/planner/plans/{}"),
            ["v1_patch_planner_plans_by_id"]
        );
        assert_eq!(
            ids(ApiVersion::Beta, "GET", "/planner/plans/{}"),
            ["beta_get_planner_plans_by_id"]
        );
        assert!(ids(ApiVersion::V1, "GET", "/x").is_empty());
        assert_eq!(ids(ApiVersion::V1, "GET", "/"), ["v1_get"]);
        assert!(kept.knows_id(ApiVersion::V1, "v1_get_planner_plans_by_id"));
        assert!(!kept.knows_id(ApiVersion::V1, "v1_get_x"));
        assert!(kept.keeps_ids());
        // A method in lowercase, a path not from `/`, a control character,
        // a fifth word, an id of another version or method: dropped, each
        // with its line.
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10]);
    }

    #[test]
    fn function_calls_keep_their_names_when_their_function_gains_or_loses_overloads() {
        let text = "v1.0 call /reports/getemailactivityuserdetail(period='{}')\n\
            beta call /reports/getemailactivityuserdetail(period='{}')\n\
            v1.0 call /reports/getemailactivitycounts(period='{}') with\n\
            v1.0 call /reports/getemailactivitycounts(period='{}')\n\
            v1.0 call /reports/getoffice365activeusercounts(period='{}')\n\
            v1.0 call reports/x(a='{}')\n\
            v1.0 call /reports/x\n\
            v1.0 call /reports/x(a='{}') more\n\
            v1.0 call\n";
        let kept = KeptNames::read(text, "names.lock");
        // The second name of one call (two sides of a merge: the first
        // stays), a key not from `/`, one without a call, a third word that
        // is not `with`, none.
        let lines: Vec<u32> = kept.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 6, 7, 8, 9]);
        assert_eq!(kept.calls.len(), 4);
        let ir = ir_of_pages(
            "reports",
            &[
                (
                    "detail",
                    &[
                        "/reports/getEmailActivityUserDetail(period='{period_value}')",
                        "/reports/getEmailActivityUserDetail(date={date_value})",
                    ],
                ),
                (
                    "counts",
                    &["/reports/getEmailActivityCounts(period='{period_value}')"],
                ),
                (
                    "users",
                    &["/reports/getOffice365ActiveUserCounts(period='{period_value}')"],
                ),
            ],
        );
        // Kept: the bare call of the function that has an overload now,
        // and the call named by its parameters of the function that has
        // none now. Beta has neither, and the third call is bare afresh.
        let call = |key: &str, name| super::super::KeptCall {
            version: ApiVersion::V1,
            key: key.into(),
            name,
        };
        assert_eq!(
            kept.kept_calls(&ir),
            [
                call(
                    "/reports/getemailactivitycounts(period='{}')",
                    super::super::CallName::WithParameters
                ),
                call(
                    "/reports/getemailactivityuserdetail(period='{}')",
                    super::super::CallName::Bare
                ),
            ]
        );
        let calls_in_lock = |ir: &Ir| -> Vec<String> {
            KeptNames::render(ir, "@generated")
                .lines()
                .filter(|l| l.starts_with("v1.0 call "))
                .map(str::to_string)
                .collect()
        };
        // Afresh, the overloaded function's calls are named by their
        // parameters, and the others by the function alone.
        assert_eq!(
            calls_in_lock(&ir),
            [
                "v1.0 call /reports/getemailactivitycounts(period='{}')",
                "v1.0 call /reports/getemailactivityuserdetail(date={}) with",
                "v1.0 call /reports/getemailactivityuserdetail(period='{}') with",
                "v1.0 call /reports/getoffice365activeusercounts(period='{}')",
            ]
        );
        // Kept, each call keeps its name, and the lock says it again.
        let mut with_kept = ir.clone();
        with_kept.kept_calls = kept.kept_calls(&ir);
        assert_eq!(
            calls_in_lock(&with_kept),
            [
                "v1.0 call /reports/getemailactivitycounts(period='{}') with",
                "v1.0 call /reports/getemailactivityuserdetail(date={}) with",
                "v1.0 call /reports/getemailactivityuserdetail(period='{}')",
                "v1.0 call /reports/getoffice365activeusercounts(period='{}')",
            ]
        );
        let api = api_of(&with_kept);
        for method in [
            "fn v1::requests::Reports::get_email_activity_user_detail(&self, period_value: &str)",
            "fn v1::requests::Reports::get_email_activity_user_detail_with_date_value(&self, date_value: &str)",
            "fn v1::requests::Reports::get_email_activity_counts_with_period_value(&self, period_value: &str)",
            "fn v1::requests::Reports::get_office365_active_user_counts(&self, period_value: &str)",
        ] {
            assert!(api.contains(method), "{method} in {api}");
        }
    }

    #[test]
    fn a_call_does_not_keep_a_name_a_plain_segment_has() {
        // The docs add `/reports/getEmailActivityCounts` beside the call the
        // crate had as `get_email_activity_counts(period_value)`: the plain
        // segment has the name, and the call is named by its parameters,
        // as in a crate made afresh (kept, it would be `..._2`).
        let kept = KeptNames::read(
            "v1.0 call /reports/getemailactivitycounts(period='{}')\n",
            "names.lock",
        );
        let mut ir = ir_of_pages(
            "reports",
            &[
                (
                    "counts",
                    &["/reports/getEmailActivityCounts(period='{period_value}')"],
                ),
                ("activity", &["/reports/getEmailActivityCounts"]),
            ],
        );
        assert!(kept.kept_calls(&ir).is_empty());
        // Even given as kept, the call yields the name.
        ir.kept_calls = vec![super::super::KeptCall {
            version: ApiVersion::V1,
            key: "/reports/getemailactivitycounts(period='{}')".into(),
            name: super::super::CallName::Bare,
        }];
        let api = api_of(&ir);
        for method in [
            "fn v1::requests::Reports::get_email_activity_counts(&self)",
            "fn v1::requests::Reports::get_email_activity_counts_with_period_value(&self, period_value: &str)",
        ] {
            assert!(api.contains(method), "{method} in {api}");
        }
        let lock = KeptNames::render(&ir, "@generated");
        assert!(
            lock.contains("\nv1.0 call /reports/getemailactivitycounts(period='{}') with\n"),
            "{lock}"
        );
    }

    #[test]
    fn any_text_reads_without_a_panic_and_keeps_only_names_regen_writes() {
        use proptest::prelude::*;
        let words = prop::sample::select(vec![
            "v1.0",
            "beta",
            "v1_post_x",
            "v1_get_x",
            "beta_post_y",
            "xPostRequestBody",
            "RequestBody",
            "x()PostRequestBody",
            "range-get.md",
            "area-outlook",
            "area-",
            "type",
            "microsoft.graph.user",
            "call",
            "/x(a='{}')",
            "x(a)",
            "with",
            "GET",
            "get",
            "/x/{}",
            "x/{}",
            "../x.md",
            ".txt",
            "#",
            " ",
            "\t",
            "\n",
            "\r\n",
            "é",
            "",
        ]);
        let texts = prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "));
        proptest!(ProptestConfig::with_cases(5_000), |(text in texts)| {
            let kept = KeptNames::read(&text, "names.lock");
            for ((_, id), name) in &kept.by_operation {
                prop_assert!(is_id(id) && is_body_name(name), "{:?} kept {:?} {:?}", text, id, name);
            }
            for ((_, name), areas) in &kept.type_areas {
                prop_assert!(
                    is_type_name(name) && !areas.is_empty() && areas.iter().all(|a| is_area_feature(a)),
                    "{:?} kept {:?} {:?}", text, name, areas
                );
            }
            for areas in kept.areas.values() {
                prop_assert!(areas.iter().all(|a| is_area_feature(a)), "{:?} kept {:?}", text, areas);
            }
            for ((_, page), ids) in &kept.ids_by_page {
                prop_assert!(is_page(page) && ids.iter().all(|id| is_id(id)), "{:?} kept {:?}", text, page);
            }
            for (_, key) in kept.calls.keys() {
                prop_assert!(is_call_key(key), "{:?} kept {:?}", text, key);
            }
            for ((version, method, key), ids) in &kept.ids_by_endpoint {
                prop_assert!(
                    is_method(method)
                        && is_path_key(key)
                        && ids.iter().all(|id| is_id(id) && names_its_endpoint(*version, id, method)),
                    "{:?} kept {:?} {:?}", text, method, key
                );
            }
            // What is kept reads back the same, line by line.
            let lines: String = kept
                .by_operation
                .iter()
                .map(|((version, id), name)| format!("{} {id} {name}\n", version.as_str()))
                .collect();
            prop_assert_eq!(&KeptNames::read(&lines, "names.lock").by_operation, &kept.by_operation);
        });
    }

    #[test]
    fn a_crate_without_the_file_keeps_nothing_and_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptNames::in_crate(dir.path(), "generated");
        assert!(kept.by_operation.is_empty() && kept.diagnostics.is_empty());
        // A folder where the file should be cannot be read: a warning.
        std::fs::create_dir(dir.path().join(FILE)).unwrap();
        let kept = KeptNames::in_crate(dir.path(), "generated");
        assert_eq!(kept.diagnostics.len(), 1);
        assert_eq!(kept.diagnostics[0].file, "generated/names.lock");
    }
}
