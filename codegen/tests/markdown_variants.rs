//! The same Markdown written another way says the same. Every page of the
//! 2020 tree, and every modern page and include, is rewritten in a form
//! GitHub renders alike (Windows line ends, `~~~` fences, headings closed
//! with `#`, tables without their outer pipes, annotations without inner
//! spaces, lists marked `-`, a byte order mark), and the IR of the
//! rewritten tree must be the IR of the tree. Those rewrites keep every
//! line where it was, so even the sources agree; three more move lines
//! (blank lines doubled, setext headings, `<br/>` for `<br>`), and the IR
//! must agree but for line numbers.

mod common;

use std::collections::BTreeMap;

/// Every page and include of the 2020 tree, by path below its root.
fn tree(name: &str) -> Option<BTreeMap<String, String>> {
    let root = common::corpus(name)?;
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus folder reads") {
            let path = entry.expect("corpus entry reads").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "md") {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.insert(rel.replace('\\', "/"), text);
                }
            }
        }
    }
    Some(files)
}

/// The IR of `files`, as YAML.
fn ir_of(files: &BTreeMap<String, String>) -> String {
    let pages: Vec<(String, String)> = files.clone().into_iter().collect();
    serde_yaml::to_string(&common::ir_of(&pages)).expect("IR serialises")
}

/// `text` with `rewrite` applied to each line outside code fences (a
/// fence's own lines included, with `true`).
fn outside_code(text: &str, rewrite: impl Fn(&str, bool) -> String) -> String {
    let mut in_code = false;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let fence = body.trim_start().starts_with("```");
        if fence || !in_code {
            out.push_str(&rewrite(body, fence));
        } else {
            out.push_str(body);
        }
        out.push_str(end);
        if fence {
            in_code = !in_code;
        }
    }
    out
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn tilde_fences(text: &str) -> String {
    outside_code(text, |line, fence| {
        if fence {
            line.replacen("```", "~~~", 1)
        } else {
            line.to_string()
        }
    })
}

fn closed_headings(text: &str) -> String {
    outside_code(text, |line, fence| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if !fence && (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            format!("{} {}", line.trim_end(), &line[..hashes])
        } else {
            line.to_string()
        }
    })
}

/// Table rows of two or more cells lose the pipes at their ends (and the
/// spaces there, which would indent the row into a code block).
fn bare_tables(text: &str) -> String {
    outside_code(text, |line, fence| {
        let t = line.trim();
        let inner = t
            .strip_prefix('|')
            .and_then(|r| r.strip_suffix('|'))
            .filter(|inner| !fence && inner.contains('|') && !inner.ends_with('\\'));
        match inner {
            Some(inner) => inner.trim().to_string(),
            None => line.to_string(),
        }
    })
}

/// `<!--{"blockType": "request"}-->`: annotations without the spaces
/// inside their comment marks.
fn tight_annotations(text: &str) -> String {
    outside_code(text, |line, _| {
        line.replace("<!-- {", "<!--{").replace("} -->", "}-->")
    })
}

/// List items marked `-` instead of `*`.
fn dash_lists(text: &str) -> String {
    outside_code(text, |line, fence| {
        let indent = line.len() - line.trim_start().len();
        match line[indent..].strip_prefix("* ") {
            Some(rest) if !fence => format!("{}- {rest}", &line[..indent]),
            _ => line.to_string(),
        }
    })
}

fn with_bom(text: &str) -> String {
    format!("\u{feff}{text}")
}

/// A page's text written another way.
type Rewrite = fn(&str) -> String;

#[test]
fn markdown_written_another_way_says_the_same() {
    assert_same(
        &[
            ("Windows line ends", crlf),
            ("~~~ fences", tilde_fences),
            ("closed headings", closed_headings),
            ("tables without outer pipes", bare_tables),
            ("annotations without inner spaces", tight_annotations),
            ("lists marked with dashes", dash_lists),
            ("a byte order mark", with_bom),
        ],
        |yaml| yaml,
    );
}

/// Each rewrite of the 2020 tree, and of the modern pages with their
/// includes (rewritten alike), gives its IR, as `seen` shows it.
fn assert_same(rewrites: &[(&str, Rewrite)], seen: fn(String) -> String) {
    let mut failed = Vec::new();
    for corpus in ["graph-docs-2020", "modern"] {
        let Some(files) = tree(corpus) else {
            return;
        };
        failed.extend(differences(&files, rewrites, seen).map(|f| format!("{corpus}, {f}")));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// The rewrites of `files` whose IR is not theirs, with a diff.
fn differences(
    files: &BTreeMap<String, String>,
    rewrites: &[(&str, Rewrite)],
    seen: fn(String) -> String,
) -> impl Iterator<Item = String> {
    let expected = seen(ir_of(files));
    let mut failed = Vec::new();
    for (name, rewrite) in rewrites {
        let rewritten: BTreeMap<String, String> = files
            .iter()
            .map(|(path, text)| (path.clone(), rewrite(text)))
            .collect();
        let got = seen(ir_of(&rewritten));
        if got != expected {
            let diff = similar::TextDiff::from_lines(&expected, &got);
            let shown: String = diff
                .unified_diff()
                .context_radius(2)
                .to_string()
                .lines()
                .take(60)
                .collect::<Vec<_>>()
                .join("\n");
            failed.push(format!("{name}:\n{shown}"));
        }
    }
    failed.into_iter()
}

/// The IR as YAML without line numbers (`page.md:12` as `page.md`, and a
/// diagnostic's `line:` left out).
fn without_lines(yaml: &str) -> String {
    let kept: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.trim_start().starts_with("line: "))
        .collect();
    let yaml = kept.join("\n");
    let mut out = String::with_capacity(yaml.len());
    let mut rest = yaml.as_str();
    while let Some(at) = rest.find(".md:") {
        out.push_str(&rest[..at + 3]);
        rest = rest[at + 4..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Every blank line outside code doubled.
fn doubled_blank_lines(text: &str) -> String {
    outside_code(text, |line, _| {
        if line.trim().is_empty() {
            format!("{line}\n")
        } else {
            line.to_string()
        }
    })
}

/// `# Title` and `## Section` after a blank line as setext headings:
/// the text, then a line of `=` or `-`.
fn setext_headings(text: &str) -> String {
    let previous_blank = std::cell::Cell::new(true);
    outside_code(text, |line, fence| {
        let after_blank = previous_blank.replace(line.trim().is_empty());
        let level = match line {
            l if l.starts_with("# ") => '=',
            l if l.starts_with("## ") => '-',
            _ => return line.to_string(),
        };
        let title = line.trim_start_matches('#').trim();
        if fence || !after_blank || title.is_empty() {
            return line.to_string();
        }
        let underline: String = std::iter::repeat_n(level, title.chars().count().max(3)).collect();
        format!("{title}\n{underline}")
    })
}

/// `<br>` written `<br/>`, and `<br />` written `<br>`.
fn other_breaks(text: &str) -> String {
    outside_code(text, |line, _| {
        line.replace("<br />", "<BR>").replace("<br>", "<br/>")
    })
}

/// Rewrites that move lines: the IR is the tree's but for line numbers.
#[test]
fn markdown_written_with_other_lines_says_the_same() {
    assert_same(
        &[
            ("blank lines doubled", doubled_blank_lines),
            ("setext headings", setext_headings),
            ("other line breaks", other_breaks),
        ],
        |yaml| without_lines(&yaml),
    );
}
