//! Days on which the clocks change in Europe/Berlin: the grid runs in absolute time, so the
//! skipped hour has no slots and the repeated hour no instant twice.

use crate::fixtures::*;
use jiff::Timestamp;
use jiff::civil::{Date, Weekday, date, time};
use rathaus_domain::opening_hours::OpenStatus;
use rathaus_slots::*;
use std::collections::BTreeSet;

const SPRING: Date = date(2026, 3, 29);
const AUTUMN: Date = date(2026, 10, 25);

fn sunday_place(h: &str, staffed: &str, grid: u32) -> Place {
    let opening = schedule(week(&[Weekday::Sunday], h), vec![]);
    place(opening, grid, vec![counter(1, &["all"], staffed)], vec![])
}

fn instants(grid: &[CounterSlot]) -> Vec<Timestamp> {
    grid.iter().map(|s| s.start).collect()
}

#[test]
fn spring_forward_has_no_slot_in_the_skipped_hour() {
    let p = sunday_place("01:00-04:00, 09:00-10:00", "00:00-24:00", 30);
    let grid = capacity_grid(&p, &open_policy(), SPRING, SPRING);
    let expected =
        ["2026-03-29T01:00+01:00", "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00"];
    let mut expected: Vec<Timestamp> = expected.iter().map(|s| at(s)).collect();
    expected.extend([local(SPRING, time(9, 0, 0, 0)), local(SPRING, time(9, 30, 0, 0))]);
    assert_eq!(instants(&grid), expected);
    for slot in &grid {
        assert!(matches!(p.opening().status_at(slot.start), OpenStatus::Open { .. }), "{slot:?}");
    }
}

#[test]
fn an_appointment_over_the_gap_lasts_its_real_duration() {
    let p = sunday_place("01:00-04:00", "00:00-24:00", 30);
    let grid = capacity_grid(&p, &open_policy(), SPRING, SPRING);
    let starts = free_starts(&p, &open_policy(), &grid, &need("pass", 60, 1), Channel::Online, at("2026-03-28T12:00Z"));
    let spans: Vec<(String, String)> = starts.iter().map(|s| (hhmm(s.start), hhmm(s.end))).collect();
    let expected = [("01:00", "03:00"), ("01:30", "03:30"), ("03:00", "04:00")];
    assert_eq!(spans, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert!(starts.iter().all(|s| s.end.duration_since(s.start).as_mins() == 60));
}

#[test]
fn staffing_that_starts_in_the_gap_starts_at_the_transition() {
    let p = sunday_place("00:00-06:00", "02:30-04:00", 30);
    let grid = capacity_grid(&p, &open_policy(), SPRING, SPRING);
    assert_eq!(instants(&grid), [at("2026-03-29T03:00+02:00"), at("2026-03-29T03:30+02:00")]);
}

#[test]
fn fall_back_has_the_repeated_hour_twice_but_no_instant_twice() {
    let p = sunday_place("01:00-04:00", "00:00-24:00", 30);
    let grid = capacity_grid(&p, &open_policy(), AUTUMN, AUTUMN);
    let expected = [
        "2026-10-25T01:00+02:00",
        "2026-10-25T01:30+02:00",
        "2026-10-25T02:00+02:00",
        "2026-10-25T02:30+02:00",
        "2026-10-25T02:00+01:00",
        "2026-10-25T02:30+01:00",
        "2026-10-25T03:00+01:00",
        "2026-10-25T03:30+01:00",
    ];
    assert_eq!(instants(&grid), expected.map(at));

    let starts = free_starts(&p, &open_policy(), &grid, &need("pass", 30, 1), Channel::Online, at("2026-10-24T12:00Z"));
    assert_eq!(starts.len(), 8);
    let days = day_times(&starts, &berlin());
    let shown: Vec<String> = days[0].1.iter().map(|&t| hm(t)).collect();
    assert_eq!(days.len(), 1);
    assert_eq!(shown, ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]);
    // The citizen picks 02:00: both instants are candidates, the earlier one first.
    let candidates = starts_at_local(&starts, &berlin(), AUTUMN, time(2, 0, 0, 0));
    let candidates: Vec<Timestamp> = candidates.iter().map(|s| s.start).collect();
    assert_eq!(candidates, [at("2026-10-25T02:00+02:00"), at("2026-10-25T02:00+01:00")]);
}

#[test]
fn staffing_that_ends_in_the_fold_ends_at_its_first_occurrence() {
    let p = sunday_place("00:00-06:00", "01:00-02:30", 30);
    let grid = capacity_grid(&p, &open_policy(), AUTUMN, AUTUMN);
    let expected = ["2026-10-25T01:00+02:00", "2026-10-25T01:30+02:00", "2026-10-25T02:00+02:00"];
    assert_eq!(instants(&grid), expected.map(at));
}

#[test]
fn a_five_minute_grid_over_both_changes_has_distinct_evenly_spaced_instants() {
    let p = sunday_place("00:00-24:00", "00:00-24:00", 5);
    for (day, hours) in [(SPRING, 23), (AUTUMN, 25)] {
        let grid = capacity_grid(&p, &open_policy(), day, day);
        assert_eq!(grid.len(), hours * 12, "{day}");
        let distinct: BTreeSet<Timestamp> = instants(&grid).into_iter().collect();
        assert_eq!(distinct.len(), grid.len());
        assert!(grid.windows(2).all(|w| w[0].end == w[1].start));
    }
}
