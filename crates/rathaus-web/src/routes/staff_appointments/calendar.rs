//! `/staff/termine`: a place's appointments by day (`ansicht=tag`, default) or week
//! (`ansicht=woche`), for all counters or one (`schalter`), with links to the previous and
//! next day or week; `/staff/termine/tagesliste` is the same day as a printable list, and
//! `tagesliste.csv` its export (spreadsheet-safe: cells that would start a formula are
//! prefixed with an apostrophe).

use super::common::{Names, PlaceOption, Row, day_bounds, places_and_choice, row};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    page::{Page, render},
    routes::catalog::dates::long_date,
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use jiff::ToSpan;
use jiff::civil::Date;
use rathaus_db::appointments::records;
use rathaus_db::catalog::counters;
use rathaus_domain::Role;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
pub(super) struct CalendarQuery {
    ort: Option<String>,
    datum: Option<String>,
    ansicht: Option<String>,
    schalter: Option<String>,
}

struct CounterOption {
    id: i64,
    name: String,
    selected: bool,
}

struct DayBlock {
    label: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "staff/calendar.html")]
struct CalendarPage {
    page: Page,
    places: Vec<PlaceOption>,
    place_key: String,
    place_name: String,
    counters: Vec<CounterOption>,
    counter: String,
    week: bool,
    date: String,
    title: String,
    days: Vec<DayBlock>,
    prev: String,
    next: String,
    today: String,
}

#[derive(Template)]
#[template(path = "staff/day_list.html")]
struct DayListPage {
    page: Page,
    place_name: String,
    date_label: String,
    rows: Vec<Row>,
}

struct Loaded {
    places: Vec<PlaceOption>,
    place: rathaus_db::catalog::places::Place,
    counter: Option<i64>,
    date: Date,
    week: bool,
    tz: jiff::tz::TimeZone,
}

async fn load(state: &AppState, staff: &Staff, page: &Page, q: &CalendarQuery) -> Result<Loaded, PageError> {
    staff.require(Role::Clerk)?;
    let t = staff.tenant();
    let (places, place) = places_and_choice(&state.db, t, page.tr, q.ort.as_deref()).await?;
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let today = tz.to_datetime(jiff::Timestamp::now()).date();
    let date = q.datum.as_deref().and_then(|d| d.parse().ok()).unwrap_or(today);
    let counter = q.schalter.as_deref().and_then(|c| c.parse().ok());
    Ok(Loaded { places, place, counter, date, week: q.ansicht.as_deref() == Some("woche"), tz })
}

/// The appointments of `first..=last` (by day), of one counter if given.
async fn rows_by_day(
    state: &AppState,
    staff: &Staff,
    page: &Page,
    l: &Loaded,
    first: Date,
    last: Date,
) -> Result<Vec<DayBlock>, PageError> {
    let t = staff.tenant();
    let names = Names::load(&state.db, t, l.place.id, page.tr).await?;
    let (from_s, _) = day_bounds(&l.tz, first)?;
    let (_, to_s) = day_bounds(&l.tz, last)?;
    let mut by_day: std::collections::BTreeMap<String, Vec<Row>> = std::collections::BTreeMap::new();
    for a in records::at_place(&state.db, t, l.place.id, from_s, to_s).await? {
        if l.counter.is_some_and(|c| c != a.counter_id) {
            continue;
        }
        let r = row(&state.db, t, &l.tz, page.tr, &names, &a).await?;
        by_day.entry(r.date.clone()).or_default().push(r);
    }
    let mut days = Vec::new();
    let mut d = first;
    while d <= last {
        days.push(DayBlock { label: long_date(page.tr, d), rows: by_day.remove(&d.to_string()).unwrap_or_default() });
        d = d.tomorrow().map_err(|e| PageError::internal("date", &e))?;
    }
    Ok(days)
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, PageError> {
    let l = load(&state, &staff, &page, &q).await?;
    let (first, last, step) = if l.week {
        let monday = l
            .date
            .checked_sub(i64::from(l.date.weekday().to_monday_zero_offset()).days())
            .map_err(|e| PageError::internal("date", &e))?;
        (monday, monday.checked_add(6.days()).map_err(|e| PageError::internal("date", &e))?, 7)
    } else {
        (l.date, l.date, 1)
    };
    let days = rows_by_day(&state, &staff, &page, &l, first, last).await?;
    let shift = |n: i64| l.date.checked_add(n.days()).map(|d| d.to_string()).unwrap_or_default();
    let counters = counters::list(&state.db, staff.tenant(), l.place.id)
        .await?
        .into_iter()
        .map(|c| CounterOption { selected: l.counter == Some(c.id), id: c.id, name: c.name })
        .collect();
    let title = if l.week {
        page.t_with("staff-appt-week-of", "date", &long_date(page.tr, first))
    } else {
        long_date(page.tr, l.date)
    };
    let today = l.tz.to_datetime(jiff::Timestamp::now()).date().to_string();
    render(&CalendarPage {
        places: l.places,
        place_key: l.place.key.clone(),
        place_name: place_name(&l.place, page.language()),
        counters,
        counter: l.counter.map(|c| c.to_string()).unwrap_or_default(),
        week: l.week,
        date: l.date.to_string(),
        title,
        days,
        prev: shift(-step),
        next: shift(step),
        today,
        page,
    })
}

pub(super) async fn day_list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, PageError> {
    let l = load(&state, &staff, &page, &q).await?;
    let mut days = rows_by_day(&state, &staff, &page, &l, l.date, l.date).await?;
    let rows = days.pop().map(|d| d.rows).unwrap_or_default();
    render(&DayListPage {
        place_name: place_name(&l.place, page.language()),
        date_label: long_date(page.tr, l.date),
        rows,
        page,
    })
}

/// One CSV cell: quoted when needed, formulas defused.
pub(crate) fn cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', ';', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

pub(super) async fn day_csv(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, PageError> {
    let l = load(&state, &staff, &page, &q).await?;
    let mut days = rows_by_day(&state, &staff, &page, &l, l.date, l.date).await?;
    let rows = days.pop().map(|d| d.rows).unwrap_or_default();
    let header_keys =
        ["date", "start", "end", "counter", "services", "persons", "name", "contact", "code", "status", "channel"];
    let mut out =
        header_keys.iter().map(|k| cell(&page.t(&format!("staff-appt-col-{k}")))).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for r in rows {
        let fields = [
            r.date,
            r.start,
            r.end,
            r.counter,
            r.services,
            r.persons.to_string(),
            r.name,
            r.contact,
            r.code,
            r.status_label,
            r.channel_label,
        ];
        out.push_str(&fields.iter().map(|f| cell(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    let filename = format!("termine-{}-{}.csv", l.place.key, l.date);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        format!("\u{feff}{out}"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Anna"), "Anna");
        assert_eq!(cell("Müller, Anna"), "\"Müller, Anna\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+49 170"), "'+49 170");
    }
}
