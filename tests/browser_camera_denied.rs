//! Camera pre-flight in Chromium with a fake camera whose permission is blocked in the profile
//! (tests/webdriver/camera-denied.json), as after a user's "block" or "don't ask again".
#![cfg(target_arch = "wasm32")]

use advance_liveness::camera::check_camera;
use advance_liveness::{CameraReadiness, DeniedBy};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_blocked_camera_is_denied_by_the_user() {
    assert_eq!(check_camera().await, CameraReadiness::Denied(DeniedBy::User));
}

mod support;

use advance_liveness::component::LivenessCheck;
use leptos::prelude::*;

#[wasm_bindgen_test]
async fn the_component_offers_another_device_and_says_why() {
    let host = support::host();
    support::stub_fetch(&[r#"{"status":"pending","score":null,"attackType":null,"code":"LIVENESS_NO_RESULT"}"#]);
    let verdicts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let heard = verdicts.clone();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let heard = heard.clone();
        view! {
            <LivenessCheck
                session=support::session("denied")
                on_camera=move |verdict: CameraReadiness| heard.lock().unwrap().push(verdict)
            />
        }
    });
    support::wait_for(&host, ".advance-liveness[data-state=cross-device]").await;
    assert_eq!(*verdicts.lock().unwrap(), [CameraReadiness::Denied(DeniedBy::User)], "the app hears why");
    let explanation = support::wait_for(&host, ".advance-liveness__explanation").await.text_content().unwrap();
    assert!(explanation.starts_with("Camera access is blocked"), "{explanation}");
    assert!(host.query_selector("iframe").unwrap().is_none(), "no liveness page without a camera");
    drop(handle);
    host.remove();
}
