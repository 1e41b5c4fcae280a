//! Serving the router on a socket so that no client can outlast the server: hyper's HTTP/1.1
//! connection with a request-head deadline, a cap on open connections, and a shutdown deadline.
//!
//! - **Request head deadline** ([`ConnectionLimits::header_timeout`], hyper's
//!   `header_read_timeout`): a connection must deliver a complete request line and headers within
//!   this time of opening, or of its previous response. The same timer closes idle keep-alive
//!   connections: an idle connection is one waiting for its next request's head.
//! - **Response stall deadline** ([`ConnectionLimits::write_timeout`], tokio-io-timeout): a client
//!   that stops reading its answers (a slow-read attack: pipelined requests for large files, never
//!   read) is dropped once the socket has taken nothing for this long, instead of holding its
//!   connection for ever.
//! - **Body deadline**: a router layer ([`super::body_deadline`], [`super::AppConfig::body_timeout`]),
//!   so a nested router has it too.
//! - **Open connections**: at most [`ConnectionLimits::max_connections`]; one more is answered
//!   `503 server_busy` and closed at once, so the descriptor table never fills up and the
//!   connections already served (and `/healthz`) keep working.
//! - **Shutdown**: on the shutdown signal the listener closes, idle connections close, requests in
//!   flight finish; whatever is still open after [`ConnectionLimits::shutdown_timeout`] is dropped.
//!
//! HTTP/1.1 only: browsers reach the server over TLS through a proxy or directly over HTTP/1.1
//! (browsers never speak cleartext HTTP/2).

use std::convert::Infallible;
use std::future::Future;
use std::num::NonZeroUsize;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use advance_liveness::{ApiErrorCode, ErrorDetail, ErrorResponse};
use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use super::config::ConfigError;
use super::metrics::Metrics;

/// Largest request head hyper buffers (request line and headers). Heads up to this size reach
/// the router, which answers over-long URIs and headers in the API's JSON shape
/// ([`super::request_limits`]); beyond it hyper closes with a bare `431`.
pub const MAX_HEAD_BUFFER: usize = 64 * 1024;

/// Descriptors kept free for everything else the process opens (vendor connections, logs,
/// static files) when the connection cap is derived from the descriptor limit.
pub const RESERVED_DESCRIPTORS: u64 = 64;

/// The default cap on open connections, when the descriptor limit allows it.
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;

/// What the connection layer allows each client, and how it stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time a connection has to deliver a complete request head, from opening or from its
    /// previous response (so also the idle keep-alive timeout). Default 10 s.
    pub header_timeout: Duration,
    /// Time a response write may wait for the client to read (the socket's buffer full) before
    /// the connection is dropped. Default 10 s.
    pub write_timeout: Duration,
    /// Open connections served at once; `None` derives it from the descriptor limit:
    /// [`DEFAULT_MAX_CONNECTIONS`], or the limit less [`RESERVED_DESCRIPTORS`] if lower.
    pub max_connections: Option<NonZeroUsize>,
    /// After the shutdown signal, how long connections still open may finish. Default 10 s.
    pub shutdown_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            max_connections: None,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

impl ConnectionLimits {
    /// The connection cap for a process allowed `descriptor_limit` open files: the configured one,
    /// refused if it cannot be honoured, or the derived default.
    pub fn resolve_max_connections(&self, descriptor_limit: u64) -> Result<usize, ConfigError> {
        let room = descriptor_limit.saturating_sub(RESERVED_DESCRIPTORS);
        let room = usize::try_from(room).unwrap_or(usize::MAX);
        match self.max_connections {
            Some(cap) if cap.get() > room => Err(ConfigError::new(
                "--max-connections / ADVANCE_LIVENESS_MAX_CONNECTIONS",
                format!(
                    "{cap} connections need more than the {descriptor_limit} open files this process may have \
                     (keep {RESERVED_DESCRIPTORS} spare): raise `ulimit -n` or lower the setting"
                ),
            )),
            Some(cap) => Ok(cap.get()),
            None if room == 0 => Err(ConfigError::new(
                "ulimit -n",
                format!("{descriptor_limit} open files leave no room for connections"),
            )),
            None => Ok(room.min(DEFAULT_MAX_CONNECTIONS)),
        }
    }
}

/// This process's soft limit on open files (the connection cap is derived from it).
pub fn descriptor_limit() -> u64 {
    rlimit::getrlimit(rlimit::Resource::NOFILE).map(|(soft, _)| soft).unwrap_or(1024)
}

/// The answer to a connection over the cap, written without waiting, then the socket is closed.
static BUSY_RESPONSE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let body = serde_json::to_string(&ErrorResponse {
        error: ErrorDetail {
            code: ApiErrorCode::ServerBusy,
            message: "the server is at its connection limit; try again".into(),
            request_id: None,
        },
    })
    .expect("serialisable");
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
});

/// Serves `router` on `listener` until `shutdown` completes, then drains as described in the
/// module documentation. Requests carry `ConnectInfo<std::net::SocketAddr>`, as with axum's
/// `into_make_service_with_connect_info`. Open connections are counted in `metrics`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    metrics: Metrics,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ConfigError> {
    let cap = limits.resolve_max_connections(descriptor_limit())?;
    let permits = Arc::new(Semaphore::new(cap));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).max_buf_size(MAX_HEAD_BUFFER);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut accept_errors = AcceptErrors::default();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_errors.wait(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            refuse(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.write_timeout));
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let response = router.clone().oneshot(request.map(axum::body::Body::new));
            async move { Ok::<_, Infallible>(response.await.unwrap_or_else(|never| match never {})) }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(Box::pin(stream)), service));
        let open = metrics.connection_opened();
        connections.spawn(async move {
            // A client that vanishes or breaks the protocol only ends its own connection.
            let _ = connection.await;
            drop((permit, open));
        });
    }
    drop(listener);
    let open = graceful.count();
    if open > 0 {
        tracing::info!(open, deadline_s = limits.shutdown_timeout.as_secs_f64(), "draining connections");
    }
    if tokio::time::timeout(limits.shutdown_timeout, graceful.shutdown()).await.is_err() {
        tracing::warn!(open = connections.len(), "connections still open at the shutdown deadline were dropped");
    }
    connections.abort_all();
    Ok(())
}

/// Answers `503 server_busy` if the socket takes it at once, and closes it.
fn refuse(stream: TcpStream) {
    let _ = stream.try_write(&BUSY_RESPONSE);
    tracing::debug!("connection refused: at the open-connection cap");
}

/// Accept failures: a client that gave up is nothing; running out of descriptors (the cap should
/// prevent it) waits a little and is logged once a minute, not once per attempt.
#[derive(Default)]
struct AcceptErrors {
    last_logged: Option<Instant>,
}

impl AcceptErrors {
    async fn wait(&mut self, error: std::io::Error) {
        use std::io::ErrorKind;
        if matches!(error.kind(), ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::Interrupted) {
            return;
        }
        if self.last_logged.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
            tracing::warn!(%error, "accepting connections failed; retrying (descriptor limit too low for --max-connections?)");
            self.last_logged = Some(Instant::now());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_cap_fits_the_descriptor_limit() {
        let auto = ConnectionLimits::default();
        assert_eq!(auto.resolve_max_connections(1_048_576), Ok(DEFAULT_MAX_CONNECTIONS));
        assert_eq!(auto.resolve_max_connections(256), Ok(256 - 64), "a low limit lowers the default");
        assert!(auto.resolve_max_connections(64).is_err());
        let fixed = ConnectionLimits { max_connections: NonZeroUsize::new(500), ..auto };
        assert_eq!(fixed.resolve_max_connections(1024), Ok(500));
        let error = fixed.resolve_max_connections(256).unwrap_err();
        assert!(error.to_string().contains("ulimit -n"), "{error}");
    }

    #[test]
    fn the_busy_answer_declares_its_exact_length() {
        let text = std::str::from_utf8(&BUSY_RESPONSE).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())), "{head}");
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["code"], "server_busy");
    }
}
