//! Limits on the request itself, answered before any handler runs and in the API's JSON shape:
//! an over-long URI (`414`), over-large headers (`431`), and a declared body over the limit
//! (`413` at once, without reading a byte of it).
//!
//! A plain tower layer rather than an axum `from_fn` middleware: it runs on every request, and a
//! `from_fn` boxes a future and clones the inner service each time.

use std::task::{Context, Poll};

use advance_liveness::ApiErrorCode;
use axum::http::{HeaderMap, Request, Uri, header};
use axum::response::{IntoResponse, Response};
use futures_util::future::{Either, Ready, ready};
use tower::{Layer, Service};

use super::error::AppError;

/// Longest request URI (path and query) answered.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Largest total size of the request's header names and values.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Largest request body the API reads (a session request is a few dozen bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Applies the limits to every request of the service it wraps.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestLimitsLayer;

impl<S> Layer<S> for RequestLimitsLayer {
    type Service = RequestLimits<S>;

    fn layer(&self, inner: S) -> RequestLimits<S> {
        RequestLimits { inner }
    }
}

/// The service [`RequestLimitsLayer`] makes: answers a request over a limit itself, passes the
/// others on.
#[derive(Debug, Clone)]
pub struct RequestLimits<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for RequestLimits<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Either<Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        match check(request.uri(), request.headers()) {
            Ok(()) => Either::Right(self.inner.call(request)),
            Err(error) => Either::Left(ready(Ok(error.into_response()))),
        }
    }
}

fn check(uri: &Uri, headers: &HeaderMap) -> Result<(), AppError> {
    let uri = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        return Err(AppError::new(ApiErrorCode::UriTooLong, format!("the URI is over {MAX_URI_BYTES} bytes")));
    }
    let header_bytes: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Err(AppError::new(
            ApiErrorCode::HeadersTooLarge,
            format!("the request headers are over {MAX_HEADER_BYTES} bytes"),
        ));
    }
    if let Some(length) = headers.get(header::CONTENT_LENGTH) {
        let length = length.to_str().ok().and_then(|v| v.trim().parse::<u64>().ok());
        match length {
            None => return Err(AppError::new(ApiErrorCode::InvalidRequest, "Content-Length is not a number")),
            Some(length) if length > MAX_BODY_BYTES as u64 => {
                return Err(AppError::new(
                    ApiErrorCode::PayloadTooLarge,
                    format!("the body is over {MAX_BODY_BYTES} bytes"),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
