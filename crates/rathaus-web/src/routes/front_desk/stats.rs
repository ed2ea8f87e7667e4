//! `/staff/warteschlange`: supervisors' queue figures – waiting time, service time and
//! no-show rate by place, service, counter and hour, for a date range – with a chart of
//! the mean wait per hour drawn on the server as SVG, and the same table as CSV. Below,
//! the front-desk settings of a place (walk-ins, prefixes, check-in window, queue rules).

use super::labels;
use crate::routes::staff_appointments::calendar::cell;
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
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use jiff::civil::Date;
use rathaus_db::front_desk::policy::QueueSettings;
use rathaus_domain::Role;
use rathaus_front_desk::stats::{Dimension, Ended, Figures};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    von: Option<String>,
    bis: Option<String>,
    ort: Option<String>,
    notice: Option<String>,
}

pub struct Row {
    pub key: String,
    pub tickets: usize,
    pub no_show_rate: String,
    pub wait: String,
    pub service: String,
}

pub struct Bar {
    pub x: usize,
    pub y: usize,
    pub height: usize,
    pub label: String,
    pub value: String,
}

pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "front_desk/stats.html")]
struct StatsPage {
    page: Page,
    errors: FormErrors,
    notice: Option<String>,
    from: String,
    to: String,
    total: Row,
    sections: Vec<Section>,
    bars: Vec<Bar>,
    chart_max: String,
    places: Vec<(i64, String)>,
    place_id: i64,
    settings: QueueSettings,
}

fn minutes(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |m| format!("{m:.1}"))
}

fn row(key: String, f: &Figures) -> Row {
    Row {
        key,
        tickets: f.tickets,
        no_show_rate: format!("{:.0} %", f.no_show_rate() * 100.0),
        wait: minutes(f.mean_wait_minutes),
        service: minutes(f.mean_service_minutes),
    }
}

struct Loaded {
    from: Date,
    to: Date,
    rows: Vec<Ended>,
}

async fn load(state: &AppState, staff: &Staff, page: &Page, q: &StatsQuery) -> Result<Loaded, PageError> {
    let t = staff.tenant();
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
    let parse = |v: &Option<String>| v.as_deref().and_then(|s| s.parse::<Date>().ok());
    let to = parse(&q.bis).unwrap_or(today);
    let from = parse(&q.von).unwrap_or_else(|| to.checked_sub(jiff::Span::new().days(6)).unwrap_or(to)).min(to);
    let instant = |d: Date| d.to_zoned(tz.clone()).map(|z| z.timestamp().as_second()).unwrap_or(0);
    let end = to.tomorrow().map(instant).unwrap_or(i64::MAX);
    let tickets = rathaus_db::front_desk::tickets::finished_between(&state.db, t, None, instant(from), end).await?;
    let places: HashMap<i64, String> = rathaus_db::catalog::places::list_all(&state.db, t)
        .await?
        .iter()
        .map(|p| (p.id, place_name(p, page.language())))
        .collect();
    let mut counters: HashMap<i64, String> = HashMap::new();
    for place in places.keys() {
        for c in rathaus_db::catalog::counters::list(&state.db, t, *place).await? {
            counters.insert(c.id, c.name);
        }
    }
    let names = labels::service_names(&state.db, t, page.language()).await?;
    let ids: Vec<i64> = tickets.iter().map(|x| x.id).collect();
    let services = rathaus_db::front_desk::tickets::services_of(&state.db, t, &ids).await?;
    let rows = tickets
        .iter()
        .map(|x| Ended {
            place: places.get(&x.place_id).cloned().unwrap_or_default(),
            counter: x.counter_id.and_then(|c| counters.get(&c).cloned()),
            services: services
                .get(&x.id)
                .map(|v| v.iter().filter_map(|(s, _)| names.get(s).cloned()).collect())
                .unwrap_or_default(),
            hour: jiff::Timestamp::from_second(x.checked_in_at)
                .map(|ts| ts.to_zoned(tz.clone()).hour().clamp(0, 23) as u8)
                .unwrap_or(0),
            no_show: x.status == "no_show",
            wait_secs: x.called_at.map(|c| c - x.queued_at),
            service_secs: match (x.started_at, x.finished_at) {
                (Some(s), Some(f)) => Some(f - s),
                _ => None,
            },
        })
        .collect();
    Ok(Loaded { from, to, rows })
}

const CHART_HEIGHT: usize = 160;

fn bars(by_hour: &[(String, Figures)]) -> (Vec<Bar>, String) {
    let max = by_hour.iter().filter_map(|(_, f)| f.mean_wait_minutes).fold(0.0_f64, f64::max);
    let bars = by_hour
        .iter()
        .enumerate()
        .map(|(i, (hour, f))| {
            let value = f.mean_wait_minutes.unwrap_or(0.0);
            let height = if max > 0.0 { ((value / max) * CHART_HEIGHT as f64).round() as usize } else { 0 };
            Bar {
                x: 40 + i * 36,
                y: 10 + CHART_HEIGHT - height,
                height,
                label: hour.clone(),
                value: format!("{value:.1}"),
            }
        })
        .collect();
    (bars, format!("{max:.0}"))
}

async fn render_stats(
    state: &AppState,
    staff: &Staff,
    page: Page,
    q: &StatsQuery,
    errors: FormErrors,
    settings: Option<QueueSettings>,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let l = load(state, staff, &page, q).await?;
    let figures = rathaus_front_desk::stats::figures(&l.rows);
    let sections = figures
        .iter()
        .map(|(d, rows)| Section {
            title: page.t(&format!("stats-by-{}", d.code())),
            rows: rows.iter().map(|(k, f)| row(k.clone(), f)).collect(),
        })
        .collect();
    let (bars, chart_max) = bars(figures.get(&Dimension::Hour).map(Vec::as_slice).unwrap_or(&[]));
    let places: Vec<(i64, String)> = rathaus_db::catalog::places::list_all(&state.db, t)
        .await?
        .iter()
        .map(|p| (p.id, place_name(p, page.language())))
        .collect();
    let place_id = q.ort.as_deref().and_then(|o| o.parse().ok()).or_else(|| places.first().map(|p| p.0)).unwrap_or(0);
    let settings = match settings {
        Some(s) => s,
        None => rathaus_db::front_desk::policy::get(&state.db, t, place_id).await?,
    };
    let notice = q.notice.as_deref().filter(|n| *n == "saved").map(|_| page.t("stats-settings-saved"));
    let status =
        if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let mut res = render(&StatsPage {
        total: row(page.t("stats-total"), &rathaus_front_desk::stats::total(&l.rows)),
        from: l.from.to_string(),
        to: l.to.to_string(),
        sections,
        bars,
        chart_max,
        places,
        place_id,
        settings,
        errors,
        notice,
        page,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<StatsQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Supervisor)?;
    render_stats(&state, &staff, page, &q, FormErrors::new(), None).await
}

pub async fn csv(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<StatsQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Supervisor)?;
    let l = load(&state, &staff, &page, &q).await?;
    let mut out =
        String::from("dimension,key,tickets,no_shows,no_show_rate,mean_wait_minutes,mean_service_minutes\r\n");
    let figures: BTreeMap<Dimension, Vec<(String, Figures)>> = rathaus_front_desk::stats::figures(&l.rows);
    let mut line = |d: &str, k: &str, f: &Figures| {
        let cells = [
            d.to_owned(),
            k.to_owned(),
            f.tickets.to_string(),
            f.no_shows.to_string(),
            format!("{:.3}", f.no_show_rate()),
            f.mean_wait_minutes.map(|m| format!("{m:.1}")).unwrap_or_default(),
            f.mean_service_minutes.map(|m| format!("{m:.1}")).unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    line("total", "", &rathaus_front_desk::stats::total(&l.rows));
    for (d, rows) in &figures {
        for (k, f) in rows {
            line(d.code(), k, f);
        }
    }
    let filename = format!("warteschlange-{}-{}.csv", l.from, l.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        out,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    place: String,
    #[serde(default)]
    walk_ins: Option<String>,
    #[serde(default)]
    appointment_prefix: String,
    #[serde(default)]
    walk_in_prefix: String,
    #[serde(default)]
    checkin_before_minutes: String,
    #[serde(default)]
    early_call_minutes: String,
    #[serde(default)]
    late_grace_minutes: String,
    #[serde(default)]
    late_keeps_appointment: Option<String>,
    #[serde(default)]
    max_wait_minutes: String,
    #[serde(default)]
    max_unanswered: String,
    #[serde(default)]
    unanswered_no_show: Option<String>,
    #[serde(default)]
    notify_minutes: String,
}

pub async fn save_settings(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(f): CsrfForm<SettingsForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Supervisor)?;
    let t = staff.tenant();
    let Some(place) = (match f.place.parse::<i64>() {
        Ok(id) => rathaus_db::catalog::places::get(&state.db, t, id).await?,
        Err(_) => None,
    }) else {
        return Err(PageError::bad_request());
    };
    let mut errors = FormErrors::new();
    let mut number = |field: &str, value: &str, max: i32| -> i32 {
        match value.trim().parse::<i32>() {
            Ok(n) if (0..=max).contains(&n) => n,
            _ => {
                errors.add(field, page.t_with("stats-settings-error-number", "max", &max.to_string()));
                0
            }
        }
    };
    let settings = QueueSettings {
        walk_ins: f.walk_ins.is_some(),
        appointment_prefix: f.appointment_prefix.trim().to_uppercase(),
        walk_in_prefix: f.walk_in_prefix.trim().to_uppercase(),
        checkin_before_minutes: number("checkin_before_minutes", &f.checkin_before_minutes, 240),
        early_call_minutes: number("early_call_minutes", &f.early_call_minutes, 120),
        late_grace_minutes: number("late_grace_minutes", &f.late_grace_minutes, 240),
        late_keeps_appointment: f.late_keeps_appointment.is_some(),
        max_wait_minutes: number("max_wait_minutes", &f.max_wait_minutes, 600).max(1),
        max_unanswered: number("max_unanswered", &f.max_unanswered, 10).max(1),
        unanswered_no_show: f.unanswered_no_show.is_some(),
        notify_minutes: number("notify_minutes", &f.notify_minutes, 60),
        sms_notify: false,
    };
    for (field, prefix) in
        [("appointment_prefix", &settings.appointment_prefix), ("walk_in_prefix", &settings.walk_in_prefix)]
    {
        if prefix.is_empty() || prefix.chars().count() > 3 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.add(field, page.t("stats-settings-error-prefix"));
        }
    }
    if settings.appointment_prefix == settings.walk_in_prefix && errors.for_field("walk_in_prefix").is_none() {
        errors.add("walk_in_prefix", page.t("stats-settings-error-same-prefix"));
    }
    let q = StatsQuery { ort: Some(place.id.to_string()), ..Default::default() };
    if !errors.is_empty() {
        return render_stats(&state, &staff, page, &q, errors, Some(settings)).await;
    }
    let tx = rathaus_db::begin_write(&state.db).await?;
    rathaus_db::front_desk::policy::save(&tx, t, place.id, &settings, rathaus_db::now()).await?;
    rathaus_db::audit::append_in(&tx, t, staff.audit_entry("queue.settings").target("place", place.id)).await?;
    tx.commit().await?;
    state.queues.changed(t, place.id);
    Ok(Redirect::to(&format!("/staff/warteschlange?ort={}&notice=saved#settings", place.id)).into_response())
}
