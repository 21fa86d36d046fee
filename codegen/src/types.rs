//! The one table that maps docs type names to Edm primitives and to Rust.

/// (lowercase docs spelling, Edm name)
const EDM: &[(&str, &str)] = &[
    ("string", "Edm.String"),
    ("boolean", "Edm.Boolean"),
    ("bool", "Edm.Boolean"),
    ("int16", "Edm.Int16"),
    ("int32", "Edm.Int32"),
    ("int", "Edm.Int32"),
    ("integer", "Edm.Int32"),
    ("int64", "Edm.Int64"),
    ("long", "Edm.Int64"),
    ("byte", "Edm.Byte"),
    ("sbyte", "Edm.SByte"),
    ("single", "Edm.Single"),
    ("double", "Edm.Double"),
    ("decimal", "Edm.Decimal"),
    ("number", "Edm.Double"),
    ("datetimeoffset", "Edm.DateTimeOffset"),
    ("datetime", "Edm.DateTimeOffset"),
    ("timestamp", "Edm.DateTimeOffset"),
    ("date", "Edm.Date"),
    ("timeofday", "Edm.TimeOfDay"),
    ("duration", "Edm.Duration"),
    ("guid", "Edm.Guid"),
    ("uuid", "Edm.Guid"),
    ("binary", "Edm.Binary"),
    ("stream", "Edm.Stream"),
    ("json", "Edm.Untyped"),
    ("object", "Edm.Untyped"),
    ("json object", "Edm.Untyped"),
    ("untyped json object", "Edm.Untyped"),
    // remoteItem.md: "Url" for a web address.
    ("url", "Edm.String"),
    ("uri", "Edm.String"),
];

pub fn edm_name(docs: &str) -> Option<&'static str> {
    // The table's spellings are lowercase: comparing without ASCII case is
    // comparing the lowercased text, without the copy.
    let docs = docs.trim();
    EDM.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(docs))
        .map(|(_, v)| *v)
}

/// The Rust type path for an Edm primitive, as text for `syn::parse_str`.
/// Paths are absolute: a docs type may be named `String`.
/// Dates, times, durations and GUIDs are the validated newtypes of
/// `codegen/templates/values.rs` (see its header for why).
pub fn rust_primitive(edm: &str) -> Option<&'static str> {
    Some(match edm {
        "Edm.String" | "Edm.Binary" => "::std::string::String",
        "Edm.DateTimeOffset" => "crate::values::DateTimeOffset",
        "Edm.Date" => "crate::values::Date",
        "Edm.TimeOfDay" => "crate::values::TimeOfDay",
        "Edm.Duration" => "crate::values::Duration",
        "Edm.Guid" => "crate::values::Guid",
        "Edm.Boolean" => "bool",
        "Edm.Int16" => "i16",
        "Edm.Int32" => "i32",
        "Edm.Int64" => "i64",
        "Edm.Byte" => "u8",
        "Edm.SByte" => "i8",
        "Edm.Single" => "f32",
        "Edm.Double" | "Edm.Decimal" => "f64",
        // In a JSON body a stream or binary property is base64 text.
        "Edm.Stream" => "::std::string::String",
        "Edm.Untyped" => "::serde_json::Value",
        _ => return None,
    })
}

/// Whether a string is a docs placeholder rather than a value:
/// `"String (timestamp)"`, `"{id}"`.
pub fn is_placeholder(s: &str) -> bool {
    s.starts_with("String") || s.contains('{')
}

/// Checks a string against a date, time or GUID type with the rules the
/// generated crate's types enforce ([`crate::values`]). `None` when it fits
/// or the type has no text rule; otherwise why not.
pub fn check_text(edm: &str, s: &str) -> Option<String> {
    use crate::values::*;
    let (ok, expected) = match edm {
        "Edm.DateTimeOffset" => (is_date_time(s), "DateTimeOffset (RFC 3339)"),
        "Edm.Date" => (is_date(s), "Date (YYYY-MM-DD)"),
        "Edm.TimeOfDay" => (is_time_of_day(s), "TimeOfDay (hh:mm:ss)"),
        "Edm.Duration" => (is_duration(s), "Duration (ISO 8601)"),
        "Edm.Guid" => (is_guid(s), "GUID"),
        _ => return None,
    };
    (!ok).then(|| format!("`{s}` is not a valid {expected}"))
}

/// Checks an example value against its documented Edm type, for the
/// `D0305` warning: placeholders are the docs' convention, not mistakes.
pub fn check_value(edm: &str, value: &serde_json::Value) -> Option<String> {
    let s = value.as_str()?;
    if is_placeholder(s) {
        return None;
    }
    check_text(edm, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edm_spellings_are_lowercase() {
        // `edm_name` compares without ASCII case; with lowercase spellings
        // that is comparing the lowercased docs text.
        for (spelling, _) in EDM {
            assert_eq!(*spelling, spelling.to_ascii_lowercase());
        }
        assert_eq!(edm_name("  GuId "), Some("Edm.Guid"));
        assert_eq!(edm_name("İnt"), None);
    }

    #[test]
    fn docs_spellings_map_to_edm() {
        assert_eq!(edm_name("String"), Some("Edm.String"));
        assert_eq!(edm_name("GUID"), Some("Edm.Guid"));
        assert_eq!(edm_name("int"), Some("Edm.Int32"));
        assert_eq!(edm_name("user"), None);
    }

    #[test]
    fn example_values_are_checked_against_their_type() {
        assert!(check_value("Edm.DateTimeOffset", &json!("2020-03-19T12-01-03.45Z")).is_some());
        assert!(
            check_value("Edm.DateTimeOffset", &json!("2023-06-09T22:50:41.5414467Z")).is_none()
        );
        assert!(check_value("Edm.Guid", &json!("2d497bb-57bd-47a6-8749-5ccd0869f2bd")).is_some());
        assert!(check_value("Edm.Guid", &json!("5c5670d6-a2c0-a394-ef42-882954856de5")).is_none());
        assert!(check_value("Edm.DateTimeOffset", &json!("String (timestamp)")).is_none());
    }
}
