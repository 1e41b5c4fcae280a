//! Reads of a session's result at the vendor, bounded per session whatever the clients do, and
//! across the fleet when the store is shared:
//!
//! - a terminal result or a purge is remembered in the store ([`Known`]): never read again;
//! - an unfinished answer (or a vendor error) is reused by everyone for [`PENDING_REUSE`], so a
//!   session costs at most one Get Result a second however often, and wherever, it is polled;
//! - one reader at a time: within an instance, a per-session flight lock; across instances, a
//!   lease in the store. Whoever does not get the lease waits for the holder's answer.
//!
//! Purges take the same turn, so a purge and a read of one session never race, and a purged
//! session is never read again.
//!
//! Without the store (down or slow): reads go on, each instance reusing its own last answer for
//! [`PENDING_REUSE`] (the vendor still says `RESULT_NOT_FOUND` for a purged session, so nothing
//! untrue is answered); purges refuse with `503 store_unavailable`, since the other instances
//! could not learn of them.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advance_liveness::{ApiErrorCode, ResultResponse, SignatureId, VerificationStatus};

use super::error::AppError;
use super::metrics::Metrics;
pub use super::store::PENDING_REUSE;
use super::store::{Known, LEASE_TTL, Lease, Outcome, Recent, Store, StoreError};

/// How often a reader without the lease looks for the holder's answer.
const LEASE_POLL: Duration = Duration::from_millis(20);

/// Flights kept before idle ones are pruned.
const PRUNE_ABOVE: usize = 1024;

/// This instance's last answer for a session, reused while the store fails.
type Last = Option<(Recent, Instant)>;

/// The reads and purges of every session.
#[derive(Debug)]
pub struct ResultReads {
    store: Arc<Store>,
    metrics: Metrics,
    flights: Mutex<HashMap<SignatureId, Arc<tokio::sync::Mutex<Last>>>>,
}

/// A read's answer.
#[derive(Debug)]
pub struct Read {
    /// The result, or why there is none.
    pub answer: Result<ResultResponse, AppError>,
    /// Whether this read learnt the terminal result (once per session for the fleet, while the
    /// store works).
    pub newly_final: bool,
}

/// Whose turn it is to call the vendor for a session.
enum Turn {
    /// Nobody's: it is known for good.
    Known(Known),
    /// Nobody's: someone read it a moment ago.
    Recent(Recent),
    /// This reader's.
    Mine(Lease),
}

impl ResultReads {
    /// Reads and purges through `store`.
    pub fn new(store: Arc<Store>, metrics: Metrics) -> Self {
        Self { store, metrics, flights: Mutex::default() }
    }

    /// The result of `id`: known, or recent, or from `fetch` (one at a time per session). Once
    /// the session has `expired`, a recent `pending` answer does not do: the next fetch ends it.
    pub async fn read<F, Fut>(&self, id: &SignatureId, expired: bool, fetch: F) -> Read
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<ResultResponse, AppError>>,
    {
        let flight = self.flight(id);
        let mut last = flight.lock().await;
        let reuse = Reuse::Answers { expired };
        let lease = match self.turn(id, reuse).await {
            Ok(Turn::Known(known)) => return self.hit(answer_of(known)),
            Ok(Turn::Recent(recent)) => return self.hit(recent),
            Ok(Turn::Mine(lease)) => lease,
            Err(Waited::TooLong) => return Read { answer: Err(busy()), newly_final: false },
            Err(Waited::Store(error)) => return self.read_alone(&mut last, reuse, error, fetch).await,
        };
        self.metrics.cache_miss();
        let answer = fetch().await;
        let outcome = match &answer {
            Ok(result) if result.status.is_terminal() => Outcome::Final(result),
            Err(error) if error.code() == ApiErrorCode::ResultPurged => Outcome::Purged,
            recent => Outcome::Recent(recent),
        };
        let newly_final = matches!(outcome, Outcome::Final(_));
        if let Err(error) = self.store.finish(id, outcome, lease).await {
            self.store_failed(&error);
        }
        *last = Some((answer.clone(), Instant::now()));
        Read { answer, newly_final }
    }

    /// Purges `id` with `purge`, unless it is known to be purged already (then nothing is called).
    /// Refuses while the store fails: the other instances would go on answering the result.
    pub async fn purge<F, Fut>(&self, id: &SignatureId, purge: F) -> Result<(), AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), AppError>>,
    {
        let flight = self.flight(id);
        let mut last = flight.lock().await;
        let lease = match self.turn(id, Reuse::Nothing).await {
            Ok(Turn::Known(Known::Purged)) => return Ok(()),
            Ok(Turn::Mine(lease)) => lease,
            // `turn` without reuse ends only on a purge or a lease.
            Ok(Turn::Known(Known::Final(_)) | Turn::Recent(_)) => return Err(AppError::internal(&"purge turn")),
            Err(Waited::TooLong) => return Err(busy()),
            Err(Waited::Store(error)) => {
                self.store_failed(&error);
                return Err(error.refusal());
            }
        };
        if let Err(error) = purge().await {
            if let Err(store) = self.store.finish(id, Outcome::Nothing, lease).await {
                self.store_failed(&store);
            }
            return Err(error);
        }
        *last = Some((Err(AppError::purged()), Instant::now()));
        self.store.finish(id, Outcome::Purged, lease).await.map_err(|error| {
            // The vendor deleted the data; asking again repeats an idempotent clear-data.
            self.store_failed(&error);
            error.refusal()
        })
    }

    /// Waits for this reader's turn, or for an answer it can `reuse`.
    async fn turn(&self, id: &SignatureId, reuse: Reuse) -> Result<Turn, Waited> {
        let since = Instant::now();
        loop {
            let lookup = self.store.lookup(id).await?;
            match lookup.known {
                Some(Known::Purged) => return Ok(Turn::Known(Known::Purged)),
                Some(known) if reuse.known() => return Ok(Turn::Known(known)),
                _ => {}
            }
            if let Some(recent) = lookup.recent.filter(|recent| reuse.recent(recent)) {
                return Ok(Turn::Recent(recent));
            }
            if let Some(lease) = self.store.lease(id).await? {
                // The previous holder may have finished between the lookup and the lease.
                let lookup = self.store.lookup(id).await;
                let done = match &lookup {
                    Ok(lookup) => match &lookup.known {
                        Some(Known::Purged) => true,
                        Some(_) => reuse.known(),
                        None => lookup.recent.as_ref().is_some_and(|recent| reuse.recent(recent)),
                    },
                    Err(_) => false,
                };
                if !done {
                    return Ok(Turn::Mine(lease));
                }
                self.store.finish(id, Outcome::Nothing, lease).await?;
                continue;
            }
            if since.elapsed() >= LEASE_TTL {
                return Err(Waited::TooLong);
            }
            tokio::time::sleep(LEASE_POLL).await;
        }
    }

    fn hit(&self, answer: Recent) -> Read {
        self.metrics.cache_hit();
        Read { answer, newly_final: false }
    }

    /// A read while the store fails: this instance's last answer if recent, else the vendor's.
    async fn read_alone<F, Fut>(&self, last: &mut Last, reuse: Reuse, error: StoreError, fetch: F) -> Read
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<ResultResponse, AppError>>,
    {
        self.store_failed(&error);
        if let Some((answer, at)) = last.as_ref()
            && at.elapsed() < PENDING_REUSE
            && reuse.recent(answer)
        {
            return self.hit(answer.clone());
        }
        self.metrics.cache_miss();
        let answer = fetch().await;
        *last = Some((answer.clone(), Instant::now()));
        // Told as new each time: with --purge-after-read, the images go again (idempotent).
        let newly_final = matches!(&answer, Ok(result) if result.status.is_terminal());
        Read { answer, newly_final }
    }

    fn store_failed(&self, error: &StoreError) {
        self.metrics.store_error(error);
        tracing::warn!(%error, "store call failed");
    }

    fn flight(&self, id: &SignatureId) -> Arc<tokio::sync::Mutex<Last>> {
        let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        if flights.len() >= PRUNE_ABOVE && !flights.contains_key(id) {
            // Keep flights in use and answers still worth reusing.
            flights.retain(|_, flight| {
                Arc::strong_count(flight) > 1
                    || flight.try_lock().is_ok_and(|r| r.as_ref().is_some_and(|(_, at)| at.elapsed() < PENDING_REUSE))
            });
        }
        flights.entry(id.clone()).or_default().clone()
    }
}

/// What ends a wait for the turn, besides the lease.
#[derive(Debug, Clone, Copy)]
enum Reuse {
    /// Only a purge (a purge goes on over a known result).
    Nothing,
    /// A known answer, or a recent one, except a recent `pending` once the session `expired`
    /// (the read that ends it as expired must ask the vendor).
    Answers { expired: bool },
}

impl Reuse {
    fn known(self) -> bool {
        matches!(self, Self::Answers { .. })
    }

    fn recent(self, recent: &Recent) -> bool {
        match self {
            Self::Nothing => false,
            Self::Answers { expired } => {
                !(expired && matches!(recent, Ok(answer) if answer.status == VerificationStatus::Pending))
            }
        }
    }
}

/// Why no turn came.
enum Waited {
    /// The store failed.
    Store(StoreError),
    /// Another reader held the lease for its whole lifetime.
    TooLong,
}

impl From<StoreError> for Waited {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

fn busy() -> AppError {
    AppError::new(ApiErrorCode::ServerBusy, "this session is being read elsewhere; try again")
        .retry_after(Duration::from_secs(1))
}

fn answer_of(known: Known) -> Result<ResultResponse, AppError> {
    match known {
        Known::Final(result) => Ok(result),
        Known::Purged => Err(AppError::purged()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::app::client_limits::RateLimits;
    use crate::app::store::MemoryStore;

    fn result(status: VerificationStatus) -> ResultResponse {
        ResultResponse { status, score: None, attack_type: None, code: None }
    }

    fn reads() -> ResultReads {
        ResultReads::new(Arc::new(Store::Memory(MemoryStore::new(&RateLimits::default()))), Metrics::new())
    }

    #[tokio::test]
    async fn concurrent_reads_of_one_session_share_one_call_and_pending_is_reused() {
        let reads = Arc::new(reads());
        let calls = Arc::new(AtomicUsize::new(0));
        let id = SignatureId::new("abcd").unwrap();
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (reads, calls, id) = (reads.clone(), calls.clone(), id.clone());
                tokio::spawn(async move {
                    let read = reads
                        .read(&id, false, || async {
                            calls.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok(result(VerificationStatus::Pending))
                        })
                        .await;
                    read.answer.unwrap().status
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap(), VerificationStatus::Pending);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_final_result_is_learnt_once_and_a_purge_ends_every_read() {
        let reads = reads();
        let id = SignatureId::new("abcd").unwrap();
        let first = reads.read(&id, false, || async { Ok(result(VerificationStatus::Passed)) }).await;
        assert!(first.newly_final);
        let again = reads.read(&id, false, || async { unreachable!("remembered") }).await;
        assert!(!again.newly_final);
        assert_eq!(again.answer.unwrap().status, VerificationStatus::Passed);

        let purges = AtomicUsize::new(0);
        for _ in 0..3 {
            reads
                .purge(&id, || async {
                    purges.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                })
                .await
                .unwrap();
        }
        assert_eq!(purges.load(Ordering::SeqCst), 1, "a purged session is not purged again");
        let gone = reads.read(&id, false, || async { unreachable!("purged") }).await;
        assert_eq!(gone.answer.unwrap_err().code(), ApiErrorCode::ResultPurged);
    }

    #[tokio::test]
    async fn a_pending_answer_from_before_expiry_is_not_reused_after_it() {
        let reads = reads();
        let id = SignatureId::new("abcd").unwrap();
        reads.read(&id, false, || async { Ok(result(VerificationStatus::Pending)) }).await;
        let before = reads.read(&id, false, || async { unreachable!("reused before expiry") }).await;
        assert_eq!(before.answer.unwrap().status, VerificationStatus::Pending);
        let after = reads.read(&id, true, || async { Ok(result(VerificationStatus::Expired)) }).await;
        assert!(after.newly_final);
        let again = reads.read(&id, true, || async { unreachable!("known") }).await;
        assert_eq!(again.answer.unwrap().status, VerificationStatus::Expired);
    }

    #[tokio::test]
    async fn errors_are_reused_briefly_too_then_read_again() {
        let reads = reads();
        let id = SignatureId::new("abcd").unwrap();
        let failing = || async { Err(AppError::new(ApiErrorCode::VendorTimeout, "slow")) };
        assert!(reads.read(&id, false, failing).await.answer.is_err());
        let reused = reads.read(&id, false, || async { unreachable!("reused") }).await;
        assert_eq!(reused.answer.unwrap_err().code(), ApiErrorCode::VendorTimeout);
        tokio::time::sleep(PENDING_REUSE).await;
        let fresh = reads.read(&id, false, || async { Ok(result(VerificationStatus::Pending)) }).await;
        assert!(fresh.answer.is_ok());
    }
}
