//! Builders for places, policies and instants in Europe/Berlin, and readers for results.

use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday, date, time};
use jiff::tz::TimeZone;
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{DayHours, Exception, ExceptionKind, Schedule, TimeRange, WeeklyHours};
use rathaus_slots::*;

pub const WEEKDAYS: [Weekday; 5] =
    [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday];

pub fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").expect("bundled tzdb")
}

pub fn range(s: &str) -> TimeRange {
    TimeRange::parse(s).unwrap()
}

pub fn hours(s: &str) -> DayHours {
    DayHours::parse(s).unwrap()
}

/// The same hours on each of `days`.
pub fn week(days: &[Weekday], h: &str) -> WeeklyHours {
    days.iter().fold(WeeklyHours::closed(), |w, d| w.with(*d, hours(h)))
}

/// A schedule in Berlin with the public holidays of Nordrhein-Westfalen.
pub fn schedule(weekly: WeeklyHours, exceptions: Vec<Exception>) -> Schedule {
    Schedule::new(weekly, exceptions, Some(FederalState::NordrheinWestfalen), berlin()).unwrap()
}

pub fn special(d: Date, h: &str) -> Exception {
    Exception { date: d, kind: ExceptionKind::SpecialHours { hours: hours(h), note: None } }
}

pub fn closed(d: Date) -> Exception {
    Exception { date: d, kind: ExceptionKind::Closed { note: None } }
}

/// A counter handling `services` (`["all"]` for all), staffed `h` every day.
pub fn counter(id: u64, services: &[&str], h: &str) -> CounterPlan {
    CounterPlan { counter_id: id, services: skills(services), staffed: vec![every_day(h)] }
}

pub fn skills(services: &[&str]) -> ServiceSet {
    if services == ["all"] { ServiceSet::all() } else { ServiceSet::only(services.iter().copied()) }
}

pub fn every_day(h: &str) -> StaffedBlock {
    StaffedBlock { weekdays: vec![], dates: None, hours: range(h) }
}

pub fn place(opening: Schedule, grid: u32, counters: Vec<CounterPlan>, blocks: Vec<Block>) -> Place {
    Place::new(opening, SlotMinutes::new(grid).unwrap(), counters, blocks).unwrap()
}

/// Open Monday to Friday 08:00-12:00 with the given counters, 10-minute grid.
pub fn office(counters: Vec<CounterPlan>) -> Place {
    place(schedule(week(&WEEKDAYS, "08:00-12:00"), vec![]), 10, counters, vec![])
}

/// A generous policy: 60 days ahead, no lead time, no release, no contingents.
pub fn open_policy() -> BookingPolicy {
    BookingPolicy::new(60, 0)
}

/// An unambiguous Berlin wall-clock instant.
pub fn local(d: Date, t: Time) -> Timestamp {
    d.to_datetime(t).to_zoned(berlin()).unwrap().timestamp()
}

/// An instant written with its offset, e.g. `2026-10-25T02:00+02:00`.
pub fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Local `HH:MM` of an instant.
pub fn hhmm(t: Timestamp) -> String {
    t.to_zoned(berlin()).strftime("%H:%M").to_string()
}

/// The local start times of `counter`'s slots on `d`.
pub fn slot_times(grid: &[CounterSlot], counter: u64, d: Date) -> Vec<String> {
    let on_day = |s: &&CounterSlot| s.counter_id == counter && s.start.to_zoned(berlin()).date() == d;
    grid.iter().filter(on_day).map(|s| hhmm(s.start)).collect()
}

/// The local start times offered on `d` (any counter, deduplicated, sorted).
pub fn start_times(starts: &[Start], d: Date) -> Vec<String> {
    day_times(starts, &berlin()).into_iter().filter(|(day, _)| *day == d).flat_map(|(_, times)| times).map(hm).collect()
}

pub fn hm(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The `HH:MM` times from `first` (inclusive) to `end` (exclusive) every `step` minutes.
pub fn times(first: &str, end: &str, step: i32) -> Vec<String> {
    let minutes = |s: &str| {
        let (h, m) = s.split_once(':').unwrap();
        h.parse::<i32>().unwrap() * 60 + m.parse::<i32>().unwrap()
    };
    (minutes(first)..minutes(end)).step_by(step as usize).map(|m| format!("{:02}:{:02}", m / 60, m % 60)).collect()
}

/// Starts for `need` on a free grid.
pub fn free_starts(
    place: &Place,
    policy: &BookingPolicy,
    grid: &[CounterSlot],
    need: &Need,
    channel: Channel,
    now: Timestamp,
) -> Vec<Start> {
    available_starts(place, policy, grid, |_, _| false, &Request { need, channel, now })
}

/// Monday 4 May 2026 (1 May is Tag der Arbeit, 14 May Christi Himmelfahrt).
pub const MON: Date = date(2026, 5, 4);
pub const EARLY: Time = time(6, 0, 0, 0);

pub fn need(service: &str, minutes: u32, persons: u32) -> Need {
    Need::single(service, minutes, persons).unwrap()
}
