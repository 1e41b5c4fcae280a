// advance-liveness: the ADVANCE AI H5 liveness check as a custom element and a mount() function.
// The logic is the Rust component compiled to WebAssembly (advance_liveness_bg.wasm, next to this
// file); this module maps attributes to options and the element's lifecycle to mount/destroy.
// Safe to import anywhere (server rendering, workers, jsdom): nothing runs against the DOM or the
// network at load, and the wasm is fetched when the first check mounts.

let loading = null;

function load() {
  // The wasm and the glue download at once; a failed load is tried again next time.
  loading ??= Promise.all([fetch(new URL("./advance_liveness_bg.wasm", import.meta.url)), import("./advance_liveness.js")])
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

/** Mounts a liveness check into `element`. Returns at once; `ready` settles when it is mounted. */
export function mount(element, options = {}) {
  let mounted = null;
  let destroyed = false;
  return {
    ready: load().then((mountLiveness) => {
      if (!destroyed) mounted = mountLiveness(element, wasmOptions(options));
    }),
    update(changes) {
      if (mounted) mounted.update(wasmOptions(changes));
      else options = { ...options, ...changes };
    },
    destroy() {
      destroyed = true;
      mounted?.destroy();
      mounted?.free();
      mounted = null;
    },
  };
}

/** `<advance-liveness>`; inert where there is no `HTMLElement`. */
export class AdvanceLivenessElement extends (globalThis.HTMLElement ?? class {}) {
  // `texts` and `fullscreen` change in place; any other starts a new check.
  static observedAttributes = ["texts", "fullscreen", "session-endpoint", "result-endpoint", "liveness-origin",
    "cross-device", "verify", "user-id", "mode", "product-level"];
  #handle = null;
  #texts = undefined;
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

  connectedCallback() {
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
    if (handle && (name === "texts" || name === "fullscreen")) {
      try {
        handle.update(name === "texts" ? { texts: this.#currentTexts() ?? {} } : { fullscreen: this.#fullscreen() });
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
      livenessOrigin: attr("liveness-origin"),
      crossDevice: attr("cross-device"),
      fullscreen: this.#fullscreen(),
      verify: this.hasAttribute("verify") ? attr("verify") !== "false" : undefined,
    };
    const texts = this.#currentTexts();
    if (texts) options.texts = texts;
    const request = { userId: attr("user-id"), mode: attr("mode"), productLevel: attr("product-level") };
    if (Object.values(request).some((v) => v !== undefined)) options.request = request;
    return options;
  }

  #fail(error) {
    const detail = { reason: "invalid-options", message: String(error?.message ?? error) };
    this.setAttribute("data-state", "error");
    // Later, not now: listeners added by a script after the element still hear about it.
    setTimeout(() => this.dispatchEvent(new CustomEvent("liveness-error", { detail, bubbles: true, composed: true })));
  }
}

if (globalThis.customElements && !customElements.get("advance-liveness")) {
  customElements.define("advance-liveness", AdvanceLivenessElement);
}
