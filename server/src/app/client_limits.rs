//! Per-client rate limits, one budget per kind of request, so one client cannot spend the vendor
//! account's limits: mints (a Get Token each), result reads, redirect-mode returns (a Get Result
//! each, at most) and purges (a clear-data each). GCRA from the governor crate, keyed by the
//! client address ([`super::client_ip`]); a refusal is `429 rate_limited` with `Retry-After`.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use advance_liveness::ApiErrorCode;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::AppError;

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
}

impl Action {
    fn refusal(self) -> &'static str {
        match self {
            Self::Mint => "too many liveness sessions from this client; wait and try again",
            Self::ReadResult => "too many result reads from this client; wait and try again",
            Self::Return => "too many returns from the liveness page from this client; wait and try again",
            Self::Purge => "too many purges from this client; wait and try again",
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
}

impl Default for RateLimits {
    fn default() -> Self {
        let n = |v| NonZeroU32::new(v).expect("positive");
        Self {
            mints_per_minute: n(30),
            result_reads_per_minute: n(120),
            returns_per_minute: n(30),
            purges_per_minute: n(30),
        }
    }
}

/// The limiters.
#[derive(Debug)]
pub struct ClientLimits {
    mint: DefaultKeyedRateLimiter<IpAddr>,
    read_result: DefaultKeyedRateLimiter<IpAddr>,
    returns: DefaultKeyedRateLimiter<IpAddr>,
    purge: DefaultKeyedRateLimiter<IpAddr>,
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
        }
    }

    /// Spends one of `client`'s `action` budget, or refuses with `429` and when to come back.
    pub fn check(&self, action: Action, client: IpAddr) -> Result<(), AppError> {
        let limiter = match action {
            Action::Mint => &self.mint,
            Action::ReadResult => &self.read_result,
            Action::Return => &self.returns,
            Action::Purge => &self.purge,
        };
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            tracing::info!(%client, ?action, "rate limited");
            AppError::new(ApiErrorCode::RateLimited, action.refusal()).retry_after(wait.max(Duration::from_secs(1)))
        })
    }

    /// Forgets clients whose budgets are full again (the limiters remember every address seen).
    pub fn forget_idle_clients(&self) {
        for limiter in [&self.mint, &self.read_result, &self.returns, &self.purge] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
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
        });
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        assert!(limits.check(Action::Mint, a).is_ok());
        let refused = limits.check(Action::Mint, a).unwrap_err();
        assert_eq!(refused.code(), ApiErrorCode::RateLimited);
        assert!(limits.check(Action::Mint, b).is_ok(), "another client");
        assert!(limits.check(Action::ReadResult, a).is_ok(), "another action");
        assert!(limits.check(Action::ReadResult, a).is_ok());
        assert!(limits.check(Action::ReadResult, a).is_err());
        assert!(limits.check(Action::Return, a).is_ok());
        assert!(limits.check(Action::Purge, a).is_ok());
        assert!(limits.check(Action::Purge, a).is_err());
    }
}
