//! A place's queue as displays, phones and desks see it: the waiting tickets in call order
//! with estimated call times, the tickets at the counters, the parked ones, and which
//! counters are staffed. Loaded from the database in a handful of queries and computed with
//! the pure rules, so every node derives the same picture from the same rows.

use crate::rules::{queue_policy, waiting_ticket};
use rathaus_db::front_desk::policy::QueueSettings;
use rathaus_db::front_desk::tickets::{Ticket, TicketStatus};
use rathaus_db::{StoreError, TenantId};
use rathaus_queue::{ExpectedAppointment, Punctuality, QueuePolicy, ServiceTimes, StaffedCounter, WaitingTicket};
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Smoothing factor of the service-time estimate: recent tickets count most, one odd case
/// moves the estimate by a tenth (0.1 beat 0.2 in the office-day simulation, BENCHMARKS.md).
pub const SMOOTHING: f64 = 0.1;
/// How far ahead booked appointments that have not checked in yet enter the estimate.
const EXPECTED_AHEAD_SECS: i64 = 4 * 3600;
/// How far back finished tickets warm the service-time estimate.
const HISTORY_SECS: i64 = 14 * 24 * 3600;
/// How long an ended ticket stays in the snapshot.
const ENDED_SECS: i64 = 4 * 3600;
/// A service without a planned duration.
const DEFAULT_SERVICE_SECS: f64 = 600.0;

#[derive(Debug, Clone)]
pub struct CounterInfo {
    pub id: i64,
    pub name: String,
    pub services: BTreeSet<i64>,
    /// The clerk signed in, if any.
    pub user_id: Option<i64>,
    pub paused: bool,
}

impl CounterInfo {
    pub fn is_open(&self) -> bool {
        self.user_id.is_some() && !self.paused
    }
}

#[derive(Debug, Clone)]
pub struct QueuedTicket {
    pub ticket: Ticket,
    pub services: Vec<i64>,
    /// When it will probably be called (epoch seconds); `None` while no open counter can
    /// serve it.
    pub estimated_call_at: Option<i64>,
    /// 1-based: how many a counter that can serve it will call before it, plus one.
    pub position: Option<usize>,
}

impl QueuedTicket {
    /// Estimated minutes until the call, rounded up; `None` if unknown.
    pub fn wait_minutes(&self, now: i64) -> Option<i64> {
        self.estimated_call_at.map(|at| ((at - now).max(0) + 59) / 60)
    }
}

#[derive(Debug, Clone)]
pub struct PlaceQueue {
    pub place_id: i64,
    pub now: i64,
    pub settings: QueueSettings,
    pub policy: QueuePolicy,
    /// The place's active counters.
    pub counters: Vec<CounterInfo>,
    /// In call order.
    pub waiting: Vec<QueuedTicket>,
    /// Called or being served.
    pub active: Vec<QueuedTicket>,
    pub parked: Vec<QueuedTicket>,
    /// Tickets that ended in the last hours, so a phone can still learn how its ended.
    pub ended: HashMap<i64, TicketStatus>,
    pub times: ServiceTimes,
    /// Service names by id, German and English (empty for [`Detail::OrderOnly`]).
    pub service_names: HashMap<i64, (String, String)>,
    /// Today's booked appointments that have not checked in yet: they will go before
    /// walk-ins once due, so the estimate counts them by their chance to come.
    pub expected: Vec<ExpectedAppointment>,
}

impl PlaceQueue {
    pub fn find(&self, ticket_id: i64) -> Option<&QueuedTicket> {
        self.waiting.iter().chain(&self.active).chain(&self.parked).find(|q| q.ticket.id == ticket_id)
    }

    pub fn counter(&self, counter_id: i64) -> Option<&CounterInfo> {
        self.counters.iter().find(|c| c.id == counter_id)
    }

    /// The ticket the counter should call next: the queue's choice among tickets it can
    /// serve and that were not transferred to another counter.
    pub fn next_for(&self, counter_id: i64) -> Option<i64> {
        let counter = self.counter(counter_id)?;
        let candidates: Vec<WaitingTicket> = self
            .waiting
            .iter()
            .filter(|q| q.ticket.for_counter_id.is_none_or(|c| c == counter_id))
            .map(|q| waiting_ticket(&q.ticket, &q.services))
            .collect();
        // A ticket sent to this very counter is served by it whatever its list says.
        let mut services = counter.services.clone();
        for q in self.waiting.iter().filter(|q| q.ticket.for_counter_id == Some(counter_id)) {
            services.extend(q.services.iter().copied());
        }
        rathaus_queue::next_for_counter(&candidates, &services, self.now, &self.policy)
    }

    /// Counters with a clerk who is not paused.
    pub fn open_counters(&self) -> impl Iterator<Item = &CounterInfo> {
        self.counters.iter().filter(|c| c.is_open())
    }
}

/// How much of the queue to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything, with estimates and positions (displays, phones, desks).
    WithEstimates,
    /// The call order only (choosing the next ticket): no history, no forecast.
    OrderOnly,
}

/// Loads and computes the place's queue at `now`, with estimates.
pub async fn load(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    now: i64,
) -> Result<PlaceQueue, StoreError> {
    load_with(db, tenant, place_id, now, Detail::WithEstimates).await
}

/// Loads the place's queue at `now` in the given detail.
pub async fn load_with(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    now: i64,
    detail: Detail,
) -> Result<PlaceQueue, StoreError> {
    use rathaus_db::front_desk::{desks, policy, tickets};
    let settings = policy::get(db, tenant, place_id).await?;
    let policy = queue_policy(&settings);
    let counters = counters(db, tenant, place_id).await?;
    let desks = desks::staffed(db, tenant, place_id).await?;
    let desk_of: HashMap<i64, _> = desks.iter().map(|d| (d.counter_id, d)).collect();
    let counters: Vec<CounterInfo> = counters
        .into_iter()
        .map(|(id, name, services)| {
            let desk = desk_of.get(&id);
            CounterInfo {
                id,
                name,
                services,
                user_id: desk.and_then(|d| d.user_id),
                paused: desk.is_some_and(|d| d.paused != 0),
            }
        })
        .collect();

    let open = [TicketStatus::Waiting, TicketStatus::Called, TicketStatus::Serving, TicketStatus::Parked];
    let rows = tickets::at_place(db, tenant, place_id, &open).await?;
    let history = match detail {
        Detail::WithEstimates => {
            tickets::finished_between(db, tenant, Some(place_id), now - HISTORY_SECS, now + 1).await?
        }
        Detail::OrderOnly => Vec::new(),
    };
    let ids: Vec<i64> = rows.iter().chain(&history).map(|t| t.id).collect();
    let services = tickets::services_of(db, tenant, &ids).await?;
    let services_of =
        |id: i64| -> Vec<i64> { services.get(&id).map(|v| v.iter().map(|(s, _)| *s).collect()).unwrap_or_default() };

    let mut times = ServiceTimes::new(SMOOTHING);
    let catalogue = match detail {
        Detail::WithEstimates => rathaus_db::catalog::services::names_and_minutes(db, tenant).await?,
        Detail::OrderOnly => Vec::new(),
    };
    let mut service_names = HashMap::with_capacity(catalogue.len());
    for (service, minutes, de, en) in catalogue {
        // The catalogue's planned minutes per person, until observations take over.
        times.set_default(service, minutes.map_or(DEFAULT_SERVICE_SECS, |m| f64::from(m.max(1)) * 60.0));
        service_names.insert(service, (de, en));
    }
    for t in &history {
        if let (Some(start), Some(end)) = (t.started_at, t.finished_at) {
            let done: Vec<i64> = services_of(t.id);
            times.observe(&done, u32::try_from(t.persons.max(1)).unwrap_or(1), (end - start) as f64);
        }
    }

    let mut waiting = Vec::new();
    let mut active = Vec::new();
    let mut parked = Vec::new();
    for t in rows {
        let q = QueuedTicket { services: services_of(t.id), ticket: t, estimated_call_at: None, position: None };
        match q.ticket.status()? {
            TicketStatus::Waiting => waiting.push(q),
            TicketStatus::Parked => parked.push(q),
            _ => active.push(q),
        }
    }
    let ended = tickets::ended_since(db, tenant, place_id, now - ENDED_SECS).await?.into_iter().collect();
    let expected = match detail {
        Detail::WithEstimates => expected_appointments(db, tenant, place_id, now, &policy).await?,
        Detail::OrderOnly => Vec::new(),
    };
    let mut queue = PlaceQueue {
        place_id,
        now,
        settings,
        policy,
        counters,
        waiting,
        active,
        parked,
        ended,
        times,
        expected,
        service_names,
    };
    if detail == Detail::WithEstimates {
        estimate(&mut queue);
    }
    Ok(queue)
}

/// Orders the waiting tickets and fills in their estimates.
fn estimate(queue: &mut PlaceQueue) {
    let pure: Vec<WaitingTicket> = queue.waiting.iter().map(|q| waiting_ticket(&q.ticket, &q.services)).collect();
    let order = rathaus_queue::rank(&pure, queue.now, &queue.policy);
    let rank: HashMap<i64, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    queue.waiting.sort_by_key(|q| rank.get(&q.ticket.id).copied().unwrap_or(usize::MAX));
    let pure: Vec<WaitingTicket> = queue.waiting.iter().map(|q| waiting_ticket(&q.ticket, &q.services)).collect();

    let staffed: Vec<StaffedCounter> = queue
        .open_counters()
        .map(|c| {
            let busy_until = queue
                .active
                .iter()
                .filter(|q| q.ticket.counter_id == Some(c.id))
                .map(|q| {
                    let began = q.ticket.started_at.or(q.ticket.called_at).unwrap_or(queue.now);
                    let persons = u32::try_from(q.ticket.persons.max(1)).unwrap_or(1);
                    let left = queue.times.expected_remaining(&q.services, persons, (queue.now - began) as f64);
                    queue.now + left.round() as i64
                })
                .max()
                .unwrap_or(queue.now);
            StaffedCounter { id: c.id, services: c.services.clone(), free_at: busy_until.max(queue.now) }
        })
        .collect();
    if staffed.is_empty() {
        return;
    }
    let calls: BTreeMap<i64, i64> =
        rathaus_queue::estimate_calls_with(&pure, &queue.expected, &staffed, &queue.times, queue.now, &queue.policy);
    let positions = rathaus_queue::positions(&pure, &staffed, &queue.times, queue.now, &queue.policy);
    for q in &mut queue.waiting {
        q.estimated_call_at = calls.get(&q.ticket.id).copied();
        q.position = positions.get(&q.ticket.id).copied();
    }
}

/// Confirmed appointments of the next hours (and those still within the late grace) whose
/// holders have not checked in, as the estimate expects them.
async fn expected_appointments(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    now: i64,
    policy: &QueuePolicy,
) -> Result<Vec<ExpectedAppointment>, StoreError> {
    use rathaus_db::appointments::records::{self, Status};
    let booked: Vec<_> =
        records::at_place(db, tenant, place_id, now - policy.late_grace_secs, now + EXPECTED_AHEAD_SECS)
            .await?
            .into_iter()
            .filter(|a| a.status == Status::Confirmed.code())
            .collect();
    let ids: Vec<i64> = booked.iter().map(|a| a.id).collect();
    let services = records::service_ids_of(db, tenant, &ids).await?;
    let punctuality = Punctuality::default();
    Ok(booked
        .iter()
        .filter_map(|a| {
            let services = services.get(&a.id)?.clone();
            let persons = u32::try_from(a.persons.max(1)).unwrap_or(1);
            Some(punctuality.expect(a.start_s, services, persons, now, policy))
        })
        .collect())
}

/// `(id, name, services)` of the place's active counters; a counter without its own list
/// handles every service the place offers.
async fn counters(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
) -> Result<Vec<(i64, String, BTreeSet<i64>)>, StoreError> {
    let all = rathaus_db::catalog::counters::list(db, tenant, place_id).await?;
    let lists = rathaus_db::appointments::plan::counter_services(db, tenant, &[place_id]).await?;
    let offered: BTreeSet<i64> =
        rathaus_db::catalog::offerings::service_ids(db, tenant, place_id).await?.into_iter().collect();
    let mut own: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for (counter, service) in lists {
        own.entry(counter).or_default().insert(service);
    }
    Ok(all
        .into_iter()
        .filter(|c| c.active)
        .map(|c| {
            let services = own.remove(&c.id).unwrap_or_else(|| offered.clone());
            (c.id, c.name, services)
        })
        .collect())
}
