//! `<LivenessCheck/>`: the camera pre-flight, the session, the liveness iframe, hardened
//! messages, the cross-device path and typed outcomes, in one component.

use std::cell::Cell;
use std::rc::Rc;

use leptos::ev;
use leptos::html::Iframe;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::cross_device::CrossDevicePanel;
use crate::camera::check_camera;
use crate::error::LivenessError;
use crate::flow::{Command, CrossDeviceMode, Flow, FlowEvent, FlowOptions, Phase, poll_delay};
use crate::message_event::classify;
use crate::outcome::LivenessOutcome;
use crate::protocol::{SessionRequest, SessionResponse};
use crate::rules::message::Rejection;
use crate::rules::origin::AllowedOrigin;
use crate::session_client::{Endpoints, create_session, read_result};
use crate::texts::Texts;
use crate::timer::{now_ms, sleep};

/// The app's callbacks. Each fires at most once per event; none fires after unmount.
#[derive(Clone, Default)]
struct Callbacks {
    on_success: Option<Callback<LivenessOutcome>>,
    on_failure: Option<Callback<LivenessOutcome>>,
    on_error: Option<Callback<LivenessError>>,
    on_state: Option<Callback<Phase>>,
}

/// What one mounted component owns. Dropped with the component's owner.
struct Runtime {
    flow: RwSignal<Flow>,
    endpoints: Endpoints,
    request: SessionRequest,
    callbacks: Callbacks,
    /// False once unmounted: late async answers are dropped, callbacks never fire again.
    alive: Cell<bool>,
    /// Bumped to stop the current polling loop.
    poll_generation: Cell<u32>,
}

impl Runtime {
    fn dispatch(self: &Rc<Self>, event: FlowEvent) {
        if !self.alive.get() {
            return;
        }
        let commands = self.flow.try_update(|flow| flow.apply(event)).unwrap_or_default();
        self.run(commands);
    }

    fn run(self: &Rc<Self>, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::CheckCamera => {
                    let rt = Rc::clone(self);
                    spawn_local(async move {
                        let readiness = check_camera().await;
                        rt.dispatch(FlowEvent::CameraChecked(readiness));
                    });
                }
                Command::LoadSession => {
                    let rt = Rc::clone(self);
                    spawn_local(async move {
                        let event = match create_session(&rt.endpoints, &rt.request).await {
                            Ok(session) => FlowEvent::SessionReady { session, now_ms: now_ms() },
                            Err(error) => FlowEvent::SessionFailed(error),
                        };
                        rt.dispatch(event);
                    });
                }
                Command::StartPolling => self.start_polling(),
                Command::StopPolling => self.poll_generation.set(self.poll_generation.get().wrapping_add(1)),
                Command::NotifyState(phase) => {
                    if let Some(callback) = &self.callbacks.on_state {
                        callback.run(phase);
                    }
                }
                Command::NotifyOutcome(outcome) => {
                    let callback =
                        if outcome.is_success() { &self.callbacks.on_success } else { &self.callbacks.on_failure };
                    if let Some(callback) = callback {
                        callback.run(outcome);
                    }
                }
                Command::NotifyError(error) => {
                    if let Some(callback) = &self.callbacks.on_error {
                        callback.run(error);
                    }
                }
            }
        }
    }

    /// Reads the result with backoff until the flow stops polling or the component unmounts.
    fn start_polling(self: &Rc<Self>) {
        let generation = self.poll_generation.get().wrapping_add(1);
        self.poll_generation.set(generation);
        let rt = Rc::clone(self);
        spawn_local(async move {
            let current = || rt.alive.get() && rt.poll_generation.get() == generation;
            let mut attempt = 0;
            // After the page's message the result is usually there already: read at once.
            let verifying = rt.flow.try_with_untracked(Flow::is_verifying).unwrap_or(false);
            let mut delay = if verifying { 0 } else { poll_delay(0).as_millis() as u32 };
            loop {
                sleep(delay).await;
                if !current() {
                    break;
                }
                let Some(id) = rt.flow.try_with_untracked(|f| f.session().map(|s| s.signature_id.clone())).flatten()
                else {
                    break;
                };
                let event = match read_result(&rt.endpoints, &id).await {
                    Ok(result) => FlowEvent::ServerResult(result),
                    Err(error) => FlowEvent::ResultFailed(error),
                };
                if !current() {
                    break;
                }
                rt.dispatch(event);
                delay = poll_delay(attempt).as_millis() as u32;
                attempt += 1;
            }
        });
    }

    /// Ticks `now` every second while mounted, and reports the session's expiry.
    fn start_clock(self: &Rc<Self>, now: RwSignal<u64>) {
        let rt = Rc::clone(self);
        spawn_local(async move {
            while rt.alive.get() {
                sleep(1_000).await;
                if !rt.alive.get() {
                    break;
                }
                let time = now_ms();
                now.try_set(time);
                let expired = rt.flow.try_with_untracked(|f| {
                    f.session().is_some_and(|s| s.expires_at <= time)
                        && matches!(f.phase(), Phase::InProgress | Phase::CrossDevice)
                });
                if expired == Some(true) {
                    rt.dispatch(FlowEvent::Expired);
                }
            }
        });
    }
}

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
/// State is on the root's `data-state` (`checking-camera`, `loading-session`, `in-progress`,
/// `cross-device`, `passed`, `failed`, `error`). Everything acquired is released on unmount: the
/// `message` listener, the polling loop, the clock; the camera probe's tracks are stopped as soon
/// as the probe ends.
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
    /// A `message` event was ignored, and why (for logs; it never contains the message body).
    #[prop(optional, into)]
    on_rejected_message: Option<Callback<Rejection>>,
) -> impl IntoView {
    let defaults = Endpoints::default();
    let endpoints = Endpoints {
        session: session_endpoint.unwrap_or(defaults.session),
        result: result_endpoint.unwrap_or(defaults.result),
    };
    let options = FlowOptions { cross_device, verify, liveness_origin };
    let (flow, first_commands) = Flow::start(options, session.is_some());
    let flow = RwSignal::new(flow);
    let runtime = Rc::new(Runtime {
        flow,
        endpoints,
        request,
        callbacks: Callbacks { on_success, on_failure, on_error, on_state },
        alive: Cell::new(true),
        poll_generation: Cell::new(0),
    });
    let now = RwSignal::new(now_ms());
    let runtime = StoredValue::new_local(runtime);
    let dispatch = move |event: FlowEvent| runtime.with_value(|rt| rt.dispatch(event));

    // Only our own frame, on the session's liveness origin, is believed.
    let frame = NodeRef::<Iframe>::new();
    let listener = window_event_listener(ev::message, move |event| {
        let Some(frame) = frame.get_untracked() else { return };
        let Some(origin) = flow.with_untracked(|f| f.liveness_origin().cloned()) else { return };
        match classify(&event, &origin, &frame) {
            Ok(signal) => dispatch(FlowEvent::FrameSignal(signal)),
            Err(reason) => {
                if let Some(callback) = &on_rejected_message {
                    callback.run(reason);
                }
            }
        }
    });
    on_cleanup(move || {
        // Without this, a remounted component would hear messages twice, and late answers
        // from the old one's requests would fire its callbacks.
        listener.remove();
        runtime.with_value(|rt| {
            rt.alive.set(false);
            rt.poll_generation.set(rt.poll_generation.get().wrapping_add(1));
        });
    });

    runtime.with_value(|rt| {
        rt.run(first_commands);
        if let Some(session) = session {
            rt.dispatch(FlowEvent::SessionReady { session, now_ms: now_ms() });
        }
        rt.start_clock(now);
    });

    let phase = Memo::new(move |_| flow.with(Flow::phase));
    let texts = StoredValue::new(texts);
    let status_text = move || {
        texts.with_value(|t| match phase.get() {
            Phase::CheckingCamera => t.checking_camera.clone(),
            Phase::LoadingSession => t.loading_session.clone(),
            Phase::InProgress if flow.with(Flow::is_verifying) => t.verifying.clone(),
            Phase::InProgress => t.in_progress.clone(),
            Phase::CrossDevice => t.waiting_other_device.clone(),
            Phase::Passed => t.passed.clone(),
            Phase::Failed => t.failed.clone(),
            Phase::Error => flow.with(|f| f.error().map(|e| t.error(e).to_owned()).unwrap_or_default()),
        })
    };
    let can_switch = move || cross_device != CrossDeviceMode::Never && !flow.with(Flow::is_verifying);

    let body = move || match phase.get() {
        Phase::CheckingCamera | Phase::LoadingSession => {
            view! { <div class="advance-liveness__spinner" aria-hidden="true"></div> }.into_any()
        }
        Phase::InProgress => {
            let src = flow.with_untracked(|f| f.frame_src().map(|u| u.as_str().to_owned())).unwrap_or_default();
            view! {
                <iframe
                    node_ref=frame
                    class="advance-liveness__frame"
                    src=src
                    title=texts.with_value(|t| t.frame_title.clone())
                    allow="autoplay; camera; fullscreen"
                    allowfullscreen=true
                ></iframe>
                <Show when=can_switch>
                    <button type="button" class="advance-liveness__secondary" on:click=move |_| dispatch(FlowEvent::ChooseCrossDevice)>
                        {texts.with_value(|t| t.use_other_device.clone())}
                    </button>
                </Show>
            }
            .into_any()
        }
        Phase::CrossDevice => {
            let (url, expires_at) = flow.with_untracked(|f| {
                (
                    f.frame_src().map(|u| u.as_str().to_owned()).unwrap_or_default(),
                    f.session().map_or(0, |s| s.expires_at),
                )
            });
            let explanation = texts.with_value(|t| match flow.with_untracked(Flow::camera) {
                Some(camera) if !camera.is_ready() => t.camera_problem(camera).to_owned(),
                _ => t.cross_device_intro.clone(),
            });
            view! {
                <CrossDevicePanel
                    url=url
                    expires_at=expires_at
                    now=now
                    explanation=explanation
                    texts=texts.get_value()
                    on_retry=Callback::new(move |()| dispatch(FlowEvent::RetryHere))
                />
            }
            .into_any()
        }
        Phase::Passed | Phase::Failed => {
            view! { <div class="advance-liveness__result" aria-hidden="true"></div> }.into_any()
        }
        Phase::Error => {
            let retry_here = flow.with_untracked(|f| matches!(f.error(), Some(LivenessError::Camera(_))));
            view! {
                <div class="advance-liveness__actions">
                    <Show when=move || retry_here>
                        <button type="button" on:click=move |_| dispatch(FlowEvent::RetryHere)>
                            {texts.with_value(|t| t.retry_here.clone())}
                        </button>
                    </Show>
                    <Show when=move || !retry_here>
                        <button type="button" on:click=move |_| dispatch(FlowEvent::StartOver)>
                            {texts.with_value(|t| t.start_over.clone())}
                        </button>
                    </Show>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <section
            class="advance-liveness"
            class:advance-liveness--fullscreen=move || fullscreen && phase.get() == Phase::InProgress
            data-state=move || phase.get().as_str()
        >
            <p class="advance-liveness__status" role="status" aria-live="polite">{status_text}</p>
            {body}
        </section>
    }
}
