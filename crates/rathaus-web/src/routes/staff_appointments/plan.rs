//! `/staff/termine/plan?ort=…` (supervisors): a place's booking policy – grid, horizon,
//! lead time, rolling release, hold time, per-contact cap, reminder, lottery window,
//! double opt-in and the contingents held back for phone, walk-in and emergencies – and,
//! per counter, the services it handles and when it is staffed. Saving checks everything
//! with the slot engine's rules, audits the change and regenerates the place's capacity at
//! once; booked times the new plan no longer has are reported, never deleted.
//!
//! Staffing is written one block per line: `Mo-Fr 08:00-12:00`, `Sa 09:00-12:00`, `täglich
//! 07:00-19:00` (no lines: staffed whenever the place is open).

use super::common::{PlaceOption, places_and_choice};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::appointments::view::service_name,
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use jiff::civil::{Time, Weekday};
use rathaus_booking::StoredPolicy;
use rathaus_db::appointments::plan::{self, StaffingBlock};
use rathaus_db::catalog::{counters, offerings};
use rathaus_db::{TenantId, audit, begin_write};
use rathaus_domain::Role;
use rathaus_domain::opening_hours::TimeRange;
use serde::Deserialize;

/// Contingent rows on the form.
const CONTINGENT_ROWS: usize = 4;

#[derive(Debug, Clone, Default)]
struct ContingentRow {
    name: String,
    share: String,
    release: String,
}

/// The policy form as entered (or as stored).
#[derive(Debug, Clone, Default)]
struct PolicyForm {
    slot_minutes: String,
    horizon_days: String,
    min_lead_minutes: String,
    release_at: String,
    release_days_ahead: String,
    hold_minutes: String,
    max_active_per_contact: String,
    reminder_hours: String,
    lottery_minutes: String,
    double_opt_in: bool,
    contingents: Vec<ContingentRow>,
}

struct ServiceBox {
    id: i64,
    name: String,
    checked: bool,
}

struct CounterPlan {
    id: i64,
    name: String,
    services: Vec<ServiceBox>,
    staffing: String,
}

#[derive(Template)]
#[template(path = "staff/plan.html")]
struct PlanPage {
    page: Page,
    errors: FormErrors,
    notice: Option<String>,
    places: Vec<PlaceOption>,
    place_key: String,
    place_name: String,
    form: PolicyForm,
    counters: Vec<CounterPlan>,
}

fn supervisor(staff: &Staff) -> Result<TenantId, PageError> {
    staff.require(Role::Supervisor)?;
    Ok(staff.tenant())
}

fn form_of(p: &StoredPolicy) -> PolicyForm {
    let mut contingents: Vec<ContingentRow> = p
        .contingents
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| ContingentRow {
            name: c["name"].as_str().unwrap_or_default().to_owned(),
            share: c["share_percent"].to_string(),
            release: c["release_hours_before"].to_string(),
        })
        .collect();
    contingents.resize(CONTINGENT_ROWS.max(contingents.len()), ContingentRow::default());
    PolicyForm {
        slot_minutes: p.slot_minutes.to_string(),
        horizon_days: p.horizon_days.to_string(),
        min_lead_minutes: p.min_lead_minutes.to_string(),
        release_at: p.release.map(|(t, _)| format!("{:02}:{:02}", t.hour(), t.minute())).unwrap_or_default(),
        release_days_ahead: p.release.map(|(_, d)| d.to_string()).unwrap_or_default(),
        hold_minutes: p.hold_minutes.to_string(),
        max_active_per_contact: p.max_active_per_contact.to_string(),
        reminder_hours: p.reminder_hours.to_string(),
        lottery_minutes: p.lottery_minutes.to_string(),
        double_opt_in: p.double_opt_in,
        contingents,
    }
}

const DAYS: [(&str, Weekday); 7] = [
    ("mo", Weekday::Monday),
    ("di", Weekday::Tuesday),
    ("mi", Weekday::Wednesday),
    ("do", Weekday::Thursday),
    ("fr", Weekday::Friday),
    ("sa", Weekday::Saturday),
    ("so", Weekday::Sunday),
];

fn day_of(token: &str) -> Option<usize> {
    let t = token.trim().to_lowercase();
    let english = ["mo", "tu", "we", "th", "fr", "sa", "su"];
    DAYS.iter().position(|(d, _)| t.starts_with(d)).or_else(|| english.iter().position(|d| t.starts_with(d)))
}

/// Parses staffing lines (`Mo-Fr 08:00-12:00`); `Err(line number)` for the first bad one.
pub(super) fn parse_staffing(text: &str, counter_id: i64) -> Result<Vec<StaffingBlock>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let (days, range) = line.trim().split_once(char::is_whitespace).ok_or(i + 1)?;
        let hours = TimeRange::parse(range.trim()).map_err(|_| i + 1)?;
        let days_lc = days.to_lowercase();
        let weekdays: Vec<Option<Weekday>> = if ["täglich", "taeglich", "daily", "*"].contains(&days_lc.as_str()) {
            vec![None]
        } else if let Some((a, b)) = days.split_once('-') {
            let (a, b) = (day_of(a).ok_or(i + 1)?, day_of(b).ok_or(i + 1)?);
            if a > b {
                return Err(i + 1);
            }
            (a..=b).map(|d| Some(DAYS[d].1)).collect()
        } else {
            days.split(',').map(|d| day_of(d).map(|i| Some(DAYS[i].1))).collect::<Option<Vec<_>>>().ok_or(i + 1)?
        };
        for weekday in weekdays {
            out.push(StaffingBlock { counter_id, weekday, date_from: None, date_to: None, hours });
        }
    }
    Ok(out)
}

fn staffing_text(blocks: &[StaffingBlock]) -> String {
    blocks
        .iter()
        .map(|b| {
            let day = match b.weekday {
                None => "täglich".to_owned(),
                Some(w) => {
                    let (d, _) = DAYS.iter().find(|(_, wd)| *wd == w).copied().unwrap_or(("mo", w));
                    let mut c = d.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                }
            };
            format!("{day} {}", b.hours)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn render_plan(
    state: &AppState,
    staff: &Staff,
    page: Page,
    key: Option<&str>,
    form: Option<PolicyForm>,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let t = supervisor(staff)?;
    let (places, place) = places_and_choice(&state.db, t, page.tr, key).await?;
    let stored = plan::policy(&state.db, t, place.id).await?;
    let form = form.unwrap_or_else(|| form_of(&stored));
    let offered = offerings::services_at(&state.db, t, place.id).await?;
    let handled = plan::counter_services(&state.db, t, &[place.id]).await?;
    let staffing = plan::staffing(&state.db, t, place.id).await?;
    let mut counter_plans = Vec::new();
    for c in counters::list(&state.db, t, place.id).await? {
        let own: Vec<i64> = handled.iter().filter(|(cid, _)| *cid == c.id).map(|(_, s)| *s).collect();
        let services = offered
            .iter()
            .map(|s| ServiceBox { id: s.id, name: service_name(s, page.language()), checked: own.contains(&s.id) })
            .collect();
        let blocks: Vec<StaffingBlock> = staffing.iter().filter(|b| b.counter_id == c.id).cloned().collect();
        counter_plans.push(CounterPlan { id: c.id, name: c.name, services, staffing: staffing_text(&blocks) });
    }
    render(&PlanPage {
        errors,
        notice,
        places,
        place_key: place.key.clone(),
        place_name: place_name(&place, page.language()),
        form,
        counters: counter_plans,
        page,
    })
}

#[derive(Deserialize, Default)]
pub(super) struct PlanQuery {
    ort: Option<String>,
    notice: Option<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<PlanQuery>,
) -> Result<Response, PageError> {
    let notice = q
        .notice
        .as_deref()
        .filter(|n| ["policy-saved", "counter-saved"].contains(n))
        .map(|n| page.t(&format!("staff-appt-notice-{n}")));
    render_plan(&state, &staff, page, q.ort.as_deref(), None, FormErrors::new(), notice).await
}

/// Reads the policy form; every bad field is reported.
fn parse_policy(tr: Tr, pairs: &[(String, String)]) -> (PolicyForm, Result<StoredPolicy, FormErrors>) {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let mut form = PolicyForm {
        slot_minutes: get("slot_minutes"),
        horizon_days: get("horizon_days"),
        min_lead_minutes: get("min_lead_minutes"),
        release_at: get("release_at"),
        release_days_ahead: get("release_days_ahead"),
        hold_minutes: get("hold_minutes"),
        max_active_per_contact: get("max_active_per_contact"),
        reminder_hours: get("reminder_hours"),
        lottery_minutes: get("lottery_minutes"),
        double_opt_in: get("double_opt_in") == "1",
        contingents: Vec::new(),
    };
    for i in 0..CONTINGENT_ROWS {
        form.contingents.push(ContingentRow {
            name: get(&format!("contingent_{i}_name")),
            share: get(&format!("contingent_{i}_share")),
            release: get(&format!("contingent_{i}_release")),
        });
    }
    let mut errors = FormErrors::new();
    let mut number = |field: &str, value: &str, max: u32| -> u32 {
        match value.parse::<u32>() {
            Ok(v) if v <= max => v,
            _ => {
                errors.add(field, tr.t_with("staff-plan-error-number", &[("max", max.to_string())]));
                0
            }
        }
    };
    let slot_minutes = number("slot_minutes", &form.slot_minutes, 60);
    let horizon_days = number("horizon_days", &form.horizon_days, 366);
    let min_lead_minutes = number("min_lead_minutes", &form.min_lead_minutes, 60 * 24 * 30);
    let hold_minutes = number("hold_minutes", &form.hold_minutes, 120);
    let max_active_per_contact = number("max_active_per_contact", &form.max_active_per_contact, 100);
    let reminder_hours = number("reminder_hours", &form.reminder_hours, 24 * 14);
    let lottery_minutes = number("lottery_minutes", &form.lottery_minutes, 24 * 60);
    let release = match (form.release_at.as_str(), form.release_days_ahead.as_str()) {
        ("", "") => None,
        (at, days) => {
            let time: Option<Time> = format!("{at}:00").parse().ok();
            let days = days.parse::<u32>().ok().filter(|d| *d <= 366);
            if time.is_none() {
                errors.add("release_at", tr.t("staff-appt-error-time"));
            }
            if days.is_none() {
                errors.add("release_days_ahead", tr.t_with("staff-plan-error-number", &[("max", "366".into())]));
            }
            time.zip(days)
        }
    };
    let mut contingents = Vec::new();
    for (i, row) in form.contingents.iter().enumerate().filter(|(_, r)| !r.name.is_empty()) {
        let share = row.share.parse::<u8>().ok().filter(|s| *s <= 100);
        let release = row.release.parse::<u32>().ok();
        match (share, release) {
            (Some(share), Some(release)) => contingents.push(serde_json::json!({
                "name": row.name, "share_percent": share, "release_hours_before": release,
            })),
            _ => errors.add(&format!("contingent_{i}_share"), tr.t("staff-plan-error-contingent")),
        }
    }
    if !errors.is_empty() {
        return (form, Err(errors));
    }
    let policy = StoredPolicy {
        slot_minutes,
        horizon_days,
        min_lead_minutes,
        release,
        contingent_block_minutes: StoredPolicy::default().contingent_block_minutes,
        contingents: serde_json::Value::Array(contingents),
        hold_minutes,
        max_active_per_contact,
        lottery_minutes,
        reminder_hours,
        double_opt_in: form.double_opt_in,
    };
    (form, Ok(policy))
}

/// Regenerates the place's capacity after a plan change and tells every node.
async fn replan(state: &AppState, staff: &Staff, place_id: i64) -> Result<(), PageError> {
    let t = staff.tenant();
    rathaus_appointments::jobs::capacity::regenerate_place(&state.db, t, place_id, jiff::Timestamp::now())
        .await
        .map_err(crate::routes::appointments::page_error)?;
    state.availability.changed(&state.events, t, place_id).await;
    Ok(())
}

pub(super) async fn save_policy(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = supervisor(&staff)?;
    let key = pairs.iter().find(|(k, _)| k == "ort").map(|(_, v)| v.clone()).unwrap_or_default();
    let place = rathaus_db::catalog::places::get_by_key(&state.db, t, &key).await?.ok_or_else(PageError::not_found)?;
    let (form, parsed) = parse_policy(page.tr, &pairs);
    let policy = match parsed {
        Ok(p) => p,
        Err(errors) => return render_plan(&state, &staff, page, Some(&key), Some(form), errors, None).await,
    };
    let tx = begin_write(&state.db).await?;
    if let Err(e) = rathaus_booking::set_policy(&tx, t, place.id, &policy).await {
        tx.rollback().await?;
        let mut errors = FormErrors::new();
        match e {
            rathaus_booking::BookingError::Invalid(code) => {
                errors.add("slot_minutes", page.t(&format!("staff-plan-error-{code}")))
            }
            e => return Err(crate::routes::appointments::page_error(e)),
        }
        return render_plan(&state, &staff, page, Some(&key), Some(form), errors, None).await;
    }
    let entry = staff.audit_entry("booking.policy_changed").target("place", place.id);
    audit::append_in(&tx, t, entry).await?;
    tx.commit().await?;
    replan(&state, &staff, place.id).await?;
    Ok(Redirect::to(&format!("/staff/termine/plan?ort={key}&notice=policy-saved")).into_response())
}

pub(super) async fn save_counter(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(counter_id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = supervisor(&staff)?;
    let counter = counters::get(&state.db, t, counter_id).await?.ok_or_else(PageError::not_found)?;
    let place =
        rathaus_db::catalog::places::get(&state.db, t, counter.place_id).await?.ok_or_else(PageError::not_found)?;
    let services: Vec<i64> = pairs.iter().filter(|(k, _)| k == "service").filter_map(|(_, v)| v.parse().ok()).collect();
    let text = pairs.iter().find(|(k, _)| k == "staffing").map(|(_, v)| v.as_str()).unwrap_or("");
    let blocks = match parse_staffing(text, counter_id) {
        Ok(b) => b,
        Err(line) => {
            let mut errors = FormErrors::new();
            errors.add(
                &format!("staffing-{counter_id}"),
                page.t_with("staff-plan-error-staffing", "line", &line.to_string()),
            );
            return render_plan(&state, &staff, page, Some(&place.key), None, errors, None).await;
        }
    };
    let tx = begin_write(&state.db).await?;
    plan::set_counter_services(&tx, t, counter_id, &services).await?;
    plan::replace_staffing(&tx, t, counter_id, &blocks).await?;
    let entry = staff
        .audit_entry("booking.counter_plan_changed")
        .target("counter", counter_id)
        .details(serde_json::json!({"services": services.len(), "blocks": blocks.len()}));
    audit::append_in(&tx, t, entry).await?;
    tx.commit().await?;
    replan(&state, &staff, place.id).await?;
    Ok(Redirect::to(&format!("/staff/termine/plan?ort={}&notice=counter-saved", place.key)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staffing_lines_are_read_in_german_and_english() {
        let blocks =
            parse_staffing("Mo-Fr 08:00-12:00\nsa 09:00–12:00\n\ntäglich 07:00-08:00\nTu,Th 14:00-18:00", 7).unwrap();
        assert_eq!(blocks.len(), 5 + 1 + 1 + 2);
        assert_eq!(blocks[0].weekday, Some(Weekday::Monday));
        assert_eq!(blocks[4].weekday, Some(Weekday::Friday));
        assert_eq!(blocks[5].weekday, Some(Weekday::Saturday));
        assert_eq!(blocks[6].weekday, None);
        assert_eq!(blocks[8].weekday, Some(Weekday::Thursday));
        assert!(blocks.iter().all(|b| b.counter_id == 7));
        assert_eq!(parse_staffing("Mo 08:00-12:00\nXy 08:00-09:00", 1), Err(2));
        assert_eq!(parse_staffing("Fr-Mo 08:00-12:00", 1), Err(1));
        assert_eq!(parse_staffing("Mo 12:00-08:00", 1), Err(1));
        assert_eq!(parse_staffing("Mo", 1), Err(1));
        let text = staffing_text(&parse_staffing("Mo 08:00-12:00\ntäglich 13:00-14:00", 1).unwrap());
        assert_eq!(text, "Mo 08:00-12:00\ntäglich 13:00-14:00");
    }
}
