//! The HTTP application: the session API the component and the JS bundle call, the
//! redirect-mode return page, and the static demo.
//!
//! `router(config)` can be nested into an integrator's own axum app. Serve it with
//! `into_make_service_with_connect_info::<SocketAddr>()`: the per-client rate limit on session
//! minting keys on the peer address.

pub mod binding;
pub mod client_ip;
pub mod config;
pub mod error;
pub mod results_cache;
pub mod sessions;
pub mod verdict;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;

use client_ip::ClientIp;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::{AppConfig, ConfigError, Retention};
pub use error::AppError;
use results_cache::ResultsCache;
use sessions::AppState;

/// Largest request body the API reads (a session request is a few dozen bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The application's router.
pub fn router(config: AppConfig) -> Router {
    let state = AppState { config: Arc::new(config), results: Arc::new(ResultsCache::default()) };
    let config = &state.config;

    let per_minute = config.sessions_per_minute.max(1);
    let limit = GovernorConfigBuilder::default()
        .key_extractor(ClientIp::new(&config.trusted_proxies))
        .period(Duration::from_secs(60) / per_minute)
        .burst_size(per_minute)
        .finish()
        .expect("a positive period and burst");
    // The limiter remembers every client address it has seen; forget the idle ones now and then.
    let limiter = limit.limiter().clone();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                limiter.retain_recent();
                if Arc::strong_count(&limiter) == 1 {
                    break; // the router is gone
                }
            }
        });
    }
    let mint = post(sessions::create).layer(GovernorLayer::new(limit).error_handler(rate_limited));

    let mut api = Router::new()
        .route("/api/liveness/session", mint)
        .route("/api/liveness/sessions/{id}/result", get(sessions::result))
        .route("/api/liveness/sessions/{id}", axum::routing::delete(sessions::purge))
        .route("/api/{*rest}", any(|| async { AppError::new(StatusCode::NOT_FOUND, "not_found", "no such API route") }))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Results and session URLs are per browser and short-lived: never cached anywhere.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = config.cors_origins.iter().filter_map(|o| o.parse().ok()).collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::CONTENT_TYPE])
                .max_age(Duration::from_secs(600)),
        );
    }

    let camera_policy = format!("camera=(self \"{}\"), microphone=()", config.liveness_origin);
    let mut app = Router::new()
        .merge(api)
        .route("/liveness/return", get(sessions::return_page))
        .route("/healthz", get(|| async { "ok" }));
    if let Some(dir) = &config.static_dir {
        app = app.fallback_service(ServeDir::new(dir));
    }
    app.with_state(state).layer(SetResponseHeaderLayer::if_not_present(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_str(&camera_policy).expect("an origin is a valid header value"),
    ))
}

/// The application serving on a socket in the background (tests, embedding, `--simulate`).
#[derive(Debug)]
pub struct RunningApp {
    /// Its base URL, e.g. `http://127.0.0.1:8080`.
    pub base_url: String,
    task: tokio::task::JoinHandle<()>,
}

impl RunningApp {
    /// Serves `router(config)` on `listener`, with the connect info the rate limiter needs.
    pub fn start(listener: tokio::net::TcpListener, config: AppConfig) -> std::io::Result<Self> {
        let base_url = format!("http://{}", listener.local_addr()?);
        let app = router(config).into_make_service_with_connect_info::<std::net::SocketAddr>();
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
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

/// The rate limiter's refusal, in the API's error shape.
fn rate_limited(error: tower_governor::GovernorError) -> Response {
    match error {
        tower_governor::GovernorError::TooManyRequests { wait_time, .. } => {
            let mut response = AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many liveness sessions from this client; wait and try again",
            )
            .into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait_time.max(1)));
            response
        }
        other => {
            // No peer address: the router was served without connect info.
            tracing::error!(%other, "rate limiter could not identify the client; serve with connect info");
            AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server is misconfigured").into_response()
        }
    }
}
