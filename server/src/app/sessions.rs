//! The session routes: mint a session, read its verified result, purge its PII, and the
//! redirect-mode return page.

use std::sync::Arc;

use advance_liveness::{
    ApiErrorCode, LivenessUrl, Locale, ResultResponse, SessionMode, SessionRequest, SessionResponse, SignatureId,
    VerificationStatus,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRef, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};
use tracing::Instrument;

use super::backend::BackendSession;
use super::binding::{Binding, COOKIE_NAME, OwnedSession};
use super::client_ip::{Client, ClientIp};
use super::client_limits::{self, Action, ClientLimits};
use super::client_secret::ClientSecret;
use super::config::{AppConfig, BrowserMint, Retention, ReturnUrls};
use super::cross_site::{SameSiteRequest, SiteGuard};
use super::error::AppError;
use super::metrics::Metrics;
use super::qr::qr_svg;
use super::result_reads::ResultReads;
use super::store::{MemoryStore, MintedBy, PendingSession, RedisStore, SessionRecord, Store};
use super::verdict::{unfinished, verdict};
use crate::clock::now_ms;
use crate::vendor::VendorCode;
use crate::vendor::VendorError;
use crate::vendor::api::GetTokenRequest;
use crate::webhooks::Event;
use crate::webhooks::delivery::announce;

/// Shared by the handlers; one reference count per clone (axum clones the state for every
/// extractor of every request).
#[derive(Debug, Clone)]
pub struct AppState(Arc<SharedState>);

/// What [`AppState`] shares.
#[derive(Debug)]
pub struct SharedState {
    /// The configuration.
    pub config: Arc<AppConfig>,
    /// Known results, rate limits and pending sessions: in memory, or shared in Redis.
    pub store: Arc<Store>,
    /// Result reads and purges, bounded per session.
    pub reads: Arc<ResultReads>,
    /// This instance's own rate limits, while the shared store fails.
    pub fallback_limits: Arc<ClientLimits>,
    /// What the app counts.
    pub metrics: Metrics,
    /// Who the client is.
    pub client_ip: ClientIp,
    /// Which origins may change state.
    pub site: SiteGuard,
    /// The vendor return URLs.
    pub return_urls: ReturnUrls,
    /// Wakes this instance's webhook sender when it queues an event (the sender also looks every
    /// [`crate::webhooks::delivery::POLL`], for the fleet's events and retries).
    pub webhook_sender: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// A handle that does not keep the state alive (background tasks).
    pub fn downgrade(&self) -> std::sync::Weak<SharedState> {
        Arc::downgrade(&self.0)
    }

    /// The state behind `weak`, while it lives.
    pub fn upgrade(weak: &std::sync::Weak<SharedState>) -> Option<Self> {
        weak.upgrade().map(Self)
    }

    /// Spends one of `client`'s `action` budget, or refuses with `429`.
    pub async fn limit(&self, action: Action, client: std::net::IpAddr) -> Result<(), AppError> {
        client_limits::check(&self.store, &self.fallback_limits, &self.metrics, action, client).await
    }

    /// The state for `config`; with Redis, call it within a tokio runtime.
    pub fn new(mut config: AppConfig) -> Self {
        let metrics = config.metrics.clone();
        config.client = config.client.observed_by(Arc::new(metrics.clone()));
        let store = Arc::new(match &config.redis {
            Some(settings) => Store::Redis(RedisStore::new(settings, &config.rate_limits)),
            None => Store::Memory(MemoryStore::new(&config.rate_limits)),
        });
        Self(Arc::new(SharedState {
            reads: Arc::new(ResultReads::new(store.clone(), metrics.clone())),
            store,
            fallback_limits: Arc::new(ClientLimits::new(&config.rate_limits)),
            metrics,
            client_ip: ClientIp::new(&config.trusted_proxies),
            site: SiteGuard::new(&config.public_origin(), &config.cors_origins),
            return_urls: ReturnUrls::new(&config),
            webhook_sender: Arc::default(),
            config: Arc::new(config),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

impl FromRef<AppState> for ClientIp {
    fn from_ref(state: &AppState) -> Self {
        state.client_ip.clone()
    }
}

/// How long the binding cookie lives: the session's hour, plus a day to read the result later.
const COOKIE_MAX_AGE_SECONDS: i64 = 25 * 3600;

/// Longest `userId` accepted.
const MAX_USER_ID: usize = 128;

/// `POST /api/liveness/session`.
pub async fn create(
    _: SameSiteRequest,
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let answer = mint(&state, client, &headers, body).await;
    state.metrics.mint(&answer);
    answer
}

async fn mint(
    state: &AppState,
    client: std::net::IpAddr,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    if state.config.browser_mint == BrowserMint::Deny {
        return Err(AppError::new(
            ApiErrorCode::BrowserMintDisabled,
            "sessions are minted by the site's backend here; pass the page its client secret",
        ));
    }
    let request: SessionRequest = parse_json(headers, body)?.unwrap_or_default();
    // Only a tag a pack serves: the browser sends the one it chose.
    let locale = request.locale.as_deref().map(str::parse::<Locale>).transpose().map_err(|error| {
        AppError::new(ApiErrorCode::InvalidRequest, format!("invalid request body at `locale`: {error}"))
    })?;
    state.limit(Action::Mint, client).await?;
    let config = &state.config;
    let minted = mint_session(
        state,
        MintRequest {
            user_id: request.user_id,
            reference: None,
            mode: request.mode.unwrap_or_default(),
            product_level: request.product_level,
            locale,
            minted_by: MintedBy::Browser,
        },
    )
    .await?;
    let now = minted.minted_at;
    let mut binding = Binding::read(cookie(headers).as_deref(), &config.cookie_keys, now);
    let owned =
        OwnedSession { signature_id: minted.signature_id.clone(), expires_at: minted.expires_at, mode: minted.mode };
    binding.add(owned, now);
    let mut response = Json(session_response(state, &minted)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(&binding, config));
    Ok(response)
}

/// What a mint is for.
pub(crate) struct MintRequest {
    pub user_id: Option<String>,
    pub reference: Option<String>,
    pub mode: SessionMode,
    pub product_level: Option<advance_liveness::ProductLevel>,
    pub locale: Option<Locale>,
    pub minted_by: MintedBy,
}

/// Mints a session at the vendor, checks what it answered, and keeps its record (a store that
/// fails only costs the record: the mint goes on).
pub(crate) async fn mint_session(state: &AppState, request: MintRequest) -> Result<SessionRecord, AppError> {
    let config = &state.config;
    let mode = request.mode;
    if let Some(user_id) = &request.user_id
        && (user_id.is_empty() || user_id.chars().count() > MAX_USER_ID || user_id.chars().any(char::is_control))
    {
        return Err(AppError::new(ApiErrorCode::InvalidRequest, "userId must be 1-128 printable characters"));
    }
    let (return_url, failed_return_url) = state.return_urls.for_mode(mode == SessionMode::Iframe);
    let vendor_request = GetTokenRequest {
        return_url: return_url.clone(),
        failed_return_url: Some(failed_return_url.clone()),
        region: config.region.as_str().to_owned(),
        user_id: request.user_id.clone(),
        try_count: None,
        product_level: request.product_level.or(config.product_level),
    };
    let minted = config.client.create_session(&vendor_request).await?;
    let now = now_ms();
    let expires_at = now + config.session_lifetime.as_millis() as u64;
    let signature_id = SignatureId::new(minted.signature_id).map_err(|_| {
        tracing::error!("the vendor returned a malformed signatureId");
        AppError::new(ApiErrorCode::VendorError, "the liveness service returned an invalid session")
    })?;
    // The page will frame this URL: it must be on the liveness origin and correctly encoded.
    let url = LivenessUrl::parse(&minted.url, &config.liveness_origin).map_err(|error| {
        tracing::error!(%error, %signature_id, "the vendor returned a liveness URL we will not frame");
        AppError::new(ApiErrorCode::VendorError, "the liveness service returned an unexpected page URL")
    })?;
    let record = SessionRecord {
        signature_id: signature_id.clone(),
        user_id: request.user_id,
        reference: request.reference,
        minted_by: request.minted_by,
        mode,
        url: url.as_str().to_owned(),
        minted_at: now,
        expires_at,
        completed_at: None,
    };
    // Kept for the backend API, and registered for whoever follows sessions whose browser
    // left; the mint does not depend on either.
    let follow_at = now + config.follow.first.as_millis() as u64;
    let pending = PendingSession { signature_id: signature_id.clone(), expires_at, follow_at };
    for kept in [state.store.save_record(&record).await, state.store.register_pending(&pending).await] {
        if let Err(error) = kept {
            state.metrics.store_error(&error);
            tracing::warn!(%error, %signature_id, "session not kept in the store");
        }
    }
    // The vendor takes no per-session language (ARCHITECTURE.md, "One locale"): logged, and
    // handed to the in-process simulator only.
    let locale = request.locale.map(Locale::tag);
    if let (Some(simulator), Some(tag)) = (&config.simulator, locale) {
        simulator.set_session_locale(signature_id.as_str(), tag);
    }
    tracing::info!(%signature_id, ?mode, locale, minted_by = ?request.minted_by, "liveness session minted");
    Ok(record)
}

/// The session as the page needs it.
pub(crate) fn session_response(state: &AppState, record: &SessionRecord) -> SessionResponse {
    SessionResponse {
        signature_id: record.signature_id.clone(),
        url: record.url.clone(),
        liveness_origin: state.config.liveness_origin.as_str().to_owned(),
        expires_at: record.expires_at,
        client_secret: None,
    }
}

/// A request body: `application/json` always (no form or `no-cors` fetch can send it); empty is
/// `None`; otherwise a JSON object with known fields only.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Option<T>, AppError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    if !json {
        return Err(AppError::new(ApiErrorCode::UnsupportedMediaType, "send the body as application/json"));
    }
    let body = body.map_err(body_error)?;
    let text = body.trim_ascii_start();
    if text.is_empty() {
        return Ok(None);
    }
    if !text.starts_with(b"{") {
        return Err(AppError::new(ApiErrorCode::InvalidRequest, "the request body must be a JSON object"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(&mut deserializer).map(Some).map_err(|error| {
        let path = error.path().to_string();
        let what = error.into_inner();
        AppError::new(ApiErrorCode::InvalidRequest, format!("invalid request body at `{path}`: {what}"))
    })
}

/// Why a body could not be read: too large, too slow, or broken off.
fn body_error(rejection: BytesRejection) -> AppError {
    use std::error::Error;
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::new(ApiErrorCode::PayloadTooLarge, "the request body is too large");
    }
    let mut cause: Option<&dyn Error> = rejection.source();
    while let Some(error) = cause {
        if error.is::<super::body_deadline::BodyTimedOut>() {
            return AppError::new(ApiErrorCode::RequestTimeout, "the request body did not arrive in time");
        }
        cause = error.source();
    }
    AppError::new(ApiErrorCode::InvalidRequest, format!("could not read the request body: {rejection}"))
}

/// `GET /api/liveness/sessions/{signatureId}/result`.
pub async fn result(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ResultResponse>, AppError> {
    let answer = async {
        state.limit(Action::ReadResult, client).await?;
        let owned = owned_session(&state, &headers, id)?;
        read_result(&state, &owned).await
    }
    .await;
    state.metrics.result_read(&answer);
    answer.map(Json)
}

/// `GET /api/liveness/sessions/{signatureId}/qr`: the session's own link (the `url` its mint
/// answered, from its record) as an SVG QR code, for the cross-device panel. The same owners as
/// the result, and the same budget: reads of either spend the client's result reads.
pub async fn qr(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    state.limit(Action::ReadResult, client).await?;
    let owned = owned_session(&state, &headers, id)?;
    let record = match state.store.record(&owned.signature_id).await {
        Ok(Some(record)) => record,
        // Minted more than a day ago, on another instance without the shared store, or while
        // the store failed: the link is not known here.
        Ok(None) => return Err(AppError::new(ApiErrorCode::NotFound, "this session's link is not kept here")),
        Err(error) => {
            state.metrics.store_error(&error);
            return Err(error.refusal());
        }
    };
    let svg = qr_svg(&record.url).ok_or_else(|| AppError::internal(&"a session link too long for a QR code"))?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"))], svg).into_response())
}

/// `DELETE /api/liveness/sessions/{signatureId}`: clear-data at the vendor, once.
pub async fn purge(
    _: SameSiteRequest,
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, AppError> {
    let answer = async {
        state.limit(Action::Purge, client).await?;
        let owned = owned_session(&state, &headers, id)?;
        purge_session(&state, &owned.signature_id, "browser").await
    }
    .await;
    state.metrics.purge(&answer);
    answer.map(|()| StatusCode::NO_CONTENT)
}

/// Clear-data at the vendor, once per session for the fleet (through the reads' turn), then
/// the `session.purged` event; `by` says who asked, for the log.
pub(crate) async fn purge_session(state: &AppState, id: &SignatureId, by: &'static str) -> Result<(), AppError> {
    state
        .reads
        .purge(id, || async {
            state.config.client.clear_data(id.as_str()).await?;
            tracing::info!(signature_id = %id, by, "PII purged at the vendor");
            Ok(())
        })
        .await?;
    session_ended(state, id, "purged", None);
    Ok(())
}

/// `GET /liveness/return`: where the vendor sends the browser in redirect mode. Reads the
/// result of this browser's latest redirect-mode session and sends the browser to the configured
/// app page with `status` and `signatureId`. The destination is configuration only.
///
/// In iframe mode the vendor page may also navigate its frame here after its message; that frame
/// gets a small blank page instead, so the app never appears inside the liveness frame.
pub async fn return_page(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, AppError> {
    if query.get("isLivenessIframe").is_some_and(|v| v == "true") {
        return Ok(Html(IFRAME_DONE).into_response());
    }
    state.limit(Action::Return, client).await?;
    let binding = Binding::read(cookie(&headers).as_deref(), &state.config.cookie_keys, now_ms());
    let mut destination = state.config.app_return_url.clone();
    let status = match binding.latest(SessionMode::Redirect) {
        Some(owned) => {
            destination.query_pairs_mut().append_pair("signatureId", owned.signature_id.as_str());
            match read_result(&state, owned).await {
                Ok(result) => status_name(result.status),
                Err(error) => {
                    tracing::warn!(code = %error.code(), "redirect-mode result could not be read");
                    "error"
                }
            }
        }
        None => "unknown",
    };
    destination.query_pairs_mut().append_pair("status", status);
    Ok(Redirect::to(destination.as_str()).into_response())
}

/// What a liveness frame shows if the vendor navigates it to the return URL in iframe mode: the
/// embedding page has the outcome already (by message and by the verified result).
const IFRAME_DONE: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Done</title>\
<body style=\"font-family:system-ui,sans-serif;text-align:center;padding:2rem\">Done.</body></html>";

pub(crate) fn status_name(status: VerificationStatus) -> &'static str {
    match status {
        VerificationStatus::Pending => "pending",
        VerificationStatus::Passed => "passed",
        VerificationStatus::Failed => "failed",
        VerificationStatus::Expired => "expired",
    }
}

/// The session `id` if this browser's cookie owns it; otherwise `403`, also for ids that are
/// malformed or do not exist, so nothing can be learnt by guessing.
fn owned_session(
    state: &AppState,
    headers: &HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<OwnedSession, AppError> {
    // An id that is not even UTF-8 is as unknown as any other.
    let Ok(Path(id)) = id else { return Err(AppError::not_owner()) };
    let id = SignatureId::new(id).map_err(|_| AppError::not_owner())?;
    let now = now_ms();
    // A backend-minted session's page holds its client secret instead of a cookie.
    let bearer =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if let Some(secret) = bearer {
        return match ClientSecret::verify(secret.trim(), &state.config.cookie_keys, now) {
            Some(granted) if granted.signature_id == id => {
                Ok(OwnedSession { signature_id: id, expires_at: granted.expires_at, mode: SessionMode::Iframe })
            }
            _ => Err(AppError::not_owner()),
        };
    }
    Binding::read(cookie(headers).as_deref(), &state.config.cookie_keys, now)
        .get(&id)
        .cloned()
        .ok_or_else(AppError::not_owner)
}

/// The verified result, through the per-session flight: remembered when terminal, else from the
/// vendor at most once per [`super::result_reads::PENDING_REUSE`].
pub(crate) async fn read_result(state: &AppState, owned: &OwnedSession) -> Result<ResultResponse, AppError> {
    let id = &owned.signature_id;
    let read = state.reads.read(id, now_ms() >= owned.expires_at, || vendor_result(state, owned)).await;
    if let Ok(answer) = &read.answer
        && read.newly_final
    {
        session_ended(state, id, status_name(answer.status), Some(answer.clone()));
    }
    if let Ok(answer) = &read.answer
        && read.newly_final
        && answer.status != VerificationStatus::Expired
        && state.config.retention == Retention::PurgeAfterRead
    {
        // Once per session (`newly_final`); the verdict stays readable, only the images go.
        let (client, id) = (state.config.client.clone(), id.clone());
        tokio::spawn(
            async move {
                match client.clear_data(id.as_str()).await {
                    Ok(()) => tracing::info!(signature_id = %id, "PII purged after the result was read"),
                    Err(error) => tracing::warn!(signature_id = %id, %error, "automatic PII purge failed"),
                }
            }
            .in_current_span(),
        );
    }
    read.answer
}

/// Tells the webhooks (if any) that `id` ended as `status`, in the background: the session as
/// the backend API shows it, in one event per receiver, queued once for the fleet.
pub(crate) fn session_ended(state: &AppState, id: &SignatureId, status: &'static str, result: Option<ResultResponse>) {
    if state.config.webhooks.is_none() {
        return;
    }
    let (state, id) = (state.clone(), id.clone());
    tokio::spawn(
        async move {
            let Some(settings) = &state.config.webhooks else { return };
            let record = state.store.record(&id).await.ok().flatten();
            let now = now_ms();
            let data = match record {
                Some(record) => {
                    let completed_at = record.completed_at.or((status != "purged").then_some(now));
                    serde_json::to_value(BackendSession::of(record, status, result.as_ref(), completed_at))
                        .unwrap_or_default()
                }
                // Minted before records were kept, or the store failed then: what is known.
                None => serde_json::json!({ "signatureId": id, "status": status }),
            };
            let event = Event::new(id.as_str(), status, now, data);
            if announce(&state.store, settings, &state.metrics, &event).await {
                state.webhook_sender.notify_one();
            }
        }
        .in_current_span(),
    );
}

/// One Get Result at the vendor, as the browser sees it.
async fn vendor_result(state: &AppState, owned: &OwnedSession) -> Result<ResultResponse, AppError> {
    let expired = now_ms() >= owned.expires_at;
    match state.config.client.get_result(owned.signature_id.as_str()).await {
        Ok(result) => Ok(verdict(&result, state.config.pass_threshold.get())),
        Err(VendorError::Api { code: VendorCode::LivenessNoResult, .. }) => Ok(unfinished(expired)),
        Err(VendorError::Api { code: VendorCode::SignatureNotExist, .. }) if expired => Ok(unfinished(true)),
        Err(VendorError::Api { code: VendorCode::ResultNotFound, .. }) => Err(AppError::purged()),
        Err(error) => Err(error.into()),
    }
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE_NAME)
        .map(|c| c.value().to_owned())
}

fn set_cookie(binding: &Binding, config: &AppConfig) -> HeaderValue {
    let cookie = Cookie::build((COOKIE_NAME, binding.write(&config.cookie_keys)))
        .path("/")
        .max_age(cookie::time::Duration::seconds(COOKIE_MAX_AGE_SECONDS))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.cookie_secure);
    HeaderValue::from_str(&cookie.to_string()).expect("base64url and ASCII attributes make a valid header")
}
