//! Sending webhooks: at least once, from the outbox in the store. Each event is queued once per
//! URL (its id makes a second queueing, by this or another instance, a no-op). Every instance
//! runs a sender that claims due deliveries (held for [`HOLD`], so two instances do not send the
//! same one at once), signs each when it sends it, and settles it: a `2xx` answer is done; any
//! other answer, or none, is retried after an exponential, jittered delay (1 s, 2 s, 4 s, ... at
//! most an hour) until [`GIVE_UP_AFTER`] has passed since it was queued. With Redis an
//! undelivered event survives a restart; in memory it does not.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::Notify;
use url::Url;

use super::event::{Delivery, Event};
use super::signature::{HEADER, WebhookSecret, sign};
use crate::app::metrics::Metrics;
use crate::app::store::{Store, StoreError};
use crate::clock::now_ms;

/// How often the sender looks for due deliveries.
pub const POLL: Duration = Duration::from_millis(250);

/// Deliveries a sender claims and sends at once.
const AT_ONCE: usize = 16;

/// How long a claimed delivery is held from other senders (longer than a send takes).
pub const HOLD: Duration = Duration::from_secs(60);

/// Time a receiver has to answer one delivery.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// After this long since it was queued, a delivery that never got a `2xx` is given up (logged).
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// Where events go and how they are signed.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// The receivers; each gets every event.
    pub urls: Vec<Url>,
    /// The signing secret, then (during a rotation) the previous one.
    pub secrets: Vec<WebhookSecret>,
}

/// Queues `event` for every receiver; answers whether any delivery was new. A failing store is
/// logged and counted: the event is then lost for this instance, though any instance that learns
/// the same thing queues it again.
pub async fn announce(store: &Store, settings: &WebhookSettings, metrics: &Metrics, event: &Event) -> bool {
    let body = match serde_json::to_string(event) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "webhook event not serialisable");
            return false;
        }
    };
    let now = now_ms();
    let mut queued = false;
    for (index, url) in settings.urls.iter().enumerate() {
        let delivery = Delivery {
            id: format!("{}@{index}", event.id),
            url: url.as_str().to_owned(),
            body: body.clone(),
            queued_at: now,
            attempts: 0,
            due_at: now,
        };
        match store.enqueue(&delivery).await {
            Ok(true) => {
                tracing::info!(event = %event.id, kind = %event.kind, "webhook queued");
                queued = true;
            }
            Ok(false) => {}
            Err(error) => failed(metrics, &error),
        }
    }
    queued
}

/// Starts this instance's sender; it stops when the store is dropped (the router with it). It
/// looks for due deliveries every [`POLL`], or at once when `wake` is notified (this instance
/// queued an event).
pub fn start_sender(store: Weak<Store>, wake: Arc<Notify>, settings: WebhookSettings, metrics: Metrics) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
    let http = match reqwest::Client::builder()
        .timeout(SEND_TIMEOUT)
        .user_agent(concat!("advance-liveness-server/", env!("CARGO_PKG_VERSION"), " webhooks"))
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(http) => http,
        Err(error) => return tracing::error!(%error, "webhook sender not started"),
    };
    let settings = Arc::new(settings);
    runtime.spawn(async move {
        let mut backlog = false;
        loop {
            // A full batch means more may be due: the next one at once.
            if !backlog {
                tokio::select! {
                    () = tokio::time::sleep(POLL) => {}
                    () = wake.notified() => {}
                }
            }
            let Some(store) = store.upgrade() else { break };
            let now = now_ms();
            let due = match store.claim_due(now, AT_ONCE, now + HOLD.as_millis() as u64).await {
                Ok(due) => due,
                Err(error) => {
                    failed(&metrics, &error);
                    backlog = false;
                    continue;
                }
            };
            backlog = due.len() == AT_ONCE;
            let sends = due.into_iter().map(|delivery| send(&http, &settings, &store, &metrics, delivery));
            futures_util::future::join_all(sends).await;
        }
    });
}

/// One attempt, then the delivery is settled: removed, or due again later.
async fn send(
    http: &reqwest::Client,
    settings: &WebhookSettings,
    store: &Store,
    metrics: &Metrics,
    delivery: Delivery,
) {
    let header = sign(&settings.secrets, now_ms() / 1000, delivery.body.as_bytes());
    let answer = http
        .post(&delivery.url)
        .header("content-type", "application/json")
        .header(HEADER, header)
        .body(delivery.body.clone())
        .send()
        .await;
    let outcome = match &answer {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(format!("HTTP {}", response.status().as_u16())),
        Err(error) => Some(if error.is_timeout() { "no answer in time".to_owned() } else { "unreachable".to_owned() }),
    };
    let attempts = delivery.attempts + 1;
    let now = now_ms();
    let next = match outcome {
        None => {
            tracing::info!(delivery = %delivery.id, attempts, "webhook delivered");
            metrics.webhook(true);
            None
        }
        Some(why) if now.saturating_sub(delivery.queued_at) >= GIVE_UP_AFTER.as_millis() as u64 => {
            tracing::error!(delivery = %delivery.id, attempts, %why, "webhook given up after a day of retries");
            metrics.webhook(false);
            None
        }
        Some(why) => {
            let due_at = now + backoff(attempts).as_millis() as u64;
            tracing::warn!(delivery = %delivery.id, attempts, %why, retry_in_ms = due_at - now, "webhook not delivered");
            metrics.webhook(false);
            Some(Delivery { attempts, due_at, ..delivery.clone() })
        }
    };
    if let Err(error) = store.settle_delivery(&delivery.id, next.as_ref()).await {
        // Still claimed: it is sent again once the hold ends (at least once, never lost).
        failed(metrics, &error);
    }
}

/// Between half and all of `2^(attempts-1)` seconds, at most [`MAX_BACKOFF`].
pub fn backoff(attempts: u32) -> Duration {
    let ceiling = Duration::from_secs(1u64 << attempts.saturating_sub(1).min(12)).min(MAX_BACKOFF);
    ceiling.mul_f64(rand::random_range(0.5..=1.0))
}

fn failed(metrics: &Metrics, error: &StoreError) {
    metrics.store_error(error);
    tracing::warn!(%error, "webhook outbox call failed");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_with_jitter_up_to_an_hour() {
        for (attempts, ceiling) in [(1, 1), (2, 2), (3, 4), (10, 512), (13, 3600), (40, 3600)] {
            let delay = backoff(attempts);
            let ceiling = Duration::from_secs(ceiling);
            assert!(delay <= ceiling && delay >= ceiling / 2, "attempt {attempts}: {delay:?}");
        }
    }
}
