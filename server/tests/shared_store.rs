//! Several instances sharing one real Redis, over real sockets, against one simulator: one vendor
//! read per session for the fleet (also when every instance is asked at once), purges seen
//! everywhere, one rate limit for the fleet, a restart losing nothing, and a Redis outage
//! answered cleanly and recovered from without restarting anything.

mod support;

use std::time::{Duration, Instant};

use advance_liveness::SignatureId;
use advance_liveness_server::app::client_limits::RateLimits;
use advance_liveness_server::app::store::{MemoryStore, Outcome, PendingSession, RedisSettings, RedisStore, Store};
use advance_liveness_server::app::{AppConfig, Metrics, RunningApp};
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use reqwest::StatusCode;
use support::{Browser, RedisServer, app_on, complete_at, in_fleet};

struct Fleet {
    sim: RunningSimulator,
    redis: RedisServer,
    apps: Vec<RunningApp>,
}

impl Fleet {
    /// `n` instances on one Redis and one simulator.
    async fn start(n: usize, configure: fn(&mut AppConfig)) -> Self {
        let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
        let mut fleet = Self { sim, redis: RedisServer::start(), apps: Vec::new() };
        for _ in 0..n {
            fleet.add(configure).await;
        }
        fleet
    }

    /// One more instance; answers its base URL.
    async fn add(&mut self, configure: fn(&mut AppConfig)) -> String {
        let redis = &self.redis;
        let (app, base) = app_on(&self.sim, |config| {
            in_fleet(config, redis);
            configure(config);
        })
        .await;
        self.apps.push(app);
        base
    }

    fn base(&self, i: usize) -> String {
        self.apps[i].base_url.clone()
    }

    fn get_results(&self) -> u64 {
        self.sim.simulator.stats().get_result
    }
}

fn defaults(_: &mut AppConfig) {}

/// `count` reads of `id` with `browser`'s cookie, all at once, spread over the fleet's instances.
async fn reads_at_once(
    fleet: &Fleet,
    browser: &Browser,
    id: &str,
    count: usize,
) -> Vec<(StatusCode, serde_json::Value)> {
    let reads = (0..count).map(|i| {
        let mut reader = Browser::at(&fleet.base(i % fleet.apps.len()));
        reader.cookie = browser.cookie.clone();
        async move { reader.result(id).await }
    });
    futures_util::future::join_all(reads).await
}

/// A browser that minted a session on instance 0, and the session's id.
async fn minted(fleet: &Fleet) -> (Browser, String) {
    let mut browser = Browser::at(&fleet.base(0));
    let session = browser.mint(None).await;
    (browser, session.signature_id.as_str().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_is_read_at_the_vendor_once_for_the_whole_fleet() {
    let fleet = Fleet::start(2, defaults).await;
    let (mut browser, id) = minted(&fleet).await;
    complete_at(&fleet.sim, &id, Some("pass")).await;
    for i in 0..8 {
        browser.base = fleet.base(i % 2);
        let (status, body) = browser.result(&id).await;
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("passed")), "read {i}");
    }
    assert_eq!(fleet.get_results(), 1, "8 reads over 2 instances");

    // Both instances asked at the same moment, many times each, before anyone knew the result.
    let (browser, id) = minted(&fleet).await;
    complete_at(&fleet.sim, &id, Some("pass")).await;
    let before = fleet.get_results();
    for (status, body) in reads_at_once(&fleet, &browser, &id, 20).await {
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("passed")));
    }
    assert_eq!(fleet.get_results() - before, 1, "20 simultaneous reads over 2 instances");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pending_session_costs_one_read_a_second_for_the_fleet() {
    let fleet = Fleet::start(2, defaults).await;
    let (browser, id) = minted(&fleet).await;
    let before = fleet.get_results();
    for (status, body) in reads_at_once(&fleet, &browser, &id, 20).await {
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("pending")));
    }
    assert_eq!(fleet.get_results() - before, 1, "one pending answer, reused by both instances");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_purge_on_one_instance_answers_410_on_every_instance_at_once() {
    let fleet = Fleet::start(2, defaults).await;
    let (mut browser, id) = minted(&fleet).await;
    complete_at(&fleet.sim, &id, Some("pass")).await;
    assert_eq!(browser.result(&id).await.0, StatusCode::OK, "instance A knows the verdict");

    browser.base = fleet.base(1);
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT, "purged on instance B");
    for i in [0, 1] {
        browser.base = fleet.base(i);
        let (status, body) = browser.result(&id).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::GONE, Some("result_purged")), "instance {i}");
    }
    browser.base = fleet.base(0);
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT, "a second purge, elsewhere");
    assert_eq!(fleet.sim.simulator.stats().clear_data, 1, "purged at the vendor once");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rate_limit_is_one_budget_for_the_fleet() {
    let fleet = Fleet::start(2, |config| config.rate_limits.mints_per_minute = 5.try_into().unwrap()).await;
    let mut served = 0;
    for i in 0..12 {
        let mut browser = Browser::at(&fleet.base(i % 2));
        let response = browser.mint_raw(None).await;
        match response.status() {
            StatusCode::OK => served += 1,
            StatusCode::TOO_MANY_REQUESTS => assert!(response.headers().contains_key("retry-after")),
            other => panic!("mint {i}: {other}"),
        }
    }
    assert_eq!(served, 5, "12 mints spread over 2 instances, 5 a minute for the client");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_instance_loses_nothing() {
    let configure: fn(&mut AppConfig) = |config| config.rate_limits.mints_per_minute = 3.try_into().unwrap();
    let mut fleet = Fleet::start(1, configure).await;
    let (mut passed_browser, passed) = minted(&fleet).await;
    let (mut purged_browser, purged) = minted(&fleet).await;
    complete_at(&fleet.sim, &passed, Some("pass")).await;
    assert_eq!(passed_browser.result(&passed).await.0, StatusCode::OK);
    assert_eq!(purged_browser.delete(&purged).await.0, StatusCode::NO_CONTENT);
    assert_eq!(Browser::at(&fleet.base(0)).mint_raw(None).await.status(), StatusCode::OK, "the third mint");

    // The only instance goes away; a new one starts on the same Redis.
    fleet.apps.clear();
    let base = fleet.add(configure).await;
    let (results, purges) = (fleet.get_results(), fleet.sim.simulator.stats().clear_data);
    passed_browser.base = base.clone();
    let (status, body) = passed_browser.result(&passed).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("passed")));
    purged_browser.base = base.clone();
    assert_eq!(purged_browser.result(&purged).await.0, StatusCode::GONE);
    assert_eq!(purged_browser.delete(&purged).await.0, StatusCode::NO_CONTENT);
    assert_eq!((fleet.get_results(), fleet.sim.simulator.stats().clear_data), (results, purges), "no vendor call");
    assert_eq!(Browser::at(&base).mint_raw(None).await.status(), StatusCode::TOO_MANY_REQUESTS, "budget kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redis_outage_degrades_reads_refuses_purges_and_recovers_by_itself() {
    let mut fleet = Fleet::start(2, defaults).await;
    let (mut browser, id) = minted(&fleet).await;
    complete_at(&fleet.sim, &id, Some("pass")).await;
    let ready = |base: String| async move { reqwest::get(format!("{base}/readyz")).await.unwrap() };
    assert_eq!(ready(fleet.base(0)).await.status(), StatusCode::OK);

    fleet.redis.kill();
    let started = Instant::now();
    let not_ready = ready(fleet.base(0)).await;
    assert_eq!(not_ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(not_ready.headers().contains_key("retry-after"));
    let body: serde_json::Value = not_ready.json().await.unwrap();
    assert_eq!(body["error"]["code"], "store_unavailable");
    assert_eq!(reqwest::get(format!("{}/healthz", fleet.base(0))).await.unwrap().status(), StatusCode::OK);

    // Mints go on; reads go to the vendor (each instance alone); purges refuse.
    let mut other = Browser::at(&fleet.base(1));
    assert_eq!(other.mint_raw(None).await.status(), StatusCode::OK, "a mint without Redis");
    // Once an instance saw Redis fail, it does not wait for it again at every request.
    for _ in 0..5 {
        let asked = Instant::now();
        assert_eq!(other.mint_raw(None).await.status(), StatusCode::OK);
        assert!(asked.elapsed() < Duration::from_millis(300), "a mint waited {:?} for Redis", asked.elapsed());
    }
    for i in [0, 1] {
        browser.base = fleet.base(i);
        let (status, body) = browser.result(&id).await;
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("passed")), "instance {i}");
    }
    let purge = browser.http.delete(format!("{}/api/liveness/sessions/{id}", fleet.base(0)));
    let refused = purge.header("cookie", browser.cookie.clone().unwrap()).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(fleet.sim.simulator.stats().clear_data, 0, "nothing purged that the fleet could not learn");
    assert!(started.elapsed() < Duration::from_secs(10), "no hang: {:?}", started.elapsed());

    // Redis is back: the same instances recover without a restart.
    fleet.redis.restart();
    let back = Instant::now();
    for i in [0, 1] {
        while ready(fleet.base(i)).await.status() != StatusCode::OK {
            assert!(back.elapsed() < Duration::from_secs(10), "instance {i} never reconnected");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    println!("both instances ready {:?} after Redis came back", back.elapsed());
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT);
    browser.base = fleet.base(1);
    assert_eq!(browser.result(&id).await.0, StatusCode::GONE, "the purge is seen by the other instance");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_redis_is_waited_for_only_as_long_as_the_timeout() {
    let fleet = Fleet::start(1, defaults).await;
    let (browser, id) = minted(&fleet).await;
    complete_at(&fleet.sim, &id, Some("fail")).await;
    fleet.redis.pause();
    let started = Instant::now();
    let (status, body) = browser.result(&id).await;
    let took = started.elapsed();
    fleet.redis.resume();
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("failed")));
    // The rate limit, the lookup: each waits the 500 ms timeout at most.
    assert!(took < Duration::from_secs(3), "a frozen Redis held the read {took:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_fleet_registers_pending_sessions_until_they_end() {
    let fleet = Fleet::start(2, defaults).await;
    let (mut first, ended) = minted(&fleet).await;
    let mut second = Browser::at(&fleet.base(1));
    let open = second.mint(None).await;
    complete_at(&fleet.sim, &ended, Some("fail")).await;
    first.base = fleet.base(1);
    assert_eq!(first.result(&ended).await.1["status"], "failed");

    // What any instance (or the next issue's follower) sees in the shared registry.
    let settings = RedisSettings::new(&fleet.redis.url(), None).unwrap();
    let store = Store::Redis(RedisStore::new(&settings, &RateLimits::default()));
    let now = advance_liveness_server::clock::now_ms();
    let pending = store.claim_follows(now + 3_600_000, 100, now + 7_200_000).await.unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0].signature_id, open.signature_id);
    assert_eq!(pending[0].expires_at, open.expires_at);

    // Every key the fleet wrote has a TTL: Redis never grows without bound.
    let listing = fleet.redis.command("KEYS *");
    let keys: Vec<&str> = listing.lines().filter(|l| l.starts_with("advance-liveness:")).collect();
    for kind in ["known:", "pending", "follow", "rate:mint:", "rate:result:"] {
        assert!(keys.iter().any(|k| k.contains(kind)), "no {kind} key in {keys:?}");
    }
    for key in keys {
        let ttl = fleet.redis.command(&format!("PTTL {key}"));
        let ttl: i64 = ttl.trim().trim_start_matches(':').parse().unwrap();
        assert!(ttl > 0, "{key} has no TTL ({ttl})");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn budgets_at_both_ends_are_kept_in_redis_without_a_store_error() {
    let metrics = Metrics::new();
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let redis = RedisServer::start();
    let (_app, base) = app_on(&sim, |config| {
        in_fleet(config, &redis);
        config.metrics = metrics.clone();
        // A request costs under a microsecond of budget; and a purge a whole minute.
        config.rate_limits.mints_per_minute = u32::MAX.try_into().unwrap();
        config.rate_limits.purges_per_minute = 1.try_into().unwrap();
    })
    .await;
    let mut browser = Browser::at(&base);
    for _ in 0..20 {
        browser.mint(None).await;
    }
    let id = browser.mint(None).await.signature_id.as_str().to_owned();
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT);
    let refused = browser.http.delete(format!("{base}/api/liveness/sessions/{id}"));
    let refused = refused.header("cookie", browser.cookie.clone().unwrap()).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((55..=60).contains(&wait), "a minute's budget: Retry-After {wait}");
    assert!(!metrics.render().contains("store_errors_total{"), "{}", metrics.render());
}

/// Starts the binary (`--simulate`) with `args`; answers the child, its base URL and what it
/// printed up to then.
fn start_binary(args: &[&str]) -> (std::process::Child, String, String) {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_advance-liveness-server"))
        .args(["--simulate", "--bind", "127.0.0.1:0", "--sim-bind", "127.0.0.1:0"])
        .args(args)
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    let mut printed = String::new();
    for line in lines.by_ref() {
        printed.push_str(&line);
        printed.push('\n');
        if line.starts_with("shared store:") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let api = printed.lines().find_map(|l| l.strip_prefix("session API:")).expect("printed").trim();
    (child, api.trim_end_matches("/api/liveness/session").to_owned(), printed)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_redis_password_comes_from_a_file_and_is_never_printed() {
    let redis = RedisServer::start_with(Some("s3cret-redis-pw"));
    let dir = std::env::temp_dir().join(format!("al-redis-pw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (right, wrong) = (dir.join("right"), dir.join("wrong"));
    std::fs::write(&right, "s3cret-redis-pw\n").unwrap();
    std::fs::write(&wrong, "not-it\n").unwrap();
    for (file, ready) in [(&right, StatusCode::OK), (&wrong, StatusCode::SERVICE_UNAVAILABLE)] {
        let url = redis.url();
        let (mut child, base, printed) =
            start_binary(&["--redis-url", &url, "--redis-password-file", file.to_str().unwrap()]);
        let answer = reqwest::get(format!("{base}/readyz")).await.unwrap();
        let status = answer.status();
        let body = answer.text().await.unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(status, ready, "{file:?}: {body}");
        assert!(printed.contains("shared store:     redis"), "{printed}");
        assert!(!printed.contains("s3cret") && !body.contains("s3cret"), "{printed}{body}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a follower gets from either store: sessions by due time, however many older sessions
/// wait; each once until it is rescheduled; never again once it ended.
async fn follow_claims_on(store: &Store) {
    let now = advance_liveness_server::clock::now_ms();
    let session = |n: usize, follow_at| PendingSession {
        signature_id: SignatureId::new(format!("s{n:04}")).unwrap(),
        expires_at: now + 3_600_000,
        follow_at,
    };
    // 300 older sessions not due for a minute, then a newer one due now.
    for n in 0..300 {
        store.register_pending(&session(n, now + 60_000)).await.unwrap();
    }
    let new = session(300, now);
    store.register_pending(&new).await.unwrap();
    let ids = |claimed: Vec<PendingSession>| claimed.into_iter().map(|s| s.signature_id).collect::<Vec<_>>();
    let only_new = vec![new.signature_id.clone()];
    let hold = now + 30_000;
    assert_eq!(ids(store.claim_follows(now, 256, hold).await.unwrap()), only_new);
    assert!(store.claim_follows(now, 256, hold).await.unwrap().is_empty(), "held for its follower");
    store.follow_at(&new.signature_id, now).await.unwrap();
    assert_eq!(ids(store.claim_follows(now, 256, hold).await.unwrap()), only_new);

    // A backlog is claimed `limit` at a time.
    let later = now + 60_000;
    assert_eq!(store.claim_follows(later, 256, later + 30_000).await.unwrap().len(), 256);
    // The other 44, and the newer one again.
    assert_eq!(store.claim_follows(later, 256, later + 30_000).await.unwrap().len(), 45);

    // An ended session is not followed again, even if asked to.
    let lease = store.lease(&new.signature_id).await.unwrap().unwrap();
    store.finish(&new.signature_id, Outcome::Purged, lease).await.unwrap();
    store.follow_at(&new.signature_id, now).await.unwrap();
    let claimed = ids(store.claim_follows(later + 60_000, 1000, later + 90_000).await.unwrap());
    assert_eq!(claimed.len(), 300);
    assert!(!claimed.contains(&new.signature_id));
}

#[tokio::test(flavor = "multi_thread")]
async fn followers_claim_sessions_by_due_time_in_memory_and_in_redis() {
    follow_claims_on(&Store::Memory(MemoryStore::new(&RateLimits::default()))).await;
    let redis = RedisServer::start();
    let settings = RedisSettings::new(&redis.url(), None).unwrap();
    follow_claims_on(&Store::Redis(RedisStore::new(&settings, &RateLimits::default()))).await;
}
