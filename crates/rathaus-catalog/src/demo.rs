//! The demo catalogue of "Musterstadt" (a mid-sized town in Nordrhein-Westfalen, AGS
//! 05999001), compiled into the binary from `demo/musterstadt.yaml`.

use crate::Catalog;

const MUSTERSTADT: &str = include_str!("../demo/musterstadt.yaml");

/// The Musterstadt demo catalogue. Its validity is guaranteed by the crate's tests.
pub fn demo_catalog() -> Catalog {
    match Catalog::from_yaml(MUSTERSTADT) {
        Ok(catalog) => catalog,
        // Unreachable in a tested build: the embedded file is checked by `tests/it`.
        Err(e) => panic!("the embedded demo catalogue is broken: {e}"),
    }
}
