//! The browser's solver (`js/pow.js`) run under Node: its solution of a challenge made here
//! verifies here. Skipped with a message when `node` is not installed (required in CI).

use rathaus_fairness::SecretKey;
use rathaus_fairness::pow::{Challenge, verify};
use std::process::Command;

#[test]
fn the_javascript_solver_finds_what_the_server_accepts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
    let Ok(version) = Command::new("node").arg("--version").output() else {
        assert!(std::env::var_os("CI").is_none(), "node is required in CI");
        eprintln!("skipped: node is not installed");
        return;
    };
    assert!(version.status.success());
    let key = SecretKey::from_bytes([3; 32]);
    let challenge = Challenge::create(&key, 2_000, 4_102_444_800);
    let file = std::env::temp_dir().join(format!("rathaus-pow-{}.json", std::process::id()));
    std::fs::write(&file, challenge.to_json()).unwrap();
    let out = Command::new("node").arg(dir.join("pow.test.mjs")).arg(&file).output().unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let payload = String::from_utf8(out.stdout).unwrap();
    assert!(verify(payload.trim(), &key, 0).is_ok(), "{payload}");
    let own = Command::new("node").arg(dir.join("pow.test.mjs")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&own.stdout).trim(), "ok", "{}", String::from_utf8_lossy(&own.stderr));
}
