//! Server-sent events from a queue feed: the current state at once (so a reconnecting
//! client catches up), then one `state` message per new snapshot, with the snapshot
//! version as the event id and a keep-alive comment that keeps proxies from closing an
//! idle stream.

use crate::live::Live;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Streams `format(snapshot)` for every snapshot; `None` skips one (nothing to say).
pub fn stream<F>(rx: watch::Receiver<Arc<Live>>, format: F) -> Sse<impl Stream<Item = Result<Event, Infallible>>>
where
    F: Fn(&Live) -> Option<String> + Send + 'static,
{
    let events = futures_util::stream::unfold((rx, format, true), |(mut rx, format, first)| async move {
        loop {
            if !first && rx.changed().await.is_err() {
                return None;
            }
            let live = rx.borrow_and_update().clone();
            if let Some(data) = format(&live) {
                let event = Event::default().event("state").id(live.version.to_string()).data(data);
                return Some((Ok(event), (rx, format, false)));
            }
            if first {
                // Nothing to send for the first snapshot: wait for the next one.
                return Some((Ok(Event::default().comment("ready")), (rx, format, false)));
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
