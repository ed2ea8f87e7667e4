//! A catalogue service → the store's `ServiceFields`, exactly as `rathaus-catalog-store`
//! writes it on import (it is the same function). The integration tests prove the round
//! trip: what this writes, `rathaus_catalog_store::service` and `export` read back unchanged.

use rathaus_catalog::model::Service;
use rathaus_db::catalog::services::ServiceFields;

/// The store fields of a validated service (its slug is well-formed).
pub(super) fn fields(service: &Service, department_id: i64, topic_id: Option<i64>) -> Option<ServiceFields> {
    rathaus_catalog_store::service_fields(service, department_id, topic_id).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_catalog::model::{Service, Text};

    /// The catalogue fields that live in `details` rather than in columns.
    const DETAIL_FIELDS: [&str; 13] = [
        "summary",
        "description",
        "eligibility",
        "documents",
        "fees",
        "legal_basis",
        "processing_time",
        "procedure",
        "deadlines",
        "notes",
        "online_url",
        "keywords",
        "phrasings",
    ];

    #[test]
    fn details_hold_the_texts_and_not_the_columns() {
        let demo = rathaus_catalog::demo_catalog();
        let s = demo.service("hundesteuer-anmelden").unwrap();
        let f = fields(s, 1, Some(2)).unwrap();
        let keys: Vec<&String> = f.details.as_object().unwrap().keys().collect();
        assert!(keys.iter().all(|k| DETAIL_FIELDS.contains(&k.as_str())), "{keys:?}");
        assert!(f.details.get("fees").is_some() && f.details.get("name").is_none());
        assert_eq!(f.details["summary"], serde_json::to_value(&s.summary).unwrap());
        assert_eq!(f.channels, ["online", "walk_in"]);
        let bad = Service { slug: "Nicht gültig".into(), name: Text::new("a", "b"), ..Service::default() };
        assert!(fields(&bad, 1, None).is_none());
    }
}
