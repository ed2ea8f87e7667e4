//! `/admin/catalog/places/{id}/hours`: the weekly opening hours of a location or video
//! office (one field per weekday, e.g. `08:00-12:00, 14:00-18:00`, checked day by day), and
//! its exceptions: the upcoming ones listed with a remove button, and a form to add one
//! (closed all day, or other hours) with an optional note in both languages. Adding an
//! exception on a date that has one replaces it. Public holidays need no exception: the
//! schedule adds them from the tenant's federal state.

use super::{PlaceHead, place};
use crate::routes::admin::catalog::{
    NoticeQuery, admin_tenant, catalog_changed, notice_text, saved,
    values::{Pairs, date, optional},
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::admin::Choice,
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use jiff::civil::{Date, Weekday};
use rathaus_db::catalog::hours::{self, HoursException};
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::{TenantId, audit, begin_write};
use rathaus_domain::Language;
use rathaus_domain::opening_hours::{DayHours, WeeklyHours};

const TYPES: &[PlaceType] = &[PlaceType::Location, PlaceType::VirtualOffice];

pub(super) const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
];

/// The message for a day's hours that do not parse, by the domain's error code.
pub(super) fn hours_message(tr: Tr, code: &str) -> String {
    match code {
        "hours-order" | "hours-overlap" => tr.t(&format!("admin-catalog-invalid-{code}")),
        _ => tr.t("admin-catalog-invalid-hours-format"),
    }
}

/// The weekly hours of the seven fields (`hours_mon` …), each day checked on its own.
fn parse_week(tr: Tr, values: &[String; 7]) -> Result<WeeklyHours, FormErrors> {
    let mut errors = FormErrors::new();
    let mut week = WeeklyHours::closed();
    for ((code, day), value) in DAYS.iter().zip(values) {
        match DayHours::parse(value) {
            Ok(hours) => week.set(*day, hours),
            Err(e) => {
                let label = tr.t(&format!("admin-catalog-day-{code}"));
                errors.add(&format!("hours_{code}"), format!("{label}: {}", hours_message(tr, e.code)));
            }
        }
    }
    if errors.is_empty() { Ok(week) } else { Err(errors) }
}

/// The exception form as entered.
#[derive(Debug, Clone, Default)]
pub(in crate::routes::admin::catalog) struct ExceptionInput {
    pub date: String,
    /// `closed` or `hours`.
    pub kind: String,
    pub hours: String,
    pub note_de: String,
    pub note_en: String,
}

fn parse_exception(tr: Tr, input: &ExceptionInput) -> Result<HoursException, FormErrors> {
    let mut errors = FormErrors::new();
    let day = date(&input.date);
    if day.is_none() {
        errors.add("exception_date", tr.t("admin-catalog-invalid-date"));
    }
    let closed = match input.kind.as_str() {
        "closed" => true,
        "hours" => false,
        _ => {
            errors.add("exception_kind", tr.t("admin-catalog-invalid-exception-kind"));
            false
        }
    };
    let hours = match (closed, DayHours::parse(&input.hours)) {
        (true, Ok(h)) if h.is_closed() => h,
        (true, _) => {
            errors.add("exception_hours", tr.t("admin-catalog-invalid-exception-closed-hours"));
            DayHours::closed()
        }
        (false, Ok(h)) if h.is_closed() && input.kind == "hours" => {
            errors.add("exception_hours", tr.t("admin-catalog-invalid-exception-hours-missing"));
            h
        }
        (false, Ok(h)) => h,
        (false, Err(e)) => {
            errors.add("exception_hours", hours_message(tr, e.code));
            DayHours::closed()
        }
    };
    let (note_de, note_en) = (optional(&input.note_de), optional(&input.note_en));
    match (&note_de, &note_en) {
        (Some(_), None) => errors.add("exception_note_en", tr.t("admin-catalog-invalid-note-en")),
        (None, Some(_)) => errors.add("exception_note_de", tr.t("admin-catalog-invalid-note-de")),
        _ => {}
    }
    match day {
        Some(date) if errors.is_empty() => Ok(HoursException { date, closed, hours, note_de, note_en }),
        _ => Err(errors),
    }
}

/// A date for display in the page's language.
pub(super) fn show_date(lang: Language, d: Date) -> String {
    match lang {
        Language::De => d.strftime("%d.%m.%Y").to_string(),
        Language::En => d.strftime("%-d %b %Y").to_string(),
    }
}

/// Today in the tenant's time zone.
pub(super) fn today(tenant: &CurrentTenant) -> Date {
    jiff::Timestamp::now().to_zoned(tenant.tz()).date()
}

struct Day {
    field: String,
    label: String,
    value: String,
}

struct ExceptionRow {
    iso: String,
    date: String,
    closed: bool,
    hours: String,
    note: String,
}

#[derive(Template)]
#[template(path = "admin/catalog/place_hours.html")]
struct HoursPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    head: PlaceHead,
    days: Vec<Day>,
    exceptions: Vec<ExceptionRow>,
    exception: ExceptionInput,
    kinds: Vec<Choice>,
}

/// The page with `week` (entered or stored) and `exception` (entered or blank).
struct Shown {
    week: Option<[String; 7]>,
    exception: ExceptionInput,
    errors: FormErrors,
    notice: Option<String>,
}

async fn hours_page(
    state: &AppState,
    tenant: (&CurrentTenant, TenantId),
    page: Page,
    (p, t): (&Place, PlaceType),
    shown: Shown,
) -> Result<Response, PageError> {
    let (current, tenant) = tenant;
    let stored = hours::weekly(&state.db, tenant, p.id).await?;
    let week = shown.week.unwrap_or_else(|| DAYS.map(|(_, day)| stored.on(day).to_string()));
    let days = DAYS
        .iter()
        .zip(week)
        .map(|((code, _), value)| Day {
            field: format!("hours_{code}"),
            label: page.t(&format!("admin-catalog-day-{code}")),
            value,
        })
        .collect();
    let lang = page.language();
    let exceptions = hours::exceptions(&state.db, tenant, p.id, Some(today(current)), None)
        .await?
        .into_iter()
        .map(|e| ExceptionRow {
            iso: e.date.to_string(),
            date: show_date(lang, e.date),
            closed: e.closed,
            hours: e.hours.to_string(),
            note: if lang == Language::En { e.note_en } else { e.note_de }.unwrap_or_default(),
        })
        .collect();
    let kinds = ["closed", "hours"]
        .iter()
        .map(|k| Choice {
            value: (*k).to_owned(),
            label: page.t(&format!("admin-catalog-exception-{k}")),
            selected: shown.exception.kind == *k,
        })
        .collect();
    render(&HoursPage {
        notice: shown.notice,
        errors: shown.errors,
        head: PlaceHead::new(page.tr, p, t, "hours"),
        days,
        exceptions,
        exception: shown.exception,
        kinds,
        page,
    })
}

fn blank_exception() -> ExceptionInput {
    ExceptionInput { kind: "closed".to_owned(), ..ExceptionInput::default() }
}

pub(in crate::routes::admin::catalog) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    current: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let notice = notice_text(page.tr, q.notice.as_deref());
    let shown = Shown { week: None, exception: blank_exception(), errors: FormErrors::new(), notice };
    hours_page(&state, (&current, tenant), page, (&p, t), shown).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn save_weekly(
    State(state): State<AppState>,
    staff: Staff,
    current: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let form = Pairs(&pairs);
    let values = DAYS.map(|(code, _)| form.get(&format!("hours_{code}")));
    let week = match parse_week(page.tr, &values) {
        Ok(w) => w,
        Err(errors) => {
            let shown = Shown { week: Some(values), exception: blank_exception(), errors, notice: None };
            return hours_page(&state, (&current, tenant), page, (&p, t), shown).await;
        }
    };
    let before = hours::weekly(&state.db, tenant, p.id).await?;
    let changed: Vec<&str> =
        DAYS.iter().filter(|(_, day)| before.on(*day) != week.on(*day)).map(|(code, _)| *code).collect();
    if !changed.is_empty() {
        let tx = begin_write(&state.db).await?;
        hours::set_weekly(&tx, tenant, p.id, &week).await?;
        let entry = staff
            .audit_entry("catalog.hours_changed")
            .target("place", p.id)
            .details(serde_json::json!({ "place": p.key, "days": changed }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/places/{id}/hours"), "hours-saved"))
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn add_exception(
    State(state): State<AppState>,
    staff: Staff,
    current: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let form = Pairs(&pairs);
    let input = ExceptionInput {
        date: form.get("exception_date"),
        kind: form.get("exception_kind"),
        hours: form.get("exception_hours"),
        note_de: form.get("exception_note_de"),
        note_en: form.get("exception_note_en"),
    };
    let exception = match parse_exception(page.tr, &input) {
        Ok(e) => e,
        Err(errors) => {
            let shown = Shown { week: None, exception: input, errors, notice: None };
            return hours_page(&state, (&current, tenant), page, (&p, t), shown).await;
        }
    };
    let tx = begin_write(&state.db).await?;
    let replaced = !hours::exceptions(&tx, tenant, p.id, Some(exception.date), Some(exception.date)).await?.is_empty();
    hours::set_exception(&tx, tenant, p.id, &exception).await?;
    let entry = staff.audit_entry("catalog.exception_set").target("place", p.id).details(serde_json::json!({
        "place": p.key, "date": exception.date.to_string(), "closed": exception.closed, "replaced": replaced
    }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved(&format!("/admin/catalog/places/{id}/hours"), "exception-saved"))
}

#[derive(serde::Deserialize)]
pub(super) struct EmptyForm {}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn remove_exception(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, day)): Path<(i64, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let day: Date = day.parse().map_err(|_| PageError::not_found())?;
    let tx = begin_write(&state.db).await?;
    if !hours::remove_exception(&tx, tenant, p.id, day).await? {
        return Err(PageError::not_found());
    }
    let entry = staff
        .audit_entry("catalog.exception_removed")
        .target("place", p.id)
        .details(serde_json::json!({ "place": p.key, "date": day.to_string() }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved(&format!("/admin/catalog/places/{id}/hours"), "exception-removed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(tue: &str) -> [String; 7] {
        ["08:00-12:00", tue, "", "08:00-12:00, 14:00-18:00", "8:00–12:00", "", ""].map(str::to_owned)
    }

    #[test]
    fn each_day_is_checked_on_its_own() {
        let ok = parse_week(Tr(Language::De), &week("")).unwrap();
        assert_eq!(ok.on(Weekday::Thursday).to_string(), "08:00-12:00, 14:00-18:00");
        assert!(ok.on(Weekday::Tuesday).is_closed());
        for (tue, text) in [
            ("25:00-26:00", "admin-catalog-invalid-hours-format"),
            ("12:00-08:00", "admin-catalog-invalid-hours-order"),
            ("08:00-12:00, 11:00-13:00", "admin-catalog-invalid-hours-overlap"),
        ] {
            let errors = parse_week(Tr(Language::De), &week(tue)).unwrap_err();
            assert_eq!(errors.items.len(), 1, "{tue}");
            assert_eq!(errors.items[0].field, "hours_tue");
            assert!(errors.items[0].message.starts_with("Dienstag: "), "{}", errors.items[0].message);
            assert!(errors.items[0].message.ends_with(&Tr(Language::De).t(text)));
        }
    }

    #[test]
    fn exceptions_are_closed_or_have_hours_and_notes_in_both_languages() {
        let tr = Tr(Language::De);
        let closed = ExceptionInput {
            date: "24.12.2026".into(),
            note_de: "Heiligabend".into(),
            note_en: "Christmas Eve".into(),
            ..blank_exception()
        };
        let e = parse_exception(tr, &closed).unwrap();
        assert!(e.closed && e.hours.is_closed());
        let fields = |input: &ExceptionInput| -> Vec<String> {
            parse_exception(tr, input).unwrap_err().items.into_iter().map(|e| e.field).collect()
        };
        let bad = ExceptionInput {
            date: "31.02.2026".into(),
            hours: "08:00-12:00".into(),
            note_en: "x".into(),
            ..blank_exception()
        };
        assert_eq!(fields(&bad), ["exception_date", "exception_hours", "exception_note_de"]);
        let open = ExceptionInput { date: "2026-11-19".into(), kind: "hours".into(), ..ExceptionInput::default() };
        assert_eq!(fields(&open), ["exception_hours"]);
        let e = parse_exception(tr, &ExceptionInput { hours: "08:00-13:00".into(), ..open }).unwrap();
        assert_eq!((e.closed, e.hours.to_string()), (false, "08:00-13:00".to_owned()));
    }
}
