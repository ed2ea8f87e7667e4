//! `/anzeige`: the call display of a place (an enrolled display device), full screen on a
//! TV: the current calls large ("A-017 → Schalter 4"), the last calls, how many wait and
//! roughly how long. Live over SSE (`/anzeige/live`); the script plays a gong and, if
//! enabled, speaks each new call in German and English. It shows ticket numbers only.

use super::device::DeviceAuth;
use crate::live::{Live, MessageKey};
use crate::{
    AppState,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{extract::State, response::Response};
use rathaus_db::TenantId;
use rathaus_db::front_desk::devices::DeviceKind;
use rathaus_db::front_desk::tickets::TicketStatus;
use rathaus_domain::Language;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Call {
    /// The call-log id: a display plays the gong for ids it has not seen.
    pub id: i64,
    pub label: String,
    pub counter: String,
    /// What the speech synthesis says, per language.
    pub say_de: String,
    pub say_en: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub current: Vec<Call>,
    pub recent: Vec<Call>,
    pub waiting: usize,
    pub wait_text: String,
}

/// How many calls are shown large.
const CURRENT: usize = 4;

fn spoken(label: &str) -> String {
    // "A-017" is read "A 17".
    match label.split_once('-') {
        Some((prefix, number)) => format!("{prefix} {}", number.trim_start_matches('0')),
        None => label.to_owned(),
    }
}

pub fn board(tr: Tr, live: &Live) -> Board {
    let queue = live.queue.as_ref();
    let still_called = |ticket_id: i64| {
        queue.is_some_and(|q| {
            q.active.iter().any(|a| a.ticket.id == ticket_id && a.ticket.status == TicketStatus::Called.code())
        })
    };
    let mut seen = std::collections::HashSet::new();
    let (mut current, mut recent) = (Vec::new(), Vec::new());
    for e in &live.calls {
        if !seen.insert(e.ticket_id) {
            continue;
        }
        let counter = e.counter_name.clone().unwrap_or_default();
        let call = Call {
            id: e.id,
            say_de: Tr(Language::De)
                .t_with("display-say", &[("number", spoken(&e.label)), ("counter", counter.clone())]),
            say_en: Tr(Language::En)
                .t_with("display-say", &[("number", spoken(&e.label)), ("counter", counter.clone())]),
            label: e.label.clone(),
            counter,
        };
        if still_called(e.ticket_id) && current.len() < CURRENT {
            current.push(call);
        } else {
            recent.push(call);
        }
    }
    let waiting = queue.map_or(0, |q| q.waiting.len());
    // The wait of the last in line is what a newcomer can expect at least.
    let last_wait = queue.and_then(|q| q.waiting.iter().filter_map(|w| w.wait_minutes(q.now)).max());
    let wait_text = match last_wait {
        Some(m) if waiting > 0 => tr.t_with("display-wait", &[("minutes", m.max(1).to_string())]),
        _ => String::new(),
    };
    Board { current, recent, waiting, wait_text }
}

#[derive(Template)]
#[template(path = "front_desk/display.html")]
struct DisplayPage {
    page: Page,
    place_name: String,
    board: Board,
}

pub async fn show(State(state): State<AppState>, device: DeviceAuth, page: Page) -> Result<Response, PageError> {
    device.require(DeviceKind::Display)?;
    let t = TenantId(device.0.tenant_id);
    let place =
        rathaus_db::catalog::places::get(&state.db, t, device.0.place_id).await?.ok_or_else(PageError::not_found)?;
    let rx = state.queues.subscribe(t, place.id).await;
    let board = board(page.tr, &rx.borrow());
    render(&DisplayPage { place_name: place_name(&place, page.language()), board, page })
}

pub async fn live(State(state): State<AppState>, device: DeviceAuth, page: Page) -> Result<Response, PageError> {
    device.require(DeviceKind::Display)?;
    let rx = state.queues.subscribe(TenantId(device.0.tenant_id), device.0.place_id).await;
    let tr = page.tr;
    Ok(super::sse::stream(rx, move |live: &Live| {
        live.message(MessageKey::Board, tr.lang(), |live| serde_json::to_string(&board(tr, live)).ok())
    }))
}
