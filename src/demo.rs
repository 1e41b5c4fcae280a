//! The demo page's app (feature `demo`, built by trunk from `index.html`): a sign-up step that
//! runs the camera pre-flight and logs what happened. Never part of an integrator's build.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::camera::check_camera;

/// Mounts the demo into `#demo-root`, if the page has one (the browser-test page does not).
#[wasm_bindgen(start)]
pub fn start_demo() {
    let Some(root) = document().get_element_by_id("demo-root") else {
        return;
    };
    use wasm_bindgen::JsCast;
    let root: web_sys::HtmlElement = root.unchecked_into();
    root.set_inner_html("");
    // The demo lives as long as the page does, so its mount handle is never dropped.
    leptos::mount::mount_to(root, DemoPage).forget();
}

/// A realistic sign-up step around the liveness check, with a log of every event it fired.
#[component]
fn DemoPage() -> impl IntoView {
    let (log, set_log) = signal(Vec::<String>::new());
    let (state, set_state) = signal("checking-camera".to_owned());
    let run = move || {
        set_state.set("checking-camera".into());
        leptos::task::spawn_local(async move {
            let readiness = check_camera().await;
            set_state.set(if readiness.is_ready() { "ready".into() } else { "error".into() });
            set_log.update(|log| log.push(format!("camera pre-flight: {readiness}")));
        });
    };
    run();
    view! {
        <main class="demo">
            <h1>"Open your account"</h1>
            <p class="demo-step">"Step 2 of 3 · Verify it's really you"</p>
            <section class="advance-liveness" data-state=move || state.get()>
                <p aria-live="polite">{move || match state.get().as_str() {
                    "checking-camera" => "Checking your camera…".to_owned(),
                    "ready" => "Your camera is ready.".to_owned(),
                    _ => "Your camera can't be used on this device.".to_owned(),
                }}</p>
                <button type="button" on:click=move |_| run()>"Check again"</button>
            </section>
            <h2>"Events"</h2>
            <ol class="demo-log">
                <For each=move || log.get().into_iter().enumerate() key=|(i, _)| *i let:entry>
                    <li>{entry.1}</li>
                </For>
            </ol>
        </main>
    }
}
