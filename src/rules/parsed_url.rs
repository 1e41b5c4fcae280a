//! An absolute URL split into the parts the rules look at, by the platform's WHATWG URL parser:
//! the browser's own `URL` in the wasm build, the `url` crate natively.
//!
//! In the browser, the parser that decides is the one that will load the iframe, so the two can
//! never disagree about where a URL points; and the bundle does not carry a second URL parser (the
//! `url` crate and its IDNA tables were a tenth of it). The browser tests run the same URL cases
//! as the native tests.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The parts of an absolute URL, as serialised by a WHATWG parser (so already normalised:
/// lower-case scheme and host, default ports dropped, IPv4 in dotted form, IPv6 in brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// `https`, `http`, `javascript`... without the colon.
    pub scheme: String,
    /// The host as serialised (`liveness.advance.ai`, `127.0.0.1`, `[::1]`); empty when none.
    pub host: String,
    /// The port when it is not the scheme's default.
    pub port: Option<u16>,
    /// Whether a user name or password is present.
    pub has_credentials: bool,
    /// The path, percent-encoded by the parser (`/` at least for http(s)).
    pub path: String,
    /// The query without its `?`, when there is one (possibly empty).
    pub query: Option<String>,
    /// The fragment without its `#`, when there is one (possibly empty).
    pub fragment: Option<String>,
}

impl ParsedUrl {
    /// Parses an absolute URL, refusing host names that are not plain ASCII.
    ///
    /// Liveness origins and the URLs on them are plain ASCII host names. Anything else in the
    /// authority (non-ASCII, percent-escapes, whitespace, or a punycode `xn--` label, an
    /// internationalised name in ASCII dress) is refused before any parser sees it: the native
    /// build's IDNA code must never decode such a host (in debug builds it asserts; all three were
    /// found by fuzzing), and both builds then refuse the same URLs.
    pub fn parse(raw: &str) -> Option<Self> {
        if !has_plain_ascii_authority(raw) {
            return None;
        }
        platform::parse(raw)
    }

    /// The serialised origin, `scheme://host[:port]`, as `MessageEvent.origin` reports it.
    pub fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// Whether the host is this machine: `localhost` or a loopback IP address.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.as_str();
        if host == "localhost" {
            return true;
        }
        if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            return v6.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
        }
        host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// Whether the authority of `raw`, as the WHATWG parser finds it for http(s) (after `scheme:` and
/// any run of slashes or backslashes, up to the next slash, backslash, `?` or `#`), is printable
/// ASCII with no spaces, no percent-escapes and no punycode (`xn--`) label. (Chromium would
/// otherwise escape a space in a host where the `url` crate refuses it: the browser test found
/// that. The others reach IDNA decoding, which asserts in debug builds: fuzzing found those.)
pub(crate) fn has_plain_ascii_authority(raw: &str) -> bool {
    let authority = authority(raw);
    let punycode = authority
        .split(['.', '@', ':'])
        .any(|label| label.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--")));
    !punycode && authority.bytes().all(|b| b.is_ascii_graphic() && b != b'%')
}

/// The authority of `raw` as the WHATWG parser finds it for http(s).
fn authority(raw: &str) -> &str {
    let after_scheme = raw.split_once(':').map_or(raw, |(_, rest)| rest);
    let authority = after_scheme.trim_start_matches(['/', '\\']);
    authority.split(['/', '\\', '?', '#']).next().unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use super::ParsedUrl;

    pub(super) fn parse(raw: &str) -> Option<ParsedUrl> {
        let url = url::Url::parse(raw).ok()?;
        Some(ParsedUrl {
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or_default().to_owned(),
            port: url.port(),
            has_credentials: !url.username().is_empty() || url.password().is_some(),
            path: url.path().to_owned(),
            query: url.query().map(str::to_owned),
            fragment: url.fragment().map(str::to_owned),
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use super::ParsedUrl;

    pub(super) fn parse(raw: &str) -> Option<ParsedUrl> {
        let url = web_sys::Url::new(raw).ok()?;
        // `search` and `hash` are empty both for a missing and for an empty query or fragment;
        // the serialised `href` tells them apart (`#` only ever starts the fragment, and `?`
        // before it only ever starts the query: the parser escapes them elsewhere).
        let href = url.href();
        let (before_fragment, fragment) = match href.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment.to_owned())),
            None => (href.as_str(), None),
        };
        let query = before_fragment.split_once('?').map(|(_, query)| query.to_owned());
        let protocol = url.protocol();
        Some(ParsedUrl {
            scheme: protocol.strip_suffix(':').unwrap_or(&protocol).to_owned(),
            host: url.hostname(),
            port: url.port().parse().ok(),
            has_credentials: !url.username().is_empty() || !url.password().is_empty(),
            path: url.pathname(),
            query,
            fragment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalises() {
        let url = ParsedUrl::parse("HTTPS://User@Liveness.Advance.AI:443/h5 x?a=b c#frag").unwrap();
        assert_eq!(url.scheme, "https");
        assert_eq!(url.host, "liveness.advance.ai");
        assert_eq!(url.port, None);
        assert!(url.has_credentials);
        assert_eq!(url.path, "/h5%20x");
        assert_eq!(url.query.as_deref(), Some("a=b%20c"));
        assert_eq!(url.fragment.as_deref(), Some("frag"));
        assert_eq!(url.origin(), "https://liveness.advance.ai");
        let empty = ParsedUrl::parse("http://127.1:8090/?#").unwrap();
        assert_eq!((empty.query.as_deref(), empty.fragment.as_deref()), (Some(""), Some("")));
        assert_eq!(empty.origin(), "http://127.0.0.1:8090");
    }

    #[test]
    fn knows_loopback_hosts() {
        for raw in ["http://localhost:1", "http://127.0.0.1", "http://127.9.9.9", "http://[::1]:8090"] {
            assert!(ParsedUrl::parse(raw).unwrap().is_loopback(), "{raw}");
        }
        for raw in ["http://localhost.evil.com", "http://10.0.0.1", "http://[::2]", "javascript:alert(1)"] {
            assert!(!ParsedUrl::parse(raw).unwrap().is_loopback(), "{raw}");
        }
    }
}
