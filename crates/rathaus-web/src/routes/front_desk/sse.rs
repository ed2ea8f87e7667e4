//! Server-sent events from a queue feed: the current state at once (so a reconnecting
//! client catches up), then one `state` message per new snapshot, with the snapshot
//! version as the event id and a keep-alive comment that keeps proxies from closing an
//! idle stream. The JSON of a message is formatted once per snapshot and key
//! ([`Live::message`]) and shared by every subscriber of the place.

use crate::live::Live;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Streams `format(snapshot)` for every snapshot; `None` skips one (nothing to say).
pub fn stream<F>(rx: watch::Receiver<Arc<Live>>, format: F) -> Response
where
    F: Fn(&Live) -> Option<Arc<str>> + Send + 'static,
{
    let events = futures_util::stream::unfold((rx, format, true), |(mut rx, format, first)| async move {
        loop {
            if !first && rx.changed().await.is_err() {
                return None;
            }
            let live = rx.borrow_and_update().clone();
            if let Some(data) = format(&live) {
                let event = Event::default().event("state").id(live.version.to_string()).data(&*data);
                return Some((Ok::<_, std::convert::Infallible>(event), (rx, format, false)));
            }
            if first {
                // Nothing to send for the first snapshot: wait for the next one.
                return Some((Ok(Event::default().comment("ready")), (rx, format, false)));
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}
