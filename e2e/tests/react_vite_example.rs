//! The React 19 + Vite example (examples/react-vite, built by make test into
//! dist/examples/react-vite/), served by the session server with the simulator, in headless
//! Chromium: React's `onliveness-*` props hear the check, which passes once; without a camera it
//! shows the cross-device QR code.
//!
//! Needs dist/ with the bundle and the built example (make test builds both first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::listed_events as events;
use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

async fn site() -> Stack {
    stack::dist("bundle/advance-liveness.js");
    let dist = stack::dist("examples/react-vite/index.html");
    stack::start(|config| config.static_dir = Some(dist)).await
}

#[tokio::test]
async fn the_react_app_completes_a_check_and_hears_one_success() {
    let stack = site().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/examples/react-vite/", stack.app.base_url)).await;
    let frame = "return document.querySelector('advance-liveness [data-state=in-progress] iframe')";
    browser.wait_for("the frame", frame, PATIENCE).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    let outcome =
        browser.wait_for("the app's outcome", "return document.querySelector('#outcome')?.textContent", PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "exactly one liveness-success: {successes:?}");
    assert_eq!((&successes[0]["verified"], &successes[0]["status"]), (&json!(true), &json!("passed")));
    let id = successes[0]["signatureId"].as_str().unwrap();
    assert!(outcome.as_str().unwrap().contains(id), "the app rendered the outcome: {outcome}");
    // `texts` passed as a JSX prop (React sets the property) is what the element shows.
    let status = browser
        .eval("return document.querySelector('advance-liveness .advance-liveness__status').textContent", json!([]))
        .await;
    assert_eq!(status, json!("Verified: welcome back"));
    let states: Vec<Value> = events(&browser, "liveness-state").await.into_iter().map(|d| d["state"].clone()).collect();
    assert_eq!(states.first(), Some(&json!("checking-camera")));
    assert_eq!(states.last(), Some(&json!("passed")));
    assert_eq!(events(&browser, "liveness-camera").await, [json!({"camera": "ready"})]);
    assert!(
        events(&browser, "liveness-error").await.is_empty() && events(&browser, "liveness-failure").await.is_empty()
    );
}

#[tokio::test]
async fn in_the_react_app_a_denied_camera_leads_to_the_qr_code() {
    let Stack { sim, app } = site().await;
    let browser = Browser::start(Camera::Denied).await;
    browser.goto(&format!("{}/examples/react-vite/", app.base_url)).await;
    browser
        .wait_for(
            "the QR code",
            "return document.querySelector('advance-liveness [data-state=cross-device] .advance-liveness__qr svg')",
            PATIENCE,
        )
        .await;
    let link = browser
        .eval("return document.querySelector('advance-liveness .advance-liveness__link').value", json!([]))
        .await;
    assert!(link.as_str().unwrap().starts_with(&sim.base_url), "{link}");
    assert_eq!(events(&browser, "liveness-camera").await, [json!({"camera": "denied-by-user"})]);
    let states: Vec<Value> = events(&browser, "liveness-state").await.into_iter().map(|d| d["state"].clone()).collect();
    assert_eq!(states.last(), Some(&json!("cross-device")));
}
