//! Value encoding: TEXT escaping (RFC 5545 §3.3.11), parameter values (§3.2) and the removal
//! of control characters from every value.

/// A TEXT value: backslash, semicolon and comma escaped, any line break (`\r\n`, `\r`, `\n`)
/// written as `\n`, a tab as a space, other control characters removed.
pub(crate) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value that is not TEXT (URI, CAL-ADDRESS): control characters removed, a tab as a space.
pub(crate) fn plain(value: &str) -> String {
    value.chars().filter_map(|c| if c == '\t' { Some(' ') } else { (!c.is_control()).then_some(c) }).collect()
}

/// A parameter value such as `CN`: double quotes and control characters removed, and quoted
/// when it contains `:`, `;` or `,` (which would otherwise end the parameter).
pub(crate) fn param_value(value: &str) -> String {
    let cleaned: String = plain(value).chars().filter(|&c| c != '"').collect();
    if cleaned.contains([':', ';', ',']) { format!("\"{cleaned}\"") } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_specials_and_line_breaks() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
    }

    #[test]
    fn text_drops_control_characters() {
        assert_eq!(escape_text("a\u{0}b\u{7f}c\u{85}d\te"), "abcd e");
    }

    #[test]
    fn text_keeps_colons_and_umlauts() {
        assert_eq!(escape_text("Bürgerbüro: Öffnungszeiten"), "Bürgerbüro: Öffnungszeiten");
    }

    #[test]
    fn param_quoted_only_when_needed() {
        assert_eq!(param_value("Bürgerbüro Musterstadt"), "Bürgerbüro Musterstadt");
        assert_eq!(param_value("Stadt Musterstadt, Bürgerbüro"), "\"Stadt Musterstadt, Bürgerbüro\"");
        assert_eq!(param_value("a\"b:c\n"), "\"ab:c\"");
    }

    #[test]
    fn plain_drops_control_characters() {
        assert_eq!(plain("https://x.example/\r\nBCC:evil"), "https://x.example/BCC:evil");
    }
}
