//! Background work shared by all nodes: a database-backed job queue and an event bus.
//!
//! * [`jobs`]: jobs are rows with a run-at time; a node claims one with a single conditional
//!   UPDATE that sets a lease, so exactly one node runs it. Failures retry with backoff.
//! * [`events`]: publish/subscribe; in-process on SQLite, PostgreSQL LISTEN/NOTIFY between
//!   nodes.
//!
//! Tests and the CLI drive jobs deterministically with [`Worker::run_due`] and check that
//! nothing was left behind with [`jobs::pending_count`].

pub mod events;
pub mod jobs;

pub use events::{Event, EventBus};
pub use jobs::{Job, JobError, JobHandler, NewJob, Worker};
