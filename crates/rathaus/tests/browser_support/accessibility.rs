//! Accessibility audits with the vendored axe-core (`tests/assets/axe.min.js`), limited to
//! the WCAG 2.0/2.1 level A and AA rules that BITV 2.0 requires.
//!
//! axe is injected through WebDriver's script execution, which the page's
//! Content-Security-Policy does not govern, so pages keep their strict production CSP.

use std::fmt::Write as _;

use serde::Deserialize;

use super::Browser;
use super::screenshots::file_name;

const AXE_SOURCE: &str = include_str!("../assets/axe.min.js");

const RUN_AXE: &str = "const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                        resultTypes: ['violations'] })
      .then(results => done({ violations: results.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map(n => ({
              target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
              html: n.html })) })) }))
      .catch(error => done({ error: String(error) }));";

/// One failed axe rule and the elements that fail it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<ViolationNode>,
}

#[derive(Debug, Deserialize)]
pub struct ViolationNode {
    /// CSS selectors leading to the element (`>>>` crosses into a frame or shadow root).
    pub target: Vec<String>,
    pub html: String,
}

#[derive(Deserialize)]
struct AxeOutcome {
    violations: Option<Vec<Violation>>,
    error: Option<String>,
}

impl Browser {
    /// Navigates to `url`, waits for the page to load and audits it. On any violation it
    /// saves a screenshot named after the test and the page, then panics with the list.
    pub async fn visit(&self, url: &str) {
        self.goto(url).await;
        if let Err(report) = self.check_accessibility().await {
            let page = url.split_once("://").map_or(url, |(_, rest)| rest);
            let page = page.split_once('/').map_or("", |(_, path)| path);
            let page = if page.is_empty() { "index" } else { page };
            let name = format!("{}-{}", self.test_name(), file_name(page));
            self.try_screenshot(&name).await;
            panic!("{report}");
        }
    }

    /// Audits the current page; `Err` lists every violation with its elements.
    pub async fn check_accessibility(&self) -> Result<(), String> {
        let violations = self.accessibility_violations().await?;
        if violations.is_empty() {
            return Ok(());
        }
        let url = self.current_url().await;
        Err(describe(&url, &violations))
    }

    /// Runs axe on the current page and returns what it found.
    pub async fn accessibility_violations(&self) -> Result<Vec<Violation>, String> {
        self.inject_axe().await?;
        let outcome =
            self.client().execute_async(RUN_AXE, vec![]).await.map_err(|e| format!("running axe failed: {e}"))?;
        let outcome: AxeOutcome =
            serde_json::from_value(outcome).map_err(|e| format!("unexpected result from axe: {e}"))?;
        match (outcome.violations, outcome.error) {
            (_, Some(error)) => Err(format!("axe failed: {error}")),
            (Some(violations), None) => Ok(violations),
            (None, None) => Err("axe returned neither violations nor an error".to_owned()),
        }
    }

    async fn inject_axe(&self) -> Result<(), String> {
        let client = self.client();
        let present = client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .map_err(|e| format!("cannot check for axe: {e}"))?;
        if present.as_bool() == Some(true) {
            return Ok(());
        }
        let script = format!("{AXE_SOURCE}\n;return typeof window.axe === 'object';");
        let injected = client.execute(&script, vec![]).await.map_err(|e| format!("cannot inject axe: {e}"))?;
        match injected.as_bool() {
            Some(true) => Ok(()),
            _ => Err("axe did not load into the page".to_owned()),
        }
    }
}

fn describe(url: &str, violations: &[Violation]) -> String {
    let mut report = format!("{} accessibility violation(s) on {url}:", violations.len());
    for violation in violations {
        let impact = violation.impact.as_deref().unwrap_or("unknown impact");
        let _ = write!(report, "\n- {} ({impact}): {} <{}>", violation.id, violation.help, violation.help_url);
        for node in &violation.nodes {
            let _ = write!(report, "\n    {}  {}", node.target.join(", "), node.html);
        }
    }
    report
}
