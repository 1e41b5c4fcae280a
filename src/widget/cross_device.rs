//! The cross-device panel: the session link as a QR code (drawn by the session server, shown when
//! it arrives) and a copyable link, the time left, and a way back to this device.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlInputElement};

use super::dom::{append, button, document, element, text_element};
use crate::texts::Texts;

/// The panel's DOM and what it shows.
pub(super) struct Panel {
    root: Element,
    /// The QR code's container: empty until the session server's SVG is shown.
    qr: Element,
    link: HtmlInputElement,
    copied: Element,
    time_left: Element,
    url: String,
    expires_at: u64,
}

impl Panel {
    /// Builds the panel for the session at `url`, expiring at `expires_at` (epoch ms), with its QR
    /// code's SVG if it is known already (else the container stays empty until [`Panel::show_qr`]).
    pub(super) fn new(url: &str, expires_at: u64, explanation: &str, texts: &Texts, qr_svg: Option<&str>) -> Self {
        let root = element("div", "advance-liveness__cross-device", &[]);
        append(&root, &text_element("h2", "advance-liveness__title", &[], &texts.cross_device_title));
        append(&root, &text_element("p", "advance-liveness__explanation", &[], explanation));
        // The code and the link read left to right in every language. The container names the
        // code for screen readers: the SVG holds no text.
        let qr =
            element("div", "advance-liveness__qr", &[("dir", "ltr"), ("role", "img"), ("aria-label", &texts.qr_label)]);
        append(&root, &qr);
        let row = element("div", "advance-liveness__link-row", &[]);
        let link = element(
            "input",
            "advance-liveness__link",
            &[("type", "text"), ("readonly", ""), ("dir", "ltr"), ("value", url), ("aria-label", &texts.link_label)],
        );
        append(&row, &link);
        append(&row, &button("advance-liveness__copy", "copy", &texts.copy_link));
        append(&root, &row);
        let copied = element("p", "advance-liveness__copied", &[("role", "status"), ("aria-live", "polite")]);
        append(&root, &copied);
        let time_left = element("p", "advance-liveness__time-left", &[]);
        append(&root, &time_left);
        append(&root, &button("advance-liveness__secondary", "retry-here", &texts.retry_here));
        let panel = Self { root, qr, link: link.unchecked_into(), copied, time_left, url: url.to_owned(), expires_at };
        if let Some(svg) = qr_svg {
            panel.show_qr(svg);
        }
        panel.tick(crate::timer::now_ms(), texts);
        panel
    }

    /// The session link this panel shows.
    pub(super) fn url(&self) -> &str {
        &self.url
    }

    /// Shows the QR code: `svg` is the session server's own SVG of this panel's link, read from
    /// its QR route ([`crate::session_client::read_qr`]; an `<svg>` element, with no text in it).
    pub(super) fn show_qr(&self, svg: &str) {
        self.qr.set_inner_html(svg);
    }

    /// The panel's root element.
    pub(super) fn root(&self) -> &Element {
        &self.root
    }

    /// Shows the time left at `now` (epoch ms).
    pub(super) fn tick(&self, now: u64, texts: &Texts) {
        self.time_left.set_text_content(Some(&texts.time_left(self.expires_at.saturating_sub(now))));
    }

    /// What the copy button does, as a future the widget runs: the Clipboard API, or else the link
    /// selected and `execCommand("copy")`; the outcome is announced.
    pub(super) fn copy(&self, texts: &Texts) -> impl Future<Output = ()> + 'static {
        let (url, link, copied) = (self.url.clone(), self.link.clone(), self.copied.clone());
        let (done, failed) = (texts.copied.clone(), texts.copy_failed.clone());
        async move {
            let ok = write_clipboard(&url).await || select_and_copy(&link);
            copied.set_text_content(Some(if ok { &done } else { &failed }));
        }
    }
}

/// `navigator.clipboard.writeText(text)`; false where there is no Clipboard API (insecure
/// contexts, old webviews) or it refuses.
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The fallback: select the link (so the user can copy it) and ask the browser to copy it.
fn select_and_copy(link: &HtmlInputElement) -> bool {
    link.select();
    document().dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}
