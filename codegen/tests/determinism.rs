//! Output that does not depend on the order pages are read in, nor on how
//! many cores read them, at the scale of a whole docs tree: pages from the
//! corpus (`../shared/corpus`) read in shuffled orders, on every core and
//! on one thread, give the same IR and the same generated files. The spec
//! has its own, smaller test in `seeds.rs`; the merge of a tree's
//! conflicting pages only shows at this scale. When the corpus is absent
//! the test says so and checks nothing else.

use codegen::ir::Ir;

mod common;

/// A Fisher-Yates shuffle driven by a xorshift generator: the same seed,
/// the same order, on every machine.
fn shuffle(pages: &mut [String], seed: u64) {
    let mut state = seed.max(1);
    for i in (1..pages.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        pages.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// Where two IRs first differ, as YAML lines.
fn first_difference(a: &Ir, b: &Ir) -> String {
    let (a, b) = (
        serde_yaml::to_string(a).unwrap(),
        serde_yaml::to_string(b).unwrap(),
    );
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("line {}: `{x}` against `{y}`", i + 1))
        .unwrap_or_else(|| "one is longer".into())
}

fn same_in_any_order(name: &str) {
    let Some(dir) = common::corpus(name) else {
        return;
    };
    let (loader, prefix) = codegen::loader_for(&dir, name);
    let mut pages = codegen::pages_below(&dir, &prefix);
    assert!(pages.len() > 20, "{name}: only {} pages", pages.len());
    let forward = codegen::build_ir(codegen::parse_pages(&loader, &pages));
    let files = codegen::emit::generate(&forward).unwrap();
    for seed in [0x9e37_79b9_7f4a_7c15, 2026] {
        shuffle(&mut pages, seed);
        let shuffled = codegen::build_ir(codegen::parse_pages(&loader, &pages));
        assert!(
            forward == shuffled,
            "{name}, pages shuffled with seed {seed}: {}",
            first_difference(&forward, &shuffled)
        );
        assert!(
            files == codegen::emit::generate(&shuffled).unwrap(),
            "{name}, seed {seed}: same IR, other files"
        );
    }
    let one_thread: Vec<_> = pages.iter().map(|p| loader.parse_page(p)).collect();
    let one_thread = codegen::build_ir(one_thread);
    assert!(
        forward == one_thread,
        "{name}, on one thread: {}",
        first_difference(&forward, &one_thread)
    );
}

#[test]
fn graph_docs_2020_gives_the_same_output_in_any_page_order() {
    same_in_any_order("graph-docs-2020");
}

#[test]
fn modern_pages_give_the_same_output_in_any_page_order() {
    same_in_any_order("modern");
}
