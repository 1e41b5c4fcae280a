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
