//! Phone numbers in international E.164 format (`+4917012345678`), the only form SMS
//! gateways accept without guessing a country.

use std::fmt;

/// A phone number in E.164 format: `+`, a country code and the subscriber number, 7 to 15
/// digits in all. Its `Debug` hides the digits; read it with [`E164::as_str`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct E164(String);

/// The input is not a phone number in international format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a phone number in international format (for example +49 170 1234567)")]
pub struct InvalidNumber;

impl E164 {
    /// Parses a number as people write it: spaces, `-`, `/`, `.` and parentheses are
    /// ignored, a leading `00` stands for `+`, and the German habit `+49 (0)170 …` drops
    /// the `(0)`. National numbers (`0170 …`) are refused, since their country is unknown.
    pub fn parse(input: &str) -> Result<E164, InvalidNumber> {
        let without_trunk_zero = input.trim().replacen("(0)", "", 1);
        let compact: String =
            without_trunk_zero.chars().filter(|c| !matches!(c, ' ' | '-' | '/' | '.' | '(' | ')')).collect();
        let digits = match (compact.strip_prefix('+'), compact.strip_prefix("00")) {
            (Some(rest), _) | (None, Some(rest)) => rest,
            (None, None) => return Err(InvalidNumber),
        };
        let valid =
            (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
        if valid { Ok(E164(format!("+{digits}"))) } else { Err(InvalidNumber) }
    }

    /// The number, `+` and digits only.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("E164(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_international_numbers_as_written() {
        for input in
            ["+4917012345678", "+49 170 1234 5678", "0049 170/1234-5678", "+49 (0)170 12345678", "+49.170.12345678"]
        {
            assert_eq!(E164::parse(input).map(|n| n.0), Ok("+4917012345678".into()), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_international() {
        for input in
            ["", "+", "017012345678", "+0170123456", "+49 170 12345a", "+12345", "+1234567890123456", "++4917012345"]
        {
            assert_eq!(E164::parse(input), Err(InvalidNumber), "{input}");
        }
    }

    #[test]
    fn debug_hides_the_digits() {
        let n = E164::parse("+4917012345678").unwrap();
        assert_eq!(format!("{n:?}"), "E164(***)");
    }
}
