//! Signed webhooks with a real HTTP receiver over loopback: one event per receiver when a session
//! ends, verifiable with the secret (both secrets during a rotation); a receiver that is down
//! for a while gets the event afterwards; with Redis, an event an instance could not deliver is
//! delivered by the next instance after a restart.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advance_liveness_server::app::AppConfig;
use advance_liveness_server::app::follower::FollowSchedule;
use advance_liveness_server::clock::now_ms;
use advance_liveness_server::simulator::{RunningSimulator, SimulatorConfig};
use advance_liveness_server::vendor::Credentials;
use advance_liveness_server::webhooks::delivery::WebhookSettings;
use advance_liveness_server::webhooks::{HEADER, WebhookSecret, verify_webhook};
use axum::body::Bytes;
use axum::http::{HeaderMap, Uri};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Browser, RedisServer, app_on, complete_at, in_fleet};

const SECRET: &str = "whsec-0123456789abcdef0123456789abcdef";
const OLD_SECRET: &str = "whsec-old-0123456789abcdef0123456789ab";

/// What a receiver got: (path, signature header, body).
type Received = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

/// A receiver on `port` (0: any) answering 200 to every POST; answers its base URL.
async fn receiver(port: u16, received: Received) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
        let received = received.clone();
        async move {
            let signature = headers.get(HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            received.lock().unwrap().push((uri.path().to_owned(), signature, body.to_vec()));
            "ok"
        }
    });
    (base, tokio::spawn(async move { axum::serve(listener, app).await.unwrap() }))
}

fn webhooks(urls: &[String], secrets: &[&str]) -> impl Fn(&mut AppConfig) {
    let settings = WebhookSettings {
        urls: urls.iter().map(|u| u.parse().unwrap()).collect(),
        secrets: secrets.iter().map(|s| WebhookSecret::new(*s).unwrap()).collect(),
    };
    move |config| config.webhooks = Some(settings.clone())
}

async fn wait_for(received: &Received, count: usize, patience: Duration) {
    let started = Instant::now();
    while received.lock().unwrap().len() < count {
        assert!(
            started.elapsed() < patience,
            "{} of {count} deliveries after {patience:?}",
            received.lock().unwrap().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn sim() -> RunningSimulator {
    RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_that_ends_sends_one_signed_event_to_each_receiver() {
    let received = Received::default();
    let (base, _receiver) = receiver(0, received.clone()).await;
    let sim = sim().await;
    let urls = [format!("{base}/hooks/a"), format!("{base}/hooks/b")];
    let (_app, app) = app_on(&sim, webhooks(&urls, &[SECRET, OLD_SECRET])).await;
    let mut browser = Browser::at(&app);
    let id = browser.mint(Some(json!({"userId": "user-42"}))).await.signature_id.as_str().to_owned();
    complete_at(&sim, &id, Some("pass")).await;
    for _ in 0..3 {
        assert_eq!(browser.result(&id).await.1["status"], "passed");
    }
    wait_for(&received, 2, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let deliveries = received.lock().unwrap().clone();
    assert_eq!(deliveries.len(), 2, "one per receiver, however often the result was read");
    let mut paths: Vec<&str> = deliveries.iter().map(|(path, _, _)| path.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["/hooks/a", "/hooks/b"]);
    for (_, signature, body) in &deliveries {
        // Both secrets of the rotation verify it; another does not.
        for secret in [SECRET, OLD_SECRET] {
            assert_eq!(verify_webhook(secret.as_bytes(), signature, body, now_ms() / 1000), Ok(()), "{signature}");
        }
        assert!(verify_webhook(b"whsec-someone-else-0123456789abcdef01", signature, body, now_ms() / 1000).is_err());
        let event: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(
            (event["id"].as_str(), event["type"].as_str()),
            (Some(&*format!("evt_{id}_passed")), Some("session.passed"))
        );
        assert_eq!(
            (event["data"]["status"].as_str(), event["data"]["userId"].as_str()),
            (Some("passed"), Some("user-42"))
        );
        assert_eq!(event["data"]["mintedBy"], "browser");
        assert!(event["createdAt"].as_u64().is_some() && event["data"]["completedAt"].as_u64().is_some(), "{event}");
    }

    // The purge is an event too.
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT);
    wait_for(&received, 4, Duration::from_secs(5)).await;
    let purged: Value = serde_json::from_slice(&received.lock().unwrap()[3].2).unwrap();
    assert_eq!((purged["type"].as_str(), purged["data"]["status"].as_str()), (Some("session.purged"), Some("purged")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_that_is_down_for_a_while_gets_the_event_afterwards() {
    // A port nobody listens on yet: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sim = sim().await;
    let (_app, app) = app_on(&sim, webhooks(&[format!("http://127.0.0.1:{port}/hook")], &[SECRET])).await;
    let mut browser = Browser::at(&app);
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    complete_at(&sim, &id, Some("fail")).await;
    assert_eq!(browser.result(&id).await.1["status"], "failed");

    tokio::time::sleep(Duration::from_secs(2)).await; // two or three refused attempts
    let received = Received::default();
    let _receiver = receiver(port, received.clone()).await;
    wait_for(&received, 1, Duration::from_secs(15)).await;
    let (_, signature, body) = received.lock().unwrap()[0].clone();
    assert_eq!(verify_webhook(SECRET.as_bytes(), &signature, &body, now_ms() / 1000), Ok(()));
    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["id"], format!("evt_{id}_failed"));
}

#[tokio::test(flavor = "multi_thread")]
async fn with_redis_an_undelivered_event_is_delivered_after_a_restart() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hook");
    let sim = sim().await;
    let redis = RedisServer::start();
    let configure = webhooks(std::slice::from_ref(&url), &[SECRET]);
    let (first, base) = app_on(&sim, |config| {
        in_fleet(config, &redis);
        configure(config);
    })
    .await;
    let mut browser = Browser::at(&base);
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    complete_at(&sim, &id, Some("pass")).await;
    assert_eq!(browser.result(&id).await.1["status"], "passed");
    tokio::time::sleep(Duration::from_millis(700)).await; // at least one refused attempt
    drop(first); // the instance goes away with the event undelivered

    let received = Received::default();
    let _receiver = receiver(port, received.clone()).await;
    let (_second, _) = app_on(&sim, |config| {
        in_fleet(config, &redis);
        configure(config);
    })
    .await;
    wait_for(&received, 1, Duration::from_secs(15)).await;
    let event: Value = serde_json::from_slice(&received.lock().unwrap()[0].2).unwrap();
    assert_eq!(event["id"], format!("evt_{id}_passed"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_tabs_session_still_ends_and_the_fleet_follows_each_session_at_its_pace() {
    let received = Received::default();
    let (base, _receiver) = receiver(0, received.clone()).await;
    let sim = sim().await;
    let redis = RedisServer::start();
    let urls = [format!("{base}/hook")];
    let configure = webhooks(&urls, &[SECRET]);
    let follow = FollowSchedule {
        first: Duration::from_millis(200),
        longest: Duration::from_millis(1500),
        tick: Duration::from_millis(50),
    };
    let mut apps = Vec::new();
    for _ in 0..2 {
        apps.push(
            app_on(&sim, |config| {
                in_fleet(config, &redis);
                configure(config);
                config.follow = follow;
            })
            .await,
        );
    }
    // Two tabs that mint and close: nobody reads their results again.
    let mut first = Browser::at(&apps[0].1);
    let finished = first.mint(None).await.signature_id.as_str().to_owned();
    let mut second = Browser::at(&apps[1].1);
    let abandoned = second.mint(None).await.signature_id.as_str().to_owned();
    complete_at(&sim, &finished, Some("pass")).await;
    wait_for(&received, 1, Duration::from_secs(5)).await;
    let event: Value = serde_json::from_slice(&received.lock().unwrap()[0].2).unwrap();
    assert_eq!(event["id"], format!("evt_{finished}_passed"));

    // The abandoned one is read once per 1.5 s by the fleet of two, not once by each instance.
    let reads = sim.simulator.stats().get_result;
    tokio::time::sleep(Duration::from_millis(4500)).await;
    let made = sim.simulator.stats().get_result - reads;
    assert!((2..=4).contains(&made), "{made} reads of one pending session in 4.5 s (3 expected)");
    assert_eq!(received.lock().unwrap().len(), 1, "{abandoned} has not ended");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_nobody_finishes_ends_as_expired_with_its_event_after_the_schedules_reads() {
    let received = Received::default();
    let (base, _receiver) = receiver(0, received.clone()).await;
    // The vendor's hour shortened to 6 s, the follower's pace with it; its reads stay more than
    // the 1 s for which a pending answer is reused apart, so each is a vendor call.
    let lifetime = Duration::from_secs(6);
    let sim = RunningSimulator::start_with("127.0.0.1:0".parse().unwrap(), |base| SimulatorConfig {
        session_lifetime: lifetime,
        ..SimulatorConfig::new(Credentials::sample(), base)
    })
    .await
    .unwrap();
    let follow = FollowSchedule {
        first: Duration::from_millis(1100),
        longest: Duration::from_millis(2000),
        tick: Duration::from_millis(20),
    };
    let urls = [format!("{base}/hook")];
    let configure = webhooks(&urls, &[SECRET]);
    let (_app, url) = app_on(&sim, |config| {
        configure(config);
        config.follow = follow;
    })
    .await;
    let minted = Browser::at(&url).mint(None).await;
    let id = minted.signature_id.as_str().to_owned();

    wait_for(&received, 1, lifetime + Duration::from_secs(5)).await;
    let made = sim.simulator.stats().get_result;
    let (_, signature, body) = received.lock().unwrap()[0].clone();
    assert!(verify_webhook(SECRET.as_bytes(), &signature, &body, now_ms() / 1000).is_ok());
    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["id"], format!("evt_{id}_expired"));
    assert_eq!(event["type"], "session.expired");
    assert_eq!(event["data"]["status"], "expired");
    // Read right at expiry, not an interval later.
    let completed_at = event["data"]["completedAt"].as_u64().unwrap();
    assert!((minted.expires_at..minted.expires_at + 500).contains(&completed_at), "{event}");
    // The schedule's reads (late ticks can only drop one), the last after expiry; then none.
    let planned = follow.reads_until_expiry(lifetime) as u64;
    assert!((planned - 1..=planned).contains(&made), "{made} Get Result calls, {planned} planned");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sim.simulator.stats().get_result, made, "an expired session is read again");
    assert_eq!(received.lock().unwrap().len(), 1);
}
