//! A faithful local simulator of the vendor: its API (the five endpoints of the guide, with
//! their codes and messages) and its hosted liveness page, served from its own origin so that
//! origin checks are real. It is the embedded default of `make demo` and the test double of
//! every integration test.
//!
//! What the guide does not say, the simulator had to choose; each choice is documented where it
//! is made (scores from frames, supported regions, ConfigureUI error codes, control routes).

mod control;
pub mod faults;
pub mod frames;
mod hosted_page;
pub mod state;
mod vendor_api;

use std::net::SocketAddr;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use faults::{EndpointName, Fault, FaultKind, Faults};
pub use hosted_page::complete_without_browser;
pub use state::{ForcedOutcome, Simulator, SimulatorConfig, StatsSnapshot};

use crate::vendor::api::paths;

/// The simulator's default address.
pub const DEFAULT_SIM_BIND: &str = "127.0.0.1:8090";

/// The simulator's routes: the vendor API, the hosted page, and `/__sim` controls.
pub fn router(sim: Simulator) -> Router {
    Router::new()
        .route(paths::GENERATE_TOKEN, post(vendor_api::generate_token))
        .route(paths::GET_TOKEN, post(vendor_api::get_token))
        .route(paths::GET_RESULT, post(vendor_api::get_result))
        .route(paths::CLEAR_DATA, get(vendor_api::clear_data))
        .route(paths::CONFIGURE_UI, post(vendor_api::configure_ui))
        .route("/h5/liveness", get(hosted_page::page))
        .route("/favicon.ico", get(|| async { axum::http::StatusCode::NO_CONTENT }))
        .route("/h5/api/session", get(hosted_page::session))
        .route("/h5/api/complete", post(hosted_page::complete))
        .route("/__sim/stats", get(control::stats))
        .route("/__sim/faults", post(control::set_faults).delete(control::clear_faults))
        .route("/__sim/sessions/{id}/force", post(control::force))
        .route("/__sim/sessions/{id}/complete", post(control::complete))
        .with_state(sim)
}

/// A simulator serving on a socket.
#[derive(Debug)]
pub struct RunningSimulator {
    /// The simulator, for direct control from the same process.
    pub simulator: Simulator,
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Its base URL, e.g. `http://127.0.0.1:8090`.
    pub base_url: String,
    task: JoinHandle<()>,
}

impl RunningSimulator {
    /// Binds `addr` (port 0 picks a free one) and serves in the background. The key pair is
    /// `credentials`; the hosted page URLs use the bound address.
    pub async fn start(addr: SocketAddr, credentials: crate::vendor::Credentials) -> std::io::Result<Self> {
        Self::start_with(addr, |base_url| SimulatorConfig::new(credentials, base_url)).await
    }

    /// [`RunningSimulator::start`] with the settings `configure` makes from the bound base URL
    /// (e.g. a short [`SimulatorConfig::session_lifetime`]).
    pub async fn start_with(
        addr: SocketAddr,
        configure: impl FnOnce(String) -> SimulatorConfig,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let simulator = Simulator::new(configure(base_url.clone()));
        let app = router(simulator.clone());
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "simulator stopped");
            }
        });
        Ok(Self { simulator, addr, base_url, task })
    }
}

impl RunningSimulator {
    /// A vendor client for this simulator, with the account it accepts.
    pub fn client(&self) -> crate::vendor::ClientBuilder {
        crate::vendor::Client::builder(self.simulator.config.credentials.clone()).base_url(&self.base_url)
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}
