//! `cargo test` fails when `generated/` no longer matches `spec/`.

use std::path::Path;

#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let (_, files) = codegen::generate(&root.join("spec"), "spec").expect("spec/ generates");
    let out = root.join("generated");
    let drift = codegen::write::check(&out, &files).unwrap();
    assert!(drift.is_empty(), "{}", drift.report(&out));
}
