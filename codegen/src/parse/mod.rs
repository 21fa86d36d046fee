//! Parsing: docs pages to page facts. Both page forms (Markdown source and
//! rendered text) are lowered to one block stream (`blocks`), includes are
//! expanded by the loader, and one interpreter (`page`) reads the facts.

pub mod annotation;
pub mod blocks;
pub mod http;
pub mod json;
pub mod markdown;
pub mod page;
pub mod permissions;
pub mod prose;
pub mod rendered;
pub mod resource;
pub mod table_rows;

use crate::diagnostics::{Code, Diagnostic};
use blocks::{Block, BlockKind, IncludeOutcome};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

pub use page::{PageFacts, PageForm, PageKind};

/// Reads pages and their includes from a docs root, never outside it.
pub struct Loader {
    source: FileSource,
    /// How files are named in diagnostics and the IR, e.g. `spec`.
    display_prefix: String,
}

enum FileSource {
    Disk {
        root: PathBuf,
        canonical_root: Option<PathBuf>,
        /// Canonical folders, resolved once each: `realpath` per file was a
        /// tenth of the parse time.
        canonical_dirs: std::sync::Mutex<BTreeMap<PathBuf, Option<PathBuf>>>,
    },
    Memory(BTreeMap<String, String>),
}

/// Front matter fields we use.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub ms_prod: Option<String>,
    pub doc_type: Option<String>,
}

impl Loader {
    pub fn disk(root: &Path, display_prefix: &str) -> Self {
        Loader {
            source: FileSource::Disk {
                root: root.to_path_buf(),
                canonical_root: root.canonicalize().ok(),
                canonical_dirs: std::sync::Mutex::new(BTreeMap::new()),
            },
            display_prefix: display_prefix.trim_end_matches('/').to_string(),
        }
    }

    /// An in-memory docs tree, for tests: relative path to contents.
    pub fn memory(files: BTreeMap<String, String>) -> Self {
        Loader {
            source: FileSource::Memory(files),
            display_prefix: String::new(),
        }
    }

    /// The name of a root-relative file in diagnostics and the IR.
    pub fn display(&self, rel: &str) -> String {
        if self.display_prefix.is_empty() || self.display_prefix == "." {
            rel.to_string()
        } else {
            format!("{}/{}", self.display_prefix, rel)
        }
    }

    /// Reads a root-relative file. Invalid UTF-8 is replaced, with a flag.
    pub fn read(&self, rel: &str) -> Result<(Cow<'_, str>, bool), String> {
        match &self.source {
            FileSource::Memory(files) => files
                .get(rel)
                .map(|t| (Cow::Borrowed(t.as_str()), false))
                .ok_or_else(|| "no such file".to_string()),
            FileSource::Disk {
                root,
                canonical_root,
                canonical_dirs,
            } => {
                let path = root.join(rel);
                if let Some(croot) = canonical_root {
                    // A link anywhere on the way out of the root: the file
                    // itself, or a folder above it.
                    let is_link = std::fs::symlink_metadata(&path)
                        .map(|m| m.file_type().is_symlink())
                        .unwrap_or(false);
                    let real = if is_link {
                        path.canonicalize().ok()
                    } else {
                        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        let dir = match canonical_dirs.lock() {
                            Ok(mut cache) => cache
                                .entry(parent.clone())
                                .or_insert_with(|| parent.canonicalize().ok())
                                .clone(),
                            Err(_) => parent.canonicalize().ok(),
                        };
                        dir.zip(path.file_name()).map(|(d, n)| d.join(n))
                    };
                    if let Some(real) = real {
                        if !real.starts_with(croot) {
                            return Err("escapes the docs root through a link".into());
                        }
                    }
                }
                let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
                let (text, lossy) = decode(bytes);
                Ok((Cow::Owned(text), lossy))
            }
        }
    }

    fn exists(&self, rel: &str) -> bool {
        match &self.source {
            FileSource::Memory(files) => files.contains_key(rel),
            FileSource::Disk { root, .. } => root.join(rel).is_file(),
        }
    }

    /// Parses one page (root-relative path) into facts.
    pub fn parse_page(&self, rel: &str) -> PageFacts {
        let file: std::sync::Arc<str> = self.display(rel).into();
        let mut diags = Vec::new();
        let (text, lossy) = match self.read(rel) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::Io,
                    &*file,
                    1,
                    format!("cannot read page: {e}"),
                ));
                (Cow::Borrowed(""), false)
            }
        };
        if lossy {
            diags.push(Diagnostic::new(
                Code::InvalidUtf8,
                &*file,
                1,
                "page is not valid UTF-8; invalid bytes were replaced",
            ));
        }
        let (front, form, mut blocks) = lower(&text, file.clone());
        let mut expansion = Expansion {
            stack: vec![rel.to_string()],
            reads_left: MAX_INCLUDE_READS,
        };
        blocks = self.expand(blocks, rel, &mut expansion, &mut diags);
        let mut facts = page::interpret(&file, rel, form, &front, &blocks);
        facts.diagnostics.splice(0..0, diags);
        facts
    }

    /// Replaces include blocks with the blocks of the included file.
    fn expand(
        &self,
        blocks: Vec<Block>,
        from: &str,
        expansion: &mut Expansion,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Block> {
        if !blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Include { .. }))
        {
            return blocks;
        }
        let mut out = Vec::with_capacity(blocks.len());
        for block in blocks {
            let BlockKind::Include { label, path, .. } = &block.kind else {
                out.push(block);
                continue;
            };
            let outcome = if is_snippet(label, path) {
                IncludeOutcome::Skipped
            } else {
                match resolve(from, path) {
                    None => IncludeOutcome::EscapesRoot,
                    Some(target) if expansion.stack.contains(&target) => IncludeOutcome::Cycle,
                    Some(target) if !self.exists(&target) => IncludeOutcome::Missing,
                    Some(_) if expansion.reads_left == 0 => IncludeOutcome::TooMany,
                    Some(target) => match self.read(&target) {
                        Ok((text, _)) => {
                            expansion.reads_left -= 1;
                            let file = self.display(&target);
                            let (_, _, inner) = lower_markdown(&text, file);
                            expansion.stack.push(target.clone());
                            let inner = self.expand(inner, &target, expansion, diags);
                            expansion.stack.pop();
                            out.extend(inner);
                            // Keep a marker so the interpreter sees the include itself.
                            IncludeOutcome::Skipped
                        }
                        Err(_) => IncludeOutcome::EscapesRoot,
                    },
                }
            };
            match outcome {
                IncludeOutcome::EscapesRoot => diags.push(Diagnostic::at(
                    Code::IncludeEscapesRoot,
                    &block.at,
                    format!("include `{path}` lies outside the docs root; it was not read"),
                )),
                IncludeOutcome::Cycle => diags.push(Diagnostic::at(
                    Code::IncludeCycle,
                    &block.at,
                    format!("include `{path}` includes itself"),
                )),
                // Said once: the includes refused after it are many.
                IncludeOutcome::TooMany
                    if !diags.iter().any(|d| d.code == Code::IncludeLimit) =>
                {
                    diags.push(Diagnostic::at(
                        Code::IncludeLimit,
                        &block.at,
                        format!(
                            "include `{path}` was not read: the page's includes already read {MAX_INCLUDE_READS} files; it and the includes after it are left out"
                        ),
                    ))
                }
                _ => {}
            }
            let BlockKind::Include { label, path, .. } = block.kind else {
                unreachable!()
            };
            out.push(Block {
                kind: BlockKind::Include {
                    label,
                    path,
                    outcome,
                },
                at: block.at,
            });
        }
        out
    }
}

/// How many include files one page may read, nested ones counted. Real
/// pages read a handful; a page whose includes each include the next one
/// twice would read 2^30 files from thirty small ones, and never finish.
pub const MAX_INCLUDE_READS: usize = 256;

/// The state of one page's include expansion: the chain that led to the
/// include at hand (for cycles), and how many more files it may read.
struct Expansion {
    stack: Vec<String>,
    reads_left: usize,
}

/// A file's bytes as text, without a copy when they are valid UTF-8;
/// otherwise invalid bytes are replaced, and the flag says so.
pub fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// SDK snippet includes are not docs facts; they are never followed.
fn is_snippet(label: &str, path: &str) -> bool {
    path.contains("/snippets/") || matches!(label, "sample-code" | "sdk-documentation")
}

/// Resolves `target` relative to the directory of `from`, lexically.
/// `None` when it climbs out of the root.
pub fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for comp in Path::new(target).components() {
        match comp {
            Component::Normal(s) => parts.push(s.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir | Component::RootDir => {}
            Component::Prefix(_) => return None,
        }
    }
    parts.retain(|p| !p.is_empty());
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Front matter, page form and blocks of a page's text.
pub fn lower(
    text: &str,
    file: impl Into<std::sync::Arc<str>>,
) -> (FrontMatter, PageForm, Vec<Block>) {
    if is_markdown(text) {
        lower_markdown(text, file)
    } else {
        (
            FrontMatter::default(),
            PageForm::Rendered,
            rendered::to_blocks(text, file),
        )
    }
}

fn lower_markdown(
    text: &str,
    file: impl Into<std::sync::Arc<str>>,
) -> (FrontMatter, PageForm, Vec<Block>) {
    let (front, body, first_line) = split_front_matter(text);
    (
        front,
        PageForm::Markdown,
        markdown::to_blocks(body, file, first_line),
    )
}

/// Tells Markdown source from rendered text by content, never by name.
/// An HTML comment is no sign: the site shows one that a page's code
/// quotes, or that follows a fence the page never closes
/// (planneruserids.md, 2020), and every Markdown page of the trees has a
/// stronger sign (front matter, a heading, a fence or a table).
pub fn is_markdown(text: &str) -> bool {
    if text.trim_start_matches('\u{feff}').starts_with("---") {
        return true;
    }
    text.lines().take(400).any(|l| {
        let t = l.trim_start();
        (t.starts_with("# ") || t.starts_with("## "))
            || t.starts_with("```")
            || t.starts_with("|:-")
            || t.starts_with("|--")
            || t.starts_with("| :-")
            || t.starts_with("[!INCLUDE")
    })
}

/// Parses front matter and returns the body after it, with the line the
/// body starts on, so that line numbers stay true without copying the page.
fn split_front_matter(text: &str) -> (FrontMatter, &str, u32) {
    let text = text.trim_start_matches('\u{feff}');
    let Some(yaml_start) = fence_end(text, 0) else {
        return (FrontMatter::default(), text, 1);
    };
    // A fence on the last line closes nothing.
    if !text[..yaml_start].ends_with('\n') {
        return (FrontMatter::default(), text, 1);
    }
    // The closing fence is the first later line that is `---`, searched for
    // from the opening fence's own newline, so that an empty YAML is found.
    // The YAML is the slice between the fences: nothing is copied. (The
    // searcher is built once: one per page cost more than the search.)
    static FENCE: prose::Phrase = prose::Phrase::new("\n---");
    let mut from = yaml_start - 1;
    while let Some(newline) = FENCE.find(&text[from..]) {
        let line_start = from + newline + 1;
        if let Some(body_start) = fence_end(text, line_start) {
            let yaml = &text[yaml_start..line_start];
            // The opening fence, the YAML's lines, the closing fence: the body
            // starts on the line after.
            let lines = 3 + blocks::count_newlines(yaml.as_bytes());
            return (
                front_matter(yaml),
                &text[body_start..],
                u32::try_from(lines).unwrap_or(u32::MAX),
            );
        }
        from = line_start;
    }
    (FrontMatter::default(), text, 1)
}

/// Where the line after a `---` fence line starting at `start` begins (the
/// end of the text when it is the last line); `None` when the line is not a
/// fence. Trailing whitespace is allowed, as `trim_end` allows it.
fn fence_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?.strip_prefix("---")?;
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    rest[..line_len]
        .trim_end()
        .is_empty()
        .then_some(start + 3 + line_len)
}

/// `key: value` lines whose values need no YAML to read: plain, or quoted
/// without escapes. Most front matter is this; the rest goes to serde_yaml.
/// The values are slices of the front matter: nothing is copied until a
/// field the pages use is picked. Front matter is a few short lines, so
/// they are scanned byte by byte (a vector search costs more to start).
fn simple_front_matter(yaml: &str) -> Option<Vec<(&str, &str)>> {
    let mut map = Vec::new();
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            return None; // nested or a list
        }
        let colon = line.bytes().position(|b| b == b':')?;
        let (key, value) = (&line[..colon], line[colon + 1..].trim());
        let bytes = value.as_bytes();
        let plain = match bytes.first() {
            None => "",
            Some(b'"') => {
                let inner = value.strip_prefix('"')?.strip_suffix('"')?;
                if inner.bytes().any(|b| b == b'\\' || b == b'"') {
                    return None;
                }
                inner
            }
            Some(b'\'') => {
                let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.bytes().any(|b| b == b'\'') {
                    return None;
                }
                inner
            }
            Some(b'|' | b'>' | b'[' | b'{' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`') => {
                return None
            }
            // A comment or a nested mapping on the line.
            Some(_) if bytes.windows(2).any(|w| w == b" #" || w == b": ") => return None,
            Some(_) => value,
        };
        map.push((key.trim(), plain));
    }
    Some(map)
}

fn front_matter(yaml: &str) -> FrontMatter {
    if let Some(map) = simple_front_matter(yaml) {
        // A key given twice keeps its last value, as in a map.
        return picked_front_matter(|k| {
            map.iter()
                .rev()
                .find(|(key, _)| *key == k)
                .map(|(_, value)| *value)
        });
    }
    let map: BTreeMap<String, String> =
        match serde_yaml::from_str::<BTreeMap<String, serde_yaml::Value>>(yaml) {
            Ok(m) => m
                .into_iter()
                .filter_map(|(k, v)| match v {
                    serde_yaml::Value::String(s) => Some((k, s)),
                    serde_yaml::Value::Number(n) => Some((k, n.to_string())),
                    _ => None,
                })
                .collect(),
            // Hand-edited front matter is often not valid YAML: read key: value lines.
            Err(_) => yaml
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| {
                    (
                        k.trim().to_string(),
                        v.trim().trim_matches(['"', '\'']).to_string(),
                    )
                })
                .collect(),
        };
    picked_front_matter(|k| map.get(k).map(String::as_str))
}

/// The fields the pages use, from a front matter lookup.
fn picked_front_matter<'a>(lookup: impl Fn(&str) -> Option<&'a str>) -> FrontMatter {
    let get = |k: &str| {
        lookup(k)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    FrontMatter {
        title: get("title"),
        description: get("description"),
        ms_prod: get("ms.prod").or_else(|| get("ms.subservice")),
        doc_type: get("doc_type"),
    }
}

/// Every file below `root`, sorted; build output (`target`) and hidden
/// folders are skipped.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(ft) = entry.file_type() else { continue };
            let name = entry.file_name();
            if ft.is_dir() {
                if name != "target" && !name.to_string_lossy().starts_with('.') {
                    dirs.push(entry.path());
                }
            } else if ft.is_file() || ft.is_symlink() {
                out.push(entry.path());
            }
        }
    }
    // By bytes: as stable as by path components, and a tenth of the cost.
    out.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out
}

/// Every page below `root` (root-relative, sorted), skipping include folders.
pub fn list_pages(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    // Each folder with its path below the root, so that a page's relative
    // path is its folder's plus its name (no full path per file to make
    // and strip again).
    let mut dirs = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(ft) = entry.file_type() else { continue };
            let file_name = entry.file_name();
            let name = file_name.to_string_lossy();
            let below = || {
                if rel.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel}/{name}")
                }
            };
            if ft.is_dir() {
                if name != "includes" && !name.starts_with('.') {
                    dirs.push((entry.path(), below()));
                }
            } else if ft.is_file()
                && (name.ends_with(".md") || name.ends_with(".txt"))
                && !name.eq_ignore_ascii_case("readme.md")
            {
                let page = below();
                out.push(if page.contains('\\') {
                    page.replace('\\', "/")
                } else {
                    page
                });
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_listed_below_the_root_outside_include_and_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "a.md",
            "README.md",
            "notes.txt",
            "image.png",
            "api/user-get.md",
            "api/deep/er/page.md",
            "api/includes/perm.md",
            "includes/x.md",
            ".git/HEAD.md",
            "resources/back\\slash.md",
            "resources/ünï.md",
        ] {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "x").unwrap();
        }
        // Only Unix can name a file with bytes that are not UTF-8.
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut expected = vec![
            "a.md",
            "api/deep/er/page.md",
            "api/user-get.md",
            "notes.txt",
            "resources/back/slash.md",
            "resources/ünï.md",
        ];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = std::ffi::OsStr::from_bytes(b"bad\xff.md");
            std::fs::write(root.join("api").join(odd), "x").unwrap();
            // A symlinked page is not a page of this tree.
            std::os::unix::fs::symlink(root.join("a.md"), root.join("api/link.md")).unwrap();
            expected.push("api/bad\u{fffd}.md");
            expected.sort();
        }
        assert_eq!(list_pages(root), expected);

        let tree =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-docs-2020");
        if !tree.is_dir() {
            eprintln!("corpus absent at {}; listed a fixture only", tree.display());
            return;
        }
        // The tree as described: 1563 API pages and 897 resource pages.
        let pages = list_pages(&tree);
        let count = |folder: &str| pages.iter().filter(|p| p.starts_with(folder)).count();
        assert_eq!(count("api-reference/v1.0/api/"), 1563);
        assert_eq!(count("api-reference/v1.0/resources/"), 897);
        assert_eq!(pages.len(), 1563 + 897);
        assert!(pages.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }

    #[test]
    fn includes_resolve_within_the_root_only() {
        assert_eq!(
            resolve(
                "api-reference/beta/api/a.md",
                "../includes/permissions/a.md"
            )
            .as_deref(),
            Some("api-reference/beta/includes/permissions/a.md")
        );
        assert_eq!(
            resolve(
                "api-reference/beta/api/a.md",
                "../../includes/beta-disclaimer.md"
            )
            .as_deref(),
            Some("api-reference/includes/beta-disclaimer.md")
        );
        assert_eq!(resolve("api/a.md", "../../../etc/passwd"), None);
    }

    #[test]
    fn form_is_told_by_content() {
        assert!(is_markdown("---\ntitle: x\n---\n# X\n"));
        assert!(!is_markdown(
            "Get longRunningOperation\n\nNamespace: microsoft.graph\n"
        ));
        // The site shows a comment that follows a fence never closed.
        assert!(!is_markdown(
            "plannerUserIds resource type\n\nJSON representation\n\n{\n  \"String-value\": true\n}\n\n<!-- {\n  \"type\": \"#page.annotation\"\n}-->\n"
        ));
    }

    #[test]
    fn front_matter_keeps_line_numbers() {
        let page = "---\ntitle: \"Get x\"\nms.prod: \"identity-and-sign-in\"\n---\n# Get x\n";
        let (fm, body, first_line) = split_front_matter(page);
        assert_eq!(fm.title.as_deref(), Some("Get x"));
        assert_eq!(fm.ms_prod.as_deref(), Some("identity-and-sign-in"));
        assert_eq!((body, first_line), ("# Get x\n", 5));
        let blocks = markdown::to_blocks(body, "p.md", first_line);
        assert_eq!(blocks[0].at.line, 5);
    }

    /// The line-by-line reading the fence search replaced: the first line
    /// and a later one whose `trim_end` is `---`.
    fn fences_line_by_line(text: &str) -> Option<(&str, &str, u32)> {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next().filter(|l| l.trim_end() == "---")?;
        let (mut count, mut body_start) = (1, first.len());
        for line in lines {
            count += 1;
            let yaml_end = body_start;
            body_start += line.len();
            if line.trim_end() == "---" {
                return Some((&text[first.len()..yaml_end], &text[body_start..], count + 1));
            }
        }
        None
    }

    #[test]
    fn fences_are_found_as_line_by_line() {
        // A wide space: trailing whitespace that is more than one byte.
        let alphabet = ['-', '\n', '\r', ' ', 'a', '\u{3000}'];
        for case in crate::testing::every_string(&alphabet, 7) {
            let (_, body, line) = split_front_matter(&case);
            let expected =
                fences_line_by_line(&case).map_or((case.as_str(), 1), |(_, b, l)| (b, l));
            assert_eq!((body, line), expected, "{case:?}");
        }
    }

    /// The reading `simple_front_matter` had with `lines`, `split_once` and
    /// `contains`.
    fn simple_by_str(yaml: &str) -> Option<Vec<(&str, &str)>> {
        let mut map = Vec::new();
        for line in yaml.lines() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if line.starts_with([' ', '\t', '-']) {
                return None;
            }
            let (key, value) = line.split_once(':')?;
            let value = value.trim();
            let plain = match value.as_bytes().first() {
                None => "",
                Some(b'"') => {
                    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
                    if inner.contains(['\\', '"']) {
                        return None;
                    }
                    inner
                }
                Some(b'\'') => {
                    let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
                    if inner.contains('\'') {
                        return None;
                    }
                    inner
                }
                Some(b'|' | b'>' | b'[' | b'{' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`') => {
                    return None
                }
                Some(_) if value.contains(" #") || value.contains(": ") => return None,
                Some(_) => value,
            };
            map.push((key.trim(), plain));
        }
        Some(map)
    }

    #[test]
    fn simple_front_matter_reads_as_by_str() {
        let alphabet = ['a', ':', ' ', '#', '"', '\'', '\\', '\n', '\r', '-'];
        for case in crate::testing::every_string(&alphabet, 5) {
            assert_eq!(simple_front_matter(&case), simple_by_str(&case), "{case:?}");
        }
        let page = "title: \"Get a user\"\r\nms.prod: users\n# note\ndoc_type: a # b\n";
        assert_eq!(simple_front_matter(page), simple_by_str(page));
    }

    #[test]
    fn includes_that_fan_out_stop_at_the_limit() {
        let mut files = BTreeMap::new();
        files.insert(
            "api/a.md".to_string(),
            "# A\n\n## Permissions\n\n[!INCLUDE [p](../includes/f0.md)]\n".to_string(),
        );
        // Each includes the next twice: 2^30 reads, unless stopped.
        for i in 0..30 {
            files.insert(
                format!("includes/f{i}.md"),
                format!(
                    "[!INCLUDE [p](f{0}.md)]\n\n[!INCLUDE [p](f{0}.md)]\n",
                    i + 1
                ),
            );
        }
        files.insert("includes/f30.md".to_string(), "Last.\n".to_string());
        let loader = Loader::memory(files);
        let facts = loader.parse_page("api/a.md");
        let limits: Vec<&Diagnostic> = facts
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::IncludeLimit)
            .collect();
        assert_eq!(limits.len(), 1, "{:?}", facts.diagnostics);
        assert!(limits[0].message.contains("256"), "{}", limits[0].message);
        // From f24, 2^7 - 1 = 127 reads: under the limit, all made.
        let mut under = std::collections::BTreeMap::new();
        under.insert(
            "api/b.md".to_string(),
            "# B\n\n[!INCLUDE [p](../includes/f24.md)]\n".to_string(),
        );
        for i in 24..=30 {
            let name = format!("includes/f{i}.md");
            under.insert(name.clone(), loader_text(&loader, &name));
        }
        let facts = Loader::memory(under).parse_page("api/b.md");
        assert!(
            facts
                .diagnostics
                .iter()
                .all(|d| d.code != Code::IncludeLimit),
            "{:?}",
            facts.diagnostics
        );
    }

    fn loader_text(loader: &Loader, rel: &str) -> String {
        loader.read(rel).unwrap().0.into_owned()
    }

    #[test]
    fn include_cycles_and_escapes_are_diagnosed() {
        let mut files = BTreeMap::new();
        files.insert(
            "api/a.md".to_string(),
            "# A\n\n[!INCLUDE [x](../includes/x.md)]\n\n[!INCLUDE [y](../../y.md)]\n".to_string(),
        );
        files.insert(
            "includes/x.md".to_string(),
            "[!INCLUDE [a](../includes/x.md)]\n".to_string(),
        );
        let facts = Loader::memory(files).parse_page("api/a.md");
        let codes: Vec<Code> = facts.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::IncludeCycle), "{codes:?}");
        assert!(codes.contains(&Code::IncludeEscapesRoot), "{codes:?}");
    }
}
