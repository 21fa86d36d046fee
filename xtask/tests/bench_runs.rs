//! `cargo xtask bench` writes each run's crate into a new folder of its
//! own (over the crate of the run before, a regen writes nothing, and the
//! write phase measured a comparison), removes it after the run, and never
//! touches a folder it did not make.

use std::process::Command;

#[test]
fn each_run_writes_a_crate_of_its_own_and_removes_only_that() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let bench = || {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["bench", "--runs", "2", "--format", "json", "--out"])
            .arg(&out)
            .output()
            .expect("xtask runs")
    };
    let done = bench();
    let said = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{said}");
    let report: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!(report["runs"], 2, "{report}");
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["keep.txt"],
        "the runs' folders are gone, the rest stays"
    );

    // A folder a run would write into that is already there is not
    // overwritten or removed: the bench stops.
    std::fs::create_dir_all(out.join("run-1/src")).unwrap();
    std::fs::write(out.join("run-1/src/lib.rs"), "// mine").unwrap();
    let refused = bench();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("run-1 exists"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("run-1/src/lib.rs")).unwrap(),
        "// mine"
    );
}
