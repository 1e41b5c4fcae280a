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
