//! What the bench examples share: child processes, the simulator, a closed-loop load and its report.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed when dropped.
pub struct Process {
    pub child: Child,
    pub base_url: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    /// User + system CPU seconds so far, from /proc/PID/stat (in clock ticks of 1/100 s).
    pub fn cpu_seconds(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the `(comm)`, which may contain spaces: utime and stime are the 12th and 13th.
        let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
        let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
        (ticks(11) + ticks(12)) / 100.0
    }

    /// Waits up to 5 s for a `200` on `/healthz`.
    pub async fn healthy(self, what: &str) -> Self {
        let http = reqwest::Client::new();
        for _ in 0..500 {
            if http.get(format!("{}/healthz", self.base_url)).send().await.is_ok_and(|r| r.status().is_success()) {
                return self;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{what} did not answer /healthz");
    }

    /// Peak resident set size in MiB, from /proc/PID/status.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kib: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }
}

/// The release binary next to this example (target/release/examples/.. -> target/release).
pub fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the example's own path");
    let binary = exe.parent().and_then(Path::parent).expect("target/release").join("advance-liveness-server");
    assert!(binary.exists(), "build it first: cargo build --release -p advance-liveness-server");
    binary
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A `redis-server` on a free port; killed when dropped.
pub fn start_redis() -> (Process, u16) {
    let port = free_port();
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server (run scripts/setup)");
    // Killed and waited for when dropped, also if it never listens.
    let redis = Process { child, base_url: format!("redis://127.0.0.1:{port}/0") };
    for _ in 0..500 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (redis, port);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("redis-server did not listen");
}

/// `advance-liveness-server simulate` on a free port; its first line names its address.
pub fn start_simulator(binary: &Path) -> Process {
    let mut child = Command::new(binary)
        .args(["simulate", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the simulator");
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    output.read_line(&mut line).unwrap();
    let base_url = line.split("API at ").nth(1).and_then(|rest| rest.split("/openapi").next()).unwrap().to_owned();
    // Keep reading: with the pipe closed, the simulator's next line would fail to print and end
    // it (this once stopped a bench run halfway).
    std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
    Process { child, base_url }
}

/// Keeps `concurrency` requests in flight for `seconds`, each answer holding `expect`; returns
/// sorted latencies and the time taken.
pub async fn load(
    concurrency: usize,
    seconds: u64,
    expect: &'static [u8],
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
                assert!(body.windows(expect.len()).any(|w| w == expect), "unexpected answer: {body:?}");
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

pub fn report(name: &str, (latencies, elapsed): &(Vec<Duration>, f64), concurrency: usize) -> f64 {
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let rate = latencies.len() as f64 / elapsed;
    println!(
        "{name:<44} {rate:>8.0}/s  p50 {:>7.3} ms  p99 {:>7.3} ms  ({} requests, concurrency {concurrency})",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.len()
    );
    rate
}
