//! XZuFi 2.2 import: reading texts, identity and responsibility; merging idempotently into
//! the demo catalogue; clear errors for malformed files and foreign namespaces.

use rathaus_catalog::{Catalog, CatalogError, demo_catalog, merge_into, parse_xzufi};

const VALID: &str = include_str!("../data/xzufi-valid.xml");
const MALFORMED: &str = include_str!("../data/xzufi-malformed.xml");
const WRONG_NAMESPACE: &str = include_str!("../data/xzufi-wrong-namespace.xml");

#[test]
fn reads_services_texts_and_responsibility() {
    let import = parse_xzufi(VALID).unwrap();
    assert_eq!(import.services.len(), 3);
    let [ausweis, hund, wbs] = &import.services[..] else { unreachable!() };

    assert_eq!(ausweis.xzufi_id, "NRW/L100012.LB.8001");
    assert_eq!(ausweis.leika.as_ref().unwrap().as_str(), "99008001012000");
    // Leistungsbezeichnung II (03) wins over Leistungsbezeichnung (02).
    assert_eq!(ausweis.name.de, "Personalausweis beantragen");
    assert_eq!(ausweis.name.en, "Apply for an identity card");
    assert_eq!(
        ausweis.description.de,
        "Der Personalausweis ist Ihr amtliches Ausweisdokument.\n\nSie beantragen ihn persönlich bei der Personalausweisbehörde."
    );
    assert_eq!(
        ausweis.documents.de,
        ["bisheriger Personalausweis oder Reisepass", "biometrisches Lichtbild", "gegebenenfalls Geburtsurkunde"]
    );
    assert_eq!(ausweis.eligibility.de, "Sie sind Deutsche oder Deutscher und mindestens 16 Jahre alt.");
    assert_eq!(ausweis.costs.de, "37,00 Euro; unter 24 Jahren 22,80 Euro.");
    assert_eq!(ausweis.processing_time.de, "3 bis 4 Wochen");
    assert_eq!(ausweis.legal_basis, ["§ 1 PAuswG", "§ 9 PAuswG"]);
    assert!(ausweis.summary.de.starts_with("Neuen Personalausweis"));
    assert_eq!(ausweis.keywords.de, ["Perso", "Identitätskarte"]);
    assert_eq!(ausweis.other_texts.len(), 1);
    assert_eq!(ausweis.other_texts[0].label, "Formulare");
    assert_eq!(ausweis.department.as_deref(), Some("NRW/L100012.OE.4711"));

    assert_eq!(hund.name.de, "Hundesteuer Anmeldung");
    assert_eq!(hund.deadlines.de, "Innerhalb von zwei Wochen nach Beginn der Hundehaltung.");
    assert_eq!(hund.department, None);

    assert_eq!(wbs.leika, None);
    assert_eq!(wbs.costs.de, "Gebührenfrei.");
    // Matched although the zustaendigkeit omits the schemeAgencyID.
    assert_eq!(wbs.department.as_deref(), Some("NRW/L100012.OE.4711"));

    let [dept] = &import.departments[..] else { panic!("{:?}", import.departments) };
    assert_eq!(dept.name.de, "Bürgerbüro");
    assert_eq!(dept.email.as_deref(), Some("buergerbuero@musterstadt.example"));
    assert_eq!(dept.phone.as_deref(), Some("+49 1234 5678-100"));
    assert!(import.warnings.iter().any(|w| w.contains("\"fr\"")), "{:?}", import.warnings);
}

#[test]
fn merge_updates_matches_adds_new_and_is_idempotent() {
    let import = parse_xzufi(VALID).unwrap();
    let mut catalog = demo_catalog();
    let english_before = catalog.service("hundesteuer-anmelden").unwrap().name.en.clone();

    let first = merge_into(&mut catalog, &import);
    assert_eq!(first.added, ["wohnberechtigungsschein-beantragen"]);
    assert_eq!(first.updated, ["personalausweis-beantragen", "hundesteuer-anmelden"]);
    assert!(first.departments_added.is_empty(), "Bürgerbüro matched by its key: {first:?}");
    assert_eq!(catalog.services.len(), demo_catalog().services.len() + 1);

    let ausweis = catalog.service("personalausweis-beantragen").unwrap();
    assert_eq!(ausweis.xzufi_id.as_deref(), Some("NRW/L100012.LB.8001"));
    assert_eq!(ausweis.documents.de.len(), 3, "German documents come from the import");
    assert_eq!(
        ausweis.fees,
        demo_catalog().service("personalausweis-beantragen").unwrap().fees,
        "structured fees stay"
    );
    assert!(ausweis.keywords.de.iter().any(|k| k == "Identitätskarte"), "keywords are added");
    let hund = catalog.service("hundesteuer-anmelden").unwrap();
    assert_eq!(hund.name.de, "Hundesteuer Anmeldung");
    assert_eq!(hund.name.en, english_before, "English text kept when the file has none");
    assert_eq!(hund.department, "steueramt", "no responsibility in the file: department kept");
    let wbs = catalog.service("wohnberechtigungsschein-beantragen").unwrap();
    assert_eq!(wbs.department, "buergerbuero");
    assert_eq!(wbs.fees.len(), 1, "cost text becomes a fee rule");

    // The new service is a draft (hidden from citizens until completed), so the merged
    // catalogue can be imported as it is; publishing it requires the missing parts.
    assert!(wbs.draft, "new services from XZuFi are drafts");
    assert_eq!(catalog.validate(), vec![], "a merged catalogue is importable");
    let mut published = catalog.clone();
    published.services.last_mut().unwrap().draft = false;
    let i = published.services.len() - 1;
    let problems = published.validate();
    for path in [format!("services[{i}].name.en"), format!("services[{i}].channels")] {
        assert!(problems.iter().any(|p| p.path == path), "{path}: {problems:?}");
    }

    let after_first = catalog.clone();
    let second = merge_into(&mut catalog, &import);
    assert!(second.added.is_empty() && second.updated.is_empty(), "{second:?}");
    assert_eq!(second.unchanged.len(), 3);
    assert_eq!(catalog, after_first, "a second import changes nothing");
}

#[test]
fn reimport_of_changed_file_updates_in_place() {
    let mut catalog = demo_catalog();
    merge_into(&mut catalog, &parse_xzufi(VALID).unwrap());
    let changed = VALID.replace("Wohnberechtigungsschein beantragen", "Wohnberechtigungsschein (WBS) beantragen");
    let report = merge_into(&mut catalog, &parse_xzufi(&changed).unwrap());
    assert!(report.added.is_empty(), "{report:?}");
    assert_eq!(report.updated, ["wohnberechtigungsschein-beantragen"], "slug stays stable");
    let wbs = catalog.service("wohnberechtigungsschein-beantragen").unwrap();
    assert_eq!(wbs.name.de, "Wohnberechtigungsschein (WBS) beantragen");
}

#[test]
fn malformed_xml_names_the_line_and_changes_nothing() {
    let mut catalog = demo_catalog();
    let err = parse_xzufi(MALFORMED).map(|i| merge_into(&mut catalog, &i)).unwrap_err();
    let CatalogError::Xml { line, .. } = &err else { panic!("{err}") };
    let message = err.to_string();
    assert!(message.contains(&format!("line {line}")), "{message}");
    assert!(message.contains("opened at line 105 is not closed"), "{message}");
    assert_eq!(catalog, demo_catalog());
}

#[test]
fn wrong_namespace_and_empty_files_are_refused() {
    let err = parse_xzufi(WRONG_NAMESPACE).unwrap_err();
    assert!(matches!(err, CatalogError::WrongNamespace { .. }), "{err}");
    assert!(err.to_string().contains("2_1_0") && err.to_string().contains("2_2_0"), "{err}");

    let empty = r#"<xzufi:transfer.operation.010 xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0">
  <xzufi:schreibe/>
</xzufi:transfer.operation.010>"#;
    assert!(matches!(parse_xzufi(empty), Err(CatalogError::NoServices)));

    let no_id = r#"<x:leistungen xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">
  <x:leistung><x:modulText/></x:leistung>
</x:leistungen>"#;
    let err = parse_xzufi(no_id).unwrap_err();
    assert!(matches!(err, CatalogError::InvalidService { line: 2, .. }), "{err}");
}

#[test]
fn merge_into_an_empty_catalog() {
    let mut catalog = Catalog::default();
    let report = merge_into(&mut catalog, &parse_xzufi(VALID).unwrap());
    assert_eq!(report.added.len(), 3);
    assert_eq!(report.departments_added, ["buergerbuero"]);
    let slugs: Vec<&str> = catalog.services.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["personalausweis-beantragen", "hundesteuer-anmeldung", "wohnberechtigungsschein-beantragen"]);
}
