//! Properties over random queues and policies: (a) nobody starves, (b) a counter calls only
//! what it can serve and never idles while something is callable, (c) the rank is a
//! permutation independent of the input order, (d) plain walk-ins are first in, first out,
//! (e) estimates are not before now and keep the order of a single line, (f) smoothed
//! service times converge.

use proptest::prelude::*;
use rathaus_queue::*;
use std::collections::{BTreeMap, BTreeSet};

/// The longest service in the starvation property.
const S: i64 = 120;

fn policy() -> impl Strategy<Value = QueuePolicy> {
    (0..900i64, any::<bool>(), 0..1800i64, any::<bool>(), 0..900i64, 1..4u32, any::<bool>()).prop_map(
        |(early, serve_early, grace, keep, max_wait, calls, park)| QueuePolicy {
            early_call_secs: early,
            serve_early_when_idle: serve_early,
            late_grace_secs: grace,
            late: if keep { LatePolicy::KeepAppointment } else { LatePolicy::AsWalkIn },
            max_wait_secs: max_wait,
            max_unanswered_calls: calls,
            after_unanswered: if park { Unanswered::Park } else { Unanswered::NoShow },
        },
    )
}

fn services() -> impl Strategy<Value = BTreeSet<ServiceId>> {
    prop::collection::btree_set(1..=3i64, 1..=2)
}

/// Up to 30 tickets checked in within an hour, ids distinct but not in check-in order.
fn tickets() -> impl Strategy<Value = Vec<WaitingTicket>> {
    line(30, 3600, 0.15)
}

/// Up to `n` tickets checked in within `within` seconds, a share `priority` of them marked.
fn line(n: usize, within: i64, priority: f64) -> impl Strategy<Value = Vec<WaitingTicket>> {
    let one = (any::<bool>(), services(), 1..=3u32, 0..within, -3600..3600i64, prop::bool::weighted(priority));
    prop::collection::vec(one, 0..n).prop_map(|parts| {
        parts
            .into_iter()
            .zip(0..)
            .map(|((booked, services, persons, at, offset, priority), i)| WaitingTicket {
                id: (i * 37) % 211 + 1,
                origin: if booked { Origin::Appointment { start: at + offset } } else { Origin::WalkIn },
                services: services.into_iter().collect(),
                persons,
                checked_in_at: at,
                queued_at: at,
                priority,
            })
            .collect()
    })
}

fn counters() -> impl Strategy<Value = Vec<BTreeSet<ServiceId>>> {
    prop::collection::vec(services(), 1..=3)
}

/// Counters calling with `next_for_counter` as tickets check in; each ticket's service
/// takes `secs[i]`. Returns the call instants.
fn run_office(
    tickets: &[WaitingTicket],
    secs: &[i64],
    skills: &[BTreeSet<ServiceId>],
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, i64> {
    let servable = tickets.iter().filter(|t| skills.iter().any(|c| can_serve(c, t))).count();
    let duration: BTreeMap<TicketId, i64> = tickets.iter().map(|t| t.id).zip(secs.iter().copied()).collect();
    let mut pending: Vec<&WaitingTicket> = tickets.iter().collect();
    pending.sort_by_key(|t| std::cmp::Reverse(t.checked_in_at));
    let (mut waiting, mut free, mut calls) = (Vec::new(), vec![i64::MIN; skills.len()], BTreeMap::new());
    let mut t = pending.last().map_or(0, |p| p.checked_in_at);
    while calls.len() < servable {
        while pending.last().is_some_and(|p| p.checked_in_at <= t) {
            waiting.push(pending.pop().unwrap().clone());
        }
        for (k, c) in skills.iter().enumerate() {
            if free[k] > t {
                continue;
            }
            if let Some(id) = next_for_counter(&waiting, c, t, policy) {
                waiting.retain(|w| w.id != id);
                calls.insert(id, t);
                free[k] = t + duration[&id];
            }
        }
        let due =
            waiting.iter().filter_map(|w| Some(w.appointment_start()? - policy.early_call_secs)).filter(|&d| d > t);
        let arrival = pending.last().map(|p| p.checked_in_at);
        let Some(next) = free.iter().copied().filter(|&f| f > t).chain(due).chain(arrival).min() else { break };
        t = next;
    }
    calls
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Once ticket T has waited past the bound (at a = since + max_wait + 1), only tickets
    /// overdue before it go first, and only those waiting at a are. A counter C that can
    /// serve T is free within S of a and then calls T or one of those A tickets, each
    /// taking at most S: T is called by a + (A + 1) · S.
    #[test]
    fn a_nobody_waits_beyond_the_ageing_bound(
        tickets in line(60, 1800, 0.4),
        secs in prop::collection::vec(1..=S, 60),
        skills in counters(),
        policy in policy(),
    ) {
        let calls = run_office(&tickets, &secs, &skills, &policy);
        for t in tickets.iter().filter(|t| skills.iter().any(|c| can_serve(c, t))) {
            let call = *calls.get(&t.id).ok_or_else(|| TestCaseError::fail(format!("{} never called", t.id)))?;
            let since = waiting_since(t, &policy);
            let a = since + policy.max_wait_secs + 1;
            let ahead = tickets
                .iter()
                .filter(|u| u.id != t.id && u.checked_in_at <= a && calls.get(&u.id).is_none_or(|&c| c >= a))
                .filter(|u| (waiting_since(u, &policy), u.id) < (since, t.id))
                .count() as i64;
            prop_assert!(call - since <= policy.max_wait_secs + 1 + (ahead + 1) * S,
                "ticket {} waited {} with {} ahead", t.id, call - since, ahead);
        }
    }

    #[test]
    fn b_a_counter_calls_what_it_can_serve_and_does_not_idle(
        tickets in tickets(), skills in services(), now in 0..7200i64, policy in policy(),
    ) {
        let callable: Vec<TicketId> = rank(&tickets, now, &policy)
            .into_iter()
            .map(|id| tickets.iter().find(|t| t.id == id).unwrap())
            .filter(|t| can_serve(&skills, t))
            .filter(|t| policy.serve_early_when_idle || standing(t, now, &policy).is_callable())
            .map(|t| t.id)
            .collect();
        let next = next_for_counter(&tickets, &skills, now, &policy);
        if let Some(id) = next {
            prop_assert!(can_serve(&skills, tickets.iter().find(|t| t.id == id).unwrap()));
        }
        prop_assert_eq!(next, callable.first().copied());
    }

    #[test]
    fn c_rank_is_a_permutation_whatever_the_input_order(
        (tickets, shuffled) in tickets().prop_flat_map(|t| (Just(t.clone()), Just(t).prop_shuffle())),
        now in 0..7200i64,
        policy in policy(),
    ) {
        let order = rank(&tickets, now, &policy);
        let mut ids: Vec<TicketId> = tickets.iter().map(|t| t.id).collect();
        let mut sorted = order.clone();
        ids.sort_unstable();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, ids);
        prop_assert_eq!(rank(&shuffled, now, &policy), order);
    }

    #[test]
    fn d_plain_walk_ins_are_first_in_first_out(tickets in tickets(), now in 0..7200i64, policy in policy()) {
        let plain = |t: &WaitingTicket| t.origin == Origin::WalkIn && !t.priority;
        let key: BTreeMap<TicketId, (i64, TicketId)> =
            tickets.iter().filter(|t| plain(t)).map(|t| (t.id, (t.queued_at, t.id))).collect();
        let in_rank: Vec<(i64, TicketId)> =
            rank(&tickets, now, &policy).into_iter().filter_map(|id| key.get(&id).copied()).collect();
        prop_assert!(in_rank.is_sorted(), "{in_rank:?}");
    }

    #[test]
    fn e_estimates_are_not_before_now(
        tickets in tickets(),
        skills in counters(),
        busy in prop::collection::vec(0..1800i64, 3),
        secs in 60.0..1800.0f64,
        now in 0..7200i64,
        policy in policy(),
    ) {
        let counters: Vec<StaffedCounter> = skills
            .into_iter()
            .zip(busy)
            .zip(0..)
            .map(|((services, b), id)| StaffedCounter { id, services, free_at: now + b })
            .collect();
        let mut times = ServiceTimes::new(0.2);
        times.set_default(1, secs);
        for method in [Method::default(), Method::MeanPath] {
            let calls = forecast_calls(&tickets, &[], &counters, &times, now, &policy, method);
            prop_assert!(calls.values().all(|&t| t >= now));
            let servable = tickets.iter().filter(|t| counters.iter().any(|c| can_serve(&c.services, t)));
            prop_assert_eq!(calls.len(), servable.count());
        }
    }

    #[test]
    fn e_one_counter_calls_a_line_of_walk_ins_in_order(
        arrivals in prop::collection::vec((0..3600i64, 1..=3u32), 1..25),
        free in 0..1800i64,
        secs in 60.0..1800.0f64,
        policy in policy(),
    ) {
        let tickets: Vec<WaitingTicket> = arrivals
            .iter()
            .zip(0..)
            .map(|(&(at, persons), i)| {
                WaitingTicket { persons, ..WaitingTicket::walk_in((i * 37) % 211 + 1, vec![1], at) }
            })
            .collect();
        let now = 3600;
        let counters = [StaffedCounter { id: 1, services: [1].into(), free_at: now + free }];
        let mut times = ServiceTimes::new(0.2);
        times.set_default(1, secs);
        for method in [Method::default(), Method::MeanPath] {
            let calls = forecast_calls(&tickets, &[], &counters, &times, now, &policy, method);
            let in_order: Vec<i64> = rank(&tickets, now, &policy).iter().map(|id| calls[id]).collect();
            prop_assert!(in_order.is_sorted(), "{method:?}: {in_order:?}");
        }
    }

    #[test]
    fn f_smoothed_times_converge_to_a_constant_duration(
        alpha in 0.05..=1.0f64,
        default in prop::option::of(60.0..3600.0f64),
        actual in 60.0..3600.0f64,
        persons in 1..=3u32,
    ) {
        // One service observed alone, and a pair of services observed together.
        let (mut one, mut pair) = (ServiceTimes::new(alpha), ServiceTimes::new(alpha));
        if let Some(d) = default {
            one.set_default(1, d);
            pair.set_default(1, d);
            pair.set_default(2, d / 2.0);
        }
        for _ in 0..500 {
            one.observe(&[1], persons, actual);
            pair.observe(&[1, 2], persons, actual);
        }
        for expected in [one.expected(&[1], persons), pair.expected(&[1, 2], persons)] {
            prop_assert!((expected - actual).abs() < actual * 1e-3, "{expected} vs {actual}");
        }
    }
}

/// 64 cases per property, or `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}
