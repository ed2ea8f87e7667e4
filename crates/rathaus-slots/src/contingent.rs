//! Which counter-slots are held back for a contingent.
//!
//! Per local date, each counter's slots are cut into *runs* of up to
//! `contingent_block_minutes` (consecutive slots only; a gap or the day's end cuts a run).
//! The runs are visited in time order (ties by counter id) and handed out like a smooth
//! weighted round robin: after each run, contingent *c* is owed `share_c % × slots seen so
//! far − slots already reserved for c`; the run goes to the contingent owed most, if that is
//! at least half the run. So each contingent gets its share of the day to within half a
//! run, spread evenly over the day and rotating over the counters, and a phone or walk-in
//! appointment of up to one run fits into reserved time.
//!
//! Runs rather than single slots: a reservation of every k-th slot would cut the day into
//! pieces too short for long online appointments and itself useless for long ones.

use crate::policy::BookingPolicy;

pub(crate) struct DaySlots<'a> {
    /// Slot starts (epoch seconds, sorted) per counter.
    pub per_counter: &'a [(u64, Vec<i64>)],
    /// Local midnights: day *i* is `day_bounds[i]..day_bounds[i + 1]`.
    pub day_bounds: &'a [i64],
    pub step: i64,
}

struct Run {
    day: usize,
    start: i64,
    counter: usize,
    first: usize,
    len: usize,
}

/// For every counter and slot, the index of its contingent in `policy.contingents`.
pub(crate) fn assign_contingents(
    days: &DaySlots<'_>,
    policy: &BookingPolicy,
    grid_minutes: u32,
) -> Vec<Vec<Option<u32>>> {
    let mut tags: Vec<Vec<Option<u32>>> = days.per_counter.iter().map(|(_, s)| vec![None; s.len()]).collect();
    let shares: Vec<i64> = policy.contingents.as_slice().iter().map(|c| i64::from(c.share_percent)).collect();
    if shares.iter().all(|&s| s == 0) {
        return tags;
    }
    let run_len = (policy.contingent_block_minutes / grid_minutes).max(1) as usize;
    let mut runs = runs(days, run_len);
    runs.sort_unstable_by_key(|r| (r.day, r.start, r.counter));

    let mut day = usize::MAX;
    let (mut seen, mut reserved) = (0i64, vec![0i64; shares.len()]);
    for run in runs {
        if run.day != day {
            (day, seen) = (run.day, 0);
            reserved.iter_mut().for_each(|r| *r = 0);
        }
        let len = run.len as i64;
        seen += len;
        let owed = |c: usize| shares[c] * seen - 100 * reserved[c];
        let best = (0..shares.len()).fold(0, |best, c| if owed(c) > owed(best) { c } else { best });
        if 2 * owed(best) >= 100 * len {
            reserved[best] += len;
            // A policy has far fewer than 2^32 contingents.
            let tag = u32::try_from(best).ok();
            tags[run.counter][run.first..run.first + run.len].iter_mut().for_each(|t| *t = tag);
        }
    }
    tags
}

/// The runs of all counters: consecutive slots of one day, at most `max_len` long.
fn runs(days: &DaySlots<'_>, max_len: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (counter, (_, starts)) in days.per_counter.iter().enumerate() {
        let mut day = 0;
        for (i, &start) in starts.iter().enumerate() {
            while day + 1 < days.day_bounds.len() && days.day_bounds[day + 1] <= start {
                day += 1;
            }
            match runs.last_mut() {
                Some(r)
                    if r.counter == counter
                        && r.day == day
                        && r.len < max_len
                        && r.start + r.len as i64 * days.step == start =>
                {
                    r.len += 1
                }
                _ => runs.push(Run { day, start, counter, first: i, len: 1 }),
            }
        }
    }
    runs
}
