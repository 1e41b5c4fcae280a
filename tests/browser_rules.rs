//! The pure rules as the browser build runs them: URLs split by the browser's own `URL`, JSON read
//! by its own `JSON.parse` (src/rules/parsed_url.rs, src/json.rs). The message and URL cases are
//! the native tests' own (tests/cases/), so a disagreement between the parsers fails one side.
#![cfg(target_arch = "wasm32")]

use advance_liveness::json::{self, JsonError};
use advance_liveness::protocol::{ResultResponse, SessionRequest, SessionResponse, VerificationStatus};
use advance_liveness::{
    AllowedOrigin, IncomingMessage, LivenessSignal, LivenessUrl, LivenessUrlError, Rejection, accept_message,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// MESSAGE_BODIES, ENCODED_URLS and REFUSED_URLS: the same cases the native tests run.
include!("cases/message_bodies.rs");
include!("cases/liveness_urls.rs");

#[wasm_bindgen_test]
fn message_bodies_decide_as_natively() {
    let decide = |data: &str| {
        let message = IncomingMessage { origin: "https://liveness.advance.ai", from_our_frame: true, data: Some(data) };
        accept_message(&AllowedOrigin::default(), &message)
    };
    for (body, expected) in MESSAGE_BODIES {
        let got = decide(body);
        assert!(expected(&got), "{body:?}: got {got:?}");
    }
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(decide(&deep), Err(Rejection::UnexpectedShape));
    let nested = format!(r#"{{"info":"failedNext","x":{deep}}}"#);
    assert_eq!(decide(&nested), Ok(LivenessSignal::Failure));
}

#[wasm_bindgen_test]
fn session_urls_are_encoded_and_refused_as_natively() {
    let vendor = AllowedOrigin::default();
    let parse = |raw: &str| LivenessUrl::parse(raw, &vendor).map(|url| url.as_str().to_owned());
    for (raw, expected) in ENCODED_URLS {
        let once = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(once, *expected, "{raw}");
        assert_eq!(parse(&once).unwrap(), once, "re-parsing {once}");
    }
    for (raw, expected) in REFUSED_URLS {
        match parse(raw) {
            Err(ref e) if expected(e) => {}
            other => panic!("{raw:?}: got {other:?}"),
        }
    }
}

#[wasm_bindgen_test]
fn origins_normalise_and_match_as_natively() {
    for raw in ["https://liveness.advance.ai", "HTTPS://LIVENESS.ADVANCE.AI", "https://liveness.advance.ai:443/"] {
        assert_eq!(AllowedOrigin::parse(raw).unwrap().as_str(), "https://liveness.advance.ai", "{raw}");
    }
    let sim = AllowedOrigin::parse("http://127.0.0.1:8090").unwrap();
    assert!(sim.matches("http://127.0.0.1:8090") && !sim.matches("http://127.0.0.1:8091"));
    assert!(AllowedOrigin::parse("http://[::1]:8090").is_ok() && AllowedOrigin::parse("http://localhost:1").is_ok());
    for raw in [
        "http://liveness.advance.ai",
        "https://liveness.advance.ai/path",
        "https://liveness.advance.ai/?",
        "https://liveness.advance.ai/#",
        "https://user:pw@liveness.advance.ai",
        "javascript:alert(1)",
        "liveness.advance.ai",
    ] {
        assert!(AllowedOrigin::parse(raw).is_err(), "{raw}");
    }
    let vendor = AllowedOrigin::default();
    for origin in ["https://liveness.advance.ai.evil.com", "https://liveness.advance.ai@evil.com", "null", ""] {
        assert!(!vendor.matches(origin), "{origin}");
    }
}

#[wasm_bindgen_test]
fn wire_types_read_and_write_through_the_browsers_json() {
    let session: SessionResponse = json::from_str(
        r#"{"signatureId":"abc123","url":"https://liveness.advance.ai/h5?t=a\u0026b","livenessOrigin":"https://liveness.advance.ai","expiresAt":1700000000000}"#,
    )
    .unwrap();
    assert_eq!((session.signature_id.as_str(), session.expires_at), ("abc123", 1_700_000_000_000));
    assert_eq!(session.url, "https://liveness.advance.ai/h5?t=a&b");
    let result: ResultResponse =
        json::from_str(r#"{"status":"passed","score":97.5,"attackType":null,"code":"SUCCESS"}"#).unwrap();
    assert_eq!((result.status, result.score), (VerificationStatus::Passed, Some(97.5)));
    assert!(matches!(json::from_str::<ResultResponse>(r#"{"status":"passed""#), Err(JsonError::Syntax(_))));
    assert!(matches!(json::from_str::<ResultResponse>(r#"{"status":"won"}"#), Err(JsonError::Shape(_))));
    let bad_id = r#"{"signatureId":"../x","url":"u","livenessOrigin":"o","expiresAt":1}"#;
    assert!(matches!(json::from_str::<SessionResponse>(bad_id), Err(JsonError::Shape(_))));
    let typo = js_sys::JSON::parse(r#"{"userid":"u1"}"#).unwrap();
    let error = json::check_fields::<SessionRequest>(&typo).unwrap_err();
    assert!(error.to_string().contains("unknown field `userid`, expected one of userId, mode"), "{error}");
    // A key set to `undefined` is absent, as `JSON.stringify` would drop it.
    let fine = js_sys::JSON::parse(r#"{"userId":"u1","mode":null}"#).unwrap();
    js_sys::Reflect::set(&fine, &"userid".into(), &wasm_bindgen::JsValue::UNDEFINED).unwrap();
    assert_eq!(json::check_fields::<SessionRequest>(&fine), Ok(()));
    let request = SessionRequest { user_id: Some("\"quoted\"\n".into()), ..Default::default() };
    assert_eq!(json::to_string(&request).unwrap(), r#"{"userId":"\"quoted\"\n"}"#);
}
