//! The static files under `--static-dir` (the demo page and the JS bundle), through tower-http's
//! `ServeDir`. A path the file system refuses by its name (too long, a file used as a folder, a
//! NUL byte) is a `404` like any missing file: a client can neither cause a `500` nor an error log
//! line by choosing a URL. Only a real failure to read an existing file is a `500`, logged.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// A handler serving files under one folder.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    dir: ServeDir,
}

impl StaticFiles {
    /// Serves `dir` (its `index.html` for folders).
    pub fn new(dir: &Path) -> Self {
        Self { dir: ServeDir::new(dir) }
    }

    /// Answers one request.
    pub async fn serve(mut self, request: Request) -> Response {
        match self.dir.try_call(request).await {
            Ok(response) => response.map(Body::new),
            Err(error) if refused_name(&error) => StatusCode::NOT_FOUND.into_response(),
            Err(error) => {
                tracing::error!(%error, "a static file could not be read");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// Whether the file system refused the path for what it is, not for a fault of its own.
fn refused_name(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::InvalidFilename | ErrorKind::InvalidInput | ErrorKind::NotADirectory | ErrorKind::IsADirectory
    ) || error.raw_os_error().is_some_and(|code| code == ENAMETOOLONG || code == ELOOP)
}

/// `File name too long` on Linux (also mapped to `InvalidFilename` by newer std).
const ENAMETOOLONG: i32 = 36;
/// `Too many levels of symbolic links`: also not a file that exists for the client.
const ELOOP: i32 = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_system_refuses_are_not_found() {
        let long = format!("/tmp/{}", "a".repeat(300));
        let error = std::fs::File::open(&long).unwrap_err();
        assert!(refused_name(&error), "{error:?}");
        let error = std::io::Error::from_raw_os_error(5); // EIO: a real fault
        assert!(!refused_name(&error));
    }
}
