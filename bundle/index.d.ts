// Types for the advance-liveness bundle: the <advance-liveness> element, its events, mount().

/** Where the check stands; also the `data-state` attribute of the component's root. */
export type LivenessState =
  | "checking-camera"
  | "loading-session"
  | "in-progress"
  | "cross-device"
  | "passed"
  | "failed"
  | "error";

/** Why the camera could not be used. */
export type CameraProblem =
  | "denied-by-user"
  | "denied-by-policy"
  | "no-camera"
  | "insecure-context"
  | "camera-busy"
  | "unsupported";

/** Every text the component shows; unset ones keep their English default. */
export interface LivenessTexts {
  checkingCamera?: string;
  loadingSession?: string;
  inProgress?: string;
  verifying?: string;
  passed?: string;
  failed?: string;
  frameTitle?: string;
  useOtherDevice?: string;
  exitFullscreen?: string;
  crossDeviceTitle?: string;
  waitingOtherDevice?: string;
  crossDeviceIntro?: string;
  cameraDenied?: string;
  cameraBlockedByPolicy?: string;
  cameraMissing?: string;
  cameraInsecure?: string;
  cameraBusy?: string;
  cameraUnsupported?: string;
  qrLabel?: string;
  linkLabel?: string;
  copyLink?: string;
  copied?: string;
  copyFailed?: string;
  retryHere?: string;
  /** `{time}` is replaced by `m:ss`. */
  timeLeft?: string;
  expired?: string;
  startOver?: string;
  networkError?: string;
  serverError?: string;
  invalidSession?: string;
}

/** A session the page already has (the session server's `POST /api/liveness/session` answer). */
export interface LivenessSession {
  signatureId: string;
  url: string;
  livenessOrigin: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Present when the site's backend minted the session (`POST /api/liveness/backend/sessions`):
   *  the check reads the result with it instead of the cookie. */
  clientSecret?: string;
}

/** Options of `mount()`; the element builds the same from its attributes. */
export interface LivenessOptions {
  /** Default `/api/liveness/session`. */
  sessionEndpoint?: string;
  /** `{signatureId}` is replaced. Default `/api/liveness/sessions/{signatureId}/result`. */
  resultEndpoint?: string;
  /**
   * The session link's QR code (SVG) for the cross-device panel; `{signatureId}` is replaced.
   * Default: next to a `resultEndpoint` ending in `/result`, else
   * `/api/liveness/sessions/{signatureId}/qr`.
   */
  qrEndpoint?: string;
  /** Accept only this liveness origin, whatever the server says. */
  livenessOrigin?: string;
  /** Default `auto`. */
  crossDevice?: "auto" | "always" | "never";
  /**
   * Cover the viewport while the liveness page is shown: `"auto"` (the default) on narrow
   * screens (phones, `max-width: 40rem`), `true` always, `false` never. An "Exit full screen"
   * button takes it back into the page.
   */
  fullscreen?: boolean | "auto";
  /** Wait for the server's verified result (default `true`). */
  verify?: boolean;
  /** Text overrides: each wins over the locale's pack. */
  texts?: LivenessTexts;
  /**
   * The language, a BCP 47 tag (`"id"`, `"zh-TW"`, `"ar"`...). Default: the page's `lang`, then
   * `navigator.languages`, then English. Packs: en (built in), id, ms, th, vi, fil, zh-Hans,
   * zh-Hant, hi, es, pt-BR, ar (right to left).
   */
  locale?: string;
  /** Where the locale packs are (a URL ending in `/`). Default: `locales/` next to this module. */
  localePacks?: string;
  /** The session request body. */
  request?: {
    userId?: string;
    mode?: "iframe" | "redirect";
    productLevel?: "STANDARD" | "PRO";
    /** Set by the check to the locale it chose. */
    locale?: string;
  };
  /** A session the page already has: none is fetched. */
  session?: LivenessSession;
  /** The session request the page already sent (the `fetch` of `POST sessionEndpoint`): its
   *  answer is used instead of sending one, for this check only. */
  sessionRequest?: Promise<Response>;
}

/** `detail` of `liveness-success` and `liveness-failure`. */
export interface LivenessOutcomeDetail {
  signatureId: string;
  /** Whether the server's verified result backs this outcome. */
  verified: boolean;
  status: "passed" | "failed";
  score: number | null;
  attackType: "presentation" | "injection" | "unsure" | null;
  code: string | null;
}

/** `detail` of `liveness-error`. */
export interface LivenessErrorDetail {
  reason: "camera" | "server" | "network" | "invalid-session" | "expired" | "invalid-options" | "locale-pack";
  message: string;
  /** `false` only for `locale-pack`: the pack did not load and the check goes on in English. */
  fatal: boolean;
  /** HTTP status, for `server`. */
  status?: number;
  /** The server's error code, for `server`. */
  code?: string;
  /** The camera problem, for `camera`. */
  camera?: CameraProblem;
}

/** `detail` of `liveness-state`. */
export interface LivenessStateDetail {
  state: LivenessState;
}

/** `detail` of `liveness-camera`: the camera pre-flight's verdict, each time it is checked. */
export interface LivenessCameraDetail {
  camera: "ready" | CameraProblem;
}

/** The element's events; also in `HTMLElementEventMap`, so `addEventListener` is typed on it. */
export interface AdvanceLivenessEventMap {
  "liveness-state": CustomEvent<LivenessStateDetail>;
  "liveness-camera": CustomEvent<LivenessCameraDetail>;
  "liveness-success": CustomEvent<LivenessOutcomeDetail>;
  "liveness-failure": CustomEvent<LivenessOutcomeDetail>;
  "liveness-error": CustomEvent<LivenessErrorDetail>;
}

/** `<advance-liveness>`. Attributes (all observed):
 *  - `texts` (JSON, or the `texts` property), `locale` and `fullscreen` change in place: the
 *    check goes on;
 *  - `session-endpoint`, `result-endpoint`, `qr-endpoint`, `liveness-origin`, `cross-device`,
 *    `verify` (`"false"` to skip the server's verdict), `user-id`, `mode`, `product-level`,
 *    `locale-packs`, `session`
 *    (JSON of a backend-minted session, or the `session` property): a change releases the
 *    running check as removal does (it never fires again) and starts a new one; changes made
 *    together start one.
 *  Moving the element (removed and inserted again in the same task) keeps the running check. */
export declare class AdvanceLivenessElement extends HTMLElement {
  static readonly observedAttributes: readonly string[];
  /** Text overrides, applied in place. */
  texts: LivenessTexts | undefined;
  /** A session the site's backend minted (with its `clientSecret`): used instead of minting one. */
  session: LivenessSession | undefined;
  /** The session request the page sent as it loaded (README: a head start on a phone): the next
   *  check that starts reads its answer instead of sending one. */
  sessionRequest: Promise<Response> | undefined;
}

export interface MountedLiveness {
  /** Settles when the check is mounted (rejects on invalid options). */
  ready: Promise<void>;
  /** Changes `texts`, `locale` and `fullscreen` in place (`texts: {}` restores the defaults,
   *  `locale: ""` follows the page again). Throws on a mistake in them; the check keeps what it
   *  showed. */
  update(changes: Pick<LivenessOptions, "texts" | "fullscreen" | "locale">): void;
  /** Releases everything: listener, polling, DOM. Idempotent. */
  destroy(): void;
}

/** The locale pack for BCP 47 tags, most preferred first (`"en"` if none is served): what
 *  the check chooses from `locale`, the page's `lang` and `navigator.languages`. */
export declare function negotiateLocale(tags: readonly string[]): "en" | "id" | "ms" | "th" | "vi" | "fil" | "zh-Hans" | "zh-Hant" | "hi" | "es" | "pt-BR" | "ar";

/** Mounts a check into `element`; the wasm is fetched on the first call. */
export declare function mount(element: HTMLElement, options?: LivenessOptions): MountedLiveness;

declare global {
  interface HTMLElementTagNameMap {
    "advance-liveness": AdvanceLivenessElement;
  }
  interface HTMLElementEventMap extends AdvanceLivenessEventMap {}
}
