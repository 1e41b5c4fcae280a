//! Time from mounting the component to the liveness frame, measured in the page.
//!
//! `cargo run --release -p advance-liveness-e2e --example time_to_frame -- [runs]` (needs the
//! built demo in dist/). Each run loads the demo in headless Chromium with a granted fake camera;
//! the demo records `performance.now()` at mount and when the component enters `in-progress`
//! (camera pre-flight and session fetch included, against the simulator).

use std::time::Duration;

use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::json;

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    let dist = stack::dist("index.html");
    let Stack { app, sim: _sim } = stack::start(|config| {
        config.static_dir = Some(dist);
        config.rate_limits.mints_per_minute = std::num::NonZeroU32::new(10_000).unwrap();
    })
    .await;
    let browser = Browser::start(Camera::Granted).await;
    let mut samples = Vec::new();
    for _ in 0..runs {
        browser.goto(&app.base_url).await;
        let timing = browser
            .wait_for(
                "in-progress",
                "const t = window.__alTimings; return t && t['in-progress'] !== undefined && t['in-progress'] - t.mount",
                Duration::from_secs(20),
            )
            .await;
        samples.push(timing.as_f64().unwrap());
    }
    let _ = browser.eval("return 1", json!([])).await;
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "mount -> liveness frame (camera pre-flight + session): median {:.1} ms, p95 {:.1} ms, min {:.1} ms over {runs} page loads",
        pct(0.5),
        pct(0.95),
        samples[0]
    );
}
