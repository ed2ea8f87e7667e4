//! The service catalogue (Leistungskatalog) of a tenant: the documented `rathaus-catalog/1`
//! format (see `FORMAT.md`), its validation, the Musterstadt demo catalogue, the expansion
//! of mobile-office schedules, and the import of XZuFi 2.2 files.
//!
//! Pure: parsing, validation and conversion of what callers pass in, no I/O.
//!
//! ```
//! let catalog = rathaus_catalog::demo_catalog();
//! assert!(catalog.validate().is_empty());
//! let yaml = catalog.to_yaml().unwrap();
//! assert_eq!(rathaus_catalog::Catalog::from_yaml(&yaml).unwrap(), catalog);
//! ```

mod demo;
mod document;
mod error;
mod leika;
mod merge;
pub mod model;
mod schedule;
mod sessions;
mod slugs;
mod validate;
pub mod xzufi;

pub use demo::demo_catalog;
pub use error::CatalogError;
pub use leika::LeikaKey;
pub use merge::{MergeReport, merge_into};
pub use model::{Catalog, FORMAT};
pub use sessions::{DatedSession, expand_sessions};
pub use slugs::slug_from_name;
pub use validate::Problem;
pub use xzufi::{XzufiImport, parse_xzufi};
