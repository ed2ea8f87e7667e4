//! Routing on the Musterstadt demo catalogue: the accuracy floors of the held-out test split
//! (no timing here; latency is measured by `examples/evaluate.rs`), the behaviour the
//! product relies on, and the consistency of the built-in lexicon with the catalogue.

use rathaus_search::analysis::fold::fold;
use rathaus_search::analysis::stem::Stemmers;
use rathaus_search::catalog::demo_index;
use rathaus_search::evaluation::{QUERIES, Split, evaluate, parse_queries};
use rathaus_search::lexicon::{BUILTIN, parse_lexicon};
use rathaus_search::{Index, route_batch_line};
use std::sync::{Arc, OnceLock};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(demo_index)
}

fn first(query: &str) -> String {
    index().route(query, 3).services.first().map(|h| h.id.clone()).unwrap_or_default()
}

#[test]
fn held_out_test_split_meets_the_accuracy_floors() {
    let queries = parse_queries(QUERIES).unwrap();
    let report = evaluate(index(), &queries, Split::Test);
    assert!(report.in_scope >= 100, "{} in-scope test queries", report.in_scope);
    assert!(report.top1_rate() >= 0.90, "top-1 {:.3}, misses: {:#?}", report.top1_rate(), report.misses);
    assert!(report.top3_rate() >= 0.97, "top-3 {:.3}, misses: {:#?}", report.top3_rate(), report.misses);
    assert!(report.confident_out_of_scope_rate() <= 0.2, "false alarms: {:#?}", report.false_alarms);
}

#[test]
fn every_demo_service_is_covered_by_enough_labelled_queries() {
    let queries = parse_queries(QUERIES).unwrap();
    let catalog = rathaus_catalog::demo_catalog();
    for service in &catalog.services {
        let count = queries.iter().filter(|q| q.expected.as_deref() == Some(service.slug.as_str())).count();
        assert!(count >= 8, "{}: {count} queries", service.slug);
    }
    for q in &queries {
        if let Some(slug) = &q.expected {
            assert!(catalog.service(slug).is_some(), "unknown slug {slug}");
        }
    }
}

#[test]
fn out_of_scope_text_is_not_confident() {
    for query in ["Wie wird das Wetter morgen?", "asdfgh", "", "!!!", "der die das", "Pizza Margherita bestellen"] {
        let routing = index().route(query, 3);
        assert!(!routing.confident, "{query:?}: {routing:?}");
    }
    assert!(index().route("asdfgh", 3).services.is_empty());
}

#[test]
fn hits_are_ranked_scored_and_carry_the_department() {
    let routing = index().route("Hund anmelden Steuer", 5);
    assert!(routing.confident);
    assert_eq!(routing.services[0].id, "hundesteuer-anmelden");
    assert_eq!(routing.services[0].department, "steueramt");
    assert!((routing.services[0].score - routing.confidence).abs() < 1e-6);
    assert!(routing.services.len() <= 5);
    for pair in routing.services.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
    assert!(routing.services.iter().all(|h| (0.0..=1.0).contains(&h.score)));
    assert!(index().route("Hund anmelden Steuer", 0).services.is_empty());
}

#[test]
fn umlaut_spellings_and_typos_meet() {
    for query in ["Führungszeugnis", "Fuehrungszeugnis", "fuhrungszeugnis", "Fuhrungszeugnis", "Führungszeugniss"] {
        assert_eq!(first(query), "fuehrungszeugnis", "{query}");
    }
    assert_eq!(first("Sperrmüll"), first("Sperrmuell"));
}

#[test]
fn compounds_are_split_against_the_vocabulary() {
    assert_eq!(first("Hundesteueranmeldung"), "hundesteuer-anmelden");
    assert_eq!(first("Reisepassantrag"), "reisepass-beantragen");
    assert_eq!(first("Personalausweisverlust"), "ausweis-verlust-melden");
    assert_eq!(first("Wohnsitzanmeldung"), "wohnsitz-anmelden");
}

#[test]
fn separable_prefixes_are_not_confused() {
    assert_eq!(first("Wohnsitz anmelden"), "wohnsitz-anmelden");
    assert_eq!(first("Wohnsitz abmelden"), "wohnsitz-abmelden");
    assert_eq!(first("Wohnsitz ummelden"), "wohnsitz-ummelden");
    assert_eq!(first("ich melde mein Auto ab"), "fahrzeug-ausser-betrieb");
    assert_eq!(first("ich melde mein Auto an"), "fahrzeug-zulassen");
}

#[test]
fn colloquial_and_english_words_reach_their_service() {
    assert_eq!(first("mein Perso ist abgelaufen"), "personalausweis-beantragen");
    assert_eq!(first("Köter anmelden"), "hundesteuer-anmelden");
    assert_eq!(first("Nummernschild"), "fahrzeug-zulassen");
    assert_eq!(first("we want to marry"), "eheschliessung-anmelden");
    assert_eq!(first("PIN vergessen"), "eid-pin-ruecksetzen");
}

#[test]
fn every_lexicon_target_occurs_in_the_demo_catalogue() {
    let stemmers = Stemmers::default();
    for rule in parse_lexicon(BUILTIN).unwrap() {
        for target in &rule.targets {
            let known = stemmers.both(&fold(target)).iter().any(|s| index().knows_stem(s));
            assert!(known, "line {}: target {target:?} is not in the demo catalogue", rule.line);
        }
    }
}

#[test]
fn batch_lines_are_json_with_slugs_and_scores() {
    let line = route_batch_line(index(), "Schlagloch melden", 2);
    assert_eq!(line["query"], "Schlagloch melden");
    let services = line["services"].as_array().unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(services[0]["slug"], "strassenschaden-melden");
    assert!(services[0]["score"].as_f64().unwrap() >= services[1]["score"].as_f64().unwrap());
    let text = serde_json::to_string(&line).unwrap();
    assert!(!text.contains('\n'));
}

#[test]
fn index_is_shared_across_threads() {
    let index = Arc::new(demo_index());
    let handles: Vec<_> = ["Sperrmüll", "Briefwahl"]
        .into_iter()
        .map(|q| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || index.route(q, 1).services[0].id.clone())
        })
        .collect();
    let got: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(got, ["sperrmuell-anmelden", "briefwahl-beantragen"]);
}
