//! `<LivenessCheck/>`: the liveness check as a Leptos component, a thin layer over
//! [`use_liveness_check`]. The check itself (camera pre-flight, session, iframe, hardened
//! messages, cross-device path, polling) is the framework-free [`widget`](crate::widget), the same
//! one the JS bundle mounts.

use leptos::html::Div;
use leptos::prelude::*;

use super::use_liveness_check::{UseLivenessCheckOptions, use_liveness_check};
use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, Phase};
use crate::fullscreen::Fullscreen;
use crate::outcome::LivenessOutcome;
use crate::protocol::{SessionRequest, SessionResponse};
use crate::rules::message::Rejection;
use crate::rules::origin::AllowedOrigin;
use crate::texts::Texts;

/// A liveness check, from camera pre-flight to a verified outcome.
///
/// ```ignore
/// view! {
///     <LivenessCheck
///         on_success=move |outcome: LivenessOutcome| log!("passed: {}", outcome.signature_id())
///         on_failure=move |outcome: LivenessOutcome| log!("failed: {}", outcome.signature_id())
///     />
/// }
/// ```
///
/// Renders `<div class="advance-liveness-host">`, the same on the server and in the browser; the
/// check is mounted into it in the browser (after hydration in a server-rendered app). State is
/// on the inner `<section class="advance-liveness">`'s `data-state` (`checking-camera`,
/// `loading-session`, `in-progress`, `cross-device`, `passed`, `failed`, `error`).
///
/// `request`, `session`, `cross_device`, `texts`, `locale` and `fullscreen` take plain values or
/// signals. A change of `texts`, `locale` or `fullscreen` applies in place; a change of `request`, `session` or
/// `cross_device` releases the current check exactly as an unmount does (it never fires again)
/// and starts a new one. Everything acquired is released on unmount: the `message` listener, the
/// polling loop, the clock; the camera probe's tracks are stopped as soon as the probe ends.
#[component]
pub fn LivenessCheck(
    /// Where to `POST` for a session. Default `/api/liveness/session`.
    #[prop(optional, into)]
    session_endpoint: Option<String>,
    /// Where to read a result; `{signatureId}` is replaced. Default
    /// `/api/liveness/sessions/{signatureId}/result`.
    #[prop(optional, into)]
    result_endpoint: Option<String>,
    /// Where to read the session link's QR code (SVG) for the cross-device panel;
    /// `{signatureId}` is replaced. Default: next to a `result_endpoint` ending in `/result`,
    /// else `/api/liveness/sessions/{signatureId}/qr`.
    #[prop(optional, into)]
    qr_endpoint: Option<String>,
    /// The body of the session request (user id, mode, product level). Default: empty.
    #[prop(optional, into)]
    request: Signal<SessionRequest>,
    /// A session the app already has; no session is fetched then.
    #[prop(optional, into)]
    session: MaybeProp<SessionResponse>,
    /// Accept only this liveness origin, whatever the server says. Default: the session's
    /// `livenessOrigin`.
    #[prop(optional)]
    liveness_origin: Option<AllowedOrigin>,
    /// When to offer another device. Default [`CrossDeviceMode::Auto`].
    #[prop(optional, into)]
    cross_device: Signal<CrossDeviceMode>,
    /// Wait for the server's verified result before reporting an outcome. Default `true`.
    #[prop(default = true)]
    verify: bool,
    /// When the liveness page covers the screen. Default [`Fullscreen::Auto`]: on phones.
    #[prop(optional, into)]
    fullscreen: Signal<Fullscreen>,
    /// Text overrides: each text changed from its English default wins over the locale's pack.
    #[prop(optional, into)]
    texts: Signal<Texts>,
    /// The language (a BCP 47 tag such as `id` or `zh-TW`). Default: the page's `lang`, then the
    /// browser's languages, then English.
    #[prop(optional, into)]
    locale: MaybeProp<String>,
    /// Where the app serves the locale packs (`locales/` of this repository), ending in `/`.
    /// Default `/locales/`.
    #[prop(optional, into)]
    locale_packs: Option<String>,
    /// The check passed.
    #[prop(optional, into)]
    on_success: Option<Callback<LivenessOutcome>>,
    /// The check did not pass.
    #[prop(optional, into)]
    on_failure: Option<Callback<LivenessOutcome>>,
    /// The flow stopped on an error, or a locale pack failed to load (not fatal: see
    /// [`LivenessError::is_fatal`]).
    #[prop(optional, into)]
    on_error: Option<Callback<LivenessError>>,
    /// Every phase change.
    #[prop(optional, into)]
    on_state: Option<Callback<Phase>>,
    /// The camera pre-flight's verdict, each time the camera is checked (before the phase it
    /// leads to): why the other device was offered, for instance.
    #[prop(optional, into)]
    on_camera: Option<Callback<CameraReadiness>>,
    /// A `message` event was ignored, and why (for logs; it never contains the message body).
    #[prop(optional, into)]
    on_rejected_message: Option<Callback<Rejection>>,
) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    use_liveness_check(
        host,
        UseLivenessCheckOptions {
            session_endpoint,
            result_endpoint,
            qr_endpoint,
            request,
            session: Signal::derive(move || session.get()),
            liveness_origin,
            cross_device,
            verify,
            fullscreen,
            texts,
            locale,
            locale_packs,
            on_success,
            on_failure,
            on_error,
            on_state,
            on_camera,
            on_rejected_message,
        },
    );
    view! { <div class="advance-liveness-host" node_ref=host></div> }
}
