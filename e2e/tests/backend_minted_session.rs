//! A session the site's backend minted, run by the page: the backend mints for its user (with
//! browsers not allowed to mint at all), hands the page the answer as it came, and
//! `<advance-liveness session=...>` runs the check in Chromium to `passed`, reading the result
//! with the session's client secret; the backend then reads the same verdict.
//!
//! Needs dist/bundle (make test builds it first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::{BundlePage, add_element, events};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use advance_liveness_server::app::BrowserMint;
use advance_liveness_server::app::backend_auth::BackendKeys;
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);
const KEY: &str = "e2e-backend-key-0123456789abcdef0123";

#[tokio::test]
async fn a_backend_minted_session_runs_in_the_element_to_passed() {
    let page = BundlePage::start_with(|config| {
        config.backend_keys = BackendKeys::new(&[KEY.into()]).unwrap();
        config.browser_mint = BrowserMint::Deny;
    })
    .await;
    let backend = reqwest::Client::new();
    let sessions = format!("{}/api/liveness/backend/sessions", page.stack.app.base_url);
    let minted: Value = backend
        .post(&sessions)
        .bearer_auth(KEY)
        .json(&json!({"userId": "user-42"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(minted["clientSecret"].is_string(), "{minted}");

    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    add_element(&browser, json!({"session": minted.to_string()})).await;
    browser
        .wait_for("the frame", "return document.querySelector('#check [data-state=in-progress] iframe')", PATIENCE)
        .await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    browser.wait_for("passed", "return document.querySelector('#check [data-state=passed]')", PATIENCE).await;

    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "{successes:?}");
    assert_eq!((&successes[0]["verified"], &successes[0]["signatureId"]), (&json!(true), &minted["signatureId"]));
    assert!(events(&browser, "liveness-error").await.is_empty(), "the page never tried to mint");
    assert_eq!(page.sessions_minted(), 1, "only the backend's session");

    let id = minted["signatureId"].as_str().unwrap();
    let read: Value =
        backend.get(format!("{sessions}/{id}")).bearer_auth(KEY).send().await.unwrap().json().await.unwrap();
    assert_eq!((read["status"].as_str(), read["userId"].as_str()), (Some("passed"), Some("user-42")));
    assert_eq!(page.stack.sim.simulator.stats().get_result, 1, "the page and the backend share one vendor read");
}
