//! The call rules one by one: ageing, priority, due and early appointments, late holders,
//! walk-ins, counter skills, transfers, unanswered calls and ties.

use crate::fixtures::*;
use rathaus_queue::*;

#[test]
fn an_appointment_is_due_five_minutes_before_its_start() {
    let p = QueuePolicy::default();
    let t = appointment(1, NINE + 30 * MIN, NINE);
    assert_eq!(standing(&t, NINE + 24 * MIN, &p), Standing::Early);
    assert_eq!(standing(&t, NINE + 25 * MIN, &p), Standing::Due);
}

#[test]
fn early_appointments_wait_behind_walk_ins_and_come_last_in_the_rank() {
    let p = QueuePolicy::default();
    let line = [appointment(1, NINE + 30 * MIN, NINE - 10 * MIN), walk_in(2, NINE), walk_in(3, NINE + MIN)];
    assert_eq!(rank(&line, NINE + 2 * MIN, &p), [2, 3, 1]);
    assert_eq!(next(&line, NINE + 2 * MIN, &p), Some(2));
}

#[test]
fn an_idle_counter_calls_an_early_appointment_only_if_the_policy_says_so() {
    let line = [appointment(1, NINE + 30 * MIN, NINE)];
    assert_eq!(next(&line, NINE, &QueuePolicy::default()), Some(1));
    let strict = QueuePolicy { serve_early_when_idle: false, ..Default::default() };
    assert_eq!(next(&line, NINE, &strict), None);
    assert_eq!(next(&line, NINE + 25 * MIN, &strict), Some(1));
}

#[test]
fn due_appointments_go_before_walk_ins_by_start_then_check_in() {
    let p = QueuePolicy::default();
    let line = [
        walk_in(1, NINE - 20 * MIN),
        appointment(2, NINE + 5 * MIN, NINE - MIN),
        appointment(3, NINE, NINE - 2 * MIN),
        appointment(4, NINE, NINE - 8 * MIN),
    ];
    assert_eq!(rank(&line, NINE + MIN, &p), [4, 3, 2, 1]);
}

#[test]
fn a_late_holder_joins_the_walk_in_line_at_check_in() {
    let p = QueuePolicy::default();
    let late = appointment(2, NINE - 20 * MIN, NINE + MIN);
    let line = [walk_in(1, NINE), late.clone(), walk_in(3, NINE + 2 * MIN), appointment(4, NINE + 5 * MIN, NINE)];
    assert_eq!(standing(&late, NINE + 3 * MIN, &p), Standing::WalkIn);
    assert_eq!(rank(&line, NINE + 3 * MIN, &p), [4, 1, 2, 3]);
    // Within the grace the holder keeps the appointment.
    let in_grace = appointment(5, NINE - 15 * MIN, NINE);
    assert_eq!(standing(&in_grace, NINE + MIN, &p), Standing::Due);
}

#[test]
fn a_late_holder_keeps_the_appointment_if_the_policy_says_so() {
    let p = QueuePolicy { late: LatePolicy::KeepAppointment, ..Default::default() };
    let line = [walk_in(1, NINE), appointment(2, NINE - 20 * MIN, NINE + MIN), appointment(3, NINE + 4 * MIN, NINE)];
    assert_eq!(rank(&line, NINE + 2 * MIN, &p), [2, 3, 1]);
}

#[test]
fn priority_goes_before_due_appointments_but_not_before_its_time() {
    let p = QueuePolicy::default();
    let line = [
        appointment(1, NINE, NINE - 5 * MIN),
        priority(walk_in(2, NINE)),
        priority(appointment(3, NINE + 60 * MIN, NINE - MIN)),
        priority(walk_in(4, NINE - MIN)),
    ];
    assert_eq!(rank(&line, NINE + MIN, &p), [4, 2, 1, 3]);
}

#[test]
fn whoever_waited_longer_than_the_bound_goes_first_oldest_first() {
    let p = QueuePolicy { max_wait_secs: 30 * MIN, ..Default::default() };
    let now = NINE + 40 * MIN;
    let line = [
        priority(walk_in(1, now - MIN)),
        appointment(2, now, now - 6 * MIN),
        walk_in(3, now - 31 * MIN),
        walk_in(4, now - 35 * MIN),
        walk_in(5, now - 30 * MIN),
    ];
    assert_eq!(standing(&line[2], now, &p), Standing::Overdue);
    assert_eq!(standing(&line[4], now, &p), Standing::WalkIn, "exactly the bound is not longer");
    assert_eq!(rank(&line, now, &p), [4, 3, 1, 2, 5]);
}

#[test]
fn a_counter_calls_only_what_it_handles_in_full() {
    let p = QueuePolicy::default();
    let line = [
        with_services(walk_in(1, NINE), &[1, 3]),
        with_services(walk_in(2, NINE + MIN), &[3]),
        with_services(walk_in(3, NINE + 2 * MIN), &[2, 1]),
    ];
    assert_eq!(next_for_counter(&line, &skills(&[1, 2]), NINE + 3 * MIN, &p), Some(3));
    assert_eq!(next_for_counter(&line, &skills(&[3]), NINE + 3 * MIN, &p), Some(2));
    assert_eq!(next_for_counter(&line, &skills(&[1, 3]), NINE + 3 * MIN, &p), Some(1));
    assert_eq!(next_for_counter(&line, &skills(&[4]), NINE + 3 * MIN, &p), None);
}

#[test]
fn a_transfer_to_other_services_keeps_the_place_in_line() {
    let p = QueuePolicy::default();
    let mut line = vec![walk_in(1, NINE), walk_in(2, NINE + MIN), walk_in(3, NINE + 2 * MIN)];
    let before = rank(&line, NINE + 10 * MIN, &p);
    // Ticket 1 was served for service 1 and is sent on to service 2, keeping queued_at.
    line[0].services = vec![2];
    assert_eq!(rank(&line, NINE + 10 * MIN, &p), before);
    assert_eq!(next_for_counter(&line, &skills(&[1, 2]), NINE + 10 * MIN, &p), Some(1));
}

#[test]
fn unanswered_calls_requeue_then_park_or_close() {
    let park = QueuePolicy::default();
    let outcomes: Vec<CallOutcome> = (1..=4).map(|n| after_unanswered_call(n, &park)).collect();
    assert_eq!(outcomes, [CallOutcome::Requeue, CallOutcome::Requeue, CallOutcome::Park, CallOutcome::Park]);
    let close = QueuePolicy { after_unanswered: Unanswered::NoShow, max_unanswered_calls: 2, ..park };
    assert_eq!(after_unanswered_call(1, &close), CallOutcome::Requeue);
    assert_eq!(after_unanswered_call(2, &close), CallOutcome::NoShow);
}

#[test]
fn a_requeued_ticket_keeps_its_place() {
    let p = QueuePolicy::default();
    let line = [walk_in(2, NINE + MIN), walk_in(1, NINE)];
    // Ticket 1 was called at 09:05, did not answer and is back with its queued_at.
    assert_eq!(next(&line, NINE + 6 * MIN, &p), Some(1));
}

#[test]
fn ties_are_broken_by_id() {
    let p = QueuePolicy::default();
    let line = [walk_in(9, NINE), walk_in(3, NINE), appointment(7, NINE + MIN, NINE), appointment(5, NINE + MIN, NINE)];
    assert_eq!(rank(&line, NINE, &p), [5, 7, 3, 9]);
}
