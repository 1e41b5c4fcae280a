//! What a vendor Get Result answer means for the browser: a status, never the images.

use advance_liveness::{AttackType, ResultResponse, VerificationStatus};

use crate::vendor::{LivenessResult, VendorCode};

/// The score at or above which a `SUCCESS` passes, unless configured (the guide: below 50 "might
/// be an attack").
pub const DEFAULT_PASS_THRESHOLD: f64 = 50.0;

/// The browser's view of a finished check. Only the score, attack type and code survive; images,
/// video and the audit link stay on the server.
pub fn verdict(result: &LivenessResult, pass_threshold: f64) -> ResultResponse {
    let score = result.data.score;
    let passed = result.code == VendorCode::Success && score.is_some_and(|s| s >= pass_threshold);
    ResultResponse {
        status: if passed { VerificationStatus::Passed } else { VerificationStatus::Failed },
        score,
        attack_type: result.data.attack_type.and_then(AttackType::from_vendor_code),
        code: Some(result.code.as_str().to_owned()),
    }
}

/// A session without a result yet: `pending`, or `expired` once its page URL is no longer valid.
pub fn unfinished(expired: bool) -> ResultResponse {
    ResultResponse {
        status: if expired { VerificationStatus::Expired } else { VerificationStatus::Pending },
        score: None,
        attack_type: None,
        code: Some(VendorCode::LivenessNoResult.as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendor::api::LivenessResultData;

    fn result(code: VendorCode, score: Option<f64>, attack: Option<i64>) -> LivenessResult {
        LivenessResult {
            code,
            data: LivenessResultData {
                score,
                attack_type: attack,
                image: Some("/9j/secret-face".into()),
                ..LivenessResultData::default()
            },
            transaction_id: None,
        }
    }

    #[test]
    fn success_passes_only_at_or_above_the_threshold() {
        let at = verdict(&result(VendorCode::Success, Some(50.0), None), 50.0);
        assert_eq!(at.status, VerificationStatus::Passed);
        let below = verdict(&result(VendorCode::Success, Some(49.9), None), 50.0);
        assert_eq!(below.status, VerificationStatus::Failed);
        let strict = verdict(&result(VendorCode::Success, Some(80.0), None), 90.0);
        assert_eq!(strict.status, VerificationStatus::Failed);
        let no_score = verdict(&result(VendorCode::Success, None, None), 50.0);
        assert_eq!(no_score.status, VerificationStatus::Failed, "no score is never a pass");
    }

    #[test]
    fn attacks_and_face_failures_fail_with_their_reason() {
        for (code, expected) in [(1, AttackType::Presentation), (2, AttackType::Injection), (3, AttackType::Unsure)] {
            let v = verdict(&result(VendorCode::Success, Some(0.0), Some(code)), 50.0);
            assert_eq!((v.status, v.attack_type), (VerificationStatus::Failed, Some(expected)));
        }
        let face = verdict(&result(VendorCode::NoFaceDetected, None, None), 50.0);
        assert_eq!((face.status, face.code.as_deref()), (VerificationStatus::Failed, Some("NO_FACE_DETECTED")));
    }

    #[test]
    fn images_never_reach_the_browser() {
        let json = serde_json::to_string(&verdict(&result(VendorCode::Success, Some(99.0), None), 50.0)).unwrap();
        assert!(!json.contains("/9j/"), "{json}");
    }

    #[test]
    fn unfinished_sessions_are_pending_until_they_expire() {
        assert_eq!(unfinished(false).status, VerificationStatus::Pending);
        assert_eq!(unfinished(true).status, VerificationStatus::Expired);
    }
}
