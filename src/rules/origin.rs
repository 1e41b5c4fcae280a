//! The liveness page's origin: parsed once, normalised, and compared exactly.

use std::fmt;

use super::parsed_url::ParsedUrl;

/// The vendor's hosted liveness page origin, used when none is configured.
pub const DEFAULT_LIVENESS_ORIGIN: &str = "https://liveness.advance.ai";

/// An origin (scheme, host, port) that liveness pages and their messages must come from.
///
/// Built from configuration with [`AllowedOrigin::parse`], which normalises case and default ports,
/// so `HTTPS://Liveness.Advance.AI:443` and `https://liveness.advance.ai` are the same origin.
/// Plain `http` is accepted only for loopback hosts (the local simulator).
///
/// ```
/// use advance_liveness::AllowedOrigin;
/// let origin = AllowedOrigin::parse("HTTPS://Liveness.Advance.AI:443/").unwrap();
/// assert_eq!(origin.as_str(), "https://liveness.advance.ai");
/// assert!(origin.matches("https://liveness.advance.ai"));
/// assert!(!origin.matches("https://liveness.advance.ai.evil.com"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AllowedOrigin {
    /// The ASCII serialisation, e.g. `https://liveness.advance.ai` (no trailing slash).
    serialized: String,
}

/// Why a configured origin was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OriginError {
    /// Not a URL at all.
    #[error("`{0}` is not a valid origin URL")]
    Invalid(String),
    /// A scheme other than `https` (or `http` on a loopback host).
    #[error("origin `{0}` must use https (plain http is allowed only for loopback hosts)")]
    InsecureScheme(String),
    /// Anything beyond scheme, host and port: a path, query, fragment or credentials.
    #[error("origin `{0}` must be only scheme://host[:port], with no path, query, fragment or credentials")]
    NotAnOrigin(String),
}

impl AllowedOrigin {
    /// Parses and normalises a configured origin such as `https://liveness.advance.ai`.
    pub fn parse(raw: &str) -> Result<Self, OriginError> {
        let url = ParsedUrl::parse(raw.trim()).ok_or_else(|| OriginError::Invalid(raw.to_owned()))?;
        let is_bare = !url.has_credentials && url.path == "/" && url.query.is_none() && url.fragment.is_none();
        if !matches!(url.scheme.as_str(), "http" | "https") || url.host.is_empty() {
            return Err(OriginError::InsecureScheme(raw.to_owned()));
        }
        if !is_bare {
            return Err(OriginError::NotAnOrigin(raw.to_owned()));
        }
        if !scheme_allowed_for(&url) {
            return Err(OriginError::InsecureScheme(raw.to_owned()));
        }
        Ok(Self { serialized: url.origin() })
    }

    /// The normalised origin, as a browser reports it in `MessageEvent.origin`.
    pub fn as_str(&self) -> &str {
        &self.serialized
    }

    /// Whether `origin` (a `MessageEvent.origin` or another serialised origin) is exactly this one.
    ///
    /// Case and default ports are normalised; everything else must match. Anything that is not a
    /// plain serialised origin (`null`, credentials, paths, percent-escapes, whitespace) never
    /// matches, so look-alikes such as `https://liveness.advance.ai.evil.com` or
    /// `https://liveness.advance.ai@evil.com` are refused.
    pub fn matches(&self, origin: &str) -> bool {
        if origin == self.serialized {
            return true;
        }
        // Only characters a serialised origin can contain; this refuses `@`, `%`, `\`, whitespace
        // and control characters before the lenient WHATWG parser could strip or decode them.
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '/' | '[' | ']');
        if origin.is_empty() || !origin.chars().all(plain) {
            return false;
        }
        match ParsedUrl::parse(origin) {
            Some(url) if url.path == "/" && !url.has_credentials => {
                matches!(url.scheme.as_str(), "http" | "https") && url.origin() == self.serialized
            }
            _ => false,
        }
    }

    /// Whether `url`'s origin (scheme, host, port) is exactly this one.
    pub(crate) fn contains(&self, url: &ParsedUrl) -> bool {
        url.origin() == self.serialized
    }
}

impl Default for AllowedOrigin {
    /// The vendor's production origin, [`DEFAULT_LIVENESS_ORIGIN`].
    fn default() -> Self {
        Self { serialized: DEFAULT_LIVENESS_ORIGIN.to_owned() }
    }
}

impl fmt::Display for AllowedOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.serialized)
    }
}

impl fmt::Debug for AllowedOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AllowedOrigin({})", self.serialized)
    }
}

impl std::str::FromStr for AllowedOrigin {
    type Err = OriginError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// `url::Url::parse` for the server, refusing host names that are not plain ASCII like
/// [`ParsedUrl::parse`] does (non-ASCII, percent-escaped, spaced or punycode: the IDNA code must
/// never decode them).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_url(raw: &str) -> Option<url::Url> {
    super::parsed_url::has_plain_ascii_authority(raw).then(|| url::Url::parse(raw).ok()).flatten()
}

/// `https` anywhere; plain `http` only where the host is this machine.
pub(crate) fn scheme_allowed_for(url: &ParsedUrl) -> bool {
    match url.scheme.as_str() {
        "https" => true,
        "http" => url.is_loopback(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_default_port_and_trailing_slash() {
        for raw in [
            "https://liveness.advance.ai",
            "HTTPS://LIVENESS.ADVANCE.AI",
            "https://liveness.advance.ai:443",
            "https://liveness.advance.ai/",
        ] {
            assert_eq!(AllowedOrigin::parse(raw).unwrap().as_str(), DEFAULT_LIVENESS_ORIGIN, "{raw}");
        }
        assert_eq!(AllowedOrigin::default().as_str(), DEFAULT_LIVENESS_ORIGIN);
    }

    #[test]
    fn keeps_non_default_ports() {
        let origin = AllowedOrigin::parse("http://127.0.0.1:8090").unwrap();
        assert_eq!(origin.as_str(), "http://127.0.0.1:8090");
        assert!(origin.matches("http://127.0.0.1:8090"));
        assert!(!origin.matches("http://127.0.0.1:8091"));
        assert!(!origin.matches("http://127.0.0.1"));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(AllowedOrigin::parse("http://localhost:8090").is_ok());
        assert!(AllowedOrigin::parse("http://[::1]:8090").is_ok());
        assert_eq!(
            AllowedOrigin::parse("http://liveness.advance.ai"),
            Err(OriginError::InsecureScheme("http://liveness.advance.ai".into()))
        );
        assert!(matches!(AllowedOrigin::parse("ftp://liveness.advance.ai"), Err(OriginError::InsecureScheme(_))));
        assert!(matches!(AllowedOrigin::parse("javascript:alert(1)"), Err(OriginError::InsecureScheme(_))));
    }

    #[test]
    fn refuses_anything_that_is_not_a_bare_origin() {
        for raw in [
            "https://liveness.advance.ai/path",
            "https://liveness.advance.ai/?q=1",
            "https://liveness.advance.ai/#frag",
            "https://user:pw@liveness.advance.ai",
        ] {
            assert!(matches!(AllowedOrigin::parse(raw), Err(OriginError::NotAnOrigin(_))), "{raw}");
        }
        assert!(matches!(AllowedOrigin::parse("liveness.advance.ai"), Err(OriginError::Invalid(_))));
        assert!(matches!(AllowedOrigin::parse(""), Err(OriginError::Invalid(_))));
    }
}
