//! The cookie that binds a browser to the sessions it minted: signed, so any instance holding the
//! same key can check it without shared state.
//!
//! Value: `v1.<base64url(JSON list of sessions)>.<base64url(HMAC-SHA256)>`. It lists the most
//! recent [`MAX_SESSIONS`] sessions of this browser (a retry mints a new one), each with its
//! expiry and mode, so `/liveness/return` can find the redirect-mode session without a query
//! parameter the vendor would have to carry.
//!
//! Every read enforces each entry's age: a session more than [`READABLE_AFTER_EXPIRY_MS`] past
//! its expiry is gone from the binding, however old the cookie replayed. Keys rotate without
//! logging anyone out: [`CookieKeys`] signs with the current key and still accepts the previous
//! ones (keep a retired key for the cookie's lifetime, 25 hours, then drop it).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use advance_liveness::{SessionMode, SignatureId};

/// The cookie's name.
pub const COOKIE_NAME: &str = "advance_liveness";

/// How long after its expiry a session stays in the cookie, so its result can still be read.
pub const READABLE_AFTER_EXPIRY_MS: u64 = 24 * 3600 * 1000;

/// How many sessions one browser's cookie remembers.
pub const MAX_SESSIONS: usize = 8;

/// The HMAC key that signs binding cookies. Share it between instances behind one load balancer.
#[derive(Clone)]
pub struct CookieKey(Vec<u8>);

/// A key shorter than 32 bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the cookie signing key must be at least 32 bytes (got {0}); generate one with `openssl rand -hex 32`")]
pub struct WeakKey(pub usize);

impl CookieKey {
    /// Uses `key` (at least 32 bytes).
    pub fn new(key: impl Into<Vec<u8>>) -> Result<Self, WeakKey> {
        let key = key.into();
        if key.len() < 32 { Err(WeakKey(key.len())) } else { Ok(Self(key)) }
    }

    /// A random key, for a single instance whose sessions need not survive a restart.
    pub fn random() -> Self {
        Self((0..32).map(|_| rand::random::<u8>()).collect())
    }

    fn mac(&self, payload: &[u8]) -> Hmac<Sha256> {
        self.mac_for(b"advance-liveness binding v1\0", payload)
    }

    /// An HMAC of `payload` under `domain` (a NUL-terminated label), so that one kind of signed
    /// value can never pass for another.
    fn mac_for(&self, domain: &[u8], payload: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(domain);
        mac.update(payload);
        mac
    }
}

impl std::fmt::Debug for CookieKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CookieKey(<redacted>)")
    }
}

/// One session this browser owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnedSession {
    /// The session.
    #[serde(rename = "i")]
    pub signature_id: SignatureId,
    /// Its expiry, epoch ms.
    #[serde(rename = "e")]
    pub expires_at: u64,
    /// How it is shown.
    #[serde(rename = "m")]
    pub mode: SessionMode,
}

/// The key that signs new cookies, and retired keys whose cookies are still accepted.
#[derive(Debug, Clone)]
pub struct CookieKeys {
    current: CookieKey,
    previous: Vec<CookieKey>,
}

impl CookieKeys {
    /// Signs with `current`; also verifies cookies signed with any of `previous`.
    pub fn new(current: CookieKey, previous: Vec<CookieKey>) -> Self {
        Self { current, previous }
    }

    /// A random key and no previous ones.
    pub fn random() -> Self {
        CookieKey::random().into()
    }

    fn verifying(&self) -> impl Iterator<Item = &CookieKey> {
        std::iter::once(&self.current).chain(&self.previous)
    }

    /// The current key's tag of `payload` under `domain`.
    pub(crate) fn sign(&self, domain: &[u8], payload: &[u8]) -> Vec<u8> {
        self.current.mac_for(domain, payload).finalize().into_bytes().to_vec()
    }

    /// Whether `tag` is any accepted key's tag of `payload` under `domain` (constant time).
    pub(crate) fn verify(&self, domain: &[u8], payload: &[u8], tag: &[u8]) -> bool {
        self.verifying().any(|key| key.mac_for(domain, payload).verify_slice(tag).is_ok())
    }
}

impl From<CookieKey> for CookieKeys {
    fn from(current: CookieKey) -> Self {
        Self { current, previous: Vec::new() }
    }
}

/// The sessions a browser owns, as read from (or to be written to) its cookie.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binding {
    sessions: Vec<OwnedSession>,
}

impl Binding {
    /// Reads a cookie value at `now_ms`; anything unsigned, tampered or malformed is an empty
    /// binding (the browser then owns nothing, which is the safe reading), and sessions past
    /// their readable age are left out.
    pub fn read(value: Option<&str>, keys: &CookieKeys, now_ms: u64) -> Self {
        let mut binding = value.and_then(|v| Self::verify(v, keys)).unwrap_or_default();
        binding.sessions.retain(|s| s.expires_at.saturating_add(READABLE_AFTER_EXPIRY_MS) > now_ms);
        binding
    }

    fn verify(value: &str, keys: &CookieKeys) -> Option<Self> {
        let rest = value.strip_prefix("v1.")?;
        let (payload, tag) = rest.split_once('.')?;
        let tag = B64.decode(tag).ok()?;
        // Constant-time comparison, from the hmac crate.
        keys.verifying().find(|key| key.mac(payload.as_bytes()).verify_slice(&tag).is_ok())?;
        let sessions = serde_json::from_slice(&B64.decode(payload).ok()?).ok()?;
        Some(Self { sessions })
    }

    /// Adds a session (most recent first), dropping those expired more than
    /// [`READABLE_AFTER_EXPIRY_MS`] ago and the oldest beyond [`MAX_SESSIONS`].
    pub fn add(&mut self, session: OwnedSession, now_ms: u64) {
        self.sessions.retain(|s| {
            s.expires_at.saturating_add(READABLE_AFTER_EXPIRY_MS) > now_ms && s.signature_id != session.signature_id
        });
        self.sessions.insert(0, session);
        self.sessions.truncate(MAX_SESSIONS);
    }

    /// The owned session with this id, if any (expired ones included: their result stays readable).
    pub fn get(&self, id: &SignatureId) -> Option<&OwnedSession> {
        self.sessions.iter().find(|s| &s.signature_id == id)
    }

    /// The most recent session opened in `mode`.
    pub fn latest(&self, mode: SessionMode) -> Option<&OwnedSession> {
        self.sessions.iter().find(|s| s.mode == mode)
    }

    /// The cookie value, signed with the current key.
    pub fn write(&self, keys: &CookieKeys) -> String {
        let payload = B64.encode(serde_json::to_vec(&self.sessions).expect("serialisable"));
        let tag = B64.encode(keys.current.mac(payload.as_bytes()).finalize().into_bytes());
        format!("v1.{payload}.{tag}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> CookieKeys {
        CookieKey::new(vec![byte; 32]).unwrap().into()
    }

    fn owned(id: &str, expires_at: u64) -> OwnedSession {
        OwnedSession { signature_id: SignatureId::new(id).unwrap(), expires_at, mode: SessionMode::Iframe }
    }

    #[test]
    fn a_written_binding_reads_back_with_the_same_key_only() {
        let mut binding = Binding::default();
        binding.add(owned("aaaa", 2_000), 1_000);
        let cookie = binding.write(&key(1));
        assert_eq!(Binding::read(Some(&cookie), &key(1), 1_000), binding);
        assert_eq!(Binding::read(Some(&cookie), &key(2), 1_000), Binding::default(), "another instance's key");
    }

    #[test]
    fn tampering_of_any_part_is_detected() {
        let mut binding = Binding::default();
        binding.add(owned("aaaa", 2_000), 1_000);
        let cookie = binding.write(&key(1));
        let (_, rest) = cookie.split_once('.').unwrap();
        let (payload, tag) = rest.split_once('.').unwrap();
        let forged_payload = B64.encode(br#"[{"i":"bbbb","e":9999999999999,"m":"iframe"}]"#);
        for forged in [
            format!("v1.{forged_payload}.{tag}"),
            format!("v1.{payload}.{}", B64.encode([0u8; 32])),
            format!("v1.{payload}."),
            format!("v2.{payload}.{tag}"),
            cookie.replace('.', ""),
            String::new(),
            "garbage".into(),
        ] {
            assert_eq!(Binding::read(Some(&forged), &key(1), 1_000), Binding::default(), "{forged}");
        }
    }

    #[test]
    fn keeps_the_most_recent_sessions_and_forgets_expired_ones() {
        let mut binding = Binding::default();
        binding.add(owned("old", 1_500), 1_000);
        binding.add(owned("recent", 1_500), 1_000);
        let later = 1_500 + READABLE_AFTER_EXPIRY_MS;
        binding.add(owned("new", later + 10_000), later);
        assert!(binding.get(&SignatureId::new("old").unwrap()).is_none(), "forgotten a day after expiry");
        for i in 0..10 {
            binding.add(owned(&format!("s{i}"), later + 10_000), later);
        }
        assert_eq!(binding.sessions.len(), MAX_SESSIONS);
        assert!(binding.get(&SignatureId::new("s9").unwrap()).is_some());
        assert!(binding.get(&SignatureId::new("s0").unwrap()).is_none());
        let redirect = OwnedSession { mode: SessionMode::Redirect, ..owned("r", later + 10_000) };
        binding.add(redirect.clone(), later);
        assert_eq!(binding.latest(SessionMode::Redirect), Some(&redirect));
    }

    #[test]
    fn short_keys_are_refused_and_keys_are_never_printed() {
        assert_eq!(CookieKey::new(vec![1; 31]).unwrap_err(), WeakKey(31));
        assert!(!format!("{:?}", key(7)).contains('7'));
    }

    #[test]
    fn every_read_ages_entries_out_however_old_the_cookie() {
        let mut binding = Binding::default();
        binding.add(owned("old", 2_000), 1_000);
        binding.add(owned("new", 900_000_000), 1_000);
        let cookie = binding.write(&key(1));
        let read = |now| Binding::read(Some(&cookie), &key(1), now);
        assert!(read(2_000 + READABLE_AFTER_EXPIRY_MS - 1).get(&SignatureId::new("old").unwrap()).is_some());
        let later = read(2_000 + READABLE_AFTER_EXPIRY_MS);
        assert!(later.get(&SignatureId::new("old").unwrap()).is_none(), "a day past expiry");
        assert!(later.get(&SignatureId::new("new").unwrap()).is_some());
        assert_eq!(read(u64::MAX), Binding::default());
    }

    #[test]
    fn a_rotated_key_still_verifies_until_it_is_dropped() {
        let old = CookieKey::new(vec![1; 32]).unwrap();
        let new = CookieKey::new(vec![2; 32]).unwrap();
        let mut binding = Binding::default();
        binding.add(owned("aaaa", 2_000), 1_000);
        let before = binding.write(&old.clone().into());
        let rotated = CookieKeys::new(new.clone(), vec![old]);
        assert_eq!(Binding::read(Some(&before), &rotated, 1_000), binding, "nobody is logged out");
        let after = binding.write(&rotated);
        assert_eq!(Binding::read(Some(&after), &new.clone().into(), 1_000), binding, "new cookies use the new key");
        assert_eq!(Binding::read(Some(&before), &new.into(), 1_000), Binding::default(), "the old key dropped");
    }
}
