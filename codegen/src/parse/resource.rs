//! Resource pages: the properties and relationships tables, the JSON
//! representation annotation (`@odata.type`, `baseType`), enum members
//! stated in property descriptions, and enum pages with a Members table.

use super::blocks::{Block, BlockKind};
use super::json::{self, Lenient};
use super::page::PageFacts;
use super::prose;
use crate::diagnostics::Diagnostic;
use crate::ir::{Property, Source};

#[derive(Clone, Debug, Default)]
pub struct ResourceFacts {
    /// Qualified name, e.g. `microsoft.graph.longRunningOperation`.
    pub name: String,
    pub base_type: Option<String>,
    pub properties: Vec<Property>,
    /// Enums stated in property descriptions: (qualified enum name, members, where).
    pub enums: Vec<(String, Vec<String>, Source)>,
    pub is_enum: bool,
    pub at: Source,
}

/// Maps a docs type name to the IR: primitives become `Edm.*`, anything
/// else a qualified name in `namespace`. Returns (type, collection).
pub fn type_of(raw: &str, namespace: &str) -> (String, bool) {
    let mut t = raw.trim().trim_matches('`').to_string();
    let mut collection = false;
    let lower = t.to_ascii_lowercase();
    if let Some(inner) = lower
        .strip_prefix("collection(")
        .and_then(|s| s.strip_suffix(')'))
    {
        t = t[11..11 + inner.len()].to_string();
        collection = true;
    } else if let Some(stripped) = strip_suffix_ci(&t, " collection") {
        t = stripped.to_string();
        collection = true;
    }
    let t = t
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let bare = t
        .strip_prefix("Edm.")
        .or_else(|| t.strip_prefix("edm."))
        .unwrap_or(t);
    if let Some(edm) = crate::types::edm_name(bare) {
        return (edm.to_string(), collection);
    }
    if t.contains('.') {
        return (t.to_string(), collection);
    }
    (format!("{namespace}.{t}"), collection)
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(n) && s[n..].eq_ignore_ascii_case(suffix)).then(|| &s[..n])
}

pub fn read(facts: &PageFacts, blocks: &[&Block]) -> (ResourceFacts, Vec<Diagnostic>) {
    let diags = Vec::new();
    let title = facts.title.clone().unwrap_or_default();
    let simple = title
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches('`')
        .to_string();
    let mut res = ResourceFacts {
        name: format!("{}.{}", facts.namespace, simple),
        at: Source::new(facts.file.clone(), facts.title_line),
        is_enum: title.to_ascii_lowercase().ends_with("enum type")
            || title.to_ascii_lowercase().contains(" enum"),
        ..Default::default()
    };
    let mut members = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Annotation(text) => {
                let v = match json::parse(text) {
                    Lenient::Strict(v) | Lenient::Repaired(v, _) => v,
                    Lenient::Invalid(_) => continue,
                };
                if v.get("blockType").and_then(|b| b.as_str()) == Some("resource") {
                    if let Some(t) = v.get("@odata.type").and_then(|t| t.as_str()) {
                        res.name = t.trim_start_matches('#').to_string();
                    }
                    res.base_type = v
                        .get("baseType")
                        .and_then(|t| t.as_str())
                        .map(|s| s.trim_start_matches('#').to_string())
                        .filter(|s| !s.is_empty());
                }
            }
            BlockKind::Table(table) => {
                let header: Vec<String> = table
                    .header
                    .iter()
                    .map(|h| h.to_ascii_lowercase())
                    .collect();
                let col = |names: &[&str]| {
                    header
                        .iter()
                        .position(|h| names.iter().any(|n| h.trim() == *n))
                };
                let name_col = col(&["property", "name", "relationship", "member"]);
                let type_col = col(&["type", "value type"]);
                let desc_col = col(&["description", "notes"]);
                match (name_col, type_col) {
                    (Some(n), Some(t)) => {
                        for row in &table.rows {
                            let Some(name) = row
                                .cells
                                .get(n)
                                .map(|s| s.trim().trim_matches('`').to_string())
                                .filter(|s| !s.is_empty())
                            else {
                                continue;
                            };
                            let (type_name, collection) = type_of(
                                row.cells.get(t).map(String::as_str).unwrap_or(""),
                                &facts.namespace,
                            );
                            let description = desc_col
                                .and_then(|d| row.cells.get(d))
                                .cloned()
                                .filter(|s| !s.is_empty());
                            let at = Source::new(block.at.file.clone(), row.line);
                            let mut prop = Property {
                                name,
                                type_name,
                                collection,
                                description,
                                inherited_from: None,
                                source: at.clone(),
                            };
                            if let Some(values) =
                                prop.description.as_deref().and_then(prose::enum_values)
                            {
                                let enum_name = if prop.type_name == "Edm.String" {
                                    format!(
                                        "{}{}",
                                        res.name,
                                        heck::ToUpperCamelCase::to_upper_camel_case(
                                            prop.name.as_str()
                                        )
                                    )
                                } else {
                                    prop.type_name.clone()
                                };
                                prop.type_name = enum_name.clone();
                                res.enums.push((enum_name, values, at));
                            }
                            res.properties.push(prop);
                        }
                    }
                    (Some(n), None) if res.is_enum => {
                        for row in &table.rows {
                            if let Some(m) = row
                                .cells
                                .get(n)
                                .map(|s| s.trim().trim_matches('`').to_string())
                                .filter(|s| !s.is_empty())
                            {
                                members.push(m);
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if res.is_enum && !members.is_empty() {
        res.enums.push((res.name.clone(), members, res.at.clone()));
    }
    (res, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_primitives_collections_and_names() {
        assert_eq!(
            type_of("String", "microsoft.graph"),
            ("Edm.String".into(), false)
        );
        assert_eq!(
            type_of("String collection", "microsoft.graph"),
            ("Edm.String".into(), true)
        );
        assert_eq!(
            type_of("Collection(microsoft.graph.user)", "microsoft.graph"),
            ("microsoft.graph.user".into(), true)
        );
        assert_eq!(
            type_of("GUID", "microsoft.graph"),
            ("Edm.Guid".into(), false)
        );
        assert_eq!(
            type_of("Edm.Int64", "microsoft.graph"),
            ("Edm.Int64".into(), false)
        );
        assert_eq!(
            type_of("longRunningOperationStatus", "microsoft.graph"),
            ("microsoft.graph.longRunningOperationStatus".into(), false)
        );
        assert_eq!(
            type_of("[user] collection", "microsoft.graph"),
            ("microsoft.graph.user".into(), true)
        );
    }
}
