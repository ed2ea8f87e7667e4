//! Random weekly patterns, exceptions and instants: `status_at` agrees with `hours_on`,
//! and with itself along the time line.

use super::*;
use crate::federal_state::ALL;
use crate::holidays::holiday_on;
use jiff::civil::{Time, date};
use jiff::{SignedDuration, ToSpan};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Ranges built from the given minute boundaries (multiples of `step`), up to three a day.
fn day_hours(step: u16, skip_hour_2: bool) -> impl Strategy<Value = DayHours> {
    // Midnight is likelier than other boundaries, so that openings over midnight occur.
    let inner = (0..=(1440 / step)).prop_map(move |i| i * step);
    let boundary = prop_oneof![1 => Just(0), 1 => Just(1440), 6 => inner]
        .prop_filter("no 02:xx", move |m| !(skip_hour_2 && (120..180).contains(m)));
    prop::collection::vec(boundary, 0..=6).prop_map(|mut points| {
        points.sort_unstable();
        points.dedup();
        let ranges = points.chunks_exact(2).map(|pair| {
            let time = |m: u16| Time::constant((m / 60 % 24) as i8, (m % 60) as i8, 0, 0);
            TimeRange::new(time(pair[0]), time(pair[1])).unwrap()
        });
        DayHours::new(ranges).unwrap()
    })
}

fn weekly(step: u16, skip_hour_2: bool) -> impl Strategy<Value = WeeklyHours> {
    prop::array::uniform7(day_hours(step, skip_hour_2)).prop_map(|days| {
        let weekdays = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        weekdays.into_iter().zip(days).fold(WeeklyHours::closed(), |w, (d, h)| w.with(d, h))
    })
}

fn exceptions(first: Date, span_days: i32, step: u16, skip_hour_2: bool) -> impl Strategy<Value = Vec<Exception>> {
    let kind = prop_oneof![
        Just(ExceptionKind::Closed { note: Some("zu".into()) }),
        day_hours(step, skip_hour_2).prop_map(|hours| ExceptionKind::SpecialHours { hours, note: None }),
    ];
    prop::collection::btree_map(0..span_days, kind, 0..6).prop_map(move |by_offset: BTreeMap<i32, ExceptionKind>| {
        by_offset
            .into_iter()
            .map(|(offset, kind)| Exception { date: first.checked_add(offset.days()).unwrap(), kind })
            .collect()
    })
}

fn any_state() -> impl Strategy<Value = Option<crate::FederalState>> {
    prop::option::of(prop::sample::select(ALL.to_vec()))
}

/// Instants from `first` on, whole minutes more often than not (to hit boundaries).
fn instants(first: Date, span_days: i64) -> impl Strategy<Value = Timestamp> {
    let origin = local(first.at(0, 0, 0, 0)).as_second();
    (0..span_days * 1440, prop_oneof![3 => Just(0i64), 1 => 0..60i64])
        .prop_map(move |(minute, second)| Timestamp::from_second(origin + minute * 60 + second).unwrap())
}

fn starts_at(s: &Schedule, at: DateTime) -> bool {
    s.hours_on(at.date()).ranges().iter().any(|r| r.start() == at.time())
}

fn ends_at(s: &Schedule, at: DateTime) -> bool {
    if at.time() == Time::midnight() {
        let before = at.date().yesterday().unwrap();
        s.hours_on(before).ranges().iter().any(|r| r.ends_at_midnight())
    } else {
        s.hours_on(at.date()).ranges().iter().any(|r| !r.ends_at_midnight() && r.end() == at.time())
    }
}

fn open_on_the_wall_clock(s: &Schedule, t: Timestamp) -> bool {
    let wall = berlin().to_datetime(t);
    s.hours_on(wall.date()).contains(wall.time())
}

fn expected_reason(s: &Schedule, exceptions: &[Exception], today: Date) -> ClosedReason {
    if let Some(e) = exceptions.iter().find(|e| e.date == today) {
        let note = match &e.kind {
            ExceptionKind::Closed { note } | ExceptionKind::SpecialHours { note, .. } => note.clone(),
        };
        return ClosedReason::Exception(note);
    }
    match s.holidays_state().and_then(|state| holiday_on(state, today)) {
        Some(h) => ClosedReason::Holiday(h),
        None => ClosedReason::Regular,
    }
}

fn dates(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from), move |d| d.tomorrow().ok().filter(|n| *n <= to))
}

const FIRST: Date = date(2025, 12, 1);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// With no boundary inside 02:00–02:59 (where the DST changes happen), the wall-clock
    /// reading of `hours_on` must match `status_at` exactly, over more than a year.
    #[test]
    fn status_agrees_with_the_posted_hours(
        weekly in weekly(30, true),
        exceptions in exceptions(FIRST, 430, 30, true),
        state in any_state(),
        now in instants(FIRST, 400),
    ) {
        let s = Schedule::new(weekly, exceptions.clone(), state, berlin()).unwrap();
        let wall = berlin().to_datetime(now);
        let today = wall.date();
        match s.status_at(now) {
            OpenStatus::Open { until } => {
                prop_assert!(s.hours_on(today).contains(wall.time()));
                prop_assert!(until.timestamp() > now);
                prop_assert!(ends_at(&s, until.datetime()), "until {until} ends a range");
                if until.timestamp().duration_since(now) < SignedDuration::from_hours(24 * 59) {
                    prop_assert!(!starts_at(&s, until.datetime()), "until {until} is the end of the chain");
                }
                let length = until.timestamp().duration_since(now);
                for k in 0..8 {
                    let t = now.checked_add(length / 8 * k).unwrap();
                    prop_assert!(open_on_the_wall_clock(&s, t), "open in between, at {t}");
                }
            }
            OpenStatus::Closed { opens_at, reason } => {
                prop_assert!(!s.hours_on(today).contains(wall.time()));
                prop_assert_eq!(reason, expected_reason(&s, &exceptions, today));
                let horizon = today.checked_add(i32::from(LOOKAHEAD_DAYS).days()).unwrap();
                let last = opens_at.as_ref().map_or(horizon, |t| t.date());
                let starts_between = dates(today, last).flat_map(|d| {
                    s.hours_on(d).ranges().iter().map(move |r| d.to_datetime(r.start())).collect::<Vec<_>>()
                });
                let limit = opens_at.as_ref().map(|t| t.datetime());
                for start in starts_between {
                    prop_assert!(start <= wall || Some(start) >= limit, "a range starts at {start} before {limit:?}");
                }
                if let Some(t) = opens_at {
                    prop_assert!(t.timestamp() > now);
                    prop_assert!(starts_at(&s, t.datetime()), "{t} starts a range");
                }
            }
        }
    }

    /// Any boundaries, instants around the 2026 DST changes: the status is consistent with
    /// itself along the time line.
    #[test]
    fn status_is_consistent_along_the_time_line(
        weekly in weekly(15, false),
        exceptions in exceptions(date(2026, 3, 20), 220, 15, false),
        spring in any::<bool>(),
        offset in instants(date(2026, 1, 1), 4),
    ) {
        let s = Schedule::new(weekly, exceptions, None, berlin()).unwrap();
        let base = if spring { local(date(2026, 3, 27).at(0, 0, 0, 0)) } else { local(date(2026, 10, 23).at(0, 0, 0, 0)) };
        let now = base.checked_add(offset.duration_since(local(date(2026, 1, 1).at(0, 0, 0, 0)))).unwrap();
        let just_before = |t: Timestamp| t.checked_sub(SignedDuration::from_nanos(1)).unwrap();
        let between = |a: Timestamp, b: Timestamp| a.checked_add(b.duration_since(a) / 2).unwrap();
        match s.status_at(now) {
            OpenStatus::Open { until } => {
                let until = until.timestamp();
                prop_assert!(until > now);
                prop_assert_eq!(s.status_at(just_before(until)), OpenStatus::Open { until: until.to_zoned(berlin()) });
                prop_assert_eq!(s.status_at(between(now, until)), OpenStatus::Open { until: until.to_zoned(berlin()) });
                if until.duration_since(now) < SignedDuration::from_hours(24 * 59) {
                    let closed = matches!(s.status_at(until), OpenStatus::Closed { .. });
                    prop_assert!(closed, "closed at {}", until);
                }
            }
            OpenStatus::Closed { opens_at: Some(t), .. } => {
                let t = t.timestamp();
                prop_assert!(t > now);
                let open = matches!(s.status_at(t), OpenStatus::Open { .. });
                prop_assert!(open, "open at {}", t);
                for probe in [just_before(t), between(now, t)] {
                    let same = matches!(s.status_at(probe), OpenStatus::Closed { opens_at: Some(o), .. } if o.timestamp() == t);
                    prop_assert!(same, "closed at {} until {}", probe, t);
                }
            }
            OpenStatus::Closed { opens_at: None, .. } => {}
        }
    }

    #[test]
    fn weekly_hours_round_trip_through_json(weekly in weekly(5, false)) {
        let json = serde_json::to_string(&weekly).unwrap();
        prop_assert_eq!(serde_json::from_str::<WeeklyHours>(&json).unwrap(), weekly);
    }

    #[test]
    fn day_hours_round_trip_through_display(day in day_hours(1, false)) {
        prop_assert_eq!(DayHours::parse(&day.to_string()).unwrap(), day);
    }
}
