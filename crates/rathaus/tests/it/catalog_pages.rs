//! The public catalogue pages: the start page as search, results (confident, unsure, empty,
//! too long), A–Z in German order, topics, service pages (fees, documents, places, actions),
//! location pages (hours, exceptions, status, mobile sessions, video office) and tenant
//! isolation, on both engines.

use crate::app_test;
use crate::support::*;
use axum::http::StatusCode;
use jiff::ToSpan;
use rathaus_db::catalog::{collation::german_key, departments, hours, places, services};
use rathaus_db::{TenantId, tenants};
use rathaus_domain::{Slug, opening_hours::DayHours};

const EN: &[(&str, &str)] = &[("accept-language", "en")];

/// The slugs of the service links (`href="/leistungen/…"`) in the order they appear.
fn service_links(body: &str) -> Vec<String> {
    body.split("href=\"/leistungen/").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

async fn tenant_id(app: &TestApp, host: &str) -> TenantId {
    tenants::find_by_host(&app.db.db, host).await.unwrap().expect("demo tenant").tenant_id()
}

app_test!(async fn the_start_page_is_the_search(app) {
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    let body = &res.body;
    assert!(body.contains("<html lang=\"de\""));
    assert!(body.contains("<h1>Willkommen im Bürgerbüro"), "a meaningful h1");
    assert!(body.contains("method=\"get\" action=\"/suche\""), "the search is a GET form");
    assert!(body.contains("<label class=\"label search-label\" for=\"q\">Was möchten Sie erledigen?</label>"));
    assert!(body.contains("id=\"q\" name=\"q\" type=\"search\""));
    assert!(body.contains("href=\"/suche?q=Mein+Personalausweis+ist+abgelaufen\""), "example queries are links");
    assert!(body.contains("href=\"/themen/pass-ausweis\">Pass- und Ausweiswesen</a>"), "topics as cards");
    assert!(body.contains("href=\"/leistungen\""), "link to A–Z");
    assert!(body.contains("id=\"contact-heading\""), "the contact panel stays");

    let en = c.get_with("/", EN).await;
    assert!(en.body.contains("<html lang=\"en\"") && en.body.contains("What do you need to do?"));
    assert!(en.body.contains(">Passports and ID cards</a>"));
});

app_test!(async fn colloquial_german_finds_the_identity_card_first(app) {
    let res = app.client(MUSTERSTADT).get("/suche?q=mein+Perso+ist+abgelaufen").await;
    assert_eq!(res.status, StatusCode::OK);
    let hits = service_links(&res.body);
    assert_eq!(hits.first().map(String::as_str), Some("personalausweis-beantragen"), "{hits:?}");
    assert!(hits.len() <= 5);
    assert!(res.body.contains("Ergebnisse für „mein Perso ist abgelaufen“"));
    assert!(res.body.contains("Bürgerbüro"), "the department is shown");
    assert!(res.body.contains("Einen neuen Personalausweis beantragen"), "with its summary");
    assert!(res.body.contains("value=\"mein Perso ist abgelaufen\""), "the form keeps the query");
});

app_test!(async fn english_moving_house_finds_residence_registration(app) {
    let res = app.client(MUSTERSTADT).get_with("/suche?q=I+moved+to+a+new+flat", EN).await;
    assert_eq!(res.status, StatusCode::OK);
    let hits = service_links(&res.body);
    assert!(hits.iter().take(3).any(|s| s.starts_with("wohnsitz")), "{hits:?}");
    assert!(res.body.contains("<html lang=\"en\"") && res.body.contains("Results for"));
});

app_test!(async fn gibberish_is_not_guessed_but_answered_with_the_contact(app) {
    let res = app.client(MUSTERSTADT).get("/suche?q=xqzt+vlorp+brzzk").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Wir sind nicht sicher, was Sie suchen"));
    assert!(res.body.contains("Allgemeine Anfragen"));
    assert!(res.body.contains("mailto:buergerbuero@musterstadt.example"), "tenant / Bürgerbüro e-mail");
    assert!(res.body.contains("tel:+49 1234 5678-0"), "the town hall's phone");
    assert!(res.body.contains("tel:+49 1234 5678-100"), "the Bürgerbüro's phone");

    let en = app.client(MUSTERSTADT).get_with("/suche?q=xqzt+vlorp+brzzk", EN).await;
    assert!(en.body.contains("not sure") && en.body.contains("General enquiries"));
});

app_test!(async fn an_empty_query_returns_to_the_form_with_an_error(app) {
    let mut c = app.client(MUSTERSTADT);
    for path in ["/suche?q=", "/suche?q=+++", "/suche"] {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.contains("class=\"error-summary\""), "{path}");
        assert!(res.body.contains("<a href=\"#q\">Geben Sie ein, was Sie erledigen möchten.</a>"), "{path}");
        assert!(res.body.contains("aria-invalid=\"true\""), "{path}");
        assert!(res.body.contains("<title>Fehler: "), "{path}");
        assert!(service_links(&res.body).is_empty());
    }
});

app_test!(async fn a_very_long_query_is_cut_safely(app) {
    let long = format!("Personalausweis {}", "ä<b>".repeat(300));
    let path = format!("/suche?{}", serde_urlencoded::to_string([("q", long.as_str())]).unwrap());
    let res = app.client(MUSTERSTADT).get(&path).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("nur die ersten 500 Zeichen"), "the page says so");
    assert!(!res.body.contains("<b>"), "the query is escaped");
    let value = res.body.split("name=\"q\" type=\"search\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let shown = value.replace("&lt;", "<").replace("&gt;", ">").replace("&#60;", "<").replace("&#62;", ">");
    assert!(shown.chars().count() <= 500, "{} characters", shown.chars().count());
});

app_test!(async fn a_to_z_lists_every_service_in_german_order(app) {
    let db = &app.db.db;
    let t = tenant_id(&app, MUSTERSTADT).await;
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/leistungen").await;
    assert_eq!(res.status, StatusCode::OK);
    let slugs = service_links(&res.body);
    assert_eq!(slugs.len(), 28, "{slugs:?}");
    let mut expected = services::list(db, t).await.unwrap();
    expected.sort_by_key(|s| german_key(&s.name_de));
    assert_eq!(slugs, expected.iter().map(|s| s.slug.clone()).collect::<Vec<_>>());
    let pos = |slug: &str| slugs.iter().position(|s| s == slug).unwrap();
    assert!(pos("fuehrerschein-umtauschen") < pos("fundsachen"), "ü sorts as u, not after z");
    assert!(res.body.contains("href=\"#buchstabe-a\"") && res.body.contains("id=\"buchstabe-a\""));
    assert!(!res.body.contains("href=\"#buchstabe-x\""), "only letters with services");

    // A name with an umlaut files under its base letter.
    let department = departments::get_by_key(db, t, "buergerbuero").await.unwrap().unwrap();
    let fields = services::ServiceFields {
        slug: Slug::parse("aenderung-familienname").unwrap(),
        leika: None,
        xzufi_id: None,
        department_id: department.id,
        topic_id: None,
        name_de: "Änderung des Familiennamens".into(),
        name_en: "Change of surname".into(),
        minutes_per_person: None,
        max_persons: None,
        channels: vec!["online".into()],
        details: serde_json::json!({}),
    };
    services::create(db, t, &fields).await.unwrap();
    let res = c.get("/leistungen").await;
    let a_group = res.body.split("id=\"buchstabe-a\"").nth(1).unwrap().split("id=\"buchstabe-b\"").next().unwrap();
    let a_slugs = service_links(a_group);
    assert_eq!(a_slugs.first().map(String::as_str), Some("aenderung-familienname"), "Ä under A: {a_slugs:?}");
    assert!(a_slugs.contains(&"aufenthaltstitel".to_owned()));

    let en = c.get_with("/leistungen", EN).await;
    assert!(en.body.contains("Services from A to Z") && en.body.contains(">Apply for an identity card</a>"));
});

app_test!(async fn kleindorf_lists_only_its_six_services(app) {
    let res = app.client(KLEINDORF).get("/leistungen").await;
    let mut slugs = service_links(&res.body);
    slugs.sort();
    let mut expected = rathaus_catalog_store::demo::KLEINDORF_SERVICES.map(str::to_owned).to_vec();
    expected.sort();
    assert_eq!(slugs, expected);
    assert!(!res.body.contains("Musterstadt"));
});

app_test!(async fn topics_list_and_group_services(app) {
    let mut c = app.client(MUSTERSTADT);
    let list = c.get("/themen").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("href=\"/themen/meldewesen\">Meldewesen</a>"));
    let topic = c.get("/themen/pass-ausweis").await;
    assert_eq!(topic.status, StatusCode::OK);
    assert!(topic.body.contains("<h1>Pass- und Ausweiswesen</h1>"));
    let slugs = service_links(&topic.body);
    assert!(slugs.contains(&"personalausweis-beantragen".to_owned()) && !slugs.contains(&"sperrmuell-anmelden".to_owned()));
    assert_eq!(c.get("/themen/gibt-es-nicht").await.status, StatusCode::NOT_FOUND);
    assert!(c.get_with("/themen/pass-ausweis", EN).await.body.contains("<h1>Passports and ID cards</h1>"));
});

app_test!(async fn the_identity_card_page_has_everything_a_citizen_needs(app) {
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/leistungen/personalausweis-beantragen").await;
    assert_eq!(res.status, StatusCode::OK);
    let body = &res.body;
    assert!(body.contains("<h1>Personalausweis beantragen</h1>"));
    for text in [
        "37,00 €",
        "22,80 €",
        "Bisheriger Personalausweis oder Reisepass (auch wenn abgelaufen)",
        "Deutsche Staatsangehörige mit Hauptwohnsitz",
        "§ 9 PAuswG – Ausstellung des Ausweises",
        "Etwa 15 Minuten pro Person",
        "Etwa 3 bis 4 Wochen",
        "buergerbuero@musterstadt.example",
        "Mit Termin am Schalter",
        "Ohne Termin mit Wartemarke",
        "class=\"open-status open-status-",
    ] {
        assert!(body.contains(text), "{text} missing");
    }
    assert!(body.contains("href=\"/standorte/buergerbuero-mitte\""), "locations offering it");
    assert!(body.contains("href=\"/standorte/dgh-oberdorf\""), "mobile office sites");
    assert!(!body.contains("href=\"/standorte/kfz-zulassungsstelle\""));
    assert!(body.contains("href=\"/termine/buchen?service=personalausweis-beantragen\">Termin buchen</a>"));
    assert!(body.contains("href=\"/antrag/personalausweis-beantragen\">Online beantragen</a>"));

    let en = c.get_with("/leistungen/personalausweis-beantragen", EN).await;
    for text in ["€37.00", "€22.80", "Book an appointment", "Apply online", "What to bring", "Your previous identity card"] {
        assert!(en.body.contains(text), "{text} missing in English");
    }
});

app_test!(async fn an_online_only_service_offers_only_online(app) {
    let res = app.client(MUSTERSTADT).get("/leistungen/strassenschaden-melden").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Online beantragen"));
    assert!(!res.body.contains("Termin buchen") && !res.body.contains("/termine/buchen"));
    assert!(res.body.contains("kostenlos"), "a zero fee reads as free");
    // Services with an external portal link to it; ranges and units read naturally.
    let portal = app.client(MUSTERSTADT).get("/leistungen/fuehrungszeugnis").await;
    assert!(portal.body.contains("href=\"https://www.fuehrungszeugnis.bund.de\""));
    let car = app.client(MUSTERSTADT).get("/leistungen/fahrzeug-zulassen").await;
    assert!(car.body.contains("27,00 € bis 31,00 €"), "a fee range");
    let copies = app.client(MUSTERSTADT).get("/leistungen/beglaubigung").await;
    assert!(copies.body.contains("<span class=\"amount\">5,00 €</span> je Dokument"), "a fee per unit");
    assert!(copies.body.contains("Gebührenfrei für Renten-"), "a described rule");
    let video = app.client(MUSTERSTADT).get("/leistungen/aufenthaltstitel").await;
    assert!(video.body.contains("href=\"/standorte/video-buergerbuero\""), "the video office when it offers video");
});

app_test!(async fn unknown_inactive_and_foreign_services_are_not_found(app) {
    let mut c = app.client(MUSTERSTADT);
    let unknown = c.get("/leistungen/gibt-es-nicht").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Seite nicht gefunden"));
    let t = tenant_id(&app, MUSTERSTADT).await;
    let s = services::get_by_slug(&app.db.db, t, "sperrmuell-anmelden").await.unwrap().unwrap();
    services::set_active(&app.db.db, t, s.id, false).await.unwrap();
    assert_eq!(c.get("/leistungen/sperrmuell-anmelden").await.status, StatusCode::NOT_FOUND);
    assert!(!service_links(&c.get("/leistungen").await.body).contains(&"sperrmuell-anmelden".to_owned()));

    let mut k = app.client(KLEINDORF);
    assert_eq!(k.get("/leistungen/baugenehmigung").await.status, StatusCode::NOT_FOUND);
    assert_eq!(k.get("/standorte/buergerbuero-mitte").await.status, StatusCode::NOT_FOUND);
    let search = k.get("/suche?q=Baugenehmigung+Bauantrag").await;
    assert!(!service_links(&search.body).contains(&"baugenehmigung".to_owned()));
    let home = k.get("/").await;
    assert!(!home.body.contains("Musterstadt") && !home.body.contains("/themen/bauen-wohnen"));
});

app_test!(async fn a_location_page_shows_hours_exceptions_and_status(app) {
    let db = &app.db.db;
    let t = tenant_id(&app, MUSTERSTADT).await;
    // A closure three days from now, so the page has a known upcoming exception.
    let place = places::get_by_key(db, t, "buergerbuero-mitte").await.unwrap().unwrap();
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Europe/Berlin").unwrap()).date();
    let outing = today.checked_add(3.days()).unwrap();
    let exception = hours::HoursException {
        date: outing,
        closed: true,
        hours: DayHours::default(),
        note_de: Some("Betriebsausflug".into()),
        note_en: Some("Staff outing".into()),
    };
    hours::set_exception(db, t, place.id, &exception).await.unwrap();

    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/standorte/buergerbuero-mitte").await;
    assert_eq!(res.status, StatusCode::OK);
    let body = &res.body;
    for text in [
        "<h1>Bürgerbüro Rathaus (Mitte)</h1>",
        ">Bürgerbüro</span>",
        "<caption>Regelmäßige Öffnungszeiten</caption>",
        "<th scope=\"row\">Dienstag</th><td>08:00–13:00 Uhr, 14:00–18:00 Uhr</td>",
        "<th scope=\"row\">Sonntag</th><td>geschlossen</td>",
        "Rathausplatz 1",
        "Breitengrad 51,2562, Längengrad 7,1508",
        "Stufenlos erreichbar.",
        "Bus 610, 620 und 625",
        "Betriebsausflug",
        "href=\"/leistungen/personalausweis-beantragen\"",
    ] {
        assert!(body.contains(text), "{text} missing");
    }
    let unescaped = body.replace("&#38;", "&").replace("&amp;", "&");
    assert!(unescaped.contains("href=\"https://www.openstreetmap.org/?mlat=51.2562&mlon=7.1508#map=17/51.2562/7.1508\""));
    let status = body.split("class=\"open-status ").nth(1).expect("a status line");
    assert!(
        ["Jetzt geöffnet bis", "Geschlossen", "Heute geschlossen"].iter().any(|s| status.contains(s)),
        "{}",
        &status[..200.min(status.len())]
    );
    let en = c.get_with("/standorte/buergerbuero-mitte", EN).await;
    assert!(en.body.contains("Staff outing") && en.body.contains("Regular opening hours"));
    assert!(en.body.contains("Latitude 51.2562, longitude 7.1508"));
});

app_test!(async fn mobile_sites_show_sessions_and_the_video_office_its_hours(app) {
    let db = &app.db.db;
    let t = tenant_id(&app, MUSTERSTADT).await;
    let mut c = app.client(MUSTERSTADT);
    let site = c.get("/standorte/dgh-oberdorf").await;
    assert_eq!(site.status, StatusCode::OK);
    assert!(site.body.contains("Standort des mobilen Bürgerbüros"));
    assert!(site.body.contains("Nächste Termine vor Ort"));
    assert!(site.body.contains("09:00–12:00 Uhr"), "the biweekly Tuesday session");
    assert!(!site.body.contains("<caption>"), "no weekly table for a mobile site");

    // Cancelling the next session marks it.
    let place = places::get_by_key(db, t, "dgh-oberdorf").await.unwrap().unwrap();
    let api = c.get("/api/v1/locations/dgh-oberdorf").await.json();
    let next = api["sessions"].as_array().unwrap().iter().find(|s| s["cancelled"] == false).expect("a session");
    let date: jiff::civil::Date = next["date"].as_str().unwrap().parse().unwrap();
    rathaus_db::catalog::mobile::cancel(db, t, place.id, date).await.unwrap();
    let site = c.get("/standorte/dgh-oberdorf").await;
    assert!(site.body.contains("fällt aus"));

    let video = c.get("/standorte/video-buergerbuero").await;
    assert_eq!(video.status, StatusCode::OK);
    assert!(video.body.contains("Video-Bürgerbüro") && video.body.contains("<caption>Regelmäßige Öffnungszeiten"));
    assert!(video.body.contains("href=\"/leistungen/aufenthaltstitel\""));
    assert!(video.body.contains("Kamera und Mikrofon"), "what the call needs");

    let all = c.get("/standorte").await;
    for text in ["Dienststellen", "Mobiles Bürgerbüro", "Beratung per Video", "href=\"/standorte/seniorenzentrum-am-park\""] {
        assert!(all.body.contains(text), "{text} missing");
    }
    assert_eq!(c.get("/standorte/gibt-es-nicht").await.status, StatusCode::NOT_FOUND);
});

app_test!(async fn the_actions_of_a_service_page_lead_to_booking_and_next_steps(app) {
    let mut c = app.client(MUSTERSTADT);
    // "Termin buchen" starts the booking with the service chosen.
    let booking = c.get("/termine/buchen?service=personalausweis-beantragen").await;
    assert_eq!(booking.status, StatusCode::OK);
    assert!(booking.body.contains("value=\"personalausweis-beantragen\" checked"));
    // A service without appointments is not offered there.
    let other = c.get("/termine/buchen?service=strassenschaden-melden").await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(!other.body.contains("value=\"strassenschaden-melden\""));
    let online = c.get("/antrag/strassenschaden-melden").await;
    assert_eq!(online.status, StatusCode::OK);
    assert!(online.body.contains("Online beantragen"));
    assert!(online.body.contains("/standorte/") || online.body.contains("tel:"), "what to do today");
    assert_eq!(c.get("/antrag/gibt-es-nicht").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.client(KLEINDORF).get("/antrag/baugenehmigung").await.status, StatusCode::NOT_FOUND);
});
