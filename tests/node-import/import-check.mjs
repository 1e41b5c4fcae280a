// The packed package imported where server-side rendering and test runners import it: plain Node,
// a worker thread, and jsdom. Each import must succeed without a single network request; under
// jsdom (which has customElements) the element is defined, and only connecting one fetches the
// wasm, which shows the request counting works.
//
// Usage: node import-check.mjs CONSUMER_DIR (a project with the packed package installed).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const consumer = process.argv[2];
const entry = pathToFileURL(createRequire(`${consumer}/package.json`).resolve("@advance-liveness/element"));
const tick = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

// Every fetch is recorded and refused: nothing may reach a network.
const requests = [];
globalThis.fetch = (url) => {
  requests.push(String(url));
  return Promise.reject(new TypeError(`network disabled in this check: ${url}`));
};

// 1. Plain Node, as a framework's server renderer imports it.
const plain = await import(`${entry}?plain`);
assert.equal(typeof plain.mount, "function");
assert.equal(typeof plain.AdvanceLivenessElement, "function");
await tick();
assert.deepEqual(requests, [], "importing under plain Node makes no request");
console.log("plain Node: imported, no request");

// 2. A worker thread: no DOM at all, its own globals.
const inWorker = await new Promise((resolve, reject) => {
  const code = `const { parentPort } = require("node:worker_threads");
    let requests = 0;
    globalThis.fetch = () => { requests++; return Promise.reject(new Error("no network")); };
    import(${JSON.stringify(`${entry}?worker`)})
      .then((m) => new Promise((r) => setTimeout(r, 100)).then(() => parentPort.postMessage({ exports: Object.keys(m).sort(), requests })))
      .catch((e) => parentPort.postMessage({ error: String(e) }));`;
  const worker = new Worker(code, { eval: true });
  worker.once("message", (message) => {
    resolve(message);
    worker.terminate();
  });
  worker.once("error", reject);
});
assert.deepEqual(inWorker, { exports: ["AdvanceLivenessElement", "cameraReadyNow", "earlyFrameSrc", "mount", "negotiateLocale"], requests: 0 }, "a worker imports it");
console.log("worker thread: imported, no request");

// The locale rules: the same table as src/locale.rs (tests/locale_matching.rs).
const cases = JSON.parse(readFileSync(new URL("../cases/locale_tags.json", import.meta.url), "utf8"));
for (const [tag, expected] of Object.entries(cases.tags)) {
  assert.equal(plain.negotiateLocale([tag]), expected ?? "en", `negotiateLocale([${JSON.stringify(tag)}])`);
}
for (const [tags, expected] of cases.lists) {
  assert.equal(plain.negotiateLocale(tags), expected, `negotiateLocale(${JSON.stringify(tags)})`);
}
console.log(`locale rules: ${Object.keys(cases.tags).length} tags and ${cases.lists.length} lists as src/locale.rs decides`);

// The head start's two rules: the same table as src/camera_readiness.rs and src/flow.rs. It frames
// early only what the Rust rules frame, exactly as they write it, and it does for the usual URLs.
const early = JSON.parse(readFileSync(new URL("../cases/early_frame.json", import.meta.url), "utf8"));
for (const [facts, verdict] of early.camera) {
  assert.equal(plain.cameraReadyNow(facts), verdict === "ready", `cameraReadyNow(${JSON.stringify(facts)})`);
}
const now = Date.now();
for (const { url, origin, pinned, early: expected } of early.urls) {
  const session = { url, livenessOrigin: origin, expiresAt: now + 60_000 };
  assert.equal(plain.earlyFrameSrc(session, pinned, now), expected, `earlyFrameSrc(${JSON.stringify(session)}, ${pinned})`);
  assert.equal(plain.earlyFrameSrc({ ...session, expiresAt: now }, pinned, now), null, `an expired session waits: ${url}`);
}
assert.equal(plain.earlyFrameSrc(null, undefined, now), null);
assert.equal(plain.earlyFrameSrc({ url: 1, livenessOrigin: "https://liveness.advance.ai", expiresAt: now + 1 }, undefined, now), null);
console.log(`head start rules: ${early.camera.length} camera facts and ${early.urls.length} session URLs as the Rust rules decide`);

// 3. jsdom, as test runners set it up: the window's globals on globalThis.
const dom = new JSDOM("<!doctype html><body></body>", { url: "https://shop.example/checkout" });
for (const name of ["window", "document", "HTMLElement", "customElements", "CustomEvent", "Node"]) {
  globalThis[name] = dom.window[name];
}
const jsdom = await import(`${entry}?jsdom`);
assert.equal(customElements.get("advance-liveness"), jsdom.AdvanceLivenessElement, "defined where customElements is");
const element = document.createElement("advance-liveness");
element.setAttribute("user-id", "u-1");
element.texts = { passed: "Lolos" };
await tick();
assert.deepEqual(requests, [], "importing, creating an element and setting its options make no request");
console.log("jsdom: imported and defined, no request until an element connects");

// Connecting is what starts the check: the session request and the wasm next to the module.
// (Both refused here, so the element reports it.)
const error = new Promise((resolve) => element.addEventListener("liveness-error", (e) => resolve(e.detail)));
document.body.append(element);
const detail = await Promise.race([error, tick(5000).then(() => "no liveness-error")]);
// The head start's session request leaves at once, next to the wasm's download.
assert.deepEqual(requests.map((url) => url.replace(/^.*\//, "")).sort(), ["advance_liveness_bg.wasm", "session"], `once connected: ${requests}`);
assert.match(detail.message, /network disabled/);
await tick();
assert.equal(element.querySelector("section"), null, "a check that could not load leaves nothing behind");
console.log("jsdom: connecting sent the session request and fetched the wasm once; the refusal was reported");
