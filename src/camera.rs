//! The camera pre-flight in the browser: gathers the facts, asks
//! [`CameraReadiness`](crate::CameraReadiness) for the verdict, and releases the camera at once.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamConstraints, MediaStreamTrack, PermissionState, PermissionStatus};

use crate::camera_readiness::{CameraFacts, CameraReadiness, PermissionAnswer};

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
    decide(gather_facts().await).await
}

/// The verdict from `facts` (gathered here or by the JS bundle's head start): the facts' own,
/// else the `getUserMedia` probe's.
pub async fn decide(facts: CameraFacts) -> CameraReadiness {
    match facts.verdict() {
        Some(verdict) => verdict,
        None => probe(facts.policy_allows_camera).await,
    }
}

/// Asks the browser what it knows of its camera without opening it: the permission state and
/// the device list at once (each a browser round trip), the list read only if access is granted.
async fn gather_facts() -> CameraFacts {
    // Without a window there is no camera API: `unsupported`.
    let mut facts = CameraFacts {
        secure_context: true,
        has_get_user_media: false,
        policy_allows_camera: None,
        permission: None,
        camera_listed: None,
    };
    let Some(window) = web_sys::window() else {
        return facts;
    };
    let navigator = window.navigator();
    let media_devices = media_devices(&navigator);
    facts.secure_context = window.is_secure_context();
    facts.has_get_user_media = media_devices
        .as_ref()
        .and_then(|devices| Reflect::get(devices, &"getUserMedia".into()).ok())
        .is_some_and(|f| f.is_function());
    facts.policy_allows_camera = window.document().and_then(|document| policy_allows_camera(&document));
    if facts.verdict().is_some() {
        return facts;
    }
    let listed = media_devices.and_then(|devices| devices.enumerate_devices().ok()).map(JsFuture::from);
    facts.permission = camera_permission(&navigator).await;
    if facts.permission == Some(PermissionAnswer::Granted) {
        facts.camera_listed = match listed {
            Some(listed) => listed.await.ok().map(|list| lists_a_camera(&list)),
            None => None,
        };
    }
    facts
}

/// The facts the JS bundle's head start gathered (`{secureContext, getUserMedia, policy,
/// permission, cameraListed}`, as bundle/advance-liveness.js writes them), or `None` if `value`
/// is not such an object.
pub fn facts_from_js(value: &JsValue) -> Option<CameraFacts> {
    if !value.is_object() {
        return None;
    }
    let field = |name: &str| Reflect::get(value, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let permission = field("permission").as_string().as_deref().and_then(PermissionAnswer::from_state);
    Some(CameraFacts {
        secure_context: field("secureContext").as_bool()?,
        has_get_user_media: field("getUserMedia").as_bool()?,
        policy_allows_camera: field("policy").as_bool(),
        permission,
        camera_listed: field("cameraListed").as_bool(),
    })
}

/// `navigator.mediaDevices`, where the browser has it (not in insecure contexts).
fn media_devices(navigator: &web_sys::Navigator) -> Option<web_sys::MediaDevices> {
    Reflect::get(navigator, &"mediaDevices".into())
        .ok()
        .filter(|v| v.is_object())
        .map(web_sys::MediaDevices::unchecked_from_js)
}

/// `getUserMedia({video: true})`: would the camera start? Its tracks are stopped at once.
async fn probe(policy: Option<bool>) -> CameraReadiness {
    let Some(devices) = web_sys::window().and_then(|window| media_devices(&window.navigator())) else {
        return CameraReadiness::Unsupported;
    };
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&JsValue::TRUE);
    let promise = match devices.get_user_media_with_constraints(&constraints) {
        Ok(promise) => promise,
        Err(error) => return CameraReadiness::from_probe_error(&error_name(&error), policy),
    };
    // The probe only asks "would it work?": holding the camera would keep its light on and could
    // make the liveness page's own request fail as "busy". The tracks are stopped in the promise's
    // own continuation, so the camera is released even when this future is dropped first (the
    // check unmounted during the probe, and its task with it).
    let release = Closure::once_into_js(|stream: JsValue| {
        stop_all_tracks(&stream.unchecked_into());
        JsValue::UNDEFINED
    });
    let released = Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|then| then.dyn_into::<Function>().ok())
        .and_then(|then| then.call1(&promise, &release).ok())
        .map_or(promise, js_sys::Promise::unchecked_from_js);
    match JsFuture::from(released).await {
        Ok(_) => CameraReadiness::Ready,
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
