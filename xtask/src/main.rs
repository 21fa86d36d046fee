//! `cargo xtask`: a thin command line over the `codegen` library.

use clap::{Parser, Subcommand, ValueEnum};
use codegen::diagnostics::{self, Diagnostic, Severity};
use codegen::ir::kept_names::KeptNames;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The generator allocates millions of small strings, token trees and
// syntax nodes; with glibc's allocator, malloc and free were about a third
// of a regeneration's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Generate a typed Microsoft Graph crate from the Graph API reference pages."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the crate in `generated/` from the pages in `spec/`.
    Regen {
        /// Change nothing; exit non-zero and show a diff when the output is stale.
        #[arg(long)]
        check: bool,
        /// Read this docs folder instead of `spec/`.
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// Write the crate here instead of `generated/`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// List every API change since the crate regen replaces (read from
        /// its `ir.yaml`), as `cargo xtask diff` does, not only their count.
        /// (`--check` gives the count when the crate is stale.)
        #[arg(long)]
        changes: bool,
        /// Forget the areas `names.lock` keeps for operations and models
        /// the docs moved to another area: each is on with the areas it
        /// has now. A breaking change, for a major release; operation ids
        /// and body names stay kept.
        #[arg(long)]
        reset_areas: bool,
    },
    /// Print the IR of pages or of a docs folder (default: all of `spec/`).
    Ir {
        /// Pages or folders to read.
        paths: Vec<PathBuf>,
        /// A docs folder to read (same as giving it as a path).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// `yaml` or `json`.
        #[arg(long, value_enum, default_value_t = Format::Yaml)]
        format: Format,
        #[command(flatten)]
        keep: KeepNamesArg,
    },
    /// Print diagnostics only, like a compiler.
    Lint {
        /// The docs folder to read (default: `spec/`).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        /// Exit non-zero on warnings too.
        #[arg(long, value_name = "warnings")]
        deny: Option<String>,
        #[command(flatten)]
        keep: KeepNamesArg,
    },
    /// Measure how much of a docs tree the parser understands; exit non-zero
    /// when a coverage threshold fails.
    CorpusReport {
        /// The docs tree (a Graph docs checkout, or a folder inside one).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
    },
    /// Which permissions a request needs: the operation it is, its source
    /// page, and each scope's least and higher privileged permissions.
    Perms {
        /// The HTTP method, e.g. GET.
        method: String,
        /// A full URL or a path, with or without the version and query.
        url: String,
        /// The docs folder to read (default: `spec/`).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        #[command(flatten)]
        keep: KeepNamesArg,
    },
    /// The API change log between two docs trees: endpoints, permissions,
    /// models and enum members, and the Rust items of the crates they make
    /// (their `api.txt`); changes that widen access first.
    Diff {
        /// The older docs tree.
        old: PathBuf,
        /// The newer docs tree.
        new: PathBuf,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        /// Exit non-zero when the generated crate's API changes this much
        /// or more: `breaking` (something gone or retyped) or `additive`
        /// (any addition too). For a release pipeline.
        #[arg(long, value_enum, value_name = "IMPACT")]
        deny: Option<DenyImpact>,
        /// Read both trees with the operation ids and request-body names of
        /// the crate in DIR kept (its `names.lock`), as a regen into that
        /// crate would: an id or body the crate keeps is then no rename.
        #[arg(long, value_name = "DIR")]
        keep_names: Option<PathBuf>,
    },
    /// Hold the docs' permissions against a DevX (Kibali) permissions file:
    /// agreement on the least privileged permission per endpoint and scheme,
    /// and what only one side knows.
    PermsAudit {
        /// The docs folder to read (default: `spec/`).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// The DevX permissions file, e.g. ../shared/corpus/devx/permissions.json.
        #[arg(long, value_name = "FILE")]
        devx: PathBuf,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
    },
    /// Time each phase of a regeneration against the floor (list, read and
    /// tokenise every file, nothing else). Build with `--release` for numbers that mean anything:
    /// `cargo run --release -p xtask -- bench --docs DIR`.
    Bench {
        /// The docs folder to read (default: `spec/`).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// Where to write the crates (default: a temporary folder). Each run
        /// writes a crate of its own into a new folder below it, removed
        /// after the run: over the crate of the run before, unchanged, a
        /// regen writes nothing, and the write would go unmeasured.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Run the whole measurement this many times and report, per
        /// phase, the least time it took. One run before them is not
        /// counted: it meets cold caches (with the tree out of the page
        /// cache, its floor read the disk and the ratio came out at 0.4x).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
        runs: u32,
        /// `human` (a table) or `json`.
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
    },
    /// Print the table of diagnostic codes.
    Codes,
}

/// Whose `names.lock` a reading of the docs keeps, as `regen` does.
#[derive(clap::Args)]
struct KeepNamesArg {
    /// Read with the operation ids and request-body names of the crate in
    /// DIR kept (its `names.lock`), as a regen into it would. With no docs
    /// folder given (`spec/`), the default is the workspace's `generated/`,
    /// which `regen` writes; a folder given keeps none.
    #[arg(long, value_name = "DIR")]
    keep_names: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyImpact {
    Additive,
    Breaking,
}

impl DenyImpact {
    fn threshold(self) -> codegen::diff::Impact {
        match self {
            DenyImpact::Additive => codegen::diff::Impact::Additive,
            DenyImpact::Breaking => codegen::diff::Impact::Breaking,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    Human,
    Json,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Docs folder and its display name; `spec` by default, from the workspace root.
fn docs_or_spec(docs: Option<PathBuf>) -> Result<(PathBuf, String), String> {
    match docs {
        Some(d) => {
            if !d.is_dir() {
                return Err(format!("{}: no such docs folder", d.display()));
            }
            let display = d.to_string_lossy().trim_end_matches('/').to_string();
            Ok((d, display))
        }
        None => {
            std::env::set_current_dir(workspace_root()).map_err(|e| e.to_string())?;
            Ok((PathBuf::from("spec"), "spec".into()))
        }
    }
}

/// The operation ids and request-body names a regen would keep: those of
/// the crate in `dir`; without one, for `spec/`, those of the workspace's
/// `generated/` (what `regen` reads), so that `ir`, `lint` and `perms` say
/// what the crate has; else none.
fn kept_names(dir: Option<&Path>, reads_spec: bool) -> Result<KeptNames, String> {
    match dir {
        Some(dir) if !dir.is_dir() => Err(format!("{}: no such folder", dir.display())),
        Some(dir) => Ok(KeptNames::in_crate(dir, &dir.to_string_lossy())),
        None if reads_spec => Ok(KeptNames::in_crate(
            &workspace_root().join("generated"),
            "generated",
        )),
        None => Ok(KeptNames::default()),
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Regen {
            check,
            docs,
            out,
            changes,
            reset_areas,
        } => {
            // The lint that says this regen's warnings: of the same docs,
            // with the same crate's names kept.
            let mut lint = String::from("cargo xtask lint");
            if let Some(d) = &docs {
                lint.push_str(&format!(" --docs {}", d.display()));
            }
            if let Some(o) = &out {
                lint.push_str(&format!(" --keep-names {}", o.display()));
            }
            let (docs, display) = docs_or_spec(docs)?;
            let out = out.unwrap_or_else(|| workspace_root().join("generated"));
            // Nothing read has changed since the last run and the tree is as
            // that run left it: done (see codegen/src/cache.rs).
            let cache_file =
                codegen::cache::file_for(&workspace_root().join("target/regen-cache"), &out);
            // A reset writes another lock than the last regen did.
            if !reset_areas && codegen::cache::is_fresh(&cache_file, &docs, &out) {
                eprintln!(
                    "{} is fresh (nothing changed since the last regen)",
                    out.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let inputs = codegen::cache::inputs(&docs).ok();
            // The operation ids and request-body names of the crate being
            // replaced are kept.
            let shown = out.strip_prefix(workspace_root()).unwrap_or(&out);
            let mut kept = KeptNames::in_crate(&out, &shown.to_string_lossy());
            if reset_areas {
                kept.forget_areas();
            }
            // Only regen sees these: the lock it writes has none of them,
            // so `lint` after it would not say them.
            eprint!("{}", render_human(&kept.diagnostics));
            let (ir, files) = match codegen::generate_keeping(&docs, &display, &kept) {
                Ok(x) => x,
                Err(codegen::RegenError::Diagnostics(diags)) => {
                    print_human(&diags);
                    return Err(format!(
                        "{} error(s) in the docs; {} was not changed",
                        diags.len(),
                        out.display()
                    ));
                }
                Err(e) => return Err(e.to_string()),
            };
            let warnings = ir
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count();
            if check {
                let drift = codegen::write::check(&out, &files).map_err(|e| e.to_string())?;
                if !drift.is_empty() {
                    eprint!("{}", drift.report(&out));
                    // What the regen it asks for would change for the
                    // crate's users: a reviewer's first question.
                    match codegen::diff::since_crate(&out, &files, &ir) {
                        Ok(Some(since)) => {
                            if !since.changes.is_empty() {
                                eprint!(
                                    "a regen would change the API: {}",
                                    codegen::diff::render_summary(&since.changes)
                                )
                            }
                            if let Some(why) = since.api_not_compared {
                                eprintln!("its Rust items were not compared: {why}");
                            }
                        }
                        Ok(None) => {}
                        Err(why) => eprintln!("what a regen would change is unknown: {why}"),
                    }
                    return Ok(ExitCode::FAILURE);
                }
                eprintln!(
                    "{} is fresh ({})",
                    out.display(),
                    crate_summary(files.len(), &ir, warnings)
                );
                remember(&cache_file, inputs, &out);
            } else {
                // What changed for the crate's users since the crate this
                // replaces, read before the write replaces its `ir.yaml`.
                let api_changes = codegen::diff::since_crate(&out, &files, &ir);
                let changed = codegen::write::write(&out, &files).map_err(|e| e.to_string())?;
                remember(&cache_file, inputs, &out);
                match api_changes {
                    Ok(Some(since)) => {
                        let list = &since.changes;
                        if changes {
                            eprint!("since the last regen: {}", codegen::diff::render(list))
                        } else if !list.is_empty() {
                            eprintln!(
                                "since the last regen: {}  (every change: `cargo xtask regen --changes`)",
                                codegen::diff::render_summary(list)
                            )
                        }
                        if let Some(why) = since.api_not_compared {
                            eprintln!(
                                "the Rust items of the crate it replaced were not compared: {why}"
                            );
                        }
                    }
                    Ok(None) => {}
                    Err(why) => eprintln!("no change log since the last regen: {why}"),
                }
                eprintln!(
                    "{} {} ({}, see `{lint}`)",
                    if changed { "wrote" } else { "unchanged:" },
                    out.display(),
                    crate_summary(files.len(), &ir, warnings)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir {
            mut paths,
            docs,
            format,
            keep,
        } => {
            paths.extend(docs);
            let kept = kept_names(keep.keep_names.as_deref(), paths.is_empty())?;
            let ir = if paths.is_empty() {
                let (docs, display) = docs_or_spec(None)?;
                codegen::load_ir_keeping(&docs, &display, &kept)
            } else {
                let mut pages = Vec::new();
                for p in &paths {
                    if p.is_dir() {
                        pages.extend(codegen::parse_tree(p, &p.to_string_lossy()));
                    } else if p.is_file() {
                        let dir = p.parent().unwrap_or(Path::new("."));
                        let dir = if dir.as_os_str().is_empty() {
                            Path::new(".")
                        } else {
                            dir
                        };
                        let (loader, prefix) = codegen::loader_for(dir, &dir.to_string_lossy());
                        let name = p
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default();
                        let rel = if prefix.is_empty() {
                            name
                        } else {
                            format!("{prefix}/{name}")
                        };
                        pages.push(loader.parse_page(&rel));
                    } else {
                        return Err(format!("{}: no such file or folder", p.display()));
                    }
                }
                codegen::build_ir_keeping(pages, &kept)
            };
            let text = match format {
                Format::Yaml => serde_yaml::to_string(&ir).map_err(|e| e.to_string())?,
                Format::Json => {
                    serde_json::to_string_pretty(&ir).map_err(|e| e.to_string())? + "\n"
                }
            };
            out(&text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint {
            docs,
            format,
            deny,
            keep,
        } => {
            let kept = kept_names(keep.keep_names.as_deref(), docs.is_none())?;
            let (docs, display) = docs_or_spec(docs)?;
            let ir = codegen::load_ir_keeping(&docs, &display, &kept);
            match format {
                LintFormat::Human => {
                    print_human(&ir.diagnostics);
                    // A tree's hundreds of warnings, by code: where to start.
                    let mut by_code: std::collections::BTreeMap<&str, (usize, &str)> =
                        std::collections::BTreeMap::new();
                    for d in &ir.diagnostics {
                        by_code
                            .entry(d.code.as_str())
                            .or_insert((0, d.code.meaning()))
                            .0 += 1;
                    }
                    for (code, (n, meaning)) in &by_code {
                        eprintln!("{n:>6}  {code}  {meaning}");
                    }
                    let count =
                        |s: Severity| ir.diagnostics.iter().filter(|d| d.severity == s).count();
                    // Notes (`info`: a conceptual page that gave nothing) are
                    // counted only where there are some.
                    let notes = match count(Severity::Info) {
                        0 => String::new(),
                        n => format!(", {}", counted(n, "note")),
                    };
                    eprintln!(
                        "{}, {}{notes}",
                        counted(count(Severity::Error), "error"),
                        counted(count(Severity::Warning), "warning")
                    );
                }
                LintFormat::Json => out(&(serde_json::to_string_pretty(&ir.diagnostics)
                    .map_err(|e| e.to_string())?
                    + "\n")),
            }
            let deny_warnings = match deny.as_deref() {
                None => false,
                Some("warnings") => true,
                Some(other) => return Err(format!("--deny takes `warnings`, not `{other}`")),
            };
            let failed = diagnostics::has_errors(&ir.diagnostics)
                || (deny_warnings
                    && ir
                        .diagnostics
                        .iter()
                        .any(|d| d.severity == Severity::Warning));
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::CorpusReport { docs, format } => {
            let (docs, display) = docs_or_spec(docs)?;
            let report = codegen::report::corpus_report(&docs, &display);
            match format {
                LintFormat::Human => out(&codegen::report::render(&report)),
                LintFormat::Json => {
                    out(&(serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"))
                }
            }
            Ok(if report.holds() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Perms {
            method,
            url,
            docs,
            format,
            keep,
        } => {
            let kept = kept_names(keep.keep_names.as_deref(), docs.is_none())?;
            let (docs, display) = docs_or_spec(docs)?;
            let ir = codegen::load_ir_keeping(&docs, &display, &kept);
            let routes = codegen::lookup::routes(&ir);
            let found = codegen::lookup::for_request(&ir, &routes, &method, &url);
            match format {
                LintFormat::Human => {
                    out(&format!("{} {url}\n\n", method.to_ascii_uppercase()));
                    out(&codegen::lookup::describe(&found));
                }
                LintFormat::Json => {
                    let reports: Vec<_> = found.iter().map(|m| m.report(&method)).collect();
                    out(
                        &(serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?
                            + "\n"),
                    );
                }
            }
            Ok(if found.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Diff {
            old,
            new,
            format,
            deny,
            keep_names,
        } => {
            for dir in [&old, &new] {
                if !dir.is_dir() {
                    return Err(format!("{}: no such folder", dir.display()));
                }
            }
            let kept = kept_names(keep_names.as_deref(), false)?;
            let load = |dir: &PathBuf| {
                let display = dir.to_string_lossy().trim_end_matches('/').to_string();
                codegen::load_ir_keeping(dir, &display, &kept)
            };
            let (old_ir, new_ir) = std::thread::scope(|s| {
                let a = s.spawn(|| load(&old));
                let b = load(&new);
                (a.join(), b)
            });
            let old_ir = old_ir.map_err(|_| "reading the old tree failed".to_string())?;
            let changes = codegen::diff::diff_with_crates(&old_ir, &new_ir)?;
            match format {
                LintFormat::Human => out(&codegen::diff::render(&changes)),
                LintFormat::Json => {
                    let log = serde_json::json!({
                        "impact": codegen::diff::impact(&changes),
                        "changes": changes,
                    });
                    out(&(serde_json::to_string_pretty(&log).map_err(|e| e.to_string())? + "\n"))
                }
            }
            let impact = codegen::diff::impact(&changes);
            if deny.is_some_and(|d| impact >= d.threshold()) {
                eprintln!(
                    "error: the generated crate's API change is {} (denied by --deny)",
                    impact.as_str()
                );
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::PermsAudit { docs, devx, format } => {
            let text =
                std::fs::read_to_string(&devx).map_err(|e| format!("{}: {e}", devx.display()))?;
            let devx_file = codegen::audit::parse_devx(&text)
                .map_err(|e| format!("{}: {e}", devx.display()))?;
            let (docs, display) = docs_or_spec(docs)?;
            let ir = codegen::load_ir(&docs, &display);
            let audit = codegen::audit::audit(&ir, &devx_file);
            match format {
                LintFormat::Human => out(&codegen::audit::render(&audit)),
                LintFormat::Json => {
                    out(&(serde_json::to_string_pretty(&audit).map_err(|e| e.to_string())? + "\n"))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            docs,
            out: out_dir,
            runs,
            format,
        } => {
            let (docs, _) = docs_or_spec(docs)?;
            let scratch = out_dir.is_none();
            let target = out_dir.unwrap_or_else(|| {
                std::env::temp_dir().join(format!("graph-codegen-bench-{}", std::process::id()))
            });
            if cfg!(debug_assertions) {
                eprintln!("warning: a debug build; run `cargo run --release -p xtask -- bench` for real numbers");
            }
            // One run first, not counted (see `--runs`); each into a new
            // folder of its own.
            let run = |n: u32| {
                let fresh = target.join(format!("run-{n}"));
                if fresh.exists() {
                    return Err(format!(
                        "{} exists; bench writes each run into a new folder",
                        fresh.display()
                    ));
                }
                let measured = codegen::bench::run(&docs, &fresh);
                let _ = codegen::write::remove_tree(&fresh);
                measured
            };
            let measured: Result<Vec<_>, String> =
                run(0).and_then(|_| (1..=runs).map(run).collect());
            if scratch {
                let _ = std::fs::remove_dir_all(&target);
            }
            let bench = codegen::bench::best_of(measured?).ok_or("no run was measured")?;
            match format {
                LintFormat::Human => out(&codegen::bench::render(&bench)),
                LintFormat::Json => {
                    out(&(serde_json::to_string_pretty(&bench).map_err(|e| e.to_string())? + "\n"))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Codes => {
            out(&diagnostics::code_table());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_human(diags: &[Diagnostic]) {
    out(&render_human(diags));
}

/// Diagnostics as a compiler gives them, each with its source line.
fn render_human(diags: &[Diagnostic]) -> String {
    let mut cache: std::collections::BTreeMap<String, Vec<String>> =
        std::collections::BTreeMap::new();
    let mut text = String::new();
    for d in diags {
        let lines = cache.entry(d.file.clone()).or_insert_with(|| {
            std::fs::read_to_string(&d.file)
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        let line = lines
            .get(d.line.saturating_sub(1) as usize)
            .map(String::as_str);
        text.push_str(&d.render(line));
        text.push('\n');
    }
    text
}

/// Writes to stdout. A closed pipe (`cargo xtask lint | head`) ends the
/// program quietly instead of panicking.
fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to stdout: {e}");
        std::process::exit(1);
    }
}

/// Records the fingerprints of a run that left `out` fresh. A cache that
/// cannot be written only costs the fast path next time.
fn remember(cache_file: &Path, inputs: Option<u64>, out: &Path) {
    if let (Some(inputs), Ok(outputs)) = (inputs, codegen::cache::outputs(out)) {
        let _ = codegen::cache::store(cache_file, codegen::cache::Fingerprints { inputs, outputs });
    }
}

/// `1 warning`, `2 warnings`: a count with its noun.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What a regen made: `102 files; 30 operations, 30 models, 4 enums; 61 warnings`.
fn crate_summary(files: usize, ir: &codegen::ir::Ir, warnings: usize) -> String {
    format!(
        "{}; {}, {}, {}; {}",
        counted(files, "file"),
        counted(ir.operations.len(), "operation"),
        counted(ir.models.len(), "model"),
        counted(ir.enums.len(), "enum"),
        counted(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_option_says_what_it_is() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let mut silent = Vec::new();
        for command in cli.get_subcommands() {
            if command.get_about().is_none() {
                silent.push(command.get_name().to_string());
            }
            for arg in command.get_arguments() {
                if arg.get_help().is_none() {
                    silent.push(format!("{} {}", command.get_name(), arg.get_id()));
                }
            }
        }
        assert!(silent.is_empty(), "no help text: {silent:?}");
    }
}
