//! Import and export of whole catalogues on SQLite and PostgreSQL: round trip, idempotence,
//! validation and rollback, tenant isolation, the demo catalogues.

use rathaus_catalog_store::rathaus_catalog::model::Catalog;
use rathaus_catalog_store::{ImportError, canonical, demo, export, import, import_catalog};
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::catalog::departments::DepartmentFields;
use rathaus_db::catalog::services::ServiceFields;
use rathaus_db::catalog::{counters, departments, places, services, topics};
use rathaus_db::{StoreError, TenantId, begin_write};
use rathaus_domain::Slug;
use rathaus_test_db::dual_test;
use sea_orm::DatabaseConnection;

use rathaus_test_db::fixtures::tenant;

fn admin() -> AuditEntry {
    AuditEntry::new(Some(7), "admin@musterstadt.example", "")
}

async fn import_actions(db: &DatabaseConnection, tenant: TenantId) -> Vec<(String, serde_json::Value)> {
    audit::list(db, tenant, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action.starts_with("catalog."))
        .map(|r| (r.action, serde_json::from_str(&r.details).unwrap()))
        .collect()
}

dual_test!(
    async fn demo_round_trips_and_reimport_changes_nothing(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let catalog = demo::musterstadt();
        let first = import_catalog(db, a, &catalog, &admin()).await.unwrap();
        assert_eq!(first.departments.added as usize, catalog.departments.len());
        assert_eq!(first.topics.added as usize, catalog.topics.len());
        assert_eq!(first.services.added as usize, catalog.services.len());
        let place_count = catalog.locations.len() + catalog.mobile_sites.len() + catalog.virtual_offices.len();
        assert_eq!(first.places.added as usize, place_count);
        assert_eq!((first.updated(), first.unchanged()), (0, 0));

        let exported = export(db, a).await.unwrap();
        assert_eq!(exported, canonical(&catalog), "export(import(demo)) == demo in canonical order");
        assert_eq!(exported.validate(), vec![]);
        // The exported file reads back as the same catalogue.
        assert_eq!(Catalog::from_yaml(&exported.to_yaml().unwrap()).unwrap(), exported);

        let services_before = services::list(db, a).await.unwrap();
        let places_before = places::list_all(db, a).await.unwrap();
        let second = import_catalog(db, a, &catalog, &admin()).await.unwrap();
        assert_eq!((second.added(), second.updated()), (0, 0), "{second:?}");
        assert_eq!(second.unchanged(), first.added());
        assert!(second.services.not_in_file.is_empty());
        assert_eq!(services::list(db, a).await.unwrap(), services_before, "no row was written again");
        assert_eq!(places::list_all(db, a).await.unwrap(), places_before);
        // Importing the export is a no-op too.
        let third = import_catalog(db, a, &exported, &admin()).await.unwrap();
        assert_eq!((third.added(), third.updated()), (0, 0));

        let entries = import_actions(db, a).await;
        assert_eq!(entries.len(), 3, "one audit entry per import");
        assert!(entries.iter().all(|(action, _)| action == "catalog.imported"));
        let (_, details) = entries.last().unwrap();
        assert_eq!(details["services"]["added"], catalog.services.len());
        assert_eq!(details["services"]["updated"], 0);
        assert_eq!(audit::verify(db).await.unwrap(), Ok(audit::count(db, a).await.unwrap()));
        let record = &audit::list(db, a, 1, 0).await.unwrap()[0];
        assert_eq!((record.actor_user_id, record.actor.as_str()), (Some(7), "admin@musterstadt.example"));
    }
);

dual_test!(
    async fn a_changed_file_updates_what_changed_and_deletes_nothing(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let catalog = demo::musterstadt();
        import_catalog(db, a, &catalog, &admin()).await.unwrap();
        let ausweis = services::get_by_slug(db, a, "personalausweis-beantragen").await.unwrap().unwrap();

        let mut changed = catalog.clone();
        // A new slug for a service with a LeiKa key: the same service, renamed.
        let s = changed.services.iter_mut().find(|s| s.slug == "personalausweis-beantragen").unwrap();
        s.slug = "personalausweis".to_owned();
        s.name.de = "Personalausweis (neu)".to_owned();
        for l in &mut changed.locations {
            for slug in &mut l.services {
                if slug == "personalausweis-beantragen" {
                    "personalausweis".clone_into(slug);
                }
            }
        }
        for m in &mut changed.mobile_sites {
            for slug in &mut m.services {
                if slug == "personalausweis-beantragen" {
                    "personalausweis".clone_into(slug);
                }
            }
        }
        // A service dropped from the file (and from the places listing it).
        changed.services.retain(|s| s.slug != "sperrmuell-anmelden");
        // One counter fewer at the town hall.
        let mitte = changed.locations.iter_mut().find(|l| l.key == "buergerbuero-mitte").unwrap();
        mitte.counters.retain(|c| c.key != "schalter-8");
        assert_eq!(changed.validate(), vec![]);

        let report = import_catalog(db, a, &changed, &admin()).await.unwrap();
        assert_eq!((report.services.added, report.services.updated), (0, 1), "{report:?}");
        assert_eq!(report.services.not_in_file, ["sperrmuell-anmelden"]);
        // Offerings refer to the service's id, so the places listing the renamed service are
        // unchanged; only the town hall (one counter fewer) is updated.
        assert_eq!(report.places.updated, 1, "{report:?}");
        assert_eq!(report.departments.updated + report.topics.updated, 0);

        let renamed = services::get_by_slug(db, a, "personalausweis").await.unwrap().unwrap();
        assert_eq!(renamed.id, ausweis.id, "matched by LeiKa key, so the id (and its appointments) stay");
        assert!(services::get_by_slug(db, a, "sperrmuell-anmelden").await.unwrap().is_some(), "not deleted");
        let mitte = places::get_by_key(db, a, "buergerbuero-mitte").await.unwrap().unwrap();
        let schalter_8 =
            counters::list(db, a, mitte.id).await.unwrap().into_iter().find(|c| c.key == "schalter-8").unwrap();
        assert!(!schalter_8.active, "a counter missing from the file is deactivated, not deleted");

        // The export is the new file plus what the import left alone.
        let exported = export(db, a).await.unwrap();
        let mut expected = changed.clone();
        expected.services.push(catalog.service("sperrmuell-anmelden").unwrap().clone());
        assert_eq!(exported, canonical(&expected));

        // Going back to the original file restores it, including the counter.
        let back = import_catalog(db, a, &catalog, &admin()).await.unwrap();
        assert_eq!(back.services.updated, 1);
        assert_eq!(export(db, a).await.unwrap(), canonical(&catalog));
        let schalter_8 = counters::get(db, a, schalter_8.id).await.unwrap().unwrap();
        assert!(schalter_8.active, "the same counter row is reactivated");
    }
);

dual_test!(
    async fn an_invalid_catalogue_is_refused_with_all_problems(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let mut broken = demo::musterstadt();
        broken.services[0].department = "gibt-es-nicht".to_owned();
        broken.services[1].name.en.clear();
        let err = import_catalog(db, a, &broken, &admin()).await.unwrap_err();
        let ImportError::Invalid(problems) = err else { panic!("expected validation problems, got {err:?}") };
        assert!(problems.len() >= 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.code == "unknown-reference"));
        assert_eq!(export(db, a).await.unwrap(), Catalog::default(), "nothing was written");
        assert!(import_actions(db, a).await.is_empty(), "and nothing audited");
    }
);

dual_test!(
    async fn an_import_failing_midway_rolls_back_completely(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        // Two existing services whose slugs and LeiKa keys the file pairs the other way
        // round: matched by LeiKa, each would have to take the other's slug. The department
        // comes first in the import and is updated before the services fail.
        let old_department = DepartmentFields {
            key: Slug::parse("buergerbuero").unwrap(),
            xzufi_id: None,
            name_de: "Altes Bürgerbüro".into(),
            name_en: "Old office".into(),
            email: None,
            phone: None,
        };
        let dep = departments::create(db, a, &old_department).await.unwrap();
        let existing = |slug: &str, leika: &str| ServiceFields {
            slug: Slug::parse(slug).unwrap(),
            leika: Some(leika.to_owned()),
            xzufi_id: None,
            department_id: dep.id,
            topic_id: None,
            name_de: slug.to_owned(),
            name_en: slug.to_owned(),
            minutes_per_person: None,
            max_persons: None,
            channels: vec!["online".into()],
            details: serde_json::json!({}),
        };
        services::create(db, a, &existing("personalausweis-beantragen", "99115005104000")).await.unwrap();
        services::create(db, a, &existing("wohnsitz-anmelden", "99008001012000")).await.unwrap();
        let departments_before = departments::list(db, a).await.unwrap();
        let services_before = services::list(db, a).await.unwrap();

        // In the caller's transaction: the import fails, the caller's own work survives.
        let tx = begin_write(db).await.unwrap();
        let err = import(&tx, a, &demo::musterstadt(), &admin()).await.unwrap_err();
        assert!(matches!(err, ImportError::Store(StoreError::Conflict("service-slug-taken"))), "{err:?}");
        audit::append_in(&tx, a, AuditEntry::new(None, "test", "caller.continued")).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(departments::list(db, a).await.unwrap(), departments_before, "the department update was undone");
        assert_eq!(services::list(db, a).await.unwrap(), services_before);
        assert!(topics::list(db, a).await.unwrap().is_empty(), "topics added before the failure are gone");
        assert!(places::list_all(db, a).await.unwrap().is_empty());
        assert!(import_actions(db, a).await.is_empty(), "no catalog.imported entry");
        let last = &audit::list(db, a, 1, 0).await.unwrap()[0];
        assert_eq!(last.action, "caller.continued", "the caller's transaction stayed usable");
    }
);

dual_test!(
    async fn tenants_import_their_own_catalogues(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let b = tenant(db, "kleindorf", "09999002").await;
        import_catalog(db, a, &demo::musterstadt(), &admin()).await.unwrap();
        let kleindorf = demo::kleindorf();
        let report = import_catalog(db, b, &kleindorf, &admin()).await.unwrap();
        assert_eq!((report.services.added, report.places.added), (6, 1));
        assert!(report.services.not_in_file.is_empty(), "A's services are not B's business");
        assert_eq!(export(db, b).await.unwrap(), canonical(&kleindorf));
        assert_eq!(export(db, a).await.unwrap(), canonical(&demo::musterstadt()), "B's import left A alone");
        let ausweis = rathaus_catalog_store::service(db, b, "personalausweis-beantragen").await.unwrap().unwrap();
        assert!(ausweis.eligibility.de.contains("Kleindorf"));
        assert!(rathaus_catalog_store::service(db, b, "fahrzeug-zulassen").await.unwrap().is_none());
    }
);

dual_test!(
    async fn drafts_are_stored_inactive_and_exported_as_drafts(t: TestDb) {
        let db = &t.db;
        let a = tenant(db, "musterstadt", "05999001").await;
        let mut catalog = demo::musterstadt();
        let mut draft = catalog.services[0].clone();
        draft.slug = "neue-leistung".into();
        draft.leika = None;
        draft.xzufi_id = None;
        draft.draft = true;
        draft.channels.clear();
        draft.name.en.clear();
        draft.keywords = Default::default();
        draft.phrasings = Default::default();
        catalog.services.push(draft);
        import_catalog(db, a, &catalog, &admin()).await.expect("a draft may be incomplete");
        let row = services::get_by_slug(db, a, "neue-leistung").await.unwrap().unwrap();
        assert!(!row.active, "drafts are not shown to citizens");
        let exported = export(db, a).await.unwrap();
        assert!(exported.service("neue-leistung").unwrap().draft);
        assert_eq!(exported, canonical(&catalog));
        let again = import_catalog(db, a, &exported, &admin()).await.unwrap();
        assert_eq!((again.added(), again.updated()), (0, 0), "export → import keeps the state");
        // Publishing it incomplete is refused with the missing parts.
        let mut published = exported.clone();
        published.services.iter_mut().find(|s| s.slug == "neue-leistung").unwrap().draft = false;
        let Err(ImportError::Invalid(problems)) = import_catalog(db, a, &published, &admin()).await else {
            panic!("an incomplete service cannot be published")
        };
        assert!(problems.iter().any(|p| p.code == "missing-channel"), "{problems:?}");
    }
);
