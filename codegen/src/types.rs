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
];

pub fn edm_name(docs: &str) -> Option<&'static str> {
    let lower = docs.trim().to_ascii_lowercase();
    EDM.iter().find(|(k, _)| *k == lower).map(|(_, v)| *v)
}

/// The Rust type path for an Edm primitive, as text for `syn::parse_str`.
/// Paths are absolute: a docs type may be named `String`.
/// Date and time values are kept as validated strings in the generated
/// crate's `DateTimeOffset`-style newtypes would need a date library; we use
/// `String` until the models issue chooses one (see README).
pub fn rust_primitive(edm: &str) -> Option<&'static str> {
    Some(match edm {
        "Edm.String" | "Edm.DateTimeOffset" | "Edm.Date" | "Edm.TimeOfDay" | "Edm.Duration"
        | "Edm.Guid" | "Edm.Binary" => "::std::string::String",
        "Edm.Boolean" => "bool",
        "Edm.Int16" => "i16",
        "Edm.Int32" => "i32",
        "Edm.Int64" => "i64",
        "Edm.Byte" => "u8",
        "Edm.SByte" => "i8",
        "Edm.Single" => "f32",
        "Edm.Double" | "Edm.Decimal" => "f64",
        "Edm.Stream" => "::std::vec::Vec<u8>",
        "Edm.Untyped" => "::serde_json::Value",
        _ => return None,
    })
}

/// Checks an example value against its documented Edm type. `None` when it
/// fits; otherwise why not.
pub fn check_value(edm: &str, value: &serde_json::Value) -> Option<String> {
    let s = value.as_str()?;
    if s.starts_with("String") || s.contains('{') {
        return None; // a placeholder such as "String (timestamp)"
    }
    match edm {
        "Edm.DateTimeOffset" if !is_date_time(s) => {
            Some(format!("`{s}` is not a valid DateTimeOffset (RFC 3339)"))
        }
        "Edm.Guid" if !is_guid(s) => Some(format!("`{s}` is not a valid GUID")),
        _ => None,
    }
}

fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// RFC 3339 date-time: `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
    {
        return false;
    }
    if !(matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z'] | [b'z'] => true,
        [sign, h1, h2, b':', m1, m2] => {
            matches!(sign, b'+' | b'-') && [h1, h2, m1, m2].iter().all(|x| x.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
