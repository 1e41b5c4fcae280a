// Session URLs that both URL parsers must treat alike: run natively (the `url` crate) by
// src/rules/liveness_url.rs and in the browser (its own `URL`) by tests/browser_rules.rs, which
// both `include!` this file. The allowed origin is the vendor's default.

/// Accepted URLs and their encoding (which parsing again leaves unchanged).
const ENCODED_URLS: &[(&str, &str)] = &[
    // Separators stay separators.
    ("https://liveness.advance.ai/h5?a=1&b=2", "https://liveness.advance.ai/h5?a=1&b=2"),
    // Spaces, non-ASCII and stray percent signs are escaped.
    ("https://liveness.advance.ai/h5?name=José Ñ", "https://liveness.advance.ai/h5?name=Jos%C3%A9%20%C3%91"),
    ("https://liveness.advance.ai/h5?discount=100%", "https://liveness.advance.ai/h5?discount=100%25"),
    ("https://liveness.advance.ai/h5?p=%zz%4", "https://liveness.advance.ai/h5?p=%25zz%254"),
    // Existing escapes (an encoded & and = inside a value) are not encoded again.
    (
        "https://liveness.advance.ai/h5?returnUrl=https%3A%2F%2Fx.com%2F%3Fa%3D1%26b%3D2",
        "https://liveness.advance.ai/h5?returnUrl=https%3A%2F%2Fx.com%2F%3Fa%3D1%26b%3D2",
    ),
    ("https://liveness.advance.ai/h5?q=a%20b", "https://liveness.advance.ai/h5?q=a%20b"),
    // Non-ASCII and spaces in the path, characters RFC 3986 forbids in the query.
    ("https://liveness.advance.ai/h5 página/", "https://liveness.advance.ai/h5%20p%C3%A1gina/"),
    ("https://liveness.advance.ai/h5?x={a|b}^[c]", "https://liveness.advance.ai/h5?x=%7Ba%7Cb%7D%5E%5Bc%5D"),
    ("https://liveness.advance.ai/h5?x=\"<>\"", "https://liveness.advance.ai/h5?x=%22%3C%3E%22"),
    ("https://liveness.advance.ai/h5#a b#c", "https://liveness.advance.ai/h5#a%20b%23c"),
    // Host case and the default port are normalised; a missing path becomes `/`.
    ("HTTPS://Liveness.Advance.AI:443?token=Ab", "https://liveness.advance.ai/?token=Ab"),
    // Emoji and CJK.
    ("https://liveness.advance.ai/h5?n=😀中", "https://liveness.advance.ai/h5?n=%F0%9F%98%80%E4%B8%AD"),
    // An empty query and fragment are kept as they are.
    ("https://liveness.advance.ai/h5?#", "https://liveness.advance.ai/h5?#"),
];

/// A refused URL and a check of the reason.
type RefusedUrl = (&'static str, fn(&LivenessUrlError) -> bool);

const REFUSED_URLS: &[RefusedUrl] = &[
    ("javascript:alert(1)", |e| matches!(e, LivenessUrlError::DisallowedScheme(s) if s == "javascript")),
    ("JaVaScRiPt:alert(1)", |e| matches!(e, LivenessUrlError::DisallowedScheme(_))),
    ("data:text/html,<script>alert(1)</script>", |e| matches!(e, LivenessUrlError::DisallowedScheme(_))),
    ("blob:https://liveness.advance.ai/uuid", |e| matches!(e, LivenessUrlError::DisallowedScheme(_))),
    ("file:///etc/passwd", |e| matches!(e, LivenessUrlError::DisallowedScheme(_))),
    ("http://liveness.advance.ai/h5", |e| *e == LivenessUrlError::Insecure),
    ("https://user:pw@liveness.advance.ai/h5", |e| *e == LivenessUrlError::HasCredentials),
    ("https://liveness.advance.ai@evil.com/h5", |e| *e == LivenessUrlError::HasCredentials),
    ("https://liveness.advance.ai.evil.com/h5", |e| matches!(e, LivenessUrlError::WrongOrigin { .. })),
    ("https://liveness.advance.ai:8443/h5", |e| matches!(e, LivenessUrlError::WrongOrigin { .. })),
    ("https://evil.com/h5?next=https://liveness.advance.ai", |e| matches!(e, LivenessUrlError::WrongOrigin { .. })),
    ("//liveness.advance.ai/h5", |e| *e == LivenessUrlError::Invalid),
    ("/h5?token=1", |e| *e == LivenessUrlError::Invalid),
    ("https://liveness.advance.ai/h5\n?x", |e| *e == LivenessUrlError::Malformed),
    ("https://liveness.adv\tance.ai/h5", |e| *e == LivenessUrlError::Malformed),
    ("", |e| *e == LivenessUrlError::Malformed),
    ("https:// liveness.advance.ai", |e| *e == LivenessUrlError::Invalid),
    // Found by fuzzing: non-ASCII and percent-escaped hosts (refused before any parser sees them).
    ("http://X\u{4be}}", |e| *e == LivenessUrlError::Invalid),
    ("https://Liveness.Advance.\u{e9}", |e| *e == LivenessUrlError::Invalid),
    ("https://xn--e1afmkfd.\u{444}/h5", |e| *e == LivenessUrlError::Invalid),
    ("https://livAAAAAAAAAA%AAAAAAoken=2a$b&ess?t)f", |e| *e == LivenessUrlError::Invalid),
    ("https://liveness%2Eadvance.ai/h5", |e| *e == LivenessUrlError::Invalid),
    // Found by fuzzing: a punycode label that decodes to characters the IDNA code asserts on.
    ("http://xn--Uuggggggggggggg/", |e| *e == LivenessUrlError::Invalid),
    // Punycode in general: liveness origins are plain ASCII names.
    ("https://xn--bcher-kva.example/h5", |e| *e == LivenessUrlError::Invalid),
];
