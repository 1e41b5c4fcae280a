// advance-liveness: the ADVANCE AI H5 liveness check as a custom element and a mount() function.
// The logic is the Rust component compiled to WebAssembly (advance_liveness_bg.wasm, loaded from
// next to this file); this module only maps attributes to options and the element's lifecycle to
// mount/destroy.

// The wasm download starts now, alongside the glue's, instead of after it: one round trip less
// before the check can mount (a static import would be fetched before this line runs).
const wasm = fetch(new URL("./advance_liveness_bg.wasm", import.meta.url));
const ready = import("./advance_liveness.js").then(async (glue) => {
  await glue.default({ module_or_path: wasm });
  return glue.mountLiveness;
});

/** Mounts a liveness check into `element`. Returns at once; `ready` settles when it is mounted. */
export function mount(element, options = {}) {
  let mounted = null;
  let destroyed = false;
  const done = ready.then((mountLiveness) => {
    if (!destroyed) mounted = mountLiveness(element, options);
  });
  return {
    ready: done,
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

/** `<advance-liveness>`: attributes are read when the element is connected. */
export class AdvanceLivenessElement extends HTMLElement {
  #handle = null;
  #texts = undefined;

  /** Text overrides (an object); the `texts` attribute takes the same as JSON. */
  get texts() {
    return this.#texts;
  }

  set texts(value) {
    this.#texts = value;
  }

  connectedCallback() {
    let options;
    try {
      options = this.#options();
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#handle = mount(this, options);
    this.#handle.ready.catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    // Releases the listener, polling and everything else; re-adding the element starts anew.
    this.#handle?.destroy();
    this.#handle = null;
    this.replaceChildren();
  }

  #options() {
    const attr = (name) => this.getAttribute(name) ?? undefined;
    const options = {
      sessionEndpoint: attr("session-endpoint"),
      resultEndpoint: attr("result-endpoint"),
      livenessOrigin: attr("liveness-origin"),
      crossDevice: attr("cross-device"),
      fullscreen: this.hasAttribute("fullscreen") && attr("fullscreen") !== "false",
      verify: this.hasAttribute("verify") ? attr("verify") !== "false" : undefined,
    };
    const texts = this.#texts ?? (this.hasAttribute("texts") ? JSON.parse(attr("texts")) : undefined);
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

if (!customElements.get("advance-liveness")) {
  customElements.define("advance-liveness", AdvanceLivenessElement);
}
