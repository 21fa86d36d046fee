//! Pages to operations. An operation is identified by version, method and
//! normalised path (parameters compared by position). Every page that
//! describes an endpoint merges into one operation that lists all sources.
//!
//! The merge rule, in order: Markdown source beats rendered text; a page
//! beats its variants (`intune-shared-user-get.md` of `user-get.md`, and
//! any `intune-shared-` copy of a page that is not Intune's); a
//! page that documents fewer endpoints (more specific) beats a broader one;
//! then the file path, for determinism. Unknown never beats known.
//! Disagreeing known facts produce a `D0501` diagnostic that names both
//! places, except permissions for endpoints only the losing page documents,
//! which it keeps as a scope, and the permissions of Intune's copy of a
//! page that is not Intune's, which join as scopes named `Intune: ...`
//! (the permissions of Intune's scenarios for the same call). A page that lists endpoints of several other
//! pages' operations, or a few of one other's, leaves them to those
//! (`D0504`).

use super::*;
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::http::{fits, path_key};
use crate::parse::prose::ProseEnum;
use crate::parse::{PageFacts, PageForm, PageKind};
use crate::route::Target;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// States named in a page's prose, with the response type of that page.
pub type ProseStates = (Option<String>, ProseEnum, Source);

/// One page's view of one operation, before merging.
pub struct Draft {
    pub version: ApiVersion,
    pub method: String,
    /// A task section split off its page (see [`split_tasks`]): what the
    /// page's prose says of its response is not about it.
    pub task: bool,
    pub endpoints: Vec<Endpoint>,
    /// The path key of each endpoint, in order: worked out once, for the
    /// owners, the groups and the merge.
    pub keys: Vec<String>,
    pub permissions: Vec<PermissionSet>,
    pub examples: Vec<DraftExample>,
    pub page: usize,
    rank: Rank,
}

/// An example in a draft, with its request's normalised path (worked out
/// once, when the page was read): the drafts, the endpoint owners and the
/// group merge all match on it.
pub struct DraftExample {
    pub example: Example,
    /// `None` without a request, or when its URL is not a request path.
    pub path: Option<String>,
}

/// Groups each API page's endpoints into drafts: by method, and by scope
/// where the page pairs scoped endpoints with scoped permission tables.
/// The pages' endpoints, permissions and examples move into the drafts
/// (nothing reads them from the pages afterwards). Pages are independent:
/// they are grouped on every core, and the drafts come back in page order.
pub fn drafts(pages: &mut [PageFacts], diags: &mut Vec<Diagnostic>) -> Vec<Draft> {
    let work: Vec<(usize, &PageFacts, PageParts)> = pages
        .iter_mut()
        .enumerate()
        .filter(|(_, page)| page.kind == PageKind::Api && !page.endpoints.is_empty())
        .map(|(index, page)| {
            let parts = PageParts {
                endpoints: std::mem::take(&mut page.endpoints),
                endpoint_tasks: std::mem::take(&mut page.endpoint_tasks),
                example_tasks: std::mem::take(&mut page.example_tasks),
                permissions: std::mem::take(&mut page.permissions),
                examples: std::mem::take(&mut page.examples),
                example_paths: std::mem::take(&mut page.example_paths),
            };
            let page: &PageFacts = page;
            (index, page, parts)
        })
        .collect();
    let per_page =
        crate::on_all_cores(work, |(index, page, parts)| page_drafts(index, page, parts));
    let mut out = Vec::with_capacity(per_page.iter().map(|(drafts, _)| drafts.len()).sum());
    for (drafts, found) in per_page {
        out.extend(drafts);
        diags.extend(found);
    }
    out
}

/// A task's number and its endpoints.
type TaskEndpoints = (u16, Vec<Endpoint>);

/// One method's endpoints of a page, split into the page's own and the
/// tasks that document another operation. driveitem-list-thumbnails.md
/// lists thumbnails in its HTTP request section, then "## Get a single
/// thumbnail" (`.../thumbnails/{thumb-id}/{size}`) and "## Retrieve
/// thumbnail binary content" (`.../{size}/content`): each is an operation
/// of its own, on something below the page's, which the examples under it
/// describe. A task that addresses the page's resource another way
/// (drive-get.md's "## Get a drive by ID" beside "## Get current user's
/// OneDrive") is the page's operation. Without endpoints of the page's own,
/// the first task's stand for them.
fn split_tasks(endpoints: Vec<(Endpoint, u16)>) -> (Vec<Endpoint>, Vec<TaskEndpoints>) {
    let Some(first) = endpoints.iter().map(|(_, t)| *t).min() else {
        return (Vec::new(), Vec::new());
    };
    let own: Vec<String> = endpoints
        .iter()
        .filter(|(_, t)| *t == first)
        .map(|(e, _)| path_key(&e.path))
        .collect();
    // Below one of the page's own endpoints: its key, a `/`, and more.
    let below = |e: &Endpoint| {
        let key = path_key(&e.path);
        own.iter().any(|o| {
            key.strip_prefix(o.as_str())
                .is_some_and(|rest| rest.len() > 1 && rest.starts_with('/'))
        })
    };
    let mut tasks: BTreeMap<u16, Vec<Endpoint>> = BTreeMap::new();
    for (e, t) in endpoints {
        tasks.entry(t).or_default().push(e);
    }
    let mut mine = Vec::new();
    let mut apart = Vec::new();
    for (t, eps) in tasks {
        if t != first && eps.iter().all(below) {
            apart.push((t, eps));
        } else {
            mine.extend(eps);
        }
    }
    (mine, apart)
}

/// What a page's drafts take from it.
struct PageParts {
    endpoints: Vec<Endpoint>,
    endpoint_tasks: Vec<u16>,
    example_tasks: Vec<u16>,
    permissions: Vec<PermissionSet>,
    examples: Vec<Example>,
    /// The examples' normalised request paths, in the same order.
    example_paths: Vec<Option<String>>,
}

/// The drafts of one API page, and what went wrong.
fn page_drafts(index: usize, page: &PageFacts, parts: PageParts) -> (Vec<Draft>, Vec<Diagnostic>) {
    let PageParts {
        endpoints,
        endpoint_tasks,
        example_tasks,
        mut permissions,
        examples,
        example_paths,
    } = parts;
    let mut diags = Vec::new();
    let title = page.title.as_deref().unwrap_or("");
    let endpoints = method_from_examples(endpoints, title, &examples, &example_paths, &mut diags);
    let endpoints = key_from_examples(endpoints, title, &examples, &example_paths, &mut diags);
    // Each endpoint with its task; all the page's own if they do not pair.
    let tasks = if endpoint_tasks.len() == endpoints.len() {
        endpoint_tasks
    } else {
        vec![0; endpoints.len()]
    };
    let mut endpoints: Vec<(Endpoint, u16)> = endpoints.into_iter().zip(tasks).collect();
    debug_assert_eq!(examples.len(), example_paths.len());
    let mut out = Vec::new();
    let version = page.version.unwrap_or_else(|| {
        diags.push(Diagnostic::new(
            Code::NoVersion,
            &*page.file,
            page.title_line,
            "API version not stated; v1.0 assumed",
        ));
        ApiVersion::V1
    });
    // The endpoint count is set once the drafts hold the page's keys.
    let rank = Rank {
        rendered: page.form == PageForm::Rendered,
        endpoints: 0,
        file: page.file.clone(),
        stem: file_stem(&page.file),
    };
    // Methods in the order they first appear.
    let mut methods: Vec<String> = Vec::new();
    for (e, _) in &endpoints {
        if !methods.contains(&e.method) {
            methods.push(e.method.clone());
        }
    }
    // The last method takes the permission sets; the others copy them.
    let count = methods.len();
    // Tasks split off, with their numbers: they follow the page's own
    // drafts, so that an example that fits no endpoint stays with those.
    let mut apart: Vec<(u16, Draft)> = Vec::new();
    for (n, method) in methods.into_iter().enumerate() {
        let (mine, rest): (Vec<_>, Vec<_>) =
            endpoints.into_iter().partition(|(e, _)| e.method == method);
        endpoints = rest;
        let (mine, tasks) = split_tasks(mine);
        for (task, eps) in tasks {
            let (endpoints, keys) = dedup_endpoints(eps);
            apart.push((
                task,
                Draft {
                    version,
                    method: method.clone(),
                    task: true,
                    endpoints,
                    keys,
                    permissions: permissions.clone(),
                    examples: Vec::new(),
                    page: index,
                    rank: rank.clone(),
                },
            ));
        }
        let groups = match pair_scopes(mine, &permissions) {
            Ok(groups) => groups,
            Err(all) if n + 1 == count => vec![(all, std::mem::take(&mut permissions))],
            Err(all) => vec![(all, permissions.clone())],
        };
        for (eps, perms) in groups {
            let (endpoints, keys) = dedup_endpoints(eps);
            out.push(Draft {
                version,
                method: method.clone(),
                task: false,
                endpoints,
                keys,
                permissions: perms,
                examples: Vec::new(),
                page: index,
                rank: rank.clone(),
            });
        }
    }
    let own = out.len();
    let apart_tasks: Vec<u16> = apart.iter().map(|(t, _)| *t).collect();
    out.extend(apart.into_iter().map(|(_, d)| d));
    // The page's distinct endpoints (method and key), over all its drafts.
    let endpoint_count = {
        let mut distinct: Vec<(&str, &str)> = out
            .iter()
            .flat_map(|d| d.keys.iter().map(|k| (d.method.as_str(), k.as_str())))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len()
    };
    for d in &mut out {
        d.rank.endpoints = endpoint_count;
    }
    // Examples go to the draft whose endpoint they request; a response
    // without a request, to its task's draft or the page's first.
    let example_tasks = if example_tasks.len() == examples.len() {
        example_tasks
    } else {
        vec![0; examples.len()]
    };
    for ((example, path), task) in examples.into_iter().zip(example_paths).zip(example_tasks) {
        // The request's method, when its URL is a request path.
        let method = example
            .request
            .as_ref()
            .filter(|_| path.is_some())
            .map(|r| r.method.as_str());
        // The first draft of that method with an endpoint the URL fits,
        // else the first of that method. With one such draft at most, that
        // is the answer, and the URL need not be tried on its endpoints.
        let of_method = |d: &Draft| Some(d.method.as_str()) == method;
        let slot = match (method, &path) {
            (Some(_), Some(path)) if out.iter().filter(|d| of_method(d)).count() > 1 => {
                let target = Target::parse(path);
                out.iter()
                    .position(|d| {
                        of_method(d) && d.endpoints.iter().any(|e| fits(&e.path, &target))
                    })
                    .or_else(|| out.iter().position(of_method))
            }
            _ => out.iter().position(of_method),
        };
        let requests_a_path = method.is_some();
        let example = DraftExample { example, path };
        let task_draft = apart_tasks.iter().position(|&t| t == task).map(|i| own + i);
        match slot {
            Some(i) => out[i].examples.push(example),
            None if !requests_a_path && !out.is_empty() => {
                out[task_draft.unwrap_or(0)].examples.push(example)
            }
            None => {
                if let Some(r) = &example.example.request {
                    // A request to another host (an upload session's URL, a
                    // bot's callback) shows a step beside the API, which no
                    // endpoint could match.
                    let why = if Target::parse(&r.url).is_graph() {
                        "matches no endpoint on this page"
                    } else {
                        "goes to another host than Graph (an upload or callback URL); it is no operation's example"
                    };
                    diags.push(Diagnostic::at(
                        Code::ExampleUnmatched,
                        &r.source,
                        format!("example request `{} {}` {why}", r.method, r.url),
                    ));
                }
            }
        }
    }
    (out, diags)
}

/// A page's endpoints with the method its examples send, when the page's
/// request lines give one method, every example request to Graph sends
/// one other method to a path they document, and the page's title names
/// that method's verb: application-delete-owners.md ("Remove owner")
/// writes `POST /applications/{id}/owners/{id}/$ref`, and its example
/// sends `DELETE` to it, as Graph wants. Either side can be the
/// copy-paste slip: projectrome-delete-historyitem.md ("Delete a
/// historyItem") writes `DELETE` and its example `PUT`, so the title
/// decides, and without a verb that names one of them nothing changes.
fn method_from_examples(
    mut endpoints: Vec<Endpoint>,
    title: &str,
    examples: &[Example],
    example_paths: &[Option<String>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Endpoint> {
    let Some(first) = endpoints.first() else {
        return endpoints;
    };
    let stated = first.method.as_str();
    if endpoints.iter().any(|e| e.method != stated) {
        return endpoints;
    }
    let sent: Vec<(&str, &str)> = examples
        .iter()
        .zip(example_paths)
        .filter_map(|(e, path)| Some((e.request.as_ref()?.method.as_str(), path.as_deref()?)))
        .collect();
    let Some(&(method, _)) = sent.first() else {
        return endpoints;
    };
    // The cheap tests first: nearly every page's examples send its method,
    // and only the rest need their URLs parsed and fitted.
    let one_other_method = method != stated && sent.iter().all(|&(m, _)| m == method);
    if !one_other_method || !title_names(title, method) {
        return endpoints;
    }
    let to_documented_paths = sent.iter().all(|&(_, path)| {
        let target = Target::parse(path);
        endpoints.iter().any(|e| fits(&e.path, &target))
    });
    if !to_documented_paths {
        return endpoints;
    }
    let method = method.to_string();
    diags.push(Diagnostic::at(
        Code::MethodFromExamples,
        &first.source,
        format!(
            "the request lines say `{stated}`, but every example request ({}) sends `{method}` to a documented path, as the title's verb says; `{method}` taken",
            sent.len()
        ),
    ));
    for e in &mut endpoints {
        e.method.clone_from(&method);
    }
    endpoints
}

/// A page's endpoints with the key its examples add, when the page's title
/// acts on one item ("Get", "Update", "Delete"), no example request to
/// Graph fits a request line, and every one fits a line with one more
/// segment, a parameter or a sample key. swapshiftschangerequest-get.md
/// (2020, "Get swapShiftsChangeRequest") writes the list page's
/// `GET /teams/{teamId}/schedule/swapShiftsChangeRequests` and gets
/// `.../swapShiftsChangeRequests/{swapShiftsChangeRequestId}` in its
/// example: as written, it merged into the list's operation, which then
/// answered one item, and no operation got one by its key. An update or
/// a delete needs one such example only, the others fitting a line as
/// written (see `slipped` below). The slip is the whole block's: every line of that method that ends at
/// a collection takes a key, named as the first example that extends it
/// writes it (`id` for a sample value, or for a line no example shows).
/// educationschool-get.md lists the three list paths of schools; with
/// only the line its example extends fixed, the other two still tied it
/// to a list page's operation, and the get merged into that list.
fn key_from_examples(
    mut endpoints: Vec<Endpoint>,
    title: &str,
    examples: &[Example],
    example_paths: &[Option<String>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Endpoint> {
    if !matches!(
        title_verb(title).as_str(),
        "get" | "update" | "delete" | "remove"
    ) {
        return endpoints;
    }
    // The examples' requests to Graph: method, the request's target, and
    // its last segment as written.
    let sent: Vec<(&str, Target, &str)> = examples
        .iter()
        .zip(example_paths)
        .filter_map(|(e, path)| {
            let r = e.request.as_ref()?;
            let path = path.as_deref()?;
            Target::parse(&r.url).is_graph().then(|| {
                let last = path.rsplit('/').next().unwrap_or("");
                (r.method.as_str(), Target::parse(path), last)
            })
        })
        .collect();
    if sent.is_empty() || !sent.iter().all(|(m, _, _)| title_names(title, m)) {
        return endpoints;
    }
    let fits_any_form = |template: &str, target: &Target| {
        fits(template, target) || target.aliases().iter().flatten().any(|a| fits(template, a))
    };
    let on_a_line = |(method, target, _): &(&str, Target, &str)| {
        endpoints
            .iter()
            .any(|e| e.method == *method && fits_any_form(&e.path, target))
    };
    // A key is a parameter or a sample value (a digit in it); a word
    // (`delta`, `add`) is another operation's segment.
    let is_key = |last: &str| {
        (last.starts_with('{') && last.ends_with('}')) || last.bytes().any(|b| b.is_ascii_digit())
    };
    let extended = |e: &Endpoint| format!("{}/{{id}}", e.path.trim_end_matches('/'));
    let extends_one = |(method, target, last): &(&str, Target, &str)| {
        is_key(last)
            && endpoints
                .iter()
                .any(|e| e.method == *method && fits_any_form(&extended(e), target))
    };
    let method = sent[0].0;
    // Every example goes one key further; or, for an update or a delete,
    // which Graph never applies to a collection, some do and the others
    // repeat the slip (workforceintegration-update.md, 2020: its first
    // example patches `/teamwork/workforceIntegrations`, its second
    // `.../workforceIntegrations/{workforceIntegrationid}`).
    let some_on_a_line = sent.iter().any(on_a_line);
    let slipped = if some_on_a_line {
        matches!(method, "PATCH" | "DELETE")
            && sent.iter().any(extends_one)
            && sent.iter().all(|s| on_a_line(s) || extends_one(s))
    } else {
        sent.iter().all(extends_one)
    };
    if !slipped {
        return endpoints;
    }
    let mut taken: Vec<(String, String)> = Vec::new();
    let mut at = None;
    for e in endpoints.iter_mut().filter(|e| e.method == method) {
        let at_a_key = e.path.ends_with('}') || e.path.ends_with(')');
        if at_a_key {
            continue;
        }
        let template = extended(e);
        let name = sent
            .iter()
            .find(|(_, target, last)| is_key(last) && fits_any_form(&template, target))
            .and_then(|(_, _, last)| last.strip_prefix('{')?.strip_suffix('}'))
            .filter(|n| !n.is_empty())
            .unwrap_or("id");
        let written = format!("{}/{{{name}}}", e.path.trim_end_matches('/'));
        let Some(normal) = crate::parse::http::normalise(&written) else {
            continue;
        };
        at.get_or_insert_with(|| e.source.clone());
        taken.push((
            std::mem::replace(&mut e.path, normal.path.clone()),
            normal.path,
        ));
        e.parameters = normal.parameters;
    }
    if let Some(at) = at {
        let list = |paths: &mut dyn Iterator<Item = &String>| {
            paths
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        diags.push(Diagnostic::at(
            Code::KeyFromExamples,
            &at,
            format!(
                "the `{method}` request lines stop at the collection ({}), but the title acts on one item and {}; taken: {}",
                list(&mut taken.iter().map(|(was, _)| was)),
                if some_on_a_line {
                    "an example request goes one key further (Graph never applies an update or a delete to a collection)"
                } else {
                    "every example request goes one key further"
                },
                list(&mut taken.iter().map(|(_, now)| now)),
            ),
        ));
    }
    endpoints
}

/// A title's first word, lowercased: its verb, when it has one.
fn title_verb(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a page's title starts with a verb that only `method` does:
/// "Remove owner" names `DELETE`, "Create user" `POST`.
fn title_names(title: &str, method: &str) -> bool {
    let named = match title_verb(title).as_str() {
        "delete" | "remove" => "DELETE",
        "get" | "list" => "GET",
        "create" | "add" => "POST",
        "update" => "PATCH",
        _ => return false,
    };
    named.eq_ignore_ascii_case(method)
}

/// The endpoints with distinct path keys, first kept, and their keys. (A
/// set, not a scan of the keys so far: a page may list thousands.)
pub(super) fn dedup_endpoints(eps: Vec<Endpoint>) -> (Vec<Endpoint>, Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    let mut keys: Vec<String> = Vec::with_capacity(eps.len());
    let endpoints = eps
        .into_iter()
        .filter(|e| {
            let key = path_key(&e.path);
            let new = seen.insert(key.clone());
            if new {
                keys.push(key);
            }
            new
        })
        .collect();
    (endpoints, keys)
}

fn words(text: &str) -> Vec<String> {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.len() > 3
                && !matches!(
                    *w,
                    "retrieve"
                        | "details"
                        | "status"
                        | "operation"
                        | "running"
                        | "long"
                        | "with"
                        | "from"
                        | "this"
                        | "that"
                        | "acting"
                )
        })
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// Endpoints and the permission sets that go with them.
type ScopeGroup = (Vec<Endpoint>, Vec<PermissionSet>);

/// Pairs scoped endpoints with scoped permission sets by shared words.
/// When the page does not pair them, the endpoints come back unpaired
/// (`Err`), to share all sets.
fn pair_scopes(
    endpoints: Vec<Endpoint>,
    sets: &[PermissionSet],
) -> Result<Vec<ScopeGroup>, Vec<Endpoint>> {
    let scoped_sets: Vec<&PermissionSet> = sets.iter().filter(|s| s.scope.is_some()).collect();
    if endpoints.len() < 2 || scoped_sets.len() < 2 || endpoints.iter().any(|e| e.scope.is_none()) {
        return Err(endpoints);
    }
    // Each endpoint's set, by index into `scoped_sets`.
    let mut paired: Vec<usize> = Vec::with_capacity(endpoints.len());
    for e in &endpoints {
        let ew = words(e.scope.as_deref().unwrap_or(""));
        let best = scoped_sets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    words(s.scope.as_deref().unwrap_or(""))
                        .iter()
                        .filter(|w| ew.contains(w))
                        .count(),
                    i,
                )
            })
            .max_by_key(|(n, _)| *n);
        let Some((_, set)) = best.filter(|(n, _)| *n > 0) else {
            return Err(endpoints);
        };
        paired.push(set);
    }
    let mut groups: Vec<ScopeGroup> = Vec::new();
    for (e, set) in endpoints.iter().zip(paired.iter().map(|&i| scoped_sets[i])) {
        match groups.iter_mut().find(|(_, s)| s[0] == *set) {
            Some(g) => g.0.push(e.clone()),
            None => groups.push((vec![e.clone()], vec![set.clone()])),
        }
    }
    if groups.len() < 2 {
        return Err(endpoints);
    }
    Ok(groups)
}

/// Pages that document other pages' endpoints in passing, such as the
/// extended-property and open-extension pages ("get a message, an event or
/// a calendar with its extended property": `GET /me/messages/{id}?$expand=...`,
/// `GET /me/events/{id}?$expand=...`), would otherwise merge all those
/// operations into one, with one response type and one set of permissions.
/// An endpoint belongs to the best-ranked draft that lists it (Markdown,
/// then the most specific page). A draft that lists endpoints belonging to
/// two or more other drafts, or to one that it shares less than half of
/// either's endpoints with, leaves those to them and keeps its own; left
/// with none, it gives no operation. Both are reported (`D0504`).
fn leave_borrowed_endpoints(
    pages: &[PageFacts],
    drafts: Vec<Draft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let (owners, keys) = endpoint_owners(&drafts);
    // The other drafts each draft borrows from, by index.
    let lenders: Vec<std::collections::BTreeSet<usize>> = owners
        .iter()
        .enumerate()
        .map(|(i, of)| of.iter().copied().filter(|&o| o != i).collect())
        .collect();
    // Whether a draft gives its borrowed endpoints back: when it borrows
    // from two or more drafts, or from one with which it shares less than
    // half of the endpoints of each (driveitem-list-thumbnails.md lists
    // `/me/drive/items/{id}/children?$expand=thumbnails` as a task of its
    // own: 1 of its 6 endpoints, 1 of the 5 of driveitem-list-children.md,
    // and the two made one operation of listing children and thumbnails).
    // Two drafts that share most of either's endpoints document the same
    // operation (driveitem-move.md and driveitem-update.md), and merge.
    let gives_back: Vec<bool> = lenders
        .iter()
        .enumerate()
        .map(|(i, set)| {
            let mut of = set.iter();
            match (of.next(), of.next()) {
                (Some(_), Some(_)) => true,
                (Some(&o), None) => {
                    let shared = keys[i].iter().filter(|k| keys[o].contains(k)).count();
                    2 * shared < keys[i].len() && 2 * shared < keys[o].len()
                }
                _ => false,
            }
        })
        .collect();
    // Their pages, for the drafts that give endpoints back (`D0504`).
    let lender_pages: Vec<Vec<&str>> = lenders
        .iter()
        .zip(&gives_back)
        .map(|(set, &gives)| {
            if !gives {
                return Vec::new();
            }
            let mut files: Vec<&str> = set.iter().map(|&o| &*pages[drafts[o].page].file).collect();
            files.dedup();
            files
        })
        .collect();
    let mut drafts: Vec<Draft> = drafts;
    // Examples that request an endpoint left to another draft go with it.
    let mut moved: Vec<(usize, DraftExample)> = Vec::new();
    // So does an endpoint its owner lists only in the other form (`/me/x`
    // beside `/users/{id}/x`): directoryobject-getmembergroups.md (2019,
    // 2020) lists `POST /me/getMemberGroups`, which user-getmembergroups.md
    // owns by `POST /users/{id}/getMemberGroups`, and the crate had no
    // `/me` form of it (nor of `checkMemberGroups`, `getMemberObjects`).
    let mut moved_endpoints: Vec<(usize, (Endpoint, String))> = Vec::new();
    let mut keep = vec![true; drafts.len()];
    for (i, d) in drafts.iter_mut().enumerate() {
        if !gives_back[i] {
            continue;
        }
        let before = d.endpoints.len();
        type Owned = Vec<((Endpoint, String), usize)>;
        let (own, lent): (Owned, Owned) = std::mem::take(&mut d.endpoints)
            .into_iter()
            .zip(std::mem::take(&mut d.keys))
            .zip(owners[i].iter().copied())
            .partition(|&(_, o)| o == i);
        (d.endpoints, d.keys) = own.into_iter().map(|(keyed, _)| keyed).unzip();
        moved_endpoints.extend(lent.iter().map(|(keyed, o)| (*o, keyed.clone())));
        for example in std::mem::take(&mut d.examples) {
            let target = example.path.as_deref().map(|p| Target::parse(&as_user(p)));
            // Both sides as the owners read them: `/me/...` as
            // `/users/{me}/...` (a `/me` endpoint did not fit a `/me`
            // request read so, and the example stayed behind).
            let fits_target = |path: &str| target.as_ref().is_some_and(|t| fits(&as_user(path), t));
            let own_fit = d.endpoints.iter().find(|e| fits_target(&e.path));
            let lent_fit = lent.iter().find(|((e, _), _)| fits_target(&e.path));
            match (own_fit, lent_fit) {
                (None, Some(&(_, o))) => moved.push((o, example)),
                _ => d.examples.push(example),
            }
        }
        let page = &pages[d.page];
        let files = &lender_pages[i];
        let named: Vec<&str> = files.iter().take(3).copied().collect();
        let more = files.len().saturating_sub(named.len());
        let mut message = format!(
            "{} of its {} `{}` endpoints belong to the operations of {} other page{} ({}{}); left to them, with their examples",
            lent.len(),
            before,
            d.method,
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            named.join(", "),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            },
        );
        if d.endpoints.is_empty() {
            message.push_str("; the page gives no operation of its own for this method");
            keep[i] = false;
        }
        diags.push(Diagnostic::new(
            Code::BorrowedEndpoints,
            &*page.file,
            page.title_line,
            message,
        ));
    }
    for (o, example) in moved {
        drafts[o].examples.push(example);
    }
    for (o, (endpoint, key)) in moved_endpoints {
        let owner = &mut drafts[o];
        if !owner.keys.contains(&key) {
            owner.endpoints.push(endpoint);
            owner.keys.push(key);
        }
    }
    drafts
        .into_iter()
        .zip(keep)
        .filter_map(|(d, keep)| keep.then_some(d))
        .collect()
}

/// The owner of each endpoint of each draft, by draft index: the
/// best-ranked draft that lists the endpoint (see
/// [`leave_borrowed_endpoints`]).
/// Also gives each draft's endpoint keys, as compared.
fn endpoint_owners(drafts: &[Draft]) -> (Vec<Vec<usize>>, Vec<Vec<EndpointKey<'_>>>) {
    // Each endpoint's key, with `/me` read as `/users/{me}`: the draft's
    // own key unless the path starts with `/me`.
    let keys: Vec<Vec<EndpointKey>> = drafts.iter().map(endpoint_keys).collect();
    // Only looked up, never iterated: a hash map keeps the result the same.
    // Sized for every key at once, so that it never grows (rehashing was
    // a third of the IR's hashing).
    let mut owner: HashMap<_, usize> = HashMap::with_capacity(keys.iter().map(Vec::len).sum());
    for (i, d) in drafts.iter().enumerate() {
        for key in &keys[i] {
            owner
                .entry(key)
                .and_modify(|o| {
                    let other = &drafts[*o].rank;
                    if (d.rank.key([other]), i) < (other.key([&d.rank]), *o) {
                        *o = i;
                    }
                })
                .or_insert(i);
        }
    }
    // Every key is in the map.
    let owners = keys
        .iter()
        .map(|draft_keys| draft_keys.iter().map(|key| owner[key]).collect())
        .collect();
    (owners, keys)
}

/// An endpoint as the owners and the merge compare it: version, method and
/// path key, with `/me` read as `/users/{me}`.
type EndpointKey<'a> = (ApiVersion, &'a str, Cow<'a, str>);

/// The [`EndpointKey`] of each endpoint of a draft: its own key unless the
/// path starts with `/me`.
fn endpoint_keys(d: &Draft) -> Vec<EndpointKey<'_>> {
    d.endpoints
        .iter()
        .zip(&d.keys)
        .map(|(e, key)| {
            let user_key = match as_user(&e.path) {
                Cow::Borrowed(_) => key.as_str().into(),
                Cow::Owned(user) => path_key(&user).into(),
            };
            (d.version, d.method.as_str(), user_key)
        })
        .collect()
}

/// Where a draft stands in the merge order (see the module header):
/// Markdown before rendered text, a page before its variants
/// (`intune-shared-user-get.md` after `user-get.md`, whatever their
/// endpoint counts), the page with fewer endpoints first, then the file.
#[derive(Clone)]
struct Rank {
    rendered: bool,
    endpoints: usize,
    file: std::sync::Arc<str>,
    stem: String,
}

impl Rank {
    /// The sort key of this rank among `others`: whether it is a variant
    /// depends on whom it is compared with. Both the endpoint owners and
    /// the group order use it.
    fn key<'a>(
        &'a self,
        others: impl IntoIterator<Item = &'a Rank>,
    ) -> (bool, bool, usize, &'a str) {
        let variant = others
            .into_iter()
            .any(|o| is_variant_of(&self.stem, &o.stem));
        (self.rendered, variant, self.endpoints, &self.file)
    }
}

/// A page's file name without folders and extension, lowercased.
pub(super) fn file_stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_ascii_lowercase()
}

/// Whether `stem` names a variant of the page `other`: it ends with
/// `-<other>` (`intune-shared-user-get` of `user-get`), or it is one of
/// Intune's copies of a shared page (`intune-shared-...`) and `other` is
/// not Intune's. The copies are not always named after the page they copy:
/// `intune-shared-user-create` documents `POST /users` beside
/// `user-post-users`, with the permissions of Intune's scopes only.
fn is_variant_of(stem: &str, other: &str) -> bool {
    let named_after = stem.len() > other.len() + 1
        && stem.ends_with(other)
        && stem.as_bytes()[stem.len() - other.len() - 1] == b'-';
    let intune_copy = stem.starts_with("intune-shared-") && !other.starts_with("intune-");
    named_after || intune_copy
}

/// Whether the page `stem` is one of Intune's (`intune-shared-user-get`,
/// `intune-onboarding-organization-list`) beside a page that is not:
/// its permission table is Intune's scenarios for the same call.
fn is_intune_context(stem: &str, winner: &str) -> bool {
    stem.starts_with("intune-") && !winner.starts_with("intune-")
}

/// `/me/...` as `/users/{me}/...`: Graph's alias for the signed-in user,
/// so that a page's `/me` endpoint belongs with the `/users/{id}` one.
fn as_user(path: &str) -> Cow<'_, str> {
    let rest = path.get(3..).unwrap_or("");
    let me = path.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("/me"));
    if me && (rest.is_empty() || rest.starts_with('/')) {
        format!("/users/{{me}}{rest}").into()
    } else {
        path.into()
    }
}

/// Merges drafts that share an endpoint into operations.
pub fn operations(
    pages: &[PageFacts],
    drafts: Vec<Draft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Operation, Vec<ProseStates>)> {
    let drafts = leave_borrowed_endpoints(pages, drafts, diags);
    // Union-find over drafts by (version, method, path key).
    let mut parent: Vec<usize> = (0..drafts.len()).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Only looked up, never iterated: a hash map keeps the result the same.
    // `/me/x` is keyed as `/users/{id}/x`, as the owners are: two pages that
    // document the two apart document one operation, which has both
    // endpoints, each page's permissions a scope of their own (the merge
    // rule in the README). As two operations they put two `get()`s on one
    // builder, which stopped the builders folding `/me` into the users tree
    // (`emit::me`) for the whole version: one such page added to the 2020
    // docs gave `me()` a tree of its own, 568 changes, 60 items gone.
    let mut by_key: HashMap<EndpointKey, usize> =
        HashMap::with_capacity(drafts.iter().map(|d| d.keys.len()).sum());
    for (i, d) in drafts.iter().enumerate() {
        for key in endpoint_keys(d) {
            match by_key.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..drafts.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut drafts: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let groups: Vec<Vec<Draft>> = groups
        .into_values()
        .map(|members| {
            let members: Vec<Draft> = members.iter().filter_map(|&i| drafts[i].take()).collect();
            let mut order: Vec<usize> = (0..members.len()).collect();
            order.sort_by_key(|&i| members[i].rank.key(members.iter().map(|m| &m.rank)));
            let mut members: Vec<Option<Draft>> = members.into_iter().map(Some).collect();
            order
                .into_iter()
                .filter_map(|i| members[i].take())
                .collect::<Vec<Draft>>()
        })
        .collect();
    // Groups merge independently: on every core, in a fixed order. Each
    // operation derives its id there too; `assign_ids` settles clashes,
    // once the property paths are split off (`models::build`).
    let merged = crate::on_all_cores(groups, |mut members| {
        let mut found = Vec::new();
        let (mut op, states) = merge_group(pages, &mut members, &mut found);
        op.id = super::operation_ids::operation_id(
            op.version,
            &op.endpoints[0].method,
            &op.endpoints[0].path,
        );
        ((op, states), found)
    });
    let mut ops = Vec::with_capacity(merged.len());
    for (op, found) in merged {
        ops.push(op);
        diags.extend(found);
    }
    sort(&mut ops);
    ops
}

/// The operations' order: by version, then first endpoint's path and method.
pub fn sort(ops: &mut [(Operation, Vec<ProseStates>)]) {
    ops.sort_by_cached_key(|(op, _)| {
        (
            op.version,
            path_key(&op.endpoints[0].path),
            op.endpoints[0].method.clone(),
        )
    });
}

fn conflict(
    diags: &mut Vec<Diagnostic>,
    what: &str,
    winner: (&str, &Source),
    loser: (&str, &Source),
) {
    diags.push(Diagnostic::at(
        Code::ConflictingFacts,
        loser.1,
        format!("{what}: {} says `{}`, {} says `{}`; kept `{}` (source Markdown over rendered text, then the more specific page)", winner.1, winner.0, loser.1, loser.0, winner.0),
    ));
}

fn merge_group(
    pages: &[PageFacts],
    owned: &mut [Draft],
    diags: &mut Vec<Diagnostic>,
) -> (Operation, Vec<ProseStates>) {
    debug_assert!(owned.iter().all(|d| d.keys.len() == d.endpoints.len()));
    let members: Vec<&Draft> = owned.iter().collect();
    let members = &members[..];
    let win = members[0];
    let wp = &pages[win.page];
    let page_at = |d: &Draft| Source::new(pages[d.page].file.clone(), pages[d.page].title_line);

    // Endpoints: union, keeping the most descriptive parameter names.
    let mut endpoints: Vec<Endpoint> = Vec::new();
    // The key of each merged endpoint, in order.
    let mut endpoint_keys: Vec<&str> = Vec::new();
    let mut at_key: BTreeMap<&str, usize> = BTreeMap::new();
    for d in members {
        for (e, key) in d.endpoints.iter().zip(&d.keys) {
            let slot = at_key.get(key.as_str()).copied();
            if slot.is_none() {
                at_key.insert(key, endpoints.len());
                endpoint_keys.push(key);
            }
            match slot.map(|i| &mut endpoints[i]) {
                Some(o) => {
                    if descriptiveness(e) > descriptiveness(o) {
                        o.path = e.path.clone();
                        o.parameters = e.parameters.clone();
                    }
                    if o.scope.is_none() {
                        o.scope = e.scope.clone();
                    }
                }
                None => endpoints.push(e.clone()),
            }
        }
    }

    // Response: first known value wins; disagreements are reported.
    let mut response = Response::default();
    let mut response_from: Option<&Draft> = None;
    // The examples that speak for each member's type, worked out once
    // (each one's request is matched against the member's endpoints).
    let speaking: Vec<Vec<&DraftExample>> = members
        .iter()
        .map(|d| speaking_examples(d).collect())
        .collect();
    // The type each member gives. A task split off its page takes it from
    // its examples; a page, from what it says (see [`response_type`]).
    let given: Vec<Option<String>> = members
        .iter()
        .zip(&speaking)
        .map(|(d, speaking)| {
            if d.task {
                example_type(speaking).or_else(|| context_type(speaking))
            } else {
                response_type(speaking, &pages[d.page])
            }
        })
        .collect();
    for (d, ty) in members.iter().zip(&given) {
        let p = &pages[d.page];
        let ty = ty.clone();
        // The type came from an ignored example's `Collection(...)`.
        let from_ignored_collection = !d.task
            && ty.is_some()
            && ignored_context(p)
                .is_some_and(|(t, collection)| collection && Some(&t) == ty.as_ref());
        let named_in_prose = p
            .response
            .type_name
            .clone()
            .filter(|named| !d.task && ty.as_ref().is_some_and(|t| t != named));
        let candidate = Response {
            status: p.response.status,
            type_source: ty.as_ref().map(|_| page_at(d)),
            type_name: ty,
            collection: {
                let said = |flag: bool| {
                    d.examples.iter().any(|e| {
                        e.example.response.as_ref().and_then(|r| r.is_collection) == Some(flag)
                    })
                };
                // An annotation's `"isCollection": false` over one entity
                // outranks prose that says "a collection of"
                // (orgcontact-get-manager.md, 2020: one manager).
                let prose = !d.task
                    && p.response.collection
                    && (!said(false) || said(true))
                    && !gets_one_in_every_example(d, p);
                prose || said(true) || from_ignored_collection || lists_in_every_example(d, p)
            },
            other_types: Vec::new(),
            named_in_prose,
        };
        match response_from {
            None if candidate.type_name.is_some() || candidate.status.is_some() => {
                response = candidate;
                response_from = Some(d);
            }
            Some(_) => {
                // Disagreeing types are settled once models are known
                // (`models::settle_response_types`): a common base type, or
                // a conflict diagnostic.
                if let (Some(a), Some(b)) = (&response.type_name, &candidate.type_name) {
                    if a != b {
                        response.other_types.push(TypeAt {
                            type_name: b.clone(),
                            source: page_at(d),
                        });
                    }
                }
                if response.type_name.is_none() {
                    response.type_name = candidate.type_name;
                    response.type_source = candidate.type_source;
                }
                if response.status.is_none() {
                    response.status = candidate.status;
                }
            }
            None => {}
        }
    }

    // A status the pages do not state is the one their examples answer
    // with, when every example that succeeds agrees (drive-get.md, 2020:
    // "Each of these methods returns a Drive resource", and `200 OK`
    // below it). driveitem-copy.md says only that it "returns details
    // about how to monitor the progress", over a `202 Accepted`: without
    // the status the builder answered it as empty, and the monitor's
    // address was lost. An error example is not what it returns; a
    // redirect is a success of another status (driveitem-get-content.md:
    // `302 Found` for the file, `206 Partial Content` for a range of it),
    // and no status is taken where one is shown.
    if response.status.is_none() {
        let mut shown = speaking
            .iter()
            .flatten()
            .filter_map(|e| e.example.response.as_ref()?.status)
            .filter(|status| (200..400).contains(status));
        if let Some(first) = shown.next().filter(|status| *status < 300) {
            if shown.all(|status| status == first) {
                response.status = Some(first);
            }
        }
    }

    // `204 No Content` has no body, whatever type a response annotation
    // names (application-post-owners.md: `directoryObject`; the delete of
    // a class member: `educationClass`). The builders return `NoContent`
    // for it; the IR says the same. An operation whose examples show a
    // body too (alert-update.md answers `Prefer: return=representation`
    // with the alert) keeps its type.
    let shows_a_body = || {
        members.iter().any(|d| {
            d.examples.iter().any(|e| {
                e.example
                    .response
                    .as_ref()
                    .is_some_and(|r| r.body.is_some())
            })
        })
    };
    if response.status == Some(204) && !shows_a_body() {
        response.type_name = None;
        response.type_source = None;
        response.collection = false;
        response.other_types.clear();
    }

    // Examples that show other types than the one kept (attachment-get.md:
    // a file, an item and a reference attachment) are settled like pages
    // that disagree: their common base type.
    if let Some(first) = response.type_name.clone().filter(|t| !is_generic_type(t)) {
        for e in speaking.iter().flatten() {
            let Some(shown) = e
                .example
                .response
                .as_ref()
                .and_then(|r| r.odata_type.as_deref())
                .map(annotated_type)
            else {
                continue;
            };
            let known = shown == first || response.other_types.iter().any(|t| t.type_name == shown);
            if !known && shown.starts_with("microsoft.graph.") && !is_generic_type(&shown) {
                response.other_types.push(TypeAt {
                    type_name: shown,
                    source: e.example.source.clone(),
                });
            }
        }
    }

    let pick = |f: &dyn Fn(&PageFacts) -> bool| {
        members
            .iter()
            .find(|d| f(&pages[d.page]))
            .map(|d| &pages[d.page])
    };
    // The OData options from the first page that says which; the
    // operation's own parameters from the first that lists some, which
    // may say nothing of OData (driveitem-get-content-format.md's
    // `format`, lost while the two came from one page).
    let mut query_options = pick(&|p| p.query_options.support != QuerySupport::Unstated)
        .map(|p| p.query_options.clone())
        .unwrap_or_default();
    if query_options.parameters.is_empty() {
        if let Some(p) = pick(&|p| !p.query_options.parameters.is_empty()) {
            query_options
                .parameters
                .clone_from(&p.query_options.parameters);
        }
    }
    let request_headers = pick(&|p| !p.request_headers.is_empty())
        .map(|p| p.request_headers.clone())
        .unwrap_or_default();
    let mut request_body = pick(&|p| p.request_body.kind != BodyKind::Unstated)
        .map(|p| p.request_body.clone())
        .unwrap_or_default();
    // A polymorphic create documented once per derived type (a page per
    // kind of mobile app): the other pages' body types, settled once models
    // are known, like the response's.
    if let Some(first) = request_body.type_name.clone() {
        for d in members {
            let Some(other) = pages[d.page].request_body.type_name.as_ref() else {
                continue;
            };
            if *other != first
                && !other.starts_with("Edm.")
                && !request_body
                    .other_types
                    .iter()
                    .any(|t| &t.type_name == other)
            {
                request_body.other_types.push(TypeAt {
                    type_name: other.clone(),
                    source: page_at(d),
                });
            }
        }
    }

    // Permissions: the best-ranked page whose sets are not all unknown. A
    // page that disagrees and documents endpoints the winner does not (the
    // user variants of "Get event" beside "Get group event") keeps its
    // permissions for those, as a scope named after them; both scopes are
    // then named. Where the pages document the same endpoints, the winner's
    // stand, with `D0501`.
    let known = |d: &&&Draft| {
        !d.permissions.is_empty() && d.permissions.iter().any(|s| !s.is_all_unknown())
    };
    let perm_from = members.iter().find(known).or(members.first()).copied();
    let mut permissions = perm_from.map(|d| d.permissions.clone()).unwrap_or_default();
    if let Some(w) = perm_from {
        let mut covered: std::collections::BTreeSet<&str> =
            w.keys.iter().map(String::as_str).collect();
        let mut scoped_any = false;
        for d in members.iter().filter(known) {
            if std::ptr::eq(*d, w) || same_permissions(&d.permissions, &w.permissions) {
                continue;
            }
            let own: Vec<&str> = d
                .keys
                .iter()
                .map(String::as_str)
                .filter(|k| !covered.contains(k))
                .collect();
            if own.is_empty() && is_intune_context(&d.rank.stem, &w.rank.stem) {
                // Intune's copy of a shared page lists what a call needs in
                // Intune's scenarios ("Device management", "MAM"): more
                // permissions that Graph accepts, not a disagreement. They
                // join as scopes of their own, `Intune: MAM`.
                for set in &d.permissions {
                    let scope = within("Intune", set.scope.as_deref());
                    if !permissions
                        .iter()
                        .any(|s| s.scope.as_deref() == Some(&*scope))
                    {
                        permissions.push(PermissionSet {
                            scope: Some(scope),
                            ..set.clone()
                        });
                    }
                }
                continue;
            }
            if own.is_empty() {
                // One set each, the same but for its scope's name: a page
                // that scopes its table by resource ("contact", in
                // multivaluelegacyextendedproperty-get.md) agrees with the
                // page that does not.
                if let ([x], [y]) = (&d.permissions[..], &w.permissions[..]) {
                    if same_schemes(x, y) {
                        continue;
                    }
                }
                let show = |d: &Draft| {
                    d.permissions
                        .iter()
                        .map(describe_set)
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                conflict(
                    diags,
                    "permissions",
                    (&show(w), &page_at(w)),
                    (&show(d), &page_at(d)),
                );
                continue;
            }
            let name = scope_name(d, &own);
            for (e, key) in endpoints.iter_mut().zip(&endpoint_keys) {
                if own.contains(key) {
                    e.scope = Some(within(&name, e.scope.as_deref()));
                }
            }
            permissions.extend(d.permissions.iter().map(|set| PermissionSet {
                scope: Some(within(&name, set.scope.as_deref())),
                ..set.clone()
            }));
            covered.extend(own);
            scoped_any = true;
        }
        if scoped_any {
            let keys: Vec<&str> = w.keys.iter().map(String::as_str).collect();
            let name = scope_name(w, &keys);
            for (e, key) in endpoints.iter_mut().zip(&endpoint_keys) {
                if keys.contains(key) {
                    e.scope = Some(within(&name, e.scope.as_deref()));
                }
            }
            for set in permissions.iter_mut().take(w.permissions.len()) {
                set.scope = Some(within(&name, set.scope.as_deref()));
            }
        }
    }

    let mut sources: Vec<Source> = members.iter().map(|d| page_at(d)).collect();
    sources.dedup();
    // Each page's prose states belong to the type that page returns, which
    // need not be the type the merge kept.
    let prose: Vec<ProseStates> = members
        .iter()
        .zip(given)
        .filter_map(|(d, given)| {
            let (states, at) = pages[d.page].prose_enum.clone()?;
            Some((given, states, at))
        })
        .collect();
    let version = win.version;
    let title = wp.title.clone().unwrap_or_default();
    let description = wp.description.clone();
    let area = members.iter().find_map(|d| pages[d.page].area.clone());

    // Examples: union, facts that agree kept once. They move out of the
    // drafts, which are not read after this.
    // Each kept example's request key: its method and normalised path.
    let mut examples: Vec<Example> = Vec::new();
    let mut keys = Vec::new();
    for d in owned.iter_mut() {
        for DraftExample { example: e, path } in std::mem::take(&mut d.examples) {
            let key = e.request.as_ref().map(|r| (r.method.clone(), path));
            let body = e.response.as_ref().map(|r| &r.body);
            let same = examples
                .iter()
                .zip(&keys)
                .position(|(o, k)| *k == key && o.response.as_ref().map(|r| &r.body) == body);
            match same {
                Some(i) => {
                    if let (Some(k), Some(r)) = (&mut examples[i].response, &e.response) {
                        k.also_at.push(r.source.clone());
                    }
                }
                None => {
                    keys.push(key);
                    examples.push(e);
                }
            }
        }
    }

    let op = Operation {
        id: String::new(),
        version,
        title,
        description,
        area,
        former_areas: Vec::new(),
        sources,
        endpoints,
        query_options,
        request_headers,
        request_body,
        response,
        examples,
        permissions,
    };
    (op, prose)
}

/// Whether a page titled "List ..." shows Graph's collection envelope,
/// `{"value": [...]}` and `@odata` annotations only, in every example
/// response with a body, and no annotation says it answers one item.
/// swapshiftschangerequest-list.md (2020) copies the get page's "returns
/// ... the requested swapShiftsChangeRequest object", and its annotation
/// names the type without `isCollection`: read as one item, a list's
/// answer kept its entries in `additional_data`.
fn lists_in_every_example(d: &Draft, p: &PageFacts) -> bool {
    if d.task || title_verb(p.title.as_deref().unwrap_or("")) != "list" {
        return false;
    }
    let says_one = d.examples.iter().any(|e| {
        e.example
            .response
            .as_ref()
            .is_some_and(|r| r.is_collection == Some(false))
    });
    !says_one
        && every_example_body(d, |body| {
            body.as_object().is_some_and(|fields| {
                fields.get("value").is_some_and(|v| v.is_array())
                    && fields
                        .keys()
                        .all(|k| k == "value" || k.starts_with("@odata."))
            })
        })
}

/// Whether a page titled "Get ..." answers one object, not Graph's
/// collection envelope, in every example response with a body.
/// itemanalytics-get.md (2020) says "a collection of [itemAnalytics]
/// object" over one itemAnalytics: read as a collection, the builder
/// expected a page of them, and the answer would not read.
fn gets_one_in_every_example(d: &Draft, p: &PageFacts) -> bool {
    if title_verb(p.title.as_deref().unwrap_or("")) != "get" {
        return false;
    }
    every_example_body(d, |body| {
        body.as_object()
            .is_some_and(|fields| !fields.contains_key("value"))
    })
}

/// Whether a draft's examples show a response body, and every one is JSON
/// of the shape `shows` looks for.
fn every_example_body(d: &Draft, shows: impl Fn(&serde_json::Value) -> bool) -> bool {
    let mut bodies = d
        .examples
        .iter()
        .filter_map(|e| e.example.response.as_ref()?.body.as_ref())
        .peekable();
    bodies.peek().is_some() && bodies.all(|b| matches!(b, Body::Json(v) if shows(v)))
}

/// The response type one page gives. The annotation's type is the
/// machine-readable fact, unless it names only the root type and the prose
/// (or the example's `@odata.context`) names a specific one.
fn response_type(speaking: &[&DraftExample], p: &PageFacts) -> Option<String> {
    let specific = p
        .response
        .type_name
        .clone()
        .or_else(|| context_type(speaking));
    match (example_type(speaking), specific) {
        (Some(t), Some(specific)) if is_generic_type(&t) => Some(specific),
        (Some(t), _) => Some(t),
        (None, Some(specific)) => Some(specific),
        (None, None) => ignored_context(p).map(|(t, _)| t),
    }
}

/// What the `@odata.context` of an ignored example response says: the
/// last resort for a page whose prose and examples name no type.
fn ignored_context(p: &PageFacts) -> Option<(String, bool)> {
    type_of_context(p.ignored_response_context.as_deref()?)
}

/// The annotation's `@odata.type`, normalised as a property type is:
/// `string` is `Edm.String`, `Collection(microsoft.graph.user)` is
/// `microsoft.graph.user`, a bare name is qualified.
fn example_type(speaking: &[&DraftExample]) -> Option<String> {
    speaking
        .iter()
        .find_map(|e| e.example.response.as_ref()?.odata_type.as_deref())
        .map(annotated_type)
        .filter(|t| !t.is_empty() && t != "microsoft.graph.")
}

/// The examples that speak for a draft's response type: all of them,
/// unless some request one of its endpoints and others request a Graph
/// path it does not document. Those show another request's answer:
/// rangeformat-update.md patches `.../range/format` (a
/// workbookRangeFormat comes back), and also `.../format/font` and
/// `.../format/fill`, which other pages document. A request to another
/// host (driveitem-get-content.md fetches the download URL it was sent
/// to) is not another Graph request: it still speaks, as does a response
/// shown without its request.
fn speaking_examples(d: &Draft) -> impl Iterator<Item = &DraftExample> {
    // One example speaks, whatever it requests: most drafts have one, and
    // matching its request is most of the merge's time.
    let requests: Vec<Option<bool>> = if d.examples.len() < 2 {
        vec![None; d.examples.len()]
    } else {
        d.examples.iter().map(|e| requests_own(d, e)).collect()
    };
    let some_own = requests.contains(&Some(true));
    d.examples
        .iter()
        .zip(requests)
        .filter(move |(_, own)| !some_own || *own != Some(false))
        .map(|(e, _)| e)
}

/// Whether an example requests one of the draft's endpoints (as written,
/// or through the aliases Graph routes: `/me`, a drive's `root`,
/// `/$count`); `None` when it requests no Graph path.
fn requests_own(d: &Draft, e: &DraftExample) -> Option<bool> {
    e.path.as_ref()?;
    let target = Target::parse(&e.example.request.as_ref()?.url);
    if !target.is_graph() {
        return None;
    }
    let fits_any = |t: &Target| d.endpoints.iter().any(|e| fits(&e.path, t));
    Some(fits_any(&target) || target.aliases().iter().flatten().any(fits_any))
}

/// A response annotation's `@odata.type`, normalised as a property type.
fn annotated_type(raw: &str) -> String {
    crate::parse::resource::type_of(raw.trim_start_matches('#'), "microsoft.graph").0
}

/// The type an example's `@odata.context` names:
/// `https://graph.microsoft.com/beta/$metadata#microsoft.graph.passwordResetResponse`.
/// Entity-set contexts (`#users/$entity`) name no type.
fn context_type(speaking: &[&DraftExample]) -> Option<String> {
    speaking.iter().find_map(|e| {
        let Some(Body::Json(body)) = &e.example.response.as_ref()?.body else {
            return None;
        };
        type_of_context(body.get("@odata.context")?.as_str()?).map(|(t, _)| t)
    })
}

/// The type an `@odata.context` URL names, and whether it names a
/// collection of it: `...$metadata#microsoft.graph.passwordResetResponse`,
/// or `...$metadata#Collection(userActivity)` (a bare name in
/// `Collection(...)` is a type of Graph's namespace; bare, it would be an
/// entity set, `#users`).
fn type_of_context(context: &str) -> Option<(String, bool)> {
    let fragment = context.split_once("$metadata#")?.1;
    let inner = fragment
        .strip_prefix("Collection(")
        .and_then(|f| f.strip_suffix(')'));
    let name = inner.unwrap_or(fragment);
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if !plain {
        return None;
    }
    if name.starts_with("microsoft.graph.") {
        Some((name.to_string(), inner.is_some()))
    } else if inner.is_some() && !name.contains('.') {
        Some((format!("microsoft.graph.{name}"), true))
    } else {
        None
    }
}

/// Types an annotation names when the writer did not know better.
fn is_generic_type(t: &str) -> bool {
    matches!(
        t.to_ascii_lowercase().as_str(),
        "microsoft.graph.entity" | "microsoft.graph.json" | "entity" | "json"
    )
}

fn descriptiveness(e: &Endpoint) -> (usize, usize) {
    (
        e.parameters.iter().map(|p| p.alternatives.len()).sum(),
        e.parameters.iter().map(|p| p.name.len()).sum(),
    )
}

/// The scope of one page's permissions within a merged operation: the
/// first of its endpoints that only it documents, as the docs write it.
fn scope_name(d: &Draft, keys: &[&str]) -> String {
    let mine: Vec<&Endpoint> = d
        .endpoints
        .iter()
        .zip(&d.keys)
        .filter(|(_, key)| keys.contains(&key.as_str()))
        .map(|(e, _)| e)
        .collect();
    match mine.as_slice() {
        [] => String::new(),
        [one] => format!("{} {}", d.method, one.path),
        [first, rest @ ..] => format!("{} {} and {} more", d.method, first.path, rest.len()),
    }
}

/// A scope inside a scope: `GET /me/events/{id}: user calendar`.
fn within(outer: &str, inner: Option<&str>) -> String {
    match inner {
        Some(inner) if !outer.is_empty() => format!("{outer}: {inner}"),
        Some(inner) => inner.to_string(),
        None => outer.to_string(),
    }
}

fn same_permissions(a: &[PermissionSet], b: &[PermissionSet]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.scope == y.scope && same_schemes(x, y))
}

/// Whether two sets give every scheme the same permissions, whatever
/// their scopes are called.
fn same_schemes(x: &PermissionSet, y: &PermissionSet) -> bool {
    x.schemes()
        .iter()
        .zip(y.schemes())
        .all(|((_, p), (_, q))| *p == q)
}

fn describe_set(s: &PermissionSet) -> String {
    let scheme = |p: &SchemePermissions| match p {
        SchemePermissions::Listed { least, .. } => least.join(", "),
        SchemePermissions::Status(SchemeStatus::NotSupported) => "not supported".into(),
        SchemePermissions::Status(SchemeStatus::Unknown) => "unknown".into(),
    };
    format!(
        "{}delegated work {}, application {}",
        s.scope
            .as_deref()
            .map(|s| format!("{s}: "))
            .unwrap_or_default(),
        scheme(&s.delegated_work),
        scheme(&s.application)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_outranks_its_variant_whatever_their_endpoint_counts() {
        let rank = |file: &str, endpoints: usize| Rank {
            rendered: false,
            endpoints,
            file: file.into(),
            stem: file_stem(file),
        };
        let page = rank("api/user-get.md", 3);
        let variant = rank("api/intune-shared-user-get.md", 1);
        assert!(page.key([&variant]) < variant.key([&page]));
        // Otherwise the more specific page (fewer endpoints) comes first.
        let other = rank("api/group-get.md", 2);
        assert!(other.key([&page]) < page.key([&other]));
        // Markdown before rendered text, before anything else.
        let rendered = Rank {
            rendered: true,
            ..rank("api/user-get.txt", 1)
        };
        assert!(page.key([&rendered]) < rendered.key([&page]));
    }

    #[test]
    fn variant_pages_are_told_by_their_names() {
        assert!(is_variant_of("intune-shared-user-get", "user-get"));
        assert!(is_variant_of(
            "intune-onboarding-organization-get",
            "organization-get"
        ));
        assert!(!is_variant_of("user-get", "user-get"));
        assert!(!is_variant_of("superuser-get", "user-get"));
        assert!(!is_variant_of("user-get", "intune-shared-user-get"));
        // Intune's copies of shared pages, whatever their names.
        assert!(is_variant_of(
            "intune-shared-user-create",
            "user-post-users"
        ));
        assert!(!is_variant_of(
            "user-post-users",
            "intune-shared-user-create"
        ));
        assert!(!is_variant_of(
            "intune-shared-user-create",
            "intune-devices-user-create"
        ));
        assert_eq!(file_stem("a/b/v1.0/api/User-Get.md"), "user-get");
        assert_eq!(file_stem("000_3e27.txt"), "000_3e27");
    }
}
