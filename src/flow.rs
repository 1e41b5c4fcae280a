//! The liveness check as a pure state machine: every decision the component makes, with no
//! browser in sight. The component feeds it [`FlowEvent`]s (browser facts, server answers, user
//! choices, the clock) and carries out the [`Command`]s it returns; it asks the flow nothing but
//! what to show ([`Flow::state`] and the read accessors).
//!
//! Each [`FlowState`] holds exactly what its phase needs, so a combination that cannot happen
//! (a verdict on a session nobody holds, say) cannot be written down either.

use std::time::Duration;

use crate::camera_readiness::CameraReadiness;
use crate::error::LivenessError;
use crate::outcome::LivenessOutcome;
use crate::protocol::{ResultResponse, SessionResponse, SignatureId, VerificationStatus};
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

/// Where the check stands, without the data ([`FlowState`] has it); exposed as `data-state` on
/// the component's root element and passed to the app's state callback.
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

/// A session that passed the checks: not expired when it arrived, its liveness origin the pinned
/// one (if any), and its URL frameable on that origin.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSession {
    response: SessionResponse,
    origin: AllowedOrigin,
    frame_src: LivenessUrl,
}

impl CheckedSession {
    /// Checks `response` at `now_ms` (epoch ms) against the `pinned` liveness origin, if any.
    fn check(response: SessionResponse, now_ms: u64, pinned: Option<&AllowedOrigin>) -> Result<Self, LivenessError> {
        if response.expires_at <= now_ms {
            return Err(LivenessError::Expired);
        }
        let origin = AllowedOrigin::parse(&response.liveness_origin)
            .map_err(|e| LivenessError::InvalidSession(e.to_string()))?;
        if let Some(pinned) = pinned.filter(|pinned| **pinned != origin) {
            return Err(LivenessError::InvalidSession(format!(
                "the session's liveness origin {origin} is not the configured {pinned}"
            )));
        }
        let frame_src =
            LivenessUrl::parse(&response.url, &origin).map_err(|e| LivenessError::InvalidSession(e.to_string()))?;
        Ok(Self { response, origin, frame_src })
    }

    /// The session as the server (or the app) gave it.
    pub fn response(&self) -> &SessionResponse {
        &self.response
    }

    /// The origin the liveness page and its messages must come from.
    pub fn origin(&self) -> &AllowedOrigin {
        &self.origin
    }

    /// The validated iframe `src` (also the cross-device link).
    pub fn frame_src(&self) -> &LivenessUrl {
        &self.frame_src
    }

    fn signature_id(&self) -> SignatureId {
        self.response.signature_id.clone()
    }

    fn expired_at(&self, now_ms: u64) -> bool {
        self.response.expires_at <= now_ms
    }
}

/// What the camera pre-flight holds of the session while the camera is checked: the session is
/// fetched at the same time, and whatever comes of it waits for the camera's verdict (the flow
/// never leaves the pre-flight without one).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum PreflightSession {
    /// None is on its way: it is asked for after the verdict (cross-device `never`, or a retry
    /// on this device without a session).
    #[default]
    NotRequested,
    /// One is on its way: requested from the server, or to be supplied by the app.
    Awaited,
    /// It arrived (or was kept for a retry on this device), checked.
    Arrived(CheckedSession),
    /// Getting it failed, or it was refused (expired, off-origin); reported once the verdict is in.
    Failed(LivenessError),
}

/// Where the check stands, with what that phase needs and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowState {
    /// Camera pre-flight, and what is known of the session meanwhile.
    CheckingCamera {
        /// The session's progress during the pre-flight.
        session: PreflightSession,
    },
    /// Waiting for the session (requested from the server, or to be supplied by the app).
    LoadingSession,
    /// The liveness page is shown.
    InProgress {
        /// The session being framed.
        session: CheckedSession,
        /// The page has reported and the server's verdict is awaited (the result is polled).
        verifying: bool,
    },
    /// The QR code and link for another device; the result is polled.
    CrossDevice {
        /// The session offered to the other device.
        session: CheckedSession,
    },
    /// The check ended: passed or not, as the outcome says. Final.
    Ended {
        /// How it ended.
        outcome: LivenessOutcome,
    },
    /// Stopped by an error, until the user starts over or retries on this device.
    Error {
        /// What stopped the flow.
        error: LivenessError,
        /// A session still usable after the error (one the camera error did not spoil), kept
        /// for [`FlowEvent::RetryHere`]; [`FlowEvent::StartOver`] drops it.
        session: Option<CheckedSession>,
    },
}

impl FlowState {
    /// The phase, without the data.
    pub fn phase(&self) -> Phase {
        match self {
            Self::CheckingCamera { .. } => Phase::CheckingCamera,
            Self::LoadingSession => Phase::LoadingSession,
            Self::InProgress { .. } => Phase::InProgress,
            Self::CrossDevice { .. } => Phase::CrossDevice,
            Self::Ended { outcome } if outcome.is_success() => Phase::Passed,
            Self::Ended { .. } => Phase::Failed,
            Self::Error { .. } => Phase::Error,
        }
    }

    /// The session held in this state, if any.
    pub fn session(&self) -> Option<&CheckedSession> {
        match self {
            Self::CheckingCamera { session: PreflightSession::Arrived(session) }
            | Self::InProgress { session, .. }
            | Self::CrossDevice { session }
            | Self::Error { session: Some(session), .. } => Some(session),
            _ => None,
        }
    }

    /// The session whose result is being polled: the other device's, or this one's after the
    /// page reported.
    fn polled_session(&self) -> Option<&CheckedSession> {
        match self {
            Self::CrossDevice { session } | Self::InProgress { session, verifying: true } => Some(session),
            _ => None,
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
    /// The clock: the time now, epoch ms (the component sends it every second). The flow
    /// stops on [`LivenessError::Expired`] once the session in use (the liveness page or the
    /// cross-device panel) has expired; otherwise a tick changes nothing.
    Tick {
        /// The time now, epoch ms.
        now_ms: u64,
    },
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
    /// Poll this session's result until told to stop (replacing any polling run), waiting as
    /// [`PollSchedule::new`]`(read_at_once)` says between reads.
    StartPolling {
        /// The session whose result to read.
        signature_id: SignatureId,
        /// Read once straight away: the liveness page has just said it finished.
        read_at_once: bool,
    },
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
    /// The app supplies the session itself; the flow never asks for one.
    session_from_app: bool,
    /// The latest pre-flight verdict. It outlives the pre-flight: it decides where a session
    /// leads (this device or another), and starting over after an error reuses it.
    camera: Option<CameraReadiness>,
    state: FlowState,
}

impl Flow {
    /// A new flow and its first commands. With `app_session`, the app supplies the session
    /// itself (a [`FlowEvent::SessionReady`] follows) instead of the component fetching one.
    pub fn start(options: FlowOptions, app_session: bool) -> (Self, Vec<Command>) {
        let mut flow = Self {
            options,
            session_from_app: app_session,
            camera: None,
            state: FlowState::CheckingCamera { session: PreflightSession::NotRequested },
        };
        let mut commands = vec![Command::NotifyState(Phase::CheckingCamera)];
        match flow.options.cross_device {
            CrossDeviceMode::Always => {
                commands.extend(flow.enter(FlowState::LoadingSession));
                commands.extend(flow.session_request());
            }
            // The session is needed whatever the camera says (this device or another), so it is
            // fetched while the camera is checked: the pre-flight costs no time of its own.
            CrossDeviceMode::Auto => {
                commands.push(Command::CheckCamera);
                commands.extend(flow.session_request());
                flow.state = FlowState::CheckingCamera { session: PreflightSession::Awaited };
            }
            // Only a working camera needs a session: fetch it after the pre-flight (an app's
            // session is on its way regardless).
            CrossDeviceMode::Never => {
                commands.push(Command::CheckCamera);
                if flow.session_from_app {
                    flow.state = FlowState::CheckingCamera { session: PreflightSession::Awaited };
                }
            }
        }
        (flow, commands)
    }

    /// Where the check stands, with its data.
    pub fn state(&self) -> &FlowState {
        &self.state
    }

    /// Where the check stands.
    pub fn phase(&self) -> Phase {
        self.state.phase()
    }

    /// The session, while the flow holds one.
    pub fn session(&self) -> Option<&SessionResponse> {
        self.state.session().map(CheckedSession::response)
    }

    /// The validated iframe `src`, while the flow holds a session.
    pub fn frame_src(&self) -> Option<&LivenessUrl> {
        self.state.session().map(CheckedSession::frame_src)
    }

    /// The origin the liveness page and its messages must come from, while the flow holds a
    /// session.
    pub fn liveness_origin(&self) -> Option<&AllowedOrigin> {
        self.state.session().map(CheckedSession::origin)
    }

    /// The latest camera pre-flight verdict, once there has been one.
    pub fn camera(&self) -> Option<CameraReadiness> {
        self.camera
    }

    /// Whether the user may switch to another device now: the mode allows it, the liveness page
    /// is shown, and its message has not already been given (then the server's verdict decides).
    pub fn can_choose_cross_device(&self) -> bool {
        self.options.cross_device != CrossDeviceMode::Never
            && matches!(self.state, FlowState::InProgress { verifying: false, .. })
    }

    /// How the check ended, once it has.
    pub fn outcome(&self) -> Option<&LivenessOutcome> {
        match &self.state {
            FlowState::Ended { outcome } => Some(outcome),
            _ => None,
        }
    }

    /// The error that stopped the flow, in [`Phase::Error`].
    pub fn error(&self) -> Option<&LivenessError> {
        match &self.state {
            FlowState::Error { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Applies one event; returns what to do. Events that make no sense in the current state
    /// (a late message, a poll answer after the end) change nothing.
    pub fn apply(&mut self, event: FlowEvent) -> Vec<Command> {
        if let FlowState::Ended { .. } = self.state {
            // One outcome per flow: nothing after it counts.
            return Vec::new();
        }
        match event {
            FlowEvent::CameraChecked(readiness) => self.on_camera_checked(readiness),
            FlowEvent::SessionReady { session, now_ms } => self.on_session_ready(session, now_ms),
            FlowEvent::SessionFailed(error) => self.on_session_failed(error),
            FlowEvent::FrameSignal(signal) => self.on_frame_signal(signal),
            FlowEvent::ServerResult(result) => self.on_server_result(result),
            FlowEvent::ResultFailed(error) => self.on_result_failed(error),
            FlowEvent::Tick { now_ms } => self.on_tick(now_ms),
            FlowEvent::ChooseCrossDevice => self.on_choose_cross_device(),
            FlowEvent::RetryHere => self.on_retry_here(),
            FlowEvent::StartOver => self.on_start_over(),
        }
    }

    fn on_camera_checked(&mut self, readiness: CameraReadiness) -> Vec<Command> {
        let FlowState::CheckingCamera { session } = &mut self.state else {
            // A verdict nobody asked for (the check is past the pre-flight).
            return Vec::new();
        };
        let session = std::mem::take(session);
        self.camera = Some(readiness);
        let mut commands = vec![Command::NotifyCamera(readiness)];
        commands.extend(self.leave_preflight(readiness, session));
        commands
    }

    /// Where the pre-flight's verdict leads, given what became of the session meanwhile.
    fn leave_preflight(&mut self, readiness: CameraReadiness, session: PreflightSession) -> Vec<Command> {
        if !readiness.is_ready() && self.options.cross_device == CrossDeviceMode::Never {
            // The session (the app's, say) stays usable for a retry on this device.
            let kept = match session {
                PreflightSession::Arrived(session) => Some(session),
                _ => None,
            };
            return self.fail(LivenessError::Camera(readiness), kept);
        }
        match session {
            PreflightSession::Failed(error) => self.fail(error, None),
            // Fetched during the pre-flight, or kept for a retry on this device.
            PreflightSession::Arrived(session) => self.enter_with_session(session),
            PreflightSession::Awaited => self.enter(FlowState::LoadingSession),
            PreflightSession::NotRequested => {
                let mut commands = self.enter(FlowState::LoadingSession);
                commands.extend(self.session_request());
                commands
            }
        }
    }

    fn on_session_ready(&mut self, response: SessionResponse, now_ms: u64) -> Vec<Command> {
        let checked = CheckedSession::check(response, now_ms, self.options.liveness_origin.as_ref());
        match &mut self.state {
            FlowState::LoadingSession => match checked {
                Ok(session) => self.enter_with_session(session),
                Err(error) => self.fail(error, None),
            },
            // Kept for the camera's verdict, good or bad: never framed before it, and a refusal
            // waits too, so that the verdict is known when the user starts over.
            FlowState::CheckingCamera { session: arrived_during_preflight @ PreflightSession::Awaited } => {
                *arrived_during_preflight = match checked {
                    Ok(session) => PreflightSession::Arrived(session),
                    Err(error) => PreflightSession::Failed(error),
                };
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn on_session_failed(&mut self, error: LivenessError) -> Vec<Command> {
        match &mut self.state {
            FlowState::LoadingSession => self.fail(error, None),
            // Reported once the camera's verdict is in.
            FlowState::CheckingCamera { session: awaited @ PreflightSession::Awaited } => {
                *awaited = PreflightSession::Failed(error);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn on_frame_signal(&mut self, signal: LivenessSignal) -> Vec<Command> {
        let FlowState::InProgress { session, verifying: verifying @ false } = &mut self.state else {
            // Before the page is shown, or a second message while verifying.
            return Vec::new();
        };
        let signature_id = session.signature_id();
        if self.options.verify {
            // The page's word is a claim: the server decides, and has most likely decided already.
            *verifying = true;
            vec![Command::StartPolling { signature_id, read_at_once: true }]
        } else {
            self.finish(LivenessOutcome::from_signal(signal, signature_id))
        }
    }

    fn on_server_result(&mut self, result: ResultResponse) -> Vec<Command> {
        let Some(session) = self.state.polled_session() else { return Vec::new() };
        match result.status {
            VerificationStatus::Pending => Vec::new(),
            VerificationStatus::Expired => self.fail(LivenessError::Expired, None),
            VerificationStatus::Passed | VerificationStatus::Failed => {
                match LivenessOutcome::from_verified(session.signature_id(), result) {
                    Some(outcome) => self.finish(outcome),
                    None => Vec::new(),
                }
            }
        }
    }

    fn on_result_failed(&mut self, error: LivenessError) -> Vec<Command> {
        // Network trouble while polling is retried; the server saying no is not.
        if self.state.polled_session().is_none() || error.is_transient() {
            return Vec::new();
        }
        self.fail(error, None)
    }

    /// Expiry is decided here, and only while the session is in use: a session kept for later is
    /// judged when it is shown again, and an ended or stopped flow does not expire.
    fn on_tick(&mut self, now_ms: u64) -> Vec<Command> {
        let in_use = match &self.state {
            FlowState::InProgress { session, .. } | FlowState::CrossDevice { session } => session,
            _ => return Vec::new(),
        };
        if !in_use.expired_at(now_ms) {
            return Vec::new();
        }
        self.fail(LivenessError::Expired, None)
    }

    fn on_choose_cross_device(&mut self) -> Vec<Command> {
        if !self.can_choose_cross_device() {
            return Vec::new();
        }
        let FlowState::InProgress { session, .. } = &self.state else { return Vec::new() };
        self.enter_cross_device(session.clone())
    }

    /// Back to this device's camera, keeping the session if there is one to keep.
    fn on_retry_here(&mut self) -> Vec<Command> {
        let kept = match &self.state {
            FlowState::CrossDevice { session } => Some(session.clone()),
            FlowState::Error { session, .. } => session.clone(),
            _ => return Vec::new(),
        };
        let session = kept.map_or(PreflightSession::NotRequested, PreflightSession::Arrived);
        let mut commands = vec![Command::StopPolling];
        commands.extend(self.enter(FlowState::CheckingCamera { session }));
        commands.push(Command::CheckCamera);
        commands
    }

    /// A new session after an error; the camera verdict already known decides where it leads.
    fn on_start_over(&mut self) -> Vec<Command> {
        if !matches!(self.state, FlowState::Error { .. }) {
            return Vec::new();
        }
        let mut commands = self.enter(FlowState::LoadingSession);
        commands.extend(self.session_request());
        commands
    }

    /// Moves to `state`; announces the phase if it changed.
    fn enter(&mut self, state: FlowState) -> Vec<Command> {
        let before = self.phase();
        self.state = state;
        let after = self.phase();
        if before == after { Vec::new() } else { vec![Command::NotifyState(after)] }
    }

    /// Shows `session`: the liveness page where this device's camera works (and the mode allows
    /// it), the cross-device panel otherwise.
    fn enter_with_session(&mut self, session: CheckedSession) -> Vec<Command> {
        let camera_usable = self.camera.is_some_and(CameraReadiness::is_ready);
        if self.options.cross_device == CrossDeviceMode::Always || !camera_usable {
            self.enter_cross_device(session)
        } else {
            self.enter(FlowState::InProgress { session, verifying: false })
        }
    }

    /// Shows the cross-device panel and polls for the other device's result.
    fn enter_cross_device(&mut self, session: CheckedSession) -> Vec<Command> {
        let signature_id = session.signature_id();
        let mut commands = self.enter(FlowState::CrossDevice { session });
        commands.push(Command::StartPolling { signature_id, read_at_once: false });
        commands
    }

    /// Asks the server for a session, unless the app supplies it.
    fn session_request(&self) -> Vec<Command> {
        if self.session_from_app { Vec::new() } else { vec![Command::LoadSession] }
    }

    /// Stops on `error`, keeping `session` for a retry on this device when it is still usable.
    fn fail(&mut self, error: LivenessError, session: Option<CheckedSession>) -> Vec<Command> {
        let mut commands = vec![Command::StopPolling];
        commands.extend(self.enter(FlowState::Error { error: error.clone(), session }));
        commands.push(Command::NotifyError(error));
        commands
    }

    /// Ends the check with `outcome` (the only way to [`FlowState::Ended`]).
    fn finish(&mut self, outcome: LivenessOutcome) -> Vec<Command> {
        let mut commands = vec![Command::StopPolling];
        commands.extend(self.enter(FlowState::Ended { outcome: outcome.clone() }));
        commands.push(Command::NotifyOutcome(outcome));
        commands
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
            client_secret: None,
        }
    }

    /// The session rule against tests/cases/early_frame.json, whose `early` answers the JS
    /// bundle's head start gives (tests/node-import): never a frame this rule would not show.
    #[test]
    fn sessions_frame_as_the_shared_table_says() {
        let table: serde_json::Value = serde_json::from_str(include_str!("../tests/cases/early_frame.json")).unwrap();
        let cases = table["urls"].as_array().unwrap();
        for case in cases {
            let text = |key: &str| case[key].as_str().map(str::to_owned);
            let response =
                SessionResponse { url: text("url").unwrap(), liveness_origin: text("origin").unwrap(), ..session() };
            let pinned = text("pinned").map(|p| AllowedOrigin::parse(&p).unwrap());
            let src =
                CheckedSession::check(response, NOW, pinned.as_ref()).ok().map(|c| c.frame_src().as_str().to_owned());
            assert_eq!(src, text("rust"), "{case}");
            if let Some(early) = text("early") {
                assert_eq!(Some(early), src, "the head start frames what this rule frames: {case}");
            }
        }
        assert!(cases.iter().filter(|c| c["early"].is_string()).count() >= 5, "the head start frames the usual URLs");
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

    /// The polling command for [`session`].
    fn polling(read_at_once: bool) -> Command {
        Command::StartPolling { signature_id: session().signature_id, read_at_once }
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
    fn a_refused_session_during_the_pre_flight_is_reported_after_it() {
        let stale = SessionResponse { expires_at: NOW - 1, ..session() };
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        assert!(flow.apply(FlowEvent::SessionReady { session: stale, now_ms: NOW }).is_empty());
        assert_eq!(flow.phase(), Phase::CheckingCamera, "the flow never leaves the pre-flight without a verdict");
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(
            commands,
            [
                Command::NotifyCamera(CameraReadiness::Ready),
                Command::StopPolling,
                Command::NotifyState(Phase::Error),
                Command::NotifyError(LivenessError::Expired)
            ]
        );
        // The verdict is known, so the new session goes to this device's camera.
        flow.apply(FlowEvent::StartOver);
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
        assert_eq!(commands, [polling(true)], "the page has finished: the first read is at once");
        assert_eq!(flow.phase(), Phase::InProgress, "not passed on the page's word");
        assert!(matches!(flow.state(), FlowState::InProgress { verifying: true, .. }));
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
            FlowEvent::Tick { now_ms: u64::MAX },
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
        assert_eq!(commands, [Command::NotifyState(Phase::CrossDevice), polling(false)]);
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
        // Whether a tick at `now_ms` would expire the flow (tried on a copy).
        let expires = |flow: &Flow, now_ms: u64| !flow.clone().apply(FlowEvent::Tick { now_ms }).is_empty();
        let mut flow = ready_flow(FlowOptions::default());
        let expiry = flow.session().unwrap().expires_at;
        assert!(flow.can_choose_cross_device());
        assert!(!expires(&flow, expiry - 1) && expires(&flow, expiry));
        flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(!flow.can_choose_cross_device(), "not once the page has reported");
        assert!(expires(&flow, expiry), "the page is still shown while verifying");
        let never = ready_flow(FlowOptions { cross_device: CrossDeviceMode::Never, ..FlowOptions::default() });
        assert!(!never.can_choose_cross_device());
        let (checking, _) = Flow::start(FlowOptions::default(), false);
        assert!(!checking.can_choose_cross_device() && !expires(&checking, u64::MAX), "no session yet");
        let mut passed = ready_flow(FlowOptions { verify: false, ..FlowOptions::default() });
        passed.apply(FlowEvent::FrameSignal(LivenessSignal::Success));
        assert!(!expires(&passed, u64::MAX), "a finished check does not expire");
    }

    #[test]
    fn the_clock_expires_the_session_in_use_once() {
        let mut flow = ready_flow(FlowOptions::default());
        let expiry = session().expires_at;
        assert!(flow.apply(FlowEvent::Tick { now_ms: NOW }).is_empty());
        assert!(flow.apply(FlowEvent::Tick { now_ms: expiry - 1 }).is_empty(), "before expiry nothing");
        assert_eq!(flow.phase(), Phase::InProgress);
        assert_eq!(
            flow.apply(FlowEvent::Tick { now_ms: expiry }),
            [Command::StopPolling, Command::NotifyState(Phase::Error), Command::NotifyError(LivenessError::Expired)]
        );
        assert_eq!(flow.error(), Some(&LivenessError::Expired));
        assert!(flow.apply(FlowEvent::Tick { now_ms: expiry + 1_000 }).is_empty(), "an error does not expire again");
        assert_eq!(flow.phase(), Phase::Error);

        // The cross-device panel's session expires too.
        let mut cross = ready_flow(FlowOptions::default());
        cross.apply(FlowEvent::ChooseCrossDevice);
        assert!(cross.apply(FlowEvent::Tick { now_ms: expiry - 1 }).is_empty());
        assert!(
            cross.apply(FlowEvent::Tick { now_ms: expiry }).contains(&Command::NotifyError(LivenessError::Expired))
        );

        // After an outcome, nothing: the outcome stands.
        let mut failed = ready_flow(FlowOptions::default());
        failed.apply(FlowEvent::FrameSignal(LivenessSignal::Failure));
        failed.apply(FlowEvent::ServerResult(result(VerificationStatus::Failed)));
        assert!(failed.apply(FlowEvent::Tick { now_ms: expiry }).is_empty());
        assert_eq!(failed.phase(), Phase::Failed);

        // A session held during the pre-flight (kept for a retry here) is judged once it is shown.
        let mut retry = ready_flow(FlowOptions::default());
        retry.apply(FlowEvent::ChooseCrossDevice);
        retry.apply(FlowEvent::RetryHere);
        assert!(retry.apply(FlowEvent::Tick { now_ms: expiry }).is_empty());
        assert_eq!(retry.phase(), Phase::CheckingCamera);
    }

    #[test]
    fn polling_is_told_which_session_to_read_and_whether_at_once() {
        let other = SessionResponse { signature_id: SignatureId::new("0123456789abcdef").unwrap(), ..session() };
        let start_polling =
            |read_at_once| Command::StartPolling { signature_id: other.signature_id.clone(), read_at_once };
        // The other device: its result comes whenever the user gets there, so backing off from
        // the first wait.
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::NoCamera));
        let commands = flow.apply(FlowEvent::SessionReady { session: other.clone(), now_ms: NOW });
        assert_eq!(commands.last(), Some(&start_polling(false)));
        // This device, after the page's message: the result is most likely there already.
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        flow.apply(FlowEvent::SessionReady { session: other.clone(), now_ms: NOW });
        assert_eq!(flow.apply(FlowEvent::FrameSignal(LivenessSignal::Success)), [start_polling(true)]);
        // Switching device by choice.
        let (mut flow, _) = Flow::start(FlowOptions::default(), false);
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        flow.apply(FlowEvent::SessionReady { session: other.clone(), now_ms: NOW });
        assert_eq!(flow.apply(FlowEvent::ChooseCrossDevice).last(), Some(&start_polling(false)));
    }

    #[test]
    fn a_camera_error_keeps_the_apps_session_for_a_retry_here() {
        let never = FlowOptions { cross_device: CrossDeviceMode::Never, ..FlowOptions::default() };
        let (mut flow, commands) = Flow::start(never, true);
        assert!(!commands.contains(&Command::LoadSession));
        flow.apply(FlowEvent::SessionReady { session: session(), now_ms: NOW });
        flow.apply(FlowEvent::CameraChecked(CameraReadiness::CameraBusy));
        assert_eq!(flow.error(), Some(&LivenessError::Camera(CameraReadiness::CameraBusy)));
        assert_eq!(
            flow.apply(FlowEvent::RetryHere),
            [Command::StopPolling, Command::NotifyState(Phase::CheckingCamera), Command::CheckCamera]
        );
        let commands = flow.apply(FlowEvent::CameraChecked(CameraReadiness::Ready));
        assert_eq!(commands, [Command::NotifyCamera(CameraReadiness::Ready), Command::NotifyState(Phase::InProgress)]);
        assert_eq!(flow.session(), Some(&session()));
    }

    #[test]
    fn the_user_can_switch_device_and_come_back_with_the_same_session() {
        let mut flow = ready_flow(FlowOptions::default());
        assert_eq!(
            flow.apply(FlowEvent::ChooseCrossDevice),
            [Command::NotifyState(Phase::CrossDevice), polling(false)]
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
        let commands = flow.apply(FlowEvent::Tick { now_ms: session().expires_at });
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
