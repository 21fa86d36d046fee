//! Resource pages: the properties and relationships tables, the JSON
//! representation annotation (`@odata.type`, `baseType`), enum members
//! stated in property descriptions, and enum pages with a Members table.

use super::annotation::{self, Annotation};
use super::blocks::{Block, BlockKind, Table};
use super::json::{self, Lenient};
use super::page::PageFacts;
use super::prose;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Property, Source};

#[derive(Clone, Debug, Default)]
pub struct ResourceFacts {
    /// Qualified name, e.g. `microsoft.graph.longRunningOperation`.
    pub name: String,
    pub base_type: Option<String>,
    /// The base type the prose names ("Inherits from [directoryObject](...)"),
    /// qualified, whatever the annotation says: the IR takes it over the
    /// annotation's when it derives from that (orgcontact.md, 2020: the
    /// annotation says `entity`, the prose `directoryObject`).
    pub base_in_prose: Option<String>,
    pub key_property: Option<String>,
    pub open_type: bool,
    /// An open type whose JSON representation's keys are samples of data
    /// (see [`sample_keys`]): the type of its values, when the sample says
    /// it (`"@odata.type"`, a primitive).
    pub entry_type: Option<String>,
    /// The fields of a sample value that names no type, for the IR to
    /// find the documented type that has them (plannerChecklistItems'
    /// values are plannerChecklistItems).
    pub entry_fields: Vec<String>,
    pub properties: Vec<Property>,
    /// Enums stated in property descriptions: (qualified enum name, members, where).
    pub enums: Vec<(String, Vec<String>, Source)>,
    pub is_enum: bool,
    /// Enums whose Value column makes them flags.
    pub flags_enums: Vec<String>,
    /// Those of `enums` named after a string property whose description
    /// lists its values (`plannerTaskPreviewType`): the page gives them no
    /// type of their own.
    pub string_enums: Vec<String>,
    /// The page says the resource has no properties ("None").
    pub no_properties_by_design: bool,
    /// The page documents nothing but a pointer to another resource: its
    /// only prose is "see [teamsApp](teamsapp.md)." (teamscatalogapp.md,
    /// 2020, whose name the list and publish pages still use). Qualified.
    pub alias_of: Option<String>,
    pub at: Source,
}

/// Maps a docs type name to the IR: primitives become `Edm.*`, anything
/// else a qualified name in `namespace`. Returns (type, collection).
pub fn type_of(raw: &str, namespace: &str) -> (String, bool) {
    // Slices of `raw` throughout (a lowercased copy and two owned ones per
    // type were most of the cost of a property row); one string at the end.
    let mut t = raw.trim().trim_matches('`');
    let mut collection = false;
    const COLLECTION: &[u8] = b"collection(";
    if t.len() > COLLECTION.len()
        && t.as_bytes()[..COLLECTION.len()].eq_ignore_ascii_case(COLLECTION)
        && t.ends_with(')')
    {
        // The prefix matched ASCII, so its end is a char boundary.
        t = &t[COLLECTION.len()..t.len() - 1];
        collection = true;
    } else if let Some(stripped) = strip_suffix_ci(t, " collection") {
        t = stripped;
        collection = true;
    } else if let Some(rest) = strip_prefix_ci(t, "collection of ") {
        // permission.md: "Collection of String".
        t = rest;
        collection = true;
    }
    // "string (readonly)": notes in parentheses are not part of the type.
    // (A byte search: a substring searcher per type cost more than this.)
    let note = t.as_bytes().windows(2).position(|w| w == b" (");
    let t = match note {
        Some(i) if !collection || !t.starts_with("Collection(") => &t[..i],
        _ => t,
    };
    let t = t
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    // site.md: "[itemAnalytics](itemanalytics.md) resource".
    let t = strip_suffix_ci(t, " resource").map_or(t, str::trim_end);
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

/// The base type a paragraph names: "Inherits from [mobileApp](...)" (the
/// Intune pages), "... in a directory. Inherits from directoryObject."
/// (application.md), "**mailSearchFolder** inherits from mailFolder"
/// (mailsearchfolder.md), "Used to ... a mail threat assessment, derived
/// from threatAssessmentRequest." (mailassessmentrequest.md). `lower` is
/// `text` in ASCII lowercase, `own` the page's resource; a sentence about
/// another type does not count.
fn base_named<'t>(text: &'t str, lower: &str, own: &str) -> Option<&'t str> {
    for phrase in ["inherits from ", "derived from "] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(phrase) {
            let at = from + found;
            from = at + phrase.len();
            let before = text[..at].trim_end();
            let about_own = if phrase == "derived from " {
                // A clause on the sentence's subject, the page's type.
                before.ends_with(',')
            } else {
                let starts_sentence = before.is_empty() || before.ends_with(['.', ':']);
                let of_own = !own.is_empty()
                    && strip_suffix_ci(before, own)
                        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()));
                starts_sentence || of_own
            };
            if !about_own {
                continue;
            }
            // "Inherits from [stsPolicy](stspolicy.md)." reads "stsPolicy.".
            let word = text[from..]
                .split_whitespace()
                .next()?
                .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'))
                .trim_end_matches('.');
            return (!word.is_empty()).then_some(word);
        }
    }
    None
}

/// `s` without `prefix`, compared in any ASCII case.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let n = prefix.len();
    s.get(..n)?.eq_ignore_ascii_case(prefix).then(|| &s[n..])
}

/// `s` without `suffix`, compared in any ASCII case.
pub(crate) fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(n) && s[n..].eq_ignore_ascii_case(suffix)).then(|| &s[..n])
}

/// Header cells that name the property (or member) column.
const NAME_HEADERS: &[&str] = &[
    "property",
    "property name",
    "name",
    "relationship",
    "relationship name",
    "navigation property",
    "member",
    "member name",
];
const TYPE_HEADERS: &[&str] = &["type", "value type", "data type", "property type"];
const DESCRIPTION_HEADERS: &[&str] = &["description", "notes", "remarks"];

/// A property or member name from a table cell: `**album**`, `` `id` ``,
/// `[owner](user.md)`. `None` for text that cannot be a wire name.
fn cell_name(cell: &str) -> Option<String> {
    let t = cell
        .trim()
        .trim_matches(|c| c == '*' || c == '`' || c == '_')
        .trim();
    // A link: its text. (Searched for only in cells that open with `[`.)
    let link_text = t
        .starts_with('[')
        .then(|| t.find("]("))
        .flatten()
        .map(|close| &t[1..close]);
    let t = link_text.unwrap_or(t);
    let t = t.trim().trim_matches(|c| c == '*' || c == '`').trim();
    let ok = !t.is_empty()
        && t.len() <= 120
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '#' | '$'));
    ok.then(|| t.to_string())
}

/// Header cells that name a request body parameter's column.
const PARAMETER_HEADERS: &[&str] = &["parameter", "parameter name", "property", "name"];

/// A table's header cells, unmarked (`**Type**`) and lowercased.
struct Header(Vec<String>);

impl Header {
    fn of(table: &Table) -> Self {
        Header(
            table
                .header
                .iter()
                .map(|h| {
                    h.trim()
                        .trim_matches(|c| c == '*' || c == '`')
                        .to_ascii_lowercase()
                })
                .collect(),
        )
    }

    /// The first column headed by one of `names`.
    fn column(&self, names: &[&str]) -> Option<usize> {
        self.0.iter().position(|h| names.contains(&h.as_str()))
    }
}

/// The parameter (or property) table of a Request body section: one
/// property per row whose name cell holds a wire name, typed like a
/// resource page's properties. `None` when the table has no name and type
/// columns. A `Value` column is the type column when each of its cells
/// names a type: a primitive (`| checkInAs | string | ... |`,
/// driveitem-checkin.md) or a camel-case name (`[ItemReference](...)`,
/// driveitem-copy.md); else it gives sample values.
pub fn parameter_table(table: &Table, at: &Source, namespace: &str) -> Option<Vec<Property>> {
    let header = Header::of(table);
    let col = |names: &[&str]| header.column(names);
    let name_col = col(PARAMETER_HEADERS)?;
    let names_a_type = |cell: &str| {
        let cell = cell.trim();
        let camel = cell.starts_with(|c: char| c.is_ascii_alphabetic())
            && cell.bytes().all(|b| b.is_ascii_alphanumeric())
            && cell.bytes().any(|b| b.is_ascii_uppercase())
            && cell.bytes().any(|b| b.is_ascii_lowercase());
        cell.is_empty() || camel || crate::types::edm_name(cell).is_some()
    };
    let types_in = |c: usize| {
        table
            .rows
            .iter()
            .all(|r| r.cells.get(c).is_none_or(|cell| names_a_type(cell)))
    };
    let type_col = col(TYPE_HEADERS).or_else(|| col(&["value"]).filter(|&c| types_in(c)))?;
    let desc_col = col(DESCRIPTION_HEADERS);
    let mut parameters: Vec<Property> = Vec::new();
    let mut names = crate::unique::Names::default();
    for row in &table.rows {
        let Some(name) = row.cells.get(name_col).and_then(|c| cell_name(c)) else {
            continue;
        };
        // A row without a type is no parameter: a later row of its name
        // may still be one.
        let Some(type_cell) = row.cells.get(type_col).filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        if !names.is_new(&parameters, |p| &p.name, &name) {
            continue;
        }
        let mut parameter = Property::new(
            &name,
            type_of(type_cell, namespace),
            Source::new(at.file.clone(), row.line),
        );
        parameter.description = desc_col
            .and_then(|d| row.cells.get(d))
            .filter(|s| !s.trim().is_empty())
            .cloned();
        parameters.push(parameter);
    }
    Some(parameters)
}

/// Whether the keys of an open type's JSON representation are samples of
/// data, not property names: every key is something no property is
/// called, a user id (`"ca2a1df2-e36b-..."`, plannerassignments.md) or a
/// placeholder (`"String-value"`, plannerchecklistitems.md). Names such
/// as fieldValueSet's column names (`"Author"`) stay properties.
fn sample_keys(fields: &serde_json::Map<String, serde_json::Value>) -> bool {
    let mut keys = fields.keys().filter(|k| !k.starts_with('@')).peekable();
    keys.peek().is_some()
        && keys.all(|k| {
            !k.starts_with(|c: char| c.is_ascii_alphabetic())
                || k.chars().any(|c| !c.is_ascii_alphanumeric() && c != '_')
        })
}

/// The properties a JSON object shows, typed by their values (see
/// [`json_type`]); annotations (`@odata.type`) are none.
pub fn json_properties(
    fields: &serde_json::Map<String, serde_json::Value>,
    namespace: &str,
    at: &Source,
) -> Vec<Property> {
    fields
        .iter()
        .filter(|(name, _)| !name.starts_with('@'))
        .map(|(name, value)| Property::new(name, json_type(value, namespace), at.clone()))
        .collect()
}

/// Values 0, 1, 2, 4, 8, ...: at least three distinct powers of two, and
/// nothing else but 0.
pub fn is_flags(values: &[u64]) -> bool {
    let nonzero: Vec<u64> = values.iter().copied().filter(|&v| v != 0).collect();
    let mut distinct = nonzero.clone();
    distinct.sort_unstable();
    distinct.dedup();
    nonzero.len() >= 3
        && distinct.len() == nonzero.len()
        && nonzero.iter().all(|v| v.is_power_of_two())
}

/// The type a JSON representation value stands for: `"String"`,
/// `"String (timestamp)"`, `1024`, `true`, `{"@odata.type": "microsoft.graph.identitySet"}`,
/// `["string"]`. Returns (type, collection).
pub fn json_type(value: &serde_json::Value, namespace: &str) -> (String, bool) {
    use serde_json::Value;
    match value {
        Value::Bool(_) => ("Edm.Boolean".into(), false),
        Value::Number(n) if n.is_i64() || n.is_u64() => ("Edm.Int64".into(), false),
        Value::Number(_) => ("Edm.Double".into(), false),
        Value::String(s) => {
            let lower = s.trim().to_ascii_lowercase();
            let word = lower.split([' ', '(']).next().unwrap_or("");
            if lower.contains("timestamp") || crate::values::is_date_time(s) {
                ("Edm.DateTimeOffset".into(), false)
            } else if let Some(edm) = crate::types::edm_name(word) {
                (edm.into(), false)
            } else if s.starts_with("microsoft.graph.") || s.starts_with("#microsoft.graph.") {
                (s.trim_start_matches('#').to_string(), false)
            } else {
                ("Edm.String".into(), false)
            }
        }
        Value::Array(items) => match items.first() {
            Some(first) => (json_type(first, namespace).0, true),
            None => ("Edm.Untyped".into(), true),
        },
        Value::Object(o) => match o.get("@odata.type").and_then(Value::as_str) {
            Some(t) => type_of(t.trim_start_matches('#'), namespace),
            None => ("Edm.Untyped".into(), false),
        },
        Value::Null => ("Edm.Untyped".into(), false),
    }
}

/// Whether a heading gives the properties of something other than the
/// page's type: "Properties of a token lifetime policy definition"
/// (tokenlifetimepolicy.md and the other policy pages, 2019, 2020) lists
/// the keys of the JSON that the `definition` strings hold, not
/// properties of `tokenLifetimePolicy`; read as its properties, they gave
/// the model fields (`AccessTokenLifetime`, `Version`) Graph never sends.
/// "Properties of the user resource" names the page's own type.
fn properties_of_another(heading: &str, type_name: &str) -> bool {
    let lower = heading.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("properties of ") else {
        return false;
    };
    let mut words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if matches!(words.first(), Some(&("a" | "an" | "the"))) {
        words.remove(0);
    }
    if matches!(
        words.last(),
        Some(&("resource" | "type" | "object" | "entity"))
    ) {
        words.pop();
    }
    let named: String = words.concat();
    !named.is_empty() && !named.eq_ignore_ascii_case(type_name)
}

pub fn read(facts: &PageFacts, blocks: &[&Block]) -> (ResourceFacts, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let title = facts.title.clone().unwrap_or_default();
    // `#teamVisibilityType enum type`: a rendered page keeps the `#` of a
    // heading that lost its space.
    let simple = title
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['`', '#'])
        .to_string();
    let lower_title = title.to_ascii_lowercase();
    let mut res = ResourceFacts {
        name: format!("{}.{}", facts.namespace, simple),
        at: Source::new(facts.file.clone(), facts.title_line),
        is_enum: lower_title.ends_with("enum type")
            || lower_title.contains(" enum")
            || lower_title == "enum values",
        ..Default::default()
    };
    let mut members = Vec::new();
    // The names of `res.properties`, asked for every row: a page of
    // thousands of properties took a minute to compare each with all.
    let mut property_names = crate::unique::Names::default();
    let mut says_no_properties = false;
    // "see teamsApp." paragraphs, in page order.
    let mut pointers: Vec<&str> = Vec::new();
    let mut in_properties = false;
    let mut in_relationships = false;
    let mut in_methods = false;
    // Under a heading that gives the properties of something else.
    let mut of_another = false;
    // Under a JSON representation heading of a rendered page, which has
    // no annotation to say where the representation is.
    let mut in_rendered_json = false;
    // The Methods section's rows as words: its return types.
    let mut method_rows: Vec<Vec<&str>> = Vec::new();
    let mut inherits_from: Option<String> = None;
    let mut in_resource_json = false;
    // The code blocks after resource annotations. The first that reads as
    // JSON is the representation; it is read only when no table gives
    // the properties.
    let mut json_blocks: Vec<(&str, &Source)> = Vec::new();
    // "### attachmentType values" in an enums page names the next table.
    let mut values_heading: Option<(String, Source)> = None;
    let mut named_by_annotation = false;
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                let t = text.trim();
                in_properties = t.eq_ignore_ascii_case("properties");
                in_methods = t.eq_ignore_ascii_case("methods");
                in_rendered_json = facts.form == super::page::PageForm::Rendered
                    && t.eq_ignore_ascii_case("json representation");
                in_relationships = t.to_ascii_lowercase().starts_with("relationship");
                of_another = properties_of_another(t, &simple);
                values_heading = t
                    .strip_suffix(" values")
                    .or_else(|| t.strip_suffix(" Values"))
                    .and_then(cell_name)
                    .map(|n| (n, block.at.clone()));
            }
            BlockKind::Paragraph(text) => {
                if in_methods {
                    // A rendered Methods table's row: nothing else to read.
                    method_rows.push(text.split_whitespace().collect());
                    continue;
                }
                let lower = text.to_ascii_lowercase();
                if inherits_from.is_none() {
                    inherits_from = base_named(text, &lower, &simple).map(|w| {
                        if w.contains('.') {
                            w.to_string()
                        } else {
                            format!("{}.{w}", facts.namespace)
                        }
                    });
                }
                if let Some(name) = pointer(text) {
                    pointers.push(name);
                }
                let bare = lower.trim().trim_end_matches('.');
                // "This is an Open Type" (planneruserids.md): a rendered
                // page has no annotation to say `openType`. ("This type is
                // used in the open type plannerAssignments" is not one.)
                static OPEN_TYPE: prose::Phrase = prose::Phrase::new("is an open type");
                if facts.form == super::page::PageForm::Rendered && OPEN_TYPE.is_in(&lower) {
                    res.open_type = true;
                }
                static HAS_NONE: prose::Phrase = prose::Phrase::new("has no properties");
                static NONE: prose::Phrase = prose::Phrase::new("no properties.");
                if HAS_NONE.is_in(&lower) || NONE.is_in(&lower) || (in_properties && bare == "none")
                {
                    says_no_properties = true;
                }
            }
            BlockKind::Code { text, .. } if in_resource_json || in_rendered_json => {
                in_resource_json = false;
                in_rendered_json = false;
                json_blocks.push((text, &block.at));
            }
            BlockKind::Annotation(text) => {
                let Ok(a) = Annotation::read(text) else {
                    continue;
                };
                if a.block_type() == Some("resource") {
                    in_resource_json = true;
                    let name = a
                        .odata_type
                        .as_ref()
                        .or(a.type_name.as_ref())
                        .and_then(|t| t.as_str());
                    if let Some(t) = name {
                        named_by_annotation = true;
                        res.name = t.trim_start_matches('#').to_string();
                        if let Some(spelled) = title_spelling(&res.name, &simple) {
                            diags.push(Diagnostic::at(
                                Code::TypeNameCase,
                                &block.at,
                                format!(
                                    "the annotation spells the type `{}`, the title `{simple}`; took the title's spelling",
                                    res.name
                                ),
                            ));
                            res.name = spelled;
                        }
                    }
                    res.key_property = a
                        .key_property
                        .as_ref()
                        .and_then(|k| k.as_str())
                        .map(str::to_string)
                        .filter(|k| !k.is_empty());
                    res.open_type = a.open_type.as_ref().and_then(annotation::flag) == Some(true);
                    res.base_type = a
                        .base_type
                        .as_ref()
                        .and_then(|t| t.as_str())
                        .map(|s| s.trim_start_matches('#').to_string())
                        .filter(|s| !s.is_empty());
                }
            }
            BlockKind::Table(_) if of_another => {}
            BlockKind::Table(table) => {
                if in_methods {
                    method_rows.extend(table.rows.iter().map(|row| {
                        row.cells
                            .iter()
                            .flat_map(|c| c.split_whitespace())
                            .collect()
                    }));
                }
                let header = Header::of(table);
                let col = |names: &[&str]| header.column(names);
                let name_col = col(NAME_HEADERS);
                let type_col = col(TYPE_HEADERS);
                let desc_col = col(DESCRIPTION_HEADERS);
                let value_col = col(&["value", "values"]);
                match (name_col, type_col) {
                    (Some(n), Some(t)) => {
                        // A header and no rows (intune-mam-iprange.md, an
                        // abstract base): the page says there are none.
                        if in_properties && table.rows.is_empty() {
                            says_no_properties = true;
                        }
                        for row in &table.rows {
                            let Some(name) = row.cells.get(n).and_then(|c| cell_name(c)) else {
                                continue;
                            };
                            let type_cell = row.cells.get(t).map_or("", |c| c.trim());
                            if type_cell.is_empty() {
                                // intune-shared-user.md: `|**Troubleshooting**|`
                                // heads a group of rows; it is no property.
                                if row
                                    .cells
                                    .iter()
                                    .enumerate()
                                    .all(|(i, c)| i == n || c.trim().is_empty())
                                {
                                    continue;
                                }
                                diags.push(Diagnostic::at(
                                    Code::UnknownType,
                                    &Source::new(block.at.file.clone(), row.line),
                                    format!("property `{name}` has no type; it becomes `serde_json::Value`"),
                                ));
                            }
                            let (type_name, collection) = if type_cell.is_empty() {
                                ("Edm.Untyped".to_string(), false)
                            } else {
                                type_of(type_cell, &facts.namespace)
                            };
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
                                navigation: in_relationships
                                    || header
                                        .0
                                        .first()
                                        .is_some_and(|h| h.starts_with("relationship")),
                                source: at.clone(),
                            };
                            // Values listed for a string make an enum of
                            // their own; for a named type, that type's. Other
                            // primitives keep their type: range.md (2020)
                            // lists `Unknown`, `Empty`, `String` ... for
                            // `valueTypes`, a `Json` grid of them, which made
                            // an enum named `Edm.Untyped` that nothing used.
                            let values = prop.description.as_deref().and_then(prose::enum_values);
                            let enum_name = match prop.type_name.as_str() {
                                _ if values.is_none() => None,
                                "Edm.String" => {
                                    let name = format!(
                                        "{}{}",
                                        res.name,
                                        heck::ToUpperCamelCase::to_upper_camel_case(
                                            prop.name.as_str()
                                        )
                                    );
                                    res.string_enums.push(name.clone());
                                    Some(name)
                                }
                                primitive if primitive.starts_with("Edm.") => None,
                                named => Some(named.to_string()),
                            };
                            if let (Some(enum_name), Some(values)) = (enum_name, values) {
                                prop.type_name = enum_name.clone();
                                res.enums.push((enum_name, values, at));
                            }
                            if property_names.is_new(&res.properties, |p| &p.name, &prop.name) {
                                res.properties.push(prop);
                            }
                        }
                    }
                    (n, None) if res.is_enum || values_heading.is_some() => {
                        // A members table: `Member`, or `Value` when it is the only name.
                        let Some(n) = n.or(value_col) else { continue };
                        let found: Vec<String> = table
                            .rows
                            .iter()
                            .filter_map(|row| row.cells.get(n).and_then(|c| cell_name(c)))
                            .collect();
                        // A Value column of 0, 1, 2, 4, 8...: a flags enum,
                        // whose wire values are comma-separated member lists.
                        let numbers: Vec<u64> = value_col
                            .filter(|&v| v != n)
                            .map(|v| {
                                table
                                    .rows
                                    .iter()
                                    .filter_map(|row| row.cells.get(v)?.trim().parse().ok())
                                    .collect()
                            })
                            .unwrap_or_default();
                        let flags = is_flags(&numbers);
                        let name = match values_heading.take() {
                            Some((name, at)) => {
                                let qualified = format!("{}.{name}", facts.namespace);
                                res.enums.push((qualified.clone(), found, at));
                                qualified
                            }
                            None => {
                                members.extend(found);
                                res.name.clone()
                            }
                        };
                        if flags {
                            res.flags_enums.push(name);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // A page without a title that gives enums under "x values" headings
    // and no properties is a page of enums (enums.md, rendered).
    if title.is_empty() && res.properties.is_empty() && !res.enums.is_empty() {
        res.is_enum = true;
    }
    if res.is_enum && !members.is_empty() {
        res.enums.push((res.name.clone(), members, res.at.clone()));
    }
    let mut fields_are_data = false;
    // No properties table: the JSON representation still names the fields.
    if res.properties.is_empty() && !res.is_enum {
        let json_repr = json_blocks
            .iter()
            .find_map(|(text, at)| match json::parse(text) {
                Lenient::Strict(v) | Lenient::Repaired(v, _) => Some((v, *at)),
                Lenient::Invalid(_) => None,
            });
        if let Some((serde_json::Value::Object(fields), at)) = &json_repr {
            if res.open_type && sample_keys(fields) {
                diags.push(Diagnostic::at(
                    Code::SampleKeys,
                    at,
                    format!(
                        "the JSON representation of open type `{}` is keyed by sample data (`{}`); its keys are no properties, its values are the type's entries",
                        res.name,
                        fields.keys().next().map_or("", String::as_str)
                    ),
                ));
                let value = fields.values().find(|v| !v.is_null());
                match value.map(|v| json_type(v, &facts.namespace)) {
                    Some((ty, false)) if ty != "Edm.Untyped" => res.entry_type = Some(ty),
                    _ => {
                        if let Some(serde_json::Value::Object(entry)) = value {
                            res.entry_fields = entry
                                .keys()
                                .filter(|k| !k.starts_with('@'))
                                .cloned()
                                .collect();
                        }
                    }
                }
                says_no_properties = true;
                fields_are_data = true;
            }
        }
        if let (false, Some((serde_json::Value::Object(fields), at))) =
            (fields_are_data, &json_repr)
        {
            res.properties = json_properties(fields, &facts.namespace, at);
            // `{}` or only `"@odata.type"` (mediaconfig.md, an abstract
            // base; intune-shared-alldevicesassignmenttarget.md, a kind
            // of its base with nothing of its own): none, as shown.
            says_no_properties |= res.properties.is_empty();
        }
    }
    res.no_properties_by_design = says_no_properties && res.properties.is_empty();
    if !named_by_annotation && !res.is_enum && facts.form == super::page::PageForm::Rendered {
        // Only the title names the type (a rendered page has no
        // annotation): "Audio facet" writes a word, Graph's name is
        // `audio`, as every entity and complex type starts in lower case.
        // (A Markdown page's title is its author's spelling, kept.)
        // The Methods table may name it in full: "Chart resource type"
        // returns `WorkbookChart` from its Get, Update and List (the
        // workbook pages; their annotations say `workbookChart`).
        let full = own_type_in_methods(&method_rows, &simple)
            .map(|full| type_case(full).unwrap_or_else(|| full.to_string()));
        if let Some(name) = full.or_else(|| type_case(&simple)) {
            res.name = format!("{}.{name}", facts.namespace);
        }
    }
    if res.base_type.is_none() {
        res.base_type = inherits_from.clone();
    }
    res.base_in_prose = inherits_from;
    let gave_nothing = if res.is_enum {
        res.enums.is_empty()
    } else {
        res.properties.is_empty() && !says_no_properties
    };
    if gave_nothing && !res.is_enum {
        if let [name] = pointers[..] {
            res.alias_of = Some(if name.contains('.') {
                name.to_string()
            } else {
                format!("{}.{name}", facts.namespace)
            });
        }
    }
    if gave_nothing {
        diags.push(Diagnostic::at(
            Code::ResourceEmpty,
            &res.at,
            match &res.alias_of {
                _ if res.is_enum => "enum page gives no members table".to_string(),
                Some(other) => format!(
                    "resource page gives no properties, only a pointer to `{other}`; where this version documents that, the name stands for it"
                ),
                None => "resource page gives no properties table and no JSON representation; the model is empty".to_string(),
            },
        ));
    }
    (res, diags)
}

/// A title word in a type name's case: `Audio` as `audio`, `BaseItem` as
/// `baseItem`. Words that start with an abbreviation (`JSON`) stay.
fn type_case(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    (first.is_ascii_uppercase() && second.is_ascii_lowercase())
        .then(|| format!("{}{second}{}", first.to_ascii_lowercase(), chars.as_str()))
}

/// The one type name in a Methods section (its rows, as words) that ends
/// in the title's word at a word boundary of its own, `WorkbookChart` for
/// "Chart": returned more than once (Get, Update, List...), or by the Get
/// of the page's type ("Get TableSort WorkbookTableSort"). `None` when no
/// such name, or more than one, appears: "See the methods of the derived
/// type openTypeExtension" (extension.md) names another type.
fn own_type_in_methods<'w>(rows: &[Vec<&'w str>], title_word: &str) -> Option<&'w str> {
    let tail = title_word.len();
    let ends_in_title = |word: &str| {
        word.len() >= tail
            && word.is_ascii()
            && word[word.len() - tail..].eq_ignore_ascii_case(title_word)
    };
    let mut found: Option<(&str, usize)> = None;
    let mut returned_by_get = false;
    for row in rows {
        for (i, word) in row.iter().enumerate() {
            let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let names_it = word.len() > tail
                && word.chars().all(|c| c.is_ascii_alphanumeric())
                && ends_in_title(word)
                && word[word.len() - tail..].starts_with(|c: char| c.is_ascii_uppercase());
            if !names_it {
                continue;
            }
            match &mut found {
                None => found = Some((word, 1)),
                Some((name, count)) if *name == word => *count += 1,
                Some(_) => return None,
            }
            returned_by_get |=
                i == 2 && row[0].eq_ignore_ascii_case("get") && ends_in_title(row[1]);
        }
    }
    found
        .filter(|&(_, count)| count > 1 || returned_by_get)
        .map(|(name, _)| name)
}

/// The annotation's type name as the title spells it, when the two differ
/// only in case and the title writes a type name (it starts in lower case,
/// as Graph's type names do): `microsoft.graph.orgcontact` under
/// "orgContact resource type" (orgcontact.md; Graph sends
/// `#microsoft.graph.orgContact`), `teamsasyncoperation`, and
/// `IdentityProvider` under "identityProvider". A title that starts in
/// upper case is a heading's capital ("Drive resource type",
/// "SharePointIds" for `sharepointIds`), not a spelling.
fn title_spelling(annotated: &str, title_word: &str) -> Option<String> {
    let (namespace, simple) = annotated.rsplit_once('.')?;
    let differs_in_case_only = simple != title_word && simple.eq_ignore_ascii_case(title_word);
    let names_a_type = title_word.starts_with(|c: char| c.is_ascii_lowercase());
    (differs_in_case_only && names_a_type).then(|| format!("{namespace}.{title_word}"))
}

/// The resource a paragraph of one pointer names: "see teamsApp."
/// (the link's label). Any case of "see", one identifier, an optional
/// full stop.
fn pointer(text: &str) -> Option<&str> {
    let text = text.trim();
    let rest = text
        .get(..4)?
        .eq_ignore_ascii_case("see ")
        .then(|| &text[4..])?;
    let name = rest.trim().trim_end_matches('.').trim();
    (name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
    .then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_named_only_by_its_title_is_in_a_type_names_case() {
        assert_eq!(type_case("Audio").as_deref(), Some("audio"));
    }

    #[test]
    fn a_methods_table_may_name_the_type_in_full() {
        let rows = |lines: &[&'static str]| -> Vec<Vec<&'static str>> {
            lines
                .iter()
                .map(|l| l.split_whitespace().collect())
                .collect()
        };
        // Returned twice (chart.md, rendered).
        let chart = rows(&[
            "Get Chart WorkbookChart Read properties of chart object.",
            "Create ChartSeries WorkbookChartSeries Create a new ChartSeries.",
            "List WorkbookChart collection Get chart object collection.",
        ]);
        assert_eq!(own_type_in_methods(&chart, "Chart"), Some("WorkbookChart"));
        // Once, by the type's Get; in a name's case already.
        let sort = rows(&[
            "Get TableSort WorkbookTableSort Read it.",
            "Apply None Sort.",
        ]);
        assert_eq!(
            own_type_in_methods(&sort, "TableSort"),
            Some("WorkbookTableSort")
        );
        let pivot = rows(&["Get workbookPivotTable workbookPivotTable Read it."]);
        assert_eq!(
            own_type_in_methods(&pivot, "pivotTable"),
            Some("workbookPivotTable")
        );
        // Once, not by a Get: another type (extension.md).
        let see = rows(&["See the methods of the derived type openTypeExtension."]);
        assert_eq!(own_type_in_methods(&see, "extension"), None);
        // Two such names: neither (range.md's `UsedRange` method).
        let two = rows(&[
            "Get Range WorkbookRange x",
            "UsedRange WorkbookRange y",
            "Get Range NamedRange z",
        ]);
        assert_eq!(own_type_in_methods(&two, "Range"), None);
        // The title's word itself, or a name that ends in its letters
        // without a word boundary (`Superchart`): no name.
        let same = rows(&[
            "Get Chart Chart x",
            "Get Chart Superchart y",
            "List Superchart z",
        ]);
        assert_eq!(own_type_in_methods(&same, "Chart"), None);
        assert_eq!(type_case("BaseItem").as_deref(), Some("baseItem"));
        assert_eq!(type_case("baseItem"), None);
        assert_eq!(type_case("JSON"), None);
        assert_eq!(type_case("A"), None);
        // A rendered page has no annotation: the title names the model.
        let page = "Audio facet\n\nNamespace: microsoft.graph\n\nProperties\n\n\
            Property Type Description\nalbum String The album.\n\nJSON representation\n\n{\n  \"album\": \"string\"\n}\n";
        let loader = crate::parse::Loader::memory(
            [("v1.0/resources/audio.txt".to_string(), page.to_string())].into(),
        );
        let facts = loader.parse_page("v1.0/resources/audio.txt");
        let name = facts.resource.map(|r| r.name);
        assert_eq!(name.as_deref(), Some("microsoft.graph.audio"));
    }

    /// `type_of` as it was, with its copies, to check the slicing version
    /// against (and `edm_name` as it was, lowercasing a copy).
    fn type_of_by_copies(raw: &str, namespace: &str) -> (String, bool) {
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
        // "string (readonly)": notes in parentheses are not part of the type.
        // (A byte search: a substring searcher per type cost more than this.)
        let note = t.as_bytes().windows(2).position(|w| w == b" (");
        let t = match note {
            Some(i) if !collection || !t.starts_with("Collection(") => &t[..i],
            _ => &t[..],
        };
        let t = t
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        let bare = t
            .strip_prefix("Edm.")
            .or_else(|| t.strip_prefix("edm."))
            .unwrap_or(t);
        if let Some(edm) = edm_name_by_copy(bare) {
            return (edm.to_string(), collection);
        }
        if t.contains('.') {
            return (t.to_string(), collection);
        }
        (format!("{namespace}.{t}"), collection)
    }

    fn edm_name_by_copy(docs: &str) -> Option<&'static str> {
        // Lowercased first, the case-blind lookup is the old exact one
        // (`edm_spellings_are_lowercase`).
        crate::types::edm_name(&docs.trim().to_ascii_lowercase())
    }

    #[test]
    fn types_read_as_they_did_with_copies() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "Collection(",
            "collection(",
            "COLLECTION(",
            "colLection",
            ")",
            "(",
            " collection",
            " Collection",
            " (",
            "[",
            "]",
            "`",
            " ",
            "Edm.",
            "edm.",
            "String",
            "sTrInG",
            "Int32",
            "int",
            "GUID",
            "Object",
            "x",
            ".",
            "é",
            "K",
            "microsoft.graph.user",
            "\u{130}",
        ]);
        let types = prop::collection::vec(pieces, 0..7).prop_map(|p| p.concat());
        proptest!(ProptestConfig::with_cases(30_000), |(raw in types)| {
            prop_assert_eq!(
                type_of(&raw, "microsoft.graph"),
                type_of_by_copies(&raw, "microsoft.graph")
            );
        });
    }
    use crate::parse::{Loader, PageKind};

    fn page(path: &str, text: &str) -> PageFacts {
        let files = [(path.to_string(), text.to_string())].into_iter().collect();
        Loader::memory(files).parse_page(path)
    }

    #[test]
    fn property_name_header_and_bold_names() {
        // v1.0/resources/audio.md (2020): `Property name` header, `**album**` cells.
        let p = page(
            "v1.0/resources/audio.md",
            "---\ndoc_type: resourcePageType\n---\n# Audio facet\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
             | Property name         | Type    | Description |\n|:--|:--|:--|\n\
             | **album**             | string  | The title of the album. |\n\
             | **bitrate**           | Int64   | Bitrate expressed in kbps. |\n",
        );
        let res = p.resource.expect("a resource");
        let props: Vec<(&str, &str)> = res
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.type_name.as_str()))
            .collect();
        assert_eq!(props, [("album", "Edm.String"), ("bitrate", "Edm.Int64")]);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn none_under_properties_is_a_model_without_fields() {
        // v1.0/resources/chartfill.md (2020): `## Properties` then `None`.
        let p = page(
            "v1.0/resources/chartfill.md",
            "---\ndoc_type: resourcePageType\n---\n# ChartFill resource type\n\nNamespace: microsoft.graph\n\n\
             ## Properties\nNone\n\n## Relationships\nNone\n\n## JSON representation\n\n\
             <!--{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.workbookChartFill\"\n}-->\n\n```json\n{}\n```\n",
        );
        let res = p.resource.expect("a resource");
        assert_eq!(res.name, "microsoft.graph.workbookChartFill");
        assert!(res.no_properties_by_design);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn json_representation_when_there_is_no_table() {
        let p = page(
            "v1.0/resources/quota.md",
            "---\ndoc_type: resourcePageType\n---\n# Quota resource type\n\nNamespace: microsoft.graph\n\n\
             ## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.quota\" } -->\n\
             ```json\n{\n  \"deleted\": 1024,\n  \"state\": \"string\",\n  \"lastModified\": \"String (timestamp)\",\n  \"owner\": {\"@odata.type\": \"microsoft.graph.identitySet\"},\n  \"tags\": [\"string\"]\n}\n```\n",
        );
        let res = p.resource.expect("a resource");
        let props: Vec<(&str, &str, bool)> = res
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.type_name.as_str(), p.collection))
            .collect();
        assert_eq!(
            props,
            [
                ("deleted", "Edm.Int64", false),
                ("lastModified", "Edm.DateTimeOffset", false),
                ("owner", "microsoft.graph.identitySet", false),
                ("state", "Edm.String", false),
                ("tags", "Edm.String", true),
            ]
        );
    }

    #[test]
    fn an_enums_page_names_each_table_by_its_heading() {
        // v1.0/resources/enums.md (2020): no `#` title, `### x values` headings,
        // single-column tables and Member | Value | Description tables.
        let p = page(
            "v1.0/resources/enums.md",
            "---\ntitle: \"Enum values\"\ndoc_type: enumPageType\n---\n\nNamespace: microsoft.graph\n\n\
             ### attachmentType values\n\n| Member\n|:--------------\n| file\n| item\n| reference\n\n\
             ### contactRelationship values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|parent|0|The user's parent.|\n|other|6| Other.|\n",
        );
        assert_eq!(p.kind, PageKind::Enum);
        let res = p.resource.expect("an enum page");
        let enums: Vec<(&str, Vec<&str>)> = res
            .enums
            .iter()
            .map(|(n, m, _)| (n.as_str(), m.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            enums,
            [
                (
                    "microsoft.graph.attachmentType",
                    vec!["file", "item", "reference"]
                ),
                (
                    "microsoft.graph.contactRelationship",
                    vec!["parent", "other"]
                ),
            ]
        );
    }

    #[test]
    fn a_page_with_only_a_methods_table_is_diagnosed() {
        let p = page(
            "v1.0/resources/x.md",
            "---\ndoc_type: resourcePageType\n---\n# x resource type\n\nNamespace: microsoft.graph\n\n## Methods\n\n\
             | Method | Return Type | Description |\n|:--|:--|:--|\n| [Get](../api/x-get.md) | x | Get it. |\n",
        );
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].code, Code::ResourceEmpty);
        assert_eq!(p.diagnostics[0].line, 4);
    }

    #[test]
    fn flags_enums_have_power_of_two_values() {
        // v1.0/resources/intune-apps-windowsarchitecture.md: 0, 1, 2, 4, 8.
        assert!(is_flags(&[0, 1, 2, 4, 8]));
        assert!(!is_flags(&[0, 1, 2, 3, 4]));
        assert!(!is_flags(&[0, 1, 2]));
        assert!(!is_flags(&[1, 1, 2, 4]));
        let p = page(
            "v1.0/resources/windowsarchitecture.md",
            "---\ndoc_type: enumPageType\n---\n# windowsArchitecture enum type\n\nNamespace: microsoft.graph\n\n## Members\n\
             |Member|Value|Description|\n|:---|:---|:---|\n|none|0|No flags set.|\n|x86|1|X86.|\n|x64|2|X64.|\n|arm|4|Arm.|\n",
        );
        let res = p.resource.expect("an enum page");
        assert_eq!(res.flags_enums, ["microsoft.graph.windowsArchitecture"]);
    }

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

    #[test]
    fn types_written_as_prose_in_the_2020_tree() {
        let ty = |raw| type_of(raw, "microsoft.graph");
        // permission.md, site.md, remoteitem.md, projectrome-activity.md.
        assert_eq!(ty("Collection of String"), ("Edm.String".into(), true));
        assert_eq!(
            ty("collection of user"),
            ("microsoft.graph.user".into(), true)
        );
        assert_eq!(
            ty("itemAnalytics resource"),
            ("microsoft.graph.itemAnalytics".into(), false)
        );
        assert_eq!(ty("Url"), ("Edm.String".into(), false));
        assert_eq!(ty("Untyped JSON object"), ("Edm.Untyped".into(), false));
        assert_eq!(ty("JSON object"), ("Edm.Untyped".into(), false));
        // A type named like the words stays a type.
        assert_eq!(ty("resource"), ("microsoft.graph.resource".into(), false));
        assert_eq!(
            ty("Collection"),
            ("microsoft.graph.Collection".into(), false)
        );
    }

    #[test]
    fn base_types_named_in_prose() {
        fn base<'t>(text: &'t str, own: &str) -> Option<&'t str> {
            base_named(text, &text.to_ascii_lowercase(), own)
        }
        // The Intune pages, application.md, mailsearchfolder.md.
        assert_eq!(
            base("Inherits from mobileApp", "win32LobApp"),
            Some("mobileApp")
        );
        assert_eq!(
            base(
                "Represents an application. Inherits from directoryObject.",
                "application"
            ),
            Some("directoryObject")
        );
        assert_eq!(
            base(
                "A mailSearchFolder is virtual. mailSearchFolder inherits from mailFolder. More.",
                "mailSearchFolder"
            ),
            Some("mailFolder")
        );
        assert_eq!(
            base("Inherits from microsoft.graph.entity.", "x"),
            Some("microsoft.graph.entity")
        );
        // About another type, or a word that only ends like this one.
        assert_eq!(
            base("Unlike user, which inherits from directoryObject.", "group"),
            None
        );
        assert_eq!(
            base("A searchFolder inherits from mailFolder.", "Folder"),
            None
        );
        assert_eq!(base("Inherits from", "x"), None);
        // mailassessmentrequest.md; a code "derived from ISO" is no base.
        assert_eq!(
            base(
                "Used to retrieve a mail threat assessment, derived from threatAssessmentRequest.",
                "mailAssessmentRequest"
            ),
            Some("threatAssessmentRequest")
        );
        assert_eq!(base("A two-letter code derived from ISO 3166.", "x"), None);
        assert_eq!(base("Inherits from .", "x"), None);
    }

    #[test]
    fn group_rows_are_no_properties_and_a_base_type_loses_its_full_stop() {
        // intune-shared-user.md heads groups of relationships with a row of
        // one bold cell; tokenlifetimepolicy.md ends its base type sentence
        // with a full stop.
        let p = page(
            "v1.0/resources/tokenlifetimepolicy.md",
            "---\ntitle: \"tokenLifetimePolicy resource type\"\ndoc_type: resourcePageType\n---\n\
             # tokenLifetimePolicy resource type\n\nInherits from [stsPolicy](stspolicy.md).\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
             |**Troubleshooting**|\n|id|String|The id.|\n|note||Has a description but no type.|\n",
        );
        let res = p.resource.as_ref().expect("a resource");
        assert_eq!(res.base_type.as_deref(), Some("microsoft.graph.stsPolicy"));
        let props: Vec<(&str, &str)> = res
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.type_name.as_str()))
            .collect();
        assert_eq!(props, [("id", "Edm.String"), ("note", "Edm.Untyped")]);
        let unknown: Vec<&str> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownType)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            unknown,
            ["property `note` has no type; it becomes `serde_json::Value`"]
        );
    }
}
