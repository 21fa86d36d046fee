//! Hand-written tests of OData casts on collections (no generated header,
//! so regen keeps this file): `of_type::<U>()` appends U's Graph type to
//! the path and reads the items as `U`.
#![cfg(all(feature = "v1", feature = "full"))]

use graph_generated::request::{Count, Error, Page, Request};
use graph_generated::v1;
use graph_generated::v1::models::{DirectoryObject, Entity, PasswordAuthenticationMethod, SendMailPostRequestBody};

const ROOT: &str = "https://graph.microsoft.com/v1.0";

#[test]
fn a_cast_goes_after_the_collection_and_before_the_query() {
    let methods = v1::requests::root_at(ROOT).me().authentication().methods();
    let cast = methods.get().query_param("$top", "5").of_type::<PasswordAuthenticationMethod>();
    assert_eq!(
        cast.url(),
        format!("{ROOT}/me/authentication/methods/microsoft.graph.passwordAuthenticationMethod?$top=5")
    );
    // Counting: the cast goes before `/$count`.
    let count = methods.count().of_type::<PasswordAuthenticationMethod>();
    assert_eq!(
        count.url(),
        format!("{ROOT}/me/authentication/methods/microsoft.graph.passwordAuthenticationMethod/$count")
    );
    let _: &Request<Count, _> = &count;
}

#[test]
fn the_items_are_read_as_the_type_cast_to() {
    let entities: Request<Page<Entity>> = Request::new(http::Method::GET, format!("{ROOT}/things"));
    let objects: Request<Page<DirectoryObject>> = entities.of_type::<DirectoryObject>();
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"value": [{"id": "a", "deletedDateTime": "2020-01-01T00:00:00Z"}]}"#.to_vec())
        .unwrap();
    let page = objects.parse(&response).expect("a page of directory objects");
    assert_eq!(page.value[0].deleted_date_time.as_ref().map(|d| d.as_str()), Some("2020-01-01T00:00:00Z"));
}

#[test]
fn a_model_of_no_graph_type_cannot_be_cast_to() {
    let request = v1::requests::root_at(ROOT).me().authentication().methods().get().of_type::<SendMailPostRequestBody>();
    assert!(matches!(request.build(), Err(Error::Body(e)) if e.contains("SendMailPostRequestBody")));
}

#[test]
fn a_cast_or_a_count_has_the_collection_s_permissions() {
    use graph_generated::permissions::for_request;
    for url in [
        "/v1.0/groups/g1/members/microsoft.graph.user",
        "/v1.0/groups/g1/members/microsoft.graph.user/$count",
        "/v1.0/groups/g1/members/$count",
    ] {
        let found = for_request("GET", url);
        assert_eq!(found.first().map(|m| m.operation.id), Some("v1_get_groups_by_id_members"), "{url}");
    }
    // Not a cast: a segment outside Graph's namespace.
    assert!(for_request("GET", "/v1.0/groups/g1/members/contoso.thing").is_empty());
}
