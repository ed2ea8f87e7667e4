//! The office's queue policy (due window, lateness, ageing bound, unanswered calls) and what
//! happens after a call goes unanswered.

use serde::{Deserialize, Serialize};

/// How an appointment holder who checks in after `start + late_grace_secs` is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LatePolicy {
    /// Still an appointment: due, ordered by its start.
    KeepAppointment,
    /// Joins the walk-in line at the check-in time.
    AsWalkIn,
}

/// What becomes of a ticket whose calls went unanswered `max_unanswered_calls` times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unanswered {
    /// Set aside; the desk can re-activate it when the person turns up.
    Park,
    /// Closed as a no-show.
    NoShow,
}

/// The rules of one office's queue. Durations are seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueuePolicy {
    /// An appointment ticket becomes due this long before its start (default 300).
    pub early_call_secs: i64,
    /// A counter with nothing due may call an early appointment (default true).
    pub serve_early_when_idle: bool,
    /// Checked in later than start + grace counts as late (default 900).
    pub late_grace_secs: i64,
    /// Default [`LatePolicy::AsWalkIn`].
    pub late: LatePolicy,
    /// Ageing bound (default 3600): a ticket that has waited longer than this (since
    /// [`waiting_since`](crate::waiting_since)) goes before everything except tickets that
    /// have waited longer still. Nobody waits forever.
    pub max_wait_secs: i64,
    /// Default 3.
    pub max_unanswered_calls: u32,
    /// Default [`Unanswered::Park`].
    pub after_unanswered: Unanswered,
}

impl Default for QueuePolicy {
    fn default() -> Self {
        Self {
            early_call_secs: 300,
            serve_early_when_idle: true,
            late_grace_secs: 900,
            late: LatePolicy::AsWalkIn,
            max_wait_secs: 3600,
            max_unanswered_calls: 3,
            after_unanswered: Unanswered::Park,
        }
    }
}

/// What happens to a ticket after an unanswered call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallOutcome {
    /// Back into the line with its `queued_at` unchanged.
    Requeue,
    Park,
    NoShow,
}

/// What happens after a call went unanswered; `unanswered` counts this one too.
pub fn after_unanswered_call(unanswered: u32, policy: &QueuePolicy) -> CallOutcome {
    if unanswered < policy.max_unanswered_calls {
        return CallOutcome::Requeue;
    }
    match policy.after_unanswered {
        Unanswered::Park => CallOutcome::Park,
        Unanswered::NoShow => CallOutcome::NoShow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requeued_until_the_limit_then_parked_or_closed() {
        let park = QueuePolicy::default();
        assert_eq!(after_unanswered_call(1, &park), CallOutcome::Requeue);
        assert_eq!(after_unanswered_call(2, &park), CallOutcome::Requeue);
        assert_eq!(after_unanswered_call(3, &park), CallOutcome::Park);
        assert_eq!(after_unanswered_call(4, &park), CallOutcome::Park);
        let close = QueuePolicy { after_unanswered: Unanswered::NoShow, max_unanswered_calls: 1, ..park };
        assert_eq!(after_unanswered_call(1, &close), CallOutcome::NoShow);
    }

    #[test]
    fn a_partial_policy_takes_the_defaults() {
        let p: QueuePolicy = serde_json::from_str(r#"{"max_wait_secs":1800,"late":"keep_appointment"}"#).unwrap();
        assert_eq!(p, QueuePolicy { max_wait_secs: 1800, late: LatePolicy::KeepAppointment, ..Default::default() });
        assert!(serde_json::from_str::<QueuePolicy>(r#"{"max_wait":1}"#).is_err());
    }
}
