//! `cargo xtask regen` says what a regen changes for the crate's users,
//! from the `ir.yaml` and `api.txt` of the crate it replaces: how many changes, whether
//! they are breaking, additive or neither, and with `--changes` each one;
//! `--check` says it of a stale crate. A first regen, and one that changes
//! nothing, say nothing of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A scratch folder `root` holding a copy of `spec/` (`docs`) and the
/// place of its crate (`out`).
fn scratch(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("xtask-regen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (docs, out) = (root.join("spec"), root.join("generated"));
    std::fs::create_dir_all(&docs).unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        &docs,
    );
    (root, docs, out)
}

fn regen(docs: &Path, out: &Path, extra: &[&str]) -> (Output, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("regen")
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("xtask runs");
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{said}");
    (output, said)
}

#[test]
fn regen_says_what_changed_since_the_crate_it_replaces() {
    let (root, docs, out) = scratch("changes");

    // A first regen has nothing to compare with.
    let (_, said) = regen(&docs, &out, &[]);
    assert!(!said.contains("since the last regen"), "{said}");

    // The docs lose `sendMail`: a breaking change, counted.
    let page = docs.join("api-reference/v1.0/api/user-sendmail.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    // `--check` fails, and says what the regen would change.
    let checked = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--check", "--docs"])
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("xtask runs");
    let said = String::from_utf8_lossy(&checked.stderr);
    assert!(!checked.status.success(), "{said}");
    assert!(
        said.contains("a regen would change the API: ")
            && said.contains("generated crate: breaking"),
        "{said}"
    );
    let (_, said) = regen(&docs, &out, &[]);
    assert!(said.contains("since the last regen: "), "{said}");
    assert!(said.contains("generated crate: breaking"), "{said}");
    assert!(said.contains("operation removed"), "{said}");
    assert!(
        !said.contains("v1_post_me_send_mail"),
        "only counts: {said}"
    );

    // It comes back: additive, and `--changes` lists it.
    std::fs::write(&page, text).unwrap();
    let (_, said) = regen(&docs, &out, &["--changes"]);
    assert!(said.contains("generated crate: additive"), "{said}");
    assert!(said.contains("v1_post_me_send_mail"), "{said}");

    // Nothing changed: nothing said.
    std::fs::write(docs.join("api-reference/v1.0/api/notes.txt"), "").unwrap();
    let (_, said) = regen(&docs, &out, &[]);
    assert!(!said.contains("since the last regen"), "{said}");
    let _ = std::fs::remove_dir_all(&root);
}

/// Two branches that each ran regen, merged with conflicts left in the
/// crate's `ir.yaml` and `names.lock`: regen says that it has no change
/// log and why, and says each lock line it dropped (the lock it writes has
/// none of them, so `lint` after it could not).
#[test]
fn regen_says_what_it_could_not_read_of_the_crate_it_replaces() {
    let (root, docs, out) = scratch("merged");
    regen(&docs, &out, &[]);
    let conflict = |file: &str, after: &str, ours: &str, theirs: &str| {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        let at = text.find(after).expect("the line is there") + after.len();
        let merged = format!(
            "{}<<<<<<< HEAD\n{ours}=======\n{theirs}>>>>>>> other\n{}",
            &text[..at],
            &text[at..]
        );
        std::fs::write(out.join(file), merged).unwrap();
    };
    conflict("ir.yaml", "operations:\n", "- id: a\n", "- id: b\n");
    conflict(
        "names.lock",
        "v1.0 v1_post_me_send_mail sendMailPostRequestBody\n",
        "",
        "v1.0 v1_post_me_send_mail mailPostRequestBody\n",
    );
    // The docs change, so that there is a change log to miss.
    std::fs::remove_file(docs.join("api-reference/v1.0/api/user-sendmail.md")).unwrap();
    let (_, said) = regen(&docs, &out, &[]);
    assert!(
        said.contains("no change log since the last regen: ")
            && said.contains("ir.yaml does not read as an IR"),
        "{said}"
    );
    assert!(!said.contains("since the last regen: 1"), "{said}");
    assert!(
        said.contains("names.lock:") && said.contains("warning[D0008]"),
        "{said}"
    );
    assert!(
        said.contains(
            "another name on an earlier line (`sendMailPostRequestBody`), which it keeps"
        ),
        "{said}"
    );
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(!lock.contains("<<<<<<<"), "{lock}");
    let _ = std::fs::remove_dir_all(&root);
}

/// A function that gains an overload names each of its calls by their
/// parameters. The call the crate had keeps its bare method name (the
/// lock lists it), so the new overload only adds a method: the docs gained
/// an endpoint, and the crate's users lose nothing. One that loses its
/// overload keeps the name with parameters its last call had. The Rust
/// items are compared too (`api.txt`).
#[test]
fn a_function_that_gains_or_loses_an_overload_keeps_the_method_it_had() {
    let (root, docs, out) = scratch("overload");
    let page = docs.join("api-reference/v1.0/api/reportroot-getemailactivityuserdetail.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let overload = "GET /reports/getEmailActivityUserDetail(date={date_value})\n";
    assert!(text.contains(overload));
    std::fs::write(&page, text.replace(overload, "")).unwrap();
    regen(&docs, &out, &[]);
    let bare =
        "fn v1::requests::Reports::get_email_activity_user_detail(&self, period_value: &str)";
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert!(listing.contains(bare), "{listing}");
    let call = "v1.0 call /reports/getemailactivityuserdetail(period='{}')\n";
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(lock.contains(call), "{lock}");

    std::fs::write(&page, &text).unwrap();
    let (_, said) = regen(&docs, &out, &["--changes"]);
    assert!(said.contains("generated crate: additive"), "{said}");
    assert!(!said.contains("Rust item removed"), "{said}");
    assert!(
        said.contains("Rust item added:\n")
            && said.contains("\n  fn v1::requests::Reports::get_email_activity_user_detail_with_date_value(&self, date_value: &str) -> "),
        "{said}"
    );
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert!(listing.contains(bare), "{listing}");
    assert!(!listing.contains("get_email_activity_user_detail_with_period_value"));
    // The IR says which call kept its name; the lock still lists it.
    let ir = std::fs::read_to_string(out.join("ir.yaml")).unwrap();
    assert!(
        ir.contains("kept_calls:\n- version: v1.0\n  key: /reports/getemailactivityuserdetail(period='{}')\n"),
        "{ir}"
    );
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(lock.contains(call), "{lock}");
    // Kept again by the next regen, which changes nothing.
    let (_, said) = regen(&docs, &out, &[]);
    assert!(said.contains("is fresh"), "{said}");

    // A crate made afresh names both calls by their parameters.
    let fresh = root.join("fresh");
    regen(&docs, &fresh, &[]);
    let listing = std::fs::read_to_string(fresh.join("api.txt")).unwrap();
    assert!(!listing.contains(bare), "{listing}");
    assert!(listing.contains(
        "fn v1::requests::Reports::get_email_activity_user_detail_with_period_value(&self, period_value: &str)"
    ));
    let lock = std::fs::read_to_string(fresh.join("names.lock")).unwrap();
    assert!(
        lock.contains("\nv1.0 call /reports/getemailactivityuserdetail(period='{}') with\n"),
        "{lock}"
    );

    // The other way: the docs take the overload away again. The call left
    // keeps the name it had, with its parameters; only the other goes.
    std::fs::write(&page, text.replace(overload, "")).unwrap();
    let (_, said) = regen(&docs, &fresh, &["--changes"]);
    let listing = std::fs::read_to_string(fresh.join("api.txt")).unwrap();
    assert!(!listing.contains(bare), "{listing}");
    assert!(listing.contains(
        "fn v1::requests::Reports::get_email_activity_user_detail_with_period_value(&self, period_value: &str)"
    ));
    assert!(
        said.contains("\n  fn v1::requests::Reports::get_email_activity_user_detail_with_date_value(&self, date_value: &str) -> "),
        "{said}"
    );
    assert!(!said.contains("Rust item added"), "{said}");
    std::fs::write(&page, &text).unwrap();

    // A crate from before `api.txt`: said, not taken for an empty API.
    std::fs::remove_file(out.join("api.txt")).unwrap();
    std::fs::write(&page, text.replace(overload, "")).unwrap();
    let (_, said) = regen(&docs, &out, &[]);
    assert!(
        said.contains("were not compared: the crate has no api.txt"),
        "{said}"
    );
    assert!(!said.contains("Rust item removed"), "{said}");
    // Without its overload, the function's call is no kept call.
    let ir = std::fs::read_to_string(out.join("ir.yaml")).unwrap();
    assert!(!ir.contains("kept_calls:"), "{ir}");
    let _ = std::fs::remove_dir_all(&root);
}

/// A page that documents for the signed-in user (`/me/...`) what another
/// page documents for any user (`/users/{id}/...`) adds an endpoint to that
/// operation. As an operation of its own it stopped the builders folding
/// `/me` into the users tree, for the whole version: `me()` got a tree of
/// its own, and a regen into the crate was breaking.
#[test]
fn a_page_for_the_signed_in_user_adds_an_endpoint() {
    let (root, docs, out) = scratch("me");
    regen(&docs, &out, &[]);
    let me = "fn beta::requests::Root::me(&self) -> UsersItem ";
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert!(listing.contains(me), "{listing}");

    let api = docs.join("api-reference/beta/api");
    let text = std::fs::read_to_string(api.join("authenticationmethod-resetpassword.md")).unwrap();
    let users =
        "POST /users/{id | userPrincipalName}/authentication/passwordMethods/{id}/resetPassword\n";
    assert!(text.contains(users));
    let signed_in = "POST /me/authentication/passwordMethods/{id}/resetPassword\n";
    let page = api.join("me-authenticationmethod-resetpassword.md");
    std::fs::write(&page, text.replace(users, signed_in)).unwrap();
    let (_, said) = regen(&docs, &out, &["--changes"]);
    assert!(said.contains("since the last regen: 1 changes"), "{said}");
    assert!(said.contains("generated crate: additive"), "{said}");
    assert!(
        said.contains(&format!(
            "Endpoint added:\n  beta_post_users_by_id_authentication_password_methods_by_id_reset_password: {}  [{}:",
            signed_in.trim_end(),
            page.display()
        )),
        "{said}"
    );
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert!(listing.contains(me), "{listing}");
    let _ = std::fs::remove_dir_all(&root);
}

/// An operation the docs move to another area (`ms.prod`) stays on with
/// the area it had, so that a build that asked for it keeps it: the lock
/// records its areas, and its gate becomes `any(old, new)`, an addition.
#[test]
fn an_operation_moved_to_another_area_stays_on_with_its_old_one() {
    let (root, docs, out) = scratch("area");
    let page = docs.join("api-reference/v1.0/api/educationassignment-publish.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let education = "ms.prod: \"education\"";
    assert!(text.contains(education));
    regen(&docs, &out, &[]);
    let publish = "fn v1::requests::EducationClassesItemAssignmentsItemPublish::post(&self)";
    let gate_of = |listing: &str| -> String {
        let line = listing
            .lines()
            .find(|l| l.starts_with(publish))
            .unwrap_or_else(|| panic!("{listing}"));
        line.split_once("  if ").map(|x| x.1.to_string()).unwrap()
    };
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert_eq!(
        gate_of(&listing),
        r#"all(feature = "v1", feature = "area-education")"#
    );

    // The docs move the page to the industry-data area.
    let moved = text.replace(education, "ms.prod: \"industrydata\"");
    std::fs::write(&page, &moved).unwrap();
    let (_, said) = regen(&docs, &out, &["--changes"]);
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert_eq!(
        gate_of(&listing),
        r#"all(feature = "v1", any(feature = "area-education", feature = "area-industrydata"))"#
    );
    assert!(!said.contains("needs other features"), "{said}");
    assert!(said.contains("Rust item on with more features"), "{said}");
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        cargo.contains("# 0 operations, and 1 an earlier crate had in it\narea-education = []\n"),
        "{cargo}"
    );
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(
        lock.contains(" educationassignment-publish.md area-education area-industrydata\n"),
        "{lock}"
    );

    // The next regen keeps both, and changes nothing.
    let (_, said) = regen(&docs, &out, &[]);
    assert!(said.contains("is fresh"), "{said}");
    assert_eq!(
        std::fs::read_to_string(out.join("api.txt")).unwrap(),
        listing
    );

    // A crate made afresh has the operation in its new area only.
    let fresh = root.join("fresh");
    regen(&docs, &fresh, &[]);
    let fresh_listing = std::fs::read_to_string(fresh.join("api.txt")).unwrap();
    let new_only = r#"all(feature = "v1", feature = "area-industrydata")"#;
    assert_eq!(gate_of(&fresh_listing), new_only);

    // A reset (a major release) forgets the old area, as a crate made
    // afresh has it, and keeps the ids: a break, said as one.
    let (_, said) = regen(&docs, &out, &["--reset-areas", "--changes"]);
    assert!(said.contains("generated crate: breaking"), "{said}");
    assert!(said.contains("Rust item needs other features"), "{said}");
    let listing = std::fs::read_to_string(out.join("api.txt")).unwrap();
    assert_eq!(gate_of(&listing), new_only);
    assert_eq!(listing, fresh_listing);
    let lock = std::fs::read_to_string(out.join("names.lock")).unwrap();
    assert!(
        lock.contains(" educationassignment-publish.md area-industrydata\n"),
        "{lock}"
    );
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(!cargo.contains("area-education"), "{cargo}");
    // The lock it wrote gives no former area: the IR read with it, as the
    // next regen reads it, has none.
    let ir = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["ir", "--docs"])
        .arg(&docs)
        .arg("--keep-names")
        .arg(&out)
        .output()
        .expect("xtask runs");
    assert!(ir.status.success());
    let ir = String::from_utf8_lossy(&ir.stdout);
    assert!(ir.contains("area: industrydata"), "{ir}");
    assert!(!ir.contains("former_areas"), "{ir}");
    let _ = std::fs::remove_dir_all(&root);
}
