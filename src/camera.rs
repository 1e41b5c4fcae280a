//! The camera pre-flight in the browser: gathers the facts, asks
//! [`CameraReadiness`](crate::CameraReadiness) for the verdict, and releases the camera at once.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamConstraints, MediaStreamTrack, PermissionState, PermissionStatus};

use crate::camera_readiness::{CameraReadiness, PermissionAnswer};

/// Checks whether this device's camera can be used, without keeping it.
///
/// In order: secure context, `navigator.mediaDevices.getUserMedia` present, the page's
/// Permissions-Policy, the Permissions API's `camera` state (where the browser answers). When
/// access is already granted, the camera is not opened: the device list says whether there is
/// one, and the liveness page opens it next (opening it here as well would only flash its light
/// and cost a round trip; a busy camera is then reported by the liveness page, with "use another
/// device" still offered). Otherwise a `getUserMedia({video: true})` probe decides, and its
/// tracks are stopped as soon as it resolves; it may show the browser's permission prompt, which
/// the liveness page would need anyway.
pub async fn check_camera() -> CameraReadiness {
    let Some(window) = web_sys::window() else {
        return CameraReadiness::Unsupported;
    };
    let navigator = window.navigator();
    let media_devices = Reflect::get(&navigator, &"mediaDevices".into()).ok().filter(|v| v.is_object());
    let has_get_user_media = media_devices
        .as_ref()
        .and_then(|devices| Reflect::get(devices, &"getUserMedia".into()).ok())
        .is_some_and(|f| f.is_function());
    let policy = window.document().and_then(|document| policy_allows_camera(&document));
    if let Some(verdict) = CameraReadiness::before_probe(window.is_secure_context(), has_get_user_media, policy, None) {
        return verdict;
    }
    let Some(devices) = media_devices.map(web_sys::MediaDevices::unchecked_from_js) else {
        return CameraReadiness::Unsupported;
    };
    // Both asked at once (each a browser round trip); the list is only read if access is granted.
    let listed = devices.enumerate_devices().ok().map(JsFuture::from);
    let permission = camera_permission(&navigator).await;
    if let Some(verdict) = CameraReadiness::before_probe(true, true, policy, permission) {
        return verdict;
    }
    if permission == Some(PermissionAnswer::Granted) {
        let has_camera = match listed {
            Some(listed) => listed.await.ok().map(|list| lists_a_camera(&list)),
            None => None,
        };
        return CameraReadiness::when_granted(has_camera);
    }
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&JsValue::TRUE);
    let promise = match devices.get_user_media_with_constraints(&constraints) {
        Ok(promise) => promise,
        Err(error) => return CameraReadiness::from_probe_error(&error_name(&error), policy),
    };
    match JsFuture::from(promise).await {
        Ok(stream) => {
            // The probe only asks "would it work?": holding the camera would keep its light on and
            // could make the liveness page's own request fail as "busy".
            stop_all_tracks(&stream.unchecked_into());
            CameraReadiness::Ready
        }
        Err(error) => CameraReadiness::from_probe_error(&error_name(&error), policy),
    }
}

/// Whether `enumerateDevices()`'s answer has a `videoinput`.
fn lists_a_camera(list: &JsValue) -> bool {
    js_sys::Array::from(list).iter().any(|device| {
        Reflect::get(&device, &"kind".into()).ok().and_then(|k| k.as_string()).as_deref() == Some("videoinput")
    })
}

/// Stops every track of `stream`, releasing the camera.
pub(crate) fn stop_all_tracks(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        track.unchecked_into::<MediaStreamTrack>().stop();
    }
}

/// `navigator.permissions.query({name: "camera"})`, or `None` where the browser has no answer
/// (no Permissions API, or "camera" unknown to it, as in older Firefox and Safari).
async fn camera_permission(navigator: &web_sys::Navigator) -> Option<PermissionAnswer> {
    let permissions = navigator.permissions().ok().filter(|p| !JsValue::from(p).is_undefined())?;
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"name".into(), &"camera".into()).ok()?;
    let status: PermissionStatus = JsFuture::from(permissions.query(&descriptor).ok()?).await.ok()?.dyn_into().ok()?;
    match status.state() {
        PermissionState::Granted => Some(PermissionAnswer::Granted),
        PermissionState::Denied => Some(PermissionAnswer::Denied),
        PermissionState::Prompt => Some(PermissionAnswer::Prompt),
        _ => None,
    }
}

/// `document.permissionsPolicy.allowsFeature("camera")` (or the older `featurePolicy`), where the
/// browser has it.
fn policy_allows_camera(document: &web_sys::Document) -> Option<bool> {
    ["permissionsPolicy", "featurePolicy"].iter().find_map(|name| {
        let policy = Reflect::get(document, &(*name).into()).ok().filter(JsValue::is_object)?;
        let allows: Function = Reflect::get(&policy, &"allowsFeature".into()).ok()?.dyn_into().ok()?;
        allows.call1(&policy, &"camera".into()).ok()?.as_bool()
    })
}

/// The `name` of a thrown `DOMException` or `Error` (`NotAllowedError`, `TypeError`, ...).
fn error_name(error: &JsValue) -> String {
    Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}
