//! Shared helpers; the cases live in the submodules.

use super::*;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

mod dst;
mod parsing;
mod properties;
mod status;

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").expect("bundled tzdb")
}

fn hours(s: &str) -> DayHours {
    DayHours::parse(s).unwrap()
}

/// A Berlin instant written with its offset, e.g. `2026-03-29T03:00+02:00`.
fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// The same, as the `Zoned` that `OpenStatus` carries.
fn zoned(s: &str) -> Zoned {
    at(s).to_zoned(berlin())
}

/// An unambiguous local time in Berlin.
fn local(dt: DateTime) -> Timestamp {
    dt.to_zoned(berlin()).unwrap().timestamp()
}

fn week(days: &[(Weekday, &str)]) -> WeeklyHours {
    days.iter().fold(WeeklyHours::closed(), |w, (day, h)| w.with(*day, hours(h)))
}

fn schedule(weekly: WeeklyHours, exceptions: Vec<Exception>, state: Option<crate::FederalState>) -> Schedule {
    Schedule::new(weekly, exceptions, state, berlin()).unwrap()
}

fn open_until(until: &str) -> OpenStatus {
    OpenStatus::Open { until: zoned(until) }
}

fn closed(opens_at: Option<&str>, reason: ClosedReason) -> OpenStatus {
    OpenStatus::Closed { opens_at: opens_at.map(zoned), reason }
}

fn closed_on(date: Date, note: Option<&str>) -> Exception {
    Exception { date, kind: ExceptionKind::Closed { note: note.map(str::to_owned) } }
}

fn special(date: Date, h: &str, note: Option<&str>) -> Exception {
    Exception { date, kind: ExceptionKind::SpecialHours { hours: hours(h), note: note.map(str::to_owned) } }
}
