//! Catalogue administration: departments, services (validation, search pick-up), places with
//! counters, services offered, hours, exceptions and mobile sessions; import (own format and
//! XZuFi) and export; role checks and tenant isolation.

use crate::app_test;
use crate::support::*;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use rathaus_catalog::model::{Catalog, Service};
use rathaus_db::catalog::{counters, departments, hours, mobile, offerings, places, services};
use rathaus_db::{TenantId, audit, tenants};
use rathaus_domain::Language;

const ADMIN: &str = "admin@musterstadt.example";
const SUPERVISOR: &str = "teamleitung@musterstadt.example";
const CLERK: &str = "sachbearbeitung@musterstadt.example";
const KLEINDORF_ADMIN: &str = "admin@kleindorf.example";

async fn musterstadt(app: &TestApp) -> TenantId {
    tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id()
}

async fn last_audit(app: &TestApp, tenant: TenantId) -> (String, serde_json::Value) {
    let entry = audit::list(&app.db.db, tenant, 1, 0).await.unwrap().remove(0);
    (entry.action, serde_json::from_str(&entry.details).unwrap_or_default())
}

async fn audit_count(app: &TestApp, tenant: TenantId) -> u64 {
    audit::count(&app.db.db, tenant).await.unwrap()
}

async fn stored_service(app: &TestApp, tenant: TenantId, slug: &str) -> Service {
    rathaus_catalog_store::service(&app.db.db, tenant, slug).await.unwrap().unwrap()
}

async fn place_id(app: &TestApp, tenant: TenantId, key: &str) -> i64 {
    places::get_by_key(&app.db.db, tenant, key).await.unwrap().unwrap().id
}

async fn department_id(app: &TestApp, tenant: TenantId, key: &str) -> i64 {
    departments::get_by_key(&app.db.db, tenant, key).await.unwrap().unwrap().id
}

fn euros(cents: u32) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
}

/// The service form as a browser would submit it for `s`.
fn service_form(s: &Service, department: i64, topic: Option<i64>, active: bool) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: &str| f.push((k.to_owned(), v.to_owned()));
    put("slug", &s.slug);
    put("leika", s.leika.as_deref().unwrap_or(""));
    put("department", &department.to_string());
    put("topic", &topic.map(|t| t.to_string()).unwrap_or_default());
    for (name, text) in [
        ("name", Some(&s.name)),
        ("summary", Some(&s.summary)),
        ("description", Some(&s.description)),
        ("eligibility", Some(&s.eligibility)),
        ("processing_time", s.processing_time.as_ref()),
        ("procedure", s.procedure.as_ref()),
        ("deadlines", s.deadlines.as_ref()),
        ("notes", s.notes.as_ref()),
    ] {
        put(&format!("{name}_de"), text.map(|t| t.de.as_str()).unwrap_or(""));
        put(&format!("{name}_en"), text.map(|t| t.en.as_str()).unwrap_or(""));
    }
    for (name, list) in [("documents", &s.documents), ("keywords", &s.keywords), ("phrasings", &s.phrasings)] {
        put(&format!("{name}_de"), &list.de.join("\r\n"));
        put(&format!("{name}_en"), &list.en.join("\r\n"));
    }
    for (i, fee) in s.fees.iter().enumerate() {
        put(&format!("fee{i}_label_de"), &fee.label.de);
        put(&format!("fee{i}_label_en"), &fee.label.en);
        put(&format!("fee{i}_fixed"), &fee.fixed_cents.map(euros).unwrap_or_default());
        put(&format!("fee{i}_min"), &fee.min_cents.map(euros).unwrap_or_default());
        put(&format!("fee{i}_max"), &fee.max_cents.map(euros).unwrap_or_default());
        put(&format!("fee{i}_rule_de"), fee.rule.as_ref().map(|r| r.de.as_str()).unwrap_or(""));
        put(&format!("fee{i}_rule_en"), fee.rule.as_ref().map(|r| r.en.as_str()).unwrap_or(""));
        put(&format!("fee{i}_per"), &fee.per.as_ref().map(code).unwrap_or_default());
    }
    // The form always has a few empty fee rows more.
    let n = s.fees.len();
    put(&format!("fee{n}_label_de"), "");
    put(&format!("fee{n}_fixed"), "");
    put(&format!("fee{n}_per"), "");
    put("legal_basis", &s.legal_basis.join("\r\n"));
    put("online_url", s.online_url.as_deref().unwrap_or(""));
    put("minutes_per_person", &s.minutes_per_person.map(|m| m.to_string()).unwrap_or_default());
    put("max_persons", &s.max_persons.map(|m| m.to_string()).unwrap_or_default());
    for c in &s.channels {
        put("channels", c.code());
    }
    if active {
        put("active", "1");
    }
    f
}

async fn post_pairs(c: &mut Client, path: &str, pairs: &[(String, String)]) -> TestResponse {
    let fields: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post_form(path, &fields).await
}

/// Posts the import form as a browser does (multipart).
async fn upload(c: &mut Client, file: &[u8], options: &[&str], with_csrf: bool) -> TestResponse {
    let boundary = "rathaus-catalog-boundary-41c2";
    let mut body = Vec::new();
    let mut field = |name: &str, value: &str| {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    };
    if with_csrf {
        let token = c.csrf().await;
        field("csrf", &token);
    }
    for option in options {
        field(option, "1");
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"katalog.dat\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let req = Request::builder()
        .method(Method::POST)
        .uri("/admin/catalog/transfer")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    c.send(req).await
}

/// The error of `field` as shown at the field (and linked from the summary).
fn assert_field_error(body: &str, field: &str) {
    assert!(body.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
    assert!(body.contains(&format!("id=\"{field}-error\"")), "a message at {field}");
}

app_test!(async fn departments_are_created_edited_and_deleted_only_when_unused(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let overview = c.get("/admin/catalog").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("href=\"/admin/catalog/departments\""));
    assert!(c.get("/admin").await.body.contains("href=\"/admin/catalog\""), "a card on the admin overview");

    let bad = c.post_form("/admin/catalog/departments", &[("key", "Jugend Amt"), ("name_de", "Jugendamt"), ("name_en", ""), ("email", "kein-mail")]).await;
    assert_eq!(bad.status, StatusCode::OK);
    for field in ["key", "name_en", "email"] {
        assert_field_error(&bad.body, field);
    }
    assert!(bad.body.contains("value=\"Jugend Amt\""), "entered values are kept");

    let form = [("key", "jugendamt"), ("name_de", "Jugendamt"), ("name_en", "Youth Welfare Office"), ("email", "jugendamt@musterstadt.example"), ("phone", "")];
    let res = c.post_form("/admin/catalog/departments", &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/admin/catalog/departments?notice=department-saved");
    let id = department_id(&app, t, "jugendamt").await;
    assert_eq!(last_audit(&app, t).await.0, "catalog.department_created");
    assert!(c.get(res.location()).await.body.contains("Der Fachbereich wurde gespeichert."));

    let taken = c.post_form("/admin/catalog/departments", &[("key", "jugendamt"), ("name_de", "Zweites"), ("name_en", "Second")]).await;
    assert_eq!(taken.status, StatusCode::OK);
    assert!(taken.body.contains("Diesen Schlüssel hat schon ein anderer Fachbereich."));

    let edited = c.post_form(&format!("/admin/catalog/departments/{id}"), &[("key", "jugendamt"), ("name_de", "Jugend- und Familienamt"), ("name_en", "Youth Welfare Office"), ("email", "jugendamt@musterstadt.example")]).await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    assert_eq!(departments::get(&app.db.db, t, id).await.unwrap().unwrap().name_de, "Jugend- und Familienamt");
    assert_eq!(last_audit(&app, t).await, ("catalog.department_updated".to_owned(), serde_json::json!({ "changed": ["name_de"] })));

    // The Bürgerbüro is responsible for services: refused, with a message, nothing deleted.
    let used = department_id(&app, t, "buergerbuero").await;
    let refused = c.post_form(&format!("/admin/catalog/departments/{used}/delete"), &[]).await;
    assert_eq!(refused.status, StatusCode::OK);
    assert_field_error(&refused.body, "delete");
    assert!(refused.body.contains("nicht gelöscht werden, solange ihm Leistungen zugeordnet sind"));
    assert!(departments::get(&app.db.db, t, used).await.unwrap().is_some());

    let deleted = c.post_form(&format!("/admin/catalog/departments/{id}/delete"), &[]).await;
    assert_eq!(deleted.location(), "/admin/catalog/departments?notice=department-deleted");
    assert!(departments::get(&app.db.db, t, id).await.unwrap().is_none());
    assert_eq!(last_audit(&app, t).await.0, "catalog.department_deleted");
});

/// A complete new service of the Steueramt, as the form sends it.
fn new_service_form(department: i64) -> Vec<(String, String)> {
    let pairs = [
        ("slug", "zweitwohnungsteuer"),
        ("leika", "99102011000000"),
        ("department", ""),
        ("topic", ""),
        ("name_de", "Zweitwohnungsteuer anmelden"),
        ("name_en", "Register for second home tax"),
        ("summary_de", "Wer eine Zweitwohnung hat, meldet sie zur Steuer an."),
        ("summary_en", "If you have a second home, register it for the tax."),
        ("description_de", "Absatz eins.\r\n\r\nAbsatz zwei."),
        ("description_en", "Paragraph one.\r\n\r\nParagraph two."),
        ("eligibility_de", "Alle mit Nebenwohnung in Musterstadt."),
        ("eligibility_en", "Everyone with a secondary residence in Musterstadt."),
        ("documents_de", "Mietvertrag\r\n"),
        ("documents_en", "Tenancy agreement"),
        ("fee0_label_de", "Bearbeitung"),
        ("fee0_label_en", "Processing"),
        ("fee0_fixed", "37,00"),
        ("fee1_label_de", ""),
        ("fee2_label_de", "Kopie"),
        ("fee2_label_en", "Copy"),
        ("fee2_fixed", "0.50"),
        ("fee2_per", "page"),
        ("legal_basis", "Zweitwohnungsteuersatzung"),
        ("minutes_per_person", "15"),
        ("max_persons", "2"),
        ("channels", "appointment"),
        ("channels", "online"),
        ("keywords_de", "Nebenwohnung\r\nZweitwohnsitz"),
        ("keywords_en", "second home"),
        ("phrasings_de", "ich habe eine Ferienwohnung"),
        ("phrasings_en", "I have a holiday flat"),
        ("active", "1"),
    ];
    let mut form: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    form[2].1 = department.to_string();
    form
}

fn with(form: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = form.to_vec();
    for (key, value) in changes {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => form.push(((*key).to_owned(), (*value).to_owned())),
        }
    }
    form
}

app_test!(async fn a_new_service_is_checked_field_by_field_then_saved(app) {
    let t = musterstadt(&app).await;
    let steueramt = department_id(&app, t, "steueramt").await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    assert_eq!(c.get("/admin/catalog/services/new").await.status, StatusCode::OK);
    let before = services::list(&app.db.db, t).await.unwrap().len();
    let audits = audit_count(&app, t).await;

    let good = new_service_form(steueramt);
    let bad = with(&good, &[("leika", "12345"), ("name_de", ""), ("minutes_per_person", "0"), ("fee0_fixed", "37,0,0"), ("keywords_en", "")]);
    let res = post_pairs(&mut c, "/admin/catalog/services", &bad).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<title>Fehler:"));
    for field in ["leika", "name_de", "minutes_per_person", "fee0_fixed", "keywords_en"] {
        assert_field_error(&res.body, field);
    }
    assert!(res.body.contains("Der LeiKa-Schlüssel besteht aus 14 Ziffern und beginnt mit 99."));
    assert!(res.body.contains("Bezeichnung (Deutsch): Dieser Text fehlt."));
    assert!(res.body.contains("ganze Zahl von 1 bis 480"));
    assert!(res.body.contains("Gebühr 3") && res.body.contains("value=\"Kopie\""), "fee rows keep their place");
    assert_eq!((services::list(&app.db.db, t).await.unwrap().len(), audit_count(&app, t).await), (before, audits));

    let res = post_pairs(&mut c, "/admin/catalog/services", &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/admin/catalog/services/zweitwohnungsteuer?notice=service-saved");
    let s = stored_service(&app, t, "zweitwohnungsteuer").await;
    assert_eq!(s.leika.as_deref(), Some("99102011000000"));
    assert_eq!(s.description.de, "Absatz eins.\n\nAbsatz zwei.");
    assert_eq!(s.documents.de, ["Mietvertrag"]);
    assert_eq!(s.fees.iter().map(|f| f.fixed_cents).collect::<Vec<_>>(), [Some(3700), Some(50)], "the empty row is ignored");
    assert_eq!(s.fees[1].per.as_ref().map(code).as_deref(), Some("page"));
    assert_eq!(s.keywords.de, ["Nebenwohnung", "Zweitwohnsitz"]);
    assert_eq!(last_audit(&app, t).await.0, "catalog.service_created");

    // No location lists it yet: saved, with what to do next.
    let page = c.get(res.location()).await;
    assert!(page.body.contains("Die Leistung wurde gespeichert."));
    assert!(page.body.contains("noch kein Standort führt die Leistung"), "warning about the appointment channel");
    assert!(page.body.contains("value=\"37,00\""), "amounts shown as entered");

    // The overview lists it among the open points of the catalogue.
    let overview = c.get("/admin/catalog").await;
    assert!(overview.body.contains("<code>zweitwohnungsteuer</code>"), "{}", overview.body);

    // Identity is unique: the slug and the LeiKa key of other services are refused.
    let twin = with(&good, &[("leika", "")]);
    let res = post_pairs(&mut c, "/admin/catalog/services", &twin).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "slug");
    let leika_twin = with(&good, &[("slug", "zweitwohnung-2"), ("leika", "99102013104000")]);
    let res = post_pairs(&mut c, "/admin/catalog/services", &leika_twin).await;
    assert_field_error(&res.body, "leika");
    assert!(res.body.contains("schon einer anderen Leistung zugeordnet"));

    // Inactive: hidden from the public A–Z, the change is audited by field.
    let s = stored_service(&app, t, "zweitwohnungsteuer").await;
    let row = services::get_by_slug(&app.db.db, t, "zweitwohnungsteuer").await.unwrap().unwrap();
    let mut form = service_form(&s, steueramt, None, false);
    form.retain(|(k, _)| k != "slug");
    let res = post_pairs(&mut c, "/admin/catalog/services/zweitwohnungsteuer", &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(!services::get(&app.db.db, t, row.id).await.unwrap().unwrap().active);
    assert_eq!(last_audit(&app, t).await.1["changed"], serde_json::json!(["active"]));
    let list = c.get("/admin/catalog/services").await;
    assert!(list.body.contains("zweitwohnungsteuer") && list.body.contains("Inaktiv"));
    let filtered = c.get(&format!("/admin/catalog/services?department={steueramt}&channel=appointment")).await;
    assert!(filtered.body.contains("zweitwohnungsteuer") && !filtered.body.contains("personalausweis-beantragen"));
});

app_test!(async fn edited_keywords_reach_the_citizen_search_at_once(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let query = "Flohzirkus";
    let before = app.state.search.route(t, Language::De, query, 3).await.unwrap();
    assert!(before.services.first().is_none_or(|h| h.slug != "hundesteuer-anmelden"), "{before:?}");

    let original = stored_service(&app, t, "hundesteuer-anmelden").await;
    let row = services::get_by_slug(&app.db.db, t, "hundesteuer-anmelden").await.unwrap().unwrap();
    let edit = c.get("/admin/catalog/services/hundesteuer-anmelden").await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("verbessern die Suche"), "the form explains what keywords are for");
    let mut changed = original.clone();
    changed.keywords.de.push(query.to_owned());
    let res = post_pairs(&mut c, "/admin/catalog/services/hundesteuer-anmelden", &service_form(&changed, row.department_id, row.topic_id, true)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let after = app.state.search.route(t, Language::De, query, 3).await.unwrap();
    assert_eq!(after.services.first().map(|h| h.slug.as_str()), Some("hundesteuer-anmelden"), "{after:?}");
    // Everything else of this rich service (fees per year, deadlines, legal basis) is unchanged.
    assert_eq!(stored_service(&app, t, "hundesteuer-anmelden").await, changed);
    let (action, details) = last_audit(&app, t).await;
    assert_eq!((action.as_str(), details["changed"].clone()), ("catalog.service_updated", serde_json::json!(["keywords"])));

    // Saving unchanged writes nothing.
    let audits = audit_count(&app, t).await;
    post_pairs(&mut c, "/admin/catalog/services/hundesteuer-anmelden", &service_form(&changed, row.department_id, row.topic_id, true)).await;
    assert_eq!(audit_count(&app, t).await, audits);

    // A channel that a listing place needs cannot be removed.
    let mut no_counter = changed.clone();
    no_counter.channels.retain(|ch| ch.code() == "online");
    let res = post_pairs(&mut c, "/admin/catalog/services/hundesteuer-anmelden", &service_form(&no_counter, row.department_id, row.topic_id, true)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "channels");
    assert!(res.body.contains("Bürgerbüro Rathaus (Mitte)"));
});

app_test!(async fn counters_services_hours_and_exceptions_of_a_location(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let mitte = place_id(&app, t, "buergerbuero-mitte").await;
    let base = format!("/admin/catalog/places/{mitte}");
    for part in ["", "/counters", "/services", "/hours"] {
        assert_eq!(c.get(&format!("{base}{part}")).await.status, StatusCode::OK, "{part}");
    }
    assert_eq!(c.get(&format!("{base}/sessions")).await.status, StatusCode::NOT_FOUND, "a location has no sessions");

    // Counters: add, refuse a taken key, rename and deactivate.
    let res = c.post_form(&format!("{base}/counters"), &[("key", "schalter-9"), ("name", "Schalter 9")]).await;
    assert_eq!(res.location(), format!("{base}/counters?notice=counter-saved"));
    let taken = c.post_form(&format!("{base}/counters"), &[("key", "schalter-9"), ("name", "Noch einer")]).await;
    assert_eq!(taken.status, StatusCode::OK);
    assert_field_error(&taken.body, "key");
    let nine = counters::list(&app.db.db, t, mitte).await.unwrap().into_iter().find(|c| c.key == "schalter-9").unwrap();
    let field = format!("counter-{}", nine.id);
    let res = c.post_form(&format!("{base}/counters/{}", nine.id), &[(&format!("{field}-name"), "Schalter 9 (Eingang)")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let nine = counters::get(&app.db.db, t, nine.id).await.unwrap().unwrap();
    assert_eq!((nine.name.as_str(), nine.active), ("Schalter 9 (Eingang)", false));
    assert_eq!(last_audit(&app, t).await.0, "catalog.counter_updated");

    // Weekly hours: a bad day is named, the other days keep what was typed, nothing is saved.
    let week = hours::weekly(&app.db.db, t, mitte).await.unwrap();
    let form = [
        ("hours_mon", "08:00-13:00"),
        ("hours_tue", "25:00-26:00"),
        ("hours_wed", "08:00-13:00"),
        ("hours_thu", "08:00-13:00, 14:00-19:00"),
        ("hours_fri", "08:00-12:00"),
        ("hours_sat", ""),
        ("hours_sun", ""),
    ];
    let res = c.post_form(&format!("{base}/hours"), &form).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "hours_tue");
    assert!(res.body.contains("Dienstag: Schreiben Sie die Zeiten wie 08:00-12:00"));
    for day in ["mon", "wed", "thu", "fri", "sat", "sun"] {
        assert!(!res.body.contains(&format!("id=\"hours_{day}-error\"")), "no error on {day}");
    }
    assert!(res.body.contains("value=\"08:00-13:00, 14:00-19:00\""));
    assert_eq!(hours::weekly(&app.db.db, t, mitte).await.unwrap(), week);
    let mut good = form;
    good[1].1 = "08:00-13:00,14:00-18:00";
    let res = c.post_form(&format!("{base}/hours"), &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let week = hours::weekly(&app.db.db, t, mitte).await.unwrap();
    assert_eq!(week.on(jiff::civil::Weekday::Thursday).to_string(), "08:00-13:00, 14:00-19:00");
    assert!(week.on(jiff::civil::Weekday::Saturday).is_closed());
    assert_eq!(last_audit(&app, t).await.1["days"], serde_json::json!(["thu", "sat"]));

    // Exceptions: closed with hours is refused; a valid one is listed and can be removed.
    let day = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(40)).unwrap();
    let iso = day.to_string();
    let bad = c.post_form(&format!("{base}/exceptions"), &[("exception_date", &iso), ("exception_kind", "closed"), ("exception_hours", "08:00-10:00"), ("exception_note_de", "Betriebsausflug"), ("exception_note_en", "")]).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert_field_error(&bad.body, "exception_hours");
    assert_field_error(&bad.body, "exception_note_en");
    let res = c.post_form(&format!("{base}/exceptions"), &[("exception_date", &iso), ("exception_kind", "closed"), ("exception_note_de", "Betriebsausflug"), ("exception_note_en", "Staff outing")]).await;
    assert_eq!(res.location(), format!("{base}/hours?notice=exception-saved"));
    let page = c.get(&format!("{base}/hours")).await;
    assert!(page.body.contains("Betriebsausflug") && page.body.contains(&format!("datetime=\"{iso}\"")));
    let stored = hours::exceptions(&app.db.db, t, mitte, Some(day), Some(day)).await.unwrap();
    assert!(stored[0].closed && stored[0].note_en.as_deref() == Some("Staff outing"));
    let res = c.post_form(&format!("{base}/exceptions/{iso}/delete"), &[]).await;
    assert_eq!(res.location(), format!("{base}/hours?notice=exception-removed"));
    assert!(hours::exceptions(&app.db.db, t, mitte, Some(day), Some(day)).await.unwrap().is_empty());

    // Services offered: one without a counter channel cannot be ticked.
    let online_only = services::list(&app.db.db, t).await.unwrap().into_iter().find(|s| s.channel_codes().all(|c| c == "online")).unwrap();
    let offered = offerings::service_ids(&app.db.db, t, mitte).await.unwrap();
    let mut ticked: Vec<(&str, String)> = offered.iter().map(|id| ("services", id.to_string())).collect();
    ticked.push(("services", online_only.id.to_string()));
    let fields: Vec<(&str, &str)> = ticked.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = c.post_form(&format!("{base}/services"), &fields).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "not offered here at all: a forged form");
    let without_first: Vec<(&str, &str)> = fields[1..fields.len() - 1].to_vec();
    let res = c.post_form(&format!("{base}/services"), &without_first).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(offerings::service_ids(&app.db.db, t, mitte).await.unwrap().len(), offered.len() - 1);
    let (action, details) = last_audit(&app, t).await;
    assert_eq!(action, "catalog.place_services_changed");
    assert_eq!(details["removed"].as_array().unwrap().len(), 1);

    // The place's details: coordinates are range-checked, accessibility notes saved.
    let item = rathaus_catalog_store::export(&app.db.db, t).await.unwrap().location("buergerbuero-mitte").unwrap().clone();
    let details = |lat: &str, notes_en: &str| -> Vec<(String, String)> {
        [
            ("kind", "citizen_office"), ("name_de", item.name.de.as_str()), ("name_en", item.name.en.as_str()),
            ("street", item.address.street.as_str()), ("postal_code", "12345"), ("city", item.address.city.as_str()),
            ("latitude", lat), ("longitude", "7,1508"), ("step_free", "1"),
            ("accessibility_de", "Rampe am Seiteneingang."), ("accessibility_en", notes_en),
            ("transport_de", ""), ("transport_en", ""), ("walk_in", "1"), ("phone", ""), ("email", ""),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec()
    };
    let res = post_pairs(&mut c, &base, &details("91", "")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "latitude");
    assert_field_error(&res.body, "accessibility_en");
    let res = post_pairs(&mut c, &base, &details("51,2562", "Ramp at the side entrance.")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = rathaus_catalog_store::export(&app.db.db, t).await.unwrap().location("buergerbuero-mitte").unwrap().clone();
    assert_eq!(after.accessibility.notes.unwrap().en, "Ramp at the side entrance.");
    assert_eq!((after.transport, after.phone, after.counters.len()), (None, None, item.counters.len()));
});

app_test!(async fn sessions_and_cancellations_of_a_mobile_site(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let site = place_id(&app, t, "dgh-oberdorf").await;
    let base = format!("/admin/catalog/places/{site}");
    let page = c.get(&format!("{base}/sessions")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Dienstag, 09:00-12:00, alle 2 Woche(n)"), "the schedule is shown");
    assert_eq!(c.get(&format!("{base}/hours")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.get(&format!("{base}/counters")).await.status, StatusCode::NOT_FOUND);

    let day = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(20)).unwrap().to_string();
    let bad = c.post_form(&format!("{base}/sessions"), &[("session_date", &day), ("session_hours", "16:00-14:00")]).await;
    assert_field_error(&bad.body, "session_hours");
    let res = c.post_form(&format!("{base}/sessions"), &[("session_date", &day), ("session_hours", "14:00-16:00")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let twice = c.post_form(&format!("{base}/sessions"), &[("session_date", &day), ("session_hours", "14:00-15:00")]).await;
    assert!(twice.body.contains("beginnt um diese Uhrzeit schon ein Termin"));
    let session = mobile::sessions(&app.db.db, t, site).await.unwrap().remove(0);
    assert_eq!(session.hours.to_string(), "14:00-16:00");

    let res = c.post_form(&format!("{base}/cancellations"), &[("cancel_date", &day)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let again = c.post_form(&format!("{base}/cancellations"), &[("cancel_date", &day)]).await;
    assert_field_error(&again.body, "cancel_date");
    let res = c.post_form(&format!("{base}/cancellations/{day}/delete"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = c.post_form(&format!("{base}/sessions/{}/delete", session.id), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(mobile::sessions(&app.db.db, t, site).await.unwrap().is_empty());
    assert_eq!(last_audit(&app, t).await.0, "catalog.session_removed");
});

app_test!(async fn an_edited_export_imports_as_one_update_and_again_as_nothing(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    assert_eq!(c.get("/admin/catalog/transfer").await.status, StatusCode::OK);
    let yaml = c.get("/admin/catalog/export.yaml").await;
    assert_eq!(yaml.status, StatusCode::OK);
    assert_eq!(yaml.headers[header::CONTENT_DISPOSITION], "attachment; filename=\"katalog-musterstadt.yaml\"");
    assert!(yaml.content_type().starts_with("application/yaml"));
    let mut catalog = Catalog::from_yaml(&yaml.body).unwrap();
    assert_eq!(catalog, rathaus_catalog_store::export(&app.db.db, t).await.unwrap(), "the export parses back");
    let json = c.get("/admin/catalog/export.json").await;
    assert_eq!(Catalog::from_json(&json.body).unwrap(), catalog);
    assert!(json.headers[header::CONTENT_DISPOSITION].to_str().unwrap().ends_with("katalog-musterstadt.json\""));

    // A dry run reports and changes nothing.
    let service = catalog.services.iter_mut().find(|s| s.slug == "meldebescheinigung").unwrap();
    service.name.de = "Meldebescheinigung ausstellen lassen".to_owned();
    let edited = catalog.to_yaml().unwrap();
    let audits = audit_count(&app, t).await;
    let dry = upload(&mut c, edited.as_bytes(), &["dry_run"], true).await;
    assert_eq!(dry.status, StatusCode::OK);
    assert!(dry.body.contains("Probelauf") && dry.body.contains("<td data-count=\"updated\">1</td>"), "{}", dry.body);
    assert_eq!(audit_count(&app, t).await, audits);
    assert_ne!(stored_service(&app, t, "meldebescheinigung").await.name.de, "Meldebescheinigung ausstellen lassen");

    let res = upload(&mut c, edited.as_bytes(), &[], true).await;
    assert!(res.body.contains("Der Import wurde übernommen."), "{}", res.body);
    assert_eq!(stored_service(&app, t, "meldebescheinigung").await.name.de, "Meldebescheinigung ausstellen lassen");
    let (action, details) = last_audit(&app, t).await;
    assert_eq!(action, "catalog.imported");
    assert_eq!(details["services"], serde_json::json!({ "added": 0, "updated": 1, "unchanged": 27, "not_in_file": 0 }));
    assert_eq!(details["places"]["updated"], 0);

    let again = upload(&mut c, edited.as_bytes(), &[], true).await;
    assert!(again.body.contains("Der Import wurde übernommen."));
    assert!(!again.body.contains("<td data-count=\"updated\">1</td>") && !again.body.contains("<td data-count=\"added\">1</td>"));
    let (_, details) = last_audit(&app, t).await;
    for kind in ["departments", "topics", "services", "places"] {
        assert_eq!((details[kind]["added"].as_u64(), details[kind]["updated"].as_u64()), (Some(0), Some(0)), "{kind}");
    }

    // Larger than the 2 MiB other forms take, within the 5 MiB of the import.
    let padded = format!("{edited}# {}\n", "x".repeat(3 * 1024 * 1024));
    assert!(upload(&mut c, padded.as_bytes(), &[], true).await.body.contains("Der Import wurde übernommen."));
    let res = upload(&mut c, &vec![b'#'; 5 * 1024 * 1024 + 1], &[], true).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "file");
    assert!(res.body.contains("Die Datei ist zu groß."));

    // Without the CSRF token: refused, nothing happens.
    let audits = audit_count(&app, t).await;
    assert_eq!(upload(&mut c, edited.as_bytes(), &[], false).await.status, StatusCode::FORBIDDEN);
    // A catalogue with problems lists them with their paths and changes nothing.
    let mut broken = catalog.clone();
    broken.services[0].leika = Some("12345".to_owned());
    broken.services[1].name.en = String::new();
    let res = upload(&mut c, broken.to_yaml().unwrap().as_bytes(), &[], true).await;
    assert!(res.body.contains("Die Datei hat Fehler"));
    assert!(res.body.contains("<code>services[0].leika</code>") && res.body.contains("<code>services[1].name.en</code>"));
    // YAML that is not our format names the line.
    let res = upload(&mut c, b"format: rathaus-catalog/1\nservice: []\n", &[], true).await;
    assert!(res.body.contains("Die YAML-Datei kann nicht gelesen werden") && res.body.contains("Zeile 2"), "{}", res.body);
    let res = upload(&mut c, b"", &[], true).await;
    assert_field_error(&res.body, "file");
    assert_eq!(audit_count(&app, t).await, audits);
});

const XZUFI_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xzufi:transfer.operation.010 xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2.0">
  <xzufi:schreibe>"#;

const XZUFI_DOG_TAX: &str = r#"
    <xzufi:leistung>
      <xzufi:id schemeAgencyID="NRW">L100012.LB.8002</xzufi:id>
      <xzufi:referenzLeiKa listURI="urn:de:fim:leika:leistung"><code>99102013104000</code></xzufi:referenzLeiKa>
      <xzufi:modulText>
        <xzufi:inhalt languageCode="de">Hundesteuer An- und Abmeldung</xzufi:inhalt>
        <xzufi:leikaTextmodul listURI="urn:de:fim:leika:textmodul"><code>02</code></xzufi:leikaTextmodul>
      </xzufi:modulText>
      <xzufi:modulBegriffImKontext>
        <xzufi:begriffImKontext><xzufi:begriff languageCode="de">Hundesteueranmeldung</xzufi:begriff></xzufi:begriffImKontext>
      </xzufi:modulBegriffImKontext>
    </xzufi:leistung>"#;

const XZUFI_NEW: &str = r#"
    <xzufi:leistung>
      <xzufi:id schemeAgencyID="NRW">L100012.LB.9107</xzufi:id>
      <xzufi:modulText>
        <xzufi:inhalt languageCode="de">Wohnberechtigungsschein beantragen</xzufi:inhalt>
        <xzufi:leikaTextmodul listURI="urn:de:fim:leika:textmodul"><code>02</code></xzufi:leikaTextmodul>
      </xzufi:modulText>
    </xzufi:leistung>"#;

const XZUFI_TAIL: &str = "
  </xzufi:schreibe>
</xzufi:transfer.operation.010>
";

app_test!(async fn xzufi_files_are_merged_and_bad_files_change_nothing(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let before = stored_service(&app, t, "hundesteuer-anmelden").await;

    let update = format!("{XZUFI_HEAD}{XZUFI_DOG_TAX}{XZUFI_TAIL}");
    let res = upload(&mut c, update.as_bytes(), &[], true).await;
    assert!(res.body.contains("XZuFi 2.2 (XML)") && res.body.contains("Der Import wurde übernommen."), "{}", res.body);
    assert!(res.body.contains("<code>hundesteuer-anmelden</code>"), "the merge names the updated service");
    let after = stored_service(&app, t, "hundesteuer-anmelden").await;
    assert_eq!(after.name.de, "Hundesteuer An- und Abmeldung");
    assert_eq!(after.name.en, before.name.en, "English kept");
    assert_eq!(after.xzufi_id.as_deref(), Some("NRW/L100012.LB.8002"));
    assert!(after.keywords.de.iter().any(|k| k == "Hundesteueranmeldung"));
    assert_eq!(last_audit(&app, t).await.1["services"]["updated"], 1);
    let hit = app.state.search.route(t, Language::De, "Hundesteueranmeldung", 1).await.unwrap();
    assert_eq!(hit.services[0].slug, "hundesteuer-anmelden");
    // The same file again changes nothing.
    upload(&mut c, update.as_bytes(), &[], true).await;
    assert_eq!(last_audit(&app, t).await.1["services"]["updated"], 0);

    // A new service from XZuFi lacks English texts and channels: it is added as a draft,
    // hidden from citizens until an administrator completes and publishes it.
    let both = format!("{XZUFI_HEAD}{XZUFI_DOG_TAX}{XZUFI_NEW}{XZUFI_TAIL}").replace("An- und Abmeldung", "(Anmeldung)");
    // With "only existing services" the new one is left out and listed.
    let res = upload(&mut c, both.as_bytes(), &["only_existing"], true).await;
    assert!(res.body.contains("Der Import wurde übernommen.") && res.body.contains("Ausgelassene neue Leistungen"), "{}", res.body);
    assert_eq!(stored_service(&app, t, "hundesteuer-anmelden").await.name.de, "Hundesteuer (Anmeldung)");
    assert!(services::get_by_slug(&app.db.db, t, "wohnberechtigungsschein-beantragen").await.unwrap().is_none());
    // Without it, a new service needs a responsible department from the file: problems.
    let audits = audit_count(&app, t).await;
    let res = upload(&mut c, both.as_bytes(), &[], true).await;
    assert!(res.body.contains("Die Datei hat Fehler") && res.body.contains("<code>services[28].department</code>"));
    assert_eq!(audit_count(&app, t).await, audits, "nothing changed");
    // With its organisational unit, the new service is added as an inactive draft.
    let both = both.replace(
        "\n  </xzufi:schreibe>",
        r#"
    <xzufi:organisationseinheit>
      <xzufi:id schemeAgencyID="NRW">L100012.OE.4711</xzufi:id>
      <xzufi:name><xzufi:name languageCode="de">Bürgerbüro</xzufi:name></xzufi:name>
      <xzufi:zustaendigkeit><xzufi:leistungID>L100012.LB.9107</xzufi:leistungID></xzufi:zustaendigkeit>
    </xzufi:organisationseinheit>
  </xzufi:schreibe>"#,
    );
    let res = upload(&mut c, both.as_bytes(), &[], true).await;
    assert!(res.body.contains("Der Import wurde übernommen."), "{}", res.body);
    assert!(res.body.contains("<code>wohnberechtigungsschein-beantragen</code>"));
    let draft = services::get_by_slug(&app.db.db, t, "wohnberechtigungsschein-beantragen").await.unwrap().expect("added");
    assert!(!draft.active, "drafts are not shown to citizens");
    assert!(stored_service(&app, t, "wohnberechtigungsschein-beantragen").await.draft);
    assert_eq!(c.get("/leistungen/wohnberechtigungsschein-beantragen").await.status, StatusCode::NOT_FOUND);
    // Importing the same file again neither duplicates nor publishes it.
    upload(&mut c, both.as_bytes(), &[], true).await;
    assert_eq!(last_audit(&app, t).await.1["services"]["added"], 0);
    assert!(!services::get_by_slug(&app.db.db, t, "wohnberechtigungsschein-beantragen").await.unwrap().unwrap().active);

    // Malformed XML names the line and changes nothing.
    let audits = audit_count(&app, t).await;
    let malformed = both.replace("Wohnberechtigungsschein beantragen</xzufi:inhalt>", "Wohnberechtigungsschein beantragen");
    let Err(rathaus_catalog::CatalogError::Xml { line, column, .. }) = rathaus_catalog::parse_xzufi(&malformed) else {
        panic!("the XML must be malformed")
    };
    let res = upload(&mut c, malformed.as_bytes(), &[], true).await;
    assert!(res.body.contains("Die XZuFi-Datei kann nicht gelesen werden"), "{}", res.body);
    assert!(res.body.contains(&format!("Zeile {line}, Spalte {column}")), "the line is named: {}", res.body);
    assert_eq!(audit_count(&app, t).await, audits);
    // XML in another namespace is not XZuFi 2.2.
    let foreign = update.replace("xzufi/2_2_0", "xzufi/2_1_0");
    let res = upload(&mut c, foreign.as_bytes(), &[], true).await;
    assert!(res.body.contains("Die XZuFi-Datei kann nicht gelesen werden") && res.body.contains("2_1_0"));
    assert_eq!(audit_count(&app, t).await, audits);
});

app_test!(async fn clerks_and_supervisors_cannot_touch_the_catalogue(app) {
    let t = musterstadt(&app).await;
    let mitte = place_id(&app, t, "buergerbuero-mitte").await;
    let steueramt = department_id(&app, t, "steueramt").await;
    for who in [CLERK, SUPERVISOR] {
        let mut c = app.signed_in(MUSTERSTADT, who).await;
        for path in [
            "/admin/catalog".to_owned(),
            "/admin/catalog/services".to_owned(),
            "/admin/catalog/services/hundesteuer-anmelden".to_owned(),
            format!("/admin/catalog/places/{mitte}/hours"),
            format!("/admin/catalog/departments/{steueramt}"),
            "/admin/catalog/transfer".to_owned(),
            "/admin/catalog/export.yaml".to_owned(),
        ] {
            assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN, "{who} on {path}");
        }
        let res = c.post_form(&format!("/admin/catalog/departments/{steueramt}"), &[("key", "x"), ("name_de", "X"), ("name_en", "X")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = c.post_form(&format!("/admin/catalog/places/{mitte}/hours"), &[("hours_mon", "")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(upload(&mut c, b"format: rathaus-catalog/1\n", &[], true).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(departments::get(&app.db.db, t, steueramt).await.unwrap().unwrap().key, "steueramt");
    assert!(!hours::weekly(&app.db.db, t, mitte).await.unwrap().on(jiff::civil::Weekday::Monday).is_closed());
    let anonymous = app.client(MUSTERSTADT).get("/admin/catalog").await;
    assert_eq!(anonymous.location(), "/login?next=%2Fadmin%2Fcatalog");
});

app_test!(async fn another_tenants_catalogue_is_out_of_reach(app) {
    let t = musterstadt(&app).await;
    let mitte = place_id(&app, t, "buergerbuero-mitte").await;
    let oberdorf = place_id(&app, t, "dgh-oberdorf").await;
    let steueramt = department_id(&app, t, "steueramt").await;
    let counter = counters::list(&app.db.db, t, mitte).await.unwrap().remove(0);
    let hund = services::get_by_slug(&app.db.db, t, "hundesteuer-anmelden").await.unwrap().unwrap();
    let before = rathaus_catalog_store::export(&app.db.db, t).await.unwrap();
    let audits = audit_count(&app, t).await;

    let mut k = app.signed_in(KLEINDORF, KLEINDORF_ADMIN).await;
    let kleindorf = tenants::find_by_slug(&app.db.db, "kleindorf").await.unwrap().unwrap().tenant_id();
    let list = k.get("/admin/catalog/services").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("personalausweis-beantragen") && !list.body.contains("hundesteuer-anmelden"));
    for path in [
        "/admin/catalog/services/hundesteuer-anmelden".to_owned(),
        format!("/admin/catalog/places/{mitte}"),
        format!("/admin/catalog/places/{mitte}/counters"),
        format!("/admin/catalog/places/{mitte}/services"),
        format!("/admin/catalog/places/{mitte}/hours"),
        format!("/admin/catalog/places/{oberdorf}/sessions"),
        format!("/admin/catalog/departments/{steueramt}"),
    ] {
        assert_eq!(k.get(&path).await.status, StatusCode::NOT_FOUND, "Kleindorf on {path}");
    }
    let hund_form = service_form(&before.service("hundesteuer-anmelden").unwrap().clone(), hund.department_id, hund.topic_id, true);
    let posts: Vec<(String, Vec<(String, String)>)> = vec![
        ("/admin/catalog/services/hundesteuer-anmelden".to_owned(), hund_form),
        (format!("/admin/catalog/places/{mitte}/hours"), vec![("hours_mon".into(), "".into())]),
        (format!("/admin/catalog/places/{mitte}/counters"), vec![("key".into(), "fremd".into()), ("name".into(), "Fremd".into())]),
        (format!("/admin/catalog/places/{mitte}/counters/{}", counter.id), vec![("name".into(), "Gekapert".into())]),
        (format!("/admin/catalog/places/{mitte}/services"), vec![]),
        (format!("/admin/catalog/places/{mitte}/exceptions/2026-12-24/delete"), vec![]),
        (format!("/admin/catalog/places/{oberdorf}/cancellations"), vec![("cancel_date".into(), "2027-01-05".into())]),
        (format!("/admin/catalog/departments/{steueramt}"), vec![("key".into(), "gekapert".into()), ("name_de".into(), "X".into()), ("name_en".into(), "X".into())]),
        (format!("/admin/catalog/departments/{steueramt}/delete"), vec![]),
    ];
    for (path, form) in posts {
        assert_eq!(post_pairs(&mut k, &path, &form).await.status, StatusCode::NOT_FOUND, "Kleindorf posts to {path}");
    }
    // Musterstadt's ids in Kleindorf's own forms: a forged form, refused.
    let gemeindeamt = places::list_all(&app.db.db, kleindorf).await.unwrap().remove(0);
    let res = k.post_form(&format!("/admin/catalog/places/{}/services", gemeindeamt.id), &[("services", &hund.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let mut foreign_department = service_form(&before.service("meldebescheinigung").unwrap().clone(), steueramt, None, true);
    foreign_department.retain(|(k, _)| k != "slug");
    let res = post_pairs(&mut k, "/admin/catalog/services/meldebescheinigung", &foreign_department).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "department");
    // Kleindorf's export holds only Kleindorf's catalogue.
    let export = Catalog::from_yaml(&k.get("/admin/catalog/export.yaml").await.body).unwrap();
    assert!(export.service("hundesteuer-anmelden").is_none() && export.services.len() == 6);

    assert_eq!(rathaus_catalog_store::export(&app.db.db, t).await.unwrap(), before, "Musterstadt is unchanged");
    assert_eq!(audit_count(&app, t).await, audits);
});

app_test!(async fn a_new_place_gets_a_key_of_its_own(app) {
    let t = musterstadt(&app).await;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    assert_eq!(c.get("/admin/catalog/places").await.status, StatusCode::OK);
    assert_eq!(c.get("/admin/catalog/places/new?type=mobile_site").await.status, StatusCode::OK);
    assert_eq!(c.get("/admin/catalog/places/new?type=castle").await.status, StatusCode::NOT_FOUND);
    let form = |key: &'static str| {
        vec![
            ("place_type", "virtual_office"),
            ("key", key),
            ("name_de", "Video-Standesamt"),
            ("name_en", "Video registry office"),
            ("requirements_de", "Kamera\r\nMikrofon"),
            ("requirements_en", "Camera"),
        ]
    };
    // A key of another type of place is taken too; the lists must be translations.
    let res = c.post_form("/admin/catalog/places", &form("buergerbuero-mitte")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_field_error(&res.body, "key");
    assert_field_error(&res.body, "requirements_en");
    let mut good = form("video-standesamt");
    good[5].1 = "Camera\r\nMicrophone";
    let res = c.post_form("/admin/catalog/places", &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = place_id(&app, t, "video-standesamt").await;
    assert_eq!(res.location(), format!("/admin/catalog/places/{id}?notice=place-saved"));
    let (action, details) = last_audit(&app, t).await;
    assert_eq!((action.as_str(), details["type"].as_str()), ("catalog.place_created", Some("virtual_office")));
    let export = rathaus_catalog_store::export(&app.db.db, t).await.unwrap();
    let office = export.virtual_offices.iter().find(|v| v.key == "video-standesamt").unwrap();
    assert_eq!(office.requirements.en, ["Camera", "Microphone"]);
    assert_eq!(c.get(&format!("/admin/catalog/places/{id}/hours")).await.status, StatusCode::OK);
});
