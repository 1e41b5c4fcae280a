//! The server side: the Leptos page and the liveness session API nested in one axum app, with
//! the built-in vendor simulator standing in for ADVANCE AI.

use std::net::SocketAddr;
use std::path::PathBuf;

use advance_liveness_server::app::{self, AppConfig};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use axum::Router;
use axum::http::header;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::services::ServeDir;

use crate::app::{App, shell};

/// The stylesheet the component's markup expects, served at `/advance-liveness.css`.
const STYLESHEET: &str = include_str!("../../../style/advance-liveness.css");

/// A running example: the app's router and the simulator it talks to (kept alive with it).
pub struct Example {
    /// The whole app: the page, `/pkg` (the hydrate build), the session API.
    pub router: Router,
    /// The vendor simulator; dropping it stops it.
    pub simulator: RunningSimulator,
}

/// Builds the app served at `public_url` (where the browser reaches it: the session server
/// checks requests against this origin), with the hydrate build in `site_root/pkg`.
pub async fn example(site_root: PathBuf, public_url: url::Url) -> std::io::Result<Example> {
    let simulator = RunningSimulator::start(SocketAddr::from(([127, 0, 0, 1], 0)), Credentials::sample()).await?;
    let sessions = app::router(AppConfig::simulated(&simulator, public_url));

    let options = LeptosOptions::builder()
        .output_name("leptos_ssr_example")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .build();
    let routes = generate_route_list(App);
    let page = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .route(
            "/advance-liveness.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET) }),
        )
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")))
        .with_state(options);
    Ok(Example { router: page.merge(sessions), simulator })
}
