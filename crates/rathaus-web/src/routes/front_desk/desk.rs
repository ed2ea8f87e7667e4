//! `/schalter`: the clerk workstation. A clerk signs in at a counter, then works the queue
//! with one key per action (N next, W recall, S start, F finish, A not answered, X no-show,
//! T transfer, P pause), every action also a plain form button that works without
//! JavaScript. The page shows the ticket at the counter with its appointment and services,
//! who waits for this counter with estimates, parked tickets, and the clerk's day figures.
//! `/schalter/live` tells the page when the queue changed.

use super::devices::actor;
use super::labels::{self, clock, page_error};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use rathaus_db::TenantId;
use rathaus_db::front_desk::tickets::{Ticket, TicketStatus};
use rathaus_domain::Role;
use rathaus_front_desk::FrontDeskError;
use rathaus_front_desk::desk::{self, Step};
use serde::Deserialize;
use std::collections::HashMap;

pub struct CounterChoice {
    pub id: i64,
    pub label: String,
    /// Somebody else sits there now.
    pub taken: bool,
    /// Preselected (the clerk may take it over).
    pub checked: bool,
}

pub struct CurrentTicket {
    pub id: i64,
    pub label: String,
    pub called: bool,
    pub serving: bool,
    pub calls: i32,
    pub services: Vec<(i64, String)>,
    pub appointment: Option<AppointmentInfo>,
}

pub struct AppointmentInfo {
    pub id: i64,
    pub code: String,
    pub time: String,
    pub name: String,
    pub persons: i32,
    pub notes: String,
}

pub struct WaitingRow {
    pub id: i64,
    pub label: String,
    pub services: String,
    pub since: String,
    pub estimate: String,
    pub kind: String,
    pub mine: bool,
    pub priority: bool,
}

pub struct DayFigures {
    pub served: usize,
    pub no_shows: usize,
    pub mean_service_minutes: String,
    pub mean_wait_minutes: String,
}

#[derive(Template)]
#[template(path = "front_desk/desk_sign_in.html")]
struct SignInPage {
    page: Page,
    errors: FormErrors,
    places: Vec<(String, Vec<CounterChoice>)>,
    take_over: Option<i64>,
}

#[derive(Template)]
#[template(path = "front_desk/desk.html")]
struct DeskPage {
    page: Page,
    errors: FormErrors,
    notice: Option<String>,
    counter_name: String,
    place_name: String,
    paused: bool,
    current: Option<CurrentTicket>,
    waiting: Vec<WaitingRow>,
    parked: Vec<WaitingRow>,
    counters: Vec<(i64, String)>,
    services: Vec<(i64, String)>,
    figures: DayFigures,
}

async fn render_sign_in(
    state: &AppState,
    staff: &Staff,
    page: Page,
    errors: FormErrors,
    take_over: Option<i64>,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let mut places = Vec::new();
    for place in rathaus_db::catalog::places::list_all(&state.db, t).await?.into_iter() {
        let desks = rathaus_db::front_desk::desks::staffed(&state.db, t, place.id).await?;
        let counters: Vec<CounterChoice> = rathaus_db::catalog::counters::list(&state.db, t, place.id)
            .await?
            .into_iter()
            .filter(|c| c.active)
            .map(|c| CounterChoice {
                taken: desks.iter().any(|d| d.counter_id == c.id && d.user_id != Some(staff.user_id())),
                checked: take_over == Some(c.id),
                label: c.name,
                id: c.id,
            })
            .collect();
        if !counters.is_empty() {
            places.push((place_name(&place, page.language()), counters));
        }
    }
    let status = if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::CONFLICT };
    let mut res = render(&SignInPage { page, errors, places, take_over })?;
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    render_desk(&state, &staff, page, FormErrors::new(), q.notice.as_deref()).await
}

async fn render_desk(
    state: &AppState,
    staff: &Staff,
    page: Page,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let Some(d) = rathaus_db::front_desk::desks::of_user(&state.db, t, staff.user_id()).await? else {
        return render_sign_in(state, staff, page, errors, None).await;
    };
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let now = rathaus_db::now();
    let queue = rathaus_front_desk::state::load(&state.db, t, d.place_id, now).await?;
    let place = rathaus_db::catalog::places::get(&state.db, t, d.place_id).await?.ok_or_else(PageError::not_found)?;
    let names = labels::service_names(&state.db, t, page.language()).await?;
    let me = queue.counter(d.counter_id);
    let my_services = me.map(|c| c.services.clone()).unwrap_or_default();

    let current = match desk::current(&state.db, t, &d).await.map_err(page_error)? {
        Some(ticket) => Some(current_ticket(state, t, &tz, &ticket, &names).await?),
        None => None,
    };
    let row = |q: &rathaus_front_desk::state::QueuedTicket| WaitingRow {
        id: q.ticket.id,
        label: q.ticket.label(),
        services: labels::names(&q.services, &names),
        since: clock(&tz, q.ticket.checked_in_at),
        estimate: q.estimated_call_at.map(|at| clock(&tz, at)).unwrap_or_default(),
        kind: match q.ticket.due_s {
            Some(due) => page.t_with("desk-kind-appointment", "time", &clock(&tz, due)),
            None => page.t("desk-kind-walk-in"),
        },
        priority: q.ticket.priority != 0,
        mine: q.ticket.for_counter_id.is_none_or(|c| c == d.counter_id)
            && q.services.iter().all(|s| my_services.contains(s)),
    };
    let waiting = queue.waiting.iter().map(row).collect();
    let parked = queue.parked.iter().map(row).collect();
    let counters = queue.counters.iter().filter(|c| c.id != d.counter_id).map(|c| (c.id, c.name.clone())).collect();
    let offered = rathaus_db::catalog::offerings::service_ids(&state.db, t, d.place_id).await?;
    let mut services: Vec<(i64, String)> =
        offered.iter().filter_map(|id| names.get(id).map(|n| (*id, n.clone()))).collect();
    services.sort_by(|a, b| a.1.cmp(&b.1));
    let figures = day_figures(state, t, &tz, d.place_id, staff.user_id(), now).await?;
    let notice = notice
        .filter(|n| {
            [
                "called",
                "recalled",
                "started",
                "finished",
                "unanswered",
                "no-show",
                "transferred",
                "paused",
                "resumed",
                "signed-in",
                "unparked",
            ]
            .contains(n)
        })
        .map(|n| page.t(&format!("desk-notice-{n}")));
    render(&DeskPage {
        counter_name: me.map(|c| c.name.clone()).unwrap_or_default(),
        place_name: place_name(&place, page.language()),
        paused: d.paused != 0,
        errors,
        notice,
        current,
        waiting,
        parked,
        counters,
        services,
        figures,
        page,
    })
}

async fn current_ticket(
    state: &AppState,
    t: TenantId,
    tz: &jiff::tz::TimeZone,
    ticket: &Ticket,
    names: &HashMap<i64, String>,
) -> Result<CurrentTicket, PageError> {
    let ids: Vec<i64> = rathaus_db::front_desk::tickets::services_of(&state.db, t, &[ticket.id])
        .await?
        .remove(&ticket.id)
        .unwrap_or_default()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let appointment = match ticket.appointment_id {
        Some(id) => rathaus_db::appointments::records::get(&state.db, t, id).await?.map(|a| AppointmentInfo {
            id: a.id,
            code: a.booking_code.clone().unwrap_or_default(),
            time: clock(tz, a.start_s),
            name: a.name.clone(),
            persons: a.persons,
            notes: a.notes.clone().unwrap_or_default(),
        }),
        None => None,
    };
    Ok(CurrentTicket {
        id: ticket.id,
        label: ticket.label(),
        called: ticket.status == TicketStatus::Called.code(),
        serving: ticket.status == TicketStatus::Serving.code(),
        calls: ticket.calls,
        services: ids.iter().map(|id| (*id, names.get(id).cloned().unwrap_or_default())).collect(),
        appointment,
    })
}

/// The clerk's own figures for today at this place.
async fn day_figures(
    state: &AppState,
    t: TenantId,
    tz: &jiff::tz::TimeZone,
    place_id: i64,
    user_id: i64,
    now: i64,
) -> Result<DayFigures, PageError> {
    let midnight = jiff::Timestamp::from_second(now)
        .ok()
        .and_then(|ts| ts.to_zoned(tz.clone()).start_of_day().ok())
        .map_or(now - 86_400, |z| z.timestamp().as_second());
    let mine: Vec<Ticket> =
        rathaus_db::front_desk::tickets::finished_between(&state.db, t, Some(place_id), midnight, now + 1)
            .await?
            .into_iter()
            .filter(|x| x.user_id == Some(user_id))
            .collect();
    let served: Vec<&Ticket> = mine.iter().filter(|x| x.status == TicketStatus::Done.code()).collect();
    let minutes = |v: Vec<i64>| {
        if v.is_empty() {
            "–".to_owned()
        } else {
            format!("{:.1}", v.iter().sum::<i64>() as f64 / v.len() as f64 / 60.0)
        }
    };
    Ok(DayFigures {
        served: served.len(),
        no_shows: mine.len() - served.len(),
        mean_service_minutes: minutes(served.iter().filter_map(|x| Some(x.finished_at? - x.started_at?)).collect()),
        mean_wait_minutes: minutes(served.iter().filter_map(|x| Some(x.called_at? - x.queued_at)).collect()),
    })
}

/// After an action: back to the desk with a notice, or the desk with the error.
async fn after(
    state: &AppState,
    staff: &Staff,
    page: Page,
    result: Result<(), FrontDeskError>,
    notice: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/schalter?notice={notice}#current")).into_response()),
        Err(FrontDeskError::CounterTaken) => {
            let mut errors = FormErrors::new();
            errors.add("counters", labels::message(page.tr, &FrontDeskError::CounterTaken));
            render_sign_in(state, staff, page, errors, None).await
        }
        Err(e) if labels::is_situation(&e) => {
            let mut errors = FormErrors::new();
            errors.add("actions", labels::message(page.tr, &e));
            let mut res = render_desk(state, staff, page, errors, None).await?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(page_error(e)),
    }
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    counter: String,
    #[serde(default)]
    take_over: Option<String>,
}

pub async fn sign_in(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let Ok(counter) = form.counter.parse::<i64>() else {
        let mut errors = FormErrors::new();
        errors.add("counters", page.t("desk-error-choose-counter"));
        return render_sign_in(&state, &staff, page, errors, None).await;
    };
    let result = desk::sign_in(
        state.front_desk(staff.tenant()),
        counter,
        form.take_over.is_some(),
        staff.user_id(),
        &actor(&staff),
        rathaus_db::now(),
    )
    .await;
    if let Err(FrontDeskError::CounterTaken) = result {
        let mut errors = FormErrors::new();
        errors.add("counters", labels::message(page.tr, &FrontDeskError::CounterTaken));
        return render_sign_in(&state, &staff, page, errors, Some(counter)).await;
    }
    after(&state, &staff, page, result, "signed-in").await
}

pub async fn sign_out(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    desk::sign_out(state.front_desk(staff.tenant()), staff.user_id(), &actor(&staff)).await.map_err(page_error)?;
    Ok(Redirect::to("/schalter").into_response())
}

#[derive(Deserialize)]
pub struct PauseForm {
    #[serde(default)]
    paused: String,
}

pub async fn pause(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(form): CsrfForm<PauseForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let paused = form.paused == "1";
    let result = desk::set_paused(state.front_desk(staff.tenant()), staff.user_id(), paused, &actor(&staff)).await;
    after(&state, &staff, page, result, if paused { "paused" } else { "resumed" }).await
}

pub async fn call_next(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let result =
        desk::call_next(state.front_desk(staff.tenant()), staff.user_id(), &actor(&staff), rathaus_db::now()).await;
    after(&state, &staff, page, result.map(|_| ()), "called").await
}

pub async fn call_ticket(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let result =
        desk::call_ticket(state.front_desk(staff.tenant()), staff.user_id(), id, &actor(&staff), rathaus_db::now())
            .await;
    after(&state, &staff, page, result.map(|_| ()), "called").await
}

pub async fn unpark(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let result = desk::unpark(state.front_desk(staff.tenant()), staff.user_id(), id, &actor(&staff)).await;
    after(&state, &staff, page, result, "unparked").await
}

/// The action form: `step` plus, for finishing, the services done (`done`, repeated) and,
/// for a transfer, the counter and/or service (`to_counter`, `to_service`).
pub async fn act(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let ids = |name: &str| -> Vec<i64> {
        pairs.iter().filter(|(k, _)| k == name).filter_map(|(_, v)| v.parse().ok()).collect()
    };
    let (step, notice) = match field("step") {
        "recall" => (Step::Recall, "recalled"),
        "start" => (Step::Start, "started"),
        "finish" => (Step::Finish { done_services: ids("done") }, "finished"),
        "unanswered" => (Step::Unanswered, "unanswered"),
        "no_show" => (Step::NoShow, "no-show"),
        "transfer" => {
            let to_counter = field("to_counter").parse::<i64>().ok();
            let services = field("to_service").parse::<i64>().ok().map(|s| vec![s]);
            if to_counter.is_none() && services.is_none() {
                let mut errors = FormErrors::new();
                errors.add("to_counter", page.t("desk-error-transfer-target"));
                return render_desk(&state, &staff, page, errors, None).await;
            }
            (Step::Transfer { to_counter, services }, "transferred")
        }
        _ => return Err(PageError::bad_request()),
    };
    let result =
        desk::act(state.front_desk(staff.tenant()), staff.user_id(), step, &actor(&staff), rathaus_db::now()).await;
    after(&state, &staff, page, result.map(|_| ()), notice).await
}

/// A nudge whenever the desk's place changes; the page then reloads its lists.
pub async fn live(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let Some(d) = rathaus_db::front_desk::desks::of_user(&state.db, staff.tenant(), staff.user_id()).await? else {
        return Err(PageError::not_found());
    };
    let rx = state.queues.subscribe(staff.tenant(), d.place_id).await;
    Ok(super::sse::stream(rx, |live| {
        live.message(crate::live::MessageKey::Desk, rathaus_domain::Language::De, |live| {
            let q = live.queue.as_ref()?;
            Some(serde_json::json!({ "waiting": q.waiting.len(), "v": live.version }).to_string())
        })
    }))
}

#[derive(Deserialize)]
pub struct PriorityForm {
    #[serde(default)]
    priority: String,
}

pub async fn set_priority(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<PriorityForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let priority = form.priority == "1";
    let result =
        desk::set_priority(state.front_desk(staff.tenant()), staff.user_id(), id, priority, &actor(&staff)).await;
    after(&state, &staff, page, result, "priority").await
}
