//! Time to a mounted liveness frame: our `<advance-liveness>` element against a baseline that
//! does the same job with a hand-written plain JS snippet (fetch the session, create the iframe),
//! in headless Chromium, both served by the session server with the simulator.
//!
//! `cargo run --release -p advance-liveness-e2e --example bench_frame -- [loads]` (needs
//! `make bundle` first). Two measures, each page loaded `loads` times, all five alternating in one
//! browser with a warm HTTP cache; a MutationObserver installed before anything else records
//! `performance.now()` when an iframe gets its `src`:
//!
//! - **attach to frame** (the goal's measure): the page has loaded (the bundle with it) and been
//!   idle for a moment; then the element is attached, or the snippet runs, and the time runs
//!   until the frame's `src` is set. Ours includes the camera pre-flight, the session fetch, the
//!   URL checks and showing its status; the baseline does only the fetch. A third page does the
//!   same job as ours by hand (fetch, the same pre-flight, a status line): the floor for this job.
//! - **navigation to frame** (a cold page): the element is in the HTML, so ours also includes
//!   reading, compiling and instantiating the bundle's code, which the baseline does not have.

use std::time::Duration;

use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};

/// Records when the first iframe with a `src` appears, as `window.__frameAt`.
const OBSERVER: &str = r#"<script>
  window.__startAt = 0;
  new MutationObserver((records, observer) => {
    const frame = document.querySelector('iframe[src]');
    if (frame && window.__frameAt === undefined) { window.__frameAt = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
</script>"#;

/// The bundle, as the README shows it.
const BUNDLE: &str = r#"<link rel="stylesheet" href="/bundle/advance-liveness.css">
<script type="module" src="/bundle/advance-liveness.js"></script>"#;

/// The baseline's job: fetch a session, frame its URL.
const SNIPPET: &str = r#"
  fetch('/api/liveness/session', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then((r) => r.json())
    .then((session) => {
      const frame = document.createElement('iframe');
      frame.allow = 'autoplay; camera';
      frame.title = 'Liveness check';
      frame.src = session.url;
      document.getElementById('host').appendChild(frame);
    });"#;

/// The same job as ours, by hand: the baseline's fetch, plus the pre-flight ours does when
/// access is granted (the permission state and the device list, asked during the fetch; the frame
/// only if both say the camera can be used), plus a status line while it waits. The least any
/// check that does this job can cost, whatever it is written in.
const SAME_JOB_BY_HAND: &str = r#"
  const host = document.getElementById('host');
  const status = host.appendChild(document.createElement('p'));
  status.setAttribute('role', 'status');
  status.textContent = 'Checking the camera';
  const session = fetch('/api/liveness/session', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json());
  const camera = Promise.all([navigator.permissions.query({ name: 'camera' }), navigator.mediaDevices.enumerateDevices()]);
  Promise.all([session, camera]).then(([session, [permission, devices]]) => {
    if (permission.state !== 'granted' || !devices.some((d) => d.kind === 'videoinput')) return;
    status.textContent = 'Liveness check in progress';
    const frame = document.createElement('iframe');
    frame.allow = 'autoplay; camera';
    frame.title = 'Liveness check';
    frame.src = session.url;
    host.appendChild(frame);
  });"#;

/// After the page's `load` and half a second of idle (the bundle's wasm is compiled by then):
/// the start time, then `start`.
fn after_idle(start: &str) -> String {
    format!(
        "<script>addEventListener('load', () => setTimeout(() => {{ window.__startAt = performance.now(); {start} }}, 500));</script>"
    )
}

fn page(head: &str, body: &str) -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8">{OBSERVER}{head}</head><body><div id="host"></div>{body}</body></html>"#
    )
}

/// `(file name, label, page)`: ours, the baseline and the same job by hand, each started once
/// the page is loaded and idle; then ours and the baseline on a cold page.
fn pages() -> [(&'static str, &'static str, String); 5] {
    let attach = "document.getElementById('host').append(document.createElement('advance-liveness'));";
    [
        ("ours-attach", "<advance-liveness>, attach -> frame", page(BUNDLE, &after_idle(attach))),
        ("baseline-attach", "plain JS snippet, run -> frame", page("", &after_idle(SNIPPET))),
        ("by-hand-attach", "the same job by hand, run -> frame", page("", &after_idle(SAME_JOB_BY_HAND))),
        ("ours-cold", "<advance-liveness>, navigation -> frame", page(BUNDLE, "<advance-liveness></advance-liveness>")),
        ("baseline-cold", "plain JS snippet, navigation -> frame", page("", &format!("<script>{SNIPPET}</script>"))),
    ]
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
    let dir = dist.join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let pages = pages();
    for (name, _, html) in &pages {
        std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
    }
    let Stack { app, sim: _sim } = stack::start(|config| {
        config.static_dir = Some(dist.clone());
        config.rate_limits.mints_per_minute = std::num::NonZeroU32::new(100_000).unwrap();
    })
    .await;
    let browser = Browser::start(Camera::Granted).await;
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); pages.len()];
    for _ in 0..loads {
        for ((name, _, _), samples) in pages.iter().zip(&mut samples) {
            browser.goto(&format!("{}/bench/{name}.html", app.base_url)).await;
            let took = browser
                .wait_for(
                    "the frame",
                    "return window.__frameAt !== undefined && window.__frameAt - window.__startAt",
                    Duration::from_secs(20),
                )
                .await;
            samples.push(took.as_f64().unwrap());
        }
    }
    let medians: Vec<f64> =
        pages.iter().zip(&mut samples).map(|((_, label, _), samples)| summary(label, samples)).collect();
    println!("ratio ours / baseline (median), attach -> frame:     {:.2}x", medians[0] / medians[1]);
    println!("  the same job by hand / baseline:                   {:.2}x", medians[2] / medians[1]);
    println!("  ours / the same job by hand:                       {:.2}x", medians[0] / medians[2]);
    println!("ratio ours / baseline (median), navigation -> frame: {:.2}x", medians[3] / medians[4]);
    std::fs::remove_dir_all(dir).unwrap();
}
