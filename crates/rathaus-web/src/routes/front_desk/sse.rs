//! Server-sent events from a queue feed: the current state at once (so a reconnecting
//! client catches up), then one `state` message per new snapshot, with the snapshot
//! version as the event id, and a keep-alive comment every 15 s that keeps proxies from
//! closing an idle stream.
//!
//! Messages are whole SSE frames formatted once per snapshot and key (see
//! [`Live::message`]), so thousands of subscribers of one place share the bytes: each
//! subscriber only clones a reference-counted buffer and writes it to its socket.

use crate::live::Live;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A `state` frame with the snapshot's version as id; `data` is one line of JSON.
pub fn frame(version: u64, data: &str) -> Bytes {
    Bytes::from(format!("event: state\nid: {version}\ndata: {data}\n\n"))
}

/// Streams `format(snapshot)` for every snapshot; `None` skips one (nothing to say).
pub fn stream<F>(rx: watch::Receiver<Arc<Live>>, format: F) -> Response
where
    F: Fn(&Live) -> Option<Bytes> + Send + 'static,
{
    let frames = futures_util::stream::unfold((rx, format, true), |(mut rx, format, first)| async move {
        if !first {
            match tokio::time::timeout(KEEP_ALIVE, rx.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return None,
                Err(_) => {
                    return Some((
                        Ok::<_, std::convert::Infallible>(Bytes::from_static(b": keep-alive\n\n")),
                        (rx, format, false),
                    ));
                }
            }
        }
        let live = rx.borrow_and_update().clone();
        let out = format(&live).unwrap_or_else(|| Bytes::from_static(b": waiting\n\n"));
        Some((Ok(out), (rx, format, false)))
    });
    let mut res = Body::from_stream(frames).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Nginx and similar proxies must pass every message on at once.
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    res
}
