//! The whole flow through the session server, in headless Chromium: the browser mints a session
//! on the app's origin (getting the binding cookie), runs the simulator's hosted page on the
//! liveness origin, and reads the verified result back from the app.

use std::time::Duration;

use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(20);

async fn stack() -> Stack {
    stack::start(|config| {
        // Redirect-mode checks end on a page of the app that exists.
        let mut end = config.public_url.clone();
        end.set_path("/healthz");
        config.app_return_url = end;
    })
    .await
}

/// Mints a session from the page (same origin as the app, so the cookie is set).
const MINT: &str = "const [body, done] = arguments;
  fetch('/api/liveness/session', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})
    .then(r => r.json()).then(done, e => done({error: String(e)}));";

/// Reads the verified result from the page.
const RESULT: &str = "const [id, done] = arguments;
  fetch('/api/liveness/sessions/' + id + '/result').then(r => r.json()).then(done, e => done({error: String(e)}));";

/// Frames the session URL the way the vendor guide says, recording the messages it sends.
const FRAME: &str = "const [url] = arguments;
  window.__messages = [];
  const frame = document.createElement('iframe');
  frame.allow = 'autoplay; camera';
  frame.style.cssText = 'width:420px;height:640px';
  window.addEventListener('message', (e) => window.__messages.push({origin: e.origin, data: e.data, ours: e.source === frame.contentWindow}));
  frame.src = url;
  document.body.appendChild(frame);";

#[tokio::test]
async fn iframe_mode_mint_check_and_verified_pass() {
    let stack = stack().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/healthz", stack.app.base_url)).await;
    let session = browser.eval_async(MINT, json!([{}])).await;
    let id = session["signatureId"].as_str().unwrap_or_else(|| panic!("{session}")).to_owned();
    assert_eq!(session["livenessOrigin"], stack.sim.base_url.as_str());
    assert_eq!(browser.eval_async(RESULT, json!([id])).await["status"], "pending");

    browser.eval(FRAME, json!([session["url"]])).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    let messages =
        browser.wait_for("the page's message", "return window.__messages.length && window.__messages", PATIENCE).await;
    assert_eq!(messages, json!([{"origin": stack.sim.base_url, "data": r#"{"info":"successNext"}"#, "ours": true}]));

    let result = browser.eval_async(RESULT, json!([id])).await;
    assert_eq!((&result["status"], &result["code"]), (&json!("passed"), &json!("SUCCESS")), "{result}");
    assert!(result["score"].as_f64().unwrap() >= 50.0);
    // The binding cookie is HttpOnly: the page cannot read it.
    assert_eq!(browser.eval("return document.cookie", json!([])).await, json!(""));
}

#[tokio::test]
async fn redirect_mode_returns_to_the_app_page_with_the_verified_status() {
    let stack = stack().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/healthz", stack.app.base_url)).await;
    let session = browser.eval_async(MINT, json!([{"mode": "redirect"}])).await;
    let id = session["signatureId"].as_str().unwrap().to_owned();
    browser.goto(session["url"].as_str().unwrap()).await;
    browser.start_liveness_check().await;
    let landed: Value = browser
        .wait_for("the app's return page", "return location.pathname === '/healthz' && location.href", PATIENCE)
        .await;
    let landed = landed.as_str().unwrap();
    assert!(landed.contains(&format!("signatureId={id}")) && landed.contains("status=passed"), "{landed}");
}
