//! Which times can be booked: free capacity rows read back into the slot engine.
//!
//! Per place **one indexed query** (`capacity_slots` by `(place_id, start_s)`) returns the
//! free rows of the date range; the engine's [`available_starts`] finds the runs of `k`
//! consecutive free, usable rows on one counter that handles every service and applies the
//! booking window (lead time, horizon, rolling release) and contingents for the channel;
//! [`day_times`] turns the starts into local dates and times. Only free rows are read, so a
//! taken row is a gap that breaks runs; a hold that expired is free (see
//! `rathaus_db::appointments::slots`). The metadata of the places (counters, their
//! services, policies) is read in one query per table for all places together, so
//! `location = any` costs a fixed handful of queries plus one per place.
//!
//! What this module shows is a snapshot; the conditional UPDATE of a hold is the authority.

use crate::error::BookingError;
use crate::need::{self, Resolved, ServiceRequest};
use crate::setup::{self, Setup, midnight};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use rathaus_db::TenantId;
use rathaus_db::appointments::slots::{self, SlotRow};
use rathaus_slots::{
    AvailableDays, Channel, ContingentName, CounterSlot, Need, Request, Start, available_starts, day_times,
    starts_at_local,
};
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

/// Where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Place(i64),
    /// Every place that offers all the requested services.
    Any,
}

/// What to look for: services, where, which local dates (inclusive), for which channel, at
/// which instant.
#[derive(Debug, Clone)]
pub struct Search<'a> {
    pub services: &'a [ServiceRequest],
    pub location: Location,
    pub from: Date,
    pub to: Date,
    pub channel: Channel,
    pub now: Timestamp,
}

/// The starts of one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceAvailability {
    pub place_id: i64,
    /// By start, then counter id.
    pub starts: Vec<Start>,
    pub days: AvailableDays,
}

impl PlaceAvailability {
    pub fn earliest(&self) -> Option<Timestamp> {
        self.starts.first().map(|s| s.start)
    }
}

/// A start to try when booking a chosen date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub place_id: i64,
    pub start: Start,
}

/// The free times as the API shows them, `{"days": [{"date", "times"}]}`, in the places'
/// local time. For [`Location::Any`] a time is listed when at least one place has it; use
/// [`by_place`] to show where, and [`candidates`] to book a chosen time.
pub async fn availability(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    search: &Search<'_>,
) -> Result<AvailableDays, BookingError> {
    let places = by_place(db, tenant, search).await?;
    let mut merged: BTreeMap<Date, Vec<Time>> = BTreeMap::new();
    for p in places {
        for day in p.days.days {
            merged.entry(day.date).or_default().extend(day.times);
        }
    }
    let days = merged.into_iter().map(|(date, mut times)| {
        times.sort_unstable();
        times.dedup();
        (date, times)
    });
    Ok(AvailableDays::from(days.collect::<Vec<_>>()))
}

/// The places (ids, ascending) that offer every requested service: where
/// [`Location::Any`] looks. Fails like [`by_place`] on unknown or unbookable services.
pub async fn places_offering(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    services: &[ServiceRequest],
) -> Result<Vec<i64>, BookingError> {
    let resolved = need::resolve(db, tenant, services).await?;
    need::places_offering_all(db, tenant, &resolved).await
}

/// The free starts per place, places with the earliest start first (places without any are
/// left out): the earliest options across all places for [`Location::Any`].
pub async fn by_place(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    search: &Search<'_>,
) -> Result<Vec<PlaceAvailability>, BookingError> {
    let resolved = need::resolve(db, tenant, search.services).await?;
    let setups = match search.location {
        Location::Place(id) => {
            let setups = setup::light(db, tenant, &[id]).await?;
            if setups.is_empty() {
                return Err(BookingError::NotFound);
            }
            if !need::offered_at(db, tenant, id, &resolved).await? {
                return Err(BookingError::Invalid("service-not-offered"));
            }
            setups
        }
        Location::Any => setup::light(db, tenant, &need::places_offering_all(db, tenant, &resolved).await?).await?,
    };
    let mut out = Vec::new();
    for s in &setups {
        let today = s.tz.to_datetime(search.now).date();
        let from = search.from.max(today);
        let to = search.to.min(horizon_last(s, today)?);
        if from > to {
            continue;
        }
        let (from_s, to_s) = (midnight(&s.tz, from)?, midnight(&s.tz, to.tomorrow()?)?);
        let starts = free_starts(db, tenant, s, &resolved.need, search.channel, from_s, to_s, search.now).await?;
        if !starts.is_empty() {
            let days = AvailableDays::from(day_times(&starts, &s.tz));
            out.push(PlaceAvailability { place_id: s.place_id, starts, days });
        }
    }
    out.sort_by_key(|p| (p.earliest(), p.place_id));
    Ok(out)
}

/// The starts at local `date` and `time` across the searched places, earliest instant
/// first (a time in a DST fold exists twice), then by place and counter: try them in order
/// until a hold succeeds.
pub async fn candidates(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    search: &Search<'_>,
    date: Date,
    time: Time,
) -> Result<Vec<Candidate>, BookingError> {
    let narrowed = Search { from: date, to: date, ..search.clone() };
    let zone = rathaus_db::tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)?.tz();
    let mut out = Vec::new();
    for p in by_place(db, tenant, &narrowed).await? {
        let at = starts_at_local(&p.starts, &zone, date, time);
        out.extend(at.into_iter().map(|start| Candidate { place_id: p.place_id, start }));
    }
    out.sort_by_key(|c| (c.start.start, c.place_id, c.start.counter_id));
    Ok(out)
}

/// The last bookable local date of a place: today + horizon.
fn horizon_last(s: &Setup, today: Date) -> Result<Date, BookingError> {
    Ok(today.checked_add(i64::from(s.policy.horizon_days).days())?)
}

pub(crate) fn counter_slots(rows: &[SlotRow]) -> Result<Vec<CounterSlot>, BookingError> {
    rows.iter()
        .map(|r| {
            Ok(CounterSlot {
                counter_id: setup::engine_counter(r.counter_id),
                start: Timestamp::from_second(r.start_s)?,
                end: Timestamp::from_second(r.end_s)?,
                contingent: r.contingent.clone().map(ContingentName::from),
            })
        })
        .collect()
}

/// The starts of `need` at one place whose rows begin in `[from, to)`.
#[expect(clippy::too_many_arguments, reason = "a query: who, where, what, how, when")]
pub(crate) async fn free_starts(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    s: &Setup,
    need: &Need,
    channel: Channel,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
) -> Result<Vec<Start>, BookingError> {
    let rows = slots::free_in_range(db, tenant, s.place_id, from.as_second(), to.as_second(), now.as_second()).await?;
    let grid = counter_slots(&rows)?;
    Ok(available_starts(&s.engine, &s.policy, &grid, |_, _| false, &Request { need, channel, now }))
}

/// Whether the booking window of `channel` at `now` lets `start` be booked and its counter
/// can serve the need: the engine asked about exactly the `k` slots of `start`.
pub(crate) fn window_allows(s: &Setup, need: &Need, start: Start, channel: Channel, now: Timestamp) -> bool {
    let step = s.step_s();
    let k = i64::from(need.slots(s.engine.slot_minutes()));
    let slots: Option<Vec<CounterSlot>> = (0..k)
        .map(|i| {
            let at = start.start.as_second() + i * step;
            Some(CounterSlot {
                counter_id: start.counter_id,
                start: Timestamp::from_second(at).ok()?,
                end: Timestamp::from_second(at + step).ok()?,
                contingent: None,
            })
        })
        .collect();
    let Some(slots) = slots else { return false };
    available_starts(&s.engine, &s.policy, &slots, |_, _| false, &Request { need, channel, now })
        .iter()
        .any(|found| found.start == start.start)
}

/// The next free starts for the same need at the same place from `after` on (at most
/// [`crate::SlotTaken::MAX_ALTERNATIVES`] distinct times, the same time at another counter
/// first of all), without `except`: first within a week, then up to the horizon.
#[expect(clippy::too_many_arguments, reason = "a query: who, where, what, how, from when, except, now")]
pub(crate) async fn alternatives(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    s: &Setup,
    resolved: &Resolved,
    channel: Channel,
    after: Timestamp,
    except: Start,
    now: Timestamp,
) -> Result<Vec<Start>, BookingError> {
    let max = crate::SlotTaken::MAX_ALTERNATIVES;
    let today = s.tz.to_datetime(now).date();
    let end = midnight(&s.tz, horizon_last(s, today)?.tomorrow()?)?;
    let from = after.max(now);
    let week = Timestamp::from_second(from.as_second().saturating_add(7 * 86_400))?.min(end);
    let mut found: Vec<Start> = Vec::new();
    for (a, b) in [(from, week), (week, end)] {
        if a >= b {
            continue;
        }
        let starts = free_starts(db, tenant, s, &resolved.need, channel, a, b, now).await?;
        for start in starts.into_iter().filter(|x| *x != except && x.start >= from) {
            if found.len() < max && found.last().is_none_or(|l| l.start != start.start) {
                found.push(start);
            }
        }
        if found.len() >= max {
            break;
        }
    }
    Ok(found)
}
