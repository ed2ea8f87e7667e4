//! Per-client rate limits: the generic cell rate algorithm (GCRA), i.e. a token bucket of
//! `burst` requests refilled at `per_minute`, kept as one "theoretical arrival time" per
//! key. Memory is bounded: beyond `max_keys` tracked clients, the ones whose bucket is full
//! again (they would be allowed anyway) are forgotten first, then the oldest.
//!
//! In-memory and per node: with several nodes a client gets the limit on each; the
//! database-backed guards (spent proofs, the per-contact cap) hold across nodes.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;

/// The key of a client address: IPv4 as it is, IPv6 by its /64 (one customer network).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey(u128);

pub fn client_key(ip: IpAddr) -> ClientKey {
    match ip {
        IpAddr::V4(v4) => ClientKey(u128::from(u32::from(v4))),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => ClientKey(u128::from(u32::from(v4))),
            None => ClientKey((u128::from(v6) & !((1u128 << 64) - 1)) | 1),
        },
    }
}

/// How long to wait, in whole seconds (for `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

pub struct RateLimiter<K> {
    /// Milliseconds between two requests at the sustained rate.
    interval_ms: i64,
    /// How far the arrival time may run ahead of now (the burst).
    tolerance_ms: i64,
    max_keys: usize,
    state: Mutex<HashMap<K, i64>>,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    /// `per_minute` requests a minute sustained, `burst` at once; `per_minute == 0` means
    /// no limit.
    pub fn new(per_minute: u32, burst: u32, max_keys: usize) -> Self {
        let interval_ms = if per_minute == 0 { 0 } else { 60_000 / i64::from(per_minute).max(1) };
        Self {
            interval_ms,
            tolerance_ms: interval_ms * i64::from(burst.max(1) - 1),
            max_keys: max_keys.max(1),
            state: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request of `key` at `now_ms` (Unix milliseconds).
    pub fn check(&self, key: &K, now_ms: i64) -> Result<(), RetryAfter> {
        if self.interval_ms == 0 {
            return Ok(());
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let tat = state.get(key).copied().unwrap_or(now_ms).max(now_ms);
        let allowed_at = tat - self.tolerance_ms;
        if now_ms < allowed_at {
            let wait_ms = allowed_at - now_ms;
            return Err(RetryAfter(u64::try_from((wait_ms + 999) / 1000).unwrap_or(1).max(1)));
        }
        if !state.contains_key(key) && state.len() >= self.max_keys {
            Self::shrink(&mut state, now_ms, self.max_keys);
        }
        state.insert(key.clone(), tat + self.interval_ms);
        Ok(())
    }

    /// Drops clients whose bucket has refilled, then, if still full, the half that refills
    /// soonest.
    fn shrink(state: &mut HashMap<K, i64>, now_ms: i64, max_keys: usize) {
        state.retain(|_, tat| *tat > now_ms);
        if state.len() >= max_keys {
            let mut tats: Vec<i64> = state.values().copied().collect();
            tats.sort_unstable();
            let cut = tats[tats.len() / 2];
            state.retain(|_, tat| *tat > cut);
        }
    }

    pub fn tracked(&self) -> usize {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let l = RateLimiter::new(60, 3, 100);
        for _ in 0..3 {
            assert!(l.check(&1, 0).is_ok());
        }
        assert_eq!(l.check(&1, 0), Err(RetryAfter(1)));
        assert!(l.check(&2, 0).is_ok(), "another client is not affected");
        assert!(l.check(&1, 1_000).is_ok(), "one more per second");
        assert!(l.check(&1, 1_000).is_err());
        assert!(l.check(&1, 10_000).is_ok());
        assert!(RateLimiter::new(0, 1, 1).check(&1, 0).is_ok(), "0 = unlimited");
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_clients() {
        let l = RateLimiter::new(60, 5, 1_000);
        for k in 0..100_000u32 {
            let _ = l.check(&k, 0);
        }
        assert!(l.tracked() <= 1_000, "{}", l.tracked());
    }

    #[test]
    fn ipv6_clients_are_grouped_by_their_network() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(client_key(mapped), client_key("192.0.2.1".parse().unwrap()));
    }

    proptest! {
        /// In any window of `w` ms no more than `burst + w / interval` requests pass.
        #[test]
        fn never_more_than_burst_plus_rate(mut times in proptest::collection::vec(0i64..120_000, 1..300)) {
            times.sort_unstable();
            let (per_minute, burst) = (30u32, 4u32);
            let l = RateLimiter::new(per_minute, burst, 10);
            let passed: Vec<i64> = times.iter().copied().filter(|t| l.check(&0, *t).is_ok()).collect();
            let interval = 60_000 / i64::from(per_minute);
            for (i, start) in passed.iter().enumerate() {
                for (j, end) in passed.iter().enumerate().skip(i) {
                    let allowed = i64::from(burst) + (end - start) / interval;
                    prop_assert!(i64::try_from(j - i + 1).unwrap() <= allowed);
                }
            }
        }
    }
}
