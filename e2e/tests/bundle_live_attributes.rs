//! `<advance-liveness>` follows its attributes after connect, as frameworks set them on a
//! re-render: `texts` changes what is shown in place (same check, same frame, no new session);
//! `user-id` (like every option that shapes the session) starts a new check, and the old one is
//! released as removal does: it never fires again, even when its session completes. Sessions are
//! counted by the simulator (its Get Token calls).
//!
//! Needs dist/bundle (make test builds it first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::{BundlePage, add_element, events, sessions};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

async fn text_of(browser: &Browser, css: &str) -> Value {
    browser.eval("return document.querySelector(arguments[0])?.textContent ?? null", json!([css])).await
}

#[tokio::test]
async fn texts_change_in_place_without_a_new_session() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    add_element(&browser, json!({})).await;
    browser.wait_for("the frame", "return document.querySelector('#check iframe')", PATIENCE).await;
    let status = "#check .advance-liveness__status";
    let default_status = text_of(&browser, status).await;
    browser.eval("window.__frame = document.querySelector('#check iframe')", json!([])).await;

    // Through the attribute (JSON).
    browser
        .eval(
            "document.getElementById('check').setAttribute('texts', JSON.stringify({ inProgress: 'Ikuti petunjuk', frameTitle: 'Pemeriksaan' }))",
            json!([]),
        )
        .await;
    assert_eq!(text_of(&browser, status).await, json!("Ikuti petunjuk"));
    let frame = browser
        .eval(
            "const frame = document.querySelector('#check iframe'); return { same: frame === window.__frame, title: frame.title }",
            json!([]),
        )
        .await;
    assert_eq!(frame, json!({"same": true, "title": "Pemeriksaan"}), "the same frame, retitled");

    // Through the property, which wins over the attribute.
    browser
        .eval("document.getElementById('check').texts = { useOtherDevice: 'Pakai perangkat lain' }", json!([]))
        .await;
    assert_eq!(text_of(&browser, "#check [data-action=use-other-device]").await, json!("Pakai perangkat lain"));
    assert_eq!(text_of(&browser, status).await, default_status, "unset texts are back to their defaults");

    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        browser.eval("return document.querySelector('#check iframe') === window.__frame", json!([])).await,
        json!(true)
    );
    assert_eq!(page.sessions_minted(), 1, "no new session");
    let checking =
        events(&browser, "liveness-state").await.into_iter().filter(|d| d["state"] == "checking-camera").count();
    assert_eq!(checking, 1, "no new check");

    // A mistake in them is named, as at connect, and ends the check.
    browser.eval("document.getElementById('check').texts = { copyLnk: 'x' }", json!([])).await;
    browser.wait_for("the error", "return window.__events.some((e) => e.name === 'liveness-error')", PATIENCE).await;
    let error = &events(&browser, "liveness-error").await[0];
    assert_eq!(error["reason"], "invalid-options");
    assert!(error["message"].as_str().unwrap().contains("unknown field `copyLnk`"), "{error}");
    assert_eq!(browser.eval("return document.querySelectorAll('#check iframe').length", json!([])).await, json!(0));
}

#[tokio::test]
async fn a_new_user_id_starts_a_new_session_and_the_old_check_never_fires() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    // On another device: this check polls the server for the result, so a live old check would
    // hear its session complete.
    add_element(&browser, json!({"cross-device": "always", "user-id": "alice"})).await;
    let panel = "return document.querySelector('#check [data-state=cross-device] .advance-liveness__qr svg')";
    browser.wait_for("the QR code", panel, PATIENCE).await;
    let old = sessions(&browser).await;
    assert_eq!((old.len(), page.sessions_minted()), (1, 1));

    // Two options changed in one re-render: one new check, one new session.
    browser
        .eval(
            "const check = document.getElementById('check'); check.setAttribute('user-id', 'bob'); check.setAttribute('mode', 'iframe');",
            json!([]),
        )
        .await;
    browser.wait_for("the new session", "return window.__sessions.length === 2", PATIENCE).await;
    browser.wait_for("the new QR code", panel, PATIENCE).await;
    let minted = sessions(&browser).await;
    assert_ne!(minted[0], minted[1]);
    assert_eq!(
        browser.eval("return document.querySelectorAll('#check .advance-liveness__qr').length", json!([])).await,
        json!(1)
    );

    // The old session completes at the vendor: its check, released, stays silent.
    let http = reqwest::Client::new();
    let complete = |id: &str| http.post(format!("{}/__sim/sessions/{id}/complete", page.stack.sim.base_url)).send();
    assert!(complete(&minted[0]).await.unwrap().status().is_success());
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(events(&browser, "liveness-success").await.is_empty(), "the old check fired");
    assert!(events(&browser, "liveness-failure").await.is_empty());

    // The new one completes: one success, for the new session.
    assert!(complete(&minted[1]).await.unwrap().status().is_success());
    browser.wait_for("passed", "return document.querySelector('#check [data-state=passed]')", PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "{successes:?}");
    assert_eq!(successes[0]["signatureId"], json!(minted[1]));
    assert_eq!(page.sessions_minted(), 2, "two sessions, by the vendor's count");
    let checking =
        events(&browser, "liveness-state").await.into_iter().filter(|d| d["state"] == "checking-camera").count();
    assert_eq!(checking, 2, "one new check, not one per attribute");
}

#[tokio::test]
async fn fullscreen_is_auto_by_default_and_follows_its_attribute_in_place() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    add_element(&browser, json!({})).await;
    browser.wait_for("the frame", "return document.querySelector('#check iframe')", PATIENCE).await;
    let class = "return document.querySelector('#check section')?.className ?? null";
    let set = |value: &'static str| {
        let browser = &browser;
        async move {
            let script = match value {
                "remove" => "document.getElementById('check').removeAttribute('fullscreen')".to_owned(),
                value => format!("document.getElementById('check').setAttribute('fullscreen', '{value}')"),
            };
            browser.eval(&script, json!([])).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            browser.eval(class, json!([])).await
        }
    };
    // Absent: auto (full screen on a narrow viewport only, by the stylesheet's media query).
    assert_eq!(browser.eval(class, json!([])).await, "advance-liveness advance-liveness--fullscreen-auto");
    assert_eq!(set("").await, "advance-liveness advance-liveness--fullscreen", "a bare attribute is true");
    assert_eq!(set("false").await, "advance-liveness");
    assert_eq!(set("true").await, "advance-liveness advance-liveness--fullscreen");
    assert_eq!(set("remove").await, "advance-liveness advance-liveness--fullscreen-auto");
    // The same check all along: one session, one frame.
    assert_eq!(page.sessions_minted(), 1);
    // A value that means nothing is named, not guessed.
    set("sometimes").await;
    let errors = events(&browser, "liveness-error").await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["reason"], "invalid-options");
    assert!(errors[0]["message"].as_str().unwrap().contains("sometimes"), "{errors:?}");
}
