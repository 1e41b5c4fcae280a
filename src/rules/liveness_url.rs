//! The liveness session URL: validated before it becomes an iframe `src` or a cross-device link.

use std::fmt;

use super::origin::{AllowedOrigin, scheme_allowed_for};
use super::parsed_url::ParsedUrl;

/// Longest session URL accepted, in bytes (the vendor's are a few hundred).
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// A liveness page URL that is safe to load: `https` (or `http` on loopback), on the allowed
/// liveness origin, with no credentials, and percent-encoded exactly once.
///
/// The vendor guide asks for the iframe `src` to be "URL encoded". Encoding the whole URL with
/// `encodeURIComponent`, as its example does, would turn it into a relative path; what the page
/// needs is a URL whose every component is correctly escaped. [`LivenessUrl::parse`] produces
/// exactly that: spaces, non-ASCII and other characters outside RFC 3986 are escaped, a stray `%`
/// becomes `%25`, and escapes already present (`%26`) are kept, so parsing its own output changes
/// nothing.
///
/// ```
/// use advance_liveness::{AllowedOrigin, LivenessUrl};
/// let origin = AllowedOrigin::default();
/// let url = LivenessUrl::parse("https://liveness.advance.ai/h5?token=a b&name=José", &origin).unwrap();
/// assert_eq!(url.as_str(), "https://liveness.advance.ai/h5?token=a%20b&name=Jos%C3%A9");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct LivenessUrl {
    encoded: String,
}

/// Why a session URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LivenessUrlError {
    /// Empty, longer than [`MAX_URL_BYTES`], or containing control characters.
    #[error("liveness URL is empty, too long, or contains control characters")]
    Malformed,
    /// Not parseable as an absolute URL.
    #[error("liveness URL is not a valid absolute URL")]
    Invalid,
    /// A scheme other than http(s): `javascript:`, `data:`, `blob:`, `file:`...
    #[error("liveness URL scheme `{0}` is not allowed")]
    DisallowedScheme(String),
    /// Plain `http` on a host that is not loopback.
    #[error("liveness URL must use https (plain http only for loopback hosts)")]
    Insecure,
    /// A user name or password in the URL.
    #[error("liveness URL must not carry credentials")]
    HasCredentials,
    /// A host or port other than the allowed liveness origin.
    #[error("liveness URL origin `{found}` is not the allowed liveness origin `{expected}`")]
    WrongOrigin {
        /// The URL's origin.
        found: String,
        /// The origin we accept.
        expected: String,
    },
}

impl LivenessUrl {
    /// Validates `raw` against `allowed` and encodes it for use as an iframe `src`.
    pub fn parse(raw: &str, allowed: &AllowedOrigin) -> Result<Self, LivenessUrlError> {
        let raw = raw.trim_matches(' ');
        if raw.is_empty() || raw.len() > MAX_URL_BYTES || raw.chars().any(char::is_control) {
            // The WHATWG parser would silently drop tabs and newlines; we refuse them instead.
            return Err(LivenessUrlError::Malformed);
        }
        let url = ParsedUrl::parse(raw).ok_or(LivenessUrlError::Invalid)?;
        if !matches!(url.scheme.as_str(), "http" | "https") {
            return Err(LivenessUrlError::DisallowedScheme(url.scheme));
        }
        if !scheme_allowed_for(&url) {
            return Err(LivenessUrlError::Insecure);
        }
        if url.has_credentials {
            return Err(LivenessUrlError::HasCredentials);
        }
        if !allowed.contains(&url) {
            return Err(LivenessUrlError::WrongOrigin { found: url.origin(), expected: allowed.as_str().to_owned() });
        }
        let mut encoded = allowed.as_str().to_owned();
        escape_component(&url.path, &mut encoded);
        if let Some(query) = &url.query {
            encoded.push('?');
            escape_component(query, &mut encoded);
        }
        if let Some(fragment) = &url.fragment {
            encoded.push('#');
            escape_component(fragment, &mut encoded);
        }
        Ok(Self { encoded })
    }

    /// The URL to set as the iframe `src` or to share as a link.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }
}

/// Copies a path, query or fragment, escaping every byte RFC 3986 does not allow there and any `%`
/// that does not start a valid escape. Existing escapes are kept, so this is idempotent.
fn escape_component(component: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = component.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let allowed = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/?".contains(&b)
            || (b == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if allowed {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}

impl fmt::Display for LivenessUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encoded)
    }
}

impl fmt::Debug for LivenessUrl {
    /// Only the origin and path: the query carries the session token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.encoded.split(['?', '#']).next().unwrap_or_default();
        write!(f, "LivenessUrl({shown}?…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vendor() -> AllowedOrigin {
        AllowedOrigin::default()
    }

    fn parse(raw: &str) -> Result<String, LivenessUrlError> {
        LivenessUrl::parse(raw, &vendor()).map(|url| url.as_str().to_owned())
    }

    // ENCODED_URLS and REFUSED_URLS, shared with the browser tests.
    include!("../../tests/cases/liveness_urls.rs");

    #[test]
    fn encodes_each_component_exactly_once() {
        for (raw, expected) in ENCODED_URLS {
            let once = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(once, *expected, "{raw}");
            // Encoding is idempotent: feeding the result back changes nothing.
            assert_eq!(parse(&once).unwrap(), once, "re-parsing {once}");
        }
    }

    #[test]
    fn refuses_unsafe_urls() {
        for (raw, expected) in REFUSED_URLS {
            match parse(raw) {
                Err(ref e) if expected(e) => {}
                other => panic!("{raw:?}: got {other:?}"),
            }
        }
        let long = format!("https://liveness.advance.ai/h5?t={}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(parse(&long), Err(LivenessUrlError::Malformed));
    }

    #[test]
    fn non_ascii_hosts_are_refused_as_origins_too() {
        // Found by the liveness_url fuzz target: an upper-case letter next to a non-ASCII one in
        // the host reached a debug assertion in the ASCII-only IDNA adapter; the second run found
        // the same through a percent-escape in the host. (Their URL cases are in REFUSED_URLS.)
        for raw in [
            "http://X\u{4be}}",
            "https://Liveness.Advance.\u{e9}",
            "https://xn--e1afmkfd.\u{444}/h5",
            "https://livAAAAAAAAAA%AAAAAAoken=2a$b&ess?t)f",
            "https://liveness%2Eadvance.ai/h5",
            // The third run: a punycode label that decodes to what the IDNA code asserts on.
            "http:XN--Uuggggggggggggg?ggghttggUUYUp:UUUUUUUUUUggg\\g\u{1}\u{11}\0\0gg54ggtp:/",
            "http://xn--Uuggggggggggggg/",
        ] {
            assert!(AllowedOrigin::parse(raw).is_err(), "{raw}");
            assert!(!AllowedOrigin::default().matches(raw), "{raw}");
        }
    }

    #[test]
    fn loopback_simulator_may_use_plain_http() {
        let sim = AllowedOrigin::parse("http://127.0.0.1:8090").unwrap();
        let url = LivenessUrl::parse("http://127.0.0.1:8090/liveness?token=abc", &sim).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8090/liveness?token=abc");
        assert!(matches!(
            LivenessUrl::parse("http://127.0.0.1:8091/liveness", &sim),
            Err(LivenessUrlError::WrongOrigin { .. })
        ));
    }

    #[test]
    fn debug_output_hides_the_session_token() {
        let url = LivenessUrl::parse("https://liveness.advance.ai/h5?token=SECRET", &vendor()).unwrap();
        assert!(!format!("{url:?}").contains("SECRET"));
    }
}
