//! What the server remembers about sessions and clients, behind one small interface with two
//! backends: in this process ([`MemoryStore`], the default: one instance) or in Redis
//! ([`RedisStore`], `--redis-url`: every instance of a fleet shares it, and a restart loses
//! nothing).
//!
//! - **Known results**: a session's terminal result, or the fact that it was purged, remembered
//!   for [`REMEMBER_FOR`] so that its (billed) Get Result is read once, and a purge is seen by
//!   every instance at once. A purge is never overwritten by a late result.
//! - **Recent answers**: an unfinished answer (or an error) of the vendor, reused for
//!   [`PENDING_REUSE`] whoever asks.
//! - **Read leases**: who reads a session at the vendor now ([`LEASE_TTL`]); the others wait for
//!   its answer instead of reading too.
//! - **Rate limits**: one GCRA budget per client and action.
//! - **Pending sessions**: every minted session until it ends or [`PENDING_GRACE`] after it
//!   expires, in order of its next read by whoever follows sessions whose browser left, who
//!   claims the due ones ([`Store::claim_follows`]) and sets their next read.
//! - **Session records**: who a session was minted for and by, and when it was minted and
//!   finished ([`SessionRecord`]), for the backend API.
//!
//! Every call can fail (`StoreError`) with Redis; callers decide what degrades and what refuses
//! (ARCHITECTURE.md, "Shared state").

mod memory;
mod redis;

use std::net::IpAddr;
use std::time::Duration;

use advance_liveness::{ApiErrorCode, ResultResponse, SessionMode, SignatureId};
use serde::{Deserialize, Serialize};

pub use self::memory::MemoryStore;
pub use self::redis::{RedisSettings, RedisStore};
use super::client_limits::{Action, RateLimits};
use super::error::AppError;
use crate::webhooks::Delivery;

/// How long a terminal result or a purge is remembered: the binding cookie's whole life (the
/// session's hour and the day after it), so a session is never read twice while a browser may
/// still ask.
pub const REMEMBER_FOR: Duration = Duration::from_secs(25 * 3600);

/// How long an unfinished answer (or an error) of the vendor is reused for the same session.
/// The page polls no faster than once a second (its backoff waits 1 s, 1.5 s, ...).
pub const PENDING_REUSE: Duration = Duration::from_secs(1);

/// How long a read lease holds if its holder never finishes (it crashed): longer than a vendor
/// call with its retries takes.
pub const LEASE_TTL: Duration = Duration::from_secs(20);

/// How long an undelivered webhook is kept (it is retried for at least a day).
pub const OUTBOX_KEEP: Duration = Duration::from_secs(26 * 3600);

/// How long a pending session stays registered after it expired unread.
pub const PENDING_GRACE: Duration = Duration::from_secs(600);

/// What is known for good about a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "known", rename_all = "lowercase")]
pub enum Known {
    /// Its terminal result (only what the browser may see: status, score, attack type, code).
    Final(ResultResponse),
    /// Its data was deleted at the vendor.
    Purged,
}

/// A recent answer of the vendor for an unfinished session: the result, or the error.
pub type Recent = Result<ResultResponse, AppError>;

/// What the store has for a session.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Known for good.
    pub known: Option<Known>,
    /// Answered within [`PENDING_REUSE`].
    pub recent: Option<Recent>,
}

/// What a finished read or purge leaves in the store.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// A terminal result: remembered unless purged, and the session leaves the pending registry.
    Final(&'a ResultResponse),
    /// A purge: remembered, replacing any result; the session leaves the pending registry.
    Purged,
    /// An unfinished answer or an error: reused for [`PENDING_REUSE`].
    Recent(&'a Recent),
    /// Nothing (the call failed in a way not worth reusing): only the lease is released.
    Nothing,
}

/// The right to read one session at the vendor now; released by [`Store::finish`].
#[derive(Debug)]
pub struct Lease(String);

/// A minted session, until it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSession {
    /// The session.
    pub signature_id: SignatureId,
    /// When its page URL stops working, epoch ms.
    pub expires_at: u64,
    /// When the follower reads it next, epoch ms (at the mint: its first read).
    pub follow_at: u64,
}

/// Who minted a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MintedBy {
    /// The integrator's backend (`POST /api/liveness/backend/sessions`): its `userId` is the
    /// backend's word.
    Backend,
    /// A browser (`POST /api/liveness/session`): its `userId`, if any, is the browser's word.
    Browser,
}

/// What the server keeps about a session it minted, for [`REMEMBER_FOR`]: who it is for, and
/// when it was minted and finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRecord {
    /// The session.
    pub signature_id: SignatureId,
    /// The user it was minted for.
    pub user_id: Option<String>,
    /// The integrator's own reference (backend mints only).
    pub reference: Option<String>,
    /// Who minted it.
    pub minted_by: MintedBy,
    /// Iframe or redirect.
    pub mode: SessionMode,
    /// The vendor's page URL for it.
    pub url: String,
    /// Minted at, epoch ms.
    pub minted_at: u64,
    /// Its page URL stops working at, epoch ms.
    pub expires_at: u64,
    /// When its terminal result was first learnt, epoch ms.
    pub completed_at: Option<u64>,
}

/// The store could not be used: unreachable, too slow, or an answer that makes no sense.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("store {operation}: {detail}")]
pub struct StoreError {
    /// What was asked, e.g. `lookup`.
    pub operation: &'static str,
    /// Why it failed (never a password: Redis errors do not echo the URL).
    pub detail: String,
}

impl StoreError {
    fn new(operation: &'static str, detail: impl std::fmt::Display) -> Self {
        Self { operation, detail: detail.to_string() }
    }

    /// `503 store_unavailable` with a `Retry-After`, for the requests that refuse rather than
    /// degrade without the store.
    pub fn refusal(&self) -> AppError {
        AppError::new(ApiErrorCode::StoreUnavailable, "the server's shared store is unavailable; try again shortly")
            .retry_after(Duration::from_secs(5))
    }
}

/// The store: in this process, or shared in Redis.
#[derive(Debug)]
// One per app, behind an `Arc`: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Store {
    /// One instance's memory.
    Memory(MemoryStore),
    /// Redis, shared by every instance.
    Redis(RedisStore),
}

/// Dispatches one call to the backend.
macro_rules! each {
    ($self:ident.$method:ident($($arg:expr),*)) => {
        match $self {
            Store::Memory(store) => store.$method($($arg),*).await,
            Store::Redis(store) => store.$method($($arg),*).await,
        }
    };
}

impl Store {
    /// The backend's name, for logs, `/readyz` and metrics: `memory` or `redis`.
    pub fn backend(&self) -> &'static str {
        match self {
            Self::Memory(_) => "memory",
            Self::Redis(_) => "redis",
        }
    }

    /// Whether other instances share this store.
    pub fn is_shared(&self) -> bool {
        matches!(self, Self::Redis(_))
    }

    /// What is known or recent about `id`.
    pub async fn lookup(&self, id: &SignatureId) -> Result<Lookup, StoreError> {
        each!(self.lookup(id))
    }

    /// The lease to read `id` at the vendor, or `None` while another reader holds it.
    pub async fn lease(&self, id: &SignatureId) -> Result<Option<Lease>, StoreError> {
        each!(self.lease(id))
    }

    /// Records what a read or purge of `id` learnt, and releases its lease.
    pub async fn finish(&self, id: &SignatureId, outcome: Outcome<'_>, lease: Lease) -> Result<(), StoreError> {
        each!(self.finish(id, outcome, lease))
    }

    /// Spends one of `client`'s budget for `action`: `Ok(Err(wait))` when it is spent.
    pub async fn spend(&self, action: Action, client: IpAddr) -> Result<Result<(), Duration>, StoreError> {
        each!(self.spend(action, client))
    }

    /// Keeps what is known of a minted session, for [`REMEMBER_FOR`].
    pub async fn save_record(&self, record: &SessionRecord) -> Result<(), StoreError> {
        each!(self.save_record(record))
    }

    /// What is kept of `id`, if the server minted it in the last [`REMEMBER_FOR`].
    pub async fn record(&self, id: &SignatureId) -> Result<Option<SessionRecord>, StoreError> {
        each!(self.record(id))
    }

    /// Queues a webhook delivery, unless one with its id is queued already (another instance
    /// made the same event): answers whether it was queued now.
    pub async fn enqueue(&self, delivery: &Delivery) -> Result<bool, StoreError> {
        each!(self.enqueue(delivery))
    }

    /// Up to `limit` deliveries due at `now` (epoch ms), each held until `hold_until` so that no
    /// other instance sends it meanwhile.
    pub async fn claim_due(&self, now: u64, limit: usize, hold_until: u64) -> Result<Vec<Delivery>, StoreError> {
        each!(self.claim_due(now, limit, hold_until))
    }

    /// Stores a delivery's new attempt count and due time, or removes it (`None`: delivered, or
    /// given up).
    pub async fn settle_delivery(&self, id: &str, next: Option<&Delivery>) -> Result<(), StoreError> {
        each!(self.settle_delivery(id, next))
    }

    /// Registers a minted session as pending, to be followed from its `follow_at`.
    pub async fn register_pending(&self, session: &PendingSession) -> Result<(), StoreError> {
        each!(self.register_pending(session))
    }

    /// Claims up to `limit` pending sessions due to be followed at `now` (epoch ms), holding each
    /// until `hold_until` so that no other follower reads it meanwhile; a follower that dies
    /// only delays them. Their `follow_at` is `now`.
    pub async fn claim_follows(
        &self,
        now: u64,
        limit: usize,
        hold_until: u64,
    ) -> Result<Vec<PendingSession>, StoreError> {
        each!(self.claim_follows(now, limit, hold_until))
    }

    /// When `id` is followed next, if it is still pending (an ended session stays ended).
    pub async fn follow_at(&self, id: &SignatureId, at: u64) -> Result<(), StoreError> {
        each!(self.follow_at(id, at))
    }

    /// Whether the store answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        each!(self.ping())
    }
}

/// The budgets as GCRA parameters: one request per `emission`, `burst` at once.
fn quota(limits: &RateLimits, action: Action) -> (Duration, u32) {
    let per_minute = match action {
        Action::Mint => limits.mints_per_minute,
        Action::ReadResult => limits.result_reads_per_minute,
        Action::Return => limits.returns_per_minute,
        Action::Purge => limits.purges_per_minute,
        Action::Backend => limits.backend_requests_per_minute,
    };
    (Duration::from_secs(60) / per_minute.get(), per_minute.get())
}

/// A recent answer as stored: the result, or the error's code, message and delay.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StoredRecent {
    Ok(ResultResponse),
    Err { code: ApiErrorCode, message: String, retry_after_ms: Option<u64> },
}

impl From<&Recent> for StoredRecent {
    fn from(recent: &Recent) -> Self {
        match recent {
            Ok(result) => Self::Ok(result.clone()),
            Err(error) => Self::Err {
                code: error.code(),
                message: error.message().to_owned(),
                retry_after_ms: error.retry_after_delay().map(|d| d.as_millis() as u64),
            },
        }
    }
}

impl From<StoredRecent> for Recent {
    fn from(stored: StoredRecent) -> Self {
        match stored {
            StoredRecent::Ok(result) => Ok(result),
            StoredRecent::Err { code, message, retry_after_ms } => {
                let error = AppError::new(code, message);
                Err(match retry_after_ms {
                    Some(ms) => error.retry_after(Duration::from_millis(ms)),
                    None => error,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use advance_liveness::VerificationStatus;

    use super::*;

    #[test]
    fn known_and_recent_answers_survive_their_stored_form() {
        let passed =
            ResultResponse { status: VerificationStatus::Passed, score: Some(91.5), attack_type: None, code: None };
        for known in [Known::Final(passed.clone()), Known::Purged] {
            let json = serde_json::to_string(&known).unwrap();
            assert_eq!(serde_json::from_str::<Known>(&json).unwrap(), known, "{json}");
        }
        let busy: Recent =
            Err(AppError::new(ApiErrorCode::VendorRateLimited, "busy").retry_after(Duration::from_secs(3)));
        let json = serde_json::to_string(&StoredRecent::from(&busy)).unwrap();
        let back = Recent::from(serde_json::from_str::<StoredRecent>(&json).unwrap()).unwrap_err();
        assert_eq!(
            (back.code(), back.message(), back.retry_after_delay()),
            (ApiErrorCode::VendorRateLimited, "busy", Some(Duration::from_secs(3)))
        );
    }

    #[test]
    fn quotas_spread_a_minute_over_the_budget() {
        let limits = RateLimits::default();
        assert_eq!(quota(&limits, Action::Mint), (Duration::from_secs(2), 30));
        assert_eq!(quota(&limits, Action::ReadResult), (Duration::from_millis(500), 120));
    }
}
