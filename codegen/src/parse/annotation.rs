//! The `<!-- { ... } -->` annotations before example and resource blocks.
//! Only a few of their keys mean anything to the readers. Those are read
//! straight into a struct, and the rest is skipped without building a JSON
//! tree. Annotations that are not strict JSON go through the lenient
//! reader, with the same result as reading the whole tree.

use super::json::{self, Lenient};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The keys the readers use, each as written (`"truncated": "true"` and
/// `true` both occur). A key given as `null` is `Some(Value::Null)`, as
/// it is in a JSON tree.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Annotation {
    #[serde(rename = "blockType", default, deserialize_with = "present")]
    pub block_type: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub truncated: Option<Value>,
    #[serde(rename = "@odata.type", default, deserialize_with = "present")]
    pub odata_type: Option<Value>,
    #[serde(rename = "@type", default, deserialize_with = "present")]
    pub type_name: Option<Value>,
    #[serde(rename = "isCollection", default, deserialize_with = "present")]
    pub is_collection: Option<Value>,
    #[serde(rename = "keyProperty", default, deserialize_with = "present")]
    pub key_property: Option<Value>,
    #[serde(rename = "openType", default, deserialize_with = "present")]
    pub open_type: Option<Value>,
    #[serde(rename = "baseType", default, deserialize_with = "present")]
    pub base_type: Option<Value>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl Annotation {
    /// Reads the JSON of an annotation. The error is the lenient reader's
    /// message, for a diagnostic.
    pub fn read(text: &str) -> Result<Annotation, String> {
        // Strict JSON objects with each key once: the fast path. Anything
        // else (a repaired text, a key given twice, whose last value wins,
        // or not an object) is read as a whole tree.
        if text.trim_start().starts_with('{') {
            if let Ok(a) = serde_json::from_str::<Annotation>(text) {
                return Ok(a);
            }
        }
        match json::parse(text) {
            Lenient::Strict(v) | Lenient::Repaired(v, _) => Ok(Annotation::of(&v)),
            Lenient::Invalid(e) => Err(e),
        }
    }

    fn of(v: &Value) -> Annotation {
        let get = |k: &str| v.get(k).cloned();
        Annotation {
            block_type: get("blockType"),
            name: get("name"),
            truncated: get("truncated"),
            odata_type: get("@odata.type"),
            type_name: get("@type"),
            is_collection: get("isCollection"),
            key_property: get("keyProperty"),
            open_type: get("openType"),
            base_type: get("baseType"),
        }
    }

    /// `blockType` when it is a string.
    pub fn block_type(&self) -> Option<&str> {
        self.block_type.as_ref().and_then(Value::as_str)
    }
}

/// A yes-or-no key, written `true` or `"true"` (or their opposites):
/// `None` when it is neither a boolean nor a string.
pub fn flag(value: &Value) -> Option<bool> {
    value
        .as_bool()
        .or_else(|| value.as_str().map(|s| s == "true"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path reads what the whole tree says, on every annotation
    /// shape the readers meet.
    #[test]
    fn fields_are_read_as_the_whole_tree_reads_them() {
        let texts = [
            r#"{"blockType": "request", "name": "get_user"}"#,
            r#"{ "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.user", "isCollection": "true" }"#,
            r#"{"blockType": "resource", "keyProperty": "id", "openType": "true", "baseType": "microsoft.graph.entity", "@type": "x", "optionalProperties": [1, {"a": [null]}]}"#,
            r#"{"truncated": null, "name": 3}"#,
            r#"{"name": "a", "name": "b"}"#,
            r#"{"blockType": "request", "name": "x",}"#,
            r#"{blockType: "example"}"#,
            r#"{"a": 1} trailing"#,
            r#"{"#,
            "{}",
        ];
        for text in texts {
            let whole = match json::parse(text) {
                Lenient::Strict(v) | Lenient::Repaired(v, _) => Ok(Annotation::of(&v)),
                Lenient::Invalid(e) => Err(e),
            };
            assert_eq!(Annotation::read(text), whole, "{text}");
        }
        assert_eq!(
            Annotation::read(r#"{"name": "a", "name": "b"}"#)
                .unwrap()
                .name
                .as_ref()
                .and_then(Value::as_str),
            Some("b")
        );
        assert_eq!(
            Annotation::read(r#"{"truncated": null}"#)
                .unwrap()
                .truncated,
            Some(Value::Null)
        );
    }
}
