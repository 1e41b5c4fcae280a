//! The session server with the simulator behind it, on loopback, serving the built `dist/`
//! (the demo page, the JS bundle and the plain-HTML example) when asked.

use std::path::PathBuf;

use advance_liveness_server::app::{AppConfig, RunningApp};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;

/// The simulator and the app. Both stop when dropped: bind the whole value (or `sim: _sim`),
/// not `Stack { app, .. }`, which drops the simulator at once.
pub struct Stack {
    /// The simulated vendor (its own origin).
    pub sim: RunningSimulator,
    /// The session server.
    pub app: RunningApp,
}

/// The repository's `dist/`, checked to hold `must_have` (built by make test before the e2e stage).
pub fn dist(must_have: &str) -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(dist.join(must_have).is_file(), "{must_have} is not built: run make test (or make bundle) first");
    dist
}

/// The repository's locale pack for `tag` (`locales/<tag>.json`), to compare what a page shows.
pub fn locale_pack(tag: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{tag}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Starts the simulator and the app; `configure` adjusts the app's configuration.
pub async fn start(configure: impl FnOnce(&mut AppConfig)) -> Stack {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let mut config = AppConfig::simulated(&sim, base.parse().unwrap());
    configure(&mut config);
    let app = RunningApp::start(listener, config).unwrap();
    Stack { sim, app }
}
