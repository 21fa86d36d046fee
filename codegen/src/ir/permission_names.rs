//! Permission names a space split in two, joined as the other pages of the
//! version write them. directory-deleteditems-get.md (2019, 2020) lists
//! `Directory AccessAsUser.All`, and intune-shared-devicecategory-create.md
//! `DeviceManagementManaged Devices.ReadWrite.All`: read word by word, they
//! gave the permissions `AccessAsUser.All` and `Devices.ReadWrite.All`,
//! which Graph does not have. Whether the parts are one name, and whether a
//! dot or nothing was lost between them, only the rest of the tree can
//! tell: the join is taken when exactly one of the two spellings is a name
//! some page of the version lists.

use super::{ApiVersion, SchemePermissions};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::permissions::SplitName;
use crate::parse::PageFacts;
use std::collections::BTreeSet;

/// Joins the split names of every page, or reports the first part as
/// skipped text (`D0207`) when the tree does not say how.
pub fn join(pages: &mut [PageFacts], diags: &mut Vec<Diagnostic>) {
    if pages.iter().all(|p| p.split_permission_names.is_empty()) {
        return;
    }
    // The spellings the splits could stand for, and those some page lists
    // (looked up name by name: a set of every name would cost more than
    // the few splits are worth).
    let mut spellings: Vec<(ApiVersion, String)> = Vec::new();
    for page in pages.iter() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for split in &page.split_permission_names {
            for spelling in spellings_of(split) {
                spellings.push((version, spelling));
            }
        }
    }
    let mut listed: BTreeSet<(ApiVersion, String)> = BTreeSet::new();
    for page in pages.iter() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for set in &page.permissions {
            for (_, scheme) in set.schemes() {
                if let SchemePermissions::Listed { least, higher } = scheme {
                    for entry in least.iter().chain(higher) {
                        // `A and B` is one entry of two names.
                        for name in entry.split(" and ") {
                            if spellings.iter().any(|(v, s)| *v == version && s == name) {
                                listed.insert((version, name.to_string()));
                            }
                        }
                    }
                }
            }
        }
    }
    for page in pages.iter_mut() {
        let version = page.version.unwrap_or(ApiVersion::V1);
        for split in std::mem::take(&mut page.split_permission_names) {
            let candidates = spellings_of(&split);
            let known: Vec<&String> = candidates
                .iter()
                .filter(|s| listed.contains(&(version, s.to_string())))
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

/// The two names a split can stand for: a dot lost, or a space inside.
fn spellings_of(split: &SplitName) -> [String; 2] {
    [
        format!("{}.{}", split.fragment, split.name),
        format!("{}{}", split.fragment, split.name),
    ]
}
