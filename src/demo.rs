//! The demo page's app (feature `demo`, built by trunk from `index.html`): a sign-up step with
//! the liveness check in it, and a log of every event the component fired. Never part of an
//! integrator's build.
//!
//! `?crossDevice=always|never`, `?verify=false` and `?locale=<tag>` on the page URL set those
//! options; the language menu changes the locale in place.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::component::LivenessCheck;
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, Phase};
use crate::locale::Locale;
use crate::outcome::LivenessOutcome;
use crate::rules::message::Rejection;

/// Mounts the demo into `#demo-root`, if the page has one (the browser-test page does not).
#[wasm_bindgen(start)]
pub fn start_demo() {
    let Some(root) = document().get_element_by_id("demo-root") else {
        return;
    };
    let root: web_sys::HtmlElement = root.unchecked_into();
    root.set_inner_html("");
    // Timings for scripts (time from mount to the liveness frame): window.__alTimings.
    mark("mount");
    // The demo lives as long as the page does, so its mount handle is never dropped.
    leptos::mount::mount_to(root, DemoPage).forget();
}

/// One line of the event log.
#[derive(Clone)]
struct Logged {
    kind: &'static str,
    signature_id: String,
    text: String,
}

/// Records `performance.now()` under `name` in `window.__alTimings`.
fn mark(name: &str) {
    let window = window();
    let now = window.performance().map_or(0.0, |p| p.now());
    let key = wasm_bindgen::JsValue::from_str("__alTimings");
    let timings = js_sys::Reflect::get(&window, &key).ok().filter(|v| v.is_object()).unwrap_or_else(|| {
        let fresh = js_sys::Object::new().into();
        let _ = js_sys::Reflect::set(&window, &key, &fresh);
        fresh
    });
    let _ = js_sys::Reflect::set(&timings, &name.into(), &now.into());
}

fn query(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

fn describe(outcome: &LivenessOutcome) -> String {
    match outcome {
        LivenessOutcome::Success { verified: Some(r), .. } | LivenessOutcome::Failure { verified: Some(r), .. } => {
            let attack = r.attack_type.map(|a| format!(", attack {a:?}")).unwrap_or_default();
            format!("server verified {:?}, score {}{attack}", r.status, r.score.map_or("-".into(), |s| s.to_string()))
        }
        _ => "from the page's message (not verified)".into(),
    }
}

/// A realistic sign-up step around the liveness check.
#[component]
fn DemoPage() -> impl IntoView {
    let log = RwSignal::new(Vec::<Logged>::new());
    let push = move |kind: &'static str, signature_id: String, text: String| {
        log.update(|l| l.push(Logged { kind, signature_id, text }));
    };
    let cross_device = match query("crossDevice").as_deref() {
        Some("always") => CrossDeviceMode::Always,
        Some("never") => CrossDeviceMode::Never,
        _ => CrossDeviceMode::Auto,
    };
    let verify = query("verify").as_deref() != Some("false");
    // Empty: the page's and the browser's languages decide.
    let locale = RwSignal::new(query("locale").unwrap_or_default());
    view! {
        <header class="demo-header">
            <span class="demo-brand">"Acme Bank"</span>
            <label class="demo-language">
                "Language "
                <select
                    id="demo-language"
                    prop:value=move || locale.get()
                    on:change=move |event| locale.set(event_target_value(&event))
                >
                    <option value="">"Browser default"</option>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.tag()>{l.native_name()}</option> })
                        .collect_view()}
                </select>
            </label>
        </header>
        <main class="demo">
            <ol class="demo-steps" aria-label="Sign-up progress">
                <li class="done">"Your details"</li>
                <li aria-current="step">"Verify it's you"</li>
                <li>"Start banking"</li>
            </ol>
            <h1>"Verify it's really you"</h1>
            <p class="demo-lead">
                "To keep your account safe we need a quick selfie check. It takes about ten seconds and needs your camera."
            </p>
            <LivenessCheck
                cross_device=cross_device
                verify=verify
                locale=Signal::derive(move || Some(locale.get()).filter(|l| !l.is_empty()))
                on_success=move |o: LivenessOutcome| push("success", o.signature_id().to_string(), describe(&o))
                on_failure=move |o: LivenessOutcome| push("failure", o.signature_id().to_string(), describe(&o))
                on_error=move |e: LivenessError| push("error", String::new(), format!("{}: {e}", e.kind()))
                on_state=move |p: Phase| {
                    mark(p.as_str());
                    push("state", String::new(), p.as_str().to_owned())
                }
                on_rejected_message=move |r: Rejection| push("ignored-message", String::new(), r.to_string())
            />
            <h2>"Events"</h2>
            <ol class="demo-log" id="demo-log">
                <For each=move || log.get().into_iter().enumerate() key=|(i, _)| *i let:entry>
                    <li data-event=entry.1.kind data-signature-id=entry.1.signature_id.clone()>
                        <code>{entry.1.kind}</code>
                        " "
                        {entry.1.signature_id.clone()}
                        " "
                        {entry.1.text.clone()}
                    </li>
                </For>
            </ol>
        </main>
    }
}
