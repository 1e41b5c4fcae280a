//! What following abandoned sessions costs the vendor: sessions are minted and never read or
//! finished; the follower alone reads them until they expire and their `session.expired`
//! webhooks go out. Counted by the simulator, over real HTTP: Get Result calls per session, and
//! from expiry to the receiver getting the event.
//!
//! The vendor's hour is shortened `scale` times, and the follower's default pace with it (its
//! reads stay over the 1 s for which a pending answer is reused, so each read is a vendor call
//! and the count is the hour's). Two runs at once: one instance with its state in memory, and
//! two instances sharing a Redis (`redis-server` on a free port), the sessions minted on both.
//!
//! `cargo run --release -p advance-liveness-server --example bench_follow -- [sessions] [scale]`

mod bench_support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advance_liveness_server::app::follower::FollowSchedule;
use advance_liveness_server::app::store::RedisSettings;
use advance_liveness_server::app::{AppConfig, RunningApp};
use advance_liveness_server::simulator::{RunningSimulator, SimulatorConfig};
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::vendor::api::SESSION_URL_LIFETIME_MS;
use advance_liveness_server::webhooks::WebhookSecret;
use advance_liveness_server::webhooks::delivery::WebhookSettings;
use axum::body::Bytes;
use bench_support::start_redis;

/// When each session's event arrived, by signature id.
type Arrivals = Arc<Mutex<HashMap<String, (String, Instant)>>>;

/// The settings of one run, shortened `scale` times.
#[derive(Clone, Copy)]
struct Scaled {
    sessions: usize,
    lifetime: Duration,
    follow: FollowSchedule,
}

impl Scaled {
    fn new(sessions: usize, scale: u32) -> Self {
        let normal = FollowSchedule::default();
        let follow =
            FollowSchedule { first: normal.first / scale, longest: normal.longest / scale, tick: normal.tick / scale };
        Self { sessions, lifetime: Duration::from_millis(SESSION_URL_LIFETIME_MS) / scale, follow }
    }
}

async fn receiver(arrivals: Arrivals) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(move |body: Bytes| {
        let arrivals = arrivals.clone();
        async move {
            let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let id = event["data"]["signatureId"].as_str().unwrap().to_owned();
            arrivals.lock().unwrap().insert(id, (event["type"].as_str().unwrap().to_owned(), Instant::now()));
            "ok"
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    hook
}

/// Mints `run.sessions` sessions over `instances` app(s) and waits for their events; prints the
/// figures.
async fn run(name: &str, run: Scaled, redis: Option<&str>, instances: usize) {
    let arrivals = Arrivals::default();
    let hook = receiver(arrivals.clone()).await;
    let sim = RunningSimulator::start_with("127.0.0.1:0".parse().unwrap(), |base| SimulatorConfig {
        session_lifetime: run.lifetime,
        ..SimulatorConfig::new(Credentials::sample(), base)
    })
    .await
    .unwrap();
    let mut apps = Vec::new();
    for _ in 0..instances {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut config = AppConfig::simulated(&sim, format!("{base}/").parse().unwrap());
        config.rate_limits.mints_per_minute = u32::MAX.try_into().unwrap();
        config.redis = redis.map(|url| RedisSettings::new(url, None).unwrap());
        config.follow = run.follow;
        config.webhooks = Some(WebhookSettings {
            urls: vec![hook.parse().unwrap()],
            secrets: vec![WebhookSecret::new("whsec-bench-0123456789abcdef0123456789").unwrap()],
        });
        apps.push((RunningApp::start(listener, config).unwrap(), base));
    }
    let http = reqwest::Client::new();
    let mut expiries = HashMap::new();
    for n in 0..run.sessions {
        let minted = http.post(format!("{}/api/liveness/session", apps[n % instances].1));
        let minted: serde_json::Value =
            minted.header("content-type", "application/json").send().await.unwrap().json().await.unwrap();
        expiries.insert(minted["signatureId"].as_str().unwrap().to_owned(), minted["expiresAt"].as_u64().unwrap());
    }
    let started = Instant::now();
    let wall_clock_ms =
        || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let deadline = started + run.lifetime + run.follow.longest * 4 + Duration::from_secs(10);
    while arrivals.lock().unwrap().len() < run.sessions && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Any read after the events would show here.
    tokio::time::sleep(run.follow.longest * 2).await;
    let calls = sim.simulator.stats().get_result;
    let arrivals = arrivals.lock().unwrap();
    let expired = arrivals.values().filter(|(kind, _)| kind == "session.expired").count();
    // From expiry (wall clock) to the event's arrival, read against the same clock now.
    let (now_instant, now_wall) = (Instant::now(), wall_clock_ms());
    let mut lags: Vec<f64> = arrivals
        .iter()
        .filter_map(|(id, (_, at))| {
            let arrived_wall = now_wall.checked_sub(now_instant.duration_since(*at).as_millis() as u64)?;
            Some(arrived_wall.saturating_sub(expiries[id]) as f64 / 1e3)
        })
        .collect();
    lags.sort_by(f64::total_cmp);
    let pct = |p: f64| lags.get(((lags.len() as f64 * p) as usize).min(lags.len().saturating_sub(1))).copied();
    let per_session = calls as f64 / run.sessions as f64;
    println!(
        "   {name}: {expired} of {} sessions ended as expired; {calls} Get Result calls, {per_session:.2} per session \
         (schedule: {}); expiry to event: median {:.2} s, max {:.2} s (follower tick {:.0} ms)",
        run.sessions,
        run.follow.reads_until_expiry(run.lifetime),
        pct(0.5).unwrap_or(f64::NAN),
        pct(1.0).unwrap_or(f64::NAN),
        run.follow.tick.as_secs_f64() * 1e3,
    );
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let sessions: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let scale: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(24);
    let scaled = Scaled::new(sessions, scale);
    assert!(scaled.follow.first > Duration::from_secs(1), "at most x29: reads 1 s apart share an answer");
    println!(
        "   {sessions} abandoned sessions, the hour shortened x{scale} to {:.0} s (first read {:.2} s, then every quarter \
         of the age up to {:.1} s); default schedule over a full hour: {} reads",
        scaled.lifetime.as_secs_f64(),
        scaled.follow.first.as_secs_f64(),
        scaled.follow.longest.as_secs_f64(),
        FollowSchedule::default().reads_until_expiry(Duration::from_millis(SESSION_URL_LIFETIME_MS)),
    );
    let (redis, _) = start_redis();
    tokio::join!(
        run("one instance, in memory", scaled, None, 1),
        run("two instances, one Redis", scaled, Some(&redis.base_url), 2),
    );
}
