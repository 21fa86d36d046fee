//! A tiny HTTP server on 127.0.0.1 that answers the docs' example requests
//! with the docs' example responses, and checks what the client sent. The
//! generated crate's tests share it (`tests/common/mod.rs`, copied from
//! `codegen/templates/test_server.rs`).
#![allow(dead_code)]

pub struct Expect {
    pub method: &'static str,
    /// The decoded path, with the version prefix.
    pub path: &'static str,
    /// Decoded query pairs, in any order.
    pub query: &'static [(&'static str, &'static str)],
    pub headers: &'static [(&'static str, &'static str)],
    /// Top-level keys of the JSON body, when the request has one.
    pub body_keys: Option<&'static [&'static str]>,
    /// The whole JSON body, when the request has one: compared with `null`
    /// left out (a model does not write a property that is `None`) and
    /// numbers as floats (a whole number read as a `Double` is written
    /// `5.0`).
    pub body: Option<&'static str>,
    /// The body's bytes, exactly, when the request sends bytes (an upload).
    pub bytes: Option<&'static [u8]>,
}

/// `value` with `null` left out of objects and numbers as floats: what a
/// body is compared by here, and an example answer in `tests/examples.rs`.
pub fn normal(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Number(n) => n.as_f64().map_or(serde_json::Value::Number(n), |f| f.into()),
        serde_json::Value::Array(items) => items.into_iter().map(normal).collect(),
        serde_json::Value::Object(object) => object.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, normal(v))).collect(),
        other => other,
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: &'static [u8],
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Serves `exchanges` in order and returns the base URL and a handle that
/// yields every mismatch it saw.
pub fn serve(exchanges: Vec<(Expect, Reply)>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a free port on 127.0.0.1");
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(0);
    let base = format!("http://127.0.0.1:{port}");
    let url = base.clone();
    let handle = std::thread::spawn(move || {
        let mut failures = Vec::new();
        for (expect, reply) in exchanges {
            let mut request = match server.recv_timeout(std::time::Duration::from_secs(20)) {
                Ok(Some(r)) => r,
                _ => {
                    failures.push(format!("no request for {} {}", expect.method, expect.path));
                    break;
                }
            };
            if request.method().as_str() != expect.method {
                failures.push(format!("method {} instead of {}", request.method(), expect.method));
            }
            let url = request.url().to_string();
            let (path, query) = url.split_once('?').unwrap_or((&url, ""));
            // Graph compares paths case-insensitively; so do the docs' examples.
            if !decode(path).eq_ignore_ascii_case(expect.path) {
                failures.push(format!("path {} instead of {}", decode(path), expect.path));
            }
            let mut got: Vec<(String, String)> = query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (decode(k), decode(v))
                })
                .collect();
            let mut want: Vec<(String, String)> = expect.query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!("query {got:?} instead of {want:?}"));
            }
            for (name, value) in expect.headers {
                let found = request
                    .headers()
                    .iter()
                    .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                    .map(|h| h.value.as_str().to_string());
                if found.as_deref() != Some(*value) {
                    failures.push(format!("header {name}: {found:?} instead of {value:?}"));
                }
            }
            let mut raw = Vec::new();
            let _ = std::io::Read::read_to_end(request.as_reader(), &mut raw);
            if let Some(want) = expect.bytes {
                if raw != want {
                    failures.push(format!("body of {} bytes instead of the {} documented", raw.len(), want.len()));
                }
            }
            let body = String::from_utf8_lossy(&raw).into_owned();
            if let Some(keys) = expect.body_keys {
                match serde_json::from_str::<serde_json::Value>(&body) {
                    Ok(serde_json::Value::Object(map)) => {
                        let mut got: Vec<&str> = map.iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| k.as_str()).collect();
                        let mut want: Vec<&str> = keys.to_vec();
                        got.sort_unstable();
                        want.sort_unstable();
                        if got != want {
                            failures.push(format!("body keys {got:?} instead of {want:?}"));
                        }
                    }
                    _ => failures.push(format!("body is not a JSON object: {body:?}")),
                }
            }
            if let Some(want) = expect.body {
                match (serde_json::from_str::<serde_json::Value>(&body), serde_json::from_str::<serde_json::Value>(want)) {
                    (Ok(got), Ok(want)) => {
                        if normal(got.clone()) != normal(want.clone()) {
                            failures.push(format!("body {got} instead of {want}"));
                        }
                    }
                    (Err(_), _) => failures.push(format!("body is not JSON: {body:?}")),
                    (_, Err(e)) => failures.push(format!("the expected body is not JSON: {e}")),
                }
            }
            // A reply can name the server itself (a next link): `{{server}}`.
            let body = match std::str::from_utf8(reply.body) {
                Ok(text) if text.contains("{{server}}") => text.replace("{{server}}", &base).into_bytes(),
                _ => reply.body.to_vec(),
            };
            let mut response = tiny_http::Response::from_data(body).with_status_code(reply.status);
            for (name, value) in reply.headers {
                if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                    response = response.with_header(h);
                }
            }
            let _ = request.respond(response);
        }
        failures
    });
    (url, handle)
}
