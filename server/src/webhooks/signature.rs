//! Webhook signatures, Persona's and Stripe's scheme: `Advance-Liveness-Signature:
//! t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, with a second `v1=` while a secret is
//! rotated (one per secret, the current first). A receiver recomputes the HMAC over the exact
//! bytes it received, compares in constant time, and refuses a `t` more than [`TOLERANCE`] away
//! from its clock, so a captured delivery cannot be replayed later.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header the signature travels in.
pub const HEADER: &str = "Advance-Liveness-Signature";

/// How far a signature's time may be from the receiver's clock.
pub const TOLERANCE: Duration = Duration::from_secs(300);

/// A webhook signing secret (at least 32 bytes). Never printed.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// A secret shorter than 32 bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a webhook secret must be at least 32 bytes (got {0}); generate one with `openssl rand -hex 32`")]
pub struct WeakSecret(pub usize);

impl WebhookSecret {
    /// Uses `secret` (at least 32 bytes).
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<Self, WeakSecret> {
        let secret = secret.into();
        if secret.len() < 32 { Err(WeakSecret(secret.len())) } else { Ok(Self(secret)) }
    }

    fn tag(&self, timestamp: u64, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

/// The header value for `body` sent at `timestamp` (unix seconds): one `v1` per secret, the
/// current one first.
pub fn sign(secrets: &[WebhookSecret], timestamp: u64, body: &[u8]) -> String {
    let mut header = format!("t={timestamp}");
    for secret in secrets {
        header.push_str(",v1=");
        header.push_str(&hex::encode(secret.tag(timestamp, body).finalize().into_bytes()));
    }
    header
}

/// Why a delivery's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// The header is not `t=<digits>` with at least one `v1=<hex>`.
    #[error("the signature header is malformed")]
    Malformed,
    /// `t` is more than [`TOLERANCE`] from now.
    #[error("the signature is {0} s away from now (at most 300 s)")]
    Stale(u64),
    /// No `v1` is the HMAC of this body under this secret.
    #[error("no signature matches the body")]
    Mismatch,
}

/// Checks a delivery: `header` is the `Advance-Liveness-Signature` value, `body` the exact bytes
/// received, `now` the receiver's clock in unix seconds. Any `v1` may match (rotation).
pub fn verify_webhook(secret: &[u8], header: &str, body: &[u8], now: u64) -> Result<(), WebhookError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) if timestamp.is_none() => {
                timestamp = Some(value.parse::<u64>().map_err(|_| WebhookError::Malformed)?);
            }
            Some(("v1", value)) => signatures.push(value),
            Some(_) => {}
            None => return Err(WebhookError::Malformed),
        }
    }
    let timestamp = timestamp.ok_or(WebhookError::Malformed)?;
    if signatures.is_empty() {
        return Err(WebhookError::Malformed);
    }
    let age = now.abs_diff(timestamp);
    if age > TOLERANCE.as_secs() {
        return Err(WebhookError::Stale(age));
    }
    let secret = WebhookSecret(secret.to_vec());
    // Constant time per candidate (the hmac crate's verify), and every candidate is tried.
    let matched = signatures.iter().fold(false, |matched, hex_tag| {
        let valid = hex::decode(hex_tag).is_ok_and(|tag| secret.tag(timestamp, body).verify_slice(&tag).is_ok());
        matched | valid
    });
    if matched { Ok(()) } else { Err(WebhookError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> WebhookSecret {
        WebhookSecret::new(vec![byte; 32]).unwrap()
    }

    #[test]
    fn a_signature_verifies_with_either_secret_during_a_rotation_and_nothing_else() {
        let body = br#"{"id":"evt_1","type":"session.passed"}"#;
        let header = sign(&[secret(2), secret(1)], 1_800_000_000, body);
        assert_eq!(header.matches("v1=").count(), 2);
        for key in [[1u8; 32], [2u8; 32]] {
            assert_eq!(verify_webhook(&key, &header, body, 1_800_000_000 + 300), Ok(()));
        }
        assert_eq!(verify_webhook(&[3u8; 32], &header, body, 1_800_000_000), Err(WebhookError::Mismatch));
        assert_eq!(verify_webhook(&[1u8; 32], &header, b"{}", 1_800_000_000), Err(WebhookError::Mismatch));
        assert_eq!(verify_webhook(&[1u8; 32], &header, body, 1_800_000_301), Err(WebhookError::Stale(301)));
        assert_eq!(verify_webhook(&[1u8; 32], &header, body, 1_799_999_000), Err(WebhookError::Stale(1000)));
        for bad in ["", "t=x,v1=00", "v1=00", "t=1800000000", "garbage"] {
            assert_eq!(verify_webhook(&[1u8; 32], bad, body, 1_800_000_000), Err(WebhookError::Malformed), "{bad}");
        }
        assert!(WebhookSecret::new(vec![0; 31]).is_err());
        assert!(!format!("{:?}", secret(7)).contains('7'));
    }
}
