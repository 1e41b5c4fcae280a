//! The backend API over real sockets: keys (good, wrong, rotated, missing), a backend mint read
//! by the backend and by the page with its client secret through one vendor read, a purge, and
//! what a browser holding only its own cookie cannot do. Also across two instances on Redis.

mod support;

use advance_liveness_server::app::AppConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Browser, RedisServer, app_on, complete_at, in_fleet, stack};

const KEY: &str = "k1-0123456789abcdef0123456789abcdef";
const NEXT_KEY: &str = "k2-fedcba9876543210fedcba9876543210";

fn with_keys(config: &mut AppConfig) {
    config.backend_keys =
        advance_liveness_server::app::backend_auth::BackendKeys::new(&[KEY.into(), NEXT_KEY.into()]).unwrap();
}

/// A backend HTTP client for the app at `base`, with `key`.
struct BackendClient {
    http: reqwest::Client,
    base: String,
    key: Option<&'static str>,
}

impl BackendClient {
    fn new(base: &str, key: Option<&'static str>) -> Self {
        Self { http: reqwest::Client::new(), base: base.to_owned(), key }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let request = self.http.request(method, format!("{}/api/liveness/backend/{path}", self.base));
        match self.key {
            Some(key) => request.bearer_auth(key),
            None => request,
        }
    }

    async fn mint(&self, body: Value) -> (StatusCode, Value) {
        let response = self.request(reqwest::Method::POST, "sessions").json(&body).send().await.unwrap();
        (response.status(), response.json().await.unwrap_or(Value::Null))
    }

    async fn read(&self, id: &str) -> (StatusCode, Value) {
        let response = self.request(reqwest::Method::GET, &format!("sessions/{id}")).send().await.unwrap();
        (response.status(), response.json().await.unwrap_or(Value::Null))
    }

    async fn purge(&self, id: &str) -> StatusCode {
        self.request(reqwest::Method::DELETE, &format!("sessions/{id}")).send().await.unwrap().status()
    }
}

/// The page's read of a result with a client secret instead of a cookie.
async fn page_read(base: &str, id: &str, secret: &str) -> (StatusCode, Value) {
    let url = format!("{base}/api/liveness/sessions/{id}/result");
    let response = reqwest::Client::new().get(url).bearer_auth(secret).send().await.unwrap();
    (response.status(), response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_backend_api_is_off_without_a_key_and_refuses_wrong_or_missing_keys() {
    let off = stack(|_| {}).await;
    let (status, body) = BackendClient::new(&off.base, Some(KEY)).mint(json!({"userId": "u-1"})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));

    let on = stack(with_keys).await;
    for (key, what) in [(None, "missing"), (Some("k1-0123456789abcdef0123456789abcdeX"), "wrong")] {
        let response = BackendClient::new(&on.base, key)
            .request(reqwest::Method::POST, "sessions")
            .json(&json!({"userId": "u-1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{what} key");
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthorized", "{what} key");
    }
    assert_eq!(on.sim.simulator.stats().get_token, 0, "nothing minted");
    for key in [KEY, NEXT_KEY] {
        assert_eq!(BackendClient::new(&on.base, Some(key)).mint(json!({"userId": "u-1"})).await.0, StatusCode::OK);
    }
}

#[tokio::test]
async fn wrong_keys_spend_the_clients_backend_budget() {
    let stack = stack(|config| {
        with_keys(config);
        config.rate_limits.backend_requests_per_minute = 3.try_into().unwrap();
    })
    .await;
    let guesser = BackendClient::new(&stack.base, Some("k9-0123456789abcdef0123456789abcdef"));
    for _ in 0..3 {
        assert_eq!(guesser.read("6f1c0d2a9b3e4f57").await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = guesser.read("6f1c0d2a9b3e4f57").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited")));
}

#[tokio::test]
async fn a_backend_session_is_read_by_the_backend_and_its_page_with_one_vendor_read_then_purged() {
    let stack = stack(with_keys).await;
    let backend = BackendClient::new(&stack.base, Some(KEY));
    let (status, minted) = backend.mint(json!({"userId": "user-42", "reference": "signup-7"})).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    let id = minted["signatureId"].as_str().unwrap().to_owned();
    let secret = minted["clientSecret"].as_str().unwrap().to_owned();
    assert!(minted["url"].as_str().unwrap().starts_with(&stack.sim.base_url), "{minted}");
    assert!(minted["expiresAt"].as_u64().is_some() && minted["livenessOrigin"] == stack.sim.base_url.as_str());

    let (status, pending) = backend.read(&id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["mintedBy"], "backend");
    assert_eq!(pending["completedAt"], Value::Null);

    complete_at(&stack.sim, &id, Some("pass")).await;
    let reads_before = stack.sim.simulator.stats().get_result;
    let (status, page) = page_read(&stack.base, &id, &secret).await;
    assert_eq!((status, page["status"].as_str()), (StatusCode::OK, Some("passed")), "the page with its secret");
    let (_, done) = backend.read(&id).await;
    assert_eq!(done["status"], "passed");
    assert_eq!((done["userId"].as_str(), done["reference"].as_str()), (Some("user-42"), Some("signup-7")));
    assert!(done["score"].as_f64().unwrap() >= 50.0);
    let (minted_at, completed_at) = (done["mintedAt"].as_u64().unwrap(), done["completedAt"].as_u64().unwrap());
    assert!(completed_at >= minted_at, "{done}");
    assert_eq!(stack.sim.simulator.stats().get_result - reads_before, 1, "page and backend share one vendor read");

    assert_eq!(backend.purge(&id).await, StatusCode::NO_CONTENT);
    assert_eq!(backend.purge(&id).await, StatusCode::NO_CONTENT);
    assert_eq!(stack.sim.simulator.stats().clear_data, 1);
    let (status, gone) = backend.read(&id).await;
    assert_eq!((status, gone["error"]["code"].as_str()), (StatusCode::GONE, Some("result_purged")));
    assert_eq!(page_read(&stack.base, &id, &secret).await.0, StatusCode::GONE);
    assert_eq!(backend.read("0123456789abcdef").await.0, StatusCode::NOT_FOUND, "not minted here");
}

#[tokio::test]
async fn a_browser_cannot_touch_a_backend_session_and_a_secret_opens_only_its_own() {
    let stack = stack(with_keys).await;
    let backend = BackendClient::new(&stack.base, Some(KEY));
    let (_, first) = backend.mint(json!({"userId": "alice"})).await;
    let (_, second) = backend.mint(json!({"userId": "bob"})).await;
    let id = first["signatureId"].as_str().unwrap();

    // A browser that minted its own session, claiming to be alice.
    let mut browser = Browser::new(&stack);
    browser.mint(Some(json!({"userId": "alice"}))).await;
    assert_eq!(browser.result(id).await.0, StatusCode::FORBIDDEN);
    assert_eq!(browser.delete(id).await.0, StatusCode::FORBIDDEN);
    let other_secret = second["clientSecret"].as_str().unwrap();
    assert_eq!(page_read(&stack.base, id, other_secret).await.0, StatusCode::FORBIDDEN, "bob's secret");
    assert_eq!(page_read(&stack.base, id, "lcs1.forged").await.0, StatusCode::FORBIDDEN);
    assert_eq!(stack.sim.simulator.stats().clear_data, 0);

    // The backend sees who minted what.
    let (_, alice) = backend.read(id).await;
    assert_eq!((alice["userId"].as_str(), alice["mintedBy"].as_str()), (Some("alice"), Some("backend")));
}

#[tokio::test]
async fn a_backend_mint_needs_a_user_and_known_fields_only() {
    let stack = stack(with_keys).await;
    let backend = BackendClient::new(&stack.base, Some(KEY));
    for body in [
        json!({}),
        json!({"userId": ""}),
        json!({"userId": "u", "colour": "red"}),
        json!({"userId": "u", "reference": ""}),
    ] {
        let (status, answer) = backend.mint(body.clone()).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_request")),
            "{body}"
        );
    }
    assert_eq!(stack.sim.simulator.stats().get_token, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_minted_on_one_instance_is_read_and_purged_on_another() {
    let sim = advance_liveness_server::simulator::RunningSimulator::start(
        "127.0.0.1:0".parse().unwrap(),
        advance_liveness_server::vendor::Credentials::sample(),
    )
    .await
    .unwrap();
    let redis = RedisServer::start();
    let (_a, a) = app_on(&sim, |config| {
        in_fleet(config, &redis);
        with_keys(config);
    })
    .await;
    let (_b, b) = app_on(&sim, |config| {
        in_fleet(config, &redis);
        with_keys(config);
    })
    .await;
    let (_, minted) = BackendClient::new(&a, Some(KEY)).mint(json!({"userId": "u-9"})).await;
    let id = minted["signatureId"].as_str().unwrap();
    complete_at(&sim, id, Some("fail")).await;
    let on_b = BackendClient::new(&b, Some(NEXT_KEY));
    let (status, read) = on_b.read(id).await;
    assert_eq!(
        (status, read["status"].as_str(), read["userId"].as_str()),
        (StatusCode::OK, Some("failed"), Some("u-9")),
        "{read}"
    );
    assert!(read["completedAt"].as_u64().is_some(), "{read}");
    let secret = minted["clientSecret"].as_str().unwrap();
    assert_eq!(page_read(&b, id, secret).await.1["status"], "failed", "the secret works on any instance");
    assert_eq!(on_b.purge(id).await, StatusCode::NO_CONTENT);
    assert_eq!(BackendClient::new(&a, Some(KEY)).read(id).await.0, StatusCode::GONE);
    assert_eq!(sim.simulator.stats().get_result, 1);
}

#[tokio::test]
async fn with_browser_mint_denied_only_the_backend_mints_and_the_page_still_reads_with_its_secret() {
    let stack = stack(|config| {
        with_keys(config);
        config.browser_mint = advance_liveness_server::app::BrowserMint::Deny;
    })
    .await;
    let mut browser = Browser::new(&stack);
    let refused = browser.mint_raw(Some(json!({"userId": "mallory"}))).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused.headers().get("set-cookie").is_none());
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "browser_mint_disabled");
    assert_eq!(stack.sim.simulator.stats().get_token, 0, "no session minted for a browser");

    let (_, minted) = BackendClient::new(&stack.base, Some(KEY)).mint(json!({"userId": "alice"})).await;
    let id = minted["signatureId"].as_str().unwrap();
    complete_at(&stack.sim, id, Some("pass")).await;
    assert_eq!(page_read(&stack.base, id, minted["clientSecret"].as_str().unwrap()).await.1["status"], "passed");
}
