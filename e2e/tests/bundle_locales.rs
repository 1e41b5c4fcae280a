//! `<advance-liveness>` in other languages, with the packs served next to the bundle over HTTP:
//! `locale` picks the pack (fetched alongside the wasm) and marks the element `lang` / `dir`;
//! the session request carries the locale; a change of `locale` applies in place (same frame,
//! no new session); a pack that cannot load leaves English and fires a non-fatal
//! `liveness-error`.
//!
//! Needs dist/bundle (make test builds it first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::{BundlePage, add_element, events};
use advance_liveness_e2e::stack::locale_pack;
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

async fn status_becomes(browser: &Browser, text: &Value) {
    browser
        .wait_for(
            &format!("the status {text}"),
            &format!(
                "return document.querySelector('#check .advance-liveness__status')?.textContent === {text} || null"
            ),
            PATIENCE,
        )
        .await;
}

#[tokio::test]
async fn the_locale_attribute_picks_the_pack_and_changes_in_place() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    add_element(&browser, json!({"locale": "ar-EG"})).await;
    browser.wait_for("the frame", "return document.querySelector('#check iframe')", PATIENCE).await;
    let arabic = locale_pack("ar");
    let status =
        browser.eval("return document.querySelector('#check .advance-liveness__status').textContent", json!([])).await;
    assert_eq!(status, arabic["inProgress"]);
    let marks = browser
        .eval(
            "const check = document.getElementById('check');
             return { lang: check.lang, dir: check.dir, direction: getComputedStyle(check.querySelector('.advance-liveness')).direction,
                      title: check.querySelector('iframe').title }",
            json!([]),
        )
        .await;
    assert_eq!(marks, json!({"lang": "ar", "dir": "rtl", "direction": "rtl", "title": arabic["frameTitle"]}));
    let requests = browser.eval("return window.__sessionRequests", json!([])).await;
    assert_eq!(requests, json!([{"locale": "ar"}]), "the session request carries the locale");

    // In place: Thai, same frame, no new session.
    browser.eval("window.__frame = document.querySelector('#check iframe')", json!([])).await;
    browser.eval("document.getElementById('check').setAttribute('locale', 'th-TH')", json!([])).await;
    let thai = locale_pack("th");
    status_becomes(&browser, &thai["inProgress"]).await;
    let after = browser
        .eval(
            "const check = document.getElementById('check');
             return { lang: check.lang, dir: check.dir, same: check.querySelector('iframe') === window.__frame }",
            json!([]),
        )
        .await;
    assert_eq!(after, json!({"lang": "th", "dir": "ltr", "same": true}));
    assert_eq!(page.sessions_minted(), 1, "no new session");
    assert!(events(&browser, "liveness-error").await.is_empty());
}

#[tokio::test]
async fn without_a_locale_the_page_language_decides_and_a_missing_pack_leaves_english() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    // The container says Indonesian: the element follows it.
    browser.eval("document.getElementById('a').lang = 'id-ID'", json!([])).await;
    add_element(&browser, json!({})).await;
    status_becomes(&browser, &locale_pack("id")["inProgress"]).await;
    assert_eq!(browser.eval("return document.getElementById('check').lang", json!([])).await, json!("id"));

    // Packs from a folder that does not exist: English, and a non-fatal error that says why.
    browser.eval("document.getElementById('check').remove()", json!([])).await;
    add_element(&browser, json!({"locale": "vi", "locale-packs": "/nowhere/"})).await;
    browser.wait_for("the error", "return window.__events.some((e) => e.name === 'liveness-error')", PATIENCE).await;
    status_becomes(&browser, &json!("Follow the instructions in the liveness check.")).await;
    let error = &events(&browser, "liveness-error").await[0];
    assert_eq!((&error["reason"], &error["fatal"]), (&json!("locale-pack"), &json!(false)), "{error}");
    assert!(error["message"].as_str().unwrap().contains("/nowhere/vi.json"), "{error}");
    assert_eq!(browser.eval("return document.getElementById('check').lang", json!([])).await, json!("en"));
}
