//! Request and response bodies of the vendor's endpoints, every field as the guide names it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

pub use advance_liveness::ProductLevel;

/// Endpoint paths, relative to the API base URL.
pub mod paths {
    /// Token Authentication.
    pub const GENERATE_TOKEN: &str = "/openapi/auth/ticket/v1/generate-token";
    /// Get Token: mints a liveness session.
    pub const GET_TOKEN: &str = "/openapi/liveness/v2/h5/token";
    /// Get Result.
    pub const GET_RESULT: &str = "/openapi/liveness/v4/h5/get-result";
    /// PII Data Retention (`GET ?signatureId=`).
    pub const CLEAR_DATA: &str = "/liveness/h5/ext/v1/clear-data";
    /// ConfigureUI.
    pub const CONFIGURE_UI: &str = "/openapi/liveness/v1/h5/configureUI";
}

/// How long a Get Token `url` stays valid: the guide's 3600 seconds.
pub const SESSION_URL_LIFETIME_MS: u64 = 3_600_000;

/// Bounds of `periodSecond`, the access token's validity, in seconds.
pub const TOKEN_PERIOD_SECONDS: std::ops::RangeInclusive<u32> = 60..=86_400;

/// Body of Token Authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenAuthRequest {
    /// The account's access key.
    #[serde(default)]
    pub access_key: String,
    /// `hex(sha256(accessKey + secretKey + timestamp))`.
    #[serde(default)]
    pub signature: String,
    /// 13-digit epoch milliseconds (the guide types it as a string, its example as a number;
    /// both are read).
    #[serde(default, deserialize_with = "number_or_string")]
    pub timestamp: Option<u64>,
    /// Token validity in seconds, 60-86400 (default 3600).
    #[serde(default, deserialize_with = "number_or_string", skip_serializing_if = "Option::is_none")]
    pub period_second: Option<u64>,
}

/// `data` of a successful Token Authentication.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessTokenData {
    /// The access token for `X-ACCESS-TOKEN`.
    pub token: String,
    /// When it expires, epoch milliseconds.
    pub expired_time: u64,
}

impl fmt::Debug for AccessTokenData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenData")
            .field("token", &"<redacted>")
            .field("expired_time", &self.expired_time)
            .finish()
    }
}

/// Body of Get Token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetTokenRequest {
    /// Where the page goes after the check (with `isLivenessIframe=true` in iframe mode).
    #[serde(default)]
    pub return_url: String,
    /// Where the page goes after a failed check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_return_url: Option<String>,
    /// ISO 3166 alpha-3 region of the service, e.g. `IDN`.
    #[serde(default)]
    pub region: String,
    /// The integrator's user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Maximum failed attempts (deprecated since v6.0.0; once when absent).
    #[serde(default, deserialize_with = "number_or_string_i64", skip_serializing_if = "Option::is_none")]
    pub try_count: Option<i64>,
    /// `STANDARD` or `PRO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_level: Option<ProductLevel>,
}

/// `data` of a successful Get Token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetTokenData {
    /// The session id, used to read the result.
    pub signature_id: String,
    /// The liveness page for this session, valid for 3600 seconds.
    pub url: String,
}

/// Body of Get Result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetResultRequest {
    /// The session to read.
    #[serde(default)]
    pub signature_id: String,
}

/// `data` of Get Result. Images and video are PII: `Debug` prints only their sizes.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LivenessResultData {
    /// Anti-spoofing score 0-100; below 50 may be an attack. `null` on face failures.
    pub score: Option<f64>,
    /// 1 presentation, 2 injection, 3 unsure; given when the score is 0.
    pub attack_type: Option<i64>,
    /// Photo taken by the user (usually the far image), base64 JPEG.
    pub image: Option<String>,
    /// Far-stage photo, base64.
    pub image_far: Option<String>,
    /// Near-stage photo, base64.
    pub image_near: Option<String>,
    /// Epoch milliseconds of the far photo.
    pub far_image_time: Option<i64>,
    /// Epoch milliseconds of the near photo.
    pub near_image_time: Option<i64>,
    /// Link to the audit image.
    pub audit_image_url: Option<String>,
    /// `WEB_CAMERA` (always since 6.1.0) or `SYSTEM_CAMERA`.
    pub camera_type: Option<String>,
    /// Video of the check (webm or mp4), base64, when enabled.
    pub video: Option<String>,
    /// Whether several devices were used, when enabled.
    #[serde(default)]
    pub multi_device: Option<bool>,
    /// Whether the cross-device flow was used, when enabled.
    #[serde(default)]
    pub use_slave_url: Option<bool>,
}

impl fmt::Debug for LivenessResultData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = |v: &Option<String>| v.as_ref().map(|s| format!("<{} bytes>", s.len()));
        f.debug_struct("LivenessResultData")
            .field("score", &self.score)
            .field("attack_type", &self.attack_type)
            .field("image", &size(&self.image))
            .field("image_far", &size(&self.image_far))
            .field("image_near", &size(&self.image_near))
            .field("far_image_time", &self.far_image_time)
            .field("near_image_time", &self.near_image_time)
            .field("audit_image_url", &self.audit_image_url.as_ref().map(|_| "<redacted>"))
            .field("camera_type", &self.camera_type)
            .field("video", &size(&self.video))
            .field("multi_device", &self.multi_device)
            .field("use_slave_url", &self.use_slave_url)
            .finish()
    }
}

/// An ISO 3166 alpha-3 region code such as `IDN`, checked for shape (three upper-case letters).
/// Whether the vendor serves that region is the vendor's answer (`REGION_WRONG`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Region(String);

/// A region that is not three upper-case ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("region `{0}` is not an ISO 3166 alpha-3 code (three upper-case letters, e.g. IDN)")]
pub struct InvalidRegion(pub String);

impl Region {
    /// Validates the shape of a region code.
    pub fn new(code: &str) -> Result<Self, InvalidRegion> {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code.to_owned()))
        } else {
            Err(InvalidRegion(code.to_owned()))
        }
    }

    /// The code, e.g. `IDN`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Region {
    type Err = InvalidRegion;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrString {
    Number(serde_json::Number),
    Text(String),
}

/// Reads an unsigned number sent either as a JSON number or as a string of digits; anything
/// else (negative, fractional, letters) becomes `None`, which the simulator answers as a
/// parameter error.
fn number_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<NumberOrString>::deserialize(deserializer)? {
        Some(NumberOrString::Number(n)) => n.as_u64(),
        Some(NumberOrString::Text(s)) => s.trim().parse().ok(),
        None => None,
    })
}

/// Like [`number_or_string`], but keeps negative numbers (so `tryCount: -1` is reported, not lost).
fn number_or_string_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<NumberOrString>::deserialize(deserializer)? {
        Some(NumberOrString::Number(n)) => n.as_i64(),
        Some(NumberOrString::Text(s)) => s.trim().parse().ok(),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_request_reads_numbers_and_strings() {
        let numbers: TokenAuthRequest =
            serde_json::from_str(r#"{"accessKey":"k","signature":"s","timestamp":1648785145789,"periodSecond":120}"#)
                .unwrap();
        let strings: TokenAuthRequest = serde_json::from_str(
            r#"{"accessKey":"k","signature":"s","timestamp":"1648785145789","periodSecond":"120"}"#,
        )
        .unwrap();
        assert_eq!(numbers, strings);
        assert_eq!(numbers.timestamp, Some(1_648_785_145_789));
        let empty: TokenAuthRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.access_key, "");
        assert_eq!(empty.timestamp, None);
    }

    #[test]
    fn get_token_request_serialises_like_the_guide() {
        let request = GetTokenRequest {
            return_url: "https://www.example.com".into(),
            failed_return_url: None,
            region: "IDN".into(),
            user_id: None,
            try_count: Some(1000),
            product_level: Some(ProductLevel::Pro),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"returnUrl":"https://www.example.com","region":"IDN","tryCount":1000,"productLevel":"PRO"})
        );
    }

    #[test]
    fn result_data_reads_the_guides_example_and_hides_images_in_debug() {
        let data: LivenessResultData = serde_json::from_str(
            r#"{"image":"/9j/4AAXXXXXXXXXX","imageFar":"/9j/4AAXXXXXXXXXX","imageNear":"/9j/4AAXXXXXXXXXX",
                "farImageTime":1713247589908,"nearImageTime":1713247593101,"auditImageUrl":null,"score":0,
                "cameraType":"WEB_CAMERA","video":"GkXfo6NChoEBQveBA4EEQoWBAhhTgGcB","attackType":2}"#,
        )
        .unwrap();
        assert_eq!(data.score, Some(0.0));
        assert_eq!(data.attack_type, Some(2));
        assert_eq!(data.multi_device, None);
        let debug = format!("{data:?}");
        assert!(!debug.contains("/9j/") && !debug.contains("GkXf"), "{debug}");
    }

    #[test]
    fn regions_are_three_upper_case_letters() {
        assert_eq!(Region::new("IDN").unwrap().as_str(), "IDN");
        for bad in ["idn", "ID", "INDO", "1DN", ""] {
            assert!(Region::new(bad).is_err(), "{bad}");
        }
    }
}
