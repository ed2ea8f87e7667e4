//! Step 3, `/termine/buchen/zeit`: day and time. The page lists the next two weeks' days
//! with free times (links, with earlier/later pages) and, for the chosen day, its free
//! times as radio buttons, grouped by place when looking anywhere. Posting a time holds it:
//! the request must pass the fairness guard (rate limit, then proof of work or the slower
//! no-JavaScript pass), then the starts at that local time are tried in order until one
//! hold succeeds. A time taken meanwhile re-renders the day with the next free times;
//! a day in its lottery window leads to the lottery instead.
//!
//! [`picker`] builds the day and time lists; rebooking (`super::rebook`) uses it too.

use super::choice::Choice;
use super::held;
use super::places::{self, chosen_names};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    fairness::{FairnessFields, Refusal},
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::catalog::dates::{clock, long_date, short_date},
    routes::catalog::places::place_name,
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, Uri, header},
    response::{IntoResponse, Redirect, Response},
};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use rathaus_booking::{BookingError, Channel, HoldRequest, Location, Search, ServiceRequest};
use rathaus_db::TenantId;
use rathaus_db::catalog::places::Place;
use std::collections::HashMap;

/// Days per page of the day list.
pub const DAYS_PER_PAGE: i64 = 14;

pub(crate) struct DayLink {
    pub href: String,
    pub label: String,
    pub count: usize,
    pub current: bool,
}

pub(crate) struct TimeOption {
    /// `place_id@HH:MM`.
    pub value: String,
    pub label: String,
    pub id: String,
}

pub(crate) struct TimeGroup {
    pub place_name: String,
    pub options: Vec<TimeOption>,
}

/// The day list and, for a chosen day, its times.
pub(crate) struct Picker {
    pub days: Vec<DayLink>,
    pub date: Option<Date>,
    pub date_label: String,
    pub groups: Vec<TimeGroup>,
    pub earlier: Option<String>,
    pub later: Option<String>,
    /// The chosen day is drawn by lot: when ("07:15 Uhr").
    pub lottery_at: Option<String>,
}

/// What the picker needs to make links: the query for a day, and for a page of days.
pub(crate) struct Links<'a> {
    pub day: &'a (dyn Fn(Date) -> String + Sync),
    pub page: &'a (dyn Fn(Date) -> String + Sync),
}

/// What the picker looks for: services, where, for which channel, the first day of the
/// list and the chosen day.
pub(crate) struct PickerQuery<'a> {
    pub services: &'a [ServiceRequest],
    pub location: Location,
    pub channel: Channel,
    pub from: Option<Date>,
    pub selected: Option<Date>,
}

pub(crate) async fn picker(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    q: &PickerQuery<'_>,
    links: Links<'_>,
    now: Timestamp,
) -> Result<Picker, PageError> {
    let (services, location, from, selected) = (q.services, q.location, q.from, q.selected);
    let tz = rathaus_db::tenants::get(&state.db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let today = tz.to_datetime(now).date();
    let mut first = from.unwrap_or(today).max(today);
    let span = |d: Date, n: i64| d.checked_add(n.days()).map_err(|e| PageError::internal("date", &e));
    if let Some(d) = selected
        && (d < first || d > span(first, DAYS_PER_PAGE - 1)?)
    {
        first = d.max(today);
    }
    let last = span(first, DAYS_PER_PAGE - 1)?;
    let search = Search { services, location, from: first, to: last, channel: q.channel, now };
    let found = rathaus_booking::by_place(&state.db, tenant, &search).await.map_err(super::page_error)?;
    let mut counts: std::collections::BTreeMap<Date, usize> = std::collections::BTreeMap::new();
    for p in &found {
        for d in &p.days.days {
            *counts.entry(d.date).or_default() += d.times.len();
        }
    }
    let days = counts
        .iter()
        .map(|(&date, &count)| DayLink {
            href: format!("?{}", (links.day)(date)),
            label: short_date(tr, date),
            count,
            current: selected == Some(date),
        })
        .collect();
    let names: HashMap<i64, Place> = crate::booking::place_names(&state.db, tenant).await?;
    let mut groups = Vec::new();
    let mut lottery_at = None;
    if let Some(date) = selected {
        for p in &found {
            let Some(day) = p.days.days.iter().find(|d| d.date == date) else { continue };
            let place = names.get(&p.place_id);
            let options = day
                .times
                .iter()
                .map(|t| TimeOption {
                    value: format!("{}@{}", p.place_id, clock(*t)),
                    label: clock(*t),
                    id: format!("zeit-{}-{}", p.place_id, clock(*t).replace(':', "")),
                })
                .collect();
            groups
                .push(TimeGroup { place_name: place.map(|pl| place_name(pl, tr.lang())).unwrap_or_default(), options });
            if lottery_at.is_none()
                && let Some(at) = rathaus_booking::lottery_draw_at(&state.db, tenant, p.place_id, date, now)
                    .await
                    .map_err(super::page_error)?
            {
                lottery_at = Some(clock(at.to_zoned(tz.clone()).time()));
            }
        }
    }
    let earlier =
        (first > today).then(|| span(first, -DAYS_PER_PAGE).map(|d| format!("?{}", (links.page)(d.max(today)))));
    let later = Some(span(first, DAYS_PER_PAGE).map(|d| format!("?{}", (links.page)(d))));
    Ok(Picker {
        days,
        date: selected,
        date_label: selected.map(|d| long_date(tr, d)).unwrap_or_default(),
        groups,
        earlier: earlier.transpose()?,
        later: later.transpose()?,
        lottery_at,
    })
}

#[derive(Template)]
#[template(path = "appointments/times.html")]
struct TimesPage {
    page: Page,
    errors: FormErrors,
    choice: Choice,
    services: Vec<String>,
    place_label: String,
    picker: Picker,
    fairness: FairnessFields,
    /// Next free times after a refusal.
    alternatives: Vec<TimeOption>,
    selected: String,
}

/// The choice's place as the booking sees it, with its label; `None` if unknown.
async fn location_of(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    choice: &Choice,
) -> Result<Option<(Location, String)>, PageError> {
    if choice.anywhere() {
        return Ok(Some((Location::Any, tr.t("booking-place-anywhere"))));
    }
    let Some(key) = choice.place.as_deref() else { return Ok(None) };
    let place = rathaus_db::catalog::places::get_by_key(&state.db, tenant, key).await?;
    Ok(place.map(|p| (Location::Place(p.id), place_name(&p, tr.lang()))))
}

#[expect(clippy::too_many_arguments, reason = "the page and what to show on it")]
async fn render_times(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    choice: Choice,
    errors: FormErrors,
    alternatives: Vec<TimeOption>,
    selected: String,
    now: Timestamp,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let Some((location, place_label)) = location_of(state, tenant, tr, &choice).await? else {
        return Err(PageError::not_found());
    };
    let requests = choice.requests();
    let day = |d: Date| choice.day_query(d);
    let page_of = |d: Date| format!("{}&ab={d}", choice.place_query());
    let links = Links { day: &day, page: &page_of };
    let q = PickerQuery {
        services: &requests,
        location,
        channel: Channel::Online,
        from: choice.from,
        selected: choice.date,
    };
    let picker = picker(state, tenant, tr, &q, links, now).await?;
    let services = chosen_names(state, tenant, tr, &choice).await?;
    let fairness = state.guard.fields(now).await;
    render(&TimesPage { page, errors, choice, services, place_label, picker, fairness, alternatives, selected })
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let choice = Choice::from_query(uri.query());
    let errors = places::check(&state, t, page.tr, &choice).await?;
    if !errors.is_empty() {
        return super::start::page_for(&state, t, page, &choice, errors).await;
    }
    render_times(&state, t, page, choice, FormErrors::new(), Vec::new(), String::new(), Timestamp::now()).await
}

/// `place_id@HH:MM`.
fn parse_time_value(value: &str) -> Option<(i64, Time)> {
    let (place, time) = value.split_once('@')?;
    Some((place.parse().ok()?, format!("{time}:00").parse().ok()?))
}

pub(super) async fn hold(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("");
    let choice = Choice::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let tr = page.tr;
    let mut errors = places::check(&state, t, tr, &choice).await?;
    if !errors.is_empty() {
        return super::start::page_for(&state, t, page, &choice, errors).await;
    }
    let selected = get("zeit").to_owned();
    let Some((place_id, time)) = parse_time_value(&selected) else {
        errors.add("times", tr.t("booking-error-choose-time"));
        return render_times(&state, t, page, choice, errors, Vec::new(), selected, now).await;
    };
    let Some(date) = choice.date else { return Err(PageError::bad_request()) };
    let client =
        crate::security::client_ip(crate::security::peer_ip(&extensions), &headers, &state.config.trusted_proxies);
    if let Err(refusal) = state.guard.admit(client, get("altcha"), get("pass"), now).await {
        return refused(&state, t, page, choice, refusal, selected, now).await;
    }
    let requests = choice.requests();
    let search = Search {
        services: &requests,
        location: Location::Place(place_id),
        from: date,
        to: date,
        channel: Channel::Online,
        now,
    };
    let candidates = rathaus_booking::candidates(&state.db, t, &search, date, time).await;
    let candidates = match candidates {
        Ok(c) => c,
        Err(BookingError::Invalid(_) | BookingError::NotFound) => return Err(PageError::bad_request()),
        Err(e) => return Err(super::page_error(e)),
    };
    // A new time replaces the hold this browser had.
    if let Some(old) = held::token(&headers)
        && let Some(h) = rathaus_booking::live_hold(&state.db, t, &old, now).await.map_err(super::page_error)?
    {
        rathaus_booking::release(&state.db, t, &old).await.map_err(super::page_error)?;
        state.availability.changed(&state.events, t, h.place_id).await;
    }
    for c in candidates {
        let req =
            HoldRequest { place_id: c.place_id, start: c.start, services: requests.clone(), channel: Channel::Online };
        match rathaus_booking::hold(&state.db, t, &req, now).await {
            Ok(h) => {
                state.availability.changed(&state.events, t, h.place_id).await;
                let seconds = h.held_until.as_second() - now.as_second();
                let mut res = Redirect::to("/termine/buchen/kontakt").into_response();
                res.headers_mut().append(header::SET_COOKIE, held::set(&h.id, seconds));
                return Ok(res);
            }
            Err(BookingError::Lottery { .. }) => {
                let to = format!("/termine/verlosung?{}&zeit={}", choice.day_query(date), clock(time));
                return Ok(Redirect::to(&to).into_response());
            }
            Err(BookingError::SlotTaken(_)) => {}
            Err(e @ (BookingError::Invalid(_) | BookingError::ContactLimit { .. })) => {
                errors.add("times", tr.t(&super::message_key(&e)));
                return render_times(&state, t, page, choice, errors, Vec::new(), selected, now).await;
            }
            Err(e) => return Err(super::page_error(e)),
        }
    }
    errors.add("times", tr.t("booking-error-slot-taken"));
    let alternatives = later_same_day(&state, t, &requests, place_id, date, time, now).await?;
    render_times(&state, t, page, choice, errors, alternatives, String::new(), now).await
}

/// Up to five free times at the place later on the same day (after a refusal).
async fn later_same_day(
    state: &AppState,
    tenant: TenantId,
    requests: &[ServiceRequest],
    place_id: i64,
    date: Date,
    after: Time,
    now: Timestamp,
) -> Result<Vec<TimeOption>, PageError> {
    let search = Search {
        services: requests,
        location: Location::Place(place_id),
        from: date,
        to: date,
        channel: Channel::Online,
        now,
    };
    let found = rathaus_booking::by_place(&state.db, tenant, &search).await.map_err(super::page_error)?;
    let times = found.iter().flat_map(|p| p.days.days.iter()).filter(|d| d.date == date).flat_map(|d| d.times.iter());
    Ok(times
        .filter(|t| **t > after)
        .take(5)
        .map(|t| TimeOption {
            value: format!("{place_id}@{}", clock(*t)),
            label: clock(*t),
            id: format!("alt-{}", clock(*t).replace(':', "")),
        })
        .collect())
}

/// The page again with why the guard refused (429 for too many requests).
async fn refused(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    choice: Choice,
    refusal: Refusal,
    selected: String,
    now: Timestamp,
) -> Result<Response, PageError> {
    let mut errors = FormErrors::new();
    let tr = page.tr;
    errors.add("times", refusal.message(tr));
    let mut res = render_times(state, tenant, page, choice, errors, Vec::new(), selected, now).await?;
    if let Refusal::TooMany { retry_after } = refusal {
        *res.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
        if let Ok(v) = retry_after.to_string().parse() {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    Ok(res)
}
