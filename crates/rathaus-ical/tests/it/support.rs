//! Test helpers: a sample event and a minimal reader (unfold, unescape, property lookup).

use jiff::Timestamp;
use rathaus_ical::Event;

pub fn ts(s: &str) -> Timestamp {
    s.parse().expect("valid timestamp")
}

pub const LONG_DESCRIPTION: &str = "Bitte bringen Sie Ihren alten Personalausweis, ein biometrisches Passfoto \
    und Ihre Geburtsurkunde mit; die Gebühr beträgt 37,00 €.\nBuchungscode: K7Q-2XR";

/// A sample appointment with umlauts, commas, semicolons and a description that needs folding.
pub fn sample() -> Event<'static> {
    Event {
        uid: "appointment-42@musterstadt.example",
        sequence: 1,
        start: ts("2026-12-03T09:00:00Z"),
        end: ts("2026-12-03T09:15:00Z"),
        stamp: ts("2026-11-20T14:30:05Z"),
        summary: "Personalausweis beantragen, Bürgerbüro",
        description: LONG_DESCRIPTION,
        location: "Rathaus Musterstadt; Marktplatz 1, 12345 Musterstadt",
        organizer_name: "Stadt Musterstadt, Bürgerbüro",
        organizer_email: "buergerbuero@musterstadt.example",
        attendee_name: Some("Jörg Müller"),
        attendee_email: Some("joerg.mueller@example.org"),
        url: Some("https://termine.musterstadt.example/termin/K7Q-2XR"),
        alarm_minutes_before: Some(60),
    }
}

/// Logical lines: CRLF-separated physical lines with continuation lines joined.
pub fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split("\r\n").filter(|l| !l.is_empty()) {
        match (physical.strip_prefix(' '), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(physical.to_owned()),
        }
    }
    lines
}

/// The raw (still escaped) value of the first property `name` (without parameters) outside
/// the `VALARM`, which has a `DESCRIPTION` of its own.
pub fn raw_value(ics: &str, name: &str) -> Option<String> {
    let lines = unfold(ics);
    let before_alarm = lines.iter().take_while(|line| *line != "BEGIN:VALARM");
    let after_alarm = lines.iter().skip_while(|line| *line != "END:VALARM");
    before_alarm.chain(after_alarm).find_map(|line| {
        let rest = line.strip_prefix(name)?;
        rest.strip_prefix(':').map(str::to_owned)
    })
}

/// Reverses TEXT escaping.
pub fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
