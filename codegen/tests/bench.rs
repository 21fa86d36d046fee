//! `xtask bench` on the spec pages: every phase is measured and printed,
//! and the counts are the pipeline's.

use std::path::Path;

#[test]
fn bench_measures_every_phase_of_a_real_regeneration() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let b = codegen::bench::run(&spec, &out).unwrap();
    let written = codegen::write::generated_files(&out).unwrap();
    assert_eq!(b.pages, codegen::parse::list_pages(&spec).len());
    let ir = codegen::load_ir(&spec, "spec");
    assert_eq!(b.operations, ir.operations.len());
    assert_eq!(b.models, ir.models.len());
    assert!(written.contains_key("src/lib.rs"), "the crate was written");
    for (phase, d) in [
        ("floor", b.floor),
        ("parse", b.parse),
        ("lowering alone", b.lowering_alone),
        ("emit", b.emit_cpu),
        ("format", b.format_cpu),
        ("total", b.total),
    ] {
        assert!(!d.is_zero(), "{phase} was not measured");
    }
    assert!(b.total >= b.parse + b.ir + b.emit_and_format);
    // One run, one ratio: its own IR of the tree against its own floor.
    let front = (b.read + b.parse + b.ir).as_secs_f64() / b.floor.as_secs_f64();
    assert_eq!(b.front_ratios.len(), 1);
    assert!(
        (b.front_ratios[0] - front).abs() < 1e-9,
        "{:?} against {front}",
        b.front_ratios
    );
    let table = codegen::bench::render(&b);
    for line in [
        "floor (list+read+tokens)",
        "read",
        "parse",
        "IR passes",
        "emit (CPU)",
        "format (CPU)",
        "write",
        "IR of the tree / floor",
        "run by run: median",
        "lowering alone",
        "if interpreting cost 0",
        "pages per second",
        "files per second",
    ] {
        assert!(table.contains(line), "{line} missing from\n{table}");
    }
}

#[test]
fn best_of_runs_keeps_the_least_time_of_each_phase() {
    use std::time::Duration;
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().unwrap();
    let fast = codegen::bench::run(&spec, &dir.path().join("crate")).unwrap();
    let mut slow = fast.clone();
    slow.parse += Duration::from_secs(1);
    slow.floor += Duration::from_secs(1);
    slow.front_ratios = vec![9.0];
    let best = codegen::bench::best_of(vec![slow.clone(), fast.clone()]).unwrap();
    assert_eq!(best.runs, 2);
    assert_eq!(best.parse, fast.parse);
    assert_eq!(best.floor, fast.floor);
    assert_eq!(best.pages, fast.pages);
    // Each run's own ratio is kept, in run order.
    assert_eq!(best.front_ratios, vec![9.0, fast.front_ratios[0]]);
    assert!(codegen::bench::render(&best).contains("best of 2 run(s)"));
    assert!(codegen::bench::best_of(Vec::new()).is_none());
}
