//! The page: the same view code rendered on the server (`ssr`) and hydrated in the browser
//! (`hydrate`). A check, a signal the app sets from `on_success`, and "Start over".

use advance_liveness::component::LivenessCheck;
use advance_liveness::{LivenessError, LivenessOutcome};
use leptos::prelude::*;

/// The HTML document around [`App`], rendered on the server. `HydrationScripts` loads
/// `/pkg/leptos_ssr_example.js` and its wasm, which call [`crate::hydrate`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Verify it's you (Leptos SSR)"</title>
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/advance-liveness.css" />
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// What the page knows about the user's verification, from the component's callbacks.
#[derive(Clone, Debug, PartialEq)]
enum Verification {
    NotYet,
    Passed(String),
    NotPassed(String),
    Stopped(String),
}

/// The app: one liveness check, and what the app itself learnt from it.
#[component]
pub fn App() -> impl IntoView {
    let verification = RwSignal::new(Verification::NotYet);
    let callbacks = RwSignal::new(0_u32);
    // Each attempt renders a fresh component: the previous one is released as on unmount.
    let attempt = RwSignal::new(1_u32);
    let start_over = move |_| {
        verification.set(Verification::NotYet);
        attempt.update(|n| *n += 1);
    };
    view! {
        <main>
            <h1>"Verify it's you"</h1>
            {move || {
                attempt.track();
                view! {
                    <LivenessCheck
                        on_success=move |outcome: LivenessOutcome| {
                            callbacks.update(|n| *n += 1);
                            verification.set(Verification::Passed(outcome.signature_id().to_string()));
                        }
                        on_failure=move |outcome: LivenessOutcome| {
                            callbacks.update(|n| *n += 1);
                            verification.set(Verification::NotPassed(outcome.signature_id().to_string()));
                        }
                        on_error=move |error: LivenessError| {
                            verification.set(Verification::Stopped(error.kind().to_owned()));
                        }
                    />
                }
            }}
            <p id="verification">
                {move || match verification.get() {
                    Verification::NotYet => "Not verified yet.".to_owned(),
                    Verification::Passed(id) => format!("Verified: {id}"),
                    Verification::NotPassed(id) => format!("Not verified: {id}"),
                    Verification::Stopped(why) => format!("Stopped: {why}"),
                }}
            </p>
            <p id="callbacks">{move || format!("Outcome callbacks: {}", callbacks.get())}</p>
            <button id="start-over" on:click=start_over>
                "Start over"
            </button>
        </main>
    }
}
