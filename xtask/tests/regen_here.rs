//! `cargo xtask regen --out .` from inside the generated folder: the new
//! tree is staged beside the folder, not inside it, and hand-written files
//! stay.

use std::path::Path;
use std::process::{Command, Output};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn regen_into_the_current_folder_stages_beside_it() {
    let root = std::env::temp_dir().join(format!("xtask-regen-here-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let out = root.join("generated");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("NOTES.md"), "mine\n").unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let regen = |extra: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("regen")
            .args(extra)
            .arg("--docs")
            .arg(&spec)
            .args(["--out", "."])
            .current_dir(&out)
            .output()
            .expect("xtask runs")
    };
    let said = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();

    let wrote = regen(&[]);
    assert!(wrote.status.success(), "{}", said(&wrote));
    assert!(out.join("src/lib.rs").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("NOTES.md")).unwrap(),
        "mine\n"
    );
    assert!(
        !names_in(&out).iter().any(|n| n.starts_with(".generated")),
        "{:?}",
        names_in(&out)
    );
    assert_eq!(names_in(&root), [".generated.regen-lock", "generated"]);

    let checked = regen(&["--check"]);
    assert!(checked.status.success(), "{}", said(&checked));
    let _ = std::fs::remove_dir_all(&root);
}
