// advance-liveness: the ADVANCE AI H5 liveness check as a custom element and a mount() function.
// The logic is the Rust component compiled to WebAssembly (advance_liveness_bg.wasm, next to this
// file); this module maps attributes to options and the element's lifecycle to mount/destroy.
// Safe to import anywhere (server rendering, workers, jsdom): nothing runs against the DOM or the
// network at load, and the wasm is fetched when the first check mounts.
//
// While the wasm downloads, this module gives the check a head start (headStart below): the
// session request and the camera questions leave at once, and when both answers allow it the
// liveness frame is shown, its messages held for the wasm, which then takes the check over and
// judges everything by its own rules. The two rules this needs in JS are checked against the
// same tables of cases as the Rust ones (tests/cases/early_frame.json).

let loading = null;

function load() {
  // The wasm and the glue download at once; a failed load is tried again next time.
  loading ??= Promise.all([globalThis.fetch(new URL("./advance_liveness_bg.wasm", import.meta.url)), import("./advance_liveness.js")])
    .then(([wasm, glue]) => glue.default({ module_or_path: wasm }).then(() => glue.mountLiveness))
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

// The wasm reads `fullscreen` as a string: `true` / `false` become "true" / "false".
const wasmOptions = (options) =>
  typeof options.fullscreen === "boolean" ? { ...options, fullscreen: String(options.fullscreen) } : options;

const PACKS = ["en", "id", "ms", "th", "vi", "fil", "zh-Hans", "zh-Hant", "hi", "es", "pt-BR", "ar"];

/**
 * The locale pack for a list of BCP 47 tags, most preferred first: the rules of src/locale.rs
 * (by language; Chinese by script, else region; Brazilian Portuguese not for pt-PT), checked
 * against the same table of cases (tests/cases/locale_tags.json). Done here, before the wasm is
 * in, so the pack downloads alongside it.
 */
export function negotiateLocale(tags) {
  const regional = new Set();
  for (const tag of tags) {
    let parsed;
    try {
      parsed = new Intl.Locale(String(tag).trim().replace(/_/g, "-"));
    } catch {
      continue;
    }
    const { language, script, region } = parsed;
    let pack = language;
    if (language === "zh") {
      pack = script ? { Hant: "zh-Hant", Hans: "zh-Hans" }[script] : ["TW", "HK", "MO"].includes(region) ? "zh-Hant" : "zh-Hans";
    } else if (language === "pt") {
      if (region && region !== "BR") regional.add(language);
      pack = regional.has(language) && region !== "BR" ? null : "pt-BR";
    }
    if (PACKS.includes(pack)) return pack;
  }
  return "en";
}

/**
 * Whether the camera facts the head start gathered let the liveness page run without a
 * getUserMedia probe: the one verdict of src/camera_readiness.rs (`CameraFacts::verdict`) that
 * frames at once. Anything else is left to the wasm, which decides with the full rule.
 */
export function cameraReadyNow(facts) {
  return facts.secureContext && facts.getUserMedia && facts.policy !== false && facts.permission === "granted" && facts.cameraListed !== false;
}

// A URL the Rust rule (src/rules/liveness_url.rs) frames exactly as written: an http(s) origin in
// its serialised form (http on loopback only), then only characters RFC 3986 allows in a path and
// query, and whole percent-escapes. No fragment, no credentials, no punycode.
const PLAIN_URL = /^(https:\/\/(?!.*xn--)[a-z0-9.-]+|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\]))(:\d{1,5})?(\/([\w\-.~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

/**
 * The iframe `src` for a session before the wasm is in, or null to leave it to the wasm. Never
 * a URL the Rust rule would refuse: only one already in the form that rule writes, on the
 * session's liveness origin (and the pinned one, when set), in a session not yet expired.
 */
export function earlyFrameSrc(session, pinned, now) {
  const { url, livenessOrigin: origin, expiresAt } = session ?? {};
  if (typeof url !== "string" || typeof origin !== "string" || !(expiresAt > now) || url.length > 8192) return null;
  if (!PLAIN_URL.test(origin) || (pinned !== undefined && pinned !== origin)) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // The parser's own serialisation must be the URL as written (an empty path is written "/"): then
  // nothing in it is normalised, and escaping its parts, as the Rust rule does, changes nothing.
  const src = /^[a-z]+:\/\/[^/]*$/.test(url) ? `${url}/` : url;
  return PLAIN_URL.test(url) && parsed.origin === origin && parsed.href === src ? src : null;
}

// The camera facts, asked at once: the same questions as src/camera.rs, without the probe.
async function cameraFacts(doc) {
  const devices = globalThis.navigator?.mediaDevices;
  const policy = doc.permissionsPolicy ?? doc.featurePolicy;
  const facts = {
    secureContext: globalThis.isSecureContext === true,
    getUserMedia: typeof devices?.getUserMedia === "function",
    policy: typeof policy?.allowsFeature === "function" ? policy.allowsFeature("camera") : null,
    permission: null,
    cameraListed: null,
  };
  if (!facts.secureContext || !facts.getUserMedia || facts.policy === false) return facts;
  const listed = Promise.resolve()
    .then(() => devices.enumerateDevices())
    .then((list) => list.some((device) => device.kind === "videoinput"), () => null);
  facts.permission = await navigator.permissions?.query({ name: "camera" }).then((status) => status.state, () => null) ?? null;
  if (facts.permission === "granted") facts.cameraListed = await listed;
  return facts;
}

// The check's first minutes, before the wasm is in: the session request and the camera questions
// leave at once, every `message` is held from now on (the listener exists before any frame), and
// the liveness frame is shown as soon as both answers allow it. `handOver()` gives all of it to
// the wasm's mount in one task, so no message falls between the two listeners; `release()` undoes
// it when the check ends before that.
function headStart(element, options, locale) {
  // The window the element lives in (where its messages arrive); none under a bare DOM shim.
  const doc = element.ownerDocument;
  const view = doc?.defaultView;
  if (typeof view?.addEventListener !== "function") return null;
  const { session: given, sent, request, sessionEndpoint, crossDevice, livenessOrigin: pinned, fullscreen, texts } = options;
  const held = [];
  const hold = (event) => held.push(event);
  view.addEventListener("message", hold);
  const abort = new AbortController();
  const root = doc.createElement("section");
  root.className = "advance-liveness";
  root.setAttribute("data-state", "checking-camera");
  root.setAttribute("data-head-start", "");
  const status = root.appendChild(doc.createElement("p"));
  status.className = "advance-liveness__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const spinner = root.appendChild(doc.createElement("div"));
  spinner.className = "advance-liveness__spinner";
  spinner.setAttribute("aria-hidden", "true");
  element.append(root);

  const camera = crossDevice === "always" ? null : cameraFacts(doc).catch(() => null);
  // `globalThis.fetch`, looked up at the call as the wasm's calls do, so a page's fetch wrapper
  // (monitoring, tests) sees this request too.
  const mint = () =>
    globalThis.fetch(sessionEndpoint ?? "/api/liveness/session", {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, locale }),
      signal: abort.signal,
    });
  // The page's own request (`sessionRequest`), else ours; `never` needs a session only where this
  // device's camera can be used.
  const session = given
    ? null
    : sent
      ? Promise.resolve(sent)
      : crossDevice === "never"
        ? camera.then((facts) => (facts && cameraReadyNow(facts) ? mint() : null))
        : mint();
  if (camera) {
    const answer = given ? Promise.resolve(given) : session.then((response) => (response?.ok ? response.clone().json() : null));
    Promise.all([answer, camera])
      .then(([answer, facts]) => {
        const src = facts && cameraReadyNow(facts) && earlyFrameSrc(answer, pinned, Date.now());
        if (!src || !root.isConnected || !root.hasAttribute("data-head-start")) return;
        const frame = doc.createElement("iframe");
        frame.className = "advance-liveness__frame";
        frame.title = texts?.frameTitle ?? "Liveness check";
        frame.allow = "autoplay; camera; fullscreen";
        frame.src = src;
        const cover = { auto: " advance-liveness--fullscreen-auto", "": " advance-liveness--fullscreen", true: " advance-liveness--fullscreen" };
        root.className += cover[String(fullscreen ?? "auto")] ?? "";
        root.setAttribute("data-state", "in-progress");
        spinner.replaceWith(frame);
      })
      .catch(() => {});
  }
  const stop = () => view.removeEventListener("message", hold);
  return {
    handOver() {
      stop();
      root.removeAttribute("data-head-start");
      return { session, camera, held, root };
    },
    release() {
      stop();
      abort.abort();
      root.remove();
    },
  };
}

/** Mounts a liveness check into `element`. Returns at once; `ready` settles when it is mounted. */
export function mount(element, options = {}) {
  let { locale: wanted, localePacks, texts, sessionRequest, ...rest } = options;
  let mounted = null;
  let destroyed = false;
  let pack = null;
  let locale = "en";
  let choice = 0;
  // The app's `locale`, else the page's nearest `lang`, else the browser's; then its pack (none
  // for English). A pack that fails leaves English and says so, without stopping the check.
  const pick = (tag) => {
    // The page around the element (not the element: it carries the check's own `lang`).
    const page = element.parentElement?.closest("[lang]")?.getAttribute("lang");
    return negotiateLocale([tag, page, ...(globalThis.navigator?.languages ?? [])].filter(Boolean));
  };
  const choose = (picked) => {
    const mine = ++choice;
    const loaded =
      picked === "en"
        ? Promise.resolve(null)
        : Promise.resolve().then(() => {
            // `String(...)`: bundlers that follow `new URL(..., import.meta.url)` (Vite) would
            // inline every pack into the app's script. With a bundler, serve the packs yourself
            // and set `localePacks` (README, "Languages").
            const url = localePacks
              ? new URL(`${picked}.json`, new URL(localePacks, document.baseURI))
              : new URL(`./locales/${picked}.json`, String(import.meta.url));
            return globalThis.fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url} answered ${r.status}`))));
          });
    return loaded.then(
      (json) => mine === choice && ((pack = json), (locale = picked)),
      (error) => {
        if (mine !== choice) return false;
        pack = null;
        locale = "en";
        const detail = { reason: "locale-pack", message: `the ${picked} texts could not be loaded (${error?.message ?? error}); showing English`, fatal: false };
        setTimeout(() => element.dispatchEvent(new CustomEvent("liveness-error", { detail, bubbles: true, composed: true })));
        return true;
      },
    );
  };
  // The app's texts win over the pack's, key by key. The element says which language it shows
  // (`lang`; `dir` mirrors the layout for Arabic), and the session request carries it.
  const shown = () => {
    element.lang = locale;
    element.dir = locale === "ar" ? "rtl" : "ltr";
    return { ...pack, ...texts };
  };
  // The session is minted in the language chosen now, while the pack (if any) downloads.
  const picked = pick(wanted);
  const start = headStart(element, { ...rest, texts, sent: sessionRequest }, picked);
  const ready = Promise.all([load(), choose(picked)])
    .then(([mountLiveness]) => {
      const request = { ...rest.request, locale };
      if (!destroyed) mounted = mountLiveness(element, wasmOptions({ ...rest, request, texts: shown() }), start?.handOver());
    })
    .catch((error) => {
      start?.release();
      throw error;
    });
  return {
    ready,
    update(changes) {
      if (destroyed) return;
      if (!mounted) return void ready.then(() => this.update(changes), () => {});
      const { locale: tag, ...other } = changes;
      if ("texts" in other) texts = other.texts;
      if (tag === undefined) return mounted.update(wasmOptions({ ...other, ...("texts" in other && { texts: shown() }) }));
      choose(pick(tag || undefined)).then((current) => current && mounted?.update({ texts: shown() }));
    },
    destroy() {
      destroyed = true;
      choice++;
      if (!mounted) start?.release();
      mounted?.destroy();
      mounted?.free();
      mounted = null;
    },
  };
}

/** `<advance-liveness>`; inert where there is no `HTMLElement`. */
export class AdvanceLivenessElement extends (globalThis.HTMLElement ?? class {}) {
  // `texts`, `locale` and `fullscreen` change in place; any other starts a new check.
  static observedAttributes = ["texts", "locale", "fullscreen", "session-endpoint", "result-endpoint",
    "qr-endpoint", "liveness-origin", "cross-device", "verify", "user-id", "mode", "product-level", "locale-packs", "session"];
  #handle = null;
  #texts = undefined;
  #session = undefined;
  #sessionRequest = undefined;
  #restart = false;

  /** Text overrides (an object; the `texts` attribute takes JSON). */
  get texts() {
    return this.#texts;
  }

  set texts(value) {
    const same = JSON.stringify(value) === JSON.stringify(this.#texts); // a re-render
    this.#texts = value;
    if (!same) this.#changed("texts");
  }

  /** A session the site's backend minted (its answer, with `clientSecret`; the `session`
   *  attribute takes JSON). Set, the check uses it instead of minting one. */
  get session() {
    return this.#session;
  }

  set session(value) {
    const same = JSON.stringify(value) === JSON.stringify(this.#session);
    this.#session = value;
    if (!same) this.#changed("session");
  }

  /** The session request the page sent itself, as the page loaded (a `fetch` promise of `POST
   *  /api/liveness/session`): the next check that starts uses its answer instead of sending one.
   *  Set by a small inline script after the element (README), a round trip sooner on a phone. */
  get sessionRequest() {
    return this.#sessionRequest;
  }

  set sessionRequest(value) {
    this.#sessionRequest = value;
  }

  connectedCallback() {
    // Properties a page set before this class was defined are own properties of the element:
    // taken into the class's own, which they would otherwise hide.
    for (const name of ["texts", "session", "sessionRequest"]) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    if (!this.#handle) this.#start(); // else this ends a move
  }

  disconnectedCallback() {
    // A move (out and back in within one task) keeps the check: it is released only if the
    // element is still out once the task's script is done.
    queueMicrotask(() => this.isConnected || this.#stop());
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value) this.#changed(name);
  }

  #changed(name) {
    const handle = this.#handle;
    if (!handle && !this.isConnected) return; // connecting reads them all
    if (handle && (name === "texts" || name === "fullscreen" || name === "locale")) {
      const change = {
        texts: () => ({ texts: this.#currentTexts() ?? {} }),
        fullscreen: () => ({ fullscreen: this.#fullscreen() }),
        locale: () => ({ locale: this.getAttribute("locale") ?? "" }), // "": follow the page
      }[name];
      try {
        handle.update(change());
      } catch (error) {
        this.#stop();
        this.#fail(error);
      }
    } else if (!this.#restart) {
      // Released as removal releases it; attributes set together restart it once. A check
      // started meanwhile (an upgrade reports every attribute, then connects) already has them.
      this.#restart = true;
      queueMicrotask(() => {
        this.#restart = false;
        if (!this.isConnected || this.#handle !== handle) return;
        this.#stop();
        this.#start();
      });
    }
  }

  #start() {
    let options;
    try {
      options = this.#options();
    } catch (error) {
      return this.#fail(error);
    }
    const handle = (this.#handle = mount(this, options));
    handle.ready.catch((error) => {
      if (this.#handle !== handle) return;
      this.#handle = null; // nothing mounted: fixing an attribute starts a check
      this.#fail(error);
    });
  }

  #stop() {
    this.#handle?.destroy();
    this.#handle = null;
    this.replaceChildren();
  }

  #currentTexts() {
    return this.#texts ?? (this.hasAttribute("texts") ? JSON.parse(this.getAttribute("texts")) : undefined);
  }

  // Absent: "auto" (full screen on phones). Present, as written: the wasm reads "" (a bare
  // attribute) and "true" as true, "false", "auto", and names anything else in an error.
  #fullscreen() {
    return this.getAttribute("fullscreen") ?? "auto";
  }

  #options() {
    const attr = (name) => this.getAttribute(name) ?? undefined;
    const options = {
      sessionEndpoint: attr("session-endpoint"),
      resultEndpoint: attr("result-endpoint"),
      qrEndpoint: attr("qr-endpoint"),
      livenessOrigin: attr("liveness-origin"),
      crossDevice: attr("cross-device"),
      fullscreen: this.#fullscreen(),
      locale: attr("locale"),
      localePacks: attr("locale-packs"),
      verify: this.hasAttribute("verify") ? attr("verify") !== "false" : undefined,
    };
    const texts = this.#currentTexts();
    if (texts) options.texts = texts;
    // Its answer is read once: a later check sends its own.
    if (this.#sessionRequest) options.sessionRequest = this.#sessionRequest;
    this.#sessionRequest = undefined;
    const session = this.#session ?? (this.hasAttribute("session") ? JSON.parse(this.getAttribute("session")) : undefined);
    if (session) options.session = session;
    const request = { userId: attr("user-id"), mode: attr("mode"), productLevel: attr("product-level") };
    if (Object.values(request).some((v) => v !== undefined)) options.request = request;
    return options;
  }

  #fail(error) {
    const detail = { reason: "invalid-options", message: String(error?.message ?? error), fatal: true };
    this.setAttribute("data-state", "error");
    // Later, not now: listeners added by a script after the element still hear about it.
    setTimeout(() => this.dispatchEvent(new CustomEvent("liveness-error", { detail, bubbles: true, composed: true })));
  }
}

if (globalThis.customElements && !customElements.get("advance-liveness")) {
  customElements.define("advance-liveness", AdvanceLivenessElement);
}
