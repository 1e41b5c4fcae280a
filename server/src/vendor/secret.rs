//! Credentials that must never be printed: the secret key and the access token.

use std::fmt;

/// The account's secret key. It is only ever read to compute a signature; `Debug` prints
/// `<redacted>` and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps a secret key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for signing.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty (a configuration mistake worth refusing at start-up).
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// The access key and secret key pair of a vendor account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key (not secret: it is sent in the clear with every token request).
    pub access_key: String,
    /// The secret key.
    pub secret_key: SecretKey,
}

impl Credentials {
    /// The vendor guide's own example pair, which the simulator accepts by default.
    pub fn sample() -> Self {
        Self { access_key: "sampleaccesskey".into(), secret_key: SecretKey::new("samplesecretkey") }
    }
}

/// A vendor access token (`X-ACCESS-TOKEN`). `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token received from Token Authentication.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token, for the request header.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let credentials = Credentials::sample();
        let shown = format!("{credentials:?} {:#?} {:?}", credentials, AccessToken::new("tok-123"));
        assert!(!shown.contains("samplesecretkey"), "{shown}");
        assert!(!shown.contains("tok-123"), "{shown}");
        assert!(shown.contains("sampleaccesskey"));
    }
}
