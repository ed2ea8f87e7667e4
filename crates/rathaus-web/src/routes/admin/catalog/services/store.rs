//! A catalogue service → the store's `ServiceFields`, exactly as `rathaus-catalog-store`
//! writes it on import: the queried fields as columns, every other catalogue field in the
//! `details` JSON in the catalogue's own serde shape. The integration tests prove the round
//! trip: what this writes, `rathaus_catalog_store::service` and `export` read back unchanged.

use rathaus_catalog::model::Service;
use rathaus_db::catalog::services::ServiceFields;
use rathaus_domain::Slug;

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

fn details(service: &Service) -> serde_json::Value {
    let mut details = serde_json::Map::new();
    if let Ok(serde_json::Value::Object(all)) = serde_json::to_value(service) {
        for (key, value) in all {
            if DETAIL_FIELDS.contains(&key.as_str()) {
                details.insert(key, value);
            }
        }
    }
    serde_json::Value::Object(details)
}

/// The store fields of a validated service (its slug is well-formed).
pub(super) fn fields(service: &Service, department_id: i64, topic_id: Option<i64>) -> Option<ServiceFields> {
    Some(ServiceFields {
        slug: Slug::parse(&service.slug).ok()?,
        leika: service.leika.clone(),
        xzufi_id: service.xzufi_id.clone(),
        department_id,
        topic_id,
        name_de: service.name.de.clone(),
        name_en: service.name.en.clone(),
        minutes_per_person: service.minutes_per_person,
        max_persons: service.max_persons,
        channels: service.channels.iter().map(|c| c.code().to_owned()).collect(),
        details: details(service),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_catalog::model::Text;

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
