//! iCalendar (RFC 5545) objects for the appointment confirmation email: one `VEVENT` in a
//! `VCALENDAR` with an iTIP (RFC 5546) method, so that Outlook, Apple Calendar, Google Calendar
//! and Thunderbird offer to add, update or remove the appointment. Pure: data in, text out.
//!
//! - [`calendar`] renders the whole object: CRLF line endings, lines folded at 75 octets on
//!   UTF-8 character boundaries, TEXT values escaped, times in UTC (`20261203T090000Z`).
//! - [`Method::Request`] is for new and rebooked appointments (`STATUS:CONFIRMED`),
//!   [`Method::Cancel`] for cancellations (`STATUS:CANCELLED`). A calendar matches an update to
//!   the earlier one by [`Event::uid`] and only applies it if [`Event::sequence`] is higher, so
//!   the caller bumps the sequence on every rebooking *and* on the cancellation.
//! - [`content_type`] and [`FILENAME`] are for the MIME part that carries the object.
//!
//! Control characters are removed from every value (a tab becomes a space); newlines survive
//! only in TEXT values, as `\n`. Empty `DESCRIPTION` and `LOCATION` are left out.

mod fold;
mod render;
mod text;

use jiff::Timestamp;

pub use render::calendar;

/// File name for the attachment.
pub const FILENAME: &str = "termin.ics";

/// One appointment as a calendar event. All strings are plain text; escaping is done here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// Globally unique and stable per appointment, e.g. `appointment-42@musterstadt.example`.
    pub uid: &'a str,
    /// Revision of the appointment: 0 first, bumped on every change including cancellation.
    pub sequence: u32,
    /// Start of the appointment; should be before [`Event::end`].
    pub start: Timestamp,
    /// End of the appointment.
    pub end: Timestamp,
    /// When this revision was created (`DTSTAMP`).
    pub stamp: Timestamp,
    /// Title, e.g. `Personalausweis beantragen`.
    pub summary: &'a str,
    /// Longer text (what to bring, booking code); may contain newlines. Omitted when empty.
    pub description: &'a str,
    /// Address of the office. Omitted when empty.
    pub location: &'a str,
    /// Display name of the organizer (the office).
    pub organizer_name: &'a str,
    /// Email address of the organizer, without `mailto:`.
    pub organizer_email: &'a str,
    /// Display name of the citizen; only used together with [`Event::attendee_email`].
    pub attendee_name: Option<&'a str>,
    /// Email address of the citizen, without `mailto:`; no `ATTENDEE` without it.
    pub attendee_email: Option<&'a str>,
    /// Link to the appointment (manage, rebook, cancel).
    pub url: Option<&'a str>,
    /// A display reminder this many minutes before the start (only with [`Method::Request`]).
    pub alarm_minutes_before: Option<u32>,
}

/// The iTIP method of the calendar object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// A new or rebooked appointment.
    Request,
    /// A cancelled appointment.
    Cancel,
}

impl Method {
    /// The method name as used in `METHOD:` and the content type.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// MIME content type of the attachment, including the method (Outlook requires it).
pub fn content_type(method: Method) -> &'static str {
    match method {
        Method::Request => "text/calendar; method=REQUEST; charset=UTF-8",
        Method::Cancel => "text/calendar; method=CANCEL; charset=UTF-8",
    }
}
