//! The JSON documents in the `details` columns: the catalogue fields that nothing queries
//! inside, in the catalogue's own serde shapes (`Text`, `TextList`, `Fee`), so a field keeps
//! exactly what the file said.

use rathaus_catalog::model::{Fee, Text, TextList};
use serde::{Deserialize, Serialize};

/// `services.details`: every service field of the catalogue that is not a column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ServiceDetails {
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub eligibility: Text,
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub documents: TextList,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub keywords: TextList,
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub phrasings: TextList,
}

/// `places.details`: accessibility notes and transport (locations, mobile sites),
/// description and requirements (virtual offices).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PlaceDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility_notes: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "TextList::is_empty")]
    pub requirements: TextList,
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("plain data without non-string map keys always serialises")
}
