//! The store in this process: one instance's memory, bounded, forgotten on restart. Leases are
//! always granted: within one instance the per-session flight of
//! [`crate::app::result_reads::ResultReads`] already lets one reader through at a time.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use advance_liveness::SignatureId;

use super::{
    Known, Lease, Lookup, Outcome, PENDING_GRACE, PENDING_REUSE, PendingSession, REMEMBER_FOR, Recent, SessionRecord,
    StoreError,
};
use crate::app::client_limits::{Action, ClientLimits, RateLimits};
use crate::clock::now_ms;
use crate::webhooks::Delivery;

/// Sessions remembered at most (known and pending each); the oldest are forgotten first.
pub const MAX_SESSIONS: usize = 100_000;

/// The in-memory store.
#[derive(Debug)]
pub struct MemoryStore {
    known: Mutex<HashMap<SignatureId, (Known, Instant)>>,
    recent: Mutex<HashMap<SignatureId, (Recent, Instant)>>,
    pending: Mutex<Pending>,
    records: Mutex<Records>,
    outbox: Mutex<HashMap<String, Delivery>>,
    /// When pending sessions are followed next, once claimed (before: their `follow_at`).
    follow: Mutex<HashMap<SignatureId, u64>>,
    limits: ClientLimits,
}

/// Session records, forgotten in the order they were kept (after [`REMEMBER_FOR`], or beyond
/// [`MAX_SESSIONS`]).
#[derive(Debug, Default)]
struct Records {
    by_id: HashMap<SignatureId, SessionRecord>,
    order: VecDeque<(Instant, SignatureId)>,
}

/// Pending sessions in the order they were minted, which is the order they expire (every
/// session lives as long): a mint appends, the front is pruned, an ended session is only marked.
/// A mint costs O(1); a 100,000-entry tree or map here cost 6% of the mint throughput.
#[derive(Debug, Default)]
struct Pending {
    queue: VecDeque<PendingSession>,
    ended: HashSet<SignatureId>,
}

impl Pending {
    fn insert(&mut self, session: PendingSession) {
        self.queue.push_back(session);
    }

    fn end(&mut self, id: &SignatureId) {
        self.ended.insert(id.clone());
        // Ids no longer queued (ended after they were pruned) are dropped now and then.
        if self.ended.len() > self.queue.len() + 1024 {
            let queued: HashSet<&SignatureId> = self.queue.iter().map(|s| &s.signature_id).collect();
            let ended = std::mem::take(&mut self.ended);
            self.ended = ended.into_iter().filter(|id| queued.contains(id)).collect();
        }
    }

    /// Forgets sessions that expired before `cutoff`, then the oldest beyond `cap`.
    fn prune(&mut self, cutoff: u64, cap: usize) {
        while let Some(oldest) = self.queue.front() {
            if oldest.expires_at >= cutoff && self.queue.len() < cap {
                break;
            }
            if let Some(oldest) = self.queue.pop_front() {
                self.ended.remove(&oldest.signature_id);
            }
        }
    }

    fn live(&self, cutoff: u64) -> impl Iterator<Item = &PendingSession> {
        self.queue.iter().filter(move |s| s.expires_at > cutoff && !self.ended.contains(&s.signature_id))
    }
}

impl MemoryStore {
    /// An empty store with these rate limits.
    pub fn new(limits: &RateLimits) -> Self {
        Self {
            known: Mutex::default(),
            recent: Mutex::default(),
            pending: Mutex::default(),
            records: Mutex::default(),
            outbox: Mutex::default(),
            follow: Mutex::default(),
            limits: ClientLimits::new(limits),
        }
    }

    /// Forgets rate-limit state of clients whose budgets are full again.
    pub fn forget_idle_clients(&self) {
        self.limits.forget_idle_clients();
    }

    pub(super) async fn lookup(&self, id: &SignatureId) -> Result<Lookup, StoreError> {
        let known = lock(&self.known).get(id).filter(|(_, at)| at.elapsed() < REMEMBER_FOR).map(|(k, _)| k.clone());
        let recent = match known {
            Some(_) => None,
            None => lock(&self.recent).get(id).filter(|(_, at)| at.elapsed() < PENDING_REUSE).map(|(r, _)| r.clone()),
        };
        Ok(Lookup { known, recent })
    }

    pub(super) async fn lease(&self, _: &SignatureId) -> Result<Option<Lease>, StoreError> {
        Ok(Some(Lease(String::new())))
    }

    pub(super) async fn finish(&self, id: &SignatureId, outcome: Outcome<'_>, _: Lease) -> Result<(), StoreError> {
        let known = match outcome {
            Outcome::Final(result) => Known::Final(result.clone()),
            Outcome::Purged => Known::Purged,
            Outcome::Recent(recent) => {
                let mut entries = lock(&self.recent);
                if entries.len() >= MAX_SESSIONS {
                    entries.retain(|_, (_, at)| at.elapsed() < PENDING_REUSE);
                }
                entries.insert(id.clone(), (recent.clone(), Instant::now()));
                return Ok(());
            }
            Outcome::Nothing => return Ok(()),
        };
        lock(&self.recent).remove(id);
        lock(&self.pending).end(id);
        lock(&self.follow).remove(id);
        if matches!(known, Known::Final(_))
            && let Some(record) = lock(&self.records).by_id.get_mut(id)
        {
            record.completed_at.get_or_insert_with(now_ms);
        }
        let mut entries = lock(&self.known);
        if matches!(known, Known::Final(_)) && matches!(entries.get(id), Some((Known::Purged, _))) {
            return Ok(());
        }
        if entries.len() >= MAX_SESSIONS {
            entries.retain(|_, (_, at)| at.elapsed() < REMEMBER_FOR);
            if entries.len() >= MAX_SESSIONS
                && let Some(oldest) = entries.iter().min_by_key(|(_, (_, at))| *at).map(|(id, _)| id.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(id.clone(), (known, Instant::now()));
        Ok(())
    }

    pub(super) async fn spend(&self, action: Action, client: IpAddr) -> Result<Result<(), Duration>, StoreError> {
        Ok(self.limits.spend(action, client))
    }

    pub(super) async fn save_record(&self, record: &SessionRecord) -> Result<(), StoreError> {
        let mut records = lock(&self.records);
        while let Some((at, id)) = records.order.front()
            && (at.elapsed() >= REMEMBER_FOR || records.order.len() >= MAX_SESSIONS)
        {
            let id = id.clone();
            records.order.pop_front();
            records.by_id.remove(&id);
        }
        records.order.push_back((Instant::now(), record.signature_id.clone()));
        records.by_id.insert(record.signature_id.clone(), record.clone());
        Ok(())
    }

    pub(super) async fn record(&self, id: &SignatureId) -> Result<Option<SessionRecord>, StoreError> {
        Ok(lock(&self.records).by_id.get(id).cloned())
    }

    pub(super) async fn enqueue(&self, delivery: &Delivery) -> Result<bool, StoreError> {
        let mut outbox = lock(&self.outbox);
        if outbox.contains_key(&delivery.id) {
            return Ok(false);
        }
        outbox.insert(delivery.id.clone(), delivery.clone());
        Ok(true)
    }

    pub(super) async fn claim_due(&self, now: u64, limit: usize, hold_until: u64) -> Result<Vec<Delivery>, StoreError> {
        let mut outbox = lock(&self.outbox);
        let mut due: Vec<&mut Delivery> = outbox.values_mut().filter(|d| d.due_at <= now).collect();
        due.sort_by_key(|d| d.due_at);
        Ok(due
            .into_iter()
            .take(limit)
            .map(|delivery| {
                let claimed = delivery.clone();
                delivery.due_at = hold_until;
                claimed
            })
            .collect())
    }

    pub(super) async fn settle_delivery(&self, id: &str, next: Option<&Delivery>) -> Result<(), StoreError> {
        let mut outbox = lock(&self.outbox);
        match next {
            Some(next) => outbox.insert(id.to_owned(), next.clone()),
            None => outbox.remove(id),
        };
        Ok(())
    }

    pub(super) async fn register_pending(&self, session: &PendingSession) -> Result<(), StoreError> {
        let mut pending = lock(&self.pending);
        pending.prune(now_ms().saturating_sub(PENDING_GRACE.as_millis() as u64), MAX_SESSIONS);
        pending.insert(session.clone());
        Ok(())
    }

    /// Looks at every pending session, oldest first: one pass over at most [`MAX_SESSIONS`]
    /// a tick, where a due-ordered index would cost every mint.
    pub(super) async fn claim_follows(
        &self,
        now: u64,
        limit: usize,
        hold_until: u64,
    ) -> Result<Vec<PendingSession>, StoreError> {
        let pending = lock(&self.pending);
        let mut follow = lock(&self.follow);
        if follow.len() > pending.queue.len() {
            let queued: HashSet<&SignatureId> = pending.queue.iter().map(|s| &s.signature_id).collect();
            follow.retain(|id, _| queued.contains(id));
        }
        let cutoff = now_ms().saturating_sub(PENDING_GRACE.as_millis() as u64);
        let mut claimed = Vec::new();
        for session in pending.live(cutoff) {
            let due = follow.get(&session.signature_id).copied().unwrap_or(session.follow_at);
            if due <= now {
                follow.insert(session.signature_id.clone(), hold_until);
                claimed.push(PendingSession { follow_at: now, ..session.clone() });
                if claimed.len() == limit {
                    break;
                }
            }
        }
        Ok(claimed)
    }

    pub(super) async fn follow_at(&self, id: &SignatureId, at: u64) -> Result<(), StoreError> {
        if let Some(next) = lock(&self.follow).get_mut(id) {
            *next = at;
        }
        Ok(())
    }

    pub(super) async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use advance_liveness::{ResultResponse, VerificationStatus};

    use super::*;

    fn passed() -> ResultResponse {
        ResultResponse { status: VerificationStatus::Passed, score: Some(90.0), attack_type: None, code: None }
    }

    #[tokio::test]
    async fn a_purge_replaces_the_result_and_is_never_overwritten_by_a_late_read() {
        let store = MemoryStore::new(&RateLimits::default());
        let id = SignatureId::new("abcd").unwrap();
        let lease = || Lease(String::new());
        store.finish(&id, Outcome::Final(&passed()), lease()).await.unwrap();
        assert_eq!(store.lookup(&id).await.unwrap().known, Some(Known::Final(passed())));
        store.finish(&id, Outcome::Purged, lease()).await.unwrap();
        store.finish(&id, Outcome::Final(&passed()), lease()).await.unwrap();
        assert_eq!(store.lookup(&id).await.unwrap().known, Some(Known::Purged));
    }

    #[tokio::test]
    async fn pending_sessions_leave_the_registry_when_they_end() {
        let store = MemoryStore::new(&RateLimits::default());
        let (a, b) = (SignatureId::new("aaaa").unwrap(), SignatureId::new("bbbb").unwrap());
        let now = now_ms();
        for id in [&a, &b] {
            let session = PendingSession { signature_id: id.clone(), expires_at: now + 2000, follow_at: now };
            store.register_pending(&session).await.unwrap();
        }
        let ids = |sessions: Vec<PendingSession>| sessions.into_iter().map(|s| s.signature_id).collect::<Vec<_>>();
        assert_eq!(ids(store.claim_follows(now, 10, now + 1000).await.unwrap()), [a.clone(), b.clone()]);
        store.finish(&b, Outcome::Final(&passed()), Lease(String::new())).await.unwrap();
        for id in [&a, &b] {
            store.follow_at(id, now).await.unwrap();
        }
        assert_eq!(ids(store.claim_follows(now, 10, now + 1000).await.unwrap()), [a]);
    }
}
