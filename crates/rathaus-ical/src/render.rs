//! Renders an [`Event`] with a [`Method`] as a complete `VCALENDAR`.

use jiff::Timestamp;

use crate::fold::Lines;
use crate::text::{escape_text, param_value, plain};
use crate::{Event, Method};

/// Product identifier of the generating software.
const PRODID: &str = "-//rathaus//rathaus//DE";

/// The whole iCalendar object for `event`, ready to attach (see [`crate::content_type`]).
pub fn calendar(method: Method, event: &Event<'_>) -> String {
    let mut lines = Lines::default();
    lines.property("BEGIN", "VCALENDAR");
    lines.property("PRODID", PRODID);
    lines.property("VERSION", "2.0");
    lines.property("CALSCALE", "GREGORIAN");
    lines.property("METHOD", method.as_str());
    lines.property("BEGIN", "VEVENT");
    lines.property("UID", &escape_text(event.uid));
    lines.property("SEQUENCE", &event.sequence.to_string());
    lines.property("DTSTAMP", &utc(event.stamp));
    lines.property("DTSTART", &utc(event.start));
    lines.property("DTEND", &utc(event.end));
    lines.property("SUMMARY", &escape_text(event.summary));
    text_unless_empty(&mut lines, "DESCRIPTION", event.description);
    text_unless_empty(&mut lines, "LOCATION", event.location);
    if let Some(url) = event.url {
        lines.property("URL", &plain(url));
    }
    lines.property(&with_cn("ORGANIZER", Some(event.organizer_name)), &mailto(event.organizer_email));
    if let Some(email) = event.attendee_email {
        let name = with_cn("ATTENDEE", event.attendee_name);
        lines.property(&format!("{name};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE"), &mailto(email));
    }
    let status = match method {
        Method::Request => "CONFIRMED",
        Method::Cancel => "CANCELLED",
    };
    lines.property("STATUS", status);
    lines.property("TRANSP", "OPAQUE");
    if let (Method::Request, Some(minutes)) = (method, event.alarm_minutes_before) {
        lines.property("BEGIN", "VALARM");
        lines.property("ACTION", "DISPLAY");
        lines.property("DESCRIPTION", &escape_text(event.summary));
        lines.property("TRIGGER", &trigger(minutes));
        lines.property("END", "VALARM");
    }
    lines.property("END", "VEVENT");
    lines.property("END", "VCALENDAR");
    lines.finish()
}

/// A DATE-TIME in UTC form, e.g. `20261203T090000Z` (sub-seconds are dropped).
fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn text_unless_empty(lines: &mut Lines, name: &str, value: &str) {
    let value = escape_text(value);
    if !value.is_empty() {
        lines.property(name, &value);
    }
}

/// `name` with a `CN` parameter when `cn` is given and not empty after cleaning.
fn with_cn(name: &str, cn: Option<&str>) -> String {
    match cn.map(param_value).filter(|cn| !cn.is_empty()) {
        Some(cn) => format!("{name};CN={cn}"),
        None => name.to_owned(),
    }
}

fn mailto(email: &str) -> String {
    format!("mailto:{}", plain(email))
}

/// A relative TRIGGER before the start, e.g. `-PT30M`.
fn trigger(minutes_before: u32) -> String {
    if minutes_before == 0 { "PT0M".to_owned() } else { format!("-PT{minutes_before}M") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_form() {
        let at: Timestamp = "2026-12-03T10:00:00.5+01:00".parse().expect("valid timestamp");
        assert_eq!(utc(at), "20261203T090000Z");
    }

    #[test]
    fn triggers() {
        assert_eq!(trigger(0), "PT0M");
        assert_eq!(trigger(90), "-PT90M");
    }

    #[test]
    fn cn_left_out_when_empty() {
        assert_eq!(with_cn("ATTENDEE", Some("\"\"")), "ATTENDEE");
        assert_eq!(with_cn("ATTENDEE", None), "ATTENDEE");
        assert_eq!(with_cn("ORGANIZER", Some("Amt, Stadt")), "ORGANIZER;CN=\"Amt, Stadt\"");
    }
}
