//! Which browser origins may change state (mint, purge) and read the API cross-origin.
//!
//! The binding cookie is `SameSite=Lax`, which still rides on a cross-site top-level form `POST`'s
//! answer: without this guard a form on any site could mint a session in the victim's browser and
//! replace its cookie. So a state-changing call is refused (`403 cross_site_request`) when the
//! browser says where it comes from and that is not allowed: an `Origin` that is neither this
//! server's public origin nor a configured CORS origin (`null` included), or, with no `Origin`,
//! `Sec-Fetch-Site: cross-site`. Requests without either header (curl, backends) are not from a
//! browser page and pass. The mint also requires `Content-Type: application/json`, which no form
//! and no `no-cors` fetch can send.
//!
//! CORS, when configured, answers only the configured origins: a disallowed origin gets no
//! `Access-Control-*` header at all, and its preflight is refused.

use std::sync::Arc;

use advance_liveness::{AllowedOrigin, ApiErrorCode};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;
use super::sessions::AppState;

/// The origins a browser page may call the API from.
#[derive(Debug, Clone)]
pub struct SiteGuard {
    // Shared: the guard is also the state of the CORS middleware, cloned for every request.
    own: Arc<str>,
    cors: Arc<[String]>,
}

impl SiteGuard {
    /// This server's public origin and the configured CORS origins.
    pub fn new(own: &AllowedOrigin, cors: &[AllowedOrigin]) -> Self {
        Self { own: own.as_str().into(), cors: cors.iter().map(|o| o.as_str().to_owned()).collect() }
    }

    /// Whether a request with these headers may change state.
    pub fn allows_state_change(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::ORIGIN) {
            // Browsers send the serialised origin (lowercase host, no default port), as ours are kept.
            Some(origin) => origin.to_str().is_ok_and(|o| o == &*self.own || self.is_cors_origin(o)),
            None => headers.get("sec-fetch-site").is_none_or(|site| site != "cross-site"),
        }
    }

    fn is_cors_origin(&self, origin: &str) -> bool {
        self.cors.iter().any(|allowed| allowed == origin)
    }
}

/// The first extractor of a state-changing handler: the request may change state, or the
/// handler never runs and the answer is `403 cross_site_request`.
#[derive(Debug, Clone, Copy)]
pub struct SameSiteRequest;

impl FromRequestParts<AppState> for SameSiteRequest {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if state.site.allows_state_change(&parts.headers) {
            return Ok(Self);
        }
        tracing::info!(
            origin = ?parts.headers.get(header::ORIGIN),
            route = %parts.uri.path(),
            "cross-site state-changing request refused"
        );
        Err(AppError::new(ApiErrorCode::CrossSiteRequest, "this request comes from a site that may not make it"))
    }
}

/// Middleware outside tower-http's CORS layer: only configured origins see CORS headers, and a
/// preflight from any other origin is refused instead of answered `200`.
pub async fn strict_cors(State(guard): State<SiteGuard>, request: Request, next: Next) -> Response {
    let foreign = request
        .headers()
        .get(header::ORIGIN)
        .is_some_and(|origin| origin.to_str().map_or(true, |o| !guard.is_cors_origin(o)));
    if !foreign {
        return next.run(request).await;
    }
    let preflight =
        request.method() == Method::OPTIONS && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        return AppError::new(ApiErrorCode::CrossSiteRequest, "this origin may not call the API cross-origin")
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let cors: Vec<_> = headers.keys().filter(|name| name.as_str().starts_with("access-control-")).cloned().collect();
    for name in cors {
        headers.remove(name);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> SiteGuard {
        SiteGuard::new(
            &AllowedOrigin::parse("https://app.example").unwrap(),
            &[AllowedOrigin::parse("https://shop.example:8443").unwrap()],
        )
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs.iter().map(|(name, value)| (header::HeaderName::from_static(name), value.parse().unwrap())).collect()
    }

    #[test]
    fn own_and_cors_origins_may_change_state() {
        assert!(guard().allows_state_change(&headers(&[("origin", "https://app.example")])));
        assert!(guard().allows_state_change(&headers(&[
            ("origin", "https://shop.example:8443"),
            ("sec-fetch-site", "cross-site")
        ])));
    }

    #[test]
    fn other_origins_and_cross_site_fetches_may_not() {
        for origin in ["https://evil.example", "null", "https://app.example.evil", "http://app.example", ""] {
            assert!(!guard().allows_state_change(&headers(&[("origin", origin)])), "{origin}");
        }
        assert!(!guard().allows_state_change(&headers(&[("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn requests_without_browser_headers_pass() {
        assert!(guard().allows_state_change(&HeaderMap::new()), "curl, a backend");
        assert!(guard().allows_state_change(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(guard().allows_state_change(&headers(&[("sec-fetch-site", "none")])), "typed in the address bar");
    }
}
