//! The envelope every vendor answer comes in, and the vendor's status codes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `{code, message, data, extra, transactionId, pricingStrategy}`: the shape of every answer.
/// Decisions branch on `code`, never on the HTTP status alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    /// The vendor's status code (`SUCCESS`, `PARAMETER_ERROR`, ...).
    pub code: VendorCode,
    /// Explanation of the code, e.g. `Signature error`.
    #[serde(default)]
    pub message: String,
    /// The payload; `null` on most errors.
    pub data: Option<T>,
    /// Extra information, such as an exception message.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    /// The vendor's request id (at most 64 characters), quoted in support requests.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// Whether the request was charged.
    #[serde(default)]
    pub pricing_strategy: Option<PricingStrategy>,
}

/// Whether a request was charged (`FREE` / `PAY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PricingStrategy {
    /// Not charged.
    Free,
    /// Charged.
    Pay,
}

macro_rules! vendor_codes {
    ($($variant:ident => $wire:literal, $doc:literal;)*) => {
        /// A status code from the vendor guide's endpoint tables and glossary. Codes the guide does
        /// not list are kept verbatim in [`VendorCode::Other`] rather than refused.
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum VendorCode {
            $(#[doc = $doc] $variant,)*
            /// A code the guide does not document.
            Other(String),
        }

        impl VendorCode {
            /// Every documented code, for tests and tables.
            pub const DOCUMENTED: &'static [VendorCode] = &[$(VendorCode::$variant,)*];

            /// The code as it appears on the wire, e.g. `IAM_FAILED`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(code) => code,
                }
            }

            /// Parses a wire code; unknown codes become [`VendorCode::Other`].
            pub fn parse(code: &str) -> Self {
                match code {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }
    };
}

vendor_codes! {
    Success => "SUCCESS", "`SUCCESS`: OK (may be charged).";
    Error => "ERROR", "`ERROR`: server error.";
    EmptyParameterError => "EMPTY_PARAMETER_ERROR", "`EMPTY_PARAMETER_ERROR`: a parameter is empty.";
    InsufficientBalance => "INSUFFICIENT_BALANCE", "`INSUFFICIENT_BALANCE`: top up the account.";
    ServiceBusy => "SERVICE_BUSY", "`SERVICE_BUSY`: rate limited or daily quota exceeded; honour `Retry-After`.";
    IamFailed => "IAM_FAILED", "`IAM_FAILED`: access denied (unknown key, expired token, account not authorised).";
    ParameterError => "PARAMETER_ERROR", "`PARAMETER_ERROR`: a parameter is invalid; the message says which.";
    OverQueryLimit => "OVER_QUERY_LIMIT", "`OVER_QUERY_LIMIT`: free or test-account quota exceeded.";
    ClientError => "CLIENT_ERROR", "`CLIENT_ERROR`: HTTP client error (400, 404, 405...).";
    RetryLater => "RETRY_LATER", "`RETRY_LATER`: query failed; retry after `Retry-After`.";
    AccountDisabled => "ACCOUNT_DISABLED", "`ACCOUNT_DISABLED`: the account is disabled.";
    RegionWrong => "REGION_WRONG", "`REGION_WRONG`: the region is not supported.";
    ResultNotFound => "RESULT_NOT_FOUND", "`RESULT_NOT_FOUND`: the result was not found or has been deleted.";
    TooManyFacesDetected => "TOO_MANY_FACES_DETECTED", "`TOO_MANY_FACES_DETECTED` (deprecated since 6.0.0).";
    NoFaceDetected => "NO_FACE_DETECTED", "`NO_FACE_DETECTED` (deprecated since 6.0.0).";
    InvalidFaceDetected => "INVALID_FACE_DETECTED", "`INVALID_FACE_DETECTED` (deprecated since 6.0.0).";
    FaceOccluded => "FACE_OCCLUDED", "`FACE_OCCLUDED` (deprecated since 6.0.0).";
    FaceQualityTooPoor => "FACE_QUALITY_TOO_POOR", "`FACE_QUALITY_TOO_POOR` (deprecated since 6.0.0).";
    SignatureNotExist => "SIGNATURE_NOT_EXIST", "`SIGNATURE_NOT_EXIST`: no such signatureId.";
    LivenessNoResult => "LIVENESS_NO_RESULT", "`LIVENESS_NO_RESULT`: the user has not finished yet.";
}

impl VendorCode {
    /// Codes that mean "not now": the request was refused before any work, so it is safe to
    /// retry after the `Retry-After` delay, even for calls that may charge.
    pub fn is_retry_later(&self) -> bool {
        matches!(self, Self::ServiceBusy | Self::RetryLater)
    }

    /// Get Result codes that end a check without a score: the user's attempt failed.
    pub fn is_face_failure(&self) -> bool {
        matches!(
            self,
            Self::TooManyFacesDetected
                | Self::NoFaceDetected
                | Self::InvalidFaceDetected
                | Self::FaceOccluded
                | Self::FaceQualityTooPoor
        )
    }
}

impl fmt::Display for VendorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for VendorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for VendorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for VendorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_round_trips() {
        assert_eq!(VendorCode::DOCUMENTED.len(), 20);
        for code in VendorCode::DOCUMENTED {
            assert_eq!(&VendorCode::parse(code.as_str()), code);
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(&serde_json::from_str::<VendorCode>(&json).unwrap(), code);
        }
        assert_eq!(VendorCode::parse("NEW_CODE"), VendorCode::Other("NEW_CODE".into()));
    }

    #[test]
    fn decodes_the_guides_examples() {
        let ok: Envelope<serde_json::Value> = serde_json::from_str(
            r#"{"code":"SUCCESS","message":"OK","data":{"token":"eyJ","expiredTime":1642580192430},
                "extra":null,"transactionId":"6c2c50a3049ce67e","pricingStrategy":"FREE"}"#,
        )
        .unwrap();
        assert_eq!(ok.code, VendorCode::Success);
        assert_eq!(ok.pricing_strategy, Some(PricingStrategy::Free));
        let err: Envelope<serde_json::Value> = serde_json::from_str(
            r#"{"code":"PARAMETER_ERROR","message":"Signature error","data":null,"extra":null,
                "transactionId":"00b05cb9cf6f0fed","pricingStrategy":"FREE"}"#,
        )
        .unwrap();
        assert_eq!(err.code, VendorCode::ParameterError);
        assert_eq!(err.message, "Signature error");
        assert_eq!(err.transaction_id.as_deref(), Some("00b05cb9cf6f0fed"));
        assert!(err.data.is_none());
    }

    #[test]
    fn classifies_codes() {
        assert!(VendorCode::ServiceBusy.is_retry_later() && VendorCode::RetryLater.is_retry_later());
        assert!(!VendorCode::Error.is_retry_later());
        assert!(VendorCode::FaceOccluded.is_face_failure());
        assert!(!VendorCode::LivenessNoResult.is_face_failure());
    }
}
