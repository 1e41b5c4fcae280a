//! What can stop a liveness check, as the app's error callback receives it.

use crate::camera_readiness::CameraReadiness;
use crate::error_code::ApiErrorCode;

/// Why the check stopped without an outcome, or (only [`LivenessError::LocalePack`], see
/// [`LivenessError::is_fatal`]) what it could not do while it goes on.
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
    /// The chosen locale's pack could not be loaded or read. Not fatal: the check goes on in
    /// English (with the integrator's own texts).
    #[error("the {locale} texts could not be loaded ({reason}); showing English")]
    LocalePack {
        /// The locale whose pack failed.
        locale: crate::locale::Locale,
        /// Why.
        reason: String,
    },
}

impl LivenessError {
    /// A short stable name: `camera`, `server`, `network`, `invalid-session`, `expired`,
    /// `locale-pack`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::LocalePack { .. } => "locale-pack",
            Self::Camera(_) => "camera",
            Self::Server { .. } => "server",
            Self::Network(_) => "network",
            Self::InvalidSession(_) => "invalid-session",
            Self::Expired => "expired",
        }
    }

    /// Whether the check stopped. Only a failed locale pack is not: the check goes on in English.
    pub fn is_fatal(&self) -> bool {
        !matches!(self, Self::LocalePack { .. })
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
