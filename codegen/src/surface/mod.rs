//! The public Rust API of the generated crate, one item a line, written
//! beside it as `api.txt`. The change log of `ir.yaml` says what changed in
//! the docs; it cannot see a change the emitter makes of them: a method
//! renamed because its function gained an overload, an enum renamed
//! because its values now match a documented one, a model that leaves an
//! area's feature because the area's operations stopped using it, or any
//! change of the generator itself. Every one of those breaks code that
//! uses the crate, and the change log called such a regen additive. Here
//! the crate's items are listed as the compiler sees them, from the syntax
//! trees the emitter prints, so that regen can compare the listing with
//! the one of the crate it replaces, and reviewers see API changes in the
//! diff of one file.
//!
//! A line is `<kind> <path><signature>`, and `  if <cfg>` when features
//! switch the item on: `field v1::models::User::display_name:
//! Option<String>  if feature = "v1"`. Paths are the ones users write
//! (items of a private module that its parent re-exports with `pub use
//! m::*` are listed at the parent's path); private items, `#[doc(hidden)]`
//! ones and the methods of trait impls (the trait says them) are left out.

mod compare;
mod items;
mod listing;

pub use compare::changes;
pub use items::{of_file, text, FileApi};
pub use listing::{render, Listing};

/// The listing's name, in the crate's folder.
pub const FILE: &str = "api.txt";

#[cfg(test)]
mod tests {
    use super::compare::implies;
    use super::items::signature;
    use super::listing::key;
    use super::*;
    use crate::diff::ChangeKind;
    use quote::ToTokens;

    fn listing(files: &[(&str, &str)]) -> String {
        render(
            "@generated",
            files
                .iter()
                .map(|(path, source)| (path.to_string(), of_file(&syn::parse_str(source).unwrap())))
                .collect(),
        )
    }

    #[test]
    fn items_are_listed_at_the_paths_users_write_with_their_features() {
        let text = listing(&[
            ("src/lib.rs", "#[cfg(feature = \"v1\")] pub mod v1; mod private;"),
            (
                "src/v1/mod.rs",
                "pub mod models; pub const BASE_URL: &str = \"x\";",
            ),
            (
                "src/v1/models.rs",
                "#[cfg(feature = \"area-a\")] mod area_a; #[cfg(feature = \"area-a\")] pub use area_a::*;",
            ),
            (
                "src/v1/models/area_a.rs",
                r#"
                #[derive(Clone, Debug, Default)]
                pub struct User { pub display_name: Option<String>, secret: u8 }
                impl User { pub fn new(id: &str) -> Self { todo!() } fn hidden(&self) {} }
                impl std::fmt::Display for User { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { todo!() } }
                impl<T: Named> Named for Box<T> {}
                make_type!(#[doc = "A thing."] Thing);
                impl<T> crate::request::Request<T, GetA> { pub fn top(self) -> Self { self } }
                impl<T> crate::request::Request<T, GetB> { pub fn top(self) -> Self { self } }
                pub enum Color { Red, Other(String) }
                #[doc(hidden)] pub struct Internal;
                "#,
            ),
            ("src/private.rs", "pub struct NotReachable;"),
        ]);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        let both = "  if all(feature = \"v1\", feature = \"area-a\")";
        assert_eq!(
            lines,
            [
                // Not `v1::models::Box`: the module declares no `Box`.
                format!("fn <crate::request::Request<T, GetA>>::top(self) -> Self{both}"),
                format!("fn <crate::request::Request<T, GetB>>::top(self) -> Self{both}"),
                format!("impl Box<T>: Named{both}"),
                "const v1::BASE_URL: &str  if feature = \"v1\"".to_string(),
                format!("enum v1::models::Color{both}"),
                format!("variant v1::models::Color::Other(..){both}"),
                format!("field v1::models::Color::Other::0: String{both}"),
                format!("variant v1::models::Color::Red{both}"),
                format!("struct v1::models::User derives(Clone, Debug, Default){both}"),
                format!("impl v1::models::User: std::fmt::Display{both}"),
                format!("field v1::models::User::display_name: Option<String>{both}"),
                format!("fn v1::models::User::new(id: &str) -> Self{both}"),
                // What a macro makes is listed as its invocation.
                format!("expands v1::models::make_type!(#[doc = \"A thing.\"] Thing){both}"),
            ]
        );
    }

    #[test]
    fn tokens_read_as_written() {
        let ty: syn::Type = syn::parse_str("Option<&'static [u8]>").unwrap();
        assert_eq!(text(ty.to_token_stream()), "Option<&'static [u8]>");
        let f: syn::ItemFn =
            syn::parse_str("pub fn send<C: Client + Send>(self, c: &mut C) -> Result<Vec<u8>, E> where C: 'static {}")
                .unwrap();
        assert_eq!(
            signature(&f.sig),
            "<C: Client + Send>(self, c: &mut C) -> Result<Vec<u8>, E> where C: 'static"
        );
    }

    fn diff_of(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(ChangeKind, String)> {
        let old = Listing::read(&listing(old)).unwrap();
        let new = Listing::read(&listing(new)).unwrap();
        changes(&old, &new)
            .into_iter()
            .map(|c| (c.kind, key(&c.subject).to_string()))
            .collect()
    }

    #[test]
    fn renamed_retyped_and_regated_items_are_told_apart() {
        let lib = ("src/lib.rs", "pub mod m;");
        let old = [
            lib,
            (
                "src/m.rs",
                "#[cfg(feature = \"a\")] pub struct Gone { pub x: u8 }
                 #[cfg(any(feature = \"a\", feature = \"b\"))] pub struct Narrow { pub n: u8 }
                 #[cfg(feature = \"a\")] pub struct Wide;
                 pub struct Kept { pub x: u8 }
                 pub struct R; impl R { pub fn get_report(&self) {} }
                 pub enum Open { A } #[non_exhaustive] pub enum Closed { A }",
            ),
        ];
        let new = [
            lib,
            (
                "src/m.rs",
                "#[cfg(feature = \"b\")] pub struct Narrow { pub n: u8 }
                 #[cfg(any(feature = \"a\", feature = \"c\"))] pub struct Wide;
                 pub struct Kept { pub x: u16, pub y: u8 }
                 pub struct R; impl R { pub fn get_report_with_period(&self, period: &str) {} }
                 pub struct Added { pub z: u8 }
                 pub enum Open { A, B } #[non_exhaustive] pub enum Closed { A, B }",
            ),
        ];
        let got = diff_of(&old, &new);
        assert_eq!(
            got,
            [
                // Removed, or switched on by other features: the struct
                // alone, not its field too.
                (
                    ChangeKind::ApiItemRemoved,
                    "fn m::R::get_report".to_string()
                ),
                (ChangeKind::ApiItemRemoved, "struct m::Gone".to_string()),
                (ChangeKind::ApiItemChanged, "field m::Kept::x".to_string()),
                // A match over `Open` must now cover `B`; over `Closed`,
                // it has a `_` arm.
                (
                    ChangeKind::VariantOfExhaustiveEnumAdded,
                    "variant m::Open::B".to_string()
                ),
                (
                    ChangeKind::FeatureGateNarrowed,
                    "struct m::Narrow".to_string()
                ),
                (ChangeKind::ApiItemAdded, "field m::Kept::y".to_string()),
                (
                    ChangeKind::ApiItemAdded,
                    "fn m::R::get_report_with_period".to_string()
                ),
                (ChangeKind::ApiItemAdded, "struct m::Added".to_string()),
                (ChangeKind::ApiItemAdded, "variant m::Closed::B".to_string()),
                (ChangeKind::FeatureGateWidened, "struct m::Wide".to_string()),
            ]
        );
    }

    #[test]
    fn a_method_of_one_area_in_a_builder_of_several_is_listed_with_that_area() {
        let text = listing(&[
            ("src/lib.rs", "pub mod m;"),
            (
                "src/m.rs",
                r#"
                pub struct B;
                #[cfg(any(feature = "a", feature = "b"))]
                impl B {
                    #[cfg(feature = "b")] pub fn only_b(&self) {}
                    #[cfg(feature = "c")] pub fn only_c(&self) {}
                    pub fn both(&self) {}
                }
                "#,
            ),
        ]);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "struct m::B",
                "fn m::B::both(&self)  if any(feature = \"a\", feature = \"b\")",
                // `any(a, b)` beside `b` says nothing more; beside `c`, it does.
                "fn m::B::only_b(&self)  if feature = \"b\"",
                "fn m::B::only_c(&self)  if all(any(feature = \"a\", feature = \"b\"), feature = \"c\")",
            ]
        );
    }

    #[test]
    fn a_gate_written_otherwise_for_the_same_features_is_no_change() {
        let lib = ("src/lib.rs", "pub mod m;");
        let old = [
            lib,
            (
                "src/m.rs",
                "pub struct B; #[cfg(feature = \"b\")] impl B { #[cfg(any(feature = \"a\", feature = \"b\"))] pub fn f(&self) {} }",
            ),
        ];
        let new = [
            lib,
            (
                "src/m.rs",
                "pub struct B; #[cfg(feature = \"b\")] impl B { pub fn f(&self) {} }",
            ),
        ];
        assert_eq!(diff_of(&old, &new), []);
    }

    #[test]
    fn gates_imply_as_boolean_predicates() {
        let (a, b) = ("feature = \"a\"", "feature = \"b\"");
        let any_ab = format!("any({a}, {b})");
        let all_ab = format!("all({a}, {b})");
        assert!(implies(Some(a), Some(&any_ab)));
        assert!(!implies(Some(&any_ab), Some(a)));
        assert!(implies(Some(&all_ab), Some(b)));
        assert!(implies(Some(a), None));
        assert!(!implies(None, Some(a)));
        assert!(implies(
            Some(&format!("not({a})")),
            Some(&format!("not(all({a}, {b}))"))
        ));
    }

    #[test]
    fn a_listing_with_conflict_markers_is_not_read() {
        let text = "# head\nstruct m::A\n<<<<<<< HEAD\nstruct m::B\n";
        let err = Listing::read(text).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }
}
