//! Camera pre-flight in Chromium with a fake camera and permission granted
//! (tests/webdriver/camera-granted.json).
#![cfg(target_arch = "wasm32")]

use advance_liveness::CameraReadiness;
use advance_liveness::camera::check_camera;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn navigator() -> JsValue {
    web_sys::window().unwrap().navigator().into()
}

/// Wraps `navigator.mediaDevices.getUserMedia` so every stream it hands out is kept in
/// `window.__streams`, letting the test see what the pre-flight did with them.
fn record_streams() -> Array {
    let streams = Array::new();
    let window = web_sys::window().unwrap();
    Reflect::set(&window, &"__streams".into(), &streams).unwrap();
    Function::new_no_args(
        "const devices = navigator.mediaDevices;
         const original = devices.getUserMedia.bind(devices);
         devices.getUserMedia = async (c) => { const s = await original(c); window.__streams.push(s); return s; };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    streams
}

/// Makes `navigator.permissions.query` give no usable answer (as where access was never granted
/// and the browser will ask), until the returned guard is dropped.
struct PermissionUnknown;

impl PermissionUnknown {
    fn new() -> Self {
        Function::new_no_args("navigator.permissions.query = async () => ({ state: 'unknown' });")
            .call0(&JsValue::NULL)
            .unwrap();
        Self
    }
}

impl Drop for PermissionUnknown {
    fn drop(&mut self) {
        let permissions = Reflect::get(&navigator(), &"permissions".into()).unwrap();
        Reflect::delete_property(permissions.unchecked_ref::<js_sys::Object>(), &"query".into()).unwrap();
    }
}

#[wasm_bindgen_test]
async fn an_already_granted_camera_is_ready_without_being_opened() {
    let streams = record_streams();
    assert_eq!(check_camera().await, CameraReadiness::Ready);
    assert_eq!(streams.length(), 0, "the liveness page opens the camera; the pre-flight does not");
}

#[wasm_bindgen_test]
async fn granted_access_without_a_listed_camera_is_no_camera() {
    let devices = Reflect::get(&navigator(), &"mediaDevices".into()).unwrap();
    Function::new_no_args("navigator.mediaDevices.enumerateDevices = async () => [];").call0(&JsValue::NULL).unwrap();
    let readiness = check_camera().await;
    Reflect::delete_property(devices.unchecked_ref::<js_sys::Object>(), &"enumerateDevices".into()).unwrap();
    assert_eq!(readiness, CameraReadiness::NoCamera);
}

#[wasm_bindgen_test]
async fn without_granted_access_the_probe_opens_the_camera_and_releases_it_at_once() {
    let _unknown = PermissionUnknown::new();
    let streams = record_streams();
    assert_eq!(check_camera().await, CameraReadiness::Ready);
    assert_eq!(streams.length(), 1, "exactly one probe");
    let stream: web_sys::MediaStream = streams.get(0).unchecked_into();
    let tracks = stream.get_tracks();
    assert!(tracks.length() > 0);
    for track in tracks.iter() {
        let track: web_sys::MediaStreamTrack = track.unchecked_into();
        assert_eq!(track.ready_state(), web_sys::MediaStreamTrackState::Ended, "camera left running");
    }
}

#[wasm_bindgen_test]
async fn a_browser_without_the_permissions_api_is_not_reported_as_denied() {
    // Hide the Permissions API, as older Safari and some webviews do.
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
    Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    let nav: js_sys::Object = navigator().unchecked_into();
    js_sys::Object::define_property(&nav, &"permissions".into(), &descriptor);
    assert!(Reflect::get(&navigator(), &"permissions".into()).unwrap().is_undefined());
    assert_eq!(check_camera().await, CameraReadiness::Ready);
    Reflect::delete_property(&nav, &"permissions".into()).unwrap();
}

#[wasm_bindgen_test]
async fn a_browser_without_get_user_media_is_unsupported() {
    let devices = Reflect::get(&navigator(), &"mediaDevices".into()).unwrap();
    let original = Reflect::get(&devices, &"getUserMedia".into()).unwrap();
    Reflect::set(&devices, &"getUserMedia".into(), &JsValue::UNDEFINED).unwrap();
    let readiness = check_camera().await;
    Reflect::set(&devices, &"getUserMedia".into(), &original).unwrap();
    assert_eq!(readiness, CameraReadiness::Unsupported);
}
