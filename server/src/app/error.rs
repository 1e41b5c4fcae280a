//! Errors of the HTTP API: `{"error": {"code", "message"}}` with the status the code implies.
//! What the client caused is explained plainly; what went wrong inside or at the vendor is
//! logged in full and answered with a clear, secret-free message.

use std::time::Duration;

use advance_liveness::{ApiErrorCode, ErrorDetail, ErrorResponse};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::request_id::RequestId;
use crate::vendor::{VendorCode, VendorError};

/// An API error.
#[derive(Debug, Clone)]
pub struct AppError {
    code: ApiErrorCode,
    message: String,
    retry_after: Option<Duration>,
}

/// The HTTP status each code is answered with.
pub fn status_of(code: ApiErrorCode) -> StatusCode {
    use ApiErrorCode as C;
    match code {
        C::InvalidRequest => StatusCode::BAD_REQUEST,
        C::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        C::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        C::UriTooLong => StatusCode::URI_TOO_LONG,
        C::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        C::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        C::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        C::NotFound => StatusCode::NOT_FOUND,
        C::Unauthorized => StatusCode::UNAUTHORIZED,
        C::CrossSiteRequest | C::NotSessionOwner | C::BrowserMintDisabled => StatusCode::FORBIDDEN,
        C::ResultPurged => StatusCode::GONE,
        C::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        C::ServerBusy | C::StoreUnavailable | C::VendorRateLimited | C::VendorQuotaExceeded => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        C::VendorTimeout => StatusCode::GATEWAY_TIMEOUT,
        C::VendorAuthFailed | C::VendorUnreachable | C::VendorError => StatusCode::BAD_GATEWAY,
        C::Internal | C::Unrecognised => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl AppError {
    /// An error with this code and message.
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), retry_after: None }
    }

    /// `403 not_session_owner`: the same answer for a session that does not exist and one that
    /// belongs to another browser, so ids cannot be probed.
    pub fn not_owner() -> Self {
        Self::new(ApiErrorCode::NotSessionOwner, "this browser did not start that liveness session")
    }

    /// `410 result_purged`.
    pub fn purged() -> Self {
        Self::new(ApiErrorCode::ResultPurged, "this session's data was deleted")
    }

    /// `500 internal`; the cause is logged, never answered.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(ApiErrorCode::Internal, "the server failed to answer; try again later")
    }

    /// Adds a `Retry-After` (whole seconds, rounded up, at least one).
    pub fn retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        status_of(self.code)
    }

    /// The stable error code.
    pub fn code(&self) -> ApiErrorCode {
        self.code
    }

    /// The message for people.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The `Retry-After` delay, if any.
    pub fn retry_after_delay(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl From<VendorError> for AppError {
    fn from(error: VendorError) -> Self {
        use ApiErrorCode as C;
        let transaction = match &error {
            VendorError::Api { transaction_id: Some(t), .. } => t.clone(),
            _ => String::new(),
        };
        tracing::warn!(%error, transaction_id = %transaction, "vendor call failed");
        let (code, message) = match &error {
            VendorError::Api { code, .. } if code.is_retry_later() => {
                (C::VendorRateLimited, "the liveness service is busy; try again shortly")
            }
            VendorError::Http { status: 429 | 503, .. } => {
                (C::VendorRateLimited, "the liveness service is busy; try again shortly")
            }
            VendorError::Api { code: VendorCode::InsufficientBalance | VendorCode::OverQueryLimit, .. } => {
                (C::VendorQuotaExceeded, "the liveness service quota is used up")
            }
            VendorError::Api { code: VendorCode::IamFailed | VendorCode::AccountDisabled, .. } => {
                (C::VendorAuthFailed, "the server could not sign in to the liveness service")
            }
            VendorError::Timeout { .. } => (C::VendorTimeout, "the liveness service did not answer in time"),
            VendorError::Transport { .. } => (C::VendorUnreachable, "the liveness service could not be reached"),
            _ => (C::VendorError, "the liveness service answered with an error"),
        };
        let mut app = Self::new(code, message);
        if app.status() == StatusCode::SERVICE_UNAVAILABLE {
            app.retry_after = Some(error.retry_after().unwrap_or(Duration::from_secs(5)));
        }
        if !transaction.is_empty() {
            app.message = format!("{} (vendor transactionId {transaction})", app.message);
        }
        app
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let request_id = RequestId::current().map(|id| id.as_str().to_owned());
        let body = ErrorResponse { error: ErrorDetail { code: self.code, message: self.message, request_id } };
        let mut response = (status, Json(body)).into_response();
        if self.code == ApiErrorCode::Unauthorized {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(delay) = self.retry_after {
            // Whole seconds, rounded up, as Retry-After requires.
            let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: VendorCode, retry_after: Option<Duration>) -> VendorError {
        VendorError::Api { code, message: "m".into(), transaction_id: Some("abc123".into()), retry_after }
    }

    #[test]
    fn vendor_errors_map_to_clear_codes_and_statuses() {
        let busy = AppError::from(api(VendorCode::ServiceBusy, Some(Duration::from_secs(10))));
        assert_eq!(
            (busy.status(), busy.code, busy.retry_after),
            (StatusCode::SERVICE_UNAVAILABLE, ApiErrorCode::VendorRateLimited, Some(Duration::from_secs(10)))
        );
        assert!(busy.message.contains("abc123"), "the transactionId helps support");
        let response = busy.into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "10");

        assert_eq!(AppError::from(api(VendorCode::IamFailed, None)).code, ApiErrorCode::VendorAuthFailed);
        assert_eq!(AppError::from(api(VendorCode::InsufficientBalance, None)).code, ApiErrorCode::VendorQuotaExceeded);
        assert_eq!(AppError::from(api(VendorCode::Error, None)).status(), StatusCode::BAD_GATEWAY);
        let timeout = AppError::from(VendorError::Timeout { endpoint: "/x", timeout: Duration::from_secs(1) });
        assert_eq!((timeout.status(), timeout.code), (StatusCode::GATEWAY_TIMEOUT, ApiErrorCode::VendorTimeout));
    }

    #[test]
    fn every_code_the_server_sends_is_an_error_status() {
        for &code in ApiErrorCode::ALL {
            let status = status_of(code);
            assert!(status.is_client_error() || status.is_server_error(), "{code}: {status}");
        }
    }
}
