//! How appointment holders turn up, as the office knows it from past days, and from that the
//! chance that a holder who has not checked in yet still comes in time for the appointment.

use crate::estimate::ExpectedAppointment;
use crate::estimate::normal::{cdf, pdf};
use crate::policy::QueuePolicy;
use crate::ticket::ServiceId;

/// No-show rate and the spread of check-ins around the start (normal).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Punctuality {
    pub no_show_rate: f64,
    /// Mean check-in relative to the start (negative: before).
    pub mean_offset_secs: f64,
    pub sd_secs: f64,
}

impl Default for Punctuality {
    /// 12 % no-shows; check-in five minutes before the start on average, sd six minutes.
    fn default() -> Self {
        Self { no_show_rate: 0.12, mean_offset_secs: -300.0, sd_secs: 360.0 }
    }
}

impl Punctuality {
    /// A booked appointment at `start` whose holder has not checked in by `now`, as the
    /// forward simulation should expect it.
    pub fn expect(
        &self,
        start: i64,
        services: Vec<ServiceId>,
        persons: u32,
        now: i64,
        policy: &QueuePolicy,
    ) -> ExpectedAppointment {
        ExpectedAppointment {
            start,
            services,
            persons,
            show_probability: self.show_probability(start, now, policy),
            joins_at: self.joins_at(start, now, policy),
        }
    }

    /// The chance that the holder of an appointment at `start` who has not checked in by
    /// `now` checks in by start + `late_grace_secs` (and so is served as an appointment):
    /// P(shows and arrives in (now, start + grace] | not arrived by now).
    pub fn show_probability(&self, start: i64, now: i64, policy: &QueuePolicy) -> f64 {
        let shows = (1.0 - self.no_show_rate).clamp(0.0, 1.0);
        let arrived_by = |t: i64| cdf(self.z(start, t));
        let still_out = 1.0 - arrived_by(now);
        let in_time = (arrived_by(start.saturating_add(policy.late_grace_secs)) - arrived_by(now)).max(0.0);
        let absent = shows * still_out + (1.0 - shows);
        if absent <= 0.0 { 0.0 } else { shows * in_time / absent }
    }

    /// When the holder, if they come, is expected to be in line and due: E[max(arrival,
    /// due) | arrival > now] with due = start − `early_call_secs`. Later than the due
    /// instant, because some come after it, and later than now.
    pub fn joins_at(&self, start: i64, now: i64, policy: &QueuePolicy) -> i64 {
        let sd = self.sd_secs.max(1.0);
        let mean = start as f64 + self.mean_offset_secs;
        let due = start.saturating_sub(policy.early_call_secs).max(now);
        let (a, d) = (self.z(start, now), self.z(start, due));
        let out = 1.0 - cdf(a);
        if out < 1e-9 {
            return due.max(now.saturating_add(1));
        }
        // Arrivals in (now, due] join at due; E[A; A > due] = mean · (1 − Φ(d)) + sd · φ(d).
        let before_due = due as f64 * (cdf(d) - cdf(a));
        let after_due = mean * (1.0 - cdf(d)) + sd * pdf(d);
        (((before_due + after_due) / out).round() as i64).max(now.saturating_add(1))
    }

    /// The standardised check-in instant `t` for an appointment at `start`.
    fn z(&self, start: i64, t: i64) -> f64 {
        (t as f64 - start as f64 - self.mean_offset_secs) / self.sd_secs.max(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chance_falls_as_the_start_passes_without_a_check_in() {
        let p = Punctuality::default();
        let policy = QueuePolicy::default();
        let start = 36_000;
        let early = p.show_probability(start, start - 3600, &policy);
        assert!((early - 0.88).abs() < 1e-3, "{early}");
        let at_start = p.show_probability(start, start, &policy);
        assert!(0.5 < at_start && at_start < 0.7, "{at_start}");
        let late = p.show_probability(start, start + 600, &policy);
        assert!(late < at_start / 2.0, "{late}");
        assert_eq!(p.show_probability(start, start + 901, &policy), 0.0);
    }

    #[test]
    fn holders_join_after_the_due_instant_and_after_now() {
        let p = Punctuality::default();
        let policy = QueuePolicy::default();
        let start = 36_000;
        // Long before: E[max(A, due)] = due + sd · φ(0) for A centred on the due instant.
        let early = p.joins_at(start, start - 7200, &policy);
        assert!((early - (start - 300 + 144)).abs() <= 1, "{early}");
        let later = p.joins_at(start, start, &policy);
        assert!(later > start && later < start + 600, "{later}");
        assert_eq!(p.joins_at(start, start + 4 * 3600, &policy), start + 4 * 3600 + 1);
    }
}
