//! Conformance tests for the job queue and the event bus, run on SQLite and PostgreSQL.

mod events;
mod jobs;
