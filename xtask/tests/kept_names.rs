//! `cargo xtask regen` reads the `names.lock` of the crate it replaces:
//! a request body keeps the name the crate gave it, and an operation its
//! id.

use std::path::Path;
use std::process::{Command, Output};

#[test]
fn regen_keeps_the_body_names_of_the_crate_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let regen = || -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("regen")
            .arg("--docs")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("xtask runs")
    };
    let said = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    let first = regen();
    assert!(first.status.success(), "{}", said(&first));
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    let line = "v1.0 v1_post_me_send_mail sendMailPostRequestBody\n";
    assert!(lock.contains(line), "{lock}");

    // A crate that named the body otherwise (an older docs version did):
    // the name stays, in the lock, the IR and the models.
    std::fs::write(
        out.join("names.lock"),
        lock.replace(line, "v1.0 v1_post_me_send_mail mailPostRequestBody\n"),
    )
    .unwrap();
    let second = regen();
    assert!(second.status.success(), "{}", said(&second));
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(
        lock.contains("v1.0 v1_post_me_send_mail mailPostRequestBody\n"),
        "{lock}"
    );
    let ir = std::fs::read_to_string(out.join("ir.yaml")).unwrap();
    assert!(
        ir.contains("type: microsoft.graph.mailPostRequestBody"),
        "the IR names it"
    );
    assert!(
        !ir.contains("sendMailPostRequestBody"),
        "no trace of the fresh name"
    );

    // A line regen would not write is dropped with a warning, and the
    // body named afresh. (The file keeps its `@generated` header: without
    // it, the file is hand-written and regen leaves it, and fails.)
    let header = lock.lines().next().unwrap().to_string();
    std::fs::write(
        out.join("names.lock"),
        format!("{header}\nv1.0 v1_post_me_send_mail\n"),
    )
    .unwrap();
    let third = regen();
    assert!(third.status.success(), "{}", said(&third));
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(lock.contains(line), "{lock}");
    let ir = std::fs::read_to_string(out.join("ir.yaml")).unwrap();
    assert!(ir.contains("code: D0008"), "the warning is in the IR");

    // Operation ids too: a crate whose `sendMail` was numbered (a page
    // that sorted first once derived the same id) keeps the number, and
    // so do its options marker type and its body's lock line.
    let id_line = "v1.0 v1_post_me_send_mail user-sendmail.md area-outlook\n";
    assert!(lock.contains(id_line), "{lock}");
    std::fs::write(
        out.join("names.lock"),
        lock.replace(id_line, "v1.0 v1_post_me_send_mail_2 user-sendmail.md\n"),
    )
    .unwrap();
    let fourth = regen();
    assert!(fourth.status.success(), "{}", said(&fourth));
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(
        lock.contains("v1.0 v1_post_me_send_mail_2 user-sendmail.md area-outlook\n")
            && lock.contains("v1.0 v1_post_me_send_mail_2 sendMailPostRequestBody\n"),
        "{lock}"
    );
    let ir = std::fs::read_to_string(out.join("ir.yaml")).unwrap();
    assert!(
        ir.contains("- id: v1_post_me_send_mail_2\n"),
        "the IR has the kept id"
    );
    let options =
        std::fs::read_to_string(out.join("src/v1/requests/options/area_outlook.rs")).unwrap();
    assert!(options.contains("pub enum PostMeSendMail2 {}"), "{options}");
}

/// `ir`, `lint` and `perms` read a crate's `names.lock` as `regen` does
/// (`--keep-names`), so that they name what the crate has.
#[test]
fn ir_lint_and_perms_read_the_crate_regen_would_keep() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let xtask = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .expect("xtask runs")
    };
    let (spec_arg, out_arg) = (spec.to_string_lossy(), out.to_string_lossy());
    let first = xtask(&["regen", "--docs", &spec_arg, "--out", &out_arg]);
    assert!(first.status.success(), "{first:?}");
    // Regen names the lint that says its warnings, and that lint says as
    // many.
    let said = String::from_utf8_lossy(&first.stderr).into_owned();
    let hint = format!("see `cargo xtask lint --docs {spec_arg} --keep-names {out_arg}`");
    assert!(said.contains(&hint), "{said}");
    let warnings = |text: &str| -> String {
        let at = text.find(" warnings").expect("a count of warnings");
        text[..at]
            .rsplit([' ', ';'])
            .next()
            .unwrap_or("")
            .to_string()
    };
    let lint = xtask(&["lint", "--docs", &spec_arg, "--keep-names", &out_arg]);
    assert_eq!(
        warnings(&said),
        warnings(&String::from_utf8_lossy(&lint.stderr)),
        "{said}"
    );
    // The crate numbered `sendMail` once, and a line of its lock is not
    // one regen writes.
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    let id_line = "v1.0 v1_post_me_send_mail user-sendmail.md area-outlook\n";
    assert!(lock.contains(id_line), "{lock}");
    std::fs::write(
        out.join("names.lock"),
        lock.replace(
            id_line,
            "v1.0 v1_post_me_send_mail_2 user-sendmail.md\nv1.0 stray\n",
        ),
    )
    .unwrap();
    let stdout = |o: &Output| String::from_utf8_lossy(&o.stdout).into_owned();

    let ir = xtask(&["ir", "--docs", &spec_arg, "--keep-names", &out_arg]);
    assert!(ir.status.success(), "{ir:?}");
    assert!(stdout(&ir).contains("- id: v1_post_me_send_mail_2\n"));
    let fresh = xtask(&["ir", "--docs", &spec_arg]);
    assert!(stdout(&fresh).contains("- id: v1_post_me_send_mail\n"));
    assert!(!stdout(&fresh).contains("v1_post_me_send_mail_2"));

    let perms = xtask(&[
        "perms",
        "POST",
        "/me/sendMail",
        "--docs",
        &spec_arg,
        "--keep-names",
        &out_arg,
    ]);
    assert!(perms.status.success(), "{perms:?}");
    assert!(
        stdout(&perms).contains("v1_post_me_send_mail_2 (v1.0)"),
        "{}",
        stdout(&perms)
    );

    let lint = xtask(&["lint", "--docs", &spec_arg, "--keep-names", &out_arg]);
    assert!(
        stdout(&lint).contains("names.lock:") && stdout(&lint).contains("warning[D0008]"),
        "{}",
        stdout(&lint)
    );
    let lint = xtask(&["lint", "--docs", &spec_arg]);
    assert!(!stdout(&lint).contains("D0008"), "{}", stdout(&lint));

    let missing = xtask(&["ir", "--keep-names", "/no/such/crate"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such folder"));
}
