//! The simulator's hosted liveness page completes a check in headless Chromium with the fake
//! camera: framed on another origin (postMessage), opened directly (redirect), and handed over to
//! a second device when the first has no usable camera; and in the browser's language (the
//! account's ConfigureUI `locale` would win), right to left in Arabic.

use std::time::Duration;

use advance_liveness_e2e::integrator_site::IntegratorSite;
use advance_liveness_e2e::webdriver::{Browser, Camera};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::api::GetTokenRequest;
use advance_liveness_server::vendor::{Client, Credentials, VendorCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(20);

struct World {
    sim: RunningSimulator,
    site: IntegratorSite,
    client: Client,
}

async fn world() -> World {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let site = IntegratorSite::start().await;
    let client = Client::builder(Credentials::sample()).base_url(&sim.base_url).build().unwrap();
    World { sim, site, client }
}

impl World {
    async fn session(&self, iframe: bool) -> (String, String) {
        let flag = if iframe { "?isLivenessIframe=true" } else { "" };
        let request = GetTokenRequest {
            return_url: format!("{}/return{flag}", self.site.origin),
            failed_return_url: Some(format!("{}/failed{flag}", self.site.origin)),
            region: "IDN".into(),
            user_id: None,
            try_count: None,
            product_level: None,
        };
        let session = self.client.create_session(&request).await.unwrap();
        (session.signature_id, session.url)
    }

    /// Reads the result back and checks it carries two real camera frames.
    async fn assert_scored_with_camera_frames(&self, signature_id: &str) {
        let result = self.client.get_result(signature_id).await.unwrap();
        assert_eq!(result.code, VendorCode::Success);
        assert!(result.data.score.is_some_and(|s| s >= 50.0), "a live fake camera passes: {:?}", result.data.score);
        for image in [&result.data.image_far, &result.data.image_near] {
            let bytes = BASE64.decode(image.as_deref().expect("both frames")).unwrap();
            assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.len() > 2048, "a real JPEG frame");
        }
    }
}

#[tokio::test]
async fn framed_on_another_origin_it_posts_one_success_message_to_the_parent() {
    let world = world().await;
    let (signature_id, url) = world.session(true).await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&world.site.framing(&url)).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    let messages =
        browser.wait_for("a message", "return window.__messages.length && window.__messages", PATIENCE).await;
    assert_eq!(
        messages,
        json!([{ "origin": world.sim.base_url, "data": r#"{"info":"successNext"}"#, "fromFrame": true }])
    );
    world.assert_scored_with_camera_frames(&signature_id).await;
    // Exactly one message, even a while later.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(browser.eval("return window.__messages.length", json!([])).await, json!(1));
}

#[tokio::test]
async fn opened_directly_it_redirects_to_the_return_url() {
    let world = world().await;
    let (signature_id, url) = world.session(false).await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&url).await;
    browser.start_liveness_check().await;
    let landed = browser
        .wait_for("the return page", "return document.querySelector('#returned') && location.href", PATIENCE)
        .await;
    assert!(landed.as_str().unwrap().starts_with(&format!("{}/return", world.site.origin)), "{landed}");
    world.assert_scored_with_camera_frames(&signature_id).await;
}

#[tokio::test]
async fn a_forced_failure_posts_failed_next() {
    let world = world().await;
    let (signature_id, url) = world.session(true).await;
    assert!(
        world.sim.simulator.force(&signature_id, advance_liveness_server::simulator::ForcedOutcome::PresentationAttack)
    );
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&world.site.framing(&url)).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    let messages =
        browser.wait_for("a message", "return window.__messages.length && window.__messages", PATIENCE).await;
    assert_eq!(messages[0]["data"], r#"{"info":"failedNext"}"#);
    let result = world.client.get_result(&signature_id).await.unwrap();
    assert_eq!((result.data.score, result.data.attack_type), (Some(0.0), Some(1)));
}

#[tokio::test]
async fn without_a_camera_the_check_continues_on_a_second_device() {
    let world = world().await;
    let (signature_id, url) = world.session(true).await;
    // The first device refuses the camera; the cross-device link is the way forward.
    let first = Browser::start(Camera::Denied).await;
    first.goto(&world.site.framing(&url)).await;
    first.enter_frame(0).await;
    first.start_liveness_check().await;
    let link = first
        .wait_for(
            "the cross-device link",
            "const el = document.querySelector('#cross-device-link'); return el && el.value",
            PATIENCE,
        )
        .await;
    let link = link.as_str().unwrap().to_owned();
    assert!(link.starts_with(&world.sim.base_url) && link.contains("crossDevice=1"), "{link}");

    // The second device, with a working camera.
    let _second = Browser::finish_on_another_device(&link).await;

    // The first device learns the result by polling and reports it to its parent.
    first.leave_frames().await;
    let messages = first.wait_for("a message", "return window.__messages.length && window.__messages", PATIENCE).await;
    assert_eq!(messages[0]["data"], r#"{"info":"successNext"}"#);
    let result = world.client.get_result(&signature_id).await.unwrap();
    assert_eq!((result.data.multi_device, result.data.use_slave_url), (Some(true), Some(true)));
}

#[tokio::test]
async fn the_page_speaks_the_browsers_language_and_arabic_reads_right_to_left() {
    let world = world().await;
    for (language, lang, dir, title) in
        [("id-ID", "id", "ltr", "Verifikasi Wajah"), ("ar", "ar", "rtl", "التحقق من الحيوية")]
    {
        let (_, url) = world.session(false).await;
        let browser = Browser::start_in(Camera::Granted, Some(language)).await;
        browser.goto(&url).await;
        let script = format!(
            "return document.getElementById('page-title')?.textContent === {} || null",
            serde_json::to_string(title).unwrap()
        );
        browser.wait_for(&format!("the {lang} title"), &script, PATIENCE).await;
        let marks =
            browser.eval("return [document.documentElement.lang, document.documentElement.dir]", json!([])).await;
        assert_eq!(marks, json!([lang, dir]), "{language}");
    }
}
