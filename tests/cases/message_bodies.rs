// Message bodies that both JSON parsers must decide alike: run natively (serde_json) by
// src/rules/message.rs and in the browser (JSON.parse) by tests/browser_rules.rs, which both
// `include!` this file. Each body comes from the right origin and from our own frame.

/// A message body and a check of what the rule answers for it.
type BodyCase = (&'static str, fn(&Result<LivenessSignal, Rejection>) -> bool);

const MESSAGE_BODIES: &[BodyCase] = &[
    // The vendor's two messages, with whitespace, escapes and extra keys it might add.
    (r#"{"info":"successNext"}"#, |r| *r == Ok(LivenessSignal::Success)),
    (r#"{"info":"failedNext"}"#, |r| *r == Ok(LivenessSignal::Failure)),
    (" { \"info\" : \"successNext\", \"version\": 6 } ", |r| *r == Ok(LivenessSignal::Success)),
    (r#"{"info":"success\u004eext"}"#, |r| *r == Ok(LivenessSignal::Success)),
    (r#"{"x":[[{"y":null}]],"info":"failedNext"}"#, |r| *r == Ok(LivenessSignal::Failure)),
    // Not JSON.
    ("successNext", |r| *r == Err(Rejection::NotJson)),
    ("", |r| *r == Err(Rejection::NotJson)),
    ("{info:'successNext'}", |r| *r == Err(Rejection::NotJson)),
    (r#"{"info":"successNext""#, |r| *r == Err(Rejection::NotJson)),
    (r#"{"info":"successNext"} trailing"#, |r| *r == Err(Rejection::NotJson)),
    (r#"{"info":"successNext",}"#, |r| *r == Err(Rejection::NotJson)),
    // JSON of the wrong shape.
    (r#""successNext""#, |r| *r == Err(Rejection::UnexpectedShape)),
    ("null", |r| *r == Err(Rejection::UnexpectedShape)),
    ("42", |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"[{"info":"successNext"}]"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"[["info","successNext"]]"#, |r| *r == Err(Rejection::UnexpectedShape)),
    ("{}", |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"info":{"info":"successNext"}}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"data":{"info":"successNext"}}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"info":["successNext"]}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"info":true}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"info":null}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    (r#"{"Info":"successNext"}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    // Of duplicated keys the last counts, as in JSON.parse.
    (r#"{"info":"successNext","info":"closing"}"#, |r| *r == Err(Rejection::UnknownInfo("closing".into()))),
    (r#"{"info":"successNext","info":7}"#, |r| *r == Err(Rejection::UnexpectedShape)),
    // Unknown info values, including near misses.
    (r#"{"info":"SuccessNext"}"#, |r| *r == Err(Rejection::UnknownInfo("SuccessNext".into()))),
    (r#"{"info":"successNext "}"#, |r| matches!(r, Err(Rejection::UnknownInfo(_)))),
    (r#"{"info":"success"}"#, |r| matches!(r, Err(Rejection::UnknownInfo(_)))),
    (r#"{"info":""}"#, |r| matches!(r, Err(Rejection::UnknownInfo(_)))),
    (r#"{"info":"successNext\u0000"}"#, |r| *r == Err(Rejection::UnknownInfo("successNext\0".into()))),
];
