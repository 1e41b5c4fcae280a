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

    // That the SVG decodes back to the link, with an independent decoder, is tested with the
    // route's own answers (server/tests/session_api.rs, `decode_qr`).

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
