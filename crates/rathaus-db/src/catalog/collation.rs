//! German alphabetical order for lists citizens read (the A–Z page).
//!
//! Sorting happens in Rust, not in the database: SQLite's default collation is by byte and
//! PostgreSQL's depends on the server's locale, so `ORDER BY name` would differ between the
//! engines. The key follows DIN 5007-1 (dictionary order): umlauts sort as their base letter
//! (Ä = A), ß as ss, case and accents are ignored; ties fall back to the exact text.

use std::cmp::Ordering;

/// The primary sort key of `text`: lower case, umlauts and accents folded, ß → ss.
pub fn german_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => key.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' => key.push('o'),
            'ü' | 'ù' | 'ú' | 'û' => key.push('u'),
            'é' | 'è' | 'ê' | 'ë' => key.push('e'),
            'í' | 'ì' | 'î' | 'ï' => key.push('i'),
            'ç' => key.push('c'),
            'ñ' => key.push('n'),
            'ß' => key.push_str("ss"),
            other => key.push(other),
        }
    }
    key
}

/// Compares two texts in German dictionary order.
pub fn german_cmp(a: &str, b: &str) -> Ordering {
    german_key(a).cmp(&german_key(b)).then_with(|| a.cmp(b))
}

/// Sorts `items` by the German text `name` gives for each.
pub fn sort_german<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| (german_key(name(item)), name(item).to_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_sort_as_their_base_letter() {
        let mut names =
            vec!["Zulassung", "Übergabe", "Abmeldung", "Änderung", "Ausweis", "Öffnung", "Ordnung", "Straße"];
        sort_german(&mut names, |s| s);
        assert_eq!(
            names,
            ["Abmeldung", "Änderung", "Ausweis", "Öffnung", "Ordnung", "Straße", "Übergabe", "Zulassung"]
        );
        assert_eq!(german_key("Fußgängerzone"), "fussgangerzone");
        assert_eq!(german_cmp("Ärger", "Arm"), Ordering::Less, "Ä is A (DIN 5007-1), not after Z");
    }
}
