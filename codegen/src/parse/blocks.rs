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
    /// Not read: the page had read as many include files as one may.
    TooMany,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// How many cells the delimiter row had, when that was not the
    /// header's count: the docs site shows the table, GitHub's rules make
    /// it a paragraph, and it was read with the header's columns (see
    /// `parse::table_rows`).
    pub delimiter_cells: Option<usize>,
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

/// Byte offset to 1-based line number, for offsets asked in page order, as
/// a parser walks a page: each answer counts the newlines between the
/// previous offset and this one (backwards too, though then the cost is the
/// distance gone back). A table of every line start cost a tenth of the
/// parse time of the corpus, for the few dozen lines a page asks about.
pub struct LineCursor<'t> {
    bytes: &'t [u8],
    /// The last offset asked for and its line.
    at: std::cell::Cell<(usize, u32)>,
}

impl<'t> LineCursor<'t> {
    /// A cursor over `text`, whose first byte is on line `first_line`.
    pub fn new(text: &'t str, first_line: u32) -> Self {
        LineCursor {
            bytes: text.as_bytes(),
            at: std::cell::Cell::new((0, first_line)),
        }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        let (pos, line) = self.at.get();
        let newlines = |range: &[u8]| u32::try_from(count_newlines(range)).unwrap_or(u32::MAX);
        let line = if offset >= pos {
            line.saturating_add(newlines(&self.bytes[pos..offset]))
        } else {
            line.saturating_sub(newlines(&self.bytes[offset..pos]))
        };
        self.at.set((offset, line));
        line
    }
}

/// The newlines in `bytes`. Every byte of the tree passes through here
/// once, in the spans between the blocks of a page: a few hundred bytes
/// each. memchr's count walks the ends of every span byte by byte, which
/// on spans this short cost more than its vectors saved. Here a span is
/// taken 32 bytes at a time, each byte compared into a lane of its own,
/// which the compiler turns into two vector compares and a count of bits
/// (SSE2, on every x86-64): a third fewer instructions than a word at a
/// time (SWAR).
pub fn count_newlines(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(32);
    let mut count = 0;
    for chunk in chunks.by_ref() {
        let mut lanes = [0u8; 32];
        for (lane, &b) in lanes.iter_mut().zip(chunk) {
            *lane = u8::from(b == b'\n');
        }
        count += lanes.iter().map(|&l| usize::from(l)).sum::<usize>();
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_as_one_by_one() {
        // Every byte value beside newlines (0x8a and 0x0b differ from a
        // newline in one bit; 0x80 and 0xff set the high bit), in spans
        // of every length up to three words and at every alignment.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut bytes = Vec::new();
        for _ in 0..4096 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let tricky = [
                b'\n',
                b'\n',
                0x0b,
                0x8a,
                0x80,
                0xff,
                0x00,
                (state >> 40) as u8,
            ];
            bytes.push(tricky[(state % 8) as usize]);
        }
        for start in 0..8 {
            for len in 0..=24 {
                let span = &bytes[start * 97..start * 97 + len];
                let one_by_one = span.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count_newlines(span), one_by_one, "{span:?}");
            }
        }
        assert_eq!(
            count_newlines(&bytes),
            bytes.iter().filter(|&&b| b == b'\n').count()
        );
    }

    #[test]
    fn newlines_are_counted_across_chunk_edges() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let text: Vec<u8> = (0..len)
                .map(|i| if i % 3 == 0 { b'\n' } else { b'x' })
                .collect();
            assert_eq!(
                count_newlines(&text),
                (0..len).filter(|i| i % 3 == 0).count()
            );
        }
    }

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
    fn line_cursor_maps_offsets_in_any_order() {
        let text = "a\nbc\n\nd";
        let lines = LineCursor::new(text, 1);
        assert_eq!(lines.line(0), 1);
        assert_eq!(lines.line(2), 2);
        assert_eq!(lines.line(3), 2);
        assert_eq!(lines.line(5), 3);
        assert_eq!(lines.line(6), 4);
        // Backwards, and past the end.
        assert_eq!(lines.line(2), 2);
        assert_eq!(lines.line(99), 4);
        assert_eq!(lines.line(0), 1);
        // A slice that starts on line 10 of its page.
        let lines = LineCursor::new(text, 10);
        assert_eq!(lines.line(6), 13);
        assert_eq!(lines.line(1), 10);
    }
}
