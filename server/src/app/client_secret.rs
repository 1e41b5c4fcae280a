//! The client secret of a backend-minted session: what the integrator's backend hands its page
//! so that the page can read that one session's result (`Authorization: Bearer <secret>` on the
//! result route) without the binding cookie. Stateless, like the cookie: signed with the cookie
//! keys (under its own label, so neither can pass for the other), so any instance checks it and
//! key rotation keeps it valid. It names its session and expires [`VALID_AFTER_EXPIRY_MS`] after
//! the session does.
//!
//! Form: `lcs1.<signatureId>.<expiresAt>.<base64url(HMAC-SHA256)>`.

use advance_liveness::SignatureId;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::binding::CookieKeys;

/// How long after its session's expiry a client secret still reads the result.
pub const VALID_AFTER_EXPIRY_MS: u64 = 3600 * 1000;

const DOMAIN: &[u8] = b"advance-liveness client secret v1\0";
const PREFIX: &str = "lcs1.";

/// What a valid client secret grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSecret {
    /// The one session it reads.
    pub signature_id: SignatureId,
    /// That session's expiry, epoch ms.
    pub expires_at: u64,
}

impl ClientSecret {
    /// The secret for `signature_id`, expiring at `expires_at` (epoch ms).
    pub fn issue(signature_id: &SignatureId, expires_at: u64, keys: &CookieKeys) -> String {
        let payload = format!("{signature_id}.{expires_at}");
        format!("{PREFIX}{payload}.{}", B64.encode(keys.sign(DOMAIN, payload.as_bytes())))
    }

    /// What `secret` grants at `now` (epoch ms), if it is genuine and not expired.
    pub fn verify(secret: &str, keys: &CookieKeys, now: u64) -> Option<Self> {
        let rest = secret.strip_prefix(PREFIX)?;
        let (payload, tag) = rest.rsplit_once('.')?;
        if !keys.verify(DOMAIN, payload.as_bytes(), &B64.decode(tag).ok()?) {
            return None;
        }
        let (id, expires_at) = payload.split_once('.')?;
        let expires_at: u64 = expires_at.parse().ok()?;
        if now >= expires_at.saturating_add(VALID_AFTER_EXPIRY_MS) {
            return None;
        }
        Some(Self { signature_id: SignatureId::new(id).ok()?, expires_at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::binding::CookieKey;

    #[test]
    fn a_secret_reads_its_session_until_an_hour_after_expiry_under_current_or_previous_keys() {
        let (old, new) = (CookieKey::new([1u8; 32]).unwrap(), CookieKey::new([2u8; 32]).unwrap());
        let id = SignatureId::new("6f1c0d2a9b3e4f57").unwrap();
        let secret = ClientSecret::issue(&id, 1_000_000, &CookieKeys::from(old.clone()));
        let rotated = CookieKeys::new(new, vec![old]);
        let granted = ClientSecret::verify(&secret, &rotated, 1_000_000).unwrap();
        assert_eq!((granted.signature_id, granted.expires_at), (id.clone(), 1_000_000));
        assert!(ClientSecret::verify(&secret, &rotated, 1_000_000 + VALID_AFTER_EXPIRY_MS).is_none(), "expired");
        assert!(ClientSecret::verify(&secret, &CookieKeys::random(), 0).is_none(), "another key");
        let other = secret.replace("6f1c0d2a9b3e4f57", "0000000000000000");
        assert!(ClientSecret::verify(&other, &rotated, 0).is_none(), "another session");
        let later = secret.replace(".1000000.", ".9000000.");
        assert!(ClientSecret::verify(&later, &rotated, 0).is_none(), "a longer life");
        assert!(
            ClientSecret::verify("lcs1.x", &rotated, 0).is_none() && ClientSecret::verify("", &rotated, 0).is_none()
        );
    }
}
