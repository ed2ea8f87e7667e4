//! Which start times can host a request, given the capacity grid and the taken slots.
//!
//! A start on counter *c* is offered when the `k = need.slots(grid)` counter-slots from it
//! are consecutive in *c*'s grid (no gap: staffing, opening and blocks all hold throughout),
//! none is taken, each is usable by the channel at `now` (not in a contingent, or in one the
//! channel may use, or released), *c* handles every service of the need, and the start is in
//! the booking window (see [`BookingPolicy`](crate::BookingPolicy)). One pass over each counter's slots, so the cost is
//! linear in the grid.

use crate::grid::{CounterSlot, secs};
use crate::need::Need;
use crate::place::Place;
use crate::policy::{BookingPolicy, Channel};
use crate::window::Window;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A bookable appointment: `counter_id` from `start` to `end` (`end - start` is the need's
/// duration rounded up to the grid). Booking it takes every counter-slot in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Start {
    pub start: Timestamp,
    pub end: Timestamp,
    pub counter_id: u64,
}

/// What is asked, by whom, and when.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub need: &'a Need,
    pub channel: Channel,
    pub now: Timestamp,
}

/// The starts that can host `request`, ordered by start, then counter id. `grid` is a
/// (stored) [`crate::capacity_grid`] of `place`, in any order; `taken(counter, start)` says
/// whether a counter-slot is already booked.
pub fn available_starts(
    place: &Place,
    policy: &BookingPolicy,
    grid: &[CounterSlot],
    taken: impl Fn(u64, Timestamp) -> bool,
    request: &Request<'_>,
) -> Vec<Start> {
    let k = request.need.slots(place.slot_minutes()) as usize;
    let window = Window::new(place.opening().time_zone(), policy, request.channel, request.now);
    let now = request.now.as_second();
    let usable = |slot: &CounterSlot| match &slot.contingent {
        None => true,
        Some(name) => {
            request.channel.may_use(name)
                || policy
                    .contingents
                    .get(name)
                    .is_none_or(|c| now >= slot.start.as_second() - i64::from(c.release_hours_before) * 3600)
        }
    };

    let mut order: Vec<&CounterSlot> = grid.iter().collect();
    if !order.is_sorted_by_key(|s| (s.counter_id, s.start)) {
        order.sort_unstable_by_key(|s| (s.counter_id, s.start));
    }
    let mut out = Vec::new();
    for group in order.chunk_by(|a, b| a.counter_id == b.counter_id) {
        let counter_id = group[0].counter_id;
        if !place.counter(counter_id).is_some_and(|c| request.need.handled_by(&c.services)) {
            continue;
        }
        let mut run = 0;
        for (j, slot) in group.iter().enumerate() {
            let joined = j > 0 && group[j - 1].end == slot.start;
            run = if !usable(slot) || taken(counter_id, slot.start) {
                0
            } else if joined {
                run + 1
            } else {
                1
            };
            if run >= k {
                let first = group[j + 1 - k].start.as_second();
                if window.allows(first) {
                    out.push(Start { start: secs(first), end: slot.end, counter_id });
                }
            }
        }
    }
    out.sort_unstable();
    out
}
