//! The block stream: what both page forms (Markdown source and rendered
//! text) are lowered to, so that one interpreter reads them both.

use crate::ir::Source;

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub at: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// A heading. SDK tab headings (`# [HTTP](#tab/http)`) are `tab: true`
    /// and never start a section or name the page.
    Heading {
        level: u8,
        text: String,
        tab: bool,
    },
    Paragraph(String),
    ListItem(String),
    Table(Table),
    /// A fenced or indented code block, or a request/response recovered
    /// from rendered text.
    Code {
        lang: String,
        text: String,
    },
    /// The JSON inside `<!-- { ... } -->`.
    Annotation(String),
    /// `[!INCLUDE [label](path)]` that was not expanded.
    Include {
        label: String,
        path: String,
        outcome: IncludeOutcome,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeOutcome {
    /// Not followed (SDK snippets and the like).
    Skipped,
    Missing,
    EscapesRoot,
    Cycle,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub line: u32,
}

/// Finds `[!INCLUDE [label](path)]` in one line.
pub fn parse_include(line: &str) -> Option<(String, String)> {
    let line = line.trim().trim_start_matches('>').trim();
    let rest = line.strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (label, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix('(')?;
    let (path, _) = rest.split_once(')')?;
    Some((label.trim().to_string(), path.trim().to_string()))
}

/// Byte offset to 1-based line number.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (idx + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_directive_is_recognised() {
        assert_eq!(
            parse_include(
                "[!INCLUDE [permissions-table](../includes/permissions/a-get-permissions.md)]"
            ),
            Some((
                "permissions-table".into(),
                "../includes/permissions/a-get-permissions.md".into()
            ))
        );
        assert_eq!(
            parse_include("> [!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]")
                .map(|x| x.1),
            Some("../../includes/beta-disclaimer.md".into())
        );
        assert_eq!(parse_include("See [the page](x.md)."), None);
    }

    #[test]
    fn line_index_maps_offsets() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(3), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }
}
