//! Adapter from the service catalogue (`rathaus_catalog::Catalog`) to the engine's
//! [`Document`]s. The only place that knows the catalogue format.

use crate::document::{Document, Field};
use crate::index::Index;
use rathaus_catalog::Catalog;
use rathaus_catalog::model::{Text, TextList};

/// One document per service: names (and the slug's words, an editor's canonical name such
/// as "wohnsitz ummelden"), keywords, phrasings, summary and description in both languages;
/// eligibility, documents to bring, department and topic names as `Other`.
pub fn documents_from_catalog(catalog: &Catalog) -> Vec<Document> {
    catalog
        .services
        .iter()
        .map(|service| {
            let mut fields = Vec::new();
            push_text(&mut fields, Field::Name, &service.name);
            fields.push((Field::Name, service.slug.replace('-', " ")));
            push_list(&mut fields, Field::Keyword, &service.keywords);
            push_list(&mut fields, Field::Phrasing, &service.phrasings);
            push_text(&mut fields, Field::Summary, &service.summary);
            push_text(&mut fields, Field::Description, &service.description);
            push_text(&mut fields, Field::Other, &service.eligibility);
            push_list(&mut fields, Field::Other, &service.documents);
            if let Some(department) = catalog.department(&service.department) {
                push_text(&mut fields, Field::Other, &department.name);
            }
            if let Some(topic) = service.topic.as_deref().and_then(|key| catalog.topics.iter().find(|t| t.key == key)) {
                push_text(&mut fields, Field::Other, &topic.name);
            }
            Document { id: service.slug.clone(), department: service.department.clone(), fields }
        })
        .collect()
}

/// The index of the Musterstadt demo catalogue (`rathaus route --demo`).
pub fn demo_index() -> Index {
    Index::build(&documents_from_catalog(&rathaus_catalog::demo_catalog()))
}

fn push_text(fields: &mut Vec<(Field, String)>, field: Field, text: &Text) {
    for s in [&text.de, &text.en] {
        if !s.trim().is_empty() {
            fields.push((field, s.clone()));
        }
    }
}

fn push_list(fields: &mut Vec<(Field, String)>, field: Field, list: &TextList) {
    for s in list.de.iter().chain(&list.en) {
        if !s.trim().is_empty() {
            fields.push((field, s.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_service_becomes_a_document() {
        let catalog = rathaus_catalog::demo_catalog();
        let docs = documents_from_catalog(&catalog);
        assert_eq!(docs.len(), catalog.services.len());
        let passport = docs.iter().find(|d| d.id == "reisepass-beantragen").unwrap();
        assert_eq!(passport.department, "buergerbuero");
        assert!(passport.fields.contains(&(Field::Name, "Reisepass beantragen".to_owned())));
        assert!(passport.fields.iter().any(|(f, _)| *f == Field::Keyword));
    }
}
