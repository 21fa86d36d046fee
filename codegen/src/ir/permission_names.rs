//! Permission names read with the help of the other pages of the version.
//!
//! Names a space split in two: directory-deleteditems-get.md (2019, 2020)
//! lists `Directory AccessAsUser.All`, and
//! intune-shared-devicecategory-create.md `DeviceManagementManaged
//! Devices.ReadWrite.All`: read word by word, they gave the permissions
//! `AccessAsUser.All` and `Devices.ReadWrite.All`, which Graph does not
//! have. Whether the parts are one name, and whether a dot or nothing was
//! lost between them, only the rest of the tree can tell: the join is taken
//! when exactly one of the two spellings is a name some page of the version
//! lists.
//!
//! Names listed with no scheme: attachment-get.md gives bulleted cases
//! ("If accessing attachments in messages: Mail.Read.") and no table. Each
//! name is listed under the schemes other pages of the version list it
//! under; a scheme no page lists any of them under stays unknown.

use super::{ApiVersion, Scheme, SchemePermissions};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::permissions::SplitName;
use crate::parse::PageFacts;
use std::collections::{BTreeMap, BTreeSet};

/// The schemes some page of a version lists a name under.
type Listed = BTreeMap<(ApiVersion, String), BTreeSet<Scheme>>;

/// Joins the split names of every page, or reports the first part as
/// skipped text (`D0207`) when the tree does not say how; and gives the
/// names of schemeless lists their schemes (`D0209`).
pub fn settle(pages: &mut [PageFacts], diags: &mut Vec<Diagnostic>) {
    // The names asked about: the spellings the splits could stand for and
    // the names of schemeless lists (looked up name by name: a map of
    // every name would cost more than the few asked are worth).
    let mut wanted: BTreeSet<(ApiVersion, String)> = BTreeSet::new();
    for page in pages.iter() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for split in &page.split_permission_names {
            for spelling in spellings_of(split) {
                wanted.insert((version, spelling));
            }
        }
        for list in &page.schemeless_permissions {
            for name in &list.names {
                wanted.insert((version, name.clone()));
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    let listed = listed(pages, &wanted);
    join(pages, &listed, diags);
    give_schemes(pages, &listed, diags);
}

/// Under which schemes the pages list each of the `wanted` names.
fn listed(pages: &[PageFacts], wanted: &BTreeSet<(ApiVersion, String)>) -> Listed {
    // Asked name by name, without a copy: a key of each name the tables
    // list was most of this scan's cost. The names asked are a few dozen
    // at most; comparing with each beat hashing every name listed.
    let names: Vec<&str> = wanted.iter().map(|(_, n)| n.as_str()).collect();
    let mut listed = Listed::new();
    for page in pages {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for set in &page.permissions {
            for (scheme, grant) in set.schemes() {
                if let SchemePermissions::Listed { least, higher } = grant {
                    for entry in least.iter().chain(higher) {
                        // `A and B` is one entry of two names.
                        for name in entry.split(" and ") {
                            if !names.contains(&name) {
                                continue;
                            }
                            let key = (version, name.to_string());
                            if wanted.contains(&key) {
                                listed.entry(key).or_default().insert(scheme);
                            }
                        }
                    }
                }
            }
        }
    }
    listed
}

fn join(pages: &mut [PageFacts], listed: &Listed, diags: &mut Vec<Diagnostic>) {
    for page in pages.iter_mut() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for split in std::mem::take(&mut page.split_permission_names) {
            let candidates = spellings_of(&split);
            let known: Vec<&String> = candidates
                .iter()
                .filter(|s| listed.contains_key(&(version, s.to_string())))
                .collect();
            let [joined] = known[..] else {
                diags.push(Diagnostic::at(
                    Code::PermissionNameOdd,
                    &split.at,
                    format!(
                        "skipped `{}` in the {} permission cell",
                        split.fragment,
                        split.scheme.label()
                    ),
                ));
                continue;
            };
            for set in &mut page.permissions {
                if let SchemePermissions::Listed { least, higher } = set.scheme_mut(split.scheme) {
                    for entry in least.iter_mut().chain(higher.iter_mut()) {
                        if entry.split(" and ").any(|n| n == split.name) {
                            *entry = entry
                                .split(" and ")
                                .map(|n| if n == split.name { joined.as_str() } else { n })
                                .collect::<Vec<_>>()
                                .join(" and ");
                        }
                    }
                }
            }
            diags.push(Diagnostic::at(
                Code::PermissionNameSplit,
                &split.at,
                format!(
                    "read `{} {}` in the {} permission cell as `{joined}`, as other pages of the version write it",
                    split.fragment,
                    split.name,
                    split.scheme.label()
                ),
            ));
        }
    }
}

/// Lists each name of a schemeless list under the schemes other pages of
/// the version list it under, in the list's order (least privileged
/// first).
fn give_schemes(pages: &mut [PageFacts], listed: &Listed, diags: &mut Vec<Diagnostic>) {
    for page in pages.iter_mut() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for list in std::mem::take(&mut page.schemeless_permissions) {
            let Some(set) = page.permissions.get_mut(list.set) else {
                continue;
            };
            let mut given: Vec<String> = Vec::new();
            for scheme in Scheme::ALL {
                let names: Vec<String> = list
                    .names
                    .iter()
                    .filter(|n| {
                        listed
                            .get(&(version, n.to_string()))
                            .is_some_and(|schemes| schemes.contains(&scheme))
                    })
                    .cloned()
                    .collect();
                if let [least, higher @ ..] = &names[..] {
                    given.push(format!("{} {}", scheme.label(), names.join(", ")));
                    *set.scheme_mut(scheme) = SchemePermissions::Listed {
                        least: vec![least.clone()],
                        higher: higher.to_vec(),
                    };
                }
            }
            let case = set.scope.as_deref().unwrap_or("the page");
            diags.push(Diagnostic::at(
                Code::PermissionSchemeInferred,
                &set.source,
                if given.is_empty() {
                    format!(
                        "`{case}` lists {} with no scheme, and no other page of the version lists them; permissions are unknown",
                        list.names.join(", ")
                    )
                } else {
                    format!(
                        "`{case}` lists {} with no scheme; read as other pages of the version list them: {}",
                        list.names.join(", "),
                        given.join("; ")
                    )
                },
            ));
        }
    }
}

/// The two names a split can stand for: a dot lost, or a space inside.
fn spellings_of(split: &SplitName) -> [String; 2] {
    [
        format!("{}.{}", split.fragment, split.name),
        format!("{}{}", split.fragment, split.name),
    ]
}
