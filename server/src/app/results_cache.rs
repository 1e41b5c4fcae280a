//! What is known for good about sessions: terminal results, remembered so that repeated polls do
//! not call the vendor again (a `SUCCESS` answer may be billed), and purges, so that a purged
//! session answers `410` at once and a second purge costs no vendor call. Per instance: a second
//! instance reads the vendor once more, at most.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use advance_liveness::{ResultResponse, SignatureId};

/// How long a terminal result or a purge is remembered.
pub const REMEMBER_FOR: Duration = Duration::from_secs(24 * 3600);

/// Most sessions remembered; the oldest are forgotten first beyond this.
pub const MAX_RESULTS: usize = 100_000;

/// What is known of a finished session.
#[derive(Debug, Clone, PartialEq)]
pub enum Known {
    /// Its terminal result (only what the browser may see: status, score, attack type, code).
    Final(ResultResponse),
    /// Its data was deleted at the vendor.
    Purged,
}

/// The cache.
#[derive(Debug, Default)]
pub struct ResultsCache {
    entries: Mutex<HashMap<SignatureId, (Known, Instant)>>,
}

impl ResultsCache {
    /// What is remembered of `id`.
    pub fn get(&self, id: &SignatureId) -> Option<Known> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(id).filter(|(_, at)| at.elapsed() < REMEMBER_FOR).map(|(known, _)| known.clone())
    }

    /// Remembers a terminal result, unless the session was purged meanwhile.
    pub fn insert(&self, id: SignatureId, result: ResultResponse) {
        debug_assert!(result.status.is_terminal());
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if matches!(entries.get(&id), Some((Known::Purged, _))) {
            return;
        }
        Self::make_room(&mut entries);
        entries.insert(id, (Known::Final(result), Instant::now()));
    }

    /// Remembers that `id`'s data was deleted (replacing its result).
    pub fn mark_purged(&self, id: SignatureId) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        Self::make_room(&mut entries);
        entries.insert(id, (Known::Purged, Instant::now()));
    }

    fn make_room(entries: &mut HashMap<SignatureId, (Known, Instant)>) {
        if entries.len() >= MAX_RESULTS {
            entries.retain(|_, (_, at)| at.elapsed() < REMEMBER_FOR);
            if entries.len() >= MAX_RESULTS
                && let Some(oldest) = entries.iter().min_by_key(|(_, (_, at))| *at).map(|(id, _)| id.clone())
            {
                entries.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use advance_liveness::VerificationStatus;

    use super::*;

    #[test]
    fn a_purge_replaces_the_result_and_is_never_overwritten_by_a_late_read() {
        let cache = ResultsCache::default();
        let id = SignatureId::new("abcd").unwrap();
        let passed =
            ResultResponse { status: VerificationStatus::Passed, score: Some(90.0), attack_type: None, code: None };
        cache.insert(id.clone(), passed.clone());
        assert_eq!(cache.get(&id), Some(Known::Final(passed.clone())));
        cache.mark_purged(id.clone());
        cache.insert(id.clone(), passed);
        assert_eq!(cache.get(&id), Some(Known::Purged));
    }
}
