//! Canonical folding and tokenisation, applied identically to the catalogue and to queries.
//!
//! The one folding rule: lower case, then umlauts and their ASCII spellings meet on the
//! bare vowel (`ä`, `ae` → `a`; `ö`, `oe` → `o`; `ü`, `ue` → `u`, except `que`), `ß` → `ss`,
//! and other Latin diacritics are dropped (`é` → `e`, also in decomposed form). So
//! "Führungszeugnis", "Fuehrungszeugnis" and "fuhrungszeugnis" all become `fuhrungszeugnis`.
//! The digraphs are folded only at the start or after a consonant, so "neue", "bauen" and
//! "Steuer" keep their `e`. The rule still changes some words that never had an umlaut
//! (`blue` → `blu`, `aktuell` → `aktull`); that is harmless because index and query are
//! folded the same way.

/// One word of a text, already folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Whether punctuation (a sentence or clause boundary) precedes this word.
    pub after_boundary: bool,
}

/// Splits `text` into folded words. Hyphens and whitespace separate words; apostrophes are
/// dropped inside words (`children's` → `childrens`); other punctuation separates words and
/// marks a clause boundary. Single letters are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    // Whether punctuation was seen since the previous word (the text's start counts).
    let mut boundary = true;
    for c in text.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            push_folded_char(&mut word, c);
        } else if c == '\'' || c == '’' {
            // dropped: joins the word's parts
        } else {
            if !word.is_empty() {
                finish_word(&mut tokens, &mut word, boundary);
                boundary = false;
            }
            if !(c.is_whitespace() || matches!(c, '-' | '–' | '/' | '"' | '„' | '“' | '”')) {
                boundary = true;
            }
        }
    }
    if !word.is_empty() {
        finish_word(&mut tokens, &mut word, boundary);
    }
    tokens
}

/// Folds one word or phrase to its canonical form (see the module docs); words stay
/// separated by single spaces.
pub fn fold(text: &str) -> String {
    tokenize(text).into_iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

fn finish_word(tokens: &mut Vec<Token>, word: &mut String, after_boundary: bool) {
    let folded = fold_digraphs(word);
    word.clear();
    if folded.chars().count() >= 2 {
        tokens.push(Token { text: folded, after_boundary });
    }
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

fn push_folded_char(word: &mut String, c: char) {
    if is_combining_mark(c) {
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => word.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => word.push('o'),
            'ü' | 'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' => word.push('u'),
            'ß' => word.push_str("ss"),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => word.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => word.push('i'),
            'ç' | 'ć' | 'č' => word.push('c'),
            'ñ' | 'ń' | 'ň' => word.push('n'),
            'ś' | 'š' | 'ş' => word.push('s'),
            'ź' | 'ż' | 'ž' => word.push('z'),
            'ł' => word.push('l'),
            'ý' | 'ÿ' => word.push('y'),
            'ğ' => word.push('g'),
            'ř' => word.push('r'),
            'ď' => word.push('d'),
            'ť' => word.push('t'),
            other => word.push(other),
        }
    }
}

/// `ae` → `a`, `oe` → `o`, `ue` → `u` at the start or after a consonant other than `q`,
/// in one left-to-right pass. After a vowel the `e` starts a new syllable: "neue", "bauen",
/// "Steuer" are not umlaut spellings (folding them made "neuen" into "neun").
fn fold_digraphs(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        let next_is_e = chars.get(i + 1) == Some(&'e');
        let after_vowel_or_q = i > 0 && matches!(chars[i - 1], 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'q');
        if next_is_e && matches!(c, 'a' | 'o' | 'u') && !after_vowel_or_q {
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn umlauts_and_their_spellings_meet() {
        assert_eq!(fold("Führungszeugnis"), "fuhrungszeugnis");
        assert_eq!(fold("Fuehrungszeugnis"), "fuhrungszeugnis");
        assert_eq!(fold("fuhrungszeugnis"), "fuhrungszeugnis");
        assert_eq!(fold("Außerbetriebsetzung"), "ausserbetriebsetzung");
        assert_eq!(fold("Sperrmüll"), fold("Sperrmuell"));
        assert_eq!(fold("Bürgerbüro"), fold("BUERGERBUERO"));
        assert_eq!(fold("Pässe"), fold("Paesse"));
    }

    #[test]
    fn decomposed_umlauts_and_other_diacritics_fold() {
        assert_eq!(fold("Fu\u{0308}hrerschein"), "fuhrerschein");
        assert_eq!(fold("Café résumé"), "cafe resume");
    }

    #[test]
    fn que_and_vowel_e_keep_their_e() {
        assert_eq!(fold("Quelle"), "quelle");
        assert_eq!(fold("neuen Steuer bauen"), "neuen steuer bauen");
        assert_eq!(fold("Gebuehr"), "gebuhr");
    }

    #[test]
    fn punctuation_splits_and_marks_boundaries() {
        let tokens = tokenize("Ausweis weg, Geldbörse geklaut! ID-Karte");
        assert_eq!(
            words("Ausweis weg, Geldbörse geklaut! ID-Karte"),
            ["ausweis", "weg", "geldborse", "geklaut", "id", "karte"]
        );
        let boundaries: Vec<bool> = tokens.iter().map(|t| t.after_boundary).collect();
        assert_eq!(boundaries, [true, false, true, false, true, false]);
    }

    #[test]
    fn apostrophes_join_and_single_letters_drop() {
        assert_eq!(words("children's passport, I'm a"), ["childrens", "passport", "im"]);
    }
}
