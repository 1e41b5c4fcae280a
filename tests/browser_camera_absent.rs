//! Camera pre-flight in Chromium with no camera at all (tests/webdriver/camera-absent.json).
#![cfg(target_arch = "wasm32")]

use advance_liveness::CameraReadiness;
use advance_liveness::camera::check_camera;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_machine_without_a_camera_says_so() {
    assert_eq!(check_camera().await, CameraReadiness::NoCamera);
}

mod support;

use advance_liveness::CrossDeviceMode;
use advance_liveness::component::LivenessCheck;
use leptos::prelude::*;

#[wasm_bindgen_test]
async fn with_cross_device_off_a_missing_camera_is_an_error_with_a_retry() {
    let host = support::host();
    let handle = leptos::mount::mount_to(host.clone(), || {
        view! { <LivenessCheck session=support::session("absent") cross_device=CrossDeviceMode::Never /> }
    });
    support::wait_for(&host, ".advance-liveness[data-state=error]").await;
    let status = support::wait_for(&host, "[role=status]").await.text_content().unwrap();
    assert!(status.starts_with("No camera was found"), "{status}");
    let retry = support::wait_for(&host, "button").await.text_content().unwrap();
    assert_eq!(retry, "Try this device again");
    drop(handle);
    host.remove();
}
