//! Large files in pieces: after `createUploadSession` (a drive item, an
//! Outlook attachment) Graph gives an `uploadUrl`, and the file goes there
//! as `PUT`s of byte ranges. Graph answers each piece with the ranges it
//! still expects, and the last with the finished item. [`ChunkedUpload`]
//! builds those requests and reads those answers, for any client; with the
//! `reqwest` feature, `send` uploads a whole file, resuming where Graph
//! says, and `resume` goes on with an upload that stopped.
//!
//! With a builder's `create_upload_session()` and the `reqwest` feature:
//! `ChunkedUpload::new(&session.upload_url.unwrap(), size, piece)`, then
//! `let item: DriveItem = upload.send(&client, &file).await?`. The pieces,
//! for any client (this example runs in every generated crate):
//!
//! ```
//! use graph_generated::upload::{ChunkedUpload, CHUNK_MULTIPLE};
//! # fn main() -> Result<(), graph_generated::request::Error> {
//! let file = vec![0u8; 1_000_000];
//! // The session's `uploadUrl`, which carries its own authorisation.
//! let url = "https://contoso.sharepoint.com/upload?tempauth=x";
//! let upload = ChunkedUpload::new(url, file.len() as u64, 2 * CHUNK_MULTIPLE);
//! let first = upload.request::<serde_json::Value>(&file, 0)?;
//! assert_eq!(first.build()?.headers()["content-range"], "bytes 0-655359/1000000");
//!
//! // Graph answers a piece with the ranges it still expects.
//! let answer = http::Response::builder()
//!     .status(202)
//!     .body(br#"{"nextExpectedRanges": ["655360-"]}"#.to_vec())
//!     .unwrap();
//! assert_eq!(first.parse(&answer)?.next_start(), Some(655_360));
//! # Ok(())
//! # }
//! ```
//!
//! Copied into every generated crate from `codegen/templates/upload.rs`.

use crate::request::{Error, FromResponse, JsonBody, Request};

/// OneDrive takes pieces in multiples of 320 KiB (except the last).
pub const CHUNK_MULTIPLE: u64 = 320 * 1024;

/// One file's upload to an upload session.
#[derive(Clone, Debug)]
pub struct ChunkedUpload {
    url: String,
    total: u64,
    chunk: u64,
}

/// Graph's answer to one piece.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadProgress<T> {
    /// `202 Accepted`: more is expected, from the first range's start
    /// (`"26214400-"`, or `"0-99"` when a piece went missing).
    Expecting { next_expected_ranges: Vec<String> },
    /// The last piece arrived: the finished item (a drive item), or what
    /// `T` reads of the answer (`Accepted` for an attachment's `Location`).
    Done(T),
}

#[derive(serde::Deserialize)]
struct Expecting {
    #[serde(rename = "nextExpectedRanges", default)]
    next_expected_ranges: Vec<String>,
}

impl<T: FromResponse> FromResponse for UploadProgress<T> {
    fn from_response(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Result<Self, Error> {
        if status == http::StatusCode::ACCEPTED {
            let expecting: Expecting = serde_json::from_slice(body).map_err(Error::Json)?;
            return Ok(UploadProgress::Expecting { next_expected_ranges: expecting.next_expected_ranges });
        }
        T::from_response(status, headers, body).map(UploadProgress::Done)
    }
}

impl<T> UploadProgress<T> {
    /// Where the next piece starts: the start of the first expected range.
    pub fn next_start(&self) -> Option<u64> {
        match self {
            UploadProgress::Expecting { next_expected_ranges } => first_start(next_expected_ranges),
            UploadProgress::Done(_) => None,
        }
    }
}

/// The start of the first of Graph's ranges (`"26214400-"`, `"0-99"`).
fn first_start(ranges: &[String]) -> Option<u64> {
    ranges.first()?.split('-').next()?.trim().parse().ok()
}

/// What a `GET` of the upload URL answers: the ranges Graph still
/// expects, where an upload resumes after a piece was lost.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct UploadStatus {
    #[serde(rename = "nextExpectedRanges", default)]
    pub next_expected_ranges: Vec<String>,
}

impl JsonBody for UploadStatus {}

impl UploadStatus {
    /// Where the next piece starts.
    pub fn next_start(&self) -> Option<u64> {
        first_start(&self.next_expected_ranges)
    }
}

impl ChunkedUpload {
    /// An upload of `total` bytes to `upload_url`, in pieces of about
    /// `chunk_size` bytes: rounded down to a multiple of
    /// [`CHUNK_MULTIPLE`], and at least one.
    pub fn new(upload_url: &str, total: u64, chunk_size: u64) -> Self {
        let chunk = (chunk_size / CHUNK_MULTIPLE).max(1) * CHUNK_MULTIPLE;
        ChunkedUpload { url: upload_url.to_string(), total, chunk }
    }

    /// The size of each piece but the last.
    pub fn chunk_size(&self) -> u64 {
        self.chunk
    }

    /// The byte range `start..end` of the piece that starts at `start`.
    pub fn piece(&self, start: u64) -> std::ops::Range<u64> {
        start..(start.saturating_add(self.chunk)).min(self.total)
    }

    /// The `PUT` of the piece of `file` that starts at `start`, with its
    /// `Content-Range`. The upload URL carries its own authorisation:
    /// Graph wants no token there, so none is set.
    pub fn request<T>(&self, file: &[u8], start: u64) -> Result<Request<UploadProgress<T>>, Error> {
        if file.len() as u64 != self.total {
            return Err(Error::Body(format!("the file has {} bytes, the upload {}", file.len(), self.total)));
        }
        let range = self.piece(start);
        if range.is_empty() {
            return Err(Error::Body(format!("no piece starts at byte {start} of {}", self.total)));
        }
        let bytes = file[range.start as usize..range.end as usize].to_vec();
        let content_range = format!("bytes {}-{}/{}", range.start, range.end - 1, self.total);
        Ok(Request::new(http::Method::PUT, self.url.clone())
            .bytes_body("application/octet-stream", bytes)
            .header("Content-Range", &content_range))
    }

    /// The `GET` of the upload URL, which says what Graph still expects:
    /// where to resume after a piece was lost.
    pub fn status_request(&self) -> Request<UploadStatus> {
        Request::new(http::Method::GET, self.url.clone())
    }

    /// Uploads `file` piece by piece, each from where Graph says it
    /// expects the next, and returns the finished item. A piece lost on
    /// the way (the connection dropped, Graph answered `5xx` or `429`) is
    /// not the end: after any `Retry-After`, the upload asks Graph where
    /// to resume (`status_request`, itself asked again while Graph is
    /// busy) and goes on from there. Use a client without a default
    /// `Authorization` header: the upload URL carries its own
    /// authorisation, and Graph may refuse a token there.
    #[cfg(feature = "reqwest")]
    pub async fn send<T: FromResponse>(&self, client: &reqwest::Client, file: &[u8]) -> Result<T, Error> {
        self.upload(client, file, false).await
    }

    /// Goes on with an upload that stopped (this process ended, or
    /// `send` returned an error): asks Graph which bytes it still
    /// expects, then uploads them as `send` does. The session must not
    /// have expired (`expirationDateTime`).
    #[cfg(feature = "reqwest")]
    pub async fn resume<T: FromResponse>(&self, client: &reqwest::Client, file: &[u8]) -> Result<T, Error> {
        self.upload(client, file, true).await
    }

    #[cfg(feature = "reqwest")]
    async fn upload<T: FromResponse>(&self, client: &reqwest::Client, file: &[u8], mut ask_first: bool) -> Result<T, Error> {
        let mut start = 0;
        // Every piece once, and as many again resent or asked about: a
        // session that keeps asking for the same bytes, or stays busy,
        // ends in an error, not a loop.
        let most = 2 * (self.total / self.chunk + 2);
        // Transient failures in a row, for the wait when Graph names none.
        let mut failures = 0;
        for _ in 0..most {
            if ask_first {
                match self.status_request().send(client).await {
                    Ok(status) => {
                        start = status.next_start().unwrap_or(start);
                        ask_first = false;
                    }
                    Err(e) if is_transient(&e) => {
                        wait_out(e, &mut failures).await?;
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            let progress = match self.request::<T>(file, start)?.send(client).await {
                Ok(progress) => progress,
                Err(e) if is_transient(&e) => {
                    wait_out(e, &mut failures).await?;
                    ask_first = true;
                    continue;
                }
                Err(e) => return Err(e),
            };
            failures = 0;
            match progress {
                UploadProgress::Done(item) => return Ok(item),
                expecting => {
                    let next = expecting.next_start().unwrap_or(self.piece(start).end);
                    if next >= self.total {
                        return Err(Error::Body(format!("Graph still expects bytes from {next} of {}", self.total)));
                    }
                    start = next;
                }
            }
        }
        Err(Error::Body(format!("the upload did not finish in {most} requests")))
    }
}

/// Counts one more transient failure in a row and waits as it says: its
/// `Retry-After`, given back when longer than
/// [`crate::request::MAX_RETRY_WAIT`]; without one, at once the first
/// time (a dropped connection), then 0.5 s, 1 s, 2 s and so on up to 30 s,
/// so that a session that stays busy is not asked again and again.
#[cfg(feature = "reqwest")]
async fn wait_out(e: Error, failures: &mut u32) -> Result<(), Error> {
    *failures += 1;
    let wait = match e.retry_after() {
        Some(wait) if wait > crate::request::MAX_RETRY_WAIT => return Err(e),
        Some(wait) => wait,
        None if *failures <= 1 => return Ok(()),
        None => std::time::Duration::from_millis(500)
            .saturating_mul(1 << (*failures - 2).min(6))
            .min(std::time::Duration::from_secs(30)),
    };
    tokio::time::sleep(wait).await;
    Ok(())
}

/// A failure that a later try may not meet: a dropped connection, Graph
/// busy (`5xx`) or throttling (`429`).
#[cfg(feature = "reqwest")]
fn is_transient(e: &Error) -> bool {
    match e {
        Error::Transport(_) => true,
        Error::Graph { status, .. } => status.is_server_error() || status.as_u16() == 429,
        _ => false,
    }
}
