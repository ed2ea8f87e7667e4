//! The service catalogue between its file format (`rathaus-catalog`, pure) and the database
//! (`rathaus-db`, which knows nothing of the format): pure translation plus store calls.
//!
//! * [`import`] / [`import_catalog`]: validate, then an idempotent upsert in one write
//!   transaction that changes nothing on failure; see the [`import`](mod@import) module for the
//!   exact semantics (identity, what is never deleted, counters).
//! * [`export`]: the tenant's catalogue from the database in [`canonical`] order, so that
//!   `export(import(c)) == canonical(c)`; [`service`] reads one service for its page.
//! * [`demo`]: the Musterstadt and Kleindorf demo catalogues.
//!
//! Storage shapes: columns for what later features query, the rest as JSON `details`
//! documents in the catalogue's own serde shapes (`details.rs`).

pub mod demo;
mod details;
mod export;
mod from_store;
pub mod import;
mod to_store;

pub use export::{canonical, export, service};
pub use import::{ImportError, ImportReport, Tally, import, import_catalog};
pub use rathaus_catalog;
pub use to_store::{Unrepresentable, service as service_fields};
