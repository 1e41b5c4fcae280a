//! `<LivenessCheck/>` rendered on the server, as a server-rendered Leptos app renders it: the
//! host element is in the HTML, nothing of the check (which starts in the browser, after
//! hydration), and the hook's signals keep their initial values.
#![cfg(not(target_arch = "wasm32"))]

use advance_liveness::component::{LivenessCheck, UseLivenessCheckOptions, UseLivenessCheckReturn, use_liveness_check};
use advance_liveness::{CrossDeviceMode, Fullscreen, LivenessOutcome, Phase, SessionRequest, Texts};
use leptos::html::Div;
use leptos::prelude::*;

#[test]
fn a_page_holding_the_component_renders_its_host_element() {
    let owner = Owner::new();
    let html = owner.with(|| {
        let passed = RwSignal::new(false);
        view! {
            <main>
                <h1>"Verify it's you"</h1>
                <LivenessCheck
                    request=SessionRequest { user_id: Some("u-1".into()), ..SessionRequest::default() }
                    cross_device=CrossDeviceMode::Always
                    fullscreen=Fullscreen::Auto
                    texts=Texts::default()
                    on_success=move |_: LivenessOutcome| passed.set(true)
                />
                <p>{move || if passed.get() { "passed" } else { "not yet" }}</p>
            </main>
        }
        .to_html()
    });
    assert!(html.contains(r#"<div class="advance-liveness-host"></div>"#), "{html}");
    assert!(html.contains("<p>not yet</p>"), "{html}");
    // The check itself (its section, a frame, a session) only exists in the browser.
    assert!(!html.contains("advance-liveness\""), "{html}");
    assert!(!html.contains("iframe"), "{html}");
}

#[test]
fn the_hook_does_nothing_on_the_server() {
    let owner = Owner::new();
    owner.with(|| {
        let host = NodeRef::<Div>::new();
        let UseLivenessCheckReturn { phase, outcome, error, camera, start_over } =
            use_liveness_check(host, UseLivenessCheckOptions::default());
        start_over();
        assert_eq!(phase.get_untracked(), Phase::CheckingCamera);
        assert_eq!(outcome.get_untracked(), None);
        assert_eq!(error.get_untracked(), None);
        assert_eq!(camera.get_untracked(), None);
    });
}
