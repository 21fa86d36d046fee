//! The docs spell some path segments several ways (`calendarGroups` and
//! `calendargroups` in 2020, `majorGridlines` and `majorgridlines`), and
//! name one key differently on different pages. A builder has one name
//! whatever order the pages and their lines come in: the camelCase
//! spelling, and of keys the one with the most alternatives and humps.
//! Until session 32 the first spelling met won, and a page that listed its
//! two paths the other way round renamed 64 builders of the 2020 crate.

mod common;

use codegen::write::GeneratedFile;

/// Two pages on one collection, the segment spelled two ways, the key
/// named two ways; the list page's lines in the order given.
fn pages(list_lines: &[&str], first: &str, second: &str) -> Vec<(String, String)> {
    vec![
        (
            format!("v1.0/api/{first}.md"),
            common::api_page("List calendar groups", list_lines, None),
        ),
        (
            format!("v1.0/api/{second}.md"),
            common::api_page("Get calendar group", &["GET /me/calendargroups/{id}"], None),
        ),
    ]
}

fn builders(pages: &[(String, String)]) -> String {
    let files: Vec<GeneratedFile> = codegen::emit::generate(&common::ir_of(pages)).unwrap();
    common::builders(&files, "v1")
}

#[test]
fn a_segment_spelled_two_ways_is_named_by_its_camel_case_spelling() {
    let lines = [
        "GET /users/{id}/calendargroups",
        "GET /me/calendarGroups",
        "GET /users/{id}/calendarGroups/{calendarGroupId}/calendars",
    ];
    let out = builders(&pages(&lines, "calendargroup-list", "calendargroup-get"));
    let user = common::impl_block(&out, "UsersItem").expect("a UsersItem impl");
    assert!(
        user.contains("pub fn calendar_groups(&self) -> UsersItemCalendarGroups"),
        "{user}"
    );
    let names = builder_names(&out);
    assert!(
        !names
            .iter()
            .any(|n| n.to_lowercase().contains("calendargroups")
                && !n.contains("CalendarGroups")
                && !n.contains("calendar_groups")),
        "{names:?}"
    );
    // The key with humps names the method that takes it.
    let groups = common::impl_block(&out, "UsersItemCalendarGroups").expect("the groups");
    assert!(groups.contains("pub fn by_calendar_group_id("), "{groups}");
}

#[test]
fn the_order_of_pages_and_lines_changes_no_name() {
    let lines = [
        "GET /users/{id}/calendargroups",
        "GET /me/calendarGroups",
        "GET /users/{id}/calendarGroups/{calendarGroupId}/calendars",
    ];
    let reversed: Vec<&str> = lines.iter().rev().copied().collect();
    let one = builder_names(&builders(&pages(&lines, "a-list", "b-get")));
    // The other page first (file order), its lines the other way round.
    let other = builder_names(&builders(&pages(&reversed, "b-list", "a-get")));
    assert_eq!(one, other);
    assert!(one.contains(&"UsersItemCalendarGroupsItemCalendars".to_string()));
}

/// The builders' types and methods. (The option markers are named after
/// the operation ids, which the first line of a page gives a crate made
/// afresh, and `names.lock` keeps for a crate regenerated.)
fn builder_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let rest = l.strip_prefix("pub type ").or(l.strip_prefix("pub fn "))?;
            let end = rest.find(|c: char| !c.is_alphanumeric() && c != '_')?;
            Some(rest[..end].to_string())
        })
        .collect();
    names.sort();
    names
}
