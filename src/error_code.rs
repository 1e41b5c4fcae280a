//! The session server's error codes: the `code` of every `{"error": {"code", "message"}}` it
//! answers, one enum for the server that writes them and the browser that reads them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the enum with each code's wire name written once.
macro_rules! api_error_codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A stable, machine-readable error code of the session API.
        ///
        /// On the wire it is a snake_case string. A code this build does not know (a newer
        /// server, or an answer that was not the API's JSON at all) reads as
        /// [`ApiErrorCode::Unrecognised`]; the message and the HTTP status still say what happened.
        /// Match it with a `_` arm: later versions add codes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ApiErrorCode {
            $($(#[$doc])* $variant,)*
            /// Not a code of this API version, or not an API error answer (`unrecognised` on the
            /// wire; the server never sends it).
            Unrecognised,
        }

        impl ApiErrorCode {
            /// Every code the server sends.
            pub const ALL: &'static [ApiErrorCode] = &[$(ApiErrorCode::$variant,)*];

            /// The wire name, e.g. `not_session_owner`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ApiErrorCode::$variant => $name,)*
                    ApiErrorCode::Unrecognised => "unrecognised",
                }
            }

            /// The code with this wire name; [`ApiErrorCode::Unrecognised`] for any other.
            pub fn from_wire(name: &str) -> Self {
                match name {
                    $($name => ApiErrorCode::$variant,)*
                    _ => ApiErrorCode::Unrecognised,
                }
            }
        }
    };
}

api_error_codes! {
    /// The request is malformed: a bad body, field or parameter.
    InvalidRequest => "invalid_request",
    /// The body is not `application/json` (the mint requires it, empty or not).
    UnsupportedMediaType => "unsupported_media_type",
    /// The declared or actual body is over the limit.
    PayloadTooLarge => "payload_too_large",
    /// The request line's URI is over the limit.
    UriTooLong => "uri_too_long",
    /// The request's headers are over the limit.
    HeadersTooLarge => "headers_too_large",
    /// The client did not send its request in time.
    RequestTimeout => "request_timeout",
    /// The route exists but not with this method.
    MethodNotAllowed => "method_not_allowed",
    /// No such API route.
    NotFound => "not_found",
    /// A backend API request without a valid `Authorization: Bearer` key.
    Unauthorized => "unauthorized",
    /// Browsers may not mint sessions here (`--browser-mint deny`): the backend mints them.
    BrowserMintDisabled => "browser_mint_disabled",
    /// A state-changing call from another site (CSRF protection).
    CrossSiteRequest => "cross_site_request",
    /// This browser did not start that session (also for ids that do not exist).
    NotSessionOwner => "not_session_owner",
    /// The session's data was deleted at the vendor.
    ResultPurged => "result_purged",
    /// Too many requests of this kind from this client; see `Retry-After`.
    RateLimited => "rate_limited",
    /// The server holds as many connections as it may; see `Retry-After`.
    ServerBusy => "server_busy",
    /// The server's shared store (Redis) cannot be reached, and this request needs it; see
    /// `Retry-After`.
    StoreUnavailable => "store_unavailable",
    /// Something failed inside the server (logged there).
    Internal => "internal",
    /// The vendor is rate limiting or busy; see `Retry-After`.
    VendorRateLimited => "vendor_rate_limited",
    /// The vendor account's balance or query quota is used up.
    VendorQuotaExceeded => "vendor_quota_exceeded",
    /// The server could not sign in to the vendor.
    VendorAuthFailed => "vendor_auth_failed",
    /// The vendor did not answer in time.
    VendorTimeout => "vendor_timeout",
    /// The vendor could not be reached.
    VendorUnreachable => "vendor_unreachable",
    /// The vendor answered with an error, or with something unusable.
    VendorError => "vendor_error",
}

impl fmt::Display for ApiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ApiErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ApiErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(Self::from_wire(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_wire_name() {
        for &code in ApiErrorCode::ALL {
            assert_eq!(ApiErrorCode::from_wire(code.as_str()), code);
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ApiErrorCode>(&json).unwrap(), code);
        }
        let names: std::collections::HashSet<_> = ApiErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), ApiErrorCode::ALL.len(), "wire names are unique");
    }

    #[test]
    fn unknown_codes_read_as_unrecognised_and_never_fail_the_answer() {
        assert_eq!(serde_json::from_str::<ApiErrorCode>("\"teapot\"").unwrap(), ApiErrorCode::Unrecognised);
        assert_eq!(ApiErrorCode::from_wire(""), ApiErrorCode::Unrecognised);
        assert!(!ApiErrorCode::ALL.contains(&ApiErrorCode::Unrecognised), "the server never sends it");
        assert!(serde_json::from_str::<ApiErrorCode>("42").is_err(), "a code is a string");
    }
}
