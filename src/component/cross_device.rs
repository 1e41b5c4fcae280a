//! The cross-device panel: the session link as a QR code and a copyable link, the time left,
//! and a way back to this device.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::qr::qr_svg;
use crate::texts::Texts;

/// What the copy button achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    /// No clipboard: the link is selected for the user to copy.
    Selected,
}

/// The QR code and link of the same session for another device.
#[component]
pub fn CrossDevicePanel(
    /// The liveness page URL (already validated).
    url: String,
    /// The session's expiry, epoch ms.
    expires_at: u64,
    /// The time now, ticking.
    now: RwSignal<u64>,
    /// Why this panel is shown.
    explanation: String,
    /// Texts.
    texts: Texts,
    /// "Try this device again".
    on_retry: Callback<()>,
) -> impl IntoView {
    let qr = qr_svg(&url, &texts.qr_label).unwrap_or_default();
    let copied = RwSignal::new(Copied::Not);
    let input = NodeRef::<Input>::new();
    let link = url.clone();
    let copy = move |_| {
        let link = link.clone();
        spawn_local(async move {
            let done = if write_clipboard(&link).await { Copied::Yes } else { select_and_copy(input) };
            copied.set(done);
        });
    };
    let texts = StoredValue::new(texts);
    let time_left = move || texts.with_value(|t| t.time_left(expires_at.saturating_sub(now.get())));
    let copy_status = move || {
        texts.with_value(|t| match copied.get() {
            Copied::Not => String::new(),
            Copied::Yes => t.copied.clone(),
            Copied::Selected => t.copy_failed.clone(),
        })
    };
    view! {
        <div class="advance-liveness__cross-device">
            <h2 class="advance-liveness__title">{texts.with_value(|t| t.cross_device_title.clone())}</h2>
            <p class="advance-liveness__explanation">{explanation}</p>
            <div class="advance-liveness__qr" inner_html=qr></div>
            <div class="advance-liveness__link-row">
                <input
                    node_ref=input
                    class="advance-liveness__link"
                    type="text"
                    readonly=true
                    value=url
                    aria-label=texts.with_value(|t| t.link_label.clone())
                />
                <button type="button" class="advance-liveness__copy" on:click=copy>
                    {texts.with_value(|t| t.copy_link.clone())}
                </button>
            </div>
            <p class="advance-liveness__copied" role="status" aria-live="polite">{copy_status}</p>
            <p class="advance-liveness__time-left">{time_left}</p>
            <button type="button" class="advance-liveness__secondary" on:click=move |_| on_retry.run(())>
                {texts.with_value(|t| t.retry_here.clone())}
            </button>
        </div>
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

/// The fallback: select the link and ask the browser to copy the selection.
fn select_and_copy(input: NodeRef<Input>) -> Copied {
    let Some(input) = input.get_untracked() else { return Copied::Selected };
    input.select();
    let copied = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    if copied { Copied::Yes } else { Copied::Selected }
}
