//! Session minting under load: `POST /api/liveness/session` against the simulator, next to the
//! simulator's own Get Token under the same load (the ratio is the session server's overhead),
//! and a cold start of 500 concurrent requests that must cause exactly one token call.
//!
//! `cargo run --release -p advance-liveness-server --example bench_sessions -- [concurrency] [seconds]`
//! Everything runs in this process on 127.0.0.1; each phase stops by itself.

use std::time::{Duration, Instant};

use advance_liveness_server::app::{AppConfig, RunningApp};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::vendor::api::paths;

async fn stack() -> (RunningSimulator, RunningApp) {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let mut config = AppConfig::simulated(&sim, base.parse().unwrap());
    // One load generator is one client: lift the per-client limit for the measurement.
    config.sessions_per_minute = u32::MAX;
    let app = RunningApp::start(listener, config).unwrap();
    (sim, app)
}

/// Keeps `concurrency` requests in flight for `seconds`; returns sorted latencies.
async fn load(
    concurrency: usize,
    seconds: u64,
    request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder + Clone + Send + 'static,
) -> (Vec<Duration>, f64) {
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let (http, request) = (http.clone(), request.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                let response = request(&http).send().await.expect("request failed");
                assert!(response.status().is_success(), "HTTP {}", response.status());
                let body = response.bytes().await.unwrap();
                assert!(body.windows(11).any(|w| w == b"signatureId"), "no session in the answer");
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    let mut latencies: Vec<Duration> = Vec::new();
    for worker in futures_util::future::join_all(workers).await {
        latencies.extend(worker.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    (latencies, elapsed)
}

fn report(name: &str, (latencies, elapsed): &(Vec<Duration>, f64), concurrency: usize) -> f64 {
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let rate = latencies.len() as f64 / elapsed;
    println!(
        "{name:<44} {rate:>8.0}/s  p50 {:>9.3} ms  p99 {:>9.3} ms  ({} requests, concurrency {concurrency})",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.len()
    );
    rate
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);

    // Cold start: 500 concurrent first requests, one token call.
    let (sim, app) = stack().await;
    let http = reqwest::Client::new();
    let url = format!("{}/api/liveness/session", app.base_url);
    let burst = (0..500).map(|_| {
        let (http, url) = (http.clone(), url.clone());
        tokio::spawn(async move { http.post(url).send().await.map(|r| r.status().as_u16()).unwrap_or(0) })
    });
    let statuses = futures_util::future::join_all(burst).await;
    let ok = statuses.iter().filter(|s| matches!(s, Ok(200))).count();
    let stats = sim.simulator.stats();
    println!(
        "cold start: 500 concurrent POST /api/liveness/session -> {ok} x 200, {} token call(s), {} Get Token calls",
        stats.generate_token, stats.get_token
    );
    assert_eq!(stats.generate_token, 1, "single-flight token refresh");

    // Steady state: our endpoint, then the bare simulator call with the same load.
    let ours = load(concurrency, seconds, move |http| http.post(url.clone())).await;
    let ours_rate = report("POST /api/liveness/session (server + sim)", &ours, concurrency);
    let token = {
        let timestamp = advance_liveness_server::clock::now_ms();
        let signature = advance_liveness_server::signature::sign("sampleaccesskey", "samplesecretkey", timestamp);
        let answer: serde_json::Value = http
            .post(format!("{}{}", sim.base_url, paths::GENERATE_TOKEN))
            .json(&serde_json::json!({"accessKey": "sampleaccesskey", "signature": signature, "timestamp": timestamp}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["data"]["token"].as_str().unwrap().to_owned()
    };
    let get_token = format!("{}{}", sim.base_url, paths::GET_TOKEN);
    let bare = load(concurrency, seconds, move |http| {
        http.post(get_token.clone())
            .header("X-ACCESS-TOKEN", token.clone())
            .json(&serde_json::json!({"returnUrl": "https://app.example/liveness/return", "region": "IDN"}))
    })
    .await;
    let bare_rate = report("simulator Get Token alone", &bare, concurrency);
    println!("server overhead: {:.2}x the bare simulator call (throughput ratio)", bare_rate / ours_rate);
    if let Some(kb) = peak_rss_kb() {
        println!("peak RSS of this process (server + simulator + load generator): {:.1} MiB", kb as f64 / 1024.0);
    }
}
