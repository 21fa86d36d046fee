//! Cargo on a generated crate, from a test: in a target folder of its own
//! (the workspace's is locked while the tests run), warnings as errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The target folder of cargo runs started by tests.
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/hostile-check")
}

/// `cargo <args> --target-dir` [`target_dir`] in `dir`, warnings as errors.
pub fn cargo_strict(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("RUSTFLAGS", "-D warnings")
        .args(args)
        .arg("--target-dir")
        .arg(target_dir())
        .output()
        .expect("cargo runs")
}
