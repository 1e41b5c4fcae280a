//! A session server wired to an in-process simulator on real sockets, and a cookie-holding
//! "browser" to call it.
#![allow(dead_code)]

mod redis_server;

use std::time::Duration;

use advance_liveness::SessionResponse;
use advance_liveness_server::app::binding::{CookieKey, CookieKeys};
use advance_liveness_server::app::store::RedisSettings;
use advance_liveness_server::app::{AppConfig, RunningApp};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use reqwest::StatusCode;
use serde_json::Value;

pub use self::redis_server::RedisServer;

/// Makes an instance one of a fleet: the fleet's cookie key, and `redis` as its shared store.
pub fn in_fleet(config: &mut AppConfig, redis: &RedisServer) {
    config.cookie_keys = CookieKeys::new(CookieKey::new([7u8; 32]).unwrap(), Vec::new());
    config.redis = Some(RedisSettings::new(&redis.url(), None).unwrap());
}

/// The app and the simulator behind it.
pub struct Stack {
    pub sim: RunningSimulator,
    pub base: String,
    _app: RunningApp,
}

/// Starts the simulator and the app; `configure` may change the app's configuration.
pub async fn stack(configure: impl FnOnce(&mut AppConfig)) -> Stack {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let (app, base) = app_on(&sim, configure).await;
    Stack { sim, base, _app: app }
}

/// Starts an app (one more instance) against `sim`; answers it and its base URL.
pub async fn app_on(sim: &RunningSimulator, configure: impl FnOnce(&mut AppConfig)) -> (RunningApp, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = AppConfig::simulated(sim, format!("{base}/").parse().unwrap());
    config.client =
        sim.client().backoff_base(Duration::from_millis(10)).timeout(Duration::from_secs(2)).build().unwrap();
    config.app_return_url = format!("{base}/signup/step-3").parse().unwrap();
    configure(&mut config);
    (RunningApp::start(listener, config).unwrap(), base)
}

/// One browser: its own cookie.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub cookie: Option<String>,
}

impl Browser {
    pub fn new(stack: &Stack) -> Self {
        Self::at(&stack.base)
    }

    /// A browser talking to the app at `base`.
    pub fn at(base: &str) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { http, base: base.to_owned(), cookie: None }
    }

    fn with_cookie(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        }
    }

    /// `POST /api/liveness/session` with `body` as JSON (none: an empty JSON request, all
    /// defaults); keeps the cookie it sets.
    pub async fn mint_raw(&mut self, body: Option<Value>) -> reqwest::Response {
        let mut request = self.with_cookie(self.http.post(format!("{}/api/liveness/session", self.base)));
        request = match body {
            Some(body) => request.json(&body),
            None => request.header("content-type", "application/json"),
        };
        let response = request.send().await.unwrap();
        if let Some(set) = response.headers().get("set-cookie") {
            self.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_owned());
        }
        response
    }

    /// Mints a session and decodes it.
    pub async fn mint(&mut self, body: Option<Value>) -> SessionResponse {
        let response = self.mint_raw(body).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn result(&self, id: &str) -> (StatusCode, Value) {
        let url = format!("{}/api/liveness/sessions/{id}/result", self.base);
        let response = self.with_cookie(self.http.get(url)).send().await.unwrap();
        (response.status(), response.json().await.unwrap_or(Value::Null))
    }

    pub async fn delete(&self, id: &str) -> (StatusCode, Value) {
        let url = format!("{}/api/liveness/sessions/{id}", self.base);
        let response = self.with_cookie(self.http.delete(url)).send().await.unwrap();
        (response.status(), response.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.with_cookie(self.http.get(format!("{}{path}", self.base))).send().await.unwrap()
    }
}

/// Finishes a session at the simulator, optionally forcing its outcome, then waits out the
/// server's reuse of an earlier `pending` answer, as a polling page does.
pub async fn complete(stack: &Stack, id: &str, outcome: Option<&str>) {
    complete_at(&stack.sim, id, outcome).await;
}

/// [`complete`] at this simulator.
pub async fn complete_at(sim: &RunningSimulator, id: &str, outcome: Option<&str>) {
    let url = format!("{}/__sim/sessions/{id}/complete", sim.base_url);
    let request = reqwest::Client::new().post(url);
    let request = match outcome {
        Some(outcome) => request.json(&serde_json::json!({ "outcome": outcome })),
        None => request,
    };
    assert_eq!(request.send().await.unwrap().status(), StatusCode::NO_CONTENT);
    tokio::time::sleep(advance_liveness_server::app::result_reads::PENDING_REUSE).await;
}

/// Collects every log line written while it is the default subscriber's writer.
#[derive(Clone, Default)]
pub struct Captured(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Installs a TRACE-level subscriber writing here for the current thread; keep the guard.
    pub fn install(&self) -> tracing::subscriber::DefaultGuard {
        let writer = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}
