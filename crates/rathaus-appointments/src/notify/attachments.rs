//! The files attached to an appointment e-mail: the calendar entry (`termin.ics`) and, for
//! a booked appointment, the QR code of its booking code as a PNG (mail clients do not
//! show SVG). The calendar entry's UID is stable per appointment and its SEQUENCE is the
//! appointment's, so a move replaces the entry and a cancellation removes it.

use crate::details::Details;
use rathaus_db::appointments::records::Appointment;
use rathaus_ical::{Event, Method};
use rathaus_mail::Attachment;

/// Pixels per QR module: about 2.5 cm wide on screen for a booking code.
const QR_MODULE_PX: u32 = 8;

fn uid(a: &Appointment, origin: &str) -> String {
    let host = origin.split("://").nth(1).unwrap_or(origin);
    let host = host.split(':').next().unwrap_or(host);
    format!("appointment-{}-{}@{host}", a.tenant_id, a.id)
}

fn event<'a>(a: &'a Appointment, d: &'a Details, summary: &'a str, description: &'a str, uid: &'a str) -> Event<'a> {
    Event {
        uid,
        sequence: u32::try_from(a.sequence).unwrap_or(0),
        start: d.start.timestamp(),
        end: d.end.timestamp(),
        stamp: jiff::Timestamp::now(),
        summary,
        description,
        location: if d.place_address.is_empty() { &d.place_name } else { &d.place_address },
        organizer_name: &d.tenant_name,
        organizer_email: &d.tenant_email,
        attendee_name: Some(&a.name),
        attendee_email: a.email.as_deref(),
        url: None,
        alarm_minutes_before: Some(60),
    }
}

fn ics(method: Method, e: &Event<'_>) -> Attachment {
    Attachment {
        filename: rathaus_ical::FILENAME.to_owned(),
        content_type: rathaus_ical::content_type(method).to_owned(),
        bytes: rathaus_ical::calendar(method, e).into_bytes(),
    }
}

fn summary(d: &Details) -> String {
    format!("{}: {}", d.tenant_name, d.services.join(", "))
}

/// The calendar entry and QR code of a booked appointment.
pub fn booked(a: &Appointment, d: &Details, code: &str, origin: &str) -> Vec<Attachment> {
    let uid = uid(a, origin);
    let summary = summary(d);
    let description = match d.language {
        rathaus_domain::Language::De => format!("{}\nBuchungscode: {code}", d.place_name),
        rathaus_domain::Language::En => format!("{}\nBooking code: {code}", d.place_name),
    };
    let mut files = vec![ics(Method::Request, &event(a, d, &summary, &description, &uid))];
    // A booking code is six characters: encoding cannot fail, but a missing QR code must not
    // stop the confirmation.
    if let Some(png) = rathaus_qr::Qr::encode(code).ok().and_then(|qr| qr.png(QR_MODULE_PX).ok()) {
        files.push(Attachment {
            filename: "termin-qr.png".to_owned(),
            content_type: "image/png".to_owned(),
            bytes: png,
        });
    }
    files
}

/// The calendar entry that removes a cancelled appointment.
pub fn cancelled(a: &Appointment, d: &Details, origin: &str) -> Vec<Attachment> {
    let uid = uid(a, origin);
    let summary = summary(d);
    // Calendars match the cancellation to the entry by UID and need a higher SEQUENCE.
    let mut cancel = event(a, d, &summary, &d.place_name, &uid);
    cancel.sequence = cancel.sequence.saturating_add(1);
    vec![ics(Method::Cancel, &cancel)]
}
