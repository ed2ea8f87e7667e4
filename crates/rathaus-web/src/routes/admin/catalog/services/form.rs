//! The service form (pure): every field of a catalogue service as entered, turned into a
//! `rathaus_catalog::model::Service` with the errors the form itself can tell (slug, LeiKa
//! key, references, numbers, fees, channels). The catalogue's rules (texts in both
//! languages, keywords, …) are checked afterwards on the whole catalogue, see `edit.rs`.

use super::super::values::{Pairs, join_lines, lines, number, optional, optional_text, text, text_list};
use super::fees::{self, FeeInput};
use crate::{forms::FormErrors, i18n::Tr};
use rathaus_catalog::model::{Channel, Service, Text, TextList};
use rathaus_catalog::{LeikaKey, slug_from_name};
use rathaus_domain::{Language, Slug};

/// The service form as entered (or as stored). Lists are one entry per line.
#[derive(Debug, Clone, Default)]
pub(in crate::routes::admin::catalog) struct ServiceInput {
    pub slug: String,
    pub leika: String,
    /// Id of the department.
    pub department: String,
    /// Id of the topic; empty for none.
    pub topic: String,
    pub name_de: String,
    pub name_en: String,
    pub summary_de: String,
    pub summary_en: String,
    pub description_de: String,
    pub description_en: String,
    pub eligibility_de: String,
    pub eligibility_en: String,
    pub documents_de: String,
    pub documents_en: String,
    pub fees: Vec<FeeInput>,
    pub legal_basis: String,
    pub processing_time_de: String,
    pub processing_time_en: String,
    pub procedure_de: String,
    pub procedure_en: String,
    pub deadlines_de: String,
    pub deadlines_en: String,
    pub notes_de: String,
    pub notes_en: String,
    pub online_url: String,
    pub minutes_per_person: String,
    pub max_persons: String,
    /// Channel codes.
    pub channels: Vec<String>,
    pub keywords_de: String,
    pub keywords_en: String,
    pub phrasings_de: String,
    pub phrasings_en: String,
    pub active: bool,
}

fn de_en(t: &Option<Text>) -> (String, String) {
    t.as_ref().map(|t| (t.de.clone(), t.en.clone())).unwrap_or_default()
}

fn list_lines(l: &TextList) -> (String, String) {
    (join_lines(&l.de), join_lines(&l.en))
}

impl ServiceInput {
    /// A new service: active, with no channel chosen yet.
    pub(super) fn blank() -> Self {
        ServiceInput { active: true, ..ServiceInput::default() }
    }

    pub(super) fn from_service(s: &Service, department: i64, topic: Option<i64>, active: bool, lang: Language) -> Self {
        let (processing_time_de, processing_time_en) = de_en(&s.processing_time);
        let (procedure_de, procedure_en) = de_en(&s.procedure);
        let (deadlines_de, deadlines_en) = de_en(&s.deadlines);
        let (notes_de, notes_en) = de_en(&s.notes);
        let (documents_de, documents_en) = list_lines(&s.documents);
        let (keywords_de, keywords_en) = list_lines(&s.keywords);
        let (phrasings_de, phrasings_en) = list_lines(&s.phrasings);
        ServiceInput {
            slug: s.slug.clone(),
            leika: s.leika.clone().unwrap_or_default(),
            department: department.to_string(),
            topic: topic.map(|t| t.to_string()).unwrap_or_default(),
            name_de: s.name.de.clone(),
            name_en: s.name.en.clone(),
            summary_de: s.summary.de.clone(),
            summary_en: s.summary.en.clone(),
            description_de: s.description.de.clone(),
            description_en: s.description.en.clone(),
            eligibility_de: s.eligibility.de.clone(),
            eligibility_en: s.eligibility.en.clone(),
            documents_de,
            documents_en,
            fees: s.fees.iter().map(|f| FeeInput::from_fee(f, lang)).collect(),
            legal_basis: join_lines(&s.legal_basis),
            processing_time_de,
            processing_time_en,
            procedure_de,
            procedure_en,
            deadlines_de,
            deadlines_en,
            notes_de,
            notes_en,
            online_url: s.online_url.clone().unwrap_or_default(),
            minutes_per_person: s.minutes_per_person.map(|m| m.to_string()).unwrap_or_default(),
            max_persons: s.max_persons.map(|m| m.to_string()).unwrap_or_default(),
            channels: s.channels.iter().map(|c| c.code().to_owned()).collect(),
            keywords_de,
            keywords_en,
            phrasings_de,
            phrasings_en,
            active,
        }
    }

    pub(super) fn from_pairs(pairs: &[(String, String)]) -> Self {
        let p = Pairs(pairs);
        ServiceInput {
            slug: p.get("slug"),
            leika: p.get("leika"),
            department: p.get("department"),
            topic: p.get("topic"),
            name_de: p.get("name_de"),
            name_en: p.get("name_en"),
            summary_de: p.get("summary_de"),
            summary_en: p.get("summary_en"),
            description_de: p.get("description_de"),
            description_en: p.get("description_en"),
            eligibility_de: p.get("eligibility_de"),
            eligibility_en: p.get("eligibility_en"),
            documents_de: p.get("documents_de"),
            documents_en: p.get("documents_en"),
            fees: fees::rows_from_pairs(&p),
            legal_basis: p.get("legal_basis"),
            processing_time_de: p.get("processing_time_de"),
            processing_time_en: p.get("processing_time_en"),
            procedure_de: p.get("procedure_de"),
            procedure_en: p.get("procedure_en"),
            deadlines_de: p.get("deadlines_de"),
            deadlines_en: p.get("deadlines_en"),
            notes_de: p.get("notes_de"),
            notes_en: p.get("notes_en"),
            online_url: p.get("online_url"),
            minutes_per_person: p.get("minutes_per_person"),
            max_persons: p.get("max_persons"),
            channels: p.all("channels"),
            keywords_de: p.get("keywords_de"),
            keywords_en: p.get("keywords_en"),
            phrasings_de: p.get("phrasings_de"),
            phrasings_en: p.get("phrasings_en"),
            active: p.ticked("active"),
        }
    }
}

/// The fields in the order the form shows them (for the error summary).
pub(super) const FIELD_ORDER: &[&str] = &[
    "slug",
    "leika",
    "department",
    "topic",
    "active",
    "name_de",
    "name_en",
    "summary_de",
    "summary_en",
    "description_de",
    "description_en",
    "eligibility_de",
    "eligibility_en",
    "documents_de",
    "documents_en",
    "fee",
    "fee_label_de",
    "fee_label_en",
    "fee_fixed",
    "fee_min",
    "fee_max",
    "fee_rule_de",
    "fee_rule_en",
    "fee_per",
    "legal_basis",
    "processing_time_de",
    "processing_time_en",
    "procedure_de",
    "procedure_en",
    "deadlines_de",
    "deadlines_en",
    "notes_de",
    "notes_en",
    "online_url",
    "channels",
    "minutes_per_person",
    "max_persons",
    "keywords_de",
    "keywords_en",
    "phrasings_de",
    "phrasings_en",
];

/// Slugs that are paths of the admin pages themselves.
const RESERVED_SLUGS: [&str; 1] = ["new"];

/// Departments and topics of the tenant: `(id, key)`.
pub(super) struct References {
    pub departments: Vec<(i64, String)>,
    pub topics: Vec<(i64, String)>,
}

/// The form turned into a service, with what the store needs besides.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    pub service: Service,
    pub department_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub active: bool,
    /// The form row of each fee, to put the catalogue's fee problems at the right row.
    pub fee_rows: Vec<usize>,
}

fn reference(list: &[(i64, String)], value: &str) -> Option<(i64, String)> {
    let id: i64 = value.trim().parse().ok()?;
    list.iter().find(|(i, _)| *i == id).cloned()
}

/// Parses the form. `stored` is the service being edited (its slug and XZuFi id stay).
pub(super) fn parse(tr: Tr, input: &ServiceInput, refs: &References, stored: Option<&Service>) -> (Parsed, FormErrors) {
    let mut errors = FormErrors::new();
    let slug = match stored {
        Some(s) => s.slug.clone(),
        None if input.slug.trim().is_empty() && input.name_de.trim().is_empty() => {
            errors.add("slug", tr.t("admin-catalog-invalid-slug-missing"));
            String::new()
        }
        None if input.slug.trim().is_empty() => slug_from_name(&input.name_de),
        None => errors.check(tr, "slug", Slug::parse(&input.slug)).map(|s| s.as_str().to_owned()).unwrap_or_default(),
    };
    if stored.is_none() && RESERVED_SLUGS.contains(&slug.as_str()) {
        errors.add("slug", tr.t("admin-catalog-invalid-slug-reserved"));
    }
    let leika = match optional(&input.leika) {
        None => None,
        Some(k) => match LeikaKey::parse(&k) {
            Ok(key) => Some(key.as_str().to_owned()),
            Err(_) => {
                errors.add("leika", tr.t("admin-catalog-invalid-leika"));
                Some(k)
            }
        },
    };
    let department = reference(&refs.departments, &input.department);
    if department.is_none() {
        errors.add("department", tr.t("admin-catalog-invalid-department"));
    }
    let topic = match input.topic.trim() {
        "" => None,
        value => {
            let found = reference(&refs.topics, value);
            if found.is_none() {
                errors.add("topic", tr.t("admin-catalog-invalid-topic"));
            }
            found
        }
    };
    let minutes_per_person = match number::<u16>(&input.minutes_per_person) {
        Some(Ok(m)) if (1..=480).contains(&m) => Some(m),
        None => None,
        Some(_) => {
            errors.add("minutes_per_person", tr.t("admin-catalog-invalid-minutes"));
            None
        }
    };
    let max_persons = match number::<u8>(&input.max_persons) {
        Some(Ok(n)) if (1..=20).contains(&n) => Some(n),
        None => None,
        Some(_) => {
            errors.add("max_persons", tr.t("admin-catalog-invalid-persons"));
            None
        }
    };
    let mut channels = Vec::new();
    for code in &input.channels {
        match Channel::ALL.iter().find(|c| c.code() == code) {
            Some(c) if !channels.contains(c) => channels.push(*c),
            Some(_) => {}
            None => errors.add("channels", tr.t("admin-catalog-invalid-channel")),
        }
    }
    let (fees, fee_rows) = fees::parse_rows(tr, &input.fees, &mut errors);
    let service = Service {
        slug,
        // An inactive service is a draft: it may stay incomplete until it is published.
        draft: !input.active,
        xzufi_id: stored.and_then(|s| s.xzufi_id.clone()),
        leika,
        department: department.as_ref().map(|(_, key)| key.clone()).unwrap_or_default(),
        topic: topic.as_ref().map(|(_, key)| key.clone()),
        name: text(&input.name_de, &input.name_en),
        summary: text(&input.summary_de, &input.summary_en),
        description: text(&input.description_de, &input.description_en),
        eligibility: text(&input.eligibility_de, &input.eligibility_en),
        documents: text_list(&input.documents_de, &input.documents_en),
        fees,
        legal_basis: lines(&input.legal_basis),
        processing_time: optional_text(&input.processing_time_de, &input.processing_time_en),
        procedure: optional_text(&input.procedure_de, &input.procedure_en),
        deadlines: optional_text(&input.deadlines_de, &input.deadlines_en),
        notes: optional_text(&input.notes_de, &input.notes_en),
        online_url: optional(&input.online_url),
        minutes_per_person,
        max_persons,
        channels,
        keywords: text_list(&input.keywords_de, &input.keywords_en),
        phrasings: text_list(&input.phrasings_de, &input.phrasings_en),
    };
    let parsed = Parsed {
        service,
        department_id: department.map(|(id, _)| id),
        topic_id: topic.map(|(id, _)| id),
        active: input.active,
        fee_rows,
    };
    (parsed, errors)
}

/// The names of the service fields that differ (for the audit log).
pub(super) fn changed_fields(before: &Service, after: &Service) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    // `draft` mirrors the active flag, which the caller records as "active".
    keys.into_iter().filter(|k| *k != "draft" && a.get(*k) != b.get(*k)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_domain::Language;

    fn refs() -> References {
        References { departments: vec![(7, "steueramt".into())], topics: vec![(3, "steuern-abgaben".into())] }
    }

    fn input() -> ServiceInput {
        ServiceInput {
            leika: " 99102013104000 ".into(),
            department: "7".into(),
            topic: "3".into(),
            name_de: "Hundesteuer – Anmeldung".into(),
            name_en: "Dog tax".into(),
            minutes_per_person: "10".into(),
            max_persons: "2".into(),
            channels: vec!["walk_in".into(), "online".into(), "walk_in".into()],
            keywords_de: "Hundemarke\r\n\r\nWelpe\r\n".into(),
            legal_basis: "§ 3 KAG NRW\n".into(),
            ..ServiceInput::blank()
        }
    }

    fn fields(errors: &FormErrors) -> Vec<&str> {
        errors.items.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn builds_the_catalogue_service() {
        let (p, errors) = parse(Tr(Language::De), &input(), &refs(), None);
        assert!(errors.is_empty(), "{errors:?}");
        let s = &p.service;
        assert_eq!(s.slug, "hundesteuer-anmeldung", "derived from the German name");
        assert_eq!(s.leika.as_deref(), Some("99102013104000"));
        assert_eq!((s.department.as_str(), s.topic.as_deref()), ("steueramt", Some("steuern-abgaben")));
        assert_eq!(s.channels, [Channel::WalkIn, Channel::Online]);
        assert_eq!(s.keywords.de, ["Hundemarke", "Welpe"]);
        assert_eq!(s.legal_basis, ["§ 3 KAG NRW"]);
        assert_eq!((p.department_id, p.topic_id, p.active), (Some(7), Some(3), true));
        assert_eq!(s.processing_time, None);
    }

    #[test]
    fn names_what_the_form_itself_can_tell() {
        let bad = ServiceInput {
            slug: "Hunde Steuer".into(),
            leika: "12345".into(),
            department: "8".into(),
            topic: "x".into(),
            minutes_per_person: "0".into(),
            max_persons: "300".into(),
            channels: vec!["fax".into()],
            ..input()
        };
        let (_, errors) = parse(Tr(Language::De), &bad, &refs(), None);
        assert_eq!(
            fields(&errors),
            ["slug", "leika", "department", "topic", "minutes_per_person", "max_persons", "channels"]
        );
        let reserved = ServiceInput { slug: "new".into(), ..input() };
        assert_eq!(fields(&parse(Tr(Language::De), &reserved, &refs(), None).1), ["slug"]);
        let nameless = ServiceInput { name_de: String::new(), ..ServiceInput::blank() };
        assert_eq!(fields(&parse(Tr(Language::De), &nameless, &refs(), None).1), ["slug", "department"]);
    }

    #[test]
    fn an_edited_service_keeps_slug_and_xzufi_id_and_round_trips() {
        let stored = Service {
            slug: "hundesteuer-anmelden".into(),
            xzufi_id: Some("NRW/L100012.LB.8002".into()),
            ..parse(Tr(Language::De), &input(), &refs(), None).0.service
        };
        let form = ServiceInput::from_service(&stored, 7, Some(3), true, Language::De);
        let (again, errors) =
            parse(Tr(Language::De), &ServiceInput { slug: "neu".into(), ..form }, &refs(), Some(&stored));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(again.service, stored);
        assert!(changed_fields(&stored, &again.service).is_empty());
        let renamed = Service { name: Text::new("Hund", "Dog"), ..stored.clone() };
        assert_eq!(changed_fields(&stored, &renamed), ["name"]);
    }
}
