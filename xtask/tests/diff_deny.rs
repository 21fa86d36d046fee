//! `cargo xtask diff --deny`: the exit status a release pipeline gates on.

use std::path::{Path, PathBuf};
use std::process::Command;

fn page(path: &str) -> String {
    format!(
        "---\ntitle: \"A\"\n---\n# A\n\nDoes.\n\n## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n\
         |Delegated (work or school account)|Thing.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n\n\
         ## HTTP request\n\n```http\nGET {path}\n```\n"
    )
}

/// A docs tree of one API page per path, in a fresh temporary folder.
fn tree(name: &str, paths: &[&str]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xtask-diff-deny-{}-{name}", std::process::id()));
    let api = root.join("v1.0/api");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&api).unwrap();
    for (i, path) in paths.iter().enumerate() {
        std::fs::write(api.join(format!("page-{i}.md")), page(path)).unwrap();
    }
    root
}

fn diff(old: &Path, new: &Path, deny: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["diff", "--deny", deny])
        .arg(old)
        .arg(new)
        .output()
        .expect("xtask runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
fn deny_fails_on_an_impact_at_or_above_its_threshold() {
    let one = tree("one", &["/things"]);
    let two = tree("two", &["/things", "/others"]);
    // An added operation: additive.
    assert_eq!(diff(&one, &two, "breaking").0, 0);
    let (code, text) = diff(&one, &two, "additive");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("generated crate: additive"), "{text}");
    // A removed one: breaking.
    let (code, text) = diff(&two, &one, "breaking");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("denied by --deny"), "{text}");
    // No change passes either threshold.
    assert_eq!(diff(&one, &one, "additive").0, 0);
    for dir in [one, two] {
        let _ = std::fs::remove_dir_all(dir);
    }
}
