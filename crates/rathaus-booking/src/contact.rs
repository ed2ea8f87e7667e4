//! Who an appointment is for: a name and optionally an e-mail address and a phone number,
//! parsed at the boundary ("parse, don't validate").
//!
//! For the per-contact cap the store keeps a **contact hash**: SHA-256 over the tenant id and
//! the normalised e-mail address (lower case), or the phone number in international form
//! when there is no address. Counting by hash needs no index over plaintext, and the tenant
//! in the hash keeps equal contacts of two municipalities apart. It is pseudonymous, not
//! anonymous: the plaintext sits in the same row for the office's work.

use rathaus_db::TenantId;
use rathaus_domain::{Email, Invalid};
use sha2::{Digest, Sha256};

/// The longest name accepted.
const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    name: String,
    email: Option<Email>,
    phone: Option<Phone>,
}

impl Contact {
    /// A non-empty name of at most 200 characters without control characters
    /// (`contact-name`), an e-mail address (`contact-email`) and a phone number
    /// (`contact-phone`); empty optional fields count as absent.
    pub fn parse(name: &str, email: Option<&str>, phone: Option<&str>) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(Invalid::new("contact-name"));
        }
        let present = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let email = present(email).map(|e| Email::parse(&e).map_err(|_| Invalid::new("contact-email"))).transpose()?;
        let phone = present(phone).map(|p| Phone::parse(&p)).transpose()?;
        Ok(Self { name: name.to_owned(), email, phone })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    pub fn phone(&self) -> Option<&Phone> {
        self.phone.as_ref()
    }

    /// The key the per-contact cap counts by; `None` without e-mail and phone (no cap).
    pub fn hash(&self, tenant: TenantId) -> Option<String> {
        let key = match (&self.email, &self.phone) {
            (Some(email), _) => format!("email:{email}"),
            (None, Some(phone)) => format!("phone:{}", phone.as_str()),
            (None, None) => return None,
        };
        let canonical = serde_json::json!([tenant.0, key]).to_string();
        Some(hex::encode(Sha256::digest(canonical.as_bytes())))
    }
}

/// A phone number in international form, `+` and 7 to 15 digits (E.164). Spaces, dashes,
/// slashes, dots and brackets are dropped; `00` becomes `+`, and a national number with a
/// leading `0` is German (`+49`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let invalid = Invalid::new("contact-phone");
        let trimmed = input.trim();
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if rest.chars().any(|c| !(c.is_ascii_digit() || " -/.()".contains(c))) {
            return Err(invalid);
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        let international = if plus {
            digits
        } else if let Some(d) = digits.strip_prefix("00") {
            d.to_owned()
        } else if let Some(d) = digits.strip_prefix('0') {
            format!("49{d}")
        } else {
            return Err(invalid);
        };
        if !(7..=15).contains(&international.len()) || international.starts_with('0') {
            return Err(invalid);
        }
        Ok(Self(format!("+{international}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_normalise_to_one_form() {
        for input in ["0123 456789", "+49 123 456789", "0049-123/456789", "(0123) 45 67 89"] {
            assert_eq!(Phone::parse(input).unwrap().as_str(), "+49123456789", "{input}");
        }
        for bad in ["", "123456", "+49 abc", "0", "+0123456789"] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_contact_hash_follows_the_normalised_address_and_the_tenant() {
        let a = Contact::parse("Anna", Some(" Anna@Example.org "), None).unwrap();
        let b = Contact::parse("A. Schmidt", Some("anna@example.org"), Some("0123 456789")).unwrap();
        assert_eq!(a.hash(TenantId(1)), b.hash(TenantId(1)));
        assert_ne!(a.hash(TenantId(1)), a.hash(TenantId(2)));
        let phone = Contact::parse("Anna", None, Some("+49 123 456789")).unwrap();
        assert_eq!(
            phone.hash(TenantId(1)),
            Contact::parse("B", Some(""), Some("0123456789")).unwrap().hash(TenantId(1))
        );
        assert_eq!(Contact::parse("Anna", None, None).unwrap().hash(TenantId(1)), None);
        assert!(Contact::parse("  ", None, None).is_err());
        assert!(Contact::parse("Anna", Some("no-address"), None).is_err());
    }
}
