//! The receiver snippets of docs/backend.md, run as written: the Node and Python functions are
//! cut from the page, the Rust one is compiled from the file the page shows (checked equal), and
//! all are called on deliveries signed by the server crate's `sign`: a good one, one signed during
//! a rotation, a tampered body, a stale one, another secret, one without a signature. The crate's
//! own `verify_webhook` answers the same.

use std::path::Path;
use std::process::Command;

use advance_liveness_server::webhooks::{WebhookSecret, sign};

const SECRET: &str = "whsec-0123456789abcdef0123456789abcdef";
const OLD_SECRET: &str = "whsec-old-0123456789abcdef0123456789ab";
const NOW: u64 = 1_800_000_000;

/// The code block that follows `<!-- snippet: NAME -->` in docs/backend.md.
fn snippet(name: &str) -> String {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/backend.md")).unwrap();
    let marker = format!("<!-- snippet: {name} -->");
    let after = &page[page.find(&marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len()..];
    let code = &after[after.find('\n').unwrap() + 1..];
    let code = &code[code.find('\n').unwrap() + 1..]; // past the opening fence
    code[..code.find("\n```").unwrap()].to_owned()
}

/// (secret the receiver holds, header, body, receiver's clock, accepted?)
fn cases() -> Vec<(&'static str, String, &'static [u8], u64, bool)> {
    let body: &[u8] = br#"{"id":"evt_6f1c0d2a9b3e4f57_passed","type":"session.passed"}"#;
    let current = WebhookSecret::new(SECRET).unwrap();
    let old = WebhookSecret::new(OLD_SECRET).unwrap();
    let signed = sign(std::slice::from_ref(&current), NOW, body);
    let rotating = sign(&[current, old], NOW, body);
    vec![
        (SECRET, signed.clone(), body, NOW + 299, true),
        (OLD_SECRET, rotating, body, NOW, true),
        (SECRET, signed.clone(), br#"{"id":"evt_6f1c0d2a9b3e4f57_passed","type":"session.failed"}"#, NOW, false),
        (SECRET, signed.clone(), body, NOW + 301, false),
        (OLD_SECRET, signed, body, NOW, false),
        (SECRET, "t=1800000000".into(), body, NOW, false),
    ]
}

fn run_cases(dir: &Path, program: &str, script: &str) {
    for (i, (secret, header, body, now, accepted)) in cases().into_iter().enumerate() {
        let body_file = dir.join(format!("body-{i}"));
        std::fs::write(&body_file, body).unwrap();
        let output = Command::new(program)
            .arg(dir.join(script))
            .args([secret, &header, body_file.to_str().unwrap(), &now.to_string()])
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        let printed = String::from_utf8_lossy(&output.stdout).trim().to_lowercase();
        assert!(output.status.success(), "{program} case {i}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(printed, accepted.to_string(), "{program} case {i}: {header}");
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("al-snippet-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_node_snippet_accepts_exactly_the_genuine_deliveries() {
    let dir = scratch("node");
    std::fs::write(dir.join("verify.mjs"), snippet("verify-node")).unwrap();
    std::fs::write(
        dir.join("run.mjs"),
        "import { readFileSync } from 'node:fs';\nimport { verifyWebhook } from './verify.mjs';\n\
         const [secret, header, file, now] = process.argv.slice(2);\n\
         console.log(verifyWebhook(secret, header, readFileSync(file), Number(now)));\n",
    )
    .unwrap();
    run_cases(&dir, "node", "run.mjs");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_python_snippet_accepts_exactly_the_genuine_deliveries() {
    let dir = scratch("python");
    let runner = "\n\nimport sys\nsecret, header, file, now = sys.argv[1:]\n\
                  print(verify_webhook(secret.encode(), header, open(file, 'rb').read(), int(now)))\n";
    std::fs::write(dir.join("verify.py"), snippet("verify-python") + runner).unwrap();
    run_cases(&dir, "python3", "verify.py");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_python_example_backend_verifies_with_the_pages_snippet() {
    let example = include_str!("../../examples/backend-python/backend.py");
    let function = snippet("verify-python");
    let function = &function[function.find("def verify_webhook").unwrap()..];
    assert!(example.contains(function), "examples/backend-python/backend.py differs from the page's verify_webhook");
}

/// The Rust snippet, compiled here from the file docs/backend.md shows.
#[path = "snippets/verify_webhook.rs"]
mod rust_snippet;

#[test]
fn the_rust_snippet_is_on_the_page_and_accepts_exactly_the_genuine_deliveries() {
    assert_eq!(
        snippet("verify-rust") + "\n",
        include_str!("snippets/verify_webhook.rs"),
        "the page shows the tested file"
    );
    for (i, (secret, header, body, now, accepted)) in cases().into_iter().enumerate() {
        assert_eq!(rust_snippet::verify_webhook(secret.as_bytes(), &header, body, now), accepted, "case {i}: {header}");
        let crate_says = advance_liveness_server::webhooks::verify_webhook(secret.as_bytes(), &header, body, now);
        assert_eq!(crate_says.is_ok(), accepted, "the crate's verify_webhook, case {i}: {header}");
    }
}
