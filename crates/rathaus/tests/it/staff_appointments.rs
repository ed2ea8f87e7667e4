//! The staff side of appointments through its pages: the calendar shows an online booking
//! and a clerk marks it; booking for a caller, moving and cancelling with notifications
//! (the office's cancellation offers times the citizen takes with one click); blocking time
//! with the mass cancellation; the day list and CSV; the supervisor's plan; roles and
//! tenant isolation.

use crate::booking_flow::{complete_booking, count, first_day_link, hold_first_time, input_value, outbox};
use crate::booking_test;
use crate::support::*;
use axum::http::StatusCode;

const CLERK: &str = "sachbearbeitung@musterstadt.example";
const SUPERVISOR: &str = "teamleitung@musterstadt.example";
const AUSWEIS: &str = "personalausweis-beantragen";

/// The id of the single confirmed (or other non-held) appointment, from SQL.
async fn only_appointment_id(app: &TestApp) -> i64 {
    count(app, "SELECT MAX(id) FROM appointments WHERE status <> 'held'").await
}

async fn date_of(app: &TestApp, id: i64) -> String {
    let start = count(app, &format!("SELECT start_s FROM appointments WHERE id = {id}")).await;
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    jiff::Timestamp::from_second(start).unwrap().to_zoned(tz).date().to_string()
}

booking_test!(
    async fn a_clerk_sees_an_online_booking_and_marks_it(app) {
        let mut citizen = app.client(MUSTERSTADT);
        hold_first_time(&mut citizen).await;
        complete_booking(&mut citizen, "erika@example.org").await;
        let id = only_appointment_id(&app).await;
        let date = date_of(&app, id).await;

        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let day = clerk.get(&format!("/staff/termine?ort=buergerbuero-mitte&datum={date}")).await;
        assert_eq!(day.status, StatusCode::OK, "{}", day.body);
        assert!(day.body.contains("Erika Mustermann") && day.body.contains(&format!("/staff/termine/{id}")));
        let week = clerk.get(&format!("/staff/termine?ort=buergerbuero-mitte&datum={date}&ansicht=woche")).await;
        assert!(week.body.contains("Erika Mustermann"));
        let detail = clerk.get(&format!("/staff/termine/{id}")).await;
        assert!(detail.body.contains("erika@example.org") && detail.body.contains("value=\"arrived\""));
        assert!(!detail.body.contains("value=\"no_show\""), "no-show only once it has begun");

        let marked = clerk.post_form(&format!("/staff/termine/{id}/markieren"), &[("mark", "arrived")]).await;
        assert_eq!(marked.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'arrived'")).await, 1);
        let again = clerk.post_form(&format!("/staff/termine/{id}/markieren"), &[("mark", "arrived")]).await;
        assert_eq!(again.status, StatusCode::OK, "a mark that no longer fits is explained");
        assert!(again.body.contains("error-message"));
        clerk.post_form(&format!("/staff/termine/{id}/markieren"), &[("mark", "completed")]).await;
        clerk.post_form(&format!("/staff/termine/{id}/markieren"), &[("mark", "undo")]).await;
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'confirmed'")).await, 1);
        let bogus = clerk.post_form(&format!("/staff/termine/{id}/markieren"), &[("mark", "bogus")]).await;
        assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
        let audited = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('appointment.arrived', 'appointment.completed', 'appointment.undo')").await;
        assert_eq!(audited, 3);
        clerk.post_form(&format!("/staff/termine/{id}/notiz"), &[("notes", "Bringt Geburtsurkunde mit")]).await;
        let list = clerk.get(&format!("/staff/termine/tagesliste?ort=buergerbuero-mitte&datum={date}")).await;
        assert!(list.body.contains("Bringt Geburtsurkunde mit") && list.body.contains("Erika Mustermann"));
        let csv = clerk.get(&format!("/staff/termine/tagesliste.csv?ort=buergerbuero-mitte&datum={date}")).await;
        assert_eq!(csv.content_type(), "text/csv; charset=utf-8");
        assert!(csv.body.contains("Erika Mustermann") && csv.body.lines().count() == 2, "{}", csv.body);

        // Other tenants and anonymous visitors see nothing.
        let mut kleindorf = app.signed_in(KLEINDORF, "admin@kleindorf.example").await;
        assert_eq!(kleindorf.get(&format!("/staff/termine/{id}")).await.status, StatusCode::NOT_FOUND);
        let mut anonymous = app.client(MUSTERSTADT);
        let res = anonymous.get(&format!("/staff/termine/{id}")).await;
        assert_ne!(res.status, StatusCode::OK);
    }
);

booking_test!(
    async fn a_clerk_books_for_a_caller_moves_and_cancels_and_the_citizen_takes_an_offer(app) {
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let start = clerk.get(&format!("/staff/termine/neu?service={AUSWEIS}&persons=1&ort=buergerbuero-nord")).await;
        assert_eq!(start.status, StatusCode::OK, "{}", start.body);
        let day = first_day_link(&start.body);
        let page = clerk.get(&format!("/staff/termine/neu{day}")).await;
        let time = input_value(&page.body, "zeit", 0).unwrap();
        let date = input_value(&page.body, "datum", 0).unwrap();
        let key = input_value(&page.body, "key", 0).unwrap();
        let form = [
            ("service", AUSWEIS),
            ("persons", "1"),
            ("ort", "buergerbuero-nord"),
            ("datum", date.as_str()),
            ("zeit", time.as_str()),
            ("key", key.as_str()),
            ("name", "Max Anrufer"),
            ("email", "max@example.org"),
            ("phone", ""),
            ("notes", "Rückruf erbeten"),
        ];
        let booked = clerk.post_form("/staff/termine/neu", &form).await;
        assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
        let id = only_appointment_id(&app).await;
        assert_eq!(booked.location(), format!("/staff/termine/{id}?notice=booked"));
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND channel = 'phone'")).await, 1);
        assert!(outbox(&app).await.iter().any(|m| m.recipient == "max@example.org" && m.subject.starts_with("Terminbestätigung")));
        // The same form again (a double click) books nothing new.
        clerk.post_form("/staff/termine/neu", &form).await;
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 1);

        // Move to another time on the same day.
        let move_page = clerk.get(&format!("/staff/termine/{id}/verlegen?datum={date}")).await;
        let other = input_value(&move_page.body, "zeit", 1).unwrap();
        let moved = clerk.post_form(&format!("/staff/termine/{id}/verlegen"), &[("datum", &date), ("zeit", &other)]).await;
        assert_eq!(moved.location(), format!("/staff/termine/{id}?notice=moved"), "{}", moved.body);
        assert!(outbox(&app).await.iter().any(|m| m.subject.starts_with("Ihr Termin wurde verlegt")));

        // The office cancels: the e-mail offers new times with links.
        let cancelled = clerk.post_form(&format!("/staff/termine/{id}/absagen"), &[("reason", "office")]).await;
        assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
        let mail = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Absage Ihres Termins")).expect("office cancellation");
        let offer = mail.body_text.lines().find_map(|l| l.split("http://localhost").nth(1)).expect("an offer link").trim().to_owned();
        assert!(offer.contains("/angebot?"), "{offer}");
        // The citizen takes it: the appointment is confirmed again at the offered time.
        let mut citizen = app.client(MUSTERSTADT);
        let show = citizen.get(&offer).await;
        assert_eq!(show.status, StatusCode::OK, "{}", show.body);
        let fields: Vec<(String, String)> = ["ort", "start", "ende", "schalter"]
            .iter()
            .map(|k| ((*k).to_owned(), input_value(&show.body, k, 0).unwrap()))
            .collect();
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let path = offer.split('?').next().unwrap().to_owned();
        let taken = citizen.post_form(&path, &fields).await;
        assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'confirmed'")).await, 1);
    }
);

booking_test!(
    async fn blocking_a_day_and_cancelling_everyone_in_it(app) {
        let mut citizen = app.client(MUSTERSTADT);
        hold_first_time(&mut citizen).await;
        complete_booking(&mut citizen, "erika@example.org").await;
        let id = only_appointment_id(&app).await;
        let date = date_of(&app, id).await;
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let bad = clerk.post_form("/staff/termine/sperren", &[("ort", "buergerbuero-mitte"), ("datum", ""), ("von", "x"), ("bis", ""), ("grund", "")]).await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.body.contains("href=\"#datum\"") && bad.body.contains("href=\"#grund\""));
        let blocked = clerk
            .post_form("/staff/termine/sperren", &[("ort", "buergerbuero-mitte"), ("datum", &date), ("von", "00:00"), ("bis", "24:00"), ("grund", "Krankheit")])
            .await;
        assert_eq!(blocked.status, StatusCode::OK, "{}", blocked.body);
        assert!(blocked.body.contains("Erika Mustermann"), "the booked appointment is listed");
        // Nothing of that day is bookable any more.
        let api = citizen.get(&format!("/api/v1/availability?service={AUSWEIS}&location=buergerbuero-mitte&from={date}&to={date}")).await;
        assert_eq!(api.json()["days"], serde_json::json!([]), "{}", api.body);
        let block_id = count(&app, "SELECT MAX(id) FROM time_blocks").await;
        let done = clerk.post_form(&format!("/staff/termine/sperren/{block_id}/absagen"), &[]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'cancelled' AND cancel_reason = 'office-closed'")).await, 1);
        let mail = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Absage Ihres Termins")).unwrap();
        assert!(mail.body_text.contains("/angebot?"), "offers in the mail");
        // Lifting the block gives the day back.
        let lifted = clerk.post_form(&format!("/staff/termine/sperren/{block_id}/aufheben"), &[]).await;
        assert_eq!(lifted.status, StatusCode::SEE_OTHER);
        let api = citizen.get(&format!("/api/v1/availability?service={AUSWEIS}&location=buergerbuero-mitte&from={date}&to={date}")).await;
        assert_ne!(api.json()["days"], serde_json::json!([]));
    }
);

booking_test!(
    async fn supervisors_edit_the_plan_and_clerks_may_not(app) {
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        assert_eq!(clerk.get("/staff/termine/plan").await.status, StatusCode::FORBIDDEN);
        let mut sup = app.signed_in(MUSTERSTADT, SUPERVISOR).await;
        let page = sup.get("/staff/termine/plan?ort=buergerbuero-sued").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let mut form: Vec<(String, String)> = [
            ("ort", "buergerbuero-sued"), ("slot_minutes", "7"), ("horizon_days", "30"), ("min_lead_minutes", "60"),
            ("release_at", ""), ("release_days_ahead", ""), ("lottery_minutes", "0"), ("hold_minutes", "10"),
            ("max_active_per_contact", "2"), ("reminder_hours", "24"), ("contingent_0_name", "phone"),
            ("contingent_0_share", "250"), ("contingent_0_release", "24"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let as_pairs = |f: &Vec<(String, String)>| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
        let pairs = as_pairs(&form);
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let bad = sup.post_form("/staff/termine/plan", &refs).await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.body.contains("href=\"#contingent_0_share\""), "{}", bad.body);
        form[11].1 = "20".into();
        let pairs = as_pairs(&form);
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let grid = sup.post_form("/staff/termine/plan", &refs).await;
        assert!(grid.body.contains("Zeitraster muss 60 teilen"), "{}", grid.body);
        form[1].1 = "15".into();
        let pairs = as_pairs(&form);
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let ok = sup.post_form("/staff/termine/plan", &refs).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM booking_policies WHERE slot_minutes = 15").await, 1);
        // Staffing of one counter: bad line, then a good plan.
        let counter = count(&app, "SELECT MIN(c.id) FROM counters c JOIN places p ON p.id = c.place_id WHERE p.key = 'buergerbuero-sued'").await;
        let bad = sup.post_form(&format!("/staff/termine/plan/schalter/{counter}"), &[("staffing", "Mo-Fr 08:00-10:00\nirgendwann")]).await;
        assert!(bad.body.contains("Zeile 2"), "{}", bad.body);
        let ok = sup.post_form(&format!("/staff/termine/plan/schalter/{counter}"), &[("staffing", "Mo-Fr 08:00-10:00")]).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM staffing_blocks WHERE counter_id = {counter}")).await, 5);
        // Capacity follows the new grid.
        let off_grid = count(&app, "SELECT COUNT(*) FROM capacity_slots s JOIN places p ON p.id = s.place_id WHERE p.key = 'buergerbuero-sued' AND s.appointment_id IS NULL AND (s.end_s - s.start_s) <> 900").await;
        assert_eq!(off_grid, 0, "free rows are on the 15-minute grid");
        assert!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'booking.policy_changed'").await >= 1);
    }
);
