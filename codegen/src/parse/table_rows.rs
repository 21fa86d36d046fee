//! Table delimiter rows as the docs site reads them. pulldown-cmark follows
//! GitHub's table rules to the letter: a delimiter row padded with tabs
//! (`|---------------\t \t|`, insights-trending.md and four more resource
//! pages of 2020), or one with more or fewer cells than its header
//! (authentication-list-methods.md: a header of two cells over a delimiter
//! row of three), makes the whole table a paragraph. The docs site shows
//! those tables, and the page would lose its properties or a permission
//! set without a word. So such rows are rewritten before tokenising:
//! tabs become spaces, surplus cells become spaces, and a missing cell is
//! split off a run of dashes. Every rewrite replaces one byte with another,
//! so offsets and line numbers stay where they were. `markdown::to_blocks`
//! asks for this only when a paragraph holds a delimiter row, and lowers
//! the page again with the rewritten rows.

use std::borrow::Cow;

/// A delimiter row whose cells did not match its header's: the table was
/// read with the header's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The byte offset of the header line in the text.
    pub header_at: usize,
    pub header_cells: usize,
    pub delimiter_cells: usize,
}

/// `text` with its table delimiter rows rewritten as the module says, and
/// the tables whose cell counts had to be made to match.
pub fn readable(text: &str) -> (Cow<'_, str>, Vec<Mismatch>) {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut mismatches = Vec::new();
    // Only lines with a pipe can be delimiter rows: they are found from
    // their first pipe, each line once, so that the prose and code of a
    // page are not walked line by line, nor a row pipe by pipe.
    let mut from = 0;
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'|', rest))
    {
        let (start, end) = line_around(bytes, from + found);
        from = end + 1;
        let line = &bytes[start..end];
        if !is_delimiter_row(line) {
            continue;
        }
        // The line above is the header, unless it is a delimiter row
        // itself or the line above that is a table row: then this line
        // (`| - | - |`, cells that say "none") is a row of a table.
        let previous = (start > 0).then(|| line_around(bytes, start - 1));
        let in_table = previous.is_some_and(|(above, end)| {
            is_delimiter_row(&bytes[above..end])
                || above > 0 && {
                    let (s, e) = line_around(bytes, above - 1);
                    starts_with_pipe(&bytes[s..e])
                }
        });
        let header = previous.filter(|_| !in_table).map(|(s, e)| &bytes[s..e]);
        if let Some(fixed) = rewrite(line, header) {
            let buf = out.get_or_insert_with(|| bytes.to_vec());
            buf[start..end].copy_from_slice(&fixed.row);
            if let (Some((header_at, _)), Some((header_cells, delimiter_cells))) =
                (previous, fixed.cells)
            {
                mismatches.push(Mismatch {
                    header_at,
                    header_cells,
                    delimiter_cells,
                });
            }
        }
    }
    let text = match out {
        // Only ASCII bytes of the row were replaced, by ASCII bytes.
        Some(buf) => Cow::Owned(String::from_utf8(buf).unwrap_or_else(|_| text.to_string())),
        None => Cow::Borrowed(text),
    };
    (text, mismatches)
}

/// The start and end (its newline, or the end of the text) of the line
/// that holds byte `at`. A newline belongs to the line it ends.
fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    (start, end)
}

/// A line made only of pipes, colons, dashes and blanks, with at least one
/// pipe and one dash: what a delimiter row looks like. (A line of dashes
/// alone is a rule or a heading underline.)
pub fn is_delimiter_row(line: &[u8]) -> bool {
    let first = line.iter().find(|b| !matches!(b, b' ' | b'\t'));
    matches!(first, Some(b'|' | b':' | b'-'))
        && line
            .iter()
            .all(|b| matches!(b, b'|' | b':' | b'-' | b' ' | b'\t' | b'\r'))
        && line.contains(&b'|')
        && line.contains(&b'-')
}

/// Whether a line's first non-blank byte is a pipe: a table row (or a
/// row with a leading pipe).
fn starts_with_pipe(line: &[u8]) -> bool {
    line.iter().find(|b| !matches!(b, b' ' | b'\t')) == Some(&b'|')
}

struct Rewrite {
    row: Vec<u8>,
    /// (header cells, delimiter cells) when the counts differed.
    cells: Option<(usize, usize)>,
}

/// The delimiter row as pulldown-cmark takes it, when it differs from
/// `row`; `header` is the line above it.
fn rewrite(row: &[u8], header: Option<&[u8]>) -> Option<Rewrite> {
    let header_cells = header.filter(|h| h.contains(&b'|')).map(cell_count);
    // Tabs are blanks to `trim_ascii`, so the count is the rewritten row's.
    let delimiter_cells = cell_count(row);
    if !row.contains(&b'\t') && header_cells.is_none_or(|h| h == delimiter_cells) {
        return None; // the common case: nothing to rewrite
    }
    let spaced: Vec<u8> = row
        .iter()
        .map(|&b| if b == b'\t' { b' ' } else { b })
        .collect();
    let mut fixed = spaced.clone();
    let mut cells = None;
    match header_cells {
        Some(want) if want > 0 && want < delimiter_cells => {
            // Blank out every cell after the header's last one.
            let pipes: Vec<usize> = pipe_positions(&fixed);
            let leading = starts_with_pipe(&fixed);
            let keep_through = pipes.get(if leading { want } else { want - 1 }).copied();
            // The cells kept must still make a delimiter row (`||-` under a
            // one-cell header keeps no dash: that is no table).
            let kept_dash = keep_through.is_some_and(|last| fixed[..last].contains(&b'-'));
            if let (Some(last), true) = (keep_through, kept_dash) {
                for b in &mut fixed[last + 1..] {
                    if *b != b'\r' {
                        *b = b' ';
                    }
                }
                cells = Some((want, delimiter_cells));
            }
        }
        Some(want) if want > delimiter_cells => {
            // Split runs of dashes, in one pass (a hostile header of a
            // million cells must not make this quadratic): a run of `n`
            // dashes gives up to `(n - 1) / 2` more cells, a dash on
            // each side of every new pipe.
            let mut needed = want - delimiter_cells;
            let mut i = 0;
            while i < fixed.len() && needed > 0 {
                if fixed[i] != b'-' {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < fixed.len() && fixed[i] == b'-' {
                    i += 1;
                }
                let splits = needed.min((i - start - 1) / 2);
                for j in 0..splits {
                    fixed[start + 1 + 2 * j] = b'|';
                }
                needed -= splits;
            }
            if needed == 0 {
                cells = Some((want, delimiter_cells));
            } else {
                // Not enough dashes to split: leave the row as it was,
                // but for its tabs.
                fixed = spaced;
            }
        }
        _ => {}
    }
    (fixed != row).then_some(Rewrite { row: fixed, cells })
}

/// Whether byte `i` of a row is a pipe that separates cells (not `\|`).
fn separates(line: &[u8], i: usize) -> bool {
    line[i] == b'|' && (i == 0 || line[i - 1] != b'\\')
}

/// Offsets of the pipes that separate cells.
fn pipe_positions(line: &[u8]) -> Vec<usize> {
    (0..line.len()).filter(|&i| separates(line, i)).collect()
}

/// How many cells a table row has, as GitHub counts them: a leading and a
/// trailing pipe open and close the row, `\|` is no separator.
fn cell_count(line: &[u8]) -> usize {
    let trimmed = line.trim_ascii();
    if trimmed.is_empty() {
        return 0;
    }
    let pipes = (0..trimmed.len())
        .filter(|&i| separates(trimmed, i))
        .count();
    let leading = separates(trimmed, 0);
    let trailing = trimmed.len() > 1 && separates(trimmed, trimmed.len() - 1);
    pipes - usize::from(leading) - usize::from(trailing) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> (String, Vec<Mismatch>) {
        let (out, mismatches) = readable(text);
        assert_eq!(out.len(), text.len(), "a rewrite keeps every offset");
        (out.into_owned(), mismatches)
    }

    #[test]
    fn tabs_in_a_delimiter_row_become_spaces() {
        let (out, mismatches) = fixed("|a|b|\r\n|--\t|:-\t|\r\n|1|2|\t\n");
        assert_eq!(out, "|a|b|\r\n|-- |:- |\r\n|1|2|\t\n");
        assert!(mismatches.is_empty());
    }

    #[test]
    fn surplus_delimiter_cells_become_spaces() {
        // authentication-list-methods.md (modern).
        let text = "|Permission type      | Permissions (from least to most privileged)              |\n\
                    |:---------------------------------------|:-------------------------|:-----------------|\n\
                    | Application | A.Read.All |\n";
        let (out, mismatches) = fixed(text);
        let row = out.lines().nth(1).unwrap();
        assert_eq!(
            row.trim_end(),
            "|:---------------------------------------|:-------------------------|"
        );
        assert_eq!(
            mismatches,
            [Mismatch {
                header_at: 0,
                header_cells: 2,
                delimiter_cells: 3
            }]
        );
        // Without outer pipes too.
        let (out, _) = fixed("a | b\n:--|:--|:--\n");
        assert_eq!(out.lines().nth(1).unwrap().trim_end(), ":--|:--|");
    }

    #[test]
    fn a_missing_delimiter_cell_is_split_off_a_run_of_dashes() {
        let (out, mismatches) = fixed("| a | b | c |\n|:------|:---|\n");
        assert_eq!(out.lines().nth(1).unwrap(), "|:-|----|:---|");
        assert_eq!(mismatches[0].delimiter_cells, 2);
        // A row of cells that say "none" under a row with fewer cells is
        // no delimiter row.
        let text = "| a | b | c |\n|---|---|---|\n| x | y |\n| - | - | - |\n";
        let (out, mismatches) = readable(text);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(mismatches.is_empty());
        // Too few dashes to split: left as it is.
        let (out, mismatches) = fixed("| a | b | c |\n|--|--|\n");
        assert_eq!(out, "| a | b | c |\n|--|--|\n");
        assert!(mismatches.is_empty());
    }

    #[test]
    fn what_is_no_delimiter_row_is_left_alone() {
        for text in [
            "a\tb\n|--|--|\n",
            "|a|b|\n|--|--|\n",
            "| a \\| b | c |\n|--|--|\n",
            "```\n---\t\n```\n",
            "x\n---\t\n",
            "Title\n---\n",
            "",
        ] {
            let (out, mismatches) = readable(text);
            assert!(matches!(out, Cow::Borrowed(_)), "{text:?}");
            assert!(mismatches.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn any_text_keeps_its_offsets_and_a_second_pass_changes_nothing() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            '|', '|', '-', '-', '-', ':', ' ', '\t', '\n', '\n', '\r', '\\', 'a', 'é',
        ]);
        let texts = prop::collection::vec(alphabet, 0..60)
            .prop_map(|cs| cs.into_iter().collect::<String>());
        proptest!(ProptestConfig::with_cases(20_000), |(text in texts)| {
            let (once, mismatches) = readable(&text);
            prop_assert_eq!(once.len(), text.len());
            // Only tabs, pipes, colons and dashes of delimiter rows change,
            // into spaces or pipes.
            for (a, b) in text.bytes().zip(once.bytes()) {
                prop_assert!(a == b || (matches!(a, b'\t' | b'|' | b':' | b'-') && matches!(b, b' ' | b'|')));
            }
            for m in &mismatches {
                prop_assert!(m.header_at <= text.len());
            }
            let (twice, _) = readable(&once);
            prop_assert_eq!(twice.as_ref(), once.as_ref());
        });
    }

    #[test]
    fn a_huge_header_over_a_short_row_is_linear() {
        // A hostile page: a million header cells over one run of dashes.
        let header = "|a".repeat(1_000_000) + "|";
        let text = format!("{header}\n|{}|\n", "-".repeat(3_000_000));
        let (out, mismatches) = readable(&text);
        assert_eq!(out.len(), text.len());
        assert_eq!(mismatches.len(), 1);
        assert_eq!(mismatches[0].header_cells, 1_000_000);
        let row = out.lines().nth(1).unwrap();
        assert_eq!(cell_count(row.as_bytes()), 1_000_000);
    }

    #[test]
    fn cells_are_counted_as_github_counts_them() {
        for (row, cells) in [
            ("|a|b|", 2),
            ("a|b", 2),
            ("| a | b |  ", 2),
            ("|a|", 1),
            ("| a \\| b | c |", 2),
            ("|:--|:--|:--|", 3),
            ("", 0),
        ] {
            assert_eq!(cell_count(row.as_bytes()), cells, "{row:?}");
        }
    }
}
