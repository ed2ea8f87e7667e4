//! `rathaus bench` at a tiny scale: the benchmark city is built as asked, the load
//! generator gets answers without errors, and concurrent bookings leave every
//! counter-slot with at most one appointment. No timing is asserted (see BENCHMARKS.md for
//! the figures); the benchmark runs on SQLite, the engine it measures.

use rathaus::bench::{BenchArgs, booking, load, setup};

fn tiny(dir: &std::path::Path) -> BenchArgs {
    BenchArgs {
        data_dir: dir.to_path_buf(),
        appointments: 2_000,
        locations: 2,
        counters: 5,
        horizon_days: 7,
        concurrency: 4,
        seconds: 1,
        bookings_per_second: 5,
        json: true,
    }
}

#[tokio::test]
async fn the_benchmarks_run_at_a_tiny_scale_and_never_overbook() {
    let dir = tempfile_dir();
    let args = tiny(&dir);
    let built = setup::ensure(&args).await.expect("setup");
    assert_eq!(built["locations"], 2);
    assert_eq!(built["counters"], 5);
    assert_eq!(built["appointments"], 2_000);
    let booked = built["booked_rows"].as_i64().unwrap();
    let rows = built["capacity_rows"].as_i64().unwrap();
    assert!(booked > 0 && booked < rows, "about half of the future is booked: {booked} of {rows}");

    let again = setup::ensure(&args).await.expect("reused");
    assert_eq!(again["appointments"], 2_000, "a second setup reuses the database");

    let report = load::run(&args).await.expect("availability");
    assert_eq!(report["healthz_errors"], 0);
    assert_eq!(report["availability_errors"], 0);
    assert_eq!(report["with_bookings_errors"], 0);
    assert!(report["availability_rps"].as_f64().unwrap() > 0.0);
    assert!(report["distinct_queries"].as_u64().unwrap() > 0);

    let report = booking::run(&args).await.expect("booking");
    assert!(report["confirmed"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(report["errors"], 0, "{report}");
    assert_eq!(report["confirmed_rows_match"], true, "{report}");
    assert_eq!(report["appointments_with_wrong_slot_count"], 0, "{report}");
    std::fs::remove_dir_all(&dir).ok();
}

fn tempfile_dir() -> std::path::PathBuf {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    let dir = std::env::temp_dir().join(format!("rathaus-bench-{}", hex::encode(bytes)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `rathaus bench queue` as a real process (its subscribers run in a child process of the
/// binary): every subscriber sees every call, and the accuracy simulation reports.
#[tokio::test]
async fn the_queue_benchmark_delivers_every_call_to_every_subscriber() {
    let dir = tempfile_dir();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_rathaus"))
        .args([
            "bench",
            "queue",
            "--subscribers",
            "12",
            "--calls",
            "3",
            "--interval-ms",
            "100",
            "--days",
            "1",
            "--json",
        ])
        .arg("--data-dir")
        .arg(&dir)
        .env("RATHAUS_LOG", "error")
        .output()
        .await
        .expect("run the benchmark");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).expect("JSON report");
    assert_eq!(report["subscribed_on_server"], 12, "{report}");
    assert_eq!(report["deliveries"], 36, "{report}");
    assert_eq!(report["missed"], 0, "{report}");
    assert!(report["accuracy_mae_minutes"].as_f64().unwrap() > 0.0, "{report}");
    std::fs::remove_dir_all(&dir).ok();
}
