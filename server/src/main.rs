//! `advance-liveness-server`: runs the session server. `main` only wires configuration, logging
//! and graceful shutdown; the application is `advance_liveness_server::app::router`.

use std::net::SocketAddr;
use std::path::PathBuf;

use advance_liveness_server::app::{AppConfig, router};
use clap::Parser;

/// The session server for the ADVANCE AI H5 liveness check.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address the app listens on.
    #[arg(long, env = "ADVANCE_LIVENESS_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Folder of static files to serve at `/` (the built demo page).
    #[arg(long, env = "ADVANCE_LIVENESS_STATIC_DIR")]
    static_dir: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    if let Some(dir) = &cli.static_dir
        && !dir.join("index.html").is_file()
    {
        eprintln!("error: --static-dir {} has no index.html (build the demo first: make demo)", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    let listener = match tokio::net::TcpListener::bind(cli.bind).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {} (--bind): {error}", cli.bind);
            return std::process::ExitCode::FAILURE;
        }
    };
    let app = router(AppConfig { static_dir: cli.static_dir });
    println!("advance-liveness-server listening on http://{}/", cli.bind);
    if let Err(error) = axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await {
        eprintln!("error: server failed: {error}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
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
