//! The liveness check in the page, without a UI framework: the [`Flow`] driven by the browser
//! (camera probe, session fetch, messages, polling, the clock) and shown with plain DOM calls.
//!
//! Both surfaces mount this one implementation: the Leptos `<LivenessCheck/>` wraps it, and the JS
//! bundle's `<advance-liveness>` and `mount()` call it directly, so the bundle does not carry a
//! framework (Leptos' runtime was over a third of its wasm).

mod cross_device;
mod dom;
mod listener;
mod view;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, MessageEvent};

use crate::camera::{self, check_camera};
use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::flow::{Command, Flow, FlowEvent, FlowOptions, Phase, PollSchedule};
use crate::fullscreen::Fullscreen;
use crate::locale::Locale;
use crate::message_event::classify;
use crate::outcome::LivenessOutcome;
use crate::protocol::{SessionRequest, SessionResponse, SignatureId};
use crate::rules::message::Rejection;
use crate::session_client::{Endpoints, create_session, read_qr, read_result, session_sent_early};
use crate::task::{self, Task};
use crate::texts::Texts;
use crate::timer::{now_ms, sleep};
use listener::Listener;
use view::View;

/// What one check needs to know.
#[derive(Debug, Clone, Default)]
pub struct WidgetOptions {
    /// The session server's routes.
    pub endpoints: Endpoints,
    /// The body of the session request.
    pub request: SessionRequest,
    /// A session the app already has; none is fetched then.
    pub session: Option<SessionResponse>,
    /// Cross-device mode, verification and the pinned liveness origin.
    pub flow: FlowOptions,
    /// When the liveness page covers the viewport.
    pub fullscreen: Fullscreen,
    /// The texts (the surfaces lay the integrator's over the chosen locale's pack, and say which
    /// locale with [`MountedWidget::set_locale`]).
    pub texts: Texts,
    /// What the JS bundle did while the wasm downloaded, taken over by this check.
    pub head_start: Option<HeadStart>,
}

/// The JS bundle's head start (bundle/advance-liveness.js), handed over when the wasm is in:
/// what it asked and what it showed, for the check to go on from there. Its answers are read by
/// the same code as the widget's own and judged by the same rules.
#[derive(Debug, Clone, Default)]
pub struct HeadStart {
    /// The `fetch` of the session request it sent (resolving to `null` if it sent none).
    pub session: Option<js_sys::Promise>,
    /// The camera facts it gathered (`CameraFacts` as a JS object).
    pub camera: Option<js_sys::Promise>,
    /// Every `message` event since it started, in order: judged once the frame is known.
    pub held: Vec<MessageEvent>,
    /// The `section.advance-liveness` it put in the host, maybe holding the liveness frame
    /// already: adopted, so the vendor's page is not loaded twice.
    pub root: Option<Element>,
}

/// A callback taking `T`.
pub type Handler<T> = Box<dyn Fn(T)>;

/// Who hears what. Each fires at most once per event, and none after unmount.
#[derive(Default)]
pub struct WidgetCallbacks {
    /// The check passed.
    pub on_success: Option<Handler<LivenessOutcome>>,
    /// The check did not pass.
    pub on_failure: Option<Handler<LivenessOutcome>>,
    /// The flow stopped on an error.
    pub on_error: Option<Handler<LivenessError>>,
    /// Every phase change.
    pub on_state: Option<Handler<Phase>>,
    /// Each camera pre-flight's verdict, before the phase it leads to.
    pub on_camera: Option<Handler<CameraReadiness>>,
    /// A `message` event was ignored, and why (never with the message body).
    pub on_rejected_message: Option<Handler<Rejection>>,
}

/// A mounted check. Dropping it unmounts it: the `message` and click listeners are removed, the
/// polling loop and the clock stop, the section leaves the page, and no callback fires again.
pub struct MountedWidget {
    inner: Rc<Inner>,
    // Removed when dropped, after `drop` below.
    _on_message: Listener,
    _on_click: Listener,
}

/// Why a check could not be mounted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MountError {
    /// There is no `window.document` to show it in (a worker, say).
    #[error("no window.document to show the check in")]
    NoDocument,
}

/// Mounts a check at the end of `host`. Fails only where there is no `window.document`.
pub fn mount(host: &Element, options: WidgetOptions, callbacks: WidgetCallbacks) -> Result<MountedWidget, MountError> {
    let Some(window) = web_sys::window().filter(|w| w.document().is_some()) else {
        return Err(MountError::NoDocument);
    };
    let (flow, first_commands) = Flow::start(options.flow, options.session.is_some());
    // Messages are held only where the JS held them: until the frame it may have shown is known.
    let holding = options.head_start.is_some();
    let head_start = options.head_start.unwrap_or_default();
    let inner = Rc::new(Inner {
        flow: RefCell::new(flow),
        view: View::new(host, head_start.root),
        early_session: RefCell::new(head_start.session),
        early_camera: RefCell::new(head_start.camera),
        held: RefCell::new(holding.then_some(head_start.held)),
        endpoints: options.endpoints,
        request: RefCell::new(options.request),
        texts: RefCell::new(options.texts),
        fullscreen: Cell::new(options.fullscreen),
        callbacks,
        alive: Cell::new(true),
        polling: RefCell::default(),
        tasks: RefCell::default(),
        client_secret: options.session.as_ref().and_then(|s| s.client_secret.clone()),
        qr_requested: RefCell::default(),
    });
    // The listeners hold the widget weakly: dropping `MountedWidget` is what ends it.
    let weak = Rc::downgrade(&inner);
    let on_message = Listener::new(&window, "message", move |event| {
        if let Some(inner) = weak.upgrade() {
            inner.on_message(event.unchecked_ref());
        }
    });
    let weak = Rc::downgrade(&inner);
    let on_click = Listener::new(inner.view.root(), "click", move |event| {
        if let Some(inner) = weak.upgrade() {
            inner.on_click(&event);
        }
    });

    inner.render();
    inner.run(first_commands);
    if let Some(session) = options.session {
        inner.dispatch(FlowEvent::SessionReady { session, now_ms: now_ms() });
    }
    inner.start_clock();
    Ok(MountedWidget { inner, _on_message: on_message, _on_click: on_click })
}

impl MountedWidget {
    /// Shows `texts` from now on, in place: the session, the liveness frame and the callbacks are
    /// untouched (the frame keeps running; only what the widget itself wrote is rewritten).
    pub fn set_texts(&self, texts: Texts) {
        *self.inner.texts.borrow_mut() = texts;
        self.inner.view.retext(&self.inner.flow.borrow(), &self.inner.texts.borrow());
        self.inner.render();
    }

    /// Marks the check as written in `locale` (`lang`, `dir`, and the session request's
    /// `locale` if the session is still to be fetched); `texts_pending` keeps the texts hidden
    /// until its texts arrive through [`MountedWidget::set_texts`] (the stylesheet shows them
    /// after 2 s anyway). Called in the same task as [`mount`], nothing is painted before it.
    pub fn set_locale(&self, locale: Locale, texts_pending: bool) {
        self.inner.request.borrow_mut().locale = Some(locale.tag().to_owned());
        self.inner.view.set_locale(locale, texts_pending);
    }

    /// Changes when the liveness page covers the viewport, in place.
    pub fn set_fullscreen(&self, fullscreen: Fullscreen) {
        self.inner.fullscreen.set(fullscreen);
        self.inner.render();
    }
}

impl Drop for MountedWidget {
    fn drop(&mut self) {
        // Without this, a remounted check would hear messages twice, and late answers from this
        // one's requests would fire its callbacks.
        let inner = &self.inner;
        inner.alive.set(false);
        // Ends every task (polling, the clock, requests in flight): none fires a callback after.
        inner.polling.take();
        inner.tasks.take();
        inner.view.remove();
    }
}

/// One mounted check's state.
struct Inner {
    flow: RefCell<Flow>,
    view: View,
    endpoints: Endpoints,
    /// The session request; its `locale` follows the chosen one until the session is fetched.
    request: RefCell<SessionRequest>,
    /// Replaceable while mounted ([`MountedWidget::set_texts`]).
    texts: RefCell<Texts>,
    /// Replaceable while mounted ([`MountedWidget::set_fullscreen`]).
    fullscreen: Cell<Fullscreen>,
    callbacks: WidgetCallbacks,
    /// False once unmounted. Its tasks end with their guards; this stops what is already
    /// running synchronously when a callback unmounts the check (the rest of a `run`).
    alive: Cell<bool>,
    /// The polling loop, while the flow polls: replaced or dropped to stop it.
    polling: RefCell<Option<Task>>,
    /// Every other task (the clock, the camera check, requests): ended when the check unmounts.
    tasks: RefCell<Vec<Task>>,
    /// The provided session's client secret (a backend-minted session): results are read with
    /// it instead of the cookie.
    client_secret: Option<String>,
    /// The session link whose QR code was asked for: once per link, answered or not (a code
    /// that fails leaves the panel without it: the link and the copy button still work).
    qr_requested: RefCell<Option<String>>,
    /// The head start's session request, read instead of sending one (once).
    early_session: RefCell<Option<js_sys::Promise>>,
    /// The head start's camera facts, decided instead of gathering them (once).
    early_camera: RefCell<Option<js_sys::Promise>>,
    /// After a head start, the `message` events not judged yet (its and ours, in order), until
    /// the flow leaves the pre-flight; `None` once judged (and without a head start).
    held: RefCell<Option<Vec<MessageEvent>>>,
}

impl Inner {
    fn dispatch(self: &Rc<Self>, event: FlowEvent) {
        if !self.alive.get() {
            return;
        }
        let commands = self.flow.borrow_mut().apply(event);
        self.render();
        self.run(commands);
        self.load_qr();
        self.judge_held();
    }

    /// While the cross-device panel shows a link whose QR code is not known, asks the session
    /// server for it (once per link) and shows it when it arrives. A failure is no error: the
    /// panel is complete without the code.
    fn load_qr(self: &Rc<Self>) {
        if !self.alive.get() {
            return;
        }
        let Some(url) = self.view.qr_wanted() else { return };
        if self.qr_requested.borrow().as_deref() == Some(url.as_str()) {
            return;
        }
        let Some(id) = self.flow.borrow().session().map(|s| s.signature_id.clone()) else { return };
        *self.qr_requested.borrow_mut() = Some(url.clone());
        let inner = Rc::clone(self);
        self.spawn(async move {
            if let Ok(svg) = read_qr(&inner.endpoints, &id, inner.client_secret.as_deref()).await {
                inner.view.show_qr(&url, svg);
            }
        });
    }

    /// Once the flow is past the pre-flight (its frame known, or none to come), the messages
    /// held since the head start are judged in order, as if they arrived now: by the same rules,
    /// and only the first accepted one counts.
    fn judge_held(self: &Rc<Self>) {
        if matches!(self.flow.borrow().phase(), Phase::CheckingCamera | Phase::LoadingSession) {
            return;
        }
        let Some(held) = self.held.take() else { return };
        for event in held {
            self.judge(&event);
        }
    }

    /// The clock's event. A tick changes the flow only when the session expires, and then says so
    /// in commands: a quiet tick (almost every one) leaves the DOM alone.
    fn tick(self: &Rc<Self>, now_ms: u64) {
        if !self.alive.get() {
            return;
        }
        let commands = self.flow.borrow_mut().apply(FlowEvent::Tick { now_ms });
        if !commands.is_empty() {
            self.render();
            self.run(commands);
        }
    }

    fn render(&self) {
        self.view.render(&self.flow.borrow(), &self.texts.borrow(), self.fullscreen.get());
    }

    fn run(self: &Rc<Self>, commands: Vec<Command>) {
        for command in commands {
            // A callback may unmount the check (the app removes it on success, say).
            if !self.alive.get() {
                return;
            }
            match command {
                Command::CheckCamera => {
                    let inner = Rc::clone(self);
                    let early = self.early_camera.take();
                    self.spawn(async move {
                        let facts = match early {
                            Some(facts) => JsFuture::from(facts).await.ok().and_then(|f| camera::facts_from_js(&f)),
                            None => None,
                        };
                        let readiness = match facts {
                            Some(facts) => camera::decide(facts).await,
                            None => check_camera().await,
                        };
                        inner.dispatch(FlowEvent::CameraChecked(readiness));
                    });
                }
                Command::LoadSession => {
                    let inner = Rc::clone(self);
                    let early = self.early_session.take();
                    self.spawn(async move {
                        let sent = match early {
                            Some(answer) => session_sent_early(answer).await,
                            None => None,
                        };
                        let request = inner.request.borrow().clone();
                        let answer = match sent {
                            Some(answer) => answer,
                            None => create_session(&inner.endpoints, &request).await,
                        };
                        let event = match answer {
                            Ok(session) => FlowEvent::SessionReady { session, now_ms: now_ms() },
                            Err(error) => FlowEvent::SessionFailed(error),
                        };
                        inner.dispatch(event);
                    });
                }
                Command::StartPolling { signature_id, read_at_once } => self.start_polling(signature_id, read_at_once),
                Command::StopPolling => drop(self.polling.take()),
                Command::NotifyCamera(readiness) => call(&self.callbacks.on_camera, readiness),
                Command::NotifyState(phase) => call(&self.callbacks.on_state, phase),
                Command::NotifyOutcome(outcome) => {
                    let callback =
                        if outcome.is_success() { &self.callbacks.on_success } else { &self.callbacks.on_failure };
                    call(callback, outcome);
                }
                Command::NotifyError(error) => call(&self.callbacks.on_error, error),
            }
        }
    }

    /// A `message` event: held while messages from the head start wait, else judged.
    fn on_message(self: &Rc<Self>, event: &MessageEvent) {
        if let Some(held) = self.held.borrow_mut().as_mut() {
            held.push(event.clone());
            return;
        }
        self.judge(event);
    }

    /// Only our own frame, on the session's liveness origin, is believed.
    fn judge(self: &Rc<Self>, event: &MessageEvent) {
        let Some(frame) = self.view.frame() else { return };
        let Some(origin) = self.flow.borrow().liveness_origin().cloned() else { return };
        match classify(event, &origin, &frame) {
            Ok(signal) => self.dispatch(FlowEvent::FrameSignal(signal)),
            Err(reason) => call(&self.callbacks.on_rejected_message, reason),
        }
    }

    fn on_click(self: &Rc<Self>, event: &web_sys::Event) {
        match dom::action_of(event).as_deref() {
            Some("use-other-device") => self.dispatch(FlowEvent::ChooseCrossDevice),
            Some("retry-here") => self.dispatch(FlowEvent::RetryHere),
            Some("start-over") => self.dispatch(FlowEvent::StartOver),
            // The way back from full screen: the frame returns into the page for this check
            // (until the app sets `fullscreen` again).
            Some("exit-fullscreen") => {
                self.fullscreen.set(Fullscreen::Never);
                self.render();
            }
            Some("copy") => {
                if let Some(panel) = &*self.view.panel() {
                    self.spawn(panel.copy(&self.texts.borrow()));
                }
            }
            _ => {}
        }
    }

    /// Reads the session's result with backoff until the flow stops polling or the check unmounts.
    fn start_polling(self: &Rc<Self>, id: SignatureId, read_at_once: bool) {
        let inner = Rc::clone(self);
        // The previous loop, if any, ends here (its read in flight is dropped unanswered).
        *self.polling.borrow_mut() = Some(task::spawn(async move {
            for delay in PollSchedule::new(read_at_once) {
                sleep(u32::try_from(delay.as_millis()).unwrap_or(u32::MAX)).await;
                let event = match read_result(&inner.endpoints, &id, inner.client_secret.as_deref()).await {
                    Ok(result) => FlowEvent::ServerResult(result),
                    Err(error) => FlowEvent::ResultFailed(error),
                };
                inner.dispatch(event);
            }
        }));
    }

    /// Runs `future` as one of the check's tasks: it ends when the check unmounts. The guards
    /// of finished ones are let go here, so clicks and retries do not pile them up.
    fn spawn(&self, future: impl std::future::Future<Output = ()> + 'static) {
        let task = task::spawn(future);
        let mut tasks = self.tasks.borrow_mut();
        tasks.retain(Task::is_running);
        tasks.push(task);
    }

    /// Every second while mounted: the time left on the panel, and the time for the flow (which
    /// decides whether the session has expired).
    fn start_clock(self: &Rc<Self>) {
        let inner = Rc::clone(self);
        self.spawn(async move {
            loop {
                sleep(1_000).await;
                let now = now_ms();
                if let Some(panel) = &*inner.view.panel() {
                    panel.tick(now, &inner.texts.borrow());
                }
                inner.tick(now);
            }
        });
    }
}

fn call<T>(callback: &Option<Handler<T>>, value: T) {
    if let Some(callback) = callback {
        callback(value);
    }
}
