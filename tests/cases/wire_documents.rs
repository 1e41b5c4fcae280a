// JSON documents that both readers must accept or refuse alike: natively serde_json through the
// types' derives (src/json.rs's tests), in the browser JSON.parse and the explicit readers
// (tests/browser_rules.rs); both `include!` this file and call `check_wire_documents`. `true`:
// read; `false`: refused.
//
// Left out on purpose, where the two differ and neither is sent by anyone: numbers written with
// an exponent or past 2^53 for `expiresAt` (serde_json reads `1e3` as a float and refuses it; the
// browser's parser has no such distinction and cannot hold integers past 2^53 exactly), objects
// given as arrays and enum variants given as `{"name": null}` (serde reads both, the browser's
// readers refuse them).

/// `POST /api/liveness/session`'s body (unknown keys refused).
const SESSION_REQUESTS: &[(&str, bool)] = &[
    ("{}", true),
    (r#"{"userId":"u1","mode":"redirect","productLevel":"PRO","locale":"zh-TW"}"#, true),
    (r#"{"userId":null,"mode":null,"productLevel":null,"locale":null}"#, true),
    (r#"{"mode":"iframe","productLevel":"STANDARD"}"#, true),
    (r#"{"userid":"u1"}"#, false),
    (r#"{"userId":7}"#, false),
    (r#"{"mode":"popup"}"#, false),
    (r#"{"mode":"Iframe"}"#, false),
    (r#"{"productLevel":"pro"}"#, false),
    (r#"{"locale":["id"]}"#, false),
    ("null", false),
    (r#""{}""#, false),
];

/// The session server's answer to it (unknown keys ignored).
const SESSION_RESPONSES: &[(&str, bool)] = &[
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":1700000000000}"#, true),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":0,"clientSecret":"s","x":[1]}"#, true),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":1,"clientSecret":null}"#, true),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":9007199254740991}"#, true),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":1.5}"#, false),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":-1}"#, false),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":"1"}"#, false),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":null}"#, false),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o"}"#, false),
    (r#"{"signatureId":"abc","url":null,"livenessOrigin":"o","expiresAt":1}"#, false),
    (r#"{"signatureId":"../x","url":"u","livenessOrigin":"o","expiresAt":1}"#, false),
    (r#"{"signatureId":"","url":"u","livenessOrigin":"o","expiresAt":1}"#, false),
    (r#"{"signatureId":"abc","url":"u","livenessOrigin":"o","expiresAt":1,"clientSecret":1}"#, false),
];

/// `GET .../result`.
const RESULTS: &[(&str, bool)] = &[
    (r#"{"status":"passed","score":97.5,"attackType":null,"code":"SUCCESS"}"#, true),
    (r#"{"status":"failed","score":0,"attackType":"injection","code":null}"#, true),
    (r#"{"status":"pending"}"#, true),
    (r#"{"status":"expired","attackType":"unsure","extra":true}"#, true),
    (r#"{"status":"won"}"#, false),
    (r#"{"status":"Passed"}"#, false),
    (r#"{"score":1}"#, false),
    (r#"{"status":null}"#, false),
    (r#"{"status":"passed","score":"97"}"#, false),
    (r#"{"status":"passed","attackType":"3"}"#, false),
    (r#"{"status":"passed","code":7}"#, false),
];

/// Every error answer: `{"error": {"code", "message"}}`; unknown codes are read.
const ERRORS: &[(&str, bool)] = &[
    (r#"{"error":{"code":"not_session_owner","message":"m"}}"#, true),
    (r#"{"error":{"code":"teapot","message":"m","requestId":"r1"}}"#, true),
    (r#"{"error":{"code":"internal","message":"m","requestId":null}}"#, true),
    (r#"{"error":{"code":42,"message":"m"}}"#, false),
    (r#"{"error":{"message":"m"}}"#, false),
    (r#"{"error":{"code":"internal"}}"#, false),
    (r#"{"error":"internal"}"#, false),
    ("{}", false),
];

/// The component's texts (unknown keys refused, each key optional).
const TEXTS: &[(&str, bool)] = &[
    ("{}", true),
    (r#"{"copyLink":"Salin tautan","passed":"Berhasil"}"#, true),
    (r#"{"timeLeft":"{time}","invalidSession":""}"#, true),
    (r#"{"copyLnk":"typo"}"#, false),
    (r#"{"copy_link":"snake case"}"#, false),
    (r#"{"passed":null}"#, false),
    (r#"{"passed":5}"#, false),
];

/// Reads every document above with `json::from_str`, the reader of the build this runs in, and
/// checks each is read or refused as listed.
fn check_wire_documents() {
    fn check<T: FromJson + std::fmt::Debug>(cases: &[(&str, bool)]) {
        for (document, read) in cases {
            let got = json::from_str::<T>(document);
            assert_eq!(got.is_ok(), *read, "{document}: {got:?}");
        }
    }
    check::<SessionRequest>(SESSION_REQUESTS);
    check::<SessionResponse>(SESSION_RESPONSES);
    check::<ResultResponse>(RESULTS);
    check::<ErrorResponse>(ERRORS);
    check::<Texts>(TEXTS);
}
