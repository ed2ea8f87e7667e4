//! Booking on SQLite and PostgreSQL with the Musterstadt demo catalogue: capacity rows,
//! holds, confirmation, cancellation, contingents and release, the per-contact cap, tenant
//! isolation, the overbooking guarantee under concurrency, and durability across a crash.

mod booking;
mod capacity;
mod concurrency;
mod crash;
mod isolation;
mod support;
mod window;
