//! The simulated office day: reproducible for a seed, and plausible in size and accuracy.

use rathaus_queue::*;

#[test]
fn an_office_day_is_reproducible_and_plausible() {
    let config = DayConfig::typical();
    let a = simulate_office_day(7, &config);
    let b = simulate_office_day(7, &config);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert!((150..=300).contains(&a.tickets), "{a:?}");
    assert!(a.mean_abs_error_minutes.is_finite() && a.mean_abs_error_minutes < 20.0, "{a:?}");
    assert!(a.median_abs_error_minutes <= a.p90_abs_error_minutes, "{a:?}");
    assert!(a.mean_wait_minutes > 0.0 && a.max_wait_minutes >= a.mean_wait_minutes, "{a:?}");
    assert!((5..=40).contains(&a.no_shows), "{a:?}");
    let other = simulate_office_day(8, &config);
    assert_ne!(format!("{a:?}"), format!("{other:?}"));
}

#[test]
fn the_median_report_takes_each_figure_on_its_own() {
    let day = |tickets, mae| AccuracyReport {
        tickets,
        mean_abs_error_minutes: mae,
        median_abs_error_minutes: 1.0,
        p90_abs_error_minutes: 2.0,
        mean_wait_minutes: 3.0,
        max_wait_minutes: 4.0,
        no_shows: 5,
    };
    let m = AccuracyReport::median(&[day(100, 9.0), day(300, 1.0), day(200, 5.0)]).unwrap();
    assert_eq!((m.tickets, m.mean_abs_error_minutes, m.no_shows), (200, 5.0, 5));
    assert!(AccuracyReport::median(&[]).is_none());
}
