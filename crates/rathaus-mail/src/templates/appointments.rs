//! Mails to citizens about their appointments: the confirmation (with the `.ics` and QR
//! code attached by the caller), the request to confirm (double opt-in), a move, a
//! cancellation (their own, or by the office with new times on offer), the reminder, and
//! the lottery's receipt and outcome. One template per language and part; the notice picks
//! the paragraphs.

use super::{RenderedEmail, dates, render};
use askama::Template;
use jiff::Zoned;
use rathaus_domain::Language;

/// Which message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Booked (online or by staff).
    Confirmed,
    /// Held, waiting for the citizen to confirm by the link (double opt-in).
    ConfirmRequest,
    /// Moved to another time (by the citizen or by staff).
    Moved,
    /// Cancelled by the citizen.
    Cancelled,
    /// Cancelled by the office; `offers` lists new times.
    CancelledByOffice,
    Reminder,
    /// The request takes part in a lottery drawn at `draw_at`.
    LotteryEntered,
    /// The lottery gave this appointment.
    LotteryWon,
    /// The lottery gave no appointment; `offers` lists other times, if any.
    LotteryLost,
}

/// A new time offered, with the link that takes it (or starts booking it).
#[derive(Debug, Clone)]
pub struct Offer {
    pub text: String,
    pub link: String,
}

#[derive(Debug, Clone)]
pub struct AppointmentMail<'a> {
    pub notice: Notice,
    pub tenant_name: &'a str,
    pub citizen_name: &'a str,
    /// Names of the services, in the reader's language.
    pub services: &'a [String],
    pub place_name: &'a str,
    /// One line; empty for a video office.
    pub place_address: &'a str,
    /// The appointment's start in the tenant's time zone (for the lottery: the wished day).
    pub start: &'a Zoned,
    pub minutes: i64,
    pub booking_code: &'a str,
    /// Where the citizen cancels or rebooks.
    pub manage_link: Option<&'a str>,
    /// Double opt-in: the confirmation page, and until when it waits.
    pub confirm_link: Option<&'a str>,
    pub confirm_until: Option<&'a Zoned>,
    pub offers: &'a [Offer],
    /// Lottery: when it is drawn.
    pub draw_at: Option<&'a Zoned>,
    /// What to bring.
    pub documents: &'a [String],
    /// Where to book anew (a lost lottery without offers, a cancellation).
    pub booking_link: &'a str,
}

/// Values the templates print, formatted for the reader's language.
struct View<'a> {
    m: &'a AppointmentMail<'a>,
    lang: &'static str,
    subject: String,
    date: String,
    time: String,
    iso: String,
    confirm_until: String,
    draw_at: String,
    has_attachments: bool,
}

#[derive(Template)]
enum Body<'a> {
    #[template(path = "mail/appointment.de.txt")]
    DeText { v: &'a View<'a> },
    #[template(path = "mail/appointment.de.html")]
    DeHtml { v: &'a View<'a> },
    #[template(path = "mail/appointment.en.txt")]
    EnText { v: &'a View<'a> },
    #[template(path = "mail/appointment.en.html")]
    EnHtml { v: &'a View<'a> },
}

impl View<'_> {
    fn is(&self, n: &str) -> bool {
        let code = match self.m.notice {
            Notice::Confirmed => "confirmed",
            Notice::ConfirmRequest => "confirm_request",
            Notice::Moved => "moved",
            Notice::Cancelled => "cancelled",
            Notice::CancelledByOffice => "cancelled_by_office",
            Notice::Reminder => "reminder",
            Notice::LotteryEntered => "lottery_entered",
            Notice::LotteryWon => "lottery_won",
            Notice::LotteryLost => "lottery_lost",
        };
        code == n
    }

    /// The appointment stands (its details and calendar file matter).
    fn booked(&self) -> bool {
        matches!(self.m.notice, Notice::Confirmed | Notice::Moved | Notice::Reminder | Notice::LotteryWon)
    }
}

fn subject(lang: Language, m: &AppointmentMail<'_>, date: &str) -> String {
    use Notice::*;
    let what = match (lang, m.notice) {
        (Language::De, Confirmed | LotteryWon) => "Terminbestätigung",
        (Language::De, ConfirmRequest) => "Bitte bestätigen Sie Ihren Termin",
        (Language::De, Moved) => "Ihr Termin wurde verlegt",
        (Language::De, Cancelled) => "Ihr Termin ist abgesagt",
        (Language::De, CancelledByOffice) => "Absage Ihres Termins – neue Termine",
        (Language::De, Reminder) => "Erinnerung an Ihren Termin",
        (Language::De, LotteryEntered) => "Ihre Teilnahme an der Terminverlosung",
        (Language::De, LotteryLost) => "Ergebnis der Terminverlosung",
        (Language::En, Confirmed | LotteryWon) => "Appointment confirmed",
        (Language::En, ConfirmRequest) => "Please confirm your appointment",
        (Language::En, Moved) => "Your appointment has been moved",
        (Language::En, Cancelled) => "Your appointment is cancelled",
        (Language::En, CancelledByOffice) => "Your appointment is cancelled – new times",
        (Language::En, Reminder) => "Reminder of your appointment",
        (Language::En, LotteryEntered) => "You are in the appointment draw",
        (Language::En, LotteryLost) => "Result of the appointment draw",
    };
    format!("{what}: {date} – {}", m.tenant_name)
}

/// Renders the message. `has_attachments`: the caller attaches the `.ics` and the QR code
/// (the text then points to them).
pub fn appointment(lang: Language, m: &AppointmentMail<'_>, has_attachments: bool) -> RenderedEmail {
    let date = dates::day(lang, m.start);
    let v = View {
        m,
        lang: lang.code(),
        subject: subject(lang, m, &date),
        time: dates::time(lang, m.start),
        iso: dates::iso(m.start),
        confirm_until: m.confirm_until.map(|z| dates::expiry(lang, z)).unwrap_or_default(),
        draw_at: m.draw_at.map(|z| dates::expiry(lang, z)).unwrap_or_default(),
        date,
        has_attachments,
    };
    let (text, html) = match lang {
        Language::De => (Body::DeText { v: &v }, Body::DeHtml { v: &v }),
        Language::En => (Body::EnText { v: &v }, Body::EnHtml { v: &v }),
    };
    RenderedEmail { text: render(&text), html: render(&html), subject: v.subject.clone() }
}

/// The SMS text of a notice (kept to one or two segments: date, time, place, code, link).
pub fn appointment_sms(lang: Language, m: &AppointmentMail<'_>) -> String {
    use Notice::*;
    let (date, time) = (dates::day_short(lang, m.start), dates::time(lang, m.start));
    let link = m.manage_link.map(|l| format!(" {l}")).unwrap_or_default();
    match (lang, m.notice) {
        (Language::De, Confirmed | LotteryWon) => {
            format!(
                "{}: Termin am {date} um {time} Uhr, {}. Code {}.{link}",
                m.tenant_name, m.place_name, m.booking_code
            )
        }
        (Language::De, Reminder) => format!(
            "{}: Erinnerung an Ihren Termin am {date} um {time} Uhr, {}. Code {}.{link}",
            m.tenant_name, m.place_name, m.booking_code
        ),
        (Language::De, Moved) => {
            format!("{}: Ihr Termin ist jetzt am {date} um {time} Uhr, {}.{link}", m.tenant_name, m.place_name)
        }
        (Language::De, CancelledByOffice) => format!(
            "{}: Ihr Termin am {date} um {time} Uhr muss leider entfallen. Neue Termine:{}",
            m.tenant_name,
            m.offers.first().map(|o| format!(" {}", o.link)).unwrap_or_else(|| format!(" {}", m.booking_link))
        ),
        (Language::De, _) => format!("{}: Ihr Termin am {date} um {time} Uhr.{link}", m.tenant_name),
        (Language::En, Confirmed | LotteryWon) => {
            format!(
                "{}: appointment on {date} at {time}, {}. Code {}.{link}",
                m.tenant_name, m.place_name, m.booking_code
            )
        }
        (Language::En, Reminder) => format!(
            "{}: reminder of your appointment on {date} at {time}, {}. Code {}.{link}",
            m.tenant_name, m.place_name, m.booking_code
        ),
        (Language::En, Moved) => {
            format!("{}: your appointment is now on {date} at {time}, {}.{link}", m.tenant_name, m.place_name)
        }
        (Language::En, CancelledByOffice) => format!(
            "{}: sorry, your appointment on {date} at {time} cannot take place. New times:{}",
            m.tenant_name,
            m.offers.first().map(|o| format!(" {}", o.link)).unwrap_or_else(|| format!(" {}", m.booking_link))
        ),
        (Language::En, _) => format!("{}: your appointment on {date} at {time}.{link}", m.tenant_name),
    }
}
