//! Moving an appointment from the manage page: `/termine/verwalten/{token}/umbuchen` picks
//! another day and time for the same services at the same place (the day and time lists
//! of step 3); `/termine/verwalten/{token}/angebot?ort=…&start=…` takes a time the office
//! offered after cancelling. Both move the appointment in one transaction (the old time is
//! given back only if the new one is taken) and e-mail the new calendar entry.

use super::manage::by_token;
use super::times::{Links, Picker, PickerQuery, picker};
use super::view::{self, AppointmentView};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    links,
    page::{Page, render},
    routes::catalog::dates::clock,
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rathaus_appointments::Notify;
use rathaus_booking::{Appointment, AppointmentRef, BookingError, Channel, Location, Search, Start, Status};
use rathaus_mail::templates::Notice;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appointments/rebook.html")]
struct RebookPage {
    page: Page,
    errors: FormErrors,
    token: String,
    view: AppointmentView,
    picker: Picker,
}

#[derive(Template)]
#[template(path = "appointments/offer.html")]
struct OfferPage {
    page: Page,
    errors: FormErrors,
    token: String,
    view: AppointmentView,
    /// The offered time, for reading, and the form's values.
    offered: String,
    query: OfferQuery,
}

#[derive(Deserialize)]
pub(super) struct PickQuery {
    datum: Option<String>,
    ab: Option<String>,
}

/// Whether the citizen may choose a new time for `a`: confirmed and not begun, or
/// cancelled by the office.
fn movable(a: &Appointment, now: i64) -> Result<bool, PageError> {
    Ok(match a.status()? {
        Status::Confirmed => a.start_s > now,
        Status::Cancelled => a.cancel_reason.is_some(),
        _ => false,
    })
}

#[expect(clippy::too_many_arguments, reason = "the page and what to show on it")]
async fn render_rebook(
    state: &AppState,
    tenant: &CurrentTenant,
    page: Page,
    token: String,
    a: &Appointment,
    date: Option<Date>,
    from: Option<Date>,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let services = rathaus_booking::services_of(&state.db, t, a.id).await.map_err(super::page_error)?;
    let day = |d: Date| format!("datum={d}");
    let page_of = |d: Date| format!("ab={d}");
    let links = Links { day: &day, page: &page_of };
    let q = PickerQuery {
        services: &services,
        location: Location::Place(a.place_id),
        channel: Channel::Online,
        from,
        selected: date,
    };
    let picker = picker(state, t, page.tr, &q, links, Timestamp::now()).await?;
    let view = view::appointment(&state.db, t, a, page.tr).await?;
    render(&RebookPage { page, errors, token, view, picker })
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
    Query(q): Query<PickQuery>,
) -> Result<Response, PageError> {
    let a = by_token(&state, tenant.tenant_id(), &token).await?;
    if !movable(&a, Timestamp::now().as_second())? {
        return Ok(Redirect::to(&format!("/termine/verwalten/{token}")).into_response());
    }
    let date = q.datum.as_deref().and_then(|d| d.parse().ok());
    let from = q.ab.as_deref().and_then(|d| d.parse().ok());
    render_rebook(&state, &tenant, page, token, &a, date, from, FormErrors::new()).await
}

#[derive(Deserialize)]
pub(super) struct RebookForm {
    #[serde(default)]
    datum: String,
    #[serde(default)]
    zeit: String,
}

/// Moves `a` to the first start that works among `starts`; the last refusal otherwise.
async fn move_to_first(
    state: &AppState,
    tenant: &CurrentTenant,
    token: &str,
    a: &Appointment,
    starts: Vec<(i64, Start)>,
    origin: &str,
) -> Result<Result<(), BookingError>, PageError> {
    let t = tenant.tenant_id();
    let notify = Notify::new(t, &state.config.notifier, Notice::Moved, origin);
    let mut last = BookingError::slot_taken(Vec::new());
    for (place_id, start) in starts {
        let which = AppointmentRef::ManageToken(token);
        match rathaus_booking::reschedule(
            &state.db,
            t,
            which,
            place_id,
            start,
            Channel::Online,
            None,
            &notify,
            Timestamp::now(),
        )
        .await
        {
            Ok(_) => {
                state.availability.changed(&state.events, t, a.place_id).await;
                if place_id != a.place_id {
                    state.availability.changed(&state.events, t, place_id).await;
                }
                return Ok(Ok(()));
            }
            Err(e @ BookingError::SlotTaken(_)) => last = e,
            Err(BookingError::Store(e)) => return Err(PageError::from(e)),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Err(last))
}

pub(super) async fn rebook(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<RebookForm>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let date: Option<Date> = form.datum.parse().ok();
    let time: Option<Time> = form.zeit.split_once('@').and_then(|(_, hm)| format!("{hm}:00").parse().ok());
    let (Some(date), Some(time)) = (date, time) else {
        let mut errors = FormErrors::new();
        errors.add("times", page.t("booking-error-choose-time"));
        return render_rebook(&state, &tenant, page, token, &a, date, None, errors).await;
    };
    let services = rathaus_booking::services_of(&state.db, t, a.id).await.map_err(super::page_error)?;
    let now = Timestamp::now();
    let search = Search {
        services: &services,
        location: Location::Place(a.place_id),
        from: date,
        to: date,
        channel: Channel::Online,
        now,
    };
    let candidates = rathaus_booking::candidates(&state.db, t, &search, date, time).await.map_err(super::page_error)?;
    let starts = candidates.into_iter().map(|c| (c.place_id, c.start)).collect();
    let origin = links::request_origin(&headers, &uri);
    match move_to_first(&state, &tenant, &token, &a, starts, &origin).await? {
        Ok(()) => Ok(Redirect::to(&format!("/termine/verwalten/{token}?verlegt=1")).into_response()),
        Err(e) => {
            let mut errors = FormErrors::new();
            errors.add("times", page.t(&super::message_key(&e)));
            render_rebook(&state, &tenant, page, token, &a, Some(date), None, errors).await
        }
    }
}

/// An offered time: `ort` (place id), `start` and `ende` (epoch seconds), `schalter`.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct OfferQuery {
    ort: i64,
    start: i64,
    ende: i64,
    schalter: u64,
}

impl OfferQuery {
    fn start(&self) -> Option<Start> {
        let start = Timestamp::from_second(self.start).ok()?;
        let end = Timestamp::from_second(self.ende).ok()?;
        (start < end).then_some(Start { counter_id: self.schalter, start, end })
    }
}

async fn render_offer(
    state: &AppState,
    tenant: &CurrentTenant,
    page: Page,
    token: String,
    a: &Appointment,
    query: OfferQuery,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let start = query.start().ok_or_else(PageError::bad_request)?;
    let place = rathaus_db::catalog::places::get(&state.db, t, query.ort).await?.ok_or_else(PageError::not_found)?;
    let at = start.start.to_zoned(tenant.tz());
    let offered = format!(
        "{}, {} – {}",
        crate::routes::catalog::dates::long_date(page.tr, at.date()),
        clock(at.time()),
        crate::routes::catalog::places::place_name(&place, page.language())
    );
    let view = view::appointment(&state.db, t, a, page.tr).await?;
    render(&OfferPage { page, errors, token, view, offered, query })
}

pub(super) async fn show_offer(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(token): Path<String>,
    Query(q): Query<OfferQuery>,
) -> Result<Response, PageError> {
    let a = by_token(&state, tenant.tenant_id(), &token).await?;
    if !movable(&a, Timestamp::now().as_second())? {
        return Ok(Redirect::to(&format!("/termine/verwalten/{token}")).into_response());
    }
    render_offer(&state, &tenant, page, token, &a, q, FormErrors::new()).await
}

pub(super) async fn take_offer(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(token): Path<String>,
    CsrfForm(q): CsrfForm<OfferQuery>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let a = by_token(&state, t, &token).await?;
    let start = q.start().ok_or_else(PageError::bad_request)?;
    let origin = links::request_origin(&headers, &uri);
    match move_to_first(&state, &tenant, &token, &a, vec![(q.ort, start)], &origin).await? {
        Ok(()) => Ok(Redirect::to(&format!("/termine/verwalten/{token}?verlegt=1")).into_response()),
        Err(e) => {
            let mut errors = FormErrors::new();
            errors.add("offer", page.t(&super::message_key(&e)));
            render_offer(&state, &tenant, page, token, &a, q, errors).await
        }
    }
}
