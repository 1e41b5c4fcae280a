//! `cargo run -p leptos-ssr-example --features ssr -- [ADDR] [SITE_ROOT]`: serves the example
//! (default `127.0.0.1:3000`, site root `dist/leptos-ssr`, where `make example-ssr` builds it).

use std::net::SocketAddr;
use std::process::ExitCode;

use advance_liveness_server::app::Metrics;
use advance_liveness_server::app::serve::{ConnectionLimits, serve};
use leptos_ssr_example::server::example;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let site_root = args.next().unwrap_or_else(|| "dist/leptos-ssr".to_owned());
    let Ok(addr) = addr.parse::<SocketAddr>() else {
        eprintln!("not a socket address: {addr} (expected e.g. 127.0.0.1:3000)");
        return ExitCode::FAILURE;
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().expect("a bound socket has an address");
    let public_url = format!("http://{addr}/").parse().expect("a socket address makes a URL");
    let example = match example(site_root.into(), public_url).await {
        Ok(example) => example,
        Err(error) => {
            eprintln!("cannot start the vendor simulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("Leptos SSR example: open http://{addr}/");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match serve(listener, example.router, ConnectionLimits::default(), Metrics::new(), shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
