//! PNG screenshots under `<workspace>/test-artifacts/screenshots/`, taken on demand and
//! whenever a browser test fails.

use std::path::PathBuf;

use super::Browser;

impl Browser {
    /// Saves a PNG of the viewport as `test-artifacts/screenshots/<name>.png` in the
    /// workspace and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let result = self.client().screenshot().await;
        let png = self.expect(&format!("take screenshot {name:?}"), result).await;
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-artifacts/screenshots"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
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
}

/// Keeps letters, digits, `-` and `_`; everything else becomes `-`.
pub(super) fn file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() { "page".to_owned() } else { trimmed.to_owned() }
}
