//! A location's schedule: weekly hours, dated exceptions and public holidays, placed on the
//! time line in the location's time zone. See the parent module for the rules.

use super::hours::{DayHours, TimeRange, WeeklyHours};
use crate::holidays::{Holiday, holiday_on};
use crate::{FederalState, Invalid};
use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far [`Schedule::status_at`] looks ahead: the next opening is searched up to the
/// local date `today + LOOKAHEAD_DAYS`, and an opening is followed at most that far.
pub const LOOKAHEAD_DAYS: u16 = 60;

/// Different hours on one date, overriding the weekly pattern and public holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub date: Date,
    #[serde(flatten)]
    pub kind: ExceptionKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExceptionKind {
    /// Closed all day, e.g. for a staff outing.
    Closed { note: Option<String> },
    /// These hours instead of the regular ones; also opens a location on a public holiday.
    SpecialHours { hours: DayHours, note: Option<String> },
}

impl ExceptionKind {
    fn note(&self) -> Option<String> {
        match self {
            ExceptionKind::Closed { note } | ExceptionKind::SpecialHours { note, .. } => note.clone(),
        }
    }
}

/// Whether a location is open at an instant, and until when or from when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenStatus {
    /// Open now; `until` is the end of the current opening, following ranges that continue
    /// over midnight (`23:00-24:00` then `00:00-02:00`). It is capped at the end of the
    /// look-ahead for a location that never closes.
    Open { until: Zoned },
    /// Closed now; `opens_at` is the next opening within [`LOOKAHEAD_DAYS`] local days.
    Closed { opens_at: Option<Zoned>, reason: ClosedReason },
}

/// What governs the hours of the current local date while the location is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedReason {
    /// A public holiday, and no exception on the date.
    Holiday(Holiday),
    /// An exception governs the date (closed all day, or outside its special hours).
    Exception(Option<String>),
    /// Outside the regular weekly hours.
    Regular,
}

/// The opening hours of one location, in its time zone.
#[derive(Debug, Clone)]
pub struct Schedule {
    weekly: WeeklyHours,
    exceptions: BTreeMap<Date, ExceptionKind>,
    holidays_state: Option<FederalState>,
    time_zone: TimeZone,
}

/// The rule that decides a date's hours.
enum Source<'a> {
    Exception(&'a ExceptionKind),
    Holiday(Holiday),
    Weekly,
}

/// An opening on the time line: `start` inclusive, `end` exclusive, `start < end`.
struct Interval {
    start: Timestamp,
    end: Timestamp,
}

impl Schedule {
    /// Rejects two exceptions on the same date (`hours-exception-duplicate`). With
    /// `holidays_state`, that state's public holidays close the location.
    pub fn new(
        weekly: WeeklyHours,
        exceptions: impl IntoIterator<Item = Exception>,
        holidays_state: Option<FederalState>,
        time_zone: TimeZone,
    ) -> Result<Self, Invalid> {
        let mut by_date = BTreeMap::new();
        for Exception { date, kind } in exceptions {
            if by_date.insert(date, kind).is_some() {
                return Err(Invalid::new("hours-exception-duplicate"));
            }
        }
        Ok(Self { weekly, exceptions: by_date, holidays_state, time_zone })
    }

    pub fn weekly(&self) -> &WeeklyHours {
        &self.weekly
    }

    /// The exceptions, sorted by date.
    pub fn exceptions(&self) -> impl Iterator<Item = Exception> + '_ {
        self.exceptions.iter().map(|(&date, kind)| Exception { date, kind: kind.clone() })
    }

    pub fn holidays_state(&self) -> Option<FederalState> {
        self.holidays_state
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The effective hours of a local date, as they would be posted: an exception wins,
    /// then a public holiday (closed), then the weekly pattern. These are wall-clock hours;
    /// on a DST change day [`Schedule::status_at`] maps them to instants as documented in
    /// the parent module.
    pub fn hours_on(&self, date: Date) -> DayHours {
        self.day(date).0.clone()
    }

    /// Open or closed at `now`, with the end of the opening or the next one.
    pub fn status_at(&self, now: Timestamp) -> OpenStatus {
        let today = self.time_zone.to_datetime(now).date();
        // From yesterday: an opening that started then may still run (24:00 or a DST fold).
        let first = today.yesterday().unwrap_or(today);
        let mut openings = self.openings_from(first, u32::from(LOOKAHEAD_DAYS) + 2);
        let Some(current) = openings.find(|i| i.end > now) else {
            return self.closed(today, None);
        };
        if current.start > now {
            return self.closed(today, Some(current.start));
        }
        let mut until = current.end;
        for next in openings {
            if next.start > until {
                break;
            }
            until = next.end;
        }
        OpenStatus::Open { until: until.to_zoned(self.time_zone.clone()) }
    }

    /// The days with opening hours among the `days` local dates starting with the date of
    /// `from` (today's hours are included even if they are over), for listing the coming
    /// week on a page.
    pub fn next_openings(&self, from: Timestamp, days: u32) -> Vec<(Date, DayHours)> {
        let today = self.time_zone.to_datetime(from).date();
        dates_from(today, days)
            .map(|date| (date, self.hours_on(date)))
            .filter(|(_, hours)| !hours.is_closed())
            .collect()
    }

    fn day(&self, date: Date) -> (&DayHours, Source<'_>) {
        static CLOSED: DayHours = DayHours::closed();
        if let Some(kind) = self.exceptions.get(&date) {
            let hours = match kind {
                ExceptionKind::Closed { .. } => &CLOSED,
                ExceptionKind::SpecialHours { hours, .. } => hours,
            };
            return (hours, Source::Exception(kind));
        }
        if let Some(holiday) = self.holidays_state.and_then(|state| holiday_on(state, date)) {
            return (&CLOSED, Source::Holiday(holiday));
        }
        (self.weekly.on(date.weekday()), Source::Weekly)
    }

    fn closed(&self, today: Date, opens_at: Option<Timestamp>) -> OpenStatus {
        let reason = match self.day(today).1 {
            Source::Exception(kind) => ClosedReason::Exception(kind.note()),
            Source::Holiday(holiday) => ClosedReason::Holiday(holiday),
            Source::Weekly => ClosedReason::Regular,
        };
        let opens_at = opens_at.map(|t| t.to_zoned(self.time_zone.clone()));
        OpenStatus::Closed { opens_at, reason }
    }

    /// The non-empty openings of `days` local dates from `first`, in time order.
    fn openings_from(&self, first: Date, days: u32) -> impl Iterator<Item = Interval> + '_ {
        dates_from(first, days).flat_map(move |date| {
            let ranges: Vec<TimeRange> = self.day(date).0.ranges().to_vec();
            ranges.into_iter().filter_map(move |range| {
                let start = self.reached(range.start_on(date))?;
                let end = self.reached(range.end_on(date)?)?;
                (start < end).then_some(Interval { start, end })
            })
        })
    }

    /// The first instant at which the local wall clock shows `dt` or a later time. This is
    /// the one instant of `dt` if it is unambiguous; the earlier one in a fold; and the end
    /// of the gap (the moment of the transition) if `dt` is skipped. `None` only at the
    /// edges of the supported time range.
    fn reached(&self, dt: DateTime) -> Option<Timestamp> {
        match self.time_zone.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt).ok(),
            AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt).ok(),
            AmbiguousOffset::Gap { after, .. } => {
                // With the offset after the gap, `dt` lands before the transition.
                let before_gap = after.to_timestamp(dt).ok()?;
                self.time_zone.following(before_gap).next().map(|t| t.timestamp())
            }
        }
    }
}

fn dates_from(first: Date, days: u32) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(first), |d| d.tomorrow().ok()).take(days as usize)
}
