//! Following sessions whose browser left: a session ends (and its webhook goes out) even when no
//! browser, return page or backend reads it again. Every instance runs a follower; it reads each
//! pending session through the same reads as everyone (one vendor call per turn, shared with any
//! other reader), at most once per interval that grows with the session's age: often at first,
//! when a user who closed the tab may finish on a phone, then every few minutes, and once right
//! at expiry, which ends it as `expired`. The store keeps the sessions in order of their next
//! read; a follower claims the due ones (held a minute, so no other follower reads them
//! meanwhile), reads up to 16 at once and sets when each is read next. So however many sessions
//! are pending, each is read on time, and the fleet together reads a session no more often than
//! one instance would. A vendor that asks to wait (`Retry-After`) pauses the follower that long.

use std::sync::Weak;
use std::time::Duration;

use advance_liveness::SessionMode;
use futures_util::StreamExt;

use super::binding::OwnedSession;
use super::sessions::{AppState, SharedState, read_result};
use crate::clock::now_ms;

/// How often a session is read while nobody else reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowSchedule {
    /// The first read, and the shortest interval. Default 30 s.
    pub first: Duration,
    /// The longest interval. Default 5 min.
    pub longest: Duration,
    /// How often the follower looks at the pending sessions. Default 1 s.
    pub tick: Duration,
}

impl Default for FollowSchedule {
    fn default() -> Self {
        Self { first: Duration::from_secs(30), longest: Duration::from_secs(300), tick: Duration::from_secs(1) }
    }
}

impl FollowSchedule {
    /// The wait after a read of a session `age` old: a quarter of its age, within the bounds.
    pub fn interval(&self, age: Duration) -> Duration {
        (age / 4).clamp(self.first, self.longest)
    }

    /// The wait after a read of a session `age` old that lives `lifetime`: the interval, but no
    /// later than its expiry, so the read that ends it as expired comes right after.
    pub fn wait(&self, age: Duration, lifetime: Duration) -> Duration {
        let interval = self.interval(age);
        match lifetime.checked_sub(age) {
            Some(left) if !left.is_zero() => interval.min(left),
            _ => interval,
        }
    }

    /// The reads it makes of a session nobody else reads, from mint to the read at its expiry.
    pub fn reads_until_expiry(&self, lifetime: Duration) -> u32 {
        let (mut at, mut reads) = (self.first, 0);
        loop {
            reads += 1;
            if at >= lifetime {
                return reads;
            }
            at += self.wait(at, lifetime);
        }
    }
}

/// Sessions a follower claims at a time.
const CLAIM: usize = 256;

/// How long a claimed session is left to its follower before another may take it.
const HOLD: Duration = Duration::from_secs(60);

/// Reads a follower makes at once (the vendor's latency, not this server, bounds its pace).
const AT_ONCE: usize = 16;

/// Starts this instance's follower; it stops when the app's state is dropped.
pub fn start(state: Weak<SharedState>, schedule: FollowSchedule) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
    runtime.spawn(async move {
        loop {
            tokio::time::sleep(schedule.tick).await;
            let Some(state) = AppState::upgrade(&state) else { break };
            if let Some(pause) = follow_once(&state, &schedule).await {
                tracing::info!(?pause, "session follower paused: the vendor asked to wait");
                tokio::time::sleep(pause).await;
            }
        }
    });
}

/// Reads the sessions due now, some at once, and sets when each is read next; answers how long
/// to pause if the vendor asked.
async fn follow_once(state: &AppState, schedule: &FollowSchedule) -> Option<Duration> {
    let now = now_ms();
    let due = match state.store.claim_follows(now, CLAIM, now + HOLD.as_millis() as u64).await {
        Ok(due) => due,
        Err(error) => {
            state.metrics.store_error(&error);
            return None;
        }
    };
    let lifetime = state.config.session_lifetime;
    let pauses = futures_util::stream::iter(due)
        .map(|session| async move {
            let minted_at = session.expires_at.saturating_sub(lifetime.as_millis() as u64);
            let age = Duration::from_millis(now.saturating_sub(minted_at));
            let owned = OwnedSession {
                signature_id: session.signature_id,
                expires_at: session.expires_at,
                mode: SessionMode::Iframe,
            };
            let read = read_result(state, &owned).await;
            // Still pending, or the read failed: again after the wait. An ended session has left
            // the queue (and `follow_at` would not put it back).
            if !matches!(&read, Ok(answer) if answer.status.is_terminal()) {
                let next = now + schedule.wait(age, lifetime).as_millis() as u64;
                if let Err(error) = state.store.follow_at(&owned.signature_id, next).await {
                    state.metrics.store_error(&error);
                }
            }
            read.err().and_then(|error| error.retry_after_delay())
        })
        .buffer_unordered(AT_ONCE)
        .collect::<Vec<_>>()
        .await;
    pauses.into_iter().flatten().max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendor::api::SESSION_URL_LIFETIME_MS;

    #[test]
    fn a_session_is_read_often_at_first_then_every_five_minutes_and_once_at_expiry() {
        let schedule = FollowSchedule::default();
        assert_eq!(schedule.interval(Duration::from_secs(10)), Duration::from_secs(30));
        assert_eq!(schedule.interval(Duration::from_secs(600)), Duration::from_secs(150));
        assert_eq!(schedule.interval(Duration::from_secs(3000)), Duration::from_secs(300));
        // The last wait ends at expiry; after it, the interval again (a read that failed).
        let hour = Duration::from_millis(SESSION_URL_LIFETIME_MS);
        assert_eq!(schedule.wait(Duration::from_secs(3500), hour), Duration::from_secs(100));
        assert_eq!(schedule.wait(hour, hour), Duration::from_secs(300));
        // An hour's session nobody reads: 23 reads, the last at its expiry.
        assert_eq!(schedule.reads_until_expiry(hour), 23);
    }
}
