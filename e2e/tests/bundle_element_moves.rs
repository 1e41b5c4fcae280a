//! Moving `<advance-liveness>` within the page (a list re-ordered, a framework's reconciliation)
//! is not a removal: the running check goes on, with the same session, and the page hears one
//! success. The sessions are counted by the simulator (its Get Token calls), not by the page.
//! Also: a session request the page sent itself (`sessionRequest`) is the check's, once.
//!
//! Needs dist/bundle (make test builds it first).

use std::time::Duration;

use advance_liveness_e2e::bundle_page::{BundlePage, events, sessions};
use advance_liveness_e2e::webdriver::{Browser, Camera};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(30);
const FRAME: &str = "return document.querySelector('#check [data-state=in-progress] iframe')";

#[tokio::test]
async fn an_element_moved_twice_during_a_check_keeps_its_session_and_fires_one_success() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    browser
        .eval(
            "const check = document.createElement('advance-liveness');
             check.id = 'check';
             document.getElementById('a').append(check);",
            json!([]),
        )
        .await;
    browser.wait_for("the frame", FRAME, PATIENCE).await;
    assert_eq!(page.sessions_minted(), 1);

    // Two moves, each in one task: appended elsewhere (an implicit removal), then removed and
    // inserted again explicitly.
    browser.eval("document.getElementById('b').append(document.getElementById('check'))", json!([])).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    browser
        .eval(
            "const check = document.getElementById('check'); check.remove(); document.getElementById('a').prepend(check);",
            json!([]),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = browser
        .eval(
            "return { parent: document.getElementById('check').parentNode.id, frames: document.querySelectorAll('iframe').length }",
            json!([]),
        )
        .await;
    assert_eq!(after, json!({"parent": "a", "frames": 1}), "the same check, in its new place");
    let states: Vec<_> = events(&browser, "liveness-state").await.into_iter().map(|d| d["state"].clone()).collect();
    let count = |state: &str| states.iter().filter(|s| *s == state).count();
    assert_eq!((count("checking-camera"), count("in-progress")), (1, 1), "no second flow: {states:?}");

    // The user finishes the check in the (moved) frame.
    browser.wait_for("the frame", FRAME, PATIENCE).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    browser.wait_for("passed", "return document.querySelector('#check [data-state=passed]')", PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    assert_eq!(page.sessions_minted(), 1, "one session minted, by the vendor's count");
    let minted = sessions(&browser).await;
    assert_eq!(minted.len(), 1);
    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "exactly one liveness-success: {successes:?}");
    assert_eq!((&successes[0]["signatureId"], &successes[0]["verified"]), (&json!(minted[0]), &json!(true)));
    assert!(events(&browser, "liveness-error").await.is_empty());
}

#[tokio::test]
async fn an_element_removed_for_good_releases_its_check_before_the_next_task() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    browser
        .eval(
            "const check = document.createElement('advance-liveness');
             check.id = 'check';
             document.getElementById('a').append(check);",
            json!([]),
        )
        .await;
    browser.wait_for("the frame", FRAME, PATIENCE).await;
    // Removed, and still out of the page when the script is done: released, emptied.
    let left = browser
        .eval_async(
            "const [done] = arguments; const check = document.getElementById('check'); check.remove();
             const during = check.children.length;
             setTimeout(() => done({ during, after: check.children.length }));",
            json!([]),
        )
        .await;
    assert_eq!(left["after"], json!(0), "released by the next task: {left}");
    assert_ne!(left["during"], json!(0), "not before the script is done (a move would still keep it): {left}");
}

/// The README's head start: the page sends the session request itself as it loads and hands the
/// promise to the element (`sessionRequest`), here set before the element is upgraded, as an
/// inline script after it does. The check uses that answer: one session, no second request.
#[tokio::test]
async fn a_session_request_the_page_sent_is_used_once_and_no_second_is_sent() {
    let page = BundlePage::start().await;
    let browser = Browser::start(Camera::Granted).await;
    browser.goto(&page.url).await;
    browser
        .eval(
            "// Made in a document without the definition: its property is an own one, until adopted.
             const check = document.implementation.createHTMLDocument('').createElement('advance-liveness');
             check.id = 'check';
             check.sessionRequest = window.fetch('/api/liveness/session', {
               method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}',
             });
             document.getElementById('a').append(check);",
            json!([]),
        )
        .await;
    browser.wait_for("the frame", FRAME, PATIENCE).await;
    browser.enter_frame(0).await;
    browser.start_liveness_check().await;
    browser.leave_frames().await;
    browser.wait_for("passed", "return document.querySelector('#check [data-state=passed]')", PATIENCE).await;
    assert_eq!(page.sessions_minted(), 1, "the page's request was the check's session");
    let minted = sessions(&browser).await;
    let successes = events(&browser, "liveness-success").await;
    assert_eq!(successes.len(), 1, "{successes:?}");
    assert_eq!(successes[0]["signatureId"], json!(minted[0]));

    // Starting over (an attribute change) sends its own request: the page's answer was read once.
    browser.eval("document.getElementById('check').setAttribute('user-id', 'u-2')", json!([])).await;
    browser.wait_for("the new frame", FRAME, PATIENCE).await;
    assert_eq!(page.sessions_minted(), 2);
}
