//! The ground truth of one simulated day, drawn up front from the seed: the booked
//! appointments and every visit (who checks in when, needing what, for how long, and how
//! many calls they miss). The queue run itself draws nothing, so two estimators compared on
//! one seed face exactly the same day.

use crate::rng::Rng;
use crate::simulate::config::DayConfig;
use crate::ticket::{Origin, ServiceId, WaitingTicket};
use std::collections::BTreeSet;

/// A booked appointment; `visit` is its holder's visit unless it is a no-show.
#[derive(Clone, Debug)]
pub(crate) struct Booking {
    pub start: i64,
    pub services: Vec<ServiceId>,
    pub persons: u32,
    pub visit: Option<usize>,
}

/// One person (or family) at the office. The ticket's id is the index + 1.
#[derive(Clone, Debug)]
pub(crate) struct Visit {
    pub ticket: WaitingTicket,
    /// The true service time.
    pub secs: i64,
    pub missed_calls: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub bookings: Vec<Booking>,
    /// In check-in order.
    pub visits: Vec<Visit>,
}

struct Need {
    services: Vec<ServiceId>,
    persons: u32,
}

pub(crate) fn draw_plan(seed: u64, config: &DayConfig) -> Plan {
    let mut rng = Rng::new(seed);
    let at = |secs: i64| config.midnight + secs;
    let mut visits: Vec<(Visit, Option<usize>)> = Vec::new();
    let mut bookings = book_appointments(&mut rng, config);
    for (b, booking) in bookings.iter().enumerate() {
        if rng.chance(config.no_show_rate) {
            continue;
        }
        let offset = if rng.chance(config.late_rate) {
            (10.0 + 30.0 * rng.uniform()) * 60.0
        } else {
            config.arrival_offset_secs + config.arrival_sd_secs * rng.normal()
        };
        let arrival = (booking.start + offset.round() as i64).max(at(config.opens));
        let origin = Origin::Appointment { start: booking.start };
        let need = Need { services: booking.services.clone(), persons: booking.persons };
        visits.push((visit(&mut rng, config, origin, need, arrival), Some(b)));
    }
    let peak = (config.opens..config.walk_ins_until).step_by(60).map(|t| config.walk_in_rate(t)).fold(0.0, f64::max);
    let mut t = config.opens as f64;
    loop {
        t += rng.exponential(peak);
        if t >= config.walk_ins_until as f64 {
            break;
        }
        if rng.chance(config.walk_in_rate(t as i64) / peak) {
            let need = draw_need(&mut rng, config, None);
            visits.push((visit(&mut rng, config, Origin::WalkIn, need, at(t as i64)), None));
        }
    }
    visits.sort_by_key(|(v, _)| v.ticket.checked_in_at);
    for (i, (v, booking)) in visits.iter_mut().enumerate() {
        v.ticket.id = i as i64 + 1;
        if let Some(b) = booking {
            bookings[*b].visit = Some(i);
        }
    }
    Plan { bookings, visits: visits.into_iter().map(|(v, _)| v).collect() }
}

/// Fills each counter's slots to `appointment_fill`, in random order, with needs the counter
/// handles, each taking its planned duration rounded up to whole slots.
fn book_appointments(rng: &mut Rng, config: &DayConfig) -> Vec<Booking> {
    let slots = ((config.closes - config.opens) / config.slot_secs) as usize;
    let mut bookings = Vec::new();
    for skills in &config.counters {
        let mut taken = vec![false; slots];
        let mut order: Vec<usize> = (0..slots).collect();
        rng.shuffle(&mut order);
        let mut filled = 0;
        for s in order {
            if filled as f64 >= config.appointment_fill * slots as f64 {
                break;
            }
            let need = draw_need(rng, config, Some(skills));
            let planned: f64 = need.services.iter().filter_map(|&id| config.service(id)).map(|s| s.planned_secs).sum();
            let k = (planned * f64::from(need.persons) / config.slot_secs as f64).ceil() as usize;
            if s + k > slots || taken[s..s + k].iter().any(|&t| t) {
                continue;
            }
            taken[s..s + k].fill(true);
            filled += k;
            let start = config.midnight + config.opens + s as i64 * config.slot_secs;
            bookings.push(Booking { start, services: need.services, persons: need.persons, visit: None });
        }
    }
    bookings.sort_by_key(|b| b.start);
    bookings
}

/// Services by weight (among `skills` if given), for a multi-service ticket a second one
/// that some counter (or the given one) handles together with the first, and the number of
/// persons.
fn draw_need(rng: &mut Rng, config: &DayConfig, skills: Option<&BTreeSet<ServiceId>>) -> Need {
    let allowed = |id: ServiceId| skills.is_none_or(|s| s.contains(&id));
    let weights: Vec<f64> = config.services.iter().map(|s| if allowed(s.id) { s.weight } else { 0.0 }).collect();
    let first = config.services[rng.weighted(&weights)].id;
    let mut services = vec![first];
    if rng.chance(config.multi_service_rate) {
        let together =
            |id: ServiceId| id != first && config.counters.iter().any(|c| c.contains(&first) && c.contains(&id));
        let second: Vec<f64> =
            config.services.iter().zip(&weights).map(|(s, &w)| if together(s.id) { w } else { 0.0 }).collect();
        if second.iter().any(|&w| w > 0.0) {
            services.push(config.services[rng.weighted(&second)].id);
        }
    }
    let persons = rng.weighted(&config.persons) as u32 + 1;
    Need { services, persons }
}

fn visit(rng: &mut Rng, config: &DayConfig, origin: Origin, need: Need, at: i64) -> Visit {
    let per_person: f64 =
        need.services.iter().filter_map(|&id| config.service(id)).map(|s| rng.lognormal(s.mean_secs, s.cv)).sum();
    let secs = (per_person * f64::from(need.persons)).round().max(30.0) as i64;
    let missed_calls = if rng.chance(config.unanswered_rate) { 1 + rng.below(3) as u32 } else { 0 };
    let ticket = WaitingTicket {
        id: 0,
        origin,
        services: need.services,
        persons: need.persons,
        checked_in_at: at,
        queued_at: at,
        priority: rng.chance(config.priority_rate),
    };
    Visit { ticket, secs, missed_calls }
}
