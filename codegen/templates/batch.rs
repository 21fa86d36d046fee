//! JSON batching: up to twenty requests in one `POST /$batch`, each
//! answered on its own. A [`Batch`] takes typed requests and gives back a
//! [`Handle`] per request; the batch's answer, a [`BatchResponse`], hands
//! each handle its typed result or its own Graph error. [`Batches`] takes
//! any number, as as many batches as they need. Client-agnostic
//! like `request`: the batch is itself a `Request<BatchResponse>`, built
//! and parsed like any other (`send` with the `reqwest` feature).
//!
//! Any request goes in: a builder's (`v1::requests::root().me().get()`,
//! whose answer reads as a `User`), or one made by hand, as here, so that
//! this example runs in every generated crate. With the `reqwest` feature,
//! `batch.request().send(&client).await?` sends it; any other client
//! sends what `build()` gives and parses the answer:
//!
//! ```
//! use graph_generated::batch::{Batch, BatchResponse};
//! use graph_generated::request::Request;
//! # fn main() -> Result<(), graph_generated::request::Error> {
//! let root = "https://graph.microsoft.com/v1.0";
//! let mut batch = Batch::new(root);
//! let me = batch.add(&Request::<serde_json::Value>::new(http::Method::GET, format!("{root}/me")))?;
//! let sent = batch.request().build()?;
//! assert_eq!(sent.uri(), "https://graph.microsoft.com/v1.0/$batch");
//!
//! // Graph answers each request by its id, in any order.
//! let answer = serde_json::json!({"responses": [
//!     {"id": me.id(), "status": 200, "body": {"displayName": "Adele Vance"}},
//! ]});
//! let response = http::Response::new(serde_json::to_vec(&answer).unwrap());
//! let answers: BatchResponse = batch.request().parse(&response)?;
//! assert_eq!(answers.get(&me)?["displayName"], "Adele Vance");
//! # Ok(())
//! # }
//! ```
//!
//! Copied into every generated crate from `codegen/templates/batch.rs`.

use crate::request::{parse_response, Error, FromResponse, Request};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// How many requests Graph takes in one batch.
pub const MAX_REQUESTS: usize = 20;

/// Requests to send as one `POST {root}/$batch`.
#[derive(Clone, Debug)]
pub struct Batch {
    root: String,
    requests: Vec<serde_json::Value>,
}

/// One request of a batch, typed by what its answer holds.
pub struct Handle<T> {
    id: String,
    marker: PhantomData<fn() -> T>,
}

impl<T> Handle<T> {
    /// The request's `id` in the batch: what `add_after` names.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Self {
        Handle { id: self.id.clone(), marker: PhantomData }
    }
}

impl<T> std::fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Handle").field(&self.id).finish()
    }
}

impl Batch {
    /// An empty batch for the API version whose service root is `root`
    /// (`v1::BASE_URL`, or the URL given to `root_at`). Every request
    /// added must be below it: the batch names them relative to it.
    pub fn new(root: &str) -> Self {
        Batch { root: root.trim_end_matches('/').to_string(), requests: Vec::new() }
    }

    /// Adds a request. Fails when the batch is full or the request is not
    /// below the batch's root. A JSON body goes in as JSON; any other
    /// (a file's bytes, an image) as base64 text beside its `Content-Type`,
    /// which is how Graph takes a body JSON cannot hold.
    pub fn add<T: FromResponse, O>(&mut self, request: &Request<T, O>) -> Result<Handle<T>, Error> {
        self.add_after(request, std::iter::empty())
    }

    /// Adds a request that Graph runs only after the requests `after`
    /// name (`dependsOn`, by their handles' `id()`), and only if they
    /// succeed.
    pub fn add_after<'a, T: FromResponse, O>(
        &mut self,
        request: &Request<T, O>,
        after: impl IntoIterator<Item = &'a str>,
    ) -> Result<Handle<T>, Error> {
        if self.requests.len() >= MAX_REQUESTS {
            return Err(Error::Batch(format!("a batch holds at most {MAX_REQUESTS} requests")));
        }
        let id = (self.requests.len() + 1).to_string();
        self.requests.push(entry(&self.root, request, &id, after)?);
        Ok(Handle { id, marker: PhantomData })
    }

    /// How many requests the batch holds.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// The `POST {root}/$batch` that carries the requests.
    pub fn request(&self) -> Request<BatchResponse> {
        post_batch(&self.root, &self.requests)
    }
}

/// Any number of requests, sent as as many batches as they need. Ids are
/// numbered across the batches, so one [`BatchResponse`] answers them all
/// and a handle reads its answer from it whichever batch carried it. A
/// request and the requests it depends on go in one batch (`dependsOn`
/// cannot reach into another); a chain longer than a batch is refused.
/// Requests that depend on nothing fill the batches in the order added.
///
/// ```
/// use graph_generated::batch::{Batches, MAX_REQUESTS};
/// use graph_generated::request::Request;
/// # fn main() -> Result<(), graph_generated::request::Error> {
/// let root = "https://graph.microsoft.com/v1.0";
/// let mut batches = Batches::new(root);
/// for n in 0..MAX_REQUESTS + 5 {
///     batches.add(&Request::<serde_json::Value>::new(http::Method::GET, format!("{root}/users/{n}")))?;
/// }
/// assert_eq!((batches.len(), batches.requests().len()), (25, 2));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Batches {
    root: String,
    /// Every request, as a batch names it, in the order added: request
    /// `i` has the id `i + 1`.
    entries: Vec<serde_json::Value>,
    /// The request each one was chained to (itself when none): the
    /// requests that must share a batch lead to one request, their chain's
    /// latest.
    chained_to: Vec<usize>,
    /// How many requests each chain holds, at its latest request.
    chain_len: Vec<usize>,
}

impl Batches {
    /// No requests yet, for the API version whose service root is `root`
    /// (see [`Batch::new`]).
    pub fn new(root: &str) -> Self {
        Batches { root: root.trim_end_matches('/').to_string(), entries: Vec::new(), chained_to: Vec::new(), chain_len: Vec::new() }
    }

    /// Adds a request. Fails when it is not below the root.
    pub fn add<T: FromResponse, O>(&mut self, request: &Request<T, O>) -> Result<Handle<T>, Error> {
        self.add_after(request, std::iter::empty())
    }

    /// Adds a request that Graph runs only after the requests `after`
    /// name (their handles' `id()`), and only if they succeed. It goes in
    /// their batch. Fails when an id is not one of these requests', or when
    /// the chain would not fit in one batch.
    pub fn add_after<'a, T: FromResponse, O>(
        &mut self,
        request: &Request<T, O>,
        after: impl IntoIterator<Item = &'a str>,
    ) -> Result<Handle<T>, Error> {
        let after: Vec<&str> = after.into_iter().collect();
        let mut indices = Vec::new();
        for id in &after {
            let index = id
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .filter(|&i| i < self.entries.len())
                .ok_or_else(|| Error::Batch(format!("no request of these batches has the id {id}")))?;
            indices.push(index);
        }
        let chains = self.chains_of(&indices);
        let joined = self.joined_len(&chains);
        if joined > MAX_REQUESTS {
            return Err(Error::Batch(format!(
                "the requests this one depends on, with theirs, would be {joined} in one batch, which holds at most {MAX_REQUESTS}"
            )));
        }
        let id = (self.entries.len() + 1).to_string();
        let entry = entry(&self.root, request, &id, after)?;
        self.push(entry, chains);
        Ok(Handle { id, marker: PhantomData })
    }

    /// The chains the requests at `indices` are in, each once.
    fn chains_of(&self, indices: &[usize]) -> Vec<usize> {
        let mut chains = Vec::new();
        for &index in indices {
            let chain = self.chain_of(index);
            if !chains.contains(&chain) {
                chains.push(chain);
            }
        }
        chains
    }

    /// How many requests a request joining `chains` makes them, with it.
    fn joined_len(&self, chains: &[usize]) -> usize {
        1 + chains.iter().map(|&chain| self.chain_len[chain]).sum::<usize>()
    }

    /// Adds `entry`, depending on requests of `chains` (as `chains_of`
    /// gives them): those chains and it become one chain, which it leads.
    fn push(&mut self, entry: serde_json::Value, chains: Vec<usize>) {
        let index = self.entries.len();
        let joined = self.joined_len(&chains);
        self.entries.push(entry);
        self.chained_to.push(index);
        self.chain_len.push(joined);
        for chain in chains {
            self.chained_to[chain] = index;
        }
    }

    /// The latest request of the chain request `index` belongs to (a
    /// chain is at most a batch long, so the walk is short).
    fn chain_of(&self, mut index: usize) -> usize {
        while self.chained_to[index] != index {
            index = self.chained_to[index];
        }
        index
    }

    /// How many requests there are, in all the batches.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One `POST {root}/$batch` per batch, to send in this order. Chains
    /// go in the order of their first requests, each whole into the last
    /// batch when it fits there, else into a new one.
    pub fn requests(&self) -> Vec<Request<BatchResponse>> {
        let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.entries.len() {
            chains.entry(self.chain_of(i)).or_default().push(i);
        }
        let mut firsts: Vec<&Vec<usize>> = chains.values().collect();
        firsts.sort_by_key(|members| members[0]);
        let mut batches: Vec<Vec<usize>> = Vec::new();
        for members in firsts {
            match batches.last_mut() {
                Some(batch) if batch.len() + members.len() <= MAX_REQUESTS => batch.extend(members),
                _ => batches.push(members.clone()),
            }
        }
        batches
            .into_iter()
            .map(|mut batch| {
                // In the order added, within the batch too.
                batch.sort_unstable();
                let requests: Vec<&serde_json::Value> = batch.iter().map(|&i| &self.entries[i]).collect();
                post_batch(&self.root, &requests)
            })
            .collect()
    }
}

#[cfg(feature = "reqwest")]
impl Batches {
    /// Sends the batches one after another, and gathers their answers.
    /// Stops at the first batch that fails as a whole (one request's own
    /// error is in the answers, not here).
    pub async fn send(&self, client: &reqwest::Client) -> Result<BatchResponse, Error> {
        let mut answers = BatchResponse::default();
        for request in self.requests() {
            answers.extend([request.send(client).await?]);
        }
        Ok(answers)
    }

    /// [`send`](Self::send), then the requests Graph answered `429`, `503`
    /// or `504` go again (Graph throttles each request of a batch on its
    /// own), with the requests that depend on them, which it answered
    /// `424 Failed Dependency`: after the longest `Retry-After` among them
    /// (or `fallback`), at most `retries` more times. Each answer replaces
    /// the one before. An answer whose `Retry-After` is longer than
    /// [`MAX_RETRY_WAIT`](crate::request::MAX_RETRY_WAIT) stands, as
    /// `send_with_retry` leaves such an error; a batch that fails as a
    /// whole is the error.
    pub async fn send_with_retry(
        &self,
        client: &reqwest::Client,
        retries: u32,
        fallback: std::time::Duration,
    ) -> Result<BatchResponse, Error> {
        let mut answers = self.send(client).await?;
        for _ in 0..retries {
            let Some((again, wait)) = self.to_retry(&answers, fallback) else {
                break;
            };
            tokio::time::sleep(wait).await;
            answers.extend([again.send(client).await?]);
        }
        Ok(answers)
    }
}

#[cfg(feature = "reqwest")]
impl Batches {
    /// The requests to send again after `answers` (see `send_with_retry`),
    /// as batches of their own under the same ids, and how long to wait
    /// first; `None` when there are none.
    fn to_retry(&self, answers: &BatchResponse, fallback: std::time::Duration) -> Option<(Batches, std::time::Duration)> {
        let mut again: Vec<usize> = Vec::new();
        let mut wait = std::time::Duration::ZERO;
        for (index, entry) in self.entries.iter().enumerate() {
            // Each answer read as `get` reads it: the statuses and the
            // `Retry-After` are those `send_with_retry` waits out.
            let Ok(response) = answers.response(&(index + 1).to_string()) else {
                continue;
            };
            let retry = match parse_response::<crate::request::NoContent, _>(&response) {
                Err(e) if e.is_retryable() => match e.retry_after() {
                    Some(asked) if asked > crate::request::MAX_RETRY_WAIT => false,
                    asked => {
                        wait = wait.max(asked.unwrap_or(fallback));
                        true
                    }
                },
                Err(Error::Graph { status, .. }) if status == http::StatusCode::FAILED_DEPENDENCY => {
                    depends_on(entry).iter().any(|id| again.contains(&(id - 1)))
                }
                _ => false,
            };
            if retry {
                again.push(index);
            }
        }
        if again.is_empty() {
            return None;
        }
        // The same entries, each depending only on what goes again with it
        // (what it depended on otherwise has succeeded).
        let mut retried = Batches::new(&self.root);
        let mut index_of: BTreeMap<usize, usize> = BTreeMap::new();
        for &index in &again {
            let mut entry = self.entries[index].clone();
            let kept: Vec<usize> = depends_on(&entry).into_iter().filter(|id| index_of.contains_key(&(id - 1))).collect();
            if let Some(fields) = entry.as_object_mut() {
                if kept.is_empty() {
                    fields.remove("dependsOn");
                } else {
                    fields.insert("dependsOn".into(), kept.iter().map(|id| id.to_string()).collect::<Vec<_>>().into());
                }
            }
            let indices: Vec<usize> = kept.iter().map(|id| index_of[&(id - 1)]).collect();
            index_of.insert(index, retried.entries.len());
            let chains = retried.chains_of(&indices);
            retried.push(entry, chains);
        }
        Some((retried, wait))
    }
}

/// The ids (numbers) an entry depends on.
#[cfg(feature = "reqwest")]
fn depends_on(entry: &serde_json::Value) -> Vec<usize> {
    entry
        .get("dependsOn")
        .and_then(|v| v.as_array())
        .map(|ids| ids.iter().filter_map(|id| id.as_str()?.parse().ok()).filter(|&id| id > 0).collect())
        .unwrap_or_default()
}

/// The `POST {root}/$batch` that carries `requests` (entries as
/// [`entry`] makes them).
fn post_batch<R: serde::Serialize>(root: &str, requests: &[R]) -> Request<BatchResponse> {
    let body = serde_json::json!({ "requests": requests });
    Request::new(http::Method::POST, format!("{root}/$batch")).json_body(&body)
}

/// One request as a batch names it: its `id`, method, URL relative to
/// `root`, headers, body and `dependsOn`.
fn entry<'a, T, O>(
    root: &str,
    request: &Request<T, O>,
    id: &str,
    after: impl IntoIterator<Item = &'a str>,
) -> Result<serde_json::Value, Error> {
    let built = request.build()?;
    let uri = built.uri().to_string();
    let url = uri
        .strip_prefix(root)
        .filter(|rest| rest.starts_with('/'))
        .ok_or_else(|| Error::Batch(format!("{uri} is not below the batch's root {root}")))?;
    let mut entry = serde_json::Map::new();
    entry.insert("id".into(), id.into());
    entry.insert("method".into(), built.method().as_str().into());
    entry.insert("url".into(), url.into());
    let headers: serde_json::Map<String, serde_json::Value> = built
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.into())))
        .collect();
    if !built.body().is_empty() {
        let json = built
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json);
        let body: serde_json::Value = if json {
            serde_json::from_slice(built.body()).map_err(|e| Error::Body(e.to_string()))?
        } else {
            base64_encode(built.body()).into()
        };
        entry.insert("body".into(), body);
    }
    if !headers.is_empty() {
        entry.insert("headers".into(), headers.into());
    }
    let after: Vec<serde_json::Value> = after.into_iter().map(|id| id.into()).collect();
    if !after.is_empty() {
        entry.insert("dependsOn".into(), after.into());
    }
    Ok(entry.into())
}

/// The answers of a batch, by request. Graph answers in any order; each
/// answer has its own status, headers and body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchResponse {
    answers: BTreeMap<String, Answer>,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
struct Answer {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct Answers {
    #[serde(default)]
    responses: Vec<Answer>,
}

impl FromResponse for BatchResponse {
    fn from_response(_: http::StatusCode, _: &http::HeaderMap, body: &[u8]) -> Result<Self, Error> {
        let answers: Answers = serde_json::from_slice(body).map_err(Error::Json)?;
        Ok(BatchResponse { answers: answers.responses.into_iter().map(|a| (a.id.clone(), a)).collect() })
    }
}

impl Extend<BatchResponse> for BatchResponse {
    /// Gathers the answers of other batches (of one [`Batches`], whose ids
    /// do not repeat): a later answer to an id replaces an earlier one.
    fn extend<I: IntoIterator<Item = BatchResponse>>(&mut self, others: I) {
        for other in others {
            self.answers.extend(other.answers);
        }
    }
}

impl FromIterator<BatchResponse> for BatchResponse {
    fn from_iter<I: IntoIterator<Item = BatchResponse>>(answers: I) -> Self {
        let mut all = BatchResponse::default();
        all.extend(answers);
        all
    }
}

impl BatchResponse {
    /// The answer to one request of the batch, typed, or that request's
    /// own error (`Error::Graph`, with its status and `Retry-After`). Graph
    /// sends a binary answer (a photo's `$value`, a file's `content`) in a
    /// batch as base64 text: an answer whose `Content-Type` is neither JSON
    /// nor text and whose body is such text reads as the bytes it encodes.
    pub fn get<T: FromResponse>(&self, handle: &Handle<T>) -> Result<T, Error> {
        parse_response(&self.response(&handle.id)?)
    }

    /// The answer to request `id` as the HTTP response it stands for.
    fn response(&self, id: &str) -> Result<http::Response<Vec<u8>>, Error> {
        let answer = self
            .answers
            .get(id)
            .ok_or_else(|| Error::Batch(format!("the batch has no answer to request {id}")))?;
        let body = match &answer.body {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(serde_json::Value::String(text)) => match answer.content_type() {
                Some(binary) if !is_json_or_text(binary) => {
                    base64_decode(text).unwrap_or_else(|| text.clone().into_bytes())
                }
                _ => text.clone().into_bytes(),
            },
            Some(json) => serde_json::to_vec(json).map_err(Error::Json)?,
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = http::StatusCode::from_u16(answer.status)
            .map_err(|_| Error::Batch(format!("request {id} was answered with status {}", answer.status)))?;
        for (name, value) in &answer.headers {
            if let (Ok(name), Ok(value)) = (http::HeaderName::try_from(name.as_str()), http::HeaderValue::try_from(value.as_str())) {
                response.headers_mut().append(name, value);
            }
        }
        Ok(response)
    }

    /// The status of one request's answer, if the batch has it: a request
    /// whose `dependsOn` failed is answered `424 Failed Dependency`.
    pub fn status<T>(&self, handle: &Handle<T>) -> Option<http::StatusCode> {
        self.answers.get(&handle.id).and_then(|a| http::StatusCode::from_u16(a.status).ok())
    }
}

impl Answer {
    fn content_type(&self) -> Option<&str> {
        self.headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.as_str())
    }
}

/// A `Content-Type`'s media type, lowercased, without its parameters.
fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Whether a body of this `Content-Type` is JSON: a batch carries it as
/// JSON, and anything else as base64 text.
fn is_json(content_type: &str) -> bool {
    let media = media_type(content_type);
    media == "application/json" || media.ends_with("+json")
}

fn is_json_or_text(content_type: &str) -> bool {
    is_json(content_type) || media_type(content_type).starts_with("text/")
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 with padding (RFC 4648, section 4), as the Graph SDKs send a
/// body that is not JSON.
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of base64 text, with or without padding, in either alphabet
/// (`+/` or the URL-safe `-_`); `None` when it is not base64.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.trim_end_matches('=').as_bytes();
    if digits.len() % 4 == 1 || text.len() - digits.len() > 2 {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    for chunk in digits.chunks(4) {
        let mut n = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}
