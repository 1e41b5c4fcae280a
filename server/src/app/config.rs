//! Everything the session server needs to know, checked once when it is built: every setting is
//! validated by [`AppConfigBuilder::build`], whether it came from the command line (`main.rs`)
//! or from an integrator nesting [`super::router`] in its own app, and the checked values are
//! kept in types that cannot hold a wrong one.

use std::net::IpAddr;
use std::num::{NonZeroU32, NonZeroUsize};
use std::path::PathBuf;
use std::time::Duration;

use advance_liveness::{AllowedOrigin, ProductLevel};
use ipnet::IpNet;
use url::Url;

use super::backend_auth::BackendKeys;
use super::binding::CookieKeys;
use super::client_limits::RateLimits;
use super::follower::FollowSchedule;
use super::metrics::Metrics;
use super::serve::ConnectionLimits;
use super::store::RedisSettings;
use crate::vendor::Client;
use crate::vendor::api::{Region, SESSION_URL_LIFETIME_MS};
use crate::webhooks::delivery::WebhookSettings;

/// What to do with a session's PII at the vendor once its result was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Retention {
    /// Keep it until `DELETE /api/liveness/sessions/{id}` (or the vendor's own retention).
    #[default]
    UntilDeleted,
    /// Call clear-data as soon as a terminal result was read.
    PurgeAfterRead,
}

/// Whether browsers may mint sessions (`POST /api/liveness/session`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrowserMint {
    /// They may (the default; their `userId` is their word, recorded as `mintedBy: browser`).
    #[default]
    Allow,
    /// They may not: `403 browser_mint_disabled`. The backend mints every session
    /// (`POST /api/liveness/backend/sessions`) and hands the page its client secret.
    Deny,
}

/// The score at or above which a `SUCCESS` passes: 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct PassThreshold(f64);

impl PassThreshold {
    /// A threshold in 0-100.
    pub fn new(score: f64) -> Result<Self, ConfigError> {
        if (0.0..=100.0).contains(&score) {
            Ok(Self(score))
        } else {
            Err(ConfigError::new("--pass-threshold / ADVANCE_PASS_THRESHOLD", "must be between 0 and 100"))
        }
    }

    /// The score.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for PassThreshold {
    fn default() -> Self {
        Self(super::verdict::DEFAULT_PASS_THRESHOLD)
    }
}

/// The session server's configuration. Build it with [`AppConfig::builder`] (or
/// [`AppConfig::simulated`]); its fields may be changed afterwards, and their types keep them valid.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The vendor client (real API or simulator).
    pub client: Client,
    /// The origin of the vendor's liveness pages, sent to the browser and checked on every URL.
    pub liveness_origin: AllowedOrigin,
    /// The service region for Get Token.
    pub region: Region,
    /// This server's public base URL as browsers reach it, e.g. `https://app.example.com`; the
    /// vendor return URLs point at its `/liveness/return`, and its origin may change state.
    pub public_url: Url,
    /// Where `/liveness/return` sends the browser in redirect mode (gets `?status=&signatureId=`).
    pub app_return_url: Url,
    /// Scores at or above this pass.
    pub pass_threshold: PassThreshold,
    /// Default product level when the request names none.
    pub product_level: Option<ProductLevel>,
    /// Sign (and verify) the session-binding cookie; share them between instances.
    pub cookie_keys: CookieKeys,
    /// Whether the cookie is `Secure` (true whenever `public_url` is https).
    pub cookie_secure: bool,
    /// PII retention.
    pub retention: Retention,
    /// Origins allowed to call the API cross-origin (with the cookie); empty means CORS off.
    pub cors_origins: Vec<AllowedOrigin>,
    /// Requests per client per minute, by kind.
    pub rate_limits: RateLimits,
    /// Proxies whose `X-Forwarded-For` names the client for the rate limits (none: the TCP peer
    /// is the client). See [`crate::app::client_ip::ClientIp`].
    pub trusted_proxies: Vec<IpNet>,
    /// Static files served at `/` (the demo page and JS bundle).
    pub static_dir: Option<PathBuf>,
    /// Time a client has to send the whole request body, from the handler's first read of it
    /// (right after its headers): a deadline, not an idle timeout. See [`super::body_deadline`].
    pub body_timeout: Duration,
    /// Connection limits, used when the app serves its own socket ([`super::serve::serve`]).
    pub connection: ConnectionLimits,
    /// The shared store: `None` keeps state in this process (one instance); with Redis, every
    /// instance sharing it acts as one ([`super::store`]).
    pub redis: Option<RedisSettings>,
    /// Where the app counts what it does ([`Metrics::render`] for `/metrics`).
    pub metrics: Metrics,
    /// The keys of the backend API (`/api/liveness/backend/`); empty: the API is off.
    pub backend_keys: BackendKeys,
    /// Whether browsers may mint sessions.
    pub browser_mint: BrowserMint,
    /// Signed webhooks for sessions that end; none without receivers.
    pub webhooks: Option<WebhookSettings>,
    /// How pending sessions are followed (with webhooks only).
    pub follow: FollowSchedule,
    /// How long the vendor keeps a session's page URL valid: its guide's 3600 s. Only a simulator
    /// with a shorter [`SimulatorConfig::session_lifetime`](crate::simulator::SimulatorConfig)
    /// changes it ([`AppConfig::simulated_builder`] copies it), to watch sessions expire.
    pub session_lifetime: Duration,
    /// The in-process simulator the app runs against (`--simulate`, the demo, tests), if any.
    /// Each session's chosen locale is handed to it, so its hosted page speaks the check's
    /// language: a stand-in for what the vendor lacks (its API takes no per-session language).
    pub simulator: Option<crate::simulator::Simulator>,
}

/// A configuration value that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{setting}: {problem}")]
pub struct ConfigError {
    /// The flag or variable, e.g. `--public-url / ADVANCE_LIVENESS_PUBLIC_URL`.
    pub setting: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    /// A problem with `setting`.
    pub fn new(setting: &'static str, problem: impl Into<String>) -> Self {
        Self { setting, problem: problem.into() }
    }
}

/// Parses an absolute http(s) URL setting.
pub fn web_url(setting: &'static str, raw: &str) -> Result<Url, ConfigError> {
    let url = advance_liveness::rules::origin::parse_url(raw.trim())
        .ok_or_else(|| ConfigError::new(setting, format!("`{raw}` is not a URL (with an ASCII host)")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ConfigError::new(setting, format!("`{raw}` must be an absolute http(s) URL")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::new(setting, "must not contain credentials"));
    }
    Ok(url)
}

/// Settings given as the operator wrote them, checked by [`AppConfigBuilder::build`]. Unset
/// ones keep the documented defaults.
#[derive(Debug, Clone)]
#[must_use]
pub struct AppConfigBuilder {
    config: AppConfig,
    app_return_url: Option<String>,
    pass_threshold: Option<f64>,
    cors_origins: Vec<String>,
    trusted_proxies: Vec<String>,
    mints_per_minute: Option<u32>,
    result_reads_per_minute: Option<u32>,
    returns_per_minute: Option<u32>,
    purges_per_minute: Option<u32>,
    backend_requests_per_minute: Option<u32>,
    backend_keys: Vec<String>,
    max_connections: Option<usize>,
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $type:ty,)*) => {
        $($(#[$doc])* pub fn $name(mut self, value: $type) -> Self {
            self.$name = Some(value);
            self
        })*
    };
}

impl AppConfigBuilder {
    setters! {
        /// Where redirect-mode checks end (an absolute http(s) URL) [default: the public URL].
        app_return_url: String,
        /// Scores at or above this pass, 0-100 [default: 50].
        pass_threshold: f64,
        /// Session mints per client per minute, at least 1 [default: 30].
        mints_per_minute: u32,
        /// Result reads per client per minute, at least 1 [default: 120].
        result_reads_per_minute: u32,
        /// Redirect-mode returns per client per minute, at least 1 [default: 30].
        returns_per_minute: u32,
        /// Purges per client per minute, at least 1 [default: 30].
        purges_per_minute: u32,
        /// Backend API requests per client per minute, at least 1 [default: 600].
        backend_requests_per_minute: u32,
        /// Open connections at most, at least 1 [default: from the descriptor limit].
        max_connections: usize,
    }

    /// Origins allowed to call the API cross-origin, as written (normalised here).
    pub fn cors_origins(mut self, origins: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.cors_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Proxies trusted for `X-Forwarded-For`: addresses or CIDR networks, as written.
    pub fn trusted_proxies(mut self, proxies: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.trusted_proxies = proxies.into_iter().map(Into::into).collect();
        self
    }

    /// The liveness pages' origin, as written.
    pub fn liveness_origin(mut self, origin: &str) -> Result<Self, ConfigError> {
        self.config.liveness_origin = AllowedOrigin::parse(origin.trim())
            .map_err(|e| ConfigError::new("--liveness-origin / ADVANCE_LIVENESS_ORIGIN", e.to_string()))?;
        Ok(self)
    }

    /// The service region, ISO 3166 alpha-3.
    pub fn region(mut self, region: &str) -> Result<Self, ConfigError> {
        self.config.region =
            Region::new(region).map_err(|e| ConfigError::new("--region / ADVANCE_REGION", e.to_string()))?;
        Ok(self)
    }

    /// The cookie keys (replacing the random ones of [`AppConfig::simulated_builder`]).
    pub fn cookie_keys(mut self, keys: CookieKeys) -> Self {
        self.config.cookie_keys = keys;
        self
    }

    /// The default product level.
    pub fn product_level(mut self, level: Option<ProductLevel>) -> Self {
        self.config.product_level = level;
        self
    }

    /// PII retention [default: until deleted].
    pub fn retention(mut self, retention: Retention) -> Self {
        self.config.retention = retention;
        self
    }

    /// A folder of static files to serve at `/`; it must hold an `index.html`.
    pub fn static_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.config.static_dir = dir;
        self
    }

    /// Time to send a request body [default: 10 s].
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.config.body_timeout = timeout;
        self
    }

    /// Time to send a request head, also the idle keep-alive timeout [default: 10 s].
    pub fn header_timeout(mut self, timeout: Duration) -> Self {
        self.config.connection.header_timeout = timeout;
        self
    }

    /// Time a response may wait for the client to read before the connection is dropped
    /// [default: 10 s].
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.config.connection.write_timeout = timeout;
        self
    }

    /// Keys the integrator's backend authenticates with (`Authorization: Bearer`), as written;
    /// several at once, so a key can be rotated. None: the backend API is off.
    pub fn backend_keys(mut self, keys: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.backend_keys = keys.into_iter().map(Into::into).collect();
        self
    }

    /// Sends signed webhooks to these receivers [default: none].
    pub fn webhooks(mut self, webhooks: Option<WebhookSettings>) -> Self {
        self.config.webhooks = webhooks;
        self
    }

    /// Whether browsers may mint sessions [default: allow].
    pub fn browser_mint(mut self, browser_mint: BrowserMint) -> Self {
        self.config.browser_mint = browser_mint;
        self
    }

    /// Keeps sessions, results and rate limits in Redis, shared by every instance using it
    /// [default: in this process].
    pub fn redis(mut self, settings: Option<RedisSettings>) -> Self {
        self.config.redis = settings;
        self
    }

    /// Time open connections get after the shutdown signal [default: 10 s].
    pub fn shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.config.connection.shutdown_timeout = timeout;
        self
    }

    /// Checks every setting; each error names its flag and environment variable.
    pub fn build(self) -> Result<AppConfig, ConfigError> {
        let mut config = self.config;
        if let Some(raw) = &self.app_return_url {
            config.app_return_url = web_url("--app-return-url / ADVANCE_LIVENESS_APP_RETURN_URL", raw)?;
        }
        if let Some(score) = self.pass_threshold {
            config.pass_threshold = PassThreshold::new(score)?;
        }
        // Normalised (case, default port, trailing slash, spaces after commas), as browsers send them.
        config.cors_origins = self
            .cors_origins
            .iter()
            .map(|origin| {
                AllowedOrigin::parse(origin.trim())
                    .map_err(|e| ConfigError::new("--cors-origin / ADVANCE_LIVENESS_CORS_ORIGINS", e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        config.trusted_proxies = self.trusted_proxies.iter().map(|raw| parse_proxy(raw)).collect::<Result<_, _>>()?;
        let per_minute = |value: Option<u32>, default: NonZeroU32, setting| match value {
            None => Ok(default),
            Some(n) => NonZeroU32::new(n).ok_or_else(|| ConfigError::new(setting, "must be at least 1")),
        };
        let defaults = RateLimits::default();
        config.rate_limits = RateLimits {
            mints_per_minute: per_minute(
                self.mints_per_minute,
                defaults.mints_per_minute,
                "--sessions-per-minute / ADVANCE_SESSIONS_PER_MINUTE",
            )?,
            result_reads_per_minute: per_minute(
                self.result_reads_per_minute,
                defaults.result_reads_per_minute,
                "--result-reads-per-minute / ADVANCE_LIVENESS_RESULT_READS_PER_MINUTE",
            )?,
            returns_per_minute: per_minute(
                self.returns_per_minute,
                defaults.returns_per_minute,
                "--returns-per-minute / ADVANCE_LIVENESS_RETURNS_PER_MINUTE",
            )?,
            purges_per_minute: per_minute(
                self.purges_per_minute,
                defaults.purges_per_minute,
                "--purges-per-minute / ADVANCE_LIVENESS_PURGES_PER_MINUTE",
            )?,
            backend_requests_per_minute: per_minute(
                self.backend_requests_per_minute,
                defaults.backend_requests_per_minute,
                "--backend-requests-per-minute / ADVANCE_LIVENESS_BACKEND_REQUESTS_PER_MINUTE",
            )?,
        };
        config.backend_keys = BackendKeys::new(&self.backend_keys)?;
        if let Some(cap) = self.max_connections {
            let cap = NonZeroUsize::new(cap).ok_or_else(|| {
                ConfigError::new("--max-connections / ADVANCE_LIVENESS_MAX_CONNECTIONS", "must be at least 1")
            })?;
            config.connection.max_connections = Some(cap);
        }
        for (timeout, setting) in [
            (config.body_timeout, "--body-timeout / ADVANCE_LIVENESS_BODY_TIMEOUT"),
            (config.connection.header_timeout, "--header-timeout / ADVANCE_LIVENESS_HEADER_TIMEOUT"),
            (config.connection.write_timeout, "--write-timeout / ADVANCE_LIVENESS_WRITE_TIMEOUT"),
        ] {
            if timeout.is_zero() {
                return Err(ConfigError::new(setting, "must be more than 0 seconds"));
            }
        }
        if let Some(dir) = &config.static_dir
            && !dir.join("index.html").is_file()
        {
            return Err(ConfigError::new(
                "--static-dir / ADVANCE_LIVENESS_STATIC_DIR",
                format!("{}: no index.html there (build the demo first: make demo)", dir.display()),
            ));
        }
        Ok(config)
    }
}

/// A trusted proxy: a CIDR network, or a bare address (a network of one).
fn parse_proxy(raw: &str) -> Result<IpNet, ConfigError> {
    let raw = raw.trim();
    raw.parse::<IpNet>().or_else(|_| raw.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
        ConfigError::new(
            "--trusted-proxy / ADVANCE_LIVENESS_TRUSTED_PROXIES",
            format!("`{raw}` is not an IP address or CIDR network"),
        )
    })
}

impl AppConfig {
    /// A builder with the defaults for everything but what must be chosen: the client, the
    /// liveness origin, the region, this server's public URL and the cookie keys. Redirect-mode
    /// checks end on `public_url`; scores pass at 50; PII is kept until deleted; CORS is off; the
    /// rate limits of [`RateLimits::default`]; no static files; 10 s to send a request head or
    /// body and to finish after the shutdown signal.
    pub fn builder(
        client: Client,
        liveness_origin: AllowedOrigin,
        region: Region,
        public_url: Url,
        cookie_keys: CookieKeys,
    ) -> AppConfigBuilder {
        let config = Self {
            client,
            liveness_origin,
            region,
            cookie_secure: public_url.scheme() == "https",
            app_return_url: public_url.clone(),
            public_url,
            pass_threshold: PassThreshold::default(),
            product_level: None,
            cookie_keys,
            retention: Retention::UntilDeleted,
            cors_origins: Vec::new(),
            rate_limits: RateLimits::default(),
            trusted_proxies: Vec::new(),
            static_dir: None,
            body_timeout: Duration::from_secs(10),
            connection: ConnectionLimits::default(),
            redis: None,
            metrics: Metrics::new(),
            simulator: None,
            backend_keys: BackendKeys::default(),
            browser_mint: BrowserMint::Allow,
            webhooks: None,
            follow: FollowSchedule::default(),
            session_lifetime: Duration::from_millis(SESSION_URL_LIFETIME_MS),
        };
        AppConfigBuilder {
            config,
            app_return_url: None,
            pass_threshold: None,
            cors_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            mints_per_minute: None,
            result_reads_per_minute: None,
            returns_per_minute: None,
            purges_per_minute: None,
            backend_requests_per_minute: None,
            backend_keys: Vec::new(),
            max_connections: None,
        }
    }

    /// A builder against a running simulator: its client, its origin as the liveness origin,
    /// region `IDN`, and a random cookie key (what `--simulate` uses).
    pub fn simulated_builder(sim: &crate::simulator::RunningSimulator, public_url: Url) -> AppConfigBuilder {
        let client = sim.client().build().expect("the simulator's client settings are valid");
        let origin = AllowedOrigin::parse(&sim.base_url).expect("the simulator listens on loopback http");
        let region = Region::new("IDN").expect("a valid region");
        let mut builder = Self::builder(client, origin, region, public_url, CookieKeys::random());
        builder.config.session_lifetime = sim.simulator.config.session_lifetime;
        builder.config.simulator = Some(sim.simulator.clone());
        builder
    }

    /// [`AppConfig::simulated_builder`] with every default.
    pub fn simulated(sim: &crate::simulator::RunningSimulator, public_url: Url) -> Self {
        Self::simulated_builder(sim, public_url).build().expect("the defaults are valid")
    }

    /// This server's own origin, from its public URL.
    pub fn public_origin(&self) -> AllowedOrigin {
        AllowedOrigin::parse(&self.public_url.origin().ascii_serialization())
            .expect("a checked http(s) URL has a valid origin")
    }

    /// The vendor `returnUrl` and `failedReturnUrl` for a session: always this server's
    /// `/liveness/return`, never anything from the request. In iframe mode the guide requires
    /// `isLivenessIframe=true` on both.
    pub fn return_urls(&self, iframe: bool) -> (String, String) {
        let make = |outcome: &str| {
            // Relative to the public URL, so a server mounted under a path (https://x.com/kyc/)
            // keeps it: https://x.com/kyc/liveness/return.
            let mut base = self.public_url.clone();
            if !base.path().ends_with('/') {
                base.set_path(&format!("{}/", base.path()));
            }
            let mut url = base.join("liveness/return").expect("a relative path joins any http(s) base");
            {
                let mut query = url.query_pairs_mut();
                query.append_pair("outcome", outcome);
                if iframe {
                    query.append_pair("isLivenessIframe", "true");
                }
            }
            url.to_string()
        };
        (make("done"), make("failed"))
    }
}

/// The vendor `returnUrl` / `failedReturnUrl` pairs of both modes, built once from the
/// configuration (they depend on nothing else) rather than on every mint.
#[derive(Debug, Clone)]
pub struct ReturnUrls {
    redirect: (String, String),
    iframe: (String, String),
}

impl ReturnUrls {
    /// The pairs for `config` ([`AppConfig::return_urls`]).
    pub fn new(config: &AppConfig) -> Self {
        Self { redirect: config.return_urls(false), iframe: config.return_urls(true) }
    }

    /// The pair for a session in iframe mode or not.
    pub fn for_mode(&self, iframe: bool) -> &(String, String) {
        if iframe { &self.iframe } else { &self.redirect }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(public: &str) -> AppConfigBuilder {
        let client = crate::vendor::Client::builder(crate::vendor::Credentials::sample()).build().unwrap();
        AppConfig::builder(
            client,
            AllowedOrigin::default(),
            Region::new("IDN").unwrap(),
            public.parse().unwrap(),
            CookieKeys::random(),
        )
    }

    #[test]
    fn return_urls_keep_the_public_path_and_mark_iframe_mode() {
        let (done, failed) = builder("https://app.example/kyc").build().unwrap().return_urls(true);
        assert_eq!(done, "https://app.example/kyc/liveness/return?outcome=done&isLivenessIframe=true");
        assert_eq!(failed, "https://app.example/kyc/liveness/return?outcome=failed&isLivenessIframe=true");
        let (done, _) = builder("https://app.example/").build().unwrap().return_urls(false);
        assert_eq!(done, "https://app.example/liveness/return?outcome=done");
    }

    #[test]
    fn web_urls_must_be_absolute_http_without_credentials() {
        assert!(web_url("--x", "https://app.example.com/").is_ok());
        assert!(web_url("--x", "http://127.0.0.1:8080").is_ok());
        for bad in ["/relative", "javascript:alert(1)", "ftp://x", "https://u:p@x.com", "not a url"] {
            let error = web_url("--x", bad).unwrap_err();
            assert_eq!(error.setting, "--x", "{bad}");
        }
    }

    #[test]
    fn the_builder_checks_every_setting_and_names_it() {
        let setting = |b: AppConfigBuilder| b.build().unwrap_err().setting;
        assert_eq!(
            setting(builder("https://a.example").pass_threshold(100.5)),
            "--pass-threshold / ADVANCE_PASS_THRESHOLD"
        );
        assert_eq!(
            setting(builder("https://a.example").pass_threshold(f64::NAN)),
            "--pass-threshold / ADVANCE_PASS_THRESHOLD"
        );
        assert!(setting(builder("https://a.example").mints_per_minute(0)).starts_with("--sessions-per-minute"));
        assert!(setting(builder("https://a.example").result_reads_per_minute(0)).starts_with("--result-reads"));
        assert!(
            setting(builder("https://a.example").cors_origins(["https://x.example/path"])).starts_with("--cors-origin")
        );
        assert!(setting(builder("https://a.example").trusted_proxies(["10.0.0.0/33"])).starts_with("--trusted-proxy"));
        assert!(setting(builder("https://a.example").max_connections(0)).starts_with("--max-connections"));
        assert!(
            setting(builder("https://a.example").app_return_url("/relative".into())).starts_with("--app-return-url")
        );
        assert!(setting(builder("https://a.example").header_timeout(Duration::ZERO)).starts_with("--header-timeout"));
        assert!(setting(builder("https://a.example").write_timeout(Duration::ZERO)).starts_with("--write-timeout"));
        assert!(
            setting(builder("https://a.example").static_dir(Some("/nonexistent".into()))).starts_with("--static-dir")
        );
    }

    #[test]
    fn the_builder_normalises_what_it_accepts() {
        let config = builder("https://a.example")
            .cors_origins([" HTTPS://Shop.Example:443/ "])
            .trusted_proxies(["10.0.0.0/8", "192.0.2.1"])
            .mints_per_minute(5)
            .build()
            .unwrap();
        assert_eq!(config.cors_origins[0].as_str(), "https://shop.example");
        assert_eq!(config.trusted_proxies[1], "192.0.2.1/32".parse::<IpNet>().unwrap());
        assert_eq!(config.rate_limits.mints_per_minute.get(), 5);
        assert_eq!(config.public_origin().as_str(), "https://a.example");
    }
}
