//! The liveness check as a pure state machine: every decision the component makes, with no
//! browser in sight. The component feeds it [`FlowEvent`]s (browser facts, server answers, user
//! choices) and carries out the [`Command`]s it returns.

use std::time::Duration;

use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::outcome::LivenessOutcome;
use crate::protocol::{ResultResponse, SessionResponse, VerificationStatus};
use crate::rules::liveness_url::LivenessUrl;
use crate::rules::message::LivenessSignal;
use crate::rules::origin::AllowedOrigin;

/// When to offer the cross-device path (a QR code and a link for another device).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CrossDeviceMode {
    /// When this device's camera cannot be used (default), or when the user asks.
    #[default]
    Auto,
    /// Always: skip this device's camera and show the QR code straight away.
    Always,
    /// Never: a camera problem is an error.
    Never,
}

/// Where the check stands; exposed as `data-state` on the component's root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Camera pre-flight.
    CheckingCamera,
    /// Asking the server for a session.
    LoadingSession,
    /// The liveness page is on screen (and, after its message, the result is being verified).
    InProgress,
    /// The QR code and link for another device; the result is polled.
    CrossDevice,
    /// Passed.
    Passed,
    /// Did not pass.
    Failed,
    /// Stopped by an error (see [`Flow::error`]).
    Error,
}

impl Phase {
    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CheckingCamera => "checking-camera",
            Self::LoadingSession => "loading-session",
            Self::InProgress => "in-progress",
            Self::CrossDevice => "cross-device",
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::Error => "error",
        }
    }
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowEvent {
    /// The camera pre-flight finished.
    CameraChecked(CameraReadiness),
    /// The server (or the app) provided a session.
    SessionReady {
        /// The session.
        session: SessionResponse,
        /// The time now, epoch ms.
        now_ms: u64,
    },
    /// The session could not be had.
    SessionFailed(LivenessError),
    /// The liveness page sent an accepted message.
    FrameSignal(LivenessSignal),
    /// The server's verified state of the session.
    ServerResult(ResultResponse),
    /// Reading the result failed.
    ResultFailed(LivenessError),
    /// The session's `expiresAt` passed.
    Expired,
    /// The user asked to continue on another device.
    ChooseCrossDevice,
    /// The user asked to try this device again.
    RetryHere,
    /// The user asked for a new session (after an error or expiry).
    StartOver,
}

/// Something the component must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Run the camera pre-flight.
    CheckCamera,
    /// Fetch a session from the server.
    LoadSession,
    /// Poll the result until told to stop, waiting as [`PollSchedule`] says between reads.
    StartPolling,
    /// Stop polling.
    StopPolling,
    /// Tell the app: the camera pre-flight's verdict (before the phase it leads to).
    NotifyCamera(CameraReadiness),
    /// Tell the app: the phase changed.
    NotifyState(Phase),
    /// Tell the app: the check ended (exactly once per flow).
    NotifyOutcome(LivenessOutcome),
    /// Tell the app: the flow stopped on an error.
    NotifyError(LivenessError),
}

/// The flow's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowOptions {
    /// When to offer the cross-device path.
    pub cross_device: CrossDeviceMode,
    /// Whether the outcome waits for the server's verified result (default) or trusts the
    /// liveness page's message.
    pub verify: bool,
    /// The only liveness origin accepted, whatever the server says; `None` trusts the session's
    /// `livenessOrigin` (the server is ours).
    pub liveness_origin: Option<AllowedOrigin>,
}

impl Default for FlowOptions {
    fn default() -> Self {
        Self { cross_device: CrossDeviceMode::Auto, verify: true, liveness_origin: None }
    }
}

/// The state of one liveness check.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    options: FlowOptions,
    phase: Phase,
    camera: Option<CameraReadiness>,
    session: Option<SessionResponse>,
    frame_src: Option<LivenessUrl>,
    origin: Option<AllowedOrigin>,
    verifying: bool,
    outcome: Option<LivenessOutcome>,
    error: Option<LivenessError>,
    app_session: bool,
    /// A `LoadSession` was issued and not answered yet.
    session_requested: bool,
    /// The session request failed while the camera was still being checked: reported once the
    /// camera's verdict is in, so the flow never leaves the pre-flight without it.
    session_error: Option<LivenessError>,
}

impl Flow {
    /// A new flow and its first commands. With `app_session`, the app supplies the session
    /// itself (a [`FlowEvent::SessionReady`] follows) instead of the component fetching one.
    pub fn start(options: FlowOptions, app_session: bool) -> (Self, Vec<Command>) {
        let mut flow = Self {
            options,
            phase: Phase::CheckingCamera,
            camera: None,
            session: None,
            frame_src: None,
            origin: None,
            verifying: false,
            outcome: None,
            error: None,
            app_session,
            session_requested: false,
            session_error: None,
        };
        let mut commands = vec![Command::NotifyState(Phase::CheckingCamera)];
        match flow.options.cross_device {
            CrossDeviceMode::Always => {
                commands.extend(flow.go(Phase::LoadingSession));
                commands.extend(flow.load_session());
            }
            // The session is needed whatever the camera says (this device or another), so it is
            // fetched while the camera is checked: the pre-flight costs no time of its own.
            CrossDeviceMode::Auto => {
                commands.push(Command::CheckCamera);
                commands.extend(flow.load_session());
            }
            // Only a working camera needs a session: fetch it after the pre-flight.
            CrossDeviceMode::Never => commands.push(Command::CheckCamera),
        }
        (flow, commands)
    }

    /// Where the check stands.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The session, once there is one.
    pub fn session(&self) -> Option<&SessionResponse> {
        self.session.as_ref()
    }

    /// The validated iframe `src`, once there is a session.
    pub fn frame_src(&self) -> Option<&LivenessUrl> {
        self.frame_src.as_ref()
    }

    /// The origin the liveness page and its messages must come from, once there is a session.
    pub fn liveness_origin(&self) -> Option<&AllowedOrigin> {
        self.origin.as_ref()
    }

    /// The camera pre-flight's answer, once known.
    pub fn camera(&self) -> Option<CameraReadiness> {
        self.camera
    }

    /// Whether the page has reported and the server's verdict is awaited.
    pub fn is_verifying(&self) -> bool {
        self.verifying
    }

    /// Whether the user may switch to another device now: the mode allows it, the liveness page
    /// is shown, and its message has not already been given (then the server's verdict decides).
    pub fn can_choose_cross_device(&self) -> bool {
        self.options.cross_device != CrossDeviceMode::Never && self.phase == Phase::InProgress && !self.verifying
    }

    /// Whether the session in use has expired at `now_ms` (epoch ms) while the user still needs it
    /// (the liveness page or the cross-device panel is shown).
    pub fn has_expired(&self, now_ms: u64) -> bool {
        self.session.as_ref().is_some_and(|s| s.expires_at <= now_ms)
            && matches!(self.phase, Phase::InProgress | Phase::CrossDevice)
    }

    /// How the check ended, once it has.
    pub fn outcome(&self) -> Option<&LivenessOutcome> {
        self.outcome.as_ref()
    }

    /// The error that stopped the flow, in [`Phase::Error`].
    pub fn error(&self) -> Option<&LivenessError> {
        self.error.as_ref()
    }

    fn finished(&self) -> bool {
        matches!(self.phase, Phase::Passed | Phase::Failed)
    }

    fn go(&mut self, phase: Phase) -> Vec<Command> {
        if self.phase == phase {
            return Vec::new();
        }
        self.phase = phase;
        vec![Command::NotifyState(phase)]
    }

    fn fail(&mut self, error: LivenessError) -> Vec<Command> {
        self.error = Some(error.clone());
        self.verifying = false;
        let mut commands = vec![Command::StopPolling];
        commands.extend(self.go(Phase::Error));
        commands.push(Command::NotifyError(error));
        commands
    }

    fn finish(&mut self, outcome: LivenessOutcome) -> Vec<Command> {
        self.verifying = false;
        let phase = if outcome.is_success() { Phase::Passed } else { Phase::Failed };
        self.outcome = Some(outcome.clone());
        let mut commands = vec![Command::StopPolling];
        commands.extend(self.go(phase));
        commands.push(Command::NotifyOutcome(outcome));
        commands
    }

    /// Applies one event; returns what to do. Events that make no sense in the current phase
    /// (a late message, a poll answer after the end) change nothing.
    pub fn apply(&mut self, event: FlowEvent) -> Vec<Command> {
        if self.finished() {
            // One outcome per flow: nothing after it counts.
            return Vec::new();
        }
        match event {
            FlowEvent::CameraChecked(readiness) => self.on_camera(readiness),
            FlowEvent::SessionReady { session, now_ms } => self.on_session(session, now_ms),
            FlowEvent::SessionFailed(error) if self.phase == Phase::LoadingSession => {
                self.session_requested = false;
                self.fail(error)
            }
            FlowEvent::SessionFailed(error) if self.phase == Phase::CheckingCamera && self.session_requested => {
                self.session_requested = false;
                self.session_error = Some(error);
                Vec::new()
            }
            FlowEvent::FrameSignal(signal) if self.phase == Phase::InProgress && !self.verifying => {
                self.on_signal(signal)
            }
            FlowEvent::ServerResult(result) if self.is_polling() => self.on_result(result),
            FlowEvent::ResultFailed(error) if self.is_polling() => {
                // Network trouble while polling is retried; the server saying no is not.
                if error.is_transient() { Vec::new() } else { self.fail(error) }
            }
            FlowEvent::Expired if self.session.is_some() && self.phase != Phase::Error => {
                self.fail(LivenessError::Expired)
            }
            FlowEvent::ChooseCrossDevice if self.can_choose_cross_device() => {
                let mut commands = self.go(Phase::CrossDevice);
                commands.push(Command::StartPolling);
                commands
            }
            FlowEvent::RetryHere if matches!(self.phase, Phase::CrossDevice | Phase::Error) => {
                self.error = None;
                let mut commands = vec![Command::StopPolling];
                commands.extend(self.go(Phase::CheckingCamera));
                commands.push(Command::CheckCamera);
                commands
            }
            FlowEvent::StartOver if self.phase == Phase::Error => {
                self.error = None;
                self.session = None;
                self.frame_src = None;
                self.origin = None;
                let mut commands = self.go(Phase::LoadingSession);
                commands.extend(self.load_session());
                commands
            }
            _ => Vec::new(),
        }
    }

    fn is_polling(&self) -> bool {
        self.phase == Phase::CrossDevice || (self.phase == Phase::InProgress && self.verifying)
    }

    fn on_camera(&mut self, readiness: CameraReadiness) -> Vec<Command> {
        if self.phase != Phase::CheckingCamera {
            return Vec::new();
        }
        self.camera = Some(readiness);
        let mut commands = vec![Command::NotifyCamera(readiness)];
        commands.extend(self.after_camera(readiness));
        commands
    }

    /// Where the pre-flight's verdict leads.
    fn after_camera(&mut self, readiness: CameraReadiness) -> Vec<Command> {
        if !readiness.is_ready() && self.options.cross_device == CrossDeviceMode::Never {
            return self.fail(LivenessError::Camera(readiness));
        }
        if let Some(error) = self.session_error.take() {
            return self.fail(error);
        }
        // A session already held (fetched during the pre-flight, or kept for a retry on this
        // device) is used while it is valid.
        if self.session.is_some() {
            return self.enter_session_phase();
        }
        let mut commands = self.go(Phase::LoadingSession);
        commands.extend(self.load_session());
        commands
    }

    /// Asks for a session unless the app supplies it or a request is already out.
    fn load_session(&mut self) -> Vec<Command> {
        if self.app_session || self.session_requested {
            return Vec::new();
        }
        self.session_requested = true;
        vec![Command::LoadSession]
    }

    fn on_session(&mut self, session: SessionResponse, now_ms: u64) -> Vec<Command> {
        let early = self.phase == Phase::CheckingCamera && (self.app_session || self.session_requested);
        if self.phase != Phase::LoadingSession && !early {
            return Vec::new();
        }
        self.session_requested = false;
        if session.expires_at <= now_ms {
            return self.fail(LivenessError::Expired);
        }
        let pinned = self.options.liveness_origin.as_ref();
        let checked = AllowedOrigin::parse(&session.liveness_origin)
            .map_err(|e| e.to_string())
            .and_then(|origin| match pinned {
                Some(pinned) if *pinned != origin => {
                    Err(format!("the session's liveness origin {origin} is not the configured {pinned}"))
                }
                _ => Ok(origin),
            })
            .and_then(|origin| {
                LivenessUrl::parse(&session.url, &origin).map(|src| (origin, src)).map_err(|e| e.to_string())
            });
        match checked {
            Ok((origin, src)) => {
                self.origin = Some(origin);
                self.frame_src = Some(src);
                self.session = Some(session);
                if self.phase == Phase::CheckingCamera {
                    // The session arrived before the pre-flight ended: keep it for then.
                    return Vec::new();
                }
                self.enter_session_phase()
            }
            Err(reason) => self.fail(LivenessError::InvalidSession(reason)),
        }
    }

    fn enter_session_phase(&mut self) -> Vec<Command> {
        let camera_usable = self.camera.is_some_and(CameraReadiness::is_ready);
        if self.options.cross_device == CrossDeviceMode::Always || !camera_usable {
            let mut commands = self.go(Phase::CrossDevice);
            commands.push(Command::StartPolling);
            commands
        } else {
            self.go(Phase::InProgress)
        }
    }

    fn on_signal(&mut self, signal: LivenessSignal) -> Vec<Command> {
        let Some(session) = &self.session else { return Vec::new() };
        if self.options.verify {
            // The page's word is a claim: the server decides.
            self.verifying = true;
            vec![Command::StartPolling]
        } else {
            let outcome = LivenessOutcome::from_signal(signal, session.signature_id.clone());
            self.finish(outcome)
        }
    }

    fn on_result(&mut self, result: ResultResponse) -> Vec<Command> {
        let Some(session) = &self.session else { return Vec::new() };
        match result.status {
            VerificationStatus::Pending => Vec::new(),
            VerificationStatus::Expired => self.fail(LivenessError::Expired),
            VerificationStatus::Passed | VerificationStatus::Failed => {
                let id = session.signature_id.clone();
                match LivenessOutcome::from_verified(id, result) {
                    Some(outcome) => self.finish(outcome),
                    None => Vec::new(),
                }
            }
        }
    }
}

/// How long to wait before the `attempt`-th result read (0-based): quick at first, then
/// backing off to every 5 seconds.
pub fn poll_delay(attempt: u32) -> Duration {
    let ms = (1_000.0 * 1.5f64.powi(attempt.min(10) as i32)).min(5_000.0);
    Duration::from_millis(ms as u64)
}

/// The waits before each result read of one polling run: [`poll_delay`] in turn, after a first
/// read at once when the page has just said it finished (the result is usually there already).
#[derive(Debug, Clone)]
pub struct PollSchedule {
    read_at_once: bool,
    attempt: u32,
}

impl PollSchedule {
    /// A schedule starting now; `read_at_once` makes the first wait zero.
    pub fn new(read_at_once: bool) -> Self {
        Self { read_at_once, attempt: 0 }
    }
}

impl Iterator for PollSchedule {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        if std::mem::take(&mut self.read_at_once) {
            return Some(Duration::ZERO);
        }
        let delay = poll_delay(self.attempt);
        self.attempt = self.attempt.saturating_add(1);
        Some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::camera_readiness::DeniedBy;
    use crate::protocol::{AttackType, SignatureId};

    const NOW: u64 = 1_700_000_000_000;

    fn session() -> SessionResponse {
        SessionResponse {
            signature_id: SignatureId::new("f302f5d2454a85c2").unwrap(),
            url: "https://liveness.advance.ai/h5?token=a b".into(),
            liveness_origin: "https://liveness.advance.ai".into(),
            expires_at: NOW + 3_600_000,
        }
    }

    fn result(status: VerificationStatus) -> ResultResponse {
        ResultResponse { status, score: Some(97.0), attack_type: None, code: Some("SUCCESS".into()) }
    }

    fn ready_flow(options: FlowOptions) -> Flow {
        let (mut flow, _) = Flow::start(options, false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        flow
    }

    fn outcomes(commands: &[Command]) -> usize {
        commands.iter().filter(|c| matches!(c, Command::NotifyOutcome(_))).count()
    }

    #[test]
    fn a_ready_camera_leads_to_the_frame_with_an_encoded_src() {
        let (mut flow, commands) = Flow::start(FlowOptions::default(), false);
        // The camera is checked and the session fetched at the same time.
        assert_eq!(commands, [Command::NotifyState(Phase::CheckingCamera), Command::CheckCamera, Command::LoadSession]);
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(
            commands,
            [Command::NotifyCamera(CameraReadiness::Ready), Command::NotifyState(Phase::LoadingSession)],
            "no second session request"
        );
        let commands = flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        assert_eq!(commands, [Command::NotifyState(Phase::InProgress)]);
        assert_eq!(flow.frame_src().unwrap().as_str(), "https://liveness.advance.ai/h5?token=a%20b");
    }

    #[test]
    fn a_session_that_arrives_before_the_cameras_verdict_waits_for_it() {
        for (camera, phase) in
            [(CameraReadiness::Ready, Phase::InProgress), (CameraReadiness::Denied(DeniedBy::User), Phase::CrossDevice)]
        {
            let (mut flow, _) = Flow::start(FlowOptions::default(), false);
            assert!(flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW }).is_empty());
            assert_eq!(flow.phase(), Phase::CheckingCamera, "never framed before the pre-flight");
            let commands = flow.apply(FlowEvent::CameraChecked(camera));
            assert_eq!(flow.phase(), phase);
            assert!(!commands.contains(&Command::LoadSession));
        }
    }

    #[test]
    fn a_session_failure_during_the_pre_flight_is_reported_after_it() {
        let error = LivenessError::Network("down".into());
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        assert!(flow.apply(FlowEvent::SessionFailed(error.clone())).is_empty());
        assert_eq!(flow.phase(), Phase::CheckingCamera);
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(flow.phase(), Phase::Error);
        assert!(commands.contains(&Command::NotifyError(error)));
        // Starting over asks for one new session and uses the camera verdict already known.
        assert_eq!(
            flow.apply(FlowEvent::StartOver),
            [Command::NotifyState(Phase::LoadingSession), Command::LoadSession]
        );
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        assert_eq!(flow.phase(), Phase::InProgress);
    }

    #[test]
    fn cross_device_never_fetches_a_session_only_for_a_working_camera() {
        let never = FlowOptions { cross_device: CrossDeviceMode::Never, ..FlowOptions::default() };
        let (mut flow, commands) = Flow::start(never, false);
        assert_eq!(commands, [Command::NotifyState(Phase::CheckingCamera), Command::CheckCamera]);
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(
            commands,
            [
                Command::NotifyCamera(CameraReadiness::Ready),
                Command::NotifyState(Phase::LoadingSession),
                Command::LoadSession
            ]
        );
    }

    #[test]
    fn with_verification_the_page_message_alone_never_passes() {
        let mut flow = ready_flow(FlowOptions::default());
        let commands = flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert_eq!(commands, [Command::StartPolling]);
        assert_eq!(flow.phase(), Phase::InProgress, "not passed on the page's word");
        assert!(flow.is_verifying());
        assert!(flow.apply(FlowEvent::ServerResult(result(VerificationStatus::Pending))).is_empty());
        // The server disagrees with the page: the server wins.
        let commands = flow.apply(FlowEvent::ServerResult(result(VerificationStatus::Failed)));
        assert_eq!(flow.phase(), Phase::Failed);
        assert_eq!(outcomes(&commands), 1);
        assert!(flow.outcome().unwrap().is_verified());
    }

    #[test]
    fn without_verification_the_message_ends_the_flow_unverified() {
        let mut flow = ready_flow(FlowOptions { verify: false, ..FlowOptions::default() });
        let commands = flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert_eq!(flow.phase(), Phase::Passed);
        assert_eq!(outcomes(&commands), 1);
        assert!(!flow.outcome().unwrap().is_verified());
    }

    #[test]
    fn the_outcome_is_announced_once_whatever_follows() {
        let mut flow = ready_flow(FlowOptions { verify: false, ..FlowOptions::default() });
        assert_eq!(outcomes(&flow.apply(FlowEvent::FrameSignal(LivenessSignal::Failure))), 1);
        for event in [
            FlowEvent::FrameSignal(LivenessSignal::Success),
            FlowEvent::ServerResult(result(VerificationStatus::Passed)),
            FlowEvent::Expired,
            FlowEvent::RetryHere,
            FlowEvent::StartOver,
        ] {
            assert!(flow.apply(event).is_empty());
        }
        assert_eq!(flow.phase(), Phase::Failed);
    }

    #[test]
    fn a_second_message_while_verifying_is_ignored() {
        let mut flow = ready_flow(FlowOptions::default());
        flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(flow.apply(FlowEvent::FrameSignal(LivenessSignal::Failure)).is_empty());
    }

    #[test]
    fn an_unusable_camera_offers_the_other_device_and_polls() {
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Denied(DeniedBy::User)));
        assert_eq!(flow.phase(), Phase::LoadingSession);
        let commands = flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        assert_eq!(commands, [Command::NotifyState(Phase::CrossDevice), Command::StartPolling]);
        let mut passed = result(VerificationStatus::Passed);
        passed.attack_type = None;
        let commands = flow.apply(FlowEvent::ServerResult(passed));
        assert_eq!(flow.phase(), Phase::Passed);
        assert!(commands.contains(&Command::StopPolling));
    }

    #[test]
    fn the_app_hears_each_camera_verdict_before_the_phase_it_leads_to() {
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        let denied = CameraReadiness::Denied(DeniedBy::User);
        let commands = flow.apply(FlowEvent::CameraChecked(denied));
        assert_eq!(commands[..2], [Command::NotifyCamera(denied), Command::NotifyState(Phase::CrossDevice)]);
        // A verdict nobody asked for (the check is past the pre-flight) is not reported.
        assert!(flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready)).is_empty());
        // Trying this device again asks again, and the new verdict is reported too.
        assert!(flow.apply(FlowEvent::RetryHere).contains(&Command::CheckCamera));
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(
            commands[..2],
            [Command::NotifyCamera(CameraReadiness::Ready), Command::NotifyState(Phase::InProgress)]
        );
    }

    #[test]
    fn cross_device_never_turns_a_camera_problem_into_an_error() {
        let (mut flow, _) =
            Flow::start(FlowOptions { cross_device: CrossDeviceMode::Never, ..FlowOptions::default() }, false);
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::NoCamera));
        assert_eq!(flow.phase(), Phase::Error);
        assert!(commands.contains(&Command::NotifyError(LivenessError::Camera(CameraReadiness::NoCamera))));
    }

    #[test]
    fn cross_device_always_skips_the_camera() {
        let (mut flow, commands) =
            Flow::start(FlowOptions { cross_device: CrossDeviceMode::Always, ..FlowOptions::default() }, false);
        assert!(commands.contains(&Command::LoadSession) && !commands.contains(&Command::CheckCamera));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        assert_eq!(flow.phase(), Phase::CrossDevice);
    }

    #[test]
    fn switching_device_and_expiry_apply_only_while_the_session_is_in_use() {
        let mut flow = ready_flow(FlowOptions::default());
        let expiry = flow.session().unwrap().expires_at;
        assert!(flow.can_choose_cross_device());
        assert!(!flow.has_expired(expiry - 1) && flow.has_expired(expiry));
        flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(!flow.can_choose_cross_device(), "not once the page has reported");
        let never = ready_flow(FlowOptions { cross_device: CrossDeviceMode::Never, ..FlowOptions::default() });
        assert!(!never.can_choose_cross_device());
        let (checking, _) = Flow::start(FlowOptions::default(), false);
        assert!(!checking.can_choose_cross_device() && !checking.has_expired(u64::MAX), "no session yet");
        let mut passed = ready_flow(FlowOptions { verify: false, ..FlowOptions::default() });
        passed.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(!passed.has_expired(u64::MAX), "a finished check does not expire");
    }

    #[test]
    fn the_user_can_switch_device_and_come_back_with_the_same_session() {
        let mut flow = ready_flow(FlowOptions::default());
        assert_eq!(
            flow.apply(FlowEvent::ChooseCrossDevice),
            [Command::NotifyState(Phase::CrossDevice), Command::StartPolling]
        );
        let commands = flow.apply(FlowEvent::RetryHere);
        assert_eq!(commands, [Command::StopPolling, Command::NotifyState(Phase::CheckingCamera), Command::CheckCamera]);
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(
            commands,
            [Command::NotifyCamera(CameraReadiness::Ready), Command::NotifyState(Phase::InProgress)],
            "no second session"
        );
        assert_eq!(flow.session().unwrap().signature_id.as_str(), "f302f5d2454a85c2");
    }

    #[test]
    fn expiry_stops_the_flow_and_a_new_session_can_be_started() {
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::NoCamera));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        let commands = flow.apply(FlowEvent::Expired);
        assert_eq!(flow.phase(), Phase::Error);
        assert!(commands.contains(&Command::NotifyError(LivenessError::Expired)));
        assert_eq!(
            flow.apply(FlowEvent::StartOver),
            [Command::NotifyState(Phase::LoadingSession), Command::LoadSession]
        );
        assert!(flow.session().is_none());
    }

    #[test]
    fn a_session_that_is_already_expired_or_off_origin_is_refused() {
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        let stale = SessionResponse { expires_at: NOW - 1, ..session() };
        flow.apply(FlowEvent::SessionReady { session: stale, now_ms: NOW });
        assert_eq!(flow.error(), Some(&LivenessError::Expired));

        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        let evil = SessionResponse { url: "https://evil.example/h5".into(), ..session() };
        flow.apply(FlowEvent::SessionReady { session: evil, now_ms: NOW });
        assert!(matches!(flow.error(), Some(LivenessError::InvalidSession(_))));
        assert!(flow.frame_src().is_none(), "nothing to frame");
        let javascript = SessionResponse { url: "javascript:alert(1)".into(), ..session() };
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        flow.apply(FlowEvent::SessionReady { session: javascript, now_ms: NOW });
        assert_eq!(flow.phase(), Phase::Error);
    }

    #[test]
    fn a_pinned_liveness_origin_overrules_the_server() {
        let pinned = FlowOptions {
            liveness_origin: Some(AllowedOrigin::parse("https://other.example").unwrap()),
            ..FlowOptions::default()
        };
        let (mut flow, _) = Flow::start(pinned, false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        assert!(
            matches!(flow.error(), Some(LivenessError::InvalidSession(reason)) if reason.contains("other.example"))
        );
        let same = FlowOptions { liveness_origin: Some(AllowedOrigin::default()), ..FlowOptions::default() };
        assert_eq!(ready_flow(same).phase(), Phase::InProgress);
    }

    #[test]
    fn polling_survives_network_trouble_but_not_a_refusal() {
        let mut flow = ready_flow(FlowOptions::default());
        flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(flow.apply(FlowEvent::ResultFailed(LivenessError::Network("offline".into()))).is_empty());
        let refused =
            LivenessError::Server { status: 403, code: crate::ApiErrorCode::NotSessionOwner, message: "no".into() };
        flow.apply(FlowEvent::ResultFailed(refused.clone()));
        assert_eq!(flow.error(), Some(&refused));
    }

    #[test]
    fn attack_details_reach_the_outcome() {
        let mut flow = ready_flow(FlowOptions::default());
        flow.apply(FlowEvent::FrameSignal(LivenessSignal::Failure));
        let attack = ResultResponse {
            status: VerificationStatus::Failed,
            score: Some(0.0),
            attack_type: Some(AttackType::Injection),
            code: Some("SUCCESS".into()),
        };
        flow.apply(FlowEvent::ServerResult(attack.clone()));
        match flow.outcome() {
            Some(LivenessOutcome::Failure { verified: Some(result), .. }) => assert_eq!(result, &attack),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_app_session_needs_no_fetch() {
        let (mut flow, commands) = Flow::start(FlowOptions::default(), true);
        assert!(!commands.contains(&Command::LoadSession));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(commands, [Command::NotifyCamera(CameraReadiness::Ready), Command::NotifyState(Phase::InProgress)]);
    }

    #[test]
    fn a_polling_run_backs_off_from_its_first_wait_and_reads_at_once_after_the_page_finished() {
        let ms = |schedule: PollSchedule| schedule.take(4).map(|d| d.as_millis()).collect::<Vec<_>>();
        // Each wait once: the second read does not repeat the first one's delay.
        assert_eq!(ms(PollSchedule::new(false)), [1_000, 1_500, 2_250, 3_375]);
        assert_eq!(ms(PollSchedule::new(true)), [0, 1_000, 1_500, 2_250]);
    }

    #[test]
    fn poll_delays_back_off_to_five_seconds() {
        assert_eq!(poll_delay(0), Duration::from_millis(1_000));
        assert_eq!(poll_delay(1), Duration::from_millis(1_500));
        assert!(poll_delay(3) < poll_delay(4));
        assert_eq!(poll_delay(20), Duration::from_secs(5));
    }
}
