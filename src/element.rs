//! The JS bundle's entry point (feature `element`): `mountLiveness(element, optionsJson)` puts
//! the same `<LivenessCheck/>` into any element and reports through DOM `CustomEvent`s. The
//! custom element `<advance-liveness>` and `mount()` (bundle/advance-liveness.js) call it.

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::component::{LivenessCheck, LivenessCheckProps};
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, Phase};
use crate::outcome::LivenessOutcome;
use crate::protocol::{AttackType, SessionRequest, SessionResponse, VerificationStatus};
use crate::rules::origin::AllowedOrigin;
use crate::texts::Texts;

/// The options `mount()` takes and the element builds from its attributes.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MountOptions {
    session_endpoint: Option<String>,
    result_endpoint: Option<String>,
    liveness_origin: Option<String>,
    cross_device: Option<String>,
    #[serde(default)]
    fullscreen: bool,
    verify: Option<bool>,
    texts: Option<Texts>,
    request: Option<SessionRequest>,
    session: Option<SessionResponse>,
}

/// A mounted check; `destroy()` releases everything it holds.
#[wasm_bindgen]
pub struct MountedLiveness {
    // The unmount handle, type-erased: dropping it unmounts the component (listener removed,
    // polling stopped, no callback after).
    handle: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl MountedLiveness {
    /// Unmounts the check. Idempotent.
    pub fn destroy(&mut self) {
        self.handle.take();
    }
}

/// Mounts a liveness check into `element`. `options` is the JSON of the bundle's `Options`;
/// a mistake in it throws an error naming it, and nothing is mounted.
#[wasm_bindgen(js_name = mountLiveness)]
pub fn mount_liveness(element: web_sys::HtmlElement, options: &str) -> Result<MountedLiveness, JsError> {
    let options: MountOptions =
        serde_json::from_str(options).map_err(|e| JsError::new(&format!("advance-liveness: {e}")))?;
    let cross_device = match options.cross_device.as_deref() {
        None | Some("auto") => CrossDeviceMode::Auto,
        Some("always") => CrossDeviceMode::Always,
        Some("never") => CrossDeviceMode::Never,
        Some(other) => {
            return Err(JsError::new(&format!(
                "advance-liveness: cross-device must be auto, always or never, not `{other}`"
            )));
        }
    };
    let liveness_origin = options
        .liveness_origin
        .as_deref()
        .map(AllowedOrigin::parse)
        .transpose()
        .map_err(|e| JsError::new(&format!("advance-liveness: liveness-origin: {e}")))?;
    let target = element.clone();
    let handle = leptos::mount::mount_to(element, move || {
        let (a, b, c, d) = (target.clone(), target.clone(), target.clone(), target);
        // The props struct directly: the options are already `Option`s.
        LivenessCheck(LivenessCheckProps {
            session_endpoint: options.session_endpoint,
            result_endpoint: options.result_endpoint,
            request: options.request.unwrap_or_default(),
            session: options.session,
            liveness_origin,
            cross_device,
            verify: options.verify.unwrap_or(true),
            fullscreen: options.fullscreen,
            texts: options.texts.unwrap_or_default(),
            on_success: Some(Callback::new(move |o: LivenessOutcome| {
                emit(&a, "liveness-success", &outcome_detail(&o))
            })),
            on_failure: Some(Callback::new(move |o: LivenessOutcome| {
                emit(&b, "liveness-failure", &outcome_detail(&o))
            })),
            on_error: Some(Callback::new(move |e: LivenessError| emit(&c, "liveness-error", &error_detail(&e)))),
            on_state: Some(Callback::new(move |p: Phase| {
                emit(&d, "liveness-state", &object(&[("state", JsValue::from_str(p.as_str()))]))
            })),
            on_rejected_message: None,
        })
    });
    Ok(MountedLiveness { handle: Some(Box::new(handle)) })
}

/// A plain JS object from `(key, value)` pairs (built directly: no JSON round trip in the bundle).
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn optional_str(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// `{signatureId, verified, status, score, attackType, code}`; `status` is the server's when
/// verified, otherwise what the page said (`passed` / `failed`).
fn outcome_detail(outcome: &LivenessOutcome) -> JsValue {
    let (verified, said) = match outcome {
        LivenessOutcome::Success { verified, .. } => (verified, "passed"),
        LivenessOutcome::Failure { verified, .. } => (verified, "failed"),
    };
    let status = match verified.as_ref().map(|r| r.status) {
        Some(VerificationStatus::Passed) => "passed",
        Some(VerificationStatus::Failed) => "failed",
        Some(VerificationStatus::Pending) => "pending",
        Some(VerificationStatus::Expired) => "expired",
        None => said,
    };
    let attack = verified.as_ref().and_then(|r| r.attack_type).map(|a| match a {
        AttackType::Presentation => "presentation",
        AttackType::Injection => "injection",
        AttackType::Unsure => "unsure",
    });
    object(&[
        ("signatureId", JsValue::from_str(outcome.signature_id().as_str())),
        ("verified", JsValue::from_bool(verified.is_some())),
        ("status", JsValue::from_str(status)),
        ("score", verified.as_ref().and_then(|r| r.score).map_or(JsValue::NULL, JsValue::from_f64)),
        ("attackType", optional_str(attack)),
        ("code", optional_str(verified.as_ref().and_then(|r| r.code.as_deref()))),
    ])
}

/// `{reason, message, status?, code?, camera?}`; `reason` is `camera`, `server`, `network`,
/// `invalid-session` or `expired`; `camera` names the camera problem.
fn error_detail(error: &LivenessError) -> JsValue {
    let mut fields =
        vec![("reason", JsValue::from_str(error.kind())), ("message", JsValue::from_str(&error.to_string()))];
    match error {
        LivenessError::Server { status, code, .. } => {
            fields.push(("status", JsValue::from_f64(f64::from(*status))));
            fields.push(("code", JsValue::from_str(code)));
        }
        LivenessError::Camera(readiness) => fields.push(("camera", JsValue::from_str(readiness.kind()))),
        _ => {}
    }
    object(&fields)
}

/// Dispatches a bubbling, composed `CustomEvent` with `detail` on `target`.
fn emit(target: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
