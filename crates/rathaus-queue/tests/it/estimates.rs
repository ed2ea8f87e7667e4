//! Estimated call times and positions: idle and busy counters, skills, appointments still
//! expected, due-later appointments, and the sampled forecast against the mean path.

use crate::fixtures::*;
use rathaus_queue::*;

fn mean_path(
    tickets: &[WaitingTicket],
    expected: &[ExpectedAppointment],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> Vec<(TicketId, i64)> {
    forecast_calls(tickets, expected, counters, times, now, policy, Method::MeanPath).into_iter().collect()
}

#[test]
fn an_idle_counter_calls_now_and_a_busy_one_when_it_is_free() {
    let p = QueuePolicy::default();
    let times = times_of(600.0, &[1]);
    let line = [walk_in(1, NINE), walk_in(2, NINE + MIN)];
    let counters = [counter(1, &[1], NINE + 2 * MIN), counter(2, &[1], NINE + 5 * MIN)];
    let now = NINE + 2 * MIN;
    assert_eq!(mean_path(&line, &[], &counters, &times, now, &p), [(1, now), (2, NINE + 5 * MIN)]);
    let sampled = estimate_calls(&line, &counters, &times, now, &p);
    assert_eq!(sampled[&1], now);
    assert!(sampled[&2] > now && sampled[&2] < NINE + 15 * MIN, "{sampled:?}");
}

#[test]
fn one_counter_works_down_the_line_with_the_expected_durations() {
    let p = QueuePolicy::default();
    let times = times_of(300.0, &[1, 2]);
    let line = [walk_in(1, NINE), with_services(walk_in(2, NINE + MIN), &[1, 2]), walk_in(3, NINE + 2 * MIN)];
    let calls = mean_path(&line, &[], &[counter(1, &[1, 2], NINE + 3 * MIN)], &times, NINE + 3 * MIN, &p);
    assert_eq!(calls, [(1, NINE + 3 * MIN), (2, NINE + 8 * MIN), (3, NINE + 18 * MIN)]);
}

#[test]
fn tickets_no_staffed_counter_can_serve_are_left_out() {
    let p = QueuePolicy::default();
    let line = [walk_in(1, NINE), with_services(walk_in(2, NINE), &[5])];
    let calls = estimate_calls(&line, &[counter(1, &[1], NINE)], &times_of(300.0, &[1]), NINE, &p);
    assert_eq!(calls.keys().copied().collect::<Vec<_>>(), [1]);
}

#[test]
fn a_due_later_appointment_is_called_when_due_if_counters_do_not_serve_early() {
    let strict = QueuePolicy { serve_early_when_idle: false, ..Default::default() };
    let line = [appointment(1, NINE + 30 * MIN, NINE)];
    let counters = [counter(1, &[1], NINE)];
    let times = times_of(300.0, &[1]);
    assert_eq!(mean_path(&line, &[], &counters, &times, NINE, &strict), [(1, NINE + 25 * MIN)]);
    assert_eq!(mean_path(&line, &[], &counters, &times, NINE, &QueuePolicy::default()), [(1, NINE)]);
}

#[test]
fn appointments_still_expected_go_before_the_walk_ins() {
    let p = QueuePolicy::default();
    let times = times_of(600.0, &[1]);
    let line = [walk_in(1, NINE)];
    let counters = [counter(1, &[1], NINE + 12 * MIN)];
    let coming = Punctuality { no_show_rate: 0.0, ..Default::default() }.expect(NINE + 9 * MIN, vec![1], 1, NINE, &p);
    assert!(coming.show_probability > 0.99, "{coming:?}");
    assert!(coming.joins_at > NINE + 4 * MIN && coming.joins_at < NINE + 12 * MIN, "{coming:?}");
    // Without it the walk-in is next; with it the appointment (due at 09:04) goes first.
    assert_eq!(mean_path(&line, &[], &counters, &times, NINE, &p), [(1, NINE + 12 * MIN)]);
    let with = mean_path(&line, std::slice::from_ref(&coming), &counters, &times, NINE, &p);
    assert!(with[0].1 >= NINE + 21 * MIN, "{with:?}");
    let unlikely = ExpectedAppointment { show_probability: 0.0, ..coming };
    assert_eq!(mean_path(&line, &[unlikely], &counters, &times, NINE, &p), [(1, NINE + 12 * MIN)]);
}

#[test]
fn the_sampled_forecast_does_not_depend_on_the_order_of_the_inputs() {
    let p = QueuePolicy::default();
    let times = times_of(400.0, &[1, 2]);
    let mut line: Vec<WaitingTicket> = (1..=8).map(|i| walk_in(i, NINE + i * MIN)).collect();
    line.push(with_services(appointment(9, NINE + 20 * MIN, NINE), &[2]));
    let mut counters = vec![counter(1, &[1], NINE + 12 * MIN), counter(2, &[1, 2], NINE + 14 * MIN)];
    let a = estimate_calls(&line, &counters, &times, NINE + 10 * MIN, &p);
    line.reverse();
    counters.reverse();
    assert_eq!(estimate_calls(&line, &counters, &times, NINE + 10 * MIN, &p), a);
}

#[test]
fn the_position_counts_who_a_capable_counter_calls_first() {
    let p = QueuePolicy::default();
    let times = times_of(300.0, &[1, 2]);
    let line = [walk_in(1, NINE), with_services(walk_in(2, NINE + MIN), &[2]), walk_in(3, NINE + 2 * MIN)];
    let counters = [counter(1, &[1], NINE + 5 * MIN), counter(2, &[2], NINE + 5 * MIN)];
    let now = NINE + 5 * MIN;
    assert_eq!(position(&line, 1, &counters, &times, now, &p), Some(1));
    assert_eq!(position(&line, 3, &counters, &times, now, &p), Some(2), "ticket 2 is another counter's");
    assert_eq!(position(&line, 2, &counters, &times, now, &p), Some(1));
    assert_eq!(position(&line, 4, &counters, &times, now, &p), None);
    // Nobody staffed for service 2: its place in the rank.
    assert_eq!(position(&line, 2, &counters[..1], &times, now, &p), Some(2));
    let all = positions(&line, &counters, &times, now, &p);
    assert_eq!(all.into_iter().collect::<Vec<_>>(), [(1, 1), (2, 1), (3, 2)]);
}

#[test]
fn an_overrun_service_is_expected_to_end_a_while_after_now() {
    let times = times_of(600.0, &[1]);
    let rest = times.expected_remaining(&[1], 1, 900.0);
    assert!(rest > 200.0 && rest < 400.0, "{rest}");
    assert_eq!(times.expected_remaining(&[1], 2, 0.0), 1200.0);
}
