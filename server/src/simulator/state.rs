//! What the simulated vendor remembers: access tokens, sessions and their results, the UI
//! configuration, faults, and call counts.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

use super::faults::{EndpointName, Faults};
use crate::vendor::configure_ui::UiConfig;
use crate::vendor::envelope::VendorCode;
use crate::vendor::secret::Credentials;

pub use crate::clock::now_ms;
pub use crate::vendor::api::SESSION_URL_LIFETIME_MS as SESSION_LIFETIME_MS;

/// Regions the simulator serves; others get `REGION_WRONG`. The vendor's list is per account;
/// these are the markets its guide and site name.
pub const SUPPORTED_REGIONS: &[&str] = &[
    "IDN", "PHL", "VNM", "THA", "MYS", "SGP", "IND", "PAK", "BGD", "LKA", "NGA", "KEN", "MEX", "COL", "PER", "BRA",
    "CHN", "HKG",
];

/// The simulator's settings.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// The one account it knows. Default: the guide's example pair.
    pub credentials: Credentials,
    /// Its own base URL as browsers reach it (for the hosted page URLs it hands out).
    pub public_base: String,
    /// How long a session's page URL stays valid: the guide's 3600 s unless a test or bench
    /// shortens it to watch sessions expire (the session server against it must be told the
    /// same, as [`crate::app::AppConfig::simulated_builder`] does).
    pub session_lifetime: Duration,
}

impl SimulatorConfig {
    /// The account `credentials`, served at `public_base`, sessions living the guide's 3600 s.
    pub fn new(credentials: Credentials, public_base: String) -> Self {
        Self { credentials, public_base, session_lifetime: Duration::from_millis(SESSION_LIFETIME_MS) }
    }
}

/// One liveness session.
#[derive(Debug, Clone)]
pub struct SimSession {
    /// Its id.
    pub signature_id: String,
    /// The secret in its page URL.
    pub page_token: String,
    /// Expiry, epoch ms.
    pub expires_at: u64,
    /// Where a passed check goes (direct mode).
    pub return_url: String,
    /// Where a failed check goes (direct mode).
    pub failed_return_url: Option<String>,
    /// Whether `isLivenessIframe=true` was in the return URL.
    pub iframe_mode: bool,
    /// The result, once the user finished.
    pub result: Option<SimResult>,
    /// Whether clear-data removed it.
    pub cleared: bool,
    /// An outcome a test asked for, applied when the check completes.
    pub forced: Option<ForcedOutcome>,
    /// The language the check chose for this session, when the session server runs against this
    /// simulator in-process (`--simulate`, the demo). Not the vendor's: its API takes no
    /// per-session language, only the account-wide ConfigureUI `locale`.
    pub locale: Option<String>,
}

/// A finished check.
#[derive(Debug, Clone)]
pub struct SimResult {
    /// `SUCCESS` or a face-failure code.
    pub code: VendorCode,
    /// 0-100, or none on face failures.
    pub score: Option<f64>,
    /// 1, 2, 3 when the score is 0.
    pub attack_type: Option<i64>,
    /// Base64 JPEG far frame.
    pub image_far: Option<String>,
    /// Base64 JPEG near frame.
    pub image_near: Option<String>,
    /// Epoch ms of the far frame.
    pub far_image_time: Option<i64>,
    /// Epoch ms of the near frame.
    pub near_image_time: Option<i64>,
    /// Whether it was completed through the cross-device link.
    pub cross_device: bool,
}

/// Outcomes a test can force, whatever the frames say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForcedOutcome {
    /// `SUCCESS`, score 99.
    Pass,
    /// `SUCCESS`, score 20 (below the attack threshold, no attack type).
    Fail,
    /// `SUCCESS`, score 0, attack type 1.
    PresentationAttack,
    /// `SUCCESS`, score 0, attack type 2.
    InjectionAttack,
    /// `SUCCESS`, score 0, attack type 3.
    UnsureAttack,
    /// `NO_FACE_DETECTED`.
    NoFace,
    /// `TOO_MANY_FACES_DETECTED`.
    TooManyFaces,
    /// `INVALID_FACE_DETECTED`.
    InvalidFace,
    /// `FACE_OCCLUDED`.
    FaceOccluded,
    /// `FACE_QUALITY_TOO_POOR`.
    FaceQualityTooPoor,
}

#[derive(Debug, Default)]
pub(crate) struct Data {
    pub tokens: HashMap<String, u64>,
    pub sessions: HashMap<String, SimSession>,
    pub page_tokens: HashMap<String, String>,
    pub ui: UiConfig,
    pub faults: Faults,
}

/// Calls per endpoint, for tests (single-flight token refresh) and benchmarks.
#[derive(Debug, Default)]
pub struct Stats {
    generate_token: AtomicU64,
    get_token: AtomicU64,
    get_result: AtomicU64,
    clear_data: AtomicU64,
    configure_ui: AtomicU64,
}

/// A snapshot of [`Stats`], as `GET /__sim/stats` answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsSnapshot {
    /// Token Authentication calls.
    pub generate_token: u64,
    /// Get Token calls.
    pub get_token: u64,
    /// Get Result calls.
    pub get_result: u64,
    /// Clear-data calls.
    pub clear_data: u64,
    /// ConfigureUI calls.
    pub configure_ui: u64,
}

impl Stats {
    pub(crate) fn count(&self, endpoint: EndpointName) {
        let counter = match endpoint {
            EndpointName::GenerateToken => &self.generate_token,
            EndpointName::GetToken => &self.get_token,
            EndpointName::GetResult => &self.get_result,
            EndpointName::ClearData => &self.clear_data,
            EndpointName::ConfigureUi => &self.configure_ui,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The counts now.
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            generate_token: self.generate_token.load(Ordering::Relaxed),
            get_token: self.get_token.load(Ordering::Relaxed),
            get_result: self.get_result.load(Ordering::Relaxed),
            clear_data: self.clear_data.load(Ordering::Relaxed),
            configure_ui: self.configure_ui.load(Ordering::Relaxed),
        }
    }
}

/// The simulated vendor: cheap to clone, shared by its handlers.
#[derive(Debug, Clone)]
pub struct Simulator {
    pub(crate) config: Arc<SimulatorConfig>,
    data: Arc<Mutex<Data>>,
    pub(crate) stats: Arc<Stats>,
}

impl Simulator {
    /// A simulator with no sessions and no faults.
    pub fn new(config: SimulatorConfig) -> Self {
        Self { config: Arc::new(config), data: Arc::default(), stats: Arc::default() }
    }

    /// Call counts so far.
    pub fn stats(&self) -> StatsSnapshot {
        self.stats.snapshot()
    }

    /// Replaces the fault configuration.
    pub fn set_faults(&self, faults: Faults) {
        self.lock().faults = faults;
    }

    /// Sets the outcome the session will have when it completes. `false` if there is no such session.
    pub fn force(&self, signature_id: &str, outcome: ForcedOutcome) -> bool {
        self.lock().sessions.get_mut(signature_id).map(|s| s.forced = Some(outcome)).is_some()
    }

    /// Shows `signature_id`'s hosted page in `locale` (a BCP 47 tag a pack serves). A stand-in
    /// for what the vendor lacks, used by the in-process session server so that the demo shows
    /// the whole flow in one language; `false` for an unknown session.
    pub fn set_session_locale(&self, signature_id: &str, locale: &str) -> bool {
        self.lock().sessions.get_mut(signature_id).map(|s| s.locale = Some(locale.to_owned())).is_some()
    }

    /// Revokes every access token, as a vendor-side expiry would (tests of the refresh path).
    pub fn revoke_tokens(&self) {
        self.lock().tokens.clear();
    }

    /// The access tokens issued so far and still valid (tests check none of them leaks).
    pub fn issued_tokens(&self) -> Vec<String> {
        self.lock().tokens.keys().cloned().collect()
    }

    /// Locks the data. Critical sections are short and never await, so a std mutex is right.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Data> {
        // A panic while holding the lock would be a simulator bug; the data is still usable.
        self.data.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `n` random lower-case hex digits.
pub fn random_hex(n: usize) -> String {
    (0..n).map(|_| char::from(b"0123456789abcdef"[rand::random_range(0..16)])).collect()
}
