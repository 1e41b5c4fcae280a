//! One id per request, so a collector can put a request's log lines together and a user's error
//! report names the request: taken from `X-Request-Id` when a trusted proxy
//! ([`super::client_ip`]) set it, generated otherwise (a client cannot choose the id its
//! requests are logged under). It is on every log line of the request (a `request` span), in
//! the `X-Request-Id` response header, and in error answers (`error.requestId`).

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::ConnectInfo;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::response::Response;
use tokio::task::futures::TaskLocalFuture;
use tower::{Layer, Service};
use tracing::Instrument;
use tracing::instrument::Instrumented;

use super::client_ip::ClientIp;

/// The header read from trusted proxies and set on every answer.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Longest id taken from a proxy.
const MAX_LEN: usize = 128;

tokio::task_local! {
    static CURRENT: RequestId;
}

/// A request's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id of the request being answered on this task, if any.
    pub fn current() -> Option<Self> {
        CURRENT.try_with(Clone::clone).ok()
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn generate() -> Self {
        Self(format!("{:016x}", rand::random::<u64>()).into())
    }

    /// A proxy's id, if it is one: 1-128 visible ASCII characters, no spaces.
    fn from_proxy(value: &HeaderValue) -> Option<Self> {
        let text = value.to_str().ok()?;
        (!text.is_empty() && text.len() <= MAX_LEN && text.bytes().all(|b| b.is_ascii_graphic()))
            .then(|| Self(text.into()))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Gives every request of the service it wraps its id.
#[derive(Debug, Clone)]
pub struct RequestIdLayer {
    proxies: ClientIp,
}

impl RequestIdLayer {
    /// Takes `X-Request-Id` from these proxies only.
    pub fn new(proxies: ClientIp) -> Self {
        Self { proxies }
    }
}

impl<S> Layer<S> for RequestIdLayer {
    type Service = RequestIds<S>;

    fn layer(&self, inner: S) -> RequestIds<S> {
        RequestIds { inner, proxies: self.proxies.clone() }
    }
}

/// The service [`RequestIdLayer`] makes.
#[derive(Debug, Clone)]
pub struct RequestIds<S> {
    inner: S,
    proxies: ClientIp,
}

impl<S, B> Service<Request<B>> for RequestIds<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Answer<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let from_proxy = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|ConnectInfo(peer)| self.proxies.is_trusted(peer.ip()));
        let id = from_proxy
            .then(|| request.headers().get(&HEADER).and_then(RequestId::from_proxy))
            .flatten()
            .unwrap_or_else(RequestId::generate);
        let span = tracing::info_span!("request", request_id = %id);
        // Answers made while routing (before the handler's future) see the id too.
        let answer = CURRENT.sync_scope(id.clone(), || span.in_scope(|| self.inner.call(request)));
        let header = HeaderValue::from_str(id.as_str()).expect("visible ASCII is a valid header value");
        Answer { inner: CURRENT.scope(id, answer.instrument(span)), header: Some(header) }
    }
}

pin_project_lite::pin_project! {
    /// The answer of [`RequestIds`]: the inner one, in the request's id and span, with the
    /// `X-Request-Id` header. A named future, not a boxed one: it runs on every request.
    pub struct Answer<F> {
        #[pin]
        inner: TaskLocalFuture<RequestId, Instrumented<F>>,
        header: Option<HeaderValue>,
    }
}

impl<F, E> Future for Answer<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = std::task::ready!(this.inner.poll(cx))?;
        if let Some(header) = this.header.take() {
            response.headers_mut().insert(HEADER, header);
        }
        Poll::Ready(Ok(response))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_id_must_be_short_visible_ascii() {
        let ok = HeaderValue::from_static("req-7f3a:01");
        assert_eq!(RequestId::from_proxy(&ok).unwrap().as_str(), "req-7f3a:01");
        for bad in ["", "two words", &"x".repeat(MAX_LEN + 1)] {
            assert!(RequestId::from_proxy(&HeaderValue::from_str(bad).unwrap()).is_none(), "{bad:?}");
        }
        assert_eq!(RequestId::generate().as_str().len(), 16);
    }
}
