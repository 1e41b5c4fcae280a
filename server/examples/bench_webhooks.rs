//! Webhook delivery latency on loopback: from the read request that learns a session's final
//! result (its vendor Get Result included) to the receiver getting the signed event. The
//! instance that queues an event wakes its sender; the others look every 250 ms. One process: the
//! simulator, the session server (state in memory) and a receiver, all on 127.0.0.1.
//!
//! `cargo run --release -p advance-liveness-server --example bench_webhooks -- [sessions]`

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advance_liveness_server::app::{AppConfig, RunningApp};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::webhooks::WebhookSecret;
use advance_liveness_server::webhooks::delivery::WebhookSettings;
use axum::body::Bytes;

#[tokio::main]
async fn main() {
    let sessions: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let arrived: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    let record = arrived.clone();
    let receiver = axum::Router::new().fallback(move |body: Bytes| {
        let record = record.clone();
        async move {
            let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
            record.lock().unwrap().insert(event["data"]["signatureId"].as_str().unwrap().to_owned(), Instant::now());
            "ok"
        }
    });
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });

    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = AppConfig::simulated(&sim, format!("{base}/").parse().unwrap());
    config.rate_limits.mints_per_minute = u32::MAX.try_into().unwrap();
    config.rate_limits.result_reads_per_minute = u32::MAX.try_into().unwrap();
    config.webhooks = Some(WebhookSettings {
        urls: vec![hook.parse().unwrap()],
        secrets: vec![WebhookSecret::new("whsec-bench-0123456789abcdef0123456789").unwrap()],
    });
    let _app = RunningApp::start(listener, config).unwrap();
    let http = reqwest::Client::new();
    let mut learnt = Vec::new();
    for _ in 0..sessions {
        let minted = http.post(format!("{base}/api/liveness/session")).header("content-type", "application/json");
        let minted = minted.send().await.unwrap();
        let cookie = minted.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let id = minted.json::<serde_json::Value>().await.unwrap()["signatureId"].as_str().unwrap().to_owned();
        let complete = http.post(format!("{}/__sim/sessions/{id}/complete", sim.base_url));
        complete.json(&serde_json::json!({"outcome": "pass"})).send().await.unwrap();
        let read = http.get(format!("{base}/api/liveness/sessions/{id}/result")).header("cookie", cookie);
        // From the request that learns the end: the event may arrive before its answer does.
        let asked = Instant::now();
        assert_eq!(read.send().await.unwrap().json::<serde_json::Value>().await.unwrap()["status"], "passed");
        learnt.push((id, asked));
        // Spread over the sender's 250 ms cycle, as real sessions end at any moment.
        tokio::time::sleep(Duration::from_millis(37)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while arrived.lock().unwrap().len() < sessions && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let arrived = arrived.lock().unwrap();
    let mut latencies: Vec<Duration> =
        learnt.iter().filter_map(|(id, at)| arrived.get(id).map(|got| got.saturating_duration_since(*at))).collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "webhook delivery on loopback: {} of {sessions} events, median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
}
