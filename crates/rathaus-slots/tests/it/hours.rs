//! Opening hours, public holidays, exceptions and staffing decide which counter-slots exist.

use crate::fixtures::*;
use jiff::civil::{Weekday, date};
use rathaus_slots::*;

#[test]
fn slots_fill_the_opening_hours_on_the_grid() {
    let p = office(vec![counter(1, &["all"], "07:00-13:00")]);
    let grid = capacity_grid(&p, &open_policy(), MON, MON.saturating_add(jiff::ToSpan::days(6)));
    assert_eq!(slot_times(&grid, 1, MON), times("08:00", "12:00", 10));
    assert!(slot_times(&grid, 1, date(2026, 5, 9)).is_empty(), "Saturday is closed");
    assert!(grid.iter().all(|s| s.end.duration_since(s.start).as_mins() == 10 && s.contingent.is_none()));
    assert!(grid.is_sorted_by_key(|s| (s.counter_id, s.start)));
}

#[test]
fn a_public_holiday_closes_and_an_exception_opens_it_again() {
    // Fri 1 May (Tag der Arbeit), Thu 14 May (Christi Himmelfahrt) with special hours.
    let opening = schedule(week(&WEEKDAYS, "08:00-12:00"), vec![special(date(2026, 5, 14), "10:00-11:00")]);
    let p = place(opening, 10, vec![counter(1, &["all"], "00:00-24:00")], vec![]);
    let grid = capacity_grid(&p, &open_policy(), date(2026, 5, 1), date(2026, 5, 31));
    assert!(slot_times(&grid, 1, date(2026, 5, 1)).is_empty());
    assert!(slot_times(&grid, 1, date(2026, 5, 25)).is_empty(), "Pfingstmontag");
    assert_eq!(slot_times(&grid, 1, date(2026, 5, 14)), times("10:00", "11:00", 10));
}

#[test]
fn exceptions_close_a_day_or_change_its_hours() {
    let exceptions = vec![closed(date(2026, 5, 5)), special(date(2026, 5, 6), "09:00-10:00, 15:00-15:30")];
    let p = place(
        schedule(week(&WEEKDAYS, "08:00-12:00"), exceptions),
        10,
        vec![counter(1, &["all"], "00:00-24:00")],
        vec![],
    );
    let grid = capacity_grid(&p, &open_policy(), MON, date(2026, 5, 8));
    assert!(slot_times(&grid, 1, date(2026, 5, 5)).is_empty());
    let mut expected = times("09:00", "10:00", 10);
    expected.extend(times("15:00", "15:30", 10));
    assert_eq!(slot_times(&grid, 1, date(2026, 5, 6)), expected);
}

#[test]
fn counters_count_only_while_staffed_and_open() {
    let monday_morning = StaffedBlock::weekly(Weekday::Monday, range("09:00-10:30"));
    let may_week = StaffedBlock::dates(date(2026, 5, 5), date(2026, 5, 6), range("11:00-13:00"));
    let overlapping = StaffedBlock::weekly(Weekday::Monday, range("10:00-11:00"));
    let plan = CounterPlan {
        counter_id: 7,
        services: ServiceSet::all(),
        staffed: vec![monday_morning, may_week, overlapping],
    };
    let unstaffed = CounterPlan { counter_id: 8, services: ServiceSet::all(), staffed: vec![] };
    let p = office(vec![plan, unstaffed]);
    let grid = capacity_grid(&p, &open_policy(), MON, date(2026, 5, 12));
    // 09:00-10:30 joined with 10:00-11:00 on Mondays.
    assert_eq!(slot_times(&grid, 7, MON), times("09:00", "11:00", 10));
    assert_eq!(slot_times(&grid, 7, date(2026, 5, 11)), times("09:00", "11:00", 10));
    // Staffed until 13:00 but open until 12:00, only in the date range.
    assert_eq!(slot_times(&grid, 7, date(2026, 5, 5)), times("11:00", "12:00", 10));
    assert_eq!(slot_times(&grid, 7, date(2026, 5, 6)), times("11:00", "12:00", 10));
    assert!(slot_times(&grid, 7, date(2026, 5, 7)).is_empty());
    assert!(grid.iter().all(|s| s.counter_id == 7));
}

#[test]
fn slots_lie_fully_inside_hours_that_are_off_the_grid() {
    let p = place(
        schedule(week(&[Weekday::Monday], "08:05-11:55"), vec![]),
        10,
        vec![counter(1, &["all"], "00:00-24:00")],
        vec![],
    );
    let grid = capacity_grid(&p, &open_policy(), MON, MON);
    assert_eq!(slot_times(&grid, 1, MON), times("08:10", "11:50", 10));
}

#[test]
fn the_grid_must_divide_an_hour_and_counter_ids_be_unique() {
    assert_eq!(SlotMinutes::new(7).unwrap_err().code, "slots-grid");
    assert_eq!(SlotMinutes::new(0).unwrap_err().code, "slots-grid");
    assert!([1, 5, 10, 15, 20, 30, 60].iter().all(|&m| SlotMinutes::new(m).is_ok()));
    let opening = schedule(week(&WEEKDAYS, "08:00-12:00"), vec![]);
    let twice = vec![counter(1, &["all"], "08:00-12:00"), counter(1, &["a"], "08:00-12:00")];
    let err = Place::new(opening, SlotMinutes::new(5).unwrap(), twice, vec![]).unwrap_err();
    assert_eq!(err.code, "slots-counter-duplicate");
}
