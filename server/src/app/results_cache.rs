//! Terminal results, remembered so that repeated polls do not call the vendor again (a `SUCCESS`
//! answer may be billed). Per instance: a second instance reads the vendor once more, at most.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use advance_liveness::{ResultResponse, SignatureId};

/// How long a terminal result is remembered.
pub const REMEMBER_FOR: Duration = Duration::from_secs(24 * 3600);

/// Most results kept; the oldest are forgotten first beyond this.
pub const MAX_RESULTS: usize = 100_000;

/// The cache. Holds only what the browser may see (status, score, attack type, code).
#[derive(Debug, Default)]
pub struct ResultsCache {
    entries: Mutex<HashMap<SignatureId, (ResultResponse, Instant)>>,
}

impl ResultsCache {
    /// The remembered terminal result of `id`.
    pub fn get(&self, id: &SignatureId) -> Option<ResultResponse> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(id).filter(|(_, at)| at.elapsed() < REMEMBER_FOR).map(|(result, _)| result.clone())
    }

    /// Remembers a terminal result.
    pub fn insert(&self, id: SignatureId, result: ResultResponse) {
        debug_assert!(result.status.is_terminal());
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_RESULTS {
            entries.retain(|_, (_, at)| at.elapsed() < REMEMBER_FOR);
            if entries.len() >= MAX_RESULTS
                && let Some(oldest) = entries.iter().min_by_key(|(_, (_, at))| *at).map(|(id, _)| id.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(id, (result, Instant::now()));
    }
}
