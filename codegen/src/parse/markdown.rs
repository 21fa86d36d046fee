//! Markdown source pages to blocks, with pulldown-cmark. Every block keeps
//! the line it starts on. Includes are left as `Include` blocks; the page
//! loader expands them.

use super::blocks::{parse_include, Block, BlockKind, IncludeOutcome, LineCursor, Row, Table};
use super::prose::Phrase;
use crate::ir::Source;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::sync::Arc;

/// The Markdown dialect of the docs: GitHub tables (permission and
/// property tables) and strikethrough. The bench floor tokenises with the
/// same options, so that both sides do the same tokenising.
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Lowers Markdown `text` that starts on line `first_line` of `file` (the
/// body after front matter, or the whole page from line 1) to blocks.
pub fn to_blocks(text: &str, file: impl Into<Arc<str>>, first_line: u32) -> Vec<Block> {
    let file: Arc<str> = file.into();
    let (blocks, broken_table) = lower(text, file.clone(), first_line, &[]);
    if !broken_table {
        return blocks;
    }
    // A table pulldown-cmark read as a paragraph: lowered again with its
    // rows as the docs site reads them (see `table_rows`). Pages without
    // one, nearly all, are neither scanned for rows nor copied.
    match super::table_rows::readable(text) {
        (std::borrow::Cow::Owned(readable), mismatches) => {
            lower(&readable, file, first_line, &mismatches).0
        }
        _ => blocks,
    }
}

/// Whether a paragraph's raw text holds what looks like a table's
/// delimiter row: a table pulldown-cmark did not take.
fn holds_delimiter_row(raw: &str) -> bool {
    memchr::memchr(b'|', raw.as_bytes()).is_some()
        && raw
            .split('\n')
            .any(|line| super::table_rows::is_delimiter_row(line.as_bytes()))
}

/// One lowering of `text`, with the tables whose delimiter rows were
/// rewritten; and whether a paragraph looked like a table.
fn lower(
    text: &str,
    file: Arc<str>,
    first_line: u32,
    mismatches: &[super::table_rows::Mismatch],
) -> (Vec<Block>, bool) {
    let mut broken_table = false;
    let index = LineCursor::new(text, first_line);
    let mut out = Vec::new();
    let at = |line: u32| Source::new(file.clone(), line);

    // What we are inside of, innermost last. Text goes to one buffer for
    // the whole page: a frame that takes text remembers where its text
    // starts in it, and only the innermost frame takes text, so its text is
    // always the buffer's tail. (A `String` per frame, grown event by
    // event, was most of the allocations of a parse.)
    enum Frame {
        Heading {
            level: u8,
            tab: bool,
            line: u32,
            text: usize,
        },
        Paragraph {
            start: usize,
            line: u32,
            text: usize,
        },
        Item {
            line: u32,
            text: usize,
        },
        Table {
            line: u32,
            table: Table,
            in_head: bool,
            row: Vec<String>,
            row_line: u32,
        },
        Cell {
            text: usize,
        },
        Code {
            line: u32,
            lang: String,
            text: usize,
        },
        Html {
            line: u32,
            text: usize,
        },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();

    // Whether the innermost frame takes text.
    fn takes_text(stack: &[Frame]) -> bool {
        stack
            .last()
            .is_some_and(|f| !matches!(f, Frame::Table { .. }))
    }

    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        // Lines are taken where blocks start, in page order, so that the
        // cursor only moves forwards.
        let line = || index.line(range.start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => stack.push(Frame::Heading {
                    level: level as u8,
                    tab: false,
                    line: line(),
                    text: buf.len(),
                }),
                Tag::Paragraph => {
                    if let Some(Frame::Item { text, .. }) = stack.last() {
                        if buf.len() > *text {
                            buf.push(' ');
                        }
                    } else {
                        stack.push(Frame::Paragraph {
                            start: range.start,
                            line: line(),
                            text: buf.len(),
                        });
                    }
                }
                Tag::Item => stack.push(Frame::Item {
                    line: line(),
                    text: buf.len(),
                }),
                Tag::List(_) => {
                    // A nested list: emit the parent item's text first.
                    if let Some(Frame::Item { line, text }) = stack.last() {
                        let item = &buf[*text..];
                        if !item.trim().is_empty() {
                            out.push(Block {
                                kind: BlockKind::ListItem(clean(item)),
                                at: at(*line),
                            });
                        }
                        buf.truncate(*text);
                    }
                }
                Tag::Table(_) => {
                    let line = line();
                    let delimiter_cells = mismatches
                        .iter()
                        .find(|m| {
                            text.get(m.header_at..range.start).is_some_and(|indent| {
                                indent.bytes().all(|b| b == b' ' || b == b'\t')
                            })
                        })
                        .map(|m| m.delimiter_cells);
                    stack.push(Frame::Table {
                        line,
                        table: Table {
                            delimiter_cells,
                            ..Table::default()
                        },
                        in_head: false,
                        row: Vec::new(),
                        row_line: line,
                    })
                }
                Tag::TableHead => {
                    if let Some(Frame::Table { in_head, row, .. }) = stack.last_mut() {
                        *in_head = true;
                        row.clear();
                    }
                }
                Tag::TableRow => {
                    if let Some(Frame::Table { row, row_line, .. }) = stack.last_mut() {
                        row.clear();
                        *row_line = line();
                    }
                }
                Tag::TableCell => stack.push(Frame::Cell { text: buf.len() }),
                Tag::CodeBlock(kind) => {
                    let (lang, rest) = match &kind {
                        CodeBlockKind::Fenced(info) => {
                            let info = info.trim();
                            let (lang, rest) =
                                info.split_once(char::is_whitespace).unwrap_or((info, ""));
                            (lang.to_string(), rest.trim())
                        }
                        CodeBlockKind::Indented => (String::new(), ""),
                    };
                    stack.push(Frame::Code {
                        line: line(),
                        lang,
                        text: buf.len(),
                    });
                    // "```http GET /education/schools" (educationroot-list-
                    // schools.md, 2020): the request line is in the fence's
                    // info string; it is the block's first line.
                    if super::http::request_line(rest).is_some() {
                        buf.push_str(rest);
                        buf.push('\n');
                    }
                }
                Tag::HtmlBlock => stack.push(Frame::Html {
                    line: line(),
                    text: buf.len(),
                }),
                Tag::Link { dest_url, .. } if dest_url.starts_with("#tab/") => {
                    if let Some(Frame::Heading { tab, .. }) = stack.last_mut() {
                        *tab = true;
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let Some(Frame::Heading {
                        level,
                        tab,
                        line,
                        text,
                    }) = stack.pop()
                    {
                        out.push(Block {
                            kind: BlockKind::Heading {
                                level,
                                text: clean(&buf[text..]),
                                tab,
                            },
                            at: at(line),
                        });
                        buf.truncate(text);
                    }
                }
                TagEnd::Paragraph => {
                    if let Some(Frame::Paragraph { .. }) = stack.last() {
                        if let Some(Frame::Paragraph {
                            start,
                            line,
                            text: para,
                        }) = stack.pop()
                        {
                            let raw = &text[start..range.end.max(start)];
                            broken_table = broken_table || holds_delimiter_row(raw);
                            push_paragraph(&mut out, raw, &buf[para..], at(line));
                            buf.truncate(para);
                        }
                    }
                }
                TagEnd::Item => {
                    if let Some(Frame::Item { line, text }) = stack.pop() {
                        let item = &buf[text..];
                        if !item.trim().is_empty() {
                            out.push(Block {
                                kind: BlockKind::ListItem(clean(item)),
                                at: at(line),
                            });
                        }
                        buf.truncate(text);
                    }
                }
                TagEnd::TableCell => {
                    if let Some(Frame::Cell { text }) = stack.pop() {
                        if let Some(Frame::Table { row, .. }) = stack.last_mut() {
                            row.push(clean_cell(&buf[text..]));
                        }
                        buf.truncate(text);
                    }
                }
                TagEnd::TableHead => {
                    if let Some(Frame::Table {
                        table,
                        in_head,
                        row,
                        ..
                    }) = stack.last_mut()
                    {
                        table.header = std::mem::take(row);
                        *in_head = false;
                    }
                }
                TagEnd::TableRow => {
                    if let Some(Frame::Table {
                        table,
                        row,
                        row_line,
                        ..
                    }) = stack.last_mut()
                    {
                        table.rows.push(Row {
                            cells: std::mem::take(row),
                            line: *row_line,
                        });
                    }
                }
                TagEnd::Table => {
                    if let Some(Frame::Table { line, table, .. }) = stack.pop() {
                        out.push(Block {
                            kind: BlockKind::Table(table),
                            at: at(line),
                        });
                    }
                }
                TagEnd::CodeBlock => {
                    if let Some(Frame::Code { line, lang, text }) = stack.pop() {
                        out.push(Block {
                            kind: BlockKind::Code {
                                lang,
                                text: buf[text..].to_string(),
                            },
                            at: at(line),
                        });
                        buf.truncate(text);
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some(Frame::Html { line, text }) = stack.pop() {
                        if let Some(json) = annotation_json(&buf[text..]) {
                            out.push(Block {
                                kind: BlockKind::Annotation(json),
                                at: at(line),
                            });
                        }
                        buf.truncate(text);
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::Html(t) if takes_text(&stack) => {
                buf.push_str(&t);
            }
            Event::InlineHtml(t) => {
                if let Some(gap) = html_gap(&t) {
                    if takes_text(&stack) {
                        buf.push(gap);
                    }
                } else if t.trim_start().starts_with("<!--") && t.contains('{') {
                    // An annotation inline in a paragraph: lift it out.
                    if let Some(json) = annotation_json(&t) {
                        out.push(Block {
                            kind: BlockKind::Annotation(json),
                            at: at(line()),
                        });
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak if takes_text(&stack) => buf.push('\n'),
            _ => {}
        }
    }
    // Unclosed frames (a fence that never closes is closed by pulldown-cmark
    // itself, so this only guards against surprises).
    (out, broken_table)
}

/// What an inline HTML tag leaves in the text: a line break for tags that
/// end a line where the docs site shows them (`<br>`, the items and
/// paragraphs of a list or table written in HTML inside a cell), a space
/// after a table cell, nothing for the rest (`<b>`, `<a href>`). Dropped
/// whole, `<li>None</li><li>SecurityGroup</li>` read `NoneSecurityGroup`,
/// and a permission cell's list glued `Group.ReadWrite.All` to the next
/// item's `If` (user-checkmemberobjects.md, 2020).
fn html_gap(tag: &str) -> Option<char> {
    let name = tag.trim_start().strip_prefix('<')?;
    let name = name.strip_prefix('/').unwrap_or(name);
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    const LINES: [&str; 11] = [
        "br", "p", "li", "ul", "ol", "div", "tr", "table", "dl", "dt", "dd",
    ];
    if LINES.iter().any(|l| l.eq_ignore_ascii_case(name)) {
        Some('\n')
    } else if ["td", "th"].iter().any(|c| c.eq_ignore_ascii_case(name)) {
        Some(' ')
    } else {
        None
    }
}

/// A paragraph whose raw lines hold `[!INCLUDE]` directives becomes include
/// blocks, plus a paragraph for whatever else it holds.
fn push_paragraph(out: &mut Vec<Block>, raw: &str, text: &str, base: Source) {
    // Directives are rare: most paragraphs need no look at their lines.
    let mut rest = Vec::new();
    let mut any_include = false;
    static INCLUDE: Phrase = Phrase::new("[!INCLUDE");
    if INCLUDE.is_in(raw) {
        for (i, line) in raw.lines().enumerate() {
            if let Some((label, path)) = parse_include(line) {
                any_include = true;
                out.push(Block {
                    kind: BlockKind::Include {
                        label,
                        path,
                        outcome: IncludeOutcome::Skipped,
                    },
                    at: Source::new(base.file.clone(), base.line + i as u32),
                });
            } else {
                rest.push(line);
            }
        }
    }
    let para = if any_include {
        strip_inline(&rest.join("\n"))
    } else {
        clean(text)
    };
    if !para.trim().is_empty() {
        out.push(Block {
            kind: BlockKind::Paragraph(para),
            at: base,
        });
    }
}

/// The JSON object inside an HTML comment, if the comment holds one.
///
/// The object opens the comment: a comment of prose or commented-out
/// request lines (`<!--\nGET /groups/{id}/events/{id}/attachments\n-->`,
/// attachment-get.md; "of the format `{start}-{end}`") holds braces but
/// no annotation, and read as one it gave a false `D0301`.
pub fn annotation_json(html: &str) -> Option<String> {
    let t = html.trim();
    let body = t.strip_prefix("<!--")?;
    let body = body.trim_end().strip_suffix("-->").unwrap_or(body);
    let body = body.trim_start();
    if !body.starts_with('{') {
        return None;
    }
    let close = body.rfind('}')?;
    Some(body[..=close].to_string())
}

/// Trims each line and drops the empty ones.
fn clean(text: &str) -> String {
    // Most headings and paragraphs are one line: trimmed, that is all.
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        return text.trim().to_string();
    }
    clean_lines(text)
}

/// `clean` line by line.
fn clean_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

fn clean_cell(text: &str) -> String {
    // Most cells are one line of printable ASCII with single spaces:
    // already clean. (Folds, not `any`, so that the checks vectorise.)
    let bytes = text.as_bytes();
    let unprintable = bytes
        .iter()
        .fold(false, |acc, &b| acc | !(b' '..=b'~').contains(&b));
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |acc, (&a, &b)| acc | (a == b' ' && b == b' '));
    if !unprintable && !double_space && !text.starts_with(' ') && !text.ends_with(' ') {
        return text.to_string();
    }
    if text.is_ascii() {
        clean_ascii_cell(text.as_bytes())
    } else {
        clean_unicode_cell(text)
    }
}

/// `clean_unicode_cell` for ASCII text, byte by byte: this runs for every
/// table cell of the tree, and nearly all are ASCII.
fn clean_ascii_cell(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    // A space is owed between two words of a line.
    let mut space = false;
    for &b in bytes {
        match b {
            // One blank line at most: `</li><li>` after `<br>` is no more
            // apart than two items.
            b'\n' => {
                if !out.ends_with(b"\n\n") {
                    out.push(b'\n');
                }
                space = false;
            }
            // What `char::is_whitespace` says of ASCII.
            b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' => {
                space = out.last().is_some_and(|&c| c != b'\n');
            }
            _ => {
                if space {
                    out.push(b' ');
                    space = false;
                }
                out.push(b);
            }
        }
    }
    let end = out.trim_ascii_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_ascii_start().len();
    out.drain(..start);
    // Only ASCII bytes were copied.
    String::from_utf8(out).unwrap_or_default()
}

fn clean_unicode_cell(text: &str) -> String {
    // The words of each line joined by one space, lines kept (one blank
    // line at most), the whole trimmed.
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 && !out.ends_with("\n\n") {
            out.push('\n');
        }
        for (j, word) in line.split_whitespace().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// Crude inline-Markdown removal for raw lines: links keep their text,
/// emphasis and code marks go.
pub fn strip_inline(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '`' => {}
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            _ => out.push(c),
        }
    }
    clean(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_cells_are_cleaned_as_unicode_ones_are() {
        let alphabet = [' ', '\t', '\n', '\r', '\x0b', 'a', 'b'];
        for case in crate::testing::every_string(&alphabet, 5) {
            let unicode = clean_unicode_cell(&case);
            assert_eq!(clean_ascii_cell(case.as_bytes()), unicode, "{case:?}");
            assert_eq!(clean_cell(&case), unicode, "{case:?}");
        }
    }

    #[test]
    fn one_line_text_is_cleaned_as_by_lines() {
        let alphabet = [' ', '\t', '\r', '\n', 'a', '\u{3000}'];
        for case in crate::testing::every_string(&alphabet, 6) {
            assert_eq!(clean(&case), clean_lines(&case), "{case:?}");
        }
    }

    #[test]
    fn table_cells_keep_lines_and_collapse_spaces() {
        assert_eq!(clean_cell("  a \t b  "), "a b");
        assert_eq!(clean_cell("\n\n one  two \n  three\n \n"), "one two\nthree");
        assert_eq!(clean_cell("x\n\ny"), "x\n\ny");
        assert_eq!(clean_cell("x\n\n \n\ny\n\n\n\nz"), "x\n\ny\n\nz");
        assert_eq!(clean_cell("\u{a0}wide\u{3000}"), "wide");
        assert_eq!(clean_cell("   "), "");
    }

    fn kinds(md: &str) -> Vec<BlockKind> {
        to_blocks(md, "p.md", 1)
            .into_iter()
            .map(|b| b.kind)
            .collect()
    }

    #[test]
    fn html_lists_and_tables_in_cells_keep_their_items_apart() {
        // application-update.md, identityprovider.md (`<li/>`) and
        // parentalcontrolsettings.md (a table in a cell), 2020.
        let md = "| Property | Description |\n|:--|:--|\n\
                  | claims | One of:<ul><li>`None`</li><li>`All`: every group</li></ul>Default `None`. |\n\
                  | type | One of: <ul><li/>Microsoft<li/>Google</ul> |\n\
                  | rule | Values: <table><tr><th>Value</th><th>Description</th></tr><tr><td>Allow</td><td>Default.</td></tr></table> |\n\
                  | link | See <a href=\"x\">the <b>page</b></a>.<br/>Read-only. |\n";
        let [BlockKind::Table(t)] = &kinds(md)[..] else {
            panic!("{:?}", kinds(md))
        };
        let cells: Vec<&str> = t.rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(
            cells,
            [
                "One of:\n\nNone\n\nAll: every group\n\nDefault None.",
                "One of:\n\nMicrosoft\nGoogle",
                "Values:\n\nValue Description\n\nAllow Default.",
                "See the page.\nRead-only.",
            ]
        );
    }

    #[test]
    fn headings_keep_lines_and_tab_headings_are_marked() {
        let blocks = to_blocks("# Get thing\n\ntext\n\n# [HTTP](#tab/http)\n", "p.md", 1);
        assert_eq!(
            blocks[0].kind,
            BlockKind::Heading {
                level: 1,
                text: "Get thing".into(),
                tab: false
            }
        );
        assert_eq!(blocks[0].at.line, 1);
        assert_eq!(
            blocks[2].kind,
            BlockKind::Heading {
                level: 1,
                text: "HTTP".into(),
                tab: true
            }
        );
        assert_eq!(blocks[2].at.line, 5);
    }

    #[test]
    fn a_table_whose_delimiter_row_holds_tabs_is_a_table() {
        // insights-trending.md (2020), tabs and all.
        let md = "## Properties\n\n| Property      | Type          \t \t\t| Description  |\n\
                  | ------------- |---------------\t \t\t| -------------|\n\
                  | id      \t\t\t| String\t \t\t| Unique identifier. \t   |\n\
                  | weight     \t\t| Double     \t\t| How much it trends. |\n\
                  ## Relationships\n";
        let blocks = to_blocks(md, "p.md", 1);
        let BlockKind::Table(t) = &blocks[1].kind else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.header, ["Property", "Type", "Description"]);
        let names: Vec<(&str, u32)> = t
            .rows
            .iter()
            .map(|r| (r.cells[0].as_str(), r.line))
            .collect();
        assert_eq!(names, [("id", 5), ("weight", 6)]);
        assert_eq!(blocks[1].at.line, 3);
        assert!(
            matches!(&blocks[2].kind, BlockKind::Heading { text, .. } if text == "Relationships")
        );
    }

    #[test]
    fn tables_keep_cells_with_br_as_newlines() {
        let md =
            "|Permission type|Permissions|\n|:--|:--|\n|Application|A.Read.All<br>B.Read.All|\n";
        let blocks = kinds(md);
        let BlockKind::Table(t) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.header, vec!["Permission type", "Permissions"]);
        assert_eq!(
            t.rows[0].cells,
            vec!["Application", "A.Read.All\nB.Read.All"]
        );
        assert_eq!(t.rows[0].line, 3);
    }

    #[test]
    fn annotations_and_includes_become_blocks() {
        let md = "<!-- { \"blockType\": \"permissions\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n";
        let blocks = to_blocks(md, "p.md", 1);
        assert_eq!(
            blocks[0].kind,
            BlockKind::Annotation("{ \"blockType\": \"permissions\" }".into())
        );
        assert!(
            matches!(&blocks[1].kind, BlockKind::Include { path, .. } if path == "../includes/permissions/x.md")
        );
        assert_eq!(blocks[1].at.line, 2);
    }

    #[test]
    fn comments_of_prose_or_paths_are_no_annotations() {
        // attachment-get.md and attachment-createuploadsession.md (2020).
        let md = "<!--\nGET /groups/{id}/events/{id}/attachments/{id}\n-->\n\n\
                  <!-- Ranges are of the format `{start}-{end}`. -->\n\n\
                  <!--\n{ \"blockType\": \"ignored\" }\n-->\n";
        let kinds: Vec<BlockKind> = to_blocks(md, "p.md", 1)
            .into_iter()
            .map(|b| b.kind)
            .collect();
        assert_eq!(
            kinds,
            [BlockKind::Annotation(
                "{ \"blockType\": \"ignored\" }".into()
            )]
        );
    }

    #[test]
    fn code_blocks_keep_language_and_text() {
        let blocks = kinds("```http\nGET /me\n```\n");
        assert_eq!(
            blocks[0],
            BlockKind::Code {
                lang: "http".into(),
                text: "GET /me\n".into()
            }
        );
    }

    #[test]
    fn list_items_are_separate_blocks() {
        let blocks = kinds("* Global Reader\n* Authentication Administrator\n");
        assert_eq!(
            blocks,
            vec![
                BlockKind::ListItem("Global Reader".into()),
                BlockKind::ListItem("Authentication Administrator".into())
            ]
        );
    }
}
