//! Form values of the catalogue forms ↔ catalogue values (pure): multi-line lists, optional
//! bilingual texts, numbers, coordinates and dates as people type them.

use jiff::civil::Date;
use rathaus_catalog::model::{Text, TextList};

/// A submitted form as its pairs, for lookups by name.
pub(super) struct Pairs<'a>(pub &'a [(String, String)]);

impl Pairs<'_> {
    /// The first value of `name`, or empty.
    pub(super) fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of a repeated field (checkboxes).
    pub(super) fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }

    /// Whether a checkbox was ticked.
    pub(super) fn ticked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

/// Browsers send `\r\n` from text areas; the catalogue keeps `\n`. Trimmed.
pub(super) fn clean(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned()
}

/// One entry per non-blank line, trimmed.
pub(super) fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

pub(super) fn join_lines(list: &[String]) -> String {
    list.join("\n")
}

pub(super) fn text(de: &str, en: &str) -> Text {
    Text::new(clean(de), clean(en))
}

/// `None` when both languages are blank (the catalogue then omits the field).
pub(super) fn optional_text(de: &str, en: &str) -> Option<Text> {
    let t = text(de, en);
    (!t.de.is_empty() || !t.en.is_empty()).then_some(t)
}

pub(super) fn text_list(de: &str, en: &str) -> TextList {
    TextList { de: lines(de), en: lines(en) }
}

/// A trimmed value, `None` when blank.
pub(super) fn optional(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// A whole number; `None` when blank, `Some(Err)` when not a number of this type.
pub(super) fn number<T: std::str::FromStr>(value: &str) -> Option<Result<T, ()>> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.parse().map_err(|_| ()))
}

/// Degrees as decimal numbers with a point or a comma (`51,2562`); `None` when blank.
pub(super) fn degrees(value: &str) -> Option<Result<f64, ()>> {
    let v = value.trim().replace(',', ".");
    let ok = |d: &f64| d.is_finite();
    (!v.is_empty()).then(|| v.parse::<f64>().ok().filter(ok).ok_or(()))
}

/// A date as `2026-12-24` (what `<input type="date">` sends) or `24.12.2026`.
pub(super) fn date(value: &str) -> Option<Date> {
    let v = value.trim();
    if let Ok(d) = v.parse::<Date>() {
        return Some(d);
    }
    let mut parts = v.split('.').map(|p| p.trim().parse::<i16>().ok());
    match (parts.next()??, parts.next()??, parts.next()??, parts.next()) {
        (day, month, year, None) if year >= 1000 => {
            Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_one_entry_per_line() {
        assert_eq!(lines(" Perso \r\n\r\nAusweis\n  "), ["Perso", "Ausweis"]);
        assert_eq!(join_lines(&lines("a\nb")), "a\nb");
        assert_eq!(clean("Absatz eins\r\n\r\nAbsatz zwei\r\n"), "Absatz eins\n\nAbsatz zwei");
    }

    #[test]
    fn optional_texts_and_values() {
        assert_eq!(optional_text(" ", ""), None);
        assert_eq!(optional_text("Rampe", ""), Some(Text::new("Rampe", "")));
        assert_eq!(optional("  "), None);
        assert_eq!(number::<u16>(" 15 "), Some(Ok(15)));
        assert_eq!(number::<u16>("-1"), Some(Err(())));
        assert_eq!(number::<u16>(""), None);
    }

    #[test]
    fn reads_degrees_with_comma_or_point() {
        assert_eq!(degrees("51,2562"), Some(Ok(51.2562)));
        assert_eq!(degrees("7.1508"), Some(Ok(7.1508)));
        assert_eq!(degrees("Nord"), Some(Err(())));
        assert_eq!(degrees("NaN"), Some(Err(())));
        assert_eq!(degrees(""), None);
    }

    #[test]
    fn reads_iso_and_german_dates() {
        let christmas = Date::new(2026, 12, 24).unwrap();
        assert_eq!(date("2026-12-24"), Some(christmas));
        assert_eq!(date("24.12.2026"), Some(christmas));
        assert_eq!(date(" 4.1.2027 "), Some(Date::new(2027, 1, 4).unwrap()));
        for bad in ["", "31.02.2026", "24.12.26", "2026-13-01", "morgen", "1.2.3.4"] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
