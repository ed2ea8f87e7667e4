//! The letter index of the A–Z page: items grouped under the initial of their name in German
//! dictionary order, so umlauts sort and file under their base letter (Ä under A, DIN 5007-1).

use rathaus_db::catalog::collation::{german_key, sort_german};

/// The items whose names start with one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterGroup<T> {
    /// `A` to `Z`, or `#` for names starting with anything else (digits, quotes).
    pub letter: char,
    pub items: Vec<T>,
}

impl<T> LetterGroup<T> {
    /// The fragment id of the group's heading.
    pub fn anchor(&self) -> String {
        match self.letter {
            '#' => "buchstabe-0".to_owned(),
            c => format!("buchstabe-{}", c.to_ascii_lowercase()),
        }
    }
}

/// The letter a name files under.
pub fn initial(name: &str) -> char {
    german_key(name.trim()).chars().next().filter(char::is_ascii_alphabetic).map_or('#', |c| c.to_ascii_uppercase())
}

/// Sorts `items` in German order of `name` and groups them by initial; only letters that
/// have items appear, in alphabetical order (`#` first).
pub fn group_by_letter<T>(mut items: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<LetterGroup<T>> {
    sort_german(&mut items, &name);
    let mut groups: Vec<LetterGroup<T>> = Vec::new();
    for item in items {
        let letter = initial(name(&item));
        match groups.iter_mut().find(|g| g.letter == letter) {
            Some(group) => group.items.push(item),
            None => groups.push(LetterGroup { letter, items: vec![item] }),
        }
    }
    groups.sort_by_key(|g| g.letter);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_file_under_their_base_letter() {
        let names = vec!["Übergabe", "Abmeldung", "Änderung", "Zulassung", "Ausweis", "Öffnung", "Ordnung", "2. Wahl"];
        let groups = group_by_letter(names, |s| s);
        let letters: Vec<char> = groups.iter().map(|g| g.letter).collect();
        assert_eq!(letters, ['#', 'A', 'O', 'U', 'Z'], "only letters with entries");
        assert_eq!(groups[1].items, ["Abmeldung", "Änderung", "Ausweis"]);
        assert_eq!(groups[2].items, ["Öffnung", "Ordnung"]);
        assert_eq!(groups[3].anchor(), "buchstabe-u");
        assert_eq!(groups[0].anchor(), "buchstabe-0");
        assert_eq!(initial("ärger"), 'A');
    }
}
