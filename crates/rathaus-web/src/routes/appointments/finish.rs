//! Step 6, `/termine/buchen/pruefen`: everything at a glance with links to change it, and
//! the button that books. Booking is idempotent: the form carries a random key, so a
//! double click (or a resubmitted form) finds the first confirmation instead of making a
//! second appointment. With double opt-in the hold waits for the citizen to confirm the
//! link in an e-mail instead (`/termine/buchen/email-pruefen` says so).
//!
//! A successful booking redirects to the manage page (`?neu=1`), which is the confirmation:
//! booking code, QR code, calendar file, cancel and rebook.

use super::details::{expired, require_hold};
use super::held::{self, Held};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    links,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, Uri, header},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use rathaus_appointments::{Notify, manage_link};
use rathaus_booking::{BookingError, Contact};
use rathaus_mail::templates::Notice;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appointments/summary.html")]
struct SummaryPage {
    page: Page,
    errors: FormErrors,
    held: Held,
    idempotency_key: String,
}

#[derive(Template)]
#[template(path = "appointments/booked_before.html")]
struct BookedBeforePage {
    page: Page,
    booking_code: String,
}

#[derive(Template)]
#[template(path = "appointments/check_email.html")]
struct CheckEmailPage {
    page: Page,
}

pub(super) async fn summary(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let held = match require_hold(&state, tenant.tenant_id(), &headers, &page).await? {
        Ok(h) => h,
        Err(res) => return Ok(res),
    };
    if held.view.name.is_empty() {
        return Ok(Redirect::to("/termine/buchen/kontakt").into_response());
    }
    if held.appointment.consent_at.is_none() {
        return Ok(Redirect::to("/termine/buchen/einwilligung").into_response());
    }
    render(&SummaryPage { page, errors: FormErrors::new(), held, idempotency_key: rathaus_db::random_token(16) })
}

#[derive(Deserialize)]
pub(super) struct BookForm {
    #[serde(default)]
    key: String,
}

pub(super) async fn book(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(form): CsrfForm<BookForm>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let key = form.key.trim();
    let key = (!key.is_empty() && key.len() <= 64).then(|| format!("web-{key}"));
    let Some(token) = held::token(&headers) else { return expired(page) };
    let Some(a) = rathaus_booking::live_hold(&state.db, t, &token, now).await.map_err(super::page_error)? else {
        // A repeated submission after the first one confirmed: show that one.
        if let Some(done) =
            rathaus_booking::confirmed_from_hold(&state.db, t, &token).await.map_err(super::page_error)?
        {
            return booked_before(page, done.booking_code.unwrap_or_default());
        }
        return expired(page);
    };
    let Ok(contact) = Contact::parse(&a.name, a.email.as_deref(), a.phone.as_deref()) else {
        return Ok(Redirect::to("/termine/buchen/kontakt").into_response());
    };
    if a.consent_at.is_none() {
        return Ok(Redirect::to("/termine/buchen/einwilligung").into_response());
    }
    let origin = links::request_origin(&headers, &uri);
    let policy = rathaus_db::appointments::plan::policy(&state.db, t, a.place_id).await?;
    if policy.double_opt_in && contact.email().is_some() {
        let tz = tenant.tz();
        let until = Timestamp::from_second(now.as_second() + rathaus_booking::OPT_IN_MINUTES * 60)
            .map_err(|e| PageError::internal("time", &e))?
            .to_zoned(tz);
        let link = format!("{origin}/termine/bestaetigen/{}", token.as_str());
        let notify = Notify::new(t, &state.config.notifier, Notice::ConfirmRequest, &origin).with_confirm(link, until);
        return match rathaus_booking::request_opt_in(&state.db, t, &token, &notify, now).await {
            Ok(_) => Ok(Redirect::to("/termine/buchen/email-pruefen").into_response()),
            Err(BookingError::HoldExpired) => expired(page),
            Err(e) => Err(super::page_error(e)),
        };
    }
    let notify = Notify::new(t, &state.config.notifier, Notice::Confirmed, &origin);
    let done =
        rathaus_booking::confirm_notifying(&state.db, t, &token, &contact, key.as_deref(), None, &notify, now).await;
    match done {
        Ok(c) => {
            state.availability.changed(&state.events, t, a.place_id).await;
            let Some(manage) = c.manage_token else { return booked_before(page, c.booking_code) };
            let mut res = Redirect::to(&format!("{}?neu=1", manage_link("", manage.as_str()))).into_response();
            res.headers_mut().append(header::SET_COOKIE, held::clear());
            Ok(res)
        }
        Err(BookingError::HoldExpired | BookingError::HoldNotFound) => expired(page),
        Err(e @ (BookingError::ContactLimit { .. } | BookingError::AlreadyConfirmed)) => {
            let held = match require_hold(&state, t, &headers, &page).await? {
                Ok(h) => h,
                Err(res) => return Ok(res),
            };
            let mut errors = FormErrors::new();
            errors.add("book", page.t(&super::message_key(&e)));
            render(&SummaryPage { page, errors, held, idempotency_key: form.key })
        }
        Err(e) => Err(super::page_error(e)),
    }
}

fn booked_before(page: Page, booking_code: String) -> Result<Response, PageError> {
    let mut res = render(&BookedBeforePage { page, booking_code })?;
    res.headers_mut().append(header::SET_COOKIE, held::clear());
    Ok(res)
}

/// Gives the held time back at once (the citizen stopped) and forgets the hold.
pub(super) async fn abandon(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    if let Some(token) = held::token(&headers)
        && let Some(a) =
            rathaus_booking::live_hold(&state.db, t, &token, Timestamp::now()).await.map_err(super::page_error)?
    {
        rathaus_booking::release(&state.db, t, &token).await.map_err(super::page_error)?;
        state.availability.changed(&state.events, t, a.place_id).await;
    }
    let mut res = Redirect::to("/termine/buchen").into_response();
    res.headers_mut().append(header::SET_COOKIE, held::clear());
    Ok(res)
}

pub(super) async fn check_email(page: Page) -> Result<Response, PageError> {
    let mut res = render(&CheckEmailPage { page })?;
    res.headers_mut().append(header::SET_COOKIE, held::clear());
    Ok(res)
}
