//! The vendor guide's own curl examples, run with curl against the simulator (host aside), get
//! the answers the guide documents.

use std::process::Command;

use advance_liveness_server::clock::now_ms;
use advance_liveness_server::signature::sign;
use advance_liveness_server::simulator::RunningSimulator;
use advance_liveness_server::vendor::Credentials;
use serde_json::Value;

/// Runs `curl -s` with the guide's arguments, `{host}` replaced by the simulator's base URL.
fn curl(host: &str, args: &[&str]) -> Value {
    let args: Vec<String> = args.iter().map(|a| a.replace("https://api.advance.ai", host)).collect();
    let output = Command::new("curl").arg("-s").args(&args).output().expect("curl is installed by scripts/setup");
    assert!(output.status.success(), "curl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&output.stdout)))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_guides_curl_examples_get_the_documented_answers() {
    let sim = RunningSimulator::start("127.0.0.1:0".parse().unwrap(), Credentials::sample()).await.unwrap();
    let host = sim.base_url.clone();
    tokio::task::spawn_blocking(move || {
        // Token Authentication, exactly as written (its masked key is unknown here).
        let masked = curl(&host, &[
            "-X", "POST", "-H", "Content-Type: application/json",
            "-d", r#"{"accessKey":"22**70b","signature":"f786441e7b3d95f*****853a5a244f9522","timestamp":1648785145789,"periodSecond":120}"#,
            "https://api.advance.ai/openapi/auth/ticket/v1/generate-token",
        ]);
        assert_eq!(masked["code"], "IAM_FAILED");

        // The same call with the guide's sample key pair, signed now as its signature section says.
        let timestamp = now_ms();
        let body = format!(
            r#"{{"accessKey":"sampleaccesskey","signature":"{}","timestamp":{timestamp},"periodSecond":120}}"#,
            sign("sampleaccesskey", "samplesecretkey", timestamp)
        );
        let token = curl(&host, &[
            "-X", "POST", "-H", "Content-Type: application/json", "-d", &body,
            "https://api.advance.ai/openapi/auth/ticket/v1/generate-token",
        ]);
        assert_eq!((token["code"].as_str(), token["message"].as_str(), token["pricingStrategy"].as_str()), (Some("SUCCESS"), Some("OK"), Some("FREE")));
        let expires = token["data"]["expiredTime"].as_u64().unwrap();
        assert!(expires.abs_diff(now_ms() + 120_000) < 5_000, "periodSecond honoured");
        assert!(token["transactionId"].as_str().is_some_and(|t| !t.is_empty() && t.len() <= 64));
        let header = format!("X-ACCESS-TOKEN: {}", token["data"]["token"].as_str().unwrap());

        // Missing parameters.
        let empty = curl(&host, &["-X", "POST", "-H", "Content-Type: application/json", "-d", "{}", "https://api.advance.ai/openapi/auth/ticket/v1/generate-token"]);
        assert_eq!((empty["code"].as_str(), empty["message"].as_str()), (Some("PARAMETER_ERROR"), Some("Parameter should not be empty")));

        // The old timestamp of the guide's example is outside the window.
        let stale = format!(
            r#"{{"accessKey":"sampleaccesskey","signature":"{}","timestamp":1665993522952}}"#,
            sign("sampleaccesskey", "samplesecretkey", 1_665_993_522_952)
        );
        let answer = curl(&host, &["-X", "POST", "-H", "Content-Type: application/json", "-d", &stale, "https://api.advance.ai/openapi/auth/ticket/v1/generate-token"]);
        assert_eq!((answer["code"].as_str(), answer["message"].as_str()), (Some("PARAMETER_ERROR"), Some("Timestamp error")));

        // Get Token.
        let session = curl(&host, &[
            "-X", "POST", "-H", &header, "-H", "Content-Type: application/json",
            "-d", r#"{"returnUrl": "https://www.example.com","region":"IDN"}"#,
            "https://api.advance.ai/openapi/liveness/v2/h5/token",
        ]);
        assert_eq!(session["code"], "SUCCESS");
        let signature_id = session["data"]["signatureId"].as_str().unwrap().to_owned();
        assert_eq!(signature_id.len(), 16);
        assert!(session["data"]["url"].as_str().unwrap().starts_with(&format!("{host}/h5/liveness?token=")));

        // The iframe variant of Get Token from "H5 Iframe integration".
        let iframe = curl(&host, &[
            "--location", "--request", "POST", "https://api.advance.ai/openapi/liveness/v2/h5/token",
            "--header", &header, "--header", "Content-Type: application/json",
            "--data-raw", r#"{
    "returnUrl":"https://www.example-success.com/?id=123&isLivenessIframe=true",
    "tryCount":1000,
    "region":"IDN",
    "failedReturnUrl":"https://www.example-fail.com/?id=123&isLivenessIframe=true"
}"#,
        ]);
        assert_eq!(iframe["code"], "SUCCESS");

        // Get Result: the guide's signatureId does not exist here; ours has no result yet.
        let result = curl(&host, &[
            "-X", "POST", "-H", &header, "-H", "Content-Type: application/json",
            "-d", r#"{"signatureId": "f302f5d2454a85c2"}"#,
            "https://api.advance.ai/openapi/liveness/v4/h5/get-result",
        ]);
        assert_eq!((result["code"].as_str(), result["message"].as_str()), (Some("SIGNATURE_NOT_EXIST"), Some("This signatureId is not exist")));
        let ours = format!(r#"{{"signatureId": "{signature_id}"}}"#);
        let result = curl(&host, &["-X", "POST", "-H", &header, "-H", "Content-Type: application/json", "-d", &ours, "https://api.advance.ai/openapi/liveness/v4/h5/get-result"]);
        assert_eq!((result["code"].as_str(), result["message"].as_str()), (Some("LIVENESS_NO_RESULT"), Some("This token has no detection result")));

        // PII Data Retention.
        let cleared = curl(&host, &["-X", "GET", "-H", &header, &format!("https://api.advance.ai/liveness/h5/ext/v1/clear-data?signatureId={signature_id}")]);
        assert_eq!((cleared["code"].as_str(), cleared["data"].is_null()), (Some("SUCCESS"), true));
        let unknown = curl(&host, &["-X", "GET", "-H", &header, "https://api.advance.ai/liveness/h5/ext/v1/clear-data?signatureId=ac66706068e737b5"]);
        assert_eq!(unknown["code"], "PARAMETER_ERROR");
        let result = curl(&host, &["-X", "POST", "-H", &header, "-H", "Content-Type: application/json", "-d", &ours, "https://api.advance.ai/openapi/liveness/v4/h5/get-result"]);
        assert_eq!((result["code"].as_str(), result["message"].as_str()), (Some("RESULT_NOT_FOUND"), Some("The requested resource was not found or has been deleted")));

        // ConfigureUI with part of the guide's sample document.
        let configured = curl(&host, &[
            "-X", "POST", "-H", &header, "-H", "Content-Type: application/json",
            "-d", r##"{"titleText": "Liveness Detection", "locale": "en", "mobileLoadingPage": {"progressColor": null, "loadingText": "Loading...", "loadingTextColor": "#ffffff"}}"##,
            "https://api.advance.ai/openapi/liveness/v1/h5/configureUI",
        ]);
        assert_eq!(configured["code"], "SUCCESS");

        // Without a token, and with a body that is not JSON.
        let denied = curl(&host, &["-X", "POST", "-H", "Content-Type: application/json", "-d", r#"{"returnUrl": "https://www.example.com","region":"IDN"}"#, "https://api.advance.ai/openapi/liveness/v2/h5/token"]);
        assert_eq!(denied["code"], "IAM_FAILED");
        let garbage = curl(&host, &["-X", "POST", "-H", "Content-Type: application/json", "-d", "not json", "https://api.advance.ai/openapi/auth/ticket/v1/generate-token"]);
        assert_eq!((garbage["code"].as_str(), garbage["message"].as_str()), (Some("CLIENT_ERROR"), Some("HTTP 400 - Bad Request")));
    })
    .await
    .unwrap();
}
