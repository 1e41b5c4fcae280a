//! The static files under `--static-dir` (the demo page and the JS bundle), through tower-http's
//! `ServeDir`. A path the file system refuses by its name (too long, a file used as a folder, a
//! NUL byte) is a `404` like any missing file: a client can neither cause a `500` nor an error log
//! line by choosing a URL. Only a real failure to read an existing file is a `500`, logged.
//!
//! Compressed on the wire: the build writes `.br` and `.gz` next to each file, and `ServeDir`
//! sends the sibling the client's `Accept-Encoding` prefers (with the original's `Content-Type`),
//! else the file itself. Every answer says `Vary: Accept-Encoding`, so no cache hands a brotli
//! body to a client that did not ask for it. A name that carries its content's hash
//! (`is_fingerprinted`) is cached for a year; any other name is revalidated on each use
//! (`no-cache`, answered `304` by its `Last-Modified`), since its content changes under the same
//! name at the next deployment.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// A handler serving files under one folder.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    dir: ServeDir,
}

/// For a name whose content never changes: a year, the longest HTTP caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For a name whose content changes between deployments, and for every answer but a file.
const REVALIDATE: &str = "no-cache";

impl StaticFiles {
    /// Serves `dir` (its `index.html` for folders), preferring a file's `.br`, then its `.gz`.
    pub fn new(dir: &Path) -> Self {
        Self { dir: ServeDir::new(dir).precompressed_br().precompressed_gzip() }
    }

    /// Answers one request.
    pub async fn serve(mut self, request: Request) -> Response {
        let fingerprinted = is_fingerprinted(request.uri().path());
        let mut response = match self.dir.try_call(request).await {
            Ok(response) => response.map(Body::new),
            Err(error) if refused_name(&error) => StatusCode::NOT_FOUND.into_response(),
            Err(error) => {
                tracing::error!(%error, "a static file could not be read");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
        // Only a file (whole, partial or unchanged) may be kept for a year: a 404 cached that long
        // would outlive the deployment that adds the file.
        let status = response.status();
        let is_file = status.is_success() || status == StatusCode::NOT_MODIFIED;
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let cache_control = if is_file && fingerprinted { IMMUTABLE } else { REVALIDATE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        response
    }
}

/// The fewest hex digits taken as a content hash. trunk writes its 64-bit hash without leading
/// zeros (`{:x}`), so one build in 16 has 15 digits, not 16; with 12, one in a million is missed
/// (and merely revalidated). No stable name here has a `-` and 12 hex digits.
const MIN_HASH_DIGITS: usize = 12;

/// Whether the file a path names carries its content's hash, so that its bytes never change:
/// its file name (not a folder's) has a `-`, then at least 12 lowercase hex digits, then `.` or
/// `_`. That is how trunk names the demo's files (`advance-liveness-<hash>.js`,
/// `advance-liveness-<hash>_bg.wasm`, `demo-<hash>.css`); the bundle's names are stable
/// (`advance-liveness.js`, `advance_liveness_bg.wasm`: an integrator's page names them) and so
/// are the locale packs (`locales/pt-BR.json`).
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.match_indices('-').any(|(at, _)| {
        let rest = &name.as_bytes()[at + 1..];
        let digits = rest.iter().take_while(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')).count();
        digits >= MIN_HASH_DIGITS && matches!(rest.get(digits), Some(b'.' | b'_'))
    })
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

    #[test]
    fn the_names_trunk_gives_by_content_are_fingerprinted() {
        for path in [
            "/advance-liveness-3f2a9c81d07b6e45_bg.wasm",
            "/advance-liveness-3f2a9c81d07b6e45.js",
            "/demo-0b1c2d3e4f506172.css",
            "/advance-liveness-f2a9c81d07b6e45.css", // a hash with a leading zero, unwritten
            "/advance-liveness-3f2a9c81d07b6e45_bg.wasm.br", // the sibling itself
            "/sub/folder/style-0123456789abcdef0123456789abcdef.css",
            "/x-0123456789ab.js", // the fewest digits taken
        ] {
            assert!(is_fingerprinted(path), "{path}");
        }
    }

    #[test]
    fn stable_names_are_not_fingerprinted() {
        for path in [
            "/",
            "/index.html",
            "/bundle/advance-liveness.js",
            "/bundle/advance_liveness.js",
            "/bundle/advance_liveness_bg.wasm",
            "/bundle/advance-liveness.css",
            "/bundle/locales/pt-BR.json",
            "/bundle/locales/zh-Hans.json",
            "/examples/plain-html/",
            "/x-0123456789a.js",       // 11 digits: a word, a date, a version
            "/x-0123456789ABCDEF.js",  // trunk writes lowercase
            "/x-0123456789abcdef",     // no extension after it
            "/x-0123456789abcdefg.js", // not hex to the end
            "/0123456789abcdef.js",    // no `-` before it
            "/snippets/advance-liveness-0123456789abcdef/inline0.js", // a folder's hash, not the file's
        ] {
            assert!(!is_fingerprinted(path), "{path}");
        }
    }
}
