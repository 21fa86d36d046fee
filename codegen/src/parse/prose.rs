//! What the prose says: response status and type, query-option support,
//! request body, and enum values with their terminal states.

use crate::ir::{QueryOptions, QuerySupport};
use memchr::memmem::Finder;
use std::sync::OnceLock;

/// A phrase the readers look for in every paragraph or cell. Its searcher
/// is built once, on first use: `str::contains` builds one per call, and
/// that was most of the cost of asking a short paragraph for a phrase.
pub struct Phrase {
    text: &'static str,
    finder: OnceLock<Finder<'static>>,
}

impl Phrase {
    pub const fn new(text: &'static str) -> Self {
        Phrase {
            text,
            finder: OnceLock::new(),
        }
    }

    /// Whether `haystack` contains the phrase, as `str::contains` says.
    pub fn is_in(&self, haystack: &str) -> bool {
        self.find(haystack).is_some()
    }

    /// Where the phrase first starts in `haystack`, as `str::find` says.
    pub fn find(&self, haystack: &str) -> Option<usize> {
        self.finder
            .get_or_init(|| Finder::new(self.text))
            .find(haystack.as_bytes())
    }
}

/// "If successful, this method returns a `200 OK` response code and a
/// [user](../resources/user.md) object in the response body."
pub fn response(text: &str) -> Option<(Option<u16>, Option<String>, bool)> {
    let lower = text.to_ascii_lowercase();
    // "this method returns", or "will return a `202 Accepted`"
    // (team-clone.md, 2020) and "should return".
    let at = lower.find("returns").or_else(|| {
        lower
            .match_indices("return ")
            .map(|(i, _)| i)
            .find(|&i| i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric())
    })?;
    let after = &text[at..];
    let status = after
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 3 && (w.starts_with('2') || w.starts_with('3')))
        .and_then(|w| w.parse().ok());
    // "a collection of", "a list of [teamsCatalogApp](...) objects"
    // (teamsapp-list.md, 2020).
    let mut collection = lower[at..].contains("collection of") || lower[at..].contains("list of");
    let words: Vec<&str> = after.split_whitespace().collect();
    let mut type_name = None;
    // Where the type was named, in words.
    let mut type_at = 0;
    let word = |i: usize| words[i].trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'));
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        // "... and a String collection in the response body" (the Intune
        // functions), "a list of [shared](...) items" (insights-list-shared.md).
        // ("a collection of X objects" is read below.)
        let of_next = words
            .get(i + 1)
            .is_some_and(|n| n.eq_ignore_ascii_case("of"));
        // "the children collection of the target item"
        // (driveitem-list-children.md, 2020) names a relationship, not a
        // type.
        let the_before = i > 1 && words[i - 2].eq_ignore_ascii_case("the");
        let collection_word = i > 1
            && (bare.eq_ignore_ascii_case("collection") && !of_next && !the_before
                || bare.eq_ignore_ascii_case("items") && words[i - 2].eq_ignore_ascii_case("of"));
        if collection_word && is_type_word(word(i - 1)) {
            type_name = Some(word(i - 1).to_string());
            collection = true;
            type_at = i;
            break;
        }
        // "... and a passwordResetResponse in the response body."
        let before_in_body = bare == "in"
            && words.get(i + 1..i + 4).is_some_and(|next| {
                next.iter()
                    .map(|n| n.trim_matches(|c: char| !c.is_alphanumeric()))
                    .eq(["the", "response", "body"])
            });
        if (matches!(
            bare,
            "object" | "objects" | "resource" | "resources" | "entity" | "entities"
        ) || before_in_body)
            && i > 0
        {
            let candidate = word(i - 1);
            if is_type_word(candidate) {
                type_name = Some(candidate.to_string());
                type_at = i;
                // "all [openShift](...) objects in the team"
                // (openshift-list.md, 2020): more than one.
                collection |= matches!(bare, "objects" | "resources" | "entities");
                break;
            }
        }
    }
    // "a `202 Accepted` response code with a Location: header pointing to
    // the [operation](...) resource" (team-clone.md): the resource is where
    // to follow the work, not the body, which is empty.
    let location_first = words[..type_at.min(words.len())]
        .iter()
        .any(|w| w.to_ascii_lowercase().contains("location"));
    if status == Some(202) && location_first {
        type_name = None;
        collection = false;
    }
    Some((status, type_name, collection))
}

/// Whether a word of prose can be a type's name: not an article, a
/// pronoun or another word the docs write where a type would stand.
pub fn is_type_word(w: &str) -> bool {
    const NOT_TYPES: &[&str] = &[
        "a",
        "an",
        "and",
        "or",
        "the",
        "requested",
        "new",
        "updated",
        "json",
        "response",
        "error",
        "this",
        "that",
        "of",
        "collection",
        "created",
        "specified",
        // "It does not return anything in the response body."
        "anything",
        "nothing",
        "something",
        "it",
        // "a true value is returned in the response body",
        // "a list of shared items in the response body"
        "returned",
        "items",
        // "an array of such objects", "all their objects"
        "these",
        "those",
        "such",
        "its",
        "their",
        "your",
        "all",
        "any",
        // "one of the following requested objects in the response body"
        // (user-get-mailboxsettings.md, 2020): the list after it names them.
        "object",
        "objects",
        "resource",
        "resources",
        "entity",
        "entities",
        // "in JSON representation in the response body"
        // (identityprovider-list.md), "the image or file binary data in
        // the response body" (resource-get.md, 2020).
        "representation",
        "data",
    ];
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && !NOT_TYPES.contains(&w.to_ascii_lowercase().as_str())
}

/// The Optional query parameters section (its paragraphs, list items and
/// the first cells of its tables), sentence by sentence. A sentence that
/// says the method supports "the OData query parameters" and names none
/// says all of them, whatever other sentences name for their own sake
/// (user-list.md, 2020, goes on to explain `$select`: its `top`, `filter`
/// and `order_by` were missing). One that names options says those
/// (`supports the $filter, $select, and $expand`, or `the select and
/// expand OData Query Parameters` without `$`). A sentence that says "not"
/// of support takes away what it names, or all options when it names
/// none. Options only mentioned (a table or list of them after "the
/// following") count when no sentence says what is supported.
pub fn query_options(text: &str) -> QueryOptions {
    let mut named: Vec<String> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    let (mut all, mut some, mut none, mut supported) = (false, false, false, false);
    for sentence in text.split(['\n', '.']) {
        let lower = sentence.to_ascii_lowercase();
        let supports = lower.contains("support");
        let negative = supports
            && (lower.contains("n't ")
                || lower
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w == "not" || w == "no"));
        let names = options_in(sentence, supports);
        if negative {
            none |= names.is_empty();
            excluded.extend(names);
            continue;
        }
        if supports && names.is_empty() {
            if lower.contains("some") {
                some = true;
            } else if !lower.contains("following")
                && (lower.contains("odata") || lower.contains("query param"))
            {
                all = true;
            }
        }
        supported |= supports && !names.is_empty();
        for name in names {
            if !named.contains(&name) {
                named.push(name);
            }
        }
    }
    named.retain(|n| !excluded.contains(n));
    let support = if all && !excluded.is_empty() {
        // All but those it says are not supported (user-list-memberof.md,
        // 2020: "$filter is not supported").
        named = crate::ir::ODATA_OPTIONS
            .iter()
            .filter(|o| !excluded.iter().any(|e| e == *o))
            .map(|o| o.to_string())
            .collect();
        QuerySupport::Named
    } else if all {
        QuerySupport::All
    } else if supported || some && !named.is_empty() {
        // Named, or listed after "some of them; the following:".
        QuerySupport::Named
    } else if some {
        QuerySupport::Some
    } else if none {
        QuerySupport::None
    } else if !named.is_empty() {
        QuerySupport::Named
    } else {
        QuerySupport::Unstated
    };
    QueryOptions {
        support,
        named,
        parameters: Vec::new(),
    }
}

/// The OData options a sentence names: `$select`, or, in a sentence about
/// what is supported (`bare`), `select` as a word of its own.
fn options_in(sentence: &str, bare: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in sentence.split(|c: char| !(c.is_ascii_alphabetic() || c == '$')) {
        let (dollar, name) = match word.rsplit_once('$') {
            Some((_, name)) => (true, name),
            None => (false, word),
        };
        // Most words are prose: they are matched where they stand, and
        // only an option's name is written out.
        let Some(option) = QUERY_OPTIONS
            .iter()
            .find(|o| o[1..].eq_ignore_ascii_case(name))
        else {
            continue;
        };
        if (dollar || bare && *option != "$value") && !out.iter().any(|o| o == option) {
            out.push(option.to_string());
        }
    }
    out
}

/// The query options a sentence may name, as the URL writes them.
const QUERY_OPTIONS: [&str; 12] = [
    "$select",
    "$expand",
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
    "$skiptoken",
    "$format",
    "$value",
    "$deltatoken",
];

/// An enumeration stated in prose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProseEnum {
    pub members: Vec<String>,
    pub terminal: Vec<String>,
}

/// "The possible states ... are notStarted, running, succeeded, failed,
/// unknownFutureValue where succeeded and failed are terminal states."
/// "Possible values are: `a`, `b`, `c`."
pub fn enum_values(text: &str) -> Option<Vec<String>> {
    // Every key phrase holds "possible"; most descriptions have none.
    // (Lowering first and searching once is cheaper than a case-blind
    // search byte by byte.)
    static POSSIBLE: Phrase = Phrase::new("possible");
    static KEYS: [Phrase; 5] = [
        Phrase::new("possible values are"),
        Phrase::new("possible states of"),
        Phrase::new("possible values:"),
        Phrase::new("the possible values are"),
        Phrase::new("possible values include"),
    ];
    let lower = text.to_ascii_lowercase();
    if !POSSIBLE.is_in(&lower) {
        return None;
    }
    let key = KEYS
        .iter()
        .filter_map(|k| k.find(&lower).map(|i| (i, k.text.len())))
        .min()?;
    let after = &text[key.0 + key.1..];
    let start = if lower[key.0..].starts_with("possible states of") {
        after.find(" are ").map(|i| i + 5)?
    } else {
        0
    };
    let list = after[start..].trim_start_matches([':', ' ']);
    let mut members = Vec::new();
    for raw in list.split(',') {
        let mut words = raw.split_whitespace().map(|w| {
            w.trim_matches(|c: char| {
                c == '`' || c == '"' || c == '\'' || c == '.' || c == ';' || c == ')' || c == '('
            })
        });
        let mut word = words.next().unwrap_or("");
        if matches!(word, "and" | "or") {
            word = words.next().unwrap_or("");
        }
        if !is_member(word) {
            break;
        }
        members.push(word.to_string());
        // A member followed by more words ("... unknownFutureValue where ...") ends the list.
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty() {
            if rest.len() == 2 && matches!(rest[0], "and" | "or") && is_member(rest[1]) {
                members.push(rest[1].to_string());
            }
            break;
        }
    }
    (members.len() >= 2).then_some(members)
}

fn is_member(w: &str) -> bool {
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// "where succeeded and failed are terminal states", "`Succeeded` and
/// `Failed` are terminal states."
pub fn terminal_states(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let Some(end) = lower
        .find("are terminal states")
        .or_else(|| lower.find("are the terminal states"))
    else {
        return Vec::new();
    };
    let before = &text[..end];
    let clause_start = [" where ", ". ", ": ", "\n"]
        .iter()
        .filter_map(|s| before.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    before[clause_start..]
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| c == '`' || c == '*' || c == '"'))
        .filter(|w| is_member(w) && !matches!(*w, "and" | "or" | "where" | "The" | "the"))
        .map(str::to_string)
        .collect()
}

/// Graph wire values are camelCase; prose often capitalises them.
pub fn wire_case(member: &str) -> String {
    let mut chars = member.chars();
    match chars.next() {
        Some(first)
            if first.is_ascii_uppercase()
                && chars.clone().next().is_some_and(|c| c.is_ascii_lowercase()) =>
        {
            first.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => member.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_case_is_ignored_when_looking_for_a_phrase() {
        assert_eq!(
            enum_values("é The PoSSible values are `a`, `b`."),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(enum_values("Impossible to say: `a`, `b`."), None);
        assert_eq!(
            enum_values("POSSIBLE VALUES ARE: `a`, `b`."),
            Some(vec!["a".to_string(), "b".to_string()])
        );
    }

    #[test]
    fn response_sentence_gives_status_type_and_collection() {
        assert_eq!(
            response("If successful, this method returns a 200 OK response code and a longRunningOperation object in the response body."),
            Some((Some(200), Some("longRunningOperation".into()), false))
        );
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and a collection of user objects in the response body."),
            Some((Some(200), Some("user".into()), true))
        );
        assert_eq!(
            response("If successful, this method returns `204 No Content` response code."),
            Some((Some(204), None, false))
        );
        // grouplifecyclepolicy-addgroup.md (2020): no type named "returned".
        assert_eq!(
            response("If successful, this method returns `200 OK` response code. If the group is added to the policy, a **true** value is returned in the response body.").unwrap().1,
            None
        );
        // v1.0/api/application-delete.md (2020): not a type named "anything".
        assert_eq!(
            response("If successful, this method returns a `204 No Content` response code. It does not return anything in the response body."),
            Some((Some(204), None, false))
        );
        assert_eq!(response("If successful, this method returns a 200 OK response code and the requested operation object in the response body.").unwrap().1.as_deref(), Some("operation"));
        // driveitem-list-children.md (2020): "the children collection" is a
        // relationship; the next sentence names the type.
        assert_eq!(
            response("If successful, this method returns the list of items in the children collection of the target item. The children collection will be composed of driveItem resources."),
            Some((None, Some("driveItem".into()), true))
        );
        assert_eq!(
            response("If successful, this method returns 200 OK response code and a collection of identityProviders in JSON representation in the response body.").unwrap().1,
            None
        );
        // driveitem-delta.md (2020): "resources" follow the type as
        // "objects" do.
        assert_eq!(
            response("If successful, this method returns a 200 OK response code and a collection of DriveItem resources in the response body."),
            Some((Some(200), Some("DriveItem".into()), true))
        );
        // user-get-mailboxsettings.md (2020): no type named "objects"; the
        // list that follows names them.
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and one of the following requested objects in the response body:"),
            Some((Some(200), None, false))
        );
        // "should return", "will return" (team-put-teams.md, team-clone.md,
        // 2020); the resource a `202`'s Location points to is not its body.
        assert_eq!(
            response("If successful, this method should return a `201 Created` response code and a team object in the response body."),
            Some((Some(201), Some("team".into()), false))
        );
        assert_eq!(
            response("If successful, this method will return a `202 Accepted` response code with a Location: header pointing to the operation resource."),
            Some((Some(202), None, false))
        );
        assert_eq!(
            response("If successful, the returned value is a 200 OK."),
            None
        );
        // intune-auditing-auditevent-getauditcategories.md, insights-list-shared.md (2020).
        assert_eq!(
            response("If successful, this function returns a `200 OK` response code and a String collection in the response body."),
            Some((Some(200), Some("String".into()), true))
        );
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and a list of shared items in the response body."),
            Some((Some(200), Some("shared".into()), true))
        );
        // Not a type: "a collection in the response body", "a list of items".
        assert_eq!(
            response(
                "If successful, this method returns 200 OK and a collection in the response body."
            )
            .unwrap()
            .1,
            None
        );
        assert_eq!(
            response("This method returns a list of items in the response body.")
                .unwrap()
                .1,
            None
        );
        // teamstab-list.md (2020).
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and collection of tabs objects in the response body."),
            Some((Some(200), Some("tabs".into()), true))
        );
        // v1.0/api/authenticationmethod-resetpassword.md (modern)
        assert_eq!(response("If successful, this method returns a `202 Accepted` response code and a passwordResetResponse in the response body. The response body may also include a Location header.").unwrap().1.as_deref(), Some("passwordResetResponse"));
        // teamsapp-list.md and openshift-list.md (2020): "a list of", and
        // plural "objects", are more than one.
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and a list of teamsCatalogApp objects in the response body."),
            Some((Some(200), Some("teamsCatalogApp".into()), true))
        );
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and all openShift objects in the team in the response body."),
            Some((Some(200), Some("openShift".into()), true))
        );
        assert_eq!(
            response("If successful, this method returns a `200 OK` response code and an openShift object in the response body."),
            Some((Some(200), Some("openShift".into()), false))
        );
    }

    #[test]
    fn query_option_sentences() {
        let q = query_options("This method supports the $select OData query parameter to help customize the response.");
        assert_eq!(
            (q.support, q.named),
            (QuerySupport::Named, vec!["$select".to_string()])
        );
        assert_eq!(
            query_options(
                "This method does not support optional query parameters to customize the response."
            )
            .support,
            QuerySupport::None
        );
        assert_eq!(query_options("This method supports some of the OData query parameters to help customize the response.").support, QuerySupport::Some);
    }

    #[test]
    fn query_options_are_read_sentence_by_sentence() {
        let read = |text: &str| {
            let q = query_options(text);
            (q.support, q.named)
        };
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // user-list.md (2020): all of them; `$select` is explained after.
        assert_eq!(
            read("This method supports the OData Query Parameters to help customize the response.\n\
                  To return an alternative property set, specify the desired set using the OData `$select` query parameter.\n"),
            (QuerySupport::All, names(&["$select"]))
        );
        // section-get.md: named without `$`.
        assert_eq!(
            read("This method supports the select and expand OData Query Parameters to help customize the response.\n"),
            (QuerySupport::Named, names(&["$select", "$expand"]))
        );
        // alert-list.md: "the following", then a list (its items as lines).
        assert_eq!(
            read("This method supports the following OData query parameters to help customize the response:\n$count\n$top will return the aggregated top results.\n"),
            (QuerySupport::Named, names(&["$count", "$top"]))
        );
        // user-list-memberof.md: all but one.
        assert_eq!(
            read("This method supports the OData Query Parameters to help customize the response. $filter is not supported.\n"),
            (
                QuerySupport::Named,
                names(&["$select", "$expand", "$orderby", "$top", "$skip", "$count", "$search"])
            )
        );
        // user-list-joinedteams.md, subscribedsku-list.md: none.
        assert_eq!(
            read("The OData Query Parameters are not currently supported.\n").0,
            QuerySupport::None
        );
        assert_eq!(
            read("This method does **not** support the OData Query Parameters to help customize the response (e.g. $filter is not supported here).\n"),
            (QuerySupport::None, Vec::new())
        );
        // message-delta.md: what is supported, and what is not.
        assert_eq!(
            read("Delta query support `$select`, `$top`, and `$expand` for messages.\nThere is no support for `$search`.\n"),
            (QuerySupport::Named, names(&["$select", "$top", "$expand"]))
        );
        // calendar-list-calendarview.md: some, and not `$select` for two properties.
        assert_eq!(
            read("This method also supports some of the OData Query Parameters to help customize the response.\n\
                  The createdDateTime and lastModifiedDateTime properties do not support `$select`. To get their values, query without applying `$select`.\n"),
            (QuerySupport::Some, Vec::new())
        );
        // projectrome-get-activities.md: some, then which.
        assert_eq!(
            read("This method supports some OData Query Parameters. The following query parameters are supported:\n$expand for the historyItems navigation property.\n$top to limit the items.\n"),
            (QuerySupport::Named, names(&["$expand", "$top"]))
        );
    }

    #[test]
    fn enum_lists_and_terminal_states() {
        let text = "The possible states of the long-running operation are notStarted, running, succeeded, failed, unknownFutureValue where succeeded and failed are terminal states.";
        assert_eq!(
            enum_values(text).unwrap(),
            vec![
                "notStarted",
                "running",
                "succeeded",
                "failed",
                "unknownFutureValue"
            ]
        );
        assert_eq!(terminal_states(text), vec!["succeeded", "failed"]);
        assert_eq!(
            terminal_states("Succeeded and Failed are terminal states."),
            vec!["Succeeded", "Failed"]
        );
        assert_eq!(
            terminal_states("* Failed\nSucceeded and Failed are terminal states."),
            vec!["Succeeded", "Failed"]
        );
        assert_eq!(enum_values("The status. Possible values are: `notStarted`, `running`, `completed`, `failed`. Read-only.").unwrap(), vec!["notStarted", "running", "completed", "failed"]);
        assert_eq!(
            enum_values("Possible values are: a, b and c.").unwrap(),
            vec!["a", "b", "c"]
        );
        assert_eq!(enum_values("No list here."), None);
    }

    #[test]
    fn wire_case_lowers_pascal_case() {
        assert_eq!(wire_case("NotStarted"), "notStarted");
        assert_eq!(wire_case("running"), "running");
        assert_eq!(wire_case("ID"), "ID");
    }
}

#[cfg(test)]
mod phrase_tests {
    use super::Phrase;

    #[test]
    fn a_phrase_is_found_where_str_contains_finds_it() {
        static PHRASE: Phrase = Phrase::new("ab a");
        for text in crate::testing::every_string(&['a', 'b', ' ', 'é'], 6) {
            assert_eq!(PHRASE.is_in(&text), text.contains("ab a"), "{text:?}");
            assert_eq!(PHRASE.find(&text), text.find("ab a"), "{text:?}");
        }
    }
}
