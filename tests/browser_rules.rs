//! The pure rules as the browser build runs them: URLs split by the browser's own `URL`, JSON read
//! by its own `JSON.parse` and the explicit readers (src/rules/parsed_url.rs, src/json.rs). The
//! message, URL and wire document cases are the native tests' own (tests/cases/), so a
//! disagreement between the parsers or the readers fails one side.
#![cfg(target_arch = "wasm32")]

use advance_liveness::json::{self, FromJson, JsonError};
use advance_liveness::protocol::{
    AttackType, ErrorResponse, ProductLevel, ResultResponse, SessionMode, SessionRequest, SessionResponse,
    VerificationStatus,
};
use advance_liveness::{
    AllowedOrigin, ApiErrorCode, IncomingMessage, LivenessSignal, LivenessUrl, LivenessUrlError, Rejection, Texts,
    accept_message,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// MESSAGE_BODIES, ENCODED_URLS and REFUSED_URLS: the same cases the native tests run.
include!("cases/message_bodies.rs");
include!("cases/liveness_urls.rs");
// SESSION_REQUESTS, SESSION_RESPONSES, RESULTS, ERRORS and TEXTS: read or refused as natively.
include!("cases/wire_documents.rs");

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
    let typo = json::from_str::<SessionRequest>(r#"{"userid":"u1"}"#).unwrap_err();
    assert!(typo.to_string().contains("unknown field `userid`, expected one of userId, mode"), "{typo}");
    // A key set to `undefined` is absent, as `JSON.stringify` would drop it; `null` is `None`.
    let fine = js_sys::JSON::parse(r#"{"userId":"u1","mode":null}"#).unwrap();
    js_sys::Reflect::set(&fine, &"userid".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Reflect::set(&fine, &"locale".into(), &JsValue::UNDEFINED).unwrap();
    let read: SessionRequest = json::from_value(fine).unwrap();
    assert_eq!(read, SessionRequest { user_id: Some("u1".into()), ..Default::default() });
    let request = SessionRequest { user_id: Some("\"quoted\"\n".into()), ..Default::default() };
    assert_eq!(json::to_string(&request).unwrap(), r#"{"userId":"\"quoted\"\n"}"#);
}

#[wasm_bindgen_test]
fn wire_documents_are_read_or_refused_as_natively() {
    check_wire_documents();
}

#[wasm_bindgen_test]
fn readers_read_each_field_as_serde_does_and_name_what_is_wrong() {
    let shape = |error: JsonError| match error {
        JsonError::Shape(message) => message,
        other => panic!("not a shape error: {other:?}"),
    };
    // Every field of a request, written in serde's order and read back.
    let full = SessionRequest {
        user_id: Some("u1".into()),
        mode: Some(SessionMode::Redirect),
        product_level: Some(ProductLevel::Pro),
        locale: Some("zh-TW".into()),
    };
    let written = json::to_string(&full).unwrap();
    assert_eq!(written, r#"{"userId":"u1","mode":"redirect","productLevel":"PRO","locale":"zh-TW"}"#);
    assert_eq!(json::from_str::<SessionRequest>(&written).unwrap(), full);
    assert_eq!(json::to_string(&SessionRequest::default()).unwrap(), "{}");
    // Wrong types and names: the message names the field.
    let wrong = shape(json::from_str::<SessionRequest>(r#"{"userId":7}"#).unwrap_err());
    assert!(wrong.contains("userId") && wrong.contains("string"), "{wrong}");
    let variant = shape(json::from_str::<SessionRequest>(r#"{"mode":"popup"}"#).unwrap_err());
    assert!(variant.contains("unknown variant `popup`") && variant.contains("iframe, redirect"), "{variant}");
    let number = r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":1.5}"#;
    let number = shape(json::from_str::<SessionResponse>(number).unwrap_err());
    assert!(number.contains("expiresAt"), "{number}");
    let missing = r#"{"signatureId":"abc","url":"u","livenessOrigin":"o"}"#;
    assert!(shape(json::from_str::<SessionResponse>(missing).unwrap_err()).contains("missing field `expiresAt`"));
    let nested = shape(json::from_str::<ErrorResponse>(r#"{"error":{"code":42,"message":"m"}}"#).unwrap_err());
    assert!(nested.contains("error.code"), "{nested}");
    // Objects only: an array is not a struct here (serde_json would read one from `[]`).
    assert!(json::from_str::<SessionRequest>("[]").is_err());
    assert!(json::from_str::<Texts>("[]").is_err());
    // Texts: each key optional, a typo refused with the known keys, `null` is not a text.
    let texts: Texts = json::from_str(r#"{"copyLink":"Salin tautan","passed":"Berhasil"}"#).unwrap();
    assert_eq!((texts.copy_link.as_str(), texts.passed.as_str()), ("Salin tautan", "Berhasil"));
    assert_eq!(texts.failed, Texts::default().failed);
    let typo = shape(json::from_str::<Texts>(r#"{"copyLnk":"typo"}"#).unwrap_err());
    assert!(typo.starts_with("unknown field `copyLnk`, expected one of checkingCamera, "), "{typo}");
    assert!(typo.contains("copyLink") && typo.ends_with("invalidSession"), "{typo}");
    let null = shape(json::from_str::<Texts>(r#"{"passed":null}"#).unwrap_err());
    assert!(null.contains("passed"), "{null}");
    let undefined = js_sys::Object::new();
    js_sys::Reflect::set(&undefined, &"passed".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Reflect::set(&undefined, &"copyLnk".into(), &JsValue::UNDEFINED).unwrap();
    assert_eq!(json::from_value::<Texts>(undefined.into()).unwrap(), Texts::default());
    // Answers: optional fields missing or null, unknown codes kept as unrecognised.
    let result: ResultResponse = json::from_str(r#"{"status":"failed","attackType":"injection"}"#).unwrap();
    assert_eq!(
        result,
        ResultResponse {
            status: VerificationStatus::Failed,
            score: None,
            attack_type: Some(AttackType::Injection),
            code: None
        }
    );
    let error: ErrorResponse = json::from_str(r#"{"error":{"code":"teapot","message":"m","requestId":"r1"}}"#).unwrap();
    assert_eq!(error.error.code, ApiErrorCode::Unrecognised);
    assert_eq!((error.error.message.as_str(), error.error.request_id.as_deref()), ("m", Some("r1")));
    let known: ErrorResponse = json::from_str(r#"{"error":{"code":"not_session_owner","message":""}}"#).unwrap();
    assert_eq!((known.error.code, known.error.request_id), (ApiErrorCode::NotSessionOwner, None));
    let session: SessionResponse = json::from_str(
        r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":9007199254740991,"clientSecret":"s"}"#,
    )
    .unwrap();
    assert_eq!((session.expires_at, session.client_secret.as_deref()), (9_007_199_254_740_991, Some("s")));
}
