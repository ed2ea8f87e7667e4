//! Cancellation: same UID, METHOD:CANCEL, STATUS:CANCELLED, no reminder.

use rathaus_ical::{Event, Method, calendar};

use crate::support::{raw_value, sample, unfold};

#[test]
fn cancel_output() {
    let event = Event { sequence: 2, ..sample() };
    let ics = calendar(Method::Cancel, &event);
    assert_eq!(raw_value(&ics, "METHOD").as_deref(), Some("CANCEL"));
    assert_eq!(raw_value(&ics, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(raw_value(&ics, "UID").as_deref(), Some("appointment-42@musterstadt.example"));
    assert_eq!(raw_value(&ics, "SEQUENCE").as_deref(), Some("2"));
    assert!(!ics.contains("CONFIRMED"));
    assert!(!ics.contains("VALARM"), "a cancelled appointment needs no reminder");
    let lines = unfold(&ics);
    assert!(lines.iter().any(|l| l.starts_with("ORGANIZER;CN=")));
    assert!(lines.iter().any(|l| l.starts_with("ATTENDEE;") && l.ends_with(":mailto:joerg.mueller@example.org")));
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
}
