//! Who may call the backend API (`/api/liveness/backend/`): a request with
//! `Authorization: Bearer <key>` naming one of the configured keys. Several keys are accepted at
//! once, so a key can be rotated without downtime. Keys are kept as SHA-256 digests and compared
//! in constant time, every key every time, so neither the comparison nor the number of keys
//! tells an attacker how close a guess came. Every request spends the client's backend budget
//! first, wrong keys included.

use std::sync::Arc;

use advance_liveness::ApiErrorCode;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::client_ip::Client;
use super::client_limits::Action;
use super::config::ConfigError;
use super::error::AppError;
use super::sessions::AppState;

/// Shortest key accepted (`openssl rand -hex 32` gives 64 characters).
pub const MIN_KEY_LEN: usize = 32;

/// The accepted keys, as digests. Empty: the backend API is off.
#[derive(Clone, Default)]
pub struct BackendKeys(Arc<[[u8; 32]]>);

impl std::fmt::Debug for BackendKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BackendKeys({} key(s), <redacted>)", self.0.len())
    }
}

impl BackendKeys {
    /// The keys as written (surrounding spaces trimmed): each at least [`MIN_KEY_LEN`] visible
    /// ASCII characters.
    pub fn new(keys: &[String]) -> Result<Self, ConfigError> {
        const SETTING: &str = "--backend-key / ADVANCE_LIVENESS_BACKEND_KEYS";
        let digests = keys
            .iter()
            .map(|key| {
                let key = key.trim();
                if key.len() < MIN_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(ConfigError::new(
                        SETTING,
                        format!(
                            "each key must be at least {MIN_KEY_LEN} visible ASCII characters (got one of {}); \
                             generate one with `openssl rand -hex 32`",
                            key.len()
                        ),
                    ));
                }
                Ok(digest(key))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(digests.into()))
    }

    /// Whether the backend API is on.
    pub fn is_enabled(&self) -> bool {
        !self.0.is_empty()
    }

    /// Whether `presented` is one of the keys; constant time in the key's content.
    pub fn accepts(&self, presented: &str) -> bool {
        let presented = digest(presented);
        let matched = self.0.iter().fold(subtle::Choice::from(0), |any, key| any | key.ct_eq(&presented));
        matched.into()
    }
}

fn digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// A request of the integrator's backend: its key checked, its budget spent.
#[derive(Debug, Clone, Copy)]
pub struct Backend;

impl FromRequestParts<AppState> for Backend {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if !state.config.backend_keys.is_enabled() {
            return Err(AppError::new(ApiErrorCode::NotFound, "the backend API is off (no --backend-key)"));
        }
        let Client(client) = Client::from_request_parts(parts, state).await?;
        state.limit(Action::Backend, client).await?;
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim);
        match presented {
            Some(key) if state.config.backend_keys.accepts(key) => Ok(Self),
            Some(_) => {
                tracing::warn!(%client, "backend API request with a wrong key");
                Err(AppError::new(ApiErrorCode::Unauthorized, "the backend key is not valid"))
            }
            None => {
                Err(AppError::new(ApiErrorCode::Unauthorized, "send the backend key as Authorization: Bearer <key>"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_configured_key_is_accepted_and_nothing_else() {
        let (old, new) = ("a".repeat(40), "b".repeat(64));
        let keys = BackendKeys::new(&[old.clone(), format!(" {new} ")]).unwrap();
        assert!(keys.accepts(&old) && keys.accepts(&new));
        assert!(!keys.accepts(&"a".repeat(39)) && !keys.accepts("") && !keys.accepts(&format!("{old} ")));
        assert!(!BackendKeys::default().is_enabled());
        let short = BackendKeys::new(&["short".into()]).unwrap_err();
        assert!(short.to_string().contains("at least 32") && !short.to_string().contains("short"), "{short}");
        assert!(!format!("{keys:?}").contains(&old));
    }
}
