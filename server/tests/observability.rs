//! What an operator sees: `/metrics` after a scripted flow (each counter moved by exactly what the
//! flow did), request ids on log lines and error answers, JSON log lines from the binary.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use advance_liveness_server::app::{AppConfig, Metrics, metrics_router};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use reqwest::StatusCode;
use support::{Browser, Captured, RedisServer, app_on, complete_at, in_fleet};

/// The value of the series line `name{labels}` (exact), or 0 if it is absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |value| value.parse().unwrap())
}

async fn scrape(base: &str) -> String {
    let response = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
    response.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_exactly_what_a_scripted_flow_did() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let redis = RedisServer::start();
    let metrics = Metrics::new();
    let configure = |config: &mut AppConfig| {
        in_fleet(config, &redis);
        config.metrics = metrics.clone();
        config.rate_limits.purges_per_minute = 1.try_into().unwrap();
    };
    let (_app, base) = app_on(&sim, configure).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let metrics_base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(axum::serve(listener, metrics_router(metrics.clone())).into_future());

    let before = scrape(&metrics_base).await;
    assert_eq!(sample(&before, "advance_liveness_mints_total{outcome=\"ok\"}"), 0.0);

    let mut browser = Browser::at(&base);
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    browser.mint(None).await;
    assert_eq!(browser.result(&id).await.1["status"], "pending");
    complete_at(&sim, &id, Some("pass")).await;
    for _ in 0..3 {
        assert_eq!(browser.result(&id).await.1["status"], "passed");
    }
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT);
    assert_eq!(browser.delete(&id).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(browser.result(&id).await.0, StatusCode::GONE);

    let text = scrape(&metrics_base).await;
    for (series, expected) in [
        ("advance_liveness_mints_total{outcome=\"ok\"}", 2.0),
        ("advance_liveness_result_reads_total{outcome=\"pending\"}", 1.0),
        ("advance_liveness_result_reads_total{outcome=\"passed\"}", 3.0),
        ("advance_liveness_result_reads_total{outcome=\"result_purged\"}", 1.0),
        ("advance_liveness_purges_total{outcome=\"ok\"}", 1.0),
        ("advance_liveness_purges_total{outcome=\"rate_limited\"}", 1.0),
        ("advance_liveness_rate_limited_total{route=\"purge\"}", 1.0),
        ("advance_liveness_vendor_calls_total{endpoint=\"token_auth\",code=\"SUCCESS\"}", 1.0),
        ("advance_liveness_vendor_calls_total{endpoint=\"get_token\",code=\"SUCCESS\"}", 2.0),
        ("advance_liveness_vendor_calls_total{endpoint=\"get_result\",code=\"LIVENESS_NO_RESULT\"}", 1.0),
        ("advance_liveness_vendor_calls_total{endpoint=\"get_result\",code=\"SUCCESS\"}", 1.0),
        ("advance_liveness_vendor_calls_total{endpoint=\"clear_data\",code=\"SUCCESS\"}", 1.0),
        ("advance_liveness_vendor_call_duration_seconds_count{endpoint=\"get_result\"}", 2.0),
        // Misses: the pending read and the first passed one; hits: two passed, one purged.
        ("advance_liveness_result_cache_misses_total", 2.0),
        ("advance_liveness_result_cache_hits_total", 3.0),
    ] {
        assert_eq!(sample(&text, series), expected, "{series} in:\n{text}");
    }
    assert!(sample(&text, "advance_liveness_open_connections") >= 1.0, "the browser's keep-alive connection");
    assert!(!text.lines().any(|l| l.starts_with("advance_liveness_store_errors_total{")), "no store error yet");

    // Redis goes away: every store call that fails is counted by operation.
    drop(redis);
    assert_eq!(browser.result(&id).await.0, StatusCode::GONE, "the vendor still says purged");
    let text = scrape(&metrics_base).await;
    assert_eq!(sample(&text, "advance_liveness_store_errors_total{operation=\"rate limit\"}"), 1.0, "{text}");
    assert_eq!(sample(&text, "advance_liveness_store_errors_total{operation=\"lookup\"}"), 1.0, "{text}");
}

#[tokio::test]
async fn every_request_has_an_id_in_its_log_lines_and_error_answers_and_only_proxies_choose_it() {
    let logs = Captured::default();
    let _guard = logs.install();
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let (_app, base) = app_on(&sim, |config| config.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    let (_untrusting, untrusting) = app_on(&sim, |_| {}).await;
    let http = reqwest::Client::new();

    // An error answer names its request, in the body and the header.
    let refused = http.get(format!("{untrusting}/api/liveness/sessions/abcd/result")).send().await.unwrap();
    let header = refused.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_session_owner");
    assert_eq!(body["error"]["requestId"], header.as_str());

    // A client cannot choose its id; a trusted proxy can.
    let forged = http.get(format!("{untrusting}/healthz")).header("x-request-id", "chosen-by-client").send().await;
    assert_ne!(forged.unwrap().headers()["x-request-id"], "chosen-by-client");
    let proxied = http.post(format!("{base}/api/liveness/session")).header("content-type", "application/json");
    let minted = proxied.header("x-request-id", "edge-4f2a").send().await.unwrap();
    assert_eq!(minted.headers()["x-request-id"], "edge-4f2a");

    // Every line the mint logged carries it.
    let text = logs.text();
    let minted_lines: Vec<&str> = text.lines().filter(|l| l.contains("liveness session minted")).collect();
    assert_eq!(minted_lines.len(), 1, "{text}");
    assert!(minted_lines[0].contains("request_id=edge-4f2a"), "{minted_lines:?}");
}

#[test]
fn the_binary_logs_json_lines_with_the_request_id_and_serves_metrics_apart() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_advance-liveness-server"))
        .args(["--simulate", "--bind", "127.0.0.1:0", "--sim-bind", "127.0.0.1:0"])
        .args(["--log-format", "json", "--metrics-bind", "127.0.0.1:0"])
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    let mut url = |prefix: &str| {
        lines.by_ref().find_map(|l| l.strip_prefix(prefix).map(|u| u.trim().to_owned())).expect("printed")
    };
    let api = url("session API:");
    let metrics = url("metrics:");
    let (sender, logged) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines {
            let _ = sender.send(line);
        }
    });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (request_id, scraped) = runtime.block_on(async {
        let minted = reqwest::Client::new().post(&api).header("content-type", "application/json").send().await;
        let request_id = minted.unwrap().headers()["x-request-id"].to_str().unwrap().to_owned();
        let public = api.trim_end_matches("/api/liveness/session");
        let hidden = reqwest::get(format!("{public}/metrics")).await.unwrap().status();
        assert_eq!(hidden, StatusCode::NOT_FOUND, "no /metrics on the public address");
        (request_id, reqwest::get(&metrics).await.unwrap().text().await.unwrap())
    });
    assert_eq!(sample(&scraped, "advance_liveness_mints_total{outcome=\"ok\"}"), 1.0, "{scraped}");
    let line = std::iter::from_fn(|| logged.recv_timeout(Duration::from_secs(5)).ok())
        .find(|line| line.contains("liveness session minted"))
        .expect("the mint is logged");
    let json: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
    assert_eq!(json["level"], "INFO");
    assert_eq!(json["message"], "liveness session minted");
    assert_eq!(json["span"]["request_id"], request_id.as_str(), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();
}
