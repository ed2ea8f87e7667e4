//! Contingents: a share of the counter-slots held back for phone, walk-in, emergency or a
//! custom group, released to online booking some hours ahead.

use crate::fixtures::*;
use jiff::ToSpan;
use jiff::civil::{date, time};
use rathaus_slots::*;

fn contingent(name: ContingentName, share_percent: u8, release_hours_before: u32) -> Contingent {
    Contingent { name, share_percent, release_hours_before }
}

fn policy_with(list: Vec<Contingent>, block_minutes: u32) -> BookingPolicy {
    BookingPolicy {
        contingents: Contingents::new(list).unwrap(),
        contingent_block_minutes: block_minutes,
        ..open_policy()
    }
}

fn long_day(counters: u64, grid: u32) -> Place {
    let plans = (1..=counters).map(|id| counter(id, &["all"], "00:00-24:00")).collect();
    place(schedule(week(&WEEKDAYS, "08:00-16:00"), vec![]), grid, plans, vec![])
}

#[test]
fn a_share_is_reserved_in_runs_spread_over_the_day_and_counters() {
    let p = long_day(3, 5);
    let policy = policy_with(vec![contingent(ContingentName::Phone, 20, 24)], 30);
    let grid = capacity_grid(&p, &policy, MON, MON);
    let reserved: Vec<&CounterSlot> = grid.iter().filter(|s| s.contingent.is_some()).collect();
    // 20 % of 3 × 96 slots, to within half a run of 6.
    assert!((reserved.len() as f64 - 57.6).abs() <= 3.0, "{}", reserved.len());
    let times: Vec<String> = reserved.iter().map(|s| hhmm(s.start)).collect();
    assert!(times.iter().any(|t| t.as_str() < "10:00") && times.iter().any(|t| t.as_str() >= "14:00"));
    for id in 1..=3 {
        let on_counter: Vec<_> = reserved.iter().filter(|s| s.counter_id == id).collect();
        assert!(!on_counter.is_empty(), "counter {id} carries part of the share");
        assert_eq!(on_counter.len() % 6, 0, "whole runs of 30 minutes");
    }
}

#[test]
fn several_contingents_each_get_their_share() {
    let p = long_day(4, 10);
    let list = vec![
        contingent(ContingentName::Phone, 15, 24),
        contingent(ContingentName::WalkIn, 10, 2),
        contingent(ContingentName::Emergency, 5, 0),
    ];
    let grid = capacity_grid(&p, &policy_with(list, 30), MON, MON);
    let total = grid.len() as f64;
    for (name, share) in
        [(ContingentName::Phone, 15.0), (ContingentName::WalkIn, 10.0), (ContingentName::Emergency, 5.0)]
    {
        let n = grid.iter().filter(|s| s.contingent.as_ref() == Some(&name)).count() as f64;
        assert!((n - total * share / 100.0).abs() <= 3.0, "{name:?}: {n} of {total}");
    }
}

#[test]
fn single_slot_reservation_takes_every_kth_slot() {
    let p = office(vec![counter(1, &["all"], "08:00-12:00")]);
    let grid = capacity_grid(&p, &policy_with(vec![contingent(ContingentName::Phone, 10, 24)], 0), MON, MON);
    let reserved: Vec<String> = grid.iter().filter(|s| s.contingent.is_some()).map(|s| hhmm(s.start)).collect();
    assert_eq!(reserved, ["08:40", "10:20"]);
}

#[test]
fn online_sees_a_contingent_slot_only_from_its_release() {
    let p = office(vec![counter(1, &["all"], "08:00-12:00")]);
    let policy = policy_with(vec![contingent(ContingentName::Phone, 100, 24)], 30);
    let grid = capacity_grid(&p, &policy, MON, MON);
    let ten = need("pass", 10, 1);
    let sunday_eight = local(date(2026, 5, 3), time(8, 0, 0, 0));
    let online = |now| start_times(&free_starts(&p, &policy, &grid, &ten, Channel::Online, now), MON);
    assert!(online(sunday_eight - 1.second()).is_empty());
    assert_eq!(online(sunday_eight), ["08:00"], "released exactly 24 hours ahead");
    assert_eq!(online(sunday_eight + 25.minutes()), ["08:00", "08:10", "08:20"]);
    let phone = free_starts(&p, &policy, &grid, &ten, Channel::Phone(StaffId(1)), sunday_eight - 1.hour());
    assert_eq!(start_times(&phone, MON), times("08:00", "12:00", 10));
    // A 20-minute appointment needs its second slot released too.
    let twenty = free_starts(&p, &policy, &grid, &need("pass", 20, 1), Channel::Online, sunday_eight + 10.minutes());
    assert_eq!(start_times(&twenty, MON), ["08:00"]);
}

#[test]
fn each_channel_may_use_its_own_contingent() {
    let p = office(vec![counter(1, &["all"], "08:00-12:00")]);
    let now = local(MON, EARLY);
    let channels = [Channel::Online, Channel::Phone(StaffId(1)), Channel::WalkIn, Channel::Emergency];
    let cases = [
        (ContingentName::Phone, [false, true, false, false]),
        (ContingentName::WalkIn, [false, false, true, false]),
        (ContingentName::Emergency, [false, false, false, true]),
        (ContingentName::Custom("senioren".into()), [false, true, false, false]),
    ];
    for (name, expected) in cases {
        let policy = policy_with(vec![contingent(name.clone(), 100, 0)], 30);
        let grid = capacity_grid(&p, &policy, MON, MON);
        for (channel, usable) in channels.into_iter().zip(expected) {
            let starts = free_starts(&p, &policy, &grid, &need("pass", 10, 1), channel, now);
            assert_eq!(!starts.is_empty(), usable, "{name:?} for {channel:?}");
        }
    }
}

#[test]
fn tags_depend_only_on_the_date_not_on_the_window() {
    let p = long_day(5, 5);
    let policy =
        policy_with(vec![contingent(ContingentName::Phone, 12, 24), contingent(ContingentName::WalkIn, 7, 1)], 20);
    let week = capacity_grid(&p, &policy, date(2026, 5, 6), date(2026, 5, 12));
    let month = capacity_grid(&p, &policy, date(2026, 5, 1), date(2026, 5, 31));
    let inside: Vec<&CounterSlot> =
        month.iter().filter(|s| week.iter().any(|w| w.counter_id == s.counter_id && w.start == s.start)).collect();
    assert_eq!(inside.len(), week.len());
    assert!(inside.iter().zip(&week).all(|(a, b)| *a == b));
}

#[test]
fn contingents_are_validated_and_named_in_plain_strings() {
    let too_much = vec![contingent(ContingentName::Phone, 60, 1), contingent(ContingentName::WalkIn, 41, 1)];
    assert_eq!(Contingents::new(too_much).unwrap_err().code, "contingent-share");
    let twice = vec![contingent(ContingentName::Phone, 10, 1), contingent(ContingentName::Phone, 10, 2)];
    assert_eq!(Contingents::new(twice).unwrap_err().code, "contingent-duplicate");
    let json = serde_json::json!([{"name": "walk_in", "share_percent": 10, "release_hours_before": 2}, {"name": "senioren", "share_percent": 5, "release_hours_before": 48}]);
    let parsed: Contingents = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(parsed.as_slice()[0].name, ContingentName::WalkIn);
    assert_eq!(parsed.as_slice()[1].name, ContingentName::Custom("senioren".into()));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), json);
}
