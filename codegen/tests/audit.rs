//! `cargo xtask perms-audit`: the docs' permissions against a DevX
//! (Kibali) permissions file.

use codegen::audit::{audit, parse_devx, Verdict};
use std::path::Path;

fn ir(pages: &[(&str, String)]) -> codegen::ir::Ir {
    let files = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.clone()))
        .collect();
    let loader = codegen::parse::Loader::memory(files);
    let names: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
    codegen::build_ir(codegen::parse_pages(&loader, &names))
}

fn page(request: &str, work: &str, application: &str) -> String {
    format!(
        "---\ntitle: \"A\"\ndoc_type: apiPageType\n---\n# A\n\nNamespace: microsoft.graph\n\n## Permissions\n\n\
         |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
         |Delegated (work or school account)|{work}|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n\
         |Application|{application}|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{request}\n```\n"
    )
}

const DEVX: &str = r#"{
  "permissions": {
    "Thing.Read.All": { "pathSets": [ { "schemeKeys": ["DelegatedWork", "Application"], "methods": ["GET"],
        "paths": { "/things/{id}": "least=DelegatedWork", "/reports/count(period={period})": "least=Application" } } ] },
    "Thing.Read": { "pathSets": [ { "schemeKeys": ["Application"], "methods": ["GET"],
        "paths": { "/things/{id}": "least=Application" } } ] },
    "Other.Read": { "pathSets": [ { "schemeKeys": ["DelegatedWork"], "methods": ["GET"],
        "paths": { "/others": "least=DelegatedWork" } } ] }
  }
}"#;

#[test]
fn agreement_disagreement_and_one_sided_knowledge() {
    let ir = ir(&[
        (
            "v1.0/api/thing-get.md",
            page(
                "GET /things/{thing-id}",
                "Thing.Read.All|",
                "Thing.Read.All|",
            ),
        ),
        (
            "v1.0/api/report.md",
            page(
                "GET /reports/count(period='{period_value}')",
                "Not supported.|Not supported.",
                "Thing.Read.All|",
            ),
        ),
        (
            "v1.0/api/other.md",
            page(
                "GET /others",
                "Not supported.|Not supported.",
                "Not supported.|Not supported.",
            ),
        ),
    ]);
    let devx = parse_devx(DEVX).unwrap();
    let a = audit(&ir, &devx);
    let verdict = |path: &str, scheme: codegen::ir::Scheme| {
        a.findings
            .iter()
            .find(|f| f.path == path && f.scheme == scheme)
            .map(|f| f.verdict)
    };
    use codegen::ir::Scheme::*;
    // Parameters by position, case-insensitive, function arguments ignored.
    assert_eq!(
        verdict("/things/{thing-id}", DelegatedWork),
        Some(Verdict::Agree)
    );
    assert_eq!(
        verdict("/things/{thing-id}", Application),
        Some(Verdict::LeastDiffers)
    );
    assert_eq!(
        verdict("/reports/count(period='{period_value}')", Application),
        Some(Verdict::Agree)
    );
    assert_eq!(
        verdict("/others", DelegatedWork),
        Some(Verdict::DocsSayNotSupported)
    );
    assert_eq!(a.both_know, 3);
    assert_eq!(a.agree, 2);
    let differs = a
        .findings
        .iter()
        .find(|f| f.verdict == Verdict::LeastDiffers)
        .unwrap();
    assert_eq!(&*differs.source.file, "v1.0/api/thing-get.md");
    assert_eq!(differs.devx_least, ["Thing.Read"]);
    assert_eq!(differs.only_in_devx, ["Thing.Read"]);
}

#[test]
fn not_a_kibali_file_is_an_error() {
    assert!(parse_devx("[1, 2]").is_err());
}

#[test]
fn modern_pages_agree_with_devx_on_at_least_80_percent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let (docs, devx) = (root.join("modern"), root.join("devx/permissions.json"));
    if !docs.is_dir() || !devx.is_file() {
        eprintln!(
            "{} or {} is absent; this test checks nothing",
            docs.display(),
            devx.display()
        );
        return;
    }
    let ir = codegen::load_ir(&docs, "modern");
    let devx = parse_devx(&std::fs::read_to_string(&devx).unwrap()).unwrap();
    let a = audit(&ir, &devx);
    assert!(a.both_know >= 40, "{}", codegen::audit::render(&a));
    assert!(
        a.agreement_percent() >= 80.0,
        "{}",
        codegen::audit::render(&a)
    );
    // Every disagreement names its page and line.
    assert!(a
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Agree)
        .all(|f| f.source.line > 0 && f.source.file.starts_with("modern/")));
}

#[test]
fn intune_s_copy_of_a_shared_page_does_not_outrank_it() {
    // `intune-shared-user-create.md` documents `POST /users` beside
    // `user-post-users.md`, under another name and with Intune's
    // permissions; it sorts first by file name, and used to win.
    let ir = ir(&[
        (
            "v1.0/api/intune-shared-user-create.md",
            page(
                "POST /users",
                "DeviceManagementManagedDevices.ReadWrite.All|Not available.",
                "Not supported.|Not supported.",
            ),
        ),
        (
            "v1.0/api/user-post-users.md",
            page(
                "POST /users",
                "User.ReadWrite.All|Directory.ReadWrite.All",
                "User.ReadWrite.All|Directory.ReadWrite.All",
            ),
        ),
    ]);
    let create = ir
        .operations
        .iter()
        .find(|o| o.endpoints.iter().any(|e| e.path == "/users"))
        .expect("POST /users");
    assert!(
        create.sources[0].file.ends_with("user-post-users.md"),
        "{:?}",
        create.sources
    );
    // The shared page's permissions are the operation's; Intune's join as
    // a scope of their own, which Graph accepts too (DevX lists them for
    // `POST /users`), rather than being dropped with a `D0501`.
    let least: Vec<(Option<&str>, &str)> = create
        .permissions
        .iter()
        .flat_map(|set| {
            set.schemes()
                .into_iter()
                .map(move |s| (set.scope.as_deref(), s.1))
        })
        .filter_map(|(scope, grant)| match grant {
            codegen::ir::SchemePermissions::Listed { least, .. } => {
                Some(least.iter().map(move |p| (scope, p.as_str())))
            }
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(
        least,
        [
            (None, "User.ReadWrite.All"),
            (None, "User.ReadWrite.All"),
            (
                Some("Intune"),
                "DeviceManagementManagedDevices.ReadWrite.All"
            )
        ]
    );
    assert!(
        !ir.diagnostics
            .iter()
            .any(|d| d.code == codegen::diagnostics::Code::ConflictingFacts),
        "{:?}",
        ir.diagnostics
    );
}
