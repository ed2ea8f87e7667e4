//! Double opt-in, `/termine/bestaetigen/{token}`: the link in the e-mail that asks the
//! citizen to confirm a held appointment. The GET only shows the appointment and a button
//! (mail scanners follow links, so a GET must not book); the POST confirms with the details
//! stored on the hold, idempotently by the hold token.

use super::held;
use super::view::{self, AppointmentView};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    links,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use rathaus_appointments::{Notify, manage_link};
use rathaus_booking::{BookingError, Contact, HoldId};
use rathaus_mail::templates::Notice;

#[derive(Template)]
#[template(path = "appointments/opt_in.html")]
struct OptInPage {
    page: Page,
    token: String,
    view: Option<AppointmentView>,
    /// Confirmed before (a second click): its booking code.
    confirmed_code: Option<String>,
}

fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    if !well_formed(&token) {
        return Err(PageError::not_found());
    }
    let t = tenant.tenant_id();
    let hold = HoldId::from_token(token.clone());
    let live = rathaus_booking::live_hold(&state.db, t, &hold, Timestamp::now()).await.map_err(super::page_error)?;
    let (view, confirmed_code) = match live {
        Some(a) => (Some(view::appointment(&state.db, t, &a, page.tr).await?), None),
        None => {
            let done = rathaus_booking::confirmed_from_hold(&state.db, t, &hold).await.map_err(super::page_error)?;
            (None, done.and_then(|a| a.booking_code))
        }
    };
    render(&OptInPage { page, token, view, confirmed_code })
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    if !well_formed(&token) {
        return Err(PageError::not_found());
    }
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let hold = HoldId::from_token(token.clone());
    let Some(a) = rathaus_booking::live_hold(&state.db, t, &hold, now).await.map_err(super::page_error)? else {
        return show(State(state), tenant, page, Path(token)).await;
    };
    let contact =
        Contact::parse(&a.name, a.email.as_deref(), a.phone.as_deref()).map_err(|_| PageError::bad_request())?;
    let origin = links::request_origin(&headers, &uri);
    let notify = Notify::new(t, &state.config.notifier, Notice::Confirmed, &origin);
    let key = format!("opt-in-{token}");
    match rathaus_booking::confirm_notifying(&state.db, t, &hold, &contact, Some(&key), None, &notify, now).await {
        Ok(c) => {
            state.availability.changed(&state.events, t, a.place_id).await;
            match c.manage_token {
                Some(m) => {
                    let mut res = Redirect::to(&format!("{}?neu=1", manage_link("", m.as_str()))).into_response();
                    res.headers_mut().append(axum::http::header::SET_COOKIE, held::clear());
                    Ok(res)
                }
                None => show(State(state), tenant, page, Path(token)).await,
            }
        }
        Err(BookingError::HoldExpired | BookingError::HoldNotFound | BookingError::AlreadyConfirmed) => {
            show(State(state), tenant, page, Path(token)).await
        }
        Err(e) => Err(super::page_error(e)),
    }
}
