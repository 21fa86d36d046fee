//! The client-agnostic core of every request: a [`Request`] knows its
//! method, URL, query options, headers and body, builds an
//! `http::Request<Vec<u8>>`, and parses an `http::Response` into its typed
//! result. The `reqwest` feature adds `send`, retries on throttling, paging
//! and long-running-operation polling on top (`Request::send`, with the
//! `reqwest` feature only).
//!
//! Copied into every generated crate from `codegen/templates/request.rs`.

use std::marker::PhantomData;
use std::time::Duration;

/// Query options a request may carry. The generated request builders
/// implement these for each operation the docs say supports them, so
/// `$select` exists only where Graph accepts it.
pub mod query {
    pub trait Select {}
    pub trait Expand {}
    pub trait Filter {}
    pub trait OrderBy {}
    pub trait Top {}
    pub trait Skip {}
    pub trait Count {}
    pub trait Search {}
}

/// A model whose properties can be named in `$select` and `$expand`.
pub trait Selectable {
    /// The generated enum of the model's properties.
    type Field: FieldName;
}

/// A property name as Graph spells it.
pub trait FieldName {
    fn wire_name(&self) -> &'static str;
}

/// The field type of a model without properties: nothing to select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoField {}

impl FieldName for NoField {
    fn wire_name(&self) -> &'static str {
        match *self {}
    }
}

/// Operations whose options the docs do not state: no query options.
/// Like every operation's marker in `requests::options`, a type only.
#[derive(Clone, Copy, Debug)]
pub enum NoOptions {}

/// A request builder at one documented path: the URL so far. `P`, a type
/// of `requests::paths`, names the path and decides which methods the
/// builder has; each path's type alias in `requests` reads better.
///
/// One generic type rather than a struct per path: thousands of derived
/// `Clone` and `Debug` impls were a large part of the crate's compile time.
pub struct Builder<P> {
    pub(crate) url: String,
    pub(crate) path: PhantomData<fn() -> P>,
}

impl<P> Builder<P> {
    pub(crate) fn new(url: String) -> Self {
        Builder { url, path: PhantomData }
    }

    /// The URL of this path, encoded.
    pub fn url(&self) -> &str {
        &self.url
    }
}

// The builders build the URL of a child path with these functions, and the
// child's `Builder` as a struct literal: not with methods or associated
// functions of `Builder`, because a generated crate has an inherent `impl`
// of `Builder` per path and rustc looks such a name up in every one of
// them, for every call; and not with functions generic over the path,
// which would be compiled once per path.

/// `parent`, then `literal` (`/$ref`), which the generator wrote.
#[allow(dead_code)] // unused when every area is off
pub(crate) fn child_url(parent: &str, literal: &str) -> String {
    let mut url = String::with_capacity(parent.len() + literal.len());
    url.push_str(parent);
    url.push_str(literal);
    url
}

/// `parent`, `/`, then `key` as exactly one percent-encoded segment.
#[allow(dead_code)] // unused when every area is off
pub(crate) fn item_url(parent: &str, key: &str) -> String {
    let mut url = String::with_capacity(parent.len() + 1 + key.len());
    url.push_str(parent);
    url.push('/');
    crate::support::push_segment(&mut url, key);
    url
}

impl<P> Clone for Builder<P> {
    fn clone(&self) -> Self {
        Builder::new(self.url.clone())
    }
}

impl<P> std::fmt::Debug for Builder<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder").field("url", &self.url).finish()
    }
}

/// One request, typed by what its response holds (`T`) and by the query
/// options its operation supports (`O`).
pub struct Request<T, O = NoOptions> {
    method: http::Method,
    url: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Result<Option<Vec<u8>>, String>,
    marker: PhantomData<fn() -> (T, O)>,
}

impl<T, O> std::fmt::Debug for Request<T, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl<T, O> Clone for Request<T, O> {
    fn clone(&self) -> Self {
        Request {
            method: self.method.clone(),
            url: self.url.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            marker: PhantomData,
        }
    }
}

impl<T, O> Request<T, O> {
    /// A request for `url`, which must already hold the encoded path.
    pub fn new(method: http::Method, url: String) -> Self {
        Request { method, url, query: Vec::new(), headers: Vec::new(), body: Ok(None), marker: PhantomData }
    }

    /// The same request with a JSON body.
    pub fn json_body<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = serde_json::to_vec(body).map(Some).map_err(|e| e.to_string());
        self.headers.push(("Content-Type".into(), "application/json".into()));
        self
    }

    /// The same request with raw bytes as its body (uploads to `$value`).
    pub fn bytes_body(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.body = Ok(Some(bytes));
        self.headers.push(("Content-Type".into(), content_type.to_string()));
        self
    }

    /// Adds a header. Documented headers have typed setters on the
    /// operation; this is the escape hatch.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds a query parameter as it is, encoded on the way out. Supported
    /// OData options have typed methods; this is the escape hatch.
    pub fn query_param(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The URL with its query string, every name and value percent-encoded.
    pub fn url(&self) -> String {
        let mut url = self.url.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 && !self.url.contains('?') { '?' } else { '&' });
            url.push_str(&encode_query(name));
            url.push('=');
            url.push_str(&encode_query(value));
        }
        url
    }

    /// The request as an `http::Request`, for any HTTP client.
    pub fn build(&self) -> Result<http::Request<Vec<u8>>, Error> {
        let body = self.body.clone().map_err(Error::Body)?.unwrap_or_default();
        let mut builder = http::Request::builder().method(self.method.clone()).uri(self.url());
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(body).map_err(Error::Http)
    }

    fn set_query(mut self, name: &str, value: String) -> Self {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_string(), value));
        self
    }

    /// The same request for another result type (the next page).
    fn cast<U, P>(self) -> Request<U, P> {
        Request { method: self.method, url: self.url, query: self.query, headers: self.headers, body: self.body, marker: PhantomData }
    }
}

fn encode_query(text: &str) -> String {
    const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'$').remove(b',').remove(b'\'').remove(b'(').remove(b')').remove(b'/').remove(b':').remove(b'@');
    percent_encoding::utf8_percent_encode(text, QUERY).to_string()
}

fn join_fields<F: FieldName>(fields: impl IntoIterator<Item = F>) -> String {
    fields.into_iter().map(|f| f.wire_name()).collect::<Vec<_>>().join(",")
}

impl<T: Selectable, O: query::Select> Request<T, O> {
    /// `$select`: only these properties.
    pub fn select(self, fields: impl IntoIterator<Item = T::Field>) -> Self {
        self.set_query("$select", join_fields(fields))
    }
}

impl<T: Selectable, O: query::Expand> Request<T, O> {
    /// `$expand`: include these related entities.
    pub fn expand(self, fields: impl IntoIterator<Item = T::Field>) -> Self {
        self.set_query("$expand", join_fields(fields))
    }
}

impl<T, O: query::Filter> Request<T, O> {
    /// `$filter`, an OData expression such as `startswith(displayName,'a')`.
    pub fn filter(self, expression: &str) -> Self {
        self.set_query("$filter", expression.to_string())
    }
}

impl<T, O: query::OrderBy> Request<T, O> {
    /// `$orderby`, such as `displayName desc`.
    pub fn order_by(self, expression: &str) -> Self {
        self.set_query("$orderby", expression.to_string())
    }
}

impl<T, O: query::Top> Request<T, O> {
    /// `$top`: at most this many items per page.
    pub fn top(self, n: u32) -> Self {
        self.set_query("$top", n.to_string())
    }
}

impl<T, O: query::Skip> Request<T, O> {
    /// `$skip`: skip this many items.
    pub fn skip(self, n: u32) -> Self {
        self.set_query("$skip", n.to_string())
    }
}

impl<T, O: query::Count> Request<T, O> {
    /// `$count=true`: include `@odata.count`. Graph wants
    /// `ConsistencyLevel: eventual` with it on directory objects; it is set.
    pub fn count(self, yes: bool) -> Self {
        self.set_query("$count", yes.to_string()).header("ConsistencyLevel", "eventual")
    }
}

impl<T, O: query::Search> Request<T, O> {
    /// `$search`, such as `"displayName:room"`. Sets `ConsistencyLevel: eventual`.
    pub fn search(self, expression: &str) -> Self {
        self.set_query("$search", expression.to_string()).header("ConsistencyLevel", "eventual")
    }
}

/// A value a successful response is parsed into, from its status, headers
/// and body.
pub trait FromResponse: Sized {
    fn from_response(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, Error>;
}

/// A type that arrives as a JSON body: every generated model, collections
/// of them, and JSON primitives.
pub trait JsonBody: serde::de::DeserializeOwned {}

impl<T: JsonBody> FromResponse for T {
    fn from_response(_: http::StatusCode, _: &http::HeaderMap, body: &[u8]) -> Result<Self, Error> {
        serde_json::from_slice(body).map_err(Error::Json)
    }
}

impl JsonBody for serde_json::Value {}
impl JsonBody for String {}
impl JsonBody for bool {}
impl JsonBody for i32 {}
impl JsonBody for i64 {}
impl JsonBody for f64 {}
impl JsonBody for f32 {}
impl JsonBody for i16 {}
impl JsonBody for i8 {}
impl JsonBody for u8 {}
impl JsonBody for crate::values::DateTimeOffset {}
impl JsonBody for crate::values::Date {}
impl JsonBody for crate::values::TimeOfDay {}
impl JsonBody for crate::values::Duration {}
impl JsonBody for crate::values::Guid {}
impl<T: JsonBody> JsonBody for Vec<T> {}

/// A single primitive result (`String`, `Int32`, a date): OData wraps it
/// as `{"value": ...}`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
pub struct Primitive<T> {
    pub value: T,
}

impl<T: serde::de::DeserializeOwned> JsonBody for Primitive<T> {}

/// `204 No Content` and other empty answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoContent;

impl FromResponse for NoContent {
    fn from_response(_: http::StatusCode, _: &http::HeaderMap, _: &[u8]) -> Result<Self, Error> {
        Ok(NoContent)
    }
}

/// `202 Accepted`: Graph took the request and carries it out later
/// (`POST /teams/{id}/archive`, `exportPersonalData`, `sendMail`). Where it
/// says where to follow the work, `location` is that `Location` header as
/// Graph sent it, often relative to the service root
/// (`/teams('...')/operations('...')`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accepted {
    pub location: Option<String>,
}

impl FromResponse for Accepted {
    fn from_response(_: http::StatusCode, headers: &http::HeaderMap, _: &[u8]) -> Result<Self, Error> {
        let location = headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
        Ok(Accepted { location })
    }
}

/// What `GET .../$count` answers: a bare number, as text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count(pub u64);

impl FromResponse for Count {
    fn from_response(_: http::StatusCode, _: &http::HeaderMap, body: &[u8]) -> Result<Self, Error> {
        // Graph may start the text with a byte-order mark.
        let text = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body);
        serde_json::from_slice(text).map(Count).map_err(Error::Json)
    }
}

/// The query options of a `$count`: `filter` and `search`.
#[derive(Clone, Copy, Debug)]
pub enum CountOptions {}

impl query::Filter for CountOptions {}
impl query::Search for CountOptions {}

/// A binary stream (`$value`, `/content`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl FromResponse for Bytes {
    fn from_response(_: http::StatusCode, _: &http::HeaderMap, body: &[u8]) -> Result<Self, Error> {
        Ok(Bytes(body.to_vec()))
    }
}

/// One page of a collection: its items and the link to the next page.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

impl<T: serde::de::DeserializeOwned> JsonBody for Page<T> {}

impl<T: Selectable> Selectable for Page<T> {
    type Field = T::Field;
}

impl<T> Page<T> {
    /// The request for the next page, if there is one: a bare `GET` of the
    /// next link. `pages()` and `send_all()` give it the headers of the
    /// request before (the token, `ConsistencyLevel`, `Prefer`), as Graph
    /// wants them on every page.
    pub fn next_request(&self) -> Option<Request<Page<T>>> {
        self.next_link.as_ref().map(|link| Request::new(http::Method::GET, link.clone()))
    }

    /// On the last page of a delta query (`users().delta()`), the request
    /// for the next round, what changed since: a bare `GET` of
    /// `@odata.deltaLink`. `send_delta()` gives it the first request's
    /// headers.
    pub fn delta_request(&self) -> Option<Request<Page<T>>> {
        self.delta_link.as_ref().map(|link| Request::new(http::Method::GET, link.clone()))
    }
}

impl<T: crate::support::FieldValue> Page<T> {
    /// The properties of the items that did not read as their documented
    /// type, as paths (`value[3].createdDateTime`): see
    /// `support::Model::mistyped_paths`.
    pub fn mistyped_paths(&self) -> Vec<String> {
        let mut out = Vec::new();
        crate::support::FieldValue::mistyped_below(&self.value, "value", &mut out);
        out
    }
}

impl<T, O> Request<Page<T>, O> {
    /// This request without its operation's options, as `Page::next_request` gives.
    pub fn into_page_request(self) -> Request<Page<T>> {
        self.cast()
    }

    /// Only the items of type `U`, read as `U`: OData's cast segment
    /// (`groups().by_group_id(id).members().get().of_type::<User>()` is
    /// `GET /groups/{id}/members/microsoft.graph.user`). `U` should be
    /// derived from the collection's type; Graph refuses another.
    pub fn of_type<U: crate::support::ModelType>(self) -> Request<Page<U>, O> {
        self.with_cast_segment::<U>(false).cast()
    }
}

impl Request<Count, CountOptions> {
    /// Counts only the items of type `U`: `members().count().of_type::<User>()`
    /// is `GET .../members/microsoft.graph.user/$count`.
    pub fn of_type<U: crate::support::ModelType>(self) -> Self {
        self.with_cast_segment::<U>(true)
    }
}

impl<T, O> Request<T, O> {
    /// The URL with `/{U's Graph type}` appended, or put before a last
    /// `/$count`. A model of no Graph type (a request body made from a
    /// parameter table) cannot be cast to: the request then fails to build.
    fn with_cast_segment<U: crate::support::ModelType>(mut self, before_count: bool) -> Self {
        use crate::support::ModelFields;
        let odata_type = <U::Properties as ModelFields>::ODATA_TYPE;
        if odata_type.is_empty() {
            let name = <U::Properties as ModelFields>::NAME;
            self.body = Err(format!("`{name}` is no Graph type, so nothing can be cast to it"));
            return self;
        }
        let count = before_count.then(|| self.url.strip_suffix("/$count").map(str::len)).flatten();
        let at = count.unwrap_or(self.url.len());
        self.url.insert_str(at, &format!("/{odata_type}"));
        self
    }
}

/// The error body Graph sends: `{"error": {"code", "message", "innerError"}}`.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct GraphError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(rename = "innerError", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: GraphError,
}

/// Why a request failed.
#[derive(Debug)]
pub enum Error {
    /// Graph answered with an error status.
    Graph {
        status: http::StatusCode,
        error: GraphError,
        /// `Retry-After`, when Graph throttles (`429`, `503`).
        retry_after: Option<Duration>,
    },
    /// The request could not be built.
    Http(http::Error),
    /// The request body could not be serialised.
    Body(String),
    /// The response body is not what the docs say.
    Json(serde_json::Error),
    /// The connection failed.
    Transport(String),
    /// A long-running operation did not finish in time.
    Timeout,
    /// A batch could not take a request, or has no answer to one
    /// (`batch::Batch`).
    Batch(String),
    /// A next or delta link that is not followed: it leaves the host the
    /// request went to (it would carry the request's token there), or it
    /// links back to the page it is on.
    Link(String),
}

impl Error {
    /// `429 Too Many Requests` or `503 Service Unavailable`.
    pub fn is_throttled(&self) -> bool {
        matches!(self, Error::Graph { status, .. } if status.as_u16() == 429 || status.as_u16() == 503)
    }

    /// Throttled, or `504 Gateway Timeout`: an answer the same request may
    /// not meet again later, the ones the Graph SDKs' retry handlers retry
    /// and what `send_with_retry` and `poll_until_done` wait out.
    pub fn is_retryable(&self) -> bool {
        self.is_throttled() || matches!(self, Error::Graph { status, .. } if status.as_u16() == 504)
    }

    /// How long Graph asked to wait.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Graph { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Graph { status, error, .. } => write!(f, "Graph answered {status}: {} {}", error.code, error.message),
            Error::Http(e) => write!(f, "invalid request: {e}"),
            Error::Body(e) => write!(f, "request body: {e}"),
            Error::Json(e) => write!(f, "response body: {e}"),
            Error::Transport(e) => write!(f, "transport: {e}"),
            Error::Timeout => f.write_str("the operation did not finish in time"),
            Error::Batch(e) => write!(f, "batch: {e}"),
            Error::Link(e) => write!(f, "link: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// The longest `Retry-After` that `send_with_retry` and an upload's
/// `send` wait out, as the Graph SDKs' retry handlers do (180 s); a longer
/// one is returned as the error, for the caller to decide.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(180);

/// `Retry-After` in seconds (Graph does not send dates). A value no
/// `Duration` holds (`1e300`, `-1`, `NaN`) is none: what a server sends
/// never panics.
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let text = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    Duration::try_from_secs_f64(text.trim().parse::<f64>().ok()?).ok()
}

impl<T: FromResponse, O> Request<T, O> {
    /// Parses a response to this request: the typed result, or the Graph
    /// error with its status and `Retry-After`.
    pub fn parse<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<T, Error> {
        parse_response(response)
    }
}

/// Parses any response into `T`, or Graph's error.
pub fn parse_response<T: FromResponse, B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<T, Error> {
    let status = response.status();
    let body = response.body().as_ref();
    if status.is_success() {
        return T::from_response(status, response.headers(), body);
    }
    let error = serde_json::from_slice::<ErrorBody>(body).map(|b| b.error).unwrap_or_else(|_| GraphError {
        code: status.as_str().to_string(),
        message: String::from_utf8_lossy(body).chars().take(500).collect(),
        inner_error: None,
    });
    Err(Error::Graph { status, error, retry_after: retry_after(response.headers()) })
}

/// A long-running operation as Graph reports it: its state, and where the
/// finished resource lives.
pub trait LongRunning {
    /// Whether the docs call the current status terminal.
    fn is_terminal(&self) -> bool;
    /// `resourceLocation`, when the operation has it.
    fn resource_location(&self) -> Option<&str>;
}

/// How to poll a long-running operation.
#[derive(Clone, Copy, Debug)]
pub struct PollOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Wait this long between polls when Graph sends no `Retry-After`.
    pub interval: Duration,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions { timeout: Duration::from_secs(300), interval: Duration::from_secs(5) }
    }
}

/// Sending with `reqwest`: `send`, `send_with_retry`, `pages`, `send_all`,
/// `send_delta`, `poll_until_done`.
#[cfg(feature = "reqwest")]
pub mod send {
    use super::*;

    async fn exchange<T: FromResponse, O>(request: &Request<T, O>, client: &reqwest::Client) -> Result<(T, http::HeaderMap), Error> {
        let built = request.build()?;
        let req = reqwest::Request::try_from(built).map_err(|e| Error::Transport(e.to_string()))?;
        let response = client.execute(req).await.map_err(|e| Error::Transport(e.to_string()))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|e| Error::Transport(e.to_string()))?;
        let mut http_response = http::Response::new(body.to_vec());
        *http_response.status_mut() = status;
        *http_response.headers_mut() = headers.clone();
        parse_response(&http_response).map(|t| (t, headers))
    }

    impl<T: FromResponse, O> Request<T, O> {
        /// Sends the request and parses the answer.
        pub async fn send(&self, client: &reqwest::Client) -> Result<T, Error> {
            exchange(self, client).await.map(|(t, _)| t)
        }

        /// Sends, and on `429`/`503`/`504` ([`Error::is_retryable`]) waits
        /// as `Retry-After` says (or `fallback`) and tries again, at most
        /// `retries` more times. A `Retry-After` longer than
        /// [`MAX_RETRY_WAIT`] is not waited out: the error is the answer.
        pub async fn send_with_retry(&self, client: &reqwest::Client, retries: u32, fallback: Duration) -> Result<T, Error> {
            let mut attempt = 0;
            loop {
                match exchange(self, client).await {
                    Err(e) if e.is_retryable() && attempt < retries && e.retry_after().is_none_or(|w| w <= MAX_RETRY_WAIT) => {
                        attempt += 1;
                        tokio::time::sleep(e.retry_after().unwrap_or(fallback)).await;
                    }
                    other => return other.map(|(t, _)| t),
                }
            }
        }
    }

    impl<T: serde::de::DeserializeOwned, O> Request<Page<T>, O> {
        /// Every page, following `@odata.nextLink`. A page that fails ends
        /// the walk; see [`Pages::with_retry`] to wait out throttling.
        pub fn pages(self, client: &reqwest::Client) -> Pages<T> {
            Pages {
                next: Some(Ok(self.into_page_request())),
                last_request: None,
                client: client.clone(),
                retries: 0,
                fallback: Duration::ZERO,
            }
        }

        /// Every item of every page (`pages(client).all()`).
        pub async fn send_all(self, client: &reqwest::Client) -> Result<Vec<T>, Error> {
            self.pages(client).all().await
        }

        /// One round of a delta query (`pages(client).delta_round()`).
        pub async fn send_delta(self, client: &reqwest::Client) -> Result<DeltaRound<T>, Error> {
            self.pages(client).delta_round().await
        }
    }

    /// What `send_delta` (or `Pages::delta_round`) gathers: one round of a
    /// delta query.
    #[derive(Clone, Debug)]
    pub struct DeltaRound<T> {
        /// The items of every page of the round: what changed since the
        /// round before (everything, on the first round).
        pub items: Vec<T>,
        /// The last page's `@odata.deltaLink`, to keep for a later round
        /// (`Request::new(http::Method::GET, link)`); `None` when the
        /// collection is not a delta query's.
        pub delta_link: Option<String>,
        /// The next round's request: a `GET` of the delta link with the
        /// first request's headers. Set a fresh token with `header()`.
        pub next_round: Option<Request<Page<T>>>,
    }

    /// `next` (a next or delta link) with the headers of `before`: refused
    /// when it leaves `before`'s scheme, host and port, as the headers hold
    /// the token, or when it asks for `before` again, which would never end.
    fn follow<T, U, P>(next: Request<T>, before: &Request<U, P>) -> Result<Request<T>, Error> {
        let (to, from) = (next.url(), before.url());
        let to_origin = origin(&to);
        if to_origin.is_none() || to_origin != origin(&from) {
            return Err(Error::Link(format!("`{to}` leaves the host of `{from}`; not followed")));
        }
        if to == from {
            return Err(Error::Link(format!("the page of `{from}` links to itself")));
        }
        Ok(with_headers_of(next, before))
    }

    /// A URL's scheme, host (lowercased) and port (the scheme's own when
    /// none is written).
    fn origin(url: &str) -> Option<(String, String, u16)> {
        let uri: http::Uri = url.parse().ok()?;
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let port = uri.port_u16().or(match scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            _ => None,
        })?;
        Some((scheme, uri.host()?.to_ascii_lowercase(), port))
    }

    /// `next` with the headers of `before`, less those of its body: the
    /// next page of a collection is asked for as the first page was.
    fn with_headers_of<T, U, P>(mut next: Request<T>, before: &Request<U, P>) -> Request<T> {
        next.headers = before
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
            .cloned()
            .collect();
        next
    }

    /// The pages of a collection, fetched one by one.
    pub struct Pages<T> {
        /// The next page's request, or why the last page's link is not
        /// followed (given after that page).
        next: Option<Result<Request<Page<T>>, Error>>,
        /// The request of the page `next` returned last: its headers go on.
        last_request: Option<Request<Page<T>>>,
        client: reqwest::Client,
        /// How each page is retried when Graph throttles it.
        retries: u32,
        fallback: Duration,
    }

    impl<T: serde::de::DeserializeOwned> Pages<T> {
        /// Asks for each page as [`Request::send_with_retry`] does: on
        /// `429`/`503`/`504`, after `Retry-After` (or `fallback`) and at most
        /// `retries` more times. Graph throttles long walks of large
        /// collections; without this, the first throttled page ends the
        /// walk and `all()` loses the pages before it.
        pub fn with_retry(mut self, retries: u32, fallback: Duration) -> Self {
            self.retries = retries;
            self.fallback = fallback;
            self
        }

        /// Sets a header on the requests of the pages still to come: a
        /// fresh token for a walk that outlives the first one's hour.
        pub fn set_header(&mut self, name: &str, value: &str) {
            if let Some(Ok(next)) = self.next.take() {
                self.next = Some(Ok(next.header(name, value)));
            }
            if let Some(last) = self.last_request.take() {
                self.last_request = Some(last.header(name, value));
            }
        }

        /// The next page, or `None` after the last.
        pub async fn next(&mut self) -> Option<Result<Page<T>, Error>> {
            let request = match self.next.take()? {
                Ok(request) => request,
                Err(e) => return Some(Err(e)),
            };
            let page = request.send_with_retry(&self.client, self.retries, self.fallback).await;
            if let Ok(p) = &page {
                self.next = p.next_request().map(|next| follow(next, &request));
            }
            self.last_request = Some(request);
            Some(page)
        }

        /// Every item of every page.
        pub async fn all(self) -> Result<Vec<T>, Error> {
            self.delta_round().await.map(|round| round.items)
        }

        /// One round of a delta query: every item of every page, and the
        /// last page's `@odata.deltaLink` with the request that asks for
        /// the next round (`all` drops the link).
        pub async fn delta_round(mut self) -> Result<DeltaRound<T>, Error> {
            let mut items = Vec::new();
            let mut last = None;
            while let Some(page) = self.next().await {
                let mut page = page?;
                items.append(&mut page.value);
                last = Some(page);
            }
            let delta_link = last.as_ref().and_then(|page| page.delta_link.clone());
            let next_round = match (last, self.last_request) {
                (Some(page), Some(request)) => page.delta_request().map(|next| follow(next, &request)).transpose()?,
                _ => None,
            };
            Ok(DeltaRound { items, delta_link, next_round })
        }
    }

    impl<T: FromResponse + LongRunning, O> Request<T, O> {
        /// Polls this GET until the operation's status is terminal,
        /// honouring `Retry-After`, and returns the final state; its
        /// `resource_location()` says where the result is. A throttled
        /// poll (`429`/`503`/`504`) is waited out like a running state,
        /// within the timeout; one whose wait would pass it is the error.
        pub async fn poll_until_done(&self, client: &reqwest::Client, options: PollOptions) -> Result<T, Error> {
            let deadline = tokio::time::Instant::now() + options.timeout;
            loop {
                // How long to wait, and the answer when that passes the deadline.
                let (wait, too_late) = match exchange(self, client).await {
                    Ok((state, _)) if state.is_terminal() => return Ok(state),
                    Ok((_, headers)) => (retry_after(&headers).unwrap_or(options.interval), Error::Timeout),
                    Err(e) if e.is_retryable() => (e.retry_after().unwrap_or(options.interval), e),
                    Err(e) => return Err(e),
                };
                if tokio::time::Instant::now() + wait > deadline {
                    return Err(too_late);
                }
                tokio::time::sleep(wait).await;
            }
        }
    }
}
