//! Every text the component shows, with English defaults. Override any of them (in Rust, or as
//! JSON through the JS bundle); `{time}` in [`Texts::time_left`] is replaced by `m:ss`.

use serde::{Deserialize, Serialize};

use crate::camera_readiness::{CameraReadiness, DeniedBy};
use crate::error::LivenessError;

/// The component's texts. Unset fields in JSON keep their English default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Texts {
    /// Announced while the camera is checked.
    pub checking_camera: String,
    /// Announced while the session is fetched.
    pub loading_session: String,
    /// Announced when the liveness page is shown.
    pub in_progress: String,
    /// Announced after the page reported, while the server's verdict is awaited.
    pub verifying: String,
    /// Shown when the check passed.
    pub passed: String,
    /// Shown when the check did not pass.
    pub failed: String,
    /// The iframe's `title`, for screen readers.
    pub frame_title: String,
    /// The button that switches to another device.
    pub use_other_device: String,
    /// The button that takes a full-screen liveness page back into the page.
    pub exit_fullscreen: String,
    /// Heading of the cross-device panel.
    pub cross_device_title: String,
    /// Announced while the check runs on the other device.
    pub waiting_other_device: String,
    /// Cross-device explanation when the user chose it.
    pub cross_device_intro: String,
    /// Camera blocked by the user or a site setting.
    pub camera_denied: String,
    /// Camera blocked by the page's permissions policy.
    pub camera_blocked_by_policy: String,
    /// No camera on this device.
    pub camera_missing: String,
    /// Page not in a secure context.
    pub camera_insecure: String,
    /// Camera in use or failing.
    pub camera_busy: String,
    /// Browser without camera support.
    pub camera_unsupported: String,
    /// The QR code's accessible name.
    pub qr_label: String,
    /// The link field's label.
    pub link_label: String,
    /// The copy button.
    pub copy_link: String,
    /// Shown after copying.
    pub copied: String,
    /// Shown when copying is impossible (the link is selected instead).
    pub copy_failed: String,
    /// Button to try this device's camera again.
    pub retry_here: String,
    /// Time left on the session; `{time}` becomes `m:ss`.
    pub time_left: String,
    /// The session expired.
    pub expired: String,
    /// Button to start a new session.
    pub start_over: String,
    /// The server could not be reached.
    pub network_error: String,
    /// The server refused.
    pub server_error: String,
    /// The session broke the URL rules.
    pub invalid_session: String,
}

impl Default for Texts {
    fn default() -> Self {
        let s = str::to_owned;
        Self {
            checking_camera: s("Checking your camera…"),
            loading_session: s("Preparing your liveness check…"),
            in_progress: s("Follow the instructions in the liveness check."),
            verifying: s("Confirming your result…"),
            passed: s("Verification complete. Thank you!"),
            failed: s("We could not verify you this time."),
            frame_title: s("Liveness check"),
            use_other_device: s("Use another device instead"),
            exit_fullscreen: s("Exit full screen"),
            cross_device_title: s("Continue on another device"),
            waiting_other_device: s("Waiting for the check on your other device…"),
            cross_device_intro: s(
                "Scan the QR code with your phone, or copy the link and open it on a device with a camera.",
            ),
            camera_denied: s(
                "Camera access is blocked in this browser. Allow it in the site settings and try again, or continue on another device.",
            ),
            camera_blocked_by_policy: s("This page is not allowed to use the camera. Continue on another device."),
            camera_missing: s("No camera was found on this device. Continue on another device."),
            camera_insecure: s("The camera only works on a secure (https) page. Continue on another device."),
            camera_busy: s(
                "Your camera is in use by another app or not responding. Close other apps and try again, or continue on another device.",
            ),
            camera_unsupported: s("This browser cannot use the camera. Continue on another device."),
            qr_label: s("QR code with the link to continue on another device"),
            link_label: s("Link to continue on another device"),
            copy_link: s("Copy link"),
            copied: s("Link copied"),
            copy_failed: s("Copying is not available: the link is selected, copy it with your keyboard."),
            retry_here: s("Try this device again"),
            time_left: s("This link works for {time} more."),
            expired: s("This liveness session has expired."),
            start_over: s("Start a new check"),
            network_error: s("We could not reach the server. Check your connection and try again."),
            server_error: s("The liveness check is unavailable right now. Please try again."),
            invalid_session: s("The liveness check could not be started safely."),
        }
    }
}

impl Texts {
    /// Why this device's camera cannot be used, in words.
    pub fn camera_problem(&self, readiness: CameraReadiness) -> &str {
        match readiness {
            CameraReadiness::Denied(DeniedBy::User) => &self.camera_denied,
            CameraReadiness::Denied(DeniedBy::Policy) => &self.camera_blocked_by_policy,
            CameraReadiness::NoCamera => &self.camera_missing,
            CameraReadiness::InsecureContext => &self.camera_insecure,
            CameraReadiness::CameraBusy => &self.camera_busy,
            CameraReadiness::Unsupported => &self.camera_unsupported,
            _ => &self.cross_device_intro,
        }
    }

    /// An error, in words.
    pub fn error(&self, error: &LivenessError) -> &str {
        match error {
            LivenessError::Camera(readiness) => self.camera_problem(*readiness),
            LivenessError::Server { .. } => &self.server_error,
            LivenessError::Network(_) => &self.network_error,
            LivenessError::InvalidSession(_) => &self.invalid_session,
            LivenessError::Expired => &self.expired,
        }
    }

    /// [`Texts::time_left`] for `ms` milliseconds, as `m:ss`.
    pub fn time_left(&self, ms: u64) -> String {
        let seconds = ms.div_ceil(1000);
        self.time_left.replace("{time}", &format!("{}:{:02}", seconds / 60, seconds % 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_overrides_some_texts_and_keeps_the_rest() {
        let texts: Texts = serde_json::from_str(r#"{"copyLink": "Salin tautan", "passed": "Berhasil"}"#).unwrap();
        assert_eq!(texts.copy_link, "Salin tautan");
        assert_eq!(texts.passed, "Berhasil");
        assert_eq!(texts.failed, Texts::default().failed);
        assert!(serde_json::from_str::<Texts>(r#"{"copyLnk": "typo"}"#).is_err(), "typos are errors");
    }

    #[test]
    fn time_left_is_minutes_and_seconds_rounded_up() {
        let texts = Texts::default();
        assert_eq!(texts.time_left(3_600_000), "This link works for 60:00 more.");
        assert_eq!(texts.time_left(61_001), "This link works for 1:02 more.");
        assert_eq!(texts.time_left(0), "This link works for 0:00 more.");
    }

    #[test]
    fn every_camera_problem_has_its_own_words() {
        let texts = Texts::default();
        let problems = [
            CameraReadiness::Denied(DeniedBy::User),
            CameraReadiness::Denied(DeniedBy::Policy),
            CameraReadiness::NoCamera,
            CameraReadiness::InsecureContext,
            CameraReadiness::CameraBusy,
            CameraReadiness::Unsupported,
        ];
        let words: std::collections::HashSet<_> = problems.iter().map(|p| texts.camera_problem(*p)).collect();
        assert_eq!(words.len(), problems.len());
    }
}
