//! The QR code of a session's own link, as SVG: drawn here rather than in the browser, so the
//! wasm every end user downloads carries no QR encoder (only the cross-device path shows one).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Renders `text` as an SVG QR code with one unit per module and a quiet zone, scaled by CSS
/// (`width: 100%`). Medium error correction: a phone reads it from a laptop screen at an angle.
/// No XML declaration (the page inserts it into HTML) and no text: the page's container names
/// it for screen readers. `None` if the text is too long for any QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    svg.find("<svg").map(|start| svg[start..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the SVG back into a pixel grid: each `M{x} {y}h1v1...` path segment is one dark module.
    fn modules(svg: &str) -> (usize, Vec<bool>) {
        let size: usize = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let mut dark = vec![false; size * size];
        let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        for segment in path.split('M').filter(|s| !s.is_empty()) {
            let mut numbers = segment.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            let x: usize = numbers.next().unwrap().parse().unwrap();
            let y: usize = numbers.next().unwrap().parse().unwrap();
            dark[y * size + x] = true;
        }
        (size, dark)
    }

    /// Decodes the SVG with an independent QR decoder (rqrr), scaling each module to 4 pixels.
    fn decode(svg: &str) -> String {
        let (size, dark) = modules(svg);
        let scale = 4;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
            if dark[(y / scale) * size + x / scale] { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "exactly one QR code");
        grids[0].decode().expect("a readable QR code").1
    }

    #[test]
    fn the_svg_decodes_back_to_the_link() {
        for url in [
            "http://127.0.0.1:8090/h5/liveness?token=86a6a459dc5e75bd0a0a64d4dcb1e691",
            "https://liveness.advance.ai/h5/index.html?token=eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJoNV9saXZlbmVzcyJ9.HmIDcuSW67A59x7bnumjGp0W",
        ] {
            let svg = qr_svg(url).unwrap();
            assert_eq!(decode(&svg), url);
        }
    }

    #[test]
    fn the_svg_is_embeddable_and_holds_no_text() {
        let svg = qr_svg("https://liveness.advance.ai/x?a=<b>&c=\"d\"").unwrap();
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("<?xml"));
        for text in ["<title", "<text", "<desc", "aria-label", "liveness.advance.ai"] {
            assert!(!svg.contains(text), "{text} in {svg}");
        }
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_none() {
        assert!(qr_svg(&"x".repeat(5_000)).is_none());
    }
}
