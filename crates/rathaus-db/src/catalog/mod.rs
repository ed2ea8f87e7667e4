//! The service catalogue of a tenant in the database: departments, topics, services and
//! the places that offer them (locations, mobile-office sites, video offices) with their
//! hours, exceptions, counters and sessions. Schema and its reasons: `migration/m0002_catalog.rs`.
//!
//! Every function takes the [`TenantId`](crate::TenantId) first and filters by it; ids of
//! another tenant behave as if they did not exist (`None`, [`StoreError::NotFound`]), and a
//! reference to another tenant's row (a department, a service) is refused as a conflict.
//! Unique keys surface as [`StoreError::Conflict`] with a stable code
//! (`service-slug-taken`, `place-key-taken`, …).
//!
//! This crate knows nothing of the catalogue *file* format; `rathaus-catalog-store` translates
//! between `rathaus_catalog::Catalog` and these functions. Rich texts arrive here as opaque
//! JSON (`details`).

pub mod collation;
pub mod counters;
pub mod departments;
pub mod hours;
pub mod mobile;
pub mod offerings;
pub mod places;
pub mod services;
pub mod topics;

use crate::StoreError;
use jiff::civil::{Date, Weekday};
use rathaus_domain::opening_hours::TimeRange;
use sea_orm::{DbErr, SqlErr};

/// Maps a unique violation to the code of the first rule whose column name occurs in the
/// engine's message (SQLite names the columns, PostgreSQL the index, whose name contains
/// them), else to `fallback`. Other errors pass through.
pub(crate) fn conflict(err: DbErr, rules: &[(&str, &'static str)], fallback: &'static str) -> StoreError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) => {
            let code = rules.iter().find(|(column, _)| message.contains(column)).map_or(fallback, |(_, code)| *code);
            StoreError::Conflict(code)
        }
        _ => err.into(),
    }
}

/// A stored value that does not parse: the database was changed behind the store's back.
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Db(DbErr::Type(format!("stored {what} {value:?} is malformed")))
}

pub(crate) fn date_text(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| corrupt("date", text))
}

pub(crate) fn weekday_number(day: Weekday) -> i16 {
    i16::from(day.to_monday_zero_offset())
}

pub(crate) fn parse_weekday(n: i16) -> Result<Weekday, StoreError> {
    i8::try_from(n)
        .ok()
        .and_then(|n| Weekday::from_monday_zero_offset(n).ok())
        .ok_or_else(|| corrupt("weekday", &n.to_string()))
}

/// `HH:MM` of a range's start and end; a range ending at midnight ends at `24:00`.
pub(crate) fn range_times(range: TimeRange) -> (String, String) {
    let text = range.to_string();
    let (start, end) = text.split_once('-').unwrap_or((&text, ""));
    (start.to_owned(), end.to_owned())
}

pub(crate) fn parse_range(start: &str, end: &str) -> Result<TimeRange, StoreError> {
    let text = format!("{start}-{end}");
    TimeRange::parse(&text).map_err(|_| corrupt("time range", &text))
}
