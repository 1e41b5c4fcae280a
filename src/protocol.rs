//! The JSON the session server and the browser exchange, defined once for both.
//!
//! The browser side (component, JS bundle) deserialises exactly what the server serialises, so a
//! field renamed here is renamed on both ends. Field names are camelCase on the wire.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Identifier of one liveness session, as issued by the vendor (`signatureId`, 16 hex digits in
/// practice). Safe to put in a URL path: [`SignatureId::new`] refuses anything else.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SignatureId(String);

/// A `signatureId` that is empty, longer than 64 bytes, or not made of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid signatureId: expected 1-64 characters from [A-Za-z0-9_-]")]
pub struct InvalidSignatureId;

impl SignatureId {
    /// Longest accepted id (the vendor documents 64 for its transaction ids).
    pub const MAX_LEN: usize = 64;

    /// Validates an id received from the vendor, the server or a URL.
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidSignatureId> {
        let id = id.into();
        let valid = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid { Ok(Self(id)) } else { Err(InvalidSignatureId) }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SignatureId {
    type Error = InvalidSignatureId;
    fn try_from(id: String) -> Result<Self, Self::Error> {
        Self::new(id)
    }
}

impl From<SignatureId> for String {
    fn from(id: SignatureId) -> Self {
        id.0
    }
}

impl fmt::Display for SignatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SignatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignatureId({})", self.0)
    }
}

/// How the liveness page will be shown, which decides the vendor return URLs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionMode {
    /// In an iframe on the integrator's page; the page reports by `postMessage`.
    #[default]
    Iframe,
    /// Opened directly; the vendor redirects to the return URL at the end.
    Redirect,
}

/// The vendor's product level for a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProductLevel {
    /// `STANDARD`.
    Standard,
    /// `PRO`.
    Pro,
}

/// Body of `POST /api/liveness/session`. Every field is optional; unknown fields are refused so a
/// typo is an error rather than a silently ignored option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRequest {
    /// The integrator's own id for the user, passed to the vendor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Iframe (default) or redirect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SessionMode>,
    /// The vendor product level; the server's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_level: Option<ProductLevel>,
    /// The language the check is shown in: a tag a pack serves (see [`crate::Locale`]), such
    /// as `id` or `zh-TW`; the component sends the tag of the locale it chose. A string here, so
    /// the bundle carries no parser for it; the server checks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// Answer to `POST /api/liveness/session`: everything the page needs to run one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionResponse {
    /// The session's id, used to read its result.
    pub signature_id: SignatureId,
    /// The vendor's liveness page for this session (validate it with [`crate::LivenessUrl`]).
    pub url: String,
    /// The origin that page and its messages come from, e.g. `https://liveness.advance.ai`.
    pub liveness_origin: String,
    /// When the session stops being usable, in milliseconds since the Unix epoch.
    pub expires_at: u64,
    /// Present on a session the site's backend minted (`POST /api/liveness/backend/sessions`):
    /// the page reads that session's result with it (`Authorization: Bearer`) instead of the
    /// binding cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// The verified state of a session, as the server read it from the vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VerificationStatus {
    /// The user has not finished yet.
    Pending,
    /// The vendor answered `SUCCESS` with a score at or above the server's threshold.
    Passed,
    /// The check finished and did not pass (low score, attack, or a vendor failure code).
    Failed,
    /// The session expired before a result was available.
    Expired,
}

impl VerificationStatus {
    /// Whether polling can stop: the status will not change any more.
    pub fn is_terminal(self) -> bool {
        !matches!(self, Self::Pending)
    }
}

/// The kind of attack the vendor suspected (its `attackType` 1, 2, 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttackType {
    /// 1: a photo, screen or mask in front of the camera.
    Presentation,
    /// 2: a forged camera stream.
    Injection,
    /// 3: an attack of unknown kind.
    Unsure,
}

impl AttackType {
    /// Maps the vendor's numeric code; `None` for codes the guide does not define.
    pub fn from_vendor_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Presentation),
            2 => Some(Self::Injection),
            3 => Some(Self::Unsure),
            _ => None,
        }
    }
}

/// Answer to `GET /api/liveness/sessions/{signatureId}/result`. Never carries images or video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultResponse {
    /// Where the session stands.
    pub status: VerificationStatus,
    /// The vendor's anti-spoofing score, 0-100, when it gave one.
    pub score: Option<f64>,
    /// The suspected attack, when the vendor named one.
    pub attack_type: Option<AttackType>,
    /// The vendor's status code (`SUCCESS`, `LIVENESS_NO_RESULT`, ...), when there was one.
    pub code: Option<String>,
}

/// The body of every error the session server returns: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// A machine-readable code and a human-readable message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, e.g. `not_session_owner`, `vendor_rate_limited`.
    pub code: crate::ApiErrorCode,
    /// For people; never contains secrets.
    pub message: String,
    /// The request's id, as the server logged it: quote it when reporting a problem.
    #[serde(rename = "requestId", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The browser's readers and writer for these types ([`crate::json`]): what the derives do
/// natively, written out so the wasm carries no serde deserializer. Enum names are the derives'
/// wire names; a unit variant is read from its name as a string (serde would also take
/// `{"passed": null}`, which no server writes).
#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsValue;

    use super::*;
    use crate::json::js::{Fields, number, object, string, variant, whole_number};
    use crate::json::{FromJson, JsonError, ToJson};

    const MODES: &[(&str, SessionMode)] = &[("iframe", SessionMode::Iframe), ("redirect", SessionMode::Redirect)];
    const LEVELS: &[(&str, ProductLevel)] = &[("STANDARD", ProductLevel::Standard), ("PRO", ProductLevel::Pro)];
    const STATUSES: &[(&str, VerificationStatus)] = &[
        ("pending", VerificationStatus::Pending),
        ("passed", VerificationStatus::Passed),
        ("failed", VerificationStatus::Failed),
        ("expired", VerificationStatus::Expired),
    ];
    const ATTACKS: &[(&str, AttackType)] = &[
        ("presentation", AttackType::Presentation),
        ("injection", AttackType::Injection),
        ("unsure", AttackType::Unsure),
    ];

    /// The wire name of `variant` in `names`.
    fn name_of<T: Copy + PartialEq>(names: &[(&'static str, T)], variant: T) -> &'static str {
        names.iter().find(|(_, v)| *v == variant).map_or("", |(name, _)| name)
    }

    fn signature_id(value: &JsValue, at: &str) -> Result<SignatureId, JsonError> {
        SignatureId::new(string(value, at)?).map_err(|e| JsonError::Shape(e.to_string()))
    }

    impl FromJson for SessionRequest {
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
            let fields = Fields::strict(value, at, &["userId", "mode", "productLevel", "locale"])?;
            Ok(Self {
                user_id: fields.optional("userId", string)?,
                mode: fields.optional("mode", |v, at| variant(v, at, MODES))?,
                product_level: fields.optional("productLevel", |v, at| variant(v, at, LEVELS))?,
                locale: fields.optional("locale", string)?,
            })
        }
    }

    impl ToJson for SessionRequest {
        fn to_js(&self) -> JsValue {
            let text = |value: &Option<String>| value.as_deref().map(JsValue::from_str);
            object(&[
                ("userId", text(&self.user_id)),
                ("mode", self.mode.map(|m| JsValue::from_str(name_of(MODES, m)))),
                ("productLevel", self.product_level.map(|l| JsValue::from_str(name_of(LEVELS, l)))),
                ("locale", text(&self.locale)),
            ])
        }
    }

    impl FromJson for SessionResponse {
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
            let fields = Fields::open(value, at)?;
            Ok(Self {
                signature_id: fields.required("signatureId", signature_id)?,
                url: fields.required("url", string)?,
                liveness_origin: fields.required("livenessOrigin", string)?,
                expires_at: fields.required("expiresAt", whole_number)?,
                client_secret: fields.optional("clientSecret", string)?,
            })
        }
    }

    impl FromJson for ResultResponse {
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
            let fields = Fields::open(value, at)?;
            Ok(Self {
                status: fields.required("status", |v, at| variant(v, at, STATUSES))?,
                score: fields.optional("score", number)?,
                attack_type: fields.optional("attackType", |v, at| variant(v, at, ATTACKS))?,
                code: fields.optional("code", string)?,
            })
        }
    }

    impl FromJson for ErrorResponse {
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
            let fields = Fields::open(value, at)?;
            Ok(Self { error: fields.required("error", ErrorDetail::read)? })
        }
    }

    impl FromJson for ErrorDetail {
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError> {
            let fields = Fields::open(value, at)?;
            Ok(Self {
                // Any string: a code this build does not know is `Unrecognised`.
                code: fields.required("code", |v, at| string(v, at).map(|c| crate::ApiErrorCode::from_wire(&c)))?,
                message: fields.required("message", string)?,
                request_id: fields.optional("requestId", string)?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn session_response_round_trips_in_camel_case() {
        let wire = json!({
            "signatureId": "f302f5d2454a85c2",
            "url": "https://liveness.advance.ai/h5?token=x",
            "livenessOrigin": "https://liveness.advance.ai",
            "expiresAt": 1_700_000_000_000u64
        });
        let session: SessionResponse = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(session.signature_id.as_str(), "f302f5d2454a85c2");
        assert_eq!(session.expires_at, 1_700_000_000_000);
        assert_eq!(serde_json::to_value(&session).unwrap(), wire);
    }

    #[test]
    fn session_request_fields_are_all_optional_and_typos_are_refused() {
        let empty: SessionRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, SessionRequest::default());
        let full: SessionRequest =
            serde_json::from_str(r#"{"userId":"u1","mode":"redirect","productLevel":"PRO"}"#).unwrap();
        assert_eq!(full.mode, Some(SessionMode::Redirect));
        assert_eq!(full.product_level, Some(ProductLevel::Pro));
        assert!(serde_json::from_str::<SessionRequest>(r#"{"userid":"u1"}"#).is_err());
        assert!(serde_json::from_str::<SessionRequest>(r#"{"mode":"popup"}"#).is_err());
        assert!(serde_json::from_str::<SessionRequest>(r#"{"productLevel":"pro"}"#).is_err());
    }

    #[test]
    fn result_response_matches_the_documented_shape() {
        let result = ResultResponse {
            status: VerificationStatus::Failed,
            score: Some(0.0),
            attack_type: Some(AttackType::Injection),
            code: Some("SUCCESS".into()),
        };
        assert_eq!(
            serde_json::to_value(&result).unwrap(),
            json!({"status": "failed", "score": 0.0, "attackType": "injection", "code": "SUCCESS"})
        );
        let pending: ResultResponse = serde_json::from_value(
            json!({"status": "pending", "score": null, "attackType": null, "code": "LIVENESS_NO_RESULT"}),
        )
        .unwrap();
        assert!(!pending.status.is_terminal());
        assert!(VerificationStatus::Expired.is_terminal());
    }

    #[test]
    fn signature_ids_are_validated_on_the_wire() {
        assert!(SignatureId::new("f302f5d2454a85c2").is_ok());
        for bad in ["", "../etc", "a b", "a/b", "é", &"a".repeat(65)] {
            assert_eq!(SignatureId::new(bad), Err(InvalidSignatureId), "{bad:?}");
        }
        let bad_wire = json!({"signatureId": "../x", "url": "", "livenessOrigin": "", "expiresAt": 0});
        assert!(serde_json::from_value::<SessionResponse>(bad_wire).is_err());
    }

    #[test]
    fn attack_types_map_from_vendor_codes() {
        assert_eq!(AttackType::from_vendor_code(1), Some(AttackType::Presentation));
        assert_eq!(AttackType::from_vendor_code(2), Some(AttackType::Injection));
        assert_eq!(AttackType::from_vendor_code(3), Some(AttackType::Unsure));
        assert_eq!(AttackType::from_vendor_code(0), None);
        assert_eq!(AttackType::from_vendor_code(4), None);
    }
}
