//! A page that loads only the JS bundle, served by the session server (with the simulator), for
//! tests that create, move and change `<advance-liveness>` elements themselves. It records every
//! element event that reaches the document in `window.__events` (`{name, id, detail}`), and the
//! `signatureId` of every session the server minted for it in `window.__sessions` (and the
//! request bodies in `window.__sessionRequests`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

use crate::stack::{self, Stack};
use crate::webdriver::Browser;

/// Two empty containers, `#a` and `#b`, to put elements in and move them between.
const PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundle</title>
<link rel="stylesheet" href="/bundle/advance-liveness.css">
<script type="module" src="/bundle/advance-liveness.js"></script></head>
<body><div id="a"></div><div id="b"></div>
<script>
  window.__events = [];
  for (const name of ["liveness-state", "liveness-camera", "liveness-success", "liveness-failure", "liveness-error"]) {
    document.addEventListener(name, (e) => window.__events.push({ name, id: e.target.id, detail: e.detail }));
  }
  window.__sessions = [];
  window.__sessionRequests = [];
  const fetch = window.fetch;
  window.fetch = async (request, init) => {
    const response = await fetch(request, init);
    if (String(request.url ?? request).endsWith("/api/liveness/session")) {
      window.__sessionRequests.push(JSON.parse(init?.body || "{}"));
      response.clone().json().then((session) => window.__sessions.push(session.signatureId));
    }
    return response;
  };
</script></body></html>"#;

/// The page and the stack serving it; the folder is removed on drop.
pub struct BundlePage {
    /// The session server and the simulator (whose stats count the sessions minted).
    pub stack: Stack,
    /// The page's URL.
    pub url: String,
    dir: PathBuf,
}

impl BundlePage {
    /// Serves the page, with dist/bundle (built by make test) at `/bundle/`.
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// [`BundlePage::start`], with `configure` applied to the session server's configuration.
    pub async fn start_with(configure: impl FnOnce(&mut advance_liveness_server::app::AppConfig)) -> Self {
        static SERIAL: AtomicU32 = AtomicU32::new(0);
        let bundle = stack::dist("bundle/advance-liveness.js").join("bundle");
        let dir = std::env::temp_dir().join(format!(
            "al-bundle-page-{}-{}",
            std::process::id(),
            SERIAL.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), PAGE).unwrap();
        std::os::unix::fs::symlink(bundle.canonicalize().unwrap(), dir.join("bundle")).unwrap();
        let static_dir = dir.clone();
        let stack = stack::start(|config| {
            config.static_dir = Some(static_dir);
            configure(config);
        })
        .await;
        let url = format!("{}/", stack.app.base_url);
        Self { stack, url, dir }
    }

    /// Sessions the simulator minted so far (its Get Token calls): counted by the vendor, not the page.
    pub fn sessions_minted(&self) -> u64 {
        self.stack.sim.simulator.stats().get_token
    }
}

impl Drop for BundlePage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Adds `<advance-liveness id="check">` with these attributes (`{name: value}`) to `#a`.
pub async fn add_element(browser: &Browser, attributes: Value) {
    browser
        .eval(
            "const check = document.createElement('advance-liveness');
             check.id = 'check';
             for (const [name, value] of Object.entries(arguments[0])) check.setAttribute(name, value);
             document.getElementById('a').append(check);",
            json!([attributes]),
        )
        .await;
}

/// The `detail` of every `name` event the page recorded, in order.
pub async fn events(browser: &Browser, name: &str) -> Vec<Value> {
    let found = browser
        .eval("return window.__events.filter((e) => e.name === arguments[0]).map((e) => e.detail)", json!([name]))
        .await;
    found.as_array().cloned().unwrap_or_default()
}

/// The `signatureId` of every session minted for the page, in order.
pub async fn sessions(browser: &Browser) -> Vec<String> {
    let found = browser.eval("return window.__sessions", json!([])).await;
    found.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

/// The `detail` of every `name` event an example page (plain HTML, React) listed in its
/// `#events` list (`<li data-event=... data-detail=JSON>`), in order.
pub async fn listed_events(browser: &Browser, name: &str) -> Vec<Value> {
    let found = browser
        .eval(
            "return [...document.querySelectorAll('#events li')].filter(li => li.dataset.event === arguments[0]).map(li => JSON.parse(li.dataset.detail))",
            json!([name]),
        )
        .await;
    found.as_array().cloned().unwrap_or_default()
}
