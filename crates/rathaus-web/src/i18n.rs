//! Translations. Every UI string lives in `locales/<lang>/*.ftl` (Fluent). German is the
//! fallback; a test checks that both languages define the same keys.

use fluent_templates::{Loader, fluent_bundle::FluentValue};
use rathaus_domain::Language;
use std::{borrow::Cow, collections::HashMap};
use unic_langid::{LanguageIdentifier, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        // No Unicode isolation marks: they would end up in HTML attributes and e-mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DE: LanguageIdentifier = langid!("de");
static EN: LanguageIdentifier = langid!("en");

/// A translator for one language, handed to templates as `page.tr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub Language);

impl Tr {
    fn id(self) -> &'static LanguageIdentifier {
        match self.0 {
            Language::De => &DE,
            Language::En => &EN,
        }
    }

    /// The message for `key`; a missing key shows itself, so it is noticed, not hidden.
    pub fn t(&self, key: &str) -> String {
        LOCALES.try_lookup(self.id(), key).unwrap_or_else(|| key.to_owned())
    }

    /// The message for `key` with named arguments.
    pub fn t_with(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }

    pub fn lang(&self) -> Language {
        self.0
    }
}

/// Name of the cookie that remembers a chosen language.
pub const LANG_COOKIE: &str = "__Host-rathaus_lang";

/// Chooses the language of a request: an explicit choice (cookie), else the browser's
/// `Accept-Language`, else German; always one the tenant has enabled.
pub async fn choose_language(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let enabled = req
        .extensions()
        .get::<crate::tenancy::CurrentTenant>()
        .map(|t| t.language_list())
        .unwrap_or_else(|| vec![Language::De]);
    let headers = req.headers();
    let chosen = crate::csrf::cookie(headers, LANG_COOKIE)
        .and_then(|c| Language::parse(c).ok())
        .filter(|l| enabled.contains(l))
        .or_else(|| {
            let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            Language::negotiate(accept, &enabled)
        })
        .unwrap_or(Language::De);
    req.extensions_mut().insert(Tr(chosen));
    next.run(req).await
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Tr>().copied().unwrap_or(Tr(Language::De)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let is_key = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                if let (true, Some((key, _))) = (is_key, line.split_once(" =")) {
                    assert!(keys.insert(key.trim().to_owned()), "duplicate key {key} in {lang}");
                }
            }
        }
        keys
    }

    #[test]
    fn both_languages_define_the_same_keys() {
        let de = keys("de");
        let en = keys("en");
        assert!(de.len() > 20);
        assert_eq!(de.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in English");
        assert_eq!(en.difference(&de).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in German");
    }

    #[test]
    fn looks_up_with_arguments() {
        let de = Tr(Language::De);
        assert_eq!(de.t("skip-to-content"), "Zum Inhalt springen");
        assert_eq!(Tr(Language::En).t("skip-to-content"), "Skip to content");
        assert!(de.t_with("signed-in-as", &[("name", "Anna".into())]).contains("Anna"));
        assert_eq!(de.t("no-such-key"), "no-such-key");
    }
}
