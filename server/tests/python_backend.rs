//! An integrator's backend in another language, run as an integrator would: examples/backend-python
//! (Python, standard library only) mints each user's session on the backend API, hands it to the
//! page, gets the signed webhook when the check ends, verifies it, reads the result back, decides,
//! and purges the images. One user's page reads its result with the client secret; the other
//! user closes the tab, and the server's follower ends the session. A forged webhook is refused.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use advance_liveness_server::app::backend_auth::BackendKeys;
use advance_liveness_server::app::follower::FollowSchedule;
use advance_liveness_server::clock::now_ms;
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::webhooks::WebhookSecret;
use advance_liveness_server::webhooks::delivery::WebhookSettings;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{app_on, complete_at};

const KEY: &str = "py-backend-key-0123456789abcdef0123";
const SECRET: &str = "whsec-py-0123456789abcdef0123456789ab";
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/backend-python/backend.py");

/// The Python backend, killed when dropped.
struct PythonBackend {
    child: Child,
    base: String,
}

impl PythonBackend {
    fn start(port: u16, liveness_url: &str) -> Self {
        let mut child = Command::new("python3")
            .arg(EXAMPLE)
            .arg(port.to_string())
            .env("LIVENESS_URL", liveness_url)
            .env("LIVENESS_BACKEND_KEY", KEY)
            .env("LIVENESS_WEBHOOK_SECRET", SECRET)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 (run scripts/setup)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line.trim().strip_prefix("backend on ").unwrap_or_else(|| panic!("printed {line:?}")).to_owned();
        Self { child, base }
    }

    async fn signup(&self, user: &str) -> Option<Value> {
        let answer = reqwest::get(format!("{}/signup/{user}", self.base)).await.unwrap();
        (answer.status() == StatusCode::OK).then_some(answer.json().await.unwrap())
    }

    /// Waits until the user's sign-up has left `checking`.
    async fn decided(&self, user: &str) -> Value {
        let started = Instant::now();
        loop {
            let signup = self.signup(user).await.unwrap();
            if signup["state"] != "checking" {
                return signup;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "{user} still checking: {signup}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for PythonBackend {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_python_backend_opens_accounts_only_on_verified_webhooks_and_its_own_reads() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (_app, base) = app_on(&sim, |config| {
        config.backend_keys = BackendKeys::new(&[KEY.into()]).unwrap();
        config.webhooks = Some(WebhookSettings {
            urls: vec![format!("http://127.0.0.1:{port}/hooks/liveness").parse().unwrap()],
            secrets: vec![WebhookSecret::new(SECRET).unwrap()],
        });
        // Ana's page reads before the follower's first read; Bo's session waits for it.
        config.follow = FollowSchedule {
            first: Duration::from_secs(2),
            longest: Duration::from_secs(2),
            tick: Duration::from_millis(50),
        };
    })
    .await;
    let backend = PythonBackend::start(port, &base);
    let http = reqwest::Client::new();

    // Ana's page gets her session from the Python backend, she passes, the page reads it.
    let ana: Value =
        http.post(format!("{}/signup/ana/liveness", backend.base)).send().await.unwrap().json().await.unwrap();
    let ana_id = ana["signatureId"].as_str().unwrap();
    complete_at(&sim, ana_id, Some("pass")).await;
    let read = http
        .get(format!("{base}/api/liveness/sessions/{ana_id}/result"))
        .bearer_auth(ana["clientSecret"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let read: Value = read.json().await.unwrap();
    assert_eq!(read["status"], "passed", "{read}");
    let signup = backend.decided("ana").await;
    assert_eq!((signup["state"].as_str(), signup["purged"].as_bool()), (Some("verified"), Some(true)), "{signup}");
    assert!(signup["score"].as_f64().is_some_and(|score| score > 50.0), "{signup}");

    // Bo fails and closes the tab: nobody reads it but the server's follower.
    let bo: Value =
        http.post(format!("{}/signup/bo/liveness", backend.base)).send().await.unwrap().json().await.unwrap();
    complete_at(&sim, bo["signatureId"].as_str().unwrap(), Some("fail")).await;
    let signup = backend.decided("bo").await;
    assert_eq!((signup["state"].as_str(), signup["purged"].as_bool()), (Some("rejected"), Some(true)), "{signup}");

    // The images are gone: the session server answers 410 to every later read.
    let gone =
        http.get(format!("{base}/api/liveness/backend/sessions/{ana_id}")).bearer_auth(KEY).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::GONE);
    assert_eq!(sim.simulator.stats().clear_data, 2);

    // A forged event (Cy never checked) is refused and changes nothing.
    http.post(format!("{}/signup/cy/liveness", backend.base)).send().await.unwrap();
    let forged = json!({"id": "evt_x_passed", "type": "session.passed", "data": {"userId": "cy", "signatureId": "x"}});
    let refused = http
        .post(format!("{}/hooks/liveness", backend.base))
        .header("Advance-Liveness-Signature", format!("t={},v1={}", now_ms() / 1000, "00".repeat(32)))
        .json(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(backend.signup("cy").await.unwrap()["state"], "checking");
}
