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
/// the last is one word (a type may be two: "String collection").
const WORD_TABLES: &[&[&str]] = &[
    &["Name", "Description"],
    &["Header", "Value"],
    &["Name", "Type", "Description"],
    &["Property", "Type", "Description"],
    &["Property name", "Type", "Description"],
    &["Parameter", "Type", "Description"],
    &["Relationship", "Type", "Description"],
    &["Relationship name", "Type", "Description"],
    &["Member", "Value", "Description"],
    &["Member", "Description"],
    &["Member"],
];

/// A request line: a method, then a path or URL. The path may lack its
/// leading `/` (groupsetting-list.md, 2020: `GET groups/{id}/settings`)
/// when its first word has one further on.
pub fn is_request_line(line: &str) -> bool {
    let mut parts = line.trim().splitn(2, ' ');
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("").trim_start();
    let first_word = target.split_whitespace().next().unwrap_or("");
    matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && (target.starts_with('/')
        || target.starts_with("http")
        || target.starts_with('~')
        || target.starts_with('{')
        || (target.starts_with(|c: char| c.is_ascii_alphabetic()) && first_word.contains('/')))
}

/// `HTTP/1.1 200 OK`, or `HTTP 201 Created` (event-post-attachments.md,
/// 2020), as the Markdown reader takes it.
pub fn is_status_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    words
        .next()
        .is_some_and(|w| w == "HTTP" || w.starts_with("HTTP/"))
        && words
            .next()
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

/// The level of a line that is a section heading: one of [`SECTIONS`],
/// in any case (the Intune pages of 2020 write "HTTP Request").
fn section_heading(line: &str) -> Option<u8> {
    let t = line.trim();
    if let Some(name) = SECTIONS.iter().find(|s| s.eq_ignore_ascii_case(t)) {
        return Some(if matches!(*name, "Request" | "Response") {
            3
        } else {
            2
        });
    }
    // "attachmentType values" over a members table (enums.md, 2020).
    if let Some(name) = t.strip_suffix(" values") {
        let word = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if word && name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Some(3);
        }
    }
    // "Properties of a token lifetime policy definition" over the table of
    // what the policy's JSON holds (see `resource::properties_of_another`).
    if t.starts_with("Properties of ")
        && t.split_whitespace().count() <= 12
        && !t.ends_with(['.', ':', ',', ';'])
    {
        return Some(3);
    }
    let rest = t.strip_prefix("Example ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && rest[digits.len()..].starts_with(':')).then_some(3)
}

pub fn to_blocks(text: &str, file: impl Into<std::sync::Arc<str>>) -> Vec<Block> {
    let file: std::sync::Arc<str> = file.into();
    // No-break spaces (`&nbsp;` in the source: "Permission type (by
    // workflow)" on the Intune pages) read as spaces.
    let text = if text.contains('\u{a0}') {
        std::borrow::Cow::Owned(text.replace('\u{a0}', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut titled = false;
    // Whether an HTTP request section was seen, and whether the page has
    // task sections (see `task_heading`).
    let mut saw_http = false;
    let mut in_tasks = false;
    // Under a JSON representation heading: an object there is the
    // resource's representation, a code block as in the source.
    let mut in_json_representation = false;
    let at = |i: usize| Source::new(file.clone(), i as u32 + 1);
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some(mut level) = section_heading(line) {
            if line.eq_ignore_ascii_case("http request") {
                if saw_http && task_heading(&mut out) {
                    in_tasks = true;
                }
                saw_http = true;
            }
            if in_tasks {
                level = level.max(3);
            }
            in_json_representation = line.eq_ignore_ascii_case("json representation");
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
        // enums.md (2020) has no title of its own: its first line is the
        // namespace.
        if !titled && !line.starts_with("Namespace:") {
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
        // A flattened table: the permissions table (a row per scheme, or
        // a column per scheme), or one of the known word tables.
        let table = if permission_type_prefix(line) {
            Some(permission_table(&lines, i))
        } else if let Some(header) = scheme_columns_header(line) {
            Some(scheme_columns_table(&lines, i, header))
        } else {
            word_table_header(line).map(|columns| word_table(&lines, i, columns))
        };
        if let Some((table, next)) = table {
            out.push(Block {
                kind: BlockKind::Table(table),
                at: at(i),
            });
            i = next;
            continue;
        }
        // Code that lost its fence: a resource's JSON representation, or
        // an HTTP message.
        let code = if in_json_representation && line.starts_with('{') {
            Some(("json", json_value(&lines, i)))
        } else if is_request_line(line) || is_status_line(line) {
            Some(("http", message_block(&lines, i)))
        } else {
            None
        };
        if let Some((lang, (text, next))) = code {
            out.push(Block {
                kind: BlockKind::Code {
                    lang: lang.into(),
                    text,
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

/// A second HTTP request section starts a task: "## Get a single
/// thumbnail" then "### HTTP request" in the source
/// (driveitem-list-thumbnails.md, 2020), whose endpoints are an operation
/// of their own. A rendered page has lost the heading's `#`: of the lines
/// since the block before them, the first that reads as a heading (a few
/// words, no closing stop or colon) is made the task's heading, and the
/// sections after it are the task's. Whether one was found.
fn task_heading(out: &mut [Block]) -> bool {
    let start = out
        .iter()
        .rposition(|b| !matches!(b.kind, BlockKind::Paragraph(_)))
        .map_or(0, |i| i + 1);
    let reads_as_heading = |text: &str| {
        let words = text.split_whitespace().count();
        (1..=10).contains(&words)
            && text.starts_with(|c: char| c.is_uppercase())
            && !text.ends_with(['.', ':', ',', ';'])
            && !is_request_line(text)
    };
    let Some(block) = out[start..]
        .iter_mut()
        .find(|b| matches!(&b.kind, BlockKind::Paragraph(text) if reads_as_heading(text)))
    else {
        return false;
    };
    if let BlockKind::Paragraph(text) = &mut block.kind {
        block.kind = BlockKind::Heading {
            level: 2,
            text: std::mem::take(text),
            tab: false,
        };
    }
    true
}

fn word_table_header(line: &str) -> Option<&'static [&'static str]> {
    let words = line.split_whitespace();
    // In any case: "Property Name" (sharinginvitation.md, 2020).
    WORD_TABLES.iter().copied().find(|cols| {
        let mut expected = cols.iter().flat_map(|c| c.split_whitespace());
        let mut found = words.clone();
        loop {
            match (found.next(), expected.next()) {
                (None, None) => break true,
                (Some(f), Some(e)) if f.eq_ignore_ascii_case(e) => continue,
                _ => break false,
            }
        }
    })
}

fn word_table(lines: &[&str], start: usize, columns: &[&str]) -> (Table, usize) {
    let header = columns.iter().map(|c| c.to_string()).collect();
    let of_properties = columns.contains(&"Type")
        && (columns[0].starts_with("Property") || columns[0].starts_with("Relationship"));
    flattened_table(lines, start, header, str::to_string, |line, _| {
        if of_properties && is_no_property_row(line) {
            // One cell, as the source's `|**Device configuration**|`.
            let mut cells = vec![String::new(); columns.len()];
            cells[0] = line.to_string();
            return Some(cells);
        }
        let mut cells = Vec::new();
        let mut rest = line;
        for column in &columns[..columns.len() - 1] {
            let (cell, tail) = if *column == "Type" {
                type_cell(rest)
            } else {
                let (word, tail) = first_word(rest);
                (word.to_string(), tail)
            };
            cells.push(cell);
            rest = tail;
        }
        cells.push(rest.to_string());
        Some(cells)
    })
}

/// A line of a property table that is no property: a row that heads a
/// group of rows (the Intune pages' bold `|**Device configuration**|`,
/// `|**Windows Information Protection**|`, `|**Mobile app management
/// (MAM)**|`), or a row whose first cell is a link to a method
/// (device.md's `|[List transitive memberOf](...)|`), whose words read as a
/// name and a type. The source's reader skips both. A property's name
/// starts in lowercase, but for a few whose type is a primitive
/// (`ConferenceId String`, audioconferencing.md; the sample columns of
/// fieldvalueset.md): no resource page of the 2019, 2020 or modern trees
/// has a capitalised property of another type.
fn is_no_property_row(line: &str) -> bool {
    let (name, rest) = first_word(line);
    let (type_cell, _) = type_cell(rest);
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && !type_cell.is_empty()
        && !super::resource::type_of(&type_cell, "microsoft.graph")
            .0
            .starts_with("Edm.")
}

/// The first word of `text`, and the text after it.
fn first_word(text: &str) -> (&str, &str) {
    let (word, tail) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    (word, tail.trim_start())
}

/// A type cell at the start of `text`, and the text after it. A type is
/// one word, or a few the docs write for one: "String collection",
/// "Collection of String" (permission.md, 2020), "appHostedMediaConfig or
/// serviceHostedMediaConfig" (call.md).
fn type_cell(text: &str) -> (String, &str) {
    // A primitive the docs write in words: "Untyped JSON object"
    // (projectrome-activity.md, 2020), "JSON object".
    let (one, after_one) = first_word(text);
    let (two, after_two) = first_word(after_one);
    let (three, after_three) = first_word(after_two);
    for (words, tail) in [
        (&[one, two, three][..], after_three),
        (&[one, two], after_two),
    ] {
        if words.iter().all(|w| !w.is_empty()) {
            let words = words.join(" ");
            if crate::types::edm_name(&words).is_some() {
                return (words, tail);
            }
        }
    }
    // One such word at most: the description may start with one
    // ("Collection of certificate authorities", certificatebasedauthconfiguration.md).
    let (word, rest) = first_word(text);
    let (next, tail) = first_word(rest);
    if next.eq_ignore_ascii_case("collection") {
        return (format!("{word} {next}"), tail);
    }
    let (other, after) = first_word(tail);
    let joined = next == "or" || (next == "of" && word.eq_ignore_ascii_case("collection"));
    if joined && !other.is_empty() {
        return (format!("{word} {next} {other}"), after);
    }
    (word.to_string(), rest)
}

/// The rows of a flattened table whose header line is at `start`: `row`
/// splits each line into cells (it is given how many columns follow the
/// first), up to a line it cannot split, a blank line or a section
/// heading. Also the line after the table. A line whose tabs part as many
/// cells as the header has is taken as they part it, each cell but the
/// first through `value_cell`.
fn flattened_table(
    lines: &[&str],
    start: usize,
    header: Vec<String>,
    value_cell: fn(&str) -> String,
    row: impl Fn(&str, usize) -> Option<Vec<String>>,
) -> (Table, usize) {
    let columns = header.len().saturating_sub(1).max(1);
    let mut table = Table {
        header,
        rows: Vec::new(),
        delimiter_cells: None,
    };
    let mut i = start + 1;
    while let Some(raw) = lines.get(i) {
        let line = raw.trim();
        if line.is_empty() || section_heading(line).is_some() {
            break;
        }
        // Cells apart by tabs, as a browser copies a table, need no
        // guessing when there are as many as the header has.
        let tabbed = raw
            .contains('\t')
            .then(|| tab_cells(raw))
            .filter(|cells| cells.len() == columns + 1)
            .map(|cells| {
                let mut cells = cells.into_iter();
                let first = cells.next().unwrap_or_default();
                std::iter::once(first)
                    .chain(cells.map(|c| value_cell(&c)))
                    .collect()
            });
        let Some(cells) = tabbed.or_else(|| row(line, columns)) else {
            break;
        };
        table.rows.push(Row {
            cells,
            line: i as u32 + 1,
        });
        i += 1;
    }
    (table, i)
}

/// A line's cells apart by tabs.
fn tab_cells(line: &str) -> Vec<String> {
    line.trim_matches(|c: char| c == ' ' || c == '\r')
        .split('\t')
        .map(|cell| cell.trim().to_string())
        .collect()
}

/// Whether a line starts as a permissions table's header does, in any
/// case (teamsapp-list.md, 2020: "Permission Type").
fn permission_type_prefix(line: &str) -> bool {
    line.get(..15)
        .is_some_and(|p| p.eq_ignore_ascii_case("Permission type"))
}

/// Splits the header line of a flattened permissions table into columns.
fn permission_header(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return tab_cells(line)
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
    }
    let rest = line.trim().get(15..).unwrap_or("").trim();
    let mut starts: Vec<usize> = ["Least privileged", "Higher privileged", "Permissions"]
        .iter()
        .flat_map(|needle| rest.match_indices(needle).map(|(i, _)| i))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    // What comes before the first value column is the first column's:
    // "Permission type (by workflow)".
    let first = starts.first().copied().unwrap_or(0);
    let mut header = vec![format!("Permission type {}", &rest[..first])
        .trim_end()
        .to_string()];
    if starts.is_empty() {
        starts.push(0);
    }
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
    flattened_table(lines, start, header, cell_lines, |line, columns| {
        let Some((label, rest)) = scheme_row(line) else {
            // A workflow's sub-row under a scheme row that "varies by
            // context" (the 2020 Intune pages: "Onboarding
            // DeviceManagementServiceConfig.ReadWrite.All, ...").
            return labelled_row(line, columns);
        };
        let mut cells = vec![label.to_string()];
        cells.extend(split_cells(rest.trim(), columns));
        Some(cells)
    })
}

/// A row of a permissions table split after its scheme label: one of
/// [`SCHEME_LABELS`], or a variant ("Delegated permission (work or school
/// account)", "Application permission", subscription-list.md, 2020).
fn scheme_row(line: &str) -> Option<(&str, &str)> {
    if line.starts_with("Delegated") {
        // Up to the parenthesis that closes the account kind.
        let close = line.find(')').filter(|&c| c < 64)?;
        return Some(line.split_at(close + 1));
    }
    let rest = line.strip_prefix("Application")?;
    let after = rest.trim_start();
    let word_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let word = &after[..word_end];
    if word.eq_ignore_ascii_case("permission") || word.eq_ignore_ascii_case("permissions") {
        return Some(line.split_at(line.len() - after.len() + word_end));
    }
    (rest.is_empty() || rest.starts_with(char::is_whitespace))
        .then(|| line.split_at("Application".len()))
}

/// The header of a permissions table with a column per scheme, the first
/// naming what each row is for: "Supported resource Delegated (work or
/// school account) Delegated (personal Microsoft account) Application"
/// (subscription-get.md, calendar-get.md, 2020).
fn scheme_columns_header(line: &str) -> Option<Vec<String>> {
    let labels = SCHEME_LABELS.join(" ");
    let line = line.replace('\t', " ");
    let first = line.trim().strip_suffix(labels.as_str())?.trim();
    if first.is_empty() || permission_type_prefix(first) {
        return None;
    }
    let mut header = vec![first.to_string()];
    header.extend(SCHEME_LABELS.iter().map(|l| l.to_string()));
    Some(header)
}

/// The rows of a table with a column per scheme: each a label ("group
/// event", "driveItem (OneDrive for Business)"), then a cell per scheme.
fn scheme_columns_table(lines: &[&str], start: usize, header: Vec<String>) -> (Table, usize) {
    flattened_table(lines, start, header, cell_lines, labelled_row)
}

/// A row that starts with a label of a few words, up to the first
/// permission name or "Not supported"; then its cells. Prose is not one:
/// its label is long or has a clause end.
fn labelled_row(line: &str, columns: usize) -> Option<Vec<String>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let label_end = words.iter().enumerate().position(|(n, w)| {
        is_name(w) || words.get(n + 1).is_some_and(|next| not_supported(w, next))
    })?;
    let label = &words[..label_end];
    let clause_end = label.iter().any(|w| w.ends_with([':', '.', ',', ';']));
    if label.is_empty() || label.len() > 6 || clause_end {
        return None;
    }
    let mut cells = vec![label.join(" ")];
    cells.extend(split_cells(&words[label_end..].join(" "), columns));
    Some(cells)
}

/// A one-column cell with the line breaks its flattening lost put back:
/// after a list of names, unless "and", "or" or "plus" joins on, and after
/// a label that no name follows ("In addition:"). profilephoto-get.md and
/// user-checkmemberobjects.md (2020) write their cells in lines, a case a
/// line ("If checking for membership in groups: Group.Read.All"). The cell
/// is then read as a Markdown cell is, line by line.
fn cell_lines(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        out.push_str(word);
        let Some(next) = words.get(i + 1) else {
            break;
        };
        let joined = ["and", "or", "plus", "+"]
            .iter()
            .any(|j| next.eq_ignore_ascii_case(j));
        let ends_list = !word.ends_with(',') && is_name(word) && !joined;
        out.push(if ends_list || (word.ends_with(':') && !is_name(next)) {
            '\n'
        } else {
            ' '
        });
    }
    out
}

/// Whether a word of a flattened row is a permission name, bold or
/// followed by a comma as it may be.
fn is_name(word: &str) -> bool {
    looks_like_permission(word.trim_end_matches(',').trim_matches('*'))
}

/// Whether two words say "Not supported", with or without its period.
fn not_supported(not: &str, supported: &str) -> bool {
    not.eq_ignore_ascii_case("not")
        && supported
            .trim_end_matches('.')
            .eq_ignore_ascii_case("supported")
}

/// Splits flattened permission cells: a cell is a comma-separated list of
/// permission names, or a phrase such as "Not supported.". A name without a
/// trailing comma ends its cell; a phrase ends at a period, after "Not
/// supported" (teamsapp-list.md, 2020, has no period), or where a name
/// starts.
///
/// Two names joined by "and" are one permission, both needed (the 2020
/// policy pages: "Policy.Read.All and Application.ReadWrite.All").
pub fn split_cells(text: &str, columns: usize) -> Vec<String> {
    // One column: the row's rest is its cell, read as a Markdown cell is
    // ("One from EduRoster.ReadBasic, EduRoster.Read plus Directory.Read.All",
    // educationclass-get-group.md, 2020).
    if columns <= 1 {
        return vec![cell_lines(text)];
    }
    let mut cells: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut phrase: Vec<&str> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, &word) in words.iter().enumerate() {
        if is_name(word) {
            if !phrase.is_empty() {
                cells.push(phrase.join(" "));
                phrase.clear();
            }
            current.push(word);
            let joined = !word.ends_with(',')
                && words
                    .get(i + 1)
                    .is_some_and(|w| w.eq_ignore_ascii_case("and"))
                && words.get(i + 2).is_some_and(|w| is_name(w));
            if !word.ends_with(',') && !joined {
                cells.push(current.join(" "));
                current.clear();
            }
        } else if word.eq_ignore_ascii_case("and")
            && phrase.is_empty()
            && current.last().is_some_and(|w| !w.ends_with(','))
            && words.get(i + 1).is_some_and(|w| is_name(w))
        {
            current.push(word);
        } else {
            if !current.is_empty() {
                cells.push(current.join(" "));
                current.clear();
            }
            phrase.push(word);
            let not_supported = matches!(&phrase[..], [a, b] if not_supported(a, b));
            if word.ends_with('.') || not_supported {
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
        let (body, next) = json_value(lines, j);
        text.push_str(&body);
        return (text, next);
    }
    if first.starts_with('"') {
        // The members of an object that lost its braces: up to a blank
        // line outside any array or object they open ("categories":[,
        // a blank line, ], eventmessage-get.md, 2020).
        text.push('\n');
        let mut nesting = Nesting::default();
        while let Some(line) = lines.get(j) {
            let blank = line.trim().is_empty();
            if (blank && nesting.depth <= 0) || section_heading(line).is_some() {
                break;
            }
            text.push_str(line);
            text.push('\n');
            nesting.read(line);
            j += 1;
        }
        return (text, j);
    }
    (text, i)
}

/// The lines of a JSON object or array that starts on line `start`, up to
/// the line that closes it (or the page's end), and the line after them.
fn json_value(lines: &[&str], start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut nesting = Nesting::default();
    let mut j = start;
    while let Some(line) = lines.get(j) {
        text.push_str(line);
        text.push('\n');
        nesting.read(line);
        j += 1;
        if nesting.depth <= 0 {
            break;
        }
    }
    (text, j)
}

/// How deep JSON text read line by line is in arrays and objects, outside
/// its strings.
#[derive(Default)]
struct Nesting {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl Nesting {
    fn read(&mut self, line: &str) {
        for c in line.chars() {
            match (self.in_string, self.escaped, c) {
                (true, true, _) => self.escaped = false,
                (true, false, '\\') => self.escaped = true,
                (true, false, '"') => self.in_string = false,
                (false, _, '"') => self.in_string = true,
                (false, _, '{' | '[') => self.depth += 1,
                (false, _, '}' | ']') => self.depth -= 1,
                _ => {}
            }
        }
    }
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
            split_cells("One from A.Read, B.Read plus C.Read", 1),
            vec!["One from A.Read, B.Read plus C.Read"]
        );
        // Names joined by "and" are one permission; "and" in a phrase is not.
        assert_eq!(
            split_cells(
                "A.Read.All and B.ReadWrite.All, C.Read and D.Read A.Read.All and B.Read.All",
                2
            ),
            vec![
                "A.Read.All and B.ReadWrite.All, C.Read and D.Read",
                "A.Read.All and B.Read.All"
            ]
        );
        assert_eq!(
            split_cells("Not available in national clouds. A.Read", 2),
            vec!["Not available in national clouds.", "A.Read"]
        );
        assert_eq!(
            split_cells("Not supported A.ReadWrite Not supported", 3),
            vec!["Not supported", "A.ReadWrite", "Not supported"]
        );
    }

    #[test]
    fn cells_apart_by_tabs_are_taken_as_they_are() {
        let text = "Title\n\nPermissions\n\nPermission type\tPermissions (from least to most privileged)\n\
            Delegated (work or school account)\tOne from A.Read, B.Read plus C.Read\n\
            Delegated (personal Microsoft account)\t\n\
            Application\tNot supported.\n\nProperties\n\nProperty\tType\tDescription\n\
            tags\tString collection\tLabels, all of them.\n";
        let blocks = to_blocks(text, "p.txt");
        let tables: Vec<&Table> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let [permissions, properties] = tables[..] else {
            panic!("{blocks:?}")
        };
        let cells: Vec<&[String]> = permissions.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(
            cells,
            [
                [
                    "Delegated (work or school account)",
                    "One from A.Read, B.Read plus C.Read"
                ],
                ["Delegated (personal Microsoft account)", ""],
                ["Application", "Not supported."]
            ]
        );
        assert_eq!(
            properties.rows[0].cells,
            ["tags", "String collection", "Labels, all of them."]
        );
    }

    #[test]
    fn one_column_cells_get_their_lines_back() {
        assert_eq!(
            cell_lines(
                "For user resource: User.Read, User.Read.All For group resource: Group.Read.All"
            ),
            "For user resource: User.Read, User.Read.All\nFor group resource: Group.Read.All"
        );
        assert_eq!(
            cell_lines(
                "A.Read.All and B.Read.All, C.Read In addition: If checking groups: D.Read E.Read"
            ),
            "A.Read.All and B.Read.All, C.Read\nIn addition:\nIf checking groups: D.Read\nE.Read"
        );
    }

    #[test]
    fn scheme_rows_split_after_their_label() {
        assert_eq!(
            scheme_row("Delegated (work or school account) A.Read, B.Read"),
            Some(("Delegated (work or school account)", " A.Read, B.Read"))
        );
        assert_eq!(
            scheme_row("Delegated permission (personal Microsoft account) Not supported."),
            Some((
                "Delegated permission (personal Microsoft account)",
                " Not supported."
            ))
        );
        assert_eq!(
            scheme_row("Application permission Role required."),
            Some(("Application permission", " Role required."))
        );
        assert_eq!(
            scheme_row("Application A.Read"),
            Some(("Application", " A.Read"))
        );
        assert_eq!(scheme_row("Application"), Some(("Application", "")));
        assert_eq!(scheme_row("ApplicationRead.All"), None);
        assert_eq!(scheme_row("Onboarding A.Read"), None);
    }

    #[test]
    fn permission_header_columns_after_a_long_first_one() {
        assert_eq!(
            permission_header(
                "Permission type (by workflow) Permissions (from most to least privileged)"
            ),
            vec![
                "Permission type (by workflow)",
                "Permissions (from most to least privileged)"
            ]
        );
        assert_eq!(
            permission_header("Permission type Scopes"),
            vec!["Permission type", "Scopes"]
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

    /// The first table of a rendered page.
    fn first_table(text: &str) -> Table {
        let blocks = to_blocks(text, "p.txt");
        blocks
            .into_iter()
            .find_map(|b| match b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table")
    }

    #[test]
    fn tables_with_a_column_per_scheme_keep_their_row_labels() {
        let text = "Title\n\nPermissions\n\nSupported resource Delegated (work or school account) Delegated (personal Microsoft account) Application\n\
            driveItem (user's personal OneDrive) Not supported Files.ReadWrite Not supported\n\
            group event Group.Read.All, Group.ReadWrite.All Not supported. Group.Read.All\n\nHTTP request\n";
        let table = first_table(text);
        assert_eq!(table.header[0], "Supported resource");
        assert_eq!(&table.header[1..], SCHEME_LABELS);
        let rows: Vec<&[String]> = table.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(
            rows,
            [
                [
                    "driveItem (user's personal OneDrive)",
                    "Not supported",
                    "Files.ReadWrite",
                    "Not supported"
                ],
                [
                    "group event",
                    "Group.Read.All, Group.ReadWrite.All",
                    "Not supported.",
                    "Group.Read.All"
                ]
            ]
        );
        // Prose under a table is no row of it.
        assert!(labelled_row("Note: the Mail.Read permission is enough.", 3).is_none());
        assert!(labelled_row("Apps that call on behalf of a user need Mail.Read", 1).is_none());
        // The header of a table with a row per scheme is not one.
        assert!(scheme_columns_header("Permission Type Delegated (work or school account) Delegated (personal Microsoft account) Application").is_none());
    }

    #[test]
    fn rows_that_head_a_group_or_name_a_method_are_one_cell() {
        // intune-shared-devicemanagement.md (2020), rendered.
        let text = "Title\n\nRelationships\n\nRelationship Type Description\n\
            Auditing  \n\
            auditEvents auditEvent collection The Audit Events\n\
            Corporate terms and conditions  \n\
            Windows Information Protection\n\
            Mobile app management (MAM)  \n\
            List transitive memberOf directoryObject collection List the groups. This operation is transitive.\n\
            Version Int32 Version of the policy\n\
            device deviceConfiguration The device's configuration.\n";
        let table = first_table(text);
        let rows: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["Auditing", "", ""],
                vec!["auditEvents", "auditEvent collection", "The Audit Events"],
                vec!["Corporate terms and conditions", "", ""],
                vec!["Windows Information Protection", "", ""],
                vec!["Mobile app management (MAM)", "", ""],
                vec![
                    "List transitive memberOf directoryObject collection List the groups. This operation is transitive.",
                    "",
                    ""
                ],
                vec!["Version", "Int32", "Version of the policy"],
                vec![
                    "device",
                    "deviceConfiguration",
                    "The device's configuration."
                ],
            ]
        );
    }

    #[test]
    fn property_rows_keep_types_of_several_words() {
        let text = "Title\n\nProperties\n\nProperty Name Type Description\n\
            roles Collection of String The type of permission.\n\
            tags String collection Labels. Read-only.\n\
            media appHostedMediaConfig or serviceHostedMediaConfig The media.\n\
            id String The id, or nothing.\n\
            cas certificateAuthority collection Collection of authorities.\n\
            contentInfo Untyped JSON object Optional. A custom piece of data.\n\
            data JSON object The data.\n";
        let table = first_table(text);
        let types: Vec<(&str, &str)> = table
            .rows
            .iter()
            .map(|r| (r.cells[1].as_str(), r.cells[2].as_str()))
            .collect();
        assert_eq!(
            types,
            [
                ("Collection of String", "The type of permission."),
                ("String collection", "Labels. Read-only."),
                (
                    "appHostedMediaConfig or serviceHostedMediaConfig",
                    "The media."
                ),
                ("String", "The id, or nothing."),
                (
                    "certificateAuthority collection",
                    "Collection of authorities."
                ),
                ("Untyped JSON object", "Optional. A custom piece of data."),
                ("JSON object", "The data.")
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
    fn a_status_line_without_the_protocol_version_starts_a_message() {
        // event-post-attachments.md (2020): `HTTP 201 Created`.
        let text =
            "Title\n\nHTTP 201 Created\nContent-type: application/json\n\n{\n  \"id\": \"x\"\n}";
        let blocks = to_blocks(text, "p.txt");
        let BlockKind::Code { text, .. } = &blocks[1].kind else {
            panic!("{blocks:?}")
        };
        assert!(text.starts_with("HTTP 201 Created\nContent-type: application/json\n\n{"));
        // A sentence is no status line.
        assert!(!is_status_line("HTTP requests are sent as follows."));
        assert!(!is_status_line("HTTPS 200 OK"));
    }

    #[test]
    fn braceless_json_runs_on_through_blank_lines_inside_arrays() {
        let text = "Title\n\nHTTP/1.1 200 OK\nContent-type: application/json\n\n  \"categories\": [\n\n  ],\n  \"id\": \"x\"\n\nThe end.";
        let blocks = to_blocks(text, "p.txt");
        let BlockKind::Code { text, .. } = &blocks[1].kind else {
            panic!("{blocks:?}")
        };
        assert!(text.ends_with("  \"id\": \"x\"\n"), "{text}");
        assert!(matches!(&blocks[2].kind, BlockKind::Paragraph(p) if p == "The end."));
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
