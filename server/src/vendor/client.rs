//! The typed async client for the vendor API: signs in, caches the access token (one refresh at a
//! time), retries only where it is safe, and never prints a secret.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use advance_liveness::rules::origin::parse_url;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::RwLock;
use url::Url;

use super::api::{
    AccessTokenData, GetResultRequest, GetTokenData, GetTokenRequest, LivenessResultData, TOKEN_PERIOD_SECONDS,
    TokenAuthRequest, paths,
};
use super::configure_ui::UiConfig;
use super::envelope::{Envelope, VendorCode};
use super::error::VendorError;
use super::secret::{AccessToken, Credentials};
use crate::clock::now_ms;
use crate::signature::sign;

/// The vendor's production API.
pub const DEFAULT_API_BASE: &str = "https://api.advance.ai";

/// Whether a call may be repeated after an ambiguous failure (a timeout, a dropped connection, a
/// 5xx): the request may have reached the vendor and been acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// Repeating has no effect beyond the first call (token, clear-data, configure-ui).
    Safe,
    /// Repeating may charge the account again or create a second session: only calls the
    /// vendor certainly refused (`SERVICE_BUSY`, `RETRY_LATER`, `ERROR`, connection refused) are
    /// repeated.
    OnlyIfRefused,
}

#[derive(Debug, Clone, Copy)]
struct Endpoint {
    /// Its name in metrics: `token_auth`, `get_token`, `get_result`, `clear_data`, `configure_ui`.
    name: &'static str,
    path: &'static str,
    get: bool,
    repeat: Repeat,
    /// Whether the face-failure codes are answers (Get Result) rather than errors.
    face_failures_are_answers: bool,
}

impl Endpoint {
    const fn post(name: &'static str, path: &'static str, repeat: Repeat) -> Self {
        Self { name, path, get: false, repeat, face_failures_are_answers: false }
    }

    /// Whether `code` is an answer to this call, as opposed to an error.
    fn is_answer(&self, code: &VendorCode) -> bool {
        *code == VendorCode::Success || (self.face_failures_are_answers && code.is_face_failure())
    }
}

const GENERATE_TOKEN: Endpoint = Endpoint::post("token_auth", paths::GENERATE_TOKEN, Repeat::Safe);
// A second Get Token would mint a second session: harmless but wasteful, and not what was asked.
const GET_TOKEN: Endpoint = Endpoint::post("get_token", paths::GET_TOKEN, Repeat::OnlyIfRefused);
// The glossary says SUCCESS is a paid answer: a repeated Get Result after a timeout could bill twice.
const GET_RESULT: Endpoint = Endpoint {
    face_failures_are_answers: true,
    ..Endpoint::post("get_result", paths::GET_RESULT, Repeat::OnlyIfRefused)
};
const CLEAR_DATA: Endpoint = Endpoint { get: true, ..Endpoint::post("clear_data", paths::CLEAR_DATA, Repeat::Safe) };
const CONFIGURE_UI: Endpoint = Endpoint::post("configure_ui", paths::CONFIGURE_UI, Repeat::Safe);
const ENDPOINTS: [Endpoint; 5] = [GENERATE_TOKEN, GET_TOKEN, GET_RESULT, CLEAR_DATA, CONFIGURE_UI];

/// Builds a [`Client`]: `Client::builder(credentials).base_url(..).timeout(..).build()`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    base_url: String,
    timeout: Duration,
    token_period_seconds: u32,
    max_attempts: u32,
    max_retry_after: Duration,
    backoff_base: Duration,
}

impl ClientBuilder {
    /// The API base URL; default [`DEFAULT_API_BASE`]. The simulator and tests point it elsewhere.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Timeout of each HTTP call, connection included; default 10 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Requested access-token validity (`periodSecond`), 60-86400 s; default 3600.
    pub fn token_period_seconds(mut self, seconds: u32) -> Self {
        self.token_period_seconds = seconds;
        self
    }

    /// Attempts per call, the first included, for the failures that may be retried; default 3.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Longest `Retry-After` the client waits out itself; a longer one is returned to the caller
    /// as an error carrying the delay. Default 10 s.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// First backoff delay for retried failures (doubled per attempt, jittered); default 200 ms.
    pub fn backoff_base(mut self, delay: Duration) -> Self {
        self.backoff_base = delay;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, VendorError> {
        if self.credentials.access_key.trim().is_empty() || self.credentials.secret_key.is_empty() {
            return Err(VendorError::InvalidRequest("access key and secret key must not be empty".into()));
        }
        if !TOKEN_PERIOD_SECONDS.contains(&self.token_period_seconds) {
            return Err(VendorError::InvalidRequest(format!(
                "token period {} s is outside the documented 60-86400 s",
                self.token_period_seconds
            )));
        }
        let base = parse_url(self.base_url.trim_end_matches('/'))
            .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
            .ok_or_else(|| {
                VendorError::InvalidRequest(format!("API base URL `{}` is not an http(s) URL", self.base_url))
            })?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("advance-liveness-server/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| VendorError::InvalidRequest(format!("HTTP client: {e}")))?;
        let base = base.as_str().trim_end_matches('/');
        let urls = ENDPOINTS
            .iter()
            .map(|endpoint| {
                let url = format!("{base}{}", endpoint.path);
                parse_url(&url).map(|url| (endpoint.path, url)).ok_or_else(|| {
                    VendorError::InvalidRequest(format!(
                        "API base URL `{}` gives no valid URL for {url}",
                        self.base_url
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                urls,
                credentials: self.credentials,
                timeout: self.timeout,
                token_period_seconds: self.token_period_seconds,
                max_attempts: self.max_attempts,
                max_retry_after: self.max_retry_after,
                backoff_base: self.backoff_base,
                token: RwLock::new(None),
            }),
            observer: None,
        })
    }
}

/// The vendor API client. Cheap to clone; clones share the access-token cache.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
    observer: Option<Arc<dyn CallObserver>>,
}

/// Told of every HTTP exchange with the vendor (metrics).
pub trait CallObserver: Send + Sync + std::fmt::Debug {
    /// One exchange with `endpoint` (`get_result`, ...) ended with `outcome` (the vendor's code,
    /// e.g. `SUCCESS`, `OTHER` for an undocumented one; or `refused`, `timeout`, `transport`,
    /// `http_503`, `undecodable`) after `elapsed`.
    fn vendor_call(&self, endpoint: &'static str, outcome: &str, elapsed: Duration);
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    // Each endpoint's URL, parsed once: not on every call.
    urls: HashMap<&'static str, Url>,
    credentials: Credentials,
    timeout: Duration,
    token_period_seconds: u32,
    max_attempts: u32,
    max_retry_after: Duration,
    backoff_base: Duration,
    token: RwLock<Option<CachedToken>>,
}

#[derive(Debug, Clone)]
struct CachedToken {
    token: AccessToken,
    refresh_at: Instant,
}

/// A finished check as Get Result reports it: `SUCCESS` with a score, or one of the face-failure
/// codes (`NO_FACE_DETECTED`, ...) with images but no score.
#[derive(Debug, Clone, PartialEq)]
pub struct LivenessResult {
    /// `SUCCESS` or a face-failure code.
    pub code: VendorCode,
    /// The result fields.
    pub data: LivenessResultData,
    /// The vendor's request id.
    pub transaction_id: Option<String>,
}

impl Client {
    /// Starts building a client for this account.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            base_url: DEFAULT_API_BASE.into(),
            timeout: Duration::from_secs(10),
            token_period_seconds: 3600,
            max_attempts: 3,
            max_retry_after: Duration::from_secs(10),
            backoff_base: Duration::from_millis(200),
        }
    }

    /// This client (sharing its token cache) telling `observer` of every exchange.
    #[must_use]
    pub fn observed_by(&self, observer: Arc<dyn CallObserver>) -> Self {
        Self { inner: self.inner.clone(), observer: Some(observer) }
    }

    /// Signs in now (if no valid token is cached), to check the credentials at start-up.
    pub async fn authenticate(&self) -> Result<(), VendorError> {
        self.access_token().await.map(|_| ())
    }

    /// Get Token: mints a liveness session and its page URL.
    pub async fn create_session(&self, request: &GetTokenRequest) -> Result<GetTokenData, VendorError> {
        self.authenticated(GET_TOKEN, Some(request), &[]).await?.ok_or_else(|| missing_data(GET_TOKEN))
    }

    /// Get Result. `SUCCESS` and the face-failure codes are results; every other code
    /// (`LIVENESS_NO_RESULT` while the user is not done, `SIGNATURE_NOT_EXIST`,
    /// `RESULT_NOT_FOUND` after clear-data, ...) is a [`VendorError::Api`].
    pub async fn get_result(&self, signature_id: &str) -> Result<LivenessResult, VendorError> {
        let body = GetResultRequest { signature_id: signature_id.to_owned() };
        let envelope = self.call_authenticated(GET_RESULT, Some(&body), &[]).await?;
        let data = decode_data(GET_RESULT, envelope.data)?.unwrap_or_default();
        Ok(LivenessResult { code: envelope.code, data, transaction_id: envelope.transaction_id })
    }

    /// PII Data Retention: deletes the session's images and video at the vendor.
    pub async fn clear_data(&self, signature_id: &str) -> Result<(), VendorError> {
        self.authenticated::<serde_json::Value, ()>(CLEAR_DATA, None, &[("signatureId", signature_id)]).await?;
        Ok(())
    }

    /// ConfigureUI: validates the document, then applies it. Nothing is sent if it is invalid.
    pub async fn configure_ui(&self, config: &UiConfig) -> Result<(), VendorError> {
        config.validate().map_err(VendorError::InvalidUiConfig)?;
        self.authenticated::<serde_json::Value, _>(CONFIGURE_UI, Some(config), &[]).await?;
        Ok(())
    }

    /// A call with `X-ACCESS-TOKEN`, decoded to `T` on `SUCCESS`.
    async fn authenticated<T: DeserializeOwned, B: Serialize>(
        &self,
        endpoint: Endpoint,
        body: Option<&B>,
        query: &[(&str, &str)],
    ) -> Result<Option<T>, VendorError> {
        let envelope = self.call_authenticated(endpoint, body, query).await?;
        decode_data(endpoint, envelope.data)
    }

    /// A call with `X-ACCESS-TOKEN`. A token the vendor rejects (`IAM_FAILED`) is dropped, and
    /// the call is made once more with a fresh one.
    async fn call_authenticated<B: Serialize>(
        &self,
        endpoint: Endpoint,
        body: Option<&B>,
        query: &[(&str, &str)],
    ) -> Result<Envelope<serde_json::Value>, VendorError> {
        let token = self.access_token().await?;
        match self.call(endpoint, Some(&token), body, query).await {
            Err(VendorError::Api { code: VendorCode::IamFailed, .. }) => {
                self.forget_token(&token).await;
                let fresh = self.access_token().await?;
                self.call(endpoint, Some(&fresh), body, query).await
            }
            other => other,
        }
    }

    /// The cached access token, or a new one. Concurrent callers wait for a single refresh.
    async fn access_token(&self) -> Result<AccessToken, VendorError> {
        if let Some(cached) = self.inner.token.read().await.as_ref()
            && Instant::now() < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        let mut slot = self.inner.token.write().await;
        // Whoever held the lock before us may have refreshed it already.
        if let Some(cached) = slot.as_ref()
            && Instant::now() < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        let fresh = self.generate_token().await?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }

    async fn forget_token(&self, rejected: &AccessToken) {
        let mut slot = self.inner.token.write().await;
        if slot.as_ref().is_some_and(|cached| &cached.token == rejected) {
            *slot = None;
        }
    }

    /// Token Authentication.
    async fn generate_token(&self) -> Result<CachedToken, VendorError> {
        let credentials = &self.inner.credentials;
        let timestamp = now_ms();
        let request = TokenAuthRequest {
            access_key: credentials.access_key.clone(),
            signature: sign(&credentials.access_key, credentials.secret_key.expose(), timestamp),
            timestamp: Some(timestamp),
            period_second: Some(u64::from(self.inner.token_period_seconds)),
        };
        let envelope = self.call(GENERATE_TOKEN, None, Some(&request), &[]).await?;
        let data: AccessTokenData =
            decode_data(GENERATE_TOKEN, envelope.data)?.ok_or_else(|| missing_data(GENERATE_TOKEN))?;
        // Refresh a little before the vendor's expiry: a fifth of the lifetime, at most a minute,
        // so a token is never sent in its last seconds.
        let lifetime = Duration::from_millis(data.expired_time.saturating_sub(now_ms()));
        let margin = (lifetime / 5).min(Duration::from_secs(60));
        Ok(CachedToken { token: AccessToken::new(data.token), refresh_at: Instant::now() + lifetime - margin })
    }

    /// One logical call: sends, and repeats where [`Repeat`] allows, up to `max_attempts`.
    /// Returns the envelope only for `SUCCESS`; any other code is a [`VendorError::Api`].
    async fn call<B: Serialize>(
        &self,
        endpoint: Endpoint,
        token: Option<&AccessToken>,
        body: Option<&B>,
        query: &[(&str, &str)],
    ) -> Result<Envelope<serde_json::Value>, VendorError> {
        let mut attempt = 1;
        loop {
            let outcome = self.send(endpoint, token, body, query).await;
            let delay =
                if attempt >= self.inner.max_attempts { None } else { self.retry_delay(endpoint, &outcome, attempt) };
            match delay {
                Some(delay) if delay <= self.inner.max_retry_after => {
                    tracing::debug!(endpoint = endpoint.path, attempt, ?delay, "retrying vendor call");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                _ => {
                    return outcome.map_err(Failure::into_error).and_then(|reply| reply.into_answer(endpoint));
                }
            }
        }
    }

    /// How long to wait before repeating this exchange, or `None` when it must not be repeated.
    fn retry_delay(&self, endpoint: Endpoint, outcome: &Result<Reply, Failure>, attempt: u32) -> Option<Duration> {
        match outcome {
            // SERVICE_BUSY / RETRY_LATER / ERROR are free refusals: nothing was done or billed.
            Ok(reply) if reply.envelope.code.is_retry_later() || reply.envelope.code == VendorCode::Error => {
                Some(reply.retry_after.unwrap_or_else(|| self.backoff(attempt)))
            }
            Ok(_) => None,
            Err(Failure::Refused { .. }) => Some(self.backoff(attempt)),
            Err(Failure::Http { status, retry_after, .. }) => {
                let refused = *status == 429 || *status == 503;
                let allowed = refused || (*status >= 500 && endpoint.repeat == Repeat::Safe);
                allowed.then(|| retry_after.unwrap_or_else(|| self.backoff(attempt)))
            }
            Err(Failure::Ambiguous(_)) => (endpoint.repeat == Repeat::Safe).then(|| self.backoff(attempt)),
            Err(Failure::Final(_)) => None,
        }
    }

    /// Jittered exponential backoff: between half and all of `base * 2^(attempt-1)`, at most 5 s.
    fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.inner.backoff_base.saturating_mul(1 << (attempt - 1).min(10)).min(Duration::from_secs(5));
        ceiling.mul_f64(rand::random_range(0.5..=1.0))
    }

    /// One HTTP exchange, told to the observer.
    async fn send<B: Serialize>(
        &self,
        endpoint: Endpoint,
        token: Option<&AccessToken>,
        body: Option<&B>,
        query: &[(&str, &str)],
    ) -> Result<Reply, Failure> {
        let Some(observer) = &self.observer else { return self.exchange(endpoint, token, body, query).await };
        let started = Instant::now();
        let outcome = self.exchange(endpoint, token, body, query).await;
        let status;
        let label = match &outcome {
            // Undocumented codes are one label: the vendor cannot grow the series without bound.
            Ok(Reply { envelope: Envelope { code: VendorCode::Other(_), .. }, .. }) => "OTHER",
            Ok(reply) => reply.envelope.code.as_str(),
            Err(Failure::Refused { .. }) => "refused",
            Err(Failure::Http { status: code, .. }) => {
                status = format!("http_{code}");
                &status
            }
            Err(Failure::Ambiguous(VendorError::Timeout { .. })) => "timeout",
            Err(Failure::Ambiguous(_)) => "transport",
            Err(Failure::Final(_)) => "undecodable",
        };
        observer.vendor_call(endpoint.name, label, started.elapsed());
        outcome
    }

    /// One HTTP exchange.
    async fn exchange<B: Serialize>(
        &self,
        endpoint: Endpoint,
        token: Option<&AccessToken>,
        body: Option<&B>,
        query: &[(&str, &str)],
    ) -> Result<Reply, Failure> {
        let url = self.inner.urls.get(endpoint.path).cloned().ok_or_else(|| {
            Failure::Final(VendorError::InvalidRequest(format!("no URL for the endpoint {}", endpoint.path)))
        })?;
        let mut request = if endpoint.get { self.inner.http.get(url) } else { self.inner.http.post(url) };
        if !query.is_empty() {
            request = request.query(query);
        }
        if let Some(token) = token {
            let mut value = reqwest::header::HeaderValue::from_str(token.expose()).map_err(|_| {
                Failure::Final(VendorError::Decode {
                    endpoint: endpoint.path,
                    detail: "access token is not a valid header value".into(),
                })
            })?;
            value.set_sensitive(true);
            request = request.header("X-ACCESS-TOKEN", value);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| self.transport_failure(endpoint, &e))?;
        let status = response.status().as_u16();
        let retry_after = parse_retry_after(response.headers());
        let bytes = response.bytes().await.map_err(|e| self.transport_failure(endpoint, &e))?;
        match serde_json::from_slice::<Envelope<serde_json::Value>>(&bytes) {
            Ok(envelope) => {
                // Every answer at debug; at info only the ones that are not plain `SUCCESS` (the
                // caller logs what a success meant, e.g. "liveness session minted"): one line
                // per session instead of two, which under load was a twentieth of the CPU.
                let transaction_id = envelope.transaction_id.as_deref().unwrap_or("-");
                if envelope.code == VendorCode::Success {
                    tracing::debug!(endpoint = endpoint.path, code = %envelope.code, transaction_id, "vendor answered");
                } else {
                    tracing::info!(endpoint = endpoint.path, code = %envelope.code, transaction_id, "vendor answered");
                }
                Ok(Reply { envelope, retry_after })
            }
            Err(_) if status >= 400 => Err(Failure::Http { endpoint: endpoint.path, status, retry_after }),
            Err(e) => Err(Failure::Final(VendorError::Decode { endpoint: endpoint.path, detail: e.to_string() })),
        }
    }

    fn transport_failure(&self, endpoint: Endpoint, error: &reqwest::Error) -> Failure {
        // reqwest's message includes the URL; that has no secret in it (the token is a header).
        let detail = error.without_url_ref().to_string();
        if error.is_connect() {
            Failure::Refused { endpoint: endpoint.path, detail }
        } else if error.is_timeout() {
            Failure::Ambiguous(VendorError::Timeout { endpoint: endpoint.path, timeout: self.inner.timeout })
        } else {
            Failure::Ambiguous(VendorError::Transport { endpoint: endpoint.path, detail })
        }
    }
}

/// A decoded envelope and the `Retry-After` delay that came with it.
#[derive(Debug)]
struct Reply {
    envelope: Envelope<serde_json::Value>,
    retry_after: Option<Duration>,
}

impl Reply {
    /// Answers pass (`SUCCESS`, and face failures for Get Result); every other code becomes
    /// [`VendorError::Api`].
    fn into_answer(self, endpoint: Endpoint) -> Result<Envelope<serde_json::Value>, VendorError> {
        let Self { envelope, retry_after } = self;
        if endpoint.is_answer(&envelope.code) {
            return Ok(envelope);
        }
        Err(VendorError::Api {
            code: envelope.code,
            message: envelope.message,
            transaction_id: envelope.transaction_id,
            retry_after,
        })
    }
}

/// How one exchange failed, by what it means for repeating it.
#[derive(Debug)]
enum Failure {
    /// The connection was never made: nothing reached the vendor.
    Refused { endpoint: &'static str, detail: String },
    /// An HTTP error without an envelope.
    Http { endpoint: &'static str, status: u16, retry_after: Option<Duration> },
    /// The request may have reached the vendor (timeout, connection dropped mid-way).
    Ambiguous(VendorError),
    /// Not worth repeating.
    Final(VendorError),
}

impl Failure {
    fn into_error(self) -> VendorError {
        match self {
            Self::Refused { endpoint, detail } => VendorError::Transport { endpoint, detail },
            Self::Http { endpoint, status, retry_after } => VendorError::Http { endpoint, status, retry_after },
            Self::Ambiguous(error) | Self::Final(error) => error,
        }
    }
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut text = self.to_string();
        if let Some(url) = self.url() {
            text = text.replace(url.as_str(), url.path());
        }
        text
    }
}

fn decode_data<T: DeserializeOwned>(
    endpoint: Endpoint,
    data: Option<serde_json::Value>,
) -> Result<Option<T>, VendorError> {
    match data {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(|e| VendorError::Decode { endpoint: endpoint.path, detail: e.to_string() }),
    }
}

fn missing_data(endpoint: Endpoint) -> VendorError {
    VendorError::Decode { endpoint: endpoint.path, detail: "SUCCESS without data".into() }
}

/// `Retry-After` in seconds, as the vendor sends it (`10`, or `10s` as the guide writes it).
fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.trim_end_matches('s').trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_with_or_without_unit() {
        let mut headers = HeaderMap::new();
        for (value, expected) in [("10", Some(10)), ("10s", Some(10)), (" 3 s", Some(3)), ("soon", None)] {
            headers.insert(RETRY_AFTER, value.parse().unwrap());
            assert_eq!(parse_retry_after(&headers), expected.map(Duration::from_secs), "{value}");
        }
    }

    #[test]
    fn settings_outside_their_ranges_are_refused() {
        let build = |b: ClientBuilder| b.build().map(|_| ());
        assert!(build(Client::builder(Credentials::sample())).is_ok());
        assert!(matches!(
            build(Client::builder(Credentials::sample()).token_period_seconds(59)),
            Err(VendorError::InvalidRequest(_))
        ));
        assert!(matches!(
            build(Client::builder(Credentials::sample()).token_period_seconds(86_401)),
            Err(VendorError::InvalidRequest(_))
        ));
        assert!(matches!(
            build(Client::builder(Credentials::sample()).base_url("ftp://x")),
            Err(VendorError::InvalidRequest(_))
        ));
        let no_secret = Credentials { secret_key: super::super::secret::SecretKey::new(" "), ..Credentials::sample() };
        assert!(matches!(build(Client::builder(no_secret)), Err(VendorError::InvalidRequest(_))));
    }

    #[test]
    fn debug_of_a_client_hides_the_secret() {
        let client = Client::builder(Credentials::sample()).build().unwrap();
        assert!(!format!("{client:?}").contains("samplesecretkey"));
    }
}
