//! The citizen's page for one appointment, `/termine/verwalten/{token}`: reached through
//! the link in every e-mail (the token is the only key; only its hash is stored) and
//! right after booking (`?neu=1`, the confirmation). It shows the appointment, its
//! booking code and QR code (`qr.svg`), offers the calendar file (`termin.ics`), and leads
//! to rebooking and cancelling. Cancelling asks once more (GET), then frees the time at
//! once (POST) and confirms by e-mail with a calendar cancellation.

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
    extract::{Path, Query, State},
    http::{HeaderMap, Uri, header},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use rathaus_appointments::Notify;
use rathaus_booking::{Appointment, AppointmentRef, BookingError, Status};
use rathaus_db::TenantId;
use rathaus_mail::templates::Notice;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appointments/manage.html")]
struct ManagePage {
    page: Page,
    token: String,
    view: AppointmentView,
    /// `confirmed`, `cancelled`, `arrived`, `no_show`, `completed`.
    status: &'static str,
    status_label: String,
    status_class: &'static str,
    /// Just booked / moved / cancelled: which notice to show on top.
    notice: Option<&'static str>,
    /// Before its start and confirmed: may be moved and cancelled.
    changeable: bool,
    /// Cancelled by the office: the citizen may pick a new time for it.
    office_cancelled: bool,
    /// Check-in on the phone is open now.
    can_check_in: bool,
    /// Checked in already (the ticket is followed on its own page).
    checked_in: bool,
}

#[derive(Template)]
#[template(path = "appointments/cancel.html")]
struct CancelPage {
    page: Page,
    token: String,
    view: AppointmentView,
}

/// Manage tokens are 24 random bytes in hex.
pub(super) fn well_formed(token: &str) -> bool {
    token.len() == 48 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The appointment a token names (404 for anything else).
pub(super) async fn by_token(state: &AppState, tenant: TenantId, token: &str) -> Result<Appointment, PageError> {
    if !well_formed(token) {
        return Err(PageError::not_found());
    }
    rathaus_booking::find(&state.db, tenant, AppointmentRef::ManageToken(token))
        .await
        .map_err(super::page_error)?
        .ok_or_else(PageError::not_found)
}

#[derive(Deserialize)]
pub(super) struct ManageQuery {
    neu: Option<String>,
    verlegt: Option<String>,
    abgesagt: Option<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
    Query(q): Query<ManageQuery>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let status = a.status()?;
    let now = Timestamp::now().as_second();
    let notice = match (&q.neu, &q.verlegt, &q.abgesagt) {
        (Some(_), _, _) if status == Status::Confirmed => Some("booked"),
        (_, Some(_), _) if status == Status::Confirmed => Some("moved"),
        (_, _, Some(_)) if status == Status::Cancelled => Some("cancelled"),
        _ => None,
    };
    let view = view::appointment(&state.db, t, &a, page.tr).await?;
    let checked_in = rathaus_db::front_desk::tickets::by_appointment(&state.db, t, a.id).await?.is_some();
    let can_check_in = !checked_in && {
        let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
        let settings = rathaus_db::front_desk::policy::get(&state.db, t, a.place_id).await?;
        rathaus_front_desk::checkin::check_window(&a, &settings, &tz, Timestamp::now()).is_ok()
    };
    let status_class = match status {
        Status::Confirmed => "tag-green",
        Status::Cancelled | Status::NoShow => "tag-red",
        _ => "tag-grey",
    };
    render(&ManagePage {
        status_label: page.t(&format!("booking-status-{}", status.code())),
        status_class,
        page,
        token,
        view,
        status: status.code(),
        notice,
        changeable: status == Status::Confirmed && a.start_s > now,
        office_cancelled: status == Status::Cancelled && a.cancel_reason.is_some() && a.start_s > now - 86_400 * 60,
        can_check_in,
        checked_in,
    })
}

/// Check-in on the citizen's phone, within the place's window before the appointment: the
/// ticket's own page (with the live wait) follows.
pub(super) async fn check_in(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    use rathaus_front_desk::{Actor, FrontDeskError, checkin};
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let result = checkin::check_in(
        state.front_desk(t),
        &tz,
        &a,
        None,
        checkin::Channel::Phone,
        &Actor::Citizen,
        Timestamp::now(),
    )
    .await;
    match result {
        Ok(issued) => Ok(Redirect::to(&format!("/warteschlange/{}", issued.follow_token)).into_response()),
        // Not (or no longer) possible: the page says what is.
        Err(FrontDeskError::Store(e)) => Err(e.into()),
        Err(_) => Ok(Redirect::to(&format!("/termine/verwalten/{token}")).into_response()),
    }
}

/// The calendar entry (`METHOD:PUBLISH` would not update an invitation; REQUEST with the
/// same UID and sequence as the e-mail's does, and CANCEL for a cancelled one).
pub(super) async fn calendar(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    headers: HeaderMap,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let details = rathaus_appointments::details::load(&state.db, t, &a).await?;
    let origin = links::request_origin(&headers, &uri);
    let code = a.booking_code.clone().unwrap_or_default();
    let files = if a.status()? == Status::Cancelled {
        rathaus_appointments::notify::attachments::cancelled(&a, &details, &origin)
    } else {
        rathaus_appointments::notify::attachments::booked(&a, &details, &code, &origin)
    };
    let ics = files.into_iter().find(|f| f.filename == rathaus_ical::FILENAME).ok_or_else(PageError::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, ics.content_type),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", ics.filename)),
        ],
        ics.bytes,
    )
        .into_response())
}

/// The QR code of the booking code, for the check-in terminal's scanner.
pub(super) async fn qr_code(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let a = by_token(&state, tenant.tenant_id(), &token).await?;
    let code = a.booking_code.unwrap_or_default();
    let qr = rathaus_qr::Qr::encode(&code).map_err(|e| PageError::internal("qr code", &e))?;
    let title = page.t_with("booking-qr-alt", "code", &code);
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], qr.svg(&title)).into_response())
}

pub(super) async fn confirm_cancel(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    if a.status()? != Status::Confirmed {
        return Ok(Redirect::to(&format!("/termine/verwalten/{token}")).into_response());
    }
    let view = view::appointment(&state.db, t, &a, page.tr).await?;
    render(&CancelPage { page, token, view })
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    headers: HeaderMap,
    uri: Uri,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let origin = links::request_origin(&headers, &uri);
    let notify = Notify::new(t, &state.config.notifier, Notice::Cancelled, &origin);
    let which = AppointmentRef::ManageToken(&token);
    match rathaus_booking::cancel_notifying(&state.db, t, which, None, None, &notify, Timestamp::now()).await {
        Ok(_) => {
            state.availability.changed(&state.events, t, a.place_id).await;
            Ok(Redirect::to(&format!("/termine/verwalten/{token}?abgesagt=1")).into_response())
        }
        Err(BookingError::NotCancellable) => Ok(Redirect::to(&format!("/termine/verwalten/{token}")).into_response()),
        Err(e) => Err(super::page_error(e)),
    }
}
