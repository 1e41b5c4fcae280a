//! The session server's HTTP contract, over real sockets, against the simulator.

mod support;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use advance_liveness::AllowedOrigin;
use advance_liveness_server::app::{PassThreshold, Retention};
use advance_liveness_server::clock::now_ms;
use advance_liveness_server::simulator::{EndpointName, Fault, FaultKind, Faults};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Browser, complete, stack};

fn faults(list: Vec<(EndpointName, FaultKind, u32)>) -> Faults {
    Faults {
        faults: list.into_iter().map(|(e, kind, count)| Fault { endpoint: Some(e), kind, count }).collect(),
        ..Faults::default()
    }
}

/// What the simulator's page knows of a session (its return URLs), from its page token.
async fn page_session(stack: &support::Stack, url: &str) -> Value {
    let token = url.split("token=").nth(1).unwrap();
    reqwest::get(format!("{}/h5/api/session?token={token}", stack.sim.base_url)).await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn minting_answers_the_session_and_binds_it_to_this_browser() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let response = browser.mint_raw(None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http loopback: no Secure flag");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let session: Value = response.json().await.unwrap();
    assert_eq!(session.as_object().unwrap().len(), 4, "{session}");
    assert_eq!(session["livenessOrigin"], stack.sim.base_url.as_str());
    let url = session["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/h5/liveness?token=", stack.sim.base_url)));
    assert!(session["expiresAt"].as_u64().unwrap().abs_diff(now_ms() + 3_600_000) < 5_000);

    // Return URLs come from configuration; iframe mode adds isLivenessIframe=true to both.
    let page = page_session(&stack, url).await;
    assert_eq!(page["iframeMode"], true);
    for key in ["returnUrl", "failedReturnUrl"] {
        let value = page[key].as_str().unwrap();
        assert!(value.starts_with(&format!("{}/liveness/return?", stack.base)), "{value}");
        assert!(value.contains("isLivenessIframe=true"), "{value}");
    }
    let redirect = browser.mint(Some(json!({"mode": "redirect", "userId": "u-42", "productLevel": "PRO"}))).await;
    let page = page_session(&stack, &redirect.url).await;
    assert_eq!(page["iframeMode"], false);
    assert!(!page["returnUrl"].as_str().unwrap().contains("isLivenessIframe"));
}

#[tokio::test]
async fn the_result_is_pending_then_passed_and_read_from_the_vendor_once() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    assert_eq!(
        browser.result(id).await,
        (StatusCode::OK, json!({"status": "pending", "score": null, "attackType": null, "code": "LIVENESS_NO_RESULT"}))
    );
    complete(&stack, id, None).await;
    let (status, result) = browser.result(id).await;
    assert_eq!((status, &result["status"], &result["code"]), (StatusCode::OK, &json!("passed"), &json!("SUCCESS")));
    assert!(result["score"].as_f64().unwrap() >= 50.0);
    assert_eq!(result.as_object().unwrap().len(), 4, "no images or video: {result}");
    let reads = stack.sim.simulator.stats().get_result;
    for _ in 0..5 {
        assert_eq!(browser.result(id).await.1, result);
    }
    assert_eq!(
        stack.sim.simulator.stats().get_result,
        reads,
        "a terminal result is not read again (SUCCESS may be billed)"
    );
}

#[tokio::test]
async fn failures_and_each_attack_type_are_failed_with_their_reason() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    for (outcome, attack, code) in [
        ("fail", Value::Null, "SUCCESS"),
        ("presentation-attack", json!("presentation"), "SUCCESS"),
        ("injection-attack", json!("injection"), "SUCCESS"),
        ("unsure-attack", json!("unsure"), "SUCCESS"),
        ("no-face", Value::Null, "NO_FACE_DETECTED"),
        ("face-occluded", Value::Null, "FACE_OCCLUDED"),
    ] {
        let session = browser.mint(None).await;
        complete(&stack, session.signature_id.as_str(), Some(outcome)).await;
        let (status, result) = browser.result(session.signature_id.as_str()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (&result["status"], &result["attackType"], &result["code"]),
            (&json!("failed"), &attack, &json!(code)),
            "{outcome}"
        );
    }
}

#[tokio::test]
async fn a_configured_threshold_decides_what_passes() {
    let stack = stack(|config| config.pass_threshold = PassThreshold::new(99.5).unwrap()).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    complete(&stack, session.signature_id.as_str(), Some("pass")).await; // score 99
    assert_eq!(browser.result(session.signature_id.as_str()).await.1["status"], "failed");
}

#[tokio::test]
async fn only_the_browser_that_minted_a_session_may_touch_it() {
    let stack = stack(|_| {}).await;
    let mut owner = Browser::new(&stack);
    let mut other = Browser::new(&stack);
    let session = owner.mint(None).await;
    let id = session.signature_id.as_str().to_owned();
    other.mint(None).await;
    let forbidden =
        json!({"error": {"code": "not_session_owner", "message": "this browser did not start that liveness session"}});
    // Each answer names its request; apart from that id, the answers are identical.
    let anonymous = |(status, mut body): (StatusCode, serde_json::Value)| {
        let id = body["error"].as_object_mut().unwrap().remove("requestId").expect("a request id");
        assert_eq!(id.as_str().map(str::len), Some(16), "{id}");
        (status, body)
    };

    let stranger = Browser::new(&stack);
    assert_eq!(anonymous(stranger.result(&id).await), (StatusCode::FORBIDDEN, forbidden.clone()), "no cookie");
    assert_eq!(
        anonymous(other.result(&id).await),
        (StatusCode::FORBIDDEN, forbidden.clone()),
        "another browser's cookie"
    );
    assert_eq!(other.delete(&id).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        anonymous(owner.result("0123456789abcdef").await),
        (StatusCode::FORBIDDEN, forbidden.clone()),
        "a guessed id"
    );
    assert_eq!(owner.result("..%2F..%2Fetc").await.0, StatusCode::FORBIDDEN);

    // A cookie edited to claim the session is refused.
    let mut forger = Browser::new(&stack);
    let cookie = other.cookie.clone().unwrap();
    let (name_payload, _tag) = cookie.rsplit_once('.').unwrap();
    forger.cookie = Some(format!("{name_payload}.{}", "A".repeat(43)));
    assert_eq!(forger.result(&id).await.0, StatusCode::FORBIDDEN);
    // The owner's own cookie still works, also after minting more sessions.
    owner.mint(None).await;
    assert_eq!(owner.result(&id).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_session_request_carries_a_locale_a_pack_serves_and_nothing_else() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    for served in ["id", "id-ID", "zh-TW", "ar"] {
        let response = browser.mint_raw(Some(json!({"locale": served}))).await;
        assert_eq!(response.status(), StatusCode::OK, "{served}");
    }
    for unserved in [json!("fr"), json!("pt-PT"), json!(""), json!(7)] {
        let response = browser.mint_raw(Some(json!({"locale": unserved}))).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{unserved}");
        let body: Value = response.json().await.unwrap();
        assert!(body["error"]["message"].as_str().unwrap().contains("locale"), "{body}");
    }
}

#[tokio::test]
async fn the_request_cannot_choose_where_the_vendor_sends_the_user() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let response = browser.mint_raw(Some(json!({"returnUrl": "https://evil.example/"}))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_request");
    assert!(body["error"]["message"].as_str().unwrap().contains("returnUrl"), "{body}");
    for bad in [json!({"mode": "popup"}), json!({"productLevel": "ULTRA"}), json!({"userId": ""}), json!([1])] {
        assert_eq!(browser.mint_raw(Some(bad.clone())).await.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let text = browser
        .http
        .post(format!("{}/api/liveness/session", stack.base))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = browser
        .http
        .post(format!("{}/api/liveness/session", stack.base))
        .header("content-type", "application/json")
        .body(format!(r#"{{"userId":"{}"}}"#, "x".repeat(20_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(huge.json::<Value>().await.unwrap()["error"]["code"], "payload_too_large");
}

#[tokio::test]
async fn redirect_mode_ends_on_the_configured_app_page_with_the_status() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(Some(json!({"mode": "redirect"}))).await;
    complete(&stack, session.signature_id.as_str(), None).await;
    let response = browser.get("/liveness/return?outcome=done&next=https://evil.example").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap();
    assert_eq!(location, format!("{}/signup/step-3?signatureId={}&status=passed", stack.base, session.signature_id));
    // In iframe mode the vendor may send its frame here: it gets a blank page, not the app.
    let framed = browser.get("/liveness/return?outcome=done&isLivenessIframe=true").await;
    assert_eq!(framed.status(), StatusCode::OK);
    assert!(framed.headers().get("location").is_none());
    assert!(framed.text().await.unwrap().contains("Done."));
    let anonymous = Browser::new(&stack).get("/liveness/return").await;
    assert_eq!(
        anonymous.headers()["location"].to_str().unwrap(),
        format!("{}/signup/step-3?status=unknown", stack.base)
    );
}

#[tokio::test]
async fn deleting_a_session_purges_it_at_the_vendor() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    complete(&stack, id, None).await;
    assert_eq!(browser.delete(id).await.0, StatusCode::NO_CONTENT);
    assert_eq!(stack.sim.simulator.stats().clear_data, 1);
    assert_eq!(browser.result(id).await.1["error"]["code"], "result_purged");
}

#[tokio::test]
async fn the_retention_policy_can_purge_once_the_result_was_read() {
    let stack = stack(|config| config.retention = Retention::PurgeAfterRead).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    assert_eq!(browser.result(session.signature_id.as_str()).await.1["status"], "pending");
    assert_eq!(stack.sim.simulator.stats().clear_data, 0, "nothing to purge while pending");
    complete(&stack, session.signature_id.as_str(), None).await;
    assert_eq!(browser.result(session.signature_id.as_str()).await.1["status"], "passed");
    let started = Instant::now();
    while stack.sim.simulator.stats().clear_data == 0 {
        assert!(started.elapsed() < Duration::from_secs(5), "no automatic purge");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The verdict is still readable; the images are gone.
    assert_eq!(browser.result(session.signature_id.as_str()).await.1["status"], "passed");
}

#[test]
fn a_qr_code_decodes_back_to_its_link_however_long() {
    for url in [
        "http://127.0.0.1:8090/h5/liveness?token=86a6a459dc5e75bd0a0a64d4dcb1e691",
        "https://liveness.advance.ai/h5/index.html?token=eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJoNV9saXZlbmVzcyJ9.HmIDcuSW67A59x7bnumjGp0W",
    ] {
        let svg = advance_liveness_server::app::qr::qr_svg(url).unwrap();
        assert_eq!(decode_qr(&svg), url);
    }
}

/// Reads an SVG QR code back with an independent decoder (rqrr): each `M{x} {y}h1v1...` segment
/// of its dark path is one module, rasterised here at 4 pixels a module.
fn decode_qr(svg: &str) -> String {
    let size: usize = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let mut dark = vec![false; size * size];
    let path = svg.split("fill=\"#000\"").nth(1).unwrap().split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    for segment in path.split('M').filter(|s| !s.is_empty()) {
        let mut numbers = segment.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
        let x: usize = numbers.next().unwrap().parse().unwrap();
        let y: usize = numbers.next().unwrap().parse().unwrap();
        dark[y * size + x] = true;
    }
    let scale = 4;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
        if dark[(y / scale) * size + x / scale] { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code");
    grids[0].decode().expect("a readable QR code").1
}

/// `GET .../qr` with this bearer (a page holding a client secret instead of a cookie).
async fn qr_with_secret(base: &str, id: &str, secret: &str) -> reqwest::Response {
    let url = format!("{base}/api/liveness/sessions/{id}/qr");
    reqwest::Client::new().get(url).bearer_auth(secret).send().await.unwrap()
}

/// A status and a JSON error without its request id (which names each answer).
async fn error_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let mut body: Value = response.json().await.unwrap();
    body["error"].as_object_mut().unwrap().remove("requestId");
    (status, body)
}

#[tokio::test]
async fn the_qr_code_is_the_sessions_own_link_for_the_results_readers_only() {
    const KEY: &str = "k1-0123456789abcdef0123456789abcdef";
    let stack = stack(|config| {
        config.backend_keys = advance_liveness_server::app::backend_auth::BackendKeys::new(&[KEY.into()]).unwrap();
    })
    .await;
    let mut owner = Browser::new(&stack);
    let session = owner.mint(None).await;
    let id = session.signature_id.as_str().to_owned();
    let qr = format!("/api/liveness/sessions/{id}/qr");
    let response = owner.get(&qr).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "image/svg+xml");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let svg = response.text().await.unwrap();
    assert!(svg.starts_with("<svg ") && !svg.contains("<title") && !svg.contains("token="), "no text: {svg}");
    assert_eq!(decode_qr(&svg), session.url, "exactly the link the mint answered");

    // Whoever may not read the result gets the result route's answer: another browser (with
    // its own session), no cookie, an unknown or malformed id.
    let mut other = Browser::new(&stack);
    other.mint(None).await;
    let forbidden = error_of(other.get(&format!("/api/liveness/sessions/{id}/result")).await).await;
    assert_eq!(forbidden.0, StatusCode::FORBIDDEN);
    assert_eq!(error_of(other.get(&qr).await).await, forbidden, "another browser");
    assert_eq!(error_of(Browser::new(&stack).get(&qr).await).await, forbidden, "no cookie");
    for unknown in ["6f1c0d2a9b3e4f57", "a.b", "%FF"] {
        assert_eq!(error_of(owner.get(&format!("/api/liveness/sessions/{unknown}/qr")).await).await, forbidden);
    }

    // A backend-minted session: its page holds the client secret, which works for that session only.
    let minted: Value = reqwest::Client::new()
        .post(format!("{}/api/liveness/backend/sessions", stack.base))
        .bearer_auth(KEY)
        .json(&json!({"userId": "user-42"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (backend_id, secret) = (minted["signatureId"].as_str().unwrap(), minted["clientSecret"].as_str().unwrap());
    let response = qr_with_secret(&stack.base, backend_id, secret).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(decode_qr(&response.text().await.unwrap()), minted["url"].as_str().unwrap());
    assert_eq!(error_of(qr_with_secret(&stack.base, &id, secret).await).await, forbidden, "another session's secret");
    assert_eq!(error_of(owner.get(&format!("/api/liveness/sessions/{backend_id}/qr")).await).await, forbidden);
}

#[tokio::test]
async fn a_session_whose_record_is_gone_has_no_qr_code_but_its_result_reads() {
    use advance_liveness_server::app::binding::{CookieKey, CookieKeys};
    // Two instances sharing a cookie key but no store: the second knows the cookie, not the record.
    let keys = || CookieKeys::new(CookieKey::new([7u8; 32]).unwrap(), Vec::new());
    let stack = stack(|config| config.cookie_keys = keys()).await;
    let (_second, second_base) = support::app_on(&stack.sim, |config| config.cookie_keys = keys()).await;
    let mut browser = Browser::new(&stack);
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    let mut elsewhere = Browser::at(&second_base);
    elsewhere.cookie = browser.cookie.clone();
    let (status, body) = error_of(elsewhere.get(&format!("/api/liveness/sessions/{id}/qr")).await).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::NOT_FOUND, &json!("not_found")), "{body}");
    assert_eq!(elsewhere.result(&id).await.0, StatusCode::OK, "the owner is known there");
}

#[tokio::test]
async fn qr_code_reads_spend_the_result_read_budget() {
    let stack = stack(|config| config.rate_limits.result_reads_per_minute = NonZeroU32::new(3).unwrap()).await;
    let mut browser = Browser::new(&stack);
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    for _ in 0..2 {
        assert_eq!(browser.get(&format!("/api/liveness/sessions/{id}/qr")).await.status(), StatusCode::OK);
    }
    assert_eq!(browser.result(&id).await.0, StatusCode::OK);
    for path in ["qr", "result"] {
        let refused = browser.get(&format!("/api/liveness/sessions/{id}/{path}")).await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        assert_eq!(refused.json::<Value>().await.unwrap()["error"]["code"], "rate_limited");
    }
}

#[tokio::test]
async fn minting_is_rate_limited_per_client() {
    let stack = stack(|config| config.rate_limits.mints_per_minute = NonZeroU32::new(3).unwrap()).await;
    let mut browser = Browser::new(&stack);
    for _ in 0..3 {
        browser.mint(None).await;
    }
    let refused = browser.mint_raw(None).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    assert_eq!(refused.json::<Value>().await.unwrap()["error"]["code"], "rate_limited");
    // Reading results is not limited.
    assert_eq!(browser.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    // The test client connects from 127.0.0.1, which plays the proxy here.
    let mint_as = |base: String, forwarded: &'static str| async move {
        reqwest::Client::new()
            .post(format!("{base}/api/liveness/session"))
            .header("content-type", "application/json")
            .header("x-forwarded-for", forwarded)
            .send()
            .await
            .unwrap()
            .status()
    };
    let proxied = stack(|config| {
        config.rate_limits.mints_per_minute = NonZeroU32::new(2).unwrap();
        config.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    })
    .await;
    for _ in 0..2 {
        assert_eq!(mint_as(proxied.base.clone(), "203.0.113.1").await, StatusCode::OK);
    }
    assert_eq!(mint_as(proxied.base.clone(), "203.0.113.1").await, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not refused for the first one's mints...
    assert_eq!(mint_as(proxied.base.clone(), "203.0.113.2").await, StatusCode::OK);
    // ...and a client cannot pick a fresh bucket by writing the header itself: the proxy appends
    // the address it saw, and only that one counts.
    assert_eq!(mint_as(proxied.base.clone(), "198.51.100.9, 203.0.113.1").await, StatusCode::TOO_MANY_REQUESTS);

    // Without trusted proxies the header means nothing: everyone here is 127.0.0.1.
    let direct = stack(|config| config.rate_limits.mints_per_minute = NonZeroU32::new(2).unwrap()).await;
    assert_eq!(mint_as(direct.base.clone(), "203.0.113.1").await, StatusCode::OK);
    assert_eq!(mint_as(direct.base.clone(), "203.0.113.2").await, StatusCode::OK);
    assert_eq!(mint_as(direct.base.clone(), "203.0.113.3").await, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn cors_is_off_by_default_and_an_allow_list_when_configured() {
    let closed = stack(|_| {}).await;
    let preflight = |base: String, origin: &'static str| async move {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{base}/api/liveness/session"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap()
    };
    let answer = preflight(closed.base.clone(), "https://shop.example").await;
    assert!(answer.headers().get("access-control-allow-origin").is_none());

    let open = stack(|config| config.cors_origins = vec![AllowedOrigin::parse("https://shop.example").unwrap()]).await;
    let answer = preflight(open.base.clone(), "https://shop.example").await;
    assert_eq!(answer.headers()["access-control-allow-origin"], "https://shop.example");
    assert_eq!(answer.headers()["access-control-allow-credentials"], "true");
    let answer = preflight(open.base.clone(), "https://evil.example").await;
    assert!(answer.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn vendor_faults_give_clear_errors_and_the_server_keeps_serving() {
    let stack = stack(|_| {}).await;
    let sim = &stack.sim.simulator;
    let mut browser = Browser::new(&stack);

    // Latency within the client's timeout: just slower.
    sim.set_faults(faults(vec![(EndpointName::GetToken, FaultKind::Latency { ms: 300 }, 1)]));
    browser.mint(None).await;

    // Rate limited at the vendor for longer than the client waits: 503 with the vendor's delay.
    sim.set_faults(faults(vec![(EndpointName::GetToken, FaultKind::ServiceBusy { retry_after_seconds: 30 }, 1)]));
    let busy = browser.mint_raw(None).await;
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.headers()["retry-after"], "30");
    assert_eq!(busy.json::<Value>().await.unwrap()["error"]["code"], "vendor_rate_limited");

    // A bare 502 from a proxy in front of the vendor: Get Token is not repeated (it would mint
    // a second session), so the browser gets a clear 502.
    sim.set_faults(faults(vec![(EndpointName::GetToken, FaultKind::Http { status: 502 }, 1)]));
    let bad_gateway = browser.mint_raw(None).await;
    assert_eq!(bad_gateway.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(bad_gateway.json::<Value>().await.unwrap()["error"]["code"], "vendor_error");

    // Early token expiry: refreshed, nobody notices.
    sim.set_faults(Faults { token_ttl_seconds: Some(1), ..Faults::default() });
    let session = browser.mint(None).await;
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let id = session.signature_id.as_str();
    complete(&stack, id, None).await;
    assert_eq!(browser.result(id).await.1["status"], "passed");

    // A completed session stays readable while the vendor misbehaves...
    sim.set_faults(faults(vec![(EndpointName::GetResult, FaultKind::Drop, 100)]));
    assert_eq!(browser.result(id).await.1["status"], "passed");
    // ...and one whose result was not read yet reads once the vendor recovers.
    let second = browser.mint(None).await;
    complete(&stack, second.signature_id.as_str(), None).await;
    let (status, error) = browser.result(second.signature_id.as_str()).await;
    assert_eq!((status, &error["error"]["code"]), (StatusCode::BAD_GATEWAY, &json!("vendor_unreachable")));
    sim.set_faults(Faults::default());
    // (the server reuses the vendor's error for a moment, as it would a pending answer)
    tokio::time::sleep(advance_liveness_server::app::result_reads::PENDING_REUSE).await;
    assert_eq!(browser.result(second.signature_id.as_str()).await.1["status"], "passed");
    assert_eq!(browser.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_api_routes_answer_json() {
    let stack = stack(|_| {}).await;
    let response = Browser::new(&stack).get("/api/liveness/nope").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.json::<Value>().await.unwrap()["error"]["code"], "not_found");
}

#[tokio::test]
async fn neither_the_secret_key_nor_an_access_token_reaches_a_browser_or_a_log() {
    let captured = support::Captured::default();
    let _guard = captured.install();

    let stack = stack(|_| {}).await;
    let sim = &stack.sim.simulator;
    let mut browser = Browser::new(&stack);
    let mut seen = String::new();
    let record = |response: reqwest::Response| async move {
        let headers = format!("{:?}", response.headers());
        format!("{headers} {}", response.text().await.unwrap_or_default())
    };
    seen += &record(browser.mint_raw(None).await).await;
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    seen += &format!("{session:?}");
    complete(&stack, id, None).await;
    sim.revoke_tokens();
    seen += &browser.result(id).await.1.to_string();
    sim.set_faults(faults(vec![
        (EndpointName::GetToken, FaultKind::ServiceBusy { retry_after_seconds: 60 }, 1),
        (EndpointName::ClearData, FaultKind::Envelope { code: "IAM_FAILED".into(), message: "denied".into() }, 2),
    ]));
    seen += &record(browser.mint_raw(None).await).await;
    seen += &browser.delete(id).await.1.to_string();
    seen += &record(browser.mint_raw(Some(json!({"nope": 1}))).await).await;
    seen += &captured.text();

    assert!(
        seen.contains("vendor_rate_limited") && seen.contains("vendor_auth_failed"),
        "errors were produced: {seen}"
    );
    assert!(seen.contains("transaction_id"), "vendor calls are logged with their transactionId");
    assert!(!seen.contains("samplesecretkey"), "secret leaked");
    let tokens = sim.issued_tokens();
    assert!(!tokens.is_empty());
    for token in tokens {
        assert!(!seen.contains(&token), "an access token leaked");
    }
    assert!(!seen.contains("sim."), "no token-looking value at all");
}

/// The static files (`--static-dir`): the precompressed sibling the client accepts, cached by name.
mod static_files {
    use std::io::{Read, Write};
    use std::path::PathBuf;

    use reqwest::StatusCode;
    use reqwest::header::HeaderMap;

    use super::support::{Browser, stack};

    /// A name trunk gives by content: cached for a year.
    const WASM: &str = "advance-liveness-3f2a9c81d07b6e45_bg.wasm";
    const IMMUTABLE: &str = "public, max-age=31536000, immutable";

    /// A `--static-dir` in the temporary folder, removed when dropped.
    struct StaticDir(PathBuf);

    impl StaticDir {
        fn new(test: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("advance-liveness-{test}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("bundle/locales")).unwrap();
            Self(dir)
        }

        /// Writes `name` with `content`, and a sibling for each of `encodings` as the build does.
        fn file(&self, name: &str, content: &[u8], encodings: &[&str]) {
            std::fs::write(self.0.join(name), content).unwrap();
            for encoding in encodings {
                let (extension, compressed) = match *encoding {
                    "br" => ("br", brotli(content)),
                    "gzip" => ("gz", gzip(content)),
                    other => panic!("no such encoding: {other}"),
                };
                std::fs::write(self.0.join(format!("{name}.{extension}")), compressed).unwrap();
            }
        }
    }

    impl Drop for StaticDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn brotli(bytes: &[u8]) -> Vec<u8> {
        let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
        writer.write_all(bytes).unwrap();
        writer.into_inner()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        writer.write_all(bytes).unwrap();
        writer.finish().unwrap()
    }

    /// The body as the client reads it, after undoing `Content-Encoding`.
    fn decoded(headers: &HeaderMap, body: &[u8]) -> Vec<u8> {
        let mut decoded = Vec::new();
        match headers.get("content-encoding").map(|value| value.to_str().unwrap()) {
            None => decoded.extend_from_slice(body),
            Some("br") => {
                brotli::Decompressor::new(body, 4096).read_to_end(&mut decoded).unwrap();
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(body).read_to_end(&mut decoded).unwrap();
            }
            Some(other) => panic!("unexpected content-encoding {other}"),
        }
        decoded
    }

    /// `method path` with these request headers; answers the status, headers and raw body.
    async fn fetch(
        browser: &Browser,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = browser.http.request(method, format!("{}{path}", browser.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.bytes().await.unwrap().to_vec())
    }

    fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
        headers.get(name).map(|value| value.to_str().unwrap())
    }

    /// Compressible stand-ins for the build's files.
    fn wasm() -> Vec<u8> {
        [&b"\0asm\x01\0\0\0"[..], &b"\x60\x02\x7f\x7f\x01\x7f".repeat(700)].concat()
    }

    fn text(what: &str) -> Vec<u8> {
        format!("/* {what} */\n{}", format!("{what}: the same line again and again;\n").repeat(100)).into_bytes()
    }

    #[tokio::test]
    async fn each_static_file_is_sent_in_the_best_encoding_the_client_accepts() {
        let dir = StaticDir::new("static-encodings");
        let (wasm, html, js, pack, css) = (wasm(), text("<!doctype html>"), text("js"), text("\"json\""), text("css"));
        dir.file(WASM, &wasm, &["br", "gzip"]);
        dir.file("index.html", &html, &["br", "gzip"]);
        dir.file("bundle/advance-liveness.js", &js, &["br", "gzip"]);
        dir.file("bundle/locales/pt-BR.json", &pack, &["gzip"]);
        dir.file("bundle/advance-liveness.css", &css, &[]);
        let stack = stack(|config| config.static_dir = Some(dir.0.clone())).await;
        let browser = Browser::new(&stack);

        let files = [
            (format!("/{WASM}"), &wasm, "application/wasm", ["br", "gzip", "identity"]),
            ("/".to_owned(), &html, "text/html", ["br", "gzip", "identity"]),
            ("/bundle/advance-liveness.js".to_owned(), &js, "text/javascript", ["br", "gzip", "identity"]),
            ("/bundle/locales/pt-BR.json".to_owned(), &pack, "application/json", ["gzip", "gzip", "identity"]),
            ("/bundle/advance-liveness.css".to_owned(), &css, "text/css", ["identity", "identity", "identity"]),
        ];
        for (path, original, content_type, expected) in files {
            for (accept, expected) in [Some("br, gzip"), Some("gzip"), None].into_iter().zip(expected) {
                let accept: Vec<_> = accept.map(|value| ("accept-encoding", value)).into_iter().collect();
                let (status, headers, body) = fetch(&browser, reqwest::Method::GET, &path, &accept).await;
                let case = format!("{path} with {accept:?}: {headers:?}");
                assert_eq!(status, StatusCode::OK, "{case}");
                assert_eq!(header(&headers, "content-encoding").unwrap_or("identity"), expected, "{case}");
                assert!(header(&headers, "content-type").unwrap().starts_with(content_type), "{case}");
                assert_eq!(header(&headers, "vary"), Some("accept-encoding"), "{case}");
                let cache_control = if path.ends_with(WASM) { IMMUTABLE } else { "no-cache" };
                assert_eq!(header(&headers, "cache-control"), Some(cache_control), "{case}");
                assert_eq!(&decoded(&headers, &body), original, "{case}");
                if expected != "identity" {
                    assert!(body.len() < original.len(), "{case}: sent compressed");
                }
            }
        }
    }

    #[tokio::test]
    async fn head_range_and_revalidation_still_work_on_compressed_files() {
        let dir = StaticDir::new("static-head-range");
        let (wasm, html) = (wasm(), text("<!doctype html>"));
        dir.file(WASM, &wasm, &["br", "gzip"]);
        dir.file("index.html", &html, &["br", "gzip"]);
        let stack = stack(|config| config.static_dir = Some(dir.0.clone())).await;
        let browser = Browser::new(&stack);
        let path = format!("/{WASM}");
        let br = [("accept-encoding", "br, gzip")];

        // HEAD: the headers of the brotli answer, no body.
        let (status, headers, body) = fetch(&browser, reqwest::Method::HEAD, &path, &br).await;
        assert_eq!((status, header(&headers, "content-encoding")), (StatusCode::OK, Some("br")));
        assert_eq!(header(&headers, "content-length"), Some(brotli(&wasm).len().to_string().as_str()));
        assert_eq!(header(&headers, "vary"), Some("accept-encoding"));
        assert!(body.is_empty());

        // Range: of the representation sent, the file itself or its brotli sibling.
        let (status, headers, body) = fetch(&browser, reqwest::Method::GET, &path, &[("range", "bytes=0-3")]).await;
        assert_eq!((status, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &b"\0asm"[..]));
        assert_eq!(header(&headers, "cache-control"), Some(IMMUTABLE));
        let (status, headers, body) =
            fetch(&browser, reqwest::Method::GET, &path, &[br[0], ("range", "bytes=0-3")]).await;
        assert_eq!((status, header(&headers, "content-encoding")), (StatusCode::PARTIAL_CONTENT, Some("br")));
        assert_eq!(body, brotli(&wasm)[..4]);

        // Revalidation of a stable name: 304, with the same Vary and Cache-Control.
        let (_, headers, _) = fetch(&browser, reqwest::Method::GET, "/index.html", &br).await;
        let last_modified = header(&headers, "last-modified").expect("a validator").to_owned();
        let revalidate = [br[0], ("if-modified-since", last_modified.as_str())];
        let (status, headers, body) = fetch(&browser, reqwest::Method::GET, "/index.html", &revalidate).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{headers:?}");
        assert!(body.is_empty());
        assert_eq!(header(&headers, "vary"), Some("accept-encoding"));
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    }

    #[tokio::test]
    async fn a_missing_static_file_is_a_bare_404_that_no_cache_keeps() {
        let dir = StaticDir::new("static-missing");
        dir.file("index.html", &text("<!doctype html>"), &["br", "gzip"]);
        let stack = stack(|config| config.static_dir = Some(dir.0.clone())).await;
        let browser = Browser::new(&stack);
        // A fingerprinted name too: the deployment that adds it must not find a cached 404. And
        // names whose `.br` the file system refuses (too long with the suffix, under a file).
        let long = format!("/{}.js", "a".repeat(251));
        for path in ["/nope.js", "/advance-liveness-0123456789abcdef_bg.wasm", "/bundle/x.json", "/index.html/x", &long]
        {
            let (status, headers, body) =
                fetch(&browser, reqwest::Method::GET, path, &[("accept-encoding", "br, gzip")]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert!(body.is_empty(), "{path}: no JSON error outside /api/");
            assert_eq!(header(&headers, "content-encoding"), None, "{path}");
            assert_eq!(header(&headers, "cache-control"), Some("no-cache"), "{path}");
            assert_eq!(header(&headers, "vary"), Some("accept-encoding"), "{path}");
        }
    }
}
