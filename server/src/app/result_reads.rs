//! Reads of a session's result at the vendor, bounded per session whatever the clients do:
//! concurrent reads of one session share one vendor call (single flight), and an unfinished
//! answer (or a vendor error) is reused for [`PENDING_REUSE`], so a session costs at most one
//! Get Result a second however often it is polled. Terminal results and purges are then
//! remembered for good ([`ResultsCache`]). Purges go through the same per-session flight, so a
//! purge and a read of one session never race, and a purged session is never read again.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advance_liveness::{ApiErrorCode, ResultResponse, SignatureId};

use super::error::AppError;
use super::results_cache::{Known, ResultsCache};

/// How long an unfinished answer (or an error) of the vendor is reused for the same session.
/// The page polls no faster than once a second (its backoff waits 1 s, 1.5 s, ...).
pub const PENDING_REUSE: Duration = Duration::from_secs(1);

/// Flights kept before idle ones are pruned.
const PRUNE_ABOVE: usize = 1024;

type Recent = Option<(Result<ResultResponse, AppError>, Instant)>;

/// The reads and purges of every session.
#[derive(Debug, Default)]
pub struct ResultReads {
    known: ResultsCache,
    flights: Mutex<HashMap<SignatureId, Arc<tokio::sync::Mutex<Recent>>>>,
}

/// A read's answer.
#[derive(Debug)]
pub struct Read {
    /// The result, or why there is none.
    pub answer: Result<ResultResponse, AppError>,
    /// Whether this read learnt the terminal result (true once per session and instance).
    pub newly_final: bool,
}

impl ResultReads {
    /// The result of `id`: remembered, or recent, or from `fetch` (one at a time per session).
    pub async fn read<F, Fut>(&self, id: &SignatureId, fetch: F) -> Read
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<ResultResponse, AppError>>,
    {
        if let Some(known) = self.known.get(id) {
            return Read { answer: answer_of(known), newly_final: false };
        }
        let flight = self.flight(id);
        let mut recent = flight.lock().await;
        if let Some(known) = self.known.get(id) {
            return Read { answer: answer_of(known), newly_final: false };
        }
        if let Some((answer, at)) = &*recent
            && at.elapsed() < PENDING_REUSE
        {
            return Read { answer: answer.clone(), newly_final: false };
        }
        let answer = fetch().await;
        let mut newly_final = false;
        match &answer {
            Ok(result) if result.status.is_terminal() => {
                self.known.insert(id.clone(), result.clone());
                newly_final = true;
            }
            Err(error) if error.code() == ApiErrorCode::ResultPurged => self.known.mark_purged(id.clone()),
            _ => {}
        }
        *recent = Some((answer.clone(), Instant::now()));
        Read { answer, newly_final }
    }

    /// Purges `id` with `purge`, unless it is known to be purged already (then nothing is called).
    pub async fn purge<F, Fut>(&self, id: &SignatureId, purge: F) -> Result<(), AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), AppError>>,
    {
        if self.known.get(id) == Some(Known::Purged) {
            return Ok(());
        }
        let flight = self.flight(id);
        let mut recent = flight.lock().await;
        if self.known.get(id) == Some(Known::Purged) {
            return Ok(());
        }
        purge().await?;
        self.known.mark_purged(id.clone());
        *recent = None;
        Ok(())
    }

    fn flight(&self, id: &SignatureId) -> Arc<tokio::sync::Mutex<Recent>> {
        let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        if flights.len() >= PRUNE_ABOVE && !flights.contains_key(id) {
            // Keep flights in use and recent answers still worth reusing.
            flights.retain(|_, flight| {
                Arc::strong_count(flight) > 1
                    || flight.try_lock().is_ok_and(|r| r.as_ref().is_some_and(|(_, at)| at.elapsed() < PENDING_REUSE))
            });
        }
        flights.entry(id.clone()).or_default().clone()
    }
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

    use advance_liveness::VerificationStatus;

    use super::*;

    fn result(status: VerificationStatus) -> ResultResponse {
        ResultResponse { status, score: None, attack_type: None, code: None }
    }

    #[tokio::test]
    async fn concurrent_reads_of_one_session_share_one_call_and_pending_is_reused() {
        let reads = Arc::new(ResultReads::default());
        let calls = Arc::new(AtomicUsize::new(0));
        let id = SignatureId::new("abcd").unwrap();
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (reads, calls, id) = (reads.clone(), calls.clone(), id.clone());
                tokio::spawn(async move {
                    let read = reads
                        .read(&id, || async {
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
        let reads = ResultReads::default();
        let id = SignatureId::new("abcd").unwrap();
        let first = reads.read(&id, || async { Ok(result(VerificationStatus::Passed)) }).await;
        assert!(first.newly_final);
        let again = reads.read(&id, || async { unreachable!("remembered") }).await;
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
        let gone = reads.read(&id, || async { unreachable!("purged") }).await;
        assert_eq!(gone.answer.unwrap_err().code(), ApiErrorCode::ResultPurged);
    }

    #[tokio::test]
    async fn errors_are_reused_briefly_too_then_read_again() {
        let reads = ResultReads::default();
        let id = SignatureId::new("abcd").unwrap();
        let failing = || async { Err(AppError::new(ApiErrorCode::VendorTimeout, "slow")) };
        assert!(reads.read(&id, failing).await.answer.is_err());
        let reused = reads.read(&id, || async { unreachable!("reused") }).await;
        assert_eq!(reused.answer.unwrap_err().code(), ApiErrorCode::VendorTimeout);
        tokio::time::sleep(PENDING_REUSE).await;
        let fresh = reads.read(&id, || async { Ok(result(VerificationStatus::Pending)) }).await;
        assert!(fresh.answer.is_ok());
    }
}
