//! The citizen's hold between choosing a time and confirming: its token lives in an
//! `HttpOnly`, `SameSite=Strict` cookie (never in a URL that could be logged or shared),
//! and everything entered on the way is stored on the held appointment itself. Each step
//! reads the live hold back; an expired or unknown one sends the citizen back to choose a
//! time, with nothing lost but the time.

use super::view::{self, AppointmentView};
use crate::{AppState, csrf, error::PageError, i18n::Tr};
use axum::http::{HeaderMap, HeaderValue};
use jiff::Timestamp;
use rathaus_booking::{Appointment, HoldId};
use rathaus_db::TenantId;

pub const COOKIE: &str = "__Host-rathaus_hold";

/// The hold token the browser carries, if it looks like one.
pub fn token(headers: &HeaderMap) -> Option<HoldId> {
    csrf::cookie(headers, COOKIE)
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(HoldId::from_token)
}

/// Keeps the token for `seconds` (a little longer than the hold, which the server checks).
pub fn set(token: &HoldId, seconds: i64) -> HeaderValue {
    csrf::set_cookie(COOKIE, token.as_str(), "Strict", Some(seconds + 60))
}

pub fn clear() -> HeaderValue {
    csrf::set_cookie(COOKIE, "", "Strict", Some(0))
}

/// The live hold of this browser with what the pages show of it.
pub struct Held {
    pub token: HoldId,
    pub appointment: Appointment,
    pub view: AppointmentView,
    /// "10:42 Uhr" / "10:42": until when the time is kept.
    pub until: String,
    /// Step 3 for the same services, place and day (to choose another time).
    pub times_link: String,
}

pub async fn current(
    state: &AppState,
    tenant: TenantId,
    headers: &HeaderMap,
    tr: Tr,
    now: Timestamp,
) -> Result<Option<Held>, PageError> {
    let Some(token) = token(headers) else { return Ok(None) };
    let Some(appointment) =
        rathaus_booking::live_hold(&state.db, tenant, &token, now).await.map_err(super::page_error)?
    else {
        return Ok(None);
    };
    let view = view::appointment(&state.db, tenant, &appointment, tr).await?;
    let until = view::clock_at(&state.db, tenant, appointment.held_until_s.unwrap_or(now.as_second()), tr).await?;
    let services = rathaus_booking::services_of(&state.db, tenant, appointment.id).await.map_err(super::page_error)?;
    let choice = super::choice::Choice {
        services: services.iter().map(|s| s.slug.clone()).collect(),
        persons: services.first().map(|s| s.persons.to_string()).unwrap_or_default(),
        place: Some(view.place_key.clone()),
        date: None,
        from: None,
    };
    let times_link = format!("/termine/buchen/zeit?{}#times", choice.day_query(view.date));
    Ok(Some(Held { token, appointment, view, until, times_link }))
}
