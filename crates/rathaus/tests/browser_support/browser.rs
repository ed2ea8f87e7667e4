//! `Browser`: one headless Chromium session and the page actions a test takes with it.

use std::path::PathBuf;
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
    /// Held only so that the driver (and its Chromium) lives as long as any clone.
    _driver: Arc<ChromeDriver>,
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
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({ "binary": installation.chromium, "args": args }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(driver.url())
            .await
            .unwrap_or_else(|error| {
                panic!("cannot start a Chromium session: {error}\n{}", driver.log_tail())
            });
        let timeouts =
            TimeoutConfiguration::new(Some(SCRIPT_TIMEOUT), Some(PAGE_LOAD_TIMEOUT), None);
        client
            .update_timeouts(timeouts)
            .await
            .unwrap_or_else(|error| panic!("cannot set WebDriver timeouts: {error}"));
        Some(Self {
            client,
            test_name: test_name.into(),
            _driver: Arc::new(driver),
        })
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

    /// Navigates to `url` and waits until the page has loaded.
    pub async fn goto(&self, url: &str) {
        let result = self.client.goto(url).await;
        self.expect(&format!("goto {url}"), result).await;
        self.wait_for_load().await;
    }

    /// Waits for the page's `load` event (at once if `document.readyState` is `complete`).
    pub async fn wait_for_load(&self) {
        const SCRIPT: &str = "const done = arguments[arguments.length - 1];
            if (document.readyState === 'complete') { done(); }
            else { window.addEventListener('load', () => done(), { once: true }); }";
        let result = self.client.execute_async(SCRIPT, vec![]).await;
        self.expect("wait for the page to load", result).await;
    }

    pub async fn current_url(&self) -> String {
        let result = self.client.current_url().await;
        self.expect("read the current URL", result).await.into()
    }

    /// Replaces the value of the field matching `css` with `text`, typed key by key.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        let result = field.clear().await;
        self.expect(&format!("clear {css:?}"), result).await;
        let result = field.send_keys(text).await;
        self.expect(&format!("type into {css:?}"), result).await;
    }

    pub async fn click(&self, css: &str) {
        let result = self.find(css).await.click().await;
        self.expect(&format!("click {css:?}"), result).await;
        self.wait_for_load().await;
    }

    /// Submits the form matching `form_css` by clicking its first submit button, as a
    /// person would, and waits for the resulting page.
    pub async fn submit(&self, form_css: &str) {
        let form = self.client.form(Locator::Css(form_css)).await;
        let form = self.expect(&format!("find form {form_css:?}"), form).await;
        let button = Locator::Css("button:not([type]),button[type=submit],input[type=submit]");
        let result = form.submit_with(button).await;
        self.expect(&format!("submit {form_css:?}"), result).await;
        self.wait_for_load().await;
    }

    /// The rendered text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let result = self.find(css).await.text().await;
        self.expect(&format!("read the text of {css:?}"), result).await
    }

    pub async fn exists(&self, css: &str) -> bool {
        let result = self.client.find_all(Locator::Css(css)).await;
        !self.expect(&format!("look for {css:?}"), result).await.is_empty()
    }

    /// Sets the viewport (not the outer window) to `width` × `height` CSS pixels, e.g.
    /// 320 wide for the WCAG reflow check on a phone.
    pub async fn set_window_size(&self, width: u32, height: u32) {
        let result = self.client.set_window_size(width, height).await;
        self.expect(&format!("resize to {width}x{height}"), result).await;
        // Headful windows have browser chrome around the viewport; add it on top.
        const CHROME_SIZE: &str = "return [window.outerWidth - window.innerWidth, \
                                           window.outerHeight - window.innerHeight];";
        let chrome = self.execute_json(CHROME_SIZE).await;
        if let Ok([dw, dh]) = serde_json::from_value::<[u32; 2]>(chrome)
            && (dw, dh) != (0, 0)
        {
            let result = self.client.set_window_size(width + dw, height + dh).await;
            self.expect(&format!("resize to {width}x{height}"), result).await;
        }
    }

    /// Whether the page is wider than the viewport, i.e. needs horizontal scrolling.
    pub async fn overflows_horizontally(&self) -> bool {
        let value = self
            .execute_json("return document.documentElement.scrollWidth > window.innerWidth;")
            .await;
        value.as_bool().unwrap_or(false)
    }

    /// Saves a PNG of the viewport as `test-artifacts/screenshots/<name>.png` in the
    /// workspace and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let result = self.client.screenshot().await;
        let png = self.expect(&format!("take screenshot {name:?}"), result).await;
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-artifacts/screenshots"));
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let path = dir.join(format!("{}.png", file_name(name)));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("screenshot saved: {}", path.display());
        path
    }

    /// Like [`Browser::screenshot`], but only reports failure: for use while already failing.
    pub(super) async fn try_screenshot(&self, name: &str) {
        let browser = self.clone();
        let name = name.to_owned();
        let taken = tokio::spawn(async move { browser.screenshot(&name).await }).await;
        if taken.is_err() {
            eprintln!("(could not save a failure screenshot)");
        }
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

/// `CI` counts as set unless it is empty, `0` or `false`.
fn ci_requires_browser() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// Keeps letters, digits, `-` and `_`; everything else becomes `-`.
pub(super) fn file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() { "page".to_owned() } else { trimmed.to_owned() }
}
