//! Deciding what a window `message` event means: the only door through which the liveness page
//! can tell us how the check ended.

use super::origin::AllowedOrigin;
use crate::json::{self, JsonError};

/// Largest message `data` we look at, in bytes. The vendor's messages are about 25 bytes; anything
/// near this bound is not from the liveness page.
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// What the liveness page told us, in the browser. This is a claim, not a verified result: the
/// server's `GET .../result` is the authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LivenessSignal {
    /// The page sent `{"info":"successNext"}`: the user finished the check and it passed.
    Success,
    /// The page sent `{"info":"failedNext"}`: the user finished the check and it failed.
    Failure,
}

/// The facts about one `message` event that the rule needs, read from the browser by the thin
/// web-sys layer.
#[derive(Debug, Clone, Copy)]
pub struct IncomingMessage<'a> {
    /// `MessageEvent.origin`.
    pub origin: &'a str,
    /// Whether `MessageEvent.source` is our own iframe's `contentWindow`.
    pub from_our_frame: bool,
    /// `MessageEvent.data` when it is a string; `None` for any other type.
    pub data: Option<&'a str>,
}

/// Why a message was ignored. Each reason is safe to log: it never carries the message body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The sender's origin is not exactly the liveness origin.
    #[error("message from origin `{origin}`, expected `{expected}`")]
    WrongOrigin {
        /// The origin the event came from (truncated to 100 bytes for logs).
        origin: String,
        /// The origin we accept.
        expected: String,
    },
    /// The right origin, but not our iframe (another frame or window of the same origin).
    #[error("message from a window that is not our liveness iframe")]
    ForeignSource,
    /// `data` was not a string (an object, a number, a Blob...).
    #[error("message data is not a string")]
    NotAString,
    /// `data` was longer than [`MAX_MESSAGE_BYTES`].
    #[error("message data is {len} bytes, more than {MAX_MESSAGE_BYTES}")]
    TooLarge {
        /// Its length in bytes.
        len: usize,
    },
    /// `data` was not valid JSON.
    #[error("message data is not JSON")]
    NotJson,
    /// Valid JSON, but not an object with a string `info` (arrays, strings, nested objects).
    #[error("message is not an object with a single string `info`")]
    UnexpectedShape,
    /// An `info` we do not know.
    #[error("unknown info `{0}`")]
    UnknownInfo(String),
}

impl Rejection {
    /// A short stable name for the reason, for logs, metrics and `data-` attributes.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::WrongOrigin { .. } => "wrong-origin",
            Self::ForeignSource => "foreign-source",
            Self::NotAString => "not-a-string",
            Self::TooLarge { .. } => "too-large",
            Self::NotJson => "not-json",
            Self::UnexpectedShape => "unexpected-shape",
            Self::UnknownInfo(_) => "unknown-info",
        }
    }
}

/// The vendor's message body: a JSON object with a string `info`. Other keys are tolerated (the
/// vendor may add some); any other shape (array, string, nested) is refused. Of duplicated keys
/// the last counts, as in `JSON.parse`, which is what reads the message in the browser.
struct VendorMessage {
    info: String,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::Deserialize<'de> for VendorMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = VendorMessage;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with a string `info`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<VendorMessage, A::Error> {
                let mut info = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "info" {
                        info = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                info.map(|info| VendorMessage { info }).ok_or_else(|| serde::de::Error::missing_field("info"))
            }
        }
        // Read as a struct with one field, but only through `visit_map`: an array is refused (serde
        // would otherwise read a struct from a sequence).
        deserializer.deserialize_struct("VendorMessage", &["info"], Visitor)
    }
}

/// The browser's reader: `info` from an object (not an array), other keys ignored.
#[cfg(target_arch = "wasm32")]
impl json::FromJson for VendorMessage {
    fn read(value: &wasm_bindgen::JsValue, at: &str) -> Result<Self, JsonError> {
        let fields = json::js::Fields::open(value, at)?;
        Ok(VendorMessage { info: fields.required("info", json::js::string)? })
    }
}

/// Decides what a `message` event means.
///
/// Accepted only when all hold, checked in this order: the origin is exactly `allowed`; the
/// source is our iframe; the data is a string of at most [`MAX_MESSAGE_BYTES`]; it parses as a
/// JSON object whose string `info` is `successNext` or `failedNext`.
///
/// ```
/// use advance_liveness::{accept_message, AllowedOrigin, IncomingMessage, LivenessSignal};
/// let allowed = AllowedOrigin::default();
/// let message = IncomingMessage {
///     origin: "https://liveness.advance.ai",
///     from_our_frame: true,
///     data: Some(r#"{"info":"successNext"}"#),
/// };
/// assert_eq!(accept_message(&allowed, &message), Ok(LivenessSignal::Success));
/// ```
pub fn accept_message(allowed: &AllowedOrigin, message: &IncomingMessage<'_>) -> Result<LivenessSignal, Rejection> {
    if !allowed.matches(message.origin) {
        return Err(Rejection::WrongOrigin {
            origin: truncate(message.origin, 100),
            expected: allowed.as_str().to_owned(),
        });
    }
    if !message.from_our_frame {
        return Err(Rejection::ForeignSource);
    }
    let data = message.data.ok_or(Rejection::NotAString)?;
    if data.len() > MAX_MESSAGE_BYTES {
        return Err(Rejection::TooLarge { len: data.len() });
    }
    // One pass: malformed JSON is `NotJson`; valid JSON of another shape is `UnexpectedShape`.
    let body: VendorMessage = json::from_str(data).map_err(|e| match e {
        JsonError::Shape(_) => Rejection::UnexpectedShape,
        JsonError::Syntax(_) => Rejection::NotJson,
    })?;
    match body.info.as_str() {
        "successNext" => Ok(LivenessSignal::Success),
        "failedNext" => Ok(LivenessSignal::Failure),
        other => Err(Rejection::UnknownInfo(truncate(other, 40))),
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK_ORIGIN: &str = "https://liveness.advance.ai";
    const SUCCESS: &str = r#"{"info":"successNext"}"#;

    fn decide(origin: &str, from_our_frame: bool, data: Option<&str>) -> Result<LivenessSignal, Rejection> {
        let message = IncomingMessage { origin, from_our_frame, data };
        accept_message(&AllowedOrigin::default(), &message)
    }

    #[test]
    fn accepts_the_vendors_two_messages() {
        assert_eq!(decide(OK_ORIGIN, true, Some(SUCCESS)), Ok(LivenessSignal::Success));
        assert_eq!(decide(OK_ORIGIN, true, Some(r#"{"info":"failedNext"}"#)), Ok(LivenessSignal::Failure));
        // Whitespace and extra keys the vendor might add do not change the meaning.
        assert_eq!(
            decide(OK_ORIGIN, true, Some(" { \"info\" : \"successNext\", \"version\": 6 } ")),
            Ok(LivenessSignal::Success)
        );
        // Extra keys are skipped whatever they hold (within the size bound), like a JS parser would.
        let nested = format!(r#"{{"info":"failedNext","x":{}{}}}"#, "[".repeat(200), "]".repeat(200));
        assert_eq!(decide(OK_ORIGIN, true, Some(&nested)), Ok(LivenessSignal::Failure));
        // Browsers never send these forms, but they are the same origin after normalisation.
        assert_eq!(decide("HTTPS://LIVENESS.ADVANCE.AI", true, Some(SUCCESS)), Ok(LivenessSignal::Success));
        assert_eq!(decide("https://liveness.advance.ai:443", true, Some(SUCCESS)), Ok(LivenessSignal::Success));
    }

    #[test]
    fn hostile_and_malformed_messages_are_refused_with_a_reason() {
        use Rejection as R;
        let huge = format!(r#"{{"info":"successNext","pad":"{}"}}"#, "x".repeat(MAX_MESSAGE_BYTES));
        let very_huge = "A".repeat(10 * 1024 * 1024);
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        /// Origin, whether it came from our frame, data, and the expected reason.
        type Case<'a> = (&'a str, bool, Option<&'a str>, fn(&Rejection) -> bool);
        let cases: Vec<Case> = vec![
            // Look-alike and wrong origins.
            ("https://liveness.advance.ai.evil.com", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://evil-liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness-advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://sub.liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("http://liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai:8443", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai:80", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai.", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai@evil.com", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://evil.com@liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://user:pass@liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness%2Eadvance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.adv\tance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai\n", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            (" https://liveness.advance.ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai/path", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://liveness.advance.ai\\@evil.com", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("https://xn--liveness-advance-ai", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("null", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("file://", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("javascript:alert(1)", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            ("data:text/html,hi", true, Some(SUCCESS), |r| matches!(r, R::WrongOrigin { .. })),
            // The right origin, but another window (a second tab or frame of the vendor's site).
            (OK_ORIGIN, false, Some(SUCCESS), |r| *r == R::ForeignSource),
            // Wrong types.
            (OK_ORIGIN, true, None, |r| *r == R::NotAString),
            // Too large, checked before any parsing.
            (OK_ORIGIN, true, Some(&huge), |r| matches!(r, R::TooLarge { .. })),
            (OK_ORIGIN, true, Some(&very_huge), |r| matches!(r, R::TooLarge { len } if *len == 10 * 1024 * 1024)),
            // Valid JSON (an array, however deep) but not an object.
            (OK_ORIGIN, true, Some(&deep), |r| *r == R::UnexpectedShape),
        ];
        assert!(cases.len() >= 25);
        for (origin, from_our_frame, data, expected) in cases {
            let got = decide(origin, from_our_frame, data);
            match got {
                Err(ref reason) if expected(reason) => {}
                other => panic!(
                    "origin {origin:?} frame {from_our_frame} data {:?}: got {other:?}",
                    data.map(|d| &d[..d.len().min(60)])
                ),
            }
        }
    }

    // MESSAGE_BODIES, shared with the browser tests.
    include!("../../tests/cases/message_bodies.rs");

    #[test]
    fn bodies_decide_as_the_shared_cases_say() {
        for (body, expected) in MESSAGE_BODIES {
            let got = decide(OK_ORIGIN, true, Some(body));
            assert!(expected(&got), "{body:?}: got {got:?}");
        }
    }

    #[test]
    fn origin_is_checked_before_source_and_body() {
        // A foreign origin is reported as such even when everything else is wrong too.
        assert!(matches!(decide("https://evil.com", false, None), Err(Rejection::WrongOrigin { .. })));
        assert_eq!(decide(OK_ORIGIN, false, None), Err(Rejection::ForeignSource));
    }

    #[test]
    fn reasons_are_short_enough_to_log() {
        let long_origin = format!("https://{}.com", "a".repeat(5000));
        let reason = decide(&long_origin, true, Some(SUCCESS)).unwrap_err();
        assert!(reason.to_string().len() < 200, "{reason}");
        let long_info = format!(r#"{{"info":"{}"}}"#, "é".repeat(300));
        let reason = decide(OK_ORIGIN, true, Some(&long_info)).unwrap_err();
        assert!(reason.to_string().len() < 200, "{reason}");
    }

    #[test]
    fn a_configured_origin_replaces_the_default() {
        let sim = AllowedOrigin::parse("http://127.0.0.1:8090").unwrap();
        let message = |origin| IncomingMessage { origin, from_our_frame: true, data: Some(SUCCESS) };
        assert_eq!(accept_message(&sim, &message("http://127.0.0.1:8090")), Ok(LivenessSignal::Success));
        assert!(accept_message(&sim, &message(OK_ORIGIN)).is_err());
        assert!(accept_message(&sim, &message("http://localhost:8090")).is_err());
    }
}
