//! The built demo page (trunk, `dist/`) served by the session server with the simulator, in
//! headless Chromium: the component's whole flow as a user meets it.
//!
//! Needs `dist/` (make test builds it first). With `ADVANCE_LIVENESS_SCREENSHOTS=<dir>` set, the
//! main states are also saved there as PNGs (scripts/screenshots).

use std::path::PathBuf;
use std::time::Duration;

use advance_liveness_e2e::stack::{self, Stack, locale_pack};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

async fn demo() -> Stack {
    let dist = stack::dist("index.html");
    stack::start(|config| config.static_dir = Some(dist)).await
}

/// Saves a screenshot when ADVANCE_LIVENESS_SCREENSHOTS names a folder.
async fn shoot(browser: &Browser, name: &str) {
    if let Ok(dir) = std::env::var("ADVANCE_LIVENESS_SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        browser.screenshot(&PathBuf::from(dir).join(format!("{name}.png"))).await;
    }
}

async fn wait_state(browser: &Browser, state: &str) {
    let script = format!("return document.querySelector('.advance-liveness[data-state=\"{state}\"]')");
    browser.wait_for(&format!("data-state={state}"), &script, PATIENCE).await;
}

/// The demo's event log, as `[kind, signatureId, text]`.
async fn events(browser: &Browser) -> Vec<Value> {
    let log = browser
        .eval(
            "return [...document.querySelectorAll('#demo-log li')].map(li => [li.dataset.event, li.dataset.signatureId, li.textContent])",
            json!([]),
        )
        .await;
    log.as_array().unwrap().clone()
}

async fn verified_status(browser: &Browser, id: &str) -> Value {
    browser
        .eval_async(
            "const [id, done] = arguments; fetch('/api/liveness/sessions/' + id + '/result').then(r => r.json()).then(done);",
            json!([id]),
        )
        .await
}

#[tokio::test]
async fn camera_granted_the_check_runs_in_the_frame_and_passes_verified() {
    let demo = demo().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.resize(900, 1100).await;
    browser.goto(&demo.app.base_url).await;
    wait_state(&browser, "in-progress").await;
    let frame = browser
        .eval(
            "const f = document.querySelector('iframe.advance-liveness__frame'); return [f.src, f.allow, f.title]",
            json!([]),
        )
        .await;
    assert!(frame[0].as_str().unwrap().starts_with(&format!("{}/h5/liveness?token=", demo.sim.base_url)), "{frame}");
    assert_eq!(frame[1], "autoplay; camera; fullscreen");
    assert_eq!(frame[2], "Liveness check");
    browser.enter_frame(0).await;
    browser.wait_for("the simulator's tips", "return document.querySelector('#start')", PATIENCE).await;
    browser.leave_frames().await;
    shoot(&browser, "1-in-progress").await;
    browser.enter_frame(0).await;
    browser.click("#start").await;
    browser.leave_frames().await;
    wait_state(&browser, "passed").await;
    shoot(&browser, "3-passed").await;

    let log = events(&browser).await;
    let successes: Vec<&Value> = log.iter().filter(|e| e[0] == "success").collect();
    assert_eq!(successes.len(), 1, "exactly one success callback: {log:?}");
    assert!(successes[0][2].as_str().unwrap().contains("server verified Passed"), "{log:?}");
    assert!(log.iter().all(|e| e[0] != "failure" && e[0] != "error"), "{log:?}");
    let id = successes[0][1].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert_eq!(verified_status(&browser, id).await["status"], "passed");
    let states: Vec<&str> = log.iter().filter(|e| e[0] == "state").map(|e| e[2].as_str().unwrap()).collect();
    assert!(
        states.iter().any(|s| s.ends_with("checking-camera")) && states.last().unwrap().ends_with("passed"),
        "{states:?}"
    );
}

#[tokio::test]
async fn camera_denied_a_second_device_finishes_and_the_first_page_passes_by_polling() {
    let demo = demo().await;
    let first = Browser::start(Camera::Denied).await;
    first.resize(900, 1100).await;
    first.goto(&demo.app.base_url).await;
    wait_state(&first, "cross-device").await;
    let panel = first
        .eval(
            "return [document.querySelector('.advance-liveness__link').value,
                     !!document.querySelector('.advance-liveness__qr svg'),
                     document.querySelector('.advance-liveness__explanation').textContent]",
            json!([]),
        )
        .await;
    let link = panel[0].as_str().unwrap().to_owned();
    assert!(link.starts_with(&format!("{}/h5/liveness?token=", demo.sim.base_url)), "{panel}");
    assert_eq!(panel[1], true, "a QR code is shown");
    assert!(panel[2].as_str().unwrap().contains("blocked"), "the reason is named: {panel}");
    shoot(&first, "2-cross-device").await;

    let _second = Browser::finish_on_another_device(&link).await;

    wait_state(&first, "passed").await;
    let log = events(&first).await;
    let successes: Vec<&Value> = log.iter().filter(|e| e[0] == "success").collect();
    assert_eq!(successes.len(), 1, "{log:?}");
    assert!(successes[0][2].as_str().unwrap().contains("server verified Passed"), "{log:?}");
}

#[tokio::test]
async fn the_language_menu_switches_the_cross_device_panel_in_place() {
    let demo = demo().await;
    let browser = Browser::start(Camera::Denied).await;
    browser.resize(900, 1100).await;
    // `?locale=` chooses it at load; the packs come from the server's /locales/ over HTTP.
    browser.goto(&format!("{}/?locale=id-ID", demo.app.base_url)).await;
    wait_state(&browser, "cross-device").await;
    let title = format!(
        "return document.querySelector('.advance-liveness__title')?.textContent === {} || null",
        locale_pack("id")["crossDeviceTitle"]
    );
    browser.wait_for("the Indonesian panel", &title, PATIENCE).await;
    let marks = browser
        .eval(
            "const root = document.querySelector('.advance-liveness');
             return [root.lang, root.dir, document.querySelector('.advance-liveness__title').textContent]",
            json!([]),
        )
        .await;
    assert_eq!(marks, json!(["id", "ltr", locale_pack("id")["crossDeviceTitle"]]));
    let link = browser.eval("return document.querySelector('.advance-liveness__link').value", json!([])).await;
    shoot(&browser, "4-cross-device-id").await;

    for (tag, shot) in [("th", "5-cross-device-th"), ("ar", "6-cross-device-ar")] {
        browser
            .eval(
                "const menu = document.getElementById('demo-language');
                 menu.value = arguments[0];
                 menu.dispatchEvent(new Event('change'));",
                json!([tag]),
            )
            .await;
        let expected = locale_pack(tag)["crossDeviceTitle"].clone();
        let script = format!(
            "return document.querySelector('.advance-liveness__title')?.textContent === {expected} \
             && document.querySelector('.advance-liveness').lang === '{tag}' || null"
        );
        browser.wait_for(&format!("the {tag} panel"), &script, PATIENCE).await;
        shoot(&browser, shot).await;
    }
    let arabic = browser
        .eval(
            "const root = document.querySelector('.advance-liveness');
             const style = (css) => getComputedStyle(document.querySelector(css)).direction;
             return [root.dir, style('.advance-liveness'), style('.advance-liveness__link'), style('.advance-liveness__qr'),
                     document.querySelector('.advance-liveness__link').value]",
            json!([]),
        )
        .await;
    assert_eq!(arabic, json!(["rtl", "rtl", "ltr", "ltr", link]), "the same session, mirrored, the link left to right");
    let minted = events(&browser).await.iter().filter(|e| e[0] == "error").count();
    assert_eq!(minted, 0, "no pack failed: {:?}", events(&browser).await);

    // The phone that opens the link (its browser in English) gets the simulator's page in the
    // language the session was minted in: the whole flow in one language.
    let phone = Browser::start(Camera::Granted).await;
    phone.goto(link.as_str().unwrap()).await;
    let indonesian = "return document.documentElement.lang === 'id' && document.querySelector('#start') || null";
    phone.wait_for("the hosted page in Indonesian", indonesian, PATIENCE).await;
}

#[tokio::test]
async fn the_framed_liveness_page_speaks_the_language_chosen_on_the_demo() {
    let demo = demo().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&format!("{}/?locale=ar", demo.app.base_url)).await;
    wait_state(&browser, "in-progress").await;
    browser.enter_frame(0).await;
    let arabic = "const root = document.documentElement; \
                  return root.lang === 'ar' && root.dir === 'rtl' && document.querySelector('#start') || null";
    browser.wait_for("the framed page in Arabic, right to left", arabic, PATIENCE).await;
}
