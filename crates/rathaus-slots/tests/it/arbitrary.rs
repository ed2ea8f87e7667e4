//! Random places, policies, requests and booked slots for the property tests.

use crate::fixtures::*;
use jiff::civil::{Date, Time, Weekday, date};
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{DayHours, Exception, ExceptionKind, Schedule, TimeRange, WeeklyHours};
use rathaus_slots::*;

pub const SERVICES: [&str; 3] = ["a", "b", "c"];
pub const DAYS: i64 = 14;

#[derive(Debug, Clone)]
pub struct Case {
    pub place: Place,
    pub policy: BookingPolicy,
    pub need: Need,
    pub channel: Channel,
    pub now: Timestamp,
    pub from: Date,
    pub to: Date,
    /// A counter-slot is taken when a hash of it and this seed is divisible by `taken_mod`.
    pub taken_seed: u64,
    pub taken_mod: u64,
}

impl Case {
    pub fn taken(&self, counter: u64, start: Timestamp) -> bool {
        let mut h = self.taken_seed ^ counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ start.as_second() as u64;
        h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (h ^ (h >> 29)).is_multiple_of(self.taken_mod)
    }

    pub fn grid(&self) -> Vec<CounterSlot> {
        capacity_grid(&self.place, &self.policy, self.from, self.to)
    }

    pub fn starts_with(
        &self,
        grid: &[CounterSlot],
        channel: Channel,
        taken: impl Fn(u64, Timestamp) -> bool,
    ) -> Vec<Start> {
        available_starts(&self.place, &self.policy, grid, taken, &Request { need: &self.need, channel, now: self.now })
    }
}

fn minute_time(m: u16) -> Time {
    Time::constant((m / 60 % 24) as i8, (m % 60) as i8, 0, 0)
}

/// Up to two ranges from sorted boundaries, multiples of `step` between `lo` and `hi`.
fn day_hours(lo: u16, hi: u16, step: u16) -> impl Strategy<Value = DayHours> {
    prop::collection::vec((lo / step..=hi / step).prop_map(move |i| i * step), 0..=4).prop_map(|mut points| {
        points.sort_unstable();
        points.dedup();
        DayHours::new(points.chunks_exact(2).map(|p| TimeRange::new(minute_time(p[0]), minute_time(p[1])).unwrap()))
            .unwrap()
    })
}

fn opening(from: Date) -> impl Strategy<Value = Schedule> {
    let kind = prop_oneof![
        Just(ExceptionKind::Closed { note: None }),
        day_hours(0, 1440, 15).prop_map(|hours| ExceptionKind::SpecialHours { hours, note: None }),
    ];
    let exceptions = prop::collection::btree_map(0..DAYS, kind, 0..4);
    (prop::array::uniform7(day_hours(0, 1440, 15)), exceptions, any::<bool>()).prop_map(move |(days, exc, nw)| {
        let weekly = WEEKDAYS
            .iter()
            .chain(&[Weekday::Saturday, Weekday::Sunday])
            .zip(days)
            .fold(WeeklyHours::closed(), |w, (d, h)| w.with(*d, h));
        let exceptions = exc.into_iter().map(|(o, kind)| Exception { date: from.checked_add(o.days()).unwrap(), kind });
        Schedule::new(weekly, exceptions, nw.then_some(FederalState::NordrheinWestfalen), berlin()).unwrap()
    })
}

/// Staffing between 05:00 and 23:00, so that a naive wall-clock check is exact on DST days.
fn staffed(from: Date) -> impl Strategy<Value = StaffedBlock> {
    let hours = (60u16..276, 6u16..=72).prop_map(|(s, len)| {
        let (start, end) = (s * 5, (s * 5 + len * 5).min(23 * 60));
        TimeRange::new(minute_time(start), minute_time(end.max(start + 5))).unwrap()
    });
    let weekdays = prop::collection::vec(0i8..7, 0..=3)
        .prop_map(|v| v.into_iter().map(|i| Weekday::from_monday_zero_offset(i).unwrap()).collect());
    let dates = prop::option::weighted(0.3, (0..DAYS, 0..DAYS)).prop_map(move |r| {
        r.map(|(a, b)| DateRange {
            first: from.checked_add(a.min(b).days()).unwrap(),
            last: from.checked_add(a.max(b).days()).unwrap(),
        })
    });
    (weekdays, dates, hours).prop_map(|(weekdays, dates, hours)| StaffedBlock { weekdays, dates, hours })
}

fn service_set() -> impl Strategy<Value = ServiceSet> {
    prop_oneof![Just(ServiceSet::all()), prop::sample::subsequence(SERVICES.to_vec(), 1..=3).prop_map(ServiceSet::only)]
}

fn block(from: Date) -> impl Strategy<Value = Block> {
    let start = local(from, Time::midnight());
    (prop::option::of(1u64..=5), 0..DAYS * 1440 * 60, 60i64..4 * 3600, 0i32..1_000_000_000).prop_map(
        move |(counter, at, len, ns)| {
            let from = start.checked_add(at.seconds()).unwrap().checked_add(ns.nanoseconds()).unwrap();
            Block { counter, from, to: from.checked_add(len.seconds()).unwrap(), reason: "x".into() }
        },
    )
}

fn place(from: Date) -> impl Strategy<Value = Place> {
    let counter = (service_set(), prop::collection::vec(staffed(from), 1..=3));
    let counters = prop::collection::vec(counter, 1..=4).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (services, staffed))| CounterPlan { counter_id: i as u64 + 1, services, staffed })
            .collect()
    });
    let grid = prop::sample::select(vec![5u32, 10, 15, 30]);
    (opening(from), grid, counters, prop::collection::vec(block(from), 0..=3))
        .prop_map(|(o, g, c, b)| Place::new(o, SlotMinutes::new(g).unwrap(), c, b).unwrap())
}

fn policy() -> impl Strategy<Value = BookingPolicy> {
    let release = prop::option::of((5i8..=9, prop::sample::select(vec![0i8, 30]), 0u32..=15))
        .prop_map(|r| r.map(|(h, m, days_ahead)| RollingRelease { at: Time::constant(h, m, 0, 0), days_ahead }));
    let names =
        [ContingentName::Phone, ContingentName::WalkIn, ContingentName::Emergency, ContingentName::Custom("x".into())];
    let contingent = (0u8..=33, 0u32..=72);
    let contingents = prop::collection::vec(contingent, 4).prop_flat_map(move |shares| {
        let list: Vec<Contingent> = names
            .iter()
            .cloned()
            .zip(shares)
            .map(|(name, (share_percent, release_hours_before))| Contingent {
                name,
                share_percent,
                release_hours_before,
            })
            .collect();
        prop::sample::subsequence(list, 0..=3)
    });
    (0u32..=20, 0u32..=600, release, contingents, prop::sample::select(vec![0u32, 10, 30, 60])).prop_map(
        |(h, lead, release, c, block)| BookingPolicy {
            horizon_days: h,
            min_lead_minutes: lead,
            release,
            contingents: Contingents::new(c).unwrap(),
            contingent_block_minutes: block,
        },
    )
}

fn need() -> impl Strategy<Value = Need> {
    prop::sample::subsequence(SERVICES.to_vec(), 1..=2)
        .prop_flat_map(|services| {
            prop::collection::vec((1u32..=25, 1u32..=2), services.len()).prop_map(move |v| (services.clone(), v))
        })
        .prop_map(|(services, v)| {
            Need::new(services.iter().zip(v).map(|(s, (m, p))| NeedItem::new(s, m, p)).collect()).unwrap()
        })
}

pub fn channel() -> impl Strategy<Value = Channel> {
    prop::sample::select(vec![Channel::Online, Channel::Phone(StaffId(1)), Channel::WalkIn, Channel::Emergency])
}

pub fn case() -> impl Strategy<Value = Case> {
    (0i64..365).prop_flat_map(|offset| {
        let from = date(2026, 1, 1).checked_add(offset.days()).unwrap();
        let now =
            (-2 * 1440i64..7 * 1440).prop_map(move |m| local(from, Time::midnight()).checked_add(m.minutes()).unwrap());
        (place(from), policy(), need(), channel(), now, any::<u64>(), 3u64..=8).prop_map(
            move |(place, policy, need, channel, now, taken_seed, taken_mod)| Case {
                place,
                policy,
                need,
                channel,
                now,
                from,
                to: from.checked_add((DAYS - 1).days()).unwrap(),
                taken_seed,
                taken_mod,
            },
        )
    })
}
