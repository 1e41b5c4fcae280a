//! How many Get Token calls per second the simulator sustains on loopback.
//!
//! `cargo run --release -p advance-liveness-server --example bench_simulator -- [concurrency] [seconds]`
//! Starts the simulator in-process, signs in once, then keeps `concurrency` requests in flight
//! for `seconds` and prints throughput and latency percentiles. Traffic stays on 127.0.0.1.

use std::time::{Duration, Instant};

use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::vendor::api::paths;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let http = reqwest::Client::new();
    let timestamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let signature = advance_liveness_server::signature::sign("sampleaccesskey", "samplesecretkey", timestamp);
    let token: serde_json::Value = http
        .post(format!("{}{}", sim.base_url, paths::GENERATE_TOKEN))
        .json(&serde_json::json!({"accessKey": "sampleaccesskey", "signature": signature, "timestamp": timestamp}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["data"]["token"].as_str().unwrap().to_owned();
    let url = format!("{}{}", sim.base_url, paths::GET_TOKEN);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let workers = (0..concurrency).map(|_| {
        let (http, url, token) = (http.clone(), url.clone(), token.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let answer = http
                    .post(&url)
                    .header("X-ACCESS-TOKEN", &token)
                    .json(&serde_json::json!({"returnUrl": "https://www.example.com", "region": "IDN"}))
                    .send()
                    .await
                    .and_then(|r| r.error_for_status());
                let body = match answer {
                    Ok(response) => response.bytes().await.ok(),
                    Err(_) => None,
                };
                assert!(body.is_some_and(|b| b.starts_with(br#"{"code":"SUCCESS""#)), "Get Token failed under load");
                latencies.push(started.elapsed());
            }
            latencies
        })
    });
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::new();
    for worker in futures_util::future::join_all(workers).await {
        latencies.extend(worker.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "simulator Get Token on loopback: {} calls in {elapsed:.1} s = {:.0} calls/s at concurrency {concurrency}; p50 {:?}, p99 {:?}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99)
    );
}
