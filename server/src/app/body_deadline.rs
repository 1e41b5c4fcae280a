//! A deadline on the request body: once a handler starts reading it, the whole body must have
//! arrived within [`super::AppConfig::body_timeout`], however it is trickled.
//!
//! tower-http's `RequestBodyTimeout` is an idle timeout: it starts again with every frame, so a
//! client sending one byte just inside it keeps a 16 KB body (and its connection) open for hours.
//! This layer keeps one deadline for the whole body, and arms its timer only when the body stalls:
//! a body that is already there when read (nearly every request) costs no timer at all.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::HttpBody;
use axum::http::Request;
use http_body::{Frame, SizeHint};
use pin_project_lite::pin_project;
use tokio::time::{Instant, Sleep, sleep_until};
use tower::{Layer, Service};

/// The body did not arrive within its deadline (the handler answers `408 request_timeout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyTimedOut;

impl fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the request body did not arrive before its deadline")
    }
}

impl Error for BodyTimedOut {}

/// Gives every request body of the wrapped service a deadline of `timeout` from its first read.
#[derive(Debug, Clone, Copy)]
pub struct BodyDeadlineLayer {
    timeout: Duration,
}

impl BodyDeadlineLayer {
    /// Bodies get `timeout` from the first read to their end.
    pub fn new(timeout: Duration) -> Self {
        Self { timeout }
    }
}

impl<S> Layer<S> for BodyDeadlineLayer {
    type Service = BodyDeadline<S>;

    fn layer(&self, inner: S) -> BodyDeadline<S> {
        BodyDeadline { inner, timeout: self.timeout }
    }
}

/// The service [`BodyDeadlineLayer`] makes.
#[derive(Debug, Clone)]
pub struct BodyDeadline<S> {
    inner: S,
    timeout: Duration,
}

impl<S, B> Service<Request<B>> for BodyDeadline<S>
where
    S: Service<Request<DeadlineBody<B>>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> S::Future {
        let timeout = self.timeout;
        self.inner.call(request.map(|body| DeadlineBody { body, timeout, started: None, timer: None }))
    }
}

pin_project! {
    /// A request body with a deadline: frames pass through until it has passed, then the body
    /// ends with [`BodyTimedOut`].
    pub struct DeadlineBody<B> {
        #[pin]
        body: B,
        timeout: Duration,
        // When the handler first read the body.
        started: Option<Instant>,
        // Armed at the first read that had to wait.
        #[pin]
        timer: Option<Sleep>,
    }
}

impl<B> HttpBody for DeadlineBody<B>
where
    B: HttpBody,
    B::Error: Into<axum::BoxError>,
{
    type Data = B::Data;
    type Error = axum::BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<B::Data>, Self::Error>>> {
        let mut this = self.project();
        let started = *this.started.get_or_insert_with(Instant::now);
        if let Poll::Ready(frame) = this.body.poll_frame(cx) {
            return Poll::Ready(frame.map(|frame| frame.map_err(Into::into)));
        }
        if this.timer.is_none() {
            this.timer.set(Some(sleep_until(started + *this.timeout)));
        }
        match this.timer.as_pin_mut().map(|timer| timer.poll(cx)) {
            Some(Poll::Ready(())) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            _ => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;
    use http_body_util::{BodyExt, StreamBody};

    /// A body of `chunks` one-byte frames, one every `every`.
    fn trickled(chunks: usize, every: Duration) -> impl HttpBody<Data = Bytes, Error = std::convert::Infallible> {
        let frames = futures_util::stream::unfold(0, move |sent| async move {
            if sent == chunks {
                return None;
            }
            tokio::time::sleep(every).await;
            Some((Ok(Frame::data(Bytes::from_static(b"x"))), sent + 1))
        });
        StreamBody::new(frames)
    }

    fn with_deadline<B>(body: B, timeout: Duration) -> DeadlineBody<B> {
        DeadlineBody { body, timeout, started: None, timer: None }
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_trickled_past_the_deadline_fails_at_the_deadline() {
        // Each byte comes well within the timeout (what an idle timeout would accept forever).
        let body = with_deadline(trickled(100, Duration::from_millis(300)), Duration::from_secs(1));
        let started = Instant::now();
        let error = body.collect().await.expect_err("the deadline passed");
        assert!(error.is::<BodyTimedOut>(), "{error}");
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_within_the_deadline_arrives_whole() {
        let body = with_deadline(trickled(3, Duration::from_millis(300)), Duration::from_secs(1));
        let bytes = body.collect().await.expect("in time").to_bytes();
        assert_eq!(&bytes[..], b"xxx");
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_already_there_arms_no_timer() {
        let mut body =
            std::pin::pin!(with_deadline(http_body_util::Full::new(Bytes::from_static(b"{}")), Duration::ZERO));
        let frame = body.frame().await.unwrap().unwrap();
        assert_eq!(frame.into_data().unwrap(), Bytes::from_static(b"{}"));
        assert!(body.timer.is_none(), "no timer for a body that never waited");
    }
}
