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

/// An action page whose body is a parameter table of `params`.
fn action(path: &str, params: &[&str]) -> String {
    let rows: String = params
        .iter()
        .map(|p| format!("| {p} | String | The {p}. |\n"))
        .collect();
    format!(
        "---\ntitle: \"A\"\n---\n# A\n\nDoes.\n\n## HTTP request\n\n```http\nPOST {path}\n```\n\n\
         ## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n\
         | Parameter | Type | Description |\n|:--|:--|:--|\n{rows}\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
    )
}

#[test]
fn a_body_the_crate_keeps_is_no_rename_with_keep_names() {
    // The crate named the drive item's `invite` body `invitePostRequestBody`;
    // the new docs add a user's `invite` with another table, which would
    // rename it `itemsInvitePostRequestBody`.
    let old = tree("keep-old", &[]);
    let new = tree("keep-new", &[]);
    let drive = action("/drives/{id}/items/{id}/invite", &["recipients"]);
    for dir in [&old, &new] {
        std::fs::write(dir.join("v1.0/api/driveitem-invite.md"), &drive).unwrap();
    }
    std::fs::write(
        new.join("v1.0/api/user-invite.md"),
        action("/users/{id}/invite", &["email"]),
    )
    .unwrap();
    let krate = tree("keep-crate", &[]);
    std::fs::write(
        krate.join("names.lock"),
        "# @generated\nv1.0 v1_post_drives_by_id_items_by_id_invite invitePostRequestBody\n",
    )
    .unwrap();
    let (code, text) = diff(&old, &new, "breaking");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("itemsInvitePostRequestBody"), "{text}");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["diff", "--deny", "breaking", "--keep-names"])
        .arg(&krate)
        .arg(&old)
        .arg(&new)
        .output()
        .expect("xtask runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.contains("itemsInvitePostRequestBody"), "{text}");
    assert!(text.contains("usersInvitePostRequestBody"), "{text}");
    for dir in [old, new, krate] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The Rust items of the two crates count too: a function that gains an
/// overload renames the method the old crate had. The docs only gained an
/// endpoint (additive), the crate lost a method (breaking).
#[test]
fn a_method_the_new_crate_renames_is_breaking() {
    let one = tree("overload-one", &[]);
    let two = tree("overload-two", &[]);
    let first = "/reports/getThing(period='{period_value}')";
    std::fs::write(one.join("v1.0/api/report.md"), page(first)).unwrap();
    std::fs::write(
        two.join("v1.0/api/report.md"),
        page(&format!(
            "{first}\nGET /reports/getThing(date={{date_value}})"
        )),
    )
    .unwrap();
    let (code, text) = diff(&one, &two, "breaking");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("endpoint added"), "{text}");
    assert!(text.contains("generated crate: breaking"), "{text}");
    assert!(
        text.contains("fn v1::requests::Reports::get_thing(&self, period_value: &str)"),
        "{text}"
    );
    for dir in [one, two] {
        let _ = std::fs::remove_dir_all(dir);
    }
}
