//! What a person does on a page: navigate, fill in, click, submit, read, resize.

use fantoccini::Locator;
use serde_json::json;

use super::Browser;

impl Browser {
    /// Navigates to `url` and waits until the page has loaded.
    pub async fn goto(&self, url: &str) {
        let result = self.client().goto(url).await;
        self.expect(&format!("goto {url}"), result).await;
        self.wait_for_load().await;
    }

    /// Waits for the page's `load` event (at once if `document.readyState` is `complete`).
    pub async fn wait_for_load(&self) {
        const SCRIPT: &str = "const done = arguments[arguments.length - 1];
            if (document.readyState === 'complete') { done(); }
            else { window.addEventListener('load', () => done(), { once: true }); }";
        let result = self.client().execute_async(SCRIPT, vec![]).await;
        self.expect("wait for the page to load", result).await;
    }

    pub async fn current_url(&self) -> String {
        let result = self.client().current_url().await;
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

    /// Clicks the element; if that starts a navigation, waits for the new page.
    pub async fn click(&self, css: &str) {
        self.mark_document().await;
        let result = self.find(css).await.click().await;
        self.expect(&format!("click {css:?}"), result).await;
        // Not every click navigates (a radio button does not): give it a moment to start.
        self.wait_for_new_document(std::time::Duration::from_millis(1500)).await;
        self.wait_for_load().await;
    }

    /// Marks the current document, so that a new one can be told apart from it (the old
    /// one is `complete` too, until the browser replaces it).
    async fn mark_document(&self) {
        let result = self.client().execute("window.__rathausMark = true;", vec![]).await;
        self.expect("mark the document", result).await;
    }

    /// Waits until a document without the mark has loaded; false if none came in `limit`.
    async fn wait_for_new_document(&self, limit: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        const PROBE: &str = "return window.__rathausMark === true ? 'old' : document.readyState;";
        while tokio::time::Instant::now() < deadline {
            // While the browser switches documents a script may fail: just probe again.
            if let Ok(state) = self.client().execute(PROBE, vec![]).await
                && state == "complete"
            {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        false
    }

    /// Submits the form matching `form_css` by clicking its first submit button, as a
    /// person would, and waits for the resulting page.
    pub async fn submit(&self, form_css: &str) {
        let form = self.client().form(Locator::Css(form_css)).await;
        let form = self.expect(&format!("find form {form_css:?}"), form).await;
        let button = Locator::Css("button:not([type]),button[type=submit],input[type=submit]");
        self.mark_document().await;
        let result = form.submit_with(button).await;
        self.expect(&format!("submit {form_css:?}"), result).await;
        if !self.wait_for_new_document(std::time::Duration::from_secs(15)).await {
            panic!("submitting {form_css:?} did not load a new page within 15 s");
        }
    }

    /// The rendered text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let result = self.find(css).await.text().await;
        self.expect(&format!("read the text of {css:?}"), result).await
    }

    /// The current value of the form field matching `css`.
    pub async fn value(&self, css: &str) -> String {
        let result = self.find(css).await.prop("value").await;
        let value = self.expect(&format!("read the value of {css:?}"), result).await;
        value.unwrap_or_default()
    }

    pub async fn exists(&self, css: &str) -> bool {
        let result = self.client().find_all(Locator::Css(css)).await;
        !self.expect(&format!("look for {css:?}"), result).await.is_empty()
    }

    /// Makes the viewport `width` × `height` CSS pixels, e.g. 320 wide for the WCAG 1.4.10
    /// reflow check. Headless Chromium keeps windows at least 500 pixels wide, so this
    /// overrides the device metrics (a desktop browser, not mobile emulation) instead.
    pub async fn set_window_size(&self, width: u32, height: u32) {
        let params = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false
        });
        let result = self.execute_cdp("Emulation.setDeviceMetricsOverride", params).await;
        if let Err(error) = result {
            panic!("browser: resize to {width}x{height} failed: {error}");
        }
    }

    /// Whether the page is wider than the viewport, i.e. needs horizontal scrolling.
    pub async fn overflows_horizontally(&self) -> bool {
        let value = self.execute_json("return document.documentElement.scrollWidth > window.innerWidth;").await;
        value.as_bool().unwrap_or(false)
    }
}
