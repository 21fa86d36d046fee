//! The intermediate representation: plain data that reads like the Graph
//! docs. Parsing fills it, the passes in this module merge and normalise it,
//! and the emitters read it. `generated/ir.yaml` is a dump of it, so a docs
//! update shows up in review as an IR diff. The schema is documented in
//! `README.md` (section "The IR").

pub mod arguments;
pub mod example_check;
pub mod kept_names;
pub mod merge;
pub mod models;
pub mod operation_ids;
pub mod permission_names;
pub mod property_paths;
pub mod references;
pub mod request_bodies;

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in the docs: a file (relative to the docs root) and a 1-based line.
/// The file name is shared: a page's blocks, facts and diagnostics all point
/// into one page, and copying its name for each was a tenth of the
/// allocations of a parse.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: std::sync::Arc<str>,
    pub line: u32,
}

impl Source {
    pub fn new(file: impl Into<std::sync::Arc<str>>, line: u32) -> Self {
        Source {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let (file, line) = s
            .rsplit_once(':')
            .ok_or_else(|| serde::de::Error::custom("expected file:line"))?;
        let line = line.parse().map_err(serde::de::Error::custom)?;
        Ok(Source::new(file, line))
    }
}

/// The Graph API version a fact belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "v1.0")]
    V1,
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The first word of an operation id of this version (`v1_get_users`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::Beta => "beta",
        }
    }
}

/// The whole IR of a docs tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    pub operations: Vec<Operation>,
    pub models: Vec<Model>,
    pub enums: Vec<EnumType>,
    pub diagnostics: Vec<Diagnostic>,
    /// The area features the crate this one replaces had each model and
    /// enum on with (beside `all-models`), kept by its `names.lock`: a
    /// type stays on with them when no operation of the area needs it
    /// any more (see `kept_names`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_type_areas: Vec<TypeAreas>,
    /// Function calls whose builder method keeps the name it had in the
    /// crate this one replaces, kept by its `names.lock`. A function that
    /// gains an overload names each call by its parameters
    /// (`get_email_activity_user_detail_with_date_value`), but the call the
    /// crate had already keeps its bare name; one that loses its overloads
    /// would name its last call by the function alone, but that call keeps
    /// its parameters in its name. Only the calls whose name the kept one
    /// is not are listed (see `kept_names`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_calls: Vec<KeptCall>,
}

/// A function call that keeps the builder method name it had.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct KeptCall {
    pub version: ApiVersion,
    /// The call's place in the builder tree, as the tree keys it:
    /// lowercase, placeholders as `{}`
    /// (`/reports/getemailactivityuserdetail(period='{}')`).
    pub key: String,
    pub name: CallName,
}

/// How a function call's builder method is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallName {
    /// By the function alone: `get_email_activity_user_detail`.
    Bare,
    /// By the function and its parameters:
    /// `get_email_activity_user_detail_with_period_value`.
    WithParameters,
}

/// The area features one model or enum was on with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeAreas {
    pub version: ApiVersion,
    /// Qualified, as the model or enum is named.
    pub name: String,
    pub areas: Vec<String>,
}

/// One HTTP operation: a method on one or more equivalent paths.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// Stable, unique snake_case id, e.g. `beta_get_users_authentication_operations`.
    pub id: String,
    pub version: ApiVersion,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `ms.prod` of the page, used for grouping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The area features (`area-microsoft-identity-platform`) the crate
    /// this one replaces had the operation in, beside its own area's: the
    /// operation stays on with them, so that a docs update that moves it
    /// to another area breaks no build (kept by `names.lock`, see
    /// `kept_names`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_areas: Vec<String>,
    /// Every page that describes this operation, winner of the merge first.
    pub sources: Vec<Source>,
    pub endpoints: Vec<Endpoint>,
    pub query_options: QueryOptions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<RequestHeader>,
    pub request_body: RequestBody,
    pub response: Response,
    pub examples: Vec<Example>,
    pub permissions: Vec<PermissionSet>,
}

/// A method and path, with the sentence that says what it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    /// Normalised path: leading `/`, no version prefix, `{a | b}` parameters.
    pub path: String,
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<PathParameter>,
    pub source: Source,
}

/// A `{...}` placeholder in a path. `{id | userPrincipalName}` is one
/// parameter with two alternative names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathParameter {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

/// Which OData query options the page says the operation supports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryOptions {
    pub support: QuerySupport,
    /// Options the page names, such as `$select`, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
    /// Query parameters of the operation's own, not OData's, that a table
    /// of the section lists (`startDateTime` of a calendar view).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<QueryParameter>,
}

/// The OData query options a request builder can set, in the order its
/// methods are listed.
pub const ODATA_OPTIONS: [&str; 8] = [
    "$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count", "$search",
];

impl Operation {
    /// The OData query options its request builder sets: what the page
    /// says it supports; for "some of them", the common ones; for a `GET`
    /// whose page does not say, `$select` and `$expand`.
    pub fn supported_query_options(&self) -> Vec<&'static str> {
        let get = self.endpoints.first().is_some_and(|e| e.method == "GET");
        let options = &self.query_options;
        match options.support {
            QuerySupport::All => ODATA_OPTIONS.to_vec(),
            QuerySupport::Named => ODATA_OPTIONS
                .into_iter()
                .filter(|o| options.named.iter().any(|n| n == o))
                .collect(),
            QuerySupport::Some => ODATA_OPTIONS[..5].to_vec(),
            QuerySupport::Unstated if get => ODATA_OPTIONS[..2].to_vec(),
            QuerySupport::Unstated | QuerySupport::None => Vec::new(),
        }
    }
}

/// A query parameter of an operation's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryParameter {
    pub name: String,
    /// The type as the table writes it (`String`, `Int32`).
    pub type_name: String,
    /// The docs say the request needs it.
    pub required: bool,
    pub description: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuerySupport {
    /// The page does not say.
    #[default]
    Unstated,
    /// "does not support optional query parameters".
    None,
    /// Only the named options.
    Named,
    /// "supports some of the OData query parameters": which ones is not said.
    Some,
    /// "supports the OData query parameters".
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestHeader {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestBody {
    pub kind: BodyKind,
    /// Qualified type name, such as `microsoft.graph.user`, when the page
    /// names one, or the model made from `parameters` (see below).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// A JSON array of `type` ("supply an array of
    /// [patchContentCommand](...) objects", page-update.md).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
    /// The parameter (or property) table of the Request body section, when
    /// the page names no type: an action's parameters (`sendMail`:
    /// `message`, `saveToSentItems`), or the properties an update takes.
    /// The models pass turns them into a model of their own
    /// ([`ModelOrigin::RequestBody`]) and names it in `type_name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Property>,
    /// The fields of the items of a body that is an array ("supply an
    /// array of JSON objects with the id parameter", site-follow.md): the
    /// table of the section, which describes each item, not the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Property>,
    /// Other body types other pages give for this operation: a polymorphic
    /// create settles on their common base, like a response.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_types: Vec<TypeAt>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    #[default]
    Unstated,
    None,
    Json,
    /// Not JSON: HTML or a multipart message (a OneNote page), sent as
    /// bytes with their content type.
    Bytes,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub status: Option<u16>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub collection: bool,
    /// Where `type` came from, when a page said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_source: Option<Source>,
    /// Other types other pages give for this operation. A polymorphic
    /// endpoint (one page per derived type) settles on their common base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_types: Vec<TypeAt>,
    /// The type the page's prose names, when its example's annotation
    /// names another: a base type the prose names ("a collection of
    /// attachment objects", where the example shows a `fileAttachment`)
    /// is what the operation returns. Settled with the models.
    #[serde(skip)]
    pub named_in_prose: Option<String>,
}

/// A type name and the page that gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAt {
    #[serde(rename = "type")]
    pub type_name: String,
    pub source: Source,
}

/// One documented request with its response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// From the annotation: the body may omit properties.
    pub truncated: bool,
    #[serde(
        rename = "odata_type",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_collection: Option<bool>,
    pub source: Source,
    /// Other pages that give the same example (kept once by the merge).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<Source>,
}

impl ExampleResponse {
    /// Every place this example response is written.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        std::iter::once(&self.source).chain(&self.also_at)
    }
}

/// One HTTP header of an example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// The `Content-Type` a message's headers give, if any.
pub fn content_type(headers: &[Header]) -> Option<&str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.trim())
}

/// Whether a message's headers leave its body to be JSON: no
/// `Content-Type`, or one that names JSON. `application/zip` with
/// "[Zip file containing a Teams app package]" (teamsapp-publish.md) is
/// not JSON that failed to parse.
pub fn says_json(headers: &[Header]) -> bool {
    content_type(headers).is_none_or(|t| t.to_ascii_lowercase().contains("json"))
}

/// An example body: JSON when it parses (leniently), raw text otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Body {
    Json(serde_json::Value),
    Text(String),
}

/// Permissions for one scope of an operation ("for role management alerts",
/// "acting on self"), one entry per permission scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionSet {
    pub scope: Option<String>,
    pub delegated_work: SchemePermissions,
    pub delegated_personal: SchemePermissions,
    pub application: SchemePermissions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admin_roles: Vec<String>,
    pub source: Source,
}

impl PermissionSet {
    pub fn unknown(scope: Option<String>, source: Source) -> Self {
        PermissionSet {
            scope,
            delegated_work: SchemePermissions::unknown(),
            delegated_personal: SchemePermissions::unknown(),
            application: SchemePermissions::unknown(),
            admin_roles: Vec::new(),
            source,
        }
    }

    pub fn schemes(&self) -> [(Scheme, &SchemePermissions); 3] {
        [
            (Scheme::DelegatedWork, &self.delegated_work),
            (Scheme::DelegatedPersonal, &self.delegated_personal),
            (Scheme::Application, &self.application),
        ]
    }

    pub fn scheme_mut(&mut self, scheme: Scheme) -> &mut SchemePermissions {
        match scheme {
            Scheme::DelegatedWork => &mut self.delegated_work,
            Scheme::DelegatedPersonal => &mut self.delegated_personal,
            Scheme::Application => &mut self.application,
        }
    }

    pub fn is_all_unknown(&self) -> bool {
        self.schemes().iter().all(|(_, p)| p.is_unknown())
    }
}

/// The three permission schemes of Microsoft Graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Scheme {
    pub const ALL: [Scheme; 3] = [
        Scheme::DelegatedWork,
        Scheme::DelegatedPersonal,
        Scheme::Application,
    ];

    /// The label the docs use in the first column of a permissions table.
    pub fn label(self) -> &'static str {
        match self {
            Scheme::DelegatedWork => "Delegated (work or school account)",
            Scheme::DelegatedPersonal => "Delegated (personal Microsoft account)",
            Scheme::Application => "Application",
        }
    }
}

/// What one scheme grants: either lists of permissions, or a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SchemePermissions {
    Listed {
        least: Vec<String>,
        higher: Vec<String>,
    },
    Status(SchemeStatus),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemeStatus {
    NotSupported,
    Unknown,
}

impl SchemePermissions {
    pub fn unknown() -> Self {
        SchemePermissions::Status(SchemeStatus::Unknown)
    }
    pub fn not_supported() -> Self {
        SchemePermissions::Status(SchemeStatus::NotSupported)
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self, SchemePermissions::Status(SchemeStatus::Unknown))
    }
}

/// A resource or complex type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Qualified name as the docs write it, e.g. `microsoft.graph.longRunningOperation`.
    pub name: String,
    pub version: ApiVersion,
    /// `resource_page`, `examples` or `request_body`: where the properties
    /// came from.
    pub origin: ModelOrigin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// The key property (`keyProperty` in the resource annotation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_property: Option<String>,
    /// An open type accepts properties the docs do not list (`openType`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open_type: bool,
    /// An open type whose keys are data (plannerAssignments: user ids,
    /// plannerExternalReferences: URLs): the type of every value, which
    /// `additional_data` holds. Qualified, or `Edm.*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_type: Option<String>,
    pub properties: Vec<Property>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    /// The wire name, e.g. `createdDateTime` or `@odata.type`.
    pub name: String,
    /// `Edm.String`, `Edm.DateTimeOffset`, ... or a qualified model or enum name.
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The base type this property comes from, when it is inherited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<String>,
    /// A navigation property (the Relationships table): another entity,
    /// not part of this one's value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    pub source: Source,
}

impl Property {
    /// A property with no description, declared here (not inherited).
    pub fn new(name: &str, (type_name, collection): (String, bool), source: Source) -> Self {
        Property {
            name: name.to_string(),
            type_name,
            collection,
            description: None,
            inherited_from: None,
            navigation: false,
            source,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelOrigin {
    ResourcePage,
    Examples,
    /// The parameter table of an operation's request body.
    RequestBody,
    /// OData's entity reference, which requests to `$ref` paths send
    /// (see `ir::references`).
    Reference,
}

impl ModelOrigin {
    /// Whether the model is only ever sent: a request body, never a
    /// property's type or a response.
    pub fn is_request_only(self) -> bool {
        matches!(self, ModelOrigin::RequestBody | ModelOrigin::Reference)
    }
}

/// An enumeration whose members come from the docs. Generated enums are
/// evolvable: unknown wire values are kept, never rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    pub version: ApiVersion,
    pub members: Vec<String>,
    /// Members the docs call terminal states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terminal: Vec<String>,
    /// A flags enum: a value is a comma-separated list of members.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    pub sources: Vec<Source>,
}

/// Splits `microsoft.graph.operation` into its namespace and simple name.
pub fn simple_name(qualified: &str) -> &str {
    qualified.rsplit('.').next().unwrap_or(qualified)
}
