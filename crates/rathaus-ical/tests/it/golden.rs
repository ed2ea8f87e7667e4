//! Golden output of a sample confirmation, and reading the values back.

use rathaus_ical::{Method, calendar, content_type};

use crate::support::{LONG_DESCRIPTION, raw_value, sample, unescape, unfold};

const GOLDEN: &[&str] = &[
    "BEGIN:VCALENDAR",
    "PRODID:-//rathaus//rathaus//DE",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    "UID:appointment-42@musterstadt.example",
    "SEQUENCE:1",
    "DTSTAMP:20261120T143005Z",
    "DTSTART:20261203T090000Z",
    "DTEND:20261203T091500Z",
    "SUMMARY:Personalausweis beantragen\\, Bürgerbüro",
    "DESCRIPTION:Bitte bringen Sie Ihren alten Personalausweis\\, ein biometrisch",
    " es Passfoto und Ihre Geburtsurkunde mit\\; die Gebühr beträgt 37\\,00 €.",
    " \\nBuchungscode: K7Q-2XR",
    "LOCATION:Rathaus Musterstadt\\; Marktplatz 1\\, 12345 Musterstadt",
    "URL:https://termine.musterstadt.example/termin/K7Q-2XR",
    "ORGANIZER;CN=\"Stadt Musterstadt, Bürgerbüro\":mailto:buergerbuero@musterst",
    " adt.example",
    "ATTENDEE;CN=Jörg Müller;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE",
    " :mailto:joerg.mueller@example.org",
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Personalausweis beantragen\\, Bürgerbüro",
    "TRIGGER:-PT60M",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
];

#[test]
fn request_matches_golden_output() {
    let expected: String = GOLDEN.iter().map(|line| format!("{line}\r\n")).collect();
    assert_eq!(calendar(Method::Request, &sample()), expected);
}

#[test]
fn no_physical_line_exceeds_75_octets() {
    let ics = calendar(Method::Request, &sample());
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[test]
fn unfolding_gives_back_the_escaped_value() {
    let ics = calendar(Method::Request, &sample());
    let description = raw_value(&ics, "DESCRIPTION").expect("DESCRIPTION present");
    assert_eq!(
        description,
        "Bitte bringen Sie Ihren alten Personalausweis\\, ein biometrisches Passfoto und Ihre Geburtsurkunde \
         mit\\; die Gebühr beträgt 37\\,00 €.\\nBuchungscode: K7Q-2XR"
    );
    assert_eq!(unescape(&description), LONG_DESCRIPTION);
    let organizer = unfold(&ics).into_iter().find(|l| l.starts_with("ORGANIZER")).expect("ORGANIZER present");
    assert!(organizer.ends_with(":mailto:buergerbuero@musterstadt.example"));
}

#[test]
fn without_optional_parts() {
    let event = rathaus_ical::Event {
        description: "",
        location: "\r\n",
        attendee_name: Some("Jörg Müller"),
        attendee_email: None,
        url: None,
        alarm_minutes_before: None,
        ..sample()
    };
    let ics = calendar(Method::Request, &event);
    for absent in ["DESCRIPTION", "ATTENDEE", "URL", "VALARM"] {
        assert!(!ics.contains(absent), "{absent} in {ics}");
    }
    // A location of only a line break still escapes to `\n` and is kept.
    assert_eq!(raw_value(&ics, "LOCATION").as_deref(), Some("\\n"));
}

#[test]
fn attendee_without_name_has_no_cn() {
    let event = rathaus_ical::Event { attendee_name: None, ..sample() };
    let ics = calendar(Method::Request, &event);
    let attendee = unfold(&ics).into_iter().find(|l| l.starts_with("ATTENDEE")).expect("ATTENDEE present");
    assert_eq!(attendee, "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:joerg.mueller@example.org");
}

#[test]
fn content_types() {
    assert_eq!(content_type(Method::Request), "text/calendar; method=REQUEST; charset=UTF-8");
    assert_eq!(content_type(Method::Cancel), "text/calendar; method=CANCEL; charset=UTF-8");
    assert_eq!(rathaus_ical::FILENAME, "termin.ics");
}
