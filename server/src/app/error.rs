//! Errors of the HTTP API: `{"error": {"code", "message"}}` with the right status. What the
//! client caused is explained plainly; what went wrong inside or at the vendor is logged in full
//! and answered with a clear, secret-free message.

use std::time::Duration;

use advance_liveness::{ErrorDetail, ErrorResponse};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::vendor::{VendorCode, VendorError};

/// An API error.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<Duration>,
}

impl AppError {
    /// An error the request caused (bad body, not the owner, ...).
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), retry_after: None }
    }

    /// `403 not_session_owner`: the same answer for a session that does not exist and one that
    /// belongs to another browser, so ids cannot be probed.
    pub fn not_owner() -> Self {
        Self::new(StatusCode::FORBIDDEN, "not_session_owner", "this browser did not start that liveness session")
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable error code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl From<VendorError> for AppError {
    fn from(error: VendorError) -> Self {
        let transaction = match &error {
            VendorError::Api { transaction_id: Some(t), .. } => t.clone(),
            _ => String::new(),
        };
        tracing::warn!(%error, transaction_id = %transaction, "vendor call failed");
        let retry_after = error.retry_after();
        let (status, code, message) = match &error {
            VendorError::Api { code, .. } if code.is_retry_later() => (
                StatusCode::SERVICE_UNAVAILABLE,
                "vendor_rate_limited",
                "the liveness service is busy; try again shortly",
            ),
            VendorError::Http { status: 429 | 503, .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "vendor_rate_limited",
                "the liveness service is busy; try again shortly",
            ),
            VendorError::Api { code: VendorCode::InsufficientBalance | VendorCode::OverQueryLimit, .. } => {
                (StatusCode::SERVICE_UNAVAILABLE, "vendor_quota_exceeded", "the liveness service quota is used up")
            }
            VendorError::Api { code: VendorCode::IamFailed | VendorCode::AccountDisabled, .. } => {
                (StatusCode::BAD_GATEWAY, "vendor_auth_failed", "the server could not sign in to the liveness service")
            }
            VendorError::Timeout { .. } => {
                (StatusCode::GATEWAY_TIMEOUT, "vendor_timeout", "the liveness service did not answer in time")
            }
            VendorError::Transport { .. } => {
                (StatusCode::BAD_GATEWAY, "vendor_unreachable", "the liveness service could not be reached")
            }
            _ => (StatusCode::BAD_GATEWAY, "vendor_error", "the liveness service answered with an error"),
        };
        let mut app = Self::new(status, code, message);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            app.retry_after = Some(retry_after.unwrap_or(Duration::from_secs(5)));
        }
        if !transaction.is_empty() {
            app.message = format!("{} (vendor transactionId {transaction})", app.message);
        }
        app
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = ErrorResponse { error: ErrorDetail { code: self.code.to_owned(), message: self.message } };
        let mut response = (self.status, Json(body)).into_response();
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
            (busy.status, busy.code, busy.retry_after),
            (StatusCode::SERVICE_UNAVAILABLE, "vendor_rate_limited", Some(Duration::from_secs(10)))
        );
        assert!(busy.message.contains("abc123"), "the transactionId helps support");
        let response = busy.into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "10");

        assert_eq!(AppError::from(api(VendorCode::IamFailed, None)).code, "vendor_auth_failed");
        assert_eq!(AppError::from(api(VendorCode::InsufficientBalance, None)).code, "vendor_quota_exceeded");
        assert_eq!(AppError::from(api(VendorCode::Error, None)).status, StatusCode::BAD_GATEWAY);
        let timeout = AppError::from(VendorError::Timeout { endpoint: "/x", timeout: Duration::from_secs(1) });
        assert_eq!((timeout.status, timeout.code), (StatusCode::GATEWAY_TIMEOUT, "vendor_timeout"));
    }
}
