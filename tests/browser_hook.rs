//! `use_liveness_check` in Chromium with a granted fake camera: its signals follow the check, a
//! changed `request` releases the old check (it never fires again) and starts a new one, `texts`
//! change in place, `start_over` runs a new session, and the way back from full screen.
#![cfg(target_arch = "wasm32")]

mod support;

use advance_liveness::component::{UseLivenessCheckOptions, UseLivenessCheckReturn, use_liveness_check};
use advance_liveness::{Fullscreen, LivenessOutcome, Phase, SessionRequest, Texts};
use leptos::html::Div;
use leptos::mount::mount_to;
use leptos::prelude::*;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `window.fetch` with a session server: a session post answers a session named after
/// the request's `userId` (`s-<userId>`, on the page's origin); result reads stay pending.
/// A user whose name starts with `slow` waits 300 ms for the session. Returns the session
/// requests' bodies, in order.
fn stub_session_server() -> js_sys::Array {
    let bodies = js_sys::Array::new();
    js_sys::Function::new_with_args(
        "bodies",
        "window.fetch = async (url, init) => {
           if (String(url).endsWith('/result')) {
             return new Response('{\"status\":\"pending\",\"score\":null,\"attackType\":null,\"code\":\"LIVENESS_NO_RESULT\"}',
               {status: 200, headers: {'content-type': 'application/json'}});
           }
           const body = String(init && init.body || '{}');
           bodies.push(body);
           const user = JSON.parse(body).userId || 'anonymous';
           if (user.startsWith('slow')) await new Promise((r) => setTimeout(r, 300));
           const session = {signatureId: 's-' + user, url: location.origin + '/liveness-under-test?user=' + user,
             livenessOrigin: location.origin, expiresAt: Date.now() + 3600000};
           return new Response(JSON.stringify(session), {status: 200, headers: {'content-type': 'application/json'}});
         };",
    )
    .call1(&JsValue::NULL, &bodies)
    .unwrap();
    bodies
}

fn request(user: &str) -> SessionRequest {
    SessionRequest { user_id: Some(user.to_owned()), ..SessionRequest::default() }
}

/// What a test drives and reads: the app's inputs, and the hook's signals sampled on every change.
struct App {
    request: RwSignal<SessionRequest>,
    texts: RwSignal<Texts>,
    fullscreen: RwSignal<Fullscreen>,
    phase: Signal<Phase>,
    outcome: Signal<Option<LivenessOutcome>>,
    start_over: Box<dyn Fn()>,
}

/// Mounts an app using the hook with `verify: false` (the page's word ends the check), recording
/// every success callback and every phase the `phase` signal takes.
fn mount_app(user: &str, fullscreen: Fullscreen, record: &Record) -> (web_sys::HtmlElement, App, impl Drop) {
    let host = host();
    let request = RwSignal::new(request(user));
    let texts = RwSignal::new(Texts::default());
    let fullscreen = RwSignal::new(fullscreen);
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let (r, out) = (record.clone(), slot.clone());
    let handle = mount_to(host.clone(), move || {
        let node = NodeRef::<Div>::new();
        let successes = r.clone();
        let UseLivenessCheckReturn { phase, outcome, start_over, .. } = use_liveness_check(
            node,
            UseLivenessCheckOptions {
                request: request.into(),
                texts: texts.into(),
                fullscreen: fullscreen.into(),
                verify: false,
                on_success: Some(Callback::new(move |o: LivenessOutcome| {
                    successes.push(format!("success {}", o.signature_id()))
                })),
                ..UseLivenessCheckOptions::default()
            },
        );
        let phases = r.clone();
        Effect::new(move |_| phases.push(format!("phase {}", phase.get().as_str())));
        *out.borrow_mut() = Some((phase, outcome, Box::new(start_over) as Box<dyn Fn()>));
        view! { <div node_ref=node></div> }
    });
    let (phase, outcome, start_over) = slot.borrow_mut().take().unwrap();
    (host, App { request, texts, fullscreen, phase, outcome, start_over }, Unmount(Some(handle)))
}

/// Unmounts the app when dropped.
struct Unmount<M: Mountable>(Option<leptos::mount::UnmountHandle<M>>);

impl<M: Mountable> Drop for Unmount<M> {
    fn drop(&mut self) {
        drop(self.0.take());
    }
}

async fn frame_for(host: &web_sys::HtmlElement, user: &str) -> web_sys::HtmlIFrameElement {
    let selector = format!("iframe.advance-liveness__frame[src$='user={user}']");
    let frame: web_sys::HtmlIFrameElement = wait_for(host, &selector).await.unchecked_into();
    frame_loaded(&frame).await;
    frame
}

async fn until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting until {what}");
}

#[wasm_bindgen_test]
async fn the_signals_follow_the_phases_to_the_outcome() {
    stub_session_server();
    let record = Record::default();
    let (host, app, unmount) = mount_app("phases", Fullscreen::Never, &record);
    assert_eq!(app.phase.get_untracked(), Phase::CheckingCamera);
    let frame = frame_for(&host, "phases").await;
    until("in progress", || app.phase.get_untracked() == Phase::InProgress).await;
    assert_eq!(app.outcome.get_untracked(), None);
    post_from_frame(&frame, r#"'{"info":"successNext"}'"#);
    until("passed", || app.phase.get_untracked() == Phase::Passed).await;
    let outcome = app.outcome.get_untracked().expect("an outcome");
    assert!(outcome.is_success());
    assert_eq!(outcome.signature_id().as_str(), "s-phases");
    sleep(50).await;
    let phases: Vec<String> = record.entries().into_iter().filter(|e| e.starts_with("phase")).collect();
    // The session is requested during the camera check; `loading-session` shows only when it is
    // still on its way once the camera answered.
    let expected: &[&[&str]] = &[
        &["phase checking-camera", "phase in-progress", "phase passed"],
        &["phase checking-camera", "phase loading-session", "phase in-progress", "phase passed"],
    ];
    assert!(expected.contains(&phases.iter().map(String::as_str).collect::<Vec<_>>().as_slice()), "{phases:?}");
    drop(unmount);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_new_request_releases_the_old_check_and_starts_a_new_one() {
    let bodies = stub_session_server();
    let record = Record::default();
    // Changed while the first session is on its way: its late answer is dropped.
    let (host, app, unmount) = mount_app("slow-sam", Fullscreen::Never, &record);
    until("the first session request", || bodies.length() == 1).await;
    app.request.set(request("alice"));
    let old = frame_for(&host, "alice").await;
    sleep(400).await;
    assert!(
        host.query_selector("iframe[src$='user=slow-sam']").unwrap().is_none(),
        "the released check showed its session"
    );
    assert_eq!(host.inner_html().matches("<section").count(), 1, "one check in the page");
    assert_eq!(app.phase.get_untracked(), Phase::InProgress);

    // Changed while in progress.
    let old_window = old.content_window().unwrap();

    app.request.set(request("bob"));
    let new = frame_for(&host, "bob").await;
    assert!(!old.is_connected(), "the old frame is gone");
    assert_eq!(app.phase.get_untracked(), Phase::InProgress);
    // The released check hears nothing: a success claimed from its page's window, or from ours.
    let _ = old_window.post_message(&r#"{"info":"successNext"}"#.into(), "*");
    window().post_message(&r#"{"info":"successNext"}"#.into(), "*").unwrap();
    sleep(200).await;
    assert_eq!(record.count("success"), 0, "the old check fired: {:?}", record.entries());

    post_from_frame(&new, r#"'{"info":"successNext"}'"#);
    until("passed", || app.phase.get_untracked() == Phase::Passed).await;
    sleep(100).await;
    assert_eq!(
        record.entries().into_iter().filter(|e| e.starts_with("success")).collect::<Vec<_>>(),
        ["success s-bob"]
    );
    let bodies: Vec<String> = bodies.iter().map(|b| b.as_string().unwrap()).collect();
    // Each carries the locale the check chose (the test page is English).
    assert_eq!(
        bodies,
        [
            r#"{"userId":"slow-sam","locale":"en"}"#,
            r#"{"userId":"alice","locale":"en"}"#,
            r#"{"userId":"bob","locale":"en"}"#
        ]
    );

    // The same request again (a recomputed, equal value) restarts nothing.
    app.request.set(request("bob"));
    sleep(200).await;
    assert_eq!(app.phase.get_untracked(), Phase::Passed);
    drop(unmount);
    host.remove();
}

#[wasm_bindgen_test]
async fn texts_change_in_place_and_start_over_runs_a_new_session() {
    let bodies = stub_session_server();
    let record = Record::default();
    let (host, app, unmount) = mount_app("carol", Fullscreen::Never, &record);
    let frame = frame_for(&host, "carol").await;
    let status = wait_for(&host, "[role=status]").await;
    app.texts.set(Texts {
        in_progress: "Ikuti petunjuknya.".into(),
        frame_title: "Cek keaktifan".into(),
        ..Texts::default()
    });
    until("the new status", || status.text_content().as_deref() == Some("Ikuti petunjuknya.")).await;
    assert!(frame.is_connected(), "the liveness frame was not rebuilt");
    assert_eq!(frame.get_attribute("title").as_deref(), Some("Cek keaktifan"));
    assert_eq!(bodies.length(), 1, "no new session for new texts");

    (app.start_over)();
    until("a second session", || bodies.length() == 2).await;
    let again = frame_for(&host, "carol").await;
    assert!(!frame.is_connected(), "the first check was released");
    // The texts the app set are kept for the new check.
    assert_eq!(again.get_attribute("title").as_deref(), Some("Cek keaktifan"));
    post_from_frame(&again, r#"'{"info":"successNext"}'"#);
    until("passed", || app.phase.get_untracked() == Phase::Passed).await;
    sleep(100).await;
    assert_eq!(record.count("success"), 1, "{:?}", record.entries());
    drop(unmount);
    host.remove();
}

#[wasm_bindgen_test]
async fn full_screen_has_a_visible_way_back() {
    stub_session_server();
    let record = Record::default();
    let (host, app, unmount) = mount_app("dave", Fullscreen::Always, &record);
    frame_for(&host, "dave").await;
    let root = wait_for(&host, "section.advance-liveness").await;
    let window = window();
    let position =
        |e: &web_sys::Element| window.get_computed_style(e).unwrap().unwrap().get_property_value("position").unwrap();
    let display =
        |e: &web_sys::Element| window.get_computed_style(e).unwrap().unwrap().get_property_value("display").unwrap();
    // The stylesheet is the package's own; the test page does not load it.
    let style = window.document().unwrap().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/advance-liveness.css")));
    host.append_child(&style).unwrap();

    assert_eq!(position(&root), "fixed", "full screen: {}", root.class_name());
    let exit: web_sys::HtmlElement = wait_for(&host, "button.advance-liveness__exit-fullscreen").await.unchecked_into();
    assert_ne!(display(&exit), "none", "the way back is visible");
    assert_eq!(exit.text_content().as_deref(), Some("Exit full screen"));
    exit.click();
    until("back in the page", || position(&root) != "fixed").await;
    assert_eq!(display(&exit), "none");
    assert!(host.query_selector("iframe.advance-liveness__frame").unwrap().is_some(), "the check goes on");

    // The app's explicit choice applies again; `auto` on this wide window stays in the page.
    app.fullscreen.set(Fullscreen::Always);
    until("full screen again", || position(&root) == "fixed").await;
    app.fullscreen.set(Fullscreen::Auto);
    until("auto on a wide window", || position(&root) != "fixed").await;
    assert_eq!(display(&exit), "none");
    drop(unmount);
    host.remove();
}
