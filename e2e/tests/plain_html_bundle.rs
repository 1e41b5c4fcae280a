//! The JS bundle on a page with no Rust (examples/plain-html, served by the session server with
//! the simulator), in headless Chromium: the custom element runs the whole check and the page
//! hears exactly one `liveness-success`; without a camera it shows the cross-device panel.
//!
//! Needs dist/ with the demo and the bundle (make test builds both first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::listed_events as events;
use advance_liveness_e2e::stack::{self, Stack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

async fn site() -> Stack {
    let dist = stack::dist("bundle/advance-liveness.js");
    stack::dist("examples/plain-html/index.html");
    stack::start(|config| config.static_dir = Some(dist)).await
}

/// The example page with a working camera, once the element shows the liveness frame.
async fn example_in_progress() -> (Stack, Browser) {
    let stack = site().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/examples/plain-html/", stack.app.base_url)).await;
    let frame = "return document.querySelector('advance-liveness [data-state=in-progress] iframe')";
    browser.wait_for("the frame", frame, PATIENCE).await;
    (stack, browser)
}

#[tokio::test]
async fn the_element_completes_a_check_and_fires_one_success() {
    let (_stack, browser) = example_in_progress().await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    browser.wait_for("passed", "return document.querySelector('advance-liveness [data-state=passed]')", PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "exactly one liveness-success");
    let detail = &successes[0];
    assert_eq!(
        (&detail["verified"], &detail["status"], &detail["code"]),
        (&json!(true), &json!("passed"), &json!("SUCCESS"))
    );
    let id = detail["signatureId"].as_str().unwrap();
    // The signatureId is the one the server minted for this browser: its result is readable here.
    let verified = browser
        .eval_async(
            "const [id, done] = arguments; fetch('/api/liveness/sessions/' + id + '/result').then(r => r.json()).then(done);",
            json!([id]),
        )
        .await;
    assert_eq!(verified["status"], "passed");
    let states: Vec<Value> = events(&browser, "liveness-state").await.into_iter().map(|d| d["state"].clone()).collect();
    assert_eq!(states.first(), Some(&json!("checking-camera")));
    assert_eq!(states.last(), Some(&json!("passed")));
    assert_eq!(events(&browser, "liveness-camera").await, [json!({"camera": "ready"})]);
    assert!(
        events(&browser, "liveness-failure").await.is_empty() && events(&browser, "liveness-error").await.is_empty()
    );
}

#[tokio::test]
async fn without_a_camera_the_element_shows_the_cross_device_panel() {
    let Stack { sim, app } = site().await;
    let browser = Browser::start(Camera::Denied).await;
    browser.goto(&format!("{}/examples/plain-html/", app.base_url)).await;
    browser
        .wait_for(
            "the panel",
            "return document.querySelector('advance-liveness [data-state=cross-device] .advance-liveness__qr svg')",
            PATIENCE,
        )
        .await;
    let link = browser
        .eval("return document.querySelector('advance-liveness .advance-liveness__link').value", json!([]))
        .await;
    assert!(link.as_str().unwrap().starts_with(&sim.base_url), "{link}");
    let states: Vec<Value> = events(&browser, "liveness-state").await.into_iter().map(|d| d["state"].clone()).collect();
    assert_eq!(states.last(), Some(&json!("cross-device")));
    // Why: the page hears the pre-flight's verdict.
    assert_eq!(events(&browser, "liveness-camera").await, [json!({"camera": "denied-by-user"})]);
}

#[tokio::test]
async fn removing_the_element_releases_it_and_re_adding_starts_a_clean_flow() {
    let (_stack, browser) = example_in_progress().await;
    // Removed in one task, added again in a later one (in the same task it would be a move).
    let first = browser
        .eval_async(
            "const [done] = arguments; const el = document.getElementById('check'); const parent = el.parentNode;
             el.remove();
             setTimeout(() => { const left = el.children.length; parent.insertBefore(el, document.querySelector('h2')); done(left); });",
            json!([]),
        )
        .await;
    assert_eq!(first, json!(0), "removal empties the element");
    browser
        .wait_for(
            "a new frame",
            "return document.querySelector('advance-liveness [data-state=in-progress] iframe')",
            PATIENCE,
        )
        .await;
    let checking =
        events(&browser, "liveness-state").await.into_iter().filter(|d| d["state"] == "checking-camera").count();
    assert_eq!(checking, 2, "a clean second flow");
    assert_eq!(
        browser.eval("return document.querySelectorAll('advance-liveness iframe').length", json!([])).await,
        json!(1)
    );
}

#[tokio::test]
async fn a_mistake_in_the_options_is_a_named_error_and_nothing_is_mounted() {
    let stack = site().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/examples/plain-html/", stack.app.base_url)).await;
    browser.wait_for("the element", "return customElements.get('advance-liveness') !== undefined", PATIENCE).await;
    // Each mistake through the attributes: the element reports `invalid-options` naming it.
    let cases = json!([
        ["texts", "{\"copyLnk\": \"Salin\"}", "unknown field `copyLnk`"],
        ["cross-device", "sometimes", "cross-device must be auto, always or never, not `sometimes`"],
        ["mode", "popup", "unknown variant `popup`"],
        ["liveness-origin", "http://liveness.advance.ai", "must use https"],
    ]);
    for case in cases.as_array().unwrap() {
        let detail = browser
            .eval_async(
                "const [[name, value], done] = arguments;
                 const element = document.createElement('advance-liveness');
                 element.setAttribute(name, value);
                 element.addEventListener('liveness-error', (e) => done({ ...e.detail, html: element.innerHTML }));
                 document.body.append(element);",
                json!([case]),
            )
            .await;
        assert_eq!(detail["reason"], "invalid-options", "{case}: {detail}");
        let message = detail["message"].as_str().unwrap();
        assert!(message.contains(case[2].as_str().unwrap()), "{case}: {message}");
        assert_eq!(detail["html"], "", "{case}: nothing mounted");
    }
    // The same through mount(): the promise it returns rejects with the named key.
    let rejected = browser
        .eval_async(
            "const [done] = arguments;
             import('/bundle/advance-liveness.js').then(({ mount }) =>
               mount(document.createElement('div'), { sesionEndpoint: '/x' }).ready.then(() => done('mounted'), (e) => done(String(e.message))));",
            json!([]),
        )
        .await;
    assert!(rejected.as_str().unwrap().contains("unknown field `sesionEndpoint`"), "{rejected}");
}
