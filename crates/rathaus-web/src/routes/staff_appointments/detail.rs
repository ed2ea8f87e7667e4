//! `/staff/termine/{id}`: one appointment for staff, and what they do with it: mark arrived,
//! no-show or completed (and undo a mistake), keep a note, cancel it (the citizen is told;
//! when the office cancels, the e-mail offers the next free times), or move it to another
//! time (`/verlegen`, with the day and time lists of the booking pages, for the phone
//! channel). Every action is audited by `rathaus-booking`.

use super::common::{Names, Row, row};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    links,
    page::{Page, render},
    routes::appointments::times::{Links, Picker, PickerQuery, picker},
    routes::catalog::dates::long_date,
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rathaus_appointments::{Notify, OfferedTime, Take};
use rathaus_booking::{Appointment, AppointmentRef, BookingError, Channel, Location, Mark, Search, StaffId, Status};
use rathaus_db::TenantId;
use rathaus_domain::Role;
use rathaus_mail::templates::Notice;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "staff/appointment.html")]
struct DetailPage {
    page: Page,
    errors: FormErrors,
    notice: Option<String>,
    r: Row,
    place_name: String,
    place_key: String,
    date_label: String,
    /// Marks that make sense now, as (code, label).
    marks: Vec<(&'static str, String)>,
    cancellable: bool,
}

#[derive(Template)]
#[template(path = "staff/move.html")]
struct MovePage {
    page: Page,
    errors: FormErrors,
    r: Row,
    picker: Picker,
}

async fn load(state: &AppState, staff: &Staff, id: i64) -> Result<Appointment, PageError> {
    staff.require(Role::Clerk)?;
    rathaus_booking::find(&state.db, staff.tenant(), AppointmentRef::Id(id))
        .await
        .map_err(crate::routes::appointments::page_error)?
        .ok_or_else(PageError::not_found)
}

async fn row_of(state: &AppState, tenant: TenantId, page: &Page, a: &Appointment) -> Result<Row, PageError> {
    let tz = rathaus_db::tenants::get(&state.db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let names = Names::load(&state.db, tenant, a.place_id, page.tr).await?;
    row(&state.db, tenant, &tz, page.tr, &names, a).await
}

#[derive(Deserialize, Default)]
pub(super) struct NoticeQuery {
    notice: Option<String>,
}

async fn render_detail(
    state: &AppState,
    staff: &Staff,
    page: Page,
    a: &Appointment,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let r = row_of(state, t, &page, a).await?;
    let place = rathaus_db::catalog::places::get(&state.db, t, a.place_id).await?.ok_or_else(PageError::not_found)?;
    let status = a.status()?;
    let started = Timestamp::now().as_second() >= a.start_s;
    let marks = [Mark::Arrived, Mark::NoShow, Mark::Completed, Mark::Undo]
        .into_iter()
        .filter(|m| rathaus_booking::next_status(status, *m, started).is_some())
        .map(|m| (m.code(), page.t(&format!("staff-appt-mark-{}", m.code()))))
        .collect();
    let notice = notice
        .filter(|n| ["marked", "cancelled", "moved", "booked", "note-saved"].contains(n))
        .map(|n| page.t(&format!("staff-appt-notice-{n}")));
    let date_label = long_date(page.tr, r.date.parse().map_err(|e| PageError::internal("date", &e))?);
    render(&DetailPage {
        errors,
        notice,
        r,
        place_name: place_name(&place, page.language()),
        place_key: place.key,
        date_label,
        marks,
        cancellable: status == Status::Confirmed,
        page,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    render_detail(&state, &staff, page, &a, FormErrors::new(), q.notice.as_deref()).await
}

#[derive(Deserialize)]
pub(super) struct MarkForm {
    #[serde(default)]
    mark: String,
}

pub(super) async fn mark(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<MarkForm>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    let Some(mark) = Mark::parse(&form.mark) else { return Err(PageError::bad_request()) };
    let audit = staff.audit_entry("");
    match rathaus_booking::mark(&state.db, staff.tenant(), a.id, mark, audit, Timestamp::now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/staff/termine/{id}?notice=marked")).into_response()),
        Err(e @ BookingError::Invalid(_)) => {
            let mut errors = FormErrors::new();
            errors.add("marks", page.t(&crate::routes::appointments::message_key(&e)));
            render_detail(&state, &staff, page, &a, errors, None).await
        }
        Err(e) => Err(crate::routes::appointments::page_error(e)),
    }
}

#[derive(Deserialize)]
pub(super) struct NoteForm {
    #[serde(default)]
    notes: String,
}

pub(super) async fn save_note(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    let notes: String = form.notes.trim().chars().take(2_000).collect();
    let tx = rathaus_db::begin_write(&state.db).await?;
    rathaus_db::appointments::changes::set_notes(
        &tx,
        staff.tenant(),
        a.id,
        (!notes.is_empty()).then_some(notes.as_str()),
    )
    .await?;
    let entry = staff.audit_entry("appointment.note").target("appointment", a.id);
    rathaus_db::audit::append_in(&tx, staff.tenant(), entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/staff/termine/{id}?notice=note-saved")).into_response())
}

#[derive(Deserialize)]
pub(super) struct CancelForm {
    /// `office` (the office cannot keep it: offers new times) or `citizen` (the citizen asked).
    #[serde(default)]
    reason: String,
}

/// The next free times as offers in a cancellation e-mail.
pub(super) async fn offers_for(
    state: &AppState,
    tenant: TenantId,
    tr: crate::i18n::Tr,
    a: &Appointment,
    after: Timestamp,
) -> Result<Vec<OfferedTime>, PageError> {
    let tz = rathaus_db::tenants::get(&state.db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let names = crate::booking::place_names(&state.db, tenant).await?;
    let found = rathaus_booking::offers(&state.db, tenant, a, after, Timestamp::now())
        .await
        .map_err(crate::routes::appointments::page_error)?;
    Ok(found.into_iter().map(|c| offer_time(tr, &tz, &names, &c)).collect())
}

pub(super) fn offer_time(
    tr: crate::i18n::Tr,
    tz: &jiff::tz::TimeZone,
    names: &std::collections::HashMap<i64, rathaus_db::catalog::places::Place>,
    c: &rathaus_booking::Candidate,
) -> OfferedTime {
    let at = c.start.start.to_zoned(tz.clone());
    let place = names.get(&c.place_id).map(|p| place_name(p, tr.lang())).unwrap_or_default();
    OfferedTime {
        text: format!("{} – {place}", crate::routes::appointments::view::short_when(tr, &at)),
        take: Take::ThisAppointment(format!(
            "ort={}&start={}&ende={}&schalter={}",
            c.place_id,
            c.start.start.as_second(),
            c.start.end.as_second(),
            c.start.counter_id
        )),
    }
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<CancelForm>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    let t = staff.tenant();
    let origin = links::request_origin(&headers, &uri);
    let by_office = form.reason != "citizen";
    let (notice, reason) =
        if by_office { (Notice::CancelledByOffice, Some("office")) } else { (Notice::Cancelled, None) };
    let mut notify = Notify::new(t, &state.config.notifier, notice, &origin);
    if by_office {
        notify = notify.with_offers(offers_for(&state, t, page.tr, &a, Timestamp::now()).await?);
    }
    let audit = staff.audit_entry("");
    match rathaus_booking::cancel_notifying(
        &state.db,
        t,
        AppointmentRef::Id(a.id),
        Some(audit),
        reason,
        &notify,
        Timestamp::now(),
    )
    .await
    {
        Ok(_) => {
            state.availability.changed(&state.events, t, a.place_id).await;
            Ok(Redirect::to(&format!("/staff/termine/{id}?notice=cancelled")).into_response())
        }
        Err(e @ BookingError::NotCancellable) => {
            let mut errors = FormErrors::new();
            errors.add("cancel", page.t(&crate::routes::appointments::message_key(&e)));
            render_detail(&state, &staff, page, &a, errors, None).await
        }
        Err(e) => Err(crate::routes::appointments::page_error(e)),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct MoveQuery {
    datum: Option<String>,
    ab: Option<String>,
}

fn phone_channel(staff: &Staff) -> Channel {
    Channel::Phone(StaffId(u64::try_from(staff.user_id()).unwrap_or(0)))
}

async fn render_move(
    state: &AppState,
    staff: &Staff,
    page: Page,
    a: &Appointment,
    date: Option<Date>,
    from: Option<Date>,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let services =
        rathaus_booking::services_of(&state.db, t, a.id).await.map_err(crate::routes::appointments::page_error)?;
    let day = |d: Date| format!("datum={d}");
    let page_of = |d: Date| format!("ab={d}");
    let q = PickerQuery {
        services: &services,
        location: Location::Place(a.place_id),
        channel: phone_channel(staff),
        from,
        selected: date,
    };
    let picker = picker(state, t, page.tr, &q, Links { day: &day, page: &page_of }, Timestamp::now()).await?;
    let r = row_of(state, t, &page, a).await?;
    render(&MovePage { page, errors, r, picker })
}

pub(super) async fn show_move(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<MoveQuery>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    let date = q.datum.as_deref().and_then(|d| d.parse().ok());
    let from = q.ab.as_deref().and_then(|d| d.parse().ok());
    render_move(&state, &staff, page, &a, date, from, FormErrors::new()).await
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    #[serde(default)]
    datum: String,
    #[serde(default)]
    zeit: String,
}

pub(super) async fn move_to(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<Response, PageError> {
    let a = load(&state, &staff, id).await?;
    let t = staff.tenant();
    let date: Option<Date> = form.datum.parse().ok();
    let time: Option<Time> = form.zeit.split_once('@').and_then(|(_, hm)| format!("{hm}:00").parse().ok());
    let (Some(date), Some(time)) = (date, time) else {
        let mut errors = FormErrors::new();
        errors.add("times", page.t("booking-error-choose-time"));
        return render_move(&state, &staff, page, &a, date, None, errors).await;
    };
    let now = Timestamp::now();
    let services =
        rathaus_booking::services_of(&state.db, t, a.id).await.map_err(crate::routes::appointments::page_error)?;
    let channel = phone_channel(&staff);
    let search =
        Search { services: &services, location: Location::Place(a.place_id), from: date, to: date, channel, now };
    let candidates = rathaus_booking::candidates(&state.db, t, &search, date, time)
        .await
        .map_err(crate::routes::appointments::page_error)?;
    let origin = links::request_origin(&headers, &uri);
    let notify = Notify::new(t, &state.config.notifier, Notice::Moved, &origin);
    let mut refusal = BookingError::slot_taken(Vec::new());
    for c in candidates {
        let audit = Some(staff.audit_entry(""));
        match rathaus_booking::reschedule(
            &state.db,
            t,
            AppointmentRef::Id(a.id),
            c.place_id,
            c.start,
            channel,
            audit,
            &notify,
            now,
        )
        .await
        {
            Ok(_) => {
                state.availability.changed(&state.events, t, a.place_id).await;
                return Ok(Redirect::to(&format!("/staff/termine/{id}?notice=moved")).into_response());
            }
            Err(e @ BookingError::SlotTaken(_)) => refusal = e,
            Err(BookingError::Store(e)) => return Err(e.into()),
            Err(e) => {
                refusal = e;
                break;
            }
        }
    }
    let mut errors = FormErrors::new();
    errors.add("times", page.t(&crate::routes::appointments::message_key(&refusal)));
    render_move(&state, &staff, page, &a, Some(date), None, errors).await
}
