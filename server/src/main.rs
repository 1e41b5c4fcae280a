//! `advance-liveness-server`: runs the session server, or the vendor simulator on its own.
//! `main` only wires configuration, logging and graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use advance_liveness_server::app::{AppConfig, router};
use advance_liveness_server::simulator::{self, DEFAULT_SIM_BIND, Simulator, SimulatorConfig};
use advance_liveness_server::vendor::{Credentials, SecretKey};
use clap::{Args, Parser, Subcommand};

/// The session server for the ADVANCE AI H5 liveness check.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the local simulator of the vendor's API and hosted liveness page.
    Simulate(SimulateArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address the app listens on.
    #[arg(long, env = "ADVANCE_LIVENESS_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Folder of static files to serve at `/` (the built demo page).
    #[arg(long, env = "ADVANCE_LIVENESS_STATIC_DIR")]
    static_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct SimulateArgs {
    /// Address the simulator listens on; its hosted page is served from this origin.
    #[arg(long, default_value = DEFAULT_SIM_BIND)]
    bind: SocketAddr,
    /// The access key it accepts (default: the vendor guide's example).
    #[arg(long, env = "ADVANCE_ACCESS_KEY", default_value = "sampleaccesskey")]
    access_key: String,
    /// The secret key it accepts (default: the vendor guide's example).
    #[arg(
        long,
        env = "ADVANCE_SECRET_KEY",
        default_value = "samplesecretkey",
        hide_default_value = true,
        hide_env_values = true
    )]
    secret_key: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Simulate(args)) => simulate(args).await,
        None => serve(cli.serve).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    if let Some(dir) = &args.static_dir
        && !dir.join("index.html").is_file()
    {
        return Err(format!("--static-dir {} has no index.html (build the demo first: make demo)", dir.display()));
    }
    let listener = bind(args.bind, "--bind").await?;
    println!("advance-liveness-server listening on http://{}/", args.bind);
    let app = router(AppConfig { static_dir: args.static_dir });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server failed: {e}"))
}

async fn simulate(args: SimulateArgs) -> Result<(), String> {
    let credentials = Credentials { access_key: args.access_key, secret_key: SecretKey::new(args.secret_key) };
    if credentials.access_key.trim().is_empty() || credentials.secret_key.is_empty() {
        return Err("ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY must not be empty".into());
    }
    let listener = bind(args.bind, "--bind").await?;
    let base = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    println!("ADVANCE AI simulator: API at {base}/openapi/..., hosted liveness page at {base}/h5/liveness");
    println!("access key: {}", credentials.access_key);
    let sim = Simulator::new(SimulatorConfig { credentials, public_base: base });
    axum::serve(listener, simulator::router(sim))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("simulator failed: {e}"))
}

async fn bind(addr: SocketAddr, flag: &str) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr} ({flag}): {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
