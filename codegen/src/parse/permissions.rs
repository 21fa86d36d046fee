//! Permission tables to permission sets. One table gives one set per value
//! column scope (most tables have one; self/others tables have two). The
//! column header says what the cells mean: least and higher privileged
//! columns, or one list ordered from least to most (or most to least)
//! privileged.

use super::blocks::Table;
use super::prose::Phrase;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{PermissionSet, Scheme, SchemePermissions, Source};

pub const SCHEME_LABELS: &[&str] = &[
    "Delegated (work or school account)",
    "Delegated (personal Microsoft account)",
    "Application",
];

/// Whether a word has the shape of a Graph permission name, such as
/// `User.Read.All`, `UserAuthenticationMethod.ReadWrite` or `offline_access`.
pub fn looks_like_permission(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ';']);
    let first = word.chars().next();
    first.is_some_and(|c| c.is_ascii_alphabetic())
        && (word.contains('.') || word.contains('_'))
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !word.ends_with('.')
}

/// What a value column of the table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Least,
    Higher,
    /// Least first, then higher.
    LeastToMost,
    /// Most privileged first: device-management pages.
    MostToLeast,
}

fn scheme_of(label: &str) -> Option<Scheme> {
    let l = label.to_ascii_lowercase();
    let l = l.trim_matches(|c: char| c == '*' || c.is_whitespace());
    static PERSONAL: Phrase = Phrase::new("personal");
    static WORK_OR_SCHOOL: Phrase = Phrase::new("work or school");
    if PERSONAL.is_in(l) {
        Some(Scheme::DelegatedPersonal)
    } else if WORK_OR_SCHOOL.is_in(l) || l == "delegated" {
        Some(Scheme::DelegatedWork)
    } else if l.starts_with("application") || l == "app" || l == "app-only" {
        Some(Scheme::Application)
    } else {
        None
    }
}

/// Column meaning and scope ("acting on self") from a header cell.
fn column_of(header: &str, default_order: Column) -> (Column, Option<String>) {
    let h = header.to_ascii_lowercase();
    let scope = if h.contains("acting on self") {
        Some("acting on self".to_string())
    } else if h.contains("acting on other") {
        Some("acting on others".to_string())
    } else {
        None
    };
    let column = if h.contains("least privileged permission") || h.starts_with("least") {
        Column::Least
    } else if h.contains("higher privileged") || h.starts_with("higher") {
        Column::Higher
    } else if h.contains("most to least") {
        Column::MostToLeast
    } else if h.contains("least to most") {
        Column::LeastToMost
    } else {
        default_order
    };
    (column, scope)
}

/// One cell read as permissions.
#[derive(Debug, PartialEq)]
enum Cell {
    Names(Vec<String>),
    NotSupported,
    Unknown,
}

/// A permission name a space split in two: `Directory AccessAsUser.All`
/// (directory-deleteditems-get.md), `DeviceManagementManaged
/// Devices.ReadWrite.All` (intune-shared-devicecategory-create.md). The
/// cell's reading keeps the second part; whether the two are one name, and
/// joined with a dot or without, only the other pages of the version can
/// tell, so the IR joins them (`ir::permission_names`).
#[derive(Clone, Debug, PartialEq)]
pub struct SplitName {
    pub scheme: Scheme,
    pub fragment: String,
    pub name: String,
    pub at: Source,
}

/// A bulleted case of a permissions section that has no table, with its
/// permissions and no scheme: "If accessing attachments in messages:
/// Mail.Read." (attachment-get.md), "Events in a group calendar:
/// Group.Read.All or Group.ReadWrite.All" (calendar-list-calendarview.md,
/// 2019), "Profile photo of a **group** - Group.ReadWrite.All"
/// (profilephoto-update.md). `set` is the page's permission set the case
/// became, its schemes unknown until the IR lists each name under the
/// schemes other pages of the version list it under
/// (`ir::permission_names`).
#[derive(Clone, Debug, PartialEq)]
pub struct SchemelessList {
    pub set: usize,
    pub names: Vec<String>,
}

/// Reads a list item as a case and its permissions, least privileged
/// first: `None` unless what follows the case's `:` (or ` - `) is
/// permission names and nothing else, separated by commas or `or`.
pub fn schemeless_item(text: &str) -> Option<(String, Vec<String>)> {
    let text = text.trim().trim_end_matches('.');
    let (case, list) = [": ", " - "]
        .iter()
        .filter_map(|sep| {
            text.rfind(sep)
                .map(|i| (&text[..i], &text[i + sep.len()..]))
        })
        .max_by_key(|(case, _)| case.len())?;
    let names = names_only(list)?;
    let case = case.trim().trim_end_matches(':').trim();
    (!case.is_empty()).then(|| (case.to_string(), names))
}

/// The permission names of a text that holds nothing else, separated by
/// commas, spaces or `or`, each once; `None` for any other word, or none.
fn names_only(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for word in text
        .split([',', ' '])
        .map(|w| w.trim().trim_end_matches('.'))
    {
        if word.is_empty() || word.eq_ignore_ascii_case("or") {
            continue;
        }
        if !looks_like_permission(word) {
            return None;
        }
        if !names.iter().any(|n| n == word) {
            names.push(word.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

/// What a cell's reading leaves for later: diagnostics, and names that
/// may be split.
pub struct Notes<'n> {
    pub diags: &'n mut Vec<Diagnostic>,
    pub splits: &'n mut Vec<SplitName>,
}

/// A word that may be the first part of a split permission name: one
/// capitalised identifier (`Directory`, `DeviceManagementManaged`), not a
/// word of prose ("One from", "For user resource:").
fn may_start_a_name(word: &str) -> bool {
    word.len() > 1
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().any(|b| b.is_ascii_lowercase())
}

/// A list of alternatives that each need one more permission: "One from
/// EduRoster.ReadBasic, EduRoster.Read, EduRoster.Write plus
/// Directory.Read.All" (educationclass-get-group.md), "EduRoster.Read.All,
/// EduRoster.ReadWrite.All plus Member.Read.Hidden", "... plus either
/// Directory.Read.All or User.Read" (educationuser-get-user.md). Each
/// alternative before the one `plus` is paired with each after it
/// (`EduRoster.ReadBasic and Directory.Read.All`, ...); read word by word,
/// only the last alternative needed the extra one. `None` when the cell is
/// not one line with one `plus` between permissions, for the reading word
/// by word.
fn read_plus<'p>(
    plain: &'p str,
    lower: &str,
    at: &Source,
    scheme: Scheme,
    notes: &mut Notes,
) -> Option<Cell> {
    const PLUS: &str = " plus ";
    let i = lower.find(PLUS)?;
    // One list on one line: `Files.Read plus Sites.Read.All<br>Files.ReadWrite`
    // is two alternatives, one of them a pair.
    if lower[i + PLUS.len()..].contains(PLUS) || lower.contains(['\n', ';']) {
        return None;
    }
    // `lower` is an ASCII lowercasing of `plain`: the same byte offsets.
    let unfilled = |text: &'p str, filler: &str| {
        let text = text.trim_start();
        super::resource::strip_prefix_ci(text, filler).unwrap_or(text)
    };
    let before = unfilled(&plain[..i], "one from ");
    let after = unfilled(&plain[i + PLUS.len()..], "either ");
    // Read apart, with notes of their own: kept only when both sides name
    // permissions, else the cell is read word by word as before.
    let (mut diags, mut splits) = (Vec::new(), Vec::new());
    let mut apart = Notes {
        diags: &mut diags,
        splits: &mut splits,
    };
    let (Cell::Names(alternatives), Cell::Names(needed)) = (
        read_cell(before, at, scheme, &mut apart),
        read_cell(after, at, scheme, &mut apart),
    ) else {
        return None;
    };
    if alternatives.is_empty() || needed.is_empty() {
        return None;
    }
    notes.diags.append(&mut diags);
    notes.splits.append(&mut splits);
    let mut names: Vec<String> = Vec::new();
    for a in &alternatives {
        for n in &needed {
            let entry = format!("{a} and {n}");
            if !names.contains(&entry) {
                names.push(entry);
            }
        }
    }
    Some(Cell::Names(names))
}

fn read_cell(text: &str, at: &Source, scheme: Scheme, notes: &mut Notes) -> Cell {
    let diags = &mut *notes.diags;
    // Most cells have no bold marks: they are read in place.
    static BOLD: Phrase = Phrase::new("**");
    let unbolded = if BOLD.is_in(text) {
        std::borrow::Cow::Owned(text.replace("**", ""))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let plain = unbolded.trim();
    let lower = plain.to_ascii_lowercase();
    if plain.is_empty() || plain == "-" {
        diags.push(Diagnostic::at(
            Code::PermissionEmpty,
            at,
            format!(
                "the {} permission cell is empty; treated as unknown",
                scheme.label()
            ),
        ));
        return Cell::Unknown;
    }
    static TODO: Phrase = Phrase::new("todo");
    static PROVIDE_APPLICABLE: Phrase = Phrase::new("provide applicable");
    static TBD: Phrase = Phrase::new("tbd");
    if TODO.is_in(&lower) || PROVIDE_APPLICABLE.is_in(&lower) || TBD.is_in(&lower) {
        diags.push(Diagnostic::at(
            Code::PermissionPlaceholder,
            at,
            format!(
                "the {} permission cell is a placeholder (`{}`); treated as unknown",
                scheme.label(),
                plain
            ),
        ));
        return Cell::Unknown;
    }
    let trimmed = lower.trim_end_matches('.');
    if trimmed.starts_with("not supported")
        || trimmed.starts_with("not applicable")
        || trimmed == "none"
        || trimmed == "n/a"
        || trimmed.starts_with("not available")
    {
        return Cell::NotSupported;
    }
    if let Some(cell) = read_plus(plain, &lower, at, scheme, notes) {
        return cell;
    }
    let diags = &mut *notes.diags;
    // Alternatives are separated by commas, semicolons, line breaks (`<br>`),
    // `or`, or plain spaces; `and`, `plus` and `+` join permissions that are
    // needed together into one entry, written `A and B`. Footnote asterisks
    // are dropped.
    let mut names: Vec<String> = Vec::new();
    let mut odd = Vec::new();
    for chunk in plain.split([',', ';', '\n']) {
        let mut group: Vec<&str> = Vec::new();
        let mut join_next = false;
        let mut finish = |group: &mut Vec<&str>| {
            if !group.is_empty() {
                let entry = group.join(" and ");
                if !names.contains(&entry) {
                    names.push(entry);
                }
                group.clear();
            }
        };
        let mut words = chunk
            .split_whitespace()
            .map(|word| {
                word.trim()
                    .trim_matches(['*', '(', ')'])
                    .trim_end_matches('.')
            })
            .filter(|word| !word.is_empty())
            .peekable();
        while let Some(word) = words.next() {
            // (Compared without case, not lowercased: a copy per word was
            // most of the cost of a cell.)
            let is = |joiner: &str| word.eq_ignore_ascii_case(joiner);
            if is("and") || is("plus") || word == "+" || word == "&" {
                join_next = true;
            } else if is("or") {
                join_next = false;
                finish(&mut group);
            } else if looks_like_permission(word) {
                if !join_next || group.is_empty() {
                    finish(&mut group);
                }
                group.push(word);
                join_next = false;
            } else if may_start_a_name(word)
                && words.peek().is_some_and(|n| looks_like_permission(n))
            {
                notes.splits.push(SplitName {
                    scheme,
                    fragment: word.to_string(),
                    name: words.peek().map_or("", |n| n).to_string(),
                    at: at.clone(),
                });
            } else {
                odd.push(word);
            }
        }
        finish(&mut group);
    }
    if !odd.is_empty() && names.is_empty() {
        diags.push(Diagnostic::at(
            Code::PermissionNameOdd,
            at,
            format!(
                "the {} permission cell `{}` names no permission; treated as unknown",
                scheme.label(),
                plain
            ),
        ));
        return Cell::Unknown;
    }
    if !odd.is_empty() {
        diags.push(Diagnostic::at(
            Code::PermissionNameOdd,
            at,
            format!(
                "skipped `{}` in the {} permission cell",
                odd.join(" "),
                scheme.label()
            ),
        ));
    }
    Cell::Names(names)
}

/// Reads one permissions table. `label` is the scope the page gives it
/// ("For role management alerts"). `most_to_least` is set for the
/// generated device-management family, whose plain "Permissions" lists run
/// from most to least privileged.
pub fn read_table(
    table: &Table,
    label: Option<&str>,
    most_to_least: bool,
    at: &Source,
    notes: &mut Notes,
) -> Vec<PermissionSet> {
    let default_order = if most_to_least {
        Column::MostToLeast
    } else {
        Column::LeastToMost
    };
    let header_is_schemes = table.header.iter().skip(1).any(|h| scheme_of(h).is_some())
        && !table
            .header
            .first()
            .is_some_and(|h| h.to_ascii_lowercase().contains("permission type"));
    // Per-workflow sub-rows (device-management pages): an indented row
    // under a scheme row names a workflow; labelled lines inside cells
    // ("For **group** resource:") name a case. Each is a scope of its own;
    // what stands outside them applies to every one.
    let scoped = workflow_tables(table).or_else(|| {
        (!header_is_schemes)
            .then(|| labelled_tables(table))
            .flatten()
    });
    if let Some(scoped) = scoped {
        return scoped
            .into_iter()
            .flat_map(|(scope, t)| {
                let scope = match label {
                    Some(l) => format!("{l}, {scope}"),
                    None => scope,
                };
                read_table(&t, Some(&scope), most_to_least, at, notes)
            })
            .collect();
    }
    // Schemes as columns, one row per case ("user calendar", "group
    // calendar"): each row is a scope of its own.
    if header_is_schemes && table.rows.len() > 1 {
        return table
            .rows
            .iter()
            .flat_map(|row| {
                let case = row
                    .cells
                    .first()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty());
                let scope = match (label, case) {
                    (Some(l), Some(c)) => Some(format!("{l}, {c}")),
                    (Some(l), None) => Some(l.to_string()),
                    (None, c) => c.map(str::to_string),
                };
                let one = Table {
                    header: table.header.clone(),
                    rows: vec![row.clone()],
                    delimiter_cells: None,
                };
                let row_at = Source::new(at.file.clone(), row.line);
                read_table(
                    &transpose(&one),
                    scope.as_deref(),
                    most_to_least,
                    &row_at,
                    notes,
                )
            })
            .collect();
    }
    // Read in place; only a table of schemes as columns is turned first.
    let table: std::borrow::Cow<'_, Table> = if header_is_schemes {
        std::borrow::Cow::Owned(transpose(table))
    } else {
        std::borrow::Cow::Borrowed(table)
    };

    // Group value columns into scopes: each scope has a least/higher pair,
    // or one ordered list.
    let columns: Vec<(Column, Option<String>)> = table
        .header
        .iter()
        .skip(1)
        .map(|h| column_of(h, default_order))
        .collect();
    if columns.is_empty() {
        notes.diags.push(Diagnostic::at(
            Code::PermissionTableUnrecognised,
            at,
            "permissions table has no value column",
        ));
        return vec![PermissionSet::unknown(
            label.map(str::to_string),
            at.clone(),
        )];
    }
    let mut scopes: Vec<Option<String>> = Vec::new();
    for (_, scope) in &columns {
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    let mut sets = Vec::new();
    for scope in scopes {
        let full_scope = match (label, &scope) {
            (Some(l), Some(s)) => Some(format!("{l}, {s}")),
            (Some(l), None) => Some(l.to_string()),
            (None, s) => s.clone(),
        };
        let mut set = PermissionSet::unknown(full_scope, at.clone());
        let mut seen = Vec::new();
        for row in &table.rows {
            let Some(first) = row.cells.first() else {
                continue;
            };
            let row_at = Source::new(at.file.clone(), row.line);
            let Some(scheme) = scheme_of(first) else {
                if !first.trim().is_empty() {
                    notes.diags.push(Diagnostic::at(
                        Code::PermissionSchemeUnknown,
                        &row_at,
                        format!("unknown permission scheme `{}`", first.trim()),
                    ));
                }
                continue;
            };
            if seen.contains(&scheme) {
                notes.diags.push(Diagnostic::at(
                    Code::PermissionTableUnrecognised,
                    &row_at,
                    format!(
                        "a second {} row in one table (a per-workflow sub-row?); only the first is kept",
                        scheme.label()
                    ),
                ));
                continue;
            }
            seen.push(scheme);
            let mut least: Option<Cell> = None;
            let mut higher: Option<Cell> = None;
            for (i, (column, col_scope)) in columns.iter().enumerate() {
                if *col_scope != scope {
                    continue;
                }
                let text = row.cells.get(i + 1).map(String::as_str).unwrap_or("");
                match column {
                    Column::Least => least = Some(read_cell(text, &row_at, scheme, notes)),
                    Column::Higher => {
                        let t = text.trim();
                        higher = Some(if t.is_empty() {
                            Cell::Names(Vec::new())
                        } else {
                            read_cell(t, &row_at, scheme, notes)
                        });
                    }
                    Column::LeastToMost | Column::MostToLeast => {
                        let cell = read_cell(text, &row_at, scheme, notes);
                        let cell = match (cell, column) {
                            (Cell::Names(mut names), Column::MostToLeast) => {
                                names.reverse();
                                Cell::Names(names)
                            }
                            (cell, _) => cell,
                        };
                        match cell {
                            Cell::Names(names) if !names.is_empty() => {
                                least = Some(Cell::Names(names[..1].to_vec()));
                                higher = Some(Cell::Names(names[1..].to_vec()));
                            }
                            Cell::Names(_) => least = Some(Cell::Unknown),
                            other => least = Some(other),
                        }
                    }
                }
            }
            *set.scheme_mut(scheme) = match (least, higher) {
                (Some(Cell::NotSupported), _) => SchemePermissions::not_supported(),
                (Some(Cell::Names(least)), higher) if !least.is_empty() => {
                    let higher = match higher {
                        Some(Cell::Names(h)) => {
                            h.into_iter().filter(|n| !least.contains(n)).collect()
                        }
                        _ => Vec::new(),
                    };
                    SchemePermissions::Listed { least, higher }
                }
                _ => SchemePermissions::unknown(),
            };
        }
        sets.push(set);
    }
    sets
}

/// A cell's labels, each with the text under it.
type Parts = Vec<(String, String)>;

/// A cell's parts under labels of their own lines: "For **user**
/// resource:<br/>User.Read, ...<br />For **group** resource:<br
/// />Group.Read.All, ..." (profilephoto-get.md). Each label is a scope:
/// a group's photo needs a group permission, not `User.Read`. A label may
/// share its line with its names, as in a rendered page's cell. Lines
/// before the first label belong to none; a cell with fewer than two labels
/// has no parts ("In addition:" before a list is no scope).
fn labelled_parts(cell: &str) -> Option<Parts> {
    if let Some(parts) = conditional_parts(cell) {
        return Some(parts);
    }
    if !cell.contains(':') {
        return None;
    }
    let is_label =
        |label: &str| !label.is_empty() && !label.split_whitespace().any(looks_like_permission);
    let mut parts: Parts = Vec::new();
    for line in cell.split('\n') {
        let plain = line.replace("**", "");
        let plain = plain.trim();
        if let Some(label) = plain.strip_suffix(':').filter(|l| is_label(l)) {
            parts.push((label.trim().to_string(), String::new()));
            continue;
        }
        // The label and its names on one line, as a rendered page's
        // cell has them once its line breaks are lost: "For user
        // resource: User.Read, User.ReadBasic.All". A label of a few
        // words: a sentence with a colon is none.
        let inline = plain.split_once(": ").filter(|(label, names)| {
            is_label(label)
                && label.split_whitespace().count() <= 6
                && names
                    .split_whitespace()
                    .next()
                    .is_some_and(looks_like_permission)
        });
        if let Some((label, names)) = inline {
            parts.push((label.trim().to_string(), names.trim().to_string()));
        } else if let Some((_, text)) = parts.last_mut() {
            if !plain.is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(plain);
            }
        }
    }
    (parts.len() > 1).then_some(parts)
}

/// A cell of alternatives that each need one more permission, which
/// depends on the case: "User.ReadBasic.All, User.Read.All<br>In
/// addition:<ul><li>If checking for membership in groups: Group.Read.All,
/// Group.ReadWrite.All</li><li>If checking for membership in directory
/// roles: ...</li></ul>Directory.Read.All, Directory.ReadWrite.All"
/// (user-checkmemberobjects.md, group-checkmemberobjects.md, 2020). Each
/// case is a scope whose text pairs every alternative before the list with
/// every permission of the case (`User.ReadBasic.All and Group.Read.All`,
/// least privileged first), then the lines after the list, which suffice
/// alone. Read as one list, `Group.Read.All` alone was enough. `None`
/// unless every line is permissions, the "In addition:" (or "And:") line,
/// or a case ("If ...: permissions"), with at least one case.
fn conditional_parts(cell: &str) -> Option<Parts> {
    static IF: Phrase = Phrase::new("If ");
    static IF_LOWER: Phrase = Phrase::new("if ");
    if !IF.is_in(cell) && !IF_LOWER.is_in(cell) {
        return None;
    }
    let mut base: Vec<String> = Vec::new();
    let mut cases: Vec<(String, Vec<String>)> = Vec::new();
    let mut after: Vec<String> = Vec::new();
    let mut in_addition = false;
    for line in cell.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.replace("**", "");
        let lower = line.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "in addition:" | "and:" | "in addition" | "and"
        ) {
            if in_addition || base.is_empty() {
                return None;
            }
            in_addition = true;
        } else if let (true, Some(case)) = (in_addition, lower.strip_prefix("if ")) {
            let colon = case.rfind(':')?;
            // `line` and `lower` hold the same bytes but for case.
            let label = line[..3 + colon].trim().to_string();
            cases.push((label, names_only(&line[3 + colon + 1..])?));
        } else {
            let line_names = names_only(&line)?;
            match (in_addition, cases.is_empty()) {
                (false, _) => base.extend(line_names),
                (true, false) => after.extend(line_names),
                (true, true) => return None,
            }
        }
    }
    if cases.is_empty() {
        return None;
    }
    Some(
        cases
            .into_iter()
            .map(|(label, needed)| {
                let mut entries: Vec<String> = Vec::new();
                for b in &base {
                    for n in &needed {
                        entries.push(format!("{b} and {n}"));
                    }
                }
                entries.extend(after.iter().cloned());
                (label, entries.join(", "))
            })
            .collect(),
    )
}

/// Splits a table whose cells hold labelled parts into one table per label
/// (see [`labelled_parts`]), in the order the labels first appear. A cell
/// without labels ("Not supported") stands in every table; a cell without
/// one of the labels is empty in that label's table.
fn labelled_tables(table: &Table) -> Option<Vec<(String, Table)>> {
    let cells: Vec<Vec<Option<Parts>>> = table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .enumerate()
                .map(|(i, c)| if i == 0 { None } else { labelled_parts(c) })
                .collect()
        })
        .collect();
    let mut labels: Vec<String> = Vec::new();
    for parts in cells.iter().flatten().flatten() {
        for (label, _) in parts {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
    }
    if labels.is_empty() {
        return None;
    }
    Some(
        labels
            .into_iter()
            .map(|label| {
                let rows = table
                    .rows
                    .iter()
                    .zip(&cells)
                    .map(|(row, parts)| super::blocks::Row {
                        cells: row
                            .cells
                            .iter()
                            .zip(parts)
                            .map(|(cell, parts)| match parts {
                                None => cell.clone(),
                                Some(parts) => parts
                                    .iter()
                                    .find(|(l, _)| *l == label)
                                    .map(|(_, text)| text.clone())
                                    .unwrap_or_default(),
                            })
                            .collect(),
                        line: row.line,
                    })
                    .collect();
                let t = Table {
                    header: table.header.clone(),
                    rows,
                    delimiter_cells: table.delimiter_cells,
                };
                (label, t)
            })
            .collect(),
    )
}

/// The text of a first cell without indentation and emphasis.
fn row_label(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '*' || c == '_')
}

/// Splits a table with workflow sub-rows into one table per workflow:
/// `|Delegated (work or school account)||` then `| &nbsp; &nbsp; **Onboarding** | A.ReadWrite.All |`.
fn workflow_tables(table: &Table) -> Option<Vec<(String, Table)>> {
    let mut parent: Option<usize> = None;
    // (workflow, parent row index, sub-row index)
    let mut subs: Vec<(String, usize, usize)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let first = row.cells.first().map(String::as_str).unwrap_or("");
        let label = row_label(first);
        if scheme_of(label).is_some() {
            parent = Some(i);
            continue;
        }
        // Markdown cells lose their `&nbsp;` indentation; a scheme row that
        // names no permission (empty, or "_varies by context_") followed by
        // rows of no scheme is the same shape.
        let indented = first.starts_with(|c: char| c.is_whitespace() || c == '\u{a0}')
            || first.starts_with("&nbsp;");
        let parent_is_empty = parent.is_some_and(|p| {
            table.rows[p]
                .cells
                .iter()
                .skip(1)
                .all(|c| !c.split_whitespace().any(looks_like_permission))
        });
        // A misspelt scheme ("Delegated (school)") is not a workflow.
        let lower = label.to_ascii_lowercase();
        let scheme_like = lower.contains("delegated") || lower.contains("application");
        if let (Some(p), true) = (
            parent,
            (indented || parent_is_empty) && !label.is_empty() && !scheme_like,
        ) {
            subs.push((label.replace("&nbsp;", "").trim().to_string(), p, i));
        }
    }
    if subs.is_empty() {
        return None;
    }
    let mut workflows: Vec<String> = Vec::new();
    for (w, _, _) in &subs {
        if !workflows.contains(w) {
            workflows.push(w.clone());
        }
    }
    let sub_rows: Vec<usize> = subs.iter().map(|s| s.2).collect();
    let parents: Vec<usize> = subs.iter().map(|s| s.1).collect();
    Some(
        workflows
            .into_iter()
            .map(|w| {
                let mut rows = Vec::new();
                for (i, row) in table.rows.iter().enumerate() {
                    if sub_rows.contains(&i) {
                        continue;
                    }
                    if parents.contains(&i) {
                        // The parent's cells come from this workflow's sub-row.
                        if let Some((_, _, s)) = subs.iter().find(|(sw, p, _)| *sw == w && *p == i)
                        {
                            let mut cells = table.rows[*s].cells.clone();
                            if let Some(c) = cells.first_mut() {
                                *c = row.cells.first().cloned().unwrap_or_default();
                            }
                            rows.push(super::blocks::Row {
                                cells,
                                line: table.rows[*s].line,
                            });
                            continue;
                        }
                    }
                    rows.push(row.clone());
                }
                (
                    w,
                    Table {
                        header: table.header.clone(),
                        rows,
                        delimiter_cells: None,
                    },
                )
            })
            .collect(),
    )
}

/// Tables with schemes as columns and one row of permissions.
fn transpose(table: &Table) -> Table {
    let mut out = Table {
        header: vec!["Permission type".into(), "Permissions".into()],
        rows: Vec::new(),
        delimiter_cells: None,
    };
    let line = table.rows.first().map(|r| r.line).unwrap_or(0);
    for (i, h) in table.header.iter().enumerate().skip(1) {
        let cells: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(i).cloned())
            .collect();
        out.rows.push(super::blocks::Row {
            cells: vec![h.clone(), cells.join(", ")],
            line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::Row;

    /// A table read on its own, with no label, at `p.md:1`.
    fn read(t: &Table, most_to_least: bool, diags: &mut Vec<Diagnostic>) -> Vec<PermissionSet> {
        let splits = &mut Vec::new();
        read_table(
            t,
            None,
            most_to_least,
            &Source::new("p.md", 1),
            &mut Notes { diags, splits },
        )
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    cells: r.iter().map(|s| s.to_string()).collect(),
                    line: i as u32 + 3,
                })
                .collect(),
            delimiter_cells: None,
        }
    }

    fn listed(least: &[&str], higher: &[&str]) -> SchemePermissions {
        SchemePermissions::Listed {
            least: least.iter().map(|s| s.to_string()).collect(),
            higher: higher.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn and_groups_plus_line_breaks_and_footnotes() {
        // v1.0/api/application-addtokenissuancepolicy.md (2020) and a
        // `plus`/`<br>` cell as pages write them.
        let t = table(
            &["Permission type", "Permissions (from least to most privileged)"],
            &[
                &[
                    "Delegated (work or school account)",
                    "Policy.Read.All and Application.ReadWrite.All, Policy.ReadWrite.ApplicationConfiguration and Application.ReadWrite.All",
                ],
                &[
                    "Delegated (personal Microsoft account)",
                    "Files.Read plus Sites.Read.All\nFiles.ReadWrite*",
                ],
                &["Application", "Mail.Read or Mail.ReadWrite"],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(
            sets[0].delegated_work,
            listed(
                &["Policy.Read.All and Application.ReadWrite.All"],
                &["Policy.ReadWrite.ApplicationConfiguration and Application.ReadWrite.All"]
            )
        );
        assert_eq!(
            sets[0].delegated_personal,
            listed(&["Files.Read and Sites.Read.All"], &["Files.ReadWrite"])
        );
        assert_eq!(
            sets[0].application,
            listed(&["Mail.Read"], &["Mail.ReadWrite"])
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn plus_adds_what_every_alternative_before_it_needs() {
        // educationclass-get-group.md, educationuser-get-user.md and
        // educationschool-list-users.md (2020), as the pages write them.
        let t = table(
            &["Permission type", "Permissions (from least to most privileged)"],
            &[
                &[
                    "Delegated (work or school account)",
                    " One from EduRoster.ReadBasic, EduRoster.Read, EduRoster.Write plus either Directory.Read.All or User.Read",
                ],
                &[
                    "Delegated (personal Microsoft account)",
                    "One from EduRoster.ReadBasic, EduRoster.Read plus Directory.Read.All",
                ],
                &["Application", "EduRoster.Read.All, EduRoster.ReadWrite.All plus Member.Read.Hidden"],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(
            sets[0].delegated_work,
            listed(
                &["EduRoster.ReadBasic and Directory.Read.All"],
                &[
                    "EduRoster.ReadBasic and User.Read",
                    "EduRoster.Read and Directory.Read.All",
                    "EduRoster.Read and User.Read",
                    "EduRoster.Write and Directory.Read.All",
                    "EduRoster.Write and User.Read",
                ]
            )
        );
        assert_eq!(
            sets[0].delegated_personal,
            listed(
                &["EduRoster.ReadBasic and Directory.Read.All"],
                &["EduRoster.Read and Directory.Read.All"]
            )
        );
        assert_eq!(
            sets[0].application,
            listed(
                &["EduRoster.Read.All and Member.Read.Hidden"],
                &["EduRoster.ReadWrite.All and Member.Read.Hidden"]
            )
        );
        assert!(
            d.is_empty(),
            "\"One from\" and \"either\" are no skipped text: {d:?}"
        );
    }

    #[test]
    fn labelled_parts_of_a_cell_are_scopes() {
        // profilephoto-get.md (2019, 2020), its `<br/>`s as line breaks.
        let cell = |user: &str| {
            format!("For **user** resource:\n{user}\n\nFor **group** resource:\nGroup.Read.All, Group.ReadWrite.All\n\nFor **contact** resource:\nContacts.Read, Contacts.ReadWrite")
        };
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    &cell("User.Read, User.ReadBasic.All, User.Read.All"),
                ],
                &["Delegated (personal Microsoft account)", "Not supported"],
                &["Application", &cell("User.Read.All, User.ReadWrite.All")],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        let read: Vec<(
            Option<&str>,
            &SchemePermissions,
            &SchemePermissions,
            &SchemePermissions,
        )> = sets
            .iter()
            .map(|s| {
                (
                    s.scope.as_deref(),
                    &s.delegated_work,
                    &s.delegated_personal,
                    &s.application,
                )
            })
            .collect();
        let no = SchemePermissions::not_supported();
        assert_eq!(
            read,
            [
                (
                    Some("For user resource"),
                    &listed(&["User.Read"], &["User.ReadBasic.All", "User.Read.All"]),
                    &no,
                    &listed(&["User.Read.All"], &["User.ReadWrite.All"]),
                ),
                (
                    Some("For group resource"),
                    &listed(&["Group.Read.All"], &["Group.ReadWrite.All"]),
                    &no,
                    &listed(&["Group.Read.All"], &["Group.ReadWrite.All"]),
                ),
                (
                    Some("For contact resource"),
                    &listed(&["Contacts.Read"], &["Contacts.ReadWrite"]),
                    &no,
                    &listed(&["Contacts.Read"], &["Contacts.ReadWrite"]),
                ),
            ]
        );
        assert!(d.is_empty(), "{d:?}");
        // One label before a list is no scope.
        assert_eq!(
            labelled_parts("User.Read.All\nIn addition:\nGroup.Read.All"),
            None
        );
        // The rendered page's cell: a label and its names on one line.
        let parts = |cell: &str| {
            labelled_parts(cell).map(|p| {
                p.into_iter()
                    .map(|(label, names)| format!("{label} = {names}"))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            parts(
                "For user resource: User.Read, User.Read.All\nFor group resource: Group.Read.All"
            ),
            Some(vec![
                "For user resource = User.Read, User.Read.All".to_string(),
                "For group resource = Group.Read.All".to_string()
            ])
        );
        // A sentence with a colon is no label.
        assert_eq!(
            parts("Apps that call on behalf of a signed-in user need one of these: User.Read\nFor group resource: Group.Read.All"),
            None
        );
    }

    #[test]
    fn a_bulleted_case_and_its_permissions() {
        let item = |t: &str| schemeless_item(t).map(|(case, names)| (case, names.join(" ")));
        let pair = |c: &str, n: &str| Some((c.to_string(), n.to_string()));
        // calendar-list-calendarview.md (2019), profilephoto-update.md.
        assert_eq!(
            item("Events in a group calendar: Group.Read.All or Group.ReadWrite.All"),
            pair(
                "Events in a group calendar",
                "Group.Read.All Group.ReadWrite.All"
            )
        );
        assert_eq!(
            item("Profile photo of the signed-in user - User.ReadWrite, User.ReadWrite.All"),
            pair(
                "Profile photo of the signed-in user",
                "User.ReadWrite User.ReadWrite.All"
            )
        );
        assert_eq!(
            item("If accessing attachments in messages: Mail.Read."),
            pair("If accessing attachments in messages", "Mail.Read")
        );
        // Prose, a role, or a case with nothing before it is no such item.
        assert_eq!(item("Mail.Read is needed: see below"), None);
        assert_eq!(item("Global Administrator"), None);
        assert_eq!(item(": Mail.Read"), None);
    }

    #[test]
    fn cases_after_in_addition_pair_with_what_comes_before() {
        // user-checkmemberobjects.md (2020), as its HTML list is lowered.
        let cases = "If checking for membership in groups: Group.Read.All, Group.ReadWrite.All\n\n\
                     If checking for membership in directory roles: RoleManagement.Read.Directory";
        let delegated = format!(
            "User.ReadBasic.All, User.Read.All\n\nIn addition:\n\n{cases}\n\n\
             Directory.Read.All, Directory.AccessAsUser.All"
        );
        let application = format!("User.Read.All\nAnd:\n\n{cases}\n\nDirectory.Read.All");
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &["Delegated (work or school account)", &delegated],
                &["Delegated (personal Microsoft account)", "Not supported."],
                &["Application", &application],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert!(d.is_empty(), "{d:?}");
        let read: Vec<(Option<&str>, &SchemePermissions, &SchemePermissions)> = sets
            .iter()
            .map(|s| (s.scope.as_deref(), &s.delegated_work, &s.application))
            .collect();
        assert_eq!(
            read,
            [
                (
                    Some("If checking for membership in groups"),
                    &listed(
                        &["User.ReadBasic.All and Group.Read.All"],
                        &[
                            "User.ReadBasic.All and Group.ReadWrite.All",
                            "User.Read.All and Group.Read.All",
                            "User.Read.All and Group.ReadWrite.All",
                            "Directory.Read.All",
                            "Directory.AccessAsUser.All",
                        ]
                    ),
                    &listed(
                        &["User.Read.All and Group.Read.All"],
                        &[
                            "User.Read.All and Group.ReadWrite.All",
                            "Directory.Read.All"
                        ]
                    ),
                ),
                (
                    Some("If checking for membership in directory roles"),
                    &listed(
                        &["User.ReadBasic.All and RoleManagement.Read.Directory"],
                        &[
                            "User.Read.All and RoleManagement.Read.Directory",
                            "Directory.Read.All",
                            "Directory.AccessAsUser.All",
                        ]
                    ),
                    &listed(
                        &["User.Read.All and RoleManagement.Read.Directory"],
                        &["Directory.Read.All"]
                    ),
                ),
            ]
        );
        assert!(sets
            .iter()
            .all(|s| s.delegated_personal == SchemePermissions::not_supported()));
        // A case before "In addition:", or prose on a line, is no such cell.
        assert_eq!(
            conditional_parts("If reading groups: Group.Read.All\nIn addition:\nUser.Read"),
            None
        );
        assert_eq!(
            conditional_parts("User.Read\nIn addition:\nIf reading groups: see below"),
            None
        );
    }

    #[test]
    fn every_spelling_of_not_supported() {
        for spelling in [
            "Not supported.",
            "Not supported",
            "not supported",
            "**Not Supported.**",
            "Not applicable",
            "None",
            "N/A",
            "Not available.",
        ] {
            let t = table(
                &["Permission type", "Permissions"],
                &[&["Application", spelling]],
            );
            let mut d = Vec::new();
            let sets = read(&t, false, &mut d);
            assert_eq!(
                sets[0].application,
                SchemePermissions::not_supported(),
                "{spelling}"
            );
        }
    }

    #[test]
    fn transposed_tables_with_a_row_per_case() {
        // v1.0/api/calendar-list-events.md (2020): schemes as columns.
        let t = table(
            &[
                "Calendar",
                "Delegated (work or school account)",
                "Delegated (personal Microsoft account)",
                "Application",
            ],
            &[
                &[
                    "user calendar",
                    "Calendars.Read, Calendars.ReadWrite",
                    "Calendars.Read, Calendars.ReadWrite",
                    "Calendars.Read, Calendars.ReadWrite",
                ],
                &[
                    "group calendar",
                    "Group.Read.All, Group.ReadWrite.All",
                    "Not supported.",
                    "Not supported.",
                ],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].scope.as_deref(), Some("user calendar"));
        assert_eq!(
            sets[0].application,
            listed(&["Calendars.Read"], &["Calendars.ReadWrite"])
        );
        assert_eq!(sets[1].scope.as_deref(), Some("group calendar"));
        assert_eq!(
            sets[1].delegated_personal,
            SchemePermissions::not_supported()
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn empty_cells_are_unknown_and_repeated_rows_are_diagnosed() {
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &["Delegated (work or school account)", ""],
                &["Delegated (work or school account)", "User.Read"],
                &["Application", "User.Read.All"],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(sets[0].delegated_work, SchemePermissions::unknown());
        let codes: Vec<Code> = d.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            [Code::PermissionEmpty, Code::PermissionTableUnrecognised]
        );
        assert_eq!(sets[0].application, listed(&["User.Read.All"], &[]));
    }

    #[test]
    fn per_workflow_sub_rows_become_scopes() {
        // v1.0/api/intune-shared-devicecategory-get.md (2020).
        let t = table(
            &["Permission type", "Permissions (from most to least privileged)"],
            &[
                &["Delegated (work or school account)", ""],
                &[
                    "\u{a0} \u{a0} Device management",
                    "DeviceManagementManagedDevices.ReadWrite.All, DeviceManagementManagedDevices.Read.All",
                ],
                &[
                    "\u{a0} \u{a0} Onboarding",
                    "DeviceManagementServiceConfig.ReadWrite.All",
                ],
                &["Delegated (personal Microsoft account)", "Not supported."],
                &["Application", "Not supported."],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, true, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].scope.as_deref(), Some("Device management"));
        assert_eq!(
            sets[0].delegated_work,
            listed(
                &["DeviceManagementManagedDevices.Read.All"],
                &["DeviceManagementManagedDevices.ReadWrite.All"]
            )
        );
        assert_eq!(sets[1].scope.as_deref(), Some("Onboarding"));
        assert_eq!(
            sets[1].delegated_work,
            listed(&["DeviceManagementServiceConfig.ReadWrite.All"], &[])
        );
        assert_eq!(sets[1].application, SchemePermissions::not_supported());
    }

    #[test]
    fn least_and_higher_columns() {
        let t = table(
            &[
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "UserAuthenticationMethod.Read.All",
                    "UserAuthenticationMethod.Read, UserAuthenticationMethod.ReadWrite.All",
                ],
                &[
                    "Delegated (personal Microsoft account)",
                    "Not supported.",
                    "Not supported.",
                ],
                &["Application", "Not supported.", "Not supported."],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(sets.len(), 1);
        assert_eq!(
            sets[0].delegated_work,
            listed(
                &["UserAuthenticationMethod.Read.All"],
                &[
                    "UserAuthenticationMethod.Read",
                    "UserAuthenticationMethod.ReadWrite.All"
                ]
            )
        );
        assert_eq!(
            sets[0].delegated_personal,
            SchemePermissions::not_supported()
        );
        assert!(d.is_empty());
    }

    #[test]
    fn ordered_list_gives_first_as_least_and_placeholders_are_unknown() {
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "User.Read, User.ReadWrite, Directory.Read.All",
                ],
                &[
                    "Delegated (personal Microsoft account)",
                    "**TODO: Provide applicable permissions.**",
                ],
                &["Application", ""],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert_eq!(
            sets[0].delegated_work,
            listed(&["User.Read"], &["User.ReadWrite", "Directory.Read.All"])
        );
        assert!(sets[0].delegated_personal.is_unknown());
        assert!(sets[0].application.is_unknown());
        let codes: Vec<Code> = d.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![Code::PermissionPlaceholder, Code::PermissionEmpty]
        );
        assert_eq!(d[0].line, 4);
    }

    #[test]
    fn device_management_lists_run_most_to_least() {
        let t = table(&["Permission type", "Permissions (from most to least privileged)"], &[&["Application", "DeviceManagementManagedDevices.ReadWrite.All, DeviceManagementManagedDevices.Read.All"]]);
        let sets = read(&t, true, &mut Vec::new());
        assert_eq!(
            sets[0].application,
            listed(
                &["DeviceManagementManagedDevices.Read.All"],
                &["DeviceManagementManagedDevices.ReadWrite.All"]
            )
        );
    }

    #[test]
    fn self_and_others_columns_give_two_scoped_sets() {
        let t = table(
            &[
                "Permission type",
                "Permissions acting on self (from least to most privileged)",
                "Permissions acting on others (from least to most privileged)",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "A.Read, A.Read.All",
                    "A.Read.All, A.ReadWrite.All",
                ],
                &["Application", "Not supported.", "Not supported."],
            ],
        );
        let sets = read(&t, false, &mut Vec::new());
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].scope.as_deref(), Some("acting on self"));
        assert_eq!(sets[1].scope.as_deref(), Some("acting on others"));
        assert_eq!(
            sets[1].delegated_work,
            listed(&["A.Read.All"], &["A.ReadWrite.All"])
        );
        assert!(
            sets[0].delegated_personal.is_unknown(),
            "a missing row stays unknown"
        );
    }

    #[test]
    fn bad_input_never_invents_permissions() {
        let t = table(
            &["Permission type", "Permissions"],
            &[
                &["Delegated (work or school account)", "see the docs"],
                &["Delegated (school)", "X.Read"],
                &[],
            ],
        );
        let mut d = Vec::new();
        let sets = read(&t, false, &mut d);
        assert!(sets[0].is_all_unknown());
        assert!(d.iter().any(|d| d.code == Code::PermissionNameOdd));
        assert!(d.iter().any(|d| d.code == Code::PermissionSchemeUnknown));
    }
}
