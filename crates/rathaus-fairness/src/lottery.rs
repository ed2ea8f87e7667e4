//! The order of a lottery draw: a uniformly random permutation of the entries (Fisher–Yates
//! over ChaCha20 seeded from the draw's identity and a secret), so the draw is fair,
//! cannot be predicted from outside, and can be reproduced for an audit from the seed.
//! Allocation then follows this order (random serial dictatorship): each entry in turn
//! gets its first choice that still has room ([`allocate`]).

use crate::mac::SecretKey;
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use std::collections::HashMap;
use std::hash::Hash;

/// The seed of one draw: HMAC(secret, draw identity).
pub fn seed_from(secret: &[u8; 32], draw_id: &str) -> [u8; 32] {
    let hex = SecretKey::from_bytes(*secret).sign(draw_id.as_bytes());
    let mut seed = [0u8; 32];
    for (i, b) in hex::decode(hex).unwrap_or_default().into_iter().take(32).enumerate() {
        seed[i] = b;
    }
    seed
}

/// A uniform index in `0..n` (rejection sampling, no modulo bias).
fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let v = rng.next_u64();
        if v < zone {
            return v % n;
        }
    }
}

/// The entry ids in draw order.
pub fn draw_order(entry_ids: &[i64], seed: [u8; 32]) -> Vec<i64> {
    let mut order = entry_ids.to_vec();
    let mut rng = ChaCha20Rng::from_seed(seed);
    for i in (1..order.len()).rev() {
        let j = usize::try_from(below(&mut rng, i as u64 + 1)).unwrap_or(0);
        order.swap(i, j);
    }
    order
}

/// A request with its acceptable choices, best first.
#[derive(Debug, Clone)]
pub struct Entry<K> {
    pub id: i64,
    pub choices: Vec<K>,
}

/// Random serial dictatorship: in `order`, each entry takes its first choice with capacity
/// left. Every entry appears once in the result, in `order` (ids not in `entries` are
/// skipped).
pub fn allocate<K: Hash + Eq + Clone>(
    order: &[i64],
    entries: &[Entry<K>],
    capacity: &mut HashMap<K, u32>,
) -> Vec<(i64, Option<K>)> {
    let by_id: HashMap<i64, &Entry<K>> = entries.iter().map(|e| (e.id, e)).collect();
    let mut out = Vec::with_capacity(entries.len());
    for id in order {
        let Some(entry) = by_id.get(id) else { continue };
        let won = entry.choices.iter().find(|c| capacity.get(*c).is_some_and(|n| *n > 0)).cloned();
        if let Some(k) = &won
            && let Some(n) = capacity.get_mut(k)
        {
            *n -= 1;
        }
        out.push((*id, won));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_order_is_reproducible_and_depends_on_the_seed() {
        let ids: Vec<i64> = (1..=50).collect();
        let a = draw_order(&ids, seed_from(&[1; 32], "t:1:100"));
        assert_eq!(a, draw_order(&ids, seed_from(&[1; 32], "t:1:100")));
        assert_ne!(a, draw_order(&ids, seed_from(&[1; 32], "t:1:101")));
        assert_ne!(a, draw_order(&ids, seed_from(&[2; 32], "t:1:100")));
        assert_ne!(a, ids, "shuffled");
    }

    #[test]
    fn every_position_is_about_equally_likely() {
        // 4 entries, 8000 draws: each entry lands first about 2000 times.
        let ids = [1, 2, 3, 4];
        let mut first = HashMap::new();
        for s in 0..8_000u32 {
            *first.entry(draw_order(&ids, seed_from(&[9; 32], &s.to_string()))[0]).or_insert(0) += 1;
        }
        for id in ids {
            let n = first[&id];
            assert!((1_750..=2_250).contains(&n), "entry {id} first {n} times");
        }
    }

    proptest! {
        #[test]
        fn allocation_respects_capacity_and_lists_everyone(
            n in 0usize..60, cap in 0u32..10, seed in any::<[u8; 32]>(),
        ) {
            let ids: Vec<i64> = (0..n as i64).collect();
            let order = draw_order(&ids, seed);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(&sorted, &ids, "a permutation");
            let entries: Vec<Entry<&str>> = ids.iter().map(|&id| Entry { id, choices: vec!["09:00", "09:15"] }).collect();
            let mut capacity = HashMap::from([("09:00", cap), ("09:15", 1)]);
            let result = allocate(&order, &entries, &mut capacity);
            prop_assert_eq!(result.len(), n);
            let won_first = result.iter().filter(|(_, k)| *k == Some("09:00")).count();
            prop_assert_eq!(won_first, n.min(cap as usize));
            prop_assert!(result.iter().filter(|(_, k)| *k == Some("09:15")).count() <= 1);
            // Who wins is decided by the order alone: the first `cap` in the draw.
            let winners: Vec<i64> = result.iter().filter(|(_, k)| *k == Some("09:00")).map(|(id, _)| *id).collect();
            prop_assert_eq!(winners, order.iter().copied().take(cap as usize).collect::<Vec<_>>());
        }
    }
}
