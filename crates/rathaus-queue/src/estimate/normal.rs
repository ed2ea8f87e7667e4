//! The standard normal density and distribution function, for arrival and duration models.

/// φ(x).
pub(crate) fn pdf(x: f64) -> f64 {
    (-x * x / 2.0).exp() / std::f64::consts::TAU.sqrt()
}

/// Φ(x), from erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).
pub(crate) fn cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erfc = poly * (-z * z).exp();
    if x >= 0.0 { 1.0 - erfc / 2.0 } else { erfc / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_to_the_tables() {
        assert!((cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((cdf(1.0) - 0.841_344_7).abs() < 1e-6);
        assert!((cdf(-1.96) - 0.024_997_9).abs() < 1e-6);
        assert!((pdf(0.0) - 0.398_942_3).abs() < 1e-6);
    }
}
