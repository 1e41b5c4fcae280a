//! Everything that can go wrong talking to the vendor, as one typed error.

use std::time::Duration;

use super::configure_ui::UiConfigError;
use super::envelope::VendorCode;

/// An error from the vendor client. Never contains the secret key or an access token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VendorError {
    /// The vendor answered with a code other than `SUCCESS`.
    #[error("vendor answered {code}: {message}{}", transaction_id.as_deref().map(|t| format!(" (transactionId {t})")).unwrap_or_default())]
    Api {
        /// The envelope's `code`.
        code: VendorCode,
        /// The envelope's `message`.
        message: String,
        /// The envelope's `transactionId`, for support requests.
        transaction_id: Option<String>,
        /// The `Retry-After` delay the vendor asked for, if any.
        retry_after: Option<Duration>,
    },
    /// The vendor could not be reached, or the connection broke.
    #[error("vendor unreachable at {endpoint}: {detail}")]
    Transport {
        /// The endpoint path.
        endpoint: &'static str,
        /// What the HTTP stack said.
        detail: String,
    },
    /// No answer within the client's timeout.
    #[error("vendor did not answer {endpoint} within {timeout:?}")]
    Timeout {
        /// The endpoint path.
        endpoint: &'static str,
        /// The timeout that elapsed.
        timeout: Duration,
    },
    /// An HTTP error without a vendor envelope (a proxy's 502, an HTML error page...).
    #[error("vendor answered HTTP {status} without an envelope at {endpoint}")]
    Http {
        /// The endpoint path.
        endpoint: &'static str,
        /// The HTTP status.
        status: u16,
        /// The `Retry-After` delay, if any.
        retry_after: Option<Duration>,
    },
    /// A `SUCCESS` answer whose body could not be decoded.
    #[error("undecodable vendor answer at {endpoint}: {detail}")]
    Decode {
        /// The endpoint path.
        endpoint: &'static str,
        /// What did not decode.
        detail: String,
    },
    /// The request was refused before sending: a setting outside its documented range.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The ConfigureUI document failed validation; nothing was sent.
    #[error("the UI configuration has {} error(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidUiConfig(Vec<UiConfigError>),
}

impl VendorError {
    /// The vendor's code, when the vendor answered with one.
    pub fn code(&self) -> Option<&VendorCode> {
        match self {
            Self::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The delay the vendor asked for before trying again, if it asked.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Api { retry_after, .. } | Self::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}
