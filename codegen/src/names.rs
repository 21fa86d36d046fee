//! The one place where docs names become Rust identifiers. Keywords, leading
//! digits, `@odata.*`, dots, dashes and non-ASCII are all handled here; the
//! wire name is kept by the emitters in `#[serde(rename)]`.

use heck::{ToShoutySnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::BTreeSet;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "gen", "union",
];

/// A Rust identifier made from a docs name. Always valid.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName(String);

impl RustName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn ident(&self) -> Ident {
        Ident::new(&self.0, Span::call_site())
    }
}

impl std::fmt::Display for RustName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Types and enum variants.
    UpperCamel,
    /// Fields, functions, modules.
    Snake,
    /// Constants.
    ScreamingSnake,
}

/// `heck`'s snake case, which it stays equal to (tested on every short
/// string): words split at non-alphanumerics and camel-case humps, lowered,
/// joined by `_`. ASCII text, nearly all of it, is done here byte by byte;
/// `heck` writes each char through the formatter, which was most of the
/// cost of operation ids. Other text goes to `heck`.
pub fn snake_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    push_snake_case(&mut out, text);
    out
}

/// [`snake_case`] of `text`, appended to `out` (for names built of parts).
pub fn push_snake_case(out: &mut String, text: &str) {
    if !text.is_ascii() {
        out.push_str(&heck::ToSnakeCase::to_snake_case(text));
        return;
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let start_len = out.len();
    let mut emit = |piece: &str| {
        if out.len() > start_len {
            out.push('_');
        }
        let at = out.len();
        out.push_str(piece);
        out[at..].make_ascii_lowercase();
    };
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = word.as_bytes();
        let (mut start, mut mode) = (0, Mode::Boundary);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                emit(&word[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                // `fooBar`: a hump after `foo`.
                emit(&word[start..=i]);
                (start, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                // `HTMLParser`: `Parser` starts at `P`.
                emit(&word[start..i]);
                (start, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
}

/// Sanitises any docs text into an identifier of the given case.
pub fn rust_name(raw: &str, case: Case) -> RustName {
    // Keep ASCII letters and digits; everything else separates words.
    let mut ascii = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            ascii.push_str(&format!(" u{:x} ", c as u32));
        } else {
            ascii.push(' ');
        }
    }
    let mut name = match case {
        Case::UpperCamel => ascii.to_upper_camel_case(),
        Case::Snake => snake_case(&ascii),
        Case::ScreamingSnake => ascii.to_shouty_snake_case(),
    };
    if name.is_empty() {
        name = match case {
            Case::UpperCamel => "Unnamed".into(),
            Case::Snake => "unnamed".into(),
            Case::ScreamingSnake => "UNNAMED".into(),
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, if case == Case::Snake { "n" } else { "N" });
    }
    if KEYWORDS.contains(&name.as_str()) || name == "_" {
        // `type` -> `type_`; `Self` -> `SelfValue` (a trailing `_` is not UpperCamelCase).
        name.push_str(if case == Case::UpperCamel {
            "Value"
        } else {
            "_"
        });
    }
    RustName(name)
}

/// Hands out names that are unique within one scope: clashes after
/// sanitising get `_2`, `_3`, ...
#[derive(Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    pub fn name(&mut self, raw: &str, case: Case) -> RustName {
        let base = rust_name(raw, case);
        if self.used.insert(base.0.clone()) {
            return base;
        }
        (2..)
            .map(|n| {
                format!(
                    "{}{}{n}",
                    base.0,
                    if case == Case::UpperCamel || base.0.ends_with('_') {
                        ""
                    } else {
                        "_"
                    }
                )
            })
            .find(|candidate| self.used.insert(candidate.clone()))
            .map(RustName)
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_is_heck_snake_case() {
        // Every string of up to six of these, and some longer ones.
        let alphabet = ['a', 'B', 'c', 'D', '1', '_', '-', ' '];
        let mut all = crate::testing::every_string(&alphabet, 6);
        all.extend(
            [
                "HTMLParser",
                "getActivitiesByInterval",
                "v1.0/users/{id}/mailFolders",
                "ABCdefGHI",
                "a1B2c3",
                "é Unicode",
            ]
            .map(String::from),
        );
        for case in all {
            assert_eq!(
                snake_case(&case),
                heck::ToSnakeCase::to_snake_case(case.as_str()),
                "{case:?}"
            );
        }
    }

    #[test]
    fn keywords_digits_odata_and_punctuation() {
        assert_eq!(rust_name("type", Case::Snake).as_str(), "type_");
        assert_eq!(rust_name("self", Case::Snake).as_str(), "self_");
        assert_eq!(rust_name("@odata.type", Case::Snake).as_str(), "odata_type");
        assert_eq!(
            rust_name("createdDateTime", Case::Snake).as_str(),
            "created_date_time"
        );
        assert_eq!(rust_name("3dModel", Case::UpperCamel).as_str(), "N3dModel");
        assert_eq!(
            rust_name("microsoft.graph.longRunningOperation", Case::UpperCamel).as_str(),
            "MicrosoftGraphLongRunningOperation"
        );
        assert_eq!(rust_name("x-ms-foo", Case::Snake).as_str(), "x_ms_foo");
        assert_eq!(
            rust_name("\"); std::process::exit(1); //", Case::Snake).as_str(),
            "std_process_exit_1"
        );
        assert_eq!(rust_name("", Case::UpperCamel).as_str(), "Unnamed");
        assert!(syn::parse_str::<syn::Ident>(rust_name("naïve", Case::Snake).as_str()).is_ok());
    }

    #[test]
    fn clashes_get_suffixes() {
        let mut scope = Scope::default();
        assert_eq!(scope.name("status", Case::Snake).as_str(), "status");
        assert_eq!(scope.name("Status", Case::Snake).as_str(), "status_2");
        scope.reserve("Other");
        assert_eq!(scope.name("other", Case::UpperCamel).as_str(), "Other2");
    }
}
