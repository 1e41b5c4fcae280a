//! What an operator scrapes: counters of what the server did and how it ended, the vendor's
//! latency, and the connections open, in the OpenMetrics text format (which Prometheus reads)
//! from [`Metrics::render`]. One registry per app (no global recorder), served by the binary on
//! its own address (`--metrics-bind`), never on the public one.
//!
//! | Series | Labels |
//! |---|---|
//! | `advance_liveness_mints_total` | `outcome`: `ok` or the API error code |
//! | `advance_liveness_result_reads_total` | `outcome`: the status (`passed`, `pending`, ...) or the API error code |
//! | `advance_liveness_purges_total` | `outcome`: `ok` or the API error code |
//! | `advance_liveness_vendor_calls_total` | `endpoint`, `code`: the vendor's code or how the call failed |
//! | `advance_liveness_vendor_call_duration_seconds` | `endpoint` (histogram) |
//! | `advance_liveness_rate_limited_total` | `route`: `mint`, `result`, `return`, `purge`, `backend` |
//! | `advance_liveness_result_cache_hits_total`, `..._misses_total` | |
//! | `advance_liveness_store_errors_total` | `operation` |
//! | `advance_liveness_open_connections` | (gauge) |
//! | `advance_liveness_webhook_attempts_total` | `outcome`: `delivered`, `failed` |

use std::sync::Arc;
use std::time::Duration;

use advance_liveness::{ResultResponse, VerificationStatus};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::client_limits::Action;
use super::error::AppError;
use super::store::StoreError;
use crate::vendor::CallObserver;

/// The `Content-Type` of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The app's metrics. Cheap to clone; clones count together.
#[derive(Debug, Clone)]
pub struct Metrics(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    registry: Registry,
    mints: Family<Outcome, Counter>,
    result_reads: Family<Outcome, Counter>,
    purges: Family<Outcome, Counter>,
    vendor_calls: Family<VendorCall, Counter>,
    vendor_latency: Family<VendorEndpoint, Histogram>,
    rate_limited: Family<Route, Counter>,
    cache_hits: Counter,
    cache_misses: Counter,
    store_errors: Family<StoreOperation, Counter>,
    open_connections: Gauge,
    webhooks: Family<Outcome, Counter>,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VendorCall {
    endpoint: &'static str,
    code: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VendorEndpoint {
    endpoint: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StoreOperation {
    operation: &'static str,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A registry with every series at zero.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("advance_liveness");
        let mints = Family::default();
        registry.register("mints", "Session mints, by outcome", mints.clone());
        let result_reads = Family::default();
        registry.register("result_reads", "Result reads (the browser's), by outcome", result_reads.clone());
        let purges = Family::default();
        registry.register("purges", "PII purges asked of the server, by outcome", purges.clone());
        let vendor_calls = Family::default();
        registry.register(
            "vendor_calls",
            "HTTP exchanges with the vendor API, by endpoint and code",
            vendor_calls.clone(),
        );
        // 5 ms to about 10 s.
        let vendor_latency = Family::<VendorEndpoint, Histogram>::new_with_constructor(|| {
            Histogram::new([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0])
        });
        registry.register(
            "vendor_call_duration_seconds",
            "Time of each HTTP exchange with the vendor API",
            vendor_latency.clone(),
        );
        let rate_limited = Family::default();
        registry.register(
            "rate_limited",
            "Requests refused by a per-client rate limit, by route",
            rate_limited.clone(),
        );
        let cache_hits = Counter::default();
        registry.register(
            "result_cache_hits",
            "Result reads answered from the store (known or recent), without the vendor",
            cache_hits.clone(),
        );
        let cache_misses = Counter::default();
        registry.register("result_cache_misses", "Result reads that went to the vendor", cache_misses.clone());
        let store_errors = Family::default();
        registry.register("store_errors", "Calls to the shared store that failed, by operation", store_errors.clone());
        let open_connections = Gauge::default();
        registry.register("open_connections", "Client connections open now", open_connections.clone());
        let webhooks = Family::default();
        registry.register("webhook_attempts", "Webhook delivery attempts, by outcome", webhooks.clone());
        Self(Arc::new(Inner {
            registry,
            mints,
            result_reads,
            purges,
            vendor_calls,
            vendor_latency,
            rate_limited,
            cache_hits,
            cache_misses,
            store_errors,
            open_connections,
            webhooks,
        }))
    }

    /// Every series, as text.
    pub fn render(&self) -> String {
        let mut text = String::with_capacity(4096);
        prometheus_client::encoding::text::encode(&mut text, &self.0.registry).expect("writing to a String");
        text
    }

    /// A mint ended.
    pub fn mint<T>(&self, answer: &Result<T, AppError>) {
        let outcome = answer.as_ref().map_or_else(|e| e.code().as_str(), |_| "ok");
        self.0.mints.get_or_create(&Outcome { outcome }).inc();
    }

    /// A result read ended.
    pub fn result_read(&self, answer: &Result<ResultResponse, AppError>) {
        let outcome = match answer {
            Ok(result) => match result.status {
                VerificationStatus::Pending => "pending",
                VerificationStatus::Passed => "passed",
                VerificationStatus::Failed => "failed",
                VerificationStatus::Expired => "expired",
            },
            Err(error) => error.code().as_str(),
        };
        self.0.result_reads.get_or_create(&Outcome { outcome }).inc();
    }

    /// A purge ended.
    pub fn purge<T>(&self, answer: &Result<T, AppError>) {
        let outcome = answer.as_ref().map_or_else(|e| e.code().as_str(), |_| "ok");
        self.0.purges.get_or_create(&Outcome { outcome }).inc();
    }

    /// A client was refused by its `action` budget.
    pub fn rate_limited(&self, action: Action) {
        self.0.rate_limited.get_or_create(&Route { route: action.name() }).inc();
    }

    /// A read was answered from the store.
    pub fn cache_hit(&self) {
        self.0.cache_hits.inc();
    }

    /// A read went to the vendor.
    pub fn cache_miss(&self) {
        self.0.cache_misses.inc();
    }

    /// A store call failed.
    pub fn store_error(&self, error: &StoreError) {
        self.0.store_errors.get_or_create(&StoreOperation { operation: error.operation }).inc();
    }

    /// A webhook delivery attempt ended: `delivered` (a `2xx`) or not.
    pub fn webhook(&self, delivered: bool) {
        let outcome = if delivered { "delivered" } else { "failed" };
        self.0.webhooks.get_or_create(&Outcome { outcome }).inc();
    }

    /// Counts a connection open until the guard is dropped.
    pub fn connection_opened(&self) -> OpenConnection {
        self.0.open_connections.inc();
        OpenConnection(self.0.open_connections.clone())
    }
}

impl CallObserver for Metrics {
    fn vendor_call(&self, endpoint: &'static str, outcome: &str, elapsed: Duration) {
        self.0.vendor_calls.get_or_create(&VendorCall { endpoint, code: outcome.to_owned() }).inc();
        self.0.vendor_latency.get_or_create(&VendorEndpoint { endpoint }).observe(elapsed.as_secs_f64());
    }
}

/// One open connection, counted until dropped.
#[derive(Debug)]
pub struct OpenConnection(Gauge);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use advance_liveness::ApiErrorCode;

    use super::*;

    #[test]
    fn series_follow_prometheus_naming_and_count_by_label() {
        let metrics = Metrics::new();
        metrics.mint::<()>(&Ok(()));
        metrics.mint::<()>(&Err(AppError::new(ApiErrorCode::VendorTimeout, "slow")));
        metrics.vendor_call("get_result", "SUCCESS", Duration::from_millis(30));
        metrics.rate_limited(Action::Purge);
        let open = metrics.connection_opened();
        let text = metrics.render();
        for line in [
            "advance_liveness_mints_total{outcome=\"ok\"} 1",
            "advance_liveness_mints_total{outcome=\"vendor_timeout\"} 1",
            "advance_liveness_vendor_calls_total{endpoint=\"get_result\",code=\"SUCCESS\"} 1",
            "advance_liveness_vendor_call_duration_seconds_bucket{le=\"0.05\",endpoint=\"get_result\"} 1",
            "advance_liveness_rate_limited_total{route=\"purge\"} 1",
            "advance_liveness_open_connections 1",
            "advance_liveness_result_cache_hits_total 0",
        ] {
            assert!(text.lines().any(|l| l == line), "no `{line}` in:\n{text}");
        }
        drop(open);
        assert!(metrics.render().lines().any(|l| l == "advance_liveness_open_connections 0"));
    }
}
