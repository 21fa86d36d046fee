//! Features gate whole files: a build for one area never reads the model,
//! builder and permission files of the others (see `emit/split.rs`). The
//! test replaces every other area's files of the committed crate with code
//! that cannot compile; the one-area build must still pass, and the full
//! build must fail on them.

use std::path::Path;
use std::process::Command;

fn check(dir: &Path, features: &str, quiet: bool) -> bool {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/hostile-check");
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("RUSTFLAGS", "-D warnings")
        .args(["check", "--quiet", "--no-default-features", "--features"])
        .arg(features)
        .arg("--target-dir")
        .arg(&target)
        .stderr(if quiet {
            std::process::Stdio::null()
        } else {
            std::process::Stdio::inherit()
        })
        .status()
        .expect("cargo runs")
        .success()
}

#[test]
fn an_area_build_does_not_read_the_other_areas_files() {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let files = codegen::write::generated_files(&generated).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let mut poisoned = Vec::new();
    for (path, text) in &files {
        let part = [
            "src/v1/models/",
            "src/v1/requests/",
            "src/beta/models/",
            "src/beta/requests/",
            "src/permissions/",
        ]
        .iter()
        .any(|dir| path.starts_with(dir));
        let on = (path.starts_with("src/v1/") || path.starts_with("src/permissions/v1_"))
            && path.contains("area_identity_and_sign_in");
        let text = if part && !on {
            poisoned.push(path.clone());
            "compile_error!(\"read although its feature is off\");\n".to_string()
        } else {
            text.clone()
        };
        let out = dir.join(path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, text).unwrap();
    }
    assert!(
        poisoned.len() > 10,
        "expected the parts of many areas: {poisoned:?}"
    );
    let one_area = check(dir, "v1,area-identity-and-sign-in", false);
    // Expected to fail: its errors are not news.
    let everything = check(dir, "v1,beta,full", true);
    assert!(
        one_area,
        "a one-area build read another area's file (poisoned: {poisoned:?})"
    );
    assert!(
        !everything,
        "the full build did not read the poisoned files"
    );
}
