//! Blocked times take slots out of the grid, for the whole place or one counter.

use crate::fixtures::*;
use jiff::ToSpan;
use jiff::civil::time;
use rathaus_slots::*;

fn block(counter: Option<u64>, from: &str, to: &str) -> Block {
    let t = |s: &str| {
        let (h, m) = s.split_once(':').unwrap();
        local(MON, time(h.parse().unwrap(), m.parse().unwrap(), 0, 0))
    };
    Block { counter, from: t(from), to: t(to), reason: "Teambesprechung".into() }
}

fn grid_with(blocks: Vec<Block>) -> Vec<CounterSlot> {
    let counters = vec![counter(1, &["all"], "08:00-12:00"), counter(2, &["all"], "08:00-12:00")];
    let p = place(schedule(week(&WEEKDAYS, "08:00-12:00"), vec![]), 10, counters, blocks);
    capacity_grid(&p, &open_policy(), MON, MON)
}

fn without(all: Vec<String>, gone: &[&str]) -> Vec<String> {
    all.into_iter().filter(|t| !gone.contains(&t.as_str())).collect()
}

#[test]
fn a_place_wide_block_removes_every_counter() {
    let grid = grid_with(vec![block(None, "09:00", "10:00")]);
    let expected = without(times("08:00", "12:00", 10), &["09:00", "09:10", "09:20", "09:30", "09:40", "09:50"]);
    assert_eq!(slot_times(&grid, 1, MON), expected);
    assert_eq!(slot_times(&grid, 2, MON), expected);
}

#[test]
fn a_counter_block_removes_every_overlapped_slot_of_that_counter_only() {
    let mut b = block(Some(1), "10:05", "10:15");
    b.to += 1.nanosecond();
    let grid = grid_with(vec![b, block(Some(9), "08:00", "12:00")]);
    assert_eq!(slot_times(&grid, 1, MON), without(times("08:00", "12:00", 10), &["10:00", "10:10"]));
    assert_eq!(slot_times(&grid, 2, MON), times("08:00", "12:00", 10));
}

#[test]
fn a_block_ending_on_a_slot_boundary_keeps_the_next_slot() {
    let grid = grid_with(vec![block(Some(2), "08:00", "08:20")]);
    assert_eq!(slot_times(&grid, 2, MON), times("08:20", "12:00", 10));
}

#[test]
fn an_appointment_does_not_span_a_block() {
    let counters = vec![counter(1, &["all"], "08:00-12:00")];
    let p = place(schedule(week(&WEEKDAYS, "08:00-12:00"), vec![]), 10, counters, vec![block(None, "09:00", "09:10")]);
    let grid = capacity_grid(&p, &open_policy(), MON, MON);
    let starts = free_starts(&p, &open_policy(), &grid, &need("pass", 20, 1), Channel::Online, local(MON, EARLY));
    let offered = start_times(&starts, MON);
    assert!(offered.contains(&"08:40".to_string()) && !offered.contains(&"08:50".to_string()));
    assert!(!offered.contains(&"09:00".to_string()) && offered.contains(&"09:10".to_string()));
}
