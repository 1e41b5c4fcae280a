//! A stand-in for the integrator's site, on its own origin: a page that frames a liveness URL
//! the way the vendor guide says to and records every message it receives, and a return page for
//! direct (redirect) mode.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use tokio::task::JoinHandle;

/// The integrator's site, serving on loopback until dropped.
pub struct IntegratorSite {
    /// Its origin, e.g. `http://127.0.0.1:41234`.
    pub origin: String,
    task: JoinHandle<()>,
}

/// `/frame?src=URL`: frames `src` with `allow="autoplay; camera"` and records messages in
/// `window.__messages` as `{origin, data, fromFrame}`.
const FRAME_PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>integrator</title></head>
<body><h1>Integrator page</h1><iframe id="liveness" allow="autoplay; camera" style="width:420px;height:640px"></iframe>
<script>
  window.__messages = [];
  const frame = document.getElementById('liveness');
  window.addEventListener('message', (event) => {
    window.__messages.push({ origin: event.origin, data: event.data, fromFrame: event.source === frame.contentWindow });
  });
  frame.src = new URLSearchParams(location.search).get('src');
</script></body></html>"#;

impl IntegratorSite {
    /// Serves the site on a free loopback port.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let app = Router::new()
            .route("/frame", get(|| async { Html(FRAME_PAGE) }))
            .route(
                "/return",
                get(|Query(q): Query<std::collections::HashMap<String, String>>| async move {
                    Html(format!("<!doctype html><title>returned</title><p id=\"returned\">{}</p>", q.len()))
                }),
            )
            .route(
                "/failed",
                get(|| async { Html("<!doctype html><title>failed</title><p id=\"failed\">failed</p>") }),
            );
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { origin, task }
    }

    /// The URL of a page framing `liveness_url`.
    pub fn framing(&self, liveness_url: &str) -> String {
        let mut url = reqwest::Url::parse(&format!("{}/frame", self.origin)).unwrap();
        url.query_pairs_mut().append_pair("src", liveness_url);
        url.into()
    }
}

impl Drop for IntegratorSite {
    fn drop(&mut self) {
        self.task.abort();
    }
}
