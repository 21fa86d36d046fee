//! Docs prose made safe for rustdoc. A description is Markdown written for
//! learn.microsoft.com; rustdoc reads the same text as its own Markdown, in
//! which `[listItem][]` or `["SMTP: bob@contoso.com"]` is an intra-doc link
//! to resolve, `<server>` an unclosed HTML tag and a bare
//! `https://contoso.com` a lint. Each made `cargo doc` of a generated crate
//! warn (a whole docs tree gave dozens). So outside code spans, brackets
//! and `<` are escaped and bare URLs become autolinks; code spans, and
//! autolinks the docs wrote themselves, stay as they are.

/// `text` with brackets and `<` escaped and bare URLs autolinked, outside
/// code spans.
pub fn rustdoc_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let taken = match c {
            '`' => code_span(rest),
            '<' => autolink(rest),
            'h' if !after_word(text, rest) => {
                if let Some(url) = bare_url(rest) {
                    out.push('<');
                    out.push_str(url);
                    out.push('>');
                    rest = &rest[url.len()..];
                    continue;
                }
                None
            }
            _ => None,
        };
        if let Some(verbatim) = taken {
            out.push_str(verbatim);
            rest = &rest[verbatim.len()..];
            continue;
        }
        match c {
            '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A code span at the start of `text`: a run of backticks, up to the next
/// run of the same length. `None` when nothing closes it (the backticks
/// are then plain text).
fn code_span(text: &str) -> Option<&str> {
    let opening = text.bytes().take_while(|&b| b == b'`').count();
    let mut at = opening;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let run = text[start..].bytes().take_while(|&b| b == b'`').count();
        if run == opening {
            return Some(&text[..start + run]);
        }
        at = start + run;
    }
    None
}

/// An autolink the docs wrote (`<https://graph.microsoft.com/v1.0/>`) at
/// the start of `text`.
fn autolink(text: &str) -> Option<&str> {
    let inner = &text[1..];
    bare_url(inner)?;
    let end = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())?;
    inner[end..].starts_with('>').then(|| &text[..end + 2])
}

/// Whether `rest` (a tail of `text`) follows a letter or digit: `xhttp://`
/// is no URL.
fn after_word(text: &str, rest: &str) -> bool {
    text[..text.len() - rest.len()]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// A bare URL at the start of `text`: up to whitespace or a character that
/// ends it in prose, less trailing punctuation (`See https://x.com.`).
/// `None` when `text` does not start with one, or nothing but punctuation
/// follows the scheme.
fn bare_url(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`' | ')' | ']' | '[')
        })
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    host.starts_with(char::is_alphanumeric).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::rustdoc_safe;

    #[test]
    fn brackets_and_tags_are_escaped() {
        assert_eq!(
            rustdoc_safe("Update a **[listItem][]**."),
            r"Update a **\[listItem\]\[\]**."
        );
        assert_eq!(
            rustdoc_safe(r#"For example: ["SMTP: bob@contoso.com"]"#),
            r#"For example: \["SMTP: bob@contoso.com"\]"#
        );
        assert_eq!(
            rustdoc_safe("in the format <server>[:<port>]"),
            r"in the format \<server>\[:\<port>\]"
        );
        assert_eq!(rustdoc_safe("PCR[0]"), r"PCR\[0\]");
    }

    #[test]
    fn bare_urls_become_autolinks_without_trailing_punctuation() {
        assert_eq!(
            rustdoc_safe("For example, https://www.contoso.com/app/marketing."),
            "For example, <https://www.contoso.com/app/marketing>."
        );
        assert_eq!(
            rustdoc_safe("values: http://a.org/x#rsa, http://b.org/y#sha1."),
            "values: <http://a.org/x#rsa>, <http://b.org/y#sha1>."
        );
        assert_eq!(
            rustdoc_safe("(https://graph.microsoft.com/v1.0/)"),
            "(<https://graph.microsoft.com/v1.0/>)"
        );
        // Not a URL: no host, or glued to a word.
        assert_eq!(rustdoc_safe("https:// alone"), "https:// alone");
        assert_eq!(rustdoc_safe("xhttps://a.b"), "xhttps://a.b");
    }

    #[test]
    fn any_text_only_gains_escapes_and_autolink_brackets() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            '[', ']', '<', '>', '`', '`', 'h', 't', 'p', 's', ':', '/', '/', '.', ' ', 'x', '\\',
            'é', '\n',
        ]);
        let pieces = prop::sample::select(vec!["https://", "http://", "a.b", ""]);
        let texts = prop::collection::vec((alphabet, pieces), 0..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(c, piece)| format!("{c}{piece}"))
                .collect::<String>()
        });
        proptest!(ProptestConfig::with_cases(20_000), |(text in texts)| {
            let safe = rustdoc_safe(&text);
            // Nothing is dropped or reordered: the text is a subsequence
            // of what rustdoc gets, which only adds `\`, `<` and `>`.
            let mut added = String::new();
            let mut wanted = text.chars().peekable();
            for c in safe.chars() {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                } else {
                    added.push(c);
                }
            }
            prop_assert!(wanted.next().is_none(), "{:?} lost text in {:?}", text, safe);
            prop_assert!(added.chars().all(|c| matches!(c, '\\' | '<' | '>')), "{:?} added {:?}", text, added);
        });
    }

    #[test]
    fn code_spans_and_autolinks_stay_as_written() {
        let kept = [
            "`GET /users/{id}` and ``a ` b``",
            "see <https://graph.microsoft.com/v1.0/>",
            "`<server>[:<port>]` and `https://x.com`",
            "",
            "plain words, ünïcode — and *emphasis*",
        ];
        for text in kept {
            assert_eq!(rustdoc_safe(text), text);
        }
        // An unclosed backtick is plain text; what follows is still escaped.
        assert_eq!(rustdoc_safe("a ` b [c]"), r"a ` b \[c\]");
        assert_eq!(rustdoc_safe("<https://x.com"), r"\<<https://x.com>");
    }
}
