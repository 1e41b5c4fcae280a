//! `<LivenessCheck/>`: the liveness check as a Leptos component. The check itself (camera
//! pre-flight, session, iframe, hardened messages, cross-device path, polling) is the
//! framework-free [`widget`](crate::widget), the same one the JS bundle mounts; this component maps
//! its props and callbacks and ties the widget's life to the component's.

use leptos::html::Div;
use leptos::prelude::*;

use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, FlowOptions, Phase};
use crate::outcome::LivenessOutcome;
use crate::protocol::{SessionRequest, SessionResponse};
use crate::rules::message::Rejection;
use crate::rules::origin::AllowedOrigin;
use crate::session_client::Endpoints;
use crate::texts::Texts;
use crate::widget::{self, Handler, MountedWidget, WidgetCallbacks, WidgetOptions};

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
/// Renders `<div class="advance-liveness-host">`, into which the check is mounted once the div is
/// in the page. State is on the inner `<section class="advance-liveness">`'s `data-state`
/// (`checking-camera`, `loading-session`, `in-progress`, `cross-device`, `passed`, `failed`,
/// `error`). Everything acquired is released on unmount: the `message` listener, the polling loop,
/// the clock; the camera probe's tracks are stopped as soon as the probe ends.
#[component]
pub fn LivenessCheck(
    /// Where to `POST` for a session. Default `/api/liveness/session`.
    #[prop(optional, into)]
    session_endpoint: Option<String>,
    /// Where to read a result; `{signatureId}` is replaced. Default
    /// `/api/liveness/sessions/{signatureId}/result`.
    #[prop(optional, into)]
    result_endpoint: Option<String>,
    /// The body of the session request (user id, mode, product level). Default: empty.
    #[prop(optional)]
    request: SessionRequest,
    /// A session the app already has; no session is fetched then.
    #[prop(optional)]
    session: Option<SessionResponse>,
    /// Accept only this liveness origin, whatever the server says. Default: the session's
    /// `livenessOrigin`.
    #[prop(optional)]
    liveness_origin: Option<AllowedOrigin>,
    /// When to offer another device. Default [`CrossDeviceMode::Auto`].
    #[prop(optional)]
    cross_device: CrossDeviceMode,
    /// Wait for the server's verified result before reporting an outcome. Default `true`.
    #[prop(default = true)]
    verify: bool,
    /// Cover the whole viewport while the liveness page is shown. Default `false`.
    #[prop(optional)]
    fullscreen: bool,
    /// Text overrides. Default: English.
    #[prop(optional)]
    texts: Texts,
    /// The check passed.
    #[prop(optional, into)]
    on_success: Option<Callback<LivenessOutcome>>,
    /// The check did not pass.
    #[prop(optional, into)]
    on_failure: Option<Callback<LivenessOutcome>>,
    /// The flow stopped on an error.
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
    let options = WidgetOptions {
        endpoints: Endpoints::or_defaults(session_endpoint, result_endpoint),
        request,
        session,
        flow: FlowOptions { cross_device, verify, liveness_origin },
        fullscreen,
        texts,
    };
    let callbacks = WidgetCallbacks {
        on_success: handler(on_success),
        on_failure: handler(on_failure),
        on_error: handler(on_error),
        on_state: handler(on_state),
        on_camera: handler(on_camera),
        on_rejected_message: handler(on_rejected_message),
    };
    let mounted = StoredValue::new_local(None::<MountedWidget>);
    let host = NodeRef::<Div>::new();
    host.on_load(move |host| match widget::mount(&host, options, callbacks) {
        Ok(widget) => mounted.set_value(Some(widget)),
        Err(error) => leptos::logging::error!("advance-liveness: {error}"),
    });
    // Dropping the widget removes its listeners, stops its loops and silences its callbacks.
    on_cleanup(move || drop(mounted.try_update_value(Option::take)));
    view! { <div class="advance-liveness-host" node_ref=host></div> }
}

/// A Leptos callback as the widget's handler.
fn handler<T: 'static>(callback: Option<Callback<T>>) -> Option<Handler<T>> {
    callback.map(|callback| Box::new(move |value| callback.run(value)) as Handler<T>)
}
