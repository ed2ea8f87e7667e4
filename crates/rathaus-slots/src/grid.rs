//! The capacity grid: every counter-slot that is open, staffed and not blocked, tagged with
//! the contingent it is reserved for.

use crate::contingent::{DaySlots, assign_contingents};
use crate::place::{Block, Place};
use crate::policy::{BookingPolicy, ContingentName};
use crate::timeline::{Interval, grid_starts, intersect, normalize, range_on, reached_secs, subtract};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// One unit of capacity: `counter_id` is staffed and the place open for `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CounterSlot {
    pub counter_id: u64,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The contingent this slot is held back for, if any.
    pub contingent: Option<ContingentName>,
}

/// The counter-slots of the local dates `from..=to`, ordered by counter id, then start.
///
/// Slots lie on the absolute grid (start = a multiple of the grid since the Unix epoch, which
/// is the wall-clock grid in whole-hour-offset zones) and fully inside the place's opening,
/// the counter's staffing and outside every block. So a DST gap yields no slots and a fold
/// none twice. Contingent tags depend only on the place, the policy and the local date, so
/// grids of overlapping date windows agree.
pub fn capacity_grid(place: &Place, policy: &BookingPolicy, from: Date, to: Date) -> Vec<CounterSlot> {
    let tz = place.opening().time_zone();
    let step = place.slot_minutes().seconds();
    let dates: Vec<Date> = std::iter::successors(Some(from), |d| d.tomorrow().ok()).take_while(|d| *d <= to).collect();
    let mut open = Vec::new();
    let mut open_days = Vec::new();
    for &date in &dates {
        let hours = place.opening().hours_on(date);
        if !hours.is_closed() {
            open_days.push(date);
            open.extend(hours.ranges().iter().filter_map(|&r| range_on(tz, date, r)));
        }
    }
    let open = subtract(&normalize(open), &blocked(place.blocks(), None));

    let mut counters: Vec<_> = place.counters().iter().collect();
    counters.sort_by_key(|c| c.counter_id);
    let per_counter: Vec<(u64, Vec<i64>)> = counters
        .iter()
        .map(|counter| {
            let staffed = open_days.iter().flat_map(|&date| {
                let blocks = counter.staffed.iter().filter(move |b| b.applies_on(date));
                blocks.filter_map(move |b| range_on(tz, date, b.hours))
            });
            let usable = subtract(
                &intersect(&open, &normalize(staffed.collect())),
                &blocked(place.blocks(), Some(counter.counter_id)),
            );
            (counter.counter_id, usable.into_iter().flat_map(|i| grid_starts(i, step)).collect())
        })
        .collect();

    let day_bounds: Vec<i64> = dates
        .iter()
        .chain(to.tomorrow().ok().as_ref())
        .filter_map(|&d| reached_secs(tz, d, Time::midnight()))
        .collect();
    let day_slots = DaySlots { per_counter: &per_counter, day_bounds: &day_bounds, step };
    let tags = assign_contingents(&day_slots, policy, place.slot_minutes().get());

    let total = per_counter.iter().map(|(_, s)| s.len()).sum();
    let mut out = Vec::with_capacity(total);
    let names: Vec<&ContingentName> = policy.contingents.as_slice().iter().map(|c| &c.name).collect();
    for ((counter_id, starts), tags) in per_counter.iter().zip(tags) {
        for (&start, tag) in starts.iter().zip(tags) {
            out.push(CounterSlot {
                counter_id: *counter_id,
                start: secs(start),
                end: secs(start + step),
                contingent: tag.map(|i| names[i as usize].clone()),
            });
        }
    }
    out
}

/// The blocks of the place (`counter: None`) or of one counter, widened to whole seconds.
fn blocked(blocks: &[Block], counter: Option<u64>) -> Vec<Interval> {
    let floor = |t: Timestamp| t.as_second() - i64::from(t.subsec_nanosecond() < 0);
    let ceil = |t: Timestamp| t.as_second() + i64::from(t.subsec_nanosecond() > 0);
    normalize(
        blocks
            .iter()
            .filter(|b| b.counter == counter)
            .map(|b| Interval { start: floor(b.from), end: ceil(b.to) })
            .collect(),
    )
}

pub(crate) fn secs(s: i64) -> Timestamp {
    // Grid instants come from valid timestamps (or one grid step past them).
    Timestamp::from_second(s).unwrap_or(Timestamp::MAX)
}
