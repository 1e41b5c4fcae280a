//! The simulated hosted liveness page, and the two calls it makes back to the simulator.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::json;

use super::frames::{FrameVerdict, judge};
use super::state::{ForcedOutcome, SimResult, SimSession, Simulator, now_ms};
use crate::vendor::envelope::VendorCode;

/// The page itself: camera, guidance, two frames, result.
const PAGE: &str = include_str!("assets/liveness.html");

/// Scores at or above this pass on the simulated page (the guide: below 50 may be an attack).
const PAGE_PASS_SCORE: f64 = 50.0;

/// The `?token=` of every page call.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    token: String,
}

/// An error the page shows: `{"error": {"code", "message"}}` with an HTTP status.
struct PageError(StatusCode, &'static str, &'static str);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let Self(status, code, message) = self;
        (status, Json(json!({ "error": { "code": code, "message": message } }))).into_response()
    }
}

/// `GET /h5/liveness?token=`: the page. It must be frameable by any integrator's origin, and it
/// needs the camera, so it sends no `X-Frame-Options` and allows the camera for itself.
pub async fn page() -> Response {
    (
        [(header::CACHE_CONTROL, "no-store"), (header::HeaderName::from_static("permissions-policy"), "camera=(self)")],
        Html(PAGE),
    )
        .into_response()
}

/// Looks a page token up; the error answer when it is unknown or expired.
fn with_session<T>(sim: &Simulator, token: &str, f: impl FnOnce(&mut SimSession) -> T) -> Result<T, PageError> {
    let mut data = sim.lock();
    let Some(id) = data.page_tokens.get(token).cloned() else {
        return Err(PageError(StatusCode::NOT_FOUND, "unknown_session", "This liveness link is not valid."));
    };
    let session = data.sessions.get_mut(&id).expect("page tokens always point at a session");
    if session.result.is_none() && session.expires_at <= now_ms() {
        return Err(PageError(StatusCode::GONE, "expired", "This liveness link has expired."));
    }
    Ok(f(session))
}

/// `GET /h5/api/session?token=`: what the page needs to run, with the stored UI configuration.
pub async fn session(State(sim): State<Simulator>, Query(query): Query<PageQuery>) -> Response {
    let ui = serde_json::to_value(&sim.lock().ui).unwrap_or_default();
    with_session(&sim, &query.token, |s| {
        let passed = s.result.as_ref().map(passed);
        Json(json!({
            "signatureId": s.signature_id,
            "status": if s.result.is_some() { "completed" } else { "pending" },
            "passed": passed,
            "score": s.result.as_ref().and_then(|r| r.score),
            "iframeMode": s.iframe_mode,
            "returnUrl": s.return_url,
            "failedReturnUrl": s.failed_return_url,
            "expiresAt": s.expires_at,
            "ui": ui,
            // Simulator only (see `SimSession::locale`).
            "locale": s.locale,
        }))
        .into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

fn passed(result: &SimResult) -> bool {
    result.code == VendorCode::Success && result.score.is_some_and(|s| s >= PAGE_PASS_SCORE)
}

/// Body of `POST /h5/api/complete`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    image_far: String,
    image_near: String,
    far_image_time: Option<i64>,
    near_image_time: Option<i64>,
    #[serde(default)]
    cross_device: bool,
}

/// `POST /h5/api/complete?token=`: the page uploads its two frames and learns the outcome.
pub async fn complete(
    State(sim): State<Simulator>,
    Query(query): Query<PageQuery>,
    Json(body): Json<Completion>,
) -> Response {
    let far = BASE64.decode(body.image_far.as_bytes()).unwrap_or_default();
    let near = BASE64.decode(body.image_near.as_bytes()).unwrap_or_default();
    let verdict = judge(&far, &near);
    with_session(&sim, &query.token, move |s| {
        if s.result.is_some() {
            return PageError(StatusCode::CONFLICT, "already_completed", "This check is already complete.")
                .into_response();
        }
        let result = score(s.forced, verdict, body);
        let answer = json!({ "passed": passed(&result), "score": result.score });
        s.result = Some(result);
        Json(answer).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

/// The result of a completed check: a forced outcome wins over what the frames say.
fn score(forced: Option<ForcedOutcome>, verdict: FrameVerdict, upload: Completion) -> SimResult {
    let (code, score, attack_type) = match (forced, verdict) {
        (Some(ForcedOutcome::Pass), _) => (VendorCode::Success, Some(99.0), None),
        (Some(ForcedOutcome::Fail), _) => (VendorCode::Success, Some(20.0), None),
        (Some(ForcedOutcome::PresentationAttack), _) | (None, FrameVerdict::StillImage) => {
            (VendorCode::Success, Some(0.0), Some(1))
        }
        (Some(ForcedOutcome::InjectionAttack), _) => (VendorCode::Success, Some(0.0), Some(2)),
        (Some(ForcedOutcome::UnsureAttack), _) => (VendorCode::Success, Some(0.0), Some(3)),
        (Some(ForcedOutcome::NoFace), _) | (None, FrameVerdict::NoFace) => (VendorCode::NoFaceDetected, None, None),
        (Some(ForcedOutcome::TooManyFaces), _) => (VendorCode::TooManyFacesDetected, None, None),
        (Some(ForcedOutcome::InvalidFace), _) => (VendorCode::InvalidFaceDetected, None, None),
        (Some(ForcedOutcome::FaceOccluded), _) => (VendorCode::FaceOccluded, None, None),
        (Some(ForcedOutcome::FaceQualityTooPoor), _) => (VendorCode::FaceQualityTooPoor, None, None),
        (None, FrameVerdict::Scored(score)) => (VendorCode::Success, Some(score), None),
    };
    let face = code == VendorCode::Success;
    SimResult {
        code,
        score,
        attack_type,
        image_far: Some(upload.image_far),
        image_near: face.then_some(upload.image_near),
        far_image_time: upload.far_image_time,
        near_image_time: if face { upload.near_image_time } else { None },
        cross_device: upload.cross_device,
    }
}

/// Completes a session without a browser, as if the page had uploaded two live frames (for
/// server tests and scripted demos). Returns `false` if there is no such pending session.
pub fn complete_without_browser(sim: &Simulator, signature_id: &str) -> bool {
    let mut data = sim.lock();
    let Some(session) = data.sessions.get_mut(signature_id).filter(|s| s.result.is_none()) else {
        return false;
    };
    // Tiny placeholder images: the real page uploads camera frames.
    let image = BASE64.encode([0xFF, 0xD8, 0xFF, 0xD9]);
    let upload = Completion {
        image_far: image.clone(),
        image_near: image,
        far_image_time: Some(now_ms() as i64),
        near_image_time: Some(now_ms() as i64 + 1000),
        cross_device: false,
    };
    session.result = Some(score(session.forced, FrameVerdict::Scored(96.0), upload));
    true
}
