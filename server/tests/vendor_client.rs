//! The vendor client against the simulator, over real HTTP on loopback: every documented status
//! code per endpoint, the token cache, retries, and secrets kept out of every output.

mod support;

use std::time::{Duration, Instant};

use advance_liveness_server::simulator::EndpointName;
use advance_liveness_server::simulator::{Fault, FaultKind, Faults, ForcedOutcome, RunningSimulator};
use advance_liveness_server::vendor::api::GetTokenRequest;
use advance_liveness_server::vendor::configure_ui::UiConfig;
use advance_liveness_server::vendor::{Client, Credentials, SecretKey, VendorCode, VendorError};

async fn simulator() -> RunningSimulator {
    RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap()
}

fn client(sim: &RunningSimulator) -> Client {
    Client::builder(Credentials::sample())
        .base_url(&sim.base_url)
        .backoff_base(Duration::from_millis(10))
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

fn session_request() -> GetTokenRequest {
    GetTokenRequest {
        return_url: "https://app.example/done?isLivenessIframe=true".into(),
        failed_return_url: Some("https://app.example/failed?isLivenessIframe=true".into()),
        region: "IDN".into(),
        user_id: Some("user-1".into()),
        try_count: None,
        product_level: None,
    }
}

fn fault(endpoint: EndpointName, kind: FaultKind, count: u32) -> Fault {
    Fault { endpoint: Some(endpoint), kind, count }
}

fn api_code(result: Result<impl std::fmt::Debug, VendorError>) -> (VendorCode, String) {
    match result {
        Err(VendorError::Api { code, message, transaction_id, .. }) => {
            assert!(transaction_id.is_some_and(|t| t.len() == 16), "vendor errors carry the transactionId");
            (code, message)
        }
        other => panic!("expected a vendor error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_full_check_mints_a_session_and_reads_a_scored_result() {
    let sim = simulator().await;
    let client = client(&sim);
    let session = client.create_session(&session_request()).await.unwrap();
    assert_eq!(session.signature_id.len(), 16);
    assert!(session.signature_id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(session.url.starts_with(&format!("{}/h5/liveness?token=", sim.base_url)), "{}", session.url);

    let (code, message) = api_code(client.get_result(&session.signature_id).await);
    assert_eq!((code, message.as_str()), (VendorCode::LivenessNoResult, "This token has no detection result"));

    assert!(advance_liveness_server::simulator::complete_without_browser(&sim.simulator, &session.signature_id));
    let result = client.get_result(&session.signature_id).await.unwrap();
    assert_eq!(result.code, VendorCode::Success);
    assert!(result.data.score.is_some_and(|s| s >= 50.0));
    assert_eq!(result.data.camera_type.as_deref(), Some("WEB_CAMERA"));
    assert!(result.data.image_far.is_some() && result.data.image_near.is_some());

    client.clear_data(&session.signature_id).await.unwrap();
    let (code, _) = api_code(client.get_result(&session.signature_id).await);
    assert_eq!(code, VendorCode::ResultNotFound);
}

#[tokio::test]
async fn forced_outcomes_give_every_get_result_code() {
    let sim = simulator().await;
    let client = client(&sim);
    let cases = [
        (ForcedOutcome::Pass, VendorCode::Success, Some(99.0), None),
        (ForcedOutcome::Fail, VendorCode::Success, Some(20.0), None),
        (ForcedOutcome::PresentationAttack, VendorCode::Success, Some(0.0), Some(1)),
        (ForcedOutcome::InjectionAttack, VendorCode::Success, Some(0.0), Some(2)),
        (ForcedOutcome::UnsureAttack, VendorCode::Success, Some(0.0), Some(3)),
        (ForcedOutcome::NoFace, VendorCode::NoFaceDetected, None, None),
        (ForcedOutcome::TooManyFaces, VendorCode::TooManyFacesDetected, None, None),
        (ForcedOutcome::InvalidFace, VendorCode::InvalidFaceDetected, None, None),
        (ForcedOutcome::FaceOccluded, VendorCode::FaceOccluded, None, None),
        (ForcedOutcome::FaceQualityTooPoor, VendorCode::FaceQualityTooPoor, None, None),
    ];
    for (outcome, code, score, attack) in cases {
        let session = client.create_session(&session_request()).await.unwrap();
        assert!(sim.simulator.force(&session.signature_id, outcome));
        assert!(advance_liveness_server::simulator::complete_without_browser(&sim.simulator, &session.signature_id));
        let result = client.get_result(&session.signature_id).await.unwrap();
        assert_eq!((&result.code, result.data.score, result.data.attack_type), (&code, score, attack), "{outcome:?}");
        if code != VendorCode::Success {
            // Face failures carry the far image and no score, as the guide's examples show.
            assert!(result.data.image.is_some() && result.data.image_near.is_none());
        }
    }
    let (code, message) = api_code(client.get_result("0000000000000000").await);
    assert_eq!((code, message.as_str()), (VendorCode::SignatureNotExist, "This signatureId is not exist"));
    let (code, message) = api_code(client.get_result("").await);
    assert_eq!((code, message.as_str()), (VendorCode::ParameterError, "Parameter should not be empty"));
}

#[tokio::test]
async fn get_token_refuses_bad_parameters_with_the_guides_messages() {
    let sim = simulator().await;
    let client = client(&sim);
    let cases = [
        (GetTokenRequest { region: "XYZ".into(), ..session_request() }, VendorCode::RegionWrong, "Region is wrong"),
        (
            GetTokenRequest { region: String::new(), ..session_request() },
            VendorCode::ParameterError,
            "Parameter should not be empty",
        ),
        (
            GetTokenRequest { return_url: String::new(), ..session_request() },
            VendorCode::ParameterError,
            "Parameter should not be empty",
        ),
        (
            GetTokenRequest { return_url: "not a url".into(), ..session_request() },
            VendorCode::ParameterError,
            "Invalid returnUrl,please check your returnUrl",
        ),
        (
            GetTokenRequest { failed_return_url: Some("javascript:alert(1)".into()), ..session_request() },
            VendorCode::ParameterError,
            "Invalid failedReturnUrl, please check your failedReturnUrl",
        ),
        (GetTokenRequest { try_count: Some(0), ..session_request() }, VendorCode::ParameterError, "try count must > 0"),
    ];
    for (request, code, message) in cases {
        let (got_code, got_message) = api_code(client.create_session(&request).await);
        assert_eq!((got_code, got_message.as_str()), (code, message), "{request:?}");
    }
}

#[tokio::test]
async fn token_authentication_refusals_reach_the_caller_typed() {
    let sim = simulator().await;
    let with_secret = |secret: &str| {
        Client::builder(Credentials { access_key: "sampleaccesskey".into(), secret_key: SecretKey::new(secret) })
            .base_url(&sim.base_url)
            .build()
            .unwrap()
    };
    let (code, message) = api_code(with_secret("wrong-secret").authenticate().await);
    assert_eq!((code, message.as_str()), (VendorCode::ParameterError, "Signature error"));

    let stranger = Client::builder(Credentials { access_key: "nobody".into(), secret_key: SecretKey::new("x") })
        .base_url(&sim.base_url)
        .build()
        .unwrap();
    assert_eq!(api_code(stranger.authenticate().await).0, VendorCode::IamFailed);

    sim.simulator.set_faults(Faults { account_disabled: true, ..Faults::default() });
    let (code, message) = api_code(with_secret("samplesecretkey").authenticate().await);
    assert_eq!((code, message.as_str()), (VendorCode::AccountDisabled, "Account Disabled"));
}

#[tokio::test]
async fn glossary_codes_are_typed_errors_with_their_message() {
    let sim = simulator().await;
    let client = client(&sim);
    client.authenticate().await.unwrap();
    for (code, expected) in [
        ("INSUFFICIENT_BALANCE", VendorCode::InsufficientBalance),
        ("OVER_QUERY_LIMIT", VendorCode::OverQueryLimit),
        ("EMPTY_PARAMETER_ERROR", VendorCode::EmptyParameterError),
        ("CLIENT_ERROR", VendorCode::ClientError),
        ("SOMETHING_NEW", VendorCode::Other("SOMETHING_NEW".into())),
    ] {
        let kind = FaultKind::Envelope { code: code.into(), message: format!("{code} happened") };
        sim.simulator.set_faults(Faults { faults: vec![fault(EndpointName::GetToken, kind, 1)], ..Faults::default() });
        let (got, message) = api_code(client.create_session(&session_request()).await);
        assert_eq!((got, message), (expected, format!("{code} happened")));
    }
}

#[tokio::test]
async fn five_hundred_concurrent_first_calls_share_one_token_request() {
    let sim = simulator().await;
    let client = client(&sim);
    let calls = (0..500).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.get_result("0000000000000000").await })
    });
    for call in futures_util::future::join_all(calls).await {
        assert_eq!(api_code(call.unwrap()).0, VendorCode::SignatureNotExist);
    }
    let stats = sim.simulator.stats();
    assert_eq!(stats.generate_token, 1, "single flight");
    assert_eq!(stats.get_result, 500);
}

#[tokio::test]
async fn a_token_rejected_by_the_vendor_is_refreshed_once_and_the_call_retried_once() {
    let sim = simulator().await;
    let client = client(&sim);
    client.create_session(&session_request()).await.unwrap();
    sim.simulator.revoke_tokens();
    client.create_session(&session_request()).await.unwrap();
    let stats = sim.simulator.stats();
    assert_eq!((stats.generate_token, stats.get_token), (2, 3));

    // A vendor that keeps refusing: one refresh, one retry, then the error.
    let always = FaultKind::Envelope { code: "IAM_FAILED".into(), message: "Access denied".into() };
    sim.simulator.set_faults(Faults { faults: vec![fault(EndpointName::GetToken, always, 10)], ..Faults::default() });
    assert_eq!(api_code(client.create_session(&session_request()).await).0, VendorCode::IamFailed);
    let stats = sim.simulator.stats();
    assert_eq!((stats.generate_token, stats.get_token), (3, 5));
}

#[tokio::test]
async fn an_expiring_token_is_renewed_before_it_expires() {
    let sim = simulator().await;
    sim.simulator.set_faults(Faults { token_ttl_seconds: Some(1), ..Faults::default() });
    let client = client(&sim);
    client.authenticate().await.unwrap();
    client.authenticate().await.unwrap();
    assert_eq!(sim.simulator.stats().generate_token, 1, "cached while valid");
    tokio::time::sleep(Duration::from_millis(900)).await;
    client.create_session(&session_request()).await.unwrap();
    let stats = sim.simulator.stats();
    assert_eq!(stats.generate_token, 2, "renewed in the last fifth of its life");
    assert_eq!(stats.get_token, 1, "without a rejected call first");
}

#[tokio::test]
async fn service_busy_waits_out_retry_after_then_succeeds() {
    let sim = simulator().await;
    let client = client(&sim);
    client.authenticate().await.unwrap();
    let busy = FaultKind::ServiceBusy { retry_after_seconds: 1 };
    sim.simulator.set_faults(Faults { faults: vec![fault(EndpointName::GetResult, busy, 1)], ..Faults::default() });
    let started = Instant::now();
    assert_eq!(api_code(client.get_result("0000000000000000").await).0, VendorCode::SignatureNotExist);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After honoured: {:?}", started.elapsed());
    assert_eq!(sim.simulator.stats().get_result, 2);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_client_waits_is_returned_to_the_caller() {
    let sim = simulator().await;
    let client = client(&sim);
    client.authenticate().await.unwrap();
    let busy = FaultKind::RetryLater { retry_after_seconds: 30 };
    sim.simulator.set_faults(Faults { faults: vec![fault(EndpointName::GetToken, busy, 1)], ..Faults::default() });
    let started = Instant::now();
    let error = client.create_session(&session_request()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.code(), Some(&VendorCode::RetryLater));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn ambiguous_failures_are_retried_only_for_calls_that_cannot_charge() {
    let sim = simulator().await;
    let client = client(&sim);
    let session = client.create_session(&session_request()).await.unwrap();

    // clear-data is idempotent: a dropped connection and a 502 are retried.
    sim.simulator.set_faults(Faults {
        faults: vec![
            fault(EndpointName::ClearData, FaultKind::Drop, 1),
            fault(EndpointName::ClearData, FaultKind::Http { status: 502 }, 1),
        ],
        ..Faults::default()
    });
    client.clear_data(&session.signature_id).await.unwrap();
    assert_eq!(sim.simulator.stats().clear_data, 3);

    // Get Result may be billed: a dropped answer is not repeated.
    sim.simulator
        .set_faults(Faults { faults: vec![fault(EndpointName::GetResult, FaultKind::Drop, 1)], ..Faults::default() });
    let error = client.get_result(&session.signature_id).await.unwrap_err();
    assert!(matches!(error, VendorError::Transport { .. }), "{error:?}");
    assert_eq!(sim.simulator.stats().get_result, 1);

    // Nor is one that timed out.
    let slow = FaultKind::Latency { ms: 2_500 };
    sim.simulator.set_faults(Faults { faults: vec![fault(EndpointName::GetResult, slow, 1)], ..Faults::default() });
    let error = client.get_result(&session.signature_id).await.unwrap_err();
    assert!(matches!(error, VendorError::Timeout { .. }), "{error:?}");
    assert_eq!(sim.simulator.stats().get_result, 2);

    // A free ERROR answer is a refusal: repeated, up to the attempt limit.
    sim.simulator.set_faults(Faults {
        faults: vec![fault(EndpointName::GetResult, FaultKind::ServerError, 5)],
        ..Faults::default()
    });
    let (code, message) = api_code(client.get_result(&session.signature_id).await);
    assert_eq!((code, message.as_str()), (VendorCode::Error, "Server error"));
    assert_eq!(sim.simulator.stats().get_result, 5);
}

#[tokio::test]
async fn an_unreachable_vendor_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder(Credentials::sample())
        .base_url(format!("http://127.0.0.1:{port}"))
        .backoff_base(Duration::from_millis(5))
        .build()
        .unwrap();
    let error = client.authenticate().await.unwrap_err();
    assert!(matches!(error, VendorError::Transport { .. }), "{error:?}");
}

#[tokio::test]
async fn configure_ui_validates_before_sending_and_the_page_gets_the_texts() {
    let sim = simulator().await;
    let client = client(&sim);
    let bad: UiConfig =
        serde_json::from_str(r#"{"mobileResultPage":{"nextStepButtonBackgroundColor":"red"}}"#).unwrap();
    match client.configure_ui(&bad).await {
        Err(VendorError::InvalidUiConfig(errors)) => {
            assert_eq!(errors[0].code.name(), "M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sim.simulator.stats().configure_ui, 0, "nothing sent");

    let good: UiConfig = serde_json::from_str(r#"{"titleText":"Verify it's you","locale":"id"}"#).unwrap();
    client.configure_ui(&good).await.unwrap();
    let session = client.create_session(&session_request()).await.unwrap();
    let token = session.url.split("token=").nth(1).unwrap();
    let page: serde_json::Value =
        reqwest::get(format!("{}/h5/api/session?token={token}", sim.base_url)).await.unwrap().json().await.unwrap();
    assert_eq!(page["ui"]["titleText"], "Verify it's you");
    assert_eq!(page["iframeMode"], true);
}

#[tokio::test]
async fn the_secret_key_and_access_tokens_appear_in_no_output() {
    let captured = support::Captured::default();
    let _guard = captured.install();

    let sim = simulator().await;
    let client = client(&sim);
    let mut output = format!("{client:?}");
    let session = client.create_session(&session_request()).await.unwrap();
    output += &format!("{session:?}");
    sim.simulator.set_faults(Faults {
        faults: vec![
            fault(EndpointName::GetResult, FaultKind::ServiceBusy { retry_after_seconds: 0 }, 1),
            fault(EndpointName::GetResult, FaultKind::Drop, 1),
        ],
        ..Faults::default()
    });
    let error = client.get_result(&session.signature_id).await.unwrap_err();
    output += &format!("{error} {error:?}");
    sim.simulator.revoke_tokens();
    let error = client.get_result("0000000000000000").await.unwrap_err();
    output += &format!("{error} {error:?}");
    let bad = Client::builder(Credentials {
        access_key: "sampleaccesskey".into(),
        secret_key: SecretKey::new("samplesecretkeX"),
    })
    .base_url(&sim.base_url)
    .build()
    .unwrap();
    let error = bad.authenticate().await.unwrap_err();
    output += &format!("{error} {error:?} {bad:?}");
    output += &captured.text();

    assert!(!output.contains("samplesecretkey"), "secret leaked");
    assert!(!output.contains("samplesecretkeX"), "secret leaked");
    let tokens = sim.simulator.issued_tokens();
    assert!(!tokens.is_empty());
    for token in tokens {
        assert!(!output.contains(&token), "access token leaked");
    }
    assert!(output.contains("retrying vendor call"), "the log was captured: {output}");
}
