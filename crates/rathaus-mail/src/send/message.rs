//! Turns an outbox row into a MIME message: `text/plain`, or `multipart/alternative` with
//! text and HTML, wrapped in `multipart/mixed` when there are attachments. Attachment
//! content types are written exactly as stored, parameters and case included.

use lettre::Message;
use lettre::message::header::{ContentDisposition, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use rathaus_db::entity::{outbox_attachment, outbox_message};

/// Why a row cannot become a message. Never carries the recipient or content.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BuildError {
    #[error("the recipient is not a valid address")]
    Recipient,
    #[error("attachment {0} has an invalid content type")]
    ContentType(i64),
    #[error("the message could not be assembled")]
    Message,
}

/// Builds the message for `row`, sent from `from`.
pub fn build(
    from: &Mailbox,
    row: &outbox_message::Model,
    attachments: &[outbox_attachment::Model],
) -> Result<Message, BuildError> {
    let to: Mailbox = row.recipient.parse().map_err(|_| BuildError::Recipient)?;
    let builder = Message::builder().from(from.clone()).to(to).subject(row.subject.clone());
    let text = SinglePart::plain(row.body_text.clone());
    let result = match (&row.body_html, attachments) {
        (None, []) => builder.singlepart(text),
        (Some(html), []) => builder.multipart(alternative(text, html)),
        (html, attachments) => {
            let mut mixed = match html {
                Some(html) => MultiPart::mixed().multipart(alternative(text, html)),
                None => MultiPart::mixed().singlepart(text),
            };
            for a in attachments {
                mixed = mixed.singlepart(attachment_part(a)?);
            }
            builder.multipart(mixed)
        }
    };
    result.map_err(|_| BuildError::Message)
}

fn alternative(text: SinglePart, html: &str) -> MultiPart {
    MultiPart::alternative().singlepart(text).singlepart(SinglePart::html(html.to_owned()))
}

fn attachment_part(a: &outbox_attachment::Model) -> Result<SinglePart, BuildError> {
    let content_type = RawContentType::checked(&a.content_type).ok_or(BuildError::ContentType(a.id))?;
    Ok(SinglePart::builder()
        .header(ContentDisposition::attachment(&a.filename))
        .header(content_type)
        .body(a.content.clone()))
}

/// A `Content-Type` header written verbatim. lettre's own [`ContentType`] lower-cases
/// parameter values such as `charset=UTF-8`; calendar clients are picky, so we keep
/// exactly what the caller stored, after checking that it is a valid media type.
#[derive(Debug, Clone)]
struct RawContentType(String);

impl RawContentType {
    fn checked(value: &str) -> Option<RawContentType> {
        let value = value.trim();
        let plain = !value.chars().any(char::is_control);
        (plain && ContentType::parse(value).is_ok()).then(|| RawContentType(value.to_owned()))
    }
}

impl Header for RawContentType {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Type")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(RawContentType(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(html: Option<&str>) -> outbox_message::Model {
        outbox_message::Model {
            id: 1,
            tenant_id: 1,
            channel: "email".into(),
            recipient: "anna@example.org".into(),
            subject: "Grüße".into(),
            body_text: "Hallo".into(),
            body_html: html.map(str::to_owned),
            state: "queued".into(),
            attempts: 0,
            last_error: None,
            created_at: 0,
            sent_at: None,
        }
    }

    fn attachment(content_type: &str) -> outbox_attachment::Model {
        outbox_attachment::Model {
            id: 7,
            message_id: 1,
            filename: "termin.ics".into(),
            content_type: content_type.into(),
            content: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
        }
    }

    fn from() -> Mailbox {
        "Bürgerbüro Musterstadt <noreply@musterstadt.de>".parse().unwrap()
    }

    fn formatted(m: &Message) -> String {
        String::from_utf8(m.formatted()).unwrap()
    }

    #[test]
    fn text_only_is_a_single_part() {
        let raw = formatted(&build(&from(), &row(None), &[]).unwrap());
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"), "{raw}");
        assert!(!raw.contains("multipart"), "{raw}");
    }

    #[test]
    fn html_makes_an_alternative_and_attachments_a_mixed_message() {
        let ics = "text/calendar; method=REQUEST; charset=UTF-8";
        let raw = formatted(&build(&from(), &row(Some("<p>Hallo</p>")), &[attachment(ics)]).unwrap());
        let mixed = raw.find("multipart/mixed").expect("mixed");
        let alternative = raw.find("multipart/alternative").expect("alternative");
        assert!(mixed < alternative, "{raw}");
        assert!(raw.contains("Content-Type: text/html; charset=utf-8"), "{raw}");
        assert!(raw.contains(&format!("Content-Type: {ics}")), "{raw}");
        assert!(raw.contains("Content-Disposition: attachment; filename=\"termin.ics\""), "{raw}");
    }

    #[test]
    fn refuses_invalid_content_types_and_recipients() {
        let bad = build(&from(), &row(None), &[attachment("text/calendar\r\nBcc: x@example.org")]);
        assert_eq!(bad.unwrap_err(), BuildError::ContentType(7));
        assert_eq!(build(&from(), &row(None), &[attachment("nonsense")]).unwrap_err(), BuildError::ContentType(7));
        let mut r = row(None);
        r.recipient = "not an address".into();
        assert_eq!(build(&from(), &r, &[]).unwrap_err(), BuildError::Recipient);
    }
}
