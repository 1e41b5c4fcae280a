//! Which client a request comes from, for the rate limits: the TCP peer, or, when the peer is
//! one of the proxies the operator named, the address those proxies report in `X-Forwarded-For`.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use ipnet::IpNet;

use super::error::AppError;

/// The rate limiter's key: the client's IP address, through trusted proxies only.
#[derive(Debug, Clone, Default)]
pub struct ClientIp {
    trusted: Arc<[IpNet]>,
}

impl ClientIp {
    /// Trusts `X-Forwarded-For` only on connections from these networks (none: the peer is the
    /// client).
    pub fn new(trusted_proxies: &[IpNet]) -> Self {
        Self { trusted: trusted_proxies.into() }
    }

    /// The client for a request from `peer` carrying these `X-Forwarded-For` values (every such
    /// header, in order).
    ///
    /// The list is read from the right, where each trusted proxy appended the address it saw:
    /// the first address that is not a trusted proxy is the client. Entries further left were
    /// written by the client itself and never count, so a forged header cannot pick a bucket. An
    /// entry that is not an IP address stops the walk at the last trusted hop.
    pub fn resolve(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = peer;
        if !self.is_trusted(client) {
            return client;
        }
        for hop in forwarded_for.iter().rev().flat_map(|header| header.rsplit(',')) {
            let hop = hop.trim();
            let Ok(ip) = hop.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() else {
                return client;
            };
            client = ip;
            if !self.is_trusted(ip) {
                break;
            }
        }
        client
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn is_trusted(&self, ip: IpAddr) -> bool {
        self.trusted.iter().any(|net| net.contains(&ip))
    }
}

/// The client of a request, as an extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for Client
where
    ClientIp: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        // The peer comes from `serve` or `into_make_service_with_connect_info`; without it,
        // nobody is known and no limit could hold.
        let ConnectInfo(peer) = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .ok_or_else(|| AppError::internal(&"no peer address: serve the router with connect info"))?;
        let forwarded: Vec<&str> =
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        Ok(Self(ClientIp::from_ref(state).resolve(peer.ip(), &forwarded)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn behind(proxies: &[&str]) -> ClientIp {
        ClientIp::new(&proxies.iter().map(|p| p.parse().unwrap()).collect::<Vec<IpNet>>())
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        let direct = ClientIp::default();
        assert_eq!(direct.resolve(ip("198.51.100.7"), &["203.0.113.1"]), ip("198.51.100.7"));
        let proxied = behind(&["10.0.0.0/8"]);
        assert_eq!(proxied.resolve(ip("198.51.100.7"), &["203.0.113.1"]), ip("198.51.100.7"), "peer is no proxy");
    }

    #[test]
    fn behind_trusted_proxies_the_address_they_saw_is_the_client() {
        let proxied = behind(&["10.0.0.0/8", "192.0.2.10/32"]);
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["203.0.113.1"]), ip("203.0.113.1"));
        // Two proxies: the load balancer appended the client, nginx appended the balancer.
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["203.0.113.1, 192.0.2.10"]), ip("203.0.113.1"));
        // Several headers are one list, in order.
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["203.0.113.1", "192.0.2.10"]), ip("203.0.113.1"));
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &[" 2001:db8::1 "]), ip("2001:db8::1"));
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["[2001:db8::2]"]), ip("2001:db8::2"));
    }

    #[test]
    fn what_the_client_wrote_itself_never_picks_the_bucket() {
        let proxied = behind(&["10.0.0.0/8"]);
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended what it saw.
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["1.2.3.4, 203.0.113.1"]), ip("203.0.113.1"));
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["not-an-ip, 203.0.113.1"]), ip("203.0.113.1"));
    }

    #[test]
    fn without_a_usable_address_the_last_trusted_hop_is_the_key() {
        let proxied = behind(&["10.0.0.0/8"]);
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &[]), ip("10.0.0.5"));
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["unknown"]), ip("10.0.0.5"));
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["10.0.0.9"]), ip("10.0.0.9"), "all trusted");
        assert_eq!(proxied.resolve(ip("10.0.0.5"), &["203.0.113.1, garbage, 10.0.0.9"]), ip("10.0.0.9"));
    }
}
