//! A hostile page on a third origin frames the demo and tries to forge its outcome: success
//! messages posted straight to the demo's window, from nested frames on look-alike origins
//! (another host name for the same machine, another port), in every shape, and replays after the
//! real check ended. None may change the outcome.
//!
//! The same for the JS bundle's head start, while its wasm is held back: forged messages change
//! nothing and the real one counts once, and a session URL off the liveness origin is never
//! framed, neither early nor later.

use std::time::Duration;

use advance_liveness_e2e::bundle_page::{BundlePage, events, sessions};
use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use axum::Router;
use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

/// `/attack?demo=URL`: frames the demo and forges messages at it until told to stop.
const ATTACK: &str = r#"<!doctype html><html><body><h1>Totally legit page</h1>
<iframe id="demo" allow="camera; autoplay" style="width:800px;height:1000px"></iframe>
<script>
  const params = new URLSearchParams(location.search);
  const demo = document.getElementById('demo');
  demo.src = params.get('demo');
  const forged = ['{"info":"successNext"}', {info: 'successNext'}, '{"info":"successNext","info":"successNext"}', ' {"info":"successNext"} '];
  window.__attacks = 0;
  window.__attack = () => {
    for (const data of forged) { demo.contentWindow.postMessage(data, '*'); window.__attacks++; }
    // A frame of this page posting to the demo, and frames on look-alike origins (a few rounds).
    if (window.__attacks > 40) return;
    for (const src of [params.get('sameOrigin'), params.get('otherPort')]) {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.appendChild(f);
    }
  };
  window.__timer = setInterval(window.__attack, 300);
</script></body></html>"#;

/// `/post`: a page that, loaded in a frame of the attack page, posts success to its sibling demo.
const POST: &str = r#"<!doctype html><script>
  try { parent.frames[0].postMessage('{"info":"successNext"}', '*'); } catch (e) {}
  try { top.postMessage('{"info":"successNext"}', '*'); } catch (e) {}
</script>"#;

async fn hostile_server() -> (u16, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = Router::new()
        .route("/attack", get(|Query(_): Query<std::collections::HashMap<String, String>>| async { Html(ATTACK) }))
        .route("/post", get(|| async { Html(POST) }));
    (port, tokio::spawn(async move { axum::serve(listener, app).await.unwrap() }))
}

/// The demo's event log (read inside the demo frame).
async fn demo_log(browser: &Browser) -> Vec<Value> {
    browser.enter_frame(0).await;
    let log = browser
        .eval(
            "return [...document.querySelectorAll('#demo-log li')].map(li => [li.dataset.event, li.textContent])",
            json!([]),
        )
        .await;
    let state = browser.eval("return document.querySelector('.advance-liveness').dataset.state", json!([])).await;
    browser.leave_frames().await;
    let mut log = log.as_array().unwrap().clone();
    log.push(json!(["current-state", state]));
    log
}

#[tokio::test]
async fn forged_and_replayed_messages_never_change_the_outcome() {
    let Stack { app, sim: _sim } = stack::start(|config| config.static_dir = Some(stack::dist("index.html"))).await;
    let (port, _server) = hostile_server().await;
    // The attack page is a third origin (another port of the same host, so the demo's SameSite
    // cookie still works and the real check can finish); its helper frames are on its own origin
    // and on "localhost", a look-alike of the liveness page's 127.0.0.1.
    let attack = format!(
        "http://127.0.0.1:{port}/attack?demo={}&sameOrigin=http://127.0.0.1:{port}/post&otherPort=http://localhost:{port}/post",
        app.base_url
    );
    let browser = Browser::start(Camera::Granted).await;
    browser.resize(1000, 1200).await;
    browser.goto(&attack).await;
    browser.enter_frame(0).await;
    browser
        .wait_for(
            "the demo's liveness frame",
            "return document.querySelector('[data-state=in-progress] iframe')",
            PATIENCE,
        )
        .await;
    browser.leave_frames().await;

    // Let the forgeries run for a while: the demo must stay in progress.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let attacks = browser.eval("return window.__attacks", json!([])).await.as_u64().unwrap();
    assert!(attacks >= 20, "the attack ran ({attacks} messages)");
    let log = demo_log(&browser).await;
    assert_eq!(log.last().unwrap()[1], "in-progress", "forged messages moved the state: {log:?}");
    assert!(log.iter().all(|e| e[0] != "success" && e[0] != "failure"), "{log:?}");
    let ignored = log.iter().filter(|e| e[0] == "ignored-message").count();
    assert!(ignored >= 20, "the forgeries were seen and refused: {ignored}");
    assert!(log.iter().any(|e| e[1].as_str().unwrap_or("").contains("message from origin `http://localhost:")));
    assert!(
        log.iter()
            .any(|e| e[1].as_str().unwrap_or("").contains(&format!("message from origin `http://127.0.0.1:{port}`")))
    );

    // The real check, while the attack goes on.
    browser.enter_frame(0).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    browser.enter_frame(0).await;
    browser.wait_for("passed", "return document.querySelector('.advance-liveness[data-state=passed]')", PATIENCE).await;
    browser.leave_frames().await;

    // Replays after completion (the attack page keeps posting) change nothing.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let log = demo_log(&browser).await;
    assert_eq!(log.last().unwrap()[1], "passed");
    assert_eq!(log.iter().filter(|e| e[0] == "success").count(), 1, "{log:?}");
    assert_eq!(log.iter().filter(|e| e[0] == "failure").count(), 0);
    let success = log.iter().find(|e| e[0] == "success").unwrap();
    assert!(success[1].as_str().unwrap().contains("server verified Passed"), "{success:?}");
}

/// Holds the bundle's wasm download until `window.__releaseWasm()`, and counts every iframe ever
/// added inside `#a` (`window.__framesAdded`): a frame shown, removed or shown again is counted.
const HOLD_WASM: &str = r#"
  window.__wasmHeld = new Promise((release) => (window.__releaseWasm = release));
  const fetchBefore = window.fetch;
  window.fetch = (request, init) =>
    String(request.url ?? request).endsWith('.wasm') ? window.__wasmHeld.then(() => fetchBefore(request, init)) : fetchBefore(request, init);
  window.__framesAdded = 0;
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeName === 'IFRAME' || node.querySelector?.('iframe')) window.__framesAdded++;
    }
  }).observe(document.getElementById('a'), { subtree: true, childList: true });"#;

const EARLY_FRAME: &str = "return document.querySelector('#check section[data-head-start] iframe[src]')";

#[tokio::test]
async fn while_the_wasm_loads_forged_messages_change_nothing_and_the_real_one_counts_once() {
    let page = BundlePage::start().await;
    let (port, _server) = hostile_server().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    browser.eval(HOLD_WASM, json!([])).await;
    browser.eval("const c = document.createElement('advance-liveness'); c.id = 'check'; document.getElementById('a').append(c);", json!([])).await;

    // The head start frames the liveness page with the wasm still held: the element has said
    // nothing yet (its events come from the wasm).
    browser.wait_for("the early frame", EARLY_FRAME, PATIENCE).await;
    assert!(events(&browser, "liveness-state").await.is_empty(), "the wasm is not in yet");

    // Forgeries: from the page itself, and from frames on two other origins posting to the top.
    browser
        .eval(
            "for (const data of ['{\"info\":\"successNext\"}', {info: 'successNext'}]) window.postMessage(data, '*');
             for (const src of arguments[0]) { const f = document.createElement('iframe'); f.src = src; document.body.append(f); }",
            json!([[format!("http://127.0.0.1:{port}/post"), format!("http://localhost:{port}/post")]]),
        )
        .await;
    // The real check, finished in the early frame while the wasm is still held.
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser
        .wait_for("the liveness page's end", "return document.querySelector('main[data-screen=result]')", PATIENCE)
        .await;
    browser.leave_frames().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(events(&browser, "liveness-success").await.is_empty(), "nothing is decided before the wasm is in");

    browser.eval("window.__releaseWasm()", json!([])).await;
    browser.wait_for("passed", "return document.querySelector('#check [data-state=passed]')", PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "exactly one liveness-success: {successes:?}");
    assert_eq!(successes[0]["verified"], json!(true), "the server's verdict: {successes:?}");
    assert_eq!(successes[0]["signatureId"], json!(sessions(&browser).await[0]));
    assert!(events(&browser, "liveness-failure").await.is_empty());
    assert!(events(&browser, "liveness-error").await.is_empty());
    assert_eq!(page.sessions_minted(), 1, "one session: the head start's, taken over by the wasm");
    let frames = browser.eval("return window.__framesAdded", json!([])).await;
    assert_eq!(frames, json!(1), "the wasm kept the early frame: the vendor's page was not loaded twice");
}

#[tokio::test]
async fn a_session_url_off_the_liveness_origin_is_never_framed_early_or_late() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    // Two ways to be off origin: the session's URL points elsewhere (the page's fetch rewrites
    // it, as a compromised proxy could), or the app pinned another liveness origin.
    let cases = [
        (json!({}), "https://evil.example/h5?token=stolen"),
        (json!({"liveness-origin": "https://liveness.other.example"}), ""),
    ];
    for (attributes, rewrite) in cases {
        browser.goto(&page.url).await;
        browser.eval(HOLD_WASM, json!([])).await;
        browser
            .eval(
                "const [attributes, rewrite] = arguments;
                 if (rewrite) {
                   const before = window.fetch;
                   window.fetch = async (request, init) => {
                     const response = await before(request, init);
                     if (!String(request.url ?? request).endsWith('/api/liveness/session')) return response;
                     const session = await response.json();
                     return new Response(JSON.stringify({ ...session, url: rewrite }), { status: 200, headers: { 'content-type': 'application/json' } });
                   };
                 }
                 const c = document.createElement('advance-liveness');
                 c.id = 'check';
                 for (const [name, value] of Object.entries(attributes)) c.setAttribute(name, value);
                 document.getElementById('a').append(c);",
                json!([attributes, rewrite]),
            )
            .await;
        browser
            .wait_for("the session", "return window.__sessions.length === 1 && window.__sessions[0]", PATIENCE)
            .await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert_eq!(browser.eval("return window.__framesAdded", json!([])).await, json!(0), "{attributes}: early");

        browser.eval("window.__releaseWasm()", json!([])).await;
        browser.wait_for("the error", "return document.querySelector('#check [data-state=error]')", PATIENCE).await;
        let errors = events(&browser, "liveness-error").await;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0]["reason"], json!("invalid-session"), "{errors:?}");
        assert_eq!(browser.eval("return window.__framesAdded", json!([])).await, json!(0), "{attributes}: late");
    }
}
