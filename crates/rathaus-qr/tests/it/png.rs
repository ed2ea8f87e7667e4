//! PNG: signature, IHDR dimensions, and decoded pixels that match the modules.

use std::io::Cursor;

use rathaus_qr::{MAX_MODULE_PX, PngError, QUIET_ZONE, Qr};

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

fn ihdr_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[12..16], b"IHDR", "IHDR is the first chunk");
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (be(16), be(20))
}

#[test]
fn signature_and_dimensions() {
    let qr = Qr::encode("K7Q-2XR").expect("encodes");
    let png = qr.png(8).expect("renders");
    assert_eq!(png[..8], SIGNATURE);
    assert_eq!(ihdr_size(&png), (29 * 8, 29 * 8));
    assert_eq!((png[24], png[25]), (1, 0), "1-bit grayscale");
}

#[test]
fn decoded_pixels_match_the_modules() {
    for (data, scale) in [("K7Q-2XR", 1), ("K7Q-2XR", 3), ("https://termine.musterstadt.example/termin/K7Q-2XR", 5)] {
        let qr = Qr::encode(data).expect("encodes");
        let png = qr.png(scale).expect("renders");
        let mut decoder = png::Decoder::new(Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("valid PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
        let info = reader.next_frame(&mut buf).expect("frame");
        assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Grayscale, png::BitDepth::Eight));
        let side = qr.width_with_quiet_zone() * scale as usize;
        assert_eq!((info.width as usize, info.height as usize), (side, side));
        for py in 0..side {
            for px in 0..side {
                let (mx, my) = (px / scale as usize, py / scale as usize);
                let dark = mx >= QUIET_ZONE && my >= QUIET_ZONE && qr.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
                let value = buf[py * info.line_size + px];
                assert_eq!(value, if dark { 0 } else { 255 }, "pixel ({px}, {py}) at scale {scale}");
            }
        }
    }
}

#[test]
fn module_size_is_bounded() {
    let qr = Qr::encode("K7Q-2XR").expect("encodes");
    assert!(matches!(qr.png(0), Err(PngError::ModuleSize(0))));
    assert!(matches!(qr.png(MAX_MODULE_PX + 1), Err(PngError::ModuleSize(_))));
    let largest = Qr::encode(&"a".repeat(2331)).expect("encodes").png(MAX_MODULE_PX).expect("renders");
    assert_eq!(ihdr_size(&largest), (185 * MAX_MODULE_PX, 185 * MAX_MODULE_PX));
}

#[test]
fn email_sized_png_is_small() {
    let png = Qr::encode("https://termine.musterstadt.example/termin/K7Q-2XR").expect("encodes").png(8).expect("ok");
    assert!(png.len() < 4096, "{} bytes", png.len());
}
