//! Properties for arbitrary strings: line length, line endings and a lossless round trip.

use proptest::prelude::*;
use rathaus_ical::{Event, Method, calendar};

use crate::support::{raw_value, sample, unescape, unfold};

/// What survives encoding: control characters removed (tab as space), line breaks as `\n`.
fn expected_text(value: &str) -> String {
    let normalized = value.replace("\r\n", "\n").replace('\r', "\n");
    normalized
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-ZäöüÄÖÜß€😀 ,;:\\\\\"\r\n\t]{0,300}",
        proptest::collection::vec(prop_oneof![Just('\\'), Just('ä'), Just('€'), Just('😀'), Just('n')], 0..200)
            .prop_map(|cs| cs.into_iter().collect()),
    ]
}

proptest! {
    #[test]
    fn lines_are_short_crlf_terminated_and_round_trip(
        summary in text(),
        description in text(),
        location in text(),
        name in text(),
        url in text(),
    ) {
        let event = Event {
            summary: &summary,
            description: &description,
            location: &location,
            organizer_name: &name,
            attendee_name: Some(&name),
            url: Some(&url),
            ..sample()
        };
        let ics = calendar(Method::Request, &event);

        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains('\r') && !line.contains('\n'), "bare CR or LF in {:?}", line);
        }

        let summary_back = raw_value(&ics, "SUMMARY").map(|v| unescape(&v));
        prop_assert_eq!(summary_back, Some(expected_text(&summary)));
        let description_back = raw_value(&ics, "DESCRIPTION").map(|v| unescape(&v));
        let expected_description = Some(expected_text(&description)).filter(|d| !d.is_empty());
        prop_assert_eq!(description_back, expected_description);
        let location_back = raw_value(&ics, "LOCATION").map(|v| unescape(&v));
        prop_assert_eq!(location_back, Some(expected_text(&location)).filter(|l| !l.is_empty()));

        // Structure survives hostile input: every logical line is a known property.
        let names: Vec<String> = unfold(&ics)
            .iter()
            .map(|l| l.split([':', ';']).next().unwrap_or_default().to_owned())
            .collect();
        let known = [
            "BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "METHOD", "UID", "SEQUENCE", "DTSTAMP", "DTSTART",
            "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "ORGANIZER", "ATTENDEE", "STATUS", "TRANSP",
            "ACTION", "TRIGGER",
        ];
        for name in &names {
            prop_assert!(known.contains(&name.as_str()), "unexpected property {:?}", name);
        }
    }
}
