//! Content lines (RFC 5545 §3.1): each line ends in CRLF and is folded so that no physical
//! line is longer than 75 octets; continuation lines start with one space.

/// Maximum octets of a physical line, excluding the CRLF.
pub(crate) const MAX_OCTETS: usize = 75;

/// An iCalendar object being written line by line.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    out: String,
}

impl Lines {
    /// Appends `name:value`. `name` may carry parameters (`ORGANIZER;CN=x`); `value` must
    /// already be encoded and free of control characters.
    pub(crate) fn property(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        fold_into(&mut self.out, &line);
    }

    /// The finished object.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Writes `line` folded, with CRLF after every physical line.
///
/// Folds only between characters, and never between a backslash and the character it escapes,
/// so that clients which unescape before unfolding still read the right text.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let mut unit = [c, '\0'];
        let mut len = c.len_utf8();
        if c == '\\'
            && let Some(&next) = chars.peek()
        {
            unit[1] = next;
            len += next.len_utf8();
            chars.next();
        }
        if used + len > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(unit[0]);
        if len > unit[0].len_utf8() {
            out.push(unit[1]);
        }
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    #[test]
    fn short_line_is_not_folded() {
        assert_eq!(folded("SUMMARY:Termin"), "SUMMARY:Termin\r\n");
    }

    #[test]
    fn exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        assert_eq!(folded(&line), format!("{line}\r\n"));
    }

    #[test]
    fn long_line_folds_at_75_and_74() {
        let line = "X".repeat(75 + 74 + 3);
        let out = folded(&line);
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical.iter().map(|l| l.len()).collect::<Vec<_>>(), [75, 75, 4]);
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
    }

    #[test]
    fn multi_byte_characters_are_never_split() {
        // 'ä' is two octets: 74 'X' leave one octet on the first line, too few for 'ä'.
        let line = format!("{}äöü", "X".repeat(74));
        let out = folded(&line);
        assert_eq!(out, format!("{}\r\n äöü\r\n", "X".repeat(74)));
    }

    #[test]
    fn escape_pairs_stay_together() {
        let line = format!("{}\\,", "X".repeat(74));
        assert_eq!(folded(&line), format!("{}\r\n \\,\r\n", "X".repeat(74)));
    }
}
