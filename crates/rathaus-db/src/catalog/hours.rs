//! Opening hours of locations and virtual offices: the weekly pattern and dated exceptions,
//! read back as the domain's [`WeeklyHours`], so the slot engine and "open now?" get
//! normalised, valid ranges. Public holidays are not stored: the domain `Schedule` adds them
//! from the tenant's federal state.

use super::{corrupt, date_text, parse_date, parse_weekday, places, weekday_number};
use crate::entity::{place_exception, place_hours};
use crate::{StoreError, TenantId};
use jiff::civil::{Date, Weekday};
use rathaus_domain::opening_hours::{DayHours, WeeklyHours};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A day that differs from the weekly hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursException {
    pub date: Date,
    /// Closed all day; otherwise open during `hours` (non-empty).
    pub closed: bool,
    pub hours: DayHours,
    pub note_de: Option<String>,
    pub note_en: Option<String>,
}

/// Stored ranges: `08:00-12:00,14:00-18:00`.
fn ranges_text(hours: &DayHours) -> String {
    hours.ranges().iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

fn parse_ranges(text: &str) -> Result<DayHours, StoreError> {
    DayHours::parse(text).map_err(|_| corrupt("opening hours", text))
}

/// The weekly pattern of a place of this tenant (closed every day when none is stored, or
/// for another tenant's place).
pub async fn weekly(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<WeeklyHours, StoreError> {
    let rows = place_hours::Entity::find()
        .filter(place_hours::Column::TenantId.eq(tenant.0))
        .filter(place_hours::Column::PlaceId.eq(place_id))
        .all(db)
        .await?;
    let mut weekly = WeeklyHours::closed();
    for row in rows {
        weekly.set(parse_weekday(row.weekday)?, parse_ranges(&row.ranges)?);
    }
    Ok(weekly)
}

/// Replaces the weekly pattern of a place of this tenant.
pub async fn set_weekly(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    weekly: &WeeklyHours,
) -> Result<(), StoreError> {
    places::require(db, tenant, place_id, None).await?;
    place_hours::Entity::delete_many()
        .filter(place_hours::Column::TenantId.eq(tenant.0))
        .filter(place_hours::Column::PlaceId.eq(place_id))
        .exec(db)
        .await?;
    for day in WEEK {
        let hours = weekly.on(day);
        if hours.is_closed() {
            continue;
        }
        place_hours::ActiveModel {
            tenant_id: Set(tenant.0),
            place_id: Set(place_id),
            weekday: Set(weekday_number(day)),
            ranges: Set(ranges_text(hours)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

fn exception_of(row: place_exception::Model) -> Result<HoursException, StoreError> {
    Ok(HoursException {
        date: parse_date(&row.date)?,
        closed: row.closed,
        hours: row.ranges.as_deref().map(parse_ranges).transpose()?.unwrap_or_default(),
        note_de: row.note_de,
        note_en: row.note_en,
    })
}

/// The exceptions of a place with `from <= date <= to` (unbounded where `None`), by date;
/// none for another tenant's place.
pub async fn exceptions(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<HoursException>, StoreError> {
    let mut query = place_exception::Entity::find()
        .filter(place_exception::Column::TenantId.eq(tenant.0))
        .filter(place_exception::Column::PlaceId.eq(place_id));
    // ISO dates compare correctly as text.
    if let Some(from) = from {
        query = query.filter(place_exception::Column::Date.gte(date_text(from)));
    }
    if let Some(to) = to {
        query = query.filter(place_exception::Column::Date.lte(date_text(to)));
    }
    let rows = query.order_by_asc(place_exception::Column::Date).all(db).await?;
    rows.into_iter().map(exception_of).collect()
}

/// Adds or replaces the exception on `exception.date`.
pub async fn set_exception(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    exception: &HoursException,
) -> Result<(), StoreError> {
    remove_exception(db, tenant, place_id, exception.date).await?;
    insert_exception(db, tenant, place_id, exception).await
}

async fn insert_exception(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    e: &HoursException,
) -> Result<(), StoreError> {
    if e.closed != e.hours.is_closed() {
        // Closed with hours, or open without: not an exception anyone can act on.
        return Err(StoreError::Conflict("exception-hours-invalid"));
    }
    place_exception::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        date: Set(date_text(e.date)),
        closed: Set(e.closed),
        ranges: Set((!e.hours.is_closed()).then(|| ranges_text(&e.hours))),
        note_de: Set(e.note_de.clone()),
        note_en: Set(e.note_en.clone()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| super::conflict(err, &[], "exception-date-taken"))?;
    Ok(())
}

/// Removes the exception on `date`; whether there was one.
pub async fn remove_exception(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    date: Date,
) -> Result<bool, StoreError> {
    places::require(db, tenant, place_id, None).await?;
    let result = place_exception::Entity::delete_many()
        .filter(place_exception::Column::TenantId.eq(tenant.0))
        .filter(place_exception::Column::PlaceId.eq(place_id))
        .filter(place_exception::Column::Date.eq(date_text(date)))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Replaces all exceptions of a place (`exception-date-taken` for a date given twice).
pub async fn replace_exceptions(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    exceptions: &[HoursException],
) -> Result<(), StoreError> {
    places::require(db, tenant, place_id, None).await?;
    place_exception::Entity::delete_many()
        .filter(place_exception::Column::TenantId.eq(tenant.0))
        .filter(place_exception::Column::PlaceId.eq(place_id))
        .exec(db)
        .await?;
    for e in exceptions {
        insert_exception(db, tenant, place_id, e).await?;
    }
    Ok(())
}
