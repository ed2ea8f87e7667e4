//! Amounts of money as administrators type them, parsed into cents (pure).
//!
//! Accepted: `37`, `37,00`, `37.00`, `37,5` (50 cents), `,50`, with thousands grouped by
//! the other separator or a space (`1.234,56`, `1,234.56`, `1 234,56`), and an optional
//! `€`, `EUR` or `Euro` before or after. A separator followed by exactly three digits groups
//! thousands (`1.234` is 1 234 euros), because cents never have three digits. Refused:
//! signs, more than two decimals, mixed-up groups (`1.23.4`), and amounts of 42 949 673
//! euros or more (they do not fit the catalogue's `u32` cents).

use rathaus_domain::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AmountError {
    /// Not an amount of money.
    Format,
    /// Too large to store.
    TooLarge,
}

/// Separators that group thousands (besides `.` and `,`): space, no-break and thin space.
const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Parses an amount in euros into cents.
pub(super) fn parse_cents(input: &str) -> Result<u32, AmountError> {
    let s = strip_currency(input.trim());
    let (int_part, frac_part, decimal) = match s.rfind([',', '.']) {
        Some(i) if (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], &s[i + 1..], s[i..].chars().next()),
        _ => (s, "", None),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) || (int_part.is_empty() && frac_part.is_empty()) {
        return Err(AmountError::Format);
    }
    let euros = whole_euros(int_part, decimal)?;
    let cents = match frac_part.len() {
        0 => 0,
        1 => u64::from(frac_part.as_bytes()[0] - b'0') * 10,
        _ => frac_part.parse::<u64>().map_err(|_| AmountError::Format)?,
    };
    let total = euros.checked_mul(100).and_then(|e| e.checked_add(cents)).ok_or(AmountError::TooLarge)?;
    u32::try_from(total).map_err(|_| AmountError::TooLarge)
}

fn strip_currency(s: &str) -> &str {
    let mut s = s;
    for unit in ["€", "EUR", "Euro"] {
        let tail = s.len().checked_sub(unit.len()).and_then(|i| s.get(i..));
        if tail.is_some_and(|t| t.eq_ignore_ascii_case(unit)) {
            s = s[..s.len() - unit.len()].trim_end();
        } else if s.get(..unit.len()).is_some_and(|h| h.eq_ignore_ascii_case(unit)) {
            s = s[unit.len()..].trim_start();
        }
    }
    s
}

/// The digits before the decimal separator, possibly grouped by thousands.
fn whole_euros(int_part: &str, decimal: Option<char>) -> Result<u64, AmountError> {
    if int_part.is_empty() {
        return Ok(0);
    }
    let group = int_part.chars().find(|c| matches!(c, ',' | '.') || SPACES.contains(c));
    let digits: String = match group {
        None => int_part.to_owned(),
        Some(g) if Some(g) == decimal => return Err(AmountError::Format),
        Some(g) => {
            let groups: Vec<&str> = int_part.split(g).collect();
            let well_grouped = (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|part| part.len() == 3);
            if !well_grouped {
                return Err(AmountError::Format);
            }
            groups.concat()
        }
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::Format);
    }
    if digits.trim_start_matches('0').len() > 12 {
        return Err(AmountError::TooLarge);
    }
    digits.parse().map_err(|_| AmountError::Format)
}

/// Cents as a form value in the page's language: `37,00` (German) or `37.00` (English).
pub(super) fn format_cents(cents: u32, lang: Language) -> String {
    let separator = match lang {
        Language::De => ',',
        Language::En => '.',
    };
    format!("{}{separator}{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_decimal_separators() {
        for (input, cents) in [
            ("37,00", 3700),
            ("37.00", 3700),
            ("37", 3700),
            (" 37,5 ", 3750),
            ("0,05", 5),
            (",50", 50),
            ("22,80 €", 2280),
            ("€ 22.80", 2280),
            ("12 EUR", 1200),
            ("12 Euro", 1200),
            ("0", 0),
        ] {
            assert_eq!(parse_cents(input), Ok(cents), "{input}");
        }
    }

    #[test]
    fn reads_grouped_thousands() {
        for (input, cents) in [
            ("1.234,56", 123_456),
            ("1,234.56", 123_456),
            ("1 234,56", 123_456),
            ("1.234", 123_400),
            ("1,234", 123_400),
            ("12.345.678", 1_234_567_800),
        ] {
            assert_eq!(parse_cents(input), Ok(cents), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for input in ["", " ", "€", "-5", "+5", "5.", "1.234.56", "1.23.4", "12,3456", "1e3", "zehn", "3,7,0", "37,00,"]
        {
            assert_eq!(parse_cents(input), Err(AmountError::Format), "{input:?}");
        }
        assert_eq!(parse_cents("42949672,95"), Ok(u32::MAX));
        assert_eq!(parse_cents("42949673"), Err(AmountError::TooLarge));
        assert_eq!(parse_cents("99999999999999999999"), Err(AmountError::TooLarge));
    }

    #[test]
    fn formats_for_the_form_and_reads_it_back() {
        assert_eq!(format_cents(3700, Language::De), "37,00");
        assert_eq!(format_cents(5, Language::En), "0.05");
        for cents in [0, 1, 99, 100, 2280, 123_456, u32::MAX] {
            for lang in [Language::De, Language::En] {
                assert_eq!(parse_cents(&format_cents(cents, lang)), Ok(cents));
            }
        }
    }
}
