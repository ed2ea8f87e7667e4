//! `/staff/termine/sperren`: blocking time at a place or one counter (training, illness, a
//! closure). The form takes a day and a time range; blocking takes the time out of the
//! bookable capacity at once and lists the appointments already booked in it, which can
//! then all be cancelled in one go (`…/absagen`): each citizen is notified and offered the
//! next free times, which they take with one click. `…/aufheben` lifts a block.

use super::common::{Names, PlaceOption, Row, day_bounds, places_and_choice, row};
use super::detail::offer_time;
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    links,
    page::{Page, render},
    routes::catalog::dates::{clock, long_date},
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
use rathaus_appointments::Notify;
use rathaus_booking::{BookingError, Closure};
use rathaus_db::appointments::{changes, plan};
use rathaus_db::catalog::counters;
use rathaus_domain::Role;
use rathaus_mail::templates::Notice;
use serde::Deserialize;

/// How far ahead the page lists existing blocks.
const LIST_DAYS: i64 = 60;

struct BlockRow {
    id: i64,
    when: String,
    counter: String,
    reason: String,
    affected: usize,
}

struct CounterOption {
    id: i64,
    name: String,
}

#[derive(Template)]
#[template(path = "staff/closures.html")]
struct ClosuresPage {
    page: Page,
    errors: FormErrors,
    notice: Option<String>,
    places: Vec<PlaceOption>,
    place_name: String,
    counters: Vec<CounterOption>,
    blocks: Vec<BlockRow>,
    form: BlockForm,
    /// Right after blocking: the appointments in the blocked time.
    affected: Vec<Row>,
    block_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct BlockForm {
    #[serde(default)]
    ort: String,
    #[serde(default)]
    schalter: String,
    #[serde(default)]
    datum: String,
    #[serde(default)]
    von: String,
    #[serde(default)]
    bis: String,
    #[serde(default)]
    grund: String,
    #[serde(default)]
    notice: String,
}

#[expect(clippy::too_many_arguments, reason = "the page and what to show on it")]
async fn render_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    form: BlockForm,
    errors: FormErrors,
    affected: Vec<Row>,
    block_id: Option<i64>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let key = (!form.ort.is_empty()).then_some(form.ort.as_str());
    let (places, place) = places_and_choice(&state.db, t, page.tr, key).await?;
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let all_counters = counters::list(&state.db, t, place.id).await?;
    let counter_name = |id: Option<i64>| match id {
        Some(id) => all_counters.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default(),
        None => page.t("staff-appt-all-counters"),
    };
    let now = Timestamp::now();
    let until = now.as_second() + LIST_DAYS * 86_400;
    let mut blocks = Vec::new();
    for b in plan::time_blocks(&state.db, t, place.id, now.as_second(), until).await? {
        let (from, to) = (Timestamp::from_second(b.start_s), Timestamp::from_second(b.end_s));
        let (Ok(from), Ok(to)) = (from, to) else { continue };
        let (from, to) = (from.to_zoned(tz.clone()), to.to_zoned(tz.clone()));
        let affected = changes::confirmed_in(&state.db, t, place.id, b.counter_id, b.start_s, b.end_s).await?.len();
        blocks.push(BlockRow {
            id: b.id,
            when: format!("{}, {}–{}", long_date(page.tr, from.date()), clock(from.time()), clock(to.time())),
            counter: counter_name(b.counter_id),
            reason: b.reason,
            affected,
        });
    }
    let counters = all_counters.into_iter().map(|c| CounterOption { id: c.id, name: c.name }).collect();
    render(&ClosuresPage {
        errors,
        notice,
        places,
        place_name: place_name(&place, page.language()),
        counters,
        blocks,
        form,
        affected,
        block_id,
        page,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(form): Query<BlockForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let notice = match form.notice.as_str() {
        "cancelled" | "unblocked" => Some(page.t(&format!("staff-appt-notice-{}", form.notice))),
        _ => None,
    };
    render_page(&state, &staff, page, form, FormErrors::new(), Vec::new(), None, notice).await
}

pub(super) async fn block(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(form): CsrfForm<BlockForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let t = staff.tenant();
    let mut errors = FormErrors::new();
    let date: Option<Date> = form.datum.parse().ok();
    let from: Option<Time> = format!("{}:00", form.von.trim()).parse().ok();
    let to: Option<Time> =
        if form.bis.trim() == "24:00" { Some(Time::MAX) } else { format!("{}:00", form.bis.trim()).parse().ok() };
    if date.is_none() {
        errors.add("datum", page.t("staff-appt-error-date"));
    }
    if from.is_none() {
        errors.add("von", page.t("staff-appt-error-time"));
    }
    if to.is_none() {
        errors.add("bis", page.t("staff-appt-error-time"));
    }
    let reason = form.grund.trim();
    if reason.is_empty() {
        errors.add("grund", page.t("invalid-required"));
    }
    let place =
        rathaus_db::catalog::places::get_by_key(&state.db, t, &form.ort).await?.ok_or_else(PageError::not_found)?;
    let counter_id: Option<i64> = form.schalter.parse().ok();
    let (Some(date), Some(from), Some(to), true) = (date, from, to, errors.is_empty()) else {
        return render_page(&state, &staff, page, form, errors, Vec::new(), None, None).await;
    };
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let at = |time: Time| date.to_datetime(time).to_zoned(tz.clone()).map(|z| z.timestamp());
    let (Ok(start), Ok(end)) = (at(from), at(to)) else { return Err(PageError::bad_request()) };
    // `24:00` is the next midnight.
    let end = if to == Time::MAX {
        Timestamp::from_second(day_bounds(&tz, date)?.1).map_err(|e| PageError::internal("time", &e))?
    } else {
        end
    };
    let closure =
        Closure { place_id: place.id, counter_id, from: start, to: end, reason: reason.chars().take(200).collect() };
    match rathaus_booking::block_time(&state.db, t, &closure, staff.audit_entry(""), Timestamp::now()).await {
        Ok(blocked) => {
            state.availability.changed(&state.events, t, place.id).await;
            let names = Names::load(&state.db, t, place.id, page.tr).await?;
            let mut affected = Vec::new();
            for a in &blocked.affected {
                affected.push(row(&state.db, t, &tz, page.tr, &names, a).await?);
            }
            let notice = Some(page.t("staff-appt-notice-blocked"));
            render_page(&state, &staff, page, form, FormErrors::new(), affected, Some(blocked.block.id), notice).await
        }
        Err(BookingError::Invalid(code)) => {
            errors.add("bis", page.t(&format!("booking-error-{code}")));
            render_page(&state, &staff, page, form, errors, Vec::new(), None, None).await
        }
        Err(e) => Err(crate::routes::appointments::page_error(e)),
    }
}

/// The mass cancellation after a block: every confirmed appointment in its time.
pub(super) async fn cancel_all(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let t = staff.tenant();
    let block = plan::time_block(&state.db, t, id).await?.ok_or_else(PageError::not_found)?;
    let place =
        rathaus_db::catalog::places::get(&state.db, t, block.place_id).await?.ok_or_else(PageError::not_found)?;
    let affected =
        changes::confirmed_in(&state.db, t, block.place_id, block.counter_id, block.start_s, block.end_s).await?;
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let names = crate::booking::place_names(&state.db, t).await?;
    let origin = links::request_origin(&headers, &uri);
    let after = Timestamp::from_second(block.end_s).map_err(|e| PageError::internal("time", &e))?;
    let tr = page.tr;
    let notifier = state.config.notifier.clone();
    let hook_for = |_: &rathaus_booking::Appointment, offers: Vec<rathaus_booking::Candidate>| {
        let offered = offers.iter().map(|c| offer_time(tr, &tz, &names, c)).collect();
        Notify::new(t, &notifier, Notice::CancelledByOffice, &origin).with_offers(offered)
    };
    let cancelled = rathaus_booking::cancel_closure(
        &state.db,
        t,
        &affected,
        "office-closed",
        after,
        staff.audit_entry(""),
        hook_for,
        Timestamp::now(),
    )
    .await
    .map_err(crate::routes::appointments::page_error)?;
    state.availability.changed(&state.events, t, block.place_id).await;
    tracing::info!(block_id = id, cancelled = cancelled.len(), "closure cancelled appointments");
    Ok(Redirect::to(&format!("/staff/termine/sperren?ort={}&notice=cancelled", place.key)).into_response())
}

pub(super) async fn unblock(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let t = staff.tenant();
    let block = plan::time_block(&state.db, t, id).await?.ok_or_else(PageError::not_found)?;
    let place =
        rathaus_db::catalog::places::get(&state.db, t, block.place_id).await?.ok_or_else(PageError::not_found)?;
    rathaus_booking::unblock_time(&state.db, t, id, staff.audit_entry(""), Timestamp::now())
        .await
        .map_err(crate::routes::appointments::page_error)?;
    state.availability.changed(&state.events, t, block.place_id).await;
    Ok(Redirect::to(&format!("/staff/termine/sperren?ort={}&notice=unblocked", place.key)).into_response())
}
