//! A regen killed while it writes leaves `generated/` holding the old tree
//! or the new one: never a mix, never missing, hand-written files intact;
//! and the next regen finishes the job. The writer is this test binary run
//! again as a child process that writes two trees in turn until it is
//! killed (SIGKILL, which nothing can catch or clean up after).

#![cfg(unix)]

use codegen::write::{generated_files, write, GeneratedFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Set in the child: the tree to write until killed.
const CHILD: &str = "CODEGEN_KILLED_WRITE_TREE";
const FILES: usize = 200;

/// A tree of `FILES` generated files of a few KB, all saying `version`.
fn tree(version: &str) -> Vec<GeneratedFile> {
    (0..FILES)
        .map(|i| GeneratedFile {
            path: format!("src/area{}/m{i}.rs", i % 7),
            contents: format!(
                "// {}\n{}",
                codegen::emit::HEADER,
                format!("pub const V: &str = \"{version}\";\n").repeat(100)
            ),
        })
        .collect()
}

fn as_map(files: &[GeneratedFile]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("codegen-killed-write-")
        .tempdir()
        .unwrap()
}

/// The child's loop; run alone, a short check that the last write wins.
#[test]
fn writes_in_turn_leave_the_last_tree() {
    let (a, b) = (tree("a"), tree("b"));
    if let Some(out) = std::env::var_os(CHILD) {
        let out = PathBuf::from(out);
        loop {
            write(&out, &b).unwrap();
            write(&out, &a).unwrap();
        }
    }
    let root = tempdir();
    let out = root.path().join("generated");
    for last in [&a, &b, &a] {
        write(&out, last).unwrap();
    }
    assert_eq!(generated_files(&out).unwrap(), as_map(&a));
}

/// Waits until `path` exists (the child has begun a write), at most 10 s.
fn wait_for(path: &Path) -> bool {
    let started = Instant::now();
    while !path.exists() {
        if started.elapsed() > Duration::from_secs(10) {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    true
}

#[test]
fn a_killed_write_leaves_the_old_tree_or_the_new_one() {
    let exe = std::env::current_exe().unwrap();
    let root = tempdir();
    let out = root.path().join("generated");
    let staging = root.path().join(".generated.regen-tmp");
    let (a, b) = (tree("a"), tree("b"));
    write(&out, &a).unwrap();
    std::fs::write(out.join("src/mine.rs"), "// mine\n").unwrap();
    std::os::unix::fs::symlink("../README.md", out.join("src/README.md")).unwrap();

    let (mut as_a, mut as_b, mut mid_write) = (0, 0, 0);
    for round in 0..30u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "writes_in_turn_leave_the_last_tree",
                "--test-threads=1",
            ])
            .env(CHILD, &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        assert!(wait_for(&staging), "the child never began a write");
        // From at once to a few writes on: in the first, between writes,
        // in a later one.
        std::thread::sleep(Duration::from_micros(round * 7919 % 40_000));
        child.kill().unwrap();
        child.wait().unwrap();
        if staging.exists() {
            mid_write += 1;
        }

        let found = generated_files(&out).unwrap();
        if found == as_map(&a) {
            as_a += 1;
        } else if found == as_map(&b) {
            as_b += 1;
        } else {
            panic!(
                "round {round}: generated/ is neither tree ({} files)",
                found.len()
            );
        }
        assert_eq!(
            std::fs::read_to_string(out.join("src/mine.rs")).unwrap(),
            "// mine\n"
        );
        assert_eq!(
            std::fs::read_link(out.join("src/README.md")).unwrap(),
            Path::new("../README.md")
        );
    }
    eprintln!(
        "30 kills: {as_a} left the old tree, {as_b} the new; {mid_write} left a staging folder"
    );
    // Kills that land after a write ended would test nothing.
    assert!(mid_write > 0, "no kill landed in the middle of a write");

    // The next regen finishes and leaves nothing of the killed ones.
    write(&out, &b).unwrap();
    assert_eq!(generated_files(&out).unwrap(), as_map(&b));
    let mut left: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".generated.regen-lock", "generated"]);
}
