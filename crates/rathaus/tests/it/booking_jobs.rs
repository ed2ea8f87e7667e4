//! What happens later, driven from the test: reminders, the double opt-in link, lottery
//! draws and expired holds, through the real jobs of `rathaus-appointments`.

use crate::booking_flow::{complete_booking, count, hold_first_time, input_value, musterstadt, outbox, sqlx_exec};
use crate::booking_test;
use crate::support::*;
use axum::http::StatusCode;
use rathaus_booking::StoredPolicy;

const AUSWEIS: &str = "personalausweis-beantragen";

async fn mitte(app: &TestApp) -> i64 {
    count(app, "SELECT id FROM places WHERE key = 'buergerbuero-mitte'").await
}

async fn set_policy(app: &TestApp, policy: StoredPolicy) {
    let t = musterstadt(app).await;
    rathaus_booking::set_policy(&app.db.db, t, mitte(app).await, &policy).await.unwrap();
}

fn worker(app: &TestApp) -> rathaus_worker::Worker {
    let mut w = rathaus_worker::Worker::new(app.db.db.clone(), "test");
    for h in rathaus_appointments::jobs::handlers(&app.db.db, &rathaus_appointments::Notifier::held()) {
        w = w.register(h);
    }
    w
}

booking_test!(
    async fn the_reminder_goes_out_before_the_appointment_with_a_working_link(app) {
        set_policy(&app, StoredPolicy { min_lead_minutes: 180, reminder_hours: 1, ..StoredPolicy::default() }).await;
        let mut c = app.client(MUSTERSTADT);
        hold_first_time(&mut c).await;
        complete_booking(&mut c, "erika@example.org").await;
        let jobs = count(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'appointment.reminder' AND state = 'queued'").await;
        assert_eq!(jobs, 1, "one reminder is scheduled");
        let due = count(&app, "SELECT j.run_at - a.start_s FROM jobs j, appointments a WHERE j.kind = 'appointment.reminder' AND a.status = 'confirmed'").await;
        assert_eq!(due, -3600, "an hour before the start");
        sqlx_exec(&app, "UPDATE jobs SET run_at = 0 WHERE kind = 'appointment.reminder'").await;
        worker(&app).run_due().await.unwrap();
        let reminder = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Erinnerung an Ihren Termin")).expect("reminder");
        let link = reminder.body_text.lines().find_map(|l| l.split("http://localhost").nth(1)).unwrap().trim().to_owned();
        assert!(link.starts_with("/termine/verwalten/"), "{link}");
        let page = c.get(&link).await;
        assert_eq!(page.status, StatusCode::OK, "the reminder's own manage link works");
    }
);

booking_test!(
    async fn with_double_opt_in_the_booking_counts_once_the_link_is_confirmed(app) {
        set_policy(&app, StoredPolicy { double_opt_in: true, ..StoredPolicy::default() }).await;
        let mut c = app.client(MUSTERSTADT);
        hold_first_time(&mut c).await;
        c.post_form("/termine/buchen/kontakt", &[("name", "Erika"), ("email", "erika@example.org")]).await;
        c.post_form("/termine/buchen/einwilligung", &[("consent", "1")]).await;
        let summary = c.get("/termine/buchen/pruefen").await;
        let key = input_value(&summary.body, "key", 0).unwrap();
        let res = c.post_form("/termine/buchen/pruefen", &[("key", &key)]).await;
        assert_eq!(res.location(), "/termine/buchen/email-pruefen", "{}", res.body);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 0, "not booked yet");
        let held_for = count(&app, "SELECT held_until_s - opt_in_sent_at FROM appointments WHERE status = 'held'").await;
        assert_eq!(held_for, 30 * 60, "the hold waits 30 minutes");
        let mail = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Bitte bestätigen Sie")).expect("opt-in mail");
        let link = mail.body_text.lines().find_map(|l| l.split("http://localhost").nth(1)).unwrap().trim().to_owned();
        // Following the link only shows; posting confirms.
        let mut other_browser = app.client(MUSTERSTADT);
        let show = other_browser.get(&link).await;
        assert_eq!(show.status, StatusCode::OK);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 0, "a GET books nothing");
        let done = other_browser.post_form(&link, &[]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert!(done.location().starts_with("/termine/verwalten/"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 1);
        assert!(outbox(&app).await.iter().any(|m| m.subject.starts_with("Terminbestätigung")));
        let again = other_browser.post_form(&link, &[]).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.body.contains("schon gebucht"), "{}", again.body);
    }
);

booking_test!(
    async fn an_expired_hold_gives_its_time_back(app) {
        let mut first = app.client(MUSTERSTADT);
        hold_first_time(&mut first).await;
        let held = count(&app, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await;
        assert!(held > 0);
        sqlx_exec(&app, "UPDATE appointments SET held_until_s = 1 WHERE status = 'held'").await;
        sqlx_exec(&app, "UPDATE capacity_slots SET held_until_s = 1 WHERE hold_id IS NOT NULL").await;
        use rathaus_appointments::jobs::{holds, periodic};
        periodic::schedule(&app.db.db, holds::KIND, holds::PERIOD_SECS, rathaus_db::now() - holds::PERIOD_SECS).await.unwrap();
        assert_eq!(worker(&app).run_due().await.unwrap(), 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await, 0);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'held'").await, 0);
        // The time can be held again by someone else.
        let mut second = app.client(MUSTERSTADT);
        hold_first_time(&mut second).await;
    }
);

/// A policy whose rolling release happened this minute, `days_ahead` days ahead, with a
/// 30-minute lottery window.
fn lottery_policy(days_ahead: u32) -> StoredPolicy {
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let now = jiff::Timestamp::now().to_zoned(tz);
    let at = jiff::civil::Time::new(now.hour(), now.minute(), 0, 0).unwrap();
    StoredPolicy { release: Some((at, days_ahead)), lottery_minutes: 30, ..StoredPolicy::default() }
}

booking_test!(
    async fn requests_right_after_a_release_are_drawn_by_lot(app) {
        // A released day with free times (weekends have none): try a few distances.
        let mut found = None;
        for days in 2..=8 {
            set_policy(&app, lottery_policy(days)).await;
            let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
            let date = jiff::Timestamp::now().to_zoned(tz).date().checked_add(jiff::Span::new().days(i64::from(days))).unwrap();
            let mut c = app.client(MUSTERSTADT);
            let api = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=buergerbuero-mitte&from={date}&to={date}")).await;
            if api.json()["days"].as_array().is_some_and(|d| !d.is_empty()) {
                found = Some(date);
                break;
            }
        }
        let date = found.expect("a weekday within a week");
        let mut c = app.client(MUSTERSTADT);
        let path = format!("/termine/buchen/zeit?service={AUSWEIS}&persons=1&ort=buergerbuero-mitte&datum={date}");
        let page = c.get(&path).await;
        assert!(page.body.contains("verlost"), "the day says it is drawn by lot");
        let time = input_value(&page.body, "zeit", 0).unwrap();
        let pass = input_value(&page.body, "pass", 0).unwrap();
        let date_s = date.to_string();
        let form = [("service", AUSWEIS), ("persons", "1"), ("ort", "buergerbuero-mitte"), ("datum", &date_s), ("zeit", &time), ("pass", &pass)];
        let res = c.post_form("/termine/buchen/zeit", &form).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert!(res.location().starts_with("/termine/verlosung?"), "{}", res.location());
        assert_eq!(count(&app, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await, 0, "no hold in a lottery");

        for (n, email) in ["a@example.org", "b@example.org", "a@example.org"].iter().enumerate() {
            let mut person = app.client(MUSTERSTADT);
            let entry = person.get(res.location()).await;
            assert_eq!(entry.status, StatusCode::OK, "{}", entry.body);
            let pass = input_value(&entry.body, "pass", 0).unwrap();
            let wish = input_value(&entry.body, "zeit", 0).unwrap();
            let fields = [
                ("service", AUSWEIS), ("persons", "1"), ("ort", "buergerbuero-mitte"), ("datum", &date_s), ("zeit", &wish),
                ("pass", &pass), ("name", "Teilnehmer"), ("email", email), ("phone", ""), ("consent", "1"),
            ];
            let entered = person.post_form("/termine/verlosung", &fields).await;
            assert_eq!(entered.status, StatusCode::OK);
            if n < 2 {
                assert!(entered.body.contains("Sie nehmen an der Verlosung teil"), "{}", entered.body);
            } else {
                assert!(entered.body.contains("bereits teil"), "one entry per person: {}", entered.body);
            }
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM lottery_entries WHERE status = 'waiting'").await, 2);
        assert_eq!(outbox(&app).await.iter().filter(|m| m.subject.starts_with("Ihre Teilnahme an der Terminverlosung")).count(), 2);

        // Nothing is drawn before the window closes; then everyone is decided and told.
        let notifier = rathaus_appointments::Notifier::held();
        let now = jiff::Timestamp::now();
        assert_eq!(rathaus_appointments::jobs::lottery::run_due_draws(&app.db.db, &notifier, now).await.unwrap(), 0);
        let draw_at = count(&app, "SELECT MAX(draw_at_s) FROM lottery_entries").await;
        let after = jiff::Timestamp::from_second(draw_at + 1).unwrap();
        assert_eq!(rathaus_appointments::jobs::lottery::run_due_draws(&app.db.db, &notifier, after).await.unwrap(), 2);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM lottery_entries WHERE status = 'won' AND appointment_id IS NOT NULL").await, 2);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 2);
        assert_eq!(outbox(&app).await.iter().filter(|m| m.subject.starts_with("Terminbestätigung")).count(), 2);
        // A second run changes nothing.
        assert_eq!(rathaus_appointments::jobs::lottery::run_due_draws(&app.db.db, &notifier, after).await.unwrap(), 0);

    }
);

booking_test!(
    async fn personal_data_are_removed_thirty_days_after_the_appointment(app) {
        let mut c = app.client(MUSTERSTADT);
        hold_first_time(&mut c).await;
        complete_booking(&mut c, "alt@example.org").await;
        let mut d = app.client(MUSTERSTADT);
        hold_first_time(&mut d).await;
        complete_booking(&mut d, "neu@example.org").await;
        let old = count(&app, "SELECT MIN(id) FROM appointments WHERE status = 'confirmed'").await;
        let day = 86_400;
        let shifted = format!("UPDATE appointments SET start_s = start_s - {}, end_s = end_s - {} WHERE id = {old}", 40 * day, 40 * day);
        sqlx_exec(&app, &shifted).await;
        let before = rathaus_db::now() - rathaus_appointments::jobs::capacity::RETENTION_DAYS * day;
        let n = rathaus_db::appointments::changes::anonymise_ended_before(&app.db.db, before).await.unwrap();
        assert_eq!(n, 1);
        let anonymous = format!("SELECT COUNT(*) FROM appointments WHERE id = {old} AND name = '' AND email IS NULL AND contact_hash IS NULL");
        assert_eq!(count(&app, &anonymous).await, 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM appointments WHERE email = 'neu@example.org'").await, 1, "recent ones stay");
        assert_eq!(rathaus_db::appointments::changes::anonymise_ended_before(&app.db.db, before).await.unwrap(), 0);
    }
);
