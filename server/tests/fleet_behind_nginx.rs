//! The documented deployment, run as written: two `advance-liveness-server` processes sharing one
//! real Redis, behind nginx with `examples/fleet/nginx.conf` (only its ports changed), the
//! simulator standing in for the vendor. A browser's whole flow goes through nginx, which
//! spreads it over both instances: one vendor read, a purge seen by both, nginx's request id in
//! the answers.

mod support;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use reqwest::StatusCode;
use support::{Browser, RedisServer, complete_at};

/// Child processes, killed when dropped.
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One instance as an operator runs it: real mode, the simulator as the vendor.
fn instance(port: u16, sim: &RunningSimulator, redis: &RedisServer, public_url: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_advance-liveness-server"))
        .env_clear()
        .envs([
            ("ADVANCE_API_BASE", sim.base_url.as_str()),
            ("ADVANCE_LIVENESS_ORIGIN", sim.base_url.as_str()),
            ("ADVANCE_ACCESS_KEY", "sampleaccesskey"),
            ("ADVANCE_SECRET_KEY", "samplesecretkey"),
            ("ADVANCE_REGION", "IDN"),
            ("ADVANCE_LIVENESS_COOKIE_KEY", &"5e".repeat(32)),
            ("ADVANCE_LIVENESS_REDIS_URL", &redis.url()),
            ("ADVANCE_LIVENESS_TRUSTED_PROXIES", "127.0.0.1"),
            ("ADVANCE_LIVENESS_PUBLIC_URL", public_url),
            ("ADVANCE_LIVENESS_BIND", &format!("127.0.0.1:{port}")),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    // Ready once it has signed in; keep draining its log afterwards.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    let sign_in = lines.by_ref().find(|l| l.starts_with("vendor sign-in:")).expect("the instance started");
    assert!(sign_in.ends_with(" ok"), "{sign_in}");
    std::thread::spawn(move || for _ in lines {});
    child
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_redis_and_nginx_as_documented() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let redis = RedisServer::start();
    let (front, first, second) = (free_port(), free_port(), free_port());
    let public_url = format!("http://127.0.0.1:{front}");
    let mut processes = Processes(Vec::new());
    for port in [first, second] {
        processes.0.push(instance(port, &sim, &redis, &public_url));
    }

    let prefix = std::env::temp_dir().join(format!("al-nginx-{}-{front}", std::process::id()));
    std::fs::create_dir_all(prefix.join("logs")).unwrap();
    let documented = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/fleet/nginx.conf"));
    let config = documented
        .unwrap()
        .replace("127.0.0.1:8080", &format!("127.0.0.1:{front}"))
        .replace("127.0.0.1:8081", &format!("127.0.0.1:{first}"))
        .replace("127.0.0.1:8082", &format!("127.0.0.1:{second}"));
    std::fs::write(prefix.join("nginx.conf"), config).unwrap();
    let nginx = if PathBuf::from("/usr/sbin/nginx").exists() { "/usr/sbin/nginx" } else { "nginx" };
    let directives = format!("daemon off; pid {0}/nginx.pid; error_log {0}/logs/error.log;", prefix.display());
    let nginx = Command::new(nginx)
        .args(["-p", prefix.to_str().unwrap(), "-c", "nginx.conf", "-g", &directives])
        .stdout(Stdio::null())
        .spawn()
        .expect("nginx (run scripts/setup)");
    processes.0.push(nginx);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", front)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "nginx did not listen");
        std::thread::sleep(Duration::from_millis(20));
    }

    // The browser's flow, through nginx only.
    let mut browser = Browser::at(&public_url);
    let minted = browser.mint_raw(None).await;
    let request_id = minted.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(request_id.len() == 32 && request_id.bytes().all(|b| b.is_ascii_hexdigit()), "nginx's id: {request_id}");
    let id = minted.json::<serde_json::Value>().await.unwrap()["signatureId"].as_str().unwrap().to_owned();
    complete_at(&sim, &id, Some("pass")).await;
    for _ in 0..6 {
        let (status, body) = browser.result(&id).await;
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("passed")));
    }
    assert_eq!(sim.simulator.stats().get_result, 1, "six reads over two instances, one vendor read");
    assert_eq!(browser.delete(&id).await.0, StatusCode::NO_CONTENT);
    for _ in 0..4 {
        assert_eq!(browser.result(&id).await.0, StatusCode::GONE, "purged, whichever instance answers");
    }

    // nginx did spread the flow over both instances, under its own request ids.
    let log = std::fs::read_to_string(prefix.join("logs/access.log")).unwrap();
    for port in [first, second] {
        assert!(log.contains(&format!("127.0.0.1:{port}")), "instance {port} never answered:\n{log}");
    }
    assert!(log.contains(&request_id), "{log}");
    for port in [first, second] {
        let ready = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.unwrap();
        assert_eq!(ready.json::<serde_json::Value>().await.unwrap()["store"], "redis");
    }
    drop(processes);
    let _ = std::fs::remove_dir_all(&prefix);
}
