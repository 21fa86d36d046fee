//! Cargo features of the generated crate: one per API version and one per
//! area of the docs (`ms.prod`: `area-outlook`, `area-intune`, ...). An
//! operation is compiled when its area is on, or an area the crate regen
//! replaced had it in (`Operation::former_areas`); a model or enum when an
//! enabled operation needs it (as response, body, or through a structural
//! property, transitively), or with `all-models`. A field whose type is off
//! is left out of its struct, and its value lands in `additional_data`, so
//! nothing is lost. Builders exist as far as some operation below them is on.
//!
//! Defaults: a small crate (up to [`SMALL_CRATE`] operations, such as the
//! one `spec/` gives) turns everything on; a whole docs tree turns on the
//! directory core (`area-users`, `area-groups`) and leaves the rest to the
//! application: `default-features = false, features = ["reqwest", "v1",
//! "area-outlook"]`.

use super::models::TypeIndex;
use crate::ir::{ApiVersion, Ir, Operation};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Crates with at most this many operations default to every feature.
pub const SMALL_CRATE: usize = 300;

/// The feature of an operation's area.
pub fn area_feature(area: Option<&str>) -> String {
    let raw = area.unwrap_or("other").to_ascii_lowercase();
    let mut name = String::from("area-");
    let mut dash = false;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
            dash = false;
        } else if !dash && name.len() > 5 {
            name.push('-');
            dash = true;
        }
    }
    let name = name.trim_end_matches('-').to_string();
    if name == "area" {
        "area-other".into()
    } else {
        name
    }
}

pub fn version_feature(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V1 => "v1",
        ApiVersion::Beta => "beta",
    }
}

/// `#[cfg(any(feature = "a", ...))]` for a set of features; nothing for an
/// empty set is never asked for (every type has at least `all-models`).
pub fn cfg(features: &BTreeSet<String>) -> TokenStream {
    if features.is_empty() {
        return quote!();
    }
    let any = any_feature(features);
    quote!(#[cfg(#any)])
}

/// `#[cfg(all(feature = "v1", any(...)))]`: for tests, which name a
/// version, and the permission tables of a version's operations.
pub fn test_cfg(version: ApiVersion, features: &BTreeSet<String>) -> TokenStream {
    let v = version_feature(version);
    let any = any_feature(features);
    quote!(#[cfg(all(feature = #v, #any))])
}

/// The predicate that one of `features` is on: `feature = "x"` for one.
pub fn any_feature(features: &BTreeSet<String>) -> TokenStream {
    let list: Vec<&String> = features.iter().collect();
    match list.as_slice() {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    }
}

/// Which features switch each model and enum on, per version.
pub struct TypeFeatures {
    by_type: BTreeMap<(ApiVersion, String), BTreeSet<String>>,
}

impl TypeFeatures {
    pub fn new(ir: &Ir, index: &TypeIndex) -> Self {
        let mut by_type: BTreeMap<(ApiVersion, String), BTreeSet<String>> = BTreeMap::new();
        let models: BTreeMap<(ApiVersion, &str), &crate::ir::Model> = ir
            .models
            .iter()
            .map(|m| ((m.version, m.name.as_str()), m))
            .collect();
        // Each operation's areas switch on the types it takes and gives;
        // and each type an earlier crate had on with other areas stays on
        // with them (`Ir::former_type_areas`).
        let seeds = ir
            .operations
            .iter()
            .map(|op| {
                let types: Vec<String> = op
                    .response
                    .type_name
                    .iter()
                    .chain(op.request_body.type_name.iter())
                    .cloned()
                    .collect();
                (op.version, types, op_areas(op))
            })
            .chain(ir.former_type_areas.iter().map(|t| {
                (
                    t.version,
                    vec![t.name.clone()],
                    t.areas.iter().cloned().collect(),
                )
            }));
        for (version, types, areas) in seeds {
            let mut stack = types;
            while let Some(t) = stack.pop() {
                if index.get(version, &t).is_none() {
                    continue;
                }
                let set = by_type.entry((version, t.clone())).or_default();
                if areas.is_subset(set) {
                    continue; // seen for these areas
                }
                set.extend(areas.iter().cloned());
                // A model's value: its structural properties, not the
                // entities it navigates to (those fields are gated by their
                // own type; see `models.rs`).
                if let Some(m) = models.get(&(version, t.as_str())) {
                    stack.extend(
                        m.properties
                            .iter()
                            .filter(|p| !p.navigation)
                            .map(|p| p.type_name.clone()),
                    );
                }
            }
        }
        for (version, name) in ir
            .models
            .iter()
            .map(|m| (m.version, &m.name))
            .chain(ir.enums.iter().map(|e| (e.version, &e.name)))
        {
            by_type
                .entry((version, name.clone()))
                .or_default()
                .insert("all-models".into());
        }
        TypeFeatures { by_type }
    }

    /// Every type with the area features that switch it on (`all-models`
    /// left out), for the crate's `names.lock`.
    pub fn areas(&self) -> impl Iterator<Item = (ApiVersion, &str, Vec<&str>)> {
        self.by_type
            .iter()
            .filter_map(|((version, name), features)| {
                let areas: Vec<&str> = features
                    .iter()
                    .map(String::as_str)
                    .filter(|f| *f != "all-models")
                    .collect();
                (!areas.is_empty()).then_some((*version, name.as_str(), areas))
            })
    }

    /// The features that switch a type on (always including `all-models`).
    pub fn of(&self, version: ApiVersion, name: &str) -> BTreeSet<String> {
        self.by_type
            .get(&(version, name.to_string()))
            .cloned()
            .unwrap_or_else(|| ["all-models".to_string()].into())
    }
}

/// The `[features]` table.
pub fn table(ir: &Ir, versions: &[ApiVersion]) -> String {
    let mut areas: BTreeSet<String> = ir.operations.iter().flat_map(op_areas).collect();
    areas.extend(
        ir.former_type_areas
            .iter()
            .flat_map(|t| t.areas.iter().cloned()),
    );
    let small = ir.operations.len() <= SMALL_CRATE;
    let mut default: Vec<String> = vec!["reqwest".into()];
    default.extend(versions.iter().map(|v| version_feature(*v).to_string()));
    if small {
        default.push("full".into());
    } else {
        default.extend(
            ["area-users", "area-groups"]
                .iter()
                .filter(|a| areas.contains(**a))
                .map(|a| a.to_string()),
        );
    }
    let quoted = |v: &[String]| {
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut full: Vec<String> = areas.iter().cloned().collect();
    full.push("all-models".into());
    let mut out = String::from("[features]\n");
    out.push_str(if small {
        "# A small crate: everything is on by default.\n"
    } else {
        "# The directory core by default; turn on the areas your application calls.\n"
    });
    out.push_str(&format!("default = [{}]\n", quoted(&default)));
    out.push_str("# `send()`, paging, retries and polling over reqwest. Without it the crate\n# builds `http::Request`s and parses `http::Response`s for any client.\nreqwest = [\"dep:reqwest\", \"dep:tokio\"]\n");
    for v in versions {
        out.push_str(&format!("{} = []\n", version_feature(*v)));
    }
    out.push_str(&format!(
        "# Every area and every model.\nfull = [{}]\n",
        quoted(&full)
    ));
    out.push_str("# Models and enums no operation needs.\nall-models = []\n");
    for a in &areas {
        let count = ir.operations.iter().filter(|o| &op_area(o) == a).count();
        let noun = if count == 1 {
            "operation"
        } else {
            "operations"
        };
        // An area the docs moved operations out of stays, with them.
        let kept = ir
            .operations
            .iter()
            .filter(|o| o.former_areas.contains(a))
            .count();
        let kept = match kept {
            0 => String::new(),
            n => format!(", and {n} an earlier crate had in it"),
        };
        out.push_str(&format!("# {count} {noun}{kept}\n{a} = []\n"));
    }
    out
}

/// The feature of an operation's own area (where the quick start takes it
/// from).
pub fn op_area(op: &Operation) -> String {
    area_feature(op.area.as_deref())
}

/// The features that switch an operation on: its own area's and those of
/// the areas an earlier crate had it in (`former_areas`).
pub fn op_areas(op: &Operation) -> BTreeSet<String> {
    let mut areas: BTreeSet<String> = op.former_areas.iter().cloned().collect();
    areas.insert(op_area(op));
    areas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_become_feature_names() {
        assert_eq!(area_feature(Some("Intune")), "area-intune");
        assert_eq!(
            area_feature(Some("microsoft-identity-platform")),
            "area-microsoft-identity-platform"
        );
        assert_eq!(
            area_feature(Some("Cloud Communications ")),
            "area-cloud-communications"
        );
        assert_eq!(area_feature(Some("\"); exit(1); //")), "area-exit-1");
        assert_eq!(area_feature(None), "area-other");
        assert_eq!(area_feature(Some("!!!")), "area-other");
    }
}
