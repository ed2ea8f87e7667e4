//! `GET /api/v1/availability` on both engines: the shape, `location=any`, and clear
//! problems for bad input.

use crate::booking_test;
use crate::support::MUSTERSTADT;
use axum::http::StatusCode;

const AUSWEIS: &str = "personalausweis-beantragen";

booking_test!(
    async fn free_times_come_by_day_in_local_time(app) {
        let mut c = app.client(MUSTERSTADT);
        let res = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=buergerbuero-mitte")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.content_type(), "application/json");
        let body = res.json();
        let days = body["days"].as_array().unwrap();
        assert!(!days.is_empty(), "two weeks of a Bürgerbüro have free times: {body}");
        let mut last = String::new();
        for day in days {
            let date = day["date"].as_str().unwrap();
            assert!(date > last.as_str(), "days ascend");
            last = date.to_owned();
            let times: Vec<&str> = day["times"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
            assert!(!times.is_empty());
            assert!(times.windows(2).all(|w| w[0] < w[1]), "times ascend without duplicates");
            for t in times {
                assert_eq!(t.len(), 5, "{t}");
                // Mitte opens 08:00 at the earliest and closes 18:00 at the latest.
                assert!(("07:59".."18:00").contains(&t), "{t} within opening hours");
            }
        }
        assert_eq!(body["locations"][0]["key"], "buergerbuero-mitte");
        // By numeric id as well.
        let id = body["locations"][0]["id"].as_i64().unwrap();
        let by_id = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location={id}")).await;
        assert_eq!(by_id.json()["days"], body["days"]);
    }
);

booking_test!(
    async fn any_location_lists_every_place_with_times_earliest_first(app) {
        let mut c = app.client(MUSTERSTADT);
        let res = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=any&persons=2")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let body = res.json();
        let locations = body["locations"].as_array().unwrap();
        assert!(locations.len() >= 3, "the three Bürgerbüros offer the ID card: {body}");
        let earliest: Vec<&str> = locations.iter().map(|l| l["earliest"].as_str().unwrap()).collect();
        assert!(earliest.windows(2).all(|w| w[0] <= w[1]), "{earliest:?}");
        let first_day = body["days"][0]["date"].as_str().unwrap();
        assert!(earliest[0].starts_with(first_day));
    }
);

booking_test!(
    async fn bad_requests_get_problem_details(app) {
        let mut c = app.client(MUSTERSTADT);
        let cases = [
            ("/api/v1/availability?service=nope&location=any".to_owned(), StatusCode::UNPROCESSABLE_ENTITY, "/service"),
            (format!("/api/v1/availability?service={AUSWEIS}&location=any&persons=99"), StatusCode::UNPROCESSABLE_ENTITY, "/persons"),
            (format!("/api/v1/availability?service={AUSWEIS}&location=any&from=2026-13-01"), StatusCode::UNPROCESSABLE_ENTITY, "/from"),
            (format!("/api/v1/availability?service={AUSWEIS}&location=any&from=2030-01-10&to=2030-01-01"), StatusCode::UNPROCESSABLE_ENTITY, "/to"),
            (format!("/api/v1/availability?service={AUSWEIS}&location=any&from=2030-01-01&to=2030-06-01"), StatusCode::UNPROCESSABLE_ENTITY, "/to"),
            ("/api/v1/availability?service=,&location=any".to_owned(), StatusCode::UNPROCESSABLE_ENTITY, "/service"),
        ];
        for (path, status, pointer) in cases {
            let res = c.get(&path).await;
            assert_eq!(res.status, status, "{path}: {}", res.body);
            assert_eq!(res.content_type(), "application/problem+json", "{path}");
            assert_eq!(res.json()["errors"][0]["pointer"], pointer, "{path}: {}", res.body);
        }
        let unknown = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=nirgendwo")).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert_eq!(unknown.content_type(), "application/problem+json");
        let missing = c.get("/api/v1/availability?location=any").await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);
        // A service not offered at the place.
        let elsewhere = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=kfz-zulassungsstelle")).await;
        assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", elsewhere.body);
        // Far future: valid, empty.
        let later = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=any&from=2040-01-01")).await;
        assert_eq!(later.status, StatusCode::OK);
        assert_eq!(later.json()["days"], serde_json::json!([]));
    }
);

booking_test!(
    async fn mobile_office_sessions_are_booked_through_the_same_engine(app) {
        let mut c = app.client(MUSTERSTADT);
        let site = c.get("/api/v1/locations/dgh-oberdorf").await.json();
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let today = jiff::Timestamp::now().to_zoned(tz).date();
        let last = today.checked_add(jiff::Span::new().days(i64::from(crate::support::CAPACITY_DAYS) - 1)).unwrap();
        let sessions: Vec<String> = site["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["cancelled"] == false)
            .map(|s| s["date"].as_str().unwrap().to_owned())
            .filter(|d| d.as_str() > today.to_string().as_str() && d.as_str() <= last.to_string().as_str())
            .collect();
        let res = c.get(&format!("/api/v1/availability?service={AUSWEIS}&location=dgh-oberdorf&from={today}&to={last}")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let days: Vec<String> =
            res.json()["days"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap().to_owned()).collect();
        for d in &days {
            assert!(sessions.contains(d) || d == &today.to_string(), "{d} is a session day: {sessions:?}");
        }
        for s in &sessions {
            assert!(days.contains(s), "the session on {s} is bookable: {days:?}");
        }
    }
);
