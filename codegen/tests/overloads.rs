//! Overloaded functions (`getEmailActivityUserDetail(period='D7')` beside
//! `(date=2017-09-01)`, reportroot-getemailactivityuserdetail.md): the
//! builder methods and the builder types are named after the arguments,
//! so that another overload added later renames none of them. (Afresh,
//! the second overload of a function renames the first's method and type:
//! alone, a function's call is plain. A regen into a crate keeps the
//! names it had through `names.lock`: see `kept_names`.)

mod common;

fn report_page(file: &str, path: &str) -> (String, String) {
    (
        format!("v1.0/api/{file}"),
        format!(
            "---\ntitle: \"reportRoot: getEmailActivityUserDetail\"\nms.prod: \"reports\"\n---\n\
             # reportRoot: getEmailActivityUserDetail\n\nGets details about email activity users.\n\n\
             ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|Reports.Read.All|\n\
             |Delegated (personal Microsoft account)|Not supported.|\n\
             |Application|Reports.Read.All|\n\n\
             ## HTTP request\n\n```http\nGET {path}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
             [report](../resources/report.md) object in the response body.\n"
        ),
    )
}

fn by_period() -> (String, String) {
    report_page(
        "reportroot-getemailactivityuserdetail-period.md",
        "/reports/getEmailActivityUserDetail(period='{period_value}')",
    )
}

fn by_date() -> (String, String) {
    report_page(
        "reportroot-getemailactivityuserdetail-date.md",
        "/reports/getEmailActivityUserDetail(date={date_value})",
    )
}

/// The builder type a method of the `reports` builder returns.
fn returned_type(builders: &str, method: &str) -> String {
    let at = builders
        .find(&format!("pub fn {method}("))
        .unwrap_or_else(|| panic!("no {method} in the builders"));
    let after = &builders[at..];
    let arrow = after.find("->").expect("a return type");
    after[arrow + 2..]
        .split(|c: char| c == '{' || c.is_whitespace())
        .find(|w| !w.is_empty())
        .expect("a type")
        .to_string()
}

/// A third overload, whose path sorts before both.
fn by_after() -> (String, String) {
    report_page(
        "reportroot-getemailactivityuserdetail-after.md",
        "/reports/getEmailActivityUserDetail(after={after_value})",
    )
}

#[test]
fn overloads_are_named_after_their_arguments_and_a_newcomer_renames_none() {
    let one = codegen::emit::generate(&common::ir_of(&[by_period()])).unwrap();
    let one = common::builders(&one, "v1");
    // Alone, the function is the plain call.
    assert_eq!(
        returned_type(&one, "get_email_activity_user_detail"),
        "ReportsGetEmailActivityUserDetailCall"
    );

    let both = codegen::emit::generate(&common::ir_of(&[by_period(), by_date()])).unwrap();
    let both = common::builders(&both, "v1");
    // `date` sorts before `period`: numbered in turn, the newcomer would be
    // `...Call` and the period's builder `...Call2`.
    assert_eq!(
        returned_type(&both, "get_email_activity_user_detail_with_period_value"),
        "ReportsGetEmailActivityUserDetailWithPeriodValueCall"
    );
    assert_eq!(
        returned_type(&both, "get_email_activity_user_detail_with_date_value"),
        "ReportsGetEmailActivityUserDetailWithDateValueCall"
    );
    assert!(!both.contains("Call2"), "no numbered builder type");

    // A third overload that sorts first renames neither builder type nor
    // method of the two (numbered in turn, they became `...Call2` and
    // `...Call3`).
    let three =
        codegen::emit::generate(&common::ir_of(&[by_period(), by_date(), by_after()])).unwrap();
    let three = common::builders(&three, "v1");
    for (method, ty) in [
        (
            "get_email_activity_user_detail_with_period_value",
            "ReportsGetEmailActivityUserDetailWithPeriodValueCall",
        ),
        (
            "get_email_activity_user_detail_with_date_value",
            "ReportsGetEmailActivityUserDetailWithDateValueCall",
        ),
        (
            "get_email_activity_user_detail_with_after_value",
            "ReportsGetEmailActivityUserDetailWithAfterValueCall",
        ),
    ] {
        assert_eq!(returned_type(&three, method), ty);
    }
}

/// Whatever call lines a lock has (edited, merged, or written for another
/// tree), each call gets a method of its own, and the lock the regen then
/// writes keeps every name: the regen after it renames nothing.
#[test]
fn any_lock_names_each_call_once_and_the_next_regen_keeps_the_names() {
    use codegen::ir::kept_names::KeptNames;
    use proptest::prelude::*;
    let pages = [by_period(), by_date(), by_after()];
    let methods = |ir: &codegen::ir::Ir| -> Vec<String> {
        let files = codegen::emit::generate(ir).unwrap();
        let mut found: Vec<String> = common::file(&files, "api.txt")
            .lines()
            .filter(|l| l.starts_with("fn v1::requests::Reports::get_email_activity_user_detail"))
            .map(|l| l.split('(').next().unwrap_or(l).to_string())
            .collect();
        found.sort();
        found
    };
    let key = prop::sample::select(vec![
        "/reports/getemailactivityuserdetail(period='{}')",
        "/reports/getemailactivityuserdetail(date={})",
        "/reports/getemailactivityuserdetail(after={})",
        "/reports/getemailactivitycounts(period='{}')",
        "/reports",
    ]);
    let line = (
        prop::sample::select(vec!["v1.0", "beta"]),
        key,
        prop::sample::select(vec!["", " with", " more"]),
    )
        .prop_map(|(v, k, w)| format!("{v} call {k}{w}"));
    let locks = prop::collection::vec(line, 0..8).prop_map(|l| l.join("\n"));
    proptest!(ProptestConfig::with_cases(32), |(lock in locks)| {
        let ir = common::ir_keeping(&pages, &KeptNames::read(&lock, "names.lock"));
        let named = methods(&ir);
        // Three calls, three methods, no numbered one.
        prop_assert_eq!(named.len(), 3, "{:?}: {:?}", lock, named);
        let distinct: std::collections::BTreeSet<&String> = named.iter().collect();
        prop_assert_eq!(distinct.len(), 3, "{:?}: {:?}", lock, named);
        prop_assert!(named.iter().all(|m| !m.ends_with(char::is_numeric)), "{:?}: {:?}", lock, named);
        // At most one call of the function is bare.
        let bare = named.iter().filter(|m| m.ends_with("get_email_activity_user_detail")).count();
        prop_assert!(bare <= 1, "{:?}: {:?}", lock, named);
        // The next regen, with the lock this one writes, keeps them all.
        let next_lock = KeptNames::render(&ir, "@generated");
        let next = common::ir_keeping(&pages, &KeptNames::read(&next_lock, "names.lock"));
        prop_assert_eq!(methods(&next), named.clone(), "{:?}", lock);
    });
}
