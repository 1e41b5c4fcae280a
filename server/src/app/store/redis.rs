//! The store in Redis (or Valkey), shared by every instance of a fleet: one multiplexed
//! connection that reconnects by itself, every call bounded by a timeout, every key namespaced
//! and given a TTL so the database never grows without bound.
//!
//! Keys, under the namespace `NS` (`--redis-namespace`, default `advance-liveness`):
//!
//! | Key | Value | TTL |
//! |---|---|---|
//! | `NS:known:ID` | JSON [`Known`] | [`REMEMBER_FOR`] |
//! | `NS:recent:ID` | JSON recent answer | [`PENDING_REUSE`] |
//! | `NS:lease:ID` | the reader's random token | [`LEASE_TTL`] |
//! | `NS:rate:ACTION:IP` | GCRA theoretical arrival time, µs | until the budget is full again |
//! | `NS:pending` | sorted set: session id by expiry (ms) | the session lifetime and [`PENDING_GRACE`] after the last mint |
//! | `NS:session:ID` | JSON [`SessionRecord`] | [`REMEMBER_FOR`] |
//! | `NS:follow` | sorted set: pending session id by next follow-up read (ms) | as `NS:pending` |
//! | `NS:delivery:EVENT@N` | JSON webhook delivery | [`OUTBOX_KEEP`] |
//! | `NS:outbox` | sorted set: deliveries by due time (ms) | [`OUTBOX_KEEP`] after the latest event |
//!
//! The read-modify-write steps are Lua scripts, so they are atomic on the server: the rate limit
//! (`gcra.lua`), the end of a read or purge (`finish.lua`: a purge is never overwritten by a
//! late result; the lease is released only by its holder), and claims of due webhook deliveries
//! (`outbox_claim.lua`) and follow-up reads (`follow_claim.lua`). Redis Cluster is not supported (the
//! finish script touches a session's keys and the pending set together).

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use advance_liveness::SignatureId;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, IntoConnectionInfo, Script};

use super::{
    Known, LEASE_TTL, Lease, Lookup, OUTBOX_KEEP, Outcome, PENDING_GRACE, PENDING_REUSE, PendingSession, REMEMBER_FOR,
    SessionRecord, StoreError, StoredRecent, quota,
};
use crate::app::client_limits::{Action, RateLimits};
use crate::clock::now_ms;
use crate::vendor::api::SESSION_URL_LIFETIME_MS;
use crate::webhooks::Delivery;

/// How to reach Redis: checked when made, so a wrong URL stops the server at start-up.
#[derive(Clone)]
pub struct RedisSettings {
    client: redis::Client,
    /// Prefix of every key, so deployments can share a database [default: `advance-liveness`].
    pub namespace: String,
    /// Longest wait for any one call (connecting included); past it the store counts as down
    /// [default: 500 ms].
    pub timeout: Duration,
}

impl RedisSettings {
    /// `url` is `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS;
    /// `password`, when given (read from a file), replaces the URL's.
    pub fn new(url: &str, password: Option<&str>) -> Result<Self, StoreError> {
        // The redis crate's errors name the problem, never the URL's password.
        let mut info = url.trim().into_connection_info().map_err(|e| StoreError::new("url", e))?;
        if let Some(password) = password {
            let redis = info.redis_settings().clone().set_password(password);
            info = info.set_redis_settings(redis);
        }
        let client = redis::Client::open(info).map_err(|e| StoreError::new("url", e))?;
        Ok(Self { client, namespace: DEFAULT_NAMESPACE.to_owned(), timeout: DEFAULT_TIMEOUT })
    }
}

impl std::fmt::Debug for RedisSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let address = self.client.get_connection_info().addr().to_string();
        f.debug_struct("RedisSettings")
            .field("address", &address)
            .field("namespace", &self.namespace)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Default of [`RedisSettings::namespace`].
pub const DEFAULT_NAMESPACE: &str = "advance-liveness";

/// Default of [`RedisSettings::timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(500);

/// After a failed call, how long calls fail at once instead of waiting out the timeout again:
/// while Redis is away, requests degrade without paying its timeout each time.
pub const BACK_OFF: Duration = Duration::from_secs(1);

/// The Redis store.
pub struct RedisStore {
    connection: ConnectionManager,
    /// Until when (ms since `epoch`) calls fail at once, after a failure.
    down_until: AtomicU64,
    epoch: Instant,
    namespace: String,
    timeout: Duration,
    limits: RateLimits,
    gcra: Script,
    finish: Script,
    claim: Script,
    claim_follows: Script,
    enqueue: Script,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore").field("namespace", &self.namespace).finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store on `settings`, connecting lazily: a server starts while Redis is down, and
    /// `/readyz` says so. Call it within a tokio runtime.
    pub fn new(settings: &RedisSettings, limits: &RateLimits) -> Self {
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(settings.timeout))
            .set_response_timeout(Some(settings.timeout))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(200));
        let connection = ConnectionManager::new_lazy_with_config(settings.client.clone(), config)
            .expect("fails only for a push sender, and none is set");
        Self {
            connection,
            down_until: AtomicU64::new(0),
            epoch: Instant::now(),
            namespace: settings.namespace.clone(),
            timeout: settings.timeout,
            limits: *limits,
            gcra: Script::new(include_str!("gcra.lua")),
            finish: Script::new(include_str!("finish.lua")),
            claim: Script::new(include_str!("outbox_claim.lua")),
            claim_follows: Script::new(include_str!("follow_claim.lua")),
            // Queued once: the delivery kept for OUTBOX_KEEP, and due at once.
            enqueue: Script::new(
                "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then \
                   redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) \
                   redis.call('PEXPIRE', KEYS[2], ARGV[2]) return 1 end return 0",
            ),
        }
    }

    fn key(&self, kind: &str, id: &SignatureId) -> String {
        format!("{}:{kind}:{id}", self.namespace)
    }

    fn pending_key(&self) -> String {
        format!("{}:pending", self.namespace)
    }

    fn follow_key(&self) -> String {
        format!("{}:follow", self.namespace)
    }

    /// Runs one call within the timeout; fails at once for [`BACK_OFF`] after a failure.
    async fn call<T>(
        &self,
        operation: &'static str,
        call: impl Future<Output = redis::RedisResult<T>>,
    ) -> Result<T, StoreError> {
        let now = self.epoch.elapsed().as_millis() as u64;
        let down_until = self.down_until.load(Ordering::Relaxed);
        if now < down_until {
            return Err(StoreError::new(
                operation,
                format!("Redis failed {} ms ago; not asked", now + BACK_OFF.as_millis() as u64 - down_until),
            ));
        }
        let failure = match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => StoreError::new(operation, error),
            Err(_) => StoreError::new(operation, format!("no answer within {:?}", self.timeout)),
        };
        let failed_at = self.epoch.elapsed().as_millis() as u64;
        self.down_until.fetch_max(failed_at + BACK_OFF.as_millis() as u64, Ordering::Relaxed);
        Err(failure)
    }

    pub(super) async fn lookup(&self, id: &SignatureId) -> Result<Lookup, StoreError> {
        let keys = [self.key("known", id), self.key("recent", id)];
        let mut connection = self.connection.clone();
        let (known, recent): (Option<String>, Option<String>) =
            self.call("lookup", async move { connection.mget(&keys).await }).await?;
        let decode = |what: &str, e: serde_json::Error| StoreError::new("lookup", format!("bad {what} entry: {e}"));
        let known =
            known.map(|json| serde_json::from_str::<Known>(&json).map_err(|e| decode("known", e))).transpose()?;
        let recent = match (&known, recent) {
            (None, Some(json)) => {
                Some(serde_json::from_str::<StoredRecent>(&json).map_err(|e| decode("recent", e))?.into())
            }
            _ => None,
        };
        Ok(Lookup { known, recent })
    }

    pub(super) async fn lease(&self, id: &SignatureId) -> Result<Option<Lease>, StoreError> {
        let token = format!("{:032x}", rand::random::<u128>());
        let options = redis::SetOptions::default()
            .conditional_set(redis::ExistenceCheck::NX)
            .with_expiration(redis::SetExpiry::PX(LEASE_TTL.as_millis() as u64));
        let (key, value) = (self.key("lease", id), token.clone());
        let mut connection = self.connection.clone();
        let taken: Option<String> =
            self.call("lease", async move { connection.set_options(key, value, options).await }).await?;
        Ok(taken.map(|_| Lease(token)))
    }

    pub(super) async fn finish(&self, id: &SignatureId, outcome: Outcome<'_>, lease: Lease) -> Result<(), StoreError> {
        let encode = |e: serde_json::Error| StoreError::new("finish", e);
        let (kind, value, ttl) = match outcome {
            Outcome::Final(result) => {
                ("final", serde_json::to_string(&Known::Final(result.clone())).map_err(encode)?, REMEMBER_FOR)
            }
            Outcome::Purged => ("purged", serde_json::to_string(&Known::Purged).map_err(encode)?, REMEMBER_FOR),
            Outcome::Recent(recent) => {
                ("recent", serde_json::to_string(&StoredRecent::from(recent)).map_err(encode)?, PENDING_REUSE)
            }
            Outcome::Nothing => ("nothing", String::new(), PENDING_REUSE),
        };
        let mut invocation = self.finish.prepare_invoke();
        invocation
            .key(self.key("known", id))
            .key(self.key("recent", id))
            .key(self.key("lease", id))
            .key(self.pending_key())
            .key(self.key("session", id))
            .key(self.follow_key())
            .arg(kind)
            .arg(value)
            .arg(ttl.as_millis() as u64)
            .arg(lease.0)
            .arg(id.as_str())
            .arg(now_ms());
        let mut connection = self.connection.clone();
        self.call("finish", async move { invocation.invoke_async::<i64>(&mut connection).await }).await?;
        Ok(())
    }

    pub(super) async fn spend(&self, action: Action, client: IpAddr) -> Result<Result<(), Duration>, StoreError> {
        let (emission, burst) = quota(&self.limits, action);
        let key = format!("{}:rate:{}:{client}", self.namespace, action.name());
        let mut invocation = self.gcra.prepare_invoke();
        invocation.key(key).arg(emission.as_micros() as u64).arg(burst);
        let mut connection = self.connection.clone();
        let wait_us: u64 =
            self.call("rate limit", async move { invocation.invoke_async(&mut connection).await }).await?;
        Ok(if wait_us == 0 { Ok(()) } else { Err(Duration::from_micros(wait_us)) })
    }

    pub(super) async fn save_record(&self, record: &SessionRecord) -> Result<(), StoreError> {
        let json = serde_json::to_string(record).map_err(|e| StoreError::new("save record", e))?;
        let key = self.key("session", &record.signature_id);
        let options =
            redis::SetOptions::default().with_expiration(redis::SetExpiry::PX(REMEMBER_FOR.as_millis() as u64));
        let mut connection = self.connection.clone();
        self.call("save record", async move { connection.set_options::<_, _, ()>(key, json, options).await }).await
    }

    pub(super) async fn record(&self, id: &SignatureId) -> Result<Option<SessionRecord>, StoreError> {
        let key = self.key("session", id);
        let mut connection = self.connection.clone();
        let json: Option<String> = self.call("record", async move { connection.get(key).await }).await?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError::new("record", format!("bad entry: {e}"))))
            .transpose()
    }

    fn delivery_prefix(&self) -> String {
        format!("{}:delivery:", self.namespace)
    }

    fn outbox_key(&self) -> String {
        format!("{}:outbox", self.namespace)
    }

    pub(super) async fn enqueue(&self, delivery: &Delivery) -> Result<bool, StoreError> {
        let json = serde_json::to_string(delivery).map_err(|e| StoreError::new("enqueue", e))?;
        let mut invocation = self.enqueue.prepare_invoke();
        invocation
            .key(format!("{}{}", self.delivery_prefix(), delivery.id))
            .key(self.outbox_key())
            .arg(json)
            .arg(OUTBOX_KEEP.as_millis() as u64)
            .arg(delivery.due_at)
            .arg(&delivery.id);
        let mut connection = self.connection.clone();
        let queued: i64 = self.call("enqueue", async move { invocation.invoke_async(&mut connection).await }).await?;
        Ok(queued == 1)
    }

    pub(super) async fn claim_due(&self, now: u64, limit: usize, hold_until: u64) -> Result<Vec<Delivery>, StoreError> {
        let mut invocation = self.claim.prepare_invoke();
        invocation.key(self.outbox_key()).arg(now).arg(limit).arg(hold_until).arg(self.delivery_prefix());
        let mut connection = self.connection.clone();
        let claimed: Vec<String> =
            self.call("claim deliveries", async move { invocation.invoke_async(&mut connection).await }).await?;
        claimed
            .iter()
            .map(|json| {
                serde_json::from_str(json).map_err(|e| StoreError::new("claim deliveries", format!("bad entry: {e}")))
            })
            .collect()
    }

    pub(super) async fn settle_delivery(&self, id: &str, next: Option<&Delivery>) -> Result<(), StoreError> {
        let key = format!("{}{id}", self.delivery_prefix());
        let mut pipe = redis::pipe();
        pipe.atomic();
        match next {
            Some(next) => {
                let json = serde_json::to_string(next).map_err(|e| StoreError::new("settle delivery", e))?;
                pipe.cmd("SET").arg(&key).arg(json).arg("KEEPTTL").ignore();
                pipe.zadd(self.outbox_key(), id, next.due_at).ignore();
            }
            None => {
                pipe.del(&key).ignore();
                pipe.zrem(self.outbox_key(), id).ignore();
            }
        }
        let mut connection = self.connection.clone();
        self.call("settle delivery", async move { pipe.query_async::<()>(&mut connection).await }).await
    }

    pub(super) async fn register_pending(&self, session: &PendingSession) -> Result<(), StoreError> {
        let (pending, follow) = (self.pending_key(), self.follow_key());
        let now = now_ms();
        let cutoff = now.saturating_sub(PENDING_GRACE.as_millis() as u64);
        let keep_for = SESSION_URL_LIFETIME_MS + PENDING_GRACE.as_millis() as u64;
        // A queue entry due that long ago belongs to a session that expired before the cutoff
        // (only while no follower runs: webhooks off).
        let stale = now.saturating_sub(keep_for);
        let id = session.signature_id.as_str();
        let mut pipe = redis::pipe();
        pipe.atomic()
            .zadd(&pending, id, session.expires_at)
            .ignore()
            .zrembyscore(&pending, "-inf", format!("({cutoff}"))
            .ignore()
            .pexpire(&pending, keep_for as i64)
            .ignore()
            .zadd(&follow, id, session.follow_at)
            .ignore()
            .zrembyscore(&follow, "-inf", format!("({stale}"))
            .ignore()
            .pexpire(&follow, keep_for as i64)
            .ignore();
        let mut connection = self.connection.clone();
        self.call("register pending", async move { pipe.query_async::<()>(&mut connection).await }).await
    }

    pub(super) async fn claim_follows(
        &self,
        now: u64,
        limit: usize,
        hold_until: u64,
    ) -> Result<Vec<PendingSession>, StoreError> {
        let cutoff = now_ms().saturating_sub(PENDING_GRACE.as_millis() as u64);
        let mut invocation = self.claim_follows.prepare_invoke();
        invocation.key(self.follow_key()).key(self.pending_key()).arg(now).arg(limit).arg(hold_until).arg(cutoff);
        let mut connection = self.connection.clone();
        let claimed: Vec<String> =
            self.call("claim follows", async move { invocation.invoke_async(&mut connection).await }).await?;
        let bad = |what: String| StoreError::new("claim follows", what);
        claimed
            .chunks(2)
            .map(|pair| {
                let [id, expires_at] = pair else { return Err(bad("an id without its expiry".into())) };
                let signature_id = SignatureId::new(id.clone()).map_err(|e| bad(format!("bad session id: {e}")))?;
                // A score, which Redis may print as a float.
                let expires_at =
                    expires_at.parse::<f64>().map_err(|e| bad(format!("bad expiry {expires_at:?}: {e}")))?;
                let expires_at = expires_at as u64;
                Ok(PendingSession { signature_id, expires_at, follow_at: now })
            })
            .collect()
    }

    pub(super) async fn follow_at(&self, id: &SignatureId, at: u64) -> Result<(), StoreError> {
        let (key, id) = (self.follow_key(), id.as_str().to_owned());
        let mut connection = self.connection.clone();
        self.call("follow at", async move {
            redis::cmd("ZADD").arg(key).arg("XX").arg(at).arg(id).query_async::<()>(&mut connection).await
        })
        .await
    }

    pub(super) async fn ping(&self) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        self.call("ping", async move { redis::cmd("PING").query_async::<String>(&mut connection).await }).await?;
        Ok(())
    }
}
