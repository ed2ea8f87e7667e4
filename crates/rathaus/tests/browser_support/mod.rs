//! Real-browser tests: headless Chromium driven over WebDriver, with an axe-core
//! accessibility audit of every page a test visits.
//!
//! Include it in a test binary with
//! `#[path = "../browser_support/mod.rs"] mod browser_support;` (path relative to the
//! including file). Including it also adds this module's self-tests (`selftest.rs`) to that
//! binary.
//!
//! ```ignore
//! #[tokio::test]
//! async fn booking_form_is_accessible() {
//!     let app = spawn_app_on_port_0().await;
//!     browser_support::run("booking_form_is_accessible", |b| async move {
//!         b.visit(&format!("{app}/termine")).await; // fails on any WCAG 2.1 A/AA violation
//!         b.fill("#email", "a@example.org").await;
//!         b.submit("form").await;
//!         assert_eq!(b.text("h1").await, "Termin gebucht");
//!     })
//!     .await;
//! }
//! ```
//!
//! Each test gets its own chromedriver (on a free port) and its own browser profile, so tests
//! can run in parallel. `/usr/bin/chromium` and `/usr/bin/chromedriver` (or the first ones on
//! `PATH`) are used. When they are missing the test is skipped with a message on stderr,
//! unless the environment variable `CI` is set: then it fails, because CI must run the browser
//! suite. `scripts/setup-test-deps` installs both.
//!
//! Helpers panic with the failed action and the current URL instead of returning errors, so
//! that a test reads like the steps a person takes. [`run`] saves a screenshot under
//! `test-artifacts/screenshots/` whenever the test body panics.
//!
//! WebDriver needs a plain-HTTP hyper connector: fantoccini without its TLS features offers
//! no constructor of its own, so this module needs `hyper-util` (features `client-legacy`,
//! `http1`, `tokio`) as a dev-dependency next to `fantoccini`, `tokio`, `serde`, `serde_json`
//! and, for the self-tests, `axum`.

#![allow(dead_code, unused_imports, reason = "shared test support: each including test binary uses a different subset")]

mod accessibility;
mod browser;
mod driver;
mod keyboard;
mod page;
mod screenshots;
mod selftest;
mod wire;

use std::future::Future;

pub use accessibility::{Violation, ViolationNode};
pub use browser::Browser;
pub use fantoccini::key::Key;

/// Starts a browser, runs `body` with it and closes the browser again.
///
/// If `body` panics, a screenshot named `<test_name>-failure` is saved before the panic is
/// passed on. If no browser is installed (and `CI` is unset) the body is skipped.
pub async fn run<F, Fut>(test_name: &str, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(browser) = Browser::start_named(test_name).await else {
        return;
    };
    let outcome = tokio::spawn(body(browser.clone())).await;
    if let Err(failure) = outcome {
        if failure.is_panic() {
            browser.try_screenshot(&format!("{test_name}-failure")).await;
            browser.close().await;
            std::panic::resume_unwind(failure.into_panic());
        }
        browser.close().await;
        panic!("browser test {test_name} was cancelled: {failure}");
    }
    browser.close().await;
}
