//! Separable verbs: German splits "anmelden" into "ich melde mich … an" and builds the
//! participle "angemeldet" and the infinitive "anzumelden". These forms are joined back so
//! that the prefix that tells services apart (an-/ab-/um-) is not lost with the stop word.

use super::fold::Token;

/// Separable particles, folded (`zurück` → `zuruck`).
pub const PARTICLES: [&str; 8] = ["an", "ab", "um", "aus", "ein", "zu", "zuruck", "weg"];

/// For each token, the extra (joined) forms it stands for:
/// - a particle at the end of a clause joins every content word of that clause before it
///   ("melde mich bitte an" → `anmelde`);
/// - a particle directly before a content word joins it ("an melden" → `anmelden`);
/// - a participle or zu-infinitive loses its infix ("abgemeldet" → `abmeldet`, `abmelden`;
///   "abzuholen" → `abholen`).
pub fn joined_forms(tokens: &[Token], is_stop: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut joined: Vec<Vec<String>> = tokens.iter().map(|t| inner_forms(&t.text)).collect();
    let is_particle = |t: &Token| PARTICLES.contains(&t.text.as_str());
    for (k, token) in tokens.iter().enumerate() {
        if !is_particle(token) {
            continue;
        }
        let clause_ends = tokens.get(k + 1).is_none_or(|next| next.after_boundary);
        if clause_ends {
            let start = (0..=k).rev().find(|&i| tokens[i].after_boundary).unwrap_or(0);
            for i in start..k {
                let word = &tokens[i];
                if !is_stop(&word.text) && !is_particle(word) {
                    joined[i].push(format!("{}{}", token.text, word.text));
                }
            }
        } else if let Some(next) = tokens.get(k + 1)
            && !is_stop(&next.text)
            && !is_particle(next)
        {
            joined[k + 1].push(format!("{}{}", token.text, next.text));
        }
    }
    joined
}

/// `abgemeldet` → `abmeldet`, `abmelden`; `anzumelden` → `anmelden`.
fn inner_forms(word: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for particle in PARTICLES {
        let Some(rest) = word.strip_prefix(particle) else { continue };
        if let Some(stem) = rest.strip_prefix("ge").filter(|s| s.len() >= 3) {
            forms.push(format!("{particle}{stem}"));
            if let Some(base) = stem.strip_suffix("et").or_else(|| stem.strip_suffix('t')) {
                forms.push(format!("{particle}{base}en"));
            }
        } else if let Some(stem) = rest.strip_prefix("zu").filter(|s| s.len() >= 4) {
            forms.push(format!("{particle}{stem}"));
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fold::tokenize;

    fn forms(text: &str) -> Vec<String> {
        let stop = ["ich", "mich", "mein", "bitte", "an", "ab", "um", "wo", "kann"];
        joined_forms(&tokenize(text), |w| stop.contains(&w)).into_iter().flatten().collect()
    }

    #[test]
    fn clause_final_particle_joins_the_verb() {
        assert!(forms("ich melde mich bitte an").contains(&"anmelde".to_owned()));
        assert!(forms("ich melde mein Auto ab, wie geht das").contains(&"abmelde".to_owned()));
        assert!(!forms("ich melde mein Auto ab, wie geht das").contains(&"abwie".to_owned()));
    }

    #[test]
    fn particle_before_word_joins_it() {
        assert_eq!(forms("wo kann ich an melden"), ["anmelden"]);
    }

    #[test]
    fn participles_and_zu_infinitives_lose_their_infix() {
        assert_eq!(forms("abgemeldet"), ["abmeldet", "abmelden"]);
        assert_eq!(forms("umgemeldet"), ["ummeldet", "ummelden"]);
        assert_eq!(forms("anzumelden"), ["anmelden"]);
        assert!(forms("abgelaufen").contains(&"ablaufen".to_owned()));
    }
}
