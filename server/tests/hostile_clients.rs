//! The session server against clients that attack it, over real sockets: cross-site forms,
//! slow and idle connections, floods of vendor-backed reads, hostile paths, replayed cookies,
//! malformed requests and CORS probes. Each test names the attack it reproduces; the slow-client
//! ones run with short timeouts so they stay bounded in time.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

use advance_liveness::{AllowedOrigin, SessionMode, SignatureId};
use advance_liveness_server::app::binding::{Binding, COOKIE_NAME, CookieKey, CookieKeys, OwnedSession};
use advance_liveness_server::clock::now_ms;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Browser, app_on, complete, stack};

/// A raw connection to `base` (`http://host:port`).
fn connect(base: &str) -> TcpStream {
    let stream = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream
}

/// Reads until the server closes; answers what it sent and how long that took.
fn read_until_closed(mut stream: TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
}

fn assert_json_error(answer: &str, status: u16, code: &str) {
    assert!(answer.starts_with(&format!("HTTP/1.1 {status} ")), "{answer}");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    let json: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {answer}"));
    assert_eq!(json["error"]["code"], code, "{answer}");
}

// 1. Cross-site requests.

#[tokio::test]
async fn a_cross_site_form_or_fetch_can_neither_mint_nor_replace_the_cookie_nor_purge() {
    let stack = stack(|_| {}).await;
    let mut victim = Browser::new(&stack);
    let session = victim.mint(None).await;
    let mints = stack.sim.simulator.stats().get_token;
    let mint_url = format!("{}/api/liveness/session", stack.base);
    let http = reqwest::Client::new();

    // An auto-submitting form: urlencoded, empty, from another site.
    let form = http
        .post(&mint_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::FORBIDDEN);
    assert!(form.headers().get("set-cookie").is_none(), "the victim's cookie is not replaced");
    assert_eq!(form.json::<Value>().await.unwrap()["error"]["code"], "cross_site_request");
    // The same form as curl sends it (no browser headers): refused for its content type.
    let curl_form = http.post(&mint_url).header("content-type", "application/x-www-form-urlencoded").send().await;
    let curl_form = curl_form.unwrap();
    assert_eq!(curl_form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(curl_form.headers().get("set-cookie").is_none());
    // A no-cors fetch (text/plain) and a fetch claiming JSON from another origin.
    for content_type in ["text/plain", "application/json"] {
        let fetch = http
            .post(&mint_url)
            .header("content-type", content_type)
            .header("origin", "https://evil.example")
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(fetch.status(), StatusCode::FORBIDDEN, "{content_type}");
    }
    // A sandboxed frame (Origin: null), and a cross-site fetch without Origin.
    for (name, value) in [("origin", "null"), ("sec-fetch-site", "cross-site")] {
        let request = http.post(&mint_url).header("content-type", "application/json").header(name, value);
        assert_eq!(request.send().await.unwrap().status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    assert_eq!(stack.sim.simulator.stats().get_token, mints, "no vendor session was spent");

    // A cross-site purge with the victim's cookie.
    let purge = http
        .delete(format!("{}/api/liveness/sessions/{}", stack.base, session.signature_id))
        .header("cookie", victim.cookie.clone().unwrap())
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(purge.status(), StatusCode::FORBIDDEN);
    assert_eq!(stack.sim.simulator.stats().clear_data, 0);
    // The victim still owns its session; its own page (same origin) and backends still work.
    assert_eq!(victim.result(session.signature_id.as_str()).await.0, StatusCode::OK);
    let own_page =
        http.post(&mint_url).header("content-type", "application/json").header("origin", &stack.base).send().await;
    assert_eq!(own_page.unwrap().status(), StatusCode::OK);
    assert_eq!(victim.mint_raw(None).await.status(), StatusCode::OK, "no browser headers: a backend or curl");
}

#[tokio::test]
async fn a_configured_cors_origin_may_mint_cross_site() {
    let stack = stack(|config| config.cors_origins = vec![AllowedOrigin::parse("https://shop.example").unwrap()]).await;
    let minted = reqwest::Client::new()
        .post(format!("{}/api/liveness/session", stack.base))
        .header("content-type", "application/json")
        .header("origin", "https://shop.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(minted.status(), StatusCode::OK);
    assert_eq!(minted.headers()["access-control-allow-origin"], "https://shop.example");
}

// 2. Slow and idle clients.

async fn slow_stack(max_connections: usize) -> support::Stack {
    stack(|config| {
        config.connection.header_timeout = Duration::from_millis(800);
        config.body_timeout = Duration::from_millis(800);
        config.connection.max_connections = NonZeroUsize::new(max_connections);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_trickling_and_half_sent_connections_are_closed_in_time() {
    let stack = slow_stack(100).await;
    let base = stack.base.clone();
    tokio::task::spawn_blocking(move || {
        // Idle: connected, nothing sent.
        let (_, waited) = read_until_closed(connect(&base));
        assert!(waited < Duration::from_secs(3), "idle socket kept {waited:?}");

        // A partial request line, then nothing.
        let mut partial = connect(&base);
        partial.write_all(b"GET /healthz HT").unwrap();
        let (_, waited) = read_until_closed(partial);
        assert!(waited < Duration::from_secs(3), "partial request line kept {waited:?}");

        // Headers trickled a byte every 200 ms: the deadline is for the whole head.
        let mut trickle = connect(&base);
        let started = Instant::now();
        for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
            if trickle.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
            if started.elapsed() > Duration::from_secs(5) {
                break;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(3), "trickled headers kept {:?}", started.elapsed());

        // Idle after a first request (keep-alive): closed too.
        let mut kept = connect(&base);
        kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (answer, waited) = read_until_closed(kept);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(waited < Duration::from_secs(3), "idle keep-alive kept {waited:?}");

        // A body trickled under a declared length within the limit: 408 in the API's shape.
        let mut body = connect(&base);
        body.write_all(
            b"POST /api/liveness/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 16000\r\n\r\n{",
        )
        .unwrap();
        let (answer, waited) = read_until_closed(body);
        assert_json_error(&answer, 408, "request_timeout");
        assert!(waited < Duration::from_secs(3), "trickled body kept {waited:?}");

        // A body trickled a byte every 300 ms, each well inside the 800 ms: the deadline is for
        // the whole body, so an idle timeout that restarts with every byte would never fire.
        let mut body = connect(&base);
        body.write_all(
            b"POST /api/liveness/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 16000\r\n\r\n{",
        )
        .unwrap();
        let mut writer = body.try_clone().unwrap();
        let trickler = std::thread::spawn(move || {
            for _ in 0..20 {
                std::thread::sleep(Duration::from_millis(300));
                if writer.write_all(b" ").is_err() {
                    break;
                }
            }
        });
        let (answer, waited) = read_until_closed(body);
        assert_json_error(&answer, 408, "request_timeout");
        assert!(waited < Duration::from_millis(2500), "a trickled body kept its connection {waited:?}");
        trickler.join().unwrap();

        // A declared length over the limit: 413 at once, before any of the body.
        let mut large = connect(&base);
        large
            .write_all(b"POST /api/liveness/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n")
            .unwrap();
        let started = Instant::now();
        let mut answer = vec![0; 4096];
        let read = large.read(&mut answer).unwrap();
        assert!(started.elapsed() < Duration::from_millis(500), "no early 413: {:?}", started.elapsed());
        let answer = String::from_utf8_lossy(&answer[..read]).into_owned();
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_its_answers_loses_its_connection() {
    // A slow-read attack: pipelined requests for a large file, never read. The server's writes
    // stall on a full socket; the connection must not hold its slot for ever.
    let dir = std::env::temp_dir().join(format!("advance-liveness-slow-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(dir.join("large.bin"), vec![7u8; 8 << 20]).unwrap();
    let static_dir = dir.clone();
    let stack = stack(move |config| {
        config.static_dir = Some(static_dir);
        config.connection.write_timeout = Duration::from_millis(800);
        config.connection.max_connections = NonZeroUsize::new(1);
    })
    .await;
    let base = stack.base.clone();
    tokio::task::spawn_blocking(move || {
        let mut reader = connect(&base);
        reader.write_all(&b"GET /large.bin HTTP/1.1\r\nHost: x\r\n\r\n".repeat(4)).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let healthz = |base: &str| {
            let mut other = connect(base);
            other.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
            read_until_closed(other).0
        };
        // The one connection slot is held while the answer stalls...
        let answer = healthz(&base);
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        // ...and freed once nothing could be written for the write timeout.
        std::thread::sleep(Duration::from_millis(1500));
        let answer = healthz(&base);
        assert!(answer.starts_with("HTTP/1.1 200"), "the stalled reader still holds its slot: {answer}");
        drop(reader);
    })
    .await
    .unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_half_sent_requests_cannot_take_the_server_down() {
    let stack = slow_stack(50).await;
    let base = stack.base.clone();
    tokio::task::spawn_blocking(move || {
        // Fill every connection slot with a half-sent request.
        let held: Vec<TcpStream> = (0..50)
            .map(|_| {
                let mut stream = connect(&base);
                stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap();
                stream
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        // One more is answered at once, in the API's shape, and closed.
        let (answer, waited) = read_until_closed(connect(&base));
        assert_json_error(&answer, 503, "server_busy");
        assert!(answer.to_ascii_lowercase().contains("retry-after: 1"), "{answer}");
        assert!(waited < Duration::from_millis(500), "{waited:?}");
        // The held ones are dropped at the head deadline, and the server serves again.
        for stream in held {
            let (_, waited) = read_until_closed(stream);
            assert!(waited < Duration::from_secs(3), "{waited:?}");
        }
        let mut health = connect(&base);
        health.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let (answer, _) = read_until_closed(health);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    })
    .await
    .unwrap();
}

// 3. Vendor-backed reads.

#[tokio::test]
async fn polling_one_pending_session_hard_costs_one_vendor_read_a_second() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    let started = Instant::now();
    // 300 polls, 30 at a time.
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let polls: Vec<_> = (0..30).map(|_| browser.result(id)).collect();
        statuses.extend(futures_util::future::join_all(polls).await.into_iter().map(|(status, _)| status));
    }
    let seconds = started.elapsed().as_secs_f64();
    let reads = stack.sim.simulator.stats().get_result;
    assert!(reads as f64 <= seconds.ceil() + 1.0, "{reads} vendor reads in {seconds:.2}s");
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    // The per-client budget: 120 a minute at once, one more each half second.
    assert!((120..=124).contains(&(statuses.len() - limited)), "{limited} refused");
    let (status, body) = browser.result(id).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::TOO_MANY_REQUESTS, &json!("rate_limited")));
    let retry = browser.get(&format!("/api/liveness/sessions/{id}/result")).await;
    assert!(retry.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    println!("300 polls of one pending session: {reads} vendor Get Result calls in {seconds:.2}s, {limited} refused");
}

#[tokio::test]
async fn concurrent_reads_of_a_finished_session_share_one_vendor_call() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    complete(&stack, id, None).await;
    let reads: Vec<_> = (0..40).map(|_| browser.result(id)).collect();
    for (status, body) in futures_util::future::join_all(reads).await {
        assert_eq!((status, &body["status"]), (StatusCode::OK, &json!("passed")));
    }
    assert_eq!(stack.sim.simulator.stats().get_result, 1);
}

#[tokio::test]
async fn return_page_hits_and_purges_are_bounded_too() {
    let stack = stack(|_| {}).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(Some(json!({"mode": "redirect"}))).await;
    let mut returns = Vec::new();
    for _ in 0..100 {
        returns.push(browser.get("/liveness/return?outcome=done").await.status());
    }
    let served = returns.iter().filter(|s| **s == StatusCode::SEE_OTHER).count();
    assert!((30..=31).contains(&served), "{returns:?}");
    assert!(returns.contains(&StatusCode::TOO_MANY_REQUESTS));
    assert!(stack.sim.simulator.stats().get_result <= 2, "{:?}", stack.sim.simulator.stats());

    let id = session.signature_id.as_str();
    let mut purges = Vec::new();
    for _ in 0..40 {
        purges.push(browser.delete(id).await.0);
    }
    assert_eq!(stack.sim.simulator.stats().clear_data, 1, "a purged session is not purged again");
    assert!((30..=31).contains(&purges.iter().filter(|s| **s == StatusCode::NO_CONTENT).count()), "{purges:?}");
    assert!(purges.contains(&StatusCode::TOO_MANY_REQUESTS));
}

// 4. Static paths.

#[tokio::test]
async fn a_path_the_file_system_refuses_is_a_404_and_no_error_log() {
    let dir = std::env::temp_dir().join(format!("advance-liveness-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    let captured = support::Captured::default();
    let _guard = captured.install();
    let stack = stack(|config| config.static_dir = Some(dir.clone())).await;
    let browser = Browser::new(&stack);
    for path in [format!("/{}", "a".repeat(256)), format!("/{}/x", "b".repeat(300)), "/index.html/x".into()] {
        let response = browser.get(&path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
    assert_eq!(browser.get("/").await.status(), StatusCode::OK);
    let log = captured.text();
    assert!(!log.contains("ERROR"), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

// 5. Cookies.

fn cookie_with(keys: &CookieKeys, id: &str, expires_at: u64) -> String {
    let mut binding = Binding::default();
    let session = OwnedSession { signature_id: SignatureId::new(id).unwrap(), expires_at, mode: SessionMode::Iframe };
    binding.add(session, expires_at);
    format!("{COOKIE_NAME}={}", binding.write(keys))
}

#[tokio::test]
async fn a_correctly_signed_cookie_past_its_age_grants_nothing() {
    let keys = CookieKeys::from(CookieKey::new(vec![7; 32]).unwrap());
    let stack = stack(|config| config.cookie_keys = keys.clone()).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    complete(&stack, id, None).await;
    // The same session, in a cookie whose entry expired a year ago.
    let year_ago = now_ms() - 365 * 24 * 3600 * 1000;
    let mut replayed = Browser::new(&stack);
    replayed.cookie = Some(cookie_with(&keys, id, year_ago));
    assert_eq!(replayed.result(id).await.0, StatusCode::FORBIDDEN);
    assert_eq!(replayed.delete(id).await.0, StatusCode::FORBIDDEN);
    // Within the documented grace it still reads.
    let mut recent = Browser::new(&stack);
    recent.cookie = Some(cookie_with(&keys, id, now_ms() - 3600 * 1000));
    assert_eq!(recent.result(id).await.1["status"], "passed");
}

#[tokio::test]
async fn the_cookie_key_rotates_without_logging_anyone_out() {
    let old = CookieKey::new(vec![1; 32]).unwrap();
    let new = CookieKey::new(vec![2; 32]).unwrap();
    let stack = stack(|config| config.cookie_keys = old.clone().into()).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint(None).await;
    let id = session.signature_id.as_str();
    // The next deployment signs with the new key and still accepts the old one.
    let (_rotated, rotated_base) =
        app_on(&stack.sim, |config| config.cookie_keys = CookieKeys::new(new.clone(), vec![old.clone()])).await;
    let mut after = Browser::at(&rotated_base);
    after.cookie = browser.cookie.clone();
    assert_eq!(after.result(id).await.0, StatusCode::OK);
    // A mint there re-signs the cookie with the new key, the old sessions kept.
    let second = after.mint(None).await;
    let (_dropped, dropped_base) = app_on(&stack.sim, |config| config.cookie_keys = new.clone().into()).await;
    let mut later = Browser::at(&dropped_base);
    later.cookie = after.cookie.clone();
    assert_eq!(later.result(id).await.0, StatusCode::OK, "carried over under the new key");
    assert_eq!(later.result(second.signature_id.as_str()).await.0, StatusCode::OK);
    // An old cookie, replayed once the old key is dropped, grants nothing.
    let mut replayed = Browser::at(&dropped_base);
    replayed.cookie = browser.cookie.clone();
    assert_eq!(replayed.result(id).await.0, StatusCode::FORBIDDEN);
}

// 6. One error vocabulary.

#[tokio::test]
async fn every_answer_under_api_is_the_json_error_shape() {
    let stack = stack(|_| {}).await;
    let http = reqwest::Client::new();
    let cases: Vec<(reqwest::RequestBuilder, StatusCode, &str)> = vec![
        (
            http.get(format!("{}/api/liveness/session", stack.base)),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            http.put(format!("{}/api/liveness/sessions/abcd/result", stack.base)),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            http.get(format!("{}/api/liveness/sessions/%ff/result", stack.base)),
            StatusCode::FORBIDDEN,
            "not_session_owner",
        ),
        (http.get(format!("{}/api/", stack.base)), StatusCode::NOT_FOUND, "not_found"),
        (http.get(format!("{}/api", stack.base)), StatusCode::NOT_FOUND, "not_found"),
        (http.get(format!("{}/api/liveness/nope", stack.base)), StatusCode::NOT_FOUND, "not_found"),
        (
            http.get(format!("{}/api/liveness/sessions/abcd/result?{}", stack.base, "q".repeat(10_000))),
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
        ),
        (
            http.get(format!("{}/api/liveness/sessions/abcd/result", stack.base)).header("x-big", "h".repeat(20_000)),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
        ),
        (
            http.post(format!("{}/api/liveness/session", stack.base))
                .header("content-type", "application/json")
                .body(r#"["u1","redirect","PRO"]"#),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            http.post(format!("{}/api/liveness/session", stack.base))
                .header("content-type", "application/json")
                .body(r#"  "u1""#),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
    ];
    for (request, status, code) in cases {
        let request = request.build().unwrap();
        let what = format!("{} {}", request.method(), &request.url().as_str()[..80.min(request.url().as_str().len())]);
        let response = http.execute(request).await.unwrap();
        assert_eq!(response.status(), status, "{what}");
        assert_eq!(response.headers()["content-type"], "application/json", "{what}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], code, "{what}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {body}");
    }
    assert_eq!(stack.sim.simulator.stats().get_token, 0, "a JSON array never mints");
}

// 7. Headers.

#[tokio::test]
async fn headers_nosniff_everywhere_no_store_on_return_and_cors_only_for_allowed_origins() {
    let stack = stack(|config| config.cors_origins = vec![AllowedOrigin::parse("https://shop.example").unwrap()]).await;
    let mut browser = Browser::new(&stack);
    let session = browser.mint_raw(None).await;
    assert_eq!(session.headers()["x-content-type-options"], "nosniff");
    for path in ["/healthz", "/api/nope", "/liveness/return?outcome=done", "/liveness/return?isLivenessIframe=true"] {
        let response = browser.get(path).await;
        assert_eq!(response.headers()["x-content-type-options"], "nosniff", "{path}");
        if path.starts_with("/liveness/return") {
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        }
    }
    let http = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        http.request(reqwest::Method::OPTIONS, format!("{}/api/liveness/session", stack.base))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://shop.example").await.unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(allowed.headers()["access-control-allow-credentials"], "true");
    let refused = preflight("https://evil.example").await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused.headers().keys().all(|name| !name.as_str().starts_with("access-control-")), "{refused:?}");
    let read = http
        .get(format!("{}/api/liveness/sessions/abcd/result", stack.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(read.headers().keys().all(|name| !name.as_str().starts_with("access-control-")), "{read:?}");
}
