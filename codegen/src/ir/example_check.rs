//! Which docs examples can become tests of the generated crate, and why the
//! others cannot. Every example response with a JSON body and a typed
//! response is checked against the model, property by property, with the
//! same type rules the emitter uses. A passing example yields the JSON the
//! generated model must reproduce exactly; a failing one yields reasons for
//! the examples report.
//!
//! The rules:
//! - Instance and property annotations (`@odata.type`, `photo@odata.mediaReadLink`)
//!   are not properties; they are left out of the comparison.
//! - A field the model does not document fails the example, unless its
//!   annotation says `truncated` (the writer cut the body and may have
//!   pasted fields from elsewhere); then it is left out.
//! - A value must fit its documented type (a string for strings, dates and
//!   GUIDs, an integer in range for `Int32`, an object for a model, an
//!   array for a collection). Invalid dates and GUIDs fail.
//! - `null` means absent: the generated fields are `Option`s.
//! - Whole numbers for `Double` fields are compared as floats.

use super::{Body, Example, ExampleRequest, ExampleResponse, Ir, Model, Operation, Property};
use crate::types::{check_text, is_placeholder, rust_primitive};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// One example response checked against its model.
pub struct ExampleCase<'a> {
    pub operation: &'a Operation,
    pub example: &'a Example,
    pub response: &'a ExampleResponse,
    pub model: &'a Model,
    /// The object checked: the body, or one item of its `value`.
    pub entity: &'a Value,
    /// The JSON the model must round-trip, or why the example cannot.
    pub verdict: Result<Value, Vec<String>>,
}

/// One example response of an operation that returns a primitive
/// (`Edm.String`, `Edm.Boolean`, ...) or a collection of them, checked
/// against what the builder returns: `Primitive<T>` (`{"value": x}`) or
/// `Page<T>` (`{"value": [...]}`).
pub struct PrimitiveCase<'a> {
    pub operation: &'a Operation,
    pub example: &'a Example,
    pub response: &'a ExampleResponse,
    /// The primitive, such as `Edm.String`.
    pub type_name: &'a str,
    pub collection: bool,
    /// The JSON the wrapper must round-trip, or why the example cannot.
    pub verdict: Result<Value, Vec<String>>,
}

/// An example `GET .../$count` and its answer: how many items, as text
/// (`text/plain`), which the builders' `count()` reads as `Count`.
pub struct CountCase<'a> {
    pub operation: &'a Operation,
    pub example: &'a Example,
    pub response: &'a ExampleResponse,
    /// The count, or why the answer is none.
    pub verdict: Result<u64, String>,
}

/// Whether an example URL asks for a count: its path ends in `/$count`.
pub fn asks_count(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.trim_end_matches('/').ends_with("/$count")
}

/// The count an answer to `GET .../$count` gives: its text (Graph sends
/// `text/plain`, perhaps after a byte-order mark), or a JSON number.
pub fn count_of(body: Option<&Body>) -> Result<u64, String> {
    match body {
        Some(Body::Text(text)) => {
            let text = text.trim_start_matches('\u{feff}').trim();
            text.parse::<u64>().map_err(|_| {
                let shown: String = text.chars().take(40).collect();
                format!("`{shown}` is not a count")
            })
        }
        Some(Body::Json(Value::Number(n))) => {
            n.as_u64().ok_or_else(|| format!("`{n}` is not a count"))
        }
        Some(Body::Json(_)) => Err("a JSON body is not a count".into()),
        None => Err("the answer has no count".into()),
    }
}

/// An example the checker could not even attempt, with the reason.
pub struct SkippedExample<'a> {
    pub operation: &'a Operation,
    pub response: &'a ExampleResponse,
    pub reason: String,
}

/// An example request whose JSON body does not fit the operation's body
/// model, with the reasons. Its end-to-end test would fail on the docs'
/// mistake, so it is left out and reported.
pub struct UnfitRequest<'a> {
    pub operation: &'a Operation,
    pub example: &'a Example,
    pub request: &'a ExampleRequest,
    pub model: &'a Model,
    pub reasons: Vec<String>,
    /// Whether the model reads the body all the same: an object, or an
    /// array of objects for a collection, whatever their values (a value
    /// of another type than documented stays in `additional_data`).
    pub reads: bool,
}

#[derive(Default)]
pub struct ExampleChecks<'a> {
    pub cases: Vec<ExampleCase<'a>>,
    pub primitives: Vec<PrimitiveCase<'a>>,
    pub skipped: Vec<SkippedExample<'a>>,
    pub unfit_requests: Vec<UnfitRequest<'a>>,
    pub counts: Vec<CountCase<'a>>,
}

impl ExampleChecks<'_> {
    /// Example responses that fit their type: a model or a primitive.
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.verdict.is_ok()).count()
            + self.primitives.iter().filter(|c| c.verdict.is_ok()).count()
    }

    /// Example responses checked against their type.
    pub fn checked(&self) -> usize {
        self.cases.len() + self.primitives.len()
    }
}

struct Types<'a> {
    models: BTreeMap<(super::ApiVersion, &'a str), &'a Model>,
    /// Each model's properties by name (the first of a name), asked for
    /// every field of every example: a model of thousands of properties
    /// made a scan per field quadratic. Keyed by the model itself (its
    /// address), not its name, so that a model made here is never taken
    /// for one of the IR. Only looked up, never iterated.
    properties: HashMap<*const Model, HashMap<&'a str, &'a Property>>,
    /// Enum names, with whether they are flags enums.
    enums: BTreeMap<(super::ApiVersion, &'a str), bool>,
}

impl<'a> Types<'a> {
    fn new(models: &'a [Model], enums: &'a [super::EnumType]) -> Self {
        Types {
            models: models
                .iter()
                .map(|m| ((m.version, m.name.as_str()), m))
                .collect(),
            properties: models
                .iter()
                .map(|m| {
                    let mut by_name = HashMap::with_capacity(m.properties.len());
                    for p in &m.properties {
                        by_name.entry(p.name.as_str()).or_insert(p);
                    }
                    (std::ptr::from_ref(m), by_name)
                })
                .collect(),
            enums: enums
                .iter()
                .map(|e| ((e.version, e.name.as_str()), e.flags))
                .collect(),
        }
    }
}

pub fn check(ir: &Ir) -> ExampleChecks<'_> {
    let types = Types::new(&ir.models, &ir.enums);
    let mut out = ExampleChecks::default();
    for op in &ir.operations {
        for example in &op.examples {
            types.check_request(op, example, &mut out.unfit_requests);
            let Some(response) = &example.response else {
                continue;
            };
            let counts = example
                .request
                .as_ref()
                .is_some_and(|r| r.method == "GET" && asks_count(&r.url));
            if counts && response.status.is_none_or(|s| s == 200) {
                let verdict = count_of(response.body.as_ref());
                out.counts.push(CountCase {
                    operation: op,
                    example,
                    response,
                    verdict,
                });
                continue;
            }
            let body = match &response.body {
                Some(Body::Json(v)) => v,
                Some(Body::Text(_)) => {
                    out.skipped.push(SkippedExample {
                        operation: op,
                        response,
                        reason: "the body is not JSON".into(),
                    });
                    continue;
                }
                None => continue,
            };
            if body.as_object().is_some_and(Map::is_empty) {
                continue; // `{}`: nothing to check
            }
            let Some(ty) = &op.response.type_name else {
                out.skipped.push(SkippedExample {
                    operation: op,
                    response,
                    reason: "the operation's response type is not documented".into(),
                });
                continue;
            };
            if ty == "Edm.Stream" {
                // A stream answers with bytes: a JSON body under it
                // answers another request (driveitem-get-content.md shows
                // a `GET` with `$select` of the item, beta).
                out.skipped.push(SkippedExample {
                    operation: op,
                    response,
                    reason: "a JSON body, where the operation returns a stream".into(),
                });
                continue;
            }
            if ty != "Edm.Untyped" && crate::types::rust_primitive(ty).is_some() {
                // The wrapper as a model of one property, `value`: the
                // same rules as a model's property (annotations left out).
                let wrapper = Model {
                    name: "microsoft.graph.response".into(),
                    version: op.version,
                    origin: super::ModelOrigin::Examples,
                    description: None,
                    base_type: None,
                    key_property: None,
                    open_type: false,
                    entry_type: None,
                    properties: vec![Property::new(
                        "value",
                        (ty.clone(), op.response.collection),
                        response.source.clone(),
                    )],
                    sources: Vec::new(),
                };
                let mut reasons = Vec::new();
                let expected = types.object(&wrapper, body, response.truncated, "", &mut reasons);
                if expected.get("value").is_none() && reasons.is_empty() {
                    reasons.push("the body has no `value`".into());
                }
                out.primitives.push(PrimitiveCase {
                    operation: op,
                    example,
                    response,
                    type_name: ty,
                    collection: op.response.collection,
                    verdict: if reasons.is_empty() {
                        Ok(expected)
                    } else {
                        Err(reasons)
                    },
                });
                continue;
            }
            let Some(model) = types.models.get(&(op.version, ty.as_str())).copied() else {
                out.skipped.push(SkippedExample {
                    operation: op,
                    response,
                    reason: format!("no model for the response type `{ty}`"),
                });
                continue;
            };
            for entity in super::models::entities(body) {
                let mut reasons = Vec::new();
                // A derived type named by `@odata.type` is what the test
                // deserialises into.
                let model = types.effective(model, entity).unwrap_or(model);
                let expected = types.object(model, entity, response.truncated, "", &mut reasons);
                out.cases.push(ExampleCase {
                    operation: op,
                    example,
                    response,
                    model,
                    entity,
                    verdict: if reasons.is_empty() {
                        Ok(expected)
                    } else {
                        Err(reasons)
                    },
                });
            }
        }
    }
    out
}

/// Drops every `@odata.type` key, at any depth.
fn without_odata_types(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.remove("@odata.type");
            object.values_mut().for_each(without_odata_types);
        }
        Value::Array(items) => items.iter_mut().for_each(without_odata_types),
        _ => {}
    }
}

impl<'a> Types<'a> {
    /// A JSON request body against the operation's body model. Only the
    /// values of the properties the model documents are checked: a value
    /// of the wrong type fails deserialisation, and so the test. Other
    /// fields travel in `additional_data`, and `@odata.type` is left out
    /// (a polymorphic create endpoint takes one type, and its examples post
    /// others, which deserialise all the same).
    fn check_request(
        &self,
        op: &'a Operation,
        example: &'a Example,
        unfit: &mut Vec<UnfitRequest<'a>>,
    ) {
        let Some(request) = &example.request else {
            return;
        };
        let (Some(Body::Json(body)), Some(ty)) = (&request.body, &op.request_body.type_name) else {
            return;
        };
        let Some(model) = self.models.get(&(op.version, ty.as_str())).copied() else {
            return;
        };
        let mut body = body.clone();
        without_odata_types(&mut body);
        let mut reasons = Vec::new();
        match (&body, op.request_body.collection) {
            (Value::Array(items), true) => {
                for (i, item) in items.iter().enumerate() {
                    self.object(model, item, true, &format!("[{i}]"), &mut reasons);
                }
            }
            (_, true) => reasons.push(format!("expected an array of `{}`", model.name)),
            (body, false) => {
                self.object(model, body, true, "", &mut reasons);
            }
        }
        if !reasons.is_empty() {
            let reads = match (&body, op.request_body.collection) {
                (Value::Array(items), true) => items.iter().all(Value::is_object),
                (body, collection) => !collection && body.is_object(),
            };
            unfit.push(UnfitRequest {
                operation: op,
                example,
                request,
                model,
                reasons,
                reads,
            });
        }
    }

    /// The model an object is: `model`, or the derived type its
    /// `@odata.type` names. `Err` when it names a type that does not derive
    /// from `model`.
    fn effective(&self, model: &'a Model, value: &Value) -> Result<&'a Model, String> {
        let Some(named) = value.get("@odata.type").and_then(Value::as_str) else {
            return Ok(model);
        };
        let named = named.trim_start_matches('#');
        let Some(&derived) = self.models.get(&(model.version, named)) else {
            return Ok(model); // a type the docs tree does not document
        };
        let mut at = Some(derived);
        let mut steps = 0;
        while let Some(m) = at {
            if m.name == model.name {
                return Ok(derived);
            }
            steps += 1;
            at = m
                .base_type
                .as_deref()
                .filter(|_| steps < 32)
                .and_then(|b| self.models.get(&(model.version, b)).copied());
        }
        Err(format!(
            "`@odata.type` names `{named}`, which does not derive from `{}`",
            super::simple_name(&model.name)
        ))
    }

    /// The first of `model`'s properties named `name`.
    fn property_named<'m>(&self, model: &'m Model, name: &str) -> Option<&'m Property>
    where
        'a: 'm,
    {
        match self.properties.get(&std::ptr::from_ref(model)) {
            Some(by_name) => by_name.get(name).copied(),
            // A model made here, not of the IR (the page that wraps a
            // collection of primitives): looked through.
            None => model.properties.iter().find(|p| p.name == name),
        }
    }

    fn object(
        &self,
        model: &Model,
        value: &Value,
        truncated: bool,
        path: &str,
        reasons: &mut Vec<String>,
    ) -> Value {
        let Some(obj) = value.as_object() else {
            reasons.push(format!(
                "{}: expected a `{}` object, found {}",
                at(path),
                super::simple_name(&model.name),
                kind(value)
            ));
            return Value::Null;
        };
        let model = match self.effective(model, value) {
            Ok(m) => m,
            Err(why) => {
                let here = if path.is_empty() { "(body)" } else { path };
                reasons.push(format!("{}: {why}", at(here)));
                model
            }
        };
        let mut out = Map::new();
        for (key, v) in obj {
            if key.contains('@') {
                continue; // an annotation, not a property
            }
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match self.property_named(model, key) {
                Some(p) => {
                    if let Some(v) = self.property(model, p, v, truncated, &here, reasons) {
                        out.insert(key.clone(), v);
                    }
                }
                // Truncated bodies and open types may carry more.
                None if truncated || model.open_type => {}
                None => reasons.push(format!(
                    "`{here}` is not a documented property of `{}`",
                    super::simple_name(&model.name)
                )),
            }
        }
        Value::Object(out)
    }

    fn property(
        &self,
        owner: &Model,
        p: &Property,
        v: &Value,
        truncated: bool,
        path: &str,
        reasons: &mut Vec<String>,
    ) -> Option<Value> {
        if v.is_null() {
            return None;
        }
        if p.collection {
            let Some(items) = v.as_array() else {
                reasons.push(format!(
                    "{}: expected a collection, found {}",
                    at(path),
                    kind(v)
                ));
                return None;
            };
            let items = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let here = format!("{path}[{i}]");
                    if item.is_null() {
                        reasons.push(format!("{}: null inside a collection", at(&here)));
                        return None;
                    }
                    self.single(owner, p, item, truncated, &here, reasons)
                })
                .collect();
            return Some(Value::Array(items));
        }
        self.single(owner, p, v, truncated, path, reasons)
    }

    fn single(
        &self,
        owner: &Model,
        p: &Property,
        v: &Value,
        truncated: bool,
        path: &str,
        reasons: &mut Vec<String>,
    ) -> Option<Value> {
        let version = owner.version;
        let ty = p.type_name.as_str();
        let mut wrong = |expected: &str| {
            reasons.push(format!(
                "{}: expected {expected} (`{ty}`), found {}",
                at(path),
                kind(v)
            ));
            None
        };
        match rust_primitive(ty) {
            Some("::std::string::String") => match v {
                Value::String(_) => Some(v.clone()),
                _ => wrong("a string"),
            },
            // Dates, times, durations, GUIDs: the generated types refuse
            // what does not parse, placeholders included.
            Some(rust) if rust.starts_with("crate::values::") => {
                let Value::String(text) = v else {
                    return wrong("a string");
                };
                if let Some(why) = check_text(ty, text) {
                    let what = if is_placeholder(text) {
                        "placeholder "
                    } else {
                        ""
                    };
                    reasons.push(format!("{}: {what}{why}", at(path)));
                    return None;
                }
                Some(v.clone())
            }
            Some("bool") => match v {
                Value::Bool(_) => Some(v.clone()),
                _ => wrong("a boolean"),
            },
            Some(int @ ("i16" | "i32" | "i64" | "u8" | "i8")) => {
                let (lo, hi): (i64, i64) = match int {
                    "i16" => (i16::MIN.into(), i16::MAX.into()),
                    "i32" => (i32::MIN.into(), i32::MAX.into()),
                    "u8" => (0, 255),
                    "i8" => (-128, 127),
                    _ => (i64::MIN, i64::MAX),
                };
                match v.as_i64() {
                    Some(n) if (lo..=hi).contains(&n) => Some(v.clone()),
                    _ => wrong("an integer in range"),
                }
            }
            Some("f32" | "f64") => match v.as_f64() {
                // Compared as the float the model will print.
                Some(f) if p.type_name == "Edm.Single" => {
                    serde_json::Number::from_f64(f64::from(f as f32)).map(Value::Number)
                }
                Some(f) => serde_json::Number::from_f64(f).map(Value::Number),
                None => wrong("a number"),
            },
            Some(_) => Some(v.clone()), // untyped JSON, streams: taken as they are
            None => {
                if let Some(&flags) = self.enums.get(&(version, ty)) {
                    return match v {
                        // A flags value prints its members comma-separated.
                        Value::String(text) if flags => Some(Value::String(
                            text.split(',')
                                .map(str::trim)
                                .filter(|m| !m.is_empty())
                                .collect::<Vec<_>>()
                                .join(","),
                        )),
                        Value::String(_) => Some(v.clone()),
                        _ => wrong("an enum member string"),
                    };
                }
                match self.models.get(&(version, ty)) {
                    Some(model) => Some(self.object(model, v, truncated, path, reasons)),
                    None => Some(v.clone()), // emitted as serde_json::Value
                }
            }
        }
    }
}

fn at(path: &str) -> String {
    format!("`{path}`")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ApiVersion, ModelOrigin, Source};
    use serde_json::json;

    fn prop(name: &str, ty: &str, collection: bool) -> Property {
        Property {
            name: name.into(),
            type_name: ty.into(),
            collection,
            description: None,
            inherited_from: None,
            navigation: false,
            source: Source::default(),
        }
    }

    fn operation_model() -> Model {
        Model {
            name: "microsoft.graph.operation".into(),
            version: ApiVersion::Beta,
            origin: ModelOrigin::ResourcePage,
            description: None,
            base_type: None,
            key_property: None,
            open_type: false,
            entry_type: None,
            properties: vec![
                prop("id", "Edm.String", false),
                prop("createdDateTime", "Edm.DateTimeOffset", false),
                prop("percent", "Edm.Double", false),
                prop("tags", "Edm.String", true),
            ],
            sources: vec![],
        }
    }

    fn run(body: Value, truncated: bool) -> Result<Value, Vec<String>> {
        let model = operation_model();
        let types = Types::new(std::slice::from_ref(&model), &[]);
        let mut reasons = Vec::new();
        let v = types.object(&model, &body, truncated, "", &mut reasons);
        if reasons.is_empty() {
            Ok(v)
        } else {
            Err(reasons)
        }
    }

    #[test]
    fn annotations_are_not_properties() {
        // beta/api/004 (seed): `@odata.type` beside the documented fields.
        let got = run(
            json!({"@odata.type": "#microsoft.graph.operation", "id": "5c5670d6"}),
            false,
        );
        assert_eq!(got, Ok(json!({"id": "5c5670d6"})));
    }

    #[test]
    fn unknown_fields_fail_unless_truncated() {
        let body = json!({"id": "1", "resourceLocation": "https://x"});
        let err = run(body.clone(), false).unwrap_err();
        assert!(err[0].contains("`resourceLocation` is not a documented property"));
        assert_eq!(run(body, true), Ok(json!({"id": "1"})));
    }

    #[test]
    fn invalid_dates_and_wrong_kinds_fail_with_the_field_named() {
        // seed 000: "2020-03-19T12-01-03.45Z" is not RFC 3339.
        let err = run(
            json!({"createdDateTime": "2020-03-19T12-01-03.45Z", "tags": "a"}),
            false,
        )
        .unwrap_err();
        assert!(err[0].contains("`createdDateTime`"), "{err:?}");
        assert!(err[1].contains("expected a collection"), "{err:?}");
    }

    #[test]
    fn nulls_drop_and_whole_numbers_become_floats() {
        let got = run(json!({"id": null, "percent": 5}), false).unwrap();
        assert_eq!(got, json!({"percent": 5.0}));
    }
}
