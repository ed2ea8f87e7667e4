//! How many parts an SMS text is sent as, and billed for.
//!
//! A text that fits the GSM 03.38 alphabet (which has the German umlauts and `ß`) is sent
//! in 7-bit septets: 160 per single SMS, 153 per part of a longer one (the rest holds the
//! header that joins the parts). Characters of the extension table (`€`, `[`, `{`, `|`, …)
//! take two septets. Any other character (`é` is in the alphabet, `ç` only upper-case,
//! emoji not at all) switches the whole text to UCS-2: 70 UTF-16 units per single SMS, 67
//! per part. A two-septet or surrogate-pair character is never split across parts.

/// The GSM 03.38 default alphabet (the escape code 0x1B is not a character).
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                          ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The GSM 03.38 extension table: each character costs two septets.
const GSM7_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// The number of SMS parts `text` is sent as (at least 1, also for an empty text).
pub fn segments(text: &str) -> u32 {
    match gsm7_septets(text) {
        Some(units) => count(&units, 160, 153),
        None => {
            let units: Vec<u32> = text.chars().map(|c| c.len_utf16() as u32).collect();
            count(&units, 70, 67)
        }
    }
}

/// The septets of each character, or `None` if a character is outside the GSM alphabet.
fn gsm7_septets(text: &str) -> Option<Vec<u32>> {
    text.chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .collect()
}

/// Parts needed for characters of the given sizes: one part if all fit into `single`,
/// else parts of `part` units, filled without splitting a character.
fn count(units: &[u32], single: u32, part: u32) -> u32 {
    if units.iter().sum::<u32>() <= single {
        return 1;
    }
    let (mut parts, mut used) = (1, 0);
    for &u in units {
        if used + u > part {
            parts += 1;
            used = 0;
        }
        used += u;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_complete() {
        assert_eq!(GSM7_BASIC.chars().count(), 127);
        assert_eq!(GSM7_EXTENSION.chars().count(), 10);
    }

    #[test]
    fn gsm_texts_fit_160_then_153_per_part() {
        assert_eq!(segments(""), 1);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"a".repeat(306)), 2);
        assert_eq!(segments(&"a".repeat(307)), 3);
    }

    #[test]
    fn german_letters_stay_in_the_gsm_alphabet() {
        let text = "Ihr Termin im Bürgerbüro Musterstraße: Mo, 03.03., 09:30 Uhr. Änderungen: 0123/456-789";
        assert_eq!(gsm7_septets(text).map(|s| s.len()), Some(text.chars().count()));
        assert_eq!(segments(&"ä".repeat(160)), 1);
    }

    #[test]
    fn extension_characters_take_two_septets_and_are_not_split() {
        assert_eq!(segments(&"€".repeat(80)), 1);
        assert_eq!(segments(&"€".repeat(81)), 2);
        // 152 septets, then a two-septet character that no longer fits the first part.
        assert_eq!(segments(&format!("{}€{}", "a".repeat(152), "a".repeat(152))), 3);
    }

    #[test]
    fn other_characters_switch_to_ucs2() {
        assert_eq!(segments(&"ç".repeat(70)), 1);
        assert_eq!(segments(&format!("{}ç", "a".repeat(69))), 1);
        assert_eq!(segments(&format!("{}ç", "a".repeat(70))), 2);
        assert_eq!(segments(&"ç".repeat(134)), 2);
        assert_eq!(segments(&"ç".repeat(135)), 3);
        // An emoji is a surrogate pair: two units, never split.
        assert_eq!(segments(&"🙂".repeat(35)), 1);
        assert_eq!(segments(&format!("{}🙂{}", "a".repeat(66), "a".repeat(66))), 3);
    }
}
