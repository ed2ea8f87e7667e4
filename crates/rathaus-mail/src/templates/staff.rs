//! Mails to staff members: the invitation to a new account and the password reset.

use super::{Common, RenderedEmail, dates, render};
use askama::Template;
use jiff::Zoned;
use rathaus_domain::Language;

/// An invitation to a staff account.
#[derive(Debug, Clone)]
pub struct InvitationMail<'a> {
    pub tenant_name: &'a str,
    pub inviter_name: &'a str,
    /// Where the invitee sets a password.
    pub link: &'a str,
    /// When the link expires, in the tenant's time zone.
    pub expires_at: &'a Zoned,
}

/// A password-reset link.
#[derive(Debug, Clone)]
pub struct PasswordResetMail<'a> {
    pub tenant_name: &'a str,
    pub link: &'a str,
    /// When the link expires, in the tenant's time zone.
    pub expires_at: &'a Zoned,
}

#[derive(Template)]
enum Invitation<'a> {
    #[template(path = "mail/staff_invitation.de.txt")]
    DeText { m: &'a InvitationMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/staff_invitation.de.html")]
    DeHtml { m: &'a InvitationMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/staff_invitation.en.txt")]
    EnText { m: &'a InvitationMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/staff_invitation.en.html")]
    EnHtml { m: &'a InvitationMail<'a>, c: &'a Common<'a> },
}

#[derive(Template)]
enum PasswordReset<'a> {
    #[template(path = "mail/password_reset.de.txt")]
    DeText { m: &'a PasswordResetMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/password_reset.de.html")]
    DeHtml { m: &'a PasswordResetMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/password_reset.en.txt")]
    EnText { m: &'a PasswordResetMail<'a>, c: &'a Common<'a> },
    #[template(path = "mail/password_reset.en.html")]
    EnHtml { m: &'a PasswordResetMail<'a>, c: &'a Common<'a> },
}

pub fn staff_invitation(lang: Language, m: &InvitationMail<'_>) -> RenderedEmail {
    let subject = match lang {
        Language::De => format!("Einladung zu Ihrem Zugang – {}", m.tenant_name),
        Language::En => format!("Invitation to your account – {}", m.tenant_name),
    };
    let c = &common(lang, &subject, m.expires_at);
    let (text, html) = match lang {
        Language::De => (Invitation::DeText { m, c }, Invitation::DeHtml { m, c }),
        Language::En => (Invitation::EnText { m, c }, Invitation::EnHtml { m, c }),
    };
    RenderedEmail { text: render(&text), html: render(&html), subject }
}

pub fn password_reset(lang: Language, m: &PasswordResetMail<'_>) -> RenderedEmail {
    let subject = match lang {
        Language::De => format!("Passwort zurücksetzen – {}", m.tenant_name),
        Language::En => format!("Reset your password – {}", m.tenant_name),
    };
    let c = &common(lang, &subject, m.expires_at);
    let (text, html) = match lang {
        Language::De => (PasswordReset::DeText { m, c }, PasswordReset::DeHtml { m, c }),
        Language::En => (PasswordReset::EnText { m, c }, PasswordReset::EnHtml { m, c }),
    };
    RenderedEmail { text: render(&text), html: render(&html), subject }
}

fn common<'a>(lang: Language, subject: &'a str, expires_at: &Zoned) -> Common<'a> {
    Common { lang: lang.code(), subject, expires: dates::expiry(lang, expires_at), expires_iso: dates::iso(expires_at) }
}
