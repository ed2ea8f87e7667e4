//! Opening hours and mobile-office sessions of a place, read from the database for the
//! pages and the JSON API: the domain's [`Schedule`] (weekly hours, exceptions and the
//! public holidays of the tenant's state, in the tenant's time zone) and the dated
//! sessions of a mobile site (its recurring schedule expanded, explicit sessions added,
//! cancelled dates marked).
//!
//! A mobile site has no weekly hours; its schedule for "open now?" is made of its sessions
//! (as special hours on their dates), without holidays, because cancellations are explicit.

use jiff::ToSpan;
use jiff::civil::Date;
use rathaus_catalog::model::{MobileSite, RecurringSession, Session, Text, Weekday as CatalogWeekday};
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::catalog::{hours, mobile};
use rathaus_db::{DatabaseConnection, DbErr, StoreError, TenantId};
use rathaus_domain::opening_hours::{
    DayHours, Exception, ExceptionKind, LOOKAHEAD_DAYS, Schedule, TimeRange, WeeklyHours,
};
use rathaus_domain::{FederalState, Language};

use crate::tenancy::Tenant;

/// How far ahead pages and the API list exceptions and holidays.
pub const UPCOMING_DAYS: i32 = 60;
/// How far ahead mobile-office sessions are listed.
pub const SESSION_WEEKS: i32 = 6;

/// The tenant's federal state, whose public holidays close its offices.
pub fn federal_state(tenant: &Tenant) -> Option<FederalState> {
    FederalState::parse(&tenant.federal_state).ok()
}

/// Today's local date of the tenant.
pub fn today(tenant: &Tenant, now: jiff::Timestamp) -> Date {
    now.to_zoned(tenant.tz()).date()
}

/// `date + days`, saturating at the end of the calendar.
pub fn plus_days(date: Date, days: i32) -> Date {
    date.checked_add(days.days()).unwrap_or(Date::MAX)
}

fn invalid(err: rathaus_domain::Invalid) -> StoreError {
    StoreError::Db(DbErr::Custom(format!("stored opening hours are inconsistent: {err}")))
}

/// A place's weekly hours and exceptions (notes in `lang`) from the database.
pub struct PlaceHours {
    pub weekly: WeeklyHours,
    pub exceptions: Vec<hours::HoursException>,
}

pub async fn place_hours(db: &DatabaseConnection, tenant: TenantId, place: &Place) -> Result<PlaceHours, StoreError> {
    Ok(PlaceHours {
        weekly: hours::weekly(db, tenant, place.id).await?,
        exceptions: hours::exceptions(db, tenant, place.id, None, None).await?,
    })
}

fn note(de: &Option<String>, en: &Option<String>, lang: Language) -> Option<String> {
    let de = de.as_deref().unwrap_or("");
    let en = en.as_deref().unwrap_or("");
    let text = Text::new(de, en);
    let chosen = text.get(lang).trim();
    (!chosen.is_empty()).then(|| chosen.to_owned())
}

/// The note of an exception in `lang` (German when there is no English one).
pub fn exception_note(e: &hours::HoursException, lang: Language) -> Option<String> {
    note(&e.note_de, &e.note_en, lang)
}

/// The schedule that answers "open now?" for any kind of place.
pub async fn schedule(
    db: &DatabaseConnection,
    tenant: &Tenant,
    place: &Place,
    lang: Language,
    now: jiff::Timestamp,
) -> Result<Schedule, StoreError> {
    if place.place_type()? == PlaceType::MobileSite {
        let today = today(tenant, now);
        let from = today.yesterday().unwrap_or(today);
        let to = plus_days(today, i32::from(LOOKAHEAD_DAYS) + 1);
        let sessions = sessions(db, tenant.tenant_id(), place, from, to).await?;
        return Ok(sessions_schedule(&sessions, tenant.tz()));
    }
    let h = place_hours(db, tenant.tenant_id(), place).await?;
    hours_schedule(&h, tenant, lang)
}

/// The schedule of a location or virtual office from its stored hours.
pub fn hours_schedule(h: &PlaceHours, tenant: &Tenant, lang: Language) -> Result<Schedule, StoreError> {
    let exceptions = h.exceptions.iter().map(|e| Exception {
        date: e.date,
        kind: if e.closed {
            ExceptionKind::Closed { note: exception_note(e, lang) }
        } else {
            ExceptionKind::SpecialHours { hours: e.hours.clone(), note: exception_note(e, lang) }
        },
    });
    Schedule::new(h.weekly.clone(), exceptions, federal_state(tenant), tenant.tz()).map_err(invalid)
}

/// A mobile site's sessions as a schedule: open only during sessions that take place.
pub fn sessions_schedule(sessions: &[PlannedSession], tz: jiff::tz::TimeZone) -> Schedule {
    let mut by_date: std::collections::BTreeMap<Date, Vec<TimeRange>> = Default::default();
    for s in sessions.iter().filter(|s| !s.cancelled) {
        by_date.entry(s.date).or_default().push(s.hours);
    }
    let exceptions = by_date.into_iter().map(|(date, ranges)| {
        // Overlapping sessions on one day (a data-entry slip) count as the first one.
        let first = ranges[0];
        let hours = DayHours::new(ranges).or_else(|_| DayHours::new([first])).unwrap_or_default();
        Exception { date, kind: ExceptionKind::SpecialHours { hours, note: None } }
    });
    match Schedule::new(WeeklyHours::closed(), exceptions, None, tz.clone()) {
        Ok(s) => s,
        // Unreachable: one exception per date by construction.
        Err(_) => Schedule::new(WeeklyHours::closed(), [], None, tz).expect("no exceptions, no duplicates"),
    }
}

/// One dated session of the mobile office at a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedSession {
    pub date: Date,
    pub hours: TimeRange,
    pub note: Option<Text>,
    /// A recurring session called off for this date.
    pub cancelled: bool,
}

/// The sessions of a mobile site with `from <= date <= to`, by date and time, including
/// the cancelled ones (marked).
pub async fn sessions(
    db: &DatabaseConnection,
    tenant: TenantId,
    site: &Place,
    from: Date,
    to: Date,
) -> Result<Vec<PlannedSession>, StoreError> {
    let recurring = mobile::schedule(db, tenant, site.id).await?;
    let explicit = mobile::sessions(db, tenant, site.id).await?;
    let cancelled = mobile::cancelled_dates(db, tenant, site.id).await?;
    let mut catalog_site = MobileSite {
        key: site.key.clone(),
        schedule: recurring
            .iter()
            .map(|r| {
                let (from, to) = times(r.hours);
                RecurringSession {
                    weekday: catalog_weekday(r.weekday),
                    from,
                    to,
                    every_weeks: r.every_weeks,
                    first_date: r.first_date,
                    last_date: r.last_date,
                }
            })
            .collect(),
        sessions: explicit
            .iter()
            .map(|s| {
                let (from, to) = times(s.hours);
                let note = (s.note_de.is_some() || s.note_en.is_some())
                    .then(|| Text::new(s.note_de.clone().unwrap_or_default(), s.note_en.clone().unwrap_or_default()));
                Session { date: s.date, from, to, note }
            })
            .collect(),
        ..MobileSite::default()
    };
    let all = rathaus_catalog::expand_sessions(&catalog_site, from, to);
    catalog_site.cancelled = cancelled;
    let held = rathaus_catalog::expand_sessions(&catalog_site, from, to);
    Ok(all
        .into_iter()
        .map(|s| PlannedSession {
            cancelled: !held.iter().any(|h| h.date == s.date && h.hours == s.hours),
            date: s.date,
            hours: s.hours,
            note: s.note,
        })
        .collect())
}

fn times(range: TimeRange) -> (String, String) {
    let text = range.to_string();
    let (from, to) = text.split_once('-').unwrap_or((&text, ""));
    (from.to_owned(), to.to_owned())
}

fn catalog_weekday(day: jiff::civil::Weekday) -> CatalogWeekday {
    CatalogWeekday::ALL.into_iter().find(|d| d.to_jiff() == day).unwrap_or(CatalogWeekday::Mon)
}

/// The public holidays of the tenant's state with `from <= date <= to`.
pub fn holidays_between(tenant: &Tenant, from: Date, to: Date) -> Vec<rathaus_domain::holidays::Holiday> {
    let Some(state) = federal_state(tenant) else { return Vec::new() };
    (from.year()..=to.year())
        .flat_map(|year| rathaus_domain::holidays::holidays(state, year))
        .filter(|h| h.date >= from && h.date <= to)
        .collect()
}
