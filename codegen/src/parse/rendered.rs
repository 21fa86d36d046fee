//! Rendered plain-text pages to blocks. Headings lost their `#`, tables were
//! flattened into spaced text, and code fences are gone. We recognise the
//! known section names, rebuild tables from their header line and the shape
//! of their rows, and regroup requests and responses into code blocks.

use super::blocks::{Block, BlockKind, Row, Table};
use super::permissions::{looks_like_permission, SCHEME_LABELS};
use crate::ir::Source;

const SECTIONS: &[&str] = &[
    "Permissions",
    "Prerequisites",
    "HTTP request",
    "Optional query parameters",
    "Query parameters",
    "Path parameters",
    "Function parameters",
    "Parameters",
    "Request headers",
    "Request body",
    "Response",
    "Examples",
    "Example",
    "Request",
    "Properties",
    "Relationships",
    "JSON representation",
    "Methods",
];

/// Column sets of tables whose rows split on whitespace: every column but
/// the last is one word.
const WORD_TABLES: &[&[&str]] = &[
    &["Name", "Description"],
    &["Header", "Value"],
    &["Name", "Type", "Description"],
    &["Property", "Type", "Description"],
    &["Parameter", "Type", "Description"],
    &["Relationship", "Type", "Description"],
    &["Member", "Value", "Description"],
];

pub fn is_request_line(line: &str) -> bool {
    let mut parts = line.trim().splitn(2, ' ');
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("").trim_start();
    matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && (target.starts_with('/')
        || target.starts_with("http")
        || target.starts_with('~')
        || target.starts_with('{'))
}

pub fn is_status_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("HTTP/")
        && t.split_whitespace()
            .nth(1)
            .is_some_and(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
}

/// `Content-type: application/json`: a header of an HTTP message.
pub(super) fn is_header_line(line: &str) -> bool {
    let t = line.trim();
    match t.split_once(':') {
        Some((name, _)) => {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !t.starts_with('"')
        }
        None => false,
    }
}

fn section_heading(line: &str) -> Option<u8> {
    let t = line.trim();
    if SECTIONS.contains(&t) {
        return Some(if matches!(t, "Request" | "Response") {
            3
        } else {
            2
        });
    }
    let rest = t.strip_prefix("Example ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && rest[digits.len()..].starts_with(':')).then_some(3)
}

pub fn to_blocks(text: &str, file: impl Into<std::sync::Arc<str>>) -> Vec<Block> {
    let file: std::sync::Arc<str> = file.into();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut titled = false;
    let at = |i: usize| Source::new(file.clone(), i as u32 + 1);
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some(level) = section_heading(line) {
            out.push(Block {
                kind: BlockKind::Heading {
                    level,
                    text: line.to_string(),
                    tab: false,
                },
                at: at(i),
            });
            titled = true;
            i += 1;
            continue;
        }
        if !titled {
            out.push(Block {
                kind: BlockKind::Heading {
                    level: 1,
                    text: line.to_string(),
                    tab: false,
                },
                at: at(i),
            });
            titled = true;
            i += 1;
            continue;
        }
        if line.starts_with("Permission type") {
            let (table, next) = permission_table(&lines, i);
            out.push(Block {
                kind: BlockKind::Table(table),
                at: at(i),
            });
            i = next;
            continue;
        }
        if let Some(columns) = word_table_header(line) {
            let (table, next) = word_table(&lines, i, columns);
            out.push(Block {
                kind: BlockKind::Table(table),
                at: at(i),
            });
            i = next;
            continue;
        }
        if is_request_line(line) || is_status_line(line) {
            let (code, next) = message_block(&lines, i);
            out.push(Block {
                kind: BlockKind::Code {
                    lang: "http".into(),
                    text: code,
                },
                at: at(i),
            });
            i = next;
            continue;
        }
        if let Some(item) = line
            .strip_prefix('•')
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("- "))
        {
            out.push(Block {
                kind: BlockKind::ListItem(item.trim().to_string()),
                at: at(i),
            });
            i += 1;
            continue;
        }
        out.push(Block {
            kind: BlockKind::Paragraph(line.to_string()),
            at: at(i),
        });
        i += 1;
    }
    out
}

fn word_table_header(line: &str) -> Option<&'static [&'static str]> {
    let words: Vec<&str> = line.split_whitespace().collect();
    WORD_TABLES.iter().copied().find(|cols| words == **cols)
}

fn word_table(lines: &[&str], start: usize, columns: &[&str]) -> (Table, usize) {
    let mut table = Table {
        header: columns.iter().map(|c| c.to_string()).collect(),
        rows: Vec::new(),
        delimiter_cells: None,
    };
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() || section_heading(line).is_some() {
            break;
        }
        let mut cells = Vec::new();
        let mut rest = line;
        for _ in 0..columns.len() - 1 {
            let (word, tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            cells.push(word.to_string());
            rest = tail.trim_start();
        }
        cells.push(rest.to_string());
        table.rows.push(Row {
            cells,
            line: i as u32 + 1,
        });
        i += 1;
    }
    (table, i)
}

/// Splits the header line of a flattened permissions table into columns.
fn permission_header(line: &str) -> Vec<String> {
    let rest = line
        .trim()
        .strip_prefix("Permission type")
        .unwrap_or("")
        .trim();
    let mut starts: Vec<usize> = ["Least privileged", "Higher privileged", "Permissions"]
        .iter()
        .flat_map(|needle| rest.match_indices(needle).map(|(i, _)| i))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut header = vec!["Permission type".to_string()];
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(rest.len());
        let col = rest[s..end].trim();
        if !col.is_empty() {
            header.push(col.to_string());
        }
    }
    header
}

fn permission_table(lines: &[&str], start: usize) -> (Table, usize) {
    let header = permission_header(lines[start]);
    let columns = header.len().saturating_sub(1).max(1);
    let mut table = Table {
        header,
        rows: Vec::new(),
        delimiter_cells: None,
    };
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].trim();
        let Some(label) = SCHEME_LABELS.iter().find(|l| line.starts_with(**l)) else {
            break;
        };
        let mut cells = vec![label.to_string()];
        cells.extend(split_cells(line[label.len()..].trim(), columns));
        table.rows.push(Row {
            cells,
            line: i as u32 + 1,
        });
        i += 1;
    }
    (table, i)
}

/// Splits flattened permission cells: a cell is a comma-separated list of
/// permission names, or a phrase such as "Not supported.". A name without a
/// trailing comma ends its cell.
pub fn split_cells(text: &str, columns: usize) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut phrase: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        let bare = word.trim_end_matches(',');
        if looks_like_permission(bare.trim_matches('*')) && phrase.is_empty() {
            current.push(word);
            if !word.ends_with(',') {
                cells.push(current.join(" "));
                current.clear();
            }
        } else {
            if !current.is_empty() {
                cells.push(current.join(" "));
                current.clear();
            }
            phrase.push(word);
            if word.ends_with('.') {
                cells.push(phrase.join(" "));
                phrase.clear();
            }
        }
    }
    for rest in [current, phrase] {
        if !rest.is_empty() {
            cells.push(rest.join(" "));
        }
    }
    // Too many cells: the extra names belong to the last column.
    while cells.len() > columns && columns > 0 {
        let last = cells.pop().unwrap_or_default();
        if let Some(prev) = cells.last_mut() {
            prev.push_str(", ");
            prev.push_str(&last);
        }
    }
    cells.resize(columns, String::new());
    cells
}

/// A request or response: its first line, header lines, then a body that
/// is balanced JSON, or JSON lines that lost their braces.
fn message_block(lines: &[&str], start: usize) -> (String, usize) {
    let mut text = String::from(lines[start].trim());
    text.push('\n');
    let mut i = start + 1;
    while i < lines.len() && is_header_line(lines[i]) {
        text.push_str(lines[i].trim());
        text.push('\n');
        i += 1;
    }
    let mut j = i;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    let Some(first) = lines.get(j).map(|l| l.trim()) else {
        return (text, j);
    };
    if first.starts_with('{') || first.starts_with('[') {
        text.push('\n');
        let mut depth = 0i64;
        let mut in_str = false;
        let mut escaped = false;
        while j < lines.len() {
            text.push_str(lines[j]);
            text.push('\n');
            for c in lines[j].chars() {
                match (in_str, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (true, false, '"') => in_str = false,
                    (false, _, '"') => in_str = true,
                    (false, _, '{' | '[') => depth += 1,
                    (false, _, '}' | ']') => depth -= 1,
                    _ => {}
                }
            }
            j += 1;
            if depth <= 0 {
                break;
            }
        }
        return (text, j);
    }
    if first.starts_with('"') {
        text.push('\n');
        while j < lines.len() && !lines[j].trim().is_empty() && section_heading(lines[j]).is_none()
        {
            text.push_str(lines[j]);
            text.push('\n');
            j += 1;
        }
        return (text, j);
    }
    (text, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_rows_split_by_permission_shape() {
        assert_eq!(
            split_cells(
                "UserAuthenticationMethod.Read.All UserAuthenticationMethod.ReadWrite.All",
                2
            ),
            vec![
                "UserAuthenticationMethod.Read.All",
                "UserAuthenticationMethod.ReadWrite.All"
            ]
        );
        assert_eq!(
            split_cells("Not supported. Not supported.", 2),
            vec!["Not supported.", "Not supported."]
        );
        assert_eq!(
            split_cells(
                "A.Read, A.Read.All, A.ReadWrite A.Read.All, A.ReadWrite.All",
                2
            ),
            vec![
                "A.Read, A.Read.All, A.ReadWrite",
                "A.Read.All, A.ReadWrite.All"
            ]
        );
        assert_eq!(
            split_cells("A.Read B.Read C.Read", 1),
            vec!["A.Read, B.Read, C.Read"]
        );
    }

    #[test]
    fn permission_header_columns() {
        assert_eq!(
            permission_header(
                "Permission type Least privileged permissions Higher privileged permissions"
            ),
            vec![
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions"
            ]
        );
        assert_eq!(
            permission_header("Permission type Permissions acting on self (from least to most privileged) Permissions acting on others (from least to most privileged)"),
            vec![
                "Permission type",
                "Permissions acting on self (from least to most privileged)",
                "Permissions acting on others (from least to most privileged)"
            ]
        );
    }

    #[test]
    fn braceless_json_is_grouped_with_its_status_line() {
        let text = "Title\n\nHTTP/1.1 200 OK\nContent-type: application/json\n\n  \"status\": \"running\",\n  \"id\": \"x\"";
        let blocks = to_blocks(text, "p.txt");
        let BlockKind::Code { text, .. } = &blocks[1].kind else {
            panic!("{blocks:?}")
        };
        assert!(text.starts_with("HTTP/1.1 200 OK\nContent-type: application/json\n\n"));
        assert!(text.contains("\"id\": \"x\""));
    }

    #[test]
    fn sections_and_examples_are_headings() {
        let blocks = to_blocks("Get thing\n\nHTTP request\n\nExample 1: Get it\n", "p.txt");
        let levels: Vec<u8> = blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level, .. } => Some(level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, vec![1, 2, 3]);
    }
}
