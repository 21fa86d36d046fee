//! The real docs trees in `../shared/corpus`: every coverage threshold of
//! the corpus report holds. When the corpus is absent (a clone outside the
//! workplace), the test says so and checks nothing else.

mod common;

fn assert_thresholds(name: &str) {
    let Some(dir) = common::corpus(name) else {
        return;
    };
    let report = codegen::report::corpus_report(&dir, name);
    let text = codegen::report::render(&report);
    assert!(report.holds(), "{text}");
    assert!(report.api_pages > 0, "{text}");
}

#[test]
fn graph_docs_2020_meets_the_thresholds() {
    assert_thresholds("graph-docs-2020");
}

#[test]
fn modern_pages_meet_the_thresholds() {
    assert_thresholds("modern");
}

#[test]
fn graph_docs_2019_meets_the_thresholds() {
    // A tree the parser was not tuned on.
    assert_thresholds("graph-docs-2019");
}
