//! Whether this device's camera can be used for the check, and if not, why: the pure half of the
//! camera pre-flight. The browser facts are gathered by `camera` (wasm32 only).

use std::fmt;

/// The answer of the camera pre-flight, with a named reason when the camera cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CameraReadiness {
    /// A camera answered and was released again.
    Ready,
    /// Access was refused.
    Denied(DeniedBy),
    /// No camera is connected (or none matches a video request).
    NoCamera,
    /// The page is not a secure context (not https, not localhost): browsers hide the camera.
    InsecureContext,
    /// A camera exists but could not be started: in use by another app, or failing.
    CameraBusy,
    /// This browser (or webview) has no `navigator.mediaDevices.getUserMedia`.
    Unsupported,
}

/// Who refused camera access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeniedBy {
    /// The user (now, or earlier with "don't ask again" / a site setting).
    User,
    /// The page's Permissions-Policy (or the embedding iframe's `allow`) forbids the camera.
    Policy,
}

/// The browser's answer to `navigator.permissions.query({name: "camera"})`, when it gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionAnswer {
    /// `granted`.
    Granted,
    /// `prompt`: the user will be asked.
    Prompt,
    /// `denied`.
    Denied,
}

impl PermissionAnswer {
    /// The answer named as the Permissions API names its states (`granted`, `prompt`,
    /// `denied`), or `None` for any other name.
    pub fn from_state(state: &str) -> Option<Self> {
        match state {
            "granted" => Some(Self::Granted),
            "prompt" => Some(Self::Prompt),
            "denied" => Some(Self::Denied),
            _ => None,
        }
    }
}

impl CameraReadiness {
    /// Whether the liveness page can be run on this device.
    pub fn is_ready(self) -> bool {
        matches!(self, Self::Ready)
    }

    /// A short stable name: `ready`, `denied-by-user`, `denied-by-policy`, `no-camera`,
    /// `insecure-context`, `camera-busy`, `unsupported`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Denied(DeniedBy::User) => "denied-by-user",
            Self::Denied(DeniedBy::Policy) => "denied-by-policy",
            Self::NoCamera => "no-camera",
            Self::InsecureContext => "insecure-context",
            Self::CameraBusy => "camera-busy",
            Self::Unsupported => "unsupported",
        }
    }

    /// The verdict before any camera is touched, from facts every browser can report.
    ///
    /// `None` means the `getUserMedia` probe must decide. A missing or failing Permissions API
    /// (`permission: None`) never produces a denial on its own.
    pub fn before_probe(
        secure_context: bool,
        has_get_user_media: bool,
        policy_allows_camera: Option<bool>,
        permission: Option<PermissionAnswer>,
    ) -> Option<Self> {
        if !secure_context {
            return Some(Self::InsecureContext);
        }
        if !has_get_user_media {
            return Some(Self::Unsupported);
        }
        if policy_allows_camera == Some(false) {
            return Some(Self::Denied(DeniedBy::Policy));
        }
        match permission {
            Some(PermissionAnswer::Denied) => Some(Self::Denied(DeniedBy::User)),
            Some(PermissionAnswer::Granted | PermissionAnswer::Prompt) | None => None,
        }
    }

    /// The verdict when camera access is already granted, from whether the device list shows a
    /// camera (`None` when the list could not be read: the liveness page will find out).
    pub fn when_granted(camera_listed: Option<bool>) -> Self {
        if camera_listed == Some(false) { Self::NoCamera } else { Self::Ready }
    }

    /// The verdict from the `DOMException` name a failed `getUserMedia({video: true})` threw.
    ///
    /// Names follow the Media Capture spec, plus the legacy ones older Chrome and Firefox used.
    pub fn from_probe_error(error_name: &str, policy_allows_camera: Option<bool>) -> Self {
        match error_name {
            "NotAllowedError" | "PermissionDeniedError" | "SecurityError" => {
                if policy_allows_camera == Some(false) {
                    Self::Denied(DeniedBy::Policy)
                } else {
                    Self::Denied(DeniedBy::User)
                }
            }
            "NotFoundError" | "DevicesNotFoundError" | "OverconstrainedError" | "ConstraintNotSatisfiedError" => {
                Self::NoCamera
            }
            "TypeError" => Self::Unsupported,
            // NotReadableError, TrackStartError, AbortError, and anything new: a camera that exists
            // but would not start. Retrying, or another device, is the way forward.
            _ => Self::CameraBusy,
        }
    }
}

/// What the browser says about its camera before any camera is opened: gathered in one go by
/// `camera` in the wasm, or by the JS bundle's head start while the wasm downloads (the same
/// questions; the verdict is always this one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CameraFacts {
    /// `window.isSecureContext`.
    pub secure_context: bool,
    /// `navigator.mediaDevices.getUserMedia` is a function.
    pub has_get_user_media: bool,
    /// The Permissions-Policy's answer for `camera`, where the browser gives one.
    pub policy_allows_camera: Option<bool>,
    /// The Permissions API's `camera` state, where the browser gives one.
    pub permission: Option<PermissionAnswer>,
    /// Whether the device list shows a camera; asked only when access is granted (`None`
    /// otherwise, or when the list could not be read).
    pub camera_listed: Option<bool>,
}

impl CameraFacts {
    /// The verdict these facts allow, or `None` when only a `getUserMedia` probe can decide.
    /// The JS bundle frames the liveness page early only where this is `Some(Ready)`
    /// (`cameraReadyNow`; both checked against tests/cases/early_frame.json).
    pub fn verdict(&self) -> Option<CameraReadiness> {
        let before = CameraReadiness::before_probe(
            self.secure_context,
            self.has_get_user_media,
            self.policy_allows_camera,
            self.permission,
        );
        match (before, self.permission) {
            (Some(verdict), _) => Some(verdict),
            (None, Some(PermissionAnswer::Granted)) => Some(CameraReadiness::when_granted(self.camera_listed)),
            (None, _) => None,
        }
    }
}

impl fmt::Display for CameraReadiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CameraReadiness as C;

    #[test]
    fn facts_before_the_probe() {
        assert_eq!(C::before_probe(false, true, Some(true), Some(PermissionAnswer::Granted)), Some(C::InsecureContext));
        assert_eq!(C::before_probe(true, false, None, None), Some(C::Unsupported));
        assert_eq!(C::before_probe(true, true, Some(false), None), Some(C::Denied(DeniedBy::Policy)));
        assert_eq!(
            C::before_probe(true, true, Some(true), Some(PermissionAnswer::Denied)),
            Some(C::Denied(DeniedBy::User))
        );
        assert_eq!(C::before_probe(true, true, Some(true), Some(PermissionAnswer::Prompt)), None);
        assert_eq!(C::before_probe(true, true, None, Some(PermissionAnswer::Granted)), None);
    }

    #[test]
    fn granted_access_needs_only_a_listed_camera() {
        assert_eq!(C::when_granted(Some(true)), C::Ready);
        assert_eq!(C::when_granted(Some(false)), C::NoCamera);
        assert_eq!(C::when_granted(None), C::Ready, "an unreadable list is left to the liveness page");
    }

    #[test]
    fn a_missing_permissions_api_is_never_a_denial() {
        assert_eq!(C::before_probe(true, true, None, None), None);
    }

    #[test]
    fn probe_errors_map_to_named_reasons() {
        assert_eq!(C::from_probe_error("NotAllowedError", None), C::Denied(DeniedBy::User));
        assert_eq!(C::from_probe_error("PermissionDeniedError", Some(true)), C::Denied(DeniedBy::User));
        assert_eq!(C::from_probe_error("NotAllowedError", Some(false)), C::Denied(DeniedBy::Policy));
        assert_eq!(C::from_probe_error("SecurityError", None), C::Denied(DeniedBy::User));
        assert_eq!(C::from_probe_error("NotFoundError", None), C::NoCamera);
        assert_eq!(C::from_probe_error("DevicesNotFoundError", None), C::NoCamera);
        assert_eq!(C::from_probe_error("OverconstrainedError", None), C::NoCamera);
        assert_eq!(C::from_probe_error("NotReadableError", None), C::CameraBusy);
        assert_eq!(C::from_probe_error("TrackStartError", None), C::CameraBusy);
        assert_eq!(C::from_probe_error("AbortError", None), C::CameraBusy);
        assert_eq!(C::from_probe_error("SomethingNewError", None), C::CameraBusy);
        assert_eq!(C::from_probe_error("TypeError", None), C::Unsupported);
    }

    /// The facts' verdict against tests/cases/early_frame.json, whose `ready` rows are where the
    /// JS bundle's head start frames early (tests/node-import checks `cameraReadyNow`).
    #[test]
    fn facts_decide_as_the_shared_table_says() {
        let table: serde_json::Value = serde_json::from_str(include_str!("../tests/cases/early_frame.json")).unwrap();
        for case in table["camera"].as_array().unwrap() {
            let facts = &case[0];
            let flag = |key: &str| facts[key].as_bool();
            let permission = facts["permission"].as_str().and_then(PermissionAnswer::from_state);
            let facts = CameraFacts {
                secure_context: flag("secureContext").unwrap(),
                has_get_user_media: flag("getUserMedia").unwrap(),
                policy_allows_camera: flag("policy"),
                permission,
                camera_listed: flag("cameraListed"),
            };
            assert_eq!(facts.verdict().map(C::kind), case[1].as_str(), "{case}");
        }
    }

    #[test]
    fn kinds_are_distinct() {
        let all = [
            C::Ready,
            C::Denied(DeniedBy::User),
            C::Denied(DeniedBy::Policy),
            C::NoCamera,
            C::InsecureContext,
            C::CameraBusy,
            C::Unsupported,
        ];
        let kinds: std::collections::HashSet<_> = all.iter().map(|c| c.kind()).collect();
        assert_eq!(kinds.len(), all.len());
        assert!(all.iter().filter(|c| c.is_ready()).count() == 1);
    }
}
