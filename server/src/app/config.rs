//! Everything the session server needs to know, checked once at start-up.

use std::path::PathBuf;

use advance_liveness::{AllowedOrigin, ProductLevel};
use url::Url;

use super::binding::CookieKey;
use crate::vendor::Client;
use crate::vendor::api::Region;

/// What to do with a session's PII at the vendor once its result was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Retention {
    /// Keep it until `DELETE /api/liveness/sessions/{id}` (or the vendor's own retention).
    #[default]
    UntilDeleted,
    /// Call clear-data as soon as a terminal result was read.
    PurgeAfterRead,
}

/// The session server's configuration.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The vendor client (real API or simulator).
    pub client: Client,
    /// The origin of the vendor's liveness pages, sent to the browser and checked on every URL.
    pub liveness_origin: AllowedOrigin,
    /// The service region for Get Token.
    pub region: Region,
    /// This server's public base URL as browsers reach it, e.g. `https://app.example.com`; the
    /// vendor return URLs point at its `/liveness/return`.
    pub public_url: Url,
    /// Where `/liveness/return` sends the browser in redirect mode (gets `?status=&signatureId=`).
    pub app_return_url: Url,
    /// Scores at or above this pass.
    pub pass_threshold: f64,
    /// Default product level when the request names none.
    pub product_level: Option<ProductLevel>,
    /// Signs the session-binding cookie; share it between instances.
    pub cookie_key: CookieKey,
    /// Whether the cookie is `Secure` (true whenever `public_url` is https).
    pub cookie_secure: bool,
    /// PII retention.
    pub retention: Retention,
    /// Origins allowed to call the API cross-origin (with the cookie); empty means CORS off.
    pub cors_origins: Vec<String>,
    /// Session mints allowed per client IP per minute (burst of the same size).
    pub sessions_per_minute: u32,
    /// Proxies whose `X-Forwarded-For` names the client for the rate limit (none: the TCP peer
    /// is the client). See [`crate::app::client_ip::ClientIp`].
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Static files served at `/` (the demo page and JS bundle).
    pub static_dir: Option<PathBuf>,
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

impl AppConfig {
    /// A configuration with the defaults for everything but what must be chosen: the client,
    /// the liveness origin, the region, this server's public URL and the cookie key. Redirect-mode
    /// checks end on `public_url`; scores pass at 50; PII is kept until deleted; CORS is off;
    /// 30 sessions per client per minute; no static files.
    pub fn new(
        client: Client,
        liveness_origin: AllowedOrigin,
        region: Region,
        public_url: Url,
        cookie_key: CookieKey,
    ) -> Self {
        Self {
            client,
            liveness_origin,
            region,
            cookie_secure: public_url.scheme() == "https",
            app_return_url: public_url.clone(),
            public_url,
            pass_threshold: super::verdict::DEFAULT_PASS_THRESHOLD,
            product_level: None,
            cookie_key,
            retention: Retention::UntilDeleted,
            cors_origins: Vec::new(),
            sessions_per_minute: 30,
            trusted_proxies: Vec::new(),
            static_dir: None,
        }
    }

    /// A configuration against a running simulator: its client, its origin as the liveness
    /// origin, region `IDN`, and a random cookie key.
    pub fn simulated(sim: &crate::simulator::RunningSimulator, public_url: Url) -> Self {
        let client = sim.client().build().expect("the simulator's client settings are valid");
        let origin = AllowedOrigin::parse(&sim.base_url).expect("the simulator listens on loopback http");
        Self::new(client, origin, Region::new("IDN").expect("a valid region"), public_url, CookieKey::random())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_urls_keep_the_public_path_and_mark_iframe_mode() {
        let client = crate::vendor::Client::builder(crate::vendor::Credentials::sample()).build().unwrap();
        let config = |public: &str| {
            AppConfig::new(
                client.clone(),
                AllowedOrigin::default(),
                Region::new("IDN").unwrap(),
                public.parse().unwrap(),
                CookieKey::random(),
            )
        };
        let (done, failed) = config("https://app.example/kyc").return_urls(true);
        assert_eq!(done, "https://app.example/kyc/liveness/return?outcome=done&isLivenessIframe=true");
        assert_eq!(failed, "https://app.example/kyc/liveness/return?outcome=failed&isLivenessIframe=true");
        let (done, _) = config("https://app.example/").return_urls(false);
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
}
