//! Session minting under load, with each party in its own process: the vendor simulator
//! (`advance-liveness-server simulate`), the session server (the release binary in real mode,
//! pointed at the simulator as if it were the vendor), and this load generator.
//!
//! `cargo run --release -p advance-liveness-server --example bench_sessions -- [concurrency] [seconds]`
//! after `cargo build --release -p advance-liveness-server` (scripts/bench does both). Prints:
//! 500 concurrent first requests on a fresh server, which must cause no token call beyond the
//! one sign-in of its start-up (the single-flight refresh itself is tested in
//! tests/vendor_client.rs); then
//! `POST /api/liveness/session` and the simulator's own Get Token under the same load (the
//! throughput ratio is the session server's overhead); the CPU time each process spent per
//! request (from /proc), which is the server's own cost without the two HTTP hops it cannot
//! avoid being shared out; and the server process's peak RSS.
//!
//! For scale, the same load also goes through a *pass-through*: this example re-run as a fourth
//! process (`bench_sessions passthrough ADDR URL TOKEN`) that answers every `POST /` by making the
//! same Get Token call with the same stack (axum, reqwest, tokio) and returning its body, with no
//! logic at all. It is the least any separate server that makes one vendor call per session can
//! cost here, so `ours / pass-through` is what the session server's own work costs.

mod bench_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bench_support::{Process, free_port, load, report, server_binary, start_simulator};

use advance_liveness_server::simulator::StatsSnapshot;
use advance_liveness_server::vendor::api::paths;

// The session server's allocator, so the pass-through (this binary) is measured on the same stack.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The session server in real mode, with the simulator as its vendor and the guide's sample keys.
async fn start_server(binary: &Path, sim: &Process) -> Process {
    let base_url = format!("http://127.0.0.1:{}", free_port());
    let child = Command::new(binary)
        .args(["--bind", base_url.trim_start_matches("http://")])
        .args(["--api-base", &sim.base_url, "--access-key", "sampleaccesskey"])
        .args(["--liveness-origin", &sim.base_url, "--region", "IDN"])
        .args(["--cookie-key", &"ab".repeat(32)])
        // One load generator is one client: lift the per-client limit for the measurement.
        .args(["--sessions-per-minute", &u32::MAX.to_string()])
        .env("ADVANCE_SECRET_KEY", "samplesecretkey")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the session server");
    Process { child, base_url }.healthy("the session server").await
}

async fn sim_stats(http: &reqwest::Client, sim: &Process) -> StatsSnapshot {
    http.get(format!("{}/__sim/stats", sim.base_url)).send().await.unwrap().json().await.unwrap()
}

/// The simulator's Get Token, as the bare load and the pass-through both call it.
fn get_token_call(http: &reqwest::Client, get_token: &str, token: &str) -> reqwest::RequestBuilder {
    http.post(get_token)
        .header("X-ACCESS-TOKEN", token)
        .json(&serde_json::json!({"returnUrl": "https://app.example/liveness/return", "region": "IDN"}))
}

/// The pass-through: `POST /` makes the Get Token call and answers with its body.
async fn passthrough(bind: &str, get_token: String, token: String) {
    use axum::routing::{get, post};
    let http = reqwest::Client::new();
    let forward = move || {
        let (http, get_token, token) = (http.clone(), get_token.clone(), token.clone());
        async move {
            let answer =
                get_token_call(&http, &get_token, &token).send().await.and_then(reqwest::Response::error_for_status);
            match answer {
                Ok(answer) => answer.bytes().await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            }
        }
    };
    let app = axum::Router::new().route("/", post(forward)).route("/healthz", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind(bind).await.expect("bind the pass-through");
    axum::serve(listener, app).await.expect("serve the pass-through");
}

/// Starts the pass-through process and waits until it answers.
async fn start_passthrough(get_token: &str, token: &str) -> Process {
    let address = format!("127.0.0.1:{}", free_port());
    let child = Command::new(std::env::current_exe().expect("the example's own path"))
        .args(["passthrough", &address, get_token, token])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the pass-through");
    Process { child, base_url: format!("http://{address}") }.healthy("the pass-through").await
}

#[tokio::main]
async fn main() {
    if std::env::args().nth(1).as_deref() == Some("passthrough") {
        let args: Vec<String> = std::env::args().skip(2).collect();
        let [bind, get_token, token] = <[String; 3]>::try_from(args).expect("passthrough ADDR URL TOKEN");
        return passthrough(&bind, get_token, token).await;
    }
    let mut args = std::env::args().skip(1);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let binary = server_binary();
    // The vendor stand-in: this build's simulator, or, to compare two server builds against the
    // same vendor, the binary named by ADVANCE_LIVENESS_BENCH_SIMULATOR.
    let simulator = std::env::var_os("ADVANCE_LIVENESS_BENCH_SIMULATOR").map_or_else(|| binary.clone(), PathBuf::from);
    let sim = start_simulator(&simulator);
    let server = start_server(&binary, &sim).await;
    let http = reqwest::Client::new();

    // Cold start: 500 concurrent first requests; one token call in all (the start-up sign-in).
    let url = format!("{}/api/liveness/session", server.base_url);
    let burst = (0..500).map(|_| {
        let (http, url) = (http.clone(), url.clone());
        // The browser's request exactly: a mint without `content-type: application/json` is a 415.
        let request = http.post(url).header("content-type", "application/json");
        tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()).unwrap_or(0) })
    });
    let statuses = futures_util::future::join_all(burst).await;
    let ok = statuses.iter().filter(|s| matches!(s, Ok(200))).count();
    let stats = sim_stats(&http, &sim).await;
    println!(
        "cold start: 500 concurrent POST /api/liveness/session -> {ok} x 200, {} token call(s), {} Get Token calls",
        stats.generate_token, stats.get_token
    );
    assert_eq!(ok, 500, "every first request minted");
    assert_eq!(stats.generate_token, 1, "single-flight token refresh");

    // Steady state: our endpoint, then the bare simulator call with the same load.
    let (server_cpu, sim_cpu) = (server.cpu_seconds(), sim.cpu_seconds());
    let ours = load(concurrency, seconds, b"signatureId", move |http| {
        http.post(url.clone()).header("content-type", "application/json")
    })
    .await;
    let ours_rate = report("POST /api/liveness/session (server + sim)", &ours, concurrency);
    let per_session = |cpu: f64| cpu / ours.0.len() as f64 * 1e6;
    let (server_us, sim_behind_us) =
        (per_session(server.cpu_seconds() - server_cpu), per_session(sim.cpu_seconds() - sim_cpu));

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
    let through = start_passthrough(&get_token, &token).await;
    let through_url = format!("{}/", through.base_url);
    let through_cpu = through.cpu_seconds();
    let passed = load(concurrency, seconds, b"signatureId", move |http| http.post(through_url.clone())).await;
    let through_rate = report("pass-through (one Get Token, no logic)", &passed, concurrency);
    let through_us = (through.cpu_seconds() - through_cpu) / passed.0.len() as f64 * 1e6;
    drop(through);

    let sim_cpu = sim.cpu_seconds();
    let bare = load(concurrency, seconds, b"signatureId", move |http| get_token_call(http, &get_token, &token)).await;
    let bare_rate = report("simulator Get Token alone", &bare, concurrency);
    let sim_alone_us = (sim.cpu_seconds() - sim_cpu) / bare.0.len() as f64 * 1e6;

    println!("server overhead: {:.2}x the bare simulator call (throughput ratio)", bare_rate / ours_rate);
    println!("  pass-through / bare call: {:.2}x", bare_rate / through_rate);
    println!("  session server / pass-through: {:.2}x", through_rate / ours_rate);
    println!(
        "CPU per request: session server {server_us:.0} us per session, pass-through {through_us:.0} us; simulator \
         {sim_behind_us:.0} us per Get Token behind the server, {sim_alone_us:.0} us called alone"
    );
    if let Some(mib) = server.peak_rss_mib() {
        println!("peak RSS of the session server process: {mib:.1} MiB");
    }
}
