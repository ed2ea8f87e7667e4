//! Counter skills, the one-counter rule for several services, persons × minutes, rounding to
//! the grid and the fit of multi-slot appointments.

use crate::fixtures::*;
use jiff::civil::{Weekday, date, time};
use rathaus_slots::*;

fn counters_of(starts: &[Start]) -> Vec<u64> {
    let mut ids: Vec<u64> = starts.iter().map(|s| s.counter_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn only_counters_that_handle_the_service_are_offered() {
    let p = office(vec![counter(1, &["pass"], "08:00-12:00"), counter(2, &["kfz"], "08:00-12:00")]);
    let grid = capacity_grid(&p, &open_policy(), MON, MON);
    let now = local(MON, EARLY);
    assert_eq!(counters_of(&free_starts(&p, &open_policy(), &grid, &need("kfz", 10, 1), Channel::Online, now)), [2]);
    assert!(free_starts(&p, &open_policy(), &grid, &need("fuehrerschein", 10, 1), Channel::Online, now).is_empty());
}

#[test]
fn all_services_of_one_appointment_need_one_counter() {
    let p = office(vec![
        counter(1, &["pass", "perso"], "08:00-12:00"),
        counter(2, &["perso", "kfz"], "08:00-12:00"),
        counter(3, &["all"], "08:00-09:00"),
    ]);
    let grid = capacity_grid(&p, &open_policy(), MON, MON);
    let now = local(MON, EARLY);
    let both = |a: &str, b: &str| Need::new(vec![NeedItem::new(a, 10, 1), NeedItem::new(b, 10, 1)]).unwrap();
    let starts = free_starts(&p, &open_policy(), &grid, &both("pass", "kfz"), Channel::Online, now);
    assert_eq!(counters_of(&starts), [3], "only the all-rounder handles passport and vehicle");
    let starts = free_starts(&p, &open_policy(), &grid, &both("pass", "perso"), Channel::Online, now);
    assert_eq!(counters_of(&starts), [1, 3]);
}

#[test]
fn duration_is_persons_times_minutes_rounded_up_to_the_grid() {
    let family = Need::new(vec![NeedItem::new("pass", 7, 2), NeedItem::new("perso", 3, 1)]).unwrap();
    assert_eq!(family.minutes(), 17);
    assert_eq!(family.slots(SlotMinutes::new(10).unwrap()), 2);
    assert_eq!(family.slots(SlotMinutes::new(5).unwrap()), 4);
    let p = office(vec![counter(1, &["all"], "08:00-12:00")]);
    let grid = capacity_grid(&p, &open_policy(), MON, MON);
    let starts = free_starts(&p, &open_policy(), &grid, &family, Channel::Online, local(MON, EARLY));
    assert!(starts.iter().all(|s| s.end.duration_since(s.start).as_mins() == 20));
    assert_eq!(start_times(&starts, MON), times("08:00", "11:50", 10), "the last one ends at 12:00");
}

#[test]
fn a_multi_slot_appointment_needs_consecutive_free_slots_on_one_counter() {
    // Thursday hours with a lunch break; counter 1 is booked at 09:00, counter 2 at 09:10.
    let thu = date(2026, 5, 7);
    let opening = schedule(week(&[Weekday::Thursday], "08:00-10:00, 14:00-15:00"), vec![]);
    let p = place(opening, 10, vec![counter(1, &["all"], "00:00-24:00"), counter(2, &["all"], "00:00-24:00")], vec![]);
    let grid = capacity_grid(&p, &open_policy(), thu, thu);
    let taken = |c: u64, t: jiff::Timestamp| {
        (c, t) == (1, local(thu, time(9, 0, 0, 0))) || (c, t) == (2, local(thu, time(9, 10, 0, 0)))
    };
    let half_hour = need("pass", 30, 1);
    let request = Request { need: &half_hour, channel: Channel::Online, now: local(thu, EARLY) };
    let starts = available_starts(&p, &open_policy(), &grid, taken, &request);
    let on = |c: u64| starts.iter().filter(|s| s.counter_id == c).map(|s| hhmm(s.start)).collect::<Vec<_>>();
    assert_eq!(
        on(1),
        ["08:00", "08:10", "08:20", "08:30", "09:10", "09:20", "09:30", "14:00", "14:10", "14:20", "14:30"]
    );
    assert_eq!(
        on(2),
        ["08:00", "08:10", "08:20", "08:30", "08:40", "09:20", "09:30", "14:00", "14:10", "14:20", "14:30"]
    );
}

#[test]
fn needs_are_validated() {
    assert_eq!(Need::new(vec![]).unwrap_err().code, "need-empty");
    assert_eq!(Need::single("pass", 0, 1).unwrap_err().code, "need-zero");
    assert_eq!(Need::single("pass", 10, 0).unwrap_err().code, "need-zero");
    let twice = vec![NeedItem::new("pass", 10, 1), NeedItem::new("pass", 5, 1)];
    assert_eq!(Need::new(twice).unwrap_err().code, "need-duplicate-service");
    assert_eq!(Need::single("pass", 1441, 1).unwrap_err().code, "need-too-long");
    assert_eq!(Need::single("pass", u32::MAX, 2).unwrap_err().code, "need-too-long");
    assert!(Need::single("pass", 60, 24).is_ok());
}
