//! Fault injection for tests, off by default: the simulator can answer like a vendor having a bad
//! day. Set with `POST /__sim/faults`, cleared with `DELETE /__sim/faults`.

use serde::{Deserialize, Serialize};

/// One vendor endpoint, as faults and statistics name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EndpointName {
    /// Token Authentication.
    GenerateToken,
    /// Get Token.
    GetToken,
    /// Get Result.
    GetResult,
    /// PII Data Retention.
    ClearData,
    /// ConfigureUI.
    ConfigureUi,
}

/// What a fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum FaultKind {
    /// Wait this long before answering normally.
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// `SERVICE_BUSY` with `Retry-After`.
    ServiceBusy {
        /// Seconds in `Retry-After`.
        retry_after_seconds: u64,
    },
    /// `RETRY_LATER` with `Retry-After`.
    RetryLater {
        /// Seconds in `Retry-After`.
        retry_after_seconds: u64,
    },
    /// The `ERROR` envelope ("Server error").
    ServerError,
    /// A bare HTTP error status with an HTML body, as a proxy would send.
    Http {
        /// The status, e.g. 502.
        status: u16,
    },
    /// The connection is dropped in the middle of the answer.
    Drop,
    /// Any envelope code with a message, e.g. the glossary's `INSUFFICIENT_BALANCE`.
    Envelope {
        /// The code, e.g. `OVER_QUERY_LIMIT`.
        code: String,
        /// The message.
        message: String,
    },
}

/// A fault applied to the next `count` requests of `endpoint` (or of every endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The endpoint it applies to; all of them when absent.
    #[serde(default)]
    pub endpoint: Option<EndpointName>,
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many requests it affects; 1 when absent.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// The whole fault configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Faults {
    /// Faults, applied in order, each until its count is used up.
    #[serde(default)]
    pub faults: Vec<Fault>,
    /// Access tokens expire after this many seconds, whatever `periodSecond` asked.
    #[serde(default)]
    pub token_ttl_seconds: Option<u64>,
    /// Token Authentication answers `ACCOUNT_DISABLED`.
    #[serde(default)]
    pub account_disabled: bool,
}

impl Faults {
    /// Takes the fault, if any, that applies to this request of `endpoint`, using up one count.
    pub fn take(&mut self, endpoint: EndpointName) -> Option<FaultKind> {
        let index = self.faults.iter().position(|f| f.count > 0 && f.endpoint.is_none_or(|e| e == endpoint))?;
        let fault = &mut self.faults[index];
        fault.count -= 1;
        let kind = fault.kind.clone();
        if fault.count == 0 {
            self.faults.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_apply_to_their_endpoint_and_count_down() {
        let mut faults: Faults = serde_json::from_str(
            r#"{"faults":[{"endpoint":"getResult","kind":"serviceBusy","retryAfterSeconds":2,"count":2},
                          {"kind":"http","status":502}]}"#,
        )
        .unwrap();
        assert_eq!(faults.take(EndpointName::GetResult), Some(FaultKind::ServiceBusy { retry_after_seconds: 2 }));
        assert_eq!(faults.take(EndpointName::GenerateToken), Some(FaultKind::Http { status: 502 }));
        assert_eq!(faults.take(EndpointName::GenerateToken), None);
        assert_eq!(faults.take(EndpointName::GetResult), Some(FaultKind::ServiceBusy { retry_after_seconds: 2 }));
        assert_eq!(faults.take(EndpointName::GetResult), None);
    }

    #[test]
    fn unknown_settings_are_refused() {
        assert!(serde_json::from_str::<Faults>(r#"{"tokenTTL":1}"#).is_err());
    }
}
