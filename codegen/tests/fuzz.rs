//! Bounded fuzzing of the whole pipeline, run by `cargo test`: arbitrary
//! text, arbitrary bytes on disk (a page and an include) and mutated real pages (from `spec/` and the corpus) go through the page parser,
//! the IR passes and the emitter. Never a panic, never a hang (a watchdog
//! aborts the run when one input takes over 30 s), and whatever is emitted parses as Rust.
//! `PROPTEST_CASES` raises the number of cases for a longer session.

mod common;

use common::render::{to_text, Form};
use proptest::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;

/// Seconds since the epoch when the current case started.
static CASE_STARTED: AtomicU64 = AtomicU64::new(0);

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Marks the start of a case; aborts the run when one case takes over 30 s.
fn watchdog() {
    static START: Once = Once::new();
    CASE_STARTED.store(now(), Ordering::SeqCst);
    START.call_once(|| {
        std::thread::spawn(|| loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            let started = CASE_STARTED.load(Ordering::SeqCst);
            if now().saturating_sub(started) > 30 {
                // Past the test harness's capture of `eprintln!`, which would keep
                // the reason from the log of a run that aborts.
                let _ = std::io::Write::write_all(
                    &mut std::io::stderr(),
                    b"fuzz: one input kept the pipeline busy for over 30 s\n",
                );
                std::process::abort();
            }
        });
    });
}

/// Runs one page through every phase.
fn pipeline(page: &str) {
    let files = [("v1.0/api/fuzz.md".to_string(), page.to_string())]
        .into_iter()
        .collect();
    let loader = codegen::parse::Loader::memory(files);
    let facts = codegen::parse_pages(&loader, &["v1.0/api/fuzz.md".to_string()]);
    let ir = codegen::build_ir(facts);
    for d in &ir.diagnostics {
        assert!(d.line >= 1, "a diagnostic without a line: {d:?}");
    }
    // `generate` checks that every emitted file parses as Rust.
    if let Err(e) = codegen::emit::generate(&ir) {
        panic!("emitted code does not parse: {e}");
    }
}

/// Runs bytes read from disk through every phase: as a page, and as the
/// permissions include another page uses.
fn pipeline_from_disk(bytes: &[u8]) {
    let root = tempfile::Builder::new()
        .prefix("codegen-fuzz-")
        .tempdir()
        .unwrap();
    let api = root.path().join("v1.0/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::create_dir_all(root.path().join("v1.0/includes/permissions")).unwrap();
    std::fs::write(api.join("fuzz.md"), bytes).unwrap();
    std::fs::write(
        api.join("host.md"),
        "# Get host\n\n## Permissions\n\n[!INCLUDE [permissions-table](../includes/permissions/fuzz-permissions.md)]\n\n## HTTP request\n\n```http\nGET /host\n```\n",
    )
    .unwrap();
    std::fs::write(
        root.path()
            .join("v1.0/includes/permissions/fuzz-permissions.md"),
        bytes,
    )
    .unwrap();
    let facts = codegen::parse_tree(&root.path().join("v1.0"), "v1.0");
    let ir = codegen::build_ir(facts);
    if let Err(e) = codegen::emit::generate(&ir) {
        panic!("emitted code does not parse: {e}");
    }
}

/// Real pages to mutate, read once: the seeds in `spec/` and, when the
/// corpus is there, every page of the 2020 tree and the modern pages, with
/// their permission includes (the docs' real variety: rendered and source
/// forms, old and new permission tables, hub pages, enum pages), and the
/// corpus pages rendered to plain text (`common::render`, each with its
/// braces, without them, or with tabbed cells), for the rendered reader.
/// Without the corpus the seeds alone are mutated, and the run says so.
fn real_pages() -> &'static [String] {
    static PAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut roots = vec![manifest.join("../spec")];
        let corpus = manifest.join("../../shared/corpus");
        if corpus.is_dir() {
            roots.push(corpus.join("graph-docs-2020"));
            roots.push(corpus.join("modern"));
        } else {
            eprintln!(
                "corpus folder {} is absent; only the seeds in spec/ are mutated",
                corpus.display()
            );
        }
        let mut pages: Vec<String> = Vec::new();
        for (n, path) in roots
            .iter()
            .flat_map(|root| codegen::parse::files_under(root))
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
            .enumerate()
        {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let corpus_page = path.starts_with(&corpus)
                && path.extension().is_some_and(|e| e == "md")
                && !path.components().any(|c| c.as_os_str() == "includes");
            if corpus_page {
                let form = [Form::Spaced, Form::Braceless, Form::Tabbed][n % 3];
                let dir = path.parent().unwrap_or(Path::new("."));
                pages.push(to_text(&text, dir, form));
            }
            pages.push(text);
        }
        pages.sort();
        pages
    })
}

/// Text that means something to the parser.
const TOKENS: &[&str] = &[
    "|",
    "\n|---|---|\n",
    "```",
    "```http\n",
    "<!--",
    "-->",
    "{",
    "}",
    "[!INCLUDE [x](../x.md)]",
    // Function calls, quoted and not, after non-ASCII text: the argument
    // spellings are read across a page's endpoints.
    "\nGET /x/f(a='{a}')\nGET /é/f({a})\nGET /xü(a={a})\nGET /xü(a='{a}')\n",
    "(",
    "'",
    "\n## ",
    "\n# ",
    "Permission type",
    "Delegated (work or school account)",
    "Not supported.",
    "GET /users/{id}",
    "HTTP/1.1 200 OK\n",
    "\"blockType\": \"response\"",
    "\u{202e}",
    "\0",
    "\r\n",
    "\t",
    "**",
    "`",
    // HTML inside cells, the cases of a permission cell, bulleted
    // permissions, open types keyed by data.
    "<ul><li>",
    "</li><li/>",
    "<td>",
    "<br>In addition:<br>If checking é: A.Read, B.Read</li>",
    "\n* If reading ü: Mail.Read or Mail.ReadWrite\n",
    "\"openType\": true",
    "{\"ca2a-1\": {\"@odata.type\": \"x\"}}",
    // Counts answered as text, with a cast; a keyed GET the quick start
    // may be written from.
    "\nGET https://graph.microsoft.com/v1.0/users/u-1/memberOf/microsoft.graph.group/$count\n",
    "Content-type: text/plain\n\n\u{feff}42\n",
    "\nGET https://graph.microsoft.com/v1.0/users/u-1\n",
    // The rendered form's tables and headings.
    "\nSupported resource Delegated (work or school account) Delegated (personal Microsoft account) Application\n",
    "\nDelegated permission (work or school account)\tA.Read and B.Read\n",
    "\nattachmentType values\n\nMember\n",
    "\nProperty Name Type Description\nx Collection of String y\n",
    "\u{a0}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, usize),
}

fn mutate(page: &str, mutations: &[Mutation]) -> String {
    let mut bytes: Vec<char> = page.chars().collect();
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Delete(at, len) => {
                let start = at % n;
                let end = (start + len % 200).min(bytes.len());
                bytes.drain(start.min(bytes.len())..end);
            }
            Mutation::Duplicate(at, len) => {
                let start = (at % n).min(bytes.len());
                let end = (start + len % 500).min(bytes.len());
                let copy: Vec<char> = bytes[start..end].to_vec();
                bytes.splice(start..start, copy);
            }
            Mutation::Insert(at, token) => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, TOKENS[token % TOKENS.len()].chars());
            }
        }
    }
    bytes.into_iter().collect()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_breaks_the_pipeline(text in any::<String>()) {
        watchdog();
        pipeline(&text);
    }

    #[test]
    fn arbitrary_bytes_on_disk_never_break_the_pipeline(bytes in any::<Vec<u8>>()) {
        watchdog();
        pipeline_from_disk(&bytes);
    }

    #[test]
    fn markdown_soup_never_breaks_the_pipeline(parts in proptest::collection::vec(0..TOKENS.len(), 0..200)) {
        watchdog();
        let text: String = parts.into_iter().map(|i| TOKENS[i]).collect();
        pipeline(&text);
    }

    #[test]
    fn mutated_real_pages_never_break_the_pipeline(
        which in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        watchdog();
        let pages = real_pages();
        prop_assume!(!pages.is_empty());
        let page = &pages[which % pages.len()];
        pipeline(&mutate(page, &mutations));
    }
}
