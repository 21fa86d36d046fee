//! Lenient JSON for example bodies and annotations. The docs write JSON by
//! hand: trailing commas, unquoted keys, `...` elisions, comments, raw
//! newlines in strings, bodies that lost their outer braces, and bodies
//! followed by text that is not JSON (headers, the next request). We repair
//! what can be repaired and say so; what cannot stays raw text.

use serde_json::Value;

/// How a text was read.
#[derive(Debug, PartialEq)]
pub enum Lenient {
    Strict(Value),
    /// Parsed after repairs; the string says which.
    Repaired(Value, String),
    Invalid(String),
}

pub fn parse(text: &str) -> Lenient {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => return Lenient::Strict(v),
        Err(e) if e.is_eof() && depth_exceeds(text) => {
            return Lenient::Invalid("nesting too deep".into())
        }
        Err(_) => {}
    }
    if let Some(v) = first_of_more(text) {
        return Lenient::Repaired(v, "dropped the text after it".to_string());
    }
    let mut repairs = Vec::new();
    let mut fixed = repair(text, &mut repairs);
    let trimmed = fixed.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('['))
        && trimmed.starts_with('"')
        && trimmed.contains(':')
    {
        fixed = format!("{{\n{fixed}\n}}");
        repairs.push("restored the outer braces".to_string());
    }
    match serde_json::from_str::<Value>(&fixed) {
        Ok(v) if !repairs.is_empty() => Lenient::Repaired(v, repairs.join(", ")),
        Ok(v) => Lenient::Strict(v),
        Err(e) => Lenient::Invalid(e.to_string()),
    }
}

/// A whole object or array followed by text that is not JSON: the next
/// request line (intune-shared-devicecategory-update.md, 2020) or the
/// request's headers written after its body (workforceintegration-post.md).
fn first_of_more(text: &str) -> Option<Value> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let first = values.next()?.ok()?;
    let rest = text.get(values.byte_offset()..)?;
    (first.is_object() || first.is_array())
        .then_some(first)
        .filter(|_| !rest.trim().is_empty())
}

fn depth_exceeds(text: &str) -> bool {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'{' | b'[' => {
                depth += 1;
                if depth > 100 {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// One pass over the text outside strings: drop comments and `...`
/// elisions, trailing commas, quote bare keys, escape raw newlines in strings.
fn repair(text: &str, repairs: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut in_str = false;
    let note = |r: &str, repairs: &mut Vec<String>| {
        if !repairs.iter().any(|x| x == r) {
            repairs.push(r.to_string());
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(n);
                    }
                    i += 2;
                    continue;
                }
                '"' => in_str = false,
                '\n' => {
                    out.push_str("\\n");
                    note("escaped raw newlines in strings", repairs);
                    i += 1;
                    continue;
                }
                '\r' | '\t' => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            // page-update.md (2020) writes `'target':'#para-id'`: a string
            // in single quotes, whose double quotes are escaped here.
            '\'' => {
                let Some(len) = chars[i + 1..].iter().position(|&q| q == '\'') else {
                    out.push(c);
                    i += 1;
                    continue;
                };
                out.push('"');
                for &q in &chars[i + 1..i + 1 + len] {
                    match q {
                        '"' => out.push_str("\\\""),
                        '\n' => out.push_str("\\n"),
                        _ => out.push(q),
                    }
                }
                out.push('"');
                note("double-quoted single-quoted strings", repairs);
                i += len + 2;
                continue;
            }
            // user-update-mailboxsettings.md (2020) indents with
            // non-breaking spaces, which JSON does not count as space.
            c if c.is_whitespace() && !c.is_ascii() => {
                out.push(' ');
                note("replaced non-ASCII spaces", repairs);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                note("dropped comments", repairs);
                continue;
            }
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                while i < chars.len() && chars[i] == '.' {
                    i += 1;
                }
                note("dropped `...` elisions", repairs);
                continue;
            }
            '…' => {
                note("dropped `...` elisions", repairs);
                i += 1;
                continue;
            }
            ',' => {
                let mut j = i + 1;
                while j < chars.len()
                    && (chars[j].is_whitespace() || matches!(chars[j], ',' | '.' | '…'))
                {
                    j += 1;
                }
                if j >= chars.len() || chars[j] == '}' || chars[j] == ']' {
                    note("dropped trailing commas", repairs);
                } else if chars[i + 1..j].contains(&',') && !chars[i + 1..j].contains(&'.') {
                    out.push(',');
                    note("dropped doubled commas", repairs);
                    i = j;
                    continue;
                } else {
                    out.push(',');
                }
            }
            c if (c.is_ascii_alphabetic() || c == '_' || c == '@') && prev_is_key_start(&out) => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric()
                        || matches!(chars[i], '_' | '@' | '.' | '-'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                    note("quoted bare keys", repairs);
                } else {
                    out.push_str(&word);
                }
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn prev_is_key_start(out: &str) -> bool {
    matches!(out.trim_end().chars().last(), Some('{') | Some(',') | None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn single_quotes_and_non_breaking_spaces() {
        // page-update.md and user-update-mailboxsettings.md (2020).
        let Lenient::Repaired(v, how) =
            parse("[\n {\n  'target':'#p',\n  'content':'<img src=\"x\" />'\n }\n]")
        else {
            panic!()
        };
        assert_eq!(v, json!([{"target": "#p", "content": "<img src=\"x\" />"}]));
        assert_eq!(how, "double-quoted single-quoted strings");
        let Lenient::Repaired(v, how) =
            parse("{\n  \"a\" : \"b\",\u{a0}\n\u{a0}\u{a0}\"c\": [1]\n}")
        else {
            panic!()
        };
        assert_eq!(v, json!({"a": "b", "c": [1]}));
        assert_eq!(how, "replaced non-ASCII spaces");
        // Inside a string both stay as they are.
        assert_eq!(
            parse("{\"a\": \"it's\u{a0}here\"}"),
            Lenient::Strict(json!({"a": "it's\u{a0}here"}))
        );
    }

    #[test]
    fn text_after_a_whole_body_is_dropped() {
        // workforceintegration-post.md (2020) writes the headers after the
        // body; intune-shared-devicecategory-update.md the next request line.
        assert_eq!(
            parse("{\n  \"isActive\": true\n}\nAuthorization: Bearer {token}\n"),
            Lenient::Repaired(
                json!({"isActive": true}),
                "dropped the text after it".into()
            )
        );
        assert_eq!(
            parse("[1, 2]\n\nPATCH /deviceManagement/x"),
            Lenient::Repaired(json!([1, 2]), "dropped the text after it".into())
        );
        // A lone value before text is no body; nor is a body that is not
        // whole.
        assert!(matches!(parse("42 and more"), Lenient::Invalid(_)));
        assert!(matches!(
            parse("{\"a\": 1\nAuthorization: x"),
            Lenient::Invalid(_)
        ));
    }

    #[test]
    fn strict_json_is_untouched() {
        assert_eq!(parse("{\"a\": 1}"), Lenient::Strict(json!({"a": 1})));
    }

    #[test]
    fn lost_braces_are_restored() {
        let Lenient::Repaired(v, how) = parse("  \"status\": \"running\",\n  \"id\": \"x\"") else {
            panic!()
        };
        assert_eq!(v, json!({"status": "running", "id": "x"}));
        assert!(how.contains("outer braces"));
    }

    #[test]
    fn trailing_commas_bare_keys_and_elisions() {
        let Lenient::Repaired(v, _) = parse("{ a: 1, \"b\": [1, 2, ...], \"c\": \"x\", }") else {
            panic!()
        };
        assert_eq!(v, json!({"a": 1, "b": [1, 2], "c": "x"}));
    }

    #[test]
    fn raw_newlines_in_strings() {
        let Lenient::Repaired(v, _) = parse("{\"a\": \"line1\nline2\"}") else {
            panic!()
        };
        assert_eq!(v, json!({"a": "line1\nline2"}));
    }

    #[test]
    fn garbage_and_deep_nesting_are_invalid_not_panics() {
        assert!(matches!(parse("id,name\n1,x"), Lenient::Invalid(_)));
        let deep = "[".repeat(5000) + &"]".repeat(5000);
        assert!(matches!(parse(&deep), Lenient::Invalid(_)));
    }
}
