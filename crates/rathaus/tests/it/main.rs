//! The integration-test binary: every test talks to the real router (in-process, through
//! `oneshot`) over a fresh database, on SQLite and on PostgreSQL. See `support` for the
//! `TestApp` and `Client` helpers and the `app_test!` macro.

mod support;

#[path = "../browser_support/mod.rs"]
mod browser_support;

mod admin;
mod admin_catalog;
mod api;
mod auth;
mod availability_api;
mod bench;
mod booking_flow;
mod booking_guard;
mod booking_jobs;
mod browser;
mod browser_admin_catalog;
mod browser_booking;
mod browser_catalog;
mod browser_front_desk;
mod catalog_api;
mod catalog_pages;
mod cli;
mod cluster;
mod front_desk;
mod shell;
mod staff_appointments;
mod tenancy;
