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

/// A day for reading: `Mittwoch, 4. November 2026` or `Wednesday, 4 November 2026`.
pub(super) fn day(lang: Language, at: &Zoned) -> String {
    match lang {
        Language::De => {
            let weekday = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
                [usize::from(at.weekday().to_monday_zero_offset().unsigned_abs())];
            let month = MONTHS_DE[usize::from(at.month().unsigned_abs()) - 1];
            format!("{weekday}, {}. {month} {}", at.day(), at.year())
        }
        Language::En => at.strftime("%A, %-d %B %Y").to_string(),
    }
}

/// A short day for SMS: `04.11.2026` or `4 Nov 2026`.
pub(super) fn day_short(lang: Language, at: &Zoned) -> String {
    match lang {
        Language::De => at.strftime("%d.%m.%Y").to_string(),
        Language::En => at.strftime("%-d %b %Y").to_string(),
    }
}

/// A time of day: `09:30`.
pub(super) fn time(_lang: Language, at: &Zoned) -> String {
    at.strftime("%H:%M").to_string()
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

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
        assert_eq!(day(Language::De, &at), "Dienstag, 4. März 2025");
        assert_eq!(day(Language::En, &at), "Tuesday, 4 March 2025");
        assert_eq!(day_short(Language::De, &at), "04.03.2025");
        assert_eq!(time(Language::De, &at), "18:30");
    }
}
