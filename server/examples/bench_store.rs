//! The session server with its state in memory, then in Redis: mint and result-read rates side
//! by side, and the Redis memory 10,000 sessions take. Each party is its own process: the
//! simulator, `redis-server` (Debian's, on a free port, no persistence), the release server
//! binary and this load generator.
//!
//! `cargo run --release -p advance-liveness-server --example bench_store -- [concurrency] [seconds]`
//! after `cargo build --release -p advance-liveness-server` (scripts/bench does both).

mod bench_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bench_support::{Process, free_port, load, report, server_binary, start_redis, start_simulator};
use futures_util::StreamExt;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sessions whose results the read load goes round.
const READ_SESSIONS: usize = 64;

/// One inline command; the raw reply.
fn redis_command(port: u16, command: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(format!("{command}\r\n").as_bytes()).unwrap();
    let mut reply = vec![0; 64 * 1024];
    let n = stream.read(&mut reply).unwrap();
    String::from_utf8_lossy(&reply[..n]).into_owned()
}

fn used_memory(port: u16) -> u64 {
    let info = redis_command(port, "INFO memory");
    info.lines().find_map(|l| l.strip_prefix("used_memory:")).unwrap().trim().parse().unwrap()
}

/// The server in real mode against the simulator, limits lifted (one load generator is one
/// client), state in `redis` if given.
async fn start_server(binary: &Path, sim: &Process, redis: Option<&str>) -> Process {
    let base_url = format!("http://127.0.0.1:{}", free_port());
    let unlimited = u32::MAX.to_string();
    let mut command = Command::new(binary);
    command
        .args(["--bind", base_url.trim_start_matches("http://")])
        .args(["--api-base", &sim.base_url, "--access-key", "sampleaccesskey"])
        .args(["--liveness-origin", &sim.base_url, "--region", "IDN"])
        .args(["--cookie-key", &"ab".repeat(32)])
        .args(["--sessions-per-minute", &unlimited, "--result-reads-per-minute", &unlimited])
        .env("ADVANCE_SECRET_KEY", "samplesecretkey")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(url) = redis {
        command.args(["--redis-url", url]);
    }
    let child = command.spawn().expect("start the session server");
    Process { child, base_url }.healthy("the session server").await
}

/// Mints `count` sessions (32 at a time), each by its own browser; completes them at the
/// simulator as passed. Answers each one's id and cookie.
async fn finished_sessions(server: &Process, sim: &Process, count: usize) -> Vec<(String, String)> {
    let http = reqwest::Client::new();
    let mint = |_| {
        let http = http.clone();
        let (url, sim) = (format!("{}/api/liveness/session", server.base_url), sim.base_url.clone());
        async move {
            let response = http.post(url).header("content-type", "application/json").send().await.unwrap();
            let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
            let session: serde_json::Value = response.json().await.unwrap();
            let id = session["signatureId"].as_str().unwrap().to_owned();
            let done =
                http.post(format!("{sim}/__sim/sessions/{id}/complete")).json(&serde_json::json!({"outcome": "pass"}));
            assert!(done.send().await.unwrap().status().is_success());
            (id, cookie)
        }
    };
    futures_util::stream::iter(0..count).map(mint).buffer_unordered(32).collect().await
}

/// Reads every session's result once (32 at a time).
async fn read_all(server: &Process, sessions: &[(String, String)]) {
    let http = reqwest::Client::new();
    let read = |(id, cookie): &(String, String)| {
        let request =
            http.get(format!("{}/api/liveness/sessions/{id}/result", server.base_url)).header("cookie", cookie.clone());
        async move { assert!(request.send().await.unwrap().status().is_success()) }
    };
    futures_util::stream::iter(sessions).map(read).buffer_unordered(32).collect::<Vec<()>>().await;
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let binary = server_binary();
    let sim = start_simulator(&binary);
    let (redis, port) = start_redis();

    for (name, url) in [("in memory", None), ("Redis", Some(redis.base_url.as_str()))] {
        let server = start_server(&binary, &sim, url).await;
        let mint_url = format!("{}/api/liveness/session", server.base_url);
        let mints = load(concurrency, seconds, b"signatureId", move |http| {
            http.post(mint_url.clone()).header("content-type", "application/json")
        })
        .await;
        report(&format!("mint, state {name}"), &mints, concurrency);

        let sessions = Arc::new(finished_sessions(&server, &sim, READ_SESSIONS).await);
        read_all(&server, &sessions).await;
        let (next, base) = (Arc::new(AtomicUsize::new(0)), server.base_url.clone());
        let reads = load(concurrency, seconds, b"\"status\":\"passed\"", move |http| {
            let (id, cookie) = &sessions[next.fetch_add(1, Ordering::Relaxed) % READ_SESSIONS];
            http.get(format!("{base}/api/liveness/sessions/{id}/result")).header("cookie", cookie.clone())
        })
        .await;
        report(&format!("result read (known), state {name}"), &reads, concurrency);
    }

    // Redis memory: 10,000 sessions minted, finished and read once, on an empty database.
    redis_command(port, "FLUSHALL");
    let server = start_server(&binary, &sim, Some(&redis.base_url)).await;
    let before = used_memory(port);
    let sessions = finished_sessions(&server, &sim, 10_000).await;
    let pending = used_memory(port);
    read_all(&server, &sessions).await;
    let after = used_memory(port);
    let keys = redis_command(port, "DBSIZE");
    println!(
        "Redis memory for 10,000 sessions: {:.2} MB minted (pending registry), {:.2} MB once each result was read \
         ({} B per read session); keys: {}",
        (pending - before) as f64 / 1e6,
        (after - before) as f64 / 1e6,
        (after - before) / 10_000,
        keys.trim().trim_start_matches(':')
    );
}
