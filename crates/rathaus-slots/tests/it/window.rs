//! Horizon, lead time and the rolling release, exactly at 07:00 local time.

use crate::fixtures::*;
use jiff::ToSpan;
use jiff::civil::{Date, date, time};
use rathaus_slots::*;

fn dates(starts: &[Start]) -> Vec<Date> {
    day_times(starts, &berlin()).into_iter().map(|(d, _)| d).collect()
}

fn office_grid(to: Date) -> (Place, Vec<CounterSlot>) {
    let p = office(vec![counter(1, &["all"], "08:00-12:00")]);
    let grid = capacity_grid(&p, &open_policy(), MON, to);
    (p, grid)
}

#[test]
fn the_horizon_ends_with_today_plus_horizon_days() {
    let (p, grid) = office_grid(date(2026, 5, 29));
    let policy = BookingPolicy::new(7, 0);
    let starts = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Online, local(MON, time(15, 0, 0, 0)));
    // Today's hours are over; Tuesday to the next Monday (11 May) are in.
    assert_eq!(dates(&starts), [5, 6, 7, 8, 11].map(|d| date(2026, 5, d)));
    let emergency = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Emergency, local(MON, EARLY));
    assert_eq!(dates(&emergency).last(), Some(&date(2026, 5, 11)), "the horizon holds for every channel");
}

#[test]
fn the_lead_time_holds_for_online_and_phone_but_not_at_the_desk() {
    let (p, grid) = office_grid(MON);
    let policy = BookingPolicy::new(7, 60);
    let now = local(MON, time(9, 3, 0, 0));
    let first = |channel| hhmm(free_starts(&p, &policy, &grid, &need("pass", 10, 1), channel, now)[0].start);
    assert_eq!(first(Channel::Online), "10:10");
    assert_eq!(first(Channel::Phone(StaffId(4))), "10:10");
    assert_eq!(first(Channel::WalkIn), "09:10");
    assert_eq!(first(Channel::Emergency), "09:10");
}

#[test]
fn a_start_exactly_at_now_plus_lead_is_offered() {
    let (p, grid) = office_grid(MON);
    let now = local(MON, time(9, 0, 0, 0));
    let starts = free_starts(&p, &BookingPolicy::new(7, 30), &grid, &need("pass", 10, 1), Channel::Online, now);
    assert_eq!(hhmm(starts[0].start), "09:30");
}

#[test]
fn rolling_release_opens_one_more_day_at_seven_local_time() {
    let (p, grid) = office_grid(date(2026, 6, 30));
    let mut policy = BookingPolicy::new(60, 0);
    policy.release = Some(RollingRelease { at: time(7, 0, 0, 0), days_ahead: 14 });
    let last_date = |now| {
        let starts = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Online, now);
        *dates(&starts).last().unwrap()
    };
    // Monday 4 May: 18 May opens at 07:00 CEST, which is 05:00 UTC.
    let seven = local(MON, time(7, 0, 0, 0));
    assert_eq!(seven, at("2026-05-04T05:00Z"));
    assert_eq!(last_date(seven - 1.nanosecond()), date(2026, 5, 15), "06:59:59.999999999: not yet");
    assert_eq!(last_date(seven - 1.second()), date(2026, 5, 15));
    assert_eq!(last_date(seven), date(2026, 5, 18), "07:00:00: open");
    assert_eq!(last_date(seven + 3.hours()), date(2026, 5, 18));
    // A walk-in is not held back by the release, only by the horizon.
    let desk = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::WalkIn, seven - 1.second());
    assert_eq!(dates(&desk).last(), Some(&date(2026, 6, 30)));
}

#[test]
fn the_stricter_of_horizon_and_release_wins() {
    let (p, grid) = office_grid(date(2026, 6, 30));
    let mut policy = BookingPolicy::new(3, 0);
    policy.release = Some(RollingRelease { at: time(7, 0, 0, 0), days_ahead: 14 });
    let starts = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Online, local(MON, time(8, 0, 0, 0)));
    assert_eq!(dates(&starts).last(), Some(&date(2026, 5, 7)));
    // Release on the same day (days_ahead 0): nothing before 07:00, today from then on.
    policy.release = Some(RollingRelease { at: time(7, 0, 0, 0), days_ahead: 0 });
    let before = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Online, local(MON, EARLY));
    assert!(before.is_empty());
    let after = free_starts(&p, &policy, &grid, &need("pass", 10, 1), Channel::Online, local(MON, time(7, 0, 0, 0)));
    assert_eq!(dates(&after), [MON]);
}
