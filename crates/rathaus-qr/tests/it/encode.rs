//! Encoding: version sizes and the capacity limit.

use rathaus_qr::{Qr, QrError};

#[test]
fn short_code_is_version_1() {
    let qr = Qr::encode("K7Q-2XR").expect("encodes");
    assert_eq!(qr.width(), 21);
    assert_eq!(qr.width_with_quiet_zone(), 29);
    // Top-left finder pattern: dark outer ring, light ring, dark 3×3 centre.
    assert!(qr.is_dark(0, 0) && qr.is_dark(6, 6) && qr.is_dark(3, 3));
    assert!(!qr.is_dark(1, 1) && !qr.is_dark(7, 7));
    assert!(!qr.is_dark(21, 0) && !qr.is_dark(0, 21), "outside the code is light");
}

#[test]
fn link_needs_a_larger_version() {
    let qr = Qr::encode("https://termine.musterstadt.example/termin/K7Q-2XR?code=0123456789").expect("encodes");
    assert!(qr.width() > 21);
    assert_eq!((qr.width() - 17) % 4, 0, "width is 17 + 4 × version");
}

#[test]
fn capacity_limit_of_version_40_level_m() {
    assert_eq!(Qr::encode(&"a".repeat(2331)).map(|q| q.width()), Ok(177));
    assert_eq!(Qr::encode(&"a".repeat(2332)), Err(QrError::TooLong));
}

#[test]
fn too_long_is_an_error_not_a_panic() {
    assert_eq!(Qr::encode(&"x".repeat(3000)), Err(QrError::TooLong));
    assert_eq!(Qr::encode(&"ä".repeat(3000)), Err(QrError::TooLong));
}
