//! Reading and writing the format: a minimal document, errors that name their line, and
//! refusal of unknown fields and formats.

use rathaus_catalog::{Catalog, CatalogError};

const MINIMAL: &str = r#"
format: rathaus-catalog/1
departments:
  - key: buergerbuero
    name: { de: Bürgerbüro, en: Citizens' Office }
topics:
  - key: meldewesen
    name: { de: Meldewesen, en: Registration }
services:
  - slug: meldebescheinigung
    leika: "99115003012000"
    department: buergerbuero
    topic: meldewesen
    name: { de: Meldebescheinigung, en: Registration certificate }
    summary: { de: Nachweis der Adresse., en: Proof of address. }
    description: { de: Bescheinigung., en: Certificate. }
    eligibility: { de: Alle., en: Everyone. }
    fees:
      - { label: { de: Gebühr, en: Fee }, fixed_cents: 1000 }
    channels: [online]
    keywords: { de: [Meldebescheinigung, Wohnsitznachweis], en: [proof of address] }
    phrasings: { de: [ich brauche einen Adressnachweis], en: [I need proof of address] }
"#;

#[test]
fn reads_a_minimal_document() {
    let catalog = Catalog::from_yaml(MINIMAL).unwrap();
    assert_eq!(catalog.services.len(), 1);
    let s = &catalog.services[0];
    assert_eq!(s.leika_key().unwrap().as_str(), "99115003012000");
    assert!(catalog.validate().is_empty(), "{:?}", catalog.validate());
    assert_eq!(Catalog::from_yaml(&catalog.to_yaml().unwrap()).unwrap(), catalog);
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn errors_name_the_line() {
    let broken = MINIMAL.replace("    channels: [online]", "    channels: [onlien]");
    let err = Catalog::from_yaml(&broken).unwrap_err();
    let CatalogError::Syntax { line: Some(line), .. } = &err else { panic!("{err}") };
    assert_eq!(*line, line_of(&broken, "[onlien]"), "{err}");
    assert!(err.to_string().contains("onlien"), "{err}");

    let typo = MINIMAL.replace("    eligibility:", "    eligibilty:");
    let err = Catalog::from_yaml(&typo).unwrap_err();
    let line = format!("line {}", line_of(&typo, "eligibilty"));
    assert!(err.to_string().contains("eligibilty") && err.to_string().contains(&line), "{err}");

    let err = Catalog::from_json("{\"format\": \"rathaus-catalog/1\",\n \"services\": [}").unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
}

#[test]
fn refuses_other_formats() {
    let err = Catalog::from_yaml(&MINIMAL.replace("rathaus-catalog/1", "rathaus-catalog/9")).unwrap_err();
    assert!(matches!(err, CatalogError::UnsupportedFormat { .. }), "{err}");
    assert!(Catalog::from_yaml("departments: []").is_err(), "format is required");
}

#[test]
fn the_examples_in_format_md_parse() {
    let doc = include_str!("../../FORMAT.md");
    let blocks: Vec<&str> = doc.split("```yaml\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 4, "{}", blocks.len());
    for block in blocks {
        let yaml = if block.starts_with("services:") || block.starts_with("mobile_sites:") {
            format!("format: rathaus-catalog/1\n{block}")
        } else if block.starts_with("fees:") {
            let indented: String = block.lines().map(|l| format!("    {l}\n")).collect();
            format!(
                "format: rathaus-catalog/1\nservices:\n  - slug: x-y\n    department: d\n    name: {{}}\n    summary: {{}}\n    description: {{}}\n    eligibility: {{}}\n{indented}"
            )
        } else if block.starts_with("opening_hours:") {
            let indented: String = block.lines().map(|l| format!("    {l}\n")).collect();
            format!("format: rathaus-catalog/1\nvirtual_offices:\n  - key: v\n    name: {{}}\n{indented}")
        } else {
            panic!("unexpected example:\n{block}")
        };
        if let Err(e) = Catalog::from_yaml(&yaml) {
            panic!("{e}\n{yaml}");
        }
    }
}
