//! A tiny seeded pseudo-random generator for the simulation (splitmix64), with the few
//! distributions an office day needs. Reproducible across platforms; not for secrets.

/// splitmix64 (Steele, Lea and Flood 2014): one 64-bit state, passes BigCrush.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Uniform in `0..n` (n > 0); the bias of the modulo is below 2⁻³² for small n.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Standard normal (Box–Muller; the second value is dropped for simplicity).
    pub(crate) fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform();
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Lognormal with the given mean and coefficient of variation.
    pub(crate) fn lognormal(&mut self, mean: f64, cv: f64) -> f64 {
        let sigma2 = (1.0 + cv * cv).ln();
        (mean.ln() - sigma2 / 2.0 + sigma2.sqrt() * self.normal()).exp()
    }

    /// Exponential with the given rate.
    pub(crate) fn exponential(&mut self, rate: f64) -> f64 {
        -(1.0 - self.uniform()).ln() / rate
    }

    /// An index drawn in proportion to `weights` (not all zero).
    pub(crate) fn weighted(&mut self, weights: &[f64]) -> usize {
        let mut x = self.uniform() * weights.iter().sum::<f64>();
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_and_cv(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        (mean, var.sqrt() / mean)
    }

    #[test]
    fn the_same_seed_gives_the_same_stream() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
    }

    #[test]
    fn draws_have_the_asked_moments() {
        let mut r = Rng::new(1);
        let normal: Vec<f64> = (0..100_000).map(|_| r.normal()).collect();
        let (m, _) = mean_and_cv(&normal);
        let sd = (normal.iter().map(|x| (x - m).powi(2)).sum::<f64>() / normal.len() as f64).sqrt();
        assert!(m.abs() < 0.02 && (sd - 1.0).abs() < 0.02, "{m} {sd}");
        let (m, cv) = mean_and_cv(&(0..100_000).map(|_| r.lognormal(600.0, 0.5)).collect::<Vec<_>>());
        assert!((m - 600.0).abs() < 6.0 && (cv - 0.5).abs() < 0.02, "{m} {cv}");
        let (m, _) = mean_and_cv(&(0..100_000).map(|_| r.exponential(0.5)).collect::<Vec<_>>());
        assert!((m - 2.0).abs() < 0.03, "{m}");
        let picks = (0..10_000).filter(|_| r.weighted(&[1.0, 3.0]) == 1).count();
        assert!((7_300..7_700).contains(&picks), "{picks}");
    }
}
