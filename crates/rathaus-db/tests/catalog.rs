//! Catalogue storage on SQLite and PostgreSQL: CRUD with conflicts, tenant isolation,
//! German A–Z order, where services are offered, opening hours and mobile sessions.

use jiff::civil::{Weekday, date};
use rathaus_db::StoreError;
use rathaus_db::catalog::departments::DepartmentFields;
use rathaus_db::catalog::hours::HoursException;
use rathaus_db::catalog::mobile::{RecurringSession, SessionFields};
use rathaus_db::catalog::places::{Address, PlaceFields, PlaceType};
use rathaus_db::catalog::services::ServiceFields;
use rathaus_db::catalog::topics::TopicFields;
use rathaus_db::catalog::{counters, departments, hours, mobile, offerings, places, services, topics};
use rathaus_domain::Slug;
use rathaus_domain::opening_hours::{DayHours, TimeRange, WeeklyHours};
use rathaus_test_db::dual_test;

use rathaus_test_db::fixtures::tenant;

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

fn department(key: &str) -> DepartmentFields {
    DepartmentFields {
        key: slug(key),
        xzufi_id: None,
        name_de: "Bürgerbüro".into(),
        name_en: "Citizens' Office".into(),
        email: Some("bb@example.org".into()),
        phone: None,
    }
}

fn service(s: &str, name_de: &str, department_id: i64) -> ServiceFields {
    ServiceFields {
        slug: slug(s),
        leika: None,
        xzufi_id: None,
        department_id,
        topic_id: None,
        name_de: name_de.into(),
        name_en: format!("{name_de} (en)"),
        minutes_per_person: Some(15),
        max_persons: Some(2),
        channels: vec!["appointment".into(), "walk_in".into()],
        details: serde_json::json!({"summary": {"de": "Kurz", "en": "Short"}}),
    }
}

fn place(key: &str, name_de: &str, place_type: PlaceType) -> PlaceFields {
    let physical = place_type != PlaceType::VirtualOffice;
    PlaceFields {
        key: slug(key),
        place_type,
        kind: (place_type == PlaceType::Location).then(|| "citizen_office".into()),
        name_de: name_de.into(),
        name_en: format!("{name_de} (en)"),
        address: physical.then(|| Address {
            street: "Rathausplatz 1".into(),
            postal_code: "12345".into(),
            city: "Musterstadt".into(),
        }),
        coordinates: physical.then_some((51.2562, 7.1508)),
        step_free: physical.then_some(true),
        walk_in: place_type == PlaceType::Location,
        phone: None,
        email: None,
        details: serde_json::json!({}),
    }
}

fn conflict<T: std::fmt::Debug>(result: Result<T, StoreError>) -> &'static str {
    match result {
        Err(StoreError::Conflict(code)) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn not_found<T: std::fmt::Debug>(result: Result<T, StoreError>) {
    assert!(matches!(result, Err(StoreError::NotFound)), "expected NotFound, got {result:?}");
}

dual_test!(
    async fn catalogue_crud_reports_conflicts(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001").await;
        let db = &t.db;
        let bb = departments::create(db, a, &department("buergerbuero")).await.unwrap();
        assert_eq!(conflict(departments::create(db, a, &department("buergerbuero")).await), "department-key-taken");
        let x = DepartmentFields { xzufi_id: Some("X1".into()), ..department("ordnungsamt") };
        departments::create(db, a, &x).await.unwrap();
        let x2 = DepartmentFields { xzufi_id: Some("X1".into()), ..department("steueramt") };
        assert_eq!(conflict(departments::create(db, a, &x2).await), "department-xzufi-id-taken");

        let topic = TopicFields { key: slug("pass"), name_de: "Pässe".into(), name_en: "Passports".into() };
        let topic = topics::create(db, a, &topic).await.unwrap();
        let dup = TopicFields { key: slug("pass"), name_de: "X".into(), name_en: "X".into() };
        assert_eq!(conflict(topics::create(db, a, &dup).await), "topic-key-taken");

        let mut fields = service("personalausweis", "Personalausweis beantragen", bb.id);
        fields.leika = Some("99008001012000".into());
        fields.xzufi_id = Some("L100".into());
        fields.topic_id = Some(topic.id);
        let s = services::create(db, a, &fields).await.unwrap();
        assert!(s.active);
        assert!(s.offers("walk_in") && !s.offers("video"));
        assert_eq!(s.details_json().unwrap()["summary"]["en"], "Short");
        assert_eq!(services::get_by_slug(db, a, "personalausweis").await.unwrap().unwrap().id, s.id);
        assert_eq!(services::get_by_leika(db, a, "99008001012000").await.unwrap().unwrap().id, s.id);
        assert_eq!(services::get_by_xzufi_id(db, a, "L100").await.unwrap().unwrap().id, s.id);

        let same_slug = service("personalausweis", "Anders", bb.id);
        assert_eq!(conflict(services::create(db, a, &same_slug).await), "service-slug-taken");
        let same_leika = ServiceFields { leika: fields.leika.clone(), ..service("zwei", "Zwei", bb.id) };
        assert_eq!(conflict(services::create(db, a, &same_leika).await), "service-leika-taken");
        let same_xzufi = ServiceFields { xzufi_id: fields.xzufi_id.clone(), ..service("drei", "Drei", bb.id) };
        assert_eq!(conflict(services::create(db, a, &same_xzufi).await), "service-xzufi-id-taken");
        let unknown_department = service("vier", "Vier", bb.id + 1000);
        assert_eq!(conflict(services::create(db, a, &unknown_department).await), "department-not-found");

        let other = services::create(db, a, &service("reisepass", "Reisepass", bb.id)).await.unwrap();
        let renamed = ServiceFields { slug: slug("personalausweis"), ..service("xx", "Reisepass", bb.id) };
        assert_eq!(conflict(services::update(db, a, other.id, &renamed).await), "service-slug-taken");
        let updated = services::update(db, a, s.id, &ServiceFields { name_de: "Ausweis".into(), ..fields.clone() })
            .await
            .unwrap();
        assert_eq!(updated.name_de, "Ausweis");
        assert!(updated.active, "update leaves `active` alone");

        assert_eq!(conflict(departments::delete(db, a, bb.id).await), "department-in-use");
        topics::delete(db, a, topic.id).await.unwrap();
        assert_eq!(services::get(db, a, s.id).await.unwrap().unwrap().topic_id, None, "deleting a topic unlists");
        services::delete(db, a, s.id).await.unwrap();
        services::delete(db, a, other.id).await.unwrap();
        assert!(services::get(db, a, s.id).await.unwrap().is_none());
        not_found(services::delete(db, a, s.id).await);
        departments::delete(db, a, bb.id).await.unwrap();
        assert!(departments::get_by_key(db, a, "buergerbuero").await.unwrap().is_none());

        let loc = places::create(db, a, &place("rathaus", "Rathaus", PlaceType::Location)).await.unwrap();
        assert_eq!(loc.place_type().unwrap(), PlaceType::Location);
        assert_eq!(loc.coordinates(), Some((51.2562, 7.1508)));
        let clash = place("rathaus", "Rathaus mobil", PlaceType::MobileSite);
        assert_eq!(conflict(places::create(db, a, &clash).await), "place-key-taken", "places share one key space");
        assert_eq!(conflict(places::update(db, a, loc.id, &clash).await), "place-type-fixed");
        let c1 = counters::create(db, a, loc.id, &slug("schalter-1"), "Schalter 1").await.unwrap();
        assert_eq!(conflict(counters::create(db, a, loc.id, &slug("schalter-1"), "S").await), "counter-key-taken");
        counters::update(db, a, c1.id, "Schalter Eins", false).await.unwrap();
        let listed = counters::list(db, a, loc.id).await.unwrap();
        assert_eq!((listed[0].name.as_str(), listed[0].active), ("Schalter Eins", false));
        places::delete(db, a, loc.id).await.unwrap();
        assert!(counters::get(db, a, c1.id).await.unwrap().is_none(), "counters go with their place");
    }
);

dual_test!(
    async fn tenant_b_can_neither_read_nor_change_tenant_a_catalogue(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let b = tenant(db, "kleindorf", "09999002").await;
        let dep = departments::create(db, a, &department("buergerbuero")).await.unwrap();
        let topic = topics::create(db, a, &TopicFields { key: slug("pass"), name_de: "P".into(), name_en: "P".into() })
            .await
            .unwrap();
        let svc = services::create(db, a, &service("personalausweis", "Personalausweis", dep.id)).await.unwrap();
        let loc = places::create(db, a, &place("rathaus", "Rathaus", PlaceType::Location)).await.unwrap();
        let site = places::create(db, a, &place("dgh", "Dorfhaus", PlaceType::MobileSite)).await.unwrap();
        offerings::offer(db, a, loc.id, svc.id).await.unwrap();
        let counter = counters::create(db, a, loc.id, &slug("schalter-1"), "Schalter 1").await.unwrap();
        let weekly = WeeklyHours::closed().with(Weekday::Monday, DayHours::parse("08:00-12:00").unwrap());
        hours::set_weekly(db, a, loc.id, &weekly).await.unwrap();
        let session = SessionFields {
            date: date(2026, 12, 10),
            hours: TimeRange::parse("14:00-16:00").unwrap(),
            note_de: None,
            note_en: None,
        };
        let session = mobile::add_session(db, a, site.id, &session).await.unwrap();

        // Reads under B see nothing of A.
        assert!(departments::get(db, b, dep.id).await.unwrap().is_none());
        assert!(departments::get_by_key(db, b, "buergerbuero").await.unwrap().is_none());
        assert!(departments::list(db, b).await.unwrap().is_empty());
        assert!(topics::get(db, b, topic.id).await.unwrap().is_none());
        assert!(services::get(db, b, svc.id).await.unwrap().is_none());
        assert!(services::get_by_slug(db, b, "personalausweis").await.unwrap().is_none());
        assert!(services::a_to_z(db, b).await.unwrap().is_empty());
        assert!(services::by_topic(db, b, topic.id).await.unwrap().is_empty());
        assert!(places::get(db, b, loc.id).await.unwrap().is_none());
        assert!(places::get_by_key(db, b, "rathaus").await.unwrap().is_none());
        assert!(places::list_all(db, b).await.unwrap().is_empty());
        assert!(offerings::places_offering(db, b, svc.id, None).await.unwrap().is_empty());
        assert!(offerings::services_at(db, b, loc.id).await.unwrap().is_empty());
        assert!(offerings::all(db, b).await.unwrap().is_empty());
        assert_eq!(hours::weekly(db, b, loc.id).await.unwrap(), WeeklyHours::closed());
        assert!(counters::get(db, b, counter.id).await.unwrap().is_none());
        assert!(counters::list(db, b, loc.id).await.unwrap().is_empty());
        assert!(mobile::sessions(db, b, site.id).await.unwrap().is_empty());
        assert!(mobile::sessions_between(db, b, date(2026, 1, 1), date(2027, 1, 1)).await.unwrap().is_empty());

        // Writes under B fail as if A's rows did not exist.
        not_found(departments::update(db, b, dep.id, &department("x1")).await);
        not_found(departments::delete(db, b, dep.id).await);
        not_found(topics::delete(db, b, topic.id).await);
        not_found(services::update(db, b, svc.id, &service("x2", "X", dep.id)).await);
        not_found(services::set_active(db, b, svc.id, false).await);
        not_found(services::delete(db, b, svc.id).await);
        not_found(places::update(db, b, loc.id, &place("x3", "X", PlaceType::Location)).await);
        not_found(places::delete(db, b, loc.id).await);
        not_found(hours::set_weekly(db, b, loc.id, &WeeklyHours::closed()).await);
        not_found(hours::replace_exceptions(db, b, loc.id, &[]).await);
        not_found(counters::create(db, b, loc.id, &slug("schalter-9"), "S").await);
        not_found(counters::update(db, b, counter.id, "Hijacked", false).await);
        not_found(counters::delete(db, b, counter.id).await);
        not_found(offerings::offer(db, b, loc.id, svc.id).await);
        not_found(offerings::withdraw(db, b, loc.id, svc.id).await);
        not_found(offerings::replace(db, b, loc.id, &[]).await);
        not_found(mobile::replace_sessions(db, b, site.id, &[]).await);
        not_found(mobile::remove_session(db, b, session.id).await);
        not_found(mobile::cancel(db, b, site.id, date(2026, 12, 29)).await);

        // B cannot refer to A's rows from its own.
        let b_dep = departments::create(db, b, &department("buergerbuero")).await.unwrap();
        let b_loc = places::create(db, b, &place("rathaus", "Rathaus", PlaceType::Location)).await.unwrap();
        assert_eq!(conflict(services::create(db, b, &service("x4", "X", dep.id)).await), "department-not-found");
        let with_foreign_topic = ServiceFields { topic_id: Some(topic.id), ..service("x5", "X", b_dep.id) };
        assert_eq!(conflict(services::create(db, b, &with_foreign_topic).await), "topic-not-found");
        assert_eq!(conflict(offerings::offer(db, b, b_loc.id, svc.id).await), "service-not-found");
        // The same slug is free in another tenant.
        services::create(db, b, &service("personalausweis", "Personalausweis", b_dep.id)).await.unwrap();

        // A's catalogue is as it was.
        assert_eq!(services::get(db, a, svc.id).await.unwrap().unwrap(), svc);
        assert_eq!(counters::get(db, a, counter.id).await.unwrap().unwrap(), counter);
        assert_eq!(hours::weekly(db, a, loc.id).await.unwrap(), weekly);
        assert_eq!(offerings::service_ids(db, a, loc.id).await.unwrap(), vec![svc.id]);
        assert_eq!(mobile::sessions(db, a, site.id).await.unwrap(), vec![session]);
    }
);

dual_test!(
    async fn a_to_z_is_german_order_with_umlauts_as_base_letters(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let dep = departments::create(db, a, &department("buergerbuero")).await.unwrap();
        let topic = topics::create(db, a, &TopicFields { key: slug("alle"), name_de: "A".into(), name_en: "A".into() })
            .await
            .unwrap();
        let names = [
            ("zulassung", "Zulassung"),
            ("uebergabe", "Übergabe"),
            ("abmeldung", "Abmeldung"),
            ("aenderung", "Änderung melden"),
            ("ausweis", "Ausweis"),
            ("oeffnung", "Öffnungszeiten"),
            ("ordnung", "ordnungsamt"),
            ("strasse", "Straßenschaden"),
            ("stadt", "Stadtplan"),
            ("inaktiv", "Aaa inaktiv"),
        ];
        for (s, name) in names {
            let created =
                services::create(db, a, &ServiceFields { topic_id: Some(topic.id), ..service(s, name, dep.id) })
                    .await
                    .unwrap();
            if s == "inaktiv" {
                services::set_active(db, a, created.id, false).await.unwrap();
            }
        }
        let expected = [
            "Abmeldung",
            "Änderung melden",
            "Ausweis",
            "Öffnungszeiten",
            "ordnungsamt",
            "Stadtplan",
            "Straßenschaden",
            "Übergabe",
            "Zulassung",
        ];
        let listed: Vec<String> = services::a_to_z(db, a).await.unwrap().into_iter().map(|s| s.name_de).collect();
        assert_eq!(listed, expected, "Ä sorts as A, Ö as O, Ü as U, ß as ss; inactive services are hidden");
        let by_topic: Vec<String> =
            services::by_topic(db, a, topic.id).await.unwrap().into_iter().map(|s| s.name_de).collect();
        assert_eq!(by_topic, expected);
        assert_eq!(services::list(db, a).await.unwrap().len(), names.len(), "the admin list includes inactive ones");
    }
);

dual_test!(
    async fn places_offering_a_service_and_services_at_a_place(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let dep = departments::create(db, a, &department("buergerbuero")).await.unwrap();
        let ausweis = services::create(db, a, &service("ausweis", "Personalausweis", dep.id)).await.unwrap();
        let pass = services::create(db, a, &service("pass", "Reisepass", dep.id)).await.unwrap();
        let alt = services::create(db, a, &service("alt", "Altes Verfahren", dep.id)).await.unwrap();
        let nord = places::create(db, a, &place("nord", "Bürgerbüro Nord", PlaceType::Location)).await.unwrap();
        let mitte = places::create(db, a, &place("mitte", "Bürgerbüro Mitte", PlaceType::Location)).await.unwrap();
        let dorf = places::create(db, a, &place("dorf", "Dorfgemeinschaftshaus", PlaceType::MobileSite)).await.unwrap();
        let video = places::create(db, a, &place("video", "Video-Bürgerbüro", PlaceType::VirtualOffice)).await.unwrap();
        assert!(video.address().is_none() && video.coordinates().is_none());
        offerings::replace(db, a, mitte.id, &[ausweis.id, pass.id, alt.id]).await.unwrap();
        offerings::offer(db, a, nord.id, ausweis.id).await.unwrap();
        offerings::offer(db, a, dorf.id, ausweis.id).await.unwrap();
        assert_eq!(conflict(offerings::offer(db, a, nord.id, ausweis.id).await), "service-already-offered");
        services::set_active(db, a, alt.id, false).await.unwrap();

        let keys = |places: Vec<places::Place>| places.into_iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(keys(offerings::places_offering(db, a, ausweis.id, None).await.unwrap()), ["mitte", "nord", "dorf"]);
        assert_eq!(
            keys(offerings::places_offering(db, a, ausweis.id, Some(PlaceType::Location)).await.unwrap()),
            ["mitte", "nord"]
        );
        assert_eq!(keys(offerings::places_offering(db, a, pass.id, None).await.unwrap()), ["mitte"]);
        let at_mitte: Vec<String> =
            offerings::services_at(db, a, mitte.id).await.unwrap().into_iter().map(|s| s.slug).collect();
        assert_eq!(at_mitte, ["ausweis", "pass"], "active services only, in German order");
        assert_eq!(offerings::service_ids(db, a, mitte.id).await.unwrap().len(), 3);
        assert_eq!(keys(places::list(db, a, PlaceType::Location).await.unwrap()), ["mitte", "nord"]);

        offerings::withdraw(db, a, nord.id, ausweis.id).await.unwrap();
        not_found(offerings::withdraw(db, a, nord.id, ausweis.id).await);
        services::delete(db, a, pass.id).await.unwrap();
        assert_eq!(offerings::service_ids(db, a, mitte.id).await.unwrap(), vec![ausweis.id, alt.id]);
    }
);

dual_test!(
    async fn hours_exceptions_and_mobile_sessions_keep_what_was_stored(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let loc = places::create(db, a, &place("mitte", "Mitte", PlaceType::Location)).await.unwrap();
        let weekly = WeeklyHours::closed()
            .with(Weekday::Tuesday, DayHours::parse("08:00-13:00, 14:00-18:00").unwrap())
            .with(Weekday::Sunday, DayHours::parse("10:00-24:00").unwrap());
        hours::set_weekly(db, a, loc.id, &weekly).await.unwrap();
        assert_eq!(hours::weekly(db, a, loc.id).await.unwrap(), weekly);

        let closed = HoursException {
            date: date(2026, 12, 24),
            closed: true,
            hours: DayHours::closed(),
            note_de: Some("Heiligabend".into()),
            note_en: Some("Christmas Eve".into()),
        };
        let short = HoursException {
            date: date(2026, 11, 19),
            closed: false,
            hours: DayHours::parse("08:00-11:00").unwrap(),
            note_de: None,
            note_en: None,
        };
        hours::replace_exceptions(db, a, loc.id, &[closed.clone(), short.clone()]).await.unwrap();
        assert_eq!(hours::exceptions(db, a, loc.id, None, None).await.unwrap(), [short.clone(), closed.clone()]);
        let december = hours::exceptions(db, a, loc.id, Some(date(2026, 12, 1)), Some(date(2026, 12, 31))).await;
        assert_eq!(december.unwrap(), std::slice::from_ref(&closed), "ISO dates compare as text");
        let longer = HoursException { hours: DayHours::parse("08:00-12:00").unwrap(), ..short.clone() };
        hours::set_exception(db, a, loc.id, &longer).await.unwrap();
        assert_eq!(hours::exceptions(db, a, loc.id, None, None).await.unwrap(), [longer, closed.clone()]);
        let invalid = HoursException { closed: true, ..short };
        assert_eq!(conflict(hours::set_exception(db, a, loc.id, &invalid).await), "exception-hours-invalid");
        assert!(hours::remove_exception(db, a, loc.id, date(2026, 12, 24)).await.unwrap());
        assert!(!hours::remove_exception(db, a, loc.id, date(2026, 12, 24)).await.unwrap());

        let site = places::create(db, a, &place("dgh", "Dorfhaus", PlaceType::MobileSite)).await.unwrap();
        let session = |d, range| SessionFields {
            date: d,
            hours: TimeRange::parse(range).unwrap(),
            note_de: Some("Zusätzlich".into()),
            note_en: Some("Additional".into()),
        };
        mobile::replace_sessions(db, a, site.id, &[session(date(2026, 12, 10), "14:00-16:00")]).await.unwrap();
        let taken = mobile::add_session(db, a, site.id, &session(date(2026, 12, 10), "14:00-15:00")).await;
        assert_eq!(conflict(taken), "mobile-session-taken");
        mobile::add_session(db, a, site.id, &session(date(2026, 12, 3), "09:00-12:00")).await.unwrap();
        not_found(mobile::add_session(db, a, loc.id, &session(date(2026, 12, 3), "09:00-12:00")).await);
        let between = mobile::sessions_between(db, a, date(2026, 12, 1), date(2026, 12, 5)).await.unwrap();
        assert_eq!(between.len(), 1);
        assert_eq!((between[0].date, between[0].hours.to_string()), (date(2026, 12, 3), "09:00-12:00".to_owned()));

        let every_other_tuesday = RecurringSession {
            weekday: Weekday::Tuesday,
            hours: TimeRange::parse("09:00-12:00").unwrap(),
            every_weeks: 2,
            first_date: Some(date(2026, 11, 3)),
            last_date: None,
        };
        mobile::replace_schedule(db, a, site.id, std::slice::from_ref(&every_other_tuesday)).await.unwrap();
        assert_eq!(mobile::schedule(db, a, site.id).await.unwrap(), [every_other_tuesday]);
        mobile::cancel(db, a, site.id, date(2026, 12, 29)).await.unwrap();
        assert_eq!(conflict(mobile::cancel(db, a, site.id, date(2026, 12, 29)).await), "mobile-date-cancelled");
        assert_eq!(mobile::cancelled_dates(db, a, site.id).await.unwrap(), [date(2026, 12, 29)]);
        mobile::uncancel(db, a, site.id, date(2026, 12, 29)).await.unwrap();
        not_found(mobile::uncancel(db, a, site.id, date(2026, 12, 29)).await);

        places::delete(db, a, site.id).await.unwrap();
        assert!(mobile::sessions_between(db, a, date(2026, 1, 1), date(2027, 1, 1)).await.unwrap().is_empty());
        places::delete(db, a, loc.id).await.unwrap();
        assert!(hours::exceptions(db, a, loc.id, None, None).await.unwrap().is_empty(), "children cascade");
    }
);
