//! Every text the component shows, with English defaults. Override any of them (in Rust, or as
//! JSON through the JS bundle); `{time}` in [`Texts::time_left`] is replaced by `m:ss`.
//!
//! Other languages come as packs of the same texts ([`crate::locale`]); an integrator's
//! overrides win over the pack key by key ([`Texts::over`]).

use serde::{Deserialize, Serialize};

use crate::camera_readiness::{CameraReadiness, DeniedBy};
use crate::error::LivenessError;

/// Declares [`Texts`] with each text's English default next to its key, once: the struct, its
/// `Default`, and [`Texts::over`].
macro_rules! texts {
    ($($(#[doc = $doc:literal])+ $key:ident: $english:literal,)+) => {
        /// The component's texts. Unset fields in JSON keep their English default.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default, rename_all = "camelCase", deny_unknown_fields)]
        pub struct Texts {
            $($(#[doc = $doc])+ pub $key: String,)+
        }

        impl Default for Texts {
            fn default() -> Self {
                Self { $($key: $english.to_owned(),)+ }
            }
        }

        impl Texts {
            /// The English defaults, in declaration order.
            const ENGLISH: &[&str] = &[$($english,)+];

            /// The field names, in declaration order (JSON spells them in camelCase: [`json_key`]).
            pub const KEYS: &[&str] = &[$(stringify!($key),)+];

            /// The text at `index` in declaration order (what [`Texts::over`] walks: one loop,
            /// not one comparison per field, which keeps the bundle small).
            pub(crate) fn at(&mut self, index: usize) -> Option<&mut String> {
                let mut i = 0;
                $(
                    if i == index {
                        return Some(&mut self.$key);
                    }
                    i += 1;
                )+
                let _ = i;
                None
            }
        }
    };
}

texts! {
    /// Announced while the camera is checked.
    checking_camera: "Checking your camera…",
    /// Announced while the session is fetched.
    loading_session: "Preparing your liveness check…",
    /// Announced when the liveness page is shown.
    in_progress: "Follow the instructions in the liveness check.",
    /// Announced after the page reported, while the server's verdict is awaited.
    verifying: "Confirming your result…",
    /// Shown when the check passed.
    passed: "Verification complete. Thank you!",
    /// Shown when the check did not pass.
    failed: "We could not verify you this time.",
    /// The iframe's `title`, for screen readers.
    frame_title: "Liveness check",
    /// The button that switches to another device.
    use_other_device: "Use another device instead",
    /// The button that takes a full-screen liveness page back into the page.
    exit_fullscreen: "Exit full screen",
    /// Heading of the cross-device panel.
    cross_device_title: "Continue on another device",
    /// Announced while the check runs on the other device.
    waiting_other_device: "Waiting for the check on your other device…",
    /// Cross-device explanation when the user chose it.
    cross_device_intro: "Scan the QR code with your phone, or copy the link and open it on a device with a camera.",
    /// Camera blocked by the user or a site setting.
    camera_denied: "Camera access is blocked in this browser. Allow it in the site settings and try again, or continue on another device.",
    /// Camera blocked by the page's permissions policy.
    camera_blocked_by_policy: "This page is not allowed to use the camera. Continue on another device.",
    /// No camera on this device.
    camera_missing: "No camera was found on this device. Continue on another device.",
    /// Page not in a secure context.
    camera_insecure: "The camera only works on a secure (https) page. Continue on another device.",
    /// Camera in use or failing.
    camera_busy: "Your camera is in use by another app or not responding. Close other apps and try again, or continue on another device.",
    /// Browser without camera support.
    camera_unsupported: "This browser cannot use the camera. Continue on another device.",
    /// The QR code's accessible name.
    qr_label: "QR code with the link to continue on another device",
    /// The link field's label.
    link_label: "Link to continue on another device",
    /// The copy button.
    copy_link: "Copy link",
    /// Shown after copying.
    copied: "Link copied",
    /// Shown when copying is impossible (the link is selected instead).
    copy_failed: "Copying is not available: the link is selected, copy it with your keyboard.",
    /// Button to try this device's camera again.
    retry_here: "Try this device again",
    /// Time left on the session; `{time}` becomes `m:ss`.
    time_left: "This link works for {time} more.",
    /// The session expired.
    expired: "This liveness session has expired.",
    /// Button to start a new session.
    start_over: "Start a new check",
    /// The server could not be reached.
    network_error: "We could not reach the server. Check your connection and try again.",
    /// The server refused.
    server_error: "The liveness check is unavailable right now. Please try again.",
    /// The session broke the URL rules.
    invalid_session: "The liveness check could not be started safely.",
}

impl Texts {
    /// These texts over a locale's `pack`: each text left at its English default is the pack's,
    /// every other one (an integrator's override) stays as it is.
    pub fn over(&self, pack: &Texts) -> Texts {
        let mut shown = pack.clone();
        let mut mine = self.clone();
        for (index, english) in Texts::ENGLISH.iter().enumerate() {
            if let (Some(own), Some(text)) = (mine.at(index), shown.at(index))
                && own != english
            {
                std::mem::swap(own, text);
            }
        }
        shown
    }

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
            // Not shown: the check goes on, in English.
            LivenessError::LocalePack { .. } => "",
        }
    }

    /// [`Texts::time_left`] for `ms` milliseconds, as `m:ss`.
    pub fn time_left(&self, ms: u64) -> String {
        let seconds = ms.div_ceil(1000);
        self.time_left.replace("{time}", &format!("{}:{:02}", seconds / 60, seconds % 60))
    }
}

/// The browser's reader ([`crate::json`]), as the derive reads natively: every key optional (its
/// English default when missing or `undefined`), each a string, and a key that is none of
/// [`Texts::KEYS`] refused by name. One loop over the macro's keys: a new text needs no edit here.
#[cfg(target_arch = "wasm32")]
impl crate::json::FromJson for Texts {
    fn read(value: &wasm_bindgen::JsValue, at: &str) -> Result<Self, crate::json::JsonError> {
        use crate::json::js::{Fields, string};
        let fields = Fields::open(value, at)?;
        let keys: Vec<String> = Texts::KEYS.iter().map(|field| json_key(field)).collect();
        fields.check_keys(|key| keys.iter().any(|k| k == key), || keys.join(", "))?;
        let mut texts = Texts::default();
        for (index, key) in keys.iter().enumerate() {
            let value = fields.get(key);
            if let (false, Some(text)) = (value.is_undefined(), texts.at(index)) {
                *text = string(&value, &fields.path(key))?;
            }
        }
        Ok(texts)
    }
}

/// A field name as JSON spells it: `time_left` is `timeLeft`.
pub fn json_key(field: &str) -> String {
    let mut key = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                key.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => key.push(c),
        }
    }
    key
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
    fn json_keys_are_the_serde_names_in_order() {
        let serde_names: Vec<String> = match serde_json::to_value(Texts::default()).unwrap() {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => unreachable!("an object"),
        };
        let mut ours: Vec<String> = Texts::KEYS.iter().map(|k| json_key(k)).collect();
        ours.sort();
        let mut theirs = serde_names;
        theirs.sort();
        assert_eq!(ours, theirs);
        let mut texts = Texts::default();
        *texts.at(Texts::KEYS.iter().position(|k| *k == "time_left").unwrap()).unwrap() = "x".into();
        assert_eq!(texts.time_left, "x", "`at` follows the same order");
    }

    #[test]
    fn overrides_win_over_a_pack_key_by_key() {
        let pack = Texts { copy_link: "Salin tautan".into(), passed: "Berhasil".into(), ..Texts::default() };
        let overrides = Texts { passed: "Selesai!".into(), ..Texts::default() };
        let shown = overrides.over(&pack);
        assert_eq!(shown.passed, "Selesai!", "the integrator's text");
        assert_eq!(shown.copy_link, "Salin tautan", "the pack's text");
        assert_eq!(shown.failed, Texts::default().failed, "English where neither says otherwise");
        assert_eq!(Texts::default().over(&Texts::default()), Texts::default());
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
