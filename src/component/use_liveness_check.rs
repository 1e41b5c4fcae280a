//! `use_liveness_check`: the liveness check as a Leptos hook. It mounts the framework-free
//! [`widget`](crate::widget) into an element of yours once that element is in the page, restarts
//! it when an input that identifies the check changes, and reports the check as signals.
//!
//! On the server (leptos `ssr`, or this crate's `ssr` feature) it does nothing: no effect runs
//! there, and the signals keep their initial values. In the browser the check starts in an
//! effect, so after hydration: the server's HTML and the hydrated tree are the same.

use leptos::html::Div;
use leptos::prelude::*;

use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, Phase};
use crate::fullscreen::Fullscreen;
use crate::outcome::LivenessOutcome;
use crate::protocol::{SessionRequest, SessionResponse};
use crate::rules::message::Rejection;
use crate::rules::origin::AllowedOrigin;
use crate::texts::Texts;

/// Where an app serves the locale packs unless it says otherwise (the repository's `locales/`).
pub const DEFAULT_LOCALE_PACKS: &str = "/locales/";

/// What [`use_liveness_check`] takes. Every field has a default (`..Default::default()`).
///
/// What a change of a reactive input does:
/// - `texts`, `locale` and `fullscreen` apply in place: the session, the liveness frame and the
///   callbacks are untouched;
/// - `request`, `session` and `cross_device` identify the check: a change that makes the value
///   differ releases the current check exactly as an unmount does (listeners removed, polling
///   stopped, no callback from it ever again) and starts a new one. A signal that recomputes to
///   an equal value restarts nothing.
#[derive(Clone)]
pub struct UseLivenessCheckOptions {
    /// Where to `POST` for a session. Default `/api/liveness/session`.
    pub session_endpoint: Option<String>,
    /// Where to read a result; `{signatureId}` is replaced. Default
    /// `/api/liveness/sessions/{signatureId}/result`.
    pub result_endpoint: Option<String>,
    /// Where to read the session link's QR code (SVG) for the cross-device panel;
    /// `{signatureId}` is replaced. Default: next to a `result_endpoint` ending in `/result`,
    /// else `/api/liveness/sessions/{signatureId}/qr`.
    pub qr_endpoint: Option<String>,
    /// The body of the session request (user id, mode, product level). Default: empty.
    pub request: Signal<SessionRequest>,
    /// A session the app already has; no session is fetched then. Default: none.
    pub session: Signal<Option<SessionResponse>>,
    /// Accept only this liveness origin, whatever the server says. Default: the session's
    /// `livenessOrigin`.
    pub liveness_origin: Option<AllowedOrigin>,
    /// When to offer another device. Default [`CrossDeviceMode::Auto`].
    pub cross_device: Signal<CrossDeviceMode>,
    /// Wait for the server's verified result before reporting an outcome. Default `true`.
    pub verify: bool,
    /// When the liveness page covers the screen. Default [`Fullscreen::Auto`] (on phones).
    pub fullscreen: Signal<Fullscreen>,
    /// Text overrides: each text changed from its English default wins over the locale's pack.
    /// Default: none.
    pub texts: Signal<Texts>,
    /// The language (a BCP 47 tag, such as `id` or `zh-TW`); see [`crate::locale`] for how a tag
    /// picks a pack. Default: the page's `lang`, then the browser's languages, then English.
    pub locale: MaybeProp<String>,
    /// Where the app serves the locale packs (the repository's `locales/`): a URL ending in `/`.
    /// Default [`DEFAULT_LOCALE_PACKS`], `/locales/`.
    pub locale_packs: Option<String>,
    /// The check passed. Default: none.
    pub on_success: Option<Callback<LivenessOutcome>>,
    /// The check did not pass. Default: none.
    pub on_failure: Option<Callback<LivenessOutcome>>,
    /// The flow stopped on an error, or a locale pack failed to load (not fatal, see
    /// [`LivenessError::is_fatal`]: the check goes on in English). Default: none.
    pub on_error: Option<Callback<LivenessError>>,
    /// Every phase change. Default: none.
    pub on_state: Option<Callback<Phase>>,
    /// The camera pre-flight's verdict, each time the camera is checked. Default: none.
    pub on_camera: Option<Callback<CameraReadiness>>,
    /// A `message` event was ignored, and why (never with the message body). Default: none.
    pub on_rejected_message: Option<Callback<Rejection>>,
}

impl Default for UseLivenessCheckOptions {
    fn default() -> Self {
        Self {
            session_endpoint: None,
            result_endpoint: None,
            qr_endpoint: None,
            request: Signal::default(),
            session: Signal::default(),
            liveness_origin: None,
            cross_device: Signal::default(),
            verify: true,
            fullscreen: Signal::default(),
            texts: Signal::default(),
            locale: MaybeProp::default(),
            locale_packs: None,
            on_success: None,
            on_failure: None,
            on_error: None,
            on_state: None,
            on_camera: None,
            on_rejected_message: None,
        }
    }
}

/// What [`use_liveness_check`] gives back. The signals describe the current check; a new check
/// (a changed input, or `start_over`) resets them to their initial values.
pub struct UseLivenessCheckReturn<StartOverFn>
where
    StartOverFn: Fn() + Clone + Send + Sync,
{
    /// Where the check stands. Initially [`Phase::CheckingCamera`] (the first phase).
    pub phase: Signal<Phase>,
    /// How the check ended, once it has. Initially `None`.
    pub outcome: Signal<Option<LivenessOutcome>>,
    /// What stopped the check, in [`Phase::Error`] (never a non-fatal locale pack failure, which
    /// only `on_error` hears). Initially `None`.
    pub error: Signal<Option<LivenessError>>,
    /// The last camera pre-flight verdict. Initially `None`.
    pub camera: Signal<Option<CameraReadiness>>,
    /// Releases the current check, as an unmount does, and starts a new one with a new session.
    pub start_over: StartOverFn,
}

/// Runs a liveness check in `host` (an empty element of yours, for example
/// `<div node_ref=host/>`) and returns it as signals.
///
/// ```ignore
/// let host = NodeRef::<Div>::new();
/// let UseLivenessCheckReturn { phase, outcome, start_over, .. } =
///     use_liveness_check(host, UseLivenessCheckOptions::default());
/// view! {
///     <div node_ref=host></div>
///     <p>{move || phase.get().as_str()}</p>
///     <button on:click=move |_| start_over()>"Start over"</button>
/// }
/// ```
///
/// The check is released when the calling component is unmounted (its reactive owner is
/// cleaned up).
pub fn use_liveness_check(
    host: NodeRef<Div>,
    options: UseLivenessCheckOptions,
) -> UseLivenessCheckReturn<impl Fn() + Clone + Send + Sync> {
    let state = CheckSignals {
        phase: RwSignal::new(Phase::CheckingCamera),
        outcome: RwSignal::new(None),
        error: RwSignal::new(None),
        camera: RwSignal::new(None),
    };
    // Bumped by `start_over`: one more check.
    let checks = RwSignal::new(0_u32);

    #[cfg(all(target_arch = "wasm32", not(feature = "ssr")))]
    browser::run_checks(host, options, state, checks.read_only());
    #[cfg(not(all(target_arch = "wasm32", not(feature = "ssr"))))]
    let _ = (host, options);

    UseLivenessCheckReturn {
        phase: state.phase.into(),
        outcome: state.outcome.into(),
        error: state.error.into(),
        camera: state.camera.into(),
        start_over: move || checks.update(|n| *n = n.wrapping_add(1)),
    }
}

/// The signals one check writes.
#[derive(Clone, Copy)]
struct CheckSignals {
    phase: RwSignal<Phase>,
    outcome: RwSignal<Option<LivenessOutcome>>,
    error: RwSignal<Option<LivenessError>>,
    camera: RwSignal<Option<CameraReadiness>>,
}

#[cfg(all(target_arch = "wasm32", not(feature = "ssr")))]
mod browser {
    use leptos::html::Div;
    use leptos::prelude::*;

    use std::rc::Rc;

    use super::{CheckSignals, DEFAULT_LOCALE_PACKS, UseLivenessCheckOptions};
    use crate::error::LivenessError;
    use crate::flow::{FlowOptions, Phase};
    use crate::locale::{Locale, negotiate};
    use crate::locale_pack;
    use crate::session_client::Endpoints;
    use crate::texts::Texts;
    use crate::widget::{self, Handler, MountedWidget, WidgetCallbacks, WidgetOptions};

    /// Mounts a check whenever the host is in the page and the inputs that identify a check
    /// change; applies the in-place inputs; releases the check with the owner.
    pub(super) fn run_checks(
        host: NodeRef<Div>,
        options: UseLivenessCheckOptions,
        state: CheckSignals,
        checks: ReadSignal<u32>,
    ) {
        let UseLivenessCheckOptions {
            session_endpoint,
            result_endpoint,
            qr_endpoint,
            request,
            session,
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
        } = options;
        let packs: Rc<str> = locale_packs.as_deref().unwrap_or(DEFAULT_LOCALE_PACKS).into();
        let endpoints = Endpoints::or_defaults(session_endpoint, result_endpoint, qr_endpoint);
        let mounted = StoredValue::new_local(None::<MountedWidget>);
        // The chosen locale and its pack once loaded; bumped on each choice, so a pack that
        // arrives after another choice is dropped.
        let chosen = StoredValue::new_local(Locale::En);
        let pack = StoredValue::new_local(None::<Texts>);
        let choices = StoredValue::new_local(0_u32);
        // What the widget shows: the app's texts over the pack.
        let shown =
            move |texts: &Texts| pack.with_value(|p| p.as_ref().map_or_else(|| texts.clone(), |p| texts.over(p)));
        // Chooses the locale for the page around `host`, and loads its pack into the widget.
        let choose = Rc::new(move |host: &web_sys::Element| {
            let preferences = locale_pack::preferences(host, locale.get_untracked().as_deref());
            let locale = negotiate(preferences.iter().map(String::as_str));
            let choice = choices.get_value().wrapping_add(1);
            choices.set_value(choice);
            chosen.set_value(locale);
            pack.set_value(None);
            if locale == Locale::En {
                return;
            }
            let packs = Rc::clone(&packs);
            leptos::task::spawn_local(async move {
                let loaded = locale_pack::load(&packs, locale).await;
                if choices.try_get_value() != Some(choice) {
                    return;
                }
                let shows = match loaded {
                    Ok(loaded) => {
                        pack.set_value(Some(loaded));
                        locale
                    }
                    Err(reason) => {
                        if let Some(on_error) = on_error {
                            on_error.run(LivenessError::LocalePack { locale, reason });
                        }
                        // English it is, and marked so (a screen reader must not read it as Thai).
                        Locale::En
                    }
                };
                mounted.with_value(|widget| {
                    if let Some(widget) = widget {
                        widget.set_texts(shown(&texts.get_untracked()));
                        widget.set_locale(shows, false);
                    }
                });
            });
        });
        let choose_again = Rc::clone(&choose);

        // Effects run only in the browser, and after hydration: the server's markup is the
        // hydrated markup, and the check fills the host afterwards.
        Effect::watch(
            move || (host.get(), request.get(), session.get(), cross_device.get(), checks.get()),
            move |inputs, previous, _| {
                if previous == Some(inputs) {
                    return;
                }
                let (host, request, session, cross_device, _) = inputs;
                // The old check goes first, exactly as on unmount: it never fires again.
                mounted.update_value(|widget| drop(widget.take()));
                let Some(host) = host else { return };
                state.reset();
                // A new host (the first included): the page around it may say another language.
                if previous.is_none_or(|(old, ..)| old.as_ref() != Some(host)) {
                    choose(host);
                }
                let locale = chosen.get_value();
                let options = WidgetOptions {
                    endpoints: endpoints.clone(),
                    request: request.clone(),
                    session: session.clone(),
                    flow: FlowOptions { cross_device: *cross_device, verify, liveness_origin: liveness_origin.clone() },
                    fullscreen: fullscreen.get_untracked(),
                    texts: shown(&texts.get_untracked()),
                    head_start: None,
                };
                let pending = locale != Locale::En && pack.with_value(Option::is_none);
                let callbacks = WidgetCallbacks {
                    on_success: Some(report(on_success, move |o| state.outcome.set(Some(o)))),
                    on_failure: Some(report(on_failure, move |o| state.outcome.set(Some(o)))),
                    on_error: Some(report(on_error, move |e: LivenessError| {
                        if e.is_fatal() {
                            state.error.set(Some(e));
                        }
                    })),
                    on_state: Some(report(on_state, move |p| state.phase.set(p))),
                    on_camera: Some(report(on_camera, move |r| state.camera.set(Some(r)))),
                    on_rejected_message: on_rejected_message
                        .map(|callback| Box::new(move |why| callback.run(why)) as Handler<_>),
                };
                match widget::mount(host, options, callbacks) {
                    Ok(widget) => {
                        widget.set_locale(locale, pending);
                        mounted.set_value(Some(widget));
                    }
                    Err(error) => leptos::logging::error!("advance-liveness: {error}"),
                }
            },
            true,
        );
        // Texts and locale apply in place, in one effect: a new locale is chosen (and its pack
        // loaded) only when the locale input changed.
        Effect::watch(
            move || (texts.get(), locale.get()),
            move |(texts, locale), previous, _| {
                let Some(host) = host.get_untracked() else { return };
                let relocated = previous.is_some_and(|(_, old)| old != locale);
                if relocated {
                    choose_again(&host);
                }
                mounted.with_value(|widget| {
                    if let Some(widget) = widget {
                        widget.set_texts(shown(texts));
                        if relocated {
                            let chosen = chosen.get_value();
                            widget.set_locale(chosen, chosen != Locale::En);
                        }
                    }
                });
            },
            false,
        );
        Effect::watch(
            move || fullscreen.get(),
            move |fullscreen, _, _| mounted.with_value(|widget| widget.as_ref().map(|w| w.set_fullscreen(*fullscreen))),
            false,
        );
        // Dropping the widget removes its listeners, stops its loops and silences its callbacks.
        on_cleanup(move || drop(mounted.try_update_value(Option::take)));
    }

    impl CheckSignals {
        /// A new check starts from the initial values.
        fn reset(self) {
            self.phase.set(Phase::CheckingCamera);
            self.outcome.set(None);
            self.error.set(None);
            self.camera.set(None);
        }
    }

    /// The widget's handler: updates the hook's signal, then tells the app.
    fn report<T: Clone + 'static>(app: Option<Callback<T>>, update: impl Fn(T) + 'static) -> Handler<T> {
        Box::new(move |value: T| {
            update(value.clone());
            if let Some(app) = app {
                app.run(value);
            }
        })
    }
}
