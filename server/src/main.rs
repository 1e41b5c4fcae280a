//! `advance-liveness-server`: runs the session server (against the vendor, or against the
//! built-in simulator with `--simulate`), the simulator alone, or applies a ConfigureUI document.
//! `main` only wires configuration, logging and graceful shutdown.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use advance_liveness::{AllowedOrigin, ProductLevel, SignatureId};
use advance_liveness_server::app::binding::{CookieKey, CookieKeys};
use advance_liveness_server::app::config::web_url;
use advance_liveness_server::app::store::RedisSettings;
use advance_liveness_server::app::{AppConfig, AppConfigBuilder, BrowserMint, ConfigError, Retention, router, serve};
use advance_liveness_server::simulator::{self, DEFAULT_SIM_BIND, RunningSimulator, Simulator, SimulatorConfig};
use advance_liveness_server::vendor::api::Region;
use advance_liveness_server::vendor::configure_ui::UiConfig;
use advance_liveness_server::vendor::{Client, Credentials, DEFAULT_API_BASE, SecretKey, VendorCode, VendorError};
use advance_liveness_server::webhooks::WebhookSecret;
use advance_liveness_server::webhooks::delivery::WebhookSettings;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// The session server for the ADVANCE AI H5 liveness check.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Log lines as text, or as JSON objects (one per line) for a log collector.
    #[arg(long, global = true, env = "ADVANCE_LIVENESS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the local simulator of the vendor's API and hosted liveness page, on its own.
    Simulate(SimulateArgs),
    /// Validate a ConfigureUI document and apply it at the vendor.
    ConfigureUi(ConfigureUiArgs),
    /// Delete sessions' images and video at the vendor (PII Data Retention), from a backend or
    /// a shell: the HTTP route only lets the browser that owns a session purge it.
    Purge(PurgeArgs),
}

/// How to reach the vendor.
#[derive(Debug, Args)]
struct VendorArgs {
    /// The vendor API base URL.
    #[arg(long, env = "ADVANCE_API_BASE", default_value = DEFAULT_API_BASE)]
    api_base: String,
    /// The account's access key.
    #[arg(long, env = "ADVANCE_ACCESS_KEY")]
    access_key: Option<String>,
    /// A file holding the secret key (otherwise the ADVANCE_SECRET_KEY environment variable;
    /// never a flag, so it stays out of process listings).
    #[arg(long, env = "ADVANCE_SECRET_KEY_FILE")]
    secret_key_file: Option<PathBuf>,
    /// Requested access-token validity in seconds (60-86400).
    #[arg(long, env = "ADVANCE_TOKEN_PERIOD", default_value_t = 3600)]
    token_period: u32,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address the app listens on.
    #[arg(long, env = "ADVANCE_LIVENESS_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Run against the built-in vendor simulator (started in-process on --sim-bind) instead of
    /// the real API, with the guide's sample keys.
    #[arg(long)]
    simulate: bool,
    /// The simulator's address with --simulate (a different origin from the app).
    #[arg(long, default_value = DEFAULT_SIM_BIND)]
    sim_bind: SocketAddr,
    /// This server's public base URL as browsers reach it [default: http://BIND].
    #[arg(long, env = "ADVANCE_LIVENESS_PUBLIC_URL")]
    public_url: Option<String>,
    /// The app page redirect-mode checks end on (gets ?status=&signatureId=) [default: PUBLIC_URL/].
    #[arg(long, env = "ADVANCE_LIVENESS_APP_RETURN_URL")]
    app_return_url: Option<String>,
    /// Origin of the vendor's liveness pages [default: https://liveness.advance.ai, or the
    /// simulator's with --simulate].
    #[arg(long, env = "ADVANCE_LIVENESS_ORIGIN")]
    liveness_origin: Option<String>,
    /// Service region, ISO 3166 alpha-3 (required against the real API; IDN with --simulate).
    #[arg(long, env = "ADVANCE_REGION")]
    region: Option<String>,
    /// Default product level.
    #[arg(long, env = "ADVANCE_PRODUCT_LEVEL", value_enum)]
    product_level: Option<Level>,
    /// Scores at or above this pass (0-100).
    #[arg(long, env = "ADVANCE_PASS_THRESHOLD", default_value_t = 50.0)]
    pass_threshold: f64,
    /// Hex key (at least 32 bytes) signing the session cookie; share it between instances.
    /// Required against the real API; random with --simulate.
    #[arg(long, env = "ADVANCE_LIVENESS_COOKIE_KEY", hide_env_values = true)]
    cookie_key: Option<String>,
    /// A retired cookie key (hex) whose cookies are still accepted (repeat, or comma-separated);
    /// keep it 25 hours after rotating, then drop it.
    #[arg(
        long = "previous-cookie-key",
        env = "ADVANCE_LIVENESS_PREVIOUS_COOKIE_KEYS",
        value_delimiter = ',',
        hide_env_values = true
    )]
    previous_cookie_keys: Vec<String>,
    /// Purge PII at the vendor as soon as a session's final result was read.
    #[arg(long, env = "ADVANCE_PURGE_AFTER_READ")]
    purge_after_read: bool,
    /// Origins allowed to call the API cross-origin (repeat, or comma-separated); CORS is off
    /// without one.
    #[arg(long = "cors-origin", env = "ADVANCE_LIVENESS_CORS_ORIGINS", value_delimiter = ',')]
    cors_origins: Vec<String>,
    /// Session mints per client IP per minute [default: 30].
    #[arg(long, env = "ADVANCE_SESSIONS_PER_MINUTE")]
    sessions_per_minute: Option<u32>,
    /// Result reads per client IP per minute [default: 120].
    #[arg(long, env = "ADVANCE_LIVENESS_RESULT_READS_PER_MINUTE")]
    result_reads_per_minute: Option<u32>,
    /// Redirect-mode returns per client IP per minute [default: 30].
    #[arg(long, env = "ADVANCE_LIVENESS_RETURNS_PER_MINUTE")]
    returns_per_minute: Option<u32>,
    /// Purges per client IP per minute [default: 30].
    #[arg(long, env = "ADVANCE_LIVENESS_PURGES_PER_MINUTE")]
    purges_per_minute: Option<u32>,
    /// Seconds a connection has to send a complete request head, from opening or from its
    /// previous response (so also the idle keep-alive timeout).
    #[arg(long, env = "ADVANCE_LIVENESS_HEADER_TIMEOUT", default_value = "10", value_parser = seconds)]
    header_timeout: Duration,
    /// Seconds a response may wait for the client to read it (its socket buffer full) before
    /// the connection is dropped.
    #[arg(long, env = "ADVANCE_LIVENESS_WRITE_TIMEOUT", default_value = "10", value_parser = seconds)]
    write_timeout: Duration,
    /// Seconds a client has to send a request body.
    #[arg(long, env = "ADVANCE_LIVENESS_BODY_TIMEOUT", default_value = "10", value_parser = seconds)]
    body_timeout: Duration,
    /// Open connections at most; one more is answered 503 and closed [default: 4096, or the
    /// open-file limit less 64 if lower].
    #[arg(long, env = "ADVANCE_LIVENESS_MAX_CONNECTIONS")]
    max_connections: Option<usize>,
    /// Seconds connections get to finish after SIGTERM / Ctrl-C before they are dropped.
    #[arg(long, env = "ADVANCE_LIVENESS_SHUTDOWN_TIMEOUT", default_value = "10", value_parser = seconds)]
    shutdown_timeout: Duration,
    /// Proxies (addresses or CIDR networks; repeat, or comma-separated) whose X-Forwarded-For
    /// names the client for the rate limit; without one, the TCP peer is the client.
    #[arg(long = "trusted-proxy", env = "ADVANCE_LIVENESS_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<String>,
    /// A key the integrator's backend authenticates with (`Authorization: Bearer`) on
    /// /api/liveness/backend/ (repeat, or comma-separated; several at once to rotate; 32+
    /// characters). Prefer the environment variable. None: the backend API is off.
    #[arg(long = "backend-key", env = "ADVANCE_LIVENESS_BACKEND_KEYS", value_delimiter = ',', hide_env_values = true)]
    backend_keys: Vec<String>,
    /// Whether browsers may mint sessions (POST /api/liveness/session); `deny` once your backend
    /// mints them all (POST /api/liveness/backend/sessions).
    #[arg(long, env = "ADVANCE_LIVENESS_BROWSER_MINT", value_enum, default_value_t = BrowserMintArg::Allow)]
    browser_mint: BrowserMintArg,
    /// Where signed webhooks go when a session ends (repeat, or comma-separated). Needs a
    /// signing secret: ADVANCE_LIVENESS_WEBHOOK_SECRET, or --webhook-secret-file.
    #[arg(long = "webhook-url", env = "ADVANCE_LIVENESS_WEBHOOK_URLS", value_delimiter = ',')]
    webhook_urls: Vec<String>,
    /// A file holding the webhook signing secret (else ADVANCE_LIVENESS_WEBHOOK_SECRET; never a
    /// flag). 32+ bytes.
    #[arg(long, env = "ADVANCE_LIVENESS_WEBHOOK_SECRET_FILE")]
    webhook_secret_file: Option<PathBuf>,
    /// A file holding the previous signing secret, during a rotation (else
    /// ADVANCE_LIVENESS_WEBHOOK_PREVIOUS_SECRET): deliveries carry a signature with each.
    #[arg(long, env = "ADVANCE_LIVENESS_WEBHOOK_PREVIOUS_SECRET_FILE")]
    webhook_previous_secret_file: Option<PathBuf>,
    /// Backend API requests per client IP per minute [default: 600].
    #[arg(long, env = "ADVANCE_LIVENESS_BACKEND_REQUESTS_PER_MINUTE")]
    backend_requests_per_minute: Option<u32>,
    /// Redis (or Valkey) shared by every instance: known results, rate limits, pending
    /// sessions. `redis://host:6379/0`, `rediss://` for TLS; a password in the URL or in
    /// --redis-password-file. Without it, state stays in this process (one instance).
    #[arg(long, env = "ADVANCE_LIVENESS_REDIS_URL", hide_env_values = true)]
    redis_url: Option<String>,
    /// A file holding the Redis password (replaces one in the URL).
    #[arg(long, env = "ADVANCE_LIVENESS_REDIS_PASSWORD_FILE")]
    redis_password_file: Option<PathBuf>,
    /// Prefix of every Redis key, so deployments can share a database.
    #[arg(long, env = "ADVANCE_LIVENESS_REDIS_NAMESPACE", default_value = "advance-liveness")]
    redis_namespace: String,
    /// Seconds any one Redis call may take before the store counts as down.
    #[arg(long, env = "ADVANCE_LIVENESS_REDIS_TIMEOUT", default_value = "0.5", value_parser = seconds)]
    redis_timeout: Duration,
    /// Serve `GET /metrics` (Prometheus / OpenMetrics text) on this address, apart from the
    /// public one [default: off].
    #[arg(long, env = "ADVANCE_LIVENESS_METRICS_BIND")]
    metrics_bind: Option<SocketAddr>,
    /// Folder of static files to serve at `/` (the built demo page and JS bundle).
    #[arg(long, env = "ADVANCE_LIVENESS_STATIC_DIR")]
    static_dir: Option<PathBuf>,
    #[command(flatten)]
    vendor: VendorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BrowserMintArg {
    /// Browsers may mint sessions (their userId is their word).
    Allow,
    /// Only the backend API mints.
    Deny,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    /// Readable lines (coloured at a terminal).
    Text,
    /// One JSON object per line, with the request's id and span fields.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    /// `STANDARD`.
    #[value(alias = "STANDARD")]
    Standard,
    /// `PRO`.
    #[value(alias = "PRO")]
    Pro,
}

#[derive(Debug, Args)]
struct SimulateArgs {
    /// Address the simulator listens on; its hosted page is served from this origin.
    #[arg(long, default_value = DEFAULT_SIM_BIND)]
    bind: SocketAddr,
    /// The access key it accepts.
    #[arg(long, env = "ADVANCE_ACCESS_KEY", default_value = "sampleaccesskey")]
    access_key: String,
}

#[derive(Debug, Args)]
struct ConfigureUiArgs {
    /// The ConfigureUI document (JSON, the vendor guide's shape).
    #[arg(long)]
    file: PathBuf,
    /// Only validate; send nothing.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    vendor: VendorArgs,
}

#[derive(Debug, Args)]
struct PurgeArgs {
    /// The sessions' signatureIds.
    #[arg(required = true)]
    signature_ids: Vec<String>,
    #[command(flatten)]
    vendor: VendorArgs,
}

// Under load, glibc's malloc was a seventh of the server's CPU, half of it lock contention between
// the runtime's worker threads (BENCHMARKS.md); mimalloc's per-thread heaps avoid both.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into());
    match cli.log_format {
        // Colours for a person at a terminal; plain text for log files.
        LogFormat::Text => {
            tracing_subscriber::fmt().with_ansi(std::io::stdout().is_terminal()).with_env_filter(filter).init();
        }
        // The request's span (its id) on every line, flattened for collectors.
        LogFormat::Json => {
            tracing_subscriber::fmt()
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .with_env_filter(filter)
                .init();
        }
    }
    let result = match cli.command {
        Some(Command::Simulate(args)) => simulate(args).await,
        Some(Command::ConfigureUi(args)) => configure_ui(args).await,
        Some(Command::Purge(args)) => purge(args).await,
        None => serve(cli.serve).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    // Serving many clients takes descriptors: use all the process may have (the connection cap
    // is derived from it).
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let listener = bind(args.bind).await?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let simulator = if args.simulate {
        let sim = RunningSimulator::start(args.sim_bind, Credentials::sample())
            .await
            .map_err(|e| format!("--sim-bind {}: cannot listen: {e}", args.sim_bind))?;
        Some(sim)
    } else {
        None
    };
    let config = app_config(&args, bound, simulator.as_ref()).map_err(|e| e.to_string())?;
    let (limits, metrics) = (config.connection, config.metrics.clone());
    limits.resolve_max_connections(serve::descriptor_limit()).map_err(|e| e.to_string())?;
    let public = config.public_url.as_str().trim_end_matches('/').to_owned();
    if config.static_dir.is_some() {
        println!("demo page:        {public}/");
    }
    println!("session API:      {public}/api/liveness/session");
    println!("health:           {public}/healthz (readiness: {public}/readyz)");
    match &simulator {
        Some(sim) => println!("vendor simulator: {} (hosted page {}/h5/liveness)", sim.base_url, sim.base_url),
        None => {
            println!("vendor API:       {}", args.vendor.api_base);
            check_sign_in(&config.client).await?;
        }
    }
    match &config.redis {
        Some(redis) => println!("shared store:     redis {redis:?}"),
        None => println!("shared store:     none (state in this process: one instance)"),
    }
    if let Some(addr) = args.metrics_bind {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("--metrics-bind {addr}: cannot listen: {e}"))?;
        println!("metrics:          http://{}/metrics", listener.local_addr().map_err(|e| e.to_string())?);
        let metrics_app = advance_liveness_server::app::metrics_router(metrics.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, metrics_app).await {
                tracing::error!(%error, "the metrics listener stopped");
            }
        });
    }
    serve::serve(listener, router(config), limits, metrics, shutdown_signal()).await.map_err(|e| e.to_string())
}

/// Signs in to the vendor once before serving, so that keys it refuses stop the server with a
/// clear message instead of failing every session. A vendor that cannot be reached (or is busy)
/// is only a warning: it may come back, and every request signs in again if needed.
async fn check_sign_in(client: &Client) -> Result<(), String> {
    let refused = |code: &VendorCode| {
        matches!(
            code,
            VendorCode::IamFailed
                | VendorCode::AccountDisabled
                | VendorCode::ParameterError
                | VendorCode::EmptyParameterError
        )
    };
    let warning = match tokio::time::timeout(SIGN_IN_PATIENCE, client.authenticate()).await {
        Ok(Ok(())) => {
            println!("vendor sign-in:   ok");
            return Ok(());
        }
        Ok(Err(error)) if error.code().is_some_and(refused) => {
            return Err(format!(
                "the vendor refused to sign in (check ADVANCE_ACCESS_KEY, ADVANCE_SECRET_KEY / \
                 ADVANCE_SECRET_KEY_FILE and ADVANCE_API_BASE): {error}"
            ));
        }
        Ok(Err(error)) => format!("vendor sign-in failed: {error}"),
        Err(_) => format!("vendor sign-in did not answer within {}s", SIGN_IN_PATIENCE.as_secs()),
    };
    println!("vendor sign-in:   not confirmed, serving anyway (sessions will retry)");
    eprintln!("warning: {warning}");
    Ok(())
}

/// How long start-up waits for the vendor's sign-in before serving anyway.
const SIGN_IN_PATIENCE: Duration = Duration::from_secs(5);

/// Builds and checks the configuration (through the same builder the library's users and
/// tests use); every error names its flag or variable.
fn app_config(args: &ServeArgs, bound: SocketAddr, sim: Option<&RunningSimulator>) -> Result<AppConfig, ConfigError> {
    let public_url = web_url(
        "--public-url / ADVANCE_LIVENESS_PUBLIC_URL",
        args.public_url.as_deref().unwrap_or(&format!("http://{bound}/")),
    )?;
    let mut builder = match (sim, &args.region) {
        (Some(sim), Some(region)) => AppConfig::simulated_builder(sim, public_url).region(region)?,
        (Some(sim), None) => AppConfig::simulated_builder(sim, public_url),
        // The real API has no default region: `real_builder` requires and reads it.
        (None, _) => real_builder(args, public_url)?,
    };
    if let Some(origin) = &args.liveness_origin {
        builder = builder.liveness_origin(origin)?;
    }
    if let Some(hex_key) = &args.cookie_key {
        builder = builder.cookie_keys(cookie_keys(hex_key, &args.previous_cookie_keys)?);
    } else if !args.previous_cookie_keys.is_empty() {
        return Err(ConfigError::new(
            "--previous-cookie-key / ADVANCE_LIVENESS_PREVIOUS_COOKIE_KEYS",
            "needs --cookie-key: the key that signs now",
        ));
    }
    if let Some(url) = &args.app_return_url {
        builder = builder.app_return_url(url.clone());
    }
    let optional = |builder: AppConfigBuilder,
                    value: Option<u32>,
                    set: fn(AppConfigBuilder, u32) -> AppConfigBuilder| match value {
        Some(value) => set(builder, value),
        None => builder,
    };
    builder = optional(builder, args.sessions_per_minute, AppConfigBuilder::mints_per_minute);
    builder = optional(builder, args.result_reads_per_minute, AppConfigBuilder::result_reads_per_minute);
    builder = optional(builder, args.returns_per_minute, AppConfigBuilder::returns_per_minute);
    builder = optional(builder, args.purges_per_minute, AppConfigBuilder::purges_per_minute);
    builder = optional(builder, args.backend_requests_per_minute, AppConfigBuilder::backend_requests_per_minute);
    builder = builder.backend_keys(&args.backend_keys).browser_mint(match args.browser_mint {
        BrowserMintArg::Allow => BrowserMint::Allow,
        BrowserMintArg::Deny => BrowserMint::Deny,
    });
    if let Some(cap) = args.max_connections {
        builder = builder.max_connections(cap);
    }
    builder = builder.redis(redis_settings(args)?).webhooks(webhook_settings(args)?);
    builder
        .pass_threshold(args.pass_threshold)
        .product_level(args.product_level.map(|l| match l {
            Level::Standard => ProductLevel::Standard,
            Level::Pro => ProductLevel::Pro,
        }))
        .retention(if args.purge_after_read { Retention::PurgeAfterRead } else { Retention::UntilDeleted })
        .cors_origins(&args.cors_origins)
        .trusted_proxies(&args.trusted_proxies)
        .static_dir(args.static_dir.clone())
        .header_timeout(args.header_timeout)
        .write_timeout(args.write_timeout)
        .body_timeout(args.body_timeout)
        .shutdown_timeout(args.shutdown_timeout)
        .build()
}

/// The builder against the real vendor: its client, and the settings that have no default there.
fn real_builder(args: &ServeArgs, public_url: url::Url) -> Result<AppConfigBuilder, ConfigError> {
    let region = args
        .region
        .as_deref()
        .ok_or_else(|| ConfigError::new("--region / ADVANCE_REGION", "required: the service region, e.g. IDN"))?;
    let region = Region::new(region).map_err(|e| ConfigError::new("--region / ADVANCE_REGION", e.to_string()))?;
    let hex_key = args.cookie_key.as_deref().ok_or_else(|| {
        ConfigError::new(
            "--cookie-key / ADVANCE_LIVENESS_COOKIE_KEY",
            "required: 32+ random bytes in hex (openssl rand -hex 32)",
        )
    })?;
    let keys = cookie_keys(hex_key, &args.previous_cookie_keys)?;
    let origin = AllowedOrigin::default();
    Ok(AppConfig::builder(vendor_client(&args.vendor)?, origin, region, public_url, keys))
}

/// A secret from a file, else from an environment variable; `None` if neither is set.
fn secret_from(file: Option<&PathBuf>, variable: &str, setting: &'static str) -> Result<Option<String>, ConfigError> {
    match file {
        Some(path) => std::fs::read_to_string(path)
            .map(|text| Some(text.trim().to_owned()))
            .map_err(|e| ConfigError::new(setting, format!("{}: {e}", path.display()))),
        None => Ok(std::env::var(variable).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())),
    }
}

/// The webhook receivers and signing secrets, if any receiver is named.
fn webhook_settings(args: &ServeArgs) -> Result<Option<WebhookSettings>, ConfigError> {
    const URLS: &str = "--webhook-url / ADVANCE_LIVENESS_WEBHOOK_URLS";
    const SECRET: &str = "ADVANCE_LIVENESS_WEBHOOK_SECRET / --webhook-secret-file";
    const PREVIOUS: &str = "ADVANCE_LIVENESS_WEBHOOK_PREVIOUS_SECRET / --webhook-previous-secret-file";
    let urls = args
        .webhook_urls
        .iter()
        .filter(|u| !u.trim().is_empty())
        .map(|u| web_url(URLS, u))
        .collect::<Result<Vec<_>, _>>()?;
    let current = secret_from(args.webhook_secret_file.as_ref(), "ADVANCE_LIVENESS_WEBHOOK_SECRET", SECRET)?;
    let previous =
        secret_from(args.webhook_previous_secret_file.as_ref(), "ADVANCE_LIVENESS_WEBHOOK_PREVIOUS_SECRET", PREVIOUS)?;
    if urls.is_empty() {
        return Ok(None);
    }
    let current = current.ok_or_else(|| ConfigError::new(SECRET, "required with --webhook-url"))?;
    let mut secrets = vec![WebhookSecret::new(current).map_err(|e| ConfigError::new(SECRET, e.to_string()))?];
    if let Some(previous) = previous {
        secrets.push(WebhookSecret::new(previous).map_err(|e| ConfigError::new(PREVIOUS, e.to_string()))?);
    }
    Ok(Some(WebhookSettings { urls, secrets }))
}

/// The shared store's settings, if one is named.
fn redis_settings(args: &ServeArgs) -> Result<Option<RedisSettings>, ConfigError> {
    let Some(url) = args.redis_url.as_deref().filter(|u| !u.trim().is_empty()) else {
        if args.redis_password_file.is_some() {
            return Err(ConfigError::new(
                "--redis-password-file / ADVANCE_LIVENESS_REDIS_PASSWORD_FILE",
                "needs --redis-url",
            ));
        }
        return Ok(None);
    };
    let password = match &args.redis_password_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| {
                    ConfigError::new(
                        "--redis-password-file / ADVANCE_LIVENESS_REDIS_PASSWORD_FILE",
                        format!("{}: {e}", path.display()),
                    )
                })?
                .trim()
                .to_owned(),
        ),
        None => None,
    };
    let mut settings = RedisSettings::new(url, password.as_deref())
        .map_err(|e| ConfigError::new("--redis-url / ADVANCE_LIVENESS_REDIS_URL", e.detail))?;
    let namespace = args.redis_namespace.trim();
    if namespace.is_empty() || namespace.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ConfigError::new(
            "--redis-namespace / ADVANCE_LIVENESS_REDIS_NAMESPACE",
            "must be a non-empty word without spaces",
        ));
    }
    namespace.clone_into(&mut settings.namespace);
    if args.redis_timeout.is_zero() {
        return Err(ConfigError::new(
            "--redis-timeout / ADVANCE_LIVENESS_REDIS_TIMEOUT",
            "must be more than 0 seconds",
        ));
    }
    settings.timeout = args.redis_timeout;
    Ok(Some(settings))
}

/// The signing key and the retired ones, from hex.
fn cookie_keys(current: &str, previous: &[String]) -> Result<CookieKeys, ConfigError> {
    let parse = |setting: &'static str, hex_key: &str| {
        let bytes = hex::decode(hex_key.trim()).map_err(|_| ConfigError::new(setting, "must be hex"))?;
        CookieKey::new(bytes).map_err(|e| ConfigError::new(setting, e.to_string()))
    };
    let current = parse("--cookie-key / ADVANCE_LIVENESS_COOKIE_KEY", current)?;
    let previous = previous
        .iter()
        .map(|key| parse("--previous-cookie-key / ADVANCE_LIVENESS_PREVIOUS_COOKIE_KEYS", key))
        .collect::<Result<_, _>>()?;
    Ok(CookieKeys::new(current, previous))
}

/// A duration setting in seconds (fractions allowed).
fn seconds(raw: &str) -> Result<Duration, String> {
    let value: f64 = raw.trim().parse().map_err(|_| format!("`{raw}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(value).map_err(|_| format!("`{raw}` is not a positive number of seconds"))
}

/// The real vendor client from flags and environment.
fn vendor_client(args: &VendorArgs) -> Result<Client, ConfigError> {
    let access_key = args
        .access_key
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| ConfigError::new("--access-key / ADVANCE_ACCESS_KEY", "required (or use --simulate)"))?;
    let secret = match &args.secret_key_file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| {
                ConfigError::new("--secret-key-file / ADVANCE_SECRET_KEY_FILE", format!("{}: {e}", path.display()))
            })?
            .trim()
            .to_owned(),
        None => std::env::var("ADVANCE_SECRET_KEY").unwrap_or_default(),
    };
    if secret.trim().is_empty() {
        return Err(ConfigError::new("ADVANCE_SECRET_KEY / --secret-key-file", "required (or use --simulate)"));
    }
    web_url("--api-base / ADVANCE_API_BASE", &args.api_base)?;
    if !advance_liveness_server::vendor::api::TOKEN_PERIOD_SECONDS.contains(&args.token_period) {
        return Err(ConfigError::new("--token-period / ADVANCE_TOKEN_PERIOD", "must be 60-86400 seconds"));
    }
    Client::builder(Credentials { access_key, secret_key: SecretKey::new(secret) })
        .base_url(&args.api_base)
        .token_period_seconds(args.token_period)
        .build()
        .map_err(|e: VendorError| ConfigError::new("vendor client", e.to_string()))
}

async fn simulate(args: SimulateArgs) -> Result<(), String> {
    let secret = std::env::var("ADVANCE_SECRET_KEY").unwrap_or_else(|_| "samplesecretkey".into());
    let credentials = Credentials { access_key: args.access_key, secret_key: SecretKey::new(secret) };
    if credentials.access_key.trim().is_empty() || credentials.secret_key.is_empty() {
        return Err("ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY must not be empty".into());
    }
    let listener = bind(args.bind).await?;
    let base = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    println!("ADVANCE AI simulator: API at {base}/openapi/..., hosted liveness page at {base}/h5/liveness");
    println!("access key: {}", credentials.access_key);
    let sim = Simulator::new(SimulatorConfig::new(credentials, base));
    axum::serve(listener, simulator::router(sim))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("simulator failed: {e}"))
}

async fn configure_ui(args: ConfigureUiArgs) -> Result<(), String> {
    let name = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).map_err(|e| format!("{name}: {e}"))?;
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let config: UiConfig = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| format!("{name}: at `{}`: {}", e.path(), e.inner()))?;
    if let Err(errors) = config.validate() {
        for error in &errors {
            eprintln!("{name}: {error}");
        }
        return Err(format!("{name}: {} validation error(s); nothing was sent", errors.len()));
    }
    if args.check {
        println!("{name}: valid");
        return Ok(());
    }
    let client = vendor_client(&args.vendor).map_err(|e| e.to_string())?;
    client.configure_ui(&config).await.map_err(|e| e.to_string())?;
    println!("{name}: applied");
    Ok(())
}

/// Purges each session in turn; every failure is reported, and any failure fails the command.
async fn purge(args: PurgeArgs) -> Result<(), String> {
    let ids = args
        .signature_ids
        .iter()
        .map(|id| SignatureId::new(id.as_str()).map_err(|e| format!("`{id}`: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let client = vendor_client(&args.vendor).map_err(|e| e.to_string())?;
    let mut failed = 0;
    for id in &ids {
        match client.clear_data(id.as_str()).await {
            Ok(()) => println!("{id}: purged"),
            Err(error) => {
                eprintln!("{id}: {error}");
                failed += 1;
            }
        }
    }
    if failed == 0 { Ok(()) } else { Err(format!("{failed} of {} purge(s) failed", ids.len())) }
}

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("--bind {addr}: cannot listen: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
