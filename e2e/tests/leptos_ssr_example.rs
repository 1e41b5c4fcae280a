//! The server-rendered Leptos example (examples/leptos-ssr, its hydrate build in dist/leptos-ssr,
//! built by make test), served in-process with the session router and the simulator, in headless
//! Chromium: the server's HTML already holds the check's host element, hydration logs nothing,
//! the check passes, the app's own signal shows it, and "Start over" runs a second check with a
//! new session and exactly one more callback.

use std::time::Duration;

use advance_liveness_e2e::stack;
use advance_liveness_e2e::webdriver::{Browser, Camera};
use advance_liveness_server::app::Metrics;
use advance_liveness_server::app::serve::{ConnectionLimits, serve};
use advance_liveness_server::simulator::RunningSimulator;
use leptos_ssr_example::server::{Example, example};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(30);

/// Serves the example on a free port; the server stops with the test, the simulator with the
/// returned value.
async fn serve_example() -> (String, RunningSimulator) {
    let site_root = stack::dist("leptos-ssr/pkg/leptos_ssr_example.js").join("leptos-ssr");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let Example { router, simulator } = example(site_root, format!("{base}/").parse().unwrap()).await.unwrap();
    tokio::spawn(serve(listener, router, ConnectionLimits::default(), Metrics::new(), std::future::pending()));
    (base, simulator)
}

/// Completes the check shown in the page's frame, as the user does.
async fn pass_the_check(browser: &Browser) {
    let frame = "return document.querySelector('.advance-liveness[data-state=in-progress] iframe')";
    browser.wait_for("the liveness frame", frame, PATIENCE).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
}

/// Passes the check shown, waits for the app's own signal to show the verdict, and returns it.
async fn pass_and_read_verdict(browser: &Browser, what: &str) -> String {
    pass_the_check(browser).await;
    let verified = "return document.querySelector('#verification').textContent.startsWith('Verified: ')";
    browser.wait_for(what, verified, PATIENCE).await;
    text(browser, "#verification").await
}

/// Nothing was logged at warning or error level since the previous look.
async fn assert_quiet_console(browser: &Browser) {
    let console = browser.console_messages().await;
    let loud: Vec<_> = console.iter().filter(|(level, _)| level == "SEVERE" || level == "WARNING").collect();
    assert!(loud.is_empty(), "console: {loud:?}");
}

async fn text(browser: &Browser, css: &str) -> String {
    let value = browser.eval("return document.querySelector(arguments[0])?.textContent ?? ''", json!([css])).await;
    value.as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_server_rendered_app_hydrates_and_runs_two_checks() {
    let (base, _simulator) = serve_example().await;

    // The server's own HTML, before any script: the host element is there, the check is not.
    let html = reqwest::get(format!("{base}/")).await.unwrap().text().await.unwrap();
    assert!(html.contains(r#"<div class="advance-liveness-host""#), "{html}");
    assert!(!html.contains("<section"), "the check itself starts in the browser: {html}");
    assert!(html.contains("Not verified yet."), "{html}");

    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{base}/")).await;
    let first = pass_and_read_verdict(&browser, "the app's signal").await;
    assert_eq!(text(&browser, "#callbacks").await, "Outcome callbacks: 1");
    assert_eq!(text(&browser, ".advance-liveness__status").await, "Verification complete. Thank you!");
    // Hydration (and the whole check) said nothing in the console: no warning, no error.
    assert_quiet_console(&browser).await;

    browser.click("#start-over").await;
    browser
        .wait_for(
            "a fresh check",
            "return document.querySelector('#verification').textContent === 'Not verified yet.'",
            PATIENCE,
        )
        .await;
    let second = pass_and_read_verdict(&browser, "the second verdict").await;
    assert_ne!(first, second, "a second session: {first} / {second}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(text(&browser, "#callbacks").await, "Outcome callbacks: 2", "exactly one more callback");
    assert_eq!(browser.eval("return document.querySelectorAll('.advance-liveness').length", json!([])).await, json!(1));
    assert_quiet_console(&browser).await;
}
