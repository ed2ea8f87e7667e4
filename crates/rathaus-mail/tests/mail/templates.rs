//! The staff mails render in German and English, with a text and an accessible HTML part;
//! HTML is escaped in the HTML part only (askama writes numeric entities: `&#60;`, `&#38;`).

use rathaus_domain::Language;
use rathaus_mail::RenderedEmail;
use rathaus_mail::templates::{InvitationMail, PasswordResetMail, password_reset, staff_invitation};

const LINK: &str = "https://musterstadt.example/passwort?token=abc&lang=de";
const EVIL: &str = "Musterstadt <script>alert(1)</script>";

fn expires() -> jiff::Zoned {
    "2025-03-04T18:30:00[Europe/Berlin]".parse().unwrap()
}

fn invitation(lang: Language, tenant_name: &str) -> RenderedEmail {
    let at = expires();
    staff_invitation(lang, &InvitationMail { tenant_name, inviter_name: "Erika Muster", link: LINK, expires_at: &at })
}

fn reset(lang: Language, tenant_name: &str) -> RenderedEmail {
    let at = expires();
    password_reset(lang, &PasswordResetMail { tenant_name, link: LINK, expires_at: &at })
}

fn assert_well_formed(mail: &RenderedEmail, lang: Language, expiry: &str) {
    assert!(mail.subject.contains("Musterstadt"), "{}", mail.subject);
    assert!(mail.text.contains(LINK), "the text part keeps the link as is: {}", mail.text);
    assert!(mail.text.contains(expiry), "{}", mail.text);
    let html = &mail.html;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())), "{html}");
    assert!(html.contains("<main") && html.contains("<h1"), "{html}");
    assert!(html.contains("href=\"https://musterstadt.example/passwort?token=abc&#38;lang=de\""), "{html}");
    assert!(html.contains("<time datetime=\"2025-03-04T18:30:00+01:00\">"), "{html}");
    assert!(html.contains(expiry), "{html}");
    for external in ["<img", "<link", "<script", "src=", "url("] {
        assert!(!html.contains(external), "no external resources ({external}): {html}");
    }
}

#[test]
fn invitation_renders_in_both_languages() {
    let de = invitation(Language::De, "Musterstadt");
    assert_well_formed(&de, Language::De, "04.03.2025, 18:30 Uhr");
    assert!(de.subject.starts_with("Einladung"));
    assert!(de.text.contains("Erika Muster hat Sie eingeladen"), "{}", de.text);
    assert!(de.html.contains("Passwort festlegen"));

    let en = invitation(Language::En, "Musterstadt");
    assert_well_formed(&en, Language::En, "4 March 2025, 18:30");
    assert!(en.subject.starts_with("Invitation"));
    assert!(en.text.contains("Erika Muster has invited you"), "{}", en.text);
    assert!(en.html.contains("Set your password"));
}

#[test]
fn password_reset_renders_in_both_languages() {
    let de = reset(Language::De, "Musterstadt");
    assert_well_formed(&de, Language::De, "04.03.2025, 18:30 Uhr");
    assert!(de.subject.starts_with("Passwort zurücksetzen"));
    let en = reset(Language::En, "Musterstadt");
    assert_well_formed(&en, Language::En, "4 March 2025, 18:30");
    assert!(en.subject.starts_with("Reset your password"));
}

#[test]
fn html_part_escapes_and_text_part_does_not() {
    for lang in Language::ALL {
        for mail in [invitation(lang, EVIL), reset(lang, EVIL)] {
            assert!(!mail.html.contains("<script>"), "{}", mail.html);
            assert!(mail.html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{}", mail.html);
            assert!(mail.text.contains(EVIL), "{}", mail.text);
            assert!(!mail.text.contains("&#"), "{}", mail.text);
            assert_eq!(mail.subject.matches(EVIL).count(), 1);
        }
    }
}

#[test]
fn rendered_mail_becomes_an_outgoing_email() {
    let email = rathaus_domain::Email::parse("anna@example.org").unwrap();
    let out = invitation(Language::De, "Musterstadt").into_outgoing(rathaus_db::TenantId(3), email.clone());
    assert_eq!((out.tenant, out.to), (rathaus_db::TenantId(3), email));
    assert!(out.html.is_some() && out.attachments.is_empty());
}
