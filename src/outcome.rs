//! How a liveness check ended, as the app's callbacks receive it.

use crate::protocol::{ResultResponse, SignatureId, VerificationStatus};
use crate::rules::message::LivenessSignal;

/// The end of one liveness check, for one session.
///
/// `verified` is `Some` only when the server's result was read; without it the outcome rests on the
/// liveness page's browser message alone, which the app must not treat as proof.
#[derive(Debug, Clone, PartialEq)]
pub enum LivenessOutcome {
    /// The check passed.
    Success {
        /// The session it belongs to.
        signature_id: SignatureId,
        /// The server's verified result, when it was read.
        verified: Option<ResultResponse>,
    },
    /// The check did not pass.
    Failure {
        /// The session it belongs to.
        signature_id: SignatureId,
        /// The server's verified result, when it was read.
        verified: Option<ResultResponse>,
    },
}

impl LivenessOutcome {
    /// The outcome the liveness page claimed in its message, not yet verified by the server.
    pub fn from_signal(signal: LivenessSignal, signature_id: SignatureId) -> Self {
        match signal {
            LivenessSignal::Success => Self::Success { signature_id, verified: None },
            LivenessSignal::Failure => Self::Failure { signature_id, verified: None },
        }
    }

    /// The outcome the server verified; `None` while the result is still pending or has expired,
    /// since neither is an outcome of the check.
    pub fn from_verified(signature_id: SignatureId, result: ResultResponse) -> Option<Self> {
        match result.status {
            VerificationStatus::Passed => Some(Self::Success { signature_id, verified: Some(result) }),
            VerificationStatus::Failed => Some(Self::Failure { signature_id, verified: Some(result) }),
            VerificationStatus::Pending | VerificationStatus::Expired => None,
        }
    }

    /// The session this outcome belongs to.
    pub fn signature_id(&self) -> &SignatureId {
        match self {
            Self::Success { signature_id, .. } | Self::Failure { signature_id, .. } => signature_id,
        }
    }

    /// Whether the check passed.
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Success { .. })
    }

    /// Whether the server's verified result backs this outcome.
    pub fn is_verified(&self) -> bool {
        match self {
            Self::Success { verified, .. } | Self::Failure { verified, .. } => verified.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> SignatureId {
        SignatureId::new("f302f5d2454a85c2").unwrap()
    }

    fn result(status: VerificationStatus) -> ResultResponse {
        ResultResponse { status, score: Some(90.0), attack_type: None, code: Some("SUCCESS".into()) }
    }

    #[test]
    fn a_browser_message_gives_an_unverified_outcome() {
        let outcome = LivenessOutcome::from_signal(LivenessSignal::Success, id());
        assert!(outcome.is_success());
        assert!(!outcome.is_verified());
        assert_eq!(outcome.signature_id(), &id());
        assert!(!LivenessOutcome::from_signal(LivenessSignal::Failure, id()).is_success());
    }

    #[test]
    fn only_terminal_checks_become_verified_outcomes() {
        let passed = LivenessOutcome::from_verified(id(), result(VerificationStatus::Passed)).unwrap();
        assert!(passed.is_success() && passed.is_verified());
        let failed = LivenessOutcome::from_verified(id(), result(VerificationStatus::Failed)).unwrap();
        assert!(!failed.is_success() && failed.is_verified());
        assert_eq!(LivenessOutcome::from_verified(id(), result(VerificationStatus::Pending)), None);
        assert_eq!(LivenessOutcome::from_verified(id(), result(VerificationStatus::Expired)), None);
    }
}
