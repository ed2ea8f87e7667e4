//! Appointments in the database: the booking plan of each place ([`plan`]), the bookable
//! capacity as one row per counter-slot ([`slots`]) and the appointments themselves
//! ([`records`]). Schema and its reasons: `migration/m0003_appointments.rs`. The booking
//! rules (which rows to create, holds, confirmation, cancellation) live in the
//! `rathaus-booking` crate, which calls these functions inside its transactions.
//!
//! # Invariants and what enforces them
//!
//! * **No counter-slot is given twice.** A slot row has one `appointment_id` and one
//!   `hold_id`; every statement that takes rows ([`slots::take_for_hold`],
//!   [`slots::take_for_appointment`], [`slots::confirm_hold`]) is a single conditional
//!   UPDATE that only matches free rows (or, for confirming, rows still held by that very
//!   hold), and its caller commits only if exactly the run's slot count changed. On SQLite
//!   write transactions are serial (`BEGIN IMMEDIATE`); on PostgreSQL a concurrent UPDATE
//!   of the same row waits for the first and re-checks the condition on the committed row,
//!   so the second sees it taken and changes fewer rows.
//! * **One row per counter and start**: the primary key `(place_id, counter_id, start_s)`;
//!   regeneration inserts with `ON CONFLICT DO NOTHING` and deletes only free rows.
//! * **A hold is confirmed at most once**: [`records::confirm`] updates `WHERE status =
//!   'held'`. **An idempotency key makes one appointment**: unique `(tenant_id,
//!   idempotency_key)`. Booking codes are unique per tenant, token hashes globally.
//! * **The per-contact cap** is a count followed by a write in one transaction; it holds
//!   because such transactions are serialised per contact ([`records::lock_contact`]: an
//!   advisory lock on PostgreSQL, `BEGIN IMMEDIATE` on SQLite).
//! * Every function takes the [`TenantId`](crate::TenantId) and filters by it, so another
//!   tenant's ids match no row.

pub mod changes;
pub mod links;
pub mod lottery;
pub mod plan;
pub mod records;
pub mod slots;
