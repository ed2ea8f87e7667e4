//! Catalogue validation: every problem an administrator has to fix, each with the path of
//! the offending value (`services[3].leika`) and the key of the item it belongs to.
//!
//! Rules: keys and slugs are unique and well-formed; references (department, topic, the
//! services of places) exist; LeiKa keys match `^99\d{12}$`; every citizen-facing text exists
//! in German and English; counter time is 1..=480 minutes and persons per appointment
//! 1..=20; fees are exactly one of fixed/range/rule with min ≤ max; opening hours are
//! `HH:MM-HH:MM` without overlaps; coordinates are on earth; channels and places agree (a
//! service offered at a counter is listed by a location, and vice versa). A draft service
//! needs only its German name: texts, keywords and channels are required once it is
//! published (`draft: false`).

mod places;
mod services;

use crate::model::{Catalog, FORMAT, Text, TextList};
use rathaus_domain::Slug;
use std::collections::HashSet;
use std::fmt;

/// One thing to fix in a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `services[3].leika`, `locations[0].opening_hours.weekly.tue[1]`.
    pub path: String,
    /// The key or slug of the enclosing item, when it has one.
    pub item: Option<String>,
    /// Stable machine code, e.g. `missing-text`, `unknown-reference`.
    pub code: &'static str,
    /// Human explanation (English).
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{} ({item}): {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl Catalog {
    /// Lists every problem; an empty list means the catalogue can be published.
    pub fn validate(&self) -> Vec<Problem> {
        let mut c = Checker::default();
        if self.format != FORMAT {
            c.item = None;
            c.push("format", "unsupported-format", format!("must be {FORMAT:?}"));
        }
        let mut keys = HashSet::new();
        for (i, d) in self.departments.iter().enumerate() {
            let p = format!("departments[{i}]");
            c.item = Some(d.key.clone());
            c.key(&format!("{p}.key"), &d.key, &mut keys, "department");
            c.text(&format!("{p}.name"), &d.name);
            if let Some(email) = &d.email {
                c.email(&format!("{p}.email"), email);
            }
            if let Some(phone) = &d.phone {
                c.phone(&format!("{p}.phone"), phone);
            }
        }
        let mut keys = HashSet::new();
        for (i, t) in self.topics.iter().enumerate() {
            c.item = Some(t.key.clone());
            c.key(&format!("topics[{i}].key"), &t.key, &mut keys, "topic");
            c.text(&format!("topics[{i}].name"), &t.name);
        }
        services::check(self, &mut c);
        places::check(self, &mut c);
        c.problems
    }
}

/// Collects problems; `item` is the key of the item being checked.
#[derive(Default)]
pub(crate) struct Checker {
    problems: Vec<Problem>,
    item: Option<String>,
}

impl Checker {
    fn push(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            item: self.item.clone().filter(|i| !i.is_empty()),
            code,
            message: message.into(),
        });
    }

    /// A well-formed key that has not been seen before in `seen`.
    fn key(&mut self, path: &str, key: &str, seen: &mut HashSet<String>, what: &str) {
        if Slug::parse(key).is_err() || key != key.trim() {
            self.push(
                path,
                "invalid-key",
                format!("{what} key {key:?} must be 2-64 lower-case letters, digits and single hyphens"),
            );
        }
        if !seen.insert(key.to_owned()) {
            self.push(path, "duplicate-key", format!("{what} key {key:?} is used more than once"));
        }
    }

    /// Both languages present and non-blank.
    fn text(&mut self, path: &str, text: &Text) {
        if text.de.trim().is_empty() {
            self.push(&format!("{path}.de"), "missing-text", "German text is missing");
        }
        if text.en.trim().is_empty() {
            self.push(&format!("{path}.en"), "missing-text", "English text is missing");
        }
    }

    /// Both languages have entries (when `required`), no blank or duplicate entries, and –
    /// for translated lists – the same number of entries.
    fn list(&mut self, path: &str, list: &TextList, required: bool, translated: bool) {
        for (lang, entries) in [("de", &list.de), ("en", &list.en)] {
            if required && entries.is_empty() {
                let name = if lang == "de" { "German" } else { "English" };
                self.push(&format!("{path}.{lang}"), "missing-text", format!("{name} list is empty"));
            }
            let mut seen = HashSet::new();
            for (i, e) in entries.iter().enumerate() {
                if e.trim().is_empty() {
                    self.push(&format!("{path}.{lang}[{i}]"), "empty-entry", "entry is blank");
                } else if !seen.insert(e.trim().to_lowercase()) {
                    self.push(&format!("{path}.{lang}[{i}]"), "duplicate-entry", format!("{e:?} is listed twice"));
                }
            }
        }
        // An absent English list is fine (pages fall back to German); a present one must
        // translate entry by entry.
        if translated && !list.en.is_empty() && list.de.len() != list.en.len() {
            self.push(
                path,
                "translation-mismatch",
                format!("German has {} entries but English has {}", list.de.len(), list.en.len()),
            );
        }
    }

    fn email(&mut self, path: &str, email: &str) {
        if rathaus_domain::Email::parse(email).is_err() {
            self.push(path, "invalid-email", format!("{email:?} is not an e-mail address"));
        }
    }

    fn phone(&mut self, path: &str, phone: &str) {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-/()".contains(c));
        if !allowed || !(5..=20).contains(&digits) {
            self.push(path, "invalid-phone", format!("{phone:?} is not a phone number"));
        }
    }
}
