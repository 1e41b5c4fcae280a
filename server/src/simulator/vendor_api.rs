//! The vendor's five endpoints, answering as the guide documents, down to the messages.

use std::time::Duration;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::faults::{EndpointName, FaultKind};
use super::state::{SUPPORTED_REGIONS, SimSession, Simulator, now_ms, random_hex};
use advance_liveness::rules::origin::parse_url;

use crate::signature;
use crate::vendor::api::{GetResultRequest, GetTokenRequest, TOKEN_PERIOD_SECONDS, TokenAuthRequest};
use crate::vendor::configure_ui::UiConfig;
use crate::vendor::envelope::{Envelope, PricingStrategy, VendorCode};

/// How far a Token Authentication timestamp may be from the simulator's clock (the guide
/// suggests 300 s either way).
pub const TIMESTAMP_WINDOW_MS: u64 = 300_000;

const EMPTY: &str = "Parameter should not be empty";

/// An envelope answer. Every vendor answer has HTTP 200 except `CLIENT_ERROR` (400).
fn answer(code: VendorCode, message: &str, data: Option<Value>) -> Response {
    let status = if code == VendorCode::ClientError { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let pricing = if code == VendorCode::Success && data.as_ref().is_some_and(|d| d.get("score").is_some()) {
        PricingStrategy::Pay
    } else {
        PricingStrategy::Free
    };
    let envelope = Envelope {
        code,
        message: message.to_owned(),
        data,
        extra: None,
        transaction_id: Some(random_hex(16)),
        pricing_strategy: Some(pricing),
    };
    (status, Json(envelope)).into_response()
}

/// A refusal: the envelope with the code and the guide's message, and no data.
pub(super) struct Refusal(VendorCode, &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        answer(self.0, self.1, None)
    }
}

/// The handlers' result: an answer, or a refusal to send as one.
pub(super) type Answer = Result<Response, Refusal>;

/// Counts the call and applies the next fault for this endpoint, if any. `Some` is the answer
/// to send instead of the real one.
async fn intercept(sim: &Simulator, endpoint: EndpointName) -> Option<Response> {
    sim.stats.count(endpoint);
    let fault = sim.lock().faults.take(endpoint)?;
    match fault {
        FaultKind::Latency { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            None
        }
        FaultKind::ServiceBusy { retry_after_seconds } => Some(with_retry_after(
            answer(
                VendorCode::ServiceBusy,
                "Rate limit is exceeded, please retry after the suggested time in HTTP Header.",
                None,
            ),
            retry_after_seconds,
        )),
        FaultKind::RetryLater { retry_after_seconds } => Some(with_retry_after(
            answer(VendorCode::RetryLater, "Query failed, please retry after the suggested time in HTTP Header.", None),
            retry_after_seconds,
        )),
        FaultKind::ServerError => Some(answer(VendorCode::Error, "Server error", None)),
        FaultKind::Envelope { code, message } => Some(answer(VendorCode::parse(&code), &message, None)),
        FaultKind::Http { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            Some(
                (status, [(header::CONTENT_TYPE, "text/html")], "<html><body>Bad Gateway</body></html>")
                    .into_response(),
            )
        }
        FaultKind::Drop => {
            // Headers go out, then the body fails: the client sees the connection break mid-answer.
            let broken = futures_util::stream::once(async { Err::<Bytes, _>(std::io::Error::other("dropped")) });
            Some(Response::new(Body::from_stream(broken)))
        }
    }
}

fn with_retry_after(mut response: Response, seconds: u64) -> Response {
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// Decodes a JSON body; anything else is the vendor's `CLIENT_ERROR` (HTTP 400).
fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(|_| Refusal(VendorCode::ClientError, "HTTP 400 - Bad Request"))
}

/// Checks `X-ACCESS-TOKEN`: present, issued by us, not expired.
fn authorize(sim: &Simulator, headers: &HeaderMap) -> Result<(), Refusal> {
    let token = headers.get("x-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let valid = sim.lock().tokens.get(token).is_some_and(|&expires| expires > now_ms());
    if valid { Ok(()) } else { Err(Refusal(VendorCode::IamFailed, "Access denied: Token not found or expired")) }
}

/// `POST /openapi/auth/ticket/v1/generate-token`.
pub(super) async fn generate_token(State(sim): State<Simulator>, body: Bytes) -> Answer {
    if let Some(fault) = intercept(&sim, EndpointName::GenerateToken).await {
        return Ok(fault);
    }
    let request: TokenAuthRequest = parse(&body)?;
    let Some(timestamp) = request.timestamp.filter(|_| !request.access_key.is_empty() && !request.signature.is_empty())
    else {
        return Err(Refusal(VendorCode::ParameterError, EMPTY));
    };
    if sim.lock().faults.account_disabled {
        return Err(Refusal(VendorCode::AccountDisabled, "Account Disabled"));
    }
    let credentials = &sim.config.credentials;
    if request.access_key != credentials.access_key {
        return Err(Refusal(VendorCode::IamFailed, "Access Key not found"));
    }
    if now_ms().abs_diff(timestamp) > TIMESTAMP_WINDOW_MS {
        return Err(Refusal(VendorCode::ParameterError, "Timestamp error"));
    }
    if !signature::verify(&request.access_key, credentials.secret_key.expose(), timestamp, &request.signature) {
        return Err(Refusal(VendorCode::ParameterError, "Signature error"));
    }
    let period = request.period_second.unwrap_or(3600);
    if !TOKEN_PERIOD_SECONDS.contains(&u32::try_from(period).unwrap_or(0)) {
        return Err(Refusal(VendorCode::ParameterError, "Parameter error,please check you input."));
    }
    let mut data = sim.lock();
    let lifetime_ms = data.faults.token_ttl_seconds.unwrap_or(period) * 1000;
    let expired_time = now_ms() + lifetime_ms;
    let token = format!("sim.{}", random_hex(40));
    data.tokens.retain(|_, &mut expires| expires > now_ms());
    data.tokens.insert(token.clone(), expired_time);
    Ok(answer(VendorCode::Success, "OK", Some(json!({ "token": token, "expiredTime": expired_time }))))
}

/// `POST /openapi/liveness/v2/h5/token`.
pub(super) async fn get_token(State(sim): State<Simulator>, headers: HeaderMap, body: Bytes) -> Answer {
    if let Some(fault) = intercept(&sim, EndpointName::GetToken).await {
        return Ok(fault);
    }
    authorize(&sim, &headers)?;
    let request: GetTokenRequest = parse(&body)?;
    if request.return_url.trim().is_empty() || request.region.trim().is_empty() {
        return Err(Refusal(VendorCode::ParameterError, EMPTY));
    }
    if !SUPPORTED_REGIONS.contains(&request.region.as_str()) {
        return Err(Refusal(VendorCode::RegionWrong, "Region is wrong"));
    }
    if !is_web_url(&request.return_url) {
        return Err(Refusal(VendorCode::ParameterError, "Invalid returnUrl,please check your returnUrl"));
    }
    if request.failed_return_url.as_deref().is_some_and(|url| !is_web_url(url)) {
        return Err(Refusal(VendorCode::ParameterError, "Invalid failedReturnUrl, please check your failedReturnUrl"));
    }
    if request.try_count.is_some_and(|count| count <= 0) {
        return Err(Refusal(VendorCode::ParameterError, "try count must > 0"));
    }
    let signature_id = random_hex(16);
    let page_token = random_hex(32);
    let iframe_mode = parse_url(&request.return_url)
        .is_some_and(|url| url.query_pairs().any(|(k, v)| k == "isLivenessIframe" && v == "true"));
    let session = SimSession {
        signature_id: signature_id.clone(),
        page_token: page_token.clone(),
        expires_at: now_ms() + sim.config.session_lifetime.as_millis() as u64,
        return_url: request.return_url,
        failed_return_url: request.failed_return_url,
        iframe_mode,
        result: None,
        cleared: false,
        forced: None,
        locale: None,
    };
    let url = format!("{}/h5/liveness?token={page_token}", sim.config.public_base);
    let mut data = sim.lock();
    data.page_tokens.insert(page_token, signature_id.clone());
    data.sessions.insert(signature_id.clone(), session);
    Ok(answer(VendorCode::Success, "OK", Some(json!({ "signatureId": signature_id, "url": url }))))
}

fn is_web_url(raw: &str) -> bool {
    parse_url(raw).is_some_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// `POST /openapi/liveness/v4/h5/get-result`.
pub(super) async fn get_result(State(sim): State<Simulator>, headers: HeaderMap, body: Bytes) -> Answer {
    if let Some(fault) = intercept(&sim, EndpointName::GetResult).await {
        return Ok(fault);
    }
    authorize(&sim, &headers)?;
    let request: GetResultRequest = parse(&body)?;
    if request.signature_id.trim().is_empty() {
        return Err(Refusal(VendorCode::ParameterError, EMPTY));
    }
    let data = sim.lock();
    let Some(session) = data.sessions.get(&request.signature_id) else {
        return Err(Refusal(VendorCode::SignatureNotExist, "This signatureId is not exist"));
    };
    if session.cleared {
        return Err(Refusal(VendorCode::ResultNotFound, "The requested resource was not found or has been deleted"));
    }
    let Some(result) = &session.result else {
        return Err(Refusal(VendorCode::LivenessNoResult, "This token has no detection result"));
    };
    let message = result_message(&result.code);
    let data = json!({
        "image": result.image_far,
        "imageFar": result.image_far,
        "imageNear": result.image_near,
        "farImageTime": result.far_image_time,
        "nearImageTime": result.near_image_time,
        "auditImageUrl": null,
        "score": result.score,
        "cameraType": "WEB_CAMERA",
        "video": null,
        "multiDevice": result.cross_device,
        "useSlaveUrl": result.cross_device,
        "attackType": result.attack_type,
    });
    Ok(answer(result.code.clone(), message, Some(data)))
}

/// The guide's message for each Get Result outcome code.
fn result_message(code: &VendorCode) -> &'static str {
    match code {
        VendorCode::TooManyFacesDetected => {
            "Multiple faces detected from the image,please only keep one face in the image."
        }
        VendorCode::NoFaceDetected => "No face detected from the image.",
        VendorCode::InvalidFaceDetected => "The face is too big,small,incomplete,please show your front-view face.",
        VendorCode::FaceOccluded => "Face should not be occluded,please try again.",
        VendorCode::FaceQualityTooPoor => "Face quality is too low,please try again.",
        _ => "OK",
    }
}

/// `GET /liveness/h5/ext/v1/clear-data?signatureId=`.
pub(super) async fn clear_data(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Answer {
    if let Some(fault) = intercept(&sim, EndpointName::ClearData).await {
        return Ok(fault);
    }
    authorize(&sim, &headers)?;
    const ILLEGAL: &str = "Parameter error, please check your request whether has illegal parameters";
    let id = query.get("signatureId").map(|s| s.trim()).unwrap_or_default();
    let mut data = sim.lock();
    let Some(session) = data.sessions.get_mut(id) else {
        return Err(Refusal(VendorCode::ParameterError, ILLEGAL));
    };
    session.cleared = true;
    // The point of the call: the images are gone, not merely hidden.
    if let Some(result) = &mut session.result {
        result.image_far = None;
        result.image_near = None;
    }
    Ok(answer(VendorCode::Success, "OK", None))
}

/// `POST /openapi/liveness/v1/h5/configureUI`. The guide lists its validation codes but not how
/// they are returned; the simulator answers with the first failure's code name and message.
pub(super) async fn configure_ui(State(sim): State<Simulator>, headers: HeaderMap, body: Bytes) -> Answer {
    if let Some(fault) = intercept(&sim, EndpointName::ConfigureUi).await {
        return Ok(fault);
    }
    authorize(&sim, &headers)?;
    let config: UiConfig = match serde_json::from_slice(&body) {
        Ok(config) => config,
        Err(_) => {
            return Err(Refusal(VendorCode::ParameterError, "Parameter error,please check you input."));
        }
    };
    if let Err(errors) = config.validate() {
        let first = &errors[0];
        return Ok(answer(VendorCode::parse(first.code.name()), first.message, None));
    }
    sim.lock().ui = config;
    Ok(answer(VendorCode::Success, "OK", None))
}
