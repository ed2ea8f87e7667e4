//! Tenant isolation: tenant B can neither book, confirm nor cancel tenant A's capacity and
//! appointments, nor read them.

use crate::support::*;
use rathaus_booking::{
    AppointmentRef, BookingError, Channel, Location, Search, book, by_place, cancel, confirm, find, hold, regenerate,
};
use rathaus_test_db::dual_test;

dual_test!(
    async fn tenant_b_cannot_touch_tenant_a_bookings(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let b = demo_tenant(db, "kleindorf", "09999002").await;
        let a_sued = place(db, a, "buergerbuero-sued").await;
        let b_sued = place(db, b, "buergerbuero-sued").await;
        regenerate(db, a, a_sued, D, D, now()).await.unwrap();
        assert!(matches!(regenerate(db, b, a_sued, D, D, now()).await, Err(BookingError::NotFound)));
        let counter = counter_ids(db, a, a_sued).await[0];
        let nine = request(a_sued, start(counter, at(D, 9, 0), 15), ausweis(), Channel::Online);

        assert!(matches!(hold(db, b, &nine, now()).await, Err(BookingError::NotFound)));
        assert!(matches!(book(db, b, &nine, &contact(9), None, None, now()).await, Err(BookingError::NotFound)));
        // A's counter at B's place of the same name is not B's counter.
        let foreign_counter = request(b_sued, nine.start, ausweis(), Channel::Online);
        assert!(matches!(hold(db, b, &foreign_counter, now()).await, Err(BookingError::NotFound)));
        let services = ausweis();
        let search = Search {
            services: &services,
            location: Location::Place(a_sued),
            from: D,
            to: D,
            channel: Channel::Online,
            now: now(),
        };
        assert!(matches!(by_place(db, b, &search).await, Err(BookingError::NotFound)));
        let any = Search { location: Location::Any, ..search.clone() };
        assert!(by_place(db, b, &any).await.unwrap().is_empty(), "B has no capacity rows of its own");

        let held = hold(db, a, &nine, now()).await.unwrap();
        assert!(matches!(
            confirm(db, b, &held.id, &contact(9), None, None, now()).await,
            Err(BookingError::HoldNotFound)
        ));
        assert!(!rathaus_booking::release(db, b, &held.id).await.unwrap());
        let booked = confirm(db, a, &held.id, &contact(1), None, None, now()).await.unwrap();
        let token = booked.manage_token.unwrap();
        assert!(find(db, b, AppointmentRef::Id(booked.appointment_id)).await.unwrap().is_none());
        assert!(find(db, b, AppointmentRef::ManageToken(token.as_str())).await.unwrap().is_none());
        assert!(matches!(
            cancel(db, b, AppointmentRef::Id(booked.appointment_id), Some(staff()), now()).await,
            Err(BookingError::NotFound)
        ));
        assert!(matches!(
            cancel(db, b, AppointmentRef::ManageToken(token.as_str()), None, now()).await,
            Err(BookingError::NotFound)
        ));
        let row = find(db, a, AppointmentRef::Id(booked.appointment_id)).await.unwrap().unwrap();
        assert_eq!(row.status, "confirmed", "untouched");
        assert_eq!(count(db, "SELECT COUNT(*) FROM capacity_slots WHERE appointment_id IS NOT NULL").await, 3);
    }
);
