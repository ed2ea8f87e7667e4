//! Dates in mail bodies, in the tenant's time zone and the reader's language.

use jiff::Zoned;
use rathaus_domain::Language;

/// A link's expiry for reading: `14.03.2025, 18:30 Uhr` or `14 March 2025, 18:30`.
pub(super) fn expiry(lang: Language, at: &Zoned) -> String {
    match lang {
        Language::De => at.strftime("%d.%m.%Y, %H:%M Uhr").to_string(),
        Language::En => at.strftime("%-d %B %Y, %H:%M").to_string(),
    }
}

/// The same instant for `<time datetime="…">`.
pub(super) fn iso(at: &Zoned) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_language() {
        let at: Zoned = "2025-03-04T18:30:00[Europe/Berlin]".parse().unwrap();
        assert_eq!(expiry(Language::De, &at), "04.03.2025, 18:30 Uhr");
        assert_eq!(expiry(Language::En, &at), "4 March 2025, 18:30");
        assert_eq!(iso(&at), "2025-03-04T18:30:00+01:00");
    }
}
