//! What can stop a liveness check, as the app's error callback receives it.

use crate::camera_readiness::CameraReadiness;
use crate::error_code::ApiErrorCode;

/// Why the check stopped without an outcome.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LivenessError {
    /// This device's camera cannot be used and the cross-device path is off.
    #[error("camera not usable: {0}")]
    Camera(CameraReadiness),
    /// The session server answered with an error (`{"error": {"code", "message"}}`).
    #[error("session server error {status} {code}: {message}")]
    Server {
        /// HTTP status.
        status: u16,
        /// The server's error code, e.g. [`ApiErrorCode::RateLimited`];
        /// [`ApiErrorCode::Unrecognised`] when the answer was not the API's JSON.
        code: ApiErrorCode,
        /// The server's message.
        message: String,
    },
    /// The session server could not be reached, or answered something unreadable.
    #[error("network error: {0}")]
    Network(String),
    /// The session's page URL or origin broke the liveness URL rules.
    #[error("the session is not safe to show: {0}")]
    InvalidSession(String),
    /// The session expired before the check finished.
    #[error("the liveness session expired")]
    Expired,
}

impl LivenessError {
    /// A short stable name: `camera`, `server`, `network`, `invalid-session`, `expired`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Camera(_) => "camera",
            Self::Server { .. } => "server",
            Self::Network(_) => "network",
            Self::InvalidSession(_) => "invalid-session",
            Self::Expired => "expired",
        }
    }

    /// Whether trying the same request again later may work (network trouble, rate limits,
    /// vendor hiccups), as opposed to a refusal (not the owner, purged).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network(_) => true,
            Self::Server { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}
