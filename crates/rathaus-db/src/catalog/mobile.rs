//! The mobile citizen office (Bürgerkoffer): for each mobile site its explicit dated
//! sessions, its recurring schedule ("every second Tuesday 09:00–12:00 from 3 November") and
//! the dates on which recurring sessions are cancelled.
//!
//! Recurring entries are stored as rules, not expanded: expanding them over a period is pure
//! calendar arithmetic (`rathaus_catalog::expand_sessions` does it for the catalogue types) and
//! belongs to the caller. All dates are civil dates, all times local wall-clock times.

use super::places::PlaceType;
use super::{conflict, date_text, parse_date, parse_range, parse_weekday, places, range_times, weekday_number};
use crate::entity::{mobile_cancellation, mobile_schedule, mobile_session};
use crate::{StoreError, TenantId};
use jiff::civil::{Date, Weekday};
use rathaus_domain::opening_hours::TimeRange;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// One dated session of a mobile site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileSession {
    pub id: i64,
    pub site_id: i64,
    pub date: Date,
    pub hours: TimeRange,
    pub note_de: Option<String>,
    pub note_en: Option<String>,
}

/// A dated session to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    pub date: Date,
    pub hours: TimeRange,
    pub note_de: Option<String>,
    pub note_en: Option<String>,
}

/// A session every `every_weeks` weeks on `weekday`, counted from `first_date`, up to
/// `last_date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringSession {
    pub weekday: Weekday,
    pub hours: TimeRange,
    pub every_weeks: u8,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
}

async fn require_site(db: &impl ConnectionTrait, tenant: TenantId, site_id: i64) -> Result<(), StoreError> {
    places::require(db, tenant, site_id, Some(PlaceType::MobileSite)).await.map(|_| ())
}

fn session_of(row: mobile_session::Model) -> Result<MobileSession, StoreError> {
    Ok(MobileSession {
        id: row.id,
        site_id: row.place_id,
        date: parse_date(&row.date)?,
        hours: parse_range(&row.start_time, &row.end_time)?,
        note_de: row.note_de,
        note_en: row.note_en,
    })
}

/// The explicit sessions of a site, by date and start.
pub async fn sessions(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
) -> Result<Vec<MobileSession>, StoreError> {
    let rows = mobile_session::Entity::find()
        .filter(mobile_session::Column::TenantId.eq(tenant.0))
        .filter(mobile_session::Column::PlaceId.eq(site_id))
        .order_by_asc(mobile_session::Column::Date)
        .order_by_asc(mobile_session::Column::StartTime)
        .all(db)
        .await?;
    rows.into_iter().map(session_of).collect()
}

/// The explicit sessions of all the tenant's sites with `from <= date <= to`, by date.
pub async fn sessions_between(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    from: Date,
    to: Date,
) -> Result<Vec<MobileSession>, StoreError> {
    // ISO dates compare correctly as text.
    let rows = mobile_session::Entity::find()
        .filter(mobile_session::Column::TenantId.eq(tenant.0))
        .filter(mobile_session::Column::Date.gte(date_text(from)))
        .filter(mobile_session::Column::Date.lte(date_text(to)))
        .order_by_asc(mobile_session::Column::Date)
        .order_by_asc(mobile_session::Column::StartTime)
        .order_by_asc(mobile_session::Column::PlaceId)
        .all(db)
        .await?;
    rows.into_iter().map(session_of).collect()
}

/// Adds a session to a mobile site of this tenant (`NotFound` for any other place);
/// `mobile-session-taken` if the site already has one starting then.
pub async fn add_session(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    session: &SessionFields,
) -> Result<MobileSession, StoreError> {
    require_site(db, tenant, site_id).await?;
    insert_session(db, tenant, site_id, session).await
}

async fn insert_session(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    s: &SessionFields,
) -> Result<MobileSession, StoreError> {
    let (start, end) = range_times(s.hours);
    let row = mobile_session::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(site_id),
        date: Set(date_text(s.date)),
        start_time: Set(start),
        end_time: Set(end),
        note_de: Set(s.note_de.clone()),
        note_en: Set(s.note_en.clone()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| conflict(e, &[], "mobile-session-taken"))?;
    session_of(row)
}

pub async fn remove_session(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = mobile_session::Entity::delete_many()
        .filter(mobile_session::Column::TenantId.eq(tenant.0))
        .filter(mobile_session::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Makes `sessions` exactly the explicit sessions of a site.
pub async fn replace_sessions(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    sessions: &[SessionFields],
) -> Result<(), StoreError> {
    require_site(db, tenant, site_id).await?;
    mobile_session::Entity::delete_many()
        .filter(mobile_session::Column::TenantId.eq(tenant.0))
        .filter(mobile_session::Column::PlaceId.eq(site_id))
        .exec(db)
        .await?;
    for s in sessions {
        insert_session(db, tenant, site_id, s).await?;
    }
    Ok(())
}

/// The recurring schedule of a site, by weekday and start.
pub async fn schedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
) -> Result<Vec<RecurringSession>, StoreError> {
    let rows = mobile_schedule::Entity::find()
        .filter(mobile_schedule::Column::TenantId.eq(tenant.0))
        .filter(mobile_schedule::Column::PlaceId.eq(site_id))
        .order_by_asc(mobile_schedule::Column::Weekday)
        .order_by_asc(mobile_schedule::Column::StartTime)
        .order_by_asc(mobile_schedule::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(RecurringSession {
                weekday: parse_weekday(row.weekday)?,
                hours: parse_range(&row.start_time, &row.end_time)?,
                every_weeks: u8::try_from(row.every_weeks)
                    .map_err(|_| super::corrupt("every_weeks", &row.every_weeks.to_string()))?,
                first_date: row.first_date.as_deref().map(parse_date).transpose()?,
                last_date: row.last_date.as_deref().map(parse_date).transpose()?,
            })
        })
        .collect()
}

/// Replaces the recurring schedule of a site.
pub async fn replace_schedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    entries: &[RecurringSession],
) -> Result<(), StoreError> {
    require_site(db, tenant, site_id).await?;
    mobile_schedule::Entity::delete_many()
        .filter(mobile_schedule::Column::TenantId.eq(tenant.0))
        .filter(mobile_schedule::Column::PlaceId.eq(site_id))
        .exec(db)
        .await?;
    for e in entries {
        let (start, end) = range_times(e.hours);
        mobile_schedule::ActiveModel {
            tenant_id: Set(tenant.0),
            place_id: Set(site_id),
            weekday: Set(weekday_number(e.weekday)),
            start_time: Set(start),
            end_time: Set(end),
            every_weeks: Set(i16::from(e.every_weeks)),
            first_date: Set(e.first_date.map(date_text)),
            last_date: Set(e.last_date.map(date_text)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The dates on which a site's recurring sessions do not take place, ascending.
pub async fn cancelled_dates(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
) -> Result<Vec<Date>, StoreError> {
    let rows = mobile_cancellation::Entity::find()
        .filter(mobile_cancellation::Column::TenantId.eq(tenant.0))
        .filter(mobile_cancellation::Column::PlaceId.eq(site_id))
        .order_by_asc(mobile_cancellation::Column::Date)
        .all(db)
        .await?;
    rows.iter().map(|r| parse_date(&r.date)).collect()
}

/// Cancels the recurring sessions of a site on `date` (`mobile-date-cancelled` if already).
pub async fn cancel(db: &impl ConnectionTrait, tenant: TenantId, site_id: i64, date: Date) -> Result<(), StoreError> {
    require_site(db, tenant, site_id).await?;
    insert_cancellation(db, tenant, site_id, date).await
}

async fn insert_cancellation(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    date: Date,
) -> Result<(), StoreError> {
    mobile_cancellation::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(site_id),
        date: Set(date_text(date)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| conflict(e, &[], "mobile-date-cancelled"))?;
    Ok(())
}

/// Takes back a cancellation (`NotFound` if there was none).
pub async fn uncancel(db: &impl ConnectionTrait, tenant: TenantId, site_id: i64, date: Date) -> Result<(), StoreError> {
    let result = mobile_cancellation::Entity::delete_many()
        .filter(mobile_cancellation::Column::TenantId.eq(tenant.0))
        .filter(mobile_cancellation::Column::PlaceId.eq(site_id))
        .filter(mobile_cancellation::Column::Date.eq(date_text(date)))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Makes `dates` exactly the cancelled dates of a site.
pub async fn replace_cancellations(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    dates: &[Date],
) -> Result<(), StoreError> {
    require_site(db, tenant, site_id).await?;
    mobile_cancellation::Entity::delete_many()
        .filter(mobile_cancellation::Column::TenantId.eq(tenant.0))
        .filter(mobile_cancellation::Column::PlaceId.eq(site_id))
        .exec(db)
        .await?;
    for &date in dates {
        insert_cancellation(db, tenant, site_id, date).await?;
    }
    Ok(())
}
