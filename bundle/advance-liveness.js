// advance-liveness: the ADVANCE AI H5 liveness check as a custom element and a mount() function.
// The logic is the Rust component compiled to WebAssembly (advance_liveness_bg.wasm, loaded from
// next to this file); this module only maps attributes to options and the element's lifecycle to
// mount/destroy.
//
// Importing it is safe wherever JS runs (Node while a framework renders on the server, workers,
// jsdom): nothing here touches the DOM or the network at load. The element is defined where
// `customElements` exists; the wasm is fetched when the first check mounts, never before.

let loading = null;

/** `mountLiveness` from the wasm, loaded on first use (again after a failed load). */
function load() {
  // The wasm download starts alongside the glue's, not after it: one round trip less.
  loading ??= Promise.all([fetch(new URL("./advance_liveness_bg.wasm", import.meta.url)), import("./advance_liveness.js")])
    .then(async ([wasm, glue]) => {
      await glue.default({ module_or_path: wasm });
      return glue.mountLiveness;
    })
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** Mounts a liveness check into `element`. Returns at once; `ready` settles when it is mounted. */
export function mount(element, options = {}) {
  let mounted = null;
  let destroyed = false;
  const done = load().then((mountLiveness) => {
    if (!destroyed) mounted = mountLiveness(element, options);
  });
  return {
    ready: done,
    setTexts(texts) {
      if (mounted) mounted.setTexts(texts);
      else options = { ...options, texts };
    },
    setFullscreen(fullscreen) {
      if (mounted) mounted.setFullscreen(fullscreen);
      else options = { ...options, fullscreen };
    },
    destroy() {
      destroyed = true;
      if (mounted) {
        mounted.destroy();
        mounted.free();
        mounted = null;
      }
    },
  };
}

/** `<advance-liveness>`. Outside a browser (no `HTMLElement`) the class exists but is never used. */
export class AdvanceLivenessElement extends (globalThis.HTMLElement ?? class {}) {
  // `texts` and `fullscreen` change in place; a change to any other starts a new check.
  static observedAttributes = [
    "texts",
    "fullscreen",
    "session-endpoint",
    "result-endpoint",
    "liveness-origin",
    "cross-device",
    "verify",
    "user-id",
    "mode",
    "product-level",
  ];
  #handle = null;
  #texts = undefined;
  #restarting = false;

  /** Text overrides (an object); the `texts` attribute takes the same as JSON. Applied in place. */
  get texts() {
    return this.#texts;
  }

  set texts(value) {
    this.#texts = value;
    this.#changed("texts");
  }

  connectedCallback() {
    // A check still here means this connect ends a move (see disconnectedCallback): it goes on.
    if (!this.#handle) this.#start();
  }

  disconnectedCallback() {
    // A move (removed, then inserted again in the same task: a list re-ordered, a framework's
    // reconciliation) keeps the check: it is released only if the element is still out of the
    // page once the current task's script is done.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  // `moveBefore()` moves without disconnecting: the check, and even the vendor's frame, go on.
  connectedMoveCallback() {}

  attributeChangedCallback(name, previous, value) {
    if (previous !== value) this.#changed(name);
  }

  #changed(name) {
    // Out of the page there is nothing to update: connecting reads every attribute.
    if (!(this.#handle || this.isConnected)) return;
    const handle = this.#handle;
    if (handle && name === "texts") this.#update(() => handle.setTexts(this.#currentTexts()));
    else if (handle && name === "fullscreen") handle.setFullscreen(this.#fullscreen());
    else if (!this.#restarting) {
      // Several attributes set together (a framework's re-render) start one new check, not one each.
      this.#restarting = true;
      queueMicrotask(() => {
        this.#restarting = false;
        if (!this.isConnected) return; // removed meanwhile: the removal releases it
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
      this.#fail(error);
      return;
    }
    const handle = mount(this, options);
    this.#handle = handle;
    handle.ready.catch((error) => {
      if (this.#handle !== handle) return;
      this.#handle = null; // nothing mounted: fixing an attribute starts a check
      this.#fail(error);
    });
  }

  /** Releases the check exactly as removal does: no event from it ever again. */
  #stop() {
    this.#handle?.destroy();
    this.#handle = null;
    this.replaceChildren();
  }

  /** Runs an in-place change; a mistake in it ends the check with `invalid-options`. */
  #update(change) {
    try {
      change();
    } catch (error) {
      this.#stop();
      this.#fail(error);
    }
  }

  #currentTexts() {
    return this.#texts ?? (this.hasAttribute("texts") ? JSON.parse(this.getAttribute("texts")) : undefined);
  }

  #fullscreen() {
    return this.hasAttribute("fullscreen") && this.getAttribute("fullscreen") !== "false";
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
