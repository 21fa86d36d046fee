//! `cargo xtask bench`: the wall time of each phase of a regeneration, on a
//! real docs tree, beside the floor (finding every file, reading it and
//! tokenising it with pulldown-cmark, nothing else) measured in the same
//! run. Both sides list the tree once: the floor its files, the pipeline its
//! pages (in the parse phase). Run it from a release build; the numbers of a
//! debug build say little.

use crate::parse::Loader;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Debug, serde::Serialize)]
pub struct Bench {
    /// How many runs the figures are the best of.
    pub runs: usize,
    pub pages: usize,
    pub files_read: usize,
    pub bytes_read: usize,
    pub floor: Duration,
    pub read: Duration,
    pub parse: Duration,
    /// Lowering every page to blocks (tokenising included) and nothing
    /// more, measured in a pass of its own after the pipeline: the part of
    /// the parse the page interpreter does not do.
    pub lowering_alone: Duration,
    pub ir: Duration,
    pub emit_and_format: Duration,
    /// Processor time of the two, summed over threads: they interleave
    /// (each job builds its tokens and prints them), so only their sum has
    /// a wall time.
    pub emit_cpu: Duration,
    pub format_cpu: Duration,
    pub write: Duration,
    pub total: Duration,
    /// Peak resident memory, from `/proc/self/status` (Linux), in KiB.
    pub peak_memory_kib: Option<u64>,
    pub operations: usize,
    pub models: usize,
    /// Each run's IR of the tree against that run's own floor. When the
    /// machine's speed drifts between runs (it does here, by a third), a
    /// ratio taken within one run says more than the ratio of the best
    /// times, which may come from different runs.
    pub front_ratios: Vec<f64>,
}

/// Every page and include below `root`, as (path relative to `root`, path).
fn all_files(root: &Path) -> Vec<(String, PathBuf)> {
    crate::parse::files_under(root)
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".md") || name.ends_with(".txt")
        })
        .filter_map(|p| {
            let rel = p
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, p))
        })
        .collect()
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Measures a regeneration of `docs` into `out` (which it overwrites).
pub fn run(docs: &Path, out: &Path) -> Result<Bench, String> {
    let root = crate::include_root(docs);

    // The floor: find, read and tokenise, nothing else.
    let started = Instant::now();
    let files = all_files(&root);
    let events: usize = crate::on_all_cores(files.iter().collect(), |(_, path)| {
        std::fs::read_to_string(path)
            .map(|t| pulldown_cmark::Parser::new_ext(&t, crate::parse::markdown::OPTIONS).count())
            .unwrap_or(0)
    })
    .into_iter()
    .sum();
    let floor = started.elapsed();
    std::hint::black_box(events);

    let total_start = Instant::now();
    let started = Instant::now();
    let contents: Vec<(String, String)> =
        crate::on_all_cores(files.iter().collect(), |(rel, path)| {
            (
                rel.clone(),
                std::fs::read(path)
                    .map(|b| crate::parse::decode(b).0)
                    .unwrap_or_default(),
            )
        });
    let bytes_read = contents.iter().map(|(_, t)| t.len()).sum();
    let files_read = contents.len();
    let map: BTreeMap<String, String> = contents.into_iter().collect();
    let read = started.elapsed();

    let started = Instant::now();
    let prefix = docs
        .strip_prefix(&root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let pages = crate::pages_below(docs, &prefix);
    let loader = Loader::memory(map);
    let facts = crate::parse_pages(&loader, &pages);
    let parse = started.elapsed();

    let started = Instant::now();
    let ir = crate::build_ir(facts);
    let ir_time = started.elapsed();

    let started = Instant::now();
    let (generated, emit_times) = crate::emit::generate_timed(&ir)?;
    let emit_and_format = started.elapsed();

    let started = Instant::now();
    crate::write::write(out, &generated).map_err(|e| e.to_string())?;
    let write = started.elapsed();
    let total = total_start.elapsed();

    let started = Instant::now();
    let blocks: usize = crate::on_all_cores(pages.iter().collect(), |p| {
        loader
            .read(p)
            .map(|(text, _)| crate::parse::lower(&text, p.as_str()).2.len())
            .unwrap_or(0)
    })
    .into_iter()
    .sum();
    let lowering_alone = started.elapsed();
    std::hint::black_box(blocks);

    let front = (read + parse + ir_time).as_secs_f64() / floor.as_secs_f64().max(1e-9);
    Ok(Bench {
        runs: 1,
        pages: pages.len(),
        files_read,
        bytes_read,
        floor,
        read,
        parse,
        lowering_alone,
        ir: ir_time,
        emit_and_format,
        emit_cpu: emit_times.emit,
        format_cpu: emit_times.format,
        write,
        total,
        peak_memory_kib: peak_memory_kib(),
        operations: ir.operations.len(),
        models: ir.models.len(),
        front_ratios: vec![front],
    })
}

/// The best of several runs, phase by phase: the least each phase took (the
/// floor included), the largest peak memory. One run on a shared machine
/// varies by a third; the minimum is what the code costs.
pub fn best_of(runs: Vec<Bench>) -> Option<Bench> {
    runs.into_iter().reduce(|best, b| Bench {
        floor: best.floor.min(b.floor),
        read: best.read.min(b.read),
        parse: best.parse.min(b.parse),
        lowering_alone: best.lowering_alone.min(b.lowering_alone),
        ir: best.ir.min(b.ir),
        emit_and_format: best.emit_and_format.min(b.emit_and_format),
        emit_cpu: best.emit_cpu.min(b.emit_cpu),
        format_cpu: best.format_cpu.min(b.format_cpu),
        write: best.write.min(b.write),
        total: best.total.min(b.total),
        peak_memory_kib: best.peak_memory_kib.max(b.peak_memory_kib),
        runs: best.runs + b.runs,
        front_ratios: [best.front_ratios, b.front_ratios].concat(),
        ..b
    })
}

/// The measurements as a table.
pub fn render(b: &Bench) -> String {
    let ms = |d: Duration| format!("{:>8.1} ms", d.as_secs_f64() * 1000.0);
    let front = b.read + b.parse + b.ir;
    let mut out = format!(
        "{} pages ({} files, {:.1} MiB), {} operations, {} models; best of {} run(s)\n",
        b.pages,
        b.files_read,
        b.bytes_read as f64 / 1_048_576.0,
        b.operations,
        b.models,
        b.runs
    );
    for (name, d) in [
        ("floor (list+read+tokens)", b.floor),
        ("read", b.read),
        ("parse", b.parse),
        ("  lowering alone (apart)", b.lowering_alone),
        ("IR passes", b.ir),
        ("emit + format", b.emit_and_format),
        ("  emit (CPU)", b.emit_cpu),
        ("  format (CPU)", b.format_cpu),
        ("write", b.write),
        ("total", b.total),
    ] {
        out.push_str(&format!("  {name:<26}{}\n", ms(d)));
    }
    let floor = b.floor.as_secs_f64().max(1e-9);
    out.push_str(&format!(
        "  IR of the tree / floor     {:>8.2}x\n",
        front.as_secs_f64() / floor
    ));
    let mut ratios = b.front_ratios.clone();
    ratios.sort_by(f64::total_cmp);
    if let (Some(least), Some(most)) = (ratios.first(), ratios.last()) {
        // The median and the spread, not the least: on a machine whose
        // speed drifts, the least is the run whose floor met a slow moment.
        let median = ratios[ratios.len() / 2];
        out.push_str(&format!(
            "    run by run: median {median:.2}x, from {least:.2}x to {most:.2}x\n"
        ));
    }
    out.push_str(&format!(
        "    if interpreting cost 0   {:>8.2}x\n  whole regen / floor        {:>8.2}x\n  pages per second           {:>8.0}\n  files per second           {:>8.0}\n",
        (b.read + b.lowering_alone + b.ir).as_secs_f64() / floor,
        b.total.as_secs_f64() / floor,
        b.pages as f64 / b.total.as_secs_f64().max(1e-9),
        b.files_read as f64 / b.total.as_secs_f64().max(1e-9)
    ));
    if let Some(kib) = b.peak_memory_kib {
        out.push_str(&format!(
            "  peak memory                {:>8.1} MiB\n",
            kib as f64 / 1024.0
        ));
    }
    out
}
