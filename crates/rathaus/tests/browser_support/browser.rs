//! `Browser`: one headless Chromium session, started with its own chromedriver and profile.

use std::sync::Arc;
use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::driver::{ChromeDriver, Installation};

const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
];

/// Bounds for a single script (axe runs in well under a second) and a single page load.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(30);
const PAGE_LOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// A headless Chromium with its own chromedriver and profile. Cheap to clone; the browser
/// and driver end when [`Browser::close`] is called or the last clone is dropped.
#[derive(Clone)]
pub struct Browser {
    client: Client,
    test_name: Arc<str>,
    session_id: Arc<str>,
    /// Shared so that the driver (and its Chromium) lives as long as any clone.
    driver: Arc<ChromeDriver>,
}

impl Browser {
    /// Starts a browser named after the current test thread (libtest names it after the
    /// test). See [`Browser::start_named`].
    pub async fn start() -> Option<Self> {
        let thread = std::thread::current();
        Self::start_named(thread.name().unwrap_or("browser-test")).await
    }

    /// Starts a browser whose screenshots are named after `test_name`.
    ///
    /// Returns `None` (and says so on stderr) if Chromium or chromedriver is missing, except
    /// when `CI` is set: then it panics, because CI must run the browser tests.
    pub async fn start_named(test_name: &str) -> Option<Self> {
        let Some(installation) = Installation::find() else {
            if ci_requires_browser() {
                panic!(
                    "browser tests are required in CI (CI is set), but chromium and/or \
                     chromedriver are not installed (looked in /usr/bin and on PATH); \
                     run scripts/setup-test-deps"
                );
            }
            eprintln!("SKIPPED: browser test, chromium/chromedriver not installed");
            return None;
        };
        let driver = ChromeDriver::start(&installation)
            .await
            .unwrap_or_else(|error| panic!("cannot start chromedriver: {error}"));
        let profile = driver.profile_dir();
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|&arg| arg.to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".to_owned(), json!({ "binary": installation.chromium, "args": args }));
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(driver.url())
            .await
            .unwrap_or_else(|error| panic!("cannot start a Chromium session: {error}\n{}", driver.log_tail()));
        let timeouts = TimeoutConfiguration::new(Some(SCRIPT_TIMEOUT), Some(PAGE_LOAD_TIMEOUT), None);
        client.update_timeouts(timeouts).await.unwrap_or_else(|error| panic!("cannot set WebDriver timeouts: {error}"));
        let session_id = match client.session_id().await {
            Ok(Some(id)) => id,
            other => panic!("WebDriver session has no id: {other:?}"),
        };
        Some(Self { client, test_name: test_name.into(), session_id: session_id.into(), driver: Arc::new(driver) })
    }

    /// Ends the session (Chromium quits); the driver stops when the last clone is dropped.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// The underlying WebDriver client, for anything the helpers here do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn test_name(&self) -> &str {
        &self.test_name
    }

    /// Sends a Chrome DevTools Protocol command to this browser.
    pub(super) async fn execute_cdp(
        &self,
        command: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        self.driver.execute_cdp(&self.session_id, command, params).await
    }

    /// Runs `script` in the page and returns its result, panicking if it throws.
    pub async fn execute_json(&self, script: &str) -> serde_json::Value {
        let result = self.client.execute(script, vec![]).await;
        self.expect("run a script", result).await
    }

    pub(super) async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let result = self.client.find(Locator::Css(css)).await;
        self.expect(&format!("find {css:?}"), result).await
    }

    /// Unwraps a WebDriver result, or panics naming the action and the page it failed on.
    pub(super) async fn expect<T>(&self, action: &str, result: Result<T, CmdError>) -> T {
        match result {
            Ok(value) => value,
            Err(error) => {
                let url = match self.client.current_url().await {
                    Ok(url) => url.to_string(),
                    Err(_) => "an unknown page".to_owned(),
                };
                panic!("browser: {action} failed on {url}: {error}");
            }
        }
    }
}

/// Any value of `CI` counts, as for the PostgreSQL tests (`rathaus-test-db`).
fn ci_requires_browser() -> bool {
    std::env::var_os("CI").is_some()
}
