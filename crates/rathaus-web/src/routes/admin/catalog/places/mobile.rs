//! `/admin/catalog/places/{id}/sessions`: when the mobile citizen office is at a mobile
//! site. The recurring schedule is shown (it is maintained through the catalogue import);
//! upcoming dated sessions and cancellations of scheduled sessions can be added and removed.

use super::hours::{EmptyForm, hours_message, show_date, today};
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
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use jiff::civil::Date;
use rathaus_db::catalog::mobile::{self, RecurringSession, SessionFields};
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::{StoreError, TenantId, audit, begin_write};
use rathaus_domain::Language;
use rathaus_domain::opening_hours::TimeRange;

const TYPES: &[PlaceType] = &[PlaceType::MobileSite];

/// The session form as entered.
#[derive(Debug, Clone, Default)]
pub(in crate::routes::admin::catalog) struct SessionInput {
    pub date: String,
    pub hours: String,
    pub note_de: String,
    pub note_en: String,
}

fn parse_session(tr: Tr, input: &SessionInput) -> Result<SessionFields, FormErrors> {
    let mut errors = FormErrors::new();
    let day = date(&input.date);
    if day.is_none() {
        errors.add("session_date", tr.t("admin-catalog-invalid-date"));
    }
    let hours = match TimeRange::parse(&input.hours) {
        Ok(h) => Some(h),
        Err(e) => {
            errors.add("session_hours", hours_message(tr, e.code));
            None
        }
    };
    let (note_de, note_en) = (optional(&input.note_de), optional(&input.note_en));
    match (&note_de, &note_en) {
        (Some(_), None) => errors.add("session_note_en", tr.t("admin-catalog-invalid-note-en")),
        (None, Some(_)) => errors.add("session_note_de", tr.t("admin-catalog-invalid-note-de")),
        _ => {}
    }
    match (day, hours) {
        (Some(date), Some(hours)) if errors.is_empty() => Ok(SessionFields { date, hours, note_de, note_en }),
        _ => Err(errors),
    }
}

/// "Tuesday, 09:00-12:00, every 2 weeks from 3 Nov 2026".
fn describe(tr: Tr, r: &RecurringSession) -> String {
    let code = super::hours::DAYS.iter().find(|(_, d)| *d == r.weekday).map(|(c, _)| *c).unwrap_or("mon");
    let mut text = tr.t_with(
        "admin-catalog-schedule-entry",
        &[
            ("day", tr.t(&format!("admin-catalog-day-{code}"))),
            ("hours", r.hours.to_string()),
            ("weeks", r.every_weeks.to_string()),
        ],
    );
    if let Some(first) = r.first_date {
        text.push_str(&tr.t_with("admin-catalog-schedule-from", &[("date", show_date(tr.lang(), first))]));
    }
    if let Some(last) = r.last_date {
        text.push_str(&tr.t_with("admin-catalog-schedule-until", &[("date", show_date(tr.lang(), last))]));
    }
    text
}

struct SessionRow {
    id: i64,
    iso: String,
    date: String,
    hours: String,
    note: String,
}

struct DateRow {
    iso: String,
    date: String,
}

#[derive(Template)]
#[template(path = "admin/catalog/place_sessions.html")]
struct SessionsPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    head: PlaceHead,
    schedule: Vec<String>,
    sessions: Vec<SessionRow>,
    cancellations: Vec<DateRow>,
    session: SessionInput,
    cancel_date: String,
}

#[derive(Default)]
struct Shown {
    session: SessionInput,
    cancel_date: String,
    errors: FormErrors,
    notice: Option<String>,
}

async fn sessions_page(
    state: &AppState,
    (current, tenant): (&CurrentTenant, TenantId),
    page: Page,
    p: &Place,
    shown: Shown,
) -> Result<Response, PageError> {
    let from = today(current);
    let lang = page.language();
    let schedule = mobile::schedule(&state.db, tenant, p.id).await?.iter().map(|r| describe(page.tr, r)).collect();
    let sessions = mobile::sessions(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .filter(|s| s.date >= from)
        .map(|s| SessionRow {
            id: s.id,
            iso: s.date.to_string(),
            date: show_date(lang, s.date),
            hours: s.hours.to_string(),
            note: if lang == Language::En { s.note_en } else { s.note_de }.unwrap_or_default(),
        })
        .collect();
    let cancellations = mobile::cancelled_dates(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .filter(|d| *d >= from)
        .map(|d| DateRow { iso: d.to_string(), date: show_date(lang, d) })
        .collect();
    render(&SessionsPage {
        notice: shown.notice,
        errors: shown.errors,
        head: PlaceHead::new(page.tr, p, PlaceType::MobileSite, "sessions"),
        schedule,
        sessions,
        cancellations,
        session: shown.session,
        cancel_date: shown.cancel_date,
        page,
    })
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
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let shown = Shown { notice: notice_text(page.tr, q.notice.as_deref()), ..Shown::default() };
    sessions_page(&state, (&current, tenant), page, &p, shown).await
}

/// Appends the audit entry and commits a change of the site's dates.
async fn record(
    state: &AppState,
    tx: rathaus_db::DatabaseTransaction,
    staff: &Staff,
    p: &Place,
    action: &str,
    details: serde_json::Value,
) -> Result<(), PageError> {
    let entry = staff.audit_entry(action).target("place", p.id).details(details);
    audit::append_in(&tx, staff.tenant(), entry).await?;
    tx.commit().await?;
    catalog_changed(state, staff.tenant());
    Ok(())
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn add_session(
    State(state): State<AppState>,
    staff: Staff,
    current: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let form = Pairs(&pairs);
    let input = SessionInput {
        date: form.get("session_date"),
        hours: form.get("session_hours"),
        note_de: form.get("session_note_de"),
        note_en: form.get("session_note_en"),
    };
    let fields = match parse_session(page.tr, &input) {
        Ok(f) => f,
        Err(errors) => {
            return sessions_page(
                &state,
                (&current, tenant),
                page,
                &p,
                Shown { session: input, errors, ..Shown::default() },
            )
            .await;
        }
    };
    let tx = begin_write(&state.db).await?;
    let added = match mobile::add_session(&tx, tenant, p.id, &fields).await {
        Ok(s) => s,
        Err(StoreError::Conflict("mobile-session-taken")) => {
            drop(tx);
            let mut errors = FormErrors::new();
            errors.add("session_hours", page.t("admin-catalog-invalid-session-taken"));
            return sessions_page(
                &state,
                (&current, tenant),
                page,
                &p,
                Shown { session: input, errors, ..Shown::default() },
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    let details = serde_json::json!({ "place": p.key, "session": added.id, "date": added.date.to_string() });
    record(&state, tx, &staff, &p, "catalog.session_added", details).await?;
    Ok(saved(&format!("/admin/catalog/places/{id}/sessions"), "session-saved"))
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn remove_session(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, session)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let found = mobile::sessions(&state.db, tenant, p.id).await?.into_iter().find(|s| s.id == session);
    let found = found.ok_or_else(PageError::not_found)?;
    let tx = begin_write(&state.db).await?;
    mobile::remove_session(&tx, tenant, session).await?;
    let details = serde_json::json!({ "place": p.key, "session": session, "date": found.date.to_string() });
    record(&state, tx, &staff, &p, "catalog.session_removed", details).await?;
    Ok(saved(&format!("/admin/catalog/places/{id}/sessions"), "session-removed"))
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn add_cancellation(
    State(state): State<AppState>,
    staff: Staff,
    current: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let cancel_date = Pairs(&pairs).get("cancel_date");
    let refuse = |key: &str, page: Page, cancel_date: String| {
        let mut errors = FormErrors::new();
        errors.add("cancel_date", page.t(key));
        (page, Shown { cancel_date, errors, ..Shown::default() })
    };
    let Some(day) = date(&cancel_date) else {
        let (page, shown) = refuse("admin-catalog-invalid-date", page, cancel_date);
        return sessions_page(&state, (&current, tenant), page, &p, shown).await;
    };
    let tx = begin_write(&state.db).await?;
    match mobile::cancel(&tx, tenant, p.id, day).await {
        Ok(()) => {}
        Err(StoreError::Conflict("mobile-date-cancelled")) => {
            drop(tx);
            let (page, shown) = refuse("admin-catalog-invalid-already-cancelled", page, cancel_date);
            return sessions_page(&state, (&current, tenant), page, &p, shown).await;
        }
        Err(e) => return Err(e.into()),
    }
    let details = serde_json::json!({ "place": p.key, "date": day.to_string() });
    record(&state, tx, &staff, &p, "catalog.cancellation_added", details).await?;
    Ok(saved(&format!("/admin/catalog/places/{id}/sessions"), "cancellation-saved"))
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn remove_cancellation(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, day)): Path<(i64, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, _) = place(&state, tenant, id, TYPES).await?;
    let day: Date = day.parse().map_err(|_| PageError::not_found())?;
    let tx = begin_write(&state.db).await?;
    mobile::uncancel(&tx, tenant, p.id, day).await?;
    let details = serde_json::json!({ "place": p.key, "date": day.to_string() });
    record(&state, tx, &staff, &p, "catalog.cancellation_removed", details).await?;
    Ok(saved(&format!("/admin/catalog/places/{id}/sessions"), "cancellation-removed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_need_a_date_one_range_and_notes_in_both_languages() {
        let tr = Tr(Language::De);
        let ok = SessionInput { date: "10.12.2026".into(), hours: "14:00-16:00".into(), ..SessionInput::default() };
        let s = parse_session(tr, &ok).unwrap();
        assert_eq!((s.date.to_string(), s.hours.to_string()), ("2026-12-10".to_owned(), "14:00-16:00".to_owned()));
        let bad = SessionInput { date: "morgen".into(), hours: "16:00-14:00".into(), note_de: "x".into(), ..ok };
        let fields: Vec<String> = parse_session(tr, &bad).unwrap_err().items.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["session_date", "session_hours", "session_note_en"]);
    }

    #[test]
    fn describes_the_schedule() {
        let r = RecurringSession {
            weekday: jiff::civil::Weekday::Tuesday,
            hours: TimeRange::parse("09:00-12:00").unwrap(),
            every_weeks: 2,
            first_date: Some(Date::new(2026, 11, 3).unwrap()),
            last_date: None,
        };
        let text = describe(Tr(Language::De), &r);
        assert!(text.starts_with("Dienstag, 09:00-12:00") && text.contains("03.11.2026"), "{text}");
    }
}
