//! The JS bundle's entry point (feature `element`): `mountLiveness(element, options)` puts the
//! same check as `<LivenessCheck/>` (the [`widget`](crate::widget)) into any element and reports
//! through DOM `CustomEvent`s. The custom element `<advance-liveness>` and `mount()`
//! (bundle/advance-liveness.js) call it.

use wasm_bindgen::prelude::*;

use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::flow::{CrossDeviceMode, FlowOptions, Phase};
use crate::fullscreen::Fullscreen;
use crate::json::js::{Fields, string, wrong_type};
use crate::json::{FromJson, JsonError};
use crate::outcome::LivenessOutcome;
use crate::protocol::{AttackType, SessionRequest, SessionResponse, VerificationStatus};
use crate::rules::origin::AllowedOrigin;
use crate::session_client::Endpoints;
use crate::texts::Texts;
use crate::widget::{self, HeadStart, MountedWidget, WidgetCallbacks, WidgetOptions};

/// The options `mount()` takes and the element builds from its attributes (read by its
/// [`FromJson`] below: camelCase keys, each optional, an unknown key refused).
#[derive(Debug, Default)]
struct MountOptions {
    session_endpoint: Option<String>,
    result_endpoint: Option<String>,
    qr_endpoint: Option<String>,
    liveness_origin: Option<String>,
    cross_device: Option<String>,
    /// `auto`, `true` or `false`: bundle/advance-liveness.js passes booleans as strings (so the
    /// wasm needs no deserializer for either-type values).
    fullscreen: Option<String>,
    verify: Option<bool>,
    texts: Option<Texts>,

    request: Option<SessionRequest>,
    session: Option<SessionResponse>,
}

impl FromJson for MountOptions {
    fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
        const KEYS: &[&str] = &[
            "sessionEndpoint",
            "resultEndpoint",
            "qrEndpoint",
            "livenessOrigin",
            "crossDevice",
            "fullscreen",
            "verify",
            "texts",
            "request",
            "session",
        ];
        let fields = Fields::strict(value, at, KEYS)?;
        Ok(Self {
            session_endpoint: fields.optional("sessionEndpoint", string)?,
            result_endpoint: fields.optional("resultEndpoint", string)?,
            qr_endpoint: fields.optional("qrEndpoint", string)?,
            liveness_origin: fields.optional("livenessOrigin", string)?,
            cross_device: fields.optional("crossDevice", string)?,
            fullscreen: fields.optional("fullscreen", string)?,
            verify: fields.optional("verify", |v, at| v.as_bool().ok_or_else(|| wrong_type(at, "a boolean")))?,
            texts: fields.optional("texts", Texts::read)?,
            request: fields.optional("request", SessionRequest::read)?,
            session: fields.optional("session", SessionResponse::read)?,
        })
    }
}

/// `fullscreen` as `mount()` receives it.
fn fullscreen_option(value: &str) -> Result<Fullscreen, JsError> {
    value.parse().map_err(|e| JsError::new(&format!("advance-liveness: {e}")))
}

/// A mounted check; `destroy()` releases everything it holds.
#[wasm_bindgen]
pub struct MountedLiveness {
    // Dropping it unmounts the check (listeners removed, polling stopped, no callback after).
    widget: Option<MountedWidget>,
}

#[wasm_bindgen]
impl MountedLiveness {
    /// Unmounts the check. Idempotent.
    pub fn destroy(&mut self) {
        self.widget.take();
    }

    /// Applies `texts` and `fullscreen` in place; throws on a mistake, as `mountLiveness`.
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let options = read_options(options).map_err(invalid_options)?;
        // Every value is checked before any is applied: a mistake changes nothing.
        let fullscreen = options.fullscreen.as_deref().map(fullscreen_option).transpose()?;
        if let Some(widget) = &self.widget {
            if let Some(texts) = options.texts {
                widget.set_texts(texts);
            }
            if let Some(fullscreen) = fullscreen {
                widget.set_fullscreen(fullscreen);
            }
        }
        Ok(())
    }
}

/// Mounts a liveness check into `element`. `options` is the bundle's `Options` object; a
/// mistake in it throws an error naming it, and nothing is mounted. `head_start` is what
/// bundle/advance-liveness.js did while the wasm downloaded (`{session, camera, held, root}`),
/// taken over by the check; `undefined` for none.
#[wasm_bindgen(js_name = mountLiveness)]
pub fn mount_liveness(
    element: web_sys::HtmlElement,
    options: JsValue,
    head_start: JsValue,
) -> Result<MountedLiveness, JsError> {
    let options = read_options(options).map_err(invalid_options)?;
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
    let widget_options = WidgetOptions {
        endpoints: Endpoints::or_defaults(options.session_endpoint, options.result_endpoint, options.qr_endpoint),
        request: options.request.unwrap_or_default(),
        session: options.session,
        flow: FlowOptions { cross_device, verify: options.verify.unwrap_or(true), liveness_origin },
        fullscreen: options.fullscreen.as_deref().map(fullscreen_option).transpose()?.unwrap_or_default(),
        texts: options.texts.unwrap_or_default(),
        head_start: read_head_start(&head_start),
    };
    let (a, b, c, d, e) = (element.clone(), element.clone(), element.clone(), element.clone(), element.clone());
    let callbacks = WidgetCallbacks {
        on_success: Some(Box::new(move |o: LivenessOutcome| emit(&a, "liveness-success", &outcome_detail(&o)))),
        on_failure: Some(Box::new(move |o: LivenessOutcome| emit(&b, "liveness-failure", &outcome_detail(&o)))),
        on_error: Some(Box::new(move |e: LivenessError| emit(&c, "liveness-error", &error_detail(&e)))),
        on_state: Some(Box::new(move |p: Phase| {
            emit(&d, "liveness-state", &object(&[("state", JsValue::from_str(p.as_str()))]))
        })),
        on_camera: Some(Box::new(move |r: CameraReadiness| {
            emit(&e, "liveness-camera", &object(&[("camera", JsValue::from_str(r.kind()))]))
        })),
        on_rejected_message: None,
    };
    let widget = widget::mount(&element, widget_options, callbacks)
        .map_err(|e| JsError::new(&format!("advance-liveness: {e}")))?;
    Ok(MountedLiveness { widget: Some(widget) })
}

/// The head start's hand-over, or `None` when there was none.
fn read_head_start(value: &JsValue) -> Option<HeadStart> {
    if !value.is_object() {
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let promise = |name: &str| field(name).dyn_into::<js_sys::Promise>().ok();
    let held = js_sys::Array::from(&field("held"));
    Some(HeadStart {
        session: promise("session"),
        camera: promise("camera"),
        held: held.iter().filter_map(|e| e.dyn_into::<web_sys::MessageEvent>().ok()).collect(),
        root: field("root").dyn_into::<web_sys::Element>().ok(),
    })
}

/// Reads `mount()`'s options object; a key none of the options has is an error, as in JSON.
fn read_options(options: JsValue) -> Result<MountOptions, JsonError> {
    if options.is_undefined() || options.is_null() {
        return Ok(MountOptions::default());
    }
    crate::json::from_value(options)
}

/// The error `mount()` and `update()` throw for a mistake in the options.
fn invalid_options(error: JsonError) -> JsError {
    JsError::new(&format!("advance-liveness: {error}"))
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

/// `{reason, message, fatal, status?, code?, camera?}`; `reason` is `camera`, `server`, `network`,
/// `invalid-session`, `expired` or `locale-pack` (the one that is not fatal: the check goes on in
/// English); `camera` names the camera problem.
fn error_detail(error: &LivenessError) -> JsValue {
    let mut fields = vec![
        ("reason", JsValue::from_str(error.kind())),
        ("message", JsValue::from_str(&error.to_string())),
        ("fatal", JsValue::from_bool(error.is_fatal())),
    ];
    match error {
        LivenessError::Server { status, code, .. } => {
            fields.push(("status", JsValue::from_f64(f64::from(*status))));
            fields.push(("code", JsValue::from_str(code.as_str())));
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
