//! Typo tolerance: optimal-string-alignment (restricted Damerau-Levenshtein) distance ≤ 1
//! for words of 4–7 letters and ≤ 2 for longer ones, looked up in a SymSpell-style deletion
//! index built once with the [`Index`](crate::Index): every dictionary word is stored under
//! all its variants with up to that many letters deleted, a query word's own deletion
//! variants are looked up, and candidates are verified with the real distance. A lookup
//! costs a few dozen hash probes instead of a scan of the vocabulary. A correction must
//! keep the first letter (or swap the first two).

use std::collections::HashMap;

/// The edit budget for a word of `len` letters.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[derive(Debug, Clone, Default)]
pub struct TypoIndex {
    words: Vec<(String, u32)>,
    deletes: HashMap<u64, Vec<u32>>,
}

impl TypoIndex {
    /// `words`: dictionary words with a frequency that breaks ties between corrections.
    pub fn build(words: impl IntoIterator<Item = (String, u32)>) -> Self {
        let mut index = Self::default();
        for (word, freq) in words {
            let len = word.chars().count();
            if len < 4 {
                continue;
            }
            let id = index.words.len() as u32;
            let chars: Vec<char> = word.chars().collect();
            let mut variants = Vec::new();
            deletion_variants(&chars, max_edits(len), &mut variants);
            for key in variants {
                let ids = index.deletes.entry(key).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            index.words.push((word, freq));
        }
        index
    }

    /// The closest dictionary words within the budget (all at the same, smallest distance,
    /// most frequent first, at most `max`), with that distance. Empty if none.
    pub fn corrections(&self, word: &str, max: usize) -> Vec<(&str, usize)> {
        let chars: Vec<char> = word.chars().collect();
        let budget = max_edits(chars.len());
        if budget == 0 {
            return Vec::new();
        }
        let mut variants = Vec::new();
        deletion_variants(&chars, budget, &mut variants);
        let mut found: Vec<(u32, usize)> = Vec::new();
        for key in variants {
            for &id in self.deletes.get(&key).into_iter().flatten() {
                if found.iter().any(|&(f, _)| f == id) {
                    continue;
                }
                let candidate: Vec<char> = self.words[id as usize].0.chars().collect();
                let limit = budget.min(max_edits(candidate.len()));
                if let Some(d) = osa_distance(&chars, &candidate, limit)
                    && keeps_first_letter(&chars, &candidate)
                {
                    found.push((id, d));
                }
            }
        }
        let Some(best) = found.iter().map(|&(_, d)| d).min() else { return Vec::new() };
        found.retain(|&(_, d)| d == best);
        found.sort_by_key(|&(id, _)| (std::cmp::Reverse(self.words[id as usize].1), id));
        found.into_iter().take(max).map(|(id, d)| (self.words[id as usize].0.as_str(), d)).collect()
    }
}

/// Corrections keep the first letter, or swap the first two (people rarely mistype the
/// first letter; without this rule "wetter" became "letter" and "arzttermin" "trautermin").
fn keeps_first_letter(word: &[char], candidate: &[char]) -> bool {
    word.first() == candidate.first()
        || (word.len() > 1 && candidate.len() > 1 && word[0] == candidate[1] && word[1] == candidate[0])
}

/// Hashes of `chars` and of all its variants with up to `edits` letters deleted.
fn deletion_variants(chars: &[char], edits: usize, out: &mut Vec<u64>) {
    out.push(hash(chars));
    if edits == 0 || chars.len() <= 1 {
        return;
    }
    let mut shorter = Vec::with_capacity(chars.len() - 1);
    for i in 0..chars.len() {
        // deleting one of a run of equal letters gives the same variant
        if i > 0 && chars[i] == chars[i - 1] {
            continue;
        }
        shorter.clear();
        shorter.extend_from_slice(&chars[..i]);
        shorter.extend_from_slice(&chars[i + 1..]);
        deletion_variants(&shorter, edits - 1, out);
    }
}

/// FNV-1a over the characters: deterministic and fast; collisions are harmless because
/// every candidate is verified with the real distance.
fn hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Optimal-string-alignment distance, or `None` if it exceeds `limit`.
pub fn osa_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, 3)
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(dist("ausweis", "ausweis"), Some(0));
        assert_eq!(dist("auswies", "ausweis"), Some(1));
        assert_eq!(dist("reisepas", "reisepass"), Some(1));
        assert_eq!(dist("fuhrungzeugnis", "fuhrungszeugnis"), Some(1));
        assert_eq!(dist("kitten", "sitting"), Some(3));
        assert_eq!(dist("abc", "xyzxyz"), None);
    }

    #[test]
    fn budget_depends_on_length() {
        let index = TypoIndex::build([
            ("perso".to_owned(), 3),
            ("reisepass".to_owned(), 5),
            ("fuhrungszeugnis".to_owned(), 2),
            ("pass".to_owned(), 9),
        ]);
        assert_eq!(index.corrections("preso", 2), [("perso", 1)]);
        assert_eq!(index.corrections("reisepas", 2), [("reisepass", 1)]);
        assert_eq!(index.corrections("fuhrngszeugnis", 2), [("fuhrungszeugnis", 1)]);
        assert_eq!(index.corrections("furungszeugnise", 2), [("fuhrungszeugnis", 2)]);
        assert!(index.corrections("vuhrungszeugnise", 2).is_empty());
        assert!(index.corrections("eprso", 2).len() == 1);
        assert!(index.corrections("verso", 2).is_empty());
        // four to seven letters: one edit only
        assert!(index.corrections("pirsa", 2).is_empty());
        // three letters or fewer are never corrected
        assert!(index.corrections("pas", 2).is_empty());
    }

    #[test]
    fn ties_prefer_frequent_words() {
        let index = TypoIndex::build([("melden".to_owned(), 1), ("mulden".to_owned(), 7)]);
        assert_eq!(index.corrections("malden", 1), [("mulden", 1)]);
        assert_eq!(index.corrections("malden", 2), [("mulden", 1), ("melden", 1)]);
    }
}
