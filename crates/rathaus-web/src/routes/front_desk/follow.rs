//! `/warteschlange/{token}`: the citizen's ticket on their phone (the link is the QR code on
//! the printed ticket, or the page a phone check-in leads to). It shows the number, the
//! position, the estimated wait, "you will be called in about N minutes", and where to go
//! when called – live over SSE (`/live`), and on reload without JavaScript. For a virtual
//! office it is the virtual waiting room. The token is random (192 bits); only its hash is
//! stored.

use super::labels::{self, clock};
use crate::live::{Live, MessageKey};
use crate::{
    AppState,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
    routes::catalog::places::place_name,
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use rathaus_db::TenantId;
use rathaus_db::catalog::places::PlaceType;
use rathaus_db::front_desk::tickets::{Ticket, TicketStatus};
use rathaus_front_desk::state::PlaceQueue;
use serde::Serialize;

/// What the citizen sees of a ticket; also the SSE message.
#[derive(Debug, Clone, Serialize)]
pub struct TicketInfo {
    pub label: String,
    pub status: &'static str,
    pub headline: String,
    /// The wait, or where to go.
    pub detail: String,
    pub position: Option<usize>,
    pub wait_minutes: Option<i64>,
    /// "You will be called in about N minutes".
    pub soon: Option<String>,
    pub services: String,
    pub appointment_time: Option<String>,
}

fn well_formed(token: &str) -> bool {
    token.len() == 48 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn by_token(state: &AppState, tenant: TenantId, token: &str) -> Result<Ticket, PageError> {
    if !well_formed(token) {
        return Err(PageError::not_found());
    }
    rathaus_db::front_desk::tickets::by_follow_hash(&state.db, tenant, &rathaus_db::token_hash(token))
        .await?
        .ok_or_else(PageError::not_found)
}

/// The ticket's state from a queue snapshot.
pub fn describe(
    tr: Tr,
    tz: &jiff::tz::TimeZone,
    queue: &PlaceQueue,
    ticket: &Ticket,
    services: &dyn Fn(i64) -> Option<String>,
) -> TicketInfo {
    let queued = queue.find(ticket.id);
    let current = queued.map(|q| &q.ticket).unwrap_or(ticket);
    let status = match queued {
        Some(q) => q.ticket.status().unwrap_or(TicketStatus::Cancelled),
        // Not open any more: how it ended, or (older than the snapshot keeps) as stored.
        None => queue.ended.get(&ticket.id).copied().unwrap_or_else(|| match ticket.status() {
            Ok(s @ (TicketStatus::Done | TicketStatus::NoShow | TicketStatus::Cancelled)) => s,
            _ => TicketStatus::Done,
        }),
    };
    let counter = current.counter_id.and_then(|c| queue.counter(c)).map(|c| c.name.clone()).unwrap_or_default();
    let wait_minutes = queued.filter(|_| status == TicketStatus::Waiting).and_then(|q| q.wait_minutes(queue.now));
    let position = queued.filter(|_| status == TicketStatus::Waiting).and_then(|q| q.position);
    let (headline, detail) = match status {
        TicketStatus::Waiting => (
            tr.t("follow-waiting"),
            match wait_minutes {
                Some(m) if m <= 1 => tr.t("follow-wait-now"),
                Some(m) => tr.t_with("follow-wait-minutes", &[("minutes", m.to_string())]),
                None => tr.t("follow-wait-unknown"),
            },
        ),
        TicketStatus::Called => (tr.t("follow-called"), tr.t_with("follow-go-to", &[("counter", counter)])),
        TicketStatus::Serving => (tr.t("follow-serving"), String::new()),
        TicketStatus::Parked => (tr.t("follow-parked"), tr.t("follow-parked-text")),
        TicketStatus::Done => (tr.t("follow-done"), String::new()),
        TicketStatus::NoShow | TicketStatus::Cancelled => (tr.t("follow-ended"), String::new()),
    };
    let notify = i64::from(queue.settings.notify_minutes.max(0));
    let soon = wait_minutes
        .filter(|m| notify > 0 && *m <= notify)
        .map(|_| tr.t_with("follow-soon", &[("minutes", notify.to_string())]));
    let service_ids: Vec<i64> = queued.map(|q| q.services.clone()).unwrap_or_default();
    TicketInfo {
        label: current.label(),
        status: status.code(),
        headline,
        detail,
        position,
        wait_minutes,
        soon,
        services: service_ids.iter().filter_map(|id| services(*id)).collect::<Vec<_>>().join(", "),
        appointment_time: current.due_s.map(|s| clock(tz, s)),
    }
}

/// The ticket's state now (one queue load).
pub async fn ticket_info(state: &AppState, tenant: TenantId, tr: Tr, ticket: &Ticket) -> Result<TicketInfo, PageError> {
    let tz = rathaus_db::tenants::get(&state.db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let queue = rathaus_front_desk::state::load(&state.db, tenant, ticket.place_id, rathaus_db::now()).await?;
    let services = labels::service_names(&state.db, tenant, tr.lang()).await?;
    let mut info = describe(tr, &tz, &queue, ticket, &|id| services.get(&id).cloned());
    if info.services.is_empty() {
        let ids: Vec<i64> = rathaus_db::front_desk::tickets::services_of(&state.db, tenant, &[ticket.id])
            .await?
            .remove(&ticket.id)
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        info.services = labels::names(&ids, &services);
    }
    Ok(info)
}

#[derive(Template)]
#[template(path = "front_desk/follow.html")]
struct FollowPage {
    page: Page,
    info: TicketInfo,
    token: String,
    place_name: String,
    virtual_room: bool,
}

pub async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let ticket = by_token(&state, t, &token).await?;
    let place =
        rathaus_db::catalog::places::get(&state.db, t, ticket.place_id).await?.ok_or_else(PageError::not_found)?;
    let info = ticket_info(&state, t, page.tr, &ticket).await?;
    render(&FollowPage {
        virtual_room: place.place_type()? == PlaceType::VirtualOffice,
        place_name: place_name(&place, page.language()),
        info,
        token,
        page,
    })
}

pub async fn live(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let ticket = by_token(&state, t, &token).await?;
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let rx = state.queues.subscribe(t, ticket.place_id).await;
    let tr = page.tr;
    Ok(super::sse::stream(rx, move |live: &Live| {
        live.message(MessageKey::Ticket(ticket.id), tr.lang(), |live| {
            let queue = live.queue.as_ref()?;
            let names = |id: i64| live.service_name(id, tr.lang()).map(str::to_owned);
            serde_json::to_string(&describe(tr, &tz, queue, &ticket, &names)).ok()
        })
    }))
}

/// The QR code of the follow link, for the printed ticket.
pub async fn qr_code(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    by_token(&state, tenant.tenant_id(), &token).await?;
    let url = format!("{}/warteschlange/{token}", crate::links::request_origin(&headers, &uri));
    let qr = rathaus_qr::Qr::encode(&url).map_err(|e| PageError::internal("qr code", &e))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], qr.svg(&page.t("ticket-qr-alt"))).into_response())
}
