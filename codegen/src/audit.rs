//! Holding the permissions the docs state against the DevX permissions file
//! (the Kibali format Graph Explorer uses), as `cargo xtask perms-audit`
//! prints it. Docs maintainers use it to find permission tables that went
//! stale.
//!
//! Both sides are reduced to (method, path, scheme). The docs side is every
//! endpoint of every operation, with the union over its scopes of the least
//! privileged permissions and of all listed permissions. The DevX side is
//! every path set, with the permissions marked `least=<scheme>` and all
//! permissions listed. DevX paths have no version, so one DevX entry speaks
//! for the v1.0 and the beta endpoint alike. Paths compare as the merge
//! compares them: case-insensitively, parameters by position.
//!
//! A pair both sides know agrees when the two least privileged sets share a
//! permission (a page may list a different least permission per scope).

use crate::ir::{ApiVersion, Ir, Scheme, SchemePermissions, SchemeStatus, Source};
use crate::parse::http::path_key;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The parts of a Kibali permissions file the audit reads.
#[derive(Deserialize)]
pub struct DevxFile {
    pub permissions: BTreeMap<String, DevxPermission>,
}

#[derive(Deserialize)]
pub struct DevxPermission {
    #[serde(rename = "pathSets", default)]
    pub path_sets: Vec<PathSet>,
}

#[derive(Deserialize)]
pub struct PathSet {
    #[serde(rename = "schemeKeys", default)]
    pub scheme_keys: Vec<String>,
    #[serde(default)]
    pub methods: Vec<String>,
    #[serde(default)]
    pub paths: BTreeMap<String, String>,
}

pub fn parse_devx(text: &str) -> Result<DevxFile, String> {
    serde_json::from_str(text).map_err(|e| format!("not a Kibali permissions file: {e}"))
}

/// The merge's path key, with function arguments dropped: DevX writes
/// `getEmailActivityUserDetail(period={period})` where a page writes
/// `getEmailActivityUserDetail(period='{period_value}')`. A reference's
/// `/$ref` is dropped too: DevX writes nearly every one without it
/// (`POST /applications/{id}/owners` for the page's
/// `POST /applications/{id}/owners/$ref`; 89 of its 18,867 paths keep it).
fn audit_key(path: &str) -> String {
    let key = path_key(path);
    let mut out = String::with_capacity(key.len());
    let mut depth = 0;
    for c in key.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    out.push('(');
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    out.push(')');
                }
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    if let Some(without) = out.strip_suffix("/$ref") {
        out.truncate(without.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::audit_key;

    #[test]
    fn keys_drop_function_arguments_and_a_reference_s_ref() {
        assert_eq!(
            audit_key("/reports/getEmailActivityUserDetail(period='{period_value}')"),
            audit_key("/reports/getEmailActivityUserDetail(period={period})")
        );
        assert_eq!(
            audit_key("/applications/{id}/owners/{id}/$ref"),
            audit_key("/applications/{id}/owners/{id}")
        );
        assert_eq!(audit_key("/groups/{id}/members/$ref"), "/groups/{}/members");
        // Only a last segment: `$ref` elsewhere, or another `$` segment, stays.
        assert_eq!(
            audit_key("/users/{id}/photo/$value"),
            "/users/{}/photo/$value"
        );
    }
}

fn scheme_of(key: &str) -> Option<Scheme> {
    match key {
        "DelegatedWork" => Some(Scheme::DelegatedWork),
        "DelegatedPersonal" => Some(Scheme::DelegatedPersonal),
        "Application" => Some(Scheme::Application),
        _ => None,
    }
}

#[derive(Default, Clone, Debug)]
struct Known {
    least: BTreeSet<String>,
    all: BTreeSet<String>,
}

type DevxKey = (String, String, Scheme);

fn devx_index(devx: &DevxFile) -> BTreeMap<DevxKey, Known> {
    let mut out: BTreeMap<DevxKey, Known> = BTreeMap::new();
    for (name, p) in &devx.permissions {
        for set in &p.path_sets {
            let schemes: Vec<Scheme> = set
                .scheme_keys
                .iter()
                .filter_map(|k| scheme_of(k))
                .collect();
            for (path, marks) in &set.paths {
                let least: Vec<Scheme> = marks
                    .split(';')
                    .filter_map(|m| m.trim().strip_prefix("least="))
                    .flat_map(|l| l.split(','))
                    .filter_map(|k| scheme_of(k.trim()))
                    .collect();
                for method in &set.methods {
                    for &scheme in &schemes {
                        let k = out
                            .entry((method.to_ascii_uppercase(), audit_key(path), scheme))
                            .or_default();
                        k.all.insert(name.clone());
                        if least.contains(&scheme) {
                            k.least.insert(name.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Agree,
    /// Both list permissions; the least privileged ones differ.
    LeastDiffers,
    /// The docs say not supported; DevX lists permissions.
    DocsSayNotSupported,
    /// Only the docs list permissions for this endpoint and scheme.
    OnlyDocs,
    /// DevX lists permissions where the docs do not say (unknown).
    OnlyDevx,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub verdict: Verdict,
    pub version: ApiVersion,
    pub method: String,
    pub path: String,
    pub scheme: Scheme,
    pub docs_least: Vec<String>,
    pub devx_least: Vec<String>,
    /// Permissions one side lists and the other does not.
    pub only_in_docs: Vec<String>,
    pub only_in_devx: Vec<String>,
    /// The page and line of the docs' permission table.
    pub source: Source,
}

#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// (endpoint, scheme) pairs both sides have permissions for.
    pub both_know: usize,
    pub agree: usize,
    pub findings: Vec<Finding>,
    /// DevX paths that no operation of the docs tree documents.
    pub devx_paths_not_in_docs: usize,
}

impl Audit {
    pub fn agreement_percent(&self) -> f64 {
        if self.both_know == 0 {
            100.0
        } else {
            self.agree as f64 * 100.0 / self.both_know as f64
        }
    }
}

pub fn audit(ir: &Ir, devx: &DevxFile) -> Audit {
    let index = devx_index(devx);
    let mut findings = Vec::new();
    let mut both_know = 0;
    let mut agree = 0;
    let mut docs_keys: BTreeSet<(String, String)> = BTreeSet::new();
    for op in &ir.operations {
        for e in &op.endpoints {
            let key = audit_key(&e.path);
            docs_keys.insert((e.method.to_ascii_uppercase(), key.clone()));
            for scheme in Scheme::ALL {
                let mut docs = Known::default();
                let mut not_supported = !op.permissions.is_empty();
                let mut source = op.sources.first().cloned().unwrap_or_default();
                for set in &op.permissions {
                    match set
                        .schemes()
                        .into_iter()
                        .find(|(s, _)| *s == scheme)
                        .map(|x| x.1)
                    {
                        Some(SchemePermissions::Listed { least, higher }) => {
                            not_supported = false;
                            source = set.source.clone();
                            // `A and B` entries: each name counts.
                            let names = |v: &[String]| -> Vec<String> {
                                v.iter()
                                    .flat_map(|e| crate::emit::permissions::requirement_names(e))
                                    .map(str::to_string)
                                    .collect()
                            };
                            docs.least.extend(names(least));
                            docs.all.extend(names(least));
                            docs.all.extend(names(higher));
                        }
                        Some(SchemePermissions::Status(SchemeStatus::NotSupported)) => {}
                        _ => not_supported = false,
                    }
                }
                let devx_known = index
                    .get(&(e.method.to_ascii_uppercase(), key.clone(), scheme))
                    .cloned()
                    .unwrap_or_default();
                let devx_lists = !devx_known.all.is_empty();
                let lower = |s: &BTreeSet<String>| -> BTreeSet<String> {
                    s.iter().map(|x| x.to_ascii_lowercase()).collect()
                };
                let verdict = match (docs.all.is_empty(), devx_lists) {
                    (false, true) => {
                        both_know += 1;
                        // DevX does not always mark a least privileged
                        // permission; then any permission it lists counts.
                        let devx_least = if devx_known.least.is_empty() {
                            &devx_known.all
                        } else {
                            &devx_known.least
                        };
                        if lower(&docs.least)
                            .intersection(&lower(devx_least))
                            .next()
                            .is_some()
                        {
                            agree += 1;
                            Verdict::Agree
                        } else {
                            Verdict::LeastDiffers
                        }
                    }
                    (false, false) => Verdict::OnlyDocs,
                    (true, true) if not_supported => Verdict::DocsSayNotSupported,
                    (true, true) => Verdict::OnlyDevx,
                    (true, false) => continue,
                };
                let (dl, xl) = (lower(&docs.all), lower(&devx_known.all));
                findings.push(Finding {
                    verdict,
                    version: op.version,
                    method: e.method.clone(),
                    path: e.path.clone(),
                    scheme,
                    docs_least: docs.least.iter().cloned().collect(),
                    devx_least: devx_known.least.iter().cloned().collect(),
                    only_in_docs: docs
                        .all
                        .iter()
                        .filter(|p| !xl.contains(&p.to_ascii_lowercase()))
                        .cloned()
                        .collect(),
                    only_in_devx: devx_known
                        .all
                        .iter()
                        .filter(|p| !dl.contains(&p.to_ascii_lowercase()))
                        .cloned()
                        .collect(),
                    source,
                });
            }
        }
    }
    let devx_paths: BTreeSet<(String, String)> = index
        .keys()
        .map(|(m, p, _)| (m.clone(), p.clone()))
        .collect();
    Audit {
        both_know,
        agree,
        findings,
        devx_paths_not_in_docs: devx_paths.difference(&docs_keys).count(),
    }
}

/// The audit as text: the agreement figure, then every finding that is not
/// an agreement, with the page and line to fix.
pub fn render(a: &Audit) -> String {
    let mut out = String::new();
    let count = |v: Verdict| a.findings.iter().filter(|f| f.verdict == v).count();
    let _ = writeln!(
        out,
        "least privileged permission: {} of {} (endpoint, scheme) pairs agree ({:.1}%)",
        a.agree,
        a.both_know,
        a.agreement_percent()
    );
    let _ = writeln!(
        out,
        "  least privileged differs:        {}",
        count(Verdict::LeastDiffers)
    );
    let _ = writeln!(
        out,
        "  docs say not supported, DevX not: {}",
        count(Verdict::DocsSayNotSupported)
    );
    let _ = writeln!(
        out,
        "  only the docs list permissions:  {}",
        count(Verdict::OnlyDocs)
    );
    let _ = writeln!(
        out,
        "  only DevX lists permissions:     {}",
        count(Verdict::OnlyDevx)
    );
    let _ = writeln!(
        out,
        "  DevX paths this docs tree does not document: {}",
        a.devx_paths_not_in_docs
    );
    let mut findings: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Agree)
        .collect();
    findings.sort_by(|x, y| {
        (x.verdict, &x.source, &x.path, x.scheme).cmp(&(y.verdict, &y.source, &y.path, y.scheme))
    });
    let mut last = None;
    for f in findings {
        if last != Some(f.verdict) {
            let heading = match f.verdict {
                Verdict::LeastDiffers => "Least privileged permission differs",
                Verdict::DocsSayNotSupported => "Docs say not supported; DevX lists permissions",
                Verdict::OnlyDocs => "Only the docs list permissions",
                Verdict::OnlyDevx => "Only DevX lists permissions (the docs do not say)",
                Verdict::Agree => "Agree",
            };
            let _ = writeln!(out, "\n{heading}:");
            last = Some(f.verdict);
        }
        let _ = writeln!(
            out,
            "  {}: {} {} ({}), {}: docs {} / DevX {}",
            f.source,
            f.method,
            f.path,
            f.version.as_str(),
            f.scheme.label(),
            list(&f.docs_least),
            list(&f.devx_least),
        );
        if !f.only_in_docs.is_empty() || !f.only_in_devx.is_empty() {
            let _ = writeln!(
                out,
                "      only in docs: {}; only in DevX: {}",
                list(&f.only_in_docs),
                list(&f.only_in_devx)
            );
        }
    }
    out
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}
