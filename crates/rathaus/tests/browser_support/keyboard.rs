//! Keyboard use as a person without a mouse would: keys go to whatever has focus.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

use super::Browser;

impl Browser {
    /// Presses and releases one key, e.g. `Key::Tab` or `Key::Enter`, on the focused element.
    pub async fn press(&self, key: Key) {
        self.press_with(&[], key).await;
    }

    /// Holds `modifiers` (e.g. `&[Key::Shift]`) while pressing `key`, which may be a special
    /// key or a letter: `b.press_with(&[Key::Shift], Key::Tab)`, `b.press_with(&[Key::Control], 'a')`.
    pub async fn press_with(&self, modifiers: &[Key], key: impl Into<char>) {
        let key = key.into();
        let mut actions = KeyActions::new("keyboard".to_owned());
        for &modifier in modifiers {
            actions = actions.then(KeyAction::Down { value: modifier.into() });
        }
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        for &modifier in modifiers.iter().rev() {
            actions = actions.then(KeyAction::Up { value: modifier.into() });
        }
        let result = self.client().perform_actions(actions).await;
        self.expect(&format!("press {key:?}"), result).await;
    }

    /// Types `text` key by key into the focused element.
    pub async fn type_text(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for c in text.chars() {
            actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        let result = self.client().perform_actions(actions).await;
        self.expect(&format!("type {text:?}"), result).await;
    }

    /// The rendered text of the focused element (empty for a form field; see
    /// [`Browser::focused_element_matches`] to tell which field has focus).
    pub async fn focused_element_text(&self) -> String {
        let element = self.client().active_element().await;
        let element = self.expect("find the focused element", element).await;
        let text = element.text().await;
        self.expect("read the text of the focused element", text).await
    }

    /// Whether the focused element matches `css`, e.g. `"#email"` or `"a[href='/termine']"`.
    pub async fn focused_element_matches(&self, css: &str) -> bool {
        const SCRIPT: &str = "return document.activeElement !== null && document.activeElement.matches(arguments[0]);";
        let result = self.client().execute(SCRIPT, vec![json!(css)]).await;
        let action = format!("match the focused element against {css:?}");
        self.expect(&action, result).await.as_bool().unwrap_or(false)
    }
}
