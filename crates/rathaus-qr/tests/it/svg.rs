//! SVG: well-formed markup, escaped title, viewBox and a path that covers exactly the dark
//! modules.

use rathaus_qr::{QUIET_ZONE, Qr};

/// Checks that tags nest and text holds no raw `<` and only known entities.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        assert_text(&rest[..open]);
        let close = rest[open..].find('>').expect("tag closed") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "'<' inside tag {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split(' ').next().unwrap_or_default());
        }
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes in {tag}");
        rest = &rest[close + 1..];
        if stack.is_empty() {
            assert_eq!(rest, "", "content after the root element");
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

fn assert_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| entity.starts_with(e)),
            "bare & in {text}"
        );
    }
}

#[test]
fn svg_is_well_formed_and_accessible() {
    let svg = Qr::encode("K7Q-2XR").expect("encodes").svg("Buchungscode K7Q-2XR");
    assert_well_formed(&svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\" role=\"img\""));
    assert!(svg.contains("<title>Buchungscode K7Q-2XR</title>"));
    assert!(svg.contains("shape-rendering=\"crispEdges\""));
    assert!(svg.contains("fill=\"#fff\"") && svg.contains("fill=\"#000\""));
    assert_eq!(svg.matches("<path").count(), 1);
    assert!(!svg.contains("href") && !svg.contains("url("), "no external resources");
    let root = &svg[..svg.find('>').expect("root tag")];
    assert!(!root.contains(" width=") && !root.contains(" height="), "sized by CSS");
}

#[test]
fn title_is_escaped() {
    let svg = Qr::encode("x").expect("encodes").svg("<script>alert(\"a&b\")</script>");
    assert_well_formed(&svg);
    assert!(svg.contains("<title>&lt;script&gt;alert(&quot;a&amp;b&quot;)&lt;/script&gt;</title>"));
    assert!(!svg.contains("<script"));
}

#[test]
fn viewbox_matches_version() {
    let qr = Qr::encode(&"a".repeat(500)).expect("encodes");
    let size = qr.width() + 2 * QUIET_ZONE;
    assert!(qr.svg("").contains(&format!("viewBox=\"0 0 {size} {size}\"")));
}

/// Paints the path's `M x y h n v1 h-n z` runs back onto a grid.
fn painted(svg: &str, size: usize) -> Vec<bool> {
    let d_start = svg.find(" d=\"").expect("path data") + 4;
    let d = &svg[d_start..d_start + svg[d_start..].find('"').expect("end of path data")];
    let mut grid = vec![false; size * size];
    for run in d.split('z').filter(|r| !r.is_empty()) {
        let (start, len) = run.strip_prefix('M').expect("run starts with M").split_once('h').expect("h");
        let (x, y) = start.split_once(' ').expect("x y");
        let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
        let (n, tail) = len.split_once("v1h-").expect("v1h-");
        assert_eq!(n, tail, "run closes on itself");
        for dx in 0..n.parse::<usize>().expect("n") {
            let cell = &mut grid[y * size + x + dx];
            assert!(!*cell, "module painted twice");
            *cell = true;
        }
    }
    grid
}

#[test]
fn path_covers_exactly_the_dark_modules() {
    for data in ["K7Q-2XR", "https://termine.musterstadt.example/termin/K7Q-2XR"] {
        let qr = Qr::encode(data).expect("encodes");
        let size = qr.width_with_quiet_zone();
        let grid = painted(&qr.svg("t"), size);
        for y in 0..size {
            for x in 0..size {
                let dark = x >= QUIET_ZONE && y >= QUIET_ZONE && qr.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
                assert_eq!(grid[y * size + x], dark, "module ({x}, {y})");
            }
        }
    }
}
