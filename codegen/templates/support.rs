//! Hand-written support code that the generator copies into every generated
//! crate: path encoding, and the types of the permission tables.

/// Appends `value` to `path` as exactly one percent-encoded path segment.
/// Whatever it holds (`/`, `?`, `#`, `%`, `..`, spaces, non-ASCII), it can
/// never change the path or add a query.
pub fn push_segment(path: &mut String, value: &str) {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'@');
    let encoded = percent_encoding::utf8_percent_encode(value, SEGMENT).to_string();
    // `.` and `..` are path navigation, not values.
    match encoded.as_str() {
        "." => path.push_str("%2E"),
        ".." => path.push_str("%2E%2E"),
        _ => path.push_str(&encoded),
    }
}

/// Appends `value` as an argument inside a function call segment
/// (`range(address='...')`): percent-encoded like a segment, and a single
/// quote doubled as OData wants, so it cannot close the argument.
pub fn push_argument(path: &mut String, value: &str) {
    let doubled = value.replace('\'', "''");
    const ARGUMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'@').remove(b'\'').remove(b':').remove(b'$');
    path.push_str(&percent_encoding::utf8_percent_encode(&doubled, ARGUMENT).to_string());
}

/// Appends an OData literal the caller wrote (`0`, `'A1:B2'`) as a function
/// argument: percent-encoded, so it cannot add a segment or a query.
pub fn push_literal(path: &mut String, value: &str) {
    const LITERAL: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'@').remove(b'\'').remove(b':').remove(b'$');
    path.push_str(&percent_encoding::utf8_percent_encode(value, LITERAL).to_string());
}

/// Appends a drive item path (`folder/file.txt`) after `root:/`: each part
/// is one encoded segment; `.` and `..` parts are encoded, so the path can
/// never climb out of the drive.
pub fn push_item_path(path: &mut String, item_path: &str) {
    for (i, part) in item_path.split('/').filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            path.push('/');
        }
        push_segment(path, part);
    }
}

/// A value that travels as its wire string: every generated enum.
/// `from_wire` is `From<&str>`, given here once rather than per enum.
pub trait WireValue: Sized + for<'a> From<&'a str> {
    fn as_wire(&self) -> &str;
    fn from_wire(value: &str) -> Self {
        Self::from(value)
    }
}

/// The value of a flags enum: its members as a comma-separated list
/// (`"x86,x64"`). Unknown members are kept, like in every generated enum.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flags<T>(pub Vec<T>);

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<T: WireValue + PartialEq> Flags<T> {
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }
}

impl<T: WireValue> serde::Serialize for Flags<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text: Vec<&str> = self.0.iter().map(WireValue::as_wire).collect();
        serializer.serialize_str(&text.join(","))
    }
}

impl<'de, T: WireValue> serde::Deserialize<'de> for Flags<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        Ok(Flags(text.split(',').map(str::trim).filter(|m| !m.is_empty()).map(T::from_wire).collect()))
    }
}

/// A Graph model: its documented properties `P` and the properties this
/// crate does not know.
///
/// Every generated model is this struct over its own properties
/// (`pub type User = Model<UserProperties>`), so `Serialize`,
/// `Deserialize`, `Debug`, `Clone`, `PartialEq` and `Default` are
/// implemented here once for all models. Written once per model (as
/// derives, or as one-line impls over the shared functions below), those
/// six impls were about 5,000 of the 15,000 function bodies of the crate
/// generated from a whole docs tree, each type-checked and borrow-checked
/// on its own, and about a quarter of checking that crate (see the
/// README).
///
/// The documented properties read through the model (`Deref` and
/// `DerefMut`): `user.display_name` is the `display_name` of its
/// `UserProperties`. (The field that holds them is private, so that a
/// documented property of any name reads through; a property the docs
/// call `additionalData` is renamed, as `additional_data` is taken.)
/// To make one, give the properties (or start from `User::default()`,
/// which every generated model has), then set any through the model.
/// Here a two-property stand-in for a generated model, so that the
/// example runs in every generated crate:
///
/// ```
/// use graph_generated::support::Model;
/// # #[derive(Default)]
/// # pub struct UserProperties { pub display_name: Option<String>, pub mail: Option<String> }
/// # type User = Model<UserProperties>;
/// let mut user = User::new(UserProperties { display_name: Some("Adele".into()), ..Default::default() });
/// user.mail = Some("adele@contoso.com".into());
/// assert_eq!(user.display_name.as_deref(), Some("Adele"));
/// assert!(user.additional_data.is_empty());
/// assert_eq!(user.into_properties().mail.as_deref(), Some("adele@contoso.com"));
/// ```
///
/// The behaviour is that of serde's derives, with `default` and
/// `skip_serializing_if = "Option::is_none"` on every property and
/// `additional_data` flattened: a missing or `null` property is `None`,
/// `None` is left out, the documented properties are written in order
/// and then `additional_data`. A repeated key keeps its last value; a
/// property documented twice is read into its first field. `Debug`
/// prints like the derive of a struct with the model's name, its
/// properties and then `additional_data`.
///
/// One difference: a value that does not read as its property's
/// documented type does not fail the model. The docs get some types
/// wrong (a `Date` that Graph sends as a timestamp, a `Double` sent as a
/// string: 55 example values of the 2020 v1.0 docs), and one such value
/// would otherwise make a whole answer unreadable. The property is `None`,
/// its value stays in `additional_data` under its wire name, so nothing
/// is lost and it is sent back unchanged, and [`Model::mistyped`] names
/// it. A property that is set is written in place of a value of the same
/// name in `additional_data`.
pub struct Model<P> {
    properties: P,
    /// Properties this crate does not know: fields of a derived type (see
    /// `@odata.type` and [`cast`]), of an open type, or added to Graph
    /// after these docs. Kept so that a value round-trips unchanged.
    pub additional_data: serde_json::Map<String, serde_json::Value>,
}

impl<P> Model<P> {
    /// A model of `properties`, with no unknown ones.
    pub fn new(properties: P) -> Self {
        Model { properties, additional_data: serde_json::Map::new() }
    }

    /// The documented properties, without the unknown ones.
    pub fn into_properties(self) -> P {
        self.properties
    }

    /// One entry of an open type whose keys are data (user ids in
    /// `PlannerAssignments`, URLs in `PlannerExternalReferences`): the
    /// value under `key` in `additional_data`, read as `T`, the type the
    /// model's docs name. `None` when the key is missing or `null` (Graph
    /// removes an entry set to `null`).
    ///
    /// ```
    /// use graph_generated::support::Model;
    /// let mut applied = Model::new(());
    /// applied.set_entry("category3", Some(&true)).unwrap();
    /// applied.set_entry("category5", None::<&bool>).unwrap();
    /// assert_eq!(applied.entry::<bool>("category3").unwrap().unwrap(), true);
    /// assert!(applied.entry::<bool>("category5").is_none());
    /// assert!(applied.entry::<String>("category3").unwrap().is_err());
    /// assert_eq!(applied.additional_data["category5"], serde_json::Value::Null);
    /// ```
    pub fn entry<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        match self.additional_data.get(key)? {
            serde_json::Value::Null => None,
            value => Some(T::deserialize(value)),
        }
    }

    /// Sets the entry under `key` (see [`Model::entry`]); `None` writes
    /// `null`, which removes the entry when the model is sent.
    pub fn set_entry<T: serde::Serialize>(
        &mut self,
        key: impl Into<String>,
        value: Option<&T>,
    ) -> Result<(), serde_json::Error> {
        let value = match value {
            Some(v) => serde_json::to_value(v)?,
            None => serde_json::Value::Null,
        };
        self.additional_data.insert(key.into(), value);
        Ok(())
    }
}

impl<P: ModelFields> Model<P> {
    /// The documented properties whose value was not of their documented
    /// type when the model was read, by wire name, in documented order:
    /// their fields are `None` and their values are in `additional_data`.
    /// Empty when every value read. Only this model's own properties: a
    /// model it holds lists its own. For example, a `LongRunningOperation`
    /// read from `{"createdDateTime": "yesterday"}` has no
    /// `created_date_time`, `["createdDateTime"]` as `mistyped()`, and
    /// `"yesterday"` in `additional_data`.
    pub fn mistyped(&self) -> Vec<&'static str> {
        struct Mistyped<'a>(&'a serde_json::Map<String, serde_json::Value>, Vec<&'static str>);
        impl<'a> Visitor<'a> for Mistyped<'a> {
            fn field<T: FieldValue>(&mut self, wire: &'static str, _: &'static str, value: &'a Option<T>) {
                if value.is_none() && self.0.contains_key(wire) && !self.1.contains(&wire) {
                    self.1.push(wire);
                }
            }
            fn additional(&mut self, _: &'a serde_json::Map<String, serde_json::Value>) {}
        }
        let mut found = Mistyped(&self.additional_data, Vec::new());
        self.properties.visit(&mut found);
        found.1
    }

    /// [`Model::mistyped`] of this model and of every model it holds, at
    /// any depth, as paths in the JSON: `createdDateTime`,
    /// `student.birthDate`, `servicePlans[0].servicePlanId`, and the items
    /// that break a list of values (`businessPhones[1]`). What to log
    /// when a property is unexpectedly `None`: Graph sent a value the docs
    /// did not describe.
    pub fn mistyped_paths(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.mistyped_below("", &mut out);
        out
    }
}

impl<P> From<P> for Model<P> {
    fn from(properties: P) -> Self {
        Model::new(properties)
    }
}

impl<P> std::ops::Deref for Model<P> {
    type Target = P;
    fn deref(&self) -> &P {
        &self.properties
    }
}

impl<P> std::ops::DerefMut for Model<P> {
    fn deref_mut(&mut self) -> &mut P {
        &mut self.properties
    }
}

impl<P: ModelFields> crate::request::JsonBody for Model<P> {}
impl<P: ModelFields> FieldValue for Model<P> {
    fn mistyped_below(&self, path: &str, out: &mut Vec<String>) {
        struct Below<'o> {
            path: &'o str,
            out: &'o mut Vec<String>,
            additional: &'o serde_json::Map<String, serde_json::Value>,
        }
        impl<'a> Visitor<'a> for Below<'_> {
            fn field<T: FieldValue>(&mut self, wire: &'static str, _: &'static str, value: &'a Option<T>) {
                let here = || if self.path.is_empty() { wire.to_string() } else { format!("{}.{wire}", self.path) };
                match (value, self.additional.get(wire)) {
                    (Some(value), _) => value.mistyped_below(&here(), self.out),
                    (None, Some(raw)) => {
                        // Once, for a property documented twice.
                        let here = here();
                        let item = format!("{here}[");
                        if !self.out.iter().any(|p| *p == here || p.starts_with(&item)) {
                            T::mistyped_raw(raw, &here, self.out);
                        }
                    }
                    (None, None) => {}
                }
            }
            fn additional(&mut self, _: &'a serde_json::Map<String, serde_json::Value>) {}
        }
        self.properties.visit(&mut Below { path, out, additional: &self.additional_data });
    }
}

impl<P: ModelFields> Default for Model<P> {
    /// Every property `None`.
    fn default() -> Self {
        Model::new(empty_properties())
    }
}

impl<P: ModelFields> serde::Serialize for Model<P> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_model(self, serializer)
    }
}

impl<'de, P: ModelFields> serde::Deserialize<'de> for Model<P> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_model(deserializer)
    }
}

impl<P: ModelFields> std::fmt::Debug for Model<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct(P::NAME);
        for (name, value) in properties(self) {
            out.field(name, &value);
        }
        out.finish()
    }
}

impl<P: ModelFields> PartialEq for Model<P> {
    /// Every property equal, and `additional_data` equal.
    fn eq(&self, other: &Self) -> bool {
        let (left, right) = (properties(self), properties(other));
        // Both sides are of one model type: the same property types in
        // the same order.
        left.len() == right.len() && left.iter().zip(&right).all(|((_, l), (_, r))| l.eq_property(*r))
    }
}

impl<P: ModelFields> Clone for Model<P> {
    fn clone(&self) -> Self {
        struct CloneFrom<'a>(std::vec::IntoIter<(&'static str, &'a dyn Property)>);
        impl Source for CloneFrom<'_> {
            fn field<T: FieldValue>(&mut self, _: &'static str) -> Option<T> {
                let (_, from) = self.0.next()?;
                from.as_any().downcast_ref::<Option<T>>()?.clone()
            }
            fn additional(&mut self) -> serde_json::Map<String, serde_json::Value> {
                self.0
                    .next()
                    .and_then(|(_, from)| from.as_any().downcast_ref::<serde_json::Map<String, serde_json::Value>>().cloned())
                    .unwrap_or_default()
            }
        }
        build_model(&mut CloneFrom(properties(self).into_iter()))
    }
}

/// How a generated model's properties (the `...Properties` struct of a
/// [`Model`]) are handed out and built: every trait of [`Model`] is one
/// generic function over these two.
///
/// Each model writes its properties down twice, in [`ModelFields::visit`]
/// and [`ModelFields::build`], instead of once per trait: the derives and a
/// per-model serde impl wrote every property six times, and for the
/// thousands of properties of a whole docs tree that was most of the
/// crate's compile time. `build` is a struct expression that borrows
/// nothing; it replaced a mutable visit and the `Default` body, and took
/// about 5% off checking a whole docs tree.
pub trait ModelFields: Sized + 'static {
    /// The model's name, for `Debug` and error messages.
    const NAME: &'static str;
    /// The Graph type the model is (`microsoft.graph.user`); empty for a
    /// request body made from a parameter table, or a reference, which
    /// are no types of Graph's schema.
    const ODATA_TYPE: &'static str;
    /// The documented types derived from it, at any depth: what [`cast`]
    /// accepts as this model. Given only by the models that have some
    /// (61 of 817 in the 2020 tree): an empty list in each of the others
    /// was 3-4% of checking the whole crate.
    const DERIVED: &'static [&'static str] = &[];
    /// Hands every documented property to `visitor`, in documented order.
    fn visit<'a, V: Visitor<'a>>(&'a self, visitor: &mut V);
    /// Builds the properties from `source`, asking it for every property
    /// in documented order.
    fn build<S: Source>(source: &mut S) -> Self;
}

/// Every property of `model` to `visitor`, then `additional_data`.
fn visit_model<'a, P: ModelFields, V: Visitor<'a>>(model: &'a Model<P>, visitor: &mut V) {
    model.properties.visit(visitor);
    visitor.additional(&model.additional_data);
}

/// A model from `source`: its properties, then `additional_data`.
fn build_model<P: ModelFields, S: Source>(source: &mut S) -> Model<P> {
    let properties = P::build(source);
    Model { properties, additional_data: source.additional() }
}

/// The Graph type a model's value says it is: its `@odata.type`
/// (`#microsoft.graph.user`), without the `#`. `None` when the value does
/// not say.
pub fn odata_type<P: ModelFields>(model: &Model<P>) -> Option<std::borrow::Cow<'_, str>> {
    struct FindType<'a>(Option<std::borrow::Cow<'a, str>>);
    impl<'a> Visitor<'a> for FindType<'a> {
        fn field<T: FieldValue>(&mut self, wire: &'static str, _: &'static str, value: &'a Option<T>) {
            if wire == "@odata.type" {
                if let Some(serde_json::Value::String(ty)) = value.as_ref().and_then(|v| serde_json::to_value(v).ok()) {
                    self.0 = Some(ty.trim_start_matches('#').to_string().into());
                }
            }
        }
        fn additional(&mut self, additional: &'a serde_json::Map<String, serde_json::Value>) {
            if self.0.is_none() {
                self.0 = additional.get("@odata.type").and_then(|v| v.as_str()).map(|ty| ty.trim_start_matches('#').into());
            }
        }
    }
    let mut find = FindType(None);
    visit_model(model, &mut find);
    find.0
}

/// Every model, named by its type: `User` is a `ModelType` whose
/// properties are `UserProperties`. It lets generic functions take a
/// model type (`cast::<User>`); it is implemented once, by [`Model`].
pub trait ModelType: serde::de::DeserializeOwned {
    /// The model's documented properties.
    type Properties: ModelFields;
}

impl<P: ModelFields> ModelType for Model<P> {
    type Properties = P;
}

/// A model read as `U`, when its `@odata.type` says it is a `U` or a type
/// derived from it: the `DirectoryObject`s a group's members come back as
/// are users, groups and devices, each with its own properties in
/// `additional_data`; `cast::<User>(&member)` reads one as the `User` it
/// is. A polymorphic endpoint returns its types' common base type (see
/// the README), so this is how to reach the derived one.
///
/// `Ok(None)` when the value is of another type or does not say. A value
/// that does not read as its `U` property's type is kept as a model read
/// from JSON keeps it (see [`Model::mistyped`]); the error is only for a
/// value that could not be written out to be read again.
pub fn cast<U: ModelType>(model: &Model<impl ModelFields>) -> Result<Option<U>, serde_json::Error> {
    let Some(ty) = odata_type(model) else {
        return Ok(None);
    };
    if !is_kind_of::<U::Properties>(&ty) {
        return Ok(None);
    }
    serde_json::from_value(serde_json::to_value(model)?).map(Some)
}

/// Whether the Graph type `ty` is `P`'s, or documented as derived from it.
fn is_kind_of<P: ModelFields>(ty: &str) -> bool {
    let name = P::ODATA_TYPE;
    !name.is_empty() && (name.eq_ignore_ascii_case(ty) || P::DERIVED.iter().any(|d| d.eq_ignore_ascii_case(ty)))
}

/// A model of a derived type as its base type `B`, for a body that takes
/// `B`: a create of a polymorphic collection takes the collection's type
/// (`POST /deviceManagement/deviceCompliancePolicies` takes a
/// `DeviceCompliancePolicy`), and Graph wants one of its derived kinds,
/// named by `@odata.type` (an `IosCompliancePolicy`, as the docs' example
/// sends). The derived type's own fields travel in `B`'s
/// `additional_data`, and `@odata.type` is set to the derived type when
/// the value does not say, so `post(&upcast(&policy)?.unwrap())` sends
/// what the docs send. [`cast`] is the other way.
///
/// `Ok(None)` when `D` is neither `B` nor derived from it (by the docs'
/// base types): a body Graph would refuse. The error is only for a value
/// that could not be written out to be read again.
pub fn upcast<B: ModelType, D: ModelFields>(derived: &Model<D>) -> Result<Option<B>, serde_json::Error> {
    let kind = D::ODATA_TYPE;
    if !is_kind_of::<B::Properties>(kind) {
        return Ok(None);
    }
    let mut value = serde_json::to_value(derived)?;
    if let serde_json::Value::Object(fields) = &mut value {
        if !B::Properties::ODATA_TYPE.eq_ignore_ascii_case(kind) && !fields.contains_key("@odata.type") {
            fields.insert("@odata.type".to_string(), format!("#{kind}").into());
        }
    }
    serde_json::from_value(value).map(Some)
}

/// What every property of a model holds.
///
/// It is implemented type by type (each generated enum has its own impl,
/// and every model is a [`Model`]), not for every type with these traits.
/// With a blanket impl, rustc proved all five traits again at every
/// property of every visit: the visits are generic functions, and a proof
/// made under one function's bounds is not reused in another. With an impl
/// per type, a property's proof is one lookup. It took about 5% off
/// checking a whole docs tree.
pub trait FieldValue: serde::Serialize + serde::de::DeserializeOwned + Clone + std::fmt::Debug + PartialEq + 'static {
    /// Adds to `out` the properties that did not read as their documented
    /// type in the models this value is or holds, each as its path below
    /// `path` (see [`Model::mistyped_paths`]). Nothing for a value that
    /// holds no model.
    fn mistyped_below(&self, path: &str, out: &mut Vec<String>) {
        let _ = (path, out);
    }

    /// Adds to `out` where `raw`, a value that did not read as this type,
    /// breaks it: at `path` itself, or, for a list, at the items that do
    /// not read (`businessPhones[1]`).
    fn mistyped_raw(raw: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        let _ = raw;
        out.push(path.to_string());
    }
}

impl FieldValue for String {}
impl FieldValue for bool {}
impl FieldValue for i8 {}
impl FieldValue for u8 {}
impl FieldValue for i16 {}
impl FieldValue for i32 {}
impl FieldValue for i64 {}
impl FieldValue for f32 {}
impl FieldValue for f64 {}
impl FieldValue for serde_json::Value {}
impl FieldValue for crate::values::DateTimeOffset {}
impl FieldValue for crate::values::Date {}
impl FieldValue for crate::values::TimeOfDay {}
impl FieldValue for crate::values::Duration {}
impl FieldValue for crate::values::Guid {}
impl<T: FieldValue> FieldValue for Vec<T> {
    fn mistyped_below(&self, path: &str, out: &mut Vec<String>) {
        for (i, item) in self.iter().enumerate() {
            item.mistyped_below(&format!("{path}[{i}]"), out);
        }
    }
    fn mistyped_raw(raw: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        let Some(items) = raw.as_array() else {
            out.push(path.to_string());
            return;
        };
        for (i, item) in items.iter().enumerate() {
            if T::deserialize(item).is_err() {
                T::mistyped_raw(item, &format!("{path}[{i}]"), out);
            }
        }
    }
}
impl<T: FieldValue> FieldValue for Box<T> {
    fn mistyped_below(&self, path: &str, out: &mut Vec<String>) {
        (**self).mistyped_below(path, out);
    }
    fn mistyped_raw(raw: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        T::mistyped_raw(raw, path, out);
    }
}
impl<T: WireValue + Clone + std::fmt::Debug + PartialEq + 'static> FieldValue for Flags<T> {}

/// Receives a model's properties from [`ModelFields::visit`], then its
/// `additional_data`.
pub trait Visitor<'a> {
    /// One property: its wire name, its field's name, and its value.
    fn field<T: FieldValue>(&mut self, wire: &'static str, rust: &'static str, value: &'a Option<T>);
    /// The properties the model does not know.
    fn additional(&mut self, additional: &'a serde_json::Map<String, serde_json::Value>);
}

/// Hands a model its properties in [`ModelFields::build`], then its
/// `additional_data`.
pub trait Source {
    /// The value of one property, by its wire name.
    fn field<T: FieldValue>(&mut self, wire: &'static str) -> Option<T>;
    /// The properties the model does not know.
    fn additional(&mut self) -> serde_json::Map<String, serde_json::Value>;
}

/// Properties that are all `None`: `Default` of every generated
/// `...Properties` struct, and of every [`Model`].
pub fn empty_properties<P: ModelFields>() -> P {
    struct Empty;
    impl Source for Empty {
        fn field<T: FieldValue>(&mut self, _: &'static str) -> Option<T> {
            None
        }
        fn additional(&mut self) -> serde_json::Map<String, serde_json::Value> {
            serde_json::Map::new()
        }
    }
    P::build(&mut Empty)
}

/// `Deserialize` of every model.
///
/// The object is read whole first, as serde's derive does for a struct
/// with a flattened field (`additional_data`), and each property is then
/// read from its value.
fn deserialize_model<'de, P: ModelFields, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Model<P>, D::Error> {
    struct ModelVisitor<P>(std::marker::PhantomData<P>);
    impl<'de, P: ModelFields> serde::de::Visitor<'de> for ModelVisitor<P> {
        type Value = Model<P>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a JSON object of {}", P::NAME)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Model<P>, A::Error> {
            let mut object = serde_json::Map::new();
            while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
                object.insert(key, value);
            }
            Ok(build_model(&mut ReadFields { object, taken: Vec::new() }))
        }
    }
    deserializer.deserialize_map(ModelVisitor(std::marker::PhantomData))
}

/// Takes each property's value out of the object it was read from; what
/// no property takes is `additional_data`, in the map's order. A value
/// that does not read as its property's type is not taken (see [`Model`]).
///
/// Taken keys are dropped at the end with `retain`, not one by one with
/// `remove`: with serde_json's `preserve_order` (which any crate in a build
/// can switch on) `remove` swaps the last entry into the gap.
struct ReadFields {
    object: serde_json::Map<String, serde_json::Value>,
    taken: Vec<&'static str>,
}

impl Source for ReadFields {
    fn field<T: FieldValue>(&mut self, wire: &'static str) -> Option<T> {
        let slot = self.object.get_mut(wire)?;
        // Read from a borrow, so that a value of another type stays where
        // it is. Taking leaves `null`, so a property documented twice
        // reads `None` into its second field.
        let read = <Option<T> as serde::Deserialize>::deserialize(&*slot).ok()?;
        *slot = serde_json::Value::Null;
        self.taken.push(wire);
        read
    }
    fn additional(&mut self) -> serde_json::Map<String, serde_json::Value> {
        let mut rest = std::mem::take(&mut self.object);
        rest.retain(|key, _| !self.taken.contains(&key.as_str()));
        rest
    }
}

/// `Serialize` of every model.
fn serialize_model<P: ModelFields, S: serde::Serializer>(model: &Model<P>, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    /// After the first error it writes nothing more. A key it wrote as a
    /// property is not written again from `additional_data`, where a
    /// mistyped value of that property may still be.
    struct WriteFields<M: SerializeMap> {
        map: M,
        written: Vec<&'static str>,
        error: Option<M::Error>,
    }
    impl<M: SerializeMap> Visitor<'_> for WriteFields<M> {
        fn field<V: FieldValue>(&mut self, wire: &'static str, _: &'static str, value: &Option<V>) {
            if let (None, Some(value)) = (&self.error, value) {
                self.error = self.map.serialize_entry(wire, value).err();
                self.written.push(wire);
            }
        }
        fn additional(&mut self, additional: &serde_json::Map<String, serde_json::Value>) {
            for (key, value) in additional {
                if self.error.is_some() {
                    return;
                }
                if !self.written.contains(&key.as_str()) {
                    self.error = self.map.serialize_entry(key, value).err();
                }
            }
        }
    }
    let mut out = WriteFields { map: serializer.serialize_map(None)?, written: Vec::new(), error: None };
    visit_model(model, &mut out);
    match out.error {
        Some(error) => Err(error),
        None => out.map.end(),
    }
}

/// One property's value with its type erased: what `Debug`, `Clone` and
/// `PartialEq` of a model need. Going through it, each model has one visit
/// compiled for those three traits, instead of a visit per trait and
/// property type.
trait Property: std::fmt::Debug {
    fn as_any(&self) -> &dyn std::any::Any;
    /// Equal to `other`, which is a property of the same type.
    fn eq_property(&self, other: &dyn Property) -> bool;
}

impl<T: std::fmt::Debug + Clone + PartialEq + 'static> Property for T {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn eq_property(&self, other: &dyn Property) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

/// Every property of a model in order, then `additional_data`, with the
/// name of its field.
fn properties<P: ModelFields>(model: &Model<P>) -> Vec<(&'static str, &dyn Property)> {
    struct Properties<'a>(Vec<(&'static str, &'a dyn Property)>);
    impl<'a> Visitor<'a> for Properties<'a> {
        fn field<V: FieldValue>(&mut self, _: &'static str, rust: &'static str, value: &'a Option<V>) {
            self.0.push((rust, value));
        }
        fn additional(&mut self, additional: &'a serde_json::Map<String, serde_json::Value>) {
            self.0.push(("additional_data", additional));
        }
    }
    let mut out = Properties(Vec::new());
    visit_model(model, &mut out);
    out.0
}

/// The Graph API version an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    V1,
    Beta,
}

/// The three permission schemes of Microsoft Graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Scheme {
    pub const ALL: [Scheme; 3] = [Scheme::DelegatedWork, Scheme::DelegatedPersonal, Scheme::Application];

    /// How the docs' tables name the scheme.
    pub fn label(self) -> &'static str {
        match self {
            Scheme::DelegatedWork => "Delegated (work or school account)",
            Scheme::DelegatedPersonal => "Delegated (personal Microsoft account)",
            Scheme::Application => "Application",
        }
    }
}

/// A permission (an OAuth scope or app role) named in the docs, with the
/// schemes any permission table lists it under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Permission {
    pub name: &'static str,
    pub schemes: &'static [Scheme],
}

impl Permission {
    /// Whether the docs list this permission under `scheme` anywhere.
    pub fn covers(&self, scheme: Scheme) -> bool {
        self.schemes.contains(&scheme)
    }

    /// Whether `scope` (as a token carries it) is this permission. Graph
    /// compares permission names case-insensitively.
    pub fn is(&self, scope: &str) -> bool {
        self.name.eq_ignore_ascii_case(scope.trim())
    }
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Permissions needed together ("Policy.Read.All and Application.ReadWrite.All");
/// most requirements hold one permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Requirement(pub &'static [Permission]);

impl Requirement {
    pub fn permissions(&self) -> &'static [Permission] {
        self.0
    }

    /// Whether `granted` holds every permission of the requirement.
    pub fn is_met_by<'a>(&self, granted: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        self.0.iter().all(|p| granted.clone().into_iter().any(|g| p.is(g)))
    }
}

impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            f.write_str(p.name)?;
        }
        Ok(())
    }
}

/// What one scheme grants for one scope of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// Any one of these requirements suffices; `least` are the least privileged.
    Listed { least: &'static [Requirement], higher: &'static [Requirement] },
    NotSupported,
    /// The docs do not say (a placeholder, an empty cell, a missing table).
    Unknown,
}

/// The permissions of one scope ("acting on self", "for role management alerts").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PermissionSet {
    pub scope: Option<&'static str>,
    pub delegated_work: Grant,
    pub delegated_personal: Grant,
    pub application: Grant,
    pub admin_roles: &'static [&'static str],
}

impl PermissionSet {
    pub fn grant(&self, scheme: Scheme) -> Grant {
        match scheme {
            Scheme::DelegatedWork => self.delegated_work,
            Scheme::DelegatedPersonal => self.delegated_personal,
            Scheme::Application => self.application,
        }
    }
}

/// The least privileged permissions of one scope of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopedPermissions {
    /// The table's label, or `None` when the page has one table.
    pub scope: Option<&'static str>,
    pub permissions: &'static [Requirement],
}

/// Whether a token's scopes let a call through, by the docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// The token meets `requirement`, listed for `scope`.
    Allowed { scope: Option<&'static str>, requirement: Requirement },
    /// None of the token's scopes is listed; these would be least privileged.
    Missing { least: Vec<ScopedPermissions> },
    /// The docs say this scheme cannot call the operation.
    NotSupported,
    /// The docs do not say.
    Unknown,
}

/// One documented operation and its permission sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationPermissions {
    pub id: &'static str,
    pub version: Version,
    pub method: &'static str,
    pub paths: &'static [&'static str],
    pub sources: &'static [&'static str],
    pub sets: &'static [PermissionSet],
}

impl OperationPermissions {
    /// The least privileged permissions for `scheme`, per scope, with the
    /// scope named. Scopes where the scheme is not supported or unknown are
    /// left out.
    pub fn least_privileged(&self, scheme: Scheme) -> Vec<ScopedPermissions> {
        self.sets
            .iter()
            .filter_map(|s| match s.grant(scheme) {
                Grant::Listed { least, .. } => Some(ScopedPermissions { scope: s.scope, permissions: least }),
                _ => None,
            })
            .collect()
    }

    /// Checks the scopes of a token (`scp` or `roles` claim values) against
    /// the operation, before sending it.
    pub fn check<'a>(&self, scheme: Scheme, granted: impl IntoIterator<Item = &'a str> + Clone) -> Access {
        for set in self.sets {
            if let Grant::Listed { least, higher } = set.grant(scheme) {
                for r in least.iter().chain(higher) {
                    if r.is_met_by(granted.clone()) {
                        return Access::Allowed { scope: set.scope, requirement: *r };
                    }
                }
            }
        }
        let least = self.least_privileged(scheme);
        if !least.is_empty() {
            Access::Missing { least }
        } else if !self.sets.is_empty() && self.sets.iter().all(|s| s.grant(scheme) == Grant::NotSupported) {
            Access::NotSupported
        } else {
            Access::Unknown
        }
    }
}

/// The permission table of one version and area as the generator writes
/// it: JSON, read once, on first use, into the `'static` types above and
/// kept for the life of the process. A string literal costs the compiler
/// next to nothing, where the same tables written as Rust statics were
/// about 7% of checking the crate of a whole docs tree.
#[allow(dead_code)] // a build with no area enabled has no table
pub(crate) mod permission_table {
    use super::{Grant, OperationPermissions, Permission, PermissionSet, Requirement, Version};
    use crate::route::Route;
    use serde_json::Value;
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    pub struct Table {
        version: Version,
        /// How routes name the version (`v1.0`, `beta`).
        route_version: &'static str,
        json: &'static str,
        decoded: OnceLock<Decoded>,
    }

    pub struct Decoded {
        pub operations: Vec<OperationPermissions>,
        /// Every documented path of every operation; `item` indexes
        /// `operations`.
        pub routes: Vec<Route<'static, usize>>,
    }

    impl Table {
        pub const fn new(version: Version, route_version: &'static str, json: &'static str) -> Self {
            Table { version, route_version, json, decoded: OnceLock::new() }
        }

        pub fn decoded(&'static self) -> &'static Decoded {
            self.decoded.get_or_init(|| {
                // The generator wrote this text; it not reading is a bug
                // of the generator, never of a request.
                decode(self.version, self.route_version, self.json)
                    .unwrap_or_else(|e| panic!("a generated permission table does not read: {e}"))
            })
        }
    }

    fn leak<T>(items: Vec<T>) -> &'static [T] {
        Box::leak(items.into_boxed_slice())
    }

    fn text(value: &Value) -> Result<&'static str, String> {
        match value {
            Value::String(s) => Ok(Box::leak(s.clone().into_boxed_str())),
            other => Err(format!("expected a string, found {other}")),
        }
    }

    fn texts(value: &Value) -> Result<&'static [&'static str], String> {
        Ok(leak(list(value)?.iter().map(text).collect::<Result<Vec<_>, _>>()?))
    }

    fn list(value: &Value) -> Result<&[Value], String> {
        value.as_array().map(Vec::as_slice).ok_or_else(|| format!("expected a list, found {value}"))
    }

    fn field<'v>(value: &'v Value, name: &str) -> Result<&'v Value, String> {
        value.get(name).ok_or_else(|| format!("`{name}` is missing"))
    }

    struct Reader {
        permissions: BTreeMap<String, Permission>,
    }

    impl Reader {
        fn requirements(&self, value: &Value) -> Result<&'static [Requirement], String> {
            let mut out = Vec::new();
            for requirement in list(value)? {
                let mut names = Vec::new();
                for name in list(requirement)? {
                    let name = name.as_str().ok_or("a permission name is not a string")?;
                    let permission = self
                        .permissions
                        .get(&name.to_ascii_lowercase())
                        .ok_or_else(|| format!("`{name}` is not in the names table"))?;
                    names.push(*permission);
                }
                out.push(Requirement(leak(names)));
            }
            Ok(leak(out))
        }

        fn grant(&self, value: &Value) -> Result<Grant, String> {
            match value.as_str() {
                Some("not_supported") => Ok(Grant::NotSupported),
                Some("unknown") => Ok(Grant::Unknown),
                Some(other) => Err(format!("unknown grant `{other}`")),
                None => Ok(Grant::Listed {
                    least: self.requirements(field(value, "least")?)?,
                    higher: self.requirements(field(value, "higher")?)?,
                }),
            }
        }

        fn set(&self, value: &Value) -> Result<PermissionSet, String> {
            let scope = match field(value, "scope")? {
                Value::Null => None,
                scope => Some(text(scope)?),
            };
            Ok(PermissionSet {
                scope,
                delegated_work: self.grant(field(value, "delegated_work")?)?,
                delegated_personal: self.grant(field(value, "delegated_personal")?)?,
                application: self.grant(field(value, "application")?)?,
                admin_roles: texts(field(value, "admin_roles")?)?,
            })
        }
    }

    fn decode(version: Version, route_version: &'static str, json: &str) -> Result<Decoded, String> {
        let table: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let reader = Reader {
            permissions: crate::permissions::ALL_PERMISSIONS.iter().map(|p| (p.name.to_ascii_lowercase(), *p)).collect(),
        };
        let mut sets: Vec<&'static [PermissionSet]> = Vec::new();
        for group in list(field(&table, "sets")?)? {
            let group = list(group)?.iter().map(|s| reader.set(s)).collect::<Result<Vec<_>, _>>()?;
            sets.push(leak(group));
        }
        let mut operations = Vec::new();
        let mut routes = Vec::new();
        for (item, op) in list(field(&table, "operations")?)?.iter().enumerate() {
            let first_route = routes.len();
            let mut paths = Vec::new();
            for route in list(field(op, "routes")?)? {
                let [method, path] = list(route)? else {
                    return Err(format!("a route is not a method and a path: {route}"));
                };
                let (method, template) = (text(method)?, text(path)?);
                routes.push(Route { version: route_version, method, template, item });
                paths.push(template);
            }
            let set = field(op, "sets")?.as_u64().ok_or("`sets` is not an index")?;
            operations.push(OperationPermissions {
                id: text(field(op, "id")?)?,
                version,
                method: routes.get(first_route).map_or("", |r| r.method),
                paths: leak(paths),
                sources: texts(field(op, "sources")?)?,
                sets: usize::try_from(set).ok().and_then(|i| sets.get(i).copied()).ok_or("`sets` is out of range")?,
            });
        }
        Ok(Decoded { operations, routes })
    }
}
