//! Compound splitting against the catalogue's vocabulary: "Wohnsitzanmeldung" → `wohnsitz`
//! + `anmeldung`, "Hundesteueranmeldung" → `hundesteur` + `anmeldung` (after folding).
//!
//! A dynamic programme finds the decomposition into the fewest known parts (then the fewest
//! linking morphemes). Parts are at least three letters; a non-final part may carry a
//! linking morpheme (`-s-`, `-es-`, `-n-`, `-en-`, `-e-`, `-er-`) which is dropped. Whether a
//! part is known is the caller's decision (`known(part, is_final)`), so the final part may
//! be matched by its stem ("…anmeldungen").

const LINKS: [&str; 6] = ["s", "es", "n", "en", "e", "er"];
const MIN_PART: usize = 3;
const MAX_PARTS: usize = 4;

/// The parts of `word` (two or more), or `None` if it is not a compound of known parts.
/// Only ASCII words (after folding) are split.
pub fn split_compound(word: &str, known: impl Fn(&str, bool) -> bool) -> Option<Vec<String>> {
    if !word.is_ascii() || word.len() < 2 * MIN_PART {
        return None;
    }
    let n = word.len();
    // best[i]: cheapest decomposition of word[..i] as (parts, links, start of last part,
    // end of last part's text without its link).
    let mut best: Vec<Option<(usize, usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0, 0));
    for end in MIN_PART..=n {
        let is_final = end == n;
        for start in 0..=end - MIN_PART {
            let Some((parts, links, _, _)) = best[start] else { continue };
            if parts >= MAX_PARTS {
                continue;
            }
            let piece = &word[start..end];
            let mut candidate = None;
            if known(piece, is_final) {
                candidate = Some((parts + 1, links, start, end));
            } else if !is_final {
                for link in LINKS {
                    if let Some(base) = piece.strip_suffix(link)
                        && base.len() >= MIN_PART
                        && known(base, false)
                    {
                        candidate = Some((parts + 1, links + 1, start, start + base.len()));
                        break;
                    }
                }
            }
            if let Some(c) = candidate
                && best[end].is_none_or(|b| (c.0, c.1) < (b.0, b.1))
            {
                best[end] = Some(c);
            }
        }
    }
    let (parts, ..) = best[n]?;
    if parts < 2 {
        return None;
    }
    let mut result = Vec::with_capacity(parts);
    let mut end = n;
    while end > 0 {
        let (_, _, start, text_end) = best[end]?;
        result.push(word[start..text_end].to_owned());
        end = start;
    }
    result.reverse();
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> impl Fn(&str, bool) -> bool {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        move |part: &str, _| words.iter().any(|w| w == part)
    }

    #[test]
    fn splits_into_fewest_known_parts() {
        let known =
            vocab(&["wohnsitz", "anmeldung", "hund", "hundesteur", "steur", "reisepass", "reise", "pass", "antrag"]);
        assert_eq!(split_compound("wohnsitzanmeldung", &known).unwrap(), ["wohnsitz", "anmeldung"]);
        assert_eq!(split_compound("hundesteuranmeldung", &known).unwrap(), ["hundesteur", "anmeldung"]);
        assert_eq!(split_compound("reisepassantrag", &known).unwrap(), ["reisepass", "antrag"]);
    }

    #[test]
    fn drops_linking_morphemes() {
        let known = vocab(&["personalausweis", "verlust", "aufenthalt", "titel", "hund", "steur"]);
        assert_eq!(split_compound("personalausweisverlust", &known).unwrap(), ["personalausweis", "verlust"]);
        assert_eq!(split_compound("aufenthaltstitel", &known).unwrap(), ["aufenthalt", "titel"]);
        assert_eq!(split_compound("hundesteur", &known).unwrap(), ["hund", "steur"]);
    }

    #[test]
    fn unknown_or_single_words_are_not_split() {
        let known = vocab(&["melden", "anmeldung"]);
        assert_eq!(split_compound("anmeldung", &known), None);
        assert_eq!(split_compound("asdfghjkl", &known), None);
        // prefixes are shorter than a part: "ab" + "meldung" is no split
        let known = vocab(&["meldung"]);
        assert_eq!(split_compound("abmeldung", &known), None);
    }
}
