//! The HTTP application: the session API the component and the JS bundle call, the
//! redirect-mode return page, and the static demo.
//!
//! `router(config)` can be nested into an integrator's own axum app: everything it checks (the
//! request limits, cross-site refusals, rate limits, one JSON error shape under `/api/`, headers)
//! travels with it. Serve it with [`serve::serve`] (what the binary does: connection limits and a
//! shutdown deadline), or with `into_make_service_with_connect_info::<SocketAddr>()`: the
//! per-client rate limits key on the peer address.

pub mod backend;
pub mod backend_auth;
pub mod binding;
pub mod body_deadline;
pub mod client_ip;
pub mod client_limits;
pub mod client_secret;
pub mod config;
pub mod cross_site;
pub mod error;
pub mod follower;
pub mod metrics;
pub mod qr;
pub mod readiness;
pub mod request_id;
pub mod request_limits;
pub mod result_reads;
pub mod serve;
pub mod sessions;
pub mod static_files;
pub mod store;
pub mod verdict;

use std::sync::Arc;
use std::time::Duration;

use advance_liveness::ApiErrorCode;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::from_fn_with_state;
use axum::routing::{any, delete, get, post};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use body_deadline::BodyDeadlineLayer;
pub use config::{AppConfig, AppConfigBuilder, BrowserMint, ConfigError, PassThreshold, Retention};
pub use error::AppError;
pub use metrics::Metrics;
use request_id::RequestIdLayer;
pub use request_limits::MAX_BODY_BYTES;
use request_limits::RequestLimitsLayer;
use sessions::AppState;
use static_files::StaticFiles;
use store::Store;

/// The application's router.
pub fn router(config: AppConfig) -> Router {
    let state = AppState::new(config);
    forget_idle_clients(&state);
    if let Some(webhooks) = &state.config.webhooks {
        let (store, wake) = (Arc::downgrade(&state.store), state.webhook_sender.clone());
        crate::webhooks::delivery::start_sender(store, wake, webhooks.clone(), state.metrics.clone());
        // Sessions whose browser left still end, and their events go out.
        follower::start(state.downgrade(), state.config.follow);
    }
    let config = state.config.clone();
    let state_client_ip = state.client_ip.clone();

    let not_allowed =
        || async { AppError::new(ApiErrorCode::MethodNotAllowed, "this route does not take that method") };
    let no_route = || async { AppError::new(ApiErrorCode::NotFound, "no such API route") };
    // Mint and purge refuse cross-site requests themselves (their first extractor: `SameSiteRequest`).
    let mut api = Router::new()
        .route("/api/liveness/session", post(sessions::create))
        .route("/api/liveness/sessions/{id}/result", get(sessions::result))
        .route("/api/liveness/sessions/{id}/qr", get(sessions::qr))
        .route("/api/liveness/sessions/{id}", delete(sessions::purge))
        .route("/api/liveness/backend/sessions", post(backend::create))
        .route("/api/liveness/backend/sessions/{id}", get(backend::read).delete(backend::purge))
        .route("/api", any(no_route))
        .route("/api/", any(no_route))
        .route("/api/{*rest}", any(no_route))
        .method_not_allowed_fallback(not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(BodyDeadlineLayer::new(config.body_timeout))
        // Results and session URLs are per browser and short-lived: never cached anywhere.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = config.cors_origins.iter().filter_map(|o| o.as_str().parse().ok()).collect();
        api = api
            .layer(
                CorsLayer::new()
                    .allow_origin(AllowOrigin::list(origins))
                    .allow_credentials(true)
                    .allow_methods([Method::GET, Method::POST, Method::DELETE])
                    .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                    .max_age(Duration::from_secs(600)),
            )
            .layer(from_fn_with_state(state.site.clone(), cross_site::strict_cors));
    }

    let return_page = get(sessions::return_page)
        .fallback(not_allowed)
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    let mut app = Router::new()
        .merge(api)
        .route("/liveness/return", return_page)
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readiness::readyz));
    if let Some(dir) = &config.static_dir {
        let files = StaticFiles::new(dir);
        app = app.fallback(move |request| files.clone().serve(request));
    }
    let camera_policy = format!("camera=(self \"{}\"), microphone=()", config.liveness_origin);
    app.with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_str(&camera_policy).expect("an origin is a valid header value"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(RequestLimitsLayer)
        .layer(RequestIdLayer::new(state_client_ip))
}

/// `GET /metrics` alone, for an address only the operator's scraper reaches (`--metrics-bind`).
pub fn metrics_router(metrics: Metrics) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let metrics = metrics.clone();
            async move { ([(header::CONTENT_TYPE, metrics::CONTENT_TYPE)], metrics.render()) }
        }),
    )
}

/// The in-process limiters remember every client address they have seen; forget the idle ones
/// each minute, until the router is dropped.
fn forget_idle_clients(state: &AppState) {
    let (store, fallback) = (Arc::downgrade(&state.store), Arc::downgrade(&state.fallback_limits));
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            every_minute.tick().await;
            loop {
                every_minute.tick().await;
                let (Some(store), Some(fallback)) = (store.upgrade(), fallback.upgrade()) else { break };
                if let Store::Memory(memory) = &*store {
                    memory.forget_idle_clients();
                }
                fallback.forget_idle_clients();
            }
        });
    }
}

/// The application serving on a socket in the background (tests, embedding, `--simulate`), with
/// the same connection handling as the binary.
#[derive(Debug)]
pub struct RunningApp {
    /// Its base URL, e.g. `http://127.0.0.1:8080`.
    pub base_url: String,
    task: tokio::task::JoinHandle<()>,
}

impl RunningApp {
    /// Serves `router(config)` on `listener` with `config.connection`'s limits.
    pub fn start(listener: tokio::net::TcpListener, config: AppConfig) -> std::io::Result<Self> {
        let base_url = format!("http://{}", listener.local_addr()?);
        let (limits, metrics) = (config.connection, config.metrics.clone());
        let app = router(config);
        let task = tokio::spawn(async move {
            if let Err(error) = serve::serve(listener, app, limits, metrics, std::future::pending()).await {
                tracing::error!(%error, "session server stopped");
            }
        });
        Ok(Self { base_url, task })
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}
