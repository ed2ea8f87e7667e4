//! Holds, confirmation, direct booking, expiry, cancellation and the per-contact cap.

use crate::support::*;
use jiff::civil::time;
use rathaus_booking::{
    AppointmentRef, BookingError, Channel, Location, Search, ServiceRequest, Start, availability, book, by_place,
    cancel, candidates, confirm, expire_holds, find, hold, regenerate, release,
};
use rathaus_db::appointments::plan;
use rathaus_db::{DatabaseConnection, TenantId, audit};
use rathaus_test_db::dual_test;

async fn starts(db: &DatabaseConnection, tenant: TenantId, place: i64, at_now: jiff::Timestamp) -> Vec<Start> {
    let services = ausweis();
    let search = Search {
        services: &services,
        location: Location::Place(place),
        from: D,
        to: D,
        channel: Channel::Online,
        now: at_now,
    };
    by_place(db, tenant, &search).await.unwrap().into_iter().flat_map(|p| p.starts).collect()
}

async fn sued(db: &DatabaseConnection) -> (TenantId, i64) {
    let a = demo_tenant(db, "musterstadt", "05999001").await;
    let sued = place(db, a, "buergerbuero-sued").await;
    regenerate(db, a, sued, D, D, now()).await.unwrap();
    (a, sued)
}

dual_test!(
    async fn hold_and_confirm_make_one_appointment_and_a_repeat_returns_it(t: TestDb) {
        let db = &t.db;
        let (a, sued) = sued(db).await;
        let services = ausweis();
        let search = Search {
            services: &services,
            location: Location::Place(sued),
            from: D,
            to: D,
            channel: Channel::Online,
            now: now(),
        };
        let days = availability(db, a, &search).await.unwrap();
        let json = serde_json::to_value(&days).unwrap();
        assert_eq!(json["days"][0]["date"], "2026-11-04");
        assert_eq!(json["days"][0]["times"][0], "08:00");
        assert_eq!(json["days"][0]["times"].as_array().unwrap().last().unwrap(), "17:45");

        let nine = candidates(db, a, &search, D, time(9, 0, 0, 0)).await.unwrap();
        assert_eq!(nine.len(), 3, "three counters are free at 09:00");
        let held = hold(db, a, &request(sued, nine[0].start, ausweis(), Channel::Online), now()).await.unwrap();
        let hold_rows = format!("SELECT COUNT(*) FROM capacity_slots WHERE hold_id = {}", held.appointment_id);
        assert_eq!(count(db, &hold_rows).await, 3);
        assert!(!starts(db, a, sued, now()).await.contains(&nine[0].start), "held is not free");

        let first = confirm(db, a, &held.id, &contact(1), Some("key-1"), None, now()).await.unwrap();
        assert!(first.manage_token.is_some() && !first.replayed);
        assert_eq!(first.booking_code.len(), 6);
        let again = confirm(db, a, &held.id, &contact(1), Some("key-1"), None, now()).await.unwrap();
        assert_eq!((again.appointment_id, &again.booking_code), (first.appointment_id, &first.booking_code));
        assert!(again.replayed && again.manage_token.is_none(), "the raw token is shown once");
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 1);
        let booked = format!("SELECT COUNT(*) FROM capacity_slots WHERE appointment_id = {}", first.appointment_id);
        assert_eq!(count(db, &booked).await, 3);
        assert_eq!(count(db, &hold_rows).await, 0);
        assert!(matches!(
            confirm(db, a, &held.id, &contact(1), None, None, now()).await,
            Err(BookingError::AlreadyConfirmed)
        ));

        // The same key with a new hold (the form sent twice after choosing again): the first
        // confirmation, and the new hold is given back.
        let other = hold(db, a, &request(sued, nine[1].start, ausweis(), Channel::Online), now()).await.unwrap();
        let replay = confirm(db, a, &other.id, &contact(1), Some("key-1"), None, now()).await.unwrap();
        assert_eq!(replay.appointment_id, first.appointment_id);
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments").await, 1);
        assert!(starts(db, a, sued, now()).await.contains(&nine[1].start));

        let token = first.manage_token.unwrap();
        let found = find(db, a, AppointmentRef::ManageToken(token.as_str())).await.unwrap().unwrap();
        assert_eq!(
            (found.id, found.name.as_str(), found.email.as_deref()),
            (first.appointment_id, "Person 1", Some("person1@example.org"))
        );
        assert_eq!((found.status.as_str(), found.channel.as_str(), found.persons), ("confirmed", "online", 1));
        assert!(found.contact_hash.is_some());
    }
);

dual_test!(
    async fn staff_book_directly_idempotently_and_audited(t: TestDb) {
        let db = &t.db;
        let (a, sued) = sued(db).await;
        let counter = counter_ids(db, a, sued).await[0];
        let (clerk, entry) = clerk(db, a).await;
        let family = vec![ServiceRequest::new("reisepass-beantragen", 2), ServiceRequest::new("meldebescheinigung", 1)];
        // 2 × 15 + 1 × 5 minutes = 35 minutes = 7 slots.
        let req = request(sued, start(counter, at(D, 14, 0), 35), family, Channel::Phone(clerk));
        let booked = book(db, a, &req, &contact(2), Some("desk-1"), Some(entry.clone()), now()).await.unwrap();
        let twice = book(db, a, &req, &contact(2), Some("desk-1"), Some(entry), now()).await.unwrap();
        assert_eq!(twice.appointment_id, booked.appointment_id);
        assert!(twice.replayed);
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments").await, 1);
        let rows = format!("SELECT COUNT(*) FROM capacity_slots WHERE appointment_id = {}", booked.appointment_id);
        assert_eq!(count(db, &rows).await, 7);
        let services =
            format!("SELECT COUNT(*) FROM appointment_services WHERE appointment_id = {}", booked.appointment_id);
        assert_eq!(count(db, &services).await, 2);
        let a_row = find(db, a, AppointmentRef::Id(booked.appointment_id)).await.unwrap().unwrap();
        assert_eq!(
            (a_row.persons, a_row.booked_by_user_id, a_row.channel.as_str()),
            (2, Some(i64::try_from(clerk.0).unwrap()), "phone")
        );

        let entries = audit::list(db, a, 10, 0).await.unwrap();
        let entry = entries.iter().find(|e| e.action == "appointment.booked").expect("audited");
        assert_eq!(
            (entry.target_id.clone(), entry.actor.as_str()),
            (booked.appointment_id.to_string(), "clerk@musterstadt.example")
        );
        assert!(!entry.details.contains("Person"), "no personal data in the audit log: {}", entry.details);
        assert_eq!(audit::verify(db).await.unwrap(), Ok(audit::count(db, a).await.unwrap()));

        // A start that is not this need's length, or not on the grid, is refused.
        let wrong = request(sued, start(counter, at(D, 15, 0), 15), req.services.clone(), Channel::Phone(clerk));
        assert!(matches!(
            book(db, a, &wrong, &contact(2), None, None, now()).await,
            Err(BookingError::Invalid("start-invalid"))
        ));
        let off_grid = request(sued, start(counter, minutes(at(D, 15, 0), 2), 15), ausweis(), Channel::Online);
        assert!(matches!(hold(db, a, &off_grid, now()).await, Err(BookingError::Invalid("start-invalid"))));
        let not_here = request(
            sued,
            start(counter, at(D, 15, 0), 10),
            vec![ServiceRequest::new("gewerbe-anmelden", 1)],
            Channel::Online,
        );
        assert!(matches!(hold(db, a, &not_here, now()).await, Err(BookingError::Invalid("service-not-offered"))));
    }
);

dual_test!(
    async fn holds_expire_and_their_capacity_returns(t: TestDb) {
        let db = &t.db;
        let (a, sued) = sued(db).await;
        let counter = counter_ids(db, a, sued).await[0];
        let nine = start(counter, at(D, 9, 0), 15);
        let first = hold(db, a, &request(sued, nine, ausweis(), Channel::Online), now()).await.unwrap();
        assert_eq!(first.held_until, minutes(now(), 10));
        assert!(!starts(db, a, sued, now()).await.contains(&nine));
        let taken = hold(db, a, &request(sued, nine, ausweis(), Channel::Online), minutes(now(), 9)).await;
        let Err(BookingError::SlotTaken(taken)) = taken else { panic!("{taken:?}") };
        assert!(!taken.alternatives.is_empty() && taken.alternatives.len() <= 5);
        assert_eq!(taken.alternatives[0].start, at(D, 9, 0), "the same time at another counter first");
        assert!(taken.alternatives.iter().all(|s| *s != nine));

        // Eleven minutes later the hold has run out: free again, without any job.
        let later = minutes(now(), 11);
        assert!(starts(db, a, sued, later).await.contains(&nine));
        let second = hold(db, a, &request(sued, nine, ausweis(), Channel::Online), later).await.unwrap();
        assert!(matches!(
            confirm(db, a, &first.id, &contact(1), None, None, later).await,
            Err(BookingError::HoldExpired)
        ));
        confirm(db, a, &second.id, &contact(2), None, None, later).await.unwrap();
        assert!(
            matches!(confirm(db, a, &first.id, &contact(1), None, None, now()).await, Err(BookingError::HoldExpired)),
            "the rows are someone else's now"
        );

        // An abandoned hold, the job, and a given-back hold.
        let ten = start(counter, at(D, 10, 0), 15);
        hold(db, a, &request(sued, ten, ausweis(), Channel::Online), now()).await.unwrap();
        let eleven = hold(db, a, &request(sued, start(counter, at(D, 11, 0), 15), ausweis(), Channel::Online), now())
            .await
            .unwrap();
        assert!(release(db, a, &eleven.id).await.unwrap());
        assert!(!release(db, a, &eleven.id).await.unwrap());
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'held'").await, 2);
        let freed = expire_holds(db, minutes(now(), 60)).await.unwrap();
        assert_eq!(freed, 3, "the 10:00 hold (the first one's rows were taken over and confirmed)");
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'held'").await, 0);
        assert_eq!(count(db, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await, 0);
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 1);
        assert!(matches!(
            confirm(db, a, &first.id, &contact(1), None, None, now()).await,
            Err(BookingError::HoldNotFound)
        ));
    }
);

dual_test!(
    async fn cancelling_frees_capacity_at_once(t: TestDb) {
        let db = &t.db;
        let (a, sued) = sued(db).await;
        let counter = counter_ids(db, a, sued).await[0];
        let nine = start(counter, at(D, 9, 0), 15);
        let held = hold(db, a, &request(sued, nine, ausweis(), Channel::Online), now()).await.unwrap();
        let booked = confirm(db, a, &held.id, &contact(1), None, None, now()).await.unwrap();
        assert!(!starts(db, a, sued, now()).await.contains(&nine));
        let token = booked.manage_token.clone().unwrap();
        let cancelled = cancel(db, a, AppointmentRef::ManageToken(token.as_str()), None, now()).await.unwrap();
        assert_eq!((cancelled.freed_slots, cancelled.already), (3, false));
        assert!(starts(db, a, sued, now()).await.contains(&nine), "free again at once");
        let again = cancel(db, a, AppointmentRef::ManageToken(token.as_str()), None, now()).await.unwrap();
        assert!(again.already);
        assert!(cancel(db, a, AppointmentRef::Id(booked.appointment_id), Some(staff()), now()).await.unwrap().already);
        let row = find(db, a, AppointmentRef::Id(booked.appointment_id)).await.unwrap().unwrap();
        assert_eq!(row.status, "cancelled");
        assert!(row.cancelled_at.is_some());

        // Once it has begun, only staff cancel (audited).
        let ten = start(counter, at(D, 10, 0), 15);
        let second =
            book(db, a, &request(sued, ten, ausweis(), Channel::Online), &contact(2), None, None, now()).await.unwrap();
        let token = second.manage_token.unwrap();
        let during = minutes(at(D, 10, 0), 1);
        assert!(matches!(
            cancel(db, a, AppointmentRef::ManageToken(token.as_str()), None, during).await,
            Err(BookingError::NotCancellable)
        ));
        cancel(db, a, AppointmentRef::Id(second.appointment_id), Some(staff()), during).await.unwrap();
        assert!(audit::list(db, a, 10, 0).await.unwrap().iter().any(|e| e.action == "appointment.cancelled"));
        assert_eq!(count(db, "SELECT COUNT(*) FROM capacity_slots WHERE appointment_id IS NOT NULL").await, 0);
    }
);

dual_test!(
    async fn a_contact_has_at_most_the_capped_active_appointments_per_service(t: TestDb) {
        let db = &t.db;
        let (a, sued) = sued(db).await;
        let mut policy = plan::policy(db, a, sued).await.unwrap();
        policy.max_active_per_contact = 1;
        plan::set_policy(db, a, sued, &policy).await.unwrap();
        let counter = counter_ids(db, a, sued).await[0];
        let anna = rathaus_booking::Contact::parse("Anna", Some("anna@example.org"), None).unwrap();
        let anna_again =
            rathaus_booking::Contact::parse("Anna S.", Some("ANNA@example.org "), Some("0123 456789")).unwrap();
        let at_time = |h, m| request(sued, start(counter, at(D, h, m), 15), ausweis(), Channel::Online);

        let first = book(db, a, &at_time(9, 0), &anna, None, None, now()).await.unwrap();
        let capped = book(db, a, &at_time(10, 0), &anna_again, None, None, now()).await;
        assert!(matches!(capped, Err(BookingError::ContactLimit { limit: 1 })), "{capped:?}");
        let held = hold(db, a, &at_time(10, 0), now()).await.unwrap();
        assert!(matches!(
            confirm(db, a, &held.id, &anna, None, None, now()).await,
            Err(BookingError::ContactLimit { limit: 1 })
        ));
        // Another service is fine; so is another person.
        let passport = request(
            sued,
            start(counter, at(D, 11, 0), 15),
            vec![ServiceRequest::new("reisepass-beantragen", 1)],
            Channel::Online,
        );
        book(db, a, &passport, &anna, None, None, now()).await.unwrap();
        confirm(db, a, &held.id, &contact(3), None, None, now()).await.unwrap();
        // After cancelling, Anna may book again.
        cancel(db, a, AppointmentRef::Id(first.appointment_id), Some(staff()), now()).await.unwrap();
        book(db, a, &at_time(11, 30), &anna, None, None, now()).await.unwrap();
    }
);
