//! Properties over random places, policies and requests: (a) starts fit on one capable
//! counter in free, staffed, open time; (b) starts keep the booking window; (c) online never
//! sees unreleased contingents; (d) the grid stays inside opening, staffing and outside
//! blocks; (e) taking a slot never creates a start; plus channel and window consistency.

use crate::arbitrary::{Case, case};
use crate::fixtures::berlin;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use rathaus_domain::opening_hours::OpenStatus;
use rathaus_slots::*;
use std::collections::{BTreeSet, HashMap};

fn by_key(grid: &[CounterSlot]) -> HashMap<(u64, Timestamp), &CounterSlot> {
    grid.iter().map(|s| ((s.counter_id, s.start), s)).collect()
}

/// The slots `[t, t + step)` an appointment occupies.
fn occupied(c: &Case, s: &Start) -> Vec<Timestamp> {
    let step = i64::from(c.place.slot_minutes().get());
    let k = i64::from(c.need.slots(c.place.slot_minutes()));
    (0..k).map(|i| s.start.checked_add((i * step).minutes()).unwrap()).collect()
}

fn open_throughout(c: &Case, start: Timestamp, end: Timestamp) -> bool {
    matches!(c.place.opening().status_at(start), OpenStatus::Open { until } if until.timestamp() >= end)
}

fn local_date(t: Timestamp) -> Date {
    berlin().to_datetime(t).date()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_starts_fit_on_one_capable_counter_in_free_open_staffed_time(c in case()) {
        let grid = c.grid();
        let slots = by_key(&grid);
        for s in c.starts_with(&grid, c.channel, |k, t| c.taken(k, t)) {
            let counter = c.place.counter(s.counter_id).unwrap();
            prop_assert!(c.need.handled_by(&counter.services));
            let occupied = occupied(&c, &s);
            prop_assert_eq!(s.end, occupied.last().unwrap().checked_add(i64::from(c.place.slot_minutes().get()).minutes()).unwrap());
            for t in occupied {
                prop_assert!(slots.contains_key(&(s.counter_id, t)), "{s:?}: {t} is not a slot of the counter");
                prop_assert!(!c.taken(s.counter_id, t));
            }
            prop_assert!(open_throughout(&c, s.start, s.end));
        }
    }

    #[test]
    fn b_starts_keep_horizon_lead_time_and_release(c in case()) {
        let grid = c.grid();
        let today = local_date(c.now);
        let advance = c.channel.is_advance_booking();
        let lead = if advance { i64::from(c.policy.min_lead_minutes) } else { 0 };
        for s in c.starts_with(&grid, c.channel, |_, _| false) {
            prop_assert!(s.start >= c.now.checked_add(lead.minutes()).unwrap());
            let day = local_date(s.start);
            prop_assert!(day <= today.checked_add(i64::from(c.policy.horizon_days).days()).unwrap());
            if let (Some(r), true) = (c.policy.release, advance) {
                let opened = berlin().to_datetime(c.now).time() >= r.at;
                let last = today.checked_add((i64::from(r.days_ahead) - i64::from(!opened)).days()).unwrap();
                prop_assert!(day <= last, "{s:?} after {last}");
            }
        }
    }

    #[test]
    fn c_online_never_sees_unreleased_contingents(c in case()) {
        let grid = c.grid();
        let slots = by_key(&grid);
        for s in c.starts_with(&grid, Channel::Online, |k, t| c.taken(k, t)) {
            for t in occupied(&c, &s) {
                if let Some(name) = &slots[&(s.counter_id, t)].contingent {
                    let hours = c.policy.contingents.get(name).unwrap().release_hours_before;
                    prop_assert!(c.now >= t.checked_sub(i64::from(hours).hours()).unwrap(), "{name:?} at {t}");
                }
            }
        }
    }

    #[test]
    fn d_the_grid_is_open_staffed_unblocked_and_on_the_grid(c in case()) {
        let grid = c.grid();
        let step = i64::from(c.place.slot_minutes().get()) * 60;
        let distinct: BTreeSet<(u64, Timestamp)> = grid.iter().map(|s| (s.counter_id, s.start)).collect();
        prop_assert_eq!(distinct.len(), grid.len());
        for s in &grid {
            prop_assert_eq!(s.start.as_second() % step, 0);
            prop_assert_eq!(s.end.as_second() - s.start.as_second(), step);
            let day = local_date(s.start);
            prop_assert!(c.from <= day && day <= c.to);
            prop_assert!(open_throughout(&c, s.start, s.end), "{s:?}");
            for b in c.place.blocks().iter().filter(|b| b.counter.is_none_or(|k| k == s.counter_id)) {
                prop_assert!(b.to <= s.start || s.end <= b.from, "{s:?} in {b:?}");
            }
            let plan = c.place.counter(s.counter_id).unwrap();
            for i in (0..step).step_by(300) {
                let wall = berlin().to_datetime(s.start.checked_add(i.seconds()).unwrap());
                let staffed = plan.staffed.iter().any(|b| b.applies_on(wall.date()) && b.hours.contains(wall.time()));
                prop_assert!(staffed, "{s:?} unstaffed at {wall}");
            }
        }
    }

    #[test]
    fn e_taking_a_slot_never_creates_a_start(c in case(), pick in any::<prop::sample::Index>()) {
        let grid = c.grid();
        prop_assume!(!grid.is_empty());
        let extra = &grid[pick.index(grid.len())];
        let before: BTreeSet<Start> = c.starts_with(&grid, c.channel, |k, t| c.taken(k, t)).into_iter().collect();
        let after = c.starts_with(&grid, c.channel, |k, t| c.taken(k, t) || (k, t) == (extra.counter_id, extra.start));
        prop_assert!(after.iter().all(|s| before.contains(s)));
        prop_assert!(after.iter().all(|s| !(s.counter_id == extra.counter_id && s.start <= extra.start && extra.start < s.end)));
    }

    #[test]
    fn phone_sees_at_least_what_online_sees(c in case()) {
        let grid = c.grid();
        let phone: BTreeSet<Start> = c.starts_with(&grid, Channel::Phone(StaffId(1)), |k, t| c.taken(k, t)).into_iter().collect();
        let online = c.starts_with(&grid, Channel::Online, |k, t| c.taken(k, t));
        prop_assert!(online.iter().all(|s| phone.contains(s)));
    }

    #[test]
    fn grids_of_overlapping_windows_agree(c in case(), skip in 1i64..10) {
        let whole = c.grid();
        let later = capacity_grid(&c.place, &c.policy, c.from.checked_add(skip.days()).unwrap(), c.to);
        let whole: std::collections::HashSet<&CounterSlot> = whole.iter().collect();
        prop_assert!(later.iter().all(|s| whole.contains(s)));
    }
}

/// 64 cases per property, or `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}
