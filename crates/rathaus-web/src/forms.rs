//! Form errors, shown GOV.UK-style: an error summary at the top that links to each field,
//! and the message again at the field itself (with `aria-invalid` and
//! `aria-describedby`). Messages are translation keys resolved for the page's language.

use crate::i18n::Tr;
use rathaus_domain::Invalid;

#[derive(Debug, Clone)]
pub struct FieldError {
    /// The `id` of the input, which the summary links to.
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    pub items: Vec<FieldError>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: String) {
        self.items.push(FieldError { field: field.to_owned(), message });
    }

    /// Records the translated message of a domain validation error.
    pub fn invalid(&mut self, tr: Tr, field: &str, err: &Invalid) {
        self.add(field, tr.t(&format!("invalid-{}", err.code)));
    }

    /// Parses a value, recording a field error when it is invalid.
    pub fn check<T>(&mut self, tr: Tr, field: &str, parsed: Result<T, Invalid>) -> Option<T> {
        parsed.map_err(|e| self.invalid(tr, field, &e)).ok()
    }

    /// Requires a non-empty text (trimmed), else records `invalid-required`.
    pub fn required(&mut self, tr: Tr, field: &str, value: &str) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            self.add(field, tr.t("invalid-required"));
            None
        } else {
            Some(v.to_owned())
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for one field, for templates: `errors.for_field("email")`.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.items.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}
