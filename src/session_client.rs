//! Talking to the session server from the browser: mint a session, read its result. Plain
//! `fetch` through web-sys (no HTTP crate in the bundle); cookies included, since the session
//! binding cookie is what proves this browser owns the session.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, Response};

use crate::error::LivenessError;
use crate::error_code::ApiErrorCode;
use crate::json;
use crate::protocol::{ErrorResponse, ResultResponse, SessionRequest, SessionResponse, SignatureId};

/// Where the session server's routes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// `POST` here mints a session. Default `/api/liveness/session`.
    pub session: String,
    /// `GET` here reads a result; `{signatureId}` is replaced. Default
    /// `/api/liveness/sessions/{signatureId}/result`.
    pub result: String,
    /// `GET` here reads the session link's QR code (SVG), for the cross-device panel;
    /// `{signatureId}` is replaced. Default `/api/liveness/sessions/{signatureId}/qr`.
    pub qr: String,
}

impl Endpoints {
    /// The given routes, each defaulting as in [`Endpoints::default`]; except that without a
    /// `qr` route, a `result` route ending in `/result` has its QR code next to it (`/qr`):
    /// whoever moved the session server's routes moved them all.
    pub fn or_defaults(session: Option<String>, result: Option<String>, qr: Option<String>) -> Self {
        let defaults = Self::default();
        let qr = qr.or_else(|| result.as_deref()?.strip_suffix("/result").map(|base| format!("{base}/qr")));
        Self {
            session: session.unwrap_or(defaults.session),
            result: result.unwrap_or(defaults.result),
            qr: qr.unwrap_or(defaults.qr),
        }
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            session: "/api/liveness/session".into(),
            result: "/api/liveness/sessions/{signatureId}/result".into(),
            qr: "/api/liveness/sessions/{signatureId}/qr".into(),
        }
    }
}

/// `POST` the session request.
pub async fn create_session(endpoints: &Endpoints, request: &SessionRequest) -> Result<SessionResponse, LivenessError> {
    let body = json::to_string(request).map_err(|e| LivenessError::Network(e.to_string()))?;
    let text = send("POST", &endpoints.session, Some(&body), RequestCredentials::Include).await?;
    read_session(&text)
}

/// The answer to a session request someone else sent (the JS bundle's head start, while the wasm
/// downloaded): `answer` is its `fetch` promise, read exactly as [`create_session`] reads its own.
/// `None` when it resolves to nothing (no request was sent).
pub async fn session_sent_early(answer: js_sys::Promise) -> Option<Result<SessionResponse, LivenessError>> {
    let response = match JsFuture::from(answer).await {
        Ok(response) if response.is_null() || response.is_undefined() => return None,
        Ok(response) => response.unchecked_into::<Response>(),
        Err(error) => return Some(Err(network_error(error))),
    };
    Some(read_response(response).await.and_then(|text| read_session(&text)))
}

fn read_session(text: &str) -> Result<SessionResponse, LivenessError> {
    json::from_str(text).map_err(|e| LivenessError::Network(format!("unreadable session: {e}")))
}

/// `GET` the session's verified result: with the binding cookie, or with the session's client
/// secret when the site's backend minted it.
pub async fn read_result(
    endpoints: &Endpoints,
    id: &SignatureId,
    client_secret: Option<&str>,
) -> Result<ResultResponse, LivenessError> {
    // The id is validated ([A-Za-z0-9_-]), so it is safe in a path as is.
    let url = endpoints.result.replace("{signatureId}", id.as_str());
    let text = send_as("GET", &url, None, RequestCredentials::Include, client_secret).await?;
    json::from_str(&text).map_err(|e| LivenessError::Network(format!("unreadable result: {e}")))
}

/// `GET` the session link's QR code: the SVG markup the session server draws, read as the result
/// is (the binding cookie, or the client secret). Anything but an `<svg>` element is refused.
pub async fn read_qr(
    endpoints: &Endpoints,
    id: &SignatureId,
    client_secret: Option<&str>,
) -> Result<String, LivenessError> {
    // The id is validated ([A-Za-z0-9_-]), so it is safe in a path as is.
    let url = endpoints.qr.replace("{signatureId}", id.as_str());
    let svg = send_as("GET", &url, None, RequestCredentials::Include, client_secret).await?;
    if !(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>")) {
        return Err(LivenessError::Network("the QR code is not SVG".into()));
    }
    Ok(svg)
}

/// One request; a non-2xx answer becomes [`LivenessError::Server`] with the server's code.
/// The session routes send cookies (`Include`); static files such as the locale packs do not,
/// so a CDN answering `Access-Control-Allow-Origin: *` serves them.
pub(crate) async fn send(
    method: &str,
    url: &str,
    body: Option<&str>,
    credentials: RequestCredentials,
) -> Result<String, LivenessError> {
    send_as(method, url, body, credentials, None).await
}

/// [`send`], with `Authorization: Bearer <bearer>` when given.
async fn send_as(
    method: &str,
    url: &str,
    body: Option<&str>,
    credentials: RequestCredentials,
    bearer: Option<&str>,
) -> Result<String, LivenessError> {
    let window = web_sys::window().ok_or_else(|| LivenessError::Network("no window".into()))?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(credentials);
    if body.is_some() || bearer.is_some() {
        let headers = Headers::new().map_err(network_error)?;
        if let Some(body) = body {
            headers.set("content-type", "application/json").map_err(network_error)?;
            init.set_body(&JsValue::from_str(body));
        }
        if let Some(secret) = bearer {
            headers.set("authorization", &format!("Bearer {secret}")).map_err(network_error)?;
        }
        init.set_headers(&headers);
    }
    let response: Response =
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(network_error)?.unchecked_into();
    read_response(response).await
}

/// A `fetch` that failed: it rejects with a TypeError ("Failed to fetch"); keep its message.
fn network_error(error: JsValue) -> LivenessError {
    let message = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| error.as_string());
    LivenessError::Network(message.unwrap_or_else(|| "the request failed".into()))
}

/// The body of a `2xx` answer; any other is [`LivenessError::Server`] with the server's code.
async fn read_response(response: Response) -> Result<String, LivenessError> {
    let text = JsFuture::from(response.text().map_err(network_error)?)
        .await
        .map_err(network_error)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        return Ok(text);
    }
    let status = response.status();
    Err(match json::from_str::<ErrorResponse>(&text) {
        Ok(error) => LivenessError::Server { status, code: error.error.code, message: error.error.message },
        Err(_) => LivenessError::Server { status, code: ApiErrorCode::Unrecognised, message: response.status_text() },
    })
}
