//! The `advance-liveness-server` binary: start-up refuses bad settings by name, configure-ui
//! reports every validation error with its code and path, and --simulate serves the whole stack.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;

const BIN: &str = env!("CARGO_BIN_EXE_advance-liveness-server");

/// Runs the binary with a clean environment plus `env`, returning (success, stderr).
fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let output = Command::new(BIN).args(args).env_clear().envs(env.iter().copied()).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn real_mode_refuses_to_start_without_its_settings_and_names_them() {
    let key = "ab".repeat(32);
    let base = [
        ("ADVANCE_ACCESS_KEY", "ak"),
        ("ADVANCE_SECRET_KEY", "sk"),
        ("ADVANCE_REGION", "IDN"),
        ("ADVANCE_LIVENESS_COOKIE_KEY", key.as_str()),
    ];
    let without = |name: &str| base.iter().copied().filter(|(k, _)| *k != name).collect::<Vec<_>>();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (without("ADVANCE_ACCESS_KEY"), "ADVANCE_ACCESS_KEY"),
        (without("ADVANCE_SECRET_KEY"), "ADVANCE_SECRET_KEY"),
        (without("ADVANCE_REGION"), "ADVANCE_REGION"),
        (without("ADVANCE_LIVENESS_COOKIE_KEY"), "ADVANCE_LIVENESS_COOKIE_KEY"),
        ([without("ADVANCE_REGION"), vec![("ADVANCE_REGION", "indonesia")]].concat(), "ADVANCE_REGION"),
        (
            [without("ADVANCE_LIVENESS_COOKIE_KEY"), vec![("ADVANCE_LIVENESS_COOKIE_KEY", "abcd")]].concat(),
            "at least 32 bytes",
        ),
        ([base.to_vec(), vec![("ADVANCE_API_BASE", "ftp://x")]].concat(), "ADVANCE_API_BASE"),
        (
            [base.to_vec(), vec![("ADVANCE_LIVENESS_ORIGIN", "http://liveness.example")]].concat(),
            "ADVANCE_LIVENESS_ORIGIN",
        ),
        ([base.to_vec(), vec![("ADVANCE_LIVENESS_PUBLIC_URL", "/relative")]].concat(), "ADVANCE_LIVENESS_PUBLIC_URL"),
        ([base.to_vec(), vec![("ADVANCE_TOKEN_PERIOD", "30")]].concat(), "ADVANCE_TOKEN_PERIOD"),
        (
            [base.to_vec(), vec![("ADVANCE_LIVENESS_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")]].concat(),
            "ADVANCE_LIVENESS_TRUSTED_PROXIES",
        ),
    ];
    for (env, named) in cases {
        let (ok, stderr) = run(&["--bind", "127.0.0.1:0"], &env);
        assert!(!ok, "started with {env:?}");
        assert!(stderr.contains(named), "{named} not named in: {stderr}");
        assert!(!stderr.contains("sk\n") && !stderr.contains(&key), "a secret was echoed: {stderr}");
    }
}

#[test]
fn configure_ui_lists_every_error_with_code_and_path_and_sends_nothing() {
    let dir = std::env::temp_dir().join(format!("al-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"mobileResultPage":{"nextStepButtonBackgroundColor":"red","tryAgainButtonText":"Please try again, this text is far too long for a button"}}"#).unwrap();
    let (ok, stderr) = run(&["configure-ui", "--file", bad.to_str().unwrap(), "--check"], &[]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE at mobileResultPage.nextStepButtonBackgroundColor"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE at mobileResultPage.tryAgainButtonText"),
        "{stderr}"
    );
    assert!(stderr.contains("2 validation error(s); nothing was sent"), "{stderr}");

    let typo = dir.join("typo.json");
    std::fs::write(&typo, r#"{"mobileResultPage":{"succesDesc":"Done"}}"#).unwrap();
    let (ok, stderr) = run(&["configure-ui", "--file", typo.to_str().unwrap(), "--check"], &[]);
    assert!(!ok && stderr.contains("mobileResultPage") && stderr.contains("succesDesc"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn configure_ui_applies_a_valid_document_at_the_vendor() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let file = std::env::temp_dir().join(format!("al-ui-ok-{}.json", std::process::id()));
    std::fs::write(&file, r#"{"titleText":"Verify it's you","locale":"en"}"#).unwrap();
    let (path, base) = (file.to_str().unwrap().to_owned(), sim.base_url.clone());
    let (ok, stderr) = tokio::task::spawn_blocking(move || {
        let env = [
            ("ADVANCE_API_BASE", base.as_str()),
            ("ADVANCE_ACCESS_KEY", "sampleaccesskey"),
            ("ADVANCE_SECRET_KEY", "samplesecretkey"),
        ];
        run(&["configure-ui", "--file", &path], &env)
    })
    .await
    .unwrap();
    assert!(ok, "{stderr}");
    assert_eq!(sim.simulator.stats().configure_ui, 1);
    std::fs::remove_file(file).unwrap();
}

#[test]
fn simulate_mode_serves_the_app_and_the_simulator_on_two_origins() {
    let (mut child, mut lines) = spawn_simulated(&[]);
    let mut printed = Vec::new();
    while printed.len() < 3 {
        printed.push(lines.next().unwrap().unwrap());
    }
    let api = printed.iter().find(|l| l.starts_with("session API:")).expect("the API URL is printed");
    let api = api.split_whitespace().last().unwrap().to_owned();
    let sim = printed.iter().find(|l| l.starts_with("vendor simulator:")).expect("the simulator URL is printed");
    let sim_base = sim.split_whitespace().nth(2).unwrap().to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let session: serde_json::Value = runtime.block_on(async {
        let request = reqwest::Client::new().post(&api).header("content-type", "application/json");
        let response = request.timeout(Duration::from_secs(10)).send().await.unwrap();
        response.json().await.unwrap()
    });
    assert_eq!(session["livenessOrigin"], sim_base.as_str());
    assert_ne!(api.split('/').nth(2), sim_base.split('/').nth(2), "two origins");

    // The mint is logged once, as plain text for a log file (stdout is a pipe here).
    let (sender, logged) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let id = session["signatureId"].as_str().unwrap();
    let mut about_it = Vec::new();
    while let Ok(line) = logged.recv_timeout(Duration::from_secs(2)) {
        if line.contains(id) || line.contains("vendor answered") {
            about_it.push(line);
        }
    }
    assert_eq!(about_it.len(), 1, "one line per minted session: {about_it:?}");
    assert!(about_it[0].contains("liveness session minted"), "{about_it:?}");
    assert!(!about_it[0].contains('\u{1b}'), "no terminal colour codes in a log file: {about_it:?}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Starts the binary in real mode against `sim` with `access_key`; returns whether it reported a
/// successful sign-in (then it is stopped), and its stderr.
fn start_real_mode(sim: &RunningSimulator, access_key: &str) -> (bool, String) {
    let key = "ab".repeat(32);
    let env = [
        ("ADVANCE_API_BASE", sim.base_url.as_str()),
        ("ADVANCE_LIVENESS_ORIGIN", sim.base_url.as_str()),
        ("ADVANCE_ACCESS_KEY", access_key),
        ("ADVANCE_SECRET_KEY", "samplesecretkey"),
        ("ADVANCE_REGION", "IDN"),
        ("ADVANCE_LIVENESS_COOKIE_KEY", key.as_str()),
        ("ADVANCE_LIVENESS_BIND", "127.0.0.1:0"),
    ];
    let mut child =
        Command::new(BIN).env_clear().envs(env).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // It prints its addresses, then how the sign-in went; or it exits with an error.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let line = BufReader::new(stdout).lines().map_while(Result::ok).find(|l| l.starts_with("vendor sign-in:"));
        let _ = tx.send(line);
    });
    let Ok(sign_in) = rx.recv_timeout(Duration::from_secs(20)) else {
        child.kill().unwrap();
        panic!("neither a sign-in line nor an exit within 20 s");
    };
    let signed_in = sign_in.as_deref().is_some_and(|line| line.ends_with(" ok"));
    if sign_in.is_some() {
        child.kill().unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(signed_in || !output.status.success(), "exited without an error");
    (signed_in, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn real_mode_signs_in_at_start_up_and_stops_on_refused_keys() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let sim = std::sync::Arc::new(sim);
    let run = |key: &'static str| {
        let sim = sim.clone();
        tokio::task::spawn_blocking(move || start_real_mode(&sim, key))
    };
    let (signed_in, stderr) = run("sampleaccesskey").await.unwrap();
    assert!(signed_in, "{stderr}");
    assert_eq!(sim.simulator.stats().generate_token, 1, "signed in once at start-up");

    let (signed_in, stderr) = run("wrongaccesskey").await.unwrap();
    assert!(!signed_in);
    assert!(stderr.contains("the vendor refused to sign in") && stderr.contains("IAM_FAILED"), "{stderr}");
    assert!(stderr.contains("ADVANCE_ACCESS_KEY"), "names the settings to check: {stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn purge_deletes_sessions_at_the_vendor_and_names_each_failure() {
    use advance_liveness_server::vendor::api::GetTokenRequest;
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let request = GetTokenRequest {
        return_url: "https://app.example/liveness/return".into(),
        failed_return_url: None,
        region: "IDN".into(),
        user_id: None,
        try_count: None,
        product_level: None,
    };
    let minted = sim.client().build().unwrap().create_session(&request).await.unwrap();
    let purge = |ids: Vec<String>| {
        let base = sim.base_url.clone();
        tokio::task::spawn_blocking(move || {
            let env = [
                ("ADVANCE_API_BASE", base.as_str()),
                ("ADVANCE_ACCESS_KEY", "sampleaccesskey"),
                ("ADVANCE_SECRET_KEY", "samplesecretkey"),
            ];
            let args: Vec<&str> = std::iter::once("purge").chain(ids.iter().map(String::as_str)).collect();
            run(&args, &env)
        })
    };
    let (ok, stderr) = purge(vec![minted.signature_id.clone()]).await.unwrap();
    assert!(ok, "{stderr}");
    assert_eq!(sim.simulator.stats().clear_data, 1);

    // An unknown session fails, named, and does not hide the others' outcome.
    let (ok, stderr) = purge(vec!["0123456789abcdef".into(), minted.signature_id.clone()]).await.unwrap();
    assert!(!ok);
    assert!(stderr.contains("0123456789abcdef: vendor answered PARAMETER_ERROR"), "{stderr}");
    assert!(stderr.contains("1 of 2 purge(s) failed"), "{stderr}");
    // A malformed id is refused before anything is sent.
    let calls = sim.simulator.stats().clear_data;
    let (ok, stderr) = purge(vec!["../../etc".into()]).await.unwrap();
    assert!(!ok && stderr.contains("`../../etc`: invalid signatureId"), "{stderr}");
    assert_eq!(sim.simulator.stats().clear_data, calls);
}

/// Spawns `--simulate` on free ports with `args`; answers the child and its stdout's lines.
fn spawn_simulated(args: &[&str]) -> (std::process::Child, std::io::Lines<BufReader<std::process::ChildStdout>>) {
    let mut child = Command::new(BIN)
        .args(["--simulate", "--bind", "127.0.0.1:0", "--sim-bind", "127.0.0.1:0"])
        .args(args)
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    (child, lines)
}

/// Starts `--simulate` with `args`; answers the child and the app's `host:port`.
fn start_simulated(args: &[&str]) -> (std::process::Child, String) {
    let (child, mut lines) = spawn_simulated(args);
    let api = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(url) = line.strip_prefix("session API:") {
            break url.trim().to_owned();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let host = api.trim_start_matches("http://").split('/').next().unwrap().to_owned();
    (child, host)
}

#[test]
fn sigterm_ends_the_process_within_the_shutdown_deadline_despite_a_stuck_client() {
    use std::io::Write;
    let (mut child, host) = start_simulated(&["--shutdown-timeout", "1", "--header-timeout", "60"]);
    // A half-sent request that would otherwise hold the connection for a minute.
    let mut stuck = std::net::TcpStream::connect(&host).unwrap();
    stuck.write_all(b"POST /api/liveness/session HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still running 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(3), "exit took {took:?} with a 1 s deadline");
    println!("SIGTERM to exit with a stuck client and --shutdown-timeout 1: {} ms", took.as_millis());
}
