//! `codegen` turns Microsoft Graph API reference pages into a typed Rust
//! crate, in visible phases:
//!
//! 1. [`parse`]: pages (Markdown source or rendered text) to page facts;
//! 2. [`ir`]: page facts to the IR, merged and normalised;
//! 3. [`emit`]: the IR to Rust token trees, printed with prettyplease;
//! 4. [`write`]: freshness check and atomic write of the generated tree.
//!
//! `xtask` is a thin command line over [`Settings`] and the functions here.

pub mod audit;
pub mod bench;
pub mod cache;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod lookup;
pub mod names;
pub mod parse;
pub mod report;
/// URL-to-template matching, shared with the generated crate.
#[path = "../templates/route.rs"]
pub mod route;
pub mod surface;
pub mod types;
pub mod unique;
/// Date, time and GUID values, shared with the generated crate.
#[path = "../templates/values.rs"]
pub mod values;
pub mod write;

/// Helpers for the crate's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    /// Every string of up to `max_len` characters drawn from `alphabet`,
    /// the empty one included, for checking a fast path against the
    /// reading it replaces exhaustively.
    pub fn every_string(alphabet: &[char], max_len: usize) -> Vec<String> {
        let mut level = vec![String::new()];
        let mut all = level.clone();
        for _ in 0..max_len {
            level = level
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            all.extend(level.iter().cloned());
        }
        all
    }
}

use diagnostics::Diagnostic;
use ir::Ir;
use parse::{Loader, PageFacts};
use std::path::{Path, PathBuf};

/// Where the docs are and where the crate goes.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The docs root: every page below it is read.
    pub docs: PathBuf,
    /// The generated crate's folder.
    pub out: PathBuf,
}

impl Settings {
    /// The committed setup: `spec/` to `generated/`, relative to the workspace root.
    pub fn workspace(root: &Path) -> Self {
        Settings {
            docs: root.join("spec"),
            out: root.join("generated"),
        }
    }
}

/// The docs root that includes may reach: the folder above `api-reference`
/// when `dir` lies inside one, else `dir` itself.
pub fn include_root(dir: &Path) -> PathBuf {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.file_name().is_some_and(|n| n == "api-reference") {
            return d
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
        }
        cur = d.parent();
    }
    dir.to_path_buf()
}

/// A loader for the docs folder `dir`, whose files are named after
/// `display` in diagnostics and the IR (`spec`, or the path the user gave).
/// Includes may reach up to [`include_root`].
pub fn loader_for(dir: &Path, display: &str) -> (Loader, String) {
    let root = include_root(dir);
    let depth = dir
        .components()
        .count()
        .saturating_sub(root.components().count());
    let display_root = match Path::new(display).ancestors().nth(depth) {
        Some(p) if depth == 0 || !p.as_os_str().is_empty() => p.to_string_lossy().to_string(),
        _ => root.to_string_lossy().to_string(),
    };
    let prefix = dir
        .strip_prefix(&root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    (Loader::disk(&root, &display_root), prefix)
}

/// The pages below `dir`, as paths from the loader's root: `prefix` is
/// where `dir` lies below it (what [`loader_for`] gives).
pub fn pages_below(dir: &Path, prefix: &str) -> Vec<String> {
    parse::list_pages(dir)
        .into_iter()
        .map(|p| {
            if prefix.is_empty() {
                p
            } else {
                format!("{prefix}/{p}")
            }
        })
        .collect()
}

/// Parses every page below `dir`.
pub fn parse_tree(dir: &Path, display: &str) -> Vec<PageFacts> {
    let (loader, prefix) = loader_for(dir, display);
    parse_pages(&loader, &pages_below(dir, &prefix))
}

/// Runs `f` over `items` on every core, each item on one thread; the
/// results are in input order. Items are handed out in small runs, so a
/// thread that drew cheap items takes more: pages differ in cost a
/// hundredfold, and halves split in advance finished up to a tenth apart.
/// A panic in `f` is raised again here rather than losing that thread's
/// results.
pub fn on_all_cores<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, PoisonError};
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    // About sixteen runs per thread: enough to even out, few enough that
    // handing them out costs nothing.
    let run = items.len().div_ceil(threads * 16).max(1);
    let mut runs: Vec<Mutex<Option<Vec<T>>>> = Vec::new();
    let mut rest = items.into_iter();
    loop {
        let part: Vec<T> = rest.by_ref().take(run).collect();
        if part.is_empty() {
            break;
        }
        runs.push(Mutex::new(Some(part)));
    }
    let next = AtomicUsize::new(0);
    let (f, runs, next) = (&f, &runs, &next);
    let work = move || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = runs.get(i) else {
                break out;
            };
            let part = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(part) = part {
                out.push((i, part.into_iter().map(f).collect::<Vec<R>>()));
            }
        }
    };
    // The calling thread works too: one thread fewer to start, and what it
    // allocates stays in a heap that lives on (a finished thread's heap is
    // handed over to the others, which costs on every later free).
    //
    // The other threads hand their results over before they end, rather
    // than through `join`: that waits for the thread to exit, and a thread
    // exits slowly (the allocator tidies its heap: 0.3-1.2 ms after its
    // last item, per call). The scope only waits for the work itself; the
    // tidying goes on beside whatever comes next.
    let handed = Mutex::new(Vec::new());
    let hand_over = || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        handed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(result);
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(hand_over);
        }
        hand_over();
    });
    // A panic in any item is raised here, with its own payload.
    let mut done = Vec::new();
    for result in handed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        done.extend(result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
    }
    done.sort_unstable_by_key(|(i, _)| *i);
    // Sized once: grown run by run, a result vector of large items (page
    // facts are some hundred bytes each) was copied and moved to fresh
    // memory at each doubling.
    let mut out = Vec::with_capacity(done.iter().map(|(_, r)| r.len()).sum());
    for (_, r) in done {
        out.extend(r);
    }
    out
}

/// Parses pages on all cores; the result is in input order.
pub fn parse_pages(loader: &Loader, pages: &[String]) -> Vec<PageFacts> {
    on_all_cores(pages.iter().collect(), |p| loader.parse_page(p))
}

/// Page facts to the IR: drafts, merge, models, sorted diagnostics.
pub fn build_ir(pages: Vec<PageFacts>) -> Ir {
    build_ir_keeping(pages, &ir::kept_names::KeptNames::default())
}

/// [`build_ir`], with the operation ids and request-body names a crate
/// already has kept (see `ir::kept_names`).
pub fn build_ir_keeping(mut pages: Vec<PageFacts>, kept: &ir::kept_names::KeptNames) -> Ir {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let mut diags: Vec<Diagnostic> = pages
        .iter_mut()
        .flat_map(|p| std::mem::take(&mut p.diagnostics))
        .collect();
    for p in pages.iter().filter(|p| p.kind == parse::PageKind::Other) {
        // An overview that says it is one gave what it has: a note, not a
        // warning (58 of the 2020 tree's 320 warnings were these).
        diags.push(if p.conceptual {
            Diagnostic::new(
                diagnostics::Code::ConceptualPage,
                &*p.file,
                p.title_line,
                "conceptual page (`doc_type: conceptualPageType`); it documents no operation, model or enum, and nothing was taken from it",
            )
        } else {
            Diagnostic::new(
                diagnostics::Code::PageGaveNothing,
                &*p.file,
                p.title_line,
                "page is neither an API page nor a resource page; nothing was taken from it",
            )
        });
    }
    // The resource pages' models need no operation: they are built on a
    // thread of their own while the operations merge, whose serial steps
    // leave a core idle.
    let resource_pages = ir::models::take_resource_pages(&mut pages);
    let (mut ops, from_resource_pages) = std::thread::scope(|s| {
        let models = s.spawn(move || ir::models::from_resource_pages(resource_pages));
        ir::permission_names::settle(&mut pages, &mut diags);
        let mut drafts = ir::merge::drafts(&mut pages, &mut diags);
        ir::arguments::unify(&mut drafts, &mut diags);
        let ops = ir::merge::operations(&pages, drafts, &mut diags);
        let models = models
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (ops, models)
    });
    // The facts of two thousand pages are freed on one thread, beside the
    // models' passes (freed on both cores, it took longer: the threads
    // free what the other allocated).
    let (models, enums) = std::thread::scope(|s| {
        s.spawn(move || drop(pages));
        ir::models::build(from_resource_pages, &mut ops, &mut diags, kept)
    });
    diags.extend(kept.diagnostics.iter().cloned());
    diagnostics::normalise(&mut diags);
    let mut operations: Vec<ir::Operation> = ops.into_iter().map(|(op, _)| op).collect();
    kept.former_areas(&mut operations);
    let mut ir = Ir {
        operations,
        models,
        enums,
        diagnostics: diags,
        former_type_areas: Vec::new(),
        kept_calls: Vec::new(),
    };
    ir.former_type_areas = kept.former_type_areas(&ir);
    ir.kept_calls = kept.kept_calls(&ir);
    ir
}

/// The IR of a docs folder. A folder that gives nothing at all is an
/// error (`D0007`): a regen from it would replace the crate with an empty
/// one, which is never what a mistyped `--docs` meant.
pub fn load_ir(docs: &Path, display: &str) -> Ir {
    load_ir_keeping(docs, display, &ir::kept_names::KeptNames::default())
}

/// [`load_ir`], with the operation ids and request-body names a crate
/// already has kept.
pub fn load_ir_keeping(docs: &Path, display: &str, kept: &ir::kept_names::KeptNames) -> Ir {
    let pages = parse_tree(docs, display);
    let page_count = pages.len();
    let mut ir = build_ir_keeping(pages, kept);
    if ir.operations.is_empty() && ir.models.is_empty() && ir.enums.is_empty() {
        let why = match page_count {
            0 => "no page (`.md` or `.txt`) below it".to_string(),
            n => format!("none of its {n} page(s) yields an operation, model or enum"),
        };
        ir.diagnostics.push(Diagnostic::new(
            diagnostics::Code::TreeGaveNothing,
            display,
            1,
            format!("{display} gave nothing: {why}; nothing is generated from it"),
        ));
    }
    ir
}

/// Why a regen did not happen.
#[derive(Debug)]
pub enum RegenError {
    /// The docs have error diagnostics; nothing was written.
    Diagnostics(Vec<Diagnostic>),
    Emit(String),
    Io(std::io::Error),
}

impl std::fmt::Display for RegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegenError::Diagnostics(d) => {
                write!(f, "{} error(s) in the docs; nothing was written", d.len())
            }
            RegenError::Emit(e) => write!(f, "emitting failed: {e}"),
            RegenError::Io(e) => write!(f, "writing failed: {e}"),
        }
    }
}

/// The IR and the files of the crate generated from `docs`. Fails, with
/// nothing written anywhere, when the IR has errors.
pub fn generate(docs: &Path, display: &str) -> Result<(Ir, Vec<write::GeneratedFile>), RegenError> {
    generate_keeping(docs, display, &ir::kept_names::KeptNames::default())
}

/// [`generate`], with the operation ids and request-body names of the
/// crate it replaces
/// kept (`KeptNames::in_crate`).
pub fn generate_keeping(
    docs: &Path,
    display: &str,
    kept: &ir::kept_names::KeptNames,
) -> Result<(Ir, Vec<write::GeneratedFile>), RegenError> {
    let ir = load_ir_keeping(docs, display, kept);
    if diagnostics::has_errors(&ir.diagnostics) {
        return Err(RegenError::Diagnostics(
            ir.diagnostics
                .iter()
                .filter(|d| d.severity == diagnostics::Severity::Error)
                .cloned()
                .collect(),
        ));
    }
    let files = emit::generate(&ir).map_err(RegenError::Emit)?;
    Ok((ir, files))
}

#[cfg(test)]
mod tests {
    use super::on_all_cores;

    #[test]
    fn a_folder_without_pages_is_an_error_and_nothing_is_generated() {
        let empty = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(empty.path().join("api-reference/v1.0/api")).unwrap();
        std::fs::write(empty.path().join("api-reference/v1.0/api/notes.json"), "{}").unwrap();
        let ir = super::load_ir(empty.path(), "docs");
        let codes: Vec<_> = ir
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.file.as_str()))
            .collect();
        assert_eq!(codes, [("D0007", "docs")]);
        assert!(matches!(
            super::generate(empty.path(), "docs"),
            Err(super::RegenError::Diagnostics(d)) if d.len() == 1
        ));
        // Pages that give nothing (an overview) are nothing to generate from.
        let api = empty.path().join("api-reference/beta/api");
        std::fs::create_dir_all(&api).unwrap();
        std::fs::write(
            api.join("overview.md"),
            "# Overview\n\nWhat the API is for.\n",
        )
        .unwrap();
        let ir = super::load_ir(empty.path(), "docs");
        assert!(ir
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "D0007" && d.message.contains("none of its 1 page")));
        // One page that gives an operation is enough.
        let seed = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/api-reference/beta/api/security-incident-get.md"
        );
        std::fs::copy(seed, api.join("security-incident-get.md")).unwrap();
        let ir = super::load_ir(empty.path(), "docs");
        assert!(!ir.operations.is_empty());
        assert!(
            ir.diagnostics.iter().all(|d| d.code.as_str() != "D0007"),
            "{:?}",
            ir.diagnostics
        );
    }

    #[test]
    fn results_come_back_in_input_order() {
        // Uneven costs, so that the threads finish their runs out of order.
        let items: Vec<u64> = (0..1000).collect();
        let out = on_all_cores(items, |i| {
            let mut x = i;
            for _ in 0..(i % 7) * 1000 {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(1));
            }
            (i, x)
        });
        let order: Vec<u64> = out.iter().map(|(i, _)| *i).collect();
        assert_eq!(order, (0..1000).collect::<Vec<u64>>());
    }

    #[test]
    fn a_panic_in_any_item_is_raised_at_the_call() {
        for bad in [0, 500, 999] {
            let result = std::panic::catch_unwind(|| {
                on_all_cores((0..1000).collect(), |i: usize| {
                    assert_ne!(i, bad, "item {bad}");
                    i
                })
            });
            // The item's own panic, not one about a thread that panicked.
            let payload = result.expect_err("the panic was lost");
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .unwrap_or_default();
            assert!(
                message.contains(&format!("item {bad}")),
                "raised instead: {message:?}"
            );
        }
    }
}
