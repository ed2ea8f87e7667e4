//! What happens to a job after a run: plain decisions without I/O, so the retry policy is
//! unit-tested in microseconds and the storage code only writes the decision down.

use super::JobError;

/// The longest wait between two attempts of a job.
pub const MAX_BACKOFF_SECS: i64 = 3600;

/// The longest `last_error` kept on a job row; handler messages beyond it are cut.
const MAX_ERROR_CHARS: usize = 2000;

/// The next state of a job after one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Finished: the job is marked done.
    Done,
    /// Queued again, due at `run_at`.
    Retry { run_at: i64, error: String },
    /// Given up: the job is marked failed.
    Failed { error: String },
}

/// Seconds to wait before the next attempt after `attempts` attempts: `2^attempts`, capped
/// at [`MAX_BACKOFF_SECS`].
pub fn backoff_secs(attempts: i32) -> i64 {
    let exponent = attempts.clamp(0, 12) as u32;
    (1i64 << exponent).min(MAX_BACKOFF_SECS)
}

/// Decides the outcome of a run that was attempt number `attempts` (counted at claim time)
/// of at most `max_attempts`, finished at `now`.
pub fn decide(result: Result<(), JobError>, attempts: i32, max_attempts: i32, now: i64) -> Outcome {
    match result {
        Ok(()) => Outcome::Done,
        Err(JobError::Permanent(msg)) => Outcome::Failed { error: truncate(format!("permanent: {msg}")) },
        Err(JobError::Retry(msg)) if attempts >= max_attempts => {
            Outcome::Failed { error: truncate(format!("gave up after {attempts} attempts: {msg}")) }
        }
        Err(JobError::Retry(msg)) => Outcome::Retry {
            run_at: now + backoff_secs(attempts),
            error: truncate(format!("attempt {attempts}: {msg}")),
        },
    }
}

fn truncate(mut s: String) -> String {
    if let Some((cut, _)) = s.char_indices().nth(MAX_ERROR_CHARS) {
        s.truncate(cut);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_secs(1), 2);
        assert_eq!(backoff_secs(2), 4);
        assert_eq!(backoff_secs(5), 32);
        assert_eq!(backoff_secs(11), 2048);
        assert_eq!(backoff_secs(12), MAX_BACKOFF_SECS);
        assert_eq!(backoff_secs(i32::MAX), MAX_BACKOFF_SECS);
        assert_eq!(backoff_secs(-3), 1);
    }

    #[test]
    fn success_is_done() {
        assert_eq!(decide(Ok(()), 8, 8, 100), Outcome::Done);
    }

    #[test]
    fn retry_waits_until_the_last_attempt() {
        assert_eq!(
            decide(Err(JobError::Retry("smtp down".into())), 3, 5, 1000),
            Outcome::Retry { run_at: 1008, error: "attempt 3: smtp down".into() }
        );
        assert!(matches!(decide(Err(JobError::Retry("x".into())), 5, 5, 1000), Outcome::Failed { .. }));
        assert!(matches!(decide(Err(JobError::Retry("x".into())), 6, 5, 1000), Outcome::Failed { .. }));
    }

    #[test]
    fn permanent_fails_at_once() {
        assert!(matches!(decide(Err(JobError::Permanent("bad".into())), 1, 8, 0), Outcome::Failed { .. }));
    }

    #[test]
    fn long_errors_are_cut_on_a_char_boundary() {
        let Outcome::Failed { error } = decide(Err(JobError::Permanent("ü".repeat(5000))), 1, 8, 0) else {
            panic!("expected failed");
        };
        assert_eq!(error.chars().count(), MAX_ERROR_CHARS);
    }
}
