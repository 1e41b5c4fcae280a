//! The pure rules as the browser build runs them: URLs split by the browser's own `URL`, JSON read
//! by its own `JSON.parse` (src/rules/parsed_url.rs, src/json.rs). Each case here is also a native
//! case, so a disagreement between the two parsers fails one side.
#![cfg(target_arch = "wasm32")]

use advance_liveness::json::{self, JsonError};
use advance_liveness::protocol::{ResultResponse, SessionRequest, SessionResponse, VerificationStatus};
use advance_liveness::{
    AllowedOrigin, IncomingMessage, LivenessSignal, LivenessUrl, LivenessUrlError, Rejection, accept_message,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn body(data: &str) -> Result<LivenessSignal, Rejection> {
    let message = IncomingMessage { origin: "https://liveness.advance.ai", from_our_frame: true, data: Some(data) };
    accept_message(&AllowedOrigin::default(), &message)
}

#[wasm_bindgen_test]
fn message_bodies_decide_as_natively() {
    use Rejection as R;
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let nested = format!(r#"{{"info":"failedNext","x":{deep}}}"#);
    let cases: Vec<(&str, Result<LivenessSignal, Rejection>)> = vec![
        (r#"{"info":"successNext"}"#, Ok(LivenessSignal::Success)),
        (r#"{"info":"failedNext"}"#, Ok(LivenessSignal::Failure)),
        (" { \"info\" : \"successNext\", \"version\": 6 } ", Ok(LivenessSignal::Success)),
        (&nested, Ok(LivenessSignal::Failure)),
        (r#"{"info":"success\u004eext"}"#, Ok(LivenessSignal::Success)),
        ("successNext", Err(R::NotJson)),
        ("", Err(R::NotJson)),
        ("{info:'successNext'}", Err(R::NotJson)),
        (r#"{"info":"successNext""#, Err(R::NotJson)),
        (r#"{"info":"successNext"} trailing"#, Err(R::NotJson)),
        (&deep, Err(R::UnexpectedShape)),
        (r#""successNext""#, Err(R::UnexpectedShape)),
        ("null", Err(R::UnexpectedShape)),
        ("42", Err(R::UnexpectedShape)),
        (r#"[{"info":"successNext"}]"#, Err(R::UnexpectedShape)),
        ("{}", Err(R::UnexpectedShape)),
        (r#"{"info":{"info":"successNext"}}"#, Err(R::UnexpectedShape)),
        (r#"{"info":["successNext"]}"#, Err(R::UnexpectedShape)),
        (r#"{"info":true}"#, Err(R::UnexpectedShape)),
        (r#"{"info":null}"#, Err(R::UnexpectedShape)),
        (r#"{"Info":"successNext"}"#, Err(R::UnexpectedShape)),
        (r#"{"info":"successNext","info":"closing"}"#, Err(R::UnknownInfo("closing".into()))),
        (r#"{"info":"successNext","info":7}"#, Err(R::UnexpectedShape)),
        (r#"{"info":"SuccessNext"}"#, Err(R::UnknownInfo("SuccessNext".into()))),
        (r#"{"info":"successNext\u0000"}"#, Err(R::UnknownInfo("successNext\0".into()))),
    ];
    for (data, expected) in cases {
        assert_eq!(body(data), expected, "{data:.60}");
    }
}

#[wasm_bindgen_test]
fn session_urls_are_encoded_and_refused_as_natively() {
    let vendor = AllowedOrigin::default();
    let parse = |raw: &str| LivenessUrl::parse(raw, &vendor).map(|url| url.as_str().to_owned());
    for (raw, expected) in [
        ("https://liveness.advance.ai/h5?a=1&b=2", "https://liveness.advance.ai/h5?a=1&b=2"),
        ("https://liveness.advance.ai/h5?name=José Ñ", "https://liveness.advance.ai/h5?name=Jos%C3%A9%20%C3%91"),
        ("https://liveness.advance.ai/h5?discount=100%", "https://liveness.advance.ai/h5?discount=100%25"),
        ("https://liveness.advance.ai/h5?p=%zz%4", "https://liveness.advance.ai/h5?p=%25zz%254"),
        ("https://liveness.advance.ai/h5?q=a%20b", "https://liveness.advance.ai/h5?q=a%20b"),
        ("https://liveness.advance.ai/h5 página/", "https://liveness.advance.ai/h5%20p%C3%A1gina/"),
        ("https://liveness.advance.ai/h5?x={a|b}^[c]", "https://liveness.advance.ai/h5?x=%7Ba%7Cb%7D%5E%5Bc%5D"),
        ("https://liveness.advance.ai/h5?x=\"<>\"", "https://liveness.advance.ai/h5?x=%22%3C%3E%22"),
        ("https://liveness.advance.ai/h5#a b#c", "https://liveness.advance.ai/h5#a%20b%23c"),
        ("HTTPS://Liveness.Advance.AI:443?token=Ab", "https://liveness.advance.ai/?token=Ab"),
        ("https://liveness.advance.ai/h5?n=😀中", "https://liveness.advance.ai/h5?n=%F0%9F%98%80%E4%B8%AD"),
        ("https://liveness.advance.ai/h5?#", "https://liveness.advance.ai/h5?#"),
    ] {
        let once = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(once, expected, "{raw}");
        assert_eq!(parse(&once).unwrap(), once, "re-parsing {once}");
    }
    use LivenessUrlError as E;
    type Case = (&'static str, fn(&E) -> bool);
    let refused: [Case; 14] = [
        ("javascript:alert(1)", |e| matches!(e, E::DisallowedScheme(s) if s == "javascript")),
        ("data:text/html,<script>alert(1)</script>", |e| matches!(e, E::DisallowedScheme(_))),
        ("blob:https://liveness.advance.ai/uuid", |e| matches!(e, E::DisallowedScheme(_))),
        ("http://liveness.advance.ai/h5", |e| *e == E::Insecure),
        ("https://user:pw@liveness.advance.ai/h5", |e| *e == E::HasCredentials),
        ("https://liveness.advance.ai@evil.com/h5", |e| *e == E::HasCredentials),
        ("https://liveness.advance.ai.evil.com/h5", |e| matches!(e, E::WrongOrigin { .. })),
        ("https://liveness.advance.ai:8443/h5", |e| matches!(e, E::WrongOrigin { .. })),
        ("//liveness.advance.ai/h5", |e| *e == E::Invalid),
        ("/h5?token=1", |e| *e == E::Invalid),
        ("https://liveness.adv\tance.ai/h5", |e| *e == E::Malformed),
        ("https:// liveness.advance.ai", |e| *e == E::Invalid),
        ("https://Liveness.Advance.\u{e9}", |e| *e == E::Invalid),
        ("https://liveness%2Eadvance.ai/h5", |e| *e == E::Invalid),
    ];
    for (raw, expected) in refused {
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
