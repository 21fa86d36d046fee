//! Markdown source pages as the docs site shows them in plain text, the
//! way the rendered seeds (`spec/` pages 000-002) read: front matter and
//! HTML comments gone, headings without `#`, list items after a bullet,
//! each table row one line of its cells, code without its fence, and of
//! the SDK tabs only HTTP. Includes are rendered in place (the SDK
//! snippets the corpus does not hold are left out). A [`Form`] may also
//! take the braces off JSON bodies, as in seed 000, or part a row's cells
//! by tabs.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// How the text is flattened.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// As the rendered seeds read: a table row's cells apart by a space.
    Spaced,
    /// As [`Form::Spaced`], and the lines that open and close a JSON
    /// object body, `{` and `}` on lines of their own, are left out (seed
    /// 000).
    Braceless,
    /// A table row's cells apart by a tab, as a browser copies a table.
    Tabbed,
}

/// The rendered text of a Markdown page in the folder `dir`, where its
/// includes are read from (the SDK snippets that are not there, left out).
pub fn to_text(markdown: &str, dir: &Path, form: Form) -> String {
    let mut out = Text::default();
    render(&mut out, markdown, dir, form, 0);
    out.text
}

fn render(out: &mut Text, markdown: &str, dir: &Path, form: Form, depth: usize) {
    // The site shows tables whose delimiter row GitHub's rules refuse.
    let (markdown, _) = codegen::parse::table_rows::readable(markdown);
    let body = without_front_matter(&markdown);
    let mut inline = String::new();
    // Inside a tab other than HTTP: everything is left out until the next
    // tab heading or the `---` that ends the tabs.
    let mut other_tab = false;
    let mut heading: Option<(String, bool)> = None;
    let mut list_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut in_code = false;
    let mut code = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some((text, tab)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let (text, tab) = heading.take().unwrap_or_default();
                    if tab {
                        other_tab = !text.trim().eq_ignore_ascii_case("http");
                    } else {
                        other_tab = false;
                        out.block(text.trim());
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("#tab/") => {
                    *tab = true
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some((String::new(), false)),
            Event::Rule => other_tab = false,
            _ if other_tab => {}
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                code.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                let mut lines: Vec<&str> = code.trim_end().lines().collect();
                if form == Form::Braceless {
                    let open = lines.iter().position(|l| l.trim() == "{");
                    if let (Some(open), Some(close)) = (open, lines.last()) {
                        if close.trim() == "}" && open + 2 < lines.len() {
                            lines.pop();
                            lines.remove(open);
                        }
                    }
                }
                out.block(&lines.join("\n"));
            }
            Event::Text(t) if in_code => code.push_str(&t),
            Event::Start(Tag::Paragraph) if list_depth == 0 => inline.clear(),
            Event::End(TagEnd::Paragraph) if list_depth == 0 => {
                let raw = &body[range];
                if raw.contains("[!INCLUDE") {
                    for path in raw.lines().filter_map(include_path) {
                        let file = dir.join(path);
                        match std::fs::read_to_string(&file) {
                            Ok(text) if depth < 4 => {
                                let dir = file.parent().unwrap_or(dir);
                                render(out, &text, dir, form, depth + 1);
                            }
                            _ => {}
                        }
                    }
                } else if let Some((alert, rest)) = alert(inline.trim()) {
                    // `> [!IMPORTANT]` shows as a label of its own.
                    out.block(alert);
                    out.block(rest);
                } else {
                    out.block(inline.trim());
                }
                inline.clear();
            }
            Event::Start(Tag::List(_)) => {
                // A nested list: its item's own text comes first.
                item(out, &mut inline, list_depth);
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 {
                    out.end_block();
                }
            }
            Event::Start(Tag::Item) => inline.clear(),
            Event::End(TagEnd::Item) => item(out, &mut inline, list_depth),
            Event::Start(Tag::TableRow | Tag::TableHead) => row.clear(),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                out.line(&row.join(if form == Form::Tabbed { "\t" } else { " " }));
                row.clear();
            }
            Event::End(TagEnd::Table) => out.end_block(),
            Event::Start(Tag::TableCell) => inline.clear(),
            Event::End(TagEnd::TableCell) => row.push(inline.trim().to_string()),
            Event::Text(t) | Event::Code(t) => inline.push_str(&t),
            Event::SoftBreak => inline.push(' '),
            Event::HardBreak => inline.push('\n'),
            // Tags that end a line on the site (`<br>`, the items of a list
            // in a cell) leave a space in a flattened row.
            Event::InlineHtml(t) if ends_a_line(&t) => inline.push(' '),
            _ => {}
        }
    }
}

fn ends_a_line(tag: &str) -> bool {
    let name = tag.trim_start().trim_start_matches(['<', '/']);
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    ["br", "li", "ul", "ol", "p", "div"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&name[..end]))
}

/// The path of an `[!INCLUDE [label](path)]` line.
fn include_path(line: &str) -> Option<&str> {
    let rest = line.trim().trim_start_matches('>').trim();
    let rest = rest.strip_prefix("[!INCLUDE")?;
    let (_, rest) = rest.split_once("](")?;
    Some(rest.split_once(')')?.0.trim())
}

/// `[!NOTE] text` as its label ("Note") and the text.
fn alert(paragraph: &str) -> Option<(&'static str, &str)> {
    let rest = paragraph.strip_prefix("[!")?;
    let (kind, text) = rest.split_once(']')?;
    let label = match kind.to_ascii_uppercase().as_str() {
        "NOTE" => "Note",
        "IMPORTANT" => "Important",
        "TIP" => "Tip",
        "CAUTION" => "Caution",
        "WARNING" => "Warning",
        _ => return None,
    };
    Some((label, text.trim()))
}

/// A list item's text, when it has any, as a line after its bullet.
fn item(out: &mut Text, inline: &mut String, depth: usize) {
    if depth > 0 && !inline.trim().is_empty() {
        out.line(&format!("{}• {}", "  ".repeat(depth), inline.trim()));
    }
    inline.clear();
}

fn without_front_matter(page: &str) -> &str {
    let Some(rest) = page.strip_prefix("---") else {
        return page;
    };
    match rest.find("\n---") {
        Some(end) => {
            let after = &rest[end + 4..];
            after.split_once('\n').map_or("", |(_, body)| body)
        }
        None => page,
    }
}

/// The text, a blank line between blocks.
#[derive(Default)]
struct Text {
    text: String,
    in_block: bool,
}

impl Text {
    /// A block of its own (a heading, a paragraph, a code block).
    fn block(&mut self, block: &str) {
        if block.is_empty() {
            return;
        }
        self.end_block();
        self.text.push_str(block);
        self.text.push_str("\n\n");
    }

    /// A line of a block of lines (list items, table rows).
    fn line(&mut self, line: &str) {
        self.in_block = true;
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn end_block(&mut self) {
        if self.in_block {
            self.text.push('\n');
            self.in_block = false;
        }
    }
}
