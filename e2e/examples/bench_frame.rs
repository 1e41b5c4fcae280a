//! Time to a mounted liveness frame: our `<advance-liveness>` element against a baseline page
//! that does the same job with a hand-written plain JS snippet (fetch the session, create the
//! iframe), in headless Chromium, both served by the session server with the simulator.
//!
//! `cargo run --release -p advance-liveness-e2e --example bench_frame -- [loads]` (needs
//! `make bundle` first). Both pages record, with a MutationObserver installed before anything
//! else, `performance.now()` (time since navigation start) when an iframe gets its `src`; each
//! page is loaded `loads` times, alternating, in one browser with a warm HTTP cache. Ours includes
//! compiling the wasm and the camera pre-flight; the baseline does neither.

use std::time::Duration;

use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};

/// Records when the first iframe with a `src` appears, as `window.__frameAt`.
const OBSERVER: &str = r#"<script>
  new MutationObserver((records, observer) => {
    const frame = document.querySelector('iframe[src]');
    if (frame && window.__frameAt === undefined) { window.__frameAt = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
</script>"#;

fn ours() -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8">{OBSERVER}
<link rel="stylesheet" href="/bundle/advance-liveness.css">
<script type="module" src="/bundle/advance-liveness.js"></script></head>
<body><advance-liveness></advance-liveness></body></html>"#
    )
}

fn baseline() -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8">{OBSERVER}</head><body><div id="host"></div>
<script>
  fetch('/api/liveness/session', {{ method: 'POST', credentials: 'include' }})
    .then((r) => r.json())
    .then((session) => {{
      const frame = document.createElement('iframe');
      frame.allow = 'autoplay; camera';
      frame.title = 'Liveness check';
      frame.src = session.url;
      document.getElementById('host').appendChild(frame);
    }});
</script></body></html>"#
    )
}

fn summary(name: &str, samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!("{name:<40} median {:>7.1} ms   p95 {:>7.1} ms   ({} loads)", pct(0.5), pct(0.95), samples.len());
    pct(0.5)
}

#[tokio::main]
async fn main() {
    let loads: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    let dist = stack::dist("bundle/advance-liveness.js");
    let pages = dist.join("bench");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("ours.html"), ours()).unwrap();
    std::fs::write(pages.join("baseline.html"), baseline()).unwrap();
    let Stack { app, sim: _sim } = stack::start(|config| {
        config.static_dir = Some(dist.clone());
        config.sessions_per_minute = 100_000;
    })
    .await;
    let browser = Browser::start(Camera::Granted).await;
    let (mut our_times, mut baseline_times) = (Vec::new(), Vec::new());
    for _ in 0..loads {
        for (page, samples) in [("ours", &mut our_times), ("baseline", &mut baseline_times)] {
            browser.goto(&format!("{}/bench/{page}.html", app.base_url)).await;
            let at = browser
                .wait_for(
                    "the frame",
                    "return window.__frameAt !== undefined && window.__frameAt",
                    Duration::from_secs(20),
                )
                .await;
            samples.push(at.as_f64().unwrap());
        }
    }
    let ours = summary("<advance-liveness> (navigation -> frame)", &mut our_times);
    let base = summary("plain JS snippet (navigation -> frame)", &mut baseline_times);
    println!("ratio ours / baseline (median): {:.2}x", ours / base);
    std::fs::remove_dir_all(pages).unwrap();
}
