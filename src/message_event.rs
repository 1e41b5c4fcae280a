//! The browser side of message acceptance: read the facts of a `MessageEvent` and hand them to
//! [`accept_message`](crate::accept_message). Nothing is decided here.

use wasm_bindgen::JsValue;
use web_sys::{HtmlIFrameElement, MessageEvent};

use crate::rules::message::{IncomingMessage, LivenessSignal, Rejection, accept_message};
use crate::rules::origin::AllowedOrigin;

/// Applies the acceptance rule to a `message` event, with `frame` as the only trusted source.
///
/// The source check compares object identity with the frame's current `contentWindow`, so a
/// message from another tab, a popup, a sibling frame or the page itself is a
/// [`Rejection::ForeignSource`] even when its origin is right.
pub fn classify(
    event: &MessageEvent,
    allowed: &AllowedOrigin,
    frame: &HtmlIFrameElement,
) -> Result<LivenessSignal, Rejection> {
    let origin = event.origin();
    let from_our_frame = match (event.source(), frame.content_window()) {
        (Some(source), Some(window)) => js_sys::Object::is(&source, &JsValue::from(window)),
        _ => false,
    };
    let data = event.data().as_string();
    accept_message(allowed, &IncomingMessage { origin: &origin, from_our_frame, data: data.as_deref() })
}
