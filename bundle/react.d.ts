// `@advance-liveness/element/react`: the same module as the package's main entry, with
// <advance-liveness> typed in React 19's JSX. Import this one in a React + TypeScript project.
//
// React 19 sets `texts` as a property (the element has one) and the other props as attributes,
// and wires a function prop `on<event>` to addEventListener("<event>"): `onliveness-success`
// listens for `liveness-success`.

import type { HTMLAttributes, RefAttributes } from "react";
import type { AdvanceLivenessElement, AdvanceLivenessEventMap, LivenessOptions, LivenessTexts } from "./index";

export * from "./index";

type Listener<K extends keyof AdvanceLivenessEventMap> = (event: AdvanceLivenessEventMap[K]) => void;

/** The props of `<advance-liveness>` in JSX: its attributes and its events. */
export interface AdvanceLivenessProps extends HTMLAttributes<AdvanceLivenessElement>, RefAttributes<AdvanceLivenessElement> {
  /** In place: the check goes on. */
  texts?: LivenessTexts;
  /** In place. */
  fullscreen?: boolean | "true" | "false" | "auto";
  /** In place: a BCP 47 tag; without it, the page's `lang`, then the browser's languages. */
  locale?: string;
  /** Where the locale packs are, ending in `/` (default: `locales/` next to the module). */
  "locale-packs"?: string;
  // Each of these starts a new check when it changes.
  "session-endpoint"?: string;
  "result-endpoint"?: string;
  "qr-endpoint"?: string;
  "liveness-origin"?: string;
  "cross-device"?: LivenessOptions["crossDevice"];
  /** `"false"` skips the server's verdict (React drops a `false` attribute, which means the default). */
  verify?: "true" | "false";
  "user-id"?: string;
  mode?: "iframe" | "redirect";
  "product-level"?: "STANDARD" | "PRO";
  "onliveness-state"?: Listener<"liveness-state">;
  "onliveness-camera"?: Listener<"liveness-camera">;
  "onliveness-success"?: Listener<"liveness-success">;
  "onliveness-failure"?: Listener<"liveness-failure">;
  "onliveness-error"?: Listener<"liveness-error">;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "advance-liveness": AdvanceLivenessProps;
    }
  }
}
