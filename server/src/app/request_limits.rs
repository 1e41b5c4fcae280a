//! Limits on the request itself, answered before any handler runs and in the API's JSON shape:
//! an over-long URI (`414`), over-large headers (`431`), and a declared body over the limit
//! (`413` at once, without reading a byte of it).

use advance_liveness::ApiErrorCode;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;

/// Longest request URI (path and query) answered.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Largest total size of the request's header names and values.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Largest request body the API reads (a session request is a few dozen bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The middleware.
pub async fn enforce(request: Request, next: Next) -> Response {
    match check(&request) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

fn check(request: &Request) -> Result<(), AppError> {
    let uri = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        return Err(AppError::new(ApiErrorCode::UriTooLong, format!("the URI is over {MAX_URI_BYTES} bytes")));
    }
    let headers: usize = request.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if headers > MAX_HEADER_BYTES {
        return Err(AppError::new(
            ApiErrorCode::HeadersTooLarge,
            format!("the request headers are over {MAX_HEADER_BYTES} bytes"),
        ));
    }
    if let Some(length) = request.headers().get(header::CONTENT_LENGTH) {
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
