//! Per-client rate limits, one budget per kind of request, so one client cannot spend the vendor
//! account's limits: mints (a Get Token each), result reads, redirect-mode returns (a Get Result
//! each, at most) and purges (a clear-data each). GCRA keyed by the client address
//! ([`super::client_ip`]), kept in the store ([`super::store`]: one budget for the whole fleet
//! with Redis); a refusal is `429 rate_limited` with `Retry-After`.
//!
//! Without the store (Redis down or slow), each instance falls back to its own limiter
//! ([`ClientLimits`], the governor crate), so a client is still limited, per instance.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use advance_liveness::ApiErrorCode;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::AppError;
use super::metrics::Metrics;
use super::store::Store;

/// What a client does, each with its own budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `POST /api/liveness/session`.
    Mint,
    /// `GET /api/liveness/sessions/{id}/result`.
    ReadResult,
    /// `GET /liveness/return` in redirect mode.
    Return,
    /// `DELETE /api/liveness/sessions/{id}`.
    Purge,
    /// Any `/api/liveness/backend/` request, wrong keys included.
    Backend,
}

impl Action {
    /// Its name in store keys, logs and metrics: `mint`, `result`, `return`, `purge`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Mint => "mint",
            Self::ReadResult => "result",
            Self::Return => "return",
            Self::Purge => "purge",
            Self::Backend => "backend",
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::Mint => "too many liveness sessions from this client; wait and try again",
            Self::ReadResult => "too many result reads from this client; wait and try again",
            Self::Return => "too many returns from the liveness page from this client; wait and try again",
            Self::Purge => "too many purges from this client; wait and try again",
            Self::Backend => "too many backend API requests from this client; wait and try again",
        }
    }
}

/// Requests per client per minute, each also the burst allowed at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Session mints. Default 30.
    pub mints_per_minute: NonZeroU32,
    /// Result reads. Default 120: a polling page reads at most one a second, and the server
    /// reads the vendor at most once a second per session whatever the client does.
    pub result_reads_per_minute: NonZeroU32,
    /// Redirect-mode returns. Default 30.
    pub returns_per_minute: NonZeroU32,
    /// Purges. Default 30.
    pub purges_per_minute: NonZeroU32,
    /// Backend API requests (`/api/liveness/backend/`). Default 600: a backend is one client
    /// making requests for all its users, and a wrong key spends this budget too.
    pub backend_requests_per_minute: NonZeroU32,
}

impl Default for RateLimits {
    fn default() -> Self {
        let n = |v| NonZeroU32::new(v).expect("positive");
        Self {
            mints_per_minute: n(30),
            result_reads_per_minute: n(120),
            returns_per_minute: n(30),
            purges_per_minute: n(30),
            backend_requests_per_minute: n(600),
        }
    }
}

/// One instance's limiters: the in-memory store's, and the fallback of the Redis one.
#[derive(Debug)]
pub struct ClientLimits {
    mint: DefaultKeyedRateLimiter<IpAddr>,
    read_result: DefaultKeyedRateLimiter<IpAddr>,
    returns: DefaultKeyedRateLimiter<IpAddr>,
    purge: DefaultKeyedRateLimiter<IpAddr>,
    backend: DefaultKeyedRateLimiter<IpAddr>,
}

impl ClientLimits {
    /// Limiters with these budgets.
    pub fn new(limits: &RateLimits) -> Self {
        let keyed = |per_minute| RateLimiter::keyed(Quota::per_minute(per_minute));
        Self {
            mint: keyed(limits.mints_per_minute),
            read_result: keyed(limits.result_reads_per_minute),
            returns: keyed(limits.returns_per_minute),
            purge: keyed(limits.purges_per_minute),
            backend: keyed(limits.backend_requests_per_minute),
        }
    }

    /// Spends one of `client`'s `action` budget, or answers how long until there is one.
    pub fn spend(&self, action: Action, client: IpAddr) -> Result<(), Duration> {
        let limiter = match action {
            Action::Mint => &self.mint,
            Action::ReadResult => &self.read_result,
            Action::Return => &self.returns,
            Action::Purge => &self.purge,
            Action::Backend => &self.backend,
        };
        limiter.check_key(&client).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets clients whose budgets are full again (the limiters remember every address seen).
    pub fn forget_idle_clients(&self) {
        for limiter in [&self.mint, &self.read_result, &self.returns, &self.purge, &self.backend] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Spends one of `client`'s `action` budget in `store`, or in `fallback` while the store fails;
/// refuses with `429` and when to come back.
pub async fn check(
    store: &Store,
    fallback: &ClientLimits,
    metrics: &Metrics,
    action: Action,
    client: IpAddr,
) -> Result<(), AppError> {
    let spent = match store.spend(action, client).await {
        Ok(spent) => spent,
        Err(error) => {
            metrics.store_error(&error);
            tracing::warn!(%error, "rate limit kept by this instance alone while the store fails");
            fallback.spend(action, client)
        }
    };
    spent.map_err(|wait| {
        metrics.rate_limited(action);
        tracing::info!(%client, action = action.name(), "rate limited");
        AppError::new(ApiErrorCode::RateLimited, action.refusal()).retry_after(wait.max(Duration::from_secs(1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_own_budget_per_client() {
        let one = NonZeroU32::new(1).unwrap();
        let limits = ClientLimits::new(&RateLimits {
            mints_per_minute: one,
            result_reads_per_minute: NonZeroU32::new(2).unwrap(),
            returns_per_minute: one,
            purges_per_minute: one,
            backend_requests_per_minute: one,
        });
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        assert!(limits.spend(Action::Mint, a).is_ok());
        let wait = limits.spend(Action::Mint, a).unwrap_err();
        assert!(wait > Duration::from_secs(50), "{wait:?}");
        assert!(limits.spend(Action::Mint, b).is_ok(), "another client");
        assert!(limits.spend(Action::ReadResult, a).is_ok(), "another action");
        assert!(limits.spend(Action::ReadResult, a).is_ok());
        assert!(limits.spend(Action::ReadResult, a).is_err());
        assert!(limits.spend(Action::Return, a).is_ok());
        assert!(limits.spend(Action::Purge, a).is_ok());
        assert!(limits.spend(Action::Purge, a).is_err());
    }
}
