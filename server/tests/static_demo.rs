//! The router serves the built demo page and its health check.

use advance_liveness_server::app::{AppConfig, router};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(app: axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn serves_the_demo_page_with_a_camera_policy() {
    let dir = std::env::temp_dir().join(format!("al-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    let app = router(AppConfig { static_dir: Some(dir.clone()) });

    let (status, headers, body) = get(app.clone(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "<h1>demo</h1>");
    let policy = headers["permissions-policy"].to_str().unwrap();
    assert!(policy.contains("camera=(self \"https://liveness.advance.ai\")"), "{policy}");

    assert_eq!(get(app.clone(), "/healthz").await.0, StatusCode::OK);
    assert_eq!(get(app.clone(), "/missing.js").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(app, "/../Cargo.toml").await.0, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn without_a_static_dir_only_the_api_answers() {
    let app = router(AppConfig { static_dir: None });
    let (status, _, body) = get(app.clone(), "/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    assert_eq!(get(app, "/").await.0, StatusCode::NOT_FOUND);
}
