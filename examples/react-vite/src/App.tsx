// <advance-liveness> in a React 19 component. Importing "@advance-liveness/element/react" defines
// the element and types it in JSX; React 19 passes `texts` as a property, the other props as
// attributes, and wires `onliveness-<name>` props to the element's `liveness-<name>` events.
import { useState } from "react";
import "@advance-liveness/element/react";
import type { LivenessOutcomeDetail, LivenessTexts } from "@advance-liveness/element/react";

// Defined once, outside the component: the same object on every render.
const TEXTS: LivenessTexts = { passed: "Verified: welcome back" };

interface Logged {
  name: string;
  detail: unknown;
}

export function App() {
  const [events, setEvents] = useState<Logged[]>([]);
  const [outcome, setOutcome] = useState<LivenessOutcomeDetail | null>(null);
  const log = (name: string) => (event: CustomEvent) => setEvents((all) => [...all, { name, detail: event.detail }]);

  return (
    <main style={{ maxWidth: "40rem", margin: "2rem auto", fontFamily: "system-ui, sans-serif" }}>
      <h1>Verify it's you</h1>
      <p>
        This page is a React app: the check is the <code>&lt;advance-liveness&gt;</code> element.
      </p>
      <advance-liveness
        id="check"
        session-endpoint="/api/liveness/session"
        cross-device="auto"
        texts={TEXTS}
        onliveness-state={log("liveness-state")}
        onliveness-camera={log("liveness-camera")}
        onliveness-success={(event) => {
          setOutcome(event.detail);
          log("liveness-success")(event);
        }}
        onliveness-failure={log("liveness-failure")}
        onliveness-error={log("liveness-error")}
      />
      {outcome && (
        <p id="outcome">
          {outcome.verified ? "Verified" : "Not verified"} by the server: session {outcome.signatureId}
        </p>
      )}
      <h2>Events</h2>
      <ol id="events">
        {events.map((e, i) => (
          <li key={i} data-event={e.name} data-detail={JSON.stringify(e.detail)}>
            {e.name} {JSON.stringify(e.detail)}
          </li>
        ))}
      </ol>
    </main>
  );
}
