//! A service (Leistung): what a citizen can get done, how, with what, and at which cost.

use super::{Text, TextList};
use crate::LeikaKey;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable URL identifier, e.g. `personalausweis-beantragen`. Never changes once published.
    pub slug: String,
    /// A draft is not shown to citizens and may be incomplete (German name only, no
    /// channels, no English texts yet): services added by an XZuFi import start as drafts,
    /// to be completed and published in the admin pages.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// The `id` of the XZuFi `leistung` this service was imported from (the upsert key of
    /// re-imports). Absent for services written by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xzufi_id: Option<String>,
    /// LeiKa key (Leistungsschlüssel), 14 digits starting with 99. See [`LeikaKey`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leika: Option<String>,
    /// Key of the responsible department.
    pub department: String,
    /// Key of the topic the website lists the service under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub name: Text,
    /// One or two sentences for lists and search results.
    pub summary: Text,
    /// What the service is; paragraphs separated by blank lines.
    pub description: Text,
    /// Who can use it.
    pub eligibility: Text,
    /// What to bring; both lists are translations of each other (same length).
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub documents: TextList,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    /// Citations such as `§ 9 Personalausweisgesetz (PAuswG)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<Text>,
    /// How the procedure runs (Verfahrensablauf).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Text>,
    /// Deadlines the citizen must keep (Fristen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Text>,
    /// Further hints (Hinweise, Besonderheiten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// An external online service (e.g. a federal portal). Without it, the "apply online"
    /// button of the `online` channel leads to rathaus' own online form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
    /// Counter time per person in minutes; required for `appointment` and `walk_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_per_person: Option<u16>,
    /// How many persons one appointment may cover (e.g. a family's passports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_persons: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Synonyms and colloquial words for search ("Perso", "Nummernschild").
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub keywords: TextList,
    /// Typical requests as citizens write them ("mein Ausweis ist abgelaufen").
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub phrasings: TextList,
}

impl Service {
    /// The LeiKa key, if present and well-formed.
    pub fn leika_key(&self) -> Option<LeikaKey> {
        self.leika.as_deref().and_then(|k| LeikaKey::parse(k).ok())
    }

    pub fn offers(&self, channel: Channel) -> bool {
        self.channels.contains(&channel)
    }
}

/// How a citizen can use a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Booked appointment at a counter.
    Appointment,
    /// Without appointment, by drawing a ticket.
    WalkIn,
    /// Online form (or `online_url`).
    Online,
    /// Self-service terminal at a location (photo, signature, fingerprints, printouts).
    Terminal,
    /// Video consultation in a virtual office.
    Video,
    /// Mobile citizen office at a mobile site.
    Mobile,
    /// Picking up a finished document.
    Pickup,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Appointment,
        Channel::WalkIn,
        Channel::Online,
        Channel::Terminal,
        Channel::Video,
        Channel::Mobile,
        Channel::Pickup,
    ];

    /// Channels that take place at a location's counters or devices.
    pub fn is_at_location(self) -> bool {
        matches!(self, Channel::Appointment | Channel::WalkIn | Channel::Terminal | Channel::Pickup)
    }

    pub fn code(self) -> &'static str {
        match self {
            Channel::Appointment => "appointment",
            Channel::WalkIn => "walk_in",
            Channel::Online => "online",
            Channel::Terminal => "terminal",
            Channel::Video => "video",
            Channel::Mobile => "mobile",
            Channel::Pickup => "pickup",
        }
    }
}

/// One fee line. Exactly one of `fixed_cents`, `min_cents`+`max_cents` or `rule` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_cents: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_cents: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cents: Option<u32>,
    /// A described rule when the amount depends on the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
    /// What the amount is charged per; absent means once per procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<FeeUnit>,
}

/// The unit a fee is charged per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeUnit {
    Document,
    Page,
    Year,
    Animal,
}

/// A fee's amount, once the line is well-formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeAmount<'a> {
    Fixed(u32),
    Range { min: u32, max: u32 },
    Rule(&'a Text),
}

impl Fee {
    /// The amount, or `None` if the line is not exactly one of the three forms.
    pub fn amount(&self) -> Option<FeeAmount<'_>> {
        match (self.fixed_cents, self.min_cents, self.max_cents, &self.rule) {
            (Some(c), None, None, None) => Some(FeeAmount::Fixed(c)),
            (None, Some(min), Some(max), None) => Some(FeeAmount::Range { min, max }),
            (None, None, None, Some(rule)) => Some(FeeAmount::Rule(rule)),
            _ => None,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
