//! Message bodies: askama templates with a plain-text part (`.txt`, nothing escaped) and an
//! HTML part (`.html`, auto-escaped), in German and English.
//!
//! Templates live in `crates/rathaus-mail/templates/mail/`, one file per message, part and
//! language (`staff_invitation.de.txt`, `staff_invitation.de.html`, …). The HTML parts
//! extend `layout.html`: a `lang` attribute, semantic markup, inline styles only and no
//! external resources (mail clients block them, and they would track the reader).
//!
//! * [`staff_invitation`]: a new staff member is asked to set a password.
//! * [`password_reset`]: a staff member asked to reset the password.
//! * [`appointment`] (and [`appointment_sms`]): a citizen's appointment was booked, moved,
//!   cancelled, is due soon, or went through a lottery.

mod appointments;
mod dates;
mod staff;

pub use appointments::{AppointmentMail, Notice, Offer, appointment, appointment_sms};
pub use staff::{InvitationMail, PasswordResetMail, password_reset, staff_invitation};

use crate::outbox::OutgoingEmail;
use rathaus_db::TenantId;
use rathaus_domain::Email;

/// A rendered message, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl RenderedEmail {
    /// The message to `to` on behalf of `tenant`, without attachments.
    pub fn into_outgoing(self, tenant: TenantId, to: Email) -> OutgoingEmail {
        OutgoingEmail {
            tenant,
            to,
            subject: self.subject,
            text: self.text,
            html: Some(self.html),
            attachments: Vec::new(),
        }
    }
}

/// What every template sees besides its message: the language and the subject (the HTML
/// title), and the link's expiry both for reading and as a machine-readable timestamp.
struct Common<'a> {
    lang: &'static str,
    subject: &'a str,
    expires: String,
    expires_iso: String,
}

/// Renders a template. Our templates only print strings, whose `Display` cannot fail, so
/// an error here is a bug in a template, not a runtime condition.
fn render(template: &impl askama::Template) -> String {
    template.render().expect("mail templates only print infallible values")
}
