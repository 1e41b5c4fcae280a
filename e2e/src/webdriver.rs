//! A small WebDriver client for chromedriver: the handful of W3C WebDriver commands the tests
//! use, over the project's own reqwest.
//!
//! Why not fantoccini: its rustls feature brings aws-lc-rs (a C build with cmake) into the whole
//! dependency graph, including the server's reqwest; these thirty lines do not.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::process::{Child, Command};

/// How the fake camera behaves in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Camera {
    /// A fake camera, permission granted without a prompt.
    Granted,
    /// A fake camera whose permission is blocked.
    Denied,
}

/// One Chromium, driven by its own chromedriver; both end when this is dropped.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    driver: Child,
    _profile: TempDir,
}

/// A temporary folder removed on drop (the browser profile).
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER`, default `/usr/bin/chromedriver`) and a headless
    /// Chromium with a fake camera.
    pub async fn start(camera: Camera) -> Self {
        Self::start_in(camera, None).await
    }

    /// As [`Browser::start`], with the browser's language set to `language` (a BCP 47 tag): its
    /// `navigator.languages` and `Accept-Language`, as a user's browser settings set them.
    pub async fn start_in(camera: Camera, language: Option<&str>) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {path} (run scripts/setup): {e}"));
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let ready = Instant::now();
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(ready.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = std::env::temp_dir().join(format!("al-e2e-{}-{port}", std::process::id()));
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--use-fake-device-for-media-stream".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let mut prefs = json!({});
        match camera {
            Camera::Granted => args.push("--use-fake-ui-for-media-stream".into()),
            Camera::Denied => prefs = json!({"profile.default_content_setting_values.media_stream_camera": 2}),
        }
        if let Some(language) = language {
            args.push(format!("--lang={language}"));
            prefs["intl.accept_languages"] = json!(language);
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"args": args, "prefs": prefs},
            // The page's console, for `console_messages`.
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let mut browser = Self { http, base, driver, _profile: TempDir(profile) };
        let session = browser.command("POST", "/session", capabilities).await;
        let id = session["sessionId"].as_str().expect("a WebDriver session id").to_owned();
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    async fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "GET" => self.http.get(&url),
            "DELETE" => self.http.delete(&url),
            _ => self.http.post(&url).json(&body),
        };
        let response: Value = request.send().await.unwrap().json().await.unwrap();
        if let Some(error) = response["value"].get("error") {
            panic!("WebDriver {method} {path}: {error} {}", response["value"]["message"]);
        }
        response["value"].clone()
    }

    /// Opens `url` in the current window.
    pub async fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url })).await;
    }

    /// Runs `script` (a function body; `arguments` are passed) and returns its result.
    pub async fn eval(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/sync", json!({ "script": script, "args": args })).await
    }

    /// Runs an asynchronous `script`: it receives a callback as its last argument and calls it
    /// with the result.
    pub async fn eval_async(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/async", json!({ "script": script, "args": args })).await
    }

    /// Sends a Chrome DevTools Protocol command (`Network.emulateNetworkConditions`, ...) to the
    /// current tab through chromedriver's `goog/cdp/execute`, and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command("POST", "/goog/cdp/execute", json!({ "cmd": cmd, "params": params })).await
    }

    /// Polls `script` until it returns something truthy, or panics after `timeout` with `what`.
    pub async fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(script, json!([])).await;
            if !matches!(value, Value::Null | Value::Bool(false)) && value != json!("") && value != json!(0) {
                return value;
            }
            assert!(started.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a PNG screenshot of the current window to `path`.
    pub async fn screenshot(&self, path: &std::path::Path) {
        use base64::Engine;
        let png = self.command("GET", "/screenshot", Value::Null).await;
        let bytes = base64::engine::general_purpose::STANDARD.decode(png.as_str().expect("base64 PNG")).unwrap();
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Sets the window size (for screenshots).
    pub async fn resize(&self, width: u32, height: u32) {
        self.command("POST", "/window/rect", json!({ "width": width, "height": height })).await;
    }

    /// Clicks the first element matching `css` in the current frame.
    pub async fn click(&self, css: &str) {
        let found = self.command("POST", "/element", json!({"using": "css selector", "value": css})).await;
        let id =
            found.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect("element id").to_owned();
        self.command("POST", &format!("/element/{id}/click"), json!({})).await;
    }

    /// On the (simulated) liveness page in the current frame: waits for its Start button and
    /// presses it, which runs the camera capture and the upload.
    pub async fn start_liveness_check(&self) {
        self.wait_for(
            "the liveness page's Start button",
            "return document.querySelector('#start')",
            Duration::from_secs(30),
        )
        .await;
        self.click("#start").await;
    }

    /// A second device with a working camera: opens the cross-device `link`, completes the check
    /// there, and waits for the simulator's "return to the first device" screen.
    pub async fn finish_on_another_device(link: &str) -> Browser {
        let second = Browser::start(Camera::Granted).await;
        second.goto(link).await;
        second.start_liveness_check().await;
        let finished = "return document.querySelector('main[data-screen=finished]')";
        second.wait_for("the finished screen", finished, Duration::from_secs(30)).await;
        second
    }

    /// The browser console's messages since the previous call (chromedriver's log endpoint), as
    /// `(level, text)`: `SEVERE` for errors, `WARNING`, `INFO`, ...
    pub async fn console_messages(&self) -> Vec<(String, String)> {
        let entries = self.command("POST", "/se/log", json!({ "type": "browser" })).await;
        entries
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (e["level"].as_str().unwrap_or("").to_owned(), e["message"].as_str().unwrap_or("").to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Switches into the `index`-th iframe of the current document.
    pub async fn enter_frame(&self, index: u32) {
        self.command("POST", "/frame", json!({ "id": index })).await;
    }

    /// Switches back to the top-level document.
    pub async fn leave_frames(&self) {
        self.command("POST", "/frame", json!({ "id": null })).await;
    }

    /// Opens a new tab and switches to it (a second device, for the cross-device path).
    pub async fn new_tab(&self) -> String {
        let tab = self.command("POST", "/window/new", json!({"type": "tab"})).await;
        let handle = tab["handle"].as_str().unwrap().to_owned();
        self.switch_to(&handle).await;
        handle
    }

    /// The current tab's handle.
    pub async fn current_tab(&self) -> String {
        self.command("GET", "/window", Value::Null).await.as_str().unwrap().to_owned()
    }

    /// Switches to tab `handle`.
    pub async fn switch_to(&self, handle: &str) {
        self.command("POST", "/window", json!({ "handle": handle })).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium is chromedriver's child and outlives a killed driver: end the WebDriver
        // session first (chromedriver then closes the browser), or every test leaves a browser
        // behind, some still running their page's timers. Drop cannot await, so a short-lived
        // thread with its own runtime sends the DELETE.
        // A fresh client: the test's pooled connections belong to the test's runtime.
        let session = self.base.clone();
        let _ = std::thread::spawn(move || {
            let http = reqwest::Client::new();
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            if let Ok(runtime) = runtime {
                runtime.block_on(async {
                    let _ = http.delete(&session).timeout(Duration::from_secs(10)).send().await;
                });
            }
        })
        .join();
        let _ = self.driver.start_kill();
    }
}
