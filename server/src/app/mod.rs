//! The HTTP application: the routes the component and the JS bundle talk to, and the static demo.

use std::path::PathBuf;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// What the application serves.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// A folder of static files (the built demo page and JS bundle) served at `/`, if any.
    pub static_dir: Option<PathBuf>,
}

/// The application's router, ready to serve or to nest into an integrator's own axum app.
pub fn router(config: AppConfig) -> Router {
    let mut app = Router::new().route("/healthz", get(|| async { "ok" }));
    if let Some(dir) = config.static_dir {
        app = app.fallback_service(ServeDir::new(dir));
    }
    // The liveness page needs the camera inside its iframe; nothing else on our pages does.
    app.layer(SetResponseHeaderLayer::if_not_present(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(self \"https://liveness.advance.ai\"), microphone=()"),
    ))
}
